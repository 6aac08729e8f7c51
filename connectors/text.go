package connectors

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// This file composes Vietnamese text to NFC with the standard library only: the
// connectors package may not import x/text (architecture.md), yet the secrecy
// check must treat composed and decomposed Vietnamese alike (002 Đ4.3, rules.md
// §6). For strings of ASCII, Vietnamese letters and the Vietnamese combining
// marks the result equals norm.NFC (a test checks this against x/text); other
// text passes through unchanged.

// The combining marks Vietnamese uses, with their canonical combining classes.
const (
	markGrave  = '\u0300'
	markAcute  = '\u0301'
	markCirc   = '\u0302'
	markTilde  = '\u0303'
	markBreve  = '\u0306'
	markHook   = '\u0309'
	markHorn   = '\u031B'
	markDot    = '\u0323'
	markGraveT = '\u0340' // deprecated tone marks, canonically equal to grave/acute
	markAcuteT = '\u0341'
)

func combiningClass(r rune) int {
	switch r {
	case markHorn:
		return 216
	case markDot:
		return 220
	case markGrave, markAcute, markCirc, markTilde, markBreve, markHook:
		return 230
	}
	return -1 // not a mark this file knows
}

// vietComposer holds the canonical pairs: a letter plus one mark gives a letter.
type vietComposer struct {
	compose   map[[2]rune]rune
	decompose map[rune][2]rune
}

// The Vietnamese vowels by tone: row 0 is toneless, then grave, acute, hook,
// tilde, dot below. Columns: a ă â e ê i o ô ơ u ư y.
var vietToneRows = [6]string{
	"aăâeêioôơuưy",
	"àằầèềìòồờùừỳ",
	"áắấéếíóốớúứý",
	"ảẳẩẻểỉỏổởủửỷ",
	"ãẵẫẽễĩõỗỡũữỹ",
	"ạặậẹệịọộợụựỵ",
}

var vietToneMarks = [6]rune{0, markGrave, markAcute, markHook, markTilde, markDot}

// vietForms says how each column is built: base letter and modifier mark.
var vietForms = [12]struct {
	base rune
	mod  rune
}{
	{'a', 0}, {'a', markBreve}, {'a', markCirc}, {'e', 0}, {'e', markCirc}, {'i', 0},
	{'o', 0}, {'o', markCirc}, {'o', markHorn}, {'u', 0}, {'u', markHorn}, {'y', 0},
}

// latinExtras are Latin letters outside Vietnamese that the same marks compose,
// kept so that composing stays equal to NFC on any mix of these marks.
var latinExtras = []struct {
	base, mark, result rune
}{
	{'i', markCirc, 'î'}, {'u', markCirc, 'û'}, {'y', markCirc, 'ŷ'},
	{'e', markBreve, 'ĕ'}, {'i', markBreve, 'ĭ'}, {'o', markBreve, 'ŏ'}, {'u', markBreve, 'ŭ'},
	{'õ', markAcute, 'ṍ'}, {'ũ', markAcute, 'ṹ'},
}

func newVietComposer() *vietComposer {
	c := &vietComposer{compose: map[[2]rune]rune{}, decompose: map[rune][2]rune{}}
	add := func(first, mark, result rune) {
		for _, up := range []bool{false, true} {
			f, r := first, result
			if up {
				f, r = unicode.ToUpper(first), unicode.ToUpper(result)
			}
			c.compose[[2]rune{f, mark}] = r
			c.decompose[r] = [2]rune{f, mark}
		}
	}
	rows := [6][]rune{}
	for i, s := range vietToneRows {
		rows[i] = []rune(s)
	}
	for col, form := range vietForms {
		plain := rows[0][col]
		if form.mod != 0 {
			add(form.base, form.mod, plain)
		}
		for tone := 1; tone < 6; tone++ {
			toned := rows[tone][col]
			switch {
			case tone != 5 || form.mod == 0 || form.mod == markHorn:
				// Tone marks compose onto the (modified) vowel; the dot below
				// sorts after the horn, so ợ = ơ + dot.
				add(plain, vietToneMarks[tone], toned)
			default:
				// The dot below sorts before breve and circumflex: ậ = ạ + circumflex.
				add(rows[5][plainColumn(form.base)], form.mod, toned)
			}
		}
	}
	for _, x := range latinExtras {
		add(x.base, x.mark, x.result)
	}
	return c
}

