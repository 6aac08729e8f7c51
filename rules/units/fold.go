package units

import (
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/unicode/norm"

	"cddh-sync/internal/nfc"
)

// foldTable (fold_table.go) maps every rune below foldLimit to its lower-case base
// letter. It is generated from buildFoldTable (CDDH_WRITE_FOLD=1 go test -run
// TestFoldTable ./rules/units) so that it is static data: computing it at start-up
// cost every process about 1.3 ms before main, `verify` included (issue 17).
const foldLimit = 0x2000

func buildFoldTable() []rune {
	t := make([]rune, foldLimit)
	for r := rune(0); r < foldLimit; r++ {
		if !unicode.Is(unicode.Mn, r) {
			t[r] = foldSlow(r)
		}
	}
	return t
}

// buildWordRunes is the set of runes below foldLimit that Tokenize keeps in a
// word (letters, digits and non-spacing marks), one bit a rune; wordRunes in
// fold_table.go is it as static data, generated with foldTable.
func buildWordRunes() []uint64 {
	t := make([]uint64, foldLimit/64)
	for r := rune(0); r < foldLimit; r++ {
		if isWordRuneSlow(r) {
			t[r/64] |= 1 << (r % 64)
		}
	}
	return t
}

// buildUpperRunes is the set of upper-case runes below foldLimit
// (unicode.IsUpper), one bit a rune; upperRunes in fold_table.go is it as
// static data.
func buildUpperRunes() []uint64 {
	t := make([]uint64, foldLimit/64)
	for r := rune(0); r < foldLimit; r++ {
		if unicode.IsUpper(r) {
			t[r/64] |= 1 << (r % 64)
		}
	}
	return t
}

// IsUpper is unicode.IsUpper(r). Below foldLimit it is one bit test in a static
// table: the extractor asks it of every rune of a text (a glued "BộKế", a
// capitalised word), and for Vietnamese letters outside Latin-1 unicode.IsUpper
// is a binary search.
func IsUpper(r rune) bool {
	if u := uint32(r); u < foldLimit { // small enough to be inlined, as FoldRune: the rest is a call
		return upperBytes[u]
	}
	return isUpperSlow(r)
}

// upperBytes is upperRunes a bool a rune: the bit test costs the inliner more
// than its budget leaves for IsUpper.
var upperBytes = func() (t [foldLimit]bool) {
	for u := range t {
		t[u] = upperRunes[u/64]&(1<<(u%64)) != 0
	}
	return t
}()

// isUpperSlow is IsUpper above the table, a call of its own so that IsUpper
// stays small enough to be inlined (unglue asks it of every rune of a text
// after a small letter; issue 14).
//
//go:noinline
func isUpperSlow(r rune) bool { return unicode.IsUpper(r) }

// HasUpper reports whether a rune of s is upper case (unicode.IsUpper): the
// two-byte runes and U+1xxx (Vietnamese letters) decoded in place and told by
// the table, without a call each (the extractor asks it of every word it
// views that does not start with a capital; issue 14). TestHasUpperIsPlain
// and FuzzHasUpper compare it with the plain loop.
func HasUpper(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				return true
			}
			i++
			continue
		}
		var r rune
		size := 0
		switch {
		case c >= 0xC2 && c <= 0xDF && i+1 < len(s) && s[i+1]&0xC0 == 0x80:
			r, size = rune(c&0x1F)<<6|rune(s[i+1]&0x3F), 2
		case c == 0xE1 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80:
			r, size = 0x1000|rune(s[i+1]&0x3F)<<6|rune(s[i+2]&0x3F), 3
		default:
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		if u := uint32(r); u < foldLimit {
			if upperRunes[u/64]&(1<<(u%64)) != 0 {
				return true
			}
		} else if unicode.IsUpper(r) {
			return true
		}
		i += size
	}
	return false
}

