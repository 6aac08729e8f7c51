package ioffice

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"cddh-sync/connectors"
	"cddh-sync/connectors/portalsim"
	"cddh-sync/connectors/portalsim/simtest"
)

func TestLoginCachesToken(t *testing.T) {
	t.Parallel()
	p := newPortal(t, portalsim.Options{})
	c := p.client(t, nil)
	ctx := context.Background()
	for range 3 {
		if _, err := c.Units(ctx); err != nil {
			t.Fatalf("Units: %v", err)
		}
	}
	if got := p.tap.Count("login"); got != 1 {
		t.Errorf("logins = %d, want 1 (token cached)", got)
	}
	if got := p.tap.Count("units"); got != 3 {
		t.Errorf("units calls = %d, want 3", got)
	}
}

// The portal refuses bad credentials either way: HTTP 401, or HTTP 200 with
// status.code "401".
func TestWrongPasswordIsUnauthorized(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name        string
		errorsOn200 bool
	}{{"http-401", false}, {"status-code-401", true}} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p := newPortal(t, portalsim.Options{ErrorsOnHTTP200: tc.errorsOn200})
			c := p.client(t, func(o *Options) { o.Password = "wrong" })
			_, err := c.Units(context.Background())
			if !errors.Is(err, connectors.ErrUnauthorized) || !errors.Is(err, connectors.ErrPermanent) {
				t.Fatalf("err = %v, want ErrUnauthorized and ErrPermanent", err)
			}
			if strings.Contains(err.Error(), "wrong") {
				t.Errorf("error leaks the password: %v", err)
			}
			if got := p.tap.Count("login"); got != 1 {
				t.Errorf("logins = %d, want 1 (no retry of bad credentials)", got)
			}
			if got := p.tap.Count("units"); got != 0 {
				t.Errorf("units called %d times without a token", got)
			}
		})
	}
}

// The portal refuses a token either way: HTTP 401, or HTTP 200 with status.code "401".
func TestRefusedTokenRelogsOnce(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		fault portalsim.Fault
	}{{"http-401", portalsim.FaultExpireHTTP}, {"status-code-401", portalsim.FaultExpireCode}} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p := newPortal(t, portalsim.Options{})
			p.inject(t, "units", tc.fault)
			c := p.client(t, nil)
			units, err := c.Units(context.Background())
			if err != nil {
				t.Fatalf("Units: %v", err)
			}
			want := p.sim.Units()
			if len(units) != len(want) || units[0].Code != want[0].Code || units[0].Name != want[0].Name {
				t.Errorf("units = %d, first %+v; want %d, first %+v", len(units), units[0], len(want), want[0])
			}
			if got := p.tap.Count("login"); got != 2 {
				t.Errorf("logins = %d, want 2 (first + one relogin)", got)
			}
			if got := p.tap.Count("units"); got != 2 {
				t.Errorf("calls = %d, want 2 (refused + repeated once)", got)
			}
		})
	}
}

func TestAlwaysRefusedTokenGivesUp(t *testing.T) {
	t.Parallel()
	p := newPortal(t, portalsim.Options{})
	c := p.client(t, nil)
	p.loggedIn(t, c, portalsim.Faults{ExpireTokens: 1}) // every token dies at its first use
	_, err := c.Units(context.Background())
	if !errors.Is(err, connectors.ErrUnauthorized) {
		t.Fatalf("err = %v, want ErrUnauthorized", err)
	}
	if got := p.tap.Count("units"); got != 1+maxRelogins {
		t.Errorf("calls = %d, want %d: the call is repeated after each relogin, not forever", got, 1+maxRelogins)
	}
	if got := p.tap.Count("login"); got != 1+maxRelogins {
		t.Errorf("logins = %d, want %d (first + %d relogins)", got, 1+maxRelogins, maxRelogins)
	}
}

// A session ended again right after the relogin (another request's relogin,
// another login of the account) is opened once more: the call succeeds.
func TestTokenRefusedTwiceInOneCall(t *testing.T) {
	t.Parallel()
	p := newPortal(t, portalsim.Options{})
	p.inject(t, "units", portalsim.FaultExpireHTTP, portalsim.FaultExpireCode)
	c := p.client(t, nil)
	if _, err := c.Units(context.Background()); err != nil {
		t.Fatalf("Units: %v", err)
	}
	if got := p.tap.Count("login"); got != 3 {
		t.Errorf("logins = %d, want 3 (first + two relogins)", got)
	}
	if got := p.tap.Count("units"); got != 3 {
		t.Errorf("calls = %d, want 3", got)
	}
}

