package signing

import (
	"crypto/x509"
	"strings"
	"testing"
	"time"
)

// TestProofOfExistence covers ETSI EN 319 102-1's proof-of-existence rules for a
// revoked or expired signing certificate, as EU DSS applies them:
//   - a content time-stamp (signed attribute, imprint over the signed data) dated
//     after the revocation or expiry proves the signature was made after it:
//     TOTAL_FAILED with REVOKED or EXPIRED (5.3.4 step 4; DSS
//     vpfbs.AbstractBasicValidationProcess);
//   - a signature time-stamp proves only that the signature existed before its
//     time: before the revocation or expiry it passes, after it the answer is
//     INDETERMINATE (5.5.4; DSS vpfltvd.RevocationDateAfterBestSignatureTimeCheck
//     and BestSignatureTimeBeforeCertificateExpirationCheck);
//   - the signing-time attribute is the signer's claim and proves nothing;
//   - without proof: INDETERMINATE with REVOKED_NO_POE or OUT_OF_BOUNDS_NO_POE.
func TestProofOfExistence(t *testing.T) {
	t.Parallel()
	p := newTestPKI(t)
	at := date(2026, 6, 1)
	revokedOn := date(2026, 3, 1)
	before, after := date(2026, 2, 1), date(2026, 4, 1)
	revoked := p.leaf(t, certSpec{cn: "Revoked signer"}) // valid 2025–2028
	expired := p.leaf(t, certSpec{cn: "Expired signer", from: date(2023, 1, 1), to: date(2025, 1, 1)})
	good := p.leaf(t, certSpec{cn: "Good signer"})
	expiredOn := expired.cert.NotAfter
	beforeExp, afterExp := date(2024, 6, 1), date(2025, 6, 1)
	chain := []*x509.Certificate{p.sub.cert}
	rogueTSA := newEntity(t, certSpec{cn: "Rogue TSA", from: date(2020, 1, 1), to: date(2039, 1, 1),
		keyUsage: x509.KeyUsageDigitalSignature, eku: []x509.ExtKeyUsage{x509.ExtKeyUsageTimeStamping}}, p.otherRoot)
	revokedOCSP := [][]byte{p.ocspFor(t, revoked, revokedOn, at)}
	goodOCSP := func(e *entity) [][]byte { return [][]byte{p.ocspFor(t, e, time.Time{}, at.Add(-time.Hour))} }
	base := basePDF("Chỉ thị số 07")
	sign := func(o signOpts) []byte {
		if o.tsa == nil {
			o.tsa, o.tsaChain = p.tsa, chain
		}
		o.chain = chain
		return signPDF(t, base, o, 6, "6 0 R", "ETSI.CAdES.detached")
	}
	cases := []struct {
		name    string
		o       signOpts
		wantInd Indication
		wantSub SubIndication
		errHas  string // a word the reason must contain
	}{
		// Revoked on 2026-03-01.
		{"revoked, no time-stamp, no claim", signOpts{signer: revoked, ocsp: revokedOCSP},
			Indeterminate, RevokedNoPOE, "no time-stamp"},
		{"revoked, signing-time claims after revocation", signOpts{signer: revoked, ocsp: revokedOCSP, signingTime: after},
			Indeterminate, RevokedNoPOE, "claim is not proof"},
		{"revoked, signing-time claims before revocation", signOpts{signer: revoked, ocsp: revokedOCSP, signingTime: before},
			Indeterminate, RevokedNoPOE, "claim is not proof"},
		{"revoked, signature time-stamp before revocation", signOpts{signer: revoked, ocsp: revokedOCSP, tsTime: before},
			TotalPassed, "", ""},
		{"revoked, signature time-stamp after revocation", signOpts{signer: revoked, ocsp: revokedOCSP, tsTime: after},
			Indeterminate, RevokedNoPOE, "existed at"},
		{"revoked, signature time-stamp after revocation, claim after too", signOpts{signer: revoked, ocsp: revokedOCSP, tsTime: after, signingTime: after},
			Indeterminate, RevokedNoPOE, "existed at"},
		{"revoked, content time-stamp after revocation", signOpts{signer: revoked, ocsp: revokedOCSP, contentTS: after},
			TotalFailed, Revoked, "content time-stamp"},
		{"revoked, content and signature time-stamps after revocation", signOpts{signer: revoked, ocsp: revokedOCSP, contentTS: after, tsTime: after.Add(time.Hour)},
			TotalFailed, Revoked, "content time-stamp"},
		{"revoked, content time-stamp before revocation only", signOpts{signer: revoked, ocsp: revokedOCSP, contentTS: before},
			Indeterminate, RevokedNoPOE, "no time-stamp"},
		{"revoked, content and signature time-stamps before revocation", signOpts{signer: revoked, ocsp: revokedOCSP, contentTS: before, tsTime: before.Add(time.Hour)},
			TotalPassed, "", ""},
		{"revoked, content time-stamp after revocation from an untrusted TSA", signOpts{signer: revoked, ocsp: revokedOCSP, contentTS: after, tsa: rogueTSA},
			Indeterminate, RevokedNoPOE, "no time-stamp"},
		{"revoked, signature time-stamp before revocation from an untrusted TSA", signOpts{signer: revoked, ocsp: revokedOCSP, tsTime: before, tsa: rogueTSA},
			Indeterminate, RevokedNoPOE, "no time-stamp"},
		// Expired on 2025-01-01.
		{"expired, no time-stamp", signOpts{signer: expired, ocsp: goodOCSP(expired)},
			Indeterminate, OutOfBoundsNoPOE, "no time-stamp"},
		{"expired, signing-time claims within validity", signOpts{signer: expired, ocsp: goodOCSP(expired), signingTime: beforeExp},
			Indeterminate, OutOfBoundsNoPOE, "claim is not proof"},
		{"expired, signing-time claims after expiry", signOpts{signer: expired, ocsp: goodOCSP(expired), signingTime: afterExp},
			Indeterminate, OutOfBoundsNoPOE, "claim is not proof"},
		{"expired, signature time-stamp within validity", signOpts{signer: expired, ocsp: goodOCSP(expired), tsTime: beforeExp},
			TotalPassed, "", ""},
		{"expired, signature time-stamp after expiry", signOpts{signer: expired, ocsp: goodOCSP(expired), tsTime: afterExp},
			Indeterminate, OutOfBoundsNoPOE, "existed at"},
		{"expired, content time-stamp after expiry", signOpts{signer: expired, ocsp: goodOCSP(expired), contentTS: afterExp},
			TotalFailed, Expired, "content time-stamp"},
		{"expired, content time-stamp within validity only", signOpts{signer: expired, ocsp: goodOCSP(expired), contentTS: beforeExp},
			Indeterminate, OutOfBoundsNoPOE, "no time-stamp"},
		{"expired, content and signature time-stamps within validity", signOpts{signer: expired, ocsp: goodOCSP(expired), contentTS: beforeExp, tsTime: beforeExp.Add(time.Hour)},
			TotalPassed, "", ""},
		// Time-stamps out of order: the content cannot be stamped after the signature existed.
		{"content time-stamp later than the signature time-stamp", signOpts{signer: good, ocsp: goodOCSP(good), contentTS: after, tsTime: before},
			Indeterminate, TimestampOrderFailure, "later than"},
		{"valid certificate, content time-stamp", signOpts{signer: good, ocsp: goodOCSP(good), contentTS: before},
			TotalPassed, "", ""},
	}
	if !expiredOn.Equal(date(2025, 1, 1)) {
		t.Fatalf("test PKI: expired leaf ends %s", expiredOn)
	}
	opt := Options{At: at, TrustAnchors: []*x509.Certificate{p.root.cert}}
	for _, c := range cases {
		doc := sign(c.o)
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			rep := verifyBytes(t, doc, opt)
			if len(rep.Signatures) != 1 {
				t.Fatalf("%d signatures, want 1", len(rep.Signatures))
			}
			s := rep.Signatures[0]
			if s.Indication != c.wantInd || s.SubIndication != c.wantSub {
				t.Fatalf("got %s/%s, want %s/%s (errors %v, warnings %v)", s.Indication, s.SubIndication, c.wantInd, c.wantSub, s.Errors, s.Warnings)
			}
			if c.errHas != "" && !strings.Contains(strings.Join(s.Errors, "; "), c.errHas) {
				t.Fatalf("errors %q do not say %q", s.Errors, c.errHas)
			}
		})
	}
}

