package extract

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"cddh-sync/internal/lazyre"
	"cddh-sync/rules/units"
)

// Item is one segment of the body: a numbered or bulleted item, or a paragraph.
type Item struct {
	Marker string // "1.", "a)", "-", "" for a plain paragraph
	Level  int    // 1: "1.", 2: "a)" or "1.1.", 3: "-", "+"; 0: paragraph
	Text   string // the item's text, line breaks joined
}

var (
	reNum    = lazyre.New(`^(\d{1,2}(?:\.\d{1,2})*)(?:[.)]\s+|\s?-\s+|\.(?:\p{Lu}))`) // "1. ", "1) ", "1- ", "1.UBND"
	reLetter = lazyre.New(`^([a-zđ])\)\s+`)
	reDash   = lazyre.New(`^([-–+•*])\s+`)
	reRoman  = lazyre.New(`^([IVX]{1,4})\.\s+`)
)

// Segment splits the body of a directive into items. Lines that do not start an
// item continue the previous one (PDF line breaks), unless the previous line
// ended a sentence and this one starts with a capital letter. A line that starts
// in lower case always continues the sentence above, even after ";" (rules from
// PDF text layers, portal-api.md Additions). A line in capitals (a title) stands
// alone.
func Segment(body string) []Item { return segmentInto(nil, body) }

// segmentInto is Segment(body), its open items kept in *room when room is not
// nil (the extractor's, used again from one text to the next: made for each
// text, they were 3% of what Extract allocated; issue 14). The items returned
// are copies: they hold nothing of the room.
func segmentInto(room *[]openItem, body string) []Item {
	lines := strings.Split(body, "\n")
	var out []openItem
	if room != nil && cap(*room) >= len(lines) {
		out = (*room)[:0]
	} else {
		out = make([]openItem, 0, len(lines)) // at most an item a line: made once (growing it was a twentieth of what Extract allocated)
	}
	lastNum := 0
	marker := "" // a bullet alone on its line, waiting for its text
	for _, raw := range lines {
		line := strings.TrimSpace(strings.Trim(strings.TrimSpace(raw), "|"))
		if line == "" {
			if len(out) > 0 && marker == "" {
				out[len(out)-1].closed = true
			}
			continue
		}
		switch line {
		case "-", "–", "+", "•", "*":
			// "-\nChỉ đạo các đơn vị …": a web page's list, its bullet on a
			// line of its own
			marker = line
			continue
		}
		if marker != "" {
			line, marker = marker+" "+line, ""
		}
		if n := len(out); n > 0 && !out[n-1].closed && !out[n-1].title && hyphenWrap(out[n-1].Text, line) {
			// "… gửi về Bộ Lao động\n- Thương binh và Xã hội (qua Vụ …) trước
			// ngày …": a name's hyphen wrapped to the line start, not a bullet
			out[n-1].Text += " " + line
			out[n-1].joined = true
			continue
		}
		it, ok := startItem(line)
		if ok && it.Level == 1 && len(out) > 0 && !out[len(out)-1].closed && !endsSentence(out[len(out)-1].Text) {
			// "… vào tháng 10 và\n11. Để …": a number wrapped to the line start is
			// not an item unless it follows the one before.
			if n, err := strconv.Atoi(strings.TrimSuffix(it.Marker, ".")); err == nil && n != 1 && n != lastNum+1 {
				ok = false
				it = openItem{Item: Item{Text: line}}
			}
		}
		if ok && it.Level == 1 {
			if n, err := strconv.Atoi(it.Marker); err == nil {
				lastNum = n
			}
		}
		title := isTitle(line)
		if !ok && !title && len(out) > 0 && !out[len(out)-1].title {
			prev := &out[len(out)-1]
			// a part's heading ("I. Nhiệm vụ chung") or an article's title
			// ("Điều 2. Nhiệm vụ của Tổ công tác") ends at its line when the next
			// one starts with a capital
			partHead := prev.Level == 0 && (reRoman.MatchString(prev.Marker+". ") || !prev.joined && articleTitle(prev.Text)) && !startsLower(line)
			if !prev.closed && !partHead && (!endsSentence(prev.Text) && !opensSentence(line) || startsLower(line) && !strings.HasSuffix(strings.TrimSpace(prev.Text), ":")) {
				prev.Text += " " + line
				prev.joined = true
				continue
			}
		}
		it.title = title
		out = append(out, it)
	}
	res := make([]Item, len(out))
	for i, o := range out {
		res[i] = o.Item
	}
	if room != nil {
		clear(out) // (no text of this one kept alive in the room)
		*room = out[:0]
	}
	return res
}

