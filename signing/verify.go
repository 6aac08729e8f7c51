package signing

import (
	"bytes"
	"context"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"math"
	"os"
	"sort"
	"strings"
	"time"

	"golang.org/x/crypto/ocsp"

	"cddh-sync/signing/cms"
	"cddh-sync/signing/pdf"
)

// LoadCertificates reads PEM (one or more blocks) or DER certificates from path.
func LoadCertificates(path string) ([]*x509.Certificate, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("trust anchor %s: %w", path, err)
	}
	return ParseCertificates(path, data)
}

// ParseCertificates parses PEM (one or more blocks) or DER certificates read from
// path.
func ParseCertificates(path string, data []byte) ([]*x509.Certificate, error) {
	var out []*x509.Certificate
	if bytes.Contains(data, []byte("-----BEGIN")) {
		for rest := data; ; {
			var b *pem.Block
			b, rest = pem.Decode(rest)
			if b == nil {
				break
			}
			if b.Type != "CERTIFICATE" {
				continue
			}
			c, err := x509.ParseCertificate(b.Bytes)
			if err != nil {
				return nil, fmt.Errorf("trust anchor %s: %w", path, err)
			}
			out = append(out, c)
		}
	} else if c, err := x509.ParseCertificate(data); err == nil {
		out = append(out, c)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("trust anchor %s: no certificate found", path)
	}
	return out, nil
}

// VerifyPDF validates every signature of a PDF held in data.
func VerifyPDF(ctx context.Context, name string, data []byte, opt Options) (*Report, error) {
	rep := &Report{File: name, Signatures: []SignatureResult{}}
	f, err := pdf.Parse(data, pdf.DefaultLimits())
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	sigs, err := f.Signatures()
	if err != nil {
		return nil, fmt.Errorf("%s: finding signatures: %w", name, err)
	}
	dss, _ := f.DSS()
	// A certification that cannot be read is judged at its strictest (P=1: no change
	// but validation data and document time-stamps), never as "not certified".
	mdp, mdpErr := f.DocMDP()
	if mdpErr != nil {
		mdp = 1
	}
	at := opt.At
	if at.IsZero() {
		at = time.Now()
	}
	docTS := documentTimeStamps(f, sigs, dss, opt)
	// Report signatures in signing order (the revision each covers); malformed ones,
	// which cover no revision, last.
	sort.SliceStable(sigs, func(i, j int) bool { return revOrder(sigs[i]) < revOrder(sigs[j]) })
	for _, s := range sigs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if s.DocTS {
			continue // document time-stamps are validation material, not signatures
		}
		r := SignatureResult{Field: s.FieldName}
		validateOne(ctx, f, s, dss, mdp, at, docTS, opt, &r)
		if mdpErr != nil {
			r.Warnings = append(r.Warnings, mdpErr.Error()+": judged as certified with P=1")
		}
		r.finish()
		rep.Signatures = append(rep.Signatures, r)
	}
	rep.worst()
	return rep, nil
}

func revOrder(s *pdf.Signature) int {
	if s.Revision < 0 {
		return math.MaxInt
	}
	return s.Revision
}

// attrName is the short name of a distinguished-name attribute shown, by its OID.
func attrName(oid string) (string, bool) {
	switch oid {
	case "2.5.4.3":
		return "CN", true
	case "2.5.4.11":
		return "OU", true
	case "2.5.4.10":
		return "O", true
	case "2.5.4.7":
		return "L", true
	case "2.5.4.8":
		return "ST", true
	case "2.5.4.6":
		return "C", true
	case "2.5.4.5":
		return "SERIALNUMBER", true
	case "2.5.4.12":
		return "T", true
	case "0.9.2342.19200300.100.1.1":
		return "UID", true
	case "1.2.840.113549.1.9.1":
		return "E", true
	}
	return "", false
}

