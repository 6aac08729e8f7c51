package main

import (
	"context"
	"errors"
	"fmt"

	"cddh-sync/sync/handover"
)

// cmdImport restores an export into an empty store, after checking every file's hash.
func cmdImport(ctx context.Context, e env, args []string) error {
	fs := newFlagSet(e.stderr, "import", "--config F --in DIR")
	cfgPath := fs.String("config", "", "configuration file (YAML)")
	in := fs.String("in", "", "directory written by export")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if *in == "" {
		return usageErrorf("--in DIR is required")
	}
	if _, err := handover.ReadManifest(*in); err != nil {
		return usageErrorf("%w", err)
	}
	cfg, err := loadConfig(*cfgPath)
	if err != nil {
		return err
	}
	log := newLogger(cfg, e.stderr)
	st, err := openStore(ctx, cfg, log, true)
	if err != nil {
		return err
	}
	defer st.Close(context.WithoutCancel(ctx))
	m, err := handover.Import(ctx, st.Store, *in, func(s string) { fmt.Fprintln(e.stderr, s) })
	if errors.Is(err, handover.ErrNotEmpty) {
		return usageErrorf("%w", err)
	}
	if err != nil {
		return runtimeErrorf("%w", err)
	}
	fmt.Fprintf(e.stdout, "imported %d tables from %s\n", len(m.Tables), *in)
	return nil
}
