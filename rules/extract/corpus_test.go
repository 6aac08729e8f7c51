package extract

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"cddh-sync/connectors"
	"cddh-sync/rules/units"
)

// The labelled directives: testdata/dev holds the 10 development documents
// (a copy of shared/testdata/directives), testdata/corpus the real corpus
// (ids 201-399). Both follow the schema of testdata/dev/README.md.
const (
	devDir       = "testdata/dev"
	corpusDir    = "testdata/corpus"
	unitsFile    = "../units/testdata/units-dong-thap.json"
	heldOutEvery = 5 // corpus documents whose id % 5 == 0 are the held-out fifth
	// Later parts were labelled blind, after the fifth had been revealed:
	//   - part C (ids 401-440) was scored once unseen (strict F1 0.627, P 0.867,
	//     R 0.491) and then revealed: rules are tuned on it since;
	//   - part D (ids 441-480) likewise (F1 0.693, P 0.614, R 0.795 unseen);
	//   - part E (ids 481-520) likewise (F1 0.740, P 0.725, R 0.755 unseen);
	//   - part F (ids 521-560) likewise (F1 0.694, P 0.739, R 0.654 unseen, the
	//     rules as they were after part E);
	//   - part G (ids 561-600, session 5) likewise: 561-580 F1 0.520 (P 0.542,
	//     R 0.500) and 581-600 F1 0.378 (P 0.438, R 0.333) unseen, the rules as
	//     they were after part F;
	//   - part H (ids 601-640) likewise: F1 0.673 (P 0.766, R 0.600) unseen,
	//     the rules as they were after part G;
	//   - part I (ids 641-680) likewise: F1 0.561 (P 0.711, R 0.464) unseen,
	//     the rules as they were after part H;
	//   - part J (ids 681-720) likewise: F1 0.549 (P 0.581, R 0.521) unseen,
	//     the rules as they were after part I;
	//   - part K (ids 721-760), labelled while the rules were tuned on part J
	//     and scored at the end of session 5: F1 0.592 (P 0.659, R 0.537);
	//     with session 6's rules (tuned on probes of formal texts and on part
	//     L after its blind score), never looked at: 0.606 (P 0.667, R 0.556).
	//     It stays held out as a whole: its failures print only with
	//     CDDH_SHOW_FRESH=1.
	//   - part L (ids 761-800), labelled blind during session 6 while the
	//     rules were tuned on probes of formal texts, never on K or L: F1
	//     0.463 (P 0.519, R 0.418) unseen; its directives' own texts (4
	//     documents, 762, 774, 786, 789) and part K's (5) together 3 of 10
	//     tasks. Revealed after that score, like parts F to J; part K stays
	//     held out.
	//   - part M (ids 801-840), labelled blind during session 7 from
	//     directives' own texts first (21 of 40), while the rules were tuned
	//     on probes of formal texts, never on K or M: F1 0.559 (P 0.620, R
	//     0.508) unseen, at aa3a12d; its formal texts 16 of 27 tasks (11
	//     extra), its renderings 0.526. Revealed after that score, like L.
	partCFrom = 401
	lateFrom  = 521 // parts F to J (and L): revealed late, tuned on a little, reported apart and not gated
	freshFrom = 721
	partLFrom = 761
	partMFrom = 801
	//   - part N (ids 841-880), labelled blind during session 7 while the
	//     rules were tuned on part M and on probes of formal texts and PDFs:
	//     F1 0.374 (P 0.400, R 0.351) unseen, at ac786ec, the lowest first
	//     score yet; its directives' own texts with a header (6) 1 of 5
	//     tasks (2 extra), its other texts 0.384. Revealed after that score.
	partNFrom = 841
	//   - part O (ids 881-920), labelled blind during session 7 while the
	//     rules were tuned on part N: F1 0.585 (P 0.674, R 0.517) unseen, at
	//     2c0a8f2; its directives' own texts (15) 14 of 16 tasks (4 extra),
	//     F1 0.824, its renderings 0.472. Revealed after that score.
	partOFrom = 881
	//   - part P (ids 921-960), labelled blind during session 8 while the
	//     rules were tuned on parts M to O: F1 0.457 (P 0.538, R 0.396)
	//     unseen, at 1d54391; its directives' own texts (12, most cut before
	//     their tasks) 2 of 6 tasks (2 extra), its renderings 0.463. Revealed
	//     after that score, like O.
	partPFrom = 921
	//   - part Q (ids 961-1000), labelled blind during session 8 while the
	//     rules were tuned on part P: F1 0.463 (P 0.537, R 0.407) unseen, at
	//     c66e374; its directives' own texts (7, most cut before their tasks)
	//     0 of 3 tasks (1 extra), its renderings 0.484. Revealed after that
	//     score, like P.
	partQFrom = 961
	//   - part R (ids 1001-1040), labelled blind during session 9 while the
	//     rules were tuned on parts L to Q: F1 0.360 (P 0.465, R 0.294) unseen,
	//     at 51bdfee, the lowest first score yet; its directives' own texts
	//     (11, most cut before their tasks) 1 of 4 tasks (4 extra), its
	//     renderings 0.373. Revealed after that score, like Q.
	partRFrom = 1001
	//   - part S (ids 1041-1080, 39 documents), labelled blind during session
	//     9 while the rules were tuned on part R: F1 0.489 (P 0.575, R 0.426)
	//     unseen, at c1e32c1; its directives' own texts (12, most cut before
	//     their tasks) 3 of 10 tasks (4 extra), its renderings 0.519. Revealed
	//     after that score, like R.
	partSFrom = 1041
	//   - part T (ids 1081-1120), labelled blind during session 10 while the
	//     rules were tuned on parts R and S: F1 0.464 (P 0.510, R 0.426)
	//     unseen, at db004e8; its directives' own texts (8, most cut before
	//     their tasks) 4 of 7 tasks (8 extra), F1 0.421, its renderings 0.473.
	//     Revealed after that score, like S.
	partTFrom = 1081
	//   - part U (ids 1121-1160), labelled blind during session 11 while the
	//     rules were tuned on parts R to T: F1 0.525 (P 0.568, R 0.488)
	//     unseen, at 63fb8e4; its directives' own texts (8, most cut before
	//     their tasks) 0 of 0 tasks (1 extra), its renderings 0.532. Few dated
	//     tasks (7 of 43): the stored pages are close to used up. Revealed
	//     after that score, like T.
	partUFrom = 1121
	//   - part V (ids 1161-1200), labelled blind during session 11 while the
	//     rules were tuned on parts R to U: F1 0.658 (P 0.735, R 0.595)
	//     unseen on its 37 documents, at b09f979 (0.635 as first run, with
	//     three pages the two helpers both took counted twice: 1181, 1182 and
	//     1192 were then removed); its directives' own texts (8, most cut
	//     before their tasks) 0 of 2 tasks (none extra), its renderings
	//     0.676. Revealed after that score, like U.
	partVFrom = 1161
	//   - part W (ids 1201-1240), labelled blind during session 12 while the
	//     rules were tuned on parts R to V: F1 0.702 (P 0.868, R 0.589)
	//     unseen, at 031f5dc; its directives' own texts (23, most cut before
	//     their tasks) 8 of 14 tasks (1 extra), F1 0.696, its renderings
	//     0.704. Revealed after that score, like V.
	partWFrom = 1201
	//   - part X (ids 1241-1280; 1253, 1259, 1260, 1279, 1280 unused, 1253
	//     being the same page as 845), labelled blind during session 12 while
	//     the rules were tuned on parts R to W: F1 0.621 (P 0.659, R 0.587)
	//     unseen on its 35 documents, at 44122ce; its directives' own texts
	//     (10, most cut before their tasks) 2 of 6 tasks (2 extra), F1 0.400,
	//     its renderings 0.649. Revealed after that score, like W.
	partXFrom = 1241
	//   - part Y (ids 1281-1320; 1300 unused), labelled blind during session
	//     13 while the rules were tuned on parts R to X: F1 0.568 (P 0.658, R
	//     0.500) unseen on its 39 documents, at 2f83874; its directives' own
	//     texts (24, nine cut before any task) 12 of 20 tasks (4 extra), F1
	//     0.667, its renderings 0.500; at confidence >= 0.9, 3 of its 4 tasks
	//     right, which took the gate over every document to 0.979 (92/94),
	//     below its 0.98, until d9e05a6. Revealed after that score, like X.
	partYFrom = 1281
	//   - part Z (ids 1321-1360; 1359, 1360 unused), labelled blind during
	//     session 13 while the rules were tuned on parts R to Y: F1 0.558 (P
	//     0.727, R 0.453) unseen on its 38 documents, at 2efde72; its
	//     directives' own texts (26, nine cut before any task) 8 of 20 tasks
	//     (5 extra), F1 0.485, its renderings 0.604; at confidence >= 0.9, 4 of
	//     its 5 tasks right, which took the gate over every document to 0.980
	//     (97/99), below its 0.98. Revealed after that score, like Y.
	partZFrom = 1321
	//   - part AA (ids 1361-1400; 1380, 1398-1400 unused), labelled blind
	//     during session 14 while the rules were tuned on parts R to Z: F1
	//     0.618 (P 0.656, R 0.583) unseen on its 36 documents, at e80d642;
	//     its directives' own texts with their header (14, most cut before
	//     their tasks) 4 of 7 tasks (1 extra), F1 0.667, its renderings
	//     0.607; at confidence >= 0.9, 2 of 2 right. Few dated tasks (3 of
	//     36 counted): the stored pages are close to used up. Revealed after
	//     that score, like Z.
	partAAFrom = 1361
	//   - part AB (ids 1401-1440; 1419, 1420, 1437-1440 unused), labelled
	//     blind during session 15 while the rules were tuned on parts R to AA:
	//     F1 0.535 (P 0.826, R 0.396) unseen on its 34 documents, at 79658e8;
	//     its directives' own texts (17, most cut before their tasks) 7 of 11
	//     tasks (no extra), F1 0.778, its renderings 0.453 (12 of 37, 4
	//     extra); at confidence >= 0.9, 3 of 3 right. Few dated tasks (18 of
	//     48 counted, 8 of them one circular's reporting calendar): the stored
	//     pages are close to used up. Revealed after that score, like AA.
	partABFrom = 1401
	partABEnd  = 1441
)

