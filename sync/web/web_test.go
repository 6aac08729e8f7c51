package web

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"cddh-sync/sync/metrics"
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
	var readyErr atomic.Pointer[error]
	setReady := func(err error) { readyErr.Store(&err) }
	setReady(nil)
	m := metrics.New(func(ctx context.Context) (int, int, time.Duration, error) { return 3, 1, 90 * time.Second, nil })
	m.SecretSkipped.Inc()
	s, err := New(Options{
		Listen:   "127.0.0.1:0",
		Ready:    func(context.Context) error { return *readyErr.Load() },
		Registry: m.Registry,
		Logger:   zerolog.Nop(),
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
	setReady(errors.New("schema at version 3, want 6"))
	if code, body := get(t, base+"/readyz"); code != 503 || !strings.Contains(body, "schema at version 3") {
		t.Fatalf("readyz with a stale schema = %d %q", code, body)
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
