package main

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/signal"
	"reflect"
	"sort"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/rs/zerolog"

	"cddh-sync/cmd/cddh-sync/internal/config"
	"cddh-sync/connectors/ioffice"
	"cddh-sync/sync/dashboard"
	"cddh-sync/sync/engine"
	"cddh-sync/sync/metrics"
	"cddh-sync/sync/outbox"
	"cddh-sync/sync/schedule"
	"cddh-sync/sync/tracking"
	"cddh-sync/sync/web"
)

// daemon is everything `run`, `sync --once` and `demo` share.
type daemon struct {
	cfg     config.Config
	log     zerolog.Logger
	st      *openedStore
	portal  *ioffice.Client
	metrics *metrics.Metrics
	engine  *engine.Engine
	rules   *ruleSet
	// cfgPath is the configuration file (run), read again on SIGHUP.
	cfgPath string
}

func newPortal(cfg config.Config, log zerolog.Logger) (*ioffice.Client, error) {
	if cfg.Portal.Password == "" {
		return nil, usageErrorf("portal password: set portal.password_file or CDDH_PORTAL_PASSWORD")
	}
	c, err := ioffice.New(ioffice.Options{
		BaseURL: cfg.Portal.BaseURL, Username: cfg.Portal.Username, Password: cfg.Portal.Password.Value(),
		Timeout: cfg.Portal.Timeout, RateLimit: cfg.Portal.RateLimit, Concurrency: cfg.Portal.Concurrency,
		MaxDownloadBytes: int64(cfg.Portal.MaxDownloadMB) << 20, PageSize: cfg.Sync.PageSize,
		CAFile: cfg.Path(cfg.Portal.CAFile), InsecureSkipVerify: cfg.Portal.InsecureSkipVerify,
		Logger: log,
	})
	if err != nil {
		return nil, usageErrorf("portal: %w", err)
	}
	return c, nil
}

// openDaemon builds the store (migrated), the portal client, the rules and the
// engine.
// own says the daemon runs the embedded cluster itself (run, demo); sync --once
// connects to the one a running daemon owns.
func openDaemon(ctx context.Context, cfg config.Config, log zerolog.Logger, own bool) (*daemon, error) {
	workDir := cfg.Path(cfg.Sync.WorkDir) // "": the engine's default, os.TempDir()
	if workDir != "" {
		if fi, err := os.Stat(workDir); err != nil {
			return nil, usageErrorf("sync.work_dir: %v", err)
		} else if !fi.IsDir() {
			return nil, usageErrorf("sync.work_dir: %s is not a directory", workDir)
		}
	}
	for _, w := range cfg.Warnings {
		log.Warn().Str("event", "config.warning").Msg(w)
	}
	portal, err := newPortal(cfg, log)
	if err != nil {
		return nil, err
	}
	rules, err := newRuleSet(cfg)
	if err != nil {
		return nil, err
	}
	if rules.Units == nil {
		if err := rules.loadPortalUnits(ctx, portal); err != nil {
			log.Warn().Str("event", "units.unavailable").Err(err).Msg("unit directory not read from the portal: units keep their names without codes until the next start")
		}
	}
	st, err := openStoreAs(ctx, cfg, log, true, own)
	if err != nil {
		return nil, err
	}
	d := &daemon{cfg: cfg, log: log, st: st, portal: portal, rules: rules}
	d.metrics = metrics.New(func(ctx context.Context) (int, int, time.Duration, error) {
		s, err := st.OutboxStats(ctx)
		return s.Pending, s.Dead, s.OldestPendingAge, err
	})
	er, err := rules.engineRules(cfg)
	if err != nil {
		_ = st.Close(context.WithoutCancel(ctx))
		return nil, err
	}
	review, err := rules.reviewPolicy(cfg)
	if err != nil {
		_ = st.Close(context.WithoutCancel(ctx))
		return nil, err
	}
	d.engine, err = engine.New(portal, st.Store, er, engine.Options{
		BackfillFrom: cfg.Sync.Backfill, Logger: log, Metrics: d.metrics, SignaturePolicy: cfg.Signing.Policy, Review: review,
		// Each document costs several sequential requests (detail, files, edXML):
		// twice the connection limit keeps it busy; the client enforces the limit.
		Prefetch:  2 * cfg.Portal.Concurrency,
		LeaseTTL:  cfg.Sync.LeaseTTL,
		LeaseWait: cfg.Sync.LeaseWait,
		Holder:    holderName(cfg.Sync.Instance),
		// A push-back claimed by an instance that is still live but stuck is taken
		// again after this long, never sooner than a request it may still have in
		// flight could land; a dead instance's claims are free at once.
		Outbox:  outbox.Options{Lease: max(cfg.Sync.LeaseTTL, 2*cfg.Portal.Timeout), Workers: cfg.Portal.Concurrency},
		WorkDir: workDir,
	})
	if err != nil {
		_ = st.Close(context.WithoutCancel(ctx))
		return nil, err
	}
	// At start, not at the first document: what a killed process left is removed
	// now, and a work directory that cannot be written stops the start naming the
	// key.
	if _, err := d.engine.OpenWorkDir(); err != nil {
		_ = st.Close(context.WithoutCancel(ctx))
		if workDir == "" {
			workDir = os.TempDir()
		}
		if errors.Is(err, fs.ErrPermission) || errors.Is(err, fs.ErrNotExist) {
			return nil, usageErrorf("sync.work_dir (%s): %v", workDir, err)
		}
		return nil, runtimeErrorf("sync.work_dir (%s): %v", workDir, err)
	}
	return d, nil
}

