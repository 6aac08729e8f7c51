// Package web serves cddh-sync's own HTTP endpoints on http.listen: /healthz (the
// process is alive), /readyz (the database answers, the schema is migrated, and the
// process is not shutting down) and /metrics (Prometheus). The dashboard joins them
// here. Only /healthz and /readyz are ever anonymous, and /readyz tells an
// anonymous caller only "ready" or "not ready": the reason goes to the log.
//
// Every response, downloads and errors included, carries X-Content-Type-Options:
// nosniff and Referrer-Policy: same-origin. With a certificate and key it serves
// TLS 1.2 or newer only; ReloadTLS reads them again (SIGHUP).
package web

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/rs/zerolog"

	"cddh-sync/sync/metrics/prom"
)

// ReadyFunc reports whether a dependency is ready.
type ReadyFunc func(ctx context.Context) error

// Options configure the server.
type Options struct {
	Listen   string
	Ready    ReadyFunc
	Registry *prom.Registry
	Logger   zerolog.Logger
	// Extra mounts further handlers (the dashboard) on the same mux.
	Extra func(mux *http.ServeMux)
	// TLSCertFile and TLSKeyFile (PEM) turn TLS on (http.tls_cert_file,
	// http.tls_key_file). Both or neither.
	TLSCertFile, TLSKeyFile string
}

// Server is the HTTP server. Create with New, run with Serve, stop with Shutdown.
type Server struct {
	opts     Options
	srv      *http.Server
	ln       net.Listener
	stopping atomic.Bool
	cert     atomic.Pointer[tls.Certificate]
	// lastNotReady is the reason last logged, so a probe every few seconds logs a
	// change, not every answer.
	lastNotReady atomic.Pointer[string]
}

// New binds the listen address at once, so a port in use is reported at start-up.
func New(opts Options) (*Server, error) {
	if (opts.TLSCertFile == "") != (opts.TLSKeyFile == "") {
		return nil, errors.New("http.tls_cert_file and http.tls_key_file: give both or neither")
	}
	s := &Server{opts: opts}
	if opts.TLSCertFile != "" {
		if err := s.ReloadTLS(); err != nil {
			return nil, err
		}
	}
	ln, err := net.Listen("tcp", opts.Listen)
	if err != nil {
		return nil, fmt.Errorf("http.listen %s: %w", opts.Listen, err)
	}
	s.ln = ln
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = w.Write([]byte("ok\n"))
	})
	mux.HandleFunc("GET /readyz", s.readyz)
	if opts.Registry != nil {
		mux.Handle("GET /metrics", MetricsHandler(opts.Registry))
	}
	if opts.Extra != nil {
		opts.Extra(mux)
	}
	s.srv = &http.Server{
		Handler:           SecurityHeaders(mux),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute,
	}
	if opts.TLSCertFile != "" {
		s.srv.TLSConfig = &tls.Config{
			MinVersion: tls.VersionTLS12,
			GetCertificate: func(*tls.ClientHelloInfo) (*tls.Certificate, error) {
				return s.cert.Load(), nil
			},
		}
	}
	return s, nil
}

// ReloadTLS reads the certificate and key again (a renewed certificate, on
// SIGHUP); on an error the one in use stays.
func (s *Server) ReloadTLS() error {
	if s.opts.TLSCertFile == "" {
		return nil
	}
	c, err := tls.LoadX509KeyPair(s.opts.TLSCertFile, s.opts.TLSKeyFile)
	if err != nil {
		return fmt.Errorf("http.tls_cert_file %s, http.tls_key_file %s: %w", s.opts.TLSCertFile, s.opts.TLSKeyFile, err)
	}
	s.cert.Store(&c)
	return nil
}

// TLS reports whether the server speaks TLS.
func (s *Server) TLS() bool { return s.opts.TLSCertFile != "" }

// SecurityHeaders adds the headers every response carries, whatever handler
// answers it: browsers must not guess a download's type, and addresses of
// dashboard pages must not leak to other sites.
func SecurityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		next.ServeHTTP(w, r)
	})
}

// MetricsHandler serves a registry's metrics, for callers that guard /metrics
// themselves (mounted through Options.Extra).
func MetricsHandler(reg *prom.Registry) http.Handler {
	return prom.Handler(reg, 10*time.Second)
}

// Addr is the bound address (useful with port 0).
func (s *Server) Addr() string { return s.ln.Addr().String() }

// Serve serves until Shutdown; it returns nil after a clean shutdown.
func (s *Server) Serve() error {
	var err error
	if s.srv.TLSConfig != nil {
		err = s.srv.ServeTLS(s.ln, "", "")
	} else {
		err = s.srv.Serve(s.ln)
	}
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}

// Draining makes /readyz fail from now on, so a load balancer stops sending work
// while in-flight requests finish.
func (s *Server) Draining() { s.stopping.Store(true) }

// Shutdown drains and stops the server, waiting for in-flight requests until ctx ends.
func (s *Server) Shutdown(ctx context.Context) error {
	s.Draining()
	return s.srv.Shutdown(ctx)
}

func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	if s.stopping.Load() {
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte("shutting down\n"))
		return
	}
	if s.opts.Ready != nil {
		ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
		defer cancel()
		if err := s.opts.Ready(ctx); err != nil {
			// The reason names the database host, port and name: the log has it,
			// an anonymous caller does not.
			msg := err.Error()
			if old := s.lastNotReady.Swap(&msg); old == nil || *old != msg {
				s.opts.Logger.Warn().Str("event", "http.not_ready").Err(err).Msg("/readyz: not ready")
			}
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = w.Write([]byte("not ready\n"))
			return
		}
	}
	if s.lastNotReady.Swap(nil) != nil {
		s.opts.Logger.Info().Str("event", "http.ready").Msg("/readyz: ready again")
	}
	_, _ = w.Write([]byte("ready\n"))
}
