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
	if err := cfg.Validate(); err != nil { // a configuration built in code is typed by Validate, as Load does
		t.Fatal(err)
	}
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
