package extract

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"cddh-sync/rules/units"
	"golang.org/x/text/unicode/norm"
)

// Each fast path of fast.go is compared with the plain code it stands for: over
// the corpus and development texts (agreesOverCorpus) and by a fuzz target
// (fuzzAgrees). The results are compared as printed with %q, which tells nil
// from a match and "a b" from "a", "b".

// agreesOverCorpus fails where fast and plain differ on a text of the corpus or
// the development set (part picks the text each is given: the whole, the
// header), and when plain finds nothing in any (the comparison would be empty).
func agreesOverCorpus[T any](t *testing.T, part func(string) string, fast, plain func(string) T) {
	t.Helper()
	docs, _ := loadCorpus(t)
	found := 0
	for _, d := range docs {
		s := part(d.text)
		got, want := show(fast(s)), show(plain(s))
		if got != want {
			t.Errorf("%s: the fast path gives %s, the plain code %s", d.name, got, want)
		}
		if want != show(plain("")) {
			found++
		}
	}
	if found == 0 {
		t.Fatal("the plain code finds nothing in the corpus: the comparison is empty")
	}
}

// fuzzAgrees fuzzes fast against plain from the seeds.
func fuzzAgrees[T any](f *testing.F, seeds []string, fast, plain func(string) T) {
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := show(fast(s)), show(plain(s)); got != want {
			t.Fatalf("on %q the fast path gives %s, the plain code %s", s, got, want)
		}
	})
}

// show prints a result for comparison.
func show(v any) string { return fmt.Sprintf("%q", v) }

func whole(s string) string  { return s }
func headOf(s string) string { return s[:cutAt(s, headerEnd)] }

// limited: the FindAll fast paths take a limit; the fuzzer's text picks one
// (1–70) so that limits are tried too.
func limited(all func(string, int) [][]string) func(string) [][]string {
	return func(s string) [][]string { return all(s, len(s)%70+1) }
}

func TestCitedDatesIsFindAll(t *testing.T) {
	agreesOverCorpus(t, whole, func(s string) [][]string { return citedDates(s, 64) },
		func(s string) [][]string { return reCitedDate.FindAllStringSubmatch(s, 64) })
}

func FuzzCitedDates(f *testing.F) {
	fuzzAgrees(f, []string{"số 19-CT/TW ngày 18/11/2022", "Căn cứ Văn bản số 1066/UBND-VXNV ngày 01 tháng 3 năm 2021 và Số: 5/KH ngày 2/3/2024",
		"sốsố 1 ngày 1/1/2020", "Số:\n 12 ngày 3 tháng 4 năm 2025", "một số nội dung", "ố", "số"},
		limited(citedDates), limited(reCitedDate.FindAllStringSubmatch))
}

func TestFullDatesIsFindAll(t *testing.T) {
	agreesOverCorpus(t, whole, func(s string) [][]string { return fullDates(s, 64) },
		func(s string) [][]string { return reFullDate.FindAllStringSubmatch(s, 64) })
}

func FuzzFullDates(f *testing.F) {
	fuzzAgrees(f, []string{"1/2/2020 3/4/2021", "ngày 5 tháng 3 năm 2021, 31-12-2018.", "12/11/2020x", "a1.2.1999b", "/1/2/2020", "à9/9/2009",
		"\xff1/1/2001", "1/1/2001/1/1/2002"},
		limited(fullDates), limited(reFullDate.FindAllStringSubmatch))
}

func TestNumberMatchIsFindSubmatch(t *testing.T) {
	agreesOverCorpus(t, headOf, numberMatch, reNumber.FindStringSubmatch)
}

func TestNumberEndIsFindIndex(t *testing.T) {
	agreesOverCorpus(t, headOf, numberEnd, reNumberEnd)
}

// reNumberEnd is where reNumber.FindStringIndex ends, -1 for none.
func reNumberEnd(s string) int {
	if m := reNumber.FindStringIndex(s); m != nil {
		return m[1]
	}
	return -1
}

func FuzzNumberEnd(f *testing.F) {
	fuzzAgrees(f, []string{"Số: 45/TB-UBND", "SỐ : 44/2007/QĐ-UBND", "xSố: 1/A", "ſố: 2/B", "aſô:3/C", "Số:", ":", "số:\n 7 / KH-UBND.",
		"Văn bản số 12: không; Số: 5/CV", "Độc lập - Tự do - Hạnh phúc Số: 46/2019/QĐ-UBND Cao Bằng, ngày 28 tháng 10 năm 2019"}, numberEnd, reNumberEnd)
}

func FuzzNumberMatch(f *testing.F) {
	fuzzAgrees(f, []string{"Số: 45/TB-UBND", "SỐ : 44/2007/QĐ-UBND", "xSố: 1/A", "ſố: 2/B", "aſô:3/C", "Số:", ":", "số:\n 7 / KH-UBND.",
		"Văn bản số 12: không; Số: 5/CV"}, numberMatch, reNumber.FindStringSubmatch)
}

func TestDateMatchIsFindSubmatch(t *testing.T) {
	agreesOverCorpus(t, whole, dateMatch, reDate.FindStringSubmatchIndex)
}

