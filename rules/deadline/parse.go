package deadline

import (
	"fmt"
	"slices"
	"time"
)

type parser struct {
	f     folded
	in    string
	t     []token
	ctx   Context
	issue time.Time // issue date at 00:00, zero when unknown
}

// cand is a parsed expression before it becomes a Deadline.
type cand struct {
	a, b    int // token range [a, b)
	nominal time.Time
	hhmm    string
	rec     string
	flags   []string
	conf    float64
	noRoll  bool // event anchors already sit on a working day
}

// cue is a recurrence phrase waiting for its date in the same clause.
type cue struct {
	a, b   int
	rec    string
	inText bool // "định kỳ hằng quý" is part of the expression; "báo cáo năm" is not
}

func (p *parser) run() []Deadline {
	var out []Deadline
	var pending cue
	hasCue := false
	clauseCue := false // a cue was used in this clause
	for i := 0; i < len(p.t); {
		if end := p.clauseEnd(i); end || p.t[i].para && p.t[i].kind != tkPunct {
			hasCue, clauseCue = false, false
			if end {
				i++
				continue
			}
		}
		if p.t[i].kind != tkWord {
			i++
			continue
		}
		if c, ok := p.recurrenceCue(i); ok {
			if hasCue && c.a <= pending.b+1 && (p.punct(c.a-1, ",") || p.word(c.a-1) == "và") && moreOften(pending.rec, c.rec) {
				// "định kỳ 6 tháng, hằng năm báo cáo … trước ngày 15/6 và
				// 15/12": the periods listed recur at the more frequent one
				pending.b = c.b
				i = c.b
				continue
			}
			pending, hasCue = c, true
			i = c.b
			continue
		}
		if clauseCue && (p.word(i-1) == "và" || p.punct(i-1, ",")) {
			// "định kỳ 6 tháng (trước ngày 15/6) và năm (trước ngày 15/12)": a
			// bare period after a recurring deadline of the clause is a
			// second recurrence
			if rec, k, ok := p.periodWord(i); ok && (p.punct(k, "(") || p.word(k) == "trước" || p.word(k) == "gửi") {
				pending, hasCue = cue{a: i, b: k, rec: rec}, true
				i = k
				continue
			}
		}
		c, ok := p.tryAt(i)
		if !ok {
			i++
			continue
		}
		if p.excluded(c) {
			i = c.b
			continue
		}
		var cu *cue
		if hasCue {
			cu = &pending
			hasCue, clauseCue = false, true
		}
		if d, ok := p.finish(c, cu); ok {
			out = append(out, d)
		}
		i = c.b
	}
	return out
}

// moreOften: recurrence a comes more often than b.
func moreOften(a, b string) bool {
	return recurRank[a] > 0 && recurRank[a] < recurRank[b]
}

// recurRank orders the recurrences from the most frequent.
var recurRank = map[string]int{Monthly: 1, Quarterly: 2, HalfYearly: 3, Yearly: 4}

// clauseEnd: ";" or a sentence-ending "." (not the dot of "20.3.2026"), "!" "?".
func (p *parser) clauseEnd(i int) bool {
	t := p.t[i]
	if t.kind != tkPunct {
		return false
	}
	switch p.tx(i) {
	case ";", "!", "?":
		return true
	case ".":
		if i > 0 && i+1 < len(p.t) && p.t[i-1].kind == tkNum && p.t[i+1].kind == tkNum && !p.t[i+1].space {
			return false
		}
		return true
	}
	return false
}

// tx is token i's folded text.
func (p *parser) tx(i int) string { return p.t[i].str(p.f.s) }

func (p *parser) word(i int) string {
	if i < 0 || i >= len(p.t) || p.t[i].kind != tkWord {
		return ""
	}
	return p.tx(i)
}

func (p *parser) is(i int, words ...string) bool {
	for k, w := range words {
		j := i + k
		if j >= len(p.t) || p.tx(j) != w {
			return false
		}
		if k > 0 && p.t[j].para && p.t[j].kind == tkPunct {
			return false
		}
	}
	return true
}

func (p *parser) punct(i int, s string) bool {
	return i >= 0 && i < len(p.t) && p.t[i].kind == tkPunct && p.tx(i) == s
}

func (p *parser) num(i int) (int, bool) {
	if i < 0 || i >= len(p.t) || p.t[i].kind != tkNum || p.t[i].num < 0 {
		return 0, false
	}
	return int(p.t[i].num), true
}

// skip optional words; returns the index after them.
func (p *parser) opt(i int, words ...string) int {
	if p.is(i, words...) {
		return i + len(words)
	}
	return i
}

