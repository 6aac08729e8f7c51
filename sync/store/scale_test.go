package store_test

import (
	"context"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"cddh-sync/sync/store"
	"cddh-sync/sync/store/storetest"
)

// BenchmarkHotQueries times the queries every cycle and every page run, with
// CDDH_BENCH_TASKS tasks in the store (default 1000; BENCHMARKS.md item 7 uses
// 1000, 10000 and 100000), and logs their plans (EXPLAIN ANALYZE) with -v, to show
// they stay on indexes as the store grows.
//
//	CDDH_BENCH_TASKS=100000 go test -run '^$' -bench HotQueries -benchtime 200x -v ./sync/store/
func BenchmarkHotQueries(b *testing.B) {
	n := 1000
	if v, err := strconv.Atoi(os.Getenv("CDDH_BENCH_TASKS")); err == nil && v > 0 {
		n = v
	}
	st := storetest.New(b)
	ctx := context.Background()
	// n tasks over n/5 directives, most of them closed (a store after years of
	// use), with units, events and delivered push-backs.
	seed := `
		INSERT INTO documents (portal_id, stream, version, content_hash, number, notation, issued_at, state)
		SELECT g::text, 'DI', 1, '\x00', g::text, 'UBND-KT', now() - (g % 700) * interval '1 day', 'issued'
		FROM generate_series(1, $1 / 5) g;
		INSERT INTO tasks (task_key, document_id, content, state, due_at, reported_at, derived_at)
		SELECT 'T' || g, 1 + g % ($1 / 5), 'Giao Sở Tài chính rà soát hồ sơ đất đai ' || g,
			CASE WHEN g % 10 = 0 THEN 'assigned' WHEN g % 10 = 1 THEN 'reported' ELSE 'approved' END,
			now() + ((g % 60) - 50) * interval '1 day', CASE WHEN g % 10 = 1 THEN now() - interval '2 days' END, now()
		FROM generate_series(1, $1) g;
		INSERT INTO task_units (task_id, role, position, unit_code, unit_name)
		SELECT id, 'lead', 0, '000.00.' || (10 + id % 40) || '.H20', 'Sở ' || (id % 40) FROM tasks;
		INSERT INTO task_events (task_id, event_key, kind, at, actor)
		SELECT id, task_key || ':assigned', 'assigned', now() - interval '30 days', 'cddh-sync' FROM tasks;
		INSERT INTO outbox (kind, dedupe_key, target, payload, state, delivered_at)
		SELECT 'put_task', 'task:' || task_key, task_key, '{}', 'done', now() FROM tasks;
		ANALYZE;`
	for _, stmt := range strings.Split(seed, ";") {
		if strings.TrimSpace(stmt) == "" {
			continue
		}
		args := []any{}
		if strings.Contains(stmt, "$1") {
			args = append(args, n)
		}
		if _, err := st.Pool().Exec(ctx, stmt, args...); err != nil {
			b.Fatalf("seeding: %v\n%s", err, stmt)
		}
	}
	now := time.Now()
	queries := []struct {
		name string
		run  func() error
		sql  string
	}{
		{"overdue list", func() error {
			_, err := st.ListTasks(ctx, store.TaskFilter{DueBefore: &now, Limit: 100})
			return err
		}, `SELECT id FROM tasks t WHERE t.state NOT IN ('approved', 'cancelled', 'returned') AND t.due_at < now() ORDER BY t.due_at LIMIT 100`},
		{"open tasks of a unit", func() error {
			_, err := st.OpenTasksOfUnit(ctx, "000.00.12.H20")
			return err
		}, `SELECT t.id FROM tasks t WHERE t.state NOT IN ('approved', 'cancelled', 'returned')
			AND EXISTS (SELECT 1 FROM task_units u WHERE u.task_id = t.id AND u.role = 'lead' AND u.unit_code = '000.00.12.H20')`},
		{"stale statuses", func() error {
			_, err := st.StaleTaskIDs(ctx, now, 200)
			return err
		}, `SELECT id FROM tasks WHERE state NOT IN ('approved', 'cancelled', 'returned') AND due_at <= now()
			AND (derived_at IS NULL OR derived_at < due_at) ORDER BY due_at LIMIT 200`},
		{"reminder candidates", func() error {
			_, err := st.RemindCandidates(ctx, now.Add(72*time.Hour), 0, 200)
			return err
		}, ""},
		{"outbox claim", func() error {
			_, err := st.ClaimOutbox(ctx, "bench", 20, time.Minute)
			return err
		}, `SELECT id FROM outbox WHERE state IN ('pending', 'unknown') AND next_attempt_at <= now()
			AND (lease_until IS NULL OR lease_until < now()) ORDER BY next_attempt_at, id LIMIT 20`},
		{"reports to match again", func() error {
			_, err := st.ReportsToRematch(ctx, 100, 3)
			return err
		}, ""},
		{"known documents of a page", func() error {
			ids := make([]string, 50)
			for i := range ids {
				ids[i] = strconv.Itoa(1 + i*3)
			}
			_, err := st.KnownDocuments(ctx, ids)
			return err
		}, `SELECT portal_id FROM documents WHERE portal_id = ANY(ARRAY['1','4','7'])`},
		{"recurring series due", func() error {
			_, err := st.RecurringDue(ctx, now, 100)
			return err
		}, ""},
	}
	for _, q := range queries {
		if q.sql != "" && testing.Verbose() {
			rows, err := st.Pool().Query(ctx, "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) "+q.sql)
			if err == nil {
				var plan []string
				for rows.Next() {
					var l string
					_ = rows.Scan(&l)
					plan = append(plan, l)
				}
				b.Logf("%d tasks, %s:\n%s", n, q.name, strings.Join(plan, "\n"))
			}
		}
		b.Run(q.name, func(b *testing.B) {
			for b.Loop() {
				if err := q.run(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
