package engine

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"cddh-sync/connectors"
	"cddh-sync/rules/status"
	"cddh-sync/sync/outbox"
	"cddh-sync/sync/store"
	"cddh-sync/sync/tracking"
)

// The review step (rules.md §9, issue 15): the policy holds what the extractor is
// unsure of; held tasks are stored but never pushed; each review action records a
// task_reviews row that every later extraction of the directive re-applies.

// The review errors and the correction live in sync/tracking, so the dashboard
// can speak them without importing the engine.
var (
	ErrNotHeld       = tracking.ErrNotHeld
	ErrBadCorrection = tracking.ErrBadCorrection
)

// Correction is tracking.Correction.
type Correction = tracking.Correction

// holdFacts applies the review policy and the accepted unit aliases to a
// directive's extracted tasks, before their keys are chosen.
func (e *Engine) holdTasks(doc connectors.Document, tasks []store.TaskRow, signaturePassed bool) {
	for i := range tasks {
		t := &tasks[i]
		f := tracking.Facts{DocType: doc.Type, Flags: t.Flags, SignaturePassed: signaturePassed}
		if t.Confidence > 0 {
			c := t.Confidence
			f.Confidence = &c
		}
		if hold, why := e.opts.Review.Hold(f); hold {
			t.Review, t.ReviewNote = string(tracking.Held), why
		}
	}
}

// applyAliases resolves lead and coordinating units the directory did not know
// through the spellings the Office accepted (stored, so applied at once).
func applyAliases(tasks []store.TaskRow, aliases map[string]store.Alias) {
	if len(aliases) == 0 {
		return
	}
	fix := func(us []store.UnitRef) bool {
		hit := false
		for i, u := range us {
			if u.Code != "" {
				continue
			}
			if a, ok := aliases[connectors.FoldVietnamese(u.Name)]; ok {
				us[i] = store.UnitRef{Code: a.UnitCode, Name: a.UnitName}
				hit = true
			}
		}
		return hit
	}
	for i := range tasks {
		if fix(tasks[i].Lead) {
			tasks[i].Flags = without(tasks[i].Flags, tracking.FlagLeadUnrecognised)
		}
		fix(tasks[i].Coordinating)
	}
}

func without(list []string, s string) []string {
	var out []string
	for _, v := range list {
		if v != s {
			out = append(out, v)
		}
	}
	return out
}

// reconcile re-applies a directive's recorded reviews to its extracted tasks: a
// task matched by key, or by an unchanged sentence, is replaced by its reviewed
// version (a rejected one disappears, so it stays cancelled); an added task stays
// while its sentence is still in the text; a task whose sentence changed is held
// again, showing the reviewed text beside the new one.
func reconcile(rows []store.TaskRow, reviews []store.ReviewRow, text string) []store.TaskRow {
	if len(reviews) == 0 {
		return rows
	}
	byKey, byHash := map[string][]int{}, map[string][]int{}
	for i, r := range reviews {
		for _, k := range r.Sources {
			byKey[k] = append(byKey[k], i)
		}
		for _, h := range r.SourceHashes {
			byHash[h] = append(byHash[h], i)
		}
	}
	emitted, matched := map[int]bool{}, map[int]bool{}
	var out []store.TaskRow
	taken := map[string]bool{}
	emit := func(i int, row *store.TaskRow) {
		if emitted[i] {
			return
		}
		emitted[i] = true
		rv := reviews[i]
		if rv.Outcome == string(tracking.Rejected) {
			return
		}
		t := rv.Fields
		t.Key = rv.TaskKey
		if len(rv.Sources) == 0 && rv.Outcome != string(tracking.Added) && row != nil {
			// Carried over from a replaced directive: it takes the matching task's key.
			t.Key = row.Key
			for n := 2; taken[t.Key]; n++ {
				t.Key = fmt.Sprintf("%s-s%d", row.Key, n)
			}
		}
		taken[t.Key] = true
		t.Review, t.ReviewForce, t.ReviewBy, t.ReviewNote = rv.Outcome, true, rv.By, rv.Reason
		at := rv.At
		t.ReviewAt = &at
		t.Sentence = rv.Sentence
		if row != nil {
			t.Ordinal = row.Ordinal
		}
		out = append(out, t)
	}
	var fresh []store.TaskRow
	for i := range rows {
		r := rows[i]
		idx := byKey[r.Key]
		if len(idx) == 0 && r.Period == "" {
			idx = byHash[tracking.SentenceHash(r.SentenceOrContent())]
		}
		if len(idx) == 0 {
			fresh = append(fresh, r)
			continue
		}
		for _, j := range idx {
			matched[j] = true
			emit(j, &r)
		}
	}
	for i, rv := range reviews {
		if rv.Outcome == string(tracking.Added) && !emitted[i] && tracking.Contains(text, rv.Sentence) {
			matched[i] = true
			emit(i, nil)
		}
	}
	for _, r := range fresh {
		best, bestScore := -1, 0.0
		for i, rv := range reviews {
			if matched[i] {
				continue
			}
			if s := similarity(rv.Sentence, r.SentenceOrContent()); s > bestScore {
				best, bestScore = i, s
			}
		}
		if best >= 0 && bestScore >= minSimilarity {
			matched[best] = true
			r.Review, r.ReviewForce = string(tracking.Held), true
			r.ReviewNote = "câu giao nhiệm vụ đã thay đổi trong phiên bản mới"
			r.PreviousSentence = reviews[best].Sentence
		}
		if !taken[r.Key] {
			taken[r.Key] = true
			out = append(out, r)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Ordinal < out[j].Ordinal })
	return out
}

