package dashboard

// Authentication, sessions, CSRF and sign-in throttling: the one place every page
// goes through.
//
//   - Local sign-ins are server-side sessions (store.dashboard_sessions, migration
//     0019): the cookie holds a random id, the store its SHA-256. Signing out
//     deletes the row, so a copied cookie stops working; a session idle longer than
//     SessionIdle, or older than SessionTTL, is gone; a session opened with a
//     password hash or role the configuration no longer has is refused.
//   - Proxy sign-ins come from a trusted proxy's headers, and only with the shared
//     secret header the proxy adds (a local process could otherwise send them).
//   - CSRF tokens are an HMAC of the session (or of the pre-sign-in cookie, or of
//     the proxy user) under the session key: a token chosen by an attacker, or
//     taken from another session, is refused.
//   - Sign-ins are throttled per client address and per user name, with backoff
//     and a temporary lock, before any bcrypt work is done.
//
// Handlers use RequireRole (sign-in, role, and CSRF on every POST), principal.CSRF
// and Dashboard.render.

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/crypto/bcrypt"

	"cddh-sync/sync/store"
)

// Role is what a signed-in person may do (rules.md §7, 000 Đ8.3b).
type Role int

const (
	RoleNone     Role = iota
	RoleViewer        // monitor and aggregate
	RoleApprover      // approve / confirm
	RoleAdmin         // operate the adapter
)

// ParseRole reads viewer, approver or admin.
func ParseRole(s string) (Role, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "viewer":
		return RoleViewer, nil
	case "approver":
		return RoleApprover, nil
	case "admin":
		return RoleAdmin, nil
	}
	return RoleNone, fmt.Errorf("role %q is not viewer, approver or admin", s)
}

func (r Role) String() string {
	return [...]string{"none", "viewer", "approver", "admin"}[r]
}

// User is a local account. PasswordHash is a bcrypt hash; the password itself is
// never configured.
type User struct {
	Name         string
	PasswordHash string
	Role         Role
}

// AuthOptions configure authentication.
type AuthOptions struct {
	// Mode is "local" (users below, sign-in form) or "proxy" (a trusted reverse proxy
	// authenticates and sends the user and role in headers).
	Mode  string
	Users []User
	// ProxyUserHeader and ProxyRoleHeader name the headers in proxy mode.
	ProxyUserHeader string
	ProxyRoleHeader string
	// TrustedProxies may send those headers; any other peer is refused.
	TrustedProxies []*net.IPNet
	// ProxySecret must arrive in ProxySecretHeader with every proxied request
	// (http.proxy_secret_file); required in proxy mode.
	ProxySecret       []byte
	ProxySecretHeader string
	// SessionKey keys the CSRF tokens (at least 32 bytes). Empty: a random key, so
	// forms opened before a restart must be reloaded.
	SessionKey []byte
	// SessionTTL is the longest a sign-in lasts. Default 8h.
	SessionTTL time.Duration
	// SessionIdle ends a sign-in unused for this long (http.session_idle). Default 30m.
	SessionIdle time.Duration
	// SecureCookies: "always", "never" or "auto" (Secure when the request came over
	// TLS or X-Forwarded-Proto says https from a trusted proxy).
	SecureCookies string
}

// principal is who is asking: the user, the role, and what their CSRF token is
// derived from.
type principal struct {
	Name string
	Role Role
	// binding is what the CSRF token is bound to: the session id, or the proxy user.
	binding string
}

type authenticator struct {
	opts  AuthOptions
	store *store.Store
	users map[string]User
	// dummyHash keeps the sign-in time the same for unknown users.
	dummyHash []byte
	// byUser and byAddr throttle sign-in failures.
	byUser, byAddr *throttle
}

