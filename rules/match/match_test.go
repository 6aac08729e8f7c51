package match

import (
	"reflect"
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestReferences(t *testing.T) {
	tests := []struct {
		in   string
		want []Ref
	}{
		{"Báo cáo kết quả thực hiện Thông báo số 45/TB-UBND ngày 10/3/2026 của UBND tỉnh",
			[]Ref{{Type: "Thông báo", Number: "45", Notation: "TB-UBND"}}},
		{"Thực hiện Công văn số 1234/UBND-KT ngày 02/3/2026; Kế hoạch số 042/KH-UBND",
			[]Ref{{Type: "Công văn", Number: "1234", Notation: "UBND-KT"}, {Type: "Kế hoạch", Number: "42", Notation: "KH-UBND"}}},
		{"theo Quyết định số 128/QĐ-UBND", []Ref{{Type: "Quyết định", Number: "128", Notation: "QĐ-UBND"}}},
		{"văn bản số 1520/VPUBND–KT", []Ref{{Type: "Văn bản", Number: "1520", Notation: "VPUBND-KT"}}},
		{"số: 5/CĐ-UBND và lại số 5/CĐ-UBND", []Ref{{Number: "5", Notation: "CĐ-UBND"}}},
		{"không có dẫn chiếu nào, chỉ ngày 10/3/2026", nil},
	}
	for _, tc := range tests {
		got := References(tc.in)
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("References(%q) = %+v, want %+v", tc.in, got, tc.want)
		}
		// Decomposed input matches alike.
		if got := References(norm.NFD.String(tc.in)); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("NFD References(%q) = %+v", tc.in, got)
		}
	}
}

func TestChoose(t *testing.T) {
	stc, sxd := "000.00.12.H20", "000.00.15.H20"
	two := []Candidate{{TaskID: 1, LeadCodes: []string{stc}}, {TaskID: 2, LeadCodes: []string{sxd}}, {TaskID: 3, LeadCodes: []string{stc, sxd}}}
	if r := Choose("linked", stc, two); r.Method != "linked" || !reflect.DeepEqual(r.TaskIDs, []int64{1, 3}) {
		t.Errorf("sender's own tasks: %+v", r)
	}
	if r := Choose("reference", "000.00.99.H20", two); r.Method != "ambiguous" || r.TaskIDs != nil {
		t.Errorf("a stranger's report on a many-task directive: %+v", r)
	}
	if r := Choose("reference", "000.00.99.H20", two[:1]); r.Method != "reference" || !reflect.DeepEqual(r.TaskIDs, []int64{1}) {
		t.Errorf("single task: %+v", r)
	}
	if r := Choose("linked", stc, nil); r.Method != "unmatched" {
		t.Errorf("no candidates: %+v", r)
	}
	if r := BySender(stc, two[:1]); r.Method != "sender" || r.TaskIDs[0] != 1 {
		t.Errorf("by sender, one task: %+v", r)
	}
	if r := BySender(stc, two); r.Method != "ambiguous" {
		t.Errorf("by sender, many tasks: %+v", r)
	}
	if r := BySender("", two); r.Method != "unmatched" {
		t.Errorf("no sender: %+v", r)
	}
}

func FuzzReferences(f *testing.F) {
	f.Add("Báo cáo kết quả thực hiện Thông báo số 45/TB-UBND ngày 10/3/2026")
	f.Add("số 0000/---")
	f.Fuzz(func(t *testing.T, s string) {
		for _, r := range References(s) {
			if r.Number == "" || r.Notation == "" {
				t.Fatalf("empty part in %+v from %q", r, s)
			}
		}
	})
}

func TestNamedPeriod(t *testing.T) {
	for _, tc := range []struct {
		text, rec string
		want      string
	}{
		{"Báo cáo tình hình giải ngân tháng 3 năm 2026", "monthly", "2026-03"},
		{"Báo cáo tháng 03/2026", "monthly", "2026-03"},
		{"Báo cáo tháng 12", "monthly", "2025-12"}, // sent in April 2026: last December
		{"Báo cáo tha\u0301ng 4", "monthly", "2026-04"},
		{"Báo cáo quý I/2026", "quarterly", "2026-Q1"},
		{"Báo cáo kết quả QUÝ IV năm 2025", "quarterly", "2025-Q4"},
		{"Báo cáo quý 2", "quarterly", "2026-Q2"}, // April is Q2's first month
		{"Báo cáo quý 3", "quarterly", "2025-Q3"}, // not begun by April: last year's
		{"Báo cáo 6 tháng đầu năm 2026", "half_yearly", "2026-H1"},
		{"Báo cáo 6 tháng cuối năm", "half_yearly", "2025-H2"},
		{"Báo cáo tổng kết năm 2025", "yearly", "2025"},
		{"Báo cáo kết quả thực hiện", "monthly", ""},
		{"Báo cáo tháng 3", "", ""},
	} {
		if got := NamedPeriod(tc.text, tc.rec, 2026, 4); got != tc.want {
			t.Errorf("%q (%s) = %q, want %q", tc.text, tc.rec, got, tc.want)
		}
	}
}
