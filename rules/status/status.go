package status

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"cddh-sync/connectors"
	"cddh-sync/rules/calendar"
	"cddh-sync/rules/profile"
)

// State is a task's internal state (rules.md §4). The profile gives its words.
type State string

// The states of rules.md §4.
const (
	Assigned   State = profile.StateAssigned   // tracked, the unit has not started
	InProgress State = profile.StateInProgress // the unit acknowledged / started
	Urged      State = profile.StateUrged      // the Office is chasing it
	Reported   State = profile.StateReported   // the unit sent its report; awaiting the Office
	Approved   State = profile.StateApproved   // the Office confirmed completion
	Rejected   State = profile.StateRejected   // the Office refused the result; redo
	Returned   State = profile.StateReturned   // sent back as mis-assigned (002 Đ9.1, 003 Đ6.2a)
	Cancelled  State = profile.StateCancelled  // the directive was withdrawn, replaced or the task cancelled
)

// Open reports whether the unit still owes work on a task in state s: not yet
// reported, or its report rejected (it must redo it).
func (s State) Open() bool {
	switch s {
	case Assigned, InProgress, Urged, Rejected:
		return true
	}
	return false
}

// Timeliness is derived at `now`, never stored (001 Đ5.1).
type Timeliness string

// Timeliness values. Pending: not judged (no deadline, or the task left tracking).
const (
	OnTime  Timeliness = profile.OnTime
	Late    Timeliness = profile.Late
	Pending Timeliness = profile.Pending
)

// EventKind is what happened to a task.
type EventKind string

// The events of the machine. Clerk actions map from connectors.ActionKind
// with KindOfAction.
const (
	EventAssigned     EventKind = "assigned"     // a new or changed directive assigns the task
	EventReported     EventKind = "reported"     // the unit sent its report (At = the report's ngayBanHanh)
	EventAcknowledged EventKind = "acknowledged" // TIEP_NHAN
	EventApproved     EventKind = "approved"     // DUYET
	EventRejected     EventKind = "rejected"     // TU_CHOI
	EventExtended     EventKind = "extended"     // GIA_HAN, with NewDeadline and DocID
	EventReturned     EventKind = "returned"     // TRA_LAI
	EventUrged        EventKind = "urged"        // DON_DOC
	EventCancelled    EventKind = "cancelled"    // HUY
	EventWithdrawn    EventKind = "withdrawn"    // the directive went THU_HOI
	EventReplaced     EventKind = "replaced"     // the directive went THAY_THE
)

// KindOfAction maps a portal clerk action to its event kind.
func KindOfAction(a connectors.ActionKind) (EventKind, bool) {
	switch a {
	case connectors.ActionAcknowledge:
		return EventAcknowledged, true
	case connectors.ActionApprove:
		return EventApproved, true
	case connectors.ActionReject:
		return EventRejected, true
	case connectors.ActionExtend:
		return EventExtended, true
	case connectors.ActionReturn:
		return EventReturned, true
	case connectors.ActionUrge:
		return EventUrged, true
	case connectors.ActionCancel:
		return EventCancelled, true
	}
	return "", false
}

// Event is one thing that happened to a task. Key is deterministic (e.g. the
// portal's action id, or the report's document id): re-applying an event with
// a key already seen is a no-op.
type Event struct {
	Key   string    `json:"key"`
	Kind  EventKind `json:"kind"`
	At    time.Time `json:"at"`
	Actor string    `json:"actor,omitempty"`
	Note  string    `json:"note,omitempty"`
	// NewDeadline is the deadline an extension (or a changed directive) sets;
	// NewDeadlineHasTime says a time of day was written, else it is the end of
	// that day.
	NewDeadline        time.Time `json:"new_deadline,omitzero"`
	NewDeadlineHasTime bool      `json:"new_deadline_has_time,omitempty"`
	DocID              string    `json:"doc_id,omitempty"` // the approving document of an extension
}

