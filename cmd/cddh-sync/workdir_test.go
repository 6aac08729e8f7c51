package main

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"cddh-sync/connectors/portalsim"
	"cddh-sync/sync/store/storetest"
)

// documentFiles lists the files of documents being read under workDir: the
// regular files in the private directories' document directories.
func documentFiles(t *testing.T, workDir string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(workDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if os.IsNotExist(err) {
				return nil // removed while walking: a document finished
			}
			return err
		}
		if rel, _ := filepath.Rel(workDir, p); d.Type().IsRegular() && strings.Count(rel, string(filepath.Separator)) >= 2 {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// anyNonEmpty: one of the files has bytes in it (a file removed meanwhile is
// skipped).
func anyNonEmpty(files []string) bool {
	for _, f := range files {
		if fi, err := os.Stat(f); err == nil && fi.Size() > 0 {
			return true
		}
	}
	return false
}

func dirEntries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

// TestKilledMidDocumentLeavesNoFile: a daemon SIGKILLed while it holds a
// document's downloaded files leaves them behind (no deferred cleanup runs); the
// next `sync --once` removes them, and leaves alone the private directory of a
// daemon still running beside it in the same sync.work_dir. That daemon, stopped
// with SIGTERM, removes its own: nothing is left.
func TestKilledMidDocumentLeavesNoFile(t *testing.T) {
	bin := buildBinary(t)
	workDir := workDirOf(t)

	// A live daemon beside the others, on its own portal and database, idle
	// after its first cycle.
	simA, urlA := startSim(t, portalsim.Options{Seed: 42, Documents: 5})
	userA, passA := simA.Credentials()
	liveLogs := newLogWatch()
	live := exec.Command(bin, "run")
	live.Env = defaultEnv(t, urlA, userA, passA, storetest.NewDatabase(t), "CDDH_SYNC_INTERVAL=1h")
	live.Stdout, live.Stderr = liveLogs, liveLogs
	if err := live.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = live.Process.Kill(); _ = live.Wait() }()
	liveLogs.wait(t, 0, 60*time.Second, "the live daemon's first cycle", event("sync.cycle_done"))
	liveDir := dirEntries(t, workDir)
	if len(liveDir) != 1 || !strings.HasPrefix(liveDir[0], "cddh-sync-work-") {
		t.Fatalf("the live daemon's work directory: %v, want one cddh-sync-work-*", liveDir)
	}

	// The daemon to kill: the portal's latency keeps each document's files on
	// disk while its next request waits.
	sim, url := startSim(t, portalsim.Options{Seed: 41, Documents: 60, Latency: 40 * time.Millisecond})
	user, pass := sim.Credentials()
	dsn := storetest.NewDatabase(t)
	env := defaultEnv(t, url, user, pass, dsn, "CDDH_SYNC_INTERVAL=1h")
	var leaked []string
	for attempt := 1; len(leaked) == 0; attempt++ {
		if attempt > 5 {
			t.Fatal("no kill landed while a document's files were on disk")
		}
		logs := newLogWatch()
		cmd := exec.Command(bin, "run")
		cmd.Env = env
		cmd.Stdout, cmd.Stderr = logs, logs
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(60 * time.Second)
		// (a file with bytes in it: killed right after the file was made and
		// before its first write, the sweep rightly counts 0 bytes)
		for !anyNonEmpty(documentFiles(t, workDir)) {
			if time.Now().After(deadline) {
				_ = cmd.Process.Kill()
				_ = cmd.Wait()
				t.Fatalf("the daemon downloaded no file within 60 s; log:\n%s", tail(logs.String(), 4000))
			}
			time.Sleep(time.Millisecond)
		}
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		_ = cmd.Wait()
		leaked = documentFiles(t, workDir)
	}
	t.Logf("the killed daemon left %d document files", len(leaked))
	if n := len(dirEntries(t, workDir)); n < 2 {
		t.Fatalf("%d entries in the work directory after the kill, want the live daemon's and the killed one's", n)
	}

	logs := newLogWatch()
	if code := runOnce(t, bin, env, logs); code != exitOK {
		t.Fatalf("sync --once after the kill: exit %d\n%s", code, tail(logs.String(), 4000))
	}
	if files := documentFiles(t, workDir); len(files) != 0 {
		t.Errorf("document files left after the next run: %v", files)
	}
	if left := dirEntries(t, workDir); len(left) != 1 || left[0] != liveDir[0] {
		t.Errorf("the work directory holds %v, want only the live daemon's %s", left, liveDir[0])
	}
	if _, err := os.Stat(filepath.Join(workDir, liveDir[0], "lock")); err != nil {
		t.Errorf("the live daemon's directory was touched: %v", err)
	}
	swept, ok := logs.find(0, event("workdir.swept"))
	if !ok {
		t.Fatalf("no workdir.swept line; log:\n%s", tail(logs.String(), 4000))
	}
	if swept["dirs"].(float64) < 1 || swept["files"].(float64) < float64(len(leaked)) || swept["bytes"].(float64) <= 0 ||
		swept["live"].(float64) != 1 {
		t.Errorf("workdir.swept says %v, want at least 1 directory and %d files, the live daemon's kept", swept, len(leaked))
	}
	for _, f := range leaked {
		if strings.Contains(logs.String(), filepath.Base(f)) {
			t.Errorf("the log names a swept file: %s", filepath.Base(f))
		}
	}

	// SIGTERM: the live daemon removes its own directory on the way out.
	if err := live.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := live.Wait(); err != nil {
		t.Errorf("the live daemon after SIGTERM: %v\n%s", err, tail(liveLogs.String(), 3000))
	}
	if left := dirEntries(t, workDir); len(left) != 0 {
		t.Errorf("left after every process ended: %v", left)
	}
}
