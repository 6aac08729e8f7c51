package main

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/rs/zerolog"

	"cddh-sync/connectors"
	"cddh-sync/connectors/edxml"
	"cddh-sync/rules/status"
	"cddh-sync/sync/store"
	"cddh-sync/sync/tracking"
)

// taskJSON is one task of `tasks --format json` (cli.md): the extract shape plus the
// tracking fields.
type taskJSON struct {
	ID                string        `json:"id"`
	DocumentID        string        `json:"document_id"`
	Document          string        `json:"document"`
	Content           string        `json:"content"`
	LeadUnit          unitJSON      `json:"lead_unit"`
	LeadUnits         []unitJSON    `json:"lead_units"`
	CoordinatingUnits []unitJSON    `json:"coordinating_units"`
	Deadline          *deadlineJSON `json:"deadline"`
	MustReport        bool          `json:"must_report"`
	Flags             []string      `json:"flags"`
	Confidence        float64       `json:"confidence"`
	State             string        `json:"state"`
	StatusText        string        `json:"status_text"`
	Timeliness        string        `json:"timeliness"`
	DeadlineInForce   *time.Time    `json:"deadline_in_force"`
	ReportedAt        *time.Time    `json:"reported_at"`
	DecidedAt         *time.Time    `json:"decided_at"`
	Extensions        int           `json:"extensions"`
	Signature         signatureJSON `json:"signature"`
	Review            reviewJSON    `json:"review"`
	// ExchangeStatus is the directive's current edXML exchange status (issue 17),
	// null when no status message about it arrived.
	ExchangeStatus *exchangeStatusJSON `json:"exchange_status"`
	History        []historyJSON       `json:"history"`
}

// exchangeStatusJSON is the latest (by its Timestamp) edXML status message about
// the directive: code and meaning (01 đã đến … 16), the sender's description, who
// sent it, when it was written and when it arrived.
type exchangeStatusJSON struct {
	Code        string    `json:"code"`
	Meaning     string    `json:"meaning"`
	Description string    `json:"description"`
	From        string    `json:"from"`
	FromName    string    `json:"from_name"`
	Department  string    `json:"department"`
	Staff       string    `json:"staff"`
	At          time.Time `json:"at"`
	ReceivedAt  time.Time `json:"received_at"`
}

// reviewJSON is the Office's review of the task (cli.md Additions): state is held,
// confirmed, corrected, rejected, added or auto; by and at are empty until reviewed.
type reviewJSON struct {
	State string     `json:"state"`
	By    string     `json:"by"`
	At    *time.Time `json:"at"`
}

type unitJSON struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

type deadlineJSON struct {
	Nominal    string  `json:"nominal"`
	Effective  string  `json:"effective"`
	Time       *string `json:"time"`
	Text       string  `json:"text"`
	Recurrence *string `json:"recurrence"`
}

type signatureJSON struct {
	Indication string `json:"indication"`
	SignedBy   string `json:"signed_by"`
}

type historyJSON struct {
	At      time.Time `json:"at"`
	Event   string    `json:"event"`
	By      string    `json:"by"`
	Note    string    `json:"note"`
	Warning string    `json:"warning,omitempty"`
}

func unitsJSON(us []store.UnitRef) []unitJSON {
	out := make([]unitJSON, 0, len(us))
	for _, u := range us {
		out = append(out, unitJSON{Code: u.Code, Name: u.Name})
	}
	return out
}

// inZone is t in Asia/Ho_Chi_Minh (every timestamp of the JSON carries +07:00, as
// cli.md's examples do), nil for nil.
func inZone(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	z := t.In(connectors.Zone)
	return &z
}

func toTaskJSON(t store.TaskView, res status.Result) taskJSON {
	j := taskJSON{ID: t.Key, DocumentID: t.DocumentPortalID, Document: strings.Trim(t.DocumentNumber+"/"+t.DocumentNotation, "/"),
		Content: t.Content, LeadUnits: unitsJSON(t.Lead), CoordinatingUnits: unitsJSON(t.Coordinating), MustReport: t.MustReport,
		Flags: t.Flags, Confidence: t.Confidence, State: string(res.State), StatusText: res.StatusText, Timeliness: string(res.Timeliness),
		DeadlineInForce: inZone(res.Deadline), ReportedAt: inZone(res.ReportedAt), DecidedAt: inZone(res.DecidedAt), Extensions: res.Extensions,
		Signature: signatureJSON{Indication: t.SignatureIndication, SignedBy: t.SignatureSignedBy}, History: []historyJSON{},
		Review: reviewJSON{State: t.ReviewState, By: t.ReviewBy}}
	j.Review.At = inZone(t.ReviewAt)
	if x := t.ExchangeStatus; x != nil {
		j.ExchangeStatus = &exchangeStatusJSON{Code: x.Code, Meaning: edxml.StatusCode(x.Code).Words(), Description: x.Description,
			From: x.FromOrganID, FromName: x.FromOrganName, Department: x.StaffDepartment, Staff: x.StaffName,
			At: x.MessageAt.In(connectors.Zone), ReceivedAt: x.ReceivedAt.In(connectors.Zone)}
	}
	if j.Flags == nil {
		j.Flags = []string{}
	}
	if len(j.LeadUnits) > 0 {
		j.LeadUnit = j.LeadUnits[0]
	}
	if t.Effective != nil {
		d := &deadlineJSON{Effective: t.Effective.Format("2006-01-02"), Text: t.DeadlineText}
		d.Nominal = d.Effective
		if t.Nominal != nil {
			d.Nominal = t.Nominal.Format("2006-01-02")
		}
		if t.DeadlineTime != "" {
			s := t.DeadlineTime
			d.Time = &s
		}
		if t.Recurrence != "" {
			s := t.Recurrence
			d.Recurrence = &s
		}
		j.Deadline = d
	}
	for _, h := range res.History {
		j.History = append(j.History, historyJSON{At: h.At.In(connectors.Zone), Event: string(h.Event), By: h.By, Note: h.Note, Warning: h.Warning})
	}
	return j
}

