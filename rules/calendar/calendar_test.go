package calendar

import (
	"strings"
	"testing"
	"time"

	"cddh-sync/connectors"
)

func dates(ts []time.Time) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.Format(time.DateOnly)
	}
	return out
}

func TestEmbeddedSchedules(t *testing.T) {
	t.Parallel()
	c, err := New(Options{})
	if err != nil {
		t.Fatalf("embedded data: %v", err)
	}
	tests := []struct {
		year     int
		daysOff  string
		workSats string
		source   string
	}{
		{2024, "2024-01-01 2024-02-08 2024-02-09 2024-02-12 2024-02-13 2024-02-14 2024-04-18 2024-04-29 2024-04-30 2024-05-01 2024-09-02 2024-09-03",
			"2024-05-04", "2450/VPCP-KGVX"},
		{2025, "2025-01-01 2025-01-27 2025-01-28 2025-01-29 2025-01-30 2025-01-31 2025-04-07 2025-04-30 2025-05-01 2025-05-02 2025-09-01 2025-09-02",
			"2025-04-26", "6150/TB-LĐTBXH"},
		{2026, "2026-01-01 2026-01-02 2026-02-16 2026-02-17 2026-02-18 2026-02-19 2026-02-20 2026-04-27 2026-04-30 2026-05-01 2026-08-31 2026-09-01 2026-09-02",
			"2026-01-10 2026-08-22", "12729/VPCP-KGVX"},
	}
	for _, tt := range tests {
		if got := strings.Join(dates(c.DaysOff(tt.year)), " "); got != tt.daysOff {
			t.Errorf("DaysOff(%d) =\n %s\nwant\n %s", tt.year, got, tt.daysOff)
		}
		if got := strings.Join(dates(c.WorkingSaturdays(tt.year)), " "); got != tt.workSats {
			t.Errorf("WorkingSaturdays(%d) = %s, want %s", tt.year, got, tt.workSats)
		}
		if !strings.Contains(c.Source(tt.year), tt.source) {
			t.Errorf("Source(%d) = %q, want it to cite %s", tt.year, c.Source(tt.year), tt.source)
		}
	}
}

