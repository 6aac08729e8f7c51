package main

import (
	"context"
)

func cmdCalendar(ctx context.Context, e env, args []string) error {
	fs := newFlagSet(e.stderr, "calendar", "add --from DATE --workdays N | holidays --year Y [--format json]")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	return errNotImplemented
}
