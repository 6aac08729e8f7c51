package outbox

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/rs/zerolog"

	"cddh-sync/connectors"
	"cddh-sync/sync/store"
)

// CommentPayload is an outbox row of kind comment.
type CommentPayload struct {
	DocumentID int64  `json:"document_id"`
	Content    string `json:"content"` // ends with Marker
	Marker     string `json:"marker"`  // "[cddh:<key>]"
}

// StatusPayload is an outbox row of kind receive_status.
type StatusPayload struct {
	DocumentID  int64                       `json:"document_id"`
	Status      connectors.ProcessingStatus `json:"status"`
	Description string                      `json:"description"`
}

// Marker returns the comment marker for key.
func Marker(key string) string { return "[cddh:" + key + "]" }

// EnqueueComment queues a note on a document inside tx. key must be unique to the
// note (e.g. "reg-<doc>-v<version>", "rem-<task>-due_soon"); the note ends with its
// marker so a lost answer can be checked.
func EnqueueComment(ctx context.Context, st *store.Store, tx pgx.Tx, docID int64, key, text string) (bool, error) {
	m := Marker(key)
	return st.Enqueue(ctx, tx, store.OutboxComment, "comment:"+key, fmt.Sprint(docID),
		CommentPayload{DocumentID: docID, Content: strings.TrimSpace(text) + "\n" + m, Marker: m})
}

// EnqueueTask queues the portal record of a task inside tx; a newer record for the
// same key replaces a pending one.
func EnqueueTask(ctx context.Context, st *store.Store, tx pgx.Tx, rec connectors.TaskRecord) (bool, error) {
	return st.Enqueue(ctx, tx, store.OutboxPutTask, "task:"+rec.Key, rec.Key, rec)
}

// EnqueueStatus queues an edXML processing status for an incoming document.
func EnqueueStatus(ctx context.Context, st *store.Store, tx pgx.Tx, docID int64, status connectors.ProcessingStatus, desc string) (bool, error) {
	return st.Enqueue(ctx, tx, store.OutboxReceiveStatus, fmt.Sprintf("status:%d:%s", docID, status), fmt.Sprint(docID),
		StatusPayload{DocumentID: docID, Status: status, Description: desc})
}

// Options configure a Deliverer.
type Options struct {
	Holder      string        // this instance's name, for leases
	Batch       int           // rows claimed per round; default 20
	Lease       time.Duration // how long a claimed row is ours; default 2m
	MaxAttempts int           // then logged as stuck (outbox.stuck), still retried; default 12
	BaseBackoff time.Duration // default 5s
	MaxBackoff  time.Duration // default 30m
	Logger      zerolog.Logger
	// OnDelivered and OnDead feed metrics; may be nil.
	OnDelivered func(kind string)
	OnDead      func(kind string)
	Now         func() time.Time
	// Workers is how many push-backs are sent at once; default 1. The daemon
	// sets the portal's concurrency limit (the client enforces it anyway).
	Workers int
}

// Deliverer drains the outbox into the portal.
type Deliverer struct {
	portal connectors.Portal
	st     *store.Store
	opts   Options
}

