package extract

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"cddh-sync/connectors"
	"cddh-sync/internal/lazyre"
	"cddh-sync/rules/units"
)

// Document is the header of a directive.
type Document struct {
	Type     string    `json:"type"`
	Number   string    `json:"number"`
	Notation string    `json:"notation"`
	Issued   time.Time `json:"-"`
	Secrecy  string    `json:"secrecy"`
	Urgency  string    `json:"urgency"`

	dateEnd int // where the place-and-date line's date ends in the text, -1 when none
}

var (
	// reNumber is "Số: 45/TB-UBND", or a legal document's "Số: 44/2007/QĐ-UBND" whose
	// number carries the year it was issued (Nghị định 30/2020/NĐ-CP, Phụ lục I; Luật
	// Ban hành VBQPPL): number "44/2007", notation "QĐ-UBND".
	reNumber = lazyre.New(`(?i)\bS[ốô]\s*:\s*([0-9]+(?:\s*/\s*(?:19|20)[0-9]{2}\b)?)?\s*/\s*([0-9A-Za-zĐđ][0-9A-Za-zĐđ.\-&]*)`)
	reDate   = lazyre.New(`(?i)ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})`)
	// rePlaceDate is the place-and-date line ("Đồng Tháp, ngày 10 tháng 3 năm 2026"),
	// preferred over a date cited in the first paragraph.
	rePlaceDate = lazyre.New(`(?im)^[^\n,]{0,60},\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})`)
)

// notationTypes maps the leading code of a notation to the document type
// (Nghị định 30/2020/NĐ-CP, Phụ lục III: abbreviations of document types).
var notationTypes = map[string]string{
	"TB": "Thông báo", "QĐ": "Quyết định", "KH": "Kế hoạch", "CT": "Chỉ thị",
	"CĐ": "Công điện", "BC": "Báo cáo", "TTr": "Tờ trình", "NQ": "Nghị quyết",
	"HD": "Hướng dẫn", "CTr": "Chương trình", "GM": "Giấy mời", "QC": "Quy chế",
	"PA": "Phương án", "ĐA": "Đề án", "CV": "Công văn",
}

var titleTypes = []string{"CÔNG ĐIỆN", "THÔNG BÁO", "QUYẾT ĐỊNH", "KẾ HOẠCH", "CHỈ THỊ",
	"BÁO CÁO", "TỜ TRÌNH", "NGHỊ QUYẾT", "HƯỚNG DẪN", "CHƯƠNG TRÌNH", "GIẤY MỜI", "PHƯƠNG ÁN"}

// headerEnd is how far into the text stamps and the number are looked for.
const headerEnd = 1500

func parseHeader(text string) Document {
	var d Document
	head := text[:cutAt(text, headerEnd)]
	if m := numberMatch(head); m != nil {
		d.Number = strings.Join(strings.Fields(strings.ReplaceAll(m[1], "/", " / ")), "")
		d.Notation = strings.TrimRight(m[2], ".-")
	}
	mi := placeDate(head)
	loose := false
	if mi == nil {
		mi = looseDate(head[:cutAt(head, 1500)]) // a date line is near the top
		loose = true
	}
	flat := false
	if mi == nil {
		mi, flat = flatPlaceDate(head), true
	}
	d.dateEnd = -1
	if mi != nil {
		d.dateEnd = mi[1]
		switch nl := strings.IndexByte(head[mi[1]:], '\n'); {
		case flat || nl < 0 && strings.TrimSpace(head[mi[1]:]) != "" || nl > 120:
			d.dateEnd = -1 // the body goes on in the same line (a flattened text): nothing to cut
		case loose && nl > 0 && strings.TrimSpace(head[mi[1]:mi[1]+nl]) != "":
			// "Ngày 31 tháng 5 năm 2019, UBND tỉnh có công điện …": a sentence
			// that opens with its date is body, not a date line to cut after
			d.dateEnd = -1
		}
		dd, _ := strconv.Atoi(head[mi[2]:mi[3]])
		mm, _ := strconv.Atoi(head[mi[4]:mi[5]])
		yy, _ := strconv.Atoi(head[mi[6]:mi[7]])
		if mm >= 1 && mm <= 12 && dd >= 1 && dd <= 31 {
			d.Issued = time.Date(yy, time.Month(mm), dd, 0, 0, 0, 0, connectors.Zone)
		}
	}
	d.Type = typeOf(d.Notation, head)
	for line := range strings.SplitSeq(head, "\n") { // (no slice of lines: issue 14)
		for cell := range strings.SplitSeq(line, "|") {
			if n := len(strings.TrimSpace(cell)); n > 24 {
				if n <= 80 {
					labelled(&d, units.Normalize(cell))
				}
				continue // a stamp is one or two words
			}
			k := units.Normalize(cell)
			if labelled(&d, k) {
				continue
			}
			switch k {
			case "tuyet mat", "toi mat", "mat":
				if d.Secrecy == "" {
					d.Secrecy = stampName(k)
				}
			case "hoa toc", "thuong khan", "khan":
				if d.Urgency == "" {
					d.Urgency = stampName(k)
				}
			}
		}
	}
	return d
}

