package engine

import (
	"context"
	"strconv"

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
	for _, ref := range match.References(doc.Summary + "\n" + doc.Body) {
		tasks, err := e.st.TasksOfReference(ctx, ref.Number, ref.Notation)
		if err != nil {
			return ReportMatch{}, err
		}
		if len(tasks) > 0 {
			return fromMatch(match.Choose("reference", sender, candidates(tasks))), nil
		}
	}
	if sender == "" {
		return fromMatch(match.BySender("", nil)), nil
	}
	tasks, err := e.st.OpenTasksOfUnit(ctx, sender)
	if err != nil {
		return ReportMatch{}, err
	}
	return fromMatch(match.BySender(sender, candidates(tasks))), nil
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
