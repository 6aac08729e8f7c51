// Package xmldsig checks W3C XML Signatures (XMLDSig, as edXML documents carry
// them): every Reference's digest and the SignatureValue over the canonicalized
// SignedInfo. Trust, validity and revocation belong to package signing.
//
// github.com/beevik/etree is used as the XML parser only. Canonicalization (C14N
// 1.0/1.1 inclusive, exclusive C14N, with or without comments) is our own, because
// the library most often used in Go, goxmldsig, applies no canonicalization when a
// Reference's transforms end with a node-set, where XMLDSig §4.4.3.2 requires the
// implicit C14N 1.0; digests then depend on the serializer and valid signatures
// fail (or crafted ones pass). Here a node-set is always canonicalized with C14N
// 1.0 unless a transform names another algorithm.
//
// Supported: same-document references ("" and "#id"), the enveloped-signature
// transform, SHA-1/SHA-2 digests, RSA PKCS#1 v1.5 and ECDSA (r||s) signature
// methods. XPath/XSLT transforms and external references are refused as
// unsupported (ErrUnsupported), never guessed. Errors are classed (ErrFormat,
// ErrNoSigner, ErrHash, ErrSignature, ErrUnsupported, ErrLimit) for the verdict.
//
// XAdES (ETSI EN 319 132-1): the time-stamps of a signature's QualifyingProperties
// are read with the octets each stamps (Signature.SignatureTimeStamps,
// Signature.ContentTimeStamps); package signing verifies the tokens.
package xmldsig
