package tracking

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"cddh-sync/connectors"
	"cddh-sync/rules/calendar"
	"cddh-sync/rules/profile"
	"cddh-sync/rules/status"
	"cddh-sync/signing"
	"cddh-sync/sync/report"
	"cddh-sync/sync/store"
)

func testRules(t *testing.T) *Rules {
	t.Helper()
	p, err := profile.Load(profile.Default)
	if err != nil {
		t.Fatal(err)
	}
	r, err := New(p, calendar.Default(), nil)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestComplianceLags: the report's lags come from the portal's timestamps, judged by
// the profile (Đồng Tháp: the same working day, after 15:00 the next).
func TestComplianceLags(t *testing.T) {
	rs := testRules(t)
	at := func(d, h int) *time.Time { v := time.Date(2026, 3, d, h, 0, 0, 0, connectors.Zone); return &v }
	due := at(27, 23)
	v := store.TaskView{State: "reported", DueAt: due, DocumentIssuedAt: at(16, 16), DocumentRecordedAt: at(17, 9),
		ReportedAt: at(18, 9), ReportRecordedAt: at(19, 10), CreatedAt: *at(20, 9)}
	got := map[string]bool{}
	for _, l := range rs.Lags(v, *at(23, 9)) {
		got[l.Obligation] = l.Breach
	}
	// Issued Monday after 15:00, recorded Tuesday: on time. Report of Wednesday
	// recorded Thursday: one day late. Waiting since Thursday, now Monday: late.
	want := map[string]bool{"entry": false, "update": true, "review": true}
	for k, w := range want {
		if b, ok := got[k]; !ok || b != w {
			t.Errorf("%s: measured %v breach %v, want breach %v", k, ok, b, w)
		}
	}
	v.DecidedAt = at(19, 14)
	for _, l := range rs.Lags(v, *at(23, 9)) {
		if l.Obligation == "review" && l.Breach {
			t.Error("a report decided the day it was recorded is not a review breach")
		}
	}
}

// TestRecurringExpansion: the real extraction and calendar give one task per
// quarter, each due on the 20th of the quarter's last month rolled to a working
// day, up to the first not yet due.
func TestRecurringExpansion(t *testing.T) {
	rs := testRules(t)
	issued := time.Date(2026, 1, 23, 9, 0, 0, 0, connectors.Zone)
	ex, err := rs.Extract(connectors.Document{IssuedAt: issued},
		"Giao Sở Tài chính tổng hợp, báo cáo UBND tỉnh tình hình thực hiện định kỳ hằng quý trước ngày 20 của tháng cuối quý.")
	if err != nil || len(ex.Tasks) != 1 || ex.Tasks[0].Recurrence != "quarterly" {
		t.Fatalf("extract = %+v, %v", ex.Tasks, err)
	}
	got := rs.Expand(ex.Tasks, issued, time.Date(2026, 11, 23, 9, 0, 0, 0, connectors.Zone))
	var periods, dues []string
	for _, r := range got {
		periods = append(periods, r.Period)
		dues = append(dues, r.Effective.Format("02/01"))
	}
	if strings.Join(periods, " ") != "2026-Q1 2026-Q2 2026-Q3 2026-Q4" || strings.Join(dues, " ") != "20/03 22/06 21/09 21/12" {
		t.Fatalf("occurrences %v due %v", periods, dues)
	}
	if got[3].DueAt == nil || got[3].DueAt.Format("02/01/2006 15:04") != "21/12/2026 23:59" {
		t.Fatalf("the Q4 occurrence is due %v", got[3].DueAt)
	}
}

// TestEventMapping: every kind the adapter writes maps onto the status machine or is
// informational; an unknown kind or an unreadable payload is a warning naming the
// event, never silently dropped and never a zero value.
func TestEventMapping(t *testing.T) {
	at := time.Date(2026, 3, 10, 9, 0, 0, 0, connectors.Zone)
	ev := func(key string, k Kind, payload any) store.EventRow {
		return store.EventRow{Key: key, Kind: string(k), At: at, Payload: payload}
	}
	evs := []store.EventRow{
		ev("a", Assigned, nil),
		ev("ack", OfAction(connectors.ActionAcknowledge), nil),
		ev("ext", OfAction(connectors.ActionExtend), json.RawMessage(`{"new_due":"2026-04-01T17:00:00+07:00","new_due_has_time":true,"document_id":42}`)),
		ev("r", ReportSent, nil),
		ev("mv", MovedTo, nil),
		ev("held", OfReview(Held), nil),
		ev("rej", OfReview(Rejected), nil),
		ev("w", Withdrawn, nil),
		ev("x", Replaced, nil),
		ev("c", Cancelled, nil),
		ev("bogus", Kind("SOMETHING_NEW"), nil),
		ev("badjson", OfAction(connectors.ActionExtend), json.RawMessage(`{"new_due":`)),
		ev("baddue", OfAction(connectors.ActionExtend), json.RawMessage(`{"new_due":"1/4/2026"}`)),
		ev("nodue", OfAction(connectors.ActionExtend), json.RawMessage(`{}`)),
	}
	got, warns := StatusEvents(evs)
	var kinds []string
	for _, e := range got {
		kinds = append(kinds, string(e.Kind))
	}
	want := []status.EventKind{status.EventAssigned, status.EventAcknowledged, status.EventExtended, status.EventReported,
		status.EventWithdrawn, status.EventReplaced, status.EventCancelled}
	if len(got) != len(want) {
		t.Fatalf("mapped %v, want %v", kinds, want)
	}
	for i, k := range want {
		if got[i].Kind != k {
			t.Errorf("event %d: %s, want %s", i, got[i].Kind, k)
		}
	}
	if e := got[2]; !e.NewDeadlineHasTime || e.NewDeadline.Format(time.RFC3339) != "2026-04-01T17:00:00+07:00" || e.DocID != "42" {
		t.Errorf("extension read as %+v", e)
	}
	var warned []string
	for _, w := range warns {
		warned = append(warned, w.EventKey)
		if w.Why == "" {
			t.Errorf("warning %s says nothing", w.EventKey)
		}
	}
	if strings.Join(warned, " ") != "bogus badjson baddue nodue" {
		t.Errorf("warnings for %v, want bogus badjson baddue nodue", warned)
	}
}

// TestDeriveCarriesWarnings: the engine's derivation reports an unreadable event
// beside the status derived from the others.
func TestDeriveCarriesWarnings(t *testing.T) {
	rs := testRules(t)
	issued := time.Date(2026, 3, 10, 9, 0, 0, 0, connectors.Zone)
	eff := time.Date(2026, 3, 20, 0, 0, 0, 0, connectors.Zone)
	d := rs.Derive(store.DeriveInput{Key: "k", IssuedAt: &issued, Effective: &eff},
		[]store.EventRow{{Key: "k:assigned", Kind: string(Assigned), At: issued}, {Key: "odd", Kind: "NOPE", At: issued}},
		time.Date(2026, 3, 12, 9, 0, 0, 0, connectors.Zone))
	if d.State != string(status.Assigned) || len(d.Warnings) != 1 || d.Warnings[0].EventKey != "odd" {
		t.Fatalf("derived %+v", d)
	}
	if d.DueAt == nil || !d.DueAt.Equal(calendar.EndOfDay(eff)) {
		t.Fatalf("due %v, want the end of 20/3", d.DueAt)
	}
	d = rs.Derive(store.DeriveInput{Key: "k", IssuedAt: &issued, Effective: &eff, DeadlineTime: "25:99"}, nil, issued)
	if len(d.Warnings) == 0 {
		t.Fatal("a deadline time that is not HH:MM went unnoticed")
	}
}

// TestStatusInputTime: a written time is the deadline; otherwise the end of the day.
func TestStatusInputTime(t *testing.T) {
	eff := time.Date(2026, 3, 20, 0, 0, 0, 0, connectors.Zone)
	in, err := StatusInput("k", nil, &eff, "10:30")
	if err != nil || !in.DeadlineHasTime || in.Deadline.Format("02/01 15:04") != "20/03 10:30" {
		t.Fatalf("%+v %v", in, err)
	}
	in, err = StatusInput("k", nil, &eff, "")
	if err != nil || in.DeadlineHasTime || in.Deadline.Format("02/01 15:04:05") != "20/03 23:59:59" {
		t.Fatalf("%+v %v", in, err)
	}
}

// TestClassify: each derived state lands in the report's category (rules.md §6).
func TestClassify(t *testing.T) {
	rs := testRules(t)
	now := time.Date(2026, 3, 25, 9, 0, 0, 0, connectors.Zone)
	due := time.Date(2026, 3, 20, 23, 59, 59, 0, connectors.Zone)
	for _, tc := range []struct {
		res  status.Result
		want report.Category
		over int
	}{
		{status.Result{State: status.Approved, Timeliness: status.OnTime}, report.DoneOnTime, 0},
		{status.Result{State: status.Approved, Timeliness: status.Late}, report.DoneLate, 0},
		{status.Result{State: status.Reported}, report.AwaitingApproval, 0},
		{status.Result{State: status.Returned}, report.Returned, 0},
		{status.Result{State: status.Cancelled}, report.Cancelled, 0},
		{status.Result{State: status.Assigned, Timeliness: status.OnTime}, report.NotStartedOnTime, 0},
		{status.Result{State: status.Assigned, Timeliness: status.Late, Deadline: &due}, report.NotStartedOverdue, 3},
		{status.Result{State: status.InProgress, Acknowledged: true, Timeliness: status.OnTime}, report.InProgressOnTime, 0},
		{status.Result{State: status.Urged, Acknowledged: true, Timeliness: status.Late, Deadline: &due}, report.InProgressOverdue, 3},
	} {
		c := rs.Classify(tc.res, now)
		if c.Category != tc.want || c.OverdueWorkday != tc.over {
			t.Errorf("%s/%s: %v overdue %d, want %v overdue %d", tc.res.State, tc.res.Timeliness, c.Category, c.OverdueWorkday, tc.want, tc.over)
		}
	}
	if l := rs.Labels(); l.DoneOnTime == l.DoneLate || l.NotStartedOverdue == "" {
		t.Errorf("labels %+v", l)
	}
}

// TestTracksUntimed: Đồng Tháp tracks only tasks with a deadline (001 Đ3.3).
func TestTracksUntimed(t *testing.T) {
	rs := testRules(t)
	eff := time.Date(2026, 3, 20, 0, 0, 0, 0, connectors.Zone)
	if rs.Tracks(store.TaskRow{}) || !rs.Tracks(store.TaskRow{Effective: &eff}) {
		t.Fatal("Đồng Tháp's untimed policy not applied")
	}
	kg, err := profile.Load("kien-giang")
	if err != nil {
		t.Fatal(err)
	}
	r2, _ := New(kg, calendar.Default(), nil)
	if !r2.Tracks(store.TaskRow{}) {
		t.Fatal("Kiên Giang tracks tasks without a deadline (003 Đ4)")
	}
	if _, err := New(nil, calendar.Default(), nil); err == nil {
		t.Fatal("rules without a profile were accepted")
	}
}

// TestVerdictRows: one row per signature; none gives the document's indication.
func TestVerdictRows(t *testing.T) {
	rows := VerdictRows(&signing.Report{Indication: signing.NoSignatureFound}, "pdf")
	if len(rows) != 1 || rows[0].Indication != string(signing.NoSignatureFound) {
		t.Fatalf("%+v", rows)
	}
	rep := &signing.Report{Indication: signing.TotalPassed, Signatures: []signing.SignatureResult{
		{Indication: signing.TotalPassed, SignedBy: "CN=A", SigningTime: "2026-03-10T09:00:00+07:00", CoversWholeDocument: true},
		{Indication: signing.Indeterminate, SubIndication: "TRY_LATER", SignedBy: "CN=B"},
	}}
	rows = VerdictRows(rep, "edxml")
	if len(rows) != 2 || rows[1].Position != 1 || rows[1].SubIndication != "TRY_LATER" || rows[0].SigningTime == nil || !*rows[0].CoversWholeDocument {
		t.Fatalf("%+v", rows)
	}
	if u := Unverified("pdf", "too big"); u[0].Indication != "INDETERMINATE" {
		t.Fatalf("%+v", u)
	}
}

// TestPortalDirectiveWithoutHeader: a document the portal issued as a directive is
// read as one even when its body has no header: a numbered plan whose items name
// their units as subjects gives its tasks (an independent portal served such a
// Kế hoạch and got none).
func TestPortalDirectiveWithoutHeader(t *testing.T) {
	rs := testRules(t)
	body := "UBND tỉnh ban hành Kế hoạch với các nhiệm vụ sau:\n" +
		"1. Sở Y tế chủ trì, phối hợp với Sở Giáo dục và Đào tạo tổ chức giám sát dịch bệnh tại các trường học, hoàn thành trước ngày 31/12/2026.\n" +
		"2. UBND các xã, phường triển khai chiến dịch vệ sinh môi trường, báo cáo kết quả về Sở Y tế trước 16 giờ ngày 15/12/2026.\n" +
		"3. Sở Giáo dục và Đào tạo hướng dẫn các trường học thực hiện biện pháp phòng bệnh, báo cáo UBND tỉnh trước ngày 25/12/2026.\n"
	ex, err := rs.Extract(connectors.Document{IssuedAt: time.Date(2026, 12, 1, 9, 0, 0, 0, connectors.Zone), Type: "Kế hoạch"}, body)
	if err != nil {
		t.Fatal(err)
	}
	var leads []string
	for _, task := range ex.Tasks {
		if len(task.Lead) > 0 {
			leads = append(leads, task.Lead[0].Name)
		}
	}
	if len(ex.Tasks) != 3 || !strings.Contains(strings.Join(leads, "|"), "Sở Y tế") {
		t.Fatalf("%d tasks, leads %v", len(ex.Tasks), leads)
	}
}
