package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Store is the tracking store: a pgx pool plus the typed queries.
type Store struct {
	pool *pgxpool.Pool
}

// Options configure Open.
type Options struct {
	// MaxConns is the pool size. Default 8.
	MaxConns int32
	// Migrate applies pending migrations on open. Default false: callers choose.
	Migrate bool
	// ConnectWait is how long Open keeps retrying, with backoff, a database that does
	// not answer (refused, timed out, unreachable, or still starting up). A server
	// that answers with another error (a wrong password, no such database) is not
	// retried. Default 0: one attempt.
	ConnectWait time.Duration
	// OnRetry, if set, is called at each failed attempt that will be retried, with
	// the error and the wait before the next one.
	OnRetry func(err error, wait time.Duration)
}

// Open connects to dsn, checks the connection, and optionally migrates. Errors never
// repeat the DSN, which may carry a password.
func Open(ctx context.Context, dsn string, opts Options) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, errors.New("store.dsn: not a valid PostgreSQL connection string")
	}
	if opts.MaxConns > 0 {
		cfg.MaxConns = opts.MaxConns
	}
	cfg.ConnConfig.RuntimeParams["application_name"] = "cddh-sync"
	cfg.ConnConfig.RuntimeParams["timezone"] = "Asia/Ho_Chi_Minh"
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("database: %w", err)
	}
	if err := pingRetrying(ctx, pool, opts); err != nil {
		pool.Close()
		return nil, fmt.Errorf("database %s:%d/%s: %w", cfg.ConnConfig.Host, cfg.ConnConfig.Port, cfg.ConnConfig.Database, pingError(err))
	}
	s := &Store{pool: pool}
	if opts.Migrate {
		if _, err := Migrate(ctx, pool); err != nil {
			pool.Close()
			return nil, err
		}
	}
	return s, nil
}

// pingRetrying pings until the database answers, an error says retrying is useless,
// ctx ends or opts.ConnectWait has passed; the waits double from 250 ms up to 2 s.
func pingRetrying(ctx context.Context, pool *pgxpool.Pool, opts Options) error {
	if opts.ConnectWait <= 0 {
		return pool.Ping(ctx)
	}
	deadline := time.Now().Add(opts.ConnectWait)
	wait := 250 * time.Millisecond
	for {
		// An attempt may not hang past the budget (a black-holed host), yet gets a
		// fair chance when the budget is nearly spent.
		actx, cancel := context.WithDeadline(ctx, maxTime(deadline, time.Now().Add(2*time.Second)))
		err := pool.Ping(actx)
		cancel()
		if err == nil || ctx.Err() != nil || !retryable(err) {
			return err
		}
		left := time.Until(deadline)
		if left <= 0 {
			return err
		}
		wait = min(wait, left)
		if opts.OnRetry != nil {
			opts.OnRetry(pingError(err), wait)
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return err
		case <-t.C:
		}
		wait = min(2*wait, 2*time.Second)
	}
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// retryable: the database did not answer, or answered that it cannot take the
// connection yet (57P03 starting up or shutting down, 53300 too many connections).
// Any other answer from the server (authentication, missing database) is final.
func retryable(err error) bool {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.Code == "57P03" || pgErr.Code == "53300"
	}
	return true
}

// pingError keeps the useful part of a connection error (pgx's wraps the whole DSN).
func pingError(err error) error {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return fmt.Errorf("%s (SQLSTATE %s)", pgErr.Message, pgErr.Code)
	}
	var ce *pgconn.ConnectError
	if errors.As(err, &ce) {
		return errors.Unwrap(ce)
	}
	return err
}

// Pool exposes the pool to sibling packages of sync/ that run transactions through
// this package's typed helpers.
func (s *Store) Pool() *pgxpool.Pool { return s.pool }

// Close closes the pool.
func (s *Store) Close() { s.pool.Close() }

// Ready reports whether the database answers and the schema is fully migrated.
func (s *Store) Ready(ctx context.Context) error {
	if err := s.pool.Ping(ctx); err != nil {
		return fmt.Errorf("database: %w", pingError(err))
	}
	missing, err := MissingMigrations(ctx, s.pool)
	if err != nil {
		return err
	}
	all, err := Migrations()
	if err != nil {
		return err
	}
	switch {
	case len(missing) > 0 && len(missing) == len(all):
		return fmt.Errorf("schema not created yet: run cddh-sync migrate (run and sync --once also migrate when they start)")
	case len(missing) > 0:
		return fmt.Errorf("schema lacks migration %d of %d (run cddh-sync migrate)", missing[0], SchemaVersion())
	}
	return nil
}

// RecordSkippedSecret notes that a secret document was skipped: its portal id and the
// time, nothing else (002 Đ5.1, 003 Đ5.2). Recording it twice keeps the first time.
func (s *Store) RecordSkippedSecret(ctx context.Context, q Querier, portalID string, at time.Time) (bool, error) {
	tag, err := q.Exec(ctx, `INSERT INTO skipped_secret (portal_id, skipped_at) VALUES ($1, $2)
		ON CONFLICT (portal_id) DO NOTHING`, portalID, at)
	if err != nil {
		return false, fmt.Errorf("recording skipped secret document: %w", err)
	}
	return tag.RowsAffected() == 1, nil
}