// lateParts are the parts scored blind once and revealed since: reported one by
// one under "parts F-J, L-AB, late".
var lateParts = []struct {
	name     string
	from, to int // ids from..to-1
}{
	{"L", partLFrom, partMFrom}, {"M", partMFrom, partNFrom}, {"N", partNFrom, partOFrom},
	{"O", partOFrom, partPFrom}, {"P", partPFrom, partQFrom}, {"Q", partQFrom, partRFrom},
	{"R", partRFrom, partSFrom}, {"S", partSFrom, partTFrom}, {"T", partTFrom, partUFrom}, {"U", partUFrom, partVFrom}, {"V", partVFrom, partWFrom}, {"W", partWFrom, partXFrom}, {"X", partXFrom, partYFrom}, {"Y", partYFrom, partZFrom}, {"Z", partZFrom, partAAFrom}, {"AA", partAAFrom, partABFrom}, {"AB", partABFrom, partABEnd},
}

// blindParts are held out as a whole: never tuned on, their failures print only
// with CDDH_SHOW_FRESH=1.
var blindParts = []struct {
	name     string
	from, to int
}{{"K", freshFrom, partLFrom}}

// showHeldOut lets a person print the held-out fifth's per-document failures
// (CDDH_SHOW_HELDOUT=1). Rules are not tuned on them.
var showHeldOut = os.Getenv("CDDH_SHOW_HELDOUT") == "1"

