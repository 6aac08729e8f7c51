package nfc

import (
	"testing"

	"golang.org/x/text/unicode/norm"
)

// TestInert checks every rune inert accepts against the Unicode data of
// x/text: NFC alone, combining class 0 on its own and at the start of its
// decomposition, and no composition with what comes before it.
func TestInert(t *testing.T) {
	n := 0
	for r := rune(0); r <= 0x10FFFF; r++ {
		if !inert(r) {
			continue
		}
		n++
		s := string(r)
		p := norm.NFC.PropertiesString(s)
		if p.CCC() != 0 || p.LeadCCC() != 0 || !p.BoundaryBefore() || !norm.NFC.IsNormalString(s) {
			t.Errorf("%U is taken as inert but is not (ccc %d, lead ccc %d, boundary before %v, NFC %v)",
				r, p.CCC(), p.LeadCCC(), p.BoundaryBefore(), norm.NFC.IsNormalString(s))
		}
	}
	if n < 0x300 {
		t.Fatalf("only %d inert runes", n)
	}
}

var samples = []string{
	"",
	"Ủy ban nhân dân tỉnh Đồng Tháp",
	"Ủy ban nhân dân tỉnh Đồng Tháp", // decomposed (NFD)
	"Sở Y tế “khẩn” – báo cáo… trước ngày 15/3/2026 № 5",
	"café",               // e + combining acute
	"A\u030a and \u212b", // A + ring, the Ångström sign (NFC maps it to Å)
	"\u1100\u1161",       // Hangul jamo that compose
	"x\u0301y",           // a mark on a letter with no composed form
	"\xff\xfe bad bytes",
	"Hà Nội\u0300",
	"plain ASCII text of more than eight bytes, and more",
}

func TestIsNormalMatchesNorm(t *testing.T) {
	for _, s := range append(samples, norm.NFD.String(samples[1]), norm.NFD.String(samples[2])) {
		if got, want := IsNormal(s), norm.NFC.IsNormalString(s); got != want {
			t.Errorf("IsNormal(%q) = %v, norm says %v", s, got, want)
		}
		if got, want := String(s), norm.NFC.String(s); got != want {
			t.Errorf("String(%q) = %q, norm gives %q", s, got, want)
		}
	}
}

func FuzzIsNormal(f *testing.F) {
	for _, s := range samples {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := IsNormal(s), norm.NFC.IsNormalString(s); got != want {
			t.Fatalf("IsNormal(%q) = %v, norm says %v", s, got, want)
		}
		if got, want := String(s), norm.NFC.String(s); got != want {
			t.Fatalf("String(%q) = %q, norm gives %q", s, got, want)
		}
	})
}

// Every rune alone, and after "e" (a starter that composes with many marks),
// gets norm's answer.
func TestIsNormalEveryRune(t *testing.T) {
	for r := rune(0); r <= 0x10FFFF; r++ {
		for _, s := range []string{string(r), "e" + string(r) + "abcdefgh"} {
			if got, want := IsNormal(s), norm.NFC.IsNormalString(s); got != want {
				t.Fatalf("IsNormal(%q) = %v, norm says %v", s, got, want)
			}
		}
	}
}
