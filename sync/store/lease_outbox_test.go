package store_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"cddh-sync/sync/store"
	"cddh-sync/sync/store/storetest"
)

func TestLeaseOneHolderAndFencing(t *testing.T) {
	t.Parallel()
	st := storetest.New(t)
	ctx := context.Background()

	// Three instances race for the stream: exactly one wins.
	var wg sync.WaitGroup
	wins := make(chan store.Lease, 3)
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			l, ok, err := st.AcquireLease(ctx, "DI", fmt.Sprintf("host-%d", i), time.Minute)
			if err != nil {
				t.Error(err)
			}
			if ok {
				wins <- l
			}
		}(i)
	}
	wg.Wait()
	close(wins)
	var held []store.Lease
	for l := range wins {
		held = append(held, l)
	}
	if len(held) != 1 || held[0].Term != 1 {
		t.Fatalf("winners = %+v, want exactly one with term 1", held)
	}
	first := held[0]

	// The holder renews without a new term.
	again, ok, err := st.AcquireLease(ctx, "DI", first.Holder, time.Minute)
	if err != nil || !ok || again.Term != first.Term {
		t.Fatalf("re-acquire by holder = %+v %v %v", again, ok, err)
	}

	// After expiry another instance takes over with a higher term.
	if err := st.ReleaseLease(ctx, first); err != nil {
		t.Fatal(err)
	}
	next, ok, err := st.AcquireLease(ctx, "DI", "host-new", time.Minute)
	if err != nil || !ok || next.Term != first.Term+1 {
		t.Fatalf("takeover = %+v %v %v", next, ok, err)
	}
	if _, err := st.RenewLease(ctx, first, time.Minute); !errors.Is(err, store.ErrLeaseLost) {
		t.Fatalf("stale renew: %v", err)
	}

	// The stale holder's page transaction is fenced off, the new one's is not.
	err = st.InTx(ctx, func(tx pgx.Tx) error {
		if err := st.CheckLease(ctx, tx, first, time.Minute); err != nil {
			return err
		}
		return st.SetCursor(ctx, tx, "DI", "stale", first.Term)
	})
	if !errors.Is(err, store.ErrLeaseLost) {
		t.Fatalf("stale page commit: %v", err)
	}
	err = st.InTx(ctx, func(tx pgx.Tx) error {
		if err := st.CheckLease(ctx, tx, next, time.Minute); err != nil {
			return err
		}
		return st.SetCursor(ctx, tx, "DI", "fresh", next.Term)
	})
	if err != nil {
		t.Fatal(err)
	}
	// A committed page extends the lease: a long backfill keeps its stream.
	var left time.Duration
	if err := st.InTx(ctx, func(tx pgx.Tx) error {
		if err := st.CheckLease(ctx, tx, next, time.Hour); err != nil {
			return err
		}
		return tx.QueryRow(ctx, `SELECT expires_at - now() FROM leases WHERE stream = 'DI'`).Scan(&left)
	}); err != nil {
		t.Fatal(err)
	}
	if left < 59*time.Minute {
		t.Fatalf("the page did not extend the lease: %s left", left)
	}
	if pos, _ := st.Cursor(ctx, st.Pool(), "DI"); pos != "fresh" {
		t.Fatalf("cursor = %q", pos)
	}
}

func TestLeaseExpiresByDatabaseClock(t *testing.T) {
	t.Parallel()
	st := storetest.New(t)
	ctx := context.Background()
	l, ok, err := st.AcquireLease(ctx, "DEN", "a", 200*time.Millisecond)
	if err != nil || !ok {
		t.Fatal(ok, err)
	}
	if _, ok, _ := st.AcquireLease(ctx, "DEN", "b", time.Minute); ok {
		t.Fatal("b took a live lease")
	}
	time.Sleep(300 * time.Millisecond)
	nl, ok, err := st.AcquireLease(ctx, "DEN", "b", time.Minute)
	if err != nil || !ok || nl.Term != l.Term+1 {
		t.Fatalf("takeover after expiry = %+v %v %v", nl, ok, err)
	}
}

