package main

import (
	"context"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"time"

	"cddh-sync/cmd/cddh-sync/internal/config"
	"cddh-sync/connectors"
	"cddh-sync/internal/workdir"
	"cddh-sync/sync/store"
)

// findPostgresBin locates the PostgreSQL server binaries (a variable so a test can
// stand for a machine without them).
var findPostgresBin = store.FindPostgresBin

// checkTools reports the programs cddh-sync runs, each with the Debian package
// that provides it: pdftotext (directives whose text is only in a PDF), the
// PostgreSQL server (the embedded store, when store.dsn is empty) and pg_dump
// (backups; a warning only).
func checkTools(cfg config.Config, report func(name string, err error, ok string), warn func(name, msg string)) (postgresOK bool) {
	postgresOK = true
	if p, err := exec.LookPath("pdftotext"); err != nil {
		report("pdftotext", fmt.Errorf("pdftotext not found on PATH: directives whose text is only in a PDF cannot be read; install the Debian package poppler-utils (apt-get install poppler-utils)"), "")
	} else {
		report("pdftotext", nil, p)
	}
	if cfg.Store.DSN == "" {
		if dir, err := findPostgresBin(); err != nil {
			postgresOK = false
			report("postgresql", fmt.Errorf("no PostgreSQL server binaries (initdb, pg_ctl) for the embedded store (store.dsn is empty); install the Debian package postgresql (apt-get install postgresql), or set store.dsn_file"), "")
		} else {
			report("postgresql", nil, "initdb and pg_ctl in "+dir)
		}
	}
	if p, err := exec.LookPath("pg_dump"); err != nil {
		if dir, err := findPostgresBin(); err == nil {
			if _, err := os.Stat(dir + "/pg_dump"); err == nil {
				report("pg_dump", nil, dir+"/pg_dump (for backups, README 'Operating it')")
				return postgresOK
			}
		}
		warn("pg_dump", "pg_dump not found: backups of the store need it; install the Debian package postgresql-client (apt-get install postgresql-client)")
	} else {
		report("pg_dump", nil, p+" (for backups, README 'Operating it')")
	}
	return postgresOK
}

// cmdDoctor checks the configuration, the programs it runs (pdftotext, PostgreSQL,
// naming the Debian package to install), the portal (reachable, login accepted), the
// database (reachable, migrated) and the trust anchors, one line per check, and exits
// 1 if any fails. It changes nothing: it does not migrate and does not write to the
// portal (the work directory it tries is removed at once).
func cmdDoctor(ctx context.Context, e env, args []string) error {
	fs := newFlagSet(e.stderr, "doctor", "--config F")
	cfgPath := fs.String("config", "", "configuration file (YAML)")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg, err := loadConfig(*cfgPath)
	if err != nil {
		return err
	}
	src := *cfgPath
	if src == "" {
		src = "defaults (no --config)"
	}
	failed := false
	report := func(name string, err error, ok string) {
		if err != nil {
			failed = true
			fmt.Fprintf(e.stdout, "FAIL  %-13s %v\n", name, err)
			return
		}
		fmt.Fprintf(e.stdout, "ok    %-13s %s\n", name, ok)
	}
	report("config", nil, fmt.Sprintf("%s (profile %s)", src, cfg.Profile))
	for _, w := range cfg.Warnings {
		fmt.Fprintf(e.stdout, "warn  %-13s %s\n", "config", w)
	}
	postgresOK := checkTools(cfg, report, func(name, msg string) { fmt.Fprintf(e.stdout, "warn  %-13s %s\n", name, msg) })

	where, err := checkWorkDir(cfg)
	report("work-dir", err, where)

	pctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	err = checkPortal(pctx, cfg)
	cancel()
	report("portal", err, fmt.Sprintf("%s reachable, login as %q accepted", cfg.Portal.BaseURL, cfg.Portal.Username))

	if postgresOK {
		dctx, cancel := context.WithTimeout(ctx, 60*time.Second)
		where, err := checkDatabase(dctx, cfg)
		cancel()
		report("database", err, where)
	} else {
		report("database", fmt.Errorf("not checked: the embedded store needs the PostgreSQL server binaries (above)"), "")
	}

	if len(cfg.Signing.TrustAnchors) == 0 {
		report("trust-anchors", fmt.Errorf("signing.trust_anchors is empty: no signature can pass (list the Vietnamese root certificates, see config.example.yaml)"), "")
	}
	for _, p := range cfg.Signing.TrustAnchors {
		desc, err := checkAnchor(cfg.Path(p), time.Now().In(connectors.Zone))
		report("trust-anchor", err, desc)
	}
	if failed {
		return negative
	}
	return nil
}

