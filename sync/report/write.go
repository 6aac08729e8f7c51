package report

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"time"

	"cddh-sync/connectors"
	"cddh-sync/sync/store"
)

// Labels are the column headings, in the profile's words. DefaultLabels are Đồng
// Tháp's (001 Điều 5).
type Labels struct {
	Unit, UnitCode, Assigned, DoneOnTime, DoneLate, InProgressOnTime, InProgressOverdue,
	NotStartedOnTime, NotStartedOverdue, AwaitingApproval, Returned, Cancelled, Extensions, OnTimeRate,
	Task, Document, Content, Deadline, Status, WorkdaysOverdue, Indication, SignedBy, Tasks,
	SheetUnits, SheetOverdue, SheetSignatures string
	// The compliance section (rules.md §5).
	Obligation, Measured, Breaches, MaxWorkdays, AvgWorkdays, SheetCompliance string
	EntryName, UpdateName, ReviewName                                         string
	// The unlinked-reports section.
	Sender, Issued, Method, Note, SheetUnlinked, MethodAmbiguous, MethodUnmatched string
	// The review line (rules.md §9).
	SheetReview, ReviewConfirmed, ReviewCorrected, ReviewRejected, ReviewAdded, ReviewHeld, ReviewConfirmedShare, ReviewChangedShare string
}

func (l Labels) reviewHeader() []string {
	return []string{l.ReviewConfirmed, l.ReviewCorrected, l.ReviewRejected, l.ReviewAdded, l.ReviewHeld,
		l.ReviewConfirmedShare, l.ReviewChangedShare}
}

func (s ReviewSummary) cells() []any {
	share := func(f float64) any {
		if f < 0 {
			return ""
		}
		return f
	}
	return []any{s.Confirmed, s.Corrected, s.Rejected, s.Added, s.Held, share(s.ConfirmedShare), share(s.ChangedShare)}
}

// DefaultLabels uses Đồng Tháp's status words (rules.md §4).
var DefaultLabels = Labels{
	Unit: "Đơn vị chủ trì", UnitCode: "Mã định danh", Assigned: "Nhiệm vụ được giao",
	DoneOnTime: "Đã hoàn thành trong hạn", DoneLate: "Đã hoàn thành quá hạn",
	InProgressOnTime: "Đang thực hiện trong hạn", InProgressOverdue: "Đang thực hiện quá hạn",
	NotStartedOnTime: "Chưa thực hiện trong hạn", NotStartedOverdue: "Chưa thực hiện quá hạn",
	AwaitingApproval: "Chờ xác nhận", Returned: "Trả lại", Cancelled: "Đã hủy", Extensions: "Số lần gia hạn",
	OnTimeRate: "Tỷ lệ hoàn thành đúng hạn (%)", Task: "Mã nhiệm vụ", Document: "Văn bản", Content: "Nội dung",
	Deadline: "Hạn xử lý", Status: "Tình trạng", WorkdaysOverdue: "Số ngày làm việc quá hạn",
	Indication: "Kết quả kiểm tra chữ ký số", SignedBy: "Người ký", Tasks: "Số nhiệm vụ",
	SheetUnits: "Theo đơn vị", SheetOverdue: "Nhiệm vụ quá hạn", SheetSignatures: "Chữ ký số",
	Obligation: "Nghĩa vụ", Measured: "Số lượt", Breaches: "Số lượt trễ thời hạn",
	MaxWorkdays: "Chậm nhất (ngày làm việc)", AvgWorkdays: "Trung bình (ngày làm việc)", SheetCompliance: "Thời hạn cập nhật",
	EntryName: "Cập nhật nhiệm vụ vào hệ thống", UpdateName: "Đơn vị cập nhật báo cáo", ReviewName: "Văn phòng xem xét báo cáo",
	Sender: "Đơn vị gửi", Issued: "Ngày ban hành", Method: "Kết quả đối chiếu", Note: "Ghi chú",
	SheetUnlinked: "Báo cáo chưa gắn nhiệm vụ", MethodAmbiguous: "Có nhiều nhiệm vụ phù hợp", MethodUnmatched: "Không tìm thấy nhiệm vụ",
	SheetReview: "Rà soát của Văn phòng", ReviewConfirmed: "Xác nhận nguyên trạng", ReviewCorrected: "Hiệu chỉnh",
	ReviewRejected: "Loại bỏ", ReviewAdded: "Bổ sung", ReviewHeld: "Đang chờ rà soát",
	ReviewConfirmedShare: "Tỷ lệ xác nhận nguyên trạng (%)", ReviewChangedShare: "Tỷ lệ hiệu chỉnh, loại bỏ, bổ sung (%)",
}

