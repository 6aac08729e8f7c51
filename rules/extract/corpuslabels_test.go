package extract

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"
)

// collapseWS is the text a label's quote is looked up in: NFC, every run of
// white space one space (testdata/dev/README.md: "quote is an exact substring of
// the text after collapsing whitespace").
func collapseWS(s string) string {
	return strings.Join(strings.Fields(norm.NFC.String(s)), " ")
}

var hhmm = regexp.MustCompile(`^([01][0-9]|2[0-3]):[0-5][0-9]$`)

// TestCorpusLabels checks every label against the schema of testdata/dev/README.md
// without running the extractor, so that a person (or a helper) labelling new
// documents blind can check the labels before the documents are scored: the id is
// the file's, the quote locates a sentence of the text, the dates are dates.
func TestCorpusLabels(t *testing.T) {
	docs, _ := loadCorpus(t)
	recurrences := map[string]bool{"monthly": true, "quarterly": true, "half_yearly": true, "yearly": true}
	for _, d := range docs {
		base := strings.TrimSuffix(filepath.Base(d.name), ".txt")
		l := d.label
		if l.ID != base {
			t.Errorf("%s: label id %q, want %q (the file name)", d.name, l.ID, base)
		}
		if strings.TrimSpace(l.Province) == "" {
			t.Errorf("%s: no province", d.name)
		}
		if strings.TrimSpace(l.Document.Type) == "" {
			t.Errorf("%s: no document.type", d.name)
		}
		if d.set == "corpus" {
			raw, err := os.ReadFile(filepath.Join(corpusDir, base+".json"))
			if err != nil {
				t.Fatal(err)
			}
			var src struct {
				Source *string `json:"source"`
			}
			if err := json.Unmarshal(raw, &src); err != nil || src.Source == nil || strings.TrimSpace(*src.Source) == "" {
				t.Errorf("%s: a real document must record its source", d.name)
			}
		}
		if l.Document.Issued != nil && *l.Document.Issued != "" {
			if _, err := time.Parse(time.DateOnly, *l.Document.Issued); err != nil {
				t.Errorf("%s: document.issued %q is not YYYY-MM-DD", d.name, *l.Document.Issued)
			}
		}
		text := collapseWS(d.text)
		for i, task := range l.Tasks {
			q := collapseWS(task.Quote)
			switch {
			case q == "":
				t.Errorf("%s: task %d has no quote", d.name, i)
			case !strings.Contains(text, q):
				t.Errorf("%s: task %d quote is not in the text (after collapsing white space): %q", d.name, i, q)
			}
			if strings.TrimSpace(task.Lead) == "" {
				t.Errorf("%s: task %d has no lead_unit", d.name, i)
			}
			dl := task.Deadline
			if dl == nil {
				continue
			}
			for _, f := range []struct{ k, v string }{{"nominal", dl.Nominal}, {"effective", dl.Effective}} {
				if _, err := time.Parse(time.DateOnly, f.v); err != nil {
					t.Errorf("%s: task %d deadline.%s %q is not YYYY-MM-DD", d.name, i, f.k, f.v)
				}
			}
			for _, a := range task.AcceptNominal {
				if _, err := time.Parse(time.DateOnly, a); err != nil {
					t.Errorf("%s: task %d acceptable_nominal %q is not YYYY-MM-DD", d.name, i, a)
				}
			}
			if dl.Time != nil && !hhmm.MatchString(*dl.Time) {
				t.Errorf("%s: task %d deadline.time %q is not HH:MM", d.name, i, *dl.Time)
			}
			if dl.Recurrence != nil && !recurrences[*dl.Recurrence] {
				t.Errorf("%s: task %d deadline.recurrence %q is not one of monthly, quarterly, half_yearly, yearly", d.name, i, *dl.Recurrence)
			}
		}
	}
}