// The computed rules alone, without any announcement, must reproduce the announced
// Tết placement and the compensatory days; the announcements only add swaps.
func TestComputedHolidays(t *testing.T) {
	t.Parallel()
	tests := []struct {
		year int
		want string
	}{
		// 2019: Tết Tue 5/2 → Mon 4 .. Fri 8; Giỗ Tổ Sun 14/4 → Mon 15/4; 2/9 Mon alone
		// (Bộ luật Lao động 2012 Đ115: no adjacent day, so no 1/9 and no 3/9).
		{2019, "2019-01-01 2019-02-04 2019-02-05 2019-02-06 2019-02-07 2019-02-08 2019-04-15 2019-04-30 2019-05-01 2019-09-02"},
		// 2020: Tết Sat 25/1 → Thu 23 .. Wed 29; Giỗ Tổ Thu 2/4; 2/9 Wed alone (2012 Code).
		{2020, "2020-01-01 2020-01-23 2020-01-24 2020-01-27 2020-01-28 2020-01-29 2020-04-02 2020-04-30 2020-05-01 2020-09-02"},
		// 2021: 2/9 Thu + Fri 3/9.
		{2021, "2021-01-01 2021-02-10 2021-02-11 2021-02-12 2021-02-15 2021-02-16 2021-04-21 2021-04-30 2021-05-03 2021-09-02 2021-09-03"},
		// 2022: 1/1 Sat → Mon 3/1; Giỗ Tổ Sun 10/4 → Mon 11/4; 30/4 Sat, 1/5 Sun → 2/5, 3/5.
		{2022, "2022-01-03 2022-01-31 2022-02-01 2022-02-02 2022-02-03 2022-02-04 2022-04-11 2022-05-02 2022-05-03 2022-09-01 2022-09-02"},
		// 2023: 1/1 Sun → 2/1; Giỗ Tổ Sat 29/4, 30/4 Sun, 1/5 Mon → 2/5, 3/5; 2/9 Sat → 1/9, 4/9.
		{2023, "2023-01-02 2023-01-20 2023-01-23 2023-01-24 2023-01-25 2023-01-26 2023-05-01 2023-05-02 2023-05-03 2023-09-01 2023-09-04"},
		// 2024 without the swap: 29/4 and Sat 4/5 are not there; 1/9 Sun → 3/9.
		{2024, "2024-01-01 2024-02-08 2024-02-09 2024-02-12 2024-02-13 2024-02-14 2024-04-18 2024-04-30 2024-05-01 2024-09-02 2024-09-03"},
		// 2026: Tết Tue 17/2 → Mon 16 .. Fri 20; Giỗ Tổ Sun 26/4 → Mon 27/4 (before the
		// 30/4–1/5 block, as Đ111.3 gives it back on the next working day); 2/9 Wed + 1/9.
		{2026, "2026-01-01 2026-02-16 2026-02-17 2026-02-18 2026-02-19 2026-02-20 2026-04-27 2026-04-30 2026-05-01 2026-09-01 2026-09-02"},
		// 2029: Tết Tue 13/2 → Mon–Fri; 2/9 Sun, 1/9 Sat → Mon 3/9 and Tue 4/9.
		{2029, "2029-01-01 2029-02-12 2029-02-13 2029-02-14 2029-02-15 2029-02-16 2029-04-23 2029-04-30 2029-05-01 2029-09-03 2029-09-04"},
	}
	for _, tt := range tests {
		c, err := New(Options{Schedules: []Schedule{{Year: tt.year, Source: "none"}}})
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(dates(c.DaysOff(tt.year)), " "); got != tt.want {
			t.Errorf("computed %d =\n %s\nwant\n %s", tt.year, got, tt.want)
		}
	}
}

func TestYearWithoutSchedule(t *testing.T) {
	t.Parallel()
	c := Default()
	if src := c.Source(2031); !strings.Contains(src, "computed only") {
		t.Errorf("Source(2031) = %q", src)
	}
	if n := len(c.DaysOff(2031)); n < 11 {
		t.Errorf("2031 has %d weekdays off, want at least 11", n)
	}
	// Outside the precomputed range too.
	if c.IsWorkingDay(d("2150-01-01")) || !c.IsWorkingDay(d("2150-01-02")) {
		t.Error("2150: 1/1 (Thu) must be off and 2/1 (Fri) a working day")
	}
}

func TestIsWorkingDayAndRollForward(t *testing.T) {
	t.Parallel()
	c := Default()
	tests := []struct {
		date    string
		working bool
		roll    string
		next    string
	}{
		{"2024-04-30", false, "2024-05-02", "2024-05-02"}, // 105.json: 29/4–1/5 off
		{"2024-05-04", true, "2024-05-04", "2024-05-06"},  // Saturday worked in exchange
		{"2024-09-02", false, "2024-09-04", "2024-09-04"}, // 110.json: 2–3/9 off
		{"2024-04-18", false, "2024-04-19", "2024-04-19"}, // Giỗ Tổ
		{"2026-01-10", true, "2026-01-10", "2026-01-12"},
		{"2026-02-14", false, "2026-02-23", "2026-02-23"}, // Tết Bính Ngọ
		{"2026-04-26", false, "2026-04-28", "2026-04-28"}, // Giỗ Tổ on a Sunday, Monday given back
		{"2025-03-14", true, "2025-03-14", "2025-03-17"},
	}
	for _, tt := range tests {
		day := d(tt.date)
		if got := c.IsWorkingDay(day); got != tt.working {
			t.Errorf("IsWorkingDay(%s) = %v", tt.date, got)
		}
		if got := c.RollForward(day.Add(13 * time.Hour)); !got.Equal(d(tt.roll)) {
			t.Errorf("RollForward(%s) = %s, want %s", tt.date, got.Format(time.DateOnly), tt.roll)
		}
		if got := c.NextWorkingDay(day); !got.Equal(d(tt.next)) {
			t.Errorf("NextWorkingDay(%s) = %s, want %s", tt.date, got.Format(time.DateOnly), tt.next)
		}
	}
	// A UTC instant late on 29/4/2024 is already 30/4 in Vietnam.
	if c.IsWorkingDay(time.Date(2024, 4, 29, 18, 0, 0, 0, time.UTC)) {
		t.Error("2024-04-29T18:00Z is 2024-04-30 01:00 +07, a holiday")
	}
}

