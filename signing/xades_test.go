package signing

import (
	"context"
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"
)

const (
	dsNS    = "http://www.w3.org/2000/09/xmldsig#"
	edxmlNS = "http://vnpt.vn/edxml"
)

var sigValueRE = regexp.MustCompile(`<ds:SignatureValue>([^<]*)</ds:SignatureValue>`)

// signatureValueC14N is the ds:SignatureValue element of a signXML document in
// canonical form, written out by hand from the C14N specifications (not by the code
// under test): inclusive C14N 1.0 carries every namespace in scope, the edXML
// default namespace included; exclusive C14N only the ds prefix the element uses.
func signatureValueC14N(t *testing.T, doc string, exclusive bool) []byte {
	t.Helper()
	m := sigValueRE.FindStringSubmatch(doc)
	if m == nil {
		t.Fatal("no ds:SignatureValue in the test document")
	}
	if exclusive {
		return []byte(`<ds:SignatureValue xmlns:ds="` + dsNS + `">` + m[1] + `</ds:SignatureValue>`)
	}
	return []byte(`<ds:SignatureValue xmlns="` + edxmlNS + `" xmlns:ds="` + dsNS + `">` + m[1] + `</ds:SignatureValue>`)
}

// withXAdESTimeStamp gives the signature of doc the Id "sig-1" and a ds:Object with
// XAdES QualifyingProperties (Target target) holding one SignatureTimeStamp whose
// EncapsulatedTimeStamp is token (base64-encoded unless it is a string) and whose
// ds:CanonicalizationMethod is c14n ("" for none). Both lie inside the enveloped
// signature, so the signature value still verifies.
func withXAdESTimeStamp(doc, target, c14n string, token any) string {
	var enc string
	switch v := token.(type) {
	case []byte:
		enc = base64.StdEncoding.EncodeToString(v)
	case string:
		enc = v
	}
	cm := ""
	if c14n != "" {
		cm = `<ds:CanonicalizationMethod Algorithm="` + c14n + `"></ds:CanonicalizationMethod>`
	}
	obj := `<ds:Object><xades:QualifyingProperties xmlns:xades="http://uri.etsi.org/01903/v1.3.2#" Target="` + target + `">` +
		`<xades:SignedProperties Id="sp-unsigned"></xades:SignedProperties><xades:UnsignedProperties><xades:UnsignedSignatureProperties>` +
		`<xades:SignatureTimeStamp Id="ts-1">` + cm + `<xades:EncapsulatedTimeStamp>` + enc + `</xades:EncapsulatedTimeStamp></xades:SignatureTimeStamp>` +
		`</xades:UnsignedSignatureProperties></xades:UnsignedProperties></xades:QualifyingProperties></ds:Object>`
	doc = strings.Replace(doc, `<ds:Signature xmlns:ds="`+dsNS+`">`, `<ds:Signature xmlns:ds="`+dsNS+`" Id="sig-1">`, 1)
	return strings.Replace(doc, "</ds:Signature>", obj+"</ds:Signature>", 1)
}

