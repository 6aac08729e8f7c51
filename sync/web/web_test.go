package web

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"io"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"cddh-sync/sync/metrics"
	"cddh-sync/sync/metrics/prom"
)

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestHealthReadyMetrics(t *testing.T) {
	var logs syncBuffer
	var readyErr atomic.Pointer[error]
	setReady := func(err error) { readyErr.Store(&err) }
	setReady(nil)
	m := metrics.New(func(ctx context.Context) (int, int, time.Duration, error) { return 3, 1, 90 * time.Second, nil })
	m.SecretSkipped.Inc()
	s, err := New(Options{
		Listen:   "127.0.0.1:0",
		Ready:    func(context.Context) error { return *readyErr.Load() },
		Registry: m.Registry,
		Logger:   zerolog.New(&logs),
	})
	if err != nil {
		t.Fatal(err)
	}
	served := make(chan error, 1)
	go func() { served <- s.Serve() }()
	base := "http://" + s.Addr()

	if code, body := get(t, base+"/healthz"); code != 200 || body != "ok\n" {
		t.Fatalf("healthz = %d %q", code, body)
	}
	if code, _ := get(t, base+"/readyz"); code != 200 {
		t.Fatalf("readyz = %d", code)
	}
	setReady(errors.New("database: dial tcp db.internal:5432 (cddh_prod): connection refused"))
	if code, body := get(t, base+"/readyz"); code != 503 || body != "not ready\n" {
		t.Fatalf("readyz with the database down = %d %q: an anonymous caller learns only that it is not ready", code, body)
	}
	if out := logs.String(); !strings.Contains(out, "db.internal:5432") || !strings.Contains(out, "http.not_ready") {
		t.Fatalf("the reason is not in the log:\n%s", out)
	}
	setReady(nil)
	code, body := get(t, base+"/metrics")
	for _, want := range []string{"cddh_outbox_pending 3", "cddh_outbox_dead 1", "cddh_outbox_oldest_pending_age_seconds 90", "cddh_secret_documents_skipped_total 1", "go_goroutines"} {
		if code != 200 || !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
	s.Draining()
	if code, body := get(t, base+"/readyz"); code != 503 || !strings.Contains(body, "shutting down") {
		t.Fatalf("readyz while draining = %d %q", code, body)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := s.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	if err := <-served; err != nil {
		t.Fatalf("Serve after shutdown: %v", err)
	}
}

func TestListenInUse(t *testing.T) {
	s, err := New(Options{Listen: "127.0.0.1:0", Logger: zerolog.Nop()})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Shutdown(context.Background())
	if _, err := New(Options{Listen: s.Addr()}); err == nil || !strings.Contains(err.Error(), "http.listen "+s.Addr()) {
		t.Fatalf("second bind: %v", err)
	}
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestSecurityHeadersEverywhere: every response, downloads, errors and the
// anonymous probes included, carries nosniff and Referrer-Policy (issue 18 §5).
func TestSecurityHeadersEverywhere(t *testing.T) {
	s, err := New(Options{Listen: "127.0.0.1:0", Logger: zerolog.Nop(), Registry: prom.NewRegistry(),
		Ready: func(context.Context) error { return errors.New("down") },
		Extra: func(mux *http.ServeMux) {
			mux.HandleFunc("GET /report.csv", func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/csv")
				w.Header().Set("Content-Disposition", `attachment; filename="r.csv"`)
				_, _ = w.Write([]byte("a,b\n"))
			})
		}})
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = s.Serve() }()
	defer s.Shutdown(context.Background())
	for _, p := range []string{"/healthz", "/readyz", "/metrics", "/report.csv", "/no-such-page"} {
		resp, err := http.Get("http://" + s.Addr() + p)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.Header.Get("X-Content-Type-Options") != "nosniff" || resp.Header.Get("Referrer-Policy") != "same-origin" {
			t.Errorf("%s (%d): headers %v", p, resp.StatusCode, resp.Header)
		}
	}
}

// TestTLS: with a certificate the server speaks TLS 1.2+ only.
func TestTLS(t *testing.T) {
	dir := t.TempDir()
	cert, key := selfSigned(t, dir)
	if _, err := New(Options{Listen: "127.0.0.1:0", TLSCertFile: cert}); err == nil {
		t.Fatal("a certificate without a key was accepted")
	}
	if _, err := New(Options{Listen: "127.0.0.1:0", TLSCertFile: key, TLSKeyFile: key}); err == nil || !strings.Contains(err.Error(), "http.tls_cert_file") {
		t.Fatalf("a bad certificate: %v", err)
	}
	s, err := New(Options{Listen: "127.0.0.1:0", TLSCertFile: cert, TLSKeyFile: key, Logger: zerolog.Nop()})
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = s.Serve() }()
	defer s.Shutdown(context.Background())
	pool := x509.NewCertPool()
	pem, _ := os.ReadFile(cert)
	pool.AppendCertsFromPEM(pem)
	for _, c := range []struct {
		max uint16
		ok  bool
	}{{tls.VersionTLS13, true}, {tls.VersionTLS12, true}, {tls.VersionTLS11, false}} {
		cl := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS10, MaxVersion: c.max}}}
		resp, err := cl.Get("https://" + s.Addr() + "/healthz")
		if (err == nil) != c.ok {
			t.Fatalf("TLS max version %x: err %v, want ok=%v", c.max, err, c.ok)
		}
		if err == nil {
			resp.Body.Close()
		}
	}
	if err := s.ReloadTLS(); err != nil {
		t.Fatal(err)
	}
	if resp, err := http.Get("http://" + s.Addr() + "/healthz"); err == nil && resp.StatusCode == 200 {
		t.Fatal("plain HTTP answered on the TLS port")
	}
}

func selfSigned(t *testing.T, dir string) (string, string) {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "127.0.0.1"},
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &k.PublicKey, k)
	if err != nil {
		t.Fatal(err)
	}
	kd, _ := x509.MarshalECPrivateKey(k)
	cert, key := filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	_ = os.WriteFile(cert, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600)
	_ = os.WriteFile(key, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kd}), 0o600)
	return cert, key
}
