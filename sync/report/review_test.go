package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"cddh-sync/connectors"
	"cddh-sync/sync/store"
)

// TestReviewLine: the period's tasks by the Office's review, with the share
// confirmed unchanged and the share corrected, rejected or added, in JSON and CSV.
func TestReviewLine(t *testing.T) {
	p, err := ParsePeriod("2026-03")
	if err != nil {
		t.Fatal(err)
	}
	due := time.Date(2026, 3, 20, 23, 59, 59, 0, connectors.Zone)
	var views []store.TaskView
	for i, s := range []string{"confirmed", "confirmed", "confirmed", "corrected", "rejected", "added", "held", "auto", "auto"} {
		views = append(views, store.TaskView{ID: int64(i + 1), Key: s, DueAt: &due, ReviewState: s,
			Lead: []store.UnitRef{{Code: "000.00.12.H20", Name: "Sở Tài chính"}}})
	}
	outside := time.Date(2026, 5, 1, 0, 0, 0, 0, connectors.Zone)
	views = append(views, store.TaskView{ID: 99, Key: "x", DueAt: &outside, ReviewState: "rejected"})
	r := Build(p, views, func(store.TaskView, time.Time) Classification { return Classification{Category: NotStartedOnTime} }, due)
	want := ReviewSummary{Confirmed: 3, Corrected: 1, Rejected: 1, Added: 1, Held: 1, Auto: 2, ConfirmedShare: 50, ChangedShare: 50}
	if r.Review != want {
		t.Fatalf("review line %+v, want %+v", r.Review, want)
	}
	var b bytes.Buffer
	if err := WriteJSON(&b, r); err != nil {
		t.Fatal(err)
	}
	var j struct {
		Review struct {
			Confirmed      int      `json:"confirmed"`
			ConfirmedShare *float64 `json:"confirmed_share"`
			ChangedShare   *float64 `json:"changed_share"`
		} `json:"review"`
	}
	if err := json.Unmarshal(b.Bytes(), &j); err != nil || j.Review.Confirmed != 3 || j.Review.ConfirmedShare == nil || *j.Review.ChangedShare != 50 {
		t.Fatalf("JSON review %+v %v\n%s", j.Review, err, b.String())
	}
	b.Reset()
	if err := WriteCSV(&b, r, DefaultLabels); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "Rà soát của Văn phòng") || !strings.Contains(b.String(), "3,1,1,1,1,50.00,50.00") {
		t.Fatalf("CSV lacks the review line:\n%s", b.String())
	}
	empty := Build(p, nil, nil, due)
	if empty.Review.ConfirmedShare != -1 {
		t.Errorf("no review: share %v, want -1", empty.Review.ConfirmedShare)
	}
}

// TestEntryLagIsTheDirectivesWorst: a directive's entry is counted once, by its
// worst task: one held for review past the limit makes the directive late.
func TestEntryLagIsTheDirectivesWorst(t *testing.T) {
	p, _ := ParsePeriod("2026-03")
	due := time.Date(2026, 3, 20, 23, 59, 59, 0, connectors.Zone)
	views := []store.TaskView{
		{ID: 1, Key: "auto", DocumentPortalID: "7", DueAt: &due, ReviewState: "auto"},
		{ID: 2, Key: "held", DocumentPortalID: "7", DueAt: &due, ReviewState: "held"},
	}
	lags := map[string][]Lag{"auto": {{ObligationEntry, 0, false}}, "held": {{ObligationEntry, 2, true}}}
	r := Build(p, views, func(v store.TaskView, _ time.Time) Classification {
		return Classification{Category: NotStartedOnTime, Lags: lags[v.Key]}
	}, due)
	for _, c := range r.Compliance {
		if c.Obligation == ObligationEntry {
			if c.Measured != 1 || c.Breaches != 1 || c.MaxWorkdays != 2 {
				t.Fatalf("entry row %+v, want the directive counted once, late by 2", c)
			}
			return
		}
	}
	t.Fatal("no entry row")
}
