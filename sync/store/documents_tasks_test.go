package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"cddh-sync/sync/store"
	"cddh-sync/sync/store/storetest"
)

func date(y int, m time.Month, d int) *time.Time {
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return &t
}

func upsert(t *testing.T, st *store.Store, d store.DocumentRow) (int64, store.UpsertResult) {
	t.Helper()
	var id int64
	var res store.UpsertResult
	err := st.InTx(context.Background(), func(tx pgx.Tx) error {
		var err error
		id, res, err = st.UpsertDocument(context.Background(), tx, d)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id, res
}

func TestUpsertDocumentByVersionAndHash(t *testing.T) {
	t.Parallel()
	st := storetest.New(t)
	d := store.DocumentRow{PortalID: "101", Stream: "DI", Version: 1, ContentHash: []byte{1}, Notation: "TB-UBND", Number: "45",
		Links: []store.DocLink{{PortalID: "90", Notation: "12/KH-UBND"}}}
	id, res := upsert(t, st, d)
	if res != store.New {
		t.Fatalf("first = %v", res)
	}
	if id2, res := upsert(t, st, d); res != store.Unchanged || id2 != id {
		t.Fatalf("re-fetch = %v (id %d vs %d)", res, id2, id)
	}
	d.ContentHash = []byte{2} // same version, content differs (the portal forgot to bump)
	if _, res := upsert(t, st, d); res != store.Changed {
		t.Fatalf("changed content = %v", res)
	}
	d.Version = 2
	if _, res := upsert(t, st, d); res != store.Changed {
		t.Fatalf("new version = %v", res)
	}
	old := d
	old.Version = 1
	old.ContentHash = []byte{9}
	if _, res := upsert(t, st, old); res != store.Unchanged {
		t.Fatalf("an older version arriving late = %v; must not overwrite", res)
	}
	var v int64
	var links int
	if err := st.Pool().QueryRow(context.Background(), `SELECT version, (SELECT count(*) FROM document_links) FROM documents WHERE portal_id = '101'`).Scan(&v, &links); err != nil || v != 2 || links != 1 {
		t.Fatalf("stored version %d, links %d, %v", v, links, err)
	}
}

func syncTasks(t *testing.T, st *store.Store, docID int64, rows []store.TaskRow) store.SyncResult {
	t.Helper()
	var res store.SyncResult
	err := st.InTx(context.Background(), func(tx pgx.Tx) error {
		var err error
		res, err = st.SyncTasks(context.Background(), tx, docID, rows, time.Now())
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestSyncTasksKeepsIdentityAndCancelsDropped(t *testing.T) {
	t.Parallel()
	st := storetest.New(t)
	ctx := context.Background()
	docID, _ := upsert(t, st, store.DocumentRow{PortalID: "101", Stream: "DI", Version: 1, ContentHash: []byte{1}})
	stc := store.UnitRef{Code: "000.00.12.H20", Name: "Sở Tài chính"}
	sxd := store.UnitRef{Code: "000.00.15.H20", Name: "Sở Xây dựng"}
	v1 := []store.TaskRow{
		{Key: "101-a", Content: "Rà soát", Nominal: date(2026, 3, 20), Effective: date(2026, 3, 20), DeadlineTime: "16:00",
			Lead: []store.UnitRef{stc}, Coordinating: []store.UnitRef{sxd}, MustReport: true},
		{Key: "101-b", Content: "Tham mưu", Lead: []store.UnitRef{sxd}, Flags: []string{"no_deadline"}},
	}
	res := syncTasks(t, st, docID, v1)
	if len(res.Created) != 2 || len(res.Cancelled) != 0 {
		t.Fatalf("v1: %+v", res)
	}
	idA := res.Created[0].ID
	if res := syncTasks(t, st, docID, v1); len(res.Unchanged) != 2 || len(res.Updated)+len(res.Created)+len(res.Cancelled) != 0 {
		t.Fatalf("same tasks again: %+v", res)
	}
	// Version 2 moves a's deadline, adds a unit, and drops b.
	v2 := []store.TaskRow{v1[0]}
	v2[0].Nominal, v2[0].Effective = date(2026, 3, 25), date(2026, 3, 25)
	v2[0].Coordinating = []store.UnitRef{sxd, {Name: "Công ty TNHH A, B"}}
	res = syncTasks(t, st, docID, v2)
	if len(res.Updated) != 1 || res.Updated[0].ID != idA || len(res.Cancelled) != 1 || res.Cancelled[0].Key != "101-b" {
		t.Fatalf("v2: %+v", res)
	}
	var state string
	if err := st.Pool().QueryRow(ctx, `SELECT state FROM tasks WHERE task_key = '101-b'`).Scan(&state); err != nil || state != "cancelled" {
		t.Fatalf("dropped task state = %q %v", state, err)
	}
	// b comes back in version 3: reopened, same identity.
	res = syncTasks(t, st, docID, append(v2, v1[1]))
	if len(res.Updated) != 1 || res.Updated[0].Key != "101-b" {
		t.Fatalf("v3: %+v", res)
	}
}

func TestEventsAreIdempotentAndDerivedCached(t *testing.T) {
	t.Parallel()
	st := storetest.New(t)
	ctx := context.Background()
	docID, _ := upsert(t, st, store.DocumentRow{PortalID: "7", Stream: "DI", Version: 1, ContentHash: []byte{1}})
	res := syncTasks(t, st, docID, []store.TaskRow{{Key: "7-a", Content: "x", Lead: []store.UnitRef{{Name: "Sở Y tế"}}}})
	id := res.Created[0].ID
	at := time.Date(2026, 3, 12, 10, 0, 0, 0, time.UTC)
	var first, second, changed, again bool
	err := st.InTx(ctx, func(tx pgx.Tx) error {
		var err error
		if first, err = st.AppendEvent(ctx, tx, id, store.EventRow{Key: "7-a:TIEP_NHAN:55", Kind: "TIEP_NHAN", At: at, Actor: "Nguyễn Văn B"}); err != nil {
			return err
		}
		if second, err = st.AppendEvent(ctx, tx, id, store.EventRow{Key: "7-a:TIEP_NHAN:55", Kind: "TIEP_NHAN", At: at}); err != nil {
			return err
		}
		d := store.Derived{State: "in_progress", AcknowledgedAt: &at}
		if changed, err = st.SetDerived(ctx, tx, id, d, at); err != nil {
			return err
		}
		again, err = st.SetDerived(ctx, tx, id, d, at)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if !first || second || !changed || again {
		t.Fatalf("first %v second %v changed %v again %v", first, second, changed, again)
	}
	h, err := st.TaskEvents(ctx, st.Pool(), id)
	if err != nil || len(h) != 1 || h[0].Actor != "Nguyễn Văn B" {
		t.Fatalf("history = %+v %v", h, err)
	}
}

func TestListTasksFilters(t *testing.T) {
	t.Parallel()
	st := storetest.New(t)
	ctx := context.Background()
	docID, _ := upsert(t, st, store.DocumentRow{PortalID: "9", Stream: "DI", Version: 1, ContentHash: []byte{1}, Number: "45", Notation: "TB-UBND"})
	due1 := time.Date(2026, 3, 20, 23, 59, 59, 0, time.UTC)
	due2 := time.Date(2026, 4, 20, 23, 59, 59, 0, time.UTC)
	stc := store.UnitRef{Code: "000.00.12.H20", Name: "Sở Tài chính"}
	syncTasks(t, st, docID, []store.TaskRow{
		{Key: "9-a", Content: "a", DueAt: &due1, DeadlineTime: "16:00", Lead: []store.UnitRef{stc}, Coordinating: []store.UnitRef{{Name: "Công ty X"}}},
		{Key: "9-b", Content: "b", DueAt: &due2, Lead: []store.UnitRef{{Code: "000.00.15.H20", Name: "Sở Xây dựng"}}},
		{Key: "9-c", Content: "c", Flags: []string{"no_deadline"}, Lead: []store.UnitRef{stc}},
	})
	if _, err := st.Pool().Exec(ctx, `INSERT INTO signature_verdicts (document_id, source, indication, signed_by) VALUES
		($1, 'pdf', 'TOTAL_PASSED', 'CN=A'), ($1, 'pdf', 'TOTAL_FAILED', 'CN=B')`, docID); err != nil {
		t.Fatal(err)
	}
	all, err := st.ListTasks(ctx, store.TaskFilter{})
	if err != nil || len(all) != 3 || all[0].Key != "9-a" || all[2].Key != "9-c" {
		t.Fatalf("all = %+v %v", all, err)
	}
	a := all[0]
	if a.DeadlineTime != "16:00" || a.DocumentNotation != "TB-UBND" || len(a.Lead) != 1 || a.Lead[0] != stc ||
		len(a.Coordinating) != 1 || a.Coordinating[0].Code != "" || a.SignatureIndication != "TOTAL_FAILED" || a.SignatureSignedBy != "CN=B" {
		t.Fatalf("task a = %+v", a)
	}
	byUnit, _ := st.ListTasks(ctx, store.TaskFilter{UnitCode: stc.Code})
	if len(byUnit) != 2 {
		t.Fatalf("by unit = %d", len(byUnit))
	}
	now := time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)
	overdue, _ := st.ListTasks(ctx, store.TaskFilter{DueBefore: &now})
	if len(overdue) != 1 || overdue[0].Key != "9-a" {
		t.Fatalf("overdue = %+v", overdue)
	}
	from, to := time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)
	april, _ := st.ListTasks(ctx, store.TaskFilter{DueFrom: &from, DueTo: &to})
	if len(april) != 1 || april[0].Key != "9-b" {
		t.Fatalf("april = %+v", april)
	}
	if _, err := st.StreamHealth(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := st.DeadLetters(ctx, 10); err != nil {
		t.Fatal(err)
	}
	if _, err := st.RecentRuns(ctx, 10); err != nil {
		t.Fatal(err)
	}
}

// TestTaskConfidence: extraction's confidence is stored (migration 0014), a
// task not from extraction counts as 1, and a re-extraction updates it without
// counting as a change of the task.
func TestTaskConfidence(t *testing.T) {
	t.Parallel()
	st := storetest.New(t)
	ctx := context.Background()
	docID, _ := upsert(t, st, store.DocumentRow{PortalID: "102", Stream: "DI", Version: 1, ContentHash: []byte{1}})
	low, high := 0.72, 0.97
	rows := []store.TaskRow{
		{Key: "102-a", Content: "Rà soát", Lead: []store.UnitRef{{Name: "Sở Tài chính"}}, Confidence: low},
		{Key: "102-b", Content: "Tham mưu", Lead: []store.UnitRef{{Name: "Sở Xây dựng"}}},
	}
	syncTasks(t, st, docID, rows)
	got := map[string]float64{}
	vs, err := st.ListTasks(ctx, store.TaskFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vs {
		got[v.Key] = v.Confidence
	}
	if got["102-a"] != 0.72 || got["102-b"] != 1 {
		t.Fatalf("confidence stored %v", got)
	}
	rows[0].Confidence = high
	if res := syncTasks(t, st, docID, rows); len(res.Unchanged) != 2 {
		t.Fatalf("a new confidence alone changed the task: %+v", res)
	}
	var tr []store.TaskRow
	if err := st.InTx(ctx, func(tx pgx.Tx) error {
		var err error
		tr, err = st.TaskRowsOfDocument(ctx, tx, docID)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if len(tr) != 2 || tr[0].Confidence != 0.97 || tr[1].Confidence != 1 {
		t.Fatalf("rows of the document: %+v", tr)
	}
	if _, err := st.Pool().Exec(ctx, `UPDATE tasks SET confidence = 1.5 WHERE task_key = '102-a'`); err == nil {
		t.Fatal("a confidence above 1 was stored")
	}
}
