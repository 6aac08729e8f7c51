package main

import (
	"os/exec"
	"slices"
	"syscall"
	"testing"
	"time"

	"cddh-sync/connectors/portalsim"
	"cddh-sync/sync/store/storetest"
)

// BenchmarkRestartRecovery measures, with the default configuration (no
// sync.instance), how long a stream stays unworked when its process ends: from the
// signal to the moment the next process, started at once, commits a page on it.
// Side by side, per round: SIGKILL (the lease dies with the connection), SIGTERM
// (a clean exit releases it), and a cold start with no earlier holder (what
// starting a process costs by itself, the floor of the other two).
//
//	go test -run '^$' -bench RestartRecovery -benchtime 1x -timeout 20m ./cmd/cddh-sync
func BenchmarkRestartRecovery(b *testing.B) {
	bin := buildBinary(b)
	sim, url := startSim(b, portalsim.Options{Seed: 31, Documents: 3000, Latency: 20 * time.Millisecond})
	user, pass := sim.Credentials()
	dsn := storetest.NewDatabase(b)
	// lease_wait: a process started while the one before is still shutting down
	// (SIGTERM lets its page finish) waits for the stream instead of passing it by
	// until its next cycle.
	env := defaultEnv(b, url, user, pass, dsn, "CDDH_SYNC_INTERVAL=1h", "CDDH_SYNC_LEASE_WAIT=30s")
	const rounds = 10

	// start runs cmd until its first committed issued-stream page.
	start := func(args ...string) (*exec.Cmd, *logWatch) {
		logs := newLogWatch()
		cmd := exec.Command(bin, args...)
		cmd.Env = env
		cmd.Stdout, cmd.Stderr = logs, logs
		if err := cmd.Start(); err != nil {
			b.Fatal(err)
		}
		return cmd, logs
	}
	stop := func(cmd *exec.Cmd) {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		_ = cmd.Wait()
	}
	var kill, term, cold []time.Duration
	for range b.N {
		for range rounds {
			// Cold start: nobody held the stream.
			t0 := time.Now()
			first, logs := start("run")
			logs.wait(b, 0, 60*time.Second, "a page", pageOf("DI"))
			cold = append(cold, time.Since(t0))

			for _, sig := range []syscall.Signal{syscall.SIGKILL, syscall.SIGTERM} {
				n := logs.count()
				logs.wait(b, n, 60*time.Second, "a page", pageOf("DI")) // mid-stream
				if err := first.Process.Signal(sig); err != nil {
					b.Fatal(err)
				}
				t0 := time.Now()
				next, nlogs := start("run")
				nlogs.wait(b, 0, 60*time.Second, "a page after the restart", pageOf("DI"))
				d := time.Since(t0)
				_ = first.Wait()
				if sig == syscall.SIGKILL {
					kill = append(kill, d)
				} else {
					term = append(term, d)
				}
				first, logs = next, nlogs
			}
			stop(first)
		}
	}
	p := func(ds []time.Duration, q float64) time.Duration {
		s := slices.Clone(ds)
		slices.Sort(s)
		return s[int(q*float64(len(s)-1))]
	}
	b.ReportMetric(p(kill, 0.5).Seconds(), "s-sigkill-p50")
	b.ReportMetric(p(kill, 1).Seconds(), "s-sigkill-max")
	b.ReportMetric(p(term, 0.5).Seconds(), "s-sigterm-p50")
	b.ReportMetric(p(cold, 0.5).Seconds(), "s-cold-p50")
	b.Logf("%d rounds: SIGKILL→next commit p50 %s max %s; SIGTERM p50 %s max %s; cold start p50 %s max %s",
		len(kill), p(kill, 0.5), p(kill, 1), p(term, 0.5), p(term, 1), p(cold, 0.5), p(cold, 1))
	if p(kill, 1) > 5*time.Second {
		b.Errorf("restart recovery after SIGKILL up to %s, target 5 s", p(kill, 1))
	}
}
