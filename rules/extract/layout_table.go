package extract

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"cddh-sync/rules/units"
)

// Layout tables. The daemon reads a PDF's text with `pdftotext -layout`: a task
// table keeps no bars there. Its columns are aligned by spaces, a cell wraps
// over several lines, and two cells may touch with a single space ("Sở Khoa học
// Sở Tài chính", "UBND các xã, Tháng 12/2027"):
//
//	TT          Nội dung nhiệm vụ             Cơ quan chủ     Cơ quan        Thời gian
//	                                              trì         phối hợp      hoàn thành
//	1    Rà soát, đơn giản hóa thủ tục hành   Sở Tư pháp    Các sở, ban,   Trước ngày
//	     chính thuộc thẩm quyền giải quyết                  ngành tỉnh     30/6/2027
//	2    Xây dựng kho dữ liệu dùng chung      Sở Khoa học Sở Tài chính     Quý III/2027
//	     của tỉnh                             và Công nghệ
//
// The reader finds the header block (the lines above the first numbered row,
// whose texts merged by column name the task and its lead, as tableHeader reads
// a bar table's), takes the columns from the header texts' spans and the start
// positions (in runes) of the body's text runs, starts a row at each line whose
// first column holds a number ("I", "II" … are group titles, no task), and gives
// each cell the text of its lines joined by a space. A run that crosses into
// the next column, where no run of its own starts, is cut at the word nearest
// that column's start, preferring the word a unit's name or a time opens. The
// rows then go to tableTasks like a bar table's. Cells aligned to the middle of
// their row (a browser's default) are read too: the row's number is then its
// middle line, which gives its height (middleRows); when that is in doubt, or a
// cell's lines are not in the middle of its row, or (top-aligned) a cell starts
// below its row's first line, the table is left as text.

// lrun is a run of text on a layout line: words split by single spaces, runs
// split by two or more; start and end are rune columns, end exclusive.
type lrun struct {
	start, end int
	text       string
}

// maxLayoutLine bounds the lines read as a table's (runes): a longer line is
// text, not a row.
const maxLayoutLine = 400

// lineRuns splits a layout line into its runs; nil for a blank or a too long
// line. A form feed (a page break) counts for nothing.
func lineRuns(line string) []lrun {
	var out []lrun
	col, start, lastEnd := 0, -1, -1
	var b strings.Builder
	spaces := 0
	for _, r := range line {
		if r == '\f' || r == '\r' {
			continue
		}
		if col > maxLayoutLine {
			return nil
		}
		if r == ' ' || r == '\t' || r == '\u00a0' {
			spaces++
			col++
			continue
		}
		if start >= 0 && spaces >= 2 {
			out = append(out, lrun{start: start, end: lastEnd, text: b.String()})
			b.Reset()
			start = -1
		}
		if start < 0 {
			start = col
		} else if spaces == 1 {
			b.WriteByte(' ')
		}
		spaces = 0
		b.WriteRune(r)
		col++
		lastEnd = col
	}
	if start >= 0 {
		out = append(out, lrun{start: start, end: lastEnd, text: b.String()})
	}
	return out
}

// rowToken reads the first word of a row: a number ("1", "12", "1.2", "3.")
// starts a task row, a Roman numeral or a capital letter ("II", "B") a group
// title.
func rowToken(w string) (ok, group bool) {
	w = strings.TrimRight(w, ".)")
	if w == "" || len(w) > 8 {
		return false, false
	}
	digits, dots := 0, 0
	for i := 0; i < len(w); i++ {
		switch c := w[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && i > 0 && w[i-1] != '.':
			dots++
		default:
			digits = -100
		}
	}
	if digits > 0 && (digits <= 3 || dots > 0 && digits <= 5) {
		return true, false // "2030" on a line of its own is a wrapped year, no row
	}
	if strings.Trim(w, "IVX") == "" {
		return true, true
	}
	if len(w) == 1 && w[0] >= 'A' && w[0] <= 'H' {
		return true, true
	}
	return false, false
}

