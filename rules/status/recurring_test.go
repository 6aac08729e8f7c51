package status

import (
	"strings"
	"testing"
	"time"

	"cddh-sync/connectors"
	"cddh-sync/rules/calendar"
)

func TestOccurrences(t *testing.T) {
	t.Parallel()
	b := setup(t)
	tests := []struct {
		name    string
		spec    RecurringSpec
		issued  time.Time
		now     time.Time
		periods string
		lastDue string // the last occurrence's effective deadline
	}{
		{"monthly before the 20th, issued after it", RecurringSpec{Recurrence: Monthly, Day: 20}, at(1, 25, 9, 0), at(4, 10, 9, 0),
			"2026-02,2026-03,2026-04", "2026-04-20"},
		{"monthly, issued before the day", RecurringSpec{Recurrence: Monthly, Day: 20}, at(3, 5, 9, 0), at(3, 6, 9, 0),
			"2026-03", "2026-03-20"},
		{"monthly, issued on the day itself", RecurringSpec{Recurrence: Monthly, Day: 20}, at(3, 20, 9, 0), at(3, 20, 10, 0),
			"2026-03", "2026-03-20"},
		{"monthly, due day on a Saturday rolls to Monday", RecurringSpec{Recurrence: Monthly, Day: 20}, at(6, 1, 9, 0), at(6, 2, 9, 0),
			"2026-06", "2026-06-22"},
		{"monthly, day 31 clamps to February's last", RecurringSpec{Recurrence: Monthly, Day: 31}, at(2, 1, 9, 0), at(2, 2, 9, 0),
			"2026-02", "2026-03-02"}, // 28/2/2026 is a Saturday
		{"monthly, deadline day just passed", RecurringSpec{Recurrence: Monthly, Day: 20}, at(3, 5, 9, 0), at(3, 21, 0, 0),
			"2026-03,2026-04", "2026-04-20"},
		{"quarterly, due in the last month", RecurringSpec{Recurrence: Quarterly, Day: 15}, at(2, 1, 9, 0), at(7, 1, 9, 0),
			"2026-Q1,2026-Q2,2026-Q3", "2026-09-15"},
		{"quarterly, due in the next quarter's first month", RecurringSpec{Recurrence: Quarterly, Day: 15, Month: 4}, at(1, 5, 9, 0), at(1, 6, 9, 0),
			"2025-Q4", "2026-01-15"},
		{"half-yearly", RecurringSpec{Recurrence: HalfYearly, Day: 10, Month: 6}, at(1, 5, 9, 0), at(7, 1, 9, 0),
			"2026-H1,2026-H2", "2026-12-10"},
		{"yearly, by 15 December", RecurringSpec{Recurrence: Yearly, Day: 15}, at(1, 5, 9, 0), at(12, 20, 9, 0),
			"2026,2027", "2027-12-15"},
		{"until stops the series", RecurringSpec{Recurrence: Monthly, Day: 20, Until: at(3, 31, 0, 0)}, at(1, 5, 9, 0), at(9, 1, 9, 0),
			"2026-01,2026-02,2026-03", "2026-03-20"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			occ, err := Occurrences(tt.spec, tt.issued, tt.now, b.cal)
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			notDue := 0
			for _, o := range occ {
				names = append(names, o.Period)
				if !tt.now.After(o.Deadline) {
					notDue++
				}
				if o.Deadline.Before(tt.issued.Truncate(24 * time.Hour).Add(-24 * time.Hour)) {
					t.Errorf("occurrence %s due before the issue date", o.Period)
				}
			}
			if got := strings.Join(names, ","); got != tt.periods {
				t.Errorf("periods %s, want %s", got, tt.periods)
			}
			if notDue > 1 {
				t.Errorf("%d occurrences not yet due; at most one", notDue)
			}
			if last := occ[len(occ)-1].Deadline; last.Format("2006-01-02") != tt.lastDue || last.Hour() != 23 {
				t.Errorf("last deadline %v, want %s 23:59:59", last, tt.lastDue)
			}
		})
	}
}

func TestOccurrencesErrors(t *testing.T) {
	t.Parallel()
	b := setup(t)
	for _, spec := range []RecurringSpec{{Recurrence: "weekly", Day: 1}, {Recurrence: Monthly, Day: -1}} {
		if _, err := Occurrences(spec, at(1, 1, 0, 0), at(2, 1, 0, 0), b.cal); err == nil {
			t.Errorf("%+v: no error", spec)
		}
	}
	if _, err := Occurrences(RecurringSpec{Recurrence: Monthly}, time.Time{}, at(2, 1, 0, 0), b.cal); err == nil {
		t.Error("no issue date: no error")
	}
}

func TestMatchReport(t *testing.T) {
	t.Parallel()
	b := setup(t)
	occ, err := Occurrences(RecurringSpec{Recurrence: Monthly, Day: 20}, at(1, 5, 9, 0), at(4, 10, 9, 0), b.cal)
	if err != nil {
		t.Fatal(err)
	}
	closed := map[string]bool{"2026-01": true}
	open := func(o Occurrence) bool { return !closed[o.Period] }
	tests := []struct {
		named string
		want  string
	}{
		{"2026-03", "2026-03"}, // "báo cáo tháng 3"
		{"", "2026-02"},        // the earliest open one
		{"2025-12", "2026-02"}, // a period not tracked: earliest open
	}
	for _, tt := range tests {
		i, ok := MatchReport(occ, tt.named, open)
		if !ok || occ[i].Period != tt.want {
			t.Errorf("MatchReport(%q) = %d %v, want %s", tt.named, i, ok, tt.want)
		}
	}
	if _, ok := MatchReport(occ, "", func(Occurrence) bool { return false }); ok {
		t.Error("all closed: matched")
	}
}

func TestSpecFrom(t *testing.T) {
	t.Parallel()
	cal := calendar.Default()
	d := func(y int, m time.Month, day int) time.Time { return time.Date(y, m, day, 0, 0, 0, 0, connectors.Zone) }
	issued := d(2026, 1, 23)
	now := d(2026, 11, 23)
	for _, tc := range []struct {
		r     Recurrence
		first time.Time
		want  []string // the nominal dates tracked at now
	}{
		{Quarterly, d(2026, 3, 20), []string{"2026-03-20", "2026-06-20", "2026-09-20", "2026-12-20"}},
		{HalfYearly, d(2026, 6, 15), []string{"2026-06-15", "2026-12-15"}},
		{Yearly, d(2026, 11, 15), []string{"2026-11-15", "2027-11-15"}},
		{Monthly, d(2026, 9, 30), []string{"2026-09-30", "2026-10-31", "2026-11-30"}}, // the month's last day
		{Monthly, d(2026, 9, 25), []string{"2026-09-25", "2026-10-25", "2026-11-25"}},
	} {
		spec, err := SpecFrom(tc.r, tc.first)
		if err != nil {
			t.Fatal(err)
		}
		from := issued
		if tc.r == Monthly {
			from = d(2026, 9, 1)
		}
		occs, err := Occurrences(spec, from, now, cal)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, o := range occs {
			got = append(got, o.Nominal.Format("2006-01-02"))
		}
		if strings.Join(got, " ") != strings.Join(tc.want, " ") {
			t.Errorf("%s from %s: %v, want %v", tc.r, tc.first.Format("02/01"), got, tc.want)
		}
	}
	if _, err := SpecFrom("weekly", d(2026, 1, 1)); err == nil {
		t.Error("weekly accepted")
	}
}
