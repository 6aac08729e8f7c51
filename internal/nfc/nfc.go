// Package nfc makes text NFC (Unicode normalisation form C) as
// golang.org/x/text/unicode/norm does, with a fast path for the common case: a
// text that already is NFC and is written in Vietnamese, Latin letters and
// ordinary punctuation. norm's own check looks every non-ASCII rune up in its
// trie; the extractor checks the same sentences many times (issue 14: speed),
// so here a rune from the ranges below costs a comparison, and any other rune
// hands the whole text to norm.
package nfc

import (
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// inert: r is NFC on its own, has canonical combining class 0 (so is the
// decomposition's first rune), and composes with nothing before it (its NFC
// quick check is Yes). A text made only of such runes is NFC (UAX #15, the
// quick check: all Yes, no combining class to order). The ranges are Latin,
// IPA and spacing modifiers, Latin Extended Additional (Vietnamese: U+1EA0–
// U+1EF9) and general punctuation, currency; TestInert checks each rune.
func inert(r rune) bool {
	return r < 0x300 || r >= 0x1E00 && r <= 0x1EFF || r >= 0x2002 && r <= 0x20CF
}

// IsNormal is norm.NFC.IsNormalString(s).
func IsNormal(s string) bool {
	i := 0
	for i < len(s) {
		c := s[i]
		switch {
		case c < utf8.RuneSelf:
			i++
			continue
		// the encodings of U+0080–U+02FF and U+1E00–U+1EFF, read without
		// decoding: Vietnamese letters are all here
		case c >= 0xC2 && c <= 0xCB && i+1 < len(s) && s[i+1]&0xC0 == 0x80:
			i += 2
			continue
		case c == 0xE1 && i+2 < len(s) && s[i+1] >= 0xB8 && s[i+1] <= 0xBB && s[i+2]&0xC0 == 0x80:
			i += 3
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if !inert(r) { // U+FFFD for an invalid byte is not inert either
			return norm.NFC.IsNormalString(s)
		}
		i += n
	}
	return true
}

// String is norm.NFC.String(s): s itself when it already is NFC.
func String(s string) string {
	if IsNormal(s) {
		return s
	}
	return norm.NFC.String(s)
}
