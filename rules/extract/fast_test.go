package extract

import (
	"slices"
	"strings"
	"testing"
)

// citedDates finds what reCitedDate.FindAllStringSubmatch finds, over the corpus
// and the fuzzer's inputs.
func TestCitedDatesIsFindAll(t *testing.T) {
	docs, _ := loadCorpus(t)
	found := 0
	for _, d := range docs {
		want := reCitedDate.FindAllStringSubmatch(d.text, 64)
		if got := citedDates(d.text, 64); !slices.EqualFunc(got, want, slices.Equal) {
			t.Errorf("%s: citedDates = %q, FindAllStringSubmatch = %q", d.name, got, want)
		}
		found += len(want)
	}
	if found == 0 {
		t.Fatal("the corpus cites no dated document: the comparison is empty")
	}
}

func FuzzCitedDates(f *testing.F) {
	for _, s := range []string{"số 19-CT/TW ngày 18/11/2022", "Căn cứ Văn bản số 1066/UBND-VXNV ngày 01 tháng 3 năm 2021 và Số: 5/KH ngày 2/3/2024",
		"sốsố 1 ngày 1/1/2020", "Số:\n 12 ngày 3 tháng 4 năm 2025", "một số nội dung", "ố", "số"} {
		f.Add(s, 64)
	}
	f.Fuzz(func(t *testing.T, s string, n int) {
		n = n%70 + 1
		if n < 1 {
			n += 70
		}
		want := reCitedDate.FindAllStringSubmatch(s, n)
		if got := citedDates(s, n); !slices.EqualFunc(got, want, slices.Equal) {
			t.Fatalf("citedDates(%q, %d) = %q, FindAllStringSubmatch = %q", s, n, got, want)
		}
	})
}

// numberMatch finds what reNumber.FindStringSubmatch finds.
func TestNumberMatchIsFindSubmatch(t *testing.T) {
	docs, _ := loadCorpus(t)
	found := 0
	for _, d := range docs {
		head := d.text[:cutAt(d.text, headerEnd)]
		want := reNumber.FindStringSubmatch(head)
		if got := numberMatch(head); !slices.Equal(got, want) {
			t.Errorf("%s: numberMatch = %q, FindStringSubmatch = %q", d.name, got, want)
		}
		if want != nil {
			found++
		}
	}
	if found == 0 {
		t.Fatal("no header in the corpus has a number: the comparison is empty")
	}
}

func FuzzNumberMatch(f *testing.F) {
	for _, s := range []string{"Số: 45/TB-UBND", "SỐ : 44/2007/QĐ-UBND", "xSố: 1/A", "ſố: 2/B", "aſô:3/C", "Số:", ":", "số:\n 7 / KH-UBND.",
		"Văn bản số 12: không; Số: 5/CV"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := numberMatch(s), reNumber.FindStringSubmatch(s); !slices.Equal(got, want) {
			t.Fatalf("numberMatch(%q) = %q, FindStringSubmatch = %q", s, got, want)
		}
	})
}

// An item marker's expression never matches a line that starts with a byte
// outside its lead (startItem does not run it there).
func FuzzItemMarkerLeads(f *testing.F) {
	for _, s := range []string{"I. Mục tiêu", "1. Sở", "1.2. UBND", "1.UBND", "a) Sở", "đ) Sở", "- Sở", "– Sở", "• Sở", "+ Sở", "* Sở", "Sở"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		for _, p := range itemMarkers {
			if p.re.MatchString(line) && strings.IndexByte(p.lead, line[0]) < 0 {
				t.Fatalf("%s matches %q, whose first byte %#x is not in its lead %q", p.re, line, line[0], p.lead)
			}
		}
	})
}

func TestItemMarkerLeads(t *testing.T) {
	for r := rune(0); r < 0x3000; r++ {
		for _, rest := range []string{". Sở", ") Sở", " Sở", ".Sở", "I. Sở", "1. Sở"} {
			line := string(r) + rest
			for _, p := range itemMarkers {
				if p.re.MatchString(line) && strings.IndexByte(p.lead, line[0]) < 0 {
					t.Fatalf("%s matches %q, whose first byte %#x is not in its lead %q", p.re, line, line[0], p.lead)
				}
			}
		}
	}
}

// separators finds what reSep.FindAllStringIndex finds.
func FuzzSeparators(f *testing.F) {
	for _, s := range []string{"Sở Y tế, Sở Tài chính và UBND huyện", "Sở A cùng với Sở B; C", "và", " với ", "Sở Y tế", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := separators(s), reSep.FindAllStringIndex(s, -1); !slices.EqualFunc(got, want, slices.Equal) {
			t.Fatalf("separators(%q) = %v, FindAllStringIndex = %v", s, got, want)
		}
	})
}