// hyphenHalves are the halves of the names written with a hyphen ("Lao động -
// Thương binh và Xã hội", "Văn hóa - Xã hội", "Kinh tế - Hạ tầng", "Thi đua -
// Khen thưởng"), folded.
var hyphenFirst = []string{"lao dong", "van hoa", "kinh te", "thi dua", "giao duc", "tai chinh", "noi vu", "khoa hoc", "quan ly"}
var hyphenSecond = []string{"thuong binh", "xa hoi", "ha tang", "khen thuong", "tien luong", "dao tao", "ke hoach", "the thao", "thong tin", "cong nghe", "do thi"}

// hyphenWrap: line is "- X …" where the text before ends with the first half of
// a hyphenated name and X begins its second half.
func hyphenWrap(prev, line string) bool {
	if len(line) < 3 || line[0] != '-' || line[1] != ' ' || endsSentence(prev) || strings.HasSuffix(strings.TrimSpace(prev), ",") {
		return false
	}
	p := units.Normalize(prev[max(0, len(prev)-24):])
	n := units.Normalize(line[2:min(len(line), 26)])
	for _, a := range hyphenFirst {
		if strings.HasSuffix(p, " "+a) || p == a {
			for _, b := range hyphenSecond {
				if n == b || strings.HasPrefix(n, b+" ") {
					return true
				}
			}
		}
	}
	return false
}

// sentenceOpeners start a new sentence even after a line without a full stop
// (a headline): "Ngày 19/3, UBND tỉnh …", "Theo đó, …".
var sentenceOpeners = []string{"Kính gửi", "Ngày ", "Theo ", "Căn cứ ", "Để ", "Thực hiện ", "Về việc ", "Nhằm ", "Trên cơ sở ", "Vừa qua", "Hiện nay", "Tuy nhiên", "Đồng thời", "Trước đó", "Sau khi "}

func opensSentence(line string) bool {
	for _, o := range sentenceOpeners {
		if strings.HasPrefix(line, o) {
			return true
		}
	}
	return false
}

// isTitle: a line with letters, none of them lower case ("THÔNG BÁO", "KẾT LUẬN").
func isTitle(line string) bool { return capsLetters(line) >= 4 }

