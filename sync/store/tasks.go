package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// UnitRef names a unit; Code is "" when the directory does not know it.
type UnitRef struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// TaskRow is a task as extracted from a directive version. Key is the portal
// register's maNhiemVu, chosen by the engine so that an unchanged task keeps it across
// versions of its directive.
type TaskRow struct {
	Key          string
	Ordinal      int
	Content      string
	DeadlineText string
	Nominal      *time.Time
	Effective    *time.Time
	DeadlineTime string // "HH:MM" or ""
	Recurrence   string
	Period       string
	DueAt        *time.Time
	MustReport   bool
	Flags        []string
	Lead         []UnitRef
	Coordinating []UnitRef
	// Sentence is the directive's sentence the task came from ("" : Content).
	Sentence string
	// Confidence is the extractor's confidence (0–1); 0 when it gave none,
	// stored as 1 (a task not from extraction). The review policy reads it
	// before the row is written; migration 0014 keeps it with the task.
	Confidence float64
	// Review is the task's review state on insert ("" : auto); with ReviewForce it
	// also overwrites a stored task's (a recorded review re-applied), else a stored
	// task keeps its own. ReviewBy, ReviewAt and ReviewNote go with it.
	Review           string
	ReviewForce      bool
	ReviewBy         string
	ReviewAt         *time.Time
	ReviewNote       string
	PreviousSentence string // the reviewed text of a task queued again
}

// SentenceOrContent is the text the task came from.
func (r TaskRow) SentenceOrContent() string {
	if r.Sentence != "" {
		return r.Sentence
	}
	return r.Content
}

// TaskChange is one task touched by SyncTasks.
type TaskChange struct {
	ID  int64
	Key string
}

// SyncResult says what SyncTasks did.
type SyncResult struct {
	Created, Updated, Cancelled, Unchanged []TaskChange
}

