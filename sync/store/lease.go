package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// Lease is a holder's claim on a stream, with the fencing term it was granted under.
// Terms only grow: every change of holder (or re-acquisition after expiry) takes a new
// term, and writes fenced by an older term are refused.
type Lease struct {
	Stream    string
	Holder    string
	Term      int64
	ExpiresAt time.Time
}

// ErrLeaseLost means the lease expired or another holder took it.
var ErrLeaseLost = errors.New("lease lost: another instance holds this stream")

// AcquireLease takes or renews the lease on stream for holder. It succeeds when the
// stream is free: released or expired, or its holder is no longer live (its Session's
// connection is gone: the process exited, crashed or was killed), or already held by
// holder (then the term is kept and the expiry extended). Any change of holder takes a
// new term, which fences the old holder off should it still be running. It returns
// ok=false, with the current lease, when another live holder has it. The database's
// clock decides expiry, so instance clocks don't matter.
func (s *Store) AcquireLease(ctx context.Context, stream, holder string, ttl time.Duration) (Lease, bool, error) {
	var l Lease
	err := s.pool.QueryRow(ctx, `
		INSERT INTO leases AS l (stream, holder, term, expires_at)
		VALUES ($1, $2, 1, now() + $3::interval)
		ON CONFLICT (stream) DO UPDATE SET
			term = CASE WHEN l.holder = EXCLUDED.holder AND l.expires_at > now() THEN l.term ELSE l.term + 1 END,
			holder = EXCLUDED.holder,
			expires_at = EXCLUDED.expires_at
		WHERE l.holder = EXCLUDED.holder OR l.expires_at <= now() OR NOT `+liveSQL("l.holder")+`
		RETURNING stream, holder, term, expires_at`, stream, holder, ttl.String()).Scan(&l.Stream, &l.Holder, &l.Term, &l.ExpiresAt)
	if errors.Is(err, pgx.ErrNoRows) {
		err = s.pool.QueryRow(ctx, `SELECT stream, holder, term, expires_at FROM leases WHERE stream = $1`, stream).
			Scan(&l.Stream, &l.Holder, &l.Term, &l.ExpiresAt)
		if err != nil {
			return l, false, fmt.Errorf("reading lease %s: %w", stream, err)
		}
		return l, false, nil
	}
	if err != nil {
		return l, false, fmt.Errorf("acquiring lease %s: %w", stream, err)
	}
	return l, true, nil
}

// RenewLease extends a live lease of the same holder and term; ErrLeaseLost otherwise.
func (s *Store) RenewLease(ctx context.Context, l Lease, ttl time.Duration) (Lease, error) {
	err := s.pool.QueryRow(ctx, `UPDATE leases SET expires_at = now() + $4::interval
		WHERE stream = $1 AND holder = $2 AND term = $3 AND expires_at > now() RETURNING expires_at`,
		l.Stream, l.Holder, l.Term, ttl.String()).Scan(&l.ExpiresAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return l, ErrLeaseLost
	}
	if err != nil {
		return l, fmt.Errorf("renewing lease %s: %w", l.Stream, err)
	}
	return l, nil
}

// ReleaseLease lets the lease expire now, so another instance can take over at once.
func (s *Store) ReleaseLease(ctx context.Context, l Lease) error {
	_, err := s.pool.Exec(ctx, `UPDATE leases SET expires_at = now() WHERE stream = $1 AND holder = $2 AND term = $3`,
		l.Stream, l.Holder, l.Term)
	if err != nil {
		return fmt.Errorf("releasing lease %s: %w", l.Stream, err)
	}
	return nil
}

// CheckLease verifies, inside a page's transaction, that l is still the live lease
// of its stream, and extends it by ttl from now: the fencing of architecture
// invariant 6, and the heartbeat of a long backfill, in one statement. The row
// lock it takes orders it against another instance's AcquireLease, and the
// extension commits only with the page. A lease that expired or passed to another
// holder gives ErrLeaseLost and the page is not committed.
func (s *Store) CheckLease(ctx context.Context, tx pgx.Tx, l Lease, ttl time.Duration) error {
	tag, err := tx.Exec(ctx, `UPDATE leases SET expires_at = now() + $4::interval
		WHERE stream = $1 AND holder = $2 AND term = $3 AND expires_at > now()`, l.Stream, l.Holder, l.Term, ttl)
	if err != nil {
		return fmt.Errorf("checking lease %s: %w", l.Stream, err)
	}
	if tag.RowsAffected() == 0 {
		return ErrLeaseLost
	}
	return nil
}
