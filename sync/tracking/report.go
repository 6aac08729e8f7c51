package tracking

import (
	"time"

	"cddh-sync/rules/profile"
	"cddh-sync/rules/status"
	"cddh-sync/sync/report"
	"cddh-sync/sync/store"
)

// Classify maps a derived status onto the report's categories (rules.md §6): done on
// time or late, awaiting approval, returned, cancelled, and the open tasks by whether
// the unit acknowledged them and whether they are overdue, with the working days
// overdue.
func (r *Rules) Classify(res status.Result, now time.Time) report.Classification {
	c := report.Classification{StatusText: res.StatusText}
	late := res.Timeliness == status.Late
	switch res.State {
	case status.Approved:
		c.Category = report.DoneOnTime
		if late {
			c.Category = report.DoneLate
		}
	case status.Reported:
		c.Category = report.AwaitingApproval
	case status.Returned:
		c.Category = report.Returned
	case status.Cancelled:
		c.Category = report.Cancelled
	default: // the open states (status.State.Open)
		switch {
		case res.Acknowledged && late:
			c.Category = report.InProgressOverdue
		case res.Acknowledged:
			c.Category = report.InProgressOnTime
		case late:
			c.Category = report.NotStartedOverdue
		default:
			c.Category = report.NotStartedOnTime
		}
		if late && res.Deadline != nil {
			c.OverdueWorkday = max(r.Calendar.WorkdaysBetween(*res.Deadline, now), 1) // late since the deadline's own evening
		}
	}
	return c
}

// ReportClass classifies a stored task for the periodic report at now: its category
// and words from its history, and its compliance lags.
func (r *Rules) ReportClass(t store.TaskView, evs []store.EventRow, now time.Time) report.Classification {
	c := r.Classify(r.View(t, evs, now), now)
	c.Lags = r.Lags(t, now)
	return c
}

// Lags measures the task's compliance lags (rules.md §5) from the portal's own
// timestamps, against the profile's limits. Entry: the directive's issue to the
// portal's first record of it (the adapter's extraction time when the portal gave
// none). Update: the report's issue to the portal's record of it. Review: that
// record to the Office's decision, or to now while the report waits.
func (r *Rules) Lags(t store.TaskView, now time.Time) []report.Lag {
	var out []report.Lag
	base := status.LagInput{Urgent: r.Profile.IsUrgent(t.DocumentUrgency), DeadlineHasTime: t.DeadlineTime != ""}
	if t.DueAt != nil {
		base.Deadline = *t.DueAt
	}
	add := func(ob status.Obligation, name string, from, done time.Time) {
		in := base
		in.From, in.Done = from, done
		if l := status.Measure(ob, in, now, r.Calendar, r.Profile); l.Measured {
			out = append(out, report.Lag{Obligation: name, Workdays: l.Workdays, Breach: l.Breach})
		}
	}
	if t.DocumentIssuedAt != nil {
		entered := t.CreatedAt
		if t.DocumentRecordedAt != nil {
			entered = *t.DocumentRecordedAt
		}
		// rules.md §9: a task held for the Office's review is entered when
		// reviewed; while it waits, its entry lag runs.
		switch ReviewState(t.ReviewState) {
		case Held:
			entered = time.Time{}
		case Confirmed, Corrected, Rejected, Added:
			if t.ReviewAt != nil {
				entered = *t.ReviewAt
			}
		}
		add(status.ObligationEntry, report.ObligationEntry, *t.DocumentIssuedAt, entered)
	}
	if t.ReportRecordedAt != nil {
		if t.ReportedAt != nil {
			add(status.ObligationUpdate, report.ObligationUpdate, *t.ReportedAt, *t.ReportRecordedAt)
		}
		switch {
		case t.DecidedAt != nil:
			add(status.ObligationReview, report.ObligationReview, *t.ReportRecordedAt, *t.DecidedAt)
		case t.State == string(status.Reported):
			add(status.ObligationReview, report.ObligationReview, *t.ReportRecordedAt, time.Time{})
		}
	}
	return out
}

// Labels are the report's headings in the profile's words; a state the profile gives
// no words for keeps Đồng Tháp's.
func (r *Rules) Labels() report.Labels {
	l := report.DefaultLabels
	set := func(dst *string, state, timeliness string) {
		if w := r.Profile.Text(state, timeliness, ""); w != "" {
			*dst = w
		}
	}
	set(&l.DoneOnTime, profile.StateApproved, profile.OnTime)
	set(&l.DoneLate, profile.StateApproved, profile.Late)
	set(&l.InProgressOnTime, profile.StateInProgress, profile.OnTime)
	set(&l.InProgressOverdue, profile.StateInProgress, profile.Late)
	set(&l.NotStartedOnTime, profile.StateAssigned, profile.OnTime)
	set(&l.NotStartedOverdue, profile.StateAssigned, profile.Late)
	set(&l.AwaitingApproval, profile.StateReported, profile.Pending)
	set(&l.Returned, profile.StateReturned, profile.Pending)
	set(&l.Cancelled, profile.StateCancelled, profile.Pending)
	if l.DoneOnTime == l.DoneLate { // a profile with one word for both keeps them apart
		l.DoneOnTime, l.DoneLate = report.DefaultLabels.DoneOnTime, report.DefaultLabels.DoneLate
	}
	return l
}