// DisplayName renders a certificate name most-specific first, as
// "CN=..., O=Ban Cơ yếu Chính phủ", with readable values.
func DisplayName(n pkix.Name) string {
	var parts []string
	for i := len(n.Names) - 1; i >= 0; i-- {
		a := n.Names[i]
		key, ok := attrName(a.Type.String())
		if !ok {
			key = a.Type.String()
		}
		parts = append(parts, fmt.Sprintf("%s=%v", key, a.Value))
	}
	return strings.Join(parts, ", ")
}

// docTimeStamp is a verified document time-stamp: proof that every revision up to
// rev existed at genTime.
type docTimeStamp struct {
	rev     int
	genTime time.Time
}

// documentTimeStamps verifies the /DocTimeStamp signatures (PAdES-LTA): the
// imprint is the hash of the ByteRange bytes and the TSA must chain to an anchor
// with the timeStamping EKU. Invalid ones are simply not used as proof.
func documentTimeStamps(f *pdf.File, sigs []*pdf.Signature, dss pdf.DSS, opt Options) []docTimeStamp {
	var out []docTimeStamp
	var extra []*x509.Certificate
	for _, der := range dss.Certs {
		if c, err := x509.ParseCertificate(der); err == nil {
			extra = append(extra, c)
		}
	}
	extra = append(extra, opt.Intermediates...)
	for _, s := range sigs {
		if !s.DocTS || s.Problem != nil {
			continue
		}
		if s.Revision+1 < len(f.Revisions) && f.CheckUpdatesAfter(s.Revision, 0) != nil {
			continue
		}
		ts, err := cms.ParseTimeStamp(s.Contents, s.SignedData)
		if err != nil {
			continue
		}
		if _, why := chainFor(ts.Token.Signer, extra, ts.Token.Certificates, opt.TrustAnchors, ts.GenTime, x509.ExtKeyUsageTimeStamping); why != "" {
			continue
		}
		out = append(out, docTimeStamp{rev: s.Revision, genTime: ts.GenTime})
	}
	return out
}

