package main

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"math/big"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"cddh-sync/sync/store"
	"cddh-sync/sync/store/storetest"
)

func TestMain(m *testing.M) { storetest.Main(m) }

// runCLI runs the command line in-process and returns exit code, stdout and stderr.
func runCLI(t *testing.T, envVars map[string]string, args ...string) (int, string, string) {
	t.Helper()
	for k, v := range envVars {
		t.Setenv(k, v)
	}
	var out, errb bytes.Buffer
	code := realMain(context.Background(), env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb}, args)
	return code, out.String(), errb.String()
}

func writeFile(t *testing.T, dir, name, body string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestTopLevelUsage(t *testing.T) {
	if code, _, errs := runCLI(t, nil); code != exitUsage || !strings.Contains(errs, "commands:") {
		t.Fatalf("no args: exit %d, %q", code, errs)
	}
	if code, _, _ := runCLI(t, nil, "--help"); code != exitOK {
		t.Fatalf("--help: exit %d", code)
	}
	if code, _, errs := runCLI(t, nil, "frobnicate"); code != exitUsage || !strings.Contains(errs, `unknown command "frobnicate"`) {
		t.Fatalf("unknown command: exit %d, %q", code, errs)
	}
}

func TestEveryCommandHasHelp(t *testing.T) {
	for name := range commands {
		code, _, errs := runCLI(t, nil, name, "--help")
		if code != exitOK || !strings.Contains(errs, "usage: cddh-sync "+name) {
			t.Errorf("%s --help: exit %d, %q", name, code, errs)
		}
		// cli.md: a usage error is exit 2 with one line naming the flag, not the usage.
		if code, out, errs := runCLI(t, nil, name, "--no-such-flag"); code != exitUsage || out != "" ||
			strings.Count(errs, "\n") != 1 || !strings.Contains(errs, "-no-such-flag") {
			t.Errorf("%s --no-such-flag: exit %d, stderr %q; want 2 and one line naming the flag", name, code, errs)
		}
	}
	for _, args := range [][]string{
		{"calendar", "add", "--bogus"}, {"calendar", "holidays", "--year"}, {"edxml", "inspect", "--bogus", "x"},
		{"extract", "--format"}, {"verify", "--jobs", "many", "x.pdf"}, {"calendar"}, {"edxml"}, {"corpus"},
	} {
		code, out, errs := runCLI(t, nil, args...)
		if code != exitUsage || out != "" || strings.Count(errs, "\n") != 1 || strings.Contains(errs, "usage:") {
			t.Errorf("%q: exit %d, stderr %q; want 2 and one line", args, code, errs)
		}
	}
}

func TestConfigErrorsAreOneLineExit2(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"wrong key", []string{"migrate", "--config", writeFile(t, dir, "k.yaml", "store:\n  dns: x\n")}, `k.yaml:2: unknown key "store.dns"`},
		{"missing file", []string{"doctor", "--config", filepath.Join(dir, "nope.yaml")}, "nope.yaml: does not exist"},
		{"bad dsn", []string{"migrate", "--config", writeFile(t, dir, "d.yaml", "store:\n  dsn: \"postgres://a@h:99999999/db\"\n")}, "store.dsn: not a valid"},
		{"dsn with a password in the file", []string{"migrate", "--config", writeFile(t, dir, "p.yaml", "store:\n  dsn: \"postgres://a:pw@h:5432/db\"\n")}, "store.dsn carries a password"},
		{"network listen without TLS", []string{"run", "--config", writeFile(t, dir, "l.yaml", "http:\n  listen: 0.0.0.0:9464\n")}, "http.listen: 0.0.0.0:9464 is reachable from the network"},
		{"missing work dir", []string{"sync", "--once", "--config", writeFile(t, dir, "w.yaml", "sync:\n  work_dir: /nonexistent/work\n")}, "sync.work_dir: stat /nonexistent/work: no such file or directory"},
		{"work dir is a file", []string{"run", "--config", writeFile(t, dir, "f.yaml", "sync:\n  work_dir: f.yaml\n")}, "sync.work_dir: " + filepath.Join(dir, "f.yaml") + " is not a directory"},
		{"missing secret file", []string{"doctor", "--config", writeFile(t, dir, "s.yaml", "portal:\n  password_file: /nonexistent/pw\n")}, "portal.password_file: file /nonexistent/pw does not exist"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := runCLI(t, nil, tc.args...)
			if code != exitUsage {
				t.Fatalf("exit %d, want 2 (stderr %q)", code, errs)
			}
			if out != "" || strings.Count(strings.TrimSpace(errs), "\n") != 0 || !strings.Contains(errs, tc.want) {
				t.Fatalf("stderr %q, stdout %q; want one line containing %q", errs, out, tc.want)
			}
		})
	}
}

