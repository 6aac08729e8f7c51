package ioffice

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"cddh-sync/connectors"
)

func TestLoginCachesToken(t *testing.T) {
	t.Parallel()
	f := newFakePortal(t)
	c := f.client(t, nil)
	ctx := context.Background()
	for range 3 {
		if _, err := c.Units(ctx); err != nil {
			t.Fatalf("Units: %v", err)
		}
	}
	if got := f.count("POST /login/v3/"); got != 1 {
		t.Errorf("logins = %d, want 1 (token cached)", got)
	}
}

func TestWrongPasswordIsUnauthorized(t *testing.T) {
	t.Parallel()
	f := newFakePortal(t)
	c := f.client(t, func(o *Options) { o.Password = "wrong" })
	_, err := c.Units(context.Background())
	if !errors.Is(err, connectors.ErrUnauthorized) || !errors.Is(err, connectors.ErrPermanent) {
		t.Fatalf("err = %v, want ErrUnauthorized and ErrPermanent", err)
	}
	if strings.Contains(err.Error(), "wrong") {
		t.Errorf("error leaks the password: %v", err)
	}
	if got := f.count("POST /login/v3/"); got != 1 {
		t.Errorf("logins = %d, want 1 (no retry of bad credentials)", got)
	}
}

// The portal refuses a token either way: HTTP 401, or HTTP 200 with status.code "401".
func TestRefusedTokenRelogsOnce(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name       string
		httpStatus int
	}{{"http-401", http.StatusUnauthorized}, {"status-code-401", http.StatusOK}} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFakePortal(t)
			var refuse atomic.Int32
			refuse.Store(1)
			f.hook = func(w http.ResponseWriter, r *http.Request, rt string) bool {
				if rt == "GET /shared/unit/get_all/" && refuse.Add(-1) >= 0 {
					writeEnvelope(w, tc.httpStatus, "401", "Token hết hạn", nil)
					return true
				}
				return false
			}
			c := f.client(t, nil)
			units, err := c.Units(context.Background())
			if err != nil {
				t.Fatalf("Units: %v", err)
			}
			if len(units) != 2 || units[0].Name != "Sở Tài chính" {
				t.Errorf("units = %+v", units)
			}
			if got := f.count("POST /login/v3/"); got != 2 {
				t.Errorf("logins = %d, want 2 (first + one relogin)", got)
			}
			if got := f.count("GET /shared/unit/get_all/"); got != 2 {
				t.Errorf("calls = %d, want 2 (refused + repeated once)", got)
			}
		})
	}
}

func TestAlwaysRefusedTokenGivesUp(t *testing.T) {
	t.Parallel()
	f := newFakePortal(t)
	f.hook = func(w http.ResponseWriter, r *http.Request, rt string) bool {
		if rt == "GET /shared/unit/get_all/" {
			writeEnvelope(w, http.StatusOK, "401", "Token hết hạn", nil)
			return true
		}
		return false
	}
	c := f.client(t, nil)
	_, err := c.Units(context.Background())
	if !errors.Is(err, connectors.ErrUnauthorized) {
		t.Fatalf("err = %v, want ErrUnauthorized", err)
	}
	if got := f.count("GET /shared/unit/get_all/"); got != 2 {
		t.Errorf("calls = %d, want 2: the call is repeated once, not forever", got)
	}
}

func TestTokenExpiry(t *testing.T) {
	t.Parallel()
	f := newFakePortal(t)
	c := f.client(t, nil)
	ctx := context.Background()
	if _, err := c.Units(ctx); err != nil {
		t.Fatal(err)
	}
	f.expireTokens() // the portal forgets the token (expiry, restart)
	if _, err := c.Units(ctx); err != nil {
		t.Fatalf("after expiry: %v", err)
	}
	if got := f.count("POST /login/v3/"); got != 2 {
		t.Errorf("logins = %d, want 2", got)
	}

	// A token announced to live 1s is renewed before it dies, without a 401.
	f2 := newFakePortal(t)
	f2.expiresIn = 1
	c2 := f2.client(t, nil)
	if _, err := c2.Units(ctx); err != nil {
		t.Fatal(err)
	}
	time.Sleep(1100 * time.Millisecond)
	if _, err := c2.Units(ctx); err != nil {
		t.Fatal(err)
	}
	if got := f2.count("POST /login/v3/"); got != 2 {
		t.Errorf("logins = %d, want 2 (proactive renewal)", got)
	}
	if got := f2.count("GET /shared/unit/get_all/"); got != 2 {
		t.Errorf("calls = %d, want 2 (no refused call)", got)
	}
}

