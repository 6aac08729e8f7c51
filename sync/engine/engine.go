package engine

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/rs/zerolog"

	"cddh-sync/connectors"
	"cddh-sync/internal/workdir"
	"cddh-sync/sync/metrics"
	"cddh-sync/sync/outbox"
	"cddh-sync/sync/store"
	"cddh-sync/sync/tracking"
)

// Extraction is what the rules made of a directive's text (sync/tracking).
type Extraction = tracking.Extraction

// Derived is the status machine's verdict on a task at a moment (sync/tracking).
type Derived = tracking.Derivation

// Warning is why an event did not fit the task's state.
type Warning = tracking.Warning

// Report is an incoming report's link to the tasks it answers.
type ReportMatch struct {
	TaskIDs []int64
	Method  string // linked, reference, sender, ambiguous, unmatched
	Note    string
}

// Decider is what the engine asks of the province's rules; sync/tracking.Rules is
// the implementation. None of its methods does I/O.
type Decider interface {
	// Extract turns a directive's text into tasks.
	Extract(doc connectors.Document, text string) (Extraction, error)
	// Expand turns each recurring task (Recurrence set, Period empty) into the
	// occurrences to track at now, one per period; other rows pass unchanged.
	Expand(rows []store.TaskRow, issued, now time.Time) []store.TaskRow
	// Derive replays a task's history at now.
	Derive(t store.DeriveInput, events []store.EventRow, now time.Time) Derived
	// CorrectedDeadline resolves a reviewer's corrected deadline date (and "HH:MM"
	// or "") to the effective date and the moment it falls due.
	CorrectedDeadline(nominal time.Time, hhmm string) (effective, due time.Time)
	// ReviewDue is when a held task's review falls due: the profile's entry limit
	// (rules.md §9, §5 first row); ok false when the profile sets none.
	ReviewDue(t store.TaskView, now time.Time) (due time.Time, ok bool)
	// CancelledStatus is the profile's words for a cancelled task (rules.md §4),
	// written on the tombstone of a task whose directive was later marked secret.
	CancelledStatus() string
}

// Files reads what the engine downloads: a PDF's text layer, and the signatures of a
// PDF attachment or an edXML package.
type Files interface {
	PDFText(ctx context.Context, path string) (string, error)
	Verify(ctx context.Context, path, kind string) ([]store.VerdictRow, error)
}

// Rules are the engine's dependencies on decisions and file checks. Both are
// required: a wiring slip is an error from New, never a check silently skipped.
type Rules struct {
	Decider
	Files
	// Reminders decide the reminder notes; nil sends none (reminders.enabled: false).
	Reminders Reminders
}

// Options configure the engine.
type Options struct {
	Holder   string        // this process's name, unique to it; default host:pid-nonce
	LeaseTTL time.Duration // default 2m: how long a live holder that stopped committing keeps a stream
	// LeaseWait is how long a stream held by another live instance is waited for
	// before the cycle passes it by (CycleResult.Held); 0 does not wait.
	LeaseWait time.Duration
	// SettleOutbox is how long the end of a cycle waits for push-backs whose
	// retry falls due meanwhile (sync --once); 0 does not wait (the daemon: its
	// next cycle sends them). It is an idle time: each push-back the portal
	// takes starts it again, up to settleRounds of it in all, and a failed
	// push-back is retried within it (its backoff is capped to a quarter of it).
	SettleOutbox time.Duration
	BackfillFrom time.Time // the first sync starts here; zero: the beginning
	ActionBatch  int       // clerk actions per page; default 100
	Prefetch     int       // documents of a page prepared at once; default 4
	// WorkDir holds this process's private directory (internal/workdir), where
	// each document's files are downloaded and removed once read; the first use,
	// then a cycle every hour, sweeps it of directories dead processes left.
	// Default os.TempDir().
	WorkDir string
	Logger  zerolog.Logger
	Metrics *metrics.Metrics // may be nil
	Now     func() time.Time
	Outbox  outbox.Options
	// SignaturePolicy is what happens to a directive whose signatures did not
	// pass (004 Đ7.2b: a directive is valid only when digitally signed):
	// PolicyTrack (default) tracks its tasks, flagged; PolicyHold tracks none
	// until a version passes, and tells the clerks why in a note.
	SignaturePolicy string
	// Review decides which extracted tasks wait for the Office's review (rules.md
	// §9); the zero value is the uncertain policy with threshold 0.9.
	Review tracking.Policy
}