func validateOne(ctx context.Context, f *pdf.File, s *pdf.Signature, dss pdf.DSS, mdp int, at time.Time, docTS []docTimeStamp, opt Options, r *SignatureResult) {
	r.CoversWholeDocument = s.CoversAll
	if !s.CoversAll && s.Revision == len(f.Revisions)-1 {
		r.warn("bytes after the last revision's %%EOF are not covered by this signature")
	}
	switch s.SubFilter {
	case "adbe.pkcs7.detached":
		r.Format = "PKCS7-B"
	case "ETSI.CAdES.detached":
		r.Format = "PAdES-B"
	default:
		r.Format = "PDF"
	}
	if s.Problem != nil {
		if errors.Is(s.Problem, pdf.ErrFormat) {
			r.fail(FormatFailure, s.Problem.Error())
		} else {
			r.fail(SignedDataNotFound, "parser: "+s.Problem.Error())
		}
		return
	}
	if s.SubFilter != "adbe.pkcs7.detached" && s.SubFilter != "ETSI.CAdES.detached" {
		r.fail(SigConstraintsFailure, fmt.Sprintf("sub-filter %q is not accepted", s.SubFilter))
		return
	}
	if !s.CoversAll {
		// 001 Đ8: the directive must be as signed; every later revision must be a
		// whitelisted change.
		if err := f.CheckUpdatesAfter(s.Revision, mdp); err != nil {
			if errors.Is(err, pdf.ErrFormat) {
				r.fail(FormatFailure, err.Error())
			} else {
				r.fail(SignedDataNotFound, "parser limit while analysing later revisions: "+err.Error())
			}
		}
	}
	sd, err := cms.Parse(s.Contents)
	if err != nil {
		r.fail(FormatFailure, "CMS: "+err.Error())
		return
	}
	if sd.Signer != nil {
		r.SignedBy = DisplayName(sd.Signer.Subject)
	}
	if !sd.SigningTime.IsZero() {
		r.SigningTime = sd.SigningTime.UTC().Format(time.RFC3339)
	}
	if err := sd.Verify(s.SignedData); err != nil {
		r.fail(cryptoSub(err, parserErrors{noSigner: cms.ErrNoSigner, hash: cms.ErrHash, sig: cms.ErrSignature, unsupported: cms.ErrUnsupported}), err.Error())
		return
	}
	if weak := sd.WeakAlgorithms(); weak != "" {
		r.fail(CryptoConstraintsFailure, "cryptographic constraints: "+weak)
	}
	if s.SubFilter == "ETSI.CAdES.detached" && !sd.HasSigningCertV2 {
		r.fail(NoSigningCertificateFound, "PAdES requires the ESS signing-certificate-v2 attribute binding the signer")
	}
	extra := append([]*x509.Certificate{}, sd.Certificates...)
	extra = append(extra, opt.Intermediates...)
	for _, der := range dss.Certs {
		if c, err := x509.ParseCertificate(der); err == nil {
			extra = append(extra, c)
		}
	}
	// Proof of existence (EN 319 102-1 5.3.4 step 4, 5.5.4): a signature
	// time-stamp, or a later document time-stamp, proves the signature existed
	// before its time; a content time-stamp proves it was made after its time.
	pe := proofs{best: at, claimed: sd.SigningTime}
	var sigTS, contentTS []stamped
	for _, tok := range sd.TimeStampTokens {
		sigTS = append(sigTS, stamped{tok, sd.Signature})
	}
	for _, tok := range sd.ContentTSTokens {
		contentTS = append(contentTS, stamped{tok, s.SignedData})
	}
	pe.addTimeStamps(sigTS, contentTS, extra, opt, r)
	// A later document time-stamp proves the signature existed at its time too.
	for _, d := range docTS {
		if d.rev > s.Revision && d.genTime.Before(pe.best) {
			pe.best, pe.proven = d.genTime, true
		}
	}
	pe.checkOrder(r)
	if pe.proven {
		if r.Format == "PAdES-B" {
			r.Format = "PAdES-T"
		} else {
			r.Format = "PKCS7-T"
		}
	}
	r.BestSignatureTime = pe.best.UTC().Format(time.RFC3339)
	ocsps := append(append([][]byte{}, sd.RevocationOCSPs...), dss.OCSPs...)
	crls := append(append(append([][]byte{}, sd.RevocationCRLs...), sd.CRLs...), dss.CRLs...)
	certificateChecks(ctx, sd.Signer, extra, ocsps, crls, pe, opt, r)
}

// proofs is what is known of when a signature was made, in the terms of ETSI EN
// 319 102-1 as EU DSS applies them (dss-validation, vpfbs.AbstractBasicValidationProcess
// for the content time-stamp, vpfltvd.RevocationDateAfterBestSignatureTimeCheck and
// BestSignatureTimeBeforeCertificateExpirationCheck for the best signature time):
//   - best: the signature existed at this time (the earliest trusted signature or
//     document time-stamp; without one, the validation time);
//   - after: the signature was made after this time (the latest trusted content
//     time-stamp, whose imprint is over the signed data; zero: none);
//   - claimed: the signing-time attribute, a claim of the signer and never proof.
//
// A revoked or expired certificate fails the signature (REVOKED, EXPIRED) only when
// `after` lies after the revocation or expiry; it passes when `best` lies before
// it; otherwise the answer is INDETERMINATE (REVOKED_NO_POE, OUT_OF_BOUNDS_NO_POE).
type proofs struct {
	best    time.Time
	proven  bool // best comes from a time-stamp
	after   time.Time
	claimed time.Time
}

// stamped is a time-stamp token with the data its message imprint must be the hash
// of: a CMS signature's SignatureValue or an XAdES ds:SignatureValue element
// (signature time-stamps), the signed content (content time-stamps).
type stamped struct{ token, imprinted []byte }