// Confirm records that the Office checked a held task and found it right; it is
// pushed to the portal at once.
func (e *Engine) Confirm(ctx context.Context, taskID int64, by string) error {
	return e.review(ctx, taskID, by, func(x store.ReviewTask) ([]reviewed, error) {
		return []reviewed{{row: x.Row, outcome: tracking.Confirmed}}, nil
	})
}

// Correct applies a reviewer's correction to a held task and pushes it.
func (e *Engine) Correct(ctx context.Context, taskID int64, by string, c Correction) error {
	return e.review(ctx, taskID, by, func(x store.ReviewTask) ([]reviewed, error) {
		row, err := e.corrected(x.Row, c)
		if err != nil {
			return nil, err
		}
		return []reviewed{{row: row, outcome: tracking.Corrected}}, nil
	})
}

// Reject records that a held task is spurious; it is never pushed.
func (e *Engine) Reject(ctx context.Context, taskID int64, by, reason string) error {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return fmt.Errorf("%w: a rejection needs a reason", ErrBadCorrection)
	}
	return e.review(ctx, taskID, by, func(x store.ReviewTask) ([]reviewed, error) {
		return []reviewed{{row: x.Row, outcome: tracking.Rejected, reason: reason}}, nil
	})
}

// Split replaces a held task by several, each the task corrected by one part.
func (e *Engine) Split(ctx context.Context, taskID int64, by string, parts []Correction) error {
	if len(parts) < 2 {
		return fmt.Errorf("%w: a split needs at least two parts", ErrBadCorrection)
	}
	return e.review(ctx, taskID, by, func(x store.ReviewTask) ([]reviewed, error) {
		var out []reviewed
		for i, p := range parts {
			row, err := e.corrected(x.Row, p)
			if err != nil {
				return nil, fmt.Errorf("part %d: %w", i+1, err)
			}
			if i > 0 {
				row.Key = fmt.Sprintf("%s-s%d", x.Row.Key, i+1)
			}
			out = append(out, reviewed{row: row, outcome: tracking.Corrected, reason: fmt.Sprintf("tách thành %d nhiệm vụ", len(parts))})
		}
		return out, nil
	})
}

// Merge replaces several held tasks of one directive by the first, corrected.
func (e *Engine) Merge(ctx context.Context, taskIDs []int64, by string, c Correction) error {
	if len(taskIDs) < 2 {
		return fmt.Errorf("%w: a merge needs at least two tasks", ErrBadCorrection)
	}
	return e.reviewMany(ctx, taskIDs, by, func(xs []store.ReviewTask) ([]reviewed, error) {
		row, err := e.corrected(xs[0].Row, c)
		if err != nil {
			return nil, err
		}
		out := []reviewed{{row: row, outcome: tracking.Corrected, reason: fmt.Sprintf("gộp %d nhiệm vụ", len(xs))}}
		for _, x := range xs[1:] {
			if x.DocumentID != xs[0].DocumentID {
				return nil, fmt.Errorf("%w: tasks of different directives cannot be merged", ErrBadCorrection)
			}
			out[0].sources = append(out[0].sources, x)
		}
		return out, nil
	})
}

