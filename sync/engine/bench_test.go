package engine

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"sort"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"cddh-sync/connectors/ioffice"
	"cddh-sync/connectors/portalsim"
	"cddh-sync/sync/outbox"
	"cddh-sync/sync/store/storetest"
)

// benchDocs is the backfill's size: CDDH_BENCH_DOCS, default 1000.
func benchDocs() int {
	if n, err := strconv.Atoi(os.Getenv("CDDH_BENCH_DOCS")); err == nil && n > 0 {
		return n
	}
	return 1000
}

// BenchmarkBackfill measures a first sync (BENCHMARKS.md item 4): every document
// of the simulator read, stored, extracted and pushed back, with latency added to
// every answer and the client's concurrency limit, against the lower bound
// requests × latency ÷ concurrency.
//
//	CDDH_BENCH_DOCS=10000 go test -run '^$' -bench Backfill -benchtime 1x -timeout 60m ./sync/engine/
func BenchmarkBackfill(b *testing.B) {
	const latency = 20 * time.Millisecond
	const concurrency = 4
	docs := benchDocs()
	for range b.N {
		b.StopTimer()
		sim, err := portalsim.New(portalsim.Options{Seed: 21, Documents: docs, Latency: latency})
		if err != nil {
			b.Fatal(err)
		}
		var requests atomic.Int64
		h := sim.Handler()
		srv := httptest.NewServer(countRequests(h, &requests))
		user, pass := sim.Credentials()
		client, err := ioffice.New(ioffice.Options{BaseURL: srv.URL, Username: user, Password: pass, RateLimit: 10000,
			Concurrency: concurrency, Timeout: 10 * time.Second, BreakerThreshold: 1000})
		if err != nil {
			b.Fatal(err)
		}
		st := storetest.New(b)
		eng, err := New(client, st, simpleRules(), Options{Holder: "bench", Logger: zerolog.Nop(), WorkDir: b.TempDir(),
			Prefetch: 2 * concurrency, Outbox: outbox.Options{Workers: concurrency}})
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { _ = eng.Close(context.Background()) })
		b.StartTimer()
		start := time.Now()
		if _, err := eng.Cycle(context.Background()); err != nil {
			b.Fatal(err)
		}
		elapsed := time.Since(start)
		b.StopTimer()
		n := requests.Load()
		bound := time.Duration(n) * latency / concurrency
		b.ReportMetric(float64(docs)/elapsed.Seconds(), "docs/s")
		b.ReportMetric(float64(n), "requests")
		b.ReportMetric(bound.Seconds(), "bound-s")
		b.ReportMetric(elapsed.Seconds()/bound.Seconds(), "x-bound")
		srv.Close()
		client.Close()
	}
}

// BenchmarkPushBackLatency measures, in daemon mode (a cycle every interval), the
// time from a clerk's action appearing in the portal's feed to the task's record
// on the portal carrying its effect (BENCHMARKS.md item 6): p50 and p95 over
// CDDH_BENCH_ACTIONS actions (default 30), with latency on every answer.
//
//	go test -run '^$' -bench PushBackLatency -benchtime 1x ./sync/engine/
func BenchmarkPushBackLatency(b *testing.B) {
	const interval = 2 * time.Second
	actions := 30
	if n, err := strconv.Atoi(os.Getenv("CDDH_BENCH_ACTIONS")); err == nil && n > 0 {
		actions = n
	}
	for range b.N {
		b.StopTimer()
		sim, err := portalsim.New(portalsim.Options{Seed: 22, Documents: 60, Latency: 20 * time.Millisecond})
		if err != nil {
			b.Fatal(err)
		}
		srv := httptest.NewServer(sim.Handler())
		user, pass := sim.Credentials()
		client, err := ioffice.New(ioffice.Options{BaseURL: srv.URL, Username: user, Password: pass, RateLimit: 50,
			Concurrency: 2, Timeout: 10 * time.Second})
		if err != nil {
			b.Fatal(err)
		}
		st := storetest.New(b)
		eng, err := New(client, st, simpleRules(), Options{Holder: "bench", Logger: zerolog.Nop(), WorkDir: b.TempDir()})
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { _ = eng.Close(context.Background()) })
		ctx, cancel := context.WithCancel(context.Background())
		if _, err := eng.Cycle(ctx); err != nil {
			b.Fatal(err)
		}
		var keys []string
		for k, rec := range sim.Tasks() {
			if rec.Status == "trạng thái assigned" {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys)
		if len(keys) < actions {
			actions = len(keys)
		}
		done := make(chan struct{})
		go func() { // the daemon's schedule
			defer close(done)
			t := time.NewTicker(interval)
			defer t.Stop()
			for {
				select {
				case <-ctx.Done():
					return
				case <-t.C:
					_, _ = eng.Cycle(ctx)
				}
			}
		}()
		b.StartTimer()
		var lat []time.Duration
		for i := range actions {
			key := keys[i]
			rec := sim.Tasks()[key]
			at := time.Now()
			if _, err := sim.AppendAction(portalsim.Action{TaskKey: key, Kind: portalsim.ActionAcknowledge, DocumentID: rec.DocumentID,
				At: at.Format("02/01/2006 15:04:05"), By: "bench"}); err != nil {
				b.Fatal(err)
			}
			for sim.Tasks()[key].Status == rec.Status {
				if time.Since(at) > time.Minute {
					b.Fatalf("task %s never changed on the portal", key)
				}
				time.Sleep(10 * time.Millisecond)
			}
			lat = append(lat, time.Since(at))
			time.Sleep(time.Duration(137*(i%7)) * time.Millisecond) // actions land at any point of the interval
		}
		b.StopTimer()
		cancel()
		<-done
		srv.Close()
		client.Close()
		sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
		p := func(q float64) float64 { return lat[int(q*float64(len(lat)-1))].Seconds() }
		b.ReportMetric(p(0.5), "p50-s")
		b.ReportMetric(p(0.95), "p95-s")
		b.ReportMetric(float64(len(lat)), "actions")
	}
}

func countRequests(h http.Handler, n *atomic.Int64) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		h.ServeHTTP(w, r)
	})
}
