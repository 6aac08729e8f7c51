package calendar

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"math/bits"
	"sort"
	"strconv"
	"time"

	"cddh-sync/connectors"
)

// StartOfDay is midnight of t's date in Asia/Ho_Chi_Minh.
func StartOfDay(t time.Time) time.Time {
	l := t.In(connectors.Zone)
	return time.Date(l.Year(), l.Month(), l.Day(), 0, 0, 0, 0, connectors.Zone)
}

// EndOfDay is the last second of t's date in Asia/Ho_Chi_Minh: a deadline given as a
// date ends then (a task reported any time on its deadline day is on time, 001 Đ5.1).
// It is the one definition of "the end of the deadline day".
func EndOfDay(t time.Time) time.Time {
	l := t.In(connectors.Zone)
	return time.Date(l.Year(), l.Month(), l.Day(), 23, 59, 59, 0, connectors.Zone)
}

// AfterCutoff reports whether t is after the cut-off hour of its own day in
// Asia/Ho_Chi_Minh: "sau 15 giờ" (001 Đ4.5c, Đ11.2b, Đ14.4) is read strictly, so
// 15:00:00 is still within the day and 15:00:01 is after it. The hour itself is the
// province profile's (profile.CutoffHour); this is the one place the boundary is
// decided.
func AfterCutoff(t time.Time, hour int) bool {
	l := t.In(connectors.Zone)
	return l.After(time.Date(l.Year(), l.Month(), l.Day(), hour, 0, 0, 0, connectors.Zone))
}

// Schedule is one year's announcement for civil servants: the weekdays given off
// (Tết and National Day placement, swapped days) and the Saturdays worked in exchange.
type Schedule struct {
	Year             int      `json:"year" yaml:"year"`
	DaysOff          []string `json:"days_off" yaml:"days_off"`                   // "2006-01-02"; added to the computed holidays
	WorkingSaturdays []string `json:"working_saturdays" yaml:"working_saturdays"` // Saturdays worked in exchange for a swapped day
	Source           string   `json:"source" yaml:"source"`                       // the announcing document(s)
	// NotOff lists computed days off that the announcement makes working days: needed
	// only when the government places the Tết or National Day days differently from the
	// computed default. Each must be a computed day off.
	NotOff []string `json:"not_off,omitempty" yaml:"not_off,omitempty"`
}

// Holiday is an extra fixed solar holiday (e.g. a new one added to Labour Code Đ112).
type Holiday struct {
	Month, Day    int
	Name          string
	EffectiveFrom time.Time // zero: always
}

// Options extends or overrides the embedded data.
type Options struct {
	// Schedules replace the embedded schedule of the same year, or add a year.
	Schedules []Schedule
	// ExtraHolidays are added to Labour Code Đ112's list, with compensation like any
	// other holiday. None is enabled by default.
	ExtraHolidays []Holiday
}

//go:embed schedules.json
var embeddedSchedules []byte

// The years whose bitsets are precomputed; other years are computed on each call.
const (
	firstYear = 1970
	lastYear  = 2100
)

// yearDays is one year's working-day bitset: bit (yearday-1) set = not a working day.
type yearDays [6]uint64

func (b *yearDays) set(yday int)      { b[(yday-1)/64] |= 1 << uint((yday-1)%64) }
func (b *yearDays) clear(yday int)    { b[(yday-1)/64] &^= 1 << uint((yday-1)%64) }
func (b *yearDays) off(yday int) bool { return b[(yday-1)/64]&(1<<uint((yday-1)%64)) != 0 }
func (b *yearDays) offCount(n int) int { // days off among the first n days of the year
	c := 0
	for i := 0; n > 0; i++ {
		w := b[i]
		if n < 64 {
			w &= 1<<uint(n) - 1
		}
		c += bits.OnesCount64(w)
		n -= 64
	}
	return c
}

// Calendar answers working-day questions. It is immutable after New and safe for
// concurrent use.
type Calendar struct {
	schedules map[int]Schedule
	extras    []Holiday
	years     []yearDays // index year-firstYear
}

