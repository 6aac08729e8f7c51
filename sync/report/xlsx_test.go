package report

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// TestXLSXWriter reads the writer's output back with excelize: sheets, text with
// XML specials and Vietnamese, numbers, real dates, the bold frozen header row and
// column widths.
func TestXLSXWriter(t *testing.T) {
	t.Parallel()
	day := time.Date(2026, 3, 13, 0, 0, 0, 0, time.UTC)
	long := make([]any, 30)
	for i := range long {
		long[i] = i
	}
	var buf bytes.Buffer
	err := writeXLSX(&buf, []xlsxSheet{
		{"Đơn vị", []string{"Tên <đơn vị> & mã", "Số", "Tỷ lệ", "Hạn"}, []float64{36, 10}, [][]any{
			{"Sở Tài chính \"A\"", 12, 0.25, day},
			{"dòng\nhai\tcột", int64(-3), 1.5, ""},
		}},
		{"Rộng", []string{"x"}, nil, [][]any{long}},
	})
	if err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatalf("excelize cannot open the file: %v", err)
	}
	if got := x.GetSheetList(); len(got) != 2 || got[0] != "Đơn vị" || got[1] != "Rộng" {
		t.Fatalf("sheets %v", got)
	}
	rows, err := x.GetRows("Đơn vị")
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"Tên <đơn vị> & mã", "Số", "Tỷ lệ", "Hạn"}, {"Sở Tài chính \"A\"", "12", "0.25", "13/03/2026"}, {"dòng\nhai\tcột", "-3", "1.5"}}
	if len(rows) != len(want) {
		t.Fatalf("rows %q", rows)
	}
	for i := range want {
		if strings.Join(rows[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("row %d = %q, want %q", i+1, rows[i], want[i])
		}
	}
	if typ, _ := x.GetCellType("Đơn vị", "D2"); typ == excelize.CellTypeInlineString || typ == excelize.CellTypeSharedString {
		t.Error("the date is stored as text")
	}
	if typ, _ := x.GetCellType("Đơn vị", "B2"); typ == excelize.CellTypeInlineString || typ == excelize.CellTypeSharedString {
		t.Error("the number is stored as text")
	}
	panes, err := x.GetPanes("Đơn vị")
	if err != nil || !panes.Freeze || panes.YSplit != 1 || panes.TopLeftCell != "A2" {
		t.Errorf("panes %+v, %v; want the header row frozen", panes, err)
	}
	if w, _ := x.GetColWidth("Đơn vị", "A"); w != 36 {
		t.Errorf("column A width %v, want 36", w)
	}
	id, _ := x.GetCellStyle("Đơn vị", "A1")
	st, err := x.GetStyle(id)
	if err != nil || st.Font == nil || !st.Font.Bold || st.Alignment == nil || !st.Alignment.WrapText {
		t.Errorf("header style %+v, %v; want bold and wrapped", st, err)
	}
	wide, _ := x.GetRows("Rộng")
	if len(wide) != 2 || len(wide[1]) != 30 || wide[1][29] != "29" {
		t.Fatalf("30 columns: %q", wide)
	}
	if v, _ := x.GetCellValue("Rộng", "AD2"); v != "29" {
		t.Errorf("AD2 = %q, want 29", v)
	}
}

func TestXLSXRefusals(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name   string
		sheets []xlsxSheet
		want   string
	}{
		{"no sheet", nil, "no sheet"},
		{"bad name", []xlsxSheet{{name: "a/b"}}, "invalid sheet name"},
		{"long name", []xlsxSheet{{name: strings.Repeat("x", 32)}}, "invalid sheet name"},
		{"twice", []xlsxSheet{{name: "Báo cáo"}, {name: "báo cáo"}}, "used twice"},
		{"NaN", []xlsxSheet{{name: "s", rows: [][]any{{0.0 / zero()}}}}, "cannot be stored"},
	} {
		if err := writeXLSX(&bytes.Buffer{}, c.sheets); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err %v, want %q", c.name, err, c.want)
		}
	}
	if colName(0) != "A" || colName(25) != "Z" || colName(26) != "AA" || colName(701) != "ZZ" || colName(702) != "AAA" {
		t.Error("column names")
	}
}

func zero() float64 { return 0 }