func isWordRuneSlow(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// isWordRune: r is a letter, a digit or a non-spacing mark. Below foldLimit it
// is one bit test in the static table: Tokenize asks for every non-ASCII rune of
// every sentence, and the unicode range tables cost a binary search each.
func isWordRune(r rune) bool {
	if r < foldLimit {
		return wordRunes[r/64]&(1<<(r%64)) != 0
	}
	return isWordRuneSlow(r)
}

func foldSlow(r rune) rune {
	switch r {
	case 'đ', 'Đ':
		return 'd'
	}
	d := norm.NFD.String(string(r))
	b, _ := utf8.DecodeRuneInString(d)
	return unicode.ToLower(b)
}

// FoldRune lowers r and strips its diacritics (đ→d). Combining marks fold to 0.
func FoldRune(r rune) rune {
	if u := uint32(r); u < foldLimit { // small enough to be inlined: the rest is a call
		return foldTable[u]
	}
	return foldRuneSlow(r)
}

// foldRuneSlow is FoldRune above the table, a call of its own so that
// FoldRune stays small enough to be inlined.
//
//go:noinline
func foldRuneSlow(r rune) rune {
	if unicode.Is(unicode.Mn, r) {
		return 0
	}
	return unicode.ToLower(r)
}

// Token is one normalised word of a text with its byte span in that text.
type Token struct {
	Word       string
	Start, End int
}

// Tokenize splits s into normalised words: runs of letters and digits, and "&" on
// its own. Everything else separates words. s should be NFC.
func Tokenize(s string) []Token {
	var small [512]int // the spans of a sentence's tokens, on the stack (256 tokens: a long sentence's; beyond, they grow on the heap)
	words, spans, n := scan(s, small[:0])
	// canonMay over the tokens is this search of the folded words (each
	// followed by a space, so that " nhan dan " is the two words after
	// another): one search instead of a comparison per token (issue 14)
	canon := strings.Contains(words, " nhan dan ")
	out := make([]Token, n)
	for i := range out {
		n := wordLen(words)
		out[i] = Token{Word: words[:n], Start: spans[2*i], End: spans[2*i+1]}
		words = words[n+1:]
	}
	if !canon {
		return out // canonWords would change nothing
	}
	return joinUBND(out)
}

// TokenizeInto is Tokenize(s), its tokens written into room when they fit
// (room[:n], n the number of words before "Ủy ban nhân dân" is joined), else
// into a slice of their own: the extractor cuts its sentences' tokens from
// room it uses again from one text to the next, instead of a slice of their
// own each (a fifth of what it allocated; issue 14).
func TokenizeInto(room []Token, s string) []Token {
	var small [512]int // as Tokenize
	words, spans, n := scan(s, small[:0])
	canon := strings.Contains(words, " nhan dan ")
	var out []Token
	if n <= cap(room) {
		out = room[:n]
	} else {
		out = make([]Token, n)
	}
	for i := range out {
		n := wordLen(words)
		out[i] = Token{Word: words[:n], Start: spans[2*i], End: spans[2*i+1]}
		words = words[n+1:]
	}
	if !canon {
		return out
	}
	return joinUBND(out)
}

// AppendTokens appends Tokenize(s) to dst and returns the extended slice: a
// caller that reads a few words of a text and drops them (the extractor's
// opening words) passes room on its stack, so that only the folded words are
// allocated.
func AppendTokens(dst []Token, s string) []Token {
	var small [128]int
	words, spans, n := scan(s, small[:0])
	from := len(dst)
	for i := range n {
		k := wordLen(words)
		dst = append(dst, Token{Word: words[:k], Start: spans[2*i], End: spans[2*i+1]})
		words = words[k+1:]
	}
	// canonWords joins in place, from the first token it is given: its
	// result is the start of dst[from:], shortened
	return dst[:from+len(canonWords(dst[from:]))]
}

// wordLen is strings.IndexByte(words, ' ') for scan's words, each followed by
// a space: a word is a few bytes, fewer than a call of the vectorised search
// costs to set up (it was a twentieth of Extract's time, with Words).
func wordLen(words string) int {
	n := 0
	for words[n] != ' ' {
		n++
	}
	return n
}

// scan folds the words of s into one string, each word followed by a space (a
// word never holds one: it is letters, digits or "&"), appends the start and
// end of each to spans (when spans is not nil), and counts them (n). Tokenize cuts every Word from that one string: one
// allocation per call instead of one per token, which made Tokenize the
// extractor's costliest function; and the spans are gathered apart so that the
// tokens, which the collector scans, are allocated once at their exact number.
func scan(s string, spans []int) (words string, _ []int, n int) {
	// The folded words go to a byte slice made once at a size they seldom
	// pass (a letter folds to one no longer, mostly to ASCII; only "&" and
	// the spaces after words add bytes), then become the string without a
	// copy, as strings.Builder does (the slice is not written again):
	// appending to a local slice costs less than the Builder's checked
	// WriteByte, asked once per byte of every sentence.
	buf := make([]byte, 0, len(s)+len(s)/8+2)
	start := -1
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if f := asciiFold[c]; f > '&' { // a letter or a digit (asciiFold): one look-up, not four comparisons
				if start < 0 {
					start = i
				}
				buf = append(buf, f)
				i++
				continue
			}
			switch {
			case c == '&':
				if start >= 0 {
					n++
					if spans != nil {
						spans = append(spans, start, i)
					}
					buf = append(buf, ' ')
					start = -1
				}
				n++
				if spans != nil {
					spans = append(spans, i, i+1)
				}
				buf = append(buf, '&', ' ')
			default:
				if start >= 0 {
					n++
					if spans != nil {
						spans = append(spans, start, i)
					}
					buf = append(buf, ' ')
					start = -1
				}
			}
			i++
			continue
		}
		// decode the rune: the two-byte runes (U+0080–U+07FF) and Latin
		// Extended Additional (U+1E00–U+1EFF, lead byte E1 B8–BB: Vietnamese
		// letters) are read in place, any other by utf8 (the same lines as in
		// HasUpper: a function for them costs 175 against the inliner's budget
		// of 80, and a call per rune here is what this loop avoids)
		var r rune
		size := 0
		switch {
		case c >= 0xC2 && c <= 0xDF && i+1 < len(s) && s[i+1]&0xC0 == 0x80:
			r, size = rune(c&0x1F)<<6|rune(s[i+1]&0x3F), 2
		case c == 0xE1 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80:
			r, size = 0x1000|rune(s[i+1]&0x3F)<<6|rune(s[i+2]&0x3F), 3
		default:
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		word := false
		var f rune
		if u := uint(r); u < foldLimit { // isWordRune and FoldRune, read here: the call is not inlined
			word, f = wordRunes[u/64]&(1<<(u%64)) != 0, foldTable[u]
		} else {
			word, f = isWordRuneSlow(r), FoldRune(r)
		}
		if word {
			if f != 0 {
				if start < 0 {
					start = i
				}
				if f < utf8.RuneSelf {
					buf = append(buf, byte(f)) // most letters fold to ASCII ("ế" → "e")
				} else {
					buf = utf8.AppendRune(buf, f)
				}
			}
		} else if start >= 0 {
			n++
			if spans != nil {
				spans = append(spans, start, i)
			}
			buf = append(buf, ' ')
			start = -1
		}
		i += size
	}
	if start >= 0 {
		n++
		if spans != nil {
			spans = append(spans, start, len(s))
		}
		buf = append(buf, ' ')
	}
	if len(buf) == 0 {
		return "", spans, n
	}
	return unsafe.String(&buf[0], len(buf)), spans, n
}