// ---------------------------------------------------------------- recurrence cues

func (p *parser) recurrenceCue(i int) (cue, bool) {
	switch p.word(i) {
	case "định":
		if !p.is(i, "định", "kỳ") {
			return cue{}, false
		}
		j := i + 2
		j2 := p.opt(j, "hằng")
		if j2 == j {
			j2 = p.opt(j, "hàng")
		}
		if j2 == j {
			j2 = p.opt(j, "mỗi")
		}
		if rec, k, ok := p.periodWord(j2); ok {
			return cue{a: i, b: k, rec: rec, inText: true}, true
		}
	case "hằng", "hàng", "mỗi":
		if rec, k, ok := p.periodWord(i + 1); ok {
			return cue{a: i, b: k, rec: rec, inText: true}, true
		}
	case "báo":
		// A report named by its period ("báo cáo quý", "Báo cáo 6 tháng", "báo cáo
		// năm") recurs (102); "báo cáo năm 2026" or "quý I" names one period only.
		if !p.is(i, "báo", "cáo") {
			return cue{}, false
		}
		rec, k, ok := p.periodWord(i + 2)
		if !ok {
			return cue{}, false
		}
		if _, isNum := p.num(k); isNum || p.roman(k) > 0 || p.punct(k, "/") {
			return cue{}, false
		}
		switch p.word(k) {
		case "đầu", "cuối", "giữa", "này", "trước", "tới", "sau", "nay":
			return cue{}, false
		}
		return cue{a: i, b: k, rec: rec, inText: false}, true
	}
	return cue{}, false
}

// periodWord reads "tháng", "quý", "năm", "6 tháng" / "sáu tháng".
func (p *parser) periodWord(i int) (string, int, bool) {
	switch p.word(i) {
	case "tháng":
		return Monthly, i + 1, true
	case "quý":
		return Quarterly, i + 1, true
	case "năm":
		return Yearly, i + 1, true
	case "sáu":
		if p.word(i+1) == "tháng" {
			return HalfYearly, i + 2, true
		}
	}
	if n, ok := p.num(i); ok && n == 6 && p.word(i+1) == "tháng" {
		return HalfYearly, i + 2, true
	}
	return "", 0, false
}

// ---------------------------------------------------------------- operators

// tryAt parses a deadline expression that starts at token i. Only trigger words
// are tried, which keeps Find linear.
func (p *parser) tryAt(i int) (cand, bool) {
	if p.t[i].kind != tkWord {
		return cand{}, false
	}
	switch p.tx(i) {
	case "trước":
		return p.opBefore(i)
	case "chậm":
		if p.is(i, "chậm", "nhất") {
			return p.opLatest(i, i+2)
		}
	case "muộn":
		if p.is(i, "muộn", "nhất") {
			return p.opLatest(i, i+2)
		}
	case "hạn":
		if p.is(i, "hạn", "chót") || p.is(i, "hạn", "cuối") {
			return p.opLabel(i, i+2)
		}
	case "thời":
		if p.is(i, "thời", "hạn") {
			j := i + 2
			// "Thời hạn gửi báo cáo về Sở: …": the label runs to its colon.
			for k := j; k < len(p.t) && k < j+8 && p.t[k].kind == tkWord; k++ {
				if p.punct(k+1, ":") {
					return p.opLabel(i, k+1)
				}
			}
			switch p.word(j) {
			case "hoàn", "thực", "báo", "nộp", "gửi":
				j = p.opt(p.opt(p.opt(p.opt(p.opt(j, "hoàn", "thành"), "thực", "hiện"), "báo", "cáo"), "nộp"), "gửi")
			}
			return p.opLabel(i, j)
		}
		if p.is(i, "thời", "gian", "hoàn", "thành") || p.is(i, "thời", "gian", "thực", "hiện") {
			if p.punct(i+4, ":") {
				return p.opLabel(i, i+4)
			}
		}
		if p.is(i, "thời", "gian") && p.punct(i+2, ":") {
			// "Thời gian: Quý II/2026", "Thời gian: trước ngày 30/6/2026" below a
			// task; not "Thời gian: 02 ngày", how long an event lasts
			if _, ok := p.duration(i, i+3); ok {
				return cand{}, false
			}
			return p.opLabel(i, i+2)
		}
	case "đến":
		if p.word(i-1) == "tính" {
			return cand{}, false // "tính đến ngày …": a data cut-off, not a deadline
		}
		return p.opUntil(i)
	case "không":
		if p.is(i, "không", "quá") {
			return p.opLatest(i, i+2)
		}
		if p.is(i, "không", "muộn", "hơn") {
			return p.opLatest(i, i+3)
		}
	case "trong":
		return p.opWithin(i)
	case "từ":
		return p.opRange(i)
	case "vào":
		return p.opAt(i)
	case "sau", "quá":
		if p.word(i+1) == "ngày" {
			return p.opSilence(i)
		}
	case "ngay":
		return p.opNow(i)
	case "hoàn":
		if p.is(i, "hoàn", "thành") {
			j := p.opt(i+2, "xong")
			if p.word(j) == "ngày" {
				if c, ok := p.dateAfterNgay(i, j+1); ok {
					c.conf = 0.7
					return c, true
				}
			}
		}
	}
	return cand{}, false
}