// addTimeStamps is the one place where time-stamps become proof, for PDF (CMS) and
// XML (XAdES) signatures alike: the earliest trusted signature time-stamp becomes the
// best signature time, the latest trusted content time-stamp the time the signature
// was made after. A token whose CMS signature or imprint does not verify, or whose
// TSA does not chain to an anchor with the timeStamping usage, proves nothing and is
// ignored with a warning.
func (pe *proofs) addTimeStamps(sigTS, contentTS []stamped, extra []*x509.Certificate, opt Options, r *SignatureResult) {
	for _, st := range sigTS {
		ts, err := cms.ParseTimeStamp(st.token, st.imprinted)
		if err != nil {
			r.warn("signature time-stamp ignored: " + err.Error())
			continue
		}
		if _, why := chainFor(ts.Token.Signer, extra, ts.Token.Certificates, opt.TrustAnchors, ts.GenTime, x509.ExtKeyUsageTimeStamping); why != "" {
			r.warn("signature time-stamp ignored: TSA " + why)
			continue
		}
		if ts.GenTime.Before(pe.best) {
			pe.best, pe.proven = ts.GenTime, true
		}
	}
	for _, st := range contentTS {
		ts, err := cms.ParseTimeStamp(st.token, st.imprinted)
		if err != nil {
			r.warn("content time-stamp ignored: " + err.Error())
			continue
		}
		if _, why := chainFor(ts.Token.Signer, extra, ts.Token.Certificates, opt.TrustAnchors, ts.GenTime, x509.ExtKeyUsageTimeStamping); why != "" {
			r.warn("content time-stamp ignored: TSA " + why)
			continue
		}
		if ts.GenTime.After(pe.after) {
			pe.after = ts.GenTime
		}
	}
}

// checkOrder fails a signature whose content was time-stamped after a time-stamp
// proved the signature existed.
func (pe proofs) checkOrder(r *SignatureResult) {
	if pe.proven && pe.after.After(pe.best) {
		r.fail(TimestampOrderFailure, fmt.Sprintf("the content time-stamp of %s is later than the proof that the signature existed at %s",
			stamp(pe.after), stamp(pe.best)))
	}
}

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// claimNote tells that the signer's claimed signing time was not taken as proof.
func (p proofs) claimNote() string {
	if p.claimed.IsZero() {
		return ""
	}
	return fmt.Sprintf(" (the signing-time attribute claims %s; a claim is not proof)", stamp(p.claimed))
}

// existedNote tells what the best signature time rests on.
func (p proofs) existedNote() string {
	if p.proven {
		return fmt.Sprintf("a time-stamp proves only that the signature existed at %s", stamp(p.best))
	}
	return "no time-stamp proves that the signature existed before it"
}

