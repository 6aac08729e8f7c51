// Package report builds the periodic report the Office's leaders want (002 Điều 10;
// 001 Điều 10; 000 Điều 9.4): per lead unit, the tasks assigned in the period and how
// they stand, the on-time completion rate, the overdue list in working days, and the
// directives whose signature did not pass.
//
// A task belongs to the period of its deadline in force (Asia/Ho_Chi_Minh). How a
// task is classified (on time, late, awaiting approval ...) is the status engine's
// decision, passed in as a Classifier, so this package only counts; and every output
// format is written from the same Report value, so CSV, XLSX and JSON always agree.
package report

import (
	"sort"
	"time"

	"cddh-sync/sync/store"
)

// Category is where a task stands at the report's moment.
type Category int

const (
	DoneOnTime        Category = iota // approved, reported on or before the deadline
	DoneLate                          // approved, reported after the deadline
	InProgressOnTime                  // acknowledged, deadline not passed
	InProgressOverdue                 // acknowledged, deadline passed
	NotStartedOnTime                  // not acknowledged, deadline not passed
	NotStartedOverdue                 // not acknowledged, deadline passed
	AwaitingApproval                  // reported, the Office has not decided
	Returned                          // sent back as mis-assigned
	Cancelled                         // withdrawn or corrected directive
	numCategories
)

// Classification is the status engine's verdict on one task at a moment.
type Classification struct {
	Category       Category
	StatusText     string // the profile's words
	OverdueWorkday int    // working days past the deadline, 0 when not overdue
	// Lags are the task's measured compliance lags (rules.md §5); an obligation
	// the profile sets no limit for, or with nothing to measure, is absent.
	Lags []Lag
}

// The obligations of rules.md §5.
const (
	ObligationEntry  = "entry"  // the Office enters a directive's tasks
	ObligationUpdate = "update" // the unit records its report
	ObligationReview = "review" // the Office reviews a report
)

// Lag is one obligation measured for one task.
type Lag struct {
	Obligation string
	Workdays   int  // working days from the clock's start to the obligation met (or now)
	Breach     bool // past the profile's limit
}

// ComplianceRow sums one obligation for one party: a lead unit for the update
// lag, the Office (empty code) for entry and review.
type ComplianceRow struct {
	Obligation  string
	Code, Name  string
	Measured    int
	Breaches    int
	MaxWorkdays int
	AvgWorkdays float64 // two decimals
}

// Classifier classifies a task at now.
type Classifier func(t store.TaskView, now time.Time) Classification

// UnitRow is one lead unit's figures.
type UnitRow struct {
	Code, Name        string
	Assigned          int
	DoneOnTime        int
	DoneLate          int
	InProgressOnTime  int
	InProgressOverdue int
	NotStartedOnTime  int
	NotStartedOverdue int
	AwaitingApproval  int
	Returned          int
	Cancelled         int
	Extensions        int
	// OnTimeRate is DoneOnTime / (DoneOnTime + DoneLate + overdue open tasks), in
	// percent; -1 when nothing was due yet.
	OnTimeRate float64
}

// OverdueRow is one overdue task.
type OverdueRow struct {
	TaskKey, Document, Content, UnitCode, UnitName, StatusText string
	Deadline                                                   time.Time
	WorkdaysOverdue                                            int
}

// SignatureRow is a directive whose signature did not pass.
type SignatureRow struct {
	Document, Indication, SignedBy string
	Tasks                          int
}

// Report is the whole periodic report.
type Report struct {
	Period      Period
	GeneratedAt time.Time
	Units       []UnitRow
	Total       UnitRow
	Overdue     []OverdueRow
	Signatures  []SignatureRow
	Compliance  []ComplianceRow
	// Unlinked are the incoming reports of the period the matcher could not tie
	// to tasks (ambiguous or unmatched): shown, never guessed. The caller fills it.
	Unlinked []store.UnlinkedReport
	// Review is the live quality figure (issue 15): how the Office's reviews of the
	// period's tasks came out.
	Review ReviewSummary
}

