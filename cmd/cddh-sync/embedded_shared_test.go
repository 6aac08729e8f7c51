package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"cddh-sync/connectors/portalsim"
)

// TestCommandsBesideDaemonOnEmbeddedStore: with the default embedded store (no
// store.dsn), a running daemon owns the cluster; tasks, report, doctor and
// sync --once connect to it instead of failing on its data directory, and a second
// daemon is still refused, naming the directory.
func TestCommandsBesideDaemonOnEmbeddedStore(t *testing.T) {
	if _, err := exec.LookPath("pg_ctl"); err != nil {
		if matches, _ := filepath.Glob("/usr/lib/postgresql/*/bin/pg_ctl"); len(matches) == 0 {
			t.Fatal("PostgreSQL server binaries are needed (apt-get install postgresql)")
		}
	}
	bin := buildBinary(t)
	sim, url := startSim(t, portalsim.Options{Seed: 5, Documents: 20})
	user, pass := sim.Credentials()
	// As root, postgres cannot reach t.TempDir() (0700): the cluster is relocated,
	// into a fallback the test removes rather than /var/lib/cddh-sync-embedded.
	fallback, err := os.MkdirTemp("", "cddh-shared-fallback-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(fallback) })
	_ = os.Chmod(fallback, 0o711)
	env := append(daemonEnv(t, url, user, pass, "", ""), "CDDH_STORE_DATA_DIR="+filepath.Join(t.TempDir(), "data"),
		"CDDH_STORE_EMBEDDED_FALLBACK_DIR="+fallback)
	var logs lockedBuffer
	d := startDaemon(t, bin, env, &logs)
	defer func() {
		_ = d.Process.Signal(syscall.SIGTERM)
		_ = d.Wait()
	}()
	waitFor(t, "the daemon's first cycle", 120*time.Second, func() bool {
		return strings.Contains(logs.String(), `"sync.cycle_done"`)
	})
	run := func(args ...string) (int, string, string) {
		cmd := exec.Command(bin, args...)
		cmd.Env = env
		var out, errb strings.Builder
		cmd.Stdout, cmd.Stderr = &out, &errb
		err := cmd.Run()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return code, out.String(), errb.String()
	}
	code, out, errs := run("tasks", "--format", "json")
	var tasks []map[string]any
	if code != 0 || json.Unmarshal([]byte(out), &tasks) != nil || len(tasks) == 0 {
		t.Fatalf("tasks beside the daemon: exit %d, %d tasks, stderr %q", code, len(tasks), errs)
	}
	if code, _, errs = run("report", "--period", time.Now().Format("2006"), "--format", "json"); code != 0 {
		t.Fatalf("report beside the daemon: exit %d %q", code, errs)
	}
	// sync --once works the streams the daemon is not holding, or says who holds one.
	if code, out, errs = run("sync", "--once"); code != 0 && code != 4 {
		t.Fatalf("sync --once beside the daemon: exit %d\n%s\n%s", code, out, errs)
	} else if code == 4 && !strings.Contains(out+errs, "holder") {
		t.Fatalf("exit 4 without naming the holder:\n%s\n%s", out, errs)
	}
	// A second daemon on the same embedded cluster is refused: one owner.
	code, out, errs = run("run")
	if code != exitRuntime || !strings.Contains(out+errs, "in use by another cddh-sync process") {
		t.Fatalf("second daemon: exit %d\n%s\n%s", code, out, errs)
	}
	if d.ProcessState != nil {
		t.Fatal("the daemon exited")
	}
}