func newAuthenticator(opts AuthOptions, st *store.Store) (*authenticator, error) {
	if opts.Mode == "" {
		opts.Mode = "local"
	}
	if opts.SessionTTL <= 0 {
		opts.SessionTTL = 8 * time.Hour
	}
	if opts.SessionIdle <= 0 {
		opts.SessionIdle = 30 * time.Minute
	}
	if opts.SecureCookies == "" {
		opts.SecureCookies = "auto"
	}
	if opts.ProxyUserHeader == "" {
		opts.ProxyUserHeader = "X-Remote-User"
	}
	if opts.ProxyRoleHeader == "" {
		opts.ProxyRoleHeader = "X-Remote-Role"
	}
	if opts.ProxySecretHeader == "" {
		opts.ProxySecretHeader = "X-Proxy-Secret"
	}
	switch opts.Mode {
	case "local":
		if len(opts.Users) == 0 {
			return nil, errors.New("http.auth.users: local authentication needs at least one user")
		}
		if st == nil {
			return nil, errors.New("dashboard: local authentication keeps its sessions in the store")
		}
	case "proxy":
		if len(opts.TrustedProxies) == 0 {
			return nil, errors.New("http.auth.trusted_proxies: proxy authentication needs the proxy's address")
		}
		if len(opts.ProxySecret) < 16 {
			return nil, errors.New("http.proxy_secret_file: proxy authentication needs a shared secret of at least 16 bytes, which the proxy sends in " + opts.ProxySecretHeader)
		}
	default:
		return nil, fmt.Errorf("http.auth.mode: %q is not local or proxy", opts.Mode)
	}
	if len(opts.SessionKey) == 0 {
		opts.SessionKey = make([]byte, 32)
		if _, err := rand.Read(opts.SessionKey); err != nil {
			return nil, err
		}
	} else if len(opts.SessionKey) < 32 {
		return nil, errors.New("http.auth.session_key_file: the key must be at least 32 bytes")
	}
	a := &authenticator{opts: opts, store: st, users: map[string]User{},
		byUser: newThrottle(5, 10), byAddr: newThrottle(20, 50)}
	for _, u := range opts.Users {
		if _, err := bcrypt.Cost([]byte(u.PasswordHash)); err != nil {
			return nil, fmt.Errorf("http.auth.users: %s: password_hash is not a bcrypt hash", u.Name)
		}
		if u.Role == RoleNone {
			return nil, fmt.Errorf("http.auth.users: %s: no role", u.Name)
		}
		a.users[u.Name] = u
	}
	h, err := bcrypt.GenerateFromPassword([]byte("timing-equaliser"), bcrypt.DefaultCost)
	if err != nil {
		return nil, err
	}
	a.dummyHash = h
	return a, nil
}

// check verifies a local sign-in.
func (a *authenticator) check(name, password string) (principal, bool) {
	u, ok := a.users[name]
	hash := a.dummyHash
	if ok {
		hash = []byte(u.PasswordHash)
	}
	if bcrypt.CompareHashAndPassword(hash, []byte(password)) != nil || !ok {
		return principal{}, false
	}
	return principal{Name: u.Name, Role: u.Role}, true
}

// credential is a digest of what a session was opened with: a changed password
// hash or role makes it differ, which ends the session.
func credential(u User) []byte {
	sum := sha256.Sum256([]byte(u.Name + "\x00" + u.Role.String() + "\x00" + u.PasswordHash))
	return sum[:]
}

func peerIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// clientAddr is the address sign-in throttling counts: the peer, or, when the
// peer is a trusted proxy (http.auth.trusted_proxies), the address it appended
// last to X-Forwarded-For. Behind a proxy every peer is the proxy, and throttling
// by it would lock everyone out together; a client cannot spoof the header past
// a proxy that appends, and from elsewhere the header is ignored.
func (a *authenticator) clientAddr(r *http.Request) string {
	if a.fromTrustedProxy(r) {
		if xff := r.Header.Values("X-Forwarded-For"); len(xff) > 0 {
			last := xff[len(xff)-1]
			if i := strings.LastIndexByte(last, ','); i >= 0 {
				last = last[i+1:]
			}
			if ip := net.ParseIP(strings.TrimSpace(last)); ip != nil {
				return ip.String()
			}
		}
	}
	return peerIP(r)
}

