// Package schedule runs the poll cycle on robfig/cron/v3 in Asia/Ho_Chi_Minh.
//
// The Scheduler owns every run of a job, the first one included: Start runs each job
// once at once and then on the schedule. Every run, scheduled or not, goes through the
// same guards: a run is skipped while the job's previous run is still going (a
// 10,000-document backfill outlasts the interval; two cycles never run at once on one
// engine), a panic is recovered and logged and the next run still happens (a panic
// that escaped would otherwise kill the process), and Stop waits for every run. Configured maintenance windows (rules.md §7, 004 Đ9.6: the portal
// announces them ahead) pause the jobs quietly: no error, no alarm, one info line when
// a window starts and one when it ends.
package schedule

import (
	"context"
	"fmt"
	"runtime/debug"
	"sync"
	"time"

	"github.com/robfig/cron/v3"
	"github.com/rs/zerolog"

	"cddh-sync/connectors"
)

// Window is a maintenance window [From, To).
type Window struct{ From, To time.Time }

// Windows are the portal's announced maintenance windows (004 Đ9.6).
type Windows []Window

// Contains reports whether t falls in one of the windows: the one maintenance
// check, for the poll schedule and the reminders alike.
func (ws Windows) Contains(t time.Time) bool {
	for _, w := range ws {
		if !t.Before(w.From) && t.Before(w.To) {
			return true
		}
	}
	return false
}

// Options configure a Scheduler.
type Options struct {
	// Spec is a cron spec: "@every 1m" or a 5-field expression, in Asia/Ho_Chi_Minh.
	Spec        string
	Maintenance Windows
	Logger      zerolog.Logger
	// Now is the clock (default time.Now); tests pass their own.
	Now func() time.Time
}

// Job is one scheduled piece of work; ctx ends when the scheduler stops.
type Job func(ctx context.Context) error

// Scheduler runs jobs on one cron schedule.
type Scheduler struct {
	opts   Options
	cron   *cron.Cron
	ctx    context.Context
	cancel context.CancelFunc

	mu       sync.Mutex
	inWindow bool
	failing  map[string]bool        // jobs whose last run failed
	jobs     map[string]Job         // added jobs, run once by Start
	running  map[string]*sync.Mutex // held while a job runs
	order    []string
	wg       sync.WaitGroup // every run in flight
}

// New validates the spec and builds a scheduler.
func New(opts Options) (*Scheduler, error) {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if _, err := cron.ParseStandard(opts.Spec); err != nil {
		return nil, fmt.Errorf("schedule %q: %w", opts.Spec, err)
	}
	for _, w := range opts.Maintenance {
		if !w.To.After(w.From) {
			return nil, fmt.Errorf("maintenance window %s–%s ends before it starts", w.From.Format(time.RFC3339), w.To.Format(time.RFC3339))
		}
	}
	logger := cronLogger{opts.Logger}
	c := cron.New(
		cron.WithLocation(connectors.Zone),
		cron.WithLogger(logger),
	)
	ctx, cancel := context.WithCancel(context.Background())
	return &Scheduler{opts: opts, cron: c, ctx: ctx, cancel: cancel, failing: map[string]bool{},
		jobs: map[string]Job{}, running: map[string]*sync.Mutex{}}, nil
}

// Add schedules job under name. It must be called before Start.
func (s *Scheduler) Add(name string, job Job) error {
	if _, dup := s.jobs[name]; dup {
		return fmt.Errorf("schedule: job %q added twice", name)
	}
	if _, err := s.cron.AddFunc(s.opts.Spec, func() { s.RunNow(name, job) }); err != nil {
		return err
	}
	s.jobs[name] = job
	s.order = append(s.order, name)
	return nil
}

