package signing

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"fmt"
	"golang.org/x/crypto/ocsp"
	"strconv"
	"strings"
	"testing"
	"time"
)

func verifyBytes(t *testing.T, data []byte, opt Options) *Report {
	t.Helper()
	rep, err := VerifyPDF(context.Background(), "test.pdf", data, opt)
	if err != nil {
		t.Fatalf("VerifyPDF: %v", err)
	}
	return rep
}

func TestVerifyScenarios(t *testing.T) {
	t.Parallel()
	p := newTestPKI(t)
	at := date(2026, 6, 1)
	good := p.leaf(t, certSpec{cn: "Nguyễn Văn A"})
	rsaLeaf := p.leaf(t, certSpec{cn: "RSA signer", rsaBits: 2048})
	weakRSA := p.leaf(t, certSpec{cn: "RSA-1024 signer", rsaBits: 1024})
	expired := p.leaf(t, certSpec{cn: "Expired", from: date(2023, 1, 1), to: date(2025, 1, 1)})
	notYet := p.leaf(t, certSpec{cn: "Not yet", from: date(2027, 1, 1), to: date(2029, 1, 1)})
	badKU := p.leaf(t, certSpec{cn: "Encipherment only", keyUsage: x509.KeyUsageKeyEncipherment})
	serverEKU := p.leaf(t, certSpec{cn: "TLS server", eku: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}})
	sha1Cert := p.leaf(t, certSpec{cn: "SHA-1 certificate", sigAlg: x509.ECDSAWithSHA1})
	chain := []*x509.Certificate{p.sub.cert}
	tsaChain := []*x509.Certificate{p.sub.cert}
	okOCSP := func(e *entity) [][]byte { return [][]byte{p.ocspFor(t, e, time.Time{}, at.Add(-time.Hour))} }
	base := basePDF("Chỉ thị số 01")

	type tc struct {
		name      string
		doc       func() []byte
		trust     []*x509.Certificate
		inter     []*x509.Certificate
		wantInd   Indication
		wantSub   SubIndication
		wantCount int
	}
	sign := func(o signOpts) []byte { return signPDF(t, base, o, 6, "6 0 R", "ETSI.CAdES.detached") }
	roots := []*x509.Certificate{p.root.cert}
	cases := []tc{
		{name: "valid ECDSA", doc: func() []byte {
			return sign(signOpts{signer: good, chain: chain, signingTime: at.Add(-24 * time.Hour), ocsp: okOCSP(good)})
		}, wantInd: TotalPassed},
		{name: "valid RSA PKCS#1 v1.5", doc: func() []byte {
			return sign(signOpts{signer: rsaLeaf, chain: chain, ocsp: okOCSP(rsaLeaf)})
		}, wantInd: TotalPassed},
		{name: "valid RSA-PSS with time-stamp", doc: func() []byte {
			return sign(signOpts{signer: rsaLeaf, chain: chain, pss: true, ocsp: okOCSP(rsaLeaf), tsTime: at.Add(-48 * time.Hour), tsa: p.tsa, tsaChain: tsaChain})
		}, wantInd: TotalPassed},
		{name: "tampered", doc: func() []byte {
			d := sign(signOpts{signer: good, chain: chain, ocsp: okOCSP(good)})
			i := strings.Index(string(d), "Chỉ thị số 01")
			d[i+len("Chỉ thị số ")] = '9'
			return d
		}, wantInd: TotalFailed, wantSub: HashFailure},
		{name: "wrong root", doc: func() []byte {
			return sign(signOpts{signer: good, chain: chain, ocsp: okOCSP(good)})
		}, trust: []*x509.Certificate{p.otherRoot.cert}, wantInd: Indeterminate, wantSub: NoCertificateChainFound},
		{name: "missing intermediate", doc: func() []byte {
			return sign(signOpts{signer: good, ocsp: okOCSP(good)})
		}, wantInd: Indeterminate, wantSub: NoCertificateChainFound},
		{name: "missing intermediate supplied by configuration", doc: func() []byte {
			return sign(signOpts{signer: good, ocsp: okOCSP(good)})
		}, inter: chain, wantInd: TotalPassed},
		{name: "no revocation data", doc: func() []byte {
			return sign(signOpts{signer: good, chain: chain})
		}, wantInd: Indeterminate, wantSub: TryLater},
		// The proof-of-existence cases (revoked, expired, time-stamps, signing-time
		// claims) are in TestProofOfExistence.
		{name: "untrusted TSA gives no proof", doc: func() []byte {
			rogue := newEntity(t, certSpec{cn: "Rogue TSA", from: date(2020, 1, 1), to: date(2039, 1, 1),
				keyUsage: x509.KeyUsageDigitalSignature, eku: []x509.ExtKeyUsage{x509.ExtKeyUsageTimeStamping}}, p.otherRoot)
			return sign(signOpts{signer: expired, chain: chain, ocsp: okOCSP(expired), tsTime: date(2024, 6, 1), tsa: rogue})
		}, wantInd: Indeterminate, wantSub: OutOfBoundsNoPOE},
		{name: "not yet valid", doc: func() []byte {
			return sign(signOpts{signer: notYet, chain: chain, ocsp: okOCSP(notYet)})
		}, wantInd: TotalFailed, wantSub: NotYetValid},
		{name: "bad key usage", doc: func() []byte {
			return sign(signOpts{signer: badKU, chain: chain, ocsp: okOCSP(badKU)})
		}, wantInd: Indeterminate, wantSub: SigConstraintsFailure},
		{name: "server-only extended key usage", doc: func() []byte {
			return sign(signOpts{signer: serverEKU, chain: chain, ocsp: okOCSP(serverEKU)})
		}, wantInd: Indeterminate, wantSub: SigConstraintsFailure},
		{name: "SHA-1 digest", doc: func() []byte {
			return sign(signOpts{signer: rsaLeaf, chain: chain, hash: crypto.SHA1, ocsp: okOCSP(rsaLeaf)})
		}, wantInd: Indeterminate, wantSub: CryptoConstraintsFailure},
		{name: "certificate signed with SHA-1", doc: func() []byte {
			return sign(signOpts{signer: sha1Cert, chain: chain, ocsp: okOCSP(sha1Cert)})
		}, wantInd: Indeterminate, wantSub: CryptoConstraintsFailure},
		{name: "RSA under 2048 bits", doc: func() []byte {
			return sign(signOpts{signer: weakRSA, chain: chain, ocsp: okOCSP(weakRSA)})
		}, wantInd: Indeterminate, wantSub: CryptoConstraintsFailure},
		{name: "unsigned file", doc: func() []byte { return base }, wantInd: NoSignatureFound, wantCount: -1},
		{name: "page content changed after signing", doc: func() []byte {
			d := sign(signOpts{signer: good, chain: chain, ocsp: okOCSP(good)})
			c := "BT /F1 12 Tf 72 720 Td (Noi dung khac) Tj ET"
			return appendUpdate(t, d, map[int]string{4: "<< /Length " + itoa(len(c)) + " >>\nstream\n" + c + "\nendstream"})
		}, wantInd: TotalFailed, wantSub: FormatFailure},
		{name: "page added after signing", doc: func() []byte {
			d := sign(signOpts{signer: good, chain: chain, ocsp: okOCSP(good)})
			return appendUpdate(t, d, map[int]string{
				2:  "<< /Type /Pages /Kids [3 0 R 20 0 R] /Count 2 >>",
				20: "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
			})
		}, wantInd: TotalFailed, wantSub: FormatFailure},
		{name: "ByteRange gap wider than /Contents", doc: func() []byte {
			d := sign(signOpts{signer: good, chain: chain, ocsp: okOCSP(good)})
			s := string(d)
			i := strings.LastIndex(s, "/ByteRange [0 ")
			var a, b, c int
			if _, err := sscanf(s[i:], &a, &b, &c); err != nil {
				t.Fatal(err)
			}
			repl := "/ByteRange [0 " + pad10(a-1) + " " + pad10(b) + " " + pad10(c) + "]"
			return []byte(s[:i] + repl + s[i+len(repl):])
		}, wantInd: TotalFailed, wantSub: FormatFailure},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			opt := Options{At: at, TrustAnchors: roots, Intermediates: c.inter}
			if c.trust != nil {
				opt.TrustAnchors = c.trust
			}
			rep := verifyBytes(t, c.doc(), opt)
			if rep.Indication != c.wantInd {
				t.Fatalf("indication %s, want %s (%+v)", rep.Indication, c.wantInd, rep.Signatures)
			}
			if c.wantCount < 0 {
				return
			}
			if len(rep.Signatures) != 1 {
				t.Fatalf("%d signatures, want 1", len(rep.Signatures))
			}
			s := rep.Signatures[0]
			if s.SubIndication != c.wantSub {
				t.Fatalf("sub-indication %q, want %q (errors %v, warnings %v)", s.SubIndication, c.wantSub, s.Errors, s.Warnings)
			}
		})
	}
}