// certificateChecks judges the signing certificate at the best signature time: key
// usage, validity, chain to a configured anchor, revocation.
func certificateChecks(ctx context.Context, leaf *x509.Certificate, extra []*x509.Certificate, ocsps, crls [][]byte,
	pe proofs, opt Options, r *SignatureResult) {
	best := pe.best
	// Key usage: digitalSignature or nonRepudiation; the EKU where present.
	if leaf.KeyUsage != 0 && leaf.KeyUsage&(x509.KeyUsageDigitalSignature|x509.KeyUsageContentCommitment) == 0 {
		r.fail(SigConstraintsFailure, "signing certificate lacks digitalSignature and nonRepudiation key usage")
	}
	if len(leaf.ExtKeyUsage) > 0 || len(leaf.UnknownExtKeyUsage) > 0 {
		if !ekuAllowsSigning(leaf) {
			r.fail(SigConstraintsFailure, "signing certificate's extended key usage does not allow document signing")
		}
	}
	switch {
	case best.Before(leaf.NotBefore):
		r.fail(NotYetValid, fmt.Sprintf("signing certificate not valid before %s", leaf.NotBefore.UTC().Format(time.RFC3339)))
	case pe.after.After(leaf.NotAfter):
		r.fail(Expired, fmt.Sprintf("a content time-stamp of %s proves the signature was made after the signing certificate expired on %s",
			stamp(pe.after), stamp(leaf.NotAfter)))
	case best.After(leaf.NotAfter):
		r.fail(OutOfBoundsNoPOE, fmt.Sprintf("signing certificate expired on %s and %s%s", stamp(leaf.NotAfter), pe.existedNote(), pe.claimNote()))
	}
	chainTime := best
	if chainTime.Before(leaf.NotBefore) || chainTime.After(leaf.NotAfter) {
		chainTime = leaf.NotBefore.Add(leaf.NotAfter.Sub(leaf.NotBefore) / 2)
	}
	chain, why := chainFor(leaf, extra, nil, opt.TrustAnchors, chainTime, -1)
	if why != "" {
		if isWeakChain(leaf, extra, opt.TrustAnchors) {
			r.fail(CryptoConstraintsFailure, "certificate chain uses SHA-1 or MD5 signatures, refused by policy: "+why)
		} else {
			r.fail(NoCertificateChainFound, why)
		}
		return
	}
	revocationCheck(ctx, chain, ocsps, crls, pe, opt, r)
}

func ekuAllowsSigning(c *x509.Certificate) bool {
	for _, e := range c.ExtKeyUsage {
		switch e {
		case x509.ExtKeyUsageAny, x509.ExtKeyUsageEmailProtection, x509.ExtKeyUsageClientAuth, x509.ExtKeyUsageCodeSigning:
			return true
		}
	}
	for _, oid := range c.UnknownExtKeyUsage {
		switch oid.String() {
		case "1.3.6.1.5.5.7.3.36", "1.3.6.1.4.1.311.10.3.12", "1.2.840.113583.1.1.5":
			return true
		}
	}
	return false
}

// isWeakChain reports whether the chain Go refused would reach a trust anchor by
// names, with a SHA-1/MD5 certificate signature or a short RSA key on the way: Go
// cannot verify such chains at all, and the honest verdict is a cryptographic
// constraint failure, not "untrusted".
func isWeakChain(leaf *x509.Certificate, pool, anchors []*x509.Certificate) bool {
	weak := false
	cur := leaf
	for step := 0; step < 12; step++ {
		switch cur.SignatureAlgorithm {
		case x509.SHA1WithRSA, x509.ECDSAWithSHA1, x509.MD5WithRSA, x509.MD2WithRSA, x509.DSAWithSHA1:
			weak = true
		}
		if k, ok := cur.PublicKey.(*rsa.PublicKey); ok && k.N.BitLen() < 2048 {
			weak = true
		}
		for _, a := range anchors {
			if bytes.Equal(a.Raw, cur.Raw) || bytes.Equal(a.RawSubject, cur.RawIssuer) {
				if k, ok := a.PublicKey.(*rsa.PublicKey); ok && k.N.BitLen() < 2048 {
					weak = true
				}
				return weak
			}
		}
		var next *x509.Certificate
		for _, c := range pool {
			if c != cur && !bytes.Equal(c.Raw, cur.Raw) && bytes.Equal(c.RawSubject, cur.RawIssuer) {
				next = c
				break
			}
		}
		if next == nil {
			return false
		}
		cur = next
	}
	return false
}

