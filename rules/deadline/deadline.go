package deadline

import (
	"strings"
	"sync"
	"time"

	"cddh-sync/connectors"
	"cddh-sync/rules/calendar"
	"cddh-sync/rules/profile"
)

// Recurrence values, as in the extract JSON (cli.md).
const (
	Monthly    = "monthly"
	Quarterly  = "quarterly"
	HalfYearly = "half_yearly"
	Yearly     = "yearly"
)

// Flags a Deadline may carry.
const (
	FlagYearInferred    = "year_inferred"              // the year (or month) was not written
	FlagBeforeIssue     = "deadline_before_issue"      // nominal date before the issue date (a typo, usually)
	FlagUnderOneWorkday = "deadline_under_one_workday" // 001 Đ4.2: less than 1 working day after assignment
	FlagUrgent          = "urgent"                     // "ngay", "ngay trong ngày", "trong ngày"
	FlagEventAnchor     = "event_anchor"               // Tết, Giỗ Tổ, a lunar date
	FlagRange           = "range"                      // "từ … đến …": the end is the deadline
	FlagRelative        = "relative"                   // computed from a duration ("trong 10 ngày làm việc")
	FlagFromReceipt     = "from_receipt"               // counted from receipt, with the 15:00 cut-off
)

// Deadline is one deadline expression found in a text.
type Deadline struct {
	Text       string    // the expression as written; a gap between a recurrence cue and its date is shown as " … "
	Nominal    time.Time // the date written or computed, 00:00 in connectors.Zone
	Effective  time.Time // Nominal rolled forward to a working day (Civil Code 2015 art. 148), unless before the issue date
	Time       string    // "HH:MM" when a time of day is written, else ""
	Recurrence string    // "", Monthly, Quarterly, HalfYearly or Yearly
	Confidence float64   // 0..1, how sure the grammar is that this is a deadline
	Flags      []string  // see the Flag constants
	Start, End int       // byte offsets of the expression in the input as given
}

// Context is what a deadline is computed against.
type Context struct {
	// Issued is the directive's issue date-time (ngayBanHanh). Zero when unknown:
	// expressions that need it (durations, dates without a year, urgency) are then
	// skipped, and only fully written dates and periods are returned.
	Issued time.Time
	// CutoffHour is the province profile's cut-off hour (profile.CutoffHour); 0
	// means profile.DefaultCutoffHour.
	CutoffHour int
	// NotBefore, when Issued is zero, is a date the issue cannot precede (the
	// latest date of a document the text cites): a date written without its year
	// is then the first on or after it, flagged year_inferred. Durations and
	// other expressions that need the issue date stay skipped.
	NotBefore time.Time
	// Received is when the unit received the directive; zero means Issued
	// (rules.md §3: a directive is received at its ngayBanHanh).
	Received time.Time
	// Cal is the working-day calendar (with the province's announced schedule);
	// nil means calendar.Default(), built once and shared.
	Cal *calendar.Calendar
}

// Find returns every deadline expression in text, in order of appearance, with
// citations, document references, effective dates and planning horizons removed.
func Find(text string, ctx Context) []Deadline { return Fold(text).Find(ctx) }

// Text is a text folded (made NFC and lower case) once for the questions asked
// of it: the extractor asks a task's text both NoDeadlineMarker and Find, and
// each folded it again (issue 14: speed). A Text is read-only once made.
type Text struct {
	in string
	f  folded
}

// Fold prepares text for NoDeadlineMarker and Find.
func Fold(text string) *Text {
	text = text[:min(len(text), maxInput)] // token offsets are int32; no directive comes near
	return &Text{in: text, f: fold(text)}
}

// Find is Find(text, ctx) for the folded text.
func (t *Text) Find(ctx Context) []Deadline {
	if ctx.Cal == nil {
		ctx.Cal = defaultCalendar()
	}
	if ctx.CutoffHour == 0 {
		ctx.CutoffHour = profile.DefaultCutoffHour
	}
	// the tokens go to a slice used again by the next Find: they are read
	// only here (the deadlines hold none of them), and making them was half
	// of tokenize's time (issue 14)
	room := tokenRoom.Get().(*[]token)
	p := &parser{f: t.f, in: t.in, t: appendTokens((*room)[:0], t.f.s), ctx: ctx}
	if !ctx.Issued.IsZero() {
		p.issue = dateOf(ctx.Issued)
	}
	ds := p.run()
	if cap(p.t) <= maxPooledTokens {
		*room = p.t[:0]
		tokenRoom.Put(room)
	}
	return ds
}

// tokenRoom holds token slices for Find to use again (a pool: no state any
// call can see; Find leaves nothing in a slice it puts back that the next
// one reads, for appendTokens writes each token before it is read).
var tokenRoom = sync.Pool{New: func() any { return new([]token) }}

// maxPooledTokens: a slice made for a longer text (a megabyte's) is left to
// the collector rather than kept.
const maxPooledTokens = 1 << 14

