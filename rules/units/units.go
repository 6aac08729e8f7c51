package units

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"cddh-sync/internal/nfc"
)

// Unit is one entry of the portal's unit directory (get_all shape).
type Unit struct {
	Code    string   `json:"maDinhDanh"`
	Name    string   `json:"ten"`
	Abbr    string   `json:"tenVietTat"`
	Parent  *string  `json:"maCha"`
	Kind    string   `json:"loai"`
	Aliases []string `json:"aliases,omitempty"`
}

// Mention is a unit name found in a text.
type Mention struct {
	Start, End int    // byte span in the text
	Written    string // the name as written
	Unit       *Unit  // the resolved unit (the directory's own: callers must not modify it); nil when the directory does not know it
	Collective bool   // a group such as "các sở, ban, ngành"
	Group      string // a collective's one canonical name ("UBND các xã, phường")
	Members    []Unit // the group's members known to the directory (shared, read-only)
	Generic    bool   // matched only by the generic-name grammar (unknown unit)
}

// Code is the unit's code, "" when unknown.
func (m Mention) Code() string {
	if m.Unit == nil {
		return ""
	}
	return m.Unit.Code
}

// Name is the directory's canonical name, or the name as written.
func (m Mention) Name() string {
	if m.Unit == nil {
		return m.Written
	}
	return m.Unit.Name
}

//go:embed renames.json
var renamesJSON []byte

type renameFile struct {
	Renames []struct{ Old, New string } `json:"renames"`
}

type node struct {
	// capsFrom, capsTo: the words [capsFrom, capsTo) of the path to this node
	// are an abbreviation ("THUE", "Sở NN&MT") and match only in capitals;
	// capsTo 0: none.
	capsFrom, capsTo int8
	// capHead: the name's first word matches only with a capital ("Bộ Xây
	// dựng"; "cơ quan ngang bộ xây dựng kế hoạch" names no ministry)
	capHead bool
	// spell: how the names leading here spell this word (spelling.go); 0 not
	// known, spellAny when they differ
	spell spell
	next  map[string]*node
	unit  int    // index into units, -1 when none
	coll  string // collective key, "" when none
	depth int
}

// Directory is an immutable, concurrency-safe unit directory.
type Directory struct {
	units   []Unit
	kinds   []string          // per unit: its kind (Classify), whatever the portal's loai
	isRoot  []bool            // per unit: the directory's root (no parent, the parent of others): no group's member
	members map[string][]Unit // collective name -> members, shared read-only
	root    *node
	byKey   map[string]int
	// the province the directory belongs to (Province)
	provLevel, provName string
	provKey             string            // Normalize(provName)
	nameKeys            map[string]string // Normalize of each unit's name (NameKey)
	// firsts holds firstKey of every word that starts a name (root.next's
	// keys), one bit each, once the directory is built (hasFirsts): most
	// words of a text start no name, and the bit spares MentionsIn the map
	// look-up for them.
	firsts    [firstKeys / 64]uint64
	hasFirsts bool
}

// firstKeys is the number of firstKey's values.
const firstKeys = 1024

// firstKey hashes a non-empty word on its length and its first and last bytes.
func firstKey(w string) uint {
	return (uint(len(w))*131 + uint(w[0])*31 + uint(w[len(w)-1])) % firstKeys
}

// mayStartName: w may start a name of the directory (a key of root.next).
func (d *Directory) mayStartName(w string) bool {
	if !d.hasFirsts || w == "" {
		return true // (not known: ask the map)
	}
	k := firstKey(w)
	return d.firsts[k/64]&(1<<(k%64)) != 0
}