// chainFor builds a chain from leaf to one of the anchors only (never the system
// store) and returns it, or a reason. eku < 0 means any usage.
func chainFor(leaf *x509.Certificate, extra, more, anchors []*x509.Certificate, at time.Time, eku x509.ExtKeyUsage) ([]*x509.Certificate, string) {
	if leaf == nil {
		return nil, "no certificate"
	}
	if len(anchors) == 0 {
		return nil, "no trust anchor configured"
	}
	roots := x509.NewCertPool()
	for _, a := range anchors {
		roots.AddCert(a)
	}
	inter := x509.NewCertPool()
	for _, c := range append(append([]*x509.Certificate{}, extra...), more...) {
		inter.AddCert(c)
	}
	usages := []x509.ExtKeyUsage{x509.ExtKeyUsageAny}
	if eku >= 0 {
		usages = []x509.ExtKeyUsage{eku}
	}
	chains, err := leaf.Verify(x509.VerifyOptions{Roots: roots, Intermediates: inter, CurrentTime: at, KeyUsages: usages})
	if err != nil {
		return nil, "certificate chain: " + err.Error()
	}
	return chains[0], ""
}

// revocationCheck checks every non-anchor certificate of the chain against embedded
// OCSP responses and CRLs (CMS revocation-info-archival, then /DSS), then online.
func revocationCheck(ctx context.Context, chain []*x509.Certificate, ocsps, crls [][]byte, pe proofs, opt Options, r *SignatureResult) {
	best := pe.best
	at := opt.At
	if at.IsZero() {
		at = time.Now()
	}
	for i := 0; i+1 < len(chain); i++ {
		cert, issuer := chain[i], chain[i+1]
		st := status(cert, issuer, ocsps, crls, best, at)
		if !st.known && opt.Fetcher != nil {
			fetched := fetchStatus(ctx, opt.Fetcher, cert, issuer, best, at)
			fetched.stale = fetched.stale || st.stale
			st = fetched
		}
		revokedAt := st.revokedAt
		who := "certificate " + cert.Subject.CommonName
		if !st.known {
			if len(cert.OCSPServer) == 0 && len(cert.CRLDistributionPoints) == 0 {
				r.warn(who + " names no revocation service; its status was not checked")
				continue
			}
			if st.stale {
				r.fail(TryLater, "no fresh revocation data for "+who+": what was found predates the signature time or is dated in the future")
				continue
			}
			r.fail(TryLater, "no revocation data for "+who)
			continue
		}
		if revokedAt.IsZero() {
			continue
		}
		switch {
		case revokedAt.After(best) && pe.proven:
			r.warn(fmt.Sprintf("%s revoked on %s, after the time-stamp proving the signature existed at %s", who, stamp(revokedAt), stamp(best)))
		case revokedAt.After(best):
			r.warn(fmt.Sprintf("%s revoked on %s, after the validation time", who, stamp(revokedAt)))
		case i == 0 && pe.after.After(revokedAt):
			r.fail(Revoked, fmt.Sprintf("%s revoked on %s; a content time-stamp of %s proves the signature was made after it",
				who, stamp(revokedAt), stamp(pe.after)))
		case i == 0:
			r.fail(RevokedNoPOE, fmt.Sprintf("%s revoked on %s and %s%s", who, stamp(revokedAt), pe.existedNote(), pe.claimNote()))
		default:
			r.fail(RevokedCANoPOE, fmt.Sprintf("CA %s revoked on %s and %s", who, stamp(revokedAt), pe.existedNote()))
		}
	}
}

// clockSkew is how far revocation data may be dated ahead of the validation time.
const clockSkew = 5 * time.Minute

// revStatus is what revocation data says of one certificate.
type revStatus struct {
	revokedAt time.Time // zero: not revoked
	known     bool      // a trustworthy, fresh answer was found
	stale     bool      // only answers too old (or dated in the future) were found
}

// fresh reports whether data issued at thisUpdate, valid until nextUpdate (zero:
// unknown), tells the certificate's status at the best signature time: it was
// current then (issued before it, next update not before it) or issued after it
// (EU DSS's revocation freshness: data later than the signature), and it is not
// dated in the future of the validation.
func fresh(thisUpdate, nextUpdate, best, at time.Time) bool {
	switch {
	case thisUpdate.After(at.Add(clockSkew)):
		return false
	case !thisUpdate.Before(best.Add(-clockSkew)):
		return true
	}
	return !nextUpdate.IsZero() && !nextUpdate.Before(best)
}