// Signature policies.
const (
	PolicyTrack = "track"
	PolicyHold  = "hold"
)

// Engine runs cycles.
type Engine struct {
	portal  connectors.Portal
	st      *store.Store
	rules   Rules
	opts    Options
	deliver *outbox.Deliverer

	mu      sync.Mutex
	failed  map[string]bool // streams whose last cycle failed: failures are logged on change
	session *store.Session  // this process's liveness in the database; opened by the first cycle

	pushing sync.Mutex     // one push of reviewed tasks at a time (pushSoon)
	pushes  sync.WaitGroup // pushes under way, waited for by Close

	workMu      sync.Mutex
	work        *workdir.Dir  // this process's private directory; opened on first use, removed by Close
	swept       time.Time     // the last sweep of Options.WorkDir
	sweepEvery  time.Duration // a long-running daemon sweeps again this often (a killed sync --once beside it)
	streamRetry time.Duration // SetStreamRetry
}

// New builds an engine.
func New(portal connectors.Portal, st *store.Store, rules Rules, opts Options) (*Engine, error) {
	if rules.Decider == nil || rules.Files == nil {
		return nil, errors.New("engine: the rules (Decider) and the file checks (Files) are both required")
	}
	if opts.Holder == "" {
		opts.Holder = DefaultHolder()
	}
	if opts.LeaseTTL <= 0 {
		opts.LeaseTTL = 2 * time.Minute
	}
	if opts.ActionBatch <= 0 {
		opts.ActionBatch = 100
	}
	if opts.Prefetch <= 0 {
		opts.Prefetch = 4
	}
	if opts.WorkDir == "" {
		opts.WorkDir = os.TempDir()
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	switch opts.SignaturePolicy {
	case "":
		opts.SignaturePolicy = PolicyTrack
	case PolicyTrack, PolicyHold:
	default:
		return nil, fmt.Errorf("engine: signature policy %q is not %s or %s", opts.SignaturePolicy, PolicyTrack, PolicyHold)
	}
	ob := opts.Outbox
	ob.Holder = opts.Holder
	ob.Logger = opts.Logger
	ob.Now = opts.Now
	if opts.Metrics != nil {
		m := opts.Metrics
		ob.OnDelivered = func(kind string) { m.OutboxDelivered.WithLabelValues(kind).Inc() }
		ob.OnDead = func(string) { m.OutboxDeadTotal.Inc() }
	}
	e := &Engine{portal: portal, st: st, rules: rules, opts: opts, deliver: outbox.New(portal, st, ob), failed: map[string]bool{},
		sweepEvery: time.Hour}
	e.SetSettleOutbox(opts.SettleOutbox)
	return e, nil
}

// DefaultHolder names this process on leases and outbox claims: host:pid and a
// random suffix, so no two processes ever share a name (a PID reused after a
// restart, or PID 1 in every container).
func DefaultHolder() string {
	h, _ := os.Hostname()
	b := make([]byte, 3)
	_, _ = rand.Read(b)
	return fmt.Sprintf("%s:%d-%s", h, os.Getpid(), hex.EncodeToString(b))
}

// Session opens, or checks and reopens, this process's liveness session: while it
// lives, so do the stream leases and outbox claims this engine holds; when the
// process dies they are free for another instance at once.
func (e *Engine) Session(ctx context.Context) error {
	e.mu.Lock()
	se := e.session
	e.mu.Unlock()
	if se != nil {
		return se.Ensure(ctx)
	}
	se, err := e.st.OpenSession(ctx, e.opts.Holder)
	if err != nil {
		return err
	}
	e.mu.Lock()
	e.session = se
	e.mu.Unlock()
	return nil
}

// Close releases this process's stream leases and outbox claims and ends its
// session: another instance may take the streams over at once.
func (e *Engine) Close(ctx context.Context) error {
	e.mu.Lock()
	se := e.session
	e.session = nil
	e.mu.Unlock()
	e.pushes.Wait()
	e.closeWorkDir()
	if se == nil {
		return nil
	}
	return se.Close(ctx)
}

// OpenWorkDir sweeps Options.WorkDir of the directories dead processes left
// (SIGKILL, a crash, a power cut) and opens this process's own, once; the first
// document read does it otherwise. It returns the directory.
func (e *Engine) OpenWorkDir() (string, error) {
	e.workMu.Lock()
	defer e.workMu.Unlock()
	d, err := e.workDirLocked()
	if err != nil {
		return "", err
	}
	return d.Path(), nil
}

// docDir makes a directory for one document's files in this process's own.
func (e *Engine) docDir() (string, error) {
	e.workMu.Lock()
	defer e.workMu.Unlock()
	d, err := e.workDirLocked()
	if err != nil {
		return "", err
	}
	return d.MkdirTemp()
}

// workDirLocked is OpenWorkDir under workMu.
func (e *Engine) workDirLocked() (*workdir.Dir, error) {
	if e.work != nil {
		return e.work, nil
	}
	live := e.sweepLocked()
	d, err := workdir.Open(e.opts.WorkDir)
	if err != nil {
		return nil, fmt.Errorf("work directory under %s: %w", e.opts.WorkDir, err)
	}
	e.work = d
	e.opts.Logger.Debug().Str("event", "workdir.opened").Str("dir", d.Path()).Int("live_others", live).Msg("private work directory")
	return d, nil
}

// sweepLocked removes from Options.WorkDir what dead processes left, logging
// counts only, and returns how many live instances' directories it left.
func (e *Engine) sweepLocked() int {
	// The real clock, not Options.Now: the sweep compares files' times.
	now := time.Now()
	s, err := workdir.Sweep(e.opts.WorkDir, now)
	e.swept = now
	log := e.opts.Logger
	if s.Removed() > 0 || s.Failed > 0 {
		// Counts only: a file's name may carry a document's reference.
		ev := log.Info()
		if err != nil {
			ev = log.Warn().Err(err)
		}
		ev.Str("event", "workdir.swept").Int("dirs", s.Dirs).Int("legacy_dirs", s.Legacy).Int("files", s.Files).
			Int64("bytes", s.Bytes).Int("live", s.Live).Int("failed", s.Failed).Str("work_dir", e.opts.WorkDir).
			Msg("removed the downloads that stopped processes left in the work directory")
	} else if err != nil {
		log.Warn().Str("event", "workdir.sweep_failed").Err(err).Str("work_dir", e.opts.WorkDir).
			Msg("the work directory could not be swept of what stopped processes left")
	}
	return s.Live
}

// sweepIfDue sweeps again when the last sweep is sweepEvery old: a daemon that
// runs for months would otherwise leave a killed `sync --once`'s files beside it
// until its own restart.
func (e *Engine) sweepIfDue() {
	e.workMu.Lock()
	defer e.workMu.Unlock()
	if e.work != nil && time.Since(e.swept) >= e.sweepEvery {
		e.sweepLocked()
	}
}

// closeWorkDir removes this process's directory; the next use opens a new one.
func (e *Engine) closeWorkDir() {
	e.workMu.Lock()
	d := e.work
	e.work = nil
	e.workMu.Unlock()
	if d == nil {
		return
	}
	if err := d.Close(); err != nil {
		e.opts.Logger.Warn().Str("event", "workdir.remove_failed").Err(err).
			Msg("this process's work directory was not removed; the next start removes it")
	}
}

// SetSettleOutbox sets Options.SettleOutbox (sync --once), before any cycle: a
// push-back that fails is then retried within the settling, not after a backoff
// of up to half an hour that a one-off run would never see.
func (e *Engine) SetSettleOutbox(d time.Duration) {
	e.opts.SettleOutbox = d
	if d > 0 {
		e.deliver.CapBackoff(d / 4)
	}
}

// SetStreamRetry makes a stream that read nothing, its portal call failed
// after the client's retries, be tried once more after pause (sync --once,
// where such a stream is the run's exit 3); 0, the daemon's default, leaves it
// to the next cycle.
func (e *Engine) SetStreamRetry(pause time.Duration) { e.streamRetry = pause }

// settleRounds bounds a cycle's settling: SettleOutbox times this at most, however
// long the portal keeps taking push-backs.
const settleRounds = 6

// Holder is this process's name on leases.
func (e *Engine) Holder() string { return e.opts.Holder }

// HeldError is a stream that another live instance held for all of LeaseWait.
type HeldError struct {
	Stream string
	Holder string
}

func (h *HeldError) Error() string {
	return fmt.Sprintf("stream %s is held by the live instance %s", h.Stream, h.Holder)
}

// CycleResult sums one cycle.
type CycleResult struct {
	// Held names the streams this cycle passed by because another live instance
	// held them, with that instance's name.
	Held      map[string]string
	Streams   map[string]store.RunCounts
	Reminders int // reminders queued this cycle
	Outbox    outbox.Result
}

// Cycle runs one full cycle: both document streams, the clerk action feed, stale
// statuses, then delivery of pending push-backs. It returns the first stream error
// (the others still ran).
func (e *Engine) Cycle(ctx context.Context) (CycleResult, error) {
	res := CycleResult{Streams: map[string]store.RunCounts{}, Held: map[string]string{}}
	var firstErr error
	keep := func(err error) {
		var held *HeldError
		if errors.As(err, &held) {
			res.Held[held.Stream] = held.Holder
			return
		}
		if err != nil && firstErr == nil {
			firstErr = err
		}
	}
	e.sweepIfDue()
	// Leases and claims are this process's only while its session lives.
	if err := e.Session(ctx); err != nil {
		for _, s := range []string{string(connectors.StreamIssued), string(connectors.StreamIncoming), "ACTIONS"} {
			keep(e.outage(s, err, store.RunCounts{}, "failed"))
		}
		return res, firstErr
	}
	// Push-backs committed by a page go out while the streams read on: searches
	// and page commits are sequential, so the connection slots they leave idle
	// carry the pushes (a first sync of thousands of documents would otherwise
	// wait for its whole backfill before the first record reached the portal).
	// One drainer at a time: this one stops before the final drain below.
	early := make(chan outbox.Result, 1)
	stop := make(chan struct{})
	go func() {
		var sum outbox.Result
		defer func() { early <- sum }()
		for {
			select {
			case <-stop:
				return
			case <-ctx.Done():
				return
			case <-time.After(200 * time.Millisecond):
			}
			r, err := e.deliver.Drain(ctx)
			sum.Delivered += r.Delivered
			sum.Failed += r.Failed
			sum.Dead += r.Dead
			if err != nil || r.Failed > 0 {
				return // the portal or the store is unwell: the final drain decides
			}
		}
	}()
	for _, s := range []connectors.Stream{connectors.StreamIssued, connectors.StreamIncoming} {
		if s == connectors.StreamIncoming {
			// Reports wait for the directives they answer: the DEN stream runs
			// only after a whole DI pass (this instance's or another's) finished,
			// so a report is never matched against half-stored directives, and the
			// outcome does not depend on which instance read what first.
			settled, err := e.st.StreamSettled(ctx, string(connectors.StreamIssued))
			if err != nil {
				keep(err)
				continue
			}
			if !settled {
				e.opts.Logger.Debug().Str("event", "sync.stream_waiting").Str("stream", string(s)).
					Msg("reports wait for a complete pass over the issued directives")
				continue
			}
		}
		c, err := e.runStream(ctx, string(s), func(ctx context.Context, l store.Lease, c *store.RunCounts) error {
			return e.syncDocuments(ctx, l, s, c)
		})
		res.Streams[string(s)] = c
		keep(err)
	}
	c, err := e.runStream(ctx, "ACTIONS", e.syncActions)
	res.Streams["ACTIONS"] = c
	keep(err)
	if ctx.Err() == nil {
		keep(e.extendRecurring(ctx))
	}
	if ctx.Err() == nil {
		keep(e.refreshStale(ctx))
	}
	if ctx.Err() == nil {
		n, err := e.remind(ctx)
		res.Reminders = n
		if err != nil && ctx.Err() == nil {
			keep(fmt.Errorf("reminders: %w", err))
		}
	}
	if ctx.Err() == nil {
		n, err := e.remindHeld(ctx)
		res.Reminders += n
		if err != nil && ctx.Err() == nil {
			keep(fmt.Errorf("review reminders: %w", err))
		}
	}
	close(stop)
	pre := <-early
	if ctx.Err() == nil {
		ob, err := e.drainSettled(ctx)
		res.Outbox = ob
		if err != nil && ctx.Err() == nil {
			keep(fmt.Errorf("outbox: %w", err))
		}
	}
	res.Outbox.Delivered += pre.Delivered
	res.Outbox.Failed += pre.Failed
	res.Outbox.Dead += pre.Dead
	return res, firstErr
}

// drainSettled delivers the due push-backs. With Options.SettleOutbox (sync
// --once) it first makes every pending push-back due, those an earlier run or
// the daemon left waiting for their backoff included (a one-off run delivers
// what is pending, cli.md), then waits for the rows whose retry falls due and
// delivers them too, until none is left or the portal has taken nothing for
// SettleOutbox (at most settleRounds × SettleOutbox): under a flaky portal a
// `sync --once` leaves no push-back behind that a few seconds more would send,
// and against a portal that is down it gives up after SettleOutbox.
func (e *Engine) drainSettled(ctx context.Context) (outbox.Result, error) {
	settle := e.opts.SettleOutbox
	start := time.Now()
	deadline := start.Add(settle)
	var sum outbox.Result
	if settle > 0 {
		n, err := e.st.OutboxRetryNow(ctx)
		if err != nil {
			return sum, err
		}
		if n > 0 {
			e.opts.Logger.Info().Str("event", "outbox.retry_pending").Int64("rows", n).
				Msg("push-backs waiting for an earlier failure's backoff are tried now")
		}
	}
	for {
		r, err := e.deliver.Drain(ctx)
		sum.Delivered += r.Delivered
		sum.Failed += r.Failed
		sum.Dead += r.Dead
		if err != nil || settle <= 0 {
			return sum, err
		}
		if r.Delivered > 0 {
			deadline = time.Now().Add(settle)
			if limit := start.Add(settleRounds * settle); deadline.After(limit) {
				deadline = limit
			}
		}
		next, ok, err := e.st.NextOutboxDue(ctx)
		if err != nil || !ok || next.After(deadline) {
			return sum, err
		}
		select {
		case <-ctx.Done():
			return sum, ctx.Err()
		case <-time.After(max(time.Until(next), 10*time.Millisecond)):
		}
	}
}

// runStream wraps one stream's work in its lease and its sync_runs row.
func (e *Engine) runStream(ctx context.Context, stream string, work func(context.Context, store.Lease, *store.RunCounts) error) (store.RunCounts, error) {
	var c store.RunCounts
	lease, err := e.acquire(ctx, stream)
	if err != nil {
		var held *HeldError
		if errors.As(err, &held) {
			e.opts.Logger.Debug().Str("event", "sync.stream_held").Str("stream", stream).Str("holder", held.Holder).Msg("another live instance holds this stream")
			return c, err
		}
		return c, e.outage(stream, fmt.Errorf("database: %w", err), c, "failed")
	}
	started := e.opts.Now()
	runID, err := e.st.StartRun(ctx, stream, e.opts.Holder, started)
	if err != nil {
		return c, e.outage(stream, fmt.Errorf("database: %w", err), c, "failed")
	}
	werr := work(ctx, lease, &c)
	if pause := e.streamRetry; werr != nil && pause > 0 && c.Pages == 0 && ctx.Err() == nil && errors.Is(werr, connectors.ErrRetryable) {
		// A one-off run (sync --once) exits 3 when a stream could read
		// nothing; one call that failed after the client's retries is not yet
		// a portal that stayed unreachable: the stream is tried once more
		// after a pause.
		e.opts.Logger.Info().Str("event", "sync.stream_retry").Str("stream", stream).Dur("after", pause).Err(werr).
			Msg("the stream read nothing; it is tried once more")
		select {
		case <-ctx.Done():
		case <-time.After(pause):
			c = store.RunCounts{}
			werr = work(ctx, lease, &c)
		}
	}
	if werr != nil && c.Pages > 0 && ctx.Err() == nil && !errors.Is(werr, store.ErrLeaseLost) && !errors.Is(werr, store.ErrFenced) {
		// Part of the stream was done: the rest is read again next cycle from the
		// cursor. Only a stream that could do nothing is a failure (exit 3).
		c.Errors++
		c.LastError = werr.Error()
		e.opts.Logger.Warn().Str("event", "sync.stream_interrupted").Str("stream", stream).Int("pages", c.Pages).Err(werr).
			Msg("the stream stopped part-way; it goes on from its cursor next cycle")
		werr = nil
	}
	outcome := "ok"
	switch {
	case werr != nil:
		outcome = "failed"
		c.Errors++
		c.LastError = werr.Error()
	case c.Refused > 0 || c.Errors > 0:
		outcome = "partial"
	}
	fin := context.WithoutCancel(ctx)
	if err := e.st.FinishRun(fin, runID, outcome, e.opts.Now(), c); err != nil && werr == nil {
		werr = err
	}
	// The stream is free again between cycles: an idle instance holds nothing, so
	// a `sync --once` next to an idle daemon runs instead of waiting.
	if err := e.st.ReleaseLease(fin, lease); err != nil && werr == nil {
		werr = err
	}
	if m := e.opts.Metrics; m != nil {
		m.StreamDuration.WithLabelValues(stream).Observe(e.opts.Now().Sub(started).Seconds())
		if werr != nil {
			m.StreamErrors.WithLabelValues(stream).Inc()
		} else {
			m.StreamLastSuccess.WithLabelValues(stream).Set(float64(e.opts.Now().Unix()))
		}
	}
	return c, e.outage(stream, werr, c, outcome)
}

// acquire takes stream's lease, waiting up to LeaseWait while another live instance
// holds it; a *HeldError names that instance.
func (e *Engine) acquire(ctx context.Context, stream string) (store.Lease, error) {
	deadline := time.Now().Add(e.opts.LeaseWait)
	for {
		lease, ok, err := e.st.AcquireLease(ctx, stream, e.opts.Holder, e.opts.LeaseTTL)
		if err != nil || ok {
			return lease, err
		}
		if !time.Now().Before(deadline) {
			return lease, &HeldError{Stream: stream, Holder: lease.Holder}
		}
		select {
		case <-ctx.Done():
			return lease, ctx.Err()
		case <-time.After(min(250*time.Millisecond, time.Until(deadline))):
		}
	}
}

// outage logs a stream's cycle. An outage (portal or database) is logged when it
// starts and when it ends, not once per cycle: a portal down for a day must not
// bury the log. Repeats go to debug. It returns err.
func (e *Engine) outage(stream string, err error, c store.RunCounts, outcome string) error {
	e.mu.Lock()
	was := e.failed[stream]
	e.failed[stream] = err != nil
	e.mu.Unlock()
	ev := e.opts.Logger.Info()
	switch {
	case err != nil && !was:
		ev = e.opts.Logger.Warn().Err(err)
	case err != nil:
		ev = e.opts.Logger.Debug().Err(err)
	case was:
		e.opts.Logger.Info().Str("event", "sync.stream_recovered").Str("stream", stream).Msg("stream works again")
	}
	ev.Str("event", "sync.stream_done").Str("stream", stream).Str("outcome", outcome).Int("fetched", c.Fetched).
		Int("new", c.NewDocs).Int("changed", c.ChangedDocs).Int("secret_skipped", c.SkippedSecret).Int("refused", c.Refused).
		Int("tasks_created", c.TasksCreated).Int("tasks_closed", c.TasksClosed).Msg("stream cycle finished")
	return err
}

// hashOf is the content hash of a document's detail as read.
func hashOf(d connectors.Document) []byte {
	raw, _ := json.Marshal(d)
	sum := sha256.Sum256(raw)
	return sum[:]
}

// taskKey is stable for an unchanged task across versions of its directive: the
// directive's portal id plus a hash of the lead units and the task's own text.
func taskKey(docID int64, t store.TaskRow, seen map[string]int) string {
	h := sha256.New()
	for _, u := range t.Lead {
		h.Write([]byte(u.Code + "\x00" + strings.ToLower(u.Name) + "\x00"))
	}
	h.Write([]byte(strings.Join(strings.Fields(t.Content), " ")))
	k := fmt.Sprintf("%d-%s", docID, hex.EncodeToString(h.Sum(nil))[:10])
	if t.Period != "" {
		k += "-" + t.Period
	}
	seen[k]++
	if n := seen[k]; n > 1 {
		k = fmt.Sprintf("%s-%d", k, n)
	}
	return k
}

// deriveAndQueue re-derives a task's status from its history and, when anything the
// portal shows changed, queues its record.
func (e *Engine) deriveAndQueue(ctx context.Context, tx pgx.Tx, ids []int64, force bool) (int, error) {
	if len(ids) == 0 {
		return 0, nil
	}
	now := e.opts.Now()
	var txStart time.Time // events appended in this transaction carry it
	if err := tx.QueryRow(ctx, `SELECT now()`).Scan(&txStart); err != nil {
		return 0, err
	}
	tasks, err := e.st.DeriveInputs(ctx, tx, ids)
	if err != nil {
		return 0, err
	}
	queued := 0
	for _, t := range tasks {
		evs, err := e.st.TaskEvents(ctx, tx, t.ID)
		if err != nil {
			return queued, err
		}
		d := e.rules.Derive(t, evs, now)
		fresh := map[string]bool{}
		for _, ev := range evs {
			if ev.RecordedAt.Equal(txStart) {
				fresh[ev.Key] = true
			}
		}
		for _, w := range d.Warnings {
			// Logged once, when the event arrives; it stays in the task's history.
			if fresh[w.EventKey] {
				e.opts.Logger.Warn().Str("event", "status.event_ignored").Str("task", t.Key).Str("why", w.Why).Msg("an event did not fit the task's state")
			}
		}
		changed, err := e.st.SetDerived(ctx, tx, t.ID, d.Derived, now)
		if err != nil {
			return queued, err
		}
		if !changed && !force {
			continue
		}
		if !tracking.ReviewState(t.ReviewState).Pushable() {
			continue // held or rejected: nothing reaches the portal (rules.md §9)
		}
		if _, err := outbox.EnqueueTask(ctx, e.st, tx, taskRecord(t, d.Derived)); err != nil {
			return queued, err
		}
		queued++
	}
	return queued, nil
}

func taskRecord(t store.DeriveInput, d store.Derived) connectors.TaskRecord {
	rec := connectors.TaskRecord{Key: t.Key, Reference: t.Reference, Content: t.Content, Status: d.StatusText, Extensions: d.Extensions}
	if id, err := parseID(t.DocumentPortalID); err == nil {
		rec.DocumentID = id
	}
	if len(t.Lead) > 0 {
		rec.Lead = connectors.UnitRef{Code: t.Lead[0].Code, Name: t.Lead[0].Name}
		for _, u := range t.Lead[1:] {
			rec.Coordinating = append(rec.Coordinating, connectors.UnitRef{Code: u.Code, Name: u.Name})
		}
	}
	for _, u := range t.Coordinating {
		rec.Coordinating = append(rec.Coordinating, connectors.UnitRef{Code: u.Code, Name: u.Name})
	}
	if d.DueAt != nil {
		rec.Due = d.DueAt.In(connectors.Zone)
	}
	if t.Signature != "" {
		rec.Signature = &connectors.SignatureVerdict{Result: t.Signature, Signer: t.SignedBy}
	}
	return rec
}

func parseID(s string) (int64, error) {
	var id int64
	_, err := fmt.Sscan(s, &id)
	return id, err
}

// refreshStale re-derives open tasks whose deadline passed since their status was
// last derived, so "trong hạn" becomes "quá hạn" on the portal without any event.
func (e *Engine) refreshStale(ctx context.Context) error {
	for ctx.Err() == nil {
		ids, err := e.st.StaleTaskIDs(ctx, e.opts.Now(), 200)
		if err != nil || len(ids) == 0 {
			return err
		}
		if err := e.st.InTx(ctx, func(tx pgx.Tx) error {
			_, err := e.deriveAndQueue(ctx, tx, ids, false)
			return err
		}); err != nil {
			return err
		}
	}
	return ctx.Err()
}