func (l Labels) unlinkedHeader() []string {
	return []string{l.Document, l.Sender, l.UnitCode, l.Issued, l.Content, l.Method, l.Note}
}

func unlinkedCells(u store.UnlinkedReport, l Labels) []any {
	method := l.MethodUnmatched
	if u.Method == "ambiguous" {
		method = l.MethodAmbiguous
	}
	var issued any = ""
	if u.IssuedAt != nil {
		issued = *u.IssuedAt
	}
	return []any{u.Document, u.SenderName, u.SenderCode, issued, u.Summary, method, u.Note}
}

func (l Labels) complianceHeader() []string {
	return []string{l.Obligation, l.Unit, l.UnitCode, l.Measured, l.Breaches, l.MaxWorkdays, l.AvgWorkdays}
}

// ObligationName is an obligation of rules.md §5 in the labels' words.
func (l Labels) ObligationName(o string) string {
	switch o {
	case ObligationEntry:
		return l.EntryName
	case ObligationUpdate:
		return l.UpdateName
	case ObligationReview:
		return l.ReviewName
	}
	return o
}

func (c ComplianceRow) cells(l Labels) []any {
	return []any{l.ObligationName(c.Obligation), c.Name, c.Code, c.Measured, c.Breaches, c.MaxWorkdays, c.AvgWorkdays}
}

func (l Labels) unitHeader() []string {
	return []string{l.Unit, l.UnitCode, l.Assigned, l.DoneOnTime, l.DoneLate, l.InProgressOnTime, l.InProgressOverdue,
		l.NotStartedOnTime, l.NotStartedOverdue, l.AwaitingApproval, l.Returned, l.Cancelled, l.Extensions, l.OnTimeRate}
}

func (u UnitRow) cells() []any {
	var r any = u.OnTimeRate
	if u.OnTimeRate < 0 {
		r = ""
	}
	return []any{u.Name, u.Code, u.Assigned, u.DoneOnTime, u.DoneLate, u.InProgressOnTime, u.InProgressOverdue,
		u.NotStartedOnTime, u.NotStartedOverdue, u.AwaitingApproval, u.Returned, u.Cancelled, u.Extensions, r}
}

func (l Labels) overdueHeader() []string {
	return []string{l.Task, l.Document, l.Unit, l.UnitCode, l.Content, l.Deadline, l.Status, l.WorkdaysOverdue}
}

func (o OverdueRow) cells() []any {
	return []any{o.TaskKey, o.Document, o.UnitName, o.UnitCode, o.Content, o.Deadline, o.StatusText, o.WorkdaysOverdue}
}

func (l Labels) sigHeader() []string { return []string{l.Document, l.Indication, l.SignedBy, l.Tasks} }

func (s SignatureRow) cells() []any { return []any{s.Document, s.Indication, s.SignedBy, s.Tasks} }

