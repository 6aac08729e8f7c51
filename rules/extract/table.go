package extract

import (
	"strconv"
	"strings"

	"cddh-sync/rules/units"
)

// Task tables. A plan or a conclusion often assigns its tasks in a table
// ("Phân công nhiệm vụ", "Danh mục nhiệm vụ"): a header row names the task
// column ("Nội dung", "Nhiệm vụ"), the lead ("Cơ quan chủ trì", "Đơn vị thực
// hiện"), perhaps the coordinators ("Cơ quan phối hợp") and the time ("Thời
// gian hoàn thành", "Thời hạn", "Tiến độ"); each row below is one task. Text
// taken from a PDF or a web page keeps the cells of a row on one line, split by
// "|" (the "|" artefacts of shared/testdata/directives/README.md).

// taskTable is the layout a header row gives: column indexes, -1 when absent.
type taskTable struct {
	task, lead, coord, time int
	width                   int // cells in the header
}

// tableCells splits a line into its cells ("| a | b |", "a | b"): nil when the
// line has fewer than three.
func tableCells(line string) []string {
	t := strings.TrimSpace(line)
	if strings.Count(t, "|") < 2 {
		return nil
	}
	t = strings.TrimPrefix(t, "|")
	t = strings.TrimSuffix(t, "|")
	cells := strings.Split(t, "|")
	if len(cells) < 3 {
		return nil
	}
	for i := range cells {
		cells[i] = strings.TrimSpace(cells[i])
	}
	return cells
}

// tableHeader reads a header row: a table of tasks names at least the task and
// its lead.
func tableHeader(cells []string) (taskTable, bool) {
	tt := taskTable{task: -1, lead: -1, coord: -1, time: -1, width: len(cells)}
	for i, c := range cells {
		k := units.Normalize(c)
		switch {
		case k == "":
		case tt.coord < 0 && strings.Contains(k, "phoi hop"):
			tt.coord = i
		case tt.lead < 0 && (strings.Contains(k, "chu tri") || strings.Contains(k, "thuc hien") && hasAny(k, "co quan", "don vi") ||
			k == "don vi" || k == "co quan" || strings.Contains(k, "trach nhiem")):
			tt.lead = i
		case tt.time < 0 && hasAny(k, "thoi gian", "thoi han", "tien do", "han hoan thanh", "thoi diem"):
			tt.time = i
		case tt.task < 0 && hasAny(k, "noi dung", "nhiem vu", "cong viec", "ten de an", "ten nhiem vu", "giai phap"):
			tt.task = i
		}
	}
	return tt, tt.task >= 0 && tt.lead >= 0
}

func hasAny(k string, ps ...string) bool {
	for _, p := range ps {
		if strings.Contains(k, p) {
			return true
		}
	}
	return false
}

// tableMark stands in the body for the table read at its place: a line of its own
// that no text contains.
const tableMark = "\x00table "

// cutTables takes the task tables out of a body: each becomes one marker line,
// and its rows are returned in order.
func cutTables(b string) (string, [][]tableRow) {
	if strings.IndexByte(b, 0) >= 0 {
		b = strings.ReplaceAll(b, "\x00", "") // no text holds a NUL; a marker is never forged
	}
	var tables [][]tableRow
	b, tables = cutLayoutTables(b, tables) // pdftotext -layout's tables (layout_table.go)
	b, tables = cutCellLines(b, tables)    // one cell a line (cell_lines.go)
	b, tables = cutLabelBlocks(b, tables)  // an item and its labelled lines (label_blocks.go)
	if !strings.Contains(b, "|") {
		return b, tables
	}
	lines := strings.Split(b, "\n")
	var out []string
	for i := 0; i < len(lines); i++ {
		tt, ok := tableHeader(tableCells(lines[i]))
		if !ok {
			out = append(out, lines[i])
			continue
		}
		var rows []tableRow
		j := i + 1
		for ; j < len(lines); j++ {
			cells := tableCells(lines[j])
			if cells == nil {
				if strings.Trim(lines[j], "|-:+ \t") == "" && strings.TrimSpace(lines[j]) != "" {
					continue // "|---|---|": the rule under the header
				}
				break
			}
			if strings.Trim(strings.Join(cells, ""), "-:+ ") == "" {
				continue
			}
			if len(cells) != tt.width {
				break // another table, or text with bars
			}
			rows = append(rows, tableRow{layout: tt, cells: cells})
		}
		if len(rows) == 0 {
			out = append(out, lines[i])
			continue
		}
		out = append(out, "", tableMark+strconv.Itoa(len(tables)), "")
		tables = append(tables, rows)
		i = j - 1
	}
	return strings.Join(out, "\n"), tables
}

// tableAt: the item is the marker of table k (of n).
func tableAt(text string, n int) (int, bool) {
	t := strings.TrimSpace(text)
	if n == 0 || !strings.HasPrefix(t, tableMark) {
		return 0, false
	}
	t = t[len(tableMark):]
	if i := strings.IndexByte(t, ' '); i >= 0 {
		t = t[:i]
	}
	k, err := strconv.Atoi(t)
	return k, err == nil && k >= 0 && k < n
}

// tableRow is one row of a task table.
type tableRow struct {
	layout taskTable
	cells  []string
}

// tableTasks turns a table's rows into tasks. A row without a lead is the same
// unit's as the row above (a merged cell), or a group's title when no row above
// has one ("| I | Nhóm nhiệm vụ về thể chế | | |").
func (x *extractor) tableTasks(rows []tableRow) []protoTask {
	var out []protoTask
	var lastLeads []units.Mention
	for _, r := range rows {
		l := r.layout
		task := r.cells[l.task]
		if task == "" || l.task > 0 && r.cells[l.lead] == "" && isGroupTitle(r.cells[0]) {
			continue // "| II | Nhóm nhiệm vụ về tổ chức bộ máy | | |": a group's title
		}
		leads := lastLeads
		if c := r.cells[l.lead]; c != "" {
			leads = x.cellUnits(c)
		}
		if len(leads) == 0 {
			continue
		}
		lastLeads = leads
		var coords []units.Mention
		if l.coord >= 0 && r.cells[l.coord] != "" {
			coords = x.cellUnits(r.cells[l.coord])
		}
		content := strings.TrimRight(task, " .;")
		if l.time >= 0 && r.cells[l.time] != "" {
			// the time column read as the grammar reads a time line
			content += ". Thời hạn: " + strings.TrimRight(r.cells[l.time], " .;")
		}
		out = append(out, protoTask{content: content + ".", leads: leads, coords: coords, how: byTable})
	}
	return out
}

// isGroupTitle: the number cell of a group's title row ("I", "II.", "B").
func isGroupTitle(c string) bool {
	ok, group := rowToken(strings.TrimSpace(c))
	return ok && group
}

// cellUnits reads the units named in a table cell ("Sở Tư pháp", "Các sở, ban,
// ngành; UBND các xã, phường"); a cell that names none is kept as written, to be
// flagged lead_unrecognised.
func (x *extractor) cellUnits(cell string) []units.Mention {
	if leads, _, ok := x.subjectLeads(cell, true); ok {
		return leads
	}
	v := x.view(cell)
	if ms := v.names(0, len(v.w), x.opts.Units); len(ms) > 0 {
		return ms
	}
	return []units.Mention{{Written: cell, Generic: true}}
}
