package deadline

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"cddh-sync/rules/calendar"
)

func fuzzSeeds(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join(corpusDir, "*.txt"))
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatalf("read %s: %v", name, err)
		}
		for _, para := range strings.Split(string(b), "\n\n") {
			f.Add(para)
		}
	}
	for _, s := range []string{
		"trước 16 giờ 30 phút ngày 20/3/2026", "từ ngày 1/3 đến hết ngày 31/3/2026",
		"định kỳ hằng quý trước ngày 20 của tháng cuối quý", "trong 05 (năm) ngày làm việc kể từ ngày nhận được",
		"trước Tết Nguyên đán", "trước ngày 15/8 âm lịch", "vào giữa tháng 10/2024", "ngay trong ngày",
		"trong mười (", "trước 24h", "ngày 31/2", "quý V/2026", "trong 99999999999 ngày", "từ ngày 1 đến",
	} {
		f.Add(s)
	}
}

// FuzzFind: no panics, spans inside the input and in order, dates set.
func FuzzFind(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, in string) {
		for _, ctx := range []Context{{Issued: issued}, {}} {
			prev := -1
			for _, d := range Find(in, ctx) {
				if d.Start < 0 || d.End > len(in) || d.Start >= d.End || d.Start < prev {
					t.Fatalf("bad span [%d,%d) after %d in %q", d.Start, d.End, prev, in)
				}
				prev = d.Start
				if !strings.Contains(d.Text, " … ") && d.Text != in[d.Start:d.End] {
					t.Fatalf("Text %q is not the span %q", d.Text, in[d.Start:d.End])
				}
				if d.Nominal.IsZero() || d.Effective.IsZero() {
					t.Fatalf("zero date in %+v", d)
				}
				if d.Effective.Before(d.Nominal) && !d.Nominal.Before(issued) {
					t.Fatalf("effective %v before nominal %v", d.Effective, d.Nominal)
				}
				if utf8.ValidString(in) && !utf8.ValidString(d.Text) {
					t.Fatalf("span %q cuts a rune", d.Text)
				}
			}
		}
		if m, ok := NoDeadlineMarker(in); ok && !strings.Contains(in, m) {
			t.Fatalf("marker %q not in input", m)
		}
		if u, ok := Urgency(in); ok && !strings.Contains(in, u) {
			t.Fatalf("urgency %q not in input", u)
		}
		// one Text asked everything, again and again, answers as the text does
		// (the extractor shares one per task)
		ft := Fold(in)
		for range 2 {
			m, ok := ft.NoDeadlineMarker()
			if m0, ok0 := NoDeadlineMarker(in); m != m0 || ok != ok0 {
				t.Fatalf("Fold(%q).NoDeadlineMarker() = %q %v, NoDeadlineMarker %q %v", in, m, ok, m0, ok0)
			}
			if got, want := fmt.Sprint(ft.Find(Context{Issued: issued})), fmt.Sprint(Find(in, Context{Issued: issued})); got != want {
				t.Fatalf("Fold(%q).Find = %s, Find %s", in, got, want)
			}
		}
	})
}

func benchText(b *testing.B, size int) string {
	files, _ := filepath.Glob(filepath.Join(corpusDir, "*.txt"))
	if len(files) == 0 {
		b.Skip("corpus not found")
	}
	var sb strings.Builder
	for sb.Len() < size {
		for _, name := range files {
			t, err := os.ReadFile(name)
			if err != nil {
				b.Fatal(err)
			}
			sb.Write(t)
			sb.WriteByte('\n')
		}
	}
	return sb.String()[:size]
}

// BenchmarkFindDirective: a typical 5 KB directive.
func BenchmarkFindDirective(b *testing.B) {
	text := benchText(b, 5<<10)
	ctx := Context{Issued: issued, Cal: calendar.Default()}
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Find(text, ctx)
	}
}

// BenchmarkFindMegabyte: 1 MB of directives, and 1 MB of adversarial trigger soup.
func BenchmarkFindMegabyte(b *testing.B) {
	ctx := Context{Issued: issued, Cal: calendar.Default()}
	inputs := map[string]string{
		"corpus":   benchText(b, 1<<20),
		"triggers": strings.Repeat("từ ngày 1/1 trước ngày 1 tháng 1 năm trong 5 ngày kể từ ngày ", 1<<20/64),
		"digits":   strings.Repeat("1/1/1.2-3 ", 1<<20/10),
		"nopunct":  strings.Repeat("căn cứ giao sở ", 1<<20/30) + "trước ngày 20/3/2026",
	}
	for name, text := range inputs {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				Find(text, ctx)
			}
		})
	}
}
