package handover_test

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"cddh-sync/sync/handover"
	"cddh-sync/sync/store"
	"cddh-sync/sync/store/storetest"
)

func TestMain(m *testing.M) { storetest.Main(m) }

// seed fills every table with awkward values: Vietnamese text, quotes, backslashes,
// newlines, NULLs, arrays and JSON.
func seed(t *testing.T, st *store.Store) {
	t.Helper()
	_, err := st.Pool().Exec(context.Background(), `
		INSERT INTO documents (portal_id, stream, version, content_hash, doc_type, number, notation, summary, issued_at, body)
		VALUES ('101', 'DI', 3, '\xdeadbeef', 'Thông báo', '45', 'TB-UBND', 'Kết luận của Chủ tịch "UBND" tỉnh', '2026-03-10 09:00+07',
		        E'Giao Sở Tài chính chủ trì,\nphối hợp C:\\thư mục\\x; dấu tab\there'),
		       ('202', 'DEN', 1, '\x00', 'Báo cáo', '12', 'BC-STC', 'Báo cáo kết quả thực hiện Thông báo số 45/TB-UBND', NULL, '');
		INSERT INTO document_links VALUES ((SELECT id FROM documents WHERE portal_id = '202'), '101', '45/TB-UBND');
		INSERT INTO attachments (document_id, portal_file_id, name, declared_mime, sniffed_type, size_bytes, sha256)
		VALUES (1, 'f1', 'Thông báo 45.pdf', 'application/pdf', 'pdf', 12345, '\x0102');
		INSERT INTO skipped_secret VALUES ('999', '2026-03-11 10:00+07');
		INSERT INTO tasks (task_key, document_id, content, deadline_nominal, deadline_effective, deadline_time, flags, state, due_at)
		VALUES ('101-1', 1, 'Rà soát; báo cáo trước ngày 20/3/2026', '2026-03-20', '2026-03-20', '16:00', '{year_inferred,"a,b"}', 'reported', '2026-03-20 16:00+07');
		INSERT INTO task_units VALUES (1, 'lead', 0, '000.00.12.H20', 'Sở Tài chính'), (1, 'coordinating', 0, '', 'Công ty TNHH "A, B"');
		INSERT INTO task_events (task_id, event_key, kind, at, actor, note, payload)
		VALUES (1, 'k1', 'assigned', '2026-03-10 09:00+07', 'cddh-sync', '', '{"note": "xin gia hạn \\ lần 1", "n": 1}');
		INSERT INTO report_links VALUES (2, 1, 'linked', '', '2026-03-19 08:00+07');
		INSERT INTO signature_verdicts (document_id, attachment_id, source, indication, signed_by, details)
		VALUES (1, 1, 'pdf', 'TOTAL_PASSED', 'CN=Nguyễn Văn A, O=UBND tỉnh Đồng Tháp', '{"errors": []}');
		INSERT INTO leases VALUES ('DI', 'host-1', 4, '2026-03-10 09:05+07');
		INSERT INTO cursors VALUES ('DI', '10/03/2026 09:00:00|101', 4, '2026-03-10 09:00+07');
		INSERT INTO sync_runs (stream, outcome, fetched, last_error) VALUES ('DI', 'partial', 2, 'cổng trả về 503');
		INSERT INTO outbox (kind, dedupe_key, target, payload) VALUES ('comment', 'c1', '101', '{"noiDung": "Đã ghi nhận [cddh:c1]"}');
	`)
	if err != nil {
		t.Fatal(err)
	}
}

func fileHashes(m handover.Manifest) map[string]string {
	out := map[string]string{}
	for _, tb := range m.Tables {
		for _, f := range tb.Files {
			out[f.Path] = f.SHA256
		}
	}
	return out
}

func TestExportImportRoundTrip(t *testing.T) {
	ctx := context.Background()
	src := storetest.New(t)
	seed(t, src)
	now := time.Date(2026, 12, 31, 17, 0, 0, 0, time.UTC)
	dir1 := filepath.Join(t.TempDir(), "export")
	var lines []string
	m1, err := handover.Export(ctx, src, dir1, now, func(s string) { lines = append(lines, s) })
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) != len(store.HandoverTables) {
		t.Fatalf("progress lines = %d", len(lines))
	}
	dst := storetest.New(t)
	if _, err := handover.Import(ctx, dst, dir1, nil); err != nil {
		t.Fatal(err)
	}
	dir2 := filepath.Join(t.TempDir(), "export")
	m2, err := handover.Export(ctx, dst, dir2, now, nil)
	if err != nil {
		t.Fatal(err)
	}
	h1, h2 := fileHashes(m1), fileHashes(m2)
	if len(h1) != 2*len(store.HandoverTables) {
		t.Fatalf("files = %d", len(h1))
	}
	for p, sum := range h1 {
		if h2[p] != sum {
			a, _ := os.ReadFile(filepath.Join(dir1, p))
			b, _ := os.ReadFile(filepath.Join(dir2, p))
			t.Errorf("%s differs after the round trip:\n%s\nvs\n%s", p, a, b)
		}
	}
	// JSONL is valid JSON per line and keeps the Vietnamese text and backslashes.
	raw, err := os.ReadFile(filepath.Join(dir1, "jsonl", "documents.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(strings.SplitN(string(raw), "\n", 2)[0]), &doc); err != nil {
		t.Fatalf("documents.jsonl line 1: %v", err)
	}
	if body := doc["body"].(string); !strings.Contains(body, `C:\thư mục\x`) || !strings.Contains(body, "\t") {
		t.Fatalf("body mangled: %q", body)
	}
	// Sequences continue after the imported ids.
	var id int64
	if err := dst.Pool().QueryRow(ctx, `INSERT INTO documents (portal_id, stream, version, content_hash) VALUES ('303', 'DI', 1, '\x00') RETURNING id`).Scan(&id); err != nil || id != 3 {
		t.Fatalf("next id = %d, %v", id, err)
	}
	// A second import into the now non-empty store is refused.
	if _, err := handover.Import(ctx, dst, dir1, nil); !errors.Is(err, handover.ErrNotEmpty) {
		t.Fatalf("import into a non-empty store: %v", err)
	}
}

func TestImportRefusesDamagedExport(t *testing.T) {
	ctx := context.Background()
	src := storetest.New(t)
	seed(t, src)
	dir := filepath.Join(t.TempDir(), "export")
	if _, err := handover.Export(ctx, src, dir, time.Now(), nil); err != nil {
		t.Fatal(err)
	}
	if _, err := handover.Export(ctx, src, dir, time.Now(), nil); err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Fatalf("export into a non-empty dir: %v", err)
	}
	p := filepath.Join(dir, "csv", "tasks.csv")
	if err := os.WriteFile(p, []byte("id\n"), 0o640); err != nil {
		t.Fatal(err)
	}
	dst := storetest.New(t)
	if _, err := handover.Import(ctx, dst, dir, nil); err == nil || !strings.Contains(err.Error(), "csv/tasks.csv does not match its SHA-256") {
		t.Fatalf("damaged export: %v", err)
	}
	if empty, _ := dst.IsEmpty(ctx); !empty {
		t.Fatal("a refused import wrote data")
	}
}
