package ioffice

import (
	"sync"
	"time"
)

// breaker is a small circuit breaker: threshold consecutive failed attempts open
// it; while open every call fails at once; after cooldown one probe is let
// through (half-open) and its outcome closes or re-opens the circuit.
type breaker struct {
	threshold int
	cooldown  time.Duration
	now       func() time.Time

	mu       sync.Mutex
	failures int
	openedAt time.Time // zero when closed
	probing  bool      // a half-open probe is in flight
}

type breakerState string

const (
	breakerClosed   breakerState = "closed"
	breakerOpen     breakerState = "open"
	breakerHalfOpen breakerState = "half-open"
)

func newBreaker(threshold int, cooldown time.Duration, now func() time.Time) *breaker {
	return &breaker{threshold: threshold, cooldown: cooldown, now: now}
}

// allow says whether an attempt may go out; when not, it says how long until
// the next probe may.
func (b *breaker) allow() (ok bool, wait time.Duration) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.openedAt.IsZero() {
		return true, 0
	}
	if left := b.cooldown - b.now().Sub(b.openedAt); left > 0 {
		return false, left
	}
	if b.probing {
		return false, b.cooldown
	}
	b.probing = true
	return true, 0
}

// record notes an attempt's outcome and returns the state change, if any.
func (b *breaker) record(success bool) (from, to breakerState) {
	b.mu.Lock()
	defer b.mu.Unlock()
	from = b.stateLocked()
	b.probing = false
	if success {
		b.failures = 0
		b.openedAt = time.Time{}
	} else {
		b.failures++
		if from == breakerHalfOpen || b.failures >= b.threshold {
			b.openedAt = b.now()
		}
	}
	return from, b.stateLocked()
}

// release ends an attempt that produced no verdict on the portal's health (the
// caller gave up first), so a half-open probe slot is not held forever.
func (b *breaker) release() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.probing = false
}

func (b *breaker) stateLocked() breakerState {
	switch {
	case b.openedAt.IsZero():
		return breakerClosed
	case b.probing || b.now().Sub(b.openedAt) >= b.cooldown:
		return breakerHalfOpen
	default:
		return breakerOpen
	}
}

func (b *breaker) state() breakerState {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.stateLocked()
}
