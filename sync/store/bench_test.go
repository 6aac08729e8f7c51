package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"cddh-sync/sync/store"
	"cddh-sync/sync/store/storetest"
)

// The store's write path, measured (BENCHMARKS.md item 3): tasks upserted per
// second with their "assigned" event and their outbox row, one transaction per
// page of pageTasks, as the engine writes a page of directives. Side by side: the
// product's statement-per-row path, the same rows sent as one pgx.Batch per page,
// and COPY.
//
//	go test -run '^$' -bench 'StoreWrite' -benchtime 20x ./sync/store/

const pageTasks = 50

func taskRows(page int) []store.TaskRow {
	due := time.Date(2026, 3, 20, 23, 59, 59, 0, time.UTC)
	rows := make([]store.TaskRow, pageTasks)
	for i := range rows {
		rows[i] = store.TaskRow{Key: fmt.Sprintf("B%d-%d", page, i), Ordinal: i + 1,
			Content: "Giao Sở Tài chính chủ trì, phối hợp với Sở Xây dựng rà soát hồ sơ đất đai tồn đọng, báo cáo UBND tỉnh.",
			DueAt:   &due, Effective: &due, Nominal: &due, MustReport: true,
			Lead:         []store.UnitRef{{Code: "000.00.12.H20", Name: "Sở Tài chính"}},
			Coordinating: []store.UnitRef{{Code: "000.00.15.H20", Name: "Sở Xây dựng"}}}
	}
	return rows
}

func newDocument(b *testing.B, st *store.Store, page int) int64 {
	var id int64
	err := st.InTx(context.Background(), func(tx pgx.Tx) error {
		var err error
		id, _, err = st.UpsertDocument(context.Background(), tx, store.DocumentRow{PortalID: fmt.Sprint(page), Stream: "DI",
			Version: 1, ContentHash: []byte{1}})
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	return id
}

// writePages runs write once per iteration on a new directive's page of tasks,
// each in one transaction, timing only the transaction.
func writePages(b *testing.B, write func(ctx context.Context, st *store.Store, tx pgx.Tx, doc int64, rows []store.TaskRow, now time.Time) error) {
	st := storetest.New(b)
	ctx := context.Background()
	now := time.Now()
	b.ResetTimer()
	for i := range b.N {
		b.StopTimer()
		doc := newDocument(b, st, i)
		rows := taskRows(i)
		b.StartTimer()
		if err := st.InTx(ctx, func(tx pgx.Tx) error { return write(ctx, st, tx, doc, rows, now) }); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*pageTasks)/b.Elapsed().Seconds(), "tasks/s")
}

// BenchmarkStoreWriteProduct is the engine's path: SyncTasks, then one event and
// one outbox row per task, statement by statement, in one transaction.
func BenchmarkStoreWriteProduct(b *testing.B) {
	writePages(b, func(ctx context.Context, st *store.Store, tx pgx.Tx, doc int64, rows []store.TaskRow, now time.Time) error {
		res, err := st.SyncTasks(ctx, tx, doc, rows, now)
		if err != nil {
			return err
		}
		for _, c := range res.Created {
			if _, err := st.AppendEvent(ctx, tx, c.ID, store.EventRow{Key: c.Key + ":assigned", Kind: "assigned", At: now,
				Actor: "cddh-sync", ToState: "assigned"}); err != nil {
				return err
			}
			if _, err := st.Enqueue(ctx, tx, store.OutboxPutTask, "task:"+c.Key, c.Key, map[string]string{"key": c.Key}); err != nil {
				return err
			}
		}
		return nil
	})
}

// BenchmarkStoreWriteBatch sends the same rows as one pgx.Batch per page: one
// round trip instead of one per statement.
func BenchmarkStoreWriteBatch(b *testing.B) {
	writePages(b, func(ctx context.Context, st *store.Store, tx pgx.Tx, doc int64, rows []store.TaskRow, now time.Time) error {
		batch := &pgx.Batch{}
		for _, r := range rows {
			batch.Queue(`WITH t AS (INSERT INTO tasks (task_key, document_id, ordinal, content, deadline_nominal, deadline_effective,
						due_at, must_report) VALUES ($1, $2, $3, $4, $5, $5, $6, true) RETURNING id),
					u AS (INSERT INTO task_units (task_id, role, position, unit_code, unit_name)
						SELECT id, 'lead', 0, $7, $8 FROM t UNION ALL SELECT id, 'coordinating', 0, $9, $10 FROM t),
					e AS (INSERT INTO task_events (task_id, event_key, kind, at, actor, to_state)
						SELECT id, $1 || ':assigned', 'assigned', $11, 'cddh-sync', 'assigned' FROM t)
					INSERT INTO outbox (kind, dedupe_key, target, payload) VALUES ('put_task', 'task:' || $1, $1, jsonb_build_object('key', $1::text))`,
				r.Key, doc, r.Ordinal, r.Content, r.Nominal, r.DueAt, r.Lead[0].Code, r.Lead[0].Name,
				r.Coordinating[0].Code, r.Coordinating[0].Name, now)
		}
		return tx.SendBatch(ctx, batch).Close()
	})
}

// BenchmarkStoreWriteCopy loads the same rows with COPY: tasks, then their units,
// events and outbox rows keyed by the ids COPY assigned.
func BenchmarkStoreWriteCopy(b *testing.B) {
	writePages(b, func(ctx context.Context, st *store.Store, tx pgx.Tx, doc int64, rows []store.TaskRow, now time.Time) error {
		src := make([][]any, len(rows))
		for j, r := range rows {
			src[j] = []any{r.Key, doc, r.Ordinal, r.Content, r.Nominal, r.Effective, r.DueAt, true}
		}
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"tasks"}, []string{"task_key", "document_id", "ordinal", "content",
			"deadline_nominal", "deadline_effective", "due_at", "must_report"}, pgx.CopyFromRows(src)); err != nil {
			return err
		}
		ids := map[string]int64{}
		q, err := tx.Query(ctx, `SELECT task_key, id FROM tasks WHERE document_id = $1`, doc)
		if err != nil {
			return err
		}
		for q.Next() {
			var k string
			var id int64
			if err := q.Scan(&k, &id); err != nil {
				return err
			}
			ids[k] = id
		}
		if err := q.Err(); err != nil {
			return err
		}
		var units, events, outbox [][]any
		for _, r := range rows {
			id := ids[r.Key]
			units = append(units, []any{id, "lead", 0, r.Lead[0].Code, r.Lead[0].Name},
				[]any{id, "coordinating", 0, r.Coordinating[0].Code, r.Coordinating[0].Name})
			events = append(events, []any{id, r.Key + ":assigned", "assigned", now, "cddh-sync", "assigned"})
			outbox = append(outbox, []any{"put_task", "task:" + r.Key, r.Key, map[string]string{"key": r.Key}})
		}
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"task_units"}, []string{"task_id", "role", "position", "unit_code", "unit_name"},
			pgx.CopyFromRows(units)); err != nil {
			return err
		}
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"task_events"}, []string{"task_id", "event_key", "kind", "at", "actor", "to_state"},
			pgx.CopyFromRows(events)); err != nil {
			return err
		}
		_, err = tx.CopyFrom(ctx, pgx.Identifier{"outbox"}, []string{"kind", "dedupe_key", "target", "payload"}, pgx.CopyFromRows(outbox))
		return err
	})
}
