package store_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"cddh-sync/sync/store"
	"cddh-sync/sync/store/storetest"
)

// TestHandoverCoversEveryTable: a table added by a migration but forgotten in the
// handover list would silently vanish from the yearly export (004 Đ5, Đ9.3).
func TestHandoverCoversEveryTable(t *testing.T) {
	t.Parallel()
	st := storetest.New(t)
	rows, err := st.Pool().Query(context.Background(), `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	tables, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	var listed []string
	for _, h := range store.HandoverTables {
		listed = append(listed, h.Name)
	}
	for _, tb := range tables {
		if !slices.Contains(listed, tb) && !slices.Contains(store.NotHandedOver, tb) {
			t.Errorf("table %s is not in store.HandoverTables", tb)
		}
	}
}

func TestRemindCandidates(t *testing.T) {
	t.Parallel()
	st := storetest.New(t)
	ctx := context.Background()
	now := time.Date(2026, 3, 17, 9, 0, 0, 0, time.UTC)
	horizon := now.Add(72 * time.Hour)
	// id order: 1 open due soon, 2 open far ahead, 3 approved, 4 reported, 5 open overdue already reminded.
	if err := st.InTx(ctx, func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, `
			WITH d AS (INSERT INTO documents (portal_id, stream, version, content_hash, number, notation)
			           VALUES ('7', 'DI', 1, '\x00', '45', 'TB-UBND') RETURNING id)
			INSERT INTO tasks (task_key, document_id, content, state, due_at, reported_at)
			SELECT k, d.id, 'x', s, due, rep FROM d, (VALUES
				('T1', 'assigned', $1::timestamptz + interval '1 day', NULL::timestamptz),
				('T2', 'in_progress', $1::timestamptz + interval '30 days', NULL),
				('T3', 'approved', $1::timestamptz - interval '1 day', $1::timestamptz - interval '3 days'),
				('T4', 'reported', $1::timestamptz + interval '5 days', $1::timestamptz - interval '2 days'),
				('T5', 'urged', $1::timestamptz - interval '3 days', NULL)) v(k, s, due, rep)
			ORDER BY k`, now)
		if err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `INSERT INTO task_units (task_id, role, position, unit_code, unit_name)
			SELECT id, 'lead', 0, '000.00.12.H20', 'Sở Tài chính' FROM tasks`)
		if err != nil {
			return err
		}
		var t5 int64
		if err := tx.QueryRow(ctx, `SELECT id FROM tasks WHERE task_key = 'T5'`).Scan(&t5); err != nil {
			return err
		}
		first, err := st.MarkReminder(ctx, tx, t5, "overdue", nil, now)
		if err != nil || !first {
			t.Fatalf("first MarkReminder = %v, %v", first, err)
		}
		again, err := st.MarkReminder(ctx, tx, t5, "overdue", nil, now)
		if err != nil || again {
			t.Fatalf("second MarkReminder = %v, %v; want false", again, err)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	var got []string
	var after int64
	for {
		page, err := st.RemindCandidates(ctx, horizon, after, 1)
		if err != nil {
			t.Fatal(err)
		}
		if len(page) == 0 {
			break
		}
		c := page[0]
		got = append(got, c.Key)
		after = c.ID
		if c.Reference != "45/TB-UBND" || c.DocumentPortalID != "7" || len(c.Lead) != 1 || c.Lead[0].Name != "Sở Tài chính" {
			t.Errorf("candidate %s: %+v", c.Key, c)
		}
	}
	if want := []string{"T1", "T4"}; !slices.Equal(got, want) {
		t.Fatalf("candidates %v, want %v", got, want)
	}
}

func TestUnlinkedReports(t *testing.T) {
	t.Parallel()
	st := storetest.New(t)
	ctx := context.Background()
	issued := time.Date(2026, 3, 5, 9, 0, 0, 0, time.UTC)
	if err := st.InTx(ctx, func(tx pgx.Tx) error {
		for i, m := range []string{"ambiguous", "unmatched", "linked"} {
			id, _, err := st.UpsertDocument(ctx, tx, store.DocumentRow{PortalID: fmt.Sprint(900 + i), Stream: "DEN", Version: 1,
				ContentHash: []byte{1}, Number: fmt.Sprint(12 + i), Notation: "BC-SYT", IssuerName: "Sở Y tế", IssuedAt: &issued})
			if err != nil {
				return err
			}
			var tasks []int64
			if m == "linked" {
				var tid int64
				if err := tx.QueryRow(ctx, `WITH d AS (INSERT INTO documents (portal_id, stream, version, content_hash) VALUES ('1', 'DI', 1, '\x00') RETURNING id)
					INSERT INTO tasks (task_key, document_id, content) SELECT 'T1', id, 'x' FROM d RETURNING id`).Scan(&tid); err != nil {
					return err
				}
				tasks = []int64{tid}
			}
			if err := st.LinkReport(ctx, tx, id, tasks, m, "ghi chú"); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	all, err := st.UnlinkedReports(ctx, nil, nil)
	if err != nil || len(all) != 2 || all[0].Method == all[1].Method || all[0].Document != "12/BC-SYT" || all[0].SenderName != "Sở Y tế" {
		t.Fatalf("UnlinkedReports = %+v, %v", all, err)
	}
	from, to := issued.AddDate(0, 0, 1), issued.AddDate(0, 1, 0)
	if later, err := st.UnlinkedReports(ctx, &from, &to); err != nil || len(later) != 0 {
		t.Fatalf("a period after the reports = %+v, %v", later, err)
	}
}
