package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// TaskFilter narrows ListTasks. Zero values mean "any".
type TaskFilter struct {
	ID       int64
	State    string
	UnitCode string // lead unit code
	// DueBefore keeps open tasks (not approved, cancelled or returned) due before it:
	// the overdue list when set to now.
	DueBefore *time.Time
	// DueFrom/DueTo keep tasks whose deadline in force falls in [DueFrom, DueTo): a
	// report period (a task's period is its deadline's).
	DueFrom, DueTo *time.Time
	Limit          int
	// WithoutReminder leaves out tasks that already had a reminder of this kind.
	WithoutReminder string
	// DocumentPortalIDs keeps the tasks of these directives.
	DocumentPortalIDs []string
	// ReviewState keeps tasks in this review state (tracking.ReviewState), not
	// cancelled; with it the oldest come first (the review queue).
	ReviewState string
}

// TaskView is a task with everything `tasks` and the dashboard show.
type TaskView struct {
	ID                 int64
	Key                string
	DocumentPortalID   string
	DocumentNotation   string
	DocumentNumber     string
	DocumentType       string
	DocumentIssuedAt   *time.Time
	DocumentRecordedAt *time.Time // when the portal first recorded the directive
	DocumentUrgency    string
	// ReportRecordedAt is when the portal first recorded the earliest report
	// linked to the task (rules.md §5: the unit's update, the Office's review).
	ReportRecordedAt    *time.Time
	Content             string
	DeadlineText        string
	Nominal, Effective  *time.Time
	DeadlineTime        string
	Recurrence          string
	Period              string
	DueAt               *time.Time
	MustReport          bool
	Flags               []string
	Confidence          float64 // extraction's confidence, 0–1 (1 for a task not from extraction)
	State               string
	StatusText          string
	AcknowledgedAt      *time.Time
	ReportedAt          *time.Time
	DecidedAt           *time.Time
	Extensions          int
	Lead, Coordinating  []UnitRef
	SignatureIndication string // the worst verdict of the directive, "" when never verified
	SignatureSignedBy   string
	CreatedAt           time.Time
	// The Office's review (rules.md §9): state (tracking.ReviewState), who and when,
	// why it was held or rejected, the sentence the task came from and, for a task
	// queued again by a new version, the reviewed text it replaced.
	ReviewState      string
	ReviewBy         string
	ReviewAt         *time.Time
	ReviewNote       string
	Sentence         string
	PreviousSentence string
	// ExchangeStatus is the directive's current edXML exchange status (its
	// status message with the latest Timestamp), nil when none arrived.
	ExchangeStatus *ExchangeStatus
}

