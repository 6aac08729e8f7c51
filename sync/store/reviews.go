package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// ReviewRow is one recorded review decision (rules.md §9): the task it stands for,
// the extracted tasks it replaces, and the reviewed fields.
type ReviewRow struct {
	ID               int64
	DocumentPortalID string
	TaskKey          string
	Outcome          string // confirmed, corrected, rejected, added
	Sources          []string
	SourceHashes     []string
	Sentence         string
	Fields           TaskRow
	Reason           string
	By               string
	At               time.Time
}

// PutReview records a review, replacing an earlier one of the same task (a task
// queued again and reviewed anew).
func (s *Store) PutReview(ctx context.Context, tx pgx.Tx, r ReviewRow) (int64, error) {
	fields, err := json.Marshal(r.Fields)
	if err != nil {
		return 0, err
	}
	if r.Sources == nil {
		r.Sources = []string{}
	}
	if r.SourceHashes == nil {
		r.SourceHashes = []string{}
	}
	var id int64
	err = tx.QueryRow(ctx, `INSERT INTO task_reviews (document_portal_id, task_key, outcome, sources, source_hashes, sentence,
			fields, reason, reviewed_by, reviewed_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
		ON CONFLICT (task_key) DO UPDATE SET document_portal_id = EXCLUDED.document_portal_id, outcome = EXCLUDED.outcome,
			sources = EXCLUDED.sources, source_hashes = EXCLUDED.source_hashes, sentence = EXCLUDED.sentence,
			fields = EXCLUDED.fields, reason = EXCLUDED.reason, reviewed_by = EXCLUDED.reviewed_by, reviewed_at = EXCLUDED.reviewed_at
		RETURNING id`, r.DocumentPortalID, r.TaskKey, r.Outcome, r.Sources, r.SourceHashes, r.Sentence, fields, r.Reason,
		r.By, r.At).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("recording the review of %s: %w", r.TaskKey, err)
	}
	return id, nil
}

// ReviewsOf returns the reviews recorded for a directive, oldest first.
func (s *Store) ReviewsOf(ctx context.Context, q Querier, documentPortalID string) ([]ReviewRow, error) {
	rows, err := q.Query(ctx, reviewSelect+` WHERE document_portal_id = $1 ORDER BY id`, documentPortalID)
	if err != nil {
		return nil, fmt.Errorf("reviews of %s: %w", documentPortalID, err)
	}
	return pgx.CollectRows(rows, scanReview)
}

// ReviewsSince returns every review recorded at or after since, by directive then id.
func (s *Store) ReviewsSince(ctx context.Context, since time.Time) ([]ReviewRow, error) {
	rows, err := s.pool.Query(ctx, reviewSelect+` WHERE reviewed_at >= $1 ORDER BY document_portal_id, id`, since)
	if err != nil {
		return nil, fmt.Errorf("reviews since %s: %w", since.Format(time.RFC3339), err)
	}
	return pgx.CollectRows(rows, scanReview)
}

const reviewSelect = `SELECT id, document_portal_id, task_key, outcome, sources, source_hashes, sentence, fields, reason,
	reviewed_by, reviewed_at FROM task_reviews`

func scanReview(r pgx.CollectableRow) (ReviewRow, error) {
	var x ReviewRow
	var fields []byte
	if err := r.Scan(&x.ID, &x.DocumentPortalID, &x.TaskKey, &x.Outcome, &x.Sources, &x.SourceHashes, &x.Sentence, &fields,
		&x.Reason, &x.By, &x.At); err != nil {
		return x, err
	}
	return x, json.Unmarshal(fields, &x.Fields)
}

