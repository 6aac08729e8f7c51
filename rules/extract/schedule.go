package extract

import (
	"strconv"
	"strings"

	"cddh-sync/internal/lazyre"
)

// A leaders' weekly schedule ("Lịch làm việc", "Lịch công tác tuần") lists, day
// by day, what each leader attends, and names in parentheses the unit that
// prepares it: "THỨ HAI (09/02/2026): … 08 giờ 00’: Thăm, chúc tết Trường
// THPT … (Giao Phòng Văn hóa – Xã hội chuẩn bị nội dung)". The preparation is
// that unit's task, due when the entry starts. The grammar of the sentences
// never reads these (an aside in parentheses assigns nothing), so the schedule
// is read line by line here.

// reScheduleDay is a day's heading with its date: "THỨ HAI (09/02/2026):",
// "THỨ BẢY, NGÀY 25/3/2023", "CHỦ NHẬT, NGÀY 26/3", "THỨ BA 15/3".
var reScheduleDay = lazyre.New(`(?i)^[\s*\-•|]*(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy)|chủ\s+nhật)\b[^0-9\n]{0,16}(\d{1,2})\s*[/.\-]\s*(\d{1,2})(?:\s*[/.\-]\s*((?:19|20)\d{2}))?`)

// reWrappedDay is a day's name wrapped after "Thứ" ("* Thứ\nBa: 25/3").
var reWrappedDay = lazyre.New(`(?i)(thứ)[ \t]*\n[ \t]*(hai|ba|tư|năm|sáu|bảy)\b`)

// reScheduleTime is a time of day as a schedule writes it: "08 giờ 00’",
// "7 giờ 30", "14h00", "9 giờ".
var reScheduleTime = lazyre.New(`(\d{1,2})\s*(?:giờ|h)\s*(\d{2})?`)

// reScheduleWeek is the week a schedule covers, with its year: "(Tuần thứ 07
// từ ngày 09/02/2026 đến ngày 13/02/2026)".
var reScheduleWeek = lazyre.New(`(?i)từ\s+ngày\s+\d{1,2}\s*/\s*\d{1,2}\s*/\s*((?:19|20)\d{2})`)

// joinAsides joins to its line the lines an aside in parentheses wrapped onto
// (a schedule printed to PDF: "… (Văn phòng\nSở chuẩn bị họp Hội đồng)"), up
// to three.
func joinAsides(lines []string) []string {
	out := lines[:0:0]
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		for k := 0; k < 3 && i+1 < len(lines) && strings.Count(l, "(") > strings.Count(l, ")"); k++ {
			i++
			l += " " + strings.TrimSpace(lines[i])
		}
		out = append(out, l)
	}
	return out
}

// reScheduleAside is an aside in parentheses that may name who prepares.
var reScheduleAside = lazyre.New(`\(([^()]{6,160})\)`)

// prepares are the verbs of a unit preparing an entry.
var prepares = []string{"chuẩn bị", "chuẩn báo cáo", "tham mưu", "đảm bảo", "bảo đảm", "phối hợp"}

// scheduleTasks reads the parenthesised preparers of a leaders' schedule: only
// a text with at least one day heading is one. An entry's task is due on its
// day at the last time its line gives before the aside, or else in the three
// lines above (the entry opened with it), or else in the two lines after it
// ("Thời gian, địa điểm: 07 giờ 00’ …"); a day whose year neither its
// heading, the week's dates nor the issue date gives dates nothing, and its
// asides are left alone.
func (x *extractor) scheduleTasks(b string, item int) {
	if !strings.Contains(b, "(") || !hasScheduleDay(b) {
		return
	}
	if strings.Contains(b, "hứ\n") || strings.Contains(b, "HỨ\n") || strings.Contains(b, "hứ \n") {
		b = reWrappedDay.ReplaceAllString(b, "$1 $2") // (run only where "Thứ" ends a line)
	}
	lines := joinAsides(strings.Split(b, "\n"))
	year := 0
	if m := reScheduleWeek.FindStringSubmatch(b[:cutAt(b, 600)]); m != nil { // (the week's line is at the top)
		year, _ = strconv.Atoi(m[1])
	} else if m := reFullDate.FindStringSubmatch(b[:cutAt(b, 300)]); m != nil {
		year, _ = strconv.Atoi(m[3]) // "Tuần 13 (24/3/2025 - 30/3/2025)"
	} else if !x.doc.Issued.IsZero() {
		year = x.doc.Issued.Year()
	}
	day, month, dayYear := 0, 0, 0
	for i, line := range lines {
		if !dayOpening(line) {
			if day == 0 {
				continue // (no day yet: no entry to read)
			}
		} else if m := reScheduleDay.FindStringSubmatch(line); m != nil { // (isDayHeading, with its date)
			day, _ = strconv.Atoi(m[1])
			month, _ = strconv.Atoi(m[2])
			dayYear = year
			if m[3] != "" {
				dayYear, _ = strconv.Atoi(m[3])
			}
		}
		if day == 0 || dayYear == 0 || month < 1 || month > 12 || day > 31 {
			continue
		}
		for _, loc := range reScheduleAside.FindAllStringSubmatchIndex(line, -1) {
			aside := strings.TrimSpace(line[loc[2]:loc[3]])
			if !preparesIn(aside) {
				continue
			}
			at, ok := scheduleTime(line[:loc[0]], true)
			for k := i - 1; !ok && k >= 0 && k >= i-3 && !isDayHeading(lines[k]); k-- {
				at, ok = scheduleTime(lines[k], true) // the entry opened with its time a line or two above
			}
			for k := i + 1; !ok && k < len(lines) && k <= i+2; k++ {
				if isDayHeading(lines[k]) {
					break
				}
				at, ok = scheduleTime(lines[k], false) // "07 giờ 00’ đến 08 giờ 00’": it starts at the first
			}
			if !ok {
				continue
			}
			x.scheduleTask(aside, day, month, dayYear, at, item)
		}
	}
}