func TestMigrateAgainstRealPostgres(t *testing.T) {
	dsn := storetest.NewDatabase(t)
	ms, err := store.Migrations()
	if err != nil {
		t.Fatal(err)
	}
	all := fmt.Sprintf("schema at version %d (%d migration(s) applied)", store.SchemaVersion(), len(ms))
	for i, want := range []string{all, "0 migration(s) applied"} {
		code, out, errs := runCLI(t, map[string]string{"CDDH_STORE_DSN": dsn}, "migrate")
		if code != exitOK || !strings.Contains(out, want) {
			t.Fatalf("run %d: exit %d, out %q, err %q", i, code, out, errs)
		}
	}
}

func TestMigrateUnreachableDatabaseExit3(t *testing.T) {
	code, _, errs := runCLI(t, map[string]string{"CDDH_STORE_DSN": "postgres://u:secretpw@127.0.0.1:1/db?connect_timeout=2",
		"CDDH_STORE_CONNECT_WAIT": "1s"}, "migrate")
	if code != exitRuntime {
		t.Fatalf("exit %d, want 3 (%q)", code, errs)
	}
	if strings.Contains(errs, "secretpw") {
		t.Fatalf("the password leaked into the error: %q", errs)
	}
}

func selfSignedCA(t *testing.T, dir string) string {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "Test Root CA G2"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return writeFile(t, dir, "root.pem", string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})))
}

func TestDoctorReportsEachCheck(t *testing.T) {
	dir := t.TempDir()
	root := selfSignedCA(t, dir)
	notCert := writeFile(t, dir, "junk.pem", "hello")
	cfg := writeFile(t, dir, "c.yaml", "portal:\n  base_url: http://127.0.0.1:1\n  timeout: 1s\nsigning:\n  trust_anchors: [root.pem, junk.pem]\nsync:\n  work_dir: nowhere\n")
	dsn := storetest.NewMigratedDatabase(t)
	code, out, errs := runCLI(t, map[string]string{"CDDH_STORE_DSN": dsn, "CDDH_PORTAL_PASSWORD": "pw"}, "doctor", "--config", cfg)
	if code != exitNegative {
		t.Fatalf("exit %d, want 1 (portal down, a bad anchor); out %q err %q", code, out, errs)
	}
	for _, want := range []string{
		"ok    config", "ok    pdftotext", "FAIL  portal", "ok    database", "schema up to date",
		"ok    trust-anchor  " + root + ": Test Root CA G2, SHA-256 ",
		"FAIL  trust-anchor  signing.trust_anchors: " + notCert + " is not a certificate",
		"FAIL  work-dir      sync.work_dir: stat " + filepath.Join(dir, "nowhere") + ": no such file or directory",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("doctor output lacks %q:\n%s", want, out)
		}
	}
	_ = root
}

