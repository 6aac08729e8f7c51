package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"cddh-sync/connectors"
	"cddh-sync/sync/store"
	"cddh-sync/sync/tracking"
)

// cmdCorpus: `corpus export --config F [--since DATE] --out DIR` writes the
// directives the Office reviewed as a labelled corpus (cli.md Additions), the
// schema of the extraction's development corpus: NNN.txt and NNN.json per
// directive, NNN its portal id.
func cmdCorpus(ctx context.Context, e env, args []string) error {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		fs := newFlagSet(e.stderr, "corpus", "export --config F [--since DATE] --out DIR")
		if _, err := parseFlags(fs, args); err != nil {
			return err
		}
		return usageErrorf("want a subcommand: export")
	}
	if args[0] != "export" {
		return usageErrorf("unknown subcommand %q: want export", args[0])
	}
	fs := newFlagSet(e.stderr, "corpus export", "--config F [--since DATE] --out DIR")
	cfgPath := fs.String("config", "", "configuration file (YAML)")
	since := fs.String("since", "", "only directives reviewed on or after this date (YYYY-MM-DD or dd/MM/yyyy)")
	out := fs.String("out", "", "directory to write NNN.txt and NNN.json into (must not exist or be empty)")
	if _, err := parseFlags(fs, args[1:]); err != nil {
		return err
	}
	if *out == "" {
		return usageErrorf("--out DIR is required")
	}
	var from time.Time
	if *since != "" {
		var err error
		if from, err = time.ParseInLocation("2006-01-02", *since, connectors.Zone); err != nil {
			if from, err = time.ParseInLocation("02/01/2006", *since, connectors.Zone); err != nil {
				return usageErrorf("--since %q is not a date (YYYY-MM-DD or dd/MM/yyyy)", *since)
			}
		}
	}
	if entries, err := os.ReadDir(*out); err == nil && len(entries) > 0 {
		return usageErrorf("--out %s is not empty; export into a new directory", *out)
	}
	tr, err := storedTasks(ctx, e, *cfgPath, store.TaskFilter{Limit: 1})
	if err != nil {
		return err
	}
	defer tr.close()
	ids, err := tr.st.ReviewedDirectives(ctx, from)
	if err != nil {
		return runtimeErrorf("%w", err)
	}
	if err := os.MkdirAll(*out, 0o750); err != nil {
		return runtimeErrorf("--out %s: %w", *out, err)
	}
	texts, err := tr.st.DirectiveTexts(ctx, ids)
	if err != nil {
		return runtimeErrorf("%w", err)
	}
	safe := regexp.MustCompile(`^[0-9A-Za-z_-]+$`)
	tasks := 0
	for _, id := range ids {
		d, ok := texts[id]
		if !ok || !safe.MatchString(id) {
			continue
		}
		views, err := tr.st.ListTasks(ctx, store.TaskFilter{DocumentPortalIDs: []string{id}})
		if err != nil {
			return runtimeErrorf("%w", err)
		}
		label := tracking.LabelOf(d, tr.rules.Profile.Name, views)
		raw, err := json.MarshalIndent(label, "", "  ")
		if err != nil {
			return runtimeErrorf("%w", err)
		}
		if err := os.WriteFile(filepath.Join(*out, id+".txt"), []byte(tracking.CorpusText(d.Text)), 0o640); err != nil {
			return runtimeErrorf("%w", err)
		}
		if err := os.WriteFile(filepath.Join(*out, id+".json"), append(raw, '\n'), 0o640); err != nil {
			return runtimeErrorf("%w", err)
		}
		tasks += len(label.Tasks)
	}
	fmt.Fprintf(e.stdout, "wrote %d reviewed directive(s), %d labelled task(s) to %s\n", len(ids), tasks, *out)
	return nil
}
