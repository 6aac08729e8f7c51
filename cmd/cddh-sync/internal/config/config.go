// Package config loads cddh-sync's YAML configuration.
//
// It is strict on purpose: an unknown key is an error naming the key and its line, so
// a typo never silently falls back to a default. Every key can be overridden from the
// environment as CDDH_ + the upper-cased path with "_" for "." (CDDH_STORE_DSN), and
// secrets are only read from *_file keys or the environment, never from the file
// itself, and never printed (Secret's String and MarshalJSON redact).
package config

import (
	"bytes"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/robfig/cron/v3"
	"gopkg.in/yaml.v3"

	"cddh-sync/connectors"
	"cddh-sync/rules/remind"
	"cddh-sync/sync/schedule"
)

// Config is the whole configuration. Each field's comment gives its default; the same
// defaults are documented in config.example.yaml.
type Config struct {
	// Profile is the province profile (rules.md §8). Default "dong-thap".
	Profile string `yaml:"profile"`
	// Units is the unit directory file (the portal's get_all JSON). Default "": read
	// the directory from the portal when the daemon starts.
	Units string `yaml:"units"`
	// UnitsLoaiMap maps a portal's own loai values in the unit directory to the
	// kinds the rules know (so, ubnd_xa, ubnd_phuong, ubnd_huyen, van_phong, khac),
	// e.g. {XA: ubnd_xa, PHUONG: ubnd_phuong}. Default none: a loai that is not one
	// of the kinds is classified from the unit's name (portal-api.md, Additions).
	UnitsLoaiMap map[string]string `yaml:"units_loai_map"`
	// ProfileFiles add or override province profiles (YAML, rules.md §8) without a
	// rebuild. Default none.
	ProfileFiles []string `yaml:"profile_files"`
	// CalendarFile adds a year's announced civil-servant schedule, or a province's
	// own, and extra holidays (YAML; see config.example.yaml). Default "": the
	// embedded schedules (2012–2013, 2024–2026) only.
	CalendarFile string  `yaml:"calendar_file"`
	Log          Log     `yaml:"log"`
	Portal       Portal  `yaml:"portal"`
	Store        Store   `yaml:"store"`
	Sync         Sync    `yaml:"sync"`
	Signing      Signing `yaml:"signing"`
	HTTP         HTTP    `yaml:"http"`
	// Reminders configures the reminder notes clerks see on directives.
	Reminders Reminders `yaml:"reminders"`
	// Review configures the Office's review of extracted tasks (rules.md §9).
	Review Review `yaml:"review"`

	// Dir is the directory relative paths in the file are resolved against: the
	// config file's own directory, or the working directory without a file.
	Dir string `yaml:"-"`
	// Warnings are what Load found worth saying but not refusing (a secret file
	// others may read); the daemon logs them at start-up.
	Warnings []string `yaml:"-"`
}

// Log configures logging.
type Log struct {
	// Level is trace, debug, info, warn or error. Default "info".
	Level string `yaml:"level"`
	// Format is json, console or auto (console when stdout is a terminal). Default "auto".
	Format string `yaml:"format"`
}

// Portal configures the connection to the iOffice-style portal.
type Portal struct {
	// BaseURL is the portal without /qlvb/api. Default "http://127.0.0.1:8090".
	BaseURL string `yaml:"base_url"`
	// Username to log in with. Default "cddh".
	Username string `yaml:"username"`
	// PasswordFile holds the password (first line). Default "". CDDH_PORTAL_PASSWORD
	// may give the password itself instead.
	PasswordFile string `yaml:"password_file"`
	// Password is filled from PasswordFile or CDDH_PORTAL_PASSWORD, never from YAML.
	Password Secret `yaml:"-" env:"CDDH_PORTAL_PASSWORD"`
	// Timeout is the limit of one HTTP attempt. Default 10s.
	Timeout time.Duration `yaml:"timeout"`
	// RateLimit is the most requests per second sent to the portal. Default 5.
	RateLimit float64 `yaml:"rate_limit"`
	// Concurrency is the most requests in flight at once. Default 2.
	Concurrency int `yaml:"concurrency"`
	// MaxDownloadMB refuses attachments larger than this. Default 50.
	MaxDownloadMB int `yaml:"max_download_mb"`
	// CAFile adds a CA bundle (PEM) for the portal's TLS certificate. Default "".
	CAFile string `yaml:"ca_file"`
	// InsecureSkipVerify turns TLS verification off. Default false; never in production.
	InsecureSkipVerify bool `yaml:"insecure_skip_verify"`
}

