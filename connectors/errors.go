package connectors

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Error classes. A connector's errors match one or more of these with errors.Is;
// the engine decides what to do from the class, never from the message.
var (
	// ErrRetryable: try again later; the portal was unreachable, slow, sick or
	// answered nonsense. Nothing was changed (or the call was idempotent).
	ErrRetryable = errors.New("retryable")
	// ErrPermanent: trying again will not help (bad request, unknown id, refused
	// content, wrong credentials).
	ErrPermanent = errors.New("permanent")
	// ErrRateLimited: the portal asked us to slow down (HTTP 429, or 503 with
	// Retry-After). Also ErrRetryable; RetryAfter says when.
	ErrRateLimited = errors.New("rate limited")
	// ErrUnauthorized: the portal refused our credentials, even after logging in
	// again. Also ErrPermanent: an operator must fix the account.
	ErrUnauthorized = errors.New("unauthorized")
	// ErrUnknownOutcome: a non-idempotent write (a comment) was sent and its
	// answer was lost. It may have been applied. It is deliberately NOT
	// ErrRetryable: the caller must look (FindCommentMarker) before repeating it.
	ErrUnknownOutcome = errors.New("unknown outcome")
	// ErrNotFound: the portal does not know the id or key. Also ErrPermanent.
	ErrNotFound = errors.New("not found")
	// ErrRefused: the adapter itself refused the content (an executable, an
	// oversized file, a secret document's file, a checksum mismatch). Also
	// ErrPermanent.
	ErrRefused = errors.New("refused")
)

// Error is a connector failure with what an operator needs to find it: the
// operation, the endpoint, the HTTP status and the portal's own status code.
// It never carries credentials, tokens or document content.
type Error struct {
	Kind       error         // one of the Err* classes above
	Op         string        // the connector operation, e.g. "search", "download"
	Endpoint   string        // method and path, e.g. "GET /document/search/"
	HTTPStatus int           // 0 when no response arrived
	Code       string        // the envelope's status.code, "" when none
	Message    string        // the envelope's status.message or a short reason
	RetryAfter time.Duration // how long the portal asked us to wait, 0 when it did not
	Err        error         // the cause, may be nil
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("portal ")
	b.WriteString(e.Op)
	if e.Endpoint != "" {
		fmt.Fprintf(&b, " (%s)", e.Endpoint)
	}
	b.WriteString(": ")
	b.WriteString(kindName(e.Kind))
	if e.HTTPStatus != 0 {
		fmt.Fprintf(&b, ", HTTP %d", e.HTTPStatus)
	}
	if e.Code != "" {
		fmt.Fprintf(&b, ", status.code %q", e.Code)
	}
	if e.Message != "" {
		fmt.Fprintf(&b, ": %s", e.Message)
	}
	if e.RetryAfter > 0 {
		fmt.Fprintf(&b, " (retry after %s)", e.RetryAfter)
	}
	if e.Err != nil {
		fmt.Fprintf(&b, ": %v", e.Err)
	}
	return b.String()
}

func kindName(k error) string {
	if k == nil {
		return "error"
	}
	return k.Error()
}

// Unwrap exposes the class, the classes it implies and the cause to errors.Is
// and errors.As.
func (e *Error) Unwrap() []error {
	errs := []error{}
	if e.Kind != nil {
		errs = append(errs, e.Kind)
	}
	switch e.Kind {
	case ErrRateLimited:
		errs = append(errs, ErrRetryable)
	case ErrUnauthorized, ErrNotFound, ErrRefused:
		errs = append(errs, ErrPermanent)
	}
	if e.Err != nil {
		errs = append(errs, e.Err)
	}
	return errs
}

// RetryAfter returns how long the portal asked the caller to wait, when any
// error in err's chain carries such a hint.
func RetryAfter(err error) (time.Duration, bool) {
	var e *Error
	if errors.As(err, &e) && e.RetryAfter > 0 {
		return e.RetryAfter, true
	}
	return 0, false
}
