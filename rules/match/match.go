// Package match links an incoming report to the task(s) it answers (rules.md §2,
// 001 Đ14.4), in the order a careful Office specialist would:
//
//  1. the portal's own link (vanBanLienQuan) or edXML ResponseFor;
//  2. a reference written in the report's summary or text ("Báo cáo kết quả thực hiện
//     Thông báo số 45/TB-UBND ngày 10/3/2026", "Thực hiện Công văn số 1234/UBND-KT");
//  3. the sending unit (its code) against the tasks' lead units.
//
// Within a directive, the sender's own tasks are preferred. When more than one task
// remains and nothing tells them apart, the result is "ambiguous"; when nothing fits,
// "unmatched". Both are recorded and shown, never guessed silently. The package is
// pure: candidate tasks are handed in.
package match

import (
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/text/unicode/norm"

	"cddh-sync/internal/lazyre"
)

// Ref is a document reference found in text.
type Ref struct {
	Type     string // as written: "Thông báo", "Công văn", ... ("" when absent)
	Number   string // "45"
	Notation string // "TB-UBND"
}

// refRe finds "số 45/TB-UBND" (with an optional type word before it). Notation letters
// include Vietnamese capitals (QĐ, CĐ) and digits; the number may carry a leading
// zero.
var refRe = lazyre.New(`(?i)(?:(thông báo|công văn|kế hoạch|quyết định|chỉ thị|công điện|chương trình|văn bản)\s+)?(?:số|so)\s*[:.]?\s*(\d{1,6})\s*/\s*([0-9A-Za-zĐđÂâĂăÊêÔôƠơƯư]+(?:[-–][0-9A-Za-zĐđÂâĂăÊêÔôƠơƯư]+)*)`)

// References returns every "số N/NOTATION" reference in text, in order, without
// repeats. Text is NFC-normalised first.
func References(text string) []Ref {
	text = norm.NFC.String(text)
	var out []Ref
	seen := map[string]bool{}
	for _, m := range refRe.FindAllStringSubmatch(text, -1) {
		r := Ref{Type: normType(m[1]), Number: strings.TrimLeft(m[2], "0"), Notation: strings.ToUpper(strings.ReplaceAll(m[3], "–", "-"))}
		if r.Number == "" {
			r.Number = "0"
		}
		k := r.Number + "/" + r.Notation
		if !seen[k] {
			seen[k] = true
			out = append(out, r)
		}
	}
	return out
}

func normType(s string) string {
	if s == "" {
		return ""
	}
	r := []rune(strings.ToLower(s))
	r[0] = []rune(strings.ToUpper(string(r[0])))[0]
	return string(r)
}

// Candidate is an open task that a report might answer.
type Candidate struct {
	TaskID    int64
	LeadCodes []string // lead units' codes
	Period    string   // the occurrence of a recurring task ("2026-03"), "" otherwise
}

// Result is the match.
type Result struct {
	TaskIDs []int64
	Method  string // linked, reference, sender, ambiguous, unmatched
	Note    string
}

// Choose picks among the candidates of one directive (found by link or reference)
// for a report sent by senderCode. method names how the directive was found.
func Choose(method, senderCode string, candidates []Candidate) Result {
	if len(candidates) == 0 {
		return Result{Method: "unmatched", Note: "văn bản được dẫn chiếu không có nhiệm vụ đang theo dõi"}
	}
	var own []int64
	for _, c := range candidates {
		for _, code := range c.LeadCodes {
			if senderCode != "" && code == senderCode {
				own = append(own, c.TaskID)
				break
			}
		}
	}
	switch {
	case len(own) > 0:
		// The sender's own tasks in that directive: a report answers all of them.
		return Result{TaskIDs: own, Method: method}
	case len(candidates) == 1:
		return Result{TaskIDs: []int64{candidates[0].TaskID}, Method: method,
			Note: "đơn vị gửi không phải đơn vị chủ trì nhiệm vụ duy nhất của văn bản"}
	}
	return Result{Method: "ambiguous", Note: "văn bản có nhiều nhiệm vụ, đơn vị gửi không chủ trì nhiệm vụ nào"}
}

// BySender matches on the sending unit alone, when no link or reference exists: only
// a single open task of that unit is taken.
func BySender(senderCode string, candidates []Candidate) Result {
	switch {
	case senderCode == "" || len(candidates) == 0:
		return Result{Method: "unmatched", Note: "không tìm thấy văn bản chỉ đạo được báo cáo"}
	case len(candidates) == 1:
		return Result{TaskIDs: []int64{candidates[0].TaskID}, Method: "sender"}
	}
	return Result{Method: "ambiguous", Note: "đơn vị gửi chủ trì nhiều nhiệm vụ đang mở"}
}

var (
	monthRe   = lazyre.New(`(?i)tháng\s+0?(1[0-2]|[1-9])(?:\s*(?:/|năm)\s*(\d{4}))?`)
	quarterRe = lazyre.New(`(?i)quý\s+(iv|i{1,3}|[1-4])(?:\s*(?:/|năm)\s*(\d{4}))?`)
	halfRe    = lazyre.New(`(?i)6\s+tháng\s+(đầu|cuối)\s+năm(?:\s+(\d{4}))?`)
	yearRe    = lazyre.New(`(?i)năm\s+(\d{4})`)
)

// NamedPeriod reads the reporting period a report names for a recurrence
// ("Báo cáo tình hình giải ngân tháng 3 năm 2026" → "2026-03"; "quý I/2026" →
// "2026-Q1"; "6 tháng đầu năm 2026" → "2026-H1"), in the report command's period
// names; "" when it names none. A year left out is the report's own year, or the
// year before for a period that has not begun by the report's month.
func NamedPeriod(text, recurrence string, year, month int) string {
	text = norm.NFC.String(text)
	yr := func(s string, startMonth int) int {
		if s != "" {
			y := 0
			for _, c := range s {
				y = y*10 + int(c-'0')
			}
			return y
		}
		if startMonth > month {
			return year - 1
		}
		return year
	}
	switch recurrence {
	case "monthly":
		if m := monthRe.FindStringSubmatch(text); m != nil {
			mo := 0
			for _, c := range m[1] {
				mo = mo*10 + int(c-'0')
			}
			return fmtPeriod(yr(m[2], mo), "%02d", mo)
		}
	case "quarterly":
		if m := quarterRe.FindStringSubmatch(text); m != nil {
			q := map[string]int{"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}[strings.ToLower(m[1])]
			return fmtPeriod(yr(m[2], 3*q-2), "Q%d", q)
		}
	case "half_yearly":
		if m := halfRe.FindStringSubmatch(text); m != nil {
			h := 1
			if strings.EqualFold(m[1], "cuối") {
				h = 2
			}
			return fmtPeriod(yr(m[2], 6*h-5), "H%d", h)
		}
	case "yearly":
		if m := yearRe.FindStringSubmatch(text); m != nil {
			return m[1]
		}
	}
	return ""
}

func fmtPeriod(year int, format string, n int) string {
	return strconv.Itoa(year) + "-" + fmt.Sprintf(format, n)
}
