package main

import (
	"context"
)

func cmdVerify(ctx context.Context, e env, args []string) error {
	fs := newFlagSet(e.stderr, "verify", "[--trust FILE]... [--at TIME] [--offline] [--format json|text] FILE")
	var trust stringList
	fs.Var(&trust, "trust", "trust anchor certificate (PEM or DER); repeatable")
	fs.String("at", "", "validation time (RFC 3339); default: now")
	fs.Bool("offline", false, "never fetch revocation data from the network")
	fs.String("format", "text", "output format: json or text")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	return errNotImplemented
}
