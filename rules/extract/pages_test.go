package extract

import (
	"strings"
	"testing"
)

// TestPageBreakContinuesTheItem: a sentence that runs over a page break keeps
// its deadline; the page numbers are no text.
func TestPageBreakContinuesTheItem(t *testing.T) {
	for _, tt := range []struct{ name, text string }{
		{"number at the head of the next page", "8. Sở Tư pháp chủ trì, phối hợp với các cơ quan rà soát các nhiệm vụ được giao\n\n\f                                 2\n\n trong năm 2026, đề xuất giải pháp khắc phục tồn tại; báo cáo Ủy ban nhân dân tỉnh trước ngày 17/01/2027.\n"},
		{"number at the foot of the page", "8. Sở Tư pháp chủ trì, phối hợp với các cơ quan rà soát các nhiệm vụ được giao\n\n                - 1 -\n\f trong năm 2026, đề xuất giải pháp khắc phục tồn tại; báo cáo Ủy ban nhân dân tỉnh trước ngày 17/01/2027.\n"},
		{"Trang 1/2", "8. Sở Tư pháp chủ trì, phối hợp với các cơ quan rà soát các nhiệm vụ được giao\nTrang 1/2\n\f\n\ntrong năm 2026, đề xuất giải pháp khắc phục tồn tại; báo cáo Ủy ban nhân dân tỉnh trước ngày 17/01/2027.\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Extract(header+tt.text, Options{Units: testDir(t)})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Tasks) != 1 || res.Tasks[0].Deadline == nil || res.Tasks[0].Deadline.Nominal.Format("2006-01-02") != "2027-01-17" {
				t.Fatalf("got %+v", res.Tasks)
			}
			if c := res.Tasks[0].Content; strings.Contains(c, "Trang") || strings.Contains(c, " 2 ") || strings.Contains(c, "- 1 -") {
				t.Errorf("a page number in the task: %q", c)
			}
		})
	}
}

// TestDueDateOverPeriod: the date a task is due by wins over a period its text
// names ("các nhiệm vụ được giao trong năm 2026").
func TestDueDateOverPeriod(t *testing.T) {
	res, err := Extract(header+"1. Sở Tư pháp rà soát các nhiệm vụ được giao trong năm 2026, đề xuất giải pháp; báo cáo Ủy ban nhân dân tỉnh trước ngày 10/01/2027.", Options{Units: testDir(t)})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Tasks) != 1 || res.Tasks[0].Deadline == nil || res.Tasks[0].Deadline.Nominal.Format("2006-01-02") != "2027-01-10" {
		t.Fatalf("got %+v", res.Tasks)
	}
}

// FuzzJoinPages: taking the page furniture out never panics, keeps every form
// feed, and keeps every line that is no page number.
func FuzzJoinPages(f *testing.F) {
	f.Add("a\n\n  2\n\fb")
	f.Add("\f\f\n- 3 -\n\f")
	f.Add("Trang 1/2\f")
	f.Fuzz(func(t *testing.T, s string) {
		out := joinPages(s)
		if strings.Count(out, "\f") != strings.Count(s, "\f") {
			t.Fatalf("form feeds %d -> %d", strings.Count(s, "\f"), strings.Count(out, "\f"))
		}
		if len(out) > len(s)+strings.Count(s, "\f") {
			t.Fatalf("text grew: %q -> %q", s, out)
		}
		for _, l := range strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\f' }) {
			l = strings.TrimSpace(l)
			if l != "" && !pageFurniture(l) && !strings.Contains(out, l) {
				t.Fatalf("line %q lost: %q -> %q", l, s, out)
			}
		}
	})
}