// TestTwoSignatures: the leader's signature then the organisation's, as successive
// incremental updates (the usual shape of an issued directive).
func TestTwoSignatures(t *testing.T) {
	t.Parallel()
	p := newTestPKI(t)
	at := date(2026, 6, 1)
	leader := p.leaf(t, certSpec{cn: "Chủ tịch UBND"})
	org := p.leaf(t, certSpec{cn: "UBND tỉnh Đồng Tháp"})
	chain := []*x509.Certificate{p.sub.cert}
	doc := basePDF("Quyết định")
	doc = signPDF(t, doc, signOpts{signer: leader, chain: chain, ocsp: [][]byte{p.ocspFor(t, leader, time.Time{}, at)}}, 6, "6 0 R", "ETSI.CAdES.detached")
	doc = signPDF(t, doc, signOpts{signer: org, chain: chain, ocsp: [][]byte{p.ocspFor(t, org, time.Time{}, at)}}, 8, "6 0 R 8 0 R", "adbe.pkcs7.detached")
	rep := verifyBytes(t, doc, Options{At: at, TrustAnchors: []*x509.Certificate{p.root.cert}})
	if rep.Indication != TotalPassed || len(rep.Signatures) != 2 {
		t.Fatalf("got %s with %d signatures: %+v", rep.Indication, len(rep.Signatures), rep.Signatures)
	}
	if rep.Signatures[0].CoversWholeDocument || !rep.Signatures[1].CoversWholeDocument {
		t.Fatalf("coverage: first %v, last %v; want false, true", rep.Signatures[0].CoversWholeDocument, rep.Signatures[1].CoversWholeDocument)
	}
	if !strings.Contains(rep.Signatures[0].SignedBy, "Chủ tịch UBND") {
		t.Fatalf("signed_by %q", rep.Signatures[0].SignedBy)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func pad10(n int) string { return fmt.Sprintf("%010d", n) }

func sscanf(s string, a, b, c *int) (int, error) {
	return fmt.Sscanf(s, "/ByteRange [0 %d %d %d]", a, b, c)
}

// fakeFetcher answers revocation requests from memory and counts them.
type fakeFetcher struct {
	ocsp  []byte
	calls int
}

func (f *fakeFetcher) FetchOCSP(_ context.Context, _ string, _ []byte) ([]byte, error) {
	f.calls++
	return f.ocsp, nil
}

func (f *fakeFetcher) FetchCRL(_ context.Context, url string) ([]byte, error) {
	f.calls++
	return nil, fmt.Errorf("no CRL at %s", url)
}

// TestOnlineRevocation: with no embedded data, the Fetcher is asked; without one
// (--offline) the answer is TRY_LATER.
func TestOnlineRevocation(t *testing.T) {
	t.Parallel()
	p := newTestPKI(t)
	at := date(2026, 6, 1)
	leaf := p.leaf(t, certSpec{cn: "Online"})
	doc := signPDF(t, basePDF("x"), signOpts{signer: leaf, chain: []*x509.Certificate{p.sub.cert}}, 6, "6 0 R", "ETSI.CAdES.detached")
	cases := []struct {
		name    string
		fetcher *fakeFetcher
		want    Indication
	}{
		{"offline", nil, Indeterminate},
		{"good answer online", &fakeFetcher{ocsp: p.ocspFor(t, leaf, time.Time{}, at)}, TotalPassed},
		{"revoked answer online", &fakeFetcher{ocsp: p.ocspFor(t, leaf, date(2026, 5, 1), at)}, Indeterminate},
		{"answer signed by an unauthorised key", &fakeFetcher{ocsp: forgedOCSP(t, p, leaf, at)}, Indeterminate},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			opt := Options{At: at, TrustAnchors: []*x509.Certificate{p.root.cert}}
			if c.fetcher != nil {
				opt.Fetcher = c.fetcher
			}
			rep := verifyBytes(t, doc, opt)
			if rep.Indication != c.want {
				t.Fatalf("indication %s, want %s: %+v", rep.Indication, c.want, rep.Signatures)
			}
			if c.fetcher != nil && c.fetcher.calls == 0 {
				t.Fatal("fetcher not used")
			}
		})
	}
}

