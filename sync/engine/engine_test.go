package engine

import (
	"context"
	"fmt"
	"github.com/jackc/pgx/v5"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"cddh-sync/connectors"
	"cddh-sync/connectors/ioffice"
	"cddh-sync/connectors/portalsim"
	"cddh-sync/connectors/portalsim/simtest"
	"cddh-sync/sync/engine/enginetest"
	"cddh-sync/sync/outbox"
	"cddh-sync/sync/store"
	"cddh-sync/sync/store/storetest"
)

func TestMain(m *testing.M) { storetest.Main(m) }

// funcRules stand in for the decisions with functions a test may swap, so that
// these tests exercise the engine's own mechanics (paging, secrets, transactions,
// outbox, exactly-once); the real decisions are tested in sync/tracking and end to
// end in cmd. The file checks are real (enginetest.Files): the simulator's PDFs are
// signed in setup and verified, and their text read by pdftotext.
type funcRules struct {
	extract   func(doc connectors.Document, text string) (Extraction, error)
	expand    func(rows []store.TaskRow, issued, now time.Time) []store.TaskRow // nil: rows unchanged
	derive    func(t store.DeriveInput, evs []store.EventRow, now time.Time) Derived
	deadline  func(nominal time.Time, hhmm string) (effective, due time.Time) // nil: the date, due at its end
	reviewDue func(t store.TaskView, now time.Time) (time.Time, bool)         // nil: no review limit
	pdfText   func(ctx context.Context, path string) (string, error)          // nil: pdftotext
	verify    func(ctx context.Context, path, kind string) ([]store.VerdictRow, error)
}

func (f *funcRules) Extract(doc connectors.Document, text string) (Extraction, error) {
	return f.extract(doc, text)
}

func (f *funcRules) Expand(rows []store.TaskRow, issued, now time.Time) []store.TaskRow {
	if f.expand == nil {
		return rows
	}
	return f.expand(rows, issued, now)
}

func (f *funcRules) Derive(t store.DeriveInput, evs []store.EventRow, now time.Time) Derived {
	return f.derive(t, evs, now)
}

func (f *funcRules) CorrectedDeadline(nominal time.Time, hhmm string) (time.Time, time.Time) {
	if f.deadline == nil {
		return nominal, endOf(nominal, hhmm)
	}
	return f.deadline(nominal, hhmm)
}

func (f *funcRules) ReviewDue(t store.TaskView, now time.Time) (time.Time, bool) {
	if f.reviewDue == nil {
		return time.Time{}, false
	}
	return f.reviewDue(t, now)
}

// CancelledStatus follows derive's words: "trạng thái cancelled".
func (f *funcRules) CancelledStatus() string { return "trạng thái cancelled" }

func (f *funcRules) PDFText(ctx context.Context, path string) (string, error) {
	if f.pdfText != nil {
		return f.pdfText(ctx, path)
	}
	return enginetest.Files{}.PDFText(ctx, path)
}

func (f *funcRules) Verify(ctx context.Context, path, kind string) ([]store.VerdictRow, error) {
	if f.verify != nil {
		return f.verify(ctx, path, kind)
	}
	return enginetest.Files{}.Verify(ctx, path, kind)
}

// funcsOf is the funcRules an engine built from simpleRules runs with.
func funcsOf(e *Engine) *funcRules { return e.rules.Decider.(*funcRules) }

// simpleRules: a task for each line with "Giao ", led by Sở Tài chính; states from
// the clerk actions' kinds.
func simpleRules() Rules {
	f := &funcRules{
		extract: func(doc connectors.Document, text string) (Extraction, error) {
			var tasks []store.TaskRow
			for _, line := range strings.Split(text, "\n") {
				if strings.Contains(line, "Giao ") {
					tasks = append(tasks, store.TaskRow{Content: strings.TrimSpace(line), Lead: []store.UnitRef{{Name: "Sở Tài chính", Code: "000.00.12.H20"}}})
				}
			}
			return Extraction{Tasks: tasks}, nil
		},
		derive: func(t store.DeriveInput, evs []store.EventRow, now time.Time) Derived {
			d := Derived{}
			d.State = "assigned"
			for _, e := range evs {
				switch e.Kind {
				case "TIEP_NHAN":
					d.State = "in_progress"
				case "report_sent":
					d.State = "reported"
				case "DUYET":
					d.State = "approved"
				case "HUY", "cancelled", "THU_HOI", "THAY_THE":
					d.State = "cancelled"
				}
			}
			d.StatusText = "trạng thái " + d.State
			for _, e := range evs {
				if e.Kind == "assigned" && strings.Contains(t.Content, "báo cáo") {
					d.Warnings = append(d.Warnings, Warning{EventKey: e.Key, Why: "test warning"})
				}
			}
			return d
		},
	}
	return Rules{Decider: f, Files: f}
}