// showFresh prints a blind part's failures (CDDH_SHOW_FRESH=1): kept apart from
// CDDH_SHOW_HELDOUT so that looking at the revealed fifth never reveals it.
var showFresh = os.Getenv("CDDH_SHOW_FRESH") == "1"

// showConfident prints the extracted tasks at or above the review threshold
// that no label matches (CDDH_SHOW_CONFIDENT=1): what would reach a clerk
// unreviewed, wrong.
var showConfident = os.Getenv("CDDH_SHOW_CONFIDENT") == "1"

type labelDeadline struct {
	Nominal    string  `json:"nominal"`
	Effective  string  `json:"effective"`
	Time       *string `json:"time"`
	Recurrence *string `json:"recurrence"`
}

type labelTask struct {
	Quote         string         `json:"quote"`
	Lead          string         `json:"lead_unit"`
	Coords        []string       `json:"coordinating_units"`
	Split         []string       `json:"lead_units_split"`
	AcceptLeads   []string       `json:"acceptable_lead_units"`
	AcceptNominal []string       `json:"acceptable_nominal"`
	Deadline      *labelDeadline `json:"deadline"`
	Optional      bool           `json:"optional"`
	MustReport    bool           `json:"must_report"`
}

type label struct {
	ID       string `json:"id"`
	Province string `json:"province"`
	Fidelity string `json:"fidelity"` // full, full_truncated_at_source, body (a portal's or paper's rendering), synthetic
	Document struct {
		Type        string  `json:"type"`
		Issued      *string `json:"issued"`
		AssumedTime string  `json:"issued_assumed_time"`
	} `json:"document"`
	Tasks []labelTask `json:"tasks"`
}

type corpusDoc struct {
	name    string
	set     string // "dev" or "corpus"
	heldOut bool
	partC   bool   // parts C to E (ids partCFrom..lateFrom-1): blind once, revealed since
	late    bool   // parts F to J (ids lateFrom..freshFrom-1) and lateParts: blind once, revealed late
	part    string // the late or blind part's letter from lateParts or blindParts, or ""
	fresh   bool   // a blind part (blindParts): held out as a whole
	text    string
	label   label
}

func loadDir(tb testing.TB, dir, set string) []corpusDoc {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		tb.Fatal(err)
	}
	var docs []corpusDoc
	for _, f := range files {
		txt, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		lf := strings.TrimSuffix(f, ".txt") + ".json"
		lb, err := os.ReadFile(lf)
		if err != nil {
			tb.Fatalf("%s: no label: %v", f, err)
		}
		var l label
		if err := json.Unmarshal(lb, &l); err != nil {
			tb.Fatalf("%s: %v", lf, err)
		}
		d := corpusDoc{name: set + "/" + filepath.Base(f), set: set, text: string(txt), label: l}
		if set == "corpus" {
			id, err := strconv.Atoi(strings.TrimSuffix(filepath.Base(f), ".txt"))
			if err != nil {
				tb.Fatalf("%s: the file name is not a numeric id", f)
			}
			d.partC = id >= partCFrom && id < lateFrom
			d.late = id >= lateFrom && id < freshFrom
			for _, p := range lateParts {
				if id >= p.from && id < p.to {
					d.late, d.part = true, p.name
				}
			}
			for _, p := range blindParts {
				if id >= p.from && id < p.to {
					d.fresh, d.part = true, p.name
				}
			}
			if id >= partABEnd {
				tb.Fatalf("%s: id %d is past the last part; give its part a range in corpus_test.go first", f, id)
			}
			d.heldOut = d.fresh || id < partCFrom && id%heldOutEvery == 0
		}
		docs = append(docs, d)
	}
	return docs
}

// loadCorpus reads the development set and the corpus, with the Đồng Tháp
// directory every document is extracted against (the README's run command).
func loadCorpus(tb testing.TB) ([]corpusDoc, *units.Directory) {
	tb.Helper()
	dir, err := units.Load(unitsFile)
	if err != nil {
		tb.Fatal(err)
	}
	docs := loadDir(tb, devDir, "dev")
	if len(docs) < 10 {
		tb.Fatalf("%s: %d development documents, want 10", devDir, len(docs))
	}
	docs = append(docs, loadDir(tb, corpusDir, "corpus")...)
	return docs, dir
}

