package main

import (
	"flag"
	"io"

	"cddh-sync/cmd/internal/cli"
)

// newFlagSet returns a FlagSet that reports errors instead of exiting (cli.NewFlagSet).
func newFlagSet(w io.Writer, name, synopsis string) *flag.FlagSet {
	return cli.NewFlagSet(w, name, synopsis)
}

// parseFlags parses args, flags allowed after positional arguments (cli.ParseFlags).
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) { return cli.ParseFlags(fs, args) }