// CopyReviews files a copy of the reviews of a replaced directive under its
// replacement, matched by sentence only, so the replacement's matching tasks keep
// them (issue 15); the replaced directive's own reviews stay as they are.
func (s *Store) CopyReviews(ctx context.Context, tx pgx.Tx, fromPortalID, toPortalID string) (int, error) {
	tag, err := tx.Exec(ctx, `INSERT INTO task_reviews (document_portal_id, task_key, outcome, sources, source_hashes, sentence,
			fields, reason, reviewed_by, reviewed_at)
		SELECT $2, $2 || '-r-' || task_key, outcome, '{}', source_hashes, sentence, fields, reason, reviewed_by, reviewed_at
		FROM task_reviews WHERE document_portal_id = $1
		ON CONFLICT (task_key) DO NOTHING`, fromPortalID, toPortalID)
	if err != nil {
		return 0, fmt.Errorf("carrying reviews from %s to %s: %w", fromPortalID, toPortalID, err)
	}
	return int(tag.RowsAffected()), nil
}

// ReviewTask is a task as a review action finds it, locked for the action.
type ReviewTask struct {
	ID               int64
	DocumentID       int64
	DocumentPortalID string
	DocumentType     string
	Reference        string
	State            string
	ReviewState      string
	Row              TaskRow
}

// ErrNoTask is returned for a task id the store does not have.
var ErrNoTask = errors.New("no such task")

// LockTask loads a task for a review action and locks its row until the
// transaction ends, so two reviewers of one task are serialised.
func (s *Store) LockTask(ctx context.Context, tx pgx.Tx, taskID int64) (ReviewTask, error) {
	var x ReviewTask
	var lead, coord []byte
	err := tx.QueryRow(ctx, `SELECT t.id, t.document_id, d.portal_id, d.doc_type,
			CASE WHEN d.notation = '' THEN d.number ELSE d.number || '/' || d.notation END, t.state, t.review_state,
			t.task_key, t.ordinal, t.content, t.deadline_text, t.deadline_nominal,
			t.deadline_effective, coalesce(to_char(t.deadline_time, 'HH24:MI'), ''), t.recurrence, t.period, t.due_at,
			t.must_report, t.flags, t.sentence,
			coalesce((SELECT json_agg(json_build_object('code', u.unit_code, 'name', u.unit_name) ORDER BY u.position)
			          FROM task_units u WHERE u.task_id = t.id AND u.role = 'lead'), '[]'),
			coalesce((SELECT json_agg(json_build_object('code', u.unit_code, 'name', u.unit_name) ORDER BY u.position)
			          FROM task_units u WHERE u.task_id = t.id AND u.role = 'coordinating'), '[]')
		FROM tasks t JOIN documents d ON d.id = t.document_id WHERE t.id = $1 FOR UPDATE OF t`, taskID).Scan(
		&x.ID, &x.DocumentID, &x.DocumentPortalID, &x.DocumentType, &x.Reference, &x.State, &x.ReviewState,
		&x.Row.Key, &x.Row.Ordinal, &x.Row.Content, &x.Row.DeadlineText, &x.Row.Nominal, &x.Row.Effective, &x.Row.DeadlineTime,
		&x.Row.Recurrence, &x.Row.Period, &x.Row.DueAt, &x.Row.MustReport, &x.Row.Flags, &x.Row.Sentence, &lead, &coord)
	if errors.Is(err, pgx.ErrNoRows) {
		return x, fmt.Errorf("task %d: %w", taskID, ErrNoTask)
	}
	if err != nil {
		return x, fmt.Errorf("task %d: %w", taskID, err)
	}
	x.Row.Review = x.ReviewState
	if err := json.Unmarshal(lead, &x.Row.Lead); err != nil {
		return x, err
	}
	return x, json.Unmarshal(coord, &x.Row.Coordinating)
}

// SetReview moves a held task to a review outcome and reports whether it did: false
// when the task is no longer held (another reviewer was first).
func (s *Store) SetReview(ctx context.Context, tx pgx.Tx, taskID int64, state, by string, at time.Time, note string) (bool, error) {
	tag, err := tx.Exec(ctx, `UPDATE tasks SET review_state = $2, review_by = $3, review_at = $4, review_note = $5,
			previous_sentence = CASE WHEN $2 = 'held' THEN previous_sentence ELSE '' END
		WHERE id = $1 AND review_state = 'held' AND state <> 'cancelled'`, taskID, state, by, at, note)
	if err != nil {
		return false, fmt.Errorf("task %d review: %w", taskID, err)
	}
	return tag.RowsAffected() == 1, nil
}

