package engine

import (
	"context"
	"strconv"
	"strings"

	"cddh-sync/connectors"
	"cddh-sync/rules/match"
	"cddh-sync/sync/store"
)

// matchReport links an incoming report to its tasks: the portal's link first, then
// a reference in its summary or text, then its sender (rules/match).
func (e *Engine) matchReport(ctx context.Context, doc connectors.Document) (ReportMatch, error) {
	sender := doc.Issuer.Code
	for _, rel := range doc.Related {
		tasks, err := e.st.TasksOfDocument(ctx, e.st.Pool(), strconv.FormatInt(rel.ID, 10))
		if err != nil {
			return ReportMatch{}, err
		}
		if len(tasks) > 0 {
			return fromMatch(match.Choose("linked", sender, candidates(tasks))), nil
		}
	}
	var cited []string // references that named no tracked task
	for _, ref := range match.References(doc.Summary + "\n" + doc.Body) {
		tasks, err := e.st.TasksOfReference(ctx, ref.Number, ref.Notation)
		if err != nil {
			return ReportMatch{}, err
		}
		if len(tasks) > 0 {
			return fromMatch(match.Choose("reference", sender, candidates(tasks))), nil
		}
		cited = append(cited, ref.Number+"/"+ref.Notation)
	}
	var tasks []store.DeriveInput
	if sender != "" {
		var err error
		if tasks, err = e.st.OpenTasksOfUnit(ctx, sender); err != nil {
			return ReportMatch{}, err
		}
	}
	m := fromMatch(match.BySender(sender, candidates(tasks)))
	if m.Method == "ambiguous" || m.Method == "unmatched" {
		// Say what the report cited, so a clerk sees why it was not placed.
		why := "báo cáo không dẫn chiếu văn bản chỉ đạo"
		if len(cited) > 0 {
			why = "văn bản được dẫn chiếu (" + strings.Join(cited, ", ") + ") không có nhiệm vụ đang theo dõi"
		}
		m.Note = why + "; " + m.Note
	}
	return m, nil
}

func candidates(ts []store.DeriveInput) []match.Candidate {
	out := make([]match.Candidate, 0, len(ts))
	for _, t := range ts {
		c := match.Candidate{TaskID: t.ID}
		for _, u := range t.Lead {
			if u.Code != "" {
				c.LeadCodes = append(c.LeadCodes, u.Code)
			}
		}
		out = append(out, c)
	}
	return out
}

func fromMatch(r match.Result) ReportMatch {
	return ReportMatch{TaskIDs: r.TaskIDs, Method: r.Method, Note: r.Note}
}
