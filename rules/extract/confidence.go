package extract

import (
	"math"
	"strconv"

	"cddh-sync/rules/deadline"
)

// confidence is how surely a task's lead and deadline were found, 0–1, and the
// signals it was computed from. It starts from how the lead was found (a
// trigger such as "Giao", the subject of a sentence, a heading above, a matter
// forwarded) and what the lead is (a directory entry, a known collective, or a
// name the grammar built), and loses for what made mistakes likelier on the
// corpus: a text without a directive's header (a news item), several leads in
// one sentence, a deadline whose year was inferred or that lies before the issue
// date, a deadline inherited from a heading. The review workflow holds tasks
// below 0.9 for a person; TestCorpusScore checks that tasks at or above 0.9 are
// right at least 98% of the time.
func confidence(pt protoTask, dl *deadline.Deadline, dlInherited bool, flags []string, formal bool) (float64, string) {
	lead := pt.leads[0]
	kind := "grammar"
	switch {
	case lead.Unit != nil:
		kind = "directory"
	case lead.Collective:
		kind = "collective"
	}
	how := [...]string{"trigger", "subject", "forward", "heading", "table"}[pt.how]
	c := 0.0
	switch {
	case pt.how == byTrigger && kind == "directory":
		c = 0.97 // "Giao Sở Tài chính …": every one right on the corpus
	case pt.how == byTrigger && kind == "grammar", pt.how == bySubject && kind == "directory":
		c = 0.92 // "Giao Ban Quản lý dự án …", "Sở Tài chính chủ trì …": right on the corpus
	case pt.how == byTrigger, pt.how == bySubject && kind == "collective":
		c = 0.88 // a group: which units it means is for a person to confirm
	case pt.how == bySubject, pt.how == byHeading, pt.how == byTable:
		c = 0.85 // a name the grammar built as a subject, a lead from a heading, a table's row (no table in the corpus to calibrate on)
	default:
		c = 0.8
	}
	if !formal {
		c -= 0.15 // no number, no issuer: a news item or a fragment
	}
	if dlInherited {
		c -= 0.04
	}
	if dl == nil && timeReferenced(pt.content) {
		c -= 0.1 // "… tham dự hội thi đúng thời gian, địa điểm": a time given elsewhere, not found
	}
	if dl != nil && dl.Confidence < 1 {
		c -= (1 - dl.Confidence) / 4
	}
	for _, f := range flags {
		switch f {
		case FlagCoLead:
			c -= 0.03
		case deadline.FlagYearInferred:
			c -= 0.05
		case deadline.FlagBeforeIssue:
			c -= 0.1
		case FlagLeadUnrecognised:
			c = math.Min(c, 0.3)
		}
	}
	c = math.Round(math.Max(0, math.Min(1, c))*100) / 100
	// (fmt.Sprintf("%s/%s/formal=%v/colead=%v", …), one concatenation)
	return c, how + "/" + kind + "/formal=" + strconv.FormatBool(formal) + "/colead=" + strconv.FormatBool(len(pt.leads) > 1)
}

// timeReferenced: a task's text points to a time given elsewhere ("đúng thời
// gian", "theo thời gian quy định", "theo lịch", "để bảo đảm tiến độ Đề án"
// after the letter approved the scheme's new term): without a deadline found,
// a person should read it.
func timeReferenced(s string) bool { return timeReferences.in(s) }

// timeReferences are the phrases timeReferenced looks for, found in one pass
// over the text (seven searches of it before; issue 14: speed).
var timeReferences = newSubstrings("đúng thời gian", "đúng thời hạn", "theo thời gian", "thời gian quy định", "thời hạn quy định", "theo lịch", "đúng lịch",
	"bảo đảm tiến độ", "đảm bảo tiến độ", "đúng tiến độ", "theo tiến độ")