// Store configures the PostgreSQL tracking store.
type Store struct {
	// DSN of an existing PostgreSQL. Default "": the embedded default cluster. A
	// DSN carrying a password is refused in the config file: use DSNFile or
	// CDDH_STORE_DSN.
	DSN Secret `yaml:"dsn"`
	// DSNFile holds the DSN (it usually carries a password). Default "".
	DSNFile string `yaml:"dsn_file"`
	// DataDir is where the embedded cluster lives when DSN is empty. Default
	// "cddh-data" next to the config file.
	DataDir string `yaml:"data_dir"`
	// EmbeddedUser is the OS user the embedded cluster runs as when cddh-sync runs as
	// root (initdb refuses root). Default "postgres".
	EmbeddedUser string `yaml:"embedded_user"`
	// EmbeddedFallbackDir holds the embedded cluster when cddh-sync runs as root
	// and EmbeddedUser cannot reach DataDir (a private home directory). Default
	// "": /var/lib/cddh-sync-embedded.
	EmbeddedFallbackDir string `yaml:"embedded_fallback_dir"`
	// MaxConns is the connection pool size. Default 8.
	MaxConns int32 `yaml:"max_conns"`
	// ConnectWait is how long a command keeps retrying, with backoff, a database
	// that does not answer at start-up (refused, timed out, unreachable) before it
	// exits 3. A server that answers with an error (a wrong password, no such
	// database) is not retried. Default 10s; 0: one attempt.
	ConnectWait time.Duration `yaml:"connect_wait"`
}

// Sync configures the poll cycle.
type Sync struct {
	// Interval is how often to poll: a Go duration ("1m") or a cron expression
	// ("*/5 7-18 * * 1-6"). Default "1m".
	Interval string `yaml:"interval"`
	// BackfillFrom is where the first sync starts (dd/MM/yyyy). Default "": the beginning.
	BackfillFrom string `yaml:"backfill_from"`
	// PageSize asked of the portal's search. Default 50.
	PageSize int `yaml:"page_size"`
	// LeaseTTL is how long a stream stays with a live instance that stopped
	// committing pages on it (a hung portal request); every committed page renews
	// it. An instance that exits, crashes or is killed loses its streams at once,
	// whatever the TTL: a lease lives only as long as its holder's database
	// session. Default 2m.
	LeaseTTL time.Duration `yaml:"lease_ttl"`
	// LeaseWait is how long an instance waits for a stream another live
	// instance is working on: then `sync --once` exits 4 naming that instance,
	// and the daemon passes the stream by until its next cycle. Default 0.
	LeaseWait time.Duration `yaml:"lease_wait"`
	// Instance is a prefix naming this daemon on its leases (letters, digits,
	// . _ -), for operators reading sync_runs. Default "": host:pid. Each process
	// adds its pid and a random suffix either way, so the name never decides a
	// takeover.
	Instance string `yaml:"instance"`
	// WorkDir is where each process keeps the files it downloads while it reads
	// a document, in a private directory of its own (cddh-sync-work-*, mode 0700)
	// that it removes when it exits; at start it removes those a killed or
	// crashed process left. Relative to the config file. Default "": the
	// system's temporary directory ($TMPDIR, else /tmp).
	WorkDir string `yaml:"work_dir"`
	// Maintenance lists the portal's announced maintenance windows (004 Đ9.6), as
	// "dd/MM/yyyy HH:mm" times: polling pauses in them without alarms.
	Maintenance []Window `yaml:"maintenance"`

	// Typed values, filled by Load from the keys above; nothing downstream parses
	// those keys again.
	Schedule string           `yaml:"-"` // Interval as a cron spec ("@every 1m" or the expression)
	Backfill time.Time        `yaml:"-"` // BackfillFrom at 00:00 Asia/Ho_Chi_Minh; zero: the beginning
	Windows  schedule.Windows `yaml:"-"` // Maintenance in Asia/Ho_Chi_Minh
}

// Window is a maintenance window.
type Window struct {
	From string `yaml:"from"`
	To   string `yaml:"to"`
}

func validInstance(s string) bool {
	if len(s) > 64 {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '_' || r == '-') {
			return false
		}
	}
	return true
}

// parseWindows reads the maintenance windows in Asia/Ho_Chi_Minh.
func (s Sync) parseWindows() (schedule.Windows, error) {
	var out schedule.Windows
	for i, w := range s.Maintenance {
		from, err := time.ParseInLocation("02/01/2006 15:04", w.From, connectors.Zone)
		if err != nil {
			return nil, fmt.Errorf("sync.maintenance[%d].from: %q is not dd/MM/yyyy HH:mm", i, w.From)
		}
		to, err := time.ParseInLocation("02/01/2006 15:04", w.To, connectors.Zone)
		if err != nil {
			return nil, fmt.Errorf("sync.maintenance[%d].to: %q is not dd/MM/yyyy HH:mm", i, w.To)
		}
		if !to.After(from) {
			return nil, fmt.Errorf("sync.maintenance[%d]: ends before it starts", i)
		}
		out = append(out, schedule.Window{From: from, To: to})
	}
	return out, nil
}