func TestConcurrentRelogin(t *testing.T) {
	t.Parallel()
	f := newFakePortal(t)
	c := f.client(t, nil)
	ctx := context.Background()
	if _, err := c.Units(ctx); err != nil {
		t.Fatal(err)
	}
	f.expireTokens()
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if _, err := c.Units(ctx); err != nil {
				t.Errorf("Units: %v", err)
			}
		})
	}
	wg.Wait()
	if got := f.count("POST /login/v3/"); got > 3 {
		t.Errorf("logins = %d: concurrent refusals should share a relogin", got)
	}
}

func TestRetries(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		status     int
		retryAfter string
		failures   int
		maxRetries int
		wantErr    error // nil: success expected
		wantCalls  int
		minElapsed time.Duration
	}{
		{"502 then ok", 502, "", 2, 3, nil, 3, 0},
		{"503 then ok", 503, "", 1, 3, nil, 2, 0},
		{"504 then ok", 504, "", 1, 3, nil, 2, 0},
		{"500 then ok", 500, "", 1, 3, nil, 2, 0},
		{"429 honours Retry-After", 429, "1", 1, 3, nil, 2, time.Second},
		{"503 honours Retry-After", 503, "1", 1, 3, nil, 2, time.Second},
		// MaxRetries 2 means 3 attempts, and a 5xx on the last one is an error.
		{"503 exhausts retries", 503, "", 10, 2, connectors.ErrRetryable, 3, 0},
		{"429 too long to wait", 429, "3600", 10, 3, connectors.ErrRateLimited, 1, 0},
		{"400 not retried", 400, "", 10, 3, connectors.ErrPermanent, 1, 0},
		{"404 not found", 404, "", 10, 3, connectors.ErrNotFound, 1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := newFakePortal(t)
			var left atomic.Int32
			left.Store(int32(tt.failures))
			f.hook = func(w http.ResponseWriter, r *http.Request, rt string) bool {
				if rt == "GET /shared/unit/get_all/" && left.Add(-1) >= 0 {
					if tt.retryAfter != "" {
						w.Header().Set("Retry-After", tt.retryAfter)
					}
					writeEnvelope(w, tt.status, "", "thử lại sau", nil)
					return true
				}
				return false
			}
			c := f.client(t, func(o *Options) { o.MaxRetries = tt.maxRetries; o.MaxRetryAfter = 2 * time.Second })
			start := time.Now()
			_, err := c.Units(context.Background())
			elapsed := time.Since(start)
			if tt.wantErr == nil && err != nil {
				t.Fatalf("err = %v, want success", err)
			}
			if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if got := f.count("GET /shared/unit/get_all/"); got != tt.wantCalls {
				t.Errorf("calls = %d, want %d", got, tt.wantCalls)
			}
			if elapsed < tt.minElapsed {
				t.Errorf("elapsed %s, want at least %s (Retry-After)", elapsed, tt.minElapsed)
			}
			if tt.wantErr == connectors.ErrRateLimited {
				if ra, ok := connectors.RetryAfter(err); !ok || ra != time.Hour {
					t.Errorf("RetryAfter = %v, %v; want 1h", ra, ok)
				}
				if !errors.Is(err, connectors.ErrRetryable) {
					t.Errorf("rate limited should also be retryable: %v", err)
				}
			}
		})
	}
}

func TestSlowAnswerTimesOut(t *testing.T) {
	t.Parallel()
	f := newFakePortal(t)
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	f.hook = func(w http.ResponseWriter, r *http.Request, rt string) bool {
		if rt == "GET /shared/unit/get_all/" {
			select {
			case <-release:
			case <-r.Context().Done():
			case <-time.After(5 * time.Second):
			}
			return true
		}
		return false
	}
	c := f.client(t, func(o *Options) { o.Timeout = 150 * time.Millisecond; o.MaxRetries = 1 })
	start := time.Now()
	_, err := c.Units(context.Background())
	if !errors.Is(err, connectors.ErrRetryable) {
		t.Fatalf("err = %v, want ErrRetryable", err)
	}
	if !strings.Contains(err.Error(), "no answer within") {
		t.Errorf("error should say it timed out: %v", err)
	}
	if el := time.Since(start); el > 2*time.Second {
		t.Errorf("took %s: the per-attempt timeout was not applied", el)
	}
	if got := f.count("GET /shared/unit/get_all/"); got != 2 {
		t.Errorf("attempts = %d, want 2", got)
	}

	// The caller's deadline bounds the whole call, retries included.
	c2 := f.client(t, func(o *Options) { o.Timeout = 5 * time.Second; o.MaxRetries = 5 })
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start = time.Now()
	if _, err := c2.Units(ctx); err == nil {
		t.Fatal("want an error at the caller's deadline")
	}
	if el := time.Since(start); el > 2*time.Second {
		t.Errorf("took %s despite a 200ms deadline", el)
	}
}