func plainColumn(base rune) int {
	for i, f := range vietForms {
		if f.base == base && f.mod == 0 {
			return i
		}
	}
	panic("connectors: no plain vowel " + string(base)) // the tables above are wrong
}

// vietTables is built once and only read afterwards.
var vietTables = sync.OnceValue(newVietComposer)

// ComposeVietnamese returns s with Vietnamese letters in NFC: a letter written
// as a base plus combining marks becomes the single precomposed letter, in any
// mark order. Everything else is left as it is.
func ComposeVietnamese(s string) string {
	// Fast path: no mark this composer knows, nothing to do.
	if !strings.ContainsFunc(s, func(r rune) bool { return combiningClass(canonMark(r)) >= 0 }) {
		return s
	}
	return vietTables().composeString(s)
}

func (c *vietComposer) composeString(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	rs := []rune(s)
	for i := 0; i < len(rs); {
		start := rs[i]
		j := i + 1
		for j < len(rs) && combiningClass(canonMark(rs[j])) >= 0 {
			j++
		}
		if combiningClass(canonMark(start)) >= 0 {
			// A mark with no letter before it stays as it is.
			b.WriteRune(canonMark(start))
			i++
			continue
		}
		c.composeCluster(&b, start, rs[i+1:j])
		i = j
	}
	return b.String()
}

func canonMark(r rune) rune {
	switch r {
	case markGraveT:
		return markGrave
	case markAcuteT:
		return markAcute
	}
	return r
}

// composeCluster writes one starter and its marks in NFC: decompose fully,
// order the marks canonically, then compose left to right unless blocked.
func (c *vietComposer) composeCluster(b *strings.Builder, starter rune, marks []rune) {
	base := starter
	var all []rune
	for {
		d, ok := c.decompose[base]
		if !ok {
			break
		}
		all = append([]rune{d[1]}, all...)
		base = d[0]
	}
	for _, m := range marks {
		all = append(all, canonMark(m))
	}
	slices.SortStableFunc(all, func(x, y rune) int { return combiningClass(x) - combiningClass(y) })
	var left []rune
	for _, m := range all {
		blocked := len(left) > 0 && combiningClass(left[len(left)-1]) >= combiningClass(m)
		if r, ok := c.compose[[2]rune{base, m}]; ok && !blocked {
			base = r
			continue
		}
		left = append(left, m)
	}
	b.WriteRune(base)
	for _, m := range left {
		b.WriteRune(m)
	}
}

// FoldVietnamese is the key for comparing Vietnamese words: NFC-composed,
// lower case, inner runs of white space collapsed to one space, trimmed.
func FoldVietnamese(s string) string {
	s = strings.ToLower(ComposeVietnamese(s))
	return strings.Join(strings.Fields(s), " ")
}

// notSecretWords are the doMat values that mean "not secret", folded. Anything
// else non-empty is treated as secret: a misspelt or unknown secrecy level must
// keep a document out, never let it in (architecture.md invariant 4).
var notSecretWords = []string{"thường", "bình thường", "không"}

// IsSecret reports whether a doMat value marks a secret document: "Mật", "Tối
// mật", "Tuyệt mật" (002 Đ5.1) in any case and Unicode form, and any unknown
// word. "" and "Thường" are not secret.
func IsSecret(secrecy string) bool {
	k := FoldVietnamese(secrecy)
	if k == "" {
		return false
	}
	return !slices.Contains(notSecretWords, k)
}

// validUTF8OrReplace returns s with invalid UTF-8 replaced, so that text from
// the wire is always safe to log, compare and store.
func validUTF8OrReplace(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}

// CleanText makes a wire string safe and comparable: valid UTF-8, Vietnamese
// letters composed (NFC), NUL bytes removed. It keeps line breaks and spacing.
func CleanText(s string) string {
	s = validUTF8OrReplace(s)
	if strings.IndexByte(s, 0) >= 0 {
		s = strings.ReplaceAll(s, "\x00", "")
	}
	return ComposeVietnamese(s)
}