// SyncTasks makes the document's open tasks equal to rows: new keys are created,
// changed ones updated in place (keeping their id, state and history), and open tasks
// whose key is gone are cancelled (a new version of the directive dropped them). A
// cancelled task whose key comes back is reopened as assigned.
func (s *Store) SyncTasks(ctx context.Context, tx pgx.Tx, documentID int64, rows []TaskRow, at time.Time) (SyncResult, error) {
	var res SyncResult
	keys := make([]string, 0, len(rows))
	for _, r := range rows {
		keys = append(keys, r.Key)
		var id int64
		var inserted, changed bool
		flags := r.Flags
		if flags == nil {
			flags = []string{}
		}
		var dtime any
		if r.DeadlineTime != "" {
			dtime = r.DeadlineTime
		}
		review := r.Review
		if review == "" {
			review = "auto"
		}
		err := tx.QueryRow(ctx, `
			WITH prev AS (SELECT content, deadline_text, deadline_nominal, deadline_effective, deadline_time, recurrence,
			                     period, due_at, must_report, flags, state, ordinal
			              FROM tasks WHERE task_key = $1)
			INSERT INTO tasks AS t (task_key, document_id, ordinal, content, deadline_text, deadline_nominal,
				deadline_effective, deadline_time, recurrence, period, due_at, must_report, flags, created_at, updated_at,
				sentence, review_state, review_by, review_at, review_note, previous_sentence, confidence)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8::time, $9, $10, $11, $12, $13, $14, $14, $15, $16, $17, $18, $19, $20,
				CASE WHEN $22::double precision > 0 THEN $22::double precision ELSE 1 END)
			ON CONFLICT (task_key) DO UPDATE SET ordinal = EXCLUDED.ordinal, content = EXCLUDED.content,
				deadline_text = EXCLUDED.deadline_text, deadline_nominal = EXCLUDED.deadline_nominal,
				deadline_effective = EXCLUDED.deadline_effective, deadline_time = EXCLUDED.deadline_time,
				recurrence = EXCLUDED.recurrence, period = EXCLUDED.period,
				due_at = CASE WHEN t.extensions > 0 THEN t.due_at ELSE EXCLUDED.due_at END,
				must_report = EXCLUDED.must_report, flags = EXCLUDED.flags, updated_at = EXCLUDED.updated_at,
				sentence = EXCLUDED.sentence,
				review_state = CASE WHEN $21 THEN EXCLUDED.review_state ELSE t.review_state END,
				review_by = CASE WHEN $21 THEN EXCLUDED.review_by ELSE t.review_by END,
				review_at = CASE WHEN $21 THEN EXCLUDED.review_at ELSE t.review_at END,
				review_note = CASE WHEN $21 THEN EXCLUDED.review_note ELSE t.review_note END,
				confidence = EXCLUDED.confidence,
				state = CASE WHEN t.state = 'cancelled' THEN 'assigned' ELSE t.state END,
				closed_at = CASE WHEN t.state = 'cancelled' THEN NULL ELSE t.closed_at END
			RETURNING id, xmax = 0, coalesce(
				(SELECT (p.content, p.deadline_text, p.deadline_nominal, p.deadline_effective, p.deadline_time,
				         p.recurrence, p.period, p.must_report, p.flags, p.ordinal)
				        IS DISTINCT FROM (t.content, t.deadline_text, t.deadline_nominal, t.deadline_effective,
				         t.deadline_time, t.recurrence, t.period, t.must_report, t.flags, t.ordinal)
				     OR p.state = 'cancelled' FROM prev p), false)`,
			r.Key, documentID, r.Ordinal, r.Content, r.DeadlineText, r.Nominal, r.Effective, dtime, r.Recurrence,
			r.Period, r.DueAt, r.MustReport, flags, at, r.Sentence, review, r.ReviewBy, r.ReviewAt, r.ReviewNote,
			r.PreviousSentence, r.ReviewForce, r.Confidence).Scan(&id, &inserted, &changed)
		if err != nil {
			return res, fmt.Errorf("task %s: %w", r.Key, err)
		}
		unitsChanged, err := s.replaceUnits(ctx, tx, id, r)
		if err != nil {
			return res, err
		}
		c := TaskChange{ID: id, Key: r.Key}
		switch {
		case inserted:
			res.Created = append(res.Created, c)
		case changed || unitsChanged:
			res.Updated = append(res.Updated, c)
		default:
			res.Unchanged = append(res.Unchanged, c)
		}
	}
	crows, err := tx.Query(ctx, `UPDATE tasks SET state = 'cancelled', closed_at = $3, updated_at = $3
		WHERE document_id = $1 AND state <> 'cancelled' AND NOT (task_key = ANY($2))
		RETURNING id, task_key`, documentID, keys, at)
	if err != nil {
		return res, fmt.Errorf("cancelling dropped tasks: %w", err)
	}
	res.Cancelled, err = pgx.CollectRows(crows, func(r pgx.CollectableRow) (TaskChange, error) {
		var c TaskChange
		return c, r.Scan(&c.ID, &c.Key)
	})
	if err != nil {
		return res, fmt.Errorf("cancelling dropped tasks: %w", err)
	}
	return res, nil
}

func (s *Store) replaceUnits(ctx context.Context, tx pgx.Tx, taskID int64, r TaskRow) (bool, error) {
	want := map[string]UnitRef{}
	for i, u := range r.Lead {
		want[fmt.Sprintf("lead/%d", i)] = u
	}
	for i, u := range r.Coordinating {
		want[fmt.Sprintf("coordinating/%d", i)] = u
	}
	rows, err := tx.Query(ctx, `SELECT role, position, unit_code, unit_name FROM task_units WHERE task_id = $1`, taskID)
	if err != nil {
		return false, fmt.Errorf("task units: %w", err)
	}
	have := map[string]UnitRef{}
	for rows.Next() {
		var role string
		var pos int
		var u UnitRef
		if err := rows.Scan(&role, &pos, &u.Code, &u.Name); err != nil {
			rows.Close()
			return false, fmt.Errorf("task units: %w", err)
		}
		have[fmt.Sprintf("%s/%d", role, pos)] = u
	}
	if err := rows.Err(); err != nil {
		return false, fmt.Errorf("task units: %w", err)
	}
	same := len(have) == len(want)
	for k, u := range want {
		if have[k] != u {
			same = false
		}
	}
	if same {
		return false, nil
	}
	if _, err := tx.Exec(ctx, `DELETE FROM task_units WHERE task_id = $1`, taskID); err != nil {
		return false, fmt.Errorf("task units: %w", err)
	}
	ins := func(role string, us []UnitRef) error {
		for i, u := range us {
			if _, err := tx.Exec(ctx, `INSERT INTO task_units (task_id, role, position, unit_code, unit_name) VALUES ($1, $2, $3, $4, $5)`,
				taskID, role, i, u.Code, u.Name); err != nil {
				return fmt.Errorf("task units: %w", err)
			}
		}
		return nil
	}
	if err := ins("lead", r.Lead); err != nil {
		return false, err
	}
	return true, ins("coordinating", r.Coordinating)
}