// Reminders configures the reminders the daemon writes as comments on a directive
// (portal-api.md): due soon, due today, overdue and review overdue, each at most
// once per task, only in working hours on working days, never in maintenance.
type Reminders struct {
	// Enabled sends reminders. Default true.
	Enabled bool `yaml:"enabled"`
	// DueSoonWorkdays: "due soon" is sent when the deadline is this many working
	// days away or fewer. Default 2; 0 sends no "due soon".
	DueSoonWorkdays int `yaml:"due_soon_workdays"`
	// Hours are the office hours reminders are sent in, "HH:MM-HH:MM" in
	// Asia/Ho_Chi_Minh. Default "07:30-16:30".
	Hours string `yaml:"hours"`

	// From and To are Hours as offsets from midnight, filled by Load.
	From, To time.Duration `yaml:"-"`
}

// Signing configures signature validation.
type Signing struct {
	// TrustAnchors are the root certificates (PEM or DER files) chains must end in.
	// Default none (every signature is then INDETERMINATE/NO_CERTIFICATE_CHAIN_FOUND).
	TrustAnchors []string `yaml:"trust_anchors"`
	// Intermediates are extra CA certificates used to build chains. Default none.
	Intermediates []string `yaml:"intermediates"`
	// Offline never fetches revocation data from the network. Default false.
	Offline bool `yaml:"offline"`
	// RevocationHosts, when set, are the only hosts OCSP and CRL requests may go to.
	// Default none: any host a certificate of a trusted chain names, except
	// loopback, private and link-local addresses.
	RevocationHosts []string `yaml:"revocation_hosts"`
	// Policy is what happens to a directive whose signatures did not pass: track
	// (its tasks are tracked, flagged signature_not_passed, and the verdict is
	// pushed and reported) or hold (no task is tracked until a validly signed
	// version arrives; the clerks get a note). Default "track".
	Policy string `yaml:"policy"`
}

// Review configures which extracted tasks wait for the Office's review before they
// reach the portal (rules.md §9).
type Review struct {
	// Policy is auto (push at once), uncertain (hold tasks under Threshold, flagged
	// lead_unrecognised, deadline_before_issue or no_deadline, or from a directive
	// whose signatures did not pass) or all. Default "uncertain".
	Policy string `yaml:"policy"`
	// Threshold is the extraction confidence below which uncertain holds a task.
	// Default 0.9.
	Threshold float64 `yaml:"threshold"`
	// DocumentTypes sets the policy per document type (loại văn bản), over the
	// profile's review_by_document_type, e.g. {"Công điện": all}. Default none.
	DocumentTypes map[string]string `yaml:"document_types"`
}

// HTTP configures the daemon's own HTTP server.
type HTTP struct {
	// Listen serves /metrics /healthz /readyz and the dashboard. Default "127.0.0.1:9464".
	Listen string `yaml:"listen"`
	// MetricsTokenFile holds a bearer token /metrics requires. Default "": /metrics
	// then answers loopback peers only.
	MetricsTokenFile string `yaml:"metrics_token_file"`
	// TLSCertFile and TLSKeyFile (PEM) make the server speak TLS 1.2+ only, with
	// Secure cookies. Default "": plain HTTP, which a non-loopback listen address
	// accepts only with behind_proxy. SIGHUP reads them again.
	TLSCertFile string `yaml:"tls_cert_file"`
	TLSKeyFile  string `yaml:"tls_key_file"`
	// BehindProxy says a reverse proxy terminates TLS in front of a non-loopback
	// listen address. Default false.
	BehindProxy bool `yaml:"behind_proxy"`
	// ProxySecretFile holds the secret the proxy sends in X-Proxy-Secret with every
	// request; proxy authentication requires it, so a local process that can reach
	// the port cannot send the role headers itself. Default "".
	ProxySecretFile string `yaml:"proxy_secret_file"`
	// SessionIdle ends a dashboard sign-in unused this long. Default 30m.
	SessionIdle time.Duration `yaml:"session_idle"`
	Auth        HTTPAuth      `yaml:"auth"`
}

