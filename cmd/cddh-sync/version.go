package main

import (
	"context"
	"fmt"
)

func cmdVersion(ctx context.Context, e env, args []string) error {
	fs := newFlagSet(e.stderr, "version", "")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "cddh-sync %s\n", version)
	return nil
}
