package deadline

import (
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"cddh-sync/rules/calendar"
)

// resolveDate turns written parts into a date. Missing parts are inferred from the
// issue date: the first such date on or after it (a recurring one: its first
// occurrence on or after it).
func (p *parser) resolveDate(d, m, y int, lunar bool, rec string, months []int) (time.Time, []string, bool) {
	if lunar {
		if m == 0 {
			return time.Time{}, nil, false
		}
		if y != 0 {
			return calendar.LunarToSolar(d, m, y, false), []string{FlagEventAnchor}, true
		}
		from := p.yearFrom()
		if from.IsZero() {
			return time.Time{}, nil, false
		}
		for ly := from.Year() - 1; ly <= from.Year()+1; ly++ {
			if t := calendar.LunarToSolar(d, m, ly, false); !t.Before(from) {
				return t, []string{FlagEventAnchor, FlagYearInferred}, true
			}
		}
		return time.Time{}, nil, false
	}
	if y != 0 {
		if m == 0 || d > daysIn(y, m) {
			return time.Time{}, nil, false
		}
		return mkDate(y, m, d), nil, true
	}
	from := p.issue
	if m != 0 {
		from = p.yearFrom() // (a day alone needs the issue date)
	}
	if from.IsZero() {
		return time.Time{}, nil, false
	}
	var flags []string
	if rec == "" {
		flags = []string{FlagYearInferred}
	}
	if m != 0 {
		if d > 29 && d > daysIn(2000, m) || m == 2 && d > 29 {
			return time.Time{}, nil, false
		}
		for yy := from.Year(); yy <= from.Year()+8; yy++ {
			if d > daysIn(yy, m) {
				continue // 29/2 waits for a leap year
			}
			if t := mkDate(yy, m, d); !t.Before(from) {
				return t, flags, true
			}
		}
		return time.Time{}, nil, false
	}
	// Day only: the next month (of the allowed ones) whose day d is on or after
	// the issue date; a day past the month's end is its last day.
	if months == nil {
		switch rec {
		case Quarterly:
			months = []int{3, 6, 9, 12}
		case HalfYearly:
			months = []int{6, 12}
		case Yearly:
			months = []int{12}
		}
	}
	y0, m0 := p.issue.Year(), int(p.issue.Month())
	for k := range 25 {
		yy, mm := y0+(m0-1+k)/12, (m0-1+k)%12+1
		if months != nil && !slices.Contains(months, mm) {
			continue
		}
		dd := min(d, daysIn(yy, mm))
		if t := mkDate(yy, mm, dd); !t.Before(p.issue) {
			return t, flags, true
		}
	}
	return time.Time{}, nil, false
}

// ---------------------------------------------------------------- periods

// periodCand reads a period at j and takes its end (or its named day) as the
// deadline. Civil Code 2015 art. 146: đầu tháng = day 1, giữa tháng = 15, cuối
// tháng = last day; đầu năm = 1/1, giữa năm = 30/6, cuối năm = 31/12.
func (p *parser) periodCand(i, j int) (cand, bool) {
	t, flags, k, ok := p.period(j)
	if !ok {
		return cand{}, false
	}
	conf := 0.9
	if p.word(j) == "năm" {
		// "… đánh giá, phân loại công chức trong năm 2015": a whole year is as
		// often what the work is about as when it is due (the task's confidence
		// falls below review)
		conf = 0.8
	}
	return cand{a: i, b: k, nominal: t, flags: flags, conf: conf}, true
}

