package profile

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestBuiltinsLoadAndCoverEveryState(t *testing.T) {
	t.Parallel()
	want := []string{"ba-ria-vung-tau", "dong-nai", "dong-thap", "kien-giang"}
	if got := Names(); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("Names() = %v, want %v", got, want)
	}
	for _, n := range want {
		p, err := Load(n)
		if err != nil {
			t.Fatalf("Load(%q): %v", n, err)
		}
		if p.Name != n {
			t.Errorf("Load(%q).Name = %q", n, p.Name)
		}
		if p.Seed == "" || p.Untimed.Cite == "" {
			t.Errorf("%s: seed %q / untimed cite %q must cite the seed", n, p.Seed, p.Untimed.Cite)
		}
		for _, s := range States() {
			w := p.Words[s]
			if w.Cite == "" {
				t.Errorf("%s: words.%s has no cite", n, s)
			}
			for _, tl := range []string{OnTime, Late} {
				base := ""
				if w.Inherit {
					base = StateAssigned
				}
				if p.Text(s, tl, base) == "" {
					t.Errorf("%s: no words for %s/%s", n, s, tl)
				}
			}
		}
	}
}

func TestDefault(t *testing.T) {
	t.Parallel()
	p, err := Load("")
	if err != nil {
		t.Fatal(err)
	}
	if p.Name != "dong-thap" || p.CutoffHour != 15 || p.Untimed.Policy != UntimedIgnore {
		t.Fatalf("default profile = %s cutoff %d untimed %s", p.Name, p.CutoffHour, p.Untimed.Policy)
	}
}

// The words of rules.md §4 and the seeds, written out so a changed YAML fails here.
func TestText(t *testing.T) {
	t.Parallel()
	tests := []struct {
		profile, state, timeliness, base, want string
	}{
		{"dong-thap", StateAssigned, OnTime, "", "Chưa thực hiện trong hạn"},
		{"dong-thap", StateAssigned, Late, "", "Chưa thực hiện quá hạn"},
		{"dong-thap", StateInProgress, OnTime, "", "Đang thực hiện trong hạn"},
		{"dong-thap", StateInProgress, Late, "", "Đang thực hiện quá hạn"},
		{"dong-thap", StateUrged, Late, StateAssigned, "Chưa thực hiện quá hạn"},
		{"dong-thap", StateUrged, OnTime, StateRejected, "Đang thực hiện trong hạn"},
		{"dong-thap", StateReported, Late, "", "Chờ xác nhận"},
		{"dong-thap", StateApproved, OnTime, "", "Đã hoàn thành trong hạn"},
		{"dong-thap", StateApproved, Late, "", "Đã hoàn thành quá hạn"},
		{"dong-thap", StateRejected, OnTime, "", "Đang thực hiện trong hạn"},
		{"dong-thap", StateRejected, Late, "", "Đang thực hiện quá hạn"},
		{"dong-thap", StateReturned, Pending, "", "Trả lại"},
		{"dong-thap", StateCancelled, Pending, "", "Đã hủy"},
		{"dong-nai", StateAssigned, OnTime, "", "Chưa thực hiện"},
		{"dong-nai", StateAssigned, Late, "", "Chưa thực hiện quá hạn"},
		{"dong-nai", StateInProgress, Late, "", "Đang thực hiện"},
		{"dong-nai", StateUrged, Late, StateAssigned, "Yêu cầu thực hiện"},
		{"dong-nai", StateReported, OnTime, "", "Chờ phê duyệt"},
		{"dong-nai", StateApproved, Late, "", "Hoàn thành"},
		{"dong-nai", StateRejected, OnTime, "", "Từ chối"},
		{"ba-ria-vung-tau", StateApproved, Late, "", "Hoàn thành quá hạn"},
		{"ba-ria-vung-tau", StateReturned, Pending, "", "Chuyển lại Văn phòng"},
		{"ba-ria-vung-tau", StateAssigned, Pending, "", "Chưa thực hiện"},
		{"kien-giang", StateAssigned, Pending, "", "Chưa thực hiện"},
		{"kien-giang", StateAssigned, Late, "", "Chưa thực hiện quá hạn"},
		{"kien-giang", StateReported, OnTime, "", "Đã thực hiện"},
		{"kien-giang", "no_such_state", OnTime, "", ""},
	}
	for _, tt := range tests {
		p, err := Load(tt.profile)
		if err != nil {
			t.Fatal(err)
		}
		if got := p.Text(tt.state, tt.timeliness, tt.base); got != tt.want {
			t.Errorf("%s.Text(%s, %s, %s) = %q, want %q", tt.profile, tt.state, tt.timeliness, tt.base, got, tt.want)
		}
		if !norm.NFC.IsNormalString(p.Text(tt.state, tt.timeliness, tt.base)) {
			t.Errorf("%s: words for %s not NFC", tt.profile, tt.state)
		}
	}
}

