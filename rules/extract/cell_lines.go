package extract

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Tables one cell a line. Some HTML-to-text converters write a table's cells
// each on its own line: the header's cells ("TT", "Nội dung nhiệm vụ", "Cơ quan
// chủ trì", …) on as many lines, then each row's. With no mark of where a cell
// is empty, a row is read only when the layout is beyond doubt: every row is its
// number ("1", "2", … in order) and exactly as many lines as the header has
// cells, none of them the next row's number, its lead a unit's name and its
// time a time; a group's title ("I", "II") is its numeral and one line. Any
// other shape leaves the whole table as text.

// maxCellLine bounds a line read as a cell (runes): a paragraph is no cell.
const maxCellLine = 300

// cellLine is a non-blank line of the text and its index.
type cellLine struct {
	text string
	at   int
}

// readCellLines reads the table whose header's first cell ("TT", "STT") is
// ls[h]; the table's lines are ls[h:end].
func readCellLines(ls []cellLine, h int) (rows []tableRow, end int, ok bool) {
	if t := ls[h].text; t != "TT" && t != "STT" && t != "Số TT" {
		return nil, 0, false
	}
	// the header: short lines down to the line "1" (or a group's "I")
	n := 1
	for h+n < len(ls) && n <= 8 && ls[h+n].text != "1" && !isGroupTitle(ls[h+n].text) {
		if utf8.RuneCountInString(ls[h+n].text) > 40 {
			return nil, 0, false
		}
		n++
	}
	if n < 3 || n > 8 || h+n >= len(ls) {
		return nil, 0, false
	}
	names := make([]string, n)
	for k := range names {
		names[k] = ls[h+k].text
	}
	tt, ok := tableHeader(names)
	if !ok || tt.task == 0 || tt.lead == 0 || tt.coord == 0 || tt.time == 0 {
		return nil, 0, false
	}
	at, num := h+n, 1
	for at < len(ls) {
		t := ls[at].text
		if isGroupTitle(t) && at+2 < len(ls) && ls[at+2].text == strconv.Itoa(num) {
			at += 2 // "II", "Nhóm nhiệm vụ về …"
			continue
		}
		if t != strconv.Itoa(num) {
			break
		}
		if at+n > len(ls) {
			return nil, 0, false
		}
		cells := make([]string, n)
		cells[0] = t
		next := strconv.Itoa(num + 1)
		for k := 1; k < n; k++ {
			c := ls[at+k].text
			if c == next || utf8.RuneCountInString(c) > maxCellLine {
				return nil, 0, false // a cell missing, or a paragraph: not this shape
			}
			cells[k] = c
		}
		// a cell missing in the last row takes the text after the table:
		// every row's lead must name a unit, its time read as one
		if !looksLikeHead(cells[tt.lead]) || tt.time >= 0 && !timeCell(cells[tt.time]) {
			return nil, 0, false
		}
		rows = append(rows, tableRow{layout: tt, cells: cells})
		at += n
		num++
	}
	if len(rows) == 0 {
		return nil, 0, false
	}
	return rows, ls[at-1].at + 1, true
}

// timeCell: a time column's cell ("Quý III/2027", "Thường xuyên", "Trước ngày
// 30/6/2027").
func timeCell(c string) bool {
	return timeOpens(c) || strings.ContainsAny(c, "0123456789")
}

// cutCellLines takes the one-cell-a-line task tables out of a body, as
// cutTables does the bar tables.
func cutCellLines(b string, tables [][]tableRow) (string, [][]tableRow) {
	if !strings.Contains(b, "\nTT\n") && !strings.Contains(b, "\nSTT\n") && !strings.Contains(b, "\nSố TT\n") {
		return b, tables
	}
	lines := strings.Split(b, "\n")
	var ls []cellLine
	for i, l := range lines {
		if t := strings.TrimSpace(l); t != "" {
			ls = append(ls, cellLine{t, i})
		}
	}
	var out []string
	from := 0 // the next line of b to copy
	for h := 0; h < len(ls); h++ {
		rows, end, ok := readCellLines(ls, h)
		if !ok {
			continue
		}
		out = append(out, lines[from:ls[h].at]...)
		out = append(out, "", tableMark+strconv.Itoa(len(tables)), "")
		tables = append(tables, rows)
		from = end
		for h+1 < len(ls) && ls[h+1].at < end {
			h++
		}
	}
	if from == 0 {
		return b, tables
	}
	return strings.Join(append(out, lines[from:]...), "\n"), tables
}
