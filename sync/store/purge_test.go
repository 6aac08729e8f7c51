package store_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"cddh-sync/sync/store"
	"cddh-sync/sync/store/storetest"
)

// TestPurgeReportsPushedTasks: PurgeDocument names, before it deletes their outbox
// rows, the tasks whose record the portal may hold (delivered, tried, or replaced
// by a newer revision), and not a task whose record was never sent nor another
// document's.
func TestPurgeReportsPushedTasks(t *testing.T) {
	t.Parallel()
	st := storetest.New(t)
	ctx := context.Background()
	docID, _ := upsert(t, st, store.DocumentRow{PortalID: "301", Stream: "DI", Version: 1, ContentHash: []byte{1}})
	otherID, _ := upsert(t, st, store.DocumentRow{PortalID: "302", Stream: "DI", Version: 1, ContentHash: []byte{1}})
	lead := []store.UnitRef{{Code: "000.00.12.H20", Name: "Sở Tài chính"}}
	syncTasks(t, st, docID, []store.TaskRow{{Key: "301-a", Content: "a", Lead: lead}, {Key: "301-b", Content: "b", Lead: lead},
		{Key: "301-c", Content: "c", Lead: lead}, {Key: "301-d", Content: "d", Lead: lead}})
	syncTasks(t, st, otherID, []store.TaskRow{{Key: "302-a", Content: "a", Lead: lead}})
	put := func(key, content string) {
		t.Helper()
		if err := st.InTx(ctx, func(tx pgx.Tx) error {
			_, err := st.Enqueue(ctx, tx, store.OutboxPutTask, "task:"+key, key, map[string]string{"noiDung": content})
			return err
		}); err != nil {
			t.Fatal(err)
		}
	}
	for _, k := range []string{"301-a", "301-b", "301-d", "302-a"} {
		put(k, "v1")
	}
	session(t, st, "h")
	items, err := st.ClaimOutbox(ctx, "h", 10, time.Minute)
	if err != nil || len(items) != 4 {
		t.Fatalf("claimed %d rows, %v", len(items), err)
	}
	for _, it := range items {
		if it.Target == "301-d" { // tried, failed: it may have landed
			err = st.OutboxRetry(ctx, it, "h", errors.New("hết thời gian chờ"), false, false, time.Now().Add(time.Hour))
		} else {
			err = st.OutboxDone(ctx, it, "h")
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	put("301-b", "v2") // pending again, attempts 0: its first revision is on the portal
	put("301-c", "v1") // never sent

	var p store.Purged
	if err := st.InTx(ctx, func(tx pgx.Tx) error {
		var err error
		p, err = st.PurgeDocument(ctx, tx, "301")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if want := []string{"301-a", "301-b", "301-d"}; !slices.Equal(p.Pushed, want) {
		t.Errorf("Pushed = %v, want %v", p.Pushed, want)
	}
	var left, other int
	if err := st.Pool().QueryRow(ctx, `SELECT count(*) FILTER (WHERE target LIKE '301-%'), count(*) FILTER (WHERE target = '302-a') FROM outbox`).
		Scan(&left, &other); err != nil {
		t.Fatal(err)
	}
	if left != 0 || other != 1 {
		t.Errorf("outbox rows left: %d of the purged document (want 0), %d of the other (want 1)", left, other)
	}
	// Purged again (a re-run): nothing stored, nothing named.
	if err := st.InTx(ctx, func(tx pgx.Tx) error {
		var err error
		p, err = st.PurgeDocument(ctx, tx, "301")
		return err
	}); err != nil || p.Found || len(p.Pushed) != 0 {
		t.Errorf("second purge = %+v, %v; want nothing", p, err)
	}
}
