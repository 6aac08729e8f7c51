package units

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"cddh-sync/internal/lazy"
)

// A real portal's directory (GET /shared/unit/get_all/) has only ten and
// tenVietTat, no aliases: the other ways a directive writes a unit's name are
// derived from the name itself, by general rules:
//
//   - the province is appended or left out: "Thanh tra tỉnh" is also "Thanh tra
//     tỉnh Đồng Tháp", "Thuế tỉnh Đồng Tháp" also "Thuế tỉnh", and a name that
//     still reads as a unit without its level ("Ban Quản lý Khu kinh tế") also
//     stands alone;
//   - a body renamed in 2025 keeps its old "Cục" name: "Thuế tỉnh Đồng Tháp" is
//     also "Cục Thuế tỉnh Đồng Tháp" and "Cục Thuế"; a "Chi cục" that was a
//     "Cục" before (Quản lý thị trường) is also "Cục …";
//   - the body after a head is abbreviated by its initials, written in
//     capitals: "Sở TC", "Sở NNMT", "Sở NN&MT", "Sở VH-TT&DL", "Chi cục QLTT"
//     ("và" is "&" or left out, commas and hyphens are kept or left out).
//
// Derived names never override a name the directory spells out, and a derived
// name two units share is dropped (ambiguous).

// heads are the words that start a unit's name, longest first where one is
// the start of another; the body follows (normalised words).
var heads = &lazy.Value[[][]string]{Make: func() [][]string {
	return splitWords(`ban quan ly|ban chi dao|ban chi huy|bo chi huy|chi cuc|tong cuc|trung tam|van phong|thanh tra|
cong an|kho bac|benh vien|ngan hang|cong ty|tong cong ty|bao hiem|vien kiem sat|toa an|uy ban|ubnd|hdnd|so|cuc|ban|
dai|bao|truong|hoi|vien|quy|doan|lien doan|hat|tram|phong|to`)
}}

func splitWords(s string) [][]string {
	var out [][]string
	for _, p := range strings.Split(s, "|") {
		if f := strings.Fields(p); len(f) > 0 {
			out = append(out, f)
		}
	}
	return out
}

// headLen is the length of the head a name's words start with, 0 when none.
func headLen(w []string) int {
	best := 0
	for _, h := range heads.Get() {
		if len(h) > best && len(h) <= len(w) && eqWords(w[:len(h)], h) {
			best = len(h)
		}
	}
	return best
}

// insideHead: token i continues a head the word before it starts ("Chi" +
// "cục", "Tổng" + "cục"), or a word ("cơ sở y tế", a health facility, holds
// no "Sở Y tế"): no name starts there.
func insideHead(text string, ts []Token, i int) bool {
	if strings.TrimSpace(text[ts[i-1].End:ts[i].Start]) != "" {
		return false
	}
	if ts[i].Word == "so" && ts[i-1].Word == "co" {
		if w := text[ts[i-1].Start:ts[i-1].End]; w == "cơ" || w == "Cơ" || w == "CƠ" {
			return true
		}
	}
	var w [4]string
	n := 0
	for k := i - 1; k < len(ts) && n < len(w); k++ {
		w[n] = ts[k].Word
		n++
	}
	return headLen(w[:n]) >= 2
}

