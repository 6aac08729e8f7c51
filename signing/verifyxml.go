package signing

import (
	"context"
	"crypto/x509"
	"fmt"
	"time"

	"cddh-sync/signing/xmldsig"
)

// VerifyXML validates every XMLDSig signature of an XML (edXML) document.
// Revocation data carried in KeyInfo/X509Data/X509CRL is used first (so an offline
// check can conclude), then the Fetcher; with neither, a certificate that names a
// revocation service is TRY_LATER, as for PDF. XAdES time-stamps are not read
// yet, so the best signature time is the validation time.
func VerifyXML(ctx context.Context, name string, data []byte, opt Options) (*Report, error) {
	rep := &Report{File: name, Signatures: []SignatureResult{}}
	_, sigs, err := xmldsig.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	at := opt.At
	if at.IsZero() {
		at = time.Now()
	}
	for _, s := range sigs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		r := SignatureResult{Format: "XMLDSig", CoversWholeDocument: coversDocument(s)}
		for _, w := range s.Warnings {
			r.warn(w)
		}
		for _, p := range s.Problems {
			r.fail(cryptoSub(p, parserErrors{noSigner: xmldsig.ErrNoSigner, hash: xmldsig.ErrHash, sig: xmldsig.ErrSignature, unsupported: xmldsig.ErrUnsupported}), p.Error())
		}
		if s.Signer != nil {
			r.SignedBy = DisplayName(s.Signer.Subject)
			if weak := s.Weak(); weak != "" {
				r.fail(CryptoConstraintsFailure, "cryptographic constraints: "+weak)
			}
			r.BestSignatureTime = at.UTC().Format(time.RFC3339)
			extra := append(append([]*x509.Certificate{}, s.Certificates...), opt.Intermediates...)
			certificateChecks(ctx, s.Signer, extra, nil, s.CRLs, proofs{best: at}, opt, &r)
		}
		r.finish()
		rep.Signatures = append(rep.Signatures, r)
	}
	rep.worst()
	return rep, nil
}

// coversDocument: a whole-document reference (URI="") with the enveloped transform.
func coversDocument(s *xmldsig.Signature) bool {
	si := s.Element.FindElement("./SignedInfo")
	if si == nil {
		return false
	}
	for _, ref := range si.SelectElements("Reference") {
		if ref.SelectAttrValue("URI", "x") == "" {
			return true
		}
	}
	return false
}
