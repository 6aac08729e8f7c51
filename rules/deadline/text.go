package deadline

import (
	"unicode"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/unicode/norm"

	"cddh-sync/internal/nfc"
)

// folded is the input made NFC and lower case, with a map back to the caller's
// byte offsets (nil when the input already was NFC: offsets are then identical,
// because lowering below never changes a rune's encoded length).
type folded struct {
	s    string
	offs []int // offs[i] = input offset of folded byte i; len(s)+1 entries
	n    int   // len of the original input
}

func fold(text string) folded {
	if nfc.IsNormal(text) {
		return folded{s: lowerSameLen(text), n: len(text)}
	}
	// TCVN 6909 (002 Đ4.3): decomposed Vietnamese must match like composed.
	out := make([]byte, 0, len(text))
	offs := make([]int, 0, len(text)+1)
	var it norm.Iter
	it.InitString(norm.NFC, text)
	for !it.Done() {
		pos := it.Pos()
		seg := it.Next()
		for range seg {
			offs = append(offs, pos)
		}
		out = append(out, seg...)
	}
	offs = append(offs, len(text))
	return folded{s: lowerSameLen(string(out)), offs: offs, n: len(text)}
}

// orig maps an offset in the folded text back to the input.
func (f folded) orig(i32 int32) int {
	i := int(i32)
	if f.offs == nil {
		return i
	}
	if i >= len(f.offs) {
		return f.n
	}
	return f.offs[i]
}

// lowerSameLen lowers every rune whose lower case has the same UTF-8 length
// (all Vietnamese letters do), so byte offsets survive folding.
func lowerSameLen(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		// (the bytes are made once and become the string without a copy,
		// as strings.Builder does; issue 14)
		b := []byte(s)
		for i, c := range b {
			if 'A' <= c && c <= 'Z' {
				b[i] = c + 32
			}
		}
		return unsafe.String(unsafe.SliceData(b), len(b))
	}
	// The bytes are copied once and only the runes that lower are written
	// again in place (the same length, so nothing moves): most letters of
	// Vietnamese text are small already, and decoding and appending every
	// rune again was most of this function (issue 14; lowerSameLenPlain in
	// text_test.go is that loop, checked equal over the corpus and by
	// FuzzLowerSameLen). The two-byte runes and Latin Extended Additional
	// (lead byte E1: Vietnamese letters) are decoded here, the rest by utf8.
	b := []byte(s)
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				b[i] = c + 32
			}
			i++
			continue
		}
		var r rune
		var w int
		switch {
		case c >= 0xC2 && c <= 0xDF && i+1 < len(s) && s[i+1]&0xC0 == 0x80:
			r, w = rune(c&0x1F)<<6|rune(s[i+1]&0x3F), 2
		case c == 0xE1 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80:
			r, w = 0x1000|rune(s[i+1]&0x3F)<<6|rune(s[i+2]&0x3F), 3
		default:
			r, w = utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError {
				// Invalid bytes become spaces of the same width.
				for k := range w {
					b[i+k] = ' '
				}
				i += w
				continue
			}
		}
		if !lowerAlready(r) {
			if l := unicode.ToLower(r); l != r && utf8.RuneLen(l) == w {
				utf8.EncodeRune(b[i:], l)
			}
		}
		i += w
	}
	return unsafe.String(unsafe.SliceData(b), len(b)) // (b is not written again)
}

type tokKind uint8

const (
	tkWord tokKind = iota
	tkNum
	tkPunct
)

// token is one word, digit run or punctuation mark of the folded text.
// It holds no pointer, so a long token slice costs the garbage collector nothing.
type token struct {
	start, end int32 // byte offsets in the folded text
	num        int32 // value of a digit run (capped), -1 when too long
	digits     int32 // length of a digit run
	kind       tokKind
	space      bool // whitespace precedes the token
	para       bool // a line break precedes the token
}

func tokenize(s string) []token { return appendTokens(nil, s) }

