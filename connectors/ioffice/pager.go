package ioffice

import (
	"context"
	"fmt"
	"time"

	"cddh-sync/connectors"
)

// Paging limits: how often a stale page is asked again, and how many times a
// sweep re-reads a stretch that moved under it before giving up for now.
const (
	maxStaleRetries = 3
	maxRescans      = 10
)

// Pager walks GET /document/search/ without skipping a document, although the
// portal pages by offset and documents move while we page (portal-api.md).
//
// How: after each page it restarts the query from the last item's ngayCapNhat
// at page 1 ("keyset" paging on the timestamp; the filter is inclusive, so the
// boundary second is read again and de-duplicated). Offsets are then never
// trusted across pages, except inside one second holding more documents than
// a page, where page 2, 3, … of the same query are read. Only there can a move
// or a deletion shift items past us, so such a run is watched: a total that
// shrank restarts it at once, and any of its documents seen again later with a
// newer timestamp (it moved while we paged) makes the sweep re-read the run
// before it ends. Stale pages (served twice) are recognised because they do
// not go past what the run already returned, and are asked again.
type Pager struct {
	c      *Client
	stream connectors.Stream
	size   int

	since time.Time // the current query's tuNgayCapNhat
	page  int       // the next page of that query
	done  bool

	seen      map[int64]seenItem       // what was delivered, by id
	runOf     map[int64]time.Time      // id -> the offset-paged second it was read in
	runs      map[time.Time]*offsetRun // seconds paged by offset
	prevTotal int
	lastShort bool // the last non-empty page had fewer items than allowed
	verifying bool // re-reading that page after an empty one
	stale     int
	rescans   int
}

type seenItem struct {
	updated time.Time
	version int64
}

// offsetRun is one second of ngayCapNhat paged by offset.
type offsetRun struct {
	boundary  itemKey // the furthest (updatedAt, id) read in it so far
	offsetted bool    // page 2+ was read: a left shift could have skipped items
	dirty     bool    // one of its documents moved after it was read
}

type itemKey struct {
	updated time.Time
	id      int64
}

func keyOf(d connectors.DocumentSummary) itemKey { return itemKey{d.UpdatedAt, d.ID} }

func (a itemKey) after(b itemKey) bool {
	if !a.updated.Equal(b.updated) {
		return a.updated.After(b.updated)
	}
	return a.id > b.id
}

// NewPager starts a sweep of stream from since minus Options.Overlap (a zero
// since reads from the beginning).
func (c *Client) NewPager(stream connectors.Stream, since time.Time) *Pager {
	if !since.IsZero() {
		since = since.Add(-c.opts.Overlap).Truncate(time.Second).In(connectors.Zone)
	}
	return &Pager{
		c: c, stream: stream, size: c.opts.PageSize, since: since, page: 1,
		seen: map[int64]seenItem{}, runOf: map[int64]time.Time{}, runs: map[time.Time]*offsetRun{},
	}
}

// Resume is where a later sweep must start to miss nothing that this one has
// not delivered yet (before the overlap is taken off). The caller may store it
// as its cursor once it has committed everything Next returned.
func (p *Pager) Resume() time.Time {
	r := p.since
	for t, run := range p.runs {
		if run.offsetted && t.Before(r) {
			r = t
		}
	}
	return r
}

// Done reports whether the sweep has reached an empty page with nothing left to re-read.
func (p *Pager) Done() bool { return p.done }

// Next returns the next documents not yet delivered in this sweep, in the
// portal's order; nil with a nil error when the sweep is complete.
func (p *Pager) Next(ctx context.Context) ([]connectors.DocumentSummary, error) {
	for !p.done {
		sp, err := p.c.Search(ctx, p.stream, p.since, p.page, p.size)
		if err != nil {
			return nil, err
		}
		if len(sp.Items) == 0 {
			if p.page >= 2 && p.lastShort && !p.verifying {
				// The previous page was short: documents may have been added
				// to its tail since, at offsets the empty page skipped.
				p.page, p.verifying = p.page-1, true
				continue
			}
			p.verifying = false
			if err := p.endOfQuery(); err != nil {
				return nil, err
			}
			continue
		}
		var fresh []connectors.DocumentSummary
		switch {
		case p.verifying:
			p.verifying = false
			if fresh = p.deliverable(sp.Items); len(fresh) == 0 {
				if err := p.endOfQuery(); err != nil {
					return nil, err
				}
				continue
			}
		case p.page >= 2:
			restart, err := p.checkOffsetPage(sp)
			if err != nil {
				return nil, err
			}
			if restart {
				continue
			}
			fresh = p.deliverable(sp.Items)
		default:
			fresh = p.deliverable(sp.Items)
		}
		p.stale = 0
		allowed := sp.Size
		if allowed <= 0 || allowed > p.size {
			allowed = p.size
		}
		p.lastShort = len(sp.Items) < allowed
		last := sp.Items[len(sp.Items)-1]
		if last.UpdatedAt.After(p.since) {
			// Keyset restart: everything at or after the last item's second, page 1.
			p.since, p.page, p.prevTotal = last.UpdatedAt, 1, 0
		} else {
			// The whole page is one second: page on by offset, and watch the run.
			run := p.runs[p.since]
			if run == nil {
				run = &offsetRun{}
				p.runs[p.since] = run
			}
			for _, it := range sp.Items {
				if it.UpdatedAt.Equal(p.since) {
					p.runOf[it.ID] = p.since
				}
				if keyOf(it).after(run.boundary) {
					run.boundary = keyOf(it)
				}
			}
			run.offsetted = true
			p.page++
			p.prevTotal = sp.Total
		}
		if len(fresh) > 0 {
			return fresh, nil
		}
	}
	return nil, nil
}

