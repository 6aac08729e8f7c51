package ioffice

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/go-resty/resty/v2"
	"github.com/rs/zerolog"
	"golang.org/x/time/rate"

	"cddh-sync/connectors"
)

// apiPath is the portal's context path (portal-api.md).
const apiPath = "/qlvb/api"

// Client speaks the iOffice-style REST dialect. It is safe for concurrent use.
type Client struct {
	opts      Options
	rc        *resty.Client
	transport *http.Transport
	log       zerolog.Logger
	limiter   *rate.Limiter
	sem       chan struct{}
	breaker   *breaker
	now       func() time.Time

	// authLock is a one-slot semaphore rather than a mutex so that waiting for
	// another goroutine's login honours the caller's context.
	authLock    chan struct{}
	token       string    // guarded by authLock
	tokenExpiry time.Time // renew before this; zero: until refused

	memMu      sync.Mutex
	memo       map[string]fileMemo // file id -> what Detail said about it
	secretDocs map[int64]bool      // document id -> secret, from Detail and Search
}

// fileMemo is what Detail told us about a file, checked at download time.
type fileMemo struct {
	docID  int64
	secret bool
	sha256 string
	size   int64
}

// memoLimit bounds the Detail memory; it is cleared when full (a forgotten
// file is still downloaded, only without the checksum comparison).
const memoLimit = 20000

// New builds a Client. It does not contact the portal.
func New(opts Options) (*Client, error) {
	o, err := opts.withDefaults()
	if err != nil {
		return nil, fmt.Errorf("ioffice: %w", err)
	}
	tlsConf := &tls.Config{MinVersion: tls.VersionTLS12, InsecureSkipVerify: o.InsecureSkipVerify} //nolint:gosec // opt-in, documented
	if o.CAFile != "" {
		pem, err := os.ReadFile(o.CAFile)
		if err != nil {
			return nil, fmt.Errorf("ioffice: portal.ca_file: %w", err)
		}
		pool, err := x509.SystemCertPool()
		if err != nil || pool == nil {
			pool = x509.NewCertPool()
		}
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("ioffice: portal.ca_file %s holds no PEM certificate", o.CAFile)
		}
		tlsConf.RootCAs = pool
	}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.TLSClientConfig = tlsConf
	tr.MaxIdleConnsPerHost = o.Concurrency
	u, _ := url.Parse(o.BaseURL) // validated by withDefaults

	rc := resty.New().
		SetTransport(tr).
		SetBaseURL(o.BaseURL+apiPath).
		SetRetryCount(0). // the retry loop is ours: see doc.go
		SetLogger(discardLogger{}).
		SetRedirectPolicy(resty.DomainCheckRedirectPolicy(u.Hostname())).
		SetHeader("User-Agent", "cddh-sync").
		SetHeader("Accept", "application/json")

	c := &Client{
		opts:       o,
		rc:         rc,
		log:        o.Logger.With().Str("component", "ioffice").Logger(),
		limiter:    rate.NewLimiter(rate.Limit(o.RateLimit), 1),
		sem:        make(chan struct{}, o.Concurrency),
		now:        time.Now,
		authLock:   make(chan struct{}, 1),
		memo:       map[string]fileMemo{},
		secretDocs: map[int64]bool{},
	}
	c.breaker = newBreaker(o.BreakerThreshold, o.BreakerCooldown, func() time.Time { return c.now() })
	c.transport = tr
	return c, nil
}

// Close releases the client's idle connections to the portal; calls in flight
// finish first. The daemon calls it when it stops, so no connection (and no
// goroutine reading it) outlives the process's work.
func (c *Client) Close() { c.transport.CloseIdleConnections() }

// discardLogger keeps resty silent: its messages could quote requests.
type discardLogger struct{}

func (discardLogger) Errorf(string, ...any) {}
func (discardLogger) Warnf(string, ...any)  {}
func (discardLogger) Debugf(string, ...any) {}

var _ connectors.Portal = (*Client)(nil)

// call describes one logical request.
type call struct {
	op         string     // "search", "detail", ...
	method     string     // http.MethodGet, ...
	path       string     // below /qlvb/api, with ids filled in
	endpoint   string     // the path template, for logs and errors
	query      url.Values // may be nil
	body       any        // JSON body, may be nil
	idempotent bool       // safe to repeat after an unknown outcome
	noAuth     bool       // login itself
	stream     bool       // large body: idle timeout instead of a whole-attempt one
}

// verdict is what one attempt came to.
type verdict int

