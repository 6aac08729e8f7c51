// Package simtest starts the portal simulator for a test: one call serves it on a
// loopback socket for the test's lifetime. It also holds the small pieces tests
// put around it: a clock they move by hand, and Tap, a middleware that counts
// requests per endpoint and lets a test act at an exact request.
//
//	sim, url := simtest.Start(t, portalsim.Options{Seed: 1, Documents: 40})
//	user, pass := sim.Credentials()
//	client, _ := ioffice.New(ioffice.Options{BaseURL: url, Username: user, Password: pass})
//
// Faults at an exact request are scripted on the simulator itself
// (Sim.Inject); Tap is for what only a middleware can do: count, observe, or
// answer in a way no portal endpoint does.
package simtest

import (
	"context"
	"encoding/json"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"time"

	"cddh-sync/connectors/portalsim"
)

// Start builds a simulator from opts and serves it on 127.0.0.1 (a free port)
// until the test ends. It returns the simulator and the base URL to give the
// adapter (without /qlvb/api). Each wrap, when given, is put around the
// simulator's handler, the first innermost.
func Start(t testing.TB, opts portalsim.Options, wrap ...func(http.Handler) http.Handler) (*portalsim.Sim, string) {
	t.Helper()
	sim, err := portalsim.New(opts)
	if err != nil {
		t.Fatalf("portalsim.New: %v", err)
	}
	h := sim.Handler()
	for _, w := range wrap {
		h = w(h)
	}
	// Requests still in flight when the test ends (a slow answer) are cancelled,
	// so the server closes at once.
	ctx, cancel := context.WithCancel(context.Background())
	srv := httptest.NewUnstartedServer(h)
	srv.Config.BaseContext = func(net.Listener) context.Context { return ctx }
	srv.Start()
	t.Cleanup(func() { cancel(); srv.Close() })
	return sim, srv.URL
}

// Clock is a clock a test moves by hand; give its Now to portalsim.Options.Clock
// (and to the code under test) so that token lifetimes and update times move only
// when the test says. Safe for concurrent use.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// NewClock returns a clock showing start.
func NewClock(start time.Time) *Clock { return &Clock{t: start} }

// Now returns the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Advance moves the clock forward by d.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// Tap is a middleware in front of a simulator: it counts requests per endpoint
// (portalsim.EndpointName), tracks how many are in flight, records the tokens
// callers sent, and runs the hook, when one is set, before the simulator sees
// the request. The zero value is ready; put Wrap in Start's wrap list.
type Tap struct {
	mu          sync.Mutex
	counts      map[string]int
	inFlight    int
	maxInFlight int
	tokens      []string
	hook        func(w http.ResponseWriter, r *http.Request, endpoint string) bool
}

// SetHook sets the function run first for every request with its endpoint name.
// It may act on the simulator, change the request, or answer it itself and
// return true, in which case the simulator never sees the request.
func (tp *Tap) SetHook(hook func(w http.ResponseWriter, r *http.Request, endpoint string) bool) {
	tp.mu.Lock()
	defer tp.mu.Unlock()
	tp.hook = hook
}

// Wrap returns next behind the tap.
func (tp *Tap) Wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ep := portalsim.EndpointName(r)
		tp.mu.Lock()
		if tp.counts == nil {
			tp.counts = map[string]int{}
		}
		tp.counts[ep]++
		tp.inFlight++
		tp.maxInFlight = max(tp.maxInFlight, tp.inFlight)
		if tok := r.Header.Get("X-Authentication-Token"); tok != "" && !slices.Contains(tp.tokens, tok) {
			tp.tokens = append(tp.tokens, tok)
		}
		hook := tp.hook
		tp.mu.Unlock()
		defer func() {
			tp.mu.Lock()
			tp.inFlight--
			tp.mu.Unlock()
		}()
		if hook != nil && hook(w, r, ep) {
			return
		}
		next.ServeHTTP(w, r)
	})
}

// Count returns how many requests reached the tap for one endpoint ("" counts
// requests no route matches).
func (tp *Tap) Count(endpoint string) int {
	tp.mu.Lock()
	defer tp.mu.Unlock()
	return tp.counts[endpoint]
}

// MaxInFlight is the most requests the tap saw in progress at once.
func (tp *Tap) MaxInFlight() int {
	tp.mu.Lock()
	defer tp.mu.Unlock()
	return tp.maxInFlight
}

// Tokens lists the distinct X-Authentication-Token values callers sent, in
// order of first use.
func (tp *Tap) Tokens() []string {
	tp.mu.Lock()
	defer tp.mu.Unlock()
	return slices.Clone(tp.tokens)
}

// WriteEnvelope answers with the portal's envelope {"status":{code,message},
// "data":null} and the given HTTP status, for a hook that answers itself.
func WriteEnvelope(w http.ResponseWriter, httpStatus int, code, message string) {
	b, _ := json.Marshal(map[string]any{"status": map[string]string{"code": code, "message": message}, "data": nil})
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(httpStatus)
	w.Write(b) //nolint:errcheck // the client may hang up
}