// status reads embedded or fetched OCSP responses and CRLs for cert at the best
// signature time. A revocation is proof whenever the data was issued (revocation is
// final); "good" is proof only from fresh data, so a replayed old response or CRL
// cannot hide a later revocation.
func status(cert, issuer *x509.Certificate, ocsps, crls [][]byte, best, at time.Time) revStatus {
	var st revStatus
	for _, der := range ocsps {
		resp, err := ocsp.ParseResponseForCert(der, cert, issuer)
		if err != nil || resp.SerialNumber == nil || resp.SerialNumber.Cmp(cert.SerialNumber) != 0 {
			continue
		}
		// Signed by the issuer itself, or by a responder the issuer authorised.
		if resp.Certificate != nil && !bytes.Equal(resp.Certificate.Raw, issuer.Raw) {
			ok := false
			for _, e := range resp.Certificate.ExtKeyUsage {
				ok = ok || e == x509.ExtKeyUsageOCSPSigning
			}
			if !ok {
				continue
			}
		}
		if resp.ThisUpdate.After(at.Add(clockSkew)) {
			st.stale = true
			continue
		}
		switch resp.Status {
		case ocsp.Revoked:
			return revStatus{revokedAt: resp.RevokedAt, known: true}
		case ocsp.Good:
			if fresh(resp.ThisUpdate, resp.NextUpdate, best, at) {
				return revStatus{known: true}
			}
			st.stale = true
		}
	}
	for _, der := range crls {
		crl, err := x509.ParseRevocationList(der)
		if err != nil || !bytes.Equal(crl.RawIssuer, issuer.RawSubject) || crl.CheckSignatureFrom(issuer) != nil {
			continue
		}
		if crl.ThisUpdate.After(at.Add(clockSkew)) {
			st.stale = true
			continue
		}
		for _, e := range crl.RevokedCertificateEntries {
			if e.SerialNumber.Cmp(cert.SerialNumber) == 0 {
				return revStatus{revokedAt: e.RevocationTime, known: true}
			}
		}
		if fresh(crl.ThisUpdate, crl.NextUpdate, best, at) {
			return revStatus{known: true}
		}
		st.stale = true
	}
	return st
}

func fetchStatus(ctx context.Context, fe Fetcher, cert, issuer *x509.Certificate, best, at time.Time) revStatus {
	var st revStatus
	for _, url := range cert.OCSPServer {
		req, err := ocsp.CreateRequest(cert, issuer, nil)
		if err != nil {
			break
		}
		if der, err := fe.FetchOCSP(ctx, url, req); err == nil {
			if s := status(cert, issuer, [][]byte{der}, nil, best, at); s.known {
				return s
			} else if s.stale {
				st.stale = true
			}
		}
	}
	for _, url := range cert.CRLDistributionPoints {
		if der, err := fe.FetchCRL(ctx, url); err == nil {
			if s := status(cert, issuer, nil, [][]byte{der}, best, at); s.known {
				return s
			} else if s.stale {
				st.stale = true
			}
		}
	}
	return st
}

// parserErrors are one parser's error classes for a signature's cryptographic check.
type parserErrors struct{ noSigner, hash, sig, unsupported error }

// cryptoSub maps a parser's verification error onto the ETSI sub-indication, the same
// way for CMS (PDF) and XMLDSig (edXML).
func cryptoSub(err error, c parserErrors) SubIndication {
	switch {
	case errors.Is(err, c.noSigner):
		return NoSigningCertificateFound
	case errors.Is(err, c.hash):
		return HashFailure
	case errors.Is(err, c.sig):
		return SigCryptoFailure
	case errors.Is(err, c.unsupported):
		return CryptoConstraintsFailure
	}
	return FormatFailure
}
