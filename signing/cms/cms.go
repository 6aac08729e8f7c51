package cms

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/sha1" //nolint:gosec // SHA-1 is recognised in order to refuse it by policy
	"crypto/sha256"
	"crypto/sha512"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"errors"
	"fmt"
	"math/big"
	"time"
)

// OIDs used here.
var (
	OIDData             = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 1}
	OIDSignedData       = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 2}
	OIDContentType      = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 3}
	OIDMessageDigest    = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 4}
	OIDSigningTime      = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 5}
	OIDSigningCertV1    = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 16, 2, 12}
	OIDSigningCertV2    = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 16, 2, 47}
	OIDTimeStampToken   = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 16, 2, 14}
	OIDContentTimeStamp = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 16, 2, 20} // id-aa-ets-contentTimestamp
	OIDTSTInfo          = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 16, 1, 4}
	OIDRevocationArchiv = asn1.ObjectIdentifier{1, 2, 840, 113583, 1, 1, 8}

	oidSHA1      = asn1.ObjectIdentifier{1, 3, 14, 3, 2, 26}
	oidSHA256    = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 1}
	oidSHA384    = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 2}
	oidSHA512    = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 3}
	oidRSA       = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 1}
	oidRSAPSS    = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 10}
	oidRSASHA1   = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 5}
	oidRSASHA256 = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 11}
	oidRSASHA384 = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 12}
	oidRSASHA512 = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 13}
	oidECDSASHA1 = asn1.ObjectIdentifier{1, 2, 840, 10045, 4, 1}
	oidECDSA256  = asn1.ObjectIdentifier{1, 2, 840, 10045, 4, 3, 2}
	oidECDSA384  = asn1.ObjectIdentifier{1, 2, 840, 10045, 4, 3, 3}
	oidECDSA512  = asn1.ObjectIdentifier{1, 2, 840, 10045, 4, 3, 4}
	oidECPublic  = asn1.ObjectIdentifier{1, 2, 840, 10045, 2, 1}
	oidEd25519   = asn1.ObjectIdentifier{1, 3, 101, 112}
)

// Error classes, mapped by the caller to EN 319 102-1 sub-indications.
var (
	ErrFormat      = errors.New("cms: malformed")                  // FORMAT_FAILURE
	ErrNoSigner    = errors.New("cms: signing certificate absent") // NO_SIGNING_CERTIFICATE_FOUND
	ErrHash        = errors.New("cms: digest mismatch")            // HASH_FAILURE
	ErrSignature   = errors.New("cms: signature invalid")          // SIG_CRYPTO_FAILURE
	ErrUnsupported = errors.New("cms: unsupported algorithm")      // INDETERMINATE
)

type contentInfo struct {
	ContentType asn1.ObjectIdentifier
	Content     asn1.RawValue `asn1:"explicit,tag:0"`
}

type encapContent struct {
	EContentType asn1.ObjectIdentifier
	EContent     asn1.RawValue `asn1:"explicit,optional,tag:0"`
}

type signedData struct {
	Version          int
	DigestAlgorithms asn1.RawValue
	EncapContent     encapContent
	Certificates     asn1.RawValue `asn1:"optional,tag:0"`
	CRLs             asn1.RawValue `asn1:"optional,tag:1"`
	SignerInfos      []signerInfo  `asn1:"set"`
}

type signerInfo struct {
	Version            int
	SID                asn1.RawValue
	DigestAlgorithm    pkix.AlgorithmIdentifier
	SignedAttrs        asn1.RawValue `asn1:"optional,tag:0"`
	SignatureAlgorithm pkix.AlgorithmIdentifier
	Signature          []byte
	UnsignedAttrs      asn1.RawValue `asn1:"optional,tag:1"`
}

type issuerAndSerial struct {
	Issuer asn1.RawValue
	Serial *big.Int
}

type attribute struct {
	Type   asn1.ObjectIdentifier
	Values asn1.RawValue `asn1:"set"`
}