// New builds a Deliverer.
func New(portal connectors.Portal, st *store.Store, opts Options) *Deliverer {
	if opts.Batch <= 0 {
		opts.Batch = 20
	}
	if opts.Lease <= 0 {
		opts.Lease = 2 * time.Minute
	}
	if opts.MaxAttempts <= 0 {
		opts.MaxAttempts = 12
	}
	if opts.BaseBackoff <= 0 {
		opts.BaseBackoff = 5 * time.Second
	}
	if opts.MaxBackoff <= 0 {
		opts.MaxBackoff = 30 * time.Minute
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Workers <= 0 {
		opts.Workers = 1
	}
	return &Deliverer{portal: portal, st: st, opts: opts}
}

// CapBackoff bounds the wait before a failed push-back is retried (and the
// first wait) to at most m, for a run that ends soon (sync --once). Call it
// before any Drain.
func (d *Deliverer) CapBackoff(m time.Duration) {
	d.opts.MaxBackoff = min(d.opts.MaxBackoff, m)
	d.opts.BaseBackoff = min(d.opts.BaseBackoff, m)
}

// Result counts one Drain.
type Result struct {
	Delivered, Failed, Dead int
}

// Drain delivers due rows until none is left or ctx ends. A portal that is down
// leaves rows pending with their backoff; that is not an error of Drain.
//
// Each claimed round is sent Workers at a time; outcomes are then recorded one by
// one. When the portal answers as if sick, no further row of the round is sent:
// those are given back, so the next round takes them at once without hammering it.
//
// A portal that takes a delivery again has recovered: once per Drain, the rows
// still waiting for the backoff of an earlier failure are brought forward
// (store.OutboxRetryNow), so an outage's queue drains now, not over up to
// MaxBackoff.
func (d *Deliverer) Drain(ctx context.Context) (Result, error) {
	var res Result
	pulled := false
	for ctx.Err() == nil {
		items, err := d.st.ClaimOutbox(ctx, d.opts.Holder, d.opts.Batch, d.opts.Lease)
		if err != nil {
			return res, err
		}
		if len(items) == 0 && res.Delivered > 0 && !pulled {
			pulled = true
			n, err := d.st.OutboxRetryNow(ctx)
			if err != nil {
				return res, err
			}
			if n > 0 {
				d.opts.Logger.Info().Str("event", "outbox.recovered").Int64("rows", n).
					Msg("the portal takes push-backs again: retries waiting for their backoff are due now")
				continue
			}
		}
		if len(items) == 0 {
			return res, nil
		}
		errs := make([]error, len(items))
		sent := make([]bool, len(items))
		var sick atomic.Bool
		sem := make(chan struct{}, d.opts.Workers)
		var wg sync.WaitGroup
		for i, it := range items {
			if sick.Load() || ctx.Err() != nil {
				break
			}
			sem <- struct{}{}
			if sick.Load() || ctx.Err() != nil {
				<-sem
				break
			}
			sent[i] = true
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer func() { <-sem }()
				errs[i] = d.deliver(ctx, it)
				if err := errs[i]; err != nil && !errors.Is(err, connectors.ErrUnknownOutcome) &&
					(errors.Is(err, connectors.ErrRetryable) || errors.Is(err, connectors.ErrUnauthorized)) {
					sick.Store(true)
				}
			}()
		}
		wg.Wait()
		var unsent []store.OutboxItem
		for i := range items {
			if !sent[i] {
				unsent = append(unsent, items[i])
			}
		}
		if len(unsent) > 0 {
			// Abandon safely: give back what was not tried.
			if err := d.st.ReleaseOutbox(context.WithoutCancel(ctx), d.opts.Holder, unsent); err != nil {
				return res, err
			}
		}
		for i, it := range items {
			if !sent[i] {
				continue
			}
			if err := d.record(ctx, it, errs[i], &res); err != nil {
				return res, err
			}
		}
		if sick.Load() || ctx.Err() != nil {
			return res, ctx.Err()
		}
	}
	return res, ctx.Err()
}

