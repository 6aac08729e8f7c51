package store

import (
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// migrationLock is the advisory lock key that serialises migrations across instances
// ("cddhmigr" as an int64), so two daemons starting together are safe.
const migrationLock int64 = 0x6364_6468_6d69_6772

// Migration is one numbered, embedded SQL file.
type Migration struct {
	Version  int
	Name     string
	SQL      string
	Checksum string
}

// Migrations returns the embedded migrations in order.
func Migrations() ([]Migration, error) {
	entries, err := fs.ReadDir(migrationFiles, "migrations")
	if err != nil {
		return nil, err
	}
	var out []Migration
	for _, e := range entries {
		name := e.Name()
		num, _, ok := strings.Cut(name, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration %s: name must start with a number and _", name)
		}
		raw, err := migrationFiles.ReadFile("migrations/" + name)
		if err != nil {
			return nil, err
		}
		sum := sha256.Sum256(raw)
		out = append(out, Migration{Version: v, Name: name, SQL: string(raw), Checksum: hex.EncodeToString(sum[:])})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Version < out[j].Version })
	// Numbers are handed out in blocks to work landing in parallel, so a number may
	// be missing for a while; Migrate applies every file the database lacks, in
	// order, whatever was applied before it. Two files with one number are a mistake.
	for i := range out {
		if out[i].Version < 1 || (i > 0 && out[i].Version == out[i-1].Version) {
			return nil, fmt.Errorf("migration %s: versions must be distinct numbers from 1", out[i].Name)
		}
	}
	return out, nil
}

// SchemaVersion is the newest embedded migration: what a fully migrated store has.
func SchemaVersion() int {
	ms, err := Migrations()
	if err != nil || len(ms) == 0 {
		return 0
	}
	return ms[len(ms)-1].Version
}

// Migrate applies every embedded migration that the database lacks and returns how many
// it applied. It holds a session advisory lock throughout, so concurrent callers wait and
// then find nothing to do. Each migration commits in one transaction together with its
// schema_migrations row, so a process killed mid-way leaves the schema at the previous
// version, and the next run completes it.
func Migrate(ctx context.Context, pool *pgxpool.Pool) (int, error) {
	return MigrateTo(ctx, pool, 0)
}

// MigrateTo is Migrate stopping at version target (0: all).
func MigrateTo(ctx context.Context, pool *pgxpool.Pool, target int) (int, error) {
	ms, err := Migrations()
	if err != nil {
		return 0, err
	}
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return 0, fmt.Errorf("migrate: %w", err)
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock($1)", migrationLock); err != nil {
		return 0, fmt.Errorf("migrate: taking the migration lock: %w", err)
	}
	defer func() {
		// A fresh context: the lock must be released even when ctx was cancelled. If
		// this fails the session ends with the connection and releases it anyway.
		_, _ = conn.Exec(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", migrationLock)
	}()
	if _, err := conn.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    int         PRIMARY KEY,
		name       text        NOT NULL,
		checksum   text        NOT NULL,
		applied_at timestamptz NOT NULL DEFAULT now())`); err != nil {
		return 0, fmt.Errorf("migrate: creating schema_migrations: %w", err)
	}
	applied := map[int]string{}
	rows, err := conn.Query(ctx, "SELECT version, checksum FROM schema_migrations")
	if err != nil {
		return 0, fmt.Errorf("migrate: reading schema_migrations: %w", err)
	}
	for rows.Next() {
		var v int
		var sum string
		if err := rows.Scan(&v, &sum); err != nil {
			return 0, fmt.Errorf("migrate: reading schema_migrations: %w", err)
		}
		applied[v] = sum
	}
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("migrate: reading schema_migrations: %w", err)
	}
	known := map[int]bool{}
	for _, m := range ms {
		known[m.Version] = true
		if sum, ok := applied[m.Version]; ok && sum != m.Checksum {
			return 0, fmt.Errorf("migrate: %s was changed after it was applied (checksum differs); migrations are append-only", m.Name)
		}
	}
	for v := range applied {
		if !known[v] {
			return 0, fmt.Errorf("migrate: the database has schema version %d, newer than this binary knows (newest %d); upgrade cddh-sync", v, ms[len(ms)-1].Version)
		}
	}
	n := 0
	for _, m := range ms {
		if target > 0 && m.Version > target {
			break
		}
		if _, ok := applied[m.Version]; ok {
			continue
		}
		err := pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
			if _, err := tx.Exec(ctx, m.SQL); err != nil {
				return err
			}
			_, err := tx.Exec(ctx, "INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)",
				m.Version, m.Name, m.Checksum)
			return err
		})
		if err != nil {
			return n, fmt.Errorf("migrate: applying %s: %w", m.Name, err)
		}
		n++
	}
	return n, nil
}

// AppliedVersion reports the newest applied migration (0 when none).
func AppliedVersion(ctx context.Context, q interface {
	QueryRow(context.Context, string, ...any) pgx.Row
}) (int, error) {
	var v int
	err := q.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&v)
	if neverMigrated(err) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("reading the schema version: %w", err)
	}
	return v, nil
}

// neverMigrated: the error says schema_migrations does not exist (SQLSTATE 42P01),
// i.e. a database no migration ran in yet, which has schema version 0.
func neverMigrated(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == "42P01"
}

// MissingMigrations lists the embedded migrations the database has not applied
// (numbers may have gaps, so the newest applied version alone does not tell).
func MissingMigrations(ctx context.Context, q interface {
	Query(context.Context, string, ...any) (pgx.Rows, error)
}) ([]int, error) {
	ms, err := Migrations()
	if err != nil {
		return nil, err
	}
	rows, err := q.Query(ctx, `SELECT version FROM schema_migrations`)
	if err != nil && !neverMigrated(err) {
		return nil, fmt.Errorf("reading the schema version: %w", err)
	}
	var applied []int
	if err == nil {
		if applied, err = pgx.CollectRows(rows, pgx.RowTo[int]); err != nil && !neverMigrated(err) {
			return nil, fmt.Errorf("reading the schema version: %w", err)
		}
	}
	have := map[int]bool{}
	for _, v := range applied {
		have[v] = true
	}
	var missing []int
	for _, m := range ms {
		if !have[m.Version] {
			missing = append(missing, m.Version)
		}
	}
	return missing, nil
}