// Add records a task the extractor missed, from its sentence in the directive's
// text, and pushes it.
func (e *Engine) Add(ctx context.Context, documentPortalID, by string, c Correction) (string, error) {
	c.Sentence = strings.TrimSpace(c.Sentence)
	if c.Sentence == "" {
		return "", fmt.Errorf("%w: select the task's sentence in the directive", ErrBadCorrection)
	}
	if c.Content == "" {
		c.Content = c.Sentence
	}
	if len(c.Lead) == 0 {
		return "", fmt.Errorf("%w: an added task needs its lead unit", ErrBadCorrection)
	}
	var key string
	err := e.st.InTx(ctx, func(tx pgx.Tx) error {
		docs, err := e.st.DirectiveTexts(ctx, []string{documentPortalID})
		if err != nil {
			return err
		}
		d, ok := docs[documentPortalID]
		if !ok {
			return fmt.Errorf("%w: no directive %s", ErrBadCorrection, documentPortalID)
		}
		if !tracking.Contains(d.Text, c.Sentence) {
			return fmt.Errorf("%w: the sentence is not in the text of directive %s", ErrBadCorrection, d.Reference)
		}
		row, err := e.corrected(store.TaskRow{MustReport: true}, c)
		if err != nil {
			return err
		}
		row.Sentence = c.Sentence
		id, _ := parseID(documentPortalID)
		row.Key = fmt.Sprintf("%d-a%s", id, tracking.SentenceHash(c.Sentence)[:10])
		row.Ordinal = 1000
		now := e.opts.Now()
		row.Review, row.ReviewBy, row.ReviewAt = string(tracking.Added), by, &now
		taskID, fresh, err := e.st.InsertTask(ctx, tx, d.ID, row, now)
		if err != nil {
			return err
		}
		if !fresh {
			return fmt.Errorf("%w: this sentence's task was already added", ErrNotHeld)
		}
		key = row.Key
		ref := connectors.Document{ID: id, Reference: d.Reference}
		return e.recordReviews(ctx, tx, ref, by, now, []reviewed{{row: row, outcome: tracking.Added, id: taskID}})
	})
	return key, err
}

// AcceptAlias stores spelling as an alias of a directory unit (offered when a
// reviewer corrects a lead whose written name the directory did not know).
func (e *Engine) AcceptAlias(ctx context.Context, spelling string, unit store.UnitRef, by string) error {
	spelling = strings.TrimSpace(spelling)
	if spelling == "" || unit.Code == "" {
		return fmt.Errorf("%w: an alias needs the spelling and a directory unit", ErrBadCorrection)
	}
	err := e.st.AddAlias(ctx, connectors.FoldVietnamese(spelling), store.Alias{Spelling: spelling, UnitCode: unit.Code,
		UnitName: unit.Name, By: by, At: e.opts.Now()})
	if err == nil {
		e.opts.Logger.Info().Str("event", "review.alias_added").Str("unit", unit.Code).Str("by", by).Msg("unit alias accepted")
	}
	return err
}

// reviewed is one task a review action produces.
type reviewed struct {
	row     store.TaskRow
	outcome tracking.ReviewState
	reason  string
	id      int64              // the task's id once stored
	sources []store.ReviewTask // further held tasks it replaces (merge)
}

func (e *Engine) review(ctx context.Context, taskID int64, by string, decide func(store.ReviewTask) ([]reviewed, error)) error {
	return e.reviewMany(ctx, []int64{taskID}, by, func(xs []store.ReviewTask) ([]reviewed, error) { return decide(xs[0]) })
}

