package extract

import (
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"cddh-sync/internal/lazyre"
	"cddh-sync/rules/deadline"
	"cddh-sync/rules/units"
)

// Fast paths of the extractor (issue 14: at least 3,000 documents a second per
// core). Each gives exactly what the plain code it stands for gives; the tests
// in fast_test.go compare the two.

// reCitedDateHere is reCitedDate anchored: it matches only at the start of its
// input.
var reCitedDateHere = lazyre.New(`^(?:` + reCitedDate.String() + `)`)

// citedDates is reCitedDate.FindAllStringSubmatch(text, n), with the expression
// run only where one of its matches can start: at "Số"/"số" followed by an
// optional ":", spaces and a digit. The expression asserts nothing about what
// comes before its match, so matching there alone finds the same matches. Run
// over the whole text, it cost 5% of an extraction.
func citedDates(text string, n int) [][]string {
	var out [][]string
	for pos := 0; len(out) < n; {
		i := strings.Index(text[pos:], "ố")
		if i < 0 {
			break
		}
		p, next := pos+i-1, pos+i+len("ố") // p: where the "S" or "s" would be
		if p < pos || text[p] != 'S' && text[p] != 's' || !digitAfter(text[next:]) {
			pos = next
			continue
		}
		loc := reCitedDateHere.FindStringSubmatchIndex(text[p:])
		if loc == nil {
			pos = next
			continue
		}
		out = append(out, submatches(text[p:], loc))
		pos = p + loc[1]
	}
	return out
}

// digitAfter: s starts with an optional ":", then white space (the regexp's
// \s), then an ASCII digit (\d).
func digitAfter(s string) bool {
	s = strings.TrimPrefix(s, ":")
	s = strings.TrimLeft(s, "\t\n\f\r ")
	return s != "" && s[0] >= '0' && s[0] <= '9'
}

// reNumberHere is reNumber anchored at the start of its input, its leading \b
// left to numberMatch (at the start of an input \b sees no character before).
var reNumberHere = lazyre.New(strings.Replace(reNumber.String(), `(?i)\b`, `(?i)^`, 1))

// numberMatch is reNumber.FindStringSubmatch(head), with the expression run
// only where a match can start. A match holds "S", "s" or "ſ" (what (?i) folds
// "S" with), then "ố" or "ô" in either case, white space and a colon, so each
// colon is looked back from. Run at every position of a header without a
// number (a news item's), the expression cost 4% of an extraction.
func numberMatch(head string) []string {
	loc := numberIndex(head)
	if loc == nil {
		return nil
	}
	return submatches(head, loc)
}

// numberEnd is where reNumber.FindStringIndex(head) ends, -1 when it finds
// none: flatPlaceDate's question, which the expression run at every position
// answered at 3% of an extraction of documents without a place-and-date line.
func numberEnd(head string) int {
	if loc := numberIndex(head); loc != nil {
		return loc[1]
	}
	return -1
}

// numberIndex is reNumber.FindStringSubmatchIndex(head), found as numberMatch
// says.
func numberIndex(head string) []int {
	for pos := 0; pos < len(head); {
		c := strings.IndexByte(head[pos:], ':')
		if c < 0 {
			return nil
		}
		c += pos
		pos = c + 1
		p := len(strings.TrimRight(head[:c], "\t\n\f\r "))
		switch r, n := utf8.DecodeLastRuneInString(head[:p]); r {
		case 'ố', 'Ố', 'ô', 'Ô':
			p -= n
		default:
			continue
		}
		// the "S", and the \b before it: ASCII word character on one side only
		word := true
		switch r, n := utf8.DecodeLastRuneInString(head[:p]); r {
		case 'S', 's':
			p -= n
		case 'ſ':
			p -= n
			word = false
		default:
			continue
		}
		if word == (p > 0 && isASCIIWord(head[p-1])) {
			continue
		}
		if loc := reNumberHere.FindStringSubmatchIndex(head[p:]); loc != nil {
			for k := range loc {
				if loc[k] >= 0 {
					loc[k] += p
				}
			}
			return loc
		}
	}
	return nil
}

// isASCIIWord: b is a character of the regexp's \w ([0-9A-Za-z_]).
func isASCIIWord(b byte) bool {
	return b >= '0' && b <= '9' || b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' || b == '_'
}

// submatches is what FindStringSubmatch returns for the match loc
// (FindStringSubmatchIndex) in s.
func submatches(s string, loc []int) []string {
	m := make([]string, len(loc)/2)
	for k := range m {
		if loc[2*k] >= 0 {
			m[k] = s[loc[2*k]:loc[2*k+1]]
		}
	}
	return m
}