// HTTPAuth configures who may open the dashboard. There is no anonymous access:
// without users (local) or trusted proxies (proxy) the dashboard is off.
type HTTPAuth struct {
	// Mode is local (users below) or proxy (a trusted reverse proxy's headers).
	// Default "local".
	Mode string `yaml:"mode"`
	// Users are local accounts with bcrypt hashes (htpasswd -nbB user pass).
	Users []HTTPUser `yaml:"users"`
	// ProxyUserHeader and ProxyRoleHeader name the proxy's headers. Defaults
	// "X-Remote-User", "X-Remote-Role".
	ProxyUserHeader string `yaml:"proxy_user_header"`
	ProxyRoleHeader string `yaml:"proxy_role_header"`
	// TrustedProxies are the CIDRs allowed to send those headers. Default none.
	TrustedProxies []string `yaml:"trusted_proxies"`
	// TrustedNets are TrustedProxies parsed, filled by Load.
	TrustedNets []*net.IPNet `yaml:"-"`
	// SessionKeyFile holds the key (32+ bytes) the CSRF tokens are derived with.
	// Default "": a random key, so a form opened before a restart must be reloaded.
	// Sessions themselves live in the store and survive a restart.
	SessionKeyFile string `yaml:"session_key_file"`
	// SecureCookies is auto, always or never. Default "auto".
	SecureCookies string `yaml:"secure_cookies"`
}

// HTTPUser is one local dashboard account.
type HTTPUser struct {
	Name         string `yaml:"name"`
	PasswordHash string `yaml:"password_hash"`
	// Role is viewer (monitor, aggregate), approver or admin (000 Đ8.3b).
	Role string `yaml:"role"`
}

// Secret is a string that never prints itself.
type Secret string

func (s Secret) String() string {
	if s == "" {
		return ""
	}
	return "[redacted]"
}

// MarshalJSON keeps secrets out of any JSON dump of the configuration.
func (s Secret) MarshalJSON() ([]byte, error) { return []byte(`"` + s.String() + `"`), nil }

// Value returns the secret itself, for the one place that needs it.
func (s Secret) Value() string { return string(s) }

// Default returns the configuration with every default filled in.
func Default() Config {
	c := Config{
		Profile: "dong-thap",
		Log:     Log{Level: "info", Format: "auto"},
		Portal: Portal{
			BaseURL:       "http://127.0.0.1:8090",
			Username:      "cddh",
			Timeout:       10 * time.Second,
			RateLimit:     5,
			Concurrency:   2,
			MaxDownloadMB: 50,
		},
		Store:     Store{DataDir: "cddh-data", EmbeddedUser: "postgres", MaxConns: 8, ConnectWait: 10 * time.Second},
		Sync:      Sync{Interval: "1m", PageSize: 50, LeaseTTL: 2 * time.Minute},
		Signing:   Signing{Policy: "track"},
		Review:    Review{Policy: "uncertain", Threshold: 0.9},
		Reminders: Reminders{Enabled: true, DueSoonWorkdays: 2, Hours: "07:30-16:30"},
		HTTP: HTTP{Listen: "127.0.0.1:9464", SessionIdle: 30 * time.Minute, Auth: HTTPAuth{Mode: "local", ProxyUserHeader: "X-Remote-User",
			ProxyRoleHeader: "X-Remote-Role", SecureCookies: "auto"}},
	}
	if err := c.Validate(); err != nil { // fills the typed values
		panic("config: the defaults do not validate: " + err.Error())
	}
	return c
}

// Error is a configuration error; its message names the file, key or variable.
type Error struct{ msg string }

func (e *Error) Error() string { return e.msg }

func errorf(format string, a ...any) error { return &Error{msg: fmt.Sprintf(format, a...)} }

// Load reads the file at path (empty: defaults only), applies CDDH_* variables from
// getenv, reads secrets, and validates. Every error is an *Error.
func Load(path string, getenv func(string) string) (Config, error) {
	cfg := Default()
	cfg.Dir = "."
	if path != "" {
		raw, err := os.ReadFile(path)
		if err != nil {
			if errors.Is(err, os.ErrNotExist) {
				return cfg, errorf("config file %s: does not exist", path)
			}
			return cfg, errorf("config file %s: %v", path, err)
		}
		if err := decode(path, raw, &cfg); err != nil {
			return cfg, err
		}
		if DSNHasPassword(cfg.Store.DSN.Value()) {
			return cfg, errorf("config file %s: store.dsn carries a password; a config file is not the place for it: put the DSN in store.dsn_file (mode 0600) or CDDH_STORE_DSN, or use a ~/.pgpass file", path)
		}
		cfg.Dir = filepath.Dir(path)
	}
	if err := applyEnv(reflect.ValueOf(&cfg).Elem(), "", getenv); err != nil {
		return cfg, err
	}
	if err := readSecrets(&cfg, getenv); err != nil {
		return cfg, err
	}
	if err := cfg.Validate(); err != nil {
		return cfg, err
	}
	cfg.Warnings = append(cfg.Warnings, cfg.secretFileWarnings()...)
	return cfg, nil
}

