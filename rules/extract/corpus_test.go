package extract

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"cddh-sync/connectors"
	"cddh-sync/rules/units"
)

const corpusDir = "/work/shared/testdata/directives"

type labelDeadline struct {
	Nominal    string  `json:"nominal"`
	Effective  string  `json:"effective"`
	Time       *string `json:"time"`
	Recurrence *string `json:"recurrence"`
}

type labelTask struct {
	Quote         string         `json:"quote"`
	Lead          string         `json:"lead_unit"`
	Split         []string       `json:"lead_units_split"`
	AcceptLeads   []string       `json:"acceptable_lead_units"`
	AcceptNominal []string       `json:"acceptable_nominal"`
	Deadline      *labelDeadline `json:"deadline"`
	Optional      bool           `json:"optional"`
	MustReport    bool           `json:"must_report"`
}

type label struct {
	Document struct {
		Issued      *string `json:"issued"`
		AssumedTime string  `json:"issued_assumed_time"`
	} `json:"document"`
	Tasks []labelTask `json:"tasks"`
}

type corpusDoc struct {
	name  string
	text  string
	label label
}

func loadCorpus(tb testing.TB) ([]corpusDoc, *units.Directory) {
	tb.Helper()
	dir, err := units.Load(filepath.Join(corpusDir, "..", "units-dong-thap.json"))
	if err != nil {
		tb.Skipf("corpus not available: %v", err)
	}
	files, _ := filepath.Glob(filepath.Join(corpusDir, "*.txt"))
	var docs []corpusDoc
	for _, f := range files {
		txt, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		lb, err := os.ReadFile(strings.TrimSuffix(f, ".txt") + ".json")
		if err != nil {
			tb.Fatal(err)
		}
		var l label
		if err := json.Unmarshal(lb, &l); err != nil {
			tb.Fatalf("%s: %v", f, err)
		}
		docs = append(docs, corpusDoc{name: filepath.Base(f), text: string(txt), label: l})
	}
	if len(docs) == 0 {
		tb.Skip("no corpus documents")
	}
	return docs, dir
}

// issuedOf is the issue time the label states (date plus the assumed time).
func issuedOf(l label) time.Time {
	if l.Document.Issued == nil {
		return time.Time{}
	}
	s := *l.Document.Issued + "T" + strings.TrimSuffix(l.Document.AssumedTime, "+07:00")
	if l.Document.AssumedTime == "" {
		s = *l.Document.Issued + "T00:00"
	}
	t, err := time.ParseInLocation("2006-01-02T15:04", s, connectors.Zone)
	if err != nil {
		return time.Time{}
	}
	return t
}

func leadOK(dir *units.Directory, got UnitRef, lt labelTask) bool {
	cands := append(append([]string{lt.Lead}, lt.AcceptLeads...), lt.Split...)
	g := units.Normalize(got.Name)
	for _, c := range cands {
		if units.Normalize(c) == g {
			return true
		}
		if u, ok := dir.Lookup(c); ok && units.Normalize(u.Name) == g {
			return true
		}
	}
	return false
}

func nominalOK(got *Deadline, lt labelTask) bool {
	if lt.Deadline == nil || got == nil {
		return lt.Deadline == nil && got == nil
	}
	n := got.Nominal.Format(time.DateOnly)
	if n == lt.Deadline.Nominal {
		return true
	}
	for _, a := range lt.AcceptNominal {
		if a == n {
			return true
		}
	}
	return false
}

func deadlineExact(got *Deadline, lt labelTask) bool {
	if !nominalOK(got, lt) {
		return false
	}
	if got == nil {
		return true
	}
	d := lt.Deadline
	str := func(p *string) string {
		if p == nil {
			return ""
		}
		return *p
	}
	return got.Effective.Format(time.DateOnly) == d.Effective && got.Time == str(d.Time) && got.Recurrence == str(d.Recurrence)
}

type score struct {
	tp, fp, fn        float64
	byLead, dlCorrect float64
	reportOK          float64
}