// EventRow is one entry of a task's append-only history.
type EventRow struct {
	Key       string // deterministic: re-applying the same event is a no-op
	Kind      string
	At        time.Time
	Actor     string
	Note      string
	FromState string
	ToState   string
	Payload   any
	// RecordedAt is when the store learnt of the event (set on read; the
	// transaction's start time for events appended in the current transaction).
	RecordedAt time.Time
}

// AppendEvent adds an event to a task's history unless its key is already there, and
// reports whether it was new.
func (s *Store) AppendEvent(ctx context.Context, tx pgx.Tx, taskID int64, e EventRow) (bool, error) {
	payload := e.Payload
	if payload == nil {
		payload = map[string]any{}
	}
	tag, err := tx.Exec(ctx, `INSERT INTO task_events (task_id, event_key, kind, at, actor, note, from_state, to_state, payload)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (event_key) DO NOTHING`,
		taskID, e.Key, e.Kind, e.At, e.Actor, e.Note, e.FromState, e.ToState, payload)
	if err != nil {
		return false, fmt.Errorf("task event %s: %w", e.Key, err)
	}
	return tag.RowsAffected() == 1, nil
}

// TaskEvents returns a task's history in the order the events happened.
func (s *Store) TaskEvents(ctx context.Context, q Querier, taskID int64) ([]EventRow, error) {
	rows, err := q.Query(ctx, `SELECT event_key, kind, at, actor, note, from_state, to_state, payload, recorded_at
		FROM task_events WHERE task_id = $1 ORDER BY at, event_key`, taskID)
	if err != nil {
		return nil, fmt.Errorf("task %d history: %w", taskID, err)
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (EventRow, error) {
		var e EventRow
		var payload json.RawMessage
		err := r.Scan(&e.Key, &e.Kind, &e.At, &e.Actor, &e.Note, &e.FromState, &e.ToState, &payload, &e.RecordedAt)
		e.Payload = payload
		return e, err
	})
}

// Derived is what the status engine derives for a task from its events; it is cached
// on the row for queries, never edited by hand.
type Derived struct {
	State          string
	StatusText     string // the profile's words at the moment of derivation
	DueAt          *time.Time
	Extensions     int
	AcknowledgedAt *time.Time
	ReportedAt     *time.Time
	DecidedAt      *time.Time
}

// SetDerived stores the status engine's result for a task and reports whether any
// field changed (then the portal record needs a push).
func (s *Store) SetDerived(ctx context.Context, tx pgx.Tx, taskID int64, d Derived, at time.Time) (bool, error) {
	tag, err := tx.Exec(ctx, `UPDATE tasks SET state = $2, due_at = $3, extensions = $4, acknowledged_at = $5,
			reported_at = $6, decided_at = $7, updated_at = $8, status_text = $9,
			closed_at = CASE WHEN $2 IN ('approved', 'cancelled', 'returned') THEN coalesce(closed_at, $8) ELSE NULL END
		WHERE id = $1 AND (state, due_at, extensions, acknowledged_at, reported_at, decided_at, status_text)
			IS DISTINCT FROM ($2, $3, $4, $5, $6, $7, $9)`,
		taskID, d.State, d.DueAt, d.Extensions, d.AcknowledgedAt, d.ReportedAt, d.DecidedAt, at, d.StatusText)
	if err != nil {
		return false, fmt.Errorf("task %d status: %w", taskID, err)
	}
	if _, err := tx.Exec(ctx, `UPDATE tasks SET derived_at = $2 WHERE id = $1`, taskID, at); err != nil {
		return false, fmt.Errorf("task %d status: %w", taskID, err)
	}
	return tag.RowsAffected() == 1, nil
}