// issuedOf is the issue time the label states: the date at the assumed time,
// 09:00+07:00 when none is given (testdata/dev/README.md).
func issuedOf(l label) time.Time {
	if l.Document.Issued == nil || *l.Document.Issued == "" {
		return time.Time{}
	}
	at := strings.TrimSuffix(l.Document.AssumedTime, "+07:00")
	if at == "" {
		at = "09:00"
	}
	t, err := time.ParseInLocation("2006-01-02T15:04", *l.Document.Issued+"T"+at, connectors.Zone)
	if err != nil {
		return time.Time{}
	}
	return t
}

// unitKey is the strict comparison key of a unit name: the directory's code when
// the directory knows the name (or its 2025 successor), else the normalised name
// (NFC, case and diacritics folded, "Ủy ban nhân dân" = "UBND") of the successor
// or of the name itself.
func unitKey(dir *units.Directory, code, name string) string {
	k := unitKeyOf(dir, code, name)
	k = strings.Replace(k, "ubnd cac ", "ubnd ", 1) // "UBND (các) xã, phường, thị trấn"
	return strings.TrimPrefix(k, "cac ")            // a group with or without "các" ("các cơ quan, đơn vị trường học")
}

func unitKeyOf(dir *units.Directory, code, name string) string {
	name = strings.ReplaceAll(name, " & ", " và ") // "Sở Tài nguyên & Môi trường" (its successor is looked up by name)
	if code != "" {
		return "code:" + code
	}
	if u, ok := dir.Lookup(name); ok {
		return "code:" + u.Code
	}
	if ms := dir.Mentions(name); len(ms) == 1 && ms[0].Collective && ms[0].Start == 0 && ms[0].End == len(norm.NFC.String(strings.TrimSpace(name))) {
		return units.Normalize(ms[0].Group) // one collective under its canonical name
	}
	if s, ok := units.Successor(name); ok {
		if u, ok := dir.Lookup(s); ok {
			return "code:" + u.Code
		}
		return units.Normalize(s)
	}
	return units.Normalize(name)
}

func leadOK(dir *units.Directory, got UnitRef, lt labelTask) bool {
	g := unitKey(dir, got.Code, got.Name)
	for _, c := range append(append([]string{lt.Lead}, lt.AcceptLeads...), lt.Split...) {
		if c != "" && unitKey(dir, "", c) == g {
			return true
		}
	}
	return false
}

