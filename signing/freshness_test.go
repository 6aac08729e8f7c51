package signing

import (
	"crypto/rand"
	"crypto/x509"
	"math/big"
	"testing"
	"time"

	"golang.org/x/crypto/ocsp"
)

// TestRevocationFreshness: "good" is proof only from data that was current at the
// best signature time or issued after it, and never from data dated in the future;
// a revocation is proof whatever its age. A replayed old response or CRL cannot
// hide a later revocation.
func TestRevocationFreshness(t *testing.T) {
	t.Parallel()
	p := newTestPKI(t)
	best := date(2026, 6, 1)
	at := best.Add(72 * time.Hour)
	leaf := p.leaf(t, certSpec{cn: "Freshness"})
	day := 24 * time.Hour
	resp := func(status int, this, next time.Time) []byte {
		tmpl := ocsp.Response{Status: status, SerialNumber: leaf.cert.SerialNumber, ThisUpdate: this, NextUpdate: next,
			Certificate: p.responder.cert}
		if status == ocsp.Revoked {
			tmpl.RevokedAt, tmpl.RevocationReason = best.Add(-10*day), ocsp.KeyCompromise
		}
		der, err := ocsp.CreateResponse(p.sub.cert, p.responder.cert, tmpl, p.responder.key)
		if err != nil {
			t.Fatal(err)
		}
		return der
	}
	crl := func(by *entity, revoked bool, this, next time.Time) []byte {
		tmpl := &x509.RevocationList{Number: big.NewInt(1), ThisUpdate: this, NextUpdate: next}
		if revoked {
			tmpl.RevokedCertificateEntries = []x509.RevocationListEntry{{SerialNumber: leaf.cert.SerialNumber, RevocationTime: best.Add(-10 * day)}}
		}
		der, err := x509.CreateRevocationList(rand.Reader, tmpl, by.cert, by.key)
		if err != nil {
			t.Fatal(err)
		}
		return der
	}
	var zero time.Time
	cases := []struct {
		name         string
		ocsps, crls  [][]byte
		known, stale bool
		revoked      bool
	}{
		{"OCSP current at the signature", [][]byte{resp(ocsp.Good, best.Add(-time.Hour), best.Add(7*day))}, nil, true, false, false},
		{"OCSP issued after the signature", [][]byte{resp(ocsp.Good, best.Add(day), zero)}, nil, true, false, false},
		{"OCSP expired before the signature", [][]byte{resp(ocsp.Good, best.Add(-30*day), best.Add(-23*day))}, nil, false, true, false},
		{"OCSP without next update, older than the signature", [][]byte{resp(ocsp.Good, best.Add(-2*day), zero)}, nil, false, true, false},
		{"OCSP dated in the future", [][]byte{resp(ocsp.Good, at.Add(day), at.Add(8*day))}, nil, false, true, false},
		{"old OCSP saying revoked", [][]byte{resp(ocsp.Revoked, best.Add(-9*day), best.Add(-2*day))}, nil, true, false, true},
		{"stale OCSP, then a current CRL", [][]byte{resp(ocsp.Good, best.Add(-30*day), best.Add(-23*day))},
			[][]byte{crl(p.sub, false, best.Add(-day), best.Add(6*day))}, true, false, false},
		{"CRL current at the signature", nil, [][]byte{crl(p.sub, false, best.Add(-day), best.Add(6*day))}, true, false, false},
		{"CRL expired before the signature", nil, [][]byte{crl(p.sub, false, best.Add(-30*day), best.Add(-23*day))}, false, true, false},
		{"CRL dated in the future", nil, [][]byte{crl(p.sub, false, at.Add(day), at.Add(8*day))}, false, true, false},
		{"old CRL listing the certificate", nil, [][]byte{crl(p.sub, true, best.Add(-9*day), best.Add(-2*day))}, true, false, true},
		{"CRL signed by another CA", nil, [][]byte{crl(p.root, false, best.Add(-day), best.Add(6*day))}, false, false, false},
	}
	for _, c := range cases {
		st := status(leaf.cert, p.sub.cert, c.ocsps, c.crls, best, at)
		if st.known != c.known || st.stale != c.stale || st.revokedAt.IsZero() == c.revoked {
			t.Errorf("%s: known %v stale %v revoked at %v; want known %v stale %v revoked %v",
				c.name, st.known, st.stale, st.revokedAt, c.known, c.stale, c.revoked)
		}
	}

	// End to end: a stale "good" answer fetched online is TRY_LATER, not a pass.
	doc := signPDF(t, basePDF("x"), signOpts{signer: leaf, chain: []*x509.Certificate{p.sub.cert}}, 6, "6 0 R", "ETSI.CAdES.detached")
	rep := verifyBytes(t, doc, Options{At: at, TrustAnchors: []*x509.Certificate{p.root.cert},
		Fetcher: &fakeFetcher{ocsp: resp(ocsp.Good, at.Add(-30*day), at.Add(-23*day))}})
	if rep.Indication != Indeterminate || rep.Signatures[0].SubIndication != TryLater {
		t.Fatalf("stale online answer: %s/%s", rep.Indication, rep.Signatures[0].SubIndication)
	}
}