// DeriveInput is what the status engine needs of a task.
type DeriveInput struct {
	ID               int64
	Key              string
	DocumentID       int64
	DocumentPortalID string
	Reference        string // number/notation of the directive
	Content          string
	Effective        *time.Time // the extracted deadline (date), before extensions
	DeadlineTime     string     // "HH:MM" or ""
	Recurrence       string
	Period           string // the occurrence of a recurring task ("2026-03"), "" otherwise
	MustReport       bool
	IssuedAt         *time.Time // the directive's ngayBanHanh
	Lead             []UnitRef
	Coordinating     []UnitRef
	State            string
	StatusText       string
	Signature        string // worst verdict of the directive, "" when never verified
	SignedBy         string
	ReviewState      string // tracking.ReviewState: held and rejected tasks are not pushed
}

// verdictRank orders a directive's signature verdicts worst first, as cli.md's
// verify does for a document: the worst of its signatures, NO_SIGNATURE_FOUND only
// when nothing is signed (an unsigned edXML envelope does not hide a signed PDF).
const verdictRank = `CASE indication WHEN 'TOTAL_FAILED' THEN 0 WHEN 'INDETERMINATE' THEN 1 WHEN 'TOTAL_PASSED' THEN 2 ELSE 3 END`

const deriveSelect = `SELECT t.id, t.task_key, t.document_id, d.portal_id,
		CASE WHEN d.notation = '' THEN d.number ELSE d.number || '/' || d.notation END,
		t.content, t.deadline_effective, coalesce(to_char(t.deadline_time, 'HH24:MI'), ''), t.recurrence, t.period, t.must_report,
		d.issued_at,
		coalesce((SELECT json_agg(json_build_object('code', u.unit_code, 'name', u.unit_name) ORDER BY u.position)
		          FROM task_units u WHERE u.task_id = t.id AND u.role = 'lead'), '[]'),
		coalesce((SELECT json_agg(json_build_object('code', u.unit_code, 'name', u.unit_name) ORDER BY u.position)
		          FROM task_units u WHERE u.task_id = t.id AND u.role = 'coordinating'), '[]'),
		t.state, t.status_text,
		coalesce((SELECT indication FROM signature_verdicts sv WHERE sv.document_id = d.id
			ORDER BY ` + verdictRank + `, position LIMIT 1), ''),
		coalesce((SELECT signed_by FROM signature_verdicts sv WHERE sv.document_id = d.id
			ORDER BY ` + verdictRank + `, position LIMIT 1), ''),
		t.review_state
	FROM tasks t JOIN documents d ON d.id = t.document_id`

func scanDerive(r pgx.CollectableRow) (DeriveInput, error) {
	var x DeriveInput
	var lead, coord []byte
	if err := r.Scan(&x.ID, &x.Key, &x.DocumentID, &x.DocumentPortalID, &x.Reference, &x.Content, &x.Effective,
		&x.DeadlineTime, &x.Recurrence, &x.Period, &x.MustReport, &x.IssuedAt, &lead, &coord, &x.State, &x.StatusText,
		&x.Signature, &x.SignedBy, &x.ReviewState); err != nil {
		return x, err
	}
	if err := json.Unmarshal(lead, &x.Lead); err != nil {
		return x, err
	}
	return x, json.Unmarshal(coord, &x.Coordinating)
}

// DeriveInputs loads the tasks with the given ids.
func (s *Store) DeriveInputs(ctx context.Context, q Querier, ids []int64) ([]DeriveInput, error) {
	rows, err := q.Query(ctx, deriveSelect+` WHERE t.id = ANY($1) ORDER BY t.id`, ids)
	if err != nil {
		return nil, fmt.Errorf("loading tasks: %w", err)
	}
	return pgx.CollectRows(rows, scanDerive)
}

// TaskByKey finds a task by its portal key; ok is false when there is none.
func (s *Store) TaskByKey(ctx context.Context, q Querier, key string) (DeriveInput, bool, error) {
	rows, err := q.Query(ctx, deriveSelect+` WHERE t.task_key = $1`, key)
	if err != nil {
		return DeriveInput{}, false, fmt.Errorf("task %s: %w", key, err)
	}
	xs, err := pgx.CollectRows(rows, scanDerive)
	if err != nil || len(xs) == 0 {
		return DeriveInput{}, false, err
	}
	return xs[0], true, nil
}

// TasksOfDocument returns the open tasks of a document by its portal id.
func (s *Store) TasksOfDocument(ctx context.Context, q Querier, portalID string) ([]DeriveInput, error) {
	rows, err := q.Query(ctx, deriveSelect+` WHERE d.portal_id = $1 AND t.state <> 'cancelled' ORDER BY t.id`, portalID)
	if err != nil {
		return nil, fmt.Errorf("tasks of document %s: %w", portalID, err)
	}
	return pgx.CollectRows(rows, scanDerive)
}

