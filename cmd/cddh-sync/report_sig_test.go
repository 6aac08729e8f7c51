package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"cddh-sync/connectors"
	"cddh-sync/connectors/portalsim"
	"cddh-sync/connectors/portalsim/simpki"
	"cddh-sync/sync/store/storetest"
)

// TestReportWithSignedAttachment: a unit's report carries a PDF signed by the
// simulator's PKI. `sync --once` downloads it through the same checks as a
// directive's files, verifies its signature against the configured root, records
// the verdict on the report, and the task it answers shows it in its history
// (tasks --format json). Its edXML package is verified too, and its verdict shown
// beside the PDF's.
func TestReportWithSignedAttachment(t *testing.T) {
	bin := buildBinary(t)
	pki, err := simpki.New()
	if err != nil {
		t.Fatal(err)
	}
	root := filepath.Join(t.TempDir(), "root.pem")
	if err := os.WriteFile(root, pki.RootPEM(), 0o600); err != nil {
		t.Fatal(err)
	}
	sim, url := startSim(t, portalsim.Options{Seed: 25, Documents: 8, SignPDF: pki.SignPDF})
	user, pass := sim.Credentials()
	now := time.Now().In(connectors.Zone)
	dir, err := sim.AddDirective("Công văn", "920/UBND-KT", "V/v báo cáo tình hình",
		"Giao Sở Tài chính báo cáo tình hình thực hiện trước ngày 30/12/2026.", now.Add(-3*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	rep, err := sim.AddReport("000.00.12.H20", "70/BC-STC", "Báo cáo tình hình thực hiện",
		"Sở Tài chính báo cáo kết quả thực hiện.", now.Add(-time.Hour), dir)
	if err != nil {
		t.Fatal(err)
	}
	if d, _ := sim.Document(rep); len(d.Files) == 0 {
		t.Fatal("the report has no attachment")
	}
	dsn := storetest.NewDatabase(t)
	env := defaultEnv(t, url, user, pass, dsn, "CDDH_SIGNING_TRUST_ANCHORS="+root)
	logs := newLogWatch()
	if code := runOnce(t, bin, env, logs); code != exitOK {
		t.Fatalf("sync --once: exit %d\n%s", code, tail(logs.String(), 3000))
	}
	var indication string
	if err := pgxQueryRow(dsn, `SELECT coalesce(min(v.indication), '') FROM signature_verdicts v JOIN documents d ON d.id = v.document_id
		WHERE v.source = 'pdf' AND d.portal_id = '`+strconv.FormatInt(rep, 10)+`'`, &indication); err != nil {
		t.Fatal(err)
	}
	if indication != "TOTAL_PASSED" {
		t.Fatalf("the report's signature verdict is %q, want TOTAL_PASSED", indication)
	}
	// Its edXML package (unsigned in this simulator) is verified by the directive's
	// path too, and its verdict recorded beside the PDF's.
	var edxmlVerdict string
	if err := pgxQueryRow(dsn, `SELECT coalesce(min(v.indication), '') FROM signature_verdicts v JOIN documents d ON d.id = v.document_id
		WHERE v.source = 'edxml' AND d.portal_id = '`+strconv.FormatInt(rep, 10)+`'`, &edxmlVerdict); err != nil {
		t.Fatal(err)
	}
	if edxmlVerdict != "NO_SIGNATURE_FOUND" {
		t.Errorf("the report's edXML verdict is %q, want NO_SIGNATURE_FOUND (the simulator's package is unsigned)", edxmlVerdict)
	}
	var files int
	_ = pgxQueryRow(dsn, `SELECT count(*) FROM attachments a JOIN documents d ON d.id = a.document_id
		WHERE d.portal_id = '`+strconv.FormatInt(rep, 10)+`' AND a.sha256 IS NOT NULL`, &files)
	if files == 0 {
		t.Error("the report's attachment was not recorded")
	}
	envMap := map[string]string{"CDDH_PORTAL_BASE_URL": url, "CDDH_PORTAL_USERNAME": user, "CDDH_PORTAL_PASSWORD": pass,
		"CDDH_STORE_DSN": dsn, "CDDH_SIGNING_OFFLINE": "true", "CDDH_LOG_FORMAT": "json"}
	code, out, errs := runCLI(t, envMap, "tasks", "--format", "json")
	if code != exitOK {
		t.Fatalf("tasks: exit %d %s", code, errs)
	}
	var tasks []taskJSON
	if err := json.Unmarshal([]byte(out), &tasks); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, tk := range tasks {
		if tk.DocumentID != strconv.FormatInt(dir, 10) {
			continue
		}
		for _, h := range tk.History {
			if strings.Contains(h.Note, "70/BC-STC") && strings.Contains(h.Note, "tệp PDF TOTAL_PASSED") &&
				strings.Contains(h.Note, "gói edXML NO_SIGNATURE_FOUND") {
				found = true
			}
		}
	}
	if !found {
		t.Errorf("no task of the directive shows the report's signature verdict in its history:\n%s", out)
	}
}