func (p *parser) period(j int) (time.Time, []string, int, bool) {
	switch w := p.word(j); w {
	case "đầu", "giữa", "cuối":
		return p.periodPart(w, j+1)
	case "tháng":
		if w := p.word(j + 1); w == "đầu" || w == "cuối" {
			// "trong tháng cuối (của) năm 2023": the year's first or last month
			if k := p.opt(j+2, "của"); p.word(k) == "năm" {
				y, flags, k, ok := p.yearRef(k + 1)
				if !ok {
					return time.Time{}, nil, 0, false
				}
				if w == "đầu" {
					return lastOfMonth(y, 1), flags, k, true
				}
				return mkDate(y, 12, 31), flags, k, true
			}
		}
		y, m, flags, k, ok := p.monthRef(j + 1)
		if !ok {
			return time.Time{}, nil, 0, false
		}
		return lastOfMonth(y, m), flags, k, true
	case "thượng", "trung", "hạ":
		// "thượng tuần / trung tuần / hạ tuần tháng 5": a month's first, middle
		// and last ten days, each ending on the 10th, the 20th, the last day
		if p.word(j+1) != "tuần" || p.word(j+2) != "tháng" {
			break
		}
		y, m, flags, k, ok := p.monthRef(j + 3)
		if !ok {
			return time.Time{}, nil, 0, false
		}
		switch w {
		case "thượng":
			return mkDate(y, m, 10), flags, k, true
		case "trung":
			return mkDate(y, m, 20), flags, k, true
		}
		return lastOfMonth(y, m), flags, k, true
	case "nửa":
		// "nửa đầu tháng 5", "nửa cuối năm 2026": a half ends on the 15th or
		// on 30/6, the second on the period's last day (as giữa, cuối below)
		if part := p.word(j + 1); part == "đầu" || part == "cuối" {
			half := "cuối"
			if part == "đầu" {
				half = "giữa"
			}
			t, flags, k, ok := p.periodPart(half, j+2)
			if ok && p.word(j+2) != "quý" {
				return t, flags, k, true
			}
		}
		return time.Time{}, nil, 0, false
	case "quý":
		y, q, flags, k, ok := p.quarterRef(j + 1)
		if !ok {
			return time.Time{}, nil, 0, false
		}
		return lastOfMonth(y, 3*q), flags, k, true
	case "năm":
		y, flags, k, ok := p.yearRef(j + 1)
		if !ok {
			return time.Time{}, nil, 0, false
		}
		return mkDate(y, 12, 31), flags, k, true
	case "tuần":
		// "tuần đầu (của) tháng 5/2026" ends on the 7th, "tuần cuối tháng …" on
		// the month's last day.
		if part := p.word(j + 1); part == "đầu" || part == "cuối" {
			if k := p.opt(j+2, "của"); p.word(k) == "tháng" {
				y, m, flags, k, ok := p.monthRef(k + 1)
				if !ok {
					return time.Time{}, nil, 0, false
				}
				if part == "đầu" {
					return mkDate(y, m, 7), flags, k, true
				}
				return lastOfMonth(y, m), flags, k, true
			}
			return time.Time{}, nil, 0, false
		}
		// The working week ends on Friday; "tuần này" is the issue week,
		// "tuần sau/tới" the next one.
		if p.issue.IsZero() {
			break
		}
		off := 0
		switch p.word(j + 1) {
		case "này":
		case "sau", "tới":
			off = 7
		default:
			return time.Time{}, nil, 0, false
		}
		wd := int(p.issue.Weekday()) // Sunday 0
		if wd == 0 {
			wd = 7
		}
		return p.issue.AddDate(0, 0, 5-wd+off), nil, j + 2, true
	}
	// "6 tháng đầu năm 2026", "6 tháng cuối năm": first/last N months.
	if n, ok := p.num(j); ok && n >= 1 && n <= 12 && p.word(j+1) == "tháng" && (p.word(j+2) == "đầu" || p.word(j+2) == "cuối") && p.word(j+3) == "năm" {
		y, flags, k, ok := p.yearRef(j + 4)
		if !ok {
			return time.Time{}, nil, 0, false
		}
		if p.word(j+2) == "đầu" {
			return lastOfMonth(y, n), flags, k, true
		}
		return mkDate(y, 12, 31), flags, k, true
	}
	return time.Time{}, nil, 0, false
}

// periodPart reads "tháng …", "quý …", "năm …" after đầu/giữa/cuối.
func (p *parser) periodPart(part string, j int) (time.Time, []string, int, bool) {
	pick := func(first, mid, last time.Time) time.Time {
		switch part {
		case "đầu":
			return first
		case "giữa":
			return mid
		}
		return last
	}
	switch p.word(j) {
	case "tháng":
		y, m, flags, k, ok := p.monthRef(j + 1)
		if !ok {
			return time.Time{}, nil, 0, false
		}
		return pick(mkDate(y, m, 1), mkDate(y, m, 15), lastOfMonth(y, m)), flags, k, true
	case "quý":
		y, q, flags, k, ok := p.quarterRef(j + 1)
		if !ok {
			return time.Time{}, nil, 0, false
		}
		return pick(mkDate(y, 3*q-2, 1), mkDate(y, 3*q-1, 15), lastOfMonth(y, 3*q)), flags, k, true
	case "năm":
		y, flags, k, ok := p.yearRef(j + 1)
		if !ok {
			return time.Time{}, nil, 0, false
		}
		return pick(mkDate(y, 1, 1), mkDate(y, 6, 30), mkDate(y, 12, 31)), flags, k, true
	}
	return time.Time{}, nil, 0, false
}

