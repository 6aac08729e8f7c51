package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/rs/zerolog"

	"cddh-sync/connectors"
	"cddh-sync/sync/report"
	"cddh-sync/sync/store"
)

func cmdReport(ctx context.Context, e env, args []string) error {
	fs := newFlagSet(e.stderr, "report", "--config F --period P [--format csv|xlsx|json] [--out FILE]")
	cfgPath := fs.String("config", "", "configuration file (YAML)")
	periodFlag := fs.String("period", "", "2026-03, 2026-Q1, 2026-H1 or 2026")
	format := fs.String("format", "json", "output format: csv, xlsx or json")
	out := fs.String("out", "", "output file (default: stdout)")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if *periodFlag == "" {
		return usageErrorf("--period is required (2026-03, 2026-Q1, 2026-H1 or 2026)")
	}
	period, err := report.ParsePeriod(*periodFlag)
	if err != nil {
		return usageErrorf("%w", err)
	}
	switch *format {
	case "csv", "xlsx", "json":
	default:
		return usageErrorf("--format %q: want csv, xlsx or json", *format)
	}
	if *format == "xlsx" && *out == "" {
		if f, ok := e.stdout.(*os.File); ok && isTerminal(f) {
			return usageErrorf("--format xlsx writes a binary file: give --out FILE")
		}
	}
	cfg, err := loadConfig(*cfgPath)
	if err != nil {
		return err
	}
	rules, err := newRuleSet(cfg)
	if err != nil {
		return err
	}
	st, err := openStore(ctx, cfg, newLogger(cfg, e.stderr).Level(zerolog.Disabled), true)
	if err != nil {
		return err
	}
	defer func() { _ = st.Close(context.WithoutCancel(ctx)) }()
	rep, err := report.Load(ctx, st.Store, period, rules.ReportClass, time.Now().In(connectors.Zone), func(done, total int) {
		fmt.Fprintf(e.stderr, "  classified %d/%d\n", done, total)
	})
	if err != nil {
		return runtimeErrorf("%w", err)
	}
	fmt.Fprintf(e.stderr, "report %s: %d task(s) due in the period\n", period.Name, rep.Total.Assigned)
	var buf bytes.Buffer
	switch *format {
	case "csv":
		err = report.WriteCSV(&buf, rep, rules.Labels())
	case "xlsx":
		err = report.WriteXLSX(&buf, rep, rules.Labels())
	default:
		err = report.WriteJSON(&buf, rep)
	}
	if err != nil {
		return runtimeErrorf("writing the report: %w", err)
	}
	var w io.Writer = e.stdout
	if *out != "" {
		if err := os.WriteFile(*out, buf.Bytes(), 0o640); err != nil {
			return usageErrorf("--out %s: %v", *out, err)
		}
		fmt.Fprintf(e.stderr, "wrote %s (%d bytes)\n", *out, buf.Len())
		return nil
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// dashboardReport is the dashboard's report: the same numbers as the command's.
func (r *ruleSet) dashboardReport(st *store.Store) func(ctx context.Context, p report.Period) (report.Report, report.Labels, error) {
	return func(ctx context.Context, p report.Period) (report.Report, report.Labels, error) {
		rep, err := report.Load(ctx, st, p, r.ReportClass, time.Now().In(connectors.Zone), nil)
		return rep, r.Labels(), err
	}
}
