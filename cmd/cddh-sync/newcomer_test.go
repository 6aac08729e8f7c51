package main

import (
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestMakeDemoFromPrivateDirectory is the newcomer's first command where it used
// to fail: the tree copied into a 0700 directory (a clone in /root) and `make
// demo` run there, as root when the tests run as root, with --once so it ends
// after the first sync. initdb runs as postgres, which cannot reach the
// directory, so the cluster must live elsewhere and the demo must say where.
func TestMakeDemoFromPrivateDirectory(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary from a copy of the tree and runs the demo's first sync")
	}
	if _, err := exec.LookPath("make"); err != nil {
		t.Fatalf("make is needed (apt-get install make): %v", err)
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	list, err := exec.Command("git", "-C", root, "ls-files", "-co", "--exclude-standard").Output()
	if err != nil {
		t.Fatalf("listing the tree with git: %v", err)
	}
	private, err := os.MkdirTemp("", "cddh-newcomer-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(private) })
	if err := os.Chmod(private, 0o700); err != nil {
		t.Fatal(err)
	}
	clone := filepath.Join(private, "cddh-sync")
	for _, rel := range strings.Split(strings.TrimSpace(string(list)), "\n") {
		if err := copyFile(filepath.Join(root, rel), filepath.Join(clone, rel)); err != nil {
			t.Fatal(err)
		}
	}
	fallback, err := os.MkdirTemp("", "cddh-newcomer-cluster-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(fallback) })
	if err := os.Chmod(fallback, 0o711); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 12*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "make", "demo", "DEMO_ARGS=--once --docs 20")
	cmd.Dir = clone
	cmd.Env = append(os.Environ(), "CDDH_STORE_EMBEDDED_FALLBACK_DIR="+fallback, "CDDH_DEMO_PASSWORD=demo-test")
	cmd.WaitDelay = 30 * time.Second
	start := time.Now()
	out, err := cmd.CombinedOutput()
	t.Logf("make demo --once from a 0700 directory: %s", time.Since(start).Round(time.Second))
	if err != nil {
		t.Fatalf("make demo: %v\n%s", err, lastLines(out, 60))
	}
	text := string(out)
	for _, want := range []string{"Summary of the first sync", "tasks extracted:", "push-backs:", "--once: stopping after the first sync"} {
		if !strings.Contains(text, want) {
			t.Fatalf("the demo's output lacks %q:\n%s", want, lastLines(out, 60))
		}
	}
	if os.Geteuid() == 0 {
		if !strings.Contains(text, "the embedded PostgreSQL lives in "+fallback+"/cddh-demo-data-") {
			t.Fatalf("as root, the demo does not say the cluster moved out of the private directory:\n%s", lastLines(out, 60))
		}
		if _, err := os.Stat(filepath.Join(clone, "cddh-demo-data", "EMBEDDED-CLUSTER-LOCATION")); err != nil {
			t.Fatalf("no note where the cluster is: %v", err)
		}
	}
}

func copyFile(src, dst string) error {
	fi, err := os.Lstat(src)
	if err != nil {
		if os.IsNotExist(err) {
			return nil // deleted in the work tree, still listed by git
		}
		return err
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	if fi.Mode()&os.ModeSymlink != 0 {
		target, err := os.Readlink(src)
		if err != nil {
			return err
		}
		return os.Symlink(target, dst)
	}
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, fi.Mode().Perm())
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func lastLines(b []byte, lines int) string {
	ls := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(ls) > lines {
		ls = ls[len(ls)-lines:]
	}
	return strings.Join(ls, "\n")
}

// TestDemoAnchorFlag: a malformed --anchor is a usage error that names the
// flag and the form, before anything starts.
func TestDemoAnchorFlag(t *testing.T) {
	code, _, errs := runCLI(t, nil, "demo", "--anchor", "2026-12-06")
	if code != exitUsage || !strings.Contains(errs, "--anchor must be dd/MM/yyyy") || strings.Contains(errs, "starting") {
		t.Fatalf("exit %d %q", code, errs)
	}
}

// TestDemoRefusesNetworkListen: the demo prints its password and serves plain
// HTTP, so it never listens beyond loopback.
func TestDemoRefusesNetworkListen(t *testing.T) {
	code, _, errs := runCLI(t, nil, "demo", "--listen", "0.0.0.0:9464")
	if code != exitUsage || !strings.Contains(errs, "loopback only") {
		t.Fatalf("exit %d %q", code, errs)
	}
}