// asciiFold is an ASCII letter or digit folded (a small letter), 0 for any
// other byte: scan reads a word's ASCII bytes by it.
var asciiFold = func() (t [utf8.RuneSelf]byte) {
	for c := byte('0'); c <= '9'; c++ {
		t[c] = c
	}
	for c := byte('a'); c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = c, c
	}
	return t
}()

// canonWords maps spelling variants to one word so that "UBND" and "Ủy ban nhân
// dân" compare equal.
func canonWords(ts []Token) []Token {
	if !canonMay(ts) {
		return ts
	}
	return joinUBND(ts)
}

// joinUBND is canonWords once canonMay holds.
func joinUBND(ts []Token) []Token {
	out := ts[:0] // in place: the write index never passes the read index
	for i := 0; i < len(ts); i++ {
		if n := ubndAt(len(ts), i, func(k int) string { return ts[k].Word }); n > 0 {
			out = append(out, Token{Word: "ubnd", Start: ts[i].Start, End: ts[i+n-1].End})
			i += n - 1
			continue
		}
		out = append(out, ts[i])
	}
	return out
}

// canonStrings is canonWords for words alone.
func canonStrings(ws []string) []string {
	out := ws[:0]
	for i := 0; i < len(ws); i++ {
		if n := ubndAt(len(ws), i, func(k int) string { return ws[k] }); n > 0 {
			out = append(out, "ubnd")
			i += n - 1
			continue
		}
		out = append(out, ws[i])
	}
	return out
}

// ubndAt is how many of the n words from i spell "Ủy ban nhân dân" (0: none):
// four, or three in "Ủyban nhân dân" (a space lost in a PDF's text layer).
func ubndAt(n, i int, word func(int) string) int {
	switch {
	case i+3 < n && word(i) == "uy" && word(i+1) == "ban" && word(i+2) == "nhan" && word(i+3) == "dan":
		return 4
	case i+2 < n && word(i) == "uyban" && word(i+1) == "nhan" && word(i+2) == "dan":
		return 3
	}
	return 0
}

// Normalize returns the comparison key of a name: its normalised words joined by
// single spaces.
func Normalize(s string) string {
	words, _, n := scan(nfc.String(s), nil)
	if n == 0 || strings.Contains(words, " nhan dan ") {
		return strings.Join(Words(s), " ")
	}
	// scan's words are already joined by single spaces (with one after the
	// last): no words need joining as "ubnd", so that is the key
	return words[:len(words)-1]
}

// Words returns the normalised words of s: strings.Fields(Normalize(s)), without
// joining them only to split them again (no word holds a space), nor making
// tokens.
func Words(s string) []string {
	s = nfc.String(s)
	words, _, n := scan(s, nil)
	canon := strings.Contains(words, " nhan dan ")
	ws := make([]string, n)
	for i := range ws {
		k := wordLen(words)
		ws[i], words = words[:k], words[k+1:]
	}
	if !canon {
		return ws // canonWords would change nothing
	}
	return canonStrings(ws)
}

// canonMay: ts holds "nhan" followed by "dan", which every variant canonWords
// joins ends with (its loop compares each word with "uy" first, for nothing in
// most sentences).
func canonMay(ts []Token) bool {
	for i := 1; i+1 < len(ts); i++ {
		if ts[i].Word == "nhan" && ts[i+1].Word == "dan" {
			return true
		}
	}
	return false
}
