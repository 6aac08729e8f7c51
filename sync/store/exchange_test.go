package store_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"cddh-sync/sync/store"
	"cddh-sync/sync/store/storetest"
)

// TestExchangeStatusHistory: status messages about a document are kept as a
// history; its current status is the one with the latest message Timestamp, so an
// older message arriving late does not replace it; the same message stored twice
// is kept once; one about an unknown document is kept without its description and
// attached when the document is recorded; a secret document keeps the code only.
func TestExchangeStatusHistory(t *testing.T) {
	t.Parallel()
	st := storetest.New(t)
	ctx := context.Background()
	docID, _ := upsert(t, st, store.DocumentRow{PortalID: "401", Stream: "DI", Version: 1, ContentHash: []byte{1},
		Number: "45", Notation: "TB-UBND", IssuerCode: "000.00.00.H20"})
	t0 := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	msg := func(code string, at time.Time) store.ExchangeStatusRow {
		return store.ExchangeStatusRow{Key: "45/TB-UBND|" + code + "|" + at.Format(time.RFC3339) + "|000.00.12.H20",
			AnswersRef: "45/TB-UBND", ResponseOrganID: "000.00.00.H20", ResponseCode: "45/TB-UBND", Code: code,
			Description: "mô tả " + code, FromOrganID: "000.00.12.H20", FromOrganName: "Sở Tài chính",
			StaffDepartment: "Văn thư", StaffName: "Nguyễn Văn A", MessageAt: at, ReceivedAt: time.Now()}
	}
	record := func(id int64, r store.ExchangeStatusRow) bool {
		t.Helper()
		var added bool
		if err := st.InTx(ctx, func(tx pgx.Tx) error {
			var err error
			added, err = st.RecordExchangeStatus(ctx, tx, id, r)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		return added
	}
	current := func(pid string) *store.ExchangeStatus {
		t.Helper()
		x, err := st.CurrentExchangeStatus(ctx, st.Pool(), pid)
		if err != nil {
			t.Fatal(err)
		}
		return x
	}
	rows := func(where string) int {
		t.Helper()
		var n int
		if err := st.Pool().QueryRow(ctx, `SELECT count(*) FROM exchange_statuses WHERE `+where).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if x := current("401"); x != nil {
		t.Fatalf("a status before any message: %+v", x)
	}
	for i, code := range []string{"01", "02", "03", "04", "05", "06", "16"} {
		if !record(docID, msg(code, t0.Add(time.Duration(i)*time.Hour))) {
			t.Fatalf("status %s not added", code)
		}
		x := current("401")
		if x == nil || x.Code != code || x.Description != "mô tả "+code || x.FromOrganID != "000.00.12.H20" ||
			x.StaffName != "Nguyễn Văn A" || !x.MessageAt.Equal(t0.Add(time.Duration(i)*time.Hour)) {
			t.Fatalf("after %s the current status is %+v", code, x)
		}
	}
	// Delivered again: kept once.
	if record(docID, msg("05", t0.Add(4*time.Hour))) {
		t.Error("a message delivered twice was added twice")
	}
	if n := rows(`document_id = ` + strconv.FormatInt(docID, 10)); n != 7 {
		t.Errorf("%d rows, want 7", n)
	}
	// Older than the current one, arriving late: kept in the history, not current.
	if !record(docID, msg("03", t0.Add(-time.Hour))) {
		t.Error("an older message not kept")
	}
	if x := current("401"); x == nil || x.Code != "16" {
		t.Errorf("an older message replaced the current status: %+v", x)
	}
	// About a document not stored yet: kept without description or staff.
	pending := msg("04", t0)
	pending.Key, pending.AnswersRef, pending.ResponseCode = "77|04", "77/TB-UBND", "77/TB-UBND"
	if !record(0, pending) {
		t.Fatal("the message about an unknown document not kept")
	}
	if n := rows(`document_id IS NULL AND answers_ref = '77/TB-UBND' AND description = '' AND staff_name = ''`); n != 1 {
		t.Errorf("%d pending rows without description, want 1", n)
	}
	newID, _ := upsert(t, st, store.DocumentRow{PortalID: "402", Stream: "DI", Version: 1, ContentHash: []byte{1},
		Number: "77", Notation: "TB-UBND", IssuerCode: "000.00.00.H20"})
	var attached int64
	if err := st.InTx(ctx, func(tx pgx.Tx) error {
		var err error
		attached, err = st.AttachExchangeStatuses(ctx, tx, newID, "77/TB-UBND", "000.00.00.H20")
		return err
	}); err != nil || attached != 1 {
		t.Fatalf("attached %d, %v", attached, err)
	}
	if x := current("402"); x == nil || x.Code != "04" || x.Description != "" {
		t.Errorf("the document's status after it arrived: %+v", x)
	}
	// Delivered again, now about a known document: the description is kept.
	if record(newID, pending) {
		t.Error("the message was added again")
	}
	if x := current("402"); x == nil || x.Description != "mô tả 04" {
		t.Errorf("the redelivered message's description: %+v", x)
	}

	// A secret document: the code only, under its portal id; pending messages
	// about it reduced likewise.
	secretPending := msg("02", t0)
	secretPending.Key, secretPending.AnswersRef, secretPending.ResponseCode = "88|02", "88/TB-UBND", "88/TB-UBND"
	record(0, secretPending)
	if err := st.InTx(ctx, func(tx pgx.Tx) error {
		if err := st.RecordSecretExchangeStatus(ctx, tx, "403", "05", "000.00.12.H20", t0, time.Now()); err != nil {
			return err
		}
		if err := st.RecordSecretExchangeStatus(ctx, tx, "403", "05", "000.00.12.H20", t0, time.Now()); err != nil {
			return err
		}
		_, err := st.SecretPendingStatuses(ctx, tx, "403", "88/TB-UBND")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if n := rows(`secret_portal_id = '403'`); n != 2 {
		t.Errorf("%d code-only rows of the secret document, want 2 (05 once, 02)", n)
	}
	if n := rows(`secret_portal_id = '403' AND (description <> '' OR staff_name <> '' OR staff_department <> ''
		OR answers_ref <> '' OR response_code <> '' OR response_document_id <> '' OR response_organ_id <> '' OR document_id IS NOT NULL)`); n != 0 {
		t.Errorf("%d rows of the secret document keep more than the code", n)
	}
	if n := rows(`answers_ref = '88/TB-UBND'`); n != 0 {
		t.Errorf("%d messages still name the secret document", n)
	}

	// The stored document later marked secret: its messages keep the code only.
	if err := st.InTx(ctx, func(tx pgx.Tx) error {
		_, err := st.PurgeDocument(ctx, tx, "401")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if n := rows(`secret_portal_id = '401'`); n != 8 {
		t.Errorf("%d code-only rows after the purge, want 8", n)
	}
	if n := rows(`description LIKE 'mô tả%' AND secret_portal_id <> ''`); n != 0 {
		t.Errorf("%d descriptions kept for a secret document", n)
	}
	if n := rows(`description = 'mô tả 04' AND secret_portal_id = ''`); n != 1 {
		t.Errorf("the other document's status went with the purge: %d", n)
	}
}