type bundle struct {
	logs   *lockedBuffer
	sim    *portalsim.Sim
	st     *store.Store
	eng    *Engine
	client *ioffice.Client
	url    string // the simulator's
}

func setup(t *testing.T, faults portalsim.Faults, docs int) *bundle {
	t.Helper()
	return setupSim(t, portalsim.Options{Seed: 7, Documents: docs, Faults: faults, SignPDF: enginetest.SignPDF})
}

// setupSim is setup with the simulator's options given whole.
func setupSim(t *testing.T, opts portalsim.Options) *bundle {
	t.Helper()
	sim, url := simtest.Start(t, opts)
	user, pass := sim.Credentials()
	client, err := ioffice.New(ioffice.Options{BaseURL: url, Username: user, Password: pass,
		RateLimit: 1000, Concurrency: 4, Timeout: 2 * time.Second, BaseBackoff: time.Millisecond, MaxBackoff: 20 * time.Millisecond,
		MaxRetryAfter: time.Second, BreakerThreshold: 1000})
	if err != nil {
		t.Fatal(err)
	}
	st := storetest.New(t)
	logs := &lockedBuffer{}
	eng, err := New(client, st, simpleRules(), Options{Holder: "test", Logger: zerolog.New(logs), WorkDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	eng.deliver = eng.deliverWithBackoff(time.Millisecond)
	t.Cleanup(func() { _ = eng.Close(context.Background()) })
	return &bundle{sim: sim, st: st, eng: eng, client: client, logs: logs, url: url}
}

// column reads one text column of a query's rows.
func column(t *testing.T, st *store.Store, sql string, args ...any) []string {
	t.Helper()
	rows, err := st.Pool().Query(context.Background(), sql, args...)
	if err != nil {
		t.Fatal(err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// outboxLeft describes the rows still to deliver, for a failure's message:
// their state, attempts, lease and when they are due.
func outboxLeft(t *testing.T, st *store.Store) string {
	t.Helper()
	rows, err := st.Pool().Query(context.Background(), `SELECT id, kind, state, attempts, coalesce(lease_holder, ''),
		coalesce(extract(epoch FROM lease_until - now()), 0), extract(epoch FROM next_attempt_at - now()), last_error
		FROM outbox WHERE state IN ('pending', 'unknown') ORDER BY id LIMIT 20`)
	if err != nil {
		return err.Error()
	}
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		var id int64
		var kind, state, holder, last string
		var attempts int
		var leaseIn, dueIn float64
		if err := rows.Scan(&id, &kind, &state, &attempts, &holder, &leaseIn, &dueIn, &last); err != nil {
			return err.Error()
		}
		fmt.Fprintf(&b, "\n  %d %s %s attempts=%d holder=%q lease_in=%.1fs due_in=%.1fs last_error=%q", id, kind, state, attempts, holder, leaseIn, dueIn, last)
	}
	return b.String()
}

func count(t *testing.T, st *store.Store, sql string) int {
	t.Helper()
	var n int
	if err := st.Pool().QueryRow(context.Background(), sql).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestCycleAgainstSimulator(t *testing.T) {
	t.Parallel()
	b := setup(t, portalsim.Faults{}, 40)
	ctx := context.Background()
	res, err := b.eng.Cycle(ctx)
	if err != nil {
		t.Fatal(err)
	}
	di := res.Streams["DI"]
	if di.Fetched == 0 || di.NewDocs == 0 || di.TasksCreated == 0 {
		t.Fatalf("DI run = %+v", di)
	}
	// Every secret document of the simulator is skipped, and none is stored.
	secrets := 0
	for _, id := range b.sim.DocumentIDs() {
		d, _ := b.sim.Document(id)
		if connectors.IsSecret(d.Secrecy) {
			secrets++
			if n := count(t, b.st, "SELECT count(*) FROM documents WHERE portal_id = '"+strconv.FormatInt(id, 10)+"'"); n != 0 {
				t.Errorf("secret document %d stored", id)
			}
		}
	}
	if secrets == 0 {
		t.Fatal("the simulator generated no secret document; the test proves nothing")
	}
	if got := count(t, b.st, "SELECT count(*) FROM skipped_secret"); got != secrets {
		t.Errorf("skipped %d secret documents, simulator has %d", got, secrets)
	}
	// Every task in the store is registered on the portal, with its status words.
	tasks := count(t, b.st, "SELECT count(*) FROM tasks")
	reg := b.sim.Tasks()
	if len(reg) != tasks {
		t.Errorf("portal has %d task records, store %d", len(reg), tasks)
	}
	for k, r := range reg {
		if !strings.HasPrefix(r.Status, "trạng thái") {
			t.Errorf("task %s pushed with status %q", k, r.Status)
		}
	}
	total, dups := b.sim.CommentMarkers()
	if total == 0 || dups != 0 {
		t.Fatalf("registration notes: %d markers, %d duplicated", total, dups)
	}
	warned := strings.Count(b.logs.String(), "status.event_ignored")
	if warned == 0 {
		t.Fatal("no status warning was logged; the check below proves nothing")
	}
	// A second cycle changes nothing, writes nothing, and does not repeat warnings.
	before := b.sim.Stats()
	res, err = b.eng.Cycle(ctx)
	if err != nil {
		t.Fatal(err)
	}
	after := b.sim.Stats()
	if res.Streams["DI"].NewDocs+res.Streams["DI"].ChangedDocs != 0 || after.CommentPosts != before.CommentPosts || after.TaskChanges != before.TaskChanges {
		t.Fatalf("a quiet cycle wrote: %+v, stats %+v → %+v", res.Streams["DI"], before, after)
	}
	if again := strings.Count(b.logs.String(), "status.event_ignored"); again != warned {
		t.Fatalf("warnings re-logged on a quiet cycle: %d then %d", warned, again)
	}
	// Runs are recorded per stream.
	if n := count(t, b.st, "SELECT count(*) FROM sync_runs WHERE outcome IN ('ok', 'partial')"); n < 6 {
		t.Fatalf("sync_runs rows = %d", n)
	}
}

// TestLongOutageLosesNoPushBack: for more cycles than the outbox's MaxAttempts
// every write's answer is lost (the portal applies it, then drops the
// connection); no push-back goes to the dead letters, and once the portal
// answers again every one is delivered, no comment twice.
func TestLongOutageLosesNoPushBack(t *testing.T) {
	t.Parallel()
	b := setup(t, portalsim.Faults{LostResponse: 1}, 10)
	// A row left claimed comes back when its lease ends. CI once saw 17 rows
	// held for over a minute after the outage (the cause is not found yet: see
	// the session 17 note); with the product's 2-minute lease the test would
	// wait past its minute, so here the lease is 3 s: a row so held must still
	// be delivered, once, within the minute below.
	b.eng.opts.Outbox.Lease = 3 * time.Second
	b.eng.deliver = b.eng.deliverWithBackoff(time.Millisecond)
	ctx := context.Background()
	for i := 0; i < 20; i++ { // > MaxAttempts (12)
		_, _ = b.eng.Cycle(ctx)
		time.Sleep(15 * time.Millisecond) // past the backoff (1 ms, capped at 10 ms)
	}
	st, err := b.st.OutboxStats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Dead != 0 || st.Pending == 0 {
		t.Fatalf("after a long outage: %+v (want all pending, none dead)", st)
	}
	if !strings.Contains(b.logs.String(), `"event":"outbox.stuck"`) {
		t.Fatal("no outbox.stuck event after MaxAttempts failed deliveries")
	}
	if err := b.sim.SetFaults(portalsim.Faults{}); err != nil {
		t.Fatal(err)
	}
	// Cycles until the queue is empty, for up to a minute: on a loaded machine
	// a cycle's time budget can end a drain with rows still claimed, and they
	// come back when their lease ends (CI saw 17 pending after 40 quick cycles).
	cycles := 0
	for stop := time.Now().Add(time.Minute); time.Now().Before(stop); cycles++ {
		_, _ = b.eng.Cycle(ctx)
		if st, _ = b.st.OutboxStats(ctx); st.Pending == 0 {
			break
		}
		time.Sleep(15 * time.Millisecond)
	}
	if st.Pending != 0 || st.Dead != 0 {
		t.Fatalf("after the outage, %d cycles: %+v; the rows left: %s", cycles, st, outboxLeft(t, b.st))
	}
	if total, dups := b.sim.CommentMarkers(); dups != 0 {
		t.Fatalf("comments: %d markers, %d posted more than once", total, dups)
	}
}

// TestCycleConvergesUnderFaults turns every transport fault on and runs cycles until
// the queue is empty: every task registered exactly once, no duplicate comment.
func TestCycleConvergesUnderFaults(t *testing.T) {
	t.Parallel()
	f := portalsim.Faults{Error5xx: 0.1, TooMany429: 0.05, CutMidBody: 0.05, MalformedJSON: 0.05, DuplicatePage: 0.2,
		MovingDocuments: 0.1, LostResponse: 0.3, ExpireTokens: 0.05, RetryAfter: 1}
	b := setup(t, f, 40)
	ctx := context.Background()
	var lastErr error
	for i := 0; i < 60; i++ {
		_, lastErr = b.eng.Cycle(ctx)
		st, err := b.st.OutboxStats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if lastErr == nil && st.Pending == 0 && i > 2 {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if lastErr != nil {
		t.Fatalf("still failing after many cycles: %v", lastErr)
	}
	if st, _ := b.st.OutboxStats(ctx); st.Pending != 0 || st.Dead != 0 {
		dl, _ := b.st.DeadLetters(ctx, 5)
		t.Fatalf("outbox not drained: %+v %+v", st, dl)
	}
	if b.sim.Stats().Faults["lost_response"] == 0 {
		t.Fatal("no response was lost; the test proves nothing about duplicates")
	}
	total, dups := b.sim.CommentMarkers()
	if total == 0 || dups != 0 {
		t.Fatalf("comments: %d markers, %d posted more than once", total, dups)
	}
	if got, want := len(b.sim.Tasks()), count(t, b.st, "SELECT count(*) FROM tasks"); got != want {
		t.Fatalf("portal has %d task records, store %d", got, want)
	}
	// Every portal record carries the store's current words.
	for _, v := range mustList(t, b.st) {
		if r, ok := b.sim.Tasks()[v.Key]; !ok || r.Status != v.StatusText {
			t.Errorf("task %s: portal %q, store %q", v.Key, r.Status, v.StatusText)
		}
	}
	fmt.Println("faults fired:", b.sim.Stats().Faults)
}

func mustList(t *testing.T, st *store.Store) []store.TaskView {
	t.Helper()
	vs, err := st.ListTasks(context.Background(), store.TaskFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return vs
}

type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestOutageLoggedOncePerChange stops the portal for several cycles: each stream logs
// one warning when the outage starts, none while it lasts, and one line when it ends.
func TestOutageLoggedOncePerChange(t *testing.T) {
	t.Parallel()
	b := setup(t, portalsim.Faults{}, 10)
	ctx := context.Background()
	if err := b.sim.SetFaults(portalsim.Faults{Error5xx: 1}); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		if _, err := b.eng.Cycle(ctx); err == nil {
			t.Fatal("a cycle against a dead portal succeeded")
		}
	}
	streamWarns := 0
	for _, line := range strings.Split(b.logs.String(), "\n") {
		if strings.Contains(line, `"event":"sync.stream_done"`) && strings.Contains(line, `"level":"warn"`) {
			streamWarns++
		}
	}
	// DI and ACTIONS warn once each, not once per cycle; DEN waits quietly for a
	// complete DI pass (its reports need their directives).
	if streamWarns != 2 {
		t.Fatalf("%d stream warnings over 3 failed cycles, want 2 (one per failing stream)\n%s", streamWarns, b.logs.String())
	}
	if err := b.sim.SetFaults(portalsim.Faults{}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.eng.Cycle(ctx); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(b.logs.String(), "sync.stream_recovered"); n != 2 {
		t.Fatalf("recovered lines = %d, want 2", n)
	}
}

// deliverWithBackoff rebuilds the deliverer with another base backoff (tests).
func (e *Engine) deliverWithBackoff(base time.Duration) *outbox.Deliverer {
	ob := e.opts.Outbox
	ob.Holder, ob.Logger, ob.Now, ob.BaseBackoff, ob.MaxBackoff = e.opts.Holder, e.opts.Logger, e.opts.Now, base, 10*base
	return outbox.New(e.portal, e.st, ob)
}
