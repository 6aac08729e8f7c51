package ioffice

import (
	"context"
	"errors"
	"io"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"cddh-sync/connectors"
)

func TestPutAndGetTask(t *testing.T) {
	t.Parallel()
	f := newFakePortal(t)
	c := f.client(t, nil)
	ctx := context.Background()
	rec := connectors.TaskRecord{
		Key: "NV-45/TB-UBND-1", DocumentID: 7, Reference: "45/TB-UBND",
		Content:      "Giao Sở Tài chính chủ trì rà soát",
		Lead:         connectors.UnitRef{Code: "000.00.12.H20", Name: "Sở Tài chính"},
		Coordinating: []connectors.UnitRef{{Code: "000.00.15.H20", Name: "Sở Xây dựng"}},
		Due:          time.Date(2026, 3, 20, 23, 59, 59, 0, connectors.Zone),
		Status:       "Đang thực hiện", Extensions: 1, Note: "",
		Signature: &connectors.SignatureVerdict{Result: "TOTAL_PASSED", Signer: "Trần Văn B"},
	}
	for i, wantVersion := range []int64{1, 2} { // a PUT repeated is harmless
		got, err := c.PutTask(ctx, rec)
		if err != nil {
			t.Fatalf("PutTask %d: %v", i, err)
		}
		if got.Version != wantVersion || got.Key != rec.Key || !got.Due.Equal(rec.Due) || got.Lead != rec.Lead ||
			len(got.Coordinating) != 1 || got.Signature == nil || got.Signature.Result != "TOTAL_PASSED" || got.Extensions != 1 {
			t.Errorf("stored = %+v", got)
		}
	}
	back, err := c.GetTask(ctx, rec.Key)
	if err != nil {
		t.Fatal(err)
	}
	if back.Content != rec.Content || back.DocumentID != 7 || back.Status != rec.Status {
		t.Errorf("read back = %+v", back)
	}
	if _, err := c.GetTask(ctx, "missing"); !errors.Is(err, connectors.ErrNotFound) {
		t.Errorf("missing task: err = %v", err)
	}
}

// The portal applies the comment, then the answer is lost: the client must not
// repeat it, must say the outcome is unknown, and the marker must find it.
func TestPostCommentLostResponse(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		lose func(w http.ResponseWriter)
	}{
		{"connection cut", func(w http.ResponseWriter) { hijackCut(w, `{"status":`) }},
		{"gateway timeout", func(w http.ResponseWriter) { writeEnvelope(w, 504, "", "", nil) }},
		{"garbled answer", func(w http.ResponseWriter) { w.Write([]byte("{{{")) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFakePortal(t)
			var lose atomic.Bool
			lose.Store(true)
			f.hook = func(w http.ResponseWriter, r *http.Request, rt string) bool {
				if rt == "POST /document/comment/{}/" && lose.Swap(false) {
					// Apply it for real, then lose the answer.
					rec := &discardWriter{header: http.Header{}}
					f.postComment(rec, r)
					tc.lose(w)
					return true
				}
				return false
			}
			c := f.client(t, nil)
			ctx := context.Background()
			const marker = "[cddh:reg-7-v1]"
			_, err := c.PostComment(ctx, 7, "Đăng ký nhiệm vụ: Sở Tài chính, hạn 20/03/2026 "+marker)
			if !errors.Is(err, connectors.ErrUnknownOutcome) {
				t.Fatalf("err = %v, want ErrUnknownOutcome", err)
			}
			if errors.Is(err, connectors.ErrRetryable) {
				t.Errorf("an unknown outcome must not look retryable: %v", err)
			}
			if got := f.count("POST /document/comment/{}/"); got != 1 {
				t.Errorf("POST sent %d times, want 1", got)
			}
			found, err := c.FindCommentMarker(ctx, 7, marker)
			if err != nil || !found {
				t.Errorf("FindCommentMarker = %v, %v; want true", found, err)
			}
			if found, _ := c.FindCommentMarker(ctx, 7, "[cddh:other]"); found {
				t.Error("found a marker that was never written")
			}
		})
	}
}

// A refusal before processing (429, 503, 401) is safe to repeat, even for a comment.
func TestPostCommentRetriedWhenCertainlyNotApplied(t *testing.T) {
	t.Parallel()
	f := newFakePortal(t)
	var n atomic.Int32
	f.hook = func(w http.ResponseWriter, r *http.Request, rt string) bool {
		if rt != "POST /document/comment/{}/" {
			return false
		}
		switch n.Add(1) {
		case 1:
			w.Header().Set("Retry-After", "0")
			writeEnvelope(w, 429, "", "", nil)
			return true
		case 2:
			writeEnvelope(w, 503, "", "", nil)
			return true
		case 3:
			writeEnvelope(w, 401, "401", "", nil)
			return true
		}
		return false
	}
	c := f.client(t, nil)
	cm, err := c.PostComment(context.Background(), 9, "Nhắc hạn [cddh:due-1]")
	if err != nil {
		t.Fatalf("PostComment: %v", err)
	}
	if cm.ID != 1 || cm.Content != "Nhắc hạn [cddh:due-1]" {
		t.Errorf("comment = %+v", cm)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.comments[9]) != 1 {
		t.Errorf("%d comments stored, want 1", len(f.comments[9]))
	}
}

func TestPostCommentConnectionRefused(t *testing.T) {
	t.Parallel()
	f := newFakePortal(t)
	c := f.client(t, func(o *Options) { o.MaxRetries = 1 })
	f.srv.Close()            // nothing listens any more: the request can never be sent
	c.token = "cached-token" // as if logged in earlier
	_, err := c.PostComment(context.Background(), 1, "x [cddh:k]")
	if !errors.Is(err, connectors.ErrRetryable) || errors.Is(err, connectors.ErrUnknownOutcome) {
		t.Errorf("err = %v, want retryable (never sent), not unknown", err)
	}
}

// discardWriter lets the fake apply a write while the real answer is lost.
type discardWriter struct{ header http.Header }

func (d *discardWriter) Header() http.Header         { return d.header }
func (d *discardWriter) Write(b []byte) (int, error) { return io.Discard.Write(b) }
func (d *discardWriter) WriteHeader(int)             {}