// New builds a calendar from the embedded schedules (2012–2013, 2024–2026) overlaid with opts.
func New(opts Options) (*Calendar, error) {
	var embedded []Schedule
	if err := json.Unmarshal(embeddedSchedules, &embedded); err != nil {
		return nil, fmt.Errorf("calendar: embedded schedules.json: %w", err)
	}
	c := &Calendar{schedules: map[int]Schedule{}}
	for i, h := range opts.ExtraHolidays {
		if h.Month < 1 || h.Month > 12 || h.Day < 1 || h.Day > 31 ||
			time.Date(2024, time.Month(h.Month), h.Day, 0, 0, 0, 0, time.UTC).Day() != h.Day {
			return nil, fmt.Errorf("calendar: extra holiday %d (%q): invalid day %d/%d", i, h.Name, h.Day, h.Month)
		}
		c.extras = append(c.extras, h)
	}
	for _, s := range embedded {
		c.schedules[s.Year] = s
	}
	seen := map[int]bool{}
	for _, s := range opts.Schedules {
		if seen[s.Year] {
			return nil, fmt.Errorf("calendar: schedule %d given twice", s.Year)
		}
		seen[s.Year] = true
		c.schedules[s.Year] = s
	}
	for _, s := range c.schedules {
		if err := c.validate(s); err != nil {
			return nil, err
		}
	}
	c.years = make([]yearDays, lastYear-firstYear+1)
	for y := firstYear; y <= lastYear; y++ {
		c.years[y-firstYear] = c.buildYear(y)
	}
	return c, nil
}

// Default is New(Options{}); the embedded data is tested, so it cannot fail.
func Default() *Calendar {
	c, err := New(Options{})
	if err != nil {
		panic(err) // the embedded data is checked by TestEmbeddedSchedules
	}
	return c
}

func parseDay(s string) (time.Time, error) {
	return time.ParseInLocation(time.DateOnly, s, connectors.Zone)
}

func (c *Calendar) validate(s Schedule) error {
	if s.Year < firstYear || s.Year > lastYear {
		return fmt.Errorf("calendar: schedule %d: year outside %d–%d", s.Year, firstYear, lastYear)
	}
	check := func(field string, list []string, f func(time.Time) error) error {
		for i, v := range list {
			d, err := parseDay(v)
			if err != nil {
				return fmt.Errorf("calendar: schedule %d: %s[%d] %q: want YYYY-MM-DD: %w", s.Year, field, i, v, err)
			}
			if d.Year() != s.Year {
				return fmt.Errorf("calendar: schedule %d: %s[%d] %s is not in %d", s.Year, field, i, v, s.Year)
			}
			if err := f(d); err != nil {
				return fmt.Errorf("calendar: schedule %d: %s[%d] %s: %w", s.Year, field, i, v, err)
			}
		}
		return nil
	}
	computed := c.computedOff(s.Year)
	if err := check("days_off", s.DaysOff, func(time.Time) error { return nil }); err != nil {
		return err
	}
	if err := check("working_saturdays", s.WorkingSaturdays, func(d time.Time) error {
		if d.Weekday() != time.Saturday {
			return fmt.Errorf("is a %s, not a Saturday", d.Weekday())
		}
		if computed[d.YearDay()] {
			return fmt.Errorf("is a public holiday")
		}
		return nil
	}); err != nil {
		return err
	}
	return check("not_off", s.NotOff, func(d time.Time) error {
		if !computed[d.YearDay()] || isWeekend(d) {
			return fmt.Errorf("is not a computed weekday off")
		}
		return nil
	})
}

func isWeekend(d time.Time) bool {
	wd := d.Weekday()
	return wd == time.Saturday || wd == time.Sunday
}

func day(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, connectors.Zone)
}

// dateOf returns t's date in connectors.Zone at 00:00.
func dateOf(t time.Time) time.Time {
	y, m, d := t.In(connectors.Zone).Date()
	return day(y, m, d)
}

// labourCode2019Year is the first year under Bộ luật Lao động 2019 (in force from
// 1/1/2021, Đ220), which added the day next to 2/9; before it, Bộ luật Lao động 2012
// Đ115 gave 2/9 alone.
const labourCode2019Year = 2021