// TestXAdESSignatureTimeStamp: an XAdES SignatureTimeStamp is proof of existence
// for an XML signature by the same rule as a PDF signature time-stamp (see
// TestProofOfExistence): before the revocation or expiry the signature passes, after
// it the answer stays INDETERMINATE; a token over other data, or from a TSA that
// does not chain to an anchor, proves nothing and is ignored with a warning.
func TestXAdESSignatureTimeStamp(t *testing.T) {
	t.Parallel()
	p := newTestPKI(t)
	at := date(2026, 6, 1)
	revokedOn := date(2026, 3, 1)
	before, after := date(2026, 2, 1), date(2026, 4, 1)
	revoked := p.leaf(t, certSpec{cn: "edXML revoked signer"})
	expired := p.leaf(t, certSpec{cn: "edXML expired signer", from: date(2023, 1, 1), to: date(2025, 1, 1)})
	beforeExp, afterExp := date(2024, 6, 1), date(2025, 6, 1)
	chain := []*x509.Certificate{p.sub.cert}
	rogueTSA := newEntity(t, certSpec{cn: "Rogue TSA", from: date(2020, 1, 1), to: date(2039, 1, 1),
		keyUsage: x509.KeyUsageDigitalSignature, eku: []x509.ExtKeyUsage{x509.ExtKeyUsageTimeStamping}}, p.otherRoot)
	body := `<edXML xmlns="` + edxmlNS + `"><Header><Code>07/CT-UBND</Code></Header><Body>Giao Sở Nội vụ</Body></edXML>`
	crlRevoked := p.crl(t, p.sub, revoked.cert, revokedOn, at.Add(-time.Hour))
	crlGood := p.crl(t, p.sub, nil, time.Time{}, at.Add(-time.Hour))
	revokedDoc := signXMLWithCRLs(t, body, revoked, chain, crlRevoked)
	expiredDoc := signXMLWithCRLs(t, body, expired, chain, crlGood)
	tsa := signOpts{tsa: p.tsa, tsaChain: chain}
	token := func(o signOpts, when time.Time, over []byte) []byte { return timeStampAt(t, o, when, over) }
	incl := func(doc string) []byte { return signatureValueC14N(t, doc, false) }
	const exc = "http://www.w3.org/2001/10/xml-exc-c14n#"
	cases := []struct {
		name    string
		doc     string
		wantInd Indication
		wantSub SubIndication
		best    time.Time // zero: the validation time
		errHas  string
		warnHas string
	}{
		{"revoked, no time-stamp", revokedDoc, Indeterminate, RevokedNoPOE, time.Time{}, "no time-stamp", ""},
		{"revoked, signature time-stamp before revocation",
			withXAdESTimeStamp(revokedDoc, "#sig-1", "", token(tsa, before, incl(revokedDoc))), TotalPassed, "", before, "", "revoked on"},
		{"revoked, signature time-stamp before revocation, exclusive C14N",
			withXAdESTimeStamp(revokedDoc, "#sig-1", exc, token(tsa, before, signatureValueC14N(t, revokedDoc, true))), TotalPassed, "", before, "", ""},
		{"revoked, signature time-stamp after revocation",
			withXAdESTimeStamp(revokedDoc, "#sig-1", "", token(tsa, after, incl(revokedDoc))), Indeterminate, RevokedNoPOE, after, "existed at", ""},
		{"expired, no time-stamp", expiredDoc, Indeterminate, OutOfBoundsNoPOE, time.Time{}, "no time-stamp", ""},
		{"expired, signature time-stamp within validity",
			withXAdESTimeStamp(expiredDoc, "#sig-1", "", token(tsa, beforeExp, incl(expiredDoc))), TotalPassed, "", beforeExp, "", ""},
		{"expired, signature time-stamp after expiry",
			withXAdESTimeStamp(expiredDoc, "#sig-1", "", token(tsa, afterExp, incl(expiredDoc))), Indeterminate, OutOfBoundsNoPOE, afterExp, "existed at", ""},
		{"revoked, time-stamp with a wrong imprint (exclusive form under the default C14N)",
			withXAdESTimeStamp(revokedDoc, "#sig-1", "", token(tsa, before, signatureValueC14N(t, revokedDoc, true))), Indeterminate, RevokedNoPOE, time.Time{}, "no time-stamp", "message imprint is not the hash"},
		{"revoked, time-stamp from an untrusted TSA",
			withXAdESTimeStamp(revokedDoc, "#sig-1", "", token(signOpts{tsa: rogueTSA}, before, incl(revokedDoc))), Indeterminate, RevokedNoPOE, time.Time{}, "no time-stamp", "signature time-stamp ignored: TSA"},
		{"revoked, time-stamp in properties of another signature",
			withXAdESTimeStamp(revokedDoc, "#other", "", token(tsa, before, incl(revokedDoc))), Indeterminate, RevokedNoPOE, time.Time{}, "no time-stamp", "Target #other is not this signature"},
		{"revoked, time-stamp not base64",
			withXAdESTimeStamp(revokedDoc, "#sig-1", "", "@@"), Indeterminate, RevokedNoPOE, time.Time{}, "no time-stamp", "not base64"},
		{"revoked, time-stamp with an unsupported canonicalization",
			withXAdESTimeStamp(revokedDoc, "#sig-1", "urn:nope", token(tsa, before, incl(revokedDoc))), Indeterminate, RevokedNoPOE, time.Time{}, "no time-stamp", "unsupported canonicalization"},
	}
	opt := Options{At: at, TrustAnchors: []*x509.Certificate{p.root.cert}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			s := oneXMLVerdict(t, c.doc, opt, c.wantInd, c.wantSub)
			best := c.best
			if best.IsZero() {
				best = at
			}
			if s.BestSignatureTime != stamp(best) {
				t.Fatalf("best signature time %s, want %s", s.BestSignatureTime, stamp(best))
			}
			wantFormat := "XMLDSig"
			if !c.best.IsZero() {
				wantFormat = "XAdES-T"
			}
			if s.Format != wantFormat {
				t.Fatalf("format %s, want %s", s.Format, wantFormat)
			}
			saysAll(t, s, c.errHas, c.warnHas)
		})
	}
}