const (
	vSuccess verdict = iota
	vRetry           // transient: try again
	vRelogin         // the token was refused
	vFail            // permanent: stop
	vUnknown         // a non-idempotent write may have been applied
)

// attemptError carries one attempt's failure and what to do about it.
type attemptError struct {
	err     *connectors.Error
	verdict verdict
	healthy bool   // the portal answered coherently (for the circuit breaker)
	token   string // the token the attempt sent ("" without one)
}

// bodyFunc consumes a successful (2xx) response body within the attempt, so a
// cut or a malformed body is retried like any other transient failure.
type bodyFunc func(resp *http.Response, body io.Reader) error

// errBody wraps a bodyFunc's own verdict on the content.
type errBody struct {
	kind error // connectors class
	msg  string
	err  error
}

func (e *errBody) Error() string { return e.msg + ": " + fmt.Sprint(e.err) }
func (e *errBody) Unwrap() error { return e.err }

// maxRelogins is how often one call logs in again after its token was refused.
// Twice, not once: the session another request's relogin just opened can be
// ended before this call uses it (iOffice ends an account's older session when
// it logs in elsewhere; the simulator's expiry strikes any request), and one
// such refusal must not fail a whole stream (TestFaultsConvergeInTwoRuns saw a
// search refused twice end `sync --once` with exit 3). A portal that refuses
// every token still gets only maxRelogins+1 tries of the call.
const maxRelogins = 2

// do runs a call with rate limiting, the concurrency limit, the circuit breaker,
// relogin (up to maxRelogins) and retries. consume reads a 2xx body.
func (c *Client) do(ctx context.Context, cl call, consume bodyFunc) error {
	relogins := 0
	var last *connectors.Error
	for attempt := 0; ; attempt++ {
		ae := c.attempt(ctx, cl, attempt, consume)
		if ae == nil {
			return nil
		}
		last = ae.err
		switch ae.verdict {
		case vSuccess:
			return nil
		case vFail, vUnknown:
			return ae.err
		case vRelogin:
			if relogins == maxRelogins || cl.noAuth {
				ae.err.Kind = connectors.ErrUnauthorized
				return ae.err
			}
			relogins++
			if err := c.relogin(ctx, ae.token); err != nil {
				return err
			}
			attempt-- // a relogin does not use up a retry
			continue
		}
		// vRetry
		if attempt >= c.opts.MaxRetries {
			return last
		}
		wait := c.backoff(attempt)
		if ra := last.RetryAfter; ra > 0 {
			if ra > c.opts.MaxRetryAfter {
				return last // too long to hold the caller: the engine reschedules
			}
			wait = ra
		}
		if dl, ok := ctx.Deadline(); ok && c.now().Add(wait).After(dl) {
			return last
		}
		c.log.Debug().Str("event", "portal.retry").Str("op", cl.op).Str("endpoint", cl.endpoint).
			Int("attempt", attempt+1).Dur("wait", wait).Str("reason", last.Error()).Msg("retrying")
		if err := sleep(ctx, wait); err != nil {
			return last
		}
	}
}

// backoff is "full jitter": uniform in [0, min(MaxBackoff, BaseBackoff·2^attempt)).
func (c *Client) backoff(attempt int) time.Duration {
	ceiling := c.opts.MaxBackoff
	if attempt < 30 {
		if d := c.opts.BaseBackoff << attempt; d > 0 && d < ceiling {
			ceiling = d
		}
	}
	if ceiling <= 0 {
		return 0
	}
	return rand.N(ceiling)
}

