package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"golang.org/x/crypto/bcrypt"

	"cddh-sync/cmd/cddh-sync/internal/config"
	"cddh-sync/connectors"
	"cddh-sync/connectors/portalsim"
	"cddh-sync/connectors/portalsim/simpki"
	"cddh-sync/sync/store"
)

// cmdDemo shows the whole product working in one command: the simulator with
// realistic Đồng Tháp data, the embedded store, the daemon and the dashboard.
func cmdDemo(ctx context.Context, e env, args []string) error {
	fs := newFlagSet(e.stderr, "demo", "[--data DIR] [--listen ADDR] [--docs N] [--seed N] [--anchor dd/MM/yyyy] [--once]")
	dataDir := fs.String("data", "cddh-demo-data", "where the demo's embedded PostgreSQL lives (reused across runs)")
	listen := fs.String("listen", "127.0.0.1:9464", "the dashboard's address")
	docs := fs.Int("docs", 80, "documents the simulator generates")
	seed := fs.Uint64("seed", 4, "the simulator's seed (4: every kind of document, secret ones included)")
	interval := fs.Duration("interval", 15*time.Second, "how often the daemon polls")
	once := fs.Bool("once", false, "stop after the first sync and its summary (no dashboard)")
	anchor := fs.String("anchor", "", "dd/MM/yyyy: the day the simulated history ends (default today, Asia/Ho_Chi_Minh; the same day and seed give the same documents)")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	step := func(format string, a ...any) { fmt.Fprintf(e.stderr, "==> "+format+"\n", a...) }
	if !config.LoopbackListen(*listen) {
		// The demo serves plain HTTP with a printed password: never to the network.
		return usageErrorf("--listen %s: the demo serves plain HTTP and listens on loopback only (e.g. 127.0.0.1:9464)", *listen)
	}

	// 1. The portal simulator, its history ending today so deadlines are current.
	today := time.Now().In(connectors.Zone)
	if *anchor != "" {
		day, err := time.ParseInLocation("02/01/2006", *anchor, connectors.Zone)
		if err != nil {
			return usageErrorf("--anchor must be dd/MM/yyyy, got %q", *anchor)
		}
		today = day
	}
	step("starting the portal simulator (%d documents, seed %d, history ending %s)", *docs, *seed, today.Format("02/01/2006"))
	// The directives' PDFs carry real signatures from a demo PKI; the daemon trusts
	// its root, as an operator would trust the government's.
	pki, err := simpki.New()
	if err != nil {
		return runtimeErrorf("demo PKI: %w", err)
	}
	sim, err := portalsim.New(portalsim.Options{Seed: *seed, Documents: *docs, AutoClerk: true, ClerkStep: 5 * time.Second,
		SignPDF: pki.SignPDF,
		Anchor:  time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, connectors.Zone),
		Logger:  slog.New(slog.DiscardHandler)})
	if err != nil {
		return runtimeErrorf("simulator: %w", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return runtimeErrorf("simulator: %w", err)
	}
	simCtx, stopSim := context.WithCancel(context.WithoutCancel(ctx))
	simDone := make(chan struct{})
	go func() { _ = sim.Serve(simCtx, ln); close(simDone) }()
	defer func() { stopSim(); <-simDone }()
	simURL := "http://" + ln.Addr().String()
	user, pass := sim.Credentials()

	// 2. The daemon's configuration, as an operator would write it.
	password := demoPassword()
	hash, err := bcrypt.GenerateFromPassword([]byte(password), bcrypt.DefaultCost)
	if err != nil {
		return err
	}
	cfg := config.Default()
	cfg.Dir = "."
	cfg.Portal.BaseURL, cfg.Portal.Username, cfg.Portal.Password = simURL, user, config.Secret(pass)
	cfg.Portal.RateLimit, cfg.Portal.Concurrency = 50, 4
	cfg.Store.DataDir = *dataDir
	cfg.Store.EmbeddedFallbackDir = os.Getenv("CDDH_STORE_EMBEDDED_FALLBACK_DIR")
	cfg.Sync.Interval = interval.String()
	cfg.HTTP.Listen = *listen
	cfg.HTTP.Auth.Users = []config.HTTPUser{{Name: "demo", PasswordHash: string(hash), Role: "admin"}}
	cfg.Log.Level = "warn"
	// rules.md §9: what the extractor is unsure of waits for the Office, so a
	// newcomer sees the review page at work.
	cfg.Review.Policy = "uncertain"
	if err := cfg.Validate(); err != nil { // fills the typed values, as Load does
		return usageErrorf("%v", err)
	}
	if err := os.MkdirAll(*dataDir, 0o755); err != nil { // the embedded cluster, run as postgres under root, must reach it
		return usageErrorf("--data %s: %v", *dataDir, err)
	}
	rootPath, err := filepath.Abs(filepath.Join(*dataDir, "demo-root-ca.pem"))
	if err != nil {
		return usageErrorf("--data %s: %v", *dataDir, err)
	}
	if err := os.WriteFile(rootPath, pki.RootPEM(), 0o644); err != nil {
		return usageErrorf("--data %s: %v", *dataDir, err)
	}
	cfg.Signing.TrustAnchors = []string{rootPath}
	log := newLogger(cfg, e.stderr)

	where, moved, err := store.EmbeddedDir(*dataDir, cfg.Store.EmbeddedUser, cfg.Store.EmbeddedFallbackDir)
	if err != nil {
		return usageErrorf("--data %s: %v", *dataDir, err)
	}
	if moved {
		// Root in a private directory (a clone in /root): initdb runs as postgres,
		// which cannot reach it.
		step("the OS user %s cannot reach %s; the embedded PostgreSQL lives in %s instead", cfg.Store.EmbeddedUser, *dataDir, where)
	}
	step("starting the tracking store (embedded PostgreSQL in %s)", where)
	d, err := openDaemon(ctx, cfg, log, true)
	if err != nil {
		return err
	}
	defer d.Close(context.WithoutCancel(ctx))

	// 3. The first cycle, with progress, then a summary.
	step("first sync: reading directives and reports, extracting tasks, checking signatures, pushing back")
	progress := make(chan struct{})
	go func() {
		t := time.NewTicker(2 * time.Second)
		defer t.Stop()
		for {
			select {
			case <-progress:
				return
			case <-t.C:
				var n int
				_ = d.st.Pool().QueryRow(ctx, `SELECT count(*) FROM documents`).Scan(&n)
				fmt.Fprintf(e.stderr, "    ... %d documents stored so far\n", n)
			}
		}
	}()
	res, cerr := d.cycle(ctx)
	close(progress)
	if ctx.Err() != nil {
		return nil
	}
	if cerr != nil {
		step("the first cycle did not finish (%v); the daemon keeps retrying", cerr)
	}
	if err := printDemoSummary(ctx, e, d.st.Store, sim, res.Outbox.Delivered, cfg.Reminders.Hours); err != nil {
		return runtimeErrorf("%w", err)
	}
	fmt.Fprintf(e.stdout, "  tracking store:      embedded PostgreSQL in %s\n", where)
	if *once {
		if cerr != nil {
			return runtimeErrorf("the first cycle did not finish: %w", cerr)
		}
		step("--once: stopping after the first sync")
		return nil
	}

	// 4. The daemon and its dashboard until Ctrl-C.
	fmt.Fprintf(e.stdout, "\nDashboard:  http://%s/   (user demo, password %s)\n", *listen, password)
	fmt.Fprintf(e.stdout, "Review:     http://%s/review   (the tasks the Office must confirm, correct or reject)\n", *listen)
	fmt.Fprintf(e.stdout, "Simulator:  %s/qlvb/api   (user %s, password %s)\n", simURL, user, pass)
	fmt.Fprintf(e.stdout, "Metrics:    http://%s/metrics    Health: http://%s/healthz\n", *listen, *listen)
	fmt.Fprintf(e.stdout, "The daemon polls every %s; simulated clerks act on the tasks. Press Ctrl-C to stop.\n", *interval)
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	err = d.runUntilDone(ctx, *listen, hup)
	step("stopped cleanly")
	return err
}

