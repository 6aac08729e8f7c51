package dashboard

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"golang.org/x/crypto/bcrypt"
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
	// SessionKey signs session cookies (at least 32 bytes). Empty: a random key, so
	// sessions end when the process restarts.
	SessionKey []byte
	// SessionTTL is how long a sign-in lasts. Default 8h.
	SessionTTL time.Duration
	// SecureCookies: "always", "never" or "auto" (Secure when the request came over
	// TLS or X-Forwarded-Proto says https from a trusted proxy).
	SecureCookies string
}

type principal struct {
	Name string
	Role Role
}

type authenticator struct {
	opts  AuthOptions
	users map[string]User
	// dummyHash keeps the sign-in time the same for unknown users.
	dummyHash []byte
}

func newAuthenticator(opts AuthOptions) (*authenticator, error) {
	if opts.Mode == "" {
		opts.Mode = "local"
	}
	if opts.SessionTTL <= 0 {
		opts.SessionTTL = 8 * time.Hour
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
	switch opts.Mode {
	case "local":
		if len(opts.Users) == 0 {
			return nil, errors.New("http.auth.users: local authentication needs at least one user")
		}
	case "proxy":
		if len(opts.TrustedProxies) == 0 {
			return nil, errors.New("http.auth.trusted_proxies: proxy authentication needs the proxy's address")
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
	a := &authenticator{opts: opts, users: map[string]User{}}
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

func (a *authenticator) fromTrustedProxy(r *http.Request) bool {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return false
	}
	ip := net.ParseIP(host)
	for _, n := range a.opts.TrustedProxies {
		if ip != nil && n.Contains(ip) {
			return true
		}
	}
	return false
}

// principal returns who is asking, from the proxy headers or the session cookie.
func (a *authenticator) principal(r *http.Request) (principal, bool) {
	if a.opts.Mode == "proxy" {
		if !a.fromTrustedProxy(r) {
			return principal{}, false
		}
		name := r.Header.Get(a.opts.ProxyUserHeader)
		role, err := ParseRole(r.Header.Get(a.opts.ProxyRoleHeader))
		if name == "" || err != nil {
			return principal{}, false
		}
		return principal{Name: name, Role: role}, true
	}
	c, err := r.Cookie(sessionCookie)
	if err != nil {
		return principal{}, false
	}
	return a.verifySession(c.Value, time.Now())
}

const (
	sessionCookie = "cddh_session"
	csrfCookie    = "cddh_csrf"
)

func (a *authenticator) sign(payload string) string {
	m := hmac.New(sha256.New, a.opts.SessionKey)
	m.Write([]byte(payload))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// newSession encodes name|role|expiry with an HMAC; nothing secret is inside.
func (a *authenticator) newSession(p principal, now time.Time) string {
	payload := base64.RawURLEncoding.EncodeToString([]byte(p.Name)) + "|" + p.Role.String() + "|" +
		strconv.FormatInt(now.Add(a.opts.SessionTTL).Unix(), 10)
	return payload + "|" + a.sign(payload)
}

func (a *authenticator) verifySession(v string, now time.Time) (principal, bool) {
	i := strings.LastIndexByte(v, '|')
	if i < 0 {
		return principal{}, false
	}
	payload, mac := v[:i], v[i+1:]
	if subtle.ConstantTimeCompare([]byte(mac), []byte(a.sign(payload))) != 1 {
		return principal{}, false
	}
	parts := strings.Split(payload, "|")
	if len(parts) != 3 {
		return principal{}, false
	}
	name, err := base64.RawURLEncoding.DecodeString(parts[0])
	if err != nil {
		return principal{}, false
	}
	role, err := ParseRole(parts[1])
	if err != nil {
		return principal{}, false
	}
	exp, err := strconv.ParseInt(parts[2], 10, 64)
	if err != nil || now.Unix() > exp {
		return principal{}, false
	}
	// A user removed from the configuration loses access at once.
	if a.opts.Mode == "local" {
		if u, ok := a.users[string(name)]; !ok || u.Role != role {
			return principal{}, false
		}
	}
	return principal{Name: string(name), Role: role}, true
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

// csrfToken returns the request's double-submit token, setting the cookie if needed.
func (a *authenticator) csrfToken(w http.ResponseWriter, r *http.Request) string {
	if c, err := r.Cookie(csrfCookie); err == nil && len(c.Value) == 43 {
		return c.Value
	}
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	tok := base64.RawURLEncoding.EncodeToString(b)
	a.setCookie(w, r, csrfCookie, tok, 0)
	return tok
}

// checkCSRF accepts a form POST only when its token matches the cookie.
func (a *authenticator) checkCSRF(r *http.Request) bool {
	c, err := r.Cookie(csrfCookie)
	if err != nil || c.Value == "" {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(c.Value), []byte(r.PostFormValue("csrf"))) == 1
}
