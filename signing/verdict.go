package signing

import (
	"context"
	"crypto/x509"
	"time"
)

// Indication is the EN 319 102-1 main status of a validation.
type Indication string

// Indications; NoSignatureFound is document-level only.
const (
	TotalPassed      Indication = "TOTAL_PASSED"
	TotalFailed      Indication = "TOTAL_FAILED"
	Indeterminate    Indication = "INDETERMINATE"
	NoSignatureFound Indication = "NO_SIGNATURE_FOUND"
)

// SubIndication refines a failed or indeterminate indication (EN 319 102-1 §5.1.3).
type SubIndication string

// Sub-indications.
const (
	FormatFailure             SubIndication = "FORMAT_FAILURE"
	HashFailure               SubIndication = "HASH_FAILURE"
	SigCryptoFailure          SubIndication = "SIG_CRYPTO_FAILURE"
	Revoked                   SubIndication = "REVOKED"
	Expired                   SubIndication = "EXPIRED"
	NotYetValid               SubIndication = "NOT_YET_VALID"
	NoSigningCertificateFound SubIndication = "NO_SIGNING_CERTIFICATE_FOUND"
	NoCertificateChainFound   SubIndication = "NO_CERTIFICATE_CHAIN_FOUND"
	RevokedNoPOE              SubIndication = "REVOKED_NO_POE"
	RevokedCANoPOE            SubIndication = "REVOKED_CA_NO_POE"
	TimestampOrderFailure     SubIndication = "TIMESTAMP_ORDER_FAILURE"
	OutOfBoundsNoPOE          SubIndication = "OUT_OF_BOUNDS_NO_POE"
	SigConstraintsFailure     SubIndication = "SIG_CONSTRAINTS_FAILURE"
	CryptoConstraintsFailure  SubIndication = "CRYPTO_CONSTRAINTS_FAILURE"
	TryLater                  SubIndication = "TRY_LATER"
	SignedDataNotFound        SubIndication = "SIGNED_DATA_NOT_FOUND"
)

// rank orders sub-indications: a TOTAL_FAILED one always dominates an INDETERMINATE
// one (EN 319 102-1 §5.3: a failed cryptographic check is reported as such even when
// the X.509 validation is indeterminate); within a class, format before hash before
// signature before certificate status.
// (A switch rather than a map: a package-level map is built before main in every
// process of the binary; issue 17.)
func rank(s SubIndication) int {
	switch s {
	case FormatFailure:
		return 100
	case HashFailure:
		return 99
	case SigCryptoFailure:
		return 98
	case Revoked:
		return 97
	case Expired:
		return 96
	case NotYetValid:
		return 95
	case NoSigningCertificateFound:
		return 50
	case SignedDataNotFound:
		return 49
	case CryptoConstraintsFailure:
		return 48
	case NoCertificateChainFound:
		return 47
	case RevokedNoPOE, RevokedCANoPOE:
		return 46
	case OutOfBoundsNoPOE, TimestampOrderFailure:
		return 45
	case SigConstraintsFailure:
		return 44
	case TryLater:
		return 43
	}
	return 0
}

func indicationOf(s SubIndication) Indication {
	if rank(s) >= 90 {
		return TotalFailed
	}
	return Indeterminate
}

// SignatureResult is the verdict on one signature; JSON names follow cli.md.
type SignatureResult struct {
	Indication          Indication    `json:"indication"`
	SubIndication       SubIndication `json:"sub_indication"`
	SignedBy            string        `json:"signed_by"`
	SigningTime         string        `json:"signing_time"`
	BestSignatureTime   string        `json:"best_signature_time"`
	Format              string        `json:"format"`
	CoversWholeDocument bool          `json:"covers_whole_document"`
	Errors              []string      `json:"errors"`
	Warnings            []string      `json:"warnings"`
	Field               string        `json:"field,omitempty"`
	sub                 []finding
}

type finding struct {
	sub SubIndication
	msg string
}

func (r *SignatureResult) fail(sub SubIndication, msg string) {
	r.sub = append(r.sub, finding{sub, msg})
	r.Errors = append(r.Errors, msg)
}

func (r *SignatureResult) warn(msg string) { r.Warnings = append(r.Warnings, msg) }

func (r *SignatureResult) finish() {
	r.Indication, r.SubIndication = TotalPassed, ""
	best := -1
	for _, f := range r.sub {
		if rank(f.sub) > best {
			best = rank(f.sub)
			r.SubIndication = f.sub
			r.Indication = indicationOf(f.sub)
		}
	}
	if r.Errors == nil {
		r.Errors = []string{}
	}
	if r.Warnings == nil {
		r.Warnings = []string{}
	}
}

// Report is the verdict on a document.
type Report struct {
	File       string            `json:"file"`
	Indication Indication        `json:"indication"`
	Signatures []SignatureResult `json:"signatures"`
	Errors     []string          `json:"errors,omitempty"`
}

// worst sets the document indication: the worst of its signatures.
func (r *Report) worst() {
	if len(r.Signatures) == 0 {
		r.Indication = NoSignatureFound
		return
	}
	r.Indication = TotalPassed
	for _, s := range r.Signatures {
		switch {
		case s.Indication == TotalFailed:
			r.Indication = TotalFailed
		case s.Indication == Indeterminate && r.Indication == TotalPassed:
			r.Indication = Indeterminate
		}
	}
}

// Fetcher gets revocation data online. Tests and --offline use none.
type Fetcher interface {
	FetchOCSP(ctx context.Context, url string, request []byte) ([]byte, error)
	FetchCRL(ctx context.Context, url string) ([]byte, error)
}

// Options configure a validation.
type Options struct {
	TrustAnchors  []*x509.Certificate // roots; never the OS store
	Intermediates []*x509.Certificate // configured extra intermediates
	At            time.Time           // validation time; zero means time.Now()
	Fetcher       Fetcher             // nil: offline
}