// opBefore: "trước [16 giờ] [ngày] D", "trước Tết", "trước cuối tháng 6".
func (p *parser) opBefore(i int) (cand, bool) {
	j := i + 1
	if p.word(j) == "khi" || p.word(j) == "đây" || p.word(j) == "mắt" {
		return cand{}, false
	}
	if p.is(j, "thời", "điểm") {
		j += 2 // "trước thời điểm (ngày) 20/5/2026": the point in time, then the date
	}
	j = p.skipWeekday(j)
	if c, ok := p.timeThenDay(i, j); ok {
		return c, true
	}
	if p.word(j) == "ngày" {
		return p.dateAfterNgay(i, j+1)
	}
	if _, ok := p.num(j); ok {
		if c, ok := p.dateAt(i, j); ok && c.hasMonth {
			return c.cand, true
		}
	}
	if c, ok := p.eventAnchor(i, j); ok {
		return c, true
	}
	switch p.word(j) {
	case "đầu", "giữa", "cuối":
		return p.periodCand(i, j)
	}
	return cand{}, false
}

// opSilence: "Sau ngày 23/8/2026, nếu các đơn vị không có ý kiến thì coi như
// đã đồng ý": past the date silence is consent, so the date is when the answer
// is due. Without the consent clause "sau ngày D" is no deadline.
func (p *parser) opSilence(i int) (cand, bool) {
	c, ok := p.dateAfterNgay(i, i+2)
	if !ok {
		return cand{}, false
	}
	cond, neg := false, false
	for k := c.b; k < len(p.t) && k < c.b+30; k++ {
		if p.punct(k, ".") || p.punct(k, ";") {
			break
		}
		switch {
		case p.word(k) == "nếu":
			cond = true
		case cond && p.word(k) == "không":
			neg = true
		case neg && (p.is(k, "coi", "như") || p.is(k, "xem", "như") || p.is(k, "được", "coi", "là") || p.is(k, "được", "xem", "là")):
			return c, true
		}
	}
	return cand{}, false
}

// opLatest: "chậm nhất (là) …", "không quá …": a date, a time, a duration or a period.
func (p *parser) opLatest(i, j int) (cand, bool) {
	j = p.opt(j, "là")
	j = p.opt(j, "vào")
	if p.punct(j, ":") {
		j++
	}
	switch p.word(j) {
	case "hết":
		return p.opUntilHet(i, j+1)
	case "trước", "trong", "đến":
		c, ok := p.tryAt(j)
		if ok {
			c.a = i
		}
		return c, ok
	case "ngày":
		if c, ok := p.dateAfterNgay(i, j+1); ok {
			return c, true
		}
	}
	if c, ok := p.timeThenDay(i, j); ok {
		return c, true
	}
	if c, ok := p.duration(i, j); ok {
		return c, true
	}
	if c, ok := p.dateAt(i, j); ok && c.hasMonth {
		return c.cand, true
	}
	return p.periodCand(i, j)
}

// opLabel: "Hạn chót: …", "Thời hạn hoàn thành: …", "Thời gian thực hiện: …".
func (p *parser) opLabel(i, j int) (cand, bool) {
	if p.punct(j, ":") {
		j++
	}
	j = p.opt(j, "là")
	if c, ok := p.opLatest(i, j); ok {
		return c, true
	}
	return cand{}, false
}

// opUntil: "đến hết (ngày) D | period", "đến ngày D", "đến 16 giờ ngày D".
func (p *parser) opUntil(i int) (cand, bool) {
	j := i + 1
	if p.word(j) == "hết" {
		return p.opUntilHet(i, j+1)
	}
	if p.word(j) == "ngày" {
		return p.dateAfterNgay(i, j+1)
	}
	switch p.word(j) {
	case "đầu", "giữa", "cuối", "nửa", "thượng", "trung", "hạ":
		return p.periodCand(i, j)
	}
	return p.timeThenDay(i, p.skipWeekday(j))
}

