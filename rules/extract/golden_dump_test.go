package extract

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"cddh-sync/rules/units"
	"golang.org/x/text/unicode/norm"
)

// TestGoldenDump writes, when CDDH_GOLDEN names a file, everything Extract
// gives for every corpus and development document in seven forms (as stored,
// repeated to 4 KB, decomposed, with CRLF line ends, without an issue date, as
// a directive, without a directory): the JSON, the document, each task's
// confidence signals and deadline, and the tokens, words, key and mentions of
// every line. The speed work (issue 14, BENCHMARKS.md) compares the dumps of
// two commits byte for byte (cmp) to show a change alters no output:
//
//	CDDH_GOLDEN=/tmp/before.txt go test -run TestGoldenDump ./rules/extract
func TestGoldenDump(t *testing.T) {
	out := os.Getenv("CDDH_GOLDEN")
	if out == "" {
		t.Skip("CDDH_GOLDEN names no file to write")
	}
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := bufio.NewWriter(f)
	defer w.Flush()
	docs, dir := loadCorpus(t)
	for _, d := range docs {
		long := d.text
		for len(long) < 4096 {
			long += "\n" + d.text
		}
		forms := []struct {
			name string
			text string
			opts Options
		}{
			{"stored", d.text, Options{Issued: issuedOf(d.label), Units: dir}},
			{"long", long, Options{Issued: issuedOf(d.label), Units: dir}},
			{"nfd", norm.NFD.String(d.text), Options{Issued: issuedOf(d.label), Units: dir}},
			{"crlf", strings.ReplaceAll(d.text, "\n", "\r\n"), Options{Issued: issuedOf(d.label), Units: dir}},
			{"noissued", d.text, Options{Units: dir}},
			{"directive", d.text, Options{Issued: issuedOf(d.label), Units: dir, Directive: true}},
			{"nodir", d.text, Options{Issued: issuedOf(d.label)}},
		}
		for _, fm := range forms {
			r, err := Extract(fm.text, fm.opts)
			fmt.Fprintf(w, "== %s %s err=%v\n", d.name, fm.name, err)
			j, _ := json.Marshal(r)
			w.Write(j)
			fmt.Fprintf(w, "\ndoc %#v issued=%s\n", r.Document, r.Document.Issued.Format(time.RFC3339Nano))
			for i, tk := range r.Tasks {
				fmt.Fprintf(w, "t%d conf=%v sig=%q flags=%q lead=%#v lus=%#v co=%#v mr=%v\n", i, tk.Confidence, tk.signals, tk.Flags, tk.Lead, tk.LeadUnits, tk.Coordinates, tk.MustReport)
				if dl := tk.Deadline; dl != nil {
					fmt.Fprintf(w, "  dl %s %s %q %q %q\n", dl.Nominal.Format(time.RFC3339Nano), dl.Effective.Format(time.RFC3339Nano), dl.Time, dl.Text, dl.Recurrence)
				}
			}
		}
		// the units' views of every line
		for _, line := range strings.Split(norm.NFC.String(d.text), "\n") {
			ts := units.Tokenize(line)
			fmt.Fprintf(w, "L %q\n tok %v\n words %q\n norm %q\n", line, ts, units.Words(line), units.Normalize(line))
			for _, m := range dir.MentionsIn(line, ts) {
				fmt.Fprintf(w, " m %d %d %q %q %v %q %d %v\n", m.Start, m.End, m.Written, m.Code(), m.Collective, m.Group, len(m.Members), m.Generic)
			}
		}
	}
}

// TestResultsOutliveViews: what Extract returns holds nothing of the room its
// views were cut from, which the next Extract writes again (viewRoom): the
// results of every corpus text, printed when made, print the same after
// every text has been extracted again.
func TestResultsOutliveViews(t *testing.T) {
	docs, dir := loadCorpus(t)
	show := func(r Result) string {
		j, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		b.Write(j)
		for _, tk := range r.Tasks {
			dl := tk.Deadline
			tk.Deadline = nil // (its address differs from one Extract to another; its fields are in the JSON)
			fmt.Fprintf(&b, "\n%q %q %#v", tk.signals, tk.Flags, tk)
			if dl != nil {
				fmt.Fprintf(&b, " %#v", *dl)
			}
		}
		return b.String()
	}
	results, shown := make([]Result, len(docs)), make([]string, len(docs))
	for i, d := range docs {
		r, err := Extract(d.text, Options{Issued: issuedOf(d.label), Units: dir})
		if err != nil && err != ErrEmpty {
			t.Fatal(err)
		}
		results[i], shown[i] = r, show(r)
	}
	for round := range 2 {
		for k := range docs {
			d := docs[(k+round*len(docs)/2)%len(docs)] // (another order the second time)
			if _, err := Extract(d.text, Options{Issued: issuedOf(d.label), Units: dir}); err != nil && err != ErrEmpty {
				t.Fatal(err)
			}
		}
	}
	for i, r := range results {
		if got := show(r); got != shown[i] {
			t.Fatalf("%s: the result changed once other texts were extracted:\nbefore %s\nafter  %s", docs[i].name, shown[i], got)
		}
	}
	// and at the same time on several goroutines (each Extract its own room)
	var wg sync.WaitGroup
	errs := make(chan string, 4)
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range docs {
				i := (k + g*len(docs)/4) % len(docs)
				r, _ := Extract(docs[i].text, Options{Issued: issuedOf(docs[i].label), Units: dir})
				if got := show(r); got != shown[i] {
					errs <- docs[i].name + ": another result when extracted on several goroutines"
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