// ListTasks returns tasks matching f, ordered by deadline then key.
func (s *Store) ListTasks(ctx context.Context, f TaskFilter) ([]TaskView, error) {
	var where []string
	args := []any{}
	arg := func(v any) string { args = append(args, v); return fmt.Sprintf("$%d", len(args)) }
	if f.ID != 0 {
		where = append(where, "t.id = "+arg(f.ID))
	}
	if f.State != "" {
		where = append(where, "t.state = "+arg(f.State))
	}
	if f.UnitCode != "" {
		where = append(where, "EXISTS (SELECT 1 FROM task_units u WHERE u.task_id = t.id AND u.role = 'lead' AND u.unit_code = "+arg(f.UnitCode)+")")
	}
	if f.DueBefore != nil {
		where = append(where, "t.state NOT IN ('approved', 'cancelled', 'returned') AND t.due_at < "+arg(*f.DueBefore))
	}
	if f.ReviewState != "" {
		where = append(where, "t.state <> 'cancelled' AND t.review_state = "+arg(f.ReviewState))
	}
	if f.WithoutReminder != "" {
		where = append(where, "NOT EXISTS (SELECT 1 FROM reminders r WHERE r.task_id = t.id AND r.kind = "+arg(f.WithoutReminder)+")")
	}
	if f.DocumentPortalIDs != nil {
		where = append(where, "d.portal_id = ANY("+arg(f.DocumentPortalIDs)+")")
	}
	if f.DueFrom != nil {
		where = append(where, "t.due_at >= "+arg(*f.DueFrom))
	}
	if f.DueTo != nil {
		where = append(where, "t.due_at < "+arg(*f.DueTo))
	}
	sql := `SELECT t.id, t.task_key, d.portal_id, d.notation, d.number, d.doc_type, d.issued_at, t.content, t.deadline_text,
			t.deadline_nominal, t.deadline_effective, coalesce(to_char(t.deadline_time, 'HH24:MI'), ''), t.recurrence,
			t.period, t.due_at, t.must_report, t.flags, t.state, t.status_text, t.acknowledged_at, t.reported_at, t.decided_at,
			t.extensions, t.created_at, d.recorded_at, d.urgency,
			(SELECT min(rd.recorded_at) FROM report_links rl JOIN documents rd ON rd.id = rl.report_document_id
			  WHERE rl.task_id = t.id AND rl.method IN ('linked', 'reference', 'sender')),
			coalesce((SELECT json_agg(json_build_object('code', u.unit_code, 'name', u.unit_name) ORDER BY u.position)
			          FROM task_units u WHERE u.task_id = t.id AND u.role = 'lead'), '[]'),
			coalesce((SELECT json_agg(json_build_object('code', u.unit_code, 'name', u.unit_name) ORDER BY u.position)
			          FROM task_units u WHERE u.task_id = t.id AND u.role = 'coordinating'), '[]'),
			coalesce(v.indication, ''), coalesce(v.signed_by, ''),
			t.review_state, t.review_by, t.review_at, t.review_note, t.sentence, t.previous_sentence, t.confidence,
			x.status_code, coalesce(x.description, ''), coalesce(x.from_organ_id, ''), coalesce(x.from_organ_name, ''),
			coalesce(x.staff_department, ''), coalesce(x.staff_name, ''), x.message_at, x.received_at
		FROM tasks t JOIN documents d ON d.id = t.document_id
		LEFT JOIN LATERAL (
			SELECT indication, signed_by FROM signature_verdicts sv WHERE sv.document_id = d.id
			ORDER BY ` + verdictRank + `, position
			LIMIT 1) v ON true
		LEFT JOIN LATERAL (
			SELECT * FROM exchange_statuses es WHERE es.document_id = d.id
			ORDER BY es.message_at DESC, es.id DESC
			LIMIT 1) x ON true`
	if len(where) > 0 {
		sql += " WHERE " + strings.Join(where, " AND ")
	}
	if f.ReviewState != "" {
		sql += " ORDER BY t.created_at, d.id, t.ordinal, t.id"
	} else {
		sql += " ORDER BY t.due_at NULLS LAST, t.task_key"
	}
	if f.Limit > 0 {
		sql += " LIMIT " + arg(f.Limit)
	}
	rows, err := s.pool.Query(ctx, sql, args...)
	if err != nil {
		return nil, fmt.Errorf("listing tasks: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (TaskView, error) {
		var v TaskView
		var lead, coord []byte
		var x ExchangeStatus
		var xCode *string
		var xAt, xReceived *time.Time
		err := r.Scan(&v.ID, &v.Key, &v.DocumentPortalID, &v.DocumentNotation, &v.DocumentNumber, &v.DocumentType,
			&v.DocumentIssuedAt, &v.Content, &v.DeadlineText, &v.Nominal, &v.Effective, &v.DeadlineTime, &v.Recurrence,
			&v.Period, &v.DueAt, &v.MustReport, &v.Flags, &v.State, &v.StatusText, &v.AcknowledgedAt, &v.ReportedAt, &v.DecidedAt,
			&v.Extensions, &v.CreatedAt, &v.DocumentRecordedAt, &v.DocumentUrgency, &v.ReportRecordedAt, &lead, &coord, &v.SignatureIndication, &v.SignatureSignedBy,
			&v.ReviewState, &v.ReviewBy, &v.ReviewAt, &v.ReviewNote, &v.Sentence, &v.PreviousSentence, &v.Confidence,
			&xCode, &x.Description, &x.FromOrganID, &x.FromOrganName, &x.StaffDepartment, &x.StaffName, &xAt, &xReceived)
		if err != nil {
			return v, err
		}
		if xCode != nil && xAt != nil && xReceived != nil {
			x.Code, x.MessageAt, x.ReceivedAt = *xCode, *xAt, *xReceived
			v.ExchangeStatus = &x
		}
		if err := json.Unmarshal(lead, &v.Lead); err != nil {
			return v, err
		}
		return v, json.Unmarshal(coord, &v.Coordinating)
	})
	if err != nil {
		return nil, fmt.Errorf("listing tasks: %w", err)
	}
	return out, nil
}

