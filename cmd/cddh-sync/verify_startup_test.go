package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// `verify FILE` is run once per file (issue 17), so its process does nothing at
// start-up that it does not need. Both checks run the built binary.
func TestVerifyStartup(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	// The light front binary (bin/cddh-sync, what users run) and this full one
	// both run verify themselves.
	light, full := buildPair(t)
	for _, bin := range []string{light, full} {
		t.Run(filepath.Base(bin), func(t *testing.T) {
			t.Run("inits", func(t *testing.T) { checkStartupInits(t, bin) })
			t.Run("one file ends on a signal", func(t *testing.T) { checkVerifyEndsOnSignal(t, bin) })
		})
	}
}

// initLine is a line of GODEBUG=inittrace=1: a package's initialisation.
var initLine = regexp.MustCompile(`^init (\S+) @[0-9.]+ ms, [0-9.]+ ms clock, (\d+) bytes, (\d+) allocs$`)

// maxOwnInitBytes bounds what the packages of this module allocate before main,
// all together: 24 KB when it was set (98 KB before issue 17 made the
// rules' tables lazy). A package-level map or a computed table belongs in a
// lazy.Value, a regular expression in a lazyre.Regexp.
const maxOwnInitBytes = 40 << 10

// checkStartupInits: the packages verify works with (signing and its parsers)
// run no initialisation at all, and the module's packages together allocate at
// most maxOwnInitBytes before main.
func checkStartupInits(t *testing.T, bin string) {
	cmd := exec.Command(bin, "verify", "--help")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("verify --help: %v\n%s", err, out)
	}
	total, n := 0, 0
	for _, l := range strings.Split(string(out), "\n") {
		m := initLine.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		n++
		pkg := m[1]
		if !strings.HasPrefix(pkg, "cddh-sync/") {
			continue
		}
		if strings.HasPrefix(pkg, "cddh-sync/signing") || pkg == "cddh-sync/internal/lazy" {
			t.Errorf("%s runs an initialisation (%s bytes): verify's packages must not", pkg, m[2])
		}
		b, _ := strconv.Atoi(m[2])
		total += b
	}
	if n == 0 {
		t.Fatalf("no inittrace lines in:\n%s", out)
	}
	if total > maxOwnInitBytes {
		t.Errorf("the module's packages allocate %d bytes before main, more than %d:\n%s", total, maxOwnInitBytes, out)
	}
	t.Logf("the module's packages allocate %d bytes before main", total)
}

// checkVerifyEndsOnSignal: main leaves signals to verify, which asks for them only
// for a batch; one file is ended by SIGINT, even while verify waits for standard
// input, which the handler's cancelled context never interrupted.
func checkVerifyEndsOnSignal(t *testing.T, bin string) {
	cmd := exec.Command(bin, "verify", "--offline", "-")
	stdin, err := cmd.StdinPipe() // held open: verify waits for its input
	if err != nil {
		t.Fatal(err)
	}
	defer stdin.Close()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	time.Sleep(300 * time.Millisecond) // let it reach the read
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			t.Fatalf("verify ended with %v, want death by SIGINT", err)
		}
		if ws := ee.Sys().(syscall.WaitStatus); !ws.Signaled() || ws.Signal() != syscall.SIGINT {
			t.Fatalf("verify ended with %v, want death by SIGINT", err)
		}
	case <-time.After(10 * time.Second):
		_ = cmd.Process.Kill()
		<-done
		t.Fatal("verify - kept waiting for its input after SIGINT")
	}
}
