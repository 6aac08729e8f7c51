package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"cddh-sync/connectors"
	"cddh-sync/connectors/portalsim"
	"cddh-sync/sync/store/storetest"
)

// The crash and two-instance tests run the real binary as a child process against
// an in-process simulator and a real PostgreSQL, kill it with SIGKILL, and check
// the outcome against the simulator's own record (issues #7 and #9).

// buildBinary compiles this command once per test.
func buildBinary(t testing.TB) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "cddh-sync")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// transportFaults is every transport fault, at rates a cycle meets each of them
// with; hostile attachments are tested on their own.
func transportFaults() portalsim.Faults {
	return portalsim.Faults{Error5xx: 0.08, TooMany429: 0.05, Slow: 0.05, SlowDelay: 150 * time.Millisecond,
		CutMidBody: 0.05, MalformedJSON: 0.05, DuplicatePage: 0.2, MovingDocuments: 0.1, LostResponse: 0.2,
		ExpireTokens: 0.05, RetryAfter: 1}
}

// daemonEnv is the configuration of a child daemon, as an operator would set it.
func daemonEnv(t testing.TB, url, user, pass, dsn, instance string) []string {
	env := append(os.Environ(), "CDDH_SYNC_WORK_DIR="+workDirOf(t),
		"CDDH_PORTAL_BASE_URL="+url, "CDDH_PORTAL_USERNAME="+user, "CDDH_PORTAL_PASSWORD="+pass,
		"CDDH_PORTAL_RATE_LIMIT=500", "CDDH_PORTAL_CONCURRENCY=4", "CDDH_PORTAL_TIMEOUT=2s",
		"CDDH_STORE_DSN="+dsn, "CDDH_SIGNING_OFFLINE=true", "CDDH_LOG_FORMAT=json", "CDDH_LOG_LEVEL=info",
		"CDDH_SYNC_INTERVAL=1s", "CDDH_SYNC_LEASE_TTL=5s", "CDDH_SYNC_PAGE_SIZE=10", "CDDH_HTTP_LISTEN=127.0.0.1:0",
		"CDDH_REMINDERS_ENABLED=false",
		// Offline without trust anchors no signature passes, and the default review
		// policy would hold every task: these tests are about delivery.
		"CDDH_REVIEW_POLICY=auto")
	if instance != "" {
		env = append(env, "CDDH_SYNC_INSTANCE="+instance)
	}
	return env
}

// workDirs holds each test's sync.work_dir, so that the processes a test kills
// leave nothing in /tmp; every process of one test shares it, as the instances on
// one host share /tmp.
var workDirs sync.Map // testing.TB → string

func workDirOf(t testing.TB) string {
	if d, ok := workDirs.Load(t); ok {
		return d.(string)
	}
	d := t.TempDir()
	workDirs.Store(t, d)
	t.Cleanup(func() { workDirs.Delete(t) })
	return d
}

// startDaemon starts `cddh-sync run`, its log appended to logs.
func startDaemon(t *testing.T, bin string, env []string, logs *lockedBuffer) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(bin, "run")
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = logs, logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd
}

