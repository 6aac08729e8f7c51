package dashboard

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"cddh-sync/sync/store"
)

// TestTaskPageExchangeStatus: the task page shows the directive's current edXML
// exchange status (code, meaning, sender, staff, time, description), "none"
// before any status message.
func TestTaskPageExchangeStatus(t *testing.T) {
	b := setup(t, localAuth(t))
	if code := b.login(t, "lanhdao", "mật-khẩu-đúng", true); code != 303 {
		t.Fatalf("sign-in = %d", code)
	}
	page := "/tasks/" + strconv.FormatInt(b.taskID, 10)
	code, body, _ := b.get(t, page)
	if code != 200 || !strings.Contains(body, `<td id="exchange-status">Không có</td>`) {
		t.Fatalf("%s before any status = %d\n%s", page, code, body)
	}
	ctx := context.Background()
	var docID int64
	if err := b.st.Pool().QueryRow(ctx, `SELECT id FROM documents WHERE portal_id = '101'`).Scan(&docID); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	for _, m := range []struct {
		code, desc string
		at         time.Time
	}{{"05", "Đã chuyển phòng Quy hoạch", at}, {"03", "Đã tiếp nhận", at.Add(-time.Hour)}} {
		if _, err := b.st.RecordExchangeStatus(ctx, b.st.Pool(), docID, store.ExchangeStatusRow{Key: m.code, AnswersRef: "45/TB-UBND",
			Code: m.code, Description: m.desc, FromOrganID: "000.00.12.H20", FromOrganName: "Sở Tài chính",
			StaffName: "Nguyễn Văn A", MessageAt: m.at, ReceivedAt: at}); err != nil {
			t.Fatal(err)
		}
	}
	code, body, _ = b.get(t, page)
	want := `<td id="exchange-status">05 đang xử lý – Sở Tài chính (Nguyễn Văn A), 10/03/2026 16:00: Đã chuyển phòng Quy hoạch</td>`
	if code != 200 || !strings.Contains(body, want) {
		t.Fatalf("%s = %d, want %s in\n%s", page, code, want, body)
	}
}
