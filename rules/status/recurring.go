package status

import (
	"fmt"
	"time"

	"cddh-sync/connectors"
	"cddh-sync/rules/calendar"
)

// Recurrence is how often a recurring task falls due (cli.md `recurrence`).
type Recurrence string

// The recurrences of cli.md.
const (
	Monthly    Recurrence = "monthly"
	Quarterly  Recurrence = "quarterly"
	HalfYearly Recurrence = "half_yearly"
	Yearly     Recurrence = "yearly"
)

// months is the length of one period.
func (r Recurrence) months() int {
	switch r {
	case Monthly:
		return 1
	case Quarterly:
		return 3
	case HalfYearly:
		return 6
	case Yearly:
		return 12
	}
	return 0
}

// RecurringSpec describes when each occurrence falls due, e.g. "định kỳ hằng
// tháng … trước ngày 20" is {Monthly, Day: 20}.
type RecurringSpec struct {
	Recurrence Recurrence
	// Day is the day of the month the occurrence is due; 0 or more than the
	// month has: the month's last day.
	Day int
	// Month is the month of the period it is due in, 1-based; 0: the period's
	// last month. It may exceed the period ("by the 15th of the first month of
	// the next quarter" is Quarterly, Month 4, Day 15).
	Month int
	// Until, when set, is the last date an occurrence may fall due.
	Until time.Time
}

// Occurrence is one tracked period of a recurring task.
type Occurrence struct {
	Period   string    `json:"period"` // 2026-03, 2026-Q1, 2026-H1, 2026 (the report command's names)
	Start    time.Time `json:"start"`  // the period's first day
	End      time.Time `json:"end"`    // the period's last day, 23:59:59
	Nominal  time.Time `json:"nominal"`
	Deadline time.Time `json:"deadline"` // rolled forward to a working day, 23:59:59
}

// maxOccurrences bounds the generation whatever the inputs.
const maxOccurrences = 5000

// Occurrences returns the occurrences to track at now (rules.md §4): one per
// period, from the first that falls due on or after the issue date, every one
// already due, and never more than one that is not yet due.
func Occurrences(spec RecurringSpec, issued, now time.Time, cal *calendar.Calendar) ([]Occurrence, error) {
	n := spec.Recurrence.months()
	if n == 0 {
		return nil, fmt.Errorf("status: recurrence %q is not monthly, quarterly, half_yearly or yearly", spec.Recurrence)
	}
	if spec.Day < 0 || spec.Month < 0 {
		return nil, fmt.Errorf("status: recurring day %d / month %d must not be negative", spec.Day, spec.Month)
	}
	if issued.IsZero() {
		return nil, fmt.Errorf("status: recurring task without an issue date")
	}
	issuedDay := calendar.StartOfDay(issued)
	// Start a year of periods early: an occurrence due after its period
	// (Month beyond the period) may belong to a period before the issue date.
	i := issued.In(connectors.Zone)
	back := 1 + (spec.Month+11)/12
	pStart := periodStart(time.Date(i.Year()-back, i.Month(), 1, 0, 0, 0, 0, connectors.Zone), n)
	var out []Occurrence
	for k := 0; len(out) < maxOccurrences && k < maxOccurrences*2; k++ {
		o := occurrenceOf(spec, pStart, n, cal)
		pStart = pStart.AddDate(0, n, 0)
		if o.Nominal.Before(issuedDay) { // the written date, not the rolled one
			continue
		}
		if !spec.Until.IsZero() && calendar.StartOfDay(o.Nominal).After(calendar.StartOfDay(spec.Until)) {
			break
		}
		out = append(out, o)
		if !now.After(o.Deadline) {
			break // the one not-yet-due occurrence
		}
	}
	return out, nil
}

func periodStart(t time.Time, months int) time.Time {
	m := (int(t.Month())-1)/months*months + 1
	return time.Date(t.Year(), time.Month(m), 1, 0, 0, 0, 0, connectors.Zone)
}

func occurrenceOf(spec RecurringSpec, start time.Time, n int, cal *calendar.Calendar) Occurrence {
	month := spec.Month
	if month == 0 {
		month = n
	}
	first := start.AddDate(0, month-1, 0)
	last := first.AddDate(0, 1, -1).Day()
	day := spec.Day
	if day == 0 || day > last {
		day = last
	}
	nominal := time.Date(first.Year(), first.Month(), day, 0, 0, 0, 0, connectors.Zone)
	return Occurrence{
		Period:   periodName(start, n),
		Start:    start,
		End:      calendar.EndOfDay(start.AddDate(0, n, -1)),
		Nominal:  nominal,
		Deadline: effectiveDeadline(cal, nominal, false),
	}
}

func periodName(start time.Time, n int) string {
	y, m := start.Year(), int(start.Month())
	switch n {
	case 1:
		return fmt.Sprintf("%04d-%02d", y, m)
	case 3:
		return fmt.Sprintf("%04d-Q%d", y, (m-1)/3+1)
	case 6:
		return fmt.Sprintf("%04d-H%d", y, (m-1)/6+1)
	}
	return fmt.Sprintf("%04d", y)
}

// MatchReport picks the occurrence a report belongs to (rules.md §4): the one
// of the period the report names (e.g. "2026-03" for "tháng 3"), else the
// earliest one still open. ok is false when none fits.
func MatchReport(occs []Occurrence, namedPeriod string, open func(Occurrence) bool) (int, bool) {
	if namedPeriod != "" {
		for i, o := range occs {
			if o.Period == namedPeriod {
				return i, true
			}
		}
	}
	for i, o := range occs {
		if open == nil || open(o) {
			return i, true
		}
	}
	return -1, false
}

// SpecFrom reads a recurring task's spec from its first occurrence as extracted
// ("định kỳ hằng quý trước ngày 20 của tháng cuối quý" gives 20/3 for a directive
// of January): the day of the month (0 when it is the month's last day, so every
// occurrence falls on its own month's end) and the month's place in its period.
func SpecFrom(r Recurrence, firstNominal time.Time) (RecurringSpec, error) {
	n := r.months()
	if n == 0 {
		return RecurringSpec{}, fmt.Errorf("status: recurrence %q is not monthly, quarterly, half_yearly or yearly", r)
	}
	f := firstNominal.In(connectors.Zone)
	spec := RecurringSpec{Recurrence: r, Day: f.Day(), Month: (int(f.Month())-1)%n + 1}
	if f.AddDate(0, 0, 1).Month() != f.Month() {
		spec.Day = 0
	}
	return spec, nil
}
