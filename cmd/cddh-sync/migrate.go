package main

import (
	"context"
	"fmt"

	"cddh-sync/sync/store"
)

func cmdMigrate(ctx context.Context, e env, args []string) error {
	fs := newFlagSet(e.stderr, "migrate", "--config F")
	cfgPath := fs.String("config", "", "configuration file (YAML)")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg, err := loadConfig(*cfgPath)
	if err != nil {
		return err
	}
	log := newLogger(cfg, e.stderr)
	st, err := openStore(ctx, cfg, log, false)
	if err != nil {
		return err
	}
	defer st.Close(context.WithoutCancel(ctx))
	n, err := store.Migrate(ctx, st.Pool())
	if err != nil {
		return runtimeErrorf("%w", err)
	}
	fmt.Fprintf(e.stdout, "schema at version %d (%d migration(s) applied)\n", store.SchemaVersion(), n)
	return nil
}