func FuzzDateMatch(f *testing.F) {
	fuzzAgrees(f, []string{"ngày 5 tháng 3 năm 2021", "NGÀY 05 THÁNG 03 NĂM 2021", "Ngày 1 tháng 1 năm 2020; ngày 2 tháng 2 năm 2022", "nGàY 1 tháng 2 năm 2023",
		"ngày", "à", "ngàyngày 1 tháng 1 năm 2001", ""}, dateMatch, reDate.FindStringSubmatchIndex)
}

func TestIssuerCutIsFindIndex(t *testing.T) {
	// issuerKey asks it of each line of the top 600 bytes
	each := func(cut func(string) []int) func(string) [][]int {
		return func(s string) [][]int {
			var out [][]int // line number, start, end of each cut
			for i, l := range strings.Split(s[:cutAt(s, 600)], "\n") {
				if loc := cut(l); loc != nil {
					out = append(out, append([]int{i}, loc...))
				}
			}
			return out
		}
	}
	agreesOverCorpus(t, whole, each(issuerCut), each(reIssuerCut.FindStringIndex))
}

func FuzzIssuerCut(f *testing.F) {
	fuzzAgrees(f, []string{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "ỦY BAN NHÂN DÂN", "Độc lập - Tự do", "Số: 12/UBND", "SỐ : 5", "cộng  hoà", "ĐỒNG THÁP"},
		issuerCut, reIssuerCut.FindStringIndex)
}

func TestSeparatorsIsFindAll(t *testing.T) {
	agreesOverCorpus(t, whole, separators, func(s string) [][]int { return reSep.FindAllStringIndex(s, -1) })
}

func FuzzSeparators(f *testing.F) {
	fuzzAgrees(f, []string{"Sở Y tế, Sở Tài chính và UBND huyện", "Sở A cùng với Sở B; C", "và", " với ", "Sở Y tế", "",
		"và Sở", " và", "A ,  B", "A và\tvới B", "cùng với", "A  cùng với  B ;", "xvà y", "A và,B", "\fcùng\r"},
		separators, func(s string) [][]int { return reSep.FindAllStringIndex(s, -1) })
}

func FuzzDutyMatch(f *testing.F) {
	fuzzAgrees(f, []string{"Nhiệm vụ của Sở Y tế:", "Điều 3. Trách nhiệm của UBND các huyện", "Phân công nhiệm vụ cho các sở.", "Sở Y tế", ""},
		dutyMatch, reDuty.FindStringSubmatch)
}

// An item marker's expression never matches a line that starts with a byte
// outside its lead (startItem does not run it there).
func FuzzItemMarkerLeads(f *testing.F) {
	for _, s := range []string{"I. Mục tiêu", "1. Sở", "1.2. UBND", "1.UBND", "a) Sở", "đ) Sở", "- Sở", "– Sở", "• Sở", "+ Sở", "* Sở", "Sở"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) { checkLeads(t, line) })
}

func TestItemMarkerLeads(t *testing.T) {
	for r := rune(0); r < 0x3000; r++ {
		for _, rest := range []string{". Sở", ") Sở", " Sở", ".Sở", "I. Sở", "1. Sở"} {
			checkLeads(t, string(r)+rest)
		}
	}
}

func checkLeads(t *testing.T, line string) {
	t.Helper()
	for _, p := range itemMarkers {
		if p.re.MatchString(line) && strings.IndexByte(p.lead, line[0]) < 0 {
			t.Fatalf("%s matches %q, whose first byte %#x is not in its lead %q", p.re, line, line[0], p.lead)
		}
	}
}

// commaDate holds wherever rePlaceDate matches.
func FuzzCommaDate(f *testing.F) {
	for _, s := range []string{"Đồng Tháp, ngày 10 tháng 3 năm 2026", "HÀ NỘI,NGÀY 1 THÁNG 2 NĂM 2020", "Sở A, Sở B", "ngày 5 tháng 3 năm 2021", ", \n nGàY 1 tháng 1 năm 2001"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if rePlaceDate.MatchString(s) && !commaDate(s) {
			t.Fatalf("rePlaceDate matches %q, but commaDate says no", s)
		}
	})
}

// openingsAgree checks that openingTokens(t, need) holds Tokenize(t)'s first
// need tokens (all of them when there are fewer).
func openingsAgree(t *testing.T, s string, need int) {
	t.Helper()
	if !utf8.ValidString(s) {
		return
	}
	s = norm.NFC.String(s)
	got, want := openingTokens(nil, s, need), units.Tokenize(s)
	n := min(need, len(want))
	if len(got) < n || !slices.Equal(got[:n], want[:n]) {
		t.Fatalf("openingTokens(%q, %d) = %v, want a prefix of %v", s, need, got, want)
	}
}

func TestOpeningTokensAreTokenize(t *testing.T) {
	docs, _ := loadCorpus(t)
	for _, d := range docs {
		for _, l := range append(strings.Split(d.text, "\n"), d.text) { // lines, and a text long enough to be cut
			for _, need := range []int{1, 3, headSpan(), 12} {
				openingsAgree(t, l, need)
			}
		}
	}
}

