package engine

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"

	"cddh-sync/connectors"
	"cddh-sync/sync/store"
)

// actionPayload is what the status engine needs of a clerk action beyond its kind.
type actionPayload struct {
	ActionID      int64  `json:"action_id"`
	DocumentID    int64  `json:"document_id,omitempty"`
	NewDue        string `json:"new_due,omitempty"` // RFC 3339 in Zone
	NewDueHasTime bool   `json:"new_due_has_time,omitempty"`
}

// syncActions reads the clerk action feed from its cursor (the next id), one batch per
// transaction, and turns each action into an event on its task.
func (e *Engine) syncActions(ctx context.Context, lease store.Lease, c *store.RunCounts) error {
	for ctx.Err() == nil {
		pos, err := e.st.Cursor(ctx, e.st.Pool(), "ACTIONS")
		if err != nil {
			return err
		}
		next := int64(1)
		if pos != "" {
			if next, err = strconv.ParseInt(pos, 10, 64); err != nil {
				return fmt.Errorf("cursor ACTIONS: %q is not an id", pos)
			}
		}
		batch, err := e.portal.Actions(ctx, next, e.opts.ActionBatch)
		if err != nil {
			return err
		}
		var fresh []connectors.ClerkAction
		for _, a := range batch {
			if a.ID >= next { // the feed is inclusive; a served-twice page is harmless
				fresh = append(fresh, a)
			}
		}
		if len(fresh) == 0 {
			return nil
		}
		c.Fetched += len(fresh)
		err = e.st.InTx(ctx, func(tx pgx.Tx) error {
			if err := e.st.CheckLease(ctx, tx, lease, e.opts.LeaseTTL); err != nil {
				return err
			}
			last := next - 1
			var ids []int64
			for _, a := range fresh {
				if a.ID > last {
					last = a.ID
				}
				id, ok, err := e.applyAction(ctx, tx, a)
				if err != nil {
					return err
				}
				if !ok {
					c.Refused++
					continue
				}
				ids = append(ids, id)
			}
			if _, err := e.deriveAndQueue(ctx, tx, uniq(ids), false); err != nil {
				return err
			}
			return e.st.SetCursor(ctx, tx, "ACTIONS", strconv.FormatInt(last+1, 10), lease.Term)
		})
		if err != nil {
			return err
		}
		c.Pages++
		if len(fresh) < e.opts.ActionBatch {
			return nil
		}
	}
	return ctx.Err()
}

func (e *Engine) applyAction(ctx context.Context, tx pgx.Tx, a connectors.ClerkAction) (int64, bool, error) {
	t, ok, err := e.st.TaskByKey(ctx, tx, a.TaskKey)
	if err != nil {
		return 0, false, err
	}
	if !ok {
		e.opts.Logger.Warn().Str("event", "action.unknown_task").Int64("action", a.ID).Str("task", a.TaskKey).Msg("clerk action for a task the adapter does not track")
		return 0, false, nil
	}
	if !a.Kind.Known() {
		e.opts.Logger.Warn().Str("event", "action.unknown_kind").Int64("action", a.ID).Str("kind", string(a.Kind)).Msg("clerk action of an unknown kind skipped")
		return 0, false, nil
	}
	p := actionPayload{ActionID: a.ID, DocumentID: a.DocumentID, NewDueHasTime: a.NewDueHasTime}
	if !a.NewDue.IsZero() {
		p.NewDue = a.NewDue.In(connectors.Zone).Format(time.RFC3339)
	}
	_, err = e.st.AppendEvent(ctx, tx, t.ID, store.EventRow{Key: fmt.Sprintf("%s:action:%d", t.Key, a.ID),
		Kind: string(a.Kind), At: a.At, Actor: a.Actor, Note: a.Note, Payload: p})
	return t.ID, err == nil, err
}

func uniq(ids []int64) []int64 {
	seen := map[int64]bool{}
	out := ids[:0]
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}