// SignedData is a parsed CMS signature with one signer.
type SignedData struct {
	Certificates     []*x509.Certificate
	CRLs             [][]byte
	EContentType     asn1.ObjectIdentifier
	EContent         []byte // encapsulated content (time-stamp tokens), nil when detached
	Signer           *x509.Certificate
	DigestAlg        crypto.Hash
	DigestOID        asn1.ObjectIdentifier
	SigAlg           pkix.AlgorithmIdentifier
	Signature        []byte
	SignedAttrsDER   []byte // re-tagged as SET OF, what the signature covers
	ContentTypeAttr  asn1.ObjectIdentifier
	MessageDigest    []byte
	SigningTime      time.Time
	HasSigningCertV2 bool
	SigningCertHash  []byte // from ESS signing-certificate(-v2)
	SigningCertAlg   crypto.Hash
	TimeStampTokens  [][]byte // unsigned attribute id-aa-timeStampToken
	ContentTSTokens  [][]byte // signed attribute id-aa-ets-contentTimestamp (CAdES, EN 319 122-1 5.2.8)
	RevocationOCSPs  [][]byte // from adbe-revocationInfoArchival
	RevocationCRLs   [][]byte
}

// Parse reads a DER ContentInfo holding SignedData. Trailing bytes (PDF /Contents
// zero padding) are ignored.
func Parse(der []byte) (*SignedData, error) {
	var ci contentInfo
	if len(der) > 1 && der[1] == 0x80 { // BER indefinite length: normalise first
		conv, err := toDER(der)
		if err != nil {
			return nil, err
		}
		der = conv
	}
	if _, err := asn1.Unmarshal(der, &ci); err != nil {
		return nil, fmt.Errorf("%w: ContentInfo: %v", ErrFormat, err)
	}
	if !ci.ContentType.Equal(OIDSignedData) {
		return nil, fmt.Errorf("%w: content type %v is not signedData", ErrFormat, ci.ContentType)
	}
	var sd signedData
	if rest, err := asn1.Unmarshal(ci.Content.Bytes, &sd); err != nil || len(rest) > 0 {
		return nil, fmt.Errorf("%w: SignedData: %v", ErrFormat, err)
	}
	if len(sd.SignerInfos) != 1 {
		return nil, fmt.Errorf("%w: %d SignerInfos, want exactly 1", ErrFormat, len(sd.SignerInfos))
	}
	out := &SignedData{EContentType: sd.EncapContent.EContentType}
	if len(sd.EncapContent.EContent.Bytes) > 0 {
		var oct []byte
		if _, err := asn1.Unmarshal(sd.EncapContent.EContent.Bytes, &oct); err != nil {
			return nil, fmt.Errorf("%w: eContent: %v", ErrFormat, err)
		}
		out.EContent = oct
	}
	for rest := sd.Certificates.Bytes; len(rest) > 0; {
		var raw asn1.RawValue
		var err error
		if rest, err = asn1.Unmarshal(rest, &raw); err != nil {
			return nil, fmt.Errorf("%w: certificates: %v", ErrFormat, err)
		}
		if raw.Class != asn1.ClassUniversal {
			continue // attribute certificates and others are not used
		}
		c, err := x509.ParseCertificate(raw.FullBytes)
		if err != nil {
			return nil, fmt.Errorf("%w: certificate: %v", ErrFormat, err)
		}
		out.Certificates = append(out.Certificates, c)
	}
	for rest := sd.CRLs.Bytes; len(rest) > 0; {
		var raw asn1.RawValue
		var err error
		if rest, err = asn1.Unmarshal(rest, &raw); err != nil {
			break
		}
		if raw.Class == asn1.ClassUniversal {
			out.CRLs = append(out.CRLs, raw.FullBytes)
		}
	}
	si := sd.SignerInfos[0]
	out.SigAlg = si.SignatureAlgorithm
	out.Signature = si.Signature
	out.DigestOID = si.DigestAlgorithm.Algorithm
	out.DigestAlg = hashFor(si.DigestAlgorithm.Algorithm)
	out.Signer = findSigner(si.SID, out.Certificates)
	if len(si.SignedAttrs.FullBytes) > 0 {
		der := append([]byte(nil), si.SignedAttrs.FullBytes...)
		der[0] = 0x31 // [0] IMPLICIT -> SET OF, as RFC 5652 5.4 requires for the digest
		out.SignedAttrsDER = der
		if err := out.readSignedAttrs(si.SignedAttrs.Bytes); err != nil {
			return nil, err
		}
	}
	if len(si.UnsignedAttrs.Bytes) > 0 {
		attrs, err := parseAttrs(si.UnsignedAttrs.Bytes)
		if err != nil {
			return nil, err
		}
		for _, a := range attrs {
			if a.Type.Equal(OIDTimeStampToken) {
				out.TimeStampTokens = append(out.TimeStampTokens, setValues(a.Values.Bytes)...)
			}
		}
	}
	return out, nil
}

