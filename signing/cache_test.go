package signing

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"math/big"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/ocsp"
)

type countingFetcher struct {
	ocsp, crl []byte
	calls     int
}

func (f *countingFetcher) FetchOCSP(context.Context, string, []byte) ([]byte, error) {
	f.calls++
	return f.ocsp, nil
}

func (f *countingFetcher) FetchCRL(context.Context, string) ([]byte, error) {
	f.calls++
	return f.crl, nil
}

func TestCachingFetcher(t *testing.T) {
	t.Parallel()
	p := newTestPKI(t)
	now := date(2026, 6, 1)
	leaf := p.leaf(t, certSpec{cn: "Cached"})
	ocspDER, err := ocsp.CreateResponse(p.sub.cert, p.responder.cert, ocsp.Response{Status: ocsp.Good,
		SerialNumber: leaf.cert.SerialNumber, ThisUpdate: now, NextUpdate: now.Add(3 * time.Hour), Certificate: p.responder.cert}, p.responder.key)
	if err != nil {
		t.Fatal(err)
	}
	crlDER, err := x509.CreateRevocationList(rand.Reader, &x509.RevocationList{Number: big.NewInt(1), ThisUpdate: now,
		NextUpdate: now.Add(7 * 24 * time.Hour)}, p.sub.cert, p.sub.key)
	if err != nil {
		t.Fatal(err)
	}
	next := &countingFetcher{ocsp: ocspDER, crl: crlDER}
	clock := now
	c := &CachingFetcher{Next: next, AllowHosts: []string{"ocsp.ca.gov.vn", "127.0.0.1"}, Now: func() time.Time { return clock }}
	ctx := context.Background()
	req := []byte("request for one serial")

	for range 3 {
		if _, err := c.FetchOCSP(ctx, "http://ocsp.ca.gov.vn", req); err != nil {
			t.Fatal(err)
		}
	}
	if next.calls != 1 {
		t.Fatalf("3 fetches of one answer asked the responder %d times", next.calls)
	}
	if _, err := c.FetchOCSP(ctx, "http://ocsp.ca.gov.vn", []byte("another serial")); err != nil || next.calls != 2 {
		t.Fatalf("another serial must be asked for (calls %d, %v)", next.calls, err)
	}
	clock = now.Add(3*time.Hour + time.Second) // past nextUpdate
	if _, err := c.FetchOCSP(ctx, "http://ocsp.ca.gov.vn", req); err != nil || next.calls != 3 {
		t.Fatalf("an answer past its nextUpdate was served from the cache (calls %d, %v)", next.calls, err)
	}
	// A CRL is kept at most MaxAge (24h), though its nextUpdate is a week away.
	for range 2 {
		if _, err := c.FetchCRL(ctx, "http://127.0.0.1/sub.crl"); err != nil {
			t.Fatal(err)
		}
	}
	if next.calls != 4 {
		t.Fatalf("CRL calls: %d", next.calls)
	}
	clock = clock.Add(25 * time.Hour)
	if _, err := c.FetchCRL(ctx, "http://127.0.0.1/sub.crl"); err != nil || next.calls != 5 {
		t.Fatalf("a CRL older than MaxAge was served (calls %d, %v)", next.calls, err)
	}

	// The allowlist.
	if _, err := c.FetchCRL(ctx, "http://elsewhere.example/crl"); err == nil || !strings.Contains(err.Error(), "signing.revocation_hosts") {
		t.Fatalf("a host outside the allowlist was contacted: %v", err)
	}
	// Without an allowlist, addresses inside the network are refused.
	open := &CachingFetcher{Next: next}
	for _, u := range []string{"http://127.0.0.1/crl", "http://10.1.2.3/ocsp", "http://[::1]/crl", "http://169.254.169.254/latest", "file:///etc/passwd"} {
		if _, err := open.FetchCRL(ctx, u); err == nil {
			t.Errorf("%s was fetched", u)
		}
	}
}

// BenchmarkVerifyLimit is the physical floor of verifying the same file as
// BenchmarkVerifyPDF: SHA-256 over its bytes plus one signature verification
// with the signer's key (BENCHMARKS.md item 2). The ratio of the two is what the
// parsing, chain building and revocation checks cost on top.
//
//	go test -run '^$' -bench 'VerifyPDF|VerifyLimit' ./signing
func BenchmarkVerifyLimit(b *testing.B) {
	p := newTestPKI(b)
	at := date(2026, 6, 1)
	leaf := p.leaf(b, certSpec{cn: "Bench"})
	doc := signPDF(b, basePDF("bench"), signOpts{signer: leaf, chain: []*x509.Certificate{p.sub.cert},
		ocsp: [][]byte{p.ocspFor(b, leaf, time.Time{}, at)}}, 6, "6 0 R", "ETSI.CAdES.detached")
	sum := sha256.Sum256(doc)
	sig, err := leaf.key.Sign(rand.Reader, sum[:], crypto.SHA256)
	if err != nil {
		b.Fatal(err)
	}
	pub := leaf.cert.PublicKey.(*ecdsa.PublicKey)
	b.SetBytes(int64(len(doc)))
	b.ResetTimer()
	for b.Loop() {
		h := sha256.Sum256(doc)
		if !ecdsa.VerifyASN1(pub, h[:], sig) {
			b.Fatal("verify failed")
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "files/s")
}
