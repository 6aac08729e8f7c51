package engine

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"cddh-sync/connectors/portalsim"
	"cddh-sync/internal/workdir"
	"cddh-sync/sync/store"
)

// The first cycle sweeps the work directory of what dead processes left (a
// killed instance's private directory, an earlier version's cddh-doc-* one),
// leaves a live instance's, reads every document's files inside this engine's
// own private directory, and Close removes that directory. The log says how much
// was swept, never a file's name.
func TestWorkDirSweptUsedAndRemoved(t *testing.T) {
	t.Parallel()
	b := setup(t, portalsim.Faults{}, 20)
	wd := b.eng.opts.WorkDir
	const leakedName = "12-QD-UBND-bi-mat.pdf"

	// What a SIGKILLed instance leaves: its directory, its lock file (no one
	// holds it any more), a document's file.
	dead := filepath.Join(wd, workdir.Prefix+"killed")
	if err := os.MkdirAll(filepath.Join(dead, "doc-1"), 0o700); err != nil {
		t.Fatal(err)
	}
	for name, size := range map[string]int{"lock": 6, "doc-1/" + leakedName: 1000} {
		if err := os.WriteFile(filepath.Join(dead, name), make([]byte, size), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	// An earlier version's per-document directory, untouched for two hours.
	legacy := filepath.Join(wd, workdir.LegacyPrefix+"123")
	if err := os.Mkdir(legacy, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(legacy, leakedName), make([]byte, 500), 0o600); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-2 * time.Hour)
	for _, p := range []string{filepath.Join(legacy, leakedName), legacy} {
		if err := os.Chtimes(p, old, old); err != nil {
			t.Fatal(err)
		}
	}
	// A live instance beside this one (a second daemon, a sync --once).
	live, err := workdir.Open(wd)
	if err != nil {
		t.Fatal(err)
	}
	defer live.Close()

	// Every file the engine reads lies in a document directory of its own
	// private directory.
	var mu sync.Mutex
	var read []string
	f := funcsOf(b.eng)
	f.verify = func(ctx context.Context, path, kind string) ([]store.VerdictRow, error) {
		mu.Lock()
		read = append(read, path)
		mu.Unlock()
		return nil, nil
	}

	if _, err := b.eng.Cycle(context.Background()); err != nil {
		t.Fatal(err)
	}
	own, err := b.eng.OpenWorkDir()
	if err != nil {
		t.Fatal(err)
	}
	if own == live.Path() || filepath.Dir(own) != wd || !strings.HasPrefix(filepath.Base(own), workdir.Prefix) {
		t.Fatalf("the engine's directory %s is not a private one of its own under %s", own, wd)
	}
	if len(read) == 0 {
		t.Fatal("the cycle read no file: the test proves nothing")
	}
	for _, p := range read {
		if rel, err := filepath.Rel(own, p); err != nil || !strings.HasPrefix(rel, "doc-") || strings.Count(rel, "/") != 1 {
			t.Errorf("a file was read at %s, not in a document directory of %s", p, own)
		}
		if _, err := os.Stat(p); !os.IsNotExist(err) {
			t.Errorf("%s is still there after the cycle", p)
		}
	}
	if left, _ := os.ReadDir(own); len(left) != 1 || left[0].Name() != "lock" {
		t.Errorf("the engine's directory holds more than its lock after the cycle: %d entries", len(left))
	}
	for _, p := range []string{dead, legacy} {
		if _, err := os.Stat(p); !os.IsNotExist(err) {
			t.Errorf("%s was not swept", p)
		}
	}
	if _, err := os.Stat(filepath.Join(live.Path(), "lock")); err != nil {
		t.Errorf("the live instance's directory was touched: %v", err)
	}
	logs := b.logs.String()
	var swept string
	for _, l := range strings.Split(logs, "\n") {
		if strings.Contains(l, `"event":"workdir.swept"`) {
			swept = l
		}
	}
	for _, want := range []string{`"dirs":1`, `"legacy_dirs":1`, `"files":2`, `"bytes":1500`, `"live":1`} {
		if !strings.Contains(swept, want) {
			t.Errorf("the workdir.swept line lacks %s: %q", want, swept)
		}
	}
	if strings.Contains(logs, leakedName) || strings.Contains(logs, "killed") {
		t.Errorf("the log names a swept file or directory:\n%s", logs)
	}

	if err := b.eng.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(own); !os.IsNotExist(err) {
		t.Errorf("Close left the engine's directory %s", own)
	}
	if left, _ := os.ReadDir(wd); len(left) != 1 || left[0].Name() != filepath.Base(live.Path()) {
		t.Errorf("after Close the work directory holds %d entries, want only the live instance's", len(left))
	}
}

// A daemon that runs for months sweeps again every sweepEvery: what a killed
// `sync --once` beside it left goes without waiting for the daemon's restart.
func TestWorkDirSweptAgainWhileRunning(t *testing.T) {
	t.Parallel()
	b := setup(t, portalsim.Faults{}, 3)
	ctx := context.Background()
	if _, err := b.eng.Cycle(ctx); err != nil {
		t.Fatal(err)
	}
	dead := filepath.Join(b.eng.opts.WorkDir, workdir.Prefix+"killed-once")
	if err := os.MkdirAll(filepath.Join(dead, "doc-1"), 0o700); err != nil {
		t.Fatal(err)
	}
	for name, size := range map[string]int{"lock": 6, "doc-1/1-file.pdf": 300} {
		if err := os.WriteFile(filepath.Join(dead, name), make([]byte, size), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	// Not yet due: the directory stays.
	if _, err := b.eng.Cycle(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dead); err != nil {
		t.Fatalf("swept before it was due: %v", err)
	}
	b.eng.workMu.Lock()
	b.eng.sweepEvery = time.Millisecond
	b.eng.workMu.Unlock()
	time.Sleep(2 * time.Millisecond)
	if _, err := b.eng.Cycle(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dead); !os.IsNotExist(err) {
		t.Errorf("a dead process's directory outlived a due sweep: %v", err)
	}
	if !strings.Contains(b.logs.String(), `"bytes":300`) {
		t.Errorf("no workdir.swept line for it:\n%s", b.logs.String())
	}
}
