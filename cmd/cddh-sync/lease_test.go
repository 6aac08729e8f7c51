package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"cddh-sync/connectors"
	"cddh-sync/connectors/portalsim"
	"cddh-sync/sync/store/storetest"
)

// The lease tests run the real binary with the DEFAULT configuration: no
// sync.instance, no lease_ttl, so every process has a fresh random name (issue #16).
// A lease must die with its process, not wait for a TTL or a reused name.

// defaultEnv is an operator's configuration with nothing about leases set.
func defaultEnv(t testing.TB, url, user, pass, dsn string, extra ...string) []string {
	env := append(os.Environ(), "CDDH_SYNC_WORK_DIR="+workDirOf(t),
		"CDDH_PORTAL_BASE_URL="+url, "CDDH_PORTAL_USERNAME="+user, "CDDH_PORTAL_PASSWORD="+pass,
		"CDDH_PORTAL_RATE_LIMIT=500", "CDDH_PORTAL_CONCURRENCY=4", "CDDH_PORTAL_TIMEOUT=2s",
		"CDDH_STORE_DSN="+dsn, "CDDH_SIGNING_OFFLINE=true", "CDDH_REVIEW_POLICY=auto", "CDDH_LOG_FORMAT=json", "CDDH_LOG_LEVEL=debug",
		"CDDH_SYNC_PAGE_SIZE=10", "CDDH_HTTP_LISTEN=127.0.0.1:0", "CDDH_REMINDERS_ENABLED=false")
	return append(env, extra...)
}

// logWatch is a process's log: it keeps every line and wakes a waiter the moment a
// line with the wanted event arrives, so tests wait on the daemon's own signal
// rather than on a sleep.
type logWatch struct {
	mu      sync.Mutex
	buf     bytes.Buffer
	partial []byte
	lines   []map[string]any
	notify  chan struct{}
}

func newLogWatch() *logWatch { return &logWatch{notify: make(chan struct{}, 1)} }

func (w *logWatch) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf.Write(p)
	w.partial = append(w.partial, p...)
	consumed := 0
	for {
		i := bytes.IndexByte(w.partial[consumed:], '\n')
		if i < 0 {
			break
		}
		var rec map[string]any
		if json.Unmarshal(w.partial[consumed:consumed+i], &rec) == nil {
			w.lines = append(w.lines, rec)
		}
		consumed += i + 1
	}
	w.partial = append([]byte(nil), w.partial[consumed:]...)
	select {
	case w.notify <- struct{}{}:
	default:
	}
	return len(p), nil
}

func (w *logWatch) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

// find returns the first line from index from on that matches.
func (w *logWatch) find(from int, match func(map[string]any) bool) (map[string]any, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, l := range w.lines[min(from, len(w.lines)):] {
		if match(l) {
			return l, true
		}
	}
	return nil, false
}

func (w *logWatch) count() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.lines)
}

// wait blocks until a line from index from on matches, or fails the test.
func (w *logWatch) wait(t testing.TB, from int, within time.Duration, what string, match func(map[string]any) bool) map[string]any {
	t.Helper()
	deadline := time.After(within)
	for {
		if l, ok := w.find(from, match); ok {
			return l
		}
		select {
		case <-w.notify:
		case <-deadline:
			t.Fatalf("no %s within %s; log:\n%s", what, within, tail(w.String(), 4000))
		}
	}
}

func tail(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}

func event(name string) func(map[string]any) bool {
	return func(l map[string]any) bool { return l["event"] == name }
}

func pageOf(stream string) func(map[string]any) bool {
	return func(l map[string]any) bool { return l["event"] == "sync.page.committed" && l["stream"] == stream }
}

// runOnce runs `sync --once` to its end and returns its exit code.
func runOnce(t *testing.T, bin string, env []string, logs *logWatch) int {
	t.Helper()
	cmd := exec.Command(bin, "sync", "--once")
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = logs, logs
	err := cmd.Run()
	var xe *exec.ExitError
	if errors.As(err, &xe) {
		return xe.ExitCode()
	}
	if err != nil {
		t.Fatal(err)
	}
	return 0
}