// monthRef reads "M/Y", "M năm Y", "M", "này", "sau", "tới" after "tháng".
func (p *parser) monthRef(j int) (y, m int, flags []string, k int, ok bool) {
	if v, isNum := p.num(j); isNum && v >= 1 && v <= 12 && p.t[j].digits <= 2 {
		k = j + 1
		if (p.punct(k, "/") || p.punct(k, "-")) && !p.t[k].space {
			if yy, ok := p.year(k + 1); ok && p.t[k+1].digits == 4 {
				return yy, v, nil, k + 2, true
			}
		}
		if p.word(k) == "năm" {
			if yy, ok := p.year(k + 1); ok && p.t[k+1].digits == 4 {
				return yy, v, nil, k + 2, true
			}
		}
		from := p.yearFrom()
		if from.IsZero() {
			return 0, 0, nil, 0, false
		}
		y = from.Year()
		if v < int(from.Month()) {
			y++
		}
		return y, v, []string{FlagYearInferred}, k, true
	}
	if p.issue.IsZero() {
		return 0, 0, nil, 0, false
	}
	switch p.word(j) {
	case "này":
		return p.issue.Year(), int(p.issue.Month()), nil, j + 1, true
	case "sau", "tới":
		t := mkDate(p.issue.Year(), int(p.issue.Month())+1, 1)
		return t.Year(), int(t.Month()), nil, j + 1, true
	}
	return 0, 0, nil, 0, false
}

// quarterRef reads "III/2024", "III năm 2024", "3", "này", "sau", "tới" after "quý".
func (p *parser) quarterRef(j int) (y, q int, flags []string, k int, ok bool) {
	q = p.roman(j)
	if q == 0 {
		if v, isNum := p.num(j); isNum && v >= 1 && v <= 4 {
			q = v
		}
	}
	if q == 0 {
		if p.issue.IsZero() {
			return 0, 0, nil, 0, false
		}
		cur := (int(p.issue.Month())-1)/3 + 1
		switch p.word(j) {
		case "này":
			return p.issue.Year(), cur, nil, j + 1, true
		case "sau", "tới":
			if cur == 4 {
				return p.issue.Year() + 1, 1, nil, j + 1, true
			}
			return p.issue.Year(), cur + 1, nil, j + 1, true
		}
		return 0, 0, nil, 0, false
	}
	k = j + 1
	if p.punct(k, "/") || p.punct(k, "-") {
		if yy, ok := p.year(k + 1); ok && p.t[k+1].digits == 4 {
			return yy, q, nil, k + 2, true
		}
	}
	if p.word(k) == "năm" {
		if yy, ok := p.year(k + 1); ok && p.t[k+1].digits == 4 {
			return yy, q, nil, k + 2, true
		}
	}
	from := p.yearFrom()
	if from.IsZero() {
		return 0, 0, nil, 0, false
	}
	y = from.Year()
	if !lastOfMonth(y, 3*q).After(from.AddDate(0, 0, -1)) {
		y++
	}
	return y, q, []string{FlagYearInferred}, k, true
}

// yearFrom is the date a year left unwritten counts from: the issue date, or
// with the issue date unknown the latest date the text cites (Context.NotBefore),
// or zero when there is neither. A date, a lunar date, a month and a quarter
// without their year all take it.
func (p *parser) yearFrom() time.Time {
	if p.issue.IsZero() && !p.ctx.NotBefore.IsZero() {
		return dateOf(p.ctx.NotBefore)
	}
	return p.issue
}

// yearRef reads "2026", "nay", "sau", "tới" after "năm".
func (p *parser) yearRef(j int) (y int, flags []string, k int, ok bool) {
	if v, isNum := p.num(j); isNum && p.t[j].digits == 4 && v >= 1900 && v <= 2200 {
		return v, nil, j + 1, true
	}
	if p.issue.IsZero() {
		return 0, nil, 0, false
	}
	switch p.word(j) {
	case "nay":
		return p.issue.Year(), nil, j + 1, true
	case "sau", "tới":
		return p.issue.Year() + 1, nil, j + 1, true
	}
	// "cuối năm" closing a phrase: the issue year. "trong năm học", "trong năm
	// qua" are other things.
	if j >= len(p.t) || p.t[j].kind == tkPunct && p.tx(j) != "/" && p.tx(j) != "-" || p.t[j].para {
		return p.issue.Year(), []string{FlagYearInferred}, j, true
	}
	return 0, nil, 0, false
}

