package main

import (
	"context"
)

func cmdSim(ctx context.Context, e env, args []string) error {
	fs := newFlagSet(e.stderr, "sim", "[--listen ADDR] [--seed N]")
	fs.String("listen", "127.0.0.1:8090", "address to serve the portal API on")
	fs.Int64("seed", 1, "seed for the generated data")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	return errNotImplemented
}