// capsLetters counts the letters of line, all in capitals; -1 when one is in
// lower case.
func capsLetters(line string) int {
	letters := 0
	for _, r := range line {
		if unicode.IsLower(r) {
			return -1
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters
}

func startsLower(s string) bool {
	for _, r := range s {
		return unicode.IsLower(r)
	}
	return false
}

type openItem struct {
	Item
	closed bool
	title  bool
	joined bool // a line was joined to the item's first
}

// articleTitle: line is an article's number and a short title of the kinds
// that head an article's text ("Điều 2. Nhiệm vụ của Tổ công tác", "Điều 3.
// Tổ chức thực hiện"), not its first words wrapped at the page's edge ("Điều
// 2. Sở" above "Nội vụ, Văn phòng …", "Điều 2. Giao Vụ X chủ trì, phối hợp
// với").
func articleTitle(line string) bool {
	rest, ok := strings.CutPrefix(line, "Điều ")
	if !ok || utf8.RuneCountInString(line) > 64 {
		return false
	}
	d := 0
	for d < len(rest) && rest[d] >= '0' && rest[d] <= '9' {
		d++
	}
	if d == 0 {
		return false
	}
	rest = strings.TrimLeft(strings.TrimPrefix(rest[d:], "."), " ")
	if r, _ := utf8.DecodeLastRuneInString(rest); !unicode.IsLetter(r) {
		return false
	}
	w := units.Words(rest)
	if len(w) == 0 || danglingTitle[w[len(w)-1]] {
		return false
	}
	for _, t := range articleTitles {
		if len(w) >= len(t) && slices.Equal(w[:len(t)], t) {
			return true
		}
	}
	return false
}

// articleTitles open the titles of articles that head their text; a title
// ending in danglingTitle's words goes on onto the next line.
var articleTitles = [][]string{{"nhiem", "vu"}, {"trach", "nhiem"}, {"to", "chuc", "thuc", "hien"}, {"phan", "cong"},
	{"hieu", "luc"}, {"quyen", "han"}, {"chuc", "nang"}, {"dieu", "khoan", "thi", "hanh"}}
var danglingTitle = map[string]bool{"cua": true, "voi": true, "va": true, "cac": true, "tai": true, "cho": true, "ve": true, "trong": true, "thuoc": true}

// itemMarkers are the expressions of item markers by level, each with the bytes
// a match can begin with (the first bytes of "–" and "•" are \xe2, of "đ" \xc4):
// most lines start with none of them, and a regexp call, even one that fails at
// once, costs (issue 14: speed).
var itemMarkers = []struct {
	re    *lazyre.Regexp
	level int
	lead  string
}{{reRoman, 0, "IVX"}, {reNum, 1, "0123456789"}, {reLetter, 2, "abcdefghijklmnopqrstuvwxyz\xc4"}, {reDash, 3, "-+*\xe2"}}

func startItem(line string) (openItem, bool) {
	for _, p := range itemMarkers {
		if line == "" || strings.IndexByte(p.lead, line[0]) < 0 {
			continue // no match can start with this byte: the regexp is not run
		}
		if m := p.re.FindStringSubmatchIndex(line); m != nil {
			marker := line[m[2]:m[3]]
			lv := p.level
			if p.level == 1 && strings.Contains(marker, ".") {
				lv = 2
			}
			rest := line[m[1]:]
			if t := strings.TrimRight(line[:m[1]], " "); p.level == 1 && !strings.HasSuffix(t, ".") && !strings.HasSuffix(t, ")") && !strings.HasSuffix(t, "-") {
				// "1.UBND …": the capital that ended the marker starts the text
				_, size := utf8.DecodeLastRuneInString(line[:m[1]])
				rest = line[m[1]-size:]
			}
			return openItem{Item: Item{Marker: marker, Level: lv, Text: rest}}, true
		}
	}
	return openItem{Item: Item{Text: line}}, false
}

func endsSentence(s string) bool {
	s = strings.TrimSpace(s)
	return strings.HasSuffix(s, ".") || strings.HasSuffix(s, ":") || strings.HasSuffix(s, ";") ||
		strings.HasSuffix(s, "./.")
}

// sentences splits an item into sentences at ". " or "; " before a capital or a
// lower-case verb clause.
func sentences(s string) []span { return appendSentences(nil, s) }

// appendSentences appends sentences(s) to out: tasksIn gives it room on its
// stack (a paragraph's spans were a twentieth of the objects Extract
// allocated, issue 14).
func appendSentences(out []span, s string) []span {
	start := 0
	// the next "." and the next ";" are found by IndexByte (vectorised: they
	// are a few in a paragraph), not by a test of every byte
	dot, semi := indexFrom(s, 0, '.'), indexFrom(s, 0, ';')
	for {
		i := min(dot, semi)
		if i == len(s) {
			break
		}
		if i == dot {
			dot = indexFrom(s, i+1, '.')
		} else {
			semi = indexFrom(s, i+1, ';')
		}
		c := s[i]
		if i+1 < len(s) && s[i+1] == ' ' {
			// not a decimal or an abbreviation such as "TP. "
			if c == '.' && i > 0 && isUpperASCII(s[i-1]) && (i < 2 || isUpperASCII(s[i-2]) || s[i-2] == ' ') && !(i > 2 && isUpperASCII(s[i-2]) && isUpperASCII(s[i-3])) {
				continue // "TP. ", "UBND P. Trung An": an abbreviation (three capitals or more, "… an toàn PCCC. Theo đó", end a sentence)
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

type span struct{ start, end int }

// indexFrom is the index of the first c in s at or after from, len(s) when none.
func indexFrom(s string, from int, c byte) int {
	if k := strings.IndexByte(s[from:], c); k >= 0 {
		return from + k
	}
	return len(s)
}

func isUpperASCII(c byte) bool { return c >= 'A' && c <= 'Z' }

func nextIsUpper(s string) bool {
	s = strings.TrimLeft(s, "“\"‘'") // a quotation opening the sentence: "… chỉ đạo. “Trong tháng 6, các đơn vị …"
	for _, r := range s {
		return strings.ToUpper(string(r)) == string(r) && strings.ToLower(string(r)) != string(r)
	}
	return false
}

// foldedHas is the index of the first occurrence of phrase (normalised words
// separated by single spaces) in words, -1 when none. It allocates nothing.
func foldedHas(words []string, phrase string) int {
	n := strings.Count(phrase, " ") + 1
	first, rest, _ := strings.Cut(phrase, " ")
	for i := 0; i+n <= len(words); i++ {
		if words[i] != first {
			continue // the phrase's first word, cut once, rules out most places
		}
		p, ok := rest, true
		for j := 1; j < n; j++ {
			var w string
			w, p, _ = strings.Cut(p, " ")
			if words[i+j] != w {
				ok = false
				break
			}
		}
		if ok {
			return i
		}
	}
	return -1
}

func words(ts []units.Token) []string {
	return wordsTo(make([]string, 0, len(ts)), ts)
}

// wordsTo appends the words of ts to dst (room on a caller's stack).
func wordsTo(dst []string, ts []units.Token) []string {
	for _, t := range ts {
		dst = append(dst, t.Word)
	}
	return dst
}
