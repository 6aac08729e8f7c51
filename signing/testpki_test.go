package signing

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/hex"
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/ocsp"

	"cddh-sync/signing/cms"
)

// date is a UTC day, for readable test timelines.
func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// entity is a test certificate with its key.
type entity struct {
	cert *x509.Certificate
	key  crypto.Signer
}

type certSpec struct {
	cn        string
	ca        bool
	from, to  time.Time
	keyUsage  x509.KeyUsage
	eku       []x509.ExtKeyUsage
	ocspURL   string
	rsaBits   int // 0: ECDSA P-256
	sigAlg    x509.SignatureAlgorithm
	omitUsage bool
}

func newEntity(t testing.TB, spec certSpec, issuer *entity) *entity {
	t.Helper()
	var key crypto.Signer
	var err error
	if spec.rsaBits > 0 {
		key, err = rsa.GenerateKey(rand.Reader, spec.rsaBits)
	} else {
		key, err = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	}
	if err != nil {
		t.Fatal(err)
	}
	serial, err := rand.Int(rand.Reader, big.NewInt(1<<62))
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{CommonName: spec.cn, Organization: []string{"Ban Cơ yếu Chính phủ (test)"}},
		NotBefore:             spec.from,
		NotAfter:              spec.to,
		BasicConstraintsValid: true,
		IsCA:                  spec.ca,
		KeyUsage:              spec.keyUsage,
		ExtKeyUsage:           spec.eku,
		SignatureAlgorithm:    spec.sigAlg,
	}
	if spec.ocspURL != "" {
		tmpl.OCSPServer = []string{spec.ocspURL}
	}
	if spec.ca {
		tmpl.KeyUsage |= x509.KeyUsageCertSign | x509.KeyUsageCRLSign
	} else if tmpl.KeyUsage == 0 && !spec.omitUsage {
		tmpl.KeyUsage = x509.KeyUsageDigitalSignature | x509.KeyUsageContentCommitment
	}
	parent, signer := tmpl, key
	if issuer != nil {
		parent, signer = issuer.cert, issuer.key
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, key.Public(), signer)
	if err != nil {
		t.Fatalf("certificate %s: %v", spec.cn, err)
	}
	c, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return &entity{cert: c, key: key}
}

// testPKI is a root, a sub-CA, a TSA and an OCSP responder, plus leaves.
type testPKI struct {
	root, sub, tsa, responder, otherRoot *entity
}

func newTestPKI(t testing.TB) *testPKI {
	p := &testPKI{}
	p.root = newEntity(t, certSpec{cn: "Test Root CA G2", ca: true, from: date(2020, 1, 1), to: date(2040, 1, 1)}, nil)
	p.otherRoot = newEntity(t, certSpec{cn: "Unrelated Root", ca: true, from: date(2020, 1, 1), to: date(2040, 1, 1)}, nil)
	p.sub = newEntity(t, certSpec{cn: "Test Sub CA", ca: true, from: date(2020, 1, 1), to: date(2039, 1, 1)}, p.root)
	p.tsa = newEntity(t, certSpec{cn: "Test TSA", from: date(2020, 1, 1), to: date(2039, 1, 1),
		keyUsage: x509.KeyUsageDigitalSignature, eku: []x509.ExtKeyUsage{x509.ExtKeyUsageTimeStamping}}, p.sub)
	p.responder = newEntity(t, certSpec{cn: "Test OCSP", from: date(2020, 1, 1), to: date(2039, 1, 1),
		keyUsage: x509.KeyUsageDigitalSignature, eku: []x509.ExtKeyUsage{x509.ExtKeyUsageOCSPSigning}}, p.sub)
	return p
}

func (p *testPKI) leaf(t testing.TB, spec certSpec) *entity {
	if spec.from.IsZero() {
		spec.from, spec.to = date(2025, 1, 1), date(2028, 1, 1)
	}
	if spec.ocspURL == "" {
		spec.ocspURL = "http://ocsp.test.invalid"
	}
	return newEntity(t, spec, p.sub)
}

