// Package remind decides which reminder a tracked task needs at a moment, and words
// it in Vietnamese for the clerks who read it on the portal (portal-api.md, "What the
// adapter writes": due soon, due today, overdue, and the Office's review overdue).
//
// It is pure: the calendar, the profile and now come in, a kind and a text go out.
// Sending each kind at most once per task is the caller's job (the store records
// what was queued); this package says only what is due.
package remind

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"cddh-sync/connectors"
	"cddh-sync/rules/calendar"
	"cddh-sync/rules/profile"
	"cddh-sync/rules/status"
)

// Kind is a reminder's kind.
type Kind string

// The kinds, in the order a task meets them.
const (
	DueSoon       Kind = "due_soon"       // the deadline is within DueSoonWorkdays working days
	DueToday      Kind = "due_today"      // the deadline is today
	Overdue       Kind = "overdue"        // the deadline passed with no report
	ReviewOverdue Kind = "review_overdue" // the unit reported; the Office's review limit passed
)

// Kinds lists every kind.
var Kinds = []Kind{DueSoon, DueToday, Overdue, ReviewOverdue}

// Defaults.
const (
	DefaultDueSoonWorkdays = 2
	DefaultFrom            = 7*time.Hour + 30*time.Minute
	DefaultTo              = 16*time.Hour + 30*time.Minute
)

// Policy is when reminders may be sent and which one a task needs.
type Policy struct {
	Calendar *calendar.Calendar
	Profile  *profile.Profile
	// DueSoonWorkdays: "due soon" is sent when the deadline is at most this many
	// working days ahead (and not today). 0 disables "due soon".
	DueSoonWorkdays int
	// From and To bound the hours (since local midnight) in which reminders are
	// sent, on working days only: clerks read them at work, and a note at 2 a.m.
	// or on a Sunday is noise.
	From, To time.Duration
	// Paused reports a maintenance window (rules.md §7); may be nil.
	Paused func(time.Time) bool
}

// Task is what the decision needs of a tracked task.
type Task struct {
	State      string     // rules.md §4 state
	Due        *time.Time // the deadline in force (extensions included); nil: none
	ReportedAt *time.Time // when the unit sent its report
	Urgent     bool       // the directive is urgent (profile urgency levels)
	Content    string
	Lead       string // the lead unit's name
	Reference  string // the directive's number/notation
}

// Validate checks the policy's settings, naming the config key at fault.
func (p Policy) Validate() error {
	if p.Calendar == nil {
		return fmt.Errorf("reminders: no calendar")
	}
	if p.DueSoonWorkdays < 0 || p.DueSoonWorkdays > 30 {
		return fmt.Errorf("reminders.due_soon_workdays: %d is not between 0 and 30", p.DueSoonWorkdays)
	}
	if p.From < 0 || p.To > 24*time.Hour || p.From >= p.To {
		return fmt.Errorf("reminders.hours: %s–%s is not a span of one day", clock(p.From), clock(p.To))
	}
	return nil
}

// Open reports whether a reminder may be sent at now: a working day, within the
// hours, outside any maintenance window.
func (p Policy) Open(now time.Time) bool {
	l := now.In(connectors.Zone)
	if !p.Calendar.IsWorkingDay(l) {
		return false
	}
	since := time.Duration(l.Hour())*time.Hour + time.Duration(l.Minute())*time.Minute + time.Duration(l.Second())*time.Second
	if since < p.From || since >= p.To {
		return false
	}
	return p.Paused == nil || !p.Paused(now)
}

// Horizon is the latest deadline that can need a reminder at now: the end of the
// day DueSoonWorkdays working days ahead. The caller looks only at tasks due by it.
func (p Policy) Horizon(now time.Time) time.Time {
	return calendar.EndOfDay(p.Calendar.AddWorkdays(now.In(connectors.Zone), p.DueSoonWorkdays))
}