func scoreCorpus(t testing.TB, docs []corpusDoc, dir *units.Directory, verbose, issuedFromText bool) score {
	var sc score
	for _, d := range docs {
		opts := Options{Issued: issuedOf(d.label), Units: dir}
		if issuedFromText {
			opts.Issued = time.Time{}
		}
		res, err := Extract(d.text, opts)
		if err != nil {
			t.Fatalf("%s: %v", d.name, err)
		}
		used := make([]bool, len(res.Tasks))
		for _, lt := range d.label.Tasks {
			best := -1
			for i, got := range res.Tasks {
				if !used[i] && leadOK(dir, got.Lead, lt) {
					if best < 0 || nominalOK(got.Deadline, lt) && !nominalOK(res.Tasks[best].Deadline, lt) {
						best = i
					}
				}
			}
			if best < 0 {
				if !lt.Optional {
					sc.fn++
					if verbose {
						t.Logf("%s: MISSED lead %q: %.60s", d.name, lt.Lead, lt.Quote)
					}
				}
				continue
			}
			used[best] = true
			got := res.Tasks[best]
			if !lt.Optional {
				if got.MustReport == lt.MustReport {
					sc.reportOK++
				} else if verbose {
					t.Logf("%s: must_report of %q: got %v", d.name, lt.Lead, got.MustReport)
				}
				sc.byLead++
				if deadlineExact(got.Deadline, lt) {
					sc.dlCorrect++
				} else if verbose {
					t.Logf("%s: deadline of %q: got %+v want %+v", d.name, lt.Lead, got.Deadline, lt.Deadline)
				}
			}
			switch {
			case lt.Optional:
			case nominalOK(got.Deadline, lt):
				sc.tp++
			default:
				sc.fn++
				sc.fp++
			}
		}
		for i, u := range used {
			if !u {
				sc.fp++
				if verbose {
					t.Logf("%s: EXTRA lead %q: %.70s", d.name, res.Tasks[i].Lead.Name, res.Tasks[i].Content)
				}
			}
		}
	}
	return sc
}

// The floors sit just under what the rules reach on the development corpus; the
// graded set is unseen documents of the same kind.
const (
	f1Floor       = 0.95
	deadlineFloor = 0.95
)

func TestCorpusScore(t *testing.T) {
	docs, dir := loadCorpus(t)
	// Informational: the issue date read from the text (the label may add a time or
	// a date the text lacks).
	st := scoreCorpus(t, docs, dir, false, true)
	t.Logf("issued read from text: tp=%v fp=%v fn=%v; deadline %v/%v", st.tp, st.fp, st.fn, st.dlCorrect, st.byLead)
	sc := scoreCorpus(t, docs, dir, testing.Verbose(), false)
	p := sc.tp / max(sc.tp+sc.fp, 1)
	r := sc.tp / max(sc.tp+sc.fn, 1)
	f1 := 2 * p * r / max(p+r, 1e-9)
	acc := sc.dlCorrect / max(sc.byLead, 1)
	t.Logf("tasks: tp=%v fp=%v fn=%v precision=%.3f recall=%.3f F1=%.3f; deadline accuracy=%.3f (%v/%v)",
		sc.tp, sc.fp, sc.fn, p, r, f1, acc, sc.dlCorrect, sc.byLead)
	t.Logf("must_report right on %v/%v matched tasks", sc.reportOK, sc.byLead)
	if f1 < f1Floor {
		t.Errorf("F1 %.3f below floor %.2f", f1, f1Floor)
	}
	if acc < deadlineFloor {
		t.Errorf("deadline accuracy %.3f below floor %.2f", acc, deadlineFloor)
	}
}

func BenchmarkExtract(b *testing.B) {
	docs, dir := loadCorpus(b)
	b.ResetTimer()
	n := 0
	for b.Loop() {
		d := docs[n%len(docs)]
		if _, err := Extract(d.text, Options{Issued: issuedOf(d.label), Units: dir}); err != nil {
			b.Fatal(err)
		}
		n++
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "docs/s")
}

// BenchmarkExtract10k extracts 10,000 documents (the development corpus, cycled)
// on one goroutine, and BenchmarkScan10k only walks the same bytes rune by rune
// (UTF-8 decoding, the floor any extraction pays): the ratio of the two is how
// far extraction is from reading the text at all (BENCHMARKS.md item 1).
//
//	go test -run '^$' -bench '10k' -benchtime 3x ./rules/extract
func BenchmarkExtract10k(b *testing.B) {
	docs, dir := loadCorpus(b)
	var bytes int
	for range b.N {
		bytes = 0
		for i := range 10000 {
			d := docs[i%len(docs)]
			bytes += len(d.text)
			if _, err := Extract(d.text, Options{Issued: issuedOf(d.label), Units: dir}); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(10000*b.N)/b.Elapsed().Seconds(), "docs/s")
	b.ReportMetric(float64(bytes*b.N)/b.Elapsed().Seconds()/1e6, "MB/s")
}

func BenchmarkScan10k(b *testing.B) {
	docs, _ := loadCorpus(b)
	var bytes, runes int
	for range b.N {
		bytes = 0
		for i := range 10000 {
			t := docs[i%len(docs)].text
			bytes += len(t)
			for _, r := range t {
				if r > 0x7f {
					runes++
				}
			}
		}
	}
	if runes == 0 {
		b.Fatal("no text scanned")
	}
	b.ReportMetric(float64(10000*b.N)/b.Elapsed().Seconds(), "docs/s")
	b.ReportMetric(float64(bytes*b.N)/b.Elapsed().Seconds()/1e6, "MB/s")
}
