package dashboard

import (
	"fmt"
	"html"
	"html/template"
	"strings"

	"cddh-sync/sync/report"
)

// Charts are inline SVG drawn here, on the server: no script, no front-end build,
// and every label escaped (unit names are Vietnamese and come from documents).

// segment is one coloured part of a stacked bar.
type segment struct {
	label, color string
	value        int
}

// chartColors give each report category one colour, the same in every chart.
var chartColors = []string{"#116329", "#7a9e2b", "#2d6cb5", "#a40000", "#e0a100", "#c2410c", "#6b7280", "#9ca3af"}

// statusByUnit draws one stacked horizontal bar per lead unit: how its tasks of
// the period stand, in the profile's words.
func statusByUnit(units []report.UnitRow, l report.Labels, noData string) template.HTML {
	if len(units) == 0 {
		return template.HTML(`<p class="nodata">` + html.EscapeString(noData) + `</p>`)
	}
	names := []string{l.DoneOnTime, l.DoneLate, l.InProgressOnTime, l.InProgressOverdue, l.NotStartedOnTime, l.NotStartedOverdue, l.AwaitingApproval, l.Returned}
	const labelW, barW, rowH = 260, 560, 22
	height := len(units)*rowH + 40 + ((len(names)+3)/4)*18
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart" id="chart-units" xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" role="img">`, labelW+barW+60, height)
	max := 1
	for _, u := range units {
		if n := total(u); n > max {
			max = n
		}
	}
	for i, u := range units {
		y := i*rowH + 4
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end" font-size="12">%s</text>`, labelW-6, y+14, html.EscapeString(clip(u.Name, 40)))
		x := labelW
		for j, s := range segmentsOf(u, names) {
			if s.value == 0 {
				continue
			}
			w := s.value * barW / max
			if w < 1 {
				w = 1
			}
			fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%d" height="%d" fill="%s"><title>%s: %s %d</title></rect>`,
				x, y, w, rowH-6, chartColors[j], html.EscapeString(u.Name), html.EscapeString(s.label), s.value)
			x += w
		}
		fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="11">%d</text>`, x+4, y+13, total(u))
	}
	ly := len(units)*rowH + 20
	for j, n := range names {
		x := (j % 4) * 215
		y := ly + (j/4)*18
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="12" height="12" fill="%s"/><text x="%d" y="%d" font-size="11">%s</text>`,
			x, y, chartColors[j], x+16, y+10, html.EscapeString(n))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

func segmentsOf(u report.UnitRow, names []string) []segment {
	vals := []int{u.DoneOnTime, u.DoneLate, u.InProgressOnTime, u.InProgressOverdue, u.NotStartedOnTime, u.NotStartedOverdue, u.AwaitingApproval, u.Returned}
	out := make([]segment, len(vals))
	for i, v := range vals {
		out[i] = segment{label: names[i], color: chartColors[i], value: v}
	}
	return out
}

func total(u report.UnitRow) int {
	return u.DoneOnTime + u.DoneLate + u.InProgressOnTime + u.InProgressOverdue + u.NotStartedOnTime + u.NotStartedOverdue + u.AwaitingApproval + u.Returned
}

// trendPoint is one month's on-time completion rate (-1: nothing was due).
type trendPoint struct {
	Month string
	Rate  float64
}

// onTimeTrend draws the on-time completion rate per month of deadline as bars
// from 0 to 100%; a month with nothing due shows an empty slot.
func onTimeTrend(points []trendPoint, noData string) template.HTML {
	any := false
	for _, p := range points {
		any = any || p.Rate >= 0
	}
	if !any {
		return template.HTML(`<p class="nodata">` + html.EscapeString(noData) + `</p>`)
	}
	const slot, h, top = 56, 160, 10
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart" id="chart-trend" xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" role="img">`, len(points)*slot+40, h+50)
	fmt.Fprintf(&b, `<line x1="30" y1="%d" x2="%d" y2="%d" stroke="#9ca3af"/>`, top+h, len(points)*slot+30, top+h)
	for _, pct := range []int{50, 100} {
		y := top + h - pct*h/100
		fmt.Fprintf(&b, `<line x1="30" y1="%d" x2="%d" y2="%d" stroke="#e5e7eb"/><text x="0" y="%d" font-size="10">%d%%</text>`, y, len(points)*slot+30, y, y+4, pct)
	}
	for i, p := range points {
		x := 36 + i*slot
		fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="10">%s</text>`, x, top+h+16, html.EscapeString(p.Month))
		if p.Rate < 0 {
			continue
		}
		bh := int(p.Rate * h / 100)
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%d" height="%d" fill="#2d6cb5"><title>%s: %.2f%%</title></rect><text x="%d" y="%d" font-size="10">%.0f%%</text>`,
			x, top+h-bh, slot-16, bh, html.EscapeString(p.Month), p.Rate, x, top+h-bh-3, p.Rate)
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// overdueBars draws the most overdue tasks, worst first, by working days overdue.
func overdueBars(rows []report.OverdueRow, limit int, noData string) template.HTML {
	if len(rows) == 0 {
		return template.HTML(`<p class="nodata">` + html.EscapeString(noData) + `</p>`)
	}
	if len(rows) > limit {
		rows = rows[:limit]
	}
	const labelW, barW, rowH = 300, 420, 20
	max := 1
	for _, r := range rows {
		if r.WorkdaysOverdue > max {
			max = r.WorkdaysOverdue
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart" id="chart-overdue" xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" role="img">`, labelW+barW+60, len(rows)*rowH+8)
	for i, r := range rows {
		y := i*rowH + 4
		w := r.WorkdaysOverdue * barW / max
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end" font-size="11">%s</text><rect x="%d" y="%d" width="%d" height="%d" fill="#a40000"><title>%s – %s: %d</title></rect><text x="%d" y="%d" font-size="11">%d</text>`,
			labelW-6, y+12, html.EscapeString(clip(r.UnitName+" · "+r.Document, 46)), labelW, y, w, rowH-6,
			html.EscapeString(r.Document), html.EscapeString(clip(r.Content, 120)), r.WorkdaysOverdue, labelW+w+4, y+12, r.WorkdaysOverdue)
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