func (p *parser) opUntilHet(i, j int) (cand, bool) {
	if p.word(j) == "ngày" {
		if c, ok := p.dateAfterNgay(i, j+1); ok {
			return c, true
		}
	}
	if c, ok := p.dateAt(i, j); ok && c.hasMonth {
		return c.cand, true
	}
	return p.periodCand(i, j)
}

// opWithin: "trong ngày [D]", "trong (thời hạn|vòng|thời gian) N ngày …", "trong tháng/quý/năm …".
func (p *parser) opWithin(i int) (cand, bool) {
	j := i + 1
	if p.word(j) == "ngày" {
		if c, ok := p.dateAfterNgay(i, j+1); ok {
			return c, true
		}
		// "trong ngày" alone means today; "trong ngày hội …" is no deadline.
		end := p.opt(j+1, "hôm", "nay")
		if end == j+1 && end < len(p.t) && p.t[end].kind != tkPunct && !p.t[end].para {
			return cand{}, false
		}
		return p.urgentToday(i, end)
	}
	if p.is(j, "hôm", "nay") {
		return p.urgentToday(i, j+2)
	}
	if p.is(j, "thời", "hạn") || p.is(j, "thời", "gian") {
		return p.duration(i, j+2)
	}
	if p.word(j) == "vòng" {
		return p.duration(i, j+1)
	}
	if c, ok := p.duration(i, j); ok {
		return c, true
	}
	return p.periodCand(i, j)
}

// opRange: "từ [ngày] D1 đến [hết] [ngày] D2", "từ nay đến …": the deadline is the end.
func (p *parser) opRange(i int) (cand, bool) {
	j := i + 1
	if p.word(j) == "nay" || p.is(j, "bây", "giờ") {
		if p.word(j) == "bây" {
			j++
		}
		k := j + 1
		if p.word(k) != "đến" {
			return cand{}, false
		}
		c, ok := p.opUntil(k)
		if ok {
			c.a = i
		}
		return c, ok
	}
	j = p.opt(j, "ngày")
	k, ok := p.skipDate(j)
	if !ok {
		return cand{}, false
	}
	if p.punct(k, ",") {
		k++
	}
	if p.word(k) != "đến" && !p.punct(k, "-") {
		return cand{}, false
	}
	k++
	k = p.opt(k, "hết")
	k = p.opt(k, "ngày")
	end, ok := p.dateAt(i, k)
	if !ok {
		return cand{}, false
	}
	end.flags = append(end.flags, FlagRange)
	end.conf = 0.8
	return end.cand, true
}

// opAt: "vào giữa tháng 10/2024", "vào cuối năm", "vào tháng 6/2026", "vào quý III";
// "vào ngày D" when it recurs ("vào ngày 20 hằng tháng") or something is sent by
// it ("báo cáo … vào ngày D"), or when the work of the clause is done then ("…
// tiến hành dọn dẹp vệ sinh … vào lúc 16h chiều thứ bảy ngày 27/12", "… tiếp âm
// … vào sáng ngày 15/5/2019"): not the day a meeting is held or a state begins
// (eventBefore).
func (p *parser) opAt(i int) (cand, bool) {
	j := i + 1
	switch p.word(j) {
	case "đầu", "giữa", "cuối", "tháng", "quý", "nửa", "thượng", "trung", "hạ":
		return p.periodCand(i, j)
	case "tuần":
		if w := p.word(j + 1); w == "đầu" || w == "cuối" {
			return p.periodCand(i, j) // "vào tuần đầu tháng 8"; not "vào tuần tới", when a meeting is as often held
		}
		return cand{}, false
	case "ngày":
		c, ok := p.dateAfterNgay(i, j+1)
		if ok && (c.rec != "" || p.sendsBefore(i)) {
			return c, true
		}
		if ok && !p.eventBefore(i) {
			c.conf = 0.7
			return c, true
		}
		return cand{}, false
	}
	k := p.opt(j, "lúc")
	switch p.word(k) {
	case "sáng", "chiều", "trưa", "tối":
		k++
	}
	if _, _, ok := p.timeOfDay(k); ok {
		if c, ok := p.timeThenDay(i, k); ok && !slices.Contains(c.flags, FlagUrgent) && !p.eventBefore(i) {
			c.conf = 0.7 // a day, and the hour on it
			return c, true
		}
		return cand{}, false
	}
	if k = p.skipWeekday(k); p.word(k) == "ngày" && k > j && !p.eventBefore(i) {
		if c, ok := p.dateAfterNgay(i, k+1); ok {
			c.conf = 0.7
			return c, true
		}
	}
	return cand{}, false
}