// RunRow is one sync_runs row.
type RunRow struct {
	ID         int64
	Stream     string
	Holder     string
	StartedAt  time.Time
	FinishedAt *time.Time
	Outcome    string
	Counts     RunCounts
}

// RecentRuns returns the newest n cycles over all streams.
func (s *Store) RecentRuns(ctx context.Context, n int) ([]RunRow, error) {
	rows, err := s.pool.Query(ctx, `SELECT id, stream, holder, started_at, finished_at, outcome, fetched, new_docs,
			changed_docs, skipped_secret, refused, tasks_created, tasks_closed, pushed, push_failed, errors, last_error
		FROM sync_runs ORDER BY started_at DESC, id DESC LIMIT $1`, n)
	if err != nil {
		return nil, fmt.Errorf("recent runs: %w", err)
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (RunRow, error) {
		var x RunRow
		c := &x.Counts
		err := r.Scan(&x.ID, &x.Stream, &x.Holder, &x.StartedAt, &x.FinishedAt, &x.Outcome, &c.Fetched, &c.NewDocs,
			&c.ChangedDocs, &c.SkippedSecret, &c.Refused, &c.TasksCreated, &c.TasksClosed, &c.Pushed, &c.PushFailed,
			&c.Errors, &c.LastError)
		return x, err
	})
}

// StreamStatus is a stream's health at a glance.
type StreamStatus struct {
	Stream      string
	LastSuccess *time.Time
	LastRun     *time.Time
	LastOutcome string
	LastError   string
	Cursor      string
}

// StreamHealth summarises each stream that has ever run.
func (s *Store) StreamHealth(ctx context.Context) ([]StreamStatus, error) {
	rows, err := s.pool.Query(ctx, `
		SELECT s.stream,
			(SELECT max(finished_at) FROM sync_runs r WHERE r.stream = s.stream AND r.outcome IN ('ok', 'partial')),
			l.started_at, coalesce(l.outcome, ''), coalesce(l.last_error, ''), coalesce(c.position, '')
		FROM (SELECT DISTINCT stream FROM sync_runs UNION SELECT stream FROM cursors) s
		LEFT JOIN LATERAL (SELECT started_at, outcome, last_error FROM sync_runs r WHERE r.stream = s.stream
		                   ORDER BY started_at DESC, id DESC LIMIT 1) l ON true
		LEFT JOIN cursors c ON c.stream = s.stream
		ORDER BY s.stream`)
	if err != nil {
		return nil, fmt.Errorf("stream health: %w", err)
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (StreamStatus, error) {
		var x StreamStatus
		return x, r.Scan(&x.Stream, &x.LastSuccess, &x.LastRun, &x.LastOutcome, &x.LastError, &x.Cursor)
	})
}

// DeadLetter is an outbox row that gave up.
type DeadLetter struct {
	ID        int64
	Kind      string
	Target    string
	Attempts  int
	LastError string
	CreatedAt time.Time
}

// DeadLetters returns the newest n dead outbox rows.
func (s *Store) DeadLetters(ctx context.Context, n int) ([]DeadLetter, error) {
	rows, err := s.pool.Query(ctx, `SELECT id, kind, target, attempts, last_error, created_at FROM outbox
		WHERE state = 'dead' ORDER BY created_at DESC LIMIT $1`, n)
	if err != nil {
		return nil, fmt.Errorf("dead letters: %w", err)
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (DeadLetter, error) {
		var x DeadLetter
		return x, r.Scan(&x.ID, &x.Kind, &x.Target, &x.Attempts, &x.LastError, &x.CreatedAt)
	})
}

// UnlinkedReport is an incoming report the matcher could not tie to one set of
// tasks (ambiguous or unmatched): recorded, shown, never guessed.
type UnlinkedReport struct {
	DocumentPortalID string
	Document         string // number/notation
	Summary          string
	SenderCode       string
	SenderName       string
	IssuedAt         *time.Time
	Method           string // ambiguous or unmatched
	Note             string
}

