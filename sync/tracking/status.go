package tracking

import (
	"encoding/json"
	"fmt"
	"time"

	"cddh-sync/connectors"
	"cddh-sync/rules/calendar"
	"cddh-sync/rules/profile"
	"cddh-sync/rules/status"
	"cddh-sync/sync/store"
)

// Derivation is the status machine's verdict on a task at a moment.
type Derivation struct {
	store.Derived
	Warnings []Warning // illegal, out-of-order or unreadable events, recorded and ignored
}

// Warning is why an event did not fit the task's state.
type Warning struct {
	EventKey string
	Why      string
}

// StatusInput describes a task to the status machine: assigned when its directive
// was issued, due at the end of its effective deadline day (calendar.EndOfDay) or at
// the written time on that day.
func StatusInput(key string, issued, effective *time.Time, deadlineTime string) (status.TaskInput, error) {
	in := status.TaskInput{Key: key}
	if issued != nil {
		in.AssignedAt = *issued
	}
	if effective == nil {
		return in, nil
	}
	in.Deadline = calendar.EndOfDay(*effective)
	if deadlineTime == "" {
		return in, nil
	}
	tod, err := time.Parse("15:04", deadlineTime)
	if err != nil {
		return in, fmt.Errorf("tracking: task %s: deadline time %q is not HH:MM", key, deadlineTime)
	}
	d := effective.In(connectors.Zone)
	in.Deadline = time.Date(d.Year(), d.Month(), d.Day(), tod.Hour(), tod.Minute(), 0, 0, connectors.Zone)
	in.DeadlineHasTime = true
	return in, nil
}

// DueAt is the moment a task with this deadline falls due, as stored in tasks.due_at.
func DueAt(effective time.Time, deadlineTime string) (time.Time, error) {
	in, err := StatusInput("", nil, &effective, deadlineTime)
	return in.Deadline, err
}

// actionPayload is what the engine stores with a clerk action (sync/engine/actions.go).
type actionPayload struct {
	DocumentID    int64  `json:"document_id"`
	NewDue        string `json:"new_due"`
	NewDueHasTime bool   `json:"new_due_has_time"`
}

// StatusEvents maps stored events onto the status machine's. An event that cannot
// be read (an unknown kind, a payload that does not parse, an extension without a
// valid new due date) is left out and returned as a Warning naming it: the task's
// status is derived from the rest, and the warning is logged and shown.
func StatusEvents(evs []store.EventRow) ([]status.Event, []Warning) {
	out := make([]status.Event, 0, len(evs))
	var warns []Warning
	for _, e := range evs {
		se, ok, err := statusEvent(e)
		if err != nil {
			warns = append(warns, Warning{EventKey: e.Key, Why: err.Error()})
			continue
		}
		if ok {
			out = append(out, se)
		}
	}
	return out, warns
}

func statusEvent(e store.EventRow) (status.Event, bool, error) {
	kind, ok, err := statusKind(Kind(e.Kind))
	if err != nil || !ok {
		return status.Event{}, false, err
	}
	se := status.Event{Kind: kind, Key: e.Key, At: e.At, Actor: e.Actor, Note: e.Note}
	if _, isAction := status.KindOfAction(connectors.ActionKind(e.Kind)); !isAction {
		return se, true, nil
	}
	var p actionPayload
	if raw := payloadBytes(e.Payload); len(raw) > 0 {
		if err := json.Unmarshal(raw, &p); err != nil {
			return se, false, fmt.Errorf("event %s: payload: %v", e.Key, err)
		}
	}
	if p.NewDue != "" {
		t, err := time.Parse(time.RFC3339, p.NewDue)
		if err != nil {
			return se, false, fmt.Errorf("event %s: new_due %q is not RFC 3339", e.Key, p.NewDue)
		}
		se.NewDeadline, se.NewDeadlineHasTime = t, p.NewDueHasTime
	} else if kind == status.EventExtended {
		return se, false, fmt.Errorf("event %s: an extension without a new due date", e.Key)
	}
	if p.DocumentID != 0 {
		se.DocID = fmt.Sprint(p.DocumentID)
	}
	return se, true, nil
}

// payloadBytes reads a stored payload: raw JSON from the store, or a value the
// engine is about to store.
func payloadBytes(p any) []byte {
	switch v := p.(type) {
	case nil:
		return nil
	case json.RawMessage:
		return v
	case []byte:
		return v
	default:
		b, _ := json.Marshal(v)
		return b
	}
}

// Replay derives a task's status at now from its events.
func (r *Rules) Replay(in status.TaskInput, evs []store.EventRow, now time.Time) (status.Result, []Warning) {
	ses, warns := StatusEvents(evs)
	return status.Replay(in, ses, now, r.Calendar, r.Profile), warns
}

// Derive is the engine's derivation of a stored task at now: its state, the
// profile's words, the deadline in force and the warnings of events that did not fit.
func (r *Rules) Derive(t store.DeriveInput, evs []store.EventRow, now time.Time) Derivation {
	in, err := StatusInput(t.Key, t.IssuedAt, t.Effective, t.DeadlineTime)
	var warns []Warning
	if err != nil {
		warns = append(warns, Warning{EventKey: t.Key, Why: err.Error()})
	}
	res, w := r.Replay(in, evs, now)
	d := Derivation{Derived: DerivedOf(res), Warnings: append(warns, w...)}
	for _, h := range res.History {
		if h.Warning != "" {
			d.Warnings = append(d.Warnings, Warning{EventKey: h.Key, Why: h.Warning})
		}
	}
	return d
}

// CancelledStatus is the profile's words for a cancelled task (rules.md §4), the
// status of the tombstone that overwrites a task record on the portal when its
// directive is later marked secret.
func (r *Rules) CancelledStatus() string {
	return r.Profile.Text(profile.StateCancelled, profile.Pending, "")
}

// View derives a stored task's status at now from its history, for the commands
// and the dashboard.
func (r *Rules) View(t store.TaskView, evs []store.EventRow, now time.Time) status.Result {
	in, _ := StatusInput(t.Key, t.DocumentIssuedAt, t.Effective, t.DeadlineTime) // stored by the engine, already checked
	res, _ := r.Replay(in, evs, now)
	return res
}

// DerivedOf is what the store keeps of a derivation.
func DerivedOf(res status.Result) store.Derived {
	return store.Derived{State: string(res.State), StatusText: res.StatusText, DueAt: res.Deadline,
		Extensions: res.Extensions, ReportedAt: res.ReportedAt, DecidedAt: res.DecidedAt}
}

// StatusText is a stored task's status in words: the profile's words last derived,
// or the state itself before the first derivation.
func StatusText(t store.TaskView, _ time.Time) string {
	if t.StatusText != "" {
		return t.StatusText
	}
	return t.State
}
