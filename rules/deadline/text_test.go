package deadline

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
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