// checkWorkDir makes, locks and removes a private directory in sync.work_dir, as
// the daemon does for its downloads; what stopped processes left there is counted
// by the daemon's own sweep at its next start, not here.
func checkWorkDir(cfg config.Config) (string, error) {
	dir := cfg.Path(cfg.Sync.WorkDir)
	shown := dir
	if dir == "" {
		shown = os.TempDir() + " (sync.work_dir empty: $TMPDIR or /tmp)"
	}
	if fi, err := os.Stat(dir); dir != "" && err == nil && !fi.IsDir() {
		return "", fmt.Errorf("sync.work_dir: %s is not a directory", dir)
	}
	d, err := workdir.Open(dir)
	if err != nil {
		return "", fmt.Errorf("sync.work_dir: %v", err)
	}
	if err := d.Close(); err != nil {
		return "", fmt.Errorf("sync.work_dir: %v", err)
	}
	return shown + ": a private download directory can be made there", nil
}

func checkDatabase(ctx context.Context, cfg config.Config) (string, error) {
	if cfg.Store.DSN == "" {
		// The daemon may be running on the embedded store: ask its server.
		dsn, running, err := store.RunningEmbeddedDSN(ctx, cfg.Path(cfg.Store.DataDir), cfg.Store.EmbeddedUser, cfg.Store.EmbeddedFallbackDir, "")
		if err != nil {
			return "", err
		}
		if running {
			st, err := store.Open(ctx, dsn, store.Options{MaxConns: 1})
			if err != nil {
				return "", err
			}
			defer st.Close()
			if err := st.Ready(ctx); err != nil {
				return "", err
			}
			return "embedded cluster in " + cfg.Path(cfg.Store.DataDir) + " (running) reachable, schema up to date", nil
		}
	}
	log := newLogger(cfg, os.Stderr).Level(100) // quiet: doctor prints its own lines
	st, err := openStore(ctx, cfg, log, false)
	if err != nil {
		return "", err
	}
	defer st.Close(context.WithoutCancel(ctx))
	if err := st.Ready(ctx); err != nil {
		return "", err
	}
	where := "store.dsn"
	if cfg.Store.DSN == "" {
		where = "embedded cluster in " + cfg.Path(cfg.Store.DataDir)
	}
	return where + " reachable, schema up to date", nil
}

// checkAnchor reads one trust anchor (PEM or DER) and describes it with its SHA-256
// fingerprint, so the operator can compare it with the issuer's published one.
func checkAnchor(path string, now time.Time) (string, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("signing.trust_anchors: %v", err)
	}
	der := raw
	if b, _ := pem.Decode(raw); b != nil {
		der = b.Bytes
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return "", fmt.Errorf("signing.trust_anchors: %s is not a certificate (PEM or DER): %v", path, err)
	}
	sum := sha256.Sum256(cert.Raw)
	fp := strings.ToUpper(hex.EncodeToString(sum[:]))
	if !cert.IsCA {
		return "", fmt.Errorf("signing.trust_anchors: %s (%s) is not a CA certificate", path, cert.Subject.CommonName)
	}
	if now.After(cert.NotAfter) {
		return "", fmt.Errorf("signing.trust_anchors: %s (%s) expired on %s", path, cert.Subject.CommonName, cert.NotAfter.Format("02/01/2006"))
	}
	return fmt.Sprintf("%s: %s, SHA-256 %s, valid until %s", path, cert.Subject.CommonName, fp, cert.NotAfter.In(connectors.Zone).Format("02/01/2006")), nil
}