// DSNHasPassword reports whether a PostgreSQL connection string carries a
// password, in URL form (postgres://u:p@h/db, ?password=) or key=value form.
func DSNHasPassword(dsn string) bool {
	dsn = strings.TrimSpace(dsn)
	if dsn == "" {
		return false
	}
	lower := strings.ToLower(dsn)
	if strings.HasPrefix(lower, "postgres://") || strings.HasPrefix(lower, "postgresql://") {
		u, err := url.Parse(dsn)
		if err != nil {
			// Unparsable: be safe if it looks like user:password@.
			at := strings.LastIndexByte(dsn, '@')
			return at > 0 && strings.Contains(dsn[len("postgres://"):at], ":")
		}
		if _, ok := u.User.Password(); ok {
			return true
		}
		return u.Query().Has("password")
	}
	// key=value pairs, values maybe quoted: look for a password key.
	for i := 0; i < len(lower); {
		for i < len(lower) && (lower[i] == ' ' || lower[i] == '\t' || lower[i] == '\n') {
			i++
		}
		j := i
		for j < len(lower) && lower[j] != '=' && lower[j] != ' ' && lower[j] != '\t' {
			j++
		}
		key := lower[i:j]
		for j < len(lower) && (lower[j] == ' ' || lower[j] == '\t') {
			j++
		}
		if j >= len(lower) || lower[j] != '=' {
			return false
		}
		j++
		for j < len(lower) && (lower[j] == ' ' || lower[j] == '\t') {
			j++
		}
		if key == "password" {
			return true
		}
		if j < len(lower) && lower[j] == '\'' {
			j++
			for j < len(lower) && lower[j] != '\'' {
				if lower[j] == '\\' {
					j++
				}
				j++
			}
			j++
		} else {
			for j < len(lower) && lower[j] != ' ' && lower[j] != '\t' && lower[j] != '\n' {
				j++
			}
		}
		i = j
	}
	return false
}

// secretFileWarnings names the secret files group or others may read.
func (c *Config) secretFileWarnings() []string {
	var out []string
	for _, f := range []struct{ key, path string }{
		{"portal.password_file", c.Portal.PasswordFile},
		{"store.dsn_file", c.Store.DSNFile},
		{"http.metrics_token_file", c.HTTP.MetricsTokenFile},
		{"http.proxy_secret_file", c.HTTP.ProxySecretFile},
		{"http.tls_key_file", c.HTTP.TLSKeyFile},
		{"http.auth.session_key_file", c.HTTP.Auth.SessionKeyFile},
	} {
		if f.path == "" {
			continue
		}
		p := c.resolve(f.path)
		st, err := os.Stat(p)
		if err != nil {
			continue // the code that reads it reports that
		}
		if st.Mode().Perm()&0o077 != 0 {
			out = append(out, fmt.Sprintf("%s: %s has mode %04o: group or others may read this secret; chmod 600 it (or 640 with a group only the daemon is in)", f.key, p, st.Mode().Perm()))
		}
	}
	return out
}

