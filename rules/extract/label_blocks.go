package extract

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Labelled blocks. A plan often lists each task as an item followed by labelled
// lines instead of a table:
//
//	1. Hoàn thiện nền tảng tích hợp, chia sẻ dữ liệu cấp tỉnh
//	- Đơn vị chủ trì: Sở Khoa học và Công nghệ.
//	- Đơn vị phối hợp: Các sở, ban, ngành tỉnh.
//	- Thời gian hoàn thành: Quý II/2027.
//
// The labels are a task table's header names (tableHeader: "Cơ quan chủ trì",
// "Đơn vị thực hiện", "Cơ quan phối hợp", "Thời gian hoàn thành", "Thời hạn",
// "Tiến độ", "Nội dung"), each on its own line. A block is read as one row of a
// table when it has a lead label and a time or coordinators label; its task is
// its "Nội dung:" line, or else the item right above it. Any other shape is
// left as text.

// maxLabel bounds a label (runes): "Cơ quan, đơn vị chủ trì thực hiện".
const maxLabel = 40

const (
	lblLead = iota + 1
	lblCoord
	lblTime
	lblTask
)

// labelKind tells a label's column kind ("Đơn vị chủ trì" → lblLead), 0 when
// the words are no label.
func labelKind(label string) int {
	l := strings.TrimSpace(label)
	if l == "" || utf8.RuneCountInString(l) > maxLabel || strings.Count(l, " ") > 6 {
		return 0
	}
	tt, _ := tableHeader([]string{l})
	switch {
	case tt.lead == 0:
		return lblLead
	case tt.coord == 0:
		return lblCoord
	case tt.time == 0:
		return lblTime
	case tt.task == 0:
		return lblTask
	}
	return 0
}

// labels reads "Cơ quan chủ trì: Sở X; cơ quan phối hợp: …; thời gian: …":
// pieces split by ";", each a label and its value (a piece without a label goes
// on the value before it). ok is false unless t opens with a label.
func labels(t string) (vals [lblTask + 1]string, ok bool) {
	last := 0
	for _, p := range strings.Split(labelStops(t), ";") {
		if c := strings.IndexByte(p, ':'); c > 0 {
			if k := labelKind(p[:c]); k > 0 && vals[k] == "" {
				vals[k], last = strings.TrimSpace(p[c+1:]), k
				if vals[k] == "" {
					vals[k] = " " // the value on the next line
				}
				continue
			}
		}
		if last == 0 {
			return vals, false
		}
		vals[last] += ";" + p
	}
	for k := range vals {
		vals[k] = strings.TrimSpace(vals[k])
	}
	return vals, true
}

// labelStops: t with each ". " that a label follows ("Đơn vị thực hiện: Sở
// Y tế. Thời gian hoàn thành: tháng 6/2026") written as "; ", the labels'
// other separator.
func labelStops(t string) string {
	if !strings.Contains(t, ". ") {
		return t
	}
	var b strings.Builder
	rest := t
	for {
		k := strings.Index(rest, ". ")
		if k < 0 {
			b.WriteString(rest)
			return b.String()
		}
		after := rest[k+2:]
		c := strings.IndexByte(after, ':')
		if c > 0 && labelKind(after[:c]) > 0 {
			b.WriteString(rest[:k])
			b.WriteString("; ")
		} else {
			b.WriteString(rest[:k+2])
		}
		rest = after
	}
}

// labelLine reads a line of labels ("- Đơn vị chủ trì: Sở X.", "Cơ quan chủ
// trì: Sở X; thời gian: Quý I/2027").
func labelLine(line string) (vals [lblTask + 1]string, ok bool) {
	t := strings.TrimSpace(line)
	if m, ok := startItem(t); ok && m.Level >= 2 {
		t = strings.TrimSpace(m.Text) // "- ", "+ ", "a) "
	}
	return labels(t)
}

// inlineLabels reads an item whose labels follow its task on its line: "1. Rà
// soát … (Cơ quan chủ trì: Sở X; thời gian hoàn thành: Quý II/2027).", "… . Cơ
// quan chủ trì: Sở X; thời gian thực hiện: …". The first label must be the
// lead's.
func inlineLabels(line string) (task string, vals [lblTask + 1]string, ok bool) {
	for c := 0; ; {
		k := strings.IndexByte(line[c:], ':')
		if k < 0 {
			return "", vals, false
		}
		c += k
		a := max(strings.LastIndex(line[:c], "("), strings.LastIndex(line[:c], ". "))
		if a < 0 {
			c++
			continue
		}
		if kind := labelKind(strings.TrimLeft(line[a:c], "(. ")); kind != lblLead {
			c++
			continue
		}
		rest := strings.TrimSpace(line[a:])
		rest = strings.TrimLeft(rest, "(. ")
		rest = strings.TrimRight(rest, " .")
		rest = strings.TrimSuffix(rest, ")")
		if vals, ok = labels(rest); !ok {
			return "", vals, false
		}
		return strings.TrimSpace(line[:a+1]), vals, true
	}
}

