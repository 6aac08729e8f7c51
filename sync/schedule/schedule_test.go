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

// TestFailuresLoggedOncePerChange: a job failing for many ticks warns once, and
// says when it works again.
func TestFailuresLoggedOncePerChange(t *testing.T) {
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
	s.RunNow("poll", job)
	out := logs.String()
	if n := strings.Count(out, `"schedule.job_failed"`); n != 1 {
		t.Errorf("%d failure warnings for one outage, want 1:\n%s", n, out)
	}
	if n := strings.Count(out, `"schedule.job_recovered"`); n != 1 {
		t.Errorf("%d recovery lines, want 1:\n%s", n, out)
	}
}
