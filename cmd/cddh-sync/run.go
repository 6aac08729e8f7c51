package main

import (
	"context"
)

func cmdRun(ctx context.Context, e env, args []string) error {
	fs := newFlagSet(e.stderr, "run", "--config F")
	fs.String("config", "", "configuration file (YAML)")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	return errNotImplemented
}
