package profile

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"slices"
	"sort"
	"strings"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
	"gopkg.in/yaml.v3"
)

//go:embed profiles/*.yaml
var builtinFS embed.FS

// Default is the profile used when configuration names none (cli.md: profile: dong-thap).
const Default = "dong-thap"

// DefaultCutoffHour is the hour of "sau 15 giờ" (001 Đ4.5c, Đ11.2b, Đ14.4), the
// cut-off every seed that sets one uses; a profile may set its own cutoff_hour.
const DefaultCutoffHour = 15

// The internal task states of rules.md §4. rules/status owns the machine; the
// names live here because the vocabulary is keyed by them.
const (
	StateAssigned   = "assigned"
	StateInProgress = "in_progress"
	StateUrged      = "urged"
	StateReported   = "reported"
	StateApproved   = "approved"
	StateRejected   = "rejected"
	StateReturned   = "returned"
	StateCancelled  = "cancelled"
)

// States lists every state a profile must give words for, in machine order.
func States() []string {
	return []string{StateAssigned, StateInProgress, StateUrged, StateReported,
		StateApproved, StateRejected, StateReturned, StateCancelled}
}

// Timeliness values: whether the deciding moment beat the deadline in force.
// Pending means not judged (no deadline, or the task left tracking).
const (
	OnTime  = "on_time"
	Late    = "late"
	Pending = "pending"
)

// Untimed-task policies (rules.md §1).
const (
	UntimedIgnore       = "ignore"        // 001 Đ3.3: not tracked
	UntimedTrack        = "track"         // 003 Đ4: tracked in classes
	UntimedChiefDecides = "chief_decides" // 002 Đ5.1: tracked only when the Chief of Office decides
)

// Limit units.
const (
	UnitWorking  = "working"
	UnitCalendar = "calendar"
)

// Limit bases: where the clock of an obligation starts.
const (
	FromIssued   = "issued"   // the triggering document's issue/arrival time
	FromDeadline = "deadline" // the task's deadline (003 Đ7.2a)
)

// Penalty levels (001 Đ5.2b, c).
const (
	PenaltyNone       = ""
	PenaltyConsidered = "considered" // "xem xét bị trừ điểm thi đua"
	PenaltyApplied    = "applied"    // "bị trừ điểm thi đua"
)

// Profile is one province's settings (rules.md §8). It is data: built-ins are
// embedded YAML, a province overrides or adds one with a YAML file in config.
//
// CutoffHour is the hour after which a document counts from the next working day
// ("sau 15 giờ", 001 Đ4.5c, Đ11.2b, Đ14.4): DefaultCutoffHour unless a profile sets
// cutoff_hour. calendar.AfterCutoff decides the boundary.
type Profile struct {
	Name         string           `yaml:"name"`
	Extends      string           `yaml:"extends,omitempty"`
	Title        string           `yaml:"title"`
	Seed         string           `yaml:"seed"`
	CutoffHour   int              `yaml:"cutoff_hour"`
	UrgentLevels []string         `yaml:"urgent_levels"`
	Untimed      Untimed          `yaml:"untimed"`
	Words        map[string]Words `yaml:"words"`
	Limits       Limits           `yaml:"limits"`
	Penalties    []PenaltyRule    `yaml:"penalties"`
	// ReviewByType sets the Office's review policy (auto, uncertain, all; rules.md
	// §9) for a document type, e.g. "Công điện": all. Default none: review.policy
	// applies to every type.
	ReviewByType map[string]string `yaml:"review_by_document_type,omitempty"`
}

// Untimed says what happens to a task without a deadline.
type Untimed struct {
	Policy  string   `yaml:"policy"`
	Classes []string `yaml:"classes,omitempty"`
	Cite    string   `yaml:"cite"`
}

// Words are the Vietnamese words for one state. OnTime/Late/Pending pick by
// timeliness; Any is the fallback; Inherit means "the words of the state the
// task was in before" (urged in Đồng Tháp). Aliases are other words the seed
// uses for the same state, recognised when read back but never written.
type Words struct {
	OnTime  string   `yaml:"on_time,omitempty"`
	Late    string   `yaml:"late,omitempty"`
	Pending string   `yaml:"pending,omitempty"`
	Any     string   `yaml:"any,omitempty"`
	Inherit bool     `yaml:"inherit,omitempty"`
	Aliases []string `yaml:"aliases,omitempty"`
	Cite    string   `yaml:"cite"`
}

