package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"cddh-sync/cmd/cddh-sync/internal/config"
	"cddh-sync/cmd/internal/revocation"
	"cddh-sync/connectors"
	"cddh-sync/rules/units"
	"cddh-sync/signing"
	"cddh-sync/sync/store"
	"cddh-sync/sync/tracking"
)

// maxVerifyBytes bounds what a signature check reads of one file.
const maxVerifyBytes = 100 << 20

// signingOptions loads the configured trust anchors and intermediates once.
func signingOptions(cfg config.Config) (signing.Options, error) {
	var opt signing.Options
	for _, p := range cfg.Signing.TrustAnchors {
		certs, err := signing.LoadCertificates(cfg.Path(p))
		if err != nil {
			return opt, usageErrorf("signing.trust_anchors: %w", err)
		}
		opt.TrustAnchors = append(opt.TrustAnchors, certs...)
	}
	for _, p := range cfg.Signing.Intermediates {
		certs, err := signing.LoadCertificates(cfg.Path(p))
		if err != nil {
			return opt, usageErrorf("signing.intermediates: %w", err)
		}
		opt.Intermediates = append(opt.Intermediates, certs...)
	}
	if !cfg.Signing.Offline {
		opt.Fetcher = revocation.New(cfg.Signing.RevocationHosts)
	}
	return opt, nil
}

// verifyFile is the engine's Verify: every signature of a downloaded PDF attachment
// or edXML package, as store rows. A file our parser cannot handle yields one
// INDETERMINATE verdict naming the problem, never a pass and never a false failure.
func (r *ruleSet) verifyFile(ctx context.Context, path, kind string) ([]store.VerdictRow, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxVerifyBytes+1))
	if err != nil {
		return nil, err
	}
	src := "pdf"
	if kind == "edxml" {
		src = "edxml"
	}
	if len(data) > maxVerifyBytes {
		return tracking.Unverified(src, fmt.Sprintf("file larger than %d MiB: not verified", maxVerifyBytes>>20)), nil
	}
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	opt := r.signing
	opt.At = time.Now()
	var rep *signing.Report
	if kind == "edxml" {
		rep, err = signing.VerifyXML(ctx, path, data, opt)
	} else {
		rep, err = signing.VerifyPDF(ctx, path, data, opt)
	}
	if err != nil {
		return tracking.Unverified(src, err.Error()), nil
	}
	return tracking.VerdictRows(rep, src), nil
}

// fileChecks are the engine's Files: the text layer of a downloaded PDF (pdftotext)
// and the signatures of a PDF or an edXML package.
type fileChecks struct{ r *ruleSet }

func (f fileChecks) PDFText(ctx context.Context, path string) (string, error) {
	return pdfTextFile(ctx, path)
}

func (f fileChecks) Verify(ctx context.Context, path, kind string) ([]store.VerdictRow, error) {
	return f.r.verifyFile(ctx, path, kind)
}

// pdfTextFile is the engine's PDFText: the text layer of a downloaded attachment.
func pdfTextFile(ctx context.Context, path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxVerifyBytes))
	if err != nil {
		return "", err
	}
	return pdfText(ctx, data, path)
}

// loadPortalUnits reads the unit directory from the portal.
func (r *ruleSet) loadPortalUnits(ctx context.Context, portal connectors.Portal) error {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	us, err := portal.Units(ctx)
	if err != nil {
		return err
	}
	list := make([]units.Unit, 0, len(us))
	for _, u := range us {
		uu := units.Unit{Code: u.Code, Name: u.Name, Abbr: u.ShortName, Kind: u.Kind}
		if u.ParentCode != "" {
			p := u.ParentCode
			uu.Parent = &p
		}
		list = append(list, uu)
	}
	dir, err := units.NewWithKinds(list, r.loaiMap)
	if err != nil {
		return err
	}
	r.Units = dir
	return nil
}
