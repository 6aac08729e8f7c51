package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
)

// Outbox kinds: what a row asks the portal to do.
const (
	OutboxPutTask       = "put_task"
	OutboxComment       = "comment"
	OutboxReceiveStatus = "receive_status"
)

// OutboxItem is one claimed push-back.
type OutboxItem struct {
	ID        int64
	Kind      string
	DedupeKey string
	Target    string
	Payload   json.RawMessage
	// Unknown is true when an earlier attempt's outcome was lost: the deliverer must
	// look at the portal before it writes again (comments are not idempotent).
	Unknown  bool
	Attempts int
	Revision int
}

// Enqueue adds a push-back inside the caller's transaction (the one that made the
// change). Rows are unique by dedupe key: for put_task (idempotent on the portal) a
// newer payload replaces a pending one and bumps its revision; for comments the first
// row wins, so a re-derived note is never posted twice.
func (s *Store) Enqueue(ctx context.Context, tx pgx.Tx, kind, dedupeKey, target string, payload any) (bool, error) {
	raw, err := json.Marshal(payload)
	if err != nil {
		return false, fmt.Errorf("outbox %s: %w", dedupeKey, err)
	}
	sql := `INSERT INTO outbox (kind, dedupe_key, target, payload) VALUES ($1, $2, $3, $4)
		ON CONFLICT (dedupe_key) DO NOTHING`
	if kind == OutboxPutTask {
		sql = `INSERT INTO outbox AS o (kind, dedupe_key, target, payload) VALUES ($1, $2, $3, $4)
		ON CONFLICT (dedupe_key) DO UPDATE SET payload = EXCLUDED.payload, state = 'pending',
			revision = o.revision + 1, attempts = 0, next_attempt_at = now(), last_error = ''
		WHERE o.payload <> EXCLUDED.payload`
	}
	tag, err := tx.Exec(ctx, sql, kind, dedupeKey, target, raw)
	if err != nil {
		return false, fmt.Errorf("outbox %s: %w", dedupeKey, err)
	}
	return tag.RowsAffected() == 1, nil
}

// ClaimOutbox leases up to n due rows to holder for lease, skipping rows other
// instances hold (FOR UPDATE SKIP LOCKED), and counts the attempt. A row claimed by
// a holder that is no longer live (its Session is gone) is free at once; its
// attempt count already says an earlier attempt may have landed.
func (s *Store) ClaimOutbox(ctx context.Context, holder string, n int, lease time.Duration) ([]OutboxItem, error) {
	rows, err := s.pool.Query(ctx, `
		UPDATE outbox SET lease_holder = $1, lease_until = now() + $3::interval, attempts = attempts + 1
		WHERE id IN (
			SELECT id FROM outbox
			WHERE state IN ('pending', 'unknown') AND next_attempt_at <= now()
			  AND (lease_until IS NULL OR lease_until < now() OR NOT `+liveSQL("lease_holder")+`)
			ORDER BY next_attempt_at, id
			LIMIT $2
			FOR UPDATE SKIP LOCKED)
		RETURNING id, kind, dedupe_key, target, payload, state = 'unknown', attempts, revision`,
		holder, n, lease.String())
	if err != nil {
		return nil, fmt.Errorf("claiming outbox rows: %w", err)
	}
	items, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (OutboxItem, error) {
		var it OutboxItem
		err := r.Scan(&it.ID, &it.Kind, &it.DedupeKey, &it.Target, &it.Payload, &it.Unknown, &it.Attempts, &it.Revision)
		return it, err
	})
	if err != nil {
		return nil, fmt.Errorf("claiming outbox rows: %w", err)
	}
	return items, nil
}

// OutboxDone marks a delivered row done, unless a newer revision replaced it meanwhile
// (then that revision stays pending and is delivered next).
func (s *Store) OutboxDone(ctx context.Context, it OutboxItem, holder string) error {
	_, err := s.pool.Exec(ctx, `UPDATE outbox SET state = 'done', delivered_at = now(), lease_until = NULL, last_error = ''
		WHERE id = $1 AND lease_holder = $2 AND revision = $3`, it.ID, holder, it.Revision)
	if err != nil {
		return fmt.Errorf("outbox %d done: %w", it.ID, err)
	}
	_, err = s.pool.Exec(ctx, `UPDATE outbox SET lease_until = NULL WHERE id = $1 AND lease_holder = $2 AND revision <> $3`,
		it.ID, holder, it.Revision)
	if err != nil {
		return fmt.Errorf("outbox %d done: %w", it.ID, err)
	}
	return nil
}