// firstWord: the run's first word and the rune column after it.
func firstWord(r lrun) (string, int) {
	w, _, _ := strings.Cut(r.text, " ")
	return w, r.start + utf8.RuneCountInString(w)
}

// hcol is a header column: the span of its texts and the texts, top to bottom.
type hcol struct {
	start, end int
	texts      []string
}

// layoutHeader merges the runs of the header lines into columns: runs that
// overlap (within a column) are one column's. A first run "TT Nội dung …" that
// a single space joins is split after its "TT".
func layoutHeader(lines [][]lrun) []hcol {
	var cols []hcol
	for _, runs := range lines {
		for _, r := range runs {
			for _, x := range headerPieces(r) {
				cols = addHeaderRun(cols, x)
			}
		}
	}
	return cols
}

// headerPieces splits a header run where a header's text starts: each column's
// name opens with a capital and goes on in lower case ("Nội dung nhiệm vụ Đơn
// vị chủ trì": two names a single space joins; "TT Nội dung"), so a word in
// title case starts a piece ("Số TT" stays whole).
func headerPieces(r lrun) []lrun {
	var out []lrun
	from, col, start := 0, r.start, r.start
	for i, c := range r.text {
		if i > 0 && r.text[i-1] == ' ' && units.IsUpper(c) {
			next, _ := utf8.DecodeRuneInString(r.text[i+utf8.RuneLen(c):])
			if unicode.IsLower(next) {
				out = append(out, lrun{start: start, end: col - 1, text: r.text[from : i-1]})
				from, start = i, col
			}
		}
		col++
	}
	return append(out, lrun{start: start, end: r.end, text: r.text[from:]})
}

func addHeaderRun(cols []hcol, r lrun) []hcol {
	at := len(cols)
	for i, c := range cols {
		if r.start < c.end+1 && c.start < r.end+1 {
			cols[i].texts = append(cols[i].texts, r.text)
			cols[i].start, cols[i].end = min(c.start, r.start), max(c.end, r.end)
			// a run that now overlaps the next column joins them
			for i+1 < len(cols) && cols[i+1].start < cols[i].end+1 {
				cols[i].texts = append(cols[i].texts, cols[i+1].texts...)
				cols[i].end = max(cols[i].end, cols[i+1].end)
				cols = append(cols[:i+1], cols[i+2:]...)
			}
			return cols
		}
		if r.end <= c.start {
			at = i
			break
		}
	}
	cols = append(cols, hcol{})
	copy(cols[at+1:], cols[at:])
	cols[at] = hcol{start: r.start, end: r.end, texts: []string{r.text}}
	return cols
}

// fieldsKey is a line's words, for finding a header repeated on a new page.
func fieldsKey(line string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(line, "\f", " ")), " ")
}

// layoutTable is a table read from a layout text: rows of cells, and the lines
// [from, to) it spans.
type layoutTable struct {
	rows     []tableRow
	from, to int
}

