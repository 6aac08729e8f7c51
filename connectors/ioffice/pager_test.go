package ioffice

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"slices"
	"sync"
	"testing"
	"time"

	"cddh-sync/connectors"
	"cddh-sync/connectors/portalsim"
)

// sweep runs SearchAll and returns the delivered versions by id, failing the
// test on a duplicate (id, updatedAt) delivery.
func sweep(t *testing.T, c *Client, since time.Time) map[int64][]time.Time {
	t.Helper()
	got := map[int64][]time.Time{}
	err := c.SearchAll(context.Background(), connectors.StreamIssued, since, func(page []connectors.DocumentSummary) error {
		if len(page) == 0 {
			t.Error("fn called with an empty page")
		}
		for _, d := range page {
			if slices.ContainsFunc(got[d.ID], d.UpdatedAt.Equal) {
				t.Errorf("document %d at %s delivered twice", d.ID, d.UpdatedAt)
			}
			got[d.ID] = append(got[d.ID], d.UpdatedAt)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("SearchAll: %v", err)
	}
	return got
}

func TestSearchAllCappedPagesAndShortPages(t *testing.T) {
	t.Parallel()
	// The portal caps size: every page is "short" compared to the 50 asked.
	p := newPortal(t, portalsim.Options{MaxPageSize: 3})
	var added []int64
	for i := 1; i <= 20; i++ {
		step := time.Second
		if i%4 == 0 {
			step = 0 // several documents share a second
		}
		added = append(added, p.addDoc(t, step, portalsim.Document{}))
	}
	c := p.client(t, nil)
	got := sweep(t, c, simStart)
	if len(got) != 20 {
		t.Fatalf("delivered %d documents, want 20", len(got))
	}
	for _, id := range added {
		if len(got[id]) == 0 {
			t.Errorf("document %d missing", id)
		}
	}
	// From the beginning: the generated history too.
	if all, want := sweep(t, c, time.Time{}), p.issuedState(time.Time{}); len(all) != len(want) {
		t.Errorf("full sweep delivered %d documents, want %d", len(all), len(want))
	}
	// since is inclusive and the overlap goes back further.
	c2 := p.client(t, func(o *Options) { o.Overlap = 0 })
	state := p.issuedState(simStart)
	since := state[added[9]]
	got2 := sweep(t, c2, since)
	for id, at := range state {
		if !at.Before(since) && len(got2[id]) == 0 {
			t.Errorf("document %d (updated %s, since %s) missing", id, at, since)
		}
	}
}

// Documents are edited (they move to the end), inserted and served twice while
// the sweep pages: nothing may be skipped, and every edit seen before the end
// is delivered in its final version. The test edits through the simulator
// before each search request; the simulator itself also moves documents and
// serves pages twice (its MovingDocuments and DuplicatePage faults, drawn from
// the seed). After 25 search requests the edits stop, so the sweep can reach a
// final state: the one the last answer was cut from.
func TestSearchAllDocumentsMovingWhilePaging(t *testing.T) {
	t.Parallel()
	for seed := uint64(1); seed <= 30; seed++ {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			t.Parallel()
			r := rand.New(rand.NewPCG(seed, 99))
			p := newPortal(t, portalsim.Options{Seed: seed, Documents: 5, MaxPageSize: 2 + r.IntN(5)})
			n := 25 + r.IntN(40)
			var ids []int64
			for range n {
				step := time.Duration(r.IntN(2)) * time.Second // many share a second
				if seed%3 == 0 {
					step = 0 // one big second: the offset-paged case
				}
				ids = append(ids, p.addDoc(t, step, portalsim.Document{}))
			}
			initial := slices.Clone(ids)
			if err := p.sim.SetFaults(portalsim.Faults{MovingDocuments: 0.2, DuplicatePage: 0.25}); err != nil {
				t.Fatal(err)
			}
			trace := os.Getenv("PAGER_TRACE") != ""
			var mu sync.Mutex // the hook runs on the server's goroutines
			requests := 0
			p.tap.SetHook(func(w http.ResponseWriter, req *http.Request, ep string) bool {
				if ep != "search" {
					return false
				}
				mu.Lock()
				defer mu.Unlock()
				requests++
				if trace {
					t.Logf("search %d: %s; clock %s", requests, req.URL.RawQuery, p.clock.Now().Format(time.TimeOnly))
				}
				switch {
				case requests == 1:
					return false
				case requests > 25:
					if err := p.sim.SetFaults(portalsim.Faults{DuplicatePage: 0.25}); err != nil {
						t.Error(err)
					}
					return false
				}
				for range r.IntN(3) {
					p.clock.Advance(time.Duration(r.IntN(2)) * time.Second)
					switch r.IntN(3) {
					case 0, 1: // a clerk edits a document: it moves to the end
						if err := p.sim.Touch(ids[r.IntN(len(ids))]); err != nil {
							t.Error(err)
						}
					case 2: // a new document arrives
						id, err := p.sim.AddDocument(portalsim.Document{Notation: "TB-UBND", Subject: "Thông báo mới"})
						if err != nil {
							t.Error(err)
						}
						ids = append(ids, id)
					}
				}
				return false
			})
			c := p.client(t, nil)
			got := sweep(t, c, simStart)
			final := p.issuedState(simStart)
			for _, id := range initial {
				if len(got[id]) == 0 {
					t.Errorf("document %d skipped", id)
				}
			}
			for id, at := range final {
				if !slices.ContainsFunc(got[id], at.Equal) {
					t.Errorf("document %d: final version (%s) not delivered; got %v", id, at.Format(time.TimeOnly), got[id])
				}
			}
			st := p.sim.Stats()
			if trace {
				t.Logf("%d search requests; faults %v", requests, st.Faults)
			}
		})
	}
}

