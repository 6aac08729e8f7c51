package status

import (
	"time"

	"cddh-sync/rules/calendar"
	"cddh-sync/rules/profile"
)

// Obligation is one of the time limits on people of rules.md §5.
type Obligation string

// The obligations the adapter measures from the portal's timestamps.
const (
	ObligationEntry  Obligation = "entry"  // the Office enters a directive's tasks
	ObligationUpdate Obligation = "update" // the unit records its report
	ObligationReview Obligation = "review" // the Office reviews a report
)

// LagInput holds the timestamps of one obligation.
type LagInput struct {
	// From is the moment that starts the clock: the directive's issue time
	// (entry), the report's issue time (update), the report's arrival at the
	// Office (review).
	From time.Time
	// Done is when the obligation was met; zero: not yet (measured to now).
	Done time.Time
	// Deadline is the task's deadline in force, for limits counted from it
	// (003 Đ7.2a) or capped by it (002 Đ8.1); zero: none.
	Deadline        time.Time
	DeadlineHasTime bool
	Urgent          bool // the document is urgent (profile.IsUrgent)
	Many            bool // many tasks, units or opinions (003 Đ7.1)
}

// Lag is the measured delay of one obligation against the profile's limit.
type Lag struct {
	Obligation Obligation `json:"obligation"`
	// Measured is false when the profile sets no limit for the obligation
	// (Kiên Giang's review) or the clock has nothing to start from.
	Measured bool      `json:"measured"`
	Start    time.Time `json:"start"` // the day the clock starts, after the cut-off rule
	Due      time.Time `json:"due"`   // the last moment that is not a breach
	Done     bool      `json:"done"`
	At       time.Time `json:"at"` // Done, or now
	// Workdays is the lag in working days from Start's day to At's day
	// (0 = the same working day); CalendarDays the same in calendar days.
	Workdays     int    `json:"workdays"`
	CalendarDays int    `json:"calendar_days"`
	Limit        int    `json:"limit"`
	Unit         string `json:"unit"`
	Breach       bool   `json:"breach"`
	Cite         string `json:"cite"`
}

// Measure judges one obligation against the profile's limit at now.
//
// The clock starts on the day of From; when the limit honours the cut-off
// (001 Đ4.5c, Đ11.2b, Đ14.4), a From after the profile's cut-off hour, or on a
// day off, starts it on the next working day. The limit is then N working (or
// calendar) days after that day, to its end, shortened to the urgent limit for
// urgent documents, lengthened for many units (003 Đ7.1), and never later than
// the task's deadline when the profile caps it (002 Đ8.1).
func Measure(ob Obligation, in LagInput, now time.Time, cal *calendar.Calendar, p *profile.Profile) Lag {
	lag := Lag{Obligation: ob, At: now, Done: !in.Done.IsZero()}
	if lag.Done {
		lag.At = in.Done
	}
	var l *profile.Limit
	if p != nil {
		switch ob {
		case ObligationEntry:
			l = p.Limits.Entry
		case ObligationUpdate:
			l = p.Limits.Update
		case ObligationReview:
			l = p.Limits.Review
		}
	}
	if l == nil || cal == nil {
		return lag
	}
	lag.Unit, lag.Cite = l.Unit, l.Cite
	base := in.From
	if l.From == profile.FromDeadline {
		base = in.Deadline
	}
	if base.IsZero() {
		return lag
	}
	lag.Measured = true

	start := calendar.StartOfDay(base)
	if l.From == profile.FromDeadline {
		start = calendar.StartOfDay(effectiveDeadline(cal, in.Deadline, in.DeadlineHasTime))
	} else if l.Cutoff && calendar.AfterCutoff(base, p.CutoffHour) {
		start = calendar.StartOfDay(cal.NextWorkingDay(base))
	}
	if l.Unit == profile.UnitWorking && !cal.IsWorkingDay(start) {
		start = calendar.StartOfDay(cal.RollForward(start))
	}
	lag.Start = start

	days := l.Days
	switch {
	case in.Urgent && l.UrgentDays != nil:
		days = *l.UrgentDays
	case in.Many && l.ManyDays != nil:
		days = *l.ManyDays
	}
	lag.Limit = days
	dueDay := start.AddDate(0, 0, days)
	if l.Unit == profile.UnitWorking {
		dueDay = calendar.StartOfDay(cal.AddWorkdays(start, days))
	}
	lag.Due = calendar.EndOfDay(dueDay)
	if l.CapAtDeadline && !in.Deadline.IsZero() {
		if dl := effectiveDeadline(cal, in.Deadline, in.DeadlineHasTime); dl.Before(lag.Due) {
			lag.Due = dl
		}
	}

	if at := calendar.StartOfDay(lag.At); at.After(start) {
		lag.Workdays = cal.WorkdaysBetween(start, at)
		lag.CalendarDays = daysBetween(start, at)
	}
	lag.Breach = lag.At.Truncate(time.Second).After(lag.Due)
	return lag
}

// EntryLag measures the Office's entry of a directive's tasks (rules.md §5 row 1).
func EntryLag(issued, entered, taskDeadline time.Time, urgent, many bool, now time.Time, cal *calendar.Calendar, p *profile.Profile) Lag {
	return Measure(ObligationEntry, LagInput{From: issued, Done: entered, Deadline: taskDeadline, Urgent: urgent, Many: many}, now, cal, p)
}

// UpdateLag measures a unit's recording of its report (rules.md §5 row 2).
func UpdateLag(reportIssued, recorded, taskDeadline time.Time, urgent bool, now time.Time, cal *calendar.Calendar, p *profile.Profile) Lag {
	return Measure(ObligationUpdate, LagInput{From: reportIssued, Done: recorded, Deadline: taskDeadline, Urgent: urgent}, now, cal, p)
}

// ReviewLag measures the Office's review of a report (rules.md §5 row 3).
func ReviewLag(reportArrived, reviewed time.Time, urgent bool, now time.Time, cal *calendar.Calendar, p *profile.Profile) Lag {
	return Measure(ObligationReview, LagInput{From: reportArrived, Done: reviewed, Urgent: urgent}, now, cal, p)
}

// daysBetween counts calendar days from a to b by their dates, so no clock
// arithmetic can be off by an hour.
func daysBetween(a, b time.Time) int {
	ua := time.Date(a.Year(), a.Month(), a.Day(), 0, 0, 0, 0, time.UTC)
	ub := time.Date(b.Year(), b.Month(), b.Day(), 0, 0, 0, 0, time.UTC)
	return int(ub.Sub(ua).Hours() / 24)
}