// readLayoutTable reads the table whose header starts at lines[i], if any.
func readLayoutTable(lines []string, i int, runs func(int) []lrun) (layoutTable, bool) {
	first := runs(i)
	if len(first) < 2 {
		return layoutTable{}, false
	}
	// the header: the lines down to the first numbered row, six at most (a narrow column's name wraps word by word)
	r, blank := -1, 0
	for j := i + 1; j < len(lines) && j <= i+6+blank; j++ {
		rs := runs(j)
		if len(rs) == 0 {
			if blank++; blank > 2 || strings.TrimSpace(lines[j]) != "" {
				break
			}
			continue
		}
		if w, _ := firstWord(rs[0]); rs[0].start <= 8 {
			if ok, _ := rowToken(w); ok {
				r = j
				break
			}
		}
	}
	if r < 0 {
		return layoutTable{}, false
	}
	// Cells aligned to the middle of their row (a browser's default): the
	// header's "TT" stands in the middle of the header, whose tallest name
	// fills it from its first line to its last; the first row's top lines come
	// before its number.
	he, middle := r, false
	if tl := ttLine(lines, i, r, runs); tl > i {
		he, middle = -1, true
		for _, h := range []int{2*(tl-i) + 1, 2*(tl-i) + 2} {
			if i+h <= r && overlaps(runs(i), runs(i+h-1)) {
				he = i + h
				break
			}
		}
		if he < 0 {
			return layoutTable{}, false
		}
	}
	head := make([][]lrun, 0, he-i)
	for j := i; j < he; j++ {
		if rs := runs(j); len(rs) > 0 {
			head = append(head, rs)
		}
	}
	cols := layoutHeader(head)
	if len(cols) < 3 || len(cols) > 12 {
		return layoutTable{}, false
	}
	names := make([]string, len(cols))
	for k, c := range cols {
		names[k] = strings.Join(c.texts, " ")
	}
	tt, ok := tableHeader(names)
	if !ok || tt.task == 0 || tt.lead == 0 || tt.coord == 0 || tt.time == 0 {
		return layoutTable{}, false // the first column holds the rows' numbers
	}
	// the rows' numbers stand where the first row's does (centred or not),
	// before the task column's header
	p0 := runs(r)[0].start
	if p0 >= cols[1].start {
		return layoutTable{}, false
	}
	// lo[k]: the first rune column of column k that no text of column k-1 reaches
	// in the header
	n := len(cols)
	lo := make([]int, n+1)
	for k := 1; k < n; k++ {
		lo[k] = cols[k-1].end
	}
	lo[n] = 1 << 30
	colOf := func(p int) int {
		k := 0
		for k+1 < n && p >= lo[k+1] {
			k++
		}
		return k
	}
	headKeys := map[string]bool{}
	for j := i; j < he; j++ {
		headKeys[fieldsKey(lines[j])] = true
	}
	// the body: rows from their numbered line down to the next
	var rows []lrow
	last, blanks := r, 0
	for j := r; j < len(lines); j++ {
		rs := runs(j)
		if len(rs) == 0 {
			if strings.TrimSpace(strings.ReplaceAll(lines[j], "\f", "")) != "" {
				break // a line too long for a table
			}
			if blanks++; blanks > 2 {
				break
			}
			continue
		}
		if headKeys[fieldsKey(lines[j])] {
			last, blanks = j, 0
			continue // the header again, on a new page
		}
		if len(rs) == 1 && len(rs[0].text) <= 3 && allDigits(rs[0].text) && rs[0].start > p0+2 && pageBreakAt(lines, j) {
			continue // a page number, by the page break
		}
		w, _ := firstWord(rs[0])
		ok, group := rowToken(w)
		if ok && iabs(rs[0].start-p0) > 2 {
			ok = false
		}
		if ok || rs[0].start <= p0 || colOf(rs[0].start) == 0 {
			if !ok {
				break // text in the numbers' column: the table has ended
			}
			rows = append(rows, lrow{group: group, num: j, lines: []int{j}})
		} else {
			if len(rows) == 0 {
				break
			}
			if !rows[len(rows)-1].group && !fitsGrid(rs, colOf, cols) {
				break
			}
			rows[len(rows)-1].lines = append(rows[len(rows)-1].lines, j)
		}
		last, blanks = j, 0
	}
	// group titles after the last task are the text's next headings ("IV. TỔ
	// CHỨC THỰC HIỆN")
	for len(rows) > 0 && rows[len(rows)-1].group {
		last = rows[len(rows)-1].lines[0] - 1
		rows = rows[:len(rows)-1]
	}
	if len(rows) == 0 {
		return layoutTable{from: i, to: last + 1}, false
	}
	if middle {
		var ok bool
		taskOpen := func(j int) (bool, bool) {
			for _, x := range runs(j) {
				if colOf(x.start) == tt.task {
					r, _ := utf8.DecodeRuneInString(x.text)
					return true, units.IsUpper(r)
				}
			}
			return false, false
		}
		if rows, last, ok = middleRows(rows, he, last, runs, taskOpen); !ok {
			return layoutTable{from: i, to: last + 1}, false
		}
	}
	// s[k]: where column k's text starts in the body: the most frequent run start
	// between the header text of column k-1 and the start of column k's own
	count := map[int]int{}
	for _, row := range rows {
		if row.group {
			continue
		}
		for _, j := range row.lines {
			for ri, x := range runs(j) {
				if j == row.num && ri == 0 {
					// the row's number; the text after it, if one space joins them
					w, end := firstWord(x)
					if len(w) == len(x.text) {
						continue
					}
					x.start = end + 1
				}
				count[x.start]++
			}
		}
	}
	// (the header's texts are centred, or drift when one space joins two of
	// them: the body's left edges are surer)
	s := make([]int, n)
	t := make([]int, n+1) // a run starting at t[k] or after is in column k or after
	t[n] = 1 << 30
	for k := 1; k < n; k++ {
		// first between the header's text of column k-1 and column k's own (a
		// centred header starts right of the body's edge), else up to the next
		// column's header (a header joined to the one before by one space
		// drifts left)
		to := lo[k] + 80
		if k+1 < n {
			to = cols[k+1].start
		}
		s[k] = leftEdge(count, lo[k], min(cols[k].start+2, to))
		if s[k] < 0 {
			s[k] = leftEdge(count, cols[k].start+2, to)
		}
		if s[k] < 0 {
			s[k] = cols[k].start
		}
		if s[k] <= s[k-1] {
			s[k] = s[k-1] + 1
		}
		// a column's edge moves by up to three runes from line to line (rows
		// laid out apart); the header's text of the column before bounds it
		t[k] = max(min(s[k], max(lo[k], s[k]-3)), t[k-1]+1)
	}
	cellOf := func(p int) int {
		k := 0
		for k+1 < n && p >= t[k+1] {
			k++
		}
		return k
	}
	var out []tableRow
	for _, row := range rows {
		if row.group {
			continue // "II  Nhóm nhiệm vụ về tổ chức bộ máy": a group's title
		}
		cells := make([]string, n)
		seen := make([]int, n)  // the last line (from 1) of each column's text
		first := make([]int, n) // the first line (from 1) of each column's text
		cuts := make([]int, n)
		for li, j := range row.lines {
			for k := range cuts {
				if li == 0 || seen[k] < li {
					cuts[k] = -1 // no cut on the line above
				}
			}
			for _, p := range layoutPieces(runs(j), j == row.num, s, cellOf, tt, cuts) {
				if p.text == "" {
					continue
				}
				if first[p.col] == 0 {
					first[p.col] = li + 1
				}
				if !middle && seen[p.col] < li {
					// a cell's text starts below the row's first line, or stops and
					// goes on: cells aligned to the middle of their rows (or a merged
					// cell running into the next row), which the row's number does not
					// delimit. The table is left as text.
					return layoutTable{from: i, to: last + 1}, false
				}
				seen[p.col] = li + 1
				if cells[p.col] != "" {
					cells[p.col] += " "
				}
				cells[p.col] += p.text
			}
		}
		if middle {
			// each cell's lines stand in the middle of its row's (a line of
			// another cell may come between two of them: its baseline falls
			// between theirs)
			for k := range cells {
				if first[k] > 0 && iabs(first[k]-1+seen[k]-1-(len(row.lines)-1)) > 1 {
					return layoutTable{from: i, to: last + 1}, false
				}
			}
		}
		out = append(out, tableRow{layout: tt, cells: cells})
	}
	return layoutTable{rows: out, from: i, to: last + 1}, true
}