// forgedOCSP is a "good" answer signed by a certificate without the OCSPSigning EKU.
func forgedOCSP(t *testing.T, p *testPKI, leaf *entity, at time.Time) []byte {
	rogue := newEntity(t, certSpec{cn: "Not a responder", from: date(2020, 1, 1), to: date(2039, 1, 1)}, p.sub)
	der, err := ocsp.CreateResponse(p.sub.cert, rogue.cert, ocsp.Response{Status: ocsp.Good, SerialNumber: leaf.cert.SerialNumber,
		ThisUpdate: at, NextUpdate: at.Add(time.Hour), Certificate: rogue.cert}, rogue.key)
	if err != nil {
		t.Fatal(err)
	}
	return der
}

func BenchmarkVerifyPDF(b *testing.B) {
	p := newTestPKI(b)
	at := date(2026, 6, 1)
	leaf := p.leaf(b, certSpec{cn: "Bench"})
	chain := []*x509.Certificate{p.sub.cert}
	doc := signPDF(b, basePDF("bench"), signOpts{signer: leaf, chain: chain, ocsp: [][]byte{p.ocspFor(b, leaf, time.Time{}, at)}}, 6, "6 0 R", "ETSI.CAdES.detached")
	opt := Options{At: at, TrustAnchors: []*x509.Certificate{p.root.cert}}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		rep, err := VerifyPDF(context.Background(), "bench.pdf", doc, opt)
		if err != nil || rep.Indication != TotalPassed {
			b.Fatalf("%v %v", err, rep)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "files/s")
}