// holidays returns the days off of the holidays of solar year y (Labour Code 2019
// Đ112.1 plus the extra ones), with compensatory days (Đ111.3). Some may fall in y+1.
func (c *Calendar) holidays(y int) []time.Time {
	// Fixed statutory days; a weekend one is given back on the next working day.
	statutory := []time.Time{day(y, 1, 1), HungKingsDay(y), day(y, 4, 30), day(y, 5, 1), day(y, 9, 2)}
	// Đ112.1đ: 2/9 and one adjacent day. Default: the day before (1/9), except when
	// 2/9 is a Thursday, where the day after (Friday 3/9) joins the weekend as the
	// government chose in 2021. When 1/9 is a Sunday (2/9 Monday) its compensatory
	// day is 3/9 anyway, as announced in 2024. Before the 2019 Code took effect
	// (1/1/2021, its Đ220) 2/9 alone was the holiday (Bộ luật Lao động 2012 Đ115.1đ).
	switch {
	case y < labourCode2019Year:
	case time.Date(y, 9, 2, 0, 0, 0, 0, time.UTC).Weekday() == time.Thursday:
		statutory = append(statutory, day(y, 9, 3))
	default:
		statutory = append(statutory, day(y, 9, 1))
	}
	for _, h := range c.extras {
		if h.Month == 2 && h.Day == 29 && time.Date(y, 3, 0, 0, 0, 0, 0, time.UTC).Day() != 29 {
			continue
		}
		d := day(y, time.Month(h.Month), h.Day)
		if !h.EffectiveFrom.IsZero() && d.Before(dateOf(h.EffectiveFrom)) {
			continue
		}
		statutory = append(statutory, d)
	}
	off := map[time.Time]bool{}
	for _, d := range tetDays(y) {
		off[d] = true
	}
	for _, d := range statutory {
		off[d] = true
	}
	sort.Slice(statutory, func(i, j int) bool { return statutory[i].Before(statutory[j]) })
	var out []time.Time
	for d := range off {
		out = append(out, d)
	}
	for i, d := range statutory {
		if i > 0 && d.Equal(statutory[i-1]) {
			continue // two holidays on one day give one day off; Đ111.3 only covers weekends
		}
		if !isWeekend(d) {
			continue
		}
		// Đ111.3: the next working day, i.e. not a weekend nor already off.
		comp := d.AddDate(0, 0, 1)
		for isWeekend(comp) || off[comp] {
			comp = comp.AddDate(0, 0, 1)
		}
		off[comp] = true
		out = append(out, comp)
	}
	return out
}

// tetDays returns the five weekdays off for Tết (Đ112.1b leaves their placement to the
// Prime Minister). Default, matching every announcement 2017–2026: the weekdays from
// Tết eve (last day of the lunar year) to the 4th day of Tết, then, while fewer than
// five, one weekday added before and one after, alternately, starting before.
func tetDays(y int) []time.Time {
	tet := TetDay(y)
	eve := tet.AddDate(0, 0, -1)
	var days []time.Time
	for d := eve; !d.After(tet.AddDate(0, 0, 3)); d = d.AddDate(0, 0, 1) {
		if !isWeekend(d) {
			days = append(days, d)
		}
	}
	before, after := eve, tet.AddDate(0, 0, 3)
	for i := 0; len(days) < 5; i++ {
		if i%2 == 0 {
			for before = before.AddDate(0, 0, -1); isWeekend(before); before = before.AddDate(0, 0, -1) {
			}
			days = append(days, before)
		} else {
			for after = after.AddDate(0, 0, 1); isWeekend(after); after = after.AddDate(0, 0, 1) {
			}
			days = append(days, after)
		}
	}
	return days
}

// computedOff returns the computed holidays falling in year y, by year day.
func (c *Calendar) computedOff(y int) map[int]bool {
	m := map[int]bool{}
	for _, yy := range []int{y - 1, y} {
		for _, d := range c.holidays(yy) {
			if d.Year() == y {
				m[d.YearDay()] = true
			}
		}
	}
	return m
}

// buildYear computes year y's bitset: weekends, computed holidays, then the schedule.
func (c *Calendar) buildYear(y int) yearDays {
	var b yearDays
	for d := day(y, 1, 1); d.Year() == y; d = d.AddDate(0, 0, 1) {
		if isWeekend(d) {
			b.set(d.YearDay())
		}
	}
	for yd := range c.computedOff(y) {
		b.set(yd)
	}
	if s, ok := c.schedules[y]; ok {
		// Validated in New, so parse errors cannot happen here.
		for _, v := range s.NotOff {
			if d, err := parseDay(v); err == nil {
				b.clear(d.YearDay())
			}
		}
		for _, v := range s.DaysOff {
			if d, err := parseDay(v); err == nil {
				b.set(d.YearDay())
			}
		}
		for _, v := range s.WorkingSaturdays {
			if d, err := parseDay(v); err == nil {
				b.clear(d.YearDay())
			}
		}
	}
	return b
}

func (c *Calendar) year(y int) yearDays {
	if y >= firstYear && y <= lastYear {
		return c.years[y-firstYear]
	}
	return c.buildYear(y)
}

// IsWorkingDay reports whether t's date (in connectors.Zone) is a working day.
func (c *Calendar) IsWorkingDay(t time.Time) bool {
	t = t.In(connectors.Zone)
	b := c.year(t.Year())
	return !b.off(t.YearDay())
}

// cursor walks dates as (year, year day), fetching a year's bitset once per year, so
// that walks over many days cost a bit test per day.
type cursor struct {
	c        *Calendar
	year, yd int
	days     int
	yearBits yearDays
}

func (c *Calendar) cursorAt(t time.Time) *cursor {
	t = t.In(connectors.Zone)
	cu := &cursor{c: c, yd: t.YearDay()}
	cu.load(t.Year())
	return cu
}

func (cu *cursor) load(y int) {
	cu.year, cu.yearBits = y, cu.c.year(y)
	cu.days = day(y, 12, 31).YearDay()
}

