package simpki

import (
	"bytes"
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509/pkix"
	"encoding/asn1"
	"fmt"
	"math/big"
	"slices"
	"time"
)

// OIDs of RFC 5652 (CMS), RFC 5035 (ESS v2) and Adobe's PDF reference.
var (
	oidData                = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 1}
	oidSignedData          = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 2}
	oidContentType         = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 3}
	oidMessageDigest       = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 4}
	oidSigningTime         = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 5}
	oidSigningCertV2       = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 16, 2, 47}
	oidRevocationArchival  = asn1.ObjectIdentifier{1, 2, 840, 113583, 1, 1, 8}
	oidSHA256              = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 1}
	oidRSAEncryption       = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 1}
	sha256AlgorithmID      = pkix.AlgorithmIdentifier{Algorithm: oidSHA256}
	rsaEncryptionAlgorithm = pkix.AlgorithmIdentifier{Algorithm: oidRSAEncryption, Parameters: asn1.NullRawValue}
)

type issuerAndSerial struct {
	Issuer asn1.RawValue
	Serial *big.Int
}

type signerInfo struct {
	Version            int
	SID                issuerAndSerial
	DigestAlgorithm    pkix.AlgorithmIdentifier
	SignedAttrs        asn1.RawValue // [0] IMPLICIT SET OF Attribute
	SignatureAlgorithm pkix.AlgorithmIdentifier
	Signature          []byte
}

type encapContentInfo struct {
	EContentType asn1.ObjectIdentifier
}

type signedData struct {
	Version          int
	DigestAlgorithms []pkix.AlgorithmIdentifier `asn1:"set"`
	EncapContentInfo encapContentInfo
	Certificates     asn1.RawValue // [0] IMPLICIT SET OF Certificate
	SignerInfos      []signerInfo  `asn1:"set"`
}

type contentInfo struct {
	ContentType asn1.ObjectIdentifier
	Content     asn1.RawValue // [0] EXPLICIT, tagged by hand (FullBytes bypasses struct tags)
}

// essCertIDv2 is RFC 5035's ESSCertIDv2; hashAlgorithm is omitted because
// SHA-256 is its DER default.
type essCertIDv2 struct {
	CertHash     []byte
	IssuerSerial issuerSerial
}

type issuerSerial struct {
	Issuer []asn1.RawValue // GeneralNames: one directoryName [4]
	Serial *big.Int
}

type signingCertificateV2 struct {
	Certs []essCertIDv2
}

// attribute encodes one CMS Attribute with a single value.
func attribute(oid asn1.ObjectIdentifier, value any) ([]byte, error) {
	v, err := asn1.Marshal(value)
	if err != nil {
		return nil, fmt.Errorf("attribute %v: %w", oid, err)
	}
	return asn1.Marshal(struct {
		Type   asn1.ObjectIdentifier
		Values []asn1.RawValue `asn1:"set"`
	}{oid, []asn1.RawValue{{FullBytes: v}}})
}

// derSet wraps encoded elements as a DER SET OF (class/tag given): the elements
// sorted by their encodings (X.690 11.6), which is what a verifier re-encoding
// the signed attributes hashes.
func derSet(class, tag int, elems [][]byte) ([]byte, error) {
	sorted := slices.Clone(elems)
	slices.SortFunc(sorted, bytes.Compare)
	return asn1.Marshal(asn1.RawValue{Class: class, Tag: tag, IsCompound: true, Bytes: bytes.Join(sorted, nil)})
}

// revocationArchival is Adobe's RevocationInfoArchival with the given CRLs:
// SEQUENCE { crl [0] EXPLICIT SEQUENCE OF CertificateList }.
func revocationArchival(crls ...[]byte) ([]byte, error) {
	seq, err := asn1.Marshal(asn1.RawValue{Class: asn1.ClassUniversal, Tag: asn1.TagSequence, IsCompound: true, Bytes: bytes.Join(crls, nil)})
	if err != nil {
		return nil, err
	}
	return asn1.Marshal(asn1.RawValue{Class: asn1.ClassUniversal, Tag: asn1.TagSequence, IsCompound: true,
		Bytes: mustTagged(0, seq)})
}

