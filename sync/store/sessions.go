package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// DashboardSession is one dashboard sign-in (migration 0019). The id itself never reaches
// the store: callers pass its SHA-256.
type DashboardSession struct {
	User       string
	Role       string
	Credential []byte
	CreatedAt  time.Time
	LastSeen   time.Time
	ExpiresAt  time.Time
}

// CreateDashboardSession records a sign-in.
func (s *Store) CreateDashboardSession(ctx context.Context, idHash []byte, sess DashboardSession) error {
	_, err := s.pool.Exec(ctx, `INSERT INTO dashboard_sessions (id_hash, user_name, role, credential, created_at, last_seen, expires_at)
		VALUES ($1, $2, $3, $4, $5, $5, $6)`, idHash, sess.User, sess.Role, sess.Credential, sess.CreatedAt, sess.ExpiresAt)
	if err != nil {
		return fmt.Errorf("recording a dashboard session: %w", err)
	}
	return nil
}

// TouchDashboardSession returns the session if it is neither expired at now nor idle for
// longer than idle, and marks it seen at now. ok is false for an unknown, expired
// or idle session; an idle or expired one is deleted.
func (s *Store) TouchDashboardSession(ctx context.Context, idHash []byte, now time.Time, idle time.Duration) (DashboardSession, bool, error) {
	var sess DashboardSession
	err := s.pool.QueryRow(ctx, `UPDATE dashboard_sessions SET last_seen = greatest(last_seen, $2)
		WHERE id_hash = $1 AND expires_at > $2 AND last_seen > $2 - make_interval(secs => $3::float8)
		RETURNING user_name, role, credential, created_at, last_seen, expires_at`, idHash, now, idle.Seconds()).
		Scan(&sess.User, &sess.Role, &sess.Credential, &sess.CreatedAt, &sess.LastSeen, &sess.ExpiresAt)
	if errors.Is(err, pgx.ErrNoRows) {
		if _, err := s.pool.Exec(ctx, `DELETE FROM dashboard_sessions WHERE id_hash = $1`, idHash); err != nil {
			return sess, false, fmt.Errorf("ending a dashboard session: %w", err)
		}
		return sess, false, nil
	}
	if err != nil {
		return sess, false, fmt.Errorf("reading a dashboard session: %w", err)
	}
	return sess, true, nil
}

// DeleteDashboardSession ends one session (sign-out).
func (s *Store) DeleteDashboardSession(ctx context.Context, idHash []byte) error {
	if _, err := s.pool.Exec(ctx, `DELETE FROM dashboard_sessions WHERE id_hash = $1`, idHash); err != nil {
		return fmt.Errorf("ending a dashboard session: %w", err)
	}
	return nil
}

// PurgeDashboardSessions deletes sessions expired at now or idle longer than idle, and
// returns how many.
func (s *Store) PurgeDashboardSessions(ctx context.Context, now time.Time, idle time.Duration) (int64, error) {
	tag, err := s.pool.Exec(ctx, `DELETE FROM dashboard_sessions WHERE expires_at <= $1 OR last_seen <= $1 - make_interval(secs => $2::float8)`, now, idle.Seconds())
	if err != nil {
		return 0, fmt.Errorf("purging dashboard sessions: %w", err)
	}
	return tag.RowsAffected(), nil
}