// TestSyncOnceBackToBack: ten `sync --once` in a row, as a cron job started every
// minute would run them, each one works every stream: nothing is left held by the
// run before, and each exits 0.
func TestSyncOnceBackToBack(t *testing.T) {
	bin := buildBinary(t)
	sim, url := startSim(t, portalsim.Options{Seed: 21, Documents: 30})
	user, pass := sim.Credentials()
	dsn := storetest.NewDatabase(t)
	env := defaultEnv(t, url, user, pass, dsn)
	for i := range 10 {
		logs := newLogWatch()
		if code := runOnce(t, bin, env, logs); code != exitOK {
			t.Fatalf("run %d: exit %d\n%s", i+1, code, tail(logs.String(), 4000))
		}
		done := map[string]string{}
		for _, l := range logs.lines {
			if l["event"] == "sync.stream_done" {
				done[l["stream"].(string)], _ = l["outcome"].(string)
			}
			if l["event"] == "sync.stream_held" || l["event"] == "sync.stream_waiting" {
				t.Errorf("run %d: %v", i+1, l)
			}
		}
		for _, s := range []string{"DI", "DEN", "ACTIONS"} {
			if o, ok := done[s]; !ok || o == "failed" {
				t.Errorf("run %d: stream %s not worked (outcome %q)", i+1, s, o)
			}
		}
	}
	var holders, runs int
	if err := pgxQueryRow(dsn, `SELECT count(DISTINCT holder) FROM sync_runs`, &holders); err != nil {
		t.Fatal(err)
	}
	_ = pgxQueryRow(dsn, `SELECT count(*) FROM sync_runs`, &runs)
	if holders != 10 || runs != 30 {
		t.Errorf("%d stream runs by %d holders, want 30 by 10", runs, holders)
	}
}

// TestHeldByLiveInstance: while a live daemon works on the issued stream, `sync
// --once` waits sync.lease_wait, then exits 4 with one warning naming the daemon.
// Once the daemon is SIGKILLed mid-page, a restarted process (no sync.instance)
// takes its streams over and commits a page within 5 s: a dead holder never
// causes exit 4.
func TestHeldByLiveInstance(t *testing.T) {
	bin := buildBinary(t)
	sim, url := startSim(t, portalsim.Options{Seed: 22, Documents: 300, Latency: 80 * time.Millisecond})
	user, pass := sim.Credentials()
	dsn := storetest.NewDatabase(t)
	daemonLogs := newLogWatch()
	daemon := exec.Command(bin, "run")
	daemon.Env = defaultEnv(t, url, user, pass, dsn, "CDDH_SYNC_INTERVAL=1h")
	daemon.Stdout, daemon.Stderr = daemonLogs, daemonLogs
	if err := daemon.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = daemon.Process.Kill(); _ = daemon.Wait() }()
	daemonLogs.wait(t, 0, 60*time.Second, "first page of the issued stream", pageOf("DI"))
	var holder string
	if err := pgxQueryRow(dsn, `SELECT holder FROM leases WHERE stream = 'DI'`, &holder); err != nil {
		t.Fatal(err)
	}

	// Live holder: exit 4 after the wait, one warning line naming it.
	logs := newLogWatch()
	started := time.Now()
	code := runOnce(t, bin, defaultEnv(t, url, user, pass, dsn, "CDDH_SYNC_LEASE_WAIT=1s"), logs)
	waited := time.Since(started)
	if code != exitHeld {
		t.Fatalf("sync --once next to a live holder: exit %d, want %d\n%s", code, exitHeld, tail(logs.String(), 4000))
	}
	if waited < time.Second {
		t.Errorf("exit 4 after %s: sync.lease_wait (1s) was not waited", waited)
	}
	var warns []map[string]any
	for _, l := range logs.lines {
		if l["level"] == "warn" {
			warns = append(warns, l)
		}
	}
	if len(warns) != 1 || warns[0]["event"] != "sync.stream_held" || !strings.Contains(warns[0]["holder"].(string), holder) ||
		!strings.Contains(warns[0]["message"].(string), holder) {
		t.Fatalf("want one sync.stream_held warning naming %s, got %v", holder, warns)
	}
	if _, still := daemonLogs.find(0, event("sync.stream_done")); still {
		t.Log("note: the daemon finished a stream during the wait")
	}

	// SIGKILL mid-page: the next process resumes within 5 s.
	var termBefore int64
	_ = pgxQueryRow(dsn, `SELECT term FROM leases WHERE stream = 'DI'`, &termBefore)
	n := daemonLogs.count()
	daemonLogs.wait(t, n, 30*time.Second, "another page", pageOf("DI"))
	if err := daemon.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	killed := time.Now()
	_ = daemon.Wait()
	next := newLogWatch()
	restart := exec.Command(bin, "sync", "--once")
	restart.Env = defaultEnv(t, url, user, pass, dsn)
	restart.Stdout, restart.Stderr = next, next
	if err := restart.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- restart.Wait() }()
	next.wait(t, 0, 30*time.Second, "a page committed by the restarted process", pageOf("DI"))
	recovery := time.Since(killed)
	t.Logf("restart recovery: SIGKILL to the next process's first committed page in %s", recovery)
	if recovery > 5*time.Second {
		t.Errorf("restart recovery took %s, want <= 5s", recovery)
	}
	var termAfter int64
	_ = pgxQueryRow(dsn, `SELECT term FROM leases WHERE stream = 'DI'`, &termAfter)
	if termAfter <= termBefore {
		t.Errorf("the takeover kept term %d (before %d): the dead holder is not fenced off", termAfter, termBefore)
	}
	select {
	case err := <-exited:
		var xe *exec.ExitError
		if errors.As(err, &xe) {
			t.Fatalf("the restarted sync --once exited %d\n%s", xe.ExitCode(), tail(next.String(), 4000))
		}
	case <-time.After(120 * time.Second):
		_ = restart.Process.Kill()
		t.Fatal("the restarted sync --once did not finish")
	}
}

