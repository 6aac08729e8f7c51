package main

import (
	"context"
)

func cmdDemo(ctx context.Context, e env, args []string) error {
	fs := newFlagSet(e.stderr, "demo", "")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	return errNotImplemented
}
