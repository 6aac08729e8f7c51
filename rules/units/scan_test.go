package units

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// scanPlain is scan as it was, the plain loop over every rune through a
// strings.Builder: scan's byte loop, which decodes the common runes in place,
// must give the same words, spans and count (TestScanIsPlain, FuzzScan).
func scanPlain(s string, spans []int) (words string, _ []int, n int) {
	var buf strings.Builder
	start := -1
	flush := func(end int) {
		if start >= 0 {
			n++
			if spans != nil {
				spans = append(spans, start, end)
			}
			buf.WriteByte(' ')
			start = -1
		}
	}
	for i, r := range s {
		if r == '&' {
			flush(i)
			n++
			if spans != nil {
				spans = append(spans, i, i+1)
			}
			buf.WriteString("& ")
			continue
		}
		if r < 0x80 && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9') {
			if start < 0 {
				start = i
			}
			buf.WriteByte(byte(r))
			continue
		}
		if r < 0x80 && r >= 'A' && r <= 'Z' {
			if start < 0 {
				start = i
			}
			buf.WriteByte(byte(r + 'a' - 'A'))
			continue
		}
		if r >= 0x80 && isWordRune(r) {
			f := FoldRune(r)
			if f == 0 {
				continue
			}
			if start < 0 {
				start = i
			}
			buf.WriteRune(f)
			continue
		}
		flush(i)
	}
	flush(len(s))
	return buf.String(), spans, n
}

func scanAgrees(t *testing.T, s string) {
	t.Helper()
	// AppendTokens is Tokenize appended, after tokens already there
	before := []Token{{Word: "x", Start: 1, End: 2}}
	if got, want := fmt.Sprint(AppendTokens(before, s)), fmt.Sprint(append(before, Tokenize(s)...)); got != want {
		t.Fatalf("AppendTokens(%v, %q) = %s, want %s", before, s, got, want)
	}
	// TokenizeInto is Tokenize, in room or not
	for _, room := range [][]Token{nil, make([]Token, 3, 5), make([]Token, 0, 1024)} {
		if got, want := fmt.Sprint(TokenizeInto(room, s)), fmt.Sprint(Tokenize(s)); got != want {
			t.Fatalf("TokenizeInto(room of %d, %q) = %s, Tokenize gives %s", cap(room), s, got, want)
		}
	}
	// Tokenize is the plain loop's words made tokens and joined by canonWords
	words, spans, n := scanPlain(s, []int{})
	plain := make([]Token, n)
	for i := range plain {
		k := strings.IndexByte(words, ' ')
		plain[i] = Token{Word: words[:k], Start: spans[2*i], End: spans[2*i+1]}
		words = words[k+1:]
	}
	if got, want := fmt.Sprint(Tokenize(s)), fmt.Sprint(canonWords(plain)); got != want {
		t.Fatalf("Tokenize(%q) = %s, the plain loop and canonWords give %s", s, got, want)
	}
	for _, withSpans := range []bool{false, true} {
		var a, b []int
		if withSpans {
			a, b = []int{}, []int{}
		}
		w1, s1, n1 := scan(s, a)
		w2, s2, n2 := scanPlain(s, b)
		if got, want := fmt.Sprint(w1, s1, n1), fmt.Sprint(w2, s2, n2); got != want {
			t.Fatalf("scan(%q) = %s, the plain loop gives %s", s, got, want)
		}
	}
}

// TestScanIsPlain compares scan with the plain loop over every line and whole
// text of the extractor's corpus, stored and decomposed.
func TestScanIsPlain(t *testing.T) {
	forCorpusTexts(t, func(_, text string) {
		for _, s := range []string{text, norm.NFD.String(text)} {
			scanAgrees(t, s)
			for _, l := range strings.Split(s, "\n") {
				scanAgrees(t, l)
			}
		}
	})
}

// forCorpusTexts calls fn with every text of the extractor's corpus (the
// fast paths here are checked against their plain loops over real text).
func forCorpusTexts(t *testing.T, fn func(file, text string)) {
	t.Helper()
	files, _ := filepath.Glob("../extract/testdata/corpus/*.txt")
	if len(files) == 0 {
		t.Skip("no corpus texts")
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		fn(f, string(b))
	}
}

func FuzzScan(f *testing.F) {
	for _, s := range []string{"Ủy ban nhân dân tỉnh Đồng Tháp", "Sở A&B, (UBND)", "a\xe1\xbab", "\xe1\xba", "\xc3", "Ôn\u0301g", "ÀÉ 12 ĐƯỜNG ß æ", "x\u1e00y\u1fffz", "&&a&", "\xed\xa0\x80", "Ủy ban nhân dân", "Sở Uỷ ban nhân dân và Ủyban nhân dân", "nhân dân tỉnh", "nhân dân", "x nhân dân", "x nhân dânx", "Ủy ban nhân dân"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		scanAgrees(t, s)
		if utf8.ValidString(s) {
			scanAgrees(t, norm.NFC.String(s))
		}
	})
}

// TestNameKeyIsNormalize: the keys the directory keeps are Normalize's.
func TestNameKeyIsNormalize(t *testing.T) {
	d := loadDT(t)
	for _, u := range d.Units() {
		if got, want := d.NameKey(u.Name), Normalize(u.Name); got != want {
			t.Errorf("NameKey(%q) = %q, want %q", u.Name, got, want)
		}
	}
	for _, s := range []string{"Sở Không Có", "", "Ủy ban nhân dân tỉnh X"} {
		if got, want := d.NameKey(s), Normalize(s); got != want {
			t.Errorf("NameKey(%q) = %q, want %q", s, got, want)
		}
	}
	_, prov := d.Province()
	if got, want := d.ProvinceKey(), Normalize(prov); got != want || want == "" {
		t.Errorf("ProvinceKey() = %q, want %q (not empty)", got, want)
	}
	var none *Directory
	if none.ProvinceKey() != "" || none.NameKey("Sở Y tế") != "so y te" {
		t.Error("a nil directory's keys are not Normalize's")
	}
}

// mentionsAgree: Mentions with the first-word bits and without them (every
// word asked of the map) find the same.
func mentionsAgree(t *testing.T, d *Directory, s string) {
	t.Helper()
	plain := *d
	plain.hasFirsts = false
	if got, want := showMentions(d.Mentions(s)), showMentions(plain.Mentions(s)); got != want {
		t.Fatalf("Mentions(%q) = %s, without the bits %s", s, got, want)
	}
}

func showMentions(ms []Mention) string {
	var b strings.Builder
	for _, m := range ms {
		fmt.Fprintf(&b, "%d-%d %q %q %q %v %q %d %v; ", m.Start, m.End, m.Written, m.Code(), m.Name(), m.Collective, m.Group, len(m.Members), m.Generic)
	}
	return b.String()
}

func TestFirstWordBits(t *testing.T) {
	d := loadDT(t)
	if !d.hasFirsts {
		t.Fatal("the directory has no first-word bits")
	}
	for w := range d.root.next {
		if !d.mayStartName(w) {
			t.Errorf("%q starts a name, its bit is clear", w)
		}
	}
	files, _ := filepath.Glob("../extract/testdata/corpus/*.txt")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		mentionsAgree(t, d, string(b))
	}
}

func FuzzFirstWordBits(f *testing.F) {
	d := loadDT(f)
	for _, s := range []string{"Giao Sở Tài chính, UBND các xã, phường", "Sở Y tế và THUE", "các sở, ban, ngành"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { mentionsAgree(t, d, s) })
}
