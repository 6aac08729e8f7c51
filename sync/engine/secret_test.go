package engine

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"maps"
	"os"
	"os/exec"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"cddh-sync/connectors"
	"cddh-sync/connectors/portalsim"
	"cddh-sync/sync/store"
)

// pgDump is the store's whole content, as pg_dump writes it.
func pgDump(t *testing.T, st *store.Store) []byte {
	t.Helper()
	out, err := exec.Command("pg_dump", "--data-only", st.Pool().Config().ConnString()).Output()
	if err != nil {
		t.Fatalf("pg_dump: %v", err)
	}
	return out
}

// TestSecretReclassified: a directive and a report read as ordinary, tracked and
// pushed back, are later marked Mật and Tối mật. In the cycle that reads the new
// marking, everything of them goes down to their portal ids: text, tasks, events,
// attachments, verdicts, links, outbox rows; the task the report had answered is
// derived again without it. Their marker phrases are then nowhere in pg_dump.
func TestSecretReclassified(t *testing.T) {
	t.Parallel()
	b := setup(t, portalsim.Faults{}, 10)
	ctx := context.Background()
	const phrase1, phrase2 = "rà soát kho vũ khí Bến Tre-77", "đã kiểm kê kho số 9 Cao Lãnh-88"
	now := time.Now().In(connectors.Zone)
	d1, err := b.sim.AddDirective("Công văn", "901/UBND-KT", "V/v kiểm tra", "Giao Sở Tài chính "+phrase1+" trước ngày 30/12/2026.", now.Add(-2*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	d2, err := b.sim.AddDirective("Công văn", "902/UBND-KT", "V/v báo cáo", "Giao Sở Tài chính báo cáo quý trước ngày 30/12/2026.", now.Add(-2*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.eng.Cycle(ctx); err != nil {
		t.Fatal(err)
	}
	rep, err := b.sim.AddReport("000.00.12.H20", "55/BC-STC", "Báo cáo kết quả", "Sở Tài chính "+phrase2+".", now.Add(-time.Hour), d2)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.eng.Cycle(ctx); err != nil {
		t.Fatal(err)
	}
	reported := count(t, b.st, `SELECT count(*) FROM tasks t JOIN documents d ON d.id = t.document_id
		WHERE d.portal_id = '`+strconv.FormatInt(d2, 10)+`' AND t.state = 'reported'`)
	if reported == 0 {
		t.Fatal("the report did not reach its task; the test would prove nothing about its events")
	}
	d1Prefix := strconv.FormatInt(d1, 10) + "-"
	pushed := map[string]bool{} // d1's task records on the portal
	for k, r := range b.sim.Tasks() {
		if strings.HasPrefix(k, d1Prefix) {
			if !strings.Contains(r.Content, phrase1) {
				t.Fatalf("the portal's record %s does not carry the phrase; the check proves nothing: %+v", k, r)
			}
			pushed[k] = true
		}
	}
	if len(pushed) == 0 {
		t.Fatal("no task record of the directive reached the portal; the tombstone check proves nothing")
	}
	dump := pgDump(t, b.st)
	for _, ph := range []string{phrase1, phrase2} {
		if !bytes.Contains(dump, []byte(ph)) {
			t.Fatalf("%q is not in the store before the reclassification; the check proves nothing", ph)
		}
	}

	if err := b.sim.Reclassify(d1, portalsim.SecrecyConfident); err != nil {
		t.Fatal(err)
	}
	if err := b.sim.Reclassify(rep, portalsim.SecrecySecret); err != nil {
		t.Fatal(err)
	}
	if _, err := b.eng.Cycle(ctx); err != nil {
		t.Fatal(err)
	}
	dump = pgDump(t, b.st)
	for _, ph := range []string{phrase1, phrase2} {
		if bytes.Contains(dump, []byte(ph)) {
			t.Errorf("%q is still in pg_dump after the document was marked secret", ph)
		}
	}
	for _, id := range []int64{d1, rep} {
		pid := strconv.FormatInt(id, 10)
		if n := count(t, b.st, `SELECT count(*) FROM documents WHERE portal_id = '`+pid+`'`); n != 0 {
			t.Errorf("document %s still stored", pid)
		}
		if n := count(t, b.st, `SELECT count(*) FROM skipped_secret WHERE portal_id = '`+pid+`'`); n != 1 {
			t.Errorf("document %s not kept as a secret portal id", pid)
		}
		if n := count(t, b.st, `SELECT count(*) FROM outbox WHERE target = '`+pid+`'`); n != 0 {
			t.Errorf("%d outbox rows about %s left", n, pid)
		}
	}
	if n := count(t, b.st, `SELECT count(*) FROM tasks WHERE task_key LIKE '`+strconv.FormatInt(d1, 10)+`-%'`); n != 0 {
		t.Errorf("%d tasks of the secret directive left", n)
	}
	// The report's answer is gone from its task, and the portal hears it.
	if n := count(t, b.st, `SELECT count(*) FROM tasks t JOIN documents d ON d.id = t.document_id
		WHERE d.portal_id = '`+strconv.FormatInt(d2, 10)+`' AND t.state = 'reported'`); n != 0 {
		t.Errorf("%d tasks still reported by a report now secret", n)
	}
	for k, r := range b.sim.Tasks() {
		if strings.HasPrefix(k, strconv.FormatInt(d2, 10)+"-") && r.Status == "trạng thái reported" {
			t.Errorf("the portal still shows task %s reported", k)
		}
	}
	if !strings.Contains(b.logs.String(), `"event":"sync.secret_purged"`) {
		t.Error("no sync.secret_purged line")
	}
	// The portal has no DELETE: each record it held is overwritten by a tombstone.
	versions := checkTombstones(t, b, d1, pushed, phrase1, "901/UBND-KT")
	// Quiet afterwards: a later cycle neither brings anything back nor fails.
	if _, err := b.eng.Cycle(ctx); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(pgDump(t, b.st), []byte(phrase1)) {
		t.Error("the secret directive came back")
	}
	// Nor undoes or repeats the tombstones.
	if again := checkTombstones(t, b, d1, pushed, phrase1, "901/UBND-KT"); !maps.Equal(again, versions) {
		t.Errorf("a later cycle wrote the tombstones again: versions %v, then %v", versions, again)
	}
}

// checkTombstones checks that each of the directive's task records on the portal
// (pushed) is a content-free tombstone and nothing else of it is there, that the
// store holds exactly one delivered outbox row for each, and returns the records'
// versions.
func checkTombstones(t *testing.T, b *bundle, docID int64, pushed map[string]bool, phrases ...string) map[string]int {
	t.Helper()
	prefix := strconv.FormatInt(docID, 10) + "-"
	versions := map[string]int{}
	for k, r := range b.sim.Tasks() {
		if !strings.HasPrefix(k, prefix) {
			continue
		}
		versions[k] = r.Version
		if !pushed[k] {
			t.Errorf("a record %s that the portal did not hold before was written", k)
		}
		want := portalsim.Task{Key: k, DocumentID: docID, Status: "trạng thái cancelled", Coordinating: r.Coordinating,
			Version: r.Version, RegisteredAt: r.RegisteredAt, LastChangedAt: r.LastChangedAt}
		if len(r.Coordinating) != 0 || !reflect.DeepEqual(r, want) {
			t.Errorf("the portal's record %s is not a tombstone: %+v", k, r)
		}
		raw, _ := json.Marshal(r)
		for _, ph := range phrases {
			if strings.Contains(string(raw), ph) {
				t.Errorf("the portal's record %s still carries %q", k, ph)
			}
		}
	}
	if len(versions) != len(pushed) {
		t.Errorf("%d of the %d records are left on the portal", len(versions), len(pushed))
	}
	rows := count(t, b.st, `SELECT count(*) FROM outbox WHERE kind = 'put_task' AND target LIKE '`+prefix+`%'`)
	done := count(t, b.st, `SELECT count(*) FROM outbox WHERE kind = 'put_task' AND target LIKE '`+prefix+`%' AND state = 'done' AND revision = 1`)
	if rows != len(pushed) || done != rows {
		t.Errorf("%d tombstone rows in the outbox (%d delivered once), want %d", rows, done, len(pushed))
	}
	return versions
}

// TestSecretInTextLeavesNoLog: warnings about a document's files (a signature
// tool quoting the file) are held until its secrecy is known. A document marked
// secret only inside its text leaves no line in the log but its skip; the same
// document without the marking logs the warning (the control).
func TestSecretInTextLeavesNoLog(t *testing.T) {
	t.Parallel()
	b := setup(t, portalsim.Faults{}, 5)
	ctx := context.Background()
	const phrase, openPhrase = "Phương án phòng thủ khu vực 7", "Kế hoạch công khai số 5"
	pdf := func(text string) []byte {
		return []byte("%PDF-1.4\n% " + text + "\n%%EOF\n")
	}
	secretID, err := b.sim.AddDocument(portalsim.Document{Notation: "903/UBND-NC", Subject: "V/v triển khai", Directive: true,
		Files: []portalsim.File{{Name: "vb.pdf", Raw: pdf("ĐỘ MẬT: Mật\n" + phrase)}}})
	if err != nil {
		t.Fatal(err)
	}
	openID, err := b.sim.AddDocument(portalsim.Document{Notation: "904/UBND-NC", Subject: "V/v triển khai", Directive: true,
		Files: []portalsim.File{{Name: "vb.pdf", Raw: pdf("Giao Sở Tài chính thực hiện\n" + openPhrase)}}})
	if err != nil {
		t.Fatal(err)
	}
	rules := simpleRules()
	f := rules.Decider.(*funcRules)
	extract := f.extract
	f.extract = func(doc connectors.Document, text string) (Extraction, error) {
		ex, err := extract(doc, text)
		if strings.Contains(text, "ĐỘ MẬT: Mật") {
			ex.Secrecy = "Mật"
		}
		return ex, err
	}
	f.pdfText = func(_ context.Context, path string) (string, error) {
		raw, err := os.ReadFile(path)
		return string(raw), err
	}
	f.verify = func(_ context.Context, path, _ string) ([]store.VerdictRow, error) {
		raw, _ := os.ReadFile(path)
		if !bytes.Contains(raw, []byte("%PDF-1.4\n% ")) {
			return nil, nil // the simulator's own PDFs: not this test's
		}
		// A tool that quotes the file it could not parse.
		return nil, errors.New("cannot parse: " + string(raw))
	}
	logs := &lockedBuffer{}
	eng, err := New(b.client, b.st, rules, Options{Holder: "test-text", Logger: zerolog.New(logs), WorkDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close(ctx)
	if _, err := eng.Cycle(ctx); err != nil {
		t.Fatal(err)
	}
	out := logs.String()
	if !strings.Contains(out, `"document":`+strconv.FormatInt(openID, 10)+`,`) || !strings.Contains(out, openPhrase) {
		t.Fatalf("the ordinary document's warning was not logged; the check proves nothing:\n%s", out)
	}
	if strings.Contains(out, phrase) {
		t.Error("the log quotes the document secret in its text")
	}
	for _, line := range strings.Split(out, "\n") {
		for _, f := range []string{`"document":`, `"id":`} {
			if strings.Contains(line, f+strconv.FormatInt(secretID, 10)+`,`) && !strings.Contains(line, `"event":"sync.secret_skipped"`) {
				t.Errorf("a line about the document secret in its text: %s", line)
			}
		}
	}
	if n := count(t, b.st, `SELECT count(*) FROM documents WHERE portal_id = '`+strconv.FormatInt(secretID, 10)+`'`); n != 0 {
		t.Error("the document secret in its text was stored")
	}
	if bytes.Contains(pgDump(t, b.st), []byte("ĐỘ MẬT")) {
		t.Error("the secret document's text is in pg_dump")
	}
}
