package workdir

import (
	"bufio"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// childEnv makes the test binary, started again by holdInChild, a process that
// opens a private directory under the parent it names, writes a document file in
// it, prints the directory's path, and holds it until its stdin closes.
const childEnv = "CDDH_WORKDIR_TEST_CHILD"

const docBytes = 1234

func TestMain(m *testing.M) {
	if parent := os.Getenv(childEnv); parent != "" {
		os.Exit(child(parent))
	}
	os.Exit(m.Run())
}

func child(parent string) int {
	d, err := Open(parent)
	if err != nil {
		os.Stderr.WriteString(err.Error() + "\n")
		return 1
	}
	doc, err := d.MkdirTemp()
	if err == nil {
		err = os.WriteFile(filepath.Join(doc, "signed.pdf"), make([]byte, docBytes), 0o600)
	}
	if err != nil {
		os.Stderr.WriteString(err.Error() + "\n")
		return 1
	}
	os.Stdout.WriteString(d.Path() + "\n")
	_, _ = io.Copy(io.Discard, os.Stdin) // until the test closes it (or kills this process)
	if err := d.Close(); err != nil {
		os.Stderr.WriteString(err.Error() + "\n")
		return 1
	}
	return 0
}

// holdInChild starts a real process holding a private directory under parent and
// returns it, its stdin (closing it ends the process gracefully) and the directory.
func holdInChild(t *testing.T, parent string) (*exec.Cmd, io.WriteCloser, string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"="+parent)
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatalf("the child printed no directory: %v", err)
	}
	return cmd, stdin, strings.TrimSpace(line)
}

func exists(t *testing.T, path string) bool {
	t.Helper()
	_, err := os.Lstat(path)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return err == nil
}