// ReviewSummary counts the period's tasks by the Office's review (rules.md §9):
// how often the adapter was right (confirmed unchanged) and how often the Office
// had to step in (corrected, rejected, added). Shares are percentages of the
// reviewed tasks, -1 when none was reviewed.
type ReviewSummary struct {
	Confirmed, Corrected, Rejected, Added, Held, Auto int
	ConfirmedShare, ChangedShare                      float64
}

func (s *ReviewSummary) count(state string) {
	switch state {
	case "confirmed":
		s.Confirmed++
	case "corrected":
		s.Corrected++
	case "rejected":
		s.Rejected++
	case "added":
		s.Added++
	case "held":
		s.Held++
	default:
		s.Auto++
	}
}

func (s *ReviewSummary) finish() {
	s.ConfirmedShare, s.ChangedShare = -1, -1
	if n := s.Confirmed + s.Corrected + s.Rejected + s.Added; n > 0 {
		s.ConfirmedShare = float64(int(float64(s.Confirmed)*10000/float64(n)+0.5)) / 100
		s.ChangedShare = float64(int(float64(n-s.Confirmed)*10000/float64(n)+0.5)) / 100
	}
}

// OfficeName names the Office in compliance rows (entry and review are its duties).
const OfficeName = "Văn phòng (tiếp nhận, xem xét)"

// Build counts tasks (those due in the period) per lead unit. A task with several
// lead units counts for each.
func Build(p Period, tasks []store.TaskView, classify Classifier, now time.Time) Report {
	r := Report{Period: p, GeneratedAt: now}
	units := map[string]*UnitRow{}
	sigs := map[string]*SignatureRow{}
	total := &UnitRow{Code: "", Name: "Tổng cộng"}
	comp := newCompliance()
	for _, t := range tasks {
		if t.DueAt == nil || !p.Contains(*t.DueAt) {
			continue
		}
		r.Review.count(t.ReviewState)
		c := classify(t, now)
		comp.add(t, c.Lags)
		leads := t.Lead
		if len(leads) == 0 {
			leads = []store.UnitRef{{Name: "(không rõ đơn vị chủ trì)"}}
		}
		for _, u := range leads {
			key := u.Code + "|" + u.Name
			row := units[key]
			if row == nil {
				row = &UnitRow{Code: u.Code, Name: u.Name}
				units[key] = row
			}
			count(row, t, c)
			if c.OverdueWorkday > 0 {
				r.Overdue = append(r.Overdue, OverdueRow{TaskKey: t.Key, Document: docName(t), Content: t.Content,
					UnitCode: u.Code, UnitName: u.Name, StatusText: c.StatusText, Deadline: *t.DueAt, WorkdaysOverdue: c.OverdueWorkday})
			}
		}
		count(total, t, c)
		if t.SignatureIndication != "" && t.SignatureIndication != "TOTAL_PASSED" {
			doc := docName(t)
			if s := sigs[doc]; s != nil {
				s.Tasks++
			} else {
				sigs[doc] = &SignatureRow{Document: doc, Indication: t.SignatureIndication, SignedBy: t.SignatureSignedBy, Tasks: 1}
			}
		}
	}
	for _, u := range units {
		u.OnTimeRate = rate(u)
		r.Units = append(r.Units, *u)
	}
	total.OnTimeRate = rate(total)
	r.Total = *total
	sort.Slice(r.Units, func(i, j int) bool {
		if r.Units[i].Name != r.Units[j].Name {
			return r.Units[i].Name < r.Units[j].Name
		}
		return r.Units[i].Code < r.Units[j].Code
	})
	sort.Slice(r.Overdue, func(i, j int) bool {
		if r.Overdue[i].WorkdaysOverdue != r.Overdue[j].WorkdaysOverdue {
			return r.Overdue[i].WorkdaysOverdue > r.Overdue[j].WorkdaysOverdue
		}
		return r.Overdue[i].TaskKey < r.Overdue[j].TaskKey
	})
	for _, s := range sigs {
		r.Signatures = append(r.Signatures, *s)
	}
	sort.Slice(r.Signatures, func(i, j int) bool { return r.Signatures[i].Document < r.Signatures[j].Document })
	r.Compliance = comp.rows()
	r.Review.finish()
	return r
}

