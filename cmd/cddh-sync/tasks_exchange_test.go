package main

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"cddh-sync/rules/status"
	"cddh-sync/sync/store"
)

// TestTasksJSONExchangeStatus: `tasks --format json` carries the directive's current
// edXML exchange status (cli.md), its times in +07:00, and null when none arrived.
func TestTasksJSONExchangeStatus(t *testing.T) {
	v := store.TaskView{Key: "101-1", DocumentPortalID: "101"}
	raw, err := json.Marshal(toTaskJSON(v, status.Result{}))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(raw), `"exchange_status":null`) {
		t.Errorf("no status: %s", raw)
	}
	at := time.Date(2026, 3, 10, 2, 0, 0, 0, time.UTC)
	v.ExchangeStatus = &store.ExchangeStatus{Code: "16", Description: "Không đồng ý", FromOrganID: "000.00.12.H20",
		FromOrganName: "Sở Tài chính", StaffDepartment: "Văn thư", StaffName: "Nguyễn Văn A", MessageAt: at, ReceivedAt: at.Add(time.Minute)}
	raw, err = json.Marshal(toTaskJSON(v, status.Result{}))
	if err != nil {
		t.Fatal(err)
	}
	want := `"exchange_status":{"code":"16","meaning":"từ chối cho lấy lại","description":"Không đồng ý","from":"000.00.12.H20",` +
		`"from_name":"Sở Tài chính","department":"Văn thư","staff":"Nguyễn Văn A","at":"2026-03-10T09:00:00+07:00",` +
		`"received_at":"2026-03-10T09:01:00+07:00"}`
	if !strings.Contains(string(raw), want) {
		t.Errorf("got %s\nwant %s", raw, want)
	}
}