// TaskInput is what the machine needs to know of the task itself.
type TaskInput struct {
	Key        string
	AssignedAt time.Time
	// Deadline is the effective deadline (zero: none). Without a written time
	// it means the end of that day, 23:59:59 local (rules.md §3); a deadline on
	// a day off is rolled forward to the next working day.
	Deadline        time.Time
	DeadlineHasTime bool
}

// Entry is one line of a task's history.
type Entry struct {
	At        time.Time  `json:"at"`
	Key       string     `json:"key"`
	Event     EventKind  `json:"event"`
	By        string     `json:"by"`
	Note      string     `json:"note"`
	FromState State      `json:"from_state"`
	ToState   State      `json:"to_state"`
	Deadline  *time.Time `json:"deadline,omitempty"` // set when the event moved the deadline
	Warning   string     `json:"warning,omitempty"`
}

// Result is the task's status derived at `now`.
type Result struct {
	State State `json:"state"`
	// BaseState is the state an urged task was in when the Office urged it;
	// profiles whose urged words inherit use its words.
	BaseState    State      `json:"base_state,omitempty"`
	Acknowledged bool       `json:"acknowledged"`
	StatusText   string     `json:"status_text"`
	Timeliness   Timeliness `json:"timeliness"`
	Penalty      string     `json:"penalty,omitempty"`
	PenaltyCite  string     `json:"penalty_cite,omitempty"`
	// Deadline is the deadline in force at now (extensions included); nil
	// for a task without one. OriginalDeadline is the task's own.
	Deadline         *time.Time `json:"deadline"`
	OriginalDeadline *time.Time `json:"original_deadline"`
	Extensions       int        `json:"extensions"`
	// ReportedAt is the send time of the report that counts for the latest
	// round; DecidedAt the Office's latest approval or rejection.
	ReportedAt *time.Time `json:"reported_at"`
	DecidedAt  *time.Time `json:"decided_at"`
	History    []Entry    `json:"history"`
	Warnings   int        `json:"warnings"`
	// Future counts events dated after now: not applied yet (status is "as of now").
	Future int `json:"future,omitempty"`
}

// deadline is one deadline in force from a moment on.
type deadline struct {
	from    time.Time // zero: from the start
	at      time.Time // 23:59:59 of the day, or the written time
	hasTime bool
}

// late reports whether a moment t missed this deadline: after the written
// time, or on/after the midnight that ends the deadline day.
func (d deadline) late(t time.Time) bool {
	if d.hasTime {
		return t.After(d.at)
	}
	day := d.at.In(connectors.Zone)
	end := time.Date(day.Year(), day.Month(), day.Day()+1, 0, 0, 0, 0, connectors.Zone)
	return !t.Before(end)
}

type machine struct {
	cal          *calendar.Calendar
	state        State
	base         State
	acked        bool
	deadlines    []deadline // in order of taking force; empty: no deadline
	extensions   int
	extDocs      map[string]bool
	roundReport  time.Time // first report of the round awaiting the Office
	countedSent  time.Time // the report that counts for the latest round
	approvedSent time.Time
	decidedAt    time.Time
}

// effectiveDeadline rolls a date forward to a working day and fixes its time.
func effectiveDeadline(cal *calendar.Calendar, t time.Time, hasTime bool) time.Time {
	local := t.In(connectors.Zone)
	d := local
	if cal != nil && !cal.IsWorkingDay(local) {
		d = cal.RollForward(local).In(connectors.Zone)
	}
	if hasTime {
		return time.Date(d.Year(), d.Month(), d.Day(), local.Hour(), local.Minute(), local.Second(), 0, connectors.Zone)
	}
	return calendar.EndOfDay(d)
}

func (m *machine) deadlineAt(t time.Time) (deadline, bool) {
	var cur deadline
	ok := false
	for _, d := range m.deadlines {
		if d.from.IsZero() || !d.from.After(t) {
			cur, ok = d, true
		}
	}
	return cur, ok
}

func (m *machine) open() bool {
	switch m.state {
	case Assigned, InProgress, Urged, Rejected:
		return true
	}
	return false
}