func enqueue(t *testing.T, st *store.Store, kind, key string, payload any) bool {
	t.Helper()
	var added bool
	err := st.InTx(context.Background(), func(tx pgx.Tx) error {
		var err error
		added, err = st.Enqueue(context.Background(), tx, kind, key, "T1", payload)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return added
}

func TestOutboxClaimIsExclusiveAndRevisioned(t *testing.T) {
	t.Parallel()
	st := storetest.New(t)
	ctx := context.Background()
	if !enqueue(t, st, store.OutboxPutTask, "put:T1", map[string]string{"trangThai": "a"}) {
		t.Fatal("first enqueue not added")
	}
	if enqueue(t, st, store.OutboxPutTask, "put:T1", map[string]string{"trangThai": "a"}) {
		t.Fatal("identical payload re-enqueued")
	}
	if !enqueue(t, st, store.OutboxComment, "comment:reg:1:1", map[string]string{"noiDung": "x"}) {
		t.Fatal("comment not added")
	}
	if enqueue(t, st, store.OutboxComment, "comment:reg:1:1", map[string]string{"noiDung": "y"}) {
		t.Fatal("a comment row was replaced: comments must be written once")
	}

	a, err := st.ClaimOutbox(ctx, "a", 10, time.Minute)
	if err != nil || len(a) != 2 {
		t.Fatalf("claim a = %d rows, %v", len(a), err)
	}
	b, err := st.ClaimOutbox(ctx, "b", 10, time.Minute)
	if err != nil || len(b) != 0 {
		t.Fatalf("claim b got %d rows already leased to a", len(b))
	}

	// The task changes while a's delivery of revision 1 is in flight.
	if !enqueue(t, st, store.OutboxPutTask, "put:T1", map[string]string{"trangThai": "b"}) {
		t.Fatal("changed payload not enqueued")
	}
	for _, it := range a {
		if err := st.OutboxDone(ctx, it, "a"); err != nil {
			t.Fatal(err)
		}
	}
	again, err := st.ClaimOutbox(ctx, "b", 10, time.Minute)
	if err != nil || len(again) != 1 || string(again[0].Payload) != `{"trangThai": "b"}` || again[0].Revision != 2 {
		t.Fatalf("after the change: %+v %v; want the new revision pending", again, err)
	}
	// A lost response leaves the row 'unknown' for the look-before-write path.
	if err := st.OutboxRetry(ctx, again[0], "b", errors.New("phản hồi bị mất"), true, false, time.Now().Add(-time.Second)); err != nil {
		t.Fatal(err)
	}
	u, err := st.ClaimOutbox(ctx, "c", 10, time.Minute)
	if err != nil || len(u) != 1 || !u[0].Unknown || u[0].Attempts != 2 {
		t.Fatalf("unknown row = %+v %v", u, err)
	}
	if err := st.OutboxRetry(ctx, u[0], "c", errors.New("gave up"), false, true, time.Now()); err != nil {
		t.Fatal(err)
	}
	stats, err := st.OutboxStats(ctx)
	if err != nil || stats.Dead != 1 || stats.Pending != 0 {
		t.Fatalf("stats = %+v %v", stats, err)
	}
}

// TestLeaseTakenOverByANewIncarnation: a daemon restarted under the same instance
// name resumes at once, under a new term that fences its earlier incarnation off;
// another instance still waits for the expiry.
func TestLeaseTakenOverByANewIncarnation(t *testing.T) {
	t.Parallel()
	st := storetest.New(t)
	ctx := context.Background()
	old, ok, err := st.AcquireLease(ctx, "DEN", "dt-1/100", time.Minute)
	if err != nil || !ok {
		t.Fatalf("first acquire: %v %v", ok, err)
	}
	if _, ok, err := st.AcquireLease(ctx, "DEN", "dt-2/200", time.Minute); err != nil || ok {
		t.Fatalf("another instance took a live lease: %v %v", ok, err)
	}
	if _, ok, err := st.AcquireLease(ctx, "DEN", "dt-1x/300", time.Minute); err != nil || ok {
		t.Fatalf("a longer instance name sharing a prefix took the lease: %v %v", ok, err)
	}
	next, ok, err := st.AcquireLease(ctx, "DEN", "dt-1/101", time.Minute)
	if err != nil || !ok || next.Term != old.Term+1 {
		t.Fatalf("new incarnation: %+v %v %v", next, ok, err)
	}
	err = st.InTx(ctx, func(tx pgx.Tx) error { return st.CheckLease(ctx, tx, old, time.Minute) })
	if !errors.Is(err, store.ErrLeaseLost) {
		t.Fatalf("the earlier incarnation still writes: %v", err)
	}
}