func parseAttrs(b []byte) ([]attribute, error) {
	var out []attribute
	for rest := b; len(rest) > 0; {
		var a attribute
		var err error
		if rest, err = asn1.Unmarshal(rest, &a); err != nil {
			return nil, fmt.Errorf("%w: attribute: %v", ErrFormat, err)
		}
		out = append(out, a)
	}
	return out, nil
}

func setValues(b []byte) [][]byte {
	var out [][]byte
	for rest := b; len(rest) > 0; {
		var raw asn1.RawValue
		var err error
		if rest, err = asn1.Unmarshal(rest, &raw); err != nil {
			return out
		}
		out = append(out, raw.FullBytes)
	}
	return out
}

func (s *SignedData) readSignedAttrs(b []byte) error {
	attrs, err := parseAttrs(b)
	if err != nil {
		return err
	}
	seen := map[string]bool{}
	for _, a := range attrs {
		key := a.Type.String()
		if seen[key] {
			return fmt.Errorf("%w: signed attribute %s repeated", ErrFormat, key)
		}
		seen[key] = true
		vals := setValues(a.Values.Bytes)
		if len(vals) == 0 {
			return fmt.Errorf("%w: signed attribute %s without value", ErrFormat, key)
		}
		v := vals[0]
		switch {
		case a.Type.Equal(OIDContentType):
			if _, err := asn1.Unmarshal(v, &s.ContentTypeAttr); err != nil {
				return fmt.Errorf("%w: content-type attribute: %v", ErrFormat, err)
			}
		case a.Type.Equal(OIDMessageDigest):
			if _, err := asn1.Unmarshal(v, &s.MessageDigest); err != nil {
				return fmt.Errorf("%w: message-digest attribute: %v", ErrFormat, err)
			}
		case a.Type.Equal(OIDSigningTime):
			var t time.Time
			if _, err := asn1.Unmarshal(v, &t); err == nil {
				s.SigningTime = t
			}
		case a.Type.Equal(OIDSigningCertV2), a.Type.Equal(OIDSigningCertV1):
			s.HasSigningCertV2 = true
			if err := s.readSigningCert(v, a.Type.Equal(OIDSigningCertV1)); err != nil {
				return err
			}
		case a.Type.Equal(OIDRevocationArchiv):
			s.readRevocationArchival(v)
		case a.Type.Equal(OIDContentTimeStamp):
			s.ContentTSTokens = append(s.ContentTSTokens, vals...)
		}
	}
	return nil
}

// readSigningCert reads the first ESSCertID(v2) of SigningCertificate(V2).
func (s *SignedData) readSigningCert(v []byte, v1 bool) error {
	var outer asn1.RawValue // SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2, ...}
	if _, err := asn1.Unmarshal(v, &outer); err != nil {
		return fmt.Errorf("%w: signing-certificate attribute: %v", ErrFormat, err)
	}
	var certs asn1.RawValue
	if _, err := asn1.Unmarshal(outer.Bytes, &certs); err != nil {
		return fmt.Errorf("%w: signing-certificate attribute: %v", ErrFormat, err)
	}
	var first asn1.RawValue
	if _, err := asn1.Unmarshal(certs.Bytes, &first); err != nil {
		return fmt.Errorf("%w: signing-certificate attribute: %v", ErrFormat, err)
	}
	rest := first.Bytes
	s.SigningCertAlg = crypto.SHA1
	if !v1 && len(rest) > 0 && rest[0] == 0x30 { // optional hashAlgorithm, default SHA-256
		var alg pkix.AlgorithmIdentifier
		r, err := asn1.Unmarshal(rest, &alg)
		if err != nil {
			return fmt.Errorf("%w: ESSCertIDv2 hashAlgorithm: %v", ErrFormat, err)
		}
		s.SigningCertAlg = hashFor(alg.Algorithm)
		rest = r
	} else if !v1 {
		s.SigningCertAlg = crypto.SHA256
	}
	if _, err := asn1.Unmarshal(rest, &s.SigningCertHash); err != nil {
		return fmt.Errorf("%w: ESSCertID hash: %v", ErrFormat, err)
	}
	return nil
}

func (s *SignedData) readRevocationArchival(v []byte) {
	var seq asn1.RawValue
	if _, err := asn1.Unmarshal(v, &seq); err != nil {
		return
	}
	for rest := seq.Bytes; len(rest) > 0; {
		var tagged asn1.RawValue
		var err error
		if rest, err = asn1.Unmarshal(rest, &tagged); err != nil {
			return
		}
		var inner asn1.RawValue // SEQUENCE OF
		if _, err := asn1.Unmarshal(tagged.Bytes, &inner); err != nil {
			continue
		}
		for _, item := range setValues(inner.Bytes) {
			switch tagged.Tag {
			case 0:
				s.RevocationCRLs = append(s.RevocationCRLs, item)
			case 1:
				s.RevocationOCSPs = append(s.RevocationOCSPs, item)
			}
		}
	}
}