// RunNow runs job once under name, in the caller's goroutine, with every guard of a
// scheduled run: skipped while a run of the same name is going or the scheduler
// stopped, paused in a maintenance window, a panic recovered and logged, and waited
// for by Stop.
func (s *Scheduler) RunNow(name string, job Job) {
	s.mu.Lock()
	if s.ctx.Err() != nil {
		s.mu.Unlock()
		return
	}
	s.wg.Add(1)
	lock := s.running[name]
	if lock == nil {
		lock = &sync.Mutex{}
		s.running[name] = lock
	}
	s.mu.Unlock()
	defer s.wg.Done()
	if !lock.TryLock() {
		s.opts.Logger.Debug().Str("event", "schedule.skipped").Str("job", name).Msg("previous run still going; this tick is skipped")
		return
	}
	defer lock.Unlock()
	s.runOnce(name, job)
}

func (s *Scheduler) runOnce(name string, job Job) {
	if s.paused() {
		return
	}
	err := s.call(name, job)
	if s.ctx.Err() != nil {
		return
	}
	// A job logs its own failures, once when they start and once when they end (the
	// engine's sync.stream_done and sync.stream_recovered): an outage is logged by
	// one layer. The schedule's own lines are debug, for tracing a tick.
	s.mu.Lock()
	was := s.failing[name]
	s.failing[name] = err != nil
	s.mu.Unlock()
	switch {
	case err != nil:
		s.opts.Logger.Debug().Str("event", "schedule.job_failed").Str("job", name).Err(err).Msg("scheduled job failed; it runs again at the next tick")
	case was:
		s.opts.Logger.Debug().Str("event", "schedule.job_recovered").Str("job", name).Msg("scheduled job works again")
	}
}

// call runs job, turning a panic into an error logged with its stack.
func (s *Scheduler) call(name string, job Job) (err error) {
	defer func() {
		if r := recover(); r != nil {
			s.opts.Logger.Error().Str("event", "schedule.panic").Str("job", name).Interface("panic", r).
				Str("stack", string(debug.Stack())).Msg("scheduled job panicked; it runs again at the next tick")
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return job(s.ctx)
}

// InMaintenance reports whether t falls in a configured maintenance window.
func (s *Scheduler) InMaintenance(t time.Time) bool { return s.opts.Maintenance.Contains(t) }

func (s *Scheduler) paused() bool {
	in := s.InMaintenance(s.opts.Now())
	s.mu.Lock()
	changed := in != s.inWindow
	s.inWindow = in
	s.mu.Unlock()
	if changed {
		if in {
			s.opts.Logger.Info().Str("event", "schedule.maintenance_started").Msg("portal maintenance window: polling paused")
		} else {
			s.opts.Logger.Info().Str("event", "schedule.maintenance_ended").Msg("portal maintenance window over: polling resumed")
		}
	}
	return in
}

// Start runs every added job once at once, not after one interval, and then on the
// schedule, each in its own goroutine.
func (s *Scheduler) Start() {
	s.cron.Start()
	for _, name := range s.order {
		go s.RunNow(name, s.jobs[name])
	}
}

// Stop stops scheduling, cancels running jobs' context, and waits for every run, the
// first one included, to return or for ctx to end.
func (s *Scheduler) Stop(ctx context.Context) error {
	cronDone := s.cron.Stop()
	s.mu.Lock()
	s.cancel() // under mu: no run starts after this
	s.mu.Unlock()
	done := make(chan struct{})
	go func() { <-cronDone.Done(); s.wg.Wait(); close(done) }()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("scheduled jobs still running at shutdown: %w", ctx.Err())
	}
}

// cronLogger adapts zerolog to cron's logger; cron's routine "wake"/"run" chatter is
// kept at debug.
type cronLogger struct{ l zerolog.Logger }

func (c cronLogger) Info(msg string, kv ...any) {
	c.l.Debug().Str("event", "schedule."+msg).Fields(kv).Msg("cron")
}

func (c cronLogger) Error(err error, msg string, kv ...any) {
	c.l.Error().Str("event", "schedule.cron_error").Err(err).Fields(kv).Msg(msg)
}
