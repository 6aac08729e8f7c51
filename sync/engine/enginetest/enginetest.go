// Package enginetest gives tests of the engine and of what sits on it (the
// dashboard's review) real file checks: the simulator's PDFs signed by a demo PKI,
// their signatures verified by package signing trusting that PKI's root, and their
// text read by poppler's pdftotext, as the daemon does.
package enginetest

import (
	"context"
	"crypto/x509"
	"encoding/pem"
	"os"
	"os/exec"
	"sync"
	"time"

	"cddh-sync/connectors/portalsim/simpki"
	"cddh-sync/signing"
	"cddh-sync/sync/store"
	"cddh-sync/sync/tracking"
)

type pkiRoot struct {
	pki   *simpki.PKI
	roots []*x509.Certificate
}

// pkiOnce makes the demo PKI once per test binary: key generation is the slow part.
var pkiOnce = sync.OnceValue(func() pkiRoot {
	p, err := simpki.New()
	if err != nil {
		panic(err)
	}
	block, _ := pem.Decode(p.RootPEM())
	root, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		panic(err)
	}
	return pkiRoot{p, []*x509.Certificate{root}}
})

// SignPDF signs a PDF with the tests' demo PKI (portalsim.Options.SignPDF).
func SignPDF(pdf []byte) ([]byte, error) { return pkiOnce().pki.SignPDF(pdf) }

// SignEdxml signs an edXML package with the tests' demo PKI
// (portalsim.Options.SignEdxml).
func SignEdxml(doc []byte) ([]byte, error) { return pkiOnce().pki.SignEdxml(doc) }

// Files are the engine's file checks (engine.Files) for tests: real pdftotext, and
// real verification trusting the demo PKI's root. PDFs are checked offline (their
// CRLs are embedded); an edXML package carries none, so the demo PKI serves its
// CRLs at their distribution points, as the network would.
type Files struct{}

// PDFText runs pdftotext on the file.
func (Files) PDFText(ctx context.Context, path string) (string, error) {
	out, err := exec.CommandContext(ctx, "pdftotext", "-layout", "-enc", "UTF-8", path, "-").Output()
	return string(out), err
}

// Verify validates every signature of a PDF or an edXML package.
func (Files) Verify(ctx context.Context, path, kind string) ([]store.VerdictRow, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	opt := signing.Options{At: time.Now(), TrustAnchors: pkiOnce().roots}
	var rep *signing.Report
	if kind == "edxml" {
		opt.Fetcher = pkiOnce().pki
		rep, err = signing.VerifyXML(ctx, path, data, opt)
	} else {
		rep, err = signing.VerifyPDF(ctx, path, data, opt)
	}
	if err != nil {
		return tracking.Unverified(kind, err.Error()), nil
	}
	return tracking.VerdictRows(rep, kind), nil
}
