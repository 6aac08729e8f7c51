package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"cddh-sync/internal/lazy"
	"cddh-sync/rules/units"
)

// gluedPairs maps the second word of a two-word action phrase ("chủ trì",
// "khẩn trương") to its possible first words, folded: the space between two
// words lost in a PDF's text layer ("Đầu tưchủ trì", "khẩntrương") is put back
// where a phrase of the task grammar is recognised across it.
var gluedPairs = &lazy.Value[map[string][]string]{Make: func() map[string][]string {
	m := map[string][]string{}
	for _, p := range actionPhrases.words() {
		if len(p) == 2 && len(p[0]) >= 2 && len(p[1]) >= 2 {
			m[p[1]] = append(m[p[1]], p[0])
		}
	}
	return m
}}

// gluedWhole maps a two-word action phrase written as one word ("khantruong")
// to the rune count of its first word.
var gluedWhole = &lazy.Value[map[string]int]{Make: func() map[string]int {
	m := map[string]int{}
	for second, firsts := range gluedPairs.Get() {
		for _, first := range firsts {
			m[first+second] = len([]rune(first))
		}
	}
	return m
}}

// unglueWords splits "tưchủ trì" into "tư chủ trì" and "khẩntrương" into
// "khẩn trương", lower-case words only.
func unglueWords(text string) string {
	var b strings.Builder
	last := 0
	var buf, nb []byte
	for at := 0; at < len(text); {
		// the next word: a run of non-space bytes
		for at < len(text) && isSpace(text[at]) {
			at++
		}
		end := at
		for end < len(text) && !isSpace(text[end]) {
			end++
		}
		if at >= len(text) {
			break
		}
		w := text[at:end]
		at = end
		// len(w) < 5 first: fewer bytes than five are fewer runes than five
		if len(w) < 5 || !polysyllabic(w) {
			continue // one syllable: nothing glued
		}
		lower := startsLowerWord(w) // a capitalised word: only a function word glued after it ("Giaocho Sở …")
		next := end
		for next < len(text) && isSpace(text[next]) {
			next++
		}
		nextEnd := next
		for nextEnd < len(text) && !isSpace(text[nextEnd]) {
			nextEnd++
		}
		nextWord := text[next:nextEnd]
		buf = foldInto(buf[:0], w)
		cut := -1 // rune index where a space goes
		if !lower {
			// (no action phrase starts with a capital inside a sentence)
		} else if n, ok := gluedWhole.Get()[string(buf)]; ok {
			cut = n // the whole phrase glued: "khẩntrương"
		} else if nextWord != "" {
			// a word glued to the phrase's first word: "tưchủ" + "trì"
			nb = foldInto(nb[:0], strings.TrimRight(nextWord, ",.;:"))
			if firsts := gluedPairs.Get()[string(nb)]; len(firsts) > 0 {
				f := string(buf)
				for _, first := range firsts {
					if len(f) > len(first)+1 && strings.HasSuffix(f, first) {
						cut = utf8.RuneCountInString(f) - utf8.RuneCountInString(first)
						break
					}
				}
			}
		}
		if cut < 0 {
			// "cáctỉnh", "đôn đốccác", "trướcngày": a function word that PDFs
			// glue to its neighbour, and one syllable on the other side
			for _, fw := range gluedFunctionWords {
				if rest := strings.TrimPrefix(w, fw); lower && rest != w && vowelGroups(rest) == 1 && utf8.RuneCountInString(rest) >= 2 {
					cut = utf8.RuneCountInString(fw)
					break
				} else if head := strings.TrimSuffix(w, fw); head != w && vowelGroups(head) == 1 && utf8.RuneCountInString(head) >= 2 {
					cut = utf8.RuneCountInString(head)
					break
				}
			}
		}
		if cut <= 0 {
			continue
		}
		off := end - len(w)
		for k := 0; k < cut; k++ {
			_, size := utf8.DecodeRuneInString(text[off:])
			off += size
		}
		b.WriteString(text[last:off])
		b.WriteByte(' ')
		last = off
	}
	if last == 0 {
		return text
	}
	b.WriteString(text[last:])
	return b.String()
}