// Deleting a document inside a one-second run shifts offsets left; the total
// shrinks and the run is read again.
func TestSearchAllDeletionInsideOneSecond(t *testing.T) {
	t.Parallel()
	p := newPortal(t, portalsim.Options{MaxPageSize: 4})
	var ids []int64
	for range 12 {
		ids = append(ids, p.addDoc(t, 0, portalsim.Document{}))
	}
	var mu sync.Mutex
	page2Served, deleted := false, false
	p.tap.SetHook(func(w http.ResponseWriter, r *http.Request, ep string) bool {
		if ep != "search" {
			return false
		}
		mu.Lock()
		defer mu.Unlock()
		// Once page 2 was served, the second document (read on page 1) is
		// deleted before the next page: items 5.. shift left by one.
		if page2Served && !deleted {
			if err := p.sim.Remove(ids[1]); err != nil {
				t.Error(err)
			}
			deleted = true
		}
		if r.URL.Query().Get("page") == "2" {
			page2Served = true
		}
		return false
	})
	c := p.client(t, nil)
	got := sweep(t, c, simStart)
	if !deleted {
		t.Fatal("the sweep never read past page 2: the deletion was not exercised")
	}
	for i, id := range ids {
		if i != 1 && len(got[id]) == 0 {
			t.Errorf("document %d skipped", id)
		}
	}
}

func TestPagerResume(t *testing.T) {
	t.Parallel()
	p := newPortal(t, portalsim.Options{MaxPageSize: 2})
	var last int64
	for range 6 {
		last = p.addDoc(t, time.Second, portalsim.Document{})
	}
	c := p.client(t, nil)
	pg := c.NewPager(connectors.StreamIssued, simStart)
	items, err := pg.Next(context.Background())
	if err != nil || len(items) != 2 {
		t.Fatalf("Next = %v, %v", items, err)
	}
	if !pg.Resume().Equal(items[1].UpdatedAt) {
		t.Errorf("Resume = %s, want the last delivered second %s", pg.Resume(), items[1].UpdatedAt)
	}
	for !pg.Done() {
		if _, err := pg.Next(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	if want := p.document(t, last).UpdatedAt; !pg.Resume().Equal(want) {
		t.Errorf("final Resume = %s, want %s", pg.Resume(), want)
	}
}

func TestSearchAllStopsOnCallbackError(t *testing.T) {
	t.Parallel()
	p := newPortal(t, portalsim.Options{MaxPageSize: 2})
	for range 6 {
		p.addDoc(t, time.Second, portalsim.Document{})
	}
	c := p.client(t, nil)
	boom := fmt.Errorf("store down")
	calls := 0
	err := c.SearchAll(context.Background(), connectors.StreamIssued, simStart, func([]connectors.DocumentSummary) error {
		calls++
		return boom
	})
	if calls != 1 || err == nil || !errors.Is(err, boom) {
		t.Errorf("calls = %d, err = %v", calls, err)
	}
	if got := p.tap.Count("search"); got != 1 {
		t.Errorf("search requests = %d, want 1: the sweep goes on after the callback failed", got)
	}
}