// eventBefore: the clause before token i holds a meeting, a ceremony or an
// event ("tổ chức hội nghị … vào ngày …", "khai mạc", "diễn ra"), someone's
// attending it, or a state that begins then ("nghỉ học vào ngày …", "trở lại",
// "có hiệu lực"): the day it happens, no work due by it.
func (p *parser) eventBefore(i int) bool {
	for x := i - 1; x >= 0 && x >= i-25 && !p.clauseEnd(x); x-- {
		switch w, next := p.word(x), p.word(x+1); w {
		case "họp", "dự", "mời", "lễ", "nghỉ", "đón", "gặp", "thăm", "tọa", "toạ", "tuyển":
			return true
		case "thi":
			if next != "công" && next != "hành" {
				return true // an exam ("tổ chức thi", "kỳ thi"), not building ("thi công") or carrying out ("thi hành")
			}
		case "tổ":
			if next == "chức" {
				return true // "tổ chức hội nghị …" (not "Tổ công tác", "tổ dân phố")
			}
		case "hội", "khai", "diễn", "trở", "bắt", "hiệu", "ban":
			switch next {
			case "nghị", "thảo", "thi", "diễn", "mạc", "ra", "lại", "đầu", "lực", "hành":
				return true // "hội nghị", "hội thảo", "hội thi", "hội diễn", "khai mạc", "diễn ra", "trở lại", "bắt đầu", "hiệu lực", "ban hành"
			}
		}
	}
	return false
}

// sendsBefore: the clause before token i sends something ("Báo cáo kết quả …
// vào ngày 15/8/2018", "gửi về Sở … vào ngày …"): the date is when it is due,
// not when a meeting is held.
func (p *parser) sendsBefore(i int) bool {
	for x := i - 1; x >= 0 && x >= i-15 && !p.clauseEnd(x); x-- {
		switch p.word(x) {
		case "họp", "tổ":
			return false // "tổ chức họp … vào ngày …": an event
		case "hội", "khai", "diễn":
			if w := p.word(x + 1); w == "nghị" || w == "thảo" || w == "mạc" || w == "ra" {
				return false // "hội nghị", "hội thảo", "khai mạc", "diễn ra"
			}
		case "gửi", "nộp":
			return true
		case "cáo":
			if p.word(x-1) == "báo" {
				return true
			}
		case "trình":
			switch p.word(x - 1) {
			case "chương", "quá", "công", "lộ", "giáo", "tờ":
			default:
				return true
			}
		}
	}
	return false
}

// opNow: "ngay trong ngày" → the issue date; "ngay" ending a clause or "ngay lập
// tức" → the next working day (the shortest deadline 001 Đ4.2 allows). "ngay sau
// khi …" ties the task to an event and is no date (107).
func (p *parser) opNow(i int) (cand, bool) {
	j := i + 1
	if p.is(j, "trong", "ngày") {
		if c, ok := p.dateAfterNgay(i, j+2); ok {
			return c, true
		}
		if p.word(j+2) == "làm" {
			return cand{}, false
		}
		return p.urgentToday(i, p.opt(j+2, "hôm", "nay"))
	}
	if p.is(j, "hôm", "nay") {
		return p.urgentToday(i, j+2)
	}
	end := j
	if p.is(j, "lập", "tức") {
		end = j + 2
	} else if j < len(p.t) && !(p.t[j].kind == tkPunct && (p.tx(j) == "," || p.tx(j) == ";" || p.tx(j) == "." || p.tx(j) == ")")) && !p.t[j].para {
		return cand{}, false
	}
	if p.issue.IsZero() {
		return cand{}, false
	}
	start := p.ctx.Cal.CountingStart(p.ctx.Issued, p.ctx.CutoffHour)
	return cand{a: i, b: end, nominal: p.ctx.Cal.NextWorkingDay(start), flags: []string{FlagUrgent}, conf: 0.5}, true
}

func (p *parser) urgentToday(i, end int) (cand, bool) {
	if p.issue.IsZero() {
		return cand{}, false
	}
	return cand{a: i, b: end, nominal: p.issue, flags: []string{FlagUrgent}, conf: 0.7}, true
}

// ---------------------------------------------------------------- times and dates