// pageBreakAt: line j is by a page break: a form feed on it or the next, or a
// blank line before or after it (the daemon turns form feeds into newlines).
func pageBreakAt(lines []string, j int) bool {
	blank := func(k int) bool {
		return k >= 0 && k < len(lines) && strings.TrimSpace(strings.ReplaceAll(lines[k], "\f", "")) == "" && lines[k] != ""
	}
	return strings.Contains(lines[j], "\f") || j+1 < len(lines) && strings.HasPrefix(lines[j+1], "\f") ||
		j > 0 && (lines[j-1] == "" || blank(j-1)) || j+1 < len(lines) && (lines[j+1] == "" || blank(j+1))
}

// lrow is a row of a layout table: its lines, the one with its number.
type lrow struct {
	group bool
	num   int
	lines []int
}

// ttLine is the line of the header block [i, r) whose first run is the
// numbers' column's name ("TT", "STT"), -1 if none.
func ttLine(lines []string, i, r int, runs func(int) []lrun) int {
	for j := i; j < r; j++ {
		if rs := runs(j); len(rs) > 0 && rs[0].start <= 8 {
			if w, _ := firstWord(rs[0]); w == "TT" || w == "STT" || w == "Số" {
				return j
			}
		}
	}
	return -1
}

// overlaps: a run of a stands above a run of b (one cell's text on both).
func overlaps(a, b []lrun) bool {
	for _, x := range a {
		for _, y := range b {
			if x.start < y.end && y.start < x.end {
				return true
			}
		}
	}
	return false
}