// fullDates finds what reFullDate.FindAllStringSubmatch finds.
func TestFullDatesIsFindAll(t *testing.T) {
	docs, _ := loadCorpus(t)
	found := 0
	for _, d := range docs {
		want := reFullDate.FindAllStringSubmatch(d.text, 64)
		if got := fullDates(d.text, 64); !slices.EqualFunc(got, want, slices.Equal) {
			t.Errorf("%s: fullDates = %q, FindAllStringSubmatch = %q", d.name, got, want)
		}
		found += len(want)
	}
	if found == 0 {
		t.Fatal("the corpus has no full date: the comparison is empty")
	}
}

func FuzzFullDates(f *testing.F) {
	for _, s := range []string{"1/2/2020 3/4/2021", "ngày 5 tháng 3 năm 2021, 31-12-2018.", "12/11/2020x", "a1.2.1999b", "/1/2/2020", "à9/9/2009",
		"\xff1/1/2001", "1/1/2001/1/1/2002"} {
		f.Add(s, 64)
	}
	f.Fuzz(func(t *testing.T, s string, n int) {
		n = n%70 + 1
		if n < 1 {
			n += 70
		}
		want := reFullDate.FindAllStringSubmatch(s, n)
		if got := fullDates(s, n); !slices.EqualFunc(got, want, slices.Equal) {
			t.Fatalf("fullDates(%q, %d) = %q, FindAllStringSubmatch = %q", s, n, got, want)
		}
	})
}

// dateMatch finds what reDate.FindStringSubmatchIndex finds.
func FuzzDateMatch(f *testing.F) {
	for _, s := range []string{"ngày 5 tháng 3 năm 2021", "NGÀY 05 THÁNG 03 NĂM 2021", "Ngày 1 tháng 1 năm 2020; ngày 2 tháng 2 năm 2022", "nGàY 1 tháng 2 năm 2023",
		"ngày", "à", "ngàyngày 1 tháng 1 năm 2001", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := dateMatch(s), reDate.FindStringSubmatchIndex(s); !slices.Equal(got, want) {
			t.Fatalf("dateMatch(%q) = %v, FindStringSubmatchIndex = %v", s, got, want)
		}
	})
}

func TestDateMatchIsFindSubmatch(t *testing.T) {
	docs, _ := loadCorpus(t)
	found := 0
	for _, d := range docs {
		want := reDate.FindStringSubmatchIndex(d.text)
		if got := dateMatch(d.text); !slices.Equal(got, want) {
			t.Errorf("%s: dateMatch = %v, FindStringSubmatchIndex = %v", d.name, got, want)
		}
		if want != nil {
			found++
		}
	}
	if found == 0 {
		t.Fatal("no document has a written-out date: the comparison is empty")
	}
}

// issuerCut finds what reIssuerCut.FindStringIndex finds.
func FuzzIssuerCut(f *testing.F) {
	for _, s := range []string{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "ỦY BAN NHÂN DÂN", "Độc lập - Tự do", "Số: 12/UBND", "SỐ : 5", "cộng  hoà", "ĐỒNG THÁP"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := issuerCut(s), reIssuerCut.FindStringIndex(s); !slices.Equal(got, want) {
			t.Fatalf("issuerCut(%q) = %v, FindStringIndex = %v", s, got, want)
		}
	})
}

func TestIssuerCutIsFindIndex(t *testing.T) {
	docs, _ := loadCorpus(t)
	found := 0
	for _, d := range docs {
		for _, line := range strings.Split(d.text[:cutAt(d.text, 600)], "\n") {
			want := reIssuerCut.FindStringIndex(line)
			if got := issuerCut(line); !slices.Equal(got, want) {
				t.Errorf("%s: issuerCut(%q) = %v, FindStringIndex = %v", d.name, line, got, want)
			}
			if want != nil {
				found++
			}
		}
	}
	if found == 0 {
		t.Fatal("no header line is cut: the comparison is empty")
	}
}

func FuzzDutyMatch(f *testing.F) {
	for _, s := range []string{"Nhiệm vụ của Sở Y tế:", "Điều 3. Trách nhiệm của UBND các huyện", "Phân công nhiệm vụ cho các sở.", "Sở Y tế", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := dutyMatch(s), reDuty.FindStringSubmatch(s); !slices.Equal(got, want) {
			t.Fatalf("dutyMatch(%q) = %q, FindStringSubmatch = %q", s, got, want)
		}
	})
}