// UpdateTaskFields writes a reviewer's correction of a task's content, units and
// deadline in place (the task keeps its key, state and history).
func (s *Store) UpdateTaskFields(ctx context.Context, tx pgx.Tx, taskID int64, r TaskRow, at time.Time) error {
	var dtime any
	if r.DeadlineTime != "" {
		dtime = r.DeadlineTime
	}
	flags := r.Flags
	if flags == nil {
		flags = []string{}
	}
	if _, err := tx.Exec(ctx, `UPDATE tasks SET content = $2, deadline_text = $3, deadline_nominal = $4, deadline_effective = $5,
			deadline_time = $6::time, recurrence = $7, due_at = $8, flags = $9, updated_at = $10
		WHERE id = $1`, taskID, r.Content, r.DeadlineText, r.Nominal, r.Effective, dtime, r.Recurrence, r.DueAt, flags, at); err != nil {
		return fmt.Errorf("task %d correction: %w", taskID, err)
	}
	_, err := s.replaceUnits(ctx, tx, taskID, r)
	return err
}

// InsertTask creates one task of a directive (a reviewer's addition or a part of a
// split), leaving the directive's other tasks alone. ok is false when the key is
// taken.
func (s *Store) InsertTask(ctx context.Context, tx pgx.Tx, documentID int64, r TaskRow, at time.Time) (int64, bool, error) {
	var dtime any
	if r.DeadlineTime != "" {
		dtime = r.DeadlineTime
	}
	flags := r.Flags
	if flags == nil {
		flags = []string{}
	}
	var id int64
	err := tx.QueryRow(ctx, `INSERT INTO tasks (task_key, document_id, ordinal, content, deadline_text, deadline_nominal,
			deadline_effective, deadline_time, recurrence, period, due_at, must_report, flags, created_at, updated_at,
			sentence, review_state, review_by, review_at, review_note)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8::time, $9, $10, $11, $12, $13, $14, $14, $15, $16, $17, $18, $19)
		ON CONFLICT (task_key) DO NOTHING RETURNING id`,
		r.Key, documentID, r.Ordinal, r.Content, r.DeadlineText, r.Nominal, r.Effective, dtime, r.Recurrence, r.Period,
		r.DueAt, r.MustReport, flags, at, r.Sentence, r.Review, r.ReviewBy, r.ReviewAt, r.ReviewNote).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("task %s: %w", r.Key, err)
	}
	_, err = s.replaceUnits(ctx, tx, id, r)
	return id, true, err
}

// SetDocumentText keeps the text a directive's tasks were extracted from.
func (s *Store) SetDocumentText(ctx context.Context, tx pgx.Tx, documentID int64, text string) error {
	if _, err := tx.Exec(ctx, `UPDATE documents SET extracted_text = $2 WHERE id = $1 AND extracted_text IS DISTINCT FROM $2`,
		documentID, text); err != nil {
		return fmt.Errorf("document %d text: %w", documentID, err)
	}
	return nil
}

// DirectiveText is a directive as the review page and the corpus export show it.
type DirectiveText struct {
	ID        int64
	PortalID  string
	Type      string
	Number    string
	Notation  string
	Signer    string
	Urgency   string
	Reference string
	Summary   string
	Issuer    string
	IssuedAt  *time.Time
	Version   int
	Text      string
}

// DirectiveTexts returns the directives with these portal ids.
func (s *Store) DirectiveTexts(ctx context.Context, portalIDs []string) (map[string]DirectiveText, error) {
	rows, err := s.pool.Query(ctx, `SELECT id, portal_id, doc_type, number, notation, signer, urgency,
			CASE WHEN notation = '' THEN number ELSE number || '/' || notation END, summary, issuer_name, issued_at, version,
			CASE WHEN extracted_text = '' THEN body ELSE extracted_text END
		FROM documents WHERE portal_id = ANY($1)`, portalIDs)
	if err != nil {
		return nil, fmt.Errorf("directive texts: %w", err)
	}
	xs, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (DirectiveText, error) {
		var d DirectiveText
		return d, r.Scan(&d.ID, &d.PortalID, &d.Type, &d.Number, &d.Notation, &d.Signer, &d.Urgency, &d.Reference, &d.Summary, &d.Issuer, &d.IssuedAt, &d.Version, &d.Text)
	})
	if err != nil {
		return nil, fmt.Errorf("directive texts: %w", err)
	}
	out := make(map[string]DirectiveText, len(xs))
	for _, d := range xs {
		out[d.PortalID] = d
	}
	return out, nil
}

