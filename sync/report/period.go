package report

import (
	"fmt"
	"strconv"
	"time"

	"cddh-sync/connectors"
	"cddh-sync/internal/lazyre"
)

// Period is a reporting period [From, To) in Asia/Ho_Chi_Minh.
type Period struct {
	Name     string // as given: 2026-03, 2026-Q1, 2026-H1, 2026
	From, To time.Time
}

var periodRe = lazyre.New(`^(\d{4})(?:-(\d{2})|-Q([1-4])|-H([12]))?$`)

// ParsePeriod reads 2026-03 (a month), 2026-Q1 (a quarter), 2026-H1 (a half-year) or
// 2026 (a year). Boundaries are midnight in Asia/Ho_Chi_Minh.
func ParsePeriod(s string) (Period, error) {
	m := periodRe.FindStringSubmatch(s)
	if m == nil {
		return Period{}, fmt.Errorf("--period %q: want 2026-03, 2026-Q1, 2026-H1 or 2026", s)
	}
	y, _ := strconv.Atoi(m[1])
	if y < 2000 || y > 2100 {
		return Period{}, fmt.Errorf("--period %q: year out of range", s)
	}
	first, months := time.January, 12
	switch {
	case m[2] != "":
		mo, _ := strconv.Atoi(m[2])
		if mo < 1 || mo > 12 {
			return Period{}, fmt.Errorf("--period %q: month must be 01–12", s)
		}
		first, months = time.Month(mo), 1
	case m[3] != "":
		q, _ := strconv.Atoi(m[3])
		first, months = time.Month(3*(q-1)+1), 3
	case m[4] != "":
		h, _ := strconv.Atoi(m[4])
		first, months = time.Month(6*(h-1)+1), 6
	}
	from := time.Date(y, first, 1, 0, 0, 0, 0, connectors.Zone)
	return Period{Name: s, From: from, To: from.AddDate(0, months, 0)}, nil
}

// Contains reports whether t falls in the period.
func (p Period) Contains(t time.Time) bool { return !t.Before(p.From) && t.Before(p.To) }