// Limits are the time limits on people (rules.md §5). A nil limit is not measured.
type Limits struct {
	Entry  *Limit `yaml:"entry,omitempty"`
	Update *Limit `yaml:"update,omitempty"`
	Review *Limit `yaml:"review,omitempty"`
}

// Limit is one obligation's time limit.
type Limit struct {
	Days          int    `yaml:"days"`
	Unit          string `yaml:"unit"`
	From          string `yaml:"from"`
	Cutoff        bool   `yaml:"cutoff"`          // after CutoffHour the clock starts the next working day
	UrgentDays    *int   `yaml:"urgent_days"`     // the limit for urgent documents; nil: same as Days
	ManyDays      *int   `yaml:"many_days"`       // the limit when many tasks/units are involved (003 Đ7.1)
	CapAtDeadline bool   `yaml:"cap_at_deadline"` // and never after the task's deadline (002 Đ8.1)
	Cite          string `yaml:"cite"`
}

// PenaltyRule says which (state, timeliness) costs the unit emulation points.
type PenaltyRule struct {
	State      string `yaml:"state"`
	Timeliness string `yaml:"timeliness"`
	Level      string `yaml:"level"`
	Cite       string `yaml:"cite"`
}

// Text returns the words pushed to the portal for a state and timeliness.
// base is the state the task sat in before it was urged (used when the
// state's words inherit); it is ignored otherwise.
func (p *Profile) Text(state, timeliness, base string) string {
	w, ok := p.Words[state]
	if !ok {
		return ""
	}
	if w.Inherit && base != "" && base != state {
		return p.Text(base, timeliness, "")
	}
	switch timeliness {
	case OnTime:
		if w.OnTime != "" {
			return w.OnTime
		}
	case Late:
		if w.Late != "" {
			return w.Late
		}
	case Pending:
		if w.Pending != "" {
			return w.Pending
		}
	}
	if w.Any != "" {
		return w.Any
	}
	// An untimed task in a profile that gave no pending words reads as not late.
	return w.OnTime
}

// Penalty returns the penalty level for a state and timeliness, with its citation.
func (p *Profile) Penalty(state, timeliness string) (level, cite string) {
	for _, r := range p.Penalties {
		if r.State == state && r.Timeliness == timeliness {
			return r.Level, r.Cite
		}
	}
	return PenaltyNone, ""
}

// IsUrgent reports whether an urgency word (độ khẩn) is one of the profile's
// urgent levels; composed/decomposed and upper/lower case match alike.
func (p *Profile) IsUrgent(urgency string) bool {
	u := fold(urgency)
	if u == "" {
		return false
	}
	for _, l := range p.UrgentLevels {
		if fold(l) == u {
			return true
		}
	}
	return false
}

// StateOf maps portal words back to a state (any of the state's words or
// aliases); ok is false for words the profile does not know. Where two states
// share words the first in machine order wins.
func (p *Profile) StateOf(words string) (state string, ok bool) {
	f := fold(words)
	for _, s := range States() {
		w := p.Words[s]
		for _, c := range append([]string{w.OnTime, w.Late, w.Pending, w.Any}, w.Aliases...) {
			if c != "" && fold(c) == f {
				return s, true
			}
		}
	}
	return "", false
}

// TracksUntimed reports whether a task without a deadline is tracked at all;
// chiefApproved says the Chief of Office chose to track it (002 Đ5.1).
func (p *Profile) TracksUntimed(chiefApproved bool) bool {
	switch p.Untimed.Policy {
	case UntimedTrack:
		return true
	case UntimedChiefDecides:
		return chiefApproved
	}
	return false
}

func fold(s string) string {
	return cases.Fold().String(norm.NFC.String(strings.TrimSpace(s)))
}

// Names lists the built-in profiles.
func Names() []string {
	entries, err := builtinFS.ReadDir("profiles")
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range entries {
		out = append(out, strings.TrimSuffix(e.Name(), ".yaml"))
	}
	sort.Strings(out)
	return out
}

