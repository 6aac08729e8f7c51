package main

import (
	"context"
)

func cmdExtract(ctx context.Context, e env, args []string) error {
	fs := newFlagSet(e.stderr, "extract", "[--issued TIME] [--profile P] [--units FILE] [--format json|text] FILE|-")
	fs.String("issued", "", "issue time of the document (RFC 3339); default: read from its text")
	fs.String("profile", "dong-thap", "province profile")
	fs.String("units", "", "unit directory (JSON, the portal's get_all shape)")
	fs.String("format", "json", "output format: json or text")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	return errNotImplemented
}
