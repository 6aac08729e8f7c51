package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func write(t *testing.T, name, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func noEnv(string) string { return "" }

func envMap(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestLoadDefaultsWithoutFile(t *testing.T) {
	cfg, err := Load("", noEnv)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Profile != "dong-thap" || cfg.Portal.Timeout != 10*time.Second || cfg.Portal.RateLimit != 5 ||
		cfg.Portal.Concurrency != 2 || cfg.Sync.Interval != "1m" || cfg.HTTP.Listen != "127.0.0.1:9464" {
		t.Fatalf("defaults not applied: %+v", cfg)
	}
}

func TestExampleConfigLoads(t *testing.T) {
	// config.example.yaml documents every key; it must stay loadable, and its values
	// must be the defaults it claims.
	cfg, err := Load("../../../../config.example.yaml", envMap(map[string]string{"CDDH_PORTAL_PASSWORD": "x"}))
	if err != nil {
		t.Fatal(err)
	}
	def := Default()
	cfg.Dir, def.Dir = "", ""
	cfg.Portal.Password = ""
	if cfg.Portal.Username != def.Portal.Username || cfg.Store.DataDir != def.Store.DataDir ||
		cfg.Sync.PageSize != def.Sync.PageSize || cfg.Portal.MaxDownloadMB != def.Portal.MaxDownloadMB ||
		cfg.Signing.Policy != def.Signing.Policy || cfg.Reminders != def.Reminders {
		t.Fatalf("example differs from defaults:\n%+v\n%+v", cfg, def)
	}
}

func TestLoadErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, body string
		env        map[string]string
		want       string // substring of the one-line error
	}{
		{"unknown top key", "profile: dong-thap\nportl:\n  base_url: http://x\n", nil, `:2: unknown key "portl"`},
		{"unknown nested key", "portal:\n  base_url: http://x\n  timout: 5s\n", nil, `:3: unknown key "portal.timout"`},
		{"password in file", "portal:\n  password: hunter2\n", nil, `unknown key "portal.password" (secrets go in`},
		{"bad duration", "portal:\n  timeout: soon\n", nil, "line 2"},
		{"bad url", "portal:\n  base_url: ftp://x\n", nil, "portal.base_url"},
		{"bad dsn", "store:\n  dsn: \"postgres://u@host:notaport/db\"\n", nil, "store.dsn: not a valid"},
		{"dsn password in file", "store:\n  dsn: \"postgres://u:s3cret@db.example:5432/cddh\"\n", nil, "store.dsn carries a password"},
		{"dsn password key=value", "store:\n  dsn: \"host=db user=u password='s3cret'\"\n", nil, "store.dsn_file"},
		{"dsn password query", "store:\n  dsn: \"postgres://u@db/cddh?sslmode=require&password=s3cret\"\n", nil, "CDDH_STORE_DSN"},
		{"open listen without TLS", "http:\n  listen: 0.0.0.0:9464\n", nil, "http.tls_cert_file"},
		{"all interfaces without TLS", "http:\n  listen: \":9464\"\n", nil, "http.behind_proxy: true"},
		{"cert without key", "http:\n  tls_cert_file: c.pem\n", nil, "give both or neither"},
		{"proxy auth without secret", "http:\n  auth:\n    mode: proxy\n    trusted_proxies: [127.0.0.1/32]\n", nil, "http.proxy_secret_file"},
		{"short session idle", "http:\n  session_idle: 10s\n", nil, "http.session_idle"},
		{"bad interval", "sync:\n  interval: sometimes\n", nil, "sync.interval"},
		{"bad backfill", "sync:\n  backfill_from: 2026-01-01\n", nil, "sync.backfill_from"},
		{"missing password file", "portal:\n  password_file: nope.txt\n", nil, "portal.password_file: file"},
		{"bad env", "", map[string]string{"CDDH_PORTAL_CONCURRENCY": "many"}, "CDDH_PORTAL_CONCURRENCY"},
		{"bad yaml", "portal: [\n", nil, "config file"},
		{"bad review policy", "review:\n  policy: sometimes\n", nil, "review.policy"},
		{"bad review threshold", "review:\n  threshold: 1.5\n", nil, "review.threshold"},
		{"bad review type policy", "review:\n  document_types: {\"Công điện\": most}\n", nil, "review.document_types"},
		{"bad review env", "", map[string]string{"CDDH_REVIEW_POLICY": "never"}, "review.policy"},
		{"bad loai map", "units_loai_map: {XA: commune}\n", nil, `units_loai_map: "XA" maps to "commune"`},
		{"bad loai map env", "", map[string]string{"CDDH_UNITS_LOAI_MAP": "XA"}, "CDDH_UNITS_LOAI_MAP"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p := write(t, "c.yaml", tc.body)
			_, err := Load(p, envMap(tc.env))
			if err == nil {
				t.Fatalf("no error, want %q", tc.want)
			}
			msg := err.Error()
			if !strings.Contains(msg, tc.want) {
				t.Fatalf("error %q does not contain %q", msg, tc.want)
			}
			if strings.Contains(msg, "\n") {
				t.Fatalf("error is not one line: %q", msg)
			}
			if strings.Contains(msg, "s3cret") || strings.Contains(msg, "hunter2") {
				t.Fatalf("error leaks a secret: %q", msg)
			}
		})
	}
}

