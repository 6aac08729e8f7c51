package engine

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"cddh-sync/connectors"
	"cddh-sync/connectors/portalsim"
	"cddh-sync/sync/store"
)

// TestRecurringTaskGrowsOnePeriodAtATime: a monthly report task is tracked as one
// task per month, every one already due and the next; as months pass the engine
// adds the next one, once, without touching the others.
func TestRecurringTaskGrowsOnePeriodAtATime(t *testing.T) {
	t.Parallel()
	b := setup(t, portalsim.Faults{}, 1)
	ctx := context.Background()
	issued := time.Date(2026, 1, 10, 9, 0, 0, 0, connectors.Zone)
	first := time.Date(2026, 1, 25, 0, 0, 0, 0, connectors.Zone)
	base := funcsOf(b.eng).extract
	funcsOf(b.eng).extract = func(doc connectors.Document, text string) (Extraction, error) {
		ex, err := base(doc, text)
		for i := range ex.Tasks {
			if strings.Contains(ex.Tasks[i].Content, "hằng tháng") {
				f := first
				ex.Tasks[i].Recurrence, ex.Tasks[i].Nominal, ex.Tasks[i].Effective = "monthly", &f, &f
			}
		}
		return ex, err
	}
	// A month is 30 days here; the real calendar arithmetic is rules/status's.
	funcsOf(b.eng).expand = func(rows []store.TaskRow, _, now time.Time) []store.TaskRow {
		var out []store.TaskRow
		for _, r := range rows {
			if r.Recurrence == "" || r.Period != "" {
				out = append(out, r)
				continue
			}
			for k := 0; ; k++ {
				nom := r.Nominal.AddDate(0, k, 0)
				o := r
				due := nom.Add(24*time.Hour - time.Second)
				o.Nominal, o.Effective, o.DueAt, o.Period = &nom, &nom, &due, nom.Format("2006-01")
				out = append(out, o)
				if due.After(now) {
					break
				}
			}
		}
		return out
	}
	derive := funcsOf(b.eng).derive
	funcsOf(b.eng).derive = func(t store.DeriveInput, evs []store.EventRow, now time.Time) Derived {
		d := derive(t, evs, now)
		if t.Effective != nil {
			due := t.Effective.Add(24*time.Hour - time.Second)
			d.DueAt = &due
		}
		return d
	}
	clock := time.Date(2026, 3, 26, 9, 0, 0, 0, connectors.Zone)
	b.eng.opts.Now = func() time.Time { return clock }
	if _, err := b.sim.AddDirective("Công văn", "UBND-KT", "Báo cáo giải ngân",
		"Giao Sở Tài chính báo cáo định kỳ hằng tháng tình hình giải ngân vốn đầu tư công.", issued); err != nil {
		t.Fatal(err)
	}
	column := func(sql string) string { // one text column, space-separated
		rows, err := b.st.Pool().Query(ctx, sql)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for rows.Next() {
			var p string
			_ = rows.Scan(&p)
			out = append(out, p)
		}
		return strings.Join(out, " ")
	}
	periods := func() string {
		return column(`SELECT period FROM tasks WHERE content LIKE '%hằng tháng%' AND state <> 'cancelled' ORDER BY period`)
	}
	if _, err := b.eng.Cycle(ctx); err != nil {
		t.Fatal(err)
	}
	if got := periods(); got != "2026-01 2026-02 2026-03 2026-04" {
		t.Fatalf("periods after the first sync: %q", got)
	}
	// The clerks' note names the series once, with the occurrence due next.
	var note string
	for _, c := range b.sim.AllComments() {
		if strings.Contains(c.Content, "hằng tháng") {
			note = c.Content
		}
	}
	if !strings.Contains(note, "ghi nhận 1 nhiệm vụ") || !strings.Contains(note, "định kỳ hằng tháng, đang theo dõi 4 kỳ; kỳ 2026-04 hạn 25/04/2026") {
		t.Errorf("registration note:\n%s", note)
	}
	// A report naming its month answers that month only; one naming none answers
	// the earliest still open.
	dir := func() int64 {
		var id int64
		_ = b.st.Pool().QueryRow(ctx, `SELECT d.portal_id::bigint FROM documents d JOIN tasks t ON t.document_id = d.id
			WHERE t.content LIKE '%hằng tháng%' LIMIT 1`).Scan(&id)
		return id
	}()
	for _, subject := range []string{"Báo cáo tình hình giải ngân tháng 2 năm 2026", "Báo cáo tình hình giải ngân vốn đầu tư công"} {
		if _, err := b.sim.AddReport("000.00.12.H20", "BC-STC", subject, "Nội dung báo cáo.", clock.Add(-time.Hour), dir); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := b.eng.Cycle(ctx); err != nil {
		t.Fatal(err)
	}
	reported := func() string {
		return column(`SELECT DISTINCT t.period FROM task_events e JOIN tasks t ON t.id = e.task_id
			WHERE e.kind = 'report_sent' AND t.content LIKE '%hằng tháng%' ORDER BY 1`)
	}
	if got := reported(); got != "2026-01 2026-02" {
		t.Fatalf("occurrences reported: %q, want the named February and the earliest open January", got)
	}

	clock = time.Date(2026, 4, 26, 9, 0, 0, 0, connectors.Zone)
	for range 2 {
		if _, err := b.eng.Cycle(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if got := periods(); got != "2026-01 2026-02 2026-03 2026-04 2026-05" {
		t.Fatalf("periods a month later: %q", got)
	}
	var events int
	if err := b.st.Pool().QueryRow(ctx, `SELECT count(*) FROM task_events e JOIN tasks t ON t.id = e.task_id
		WHERE t.period = '2026-05' AND e.kind = 'assigned'`).Scan(&events); err != nil || events != 1 {
		t.Fatalf("the new occurrence has %d assigned events (%v)", events, err)
	}
	if _, ok := b.sim.Tasks()[func() string {
		var k string
		_ = b.st.Pool().QueryRow(ctx, `SELECT task_key FROM tasks WHERE period = '2026-05'`).Scan(&k)
		return k
	}()]; !ok {
		t.Error("the new occurrence's record was not pushed to the portal")
	}
}

// TestReportBeforeItsDirective: a report read before the directive it cites is
// recorded unmatched, then linked once the directive's tasks appear.
func TestReportBeforeItsDirective(t *testing.T) {
	t.Parallel()
	b := setup(t, portalsim.Faults{}, 1)
	ctx := context.Background()
	issued := time.Now().Add(-48 * time.Hour)
	rep, err := b.sim.AddReport("000.00.12.H20", "BC-STC", "Báo cáo kết quả thực hiện Công văn số 77/UBND-KT", "Nội dung.", time.Now().Add(-time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.eng.Cycle(ctx); err != nil {
		t.Fatal(err)
	}
	method := func() string {
		var m string
		_ = b.st.Pool().QueryRow(ctx, `SELECT string_agg(DISTINCT rl.method, ',') FROM report_links rl JOIN documents d ON d.id = rl.report_document_id
			WHERE d.portal_id = $1`, fmt.Sprint(rep)).Scan(&m)
		return m
	}
	if m := method(); m != "unmatched" && m != "ambiguous" {
		t.Fatalf("before its directive the report is %q", m)
	}
	if _, err := b.sim.AddDocument(portalsim.Document{Direction: portalsim.Issued, Type: "Công văn", Notation: "77/UBND-KT",
		Subject: "Rà soát hồ sơ", Body: "Giao Sở Tài chính rà soát hồ sơ đất đai tồn đọng.", IssuedAt: issued, Directive: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.eng.Cycle(ctx); err != nil {
		t.Fatal(err)
	}
	if m := method(); m != "reference" {
		t.Fatalf("after its directive the report is %q", m)
	}
	if n := count(t, b.st, `SELECT count(*) FROM task_events WHERE kind = 'report_sent'`); n != 1 {
		t.Fatalf("%d report events, want 1", n)
	}
	// Nothing more happens on later cycles.
	if _, err := b.eng.Cycle(ctx); err != nil {
		t.Fatal(err)
	}
	if n := count(t, b.st, `SELECT count(*) FROM task_events WHERE kind = 'report_sent'`); n != 1 {
		t.Fatalf("%d report events after another cycle", n)
	}
}
