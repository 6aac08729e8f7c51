package signing

import (
	"context"
	"crypto/x509"
	"fmt"
	"time"

	"github.com/beevik/etree"

	"cddh-sync/signing/xmldsig"
)

// VerifyXML validates every XMLDSig signature of an XML (edXML) document.
// Revocation data carried in KeyInfo/X509Data/X509CRL is used first (so an offline
// check can conclude), then the Fetcher; with neither, a certificate that names a
// revocation service is TRY_LATER, as for PDF. XAdES time-stamps are proof of
// existence by the same rule as a PDF's: a trusted SignatureTimeStamp sets the best
// signature time (without one it is the validation time); a trusted
// AllDataObjectsTimeStamp or IndividualDataObjectsTimeStamp in signed properties
// proves the signature was made after its time.
func VerifyXML(ctx context.Context, name string, data []byte, opt Options) (*Report, error) {
	rep := &Report{File: name, Signatures: []SignatureResult{}}
	doc, sigs, err := xmldsig.Parse(data)
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
			extra := append(append([]*x509.Certificate{}, s.Certificates...), opt.Intermediates...)
			// Proof of existence as for PDF: a trusted XAdES SignatureTimeStamp proves
			// the signature existed at its time, a trusted content time-stamp of its
			// signed properties that it was made after its time.
			// The XAdES SigningTime is the signer's claim: reported, never proof.
			pe := proofs{best: at, claimed: s.SigningTime}
			if !s.SigningTime.IsZero() {
				r.SigningTime = s.SigningTime.UTC().Format(time.RFC3339)
			}
			var sigTS, contentTS []stamped
			for _, ts := range s.SignatureTimeStamps {
				sigTS = append(sigTS, stamped{ts.Token, ts.Imprinted})
			}
			for _, ts := range s.ContentTimeStamps {
				contentTS = append(contentTS, stamped{ts.Token, ts.Imprinted})
			}
			pe.addTimeStamps(sigTS, contentTS, extra, opt, &r)
			pe.checkOrder(&r)
			if pe.proven {
				r.Format = "XAdES-T"
			}
			r.BestSignatureTime = pe.best.UTC().Format(time.RFC3339)
			certificateChecks(ctx, s.Signer, extra, nil, s.CRLs, pe, opt, &r)
		}
		r.finish()
		rep.Signatures = append(rep.Signatures, r)
	}
	// Something that looks like a signature but is not in the XMLDSig namespace (the
	// official edXML SDK writes <Signature> unprefixed, so it falls in the edXML
	// namespace) is reported as a signature that cannot be validated, never as
	// absent.
	for _, el := range foreignSignatures(doc.Root(), 0) {
		ns := el.NamespaceURI()
		if ns == "" {
			ns = "no namespace"
		}
		r := SignatureResult{Format: "XMLDSig"}
		r.fail(FormatFailure, fmt.Sprintf("a Signature element in %s, not in the XMLDSig namespace %s: it cannot be validated as XMLDSig (the official edXML SDK writes it unprefixed inside the edXML namespace)", ns, xmldsig.NS))
		r.finish()
		rep.Signatures = append(rep.Signatures, r)
	}
	rep.worst()
	return rep, nil
}

// foreignSignatures lists Signature elements outside the XMLDSig namespace that are
// not inside an XMLDSig signature. xmldsig.Parse has bounded the depth already.
func foreignSignatures(el *etree.Element, depth int) []*etree.Element {
	if el == nil || depth > 256 {
		return nil
	}
	if el.Tag == "Signature" {
		if el.NamespaceURI() == xmldsig.NS {
			return nil
		}
		return []*etree.Element{el}
	}
	var out []*etree.Element
	for _, c := range el.ChildElements() {
		out = append(out, foreignSignatures(c, depth+1)...)
	}
	return out
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