func findSigner(sid asn1.RawValue, certs []*x509.Certificate) *x509.Certificate {
	if sid.Class == asn1.ClassContextSpecific && sid.Tag == 0 {
		for _, c := range certs {
			if len(c.SubjectKeyId) > 0 && bytes.Equal(c.SubjectKeyId, sid.Bytes) {
				return c
			}
		}
		return nil
	}
	var ias issuerAndSerial
	if _, err := asn1.Unmarshal(sid.FullBytes, &ias); err != nil || ias.Serial == nil {
		return nil
	}
	for _, c := range certs {
		if bytes.Equal(c.RawIssuer, ias.Issuer.FullBytes) && c.SerialNumber.Cmp(ias.Serial) == 0 {
			return c
		}
	}
	return nil
}

func hashFor(oid asn1.ObjectIdentifier) crypto.Hash {
	switch {
	case oid.Equal(oidSHA1):
		return crypto.SHA1
	case oid.Equal(oidSHA256):
		return crypto.SHA256
	case oid.Equal(oidSHA384):
		return crypto.SHA384
	case oid.Equal(oidSHA512):
		return crypto.SHA512
	}
	return 0
}

// Digest hashes data with h (SHA-1, SHA-2 only).
func Digest(h crypto.Hash, data []byte) ([]byte, error) {
	switch h {
	case crypto.SHA1:
		s := sha1.Sum(data) //nolint:gosec
		return s[:], nil
	case crypto.SHA256:
		s := sha256.Sum256(data)
		return s[:], nil
	case crypto.SHA384:
		s := sha512.Sum384(data)
		return s[:], nil
	case crypto.SHA512:
		s := sha512.Sum512(data)
		return s[:], nil
	}
	return nil, fmt.Errorf("%w: digest algorithm %v", ErrUnsupported, h)
}

// WeakAlgorithms reports why the signature's algorithms or key fail the
// cryptographic constraints (SHA-1, RSA under 2048 bits), or "".
func (s *SignedData) WeakAlgorithms() string {
	if s.DigestAlg == crypto.SHA1 {
		return "digest algorithm SHA-1"
	}
	switch {
	case s.SigAlg.Algorithm.Equal(oidRSASHA1), s.SigAlg.Algorithm.Equal(oidECDSASHA1):
		return "signature algorithm with SHA-1"
	}
	if s.Signer != nil {
		if k, ok := s.Signer.PublicKey.(*rsa.PublicKey); ok && k.N.BitLen() < 2048 {
			return fmt.Sprintf("RSA key of %d bits", k.N.BitLen())
		}
	}
	return ""
}

// Verify checks the signer against content: content-type and messageDigest signed
// attributes, the ESS signing-certificate binding, and the signature. content is
// the detached data (the ByteRange bytes) or, when nil, the encapsulated content.
func (s *SignedData) Verify(content []byte) error {
	if s.Signer == nil {
		return fmt.Errorf("%w: no certificate in the CMS matches the SignerInfo's identifier", ErrNoSigner)
	}
	if content == nil {
		content = s.EContent
	}
	if s.DigestAlg == 0 {
		return fmt.Errorf("%w: digest algorithm %v", ErrUnsupported, s.DigestOID)
	}
	digest, err := Digest(s.DigestAlg, content)
	if err != nil {
		return err
	}
	signed := digest
	if s.SignedAttrsDER != nil {
		want := OIDData
		if s.EContent != nil {
			want = s.EContentType
		}
		if !s.ContentTypeAttr.Equal(want) {
			return fmt.Errorf("%w: content-type attribute %v, want %v", ErrFormat, s.ContentTypeAttr, want)
		}
		if s.MessageDigest == nil {
			return fmt.Errorf("%w: message-digest attribute missing", ErrFormat)
		}
		if !bytes.Equal(s.MessageDigest, digest) {
			return fmt.Errorf("%w: message-digest attribute does not match the signed bytes", ErrHash)
		}
		if s.SigningCertHash != nil {
			h, err := Digest(s.SigningCertAlg, s.Signer.Raw)
			if err != nil {
				return err
			}
			if !bytes.Equal(h, s.SigningCertHash) {
				return fmt.Errorf("%w: ESS signing-certificate does not identify the signer's certificate", ErrNoSigner)
			}
		}
		if signed, err = Digest(s.DigestAlg, s.SignedAttrsDER); err != nil {
			return err
		}
	}
	return checkSignature(s.Signer.PublicKey, s.SigAlg, s.DigestAlg, signed, s.Signature)
}

