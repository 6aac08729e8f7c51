package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"cddh-sync/connectors"
	"cddh-sync/connectors/portalsim"
	"cddh-sync/connectors/portalsim/simtest"
	"cddh-sync/sync/store/storetest"
)

// pgxQueryRow scans one value from dsn.
func pgxQueryRow(dsn, sql string, dst any) error {
	conn, err := pgx.Connect(context.Background(), dsn)
	if err != nil {
		return err
	}
	defer conn.Close(context.Background())
	return conn.QueryRow(context.Background(), sql).Scan(dst)
}

// startSim serves a simulator on a loopback port for the test.
func startSim(t testing.TB, opts portalsim.Options) (*portalsim.Sim, string) {
	t.Helper()
	return simtest.Start(t, opts)
}

// TestSyncOnceTasksReport drives the product only through its command line, as
// provincial IT would: one sync cycle against the simulator, then tasks and the
// report, then checks that no secret document's content reached the database.
func TestSyncOnceTasksReport(t *testing.T) {
	sim, url := startSim(t, portalsim.Options{Seed: 3, Documents: 40})
	user, pass := sim.Credentials()
	// A report that answers no directive: it must be named, not dropped or guessed.
	if _, err := sim.AddReport(portalsim.CodeOffice, "BC-VP", "Báo cáo tổng hợp tình hình thời tiết", "Nội dung tổng hợp.",
		time.Now().In(connectors.Zone).Add(-time.Minute)); err != nil {
		t.Fatal(err)
	}
	dsn := storetest.NewDatabase(t)
	env := map[string]string{"CDDH_PORTAL_BASE_URL": url, "CDDH_PORTAL_USERNAME": user, "CDDH_PORTAL_PASSWORD": pass,
		"CDDH_STORE_DSN": dsn, "CDDH_PORTAL_RATE_LIMIT": "100", "CDDH_SIGNING_OFFLINE": "true", "CDDH_LOG_FORMAT": "json",
		// Offline and without trust anchors no signature passes, so the default
		// review policy would hold every task; this test is about the push path.
		"CDDH_REVIEW_POLICY": "auto"}
	code, out, errs := runCLI(t, env, "sync", "--once")
	if code != exitOK {
		t.Fatalf("sync --once: exit %d\n%s\n%s", code, out, errs)
	}
	if strings.Contains(out, pass) {
		t.Fatal("the portal password reached the log")
	}
	syncLog := out + errs
	code, out, errs = runCLI(t, env, "tasks", "--format", "json")
	if code != exitOK {
		t.Fatalf("tasks: exit %d %s", code, errs)
	}
	// Reports the matcher could not place are named, never dropped.
	unlinked := 0
	if err := pgxQueryRow(dsn, `SELECT count(*) FROM report_links WHERE task_id IS NULL`, &unlinked); err != nil {
		t.Fatal(err)
	}
	if unlinked == 0 {
		t.Error("the report that answers nothing was linked to a task")
	}
	if !strings.Contains(errs, fmt.Sprintf("%d incoming report(s) not linked", unlinked)) {
		t.Errorf("%d unlinked reports, but tasks says:\n%s", unlinked, errs)
	}
	t.Logf("%d incoming report(s) not linked to a task", unlinked)
	if bad := notHoChiMinh(out); len(bad) > 0 {
		t.Errorf("tasks JSON has timestamps not at +07:00: %v", bad)
	}
	var tasks []map[string]any
	if err := json.Unmarshal([]byte(out), &tasks); err != nil {
		t.Fatalf("tasks JSON: %v\n%s", err, out)
	}
	if len(tasks) == 0 {
		t.Fatal("no task extracted from the simulator's directives")
	}
	for _, k := range []string{"id", "document_id", "content", "lead_unit", "coordinating_units", "deadline", "must_report",
		"flags", "state", "status_text", "reported_at", "decided_at", "extensions", "signature", "review", "history"} {
		if _, ok := tasks[0][k]; !ok {
			t.Errorf("tasks JSON lacks %q", k)
		}
	}
	for _, tk := range tasks {
		if r, _ := tk["review"].(map[string]any); r["state"] != "auto" {
			t.Fatalf("review policy auto, but task %v has review %v", tk["id"], tk["review"])
		}
	}
	if len(sim.Tasks()) != len(tasks) {
		t.Errorf("portal register has %d records, tasks lists %d", len(sim.Tasks()), len(tasks))
	}
	code, out, errs = runCLI(t, env, "report", "--period", time.Now().In(connectors.Zone).Format("2006"), "--format", "json")
	if code != exitOK || !json.Valid([]byte(out)) {
		t.Fatalf("report: exit %d %s\n%s", code, errs, out)
	}
	if bad := notHoChiMinh(out); len(bad) > 0 {
		t.Errorf("report JSON has timestamps not at +07:00: %v", bad)
	}
	var rep struct {
		Total      struct{ Assigned int }
		Compliance []struct {
			Obligation string
			Measured   int
		}
		Unlinked []struct{ Method string } `json:"unlinked_reports"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Unlinked) != unlinked {
		t.Errorf("report lists %d unlinked reports, the store has %d", len(rep.Unlinked), unlinked)
	}
	measured := map[string]int{}
	for _, c := range rep.Compliance {
		measured[c.Obligation] += c.Measured
	}
	if rep.Total.Assigned > 0 && (measured["entry"] == 0 || measured["update"] == 0) {
		t.Errorf("report: %d tasks but compliance lags measured %v", rep.Total.Assigned, measured)
	}
	// Secret documents: their subject never reaches the store or the log.
	secretNotStored(t, sim, dsn, syncLog)
}