func FuzzOpeningTokens(f *testing.F) {
	long := strings.Repeat("Ủy ban nhân dân ", 20)
	for _, s := range []string{long, "x" + long, "Ủy ban " + strings.Repeat("a ", 30) + "nhân dân", strings.Repeat("Sở & ", 40),
		strings.Repeat("Uỷban nhân dân tỉnh ", 15), strings.Repeat("nghiêngnghiêngnghiêng ", 10)} {
		f.Add(s, 3)
	}
	f.Fuzz(func(t *testing.T, s string, need int) {
		openingsAgree(t, s, 1+abs(need)%24)
	})
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// TestPlaceListHead: wherever rePlaceList matches (a name starting anywhere in
// a line of the corpus), placeListHead holds, so splitPlaces skips only names
// the expression does not match.
func TestPlaceListHead(t *testing.T) {
	docs, _ := loadCorpus(t)
	found := 0
	for _, d := range docs {
		for _, l := range strings.Split(d.text, "\n") {
			for i := 0; i < len(l); i++ {
				if i > 0 && l[i-1] != ' ' {
					continue
				}
				if s := l[i:]; rePlaceList.MatchString(s) {
					found++
					if !placeListHead(s) {
						t.Errorf("%s: rePlaceList matches %q, placeListHead does not", d.name, s)
					}
				}
			}
		}
	}
	if found == 0 {
		t.Fatal("rePlaceList matches nothing in the corpus: the comparison is empty")
	}
}

func FuzzPlaceListHead(f *testing.F) {
	for _, s := range []string{"Ủy ban nhân dân huyện Thanh Bình, Cao Lãnh", "UBND xã A, B", "Uỷ ban nhân dân tỉnh X, Y", "UBND", "ủy ban nhân dân huyện a, b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if rePlaceList.MatchString(s) && !placeListHead(s) {
			t.Fatalf("rePlaceList matches %q, placeListHead does not", s)
		}
	})
}

// unglueSlow is unglue as the plain loop over every rune: a space goes before a
// capital that follows a lower-case letter and precedes one.
func unglueSlow(s string) string {
	var b strings.Builder
	last := 0
	var p1, p2 rune // the two runes before i
	p1i := 0
	for i, r := range s {
		if unicode.IsUpper(p1) && unicode.IsLower(r) && (unicode.IsLower(p2) || p2 == ',' || p2 == ';') {
			b.WriteString(s[last:p1i])
			b.WriteByte(' ')
			last = p1i
		}
		p2, p1, p1i = p1, r, i
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// vowelGroupsSlow is the full count of vowelGroups, which stops at two.
func vowelGroupsSlow(w string) int {
	n, in := 0, false
	for _, r := range w {
		v := strings.ContainsRune("aeiouy", units.FoldRune(r))
		if v && !in {
			n++
		}
		in = v
	}
	return n
}

// vowelGroupsAgree: vowelGroups(w) is the full count, capped at two.
func vowelGroupsAgree(t *testing.T, w string) {
	if got, want := polysyllabic(w), utf8.RuneCountInString(w) >= 5 && vowelGroupsSlow(w) >= 2; got != want {
		t.Fatalf("polysyllabic(%q) = %v, want %v", w, got, want)
	}
	if got, want := vowelGroups(w), min(vowelGroupsSlow(w), 2); got != want {
		t.Fatalf("vowelGroups(%q) = %d, want %d (the full count capped at 2)", w, got, want)
	}
}

// TestUnglueIsPlain: the capital-seeking unglue and the rune loop agree on
// every corpus text (stored, decomposed, and with its letters' cases swapped,
// which makes many more places to cut), and some text of the corpus is cut.
func TestUnglueIsPlain(t *testing.T) {
	docs, _ := loadCorpus(t)
	cut := 0
	for _, d := range docs {
		for _, s := range []string{d.text, norm.NFD.String(d.text), swapCase(d.text)} {
			got, want := unglue(s), unglueSlow(s)
			if got != want {
				t.Fatalf("%s: unglue gives %q, the rune loop %q", d.name, got, want)
			}
			if want != s {
				cut++
			}
			for _, w := range strings.Fields(s) {
				vowelGroupsAgree(t, w)
			}
		}
	}
	if cut == 0 {
		t.Fatal("unglue cuts no corpus text: the comparison is empty")
	}
}

func swapCase(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsUpper(r) {
			return unicode.ToLower(r)
		}
		return unicode.ToUpper(r)
	}, s)
}

func FuzzUnglue(f *testing.F) {
	for _, s := range []string{"BộKế hoạch", "aBc", "ĐồngTháp", "xÁy", "a\xffBc", "\xe1Bc", "aB\xe1", "ỦyBan", "AbcDef", "", "A", "aB"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := unglue(s), unglueSlow(s); got != want {
			t.Fatalf("unglue(%q) = %q, the rune loop gives %q", s, got, want)
		}
		vowelGroupsAgree(t, s)
	})
}

// sentencesPlain is sentences as the loop over every byte it was.
func sentencesPlain(s string) []span {
	var out []span
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c == '.' || c == ';') && i+1 < len(s) && s[i+1] == ' ' {
			if c == '.' && i > 0 && isUpperASCII(s[i-1]) && (i < 2 || isUpperASCII(s[i-2]) || s[i-2] == ' ') && !(i > 2 && isUpperASCII(s[i-2]) && isUpperASCII(s[i-3])) {
				continue
			}
			if c == '.' && !nextIsUpper(s[i+2:]) {
				continue
			}
			out = append(out, span{start, i + 1})
			start = i + 2
		}
	}
	if start < len(s) {
		out = append(out, span{start, len(s)})
	}
	return out
}