// reviewMany runs one review action in one transaction: the tasks are locked, must
// still be held, and leave that state together with their pushes, so of two
// reviewers racing only the first is recorded and pushed.
func (e *Engine) reviewMany(ctx context.Context, ids []int64, by string, decide func([]store.ReviewTask) ([]reviewed, error)) error {
	if strings.TrimSpace(by) == "" {
		return errors.New("review: who reviewed is required")
	}
	sorted := append([]int64(nil), ids...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i] < sorted[j] }) // lock order: no deadlock between two merges
	err := e.st.InTx(ctx, func(tx pgx.Tx) error {
		byID := map[int64]store.ReviewTask{}
		for _, id := range sorted {
			x, err := e.st.LockTask(ctx, tx, id)
			if err != nil {
				return err
			}
			if x.ReviewState != string(tracking.Held) || status.State(x.State) == status.Cancelled {
				return fmt.Errorf("task %s: %w", x.Row.Key, ErrNotHeld)
			}
			byID[id] = x
		}
		xs := make([]store.ReviewTask, 0, len(ids))
		for _, id := range ids {
			xs = append(xs, byID[id])
		}
		out, err := decide(xs)
		if err != nil {
			return err
		}
		now := e.opts.Now()
		first := xs[0]
		id, _ := parseID(first.DocumentPortalID)
		ref := connectors.Document{ID: id, Reference: first.Reference}
		for i := range out {
			r := &out[i]
			r.sources = append([]store.ReviewTask{first}, r.sources...)
			if i == 0 {
				r.id = first.ID
				if ok, err := e.st.SetReview(ctx, tx, first.ID, string(r.outcome), by, now, r.reason); err != nil {
					return err
				} else if !ok {
					return fmt.Errorf("task %s: %w", first.Row.Key, ErrNotHeld)
				}
				if r.outcome == tracking.Corrected {
					if err := e.st.UpdateTaskFields(ctx, tx, first.ID, r.row, now); err != nil {
						return err
					}
				}
				continue
			}
			r.row.Review, r.row.ReviewBy, r.row.ReviewAt, r.row.ReviewNote = string(r.outcome), by, &now, r.reason
			newID, fresh, err := e.st.InsertTask(ctx, tx, first.DocumentID, r.row, now)
			if err != nil {
				return err
			}
			if !fresh {
				return fmt.Errorf("task %s: %w", r.row.Key, ErrNotHeld)
			}
			r.id = newID
			if _, err := e.st.AppendEvent(ctx, tx, newID, store.EventRow{Key: r.row.Key + ":assigned", Kind: string(tracking.Assigned),
				At: now, Actor: by, ToState: string(status.Assigned)}); err != nil {
				return err
			}
		}
		// Merged tasks: recorded as folded into the first, and closed.
		if len(out) > 0 {
			for _, x := range out[0].sources[1:] {
				note := "gộp vào nhiệm vụ " + first.Row.Key
				if ok, err := e.st.SetReview(ctx, tx, x.ID, string(tracking.Rejected), by, now, note); err != nil {
					return err
				} else if !ok {
					return fmt.Errorf("task %s: %w", x.Row.Key, ErrNotHeld)
				}
				if _, err := e.st.AppendEvent(ctx, tx, x.ID, store.EventRow{Key: x.Row.Key + ":merged", Kind: string(tracking.Cancelled), At: now,
					Actor: by, Note: note, ToState: string(status.Cancelled)}); err != nil {
					return err
				}
				if _, err := e.deriveAndQueue(ctx, tx, []int64{x.ID}, false); err != nil {
					return err
				}
			}
		}
		return e.recordReviews(ctx, tx, ref, by, now, out)
	})
	if err == nil {
		e.pushSoon()
	}
	return err
}

// pushSoon delivers a review's push-backs at once, in the background, rather than
// at the next cycle (rules.md §9: a confirmed task reaches the portal when the
// Office confirms it). Outbox claims make it safe beside a cycle's own delivery;
// before this process's first cycle (no liveness session yet) the next cycle
// sends them.
func (e *Engine) pushSoon() {
	e.mu.Lock()
	if e.session == nil {
		e.mu.Unlock()
		return
	}
	e.pushes.Add(1)
	e.mu.Unlock()
	go func() {
		defer e.pushes.Done()
		if !e.pushing.TryLock() {
			return // a push is under way and sends what is due; the next cycle the rest
		}
		defer e.pushing.Unlock()
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if _, err := e.deliver.Drain(ctx); err != nil {
			e.opts.Logger.Debug().Str("event", "outbox.retry").Err(err).Msg("reviewed tasks: push-back left to the next cycle")
		}
	}()
}

