package revocation

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestHTTPFetcher(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := calls.Add(1)
		switch r.URL.Path {
		case "/ocsp":
			body, _ := io.ReadAll(r.Body)
			if r.Method != "POST" || r.Header.Get("Content-Type") != "application/ocsp-request" || string(body) != "req" {
				w.WriteHeader(400)
				return
			}
			_, _ = w.Write([]byte("answer"))
		case "/flaky.crl": // 503 once, then the CRL
			if n == 2 {
				w.WriteHeader(503)
				return
			}
			_, _ = w.Write([]byte("crl"))
		case "/huge.crl":
			_, _ = w.Write([]byte(strings.Repeat("x", MaxResponse+10)))
		default:
			w.WriteHeader(404)
		}
	}))
	defer srv.Close()
	f := NewHTTPFetcher(2*time.Second, []string{"127.0.0.1"})
	ctx := context.Background()
	if b, err := f.FetchOCSP(ctx, srv.URL+"/ocsp", []byte("req")); err != nil || string(b) != "answer" {
		t.Fatalf("OCSP: %q %v", b, err)
	}
	if b, err := f.FetchCRL(ctx, srv.URL+"/flaky.crl"); err != nil || string(b) != "crl" {
		t.Fatalf("a 503 was not retried: %q %v", b, err)
	}
	if _, err := f.FetchCRL(ctx, srv.URL+"/missing.crl"); err == nil || !strings.Contains(err.Error(), "HTTP 404") {
		t.Fatalf("404: %v", err)
	}
	if _, err := f.FetchCRL(ctx, srv.URL+"/huge.crl"); err == nil || !strings.Contains(err.Error(), "exceeds") {
		t.Fatalf("huge CRL: %v", err)
	}
}

// TestRevocationRedirectsPassTheAllowlist: a redirect to a host outside
// signing.revocation_hosts is not followed; one inside is (issue 18 §9).
func TestRevocationRedirectsPassTheAllowlist(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/away.crl": // the same server under a name the allowlist lacks
			http.Redirect(w, r, "http://localhost:"+r.Host[strings.LastIndexByte(r.Host, ':')+1:]+"/secret.crl", http.StatusFound)
		case "/near.crl":
			http.Redirect(w, r, "/real.crl", http.StatusFound)
		case "/secret.crl":
			hits.Add(1)
			_, _ = w.Write([]byte("internal data"))
		case "/real.crl":
			_, _ = w.Write([]byte("crl"))
		}
	}))
	defer srv.Close()
	f := NewHTTPFetcher(2*time.Second, []string{"127.0.0.1"})
	ctx := context.Background()
	if b, err := f.FetchCRL(ctx, srv.URL+"/away.crl"); err == nil || hits.Load() != 0 || !strings.Contains(err.Error(), "not in signing.revocation_hosts") {
		t.Fatalf("redirect to a host outside the allowlist: %q %v (hits %d)", b, err, hits.Load())
	}
	if b, err := f.FetchCRL(ctx, srv.URL+"/near.crl"); err != nil || string(b) != "crl" {
		t.Fatalf("redirect within the allowlist: %q %v", b, err)
	}
}

// TestRevocationDialChecksConnectedAddress: without an allowlist, the address
// actually connected to is checked, so a name resolving to an internal address
// at connection time (DNS rebinding) is refused however it passed the earlier
// check (issue 18 §9).
func TestRevocationDialChecksConnectedAddress(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		_, _ = w.Write([]byte("internal data"))
	}))
	defer srv.Close()
	port := srv.URL[strings.LastIndexByte(srv.URL, ':')+1:]
	f := NewHTTPFetcher(2*time.Second, nil)
	// "localhost" stands for a public name that now resolves to 127.0.0.1.
	for _, u := range []string{"http://localhost:" + port + "/x.crl", srv.URL + "/x.crl"} {
		if _, err := f.FetchCRL(context.Background(), u); err == nil || !strings.Contains(err.Error(), "internal address") {
			t.Fatalf("%s: %v", u, err)
		}
	}
	if hits.Load() != 0 {
		t.Fatalf("the internal server was reached %d times", hits.Load())
	}
}
