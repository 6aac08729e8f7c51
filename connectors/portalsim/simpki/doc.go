// Package simpki is the simulator's demo PKI and PDF signer: it makes the
// portal simulator serve directives signed the way a provincial People's
// Committee issues them, so that `cddh-sync demo`, `sim` and the tests show real
// signature verdicts instead of NO_SIGNATURE_FOUND.
//
// New generates, in memory, a root "Demo Root CA (cddh-sync simulator)", a
// sub-CA, and two signers: the chairman's personal certificate and the
// organisation's (UBND tỉnh Đồng Tháp), with RSA-2048 keys and SHA-256
// certificates valid 2024–2030, plus an (empty) CRL from each CA. Nothing of it
// is a real CA; the root only becomes trusted where an operator configures
// RootPEM as signing.trust_anchors.
//
// SignPDF (portalsim.Options.SignPDF) guarantees, for any classic-xref,
// unencrypted PDF:
//
//   - Two signatures as successive incremental updates, the leader's first and
//     the organisation's second (signing/doc.go: the order of an issued
//     directive). The input bytes are kept unchanged as a prefix, so the
//     document the leader signed is exactly the one given.
//   - Each is a proper AcroForm signature field merged with an invisible widget
//     on the first page, /SigFlags 3, and a signature dictionary whose /ByteRange
//     covers the whole file but its own /Contents. The second update adds only a
//     new field, its widget and value, the changes a verifier whitelists after a
//     signature; the last signature covers the whole file.
//   - /Contents is a detached CMS SignedData (adbe.pkcs7.detached) with the
//     signed attributes content-type, messageDigest, signingTime, ESS
//     signing-certificate-v2 and adbe-revocationInfoArchival holding both CRLs,
//     and the chain (signer, sub-CA, root) in its certificates: a verifier with
//     the root as its only anchor reaches TOTAL_PASSED offline, revocation
//     included. The certificates name CRL distribution points under the
//     never-resolving .invalid domain, so nothing can be fetched instead.
//
// PDFs with cross-reference streams, encryption, no /Type /Page leaf, or a form
// object shared with other content are refused with an error rather than updated
// wrongly; the simulator's own PDFs use classic tables. Signature values are not
// deterministic (fresh keys per New); the rest of the update is, for a fixed
// clock.
//
// SignEdxml (portalsim.Options.SignEdxml) adds the organisation's enveloped
// XMLDSig signature (whole document, exclusive C14N, RSA-SHA256) at the end of
// edXMLHeader. Its canonicalizer runs on encoding/xml tokens, independently of
// the verifier's (etree); a differential fuzz target holds them to the same
// bytes. It refuses DTDs, duplicate attributes and undeclared prefixes, whose
// canonical form parsers disagree on. signing.VerifyXML uses CRLs carried in
// X509Data/X509CRL; SignEdxml embeds none, so offline an edXML signature is
// INDETERMINATE/TRY_LATER; the PKI implements signing.Fetcher (FetchCRL serves both CRLs at their
// distribution points) for callers that want the full check without a network.
package simpki