// ---------------------------------------------------------------- durations

// count reads "10", "05 (năm)", "mười", "mười (10)".
func (p *parser) count(j int) (int, int, bool) {
	if v, ok := p.num(j); ok && v > 0 && v <= 3660 {
		return v, p.pastSpelling(j + 1), true
	}
	v, k := p.spelled(j)
	if k == j {
		return 0, 0, false
	}
	if p.punct(k, "(") {
		if n, ok := p.num(k + 1); ok && p.punct(k+2, ")") {
			return n, k + 3, n > 0
		}
	}
	return v, k, v > 0
}

// pastSpelling is k past a number's spelling in brackets after its digits, as
// formal texts write it ("05 (năm) ngày", "ngày 15 (mười lăm) tháng 5",
// "tháng 06 (sáu)"); k itself when none is there.
func (p *parser) pastSpelling(k int) int {
	if !p.punct(k, "(") {
		return k
	}
	e := k + 1
	for e < len(p.t) && e < k+6 && p.t[e].kind == tkWord && spelledDigit(p.tx(e)) >= 0 {
		e++
	}
	if e > k+1 && p.punct(e, ")") {
		return e + 1
	}
	return k
}

func spelledDigit(w string) int {
	switch w {
	case "không", "linh", "lẻ":
		return 0
	case "một", "mốt":
		return 1
	case "hai":
		return 2
	case "ba":
		return 3
	case "bốn", "tư":
		return 4
	case "năm", "lăm":
		return 5
	case "sáu":
		return 6
	case "bảy", "bẩy":
		return 7
	case "tám":
		return 8
	case "chín":
		return 9
	case "mười", "mươi":
		return 10
	}
	return -1
}

// spelled reads a spelled-out number below 100 ("mười lăm", "hai mươi").
func (p *parser) spelled(j int) (int, int) {
	v, k := 0, j
	for k < len(p.t) && k < j+4 && p.t[k].kind == tkWord {
		w := p.tx(k)
		switch d := spelledDigit(w); {
		case d < 0:
			return v, k
		case w == "mười":
			v += 10
		case w == "mươi":
			v *= 10
			if v == 0 {
				return 0, j
			}
		default:
			v += d
		}
		k++
	}
	return v, k
}

// duration reads "N ngày làm việc | ngày | tuần | tháng [kể từ ngày <event>]".
// "N ngày làm việc" counts working days after the start day, "N ngày" calendar
// days. The start is the issue date unless the text counts from receipt, where
// rules.md §3 (001 Đ11.2b) applies: after 15:00 counting starts the next working day.
func (p *parser) duration(i, j int) (cand, bool) {
	n, k, ok := p.count(j)
	if !ok {
		return cand{}, false
	}
	if n <= 12 && p.is(k, "tháng", "còn", "lại") && !p.issue.IsZero() {
		// "hoàn thành trong hai tháng còn lại (của năm)": the months left of
		// the issue year, so its last day, not two months from the issue
		e := p.opt(p.opt(k+3, "của", "năm"), "năm", "nay")
		return cand{a: i, b: e, nominal: mkDate(p.issue.Year(), 12, 31), conf: 0.8}, true
	}
	unit := ""
	switch {
	case p.is(k, "ngày", "làm", "việc"):
		unit, k = "workday", k+3
	case p.word(k) == "ngày":
		unit, k = "day", k+1
	case p.word(k) == "tuần":
		unit, k = "week", k+1
	case p.word(k) == "tháng":
		unit, k = "month", k+1
	case p.word(k) == "năm" && n <= 10:
		if _, isYear := p.num(k + 1); isYear {
			return cand{}, false // "trong 5 năm 2026" is no duration
		}
		unit, k = "year", k+1
	case p.word(k) == "giờ" && n <= 240:
		unit, k = "hour", k+1
	default:
		return cand{}, false
	}
	// A following "đầu/cuối năm" makes it a period ("6 tháng đầu năm"), not a duration.
	if unit == "month" && (p.word(k) == "đầu" || p.word(k) == "cuối") {
		return cand{}, false
	}
	ev, k2, ok := p.startEvent(k)
	if !ok {
		return cand{}, false
	}
	k = k2
	if p.issue.IsZero() && ev.kind != evDate {
		return cand{}, false
	}
	cal := p.ctx.Cal
	var start time.Time
	flags := []string{FlagRelative}
	switch ev.kind {
	case evIssue:
		start = p.issue
	case evReceipt:
		rec := p.ctx.Received
		if rec.IsZero() {
			rec = p.ctx.Issued
		}
		start = cal.CountingStart(rec, p.ctx.CutoffHour)
		flags = append(flags, FlagFromReceipt)
	case evDate:
		start = ev.date
	}
	var nom time.Time
	hhmm := ""
	switch unit {
	case "hour":
		// "trong 24 giờ": hours from the issue (or receipt) moment, not from a day.
		from := p.ctx.Issued
		if ev.kind == evReceipt && !p.ctx.Received.IsZero() {
			from = p.ctx.Received
		}
		if ev.kind == evDate || from.IsZero() {
			return cand{}, false
		}
		due := from.Add(time.Duration(n) * time.Hour).In(p.issue.Location())
		nom, hhmm = dateOf(due), due.Format("15:04")
	case "workday":
		nom = cal.AddWorkdays(start, n)
	case "day":
		nom = start.AddDate(0, 0, n)
	case "week":
		nom = start.AddDate(0, 0, 7*n)
	case "month":
		nom = addMonths(start, n)
	case "year":
		nom = addMonths(start, 12*n)
	}
	return cand{a: i, b: k, nominal: nom, hhmm: hhmm, flags: flags, conf: ev.conf}, true
}

