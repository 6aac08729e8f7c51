package main

import (
	"errors"
	"os/exec"
	"syscall"
	"testing"
	"time"
)

// `verify FILE` is run once per file (issue 17), so its process installs nothing it
// does not need: no SIGINT/SIGTERM handler (main leaves signals to verify, which
// asks for them only for a batch). The signal then ends the process, even while
// it waits for standard input, which the handler's cancelled context never
// interrupted.
func TestVerifyOneFileEndsOnSignal(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildBinary(t)
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
		ws := ee.Sys().(syscall.WaitStatus)
		if !ws.Signaled() || ws.Signal() != syscall.SIGINT {
			t.Fatalf("verify ended with %v, want death by SIGINT", err)
		}
	case <-time.After(10 * time.Second):
		_ = cmd.Process.Kill()
		<-done
		t.Fatal("verify - kept waiting for its input after SIGINT")
	}
}