// TestDSSAddedAfterSigning: a later revision that only adds /DSS (certificates and
// OCSP responses) is whitelisted, and its material completes the validation.
func TestDSSAddedAfterSigning(t *testing.T) {
	t.Parallel()
	p := newTestPKI(t)
	at := date(2026, 6, 1)
	leaf := p.leaf(t, certSpec{cn: "LTV signer"})
	signed := signPDF(t, basePDF("LTV"), signOpts{signer: leaf}, 6, "6 0 R", "ETSI.CAdES.detached")
	ocspDER := p.ocspFor(t, leaf, time.Time{}, at)
	withDSS := appendUpdate(t, signed, map[int]string{
		1:  "<< /Type /Catalog /Pages 2 0 R /AcroForm 5 0 R /DSS 30 0 R >>",
		30: "<< /Certs [31 0 R] /OCSPs [32 0 R] >>",
		31: fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(p.sub.cert.Raw), p.sub.cert.Raw),
		32: fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(ocspDER), ocspDER),
	})
	opt := Options{At: at, TrustAnchors: []*x509.Certificate{p.root.cert}}
	if rep := verifyBytes(t, signed, opt); rep.Indication != Indeterminate {
		t.Fatalf("without DSS: %s, want INDETERMINATE (no chain)", rep.Indication)
	}
	rep := verifyBytes(t, withDSS, opt)
	if rep.Indication != TotalPassed {
		t.Fatalf("with DSS: %s %+v", rep.Indication, rep.Signatures)
	}
	if rep.Signatures[0].CoversWholeDocument {
		t.Fatal("covers_whole_document must be false after a DSS update")
	}
}

// signXML signs doc (with a placeholder element <Sig/> at the end of the root)
// using exclusive C14N and ECDSA-SHA256 or RSA-SHA256, the way edXML tools do.
func signXML(t *testing.T, body string, e *entity, chain []*x509.Certificate) string {
	t.Helper()
	return signXMLWithCRLs(t, body, e, chain)
}