// ocspFor answers for leaf: good when revokedAt is zero.
func (p *testPKI) ocspFor(t testing.TB, leaf *entity, revokedAt, at time.Time) []byte {
	tmpl := ocsp.Response{Status: ocsp.Good, SerialNumber: leaf.cert.SerialNumber, ThisUpdate: at, NextUpdate: at.Add(7 * 24 * time.Hour),
		Certificate: p.responder.cert}
	if !revokedAt.IsZero() {
		tmpl.Status, tmpl.RevokedAt, tmpl.RevocationReason = ocsp.Revoked, revokedAt, ocsp.KeyCompromise
	}
	der, err := ocsp.CreateResponse(p.sub.cert, p.responder.cert, tmpl, p.responder.key)
	if err != nil {
		t.Fatal(err)
	}
	return der
}

// crl is a CRL from issuer, dated thisUpdate, revoking cert at revokedAt (cert
// nil: an empty list).
func (p *testPKI) crl(t testing.TB, issuer *entity, cert *x509.Certificate, revokedAt, thisUpdate time.Time) []byte {
	l := &x509.RevocationList{Number: big.NewInt(1), ThisUpdate: thisUpdate, NextUpdate: thisUpdate.Add(7 * 24 * time.Hour)}
	if cert != nil {
		l.RevokedCertificateEntries = []x509.RevocationListEntry{{SerialNumber: cert.SerialNumber, RevocationTime: revokedAt}}
	}
	der, err := x509.CreateRevocationList(rand.Reader, l, issuer.cert, issuer.key)
	if err != nil {
		t.Fatal(err)
	}
	return der
}

// withDSSCRL appends an incremental update adding a /DSS with one CRL.
func withDSSCRL(t testing.TB, doc, crl []byte) []byte {
	return appendUpdate(t, doc, map[int]string{
		1:  "<< /Type /Catalog /Pages 2 0 R /AcroForm 5 0 R /DSS 30 0 R >>",
		30: "<< /CRLs [31 0 R] >>",
		31: fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(crl), crl),
	})
}

// signOpts describe one test CMS signature.
type signOpts struct {
	signer        *entity
	chain         []*x509.Certificate // certificates to embed besides the signer
	signingTime   time.Time
	hash          crypto.Hash // default SHA-256
	pss           bool
	ocsp          [][]byte  // embedded via adbe-revocationInfoArchival
	tsTime        time.Time // zero: no signature time-stamp
	contentTS     time.Time // zero: no content time-stamp (signed attribute, imprint over the signed data)
	contentTSOver []byte    // non-nil: the content time-stamp's imprint covers these bytes instead
	tsa           *entity
	tsaChain      []*x509.Certificate
	certifyP      int  // >0: a certification signature with DocMDP permission P
	docTS         bool // a document time-stamp (tsTime, tsa) instead of a signature
}

type algID struct {
	Algorithm  asn1.ObjectIdentifier
	Parameters asn1.RawValue `asn1:"optional"`
}

var (
	oidSHA256 = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 1}
	oidSHA1   = asn1.ObjectIdentifier{1, 3, 14, 3, 2, 26}
)

func hashOID(h crypto.Hash) asn1.ObjectIdentifier {
	if h == crypto.SHA1 {
		return oidSHA1
	}
	return oidSHA256
}

