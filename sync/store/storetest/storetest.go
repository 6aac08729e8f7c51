// Package storetest gives tests a real PostgreSQL: DATABASE_URL when set, otherwise a
// throwaway embedded cluster started by the same code the daemon uses. Each test gets
// a fresh database cloned from a migrated template, so tests run in parallel without
// seeing each other's rows. PostgreSQL is started when a test first asks for a
// database. It never skips: if PostgreSQL cannot be had, each test that asks
// fails and says why.
//
// Use it from TestMain:
//
//	func TestMain(m *testing.M) { storetest.Main(m) }
//
// and in a test:
//
//	st := storetest.New(t) // *store.Store on a fresh, migrated database
package storetest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"cddh-sync/sync/store"
)

var (
	baseDSN string // a DSN with any database name; ours are swapped in
	tmpl    string // the migrated template database
)

// Main runs the package's tests and exits. PostgreSQL is started when a test
// first asks for a database (ensure), not before: a process that needs none
// starts none. That matters to the fuzzer, whose workers run this TestMain
// too: a cluster each worker started could outlive it when the fuzzer killed
// the worker at its time's end, holding the worker's pipe open, so that the
// fuzzer waited on it for ever (seen on sync/dashboard's FuzzReviewText).
func Main(m *testing.M) {
	code := m.Run()
	if cluster != nil {
		if err := cluster.Stop(context.Background()); err != nil {
			fmt.Fprintf(os.Stderr, "storetest: %v\n", err)
		}
	}
	if dir != "" {
		os.RemoveAll(dir)
	}
	os.Exit(code)
}

var (
	once     sync.Once
	startErr error
	cluster  *store.Cluster
	dir      string // the embedded cluster's directory, removed after the tests
)

// ensure starts PostgreSQL (DATABASE_URL, or an embedded cluster) and the
// migrated template, once per process; the first error is every caller's.
func ensure() error {
	once.Do(func() { startErr = start() })
	return startErr
}

func start() error {
	ctx := context.Background()
	if dsn := os.Getenv("DATABASE_URL"); dsn != "" {
		baseDSN = dsn
	} else {
		d, err := os.MkdirTemp("", "cddh-storetest-")
		if err != nil {
			return err
		}
		dir = d
		if err := os.Chmod(dir, 0o711); err != nil {
			return err
		}
		c, err := store.StartCluster(ctx, store.ClusterOptions{DataDir: dir, Fast: true, Database: "postgres"})
		if err != nil {
			return err
		}
		cluster = c
		baseDSN = c.DSN("postgres")
	}
	return prepareTemplate(ctx)
}

// DSN returns baseDSN pointed at database db.
func DSN(db string) string {
	if strings.Contains(baseDSN, "://") {
		u, err := url.Parse(baseDSN)
		if err == nil {
			u.Path = "/" + db
			return u.String()
		}
	}
	return baseDSN + " dbname=" + db
}

// prepareTemplate creates (once per schema) a migrated template database. Several test
// binaries may share DATABASE_URL, so creation is serialised with an advisory lock.
func prepareTemplate(ctx context.Context) error {
	ms, err := store.Migrations()
	if err != nil {
		return err
	}
	name := fmt.Sprintf("cddh_tmpl_v%d_%s", len(ms), ms[len(ms)-1].Checksum[:8])
	conn, err := pgx.Connect(ctx, baseDSN)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock(7263)"); err != nil {
		return err
	}
	defer conn.Exec(ctx, "SELECT pg_advisory_unlock(7263)") //nolint:errcheck
	var exists bool
	if err := conn.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil {
		return err
	}
	if !exists {
		if _, err := conn.Exec(ctx, "CREATE DATABASE "+name); err != nil {
			return fmt.Errorf("creating template database: %w", err)
		}
		pool, err := pgxpool.New(ctx, DSN(name))
		if err != nil {
			return err
		}
		_, err = store.Migrate(ctx, pool)
		pool.Close()
		if err != nil {
			_, _ = conn.Exec(ctx, "DROP DATABASE "+name)
			return err
		}
	}
	tmpl = name
	return nil
}

// NewDatabase creates an empty (unmigrated) database for the test and returns its DSN.
func NewDatabase(t testing.TB) string { return newDB(t, false) }

// NewMigratedDatabase creates a fresh, fully migrated database and returns its DSN.
func NewMigratedDatabase(t testing.TB) string { return newDB(t, true) }

// New returns a Store on a fresh, fully migrated database, closed at the test's end.
func New(t testing.TB) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), NewMigratedDatabase(t), store.Options{MaxConns: 8})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(st.Close)
	return st
}

// newDB clones the migrated template (migrated) or template0 into a database
// of the test's own.
func newDB(t testing.TB, migrated bool) string {
	t.Helper()
	if err := ensure(); err != nil {
		t.Fatalf("storetest: no PostgreSQL for the tests: %v (set DATABASE_URL to a server where this role may CREATE DATABASE, or install PostgreSQL: apt-get install postgresql, so an embedded cluster can be started)", err)
	}
	template := "template0"
	if migrated {
		template = tmpl // (known only once ensure has made it)
	}
	ctx := context.Background()
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	name := "cddh_test_" + hex.EncodeToString(b)
	conn, err := pgx.Connect(ctx, baseDSN)
	if err != nil {
		t.Fatalf("storetest: %v", err)
	}
	defer conn.Close(ctx)
	// Cloning fails while another session touches the template (another package's
	// test binary cloning at the same moment): retry briefly.
	for attempt := 0; ; attempt++ {
		_, err = conn.Exec(ctx, fmt.Sprintf("CREATE DATABASE %s TEMPLATE %s", name, template))
		var pgErr *pgconn.PgError
		if err == nil || !errors.As(err, &pgErr) || pgErr.Code != "55006" || attempt > 100 {
			break
		}
		time.Sleep(time.Duration(20+attempt*5) * time.Millisecond)
	}
	if err != nil {
		t.Fatalf("storetest: creating %s: %v", name, err)
	}
	t.Cleanup(func() {
		c, err := pgx.Connect(ctx, baseDSN)
		if err != nil {
			t.Errorf("storetest: dropping %s: %v", name, err)
			return
		}
		defer c.Close(ctx)
		if _, err := c.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Errorf("storetest: dropping %s: %v", name, err)
		}
	})
	return DSN(name)
}
