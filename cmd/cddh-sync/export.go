package main

import (
	"context"
)

func cmdExport(ctx context.Context, e env, args []string) error {
	fs := newFlagSet(e.stderr, "export", "--config F --out DIR")
	fs.String("config", "", "configuration file (YAML)")
	fs.String("out", "", "directory to write the export to")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	return errNotImplemented
}
