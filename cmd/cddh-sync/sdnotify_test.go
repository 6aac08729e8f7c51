package main

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"cddh-sync/cmd/cddh-sync/internal/config"
)

// TestSdNotify: the datagrams systemd's notify protocol expects reach the socket
// NOTIFY_SOCKET names, path or abstract, and the watchdog is fed at half its
// interval while the loop is alive, and not when it is wedged.
func TestSdNotify(t *testing.T) {
	if err := sdNotify("READY=1"); os.Getenv("NOTIFY_SOCKET") == "" && err != nil {
		t.Fatalf("without NOTIFY_SOCKET: %v", err)
	}
	for _, abstract := range []bool{false, true} {
		name := filepath.Join(t.TempDir(), "notify")
		env := name
		if abstract {
			name = "\x00cddh-test-" + strconv.Itoa(os.Getpid())
			env = "@" + name[1:]
		}
		conn, err := net.ListenUnixgram("unixgram", &net.UnixAddr{Name: name, Net: "unixgram"})
		if err != nil {
			t.Fatal(err)
		}
		t.Setenv("NOTIFY_SOCKET", env)
		t.Setenv("WATCHDOG_USEC", "200000")
		t.Setenv("WATCHDOG_PID", strconv.Itoa(os.Getpid()))
		if err := sdNotify("READY=1\nSTATUS=serving"); err != nil {
			t.Fatal(err)
		}
		buf := make([]byte, 256)
		_ = conn.SetReadDeadline(time.Now().Add(5 * time.Second))
		n, err := conn.Read(buf)
		if err != nil || string(buf[:n]) != "READY=1\nSTATUS=serving" {
			t.Fatalf("got %q %v", buf[:n], err)
		}
		if watchdogInterval() != 200*time.Millisecond {
			t.Fatalf("watchdog interval %s", watchdogInterval())
		}
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func() { runWatchdog(ctx, func() bool { return true }); close(done) }()
		got := 0
		for got < 3 {
			_ = conn.SetReadDeadline(time.Now().Add(2 * time.Second))
			n, err := conn.Read(buf)
			if err != nil {
				t.Fatalf("watchdog ping %d: %v", got+1, err)
			}
			if strings.TrimSpace(string(buf[:n])) == "WATCHDOG=1" {
				got++
			}
		}
		cancel()
		<-done
		// A wedged loop is not vouched for.
		ctx, cancel = context.WithCancel(context.Background())
		wedged := make(chan struct{})
		go func() { runWatchdog(ctx, func() bool { return false }); close(wedged) }()
		_ = conn.SetReadDeadline(time.Now().Add(500 * time.Millisecond))
		if n, err := conn.Read(buf); err == nil {
			t.Fatalf("a wedged loop fed the watchdog: %q", buf[:n])
		}
		cancel()
		<-wedged
		conn.Close()
		t.Setenv("WATCHDOG_PID", "1")
		if watchdogInterval() != 0 {
			t.Fatal("a watchdog meant for another process was taken")
		}
	}
}

// TestDashboardAuthFromConfig: serving TLS itself, the daemon marks every cookie
// Secure; proxy mode reads the shared secret from http.proxy_secret_file.
func TestDashboardAuthFromConfig(t *testing.T) {
	dir := t.TempDir()
	secret := filepath.Join(dir, "proxy-secret")
	if err := os.WriteFile(secret, []byte("0123456789abcdef0123\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	path := writeFile(t, dir, "c.yaml", "http:\n  tls_cert_file: c.pem\n  tls_key_file: k.pem\n  proxy_secret_file: proxy-secret\n"+
		"  auth:\n    mode: proxy\n    trusted_proxies: [127.0.0.1/32]\n")
	cfg, err := config.Load(path, func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	opts, enabled, err := dashboardAuth(cfg)
	if err != nil || !enabled {
		t.Fatalf("dashboardAuth: %v %v", enabled, err)
	}
	if opts.SecureCookies != "always" || string(opts.ProxySecret) != "0123456789abcdef0123" || opts.SessionIdle != 30*time.Minute {
		t.Fatalf("options: secure %q, secret %q, idle %s", opts.SecureCookies, opts.ProxySecret, opts.SessionIdle)
	}
}
