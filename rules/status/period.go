package status

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"

	"cddh-sync/connectors"
	"cddh-sync/internal/lazyre"
)

// The period phrases reports use to say which occurrence they answer
// (rules.md §4: "tháng 3"). Matched on NFC, case-folded text.
var (
	reMonth   = lazyre.New(`tháng\s+(\d{1,2})(?:\s*(?:/|năm)\s*(\d{4}))?`)
	reQuarter = lazyre.New(`quý\s+(iv|iii|ii|i|[1-4])\b(?:\s*(?:/|năm)\s*(\d{4}))?`)
	reHalf    = lazyre.New(`(?:6|sáu)\s+tháng\s+(đầu|cuối)\s+năm(?:\s+(\d{4}))?`)
	reYear    = lazyre.New(`năm\s+(\d{4})`)
)

// NamedPeriod finds the period a report's summary names, in the report
// command's spelling (2026-03, 2026-Q1, 2026-H1, 2026), for a task that
// recurs with rec. A period written without its year takes the year of ref
// (the report's issue time), or the year before when that period would
// start after ref ("báo cáo tháng 12" issued in January). ok is false when
// the text names no period of that kind.
func NamedPeriod(text string, rec Recurrence, ref time.Time) (string, bool) {
	t := cases.Fold().String(norm.NFC.String(text))
	r := ref.In(connectors.Zone)
	year := func(s string, startMonth int) int {
		if y, err := strconv.Atoi(s); err == nil && s != "" {
			return y
		}
		if startMonth > int(r.Month()) {
			return r.Year() - 1
		}
		return r.Year()
	}
	switch rec {
	case Monthly:
		if m := reMonth.FindStringSubmatch(t); m != nil {
			n, _ := strconv.Atoi(m[1])
			if n >= 1 && n <= 12 {
				return fmt.Sprintf("%04d-%02d", year(m[2], n), n), true
			}
		}
	case Quarterly:
		if m := reQuarter.FindStringSubmatch(t); m != nil {
			q := map[string]int{"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}[m[1]]
			return fmt.Sprintf("%04d-Q%d", year(m[2], (q-1)*3+1), q), true
		}
	case HalfYearly:
		if m := reHalf.FindStringSubmatch(t); m != nil {
			h := 1
			if m[1] == "cuối" {
				h = 2
			}
			return fmt.Sprintf("%04d-H%d", year(m[2], (h-1)*6+1), h), true
		}
	case Yearly:
		if m := reYear.FindStringSubmatch(t); m != nil && !strings.Contains(t, "tháng") {
			return m[1], true
		}
	}
	return "", false
}