// TestContentTimeStampOverOtherData: a content time-stamp whose imprint is not the
// hash of the signed data proves nothing, however it is dated.
func TestContentTimeStampOverOtherData(t *testing.T) {
	t.Parallel()
	p := newTestPKI(t)
	at := date(2026, 6, 1)
	leaf := p.leaf(t, certSpec{cn: "Revoked signer"})
	chain := []*x509.Certificate{p.sub.cert}
	o := signOpts{signer: leaf, chain: chain, ocsp: [][]byte{p.ocspFor(t, leaf, date(2026, 3, 1), at)},
		contentTS: date(2026, 4, 1), contentTSOver: []byte("another document"), tsa: p.tsa, tsaChain: chain}
	doc := signPDF(t, basePDF("x"), o, 6, "6 0 R", "ETSI.CAdES.detached")
	rep := verifyBytes(t, doc, Options{At: at, TrustAnchors: []*x509.Certificate{p.root.cert}})
	s := rep.Signatures[0]
	if s.Indication != Indeterminate || s.SubIndication != RevokedNoPOE {
		t.Fatalf("got %s/%s, want INDETERMINATE/REVOKED_NO_POE (%v %v)", s.Indication, s.SubIndication, s.Errors, s.Warnings)
	}
	if !strings.Contains(strings.Join(s.Warnings, "; "), "content time-stamp ignored") {
		t.Fatalf("warnings %q do not say the content time-stamp was ignored", s.Warnings)
	}
}

// TestRevokedCA: an intermediate revoked (by a CRL in /DSS) with no proof that the
// signature existed before is REVOKED_CA_NO_POE; a signature time-stamp before the
// revocation passes it.
func TestRevokedCA(t *testing.T) {
	t.Parallel()
	p := newTestPKI(t)
	at := date(2026, 6, 1)
	leaf := p.leaf(t, certSpec{cn: "Signer under a revoked CA"})
	chain := []*x509.Certificate{p.sub.cert}
	crl := p.crl(t, p.root, p.sub.cert, date(2026, 3, 1), at)
	for _, c := range []struct {
		name string
		ts   time.Time
		want SubIndication
	}{{"no time-stamp", time.Time{}, RevokedCANoPOE}, {"signature time-stamp before", date(2026, 2, 1), ""}} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			o := signOpts{signer: leaf, chain: chain, ocsp: [][]byte{p.ocspFor(t, leaf, time.Time{}, at)}, tsTime: c.ts, tsa: p.tsa, tsaChain: chain}
			doc := withDSSCRL(t, signPDF(t, basePDF("CA"), o, 6, "6 0 R", "ETSI.CAdES.detached"), crl)
			s := verifyBytes(t, doc, Options{At: at, TrustAnchors: []*x509.Certificate{p.root.cert}}).Signatures[0]
			if s.SubIndication != c.want {
				t.Fatalf("got %s/%s, want %s (%v %v)", s.Indication, s.SubIndication, c.want, s.Errors, s.Warnings)
			}
		})
	}
}