func TestCutMidBodyIsRetried(t *testing.T) {
	t.Parallel()
	f := newFakePortal(t)
	var cuts atomic.Int32
	cuts.Store(2)
	f.hook = func(w http.ResponseWriter, r *http.Request, rt string) bool {
		if rt == "GET /shared/unit/get_all/" && cuts.Add(-1) >= 0 {
			hijackCut(w, `{"status":{"code":"0","message":"OK"},"data":[{"maDinh`)
			return true
		}
		return false
	}
	c := f.client(t, nil)
	units, err := c.Units(context.Background())
	if err != nil {
		t.Fatalf("Units: %v", err)
	}
	if len(units) != 2 {
		t.Errorf("units = %d", len(units))
	}
	if got := f.count("GET /shared/unit/get_all/"); got != 3 {
		t.Errorf("attempts = %d, want 3", got)
	}
}

func TestMalformedJSON(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, body string
		persistent bool
	}{
		{"truncated, once", `{"status":{"code":"0"},"data":[`, false},
		{"html error page, always", `<html><body>502 Bad Gateway</body></html>`, true},
		{"no status, always", `{"data":[]}`, true},
		{"wrong data shape, always", `{"status":{"code":"0"},"data":{"items":"x"}}`, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFakePortal(t)
			var n atomic.Int32
			f.hook = func(w http.ResponseWriter, r *http.Request, rt string) bool {
				if rt == "GET /shared/unit/get_all/" && (tc.persistent || n.Add(1) == 1) {
					w.Header().Set("Content-Type", "application/json")
					w.Write([]byte(tc.body))
					return true
				}
				return false
			}
			var logs bytes.Buffer
			c := f.client(t, func(o *Options) { o.Logger = zerolog.New(&logs); o.MaxRetries = 2 })
			_, err := c.Units(context.Background())
			if !tc.persistent {
				if err != nil {
					t.Fatalf("a single malformed answer should be retried: %v", err)
				}
			} else if !errors.Is(err, connectors.ErrRetryable) {
				t.Fatalf("err = %v, want ErrRetryable", err)
			}
			if !strings.Contains(logs.String(), `"event":"portal.malformed"`) || !strings.Contains(logs.String(), "/shared/unit/get_all/") {
				t.Errorf("malformed answer not logged with its endpoint:\n%s", logs.String())
			}
		})
	}
}

func TestEnvelopeCodeOnHTTP200(t *testing.T) {
	t.Parallel()
	f := newFakePortal(t)
	c := f.client(t, nil)
	_, err := c.Detail(context.Background(), 12345) // the fake answers 200 + "404"
	if !errors.Is(err, connectors.ErrNotFound) {
		t.Fatalf("err = %v, want ErrNotFound", err)
	}
	var ce *connectors.Error
	if !errors.As(err, &ce) || ce.Code != "404" || ce.HTTPStatus != 200 {
		t.Errorf("error details = %+v", ce)
	}
}

func TestCircuitBreaker(t *testing.T) {
	t.Parallel()
	f := newFakePortal(t)
	var healthy atomic.Bool
	f.hook = func(w http.ResponseWriter, r *http.Request, rt string) bool {
		if rt == "GET /shared/unit/get_all/" && !healthy.Load() {
			writeEnvelope(w, 502, "", "", nil)
			return true
		}
		return false
	}
	c := f.client(t, func(o *Options) {
		o.MaxRetries = -1 // one attempt per call
		o.BreakerThreshold = 3
		o.BreakerCooldown = 200 * time.Millisecond
	})
	ctx := context.Background()
	for i := range 3 {
		if _, err := c.Units(ctx); !errors.Is(err, connectors.ErrRetryable) {
			t.Fatalf("call %d: err = %v", i, err)
		}
	}
	_, err := c.Units(ctx)
	if !errors.Is(err, connectors.ErrRetryable) || !strings.Contains(err.Error(), "circuit open") {
		t.Fatalf("err = %v, want a retryable 'circuit open' error", err)
	}
	if got := f.count("GET /shared/unit/get_all/"); got != 3 {
		t.Errorf("portal called %d times, want 3: an open circuit must not call it", got)
	}
	if ra, ok := connectors.RetryAfter(err); !ok || ra <= 0 || ra > 200*time.Millisecond {
		t.Errorf("RetryAfter = %v, %v", ra, ok)
	}
	time.Sleep(250 * time.Millisecond)
	healthy.Store(true)
	if _, err := c.Units(ctx); err != nil {
		t.Fatalf("half-open probe should pass: %v", err)
	}
	if st := c.breaker.state(); st != breakerClosed {
		t.Errorf("state = %s, want closed", st)
	}
}

