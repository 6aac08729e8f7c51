package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"cddh-sync/connectors/portalsim"
	"cddh-sync/sync/store"
	"cddh-sync/sync/store/storetest"
)

// TestRestoredDumpResumesWithoutRepushing is the backup story of README
// "Operating it": a pg_dump of the store, restored into an empty database, and a
// restart (sync --once on the restored store) carries on from the restored cursors
// and outbox: the portal receives no write it already had. A control run on an
// empty store shows the same portal would be written to again.
func TestRestoredDumpResumesWithoutRepushing(t *testing.T) {
	bin, err := store.FindPostgresBin()
	if err != nil {
		t.Fatal(err)
	}
	pgDump, pgRestore := filepath.Join(bin, "pg_dump"), filepath.Join(bin, "pg_restore")
	for _, p := range []string{pgDump, pgRestore} {
		if _, err := os.Stat(p); err != nil {
			t.Fatalf("%s: %v (apt-get install postgresql-client)", p, err)
		}
	}
	sim, url := startSim(t, portalsim.Options{Seed: 3, Documents: 30})
	user, pass := sim.Credentials()
	env := func(dsn string) map[string]string {
		return map[string]string{"CDDH_PORTAL_BASE_URL": url, "CDDH_PORTAL_USERNAME": user, "CDDH_PORTAL_PASSWORD": pass,
			"CDDH_STORE_DSN": dsn, "CDDH_PORTAL_RATE_LIMIT": "100", "CDDH_SIGNING_OFFLINE": "true", "CDDH_LOG_FORMAT": "json",
			"CDDH_REVIEW_POLICY": "auto", "CDDH_REMINDERS_ENABLED": "false"}
	}
	writes := func() int {
		s := sim.Stats()
		return s.CommentPosts + s.TaskPuts + s.ReceiveStatuses
	}
	original := storetest.NewDatabase(t)
	if code, out, errs := runCLI(t, env(original), "sync", "--once"); code != exitOK {
		t.Fatalf("first sync: exit %d\n%s\n%s", code, out, errs)
	}
	afterFirst := writes()
	if afterFirst == 0 || len(sim.Tasks()) == 0 {
		t.Fatalf("the first sync wrote nothing to the portal (%d writes, %d task records): nothing to prove", afterFirst, len(sim.Tasks()))
	}
	var delivered int
	if err := pgxQueryRow(original, `SELECT count(*) FROM outbox WHERE state = 'done'`, &delivered); err != nil {
		t.Fatal(err)
	}

	// The backup, as README "Operating it" gives it.
	dump := filepath.Join(t.TempDir(), "cddh.dump")
	if out, err := exec.Command(pgDump, "--format=custom", "--file", dump, "--dbname", original).CombinedOutput(); err != nil {
		t.Fatalf("pg_dump: %v\n%s", err, out)
	}
	restored := storetest.NewDatabase(t)
	if out, err := exec.Command(pgRestore, "--no-owner", "--exit-on-error", "--dbname", restored, dump).CombinedOutput(); err != nil {
		t.Fatalf("pg_restore: %v\n%s", err, out)
	}
	var docsBefore, docsAfter int
	if err := pgxQueryRow(original, `SELECT count(*) FROM documents`, &docsBefore); err != nil {
		t.Fatal(err)
	}

	// The restart, on the restored store: readiness, then a cycle.
	if code, out, errs := runCLI(t, env(restored), "migrate"); code != exitOK || !strings.Contains(out, "0 migration(s) applied") {
		t.Fatalf("migrate on the restored store: exit %d\n%s\n%s", code, out, errs)
	}
	if code, out, errs := runCLI(t, env(restored), "sync", "--once"); code != exitOK {
		t.Fatalf("sync on the restored store: exit %d\n%s\n%s", code, out, errs)
	}
	if got := writes(); got != afterFirst {
		t.Fatalf("after the restore the portal received %d more writes: something was pushed again", got-afterFirst)
	}
	if err := pgxQueryRow(restored, `SELECT count(*) FROM documents`, &docsAfter); err != nil {
		t.Fatal(err)
	}
	var deliveredAfter, pending int
	if err := pgxQueryRow(restored, `SELECT count(*) FROM outbox WHERE state = 'done'`, &deliveredAfter); err != nil {
		t.Fatal(err)
	}
	if err := pgxQueryRow(restored, `SELECT count(*) FROM outbox WHERE state <> 'done'`, &pending); err != nil {
		t.Fatal(err)
	}
	if docsAfter != docsBefore || deliveredAfter != delivered || pending != 0 {
		t.Fatalf("restored store after the restart: %d documents (had %d), %d delivered (had %d), %d not delivered",
			docsAfter, docsBefore, deliveredAfter, delivered, pending)
	}
	t.Logf("restored: %d documents, %d push-backs delivered before the backup; 0 writes after the restart", docsAfter, delivered)

	// Control: without the restored store the same portal is written to again,
	// so the zero above is not for want of trying.
	if code, out, errs := runCLI(t, env(storetest.NewDatabase(t)), "sync", "--once"); code != exitOK {
		t.Fatalf("control sync: exit %d\n%s\n%s", code, out, errs)
	}
	if writes() == afterFirst {
		t.Fatal("an empty store wrote nothing either: the test proves nothing")
	}
}
