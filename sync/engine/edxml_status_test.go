package engine

import (
	"bytes"
	"context"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"cddh-sync/connectors"
	"cddh-sync/connectors/portalsim"
	"cddh-sync/sync/engine/enginetest"
	"cddh-sync/sync/store"
)

// simClock is the simulator's clock, moved by hand: the Timestamp of the status
// messages it serves.
type simClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *simClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *simClock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

// statusBundle is an engine over a simulator whose clock the test moves.
func statusBundle(t *testing.T) (*bundle, *simClock) {
	t.Helper()
	clock := &simClock{t: time.Now().In(connectors.Zone).Truncate(time.Second)}
	return setupSim(t, portalsim.Options{Seed: 7, SignPDF: enginetest.SignPDF, Clock: clock.Now}), clock
}

func (b *bundle) exchangeStatus(t *testing.T, id int64) *store.ExchangeStatus {
	t.Helper()
	x, err := b.st.CurrentExchangeStatus(context.Background(), b.st.Pool(), strconv.FormatInt(id, 10))
	if err != nil {
		t.Fatal(err)
	}
	return x
}

func (b *bundle) serveStatus(t *testing.T, id int64, code, about string) {
	t.Helper()
	if err := b.sim.UpdateDocument(id, func(d *portalsim.Document) { d.HasEdxml, d.EdxmlStatus, d.EdxmlStatusFor = true, code, about }); err != nil {
		t.Fatal(err)
	}
	if _, err := b.eng.Cycle(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// TestEdxmlExchangeStatus: every receiver's status message (01–06, and 16 on a
// recall) the exchange relays about a directive becomes its current exchange
// status, with the sender's description, organisation, staff and the message's
// Timestamp, shown with its tasks. The same message delivered again is stored
// once; an older message arriving after a newer one is kept in the history but
// does not replace the current status.
func TestEdxmlExchangeStatus(t *testing.T) {
	t.Parallel()
	b, clock := statusBundle(t)
	ctx := context.Background()
	id, err := b.sim.AddDirective("Thông báo", "45/TB-UBND", "Kết luận của Chủ tịch UBND tỉnh",
		"Giao Sở Tài chính rà soát hồ sơ đất đai tồn đọng.", clock.Now().Add(-time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	rows := func() int {
		return count(t, b.st, `SELECT count(*) FROM exchange_statuses x JOIN documents d ON d.id = x.document_id
			WHERE d.portal_id = '`+strconv.FormatInt(id, 10)+`'`)
	}
	start := clock.Now()
	at := map[string]time.Time{}
	for i, code := range []string{"01", "02", "03", "04", "05", "06", "16"} {
		at[code] = start.Add(time.Duration(i+1) * time.Minute)
		clock.Set(at[code])
		b.serveStatus(t, id, code, "")
		x := b.exchangeStatus(t, id)
		if x == nil {
			t.Fatalf("status %s: no exchange status stored", code)
		}
		if x.Code != code || x.Description != "Trạng thái văn bản "+code || !x.MessageAt.Equal(at[code]) ||
			x.FromOrganID == "" || x.StaffDepartment != "Văn thư" || x.StaffName != "Văn thư" || x.ReceivedAt.IsZero() {
			t.Errorf("status %s: current exchange status %+v", code, x)
		}
		if n := rows(); n != i+1 {
			t.Errorf("status %s: %d messages stored, want %d", code, n, i+1)
		}
		// Where users look: the directive's tasks.
		views, err := b.st.ListTasks(ctx, store.TaskFilter{DocumentPortalIDs: []string{strconv.FormatInt(id, 10)}})
		if err != nil {
			t.Fatal(err)
		}
		if len(views) == 0 {
			t.Fatal("the directive has no task; the view check proves nothing")
		}
		for _, v := range views {
			if v.ExchangeStatus == nil || v.ExchangeStatus.Code != code {
				t.Errorf("status %s: task %s shows %+v", code, v.Key, v.ExchangeStatus)
			}
		}
		if state := count(t, b.st, `SELECT count(*) FROM documents WHERE state = 'issued' AND portal_id = '`+strconv.FormatInt(id, 10)+`'`); state != 1 {
			t.Errorf("status %s changed the directive's state", code)
		}
	}
	if !strings.Contains(b.logs.String(), `"event":"sync.edxml_status"`) {
		t.Errorf("no sync.edxml_status line:\n%s", b.logs.String())
	}

	// The 06 message delivered again (same ResponseFor, code, Timestamp, sender):
	// stored once, and 16 stays current.
	clock.Set(at["06"])
	b.serveStatus(t, id, "06", "")
	if n := rows(); n != 7 {
		t.Errorf("a message delivered twice: %d messages stored, want 7", n)
	}
	if x := b.exchangeStatus(t, id); x == nil || x.Code != "16" {
		t.Errorf("a redelivered older message became current: %+v", x)
	}
	// An older message, new to the store, arriving after the newer ones.
	clock.Set(at["03"].Add(-30 * time.Second))
	b.serveStatus(t, id, "05", "")
	if n := rows(); n != 8 {
		t.Errorf("the late message: %d messages stored, want 8", n)
	}
	if x := b.exchangeStatus(t, id); x == nil || x.Code != "16" || !x.MessageAt.Equal(at["16"]) {
		t.Errorf("an older message replaced the current status: %+v", x)
	}
	// A newer one moves it again.
	clock.Set(at["16"].Add(time.Minute))
	b.serveStatus(t, id, "05", "")
	if x := b.exchangeStatus(t, id); x == nil || x.Code != "05" {
		t.Errorf("a newer message did not become current: %+v", x)
	}
}

// TestEdxmlStatusUnknownDocument: a status message relayed through one document
// about another: given to that document when the store has it; kept, with a
// warning naming its ResponseFor, when it does not, and given to the document
// (without the description, which waited for the document's secrecy) when it is
// recorded.
func TestEdxmlStatusUnknownDocument(t *testing.T) {
	t.Parallel()
	b, clock := statusBundle(t)
	issued := clock.Now().Add(-time.Hour)
	known, err := b.sim.AddDirective("Thông báo", "46/TB-UBND", "Kết luận", "Giao Sở Tài chính rà soát hồ sơ.", issued)
	if err != nil {
		t.Fatal(err)
	}
	carrier, err := b.sim.AddDirective("Thông báo", "47/TB-UBND", "Kết luận", "Giao Sở Tài chính lập kế hoạch.", issued)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.eng.Cycle(context.Background()); err != nil {
		t.Fatal(err)
	}
	// About a stored document: that document's status, not the carrier's.
	clock.Set(clock.Now().Add(time.Minute))
	b.serveStatus(t, carrier, "04", "46/TB-UBND")
	if x := b.exchangeStatus(t, known); x == nil || x.Code != "04" || x.Description != "Trạng thái văn bản 04" {
		t.Errorf("the known document's status: %+v", x)
	}
	if x := b.exchangeStatus(t, carrier); x != nil {
		t.Errorf("the carrier took another document's status: %+v", x)
	}
	// About a document not in the store.
	clock.Set(clock.Now().Add(time.Minute))
	msgAt := clock.Now()
	b.serveStatus(t, carrier, "03", "77/TB-UBND")
	if n := count(t, b.st, `SELECT count(*) FROM exchange_statuses WHERE document_id IS NULL AND response_code = '77/TB-UBND'
		AND status_code = '03' AND description = ''`); n != 1 {
		t.Errorf("%d kept messages about the unknown document, want 1", n)
	}
	if !strings.Contains(b.logs.String(), `"event":"sync.edxml_status_pending"`) || !strings.Contains(b.logs.String(), `"response_for":"77/TB-UBND"`) {
		t.Errorf("no warning naming the ResponseFor:\n%s", b.logs.String())
	}
	later, err := b.sim.AddDirective("Thông báo", "77/TB-UBND", "Kết luận", "Giao Sở Tài chính kiểm tra.", issued)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.eng.Cycle(context.Background()); err != nil {
		t.Fatal(err)
	}
	if x := b.exchangeStatus(t, later); x == nil || x.Code != "03" || !x.MessageAt.Equal(msgAt) || x.Description != "" {
		t.Errorf("the document that arrived after its status: %+v", x)
	}
	if n := count(t, b.st, `SELECT count(*) FROM exchange_statuses WHERE document_id IS NULL`); n != 0 {
		t.Errorf("%d messages still kept for an unknown document", n)
	}
}

// TestEdxmlStatusSecret: a secret document (Mật, Tối mật, Tuyệt mật) keeps of its
// status messages the code only, never their Description: a directive marked
// secret inside its text whose edXML endpoint serves a status; a directive read
// as ordinary, with a status, later marked secret; a message kept for an unknown
// document that turns out secret. The descriptions are then nowhere in pg_dump.
func TestEdxmlStatusSecret(t *testing.T) {
	t.Parallel()
	b, clock := statusBundle(t)
	issued := clock.Now().Add(-time.Hour)
	f := funcsOf(b.eng)
	extract := f.extract
	f.extract = func(doc connectors.Document, text string) (Extraction, error) {
		ex, err := extract(doc, text)
		if strings.Contains(text, "ĐỘ MẬT: Mật") {
			ex.Secrecy = "Mật"
		}
		return ex, err
	}
	inText, err := b.sim.AddDirective("Thông báo", "91/TB-UBND", "Kết luận", "ĐỘ MẬT: Mật\nGiao Sở Tài chính kiểm kê.", issued)
	if err != nil {
		t.Fatal(err)
	}
	later, err := b.sim.AddDirective("Thông báo", "92/TB-UBND", "Kết luận", "Giao Sở Tài chính rà soát.", issued)
	if err != nil {
		t.Fatal(err)
	}
	carrier, err := b.sim.AddDirective("Thông báo", "93/TB-UBND", "Kết luận", "Giao Sở Tài chính lập kế hoạch.", issued)
	if err != nil {
		t.Fatal(err)
	}
	clock.Set(clock.Now().Add(time.Minute))
	if err := b.sim.UpdateDocument(inText, func(d *portalsim.Document) { d.HasEdxml, d.EdxmlStatus = true, "05" }); err != nil {
		t.Fatal(err)
	}
	b.serveStatus(t, later, "03", "")
	clock.Set(clock.Now().Add(time.Minute))
	b.serveStatus(t, carrier, "02", "94/TB-UBND") // about a document not stored yet
	descriptions := func() int {
		return count(t, b.st, `SELECT count(*) FROM exchange_statuses WHERE description <> ''`)
	}
	if n := descriptions(); n != 1 {
		t.Fatalf("%d descriptions stored before the reclassification, want 1 (92's); the check proves nothing", n)
	}
	if !bytes.Contains(pgDump(t, b.st), []byte("Trạng thái văn bản 03")) {
		t.Fatal("the ordinary document's description is not in pg_dump; the check proves nothing")
	}
	secretRows := func(id int64) []string {
		return column(t, b.st, `SELECT status_code FROM exchange_statuses
			WHERE secret_portal_id = $1 AND document_id IS NULL AND description = '' AND staff_name = '' AND staff_department = ''
			  AND answers_ref = '' AND response_code = '' AND response_document_id = '' AND response_organ_id = ''
			ORDER BY message_at`, strconv.FormatInt(id, 10))
	}
	if got := secretRows(inText); len(got) != 1 || got[0] != "05" {
		t.Errorf("the directive secret in its text keeps %v, want the code 05 only", got)
	}
	// 92 is marked secret; 94 arrives, secret.
	if err := b.sim.Reclassify(later, portalsim.SecrecyConfident); err != nil {
		t.Fatal(err)
	}
	secretNew, err := b.sim.AddDocument(portalsim.Document{Direction: portalsim.Issued, Type: "Thông báo", Notation: "94/TB-UBND",
		Subject: "Kết luận", Body: "Giao Sở Tài chính kiểm tra.", IssuedAt: issued, Directive: true, Secrecy: portalsim.SecrecySecret})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.eng.Cycle(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := secretRows(later); len(got) != 1 || got[0] != "03" {
		t.Errorf("the directive marked secret later keeps %v, want the code 03 only", got)
	}
	if got := secretRows(secretNew); len(got) != 1 || got[0] != "02" {
		t.Errorf("the secret document whose status came first keeps %v, want the code 02 only", got)
	}
	if n := descriptions(); n != 0 {
		t.Errorf("%d descriptions left", n)
	}
	if n := count(t, b.st, `SELECT count(*) FROM exchange_statuses WHERE secret_portal_id = ''`); n != 0 {
		t.Errorf("%d messages left about a document, want none (all three are secret)", n)
	}
	dump := pgDump(t, b.st)
	for _, s := range []string{"Trạng thái văn bản", "94/TB-UBND", "92/TB-UBND"} {
		if bytes.Contains(dump, []byte(s)) {
			t.Errorf("%q is in pg_dump", s)
		}
	}
}