// collectives maps a group name to the kinds (loai) of its members.
var collectiveNames = map[string][]string{
	"UBND các xã, phường":               {"ubnd_xa", "ubnd_phuong"},
	"UBND các phường, xã":               {"ubnd_xa", "ubnd_phuong"},
	"UBND các xã, phường, đặc khu":      {"ubnd_xa", "ubnd_phuong"},
	"UBND các xã":                       {"ubnd_xa"},
	"UBND các phường":                   {"ubnd_phuong"},
	"UBND xã, phường":                   {"ubnd_xa", "ubnd_phuong"},
	"UBND các xã, thị trấn":             {"ubnd_xa"},
	"UBND các xã, phường, thị trấn":     {"ubnd_xa", "ubnd_phuong"},
	"UBND cấp xã":                       {"ubnd_xa", "ubnd_phuong"},
	"UBND các phường, xã, thị trấn":     {"ubnd_xa", "ubnd_phuong"},
	"UBND các huyện, thành phố, thị xã": {"ubnd_huyen"},
	"UBND các huyện, thị xã":            {"ubnd_huyen"},
	"UBND các quận, huyện":              {"ubnd_huyen"},
	"UBND cấp huyện":                    {"ubnd_huyen"},
	"các sở":                            {"so"},
	"các sở, ban, ngành":                {"so"},
	"các sở, ban, ngành tỉnh":           {"so"},
	"các sở, ngành":                     {"so"},
	"các sở, ngành tỉnh":                {"so"},
	"các sở, ban, ngành, đoàn thể tỉnh": {"so"},
	"các sở, ban, ngành, đoàn thể":      {"so"},
	"UBND các huyện, thành phố":         {"ubnd_huyen"},
	"UBND các huyện, thị xã, thành phố": {"ubnd_huyen"},
	"UBND huyện, thị xã, thành phố":     {"ubnd_huyen"},
	"các cơ quan, đơn vị, địa phương":   {"so", "khac", "ubnd_xa", "ubnd_phuong"},
	"các cơ quan, đơn vị":               {"so", "khac"},
	"cơ quan, đơn vị, địa phương":       {"so", "khac", "ubnd_xa", "ubnd_phuong"},
	"cơ quan, đơn vị":                   {"so", "khac"},
}

// successors maps the key (Normalize) of a pre-2025 department name to the name
// of its successor (renames.json, Nghị định 45/2025/NĐ-CP). Built once from the
// embedded file on first use (not at start-up: every process would pay for it);
// read-only afterwards.
var successors = sync.OnceValue(func() map[string]string {
	var rf renameFile
	if err := json.Unmarshal(renamesJSON, &rf); err != nil {
		panic("units: embedded renames.json: " + err.Error())
	}
	m := make(map[string]string, len(rf.Renames))
	for _, r := range rf.Renames {
		m[Normalize(r.Old)] = norm.NFC.String(r.New)
	}
	return m
})

// Successor returns the 2025 successor of a merged or renamed department
// ("Sở Kế hoạch và Đầu tư" → "Sở Tài chính"), false when name is not an old name.
func Successor(name string) (string, bool) {
	s, ok := successors()[Normalize(name)]
	return s, ok
}

// Load reads a directory file (a JSON array of units).
func Load(path string) (*Directory, error) { return LoadWithKinds(path, nil) }

// LoadWithKinds reads a directory file; loaiMap is as for NewWithKinds.
func LoadWithKinds(path string, loaiMap map[string]string) (*Directory, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("units: read directory %s: %w", path, err)
	}
	var us []Unit
	if err := json.Unmarshal(b, &us); err != nil {
		return nil, fmt.Errorf("units: %s: decode unit directory: %w", path, err)
	}
	d, err := NewWithKinds(us, loaiMap)
	if err != nil {
		return nil, fmt.Errorf("units: %s: %w", path, err)
	}
	return d, nil
}

// Parse decodes the portal's get_all JSON array.
func Parse(b []byte) (*Directory, error) {
	var us []Unit
	if err := json.Unmarshal(b, &us); err != nil {
		return nil, fmt.Errorf("decode unit directory: %w", err)
	}
	return New(us)
}

// New builds a directory from units whose loai are the kinds this package
// knows, or classifiable from their names.
func New(us []Unit) (*Directory, error) { return NewWithKinds(us, nil) }

