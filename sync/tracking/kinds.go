package tracking

import (
	"fmt"

	"cddh-sync/connectors"
	"cddh-sync/rules/status"
)

// Kind is the kind of a stored task event (task_events.kind). Every kind the
// adapter writes is one of these constants or a clerk action (connectors.ActionKind).
type Kind string

// The event kinds the adapter records itself.
const (
	// Assigned: a directive (or a new version of it) assigns the task.
	Assigned Kind = "assigned"
	// ReportSent: the unit's report arrived (At is the report's ngayBanHanh).
	ReportSent Kind = "report_sent"
	// Cancelled: a new version of the directive no longer has the task.
	Cancelled Kind = "cancelled"
	// Withdrawn: the directive was withdrawn on the portal (THU_HOI).
	Withdrawn Kind = "THU_HOI"
	// Replaced: the directive was replaced on the portal (THAY_THE).
	Replaced Kind = "THAY_THE"
	// MovedTo and MovedFrom record that a replaced directive's open task moved to
	// its replacement's matching task; the status follows from Replaced and the
	// new task's own history, so these are informational.
	MovedTo   Kind = "moved_to"
	MovedFrom Kind = "moved_from"
)

// OfAction is the event kind of a clerk action.
func OfAction(a connectors.ActionKind) Kind { return Kind(a) }

// OfReview is the event kind recording a task's review state: review_held when the
// policy held it, review_confirmed … when a specialist decided (rules.md §9). The
// review decides what reaches the portal, not the task's status, so these are
// informational.
func OfReview(s ReviewState) Kind { return Kind("review_" + string(s)) }

// informational kinds carry no status event.
var informational = func() map[Kind]bool {
	m := map[Kind]bool{MovedTo: true, MovedFrom: true}
	for _, s := range ReviewStates() {
		m[OfReview(s)] = true
	}
	return m
}()

// statusKind maps a stored kind onto the status machine's; ok is false for an
// informational kind. An unknown kind is an error: nothing is dropped silently.
func statusKind(k Kind) (kind status.EventKind, ok bool, err error) {
	switch k {
	case Assigned:
		return status.EventAssigned, true, nil
	case ReportSent:
		return status.EventReported, true, nil
	case Cancelled:
		return status.EventCancelled, true, nil
	case Withdrawn:
		return status.EventWithdrawn, true, nil
	case Replaced:
		return status.EventReplaced, true, nil
	}
	if informational[k] {
		return "", false, nil
	}
	if sk, known := status.KindOfAction(connectors.ActionKind(k)); known {
		return sk, true, nil
	}
	return "", false, fmt.Errorf("tracking: unknown event kind %q", k)
}

// IsReview reports whether k records a review state (OfReview).
func (k Kind) IsReview() bool {
	for _, s := range ReviewStates() {
		if k == OfReview(s) {
			return true
		}
	}
	return false
}