func TestTokenExpiry(t *testing.T) {
	t.Parallel()
	p := newPortal(t, portalsim.Options{})
	c := p.client(t, nil)
	ctx := context.Background()
	if _, err := c.Units(ctx); err != nil {
		t.Fatal(err)
	}
	// The portal's clock passes the token's lifetime while the client's does
	// not: the portal refuses a token the client still thinks valid.
	p.clock.Advance(portalsim.DefaultTokenTTL + time.Minute)
	if _, err := c.Units(ctx); err != nil {
		t.Fatalf("after expiry: %v", err)
	}
	if got := p.tap.Count("login"); got != 2 {
		t.Errorf("logins = %d, want 2", got)
	}
	if got := p.tap.Count("units"); got != 3 {
		t.Errorf("calls = %d, want 3 (ok, refused, repeated)", got)
	}

	// A token announced to live 1s is renewed before it dies, without a 401:
	// client and portal share one clock, moved past the lifetime.
	p2 := newPortal(t, portalsim.Options{TokenTTL: time.Second})
	c2 := p2.client(t, nil)
	c2.now = p2.clock.Now
	if _, err := c2.Units(ctx); err != nil {
		t.Fatal(err)
	}
	p2.clock.Advance(1100 * time.Millisecond)
	if _, err := c2.Units(ctx); err != nil {
		t.Fatal(err)
	}
	if got := p2.tap.Count("login"); got != 2 {
		t.Errorf("logins = %d, want 2 (proactive renewal)", got)
	}
	if got := p2.tap.Count("units"); got != 2 {
		t.Errorf("calls = %d, want 2 (no refused call)", got)
	}
}

func TestConcurrentRelogin(t *testing.T) {
	t.Parallel()
	p := newPortal(t, portalsim.Options{})
	c := p.client(t, nil)
	ctx := context.Background()
	if _, err := c.Units(ctx); err != nil {
		t.Fatal(err)
	}
	p.clock.Advance(portalsim.DefaultTokenTTL + time.Minute) // the portal lets the token expire
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if _, err := c.Units(ctx); err != nil {
				t.Errorf("Units: %v", err)
			}
		})
	}
	wg.Wait()
	if got := p.tap.Count("login"); got != 2 {
		t.Errorf("logins = %d: concurrent refusals should share a relogin", got)
	}
}