// labelled reads a cell made only of labelled stamps, "Độ mật: Tối mật", "Độ khẩn:
// Hỏa tốc", "Mức độ mật: Mật" (k normalised: "do mat toi mat"), into d; it reports
// whether k was such a cell. A value that is no stamp ("Thường", "Không mật") marks
// nothing; a sentence that merely says "mật" is never a label.
func labelled(d *Document, k string) bool {
	w := strings.Fields(k)
	label := func(i int) (kind string, next int) {
		if i < len(w) && w[i] == "muc" {
			i++
		}
		if i+1 < len(w) && w[i] == "do" && (w[i+1] == "mat" || w[i+1] == "khan") {
			return w[i+1], i + 2
		}
		return "", i
	}
	kind, i := label(0)
	if kind == "" {
		return false
	}
	for kind != "" {
		j := i
		for j < len(w) {
			if next, _ := label(j); next != "" {
				break
			}
			j++
		}
		v := strings.Join(w[i:j], " ")
		switch {
		case kind == "mat" && (v == "tuyet mat" || v == "toi mat" || v == "mat"):
			if d.Secrecy == "" {
				d.Secrecy = stampName(v)
			}
		case kind == "khan" && (v == "hoa toc" || v == "thuong khan" || v == "khan"):
			if d.Urgency == "" {
				d.Urgency = stampName(v)
			}
		}
		if j == len(w) {
			break
		}
		kind, i = label(j)
	}
	return true
}

// placeDate is rePlaceDate's submatch indexes in head, the regular expression run
// only on the lines around each "ngày" (it is slow over a whole header).
func placeDate(head string) []int {
	for off := 0; off < len(head); {
		i := strings.Index(head[off:], "ngày")
		if i < 0 {
			return nil
		}
		i += off
		ls := strings.LastIndexByte(head[:i], '\n') + 1
		if k := strings.LastIndex(head[ls:i], "   "); k >= 0 {
			// pdftotext -layout's right column: "…trọng điểm năm 2026
			// Đồng Tháp, ngày 19 tháng 12": the place starts after the gap
			ls += k + 3
		}
		// 64 bytes of text after "ngày", the spaces of a wrapped right column
		// ("… tháng 12\n<56 spaces>năm 2026") not counted
		end, n := i, 0
		for end < len(head) && n < 64 {
			if head[end] != ' ' {
				n++
			}
			end++
		}
		// every match holds a comma (the place's) before "ngày": without one
		// the expression, costly for its {0,60}, need not run (issue 14: speed)
		if commaDate(head[ls:end]) {
			if m := rePlaceDate.FindStringSubmatchIndex(head[ls:end]); m != nil {
				for k := range m {
					if m[k] >= 0 {
						m[k] += ls
					}
				}
				return m
			}
			if m := wrappedYear(head, ls, i); m != nil {
				return m
			}
		}
		off = i + len("ngày")
	}
	return nil
}

