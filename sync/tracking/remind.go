package tracking

import (
	"time"

	"cddh-sync/rules/remind"
	"cddh-sync/sync/store"
)

// Reminders decide the reminder notes of stored tasks with rules/remind.
type Reminders struct{ Policy remind.Policy }

// Open reports whether reminders may be written at now.
func (r Reminders) Open(now time.Time) bool { return r.Policy.Open(now) }

// Horizon is the latest deadline that can need a reminder at now.
func (r Reminders) Horizon(now time.Time) time.Time { return r.Policy.Horizon(now) }

// Due returns the reminder kind a candidate needs at now and its text, or "" for none.
func (r Reminders) Due(c store.RemindCandidate, now time.Time) (kind, text string) {
	t := remind.Task{State: c.State, Due: c.DueAt, ReportedAt: c.ReportedAt, Urgent: r.Policy.Profile.IsUrgent(c.Urgency),
		Content: c.Content, Reference: c.Reference}
	if len(c.Lead) > 0 {
		t.Lead = c.Lead[0].Name
	}
	k := r.Policy.Due(t, now)
	if k == "" {
		return "", ""
	}
	return string(k), r.Policy.Text(k, t, now)
}