// inSplit: got is one of the several leads a sentence names (lead_units_split):
// a task extracted for each of them is not a false positive.
func inSplit(dir *units.Directory, got UnitRef, lt labelTask) bool {
	g := unitKey(dir, got.Code, got.Name)
	for _, c := range append(append([]string{}, lt.Split...), lt.AcceptLeads...) {
		if unitKey(dir, "", c) == g {
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
	if got.Nominal.Format(time.DateOnly) != d.Nominal {
		return true // an acceptable alternative nominal date: its effective date differs
	}
	return got.Effective.Format(time.DateOnly) == d.Effective && got.Time == str(d.Time) && got.Recurrence == str(d.Recurrence)
}

// coordsOK: the coordinating units equal the label's as sets. A collective the
// label names is satisfied by its name or by its members; a lead of a split
// sentence listed as a coordinator (a co-lead) is accounted for.
func coordsOK(dir *units.Directory, got Task, lt labelTask) bool {
	want := map[string]bool{}
	members := map[string]bool{}
	for _, c := range lt.Coords {
		want[unitKey(dir, "", c)] = false
		if ms, ok := dir.Expand(c); ok {
			for _, u := range ms {
				members["code:"+u.Code] = true
			}
		}
	}
	extra := map[string]bool{}
	for _, c := range append(append([]string{}, lt.Split...), lt.AcceptLeads...) {
		extra[unitKey(dir, "", c)] = true
	}
	collSeen := len(members) > 0
	for _, g := range got.Coordinates {
		k := unitKey(dir, g.Code, g.Name)
		switch {
		case hasKey(want, k):
			want[k] = true
		case members[k], extra[k]:
		default:
			return false
		}
	}
	for c, seen := range want {
		if !seen && !(collSeen && isCollectiveKey(dir, c, lt.Coords)) {
			return false
		}
	}
	return true
}

func hasKey(m map[string]bool, k string) bool { _, ok := m[k]; return ok }

func isCollectiveKey(dir *units.Directory, k string, names []string) bool {
	for _, n := range names {
		if unitKey(dir, "", n) == k {
			_, ok := dir.Expand(n)
			return ok
		}
	}
	return false
}

// tally counts strict matches: a label task is a true positive when an extracted
// task has an equal lead and an equal nominal deadline.
type tally struct {
	tp, fp, fn                          int
	matched, dlExact, coordOK, reportOK int
	extractedByThreshold                [len(confThresholds)][2]int // [i][0] correct, [i][1] all
}

var confThresholds = [...]float64{0.9, 0.7, 0.5}

func (a *tally) add(b tally) {
	a.tp += b.tp
	a.fp += b.fp
	a.fn += b.fn
	a.matched += b.matched
	a.dlExact += b.dlExact
	a.coordOK += b.coordOK
	a.reportOK += b.reportOK
	for i := range confThresholds {
		for j := range 2 {
			a.extractedByThreshold[i][j] += b.extractedByThreshold[i][j]
		}
	}
}

func (a tally) prf() (p, r, f1 float64) {
	p = float64(a.tp) / float64(max(a.tp+a.fp, 1))
	r = float64(a.tp) / float64(max(a.tp+a.fn, 1))
	if a.tp+a.fp == 0 && a.tp+a.fn == 0 {
		return 1, 1, 1 // nothing to find, nothing found
	}
	if p+r > 0 {
		f1 = 2 * p * r / (p + r)
	}
	return
}

func ratio(n, d int) string {
	if d == 0 {
		return "   -  "
	}
	return fmt.Sprintf("%.3f (%d/%d)", float64(n)/float64(d), n, d)
}

// scoreDoc extracts one document and matches its tasks to the label's. logf
// receives the per-document failures (nil: none printed).
func scoreDoc(t testing.TB, d corpusDoc, dir *units.Directory, logf func(string, ...any)) tally {
	var sc tally
	res, err := Extract(d.text, Options{Issued: issuedOf(d.label), Units: dir})
	if err != nil {
		t.Fatalf("%s: %v", d.name, err)
	}
	type pair struct {
		l, g, rank int
	}
	var pairs []pair
	for li, lt := range d.label.Tasks {
		q := units.Normalize(lt.Quote)
		for gi, got := range res.Tasks {
			if !leadOK(dir, got.Lead, lt) {
				continue
			}
			rank := 0
			if nominalOK(got.Deadline, lt) {
				rank += 2
			}
			if c := units.Normalize(got.Content); q != "" && (strings.Contains(c, q) || strings.Contains(q, c)) {
				rank++
			}
			pairs = append(pairs, pair{li, gi, rank})
		}
	}
	sort.SliceStable(pairs, func(i, j int) bool { return pairs[i].rank > pairs[j].rank })
	lUsed := make([]bool, len(d.label.Tasks))
	gUsed := make([]int, len(res.Tasks)) // 0 unmatched, 1 correct, 2 wrong, 3 optional
	for i := range gUsed {
		gUsed[i] = 0
	}
	for _, p := range pairs {
		if lUsed[p.l] || gUsed[p.g] != 0 {
			continue
		}
		lUsed[p.l] = true
		lt, got := d.label.Tasks[p.l], res.Tasks[p.g]
		if lt.Optional {
			gUsed[p.g] = 3
			continue
		}
		sc.matched++
		if got.MustReport == lt.MustReport {
			sc.reportOK++
		} else if logf != nil {
			logf("%s: must_report of %q: got %v", d.name, lt.Lead, got.MustReport)
		}
		if deadlineExact(got.Deadline, lt) {
			sc.dlExact++
		} else if logf != nil {
			logf("%s: deadline of %q: got %s want %s", d.name, lt.Lead, fmtDL(got.Deadline), fmtLabelDL(lt.Deadline))
		}
		if coordsOK(dir, got, lt) {
			sc.coordOK++
		} else if logf != nil {
			logf("%s: coordinators of %q: got %v want %v", d.name, lt.Lead, names(got.Coordinates), lt.Coords)
		}
		if nominalOK(got.Deadline, lt) {
			sc.tp++
			gUsed[p.g] = 1
		} else {
			sc.fn++
			sc.fp++
			gUsed[p.g] = 2
		}
	}
	for li, lt := range d.label.Tasks {
		if !lUsed[li] && !lt.Optional {
			sc.fn++
			if logf != nil {
				logf("%s: MISSED lead %q: %.80s", d.name, lt.Lead, lt.Quote)
			}
		}
	}
	// An extra task for another lead of a split sentence is neither right nor wrong.
	for gi, got := range res.Tasks {
		if gUsed[gi] != 0 {
			continue
		}
		for _, lt := range d.label.Tasks {
			if len(lt.Split) > 0 && inSplit(dir, got.Lead, lt) {
				gUsed[gi] = 3
				if !lt.Optional && nominalOK(got.Deadline, lt) {
					gUsed[gi] = 4
				}
				break
			}
		}
		if gUsed[gi] == 0 {
			sc.fp++
			gUsed[gi] = 2
			if logf != nil {
				logf("%s: EXTRA lead %q: %.80s", d.name, got.Lead.Name, got.Content)
			}
		}
	}
	for gi, got := range res.Tasks {
		if gUsed[gi] == 3 {
			continue
		}
		if calib != nil && !d.heldOut {
			k := got.signals
			if calib[k] == nil {
				calib[k] = &[2]int{}
			}
			calib[k][1]++
			if gUsed[gi] == 1 || gUsed[gi] == 4 {
				calib[k][0]++
			}
		}
		if showConfident && got.Confidence >= confThresholds[0] && gUsed[gi] != 1 && gUsed[gi] != 4 && (!d.heldOut || showHeldOut) {
			fmt.Printf("WRONG AT %.2f %s: lead %q %q\n", got.Confidence, d.name, got.Lead.Name, got.Content[:min(len(got.Content), 160)])
		}
		for i, th := range confThresholds {
			if got.Confidence >= th {
				sc.extractedByThreshold[i][1]++
				if gUsed[gi] == 1 || gUsed[gi] == 4 {
					sc.extractedByThreshold[i][0]++
				}
			}
		}
	}
	return sc
}

func names(us []UnitRef) []string {
	out := make([]string, len(us))
	for i, u := range us {
		out[i] = u.Name
	}
	return out
}

func fmtDL(d *Deadline) string {
	if d == nil {
		return "none"
	}
	return fmt.Sprintf("%s/%s %s %s", d.Nominal.Format(time.DateOnly), d.Effective.Format(time.DateOnly), d.Time, d.Recurrence)
}

func fmtLabelDL(d *labelDeadline) string {
	if d == nil {
		return "none"
	}
	s := func(p *string) string {
		if p == nil {
			return ""
		}
		return *p
	}
	return fmt.Sprintf("%s/%s %s %s", d.Nominal, d.Effective, s(d.Time), s(d.Recurrence))
}

// calib tallies, per confidence signal, the right and all extracted tasks of the
// documents tuned on (CDDH_CALIB=1 prints it).
var calib map[string]*[2]int

// corpusReport is the scored corpus, grouped.
type corpusReport struct {
	all, dev, corpus, tuned, heldOut tally
	fifth, partC, late, fresh        tally             // the held-out fifth (ids % 5 == 0 below 401), parts C-E, part F, a later part
	parts                            map[string]*tally // each of lateParts and blindParts alone
	byProvince, byType, byFidelity   map[string]*tally
	docs, heldOutDocs, freshDocs     int
	// yearless: dated tasks (not optional) of documents that give no year at
	// all, neither an issue date nor a year in their text: the labeller took
	// the year from the page's address or date, which Extract never sees, so
	// each is a task missed whatever the rules do
	yearless int
}

// yearlessTasks: the dated tasks, not optional, of a document with no issue
// date and no year written in its text.
func yearlessTasks(d corpusDoc) int {
	if !issuedOf(d.label).IsZero() {
		return 0
	}
	for i := 0; i+4 <= len(d.text); i++ {
		if (d.text[i] == '1' && d.text[i+1] == '9' || d.text[i] == '2' && d.text[i+1] == '0') &&
			isDigit(d.text[i+2]) && isDigit(d.text[i+3]) && (i == 0 || !isDigit(d.text[i-1])) && (i+4 == len(d.text) || !isDigit(d.text[i+4])) {
			return 0
		}
	}
	n := 0
	for _, lt := range d.label.Tasks {
		if !lt.Optional && lt.Deadline != nil && lt.Deadline.Nominal != "" {
			n++
		}
	}
	return n
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func scoreAll(t testing.TB, docs []corpusDoc, dir *units.Directory, logf func(string, ...any)) corpusReport {
	rep := corpusReport{byProvince: map[string]*tally{}, byType: map[string]*tally{}, byFidelity: map[string]*tally{}, parts: map[string]*tally{}}
	for _, d := range docs {
		lf := logf
		if d.heldOut && !showHeldOut || d.fresh && !showFresh {
			lf = nil
		}
		sc := scoreDoc(t, d, dir, lf)
		rep.docs++
		rep.yearless += yearlessTasks(d)
		rep.all.add(sc)
		if d.set == "dev" {
			rep.dev.add(sc)
		} else {
			rep.corpus.add(sc)
		}
		if d.partC {
			rep.partC.add(sc)
		}
		if d.late {
			rep.late.add(sc)
		}
		if d.part != "" {
			if rep.parts[d.part] == nil {
				rep.parts[d.part] = &tally{}
			}
			rep.parts[d.part].add(sc)
		}
		if d.heldOut {
			rep.heldOutDocs++
			rep.heldOut.add(sc)
			switch {
			case d.fresh:
				rep.freshDocs++
				rep.fresh.add(sc)
			default:
				rep.fifth.add(sc)
			}
		} else if !d.late {
			rep.tuned.add(sc)
		}
		for _, g := range []struct {
			m map[string]*tally
			k string
		}{{rep.byProvince, d.label.Province}, {rep.byType, d.label.Document.Type}, {rep.byFidelity, fidelityGroup(d)}} {
			k := g.k
			if k == "" {
				k = "(unknown)"
			}
			if g.m[k] == nil {
				g.m[k] = &tally{}
			}
			g.m[k].add(sc)
		}
	}
	return rep
}

// fidelityGroup: the kind of text, and whether the part was blind.
func fidelityGroup(d corpusDoc) string {
	k := "rendered"
	switch d.label.Fidelity {
	case "full", "full_truncated_at_source", "synthetic":
		k = "formal"
	}
	if d.fresh {
		k += ", blind part"
	}
	return k
}

func prfRow(name string, a tally) string {
	p, r, f1 := a.prf()
	return fmt.Sprintf("%-34s %4d %4d %4d   %.3f  %.3f  %.3f", name, a.tp, a.fp, a.fn, p, r, f1)
}

func (rep corpusReport) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "\nStrict score: lead unit equal after normalisation AND nominal deadline equal\n")
	var blind []string
	for _, p := range blindParts {
		blind = append(blind, fmt.Sprintf("%s (ids %d-%d)", p.name, p.from, p.to-1))
	}
	fmt.Fprintf(&b, "%d documents (%d held out: corpus ids below %d with id %% %d == 0, and the %d of blind parts %s)\n\n",
		rep.docs, rep.heldOutDocs, partCFrom, heldOutEvery, rep.freshDocs, strings.Join(blind, ", "))
	hdr := fmt.Sprintf("%-34s %4s %4s %4s   %-5s  %-5s  %-5s\n", "", "TP", "FP", "FN", "P", "R", "F1")
	b.WriteString(hdr)
	b.WriteString(prfRow("ALL (dev + corpus)", rep.all) + "\n")
	reach := rep.all
	reach.fn -= rep.yearless
	b.WriteString(prfRow(fmt.Sprintf("  ALL less %d yearless tasks", rep.yearless), reach) + "   (dated tasks of texts giving no year, neither issue date nor year written)\n")
	b.WriteString(prfRow("  development set", rep.dev) + "\n")
	b.WriteString(prfRow("  corpus", rep.corpus) + "\n")
	b.WriteString(prfRow("  tuned on (dev, A-E, no fifth)", rep.tuned) + "\n")
	b.WriteString(prfRow("    of which parts C-E (401-520)", rep.partC) + "\n")
	b.WriteString(prfRow("  parts F-J, L-AB, late", rep.late) + "\n")
	partRow := func(prefix, name string, from, to int) {
		t := rep.parts[name]
		if t == nil {
			t = &tally{}
		}
		b.WriteString(prfRow(fmt.Sprintf("    %s %s (%d-%d)", prefix, name, from, to-1), *t) + "\n")
	}
	for _, p := range lateParts {
		partRow("of which part", p.name, p.from, p.to)
	}
	b.WriteString(prfRow("  HELD-OUT (fifth)", rep.heldOut) + "\n")
	b.WriteString(prfRow("    fifth (ids % 5 == 0)", rep.fifth) + "\n")
	for _, p := range blindParts {
		partRow("blind part", p.name, p.from, p.to)
	}

	for _, g := range []struct {
		title string
		m     map[string]*tally
	}{{"By province", rep.byProvince}, {"By document type", rep.byType}, {"By kind of text (formal: a directive's own text, whole or cut short; rendered: a portal's or paper's account)", rep.byFidelity}} {
		fmt.Fprintf(&b, "\n%s\n%s", g.title, hdr)
		keys := make([]string, 0, len(g.m))
		for k := range g.m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			b.WriteString(prfRow(k, *g.m[k]) + "\n")
		}
	}
	fmt.Fprintf(&b, "\nOn tasks matched by lead (all / held-out):\n")
	fmt.Fprintf(&b, "  deadline exact (nominal, effective, time, recurrence): %s / %s\n", ratio(rep.all.dlExact, rep.all.matched), ratio(rep.heldOut.dlExact, rep.heldOut.matched))
	fmt.Fprintf(&b, "  coordinating units equal:                             %s / %s\n", ratio(rep.all.coordOK, rep.all.matched), ratio(rep.heldOut.coordOK, rep.heldOut.matched))
	fmt.Fprintf(&b, "  must_report equal:                                    %s / %s\n", ratio(rep.all.reportOK, rep.all.matched), ratio(rep.heldOut.reportOK, rep.heldOut.matched))
	fmt.Fprintf(&b, "\nConfidence calibration: precision of extracted tasks at or above a confidence (all / held-out)\n")
	for i, th := range confThresholds {
		fmt.Fprintf(&b, "  >= %.1f: %s / %s\n", th, ratio(rep.all.extractedByThreshold[i][0], rep.all.extractedByThreshold[i][1]),
			ratio(rep.heldOut.extractedByThreshold[i][0], rep.heldOut.extractedByThreshold[i][1]))
	}
	return b.String()
}

