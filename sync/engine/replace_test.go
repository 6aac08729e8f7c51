package engine

import (
	"context"
	"fmt"
	"testing"
	"time"

	"cddh-sync/connectors"
	"cddh-sync/connectors/portalsim"
	"cddh-sync/sync/store"
)

func TestSimilarity(t *testing.T) {
	t.Parallel()
	a := "Giao Sở Tài chính rà soát hồ sơ đất đai tồn đọng trên địa bàn tỉnh."
	for _, tc := range []struct {
		b    string
		like bool
	}{
		{"Giao Sở Tài chính rà soát hồ sơ đất đai tồn đọng trên địa bàn tỉnh, hoàn thành trước 30/4/2026.", true},
		{"GIAO SỞ TÀI CHÍNH RÀ SOÁT HỒ SƠ ĐẤT ĐAI TỒN ĐỌNG TRÊN ĐỊA BÀN TỈNH", true},
		{"Giao Sở Tài chi\u0301nh ra\u0300 soa\u0301t hồ sơ đất đai tồn đọng trên địa bàn tỉnh.", true},
		{"Giao Sở Tài chính xây dựng phương án giá đất.", false},
		{"", false},
	} {
		if got := similarity(a, tc.b) >= minSimilarity; got != tc.like {
			t.Errorf("similarity(%q) = %.2f", tc.b, similarity(a, tc.b))
		}
	}
}

// TestReplacedDirectiveTasksMove: a replaced directive's open tasks move to the
// replacement's matching tasks, keeping the unit's acknowledgement, whichever of
// the two the engine sees first; a task without a counterpart stays cancelled.
func TestReplacedDirectiveTasksMove(t *testing.T) {
	t.Parallel()
	for _, replacementFirst := range []bool{true, false} {
		t.Run(map[bool]string{true: "replacement seen first", false: "replacement seen last"}[replacementFirst], func(t *testing.T) {
			b := setup(t, portalsim.Faults{}, 0)
			ctx := context.Background()
			issued := time.Date(2026, 3, 10, 9, 0, 0, 0, connectors.Zone)
			old, err := b.sim.AddDirective("Thông báo", "TB-UBND", "Kết luận của Chủ tịch UBND tỉnh",
				"Giao Sở Tài chính rà soát hồ sơ đất đai tồn đọng trên địa bàn tỉnh.\nGiao Sở Tài chính tổng hợp kinh phí sửa chữa trường học năm 2026.", issued)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := b.eng.Cycle(ctx); err != nil {
				t.Fatal(err)
			}
			var keep, drop string
			if err := b.st.Pool().QueryRow(ctx, `SELECT
				(SELECT task_key FROM tasks WHERE content LIKE '%đất đai%'), (SELECT task_key FROM tasks WHERE content LIKE '%trường học%')`).Scan(&keep, &drop); err != nil {
				t.Fatal(err)
			}
			if _, err := b.sim.AppendAction(portalsim.Action{TaskKey: keep, Kind: portalsim.ActionAcknowledge, DocumentID: old,
				At: issued.Add(24 * time.Hour).Format("02/01/2006 15:04:05"), By: "Sở Tài chính"}); err != nil {
				t.Fatal(err)
			}
			if _, err := b.eng.Cycle(ctx); err != nil {
				t.Fatal(err)
			}
			repl, err := b.sim.AddDirective("Thông báo", "TB-UBND", "Kết luận (thay thế)",
				"Giao Sở Tài chính rà soát hồ sơ đất đai tồn đọng trên địa bàn tỉnh, hoàn thành trước 30/4/2026.\nGiao Sở Tài chính xây dựng phương án giá đất.",
				issued.Add(10*24*time.Hour))
			if err != nil {
				t.Fatal(err)
			}
			if replacementFirst {
				// The replacement is tracked a cycle before the old one says it was replaced.
				if _, err := b.eng.Cycle(ctx); err != nil {
					t.Fatal(err)
				}
			}
			if err := b.sim.Replace(old, repl); err != nil {
				t.Fatal(err)
			}
			if _, err := b.eng.Cycle(ctx); err != nil {
				t.Fatal(err)
			}
			events := count(t, b.st, `SELECT count(*) FROM task_events`)
			defer func() {
				// Another cycle (the pager's overlap re-reads both) changes nothing.
				if _, err := b.eng.Cycle(ctx); err != nil {
					t.Fatal(err)
				}
				if n := count(t, b.st, `SELECT count(*) FROM task_events`); n != events {
					t.Errorf("a second cycle added %d events", n-events)
				}
			}()
			var moved string
			if err := b.st.Pool().QueryRow(ctx, `SELECT payload->>'task' FROM task_events e JOIN tasks t ON t.id = e.task_id
				WHERE t.task_key = $1 AND e.kind = 'moved_to'`, keep).Scan(&moved); err != nil {
				t.Fatalf("task %s did not move: %v", keep, err)
			}
			var state, content string
			if err := b.st.Pool().QueryRow(ctx, `SELECT state, content FROM tasks WHERE task_key = $1`, moved).Scan(&state, &content); err != nil {
				t.Fatal(err)
			}
			if state != "in_progress" {
				t.Errorf("moved task %s is %s; the acknowledgement should carry over", moved, state)
			}
			if n := count(t, b.st, `SELECT count(*) FROM task_events e JOIN tasks t ON t.id = e.task_id
				WHERE t.task_key = '`+moved+`' AND e.kind IN ('moved_from', 'TIEP_NHAN')`); n != 2 {
				t.Errorf("moved task has %d moved_from/TIEP_NHAN events, want 2", n)
			}
			if n := count(t, b.st, `SELECT count(*) FROM task_events e JOIN tasks t ON t.id = e.task_id
				WHERE t.task_key = '`+drop+`' AND e.kind = 'moved_to'`); n != 0 {
				t.Errorf("a task without a counterpart moved")
			}
			if n := count(t, b.st, `SELECT count(*) FROM tasks WHERE task_key IN ('`+keep+`', '`+drop+`') AND state = 'cancelled'`); n != 2 {
				t.Errorf("%d of the replaced directive's tasks are cancelled, want 2", n)
			}
		})
	}
}

