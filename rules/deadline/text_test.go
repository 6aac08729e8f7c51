package deadline

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestLowerAlready(t *testing.T) {
	n := 0
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if lowerAlready(r) {
			n++
			if unicode.ToLower(r) != r {
				t.Fatalf("lowerAlready(%U), but its lower case is %U", r, unicode.ToLower(r))
			}
		}
	}
	if n < 80 {
		t.Fatalf("lowerAlready accepts only %d runes", n)
	}
}

// TestTokensInUsedRoom: tokens appended into a slice that held another text's
// tokens (Find's pooled room) are tokenize's, and Find gives the same
// deadlines called again and again as once on a fresh slice.
func TestTokensInUsedRoom(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(corpusDir, "*.txt"))
	if len(files) == 0 {
		t.Fatal("no development texts")
	}
	var room []token
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, para := range strings.Split(string(b), "\n") {
			f := fold(para)
			if got, want := fmt.Sprint(appendTokens(room[:0], f.s)), fmt.Sprint(tokenize(f.s)); got != want {
				t.Fatalf("%s: tokens in a used slice %s, tokenize %s", name, got, want)
			}
			room = appendTokens(room[:0], f.s+" 12/3/2026 trước ngày")
			ctx := Context{Issued: issued}
			first := fmt.Sprint(Fold(para).Find(ctx))
			for range 3 {
				if again := fmt.Sprint(Fold(para).Find(ctx)); again != first {
					t.Fatalf("%s: Find(%q) gave %s, then %s", name, para, first, again)
				}
			}
		}
	}
}

// lowerSameLenPlain is lowerSameLen as it was before it lowered in place: every
// rune decoded and appended again (issue 14). lowerSameLen must equal it.
func lowerSameLenPlain(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 32
			}
			b = append(b, c)
			i++
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		i += w
		if r == utf8.RuneError {
			for range w {
				b = append(b, ' ')
			}
			continue
		}
		l := r
		if !lowerAlready(r) {
			l = unicode.ToLower(r)
		}
		if utf8.RuneLen(l) != w {
			l = r
		}
		b = utf8.AppendRune(b, l)
	}
	return string(b)
}

// TestLowerSameLenPlain: lowerSameLen equals the plain loop on every line of
// the development texts, in capitals too, and on runes of every length,
// invalid bytes and U+FFFD.
func TestLowerSameLenPlain(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(corpusDir, "*.txt"))
	if len(files) == 0 {
		t.Fatal("no development texts")
	}
	ins := []string{"ĐẾN HẾT NGÀY", "İstanbul Ⱥ ȿ ẞ Ω K", "a\xffb\xe1\xba", "\xe1\xba\xa0\xe1", "x\uFFFDy", "\xc3(", "ǅǈ 𝐀 Ꭰ"}
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for line := range strings.SplitSeq(string(b), "\n") {
			ins = append(ins, line, strings.ToUpper(line))
		}
	}
	for r := rune(0x80); r < 0x2000; r++ {
		ins = append(ins, "ạ"+string(r)+"x")
	}
	for _, in := range ins {
		if got, want := lowerSameLen(in), lowerSameLenPlain(in); got != want {
			t.Fatalf("lowerSameLen(%q) = %q, the plain loop %q", in, got, want)
		}
	}
}

// FuzzLowerSameLen: lowerSameLen equals the plain loop on any input.
func FuzzLowerSameLen(f *testing.F) {
	fuzzSeeds(f)
	f.Add("a\xffb\xe1\xba ĐẾN x\uFFFDy İ Ⱥ")
	f.Fuzz(func(t *testing.T, in string) {
		if got, want := lowerSameLen(in), lowerSameLenPlain(in); got != want {
			t.Fatalf("lowerSameLen(%q) = %q, the plain loop %q", in, got, want)
		}
	})
}

// appendTokensPlain is appendTokens as it was before it decoded the common
// runes in place (issue 14). appendTokens must equal it.
func appendTokensPlain(toks []token, s string) []token {
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
		if r >= utf8.RuneSelf {
			r, w = utf8.DecodeRuneInString(s[i:])
		}
		switch {
		case r == '\n' || r == '\r':
			para, space = true, true
			i += w
		case r == ' ' || r == '\t' || r >= utf8.RuneSelf && (unicode.IsSpace(r) || r == utf8.RuneError):
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
				r2, w2 := utf8.DecodeRuneInString(s[j:])
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

// TestAppendTokensPlain: appendTokens equals the plain loop on every line of
// the development texts, folded and not, and on runes of every length,
// invalid bytes and spaces beyond ASCII.
func TestAppendTokensPlain(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(corpusDir, "*.txt"))
	if len(files) == 0 {
		t.Fatal("no development texts")
	}
	ins := []string{"ngày\u00a030/6\u2003trước\u3000x", "a\xffb\xe1\xba", "\xe1\xba\xa0\xe1", "x\uFFFDy", "\xc3(", "ǅǈ 𝐀 Ꭰ ạ\u0301b"}
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for line := range strings.SplitSeq(string(b), "\n") {
			ins = append(ins, line, fold(line).s)
		}
	}
	for r := rune(0x80); r < 0x3100; r++ {
		ins = append(ins, "ạ"+string(r)+"x "+string(r))
	}
	for _, in := range ins {
		if got, want := fmt.Sprint(appendTokens(nil, in)), fmt.Sprint(appendTokensPlain(nil, in)); got != want {
			t.Fatalf("appendTokens(%q) = %s, the plain loop %s", in, got, want)
		}
	}
}

// FuzzAppendTokens: appendTokens equals the plain loop on any input.
func FuzzAppendTokens(f *testing.F) {
	fuzzSeeds(f)
	f.Add("a\xffb\xe1\xba ĐẾN x\uFFFDy\u00a0ngày\u2003")
	f.Fuzz(func(t *testing.T, in string) {
		if got, want := fmt.Sprint(appendTokens(nil, in)), fmt.Sprint(appendTokensPlain(nil, in)); got != want {
			t.Fatalf("appendTokens(%q) = %s, the plain loop %s", in, got, want)
		}
	})
}
