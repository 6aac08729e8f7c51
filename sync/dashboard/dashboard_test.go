package dashboard

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/rs/zerolog"
	"golang.org/x/crypto/bcrypt"

	"cddh-sync/sync/report"
	"cddh-sync/sync/store"
	"cddh-sync/sync/store/storetest"
)

func TestMain(m *testing.M) { storetest.Main(m) }

type bundle struct {
	srv    *httptest.Server
	client *http.Client
	st     *store.Store
	taskID int64
	clock  *testClock
	dash   *Dashboard
}

func setup(t *testing.T, auth AuthOptions, tweak ...func(*Options)) *bundle {
	t.Helper()
	st := storetest.New(t)
	ctx := context.Background()
	var taskID int64
	err := st.InTx(ctx, func(tx pgx.Tx) error {
		docID, _, err := st.UpsertDocument(ctx, tx, store.DocumentRow{PortalID: "101", Stream: "DI", Version: 1,
			ContentHash: []byte{1}, DocType: "Thông báo", Number: "45", Notation: "TB-UBND"})
		if err != nil {
			return err
		}
		due := time.Date(2026, 3, 20, 16, 59, 59, 0, time.UTC)
		res, err := st.SyncTasks(ctx, tx, docID, []store.TaskRow{{Key: "101-1", Content: "Giao Sở Tài chính rà soát <script>x</script>",
			DueAt: &due, DeadlineText: "trước ngày 20/3/2026", Lead: []store.UnitRef{{Code: "000.00.12.H20", Name: "Sở Tài chính"}}}}, due)
		if err != nil {
			return err
		}
		taskID = res.Created[0].ID
		_, err = st.AppendEvent(ctx, tx, taskID, store.EventRow{Key: "e1", Kind: "TIEP_NHAN", At: due.Add(-48 * time.Hour), Actor: "Trần Thị C"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	run, err := st.StartRun(ctx, "DI", "host-1", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := st.FinishRun(ctx, run, "partial", time.Now(), store.RunCounts{Fetched: 7, LastError: "cổng trả về 503"}); err != nil {
		t.Fatal(err)
	}
	clk := &testClock{t: time.Now()}
	opts := Options{Store: st, Auth: auth, Logger: zerolog.Nop(), Now: clk.Now,
		StatusText: func(v store.TaskView, now time.Time) string { return "Đang thực hiện trong hạn" },
		Report: func(ctx context.Context, p report.Period) (report.Report, report.Labels, error) {
			views, err := st.ListTasks(ctx, store.TaskFilter{DueFrom: &p.From, DueTo: &p.To})
			rep := report.Build(p, views, func(store.TaskView, time.Time) report.Classification {
				return report.Classification{Category: report.InProgressOverdue, StatusText: "Đang thực hiện quá hạn", OverdueWorkday: 3}
			}, time.Now())
			return rep, report.DefaultLabels, err
		}}
	for _, f := range tweak {
		f(&opts)
	}
	d, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	d.Mount(mux)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	jar, _ := cookiejar.New(nil)
	return &bundle{srv: srv, st: st, taskID: taskID, clock: clk, dash: d, client: &http.Client{Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

func localAuth(t *testing.T) AuthOptions {
	h, err := bcrypt.GenerateFromPassword([]byte("mật-khẩu-đúng"), bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	// An admin: the sync's health and dead letters are theirs to see (rules.md §7).
	return AuthOptions{Mode: "local", Users: []User{{Name: "lanhdao", PasswordHash: string(h), Role: RoleAdmin}}}
}

func (b *bundle) get(t *testing.T, path string, hdr ...string) (int, string, http.Header) {
	t.Helper()
	req, _ := http.NewRequest("GET", b.srv.URL+path, nil)
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := b.client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body), resp.Header
}

var csrfRe = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func (b *bundle) login(t *testing.T, user, pass string, withCSRF bool) int {
	t.Helper()
	_, body, _ := b.get(t, "/login")
	m := csrfRe.FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no CSRF token on the sign-in form")
	}
	form := url.Values{"username": {user}, "password": {pass}}
	if withCSRF {
		form.Set("csrf", m[1])
	}
	resp, err := b.client.PostForm(b.srv.URL+"/login", form)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func TestLocalSignInAndPages(t *testing.T) {
	b := setup(t, localAuth(t))
	if code, _, h := b.get(t, "/health"); code != http.StatusSeeOther || h.Get("Location") != "/login" {
		t.Fatalf("anonymous /health = %d %s", code, h.Get("Location"))
	}
	if code := b.login(t, "lanhdao", "mật-khẩu-đúng", false); code != http.StatusForbidden {
		t.Fatalf("sign-in without CSRF = %d", code)
	}
	if code := b.login(t, "lanhdao", "sai", true); code != http.StatusUnauthorized {
		t.Fatalf("wrong password = %d", code)
	}
	if code := b.login(t, "không-có", "sai", true); code != http.StatusUnauthorized {
		t.Fatalf("unknown user = %d", code)
	}
	if code := b.login(t, "lanhdao", "mật-khẩu-đúng", true); code != http.StatusSeeOther {
		t.Fatalf("sign-in = %d", code)
	}
	code, body, h := b.get(t, "/health")
	if code != 200 || !strings.Contains(body, "Tình trạng đồng bộ") || !strings.Contains(body, "cổng trả về 503") ||
		!strings.Contains(body, `class="warn">partial`) {
		t.Fatalf("/health = %d\n%s", code, body)
	}
	if h.Get("Content-Security-Policy") == "" || h.Get("X-Frame-Options") != "DENY" {
		t.Fatal("security headers missing")
	}
	code, body, _ = b.get(t, "/tasks")
	if code != 200 || !strings.Contains(body, "Sở Tài chính") || !strings.Contains(body, "20/03/2026 23:59") ||
		!strings.Contains(body, "Đang thực hiện trong hạn") || strings.Contains(body, "<script>x") {
		t.Fatalf("/tasks = %d\n%s", code, body)
	}
	code, body, _ = b.get(t, "/tasks/"+strconv.FormatInt(b.taskID, 10)+"?lang=en")
	if code != 200 || !strings.Contains(body, "History") || !strings.Contains(body, "Trần Thị C") || !strings.Contains(body, "TIEP_NHAN") {
		t.Fatalf("/tasks/id = %d\n%s", code, body)
	}
	if code, _, _ := b.get(t, "/tasks/999999"); code != 404 {
		t.Fatalf("missing task = %d", code)
	}
	// A forged or tampered session cookie is ignored.
	u, _ := url.Parse(b.srv.URL)
	for _, c := range b.client.Jar.Cookies(u) {
		if c.Name == sessionCookie {
			// Another id of the same shape: guessing one is hopeless.
			c.Value = strings.Repeat("A", len(c.Value))
			b.client.Jar.SetCookies(u, []*http.Cookie{c})
		}
	}
	if code, _, _ := b.get(t, "/health"); code != http.StatusSeeOther {
		t.Fatalf("tampered session accepted: %d", code)
	}
}

func TestProxyAuth(t *testing.T) {
	_, loop, _ := net.ParseCIDR("127.0.0.1/32")
	b := setup(t, AuthOptions{Mode: "proxy", TrustedProxies: []*net.IPNet{loop}, ProxySecret: []byte(testProxySecret)})
	if code, _, _ := b.get(t, "/health"); code != http.StatusUnauthorized {
		t.Fatalf("no headers = %d", code)
	}
	if code, body, _ := b.get(t, "/health", "X-Remote-User", "it-admin", "X-Remote-Role", "admin", "X-Proxy-Secret", testProxySecret); code != 200 || !strings.Contains(body, "it-admin (admin)") {
		t.Fatalf("proxy user = %d", code)
	}
	if code, _, _ := b.get(t, "/health", "X-Remote-User", "x", "X-Remote-Role", "root", "X-Proxy-Secret", testProxySecret); code != http.StatusUnauthorized {
		t.Fatalf("unknown role = %d", code)
	}
	// A local process on the proxy's own address, without the proxy's secret (issue 18).
	if code, _, _ := b.get(t, "/health", "X-Remote-User", "it-admin", "X-Remote-Role", "admin"); code != http.StatusUnauthorized {
		t.Fatalf("role headers without the proxy secret = %d", code)
	}
	if code, _, _ := b.get(t, "/health", "X-Remote-User", "it-admin", "X-Remote-Role", "admin", "X-Proxy-Secret", testProxySecret+"x"); code != http.StatusUnauthorized {
		t.Fatalf("role headers with a wrong proxy secret = %d", code)
	}
	_, other, _ := net.ParseCIDR("10.9.9.9/32")
	d, err := New(Options{Store: b.st, Auth: AuthOptions{Mode: "proxy", TrustedProxies: []*net.IPNet{other}, ProxySecret: []byte(testProxySecret)}, Logger: zerolog.Nop()})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	d.Mount(mux)
	srv := httptest.NewServer(mux)
	defer srv.Close()
	req, _ := http.NewRequest("GET", srv.URL+"/health", nil)
	req.Header.Set("X-Remote-User", "spoof")
	req.Header.Set("X-Remote-Role", "admin")
	req.Header.Set("X-Proxy-Secret", testProxySecret)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("headers from an untrusted peer were believed: %d", resp.StatusCode)
	}
}

func TestAuthOptionsValidation(t *testing.T) {
	st := storetest.New(t)
	for _, o := range []AuthOptions{
		{Mode: "local"},
		{Mode: "proxy"},
		{Mode: "proxy", TrustedProxies: []*net.IPNet{{IP: net.IPv4(127, 0, 0, 1), Mask: net.CIDRMask(32, 32)}}},
		{Mode: "ldap"},
		{Mode: "local", Users: []User{{Name: "a", PasswordHash: "plaintext", Role: RoleViewer}}},
		{Mode: "local", Users: []User{{Name: "a", PasswordHash: "$2a$04$abcdefghijklmnopqrstuuK3c3ZP2m7c1vQ0mQq3n5p0tXh3b9Yq", Role: RoleViewer}}, SessionKey: []byte("short")},
	} {
		if _, err := newAuthenticator(o, st); err == nil {
			t.Errorf("accepted %+v", o)
		}
	}
}