func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// attempt sends one request and classifies the outcome; nil means success.
func (c *Client) attempt(ctx context.Context, cl call, n int, consume bodyFunc) (ae *attemptError) {
	token := ""
	defer func() {
		if ae != nil {
			ae.token = token
		}
	}()
	mkErr := func(kind error, status int, msg string, cause error) *connectors.Error {
		return &connectors.Error{Kind: kind, Op: cl.op, Endpoint: cl.method + " " + cl.endpoint, HTTPStatus: status, Message: msg, Err: cause}
	}
	if err := ctx.Err(); err != nil {
		return &attemptError{err: mkErr(connectors.ErrRetryable, 0, "cancelled", err), verdict: vFail, healthy: true}
	}
	// The token first: a login is a call of its own, with its own attempts, its
	// own pass through the breaker and its own concurrency slot.
	if !cl.noAuth {
		t, err := c.currentToken(ctx)
		if err != nil {
			var ce *connectors.Error
			if errors.As(err, &ce) {
				return &attemptError{err: ce, verdict: vFail}
			}
			return &attemptError{err: mkErr(connectors.ErrRetryable, 0, "login", err), verdict: vFail}
		}
		token = t
	}
	if ok, wait := c.breaker.allow(); !ok {
		e := mkErr(connectors.ErrRetryable, 0,
			fmt.Sprintf("circuit open after %d consecutive failures: the portal is not called until the cool-down ends", c.opts.BreakerThreshold), nil)
		e.RetryAfter = wait
		return &attemptError{err: e, verdict: vFail}
	}
	outcome := c.send(ctx, cl, n, token, consume, mkErr)
	switch {
	case outcome != nil && errors.Is(outcome.err.Err, context.Canceled) && ctx.Err() != nil,
		outcome != nil && errors.Is(outcome.err.Err, context.DeadlineExceeded) && ctx.Err() != nil:
		// The caller gave up: no verdict on the portal's health.
		c.breaker.release()
	default:
		healthy := outcome == nil || outcome.healthy
		if from, to := c.breaker.record(healthy); from != to {
			c.log.Warn().Str("event", "portal.breaker").Str("from", string(from)).Str("to", string(to)).Msg("circuit breaker changed state")
		}
	}
	return outcome
}

// send performs the HTTP exchange of one attempt.
func (c *Client) send(ctx context.Context, cl call, n int, token string, consume bodyFunc,
	mkErr func(error, int, string, error) *connectors.Error) *attemptError {
	// Politeness: rate, then a concurrency slot, both bounded by ctx.
	if err := c.limiter.Wait(ctx); err != nil {
		return &attemptError{err: mkErr(connectors.ErrRetryable, 0, "waiting for the rate limiter", err), verdict: vFail, healthy: true}
	}
	select {
	case c.sem <- struct{}{}:
	case <-ctx.Done():
		return &attemptError{err: mkErr(connectors.ErrRetryable, 0, "waiting for a connection slot", ctx.Err()), verdict: vFail, healthy: true}
	}
	defer func() { <-c.sem }()

	actx, cancel := context.WithCancel(ctx)
	defer cancel()
	// Whole-attempt timeout for ordinary calls; for streams a watchdog that each
	// read re-arms, so a large file that keeps flowing is not cut.
	watchdog := time.AfterFunc(c.opts.Timeout, cancel)
	defer watchdog.Stop()
	timedOut := func() bool { return actx.Err() != nil && ctx.Err() == nil }

	req := c.rc.R().SetContext(actx).SetDoNotParseResponse(true)
	if token != "" {
		req.SetHeader("X-Authentication-Token", token)
	}
	if cl.query != nil {
		req.SetQueryParamsFromValues(cl.query)
	}
	if cl.body != nil {
		req.SetHeader("Content-Type", "application/json; charset=utf-8").SetBody(cl.body)
	}
	start := c.now()
	resp, err := req.Execute(cl.method, cl.path)
	logEv := func(status int, outcome string) {
		c.log.Debug().Str("event", "portal.request").Str("op", cl.op).Str("method", cl.method).
			Str("endpoint", cl.endpoint).Int("attempt", n+1).Int("status", status).
			Int64("duration_ms", c.now().Sub(start).Milliseconds()).Str("outcome", outcome).Msg("portal request")
	}
	if err != nil {
		if resp != nil && resp.RawBody() != nil {
			resp.RawBody().Close()
		}
		cause := sanitizeTransportErr(err)
		msg := "transport error"
		if timedOut() {
			msg = fmt.Sprintf("no answer within %s", c.opts.Timeout)
		}
		logEv(0, msg)
		v := vRetry
		if !cl.idempotent && !neverSent(err) {
			v = vUnknown
			return &attemptError{err: mkErr(connectors.ErrUnknownOutcome, 0, msg+"; the write may have been applied", cause), verdict: v}
		}
		if ctx.Err() != nil {
			v = vFail
		}
		return &attemptError{err: mkErr(connectors.ErrRetryable, 0, msg, cause), verdict: v}
	}
	raw := resp.RawBody()
	defer raw.Close()
	status := resp.StatusCode()
	// Ordinary calls: the watchdog is never re-armed, so the timeout covers the
	// whole attempt, body included.
	body := io.Reader(raw)
	if cl.stream {
		body = &watchReader{r: raw, rearm: func() { watchdog.Reset(c.opts.Timeout) }}
	}

	if ae := c.classifyStatus(cl, status, resp.Header(), body, mkErr); ae != nil {
		logEv(status, ae.err.Message)
		return ae
	}
	if err := consume(resp.RawResponse, body); err != nil {
		return c.classifyBodyErr(ctx, cl, status, err, timedOut(), mkErr, logEv)
	}
	logEv(status, "ok")
	return nil
}

