package store_test

import (
	"context"
	"fmt"
	"io"
	"net"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"cddh-sync/sync/store"
	"cddh-sync/sync/store/storetest"
)

// freePort returns a loopback port nobody listens on (now).
func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	return port
}

// A database that does not answer is retried for ConnectWait, then the error names it.
func TestOpenRetriesUnreachableThenFails(t *testing.T) {
	port := freePort(t)
	var mu sync.Mutex
	var retries []time.Duration
	start := time.Now()
	_, err := store.Open(context.Background(), fmt.Sprintf("postgres://u@127.0.0.1:%d/db?connect_timeout=1", port), store.Options{
		ConnectWait: 1500 * time.Millisecond,
		OnRetry: func(_ error, wait time.Duration) {
			mu.Lock()
			retries = append(retries, wait)
			mu.Unlock()
		}})
	took := time.Since(start)
	if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("127.0.0.1:%d", port)) {
		t.Fatalf("err %v", err)
	}
	if took < 1400*time.Millisecond || took > 5*time.Second {
		t.Errorf("gave up after %s, want about 1.5s", took)
	}
	if len(retries) < 3 || retries[0] != 250*time.Millisecond || retries[1] != 500*time.Millisecond {
		t.Errorf("retries %v: want a backoff from 250ms, doubling", retries)
	}
	// Without ConnectWait: one attempt, at once.
	start = time.Now()
	if _, err := store.Open(context.Background(), fmt.Sprintf("postgres://u@127.0.0.1:%d/db?connect_timeout=1", port), store.Options{}); err == nil || time.Since(start) > time.Second {
		t.Errorf("one attempt: err %v after %s", err, time.Since(start))
	}
}

// A database that comes up while Open retries is connected to.
func TestOpenRetriesUntilTheDatabaseAnswers(t *testing.T) {
	dsn := storetest.NewDatabase(t)
	cfg, err := pgconn.ParseConfig(dsn)
	if err != nil {
		t.Fatal(err)
	}
	network, target := "tcp", net.JoinHostPort(cfg.Host, fmt.Sprint(cfg.Port))
	if strings.HasPrefix(cfg.Host, "/") {
		network, target = "unix", filepath.Join(cfg.Host, fmt.Sprintf(".s.PGSQL.%d", cfg.Port))
	}
	port := freePort(t)
	// The "database" (a forwarder to the real one) starts listening after 1 s.
	done := make(chan struct{})
	t.Cleanup(func() { close(done) })
	go func() {
		time.Sleep(time.Second)
		l, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port))
		if err != nil {
			t.Error(err)
			return
		}
		go func() { <-done; l.Close() }()
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				s, err := net.Dial(network, target)
				if err != nil {
					return
				}
				defer s.Close()
				go func() { _, _ = io.Copy(s, c); s.Close() }()
				_, _ = io.Copy(c, s)
			}()
		}
	}()
	proxied := fmt.Sprintf("host=127.0.0.1 port=%d user=%s dbname=%s sslmode=disable connect_timeout=2", port, cfg.User, cfg.Database)
	if cfg.Password != "" {
		proxied += " password=" + cfg.Password
	}
	retried := 0
	st, err := store.Open(context.Background(), proxied, store.Options{ConnectWait: 10 * time.Second,
		OnRetry: func(error, time.Duration) { retried++ }})
	if err != nil {
		t.Fatalf("the database came up after 1s, yet: %v", err)
	}
	st.Close()
	if retried == 0 {
		t.Error("connected without a retry: the test did not test the retry")
	}
	// A server that answers no (no such database) is not retried.
	start := time.Now()
	nodb := fmt.Sprintf("host=127.0.0.1 port=%d user=%s dbname=no_such_db_%d sslmode=disable", port, cfg.User, port)
	if cfg.Password != "" {
		nodb += " password=" + cfg.Password
	}
	if _, err := store.Open(context.Background(), nodb, store.Options{ConnectWait: 10 * time.Second,
		OnRetry: func(err error, _ time.Duration) { t.Errorf("retried an answer: %v", err) }}); err == nil || time.Since(start) > 3*time.Second {
		t.Errorf("no such database: err %v after %s", err, time.Since(start))
	}
}
