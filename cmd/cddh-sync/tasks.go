package main

import (
	"context"
)

func cmdTasks(ctx context.Context, e env, args []string) error {
	fs := newFlagSet(e.stderr, "tasks", "--config F [--status S] [--unit CODE] [--overdue] [--format json|table]")
	fs.String("config", "", "configuration file (YAML)")
	fs.String("status", "", "only tasks in this state")
	fs.String("unit", "", "only tasks whose lead unit has this code")
	fs.Bool("overdue", false, "only overdue tasks")
	fs.String("format", "table", "output format: json or table")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	return errNotImplemented
}
