package main

import (
	"context"
)

func cmdReport(ctx context.Context, e env, args []string) error {
	fs := newFlagSet(e.stderr, "report", "--config F --period P [--format csv|xlsx|json] [--out FILE]")
	fs.String("config", "", "configuration file (YAML)")
	fs.String("period", "", "2026-03, 2026-Q1, 2026-H1 or 2026")
	fs.String("format", "json", "output format: csv, xlsx or json")
	fs.String("out", "", "output file (default: stdout)")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	return errNotImplemented
}
