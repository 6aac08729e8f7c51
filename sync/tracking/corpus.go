package tracking

import (
	"sort"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"

	"cddh-sync/connectors"
	"cddh-sync/sync/store"
)

// Corpus labels: what the Office decided about a directive's tasks is labelled
// data in the schema of the extraction's development corpus
// (../shared/testdata/directives/README.md, "Label schema"), so a province's own
// reviewed documents can grow the test corpus (issue 15, "Learning from
// corrections").

// CorpusLabel is one directive's NNN.json.
type CorpusLabel struct {
	ID            string          `json:"id"`
	Source        *string         `json:"source"`
	Province      string          `json:"province"`
	Synthetic     bool            `json:"synthetic"`
	Fidelity      string          `json:"fidelity"`
	SourceNote    string          `json:"source_note"`
	Reconstructed any             `json:"reconstructed"`
	Document      CorpusDocument  `json:"document"`
	Tasks         []CorpusTask    `json:"tasks"`
	NonTasks      []CorpusNonTask `json:"non_tasks"`
	Exercises     []string        `json:"exercises"`
}

// CorpusDocument is the label's document header.
type CorpusDocument struct {
	Type     string  `json:"type"`
	Number   string  `json:"number"`
	Notation string  `json:"notation"`
	Issuer   string  `json:"issuer"`
	Issued   *string `json:"issued"`
	Subject  string  `json:"subject"`
	Signer   string  `json:"signer"`
	Secrecy  string  `json:"secrecy"`
	Urgency  string  `json:"urgency"`
}

// CorpusTask is one labelled task; Optional marks one the Office has not reviewed
// yet (a grader counts it neither way).
type CorpusTask struct {
	Quote             string          `json:"quote"`
	LeadUnit          string          `json:"lead_unit"`
	CoordinatingUnits []string        `json:"coordinating_units"`
	Deadline          *CorpusDeadline `json:"deadline"`
	MustReport        bool            `json:"must_report"`
	Flags             []string        `json:"flags"`
	Optional          bool            `json:"optional,omitempty"`
	Notes             string          `json:"notes,omitempty"`
}

// CorpusDeadline is a labelled deadline.
type CorpusDeadline struct {
	Text       string  `json:"text"`
	Nominal    string  `json:"nominal"`
	Effective  string  `json:"effective"`
	Time       *string `json:"time"`
	Recurrence *string `json:"recurrence"`
}

// CorpusNonTask is a sentence the Office rejected as a task, with its reason.
type CorpusNonTask struct {
	Quote string `json:"quote"`
	Why   string `json:"why"`
}

// CorpusText is the directive's text as the corpus keeps it: NFC, "\n", trailing
// spaces stripped, runs of empty lines collapsed.
func CorpusText(text string) string {
	lines := strings.Split(strings.ReplaceAll(norm.NFC.String(text), "\r\n", "\n"), "\n")
	var out []string
	for _, l := range lines {
		l = strings.TrimRight(l, " \t")
		if l == "" && len(out) > 0 && out[len(out)-1] == "" {
			continue
		}
		out = append(out, l)
	}
	return strings.TrimSpace(strings.Join(out, "\n")) + "\n"
}

// LabelOf builds a reviewed directive's label from its stored tasks: confirmed,
// corrected and added tasks as the Office left them, rejected ones as non-tasks
// with the reason, held ones and those the policy let through unreviewed optional; recurring occurrences are one task, dated
// by their first occurrence.
func LabelOf(d store.DirectiveText, province string, tasks []store.TaskView) CorpusLabel {
	l := CorpusLabel{ID: d.PortalID, Province: province, Fidelity: "full",
		SourceNote: "exported by cddh-sync corpus export from the Office's reviews (rules.md §9)",
		Document: CorpusDocument{Type: d.Type, Number: d.Number, Notation: d.Notation, Issuer: d.Issuer, Subject: d.Summary,
			Signer: d.Signer, Urgency: d.Urgency},
		Tasks: []CorpusTask{}, NonTasks: []CorpusNonTask{}, Exercises: []string{"office_review"}}
	if d.IssuedAt != nil {
		s := d.IssuedAt.In(connectors.Zone).Format("2006-01-02")
		l.Document.Issued = &s
	}
	sort.SliceStable(tasks, func(i, j int) bool { return tasks[i].ID < tasks[j].ID })
	seen := map[string]bool{}
	for _, t := range tasks {
		quote := t.Sentence
		if quote == "" {
			quote = t.Content
		}
		quote = strings.Join(strings.Fields(quote), " ")
		h := SentenceHash(quote) + "|" + t.Content
		state := ReviewState(t.ReviewState)
		if state == Rejected {
			if !seen[h] && !strings.HasPrefix(t.ReviewNote, "gộp vào") {
				l.NonTasks = append(l.NonTasks, CorpusNonTask{Quote: quote, Why: t.ReviewNote})
			}
			seen[h] = true
			continue
		}
		if t.State == "cancelled" || seen[h] {
			continue
		}
		seen[h] = true
		ct := CorpusTask{Quote: quote, CoordinatingUnits: []string{}, MustReport: t.MustReport, Flags: []string{}}
		if len(t.Lead) > 0 {
			ct.LeadUnit = t.Lead[0].Name
		}
		for _, u := range t.Coordinating {
			ct.CoordinatingUnits = append(ct.CoordinatingUnits, u.Name)
		}
		for _, f := range t.Flags {
			if f != FlagLeadUnrecognised && f != FlagSignatureNotPassed {
				ct.Flags = append(ct.Flags, f)
			}
		}
		if t.Effective != nil {
			dl := &CorpusDeadline{Text: t.DeadlineText, Effective: day(*t.Effective)}
			dl.Nominal = dl.Effective
			if t.Nominal != nil {
				dl.Nominal = day(*t.Nominal)
			}
			if t.DeadlineTime != "" {
				s := t.DeadlineTime
				dl.Time = &s
			}
			if t.Recurrence != "" {
				s := t.Recurrence
				dl.Recurrence = &s
			}
			ct.Deadline = dl
		}
		switch state {
		case Held:
			ct.Optional, ct.Notes = true, "not reviewed yet"
		case Auto:
			ct.Optional, ct.Notes = true, "passed without review"
		default:
			ct.Notes = "review: " + string(state) + " by " + t.ReviewBy
			if t.ReviewAt != nil {
				ct.Notes += " at " + t.ReviewAt.In(connectors.Zone).Format(time.RFC3339)
			}
		}
		l.Tasks = append(l.Tasks, ct)
	}
	return l
}

func day(t time.Time) string { return t.In(connectors.Zone).Format("2006-01-02") }
