// Package schedule runs the poll cycle on robfig/cron/v3 in Asia/Ho_Chi_Minh.
//
// Every job is wrapped SkipIfStillRunning(Recover(job)): Recover is innermost, so a
// panic in one cycle is logged and the next cycle still runs (a panic that escaped
// would otherwise kill the process), and a cycle that overruns its interval is skipped
// rather than stacked. Configured maintenance windows (rules.md §7, 004 Đ9.6: the portal
// announces them ahead) pause the jobs quietly: no error, no alarm, one info line when
// a window starts and one when it ends.
package schedule

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/robfig/cron/v3"
	"github.com/rs/zerolog"

	"cddh-sync/connectors"
)

// Window is a maintenance window [From, To).
type Window struct{ From, To time.Time }

// Options configure a Scheduler.
type Options struct {
	// Spec is a cron spec: "@every 1m" or a 5-field expression, in Asia/Ho_Chi_Minh.
	Spec        string
	Maintenance []Window
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
	failing  map[string]bool // jobs whose last run failed
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
		cron.WithChain(cron.SkipIfStillRunning(logger), cron.Recover(logger)),
	)
	ctx, cancel := context.WithCancel(context.Background())
	return &Scheduler{opts: opts, cron: c, ctx: ctx, cancel: cancel, failing: map[string]bool{}}, nil
}

// Add schedules job under name. It must be called before Start.
func (s *Scheduler) Add(name string, job Job) error {
	_, err := s.cron.AddFunc(s.opts.Spec, func() { s.runOnce(name, job) })
	return err
}

// RunNow runs job once immediately, with the same guards (maintenance, logging), in
// the caller's goroutine. The daemon uses it for the first cycle at start-up.
func (s *Scheduler) RunNow(name string, job Job) { s.runOnce(name, job) }

func (s *Scheduler) runOnce(name string, job Job) {
	if s.paused() {
		return
	}
	if s.ctx.Err() != nil {
		return
	}
	err := job(s.ctx)
	if s.ctx.Err() != nil {
		return
	}
	// The job logs its own details; this line ties a failure to the schedule. Like
	// the engine's outage lines it is a warning when failures start, debug while
	// they go on, and info when the job works again: a day-long portal outage at
	// one poll a minute must not write 1,440 warnings.
	s.mu.Lock()
	was := s.failing[name]
	s.failing[name] = err != nil
	s.mu.Unlock()
	switch {
	case err != nil && !was:
		s.opts.Logger.Warn().Str("event", "schedule.job_failed").Str("job", name).Err(err).Msg("scheduled job failed; it runs again at the next tick")
	case err != nil:
		s.opts.Logger.Debug().Str("event", "schedule.job_failed").Str("job", name).Err(err).Msg("scheduled job still failing")
	case was:
		s.opts.Logger.Info().Str("event", "schedule.job_recovered").Str("job", name).Msg("scheduled job works again")
	}
}

// InMaintenance reports whether t falls in a configured maintenance window.
func (s *Scheduler) InMaintenance(t time.Time) bool {
	for _, w := range s.opts.Maintenance {
		if !t.Before(w.From) && t.Before(w.To) {
			return true
		}
	}
	return false
}

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

// Start starts the schedule in its own goroutine.
func (s *Scheduler) Start() { s.cron.Start() }

// Stop stops scheduling, cancels running jobs' context, and waits for them to return
// or for ctx to end.
func (s *Scheduler) Stop(ctx context.Context) error {
	done := s.cron.Stop()
	s.cancel()
	select {
	case <-done.Done():
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
	// cron.Recover reports a recovered panic here.
	c.l.Error().Str("event", "schedule.panic").Err(err).Fields(kv).Msg(msg)
}
