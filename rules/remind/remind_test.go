package remind

import (
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"cddh-sync/connectors"
	"cddh-sync/rules/calendar"
	"cddh-sync/rules/profile"
)

// March–April 2026: Mon 16, Tue 17, Wed 18, Thu 19, Fri 20, Sat 21, Sun 22, Mon 23.
func at(m time.Month, d, h, min int) time.Time {
	return time.Date(2026, m, d, h, min, 0, 0, connectors.Zone)
}

func ptr(t time.Time) *time.Time { return &t }

func policy(t *testing.T, prof string) Policy {
	t.Helper()
	p, err := profile.Load(prof)
	if err != nil {
		t.Fatal(err)
	}
	pol := Policy{Calendar: calendar.Default(), Profile: p, DueSoonWorkdays: 2, From: DefaultFrom, To: DefaultTo}
	if err := pol.Validate(); err != nil {
		t.Fatal(err)
	}
	return pol
}

func TestDue(t *testing.T) {
	t.Parallel()
	dt := policy(t, "dong-thap")
	kg := policy(t, "kien-giang")
	endOf := func(m time.Month, d int) *time.Time { return ptr(at(m, d, 23, 59).Add(59 * time.Second)) }
	tests := []struct {
		name string
		pol  Policy
		task Task
		now  time.Time
		want Kind
	}{
		{"far ahead", dt, Task{State: "assigned", Due: endOf(3, 27)}, at(3, 17, 9, 0), ""},
		{"three working days ahead", dt, Task{State: "assigned", Due: endOf(3, 20)}, at(3, 17, 9, 0), ""},
		{"two working days ahead", dt, Task{State: "assigned", Due: endOf(3, 19)}, at(3, 17, 9, 0), DueSoon},
		{"over the weekend counts working days", dt, Task{State: "in_progress", Due: endOf(3, 23)}, at(3, 19, 9, 0), DueSoon},
		{"tomorrow", dt, Task{State: "urged", Due: endOf(3, 18)}, at(3, 17, 9, 0), DueSoon},
		{"today", dt, Task{State: "assigned", Due: endOf(3, 17)}, at(3, 17, 9, 0), DueToday},
		{"today at a written hour, before it", dt, Task{State: "assigned", Due: ptr(at(3, 17, 16, 0))}, at(3, 17, 15, 59), DueToday},
		{"today at a written hour, after it", dt, Task{State: "assigned", Due: ptr(at(3, 17, 16, 0))}, at(3, 17, 16, 1), Overdue},
		{"overdue", dt, Task{State: "assigned", Due: endOf(3, 16)}, at(3, 17, 9, 0), Overdue},
		{"rejected report: the unit must redo", dt, Task{State: "rejected", Due: endOf(3, 16)}, at(3, 17, 9, 0), Overdue},
		{"no deadline", dt, Task{State: "assigned"}, at(3, 17, 9, 0), ""},
		{"approved", dt, Task{State: "approved", Due: endOf(3, 16)}, at(3, 17, 9, 0), ""},
		{"cancelled", dt, Task{State: "cancelled", Due: endOf(3, 16)}, at(3, 17, 9, 0), ""},
		{"returned", dt, Task{State: "returned", Due: endOf(3, 16)}, at(3, 17, 9, 0), ""},
		// 001 Đ4.5c: the Office reviews the same working day; after 15:00 the next.
		{"reported this morning", dt, Task{State: "reported", Due: endOf(3, 20), ReportedAt: ptr(at(3, 17, 9, 0))}, at(3, 17, 16, 0), ""},
		{"reported yesterday, not reviewed", dt, Task{State: "reported", Due: endOf(3, 20), ReportedAt: ptr(at(3, 16, 9, 0))}, at(3, 17, 9, 0), ReviewOverdue},
		{"reported yesterday after 15:00", dt, Task{State: "reported", Due: endOf(3, 20), ReportedAt: ptr(at(3, 16, 15, 30))}, at(3, 17, 9, 0), ""},
		{"reported Friday, Monday morning (weekend not counted)", dt, Task{State: "reported", ReportedAt: ptr(at(3, 20, 9, 0))}, at(3, 23, 9, 0), ReviewOverdue},
		{"reported Friday after 15:00, Monday", dt, Task{State: "reported", ReportedAt: ptr(at(3, 20, 15, 30))}, at(3, 23, 16, 0), ""},
		// 003 sets no review limit.
		{"Kiên Giang has no review limit", kg, Task{State: "reported", ReportedAt: ptr(at(3, 2, 9, 0))}, at(3, 17, 9, 0), ""},
	}
	for _, tc := range tests {
		if got := tc.pol.Due(tc.task, tc.now); got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestDueSoonDisabled(t *testing.T) {
	t.Parallel()
	p := policy(t, "dong-thap")
	p.DueSoonWorkdays = 0
	due := at(3, 18, 23, 59)
	if k := p.Due(Task{State: "assigned", Due: &due}, at(3, 17, 9, 0)); k != "" {
		t.Fatalf("due soon disabled, got %q", k)
	}
}

func TestOpen(t *testing.T) {
	t.Parallel()
	p := policy(t, "dong-thap")
	maint := func(now time.Time) bool { return !now.Before(at(3, 18, 10, 0)) && now.Before(at(3, 18, 12, 0)) }
	p.Paused = maint
	tests := []struct {
		now  time.Time
		want bool
	}{
		{at(3, 17, 7, 29), false},
		{at(3, 17, 7, 30), true},
		{at(3, 17, 16, 29), true},
		{at(3, 17, 16, 30), false},
		{at(3, 17, 2, 0), false},
		{at(3, 21, 9, 0), false},                                     // Saturday
		{at(3, 22, 9, 0), false},                                     // Sunday
		{time.Date(2026, 4, 30, 9, 0, 0, 0, connectors.Zone), false}, // Reunification Day
		{at(3, 18, 10, 30), false},                                   // maintenance window
		{at(3, 18, 12, 0), true},
		// The host's zone never matters: 02:00 UTC is 09:00 in Hồ Chí Minh City.
		{time.Date(2026, 3, 17, 2, 0, 0, 0, time.UTC), true},
	}
	for _, tc := range tests {
		if got := p.Open(tc.now); got != tc.want {
			t.Errorf("Open(%s) = %v, want %v", tc.now.Format(time.RFC3339), got, tc.want)
		}
	}
}

func TestHorizon(t *testing.T) {
	t.Parallel()
	p := policy(t, "dong-thap")
	// Thursday + 2 working days = Monday, to its end.
	if got, want := p.Horizon(at(3, 19, 9, 0)), at(3, 23, 23, 59).Add(59*time.Second); !got.Equal(want) {
		t.Fatalf("Horizon = %s, want %s", got, want)
	}
	// Every kind Due returns for an unreported task is within the horizon.
	now := at(3, 19, 9, 0)
	for d := 0; d < 20; d++ {
		due := at(3, 10, 23, 59).AddDate(0, 0, d)
		k := p.Due(Task{State: "assigned", Due: &due}, now)
		if k != "" && due.After(p.Horizon(now)) {
			t.Errorf("deadline %s needs %q but is beyond the horizon", due.Format("02/01"), k)
		}
	}
}

func TestText(t *testing.T) {
	t.Parallel()
	p := policy(t, "dong-thap")
	due := at(3, 19, 23, 59)
	task := Task{State: "assigned", Due: &due, Lead: "Sở Tài chi\u0301nh", Reference: "45/TB-UBND",
		Content: "Giao Sở Tài chính chủ trì rà soát " + strings.Repeat("nội dung ", 40)}
	tests := []struct {
		kind Kind
		now  time.Time
		want []string
	}{
		{DueSoon, at(3, 17, 9, 0), []string{"sắp đến hạn", "19/03/2026", "còn 2 ngày làm việc", "45/TB-UBND", "Sở Tài chính"}},
		{DueToday, at(3, 19, 9, 0), []string{"hôm nay (19/03/2026)"}},
		{Overdue, at(3, 24, 9, 0), []string{"đã quá hạn", "trễ 3 ngày làm việc"}},
	}
	for _, tc := range tests {
		s := p.Text(tc.kind, task, tc.now)
		if !norm.NFC.IsNormalString(s) {
			t.Errorf("%s: text is not NFC", tc.kind)
		}
		for _, w := range tc.want {
			if !strings.Contains(s, w) {
				t.Errorf("%s: %q lacks %q", tc.kind, s, w)
			}
		}
		if len([]rune(s)) > 400 {
			t.Errorf("%s: %d runes; the content should be cut", tc.kind, len([]rune(s)))
		}
	}
	rep := at(3, 16, 9, 0)
	task.ReportedAt = &rep
	if s := p.Text(ReviewOverdue, task, at(3, 18, 9, 0)); !strings.Contains(s, "quá thời hạn xem xét") || !strings.Contains(s, "16/03/2026") {
		t.Errorf("review overdue: %q", s)
	}
}

func TestParseHours(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in       string
		from, to time.Duration
		bad      bool
	}{
		{"07:30-16:30", DefaultFrom, DefaultTo, false},
		{" 8:00 - 17:00 ", 8 * time.Hour, 17 * time.Hour, false},
		{"08:00 - 17:00", 8 * time.Hour, 17 * time.Hour, false},
		{"00:00-24:00", 0, 24 * time.Hour, false},
		{"17:00-08:00", 0, 0, true},
		{"0730-1630", 0, 0, true},
		{"", 0, 0, true},
	} {
		from, to, err := ParseHours(tc.in)
		if (err != nil) != tc.bad {
			t.Errorf("%q: err %v", tc.in, err)
			continue
		}
		if err != nil {
			if !strings.Contains(err.Error(), "reminders.hours") {
				t.Errorf("%q: error does not name the key: %v", tc.in, err)
			}
			continue
		}
		if from != tc.from || to != tc.to {
			t.Errorf("%q: %s-%s", tc.in, from, to)
		}
	}
}