// flatPlaceDate finds the place and date of a header whose lines were
// flattened into one (a legal site's copy: "… Độc lập - Tự do - Hạnh phúc
// Số: 46/2019/QĐ-UBND Cao Bằng, ngày 28 tháng 10 năm 2019 QUYẾT ĐỊNH …"):
// the place starts right after "Hạnh phúc" or the number, the only ends a
// flattened header leaves to the place before its comma.
func flatPlaceDate(head string) []int {
	head = head[:cutAt(head, 700)]
	var starts []int
	for _, w := range []string{"Hạnh phúc", "HẠNH PHÚC", "Hạnh Phúc"} {
		if k := strings.Index(head, w); k >= 0 {
			starts = append(starts, k+len(w))
		}
	}
	if end := numberEnd(head); end >= 0 {
		starts = append(starts, end)
	}
	for _, st := range starts {
		rest := strings.TrimLeft(head[st:], " -–\t")
		if rest == "" || !startsUpper(rest) {
			continue
		}
		off := len(head) - len(rest)
		if m := rePlaceDate.FindStringSubmatchIndex(rest[:cutAt(rest, 120)]); m != nil && !strings.ContainsAny(rest[:m[2]], "0123456789") {
			for k := range m {
				if m[k] >= 0 {
					m[k] += off
				}
			}
			return m
		}
	}
	return nil
}

// rePlaceDateOpen is a place-and-date line whose year wrapped to the next line
// ("Thành phố Hồ Chí Minh, ngày 22 tháng 12 năm").
var rePlaceDateOpen = lazyre.New(`^[^\n,]{0,60},\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm[ \t]*\n`)

// reYear is a year alone.
var reYear = lazyre.New(`(?:^|\s)((?:19|20)\d{2})(?:\s|$)`)

// wrappedYear reads the place-and-date line starting at ls (its "ngày" at i)
// whose year pdftotext -layout wrapped to the next line, under the right
// column, beside the left column's text ("Số: 9876/STC-NS      2026"). The
// result is shaped as rePlaceDate's match.
func wrappedYear(head string, ls, i int) []int {
	m := rePlaceDateOpen.FindStringSubmatchIndex(head[ls:min(len(head), i+48)])
	if m == nil {
		return nil
	}
	for k := range m {
		m[k] += ls
	}
	next := m[1] // the next line
	nl := strings.IndexByte(head[next:], '\n')
	if nl < 0 {
		nl = len(head) - next
	}
	line := head[next : next+nl]
	// the year stands in the right column: at or after the place's column
	col := utf8.RuneCountInString(head[strings.LastIndexByte(head[:ls], '\n')+1 : ls])
	y := reYear.FindStringSubmatchIndex(line)
	if y == nil || utf8.RuneCountInString(line[:y[2]]) < col-8 {
		return nil
	}
	return []int{m[0], next + y[3], m[2], m[3], m[4], m[5], next + y[2], next + y[3]}
}

func stampName(k string) string {
	return map[string]string{"tuyet mat": "Tuyệt mật", "toi mat": "Tối mật", "mat": "Mật",
		"hoa toc": "Hỏa tốc", "thuong khan": "Thượng khẩn", "khan": "Khẩn"}[k]
}

func typeOf(notation, head string) string {
	if notation != "" {
		parts := strings.Split(notation, "-")
		if t, ok := notationTypes[parts[0]]; ok && len(parts) > 1 {
			return t
		}
		if len(parts) >= 1 && (strings.HasPrefix(parts[0], "UBND") || strings.HasPrefix(parts[0], "VP")) && len(parts) >= 2 {
			// "1234/UBND-KT": the issuer first, then the drafting unit: a công văn.
			return "Công văn"
		}
	}
	for _, line := range strings.Split(head, "\n") {
		l := strings.TrimSpace(line)
		for _, t := range titleTypes {
			if l == t {
				return strings.ToUpper(t[:1]) + strings.ToLower(t[1:])
			}
		}
	}
	if notation != "" {
		return "Công văn"
	}
	return ""
}

// tailAt is the start of s's last n bytes, moved forward to a rune boundary.
func tailAt(s string, n int) int {
	if n >= len(s) {
		return 0
	}
	i := len(s) - n
	for i < len(s) && s[i]&0xC0 == 0x80 {
		i++
	}
	return i
}

// cutAt returns min(n, len(s)) moved back to a rune boundary.
func cutAt(s string, n int) int {
	if n >= len(s) {
		return len(s)
	}
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return n
}