func TestAddWorkdays(t *testing.T) {
	t.Parallel()
	c := Default()
	tests := []struct {
		from string
		n    int
		want string
	}{
		{"2024-04-15", 10, "2024-05-03"}, // 105.json: 18/4 and 29/4–1/5 off
		{"2024-04-15", 0, "2024-04-15"},
		{"2024-04-27", 0, "2024-05-02"},
		{"2024-04-26", 1, "2024-05-02"},
		{"2024-04-26", 2, "2024-05-03"},
		{"2024-04-26", 3, "2024-05-04"}, // the Saturday worked
		{"2024-02-07", 1, "2024-02-15"}, // across Tết Giáp Thìn
		{"2025-01-24", 1, "2025-02-03"}, // across Tết Ất Tỵ
		{"2026-02-13", 5, "2026-02-27"},
		{"2024-08-30", 1, "2024-09-04"}, // 110.json: 2–3/9 off
		{"2013-02-08", 1, "2013-02-18"}, // Tết Quý Tỵ: off 9/2–17/2/2013
		{"2013-02-22", 1, "2013-02-23"}, // Saturday 23/2/2013 worked, for Friday 15/2
		{"2026-08-21", 1, "2026-08-22"}, // Saturday 22/8/2026 worked, for Monday 31/8
		{"2026-08-28", 1, "2026-09-03"}, // off Saturday 29/8 to Wednesday 2/9/2026
		{"2026-08-21", 7, "2026-09-03"},
		{"2024-12-31", 1, "2025-01-02"},
		{"2024-05-02", -1, "2024-04-26"},
		{"2024-05-04", -1, "2024-05-03"},
	}
	for _, tt := range tests {
		if got := c.AddWorkdays(d(tt.from), tt.n); !got.Equal(d(tt.want)) {
			t.Errorf("AddWorkdays(%s, %d) = %s, want %s", tt.from, tt.n, got.Format(time.DateOnly), tt.want)
		}
	}
}

func TestWorkdaysBetween(t *testing.T) {
	t.Parallel()
	c := Default()
	tests := []struct {
		from, to string
		want     int
	}{
		{"2024-04-15", "2024-05-03", 10},
		{"2024-05-03", "2024-04-15", -10},
		{"2024-04-15", "2024-04-15", 0},
		{"2024-04-27", "2024-05-01", 0},
		{"2023-12-29", "2025-01-02", 251 + 1},
		{"2024-01-02", "2024-12-31", 250},
		{"2024-01-01", "2024-12-31", 251}, // 262 weekdays − 12 off + 1 Saturday worked,
		// National Day 2026: 22/8 worked, 31/8–2/9 off: 22, 24–28 (6); without the swap 5.
		{"2026-08-21", "2026-08-28", 6},
		{"2026-08-21", "2026-09-04", 8}, // 22, 24–28, 3, 4
		{"2026-08-28", "2026-09-03", 1},
	}
	for _, tt := range tests {
		if got := c.WorkdaysBetween(d(tt.from), d(tt.to)); got != tt.want {
			t.Errorf("WorkdaysBetween(%s, %s) = %d, want %d", tt.from, tt.to, got, tt.want)
		}
	}
}