// appendTokens appends tokenize(s) to toks: Find passes a slice it reuses.
func appendTokens(toks []token, s string) []token {
	// room for a token every four bytes: the corpus's sentences have one
	// every five on average and every 2.3 at most (digits, punctuation), so
	// it seldom grows; one every two bytes, as it was, made the deadline
	// grammar's tokens a twelfth of what Extract allocates, half of it unused
	if room := len(toks) + len(s)/4 + 8; cap(toks) < room {
		toks = append(make([]token, 0, room), toks...)
	}
	space, para := true, true
	for i := 0; i < len(s); {
		r, w := rune(s[i]), 1
		if c := s[i]; c >= utf8.RuneSelf {
			// (decodeAt, written out: the call costs more than its cases)
			switch {
			case c >= 0xC2 && c <= 0xDF && i+1 < len(s) && s[i+1]&0xC0 == 0x80:
				r, w = rune(c&0x1F)<<6|rune(s[i+1]&0x3F), 2
			case c == 0xE1 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80:
				r, w = 0x1000|rune(s[i+1]&0x3F)<<6|rune(s[i+2]&0x3F), 3
			default:
				r, w = utf8.DecodeRuneInString(s[i:])
			}
		}
		switch {
		case r == '\n' || r == '\r':
			para, space = true, true
			i += w
		case r == ' ' || r == '\t' || r >= utf8.RuneSelf && (r < 0x1E00 || r > 0x1EFF) && (unicode.IsSpace(r) || r == utf8.RuneError):
			// (U+1E00–U+1EFF, most of Vietnamese's letters, hold no space:
			// unicode's table is not searched for them)
			space = true
			i += w
		case r >= '0' && r <= '9':
			j, v := i, int32(0)
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				if v >= 0 && v < 1e8 {
					v = v*10 + int32(s[j]-'0')
				} else {
					v = -1
				}
				j++
			}
			toks = append(toks, token{kind: tkNum, start: int32(i), end: int32(j), num: v, digits: int32(j - i), space: space, para: para})
			i, space, para = j, false, false
		case isLetter(r):
			j := i + w
			for j < len(s) {
				c := s[j]
				if c < utf8.RuneSelf {
					if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' {
						j++
						continue
					}
					break
				}
				if c == 0xE1 && j+2 < len(s) && s[j+1]&0xFC == 0xB8 && s[j+2]&0xC0 == 0x80 {
					j += 3 // U+1E00–U+1EFF, Latin Extended Additional: a letter (isLetter)
					continue
				}
				r2, w2 := decodeAt(s, j)
				if !isLetter(r2) {
					break
				}
				j += w2
			}
			toks = append(toks, token{kind: tkWord, start: int32(i), end: int32(j), space: space, para: para})
			i, space, para = j, false, false
		default:
			toks = append(toks, token{kind: tkPunct, start: int32(i), end: int32(i + w), space: space, para: para})
			i, space, para = i+w, false, false
		}
	}
	return toks
}

// decodeAt is utf8.DecodeRuneInString(s[i:]) for s[i] beyond ASCII: the
// two-byte runes and Latin Extended Additional (lead byte E1: Vietnamese
// letters) read in place, without the call utf8 makes for every rune beyond
// ASCII (issue 14).
func decodeAt(s string, i int) (rune, int) {
	c := s[i]
	if c >= 0xC2 && c <= 0xDF && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
		return rune(c&0x1F)<<6 | rune(s[i+1]&0x3F), 2
	}
	if c == 0xE1 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
		return 0x1000 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F), 3
	}
	return utf8.DecodeRuneInString(s[i:])
}

func isLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
	}
	switch {
	case r >= 0x100 && r <= 0x24f, r >= 0x1e00 && r <= 0x1eff, r >= 0x300 && r <= 0x36f:
		// Latin Extended-A/B, Latin Extended Additional (ạ … ỹ) and combining
		// marks: every Vietnamese letter, without a table search.
		return true
	}
	return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r)
}

func (t token) str(s string) string { return s[t.start:t.end] }

// lowerAlready: r is a lower-case letter of Vietnamese outside ASCII, so its own
// lower case, told without unicode's case tables (a binary search a rune; issue
// 14: speed). TestLowerAlready checks every rune it accepts.
func lowerAlready(r rune) bool {
	switch {
	case r >= 0xDF && r <= 0xFF: // ß, à–ÿ (and ÷)
		return true
	case r >= 0x1EA1 && r <= 0x1EF9: // ạ–ỹ: capitals even, small letters odd
		return r&1 == 1
	}
	return r == 'ă' || r == 'đ' || r == 'ĩ' || r == 'ũ' || r == 'ơ' || r == 'ư'
}
