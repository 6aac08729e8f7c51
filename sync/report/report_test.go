package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"cddh-sync/connectors"
	"cddh-sync/sync/store"
)

func TestParsePeriod(t *testing.T) {
	z := connectors.Zone
	tests := []struct {
		in       string
		from, to time.Time
	}{
		{"2026-03", time.Date(2026, 3, 1, 0, 0, 0, 0, z), time.Date(2026, 4, 1, 0, 0, 0, 0, z)},
		{"2026-Q1", time.Date(2026, 1, 1, 0, 0, 0, 0, z), time.Date(2026, 4, 1, 0, 0, 0, 0, z)},
		{"2026-Q4", time.Date(2026, 10, 1, 0, 0, 0, 0, z), time.Date(2027, 1, 1, 0, 0, 0, 0, z)},
		{"2026-H2", time.Date(2026, 7, 1, 0, 0, 0, 0, z), time.Date(2027, 1, 1, 0, 0, 0, 0, z)},
		{"2026", time.Date(2026, 1, 1, 0, 0, 0, 0, z), time.Date(2027, 1, 1, 0, 0, 0, 0, z)},
	}
	for _, tc := range tests {
		p, err := ParsePeriod(tc.in)
		if err != nil || !p.From.Equal(tc.from) || !p.To.Equal(tc.to) {
			t.Errorf("%s = %v–%v %v", tc.in, p.From, p.To, err)
		}
	}
	for _, bad := range []string{"2026-13", "2026-Q5", "2026-H3", "26", "2026/03", "", "1999"} {
		if _, err := ParsePeriod(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	// 31/3 23:59 +07 is March; 1/4 00:00 +07 (31/3 17:00 UTC) is not.
	p, _ := ParsePeriod("2026-03")
	if !p.Contains(time.Date(2026, 3, 31, 23, 59, 59, 0, z)) || p.Contains(time.Date(2026, 3, 31, 17, 0, 0, 0, time.UTC)) {
		t.Error("period boundary not in Asia/Ho_Chi_Minh")
	}
}

func at(y int, m time.Month, d int) *time.Time {
	t := time.Date(y, m, d, 23, 59, 59, 0, connectors.Zone)
	return &t
}

var (
	stc = store.UnitRef{Code: "000.00.12.H20", Name: "Sở Tài chính"}
	syt = store.UnitRef{Code: "000.00.20.H20", Name: "Sở Y tế"}
)

// sample tasks carry their expected category in State, and a test classifier reads it
// back: this package only counts, the status engine classifies.
func sample() []store.TaskView {
	return []store.TaskView{
		{Key: "a", DocumentPortalID: "45", DocumentNumber: "45", DocumentNotation: "TB-UBND", DueAt: at(2026, 3, 10), State: "on_time", Lead: []store.UnitRef{stc}, Extensions: 1},
		{Key: "b", DocumentPortalID: "45", DocumentNumber: "45", DocumentNotation: "TB-UBND", DueAt: at(2026, 3, 12), State: "late", Lead: []store.UnitRef{stc}, SignatureIndication: "TOTAL_FAILED", SignatureSignedBy: "CN=X"},
		{Key: "c", DocumentPortalID: "46", DocumentNumber: "46", DocumentNotation: "UBND-KT", DueAt: at(2026, 3, 13), State: "overdue", Lead: []store.UnitRef{stc, syt}, Content: "Báo cáo, \"khẩn\""},
		{Key: "d", DocumentPortalID: "46", DocumentNumber: "46", DocumentNotation: "UBND-KT", DueAt: at(2026, 3, 31), State: "waiting", Lead: []store.UnitRef{syt}},
		{Key: "e", DueAt: at(2026, 4, 1), State: "on_time", Lead: []store.UnitRef{syt}}, // next period
		{Key: "f", State: "on_time", Lead: []store.UnitRef{syt}}, // no deadline
	}
}

// sampleLags are the compliance lags the test classifier hands out per task.
var sampleLags = map[string][]Lag{
	"a": {{ObligationEntry, 0, false}, {ObligationUpdate, 1, true}},
	"b": {{ObligationEntry, 0, false}, {ObligationUpdate, 0, false}},
	"c": {{ObligationEntry, 2, true}, {ObligationUpdate, 3, true}, {ObligationReview, 1, true}},
	"d": {{ObligationEntry, 2, true}, {ObligationReview, 0, false}},
}

func classify(t store.TaskView, now time.Time) Classification {
	c := classifyCategory(t)
	c.Lags = sampleLags[t.Key]
	return c
}

func classifyCategory(t store.TaskView) Classification {
	switch t.State {
	case "on_time":
		return Classification{Category: DoneOnTime, StatusText: "Đã hoàn thành trong hạn"}
	case "late":
		return Classification{Category: DoneLate, StatusText: "Đã hoàn thành quá hạn"}
	case "overdue":
		return Classification{Category: NotStartedOverdue, StatusText: "Chưa thực hiện quá hạn", OverdueWorkday: 5}
	}
	return Classification{Category: AwaitingApproval, StatusText: "Chờ xác nhận"}
}

func TestBuildCountsPerUnit(t *testing.T) {
	p, _ := ParsePeriod("2026-03")
	r := Build(p, sample(), classify, time.Date(2026, 3, 20, 9, 0, 0, 0, connectors.Zone))
	if len(r.Units) != 2 || r.Units[0].Name != "Sở Tài chính" {
		t.Fatalf("units = %+v", r.Units)
	}
	u := r.Units[0]
	if u.Assigned != 3 || u.DoneOnTime != 1 || u.DoneLate != 1 || u.NotStartedOverdue != 1 || u.Extensions != 1 || u.OnTimeRate != 33.33 {
		t.Fatalf("Sở Tài chính = %+v", u)
	}
	y := r.Units[1]
	if y.Assigned != 2 || y.AwaitingApproval != 1 || y.NotStartedOverdue != 1 || y.OnTimeRate != 0 {
		t.Fatalf("Sở Y tế = %+v", y)
	}
	if r.Total.Assigned != 4 {
		t.Fatalf("total = %+v (a task with two leads counts once in the total)", r.Total)
	}
	if len(r.Overdue) != 2 || r.Overdue[0].WorkdaysOverdue != 5 {
		t.Fatalf("overdue = %+v", r.Overdue)
	}
	if len(r.Signatures) != 1 || r.Signatures[0].Document != "45/TB-UBND" {
		t.Fatalf("signatures = %+v", r.Signatures)
	}
}

// TestCompliance: the entry lag counts once per directive, the update lag per lead
// unit and in the total once per task, the review lag once per task.
func TestCompliance(t *testing.T) {
	p, _ := ParsePeriod("2026-03")
	r := Build(p, sample(), classify, time.Date(2026, 3, 20, 9, 0, 0, 0, connectors.Zone))
	want := []ComplianceRow{
		{ObligationEntry, "", OfficeName, 2, 1, 2, 1},
		{ObligationUpdate, stc.Code, stc.Name, 3, 2, 3, 1.33},
		{ObligationUpdate, syt.Code, syt.Name, 1, 1, 3, 3},
		{ObligationUpdate, "", "Tổng cộng", 3, 2, 3, 1.33},
		{ObligationReview, "", OfficeName, 2, 1, 1, 0.5},
	}
	if len(r.Compliance) != len(want) {
		t.Fatalf("compliance = %+v", r.Compliance)
	}
	for i, w := range want {
		if r.Compliance[i] != w {
			t.Errorf("row %d = %+v, want %+v", i, r.Compliance[i], w)
		}
	}
}

// TestFormatsAgree writes the same report as CSV, XLSX and JSON and reads each back:
// every unit's figures must be the same in all three.
func TestFormatsAgree(t *testing.T) {
	p, _ := ParsePeriod("2026-Q1")
	r := Build(p, sample(), classify, time.Date(2026, 3, 20, 9, 0, 0, 0, connectors.Zone))
	r.Unlinked = []store.UnlinkedReport{{DocumentPortalID: "900", Document: "12/BC-SYT", SenderName: "Sở Y tế", SenderCode: syt.Code,
		IssuedAt: at(2026, 3, 5), Summary: "Báo cáo kết quả", Method: "ambiguous", Note: "2 nhiệm vụ phù hợp"}}
	var cbuf, xbuf, jbuf bytes.Buffer
	if err := WriteCSV(&cbuf, r, DefaultLabels); err != nil {
		t.Fatal(err)
	}
	if err := WriteXLSX(&xbuf, r, DefaultLabels); err != nil {
		t.Fatal(err)
	}
	if err := WriteJSON(&jbuf, r); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(cbuf.Bytes(), []byte("\xef\xbb\xbf")) {
		t.Fatal("CSV lacks the UTF-8 BOM")
	}
	if _, err := csv.NewReader(bytes.NewReader(cbuf.Bytes()[3:])).ReadAll(); err == nil {
		t.Fatal("sections have different widths; csv.Reader should need FieldsPerRecord = -1")
	}
	rd := csv.NewReader(bytes.NewReader(cbuf.Bytes()[3:]))
	rd.FieldsPerRecord = -1
	recs, err := rd.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	csvUnits := map[string][]string{}
	for _, rec := range recs[2 : 2+len(r.Units)+1] {
		csvUnits[rec[0]] = rec[2:]
	}
	x, err := excelize.OpenReader(&xbuf)
	if err != nil {
		t.Fatal(err)
	}
	xrows, err := x.GetRows(DefaultLabels.SheetUnits)
	if err != nil {
		t.Fatal(err)
	}
	if xrows[0][3] != "Đã hoàn thành trong hạn" {
		t.Fatalf("xlsx header = %v", xrows[0])
	}
	var j jsonReport
	if err := json.Unmarshal(jbuf.Bytes(), &j); err != nil {
		t.Fatal(err)
	}
	jsonUnits := map[string]jsonUnit{j.Total.Name: j.Total}
	for _, u := range j.Units {
		jsonUnits[u.Name] = u
	}
	for _, xr := range xrows[1:] {
		name := xr[0]
		c, ok := csvUnits[name]
		if !ok {
			t.Fatalf("xlsx unit %q not in csv", name)
		}
		ju := jsonUnits[name]
		jvals := []int{ju.Assigned, ju.DoneOnTime, ju.DoneLate, ju.InProgressOnTime, ju.InProgressOverdue,
			ju.NotStartedOnTime, ju.NotStartedOverdue, ju.AwaitingApproval, ju.Returned, ju.Cancelled, ju.Extensions}
		for i, v := range jvals {
			if c[i] != strconv.Itoa(v) || xr[2+i] != strconv.Itoa(v) {
				t.Errorf("%s column %d: csv %s, xlsx %s, json %d", name, i, c[i], xr[2+i], v)
			}
		}
		if ju.OnTimeRate != nil {
			if c[11] != strconv.FormatFloat(*ju.OnTimeRate, 'f', 2, 64) {
				t.Errorf("%s rate: csv %s json %v", name, c[11], *ju.OnTimeRate)
			}
			if xf, _ := strconv.ParseFloat(xr[13], 64); xf != *ju.OnTimeRate {
				t.Errorf("%s rate: xlsx %s json %v", name, xr[13], *ju.OnTimeRate)
			}
		}
	}
	// Deadlines in the overdue sheet are real dates.
	od, _ := x.GetRows(DefaultLabels.SheetOverdue)
	if len(od) != 3 || od[1][5] != "13/03/2026" {
		t.Fatalf("overdue sheet = %v", od)
	}
	typ, err := x.GetCellType(DefaultLabels.SheetOverdue, "F2")
	if err != nil || typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
		t.Fatalf("the deadline is stored as text (%v, %v)", typ, err)
	}
	// The compliance section: the same figures in the three formats.
	xc, err := x.GetRows(DefaultLabels.SheetCompliance)
	if err != nil || len(xc) != len(r.Compliance)+1 || len(j.Compliance) != len(r.Compliance) {
		t.Fatalf("compliance: xlsx %v (%v), json %d rows, report %d", xc, err, len(j.Compliance), len(r.Compliance))
	}
	start := -1
	for i, rec := range recs {
		if len(rec) == 1 && rec[0] == DefaultLabels.SheetCompliance {
			start = i + 2
		}
	}
	if start < 0 || len(recs) < start+len(r.Compliance) {
		t.Fatalf("csv lacks the compliance section:\n%s", cbuf.String())
	}
	for i, jc := range j.Compliance {
		crec, xr := recs[start+i], xc[i+1]
		vals := []string{strconv.Itoa(jc.Measured), strconv.Itoa(jc.Breaches), strconv.Itoa(jc.MaxWorkdays), strconv.FormatFloat(jc.AvgWorkdays, 'f', 2, 64)}
		for k, v := range vals {
			xv := xr[3+k]
			if f, err := strconv.ParseFloat(xv, 64); err == nil {
				xv = strconv.FormatFloat(f, 'f', 2, 64)
				if k < 3 {
					xv = strconv.Itoa(int(f))
				}
			}
			if crec[3+k] != v || xv != v {
				t.Errorf("compliance row %d col %d: csv %s xlsx %s json %s", i, k, crec[3+k], xr[3+k], v)
			}
		}
		if crec[1] != jc.Name || xr[1] != jc.Name {
			t.Errorf("compliance row %d: %q %q %q", i, crec[1], xr[1], jc.Name)
		}
	}
	// The unlinked report is in all three.
	xu, err := x.GetRows(DefaultLabels.SheetUnlinked)
	if err != nil || len(xu) != 2 || xu[1][0] != "12/BC-SYT" || xu[1][5] != DefaultLabels.MethodAmbiguous {
		t.Errorf("xlsx unlinked = %v (%v)", xu, err)
	}
	if len(j.Unlinked) != 1 || j.Unlinked[0].Document != "12/BC-SYT" || j.Unlinked[0].Method != "ambiguous" || j.Unlinked[0].Issued != "2026-03-05" {
		t.Errorf("json unlinked = %+v", j.Unlinked)
	}
	if !strings.Contains(cbuf.String(), "12/BC-SYT,Sở Y tế,"+syt.Code+",05/03/2026") {
		t.Errorf("csv lacks the unlinked report:\n%s", cbuf.String())
	}
	if strings.Count(cbuf.String(), "\n") < 8 {
		t.Fatalf("csv too short:\n%s", cbuf.String())
	}
}
