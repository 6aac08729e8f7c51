// Package web serves cddh-sync's own HTTP endpoints on http.listen: /healthz (the
// process is alive), /readyz (the database answers, the schema is migrated, and the
// process is not shutting down) and /metrics (Prometheus). The dashboard joins them
// here. Only /healthz and /readyz are ever anonymous.
package web

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/rs/zerolog"
)

// ReadyFunc reports whether a dependency is ready.
type ReadyFunc func(ctx context.Context) error

// Options configure the server.
type Options struct {
	Listen   string
	Ready    ReadyFunc
	Registry *prometheus.Registry
	Logger   zerolog.Logger
	// Extra mounts further handlers (the dashboard) on the same mux.
	Extra func(mux *http.ServeMux)
}

// Server is the HTTP server. Create with New, run with Serve, stop with Shutdown.
type Server struct {
	opts     Options
	srv      *http.Server
	ln       net.Listener
	stopping atomic.Bool
}

// New binds the listen address at once, so a port in use is reported at start-up.
func New(opts Options) (*Server, error) {
	ln, err := net.Listen("tcp", opts.Listen)
	if err != nil {
		return nil, fmt.Errorf("http.listen %s: %w", opts.Listen, err)
	}
	s := &Server{opts: opts, ln: ln}
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
		Handler:           mux,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute,
	}
	return s, nil
}

// MetricsHandler serves a registry's metrics, for callers that guard /metrics
// themselves (mounted through Options.Extra).
func MetricsHandler(reg *prometheus.Registry) http.Handler {
	return promhttp.HandlerFor(reg, promhttp.HandlerOpts{Timeout: 10 * time.Second})
}

// Addr is the bound address (useful with port 0).
func (s *Server) Addr() string { return s.ln.Addr().String() }

// Serve serves until Shutdown; it returns nil after a clean shutdown.
func (s *Server) Serve() error {
	err := s.srv.Serve(s.ln)
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
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = fmt.Fprintf(w, "not ready: %v\n", err)
			return
		}
	}
	_, _ = w.Write([]byte("ready\n"))
}