// compliance sums lags: the entry lag once per directive (its worst task: a task
// held for the Office's review is entered only when reviewed, rules.md §9), the
// update lag per lead unit (with a total), the review lag once per task.
type compliance struct {
	byKey   map[string]*ComplianceRow
	sums    map[string]int
	entered map[string]Lag
	order   []string // directives in the order first seen, for a stable sum
}

func newCompliance() *compliance {
	return &compliance{byKey: map[string]*ComplianceRow{}, sums: map[string]int{}, entered: map[string]Lag{}}
}

// worse reports whether a is a worse entry lag than b: a breach, then more days.
func worse(a, b Lag) bool {
	if a.Breach != b.Breach {
		return a.Breach
	}
	return a.Workdays > b.Workdays
}

func (c *compliance) add(t store.TaskView, lags []Lag) {
	for _, l := range lags {
		switch l.Obligation {
		case ObligationEntry:
			prev, seen := c.entered[t.DocumentPortalID]
			if !seen {
				c.order = append(c.order, t.DocumentPortalID)
			}
			if !seen || worse(l, prev) {
				c.entered[t.DocumentPortalID] = l
			}
		case ObligationReview:
			c.count(l, "", OfficeName)
		case ObligationUpdate:
			leads := t.Lead
			if len(leads) == 0 {
				leads = []store.UnitRef{{Name: "(không rõ đơn vị chủ trì)"}}
			}
			for _, u := range leads {
				c.count(l, u.Code, u.Name)
			}
			c.count(l, "", "Tổng cộng")
		}
	}
}

func (c *compliance) count(l Lag, code, name string) {
	key := l.Obligation + "|" + code + "|" + name
	row := c.byKey[key]
	if row == nil {
		row = &ComplianceRow{Obligation: l.Obligation, Code: code, Name: name}
		c.byKey[key] = row
	}
	row.Measured++
	if l.Breach {
		row.Breaches++
	}
	row.MaxWorkdays = max(row.MaxWorkdays, l.Workdays)
	c.sums[key] += l.Workdays
}

func (c *compliance) rows() []ComplianceRow {
	for _, doc := range c.order {
		c.count(c.entered[doc], "", OfficeName)
	}
	c.order = nil
	order := map[string]int{ObligationEntry: 0, ObligationUpdate: 1, ObligationReview: 2}
	out := make([]ComplianceRow, 0, len(c.byKey))
	for key, r := range c.byKey {
		r.AvgWorkdays = float64(int(float64(c.sums[key])*100/float64(r.Measured)+0.5)) / 100
		out = append(out, *r)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Obligation != b.Obligation {
			return order[a.Obligation] < order[b.Obligation]
		}
		if (a.Name == "Tổng cộng") != (b.Name == "Tổng cộng") {
			return b.Name == "Tổng cộng" // the total last
		}
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		return a.Code < b.Code
	})
	return out
}

func docName(t store.TaskView) string {
	name := t.DocumentNumber
	if t.DocumentNotation != "" {
		name += "/" + t.DocumentNotation
	}
	if name == "" {
		name = t.DocumentPortalID
	}
	return name
}

func count(row *UnitRow, t store.TaskView, c Classification) {
	row.Assigned++
	row.Extensions += t.Extensions
	switch c.Category {
	case DoneOnTime:
		row.DoneOnTime++
	case DoneLate:
		row.DoneLate++
	case InProgressOnTime:
		row.InProgressOnTime++
	case InProgressOverdue:
		row.InProgressOverdue++
	case NotStartedOnTime:
		row.NotStartedOnTime++
	case NotStartedOverdue:
		row.NotStartedOverdue++
	case AwaitingApproval:
		row.AwaitingApproval++
	case Returned:
		row.Returned++
	case Cancelled:
		row.Cancelled++
	}
}

func rate(u *UnitRow) float64 {
	due := u.DoneOnTime + u.DoneLate + u.InProgressOverdue + u.NotStartedOverdue
	if due == 0 {
		return -1
	}
	return float64(int(float64(u.DoneOnTime)*10000/float64(due)+0.5)) / 100
}