// The gate, over the documents the rules are tuned on (dev, parts A-E, less
// the held-out fifth): strict F1, deadline accuracy, and the precision of the
// tasks a person is not asked to review (confidence >= 0.9). Held-out documents
// are reported, never gated: a gate on them would make every blind batch a
// tuning set. Part F, scored blind and revealed in the last hour of session 4,
// is reported apart (its remaining failures are not all worked through).
//
// f1Gate is the floor (issue #14: "the gate test fails below 0.93").
// Never lower it to make a change pass.
const (
	f1Gate        = 0.93
	deadlineFloor = 0.95
	reviewFloor   = 0.98
)

// TestCorpusScore scores the development set and the corpus strictly; run it
// with -v for the tables and the per-document failures (the held-out fifth's
// are not printed unless CDDH_SHOW_HELDOUT=1):
//
//	go test -run TestCorpusScore -v ./rules/extract
func TestCorpusScore(t *testing.T) {
	docs, dir := loadCorpus(t)
	var logf func(string, ...any)
	if testing.Verbose() {
		logf = t.Logf
	}
	if os.Getenv("CDDH_CALIB") == "1" {
		calib = map[string]*[2]int{}
		defer func() { calib = nil }()
	}
	rep := scoreAll(t, docs, dir, logf)
	t.Log(rep.String())
	for k, v := range calib {
		t.Logf("signals %-50s right %3d of %3d", k, v[0], v[1])
	}
	_, _, f1 := rep.tuned.prf()
	if f1 < f1Gate {
		t.Errorf("strict F1 %.3f over the documents tuned on is below the gate %.2f", f1, f1Gate)
	}
	if acc := float64(rep.tuned.dlExact) / float64(max(rep.tuned.matched, 1)); acc < deadlineFloor {
		t.Errorf("deadline accuracy %.3f below floor %.2f", acc, deadlineFloor)
	}
	// What reaches a clerk unreviewed must be right on every document, the
	// blind parts included, not only on those tuned on (issue 14).
	for _, set := range []struct {
		name string
		t    *tally
	}{{"the documents tuned on", &rep.tuned}, {"all documents", &rep.all}} {
		if c := set.t.extractedByThreshold[0]; c[1] > 0 && float64(c[0])/float64(c[1]) < reviewFloor {
			t.Errorf("precision at confidence >= 0.9 over %s is %s, below %.2f (CDDH_SHOW_CONFIDENT=1 lists the wrong ones)", set.name, ratio(c[0], c[1]), reviewFloor)
		}
	}
}

