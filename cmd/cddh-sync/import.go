package main

import (
	"context"
)

func cmdImport(ctx context.Context, e env, args []string) error {
	fs := newFlagSet(e.stderr, "import", "--config F --in DIR")
	fs.String("config", "", "configuration file (YAML)")
	fs.String("in", "", "directory written by export")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	return errNotImplemented
}