// CountSkippedSecret counts secret documents skipped so far.
func (s *Store) CountSkippedSecret(ctx context.Context) (int, error) {
	var n int
	err := s.pool.QueryRow(ctx, `SELECT count(*) FROM skipped_secret`).Scan(&n)
	return n, err
}

// Querier is what both a pool and a transaction offer.
type Querier interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// InTx runs fn in one transaction, committed when fn returns nil.
func (s *Store) InTx(ctx context.Context, fn func(tx pgx.Tx) error) error {
	return pgx.BeginFunc(ctx, s.pool, fn)
}

// ErrFenced means a cursor write came from a lease term older than the stored one: a
// stale instance lost its lease and must not move the cursor.
var ErrFenced = errors.New("cursor write fenced off: a newer lease term holds this stream")

// Cursor returns a stream's position ("" when the stream has never synced).
func (s *Store) Cursor(ctx context.Context, q Querier, stream string) (string, error) {
	var pos string
	err := q.QueryRow(ctx, `SELECT position FROM cursors WHERE stream = $1`, stream).Scan(&pos)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("reading cursor %s: %w", stream, err)
	}
	return pos, nil
}

// SetCursor moves a stream's cursor, fenced by the writer's lease term: a term older
// than the one that last wrote is refused with ErrFenced.
func (s *Store) SetCursor(ctx context.Context, q Querier, stream, position string, term int64) error {
	tag, err := q.Exec(ctx, `INSERT INTO cursors (stream, position, term, updated_at) VALUES ($1, $2, $3, now())
		ON CONFLICT (stream) DO UPDATE SET position = EXCLUDED.position, term = EXCLUDED.term, updated_at = now()
		WHERE cursors.term <= EXCLUDED.term`, stream, position, term)
	if err != nil {
		return fmt.Errorf("moving cursor %s: %w", stream, err)
	}
	if tag.RowsAffected() == 0 {
		return ErrFenced
	}
	return nil
}

// RunCounts are the figures of one sync cycle on one stream.
type RunCounts struct {
	Fetched, NewDocs, ChangedDocs, SkippedSecret, Refused int
	TasksCreated, TasksClosed, Pushed, PushFailed, Errors int
	LastError                                             string
	// Pages is how many pages this run committed (not stored: it tells a
	// stream that did part of its work from one that could do nothing).
	Pages int
}

// StartRun opens a sync_runs row and returns its id.
func (s *Store) StartRun(ctx context.Context, stream, holder string, at time.Time) (int64, error) {
	var id int64
	err := s.pool.QueryRow(ctx, `INSERT INTO sync_runs (stream, holder, started_at) VALUES ($1, $2, $3) RETURNING id`,
		stream, holder, at).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("recording sync run: %w", err)
	}
	return id, nil
}

// FinishRun closes a sync_runs row with its counts and outcome (ok, partial, failed).
func (s *Store) FinishRun(ctx context.Context, id int64, outcome string, at time.Time, c RunCounts) error {
	_, err := s.pool.Exec(ctx, `UPDATE sync_runs SET finished_at = $2, outcome = $3, fetched = $4, new_docs = $5,
		changed_docs = $6, skipped_secret = $7, refused = $8, tasks_created = $9, tasks_closed = $10, pushed = $11,
		push_failed = $12, errors = $13, last_error = $14 WHERE id = $1`,
		id, at, outcome, c.Fetched, c.NewDocs, c.ChangedDocs, c.SkippedSecret, c.Refused, c.TasksCreated,
		c.TasksClosed, c.Pushed, c.PushFailed, c.Errors, c.LastError)
	if err != nil {
		return fmt.Errorf("recording sync run: %w", err)
	}
	return nil
}

// StreamComplete reports whether stream's latest finished run read every
// document it listed (outcome ok): no item failed and the pass was not cut
// short. A partial pass leaves some documents to the next cycle.
func (s *Store) StreamComplete(ctx context.Context, stream string) (bool, error) {
	finished, outcome, err := s.latestRun(ctx, stream, true)
	return finished && outcome == "ok", err
}

// StreamSettled reports whether stream's latest run finished without failing: its
// documents are all stored as of that run. Reports are read only then, so a
// report is never matched while its directive is still being stored.
func (s *Store) StreamSettled(ctx context.Context, stream string) (bool, error) {
	finished, outcome, err := s.latestRun(ctx, stream, false)
	return finished && outcome != "failed", err
}

// latestRun is the latest run of stream (of those finished, when finishedOnly):
// whether it finished, and its outcome; none is an unfinished one.
func (s *Store) latestRun(ctx context.Context, stream string, finishedOnly bool) (finished bool, outcome string, err error) {
	err = s.pool.QueryRow(ctx, `SELECT finished_at IS NOT NULL, outcome FROM sync_runs
		WHERE stream = $1 AND (finished_at IS NOT NULL OR NOT $2) ORDER BY id DESC LIMIT 1`, stream, finishedOnly).Scan(&finished, &outcome)
	if errors.Is(err, pgx.ErrNoRows) {
		return false, "", nil
	}
	if err != nil {
		return false, "", fmt.Errorf("stream %s: %w", stream, err)
	}
	return finished, outcome, nil
}