// hasScheduleDay: a line of b is a day's heading, or a day's name wrapped
// after "Thứ" (read line by line, each line only when it opens as a day's name
// does).
func hasScheduleDay(b string) bool {
	for line := range strings.SplitSeq(b, "\n") {
		if t := strings.TrimSpace(line); dayOpening(line) && (strings.HasSuffix(t, "Thứ") || strings.HasSuffix(t, "THỨ")) || isDayHeading(line) {
			return true
		}
	}
	return false
}

// isDayHeading: the line is a day's heading with its date.
func isDayHeading(line string) bool { return dayOpening(line) && reScheduleDay.MatchString(line) }

// dayOpening: the line, past bullets and spaces, opens with a day's name's
// first word ("Thứ", "THỨ", "Chủ nhật"): the only lines reScheduleDay is run on
// (issue 14: speed; most texts are no schedule, and many lines open "Theo",
// "Thực hiện", "Chủ tịch").
func dayOpening(line string) bool {
	t := strings.TrimLeft(line, " \t*-•|")
	for _, p := range [...]string{"Thứ", "THỨ", "thứ", "Chủ nhật", "CHỦ NHẬT", "chủ nhật"} {
		if strings.HasPrefix(t, p) && (len(t) == len(p) || t[len(p)] == ' ' || t[len(p)] == '\t' || t[len(p)] == ',' || t[len(p)] == ':' || t[len(p)] == '(') {
			return true
		}
	}
	return false
}

// preparesIn: the aside says a unit prepares ("Phòng Nội vụ chuẩn bị báo cáo",
// "Giao Phòng Văn hóa – Xã hội chuẩn bị nội dung").
func preparesIn(aside string) bool {
	for _, p := range prepares {
		if strings.Contains(aside, " "+p) {
			return true
		}
	}
	return false
}

// scheduleTime is the last (or the first) time of day in s, as "HH:MM".
func scheduleTime(s string, last bool) (string, bool) {
	ms := reScheduleTime.FindAllStringSubmatch(s, -1)
	if len(ms) == 0 {
		return "", false
	}
	m := ms[0]
	if last {
		m = ms[len(ms)-1]
	}
	h, _ := strconv.Atoi(m[1])
	mi := 0
	if m[2] != "" {
		mi, _ = strconv.Atoi(m[2])
	}
	if h > 23 || mi > 59 {
		return "", false
	}
	return strconv.Itoa(100 + h)[1:] + ":" + strconv.Itoa(100 + mi)[1:], true
}

// scheduleTask keeps the aside's task: its lead read by the rules of a
// sentence ("Giao X …" or "X chuẩn bị …", a dated subject in a text without a
// header), due on the day at the time.
func (x *extractor) scheduleTask(aside string, day, month, year int, at string, item int) {
	when := "trước " + strings.Replace(at, ":", " giờ ", 1) + " ngày " + strconv.Itoa(day) + "/" + strconv.Itoa(month) + "/" + strconv.Itoa(year)
	ds := x.deadlines(when)
	if len(ds) == 0 {
		return
	}
	dl := ds[0]
	x.dated = true // (the day and time date the aside)
	leads, coords, how, ok := x.assignmentHow(aside)
	x.dated = false
	if !ok || len(leads) == 0 || x.isIssuer(leads[0]) {
		return
	}
	x.keep(x.finish(protoTask{content: aside, leads: leads, coords: coords, how: how, inhDL: &dl}), item)
}
