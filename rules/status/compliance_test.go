package status

import (
	"testing"
	"time"
)

func TestMeasure(t *testing.T) {
	t.Parallel()
	b := setup(t)
	now := at(4, 10, 9, 0)
	// March 2026: Tue 10, Wed 11, Thu 12, Fri 13, Sat 14, Sun 15, Mon 16 ... Fri 20, Mon 23, Fri 27, Mon 30.
	tests := []struct {
		name     string
		profile  string
		ob       Obligation
		in       LagInput
		measured bool
		workdays int
		breach   bool
	}{
		// 001 Đ11.2b: the same day; after 15:00 the next working day.
		{"DT entry same day", "dong-thap", ObligationEntry, LagInput{From: at(3, 10, 9, 0), Done: at(3, 10, 17, 0)}, true, 0, false},
		{"DT entry next day", "dong-thap", ObligationEntry, LagInput{From: at(3, 10, 9, 0), Done: at(3, 11, 8, 0)}, true, 1, true},
		{"DT entry at 15:00 sharp is not after 15:00", "dong-thap", ObligationEntry, LagInput{From: at(3, 10, 15, 0), Done: at(3, 11, 8, 0)}, true, 1, true},
		{"DT entry issued after 15:00, entered next day", "dong-thap", ObligationEntry, LagInput{From: at(3, 10, 15, 1), Done: at(3, 11, 16, 0)}, true, 0, false},
		{"DT entry issued after 15:00, entered two days later", "dong-thap", ObligationEntry, LagInput{From: at(3, 10, 15, 30), Done: at(3, 12, 8, 0)}, true, 1, true},
		{"DT entry Friday after 15:00, Monday", "dong-thap", ObligationEntry, LagInput{From: at(3, 13, 16, 0), Done: at(3, 16, 10, 0)}, true, 0, false},
		{"DT entry issued on Saturday, Monday", "dong-thap", ObligationEntry, LagInput{From: at(3, 14, 10, 0), Done: at(3, 16, 10, 0)}, true, 0, false},
		{"DT entry not done, overdue at now", "dong-thap", ObligationEntry, LagInput{From: at(4, 8, 9, 0)}, true, 2, true},
		{"DT entry not done, not yet due", "dong-thap", ObligationEntry, LagInput{From: at(4, 10, 8, 0)}, true, 0, false},
		{"DT update (001 Đ14.4)", "dong-thap", ObligationUpdate, LagInput{From: at(3, 20, 16, 0), Done: at(3, 23, 9, 0)}, true, 0, false},
		{"DT review late (001 Đ4.5c)", "dong-thap", ObligationReview, LagInput{From: at(3, 17, 9, 0), Done: at(3, 19, 9, 0)}, true, 2, true},
		// 002 Đ8.1: 3 working days, never after the deadline; urgent the same day.
		{"BRVT entry 3 working days", "ba-ria-vung-tau", ObligationEntry, LagInput{From: at(3, 10, 9, 0), Done: at(3, 13, 16, 0)}, true, 3, false},
		{"BRVT entry 4 working days", "ba-ria-vung-tau", ObligationEntry, LagInput{From: at(3, 10, 9, 0), Done: at(3, 16, 9, 0)}, true, 4, true},
		{"BRVT entry over the weekend", "ba-ria-vung-tau", ObligationEntry, LagInput{From: at(3, 12, 9, 0), Done: at(3, 17, 9, 0)}, true, 3, false},
		{"BRVT entry capped by the deadline", "ba-ria-vung-tau", ObligationEntry, LagInput{From: at(3, 10, 9, 0), Done: at(3, 12, 9, 0), Deadline: at(3, 11, 0, 0)}, true, 2, true},
		{"BRVT entry urgent next day", "ba-ria-vung-tau", ObligationEntry, LagInput{From: at(3, 10, 9, 0), Done: at(3, 11, 9, 0), Urgent: true}, true, 1, true},
		{"BRVT entry urgent same day, no cut-off", "ba-ria-vung-tau", ObligationEntry, LagInput{From: at(3, 10, 16, 0), Done: at(3, 10, 20, 0), Urgent: true}, true, 0, false},
		// 002 Đ8.2: within 2 days (calendar) of the report's issue.
		{"BRVT update Friday to Sunday", "ba-ria-vung-tau", ObligationUpdate, LagInput{From: at(3, 13, 9, 0), Done: at(3, 15, 22, 0)}, true, 0, false},
		{"BRVT update Friday to Monday", "ba-ria-vung-tau", ObligationUpdate, LagInput{From: at(3, 13, 9, 0), Done: at(3, 16, 8, 0)}, true, 1, true},
		{"BRVT review next working day (002 Đ8.3)", "ba-ria-vung-tau", ObligationReview, LagInput{From: at(3, 13, 9, 0), Done: at(3, 16, 17, 0)}, true, 1, false},
		// 003 Đ7.1: 5 working days, 10 with many units.
		{"KG entry 5 working days", "kien-giang", ObligationEntry, LagInput{From: at(3, 10, 9, 0), Done: at(3, 17, 9, 0)}, true, 5, false},
		{"KG entry 6 working days", "kien-giang", ObligationEntry, LagInput{From: at(3, 10, 9, 0), Done: at(3, 18, 9, 0)}, true, 6, true},
		{"KG entry 6 working days, many units", "kien-giang", ObligationEntry, LagInput{From: at(3, 10, 9, 0), Done: at(3, 18, 9, 0), Many: true}, true, 6, false},
		// 003 Đ7.2a: at the latest 5 working days after the deadline.
		{"KG update 5 working days after the deadline", "kien-giang", ObligationUpdate, LagInput{From: at(3, 10, 9, 0), Deadline: at(3, 20, 0, 0), Done: at(3, 27, 16, 0)}, true, 5, false},
		{"KG update 6 working days after the deadline", "kien-giang", ObligationUpdate, LagInput{From: at(3, 10, 9, 0), Deadline: at(3, 20, 0, 0), Done: at(3, 30, 9, 0)}, true, 6, true},
		{"KG update without a deadline", "kien-giang", ObligationUpdate, LagInput{From: at(3, 10, 9, 0), Done: at(3, 30, 9, 0)}, false, 0, false},
		{"KG review has no limit", "kien-giang", ObligationReview, LagInput{From: at(3, 10, 9, 0), Done: at(3, 30, 9, 0)}, false, 0, false},
		{"DN entry (15:00 practice)", "dong-nai", ObligationEntry, LagInput{From: at(3, 10, 16, 0), Done: at(3, 11, 9, 0)}, true, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			l := Measure(tt.ob, tt.in, now, b.cal, b.profiles[tt.profile])
			if l.Measured != tt.measured || l.Workdays != tt.workdays || l.Breach != tt.breach {
				t.Errorf("measured %v workdays %d breach %v; want %v %d %v (%+v)", l.Measured, l.Workdays, l.Breach, tt.measured, tt.workdays, tt.breach, l)
			}
			if l.Measured && l.Cite == "" {
				t.Error("a measured lag must cite its rule")
			}
			if l.Done != !tt.in.Done.IsZero() {
				t.Errorf("done = %v", l.Done)
			}
		})
	}
}