// addMonths: a period in months ends on the same day of the last month, or on that
// month's last day when it has no such day (Civil Code 2015 art. 147–148).
func addMonths(t time.Time, n int) time.Time {
	y, m := t.Year(), int(t.Month())+n
	first := mkDate(y, m, 1)
	d := min(t.Day(), daysIn(first.Year(), int(first.Month())))
	return mkDate(first.Year(), int(first.Month()), d)
}

type evKind uint8

const (
	evIssue evKind = iota
	evReceipt
	evDate
)

type event struct {
	kind evKind
	date time.Time
	conf float64
}

// startEvent reads "kể từ ngày ban hành / ký / nhận được văn bản này" or "kể từ
// ngày D". No such phrase: the issue date. An event the grammar cannot date
// ("kể từ ngày kết thúc đợt kiểm tra") makes the duration unusable.
func (p *parser) startEvent(k int) (event, int, bool) {
	j := k
	if p.punct(j, ",") {
		j++
	}
	switch {
	case p.is(j, "kể", "từ"), p.is(j, "tính", "từ"):
		j += 2
	case p.is(j, "sau", "khi"):
		j += 2
		if p.word(j) != "nhận" && p.word(j) != "ban" && p.word(j) != "ký" {
			return event{}, 0, false
		}
	case p.word(j) == "khi", p.is(j, "ngay", "khi"), p.is(j, "từ", "khi"):
		// "báo cáo trong 03 ngày làm việc khi phát hiện ca bệnh": counted
		// from an event no one can date (testdata/dev/README.md, 107)
		return event{}, 0, false
	default:
		return event{kind: evIssue, conf: 0.8}, k, true
	}
	j = p.opt(j, "ngày")
	j = p.opt(j, "khi")
	j = p.opt(j, "sau", "khi")
	if dc, ok := p.dateAt(j, j); ok && dc.hasMonth {
		return event{kind: evDate, date: dc.nominal, conf: 0.9}, dc.b, true
	}
	for e := j; e < len(p.t) && e < j+10 && p.t[e].kind == tkWord; e++ {
		var ev event
		w := p.tx(e)
		switch {
		case w == "nhận" || w == "tiếp" && p.word(e+1) == "nhận":
			if p.receivesOther(e) {
				// "kể từ ngày nhận đủ hồ sơ hợp lệ": the receipt of a case's file,
				// not of this document, starts the count: no date can be given
				return event{}, 0, false
			}
			ev = event{kind: evReceipt, conf: 0.9}
		case w == "ban" && p.word(e+1) == "hành", w == "ký", w == "phát" && p.word(e+1) == "hành":
			ev = event{kind: evIssue, conf: 0.9}
		case w == "hiệu" && p.word(e+1) == "lực":
			ev = event{kind: evIssue, conf: 0.6}
		default:
			continue
		}
		// The span runs to the end of the phrase: "… văn bản này", "… Thông báo này".
		end := e + 1
		for x := e + 1; x < len(p.t) && x < e+7 && p.t[x].kind == tkWord; x++ {
			if p.tx(x) == "này" {
				end = x + 1
				break
			}
		}
		if end == e+1 {
			end = p.opt(p.opt(end, "hành"), "được")
			end = p.opt(end, "lực")
		}
		return ev, end, true
	}
	return event{}, 0, false
}

