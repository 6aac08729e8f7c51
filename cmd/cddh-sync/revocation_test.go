package main

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

func TestRestyFetcher(t *testing.T) {
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
			_, _ = w.Write([]byte(strings.Repeat("x", maxRevocationResponse+10)))
		default:
			w.WriteHeader(404)
		}
	}))
	defer srv.Close()
	f := newRestyFetcher(2 * time.Second)
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
