package main

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/rs/zerolog"
	"golang.org/x/crypto/bcrypt"

	"cddh-sync/cmd/cddh-sync/internal/config"
	"cddh-sync/connectors/portalsim"
	"cddh-sync/sync/store/storetest"
)

// TestDaemonReviewPage: the daemon as wired for production serves the review page
// to an approver; with the default uncertain policy and no trust anchor every
// task waits, nothing is pushed, and a confirmation through the page reaches the
// portal at the next cycle.
func TestDaemonReviewPage(t *testing.T) {
	sim, simURL := startSim(t, portalsim.Options{Seed: 3, Documents: 12})
	user, pass := sim.Credentials()
	hash, err := bcrypt.GenerateFromPassword([]byte("rà-soát"), bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	cfg := config.Default()
	cfg.Dir = t.TempDir()
	cfg.Portal.BaseURL, cfg.Portal.Username, cfg.Portal.Password = simURL, user, config.Secret(pass)
	cfg.Portal.RateLimit = 100
	cfg.Store.DSN = config.Secret(storetest.NewDatabase(t))
	cfg.Signing.Offline = true
	cfg.Reminders.Enabled = false
	cfg.HTTP.Listen = "127.0.0.1:0"
	cfg.HTTP.Auth.Users = []config.HTTPUser{{Name: "chuyenvien", PasswordHash: string(hash), Role: "approver"}}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	d, err := openDaemon(ctx, cfg, zerolog.Nop(), true)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close(context.WithoutCancel(ctx))
	if _, err := d.cycle(ctx); err != nil {
		t.Fatal(err)
	}
	if n := len(sim.Tasks()); n != 0 {
		t.Fatalf("%d task records pushed with every task held", n)
	}
	srv, err := d.serveHTTP(cfg.HTTP.Listen)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Shutdown(context.WithoutCancel(ctx)) //nolint:errcheck // test teardown
	base := "http://" + srv.Addr()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	get := func(path string) (int, string) {
		resp, err := c.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	csrf := regexp.MustCompile(`name="csrf" value="([^"]+)"`)
	_, page := get("/login")
	m := csrf.FindStringSubmatch(page)
	if m == nil {
		t.Fatal("no CSRF token on /login")
	}
	resp, err := c.PostForm(base+"/login", url.Values{"csrf": {m[1]}, "username": {"chuyenvien"}, "password": {"rà-soát"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/review" {
		t.Fatalf("sign-in: %d to %q, want 303 to /review", resp.StatusCode, resp.Header.Get("Location"))
	}
	code, page := get("/review")
	if code != http.StatusOK || !strings.Contains(page, "Nhiệm vụ chờ rà soát") {
		t.Fatalf("/review = %d\n%s", code, page)
	}
	ids := regexp.MustCompile(`action="/review/(\d+)/confirm"`).FindStringSubmatch(page)
	if ids == nil {
		t.Fatalf("no held task on the review page:\n%s", page)
	}
	tok := csrf.FindStringSubmatch(page)[1]
	resp, err = c.PostForm(base+"/review/"+ids[1]+"/confirm", url.Values{"csrf": {tok}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("confirm = %d", resp.StatusCode)
	}
	if _, err := d.cycle(ctx); err != nil {
		t.Fatal(err)
	}
	if n := len(sim.Tasks()); n != 1 {
		t.Fatalf("%d task records after one confirmation, want 1", n)
	}
	if code, _ := get("/health"); code != http.StatusForbidden {
		t.Errorf("an approver's /health = %d, want 403 (admins only)", code)
	}
}