// mustTagged wraps inner in a constructed context-specific tag; marshalling a
// RawValue of bytes cannot fail.
func mustTagged(tag int, inner []byte) []byte {
	b, err := asn1.Marshal(asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: tag, IsCompound: true, Bytes: inner})
	if err != nil {
		panic(fmt.Sprintf("simpki: marshalling a tagged value: %v", err))
	}
	return b
}

// signedAttributes returns the DER SET OF the signed attributes (tag 0x31), what
// the signature covers.
func (p *PKI) signedAttributes(s *signer, digest []byte, at time.Time) ([]byte, error) {
	certHash := sha256.Sum256(s.cert.Raw)
	ess := signingCertificateV2{Certs: []essCertIDv2{{
		CertHash: certHash[:],
		IssuerSerial: issuerSerial{
			Issuer: []asn1.RawValue{{FullBytes: mustTagged(4, s.cert.RawIssuer)}},
			Serial: s.cert.SerialNumber,
		},
	}}}
	var attrs [][]byte
	for _, a := range []struct {
		oid   asn1.ObjectIdentifier
		value any
	}{
		{oidContentType, oidData},
		{oidSigningTime, at.UTC()}, // UTCTime, in UTC as DER requires
		{oidMessageDigest, digest},
		{oidSigningCertV2, ess},
		{oidRevocationArchival, asn1.RawValue{FullBytes: p.revocationAV}},
	} {
		der, err := attribute(a.oid, a.value)
		if err != nil {
			return nil, err
		}
		attrs = append(attrs, der)
	}
	return derSet(asn1.ClassUniversal, asn1.TagSet, attrs)
}

// signedData builds a detached CMS SignedData over content's digest. With
// placeholder set, the signature value is zeros of the right length: the result
// has exactly the size of the real one, which sizes the PDF's /Contents.
func (p *PKI) signedData(s *signer, digest []byte, at time.Time, placeholder bool) ([]byte, error) {
	attrs, err := p.signedAttributes(s, digest, at)
	if err != nil {
		return nil, err
	}
	sig := make([]byte, s.key.Size())
	if !placeholder {
		h := sha256.Sum256(attrs)
		if sig, err = rsa.SignPKCS1v15(rand.Reader, s.key, crypto.SHA256, h[:]); err != nil {
			return nil, fmt.Errorf("RSA signature: %w", err)
		}
	}
	certs, err := derSet(asn1.ClassContextSpecific, 0, append([][]byte{s.cert.Raw}, p.chainDER...))
	if err != nil {
		return nil, err
	}
	// In the SignerInfo the attributes are [0] IMPLICIT: same content, tag A0.
	implicit := append([]byte{0xA0}, attrs[1:]...)
	sd := signedData{
		Version:          1,
		DigestAlgorithms: []pkix.AlgorithmIdentifier{sha256AlgorithmID},
		EncapContentInfo: encapContentInfo{EContentType: oidData},
		Certificates:     asn1.RawValue{FullBytes: certs},
		SignerInfos: []signerInfo{{
			Version:            1,
			SID:                issuerAndSerial{Issuer: asn1.RawValue{FullBytes: s.cert.RawIssuer}, Serial: s.cert.SerialNumber},
			DigestAlgorithm:    sha256AlgorithmID,
			SignedAttrs:        asn1.RawValue{FullBytes: implicit},
			SignatureAlgorithm: rsaEncryptionAlgorithm,
			Signature:          sig,
		}},
	}
	inner, err := asn1.Marshal(sd)
	if err != nil {
		return nil, fmt.Errorf("SignedData: %w", err)
	}
	return asn1.Marshal(contentInfo{ContentType: oidSignedData, Content: asn1.RawValue{FullBytes: mustTagged(0, inner)}})
}
