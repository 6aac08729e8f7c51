package ioffice

import (
	"context"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"cddh-sync/connectors"
	"cddh-sync/connectors/portalsim"
	"cddh-sync/connectors/portalsim/simtest"
)

// The client's tests run against the project's portal simulator over a real
// socket. Faults at an exact request are scripted on the simulator
// (Sim.Inject); the Tap counts requests per endpoint and, in a few tests,
// answers in a way no portal endpoint does (an exact HTTP status, a given
// malformed body).

// simStart is where the tests' simulator clock starts: after the generated
// history (portalsim.DefaultAnchor), so documents a test adds sort after it.
var simStart = time.Date(2026, time.November, 23, 9, 0, 0, 0, connectors.Zone)

// portal is a running simulator with its tap and its hand-moved clock.
type portal struct {
	sim   *portalsim.Sim
	url   string
	tap   *simtest.Tap
	clock *simtest.Clock
}

// newPortal starts a simulator (20 generated documents unless opts says
// otherwise) on the clock simStart, behind a Tap and then wrap.
func newPortal(t *testing.T, opts portalsim.Options, wrap ...func(http.Handler) http.Handler) *portal {
	t.Helper()
	p := &portal{tap: &simtest.Tap{}, clock: simtest.NewClock(simStart)}
	if opts.Clock == nil {
		opts.Clock = p.clock.Now
	}
	if opts.Documents == 0 {
		opts.Documents = 20
	}
	p.sim, p.url = simtest.Start(t, opts, append(wrap, p.tap.Wrap)...)
	return p
}

// client returns a Client on this portal with fast, test-friendly options.
func (p *portal) client(t *testing.T, mod func(*Options)) *Client {
	t.Helper()
	user, pass := p.sim.Credentials()
	o := Options{
		BaseURL: p.url, Username: user, Password: pass,
		Timeout: 2 * time.Second, RateLimit: 1000, Concurrency: 4, MaxRetries: 3,
		BaseBackoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond,
		BreakerThreshold: 100, BreakerCooldown: time.Second, Overlap: time.Nanosecond,
		Logger: zerolog.New(io.Discard),
	}
	if mod != nil {
		mod(&o)
	}
	c, err := New(o)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	t.Cleanup(c.Close)
	return c
}

// loggedIn logs c in, then switches the simulator's fault rates to f: faults
// that would also strike the login hit only the calls under test.
func (p *portal) loggedIn(t *testing.T, c *Client, f portalsim.Faults) {
	t.Helper()
	if err := c.Login(context.Background()); err != nil {
		t.Fatalf("Login: %v", err)
	}
	if err := p.sim.SetFaults(f); err != nil {
		t.Fatal(err)
	}
}

// inject scripts faults on the simulator's next requests to one endpoint.
func (p *portal) inject(t *testing.T, endpoint string, faults ...portalsim.Fault) {
	t.Helper()
	if err := p.sim.Inject(endpoint, faults...); err != nil {
		t.Fatal(err)
	}
}

// addDoc adds an issued document updated at the simulator's clock after
// moving it by step, and returns its id.
func (p *portal) addDoc(t *testing.T, step time.Duration, d portalsim.Document) int64 {
	t.Helper()
	p.clock.Advance(step)
	if d.Notation == "" {
		d.Notation = "TB-UBND"
		d.Type = "Thông báo"
		d.Subject = "Thông báo kết luận của Chủ tịch UBND tỉnh"
		d.Body = "Giao Sở Tài chính chủ trì rà soát."
	}
	id, err := p.sim.AddDocument(d)
	if err != nil {
		t.Fatalf("AddDocument: %v", err)
	}
	return id
}

// document returns the simulator's record of a document.
func (p *portal) document(t *testing.T, id int64) portalsim.Document {
	t.Helper()
	d, ok := p.sim.Document(id)
	if !ok {
		t.Fatalf("document %d not in the simulator", id)
	}
	return d
}

// issuedState is every issued document's current ngayCapNhat, for those
// updated at or after since.
func (p *portal) issuedState(since time.Time) map[int64]time.Time {
	out := map[int64]time.Time{}
	for _, id := range p.sim.DocumentIDs() {
		d, ok := p.sim.Document(id)
		if ok && d.Direction == portalsim.Issued && !d.UpdatedAt.Before(since) {
			out[id] = d.UpdatedAt
		}
	}
	return out
}
