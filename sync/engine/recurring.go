package engine

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"

	"cddh-sync/connectors"
	"cddh-sync/rules/status"
	"cddh-sync/sync/store"
	"cddh-sync/sync/tracking"
)

// issuedOf is when a directive was issued: ngayBanHanh, else its date.
func issuedOf(d connectors.Document) time.Time {
	if !d.IssuedAt.IsZero() {
		return d.IssuedAt
	}
	return d.DocDate
}

// extendRecurring adds the next occurrence of recurring tasks once every tracked
// one is due (rules.md §4: one tracked occurrence per period). A directive is read
// once, but its monthly report is owed every month: the series is regenerated
// from the stored occurrences, and only the new period's task is created, with
// its "assigned" event and its portal record, in one transaction per directive.
func (e *Engine) extendRecurring(ctx context.Context) error {
	now := e.opts.Now()
	docs, err := e.st.RecurringDue(ctx, now, 100)
	if err != nil {
		return err
	}
	for _, d := range docs {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err := e.st.InTx(ctx, func(tx pgx.Tx) error { return e.extendDocument(ctx, tx, d, now) }); err != nil {
			return fmt.Errorf("recurring tasks of document %s: %w", d.PortalID, err)
		}
	}
	return nil
}

func (e *Engine) extendDocument(ctx context.Context, tx pgx.Tx, d store.RecurringDoc, now time.Time) error {
	rows, err := e.st.TaskRowsOfDocument(ctx, tx, d.ID)
	if err != nil {
		return err
	}
	docID, err := strconv.ParseInt(d.PortalID, 10, 64)
	if err != nil {
		return err
	}
	// Each series once, from its first occurrence (the one extracted). Stored
	// occurrences stay exactly as they are; only periods not yet tracked are added.
	sort.SliceStable(rows, func(i, j int) bool { return before(rows[i].Nominal, rows[j].Nominal) })
	var bases []store.TaskRow
	tracked := map[string]bool{} // series + period
	for _, r := range rows {
		if r.Period == "" {
			continue
		}
		b := r
		b.Key, b.Period, b.DueAt = "", "", nil
		series := taskKey(docID, b, map[string]int{})
		if !tracked[series] {
			bases = append(bases, b)
		}
		tracked[series] = true
		tracked[series+"|"+r.Period] = true
	}
	var added []store.TaskRow
	seen := map[string]int{}
	for _, g := range e.rules.Expand(bases, d.IssuedAt, now) {
		b := g
		b.Period = ""
		if g.Period == "" || tracked[taskKey(docID, b, map[string]int{})+"|"+g.Period] {
			continue
		}
		g.Key = taskKey(docID, g, seen)
		added = append(added, g)
	}
	if len(added) == 0 {
		return nil // the series ended; nothing is owed
	}
	sr, err := e.st.SyncTasks(ctx, tx, d.ID, append(rows, added...), now)
	if err != nil {
		return err
	}
	if len(sr.Cancelled) > 0 {
		return fmt.Errorf("adding occurrences would drop %d tracked task(s); nothing changed", len(sr.Cancelled))
	}
	var ids []int64
	for _, t := range sr.Created {
		if _, err := e.st.AppendEvent(ctx, tx, t.ID, store.EventRow{Key: t.Key + ":assigned", Kind: string(tracking.Assigned), At: now,
			Actor: "cddh-sync", ToState: string(status.Assigned), Note: "kỳ báo cáo mới của nhiệm vụ định kỳ"}); err != nil {
			return err
		}
		ids = append(ids, t.ID)
		e.opts.Logger.Info().Str("event", "task.recurring_next").Str("task", t.Key).Msg("next occurrence of a recurring task")
	}
	_, err = e.deriveAndQueue(ctx, tx, ids, false)
	return err
}

func before(a, b *time.Time) bool {
	switch {
	case a == nil:
		return false
	case b == nil:
		return true
	}
	return a.Before(*b)
}