// recordReviews writes the review rows and history, re-derives and pushes the
// reviewed tasks, and queues the one note that tells the clerks the Office
// reviewed them.
func (e *Engine) recordReviews(ctx context.Context, tx pgx.Tx, doc connectors.Document, by string, now time.Time, out []reviewed) error {
	var pushed []store.TaskRow
	var ids []int64
	for _, r := range out {
		rv := store.ReviewRow{DocumentPortalID: strconv.FormatInt(doc.ID, 10), TaskKey: r.row.Key, Outcome: string(r.outcome),
			Sentence: r.row.SentenceOrContent(), Reason: r.reason, By: by, At: now}
		for _, s := range r.sources {
			rv.Sources = append(rv.Sources, s.Row.Key)
			rv.SourceHashes = append(rv.SourceHashes, tracking.SentenceHash(s.Row.SentenceOrContent()))
		}
		if r.outcome == tracking.Added {
			rv.SourceHashes = []string{tracking.SentenceHash(r.row.Sentence)}
		}
		f := r.row
		f.Key, f.Review, f.ReviewForce, f.ReviewBy, f.ReviewAt, f.ReviewNote, f.PreviousSentence = "", "", false, "", nil, "", ""
		rv.Fields = f
		reviewID, err := e.st.PutReview(ctx, tx, rv)
		if err != nil {
			return err
		}
		note := map[tracking.ReviewState]string{tracking.Confirmed: "Văn phòng xác nhận nhiệm vụ", tracking.Corrected: "Văn phòng hiệu chỉnh nhiệm vụ",
			tracking.Rejected: "Văn phòng loại nhiệm vụ", tracking.Added: "Văn phòng bổ sung nhiệm vụ"}[r.outcome]
		if r.reason != "" {
			note += ": " + r.reason
		}
		if _, err := e.st.AppendEvent(ctx, tx, r.id, store.EventRow{Key: fmt.Sprintf("%s:review:%d", r.row.Key, reviewID),
			Kind: string(tracking.OfReview(r.outcome)), At: now, Actor: by, Note: note,
			Payload: map[string]any{"outcome": r.outcome, "review_id": reviewID}}); err != nil {
			return err
		}
		if r.outcome == tracking.Rejected {
			if _, err := e.st.AppendEvent(ctx, tx, r.id, store.EventRow{Key: r.row.Key + ":rejected", Kind: string(tracking.Cancelled), At: now,
				Actor: by, Note: note, ToState: string(status.Cancelled)}); err != nil {
				return err
			}
		} else {
			pushed = append(pushed, r.row)
		}
		ids = append(ids, r.id)
		if m := e.opts.Metrics; m != nil && m.ReviewOutcomes != nil {
			m.ReviewOutcomes.WithLabelValues(string(r.outcome)).Inc()
		}
		e.opts.Logger.Info().Str("event", "review.recorded").Str("task", r.row.Key).Str("outcome", string(r.outcome)).
			Str("by", by).Msg("the Office reviewed a task")
	}
	if _, err := e.deriveAndQueue(ctx, tx, ids, true); err != nil {
		return err
	}
	if len(pushed) == 0 || doc.ID == 0 {
		return nil
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Văn phòng đã rà soát và ghi nhận %d nhiệm vụ từ văn bản %s:", len(pushed), reference(doc))
	for i, t := range pushed {
		fmt.Fprintf(&b, "\n%d. %s – %s.", i+1, leadWords(t), dueWords(t))
	}
	_, err := outbox.EnqueueComment(ctx, e.st, tx, doc.ID, fmt.Sprintf("review-%s-%d", pushed[0].Key, now.UnixNano()), b.String())
	return err
}

func leadWords(t store.TaskRow) string {
	if len(t.Lead) == 0 {
		return "chưa xác định đơn vị chủ trì"
	}
	names := make([]string, len(t.Lead))
	for j, u := range t.Lead {
		names[j] = u.Name
	}
	return strings.Join(names, ", ")
}

func dueWords(t store.TaskRow) string {
	if t.Effective == nil {
		return "không có thời hạn"
	}
	if t.DeadlineTime != "" {
		return "hạn " + t.DeadlineTime + " ngày " + t.Effective.Format("02/01/2006")
	}
	return "hạn " + t.Effective.Format("02/01/2006")
}

// corrected applies c to row. The deadline in force follows the date (rolled to
// a working day by the rules' CorrectedDeadline).
func (e *Engine) corrected(row store.TaskRow, c Correction) (store.TaskRow, error) {
	if s := strings.TrimSpace(c.Content); s != "" {
		row.Content = s
	}
	if len(c.Lead) > 0 {
		for _, u := range c.Lead {
			if strings.TrimSpace(u.Name) == "" {
				return row, fmt.Errorf("%w: a lead unit needs its name", ErrBadCorrection)
			}
		}
		row.Lead = c.Lead
		row.Flags = without(row.Flags, tracking.FlagLeadUnrecognised)
	}
	if len(c.Coordinating) > 0 || c.SetCoordinating {
		row.Coordinating = c.Coordinating
	}
	switch c.Recurrence {
	case "", "monthly", "quarterly", "half_yearly", "yearly":
	default:
		return row, fmt.Errorf("%w: recurrence %q is not monthly, quarterly, half_yearly or yearly", ErrBadCorrection, c.Recurrence)
	}
	if c.DeadlineTime != "" {
		if _, err := time.Parse("15:04", c.DeadlineTime); err != nil {
			return row, fmt.Errorf("%w: deadline time %q is not HH:MM", ErrBadCorrection, c.DeadlineTime)
		}
	}
	switch {
	case c.ClearDeadline:
		row.Nominal, row.Effective, row.DueAt, row.DeadlineTime, row.Recurrence, row.DeadlineText = nil, nil, nil, "", "", ""
		if !contains(row.Flags, tracking.FlagNoDeadline) {
			row.Flags = append(row.Flags, tracking.FlagNoDeadline)
		}
	case c.Deadline != nil:
		d := c.Deadline.In(connectors.Zone)
		nom := time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, connectors.Zone)
		eff, due := e.rules.CorrectedDeadline(nom, c.DeadlineTime)
		row.Nominal, row.Effective, row.DueAt = &nom, &eff, &due
		row.DeadlineTime, row.Recurrence = c.DeadlineTime, c.Recurrence
		row.DeadlineText = "hiệu chỉnh: " + nom.Format("02/01/2006")
		if c.DeadlineTime != "" {
			row.DeadlineText = "hiệu chỉnh: " + c.DeadlineTime + " ngày " + nom.Format("02/01/2006")
		}
		row.Flags = without(without(row.Flags, tracking.FlagNoDeadline), tracking.FlagDeadlineBeforeIssue)
	case c.Recurrence != "" && row.Nominal != nil:
		row.Recurrence = c.Recurrence
	}
	return row, nil
}