func TestSentencesArePlain(t *testing.T) {
	agreesOverCorpus(t, whole, func(s string) []span { return sentences(s) }, sentencesPlain)
	docs, _ := loadCorpus(t)
	for _, d := range docs {
		for _, l := range strings.Split(d.text, "\n") {
			if got, want := show(sentences(l)), show(sentencesPlain(l)); got != want {
				t.Fatalf("%s: sentences(%q) = %s, the byte loop gives %s", d.name, l, got, want)
			}
		}
	}
}

func FuzzSentences(f *testing.F) {
	fuzzAgrees(f, []string{"Sở A làm. Sở B làm; UBND. x", "TP. Cao Lãnh. Giao", "a.; b", ".", ";", ". ", "; ", "1.5 a. B", "x. đ. Đ", "an toàn PCCC. Theo đó", "UBND. X", "TP. Y", "chỉ đạo. “Trong", "a. “b"},
		func(s string) []span { return sentences(s) }, sentencesPlain)
}

// loweredAgrees: lowered gives strings.ToLower(s) with room enough, with too
// little, and with none, and leaves the strings given out before unchanged.
func loweredAgrees(t *testing.T, s string) {
	t.Helper()
	want := strings.ToLower(s)
	for _, room := range []int{0, len(s), 3 * len(s), 4*len(s) + 8} {
		buf := make([]byte, 0, room)
		first, buf := lowered(buf, "ĐỒNG Tháp")
		got, buf := lowered(buf, s)
		if got != want {
			t.Fatalf("lowered(%q) with room %d = %q, want %q", s, room, got, want)
		}
		if _, _ = lowered(buf, s); first != "đồng tháp" || got != want {
			t.Fatalf("lowered(%q) with room %d: a string given out changed (%q, %q)", s, room, first, got)
		}
	}
}

func TestLoweredIsToLower(t *testing.T) {
	docs, _ := loadCorpus(t)
	for _, d := range docs {
		for _, s := range []string{d.text, norm.NFD.String(d.text)} {
			loweredAgrees(t, s)
			for _, w := range strings.Fields(s) {
				loweredAgrees(t, w)
			}
		}
	}
}

func FuzzLowered(f *testing.F) {
	for _, s := range []string{"Sở Y tế", "UBND", "ĐỒNG", "a\xffB", "\u023a\u023a", "İstanbul", "\u212a", "ǅ", "abc", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { loweredAgrees(t, s) })
}