// record stores one delivery's outcome: done, retried with backoff, or dead.
func (d *Deliverer) record(ctx context.Context, it store.OutboxItem, err error, res *Result) error {
	ctx = context.WithoutCancel(ctx) // an outcome is recorded even while stopping
	if err == nil {
		if err := d.st.OutboxDone(ctx, it, d.opts.Holder); err != nil {
			return err
		}
		res.Delivered++
		if d.opts.OnDelivered != nil {
			d.opts.OnDelivered(it.Kind)
		}
		d.opts.Logger.Debug().Str("event", "outbox.delivered").Str("kind", it.Kind).Int64("id", it.ID).Msg("push-back delivered")
		return nil
	}
	// Only a record the portal rejects goes to the dead letters. A failure that
	// may pass (an outage, a lost answer, refused credentials an operator can
	// fix) never does: the row keeps retrying at MaxBackoff, so a portal down for
	// a weekend loses no push-back (the CddhSyncOutboxStuck alert fires on the
	// oldest pending row's age); at MaxAttempts it is logged once as stuck.
	permanent := errors.Is(err, connectors.ErrPermanent) && !errors.Is(err, connectors.ErrUnauthorized)
	dead := permanent
	unknown := errors.Is(err, connectors.ErrUnknownOutcome)
	next := d.opts.Now().Add(d.backoff(it.Attempts, err))
	if unknown && it.Attempts < 3 {
		next = d.opts.Now().Add(d.opts.BaseBackoff) // look soon (then back off: the portal may keep losing answers)
	}
	if !dead && it.Attempts == d.opts.MaxAttempts {
		d.opts.Logger.Warn().Str("event", "outbox.stuck").Str("kind", it.Kind).Int64("id", it.ID).
			Int("attempts", it.Attempts).Err(err).Msg("push-back still failing; retried every MaxBackoff until it passes")
	}
	if rerr := d.st.OutboxRetry(ctx, it, d.opts.Holder, err, unknown, dead, next); rerr != nil {
		return rerr
	}
	if dead {
		res.Dead++
		if d.opts.OnDead != nil {
			d.opts.OnDead(it.Kind)
		}
		d.opts.Logger.Error().Str("event", "outbox.dead").Str("kind", it.Kind).Int64("id", it.ID).
			Int("attempts", it.Attempts).Err(err).Msg("push-back gave up: dead letter")
		return nil
	}
	res.Failed++
	d.opts.Logger.Debug().Str("event", "outbox.retry").Str("kind", it.Kind).Int64("id", it.ID).
		Int("attempts", it.Attempts).Bool("unknown_outcome", unknown).Time("next", next).Err(err).Msg("push-back will be retried")
	return nil
}

func (d *Deliverer) backoff(attempt int, err error) time.Duration {
	if ra, ok := connectors.RetryAfter(err); ok {
		return ra
	}
	b := d.opts.BaseBackoff << min(attempt, 20)
	if b <= 0 || b > d.opts.MaxBackoff {
		b = d.opts.MaxBackoff
	}
	// Full jitter keeps many rows (and instances) from retrying in step.
	return b/2 + time.Duration(rand.Int64N(int64(b/2)+1))
}

func (d *Deliverer) deliver(ctx context.Context, it store.OutboxItem) error {
	switch it.Kind {
	case store.OutboxPutTask:
		var rec connectors.TaskRecord
		if err := json.Unmarshal(it.Payload, &rec); err != nil {
			return fmt.Errorf("%w: outbox row %d: %v", connectors.ErrPermanent, it.ID, err)
		}
		_, err := d.portal.PutTask(ctx, rec)
		return err
	case store.OutboxReceiveStatus:
		var p StatusPayload
		if err := json.Unmarshal(it.Payload, &p); err != nil {
			return fmt.Errorf("%w: outbox row %d: %v", connectors.ErrPermanent, it.ID, err)
		}
		return d.portal.ReceiveStatus(ctx, p.DocumentID, p.Status, p.Description)
	case store.OutboxComment:
		var p CommentPayload
		if err := json.Unmarshal(it.Payload, &p); err != nil {
			return fmt.Errorf("%w: outbox row %d: %v", connectors.ErrPermanent, it.ID, err)
		}
		// Look before writing again whenever an earlier attempt may have landed:
		// an unknown outcome, or any earlier attempt at all (a crash between the
		// post and marking the row done leaves no trace but the comment itself).
		if it.Unknown || it.Attempts > 1 {
			found, err := d.portal.FindCommentMarker(ctx, p.DocumentID, p.Marker)
			if err != nil {
				return err
			}
			if found {
				return nil
			}
		}
		_, err := d.portal.PostComment(ctx, p.DocumentID, p.Content)
		return err
	}
	return fmt.Errorf("%w: outbox row %d has unknown kind %q", connectors.ErrPermanent, it.ID, it.Kind)
}
