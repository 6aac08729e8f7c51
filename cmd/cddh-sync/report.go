package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"time"

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
	from, to := period.From, period.To
	tr, err := storedTasks(ctx, e, *cfgPath, store.TaskFilter{DueFrom: &from, DueTo: &to})
	if err != nil {
		return err
	}
	defer tr.close()
	rules, views, hist := tr.rules, tr.views, tr.hist
	fmt.Fprintf(e.stderr, "report %s: %d task(s) due in the period\n", period.Name, len(views))
	now := time.Now().In(connectors.Zone)
	done := 0
	classify := func(t store.TaskView, now time.Time) report.Classification {
		done++
		if done%1000 == 0 {
			fmt.Fprintf(e.stderr, "  classified %d/%d\n", done, len(views))
		}
		return rules.reportClass(t, hist[t.ID], now)
	}
	rep, err := rules.assemble(ctx, tr.st, period, views, classify, now)
	if err != nil {
		return runtimeErrorf("%w", err)
	}
	var buf bytes.Buffer
	switch *format {
	case "csv":
		err = report.WriteCSV(&buf, rep, rules.labels())
	case "xlsx":
		err = report.WriteXLSX(&buf, rep, rules.labels())
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

// assemble builds the report from the period's tasks and adds the reports the
// matcher could not place.
func (r *ruleSet) assemble(ctx context.Context, st *store.Store, p report.Period, views []store.TaskView,
	classify report.Classifier, now time.Time) (report.Report, error) {
	rep := report.Build(p, views, classify, now)
	var err error
	rep.Unlinked, err = st.UnlinkedReports(ctx, &p.From, &p.To)
	return rep, err
}

// dashboardReport is the dashboard's report: the same numbers as the command's.
func (r *ruleSet) dashboardReport(st *store.Store) func(ctx context.Context, p report.Period) (report.Report, report.Labels, error) {
	return func(ctx context.Context, p report.Period) (report.Report, report.Labels, error) {
		views, err := st.ListTasks(ctx, store.TaskFilter{DueFrom: &p.From, DueTo: &p.To})
		if err != nil {
			return report.Report{}, report.Labels{}, err
		}
		ids := make([]int64, len(views))
		for i, v := range views {
			ids[i] = v.ID
		}
		hist, err := st.EventsOf(ctx, ids)
		if err != nil {
			return report.Report{}, report.Labels{}, err
		}
		classify := func(t store.TaskView, now time.Time) report.Classification { return r.reportClass(t, hist[t.ID], now) }
		rep, err := r.assemble(ctx, st, p, views, classify, time.Now().In(connectors.Zone))
		return rep, r.labels(), err
	}
}