func TestBreakerHalfOpenFailureReopens(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var mu sync.Mutex
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	b := newBreaker(2, time.Minute, clock)
	b.record(false)
	if ok, _ := b.allow(); !ok {
		t.Fatal("one failure must not open")
	}
	b.record(false)
	if ok, _ := b.allow(); ok {
		t.Fatal("two failures must open")
	}
	mu.Lock()
	now = now.Add(time.Minute)
	mu.Unlock()
	if ok, _ := b.allow(); !ok {
		t.Fatal("after the cool-down one probe goes through")
	}
	if ok, _ := b.allow(); ok {
		t.Fatal("only one probe at a time")
	}
	if from, to := b.record(false); from != breakerHalfOpen || to != breakerOpen {
		t.Fatalf("probe failure: %s -> %s", from, to)
	}
	if ok, _ := b.allow(); ok {
		t.Fatal("a failed probe re-opens for a full cool-down")
	}
}

func TestPoliteness(t *testing.T) {
	t.Parallel()
	f := newFakePortal(t)
	f.hook = func(w http.ResponseWriter, r *http.Request, rt string) bool {
		if rt == "GET /shared/unit/get_all/" {
			time.Sleep(30 * time.Millisecond)
		}
		return false
	}
	c := f.client(t, func(o *Options) { o.RateLimit = 20; o.Concurrency = 2 })
	var wg sync.WaitGroup
	start := time.Now()
	for range 10 {
		wg.Go(func() {
			if _, err := c.Units(context.Background()); err != nil {
				t.Errorf("Units: %v", err)
			}
		})
	}
	wg.Wait()
	// 11 requests (one login) at 20/s with a burst of 1 take at least 0.5s.
	if el := time.Since(start); el < 450*time.Millisecond {
		t.Errorf("10 calls took %s: the rate limit was not applied", el)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.maxFlight > 2 {
		t.Errorf("%d requests in flight, limit 2", f.maxFlight)
	}
}

// Credentials and tokens never reach the log or an error, whatever happens.
func TestNoSecretsInLogs(t *testing.T) {
	t.Parallel()
	f := newFakePortal(t)
	var n atomic.Int32
	f.hook = func(w http.ResponseWriter, r *http.Request, rt string) bool {
		switch k := n.Add(1); {
		case rt == "POST /login/v3/":
			return false
		case k == 3:
			writeEnvelope(w, http.StatusUnauthorized, "401", "expired", nil)
			return true
		case k == 5:
			w.Write([]byte("{not json"))
			return true
		case k == 7:
			hijackCut(w, `{"status":`)
			return true
		}
		return false
	}
	var logs bytes.Buffer
	c := f.client(t, func(o *Options) { o.Logger = zerolog.New(&logs).Level(zerolog.TraceLevel) })
	ctx := context.Background()
	var errs []error
	for range 6 {
		_, err := c.Units(ctx)
		errs = append(errs, err)
	}
	bad := f.client(t, func(o *Options) {
		o.Logger = zerolog.New(&logs).Level(zerolog.TraceLevel)
		o.Password = fakePassword + "x"
	})
	errs = append(errs, bad.Login(ctx))
	if !strings.Contains(logs.String(), `"event":"portal.request"`) {
		t.Fatalf("requests were not logged at debug level:\n%s", logs.String())
	}
	secrets := append([]string{fakePassword}, f.issuedTokens()...)
	if len(secrets) < 3 {
		t.Fatalf("expected several tokens, got %v", secrets)
	}
	for _, s := range secrets {
		if strings.Contains(logs.String(), s) {
			t.Errorf("log contains secret %q", s)
		}
		for _, err := range errs {
			if err != nil && strings.Contains(err.Error(), s) {
				t.Errorf("error contains secret %q: %v", s, err)
			}
		}
	}
}

func TestOptionsValidation(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		o    Options
		want string
	}{
		{"no url", Options{}, "base_url is required"},
		{"bad scheme", Options{BaseURL: "ftp://x"}, "http(s) URL"},
		{"negative timeout", Options{BaseURL: "http://x", Timeout: -1}, "portal.timeout"},
		{"negative rate", Options{BaseURL: "http://x", RateLimit: -1}, "portal.rate_limit"},
		{"missing CA file", Options{BaseURL: "https://x", CAFile: "/nonexistent/ca.pem"}, "portal.ca_file"},
	}
	for _, tt := range tests {
		if _, err := New(tt.o); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want mention of %q", tt.name, err, tt.want)
		}
	}
	c, err := New(Options{BaseURL: "http://portal.example/"})
	if err != nil {
		t.Fatal(err)
	}
	if c.opts.Timeout != DefaultTimeout || c.opts.RateLimit != DefaultRateLimit || c.opts.Concurrency != DefaultConcurrency ||
		c.opts.MaxDownloadBytes != DefaultMaxDownloadBytes || c.opts.InsecureSkipVerify {
		t.Errorf("defaults not applied: %+v", c.opts)
	}
}