// apply moves the machine by one event and returns its history line. It
// never panics: an event the state does not allow is recorded with a warning
// and changes nothing.
func (m *machine) apply(e Event) Entry {
	en := Entry{At: e.At, Key: e.Key, Event: e.Kind, By: e.Actor, Note: e.Note, FromState: m.state}
	warn := func(format string, args ...any) { en.Warning = fmt.Sprintf(format, args...) }
	setDeadline := func() {
		at := effectiveDeadline(m.cal, e.NewDeadline, e.NewDeadlineHasTime)
		m.deadlines = append(m.deadlines, deadline{from: e.At, at: at, hasTime: e.NewDeadlineHasTime})
		en.Deadline = &at
	}
	switch e.Kind {
	case EventAssigned:
		switch m.state {
		case Cancelled:
			warn("directive changed after the task was cancelled; ignored")
		default:
			if !e.NewDeadline.IsZero() {
				setDeadline() // a changed directive's own deadline: not an extension
			}
			if m.state == Returned {
				// 002 Đ9.1: the Office adjusted and assigned it again.
				m.state, m.acked = Assigned, false
			}
		}
	case EventAcknowledged:
		switch m.state {
		case Assigned:
			m.state, m.acked = InProgress, true
		case Urged:
			// Back to work: a rejected task stays rejected (its words and
			// penalty follow the rejection, 001 Đ5.2b).
			m.state, m.acked = InProgress, true
			if m.base == Rejected {
				m.state = Rejected
			}
			m.base = ""
		case InProgress, Rejected:
			m.acked = true // already started; nothing moves
		case Reported, Approved:
			m.acked = true
			warn("acknowledged after a report was sent")
		default:
			warn("acknowledged a task that is %s", m.state)
		}
	case EventReported:
		switch {
		case m.open():
			m.state, m.base, m.acked = Reported, "", true
			m.roundReport, m.countedSent = e.At, e.At
		case m.state == Reported:
			// A supplement before the Office decides: the first report of the
			// round is the one the unit delivered on (001 Đ5.1).
			if en.Note == "" {
				en.Note = "supplementary report; the first report of this round counts"
			}
		default:
			warn("report on a task that is %s; ignored", m.state)
		}
	case EventApproved:
		switch m.state {
		case Reported:
			m.state = Approved
			m.approvedSent, m.decidedAt = m.roundReport, e.At
			m.roundReport = time.Time{}
		case Approved:
			warn("already approved")
		default:
			warn("approval without a pending report (task is %s); ignored", m.state)
		}
	case EventRejected:
		switch m.state {
		case Reported:
			m.state, m.decidedAt = Rejected, e.At
			m.roundReport = time.Time{}
		default:
			warn("rejection without a pending report (task is %s); ignored", m.state)
		}
	case EventExtended:
		switch {
		case e.NewDeadline.IsZero():
			warn("extension without a new deadline; not counted")
		case e.DocID != "" && m.extDocs[e.DocID]:
			warn("extension document %s already counted", e.DocID)
		case !m.open() && m.state != Reported:
			warn("extension for a task that is %s; ignored", m.state)
		default:
			// 001 Đ5.2d: the deadline moves only now the approving document
			// is here, and every extension is counted.
			setDeadline()
			m.extensions++
			if e.DocID != "" {
				m.extDocs[e.DocID] = true
			}
		}
	case EventUrged:
		switch m.state {
		case Assigned, InProgress, Rejected:
			m.state, m.base = Urged, m.state
		case Urged:
		default:
			warn("urged a task that is %s; ignored", m.state)
		}
	case EventReturned:
		switch {
		case m.open():
			m.state, m.base = Returned, ""
		default:
			warn("returned a task that is %s; ignored", m.state)
		}
	case EventCancelled, EventWithdrawn, EventReplaced:
		if m.state == Cancelled {
			warn("already cancelled")
		} else {
			m.state, m.base = Cancelled, ""
		}
	default:
		warn("unknown event kind %q; ignored", e.Kind)
	}
	en.ToState = m.state
	return en
}

