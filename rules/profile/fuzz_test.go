package profile

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzLoad feeds arbitrary bytes as a province's profile file: Load must
// never panic, and whatever it accepts must be complete.
func FuzzLoad(f *testing.F) {
	for _, n := range Names() {
		b, err := builtinFS.ReadFile("profiles/" + n + ".yaml")
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("name: x\nextends: dong-thap\ncutoff_hour: 16\n"))
	f.Add([]byte("name: x\nextends: kien-giang\nwords:\n  urged:\n    inherit: true\n    cite: c\n"))
	f.Add([]byte("name: dong-thap\nwords: {reported: {any: Chờ}}\n"))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		file := filepath.Join(dir, "p.yaml")
		if err := os.WriteFile(file, data, 0o600); err != nil {
			t.Skip()
		}
		h, _ := readHeader(data)
		name := h.Name
		if name == "" {
			name = Default
		}
		p, err := Load(name, file)
		if err != nil {
			return
		}
		for _, s := range States() {
			base := ""
			if p.Words[s].Inherit {
				base = StateInProgress
			}
			for _, tl := range []string{OnTime, Late} {
				if p.Text(s, tl, base) == "" {
					t.Fatalf("accepted profile %q has no words for %s/%s", p.Name, s, tl)
				}
			}
		}
	})
}
