package main

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"cddh-sync/connectors/portalsim"
	"cddh-sync/sync/store"
	"cddh-sync/sync/store/storetest"
)

// logEvents counts the JSON log lines by event and level ("event/level").
func logEvents(logs string) map[string]int {
	out := map[string]int{}
	for _, l := range strings.Split(logs, "\n") {
		var rec struct{ Event, Level string }
		if json.Unmarshal([]byte(l), &rec) == nil && rec.Event != "" {
			out[rec.Event+"/"+rec.Level]++
		}
	}
	return out
}

// waitFor polls cond until it holds or the time is up.
func waitFor(t *testing.T, what string, limit time.Duration, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(limit); !cond(); time.Sleep(200 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

func storedDocuments(t *testing.T, dsn string) int {
	t.Helper()
	var n int
	if err := pgxQueryRow(dsn, `SELECT count(*) FROM documents`, &n); err != nil {
		return -1
	}
	return n
}

// TestPortalOutage: the portal is down for a while. The daemon keeps running,
// waits with backoff, logs the outage once per stream (not once per cycle), and
// catches up with what was added meanwhile.
func TestPortalOutage(t *testing.T) {
	bin := buildBinary(t)
	sim, url := startSim(t, portalsim.Options{Seed: 13, Documents: 20})
	user, pass := sim.Credentials()
	dsn := storetest.NewDatabase(t)
	var logs lockedBuffer
	cmd := startDaemon(t, bin, daemonEnv(t, url, user, pass, dsn, ""), &logs)
	defer func() { _ = cmd.Process.Signal(syscall.SIGKILL); _ = cmd.Wait() }()
	waitFor(t, "the first sync", 60*time.Second, func() bool { return storedDocuments(t, dsn) > 0 })
	before := storedDocuments(t, dsn)
	waitFor(t, "a quiet cycle", 30*time.Second, func() bool {
		time.Sleep(1500 * time.Millisecond)
		n := storedDocuments(t, dsn)
		ok := n == before
		before = n
		return ok
	})
	mark := len(logs.String())

	if err := sim.SetFaults(portalsim.Faults{Error5xx: 1}); err != nil {
		t.Fatal(err)
	}
	id, err := sim.AddDirective("Thông báo", "TB-UBND", "Kết luận trong lúc cổng bảo trì",
		"Giao Sở Xây dựng rà soát các công trình trọng điểm, báo cáo UBND tỉnh.", time.Now().Add(-time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(8 * time.Second) // several cycles (1 s) and the client's retries
	if cmd.ProcessState != nil {
		t.Fatal("the daemon exited while the portal was down")
	}
	during := logEvents(logs.String()[mark:])
	warns := 0
	for k, n := range during {
		if strings.HasSuffix(k, "/warn") || strings.HasSuffix(k, "/error") {
			warns += n
		}
	}
	// One outage warning per failing stream (the engine's layer), and the portal
	// client's circuit opening; not one per cycle or per retry, and nothing from
	// the schedule.
	if warns > 5 || during["schedule.job_failed/warn"] > 0 {
		t.Errorf("%d warnings during an 8 s outage (log spam): %v", warns, during)
	}
	if during["sync.stream_done/warn"] == 0 {
		t.Errorf("the outage was not logged: %v", during)
	}

	if err := sim.SetFaults(portalsim.Faults{}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the daemon to catch up", 60*time.Second, func() bool {
		var n int
		_ = pgxQueryRow(dsn, `SELECT count(*) FROM documents WHERE portal_id = '`+itoa(id)+`'`, &n)
		return n == 1
	})
	// The document is stored before its stream ends and logs the recovery: wait
	// for the line rather than race it (under -race on a loaded machine the
	// stream's end can trail the row by a cycle).
	recovered := func() bool { return logEvents(logs.String()[mark:])["sync.stream_recovered/info"] > 0 }
	for deadline := time.Now().Add(20 * time.Second); !recovered() && time.Now().Before(deadline); {
		time.Sleep(200 * time.Millisecond)
	}
	if !recovered() {
		t.Errorf("the recovery was not logged: %v", logEvents(logs.String()[mark:]))
	}
}

// TestHostileInput: hostile attachments (a traversal name, an executable named
// .pdf, a 30 MB file over the limit, an XML bomb) and malformed JSON each get a
// clear logged rejection; the daemon keeps going and stores everything else.
func TestHostileInput(t *testing.T) {
	bin := buildBinary(t)
	sim, url := startSim(t, portalsim.Options{Seed: 14, Documents: 40,
		Faults: portalsim.Faults{HostileAttachments: 1, MalformedJSON: 0.1}})
	user, pass := sim.Credentials()
	dsn := storetest.NewDatabase(t)
	var logs lockedBuffer
	env := append(daemonEnv(t, url, user, pass, dsn, ""), "CDDH_PORTAL_MAX_DOWNLOAD_MB=20")
	want := publicDocuments(sim)
	for i := 0; storedDocuments(t, dsn) < want; i++ { // faults stay on
		if i == 30 {
			t.Fatalf("%d of %d documents stored", storedDocuments(t, dsn), want)
		}
		cmd := exec.Command(bin, "sync", "--once")
		cmd.Env = env
		cmd.Stdout, cmd.Stderr = &logs, &logs
		if err := cmd.Run(); err != nil {
			t.Logf("sync --once: %v", err)
		}
	}
	out := logs.String()
	ev := logEvents(out)
	if ev["sync.attachment_refused/warn"] == 0 {
		t.Fatalf("no attachment was refused: %v", ev)
	}
	var refused []string
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, `"sync.attachment_refused"`) {
			refused = append(refused, l)
		}
	}
	joined := strings.ToLower(strings.Join(refused, "\n"))
	for _, want := range []string{"executable", "limit"} {
		if !strings.Contains(joined, want) {
			t.Errorf("no refusal mentions %q:\n%s", want, strings.Join(refused, "\n"))
		}
	}
	if ev["portal.malformed/warn"] == 0 {
		t.Errorf("no malformed answer was logged: %v", ev)
	}
	// Every refusal is recorded with its reason; no file escaped the work dir.
	var withReason int
	if err := pgxQueryRow(dsn, `SELECT count(*) FROM attachments WHERE refused_reason <> ''`, &withReason); err != nil {
		t.Fatal(err)
	}
	if withReason == 0 {
		t.Error("refused attachments are not recorded with a reason")
	}
	var tasks int
	_ = pgxQueryRow(dsn, `SELECT count(*) FROM tasks`, &tasks)
	if tasks == 0 {
		t.Error("no task extracted: the hostile files stopped the rest")
	}
	if ev["sync.document_panic/error"] != 0 {
		t.Errorf("a document made the daemon panic: %v", ev)
	}
}

// TestDatabaseRestart: PostgreSQL restarts (fast shutdown, sessions cut) while
// the daemon works. The daemon does not exit, logs the outage, and converges with
// nothing lost.
func TestDatabaseRestart(t *testing.T) {
	bin := buildBinary(t)
	ctx := context.Background()
	// The server runs as the postgres user when the tests run as root: it must be
	// able to reach the data directory, which t.TempDir's private parent forbids.
	dir, err := os.MkdirTemp("", "cddh-dbrestart-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	cl, err := store.StartCluster(ctx, store.ClusterOptions{DataDir: dir, Fast: true})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cl.Stop(context.Background()) }()
	dsn := cl.DSN("cddh")
	sim, url := startSim(t, portalsim.Options{Seed: 15, Documents: 60, Latency: 20 * time.Millisecond})
	user, pass := sim.Credentials()
	var logs lockedBuffer
	env := daemonEnv(t, url, user, pass, dsn, "")
	cmd := startDaemon(t, bin, env, &logs)
	defer func() { _ = cmd.Process.Signal(syscall.SIGKILL); _ = cmd.Wait() }()
	waitFor(t, "the first pages", 60*time.Second, func() bool { return storedDocuments(t, dsn) > 0 })
	if err := cl.Bounce(ctx, 3*time.Second); err != nil {
		t.Fatal(err)
	}
	if cmd.ProcessState != nil {
		t.Fatal("the daemon exited when the database went away")
	}
	want := publicDocuments(sim)
	waitFor(t, "convergence after the restart", 90*time.Second, func() bool {
		var pending int
		_ = pgxQueryRow(dsn, `SELECT count(*) FROM outbox WHERE state <> 'done'`, &pending)
		return storedDocuments(t, dsn) == want && pending == 0
	})
	if len(sim.Tasks()) == 0 {
		t.Fatal("no task record reached the portal")
	}
	var tasks int
	_ = pgxQueryRow(dsn, `SELECT count(*) FROM tasks`, &tasks)
	if tasks != len(sim.Tasks()) {
		t.Errorf("%d tasks stored, %d on the portal", tasks, len(sim.Tasks()))
	}
	if total, dups := sim.CommentMarkers(); dups != 0 {
		t.Errorf("%d of %d comments duplicated", dups, total)
	}
	ev := logEvents(logs.String())
	t.Logf("log events: %v", ev)
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