// Load returns the profile called name (Default when empty). extraFiles are
// YAML files from configuration, one profile each: a file whose name matches a
// built-in, or that says `extends: <built-in>`, overrides that profile key by
// key; any other adds a new one. Every extra file is parsed strictly (an
// unknown key is an error with its line) and validated, even when it is not
// the profile asked for, so a bad file never waits to fail.
func Load(name string, extraFiles ...string) (*Profile, error) {
	if name == "" {
		name = Default
	}
	raws := map[string][][]byte{} // profile name -> YAML layers, base first
	sources := map[string]string{}
	for _, n := range Names() {
		b, err := builtinFS.ReadFile(path.Join("profiles", n+".yaml"))
		if err != nil {
			return nil, fmt.Errorf("profile: built-in %s: %w", n, err)
		}
		raws[n] = [][]byte{b}
		sources[n] = "built-in " + n + ".yaml"
	}
	type extra struct {
		file string
		data []byte
		head header
	}
	var extras []extra
	for _, f := range extraFiles {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("profile: read %s: %w", f, err)
		}
		h, err := readHeader(b)
		if err != nil {
			return nil, fmt.Errorf("profile: %s: %w", f, err)
		}
		if h.Name == "" {
			return nil, fmt.Errorf("profile: %s: key name: missing", f)
		}
		extras = append(extras, extra{f, b, h})
	}
	for _, e := range extras {
		if base := e.head.Extends; base != "" {
			layers, ok := raws[base]
			if !ok {
				return nil, fmt.Errorf("profile: %s: key extends: unknown profile %q (known: %s)",
					e.file, base, strings.Join(Names(), ", "))
			}
			raws[e.head.Name] = append(slices.Clone(layers), e.data)
		} else {
			// Same name as a built-in: an override on top of it; else a new profile.
			raws[e.head.Name] = append(raws[e.head.Name], e.data)
		}
		sources[e.head.Name] = e.file
	}
	// Validate every extra so a broken file is reported even when unused.
	for _, e := range extras {
		if _, err := build(raws[e.head.Name], e.file); err != nil {
			return nil, err
		}
	}
	layers, ok := raws[name]
	if !ok {
		known := make([]string, 0, len(raws))
		for n := range raws {
			known = append(known, n)
		}
		sort.Strings(known)
		return nil, fmt.Errorf("profile: unknown profile %q (known: %s)", name, strings.Join(known, ", "))
	}
	return build(layers, sources[name])
}

type header struct {
	Name    string `yaml:"name"`
	Extends string `yaml:"extends"`
}

func readHeader(b []byte) (header, error) {
	var h header
	dec := yaml.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&h); err != nil && !errors.Is(err, io.EOF) {
		return h, err
	}
	return h, nil
}

// build decodes the layers in order onto one Profile and validates it. source
// names the file that errors are reported against.
func build(layers [][]byte, source string) (*Profile, error) {
	p := &Profile{}
	for i, l := range layers {
		dec := yaml.NewDecoder(bytes.NewReader(l))
		dec.KnownFields(true)
		var layer Profile
		if err := dec.Decode(&layer); err != nil {
			if errors.Is(err, io.EOF) {
				continue
			}
			return nil, fmt.Errorf("profile: %s: %w", source, err)
		}
		if i == 0 {
			*p = layer
			continue
		}
		merge(p, &layer, l)
	}
	p.normalise()
	if err := p.Validate(); err != nil {
		return nil, fmt.Errorf("profile: %s: %w", source, err)
	}
	return p, nil
}

// merge lays an override on top of p: top-level keys present in raw replace
// p's; words and limits merge per state and per obligation.
func merge(p, o *Profile, raw []byte) {
	var keys map[string]yaml.Node
	_ = yaml.Unmarshal(raw, &keys) // already decoded strictly above
	has := func(k string) bool { _, ok := keys[k]; return ok }
	if has("name") {
		p.Name = o.Name
	}
	p.Extends = ""
	if has("title") {
		p.Title = o.Title
	}
	if has("seed") {
		p.Seed = o.Seed
	}
	if has("cutoff_hour") {
		p.CutoffHour = o.CutoffHour
	}
	if has("urgent_levels") {
		p.UrgentLevels = o.UrgentLevels
	}
	if has("untimed") {
		p.Untimed = o.Untimed
	}
	if has("penalties") {
		p.Penalties = o.Penalties
	}
	if has("review_by_document_type") {
		p.ReviewByType = o.ReviewByType
	}
	if p.Words == nil {
		p.Words = map[string]Words{}
	}
	for s, w := range o.Words {
		p.Words[s] = w
	}
	if o.Limits.Entry != nil {
		p.Limits.Entry = o.Limits.Entry
	}
	if o.Limits.Update != nil {
		p.Limits.Update = o.Limits.Update
	}
	if o.Limits.Review != nil {
		p.Limits.Review = o.Limits.Review
	}
}

