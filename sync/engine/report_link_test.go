package engine

import (
	"context"
	"strconv"
	"testing"
	"time"

	"cddh-sync/connectors"
	"cddh-sync/connectors/portalsim"
)

// TestLinkedReportStaysWithItsDirective: a report the portal links to a directive
// that has no tracked task is left unmatched, never placed on another directive's
// task of the same unit; a report with no link still falls back to its sender.
func TestLinkedReportStaysWithItsDirective(t *testing.T) {
	t.Parallel()
	b := setup(t, portalsim.Faults{}, 5)
	ctx := context.Background()
	now := time.Now().In(connectors.Zone)
	noTasks, err := b.sim.AddDirective("Công văn", "910/UBND-KT", "V/v thông báo", "Thông báo lịch họp tháng 12.", now.Add(-3*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	withTask, err := b.sim.AddDirective("Công văn", "911/UBND-KT", "V/v báo cáo", "Giao Sở Tài chính báo cáo trước ngày 30/12/2026.", now.Add(-3*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.eng.Cycle(ctx); err != nil {
		t.Fatal(err)
	}
	linked, err := b.sim.AddReport("000.00.12.H20", "60/BC-STC", "Báo cáo", "Sở Tài chính báo cáo.", now.Add(-time.Hour), noTasks)
	if err != nil {
		t.Fatal(err)
	}
	unlinked, err := b.sim.AddReport("000.00.12.H20", "61/BC-STC", "Báo cáo", "Sở Tài chính báo cáo.", now.Add(-time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.eng.Cycle(ctx); err != nil {
		t.Fatal(err)
	}
	links := func(report int64) (method string, onTask int) {
		t.Helper()
		err := b.st.Pool().QueryRow(ctx, `SELECT min(l.method), count(l.task_id) FROM report_links l
			JOIN documents r ON r.id = l.report_document_id WHERE r.portal_id = $1`, strconv.FormatInt(report, 10)).Scan(&method, &onTask)
		if err != nil {
			t.Fatal(err)
		}
		return method, onTask
	}
	if m, n := links(linked); m != "unmatched" || n != 0 {
		t.Errorf("the report linked to a directive without tasks: method %q on %d tasks, want unmatched", m, n)
	}
	// (The simulator's own directives may give the unit other open tasks: the
	// sender's match is then ambiguous, but it is still the sender's.)
	if m, _ := links(unlinked); m != "sender" && m != "ambiguous" {
		t.Errorf("the report without a link: method %q, want a match by its sender", m)
	}
	var onOther int
	_ = b.st.Pool().QueryRow(ctx, `SELECT count(*) FROM task_events e JOIN tasks t ON t.id = e.task_id
		JOIN documents d ON d.id = t.document_id WHERE d.portal_id = $1 AND e.event_key LIKE '%:report:' || $2`,
		strconv.FormatInt(withTask, 10), strconv.FormatInt(linked, 10)).Scan(&onOther)
	if onOther != 0 {
		t.Error("the linked report answered another directive's task")
	}
}