func (a *authenticator) fromTrustedProxy(r *http.Request) bool {
	ip := net.ParseIP(peerIP(r))
	for _, n := range a.opts.TrustedProxies {
		if ip != nil && n.Contains(ip) {
			return true
		}
	}
	return false
}

// principal returns who is asking, from the proxy headers or the session cookie.
func (a *authenticator) principal(r *http.Request, now time.Time) (principal, bool, error) {
	if a.opts.Mode == "proxy" {
		if !a.fromTrustedProxy(r) {
			return principal{}, false, nil
		}
		if subtle.ConstantTimeCompare([]byte(r.Header.Get(a.opts.ProxySecretHeader)), a.opts.ProxySecret) != 1 {
			return principal{}, false, nil
		}
		name := r.Header.Get(a.opts.ProxyUserHeader)
		role, err := ParseRole(r.Header.Get(a.opts.ProxyRoleHeader))
		if name == "" || err != nil {
			return principal{}, false, nil
		}
		return principal{Name: name, Role: role, binding: "proxy\x00" + name}, true, nil
	}
	c, err := r.Cookie(sessionCookie)
	if err != nil || len(c.Value) != 43 {
		return principal{}, false, nil
	}
	return a.session(r.Context(), c.Value, now)
}

// session looks a session id up: the user and role it was opened for, if it is
// still live and the account still has the password and role it had.
func (a *authenticator) session(ctx context.Context, id string, now time.Time) (principal, bool, error) {
	s, ok, err := a.store.TouchDashboardSession(ctx, hashID(id), now, a.opts.SessionIdle)
	if err != nil || !ok {
		return principal{}, false, err
	}
	u, known := a.users[s.User]
	if !known || u.Role.String() != s.Role || !hmac.Equal(credential(u), s.Credential) {
		// The account was removed, or its password or role changed.
		if err := a.store.DeleteDashboardSession(ctx, hashID(id)); err != nil {
			return principal{}, false, err
		}
		return principal{}, false, nil
	}
	return principal{Name: u.Name, Role: u.Role, binding: "session\x00" + id}, true, nil
}

// startSession records a new session for u and returns its id, the cookie value.
func (a *authenticator) startSession(ctx context.Context, u User, now time.Time) (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	id := base64.RawURLEncoding.EncodeToString(b)
	// Expired and idle sessions go as new ones come.
	if _, err := a.store.PurgeDashboardSessions(ctx, now, a.opts.SessionIdle); err != nil {
		return "", err
	}
	err := a.store.CreateDashboardSession(ctx, hashID(id), store.DashboardSession{User: u.Name, Role: u.Role.String(),
		Credential: credential(u), CreatedAt: now, ExpiresAt: now.Add(a.opts.SessionTTL)})
	return id, err
}

// endSession deletes the session the request carries, if any.
func (a *authenticator) endSession(r *http.Request) error {
	c, err := r.Cookie(sessionCookie)
	if err != nil || c.Value == "" {
		return nil
	}
	return a.store.DeleteDashboardSession(r.Context(), hashID(c.Value))
}

func hashID(id string) []byte {
	sum := sha256.Sum256([]byte(id))
	return sum[:]
}

const (
	sessionCookie = "cddh_session"
	// preCookie binds the sign-in form's CSRF token before there is a session.
	preCookie = "cddh_pre"
)