// common is the number of words two sorted lists of distinct words (as numbers)
// share (a merge: dropRestated compared sets of words as maps, whose building
// cost 5% of an extraction).
func common(a, b []int32) int {
	n := 0
	for len(a) > 0 && len(b) > 0 {
		switch {
		case a[0] < b[0]:
			a = a[1:]
		case a[0] > b[0]:
			b = b[1:]
		default:
			n++
			a, b = a[1:], b[1:]
		}
	}
	return n
}

// separators is reSep.FindAllStringIndex(s, -1) read by hand, the expression
// being `\s*(?:[,;]|(?:^|\s)(?:và|với|cùng|cùng với)(?:\s|$))\s*`: a match
// starts at a run of white space (\s: ASCII) or right at the separator; a
// comma or semicolon is one anywhere, a word only after white space or at the
// start of the text, and only before white space or the end; the white space
// after it is taken too. The regexp cost 7% of an extraction; FuzzSeparators
// compares the two.
func separators(s string) [][]int {
	var out [][]int
	for _, loc := range appendSeparators(nil, s) {
		out = append(out, []int{loc[0], loc[1]})
	}
	return out
}

// appendSeparators appends separators(s) to out as pairs (a slice each was
// an allocation each; the callers give room on their stack, issue 14).
func appendSeparators(out [][2]int, s string) [][2]int {
	for p := 0; p < len(s); {
		q := p
		for q < len(s) && isRESpace(s[q]) {
			q++
		}
		end := -1
		switch {
		case q == len(s):
		case s[q] == ',' || s[q] == ';':
			end = q + 1
		case q > p || q == 0:
			for _, w := range []string{"và", "với", "cùng", "cùng với"} {
				if strings.HasPrefix(s[q:], w) && (q+len(w) == len(s) || isRESpace(s[q+len(w)])) {
					end = q + len(w)
					break
				}
			}
		}
		if end < 0 {
			p = max(q, p+1) // no match starts in the white space, nor at q
			continue
		}
		for end < len(s) && isRESpace(s[end]) {
			end++
		}
		out = append(out, [2]int{p, end})
		p = end
	}
	return out
}

// isRESpace: c is white space for a regexp's \s.
func isRESpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }

// reFullDateHere is reFullDate anchored at the start of its input.
var reFullDateHere = lazyre.New(`^(?:` + reFullDate.String() + `)`)

// fullDates is reFullDate.FindAllStringSubmatch(text, n), with the expression
// run only where one of its matches can start: at the start of the text, or at
// a character other than a digit, "/", "." or "-" that a digit follows. There,
// matching the anchored expression on the rest of the text finds what the
// search finds (its "^" cannot match there: a digit would have to follow it
// at once). Run at every position of the text, it cost a tenth of an
// extraction.
func fullDates(text string, n int) [][]string {
	var out [][]string
	at := func(p int) int { // the end of the match at p, -1 when none
		loc := reFullDateHere.FindStringSubmatchIndex(fullDateWindow(text, p))
		if loc == nil {
			return -1
		}
		out = append(out, submatches(text[p:], loc))
		return p + loc[1]
	}
	for pos := 0; len(out) < n && pos < len(text); {
		end := -1
		if pos == 0 {
			end = at(0)
		}
		// a digit at d, after a rune other than a digit, "/", "." or "-" that
		// starts at p: an ASCII byte always starts a rune, and so does a valid
		// sequence found backwards (its first byte continues none)
		for d := pos; end < 0; d++ {
			k := strings.IndexAny(text[d:], "0123456789")
			if k < 0 {
				break
			}
			d += k
			r, size := utf8.DecodeLastRuneInString(text[pos:d])
			if p := d - size; size > 0 && p > 0 && r != '/' && r != '.' && r != '-' && (r < '0' || r > '9') && dateAhead(text[d:]) {
				end = at(p)
			}
		}
		if end < 0 {
			break
		}
		pos = end
	}
	return out
}

// dateAhead: s, which starts with a digit, starts as a match of reFullDate
// goes on after its first rune: one or two digits, then a separator ("/", ".",
// "-", after white space or not) or white space and the "t" of "tháng". A
// necessary condition, read from the expression (TestFullDateWindow pins it):
// where it fails, fullDates does not run the expression (most digits of a
// text start no date).
func dateAhead(s string) bool {
	i := 1
	if i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i < len(s) && s[i] >= '0' && s[i] <= '9' {
		return false // a third digit: no separator can follow \d{1,2}
	}
	j := i
	for j < len(s) && isRESpace(s[j]) {
		j++
	}
	if j == len(s) {
		return false
	}
	c := s[j]
	return c == '/' || c == '.' || c == '-' || j > i && c == 't'
}