// TestFullDateWindow: fullDateWindow's bound (26 bytes other than white space
// in any match of reFullDate) and dateAhead's condition were read from this
// expression; a change to it must check both again, then change this test.
func TestFullDateWindow(t *testing.T) {
	const read = `(?:^|[^\d/.\-])(\d{1,2})(?:\s*[/.\-]\s*|\s+tháng\s+)(\d{1,2})(?:\s*[/.\-]\s*|\s+năm\s+)((?:19|20)\d{2})(?:[^\d/\-]|$)`
	if reFullDate.String() != read {
		t.Fatalf("reFullDate changed: check fullDateWindow's bound against it, then update this test")
	}
	// the longest match without white space, and with long runs of it
	for _, s := range []string{"x31 tháng 12 năm 2024x", "ngày 5.6.2020", "x1-1-2001 x123/4/2020 x12 /4/2020 x12 tháng4năm 2020 x12tháng 4 năm 2020", "x31 \t\n tháng \r\f 12        năm   2024x" + strings.Repeat(" ", 200) + "x"} {
		got, want := fullDates(s, 10), reFullDate.FindAllStringSubmatch(s, 10)
		if show(got) != show(want) || len(want) == 0 {
			t.Fatalf("fullDates(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestIndexCommaEllipsis(t *testing.T) {
	agreesOverCorpus(t, whole, indexCommaEllipsis, func(s string) int { return strings.IndexAny(s, ",…") })
}

func FuzzIndexCommaEllipsis(f *testing.F) {
	fuzzAgrees(f, []string{"a, b… c", "…,", "\xe2\x80", "\xe2\x80\xa6", "x\xf0\xe2\x80\xa6,", "", ",", "giao Sở A, giao Sở B"},
		indexCommaEllipsis, func(s string) int { return strings.IndexAny(s, ",…") })
}

// fieldsAgree: firstFields gives strings.Fields's first two words and their
// number, at most two.
func fieldsAgree(s string) (got, want string) {
	f, n := firstFields(s)
	all := strings.Fields(s)
	return show([]any{f[:n], n}), show([]any{all[:min(2, len(all))], min(2, len(all))})
}

func TestFirstFields(t *testing.T) {
	agreesOverCorpus(t, whole, func(s string) string { g, _ := fieldsAgree(s); return g }, func(s string) string { _, w := fieldsAgree(s); return w })
}

func FuzzFirstFields(f *testing.F) {
	fuzzAgrees(f, []string{" a  b c", "a", "", "  ", "có\u00a0trách nhiệm", "a\xffb c", "x\u2003y\tz"},
		func(s string) string { g, _ := fieldsAgree(s); return g }, func(s string) string { _, w := fieldsAgree(s); return w })
}

func TestJoinFields(t *testing.T) {
	agreesOverCorpus(t, whole, joinFields, func(s string) string { return strings.Join(strings.Fields(s), " ") })
	docs, _ := loadCorpus(t)
	for _, d := range docs {
		for _, l := range strings.Split(d.text, "\n") {
			if got, want := joinFields(l), strings.Join(strings.Fields(l), " "); got != want {
				t.Fatalf("joinFields(%q) = %q, want %q", l, got, want)
			}
		}
	}
}

func FuzzJoinFields(f *testing.F) {
	fuzzAgrees(f, []string{"Sở Y tế", " a", "a ", "a  b", "a\tb", "a\u00a0b", "", " ", "a\xff b"},
		joinFields, func(s string) string { return strings.Join(strings.Fields(s), " ") })
}

// TestAppendSentencesAppends: appendSentences adds sentences(s) after the spans
// already in out, into out's room when it has some (tasksIn's on its stack).
func TestAppendSentencesAppends(t *testing.T) {
	docs, _ := loadCorpus(t)
	var room [4]span
	for _, d := range docs {
		for _, p := range strings.Split(d.text, "\n") {
			before := append(room[:0], span{1, 2})
			if got, want := show(appendSentences(before, p)), show(append([]span{{1, 2}}, sentences(p)...)); got != want {
				t.Fatalf("%s: appendSentences(%q) = %s, want %s", d.name, p, got, want)
			}
		}
	}
}

// mustReportPlain is mustReport as it was: one search of the words for each
// phrase.
func mustReportPlain(w []string) bool {
	for _, p := range reportPhrases {
		if p == "trinh" {
			continue
		}
		if foldedHas(w, p) >= 0 {
			return true
		}
	}
	for i, x := range w {
		if x == "trinh" && (i == 0 || !strings.Contains(" cong chuong qua to lo quy hanh lap ", " "+w[i-1]+" ")) {
			return true
		}
	}
	if g := foldedHas(w, "gui"); g >= 0 && foldedHas(w[g:], "ve") >= 0 {
		return true
	}
	return false
}

func TestMustReportIsPlain(t *testing.T) {
	words := func(s string) []string { return units.Words(s) }
	agreesOverCorpus(t, whole, func(s string) bool { return mustReport(words(s)) }, func(s string) bool { return mustReportPlain(words(s)) })
	docs, _ := loadCorpus(t)
	for _, d := range docs {
		for _, l := range strings.Split(d.text, "\n") {
			for _, s := range sentences(l) {
				w := words(l[s.start:s.end])
				if got, want := mustReport(w), mustReportPlain(w); got != want {
					t.Fatalf("%s: mustReport(%q) = %v, the plain code %v", d.name, w, got, want)
				}
			}
		}
	}
}

func FuzzMustReport(f *testing.F) {
	fuzzAgrees(f, []string{"báo cáo", "gửi kết quả về Sở", "gửi Sở", "về gửi", "công trình", "trình UBND", "Trình", "đề", "gửi văn phòng", "gửi văn", "tham mưu, đề xuất"},
		func(s string) bool { return mustReport(units.Words(s)) }, func(s string) bool { return mustReportPlain(units.Words(s)) })
}

// sepLenPlain is how generic found the length of the separator before a
// piece: the separator of seg[:i] that ends at i, 0 if none. generic now
// takes the length of the separator it has just passed; sepsAgree checks the
// two are the same for every separator of a text.
func sepLenPlain(seg string, i int) int {
	for _, loc := range separators(seg[:i]) {
		if loc[1] == i {
			return loc[1] - loc[0]
		}
	}
	return 0
}

func sepsAgree(t *testing.T, s string) {
	t.Helper()
	if sepLenPlain(s, 0) != 0 {
		t.Fatalf("%q: a separator before the first piece", s)
	}
	for _, loc := range separators(s) {
		if got, want := loc[1]-loc[0], sepLenPlain(s, loc[1]); got != want {
			t.Fatalf("%q: the separator at %v is %d bytes, sepLenPlain finds %d", s, loc, got, want)
		}
	}
}

func TestSeparatorLengths(t *testing.T) {
	docs, _ := loadCorpus(t)
	for _, d := range docs {
		sepsAgree(t, d.text)
		for _, l := range strings.Split(d.text, "\n") {
			sepsAgree(t, dropParens(l))
		}
	}
}

func FuzzSeparatorLengths(f *testing.F) {
	for _, s := range []string{"Sở Y tế, Sở Tài chính và UBND huyện", "Sở A cùng với Sở B; C", "và", " với ", "A và\tvới B", "cùng với", "A  cùng với  B ;", "xvà y", "A và,B", "\fcùng\r", "và và và", ", ,", "cùng vàvà"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sepsAgree(t, s)
		if got, want := show(appendSeparators(nil, s)), show(separators(s)); got != want { // (%q prints both as lists of two numbers)
			t.Fatalf("appendSeparators(%q) = %s, separators %s", s, got, want)
		}
	})
}

// mayHaveLabelsPlain is mayHaveLabels as it was: a search of the body for
// each label with its colon.
func mayHaveLabelsPlain(b string) bool {
	return strings.Contains(b, "chủ trì:") || strings.Contains(b, "thực hiện:") || strings.Contains(b, "Chủ trì:") ||
		strings.Contains(b, "trách nhiệm:") || strings.Contains(b, "Trách nhiệm:")
}

func TestMayHaveLabelsIsPlain(t *testing.T) {
	agreesOverCorpus(t, whole, mayHaveLabels, mayHaveLabelsPlain)
	for _, s := range []string{"chủ trì:", ":chủ trì", "Chủ trì :", "x trách nhiệm: y", "thực hiện::", "::", ":", "", "đơn vị chủ trì: Sở A"} {
		if got, want := mayHaveLabels(s), mayHaveLabelsPlain(s); got != want {
			t.Errorf("mayHaveLabels(%q) = %v, the plain code %v", s, got, want)
		}
	}
}

func FuzzMayHaveLabels(f *testing.F) {
	fuzzAgrees(f, []string{"- Đơn vị chủ trì: Sở X.", "Trách nhiệm: A; thực hiện: B", "chủ trì :", "::chủ trì:", "Chủ trì"}, mayHaveLabels, mayHaveLabelsPlain)
}

func TestLowerRuneIsToLower(t *testing.T) {
	for r := rune(-1); r <= unicode.MaxRune+1; r++ {
		if lowerRune(r) != unicode.ToLower(r) {
			t.Fatalf("lowerRune(%U) = %U, unicode.ToLower %U", r, lowerRune(r), unicode.ToLower(r))
		}
	}
}

// looksLikeUnitPlain is looksLikeUnit as it was: the words split by
// strings.Fields and read by four loops, the name always lowered, and the
// tokens counted by Tokenize.
func looksLikeUnitPlain(m units.Mention) bool {
	if m.Unit != nil || m.Collective {
		return true
	}
	// a head alone ("Cục", "Sở") is not a name: its body could not be read; a
	// name does not end in a word that needs one after it ("… chuyên môn của")
	f := strings.Fields(m.Written)
	if len(f) > 0 && danglingWords[strings.ToLower(f[len(f)-1])] {
		return false
	}
	if strings.Count(m.Written, "(") != strings.Count(m.Written, ")") {
		return false
	}
	for _, w := range f {
		if strings.EqualFold(w, "nào") {
			return false // "Đơn vị nào chưa thu …": whichever unit, a condition, not a name
		}
	}
	for i := 0; i+1 < len(f); i++ {
		if strings.EqualFold(f[i], "ngày") && f[i+1] != "" && f[i+1][0] >= '0' && f[i+1][0] <= '9' {
			return false // "Báo Nông nghiệp ngày 14 tháng 01 năm 2021 có nêu": a date inside is no name's
		}
	}
	for _, w := range f {
		if w != "" && w[0] >= '0' && w[0] <= '9' && (strings.Contains(w, "h") || strings.Contains(w, ":")) || strings.EqualFold(w, "giờ") {
			return false // "Tổ dân phố chốt số liệu vào 15h00 hàng ngày": a time inside is no name's
		}
	}
	switch strings.ToLower(m.Written) {
	case "địa phương", "đơn vị", "cơ quan":
		return false // a bare word, not a name: "… (địa phương) lập phương án …"
	}
	// ("Ban Quản lý dự án đầu tư xây dựng công trình dân dụng và công nghiệp
	// tỉnh" has 17 words: a capitalised head allows a long name)
	limit := 16
	if startsUpper(m.Written) {
		limit = 20
	}
	return len(units.Tokenize(m.Written)) <= limit && looksLikeHead(m.Written) && !bareHeadPlain(m.Written)
}

func TestLooksLikeUnitIsPlain(t *testing.T) {
	docs, dir := loadCorpus(t)
	n, yes := 0, 0
	agree := func(m units.Mention) {
		n++
		got, want := looksLikeUnit(m), looksLikeUnitPlain(m)
		if got != want {
			t.Fatalf("looksLikeUnit(%q) = %v, the plain code %v", m.Written, got, want)
		}
		if want {
			yes++
		}
	}
	for _, d := range docs {
		for _, l := range strings.Split(d.text, "\n") {
			for _, m := range dir.Mentions(l) {
				agree(m)
				agree(units.Mention{Written: m.Written, Generic: true})
			}
			last := 0
			for _, loc := range separators(l) {
				agree(units.Mention{Written: strings.TrimSpace(l[last:loc[0]]), Generic: true})
				last = loc[1]
			}
			agree(units.Mention{Written: strings.TrimSpace(l[last:]), Generic: true})
		}
	}
	if yes == 0 || yes == n {
		t.Fatalf("%d of %d pieces look like units: the comparison tells nothing", yes, n)
	}
}

func FuzzLooksLikeUnit(f *testing.F) {
	for _, s := range []string{"Sở Y tế", "Đơn vị nào", "Báo X ngày 14 tháng", "Tổ dân phố 15h00", "ĐỊA PHƯƠNG", "địa phương", "các sở, ngành của",
		"Ban Quản lý dự án đầu tư xây dựng công trình dân dụng và công nghiệp tỉnh", "\u212a", "", "a ngày 1", "giờ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m := units.Mention{Written: s, Generic: true}
		if got, want := looksLikeUnit(m), looksLikeUnitPlain(m); got != want {
			t.Fatalf("looksLikeUnit(%q) = %v, the plain code %v", s, got, want)
		}
	})
}

// bareHeadPlain and wholePhrasePlain are bareHead and wholePhrase as they were
// before wholePhraseUpTo: every token of the name cut and lowered.
func bareHeadPlain(name string) bool {
	return len(units.Tokenize(name)) <= 3 && wholePhrasePlain(name, bareHeads)
}

func wholePhrasePlain(name string, ps *phrases) bool {
	ts := units.Tokenize(name)
	raw := make([]string, len(ts))
	for i, t := range ts {
		raw[i] = strings.ToLower(name[t.Start:t.End])
	}
	return len(ts) > 0 && matchAt(raw, 0, ps) == len(ts)
}

// wholePhraseAgrees fails t when bareHead, partyHead or roleBody tells name
// apart from the plain code, and counts the names any of them holds.
func wholePhraseAgrees(t *testing.T, name string, yes *int) {
	t.Helper()
	for _, c := range []struct {
		what      string
		got, want bool
	}{
		{"bareHead", bareHead(name), bareHeadPlain(name)},
		{"partyHead", partyHead(name), wholePhrasePlain(name, lowerHeads)},
		{"roleBody", roleBody(name), wholePhrasePlain(name, roleBodies)},
	} {
		if c.got != c.want {
			t.Fatalf("%s(%q) = %v, the plain code %v", c.what, name, c.got, c.want)
		}
		if c.want {
			*yes++
		}
	}
}

func TestWholePhraseIsPlain(t *testing.T) {
	docs, dir := loadCorpus(t)
	n, yes := 0, 0
	for _, d := range docs {
		for _, l := range strings.Split(d.text, "\n") {
			for _, m := range dir.Mentions(l) {
				n++
				wholePhraseAgrees(t, m.Written, &yes)
			}
			last := 0
			for _, loc := range separators(l) {
				n++
				wholePhraseAgrees(t, strings.TrimSpace(l[last:loc[0]]), &yes)
				last = loc[1]
			}
			n++
			wholePhraseAgrees(t, strings.TrimSpace(l[last:]), &yes)
		}
	}
	for _, name := range []string{"Sở", "Chi cục", "các Sở", "Ban Quản lý", "Tổng Công ty", "Ban cán sự đảng", "VĂN PHÒNG", "Ban thường trực"} {
		n++
		wholePhraseAgrees(t, name, &yes)
	}
	if yes == 0 || yes == n {
		t.Fatalf("%d of %d names are whole phrases: the comparison tells nothing", yes, n)
	}
}

func FuzzWholePhrase(f *testing.F) {
	for _, s := range []string{"Sở", "Chi cục", "các  Sở", "Ban Quản lý", "TỔNG CÔNG TY", "Ban cán sự đảng", "Văn phòng UBND",
		"Ủy ban", "Ủy ban nhân dân", "sở, ban", "\u212a", "", "đoàn đại biểu", "ban - thường - trực"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var yes int
		wholePhraseAgrees(t, s, &yes)
	})
}