func mustDER(t testing.TB, v any, params ...string) []byte {
	t.Helper()
	var b []byte
	var err error
	if len(params) > 0 {
		b, err = asn1.MarshalWithParams(v, params[0])
	} else {
		b, err = asn1.Marshal(v)
	}
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func attr(t testing.TB, oid asn1.ObjectIdentifier, valueDER []byte) []byte {
	set := mustDER(t, asn1.RawValue{Class: asn1.ClassUniversal, Tag: asn1.TagSet, IsCompound: true, Bytes: valueDER})
	return mustDER(t, struct {
		Type  asn1.ObjectIdentifier
		Value asn1.RawValue
	}{oid, asn1.RawValue{FullBytes: set}})
}

// buildSignedData builds a CMS SignedData over content (detached unless eContent).
func buildSignedData(t testing.TB, o signOpts, content []byte, eContentType asn1.ObjectIdentifier, encapsulate bool) []byte {
	t.Helper()
	h := o.hash
	if h == 0 {
		h = crypto.SHA256
	}
	digest, err := cms.Digest(h, content)
	if err != nil {
		t.Fatal(err)
	}
	certHash := sha256.Sum256(o.signer.cert.Raw)
	essV2 := mustDER(t, struct{ Certs []struct{ Hash []byte } }{[]struct{ Hash []byte }{{certHash[:]}}})
	var attrs []byte
	attrs = append(attrs, attr(t, cms.OIDContentType, mustDER(t, eContentType))...)
	attrs = append(attrs, attr(t, cms.OIDMessageDigest, mustDER(t, digest))...)
	if !o.signingTime.IsZero() {
		attrs = append(attrs, attr(t, cms.OIDSigningTime, mustDER(t, o.signingTime.UTC(), "utc"))...)
	}
	attrs = append(attrs, attr(t, cms.OIDSigningCertV2, essV2)...)
	if !o.contentTS.IsZero() {
		over := content
		if o.contentTSOver != nil {
			over = o.contentTSOver
		}
		attrs = append(attrs, attr(t, cms.OIDContentTimeStamp, timeStampAt(t, o, o.contentTS, over))...)
	}
	if len(o.ocsp) > 0 {
		var items []byte
		for _, r := range o.ocsp {
			items = append(items, r...)
		}
		seq := mustDER(t, asn1.RawValue{Class: asn1.ClassUniversal, Tag: asn1.TagSequence, IsCompound: true, Bytes: items})
		tagged := mustDER(t, asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: 1, IsCompound: true, Bytes: seq})
		ria := mustDER(t, asn1.RawValue{Class: asn1.ClassUniversal, Tag: asn1.TagSequence, IsCompound: true, Bytes: tagged})
		attrs = append(attrs, attr(t, cms.OIDRevocationArchiv, ria)...)
	}
	signedSet := mustDER(t, asn1.RawValue{Class: asn1.ClassUniversal, Tag: asn1.TagSet, IsCompound: true, Bytes: attrs})
	sdig, _ := cms.Digest(h, signedSet)
	var sig []byte
	var sigAlg algID
	switch k := o.signer.key.(type) {
	case *rsa.PrivateKey:
		if o.pss {
			sig, err = rsa.SignPSS(rand.Reader, k, h, sdig, &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthEqualsHash})
			sigAlg = algID{Algorithm: asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 10}}
		} else {
			sig, err = rsa.SignPKCS1v15(rand.Reader, k, h, sdig)
			sigAlg = algID{Algorithm: asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 1}, Parameters: asn1.NullRawValue}
		}
	case *ecdsa.PrivateKey:
		sig, err = ecdsa.SignASN1(rand.Reader, k, sdig)
		sigAlg = algID{Algorithm: asn1.ObjectIdentifier{1, 2, 840, 10045, 4, 3, 2}}
	}
	if err != nil {
		t.Fatal(err)
	}
	var unsigned []byte
	if !o.tsTime.IsZero() {
		unsigned = attr(t, cms.OIDTimeStampToken, buildTimeStamp(t, o, sig))
	}
	ias := mustDER(t, struct {
		Issuer asn1.RawValue
		Serial *big.Int
	}{asn1.RawValue{FullBytes: o.signer.cert.RawIssuer}, o.signer.cert.SerialNumber})
	si := []byte{}
	si = append(si, mustDER(t, 1)...)
	si = append(si, ias...)
	si = append(si, mustDER(t, algID{Algorithm: hashOID(h)})...)
	si = append(si, mustDER(t, asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: 0, IsCompound: true, Bytes: attrs})...)
	si = append(si, mustDER(t, sigAlg)...)
	si = append(si, mustDER(t, sig)...)
	if unsigned != nil {
		si = append(si, mustDER(t, asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: 1, IsCompound: true, Bytes: unsigned})...)
	}
	siDER := mustDER(t, asn1.RawValue{Class: asn1.ClassUniversal, Tag: asn1.TagSequence, IsCompound: true, Bytes: si})
	var certs []byte
	certs = append(certs, o.signer.cert.Raw...)
	for _, c := range o.chain {
		certs = append(certs, c.Raw...)
	}
	encap := mustDER(t, eContentType)
	if encapsulate {
		oct := mustDER(t, content)
		encap = append(encap, mustDER(t, asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: 0, IsCompound: true, Bytes: oct})...)
	}
	sd := []byte{}
	sd = append(sd, mustDER(t, 1)...)
	sd = append(sd, mustDER(t, asn1.RawValue{Class: asn1.ClassUniversal, Tag: asn1.TagSet, IsCompound: true, Bytes: mustDER(t, algID{Algorithm: hashOID(h)})})...)
	sd = append(sd, mustDER(t, asn1.RawValue{Class: asn1.ClassUniversal, Tag: asn1.TagSequence, IsCompound: true, Bytes: encap})...)
	sd = append(sd, mustDER(t, asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: 0, IsCompound: true, Bytes: certs})...)
	sd = append(sd, mustDER(t, asn1.RawValue{Class: asn1.ClassUniversal, Tag: asn1.TagSet, IsCompound: true, Bytes: siDER})...)
	sdDER := mustDER(t, asn1.RawValue{Class: asn1.ClassUniversal, Tag: asn1.TagSequence, IsCompound: true, Bytes: sd})
	ci := mustDER(t, cms.OIDSignedData)
	ci = append(ci, mustDER(t, asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: 0, IsCompound: true, Bytes: sdDER})...)
	return mustDER(t, asn1.RawValue{Class: asn1.ClassUniversal, Tag: asn1.TagSequence, IsCompound: true, Bytes: ci})
}