func eqWords(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func hasSuffixWords(w, s []string) bool {
	return len(s) > 0 && len(w) >= len(s) && eqWords(w[len(w)-len(s):], s)
}

// Province is the province (or centrally-run city) the directory belongs to,
// read from its units' names: its level ("tỉnh", "thành phố") and its name
// ("Đồng Tháp"); both "" when the names do not tell.
func (d *Directory) Province() (level, name string) {
	if d == nil {
		return "", ""
	}
	return d.provLevel, d.provName
}

// detectProvince: the most frequent "tỉnh|thành phố <Proper Name>" that ends a
// unit's name; a tie goes to the root unit's, then to the first in order.
func detectProvince(us []Unit) (level, name string) {
	count := map[provCand]int{}
	var order []provCand
	root := provCand{}
	for _, u := range us {
		c, ok := provinceSuffix(u.Name)
		if !ok {
			continue
		}
		if count[c] == 0 {
			order = append(order, c)
		}
		count[c]++
		if u.Parent == nil && root.name == "" {
			root = c
		}
	}
	var best provCand
	for _, c := range order {
		if n, b := count[c], count[best]; n > b || n == b && c == root {
			best = c
		}
	}
	return best.level, best.name
}

type provCand struct{ level, name string }

// provinceSuffix finds "tỉnh X Y" / "thành phố X Y" ending name, X Y capitalised.
func provinceSuffix(name string) (provCand, bool) {
	name = norm.NFC.String(strings.TrimSpace(name))
	f := strings.Fields(name)
	for i := len(f) - 1; i >= 1; i-- {
		if !startsUpper(f[i]) {
			return provCand{}, false
		}
		lv := strings.ToLower(f[i-1])
		if lv == "tỉnh" && i-1 >= 1 {
			return provCand{"tỉnh", strings.Join(f[i:], " ")}, true
		}
		if lv == "phố" && i-2 >= 1 && strings.ToLower(f[i-2]) == "thành" {
			return provCand{"thành phố", strings.Join(f[i:], " ")}, true
		}
	}
	return provCand{}, false
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// derived is one derived spelling of a unit's name: its words, and the range
// of them that must be written in capitals (an abbreviation), capsTo 0: none.
type derived struct {
	words            []string
	capsFrom, capsTo int
}

// variants derives the other spellings of name (see the top of this file);
// lv and prov are the directory's province words (Normalize), possibly empty.
func variants(name string, lv, prov []string) []derived {
	name = norm.NFC.String(name)
	out := variantsOf(name, lv, prov)
	// "và" and "&" are one word: "Sở Nông nghiệp & Môi trường"
	if alt := strings.ReplaceAll(name, " và ", " & "); alt != name {
		out = append(out, variantsOf(alt, lv, prov)...)
	} else if alt := strings.ReplaceAll(name, "&", " và "); alt != name {
		out = append(out, variantsOf(strings.Join(strings.Fields(alt), " "), lv, prov)...)
	}
	return out
}

// levelAbbrevs: a place's level written by its initials after a committee's
// head ("UBND P. Trung An", "UBND X. Phú Thọ", "UBND TP. Cao Lãnh").
var levelAbbrevs = &lazy.Value[map[string]string]{Make: func() map[string]string {
	return map[string]string{"xa": "x", "phuong": "p", "thi tran": "tt", "huyen": "h", "thanh pho": "tp", "thi xa": "tx"}
}}

func variantsOf(name string, lv, prov []string) []derived {
	ts := Tokenize(name)
	if len(ts) == 0 {
		return nil
	}
	w := make([]string, len(ts))
	for i, t := range ts {
		w[i] = t.Word
	}
	// the body ends before the level ("tỉnh", "thành phố") and the province
	lp := append(append([]string{}, lv...), prov...)
	bodyEnd, tails := len(w), [][]string{nil}
	switch {
	case len(prov) > 0 && hasSuffixWords(w, lp):
		bodyEnd = len(w) - len(lp)
		tails = [][]string{lp, lv, nil}
	case hasSuffixWords(w, []string{"tinh"}), hasSuffixWords(w, []string{"thanh", "pho"}):
		own := w[len(w)-1:]
		if w[len(w)-1] == "pho" {
			own = w[len(w)-2:]
		}
		bodyEnd = len(w) - len(own)
		tails = [][]string{own, nil}
		if len(prov) > 0 && eqWords(own, lv) {
			tails = append(tails, lp)
		}
	case len(prov) > 0 && len(w) > len(prov) && hasSuffixWords(w, prov):
		bodyEnd = len(w) - len(prov)          // "Báo Đồng Tháp"
		tails = [][]string{prov, lp, lv, nil} // ("Đài Phát thanh và Truyền hình tỉnh": the level for the place)
	case len(lv) > 0 && headLen(w) > 0:
		tails = [][]string{nil, lv} // "Sở Tài chính tỉnh (Đồng Tháp)"
		if len(prov) > 0 {
			tails = append(tails, lp)
		}
	}
	if bodyEnd == 0 {
		return nil
	}
	core := w[:bodyEnd]
	var out []derived
	add := func(c []string, tail []string, capsFrom, capsTo int) {
		if len(tail) == 0 && bodyEnd < len(w) && !standsAlone(c) {
			return // "Thanh tra", "Công an", "Thuế" alone are not this unit
		}
		ws := append(append([]string{}, c...), tail...)
		out = append(out, derived{words: ws, capsFrom: capsFrom, capsTo: capsTo})
	}
	cores := [][]string{core}
	switch h := headLen(core); {
	case h == 2 && core[0] == "chi" && core[1] == "cuc":
		cores = append(cores, append([]string{"cuc"}, core[2:]...)) // "Chi cục QLTT" was "Cục QLTT tỉnh"
	case h == 0 && bodyEnd < len(w):
		cores = append(cores, append([]string{"cuc"}, core...)) // "Thuế tỉnh" was "Cục Thuế tỉnh"
	}
	for _, c := range cores {
		for _, tail := range tails {
			add(c, tail, 0, 0)
		}
	}
	// the head abbreviated ("BQL Khu kinh tế", "VP UBND tỉnh", "Bộ CHQS tỉnh")
	if h := headLen(core); h > 0 && h < len(core) {
		for _, ha := range headAbbrevs.Get()[strings.Join(core[:h], " ")] {
			c := append(append([]string{}, ha...), core[h:]...)
			for _, tail := range tails {
				if len(tail) == 0 && bodyEnd < len(w) && !standsAlone(core) {
					continue
				}
				ws := append(append([]string{}, c...), tail...)
				from := 0
				for from < len(ha) && ha[from] == core[from] {
					from++ // "Ban QL": "Ban" is a word
				}
				out = append(out, derived{words: ws, capsFrom: from, capsTo: len(ha)})
			}
		}
	}
	// initials of the body after the head
	h := headLen(core)
	if h == 1 && core[0] == "ubnd" && h < len(core) {
		for k := 2; k >= 1; k-- {
			if h+k > len(core) {
				continue
			}
			if a, ok := levelAbbrevs.Get()[strings.Join(core[h:h+k], " ")]; ok && h+k < len(core) {
				c := append(append([]string{"ubnd", a}, core[h+k:]...), tails[0]...)
				out = append(out, derived{words: c, capsFrom: 1, capsTo: 2})
				break
			}
		}
	}
	if h == 0 || h >= len(core) {
		return out
	}
	if h >= 2 && abbreviated(core[:1]) || core[0] == "bo" && h >= 2 {
		// "Bộ CHQS tỉnh": the head after its first word abbreviated with the body
		for _, ab := range initials(name, ts[1:bodyEnd]) {
			if len(ab) != 1 {
				continue
			}
			for _, tail := range tails {
				ws := append(append([]string{core[0]}, ab...), tail...)
				out = append(out, derived{words: ws, capsFrom: 1, capsTo: 2})
			}
		}
	}
	if !abbreviated(core[:h]) {
		return out
	}
	for _, ab := range mixedInitials(ts[h:bodyEnd]) {
		// "Sở Nông nghiệp và PTNT": the part after "và" by its initials
		for _, hw := range headForms(core[:h]) {
			c := append(append([]string{}, hw...), ab...)
			for _, tail := range tails {
				ws := append(append([]string{}, c...), tail...)
				out = append(out, derived{words: ws, capsFrom: len(c) - 1, capsTo: len(c)})
			}
		}
	}
	for _, ab := range initials(name, ts[h:bodyEnd]) {
		for _, hw := range headForms(core[:h]) {
			c := append(append([]string{}, hw...), ab...)
			for _, tail := range tails {
				ws := append(append([]string{}, c...), tail...)
				out = append(out, derived{words: ws, capsFrom: len(hw), capsTo: len(hw) + len(ab)})
			}
		}
	}
	return out
}

// headAbbrevs: the abbreviations of heads, written in capitals.
var headAbbrevs = &lazy.Value[map[string][][]string]{Make: func() map[string][][]string {
	return map[string][][]string{
		"ban quan ly": {{"bql"}, {"ban", "ql"}},
		"van phong":   {{"vp"}},
		"bo chi huy":  {{"bch"}},
		"trung tam":   {{"tt"}},
		"chi cuc":     {{"cc"}},
	}
}}

// abbreviated: heads whose body directives abbreviate ("Sở TC", "Chi cục QLTT").
func abbreviated(h []string) bool {
	switch strings.Join(h, " ") {
	case "so", "chi cuc", "cuc", "tong cuc", "ban", "trung tam", "dai":
		return true
	}
	return false
}

// headForms: the head as written, and "Cục" for a "Chi cục" (its old name).
func headForms(h []string) [][]string {
	if eqWords(h, []string{"chi", "cuc"}) {
		return [][]string{h, {"cuc"}}
	}
	return [][]string{h}
}

// standsAlone: a name without its level still names the unit when it is a
// head and a body ("Cục Thuế", "Ban Quản lý Khu kinh tế"), not a head alone
// ("Thanh tra", "Công an") nor a body alone ("Thuế"), and not an office named
// after a committee ("Văn phòng UBND" is also a commune's).
func standsAlone(c []string) bool {
	h := headLen(c)
	if h == 0 || h >= len(c) {
		return false
	}
	switch c[len(c)-1] {
	case "ubnd", "hdnd", "nhan", "dan":
		return false
	}
	return true
}

// mixedInitials: the body's words up to its last "và" (or "&") as written,
// then the words after it by their initials in one word: "Nông nghiệp và
// PTNT", "Nông nghiệp & PTNT".
func mixedInitials(bt []Token) [][]string {
	last := -1
	for i, t := range bt {
		if t.Word == "va" || t.Word == "&" {
			last = i
		}
	}
	if last < 1 || len(bt)-last-1 < 2 {
		return nil
	}
	var ab strings.Builder
	for _, t := range bt[last+1:] {
		r, _ := utf8.DecodeRuneInString(t.Word)
		if r == utf8.RuneError || unicode.IsDigit(r) {
			return nil
		}
		ab.WriteRune(r)
	}
	left := make([]string, last)
	for i, t := range bt[:last] {
		left[i] = t.Word
	}
	var out [][]string
	for _, and := range []string{"va", "&"} {
		out = append(out, append(append(append([]string{}, left...), and), ab.String()))
	}
	return out
}

// initials abbreviates the body tokens bt of name by their first letters: all
// in one word ("NNMT"), "và" as "&" ("NN&MT"), and the groups a comma or a
// hyphen separates kept apart ("VH-TT&DL"). At least two letters.
func initials(name string, bt []Token) [][]string {
	type part struct {
		init string
		and  bool // a "và" / "&" before this word
		sep  bool // a comma or hyphen before this word
	}
	var ps []part
	and, sep := false, false
	for i, t := range bt {
		if i > 0 {
			between := name[bt[i-1].End:t.Start]
			if strings.ContainsAny(between, ",-–") {
				sep = true
			}
		}
		if t.Word == "va" || t.Word == "&" {
			and = true
			continue
		}
		r, _ := utf8.DecodeRuneInString(t.Word)
		if r == utf8.RuneError || unicode.IsDigit(r) {
			return nil
		}
		ps = append(ps, part{init: string(r), and: and, sep: sep})
		and, sep = false, false
	}
	if len(ps) < 2 {
		return nil
	}
	var all strings.Builder
	anyAnd, anySep := false, false
	for _, p := range ps {
		all.WriteString(p.init)
		anyAnd = anyAnd || p.and
		anySep = anySep || p.sep
	}
	out := [][]string{{all.String()}}
	group := func(splitSep bool) []string {
		var ws []string
		cur := ""
		for k, p := range ps {
			if k > 0 && (p.and || splitSep && p.sep) {
				ws = append(ws, cur)
				cur = ""
				if p.and {
					ws = append(ws, "&")
				}
			}
			cur += p.init
		}
		return append(ws, cur)
	}
	if anyAnd {
		g := group(false)
		out = append(out, g)
		var noAnd []string // "PT-TH": the "và" left out, the groups kept
		for _, x := range g {
			if x != "&" {
				noAnd = append(noAnd, x)
			}
		}
		out = append(out, noAnd)
	}
	if anySep {
		out = append(out, group(true))
	}
	return out
}

// addDerived adds the derived spellings (variants) in three rounds, each
// only where no earlier name is: the directory's names and aliases, the
// pre-2025 names of its units (renames.json), then the standard names
// (standardNames, unknown to the directory unless it has them). A spelling
// two units share is dropped, in every later round too.
func (d *Directory) addDerived(rf renameFile) {
	lv := strings.Fields(Normalize(d.provLevel))
	pv := strings.Fields(Normalize(d.provName))
	type claim struct {
		unit             int
		capsFrom, capsTo int
		capHead          bool
		amb              bool
		spells           []spell // per word, its spelling (spelling.go); 0 not known
	}
	// the province's words are spelt as its level and name are
	provSpell := map[string]spell{}
	wordSpellings(provSpell, norm.NFC.String(d.provLevel+" "+d.provName))
	ambiguous := map[string]bool{} // a spelling once ambiguous stays so in later rounds
	// capHeads: in this round, a name whose head is "Bộ" matches only with
	// its capital (a ministry; "toàn bộ", "ngang bộ" + a verb are words)
	round := func(capHeads bool, each func(put func(name string, unit int))) {
		claims := map[string]*claim{}
		var order []string
		var words = map[string][]string{}
		each(func(name string, unit int) {
			spelt := map[string]spell{}
			wordSpellings(spelt, norm.NFC.String(name))
			for _, v := range variants(name, lv, pv) {
				k := strings.Join(v.words, " ")
				spells := make([]spell, len(v.words))
				for i, w := range v.words {
					sig, ok := spelt[w]
					if !ok {
						sig = provSpell[w] // a tail's level or place; an abbreviated head: 0
					}
					spells[i] = sig
				}
				if c, ok := claims[k]; ok {
					if c.unit != unit {
						c.amb = true
					}
					for i, sig := range spells {
						if c.spells[i] != sig {
							c.spells[i] = spell{} // spelt two ways: either
						}
					}
					continue
				}
				claims[k] = &claim{unit: unit, capsFrom: v.capsFrom, capsTo: v.capsTo, capHead: capHeads && v.words[0] == "bo" && strings.HasPrefix(name, "Bộ ") || insuranceHead(v.words, name), spells: spells}
				words[k] = v.words
				order = append(order, k)
			}
		})
		for _, k := range order {
			c := claims[k]
			if c.amb || ambiguous[k] {
				ambiguous[k] = true
				continue
			}
			n := d.root
			for i, w := range words[k] {
				if n.next == nil {
					n.next = map[string]*node{}
				}
				nx, ok := n.next[w]
				if !ok {
					nx = newNode(n.depth + 1)
					n.next[w] = nx
				}
				nx.meet(c.spells[i])
				n = nx
			}
			if n == d.root || n.unit != -1 || n.coll != "" {
				continue // a name spelt out wins
			}
			n.unit = c.unit
			n.capsFrom, n.capsTo, n.capHead = int8(c.capsFrom), int8(c.capsTo), c.capHead
			if c.unit >= 0 {
				if _, ok := d.byKey[k]; !ok {
					d.byKey[k] = c.unit
				}
			}
		}
	}
	round(false, func(put func(string, int)) {
		for i, u := range d.units {
			put(u.Name, i)
			for _, a := range u.Aliases {
				put(a, i)
			}
		}
	})
	round(false, func(put func(string, int)) {
		for _, r := range rf.Renames {
			if i, ok := d.byKey[Normalize(r.New)]; ok {
				put(r.Old, i)
			} else {
				put(r.Old, -2)
			}
		}
		if d.provName != "" {
			for _, r := range provinceRenames {
				if i, ok := d.byKey[Normalize(strings.ReplaceAll(r.New, "{P}", d.provName))]; ok {
					put(strings.ReplaceAll(r.Old, "{P}", d.provName), i)
				}
			}
		}
	})
	round(true, func(put func(string, int)) {
		for _, n := range standardNames {
			if i, ok := d.byKey[Normalize(n)]; ok {
				put(n, i)
			} else {
				put(n, -2)
			}
		}
	})
}

// insuranceHead: the social insurance fund's office ("Bảo hiểm xã hội tỉnh …")
// matches only with its capital, in every round: "trợ cấp bảo hiểm xã hội",
// "đóng bảo hiểm y tế" are what people pay and receive, never the office.
func insuranceHead(words []string, name string) bool {
	return len(words) > 1 && words[0] == "bao" && words[1] == "hiem" && strings.HasPrefix(norm.NFC.String(name), "Bảo hiểm ")
}
