package schedule

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rs/zerolog"
)

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

func TestPanicDoesNotStopTheJob(t *testing.T) {
	var logs syncBuffer
	s, err := New(Options{Spec: "@every 1s", Logger: zerolog.New(&logs)})
	if err != nil {
		t.Fatal(err)
	}
	var runs atomic.Int32
	if err := s.Add("poll", func(ctx context.Context) error {
		if runs.Add(1) == 1 {
			panic("boom")
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	s.Start()
	deadline := time.Now().Add(10 * time.Second)
	for runs.Load() < 2 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if err := s.Stop(context.Background()); err != nil {
		t.Fatal(err)
	}
	if runs.Load() < 2 {
		t.Fatalf("the job ran %d times; a panic stopped it", runs.Load())
	}
	if !strings.Contains(logs.String(), `"event":"schedule.panic"`) {
		t.Fatalf("the panic was not logged: %s", logs.String())
	}
}

func TestOverrunningJobIsSkippedNotStacked(t *testing.T) {
	s, err := New(Options{Spec: "@every 1s", Logger: zerolog.Nop()})
	if err != nil {
		t.Fatal(err)
	}
	var running, maxRunning, runs atomic.Int32
	_ = s.Add("slow", func(ctx context.Context) error {
		n := running.Add(1)
		defer running.Add(-1)
		if n > maxRunning.Load() {
			maxRunning.Store(n)
		}
		runs.Add(1)
		select {
		case <-time.After(2500 * time.Millisecond):
		case <-ctx.Done():
		}
		return nil
	})
	s.Start()
	time.Sleep(4 * time.Second)
	if err := s.Stop(context.Background()); err != nil {
		t.Fatal(err)
	}
	if maxRunning.Load() != 1 {
		t.Fatalf("%d cycles ran at once", maxRunning.Load())
	}
}

func TestMaintenanceWindowPausesQuietly(t *testing.T) {
	var logs syncBuffer
	now := time.Date(2026, 3, 10, 22, 0, 0, 0, time.UTC)
	var clock atomic.Value
	clock.Store(now)
	s, err := New(Options{
		Spec:        "@every 1m",
		Maintenance: []Window{{From: now.Add(-time.Hour), To: now.Add(time.Hour)}},
		Logger:      zerolog.New(&logs),
		Now:         func() time.Time { return clock.Load().(time.Time) },
	})
	if err != nil {
		t.Fatal(err)
	}
	var runs int
	job := func(context.Context) error { runs++; return errors.New("should not run") }
	s.RunNow("poll", job)
	s.RunNow("poll", job)
	if runs != 0 {
		t.Fatal("a job ran inside a maintenance window")
	}
	clock.Store(now.Add(2 * time.Hour))
	s.RunNow("poll", func(context.Context) error { runs++; return nil })
	if runs != 1 {
		t.Fatal("the job did not run after the window")
	}
	out := logs.String()
	if strings.Count(out, "schedule.maintenance_started") != 1 || strings.Count(out, "schedule.maintenance_ended") != 1 {
		t.Fatalf("want one line at each edge of the window:\n%s", out)
	}
	if strings.Contains(out, `"level":"error"`) || strings.Contains(out, `"level":"warn"`) {
		t.Fatalf("maintenance raised an alarm:\n%s", out)
	}
}

func TestStopCancelsRunningJob(t *testing.T) {
	s, err := New(Options{Spec: "@every 1h", Logger: zerolog.Nop()})
	if err != nil {
		t.Fatal(err)
	}
	started := make(chan struct{})
	done := make(chan struct{})
	go s.RunNow("poll", func(ctx context.Context) error {
		close(started)
		<-ctx.Done()
		close(done)
		return ctx.Err()
	})
	<-started
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := s.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("the running job's context was not cancelled")
	}
}

func TestBadSpecAndWindow(t *testing.T) {
	if _, err := New(Options{Spec: "every minute"}); err == nil {
		t.Fatal("bad spec accepted")
	}
	now := time.Now()
	if _, err := New(Options{Spec: "@every 1m", Maintenance: []Window{{From: now, To: now.Add(-time.Minute)}}}); err == nil {
		t.Fatal("inverted window accepted")
	}
}

// TestFailuresLeftToTheJob: a failing job logs its own outage (the engine, once
// per stream); the schedule adds nothing above debug, however many ticks fail.
func TestFailuresLeftToTheJob(t *testing.T) {
	var logs syncBuffer
	s, err := New(Options{Spec: "@every 1h", Logger: zerolog.New(&logs).Level(zerolog.InfoLevel)})
	if err != nil {
		t.Fatal(err)
	}
	fail := true
	job := func(context.Context) error {
		if fail {
			return errors.New("portal down")
		}
		return nil
	}
	for range 5 {
		s.RunNow("poll", job)
	}
	fail = false
	s.RunNow("poll", job)
	if out := logs.String(); out != "" {
		t.Errorf("the schedule logged a job's failure above debug:\n%s", out)
	}
	var debug syncBuffer
	s2, _ := New(Options{Spec: "@every 1h", Logger: zerolog.New(&debug).Level(zerolog.DebugLevel)})
	fail = true
	s2.RunNow("poll", job)
	if !strings.Contains(debug.String(), `"schedule.job_failed"`) {
		t.Errorf("no debug trace of the failed tick: %s", debug.String())
	}
}

// TestFirstRunIsOwned: Start runs the job at once; while that first run is still
// going, the schedule's ticks are skipped rather than run beside it; a panic in it
// is recovered and logged; and Stop waits for it.
func TestFirstRunIsOwned(t *testing.T) {
	var logs syncBuffer
	s, err := New(Options{Spec: "@every 1s", Logger: zerolog.New(&logs)})
	if err != nil {
		t.Fatal(err)
	}
	var running, maxRunning, runs atomic.Int32
	first := make(chan struct{})
	release := make(chan struct{})
	if err := s.Add("sync", func(ctx context.Context) error {
		n := running.Add(1)
		defer running.Add(-1)
		if n > maxRunning.Load() {
			maxRunning.Store(n)
		}
		if runs.Add(1) == 1 {
			close(first)
			<-release // a long first cycle: a backfill
			panic("first run fails hard")
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	s.Start()
	select {
	case <-first:
	case <-time.After(500 * time.Millisecond):
		t.Fatal("Start did not run the job at once")
	}
	// Let at least two ticks fall while the first run holds on.
	deadline := time.Now().Add(10 * time.Second)
	for strings.Count(logs.String(), "schedule.skipped") < 2 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if maxRunning.Load() != 1 || runs.Load() != 1 {
		t.Fatalf("%d runs, %d at once, while the first was going", runs.Load(), maxRunning.Load())
	}
	close(release)
	for runs.Load() < 2 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if runs.Load() < 2 {
		t.Fatal("the schedule did not go on after the first run panicked")
	}
	if !strings.Contains(logs.String(), `"event":"schedule.panic"`) {
		t.Fatalf("the first run's panic was not logged: %s", logs.String())
	}
	if err := s.Stop(context.Background()); err != nil {
		t.Fatal(err)
	}
	if running.Load() != 0 {
		t.Fatal("Stop returned while a run was going")
	}
}

// TestStopWaitsForFirstRun: the first run started by Start is waited for.
func TestStopWaitsForFirstRun(t *testing.T) {
	s, err := New(Options{Spec: "@every 1h", Logger: zerolog.Nop()})
	if err != nil {
		t.Fatal(err)
	}
	started := make(chan struct{})
	var finished atomic.Bool
	_ = s.Add("sync", func(ctx context.Context) error {
		close(started)
		<-ctx.Done()
		time.Sleep(100 * time.Millisecond) // abandoning safely takes a moment
		finished.Store(true)
		return ctx.Err()
	})
	s.Start()
	<-started
	if err := s.Stop(context.Background()); err != nil {
		t.Fatal(err)
	}
	if !finished.Load() {
		t.Fatal("Stop returned before the first run did")
	}
	if err := s.Add("sync", func(context.Context) error { return nil }); err == nil {
		t.Fatal("a job added twice under one name was accepted")
	}
}