// fortyPercent turns every fault on at rates where about 40% of requests meet at
// least one (sim.Stats reports the share measured).
func fortyPercent() portalsim.Faults {
	return portalsim.Faults{Slow: 0.1, SlowDelay: 50 * time.Millisecond, Error5xx: 0.1, TooMany429: 0.05, ExpireTokens: 0.05,
		CutMidBody: 0.05, MalformedJSON: 0.05, DuplicatePage: 0.3, MovingDocuments: 0.2, LostResponse: 0.4, RetryAfter: 1}
}

// TestFaultsConvergeInTwoRuns: with every fault on, two `sync --once` in a row
// complete (exit 0) and leave the portal exactly as a clean run does: every task
// record with the clean run's status, no comment twice, no secret anywhere.
func TestFaultsConvergeInTwoRuns(t *testing.T) {
	bin := buildBinary(t)
	opts := portalsim.Options{Seed: 11, Documents: 50}
	expected := cleanRun(t, bin, opts)
	if len(expected) == 0 {
		t.Fatal("the clean run extracted no task")
	}
	faulty := opts
	faulty.Faults = fortyPercent()
	sim, url := startSim(t, faulty)
	user, pass := sim.Credentials()
	dsn := storetest.NewDatabase(t)
	env := defaultEnv(t, url, user, pass, dsn, "CDDH_LOG_LEVEL=info")
	logs := newLogWatch()
	for run := 1; run <= 2; run++ {
		if code := runOnce(t, bin, env, logs); code != exitOK {
			t.Fatalf("run %d under faults: exit %d\n%s", run, code, tail(logs.String(), 4000))
		}
	}
	st := sim.Stats()
	share := float64(st.Faulted) / float64(max(st.Requests, 1))
	t.Logf("%d requests, %.0f%% met a fault: %v", st.Requests, 100*share, st.Faults)
	if share < 0.3 {
		t.Errorf("only %.0f%% of requests met a fault; the test wants about 40%%", 100*share)
	}
	var pending int
	if err := pgxQueryRow(dsn, `SELECT count(*) FROM outbox WHERE state <> 'done'`, &pending); err != nil {
		t.Fatal(err)
	}
	if pending != 0 {
		var rows string
		_ = pgxQueryRow(dsn, `SELECT string_agg(format('%s %s %s attempts=%s next_in=%s error=%s', id, kind, state, attempts,
			date_trunc('second', next_attempt_at - now()), last_error), E'\n') FROM outbox WHERE state <> 'done'`, &rows)
		t.Errorf("%d push-backs not delivered after two runs:\n%s", pending, rows)
	}
	checkAgainstPortal(t, sim, dsn, expected, logs.String())
}