// timeOfDay reads "16 giờ [30 [phút]]", "16h[00]", "16:30", with "sáng/chiều".
func (p *parser) timeOfDay(j int) (string, int, bool) {
	h, ok := p.num(j)
	if !ok || h > 24 {
		return "", 0, false
	}
	m, k := 0, j+1
	switch {
	case p.word(k) == "giờ":
		k++
		if v, ok := p.num(k); ok && v < 60 {
			m, k = v, k+1
			k = p.opt(k, "phút")
		}
	case p.word(k) == "h" && !p.t[k].space:
		k++
		if v, ok := p.num(k); ok && v < 60 && !p.t[k].space {
			m, k = v, k+1
		}
	case p.punct(k, ":") && !p.t[k].space:
		v, ok := p.num(k + 1)
		if !ok || v >= 60 || p.t[k+1].digits != 2 || p.t[k+1].space {
			return "", 0, false
		}
		m, k = v, k+2
	default:
		return "", 0, false
	}
	switch p.word(k) {
	case "sáng":
		k++
	case "chiều", "tối":
		if h < 12 {
			h += 12
		}
		k++
	}
	if h == 24 {
		h, m = 23, 59
	}
	return fmt.Sprintf("%02d:%02d", h, m), k, true
}

// skipWeekday skips "thứ Sáu,", "thứ 6", "Chủ nhật," written before a date.
func (p *parser) skipWeekday(j int) int {
	k := j
	switch {
	case p.word(j) == "thứ":
		switch p.word(j + 1) {
		case "hai", "ba", "tư", "năm", "sáu", "bảy":
			k = j + 2
		default:
			if v, ok := p.num(j + 1); ok && v >= 2 && v <= 7 {
				k = j + 2
			}
		}
	case p.is(j, "chủ", "nhật"):
		k = j + 2
	}
	if k == j {
		return j
	}
	if p.punct(k, ",") {
		k++
	}
	if p.word(k) != "ngày" {
		if _, ok := p.num(k); !ok {
			return j
		}
	}
	return k
}

// timeThenDay: "16 giờ [,] [ngày] D" or a time alone ("trước 16 giờ [hôm nay]").
func (p *parser) timeThenDay(i, j int) (cand, bool) {
	hhmm, k, ok := p.timeOfDay(j)
	if !ok {
		return cand{}, false
	}
	if p.punct(k, "'") {
		k++ // "17h00'"
	}
	if p.punct(k, ",") {
		k++
	}
	weekday := p.is(k, "chủ", "nhật")
	if p.word(k) == "thứ" {
		switch p.word(k + 1) {
		case "hai", "ba", "tư", "năm", "sáu", "bảy":
			weekday = true
		}
	}
	k = p.skipWeekday(k)
	if p.word(k) == "ngày" {
		if p.word(k+1) == "mai" {
			if p.issue.IsZero() {
				return cand{}, false
			}
			return cand{a: i, b: k + 2, nominal: p.issue.AddDate(0, 0, 1), hhmm: hhmm, conf: 0.8}, true
		}
		if c, ok := p.dateAfterNgay(i, k+1); ok {
			c.hhmm = hhmm
			return c, true
		}
		if p.is(k+1, "hôm", "nay") {
			k += 3
		} else {
			return cand{}, false
		}
	} else if p.is(k, "hôm", "nay") || p.is(k, "cùng", "ngày") {
		k += 2
	} else if dc, ok := p.dateAt(i, k); ok && dc.hasMonth {
		dc.hhmm = hhmm
		return dc.cand, true
	} else if weekday {
		return cand{}, false // "trước 16 giờ thứ Sáu hằng tuần": a weekday, not today
	}
	if p.issue.IsZero() {
		return cand{}, false
	}
	return cand{a: i, b: k, nominal: p.issue, hhmm: hhmm, flags: []string{FlagUrgent}, conf: 0.7}, true
}

// dateAfterNgay parses what follows "ngày": a date (after its weekday, "ngày thứ
// Sáu 20/4/2018"), "D của tháng cuối quý", a lunar date; i is where the whole
// expression began.
func (p *parser) dateAfterNgay(i, j int) (cand, bool) {
	if k := p.skipWeekday(j); k > j && p.word(k) != "ngày" {
		j = k // "ngày thứ Sáu 20/4/2018"
	}
	dc, ok := p.dateAt(i, j)
	if !ok {
		return cand{}, false
	}
	return dc.cand, true
}

type dateCand struct {
	cand
	hasMonth bool
}