// UnlinkedReports lists the ambiguous and unmatched reports issued in [from, to)
// (nil: any time), oldest first.
func (s *Store) UnlinkedReports(ctx context.Context, from, to *time.Time) ([]UnlinkedReport, error) {
	rows, err := s.pool.Query(ctx, `SELECT d.portal_id,
			CASE WHEN d.notation = '' THEN d.number ELSE d.number || '/' || d.notation END,
			d.summary, d.issuer_code, d.issuer_name, coalesce(d.issued_at, d.doc_date::timestamptz), rl.method, rl.note
		FROM report_links rl JOIN documents d ON d.id = rl.report_document_id
		WHERE rl.task_id IS NULL AND rl.method IN ('ambiguous', 'unmatched')
		  AND ($1::timestamptz IS NULL OR coalesce(d.issued_at, d.doc_date::timestamptz) >= $1)
		  AND ($2::timestamptz IS NULL OR coalesce(d.issued_at, d.doc_date::timestamptz) < $2)
		ORDER BY 6 NULLS LAST, d.portal_id`, from, to)
	if err != nil {
		return nil, fmt.Errorf("unlinked reports: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (UnlinkedReport, error) {
		var u UnlinkedReport
		err := r.Scan(&u.DocumentPortalID, &u.Document, &u.Summary, &u.SenderCode, &u.SenderName, &u.IssuedAt, &u.Method, &u.Note)
		return u, err
	})
	if err != nil {
		return nil, fmt.Errorf("unlinked reports: %w", err)
	}
	return out, nil
}

// StoredReport is an incoming report as stored, enough to match it again.
type StoredReport struct {
	ID         int64 // the store's id
	PortalID   string
	Number     string
	Notation   string
	Summary    string
	Body       string
	IssuerCode string
	IssuerName string
	IssuedAt   *time.Time
	DocDate    *time.Time
	Related    []string // portal ids it links to
}

// WaitingForDirectives opens the note of a report left unmatched because the
// issued directives were not all read when it came (a partial DI pass): it is
// matched again after the next complete pass.
const WaitingForDirectives = "chờ đọc đủ văn bản chỉ đạo"

// PassesSinceSeen counts the passes over the issued directives (finished DI
// runs) begun after the report with this portal id was first stored; 0 when it
// is not stored yet.
func (s *Store) PassesSinceSeen(ctx context.Context, portalID string) (int, error) {
	var n int
	err := s.pool.QueryRow(ctx, `SELECT count(*) FROM sync_runs r JOIN documents d ON d.portal_id = $1
		WHERE r.stream = 'DI' AND r.finished_at IS NOT NULL AND r.started_at > d.first_seen_at`, portalID).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("passes since report %s: %w", portalID, err)
	}
	return n, nil
}

// ReportsToRematch returns reports recorded as unmatched or ambiguous for which
// tasks have appeared since (a report that arrived before its directive, or
// while another instance was still storing it), or that waited for a complete
// pass over the issued directives and one has finished since, or waited through
// maxWait passes since it was first stored (a directive that keeps failing
// must not hold it for ever), at most limit.
func (s *Store) ReportsToRematch(ctx context.Context, limit, maxWait int) ([]StoredReport, error) {
	rows, err := s.pool.Query(ctx, `SELECT d.id, d.portal_id, d.number, d.notation, d.summary, d.body, d.issuer_code,
			d.issuer_name, d.issued_at, d.doc_date::timestamptz,
			coalesce((SELECT array_agg(l.related_portal_id ORDER BY l.related_portal_id) FROM document_links l WHERE l.document_id = d.id), '{}')
		FROM report_links rl JOIN documents d ON d.id = rl.report_document_id
		WHERE rl.task_id IS NULL AND rl.method IN ('unmatched', 'ambiguous')
		  AND (EXISTS (SELECT 1 FROM task_events e WHERE e.kind = 'assigned' AND e.recorded_at > rl.linked_at)
		    OR rl.note LIKE '`+WaitingForDirectives+`%' AND (EXISTS (SELECT 1 FROM sync_runs r WHERE r.stream = 'DI'
		      AND r.outcome = 'ok' AND r.finished_at > rl.linked_at)
		      OR (SELECT count(*) FROM sync_runs r WHERE r.stream = 'DI' AND r.finished_at IS NOT NULL
		        AND r.started_at > d.first_seen_at) >= $2))
		ORDER BY d.id LIMIT $1`, limit, maxWait)
	if err != nil {
		return nil, fmt.Errorf("reports to match again: %w", err)
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (StoredReport, error) {
		var x StoredReport
		err := r.Scan(&x.ID, &x.PortalID, &x.Number, &x.Notation, &x.Summary, &x.Body, &x.IssuerCode, &x.IssuerName,
			&x.IssuedAt, &x.DocDate, &x.Related)
		return x, err
	})
}
