package engine

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"cddh-sync/sync/outbox"
	"cddh-sync/sync/store"
)

// Reminders decide the reminders clerks see on a directive (portal-api.md: due
// soon, due today, overdue, review overdue). cmd wires them to rules/remind.
type Reminders interface {
	// Open reports whether reminders may be sent at now: working hours on a
	// working day, outside maintenance windows.
	Open(now time.Time) bool
	// Horizon is the latest deadline that can need a reminder at now.
	Horizon(now time.Time) time.Time
	// Due returns the kind the task needs now and its text, or "" for none.
	Due(c store.RemindCandidate, now time.Time) (kind, text string)
}

// remind queues the reminders due now. Each is recorded with its outbox comment in
// one transaction and keyed by task and kind, so it is sent at most once even with
// several instances or a crash between the two.
func (e *Engine) remind(ctx context.Context) (int, error) {
	r := e.rules.Reminders
	if r == nil {
		return 0, nil
	}
	now := e.opts.Now()
	if !r.Open(now) {
		return 0, nil
	}
	horizon := r.Horizon(now)
	queued := 0
	var after int64
	for ctx.Err() == nil {
		page, err := e.st.RemindCandidates(ctx, horizon, after, 200)
		if err != nil || len(page) == 0 {
			return queued, err
		}
		after = page[len(page)-1].ID
		err = e.st.InTx(ctx, func(tx pgx.Tx) error {
			for _, c := range page {
				kind, text := r.Due(c, now)
				if kind == "" || text == "" || contains(c.Sent, kind) {
					continue
				}
				docID, err := parseID(c.DocumentPortalID)
				if err != nil {
					continue // a document not from this portal has nowhere to show a note
				}
				first, err := e.st.MarkReminder(ctx, tx, c.ID, kind, c.DueAt, now)
				if err != nil {
					return err
				}
				if !first {
					continue
				}
				if _, err := outbox.EnqueueComment(ctx, e.st, tx, docID, "rem-"+c.Key+"-"+kind, text); err != nil {
					return err
				}
				queued++
				if e.opts.Metrics != nil {
					e.opts.Metrics.Reminders.WithLabelValues(kind).Inc()
				}
				e.opts.Logger.Info().Str("event", "reminder.queued").Str("task", c.Key).Str("kind", kind).Msg("reminder queued")
			}
			return nil
		})
		if err != nil {
			return queued, err
		}
	}
	return queued, ctx.Err()
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