// withReviewHistory adds the Office's review events (held, confirmed, corrected,
// rejected, added: who and when) to the status history, in time order.
func withReviewHistory(j taskJSON, evs []store.EventRow) taskJSON {
	added := false
	for _, e := range evs {
		if tracking.Kind(e.Kind).IsReview() {
			j.History = append(j.History, historyJSON{At: e.At.In(connectors.Zone), Event: e.Kind, By: e.Actor, Note: e.Note})
			added = true
		}
	}
	if added {
		sort.SliceStable(j.History, func(a, b int) bool { return j.History[a].At.Before(j.History[b].At) })
	}
	return j
}

func cmdTasks(ctx context.Context, e env, args []string) error {
	fs := newFlagSet(e.stderr, "tasks", "--config F [--status S] [--unit CODE] [--overdue] [--format json|table]")
	cfgPath := fs.String("config", "", "configuration file (YAML)")
	state := fs.String("status", "", "only tasks in this state ("+strings.Join(stateNames(), ", ")+")")
	unit := fs.String("unit", "", "only tasks whose lead unit has this code")
	overdue := fs.Bool("overdue", false, "only open tasks past their deadline")
	format := fs.String("format", "table", "output format: json or table")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if *format != "json" && *format != "table" {
		return usageErrorf("--format %q: want json or table", *format)
	}
	if *state != "" && !validState(*state) {
		return usageErrorf("--status %q: want one of %s", *state, strings.Join(stateNames(), ", "))
	}
	tr, err := storedTasks(ctx, e, *cfgPath, store.TaskFilter{UnitCode: *unit})
	if err != nil {
		return err
	}
	defer tr.close()
	unlinked, err := tr.st.UnlinkedReports(ctx, nil, nil)
	if err != nil {
		return runtimeErrorf("%w", err)
	}
	now := time.Now().In(connectors.Zone)
	out := []taskJSON{}
	for _, v := range tr.views {
		res := tr.rules.View(v, tr.hist[v.ID], now)
		if *state != "" && string(res.State) != *state {
			continue
		}
		if *overdue && !(res.Timeliness == status.Late && res.State.Open()) {
			continue
		}
		out = append(out, withReviewHistory(toTaskJSON(v, res), tr.hist[v.ID]))
	}
	if len(unlinked) > 0 {
		// Never guessed silently (rules.md §8): the JSON stays a task array, so the
		// reports that fit no task, or several, are named on stderr.
		fmt.Fprintf(e.stderr, "%d incoming report(s) not linked to a task (see `cddh-sync report` or the dashboard):\n", len(unlinked))
		for _, u := range unlinked {
			fmt.Fprintf(e.stderr, "  %s %s from %s: %s\n", u.DocumentPortalID, u.Document, u.SenderName, u.Method)
		}
	}
	if *format == "json" {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 2, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tVĂN BẢN\tCHỦ TRÌ\tHẠN\tTÌNH TRẠNG\tRÀ SOÁT\tGIA HẠN\tCHỮ KÝ SỐ")
	for _, t := range out {
		due := "—"
		if t.DeadlineInForce != nil {
			due = t.DeadlineInForce.In(connectors.Zone).Format("02/01/2006 15:04")
		}
		sig := t.Signature.Indication
		if sig == "" {
			sig = "—"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%d\t%s\n", t.ID, t.Document, t.LeadUnit.Name, due, t.StatusText,
			tracking.ReviewState(t.Review.State).Words(), t.Extensions, sig)
	}
	fmt.Fprintf(tw, "\n%d task(s)\n", len(out))
	return tw.Flush()
}

func stateNames() []string {
	return []string{"assigned", "in_progress", "urged", "reported", "approved", "rejected", "returned", "cancelled"}
}

func validState(s string) bool {
	for _, n := range stateNames() {
		if n == s {
			return true
		}
	}
	return false
}

// tracked is what the read-only commands (tasks, report) load: the rules, the
// tasks matching a filter with their histories, and the open store.
type tracked struct {
	rules *ruleSet
	views []store.TaskView
	hist  map[int64][]store.EventRow
	st    *store.Store
	close func()
}

// storedTasks loads the configuration, the rules and the store, and the tasks
// matching f with their histories. The caller must call close.
func storedTasks(ctx context.Context, e env, cfgPath string, f store.TaskFilter) (*tracked, error) {
	cfg, err := loadConfig(cfgPath)
	if err != nil {
		return nil, err
	}
	rules, err := newRuleSet(cfg)
	if err != nil {
		return nil, err
	}
	st, err := openStore(ctx, cfg, newLogger(cfg, e.stderr).Level(zerolog.Disabled), true)
	if err != nil {
		return nil, err
	}
	tr := &tracked{rules: rules, st: st.Store, close: func() { _ = st.Close(context.WithoutCancel(ctx)) }}
	if tr.views, err = st.ListTasks(ctx, f); err != nil {
		tr.close()
		return nil, runtimeErrorf("%w", err)
	}
	ids := make([]int64, len(tr.views))
	for i, v := range tr.views {
		ids[i] = v.ID
	}
	if tr.hist, err = st.EventsOf(ctx, ids); err != nil {
		tr.close()
		return nil, runtimeErrorf("%w", err)
	}
	return tr, nil
}
