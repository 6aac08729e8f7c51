package store_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"cddh-sync/sync/store"
	"cddh-sync/sync/store/storetest"
)

// Child processes for the crash tests re-run this test binary with one of these set.
const (
	envMigrateChild = "CDDH_TEST_MIGRATE_CHILD_DSN"
	envClusterChild = "CDDH_TEST_CLUSTER_CHILD_DIR"
)

func TestMain(m *testing.M) {
	if dsn := os.Getenv(envMigrateChild); dsn != "" {
		migrateChild(dsn)
		return
	}
	if dir := os.Getenv(envClusterChild); dir != "" {
		clusterChild(dir)
		return
	}
	storetest.Main(m)
}

func migrateChild(dsn string) {
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, dsn+"&application_name=cddh-migrate-child")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if _, err := store.Migrate(ctx, pool); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Exit(0)
}

func clusterChild(dir string) {
	c, err := store.StartCluster(context.Background(), store.ClusterOptions{DataDir: dir, Fast: true})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(c.Port())
	select {} // wait to be killed
}

func pool(t *testing.T, dsn string) *pgxpool.Pool {
	t.Helper()
	p, err := pgxpool.New(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Close)
	return p
}

// schemaOf describes every column, constraint, index and trigger of the public schema,
// so two databases can be compared for equal schemas.
func schemaOf(t *testing.T, p *pgxpool.Pool) string {
	t.Helper()
	rows, err := p.Query(context.Background(), `
		SELECT table_name || '.' || column_name || ':' || data_type || ':' || is_nullable || ':' || coalesce(column_default, '')
		  FROM information_schema.columns WHERE table_schema = 'public'
		UNION ALL SELECT conrelid::regclass::text || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = 'public'::regnamespace
		UNION ALL SELECT indexdef FROM pg_indexes WHERE schemaname = 'public'
		UNION ALL SELECT tgname FROM pg_trigger WHERE NOT tgisinternal
		UNION ALL SELECT version || name FROM schema_migrations
		ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		b.WriteString(s + "\n")
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestMigrateIsIdempotent(t *testing.T) {
	t.Parallel()
	p := pool(t, storetest.NewDatabase(t))
	ctx := context.Background()
	n, err := store.Migrate(ctx, p)
	if err != nil || n != migrationCount(t) {
		t.Fatalf("first Migrate = %d, %v; want %d", n, err, migrationCount(t))
	}
	n, err = store.Migrate(ctx, p)
	if err != nil || n != 0 {
		t.Fatalf("second Migrate = %d, %v; want 0", n, err)
	}
	if want, got := schemaOf(t, pool(t, storetest.NewMigratedDatabase(t))), schemaOf(t, p); got != want {
		t.Fatalf("schema differs from the template:\n%s\nvs\n%s", got, want)
	}
}

func TestConcurrentMigrateAppliesOnce(t *testing.T) {
	t.Parallel()
	dsn := storetest.NewDatabase(t)
	ctx := context.Background()
	const instances = 4
	results := make(chan error, instances)
	applied := make(chan int, instances)
	for i := 0; i < instances; i++ {
		go func() {
			p, err := pgxpool.New(ctx, dsn)
			if err != nil {
				results <- err
				return
			}
			defer p.Close()
			n, err := store.Migrate(ctx, p)
			applied <- n
			results <- err
		}()
	}
	total := 0
	for i := 0; i < instances; i++ {
		if err := <-results; err != nil {
			t.Fatal(err)
		}
		total += <-applied
	}
	if total != migrationCount(t) {
		t.Fatalf("migrations applied %d times in all, want %d (each once)", total, migrationCount(t))
	}
}

// migrationCount is how many migrations the binary embeds (numbers may have gaps).
func migrationCount(t *testing.T) int {
	t.Helper()
	ms, err := store.Migrations()
	if err != nil {
		t.Fatal(err)
	}
	return len(ms)
}

func startMigrateChild(t *testing.T, dsn string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), envMigrateChild+"="+dsn)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd
}

// TestMigrationKilledMidway kills a migrating process while a migration's transaction
// is open, then checks the schema is still the previous version and that a restart
// completes it to exactly the schema of a clean migration.
func TestMigrationKilledMidway(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dsn := storetest.NewDatabase(t)
	if !strings.Contains(dsn, "?") {
		dsn += "?sslmode=disable"
	}
	p := pool(t, dsn)
	if _, err := store.MigrateTo(ctx, p, 1); err != nil {
		t.Fatal(err)
	}
	// Hold a lock that migration 2 needs (its foreign key to documents), so the child
	// stops inside migration 2's transaction.
	tx, err := p.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, "LOCK TABLE documents IN ACCESS EXCLUSIVE MODE"); err != nil {
		t.Fatal(err)
	}
	child := startMigrateChild(t, dsn)
	deadline := time.Now().Add(30 * time.Second)
	for {
		var waiting bool
		err := p.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_stat_activity
			WHERE application_name = 'cddh-migrate-child' AND wait_event_type = 'Lock')`).Scan(&waiting)
		if err != nil {
			t.Fatal(err)
		}
		if waiting {
			break
		}
		if time.Now().After(deadline) {
			_ = child.Process.Kill()
			t.Fatal("the migrating child never blocked inside migration 2")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := child.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = child.Wait()
	if err := tx.Rollback(ctx); err != nil {
		t.Fatal(err)
	}
	// The killed backend rolls back once it notices; wait for it to be gone.
	for {
		var n int
		if err := p.QueryRow(ctx, `SELECT count(*) FROM pg_stat_activity WHERE application_name = 'cddh-migrate-child'`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the killed child's session never ended")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if v, err := store.AppliedVersion(ctx, p); err != nil || v != 1 {
		t.Fatalf("after the kill the schema is at %d (%v), want 1", v, err)
	}
	var tasks *string
	if err := p.QueryRow(ctx, `SELECT to_regclass('public.tasks')::text`).Scan(&tasks); err != nil || tasks != nil {
		t.Fatalf("a half-applied migration left table tasks behind (%v)", err)
	}
	n, err := store.Migrate(ctx, p)
	if err != nil || n != migrationCount(t)-1 {
		t.Fatalf("restart Migrate = %d, %v", n, err)
	}
	if want, got := schemaOf(t, pool(t, storetest.NewMigratedDatabase(t))), schemaOf(t, p); got != want {
		t.Fatalf("schema after restart differs from a clean migration")
	}
}

// TestMigrationKilledAtRandom kills migrating processes at random moments and checks
// that each restart ends with the exact clean schema.
func TestMigrationKilledAtRandom(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	want := schemaOf(t, pool(t, storetest.NewMigratedDatabase(t)))
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 6; i++ {
		dsn := storetest.NewDatabase(t)
		if !strings.Contains(dsn, "?") {
			dsn += "?sslmode=disable"
		}
		child := startMigrateChild(t, dsn)
		time.Sleep(time.Duration(rng.IntN(120)) * time.Millisecond)
		_ = child.Process.Signal(syscall.SIGKILL)
		_ = child.Wait()
		p := pool(t, dsn)
		if _, err := store.Migrate(ctx, p); err != nil {
			t.Fatalf("round %d: restart: %v", i, err)
		}
		if got := schemaOf(t, p); got != want {
			t.Fatalf("round %d: schema after restart differs from a clean migration", i)
		}
	}
}

func TestMigrateRefusesEditedOrNewerSchema(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	p := pool(t, storetest.NewMigratedDatabase(t))
	if _, err := p.Exec(ctx, `UPDATE schema_migrations SET checksum = 'x' WHERE version = 1`); err != nil {
		t.Fatal(err)
	}
	if _, err := store.Migrate(ctx, p); err == nil || !strings.Contains(err.Error(), "was changed after it was applied") {
		t.Fatalf("edited migration: %v", err)
	}
	p2 := pool(t, storetest.NewMigratedDatabase(t))
	if _, err := p2.Exec(ctx, `INSERT INTO schema_migrations (version, name, checksum) VALUES (999, 'future', 'x')`); err != nil {
		t.Fatal(err)
	}
	if _, err := store.Migrate(ctx, p2); err == nil || !strings.Contains(err.Error(), "newer than this binary") {
		t.Fatalf("newer schema: %v", err)
	}
}

func TestTaskEventsAreAppendOnly(t *testing.T) {
	t.Parallel()
	st := storetest.New(t)
	ctx := context.Background()
	err := st.InTx(ctx, func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, `
			WITH d AS (INSERT INTO documents (portal_id, stream, version, content_hash) VALUES ('1', 'DI', 1, '\x00') RETURNING id),
			     k AS (INSERT INTO tasks (task_key, document_id, content) SELECT 'T1', id, 'x' FROM d RETURNING id)
			INSERT INTO task_events (task_id, event_key, kind, at) SELECT id, 'e1', 'assigned', now() FROM k`)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Pool().Exec(ctx, `UPDATE task_events SET note = 'rewritten'`); err == nil || !strings.Contains(err.Error(), "append-only") {
		t.Fatalf("UPDATE of task_events: %v", err)
	}
	if _, err := st.Pool().Exec(ctx, `DELETE FROM task_events`); err == nil {
		t.Fatal("DELETE of task_events succeeded")
	}
}

func TestCursorIsFencedByTerm(t *testing.T) {
	t.Parallel()
	st := storetest.New(t)
	ctx := context.Background()
	q := st.Pool()
	if pos, err := st.Cursor(ctx, q, "DI"); err != nil || pos != "" {
		t.Fatalf("fresh cursor = %q, %v", pos, err)
	}
	if err := st.SetCursor(ctx, q, "DI", "a", 2); err != nil {
		t.Fatal(err)
	}
	if err := st.SetCursor(ctx, q, "DI", "stale", 1); !errors.Is(err, store.ErrFenced) {
		t.Fatalf("stale term: %v, want ErrFenced", err)
	}
	if err := st.SetCursor(ctx, q, "DI", "b", 2); err != nil {
		t.Fatal(err)
	}
	if pos, _ := st.Cursor(ctx, q, "DI"); pos != "b" {
		t.Fatalf("cursor = %q, want b", pos)
	}
}

func TestSkippedSecretKeepsOnlyIDAndTime(t *testing.T) {
	t.Parallel()
	st := storetest.New(t)
	ctx := context.Background()
	at := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	first, err := st.RecordSkippedSecret(ctx, st.Pool(), "4711", at)
	if err != nil || !first {
		t.Fatalf("first record = %v, %v", first, err)
	}
	again, err := st.RecordSkippedSecret(ctx, st.Pool(), "4711", at.Add(time.Hour))
	if err != nil || again {
		t.Fatalf("second record = %v, %v; want a no-op", again, err)
	}
	var cols int
	if err := st.Pool().QueryRow(ctx, `SELECT count(*) FROM information_schema.columns WHERE table_name = 'skipped_secret'`).Scan(&cols); err != nil || cols != 2 {
		t.Fatalf("skipped_secret has %d columns (%v); it may hold only the id and the time", cols, err)
	}
	if n, err := st.CountSkippedSecret(ctx); err != nil || n != 1 {
		t.Fatalf("count = %d, %v", n, err)
	}
}

func TestReadyAndRuns(t *testing.T) {
	t.Parallel()
	st := storetest.New(t)
	ctx := context.Background()
	if err := st.Ready(ctx); err != nil {
		t.Fatal(err)
	}
	id, err := st.StartRun(ctx, "DI", "host-1", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := st.FinishRun(ctx, id, "ok", time.Now(), store.RunCounts{Fetched: 3, NewDocs: 2}); err != nil {
		t.Fatal(err)
	}
	var outcome string
	var fetched int
	if err := st.Pool().QueryRow(ctx, `SELECT outcome, fetched FROM sync_runs WHERE id = $1`, id).Scan(&outcome, &fetched); err != nil || outcome != "ok" || fetched != 3 {
		t.Fatalf("run row = %s %d %v", outcome, fetched, err)
	}
	// An unmigrated database is not ready, and says why.
	bare, err := store.Open(ctx, storetest.NewDatabase(t), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer bare.Close()
	if err := bare.Ready(ctx); err == nil || !strings.Contains(err.Error(), "schema not created yet: run cddh-sync migrate") {
		t.Fatalf("an unmigrated database: %v, want a plain \"not created yet\"", err)
	}
	if v, err := store.AppliedVersion(ctx, bare.Pool()); err != nil || v != 0 {
		t.Fatalf("the version of a database no migration ran in: %d %v, want 0", v, err)
	}
}

// TestClusterSurvivesKilledOwner starts an embedded cluster in a child process, kills
// the child with SIGKILL (its server keeps running), and checks that the next start
// adopts that server, that a second concurrent owner is refused, and that Stop stops it.
func TestClusterSurvivesKilledOwner(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	// Not t.TempDir(): its parent is private, and the server's OS user must reach dir.
	dir, err := os.MkdirTemp("", "cddh-cluster-test-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o711); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), envClusterChild+"="+dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		_ = cmd.Process.Kill()
		t.Fatalf("cluster child: %v", err)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()

	c, err := store.StartCluster(ctx, store.ClusterOptions{DataDir: dir, Fast: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(c.Port()); got != strings.TrimSpace(line) {
		t.Errorf("restart used port %s, want the adopted server's %s", got, strings.TrimSpace(line))
	}
	if _, err := store.StartCluster(ctx, store.ClusterOptions{DataDir: dir, Fast: true}); err == nil || !strings.Contains(err.Error(), "in use by another cddh-sync") {
		t.Errorf("second owner of one data dir: %v", err)
	}
	st, err := store.Open(ctx, c.DSN(""), store.Options{Migrate: true})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	if err := c.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	if conn, err := pgx.Connect(ctx, c.DSN("")); err == nil {
		conn.Close(ctx)
		t.Fatal("the server still answers after Stop")
	}
}