// fullDateWindow is text[p:] cut where no match of reFullDateHere at p can
// reach: a match (and any attempt at one) reads at most 26 bytes that are not
// white space (\s: the loops of spaces are the expression's only unbounded
// parts; a rune before the day, two digits, "tháng", two digits, "năm", four
// digits, a rune after, and one rune looked at past them), so the window ends
// after the 48th. Given the whole rest of a long text, the regexp package's
// backtracker cleared a bit per instruction and byte of it at every call
// (regexp.(*bitState).reset: a third of what Extract spent clearing memory).
// TestFullDateWindow pins the expression this bound was read from.
func fullDateWindow(text string, p int) string {
	n := 0
	for i := p; i < len(text); i++ {
		if !isRESpace(text[i]) {
			if n++; n > 48 {
				return text[p:i]
			}
		}
	}
	return text[p:]
}

// reDateHere is reDate anchored at the start of its input.
var reDateHere = lazyre.New(`^(?:` + reDate.String() + `)`)

// dateMatch is reDate.FindStringSubmatchIndex(s), with the expression run only
// where a match can start: at "ngày" in any case ((?i) folds each of its letters
// with its capital alone; "à" is \xc3\xa0, "À" \xc3\x80).
func dateMatch(s string) []int {
	for q := 0; ; q++ {
		k := strings.IndexByte(s[q:], 0xC3)
		if k < 0 {
			return nil
		}
		q += k
		if q < 2 || q+2 >= len(s) || s[q+1] != 0xA0 && s[q+1] != 0x80 || s[q+2] != 'y' && s[q+2] != 'Y' ||
			s[q-2] != 'n' && s[q-2] != 'N' || s[q-1] != 'g' && s[q-1] != 'G' {
			continue
		}
		p := q - 2
		if loc := reDateHere.FindStringSubmatchIndex(s[p:]); loc != nil {
			for i := range loc {
				if loc[i] >= 0 {
					loc[i] += p
				}
			}
			return loc
		}
	}
}

// reIssuerCutHere is reIssuerCut anchored at the start of its input.
var reIssuerCutHere = lazyre.New(`^(?:` + reIssuerCut.String() + `)`)

// issuerCut is reIssuerCut.FindStringIndex(line), the expression run only where
// a match can start: at the letter before the "ộ" of "CỘNG" and "ĐỘC" or the
// "ố" of "Số", in either case ((?i) folds each with its capital alone, and "S"
// with "ſ"). Most lines of a header hold neither vowel.
func issuerCut(line string) []int {
	for q := 0; q < len(line); {
		k := strings.IndexAny(line[q:], "ộỘốỐ")
		if k < 0 {
			return nil
		}
		q += k
		r, n := utf8.DecodeLastRuneInString(line[:q])
		p := q - n
		_, size := utf8.DecodeRuneInString(line[q:])
		q += size
		switch r {
		case 'C', 'c', 'Đ', 'đ', 'S', 's', 'ſ':
		default:
			continue
		}
		if loc := reIssuerCutHere.FindStringIndex(line[p:]); loc != nil {
			return []int{p + loc[0], p + loc[1]}
		}
	}
	return nil
}

// dutyMatch is reDuty.FindStringSubmatch(t), the expression run only on a text
// whose first byte can begin a match: "Điều" (\xc4 is the first byte of "Đ"),
// "Nhiệm vụ", "Trách nhiệm" or "Phân công".
func dutyMatch(t string) []string {
	if t == "" || strings.IndexByte("NTP\xc4", t[0]) < 0 {
		return nil
	}
	return reDuty.FindStringSubmatch(t)
}

// commaDate: s holds a comma, then white space (\s), then "ngày" in any case:
// what every match of rePlaceDate holds. placeDate runs the expression, costly
// for its {0,60}, only on a window that does.
func commaDate(s string) bool {
	for i := strings.IndexByte(s, ','); i >= 0; {
		t := strings.TrimLeft(s[i+1:], "\t\n\f\r ")
		if len(t) >= 5 && (t[0] == 'n' || t[0] == 'N') && (t[1] == 'g' || t[1] == 'G') && t[2] == 0xC3 &&
			(t[3] == 0xA0 || t[3] == 0x80) && (t[4] == 'y' || t[4] == 'Y') {
			return true
		}
		k := strings.IndexByte(s[i+1:], ',')
		if k < 0 {
			break
		}
		i += 1 + k
	}
	return false
}

