package status

import (
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestNamedPeriod(t *testing.T) {
	t.Parallel()
	ref := at(4, 5, 9, 0)
	tests := []struct {
		text string
		rec  Recurrence
		want string
		ok   bool
	}{
		{"Báo cáo tình hình thực hiện tháng 3", Monthly, "2026-03", true},
		{"Báo cáo tháng 03/2025", Monthly, "2025-03", true},
		{"báo cáo THÁNG 12", Monthly, "2025-12", true}, // December not yet begun in April: last year's
		{norm.NFD.String("Báo cáo tháng 4 năm 2026"), Monthly, "2026-04", true},
		{"Báo cáo tháng 13", Monthly, "", false},
		{"Báo cáo kết quả quý I năm 2026", Quarterly, "2026-Q1", true},
		{"Báo cáo quý IV", Quarterly, "2025-Q4", true},
		{"báo cáo quý 2/2026", Quarterly, "2026-Q2", true},
		{"Báo cáo 6 tháng đầu năm 2026", HalfYearly, "2026-H1", true},
		{"Báo cáo sáu tháng cuối năm", HalfYearly, "2025-H2", true},
		{"Báo cáo tổng kết năm 2025", Yearly, "2025", true},
		{"Báo cáo tháng 3 năm 2026", Yearly, "", false},
		{"Báo cáo đột xuất", Monthly, "", false},
		{"Báo cáo tháng 3", "weekly", "", false},
	}
	for _, tt := range tests {
		got, ok := NamedPeriod(tt.text, tt.rec, ref)
		if got != tt.want || ok != tt.ok {
			t.Errorf("NamedPeriod(%q, %s) = %q, %v; want %q, %v", tt.text, tt.rec, got, ok, tt.want, tt.ok)
		}
	}
}

func FuzzNamedPeriod(f *testing.F) {
	for _, s := range []string{"tháng 3", "quý IV/2025", "6 tháng đầu năm 2026", "năm 2026", "tháng 99999999999999999999"} {
		f.Add(s, uint8(0))
	}
	recs := []Recurrence{Monthly, Quarterly, HalfYearly, Yearly}
	f.Fuzz(func(t *testing.T, text string, r uint8) {
		got, ok := NamedPeriod(text, recs[int(r)%len(recs)], at(4, 5, 9, 0))
		if ok == (got == "") {
			t.Fatalf("NamedPeriod(%q) = %q, %v", text, got, ok)
		}
	})
}