// TestUnchangedDocumentsAreNotFetchedAgain: the pager re-lists recent documents
// (its overlap window); those already stored at their version cost no detail or
// download, which is what keeps an idle daemon cheap.
func TestUnchangedDocumentsAreNotFetchedAgain(t *testing.T) {
	t.Parallel()
	b := setup(t, portalsim.Faults{}, 30)
	ctx := context.Background()
	if _, err := b.eng.Cycle(ctx); err != nil {
		t.Fatal(err)
	}
	before := b.sim.Stats().Downloads
	if before == 0 {
		t.Fatal("the first cycle downloaded nothing")
	}
	res, err := b.eng.Cycle(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := b.sim.Stats().Downloads; got != before {
		t.Errorf("an idle cycle downloaded %d files again", got-before)
	}
	if res.Streams["DI"].Fetched == 0 {
		t.Log("the overlap window re-listed nothing; the check is weaker")
	}
	// A new version is fetched again.
	ids := b.sim.DocumentIDs()
	if err := b.sim.Touch(ids[0]); err != nil {
		t.Fatal(err)
	}
	if _, err := b.eng.Cycle(ctx); err != nil {
		t.Fatal(err)
	}
	if n := count(t, b.st, `SELECT version FROM documents WHERE portal_id = '`+fmt.Sprint(ids[0])+`'`); n < 2 {
		t.Errorf("the touched document is at version %d", n)
	}
}

// TestUnchanged: without a version on the list, a copy is current only if it was
// read well after its ngayCapNhat, since a change in the same second (or a portal
// clock ahead of ours) leaves ngayCapNhat as it was.
func TestUnchanged(t *testing.T) {
	t.Parallel()
	upd := time.Date(2026, 3, 10, 9, 0, 0, 0, connectors.Zone)
	at := func(d time.Duration) *time.Time { v := upd.Add(d); return &v }
	item := connectors.DocumentSummary{ID: 1, UpdatedAt: upd}
	for _, tc := range []struct {
		name string
		k    store.KnownDocument
		item connectors.DocumentSummary
		want bool
	}{
		{"never stored", store.KnownDocument{}, item, false},
		{"read in the same second", store.KnownDocument{Version: 1, UpdatedAt: at(0), ReadAt: at(0)}, item, false},
		{"read within the margin", store.KnownDocument{Version: 1, UpdatedAt: at(0), ReadAt: at(time.Minute)}, item, false},
		{"read well after", store.KnownDocument{Version: 1, UpdatedAt: at(0), ReadAt: at(time.Hour)}, item, true},
		{"read time unknown", store.KnownDocument{Version: 1, UpdatedAt: at(0)}, item, false},
		{"listed newer than stored", store.KnownDocument{Version: 1, UpdatedAt: at(-time.Second), ReadAt: at(time.Hour)}, item, false},
		{"the list gives the stored version", store.KnownDocument{Version: 3}, connectors.DocumentSummary{Version: 3}, true},
		{"the list gives a newer version", store.KnownDocument{Version: 3, UpdatedAt: at(0), ReadAt: at(time.Hour)}, connectors.DocumentSummary{Version: 4, UpdatedAt: upd}, false},
	} {
		if got := unchanged(tc.k, tc.item); got != tc.want {
			t.Errorf("%s: unchanged = %v", tc.name, got)
		}
	}
}

// TestExpiredSessionsLoseNothing: a portal that keeps expiring sessions (401 even
// after a fresh login) fails the page, which is read again next cycle; it never
// makes a document look permanently unreadable.
func TestExpiredSessionsLoseNothing(t *testing.T) {
	t.Parallel()
	clean := setup(t, portalsim.Faults{}, 25)
	ctx := context.Background()
	if _, err := clean.eng.Cycle(ctx); err != nil {
		t.Fatal(err)
	}
	want := count(t, clean.st, `SELECT count(*) FROM tasks`)

	b := setup(t, portalsim.Faults{ExpireTokens: 0.6}, 25)
	for range 8 {
		_, _ = b.eng.Cycle(ctx)
	}
	if err := b.sim.SetFaults(portalsim.Faults{}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.eng.Cycle(ctx); err != nil {
		t.Fatal(err)
	}
	if n := count(t, b.st, `SELECT count(*) FROM attachments WHERE refused_reason <> ''`); n != 0 {
		t.Errorf("%d attachments refused for an expired session", n)
	}
	if got := count(t, b.st, `SELECT count(*) FROM tasks`); got != want {
		t.Errorf("%d tasks, a clean run has %d", got, want)
	}
}