// TestAfterCutoff: "sau 15 giờ" (001 Đ4.5c, Đ11.2b) is strictly after 15:00:00.
func TestAfterCutoff(t *testing.T) {
	for _, tt := range []struct {
		at   string
		want bool
	}{{"14:59:59", false}, {"15:00:00", false}, {"15:00:01", true}, {"23:59:59", true}, {"00:00:00", false}} {
		v, err := time.ParseInLocation("2006-01-02 15:04:05", "2026-03-10 "+tt.at, connectors.Zone)
		if err != nil {
			t.Fatal(err)
		}
		if got := AfterCutoff(v, 15); got != tt.want {
			t.Errorf("AfterCutoff(%s) = %v, want %v", tt.at, got, tt.want)
		}
		if got := AfterCutoff(v.UTC(), 15); got != tt.want {
			t.Errorf("AfterCutoff(%s as UTC) = %v, want %v: the zone decides", tt.at, got, tt.want)
		}
	}
}

func TestCountingStart(t *testing.T) {
	t.Parallel()
	c := Default()
	at := func(s string) time.Time {
		v, err := time.ParseInLocation("2006-01-02 15:04:05", s, connectors.Zone)
		if err != nil {
			v, err = time.ParseInLocation("2006-01-02 15:04", s, connectors.Zone)
		}
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	tests := []struct {
		received string
		want     string
	}{
		{"2024-04-15 14:59:59", "2024-04-15"},
		{"2024-04-15 15:00:00", "2024-04-15"}, // "sau 15 giờ" is strictly after 15:00
		{"2024-04-15 15:00:01", "2024-04-16"},
		{"2024-04-26 16:30", "2024-05-02"}, // Friday before the 29/4–1/5 break
		{"2024-04-27 09:00", "2024-05-02"}, // received on a day off
		{"2024-05-03 15:01", "2024-05-04"}, // the Saturday worked counts
	}
	for _, tt := range tests {
		if got := c.CountingStart(at(tt.received), 15); !got.Equal(d(tt.want)) {
			t.Errorf("CountingStart(%s) = %s, want %s", tt.received, got.Format(time.DateOnly), tt.want)
		}
	}
	// 07:59Z is 14:59 in Vietnam: the zone, not UTC's hour, decides.
	if got := c.CountingStart(time.Date(2024, 4, 15, 7, 59, 0, 0, time.UTC), 15); !got.Equal(d("2024-04-15")) {
		t.Errorf("UTC input: %s", got)
	}
	if got := c.CountingStart(time.Date(2024, 4, 15, 8, 0, 1, 0, time.UTC), 15); !got.Equal(d("2024-04-16")) {
		t.Errorf("UTC input at 15:00 +07: %s", got)
	}
}

func TestOptions(t *testing.T) {
	t.Parallel()
	culture := Holiday{Month: 11, Day: 24, Name: "Ngày Văn hóa Việt Nam", EffectiveFrom: d("2027-01-01")}
	c, err := New(Options{
		ExtraHolidays: []Holiday{culture},
		Schedules: []Schedule{
			// A province gives Tuesday 28/4/2026 off, worked back on Saturday 9/5.
			{Year: 2026, DaysOff: []string{"2026-01-01", "2026-01-02", "2026-04-28"}, WorkingSaturdays: []string{"2026-05-09"}, Source: "UBND tỉnh"},
			// A government that placed Tết 2027 differently from the computed default.
			{Year: 2027, DaysOff: []string{"2027-02-11"}, NotOff: []string{"2027-02-04"}, Source: "TB 2027"},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		date    string
		working bool
	}{
		{"2026-04-28", false}, {"2026-05-09", true}, {"2026-01-10", false}, // the override replaced the embedded 2026
		{"2026-02-17", false}, // computed Tết stays
		{"2026-11-24", true},  // not yet effective
		{"2027-11-24", false}, // a Wednesday, effective
		{"2029-11-26", false}, // 24/11/2029 is a Saturday: Monday given back
		{"2027-02-04", true}, {"2027-02-11", false}, {"2027-02-05", false},
	}
	for _, ch := range checks {
		if got := c.IsWorkingDay(d(ch.date)); got != ch.working {
			t.Errorf("IsWorkingDay(%s) = %v, want %v", ch.date, got, ch.working)
		}
	}
	if wd := d("2029-11-24").Weekday(); wd != time.Saturday {
		t.Fatalf("test premise: 2029-11-24 is a %s", wd)
	}
	if c.Source(2027) != "TB 2027" || c.Source(2026) != "UBND tỉnh" {
		t.Errorf("sources: %q, %q", c.Source(2026), c.Source(2027))
	}
}

func TestOptionsErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		opts Options
		want string
	}{
		{Options{Schedules: []Schedule{{Year: 2027, DaysOff: []string{"2027-13-01"}}}}, "schedule 2027: days_off[0]"},
		{Options{Schedules: []Schedule{{Year: 2027, DaysOff: []string{"2028-01-03"}}}}, "is not in 2027"},
		{Options{Schedules: []Schedule{{Year: 2027, WorkingSaturdays: []string{"2027-01-04"}}}}, "not a Saturday"},
		{Options{Schedules: []Schedule{{Year: 2027, NotOff: []string{"2027-03-03"}}}}, "not_off[0]"},
		{Options{Schedules: []Schedule{{Year: 2027}, {Year: 2027}}}, "given twice"},
		{Options{ExtraHolidays: []Holiday{{Month: 2, Day: 30, Name: "x"}}}, "invalid day 30/2"},
	}
	for _, tt := range tests {
		_, err := New(tt.opts)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("New(%+v) error = %v, want %q", tt.opts, err, tt.want)
		}
	}
}

