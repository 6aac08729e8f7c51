package units

import (
	"sync"
	"unicode"
	"unicode/utf8"
)

// A unit's name is found in a text by its folded words (Tokenize: lower case,
// no diacritics), so that "UỶ BAN", "Ủy ban" and "Uỷ ban" are one name. Folding
// also makes other words one: "đảm bảo tính" folds as "Báo tỉnh" does (the
// provincial newspaper), "bão, tình" too. The directory therefore keeps how
// each word of its names is spelt (spelling: the letters with their hats,
// horns and "đ", and the tone marks, wherever a tone is placed: "hoà" and
// "hòa" are one spelling), and a word of a text whose spelling differs from
// the name's there is not that name's word. A word written without any
// diacritic ("Bao tinh", "UBND", "GD") cannot tell, and matches as before.

// vowelsByTone: each vowel of Vietnamese with no tone mark, then with huyền,
// sắc, hỏi, ngã and nặng, lower case.
var vowelsByTone = [...]string{
	"aàáảãạ", "ăằắẳẵặ", "âầấẩẫậ", "eèéẻẽẹ", "êềếểễệ", "iìíỉĩị",
	"oòóỏõọ", "ôồốổỗộ", "ơờớởỡợ", "uùúủũụ", "ưừứửữự", "yỳýỷỹỵ",
}

type toned struct {
	base rune  // the letter without its tone mark ("ầ" → "â")
	tone uint8 // 0 none, 1 huyền … 5 nặng
}

// tonedRunes maps each Vietnamese vowel with a tone mark, in both cases, to its
// letter and tone (about 140 runes: built on first use, not at start-up).
var tonedRunes = sync.OnceValue(func() map[rune]toned {
	m := make(map[rune]toned, 2*6*len(vowelsByTone))
	for _, s := range vowelsByTone {
		rs := []rune(s)
		for t, r := range rs {
			m[r] = toned{rs[0], uint8(t)}
			m[unicode.ToUpper(r)] = toned{rs[0], uint8(t)}
		}
	}
	return m
})

// Combining tone marks, for text that is not NFC.
var combiningTone = map[rune]uint8{0x300: 1, 0x301: 2, 0x309: 3, 0x303: 4, 0x323: 5}

// spell is a word's spelling as above: its letters (lower case, tone marks
// off, hats kept) and its tone marks, each hashed.
type spell struct {
	letters uint64
	tones   uint64 // 0: no tone mark
}

// spelling spells w. marked is false for a word with no letter outside ASCII,
// whose spelling cannot tell it from another that folds the same.
func spelling(w string) (sp spell, marked bool) {
	const prime = 1099511628211
	sp.letters = 14695981039346656037
	for _, r := range w {
		switch {
		case r < utf8.RuneSelf:
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
		default:
			marked = true
			if t, ok := tonedRunes()[r]; ok {
				r = t.base
				if t.tone != 0 {
					sp.tones = sp.tones*8 + uint64(t.tone)
				}
			} else if t, ok := combiningTone[r]; ok {
				sp.tones = sp.tones*8 + uint64(t)
				continue
			} else {
				r = unicode.ToLower(r)
			}
		}
		sp.letters = (sp.letters ^ uint64(r)) * prime
	}
	if sp.letters == spellAny {
		sp.letters--
	}
	return sp, marked
}

// spellAny: the names leading to a node spell its word two ways, or one of
// them in a way not known.
const spellAny = ^uint64(0)

// meet records that a name's word spelt sp leads to n (sp zero: not known).
func (n *node) meet(sp spell) {
	switch {
	case sp.letters == 0:
		n.spell.letters = spellAny
	case n.spell.letters == 0:
		n.spell = sp
	case n.spell != sp:
		n.spell.letters = spellAny
	}
}

// spelledAs: the text's word w may be the word that leads to n. Its letters
// must be the name's; its tone marks too, unless it has none (a word whose
// marks were lost, "Dân tôc", is still the name's).
func (n *node) spelledAs(w string) bool {
	if n.spell.letters == 0 || n.spell.letters == spellAny {
		return true
	}
	sp, marked := spelling(w)
	return !marked || sp.letters == n.spell.letters && (sp.tones == 0 || sp.tones == n.spell.tones)
}

// tokenSpelling is the spelling of the name's word t; zero for "ubnd", which
// "UBND" and "Ủy ban nhân dân" spell alike (canonWords).
func tokenSpelling(name string, t Token) spell {
	if t.Word == "ubnd" {
		return spell{}
	}
	sp, _ := spelling(name[t.Start:t.End])
	return sp
}

// wordSpellings maps each folded word of name to its spelling there (zero
// when the name spells one folded word two ways).
func wordSpellings(m map[string]spell, name string) {
	for _, t := range Tokenize(name) {
		sp := tokenSpelling(name, t)
		if old, ok := m[t.Word]; ok && old != sp {
			sp = spell{}
		}
		m[t.Word] = sp
	}
}