func TestPenalty(t *testing.T) {
	t.Parallel()
	p, err := Load("dong-thap")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ state, timeliness, want string }{
		{StateApproved, Late, PenaltyConsidered},
		{StateRejected, Late, PenaltyApplied},
		{StateApproved, OnTime, PenaltyNone},
		{StateRejected, OnTime, PenaltyNone},
		{StateInProgress, Late, PenaltyNone},
	}
	for _, tt := range tests {
		if got, cite := p.Penalty(tt.state, tt.timeliness); got != tt.want || (got != "" && !strings.HasPrefix(cite, "001")) {
			t.Errorf("Penalty(%s,%s) = %q (%s), want %q", tt.state, tt.timeliness, got, cite, tt.want)
		}
	}
}

func TestIsUrgentAndStateOf(t *testing.T) {
	t.Parallel()
	p, err := Load("dong-nai")
	if err != nil {
		t.Fatal(err)
	}
	decomposed := norm.NFD.String("HỎA TỐC")
	for _, u := range []string{"Hỏa tốc", decomposed, " khẩn ", "THƯỢNG KHẨN"} {
		if !p.IsUrgent(u) {
			t.Errorf("IsUrgent(%q) = false", u)
		}
	}
	for _, u := range []string{"", "Thường", "Mật"} {
		if p.IsUrgent(u) {
			t.Errorf("IsUrgent(%q) = true", u)
		}
	}
	for words, want := range map[string]string{
		"Đã thực hiện":                   StateReported, // an alias
		norm.NFD.String("chờ phê duyệt"): StateReported,
		"Yêu cầu thực hiện":              StateUrged,
		"Chưa thực hiện quá hạn":         StateAssigned,
	} {
		if got, ok := p.StateOf(words); !ok || got != want {
			t.Errorf("StateOf(%q) = %q, %v; want %q", words, got, ok, want)
		}
	}
	if _, ok := p.StateOf("Không biết"); ok {
		t.Error("StateOf(unknown) = ok")
	}
}

func TestTracksUntimed(t *testing.T) {
	t.Parallel()
	tests := []struct {
		profile     string
		chief, want bool
	}{
		{"dong-thap", true, false},  // 001 Đ3.3
		{"kien-giang", false, true}, // 003 Đ4
		{"ba-ria-vung-tau", false, false},
		{"ba-ria-vung-tau", true, true}, // 002 Đ5.1
	}
	for _, tt := range tests {
		p, err := Load(tt.profile)
		if err != nil {
			t.Fatal(err)
		}
		if got := p.TracksUntimed(tt.chief); got != tt.want {
			t.Errorf("%s.TracksUntimed(%v) = %v", tt.profile, tt.chief, got)
		}
	}
}

