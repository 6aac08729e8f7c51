package engine

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"cddh-sync/connectors"
	"cddh-sync/sync/store"
	"cddh-sync/sync/tracking"
)

// minSimilarity is how alike two tasks' contents must be (word-set Jaccard, after
// Vietnamese folding) for a replaced directive's task to move to the replacement's.
// A replacement usually restates the task with a new deadline or wording; an
// unrelated task with the same lead unit scores far lower.
const minSimilarity = 0.5

// moveReplaced moves the tasks of directives replaced by the directive with this
// portal id to its matching tasks (rules.md §1: a replaced directive's tasks "cancel,
// or move to the replacement"). It runs when either side arrives, whichever is
// later. The old task stays cancelled with a "moved" event naming the new one; the
// new task records where it came from and inherits the unit's acknowledgement, so
// the unit is not asked to start again. An old task with no counterpart stays
// cancelled as replaced.
func (e *Engine) moveReplaced(ctx context.Context, tx pgx.Tx, replacement connectors.Document) error {
	pid := fmt.Sprint(replacement.ID)
	from, err := e.st.TasksReplacedBy(ctx, tx, pid)
	if err != nil || len(from) == 0 {
		return err
	}
	to, err := e.st.TasksOfDocument(ctx, tx, pid)
	if err != nil || len(to) == 0 {
		return err
	}
	used := map[int64]bool{}
	var touched []int64
	for _, x := range from {
		y, ok := bestCounterpart(x, to, used)
		if !ok {
			continue
		}
		now := e.opts.Now()
		added, err := e.st.AppendEvent(ctx, tx, x.ID, store.EventRow{Key: x.Key + ":moved", Kind: string(tracking.MovedTo), At: now, Actor: "cddh-sync",
			Note: fmt.Sprintf("chuyển sang nhiệm vụ %s của văn bản %s", y.Key, y.Reference), Payload: map[string]string{"task": y.Key}})
		if err != nil {
			return err
		}
		if !added {
			continue
		}
		used[y.ID] = true
		if _, err := e.st.AppendEvent(ctx, tx, y.ID, store.EventRow{Key: y.Key + ":from:" + x.Key, Kind: string(tracking.MovedFrom), At: now, Actor: "cddh-sync",
			Note: fmt.Sprintf("thay thế nhiệm vụ %s của văn bản %s", x.Key, x.Reference), Payload: map[string]string{"task": x.Key}}); err != nil {
			return err
		}
		evs, err := e.st.TaskEvents(ctx, tx, x.ID)
		if err != nil {
			return err
		}
		for _, ev := range evs {
			if ev.Kind != string(connectors.ActionAcknowledge) {
				continue
			}
			ev.Key = y.Key + ":from:" + ev.Key
			ev.Note = strings.TrimSpace(fmt.Sprintf("đã tiếp nhận tại văn bản %s lúc %s. %s", x.Reference,
				ev.At.In(connectors.Zone).Format("15:04 02/01/2006"), ev.Note))
			if y.IssuedAt != nil && ev.At.Before(*y.IssuedAt) {
				ev.At = *y.IssuedAt // the new task cannot be acknowledged before it exists
			}
			if _, err := e.st.AppendEvent(ctx, tx, y.ID, ev); err != nil {
				return err
			}
		}
		touched = append(touched, y.ID)
		e.opts.Logger.Info().Str("event", "task.moved").Str("from", x.Key).Str("to", y.Key).Msg("task moved to the replacement directive")
	}
	_, err = e.deriveAndQueue(ctx, tx, touched, false)
	return err
}

// bestCounterpart picks the replacement's task most like x with the same lead unit.
func bestCounterpart(x store.DeriveInput, to []store.DeriveInput, used map[int64]bool) (store.DeriveInput, bool) {
	var best store.DeriveInput
	bestScore := 0.0
	for _, y := range to {
		if used[y.ID] || !sameLead(x.Lead, y.Lead) {
			continue
		}
		if s := similarity(x.Content, y.Content); s > bestScore {
			best, bestScore = y, s
		}
	}
	return best, bestScore >= minSimilarity
}

func sameLead(a, b []store.UnitRef) bool {
	if len(a) == 0 || len(b) == 0 {
		return len(a) == len(b)
	}
	if a[0].Code != "" && b[0].Code != "" {
		return a[0].Code == b[0].Code
	}
	return connectors.FoldVietnamese(a[0].Name) == connectors.FoldVietnamese(b[0].Name)
}

// similarity is the Jaccard index of the two texts' folded word sets.
func similarity(a, b string) float64 {
	wa, wb := words(a), words(b)
	if len(wa) == 0 || len(wb) == 0 {
		return 0
	}
	inter := 0
	for w := range wa {
		if wb[w] {
			inter++
		}
	}
	return float64(inter) / float64(len(wa)+len(wb)-inter)
}

func words(s string) map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.FieldsFunc(connectors.FoldVietnamese(s), func(r rune) bool {
		return r == ' ' || r == ',' || r == '.' || r == ';' || r == ':' || r == '(' || r == ')' || r == '"' || r == '“' || r == '”'
	}) {
		out[w] = true
	}
	return out
}