// middleRows gives the rows of a table whose cells stand in the middle of
// their rows: a row's number is its middle line, so a row from line a with its
// number at line m has 2(m-a)+1 or 2(m-a)+2 lines, its tallest cell on the first
// and the last. The rows follow one another from the header's end he, blank
// lines between them. Every way through is tried; where two fit, the one whose
// task cells each open with a capital, and only there, wins (tasks adjacent in
// their column touch: "… năm 2026" then "Tổ chức …"); a tie leaves the table
// as text. taskOpen(j) tells whether line j has task text and whether it opens
// with a capital. It returns the rows with all their lines and the table's last
// line.
func middleRows(rows []lrow, he, last int, runs func(int) []lrun, taskOpen func(int) (bool, bool)) ([]lrow, int, bool) {
	type way struct{ from, cost int } // from -1: the header; -2: two ways alike
	// reach[k] maps a possible first line of row k (or the line after the
	// table, for k = len(rows)) to the way there
	reach := make([]map[int]way, len(rows)+1)
	reach[0] = map[int]way{he: {-1, 0}}
	for k, row := range rows {
		reach[k+1] = map[int]way{}
		limit := last
		if k+1 < len(rows) {
			limit = rows[k+1].num - 1
		}
		for a0, w := range reach[k] {
			if w.from == -2 {
				continue
			}
			a := a0
			for a < row.num && len(runs(a)) == 0 {
				a++ // a blank line between rows (the cells' padding)
			}
			m := row.num - a
			if m < 0 {
				continue
			}
			for _, h := range []int{2*m + 1, 2*m + 2} {
				b := a + h - 1
				if b > limit || h > 1 && !overlaps(runs(a), runs(b)) {
					continue
				}
				cost, firstTask := w.cost, true
				for j := a; j <= b; j++ {
					if task, upper := taskOpen(j); task {
						if upper != firstTask {
							cost++
						}
						firstTask = false
					}
				}
				old, seen := reach[k+1][b+1]
				switch {
				case !seen || cost < old.cost:
					reach[k+1][b+1] = way{a0, cost}
				case cost == old.cost && old.from != a0:
					reach[k+1][b+1] = way{-2, cost}
				}
			}
		}
		if len(reach[k+1]) == 0 {
			return nil, last, false
		}
	}
	end, best, tie := -1, 1<<30, false
	for e, w := range reach[len(rows)] {
		switch {
		case w.cost < best:
			end, best, tie = e, w.cost, w.from == -2
		case w.cost == best:
			tie = true
		}
	}
	if end < 0 || tie {
		return nil, last, false // the rows' ends are in doubt
	}
	out := make([]lrow, len(rows))
	for k := len(rows) - 1; k >= 0; k-- {
		w := reach[k+1][end]
		if w.from < 0 && k > 0 || w.from == -2 {
			return nil, last, false
		}
		a := w.from
		if k == 0 {
			a = he
		}
		for a < rows[k].num && len(runs(a)) == 0 {
			a++
		}
		out[k] = lrow{group: rows[k].group, num: rows[k].num}
		for j := a; j < end; j++ {
			out[k].lines = append(out[k].lines, j)
		}
		end = w.from
		if k == 0 {
			end = he
		}
	}
	return out, out[len(out)-1].lines[len(out[len(out)-1].lines)-1], true
}

