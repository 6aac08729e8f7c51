package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"time"

	"cddh-sync/signing"
)

// maxVerifyInput caps the file verify reads (a directive is a few MB).
const maxVerifyInput = 64 << 20

// verifyTimeout bounds one validation, online revocation fetches included; the
// parsers also carry their own work budgets.
const verifyTimeout = 2 * time.Minute

func cmdVerify(ctx context.Context, e env, args []string) error {
	fs := newFlagSet(e.stderr, "verify", "[--trust FILE]... [--at TIME] [--offline] [--format json|text] FILE")
	var trust stringList
	fs.Var(&trust, "trust", "trust anchor certificate (PEM or DER); repeatable")
	atFlag := fs.String("at", "", "validation time (RFC 3339); default: now")
	offline := fs.Bool("offline", false, "never fetch revocation data from the network")
	format := fs.String("format", "text", "output format: json or text")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageErrorf("want exactly one FILE argument, got %d", len(pos))
	}
	if *format != "json" && *format != "text" {
		return usageErrorf("--format: want json or text, got %q", *format)
	}
	var opt signing.Options
	if *atFlag != "" {
		t, err := parseAt(*atFlag)
		if err != nil {
			return usageErrorf("--at: %v", err)
		}
		opt.At = t
	}
	for _, p := range trust {
		certs, err := signing.LoadCertificates(p)
		if err != nil {
			return usageErrorf("--trust: %v", err)
		}
		opt.TrustAnchors = append(opt.TrustAnchors, certs...)
	}
	if !*offline {
		opt.Fetcher = newRevocationFetcher(nil)
	}
	data, err := readVerifyInput(e, pos[0])
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, verifyTimeout)
	defer cancel()
	var rep *signing.Report
	if bytes.Contains(data[:min(len(data), 1024)], []byte("%PDF-")) {
		rep, err = signing.VerifyPDF(ctx, pos[0], data, opt)
	} else {
		rep, err = signing.VerifyXML(ctx, pos[0], data, opt)
	}
	if err != nil {
		// Our parser could not read it: INDETERMINATE naming the limit, never a pass
		// and never a false TOTAL_FAILED.
		rep = &signing.Report{File: pos[0], Indication: signing.Indeterminate,
			Signatures: []signing.SignatureResult{}, Errors: []string{err.Error()}}
	}
	if err := printReport(e.stdout, rep, *format); err != nil {
		return runtimeErrorf("writing output: %v", err)
	}
	if rep.Indication != signing.TotalPassed {
		return negative
	}
	return nil
}

func parseAt(s string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not an RFC 3339 time", s)
}

func readVerifyInput(e env, name string) ([]byte, error) {
	var r io.Reader
	if name == "-" {
		r = e.stdin
	} else {
		f, err := os.Open(name)
		if err != nil {
			return nil, usageErrorf("%v", err)
		}
		defer f.Close()
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, maxVerifyInput+1))
	if err != nil {
		return nil, usageErrorf("reading %s: %v", name, err)
	}
	if len(data) > maxVerifyInput {
		return nil, usageErrorf("%s exceeds %d bytes", name, maxVerifyInput)
	}
	return data, nil
}

func printReport(w io.Writer, rep *signing.Report, format string) error {
	if format == "json" {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	}
	if _, err := fmt.Fprintf(w, "%s: %s\n", rep.File, rep.Indication); err != nil {
		return err
	}
	for _, e := range rep.Errors {
		fmt.Fprintf(w, "  error: %s\n", e)
	}
	for i, s := range rep.Signatures {
		fmt.Fprintf(w, "  signature %d (%s): %s %s\n    signed by: %s\n    signing time: %s  best signature time: %s  covers whole document: %v\n",
			i+1, s.Format, s.Indication, s.SubIndication, s.SignedBy, s.SigningTime, s.BestSignatureTime, s.CoversWholeDocument)
		for _, e := range s.Errors {
			fmt.Fprintf(w, "    error: %s\n", e)
		}
		for _, e := range s.Warnings {
			fmt.Fprintf(w, "    warning: %s\n", e)
		}
	}
	return nil
}