// dateAt reads "20/3/2026", "20-3-2026", "20.3.2026", "20 tháng 3 năm 2026",
// "20/3", "20" (+ "của tháng cuối quý", "hằng tháng"), "15/8 âm lịch" at j.
func (p *parser) dateAt(i, j int) (dateCand, bool) {
	if w := p.word(j); w == "mùng" || w == "mồng" {
		j++ // "ngày mùng 10/12/2026"
	}
	d, ok := p.num(j)
	if !ok || d < 1 || d > 31 || p.t[j].digits > 2 {
		return dateCand{}, false
	}
	if p.word(j+1) == "và" {
		if d2, ok := p.num(j + 2); ok && d2 > d && d2 <= 31 {
			if dc, ok := p.dateAt(i, j+2); ok && dc.hasMonth {
				return dc, true // "trong ngày 30 và 31/12/2023": the days share the month, the work ends on the last
			}
		}
	}
	m, y, k := 0, 0, p.pastSpelling(j+1) // "ngày 15 (mười lăm) tháng 5"
	if k+1 < len(p.t) && p.t[k].kind == tkPunct && (p.tx(k) == "/" || p.tx(k) == "-" || p.tx(k) == ".") {
		sep := p.tx(k)
		tight := !p.t[k].space && !p.t[k+1].space
		// "20 - 5 - 2026": spaced, the whole date with its year of four digits
		// (a spaced "20 - 25/5" is a range of days)
		whole := p.punct(k+2, sep) && k+3 < len(p.t) && p.t[k+3].digits == 4
		if v, ok := p.num(k + 1); ok && v >= 1 && v <= 12 && p.t[k+1].digits <= 2 && (tight || sep == "/" || whole) {
			m, k = v, k+2
			if p.punct(k, sep) && (!p.t[k].space || sep == "/" || whole) {
				if yy, ok := p.year(k + 1); ok {
					y, k = yy, k+2
				}
			} else if p.word(k) == "năm" {
				if yy, ok := p.year(k + 1); ok && p.t[k+1].digits == 4 {
					y, k = yy, k+2 // "31/12 năm 2026"
				}
			}
		}
	} else if p.word(k) == "tháng" {
		if v, ok := p.num(k + 1); ok && v >= 1 && v <= 12 {
			m, k = v, p.pastSpelling(k+2) // "tháng 06 (sáu) năm …"
			if p.word(k) == "năm" {
				if yy, ok := p.year(k + 1); ok {
					y, k = yy, k+2
				}
			} else if p.punct(k, "/") {
				if yy, ok := p.year(k + 1); ok {
					y, k = yy, k+2
				}
			}
		}
	}
	lunar := false
	if m == 0 {
		// The first and last lunar months by their names, and the days of Tết:
		// "ngày 12 tháng Giêng", "mùng 10 tháng giêng năm 2027", "23 tháng
		// Chạp", "ngày 12 tết" (the 12th of the first lunar month).
		switch {
		case p.word(k) == "tết":
			m, k, lunar = 1, k+1, true
		case p.is(k, "tháng", "giêng"):
			m, k, lunar = 1, k+2, true
		case p.is(k, "tháng", "chạp"):
			m, k, lunar = 12, k+2, true
		}
		if lunar && p.word(k) == "năm" {
			if yy, ok := p.year(k + 1); ok && p.t[k+1].digits == 4 {
				y, k = yy, k+2
			}
		}
	}
	if p.is(k, "âm", "lịch") {
		lunar, k = true, k+2
	} else if p.punct(k, "(") && p.is(k+1, "âm", "lịch") && p.punct(k+3, ")") {
		lunar, k = true, k+4
	}
	var months []int
	rec := ""
	if m == 0 {
		// Day only: a recurring anchor or the next such day.
		k2 := p.opt(k, "của")
		switch {
		case p.is(k2, "tháng", "cuối", "quý"):
			rec, months, k = Quarterly, []int{3, 6, 9, 12}, k2+3
		case p.is(k2, "tháng", "cuối", "của", "quý"):
			rec, months, k = Quarterly, []int{3, 6, 9, 12}, k2+4
		case p.is(k2, "tháng", "đầu", "quý") || p.is(k2, "tháng", "đầu", "của", "quý"):
			// "trước ngày 10 tháng đầu (của) quý sau": the first month of each quarter
			rec, months, k = Quarterly, []int{1, 4, 7, 10}, k2+3
			if p.word(k2+2) == "của" {
				k++
			}
			k = p.opt(p.opt(p.opt(k, "sau"), "tiếp", "theo"), "kế", "tiếp")
		case p.is(k2, "tháng", "cuối", "kỳ"):
			rec, months, k = HalfYearly, []int{6, 12}, k2+3
		case p.is(k2, "hằng", "tháng") || p.is(k2, "hàng", "tháng") || p.is(k2, "mỗi", "tháng"):
			rec, k = Monthly, k2+2
		case p.is(k2, "tháng", "sau") || p.is(k2, "tháng", "tiếp", "theo"):
			rec, k = Monthly, k2+2
			if p.word(k-1) == "tiếp" {
				k++
			}
		}
	} else if y == 0 {
		switch {
		case p.is(k, "hằng", "năm") || p.is(k, "hàng", "năm") || p.is(k, "mỗi", "năm"):
			rec, k = Yearly, k+2
		case !lunar && p.word(k) == "và":
			// "trước ngày 15/6 và 15/12 hằng năm": two dates of each year. The
			// first one on or after the issue date is the nominal one; the same
			// day six months apart recurs half-yearly.
			if dc, ok := p.twiceAYear(i, d, m, p.opt(p.opt(k+1, "trước"), "ngày")); ok {
				return dc, true
			}
		}
	}
	dc := dateCand{cand: cand{a: i, b: k, conf: 0.95, rec: rec}, hasMonth: m > 0}
	nom, flags, ok := p.resolveDate(d, m, y, lunar, rec, months)
	if !ok {
		return dateCand{}, false
	}
	dc.nominal = nom
	dc.flags = append(dc.flags, flags...)
	if lunar {
		dc.conf = 0.8
	}
	return dc, true
}

