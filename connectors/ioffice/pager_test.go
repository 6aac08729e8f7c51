package ioffice

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"cddh-sync/connectors"
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

// finalState is every document's current updatedAt.
func (f *fakePortal) finalState() map[int64]time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := map[int64]time.Time{}
	for id, d := range f.docs {
		out[id] = d.updated
	}
	return out
}

func TestSearchAllCappedPagesAndShortPages(t *testing.T) {
	t.Parallel()
	f := newFakePortal(t)
	f.maxSize = 3 // the portal caps size: every page is "short" compared to the 50 asked
	for id := int64(1); id <= 20; id++ {
		step := time.Second
		if id%4 == 0 {
			step = 0 // several documents share a second
		}
		f.addDoc(id, step)
	}
	c := f.client(t, nil)
	got := sweep(t, c, time.Time{})
	if len(got) != 20 {
		t.Fatalf("delivered %d documents, want 20", len(got))
	}
	// since is inclusive and the overlap goes back further.
	f2 := f.client(t, func(o *Options) { o.Overlap = 0 })
	state := f.finalState()
	got2 := sweep(t, f2, state[10])
	for id, at := range state {
		if !at.Before(state[10]) && len(got2[id]) == 0 {
			t.Errorf("document %d (updated %s, since %s) missing", id, at, state[10])
		}
	}
}

// Documents are edited (they move to the end), inserted and served twice while
// the sweep pages: nothing may be skipped, and every edit seen before the end
// is delivered in its final version.
func TestSearchAllDocumentsMovingWhilePaging(t *testing.T) {
	t.Parallel()
	for seed := uint64(1); seed <= 30; seed++ {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			t.Parallel()
			r := rand.New(rand.NewPCG(seed, 99))
			f := newFakePortal(t)
			f.maxSize = 2 + r.IntN(5)
			n := int64(25 + r.IntN(40))
			for id := int64(1); id <= n; id++ {
				step := time.Duration(r.IntN(2)) * time.Second // many share a second
				if seed%3 == 0 {
					step = 0 // one big second: the offset-paged case
				}
				f.addDoc(id, step)
			}
			initial := f.finalState()
			next := n + 1
			requests := 0
			var answered map[int64]time.Time // the state the last answer was cut from
			f.afterSearch = func(f *fakePortal, page int) {
				requests++
				if os.Getenv("PAGER_TRACE") != "" {
					t.Logf("  page %d served; clock %s", page, f.clock.Format(time.TimeOnly))
				}
				answered = map[int64]time.Time{}
				for id, d := range f.docs {
					answered[id] = d.updated
				}
				if requests > 25 {
					return // stop editing so the sweep can reach a final state
				}
				for range r.IntN(3) {
					switch r.IntN(3) {
					case 0, 1: // a clerk edits a document: it moves to the end
						f.touchLocked(1+r.Int64N(next-1), time.Duration(r.IntN(2))*time.Second)
					case 2: // a new document arrives
						f.addDocLocked(next, time.Duration(r.IntN(2))*time.Second)
						next++
					}
				}
			}
			var dup atomic.Int32
			f.hook = func(w http.ResponseWriter, req *http.Request, rt string) bool {
				if os.Getenv("PAGER_TRACE") != "" && rt == "GET /document/search/" {
					t.Logf("search %s", req.URL.RawQuery)
				}
				// Serve a page twice now and then: answer page p with page p-1.
				if rt == "GET /document/search/" && req.URL.Query().Get("page") != "1" && dup.Add(1)%4 == 0 {
					q := req.URL.Query()
					p := q.Get("page")
					var pn int
					fmt.Sscan(p, &pn)
					q.Set("page", fmt.Sprint(pn-1))
					req.URL.RawQuery = q.Encode()
				}
				return false
			}
			c := f.client(t, nil)
			got := sweep(t, c, time.Time{})
			f.mu.Lock()
			final := answered
			f.mu.Unlock()
			for id := range initial {
				if len(got[id]) == 0 {
					t.Errorf("document %d skipped", id)
				}
			}
			for id, at := range final {
				if !slices.ContainsFunc(got[id], at.Equal) {
					t.Errorf("document %d: final version (%s) not delivered; got %v", id, at.Format(time.TimeOnly), got[id])
				}
			}
		})
	}
}

// Deleting a document inside a one-second run shifts offsets left; the total
// shrinks and the run is read again.
func TestSearchAllDeletionInsideOneSecond(t *testing.T) {
	t.Parallel()
	f := newFakePortal(t)
	f.maxSize = 4
	for id := int64(1); id <= 12; id++ {
		f.addDoc(id, 0)
	}
	deleted := false
	f.afterSearch = func(f *fakePortal, page int) {
		if page == 2 && !deleted {
			delete(f.docs, 2) // read on page 1: items 5.. shift left by one
			deleted = true
		}
	}
	c := f.client(t, nil)
	got := sweep(t, c, time.Time{})
	for id := int64(1); id <= 12; id++ {
		if id != 2 && len(got[id]) == 0 {
			t.Errorf("document %d skipped", id)
		}
	}
}

func TestPagerResume(t *testing.T) {
	t.Parallel()
	f := newFakePortal(t)
	f.maxSize = 2
	for id := int64(1); id <= 6; id++ {
		f.addDoc(id, time.Second)
	}
	c := f.client(t, nil)
	p := c.NewPager(connectors.StreamIssued, time.Time{})
	items, err := p.Next(context.Background())
	if err != nil || len(items) != 2 {
		t.Fatalf("Next = %v, %v", items, err)
	}
	if !p.Resume().Equal(items[1].UpdatedAt) {
		t.Errorf("Resume = %s, want the last delivered second %s", p.Resume(), items[1].UpdatedAt)
	}
	for !p.Done() {
		if _, err := p.Next(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	if want := f.finalState()[6]; !p.Resume().Equal(want) {
		t.Errorf("final Resume = %s, want %s", p.Resume(), want)
	}
}

func TestSearchAllStopsOnCallbackError(t *testing.T) {
	t.Parallel()
	f := newFakePortal(t)
	f.maxSize = 2
	for id := int64(1); id <= 6; id++ {
		f.addDoc(id, time.Second)
	}
	c := f.client(t, nil)
	boom := fmt.Errorf("store down")
	calls := 0
	err := c.SearchAll(context.Background(), connectors.StreamIssued, time.Time{}, func([]connectors.DocumentSummary) error {
		calls++
		return boom
	})
	if calls != 1 || err == nil || !errorsIs(err, boom) {
		t.Errorf("calls = %d, err = %v", calls, err)
	}
}

func errorsIs(err, target error) bool { return errors.Is(err, target) }