var reIssuerCut = lazyre.New(`(?i)(CỘNG\s+HÒA|CỘNG\s+HOÀ|ĐỘC\s+LẬP|Số\s*:)`)

// issuerKey is the normalised name of the issuing body from the capitals at the
// top left ("ỦY BAN NHÂN DÂN / TỈNH ĐỒNG THÁP" → "ubnd tinh dong thap"), "" when
// the text has none.
func issuerKey(text string) string {
	head := text[:cutAt(text, 600)]
	var parts []string
	for _, line := range strings.Split(head, "\n") {
		line = strings.TrimSpace(strings.Trim(strings.TrimSpace(line), "|-_ "))
		if loc := issuerCut(line); loc != nil {
			if strings.HasPrefix(strings.ToUpper(line[loc[0]:]), "SỐ") || loc[0] == 0 && len(parts) > 0 {
				break
			}
			line = line[:loc[0]]
		}
		line = strings.TrimSpace(strings.Trim(line, "|-_ "))
		if line == "" {
			continue
		}
		if !isTitle(line) && !(len(parts) == 0 && shortCaps(line)) {
			break // ("ỦY\nBAN NHÂN DÂN\nTỈNH ĐẮK LẮK": a PDF's first word alone on its line is the name's)
		}
		parts = append(parts, line)
		if len(parts) == 3 && !shortCaps(parts[0]) || len(parts) == 4 {
			break
		}
	}
	k := units.Normalize(strings.Join(parts, " "))
	for _, h := range issuerHeads {
		if strings.HasPrefix(k, h) {
			return k
		}
	}
	return "" // "TIN TỨC - SỰ KIỆN": a page's section in capitals, no issuer
}

// issuerHead: k (folded) opens with an issuer's head.
func issuerHead(k string) bool {
	for _, h := range issuerHeads {
		if strings.HasPrefix(k, h) {
			return true
		}
	}
	return false
}

// issuerHeads open the name of a body that issues documents, folded.
var issuerHeads = []string{"ubnd", "uy ban", "hoi dong", "chinh phu", "thu tuong", "van phong", "bo ", "so ", "ban ", "cong an",
	"cuc ", "chi cuc", "tong cuc", "thanh tra", "kho bac", "bao hiem", "trung tam", "tinh uy", "thanh uy", "huyen uy", "dang uy",
	"mat tran", "bo chi huy", "quan khu", "toa an", "vien kiem sat", "kiem toan", "ngan hang", "dai hoc", "truong ", "benh vien",
	"tap doan", "tong cong ty", "cong ty", "hoi ", "lien doan", "tinh doan", "doan ", "hdnd", "thuong truc"}

// looseDate is a "ngày D tháng M năm Y" that stands where a date line does (a
// place without its comma, "TP. Hồ Chí Minh ngày …", or the date alone on its
// line), never the date of a document the text cites: "Công văn số 248/PCTT
// ngày 31 tháng 10 năm 2019" dates Công văn 248, not this text.
func looseDate(head string) []int {
	for off := 0; off < len(head); {
		mi := dateMatch(head[off:])
		if mi == nil {
			return nil
		}
		for k := range mi {
			if mi[k] >= 0 {
				mi[k] += off
			}
		}
		off = mi[1]
		ls := strings.LastIndexByte(head[:mi[0]], '\n') + 1
		before := head[ls:mi[0]]
		if len(before) > 60 || strings.ContainsAny(before, "0123456789/") || strings.Contains(strings.ToLower(before), "số") {
			continue
		}
		if k := units.Normalize(before); strings.HasSuffix(k, "truoc") || strings.HasSuffix(k, "cham nhat") || strings.HasSuffix(k, "den") ||
			strings.HasSuffix(k, "han") || strings.HasSuffix(k, "muon nhat") || strings.HasSuffix(k, "tu") {
			continue // "… gửi về Sở Tài chính trước ngày 10 tháng 01 năm 2027": a deadline, not the letter's date
		}
		return mi
	}
	return nil
}

// shortCaps: line is a word or two in capitals too short for isTitle ("ỦY").
func shortCaps(line string) bool {
	n := capsLetters(line)
	return n > 0 && n < 4
}