// converge turns the faults off and runs `sync --once` until every document is
// stored and nothing waits in the outbox.
func converge(t *testing.T, bin string, env []string, sim *portalsim.Sim, dsn string, logs *lockedBuffer) {
	t.Helper()
	if err := sim.SetFaults(portalsim.Faults{}); err != nil {
		t.Fatal(err)
	}
	want := publicDocuments(sim)
	// Bounded by time, not by a count of runs: under load a push-back's retry can
	// fall due later than a quick run's end, and the next runs wait for it.
	deadline := time.Now().Add(4 * time.Minute)
	for i := 0; ; i++ {
		cmd := exec.Command(bin, "sync", "--once")
		cmd.Env = env
		cmd.Stdout, cmd.Stderr = logs, logs
		if err := cmd.Run(); err != nil {
			t.Logf("sync --once: %v", err)
		}
		var docs, pending int
		if err := pgxQueryRow(dsn, `SELECT count(*) FROM documents`, &docs); err != nil {
			t.Fatal(err)
		}
		if err := pgxQueryRow(dsn, `SELECT count(*) FROM outbox WHERE state <> 'done'`, &pending); err != nil {
			t.Fatal(err)
		}
		if docs == want && pending == 0 {
			return
		}
		if time.Now().After(deadline) {
			var stuck string
			_ = pgxQueryRow(dsn, `SELECT coalesce(string_agg(kind || ' ' || state || ' attempts=' || attempts || ' next=' || next_attempt_at::text ||
				' lease=' || lease_holder || ' until=' || coalesce(lease_until::text, '-') || ' err=' || last_error || ' target=' || target, E'\n'), '')
				FROM outbox WHERE state <> 'done'`, &stuck)
			t.Fatalf("no convergence after %d runs: %d of %d documents stored, %d push-backs pending:\n%s", i+1, docs, want, pending, stuck)
		}
		// No pause: a run's leases end with it, so the next one starts at once.
	}
}