func write(t *testing.T, name, body string) string {
	t.Helper()
	f := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(f, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return f
}

func TestLoadExtraFiles(t *testing.T) {
	t.Parallel()
	// A province of its own, built on Đồng Tháp, with one word and the cut-off changed.
	extends := write(t, "an-giang.yaml", `
name: an-giang
extends: dong-thap
title: "An Giang"
cutoff_hour: 16
words:
  reported:
    any: "Chờ duyệt kết quả"
    cite: "config"
`)
	p, err := Load("an-giang", extends)
	if err != nil {
		t.Fatal(err)
	}
	if p.CutoffHour != 16 || p.Text(StateReported, OnTime, "") != "Chờ duyệt kết quả" ||
		p.Text(StateApproved, Late, "") != "Đã hoàn thành quá hạn" || p.Limits.Entry == nil {
		t.Fatalf("extended profile = %+v", p)
	}
	// The built-in stays as shipped when another profile is asked for.
	dt, err := Load("dong-thap", extends)
	if err != nil || dt.CutoffHour != 15 || dt.Text(StateReported, OnTime, "") != "Chờ xác nhận" {
		t.Fatalf("dong-thap with an unrelated extra = %+v, %v", dt, err)
	}
	// Overriding a built-in by its own name.
	override := write(t, "dt.yaml", "name: dong-thap\nwords:\n  cancelled:\n    any: \"Đã thu hồi\"\n    cite: config\n")
	dt, err = Load("dong-thap", override)
	if err != nil || dt.Text(StateCancelled, Pending, "") != "Đã thu hồi" || dt.Text(StateAssigned, Late, "") != "Chưa thực hiện quá hạn" {
		t.Fatalf("override = %+v, %v", dt, err)
	}
}

func TestLoadErrors(t *testing.T) {
	t.Parallel()
	full, err := os.ReadFile("profiles/dong-thap.yaml")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, body string
		want       []string // all must appear in the error
	}{
		{"unknown-key.yaml", "name: x\nextends: dong-thap\ncolour: red\n", []string{"unknown-key.yaml", "line 3", "colour"}},
		{"nested-unknown.yaml", "name: x\nextends: dong-thap\nwords:\n  reported:\n    anyy: \"a\"\n", []string{"nested-unknown.yaml", "line 5", "anyy"}},
		{"missing-state.yaml", strings.Replace(strings.Replace(string(full), "name: dong-thap", "name: y", 1),
			"  returned:\n    any: \"Trả lại\"\n    cite: \"rules.md §4\"\n", "", 1), []string{"missing-state.yaml", "words.returned"}},
		{"bad-state.yaml", "name: x\nextends: dong-thap\nwords:\n  finished:\n    any: \"a\"\n", []string{"bad-state.yaml", "words.finished"}},
		{"half-words.yaml", "name: x\nextends: dong-thap\nwords:\n  approved:\n    on_time: \"a\"\n", []string{"half-words.yaml", "words.approved"}},
		{"bad-cutoff.yaml", "name: x\nextends: dong-thap\ncutoff_hour: 25\n", []string{"bad-cutoff.yaml", "cutoff_hour"}},
		{"bad-policy.yaml", "name: x\nextends: dong-thap\nuntimed:\n  policy: sometimes\n", []string{"untimed.policy"}},
		{"untimed-words.yaml", "name: x\nextends: dong-thap\nuntimed:\n  policy: track\n", []string{"words.assigned.pending"}},
		{"bad-unit.yaml", "name: x\nextends: dong-thap\nlimits:\n  entry:\n    days: 1\n    unit: weeks\n    from: issued\n", []string{"limits.entry.unit"}},
		{"bad-penalty.yaml", "name: x\nextends: dong-thap\npenalties:\n  - state: approved\n    timeliness: soon\n    level: applied\n", []string{"penalties[0].timeliness"}},
		{"no-name.yaml", "title: x\n", []string{"no-name.yaml", "name"}},
		{"bad-extends.yaml", "name: x\nextends: ha-noi\n", []string{"bad-extends.yaml", "extends", "ha-noi"}},
		{"not-yaml.yaml", "name: [x\n", []string{"not-yaml.yaml"}},
	}
	for _, tt := range tests {
		f := write(t, tt.name, tt.body)
		// The broken file fails the load even when another profile is asked for.
		_, err := Load("dong-thap", f)
		if err == nil {
			t.Errorf("%s: no error", tt.name)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: error %q does not mention %q", tt.name, err, w)
			}
		}
	}
	if _, err := Load("ha-noi"); err == nil || !strings.Contains(err.Error(), "ha-noi") {
		t.Errorf("unknown profile: %v", err)
	}
	if _, err := Load("dong-thap", filepath.Join(t.TempDir(), "absent.yaml")); err == nil || !strings.Contains(err.Error(), "absent.yaml") {
		t.Errorf("missing file: %v", err)
	}
}

// Loading is cheap enough to do per CLI call; guard it.
func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Load("kien-giang"); err != nil {
			b.Fatal(err)
		}
	}
}