// TestScorerStrict: the scorer itself: a substring is not a match, the
// successor of a merged department is, and "Ủy ban nhân dân" is "UBND".
func TestScorerStrict(t *testing.T) {
	dir, err := units.Load(unitsFile)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		got, label string
		want       bool
	}{
		{"Sở Tài chính", "Sở Kế hoạch và Đầu tư", true},
		{"Sở Xây dựng", "Sở Giao thông vận tải", true},
		{"UBND huyện", "UBND huyện Lập Thạch", false},
		{"Ban", "Ban Quản lý dự án đầu tư xây dựng tỉnh", false},
		{"Ủy ban nhân dân các xã, phường", "UBND các xã, phường", true},
		{"ủy ban nhân dân HUYỆN LẬP THẠCH", "UBND huyện Lập Thạch", true},
		{"Sở Tài chính", "Sở Xây dựng", false},
	}
	for _, tt := range tests {
		if got := leadOK(dir, UnitRef{Name: tt.got}, labelTask{Lead: tt.label}); got != tt.want {
			t.Errorf("leadOK(%q, %q) = %v, want %v", tt.got, tt.label, got, tt.want)
		}
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

// BenchmarkExtract10k extracts 10,000 documents (the development set and the
// corpus, cycled) on one goroutine, and BenchmarkScan10k only walks the same
// bytes rune by rune (UTF-8 decoding, the floor any extraction pays): the ratio
// of the two is how far extraction is from reading the text at all
// (BENCHMARKS.md item 1).
//
//	go test -run '^$' -bench '10k' -benchtime 3x ./rules/extract
func BenchmarkExtract10k(b *testing.B) {
	docs, dir := loadCorpus(b)
	// The strict F1 of the same rules over the same documents, reported beside
	// the throughput (BENCHMARKS.md: a figure is measured with its peer).
	_, _, f1 := scoreAll(b, docs, dir, nil).all.prf()
	b.ResetTimer()
	cpu0 := cpuSeconds()
	bytes := extract10k(b, docs, dir, func(i int) string { return docs[i].text })
	b.ReportMetric(float64(10000*b.N)/b.Elapsed().Seconds(), "docs/s")
	b.ReportMetric(float64(bytes*b.N)/b.Elapsed().Seconds()/1e6, "MB/s")
	// Per CPU-second of this process: what one core does whatever else the
	// machine runs (the wall-clock figure above counts the waits of a shared one).
	b.ReportMetric(float64(10000*b.N)/(cpuSeconds()-cpu0), "docs/cpu-s")
	b.ReportMetric(f1, "F1")
}

// extract10k extracts 10,000 documents per op, cycling over docs (text(i)
// gives the text read for docs[i]), and returns the bytes of one op.
func extract10k(b *testing.B, docs []corpusDoc, dir *units.Directory, text func(i int) string) int {
	var bytes int
	for range b.N {
		bytes = 0
		for i := range 10000 {
			t := text(i % len(docs))
			bytes += len(t)
			if _, err := Extract(t, Options{Issued: issuedOf(docs[i%len(docs)].label), Units: dir}); err != nil {
				b.Fatal(err)
			}
		}
	}
	return bytes
}

// cpuSeconds is the user and system CPU time this process has used.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Sec+ru.Stime.Sec) + float64(ru.Utime.Usec+ru.Stime.Usec)/1e6
}