const xadesNS = "http://uri.etsi.org/01903/v1.3.2#"

// xadesOpts describe the signed properties of a signXAdES signature.
type xadesOpts struct {
	kind     string // "all": AllDataObjectsTimeStamp; "individual": IndividualDataObjectsTimeStamp including ref-0
	include  string // individual: the Include URI ("" = "#ref-0")
	token    []byte // the content time-stamp token
	unsigned bool   // no Reference covers the SignedProperties
	// signingTime, when not empty, is written as SignedSignatureProperties/SigningTime
	// (an xsd:dateTime, the signer's claim).
	signingTime string
}

// signXAdES signs body like signXML (ECDSA-SHA256, exclusive C14N, one enveloped
// whole-document Reference "ref-0") and adds XAdES SignedProperties holding a content
// time-stamp, covered by a second Reference of Type SignedProperties. Canonical
// forms are written out by hand: the document without the signature is body, and the
// SignedProperties and SignedInfo literals are already in exclusive C14N form.
func signXAdES(t *testing.T, body string, e *entity, chain []*x509.Certificate, crl []byte, o xadesOpts) string {
	t.Helper()
	k, ok := e.key.(*ecdsa.PrivateKey)
	if !ok {
		t.Fatal("signXAdES signs with ECDSA keys only")
	}
	tok := "<xades:EncapsulatedTimeStamp>" + base64.StdEncoding.EncodeToString(o.token) + "</xades:EncapsulatedTimeStamp>"
	var tsEl string
	switch o.kind {
	case "": // no content time-stamp
	case "all":
		tsEl = "<xades:AllDataObjectsTimeStamp>" + tok + "</xades:AllDataObjectsTimeStamp>"
	case "individual":
		inc := o.include
		if inc == "" {
			inc = "#ref-0"
		}
		tsEl = `<xades:IndividualDataObjectsTimeStamp><xades:Include URI="` + inc + `"></xades:Include>` + tok + "</xades:IndividualDataObjectsTimeStamp>"
	default:
		t.Fatalf("kind %q", o.kind)
	}
	spInner := `</xades:SignedProperties>`
	if tsEl != "" {
		spInner = `<xades:SignedDataObjectProperties>` + tsEl + `</xades:SignedDataObjectProperties>` + spInner
	}
	if o.signingTime != "" {
		spInner = `<xades:SignedSignatureProperties><xades:SigningTime>` + o.signingTime + `</xades:SigningTime></xades:SignedSignatureProperties>` + spInner
	}
	spCanon := `<xades:SignedProperties xmlns:xades="` + xadesNS + `" Id="sp-1">` + spInner
	spInDoc := `<xades:SignedProperties Id="sp-1">` + spInner
	b64sum := func(s string) string { h := sha256.Sum256([]byte(s)); return base64.StdEncoding.EncodeToString(h[:]) }
	const exc = `<ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"></ds:Transform>`
	const sha = `<ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"></ds:DigestMethod>`
	refs := `<ds:Reference Id="ref-0" URI=""><ds:Transforms><ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"></ds:Transform>` + exc +
		`</ds:Transforms>` + sha + `<ds:DigestValue>` + b64sum(body) + `</ds:DigestValue></ds:Reference>`
	if !o.unsigned {
		refs += `<ds:Reference Type="http://uri.etsi.org/01903#SignedProperties" URI="#sp-1"><ds:Transforms>` + exc + `</ds:Transforms>` + sha +
			`<ds:DigestValue>` + b64sum(spCanon) + `</ds:DigestValue></ds:Reference>`
	}
	si := `<ds:SignedInfo xmlns:ds="` + dsNS + `"><ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"></ds:CanonicalizationMethod>` +
		`<ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"></ds:SignatureMethod>` + refs + `</ds:SignedInfo>`
	h := sha256.Sum256([]byte(si))
	r, sv, err := ecdsa.Sign(rand.Reader, k, h[:])
	if err != nil {
		t.Fatal(err)
	}
	sig := append(r.FillBytes(make([]byte, 32)), sv.FillBytes(make([]byte, 32))...)
	certs := ""
	for _, c := range append([]*x509.Certificate{e.cert}, chain...) {
		certs += "<ds:X509Certificate>" + base64.StdEncoding.EncodeToString(c.Raw) + "</ds:X509Certificate>"
	}
	certs += "<ds:X509CRL>" + base64.StdEncoding.EncodeToString(crl) + "</ds:X509CRL>"
	sigEl := fmt.Sprintf(`<ds:Signature xmlns:ds="%s" Id="sig-1">%s<ds:SignatureValue>%s</ds:SignatureValue><ds:KeyInfo><ds:X509Data>%s</ds:X509Data></ds:KeyInfo>`+
		`<ds:Object><xades:QualifyingProperties xmlns:xades="%s" Target="#sig-1">%s</xades:QualifyingProperties></ds:Object></ds:Signature>`,
		dsNS, si, base64.StdEncoding.EncodeToString(sig), certs, xadesNS, spInDoc)
	i := strings.LastIndex(body, "</")
	return body[:i] + sigEl + body[i:]
}

