package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"cddh-sync/connectors"
	"cddh-sync/connectors/portalsim"
	"cddh-sync/rules/calendar"
	"cddh-sync/rules/profile"
	"cddh-sync/sync/engine"
	"cddh-sync/sync/store"
	"cddh-sync/sync/store/storetest"
	"cddh-sync/sync/tracking"
)

// TestCorpusExport: with review.policy all every task waits; the Office confirms,
// corrects and rejects some; `corpus export` writes those directives in the
// corpus schema (quotes found in the text, rejected sentences as non-tasks with
// the reason) and `tasks --format json` shows each review with who and when.
func TestCorpusExport(t *testing.T) {
	sim, url := startSim(t, portalsim.Options{Seed: 5, Documents: 20})
	user, pass := sim.Credentials()
	dsn := storetest.NewDatabase(t)
	env := map[string]string{"CDDH_PORTAL_BASE_URL": url, "CDDH_PORTAL_USERNAME": user, "CDDH_PORTAL_PASSWORD": pass,
		"CDDH_STORE_DSN": dsn, "CDDH_PORTAL_RATE_LIMIT": "100", "CDDH_SIGNING_OFFLINE": "true", "CDDH_LOG_FORMAT": "json",
		"CDDH_REVIEW_POLICY": "all"}
	if code, out, errs := runCLI(t, env, "sync", "--once"); code != exitOK {
		t.Fatalf("sync --once: exit %d\n%s\n%s", code, out, errs)
	}
	if n := len(sim.Tasks()); n != 0 {
		t.Fatalf("review.policy all pushed %d task records", n)
	}
	ctx := context.Background()
	st, err := store.Open(ctx, dsn, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	p, err := profile.Load("dong-thap")
	if err != nil {
		t.Fatal(err)
	}
	tr, err := tracking.New(p, calendar.Default(), nil)
	if err != nil {
		t.Fatal(err)
	}
	eng, err := engine.New(nil, st, engine.Rules{Decider: tr, Files: fileChecks{&ruleSet{Rules: tr}}}, engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	held, err := st.ListTasks(ctx, store.TaskFilter{ReviewState: "held"})
	if err != nil || len(held) < 3 {
		t.Fatalf("%d held tasks (%v), want at least 3", len(held), err)
	}
	// Three tasks of the first directive that has three.
	byDoc := map[string][]store.TaskView{}
	var doc string
	for _, h := range held {
		byDoc[h.DocumentPortalID] = append(byDoc[h.DocumentPortalID], h)
		if len(byDoc[h.DocumentPortalID]) == 3 && doc == "" {
			doc = h.DocumentPortalID
		}
	}
	if doc == "" {
		t.Fatal("no directive with three held tasks")
	}
	ts := byDoc[doc]
	if err := eng.Confirm(ctx, ts[0].ID, "chuyenvien"); err != nil {
		t.Fatal(err)
	}
	due := time.Date(2026, 12, 31, 0, 0, 0, 0, connectors.Zone)
	// The content is corrected too: the label's quote stays the directive's sentence.
	if err := eng.Correct(ctx, ts[1].ID, "chuyenvien", tracking.Correction{Deadline: &due, Content: "Nội dung do Văn phòng viết lại"}); err != nil {
		t.Fatal(err)
	}
	if err := eng.Reject(ctx, ts[2].ID, "chuyenvien", "không phải nhiệm vụ"); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "corpus")
	code, stdout, errs := runCLI(t, env, "corpus", "export", "--since", time.Now().In(connectors.Zone).Format("2006-01-02"), "--out", out)
	if code != exitOK || !strings.Contains(stdout, "wrote 1 reviewed directive(s)") {
		t.Fatalf("corpus export: exit %d %s %s", code, stdout, errs)
	}
	text, err := os.ReadFile(filepath.Join(out, doc+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join(out, doc+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var label tracking.CorpusLabel
	if err := json.Unmarshal(raw, &label); err != nil {
		t.Fatal(err)
	}
	flat := strings.Join(strings.Fields(string(text)), " ")
	reviewed := 0
	for _, task := range label.Tasks {
		if task.Optional {
			continue
		}
		reviewed++
		if !strings.Contains(flat, task.Quote) {
			t.Errorf("quote not in the text: %q", task.Quote)
		}
		if task.Quote == strings.Join(strings.Fields(ts[1].Content), " ") && (task.Deadline == nil || task.Deadline.Nominal != "2026-12-31") {
			t.Errorf("the corrected deadline is not in the label: %+v", task.Deadline)
		}
	}
	if reviewed != 2 || len(label.NonTasks) != 1 || label.NonTasks[0].Why != "không phải nhiệm vụ" {
		t.Fatalf("label: %d reviewed tasks, non-tasks %+v\n%s", reviewed, label.NonTasks, raw)
	}
	if label.Document.Type == "" || label.ID != doc {
		t.Errorf("label header %+v", label.Document)
	}
	// --since after the reviews: nothing.
	code, stdout, _ = runCLI(t, env, "corpus", "export", "--since", time.Now().AddDate(0, 0, 2).Format("2006-01-02"), "--out", filepath.Join(t.TempDir(), "none"))
	if code != exitOK || !strings.Contains(stdout, "wrote 0 reviewed directive(s)") {
		t.Fatalf("corpus export --since later: %d %s", code, stdout)
	}
	if code, _, errs := runCLI(t, env, "corpus", "export", "--since", "yesterday", "--out", out+"2"); code != exitUsage || !strings.Contains(errs, "--since") {
		t.Errorf("a bad --since: exit %d %s", code, errs)
	}
	// tasks --format json: the review with who and when, and in the history.
	code, stdout, errs = runCLI(t, env, "tasks", "--format", "json")
	if code != exitOK {
		t.Fatalf("tasks: %d %s", code, errs)
	}
	var tasks []struct {
		ID     string `json:"id"`
		Review struct {
			State string     `json:"state"`
			By    string     `json:"by"`
			At    *time.Time `json:"at"`
		} `json:"review"`
		History []struct{ Event, By string } `json:"history"`
	}
	if err := json.Unmarshal([]byte(stdout), &tasks); err != nil {
		t.Fatal(err)
	}
	states := map[string]int{}
	for _, tk := range tasks {
		states[tk.Review.State]++
		if tk.ID == ts[0].Key {
			if tk.Review.State != "confirmed" || tk.Review.By != "chuyenvien" || tk.Review.At == nil {
				t.Errorf("confirmed task's review: %+v", tk.Review)
			}
			found := false
			for _, h := range tk.History {
				found = found || (h.Event == "review_confirmed" && h.By == "chuyenvien")
			}
			if !found {
				t.Errorf("the confirmation is not in the history: %+v", tk.History)
			}
		}
	}
	if states["confirmed"] != 1 || states["corrected"] != 1 || states["rejected"] != 1 || states["held"] == 0 {
		t.Errorf("review states in tasks JSON: %v", states)
	}
}
