package extract_test

import (
	"strings"
	"testing"

	"cddh-sync/connectors/portalsim"
	"cddh-sync/rules/extract"
	"cddh-sync/rules/units"
)

// TestDemoLeads extracts every directive the portal simulator generates (the
// demo's data) and checks what the dashboard would list: no lead is a fragment
// of a sentence, and each collective appears under one name (issue 14).
func TestDemoLeads(t *testing.T) {
	sim, err := portalsim.New(portalsim.Options{Seed: 14, Documents: 600, Clock: portalsim.DefaultAnchor})
	if err != nil {
		t.Fatal(err)
	}
	// the directory with the generator's aliases, and as the simulator's get_all
	// serves it (and a real portal): without aliases
	for _, file := range []string{"units-dong-thap.json", "units-dong-thap-noalias.json"} {
		t.Run(file, func(t *testing.T) { demoLeads(t, sim, "../units/testdata/"+file) })
	}
}

func demoLeads(t *testing.T, sim *portalsim.Sim, file string) {
	dir, err := units.Load(file)
	if err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{}
	for _, u := range dir.Units() {
		known[u.Name] = true
	}
	collectiveNames := map[string]map[string]bool{} // normalised → spellings seen
	directives, tasks := 0, 0
	for _, id := range sim.DocumentIDs() {
		d, _ := sim.Document(id)
		if !d.Directive || d.Body == "" {
			continue
		}
		directives++
		res, err := extract.Extract(d.Body, extract.Options{Issued: d.IssuedAt, Units: dir})
		if err != nil {
			t.Fatalf("document %d: %v", id, err)
		}
		for _, task := range res.Tasks {
			tasks++
			name := task.Lead.Name
			if name == "" {
				t.Errorf("document %d: a task without a lead: %.120s", id, task.Content)
				continue
			}
			r := []rune(name)
			if len(strings.Fields(name)) > 12 || strings.ToLower(string(r[0])) == string(r[0]) && !strings.HasPrefix(name, "các") {
				t.Errorf("document %d: lead %q is a fragment", id, name)
			}
			if task.Lead.Code == "" && !known[name] {
				k := units.Normalize(name)
				if collectiveNames[k] == nil {
					collectiveNames[k] = map[string]bool{}
				}
				collectiveNames[k][name] = true
			}
		}
	}
	for k, spellings := range collectiveNames {
		if len(spellings) > 1 {
			t.Errorf("one group under several names (%s): %v", k, spellings)
		}
	}
	if directives < 50 || tasks < directives {
		t.Fatalf("%d directives, %d tasks: the simulator's corpus was not read", directives, tasks)
	}
	t.Logf("%d directives, %d tasks; leads unknown to the directory: %v", directives, tasks, collectiveNames)
}