// TestXAdESContentTimeStamp: an AllDataObjectsTimeStamp or
// IndividualDataObjectsTimeStamp in signed properties is a content time-stamp, by
// the same rule as a PDF's (see TestProofOfExistence): after the revocation or
// expiry it proves the signature was made after it (TOTAL_FAILED, REVOKED or
// EXPIRED); before it, it proves nothing of the kind. One over other data, from an
// untrusted TSA, or in properties no Reference signs, is ignored with a warning.
func TestXAdESContentTimeStamp(t *testing.T) {
	t.Parallel()
	p := newTestPKI(t)
	at := date(2026, 6, 1)
	revokedOn := date(2026, 3, 1)
	before, after := date(2026, 2, 1), date(2026, 4, 1)
	revoked := p.leaf(t, certSpec{cn: "edXML revoked signer"})
	expired := p.leaf(t, certSpec{cn: "edXML expired signer", from: date(2023, 1, 1), to: date(2025, 1, 1)})
	good := p.leaf(t, certSpec{cn: "edXML good signer"})
	chain := []*x509.Certificate{p.sub.cert}
	rogueTSA := newEntity(t, certSpec{cn: "Rogue TSA", from: date(2020, 1, 1), to: date(2039, 1, 1),
		keyUsage: x509.KeyUsageDigitalSignature, eku: []x509.ExtKeyUsage{x509.ExtKeyUsageTimeStamping}}, p.otherRoot)
	body := `<edXML xmlns="` + edxmlNS + `"><Header><Code>09/CT-UBND</Code></Header><Body>Giao Sở Y tế</Body></edXML>`
	crlRevoked := p.crl(t, p.sub, revoked.cert, revokedOn, at.Add(-time.Hour))
	crlGood := p.crl(t, p.sub, nil, time.Time{}, at.Add(-time.Hour))
	tsa := signOpts{tsa: p.tsa, tsaChain: chain}
	over := func(o signOpts, when time.Time, data string) []byte { return timeStampAt(t, o, when, []byte(data)) }
	sigTS := func(doc string, when time.Time) string {
		return withXAdESTimeStamp(doc, "#sig-1", "", timeStampAt(t, tsa, when, signatureValueC14N(t, doc, false)))
	}
	cases := []struct {
		name    string
		doc     string
		wantInd Indication
		wantSub SubIndication
		errHas  string
		warnHas string
	}{
		{"revoked, all-data-objects time-stamp after revocation",
			signXAdES(t, body, revoked, chain, crlRevoked, xadesOpts{kind: "all", token: over(tsa, after, body)}), TotalFailed, Revoked, "content time-stamp", ""},
		{"revoked, individual-data-objects time-stamp after revocation",
			signXAdES(t, body, revoked, chain, crlRevoked, xadesOpts{kind: "individual", token: over(tsa, after, body)}), TotalFailed, Revoked, "content time-stamp", ""},
		{"revoked, content time-stamp before revocation only",
			signXAdES(t, body, revoked, chain, crlRevoked, xadesOpts{kind: "all", token: over(tsa, before, body)}), Indeterminate, RevokedNoPOE, "no time-stamp", ""},
		{"revoked, content time-stamp before and signature time-stamp before revocation",
			sigTS(signXAdES(t, body, revoked, chain, crlRevoked, xadesOpts{kind: "all", token: over(tsa, before, body)}), before.Add(time.Hour)), TotalPassed, "", "", ""},
		{"expired, content time-stamp after expiry",
			signXAdES(t, body, expired, chain, crlGood, xadesOpts{kind: "all", token: over(tsa, date(2025, 6, 1), body)}), TotalFailed, Expired, "content time-stamp", ""},
		{"content time-stamp later than the signature time-stamp",
			sigTS(signXAdES(t, body, good, chain, crlGood, xadesOpts{kind: "all", token: over(tsa, after, body)}), before), Indeterminate, TimestampOrderFailure, "later than", ""},
		{"revoked, content time-stamp over other data",
			signXAdES(t, body, revoked, chain, crlRevoked, xadesOpts{kind: "all", token: over(tsa, after, "another document")}), Indeterminate, RevokedNoPOE, "no time-stamp", "content time-stamp ignored"},
		{"revoked, content time-stamp from an untrusted TSA",
			signXAdES(t, body, revoked, chain, crlRevoked, xadesOpts{kind: "all", token: over(signOpts{tsa: rogueTSA}, after, body)}), Indeterminate, RevokedNoPOE, "no time-stamp", "content time-stamp ignored: TSA"},
		{"revoked, content time-stamp in unsigned SignedProperties",
			signXAdES(t, body, revoked, chain, crlRevoked, xadesOpts{kind: "all", token: over(tsa, after, body), unsigned: true}), Indeterminate, RevokedNoPOE, "no time-stamp", "no verified Reference covers"},
		{"revoked, individual time-stamp including an unknown reference",
			signXAdES(t, body, revoked, chain, crlRevoked, xadesOpts{kind: "individual", include: "#nope", token: over(tsa, after, body)}), Indeterminate, RevokedNoPOE, "no time-stamp", "which is no Reference"},
		{"valid certificate, content time-stamp",
			signXAdES(t, body, good, chain, crlGood, xadesOpts{kind: "all", token: over(tsa, before, body)}), TotalPassed, "", "", ""},
	}
	opt := Options{At: at, TrustAnchors: []*x509.Certificate{p.root.cert}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			s := oneXMLVerdict(t, c.doc, opt, c.wantInd, c.wantSub)
			saysAll(t, s, c.errHas, c.warnHas)
		})
	}
}

