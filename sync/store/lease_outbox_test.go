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

	for i := 0; i < 3; i++ {
		session(t, st, fmt.Sprintf("host-%d", i))
	}
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

// TestLeaseExpiresByDatabaseClock: a live holder that stops committing (paused,
// still connected) loses its stream after its TTL, and its term is fenced off.
func TestLeaseExpiresByDatabaseClock(t *testing.T) {
	t.Parallel()
	st := storetest.New(t)
	ctx := context.Background()
	session(t, st, "a")
	session(t, st, "b")
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
	// a is still connected (paused past its TTL, then woken): fenced off.
	if live, _ := st.HolderLive(ctx, "a"); !live {
		t.Fatal("a should still be live: the test is about a paused, connected holder")
	}
	err = st.InTx(ctx, func(tx pgx.Tx) error { return st.CheckLease(ctx, tx, l, time.Minute) })
	if !errors.Is(err, store.ErrLeaseLost) {
		t.Fatalf("the paused holder committed after the takeover: %v", err)
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

	for _, h := range []string{"a", "b", "c"} {
		session(t, st, h)
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

// session opens holder's liveness session for the test's lifetime.
func session(t *testing.T, st *store.Store, holder string) *store.Session {
	t.Helper()
	se, err := st.OpenSession(context.Background(), holder)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { se.Kill(context.Background()) })
	return se
}

// waitDead waits until the server has ended holder's closed session (it notices a
// closed connection within moments) and fails after 5 s.
func waitDead(t *testing.T, st *store.Store, holder string) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		live, err := st.HolderLive(context.Background(), holder)
		if err != nil {
			t.Fatal(err)
		}
		if !live {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s still live 5 s after its connection closed", holder)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestLeaseDiesWithItsHolder: a live holder keeps its stream against everyone; the
// moment its session's connection is gone (a SIGKILL, a crash) another instance
// takes the stream over under a new term, which fences the old holder off should
// it still be running; a clean Close releases at once too.
func TestLeaseDiesWithItsHolder(t *testing.T) {
	t.Parallel()
	st := storetest.New(t)
	ctx := context.Background()
	a := session(t, st, "host-a:1-aa")
	session(t, st, "host-b:2-bb")
	old, ok, err := st.AcquireLease(ctx, "DEN", "host-a:1-aa", time.Minute)
	if err != nil || !ok {
		t.Fatalf("first acquire: %v %v", ok, err)
	}
	held, ok, err := st.AcquireLease(ctx, "DEN", "host-b:2-bb", time.Minute)
	if err != nil || ok || held.Holder != "host-a:1-aa" {
		t.Fatalf("another instance took a live lease: %+v %v %v", held, ok, err)
	}
	if live, err := st.HolderLive(ctx, "host-a:1-aa"); err != nil || !live {
		t.Fatalf("a is not live: %v %v", live, err)
	}
	a.Kill(ctx)
	waitDead(t, st, "host-a:1-aa")
	next, ok, err := st.AcquireLease(ctx, "DEN", "host-b:2-bb", time.Minute)
	if err != nil || !ok || next.Term != old.Term+1 {
		t.Fatalf("takeover from a dead holder: %+v %v %v", next, ok, err)
	}
	err = st.InTx(ctx, func(tx pgx.Tx) error { return st.CheckLease(ctx, tx, old, time.Minute) })
	if !errors.Is(err, store.ErrLeaseLost) {
		t.Fatalf("the dead holder still writes: %v", err)
	}
	// a comes back under its name (a reconnect): the stream stays with b.
	if err := a.Ensure(ctx); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := st.AcquireLease(ctx, "DEN", "host-a:1-aa", time.Minute); ok {
		t.Fatal("a took back a stream b holds")
	}

	// A clean exit releases at once: the leases, with their terms kept.
	c := session(t, st, "host-c:3-cc")
	lc, ok, err := st.AcquireLease(ctx, "DI", "host-c:3-cc", time.Hour)
	if err != nil || !ok {
		t.Fatal(ok, err)
	}
	if err := c.Close(ctx); err != nil {
		t.Fatal(err)
	}
	// Released, not merely dead: no wait for the server to notice the closed
	// connection.
	nd, ok, err := st.AcquireLease(ctx, "DI", "host-a:1-aa", time.Minute)
	if err != nil || !ok || nd.Term != lc.Term+1 {
		t.Fatalf("after a clean exit: %+v %v %v", nd, ok, err)
	}
}

// TestOutboxClaimDiesWithItsHolder: rows claimed by a process that died are claimed
// again at once, not after their claim's lease, and count the earlier attempt.
func TestOutboxClaimDiesWithItsHolder(t *testing.T) {
	t.Parallel()
	st := storetest.New(t)
	ctx := context.Background()
	a := session(t, st, "a")
	session(t, st, "b")
	enqueue(t, st, store.OutboxComment, "comment:x", map[string]string{"noiDung": "x"})
	enqueue(t, st, store.OutboxComment, "comment:y", map[string]string{"noiDung": "y"})
	got, err := st.ClaimOutbox(ctx, "a", 10, time.Hour)
	if err != nil || len(got) != 2 {
		t.Fatalf("claim a: %d %v", len(got), err)
	}
	if b, err := st.ClaimOutbox(ctx, "b", 10, time.Hour); err != nil || len(b) != 0 {
		t.Fatalf("b claimed %d rows a live holder has", len(b))
	}
	a.Kill(ctx)
	waitDead(t, st, "a")
	b, err := st.ClaimOutbox(ctx, "b", 10, time.Hour)
	if err != nil || len(b) != 2 || b[0].Attempts != 2 {
		t.Fatalf("after a died: %+v %v", b, err)
	}
	// b exits cleanly: its claims are free for c at once.
	c := session(t, st, "c")
	_ = c
	bs, err := st.OpenSession(ctx, "b2")
	if err != nil {
		t.Fatal(err)
	}
	enqueue(t, st, store.OutboxComment, "comment:z", map[string]string{"noiDung": "z"})
	if z, err := st.ClaimOutbox(ctx, "b2", 10, time.Hour); err != nil || len(z) != 1 {
		t.Fatalf("claim b2: %d %v", len(z), err)
	}
	if err := bs.Close(ctx); err != nil {
		t.Fatal(err)
	}
	if z, err := st.ClaimOutbox(ctx, "c", 10, time.Hour); err != nil || len(z) != 1 {
		t.Fatalf("after b2's clean exit c claimed %d rows, %v", len(z), err)
	}
}

// TestOutboxRetryNow: after a delivery succeeds, rows waiting for an earlier
// failure's backoff are due at once; done and dead rows, rows never tried and
// rows a live instance holds stay as they are.
func TestOutboxRetryNow(t *testing.T) {
	t.Parallel()
	st := storetest.New(t)
	ctx := context.Background()
	session(t, st, "a")
	session(t, st, "b")
	for _, k := range []string{"waiting", "dead", "held", "fresh"} {
		enqueue(t, st, "comment", k, map[string]string{"k": k})
	}
	items, err := st.ClaimOutbox(ctx, "a", 3, time.Minute)
	if err != nil || len(items) != 3 {
		t.Fatalf("claimed %d rows: %v", len(items), err)
	}
	later := time.Now().Add(25 * time.Minute)
	for _, it := range items {
		switch it.DedupeKey {
		case "waiting":
			err = st.OutboxRetry(ctx, it, "a", errors.New("503"), false, false, later)
		case "dead":
			err = st.OutboxRetry(ctx, it, "a", errors.New("rejected"), false, true, later)
		case "held":
			// "b" holds it now, alive
			if err = st.ReleaseOutbox(ctx, "a", []store.OutboxItem{it}); err == nil {
				_, err = st.ClaimOutbox(ctx, "b", 1, time.Hour)
			}
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	n, err := st.OutboxRetryNow(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n != 1 {
		t.Fatalf("brought forward %d rows, want 1 (the one waiting for its backoff)", n)
	}
	if next, ok, err := st.NextOutboxDue(ctx); err != nil || !ok || next.After(time.Now().Add(time.Second)) {
		t.Fatalf("next due %v %v %v, want now", next, ok, err)
	}
}
