package connectors

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"
)

func TestErrorClasses(t *testing.T) {
	t.Parallel()
	all := []error{ErrRetryable, ErrPermanent, ErrRateLimited, ErrUnauthorized, ErrUnknownOutcome, ErrNotFound, ErrRefused}
	tests := []struct {
		kind error
		is   []error
	}{
		{ErrRetryable, []error{ErrRetryable}},
		{ErrPermanent, []error{ErrPermanent}},
		{ErrRateLimited, []error{ErrRateLimited, ErrRetryable}},
		{ErrUnauthorized, []error{ErrUnauthorized, ErrPermanent}},
		{ErrNotFound, []error{ErrNotFound, ErrPermanent}},
		{ErrRefused, []error{ErrRefused, ErrPermanent}},
		{ErrUnknownOutcome, []error{ErrUnknownOutcome}},
	}
	for _, tt := range tests {
		err := fmt.Errorf("outbox: %w", &Error{Kind: tt.kind, Op: "post_comment", Err: io.ErrUnexpectedEOF})
		for _, class := range all {
			want := false
			for _, w := range tt.is {
				want = want || w == class
			}
			if got := errors.Is(err, class); got != want {
				t.Errorf("%v: errors.Is(%v) = %v, want %v", tt.kind, class, got, want)
			}
		}
		if !errors.Is(err, io.ErrUnexpectedEOF) {
			t.Errorf("%v: cause lost", tt.kind)
		}
	}
}

func TestErrorMessageAndRetryAfter(t *testing.T) {
	t.Parallel()
	err := error(&Error{Kind: ErrRateLimited, Op: "search", Endpoint: "GET /document/search/", HTTPStatus: 429,
		Code: "429", Message: "quá tải", RetryAfter: 5 * time.Second})
	msg := err.Error()
	for _, want := range []string{"search", "GET /document/search/", "HTTP 429", `"429"`, "quá tải", "retry after 5s"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q lacks %q", msg, want)
		}
	}
	if d, ok := RetryAfter(fmt.Errorf("wrapped: %w", err)); !ok || d != 5*time.Second {
		t.Errorf("RetryAfter = %v, %v", d, ok)
	}
	if _, ok := RetryAfter(errors.New("plain")); ok {
		t.Error("RetryAfter on a plain error")
	}
}

func TestStreamAndActionVocabulary(t *testing.T) {
	t.Parallel()
	if !StreamIssued.Valid() || !StreamIncoming.Valid() || Stream("di").Valid() {
		t.Error("Stream.Valid")
	}
	for _, k := range []ActionKind{ActionAcknowledge, ActionApprove, ActionReject, ActionExtend, ActionReturn, ActionUrge, ActionCancel} {
		if !k.Known() {
			t.Errorf("%s not known", k)
		}
	}
	if ActionKind("XOA").Known() {
		t.Error("unknown action reported known")
	}
}