// signXMLWithCRLs is signXML with each crl (DER, or any text to embed as is when a
// string) carried in X509Data/X509CRL.
func signXMLWithCRLs(t *testing.T, body string, e *entity, chain []*x509.Certificate, crls ...any) string {
	t.Helper()
	digest := sha256.Sum256([]byte(body))
	signedInfo := `<ds:SignedInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"></ds:CanonicalizationMethod><ds:SignatureMethod Algorithm="%s"></ds:SignatureMethod><ds:Reference URI=""><ds:Transforms><ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"></ds:Transform><ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"></ds:Transform></ds:Transforms><ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"></ds:DigestMethod><ds:DigestValue>%s</ds:DigestValue></ds:Reference></ds:SignedInfo>`
	var method string
	var sig []byte
	switch k := e.key.(type) {
	case *ecdsa.PrivateKey:
		method = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"
		si := fmt.Sprintf(signedInfo, method, base64.StdEncoding.EncodeToString(digest[:]))
		h := sha256.Sum256([]byte(si))
		r, s, err := ecdsa.Sign(rand.Reader, k, h[:])
		if err != nil {
			t.Fatal(err)
		}
		sig = append(r.FillBytes(make([]byte, 32)), s.FillBytes(make([]byte, 32))...)
	case *rsa.PrivateKey:
		method = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
		si := fmt.Sprintf(signedInfo, method, base64.StdEncoding.EncodeToString(digest[:]))
		h := sha256.Sum256([]byte(si))
		var err error
		if sig, err = rsa.SignPKCS1v15(rand.Reader, k, crypto.SHA256, h[:]); err != nil {
			t.Fatal(err)
		}
	}
	si := fmt.Sprintf(signedInfo, method, base64.StdEncoding.EncodeToString(digest[:]))
	certs := ""
	for _, c := range append([]*x509.Certificate{e.cert}, chain...) {
		certs += "<ds:X509Certificate>" + base64.StdEncoding.EncodeToString(c.Raw) + "</ds:X509Certificate>"
	}
	for _, crl := range crls {
		switch v := crl.(type) {
		case []byte:
			certs += "<ds:X509CRL>" + base64.StdEncoding.EncodeToString(v) + "</ds:X509CRL>"
		case string:
			certs += "<ds:X509CRL>" + v + "</ds:X509CRL>"
		}
	}
	sigEl := `<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#">` + si +
		"<ds:SignatureValue>" + base64.StdEncoding.EncodeToString(sig) + "</ds:SignatureValue><ds:KeyInfo><ds:X509Data>" + certs + "</ds:X509Data></ds:KeyInfo></ds:Signature>"
	i := strings.LastIndex(body, "</")
	return body[:i] + sigEl + body[i:]
}

func TestVerifyXMLScenarios(t *testing.T) {
	t.Parallel()
	p := newTestPKI(t)
	at := date(2026, 6, 1)
	ec := p.leaf(t, certSpec{cn: "edXML ECDSA"})
	rs := p.leaf(t, certSpec{cn: "edXML RSA", rsaBits: 2048})
	chain := []*x509.Certificate{p.sub.cert}
	body := `<edXML xmlns="http://vnpt.vn/edxml"><Header><Code>01/CT-UBND</Code></Header><Body>Giao Sở Tài chính</Body></edXML>`
	roots := []*x509.Certificate{p.root.cert}
	cases := []struct {
		name    string
		doc     string
		trust   []*x509.Certificate
		fetcher Fetcher
		want    Indication
		sub     SubIndication
	}{
		{"valid ECDSA, OCSP online", signXML(t, body, ec, chain), roots, &fakeFetcher{ocsp: p.ocspFor(t, ec, time.Time{}, at)}, TotalPassed, ""},
		{"valid RSA, offline", signXML(t, body, rs, chain), roots, nil, Indeterminate, TryLater},
		{"tampered", strings.Replace(signXML(t, body, ec, chain), "Sở Tài chính", "Sở Xây dựng", 1), roots, nil, TotalFailed, HashFailure},
		{"wrong root", signXML(t, body, rs, chain), []*x509.Certificate{p.otherRoot.cert}, nil, Indeterminate, NoCertificateChainFound},
		// Revocation data carried in X509Data/X509CRL decides offline.
		{"offline, X509CRL does not list the signer", signXMLWithCRLs(t, body, ec, chain, p.crl(t, p.sub, nil, time.Time{}, at.Add(-time.Hour))), roots, nil, TotalPassed, ""},
		{"offline, X509CRL revokes the signer", signXMLWithCRLs(t, body, ec, chain, p.crl(t, p.sub, ec.cert, date(2026, 3, 1), at.Add(-time.Hour))), roots, nil, Indeterminate, RevokedNoPOE},
		{"offline, X509CRL from another issuer", signXMLWithCRLs(t, body, ec, chain, p.crl(t, p.root, nil, time.Time{}, at.Add(-time.Hour))), roots, nil, Indeterminate, TryLater},
		{"offline, X509CRL expired before the validation time", signXMLWithCRLs(t, body, ec, chain, p.crl(t, p.sub, nil, time.Time{}, date(2025, 6, 1))), roots, nil, Indeterminate, TryLater},
		{"offline, X509CRL not base64", signXMLWithCRLs(t, body, ec, chain, "@@not base64@@"), roots, nil, Indeterminate, TryLater},
		{"X509CRL good, OCSP online not asked", signXMLWithCRLs(t, body, ec, chain, p.crl(t, p.sub, nil, time.Time{}, at.Add(-time.Hour))), roots, &fakeFetcher{}, TotalPassed, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			rep, err := VerifyXML(context.Background(), "doc.xml", []byte(c.doc), Options{At: at, TrustAnchors: c.trust, Fetcher: c.fetcher})
			if err != nil {
				t.Fatal(err)
			}
			if rep.Indication != c.want || len(rep.Signatures) != 1 || rep.Signatures[0].SubIndication != c.sub {
				t.Fatalf("got %s %+v, want %s/%s", rep.Indication, rep.Signatures, c.want, c.sub)
			}
			if f, ok := c.fetcher.(*fakeFetcher); ok && strings.Contains(c.name, "not asked") && f.calls != 0 {
				t.Fatalf("the fetcher was asked %d times although the X509CRL answers", f.calls)
			}
			if strings.Contains(c.name, "not base64") && !strings.Contains(strings.Join(rep.Signatures[0].Warnings, ";"), "X509CRL ignored") {
				t.Fatalf("warnings %q do not say the X509CRL was ignored", rep.Signatures[0].Warnings)
			}
		})
	}
}