func entries(t *testing.T, dir string) []string {
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

// A live process's directory is kept, however old it looks; once that process is
// SIGKILLed, the next sweep removes it and everything in it.
func TestSweepKeepsLiveRemovesKilled(t *testing.T) {
	parent := t.TempDir()
	cmd, _, dir := holdInChild(t, parent)
	if filepath.Dir(dir) != parent || !strings.HasPrefix(filepath.Base(dir), Prefix) {
		t.Fatalf("the child's directory %s is not %s* under %s", dir, Prefix, parent)
	}
	fi, err := os.Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o700 {
		t.Errorf("the private directory has mode %v, want 0700", fi.Mode().Perm())
	}
	for _, now := range []time.Time{time.Now(), time.Now().Add(30 * 24 * time.Hour)} {
		s, err := Sweep(parent, now)
		if err != nil {
			t.Fatal(err)
		}
		if s.Live != 1 || s.Removed() != 0 || !exists(t, dir) {
			t.Fatalf("sweep at %s beside a live owner: %+v, directory kept %v", now, s, exists(t, dir))
		}
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	if !exists(t, dir) {
		t.Fatal("the killed child's directory vanished by itself: the test proves nothing")
	}
	s, err := Sweep(parent, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if s.Dirs != 1 || s.Files != 1 || s.Bytes != docBytes || s.Live != 0 {
		t.Errorf("sweep after the kill: %+v, want 1 directory, 1 file of %d bytes", s, docBytes)
	}
	if exists(t, dir) {
		t.Errorf("the killed child's directory is still there")
	}
	if s, err := Sweep(parent, time.Now()); err != nil || s != (Swept{}) {
		t.Errorf("a second sweep: %+v %v, want nothing", s, err)
	}
}

// A process that ends gracefully removes its own directory.
func TestCloseRemovesDirectory(t *testing.T) {
	parent := t.TempDir()
	cmd, stdin, dir := holdInChild(t, parent)
	if !exists(t, dir) {
		t.Fatal("no directory while the child lives")
	}
	stdin.Close()
	if err := cmd.Wait(); err != nil {
		t.Fatalf("the child: %v", err)
	}
	if left := entries(t, parent); len(left) != 0 {
		t.Errorf("left after a graceful end: %v", left)
	}
}

// Two instances in one parent: each sweep leaves the other's directory, and
// Close is idempotent.
func TestTwoInstancesKeepEachOther(t *testing.T) {
	parent := t.TempDir()
	a, err := Open(parent)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Open(parent)
	if err != nil {
		t.Fatal(err)
	}
	// flock locks belong to an open file description: this process's sweep sees
	// a and b as held, as another process would.
	s, err := Sweep(parent, time.Now().Add(time.Hour))
	if err != nil || s.Live != 2 || s.Removed() != 0 {
		t.Fatalf("sweep beside two live directories: %+v %v", s, err)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	if err := a.Close(); err != nil {
		t.Errorf("a second Close: %v", err)
	}
	if exists(t, a.Path()) || !exists(t, b.Path()) {
		t.Errorf("after a.Close: a exists %v, b exists %v", exists(t, a.Path()), exists(t, b.Path()))
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	if left := entries(t, parent); len(left) != 0 {
		t.Errorf("left: %v", left)
	}
}

// Sweeps racing with Opens never take a directory that is being created.
func TestSweepRacingOpen(t *testing.T) {
	parent := t.TempDir()
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
					_, _ = Sweep(parent, time.Now())
				}
			}
		}()
	}
	defer func() { close(stop); wg.Wait() }()
	for range 500 {
		d, err := Open(parent)
		if err != nil {
			t.Fatal(err)
		}
		if !exists(t, filepath.Join(d.Path(), lockName)) {
			t.Fatalf("a sweep removed a directory while it was being opened")
		}
		if err := d.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

// age sets path and everything in it to have been modified at when.
func age(t *testing.T, path string, when time.Time) {
	t.Helper()
	err := filepath.Walk(path, func(p string, _ os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		return os.Chtimes(p, when, when)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func mkdoc(t *testing.T, dir string, size int) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "1-Quyet_dinh.pdf"), make([]byte, size), 0o600); err != nil {
		t.Fatal(err)
	}
}

// Legacy cddh-doc-* directories go only when nothing in them changed for an
// hour; lock-less private directories only after CreateGrace; nothing else in
// the parent is touched, links included.
func TestSweepLegacyAndLockless(t *testing.T) {
	parent := t.TempDir()
	now := time.Now()
	old := now.Add(-2 * LegacyAge)

	stale := filepath.Join(parent, LegacyPrefix+"stale")
	mkdoc(t, stale, 100)
	age(t, stale, old)

	fresh := filepath.Join(parent, LegacyPrefix+"fresh")
	mkdoc(t, fresh, 10)

	// An old directory whose file is still being written: its reader may live.
	writing := filepath.Join(parent, LegacyPrefix+"writing")
	mkdoc(t, writing, 10)
	age(t, writing, old)
	if err := os.Chtimes(filepath.Join(writing, "1-Quyet_dinh.pdf"), now, now); err != nil {
		t.Fatal(err)
	}

	// A link named like ours, to a directory of old files elsewhere: not ours.
	elsewhere := filepath.Join(t.TempDir(), "precious")
	mkdoc(t, elsewhere, 10)
	age(t, elsewhere, old)
	if err := os.Symlink(elsewhere, filepath.Join(parent, LegacyPrefix+"link")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(elsewhere, filepath.Join(parent, Prefix+"link")); err != nil {
		t.Fatal(err)
	}
	// A file named like a private directory, and an unrelated directory.
	if err := os.WriteFile(filepath.Join(parent, Prefix+"file"), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(parent, "other-app-dir")
	mkdoc(t, other, 10)
	age(t, other, old)

	// A private directory without its lock: being created, or its owner died
	// between mkdir and lock.
	lockless := filepath.Join(parent, Prefix+"lockless")
	mkdoc(t, filepath.Join(lockless, "doc-1"), 7)

	s, err := Sweep(parent, now)
	if err != nil {
		t.Fatal(err)
	}
	if s.Legacy != 1 || s.Dirs != 0 || s.Bytes != 100 || s.Files != 1 || s.Young != 3 {
		t.Errorf("first sweep: %+v, want 1 legacy directory of 100 bytes, 3 too young", s)
	}
	for path, want := range map[string]bool{stale: false, fresh: true, writing: true, lockless: true, elsewhere: true, other: true,
		filepath.Join(elsewhere, "1-Quyet_dinh.pdf"): true, filepath.Join(parent, Prefix+"file"): true} {
		if exists(t, path) != want {
			t.Errorf("%s: exists %v, want %v", path, !want, want)
		}
	}

	age(t, lockless, now.Add(-2*CreateGrace))
	s, err = Sweep(parent, now)
	if err != nil {
		t.Fatal(err)
	}
	if s.Dirs != 1 || s.Bytes != 7 || exists(t, lockless) {
		t.Errorf("sweep of a lock-less directory past the grace: %+v, still there %v", s, exists(t, lockless))
	}
	if !exists(t, filepath.Join(elsewhere, "1-Quyet_dinh.pdf")) {
		t.Error("a link's target was swept")
	}
}

// Another user's directories are never touched (needs root to make one).
func TestSweepLeavesOtherUsers(t *testing.T) {
	if os.Getuid() != 0 {
		t.Skip("making another user's directory needs root")
	}
	parent := t.TempDir()
	old := time.Now().Add(-2 * LegacyAge)
	theirs := []string{filepath.Join(parent, LegacyPrefix+"theirs"), filepath.Join(parent, Prefix+"theirs")}
	for _, d := range theirs {
		mkdoc(t, d, 10)
		if err := os.Chown(d, 65534, 65534); err != nil {
			t.Fatal(err)
		}
		age(t, d, old)
	}
	s, err := Sweep(parent, time.Now())
	if err != nil || s.Removed() != 0 {
		t.Errorf("sweep: %+v %v, want nothing removed", s, err)
	}
	for _, d := range theirs {
		if !exists(t, d) {
			t.Errorf("%s was removed", d)
		}
	}
}

func TestSweepMissingParent(t *testing.T) {
	if _, err := Sweep(filepath.Join(t.TempDir(), "none"), time.Now()); err == nil {
		t.Error("no error for a parent that does not exist")
	}
}