// receivedObjects are what a unit receives other than the document itself.
var receivedObjects = map[string]bool{"hồ sơ": true, "đơn": true, "tờ trình": true, "báo cáo": true, "đề nghị": true,
	"yêu cầu": true, "kết quả": true, "ý kiến": true, "phản ánh": true, "kiến nghị": true, "danh sách": true, "dự thảo": true,
	"thông tin": true, "đề xuất": true, "hàng": true, "kinh phí": true, "vốn": true}

// receivesOther: the "nhận" (or "tiếp nhận") at e is followed, past "được",
// "đủ", "đầy đủ", by something other than this document: "nhận đủ hồ sơ".
func (p *parser) receivesOther(e int) bool {
	j := e + 1
	if p.word(e) == "tiếp" {
		j++
	}
	for _, w := range []string{"được", "đủ", "đầy", "đủ"} {
		if p.word(j) == w {
			j++
		}
	}
	return receivedObjects[p.word(j)] || receivedObjects[p.word(j)+" "+p.word(j+1)]
}

// ---------------------------------------------------------------- event anchors

// eventAnchor: "trước Tết (Nguyên đán)", "trước Tết Dương lịch", "trước (ngày) Giỗ
// Tổ Hùng Vương". Before a holiday means by the last working day before it
// (holidays themselves are off). The lunar year may be named by its stem and
// branch, the year by its number ("Tết Nguyên đán Đinh Mùi (năm) 2027").
func (p *parser) eventAnchor(i, j int) (cand, bool) {
	if p.issue.IsZero() {
		return cand{}, false
	}
	var day func(int) time.Time
	k := j
	switch {
	case p.word(j) == "tết":
		day, k = calendar.TetDay, j+1
		if p.is(k, "nguyên", "đán") {
			k += 2
		} else if p.is(k, "âm", "lịch") || p.is(k, "cổ", "truyền") {
			k += 2
		} else if p.is(k, "dương", "lịch") {
			day, k = newYearsDay, k+2
		} else if p.word(k) == "dương" || p.word(k) == "trung" || p.word(k) == "thiếu" || p.word(k) == "độc" {
			return cand{}, false
		}
		if stems[p.word(k)] && branches[p.word(k+1)] {
			k += 2 // "Tết Nguyên đán Đinh Mùi"
		}
	case p.is(j, "giỗ", "tổ"):
		day, k = calendar.HungKingsDay, j+2
		k = p.opt(p.opt(k, "hùng", "vương"), "hùng", "vương")
	default:
		return cand{}, false
	}
	if y, ok := p.year(k + 1); ok && p.word(k) == "năm" && p.t[k+1].digits == 4 {
		// "Tết Nguyên đán năm 2027" names the lunar year's start in 2027.
		return p.beforeHoliday(i, k+2, day(y)), true
	} else if y, ok := p.year(k); ok && p.t[k].digits == 4 {
		return p.beforeHoliday(i, k+1, day(y)), true // "Tết Nguyên đán 2027"
	}
	y := p.issue.Year()
	h := day(y)
	if !h.After(p.issue) {
		h = day(y + 1)
	}
	return p.beforeHoliday(i, k, h), true
}

// newYearsDay is 1 January of year y (Tết Dương lịch).
func newYearsDay(y int) time.Time { return mkDate(y, 1, 1) }

// stems and branches name a lunar year ("Bính Ngọ", "Đinh Mùi").
var (
	stems    = map[string]bool{"giáp": true, "ất": true, "bính": true, "đinh": true, "mậu": true, "kỷ": true, "canh": true, "tân": true, "nhâm": true, "quý": true}
	branches = map[string]bool{"tý": true, "sửu": true, "dần": true, "mão": true, "mẹo": true, "thìn": true, "tỵ": true, "tị": true, "ngọ": true, "mùi": true, "thân": true, "dậu": true, "tuất": true, "hợi": true}
)