// defaultCalendar is built once: calendar.Default costs milliseconds, Find
// microseconds. A Calendar is immutable once built, so sharing it is safe; this is
// the package's only package-level value but tokenRoom (a pool of scratch
// slices), and it never changes after its first use.
var defaultCalendar = sync.OnceValue(calendar.Default)

// maxInput bounds what Find reads (1 GiB).
const maxInput = 1 << 30

// NoDeadlineMarker reports a phrase saying a task has no deadline ("thường xuyên",
// "khi có yêu cầu", "đột xuất", "cho đến khi có thông báo mới", ...), as written.
func NoDeadlineMarker(text string) (string, bool) { return Fold(text).NoDeadlineMarker() }

// NoDeadlineMarker is NoDeadlineMarker(text) for the folded text.
//
// The text is read once: only where its two bytes open a marker and a word
// starts are the markers compared there, and the first place one of them
// ends a word is the answer (the earliest of each marker's first place; at
// one place the first of noDeadlineMarkers). A search of the whole text for
// each marker stopped at every "t", "k", "h" … that opens a word (issue 14;
// noDeadlineMarkerPlain in deadline_test.go is that search, checked equal).
func (t *Text) NoDeadlineMarker() (string, bool) {
	f := t.f
	s := f.s
	for i := 0; i+1 < len(s); i++ {
		if p := uint(s[i])<<8 | uint(s[i+1]); markerStarts[p/64]&(1<<(p%64)) == 0 || !boundaryBefore(s, i) {
			continue
		}
		for _, m := range noDeadlineMarkers {
			if strings.HasPrefix(s[i:], m) && boundaryAfter(s, i+len(m)) {
				return t.in[f.orig(int32(i)):f.orig(int32(i+len(m)))], true
			}
		}
	}
	return "", false
}

// Urgency reports the urgency stamp of a document ("Hỏa tốc", "Thượng khẩn",
// "Khẩn"), as written. A stamp sets how fast the document is handled, not a task
// deadline, so Find does not turn it into one; urgent wording inside a task
// sentence ("ngay", "trong ngày") is what Find reads.
func Urgency(text string) (string, bool) {
	text = text[:min(len(text), maxInput)]
	f := fold(text)
	toks := tokenize(f.s)
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.kind != tkWord {
			continue
		}
		n := 0
		switch t.str(f.s) {
		case "hỏa", "hoả":
			if i+1 < len(toks) && toks[i+1].str(f.s) == "tốc" {
				n = 2
			}
		case "thượng":
			if i+1 < len(toks) && toks[i+1].str(f.s) == "khẩn" {
				n = 2
			}
		case "khẩn":
			// "khẩn trương" (urgently) and "khẩn cấp" (emergency) are ordinary words;
			// a stamp stands alone on its line or before a punctuation mark.
			if i+1 >= len(toks) || toks[i+1].para || toks[i+1].kind == tkPunct {
				n = 1
			}
		}
		if n > 0 {
			return text[f.orig(t.start):f.orig(toks[i+n-1].end)], true
		}
	}
	return "", false
}

var noDeadlineMarkers = []string{
	"thường xuyên", "khi có yêu cầu", "đột xuất", "cho đến khi có thông báo mới",
	"đến khi có thông báo mới", "khi có thông báo mới", "liên tục", "hằng ngày", "hàng ngày",
	"những tháng tiếp theo", "các tháng tiếp theo",
}

// markerStarts has a bit for the first two bytes of each marker.
var markerStarts = func() (set [1 << 16 / 64]uint64) {
	for _, m := range noDeadlineMarkers {
		p := uint(m[0])<<8 | uint(m[1])
		set[p/64] |= 1 << (p % 64)
	}
	return set
}()

// indexWord finds w in s at word boundaries.
func indexWord(s, w string) int {
	for off := 0; ; {
		i := strings.Index(s[off:], w)
		if i < 0 {
			return -1
		}
		i += off
		if boundaryBefore(s, i) && boundaryAfter(s, i+len(w)) {
			return i
		}
		off = i + 1
	}
}

func boundaryBefore(s string, i int) bool {
	if i == 0 {
		return true
	}
	c := s[i-1]
	return c == ' ' || c == '\n' || c == '\t' || c == '\r' || (c < 0x80 && !isAlnum(c))
}

func boundaryAfter(s string, i int) bool {
	if i >= len(s) {
		return true
	}
	c := s[i]
	return c == ' ' || c == '\n' || c == '\t' || c == '\r' || (c < 0x80 && !isAlnum(c))
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func dateOf(t time.Time) time.Time {
	t = t.In(connectors.Zone)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, connectors.Zone)
}

func mkDate(y, m, d int) time.Time {
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, connectors.Zone)
}

func daysIn(y, m int) int {
	return mkDate(y, m+1, 0).Day()
}

func lastOfMonth(y, m int) time.Time { return mkDate(y, m, daysIn(y, m)) }