func buildTimeStamp(t testing.TB, o signOpts, sigValue []byte) []byte {
	return timeStampAt(t, o, o.tsTime, sigValue)
}

// timeStampAt is a token from o's TSA dated when, over data.
func timeStampAt(t testing.TB, o signOpts, when time.Time, data []byte) []byte {
	imprint := sha256.Sum256(data)
	info := mustDER(t, struct {
		Version        int
		Policy         asn1.ObjectIdentifier
		MessageImprint struct {
			HashAlgorithm algID
			HashedMessage []byte
		}
		SerialNumber *big.Int
		GenTime      time.Time `asn1:"generalized"`
	}{1, asn1.ObjectIdentifier{1, 2, 3, 4}, struct {
		HashAlgorithm algID
		HashedMessage []byte
	}{algID{Algorithm: oidSHA256}, imprint[:]}, big.NewInt(42), when.UTC()})
	tsaOpts := signOpts{signer: o.tsa, chain: o.tsaChain}
	return buildSignedData(t, tsaOpts, info, cms.OIDTSTInfo, true)
}

// --- a small test-only PDF writer ---

// basePDF is a one-page document with an empty AcroForm.
func basePDF(text string) []byte {
	var b bytes.Buffer
	offs := map[int]int{}
	b.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	obj := func(n int, body string) {
		offs[n] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", n, body)
	}
	content := fmt.Sprintf("BT /F1 12 Tf 72 720 Td (%s) Tj ET", text)
	obj(1, "<< /Type /Catalog /Pages 2 0 R /AcroForm 5 0 R >>")
	obj(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
	obj(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> /Annots [] >>")
	obj(4, fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content))
	obj(5, "<< /Fields [] >>")
	xref := b.Len()
	b.WriteString("xref\n0 6\n0000000000 65535 f \n")
	for n := 1; n <= 5; n++ {
		fmt.Fprintf(&b, "%010d 00000 n \n", offs[n])
	}
	fmt.Fprintf(&b, "trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", xref)
	return b.Bytes()
}

// appendUpdate appends an incremental update defining objs (number -> body).
func appendUpdate(t testing.TB, doc []byte, objs map[int]string) []byte {
	t.Helper()
	prev := lastStartxref(t, doc)
	var b bytes.Buffer
	b.Write(doc)
	maxN := 0
	offs := map[int]int{}
	for n := 1; n < 1000; n++ {
		body, ok := objs[n]
		if !ok {
			continue
		}
		offs[n] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", n, body)
		maxN = n
	}
	xref := b.Len()
	b.WriteString("xref\n")
	for n := 1; n <= maxN; n++ {
		if o, ok := offs[n]; ok {
			fmt.Fprintf(&b, "%d 1\n%010d 00000 n \n", n, o)
		}
	}
	size := maxN + 1
	if size < 6 {
		size = 6
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n", size, prev, xref)
	return b.Bytes()
}

func lastStartxref(t testing.TB, doc []byte) int {
	k := bytes.LastIndex(doc, []byte("startxref"))
	rest := bytes.Fields(doc[k+len("startxref"):])
	n, err := strconv.Atoi(string(rest[0]))
	if err != nil {
		t.Fatal(err)
	}
	return n
}

const placeholderHex = 16384 // hex digits reserved for /Contents

// signPDF appends a signature in a new field (number base..base+1), then fills
// ByteRange and /Contents. fields lists every field reference the AcroForm must
// hold afterwards.
func signPDF(t testing.TB, doc []byte, o signOpts, fieldNum int, fields string, subFilter string) []byte {
	t.Helper()
	sigNum := fieldNum + 1
	br := "/ByteRange [0 0000000000 0000000000 0000000000]"
	objs := map[int]string{
		fieldNum: fmt.Sprintf("<< /Type /Annot /Subtype /Widget /FT /Sig /T (Sig%d) /Rect [0 0 0 0] /F 132 /P 3 0 R /V %d 0 R >>", fieldNum, sigNum),
		sigNum:   fmt.Sprintf("<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /%s %s /Contents <%s> >>", subFilter, br, bytes.Repeat([]byte("0"), placeholderHex)),
		5:        fmt.Sprintf("<< /Fields [%s] /SigFlags 3 >>", fields),
		3:        pageWithAnnots(fields),
	}
	if o.certifyP > 0 {
		objs[sigNum] = strings.Replace(objs[sigNum], " >>", fmt.Sprintf(" /Reference [<< /Type /SigRef /TransformMethod /DocMDP /TransformParams << /Type /TransformParams /P %d /V /1.2 >> >>] >>", o.certifyP), 1)
		objs[1] = fmt.Sprintf("<< /Type /Catalog /Pages 2 0 R /AcroForm 5 0 R /Perms << /DocMDP %d 0 R >> >>", sigNum)
	}
	if o.docTS {
		objs[sigNum] = fmt.Sprintf("<< /Type /DocTimeStamp /Filter /Adobe.PPKLite /SubFilter /ETSI.RFC3161 %s /Contents <%s> >>", br, bytes.Repeat([]byte("0"), placeholderHex))
	}
	out := appendUpdate(t, doc, objs)
	start := bytes.LastIndex(out, []byte("/Contents <"))
	gapStart := start + len("/Contents ")
	gapEnd := gapStart + placeholderHex + 2
	brVal := fmt.Sprintf("/ByteRange [0 %010d %010d %010d]", gapStart, gapEnd, len(out)-gapEnd)
	k := bytes.LastIndex(out, []byte(br))
	copy(out[k:], brVal)
	signed := append(append([]byte{}, out[:gapStart]...), out[gapEnd:]...)
	var der []byte
	if o.docTS {
		der = buildTimeStamp(t, o, signed)
	} else {
		der = buildSignedData(t, o, signed, cms.OIDData, false)
	}
	h := hex.EncodeToString(der)
	if len(h) > placeholderHex {
		t.Fatalf("CMS of %d bytes does not fit the placeholder", len(der))
	}
	copy(out[gapStart+1:], h)
	return out
}

func pageWithAnnots(fields string) string {
	return fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> /Annots [%s] >>", fields)
}