// Due returns the one reminder task needs at now, or "" for none. Only the current
// kind is returned: a task first seen already overdue gets "overdue", not the
// earlier kinds too.
func (p Policy) Due(t Task, now time.Time) Kind {
	switch st := status.State(t.State); {
	case st.Open():
		if t.Due == nil {
			return ""
		}
		due := t.Due.In(connectors.Zone)
		today := dayOf(now)
		switch {
		case now.After(due):
			return Overdue
		case dayOf(due).Equal(today):
			return DueToday
		case p.DueSoonWorkdays > 0 && p.Calendar.WorkdaysBetween(today, due) <= p.DueSoonWorkdays:
			return DueSoon
		}
	case st == status.Reported:
		if t.ReportedAt == nil || p.Profile == nil {
			return ""
		}
		if lag := status.ReviewLag(*t.ReportedAt, time.Time{}, t.Urgent, now, p.Calendar, p.Profile); lag.Measured && lag.Breach {
			return ReviewOverdue
		}
	}
	return ""
}

// Text words kind for the clerks, in Vietnamese, NFC.
func (p Policy) Text(k Kind, t Task, now time.Time) string {
	what := fmt.Sprintf("nhiệm vụ “%s”", excerpt(t.Content, 160))
	if t.Reference != "" {
		what += " tại văn bản số " + t.Reference
	}
	lead := t.Lead
	if lead == "" {
		lead = "đơn vị chủ trì"
	}
	var s string
	switch k {
	case DueSoon:
		left := p.Calendar.WorkdaysBetween(dayOf(now), *t.Due)
		s = fmt.Sprintf("Nhắc việc: %s giao %s sắp đến hạn xử lý: hạn %s, còn %d ngày làm việc.", what, lead, date(*t.Due), left)
	case DueToday:
		s = fmt.Sprintf("Nhắc việc: %s giao %s đến hạn xử lý hôm nay (%s).", what, lead, date(*t.Due))
	case Overdue:
		late := p.Calendar.WorkdaysBetween(*t.Due, now)
		s = fmt.Sprintf("Nhắc việc: %s giao %s đã quá hạn xử lý (hạn %s), chưa có báo cáo kết quả", what, lead, date(*t.Due))
		if late > 0 {
			s += fmt.Sprintf("; trễ %d ngày làm việc", late)
		}
		s += "."
	case ReviewOverdue:
		s = fmt.Sprintf("Nhắc việc: %s báo cáo kết quả %s ngày %s đã quá thời hạn xem xét, xác nhận của Văn phòng.", lead, what, date(*t.ReportedAt))
	default:
		return ""
	}
	return norm.NFC.String(s)
}

func excerpt(s string, n int) string {
	s = strings.Join(strings.Fields(norm.NFC.String(s)), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n])) + "…"
}

func dayOf(t time.Time) time.Time {
	l := t.In(connectors.Zone)
	return time.Date(l.Year(), l.Month(), l.Day(), 0, 0, 0, 0, connectors.Zone)
}

func date(t time.Time) string { return t.In(connectors.Zone).Format("02/01/2006") }

func clock(d time.Duration) string {
	return fmt.Sprintf("%02d:%02d", int(d.Hours()), int(d.Minutes())%60)
}

// ParseHours parses "07:30-16:30" (the reminders.hours config value).
func ParseHours(s string) (from, to time.Duration, err error) {
	a, b, ok := strings.Cut(strings.TrimSpace(s), "-")
	if !ok {
		return 0, 0, fmt.Errorf("reminders.hours: %q is not HH:MM-HH:MM", s)
	}
	parse := func(v string) (time.Duration, error) {
		t, err := time.Parse("15:04", strings.TrimSpace(v))
		if err != nil {
			if strings.TrimSpace(v) == "24:00" {
				return 24 * time.Hour, nil
			}
			return 0, fmt.Errorf("reminders.hours: %q is not HH:MM-HH:MM", s)
		}
		return time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute, nil
	}
	if from, err = parse(a); err != nil {
		return 0, 0, err
	}
	if to, err = parse(b); err != nil {
		return 0, 0, err
	}
	if from >= to {
		return 0, 0, fmt.Errorf("reminders.hours: %q ends before it starts", s)
	}
	return from, to, nil
}
