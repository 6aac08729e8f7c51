package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// Purged is what PurgeDocument removed.
type Purged struct {
	Found bool // the document was stored
	Tasks int  // its tasks, removed with their units, events, reminders and reviews
	// Touched are other tasks that lost an event of the purged document (a
	// report it was): their status must be derived again.
	Touched []int64
	// Pushed are the keys of its tasks whose record may already be in the
	// portal's task register: an outbox row for it was delivered, tried, or
	// replaced by a newer revision (an earlier one may have landed). The portal
	// has no DELETE: the caller overwrites each with a content-free tombstone.
	// Sorted, so the tombstones are queued in a deterministic order.
	Pushed []string
}

// PurgeDocument removes, inside tx, everything stored of a document down to its
// portal id: its row, text, attachments, signature verdicts and links; its tasks
// with their units, events, reminders, reviews and report links; the events and
// report links it made on other tasks (as a report); and every outbox row about
// it, pending or delivered (their payloads carry its words). The caller records
// the portal id in skipped_secret in the same transaction, and queues a tombstone
// for each key in Purged.Pushed (the portal keeps what was delivered). The edXML
// status messages about it keep their code, sender organisation and times under its
// portal id, never their Description (RecordSecretExchangeStatus). Used when a document
// read as ordinary is later marked secret (Mật, Tối mật, Tuyệt mật).
func (s *Store) PurgeDocument(ctx context.Context, tx pgx.Tx, portalID string) (Purged, error) {
	var p Purged
	var docID int64
	err := tx.QueryRow(ctx, `SELECT id FROM documents WHERE portal_id = $1 FOR UPDATE`, portalID).Scan(&docID)
	if err == pgx.ErrNoRows {
		return p, nil // never stored: nothing was written about it either
	}
	if err != nil {
		return p, wrapPurge(portalID, err)
	}
	p.Found = true
	if _, err := tx.Exec(ctx, `SET LOCAL cddh.purge = 'on'`); err != nil {
		return p, wrapPurge(portalID, err)
	}
	keys, ids := []string{}, []int64{} // empty, not NULL, in ANY($n)
	rows, err := tx.Query(ctx, `SELECT id, task_key FROM tasks WHERE document_id = $1`, docID)
	if err != nil {
		return p, wrapPurge(portalID, err)
	}
	for rows.Next() {
		var id int64
		var k string
		if err := rows.Scan(&id, &k); err != nil {
			rows.Close()
			return p, wrapPurge(portalID, err)
		}
		ids, keys = append(ids, id), append(keys, k)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return p, wrapPurge(portalID, err)
	}
	p.Tasks = len(ids)
	// Events this document made on other tasks as a report.
	if err := tx.QueryRow(ctx, `SELECT coalesce(array_agg(DISTINCT task_id), '{}') FROM task_events
		WHERE event_key LIKE '%:report:' || $1 AND NOT (task_id = ANY($2))`, portalID, ids).Scan(&p.Touched); err != nil {
		return p, wrapPurge(portalID, err)
	}
	// Before the outbox rows go: which records the portal may hold.
	if err := tx.QueryRow(ctx, `SELECT coalesce(array_agg(DISTINCT target ORDER BY target), '{}') FROM outbox
		WHERE kind = 'put_task' AND target = ANY($1)
		  AND (delivered_at IS NOT NULL OR attempts > 0 OR state <> 'pending' OR revision > 1)`, keys).Scan(&p.Pushed); err != nil {
		return p, wrapPurge(portalID, err)
	}
	// Its exchange status messages keep only their code (issue 17).
	if _, err := secretStatuses(ctx, tx, `document_id = $2`, portalID, docID); err != nil {
		return p, wrapPurge(portalID, err)
	}
	stmts := []struct {
		sql  string
		args []any
	}{
		{`DELETE FROM outbox WHERE (kind = 'put_task' AND target = ANY($1)) OR (kind IN ('comment', 'receive_status') AND target = $2)`, []any{keys, portalID}},
		{`DELETE FROM task_events WHERE event_key LIKE '%:report:' || $1`, []any{portalID}},
		{`DELETE FROM report_links WHERE report_document_id = $1 OR task_id = ANY($2)`, []any{docID, ids}},
		{`DELETE FROM task_events WHERE task_id = ANY($1)`, []any{ids}},
		// Reviews, and their copies carried to a replacing directive ("<repl>-r-<key>").
		{`DELETE FROM task_reviews WHERE document_portal_id = $1 OR task_key = ANY($2)
			OR EXISTS (SELECT 1 FROM unnest($2::text[]) k WHERE task_reviews.task_key LIKE '%-r-' || k)`, []any{portalID, keys}},
		{`DELETE FROM tasks WHERE id = ANY($1)`, []any{ids}},
		{`DELETE FROM documents WHERE id = $1`, []any{docID}},
	}
	for _, st := range stmts {
		if _, err := tx.Exec(ctx, st.sql, st.args...); err != nil {
			return p, wrapPurge(portalID, err)
		}
	}
	if _, err := tx.Exec(ctx, `SET LOCAL cddh.purge = 'off'`); err != nil {
		return p, wrapPurge(portalID, err)
	}
	return p, nil
}

func wrapPurge(portalID string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("purging document %s: %w", portalID, err)
}