func (a *authenticator) mac(parts ...string) string {
	m := hmac.New(sha256.New, a.opts.SessionKey)
	for _, p := range parts {
		m.Write([]byte(p))
		m.Write([]byte{0})
	}
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

func (a *authenticator) secure(r *http.Request) bool {
	switch a.opts.SecureCookies {
	case "always":
		return true
	case "never":
		return false
	}
	return r.TLS != nil || (a.fromTrustedProxy(r) && r.Header.Get("X-Forwarded-Proto") == "https")
}

func (a *authenticator) setCookie(w http.ResponseWriter, r *http.Request, name, value string, maxAge int) {
	http.SetCookie(w, &http.Cookie{
		Name: name, Value: value, Path: "/", MaxAge: maxAge,
		HttpOnly: true, Secure: a.secure(r), SameSite: http.SameSiteStrictMode,
	})
}

// csrfToken is the token forms carry for p: an HMAC of p's session (or proxy
// user). Before sign-in it is bound to a random pre-sign-in cookie, set if needed.
func (a *authenticator) csrfToken(w http.ResponseWriter, r *http.Request, p principal) string {
	if p.binding != "" {
		return a.mac("csrf", p.binding)
	}
	if c, err := r.Cookie(preCookie); err == nil && len(c.Value) == 43 {
		return a.mac("csrf", "pre", c.Value)
	}
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	v := base64.RawURLEncoding.EncodeToString(b)
	a.setCookie(w, r, preCookie, v, 0)
	return a.mac("csrf", "pre", v)
}

// checkCSRF accepts a form POST only when its csrf field is the token of p (or,
// before sign-in, of the pre-sign-in cookie).
func (a *authenticator) checkCSRF(r *http.Request, p principal) bool {
	var want string
	switch {
	case p.binding != "":
		want = a.mac("csrf", p.binding)
	default:
		c, err := r.Cookie(preCookie)
		if err != nil || len(c.Value) != 43 {
			return false
		}
		want = a.mac("csrf", "pre", c.Value)
	}
	return subtle.ConstantTimeCompare([]byte(want), []byte(r.PostFormValue("csrf"))) == 1
}

// RequireRole wraps a handler: no principal → sign-in (or 401 in proxy mode), too
// weak a role → 403, and a POST without the principal's CSRF token → 403. The
// handler gets the principal; render gives its pages the matching token.
func (d *Dashboard) RequireRole(role Role, h func(http.ResponseWriter, *http.Request, principal)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		p, ok, err := d.auth.principal(r, d.opts.Now())
		if err != nil {
			d.fail(w, err)
			return
		}
		if !ok {
			if d.auth.opts.Mode == "proxy" {
				http.Error(w, "authentication required", http.StatusUnauthorized)
				return
			}
			http.Redirect(w, r, "/login", http.StatusSeeOther)
			return
		}
		if p.Role < role {
			http.Error(w, translate(d.lang(w, r), "forbidden"), http.StatusForbidden)
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
			if !d.auth.checkCSRF(r, p) {
				http.Error(w, "CSRF token missing or wrong", http.StatusForbidden)
				return
			}
		}
		h(w, r, p)
	}
}

// userTag names a user in logs without the raw field, which may hold a mistyped
// password: the first 12 hex digits of its SHA-256.
func userTag(name string) string {
	sum := sha256.Sum256([]byte(name))
	return hex.EncodeToString(sum[:6])
}

// throttle counts sign-in failures per key. From the free-th failure on, each one
// makes the key wait base·2^(n-free) (at most maxWait); after lock failures the
// key is locked for maxWait. A key forgets its failures maxWait after the last.
type throttle struct {
	mu            sync.Mutex
	free, lock    int
	base, maxWait time.Duration
	maxKeys       int
	keys          map[string]*strikes
}

type strikes struct {
	fails int
	last  time.Time
	until time.Time
}

func newThrottle(free, lock int) *throttle {
	return &throttle{free: free, lock: lock, base: time.Second, maxWait: 15 * time.Minute,
		maxKeys: 10000, keys: map[string]*strikes{}}
}

// wait is how long key must still wait at now (0: it may try).
func (t *throttle) wait(key string, now time.Time) time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	s := t.keys[key]
	if s == nil {
		return 0
	}
	if now.Sub(s.last) > t.maxWait && !now.Before(s.until) {
		delete(t.keys, key)
		return 0
	}
	if now.Before(s.until) {
		return s.until.Sub(now)
	}
	return 0
}