func (d *daemon) Close(ctx context.Context) {
	// Streams and push-back claims are given back first, so another instance
	// can take them at once.
	if err := d.engine.Close(ctx); err != nil {
		d.log.Warn().Str("event", "sync.release_failed").Err(err).Msg("leases not released; they are free anyway once this process ends")
	}
	d.portal.Close()
	if err := d.st.Close(ctx); err != nil {
		d.log.Warn().Str("event", "store.stop_failed").Err(err).Msg("stopping the store")
	}
}

// cycle runs one full cycle and logs its summary. Portal or database failures come
// back as errors; refused inputs are only counted.
func (d *daemon) cycle(ctx context.Context) (engine.CycleResult, error) {
	res, err := d.engine.Cycle(ctx)
	// The engine logs an outage's start and end per stream; the cycle line stays
	// quiet while it lasts.
	ev := d.log.Info()
	if err != nil {
		ev = d.log.Debug().Err(err)
	}
	ev.Str("event", "sync.cycle_done").Int("delivered", res.Outbox.Delivered).Int("push_failed", res.Outbox.Failed).
		Int("dead", res.Outbox.Dead).Int("reminders", res.Reminders).Msg("sync cycle finished")
	return res, err
}

// serveHTTP starts /healthz, /readyz, /metrics and (when access is configured) the
// dashboard.
func (d *daemon) serveHTTP(listen string) (*web.Server, error) {
	var dash *dashboard.Dashboard
	auth, enabled, err := dashboardAuth(d.cfg)
	if err != nil {
		return nil, usageErrorf("%w", err)
	}
	if enabled {
		dash, err = dashboard.New(dashboard.Options{Store: d.st.Store, Auth: auth, Logger: d.log,
			Review: d.engine, Units: d.rules.unitRefs,
			StatusText: tracking.StatusText, Report: d.rules.dashboardReport(d.st.Store)})
		if err != nil {
			return nil, usageErrorf("%w", err)
		}
	} else {
		d.log.Warn().Str("event", "dashboard.disabled").Msg("dashboard off: no http.auth.users (local) or trusted_proxies (proxy) configured")
	}
	var token string
	if p := d.cfg.HTTP.MetricsTokenFile; p != "" {
		raw, err := os.ReadFile(d.cfg.Path(p))
		if err != nil {
			return nil, usageErrorf("http.metrics_token_file: %v", err)
		}
		token = strings.TrimSpace(string(raw))
	}
	srv, err := web.New(web.Options{
		Listen: listen, Ready: d.st.Ready, Logger: d.log,
		TLSCertFile: d.cfg.Path(d.cfg.HTTP.TLSCertFile), TLSKeyFile: d.cfg.Path(d.cfg.HTTP.TLSKeyFile),
		Extra: func(mux *http.ServeMux) {
			mux.Handle("GET /metrics", metricsGuard(token, web.MetricsHandler(d.metrics.Registry)))
			if dash != nil {
				dash.Mount(mux)
			}
		},
	})
	if err != nil {
		return nil, runtimeErrorf("%w", err)
	}
	go func() {
		if err := srv.Serve(); err != nil {
			d.log.Error().Str("event", "http.failed").Err(err).Msg("HTTP server stopped")
		}
	}()
	return srv, nil
}

