package simpki

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/pem"
	"fmt"
	"math/big"
	"time"
)

// Validity of the demo certificates. The simulator's history ends at its Anchor
// (2026) and its clock is the wall clock or a test's, so the leaves cover
// 2024–2030 and the CAs a little longer, nested as a real hierarchy is.
var (
	validFrom     = time.Date(2024, time.January, 1, 0, 0, 0, 0, time.UTC)
	leafUntil     = time.Date(2030, time.December, 31, 23, 59, 59, 0, time.UTC)
	subCAUntil    = time.Date(2032, time.December, 31, 23, 59, 59, 0, time.UTC)
	rootUntil     = time.Date(2035, time.December, 31, 23, 59, 59, 0, time.UTC)
	oidTitle      = asn1.ObjectIdentifier{2, 5, 4, 12}
	oidDocSigning = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 3, 36} // id-kp-documentSigning (RFC 9336)
)

// Where the CRLs would be published. The .invalid top-level domain (RFC 2606)
// never resolves: verifiers must use the CRLs embedded in each signature.
const (
	rootCRLURL  = "http://pki.cddh-sync-simulator.invalid/crl/demo-root-ca.crl"
	subCACRLURL = "http://pki.cddh-sync-simulator.invalid/crl/demo-sub-ca.crl"
)

// keyBits is the RSA modulus size: the least our verifier accepts (signing's
// cryptographic constraints refuse RSA under 2048 bits).
const keyBits = 2048

// Signer is one signing identity: a key and its certificate.
type signer struct {
	key  *rsa.PrivateKey
	cert *x509.Certificate
	// reason and location go into the PDF signature dictionary.
	reason, location string
}

// PKI is a demo certification hierarchy: a root, a sub-CA, two signers and the
// CRLs of both CAs. It is safe for concurrent use: nothing in it changes after
// New.
type PKI struct {
	root, subCA  signer
	leader, org  signer
	rootCRL      []byte // issued by the root, covers the sub-CA
	subCACRL     []byte // issued by the sub-CA, covers the signers
	clock        func() time.Time
	chainDER     [][]byte // leaf-independent part of the chain: sub-CA, root
	revocationAV []byte   // DER of the adbe-revocationInfoArchival value
}

// Option configures New.
type Option func(*PKI)

// WithClock sets the clock for signing times (the simulator's Options.Clock);
// default time.Now.
func WithClock(clock func() time.Time) Option {
	return func(p *PKI) {
		if clock != nil {
			p.clock = clock
		}
	}
}

// New generates the demo hierarchy: fresh RSA-2048 keys, SHA-256 certificates
// and CRLs. It takes a few hundred milliseconds (four key generations), so
// callers make one PKI and share it.
func New(opts ...Option) (*PKI, error) {
	p := &PKI{clock: time.Now}
	for _, o := range opts {
		o(p)
	}
	var err error
	rootName := pkix.Name{
		Country:      []string{"VN"},
		Organization: []string{"cddh-sync simulator (not a real CA)"},
		CommonName:   "Demo Root CA (cddh-sync simulator)",
	}
	if p.root, err = issue(certTemplate{subject: rootName, until: rootUntil, ca: true, maxPath: 1}, nil); err != nil {
		return nil, fmt.Errorf("simpki: root CA: %w", err)
	}
	subName := pkix.Name{
		Country:      []string{"VN"},
		Organization: []string{"cddh-sync simulator (not a real CA)"},
		CommonName:   "Demo Sub CA chuyên dùng Chính phủ (cddh-sync simulator)",
	}
	if p.subCA, err = issue(certTemplate{subject: subName, until: subCAUntil, ca: true, crlURL: rootCRLURL}, &p.root); err != nil {
		return nil, fmt.Errorf("simpki: sub-CA: %w", err)
	}
	// The leader's personal certificate and the organisation's: a directive of
	// the provincial People's Committee carries both (signing/doc.go).
	leaderName := pkix.Name{
		Country:            []string{"VN"},
		Province:           []string{"Đồng Tháp"},
		Organization:       []string{"UBND tỉnh Đồng Tháp"},
		OrganizationalUnit: []string{"Ủy ban nhân dân tỉnh"},
		CommonName:         "Lê Quang Trí",
		ExtraNames:         []pkix.AttributeTypeAndValue{{Type: oidTitle, Value: "Chủ tịch"}},
	}
	if p.leader, err = issue(certTemplate{subject: leaderName, until: leafUntil, crlURL: subCACRLURL}, &p.subCA); err != nil {
		return nil, fmt.Errorf("simpki: leader's certificate: %w", err)
	}
	p.leader.reason, p.leader.location = "Ký ban hành văn bản", "Đồng Tháp"
	orgName := pkix.Name{
		Country:      []string{"VN"},
		Province:     []string{"Đồng Tháp"},
		Organization: []string{"UBND tỉnh Đồng Tháp"},
		CommonName:   "Ủy ban nhân dân tỉnh Đồng Tháp",
	}
	if p.org, err = issue(certTemplate{subject: orgName, until: leafUntil, crlURL: subCACRLURL}, &p.subCA); err != nil {
		return nil, fmt.Errorf("simpki: organisation's certificate: %w", err)
	}
	p.org.reason, p.org.location = "Đóng dấu số của cơ quan", "Đồng Tháp"

	// The CRLs are issued at creation and stay current until the leaves expire,
	// so revocation can be checked offline at any time of the simulated window.
	issued := p.clock().UTC().Truncate(time.Second)
	if issued.Before(validFrom) || !issued.Before(leafUntil) {
		issued = validFrom
	}
	if p.rootCRL, err = crl(&p.root, issued); err != nil {
		return nil, fmt.Errorf("simpki: root CRL: %w", err)
	}
	if p.subCACRL, err = crl(&p.subCA, issued); err != nil {
		return nil, fmt.Errorf("simpki: sub-CA CRL: %w", err)
	}
	p.chainDER = [][]byte{p.subCA.cert.Raw, p.root.cert.Raw}
	if p.revocationAV, err = revocationArchival(p.subCACRL, p.rootCRL); err != nil {
		return nil, fmt.Errorf("simpki: revocation archival: %w", err)
	}
	return p, nil
}

