package deadline

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"cddh-sync/connectors"
)

// corpusDir holds the labelled development directives (a copy of shared/testdata/directives).
const corpusDir = "../extract/testdata/dev"

type labelDeadline struct {
	Text       string  `json:"text"`
	Nominal    string  `json:"nominal"`
	Effective  string  `json:"effective"`
	Time       *string `json:"time"`
	Recurrence *string `json:"recurrence"`
}

type labelTask struct {
	Quote             string         `json:"quote"`
	Deadline          *labelDeadline `json:"deadline"`
	Flags             []string       `json:"flags"`
	AcceptableNominal []string       `json:"acceptable_nominal"`
	Optional          bool           `json:"optional"`
}

type label struct {
	ID       string `json:"id"`
	Document struct {
		Issued            *string `json:"issued"`
		IssuedAssumedTime string  `json:"issued_assumed_time"`
	} `json:"document"`
	Tasks    []labelTask `json:"tasks"`
	NonTasks []struct {
		Quote string `json:"quote"`
	} `json:"non_tasks"`
}

type corpusDoc struct {
	name  string
	text  string
	label label
	ctx   Context
}

func loadCorpus(t testing.TB) []corpusDoc {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(corpusDir, "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("corpus not found at %s", corpusDir)
	}
	var docs []corpusDoc
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatalf("read %s: %v", f, err)
		}
		var l label
		if err := json.Unmarshal(raw, &l); err != nil {
			t.Fatalf("parse %s: %v", f, err)
		}
		txt, err := os.ReadFile(strings.TrimSuffix(f, ".json") + ".txt")
		if err != nil {
			t.Fatalf("read text of %s: %v", f, err)
		}
		var ctx Context
		if l.Document.Issued != nil {
			at := "09:00+07:00" // README: an unknown issue time is 09:00+07:00
			if l.Document.IssuedAssumedTime != "" {
				at = l.Document.IssuedAssumedTime
			}
			iss, err := time.Parse(time.RFC3339, *l.Document.Issued+"T"+at[:5]+":00"+at[5:])
			if err != nil {
				t.Fatalf("%s: issued: %v", f, err)
			}
			ctx.Issued = iss.In(connectors.Zone)
		}
		docs = append(docs, corpusDoc{name: filepath.Base(f), text: string(txt), label: l, ctx: ctx})
	}
	return docs
}

// locate finds quote in text after collapsing whitespace (the labels' convention)
// and returns its byte range in the original text.
func locate(text, quote string) (int, int, bool) {
	var b strings.Builder
	var idx []int
	space := false
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c == ' ' || c == '\n' || c == '\t' || c == '\r' {
			if !space {
				b.WriteByte(' ')
				idx = append(idx, i)
			}
			space = true
			continue
		}
		space = false
		b.WriteByte(c)
		idx = append(idx, i)
	}
	idx = append(idx, len(text))
	c := b.String()
	k := strings.Index(c, quote)
	if k < 0 {
		return 0, 0, false
	}
	return idx[k], idx[k+len(quote)-1] + 1, true
}

// window is the text from the quote to the end of its paragraph (the line that
// holds the quote's end): where a task's deadline is written.
func window(text string, qs, qe int) string {
	end := strings.IndexByte(text[qe:], '\n')
	if end < 0 {
		return text[qs:]
	}
	return text[qs : qe+end]
}

