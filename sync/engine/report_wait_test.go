package engine

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"cddh-sync/connectors/portalsim"
	"cddh-sync/sync/store"
)

// TestSenderWaitsForAllDirectives: a report that only its sender places is not
// placed on the sender's one stored task while a pass over the issued
// directives left one unread (the one it may answer): it waits, and after the
// next complete pass it is placed as a clean read places it (here: the sender
// leads two open tasks, so it is ambiguous, for a person to link).
func TestSenderWaitsForAllDirectives(t *testing.T) {
	t.Parallel()
	b, ctx := setup(t, portalsim.Faults{}, 1), context.Background()
	dirs, rep := senderRig(t, b)
	link := func() (method, note string) {
		_ = b.st.Pool().QueryRow(ctx, `SELECT string_agg(DISTINCT rl.method, ','), string_agg(DISTINCT rl.note, ',') FROM report_links rl
			JOIN documents d ON d.id = rl.report_document_id WHERE d.portal_id = $1`, fmt.Sprint(rep)).Scan(&method, &note)
		return
	}
	if _, err := b.eng.Cycle(ctx); err != nil {
		t.Fatal(err)
	}
	if n := count(t, b.st, `SELECT count(*) FROM sync_runs WHERE stream = 'DI' AND outcome = 'partial'`); n != 1 {
		t.Fatalf("%d partial DI runs, want the broken directive to leave one", n)
	}
	if m, note := link(); m != "unmatched" || !strings.HasPrefix(note, store.WaitingForDirectives) {
		t.Fatalf("with a directive unread the report is %q (%q), want it waiting", m, note)
	}
	if n := count(t, b.st, `SELECT count(*) FROM task_events WHERE kind = 'report_sent'`); n != 0 {
		t.Fatalf("%d report events while a directive is unread", n)
	}
	if err := b.sim.Break(dirs[1], false); err != nil {
		t.Fatal(err)
	}
	if _, err := b.eng.Cycle(ctx); err != nil {
		t.Fatal(err)
	}
	if m, _ := link(); m != "ambiguous" {
		t.Fatalf("after a complete pass the report is %q, want ambiguous (its sender leads both tasks)", m)
	}
	if n := count(t, b.st, `SELECT count(*) FROM task_events WHERE kind = 'report_sent'`); n != 0 {
		t.Fatalf("%d report events: the report was placed on one of two tasks", n)
	}
}

// TestSenderWaitIsBounded: when the unread directive never comes (the portal
// keeps failing to serve it), the report waits through maxWaitPasses passes
// over the issued directives begun after it was stored, then is placed on what
// is stored, not held for ever.
func TestSenderWaitIsBounded(t *testing.T) {
	t.Parallel()
	b, ctx := setup(t, portalsim.Faults{}, 1), context.Background()
	_, rep := senderRig(t, b) // its second directive broken for good
	method := func() (m string) {
		_ = b.st.Pool().QueryRow(ctx, `SELECT string_agg(DISTINCT rl.method, ',') FROM report_links rl
			JOIN documents d ON d.id = rl.report_document_id WHERE d.portal_id = $1`, fmt.Sprint(rep)).Scan(&m)
		return
	}
	// The first cycle's DI pass began before the report was stored: it does
	// not count; the next maxWaitPasses-1 leave it waiting.
	for cycle := 1; cycle <= maxWaitPasses; cycle++ {
		if _, err := b.eng.Cycle(ctx); err != nil {
			t.Fatal(err)
		}
		if m := method(); m != "unmatched" {
			t.Fatalf("cycle %d: the report is %q, want it still waiting", cycle, m)
		}
	}
	if _, err := b.eng.Cycle(ctx); err != nil {
		t.Fatal(err)
	}
	// Placed by what is stored: its sender leads several stored tasks (the
	// simulator's own directive's too), so it is ambiguous, for a person to
	// link; no longer waiting.
	if m := method(); m != "ambiguous" {
		t.Fatalf("after %d passes with the directive still unread the report is %q, want it placed on what is stored (ambiguous)", maxWaitPasses, m)
	}
	var note string
	_ = b.st.Pool().QueryRow(ctx, `SELECT string_agg(DISTINCT rl.note, ',') FROM report_links rl
		JOIN documents d ON d.id = rl.report_document_id WHERE d.portal_id = $1`, fmt.Sprint(rep)).Scan(&note)
	if strings.HasPrefix(note, store.WaitingForDirectives) {
		t.Fatalf("the report still waits: %q", note)
	}
}

// senderRig adds two directives tasking the report's sender, the second one
// broken (the portal fails to serve it), and a report from the sender that
// cites neither: only its sender can place it.
func senderRig(t *testing.T, b *bundle) (dirs []int64, rep int64) {
	t.Helper()
	issued := time.Now().Add(-48 * time.Hour)
	for i, body := range []string{
		"Giao Sở Tài chính rà soát hồ sơ đất đai tồn đọng, báo cáo trước ngày 30/12/2026.",
		"Giao Sở Tài chính lập dự toán bổ sung, báo cáo trước ngày 30/12/2026.",
	} {
		id, err := b.sim.AddDocument(portalsim.Document{Direction: portalsim.Issued, Type: "Công văn", Notation: fmt.Sprintf("%d/UBND-KT", 77+i),
			Subject: "Tài chính", Body: body, IssuedAt: issued, Directive: true})
		if err != nil {
			t.Fatal(err)
		}
		dirs = append(dirs, id)
	}
	if err := b.sim.Break(dirs[1], true); err != nil {
		t.Fatal(err)
	}
	rep, err := b.sim.AddReport("000.00.12.H20", "BC-STC", "Báo cáo kết quả thực hiện nhiệm vụ được giao", "Nội dung.", time.Now().Add(-time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	return dirs, rep
}
