package xmldsig

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/rsa"
	"crypto/sha1" //nolint:gosec // recognised in order to refuse it by policy
	"crypto/sha256"
	"crypto/sha512"
	"crypto/x509"
	"encoding/base64"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"time"

	"github.com/beevik/etree"
)

// NS is the XMLDSig namespace.
const NS = "http://www.w3.org/2000/09/xmldsig#"

const envelopedSignature = "http://www.w3.org/2000/09/xmldsig#enveloped-signature"

// Error classes, mapped by the caller to EN 319 102-1 sub-indications.
var (
	ErrFormat      = errors.New("xmldsig: malformed")
	ErrNoSigner    = errors.New("xmldsig: signing certificate absent")
	ErrHash        = errors.New("xmldsig: reference digest mismatch")
	ErrSignature   = errors.New("xmldsig: signature value invalid")
	ErrUnsupported = errors.New("xmldsig: unsupported algorithm")
	ErrLimit       = errors.New("xmldsig: limit reached")
)

// Signature is one ds:Signature with what was checked.
type Signature struct {
	Element      *etree.Element
	Certificates []*x509.Certificate
	CRLs         [][]byte // DER CRLs carried in X509Data/X509CRL, revocation data for offline use
	Signer       *x509.Certificate
	Hashes       []crypto.Hash // digest algorithms of the references and the signature
	Problems     []error       // classified errors, in check order
	Warnings     []string      // unusable validation data (a CRL that does not decode)
	// SignatureTimeStamps are the XAdES signature time-stamps, unverified.
	SignatureTimeStamps []TimeStamp
	// ContentTimeStamps are the XAdES AllDataObjectsTimeStamps and
	// IndividualDataObjectsTimeStamps of signed properties, unverified.
	ContentTimeStamps []TimeStamp
	// SigningTime is the XAdES SigningTime of signed properties: the signer's claim,
	// never proof of existence (zero when absent or unreadable).
	SigningTime time.Time
}

// Weak reports SHA-1 or RSA under 2048 bits, or "".
func (s *Signature) Weak() string {
	for _, h := range s.Hashes {
		if h == crypto.SHA1 {
			return "SHA-1 digest or signature algorithm"
		}
	}
	if s.Signer != nil {
		if k, ok := s.Signer.PublicKey.(*rsa.PublicKey); ok && k.N.BitLen() < 2048 {
			return fmt.Sprintf("RSA key of %d bits", k.N.BitLen())
		}
	}
	return ""
}

// maxSignatures bounds the signatures examined in one document.
const maxSignatures = 16