// TestCertificationLevels: a later approval signature is allowed after a
// certification with P=2 and refused after P=1 (ISO 32000-1 12.8.2.2).
func TestCertificationLevels(t *testing.T) {
	t.Parallel()
	p := newTestPKI(t)
	at := date(2026, 6, 1)
	a := p.leaf(t, certSpec{cn: "Certifier"})
	b := p.leaf(t, certSpec{cn: "Approver"})
	chain := []*x509.Certificate{p.sub.cert}
	ocspA := [][]byte{p.ocspFor(t, a, time.Time{}, at)}
	ocspB := [][]byte{p.ocspFor(t, b, time.Time{}, at)}
	cases := []struct {
		p     int
		first Indication
	}{{2, TotalPassed}, {3, TotalPassed}, {1, TotalFailed}}
	for _, c := range cases {
		t.Run(fmt.Sprintf("P=%d", c.p), func(t *testing.T) {
			doc := signPDF(t, basePDF("Certified"), signOpts{signer: a, chain: chain, ocsp: ocspA, certifyP: c.p}, 6, "6 0 R", "ETSI.CAdES.detached")
			doc = signPDF(t, doc, signOpts{signer: b, chain: chain, ocsp: ocspB}, 8, "6 0 R 8 0 R", "ETSI.CAdES.detached")
			rep := verifyBytes(t, doc, Options{At: at, TrustAnchors: []*x509.Certificate{p.root.cert}})
			if len(rep.Signatures) != 2 || rep.Signatures[0].Indication != c.first || rep.Signatures[1].Indication != TotalPassed {
				t.Fatalf("got %+v", rep.Signatures)
			}
		})
	}
}

// TestDocumentTimeStampIsProof: a trusted document time-stamp added while the
// certificate was valid proves the earlier signature existed then (PAdES-LTA).
func TestDocumentTimeStampIsProof(t *testing.T) {
	t.Parallel()
	p := newTestPKI(t)
	at := date(2026, 6, 1)
	leaf := p.leaf(t, certSpec{cn: "Signed in 2024", from: date(2023, 1, 1), to: date(2025, 1, 1)})
	chain := []*x509.Certificate{p.sub.cert}
	signed := signPDF(t, basePDF("LTA"), signOpts{signer: leaf, chain: chain, ocsp: [][]byte{p.ocspFor(t, leaf, time.Time{}, date(2024, 6, 1))}}, 6, "6 0 R", "ETSI.CAdES.detached")
	opt := Options{At: at, TrustAnchors: []*x509.Certificate{p.root.cert}}
	if rep := verifyBytes(t, signed, opt); rep.Signatures[0].SubIndication != OutOfBoundsNoPOE {
		t.Fatalf("without time-stamp: %+v", rep.Signatures)
	}
	stamped := signPDF(t, signed, signOpts{docTS: true, tsTime: date(2024, 6, 2), tsa: p.tsa, tsaChain: chain}, 8, "6 0 R 8 0 R", "ETSI.RFC3161")
	rep := verifyBytes(t, stamped, opt)
	if rep.Indication != TotalPassed || len(rep.Signatures) != 1 {
		t.Fatalf("with document time-stamp: %s %+v", rep.Indication, rep.Signatures)
	}
	if rep.Signatures[0].BestSignatureTime != "2024-06-02T00:00:00Z" {
		t.Fatalf("best signature time %s", rep.Signatures[0].BestSignatureTime)
	}
}
