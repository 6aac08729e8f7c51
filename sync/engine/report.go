package engine

import (
	"context"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"cddh-sync/connectors"
	"cddh-sync/rules/match"
	"cddh-sync/rules/status"
	"cddh-sync/sync/store"
)

// maxWaitPasses is how many passes over the issued directives a report only
// its sender places waits for one that reads them all (a partial pass leaves a
// directive unread that it may answer). After that the unread directive is one
// the portal keeps failing to serve, and the report is placed on what is
// stored rather than never.
const maxWaitPasses = 3

// matchReport links an incoming report to its tasks: the portal's link first, then
// a reference in its summary or text, then its sender (rules/match).
func (e *Engine) matchReport(ctx context.Context, doc connectors.Document) (ReportMatch, error) {
	sender := doc.Issuer.Code
	if len(doc.Related) > 0 {
		// The portal links the report to its directive(s): it answers their tasks
		// and no others. A linked directive without a tracked task leaves the
		// report unmatched (matched again once tasks appear), never placed on
		// another directive's task by its sender.
		var tasks []store.DeriveInput
		var refs []string
		for _, rel := range doc.Related {
			ts, err := e.st.TasksOfDocument(ctx, e.st.Pool(), strconv.FormatInt(rel.ID, 10))
			if err != nil {
				return ReportMatch{}, err
			}
			tasks = append(tasks, ts...)
			ref := rel.Reference
			if ref == "" {
				ref = strconv.FormatInt(rel.ID, 10)
			}
			refs = append(refs, ref)
		}
		if len(tasks) == 0 {
			return ReportMatch{Method: "unmatched", Note: "văn bản chỉ đạo được liên kết (" + strings.Join(refs, ", ") +
				") không có nhiệm vụ đang theo dõi"}, nil
		}
		return oneOccurrence(doc, fromMatch(match.Choose("linked", sender, candidates(tasks))), tasks), nil
	}
	var cited []string // references that named no tracked task
	for _, ref := range match.References(doc.Summary + "\n" + doc.Body) {
		tasks, err := e.st.TasksOfReference(ctx, ref.Number, ref.Notation)
		if err != nil {
			return ReportMatch{}, err
		}
		if len(tasks) > 0 {
			return oneOccurrence(doc, fromMatch(match.Choose("reference", sender, candidates(tasks))), tasks), nil
		}
		cited = append(cited, ref.Number+"/"+ref.Notation)
	}
	// A report placed by its sender is placed by what is stored: while the last
	// pass over the issued directives left some unread (a partial pass), the
	// one it answers may be among them, and the sender's other open task is no
	// answer. It waits, and is matched again after the next complete pass
	// (store.ReportsToRematch), as a clean read would place it.
	// It waits through maxWaitPasses passes at most: a directive the portal
	// never serves would otherwise hold it for ever; then it is placed on what
	// is stored.
	complete, err := e.st.StreamComplete(ctx, string(connectors.StreamIssued))
	if err != nil {
		return ReportMatch{}, err
	}
	if !complete {
		waited, err := e.st.PassesSinceSeen(ctx, strconv.FormatInt(doc.ID, 10))
		if err != nil {
			return ReportMatch{}, err
		}
		if waited < maxWaitPasses {
			return ReportMatch{Method: "unmatched", Note: store.WaitingForDirectives + ": lần đọc văn bản chỉ đạo gần nhất chưa đọc hết; sẽ khớp lại sau lần đọc đủ"}, nil
		}
	}
	var tasks []store.DeriveInput
	if sender != "" {
		open, err := e.st.OpenTasksOfUnit(ctx, sender)
		if err != nil {
			return ReportMatch{}, err
		}
		// A recurring series counts once: the occurrence this report answers.
		all := ReportMatch{}
		for _, t := range open {
			all.TaskIDs = append(all.TaskIDs, t.ID)
		}
		narrowed := oneOccurrence(doc, all, open)
		for _, t := range open {
			if slices.Contains(narrowed.TaskIDs, t.ID) {
				tasks = append(tasks, t)
			}
		}
	}
	m := oneOccurrence(doc, fromMatch(match.BySender(sender, candidates(tasks))), tasks)
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

// oneOccurrence keeps, of each recurring task among the matched ones, the single
// occurrence the report answers (rules.md §4): the period it names ("tháng 3",
// "quý I/2026"), else the earliest one still open. A monthly report answers its
// month, not the whole series. A series with no fitting occurrence is dropped
// from the match; when nothing is left the report is unmatched.
func oneOccurrence(doc connectors.Document, m ReportMatch, tasks []store.DeriveInput) ReportMatch {
	byID := make(map[int64]store.DeriveInput, len(tasks))
	for _, t := range tasks {
		byID[t.ID] = t
	}
	series := map[string][]store.DeriveInput{}
	var keep []int64
	for _, id := range m.TaskIDs {
		t, ok := byID[id]
		if !ok || t.Period == "" {
			keep = append(keep, id)
			continue
		}
		k := strings.TrimSuffix(t.Key, "-"+t.Period)
		series[k] = append(series[k], t)
	}
	if len(series) == 0 {
		return m
	}
	at := issuedOf(doc).In(connectors.Zone)
	text := doc.Summary + "\n" + doc.Body
	names := make([]string, 0, len(series))
	for k := range series {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		occ := series[k]
		sort.Slice(occ, func(i, j int) bool { return occ[i].Period < occ[j].Period })
		named := match.NamedPeriod(text, occ[0].Recurrence, at.Year(), int(at.Month()))
		pick := -1
		for i, t := range occ {
			if named != "" && t.Period == named {
				pick = i
				break
			}
		}
		if pick < 0 && named == "" {
			for i, t := range occ {
				if status.State(t.State).Open() {
					pick = i
					break
				}
			}
		}
		if pick >= 0 {
			keep = append(keep, occ[pick].ID)
		}
	}
	if len(keep) == 0 {
		return ReportMatch{Method: "unmatched", Note: "báo cáo định kỳ không khớp kỳ nào đang theo dõi"}
	}
	m.TaskIDs = keep
	return m
}

// rematchReports matches again the reports recorded unmatched or ambiguous once
// tasks have appeared since: a report read before its directive (the DEN stream
// ran ahead of DI, or another instance was still storing the directive) would
// otherwise never reach its task. It holds the DEN stream's lease, like reading
// reports does, so two instances never apply the same report twice.
func (e *Engine) rematchReports(ctx context.Context, lease store.Lease, c *store.RunCounts) error {
	reps, err := e.st.ReportsToRematch(ctx, 100, maxWaitPasses)
	if err != nil || len(reps) == 0 {
		return err
	}
	for _, r := range reps {
		doc := storedReportDoc(r)
		m, err := e.matchReport(ctx, doc)
		if err != nil {
			return err
		}
		// The report's own signature verdict goes with it to its tasks' history.
		vs, err := e.st.DocumentVerdicts(ctx, e.st.Pool(), r.ID)
		if err != nil {
			return err
		}
		err = e.st.InTx(ctx, func(tx pgx.Tx) error {
			if err := e.st.CheckLease(ctx, tx, lease, e.opts.LeaseTTL); err != nil {
				return err
			}
			return e.applyReport(ctx, tx, r.ID, prepared{doc: doc, report: &m, verdicts: vs}, c)
		})
		if err != nil {
			return err
		}
		if len(m.TaskIDs) > 0 && m.Method != "ambiguous" && m.Method != "unmatched" {
			e.opts.Logger.Info().Str("event", "report.rematched").Str("report", r.PortalID).Str("method", m.Method).
				Int("tasks", len(m.TaskIDs)).Msg("a report read before its tasks now answers them")
		}
	}
	return nil
}

func storedReportDoc(r store.StoredReport) connectors.Document {
	d := connectors.Document{Number: r.Number, Notation: r.Notation, Summary: r.Summary, Body: r.Body,
		Issuer: connectors.Issuer{Code: r.IssuerCode, Name: r.IssuerName}}
	d.ID, _ = strconv.ParseInt(r.PortalID, 10, 64)
	if r.IssuedAt != nil {
		d.IssuedAt = *r.IssuedAt
	}
	if r.DocDate != nil {
		d.DocDate = *r.DocDate
	}
	if r.Notation != "" {
		d.Reference = r.Number + "/" + r.Notation
	}
	for _, id := range r.Related {
		if n, err := strconv.ParseInt(id, 10, 64); err == nil {
			d.Related = append(d.Related, connectors.DocRef{ID: n})
		}
	}
	return d
}