// leftEdge is the leftmost run start in [from, to) that many lines share: at
// least a third as many as the most shared one (a justified line's inner gaps
// and a centred line start anywhere); -1 when no run starts there.
func leftEdge(count map[int]int, from, to int) int {
	most := 0
	for p := from; p < to; p++ {
		most = max(most, count[p])
	}
	if most == 0 {
		return -1
	}
	for p := from; p < to; p++ {
		if c := count[p]; c > 0 && 3*c >= most {
			return p
		}
	}
	return -1
}

// fitsGrid: no run of a row's next line runs from the task's column (or before)
// into the last one: a paragraph under the table does. (Cells may touch by one
// space, so one run may hold several cells; four across a line is a row's
// first line, whose number tells it.)
func fitsGrid(rs []lrun, colOf func(int) int, cols []hcol) bool {
	n := len(cols)
	for _, x := range rs {
		if n >= 4 && colOf(x.start) <= 1 && x.end > cols[n-1].start+1 {
			return false
		}
	}
	return true
}

// piece is the text of one cell on one line.
type piece struct {
	col  int
	text string
}

// layoutPieces cuts a line's runs into its cells' pieces: the first word of a
// row's first line is its number; a run that reaches into the next column,
// where no run of the line starts, holds that column's text too.
//
// cuts holds, for each column, where the row's line above was cut to start it
// (-1 when it was not): the next line of the same cells drifts alike.
func layoutPieces(rs []lrun, rowStart bool, s []int, colOf func(int) int, tt taskTable, cuts []int) []piece {
	var out []piece
	n := len(s)
	for ri, x := range rs {
		k := colOf(x.start)
		if ri == 0 && rowStart {
			w, end := firstWord(x)
			out = append(out, piece{0, w})
			if len(w) == len(x.text) {
				continue
			}
			x = lrun{start: end + 1, end: x.end, text: x.text[len(w)+1:]}
			k = max(1, colOf(x.start))
		}
		// the column the next run starts in bounds this one's
		next := n
		if ri+1 < len(rs) {
			next = colOf(rs[ri+1].start)
		}
		for k+1 < n && k+1 < next {
			at, seen := s[k+1], cuts[k+1]
			if seen >= 0 && iabs(seen-at) > 4 {
				seen = -1
			}
			if x.end <= at-3 && (seen < 0 || x.end <= seen) {
				break
			}
			// a run ending just short of the next column may still hold its
			// first word (the words drift): cut there only on a unit's or a
			// time's opening word, or where the line above was cut
			marginal := x.end <= at+1 && (seen < 0 || x.end <= seen+1)
			cut, ok := cellCut(x, at, seen, k+1, tt, marginal)
			if !ok {
				break
			}
			out = append(out, piece{k, strings.TrimSpace(x.text[:cut])})
			x = lrun{start: x.start + utf8.RuneCountInString(x.text[:cut]), end: x.end, text: x.text[cut:]}
			k++
			cuts[k] = x.start
		}
		out = append(out, piece{k, strings.TrimSpace(x.text)})
	}
	return out
}