// Parse reads an XML document (capped by the caller) and checks every ds:Signature:
// each Reference's digest (with the implicit final C14N 1.0 canonicalization when
// the transforms leave a node-set) and the SignatureValue over the canonicalized
// SignedInfo.
func Parse(data []byte) (*etree.Document, []*Signature, error) {
	doc := etree.NewDocument()
	if err := doc.ReadFromBytes(data); err != nil {
		return nil, nil, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	if doc.Root() == nil {
		return nil, nil, fmt.Errorf("%w: no root element", ErrFormat)
	}
	var out []*Signature
	var walk func(el *etree.Element, depth int) error
	walk = func(el *etree.Element, depth int) error {
		if depth > 256 {
			return fmt.Errorf("%w: nesting deeper than 256", ErrLimit)
		}
		if el.Tag == "Signature" && el.NamespaceURI() == NS {
			if len(out) >= maxSignatures {
				return fmt.Errorf("%w: more than %d signatures", ErrLimit, maxSignatures)
			}
			out = append(out, check(doc, el))
			return nil
		}
		for _, c := range el.ChildElements() {
			if err := walk(c, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	if err := walk(doc.Root(), 0); err != nil {
		return nil, nil, err
	}
	return doc, out, nil
}

func child(el *etree.Element, tag string) *etree.Element {
	for _, c := range el.ChildElements() {
		if c.Tag == tag && c.NamespaceURI() == NS {
			return c
		}
	}
	return nil
}

func children(el *etree.Element, tag string) []*etree.Element {
	var out []*etree.Element
	for _, c := range el.ChildElements() {
		if c.Tag == tag && c.NamespaceURI() == NS {
			out = append(out, c)
		}
	}
	return out
}

func check(doc *etree.Document, sigEl *etree.Element) *Signature {
	s := &Signature{Element: sigEl}
	fail := func(err error) { s.Problems = append(s.Problems, err) }
	si := child(sigEl, "SignedInfo")
	sv := child(sigEl, "SignatureValue")
	if si == nil || sv == nil {
		fail(fmt.Errorf("%w: SignedInfo or SignatureValue missing", ErrFormat))
		return s
	}
	if ki := child(sigEl, "KeyInfo"); ki != nil {
		for _, xd := range children(ki, "X509Data") {
			for _, xc := range children(xd, "X509Certificate") {
				der, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(xc.Text()), ""))
				if err != nil {
					fail(fmt.Errorf("%w: X509Certificate not base64", ErrFormat))
					continue
				}
				c, err := x509.ParseCertificate(der)
				if err != nil {
					fail(fmt.Errorf("%w: X509Certificate: %v", ErrFormat, err))
					continue
				}
				s.Certificates = append(s.Certificates, c)
			}
			for _, xc := range children(xd, "X509CRL") {
				der, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(xc.Text()), ""))
				if err != nil {
					s.Warnings = append(s.Warnings, "X509CRL ignored: not base64")
					continue
				}
				if _, err := x509.ParseRevocationList(der); err != nil {
					s.Warnings = append(s.Warnings, "X509CRL ignored: "+err.Error())
					continue
				}
				s.CRLs = append(s.CRLs, der)
			}
		}
	}
	s.Signer = pickSigner(s.Certificates)
	// XAdES properties are read once the references are checked (on every return):
	// a content time-stamp counts only inside SignedProperties a verified
	// reference covers.
	signed := map[*etree.Element]bool{}
	defer func() { s.readXAdES(doc, sigEl, si, sv, signed) }()
	cm := child(si, "CanonicalizationMethod")
	smEl := child(si, "SignatureMethod")
	if cm == nil || smEl == nil {
		fail(fmt.Errorf("%w: CanonicalizationMethod or SignatureMethod missing", ErrFormat))
		return s
	}
	refs := children(si, "Reference")
	if len(refs) == 0 {
		fail(fmt.Errorf("%w: SignedInfo has no Reference", ErrFormat))
	}
	for i, ref := range refs {
		target, err := s.checkReference(doc, sigEl, ref)
		if err != nil {
			fail(fmt.Errorf("reference %d: %w", i+1, err))
		} else if target != nil {
			signed[target] = true
		}
	}
	canon, ok := newCanonicalizer(cm.SelectAttrValue("Algorithm", ""), inclusivePrefixes(cm), nil)
	if !ok {
		fail(fmt.Errorf("%w: canonicalization %q", ErrUnsupported, cm.SelectAttrValue("Algorithm", "")))
		return s
	}
	signedInfo := canon.subtree(si)
	h, alg, ok := signatureMethod(smEl.SelectAttrValue("Algorithm", ""))
	if !ok {
		fail(fmt.Errorf("%w: signature method %q", ErrUnsupported, smEl.SelectAttrValue("Algorithm", "")))
		return s
	}
	s.Hashes = append(s.Hashes, h)
	if s.Signer == nil {
		fail(fmt.Errorf("%w: KeyInfo carries no X509Certificate", ErrNoSigner))
		return s
	}
	sig, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(sv.Text()), ""))
	if err != nil {
		fail(fmt.Errorf("%w: SignatureValue not base64", ErrFormat))
		return s
	}
	digest, err := hashBytes(h, []byte(signedInfo))
	if err != nil {
		fail(err)
		return s
	}
	if err := verifySig(s.Signer.PublicKey, alg, h, digest, sig); err != nil {
		fail(err)
	}
	return s
}

func inclusivePrefixes(el *etree.Element) []string {
	for _, c := range el.ChildElements() {
		if c.Tag == "InclusiveNamespaces" {
			return strings.Fields(c.SelectAttrValue("PrefixList", ""))
		}
	}
	return nil
}

// pickSigner is the certificate that issued no other certificate in the list.
func pickSigner(certs []*x509.Certificate) *x509.Certificate {
	for _, c := range certs {
		issuerOfOther := false
		for _, o := range certs {
			if o != c && bytes.Equal(o.RawIssuer, c.RawSubject) {
				issuerOfOther = true
			}
		}
		if !issuerOfOther {
			return c
		}
	}
	if len(certs) > 0 {
		return certs[0]
	}
	return nil
}

// checkReference checks one Reference's digest and returns the element it points
// to (nil for the whole document).
func (s *Signature) checkReference(doc *etree.Document, sigEl, ref *etree.Element) (*etree.Element, error) {
	dm := child(ref, "DigestMethod")
	dv := child(ref, "DigestValue")
	if dm == nil || dv == nil {
		return nil, fmt.Errorf("%w: DigestMethod or DigestValue missing", ErrFormat)
	}
	h, ok := digestMethod(dm.SelectAttrValue("Algorithm", ""))
	if !ok {
		return nil, fmt.Errorf("%w: digest method %q", ErrUnsupported, dm.SelectAttrValue("Algorithm", ""))
	}
	s.Hashes = append(s.Hashes, h)
	want, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(dv.Text()), ""))
	if err != nil {
		return nil, fmt.Errorf("%w: DigestValue not base64", ErrFormat)
	}
	// The implicit canonicalization of a node-set (XMLDSig 4.4.3.2).
	octets, target, err := referenceOctets(doc, sigEl, ref, C14N10, nil)
	if err != nil {
		return nil, err
	}
	got, err := hashBytes(h, octets)
	if err != nil {
		return nil, err
	}
	if !bytes.Equal(got, want) {
		return nil, fmt.Errorf("%w (URI %q)", ErrHash, ref.SelectAttrValue("URI", ""))
	}
	return target, nil
}