// StaleTaskIDs returns open tasks whose deadline passed after their status was last
// derived (so their words may now read "quá hạn"), at most limit.
func (s *Store) StaleTaskIDs(ctx context.Context, now time.Time, limit int) ([]int64, error) {
	rows, err := s.pool.Query(ctx, `SELECT id FROM tasks
		WHERE state NOT IN ('approved', 'cancelled', 'returned') AND due_at <= $1
		  AND (derived_at IS NULL OR derived_at < due_at)
		ORDER BY due_at LIMIT $2`, now, limit)
	if err != nil {
		return nil, fmt.Errorf("stale tasks: %w", err)
	}
	return pgx.CollectRows(rows, pgx.RowTo[int64])
}

// TasksOfReference returns the open tasks of the directive with this number and
// notation (a report's "Thực hiện Công văn số 1234/UBND-KT").
func (s *Store) TasksOfReference(ctx context.Context, number, notation string) ([]DeriveInput, error) {
	rows, err := s.pool.Query(ctx, deriveSelect+` WHERE upper(d.number) = upper($1) AND upper(d.notation) = upper($2)
		AND d.stream = 'DI' AND t.state <> 'cancelled' ORDER BY t.id`, number, notation)
	if err != nil {
		return nil, fmt.Errorf("tasks of %s/%s: %w", number, notation, err)
	}
	return pgx.CollectRows(rows, scanDerive)
}

// OpenTasksOfUnit returns the open tasks a unit leads.
func (s *Store) OpenTasksOfUnit(ctx context.Context, unitCode string) ([]DeriveInput, error) {
	rows, err := s.pool.Query(ctx, deriveSelect+` WHERE t.state NOT IN ('approved', 'cancelled', 'returned')
		AND EXISTS (SELECT 1 FROM task_units u WHERE u.task_id = t.id AND u.role = 'lead' AND u.unit_code = $1) ORDER BY t.id`, unitCode)
	if err != nil {
		return nil, fmt.Errorf("tasks of unit %s: %w", unitCode, err)
	}
	return pgx.CollectRows(rows, scanDerive)
}

// LinkReport records how a report matched (one row per task, or one row with no task
// when ambiguous or unmatched, so it is visible and never guessed silently).
func (s *Store) LinkReport(ctx context.Context, tx pgx.Tx, reportDocID int64, taskIDs []int64, method, note string) error {
	if _, err := tx.Exec(ctx, `DELETE FROM report_links WHERE report_document_id = $1`, reportDocID); err != nil {
		return fmt.Errorf("report links: %w", err)
	}
	if len(taskIDs) == 0 || method == "ambiguous" || method == "unmatched" {
		_, err := tx.Exec(ctx, `INSERT INTO report_links (report_document_id, task_id, method, note) VALUES ($1, NULL, $2, $3)`,
			reportDocID, method, note)
		if err != nil {
			return fmt.Errorf("report links: %w", err)
		}
		return nil
	}
	for _, id := range taskIDs {
		if _, err := tx.Exec(ctx, `INSERT INTO report_links (report_document_id, task_id, method, note) VALUES ($1, $2, $3, $4)`,
			reportDocID, id, method, note); err != nil {
			return fmt.Errorf("report links: %w", err)
		}
	}
	return nil
}

// EventsOf returns the histories of many tasks in one query, keyed by task id.
func (s *Store) EventsOf(ctx context.Context, ids []int64) (map[int64][]EventRow, error) {
	rows, err := s.pool.Query(ctx, `SELECT task_id, event_key, kind, at, actor, note, from_state, to_state, payload, recorded_at
		FROM task_events WHERE task_id = ANY($1) ORDER BY task_id, at, event_key`, ids)
	if err != nil {
		return nil, fmt.Errorf("task histories: %w", err)
	}
	defer rows.Close()
	out := map[int64][]EventRow{}
	for rows.Next() {
		var id int64
		var e EventRow
		var payload json.RawMessage
		if err := rows.Scan(&id, &e.Key, &e.Kind, &e.At, &e.Actor, &e.Note, &e.FromState, &e.ToState, &payload, &e.RecordedAt); err != nil {
			return nil, fmt.Errorf("task histories: %w", err)
		}
		e.Payload = payload
		out[id] = append(out[id], e)
	}
	return out, rows.Err()
}