// NewWithKinds builds a directory; loaiMap maps a portal's own loai values
// ("XA", "PHUONG", "SO" …) to the kinds of Classify (config units_loai_map).
func NewWithKinds(us []Unit, loaiMap map[string]string) (*Directory, error) {
	for k, v := range loaiMap {
		if !knownKind(v) {
			return nil, fmt.Errorf("loai map: %q maps to %q, not one of %s", k, v, strings.Join(Kinds, ", "))
		}
	}
	d := &Directory{units: append([]Unit(nil), us...), root: newNode(0), byKey: map[string]int{}}
	d.kinds = make([]string, len(d.units))
	d.provLevel, d.provName = detectProvince(d.units)
	root := Normalize("UBND " + d.provLevel + " " + d.provName)
	for i, u := range d.units {
		if strings.TrimSpace(u.Name) == "" {
			return nil, fmt.Errorf("unit %d (%q): empty ten", i, u.Code)
		}
		d.units[i].Name = norm.NFC.String(u.Name)
		d.kinds[i] = Classify(d.units[i], loaiMap)
		if d.kinds[i] == KindDistrict && d.provName != "" && Normalize(u.Name) == root && !knownKind(strings.ToLower(strings.TrimSpace(u.Kind))) {
			d.kinds[i] = KindOther // "UBND thành phố Hà Nội" is the city's own committee, not a district's
		}
		names := append([]string{u.Name}, u.Aliases...)
		for _, n := range names {
			d.addName(n, i)
		}
		if ts := Tokenize(norm.NFC.String(u.Abbr)); len(ts) == 1 {
			n := d.insert(u.Abbr)
			if n.unit == -1 && n.coll == "" && n != d.root {
				d.addName(u.Abbr, i)
				n.capsFrom, n.capsTo = 0, 1
			}
		} else {
			d.addName(u.Abbr, i)
		}
	}
	var rf renameFile
	if err := json.Unmarshal(renamesJSON, &rf); err != nil {
		return nil, fmt.Errorf("decode embedded renames.json: %w", err)
	}
	for _, r := range rf.Renames {
		if i, ok := d.byKey[Normalize(r.New)]; ok {
			if _, known := d.byKey[Normalize(r.Old)]; !known {
				d.addName(r.Old, i)
			}
		} else {
			d.addName(r.Old, -1) // still a unit name, unknown here
		}
	}
	parents := map[string]bool{}
	for _, u := range d.units {
		if u.Parent != nil && *u.Parent != "" {
			parents[*u.Parent] = true
		}
	}
	d.isRoot = make([]bool, len(d.units))
	for i, u := range d.units {
		d.isRoot[i] = (u.Parent == nil || *u.Parent == "") && parents[u.Code]
	}
	d.members = map[string][]Unit{}
	for name, kinds := range collectiveNames {
		c := canonicalGroup(name)
		d.insert(name).coll = c
		d.members[c] = d.byKinds(kinds)
	}
	d.addDerived(rf)
	// Generic department names let an unknown "Sở X" still be one mention.
	for w := range d.root.next {
		if w != "" { // (mayStartName asks the map of an empty word)
			k := firstKey(w)
			d.firsts[k/64] |= 1 << (k % 64)
		}
	}
	d.hasFirsts = true
	d.provKey = Normalize(d.provName)
	d.nameKeys = make(map[string]string, len(d.units))
	for _, u := range d.units {
		d.nameKeys[u.Name] = Normalize(u.Name)
	}
	return d, nil
}

// ProvinceKey is Normalize of the province's name (Province), found once: the
// extractor compares it with the place after every unit named.
func (d *Directory) ProvinceKey() string {
	if d == nil {
		return Normalize("")
	}
	return d.provKey
}

// NameKey is Normalize(name), found once for the name of each of the
// directory's units (a Mention's Unit.Name): the extractor asks it of every
// unit it finds.
func (d *Directory) NameKey(name string) string {
	if d != nil {
		if k, ok := d.nameKeys[name]; ok {
			return k
		}
	}
	return Normalize(name)
}

func newNode(depth int) *node { return &node{unit: -1, depth: depth} }

func (d *Directory) insert(name string) *node {
	n := d.root
	name = norm.NFC.String(name)
	for _, t := range Tokenize(name) {
		if n.next == nil {
			n.next = map[string]*node{}
		}
		c, ok := n.next[t.Word]
		if !ok {
			c = newNode(n.depth + 1)
			n.next[t.Word] = c
		}
		c.meet(tokenSpelling(name, t))
		n = c
	}
	return n
}

