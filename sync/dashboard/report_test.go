package dashboard

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"cddh-sync/sync/report"
)

// TestReportPageAndDownloads: the report page shows the charts and the tables;
// the three downloads carry the same figures; a bad period is a clear 400.
func TestReportPageAndDownloads(t *testing.T) {
	b := setup(t, localAuth(t))
	if code, _, _ := b.get(t, "/report.csv?period=2026"); code != http.StatusSeeOther {
		t.Fatalf("an anonymous download answered %d", code)
	}
	if code := b.login(t, "lanhdao", "mật-khẩu-đúng", true); code != http.StatusSeeOther {
		t.Fatalf("login: %d", code)
	}
	code, body, _ := b.get(t, "/report?period=2026-03")
	if code != http.StatusOK {
		t.Fatalf("report page: %d", code)
	}
	for _, want := range []string{`id="chart-units"`, `id="chart-trend"`, `id="chart-overdue"`, "Sở Tài chính", "Báo cáo định kỳ 2026-03",
		`href="/report.xlsx?period=2026-03"`, "Đang thực hiện quá hạn"} {
		if !strings.Contains(body, want) {
			t.Errorf("report page lacks %q", want)
		}
	}
	if strings.Contains(body, "<script>x") {
		t.Error("a task's content reached the page unescaped")
	}
	code, csvBody, hdr := b.get(t, "/report.csv?period=2026-03")
	if code != http.StatusOK || !strings.HasPrefix(csvBody, "\ufeff") || !strings.Contains(hdr.Get("Content-Disposition"), "bao-cao-2026-03.csv") {
		t.Fatalf("csv: %d %q %v", code, hdr.Get("Content-Disposition"), csvBody[:min(len(csvBody), 80)])
	}
	code, jsonBody, _ := b.get(t, "/report.json?period=2026-03")
	var j struct {
		Total struct {
			Assigned          int `json:"assigned"`
			InProgressOverdue int `json:"in_progress_overdue"`
		} `json:"total"`
	}
	if code != http.StatusOK || json.Unmarshal([]byte(jsonBody), &j) != nil || j.Total.Assigned != 1 || j.Total.InProgressOverdue != 1 {
		t.Fatalf("json: %d %+v\n%s", code, j, jsonBody)
	}
	if !strings.Contains(csvBody, "Sở Tài chính,000.00.12.H20,1,0,0,0,1,") {
		t.Errorf("csv and json disagree:\n%s", csvBody)
	}
	code, xlsx, hdr := b.get(t, "/report.xlsx?period=2026-03")
	if code != http.StatusOK || !strings.HasPrefix(hdr.Get("Content-Type"), "application/vnd.openxmlformats") || !bytes.HasPrefix([]byte(xlsx), []byte("PK")) {
		t.Fatalf("xlsx: %d %s", code, hdr.Get("Content-Type"))
	}
	if code, body, _ := b.get(t, "/report?period=2026-13"); code != http.StatusBadRequest || !strings.Contains(body, "Kỳ báo cáo không hợp lệ") {
		t.Fatalf("bad period: %d %q", code, body)
	}
	if code, _, _ := b.get(t, "/report.exe?period=2026"); code != http.StatusNotFound {
		t.Fatalf("unknown format: %d", code)
	}
	// The task list filters by period too.
	if code, body, _ := b.get(t, "/tasks?period=2026-04"); code != http.StatusOK || !strings.Contains(body, "Không có nhiệm vụ nào") {
		t.Fatalf("tasks of April: %d", code)
	}
}

func TestCharts(t *testing.T) {
	l := report.DefaultLabels
	units := []report.UnitRow{
		{Name: `<script>alert(1)</script>`, DoneOnTime: 3, NotStartedOverdue: 1},
		{Name: "Sở Y tế", InProgressOnTime: 8},
	}
	svg := string(statusByUnit(units, l, "no data"))
	if strings.Contains(svg, "<script>") || !strings.Contains(svg, "&lt;script&gt;") {
		t.Fatal("a unit name was not escaped")
	}
	if strings.Count(svg, "<rect") != 3+8 { // three non-empty segments, eight legend keys
		t.Errorf("bars or legend missing:\n%s", svg)
	}
	if got := string(statusByUnit(nil, l, "Chưa có số liệu.")); !strings.Contains(got, "Chưa có số liệu.") {
		t.Errorf("empty chart: %s", got)
	}
	trend := string(onTimeTrend([]trendPoint{{"01/2026", -1}, {"02/2026", 50}, {"03/2026", 100}}, "none"))
	if strings.Count(trend, "<rect") != 2 || !strings.Contains(trend, "50%") {
		t.Errorf("trend: %s", trend)
	}
	if got := string(onTimeTrend([]trendPoint{{"01/2026", -1}}, "none")); !strings.Contains(got, "none") {
		t.Errorf("empty trend: %s", got)
	}
	od := string(overdueBars([]report.OverdueRow{{Document: "45/TB-UBND", UnitName: "Sở A", WorkdaysOverdue: 9, Content: "x & y"},
		{Document: "46/TB-UBND", UnitName: "Sở B", WorkdaysOverdue: 3}}, 10, "none"))
	if !strings.Contains(od, "x &amp; y") || strings.Count(od, "<rect") != 2 {
		t.Errorf("overdue: %s", od)
	}
}