// LoopbackListen reports whether a listen address only binds loopback.
func LoopbackListen(listen string) bool {
	host, _, err := net.SplitHostPort(listen)
	if err != nil {
		return false
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func decode(path string, raw []byte, cfg *Config) error {
	var root yaml.Node
	if err := yaml.Unmarshal(raw, &root); err != nil {
		return errorf("config file %s: %s", path, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	if len(root.Content) == 0 {
		return nil // an empty file: all defaults
	}
	if err := checkKeys(path, root.Content[0], reflect.TypeOf(*cfg), ""); err != nil {
		return err
	}
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	if err := dec.Decode(cfg); err != nil {
		var te *yaml.TypeError
		if errors.As(err, &te) && len(te.Errors) > 0 {
			// One line: the first problem is enough to fix, and names its line.
			return errorf("config file %s: %s", path, te.Errors[0])
		}
		return errorf("config file %s: %s", path, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	return nil
}

// checkKeys walks the YAML mapping against the struct's yaml tags and reports the first
// unknown key with its full path and line, which yaml.v3's own message does not give.
func checkKeys(path string, n *yaml.Node, t reflect.Type, prefix string) error {
	if t.Kind() != reflect.Struct || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		f, ok := fieldByTag(t, k.Value)
		key := prefix + k.Value
		if !ok {
			hint := ""
			if strings.HasSuffix(k.Value, "password") || k.Value == "token" {
				hint = " (secrets go in a *_file key or the environment, never in the config file)"
			}
			return errorf("config file %s:%d: unknown key %q%s", path, k.Line, key, hint)
		}
		if err := checkKeys(path, v, f.Type, key+"."); err != nil {
			return err
		}
	}
	return nil
}

func fieldByTag(t reflect.Type, name string) (reflect.StructField, bool) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if tag := strings.Split(f.Tag.Get("yaml"), ",")[0]; tag == name && tag != "-" {
			return f, true
		}
	}
	return reflect.StructField{}, false
}

// FromEnvironment reports whether getenv sets any configuration key (CDDH_<PATH>, as
// applyEnv reads them): a deployment configured by its environment alone.
func FromEnvironment(getenv func(string) string) bool {
	var set bool
	cfg := Default()
	_ = applyEnv(reflect.ValueOf(&cfg).Elem(), "", func(name string) string {
		if getenv(name) != "" {
			set = true
		}
		return ""
	})
	return set
}

// applyEnv overrides each leaf key from CDDH_<PATH>. Lists are comma-separated.
func applyEnv(v reflect.Value, prefix string, getenv func(string) string) error {
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := strings.Split(f.Tag.Get("yaml"), ",")[0]
		if tag == "" || tag == "-" {
			continue
		}
		fv := v.Field(i)
		if f.Type.Kind() == reflect.Struct {
			if err := applyEnv(fv, prefix+tag+"_", getenv); err != nil {
				return err
			}
			continue
		}
		name := "CDDH_" + strings.ToUpper(prefix+tag)
		s := getenv(name)
		if s == "" {
			continue
		}
		if err := setFromString(fv, s); err != nil {
			return errorf("environment variable %s: %v", name, err)
		}
	}
	return nil
}

var durationType = reflect.TypeOf(time.Duration(0))

func setFromString(v reflect.Value, s string) error {
	if v.Type() == durationType {
		d, err := time.ParseDuration(s)
		if err != nil {
			return fmt.Errorf("not a duration: %q", s)
		}
		v.SetInt(int64(d))
		return nil
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(s)
	case reflect.Bool:
		b, err := strconv.ParseBool(s)
		if err != nil {
			return fmt.Errorf("not true or false: %q", s)
		}
		v.SetBool(b)
	case reflect.Int, reflect.Int32, reflect.Int64:
		n, err := strconv.ParseInt(s, 10, v.Type().Bits())
		if err != nil {
			return fmt.Errorf("not a whole number: %q", s)
		}
		v.SetInt(n)
	case reflect.Float64:
		x, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return fmt.Errorf("not a number: %q", s)
		}
		v.SetFloat(x)
	case reflect.Map:
		m := map[string]string{}
		for _, p := range strings.Split(s, ",") {
			if p = strings.TrimSpace(p); p == "" {
				continue
			}
			k, val, ok := strings.Cut(p, "=")
			if !ok {
				return fmt.Errorf("not KEY=VALUE: %q", p)
			}
			m[strings.TrimSpace(k)] = strings.TrimSpace(val)
		}
		v.Set(reflect.ValueOf(m))
	case reflect.Slice:
		var items []string
		for _, p := range strings.Split(s, ",") {
			if p = strings.TrimSpace(p); p != "" {
				items = append(items, p)
			}
		}
		v.Set(reflect.ValueOf(items))
	default:
		return fmt.Errorf("cannot be set from the environment")
	}
	return nil
}

func readSecrets(cfg *Config, getenv func(string) string) error {
	if s := getenv("CDDH_PORTAL_PASSWORD"); s != "" {
		cfg.Portal.Password = Secret(s)
	} else if cfg.Portal.PasswordFile != "" {
		s, err := readSecretFile(cfg.resolve(cfg.Portal.PasswordFile), "portal.password_file")
		if err != nil {
			return err
		}
		cfg.Portal.Password = Secret(s)
	}
	if cfg.Store.DSN == "" && cfg.Store.DSNFile != "" {
		s, err := readSecretFile(cfg.resolve(cfg.Store.DSNFile), "store.dsn_file")
		if err != nil {
			return err
		}
		cfg.Store.DSN = Secret(s)
	}
	return nil
}

func readSecretFile(path, key string) (string, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return "", errorf("%s: file %s does not exist", key, path)
		}
		return "", errorf("%s: %v", key, err)
	}
	line, _, _ := strings.Cut(string(raw), "\n")
	line = strings.TrimSpace(line)
	if line == "" {
		return "", errorf("%s: file %s is empty", key, path)
	}
	return line, nil
}