// classifyBodyErr turns a failure while reading or judging a 2xx body into a verdict.
func (c *Client) classifyBodyErr(ctx context.Context, cl call, status int, err error, timedOut bool,
	mkErr func(error, int, string, error) *connectors.Error, logEv func(int, string)) *attemptError {
	var be *errBody
	if errors.As(err, &be) {
		e := mkErr(be.kind, status, be.msg, be.err)
		var ce *connectors.Error
		if errors.As(be.err, &ce) { // an envelope status the body carried
			e = ce
		}
		logEv(status, be.msg)
		switch {
		case be.kind == errReloginKind:
			return &attemptError{err: e, verdict: vRelogin, healthy: true}
		case errors.Is(be.err, errMalformed):
			c.log.Warn().Str("event", "portal.malformed").Str("op", cl.op).Str("endpoint", cl.method+" "+cl.endpoint).
				Int("status", status).Str("error", be.err.Error()).Msg("portal answer does not follow the contract")
			if !cl.idempotent {
				e.Kind = connectors.ErrUnknownOutcome
				e.Message += "; the write may have been applied"
				return &attemptError{err: e, verdict: vUnknown}
			}
			return &attemptError{err: e, verdict: vRetry}
		case be.kind == connectors.ErrRetryable || be.kind == connectors.ErrRateLimited:
			if !cl.idempotent {
				e.Kind = connectors.ErrUnknownOutcome
				return &attemptError{err: e, verdict: vUnknown}
			}
			return &attemptError{err: e, verdict: vRetry, healthy: be.kind == connectors.ErrRateLimited}
		default:
			return &attemptError{err: e, verdict: vFail, healthy: true}
		}
	}
	// A read error: the connection was cut or the attempt timed out mid-body.
	msg := "answer cut off"
	if timedOut {
		msg = fmt.Sprintf("answer stalled for %s", c.opts.Timeout)
	}
	logEv(status, msg)
	cause := sanitizeTransportErr(err)
	if !cl.idempotent {
		return &attemptError{err: mkErr(connectors.ErrUnknownOutcome, status, msg+"; the write was received and may have been applied", cause), verdict: vUnknown}
	}
	v := vRetry
	if ctx.Err() != nil {
		v = vFail
	}
	return &attemptError{err: mkErr(connectors.ErrRetryable, status, msg, cause), verdict: v}
}

// errReloginKind marks an envelope that says the token is no longer valid.
var errReloginKind = errors.New("token refused")

// classifyStatus judges the HTTP status line; nil means 2xx, read the body.
func (c *Client) classifyStatus(cl call, status int, h http.Header, body io.Reader,
	mkErr func(error, int, string, error) *connectors.Error) *attemptError {
	if status >= 200 && status < 300 {
		return nil
	}
	// Drain a little so the connection can be reused; the content is not logged.
	msg := http.StatusText(status)
	if b, _ := io.ReadAll(io.LimitReader(body, 4096)); len(b) > 0 {
		if _, _, m, err := decodeEnvelope(b); err == nil && m != "" {
			msg = m
		}
	}
	ra := parseRetryAfter(h.Get("Retry-After"), c.now())
	switch {
	case status == http.StatusUnauthorized:
		return &attemptError{err: mkErr(connectors.ErrUnauthorized, status, msg, nil), verdict: vRelogin, healthy: true}
	case status == http.StatusTooManyRequests || (status == http.StatusServiceUnavailable && ra > 0):
		e := mkErr(connectors.ErrRateLimited, status, msg, nil)
		e.RetryAfter = ra
		// Refused before processing: safe to repeat even a comment.
		return &attemptError{err: e, verdict: vRetry, healthy: status == http.StatusTooManyRequests}
	case status == http.StatusServiceUnavailable:
		return &attemptError{err: mkErr(connectors.ErrRetryable, status, msg, nil), verdict: vRetry}
	case status >= 500 || status == http.StatusRequestTimeout:
		if !cl.idempotent {
			// A gateway error or a crash: the portal may have written the comment.
			return &attemptError{err: mkErr(connectors.ErrUnknownOutcome, status, msg+"; the write may have been applied", nil), verdict: vUnknown}
		}
		return &attemptError{err: mkErr(connectors.ErrRetryable, status, msg, nil), verdict: vRetry}
	case status == http.StatusNotFound:
		return &attemptError{err: mkErr(connectors.ErrNotFound, status, msg, nil), verdict: vFail, healthy: true}
	case status == http.StatusForbidden:
		return &attemptError{err: mkErr(connectors.ErrUnauthorized, status, msg, nil), verdict: vFail, healthy: true}
	default:
		return &attemptError{err: mkErr(connectors.ErrPermanent, status, msg, nil), verdict: vFail, healthy: true}
	}
}

