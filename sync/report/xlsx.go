package report

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
)

// A small SpreadsheetML (ECMA-376, .xlsx) writer for the report: a few sheets of
// text, numbers and dates, a bold frozen header row and column widths. It replaces
// excelize, whose package initialisation cost every process of the binary about
// 1.5 ms before main, `verify` included (issue 17); excelize stays as the reader
// that checks this writer's files in the tests.

// xlsxSheet is one worksheet: a header row, column widths, then data rows whose
// cells are string, any integer, float64 or time.Time (a date).
type xlsxSheet struct {
	name   string
	header []string
	widths []float64
	rows   [][]any
}

// Cell styles (cellXfs indexes of xlsxStyles).
const (
	styleDefault = 0
	styleHeader  = 1 // bold on a light grey fill, wrapped, top-aligned
	styleDate    = 2 // dd/mm/yyyy
)

const (
	nsMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
	nsRel  = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsPkg  = "http://schemas.openxmlformats.org/package/2006/relationships"
)

const xlsxStyles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="` + nsMain + `"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>` +
	`<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>` +
	`<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>` +
	`<fill><patternFill patternType="solid"><fgColor rgb="FFEEF0F3"/><bgColor indexed="64"/></patternFill></fill></fills>` +
	`<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
	`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
	`<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
	`<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>` +
	`<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>` +
	`<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`

// writeXLSX writes sheets as one workbook.
func writeXLSX(w io.Writer, sheets []xlsxSheet) error {
	if len(sheets) == 0 {
		return fmt.Errorf("xlsx: no sheet")
	}
	seen := map[string]bool{}
	for _, s := range sheets {
		if err := checkSheetName(s.name); err != nil {
			return err
		}
		if seen[strings.ToLower(s.name)] {
			return fmt.Errorf("xlsx: sheet name %q used twice", s.name)
		}
		seen[strings.ToLower(s.name)] = true
	}
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	put := func(name, body string) error {
		f, err := z.Create(name)
		if err != nil {
			return err
		}
		_, err = io.WriteString(f, body)
		return err
	}
	var ct, wb, rels strings.Builder
	ct.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
		`<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>`)
	wb.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<workbook xmlns="` + nsMain + `" xmlns:r="` + nsRel + `"><bookViews><workbookView activeTab="0"/></bookViews><sheets>`)
	rels.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<Relationships xmlns="` + nsPkg + `">`)
	for i, s := range sheets {
		n := i + 1
		fmt.Fprintf(&ct, `<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`, n)
		fmt.Fprintf(&wb, `<sheet name="%s" sheetId="%d" r:id="rId%d"/>`, escapeXML(s.name), n, n)
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="%s/worksheet" Target="worksheets/sheet%d.xml"/>`, n, nsRel, n)
		body, err := sheetXML(s, i == 0)
		if err != nil {
			return err
		}
		if err := put(fmt.Sprintf("xl/worksheets/sheet%d.xml", n), body); err != nil {
			return err
		}
	}
	ct.WriteString(`</Types>`)
	wb.WriteString(`</sheets></workbook>`)
	fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="%s/styles" Target="styles.xml"/></Relationships>`, len(sheets)+1, nsRel)
	for _, p := range []struct{ name, body string }{
		{"[Content_Types].xml", ct.String()},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<Relationships xmlns="` + nsPkg + `">` +
			`<Relationship Id="rId1" Type="` + nsRel + `/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{"xl/workbook.xml", wb.String()},
		{"xl/_rels/workbook.xml.rels", rels.String()},
		{"xl/styles.xml", xlsxStyles},
	} {
		if err := put(p.name, p.body); err != nil {
			return err
		}
	}
	if err := z.Close(); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// checkSheetName applies Excel's rules: 1 to 31 characters, none of : \ / ? * [ ].
func checkSheetName(n string) error {
	if n == "" || len([]rune(n)) > 31 || strings.ContainsAny(n, `:\/?*[]`) || strings.HasPrefix(n, "'") || strings.HasSuffix(n, "'") {
		return fmt.Errorf("xlsx: invalid sheet name %q (1 to 31 characters, none of : \\ / ? * [ ], not quoted)", n)
	}
	return nil
}

func sheetXML(s xlsxSheet, selected bool) (string, error) {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<worksheet xmlns="` + nsMain + `" xmlns:r="` + nsRel + `">`)
	sel := ""
	if selected {
		sel = ` tabSelected="1"`
	}
	fmt.Fprintf(&b, `<sheetViews><sheetView workbookViewId="0"%s><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>`+
		`<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>`, sel)
	if len(s.widths) > 0 {
		b.WriteString(`<cols>`)
		for i, wd := range s.widths {
			fmt.Fprintf(&b, `<col min="%d" max="%d" width="%s" customWidth="1"/>`, i+1, i+1, strconv.FormatFloat(wd, 'f', -1, 64))
		}
		b.WriteString(`</cols>`)
	}
	b.WriteString(`<sheetData><row r="1">`)
	for i, h := range s.header {
		writeCell(&b, i, 1, h, styleHeader)
	}
	b.WriteString(`</row>`)
	for ri, row := range s.rows {
		fmt.Fprintf(&b, `<row r="%d">`, ri+2)
		for ci, v := range row {
			if err := writeValue(&b, ci, ri+2, v); err != nil {
				return "", fmt.Errorf("xlsx: sheet %q row %d column %d: %w", s.name, ri+2, ci+1, err)
			}
		}
		b.WriteString(`</row>`)
	}
	b.WriteString(`</sheetData></worksheet>`)
	return b.String(), nil
}

// writeValue writes one data cell by its Go type.
func writeValue(b *strings.Builder, col, row int, v any) error {
	ref := cellRef(col, row)
	switch x := v.(type) {
	case nil:
	case string:
		writeCell(b, col, row, x, styleDefault)
	case int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64:
		fmt.Fprintf(b, `<c r="%s"><v>%d</v></c>`, ref, x)
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return fmt.Errorf("number %v cannot be stored", x)
		}
		fmt.Fprintf(b, `<c r="%s"><v>%s</v></c>`, ref, strconv.FormatFloat(x, 'g', -1, 64))
	case time.Time:
		fmt.Fprintf(b, `<c r="%s" s="%d"><v>%d</v></c>`, ref, styleDate, excelDay(x))
	default:
		writeCell(b, col, row, fmt.Sprint(x), styleDefault)
	}
	return nil
}

// writeCell writes a text cell (an inline string); empty text writes nothing
// unless the cell carries a style.
func writeCell(b *strings.Builder, col, row int, s string, style int) {
	if s == "" && style == styleDefault {
		return
	}
	st := ""
	if style != styleDefault {
		st = fmt.Sprintf(` s="%d"`, style)
	}
	fmt.Fprintf(b, `<c r="%s"%s t="inlineStr"><is><t xml:space="preserve">%s</t></is></c>`, cellRef(col, row), st, escapeXML(s))
}

// excelDay is the serial day number of t's calendar day (as written, no zone
// conversion): days since 1899-12-30, Excel's 1900 date system for dates after
// February 1900.
func excelDay(t time.Time) int64 {
	d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	return int64(d.Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)).Hours() / 24)
}

// cellRef is the A1 reference of zero-based column col in one-based row.
func cellRef(col, row int) string { return colName(col) + strconv.Itoa(row) }

func colName(col int) string {
	var out []byte
	for n := col + 1; n > 0; n = (n - 1) / 26 {
		out = append([]byte{byte('A' + (n-1)%26)}, out...)
	}
	return string(out)
}

func escapeXML(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s)) // writes to a strings.Builder cannot fail
	return b.String()
}
