package engine

import (
	"context"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"cddh-sync/connectors"
	"cddh-sync/connectors/edxml"
	"cddh-sync/connectors/portalsim"
	"cddh-sync/signing"
	"cddh-sync/sync/store"
	"cddh-sync/sync/tracking"
)

// TestEdxmlStatusMessage: when the exchange relays a status message where a
// directive's edXML package was expected, it is recognised as one. It is never
// verified or recorded as an (unsigned) package; a recall (13) withdraws the directive
// it answers, cancelling its tasks with history; a receiver's status (05) changes
// nothing else. A real package beside them is verified as before.
func TestEdxmlStatusMessage(t *testing.T) {
	t.Parallel()
	b := setup(t, portalsim.Faults{}, 0)
	ctx := context.Background()
	var mu sync.Mutex
	statusesVerified := 0
	funcsOf(b.eng).verify = func(ctx context.Context, path, kind string) ([]store.VerdictRow, error) {
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		var rep *signing.Report
		if kind == "edxml" {
			if edxml.IsStatus(data) {
				mu.Lock()
				statusesVerified++
				mu.Unlock()
			}
			rep, err = signing.VerifyXML(ctx, path, data, signing.Options{})
		} else {
			rep, err = signing.VerifyPDF(ctx, path, data, signing.Options{})
		}
		if err != nil {
			return tracking.Unverified(kind, err.Error()), nil
		}
		return tracking.VerdictRows(rep, kind), nil
	}
	issued := time.Date(2026, 3, 10, 9, 0, 0, 0, connectors.Zone)
	add := func(notation, status string) int64 {
		id, err := b.sim.AddDirective("Thông báo", notation, "Kết luận của Chủ tịch UBND tỉnh",
			"Giao Sở Tài chính rà soát hồ sơ đất đai tồn đọng.", issued)
		if err != nil {
			t.Fatal(err)
		}
		if err := b.sim.UpdateDocument(id, func(d *portalsim.Document) { d.HasEdxml, d.EdxmlStatus = true, status }); err != nil {
			t.Fatal(err)
		}
		return id
	}
	recalled := add("45/TB-UBND", "")
	processing := add("46/TB-UBND", "05")
	plain := add("47/TB-UBND", "")
	if _, err := b.eng.Cycle(ctx); err != nil {
		t.Fatal(err)
	}
	if statusesVerified != 0 {
		t.Errorf("%d status messages verified as packages", statusesVerified)
	}
	edxmlVerdicts := func(id int64) int {
		return count(t, b.st, `SELECT count(*) FROM signature_verdicts v JOIN documents d ON d.id = v.document_id
			WHERE v.source = 'edxml' AND d.portal_id = '`+strconv.FormatInt(id, 10)+`'`)
	}
	state := func(id int64) string {
		var s string
		if err := b.st.Pool().QueryRow(ctx, `SELECT state FROM documents WHERE portal_id = $1`, strconv.FormatInt(id, 10)).Scan(&s); err != nil {
			t.Fatal(err)
		}
		return s
	}
	tasks := func(id int64, st string) int {
		return count(t, b.st, `SELECT count(*) FROM tasks t JOIN documents d ON d.id = t.document_id
			WHERE d.portal_id = '`+strconv.FormatInt(id, 10)+`' AND t.state = '`+st+`'`)
	}
	// The simulator's packages are unsigned (no SignEdxml): verified, no verdict rows.
	if edxmlVerdicts(processing) != 0 {
		t.Errorf("edXML verdicts recorded for a status message: %d", edxmlVerdicts(processing))
	}
	if state(processing) != "issued" || tasks(processing, "assigned") != 1 {
		t.Errorf("a receiver's status changed the directive: %s, %d assigned tasks", state(processing), tasks(processing, "assigned"))
	}
	if !strings.Contains(b.logs.String(), `"event":"sync.edxml_status"`) || !strings.Contains(b.logs.String(), `"code":"05"`) {
		t.Errorf("no sync.edxml_status event logged:\n%s", b.logs.String())
	}
	if tasks(recalled, "assigned") != 1 {
		t.Fatalf("the directive to recall has %d tasks", tasks(recalled, "assigned"))
	}

	// The issuer recalls it: the exchange relays status 13 about it.
	if err := b.sim.UpdateDocument(recalled, func(d *portalsim.Document) { d.EdxmlStatus = "13" }); err != nil {
		t.Fatal(err)
	}
	if _, err := b.eng.Cycle(ctx); err != nil {
		t.Fatal(err)
	}
	if state(recalled) != "withdrawn" || tasks(recalled, "cancelled") != 1 || tasks(recalled, "assigned") != 0 {
		t.Errorf("after the recall: document %s, %d cancelled, %d assigned", state(recalled), tasks(recalled, "cancelled"), tasks(recalled, "assigned"))
	}
	if n := count(t, b.st, `SELECT count(*) FROM task_events e JOIN tasks t ON t.id = e.task_id JOIN documents d ON d.id = t.document_id
		WHERE d.portal_id = '`+strconv.FormatInt(recalled, 10)+`' AND e.kind = 'THU_HOI'`); n != 1 {
		t.Errorf("%d THU_HOI events, want 1", n)
	}
	if state(plain) != "issued" || state(processing) != "issued" {
		t.Errorf("other directives changed: %s %s", state(plain), state(processing))
	}
	// Another cycle changes nothing.
	events := count(t, b.st, `SELECT count(*) FROM task_events`)
	if _, err := b.eng.Cycle(ctx); err != nil {
		t.Fatal(err)
	}
	if n := count(t, b.st, `SELECT count(*) FROM task_events`); n != events {
		t.Errorf("a further cycle added %d events", n-events)
	}
}

// TestAnswers: a status message answers the document its ResponseFor names.
func TestAnswers(t *testing.T) {
	t.Parallel()
	doc := connectors.Document{Reference: "45/TB-UBND"}
	for _, c := range []struct {
		code, id string
		want     bool
	}{
		{"45/TB-UBND", "", true},
		{"45 / tb-ubnd", "", true},
		{"", "000.00.00.H20,2026/03/10,45/TB-UBND", true},
		{"", "", true},
		{"46/TB-UBND", "", false},
		{"", "000.00.00.H20,2026/03/10,145/TB-UBND", false},
	} {
		if got := answers(edxmlResponse(c.code, c.id), doc); got != c.want {
			t.Errorf("answers(%q, %q) = %v", c.code, c.id, got)
		}
	}
}

func edxmlResponse(code, id string) edxml.ResponseFor {
	return edxml.ResponseFor{Code: code, DocumentID: id}
}