// normalise composes every Vietnamese word to NFC (rules.md §6), so the words
// pushed to the portal never depend on how a config file was typed.
func (p *Profile) normalise() {
	if p.CutoffHour == 0 {
		p.CutoffHour = DefaultCutoffHour
	}
	for s, w := range p.Words {
		w.OnTime = norm.NFC.String(strings.TrimSpace(w.OnTime))
		w.Late = norm.NFC.String(strings.TrimSpace(w.Late))
		w.Pending = norm.NFC.String(strings.TrimSpace(w.Pending))
		w.Any = norm.NFC.String(strings.TrimSpace(w.Any))
		for i, a := range w.Aliases {
			w.Aliases[i] = norm.NFC.String(strings.TrimSpace(a))
		}
		p.Words[s] = w
	}
	for i, l := range p.UrgentLevels {
		p.UrgentLevels[i] = norm.NFC.String(strings.TrimSpace(l))
	}
}

// Validate checks that the profile is complete and consistent; the error names
// the key at fault.
func (p *Profile) Validate() error {
	var errs []error
	bad := func(key, format string, args ...any) {
		errs = append(errs, fmt.Errorf("key %s: %s", key, fmt.Sprintf(format, args...)))
	}
	if p.Name == "" {
		bad("name", "missing")
	}
	if p.CutoffHour < 1 || p.CutoffHour > 23 {
		bad("cutoff_hour", "%d is not an hour of the day (1-23)", p.CutoffHour)
	}
	switch p.Untimed.Policy {
	case UntimedIgnore, UntimedTrack, UntimedChiefDecides:
	case "":
		bad("untimed.policy", "missing (one of ignore, track, chief_decides)")
	default:
		bad("untimed.policy", "%q is not one of ignore, track, chief_decides", p.Untimed.Policy)
	}
	known := map[string]bool{}
	for _, s := range States() {
		known[s] = true
		w, ok := p.Words[s]
		key := "words." + s
		switch {
		case !ok:
			bad(key, "missing: every state needs words")
		case w.Inherit:
			if s != StateUrged {
				bad(key+".inherit", "only urged may inherit the words of the state before it")
			}
		case w.Any == "" && (w.OnTime == "" || w.Late == ""):
			bad(key, "needs any, or both on_time and late")
		}
		if ok && p.Untimed.Policy != UntimedIgnore && !w.Inherit && w.Any == "" && w.Pending == "" {
			bad(key+".pending", "missing: this profile tracks tasks without a deadline")
		}
	}
	for s := range p.Words {
		if !known[s] {
			bad("words."+s, "unknown state (states: %s)", strings.Join(States(), ", "))
		}
	}
	for _, l := range []struct {
		key string
		l   *Limit
	}{{"limits.entry", p.Limits.Entry}, {"limits.update", p.Limits.Update}, {"limits.review", p.Limits.Review}} {
		if l.l == nil {
			continue
		}
		if l.l.Days < 0 {
			bad(l.key+".days", "negative")
		}
		if l.l.UrgentDays != nil && *l.l.UrgentDays < 0 {
			bad(l.key+".urgent_days", "negative")
		}
		if l.l.ManyDays != nil && *l.l.ManyDays < 0 {
			bad(l.key+".many_days", "negative")
		}
		if l.l.Unit != UnitWorking && l.l.Unit != UnitCalendar {
			bad(l.key+".unit", "%q is not working or calendar", l.l.Unit)
		}
		if l.l.From != FromIssued && l.l.From != FromDeadline {
			bad(l.key+".from", "%q is not issued or deadline", l.l.From)
		}
	}
	for i, r := range p.Penalties {
		key := fmt.Sprintf("penalties[%d]", i)
		if !known[r.State] {
			bad(key+".state", "unknown state %q", r.State)
		}
		if r.Timeliness != OnTime && r.Timeliness != Late && r.Timeliness != Pending {
			bad(key+".timeliness", "%q is not on_time, late or pending", r.Timeliness)
		}
		if r.Level != PenaltyConsidered && r.Level != PenaltyApplied {
			bad(key+".level", "%q is not considered or applied", r.Level)
		}
	}
	return errors.Join(errs...)
}