func (d *Directory) addName(name string, i int) {
	if strings.TrimSpace(name) == "" {
		return
	}
	n := d.insert(name)
	if n == d.root {
		return
	}
	if n.unit < 0 || i >= 0 && n.unit < 0 {
		n.unit = i
	}
	if n.unit == -1 && i == -1 {
		n.unit = -2 // known unit name with no directory entry
	}
	if i >= 0 {
		if _, ok := d.byKey[Normalize(name)]; !ok {
			d.byKey[Normalize(name)] = i
		}
	}
}

// canonicalGroup is a collective's one name: "cơ quan, đơn vị" and "các cơ
// quan, đơn vị" are one group, "UBND xã, phường" and "UBND các xã, phường" one
// (issue 14: collective assignees get one canonical name).
func canonicalGroup(name string) string {
	f := strings.Fields(name)
	switch {
	case len(f) == 0 || strings.EqualFold(f[0], "các"):
		return name
	case f[0] == "UBND":
		if len(f) > 1 && (levelWord(f[1]) || len(f) > 2 && levelWord(f[1]+" "+strings.TrimRight(f[2], ","))) {
			return "UBND các " + strings.Join(f[1:], " ")
		}
		return name
	}
	return "các " + name
}

func levelWord(w string) bool {
	switch strings.TrimRight(w, ",") {
	case "xã", "phường", "huyện", "quận", "thị xã", "thành phố", "thị trấn", "đặc khu":
		return true
	}
	return false
}

func hasLower(s string) bool {
	for _, r := range s {
		if unicode.IsLower(r) {
			return true
		}
	}
	return false
}

// Units returns a copy of the directory's units.
func (d *Directory) Units() []Unit { return append([]Unit(nil), d.units...) }

// Lookup resolves a name (full, abbreviated, alias or pre-2025 name).
func (d *Directory) Lookup(name string) (Unit, bool) {
	if d == nil {
		return Unit{}, false
	}
	name = norm.NFC.String(name)
	ms := d.Mentions(name)
	if len(ms) == 1 && ms[0].Unit != nil && ms[0].Start == 0 && len(strings.TrimSpace(name[ms[0].End:])) == 0 {
		return *ms[0].Unit, true
	}
	return Unit{}, false
}

// Expand returns the members of a collective name, by kind (loai).
func (d *Directory) Expand(name string) ([]Unit, bool) {
	key := Normalize(name)
	for n, kinds := range collectiveNames {
		if Normalize(n) == key {
			return d.byKinds(kinds), true
		}
	}
	return nil, false
}

// byKinds: the units of the kinds. The directory's root (a unit with no
// parent that others name as theirs: the province's People's Committee, which
// addresses the groups) is never a member of a group it addresses ("các cơ
// quan, đơn vị" are its departments and bodies, not itself).
func (d *Directory) byKinds(kinds []string) []Unit {
	if d == nil {
		return nil
	}
	var out []Unit
	for i, u := range d.units {
		if d.isRoot[i] {
			continue
		}
		for _, k := range kinds {
			if d.kinds[i] == k {
				out = append(out, u)
			}
		}
	}
	return out
}

// Mentions finds every unit name in text, longest match first, left to right,
// without overlaps. A nil directory knows only collectives and renamed names.
func (d *Directory) Mentions(text string) []Mention {
	if d == nil {
		return nil
	}
	if !nfc.IsNormal(text) {
		text = norm.NFC.String(text)
	}
	return d.MentionsIn(text, Tokenize(text))
}

