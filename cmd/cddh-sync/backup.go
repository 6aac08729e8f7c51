package main

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"cddh-sync/cmd/cddh-sync/internal/config"
	"cddh-sync/sync/store"
)

// cmdBackup writes a pg_dump (custom format) of the tracking store: the
// operational backup of README "Operating it", beside the open-format handover
// of `export`. It works while the daemon runs, on the embedded store too.
func cmdBackup(ctx context.Context, e env, args []string) error {
	fs := newFlagSet(e.stderr, "backup", "--config F --out FILE.dump")
	cfgPath := fs.String("config", "", "configuration file (YAML)")
	out := fs.String("out", "", "the dump file to write (pg_dump custom format); must not exist")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if *out == "" {
		return usageErrorf("--out FILE is required")
	}
	if _, err := os.Stat(*out); err == nil {
		return usageErrorf("--out %s exists; a backup never overwrites one", *out)
	}
	cfg, err := loadConfig(*cfgPath)
	if err != nil {
		return err
	}
	return withStoreDSN(ctx, cfg, false, func(dsn string) error {
		if err := pgTool(ctx, "pg_dump", dsn, "--format=custom", "--file", *out); err != nil {
			_ = os.Remove(*out)
			return err
		}
		if err := os.Chmod(*out, 0o600); err != nil {
			return runtimeErrorf("--out %s: %v", *out, err)
		}
		fi, err := os.Stat(*out)
		if err != nil {
			return runtimeErrorf("--out %s: %v", *out, err)
		}
		fmt.Fprintf(e.stdout, "backup written to %s (%d bytes, pg_dump custom format; restore with cddh-sync restore)\n", *out, fi.Size())
		return nil
	})
}

// cmdRestore restores a backup into an empty store, with the daemon stopped.
func cmdRestore(ctx context.Context, e env, args []string) error {
	fs := newFlagSet(e.stderr, "restore", "--config F --in FILE.dump")
	cfgPath := fs.String("config", "", "configuration file (YAML)")
	in := fs.String("in", "", "a dump written by backup (or pg_dump --format=custom)")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if *in == "" {
		return usageErrorf("--in FILE is required")
	}
	if _, err := os.Stat(*in); err != nil {
		return usageErrorf("--in %s: %v", *in, err)
	}
	cfg, err := loadConfig(*cfgPath)
	if err != nil {
		return err
	}
	return withStoreDSN(ctx, cfg, true, func(dsn string) error {
		st, err := store.Open(ctx, dsn, store.Options{MaxConns: 2})
		if err != nil {
			return runtimeErrorf("%w", err)
		}
		defer st.Close()
		var migrated bool
		if err := st.Pool().QueryRow(ctx, `SELECT to_regclass('public.schema_migrations') IS NOT NULL`).Scan(&migrated); err != nil {
			return runtimeErrorf("%w", err)
		}
		if migrated {
			empty, err := st.IsEmpty(ctx)
			if err != nil {
				return runtimeErrorf("%w", err)
			}
			if !empty {
				return usageErrorf("the store is not empty; restore only into an empty store (a new database, or a new store.data_dir), never over live data")
			}
			// Migrated but empty (a daemon started once): the schema goes, so the
			// dump's schema and schema_migrations come back exactly, and the
			// daemon migrates them forward at its start.
			if _, err := st.Pool().Exec(ctx, `DROP SCHEMA public CASCADE; CREATE SCHEMA public`); err != nil {
				return runtimeErrorf("emptying the store before the restore: %w", err)
			}
		}
		st.Close()
		if err := pgTool(ctx, "pg_restore", dsn, "--no-owner", "--exit-on-error", "--single-transaction", *in); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "restored %s; start the daemon: it resumes from the restored cursors and push-back queue\n", *in)
		return nil
	})
}

// withStoreDSN gives fn a DSN of the store: store.dsn, the embedded cluster a
// running daemon owns, or the embedded cluster started for the call. With
// stopped, a running daemon's embedded store is refused.
func withStoreDSN(ctx context.Context, cfg config.Config, stopped bool, fn func(dsn string) error) error {
	if dsn := cfg.Store.DSN.Value(); dsn != "" {
		return fn(dsn)
	}
	dsn, running, err := store.RunningEmbeddedDSN(ctx, cfg.Path(cfg.Store.DataDir), cfg.Store.EmbeddedUser, cfg.Store.EmbeddedFallbackDir, "")
	if err != nil {
		return usageErrorf("%w", err)
	}
	if running {
		if stopped {
			return usageErrorf("the daemon is running on the embedded store in %s; stop it first (systemctl stop cddh-sync)", cfg.Path(cfg.Store.DataDir))
		}
		return fn(dsn)
	}
	log := newLogger(cfg, os.Stderr).Level(100)
	st, err := openStore(ctx, cfg, log, false)
	if err != nil {
		return err
	}
	defer st.Close(context.WithoutCancel(ctx))
	return fn(st.cluster.DSN(""))
}

// pgTool runs pg_dump or pg_restore against dsn: the binaries next to the
// PostgreSQL server if there are any (the same version as the embedded store),
// else PATH. The password goes in PGPASSWORD, not on the command line.
func pgTool(ctx context.Context, tool, dsn string, args ...string) error {
	path := ""
	if dir, err := store.FindPostgresBin(); err == nil {
		if _, err := os.Stat(filepath.Join(dir, tool)); err == nil {
			path = filepath.Join(dir, tool)
		}
	}
	if path == "" {
		p, err := exec.LookPath(tool)
		if err != nil {
			return runtimeErrorf("%s not found: install the Debian package postgresql-client (apt-get install postgresql-client)", tool)
		}
		path = p
	}
	env := os.Environ()
	if u, err := url.Parse(dsn); err == nil && (u.Scheme == "postgres" || u.Scheme == "postgresql") {
		if pw, ok := u.User.Password(); ok {
			env = append(env, "PGPASSWORD="+pw)
			u.User = url.User(u.User.Username())
		}
		q := u.Query()
		if pw := q.Get("password"); pw != "" {
			env = append(env, "PGPASSWORD="+pw)
			q.Del("password")
			u.RawQuery = q.Encode()
		}
		dsn = u.String()
	}
	cmd := exec.CommandContext(ctx, path, append([]string{"--dbname", dsn}, args...)...)
	cmd.Env = env
	out, err := cmd.CombinedOutput()
	if err != nil {
		msg := strings.TrimSpace(string(out))
		if i := strings.LastIndexByte(msg, '\n'); i >= 0 && len(msg) > 2000 {
			msg = msg[i+1:]
		}
		return runtimeErrorf("%s: %v: %s", tool, err, msg)
	}
	return nil
}
