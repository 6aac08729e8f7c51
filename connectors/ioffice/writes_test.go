package ioffice

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"cddh-sync/connectors"
	"cddh-sync/connectors/portalsim"
	"cddh-sync/connectors/portalsim/simtest"
)

func TestPutAndGetTask(t *testing.T) {
	t.Parallel()
	p := newPortal(t, portalsim.Options{})
	doc := p.addDoc(t, 0, portalsim.Document{Notation: "45/TB-UBND", Type: "Thông báo"})
	c := p.client(t, nil)
	ctx := context.Background()
	rec := connectors.TaskRecord{
		Key: "NV-45/TB-UBND-1", DocumentID: doc, Reference: "45/TB-UBND",
		Content:      "Giao Sở Tài chính chủ trì rà soát",
		Lead:         connectors.UnitRef{Code: "000.00.12.H20", Name: "Sở Tài chính"},
		Coordinating: []connectors.UnitRef{{Code: "000.00.15.H20", Name: "Sở Xây dựng"}},
		Due:          time.Date(2026, 3, 20, 23, 59, 59, 0, connectors.Zone),
		Status:       "Đang thực hiện", Extensions: 1, Note: "",
		Signature: &connectors.SignatureVerdict{Result: "TOTAL_PASSED", Signer: "Trần Văn B"},
	}
	// A PUT repeated is harmless (the record keeps its version); a changed
	// record gets a new one.
	changed := rec
	changed.Status = "Đã hoàn thành"
	for i, step := range []struct {
		rec     connectors.TaskRecord
		version int64
	}{{rec, 1}, {rec, 1}, {changed, 2}} {
		got, err := c.PutTask(ctx, step.rec)
		if err != nil {
			t.Fatalf("PutTask %d: %v", i, err)
		}
		if got.Version != step.version || got.Key != rec.Key || !got.Due.Equal(rec.Due) || got.Lead != rec.Lead || got.Status != step.rec.Status ||
			len(got.Coordinating) != 1 || got.Signature == nil || got.Signature.Result != "TOTAL_PASSED" || got.Extensions != 1 {
			t.Errorf("PutTask %d: stored = %+v", i, got)
		}
	}
	if st := p.sim.Stats(); st.TaskPuts != 3 || st.TaskChanges != 2 {
		t.Errorf("portal saw %d PUTs, %d changes; want 3, 2", st.TaskPuts, st.TaskChanges)
	}
	back, err := c.GetTask(ctx, rec.Key)
	if err != nil {
		t.Fatal(err)
	}
	if back.Content != rec.Content || back.DocumentID != doc || back.Status != changed.Status || back.Version != 2 {
		t.Errorf("read back = %+v", back)
	}
	if _, err := c.GetTask(ctx, "missing"); !errors.Is(err, connectors.ErrNotFound) {
		t.Errorf("missing task: err = %v", err)
	}
}

// gatewayTimeout forwards a comment to the portal, which applies it, and then
// answers 504 itself: a gateway that gave up waiting.
func gatewayTimeout(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if portalsim.EndpointName(r) != "comment_post" {
			next.ServeHTTP(w, r)
			return
		}
		next.ServeHTTP(httptest.NewRecorder(), r)
		simtest.WriteEnvelope(w, http.StatusGatewayTimeout, "", "")
	})
}

// The portal applies the comment, then the answer is lost: the client must not
// repeat it, must say the outcome is unknown, and the marker must find it.
func TestPostCommentLostResponse(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		fault portalsim.Fault                 // the simulator's own, scripted for the POST
		wrap  func(http.Handler) http.Handler // or a gateway in front of it
	}{
		{name: "connection dropped", fault: portalsim.FaultLost},
		{name: "connection cut mid-body", fault: portalsim.FaultCut},
		{name: "garbled answer", fault: portalsim.FaultMalformed},
		{name: "gateway timeout", wrap: gatewayTimeout},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var wrap []func(http.Handler) http.Handler
			if tc.wrap != nil {
				wrap = append(wrap, tc.wrap)
			}
			p := newPortal(t, portalsim.Options{}, wrap...)
			doc := p.addDoc(t, 0, portalsim.Document{})
			if tc.fault != "" {
				p.inject(t, "comment_post", tc.fault)
			}
			c := p.client(t, nil)
			ctx := context.Background()
			const marker = "[cddh:reg-7-v1]"
			_, err := c.PostComment(ctx, doc, "Đăng ký nhiệm vụ: Sở Tài chính, hạn 20/03/2026 "+marker)
			if !errors.Is(err, connectors.ErrUnknownOutcome) {
				t.Fatalf("err = %v, want ErrUnknownOutcome", err)
			}
			if errors.Is(err, connectors.ErrRetryable) {
				t.Errorf("an unknown outcome must not look retryable: %v", err)
			}
			if got := p.tap.Count("comment_post"); got != 1 {
				t.Errorf("POST sent %d times, want 1", got)
			}
			if got := len(p.sim.Comments(doc)); got != 1 {
				t.Errorf("portal holds %d comments, want 1 (applied once)", got)
			}
			found, err := c.FindCommentMarker(ctx, doc, marker)
			if err != nil || !found {
				t.Errorf("FindCommentMarker = %v, %v; want true", found, err)
			}
			if found, _ := c.FindCommentMarker(ctx, doc, "[cddh:other]"); found {
				t.Error("found a marker that was never written")
			}
		})
	}
}

// A refusal before processing (429, 503, 401) is safe to repeat, even for a comment.
func TestPostCommentRetriedWhenCertainlyNotApplied(t *testing.T) {
	t.Parallel()
	p := newPortal(t, portalsim.Options{})
	doc := p.addDoc(t, 0, portalsim.Document{})
	p.inject(t, "comment_post", portalsim.Fault429, portalsim.Fault503, portalsim.FaultExpireHTTP)
	c := p.client(t, nil)
	cm, err := c.PostComment(context.Background(), doc, "Nhắc hạn [cddh:due-1]")
	if err != nil {
		t.Fatalf("PostComment: %v", err)
	}
	if cm.ID != 1 || cm.Content != "Nhắc hạn [cddh:due-1]" {
		t.Errorf("comment = %+v", cm)
	}
	if got := p.tap.Count("comment_post"); got != 4 {
		t.Errorf("POST sent %d times, want 4 (429, 503, 401, applied)", got)
	}
	if got := len(p.sim.Comments(doc)); got != 1 {
		t.Errorf("%d comments stored, want 1", got)
	}
}

func TestPostCommentConnectionRefused(t *testing.T) {
	t.Parallel()
	// A port nothing listens on: the request can never be sent.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	c, err := New(Options{BaseURL: "http://" + addr, Username: "cddh", Password: "x", MaxRetries: 1,
		BaseBackoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	c.token = "cached-token" // as if logged in earlier
	_, err = c.PostComment(context.Background(), 1, "x [cddh:k]")
	if !errors.Is(err, connectors.ErrRetryable) || errors.Is(err, connectors.ErrUnknownOutcome) {
		t.Errorf("err = %v, want retryable (never sent), not unknown", err)
	}
}