// parseRetryAfter reads delay-seconds or an HTTP date; 0 when absent or bad.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(v); err == nil {
		if s < 0 {
			return 0
		}
		return time.Duration(min(s, 24*3600)) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(now); d > 0 {
			return d
		}
	}
	return 0
}

// envelopeError classifies a status.code other than "0" on an HTTP 2xx.
func envelopeError(op, endpoint, code, message string) *errBody {
	e := &connectors.Error{Op: op, Endpoint: endpoint, HTTPStatus: http.StatusOK, Code: code, Message: message}
	n, _ := strconv.Atoi(code)
	switch {
	case n == 401:
		e.Kind = connectors.ErrUnauthorized
		return &errBody{kind: errReloginKind, msg: "token refused", err: e}
	case n == 403:
		e.Kind = connectors.ErrUnauthorized
	case n == 404:
		e.Kind = connectors.ErrNotFound
	case n == 429:
		e.Kind = connectors.ErrRateLimited
	case n >= 500:
		e.Kind = connectors.ErrRetryable
	default:
		e.Kind = connectors.ErrPermanent
	}
	return &errBody{kind: e.Kind, msg: "portal status.code " + code, err: e}
}

// getJSON runs a call and returns the envelope's data.
func (c *Client) callJSON(ctx context.Context, cl call) (json.RawMessage, error) {
	var data json.RawMessage
	err := c.do(ctx, cl, func(_ *http.Response, body io.Reader) error {
		b, err := io.ReadAll(io.LimitReader(body, c.opts.MaxJSONBytes+1))
		if err != nil {
			return err // a cut: retried by the caller
		}
		if int64(len(b)) > c.opts.MaxJSONBytes {
			return &errBody{kind: connectors.ErrPermanent, msg: "answer too large", err: fmt.Errorf("more than %d bytes", c.opts.MaxJSONBytes)}
		}
		d, code, msg, err := decodeEnvelope(b)
		if err != nil {
			return &errBody{kind: connectors.ErrRetryable, msg: "malformed JSON", err: err}
		}
		if code != "0" {
			return envelopeError(cl.op, cl.method+" "+cl.endpoint, code, msg)
		}
		data = d
		return nil
	})
	return data, err
}

// malformed wraps a decode failure of an envelope's data as a Retryable error
// and logs it with the endpoint (the content is never logged).
func (c *Client) malformed(cl call, err error) error {
	c.log.Warn().Str("event", "portal.malformed").Str("op", cl.op).Str("endpoint", cl.method+" "+cl.endpoint).
		Str("error", err.Error()).Msg("portal answer does not follow the contract")
	return &connectors.Error{Kind: connectors.ErrRetryable, Op: cl.op, Endpoint: cl.method + " " + cl.endpoint,
		HTTPStatus: http.StatusOK, Message: "malformed data", Err: err}
}

func (c *Client) logIssues(cl call, id int64, issues []fieldIssue) {
	for _, is := range issues {
		c.log.Warn().Str("event", "portal.field_invalid").Str("op", cl.op).Str("endpoint", cl.endpoint).
			Int64("id", id).Str("field", is.Field).Str("error", is.Err.Error()).Msg("field left empty")
	}
}

// watchReader re-arms the stall watchdog on every read that makes progress.
type watchReader struct {
	r     io.Reader
	rearm func()
}

func (w *watchReader) Read(p []byte) (int, error) {
	n, err := w.r.Read(p)
	if n > 0 {
		w.rearm()
	}
	return n, err
}

// neverSent reports whether a transport error happened before the request
// could reach the portal (so even a comment is safe to repeat).
func neverSent(err error) bool {
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "dial" {
		return true
	}
	var dns *net.DNSError
	if errors.As(err, &dns) {
		return true
	}
	return errors.Is(err, syscall.ECONNREFUSED)
}

// sanitizeTransportErr drops the URL from *url.Error: it is not secret today,
// but keeping errors free of request details means no future query parameter
// can leak through them.
func sanitizeTransportErr(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return fmt.Errorf("%s: %w", ue.Op, ue.Err)
	}
	return err
}
