package main

import (
	"context"
	"os"
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

	// The backup and the restore, as README "Operating it" gives them.
	dump := filepath.Join(t.TempDir(), "cddh.dump")
	if code, out, errs := runCLI(t, env(original), "backup", "--out", dump); code != exitOK || !strings.Contains(out, "backup written to "+dump) {
		t.Fatalf("backup: exit %d\n%s\n%s", code, out, errs)
	}
	if fi, err := os.Stat(dump); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("the dump: %v (it holds the Office's records: mode 0600)", err)
	}
	if code, _, errs := runCLI(t, env(original), "backup", "--out", dump); code != exitUsage || !strings.Contains(errs, "never overwrites") {
		t.Fatalf("a second backup over the first: exit %d %s", code, errs)
	}
	if code, _, errs := runCLI(t, env(original), "restore", "--in", dump); code != exitUsage || !strings.Contains(errs, "the store is not empty") {
		t.Fatalf("restore over live data: exit %d %s", code, errs)
	}
	// Into a store a daemon already migrated (the usual case: a new machine
	// started once), so its empty schema must give way to the dump's.
	restored := storetest.NewMigratedDatabase(t)
	if code, out, errs := runCLI(t, env(restored), "restore", "--in", dump); code != exitOK || !strings.Contains(out, "restored "+dump) {
		t.Fatalf("restore: exit %d\n%s\n%s", code, out, errs)
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

// TestBackupEmbeddedWhileRunning: with the embedded store a running daemon owns,
// backup reaches it through its postmaster.pid and password file, and restore
// refuses to run under it.
func TestBackupEmbeddedWhileRunning(t *testing.T) {
	dir, err := os.MkdirTemp("", "cddh-backup-embedded-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	_ = os.Chmod(dir, 0o711)
	ctx := context.Background()
	c, err := store.StartCluster(ctx, store.ClusterOptions{DataDir: dir, Fast: true})
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := c.Stop(context.Background()); err != nil {
			t.Error(err)
		}
	}()
	st, err := store.Open(ctx, c.DSN(""), store.Options{MaxConns: 2})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.Migrate(ctx, st.Pool()); err != nil {
		t.Fatal(err)
	}
	st.Close()
	cfg := writeFile(t, t.TempDir(), "c.yaml", "store:\n  data_dir: "+dir+"\n")
	dump := filepath.Join(t.TempDir(), "x.dump")
	if code, out, errs := runCLI(t, map[string]string{"CDDH_STORE_DSN": ""}, "backup", "--config", cfg, "--out", dump); code != exitOK {
		t.Fatalf("backup of the running embedded store: exit %d\n%s\n%s", code, out, errs)
	}
	if fi, err := os.Stat(dump); err != nil || fi.Size() < 1000 {
		t.Fatalf("the dump: %v", err)
	}
	if code, _, errs := runCLI(t, map[string]string{"CDDH_STORE_DSN": ""}, "restore", "--config", cfg, "--in", dump); code != exitUsage || !strings.Contains(errs, "stop it first") {
		t.Fatalf("restore under a running daemon: exit %d %s", code, errs)
	}
}