func ymd(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

func checkLabel(d Deadline, want *labelDeadline, task labelTask) []string {
	var bad []string
	okNom := ymd(d.Nominal) == want.Nominal || slices.Contains(task.AcceptableNominal, ymd(d.Nominal))
	if !okNom {
		bad = append(bad, "nominal "+ymd(d.Nominal)+" want "+want.Nominal)
	}
	if ymd(d.Effective) != want.Effective && okNom && ymd(d.Nominal) == want.Nominal {
		bad = append(bad, "effective "+ymd(d.Effective)+" want "+want.Effective)
	}
	wt := ""
	if want.Time != nil {
		wt = *want.Time
	}
	if d.Time != wt {
		bad = append(bad, "time "+d.Time+" want "+wt)
	}
	wr := ""
	if want.Recurrence != nil {
		wr = *want.Recurrence
	}
	if d.Recurrence != wr {
		bad = append(bad, "recurrence "+d.Recurrence+" want "+wr)
	}
	for _, f := range []string{FlagBeforeIssue, FlagUnderOneWorkday} {
		if slices.Contains(task.Flags, f) != slices.Contains(d.Flags, f) {
			bad = append(bad, "flag "+f+" mismatch")
		}
	}
	return bad
}

// TestCorpusLabels: every labelled deadline is found from its task's text with the
// labelled nominal, effective, time and recurrence; every task labelled without a
// deadline and every non-task yields none.
func TestCorpusLabels(t *testing.T) {
	docs := loadCorpus(t)
	pass, total := 0, 0
	for _, doc := range docs {
		for ti, task := range doc.label.Tasks {
			if task.Optional {
				continue
			}
			qs, qe, ok := locate(doc.text, task.Quote)
			if !ok {
				t.Errorf("%s task %d: quote not found", doc.name, ti)
				continue
			}
			total++
			got := Find(window(doc.text, qs, qe), doc.ctx)
			if task.Deadline == nil {
				if len(got) > 0 {
					t.Errorf("%s task %d: want no deadline, got %q %s", doc.name, ti, got[0].Text, ymd(got[0].Nominal))
					continue
				}
				pass++
				continue
			}
			if len(got) == 0 {
				t.Errorf("%s task %d: deadline %q not found", doc.name, ti, task.Deadline.Text)
				continue
			}
			if bad := checkLabel(got[0], task.Deadline, task); len(bad) > 0 {
				t.Errorf("%s task %d (%q → %q): %s", doc.name, ti, task.Deadline.Text, got[0].Text, strings.Join(bad, "; "))
				continue
			}
			pass++
		}
		for ni, nt := range doc.label.NonTasks {
			total++
			if got := Find(nt.Quote, doc.ctx); len(got) > 0 {
				t.Errorf("%s non-task %d %q: got deadline %q", doc.name, ni, nt.Quote, got[0].Text)
				continue
			}
			pass++
		}
	}
	t.Logf("corpus labels: %d/%d pass", pass, total)
}

// TestCorpusWholeDocuments: run over whole documents, Find returns exactly the
// labelled deadlines (nothing from headers, citations or horizons).
func TestCorpusWholeDocuments(t *testing.T) {
	for _, doc := range loadCorpus(t) {
		var want []string
		for _, task := range doc.label.Tasks {
			if task.Deadline != nil {
				want = append(want, task.Deadline.Nominal)
			}
		}
		var got []string
		for _, d := range Find(doc.text, doc.ctx) {
			got = append(got, ymd(d.Nominal))
			if !slices.Contains(want, ymd(d.Nominal)) {
				t.Errorf("%s: unexpected deadline %q (%s)", doc.name, d.Text, ymd(d.Nominal))
			}
		}
		for _, w := range want {
			if !slices.Contains(got, w) {
				t.Errorf("%s: labelled deadline %s not found", doc.name, w)
			}
		}
	}
}

// TestCorpusDecomposed: decomposed (NFD) documents give the same deadlines, with
// spans into the decomposed text.
func TestCorpusDecomposed(t *testing.T) {
	for _, doc := range loadCorpus(t) {
		nfd := norm.NFD.String(doc.text)
		a, b := Find(doc.text, doc.ctx), Find(nfd, doc.ctx)
		if len(a) != len(b) {
			t.Errorf("%s: %d deadlines composed, %d decomposed", doc.name, len(a), len(b))
			continue
		}
		for i := range a {
			if !a[i].Nominal.Equal(b[i].Nominal) || a[i].Recurrence != b[i].Recurrence || norm.NFC.String(b[i].Text) != a[i].Text {
				t.Errorf("%s #%d: %q %s vs decomposed %q %s", doc.name, i, a[i].Text, ymd(a[i].Nominal), b[i].Text, ymd(b[i].Nominal))
			}
		}
	}
}