// Alias is a spelling of a unit's name the Office accepted.
type Alias struct {
	Spelling, UnitCode, UnitName, By string
	At                               time.Time
}

// AddAlias stores an accepted spelling (folded is its matching form); a spelling
// already taken is re-pointed to the new unit.
func (s *Store) AddAlias(ctx context.Context, folded string, a Alias) error {
	if _, err := s.pool.Exec(ctx, `INSERT INTO unit_aliases (folded, spelling, unit_code, unit_name, added_by, added_at)
		VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (folded) DO UPDATE SET spelling = EXCLUDED.spelling,
			unit_code = EXCLUDED.unit_code, unit_name = EXCLUDED.unit_name, added_by = EXCLUDED.added_by, added_at = EXCLUDED.added_at`,
		folded, a.Spelling, a.UnitCode, a.UnitName, a.By, a.At); err != nil {
		return fmt.Errorf("unit alias %q: %w", a.Spelling, err)
	}
	return nil
}

// Aliases returns the accepted spellings by their folded form.
func (s *Store) Aliases(ctx context.Context, q Querier) (map[string]Alias, error) {
	rows, err := q.Query(ctx, `SELECT folded, spelling, unit_code, unit_name, added_by, added_at FROM unit_aliases`)
	if err != nil {
		return nil, fmt.Errorf("unit aliases: %w", err)
	}
	defer rows.Close()
	out := map[string]Alias{}
	for rows.Next() {
		var f string
		var a Alias
		if err := rows.Scan(&f, &a.Spelling, &a.UnitCode, &a.UnitName, &a.By, &a.At); err != nil {
			return nil, fmt.Errorf("unit aliases: %w", err)
		}
		out[f] = a
	}
	return out, rows.Err()
}

// ReviewOutcomes counts the reviews recorded in [from, to) by outcome; reviews
// carried over to a replacing directive are not counted again.
func (s *Store) ReviewOutcomes(ctx context.Context, from, to time.Time) (map[string]int, error) {
	rows, err := s.pool.Query(ctx, `SELECT outcome, count(*) FROM task_reviews
		WHERE reviewed_at >= $1 AND reviewed_at < $2 AND task_key NOT LIKE '%-r-%' GROUP BY outcome`, from, to)
	if err != nil {
		return nil, fmt.Errorf("review outcomes: %w", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var k string
		var n int
		if err := rows.Scan(&k, &n); err != nil {
			return nil, fmt.Errorf("review outcomes: %w", err)
		}
		out[k] = n
	}
	return out, rows.Err()
}

// ReplacedBy returns the portal ids of the directives this one replaces.
func (s *Store) ReplacedBy(ctx context.Context, q Querier, portalID string) ([]string, error) {
	rows, err := q.Query(ctx, `SELECT portal_id FROM documents WHERE replaced_by = $1 ORDER BY id`, portalID)
	if err != nil {
		return nil, fmt.Errorf("directives replaced by %s: %w", portalID, err)
	}
	return pgx.CollectRows(rows, pgx.RowTo[string])
}

// ReviewedDirectives returns the portal ids of the directives with a review
// recorded at or after since, oldest review first.
func (s *Store) ReviewedDirectives(ctx context.Context, since time.Time) ([]string, error) {
	rows, err := s.pool.Query(ctx, `SELECT document_portal_id FROM task_reviews WHERE reviewed_at >= $1
		GROUP BY document_portal_id ORDER BY min(reviewed_at), document_portal_id`, since)
	if err != nil {
		return nil, fmt.Errorf("reviewed directives: %w", err)
	}
	return pgx.CollectRows(rows, pgx.RowTo[string])
}