// referenceOctets dereferences ref and applies its transforms (XMLDSig 4.4.3.2); a
// node-set the transforms leave is canonicalized with nodeSetAlg. It returns the
// octets and the element referenced (nil for the whole document).
func referenceOctets(doc *etree.Document, sigEl, ref *etree.Element, nodeSetAlg string, nodeSetPrefixes []string) ([]byte, *etree.Element, error) {
	uri := ref.SelectAttrValue("URI", "")
	var target *etree.Element
	switch {
	case uri == "":
	case strings.HasPrefix(uri, "#"):
		target = findID(doc.Root(), uri[1:], 0)
		if target == nil {
			return nil, nil, fmt.Errorf("%w: no element with Id %q", ErrFormat, uri[1:])
		}
	default:
		return nil, nil, fmt.Errorf("%w: external reference %q", ErrUnsupported, uri)
	}
	var skip *etree.Element
	alg, prefixes := nodeSetAlg, nodeSetPrefixes
	if tr := child(ref, "Transforms"); tr != nil {
		for _, t := range children(tr, "Transform") {
			a := t.SelectAttrValue("Algorithm", "")
			switch a {
			case envelopedSignature:
				skip = sigEl
			case C14N10, C14N10Comments, C14N11, C14N11Comments, ExcC14N, ExcC14NComment:
				alg, prefixes = a, inclusivePrefixes(t)
			default:
				return nil, nil, fmt.Errorf("%w: transform %q", ErrUnsupported, a)
			}
		}
	}
	// Same-document references drop comments unless a #WithComments
	// canonicalization was asked for explicitly.
	c, ok := newCanonicalizer(alg, prefixes, skip)
	if !ok {
		return nil, nil, fmt.Errorf("%w: canonicalization %q", ErrUnsupported, alg)
	}
	if target == nil {
		return []byte(c.document(doc)), nil, nil
	}
	return []byte(c.subtree(target)), target, nil
}

func findID(el *etree.Element, id string, depth int) *etree.Element {
	if depth > 256 {
		return nil
	}
	for _, k := range []string{"Id", "ID", "id"} {
		if v := el.SelectAttrValue(k, "\x00"); v == id {
			return el
		}
	}
	for _, c := range el.ChildElements() {
		if f := findID(c, id, depth+1); f != nil {
			return f
		}
	}
	return nil
}

func digestMethod(a string) (crypto.Hash, bool) {
	switch a {
	case "http://www.w3.org/2000/09/xmldsig#sha1":
		return crypto.SHA1, true
	case "http://www.w3.org/2001/04/xmlenc#sha256":
		return crypto.SHA256, true
	case "http://www.w3.org/2001/04/xmldsig-more#sha384":
		return crypto.SHA384, true
	case "http://www.w3.org/2001/04/xmlenc#sha512":
		return crypto.SHA512, true
	}
	return 0, false
}

type keyAlg int

const (
	algRSA keyAlg = iota
	algECDSA
)

func signatureMethod(a string) (crypto.Hash, keyAlg, bool) {
	switch a {
	case "http://www.w3.org/2000/09/xmldsig#rsa-sha1":
		return crypto.SHA1, algRSA, true
	case "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256":
		return crypto.SHA256, algRSA, true
	case "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384":
		return crypto.SHA384, algRSA, true
	case "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512":
		return crypto.SHA512, algRSA, true
	case "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha1":
		return crypto.SHA1, algECDSA, true
	case "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256":
		return crypto.SHA256, algECDSA, true
	case "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384":
		return crypto.SHA384, algECDSA, true
	case "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512":
		return crypto.SHA512, algECDSA, true
	}
	return 0, 0, false
}

func hashBytes(h crypto.Hash, b []byte) ([]byte, error) {
	switch h {
	case crypto.SHA1:
		s := sha1.Sum(b) //nolint:gosec
		return s[:], nil
	case crypto.SHA256:
		s := sha256.Sum256(b)
		return s[:], nil
	case crypto.SHA384:
		s := sha512.Sum384(b)
		return s[:], nil
	case crypto.SHA512:
		s := sha512.Sum512(b)
		return s[:], nil
	}
	return nil, fmt.Errorf("%w: hash %v", ErrUnsupported, h)
}

func verifySig(pub any, alg keyAlg, h crypto.Hash, digest, sig []byte) error {
	switch k := pub.(type) {
	case *rsa.PublicKey:
		if alg != algRSA {
			break
		}
		if err := rsa.VerifyPKCS1v15(k, h, digest, sig); err != nil {
			return fmt.Errorf("%w: %v", ErrSignature, err)
		}
		return nil
	case *ecdsa.PublicKey:
		if alg != algECDSA || len(sig)%2 != 0 {
			break
		}
		// XMLDSig ECDSA values are r||s, not DER.
		n := len(sig) / 2
		r, s := new(big.Int).SetBytes(sig[:n]), new(big.Int).SetBytes(sig[n:])
		if !ecdsa.Verify(k, digest, r, s) {
			return fmt.Errorf("%w: ECDSA", ErrSignature)
		}
		return nil
	}
	return fmt.Errorf("%w: signature method does not fit key %T", ErrSignature, pub)
}