// TasksReplacedBy returns the tasks of directives replaced by the document with this
// portal id that were open when it replaced them (cancelled by the replacement, not
// by a clerk or a new version) and have not moved to it yet.
func (s *Store) TasksReplacedBy(ctx context.Context, q Querier, portalID string) ([]DeriveInput, error) {
	rows, err := q.Query(ctx, deriveSelect+` WHERE d.replaced_by = $1 AND d.state = 'replaced' AND t.state = 'cancelled'
		AND NOT EXISTS (SELECT 1 FROM task_events e WHERE e.task_id = t.id
			AND (e.event_key = t.task_key || ':moved' OR e.kind IN ('HUY', 'cancelled')))
		ORDER BY t.id`, portalID)
	if err != nil {
		return nil, fmt.Errorf("tasks replaced by %s: %w", portalID, err)
	}
	return pgx.CollectRows(rows, scanDerive)
}

// RecurringDoc is a directive whose recurring tasks need their next occurrence.
type RecurringDoc struct {
	ID       int64
	PortalID string
	IssuedAt time.Time
}

// RecurringDue returns issued directives with a recurring task every tracked
// occurrence of which is already due at now: the next period's occurrence is
// owed (rules.md §4).
func (s *Store) RecurringDue(ctx context.Context, now time.Time, limit int) ([]RecurringDoc, error) {
	rows, err := s.pool.Query(ctx, `SELECT d.id, d.portal_id, coalesce(d.issued_at, d.doc_date::timestamptz)
		FROM documents d JOIN tasks t ON t.document_id = d.id
		WHERE d.state = 'issued' AND t.recurrence <> '' AND t.period <> '' AND t.state <> 'cancelled'
		  AND coalesce(d.issued_at, d.doc_date::timestamptz) IS NOT NULL
		GROUP BY d.id HAVING max(t.due_at) < $1
		ORDER BY d.id LIMIT $2`, now, limit)
	if err != nil {
		return nil, fmt.Errorf("recurring tasks due: %w", err)
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (RecurringDoc, error) {
		var d RecurringDoc
		return d, r.Scan(&d.ID, &d.PortalID, &d.IssuedAt)
	})
}

// TaskRowsOfDocument returns the directive's tracked (not cancelled) tasks as
// SyncTasks takes them, so a caller can add to the set without dropping any.
func (s *Store) TaskRowsOfDocument(ctx context.Context, tx pgx.Tx, documentID int64) ([]TaskRow, error) {
	rows, err := tx.Query(ctx, `SELECT t.task_key, t.ordinal, t.content, t.deadline_text, t.deadline_nominal,
			t.deadline_effective, coalesce(to_char(t.deadline_time, 'HH24:MI'), ''), t.recurrence, t.period, t.due_at,
			t.must_report, t.flags,
			coalesce((SELECT json_agg(json_build_object('code', u.unit_code, 'name', u.unit_name) ORDER BY u.position)
			          FROM task_units u WHERE u.task_id = t.id AND u.role = 'lead'), '[]'),
			coalesce((SELECT json_agg(json_build_object('code', u.unit_code, 'name', u.unit_name) ORDER BY u.position)
			          FROM task_units u WHERE u.task_id = t.id AND u.role = 'coordinating'), '[]'),
			t.sentence, t.review_state, t.confidence
		FROM tasks t WHERE t.document_id = $1 AND t.state <> 'cancelled' ORDER BY t.ordinal, t.deadline_nominal, t.id`, documentID)
	if err != nil {
		return nil, fmt.Errorf("tasks of document %d: %w", documentID, err)
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (TaskRow, error) {
		var t TaskRow
		var lead, coord []byte
		if err := r.Scan(&t.Key, &t.Ordinal, &t.Content, &t.DeadlineText, &t.Nominal, &t.Effective, &t.DeadlineTime,
			&t.Recurrence, &t.Period, &t.DueAt, &t.MustReport, &t.Flags, &lead, &coord, &t.Sentence, &t.Review, &t.Confidence); err != nil {
			return t, err
		}
		if len(t.Flags) == 0 {
			t.Flags = nil
		}
		if err := json.Unmarshal(lead, &t.Lead); err != nil {
			return t, err
		}
		return t, json.Unmarshal(coord, &t.Coordinating)
	})
}