// words is units.Words(s), taken from the sentence's view when one was built:
// the view's words are Tokenize's, the same for a text already NFC (Words
// makes it NFC first). A task's content is most often a sentence viewed.
// The words of a text that is no sentence viewed are kept for the document:
// finish and dropRestated both ask them of a task's content. (The words are
// read-only, like a view's.)
func (x *extractor) words(s string) []string {
	if v := x.lastView; v != nil && v.s == s && v.isNFC() {
		return v.w
	}
	if v, ok := x.views[s]; ok && v.isNFC() {
		return v.w
	}
	if w, ok := x.wordsOf[s]; ok {
		return w
	}
	w := units.Words(s)
	if x.wordsOf == nil {
		x.wordsOf = map[string][]string{}
	}
	x.wordsOf[s] = w
	return w
}

// openingTokens returns Tokenize(t) or a prefix of it holding at least need
// tokens exactly as Tokenize(t) has them: looksLikeHead, stripTitle and
// unitsOnly read only a text's first few words (a head, a title, a lead-in),
// and folding the whole sentence for them again and again was a tenth of
// Extract's time. The prefix is cut at a space, which ends a word; a token
// there is Tokenize(t)'s unless "Ủy ban nhân dân" (up to four words joined
// into one) straddles the cut, so four more tokens than needed are kept as a
// margin. The cut starts at six bytes a token (a Vietnamese syllable and its
// space) and doubles while the prefix holds too few; the whole text is
// tokenized when it is reached.
//
// The tokens are appended to dst (its room is most often on the caller's
// stack: the tokens are read and dropped).
func openingTokens(dst []units.Token, t string, need int) []units.Token {
	ts, _ := openingTokensWhole(dst, t, need)
	return ts
}

// openingTokensWhole is openingTokens, and whether the tokens are all of
// Tokenize(t) (else the last four may not be Tokenize(t)'s).
func openingTokensWhole(dst []units.Token, t string, need int) ([]units.Token, bool) {
	for cut := 6 * (need + 4); cut < len(t); cut *= 2 {
		k := strings.IndexByte(t[cut:], ' ')
		if k < 0 {
			break
		}
		if ts := units.AppendTokens(dst[:0], t[:cut+k]); len(ts) >= need+4 {
			return ts, false
		}
	}
	return units.AppendTokens(dst[:0], t), true
}

// maxLen is the number of words of the longest phrase.
func (ps *phrases) maxLen() int {
	ps.build()
	return ps.longest
}

// lowered is strings.ToLower(s), and buf extended. Its bytes go to the room left in buf when
// they fit (a lowered rune takes at most three bytes a byte: U+FFFD for an
// invalid byte), so that the words of a view, or of looksLikeHead's view on
// the stack, are lowered without an allocation each; else it is
// strings.ToLower(s). buf is never grown: the strings given out share its
// array. TestLoweredIsToLower and FuzzLowered check it.
func lowered(buf []byte, s string) (string, []byte) {
	ascii := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			ascii = false
			break
		}
	}
	if ascii {
		return s, buf // no capital, nothing to change: strings.ToLower gives s too
	}
	b := buf
	if len(b)+3*len(s) > cap(b) {
		return strings.ToLower(s), buf
	}
	from := len(b)
	for _, r := range s {
		if 'A' <= r && r <= 'Z' {
			b = append(b, byte(r)+'a'-'A')
		} else if r < utf8.RuneSelf {
			b = append(b, byte(r))
		} else {
			b = utf8.AppendRune(b, lowerRune(r))
		}
	}
	return unsafe.String(&b[from], len(b)-from), b
}

// lowerRune is unicode.ToLower(r), told without unicode's case tables for the
// Vietnamese letters with two marks (U+1EA0–U+1EF9: capitals even, each
// followed by its small letter), which lowered meets in every capitalised
// word (TestLowerRuneIsToLower checks every rune).
func lowerRune(r rune) rune {
	if r >= 0x1EA0 && r <= 0x1EF9 {
		return r | 1
	}
	return unicode.ToLower(r)
}

// indexCommaEllipsis is strings.IndexAny(s, ",…"), which for a set with a
// rune beyond ASCII decodes every rune of s: here two vectorised searches.
// A "," is never inside a longer rune, and the first byte of "…" never
// continues one, so the first of either found is the first rune of the set
// (FuzzIndexCommaEllipsis checks).
func indexCommaEllipsis(s string) int {
	c := strings.IndexByte(s, ',')
	if c < 0 {
		c = len(s)
	}
	if e := strings.Index(s[:c], "…"); e >= 0 {
		return e
	}
	if c == len(s) {
		return -1
	}
	return c
}