// resolve makes a relative path from the config file relative to its directory.
func (c *Config) resolve(p string) string {
	if p == "" || filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(c.Dir, p)
}

// Path resolves a path taken from the configuration (relative to the config file).
func (c *Config) Path(p string) string { return c.resolve(p) }

// Validate checks every key and fills the typed values (Sync.Schedule, Backfill,
// Windows, Reminders.From/To, HTTP.Auth.TrustedNets) from them. Load calls it; a
// configuration built in code (the demo) calls it before use.
func (c *Config) Validate() error {
	switch c.Log.Level {
	case "trace", "debug", "info", "warn", "error":
	default:
		return errorf("log.level: %q is not one of trace, debug, info, warn, error", c.Log.Level)
	}
	switch c.Log.Format {
	case "json", "console", "auto":
	default:
		return errorf("log.format: %q is not one of json, console, auto", c.Log.Format)
	}
	if c.Profile == "" {
		return errorf("profile: must not be empty (e.g. dong-thap)")
	}
	for k, v := range c.UnitsLoaiMap {
		switch v {
		case "so", "ubnd_xa", "ubnd_phuong", "ubnd_huyen", "van_phong", "khac":
		default:
			return errorf("units_loai_map: %q maps to %q, not one of so, ubnd_xa, ubnd_phuong, ubnd_huyen, van_phong, khac", k, v)
		}
	}
	u, err := url.Parse(c.Portal.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return errorf("portal.base_url: %q is not an http(s) URL", c.Portal.BaseURL)
	}
	if u.User != nil {
		return errorf("portal.base_url: must not carry credentials; use portal.username and portal.password_file")
	}
	if c.Portal.Timeout < 100*time.Millisecond {
		return errorf("portal.timeout: %s is too short (at least 100ms)", c.Portal.Timeout)
	}
	if c.Portal.RateLimit <= 0 {
		return errorf("portal.rate_limit: must be more than 0 requests per second")
	}
	if c.Portal.Concurrency < 1 || c.Portal.Concurrency > 64 {
		return errorf("portal.concurrency: %d is not between 1 and 64", c.Portal.Concurrency)
	}
	if c.Portal.MaxDownloadMB < 1 {
		return errorf("portal.max_download_mb: must be at least 1")
	}
	if c.Store.DSN != "" {
		if _, err := pgx.ParseConfig(c.Store.DSN.Value()); err != nil {
			// pgx's message may echo the DSN, password included: do not repeat it.
			return errorf("store.dsn: not a valid PostgreSQL connection string (postgres://user@host:5432/db or key=value form)")
		}
	}
	if c.Store.MaxConns < 1 {
		return errorf("store.max_conns: must be at least 1")
	}
	if c.Sync.Schedule, err = ParseInterval(c.Sync.Interval); err != nil {
		return errorf("sync.interval: %v", err)
	}
	c.Sync.Backfill = time.Time{}
	if c.Sync.BackfillFrom != "" {
		if c.Sync.Backfill, err = time.ParseInLocation("02/01/2006", c.Sync.BackfillFrom, connectors.Zone); err != nil {
			return errorf("sync.backfill_from: %q is not a date dd/MM/yyyy", c.Sync.BackfillFrom)
		}
	}
	if c.Sync.PageSize < 1 || c.Sync.PageSize > 500 {
		return errorf("sync.page_size: %d is not between 1 and 500", c.Sync.PageSize)
	}
	switch c.Signing.Policy {
	case "track", "hold":
	default:
		return errorf("signing.policy: %q is not track or hold", c.Signing.Policy)
	}
	switch c.Review.Policy {
	case "auto", "uncertain", "all":
	default:
		return errorf("review.policy: %q is not auto, uncertain or all", c.Review.Policy)
	}
	if c.Review.Threshold < 0 || c.Review.Threshold > 1 {
		return errorf("review.threshold: %v is not between 0 and 1", c.Review.Threshold)
	}
	for t, m := range c.Review.DocumentTypes {
		switch m {
		case "auto", "uncertain", "all":
		default:
			return errorf("review.document_types[%q]: %q is not auto, uncertain or all", t, m)
		}
	}
	if !validInstance(c.Sync.Instance) {
		return errorf("sync.instance: %q must be at most 64 letters, digits, '.', '_' or '-'", c.Sync.Instance)
	}
	if c.Sync.LeaseTTL < 5*time.Second || c.Sync.LeaseTTL > time.Hour {
		return errorf("sync.lease_ttl: %s is not between 5s and 1h", c.Sync.LeaseTTL)
	}
	if c.Store.ConnectWait < 0 || c.Store.ConnectWait > 10*time.Minute {
		return errorf("store.connect_wait: %s is not between 0 and 10m", c.Store.ConnectWait)
	}
	if c.Sync.LeaseWait < 0 || c.Sync.LeaseWait > time.Hour {
		return errorf("sync.lease_wait: %s is not between 0 and 1h", c.Sync.LeaseWait)
	}
	if c.Reminders.DueSoonWorkdays < 0 || c.Reminders.DueSoonWorkdays > 30 {
		return errorf("reminders.due_soon_workdays: %d is not between 0 and 30", c.Reminders.DueSoonWorkdays)
	}
	if c.Reminders.From, c.Reminders.To, err = remind.ParseHours(c.Reminders.Hours); err != nil {
		return errorf("%v", err)
	}
	if c.HTTP.Listen == "" {
		return errorf("http.listen: must not be empty (e.g. 127.0.0.1:9464)")
	}
	if _, _, err := net.SplitHostPort(c.HTTP.Listen); err != nil {
		return errorf("http.listen: %q is not host:port (e.g. 127.0.0.1:9464)", c.HTTP.Listen)
	}
	if (c.HTTP.TLSCertFile == "") != (c.HTTP.TLSKeyFile == "") {
		return errorf("http.tls_cert_file and http.tls_key_file: give both or neither")
	}
	if !LoopbackListen(c.HTTP.Listen) && c.HTTP.TLSCertFile == "" && !c.HTTP.BehindProxy {
		return errorf("http.listen: %s is reachable from the network, and passwords and sessions would cross it in clear text: "+
			"set http.tls_cert_file and http.tls_key_file, or put a TLS reverse proxy in front and set http.behind_proxy: true, "+
			"or listen on 127.0.0.1", c.HTTP.Listen)
	}
	if c.HTTP.SessionIdle < time.Minute || c.HTTP.SessionIdle > 24*time.Hour {
		return errorf("http.session_idle: %s is not between 1m and 24h", c.HTTP.SessionIdle)
	}
	if c.HTTP.Auth.Mode == "proxy" && len(c.HTTP.Auth.TrustedProxies) > 0 && c.HTTP.ProxySecretFile == "" {
		return errorf("http.proxy_secret_file: proxy authentication needs a secret the proxy sends in X-Proxy-Secret; " +
			"trusting the proxy's address alone lets any local process send the role headers")
	}
	if c.Sync.Windows, err = c.Sync.parseWindows(); err != nil {
		return errorf("%v", err)
	}
	switch c.HTTP.Auth.Mode {
	case "local", "proxy":
	default:
		return errorf("http.auth.mode: %q is not local or proxy", c.HTTP.Auth.Mode)
	}
	switch c.HTTP.Auth.SecureCookies {
	case "auto", "always", "never":
	default:
		return errorf("http.auth.secure_cookies: %q is not auto, always or never", c.HTTP.Auth.SecureCookies)
	}
	for i, u := range c.HTTP.Auth.Users {
		if u.Name == "" {
			return errorf("http.auth.users[%d].name: must not be empty", i)
		}
		if !strings.HasPrefix(u.PasswordHash, "$2") {
			return errorf("http.auth.users[%d].password_hash: not a bcrypt hash (make one with htpasswd -nbB %s PASSWORD)", i, u.Name)
		}
		switch u.Role {
		case "viewer", "approver", "admin":
		default:
			return errorf("http.auth.users[%d].role: %q is not viewer, approver or admin", i, u.Role)
		}
	}
	c.HTTP.Auth.TrustedNets = nil
	for i, cidr := range c.HTTP.Auth.TrustedProxies {
		_, n, err := net.ParseCIDR(cidr)
		if err != nil {
			return errorf("http.auth.trusted_proxies[%d]: %q is not a CIDR (e.g. 127.0.0.1/32)", i, cidr)
		}
		c.HTTP.Auth.TrustedNets = append(c.HTTP.Auth.TrustedNets, n)
	}
	return nil
}

// ParseInterval accepts a Go duration of at least 1s or a cron expression, and
// returns the cron schedule spec to use ("@every 1m" for a duration).
func ParseInterval(s string) (string, error) {
	if d, err := time.ParseDuration(s); err == nil {
		if d < time.Second {
			return "", fmt.Errorf("%s is shorter than 1s", d)
		}
		return "@every " + d.String(), nil
	}
	if _, err := cron.ParseStandard(s); err != nil {
		return "", fmt.Errorf("%q is neither a duration (1m) nor a cron expression: %v", s, err)
	}
	return s, nil
}