func FuzzAddWorkdays(f *testing.F) {
	c := Default()
	f.Add(int64(0), 10)
	f.Add(int64(19828), 1)
	f.Add(int64(20000), -7)
	f.Add(int64(-5000), 300)
	f.Fuzz(func(t *testing.T, dayOffset int64, n int) {
		dayOffset %= 60000 // about 1860–2190
		n %= 1000
		start := time.Date(2024, 1, 1, 0, 0, 0, 0, connectors.Zone).AddDate(0, 0, int(dayOffset)).Add(time.Duration(n%24) * time.Hour)
		r := c.AddWorkdays(start, n)
		if !c.IsWorkingDay(r) {
			t.Fatalf("AddWorkdays(%s, %d) = %s, not a working day", start, n, r)
		}
		if n != 0 {
			if got := c.WorkdaysBetween(start, r); got != n {
				t.Fatalf("WorkdaysBetween(%s, AddWorkdays(.., %d) = %s) = %d", start, n, r, got)
			}
		} else if got := c.WorkdaysBetween(start, r); got != 0 && got != 1 {
			t.Fatalf("n=0: WorkdaysBetween = %d", got)
		}
	})
}

func BenchmarkIsWorkingDay(b *testing.B) {
	c := Default()
	t0 := d("2024-01-01")
	for i := 0; b.Loop(); i++ {
		c.IsWorkingDay(t0.AddDate(0, 0, i%1000))
	}
}

func BenchmarkAddWorkdays(b *testing.B) {
	c := Default()
	t0 := d("2024-04-15")
	for b.Loop() {
		c.AddWorkdays(t0, 30)
	}
}

func BenchmarkWorkdaysBetween(b *testing.B) {
	c := Default()
	f, to := d("2024-04-15"), d("2026-06-30")
	for b.Loop() {
		c.WorkdaysBetween(f, to)
	}
}

func BenchmarkNew(b *testing.B) {
	for b.Loop() {
		if _, err := New(Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