func TestDoctorPortalLogin(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var body struct{ Username, Password string }
		_ = json.NewDecoder(r.Body).Decode(&body)
		if r.URL.Path != "/qlvb/api/login/v3/" || body.Password != "right" {
			_, _ = w.Write([]byte(`{"status":{"code":"401","message":"Sai mật khẩu"},"data":null}`))
			return
		}
		_, _ = w.Write([]byte(`{"status":{"code":"0","message":"OK"},"data":{"token":"tok","expiresIn":1800}}`))
	}))
	defer srv.Close()
	dir := t.TempDir()
	cfg := writeFile(t, dir, "c.yaml", "portal:\n  base_url: "+srv.URL+"\nsigning:\n  trust_anchors: [root.pem]\n")
	selfSignedCA(t, dir)
	dsn := storetest.NewMigratedDatabase(t)
	code, out, _ := runCLI(t, map[string]string{"CDDH_STORE_DSN": dsn, "CDDH_PORTAL_PASSWORD": "right"}, "doctor", "--config", cfg)
	if code != exitOK || !strings.Contains(out, "ok    portal") || !strings.Contains(out, "ok    work-dir      "+os.TempDir()) {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	code, out, _ = runCLI(t, map[string]string{"CDDH_STORE_DSN": dsn, "CDDH_PORTAL_PASSWORD": "wrong"}, "doctor", "--config", cfg)
	if code != exitNegative || !strings.Contains(out, `FAIL  portal        login as "cddh" refused: HTTP 200, status 401 "Sai mật khẩu"`) || strings.Contains(out, "wrong") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
}

func TestExportImportCommands(t *testing.T) {
	src := storetest.NewMigratedDatabase(t)
	dst := storetest.NewMigratedDatabase(t)
	out := filepath.Join(t.TempDir(), "handover")
	code, stdout, errs := runCLI(t, map[string]string{"CDDH_STORE_DSN": src}, "export", "--out", out)
	if code != exitOK || !strings.Contains(stdout, "exported") || !strings.Contains(errs, "documents: 0 rows") {
		t.Fatalf("export: exit %d, %q, %q", code, stdout, errs)
	}
	if code, _, errs := runCLI(t, map[string]string{"CDDH_STORE_DSN": src}, "export"); code != exitUsage || !strings.Contains(errs, "--out") {
		t.Fatalf("export without --out: %d %q", code, errs)
	}
	code, stdout, errs = runCLI(t, map[string]string{"CDDH_STORE_DSN": dst}, "import", "--in", out)
	if code != exitOK || !strings.Contains(stdout, "imported") {
		t.Fatalf("import: exit %d, %q, %q", code, stdout, errs)
	}
	if code, _, errs := runCLI(t, map[string]string{"CDDH_STORE_DSN": dst}, "import", "--in", t.TempDir()); code != exitUsage || !strings.Contains(errs, "manifest.json") {
		t.Fatalf("import of a non-export: %d %q", code, errs)
	}
}

func TestCalendarAndProfileFiles(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "cal.yaml", "schedules:\n  - year: 2027\n    days_off: [\"2027-03-03\"]\n    source: test\nextra_holidays:\n  - {month: 11, day: 24, name: Ngày Văn hóa Việt Nam, effective_from: \"2026-11-24\"}\n")
	cfg, err := loadConfig(writeFile(t, dir, "c.yaml", "calendar_file: cal.yaml\n"))
	if err != nil {
		t.Fatal(err)
	}
	rs, err := newRuleSet(cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []time.Time{time.Date(2027, 3, 3, 9, 0, 0, 0, time.UTC), time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)} {
		if rs.Calendar.IsWorkingDay(d) {
			t.Errorf("%s should be off per calendar_file", d.Format("2006-01-02"))
		}
	}
	writeFile(t, dir, "bad.yaml", "schedules:\n  - year: 2027\n    holidays: []\n")
	cfg, _ = loadConfig(writeFile(t, dir, "c2.yaml", "calendar_file: bad.yaml\n"))
	if _, err := newRuleSet(cfg); err == nil || !strings.Contains(err.Error(), "bad.yaml") {
		t.Fatalf("bad calendar file: %v", err)
	}
}

