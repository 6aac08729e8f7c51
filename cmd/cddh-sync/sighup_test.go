package main

import (
	"strings"
	"syscall"
	"testing"
	"time"

	"cddh-sync/connectors/portalsim"
	"cddh-sync/sync/store/storetest"
)

// TestSIGHUPFromTheStart: `systemctl reload` (or a log rotation's HUP) may come at
// any instant of the daemon's life, during its start and right after READY=1 too.
// SIGHUP's default action ends a process, so the daemon must take it before it
// does anything else. The test sends SIGHUP every 20 ms from the daemon's first
// log line until well after it says it runs; the daemon must serve every one as a
// reload and stop cleanly on SIGTERM afterwards.
func TestSIGHUPFromTheStart(t *testing.T) {
	bin := buildBinary(t)
	sim, url := startSim(t, portalsim.Options{Seed: 5, Documents: 5})
	user, pass := sim.Credentials()
	dsn := storetest.NewDatabase(t)
	var logs lockedBuffer
	cmd := startDaemon(t, bin, daemonEnv(t, url, user, pass, dsn, ""), &logs)
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	defer func() { _ = cmd.Process.Signal(syscall.SIGKILL) }() // an error once it has exited
	sent, afterStart := 0, 0
	for deadline := time.Now().Add(90 * time.Second); afterStart < 25; {
		select {
		case err := <-exited:
			t.Fatalf("the daemon exited after %d SIGHUPs: %v\n%s", sent, err, logs.String())
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("the daemon did not start within 90 s\n%s", logs.String())
		}
		out := logs.String()
		if out == "" {
			continue
		}
		if err := cmd.Process.Signal(syscall.SIGHUP); err != nil {
			t.Fatal(err)
		}
		sent++
		if strings.Contains(out, `"event":"daemon.started"`) {
			afterStart++
		}
	}
	waitFor(t, "a reload logged", 10*time.Second, func() bool { return strings.Contains(logs.String(), `"event":"config.reloaded"`) })
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-exited:
		if err != nil {
			t.Fatalf("exit after SIGTERM: %v\n%s", err, logs.String())
		}
	case <-time.After(60 * time.Second):
		t.Fatalf("no exit within 60 s of SIGTERM\n%s", logs.String())
	}
	t.Logf("%d SIGHUPs, %d of them after daemon.started", sent, afterStart)
}