func (p *parser) beforeHoliday(i, k int, h time.Time) cand {
	d := h.AddDate(0, 0, -1)
	for n := 0; n < 30 && !p.ctx.Cal.IsWorkingDay(d); n++ {
		d = d.AddDate(0, 0, -1)
	}
	return cand{a: i, b: k, nominal: d, flags: []string{FlagEventAnchor}, conf: 0.7, noRoll: true}
}

// ---------------------------------------------------------------- exclusions

// excluded drops expressions inside citations ("Căn cứ …", "Xét …"), effective
// dates ("có hiệu lực …"), planning horizons ("thời kỳ …", "tầm nhìn đến …",
// "giai đoạn …") and data cut-offs ("tính đến ngày", "theo mốc thời gian … đến …").
func (p *parser) excluded(c cand) bool {
	// The clause start is looked for at most maxClause tokens back, which keeps
	// Find linear on text without punctuation.
	const maxClause = 200
	cs := c.a
	for cs > 0 && cs > c.a-maxClause && !p.clauseEnd(cs-1) && !(p.t[cs].para && p.t[cs].kind != tkPunct && p.lineStart(cs)) {
		cs--
	}
	if p.is(cs, "căn", "cứ") || p.word(cs) == "xét" {
		// A citation, unless the sentence goes on to assign something
		// ("Căn cứ …, giao Sở X … trước ngày …").
		// A deadline operator ("trước ngày …", "chậm nhất …", "hạn …") is never
		// a cited document's date: "Căn cứ Kế hoạch này, xây dựng kế hoạch …,
		// hoàn thành trước ngày 31/01/2027" keeps its deadline.
		w := p.word(c.a)
		assigns := w == "trước" || w == "chậm" || w == "hạn"
		for x := cs + 2; x < c.a && !assigns; x++ {
			if w := p.word(x); w == "giao" || w == "yêu" && p.word(x+1) == "cầu" || w == "đề" && p.word(x+1) == "nghị" {
				assigns = true
				break
			}
		}
		if !assigns {
			return true
		}
	}
	for x := c.a - 1; x >= cs && x >= c.a-15; x-- {
		if p.word(x) == "sinh" && (p.word(x-1) == "ngày" || p.word(x-1) == "năm") {
			return true // "có ngày sinh từ 01/01/2006 đến ngày 31/12/2006": who, not when
		}
	}
	if p.word(c.a) == "đến" {
		for x := c.a - 1; x >= cs && x >= c.a-8; x-- {
			if p.word(x) == "từ" && p.word(x+1) == "đầu" || p.word(x) == "điểm" && p.word(x-1) == "thời" {
				return true // "tình hình … thời điểm từ đầu năm học đến ngày 15/10": the period the data covers
			}
		}
		// "cho học sinh nghỉ học đến ngày 10/10", "tạm dừng … đến hết ngày …": a
		// state that lasts until the date, not work due by it
		for x := c.a - 1; x >= cs && x >= c.a-6; x-- {
			switch p.word(x) {
			case "nghỉ", "học", "dừng", "ngừng", "cửa", "ly", "hoãn":
				if w := p.word(x); w != "học" || p.word(x-1) == "nghỉ" {
					if w != "cửa" || p.word(x-1) == "đóng" {
						return true
					}
				}
			}
		}
	}
	for x := c.a - 1; x >= cs && x >= c.a-25; x-- {
		switch p.word(x) {
		case "lực":
			// "có hiệu lực (thi hành) từ …" dates an entry into force; "còn hiệu
			// lực" (still valid) describes an object and excludes nothing.
			if p.word(x-1) == "hiệu" && p.word(x-2) != "còn" && p.word(x-2) != "hết" {
				switch p.word(x + 1) {
				case "thi", "kể", "từ", "đến", "trong", "sau":
					return true
				}
				if p.word(x-2) == "có" {
					return true
				}
			}
		case "nhìn":
			if p.word(x-1) == "tầm" && x >= c.a-3 {
				return true
			}
		case "kỳ":
			if p.word(x-1) == "thời" && x >= c.a-3 {
				return true
			}
		case "đoạn":
			if p.word(x-1) == "giai" && x >= c.a-3 {
				return true
			}
		case "gian":
			// "số liệu … theo mốc thời gian từ … đến hết tháng 3/2010": the
			// period the data covers, not a deadline
			if p.word(x-1) == "thời" && strings.HasSuffix(p.word(x-2), "mốc") { // "theomốc": glued in a PDF
				return true
			}
		case "tính":
			if x == c.a-1 {
				return true
			}
		case "chốt":
			if x >= c.a-4 && p.word(c.a) == "đến" {
				return true // "chốt số liệu đến ngày 31/12": the data's cut-off, not a deadline
			}
		}
	}
	return false
}