// TestDoctorNamesMissingPackages: on a machine without pdftotext or the
// PostgreSQL server, doctor fails and names the Debian package to install.
func TestDoctorNamesMissingPackages(t *testing.T) {
	dir := t.TempDir()
	cfg := writeFile(t, dir, "c.yaml", "portal:\n  base_url: http://127.0.0.1:1\n  timeout: 1s\nstore:\n  data_dir: "+filepath.Join(dir, "data")+"\n")
	saved := findPostgresBin
	findPostgresBin = func() (string, error) { return "", store.ErrNoPostgres }
	defer func() { findPostgresBin = saved }()
	code, out, _ := runCLI(t, map[string]string{"PATH": dir, "CDDH_PORTAL_PASSWORD": "pw"}, "doctor", "--config", cfg)
	if code != exitNegative {
		t.Fatalf("exit %d, want 1:\n%s", code, out)
	}
	for _, want := range []string{
		"FAIL  pdftotext     pdftotext not found on PATH", "install the Debian package poppler-utils (apt-get install poppler-utils)",
		"FAIL  postgresql", "install the Debian package postgresql (apt-get install postgresql)",
		"warn  pg_dump", "postgresql-client", "FAIL  database      not checked",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("doctor output lacks %q:\n%s", want, out)
		}
	}
}

// Without --config and without any CDDH_* key, the commands that touch the portal or
// the store refuse to run on defaults (which would create ./cddh-data wherever they
// are started): exit 2, one line naming --config, nothing created.
func TestConfigRequired(t *testing.T) {
	for _, kv := range os.Environ() {
		if k, _, _ := strings.Cut(kv, "="); strings.HasPrefix(k, "CDDH_") {
			t.Setenv(k, "")
		}
	}
	dir := t.TempDir()
	t.Chdir(dir)
	for _, args := range [][]string{{"sync", "--once"}, {"run"}, {"tasks"}, {"report", "--period", "2026"}, {"migrate"},
		{"doctor"}, {"export", "--out", "x"}, {"backup", "--out", "x.dump"},
		{"corpus", "export", "--out", "x"}} {
		code, out, errs := runCLI(t, nil, args...)
		if code != exitUsage || out != "" || strings.Count(errs, "\n") != 1 || !strings.Contains(errs, "--config is required") {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want 2 and one line naming --config", args, code, out, errs)
		}
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 0 {
		t.Errorf("created %v without a configuration", ents)
	}
	// A key from the environment is a configuration: the command goes on (here to a
	// store that is not there, exit 3 — not 2).
	t.Setenv("CDDH_STORE_DSN", "postgres://cddh@127.0.0.1:1/none?connect_timeout=1")
	t.Setenv("CDDH_STORE_CONNECT_WAIT", "0s")
	if code, _, errs := runCLI(t, nil, "migrate"); code == exitUsage || strings.Contains(errs, "--config is required") {
		t.Errorf("migrate with CDDH_STORE_DSN: exit %d, %q", code, errs)
	}
}

// cli.md: exit 3 when the database stays unreachable "after retries": sync --once
// retries the store for store.connect_wait with backoff, says so once, then exits 3.
func TestSyncOnceRetriesUnreachableDatabase(t *testing.T) {
	env := map[string]string{"CDDH_STORE_DSN": "postgres://cddh@127.0.0.1:1/cddh?connect_timeout=1", "CDDH_STORE_CONNECT_WAIT": "2s",
		"CDDH_PORTAL_BASE_URL": "http://127.0.0.1:1", "CDDH_PORTAL_TIMEOUT": "1s", "CDDH_PORTAL_PASSWORD": "x", "CDDH_LOG_FORMAT": "json"}
	start := time.Now()
	code, out, errs := runCLI(t, env, "sync", "--once")
	took := time.Since(start)
	if code != exitRuntime || !strings.Contains(errs, "127.0.0.1:1") || !strings.Contains(errs, "after retrying for 2s") {
		t.Fatalf("exit %d, stderr %q; want 3 naming the database and the retries", code, errs)
	}
	if took < 1900*time.Millisecond || took > 10*time.Second {
		t.Errorf("exit 3 after %s, want after about 2s of retries", took)
	}
	if n := strings.Count(out, `"event":"store.connect_retry"`); n != 1 {
		t.Errorf("%d store.connect_retry lines, want 1:\n%s", n, out)
	}
}
