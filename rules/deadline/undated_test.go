package deadline

import "testing"

func TestNeedsIssueDate(t *testing.T) {
	for _, c := range []struct {
		text, want string
		ok         bool
	}{
		{"Sở Tài chính báo cáo UBND tỉnh trong 5 ngày làm việc.", "trong 5 ngày làm việc", true},
		{"Báo cáo trước ngày 20/3.", "trước ngày 20/3", true},
		{"Báo cáo trước ngày 20/3/2026.", "", false}, // a full date needs no issue date
		{"Tổ chức thực hiện thường xuyên.", "", false},
		{"", "", false},
	} {
		got, ok := NeedsIssueDate(c.text)
		if ok != c.ok || (ok && got != c.want) {
			t.Errorf("NeedsIssueDate(%q) = %q, %v; want %q, %v", c.text, got, ok, c.want, c.ok)
		}
	}
}