// vowelGroups counts the runs of vowels in w: a Vietnamese syllable has one.
// It counts no further than two, all its callers ask (one syllable or more):
// it is asked of every long word of a text (vowelGroupsSlow in fast_test.go is
// the full count, checked to agree below two).
func vowelGroups(w string) int {
	n, in := 0, false
	for i := 0; i < len(w); {
		var f rune
		if c := w[i]; c < utf8.RuneSelf {
			f = rune(c | 0x20) // lower-cases a letter; no other byte becomes a vowel
			i++
		} else {
			r, size := utf8.DecodeRuneInString(w[i:])
			f = units.FoldRune(r)
			i += size
		}
		v := false
		switch f { // a switch, not strings.ContainsRune("aeiouy", …)
		case 'a', 'e', 'i', 'o', 'u', 'y':
			v = true
		}
		if v && !in {
			if n++; n == 2 {
				return 2
			}
		}
		in = v
	}
	return n
}

// polysyllabic is utf8.RuneCountInString(w) >= 5 && vowelGroups(w) >= 2 in one
// pass that stops once both hold: unglueWords asks it of every word of five
// bytes or more (FuzzUnglue checks the two agree).
func polysyllabic(w string) bool {
	runes, groups, in := 0, 0, false
	for i := 0; i < len(w); runes++ {
		c := w[i]
		var f rune
		switch {
		case c < utf8.RuneSelf:
			f = rune(c | 0x20) // lower-cases a letter; no other byte becomes a vowel
			i++
		case c >= 0xC2 && c <= 0xDF && i+1 < len(w) && w[i+1]&0xC0 == 0x80:
			// two bytes (Latin-1, Latin Extended: ă, đ, ơ, ư …), decoded in place
			f = units.FoldRune(rune(c&0x1F)<<6 | rune(w[i+1]&0x3F))
			i += 2
		case c == 0xE1 && i+2 < len(w) && w[i+1]&0xC0 == 0x80 && w[i+2]&0xC0 == 0x80:
			// U+1000–U+1FFF (Vietnamese letters with two marks: ế, ộ …)
			f = units.FoldRune(0x1000 | rune(w[i+1]&0x3F)<<6 | rune(w[i+2]&0x3F))
			i += 3
		default:
			r, size := utf8.DecodeRuneInString(w[i:])
			f = units.FoldRune(r)
			i += size
		}
		v := f < utf8.RuneSelf && vowelBytes[f]
		if v && !in {
			groups++
		}
		in = v
		if runes >= 4 && groups >= 2 { // (runes counts the runes before this one)
			return true
		}
	}
	return false
}

// vowelBytes: the byte is a (folded) vowel.
var vowelBytes = [utf8.RuneSelf]bool{'a': true, 'e': true, 'i': true, 'o': true, 'u': true, 'y': true}

// isSpace: c is a space, a tab or a line end. The table makes it one load:
// unglueWords asks it of every byte of a text.
func isSpace(c byte) bool { return spaceBytes[c] }

var spaceBytes = [256]bool{' ': true, '\n': true, '\t': true, '\r': true}

func startsLowerWord(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsLower(r)
}

// foldInto appends the word folded letter by letter (one rune for one rune: the
// text is NFC).
func foldInto(b []byte, w string) []byte {
	for _, r := range w {
		if f := units.FoldRune(r); f != 0 {
			b = utf8.AppendRune(b, f)
		} else {
			b = utf8.AppendRune(b, r)
		}
	}
	return b
}

// gluedFunctionWords are the short words found glued to a neighbour in the
// corpus's PDF text ("cáctỉnh", "trướcngày", "dânchậm nhất", "Giaocho").
var gluedFunctionWords = []string{"các", "trước", "ngày", "chậm", "cho"}
