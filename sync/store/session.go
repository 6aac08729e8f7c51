package store

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
)

// holderLockSpace is the first key of a holder's liveness lock ('cddh'); the second
// is hashtext(holder).
const holderLockSpace = 1667523688

// holderLive is SQL true while the holder named by the expression %s holds its
// liveness lock: the two-int advisory lock form shows in pg_locks as classid, objid
// with objsubid 2, per database. A hash collision can only make a dead holder look
// live, and then its lease still ends with its TTL.
const holderLive = `EXISTS (SELECT 1 FROM pg_locks
	WHERE locktype = 'advisory' AND granted AND objsubid = 2
	  AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
	  AND classid = 1667523688::oid AND objid = hashtext(%s)::oid)`

func liveSQL(expr string) string { return fmt.Sprintf(holderLive, expr) }

// Session is one process's presence in the database: a dedicated connection, outside
// the pool, that holds a session-level advisory lock keyed by the holder's name. While
// it is held the holder is live (cddh_holder_live), and its stream leases and outbox
// claims stand; when the process dies (SIGKILL, crash, lost connection) PostgreSQL
// drops the lock with the connection and another instance takes them over at once.
// The fencing term of each lease still guards against a holder that is paused but
// connected: it cannot commit after a takeover.
type Session struct {
	st     *Store
	holder string

	mu   sync.Mutex
	conn *pgx.Conn
}

// OpenSession connects the holder's dedicated connection and takes its liveness lock.
func (s *Store) OpenSession(ctx context.Context, holder string) (*Session, error) {
	se := &Session{st: s, holder: holder}
	if err := se.Ensure(ctx); err != nil {
		return nil, err
	}
	return se, nil
}

// Holder is the name the session keeps live.
func (se *Session) Holder() string { return se.holder }

// Ensure checks the dedicated connection and, when it was lost (a database restart,
// a network cut), connects again and takes the liveness lock again. Streams taken
// over meanwhile stay with their new holders: their terms moved on.
func (se *Session) Ensure(ctx context.Context) error {
	se.mu.Lock()
	defer se.mu.Unlock()
	if se.conn != nil && !se.conn.IsClosed() {
		pctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		err := se.conn.Ping(pctx)
		cancel()
		if err == nil {
			return nil
		}
		_ = se.conn.Close(context.WithoutCancel(ctx))
		se.conn = nil
	}
	cfg := se.st.pool.Config().ConnConfig.Copy()
	name := "cddh-sync " + se.holder
	if len(name) > 63 {
		name = name[:63]
	}
	cfg.RuntimeParams["application_name"] = name
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return fmt.Errorf("database: session of %s: %w", se.holder, pingError(err))
	}
	// A false answer means another connection holds this name's lock: the same
	// holder name in use twice (a test, or a copied configuration). The name is
	// live either way, so the session goes on.
	var got bool
	if err := conn.QueryRow(ctx, `SELECT pg_try_advisory_lock($1, hashtext($2))`, holderLockSpace, se.holder).Scan(&got); err != nil {
		_ = conn.Close(context.WithoutCancel(ctx))
		return fmt.Errorf("database: liveness lock of %s: %w", se.holder, err)
	}
	se.conn = conn
	return nil
}

// Close gives everything of the holder back at once, for a clean exit: its stream
// leases expire now (their terms stay, so fencing holds) and its outbox claims are
// released (a claim whose request may have gone out keeps its attempt count, so a
// comment is looked for on the portal before it is posted again). Then the
// liveness lock goes with the connection.
func (se *Session) Close(ctx context.Context) error {
	se.mu.Lock()
	defer se.mu.Unlock()
	var first error
	if _, err := se.st.pool.Exec(ctx, `UPDATE leases SET expires_at = now() WHERE holder = $1 AND expires_at > now()`, se.holder); err != nil {
		first = fmt.Errorf("releasing the leases of %s: %w", se.holder, err)
	}
	if _, err := se.st.pool.Exec(ctx, `UPDATE outbox SET lease_until = NULL WHERE lease_holder = $1 AND lease_until IS NOT NULL`, se.holder); err != nil && first == nil {
		first = fmt.Errorf("releasing the outbox claims of %s: %w", se.holder, err)
	}
	if se.conn != nil {
		_ = se.conn.Close(ctx)
		se.conn = nil
	}
	return first
}

// Kill drops the dedicated connection without releasing anything, as a crash
// would: for tests of takeover.
func (se *Session) Kill(ctx context.Context) {
	se.mu.Lock()
	defer se.mu.Unlock()
	if se.conn != nil {
		_ = se.conn.Close(ctx)
		se.conn = nil
	}
}

// HolderLive reports whether holder's session holds its liveness lock now.
func (s *Store) HolderLive(ctx context.Context, holder string) (bool, error) {
	var live bool
	if err := s.pool.QueryRow(ctx, `SELECT `+liveSQL("$1::text"), holder).Scan(&live); err != nil {
		return false, fmt.Errorf("holder %s: %w", holder, err)
	}
	return live, nil
}