// TestLaterChangesReadNextRun: what the portal changes after a run (a directive
// withdrawn, another replaced, a report arriving, a deadline extended) is read by
// the very next `sync --once`, and the store and the portal's task records agree.
func TestLaterChangesReadNextRun(t *testing.T) {
	bin := buildBinary(t)
	sim, url := startSim(t, portalsim.Options{Seed: 26, Documents: 10})
	user, pass := sim.Credentials()
	now := time.Now().In(connectors.Zone)
	var dirs []int64
	for i, body := range []string{
		"Giao Sở Tài chính rà soát định mức chi, báo cáo trước ngày 30/12/2026.",
		"Giao Sở Tài chính lập dự toán bổ sung, báo cáo trước ngày 30/12/2026.",
		"Giao Sở Tài chính tổng hợp quyết toán, báo cáo trước ngày 30/12/2026.",
		"Giao Sở Tài chính kiểm tra công nợ, báo cáo trước ngày 30/12/2026.",
	} {
		id, err := sim.AddDirective("Công văn", strconv.Itoa(930+i)+"/UBND-KT", "V/v tài chính", body, now.Add(-3*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		dirs = append(dirs, id)
	}
	dsn := storetest.NewDatabase(t)
	env := defaultEnv(t, url, user, pass, dsn, "CDDH_LOG_LEVEL=info")
	logs := newLogWatch()
	if code := runOnce(t, bin, env, logs); code != exitOK {
		t.Fatalf("first run: exit %d\n%s", code, tail(logs.String(), 3000))
	}
	taskOf := func(doc int64) string {
		for k := range sim.Tasks() {
			if strings.HasPrefix(k, strconv.FormatInt(doc, 10)+"-") {
				return k
			}
		}
		t.Fatalf("directive %d has no task on the portal", doc)
		return ""
	}
	extended := taskOf(dirs[3])
	// The portal changes after the run.
	if err := sim.Withdraw(dirs[0]); err != nil {
		t.Fatal(err)
	}
	repl, err := sim.AddDirective("Công văn", "940/UBND-KT", "V/v thay thế", "Giao Sở Tài chính lập dự toán mới, báo cáo trước ngày 30/12/2026.", now.Add(-time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	if err := sim.Replace(dirs[1], repl); err != nil {
		t.Fatal(err)
	}
	if _, err := sim.AddReport("000.00.12.H20", "80/BC-STC", "Báo cáo quyết toán", "Sở Tài chính báo cáo quyết toán.", now.Add(-time.Minute), dirs[2]); err != nil {
		t.Fatal(err)
	}
	if _, err := sim.AppendAction(portalsim.Action{TaskKey: extended, Kind: portalsim.ActionExtend, DocumentID: dirs[3],
		NewDue: "15/01/2027", Note: "gia hạn"}); err != nil {
		t.Fatal(err)
	}
	if code := runOnce(t, bin, env, logs); code != exitOK {
		t.Fatalf("second run: exit %d\n%s", code, tail(logs.String(), 3000))
	}
	state := func(doc int64) []string {
		conn := storedTaskStatus(t, dsn)
		var out []string
		for k, s := range conn {
			if strings.HasPrefix(k, strconv.FormatInt(doc, 10)+"-") {
				out = append(out, s)
			}
		}
		return out
	}
	var withdrawn, replaced, reported, ext string
	_ = pgxQueryRow(dsn, `SELECT min(t.state) FROM tasks t JOIN documents d ON d.id = t.document_id WHERE d.portal_id = '`+strconv.FormatInt(dirs[0], 10)+`'`, &withdrawn)
	_ = pgxQueryRow(dsn, `SELECT min(t.state) FROM tasks t JOIN documents d ON d.id = t.document_id WHERE d.portal_id = '`+strconv.FormatInt(dirs[1], 10)+`'`, &replaced)
	_ = pgxQueryRow(dsn, `SELECT min(t.state) FROM tasks t JOIN documents d ON d.id = t.document_id WHERE d.portal_id = '`+strconv.FormatInt(dirs[2], 10)+`'`, &reported)
	_ = pgxQueryRow(dsn, `SELECT to_char(due_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'DD/MM/YYYY') FROM tasks WHERE task_key = '`+extended+`'`, &ext)
	if withdrawn != "cancelled" || replaced != "cancelled" {
		t.Errorf("withdrawn directive's task %q, replaced one's %q: want cancelled", withdrawn, replaced)
	}
	if reported != "reported" {
		t.Errorf("the task the new report answers is %q, want reported", reported)
	}
	if ext != "15/01/2027" {
		t.Errorf("the extended task is due %q, want 15/01/2027", ext)
	}
	for _, doc := range dirs {
		if len(state(doc)) == 0 {
			t.Errorf("directive %d has no task", doc)
		}
	}
	portal := sim.Tasks()
	for k, s := range storedTaskStatus(t, dsn) {
		if rec, ok := portal[k]; !ok || rec.Status != s {
			t.Errorf("task %s: store %q, portal %q", k, s, rec.Status)
		}
	}
}

// TestPausedHolderFencedOff: a daemon paused (SIGSTOP) mid-stream stays connected,
// so it is live, but it stops committing: after sync.lease_ttl another process
// takes the stream over under a new term. Woken up (SIGCONT), the paused daemon
// cannot commit the page it was on: its term is fenced off.
func TestPausedHolderFencedOff(t *testing.T) {
	bin := buildBinary(t)
	sim, url := startSim(t, portalsim.Options{Seed: 27, Documents: 300, Latency: 80 * time.Millisecond})
	user, pass := sim.Credentials()
	dsn := storetest.NewDatabase(t)
	dlogs := newLogWatch()
	daemon := exec.Command(bin, "run")
	daemon.Env = defaultEnv(t, url, user, pass, dsn, "CDDH_SYNC_INTERVAL=1h", "CDDH_SYNC_LEASE_TTL=5s")
	daemon.Stdout, daemon.Stderr = dlogs, dlogs
	if err := daemon.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = daemon.Process.Signal(syscall.SIGCONT); _ = daemon.Process.Kill(); _ = daemon.Wait() }()
	dlogs.wait(t, 0, 60*time.Second, "a page of the issued stream", pageOf("DI"))
	if err := daemon.Process.Signal(syscall.SIGSTOP); err != nil {
		t.Fatal(err)
	}
	paused := dlogs.count()
	var oldTerm int64
	if err := pgxQueryRow(dsn, `SELECT term FROM leases WHERE stream = 'DI'`, &oldTerm); err != nil {
		t.Fatal(err)
	}
	// The paused daemon's lease runs out by the database's clock.
	deadline := time.Now().Add(30 * time.Second)
	for {
		var expired bool
		if err := pgxQueryRow(dsn, `SELECT expires_at <= now() FROM leases WHERE stream = 'DI'`, &expired); err != nil {
			t.Fatal(err)
		}
		if expired {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the paused daemon's lease did not expire")
		}
		time.Sleep(100 * time.Millisecond)
	}
	next := newLogWatch()
	once := exec.Command(bin, "sync", "--once")
	once.Env = defaultEnv(t, url, user, pass, dsn)
	once.Stdout, once.Stderr = next, next
	if err := once.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- once.Wait() }()
	next.wait(t, 0, 30*time.Second, "a page by the process that took over", pageOf("DI"))
	var newTerm int64
	_ = pgxQueryRow(dsn, `SELECT term FROM leases WHERE stream = 'DI'`, &newTerm)
	if newTerm <= oldTerm {
		t.Fatalf("the takeover kept term %d (was %d)", newTerm, oldTerm)
	}
	if err := daemon.Process.Signal(syscall.SIGCONT); err != nil {
		t.Fatal(err)
	}
	lost := dlogs.wait(t, paused, 60*time.Second, "the woken daemon's issued stream ending", func(l map[string]any) bool {
		return l["event"] == "sync.stream_done" && l["stream"] == "DI"
	})
	if l, ok := dlogs.find(paused, pageOf("DI")); ok {
		t.Errorf("the fenced daemon committed a page after the takeover: %v", l)
	}
	if errText, _ := lost["error"].(string); !strings.Contains(errText, "lease lost") {
		t.Errorf("the woken daemon's stream ended without losing its lease: %v", lost)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("the process that took over: %v\n%s", err, tail(next.String(), 3000))
		}
	case <-time.After(120 * time.Second):
		_ = once.Process.Kill()
		t.Fatal("the process that took over did not finish")
	}
	var cursorTerm int64
	_ = pgxQueryRow(dsn, `SELECT term FROM cursors WHERE stream = 'DI'`, &cursorTerm)
	if cursorTerm < newTerm {
		t.Errorf("the cursor was last moved under term %d, older than the takeover's %d", cursorTerm, newTerm)
	}
}