// checkOffsetPage vets page 2+ of a one-second run; restart means "ask again".
func (p *Pager) checkOffsetPage(sp connectors.SearchPage) (restart bool, err error) {
	run := p.runs[p.since]
	if run == nil {
		return false, nil
	}
	if p.prevTotal > 0 && sp.Total < p.prevTotal {
		// Something left the query: offsets shifted left, re-read the run.
		return true, p.rescan(p.since, fmt.Sprintf("total shrank from %d to %d", p.prevTotal, sp.Total))
	}
	if first := sp.Items[0]; !keyOf(first).after(run.boundary) {
		// The page starts with something this run already gave. Either a
		// document was inserted behind us in this very second (its
		// ngayCapNhat is "now") and offsets shifted right, or the portal
		// served an earlier page again.
		if p.prevTotal > 0 && sp.Total > p.prevTotal {
			return true, p.rescan(p.since, fmt.Sprintf("a document was inserted behind page %d", p.page))
		}
		p.stale++
		if p.stale <= maxStaleRetries {
			p.c.log.Debug().Str("event", "portal.pager.stale_page").Str("stream", string(p.stream)).Int("page", p.page).Msg("page served twice, asking again")
			return true, nil
		}
		return true, p.rescan(p.since, fmt.Sprintf("page %d keeps repeating earlier items", p.page))
	}
	return false, nil
}

// deliverable filters out what this sweep already delivered, notes the rest,
// and marks offset runs whose documents have moved since.
func (p *Pager) deliverable(items []connectors.DocumentSummary) []connectors.DocumentSummary {
	var fresh []connectors.DocumentSummary
	for _, it := range items {
		prev, ok := p.seen[it.ID]
		if ok && prev.updated.Equal(it.UpdatedAt) && prev.version == it.Version {
			continue
		}
		p.seen[it.ID] = seenItem{it.UpdatedAt, it.Version}
		if t, ok := p.runOf[it.ID]; ok && it.UpdatedAt.After(t) {
			if run := p.runs[t]; run != nil && run.offsetted {
				run.dirty = true
			}
			delete(p.runOf, it.ID)
		}
		fresh = append(fresh, it)
	}
	return fresh
}

// endOfQuery handles an empty page: the sweep ends unless a run must be re-read.
func (p *Pager) endOfQuery() error {
	var first time.Time
	for t, run := range p.runs {
		if run.dirty && (first.IsZero() || t.Before(first)) {
			first = t
		}
	}
	if first.IsZero() {
		p.done = true
		clear(p.runs)
		clear(p.runOf)
		return nil
	}
	return p.rescan(first, "documents moved while their second was paged by offset")
}

func (p *Pager) rescan(from time.Time, why string) error {
	p.rescans++
	if p.rescans > maxRescans {
		return &connectors.Error{Kind: connectors.ErrRetryable, Op: "search", Endpoint: "GET /document/search/",
			Message: fmt.Sprintf("documents keep moving while paging (%s); sweep abandoned so nothing is skipped, resume from %s",
				why, formatDateTime(p.Resume()))}
	}
	p.c.log.Info().Str("event", "portal.pager.rescan").Str("stream", string(p.stream)).
		Str("from", formatDateTime(from)).Str("reason", why).Msg("re-reading part of the search")
	for t, run := range p.runs {
		if !t.Before(from) {
			run.dirty = false
			run.boundary = itemKey{} // read again from its start
		}
	}
	p.since, p.page, p.prevTotal, p.stale = from, 1, 0, 0
	return nil
}

// SearchAll calls fn with every document updated at or after since (minus
// Options.Overlap), each (id, version) once, batch by batch. See Pager.
func (c *Client) SearchAll(ctx context.Context, stream connectors.Stream, since time.Time, fn func(page []connectors.DocumentSummary) error) error {
	p := c.NewPager(stream, since)
	for {
		items, err := p.Next(ctx)
		if err != nil {
			return err
		}
		if items == nil {
			return nil
		}
		if err := fn(items); err != nil {
			return fmt.Errorf("search %s: %w", stream, err)
		}
	}
}