func TestRetries(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		// Either the simulator's own faults: scripted for the next units calls,
		// or at a rate after login ...
		inject []portalsim.Fault
		rates  portalsim.Faults
		// ... or an exact answer no endpoint gives, `failures` times.
		status     int
		retryAfter string
		failures   int

		maxRetries int
		wantErr    error // nil: success expected
		wantCalls  int
		minElapsed time.Duration
	}{
		{name: "502 then ok", inject: []portalsim.Fault{portalsim.Fault502, portalsim.Fault502}, maxRetries: 3, wantCalls: 3},
		{name: "503 then ok", inject: []portalsim.Fault{portalsim.Fault503}, maxRetries: 3, wantCalls: 2},
		{name: "504 then ok", status: 504, failures: 1, maxRetries: 3, wantCalls: 2},
		{name: "500 then ok", inject: []portalsim.Fault{portalsim.Fault500}, maxRetries: 3, wantCalls: 2},
		{name: "429 honours Retry-After", inject: []portalsim.Fault{portalsim.Fault429}, maxRetries: 3, wantCalls: 2, minElapsed: time.Second},
		{name: "503 honours Retry-After", status: 503, retryAfter: "1", failures: 1, maxRetries: 3, wantCalls: 2, minElapsed: time.Second},
		// MaxRetries 2 means 3 attempts, and a 5xx on the last one is an error.
		{name: "5xx exhausts retries", rates: portalsim.Faults{Error5xx: 1}, maxRetries: 2, wantErr: connectors.ErrRetryable, wantCalls: 3},
		{name: "429 too long to wait", rates: portalsim.Faults{TooMany429: 1, RetryAfter: 3600}, maxRetries: 3, wantErr: connectors.ErrRateLimited, wantCalls: 1},
		{name: "400 not retried", status: 400, failures: 10, maxRetries: 3, wantErr: connectors.ErrPermanent, wantCalls: 1},
		{name: "404 not found", status: 404, failures: 10, maxRetries: 3, wantErr: connectors.ErrNotFound, wantCalls: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := newPortal(t, portalsim.Options{})
			var left atomic.Int32
			left.Store(int32(tt.failures))
			p.tap.SetHook(func(w http.ResponseWriter, r *http.Request, ep string) bool {
				if ep == "units" && left.Add(-1) >= 0 {
					if tt.retryAfter != "" {
						w.Header().Set("Retry-After", tt.retryAfter)
					}
					simtest.WriteEnvelope(w, tt.status, "", "thử lại sau")
					return true
				}
				return false
			})
			c := p.client(t, func(o *Options) { o.MaxRetries = tt.maxRetries; o.MaxRetryAfter = 2 * time.Second })
			p.loggedIn(t, c, tt.rates)
			p.inject(t, "units", tt.inject...)
			start := time.Now()
			_, err := c.Units(context.Background())
			elapsed := time.Since(start)
			if tt.wantErr == nil && err != nil {
				t.Fatalf("err = %v, want success", err)
			}
			if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if got := p.tap.Count("units"); got != tt.wantCalls {
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
	p := newPortal(t, portalsim.Options{})
	c := p.client(t, func(o *Options) { o.Timeout = 150 * time.Millisecond; o.MaxRetries = 1 })
	// Every answer now waits 5s, or until the caller hangs up.
	p.loggedIn(t, c, portalsim.Faults{Slow: 1, SlowDelay: 5 * time.Second})
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
	if got := p.tap.Count("units"); got != 2 {
		t.Errorf("attempts = %d, want 2", got)
	}

	// The caller's deadline bounds the whole call, retries included.
	c2 := p.client(t, func(o *Options) { o.Timeout = 5 * time.Second; o.MaxRetries = 5 })
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
	p := newPortal(t, portalsim.Options{})
	p.inject(t, "units", portalsim.FaultCut, portalsim.FaultCut)
	c := p.client(t, nil)
	units, err := c.Units(context.Background())
	if err != nil {
		t.Fatalf("Units: %v", err)
	}
	if want := len(p.sim.Units()); len(units) != want {
		t.Errorf("units = %d, want %d", len(units), want)
	}
	if got := p.tap.Count("units"); got != 3 {
		t.Errorf("attempts = %d, want 3", got)
	}
}

func TestMalformedJSON(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		// The simulator's own malformed answer (cut short, stray bytes),
		// scripted once or at rate 1; or a given body, always.
		once, always bool
		body         string
	}{
		{name: "truncated, once", once: true},
		{name: "truncated, always", always: true},
		{name: "html error page, always", body: `<html><body>502 Bad Gateway</body></html>`},
		{name: "no status, always", body: `{"data":[]}`},
		{name: "wrong data shape, always", body: `{"status":{"code":"0"},"data":{"items":"x"}}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p := newPortal(t, portalsim.Options{})
			if tc.body != "" {
				p.tap.SetHook(func(w http.ResponseWriter, r *http.Request, ep string) bool {
					if ep == "units" {
						w.Header().Set("Content-Type", "application/json")
						w.Write([]byte(tc.body))
						return true
					}
					return false
				})
			}
			var logs bytes.Buffer
			c := p.client(t, func(o *Options) { o.Logger = zerolog.New(&logs); o.MaxRetries = 2 })
			rates := portalsim.Faults{}
			if tc.always {
				rates.MalformedJSON = 1
			}
			p.loggedIn(t, c, rates)
			if tc.once {
				p.inject(t, "units", portalsim.FaultMalformed)
			}
			_, err := c.Units(context.Background())
			if tc.once {
				if err != nil {
					t.Fatalf("a single malformed answer should be retried: %v", err)
				}
				if got := p.tap.Count("units"); got != 2 {
					t.Errorf("calls = %d, want 2", got)
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
	p := newPortal(t, portalsim.Options{ErrorsOnHTTP200: true})
	c := p.client(t, nil)
	_, err := c.Detail(context.Background(), 999999) // HTTP 200 + status.code "404"
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
	p := newPortal(t, portalsim.Options{})
	c := p.client(t, func(o *Options) {
		o.MaxRetries = -1 // one attempt per call
		o.BreakerThreshold = 3
		o.BreakerCooldown = 200 * time.Millisecond
	})
	c.now = p.clock.Now // the cool-down passes when the test says
	p.loggedIn(t, c, portalsim.Faults{Error5xx: 1})
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
	if got := p.tap.Count("units"); got != 3 {
		t.Errorf("portal called %d times, want 3: an open circuit must not call it", got)
	}
	if ra, ok := connectors.RetryAfter(err); !ok || ra <= 0 || ra > 200*time.Millisecond {
		t.Errorf("RetryAfter = %v, %v", ra, ok)
	}
	p.clock.Advance(250 * time.Millisecond)
	if err := p.sim.SetFaults(portalsim.Faults{}); err != nil {
		t.Fatal(err)
	}
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
	p := newPortal(t, portalsim.Options{Latency: 30 * time.Millisecond})
	c := p.client(t, func(o *Options) { o.RateLimit = 20; o.Concurrency = 2 })
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
	if got := p.tap.MaxInFlight(); got > 2 {
		t.Errorf("%d requests in flight, limit 2", got)
	}
}

// Credentials and tokens never reach the log or an error, whatever happens.
func TestNoSecretsInLogs(t *testing.T) {
	t.Parallel()
	p := newPortal(t, portalsim.Options{})
	// The second units call finds its token expired, the relogged repeat gets
	// malformed JSON, and a later one is cut mid-body.
	p.inject(t, "units", portalsim.FaultNone, portalsim.FaultExpireHTTP, portalsim.FaultMalformed,
		portalsim.FaultNone, portalsim.FaultCut)
	var logs bytes.Buffer
	c := p.client(t, func(o *Options) { o.Logger = zerolog.New(&logs).Level(zerolog.TraceLevel) })
	ctx := context.Background()
	var errs []error
	for range 6 {
		_, err := c.Units(ctx)
		errs = append(errs, err)
	}
	_, password := p.sim.Credentials()
	bad := p.client(t, func(o *Options) {
		o.Logger = zerolog.New(&logs).Level(zerolog.TraceLevel)
		o.Password = password + "x"
	})
	errs = append(errs, bad.Login(ctx))
	if !strings.Contains(logs.String(), `"event":"portal.request"`) {
		t.Fatalf("requests were not logged at debug level:\n%s", logs.String())
	}
	if got := p.tap.Count("login"); got != 3 {
		t.Errorf("logins = %d, want 3 (first, relogin, bad password)", got)
	}
	secrets := append([]string{password}, p.tap.Tokens()...)
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
	p := newPortal(t, portalsim.Options{})
	plan := p.addDoc(t, 0, portalsim.Document{Notation: "12/KH-UBND", Type: "Kế hoạch", Subject: "Kế hoạch phòng, chống thiên tai",
		Body: "Kế hoạch ...", IssuedAt: time.Date(2026, 2, 1, 9, 0, 0, 0, connectors.Zone)})
	id := p.addDoc(t, time.Second, portalsim.Document{
		Notation: "45/TB-UBND", Type: "Thông báo", Subject: "Thông báo kết luận của Chủ tịch UBND tỉnh",
		Body:       "Giao Sở Tài chính chủ trì ...",
		IssuerName: "UBND tỉnh Đồng Tháp", IssuerCode: portalsim.CodeProvince,
		IssuedAt: time.Date(2026, 3, 10, 14, 30, 0, 0, connectors.Zone), Due: time.Date(2026, 3, 20, 0, 0, 0, 0, connectors.Zone),
		Signer: "Trần Văn B", SignerTitle: "Phó Chủ tịch", SubmittingUnit: "Sở Tài chính", Tracker: "Phạm D",
		Urgency: portalsim.UrgencyUrgent, Related: []int64{plan}, HasEdxml: true, Directive: true,
	})
	c := p.client(t, nil)
	ctx := context.Background()
	doc, err := c.Detail(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	want := connectors.Document{ID: id, Reference: "45/TB-UBND", Number: "45", Notation: "TB-UBND", Type: "Thông báo",
		Issuer: connectors.Issuer{Code: portalsim.CodeProvince, Name: "UBND tỉnh Đồng Tháp"}, Urgency: "Khẩn", State: connectors.StateIssued,
		Version: 1, HasEdxml: true, SignerTitle: "Phó Chủ tịch", SubmittingUnit: "Sở Tài chính", Tracker: "Phạm D"}
	if doc.ID != want.ID || doc.Number != want.Number || doc.Notation != want.Notation || doc.Issuer != want.Issuer ||
		doc.State != want.State || doc.HasEdxml != want.HasEdxml || doc.SignerTitle != want.SignerTitle ||
		doc.SubmittingUnit != want.SubmittingUnit || doc.Tracker != want.Tracker || doc.Urgency != want.Urgency ||
		doc.Version != want.Version || doc.Type != want.Type {
		t.Errorf("detail = %+v", doc)
	}
	if !doc.IssuedAt.Equal(time.Date(2026, 3, 10, 14, 30, 0, 0, connectors.Zone)) || !doc.DueDate.Equal(time.Date(2026, 3, 20, 0, 0, 0, 0, connectors.Zone)) {
		t.Errorf("dates: issued %v due %v", doc.IssuedAt, doc.DueDate)
	}
	if len(doc.Related) != 1 || doc.Related[0].Number != "12" || doc.Related[0].Notation != "KH-UBND" {
		t.Errorf("related = %+v", doc.Related)
	}

	// The clerk feed, read from an id on: register a task, let clerks act on it.
	if _, err := c.PutTask(ctx, connectors.TaskRecord{Key: "NV-1", DocumentID: id, Reference: "45/TB-UBND",
		Content: "Giao Sở Tài chính chủ trì", Lead: connectors.UnitRef{Code: "000.00.12.H20", Name: "Sở Tài chính"},
		Due: time.Date(2026, 3, 20, 23, 59, 59, 0, connectors.Zone), Status: "Đang thực hiện"}); err != nil {
		t.Fatal(err)
	}
	approval := p.addDoc(t, time.Second, portalsim.Document{Notation: "99/UBND-KT", Type: "Công văn", Subject: "Về việc gia hạn", Body: "Đồng ý gia hạn."})
	var ids []int64
	for _, a := range []portalsim.Action{
		{TaskKey: "NV-1", Kind: portalsim.ActionAcknowledge, DocumentID: id},
		{TaskKey: "NV-1", Kind: portalsim.ActionAcknowledge, DocumentID: id},
		{TaskKey: "NV-1", Kind: portalsim.ActionExtend, DocumentID: approval, NewDue: "30/04/2026"},
	} {
		aid, err := p.sim.AppendAction(a)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, aid)
	}
	acts, err := c.Actions(ctx, ids[1], 100)
	if err != nil {
		t.Fatal(err)
	}
	if len(acts) != 2 || acts[0].ID != ids[1] || acts[1].ID != ids[2] || acts[1].Kind != connectors.ActionExtend || !acts[1].Kind.Known() ||
		!acts[1].NewDue.Equal(time.Date(2026, 4, 30, 0, 0, 0, 0, connectors.Zone)) || acts[1].NewDueHasTime || acts[1].DocumentID != approval {
		t.Errorf("actions = %+v (ids %v)", acts, ids)
	}

	// receive_status applies to an incoming document.
	report, err := p.sim.AddReport(portalsim.CodeOffice, "15/BC-VP", "Báo cáo kết quả", "Nội dung báo cáo.", time.Time{}, id)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.ReceiveStatus(ctx, report, connectors.StatusAccepted, "Đã tiếp nhận"); err != nil {
		t.Fatal(err)
	}
	if st := p.document(t, report).ReceiveStatus; st != "03" {
		t.Errorf("receive status = %q", st)
	}
	if err := c.ReceiveStatus(ctx, report, "99", ""); !errors.Is(err, connectors.ErrPermanent) {
		t.Errorf("unknown status code: %v", err)
	}
}

func TestZeroOptionsLoggerAndEdxml(t *testing.T) {
	t.Parallel()
	p := newPortal(t, portalsim.Options{})
	withEdxml := p.addDoc(t, 0, portalsim.Document{HasEdxml: true})
	without := p.addDoc(t, 0, portalsim.Document{})
	d := p.document(t, withEdxml)
	user, pass := p.sim.Credentials()
	// The zero zerolog.Logger is a disabled logger: no panic, no output.
	c, err := New(Options{BaseURL: p.url, Username: user, Password: pass})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	b, err := c.Edxml(ctx, withEdxml)
	wantID := fmt.Sprintf("<edXML:DocumentId>%s.%d.%s</edXML:DocumentId>", d.IssuerCode, d.ID, d.Date.Format("20060102"))
	if err != nil || !bytes.Contains(b, []byte(wantID)) {
		t.Fatalf("Edxml = %q, %v; want it to hold %s", b, err, wantID)
	}
	if _, err := c.Edxml(ctx, without); !errors.Is(err, connectors.ErrNotFound) {
		t.Errorf("missing edXML: err = %v, want ErrNotFound", err)
	}
	c2 := p.client(t, func(o *Options) { o.MaxDownloadBytes = 50 })
	if _, err := c2.Edxml(ctx, withEdxml); !errors.Is(err, connectors.ErrRefused) {
		t.Errorf("oversized edXML: err = %v, want ErrRefused", err)
	}
}