// storedTasks reads the store's tasks as task key → status words.
func storedTaskStatus(t *testing.T, dsn string) map[string]string {
	t.Helper()
	conn, err := pgx.Connect(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	rows, err := conn.Query(context.Background(), `SELECT task_key, status_text FROM tasks`)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for rows.Next() {
		var k, s string
		if err := rows.Scan(&k, &s); err != nil {
			t.Fatal(err)
		}
		out[k] = s
	}
	return out
}

// checkAgainstPortal compares a store with the simulator's record and with the
// tasks a clean run extracts: every expected task exactly once with the right
// status, every push-back converged, no duplicate comment, no secret anywhere.
func checkAgainstPortal(t *testing.T, sim *portalsim.Sim, dsn string, expected map[string]string, logs string) {
	t.Helper()
	got := storedTaskStatus(t, dsn)
	if len(got) != len(expected) {
		t.Errorf("%d tasks stored, a clean run stores %d", len(got), len(expected))
	}
	for k, s := range expected {
		if g, ok := got[k]; !ok {
			t.Errorf("task %s missing", k)
		} else if g != s {
			t.Errorf("task %s is %q, a clean run says %q", k, g, s)
		}
	}
	portal := sim.Tasks()
	if len(portal) != len(got) {
		t.Errorf("the portal has %d task records, the store %d", len(portal), len(got))
	}
	for k, s := range got {
		if rec, ok := portal[k]; !ok {
			t.Errorf("task %s never reached the portal", k)
		} else if rec.Status != s {
			t.Errorf("task %s: the portal shows %q, the store %q", k, rec.Status, s)
		}
	}
	if total, dups := sim.CommentMarkers(); dups != 0 || total == 0 {
		t.Errorf("%d comments with a marker, %d of them duplicated", total, dups)
	}
	secretNotStored(t, sim, dsn, logs)
}

// publicDocuments counts the simulator's documents that are not secret: those the
// store must end with.
func publicDocuments(sim *portalsim.Sim) int {
	n := 0
	for _, id := range sim.DocumentIDs() {
		if d, _ := sim.Document(id); !connectors.IsSecret(d.Secrecy) {
			n++
		}
	}
	return n
}

// secretNotStored: no secret document's subject in pg_dump or in the logs.
func secretNotStored(t *testing.T, sim *portalsim.Sim, dsn, logs string) {
	t.Helper()
	var subjects []string
	public := map[string]bool{} // a subject a public document shares proves nothing
	for _, id := range sim.DocumentIDs() {
		if d, _ := sim.Document(id); !connectors.IsSecret(d.Secrecy) {
			public[d.Subject] = true
		}
	}
	for _, id := range sim.DocumentIDs() {
		if d, _ := sim.Document(id); connectors.IsSecret(d.Secrecy) && len(d.Subject) > 20 && !public[d.Subject] {
			subjects = append(subjects, d.Subject)
		}
	}
	if len(subjects) == 0 {
		t.Fatal("the simulator made no secret document; the check proves nothing")
	}
	dump, err := exec.Command("pg_dump", "--data-only", dsn).Output()
	if err != nil {
		t.Fatalf("pg_dump: %v", err)
	}
	for _, s := range subjects {
		if bytes.Contains(dump, []byte(s)) {
			t.Errorf("a secret document's subject is in the database: %q", s)
		}
		if strings.Contains(logs, s) {
			t.Errorf("a secret document's subject is in the logs: %q", s)
		}
	}
}

// cleanRun extracts the same data once, without faults or crashes: the tasks
// every crashed run must end with.
func cleanRun(t *testing.T, bin string, opts portalsim.Options) map[string]string {
	t.Helper()
	sim, url := startSim(t, opts)
	user, pass := sim.Credentials()
	dsn := storetest.NewDatabase(t)
	var logs lockedBuffer
	converge(t, bin, daemonEnv(t, url, user, pass, dsn, ""), sim, dsn, &logs)
	return storedTaskStatus(t, dsn)
}

// TestCrashSIGKILL kills the daemon with SIGKILL at random moments, 20 times,
// against a portal with every transport fault on, then lets it converge.
func TestCrashSIGKILL(t *testing.T) {
	bin := buildBinary(t)
	opts := portalsim.Options{Seed: 11, Documents: 50}
	expected := cleanRun(t, bin, opts)
	if len(expected) == 0 {
		t.Fatal("the clean run extracted no task")
	}

	faulty := opts
	faulty.Faults = transportFaults()
	sim, url := startSim(t, faulty)
	user, pass := sim.Credentials()
	dsn := storetest.NewDatabase(t)
	// No sync.instance: each restart is a new holder, and must not wait for the
	// killed one's leases.
	env := daemonEnv(t, url, user, pass, dsn, "")
	seed := uint64(time.Now().UnixNano())
	r := rand.New(rand.NewPCG(seed, 7))
	t.Logf("kill schedule seed %d", seed)
	var logs lockedBuffer
	const kills = 20
	for i := range kills {
		started := strings.Count(logs.String(), `"daemon.started"`)
		cmd := startDaemon(t, bin, env, &logs)
		// The kill falls at a random moment of the daemon's work, counted from when it
		// is up (store open, migrated), so that a loaded machine's slow start-up does
		// not turn every kill into a kill before any work.
		waitFor(t, "the daemon to start", time.Minute, func() bool {
			return strings.Count(logs.String(), `"daemon.started"`) > started
		})
		if i == kills-1 {
			// The last kill falls after some work is stored, whatever the random
			// moments before gave: with every fault on, twenty early kills can all
			// land before the first page is stored (seen once as an ordinary user).
			waitFor(t, "a document stored before the last kill", 2*time.Minute, func() bool {
				var n int
				return pgxQueryRow(dsn, `SELECT count(*) FROM documents`, &n) == nil && n > 0
			})
		}
		wait := time.Duration(100+r.IntN(1400)) * time.Millisecond
		time.Sleep(wait)
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatalf("kill %d: %v", i, err)
		}
		_ = cmd.Wait()
	}
	var docs, pages int
	_ = pgxQueryRow(dsn, `SELECT count(*) FROM documents`, &docs)
	_ = pgxQueryRow(dsn, `SELECT count(*) FROM sync_runs`, &pages)
	t.Logf("after %d kills: %d documents stored, %d stream cycles started", kills, docs, pages)
	if docs == 0 {
		t.Fatal("the daemon stored nothing before the kills: the kills tested nothing")
	}
	converge(t, bin, env, sim, dsn, &logs)
	if os.Getenv("CDDH_DEBUG_LOG") != "" {
		_ = os.WriteFile(os.Getenv("CDDH_DEBUG_LOG"), []byte(logs.String()), 0o600)
	}
	checkAgainstPortal(t, sim, dsn, expected, logs.String())
	t.Logf("faults fired: %v", sim.Stats().Faults)
}

