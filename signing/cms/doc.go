// Package cms parses CMS SignedData (RFC 5652) as PAdES uses it, RFC 3161
// time-stamp tokens, and verifies one SignerInfo. It is a parser and a
// cryptographic checker only: trust, validity and revocation belong to the caller
// (package signing).
//
// # Why encoding/asn1 and not a PKCS#7 library
//
// The checks that matter need the raw encodings that Go PKCS#7 libraries hide or
// get wrong: the signed attributes must be hashed as the DER SET OF (the [0]
// IMPLICIT tag re-tagged as SET, byte for byte as received, never re-encoded); the
// signer must be found by issuer-and-serial (raw issuer bytes) or by subject key
// identifier; the ESS signing-certificate(-v2) hash must be compared with the
// signer's raw certificate; messageDigest and content-type must be read exactly;
// time-stamp tokens sit in unsigned attributes and the revocation-info-archival
// attribute carries embedded OCSP responses and CRLs. SignedData is a small
// structure, so parsing it with encoding/asn1 is about 400 lines, has no
// dependency and keeps every decision visible. BER input (indefinite lengths, as
// some signing tools emit) is normalised to definite lengths before parsing.
//
// Errors are classed (ErrFormat, ErrNoSigner, ErrHash, ErrSignature,
// ErrUnsupported) so the caller can map them to EN 319 102-1 sub-indications.
package cms