// TestXAdESSigningTimeIsAClaim: an XAdES SigningTime is the signer's claim, as the
// CAdES/PDF signing-time attribute (see TestProofOfExistence): it is reported in
// signing_time but never proves when the signature was made. A revoked or expired
// certificate with only that claim gives INDETERMINATE REVOKED_NO_POE or
// OUT_OF_BOUNDS_NO_POE whatever the claimed date, never TOTAL_FAILED, and a
// signature time-stamp after the revocation does not change that.
func TestXAdESSigningTimeIsAClaim(t *testing.T) {
	t.Parallel()
	p := newTestPKI(t)
	at := date(2026, 6, 1)
	revokedOn := date(2026, 3, 1)
	revoked := p.leaf(t, certSpec{cn: "edXML revoked signer"})
	expired := p.leaf(t, certSpec{cn: "edXML expired signer", from: date(2023, 1, 1), to: date(2025, 1, 1)})
	good := p.leaf(t, certSpec{cn: "edXML good signer"})
	chain := []*x509.Certificate{p.sub.cert}
	body := `<edXML xmlns="` + edxmlNS + `"><Header><Code>11/CT-UBND</Code></Header><Body>Giao Sở Công Thương</Body></edXML>`
	crlRevoked := p.crl(t, p.sub, revoked.cert, revokedOn, at.Add(-time.Hour))
	crlGood := p.crl(t, p.sub, nil, time.Time{}, at.Add(-time.Hour))
	tsa := signOpts{tsa: p.tsa, tsaChain: chain}
	sigTS := func(doc string, when time.Time) string {
		return withXAdESTimeStamp(doc, "#sig-1", "", timeStampAt(t, tsa, when, signatureValueC14N(t, doc, false)))
	}
	const afterRev, beforeRev = "2026-04-01T09:00:00+07:00", "2026-02-01T09:00:00Z"
	cases := []struct {
		name    string
		doc     string
		wantInd Indication
		wantSub SubIndication
		claim   string // the signing_time reported, "" for none
		errHas  string
		warnHas string
	}{
		{"revoked, SigningTime claims after revocation",
			signXAdES(t, body, revoked, chain, crlRevoked, xadesOpts{signingTime: afterRev}), Indeterminate, RevokedNoPOE, "2026-04-01T02:00:00Z", "claim is not proof", ""},
		{"revoked, SigningTime claims before revocation",
			signXAdES(t, body, revoked, chain, crlRevoked, xadesOpts{signingTime: beforeRev}), Indeterminate, RevokedNoPOE, "2026-02-01T09:00:00Z", "claim is not proof", ""},
		{"revoked, SigningTime and signature time-stamp after revocation",
			sigTS(signXAdES(t, body, revoked, chain, crlRevoked, xadesOpts{signingTime: afterRev}), date(2026, 4, 2)), Indeterminate, RevokedNoPOE, "2026-04-01T02:00:00Z", "existed at", ""},
		{"expired, SigningTime claims after expiry",
			signXAdES(t, body, expired, chain, crlGood, xadesOpts{signingTime: "2025-06-01T00:00:00Z"}), Indeterminate, OutOfBoundsNoPOE, "2025-06-01T00:00:00Z", "claim is not proof", ""},
		{"expired, SigningTime claims within validity",
			signXAdES(t, body, expired, chain, crlGood, xadesOpts{signingTime: "2024-06-01T00:00:00"}), Indeterminate, OutOfBoundsNoPOE, "2024-06-01T00:00:00Z", "claim is not proof", ""},
		{"revoked, SigningTime in SignedProperties no Reference covers",
			signXAdES(t, body, revoked, chain, crlRevoked, xadesOpts{signingTime: afterRev, unsigned: true}), Indeterminate, RevokedNoPOE, "", "no time-stamp", ""},
		{"revoked, SigningTime not a date",
			signXAdES(t, body, revoked, chain, crlRevoked, xadesOpts{signingTime: "hôm qua"}), Indeterminate, RevokedNoPOE, "", "no time-stamp", "not an xsd:dateTime"},
		{"valid certificate, SigningTime",
			signXAdES(t, body, good, chain, crlGood, xadesOpts{signingTime: beforeRev}), TotalPassed, "", "2026-02-01T09:00:00Z", "", ""},
	}
	opt := Options{At: at, TrustAnchors: []*x509.Certificate{p.root.cert}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			s := oneXMLVerdict(t, c.doc, opt, c.wantInd, c.wantSub)
			if s.SigningTime != c.claim {
				t.Fatalf("signing_time %q, want %q", s.SigningTime, c.claim)
			}
			saysAll(t, s, c.errHas, c.warnHas)
		})
	}
}