// lineStart: a line break before token i starts a new clause only when the line
// looks like a new item (PDF text breaks lines mid-sentence, 107).
func (p *parser) lineStart(i int) bool {
	if i == 0 {
		return true
	}
	prev := p.t[i-1]
	if prev.kind == tkPunct && (p.tx(i-1) == ":" || p.tx(i-1) == ";" || p.tx(i-1) == ".") {
		return true
	}
	t := p.t[i]
	if t.kind == tkNum || t.kind == tkPunct {
		return true
	}
	// An item letter "a)" or a capitalised word opens a new line of its own.
	if i+1 < len(p.t) && p.punct(i+1, ")") {
		return true
	}
	r, _ := utf8.DecodeRuneInString(p.in[p.f.orig(t.start):])
	return unicode.IsUpper(r)
}

// ---------------------------------------------------------------- finishing

func (p *parser) finish(c cand, cu *cue) (Deadline, bool) {
	if c.nominal.IsZero() {
		return Deadline{}, false
	}
	d := Deadline{
		Nominal:    c.nominal,
		Time:       c.hhmm,
		Recurrence: c.rec,
		Confidence: c.conf,
		Flags:      append([]string(nil), c.flags...),
		Start:      p.f.orig(p.t[c.a].start),
		End:        p.f.orig(p.t[c.b-1].end),
	}
	d.Text = p.in[d.Start:d.End]
	if cu != nil {
		if d.Recurrence == "" {
			d.Recurrence = cu.rec
			// A recurring deadline written without a year is no inference.
			d.Flags = slices.DeleteFunc(d.Flags, func(f string) bool { return f == FlagYearInferred })
			if slices.Contains(c.flags, FlagYearInferred) && cu.rec != Monthly {
				// A day-only date under a quarterly/yearly cue: re-resolve in its months.
				if nom, ok := p.reresolve(c, cu.rec); ok {
					d.Nominal = nom
				}
			}
		}
		if cu.inText {
			cs, ce := p.f.orig(p.t[cu.a].start), p.f.orig(p.t[cu.b-1].end)
			if cu.b == c.a {
				d.Start, d.Text = cs, p.in[cs:d.End]
			} else {
				d.Text = p.in[cs:ce] + " … " + d.Text
				d.Start = cs
			}
		}
	}
	d.Effective = d.Nominal
	if !p.issue.IsZero() && d.Nominal.Before(p.issue) {
		// Nominal before the issue date: a typo to flag, not a date to move (108).
		d.Flags = append(d.Flags, FlagBeforeIssue)
	} else if !c.noRoll {
		d.Effective = p.ctx.Cal.RollForward(d.Nominal)
	}
	if !p.issue.IsZero() && !d.Nominal.Before(p.issue) {
		// 001 Đ4.2: a task must get at least 1 working day; counting starts the
		// next working day when the directive is issued after 15:00.
		start := p.ctx.Cal.CountingStart(p.ctx.Issued, p.ctx.CutoffHour)
		// WorkdaysBetween(start, eff) < 1, without walking a long span day by day.
		if p.ctx.Cal.NextWorkingDay(start).After(d.Effective) {
			d.Flags = append(d.Flags, FlagUnderOneWorkday)
		}
	}
	if d.Flags == nil {
		d.Flags = []string{}
	}
	return d, true
}

// reresolve re-reads a day-only or day/month date under a recurrence cue.
func (p *parser) reresolve(c cand, rec string) (time.Time, bool) {
	// The date parts are recovered from the tokens of the expression.
	for j := c.a; j < c.b; j++ {
		if p.word(j) == "ngày" {
			if dc, ok := p.dateAt(j, j+1); ok && !dc.hasMonth {
				d, _ := p.num(j + 1)
				t, _, ok := p.resolveDate(d, 0, 0, false, rec, nil)
				return t, ok
			} else if ok {
				return dc.nominal, true
			}
		}
	}
	return time.Time{}, false
}
