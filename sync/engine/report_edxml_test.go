package engine

import (
	"context"
	"encoding/json"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"cddh-sync/connectors"
	"cddh-sync/connectors/edxml"
	"cddh-sync/connectors/portalsim"
	"cddh-sync/sync/engine/enginetest"
	"cddh-sync/sync/store"
)

// TestReportWithSignedEdxml: a unit's report comes with an edXML package signed by
// the simulator's PKI (001 Điều 8: the report is signed just as the directive is).
// The package is fetched and verified by the directive's own path; its verdict is
// recorded on the report (source edxml, beside its PDFs' verdict) and shown, per
// source, in the history note of the task it answers, also when the report is
// matched only later (rematch). A status message served as a report's package is
// handled as for a directive: never verified as a package, no verdict recorded.
func TestReportWithSignedEdxml(t *testing.T) {
	t.Parallel()
	b := setupSim(t, portalsim.Options{Seed: 7, SignPDF: enginetest.SignPDF, SignEdxml: enginetest.SignEdxml})
	ctx := context.Background()
	var mu sync.Mutex
	statusesVerified, packagesVerified := 0, 0
	funcsOf(b.eng).verify = func(ctx context.Context, path, kind string) ([]store.VerdictRow, error) {
		if kind == "edxml" {
			data, err := os.ReadFile(path)
			if err != nil {
				return nil, err
			}
			mu.Lock()
			if edxml.IsStatus(data) {
				statusesVerified++
			} else {
				packagesVerified++
			}
			mu.Unlock()
		}
		return enginetest.Files{}.Verify(ctx, path, kind)
	}
	now := time.Now().In(connectors.Zone)
	dir, err := b.sim.AddDirective("Công văn", "921/UBND-KT", "V/v báo cáo tình hình",
		"Giao Sở Tài chính báo cáo tình hình thực hiện trước ngày 30/12/2026.", now.Add(-5*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	signed, err := b.sim.AddReport("000.00.12.H20", "71/BC-STC", "Báo cáo tình hình thực hiện",
		"Sở Tài chính báo cáo kết quả thực hiện.", now.Add(-4*time.Hour), dir)
	if err != nil {
		t.Fatal(err)
	}
	status, err := b.sim.AddReport("000.00.12.H20", "72/BC-STC", "Báo cáo bổ sung",
		"Sở Tài chính báo cáo bổ sung.", now.Add(-3*time.Hour), dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := b.sim.UpdateDocument(status, func(d *portalsim.Document) { d.EdxmlStatus = "05" }); err != nil {
		t.Fatal(err)
	}
	// A directive with no task yet: its report is matched once tasks appear.
	later, err := b.sim.AddDirective("Công văn", "922/UBND-KT", "V/v rà soát", "Đề nghị các đơn vị lưu ý.", now.Add(-5*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	rematched, err := b.sim.AddReport("000.00.12.H20", "73/BC-STC", "Báo cáo rà soát",
		"Sở Tài chính báo cáo kết quả rà soát.", now.Add(-2*time.Hour), later)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []int64{signed, status, rematched} {
		if d, _ := b.sim.Document(id); !d.HasEdxml {
			t.Fatalf("report %d has no edXML package; the test proves nothing", id)
		}
	}
	if _, err := b.eng.Cycle(ctx); err != nil {
		t.Fatal(err)
	}
	verdicts := func(id int64, source string) []string {
		return column(t, b.st, `SELECT v.indication FROM signature_verdicts v JOIN documents d ON d.id = v.document_id
			WHERE d.portal_id = $1 AND v.source = $2 ORDER BY v.position`, strconv.FormatInt(id, 10), source)
	}
	if got := verdicts(signed, "edxml"); len(got) != 1 || got[0] != "TOTAL_PASSED" {
		t.Errorf("the signed report's edXML verdicts: %v, want [TOTAL_PASSED]", got)
	}
	if got := verdicts(signed, "pdf"); len(got) == 0 || got[0] != "TOTAL_PASSED" {
		t.Errorf("the signed report's PDF verdicts: %v, want TOTAL_PASSED", got)
	}
	if statusesVerified != 0 {
		t.Errorf("%d status messages verified as packages", statusesVerified)
	}
	if packagesVerified == 0 {
		t.Error("no edXML package verified")
	}
	if got := verdicts(status, "edxml"); len(got) != 0 {
		t.Errorf("edXML verdicts recorded for a status message: %v", got)
	}
	if !strings.Contains(b.logs.String(), `"event":"sync.edxml_status"`) {
		t.Errorf("the status message was not handled as one:\n%s", b.logs.String())
	}
	// The history of the directive's task: each report's event with its verdicts.
	type event struct {
		note    string
		payload []byte
	}
	history := func(directive, report int64) []event {
		rows, err := b.st.Pool().Query(ctx, `SELECT e.note, coalesce(e.payload::text, '') FROM task_events e
			JOIN tasks t ON t.id = e.task_id JOIN documents d ON d.id = t.document_id
			WHERE d.portal_id = $1 AND e.kind = 'report_sent' AND e.event_key LIKE $2`,
			strconv.FormatInt(directive, 10), "%:report:"+strconv.FormatInt(report, 10))
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []event
		for rows.Next() {
			var ev event
			var payload string
			if err := rows.Scan(&ev.note, &payload); err != nil {
				t.Fatal(err)
			}
			ev.payload = []byte(payload)
			out = append(out, ev)
		}
		return out
	}
	checkSigned := func(directive, report int64, ref string) {
		t.Helper()
		evs := history(directive, report)
		if len(evs) != 1 {
			t.Fatalf("%d report events of %s on the directive's task, want 1", len(evs), ref)
		}
		ev := evs[0]
		if !strings.Contains(ev.note, ref) || !strings.Contains(ev.note, "gói edXML TOTAL_PASSED") ||
			!strings.Contains(ev.note, "tệp PDF TOTAL_PASSED") {
			t.Errorf("the history note does not show the report's verdicts per source: %q", ev.note)
		}
		var pl struct {
			Signature reportSig `json:"signature"`
		}
		if err := json.Unmarshal(ev.payload, &pl); err != nil {
			t.Fatalf("payload %s: %v", ev.payload, err)
		}
		if pl.Signature.Indication != "TOTAL_PASSED" || len(pl.Signature.Sources) != 2 ||
			pl.Signature.Sources[1].Source != "edxml" || pl.Signature.Sources[1].Indication != "TOTAL_PASSED" {
			t.Errorf("the event's signature payload: %+v", pl.Signature)
		}
	}
	checkSigned(dir, signed, "71/BC-STC")
	// The status message's report: matched, with its PDF verdict only.
	if evs := history(dir, status); len(evs) != 1 || strings.Contains(evs[0].note, "edXML") ||
		!strings.Contains(evs[0].note, "chữ ký số của báo cáo: TOTAL_PASSED") {
		t.Errorf("the report served a status message: events %+v", evs)
	}

	// The later directive gets a task: its report, read before, now answers it
	// with the verdicts recorded when it was read.
	if err := b.sim.UpdateDocument(later, func(d *portalsim.Document) {
		d.Body = "Giao Sở Tài chính rà soát hồ sơ trước ngày 30/12/2026."
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.eng.Cycle(ctx); err != nil {
		t.Fatal(err)
	}
	checkSigned(later, rematched, "73/BC-STC")
}