func TestMissingConfigFile(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), "absent.yaml"), noEnv)
	if err == nil || !strings.Contains(err.Error(), "absent.yaml: does not exist") {
		t.Fatalf("got %v", err)
	}
}

// TestUnitsLoaiMap: a portal's own loai values map to the rules' kinds, from the
// file or the environment.
func TestUnitsLoaiMap(t *testing.T) {
	t.Parallel()
	p := write(t, "c.yaml", "units_loai_map: {XA: ubnd_xa, PHUONG: ubnd_phuong}\n")
	cfg, err := Load(p, envMap(nil))
	if err != nil || cfg.UnitsLoaiMap["XA"] != "ubnd_xa" || cfg.UnitsLoaiMap["PHUONG"] != "ubnd_phuong" {
		t.Fatalf("%v %v", cfg.UnitsLoaiMap, err)
	}
	cfg, err = Load(p, envMap(map[string]string{"CDDH_UNITS_LOAI_MAP": "SO=so, VP=van_phong"}))
	if err != nil || len(cfg.UnitsLoaiMap) != 2 || cfg.UnitsLoaiMap["VP"] != "van_phong" {
		t.Fatalf("from the environment: %v %v", cfg.UnitsLoaiMap, err)
	}
}

func TestEnvOverridesAndSecrets(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "pw"), []byte("filepass\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "c.yaml")
	body := "portal:\n  base_url: http://a:1\n  password_file: pw\nsigning:\n  trust_anchors: [a.pem]\n"
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, err := Load(p, envMap(map[string]string{
		"CDDH_PORTAL_BASE_URL":             "https://portal.example:8443",
		"CDDH_PORTAL_TIMEOUT":              "3s",
		"CDDH_PORTAL_RATE_LIMIT":           "2.5",
		"CDDH_SIGNING_TRUST_ANCHORS":       "r1.pem, r2.pem",
		"CDDH_SIGNING_OFFLINE":             "true",
		"CDDH_STORE_DSN":                   "postgres://u:pw@127.0.0.1:5432/db",
		"CDDH_SYNC_INTERVAL":               "*/5 * * * *",
		"CDDH_PORTAL_INSECURE_SKIP_VERIFY": "",
	}))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Portal.BaseURL != "https://portal.example:8443" || cfg.Portal.Timeout != 3*time.Second ||
		cfg.Portal.RateLimit != 2.5 || !cfg.Signing.Offline || cfg.Sync.Interval != "*/5 * * * *" {
		t.Fatalf("env not applied: %+v", cfg)
	}
	if got := cfg.Signing.TrustAnchors; len(got) != 2 || got[1] != "r2.pem" {
		t.Fatalf("trust anchors: %v", got)
	}
	if cfg.Portal.Password.Value() != "filepass" {
		t.Fatalf("password from file: %q", cfg.Portal.Password.Value())
	}
	if s := cfg.Portal.Password.String(); s != "[redacted]" {
		t.Fatalf("secret prints itself: %q", s)
	}
	if cfg.Path("pw") != filepath.Join(dir, "pw") {
		t.Fatalf("relative path not resolved against the config file: %s", cfg.Path("pw"))
	}
	// The environment wins over the file for the password too.
	cfg, err = Load(p, envMap(map[string]string{"CDDH_PORTAL_PASSWORD": "envpass"}))
	if err != nil || cfg.Portal.Password.Value() != "envpass" {
		t.Fatalf("env password: %v %q", err, cfg.Portal.Password.Value())
	}
}

