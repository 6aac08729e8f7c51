package main

import (
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"go.uber.org/goleak"

	"cddh-sync/connectors/portalsim"
	"cddh-sync/sync/store/storetest"
)

// TestDaemonLeavesNoGoroutine runs `run` in this process through a few cycles and a
// graceful shutdown (the SIGTERM path: its context ends), then checks that every
// goroutine it started has ended: cron, HTTP server, pools, the client's limiter,
// downloads. Goroutines alive before the test (the test harness) are ignored.
func TestDaemonLeavesNoGoroutine(t *testing.T) {
	sim, url := startSim(t, portalsim.Options{Seed: 16, Documents: 15})
	user, pass := sim.Credentials()
	dsn := storetest.NewDatabase(t)
	for k, v := range map[string]string{"CDDH_PORTAL_BASE_URL": url, "CDDH_PORTAL_USERNAME": user, "CDDH_PORTAL_PASSWORD": pass,
		"CDDH_STORE_DSN": dsn, "CDDH_SIGNING_OFFLINE": "true", "CDDH_REVIEW_POLICY": "auto", "CDDH_LOG_FORMAT": "json", "CDDH_SYNC_INTERVAL": "1s",
		"CDDH_HTTP_LISTEN": "127.0.0.1:0", "CDDH_PORTAL_RATE_LIMIT": "200"} {
		t.Setenv(k, v)
	}
	ignore := goleak.IgnoreCurrent()
	ctx, cancel := context.WithCancel(context.Background())
	var logs lockedBuffer
	done := make(chan int, 1)
	go func() {
		done <- realMain(ctx, env{stdin: strings.NewReader(""), stdout: &logs, stderr: io.Discard}, []string{"run"})
	}()
	waitFor(t, "two cycles", 30*time.Second, func() bool { return strings.Count(logs.String(), `"sync.cycle_done"`) >= 2 })
	cancel()
	select {
	case code := <-done:
		if code != exitOK {
			t.Fatalf("run exited %d after a graceful stop:\n%s", code, logs.String())
		}
	case <-time.After(40 * time.Second):
		t.Fatal("run did not stop after its context ended")
	}
	goleak.VerifyNone(t, ignore)
}
