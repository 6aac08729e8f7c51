package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"cddh-sync/cmd/cddh-sync/internal/config"
	"cddh-sync/connectors"
	"cddh-sync/rules/extract"
	"cddh-sync/rules/status"
	"cddh-sync/rules/units"
	"cddh-sync/signing"
	"cddh-sync/sync/engine"
	"cddh-sync/sync/store"
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
		opt.Fetcher = newRevocationFetcher(cfg.Signing.RevocationHosts)
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
		return []store.VerdictRow{{Source: src, Indication: "INDETERMINATE", Details: map[string]any{
			"errors": []string{fmt.Sprintf("file larger than %d MiB: not verified", maxVerifyBytes>>20)}}}}, nil
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
		return []store.VerdictRow{{Source: src, Indication: "INDETERMINATE", Details: map[string]any{
			"errors": []string{err.Error()}}}}, nil
	}
	if len(rep.Signatures) == 0 {
		return []store.VerdictRow{{Source: src, Indication: string(rep.Indication)}}, nil
	}
	out := make([]store.VerdictRow, 0, len(rep.Signatures))
	for i, s := range rep.Signatures {
		row := store.VerdictRow{Source: src, Position: i, Indication: string(s.Indication), SubIndication: string(s.SubIndication),
			SignedBy: s.SignedBy, Details: map[string]any{"errors": s.Errors, "warnings": s.Warnings, "format": s.Format}}
		if t, err := time.Parse(time.RFC3339, s.SigningTime); err == nil {
			row.SigningTime = &t
		}
		if t, err := time.Parse(time.RFC3339, s.BestSignatureTime); err == nil {
			row.BestSignatureTime = &t
		}
		covers := s.CoversWholeDocument
		row.CoversWholeDocument = &covers
		out = append(out, row)
	}
	return out, nil
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

// extract is the engine's Extract: the directive's text through rules/extract, with
// the portal's metadata winning over what the text says (its issue time above all).
func (r *ruleSet) extract(doc connectors.Document, text string) (engine.Extraction, error) {
	issued := doc.IssuedAt
	if issued.IsZero() {
		issued = doc.DocDate
	}
	res, err := extract.Extract(text, extract.Options{Issued: issued, Profile: r.profile.Name, Units: r.units, Calendar: r.cal, CutoffHour: r.profile.CutoffHour})
	if err != nil {
		return engine.Extraction{}, err
	}
	out := engine.Extraction{Secrecy: res.Document.Secrecy}
	if res.Skipped != "" {
		if out.Secrecy == "" {
			out.Secrecy = "Mật"
		}
		return out, nil
	}
	for _, t := range res.Tasks {
		row := store.TaskRow{Content: t.Content, MustReport: t.MustReport, Flags: t.Flags,
			Lead: []store.UnitRef{{Code: t.Lead.Code, Name: t.Lead.Name}}}
		if t.Lead.Name == "" && t.Lead.Code == "" {
			row.Lead = nil
		}
		for _, u := range t.Coordinates {
			row.Coordinating = append(row.Coordinating, store.UnitRef{Code: u.Code, Name: u.Name})
		}
		if d := t.Deadline; d != nil {
			nom, eff := d.Nominal, d.Effective
			row.Nominal, row.Effective = &nom, &eff
			row.DeadlineTime, row.DeadlineText, row.Recurrence = d.Time, d.Text, d.Recurrence
			due := statusInput("", nil, &eff, d.Time).Deadline
			row.DueAt = &due
		}
		if !r.tracksTask(row) {
			continue
		}
		out.Tasks = append(out.Tasks, row)
	}
	return out, nil
}

// expand turns each recurring task into the occurrences to track at now (rules.md
// §4: one per period, every one already due and the next): the first occurrence
// as extracted gives the day and month of each; later ones roll forward to a
// working day like any deadline.
func (r *ruleSet) expand(rows []store.TaskRow, issued, now time.Time) []store.TaskRow {
	out := make([]store.TaskRow, 0, len(rows))
	for _, row := range rows {
		if row.Recurrence == "" || row.Period != "" || row.Nominal == nil || issued.IsZero() {
			out = append(out, row)
			continue
		}
		spec, err := status.SpecFrom(status.Recurrence(row.Recurrence), *row.Nominal)
		if err != nil {
			out = append(out, row)
			continue
		}
		occs, err := status.Occurrences(spec, issued, now, r.cal)
		if err != nil || len(occs) == 0 {
			out = append(out, row)
			continue
		}
		for _, o := range occs {
			occ := row
			d := o.Deadline.In(connectors.Zone)
			nom, eff := o.Nominal, time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, connectors.Zone)
			occ.Nominal, occ.Effective, occ.Period = &nom, &eff, o.Period
			due := statusInput("", nil, &eff, row.DeadlineTime).Deadline
			occ.DueAt = &due
			out = append(out, occ)
		}
	}
	return out
}

// tracksTask applies the profile's untimed-task policy: Đồng Tháp tracks only tasks
// with a deadline (001 Đ3.3); Kiên Giang tracks all four classes (003 Đ4).
func (r *ruleSet) tracksTask(t store.TaskRow) bool {
	return t.Effective != nil || r.profile.TracksUntimed(false)
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
	dir, err := units.New(list)
	if err != nil {
		return err
	}
	r.units = dir
	return nil
}