// Replay derives a task's status at now from its events. It is pure and
// deterministic: events are applied by their own timestamps (then key), never
// by arrival order; an event whose key was already applied is a no-op; events
// dated after now are not applied yet. It never panics.
func Replay(task TaskInput, events []Event, now time.Time, cal *calendar.Calendar, p *profile.Profile) Result {
	m := &machine{cal: cal, state: Assigned, extDocs: map[string]bool{}}
	var res Result
	if !task.Deadline.IsZero() {
		at := effectiveDeadline(cal, task.Deadline, task.DeadlineHasTime)
		m.deadlines = []deadline{{at: at, hasTime: task.DeadlineHasTime}}
		res.OriginalDeadline = &at
	}
	for _, e := range Normalise(events) {
		if e.At.After(now) {
			res.Future++
			continue
		}
		en := m.apply(e)
		if en.Warning != "" {
			res.Warnings++
		}
		res.History = append(res.History, en)
	}

	res.State, res.Acknowledged, res.Extensions = m.state, m.acked, m.extensions
	if m.state == Urged {
		res.BaseState = m.base
	}
	if d, ok := m.deadlineAt(now); ok {
		at := d.at
		res.Deadline = &at
	}
	res.Timeliness = m.timeliness(now)
	if !m.countedSent.IsZero() {
		t := m.countedSent
		res.ReportedAt = &t
	}
	if !m.decidedAt.IsZero() {
		t := m.decidedAt
		res.DecidedAt = &t
	}
	if p != nil {
		res.StatusText = p.Text(string(m.state), string(res.Timeliness), string(m.base))
		words := m.state
		if m.state == Urged && p.Words[string(Urged)].Inherit {
			words = m.base // the penalty follows the words shown
		}
		res.Penalty, res.PenaltyCite = p.Penalty(string(words), string(res.Timeliness))
	}
	if res.History == nil {
		res.History = []Entry{}
	}
	return res
}

// timeliness judges the task at now. 001 Đ5.1: a sent report is judged by
// the moment it was SENT against the deadline in force at that moment,
// whatever the Office decided later; an open task by now.
func (m *machine) timeliness(now time.Time) Timeliness {
	judge := func(t time.Time) Timeliness {
		d, ok := m.deadlineAt(t)
		if !ok {
			return Pending
		}
		if d.late(t) {
			return Late
		}
		return OnTime
	}
	switch m.state {
	case Reported:
		return judge(m.roundReport)
	case Approved:
		return judge(m.approvedSent)
	case Returned, Cancelled:
		return Pending
	}
	// 001 Đ5.2b: a result rejected before the deadline reads "trong hạn"
	// until the deadline passes with no new report.
	return judge(now)
}

// Normalise returns the events in application order: by their own time, then
// key, then content, with a missing key derived from the content and every
// repeated key dropped (the first in that order wins). Any permutation of the
// same events gives the same slice.
func Normalise(events []Event) []Event {
	evs := slices.Clone(events)
	for i := range evs {
		if evs[i].Key == "" {
			evs[i].Key = derivedKey(evs[i])
		}
	}
	slices.SortFunc(evs, compareEvents)
	seen := make(map[string]bool, len(evs))
	out := evs[:0]
	for _, e := range evs {
		if seen[e.Key] {
			continue
		}
		seen[e.Key] = true
		out = append(out, e)
	}
	return out
}

func derivedKey(e Event) string {
	return strings.Join([]string{string(e.Kind), e.At.UTC().Format(time.RFC3339Nano), e.DocID,
		e.NewDeadline.UTC().Format(time.RFC3339Nano), e.Actor}, "|")
}

func compareEvents(a, b Event) int {
	return cmp.Or(
		a.At.Compare(b.At),
		cmp.Compare(a.Key, b.Key),
		cmp.Compare(a.Kind, b.Kind),
		cmp.Compare(a.DocID, b.DocID),
		a.NewDeadline.Compare(b.NewDeadline),
		boolCmp(a.NewDeadlineHasTime, b.NewDeadlineHasTime),
		cmp.Compare(a.Actor, b.Actor),
		cmp.Compare(a.Note, b.Note),
	)
}

func boolCmp(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}