// OutboxRetry records a failed attempt: the row is due again at next, in state
// 'unknown' when the write may have been applied, and 'dead' when dead is set.
func (s *Store) OutboxRetry(ctx context.Context, it OutboxItem, holder string, cause error, unknown, dead bool, next time.Time) error {
	state := "pending"
	switch {
	case dead:
		state = "dead"
	case unknown || it.Unknown:
		state = "unknown"
	}
	_, err := s.pool.Exec(ctx, `UPDATE outbox SET state = CASE WHEN revision = $4 THEN $3 ELSE state END,
		next_attempt_at = $5, lease_until = NULL, last_error = $6
		WHERE id = $1 AND lease_holder = $2`, it.ID, holder, state, it.Revision, next, truncate(cause.Error(), 500))
	if err != nil {
		return fmt.Errorf("outbox %d retry: %w", it.ID, err)
	}
	return nil
}

// OutboxRetryNow makes every retried row that waits for its backoff due now
// (one the portal failed earlier, while it was down or flaky), and returns how
// many: called when a delivery has just succeeded, so that after an outage the
// queue drains in the next round rather than over its backoffs (up to 30 min).
// Rows another live instance holds keep their lease.
func (s *Store) OutboxRetryNow(ctx context.Context) (int64, error) {
	tag, err := s.pool.Exec(ctx, `UPDATE outbox SET next_attempt_at = now()
		WHERE state IN ('pending', 'unknown') AND attempts > 0 AND next_attempt_at > now()
		  AND (lease_until IS NULL OR lease_until < now() OR NOT `+liveSQL("lease_holder")+`)`)
	if err != nil {
		return 0, fmt.Errorf("bringing outbox retries forward: %w", err)
	}
	return tag.RowsAffected(), nil
}

// OutboxStats is what /metrics and the dashboard show of the queue.
type OutboxStats struct {
	Pending          int
	Dead             int
	OldestPendingAge time.Duration
}

// OutboxStats counts pending and dead rows and the age of the oldest pending one.
func (s *Store) OutboxStats(ctx context.Context) (OutboxStats, error) {
	var st OutboxStats
	var age float64
	err := s.pool.QueryRow(ctx, `SELECT
		count(*) FILTER (WHERE state IN ('pending', 'unknown')),
		count(*) FILTER (WHERE state = 'dead'),
		coalesce(extract(epoch FROM now() - min(created_at) FILTER (WHERE state IN ('pending', 'unknown'))), 0)
		FROM outbox`).Scan(&st.Pending, &st.Dead, &age)
	if err != nil {
		return st, fmt.Errorf("outbox stats: %w", err)
	}
	st.OldestPendingAge = time.Duration(age * float64(time.Second))
	return st, nil
}

// truncate cuts s to at most n bytes on a rune boundary (PostgreSQL rejects invalid
// UTF-8, and portal errors are often Vietnamese).
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// ReleaseOutbox gives back claimed rows a deliverer did not get to, so they are due
// again at once instead of after their lease.
func (s *Store) ReleaseOutbox(ctx context.Context, holder string, items []OutboxItem) error {
	if len(items) == 0 {
		return nil
	}
	ids := make([]int64, len(items))
	for i, it := range items {
		ids[i] = it.ID
	}
	_, err := s.pool.Exec(ctx, `UPDATE outbox SET lease_until = NULL, attempts = greatest(attempts - 1, 0)
		WHERE id = ANY($1) AND lease_holder = $2`, ids, holder)
	if err != nil {
		return fmt.Errorf("releasing outbox rows: %w", err)
	}
	return nil
}

// NextOutboxDue is when the earliest pending row not claimed by a live holder is
// due; ok is false when there is none.
func (s *Store) NextOutboxDue(ctx context.Context) (time.Time, bool, error) {
	var at *time.Time
	err := s.pool.QueryRow(ctx, `SELECT min(next_attempt_at) FROM outbox
		WHERE state IN ('pending', 'unknown')
		  AND (lease_until IS NULL OR lease_until < now() OR NOT `+liveSQL("lease_holder")+`)`).Scan(&at)
	if err != nil {
		return time.Time{}, false, fmt.Errorf("outbox: next due row: %w", err)
	}
	if at == nil {
		return time.Time{}, false, nil
	}
	return *at, true, nil
}
