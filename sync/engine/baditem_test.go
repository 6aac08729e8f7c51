package engine

import (
	"context"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"cddh-sync/connectors"
	"cddh-sync/connectors/portalsim"
)

// TestOneBadItemDoesNotStall: a directive whose detail the portal fails on every
// time is recorded and counted, the stream stores every other document and the
// cycle succeeds; the bad one is tried again each cycle and stored once the portal
// serves it.
func TestOneBadItemDoesNotStall(t *testing.T) {
	t.Parallel()
	b := setup(t, portalsim.Faults{}, 30)
	ctx := context.Background()
	var public []int64
	for _, id := range b.sim.DocumentIDs() {
		if d, _ := b.sim.Document(id); d.Direction == portalsim.Issued && !connectors.IsSecret(d.Secrecy) {
			public = append(public, id)
		}
	}
	if len(public) < 5 {
		t.Fatalf("only %d public directives", len(public))
	}
	bad := public[1] // early: every later page must still be read
	if err := b.sim.Break(bad, true); err != nil {
		t.Fatal(err)
	}
	badID := strconv.FormatInt(bad, 10)
	for cycle := 1; cycle <= 2; cycle++ {
		res, err := b.eng.Cycle(ctx)
		if err != nil {
			t.Fatalf("cycle %d failed because of one bad document: %v", cycle, err)
		}
		if di := res.Streams["DI"]; di.Errors != 1 || !strings.Contains(di.LastError, badID) {
			t.Fatalf("cycle %d: DI run %+v, want the one failure recorded", cycle, di)
		}
		stored := count(t, b.st, `SELECT count(*) FROM documents WHERE stream = 'DI'`)
		if stored != len(public)-1 {
			t.Fatalf("cycle %d: %d directives stored, want all %d but the bad one", cycle, stored, len(public)-1)
		}
		if n := count(t, b.st, `SELECT count(*) FROM documents WHERE portal_id = '`+badID+`'`); n != 0 {
			t.Fatal("the bad document was stored")
		}
	}
	if n := count(t, b.st, `SELECT count(*) FROM sync_runs WHERE stream = 'DI' AND outcome = 'partial' AND errors = 1`); n != 2 {
		t.Errorf("%d partial DI runs recorded, want 2", n)
	}
	if n := strings.Count(b.logs.String(), `"event":"sync.item_failed"`); n != 2 {
		t.Errorf("%d sync.item_failed lines over 2 cycles, want 2", n)
	}
	if err := b.sim.Break(bad, false); err != nil {
		t.Fatal(err)
	}
	res, err := b.eng.Cycle(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if di := res.Streams["DI"]; di.Errors != 0 || di.NewDocs != 1 {
		t.Fatalf("after the portal healed: DI run %+v, want the bad document read", di)
	}
	if n := count(t, b.st, `SELECT count(*) FROM documents WHERE portal_id = '`+badID+`'`); n != 1 {
		t.Fatal("the healed document was not stored")
	}
}

// TestItemTheDatabaseRefuses: a document whose data PostgreSQL refuses (a notation
// too long for its index) is rolled back alone on its savepoint: the rest of its page is
// stored in the same cycle, and the cycle succeeds.
func TestItemTheDatabaseRefuses(t *testing.T) {
	t.Parallel()
	b := setup(t, portalsim.Faults{}, 30)
	ctx := context.Background()
	var public []int64
	for _, id := range b.sim.DocumentIDs() {
		if d, _ := b.sim.Document(id); d.Direction == portalsim.Issued && !connectors.IsSecret(d.Secrecy) {
			public = append(public, id)
		}
	}
	bad := public[0]
	r := rand.New(rand.NewPCG(1, 2))
	var long strings.Builder
	for range 9000 {
		long.WriteByte(byte('A' + r.IntN(26)))
	}
	if err := b.sim.UpdateDocument(bad, func(d *portalsim.Document) { d.Notation += long.String() }); err != nil {
		t.Fatal(err)
	}
	res, err := b.eng.Cycle(ctx)
	if err != nil {
		t.Fatalf("one refused row failed the cycle: %v", err)
	}
	if di := res.Streams["DI"]; di.Errors != 1 {
		t.Fatalf("DI run %+v, want the one failure recorded", di)
	}
	if stored := count(t, b.st, `SELECT count(*) FROM documents WHERE stream = 'DI'`); stored != len(public)-1 {
		t.Fatalf("%d directives stored, want all %d but the refused one", stored, len(public)-1)
	}
	if tasks := count(t, b.st, `SELECT count(*) FROM tasks`); tasks == 0 {
		t.Fatal("no task stored")
	}
}