func (cu *cursor) working() bool { return !cu.yearBits.off(cu.yd) }

func (cu *cursor) next() {
	if cu.yd++; cu.yd > cu.days {
		cu.load(cu.year + 1)
		cu.yd = 1
	}
}

func (cu *cursor) prev() {
	if cu.yd--; cu.yd < 1 {
		cu.load(cu.year - 1)
		cu.yd = cu.days
	}
}

func (cu *cursor) date() time.Time { return day(cu.year, 1, cu.yd) }

// RollForward returns t's date if it is a working day, else the next working day
// (Civil Code 2015 Đ148: a deadline ending on a day off moves to the next working day).
func (c *Calendar) RollForward(t time.Time) time.Time {
	cu := c.cursorAt(t)
	for !cu.working() {
		cu.next()
	}
	return cu.date()
}

// NextWorkingDay returns the first working day strictly after t's date.
func (c *Calendar) NextWorkingDay(t time.Time) time.Time {
	cu := c.cursorAt(t)
	for cu.next(); !cu.working(); cu.next() {
	}
	return cu.date()
}

// AddWorkdays returns the n-th working day after t's date, t's date not counted; n == 0
// gives RollForward(t). For n < 0 it returns the working day r with
// WorkdaysBetween(r, t) == -n: |n| working days back, t's date counted if working.
func (c *Calendar) AddWorkdays(t time.Time, n int) time.Time {
	if n == 0 {
		return c.RollForward(t)
	}
	cu := c.cursorAt(t)
	if n > 0 {
		for n > 0 {
			cu.next()
			if cu.working() {
				n--
			}
		}
		return cu.date()
	}
	for k := -n; ; cu.prev() {
		if cu.working() {
			if k == 0 {
				return cu.date()
			}
			k--
		}
	}
}

// WorkdaysBetween counts the working days d with from's date < d <= to's date; it is
// negative (the count of to < d <= from) when to is before from.
func (c *Calendar) WorkdaysBetween(from, to time.Time) int {
	f, t := dateOf(from), dateOf(to)
	if t.Before(f) {
		return -c.WorkdaysBetween(t, f)
	}
	// Working days in (f, t] = whole years from f's year up to t's, plus the working
	// days of t's year up to t, minus those of f's year up to f (per-year popcounts).
	n := 0
	for y := f.Year(); y < t.Year(); y++ {
		n += c.yearWorkdays(y)
	}
	return n + c.workdaysInYearUpTo(t) - c.workdaysInYearUpTo(f)
}

// workdaysInYearUpTo counts the working days from 1 January of d's year to d inclusive.
func (c *Calendar) workdaysInYearUpTo(d time.Time) int {
	b := c.year(d.Year())
	return d.YearDay() - b.offCount(d.YearDay())
}

func (c *Calendar) yearWorkdays(y int) int {
	b := c.year(y)
	days := day(y, 12, 31).YearDay()
	return days - b.offCount(days)
}

// CountingStart returns the working day a time limit counts from for a document
// received at received: its date, or, when received after cutoffHour:00 (AfterCutoff),
// the next working day (001 Đ4.5c, Đ11.2b, Đ14.4). A date that is not a working day
// rolls forward.
func (c *Calendar) CountingStart(received time.Time, cutoffHour int) time.Time {
	r := received.In(connectors.Zone)
	if AfterCutoff(r, cutoffHour) {
		return c.NextWorkingDay(r)
	}
	return c.RollForward(r)
}

// DaysOff returns the weekdays of year that are not working days, sorted.
func (c *Calendar) DaysOff(year int) []time.Time {
	b := c.year(year)
	var out []time.Time
	for d := day(year, 1, 1); d.Year() == year; d = d.AddDate(0, 0, 1) {
		if !isWeekend(d) && b.off(d.YearDay()) {
			out = append(out, d)
		}
	}
	return out
}

// WorkingSaturdays returns the Saturdays of year that are working days, sorted.
func (c *Calendar) WorkingSaturdays(year int) []time.Time {
	b := c.year(year)
	var out []time.Time
	for d := day(year, 1, 1); d.Year() == year; d = d.AddDate(0, 0, 1) {
		if d.Weekday() == time.Saturday && !b.off(d.YearDay()) {
			out = append(out, d)
		}
	}
	return out
}

// Source names where year's days off come from.
func (c *Calendar) Source(year int) string {
	if s, ok := c.schedules[year]; ok && s.Source != "" {
		return s.Source
	}
	return "computed only (no announced schedule for " + strconv.Itoa(year) +
		"): Bộ luật Lao động 2019 Đ112.1 and Đ111.3 compensatory days (before 2021 Bộ luật Lao động 2012 Đ115: 2/9 alone), default Tết and 2/9 placement"
}