// MentionsIn is Mentions over text (already NFC) and its Tokenize result, for a
// caller that needs the tokens too.
func (d *Directory) MentionsIn(text string, ts []Token) []Mention {
	if d == nil {
		return nil
	}
	var out []Mention
	for i := 0; i < len(ts); {
		if !d.mayStartName(ts[i].Word) {
			i++ // no name starts with the word: the look-up below would find none
			continue
		}
		n := d.root
		best, bestJ := (*node)(nil), -1
	walk:
		for j := i; j < len(ts); j++ {
			c, ok := n.next[ts[j].Word]
			if !ok || !c.spelledAs(text[ts[j].Start:ts[j].End]) {
				break // ("đảm bảo tính" is not "Báo tỉnh")
			}
			if j > i {
				switch gap := text[ts[j-1].End:ts[j].Start]; {
				case strings.IndexByte(gap, ';') >= 0:
					break walk // "các sở; xây dựng kế hoạch" names no "Sở Xây dựng" (a list after ":" does)
				case j == i+1 && strings.IndexByte(gap, ',') >= 0:
					break walk // no name has a comma after its first word: "các đơn vị cơ sở, xây dựng quy chế"
				}
			}
			n = c
			if n.capsTo > 0 && hasLower(text[ts[i+int(n.capsFrom)].Start:ts[i+int(n.capsTo)-1].End]) {
				continue // "Thuế" is a word, "THUE" the abbreviation
			}
			if n.capHead {
				if r, _ := utf8.DecodeRuneInString(text[ts[i].Start:]); !IsUpper(r) {
					continue
				}
			}
			if n.unit != -1 || n.coll != "" {
				best, bestJ = n, j
			}
		}
		if best == nil {
			i++
			continue
		}
		if i > 0 && insideHead(text, ts, i) {
			i++ // "Chi cục Thuế khu vực" is not "Cục Thuế"
			continue
		}
		m := Mention{Start: ts[i].Start, End: ts[bestJ].End}
		if gluedOn(text, m.End) {
			i++ // "Sở GD-KH&CN" is not "Sở GD": the name goes on, glued by "-" or "&"
			continue
		}
		m.Written = text[m.Start:m.End]
		if best.coll != "" {
			m.Collective = true
			m.Group = best.coll
			m.Members = d.members[best.coll] // shared: callers must not modify it
		} else if best.unit >= 0 {
			m.Unit = &d.units[best.unit] // shared, as Members: a copy each was a mention's second allocation (issue 14)
		}
		out = append(out, m)
		i = bestJ + 1
	}
	return out
}

// gluedOn: the text at end goes on with "-" or "&" and a letter or digit, no
// space between ("Sở GD-KH&CN" after "Sở GD"): a longer name than the one
// matched, which is not that unit.
func gluedOn(text string, end int) bool {
	if end+1 >= len(text) || text[end] != '-' && text[end] != '&' {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[end+1:])
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// The kinds of unit the rules tell apart.
const (
	KindDepartment = "so"          // a specialised agency (Sở, Thanh tra tỉnh)
	KindCommune    = "ubnd_xa"     // a commune's (or township's, special zone's) People's Committee
	KindWard       = "ubnd_phuong" // a ward's People's Committee
	KindDistrict   = "ubnd_huyen"  // a district-level People's Committee (before 1/7/2025)
	KindOffice     = "van_phong"   // the Office of the provincial People's Committee
	KindOther      = "khac"
)

// Kinds lists every kind.
var Kinds = []string{KindDepartment, KindCommune, KindWard, KindDistrict, KindOffice, KindOther}

func knownKind(k string) bool {
	for _, x := range Kinds {
		if x == k {
			return true
		}
	}
	return false
}

// Classify is a unit's kind: its loai mapped by loaiMap (a portal's own
// spellings), else its loai when that is a known kind (in any case), else the
// kind its name shows (portal-api.md, Additions 2026-12-06: each portal spells
// loai its own way, or not at all).
func Classify(u Unit, loaiMap map[string]string) string {
	loai := strings.TrimSpace(u.Kind)
	if k, ok := loaiMap[loai]; ok {
		return k
	}
	if k := strings.ToLower(loai); knownKind(k) {
		return k
	}
	return kindFromName(u.Name)
}

func kindFromName(name string) string {
	k := " " + Normalize(name) + " "
	has := func(p string) bool { return strings.HasPrefix(k, " "+p+" ") }
	switch {
	case has("so"), has("thanh tra tinh"):
		return KindDepartment
	case has("van phong ubnd"), has("van phong ubnd tinh"):
		return KindOffice
	case has("ubnd xa"), has("xa"), has("ubnd thi tran"), has("thi tran"), has("ubnd dac khu"), has("dac khu"):
		return KindCommune
	case has("ubnd phuong"), has("phuong"):
		return KindWard
	case has("ubnd huyen"), has("ubnd quan"), has("ubnd thi xa"), has("ubnd thanh pho"):
		return KindDistrict
	}
	return KindOther
}
