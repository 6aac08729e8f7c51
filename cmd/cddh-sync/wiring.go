package main

import (
	"context"
	"errors"
	"io"
	"os"
	"time"

	"github.com/mattn/go-isatty"
	"github.com/rs/zerolog"

	"cddh-sync/cmd/cddh-sync/internal/config"
	"cddh-sync/connectors"
	"cddh-sync/sync/store"
)

// errNoConfig: a command that touches the portal or the store was given neither
// --config nor any CDDH_* key. Defaults alone would poll 127.0.0.1:8090 and create an
// embedded cluster in ./cddh-data wherever it was run, so it is refused (exit 2).
var errNoConfig = errors.New("--config is required (a YAML file; config.example.yaml documents every key), " +
	"or configure with CDDH_* environment variables (e.g. CDDH_STORE_DSN, CDDH_PORTAL_BASE_URL)")

// loadConfig loads --config; every failure is a usage error (exit 2) with one line
// naming the file, key or variable. Without --config the environment must set at
// least one CDDH_* key (cli.md, Configuration).
func loadConfig(path string) (config.Config, error) {
	if path == "" && !config.FromEnvironment(os.Getenv) {
		return config.Config{}, &exitError{Code: exitUsage, Err: errNoConfig}
	}
	cfg, err := config.Load(path, os.Getenv)
	if err != nil {
		return cfg, &exitError{Code: exitUsage, Err: err}
	}
	return cfg, nil
}

// newLogger writes zerolog JSON lines to w, or a human console format when w is a
// terminal (log.format auto). Every line the product writes carries a stable "event"
// field, documented in README.md.
func newLogger(cfg config.Config, w io.Writer) zerolog.Logger {
	level, err := zerolog.ParseLevel(cfg.Log.Level)
	if err != nil {
		level = zerolog.InfoLevel
	}
	console := cfg.Log.Format == "console"
	if cfg.Log.Format == "auto" {
		if f, ok := w.(*os.File); ok && isatty.IsTerminal(f.Fd()) {
			console = true
		}
	}
	if console {
		w = zerolog.ConsoleWriter{Out: w, TimeFormat: "15:04:05"}
	}
	return zerolog.New(w).Level(level).Hook(zoneTime{})
}

// zoneTime stamps each line in Asia/Ho_Chi_Minh, never the host's zone, without
// touching zerolog's package-level clock.
type zoneTime struct{}

func (zoneTime) Run(e *zerolog.Event, _ zerolog.Level, _ string) {
	e.Str(zerolog.TimestampFieldName, time.Now().In(connectors.Zone).Format(time.RFC3339Nano))
}

// openedStore is a store plus whatever must be stopped with it.
type openedStore struct {
	*store.Store
	cluster *store.Cluster
}

// Close closes the pool and stops the embedded cluster, if we started one.
func (o *openedStore) Close(ctx context.Context) error {
	o.Store.Close()
	if o.cluster != nil {
		return o.cluster.Stop(ctx)
	}
	return nil
}

// openStore connects to store.dsn, or starts the embedded default cluster when it is
// empty (a configured DSN always wins), and applies migrations when migrate is set.
func openStore(ctx context.Context, cfg config.Config, log zerolog.Logger, migrate bool) (*openedStore, error) {
	return openStoreAs(ctx, cfg, log, migrate, false)
}

// openStoreAs opens the store; own says this process must run the embedded cluster
// itself (the daemon). Any other command connects to the embedded cluster a running
// daemon owns, so tasks, report, doctor and sync --once work beside `run`.
func openStoreAs(ctx context.Context, cfg config.Config, log zerolog.Logger, migrate, own bool) (*openedStore, error) {
	dsn := cfg.Store.DSN.Value()
	var cluster *store.Cluster
	if dsn == "" {
		var err error
		cluster, err = store.StartCluster(ctx, store.ClusterOptions{
			DataDir:      cfg.Path(cfg.Store.DataDir),
			OSUser:       cfg.Store.EmbeddedUser,
			FallbackRoot: cfg.Store.EmbeddedFallbackDir,
			Log: func(msg string) {
				log.Info().Str("event", "store.embedded").Msg(msg)
			},
		})
		switch {
		case err == nil:
			dsn = cluster.DSN("")
		case errors.Is(err, store.ErrNoPostgres):
			return nil, &exitError{Code: exitRuntime, Err: err}
		case errors.Is(err, store.ErrDataDirInUse) && !own:
			running, ok, rerr := store.RunningEmbeddedDSN(ctx, cfg.Path(cfg.Store.DataDir), cfg.Store.EmbeddedUser, cfg.Store.EmbeddedFallbackDir, "")
			if rerr != nil || !ok {
				return nil, runtimeErrorf("embedded store: %w (and its server does not answer yet)", err)
			}
			log.Info().Str("event", "store.embedded_shared").Msg("the embedded PostgreSQL is run by another cddh-sync process: connected to it")
			dsn, cluster = running, nil
		default:
			return nil, runtimeErrorf("embedded store: %w", err)
		}
	}
	// A database that does not answer yet (restarting, a network blip) is retried
	// for store.connect_wait before exit 3 (cli.md: "unreachable after retries"),
	// logged once.
	var warned bool
	st, err := store.Open(ctx, dsn, store.Options{MaxConns: cfg.Store.MaxConns, ConnectWait: cfg.Store.ConnectWait,
		OnRetry: func(err error, _ time.Duration) {
			if !warned {
				warned = true
				log.Warn().Str("event", "store.connect_retry").Err(err).Dur("for", cfg.Store.ConnectWait).
					Msg("the database does not answer; retrying with backoff")
			}
		}})
	if err != nil {
		if cluster != nil {
			_ = cluster.Stop(context.WithoutCancel(ctx))
		}
		if warned {
			return nil, runtimeErrorf("%w (still unreachable after retrying for %s, store.connect_wait)", err, cfg.Store.ConnectWait)
		}
		return nil, runtimeErrorf("%w", err)
	}
	o := &openedStore{Store: st, cluster: cluster}
	if migrate {
		n, err := store.Migrate(ctx, st.Pool())
		if err != nil {
			_ = o.Close(context.WithoutCancel(ctx))
			return nil, runtimeErrorf("%w", err)
		}
		if n > 0 {
			log.Info().Str("event", "store.migrated").Int("applied", n).Int("version", store.SchemaVersion()).Msg("schema migrated")
		}
	}
	return o, nil
}

func isTerminal(f *os.File) bool { return isatty.IsTerminal(f.Fd()) }
