package main

import (
	"strings"
	"testing"
	"time"

	"cddh-sync/cmd/cddh-sync/internal/config"
	"cddh-sync/connectors"
	"cddh-sync/sync/store"
)

// TestReminderWiring: the configured hours, maintenance windows and profile reach the
// engine's reminder decisions.
func TestReminderWiring(t *testing.T) {
	cfg := config.Default()
	cfg.Reminders.Hours = "08:00-11:30"
	cfg.Sync.Maintenance = []config.Window{{From: "18/03/2026 09:00", To: "18/03/2026 10:00"}}
	rs, err := newRuleSet(cfg)
	if err != nil {
		t.Fatal(err)
	}
	er, err := rs.engineRules(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if er.Reminders == nil {
		t.Fatal("reminders enabled by default but not wired")
	}
	at := func(d, h, m int) time.Time { return time.Date(2026, 3, d, h, m, 0, 0, connectors.Zone) }
	for _, tc := range []struct {
		now  time.Time
		open bool
	}{{at(17, 7, 59), false}, {at(17, 8, 0), true}, {at(17, 11, 30), false}, {at(18, 9, 30), false}, {at(18, 10, 0), true}, {at(21, 9, 0), false}} {
		if got := er.Reminders.Open(tc.now); got != tc.open {
			t.Errorf("Open(%s) = %v, want %v", tc.now.Format("02/01 15:04"), got, tc.open)
		}
	}
	due := at(17, 23, 59)
	kind, text := er.Reminders.Due(store.RemindCandidate{State: "assigned", DueAt: &due, Content: "Rà soát hồ sơ",
		Reference: "45/TB-UBND", Lead: []store.UnitRef{{Name: "Sở Tài chính"}}}, at(17, 9, 0))
	if kind != "due_today" || !strings.Contains(text, "Sở Tài chính") || !strings.Contains(text, "45/TB-UBND") {
		t.Fatalf("Due = %q %q", kind, text)
	}

	cfg.Reminders.Enabled = false
	if er, err = rs.engineRules(cfg); err != nil || er.Reminders != nil {
		t.Fatalf("reminders.enabled false: %v %v", er.Reminders, err)
	}
}

func TestReminderConfigErrors(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct{ yaml, want string }{
		{"reminders:\n  hours: \"17:00-08:00\"\n", "reminders.hours"},
		{"reminders:\n  hours: \"9h-17h\"\n", "reminders.hours"},
		{"reminders:\n  due_soon_workdays: -1\n", "reminders.due_soon_workdays"},
	} {
		f := writeFile(t, dir, "c.yaml", tc.yaml)
		code, _, errs := runCLI(t, nil, "tasks", "--config", f)
		if code != exitUsage || !strings.Contains(errs, tc.want) {
			t.Errorf("%q: exit %d, %q", tc.yaml, code, errs)
		}
	}
}

// TestComplianceLags: the report's lags come from the portal's timestamps, judged by
// the profile (Đồng Tháp: the same working day, after 15:00 the next).
func TestComplianceLags(t *testing.T) {
	rs, err := newRuleSet(config.Default())
	if err != nil {
		t.Fatal(err)
	}
	at := func(d, h int) *time.Time { v := time.Date(2026, 3, d, h, 0, 0, 0, connectors.Zone); return &v }
	due := at(27, 23)
	v := store.TaskView{State: "reported", DueAt: due, DocumentIssuedAt: at(16, 16), DocumentRecordedAt: at(17, 9),
		ReportedAt: at(18, 9), ReportRecordedAt: at(19, 10), CreatedAt: *at(20, 9)}
	got := map[string]bool{}
	for _, l := range rs.lags(v, *at(23, 9)) {
		got[l.Obligation] = l.Breach
	}
	// Issued Monday after 15:00, recorded Tuesday: on time. Report of Wednesday
	// recorded Thursday: one day late. Waiting since Thursday, now Monday: late.
	want := map[string]bool{"entry": false, "update": true, "review": true}
	for k, w := range want {
		if b, ok := got[k]; !ok || b != w {
			t.Errorf("%s: measured %v breach %v, want breach %v", k, ok, b, w)
		}
	}
	v.DecidedAt = at(19, 14)
	for _, l := range rs.lags(v, *at(23, 9)) {
		if l.Obligation == "review" && l.Breach {
			t.Error("a report decided the day it was recorded is not a review breach")
		}
	}
}

// TestRecurringExpansion: the real extraction and calendar give one task per
// quarter, each due on the 20th of the quarter's last month rolled to a working
// day, up to the first not yet due.
func TestRecurringExpansion(t *testing.T) {
	rs, err := newRuleSet(config.Default())
	if err != nil {
		t.Fatal(err)
	}
	issued := time.Date(2026, 1, 23, 9, 0, 0, 0, connectors.Zone)
	ex, err := rs.extract(connectors.Document{IssuedAt: issued},
		"Giao Sở Tài chính tổng hợp, báo cáo UBND tỉnh tình hình thực hiện định kỳ hằng quý trước ngày 20 của tháng cuối quý.")
	if err != nil || len(ex.Tasks) != 1 || ex.Tasks[0].Recurrence != "quarterly" {
		t.Fatalf("extract = %+v, %v", ex.Tasks, err)
	}
	got := rs.expand(ex.Tasks, issued, time.Date(2026, 11, 23, 9, 0, 0, 0, connectors.Zone))
	var periods, dues []string
	for _, r := range got {
		periods = append(periods, r.Period)
		dues = append(dues, r.Effective.Format("02/01"))
	}
	if strings.Join(periods, " ") != "2026-Q1 2026-Q2 2026-Q3 2026-Q4" || strings.Join(dues, " ") != "20/03 22/06 21/09 21/12" {
		t.Fatalf("occurrences %v due %v", periods, dues)
	}
	if got[3].DueAt == nil || got[3].DueAt.Format("02/01/2006 15:04") != "21/12/2026 23:59" {
		t.Fatalf("the Q4 occurrence is due %v", got[3].DueAt)
	}
}