// TestTwoInstancesOneDatabase runs three daemons on one database and one portal,
// kills one mid-way, and checks that no page was processed twice and nothing was
// lost: the survivors take its streams over as soon as it is dead.
func TestTwoInstancesOneDatabase(t *testing.T) {
	bin := buildBinary(t)
	opts := portalsim.Options{Seed: 12, Documents: 50}
	expected := cleanRun(t, bin, opts)

	faulty := opts
	faulty.Faults = portalsim.Faults{Error5xx: 0.05, LostResponse: 0.1, Slow: 0.05, SlowDelay: 100 * time.Millisecond}
	sim, url := startSim(t, faulty)
	user, pass := sim.Credentials()
	dsn := storetest.NewDatabase(t)
	var logs lockedBuffer
	var procs []*exec.Cmd
	first := newLogWatch()
	for i := range 3 {
		cmd := exec.Command(bin, "run")
		cmd.Env = daemonEnv(t, url, user, pass, dsn, "")
		cmd.Stdout, cmd.Stderr = &logs, &logs
		if i == 0 {
			cmd.Stdout, cmd.Stderr = io.MultiWriter(&logs, first), io.MultiWriter(&logs, first)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		procs = append(procs, cmd)
	}
	defer func() {
		for _, p := range procs {
			_ = p.Process.Signal(syscall.SIGKILL)
			_ = p.Wait()
		}
	}()
	// Killed mid-work: once it has finished a stream and is on the next.
	first.wait(t, 0, 60*time.Second, "a stream finished by the first daemon", event("sync.stream_done"))
	if err := procs[0].Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = procs[0].Wait()
	procs = procs[1:]
	// The survivors finish the work, including the dead one's streams.
	deadline := time.Now().Add(60 * time.Second)
	want := publicDocuments(sim)
	for {
		var docs, pending int
		_ = pgxQueryRow(dsn, `SELECT count(*) FROM documents`, &docs)
		_ = pgxQueryRow(dsn, `SELECT count(*) FROM outbox WHERE state <> 'done'`, &pending)
		if docs == want && pending == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the survivors did not finish: %d of %d documents, %d push-backs pending", docs, want, pending)
		}
		time.Sleep(500 * time.Millisecond)
	}
	if err := sim.SetFaults(portalsim.Faults{}); err != nil {
		t.Fatal(err)
	}
	// A last cycle of each survivor without faults settles late statuses.
	settled := strings.Count(logs.String(), `"event":"sync.cycle_done"`) + 2*len(procs)
	for strings.Count(logs.String(), `"event":"sync.cycle_done"`) < settled {
		if time.Now().After(deadline.Add(30 * time.Second)) {
			t.Fatal("the survivors ran no cycle after the faults stopped")
		}
		time.Sleep(50 * time.Millisecond)
	}
	for _, p := range procs {
		_ = p.Process.Signal(syscall.SIGTERM)
		_ = p.Wait()
	}
	procs = nil
	// No page twice: each committed page advanced its stream's cursor under one
	// lease term, and the holders of a stream never overlapped in time.
	var overlaps int
	if err := pgxQueryRow(dsn, `SELECT count(*) FROM sync_runs a JOIN sync_runs b
		ON a.stream = b.stream AND a.id < b.id AND a.holder <> b.holder
		AND a.started_at < b.finished_at AND b.started_at < a.finished_at
		WHERE a.outcome <> 'failed' AND b.outcome <> 'failed'`, &overlaps); err != nil {
		t.Fatal(err)
	}
	if overlaps != 0 {
		t.Errorf("%d pairs of instances worked the same stream at the same time", overlaps)
	}
	var holders int
	_ = pgxQueryRow(dsn, `SELECT count(DISTINCT holder) FROM sync_runs`, &holders)
	t.Logf("%d instances took part", holders)
	out := logs.String()
	checkAgainstPortal(t, sim, dsn, expected, out)
	var lines []string
	for _, l := range strings.Split(out, "\n") {
		var rec map[string]any
		if json.Unmarshal([]byte(l), &rec) == nil && rec["level"] == "error" {
			lines = append(lines, l)
		}
	}
	if len(lines) > 0 {
		t.Errorf("error lines in the logs:\n%s", strings.Join(lines, "\n"))
	}
}