func demoPassword() string {
	if p := os.Getenv("CDDH_DEMO_PASSWORD"); p != "" {
		return p
	}
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func printDemoSummary(ctx context.Context, e env, st *store.Store, sim *portalsim.Sim, delivered int, hours string) error {
	q := func(sql string) (n int) { _ = st.Pool().QueryRow(ctx, sql).Scan(&n); return }
	docs := q(`SELECT count(*) FROM documents WHERE stream = 'DI'`)
	reports := q(`SELECT count(*) FROM documents WHERE stream = 'DEN'`)
	secret := q(`SELECT count(*) FROM skipped_secret`)
	tasks := q(`SELECT count(*) FROM tasks`)
	noDeadline := q(`SELECT count(*) FROM tasks WHERE 'no_deadline' = ANY(flags)`)
	linked := q(`SELECT count(DISTINCT report_document_id) FROM report_links WHERE task_id IS NOT NULL`)
	fmt.Fprintln(e.stdout, "\nSummary of the first sync")
	fmt.Fprintf(e.stdout, "  documents seen:      %d directives, %d incoming reports, %d secret documents skipped unread\n", docs, reports, secret)
	fmt.Fprintf(e.stdout, "  tasks extracted:     %d (%d without a deadline)\n", tasks, noDeadline)
	fmt.Fprintf(e.stdout, "  reports matched:     %d\n", linked)
	held, err := countsBy(ctx, st, `SELECT review_note, count(*) FROM tasks WHERE review_state = 'held' AND state <> 'cancelled'
		GROUP BY 1 ORDER BY 2 DESC, 1`)
	if err != nil {
		return err
	}
	if len(held) == 0 {
		held = []string{"none"}
	}
	fmt.Fprintf(e.stdout, "  awaiting review:     %d tasks held for the Office (chờ rà soát, not pushed): %s\n",
		q(`SELECT count(*) FROM tasks WHERE review_state = 'held' AND state <> 'cancelled'`), strings.Join(held, ", "))
	sigs, err := countsBy(ctx, st, `SELECT indication, count(*) FROM signature_verdicts GROUP BY 1 ORDER BY 2 DESC`)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "  signature verdicts:  %s\n", strings.Join(sigs, ", "))
	words, err := countsBy(ctx, st, `SELECT status_text, count(*) FROM tasks GROUP BY 1 ORDER BY 1`)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "  statuses:            %s\n", strings.Join(words, "; "))
	rem, err := countsBy(ctx, st, `SELECT replace(kind, '_', ' '), count(*) FROM reminders GROUP BY 1 ORDER BY 1`)
	if err != nil {
		return err
	}
	if len(rem) == 0 {
		rem = []string{"none yet (they are written on working days, " + hours + ")"}
	}
	fmt.Fprintf(e.stdout, "  reminders:           %s\n", strings.Join(rem, ", "))
	s := sim.Stats()
	fmt.Fprintf(e.stdout, "  push-backs:          %d delivered (%d task records on the portal, %d notes)\n", delivered, len(sim.Tasks()), s.CommentPosts)
	return nil
}

// countsBy renders a "label, count" query as "label N" items, in the query's order.
func countsBy(ctx context.Context, st *store.Store, sql string) ([]string, error) {
	rows, err := st.Pool().Query(ctx, sql)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var label string
		var n int
		if err := rows.Scan(&label, &n); err != nil {
			return nil, err
		}
		out = append(out, fmt.Sprintf("%s %d", label, n))
	}
	return out, rows.Err()
}
