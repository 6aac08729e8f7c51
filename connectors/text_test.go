package connectors

import (
	"math/rand/v2"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestIsSecret(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want bool
	}{
		{"", false},
		{"   ", false},
		{"Thường", false},
		{"thường", false},
		{"THƯỜNG", false},
		{norm.NFD.String("Thường"), false},
		{" Bình  thường ", false},
		{"Không", false},
		{"Mật", true},
		{"mật", true},
		{"MẬT", true},
		{norm.NFD.String("Mật"), true},
		{"Tối mật", true},
		{norm.NFD.String("TỐI MẬT"), true},
		{"Tuyệt mật", true},
		{"tuyệt\u00a0mật", true},
		{norm.NFD.String("Tuyệt mật"), true},
		// Unknown or misspelt levels are kept out (fail closed).
		{"Mat", true},
		{"Tối-mật", true},
		{"?", true},
	}
	for _, tt := range tests {
		if got := IsSecret(tt.in); got != tt.want {
			t.Errorf("IsSecret(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestComposeVietnameseTable(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"", ""},
		{"abc", "abc"},
		{"e\u0323\u0302", "ệ"},           // NFD order
		{"e\u0302\u0323", "ệ"},           // non-canonical order
		{"a\u0306\u0301", "ắ"},           // breve then acute
		{"o\u031b\u0323", "ợ"},           // horn then dot
		{"u\u031b\u0300", "ừ"},           // ư + grave
		{"o\u0301\u0302", "ó\u0302"},     // blocked like NFC: no ó+circumflex
		{"\u0301x", "\u0301x"},           // a lone mark stays
		{"Ô\u0301", "Ố"},                 // precomposed starter + mark
		{"ố\u0323", "ộ\u0301"},           // NFC decomposes first
		{"T\u00f4\u0341i", "Tối"},        // deprecated acute tone mark
		{"Nguyễn Văn A", "Nguyễn Văn A"}, // already NFC
		{"Tha\u0300nh pho\u0302\u0301", "Thành phố"},
	}
	for _, tt := range tests {
		got := ComposeVietnamese(tt.in)
		if got != tt.want {
			t.Errorf("ComposeVietnamese(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if nfc := norm.NFC.String(tt.in); got != nfc {
			t.Errorf("ComposeVietnamese(%q) = %q, norm.NFC gives %q", tt.in, got, nfc)
		}
	}
}

// vietAlphabet is what the property test and the fuzz target draw from: ASCII,
// every Vietnamese letter and every mark the composer knows.
var (
	vietVowels = []rune("aeiouyAEIOUY" + strings.Join(vietToneRows[:], "") +
		strings.ToUpper(strings.Join(vietToneRows[:], "")))
	vietOthers = []rune("bcdđghklmnpqrstvxĐ .,/-:0123456789")
	vietMarks  = []rune{markGrave, markAcute, markCirc, markTilde, markBreve, markHook, markHorn, markDot, markGraveT, markAcuteT}
)

// randomVietnamese builds a string where marks only follow vowels (a mark after
// a consonant would compose letters such as ñ, outside the composer's scope).
func randomVietnamese(r *rand.Rand, n int) string {
	var b strings.Builder
	afterVowel := false
	for range n {
		switch k := r.IntN(10); {
		case k < 4:
			b.WriteRune(vietVowels[r.IntN(len(vietVowels))])
			afterVowel = true
		case k < 7 && afterVowel:
			b.WriteRune(vietMarks[r.IntN(len(vietMarks))])
		default:
			b.WriteRune(vietOthers[r.IntN(len(vietOthers))])
			afterVowel = false
		}
	}
	return b.String()
}

func TestComposeVietnameseMatchesNFC(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		s := randomVietnamese(r, 1+r.IntN(12))
		for _, form := range []string{s, norm.NFD.String(s), norm.NFC.String(s)} {
			if got, want := ComposeVietnamese(form), norm.NFC.String(form); got != want {
				t.Fatalf("ComposeVietnamese(%q) = %q (%U), NFC = %q (%U)", form, got, []rune(got), want, []rune(want))
			}
		}
	}
}

// FuzzComposeVietnamese checks on arbitrary input that composing never panics,
// is idempotent, and keeps valid UTF-8; on the Vietnamese alphabet it equals NFC.
func FuzzComposeVietnamese(f *testing.F) {
	for _, s := range []string{"", "Tối mật", norm.NFD.String("Tuyệt mật"), "o\u0301\u0302", "\u0301", "\xff\u0301"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := ComposeVietnamese(s)
		if again := ComposeVietnamese(got); again != got {
			t.Fatalf("not idempotent: %q -> %q -> %q", s, got, again)
		}
		inScope := true
		prevVowel := false
		for _, r := range s {
			switch {
			case strings.ContainsRune(string(vietVowels), r):
				prevVowel = true
			case strings.ContainsRune(string(vietMarks), r):
				if !prevVowel {
					inScope = false
				}
			case strings.ContainsRune(string(vietOthers), r):
				prevVowel = false
			default:
				inScope = false
			}
		}
		if inScope {
			if want := norm.NFC.String(s); got != want {
				t.Fatalf("ComposeVietnamese(%q) = %q, NFC = %q", s, got, want)
			}
		}
	})
}

func TestSplitReference(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, number, notation string }{
		{"45/TB-UBND", "45", "TB-UBND"},
		{" 1520/VPUBND-KT ", "1520", "VPUBND-KT"},
		{"Số: 12/2026/NQ-HĐND", "12", "2026/NQ-HĐND"},
		{"CV-khẩn", "", "CV-khẩn"},
		{"", "", ""},
	}
	for _, tt := range tests {
		n, no := SplitReference(tt.in)
		if n != tt.number || no != tt.notation {
			t.Errorf("SplitReference(%q) = %q, %q; want %q, %q", tt.in, n, no, tt.number, tt.notation)
		}
	}
}

func TestCleanText(t *testing.T) {
	t.Parallel()
	if got := CleanText("a\x00b\xffc" + norm.NFD.String("ệ")); got != "ab\uFFFDcệ" {
		t.Errorf("CleanText = %q", got)
	}
}