func TestLagWrappers(t *testing.T) {
	t.Parallel()
	b := setup(t)
	p := b.profiles["ba-ria-vung-tau"]
	now := at(4, 10, 9, 0)
	if l := EntryLag(at(3, 10, 9, 0), at(3, 11, 9, 0), time.Time{}, true, false, now, b.cal, p); l.Obligation != ObligationEntry || !l.Breach {
		t.Errorf("EntryLag = %+v", l)
	}
	if l := UpdateLag(at(3, 10, 9, 0), at(3, 11, 9, 0), time.Time{}, false, now, b.cal, p); l.Obligation != ObligationUpdate || l.Breach || l.CalendarDays != 1 {
		t.Errorf("UpdateLag = %+v", l)
	}
	if l := ReviewLag(at(3, 10, 9, 0), time.Time{}, false, now, b.cal, p); l.Obligation != ObligationReview || !l.Breach || l.Done {
		t.Errorf("ReviewLag = %+v", l)
	}
	if l := Measure(ObligationEntry, LagInput{From: at(3, 10, 9, 0)}, now, b.cal, nil); l.Measured {
		t.Errorf("no profile measured: %+v", l)
	}
}

func BenchmarkMeasure(b *testing.B) {
	bd := setup(b)
	p := bd.profiles["kien-giang"]
	in := LagInput{From: at(3, 10, 9, 0), Deadline: at(3, 20, 0, 0), Done: at(4, 30, 9, 0)}
	for b.Loop() {
		Measure(ObligationUpdate, in, at(5, 1, 0, 0), bd.cal, p)
	}
}