// containsAnyPlain is substrings.in as plain code: strings.Contains of each.
func containsAnyPlain(s string, ws []string) bool {
	for _, w := range ws {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

func TestSubstringsIsContains(t *testing.T) {
	docs, _ := loadCorpus(t)
	for _, set := range []*substrings{nonTaskWords, assignWords, timeReferences} {
		n, yes := 0, 0
		for _, d := range docs {
			for _, l := range strings.Split(d.text, "\n") {
				for _, s := range append(strings.Split(l, "."), l) {
					n++
					got, want := set.in(s), containsAnyPlain(s, set.all)
					if got != want {
						t.Fatalf("substrings.in(%q) = %v, strings.Contains of %q %v", s, got, set.all, want)
					}
					if want {
						yes++
					}
				}
			}
		}
		if yes == 0 || yes == n {
			t.Fatalf("%q: %d of %d texts hold one: the comparison tells nothing", set.all, yes, n)
		}
	}
}

func FuzzSubstrings(f *testing.F) {
	for _, s := range []string{"", "mon", "mong", "xmongx", "Thông bá", "thông báo để", "hiệu lự", "nếu c", "nếu có", "tthi hành", "\xe1\xbb", "giao", "đề ngh"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, set := range []*substrings{nonTaskWords, assignWords, timeReferences} {
			if got, want := set.in(s), containsAnyPlain(s, set.all); got != want {
				t.Fatalf("substrings.in(%q) = %v, strings.Contains of %q %v", s, got, set.all, want)
			}
		}
	})
}

func BenchmarkSubstrings(b *testing.B) {
	docs, _ := loadCorpus(b)
	var ss []string
	for _, d := range docs {
		ss = append(ss, strings.Split(d.text, ".")...)
	}
	set := nonTaskWords
	b.Run("in", func(b *testing.B) {
		for range b.N {
			for _, s := range ss {
				set.in(s)
			}
		}
	})
	b.Run("Contains", func(b *testing.B) {
		for range b.N {
			for _, s := range ss {
				containsAnyPlain(s, set.all)
			}
		}
	})
}

// contactLinePlain is contactLine over units.Words of the whole text.
func contactLinePlain(text string) bool {
	if !strings.Contains(text, ":") {
		return false
	}
	w := units.Words(text)
	for i := range w {
		switch {
		case w[i] == "dien" && i+1 < len(w) && w[i+1] == "thoai", w[i] == "email", w[i] == "fax", w[i] == "dt" && i > 0:
			return i > 0
		case matchAt(w, i, actionPhrases) > 0, w[i] == "truoc", w[i] == "han":
			return false
		}
	}
	return false
}

func TestContactLineIsPlain(t *testing.T) {
	docs, _ := loadCorpus(t)
	found := 0
	for _, d := range docs {
		for _, l := range append(strings.Split(d.text, "\n"), d.text) {
			got, want := contactLine(l), contactLinePlain(l)
			if got != want {
				t.Fatalf("%s: contactLine(%q) = %v, the plain loop %v", d.name, l, got, want)
			}
			if want {
				found++
			}
		}
	}
	if found == 0 {
		t.Fatal("no contact line in the corpus: the comparison is empty")
	}
}

func FuzzContactLine(f *testing.F) {
	long := strings.Repeat("Ủy ban nhân dân tỉnh, số 8, ", 12)
	fuzzAgrees(f, []string{"Địa chỉ: số 8, điện thoại: 0223.755.573", long + "điện thoại: 0223", long + "email: a@b.vn",
		"Liên hệ: " + strings.Repeat("Ủy ban nhân ", 30) + "dân, fax: 1", strings.Repeat("a b c: ", 40) + "chủ trì",
		"x: " + strings.Repeat("Ủy ban nhân dân ", 40) + "điện thoại: 1", "x: " + strings.Repeat("a Ủyban nhân dân ", 30) + "dt 1",
		"Địa chỉ: " + strings.Repeat("số 8 ", 60) + "khẩn trương", "Địa chỉ: " + strings.Repeat("số 8 ", 60) + "điện thoại"},
		func(s string) bool { return contactLine(s) }, func(s string) bool { return contactLinePlain(norm.NFC.String(s)) })
}

// tailsAgree: collTail and nameRunsOn find what their regular expressions find
// in s.
func tailsAgree(t *testing.T, s string) {
	t.Helper()
	if got, want := show(collTail(s)), show(reCollTail.FindStringSubmatchIndex(s)); got != want {
		t.Fatalf("collTail(%q) = %s, reCollTail finds %s", s, got, want)
	}
	if got, want := show(nameRunsOn(s)), show(reNameRunsOn.FindStringSubmatchIndex(s)); got != want {
		t.Fatalf("nameRunsOn(%q) = %s, reNameRunsOn finds %s", s, got, want)
	}
}

// TestCollTailIsRegexp compares collTail and nameRunsOn with their regular
// expressions after every comma and space of the corpus, and after every rune
// of a hundred of its texts.
func TestCollTailIsRegexp(t *testing.T) {
	docs, _ := loadCorpus(t)
	found := 0
	for k, d := range docs {
		for i := range d.text {
			if c := d.text[i]; k < 100 || c == ',' || strings.IndexByte(reSpaces, c) >= 0 {
				tailsAgree(t, d.text[i:min(len(d.text), i+200)])
				if collTail(d.text[i:]) != nil {
					found++
				}
			}
		}
	}
	if found == 0 {
		t.Fatal("no collective's tail in the corpus: the comparison is empty")
	}
}

func FuzzCollTail(f *testing.F) {
	for _, s := range []string{", đơn vị cấp tỉnh", " có liên quan.", ",\tcác địa phương", " \n thuộc UBND tỉnh,", ", phường Bến Nghé tỉnh", " trên địa bàn tỉnh này;",
		", các ngành thành phố", "  cấp huyện", " và thị trấn", ", đơn vịx", ",\f\rkhóm"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { tailsAgree(t, s) })
}

// levelFirstPlain is levelFirst over strings.Fields.
func levelFirstPlain(name string) bool {
	f := strings.Fields(name)
	if len(f) < 2 {
		return false
	}
	switch strings.ToLower(f[0]) {
	case "tỉnh", "thành", "huyện", "quận", "thị":
		return f[0] != strings.ToLower(f[0])
	}
	return false
}

func TestLevelFirstIsPlain(t *testing.T) {
	agreesOverCorpus(t, whole, func(s string) []bool {
		var out []bool
		for _, l := range strings.Split(s, "\n") {
			for i := range l {
				out = append(out, levelFirst(l[i:min(len(l), i+40)]))
			}
		}
		return out
	}, func(s string) []bool {
		var out []bool
		for _, l := range strings.Split(s, "\n") {
			for i := range l {
				out = append(out, levelFirstPlain(l[i:min(len(l), i+40)]))
			}
		}
		return out
	})
	for _, s := range []string{"Tỉnh đoàn Tuyên Quang", "tỉnh đoàn", "THÀNH ủy", " Huyện\u00a0ủy", "Quận", "Thị  ", "TỈNH\tx", "Thịx y"} {
		if levelFirst(s) != levelFirstPlain(s) {
			t.Errorf("levelFirst(%q) = %v, the plain code %v", s, levelFirst(s), levelFirstPlain(s))
		}
	}
}

func FuzzLevelFirst(f *testing.F) {
	fuzzAgrees(f, []string{"Tỉnh đoàn Tuyên Quang", "THÀNH ủy", " Huyện\u00a0ủy", "Quận 1", "Thị xã", "tỉnh x", "K\u212a y"}, levelFirst, levelFirstPlain)
}
