package dashboard

import (
	"bytes"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rs/zerolog"
	"golang.org/x/crypto/bcrypt"
)

const testProxySecret = "proxy-shared-secret-0123456789"

// testClock is the dashboard's clock in tests: sessions expire and locks lift
// without sleeping.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// cookie returns the value of the named cookie the client holds.
func (b *bundle) cookie(t *testing.T, name string) string {
	t.Helper()
	u, _ := url.Parse(b.srv.URL)
	for _, c := range b.client.Jar.Cookies(u) {
		if c.Name == name {
			return c.Value
		}
	}
	return ""
}

// csrf returns the CSRF token the signed-in page carries.
func (b *bundle) csrf(t *testing.T) string {
	t.Helper()
	_, body, _ := b.get(t, "/health")
	m := csrfRe.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no CSRF token on /health:\n%s", body)
	}
	return m[1]
}

func (b *bundle) post(t *testing.T, path string, form url.Values) int {
	t.Helper()
	resp, err := b.client.PostForm(b.srv.URL+path, form)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// withSession is a fresh client carrying only the given session cookie: a copy
// taken by someone else.
func (b *bundle) withSession(t *testing.T, id string) *bundle {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	u, _ := url.Parse(b.srv.URL)
	jar.SetCookies(u, []*http.Cookie{{Name: sessionCookie, Value: id, Path: "/"}})
	c := *b
	c.client = &http.Client{Jar: jar, CheckRedirect: b.client.CheckRedirect}
	return &c
}

// TestLogoutEndsCopiedSession: a cookie copied before sign-out no longer works
// after it (issue 18 §3).
func TestLogoutEndsCopiedSession(t *testing.T) {
	b := setup(t, localAuth(t))
	if code := b.login(t, "lanhdao", "mật-khẩu-đúng", true); code != http.StatusSeeOther {
		t.Fatalf("sign-in = %d", code)
	}
	stolen := b.cookie(t, sessionCookie)
	thief := b.withSession(t, stolen)
	if code, _, _ := thief.get(t, "/health"); code != 200 {
		t.Fatalf("the copied cookie before sign-out = %d", code)
	}
	if code := b.post(t, "/logout", url.Values{"csrf": {b.csrf(t)}}); code != http.StatusSeeOther {
		t.Fatalf("sign-out = %d", code)
	}
	if code, _, h := thief.get(t, "/health"); code != http.StatusSeeOther || h.Get("Location") != "/login" {
		t.Fatalf("the copied cookie still works after sign-out: %d", code)
	}
	var n int
	if err := b.st.Pool().QueryRow(t.Context(), `SELECT count(*) FROM dashboard_sessions`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("sessions left after sign-out: %d %v", n, err)
	}
}

// TestSessionIdleExpiry: a session unused for http.session_idle ends; use keeps
// it alive up to its lifetime.
func TestSessionIdleExpiry(t *testing.T) {
	auth := localAuth(t)
	auth.SessionIdle = 30 * time.Minute
	auth.SessionTTL = 2 * time.Hour
	b := setup(t, auth)
	if code := b.login(t, "lanhdao", "mật-khẩu-đúng", true); code != http.StatusSeeOther {
		t.Fatalf("sign-in = %d", code)
	}
	for i := 0; i < 3; i++ {
		b.clock.Advance(29 * time.Minute)
		if code, _, _ := b.get(t, "/health"); code != 200 {
			t.Fatalf("a session used every 29 minutes ended after %d uses: %d", i+1, code)
		}
	}
	b.clock.Advance(31 * time.Minute)
	if code, _, _ := b.get(t, "/health"); code != http.StatusSeeOther {
		t.Fatalf("an idle session still works: %d", code)
	}
	// The lifetime bounds even a busy session.
	if code := b.login(t, "lanhdao", "mật-khẩu-đúng", true); code != http.StatusSeeOther {
		t.Fatalf("sign-in = %d", code)
	}
	for i := 0; i < 5; i++ {
		b.clock.Advance(25 * time.Minute)
		code, _, _ := b.get(t, "/health")
		if want := 200; i >= 4 {
			want = http.StatusSeeOther
			if code != want {
				t.Fatalf("a session older than its lifetime still works: %d", code)
			}
		} else if code != want {
			t.Fatalf("busy session ended early: %d", code)
		}
	}
}

// TestPasswordChangeEndsSessions: a session opened with a password the
// configuration no longer has is refused; with the same configuration (a restart)
// it carries on.
func TestPasswordChangeEndsSessions(t *testing.T) {
	auth := localAuth(t)
	b := setup(t, auth)
	if code := b.login(t, "lanhdao", "mật-khẩu-đúng", true); code != http.StatusSeeOther {
		t.Fatalf("sign-in = %d", code)
	}
	id := b.cookie(t, sessionCookie)
	restarted := setup(t, auth, func(o *Options) { o.Store = b.st })
	if code, _, _ := restarted.withSession(t, id).get(t, "/health"); code != 200 {
		t.Fatalf("the session after a restart with the same accounts = %d", code)
	}
	h, _ := bcrypt.GenerateFromPassword([]byte("mật-khẩu-mới"), bcrypt.MinCost)
	changed := auth
	changed.Users = []User{{Name: "lanhdao", PasswordHash: string(h), Role: auth.Users[0].Role}} // only the password changes
	after := setup(t, changed, func(o *Options) { o.Store = b.st })
	if code, _, _ := after.withSession(t, id).get(t, "/health"); code != http.StatusSeeOther {
		t.Fatalf("a session opened with the old password still works: %d", code)
	}
	promoted := auth
	promoted.Users = []User{{Name: "lanhdao", PasswordHash: auth.Users[0].PasswordHash, Role: RoleApprover}}
	if code := b.login(t, "lanhdao", "mật-khẩu-đúng", true); code != http.StatusSeeOther {
		t.Fatalf("sign-in = %d", code)
	}
	p := setup(t, promoted, func(o *Options) { o.Store = b.st })
	if code, _, _ := p.withSession(t, b.cookie(t, sessionCookie)).get(t, "/health"); code != http.StatusSeeOther {
		t.Fatalf("a session opened under another role still works: %d", code)
	}
}

// TestCSRFBoundToSession: a cookie and field pair the attacker chose, or the token
// of another session, is refused (issue 18 §4).
func TestCSRFBoundToSession(t *testing.T) {
	b := setup(t, localAuth(t))
	// The sign-in form: an attacker-chosen pre-sign-in cookie and the same value
	// as the field (the old double submit accepted this).
	chosen := strings.Repeat("Q", 43)
	u, _ := url.Parse(b.srv.URL)
	b.client.Jar.SetCookies(u, []*http.Cookie{{Name: preCookie, Value: chosen, Path: "/"}, {Name: "cddh_csrf", Value: chosen, Path: "/"}})
	if code := b.post(t, "/login", url.Values{"username": {"lanhdao"}, "password": {"mật-khẩu-đúng"}, "csrf": {chosen}}); code != http.StatusForbidden {
		t.Fatalf("sign-in with an attacker-chosen CSRF pair = %d", code)
	}
	if code := b.login(t, "lanhdao", "mật-khẩu-đúng", true); code != http.StatusSeeOther {
		t.Fatalf("sign-in = %d", code)
	}
	mine := b.csrf(t)
	// Another session of the same user on the same dashboard.
	second := b.withSession(t, "")
	second.client.Jar, _ = cookiejar.New(nil)
	if code := second.login(t, "lanhdao", "mật-khẩu-đúng", true); code != http.StatusSeeOther {
		t.Fatalf("second sign-in = %d", code)
	}
	theirs := second.csrf(t)
	if theirs == mine {
		t.Fatal("two sessions have the same CSRF token")
	}
	for _, tok := range []string{"", chosen, theirs} {
		if code := b.post(t, "/logout", url.Values{"csrf": {tok}}); code != http.StatusForbidden {
			t.Fatalf("sign-out with token %q = %d", tok, code)
		}
	}
	if code := b.post(t, "/logout", url.Values{"csrf": {mine}}); code != http.StatusSeeOther {
		t.Fatalf("sign-out with the session's own token = %d", code)
	}
}

// TestLoginThrottle: 40 wrong passwords at once meet backoff and a lock, per user
// name and per address, before any bcrypt work; the log names the address and a
// hash of the user name, never the raw field (issue 18 §2).
func TestLoginThrottle(t *testing.T) {
	var logs bytes.Buffer
	var mu sync.Mutex
	b := setup(t, localAuth(t), func(o *Options) {
		o.Logger = zerolog.New(zerolog.SyncWriter(lockedWriter{&mu, &logs}))
	})
	codes := map[int]int{}
	for i := 0; i < 40; i++ {
		codes[b.login(t, "lanhdao", "mật-khẩu-nhầm-"+string(rune('a'+i%26)), true)]++
	}
	if codes[http.StatusUnauthorized] != 5 || codes[http.StatusTooManyRequests] != 35 {
		t.Fatalf("40 wrong passwords: %v, want 5 refused then 35 throttled", codes)
	}
	// Locked: even the right password waits.
	if code := b.login(t, "lanhdao", "mật-khẩu-đúng", true); code != http.StatusTooManyRequests {
		t.Fatalf("the right password during the lock = %d", code)
	}
	b.clock.Advance(16 * time.Minute)
	if code := b.login(t, "lanhdao", "mật-khẩu-đúng", true); code != http.StatusSeeOther {
		t.Fatalf("the right password after the lock lifted = %d", code)
	}
	// Per address: many user names from one address.
	c := setup(t, localAuth(t))
	n429 := 0
	for i := 0; i < 25; i++ {
		if c.login(t, "khach-"+string(rune('a'+i)), "x", true) == http.StatusTooManyRequests {
			n429++
		}
	}
	if n429 != 5 {
		t.Fatalf("25 user names from one address: %d throttled, want 5", n429)
	}
	mu.Lock()
	out := logs.String()
	mu.Unlock()
	for _, line := range strings.Split(out, "\n") {
		if strings.Contains(line, "mật-khẩu") || (strings.Contains(line, "login_") && strings.Contains(line, "lanhdao") && !strings.Contains(line, `"event":"dashboard.login"`)) {
			t.Fatalf("the log holds a raw sign-in field: %s", line)
		}
	}
	if !strings.Contains(out, `"user_hash":"`+userTag("lanhdao")+`"`) || !strings.Contains(out, `"addr":"127.0.0.1"`) || !strings.Contains(out, "dashboard.login_throttled") {
		t.Fatalf("the log lacks the address, the user hash or the throttle event:\n%s", out)
	}
}

type lockedWriter struct {
	mu *sync.Mutex
	w  *bytes.Buffer
}

func (l lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

func TestThrottleBackoff(t *testing.T) {
	th := newThrottle(2, 6)
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	var waits []time.Duration
	for i := 0; i < 7; i++ {
		th.fail("k", now)
		waits = append(waits, th.wait("k", now))
	}
	want := []time.Duration{0, time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 15 * time.Minute, 15 * time.Minute}
	for i := range want {
		if waits[i] != want[i] {
			t.Fatalf("waits %v, want %v", waits, want)
		}
	}
	if w := th.wait("k", now.Add(15*time.Minute+time.Second)); w != 0 {
		t.Fatalf("the lock did not lift: %s", w)
	}
	if w := th.wait("other", now); w != 0 {
		t.Fatalf("another key waits: %s", w)
	}
}

// TestSecureCookies: over TLS the cookies are marked Secure (auto), and with
// SecureCookies "always" (what the daemon sets when it serves TLS itself) even a
// plain-HTTP answer marks them, so they never travel in clear (issue 18 §6).
func TestSecureCookies(t *testing.T) {
	b := setup(t, localAuth(t))
	mux := http.NewServeMux()
	b.dash.Mount(mux)
	tlsSrv := httptest.NewTLSServer(mux)
	defer tlsSrv.Close()
	resp, err := tlsSrv.Client().Get(tlsSrv.URL + "/login")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if c := resp.Cookies(); len(c) == 0 || !c[0].Secure || !c[0].HttpOnly || c[0].SameSite != http.SameSiteStrictMode {
		t.Fatalf("cookies over TLS: %+v", c)
	}
	// Plain HTTP, auto: not Secure (a browser would drop it on http://127.0.0.1).
	resp, err = http.Get(b.srv.URL + "/login")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if c := resp.Cookies(); len(c) == 0 || c[0].Secure {
		t.Fatalf("cookies over plain HTTP with auto: %+v", c)
	}
	auth := localAuth(t)
	auth.SecureCookies = "always"
	a := setup(t, auth, func(o *Options) { o.Store = b.st })
	resp, err = http.Get(a.srv.URL + "/login")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if c := resp.Cookies(); len(c) == 0 || !c[0].Secure {
		t.Fatalf("cookies with always: %+v", c)
	}
}

// TestThrottleBehindProxy: behind a trusted proxy the throttle counts the
// client's address from X-Forwarded-For, so one client's failures do not lock
// out the others; from an untrusted peer the header is ignored.
func TestThrottleBehindProxy(t *testing.T) {
	auth := localAuth(t)
	_, loop, _ := net.ParseCIDR("127.0.0.1/32")
	auth.TrustedProxies = []*net.IPNet{loop}
	b := setup(t, auth)
	try := func(b *bundle, user, xff string) int {
		t.Helper()
		_, body, _ := b.get(t, "/login")
		m := csrfRe.FindStringSubmatch(body)
		req, _ := http.NewRequest("POST", b.srv.URL+"/login", strings.NewReader(url.Values{"username": {user}, "password": {"x"}, "csrf": {m[1]}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("X-Forwarded-For", xff)
		resp, err := b.client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	for i := 0; i < 25; i++ { // one client, many user names: its own address is throttled
		try(b, "khach-"+strconv.Itoa(i), "203.0.113.7")
	}
	if code := try(b, "khach-x", "203.0.113.7"); code != http.StatusTooManyRequests {
		t.Fatalf("the noisy client = %d, want 429", code)
	}
	if code := try(b, "khach-y", "1.2.3.4, 203.0.113.8"); code != http.StatusUnauthorized {
		t.Fatalf("another client behind the same proxy = %d, want 401", code)
	}
	// Not trusted: the header is the client's own words and is ignored.
	c := setup(t, localAuth(t))
	for i := 0; i < 25; i++ {
		try(c, "khach-"+strconv.Itoa(i), "198.51.100."+strconv.Itoa(i))
	}
	if code := try(c, "khach-z", "198.51.100.99"); code != http.StatusTooManyRequests {
		t.Fatalf("a spoofed X-Forwarded-For escaped the throttle: %d", code)
	}
}
