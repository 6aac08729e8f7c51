package deadline

import (
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