// cutLabelBlocks takes the labelled blocks out of a body: each becomes a table
// of one row, its marker put where its task item stood.
func cutLabelBlocks(b string, tables [][]tableRow) (string, [][]tableRow) {
	if !strings.Contains(b, ":") || !mayHaveLabels(b) {
		return b, tables
	}
	lines := strings.Split(b, "\n")
	var out []string
	emit := func(task string, vals [lblTask + 1]string) {
		if m, ok := startItem(strings.TrimSpace(task)); ok {
			task = m.Text
		}
		task = strings.TrimRight(strings.TrimSpace(task), " (.")
		cells := []string{task, vals[lblLead], vals[lblCoord], vals[lblTime]}
		tt := taskTable{task: 0, lead: 1, coord: 2, time: 3, width: 4}
		out = append(out, "", tableMark+strconv.Itoa(len(tables)), "")
		tables = append(tables, []tableRow{{layout: tt, cells: cells}})
	}
	// itemStart: where the item ending at out[h] starts, its lines wrapped
	// ("1. Hoàn thiện nền tảng …, kết\nnối với các hệ thống …"): back over
	// lines that open no item, up to one that does (or h itself)
	itemStart := func(h int) int {
		for k := h; k >= 0 && k > h-6; k-- {
			t := strings.TrimSpace(out[k])
			if t == "" || isTitle(t) {
				return h
			}
			if _, ok := startItem(t); ok {
				return k
			}
			if _, ok := labelLine(t); ok {
				return h
			}
		}
		return h
	}
	for i := 0; i < len(lines); i++ {
		if task, vals, ok := inlineLabels(lines[i]); ok && blockComplete(vals) {
			if _, item := startItem(strings.TrimSpace(lines[i])); !item && len(out) > 0 {
				// the item began on the lines above: "3. Tổ chức đào tạo …,
				// công chức,\nviên chức (Cơ quan chủ trì: …)"
				if k := itemStart(len(out) - 1); k < len(out)-1 || startsItem(out[k]) {
					task = strings.Join(append(append([]string(nil), out[k:]...), task), " ")
					if taskItem(task) {
						out = out[:k]
						emit(task, vals)
						continue
					}
				}
			}
			if taskItem(task) {
				emit(task, vals)
				continue
			}
		}
		first, ok := labelLine(lines[i])
		if !ok || first[lblLead] == "" && first[lblTask] == "" && first[lblCoord] == "" {
			out = append(out, lines[i])
			continue
		}
		vals, end := readBlock(lines, i)
		if !blockComplete(vals) {
			out = append(out, lines[i])
			continue
		}
		task := vals[lblTask]
		if task == "" {
			h := len(out) - 1 // the item above the block
			for h >= 0 && strings.TrimSpace(out[h]) == "" {
				h--
			}
			if h < 0 || !taskItem(out[h]) {
				out = append(out, lines[i])
				continue
			}
			k := itemStart(h)
			task = strings.Join(out[k:h+1], " ")
			out = out[:k]
		}
		emit(task, vals)
		i = end - 1
	}
	return strings.Join(out, "\n"), tables
}

// startsItem: the line opens a numbered or bulleted item.
func startsItem(line string) bool {
	_, ok := startItem(strings.TrimSpace(line))
	return ok
}

// blockComplete: a lead and a time or coordinators.
func blockComplete(vals [lblTask + 1]string) bool {
	return vals[lblLead] != "" && (vals[lblTime] != "" || vals[lblCoord] != "")
}

// mayHaveLabels: the body names a lead label at all (a cheap test before the
// line by line reading): one of leadLabels followed by ":". The colons are
// found by a vectorised search and the words before each compared (five
// searches of the whole body for the five labels were 1.3% of Extract's time,
// issue 14; mayHaveLabelsPlain in fast_test.go is them, checked equal).
func mayHaveLabels(b string) bool {
	for i := strings.IndexByte(b, ':'); i >= 0; {
		for _, w := range leadLabels {
			if strings.HasSuffix(b[:i], w) {
				return true
			}
		}
		k := strings.IndexByte(b[i+1:], ':')
		if k < 0 {
			break
		}
		i += 1 + k
	}
	return false
}

// leadLabels are the words before ":" that mayHaveLabels looks for.
var leadLabels = []string{"chủ trì", "thực hiện", "Chủ trì", "trách nhiệm", "Trách nhiệm"}

// readBlock reads the labelled lines from lines[i]: each label once, a value
// wrapped over lines joined, blank lines between labels allowed. It ends at a
// line that is neither a label nor a wrapped value, or at a label seen before
// (the next block).
func readBlock(lines []string, i int) (vals [lblTask + 1]string, end int) {
	last := 0
	j := i
	fresh := func(lv [lblTask + 1]string) bool {
		for k, v := range lv {
			if v != "" && vals[k] != "" {
				return false
			}
		}
		return true
	}
	for ; j < len(lines); j++ {
		t := strings.TrimSpace(lines[j])
		if t == "" {
			k := j + 1
			for k < len(lines) && strings.TrimSpace(lines[k]) == "" {
				k++
			}
			if k < len(lines) {
				if lv, ok := labelLine(lines[k]); ok && fresh(lv) {
					j = k - 1
					continue
				}
			}
			break
		}
		if lv, ok := labelLine(t); ok {
			if !fresh(lv) {
				break
			}
			for k, v := range lv {
				if v != "" {
					vals[k], last = v, k
				}
			}
			continue
		}
		if _, ok := startItem(t); ok || last == 0 || endsSentence(vals[last]) && !startsLower(t) {
			break
		}
		vals[last] = strings.TrimSpace(vals[last] + " " + t)
	}
	for k := range vals {
		vals[k] = strings.TrimSpace(vals[k])
	}
	return vals, j
}

// taskItem: a line that can be the task of the block below it: a numbered item
// or a sentence, not a title in capitals, a label or a heading that
// introduces a list.
func taskItem(line string) bool {
	t := strings.TrimSpace(line)
	if t == "" || isTitle(t) || strings.HasSuffix(t, ":") || strings.HasPrefix(t, tableMark) {
		return false
	}
	if _, ok := labelLine(t); ok {
		return false
	}
	if m, ok := startItem(t); ok {
		if m.Level == 0 {
			return false // "II. NHIỆM VỤ": a part, not a task
		}
		t = m.Text
	}
	return utf8.RuneCountInString(t) >= 8
}
