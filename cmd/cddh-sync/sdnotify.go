package main

import (
	"context"
	"fmt"
	"net"
	"os"
	"strconv"
	"time"
)

// systemd's notify protocol, by hand (no dependency): datagrams such as
// "READY=1" to the unix socket NOTIFY_SOCKET names ('@' starts an abstract
// one). Without NOTIFY_SOCKET (not under systemd, Type=simple) every call does
// nothing. The unit (deploy/debian/cddh-sync.service) is Type=notify with
// WatchdogSec: the daemon says READY=1 once it serves HTTP and its schedule runs,
// WATCHDOG=1 at half the watchdog interval while its loop is alive, RELOADING=1
// and READY=1 around a SIGHUP, and STOPPING=1 when it shuts down.

// sdNotify sends one state datagram; no socket configured is not an error.
func sdNotify(state string) error {
	addr := os.Getenv("NOTIFY_SOCKET")
	if addr == "" {
		return nil
	}
	if addr[0] == '@' {
		addr = "\x00" + addr[1:]
	}
	conn, err := net.DialUnix("unixgram", nil, &net.UnixAddr{Name: addr, Net: "unixgram"})
	if err != nil {
		return fmt.Errorf("sd_notify %s: %w", os.Getenv("NOTIFY_SOCKET"), err)
	}
	defer conn.Close()
	if _, err := conn.Write([]byte(state)); err != nil {
		return fmt.Errorf("sd_notify: %w", err)
	}
	return nil
}

// watchdogInterval is how often systemd expects WATCHDOG=1 (WATCHDOG_USEC, for
// this process when WATCHDOG_PID is set); 0 when there is no watchdog.
func watchdogInterval() time.Duration {
	usec, err := strconv.ParseInt(os.Getenv("WATCHDOG_USEC"), 10, 64)
	if err != nil || usec <= 0 {
		return 0
	}
	if pid := os.Getenv("WATCHDOG_PID"); pid != "" && pid != strconv.Itoa(os.Getpid()) {
		return 0
	}
	return time.Duration(usec) * time.Microsecond
}

// runWatchdog sends WATCHDOG=1 at half the interval until ctx ends, as long as
// alive says the daemon's loop still turns.
func runWatchdog(ctx context.Context, alive func() bool) {
	iv := watchdogInterval()
	if iv == 0 {
		return
	}
	t := time.NewTicker(iv / 2)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if alive() {
				_ = sdNotify("WATCHDOG=1")
			}
		}
	}
}
