// Package signing decides whether a directive is really signed, and by whom, in
// the vocabulary of ETSI EN 319 102-1 as EU DSS reports it: TOTAL_PASSED,
// TOTAL_FAILED or INDETERMINATE, with a sub-indication.
//
// Directives are legally valid only when digitally signed with government
// certificates (001 Điều 8; 004 Đ7.2b); an issued directive normally carries the
// leader's signature and then the organisation's, as successive incremental
// updates. No Go library does this whole job correctly (pdfcpu misses
// post-signature changes), so the verdict logic lives here and the libraries are
// used as parsers only: signing/pdf (our own PDF object parser), signing/cms (our
// own CMS parser on encoding/asn1), crypto/x509 for chains and
// golang.org/x/crypto/ocsp for OCSP responses.
//
// # The verdict for one signature
//
// Checks run in the order of EN 319 102-1's basic validation and every finding is
// kept; the reported sub-indication is the most severe one, and any TOTAL_FAILED
// finding dominates any INDETERMINATE one (a broken signature is broken even if its
// chain is also unknown).
//
//  1. Format: ByteRange and /Contents (signing/pdf), the SubFilter
//     (adbe.pkcs7.detached or ETSI.CAdES.detached), and every later revision
//     limited to whitelisted changes -> FORMAT_FAILURE.
//  2. CMS: the signer is found by issuer-and-serial or subject key identifier
//     (NO_SIGNING_CERTIFICATE_FOUND otherwise, also when the ESS
//     signing-certificate(-v2) hash names another certificate); content-type must be
//     id-data; messageDigest must equal the hash of the ByteRange bytes
//     (HASH_FAILURE); the signature over the DER SET OF signed attributes must
//     verify with RSA PKCS#1 v1.5, RSA-PSS or ECDSA (SIG_CRYPTO_FAILURE).
//  3. Crypto constraints: SHA-1 anywhere, RSA under 2048 bits, or a chain that Go
//     refuses because of SHA-1/MD5 certificate signatures ->
//     CRYPTO_CONSTRAINTS_FAILURE (a policy refusal, not "untrusted").
//  4. Proof of existence (EN 319 102-1 5.3.4 step 4 and 5.5.4, as EU DSS applies
//     them): the best signature time is the earliest genTime of an RFC 3161
//     signature time-stamp whose imprint is the hash of the SignatureValue and whose
//     TSA chains to a configured anchor with the timeStamping EKU, or of a later,
//     equally verified document time-stamp (PAdES-LTA, imprint over its ByteRange);
//     otherwise the validation time. It proves that the signature existed *before*
//     that time. A CAdES content time-stamp (signed attribute, imprint over the
//     signed bytes) proves that the signature was made *after* its time; a content
//     time-stamp later than the best signature time is TIMESTAMP_ORDER_FAILURE. The
//     claimed signingTime attribute is information, never proof.
//  5. Signing certificate: key usage digitalSignature or nonRepudiation and an
//     extended key usage fit for signing where one is present
//     (SIG_CONSTRAINTS_FAILURE); validity: best signature time before notBefore ->
//     NOT_YET_VALID; a content time-stamp after notAfter -> EXPIRED; otherwise a
//     best signature time after notAfter -> OUT_OF_BOUNDS_NO_POE.
//  6. Chain: built only to the configured trust anchors (never the OS store), with
//     intermediates from the CMS, /DSS and configuration -> NO_CERTIFICATE_CHAIN_FOUND.
//  7. Revocation of every non-anchor certificate: embedded OCSP/CRL first (CMS
//     revocation-info-archival, CMS crls, /DSS), then the Fetcher if one is given.
//     OCSP answers must be signed by the issuer or a responder it authorised (OCSP
//     signing EKU); CRLs by the issuer. Revoked after the best signature time ->
//     passes with a warning; the signing certificate revoked before it -> REVOKED
//     only when a content time-stamp is later than the revocation, otherwise
//     REVOKED_NO_POE (a signature time-stamp after the revocation or a signingTime
//     claim is no proof); a CA revoked before it -> REVOKED_CA_NO_POE; no data for a
//     certificate that names a revocation service ->
//     TRY_LATER.
//
// Certification (DocMDP) is honoured: P=1 allows only DSS data and document
// time-stamps after the certifying signature, P>=2 also form filling; without
// certification, later revisions may only add signatures and validation data.
//
// XML (edXML) documents go through VerifyXML: signing/xmldsig checks references
// and the SignatureValue with our own canonicalization, then steps 3, 5, 6 and 7
// apply as above (best signature time = validation time; XAdES time-stamps are not
// read yet). CRLs carried in KeyInfo/X509Data/X509CRL are the embedded revocation
// data, so an offline check can conclude; with none and no Fetcher, TRY_LATER.
//
// The document's indication is the worst of its signatures, or NO_SIGNATURE_FOUND.
// Document time-stamps are proof material and are not listed as signatures.
// A limit or bug of our own parser is INDETERMINATE with an error naming it, never
// a false TOTAL_FAILED and never a pass.
package signing