func BenchmarkScan10k(b *testing.B) {
	docs, _ := loadCorpus(b)
	var bytes, runes int
	cpu0 := cpuSeconds()
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
	b.ReportMetric(float64(10000*b.N)/(cpuSeconds()-cpu0), "docs/cpu-s")
	b.ReportMetric(float64(10000*b.N)/b.Elapsed().Seconds(), "docs/s")
	b.ReportMetric(float64(bytes*b.N)/b.Elapsed().Seconds()/1e6, "MB/s")
}

// extractSized extracts texts[i] as corpus document i, 10,000 documents per
// op, and reports documents per CPU-second and their mean size.
func extractSized(b *testing.B, docs []corpusDoc, dir *units.Directory, texts []string) {
	b.ResetTimer()
	cpu0 := cpuSeconds()
	bytes := extract10k(b, docs, dir, func(i int) string { return texts[i] })
	b.ReportMetric(float64(10000*b.N)/(cpuSeconds()-cpu0), "docs/cpu-s")
	b.ReportMetric(float64(bytes)/10000/1024, "KB/doc")
}

// BenchmarkExtractLong measures documents of the size issue 14 names (2–10 KB):
// the corpus's stored copies are shorter (about 1.4 KB), so each document is
// its own text repeated until it reaches 4 KB, 10,000 documents per op; the
// figure is documents per CPU-second at that size.
//
//	go test -run '^$' -bench Long -benchtime 2x -cpu 1 ./rules/extract
func BenchmarkExtractLong(b *testing.B) {
	docs, dir := loadCorpus(b)
	long := make([]string, len(docs))
	for i, d := range docs {
		t := d.text
		for len(t) < 4096 {
			t += "\n" + d.text
		}
		long[i] = t
	}
	extractSized(b, docs, dir, long)
	// the peer, in the same run: walking the same bytes rune by rune
	b.StopTimer()
	cpu1, runes := cpuSeconds(), 0
	for i := range 10000 {
		for _, r := range long[i%len(long)] {
			if r > 0x7f {
				runes++
			}
		}
	}
	if runes == 0 {
		b.Fatal("no text scanned")
	}
	b.ReportMetric(10000/max(cpuSeconds()-cpu1, 1e-3), "scan-docs/cpu-s")
}