func endOf(day time.Time, hhmm string) time.Time {
	if t, err := time.Parse("15:04", hhmm); err == nil {
		return time.Date(day.Year(), day.Month(), day.Day(), t.Hour(), t.Minute(), 0, 0, connectors.Zone)
	}
	return time.Date(day.Year(), day.Month(), day.Day(), 23, 59, 59, 0, connectors.Zone)
}

// remindHeld queues one reminder for each held task whose review passed the
// profile's entry limit (rules.md §9: an overdue review is a reminder). The note
// names the directive and the count, never the held task's content.
func (e *Engine) remindHeld(ctx context.Context) (int, error) {
	now := e.opts.Now()
	// Reminders are on, and it is their hour (working hours, no maintenance).
	if e.rules.Reminders == nil || !e.rules.Reminders.Open(now) {
		return 0, nil
	}
	held, err := e.st.ListTasks(ctx, store.TaskFilter{ReviewState: string(tracking.Held), WithoutReminder: "held_overdue"})
	if err != nil {
		return 0, err
	}
	queued := 0
	for _, t := range held {
		due, ok := e.rules.ReviewDue(t, now)
		if !ok || !now.After(due) {
			continue
		}
		docID, err := parseID(t.DocumentPortalID)
		if err != nil {
			continue
		}
		err = e.st.InTx(ctx, func(tx pgx.Tx) error {
			first, err := e.st.MarkReminder(ctx, tx, t.ID, "held_overdue", &due, now)
			if err != nil || !first {
				return err
			}
			ref := strings.Trim(t.DocumentNumber+"/"+t.DocumentNotation, "/")
			text := fmt.Sprintf("Nhắc việc: một nhiệm vụ của văn bản %s đang chờ Văn phòng rà soát đã quá thời hạn nhập nhiệm vụ (%s).",
				ref, due.In(connectors.Zone).Format("15:04 02/01/2006"))
			if _, err := outbox.EnqueueComment(ctx, e.st, tx, docID, "rem-"+t.Key+"-held_overdue", text); err != nil {
				return err
			}
			queued++
			if m := e.opts.Metrics; m != nil {
				m.Reminders.WithLabelValues("held_overdue").Inc()
			}
			e.opts.Logger.Info().Str("event", "reminder.queued").Str("task", t.Key).Str("kind", "held_overdue").Msg("reminder queued")
			return nil
		})
		if err != nil {
			return queued, err
		}
	}
	return queued, nil
}