// twiceAYear reads the second date of "D1/M1 và D2/M2 hằng năm" at j, or
// of "ngày D1 tháng M1 và (trước) ngày D2 tháng M2 hằng năm".
func (p *parser) twiceAYear(i, d1, m1, j int) (dateCand, bool) {
	d2, ok := p.num(j)
	if !ok || d2 < 1 || d2 > 31 || p.t[j].digits > 2 || !p.punct(j+1, "/") && p.word(j+1) != "tháng" {
		return dateCand{}, false
	}
	m2, ok := p.num(j + 2)
	if !ok || m2 < 1 || m2 > 12 || m2 == m1 || p.punct(j+3, "/") || p.word(j+3) == "năm" {
		return dateCand{}, false
	}
	k := j + 3
	if !(p.is(k, "hằng", "năm") || p.is(k, "hàng", "năm") || p.is(k, "mỗi", "năm")) {
		return dateCand{}, false
	}
	k += 2
	if d1 == d2 && (m1-m2 == 6 || m2-m1 == 6) {
		nom, flags, ok := p.resolveDate(d1, 0, 0, false, HalfYearly, []int{min(m1, m2), max(m1, m2)})
		if !ok {
			return dateCand{}, false
		}
		return dateCand{cand: cand{a: i, b: k, conf: 0.95, rec: HalfYearly, nominal: nom, flags: flags}, hasMonth: true}, true
	}
	n1, f1, ok1 := p.resolveDate(d1, m1, 0, false, Yearly, nil)
	n2, f2, ok2 := p.resolveDate(d2, m2, 0, false, Yearly, nil)
	if !ok1 || !ok2 {
		return dateCand{}, false
	}
	if n2.Before(n1) {
		n1, f1 = n2, f2
	}
	return dateCand{cand: cand{a: i, b: k, conf: 0.95, rec: Yearly, nominal: n1, flags: f1}, hasMonth: true}, true
}

// skipDate passes over the start of a range ("15", "15/3", "15 tháng 3 năm
// 2026") by its shape alone: only the end of a range is resolved.
func (p *parser) skipDate(j int) (int, bool) {
	if w := p.word(j); w == "mùng" || w == "mồng" {
		j++ // "từ ngày mùng 4 đến …"
	}
	d, ok := p.num(j)
	if !ok || d < 1 || d > 31 || p.t[j].digits > 2 {
		return 0, false
	}
	k := p.pastSpelling(j + 1)
	for n := 0; n < 2; n++ {
		if p.punct(k, "/") || p.punct(k, ".") && !p.t[k].space || p.punct(k, "-") && !p.t[k].space {
			if _, ok := p.num(k + 1); ok {
				k += 2
				continue
			}
		}
		if p.word(k) == "tháng" || p.word(k) == "năm" {
			if _, ok := p.num(k + 1); ok {
				k = p.pastSpelling(k + 2)
				continue
			}
		}
		break
	}
	switch {
	case p.word(k) == "tết":
		k++
	case p.is(k, "tháng", "giêng") || p.is(k, "tháng", "chạp"):
		k += 2
	}
	return k, true
}

// year reads a 4-digit year (1900–2200) or a 2-digit one (20yy).
func (p *parser) year(k int) (int, bool) {
	v, ok := p.num(k)
	if !ok {
		return 0, false
	}
	switch p.t[k].digits {
	case 4:
		if v >= 1900 && v <= 2200 {
			return v, true
		}
	case 2:
		return 2000 + v, true
	}
	return 0, false
}

func (p *parser) roman(k int) int {
	switch p.word(k) {
	case "i":
		return 1
	case "ii":
		return 2
	case "iii":
		return 3
	case "iv":
		return 4
	}
	return 0
}