// fail records a failure of key at now.
func (t *throttle) fail(key string, now time.Time) {
	t.mu.Lock()
	defer t.mu.Unlock()
	s := t.keys[key]
	if s == nil {
		if len(t.keys) >= t.maxKeys {
			for k, v := range t.keys {
				if now.Sub(v.last) > t.maxWait && !now.Before(v.until) {
					delete(t.keys, k)
				}
			}
		}
		if len(t.keys) >= t.maxKeys {
			return // full of live keys: the per-address limit still holds
		}
		s = &strikes{}
		t.keys[key] = s
	} else if now.Sub(s.last) > t.maxWait && !now.Before(s.until) {
		*s = strikes{}
	}
	s.fails++
	s.last = now
	switch {
	case s.fails >= t.lock:
		s.until = now.Add(t.maxWait)
	case s.fails >= t.free:
		s.until = now.Add(min(t.base<<(s.fails-t.free), t.maxWait))
	}
}

// reset forgets key's failures (a successful sign-in).
func (t *throttle) reset(key string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.keys, key)
}

// login handles POST /login: throttling, CSRF, the password, a new session.
func (d *Dashboard) login(w http.ResponseWriter, r *http.Request) {
	if d.auth.opts.Mode != "local" {
		http.NotFound(w, r)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if !d.auth.checkCSRF(r, principal{}) {
		http.Error(w, "CSRF token missing or wrong", http.StatusForbidden)
		return
	}
	now := d.opts.Now()
	addr, name := d.auth.clientAddr(r), r.PostFormValue("username")
	// Refused before any bcrypt work: throttling is also what keeps a flood of
	// guesses from costing a CPU each.
	if wait := max(d.auth.byAddr.wait(addr, now), d.auth.byUser.wait(name, now)); wait > 0 {
		d.opts.Logger.Warn().Str("event", "dashboard.login_throttled").Str("addr", addr).Str("user_hash", userTag(name)).
			Dur("retry_after", wait).Msg("sign-in refused: too many failures")
		w.Header().Set("Retry-After", strconv.Itoa(int(wait.Round(time.Second)/time.Second)+1))
		d.render(w, r, http.StatusTooManyRequests, "login", principal{}, "throttled")
		return
	}
	p, ok := d.auth.check(name, r.PostFormValue("password"))
	if !ok {
		d.auth.byAddr.fail(addr, now)
		d.auth.byUser.fail(name, now)
		d.opts.Logger.Warn().Str("event", "dashboard.login_failed").Str("addr", addr).Str("user_hash", userTag(name)).Msg("sign-in refused")
		d.render(w, r, http.StatusUnauthorized, "login", principal{}, "bad_login")
		return
	}
	d.auth.byAddr.reset(addr)
	d.auth.byUser.reset(name)
	id, err := d.auth.startSession(r.Context(), d.auth.users[p.Name], now)
	if err != nil {
		d.fail(w, err)
		return
	}
	d.opts.Logger.Info().Str("event", "dashboard.login").Str("addr", addr).Str("user", p.Name).Str("role", p.Role.String()).Msg("signed in")
	d.auth.setCookie(w, r, sessionCookie, id, int(d.auth.opts.SessionTTL.Seconds()))
	d.auth.setCookie(w, r, preCookie, "", -1)
	http.Redirect(w, r, d.home(p.Role), http.StatusSeeOther)
}

// home is where a role lands after sign-in: admins on the sync's health,
// approvers on the review queue, viewers on the tasks.
func (d *Dashboard) home(role Role) string {
	switch {
	case role >= RoleAdmin:
		return "/health"
	case role >= RoleApprover && d.opts.Review != nil:
		return "/review"
	}
	return "/tasks"
}

// logout handles POST /logout: the session ends in the store, not only in this
// browser.
func (d *Dashboard) logout(w http.ResponseWriter, r *http.Request, p principal) {
	if err := d.auth.endSession(r); err != nil {
		d.fail(w, err)
		return
	}
	d.opts.Logger.Info().Str("event", "dashboard.logout").Str("user", p.Name).Msg("signed out")
	d.auth.setCookie(w, r, sessionCookie, "", -1)
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}