// RootPEM is the trust anchor an operator configures (signing.trust_anchors).
func (p *PKI) RootPEM() []byte {
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: p.root.cert.Raw})
}

// Root is the root certificate (the trust anchor).
func (p *PKI) Root() *x509.Certificate { return p.root.cert }

// CRLs returns the DER CRLs of the sub-CA and of the root, as embedded in every
// signature (a server could publish them at the certificates' distribution
// points).
func (p *PKI) CRLs() [][]byte { return [][]byte{p.subCACRL, p.rootCRL} }

// certTemplate is what differs between the certificates of the hierarchy.
type certTemplate struct {
	subject pkix.Name
	until   time.Time
	ca      bool
	maxPath int
	crlURL  string // where the issuer's CRL covering this certificate is published
}

// issue makes a key and a certificate signed by parent (self-signed when nil).
func issue(t certTemplate, parent *signer) (signer, error) {
	key, err := rsa.GenerateKey(rand.Reader, keyBits)
	if err != nil {
		return signer{}, fmt.Errorf("key: %w", err)
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
	if err != nil {
		return signer{}, fmt.Errorf("serial: %w", err)
	}
	pub, err := x509.MarshalPKIXPublicKey(&key.PublicKey)
	if err != nil {
		return signer{}, fmt.Errorf("public key: %w", err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          serial.Add(serial, big.NewInt(1)), // positive, never zero
		Subject:               t.subject,
		NotBefore:             validFrom,
		NotAfter:              t.until,
		BasicConstraintsValid: true,
		IsCA:                  t.ca,
		SubjectKeyId:          keyID(pub),
		SignatureAlgorithm:    x509.SHA256WithRSA,
	}
	if t.crlURL != "" {
		tmpl.CRLDistributionPoints = []string{t.crlURL}
	}
	if t.ca {
		tmpl.KeyUsage = x509.KeyUsageCertSign | x509.KeyUsageCRLSign
		tmpl.MaxPathLen = t.maxPath
		tmpl.MaxPathLenZero = t.maxPath == 0
	} else {
		// Non-repudiation (content commitment) is what a document signature
		// needs; e-mail protection and document signing are the usages
		// government signing certificates carry.
		tmpl.KeyUsage = x509.KeyUsageDigitalSignature | x509.KeyUsageContentCommitment
		tmpl.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageEmailProtection}
		tmpl.UnknownExtKeyUsage = []asn1.ObjectIdentifier{oidDocSigning}
	}
	issuerCert, issuerKey := tmpl, crypto.Signer(key)
	if parent != nil {
		issuerCert, issuerKey = parent.cert, parent.key
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, issuerCert, &key.PublicKey, issuerKey)
	if err != nil {
		return signer{}, fmt.Errorf("certificate: %w", err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return signer{}, fmt.Errorf("certificate: %w", err)
	}
	return signer{key: key, cert: cert}, nil
}

// keyID is RFC 7093 method 1: the leftmost 160 bits of the SHA-256 of the
// subjectPublicKey bits (no SHA-1 anywhere in the hierarchy).
func keyID(spki []byte) []byte {
	var info struct {
		Algorithm pkix.AlgorithmIdentifier
		PublicKey asn1.BitString
	}
	if _, err := asn1.Unmarshal(spki, &info); err != nil {
		sum := sha256.Sum256(spki)
		return sum[:20]
	}
	sum := sha256.Sum256(info.PublicKey.Bytes)
	return sum[:20]
}

// crl issues an empty CRL: nothing of the demo hierarchy is revoked.
func crl(ca *signer, issued time.Time) ([]byte, error) {
	return x509.CreateRevocationList(rand.Reader, &x509.RevocationList{
		Number:     big.NewInt(1),
		ThisUpdate: issued,
		NextUpdate: leafUntil,
	}, ca.cert, ca.key)
}