func checkSignature(pub any, alg pkix.AlgorithmIdentifier, h crypto.Hash, digest, sig []byte) error {
	a := alg.Algorithm
	switch k := pub.(type) {
	case *rsa.PublicKey:
		switch {
		case a.Equal(oidRSAPSS):
			if err := rsa.VerifyPSS(k, h, digest, sig, &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthAuto, Hash: h}); err != nil {
				return fmt.Errorf("%w: RSA-PSS: %v", ErrSignature, err)
			}
			return nil
		case a.Equal(oidRSA), a.Equal(oidRSASHA1), a.Equal(oidRSASHA256), a.Equal(oidRSASHA384), a.Equal(oidRSASHA512):
			if sh := sigHash(a); sh != 0 && sh != h {
				return fmt.Errorf("%w: signature algorithm hash differs from the digest algorithm", ErrFormat)
			}
			if err := rsa.VerifyPKCS1v15(k, h, digest, sig); err != nil {
				return fmt.Errorf("%w: RSA PKCS#1 v1.5: %v", ErrSignature, err)
			}
			return nil
		}
	case *ecdsa.PublicKey:
		if a.Equal(oidECPublic) || a.Equal(oidECDSASHA1) || a.Equal(oidECDSA256) || a.Equal(oidECDSA384) || a.Equal(oidECDSA512) {
			if !ecdsa.VerifyASN1(k, digest, sig) {
				return fmt.Errorf("%w: ECDSA", ErrSignature)
			}
			return nil
		}
	case ed25519.PublicKey:
		if a.Equal(oidEd25519) {
			return fmt.Errorf("%w: Ed25519 in CMS", ErrUnsupported)
		}
	}
	return fmt.Errorf("%w: signature algorithm %v with key %T", ErrUnsupported, a, pub)
}

func sigHash(a asn1.ObjectIdentifier) crypto.Hash {
	switch {
	case a.Equal(oidRSASHA1):
		return crypto.SHA1
	case a.Equal(oidRSASHA256):
		return crypto.SHA256
	case a.Equal(oidRSASHA384):
		return crypto.SHA384
	case a.Equal(oidRSASHA512):
		return crypto.SHA512
	}
	return 0
}

// TSTInfo is the content of an RFC 3161 time-stamp token.
type TSTInfo struct {
	Version        int
	Policy         asn1.ObjectIdentifier
	MessageImprint struct {
		HashAlgorithm pkix.AlgorithmIdentifier
		HashedMessage []byte
	}
	SerialNumber *big.Int
	GenTime      time.Time `asn1:"generalized"`
}

// TimeStamp is a verified-signature, parsed time-stamp token.
type TimeStamp struct {
	Token   *SignedData
	GenTime time.Time
}

// ParseTimeStamp parses a time-stamp token and checks its CMS signature and that its
// message imprint is the hash of imprinted (the SignatureValue a signature
// time-stamp covers, or the signed content a content time-stamp covers).
func ParseTimeStamp(token, imprinted []byte) (*TimeStamp, error) {
	sd, err := Parse(token)
	if err != nil {
		return nil, fmt.Errorf("time-stamp token: %w", err)
	}
	if !sd.EContentType.Equal(OIDTSTInfo) || sd.EContent == nil {
		return nil, fmt.Errorf("%w: time-stamp token does not hold a TSTInfo", ErrFormat)
	}
	var info TSTInfo
	if _, err := asn1.Unmarshal(sd.EContent, &info); err != nil {
		return nil, fmt.Errorf("%w: TSTInfo: %v", ErrFormat, err)
	}
	if err := sd.Verify(nil); err != nil {
		return nil, fmt.Errorf("time-stamp token: %w", err)
	}
	h := hashFor(info.MessageImprint.HashAlgorithm.Algorithm)
	want, err := Digest(h, imprinted)
	if err != nil {
		return nil, fmt.Errorf("time-stamp imprint: %w", err)
	}
	if !bytes.Equal(want, info.MessageImprint.HashedMessage) {
		return nil, fmt.Errorf("%w: time-stamp message imprint is not the hash of the time-stamped data", ErrHash)
	}
	return &TimeStamp{Token: sd, GenTime: info.GenTime}, nil
}