// cellCut finds where column col's text starts inside a run: at a word whose
// column is within a few runes of the column's start (a run's words drift from
// the grid the further they are from its start), the nearest, a word that opens
// a unit's name (in a unit column) or a time (in the time column) first. It
// returns the byte offset of that word in x.text.
func cellCut(x lrun, at, seen, col int, tt taskTable, marginal bool) (int, bool) {
	tol := 2 + (at-x.start)/6
	best, bestScore := -1, 1<<30
	p := x.start
	for i, r := range x.text {
		if i > 0 && x.text[i-1] == ' ' && r != ' ' {
			d := iabs(p - at)
			if seen >= 0 && iabs(p-seen) < d {
				d = iabs(p - seen)
			}
			if d <= tol {
				score := 2 * d
				rest := x.text[i:]
				switch {
				case (col == tt.lead || col == tt.coord) && looksLikeHead(rest):
					score -= 6
				case col == tt.time && timeOpens(rest):
					score -= 6
				case marginal && !(seen >= 0 && p == seen):
					p++
					continue
				}
				if units.IsUpper(r) || unicode.IsDigit(r) {
					score--
				}
				if score < bestScore {
					best, bestScore = i, score
				}
			}
		}
		p++
	}
	if best > 0 && col == tt.time {
		// "Năm 2027", "Trước ngày 30/6": the time's first word, not its number
		best = timeStart(x.text, best)
	}
	return best, best > 0
}

// timeStart moves a cut at a time's number back over the time words before it
// ("Trước ngày | 30/6/2027"), to the first that opens a time with a capital.
func timeStart(t string, at int) int {
	best := at
	for at > 0 {
		sp := strings.LastIndexByte(t[:at-1], ' ') + 1 // the word before
		w := t[sp : at-1]
		switch units.Normalize(w) {
		case "truoc", "ngay", "thang", "quy", "nam", "trong", "hang", "thuong", "tu", "den", "han":
		default:
			return best
		}
		if r, _ := utf8.DecodeRuneInString(w); units.IsUpper(r) {
			best = sp
		}
		if sp == 0 {
			return best
		}
		at = sp
	}
	return best
}

func iabs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// timeOpens: the text starts as a time cell does ("Trước ngày 30/6", "Quý
// III/2027", "Tháng 12", "Năm 2027", "Thường xuyên", "30/6/2027").
func timeOpens(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	if unicode.IsDigit(r) {
		return true
	}
	w, _, _ := strings.Cut(t, " ")
	switch units.Normalize(w) {
	case "truoc", "trong", "thang", "quy", "nam", "ngay", "tuan", "hang", "thuong", "dinh", "tu", "den", "giai", "hoan", "truoc,":
		return true
	}
	return false
}

// cutLayoutTables takes the layout task tables out of a body, as cutTables
// does the bar tables: each becomes a marker line numbered from base.
func cutLayoutTables(b string, tables [][]tableRow) (string, [][]tableRow) {
	if !strings.Contains(b, "   ") {
		return b, tables
	}
	lines := strings.Split(b, "\n")
	cache := map[int][]lrun{}
	runs := func(j int) []lrun {
		if rs, ok := cache[j]; ok {
			return rs
		}
		rs := lineRuns(lines[j])
		cache[j] = rs
		return rs
	}
	var out []string
	found := false
	for i := 0; i < len(lines); i++ {
		if strings.Contains(lines[i], "   ") && !strings.Contains(lines[i], "|") {
			t, ok := readLayoutTable(lines, i, runs)
			if ok && len(t.rows) > 0 {
				out = append(out, "", tableMark+strconv.Itoa(len(tables)), "")
				tables = append(tables, t.rows)
				i = t.to - 1
				found = true
				continue
			}
			if t.to > i+1 {
				// a table not read stays text, and no line of it starts another:
				// each line is read once (linear time)
				out = append(out, lines[i:t.to]...)
				i = t.to - 1
				continue
			}
		}
		out = append(out, lines[i])
		if len(cache) > 64 {
			clear(cache) // only the lines near i are asked again
		}
	}
	if !found {
		return b, tables
	}
	return strings.Join(out, "\n"), tables
}