// metricsGuard lets /metrics answer a bearer token, or loopback peers when no token
// is configured: there is no anonymous access from the network.
func metricsGuard(token string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if token != "" {
			got := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
			if subtle.ConstantTimeCompare([]byte(got), []byte(token)) != 1 {
				http.Error(w, "metrics need the bearer token (http.metrics_token_file)", http.StatusUnauthorized)
				return
			}
		} else if host, _, err := net.SplitHostPort(r.RemoteAddr); err != nil || !net.ParseIP(host).IsLoopback() {
			http.Error(w, "metrics answer loopback only unless http.metrics_token_file is set", http.StatusForbidden)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func dashboardAuth(cfg config.Config) (dashboard.AuthOptions, bool, error) {
	a := cfg.HTTP.Auth
	opts := dashboard.AuthOptions{Mode: a.Mode, ProxyUserHeader: a.ProxyUserHeader, ProxyRoleHeader: a.ProxyRoleHeader,
		SecureCookies: a.SecureCookies, SessionIdle: cfg.HTTP.SessionIdle}
	if cfg.HTTP.TLSCertFile != "" {
		opts.SecureCookies = "always" // served over TLS only: a cookie never travels in clear
	}
	if p := cfg.HTTP.ProxySecretFile; p != "" {
		raw, err := os.ReadFile(cfg.Path(p))
		if err != nil {
			return opts, false, fmt.Errorf("http.proxy_secret_file: %v", err)
		}
		opts.ProxySecret = []byte(strings.TrimSpace(string(raw)))
	}
	for _, u := range a.Users {
		role, err := dashboard.ParseRole(u.Role)
		if err != nil {
			return opts, false, err
		}
		opts.Users = append(opts.Users, dashboard.User{Name: u.Name, PasswordHash: u.PasswordHash, Role: role})
	}
	opts.TrustedProxies = a.TrustedNets
	if a.SessionKeyFile != "" {
		raw, err := os.ReadFile(cfg.Path(a.SessionKeyFile))
		if err != nil {
			return opts, false, fmt.Errorf("http.auth.session_key_file: %v", err)
		}
		opts.SessionKey = []byte(strings.TrimSpace(string(raw)))
	}
	enabled := (a.Mode == "local" && len(opts.Users) > 0) || (a.Mode == "proxy" && len(opts.TrustedProxies) > 0)
	return opts, enabled, nil
}

func cmdSync(ctx context.Context, e env, args []string) error {
	fs := newFlagSet(e.stderr, "sync", "--once --config F")
	cfgPath := fs.String("config", "", "configuration file (YAML)")
	once := fs.Bool("once", false, "run one full cycle, then exit (required)")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if !*once {
		return usageErrorf("--once is required (the daemon is 'cddh-sync run')")
	}
	cfg, err := loadConfig(*cfgPath)
	if err != nil {
		return err
	}
	log := newLogger(cfg, e.stdout)
	d, err := openDaemon(ctx, cfg, log, false) // sync --once: beside a running daemon too
	if err != nil {
		return err
	}
	defer d.Close(context.WithoutCancel(ctx))
	// A push-back whose retry falls due in the next few seconds (a lost answer
	// is looked at again after 5 s) is sent before exiting, not left for a
	// next run that may be a day away.
	d.engine.SetSettleOutbox(onceSettle)
	// A stream whose first call fails after the client's retries is tried
	// once more before the run exits 3 (the portal "stayed unreachable").
	d.engine.SetStreamRetry(onceStreamRetry)
	res, err := d.cycle(ctx)
	if err != nil {
		if ctx.Err() != nil {
			return runtimeErrorf("interrupted")
		}
		return runtimeErrorf("the cycle did not complete: %w", err)
	}
	if len(res.Held) > 0 {
		streams := make([]string, 0, len(res.Held))
		holders := map[string]bool{}
		var names []string
		for s, h := range res.Held {
			streams = append(streams, s)
			if !holders[h] {
				holders[h] = true
				names = append(names, h)
			}
		}
		sort.Strings(streams)
		sort.Strings(names)
		log.Warn().Str("event", "sync.stream_held").Strs("streams", streams).Str("holder", strings.Join(names, ",")).
			Dur("waited", d.cfg.Sync.LeaseWait).
			Msgf("another live instance (%s) is working on %s; not run here", strings.Join(names, ", "), strings.Join(streams, ", "))
		return &exitError{Code: exitHeld}
	}
	return nil
}

// onceSettle is how long `sync --once` waits at its end for push-backs falling due.
const onceSettle = 20 * time.Second

// onceStreamRetry is how long `sync --once` waits before trying once more a
// stream that read nothing.
const onceStreamRetry = 2 * time.Second

func cmdRun(ctx context.Context, e env, args []string) error {
	fs := newFlagSet(e.stderr, "run", "--config F")
	cfgPath := fs.String("config", "", "configuration file (YAML)")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	// SIGHUP is taken before anything else: its default action ends the process,
	// and a reload (or a log rotation's HUP) during the first start's initdb, or
	// in the instant after READY=1, must not stop the daemon. One that arrives
	// before the loop waits in the channel and is served when the loop starts.
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	cfg, err := loadConfig(*cfgPath)
	if err != nil {
		return err
	}
	log := newLogger(cfg, e.stdout)
	d, err := openDaemon(ctx, cfg, log, true)
	if err != nil {
		return err
	}
	defer d.Close(context.WithoutCancel(ctx))
	d.cfgPath = *cfgPath
	return d.runUntilDone(ctx, cfg.HTTP.Listen, hup)
}

// reload applies what SIGHUP may change safely: the TLS certificate and key are
// read again (a renewed certificate). The configuration file is read again only to
// say which other changes need a restart; they are not applied.
func (d *daemon) reload(srv *web.Server) {
	if err := srv.ReloadTLS(); err != nil {
		d.log.Error().Str("event", "config.reload_failed").Err(err).Msg("SIGHUP: the TLS certificate was not reloaded; the one in use stays")
	} else if srv.TLS() {
		d.log.Info().Str("event", "config.reloaded").Str("what", "tls").Msg("SIGHUP: TLS certificate and key reloaded")
	} else {
		d.log.Info().Str("event", "config.reloaded").Str("what", "nothing").Msg("SIGHUP: nothing to reload (no TLS)")
	}
	if d.cfgPath == "" {
		return
	}
	cfg, err := config.Load(d.cfgPath, os.Getenv)
	if err != nil {
		d.log.Error().Str("event", "config.reload_failed").Err(err).Msg("SIGHUP: the configuration file no longer loads; fix it before the next restart")
		return
	}
	old := d.cfg
	cfg.Warnings, old.Warnings = nil, nil
	if !reflect.DeepEqual(cfg, old) {
		d.log.Warn().Str("event", "config.restart_needed").Msg("SIGHUP: the configuration file changed; only the TLS certificate is reloaded, restart cddh-sync (systemctl restart cddh-sync) to apply the rest")
	}
}

// runUntilDone serves HTTP and runs the cycle on the schedule until ctx ends, then
// shuts down in order: stop taking work, let the running cycle finish or abandon
// safely, drain HTTP. A signal on hup reloads (see reload); hup is registered
// for SIGHUP by the caller, before READY=1 is sent.
func (d *daemon) runUntilDone(ctx context.Context, listen string, hup <-chan os.Signal) error {
	srv, err := d.serveHTTP(listen)
	if err != nil {
		return err
	}
	sched, err := schedule.New(schedule.Options{Spec: d.cfg.Sync.Schedule, Maintenance: d.cfg.Sync.Windows, Logger: d.log})
	if err != nil {
		return usageErrorf("sync.interval: %w", err)
	}
	job := func(ctx context.Context) error { _, err := d.cycle(ctx); return err }
	if err := sched.Add("sync", job); err != nil {
		return usageErrorf("sync.interval: %w", err)
	}
	d.log.Info().Str("event", "daemon.started").Str("listen", srv.Addr()).Str("interval", d.cfg.Sync.Interval).
		Str("portal", d.cfg.Portal.BaseURL).Msg("cddh-sync running")
	sched.Start() // the first cycle at once, then on the schedule; never two at once
	if err := sdNotify("READY=1\nSTATUS=serving on " + srv.Addr()); err != nil {
		d.log.Warn().Str("event", "systemd.notify_failed").Err(err).Msg("telling systemd the daemon is ready")
	}
	// The watchdog is fed by this loop, so a wedged loop gets the unit restarted.
	var beat atomic.Int64
	beat.Store(time.Now().UnixNano())
	wdCtx, stopWD := context.WithCancel(ctx)
	defer stopWD()
	go runWatchdog(wdCtx, func() bool { return time.Since(time.Unix(0, beat.Load())) < max(watchdogInterval(), time.Second) })
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
loop:
	for {
		select {
		case <-ctx.Done():
			break loop
		case <-tick.C:
			beat.Store(time.Now().UnixNano())
		case <-hup:
			_ = sdNotify("RELOADING=1")
			d.reload(srv)
			_ = sdNotify("READY=1")
		}
	}
	_ = sdNotify("STOPPING=1")
	d.log.Info().Str("event", "daemon.stopping").Msg("shutting down")
	srv.Draining()
	stopCtx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := sched.Stop(stopCtx); err != nil {
		d.log.Warn().Str("event", "daemon.stop_timeout").Err(err).Msg("a cycle was abandoned at shutdown; it resumes from its cursor")
	}
	if err := srv.Shutdown(stopCtx); err != nil {
		d.log.Warn().Str("event", "http.stop_failed").Err(err).Msg("HTTP shutdown")
	}
	d.log.Info().Str("event", "daemon.stopped").Msg("stopped")
	return nil
}

// holderName is this process's name on leases: host:pid-nonce by default;
// with sync.instance, "instance/pid-nonce". Unique to the process: a lease lives
// with its holder's database session (store.Session), never with a name.
func holderName(instance string) string {
	if instance == "" {
		return engine.DefaultHolder()
	}
	b := make([]byte, 3)
	_, _ = rand.Read(b)
	return fmt.Sprintf("%s/%d-%s", instance, os.Getpid(), hex.EncodeToString(b))
}