// Neutralise keeps a text cell from becoming a formula when a spreadsheet opens
// the file: a cell starting with = + - @, a tab or a carriage return (the
// characters Excel and LibreOffice read as a formula or DDE command) gets a
// leading apostrophe (OWASP "CSV injection"). Portal text — task content, report
// summaries, sender names — reaches these cells unchanged otherwise. Only text
// goes through it: numbers are written as numbers, so a negative count stays one.
func Neutralise(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

func text(v any) string {
	switch x := v.(type) {
	case string:
		return Neutralise(x)
	case int:
		return strconv.Itoa(x)
	case float64:
		return strconv.FormatFloat(x, 'f', 2, 64)
	case time.Time:
		return x.In(connectors.Zone).Format("02/01/2006")
	}
	return fmt.Sprint(v)
}

// WriteCSV writes UTF-8 with a BOM (so Excel shows Vietnamese right): the unit table,
// then the overdue list and the signature summary, each under a title row and
// separated by a blank line.
func WriteCSV(w io.Writer, r Report, l Labels) error {
	if _, err := w.Write([]byte("\ufeff")); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	write := func(rec []string) {
		out := make([]string, len(rec))
		for i, c := range rec {
			out[i] = Neutralise(c)
		}
		_ = cw.Write(out)
	}
	rows := func(header []string, data [][]any) {
		write(header)
		for _, d := range data {
			rec := make([]string, len(d))
			for i, v := range d {
				rec[i] = text(v)
			}
			_ = cw.Write(rec) // text() neutralised each text cell
		}
	}
	write([]string{l.SheetUnits, r.Period.Name})
	units := make([][]any, 0, len(r.Units)+1)
	for _, u := range r.Units {
		units = append(units, u.cells())
	}
	units = append(units, r.Total.cells())
	rows(l.unitHeader(), units)
	_ = cw.Write(nil)
	write([]string{l.SheetOverdue})
	var od [][]any
	for _, o := range r.Overdue {
		od = append(od, o.cells())
	}
	rows(l.overdueHeader(), od)
	_ = cw.Write(nil)
	write([]string{l.SheetSignatures})
	var sg [][]any
	for _, s := range r.Signatures {
		sg = append(sg, s.cells())
	}
	rows(l.sigHeader(), sg)
	_ = cw.Write(nil)
	write([]string{l.SheetCompliance})
	var cp [][]any
	for _, c := range r.Compliance {
		cp = append(cp, c.cells(l))
	}
	rows(l.complianceHeader(), cp)
	_ = cw.Write(nil)
	write([]string{l.SheetUnlinked})
	var ul [][]any
	for _, u := range r.Unlinked {
		ul = append(ul, unlinkedCells(u, l))
	}
	rows(l.unlinkedHeader(), ul)
	_ = cw.Write(nil)
	write([]string{l.SheetReview})
	rows(l.reviewHeader(), [][]any{r.Review.cells()})
	cw.Flush()
	return cw.Error()
}

// jsonReport is the JSON shape (snake_case, stable).
type jsonReport struct {
	Period      string           `json:"period"`
	From        string           `json:"from"`
	To          string           `json:"to"`
	GeneratedAt time.Time        `json:"generated_at"`
	Units       []jsonUnit       `json:"units"`
	Total       jsonUnit         `json:"total"`
	Overdue     []jsonOverdue    `json:"overdue"`
	Signatures  []SignatureRow   `json:"signatures_not_passed"`
	Compliance  []jsonCompliance `json:"compliance"`
	Unlinked    []jsonUnlinked   `json:"unlinked_reports"`
	Review      jsonReview       `json:"review"`
}

// jsonReview is the review line: counts, and shares in percent (null when no task
// of the period was reviewed).
type jsonReview struct {
	Confirmed      int      `json:"confirmed"`
	Corrected      int      `json:"corrected"`
	Rejected       int      `json:"rejected"`
	Added          int      `json:"added"`
	Held           int      `json:"held"`
	ConfirmedShare *float64 `json:"confirmed_share"`
	ChangedShare   *float64 `json:"changed_share"`
}

type jsonUnlinked struct {
	DocumentID string `json:"document_id"`
	Document   string `json:"document"`
	SenderCode string `json:"sender_code"`
	SenderName string `json:"sender_name"`
	Issued     string `json:"issued"`
	Summary    string `json:"summary"`
	Method     string `json:"method"`
	Note       string `json:"note"`
}

type jsonCompliance struct {
	Obligation  string  `json:"obligation"`
	Code        string  `json:"unit_code"`
	Name        string  `json:"unit_name"`
	Measured    int     `json:"measured"`
	Breaches    int     `json:"breaches"`
	MaxWorkdays int     `json:"max_workdays"`
	AvgWorkdays float64 `json:"avg_workdays"`
}

type jsonUnit struct {
	Code              string   `json:"code"`
	Name              string   `json:"name"`
	Assigned          int      `json:"assigned"`
	DoneOnTime        int      `json:"done_on_time"`
	DoneLate          int      `json:"done_late"`
	InProgressOnTime  int      `json:"in_progress_on_time"`
	InProgressOverdue int      `json:"in_progress_overdue"`
	NotStartedOnTime  int      `json:"not_started_on_time"`
	NotStartedOverdue int      `json:"not_started_overdue"`
	AwaitingApproval  int      `json:"awaiting_approval"`
	Returned          int      `json:"returned"`
	Cancelled         int      `json:"cancelled"`
	Extensions        int      `json:"extensions"`
	OnTimeRate        *float64 `json:"on_time_rate"`
}

type jsonOverdue struct {
	Task            string `json:"task"`
	Document        string `json:"document"`
	UnitCode        string `json:"unit_code"`
	UnitName        string `json:"unit_name"`
	Content         string `json:"content"`
	Deadline        string `json:"deadline"`
	Status          string `json:"status_text"`
	WorkdaysOverdue int    `json:"workdays_overdue"`
}

func toJSONUnit(u UnitRow) jsonUnit {
	j := jsonUnit{u.Code, u.Name, u.Assigned, u.DoneOnTime, u.DoneLate, u.InProgressOnTime, u.InProgressOverdue,
		u.NotStartedOnTime, u.NotStartedOverdue, u.AwaitingApproval, u.Returned, u.Cancelled, u.Extensions, nil}
	if u.OnTimeRate >= 0 {
		r := u.OnTimeRate
		j.OnTimeRate = &r
	}
	return j
}

// WriteJSON writes the report as one JSON document.
func WriteJSON(w io.Writer, r Report) error {
	j := jsonReport{Period: r.Period.Name, From: r.Period.From.Format("2006-01-02"), To: r.Period.To.Format("2006-01-02"),
		GeneratedAt: r.GeneratedAt.In(connectors.Zone), Units: []jsonUnit{}, Total: toJSONUnit(r.Total), Overdue: []jsonOverdue{},
		Signatures: r.Signatures}
	if j.Signatures == nil {
		j.Signatures = []SignatureRow{}
	}
	for _, u := range r.Units {
		j.Units = append(j.Units, toJSONUnit(u))
	}
	j.Review = jsonReview{Confirmed: r.Review.Confirmed, Corrected: r.Review.Corrected, Rejected: r.Review.Rejected,
		Added: r.Review.Added, Held: r.Review.Held}
	if r.Review.ConfirmedShare >= 0 {
		c, ch := r.Review.ConfirmedShare, r.Review.ChangedShare
		j.Review.ConfirmedShare, j.Review.ChangedShare = &c, &ch
	}
	j.Unlinked = []jsonUnlinked{}
	for _, u := range r.Unlinked {
		ju := jsonUnlinked{u.DocumentPortalID, u.Document, u.SenderCode, u.SenderName, "", u.Summary, u.Method, u.Note}
		if u.IssuedAt != nil {
			ju.Issued = u.IssuedAt.In(connectors.Zone).Format("2006-01-02")
		}
		j.Unlinked = append(j.Unlinked, ju)
	}
	j.Compliance = []jsonCompliance{}
	for _, c := range r.Compliance {
		j.Compliance = append(j.Compliance, jsonCompliance(c))
	}
	for _, o := range r.Overdue {
		j.Overdue = append(j.Overdue, jsonOverdue{o.TaskKey, o.Document, o.UnitCode, o.UnitName, o.Content,
			o.Deadline.In(connectors.Zone).Format("2006-01-02"), o.StatusText, o.WorkdaysOverdue})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(j)
}

// WriteXLSX writes one sheet per section with Vietnamese headers, a frozen header
// row, column widths, and deadlines as real dates (the local calendar day).
func WriteXLSX(w io.Writer, r Report, l Labels) error {
	// Text cells are neutralised (formula injection); dates are the local day.
	local := func(rows [][]any) [][]any {
		for _, row := range rows {
			for i, v := range row {
				switch x := v.(type) {
				case time.Time:
					row[i] = x.In(connectors.Zone)
				case string:
					row[i] = Neutralise(x)
				}
			}
		}
		return rows
	}
	var units [][]any
	for _, u := range r.Units {
		units = append(units, u.cells())
	}
	units = append(units, r.Total.cells())
	var od [][]any
	for _, o := range r.Overdue {
		od = append(od, o.cells())
	}
	var sg [][]any
	for _, s := range r.Signatures {
		sg = append(sg, s.cells())
	}
	var cp [][]any
	for _, c := range r.Compliance {
		cp = append(cp, c.cells(l))
	}
	var ul [][]any
	for _, u := range r.Unlinked {
		ul = append(ul, unlinkedCells(u, l))
	}
	header := func(h []string) []string {
		out := make([]string, len(h))
		for i, c := range h {
			out[i] = Neutralise(c)
		}
		return out
	}
	return writeXLSX(w, []xlsxSheet{
		{l.SheetUnits, header(l.unitHeader()), []float64{36, 16, 12, 14, 14, 14, 14, 14, 14, 12, 10, 10, 12, 16}, local(units)},
		{l.SheetOverdue, header(l.overdueHeader()), []float64{16, 18, 32, 16, 60, 12, 24, 14}, local(od)},
		{l.SheetSignatures, header(l.sigHeader()), []float64{20, 28, 40, 12}, local(sg)},
		{l.SheetCompliance, header(l.complianceHeader()), []float64{32, 36, 16, 10, 14, 14, 14}, local(cp)},
		{l.SheetUnlinked, header(l.unlinkedHeader()), []float64{20, 32, 16, 12, 60, 24, 40}, local(ul)},
		{l.SheetReview, header(l.reviewHeader()), []float64{18, 14, 12, 12, 16, 24, 30}, local([][]any{r.Review.cells()})},
	})
}