func TestParseInterval(t *testing.T) {
	for in, want := range map[string]string{"1m": "@every 1m0s", "30s": "@every 30s", "0 */2 * * *": "0 */2 * * *"} {
		got, err := ParseInterval(in)
		if err != nil || got != want {
			t.Errorf("ParseInterval(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"10ms", "x", ""} {
		if _, err := ParseInterval(bad); err == nil {
			t.Errorf("ParseInterval(%q) accepted", bad)
		}
	}
}

// TestNetworkListen: a non-loopback address is served with TLS, or behind a proxy
// that says so; loopback never needs either (issue 18 §6).
func TestNetworkListen(t *testing.T) {
	for _, body := range []string{
		"http:\n  listen: 10.0.0.5:9464\n  behind_proxy: true\n",
		"http:\n  listen: 0.0.0.0:9464\n  tls_cert_file: c.pem\n  tls_key_file: k.pem\n",
		"http:\n  listen: localhost:9464\n",
		"http:\n  listen: \"[::1]:9464\"\n",
	} {
		if _, err := Load(write(t, "c.yaml", body), noEnv); err != nil {
			t.Errorf("%q: %v", body, err)
		}
	}
}

// TestDSNPasswordFromEnvOrFile: the password may come from the environment or
// store.dsn_file, only not from the config file itself.
func TestDSNPasswordFromEnvOrFile(t *testing.T) {
	dir := t.TempDir()
	dsnFile := filepath.Join(dir, "dsn")
	if err := os.WriteFile(dsnFile, []byte("postgres://u:s3cret@db:5432/cddh\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "c.yaml")
	if err := os.WriteFile(p, []byte("store:\n  dsn_file: dsn\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, err := Load(p, noEnv)
	if err != nil || cfg.Store.DSN.Value() != "postgres://u:s3cret@db:5432/cddh" {
		t.Fatalf("dsn_file: %v", err)
	}
	if len(cfg.Warnings) != 0 {
		t.Fatalf("a 0600 secret file warned: %v", cfg.Warnings)
	}
	if _, err := Load(write(t, "c.yaml", "store:\n  dsn: \"postgres://u@db/cddh\"\n"), envMap(map[string]string{"CDDH_STORE_DSN": "postgres://u:s3cret@db/cddh"})); err != nil {
		t.Fatalf("CDDH_STORE_DSN with a password: %v", err)
	}
	// Readable by others: a warning naming the key and the file.
	if err := os.Chmod(dsnFile, 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err = Load(p, noEnv)
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Warnings) != 1 || !strings.Contains(cfg.Warnings[0], "store.dsn_file") || !strings.Contains(cfg.Warnings[0], "0644") {
		t.Fatalf("warnings: %v", cfg.Warnings)
	}
}

func TestDSNHasPassword(t *testing.T) {
	for dsn, want := range map[string]bool{
		"":                                     false,
		"postgres://u@h/db":                    false,
		"postgres://u:p@h/db":                  true,
		"postgresql://u:@h/db":                 true,
		"postgres://h/db?password=x":           true,
		"host=h user=u dbname=d":               false,
		"host=h password=x":                    true,
		"host=h PASSWORD = 'a b'":              true,
		"host='pass word' user=password":       false,
		"application_name='password=x' host=h": false,
	} {
		if got := DSNHasPassword(dsn); got != want {
			t.Errorf("DSNHasPassword(%q) = %v, want %v", dsn, got, want)
		}
	}
}

func FuzzDSNHasPassword(f *testing.F) {
	for _, s := range []string{"postgres://u:p@h/db", "password=x", "a'b\\", "x y=z"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		_ = DSNHasPassword(v) // never panics
		// Any value, quoted as libpq quotes it, hides no password key, and a
		// password key after it is always found.
		q := "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(v) + "'"
		if DSNHasPassword("host=" + q + " user=u") {
			t.Fatalf("a password found in the quoted value %q", q)
		}
		if !DSNHasPassword("host=" + q + " password=x") {
			t.Fatalf("missed the password after %q", q)
		}
	})
}

// TestTypedOnce: Load parses every typed key once; nothing downstream reads the
// strings again.
func TestTypedOnce(t *testing.T) {
	p := write(t, "c.yaml", `sync:
  interval: 90s
  backfill_from: "01/03/2026"
  maintenance:
    - {from: "10/03/2026 22:00", to: "11/03/2026 02:00"}
reminders:
  hours: "08:00-16:00"
http:
  auth:
    mode: proxy
    trusted_proxies: [127.0.0.1/32, "10.0.0.0/8"]
  proxy_secret_file: secret
`)
	if err := os.WriteFile(filepath.Join(filepath.Dir(p), "secret"), []byte("s3cret\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := Load(p, noEnv)
	if err != nil {
		t.Fatal(err)
	}
	if c.Sync.Schedule != "@every 1m30s" {
		t.Errorf("schedule %q", c.Sync.Schedule)
	}
	if c.Sync.Backfill.Format(time.RFC3339) != "2026-03-01T00:00:00+07:00" {
		t.Errorf("backfill %s", c.Sync.Backfill)
	}
	in := time.Date(2026, 3, 10, 23, 0, 0, 0, time.FixedZone("ICT", 7*3600))
	if len(c.Sync.Windows) != 1 || !c.Sync.Windows.Contains(in) || c.Sync.Windows.Contains(in.Add(3*time.Hour)) {
		t.Errorf("windows %+v", c.Sync.Windows)
	}
	if c.Reminders.From != 8*time.Hour || c.Reminders.To != 16*time.Hour {
		t.Errorf("hours %s-%s", c.Reminders.From, c.Reminders.To)
	}
	if len(c.HTTP.Auth.TrustedNets) != 2 || c.HTTP.Auth.TrustedNets[1].String() != "10.0.0.0/8" {
		t.Errorf("trusted nets %v", c.HTTP.Auth.TrustedNets)
	}
	d := Default()
	d.Sync.Interval = "*/5 7-18 * * 1-6"
	if err := d.Validate(); err != nil || d.Sync.Schedule != "*/5 7-18 * * 1-6" || d.Reminders.To != 16*time.Hour+30*time.Minute {
		t.Errorf("Validate on a built config: %v %+v", err, d.Sync)
	}
}

func TestFromEnvironment(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	for _, c := range []struct {
		vars map[string]string
		want bool
	}{
		{nil, false},
		{map[string]string{"CDDH_BENCH_DOCS": "5", "CDDH_PORTAL_PASSWORD": "x", "HOME": "/root"}, false},
		{map[string]string{"CDDH_STORE_DSN": ""}, false},
		{map[string]string{"CDDH_STORE_DSN": "postgres://h/db"}, true},
		{map[string]string{"CDDH_PORTAL_BASE_URL": "http://127.0.0.1:1"}, true},
		{map[string]string{"CDDH_SYNC_LEASE_WAIT": "1s"}, true},
	} {
		if got := FromEnvironment(env(c.vars)); got != c.want {
			t.Errorf("FromEnvironment(%v) = %v, want %v", c.vars, got, c.want)
		}
	}
}
