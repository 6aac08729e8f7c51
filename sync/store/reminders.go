package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// RemindCandidate is a task that may need a reminder: open and due by the horizon
// with no overdue reminder yet, or reported and awaiting review with no review
// reminder yet.
type RemindCandidate struct {
	ID               int64
	Key              string
	DocumentPortalID string
	Reference        string
	Content          string
	State            string
	DueAt            *time.Time
	ReportedAt       *time.Time
	Urgency          string
	Lead             []UnitRef
	Sent             []string // kinds already queued
}

// RemindCandidates pages through the candidates with id > after, in id order.
// Tasks past their last reminder drop out of the query, so its cost follows the
// tasks near a deadline, not the whole history.
func (s *Store) RemindCandidates(ctx context.Context, horizon time.Time, after int64, limit int) ([]RemindCandidate, error) {
	rows, err := s.pool.Query(ctx, `
		SELECT t.id, t.task_key, d.portal_id,
			CASE WHEN d.notation = '' THEN d.number ELSE d.number || '/' || d.notation END,
			t.content, t.state, t.due_at, t.reported_at, d.urgency,
			coalesce((SELECT json_agg(json_build_object('code', u.unit_code, 'name', u.unit_name) ORDER BY u.position)
			          FROM task_units u WHERE u.task_id = t.id AND u.role = 'lead'), '[]'),
			coalesce((SELECT array_agg(r.kind ORDER BY r.kind) FROM reminders r WHERE r.task_id = t.id), '{}')
		FROM tasks t JOIN documents d ON d.id = t.document_id
		WHERE t.id > $2 AND t.review_state NOT IN ('held', 'rejected') AND (
			(t.state IN ('assigned', 'in_progress', 'urged', 'rejected') AND t.due_at <= $1
			 AND NOT EXISTS (SELECT 1 FROM reminders r WHERE r.task_id = t.id AND r.kind = 'overdue'))
			OR (t.state = 'reported' AND t.reported_at IS NOT NULL
			 AND NOT EXISTS (SELECT 1 FROM reminders r WHERE r.task_id = t.id AND r.kind = 'review_overdue')))
		ORDER BY t.id LIMIT $3`, horizon, after, limit)
	if err != nil {
		return nil, fmt.Errorf("reminder candidates: %w", err)
	}
	defer rows.Close()
	var out []RemindCandidate
	for rows.Next() {
		var c RemindCandidate
		var lead []byte
		if err := rows.Scan(&c.ID, &c.Key, &c.DocumentPortalID, &c.Reference, &c.Content, &c.State, &c.DueAt,
			&c.ReportedAt, &c.Urgency, &lead, &c.Sent); err != nil {
			return nil, fmt.Errorf("reminder candidates: %w", err)
		}
		if err := json.Unmarshal(lead, &c.Lead); err != nil {
			return nil, fmt.Errorf("reminder candidates: task %d units: %w", c.ID, err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// MarkReminder records that kind was queued for the task, inside tx; false when it
// already was (another instance got there first), and then nothing must be sent.
func (s *Store) MarkReminder(ctx context.Context, tx pgx.Tx, taskID int64, kind string, due *time.Time, at time.Time) (bool, error) {
	tag, err := tx.Exec(ctx, `INSERT INTO reminders (task_id, kind, due_at, queued_at) VALUES ($1, $2, $3, $4)
		ON CONFLICT (task_id, kind) DO NOTHING`, taskID, kind, due, at)
	if err != nil {
		return false, fmt.Errorf("task %d reminder %s: %w", taskID, kind, err)
	}
	return tag.RowsAffected() == 1, nil
}