// firstFields is the first two of strings.Fields(s), and how many it has (at
// most two), without cutting the whole of s into words.
func firstFields(s string) (f [2]string, n int) {
	start := -1
	for i, r := range s {
		if unicode.IsSpace(r) {
			if start >= 0 {
				f[n], start = s[start:i], -1
				if n++; n == 2 {
					return f, n
				}
			}
		} else if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		f[n] = s[start:]
		n++
	}
	return f, n
}

// joinFields is strings.Join(strings.Fields(s), " "): s itself when its words
// are already apart by single spaces (as a name most often is), without
// cutting and joining them again.
func joinFields(s string) string {
	space := true // a space at the start would be dropped
	for _, r := range s {
		if unicode.IsSpace(r) {
			if r != ' ' || space {
				return strings.Join(strings.Fields(s), " ")
			}
			space = true
		} else {
			space = false
		}
	}
	if space && s != "" {
		return strings.Join(strings.Fields(s), " ") // a space at the end
	}
	return s
}

// substrings is a set of strings looked for in a text all at once (in): the
// text is read once, and only where two bytes start one of them is that one
// compared. strings.Contains, once for each, runs a vectorised search for its
// first byte, and in Vietnamese text the first bytes of words ("t", "h", "n",
// "c") come every few bytes: each search stops again and again, at a call a
// stop (mayBeNonTask's nine searches were 3.6% of Extract's time on the
// corpus; issue 14). TestSubstringsIsContains and FuzzSubstrings check it
// against strings.Contains.
//
// The tables (14 KB a set) are built on first use, not when the package is
// initialised: the binary's start stays within TestVerifyStartup's budget.
type substrings struct {
	all    []string
	once   sync.Once
	tables *substringTables
}

type substringTables struct {
	pairs   [1 << 16 / 64]uint64 // a bit for each two bytes that start one of them
	byFirst [256][]string
}

func newSubstrings(ss ...string) *substrings {
	for _, s := range ss {
		if len(s) < 2 {
			panic("substrings: " + strconv.Quote(s) + " is shorter than two bytes")
		}
	}
	return &substrings{all: ss}
}

func (set *substrings) build() {
	t := &substringTables{}
	for _, s := range set.all {
		p := uint(s[0])<<8 | uint(s[1])
		t.pairs[p/64] |= 1 << (p % 64)
		t.byFirst[s[0]] = append(t.byFirst[s[0]], s)
	}
	set.tables = t
}

// in: one of the strings is in s (strings.Contains of any of them).
func (set *substrings) in(s string) bool {
	set.once.Do(set.build)
	tb := set.tables
	for i := 0; i+1 < len(s); i++ {
		if p := uint(s[i])<<8 | uint(s[i+1]); tb.pairs[p/64]&(1<<(p%64)) != 0 {
			for _, w := range tb.byFirst[s[i]] {
				if strings.HasPrefix(s[i:], w) {
					return true
				}
			}
		}
	}
	return false
}

// memos are the extractor's maps, kept in its viewRoom: emptied for the next
// text with their room kept (lend), instead of maps made and grown again by
// every Extract (growing them was about a fiftieth of its time; issue 14).
type memos struct {
	byText   map[string]*sentenceView
	dlCache  map[string][]deadline.Deadline
	dlFolds  map[string]*deadline.Text
	markers  map[string]markerMemo
	wordsOf  map[string][]string
	issuerOf map[issuerMemo]bool
	unitLike map[string]bool
	ids      map[string]int32 // dropRestated's numbers of words
	segs     []openItem       // segmentInto's open items
}

// lend gives x the maps, empty, to fill instead of making its own.
func (m *memos) lend(x *extractor) {
	if m.byText == nil {
		m.byText, m.dlCache, m.dlFolds = map[string]*sentenceView{}, map[string][]deadline.Deadline{}, map[string]*deadline.Text{}
		m.markers, m.wordsOf, m.issuerOf, m.unitLike = map[string]markerMemo{}, map[string][]string{}, map[issuerMemo]bool{}, map[string]bool{}
		m.ids = map[string]int32{}
	} else {
		clear(m.byText)
		clear(m.dlCache)
		clear(m.dlFolds)
		clear(m.markers)
		clear(m.wordsOf)
		clear(m.issuerOf)
		clear(m.unitLike)
	}
	x.views, x.dlCache, x.dlFolds, x.markers = m.byText, m.dlCache, m.dlFolds, m.markers
	x.wordsOf, x.issuerOf, x.unitLike = m.wordsOf, m.issuerOf, m.unitLike
}
