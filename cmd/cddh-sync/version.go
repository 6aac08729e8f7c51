package main

import (
	"context"

	"cddh-sync/cmd/internal/cli"
)

func cmdVersion(ctx context.Context, e env, args []string) error {
	return cli.Version(e.cli(), args, version)
}