// oneXMLVerdict verifies doc and wants exactly one signature with the verdict
// wantInd/wantSub.
func oneXMLVerdict(t *testing.T, doc string, opt Options, wantInd Indication, wantSub SubIndication) SignatureResult {
	t.Helper()
	rep, err := VerifyXML(context.Background(), "doc.edxml", []byte(doc), opt)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Signatures) != 1 {
		t.Fatalf("%d signatures, want 1", len(rep.Signatures))
	}
	s := rep.Signatures[0]
	if s.Indication != wantInd || s.SubIndication != wantSub {
		t.Fatalf("got %s/%s, want %s/%s (errors %v, warnings %v)", s.Indication, s.SubIndication, wantInd, wantSub, s.Errors, s.Warnings)
	}
	return s
}

// saysAll: the signature's errors say errHas and its warnings warnHas (either
// empty: not checked).
func saysAll(t *testing.T, s SignatureResult, errHas, warnHas string) {
	t.Helper()
	if errHas != "" && !strings.Contains(strings.Join(s.Errors, "; "), errHas) {
		t.Fatalf("errors %q do not say %q", s.Errors, errHas)
	}
	if warnHas != "" && !strings.Contains(strings.Join(s.Warnings, "; "), warnHas) {
		t.Fatalf("warnings %q do not say %q", s.Warnings, warnHas)
	}
}