func TestReadEndpoints(t *testing.T) {
	t.Parallel()
	f := newFakePortal(t)
	d := f.addDoc(7, time.Second)
	d.secrecy = "Thường"
	c := f.client(t, nil)
	ctx := context.Background()
	doc, err := c.Detail(ctx, 7)
	if err != nil {
		t.Fatal(err)
	}
	want := connectors.Document{ID: 7, Reference: "45/TB-UBND", Number: "45", Notation: "TB-UBND", Type: "Thông báo",
		Issuer: connectors.Issuer{Code: "000.00.00.H20", Name: "UBND tỉnh Đồng Tháp"}, Urgency: "Khẩn", State: connectors.StateIssued,
		Version: 1, HasEdxml: true, SignerTitle: "Phó Chủ tịch", SubmittingUnit: "Sở Tài chính", Tracker: "Phạm D"}
	if doc.ID != want.ID || doc.Number != want.Number || doc.Notation != want.Notation || doc.Issuer != want.Issuer ||
		doc.State != want.State || doc.HasEdxml != want.HasEdxml || doc.SignerTitle != want.SignerTitle ||
		doc.SubmittingUnit != want.SubmittingUnit || doc.Tracker != want.Tracker || doc.Urgency != want.Urgency {
		t.Errorf("detail = %+v", doc)
	}
	if !doc.IssuedAt.Equal(time.Date(2026, 3, 10, 14, 30, 0, 0, connectors.Zone)) || !doc.DueDate.Equal(time.Date(2026, 3, 20, 0, 0, 0, 0, connectors.Zone)) {
		t.Errorf("dates: issued %v due %v", doc.IssuedAt, doc.DueDate)
	}
	if len(doc.Related) != 1 || doc.Related[0].Number != "12" || doc.Related[0].Notation != "KH-UBND" {
		t.Errorf("related = %+v", doc.Related)
	}
	acts, err := c.Actions(ctx, 2, 100)
	if err != nil {
		t.Fatal(err)
	}
	if len(acts) != 2 || acts[0].ID != 2 || acts[1].Kind != connectors.ActionExtend || !acts[1].Kind.Known() ||
		!acts[1].NewDue.Equal(time.Date(2026, 4, 30, 0, 0, 0, 0, connectors.Zone)) || acts[1].NewDueHasTime || acts[1].DocumentID != 99 {
		t.Errorf("actions = %+v", acts)
	}
	if err := c.ReceiveStatus(ctx, 7, connectors.StatusAccepted, "Đã tiếp nhận"); err != nil {
		t.Fatal(err)
	}
	f.mu.Lock()
	st := f.statuses[7]
	f.mu.Unlock()
	if st != "03" {
		t.Errorf("receive status = %q", st)
	}
	if err := c.ReceiveStatus(ctx, 7, "99", ""); !errors.Is(err, connectors.ErrPermanent) {
		t.Errorf("unknown status code: %v", err)
	}
}

func TestZeroOptionsLoggerAndEdxml(t *testing.T) {
	t.Parallel()
	f := newFakePortal(t)
	f.addDoc(5, time.Second)
	// The zero zerolog.Logger is a disabled logger: no panic, no output.
	c, err := New(Options{BaseURL: f.srv.URL, Username: fakeUser, Password: fakePassword})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	b, err := c.Edxml(ctx, 5)
	if err != nil || !bytes.Contains(b, []byte("<DocumentId>5</DocumentId>")) {
		t.Fatalf("Edxml = %q, %v", b, err)
	}
	if _, err := c.Edxml(ctx, 6); !errors.Is(err, connectors.ErrNotFound) {
		t.Errorf("missing edXML: err = %v, want ErrNotFound", err)
	}
	c2 := f.client(t, func(o *Options) { o.MaxDownloadBytes = 50 })
	if _, err := c2.Edxml(ctx, 5); !errors.Is(err, connectors.ErrRefused) {
		t.Errorf("oversized edXML: err = %v, want ErrRefused", err)
	}
}
