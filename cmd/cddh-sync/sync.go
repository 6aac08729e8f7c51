package main

import (
	"context"
)

func cmdSync(ctx context.Context, e env, args []string) error {
	fs := newFlagSet(e.stderr, "sync", "--once --config F")
	fs.String("config", "", "configuration file (YAML)")
	fs.Bool("once", false, "run one full cycle, then exit")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	return errNotImplemented
}
