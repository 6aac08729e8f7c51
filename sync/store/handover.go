package store

import (
	"context"
	"fmt"
	"io"

	"github.com/jackc/pgx/v5"
)

// HandoverTables are the tables of the yearly handover export (004 Đ5, Đ9.3), in an
// order that respects foreign keys on import, each with the key that orders its rows
// so two exports of the same data are byte-identical.
var HandoverTables = []struct{ Name, OrderBy string }{
	{"schema_migrations", "version"},
	{"documents", "id"},
	{"document_links", "document_id, related_portal_id"},
	{"attachments", "id"},
	{"skipped_secret", "portal_id"},
	{"tasks", "id"},
	{"task_units", "task_id, role, position"},
	{"task_events", "id"},
	{"report_links", "report_document_id, task_id"},
	{"signature_verdicts", "id"},
	{"exchange_statuses", "id"},
	{"leases", "stream"},
	{"cursors", "stream"},
	{"sync_runs", "id"},
	{"outbox", "id"},
	{"reminders", "task_id, kind"},
	{"task_reviews", "id"},
	{"unit_aliases", "folded"},
}

// NotHandedOver are the tables the handover leaves out on purpose: dashboard
// sign-ins are credentials of the running installation, not the Office's data.
var NotHandedOver = []string{"dashboard_sessions"}

// ExportCSV writes table as CSV with a header (PostgreSQL's own COPY, so every type
// round-trips exactly) in a repeatable-read snapshot shared by the whole export.
func ExportCSV(ctx context.Context, tx pgx.Tx, table, orderBy string, w io.Writer) (int64, error) {
	sql := fmt.Sprintf("COPY (SELECT * FROM %s ORDER BY %s) TO STDOUT WITH (FORMAT csv, HEADER true)",
		pgx.Identifier{table}.Sanitize(), orderBy)
	tag, err := tx.Conn().PgConn().CopyTo(ctx, w, sql)
	if err != nil {
		return 0, fmt.Errorf("exporting %s: %w", table, err)
	}
	return tag.RowsAffected(), nil
}

// ExportJSONL writes table as JSON Lines, one object per row, with PostgreSQL's own
// JSON rendering of each type.
func ExportJSONL(ctx context.Context, tx pgx.Tx, table, orderBy string, w io.Writer) (int64, error) {
	sql := fmt.Sprintf("COPY (SELECT row_to_json(t) FROM (SELECT * FROM %s ORDER BY %s) t) TO STDOUT",
		pgx.Identifier{table}.Sanitize(), orderBy)
	// COPY text format escapes backslashes; JSON text never holds a raw tab or
	// newline, so undoing the backslash doubling restores the JSON exactly.
	uw := &unescapeWriter{w: w}
	tag, err := tx.Conn().PgConn().CopyTo(ctx, uw, sql)
	if err != nil {
		return 0, fmt.Errorf("exporting %s: %w", table, err)
	}
	if err := uw.flush(); err != nil {
		return 0, err
	}
	return tag.RowsAffected(), nil
}

// unescapeWriter turns COPY text-format "\\" back into "\".
type unescapeWriter struct {
	w       io.Writer
	pending bool // the previous chunk ended in a lone backslash
}

func (u *unescapeWriter) Write(p []byte) (int, error) {
	out := make([]byte, 0, len(p))
	for _, b := range p {
		if u.pending {
			u.pending = false
			if b == '\\' {
				out = append(out, '\\')
				continue
			}
			out = append(out, '\\')
		}
		if b == '\\' {
			u.pending = true
			continue
		}
		out = append(out, b)
	}
	if _, err := u.w.Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}

func (u *unescapeWriter) flush() error {
	if u.pending {
		u.pending = false
		_, err := u.w.Write([]byte{'\\'})
		return err
	}
	return nil
}

// ImportCSV loads a table from an ExportCSV file.
func ImportCSV(ctx context.Context, tx pgx.Tx, table string, r io.Reader) (int64, error) {
	sql := fmt.Sprintf("COPY %s FROM STDIN WITH (FORMAT csv, HEADER true)", pgx.Identifier{table}.Sanitize())
	tag, err := tx.Conn().PgConn().CopyFrom(ctx, r, sql)
	if err != nil {
		return 0, fmt.Errorf("importing %s: %w", table, err)
	}
	return tag.RowsAffected(), nil
}

// ResetSequences moves every serial column's sequence past the imported ids.
func ResetSequences(ctx context.Context, tx pgx.Tx) error {
	rows, err := tx.Query(ctx, `SELECT table_name, column_name, pg_get_serial_sequence(table_name, column_name)
		FROM information_schema.columns
		WHERE table_schema = 'public' AND pg_get_serial_sequence(table_name, column_name) IS NOT NULL`)
	if err != nil {
		return fmt.Errorf("reading sequences: %w", err)
	}
	type seq struct{ table, column, name string }
	seqs, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (seq, error) {
		var s seq
		return s, r.Scan(&s.table, &s.column, &s.name)
	})
	if err != nil {
		return fmt.Errorf("reading sequences: %w", err)
	}
	for _, s := range seqs {
		q := fmt.Sprintf("SELECT setval($1, coalesce((SELECT max(%s) FROM %s), 0) + 1, false)",
			pgx.Identifier{s.column}.Sanitize(), pgx.Identifier{s.table}.Sanitize())
		if _, err := tx.Exec(ctx, q, s.name); err != nil {
			return fmt.Errorf("resetting %s: %w", s.name, err)
		}
	}
	return nil
}

// IsEmpty reports whether the store holds no tracked data (only the schema), the
// precondition of an import.
func (s *Store) IsEmpty(ctx context.Context) (bool, error) {
	var n int64
	err := s.pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM documents) + (SELECT count(*) FROM skipped_secret)
		+ (SELECT count(*) FROM sync_runs) + (SELECT count(*) FROM outbox) + (SELECT count(*) FROM cursors)`).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("checking the store is empty: %w", err)
	}
	return n == 0, nil
}
