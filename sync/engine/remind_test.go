package engine

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"cddh-sync/connectors/portalsim"
	"cddh-sync/sync/store"
)

// testReminders: open while the flag is set; overdue for a past deadline, due soon
// otherwise. The real policy (working days, hours, profiles) is tested in
// rules/remind; this drives the engine's mechanics.
type testReminders struct{ open atomic.Bool }

func (r *testReminders) Open(time.Time) bool             { return r.open.Load() }
func (r *testReminders) Horizon(now time.Time) time.Time { return now.Add(48 * time.Hour) }
func (r *testReminders) Due(c store.RemindCandidate, now time.Time) (string, string) {
	if c.DueAt == nil {
		return "", ""
	}
	if now.After(*c.DueAt) {
		return "overdue", "Nhắc việc: quá hạn " + c.Key
	}
	return "due_soon", "Nhắc việc: sắp đến hạn " + c.Key
}

func TestRemindersAtMostOncePerTaskAndKind(t *testing.T) {
	t.Parallel()
	b := setup(t, portalsim.Faults{LostResponse: 0.3}, 30)
	ctx := context.Background()
	now := time.Now()
	due := now.Add(24 * time.Hour)
	rem := &testReminders{}
	base := funcsOf(b.eng).derive
	funcsOf(b.eng).derive = func(t store.DeriveInput, evs []store.EventRow, n time.Time) Derived {
		d := base(t, evs, n)
		d.DueAt = &due
		return d
	}
	b.eng.rules.Reminders = rem
	clock := now
	b.eng.opts.Now = func() time.Time { return clock }

	// Closed (night, a day off, maintenance): nothing is queued.
	res, err := b.eng.Cycle(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if res.Reminders != 0 || count(t, b.st, `SELECT count(*) FROM reminders`) != 0 {
		t.Fatalf("reminders queued while closed: %d", res.Reminders)
	}
	open := count(t, b.st, `SELECT count(*) FROM tasks WHERE state IN ('assigned', 'in_progress')`)
	if open == 0 {
		t.Fatal("the simulator gave no open task")
	}

	rem.open.Store(true)
	res, err = b.eng.Cycle(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if res.Reminders != open {
		t.Fatalf("queued %d due-soon reminders, want one per open task (%d)", res.Reminders, open)
	}
	// Again: nothing new.
	if res, err = b.eng.Cycle(ctx); err != nil || res.Reminders != 0 {
		t.Fatalf("second cycle queued %d (err %v)", res.Reminders, err)
	}
	// The deadline passes: one overdue each, once.
	clock = now.Add(48 * time.Hour)
	if res, err = b.eng.Cycle(ctx); err != nil || res.Reminders != open {
		t.Fatalf("overdue: queued %d, want %d (err %v)", res.Reminders, open, err)
	}
	if res, err = b.eng.Cycle(ctx); err != nil || res.Reminders != 0 {
		t.Fatalf("overdue again: queued %d (err %v)", res.Reminders, err)
	}
	// Delivered as comments on the directive, each exactly once despite lost answers.
	if err := b.sim.SetFaults(portalsim.Faults{}); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 5 && count(t, b.st, `SELECT count(*) FROM outbox WHERE state <> 'done'`) > 0; i++ {
		if _, err := b.eng.Cycle(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if n := count(t, b.st, `SELECT count(*) FROM outbox WHERE state <> 'done'`); n != 0 {
		t.Fatalf("%d push-backs not delivered", n)
	}
	got := 0
	for _, c := range b.sim.AllComments() {
		if strings.Contains(c.Content, "[cddh:rem-") {
			got++
		}
	}
	if got != 2*open {
		t.Errorf("the portal shows %d reminders, want %d", got, 2*open)
	}
	if _, dups := b.sim.CommentMarkers(); dups != 0 {
		t.Errorf("%d duplicate comments", dups)
	}
}

// TestRemindersTwoEngines: two instances on one store never queue a reminder twice.
func TestRemindersTwoEngines(t *testing.T) {
	t.Parallel()
	b := setup(t, portalsim.Faults{}, 20)
	ctx := context.Background()
	due := time.Now().Add(time.Hour)
	base := funcsOf(b.eng).derive
	funcsOf(b.eng).derive = func(t store.DeriveInput, evs []store.EventRow, n time.Time) Derived {
		d := base(t, evs, n)
		d.DueAt = &due
		return d
	}
	if _, err := b.eng.Cycle(ctx); err != nil {
		t.Fatal(err)
	}
	rem := &testReminders{}
	rem.open.Store(true)
	b.eng.rules.Reminders = rem
	other, err := New(b.client, b.st, b.eng.rules, Options{Holder: "other", Logger: b.eng.opts.Logger, WorkDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	var n1, n2 int
	done := make(chan error, 2)
	go func() { var err error; n1, err = b.eng.remind(ctx); done <- err }()
	go func() { var err error; n2, err = other.remind(ctx); done <- err }()
	for range 2 {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
	open := count(t, b.st, `SELECT count(*) FROM tasks WHERE state IN ('assigned', 'in_progress')`)
	if n1+n2 != open || count(t, b.st, `SELECT count(*) FROM outbox WHERE dedupe_key LIKE 'comment:rem-%'`) != open {
		t.Fatalf("instances queued %d + %d, want %d in all", n1, n2, open)
	}
}
