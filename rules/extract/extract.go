package extract

import (
	"cddh-sync/connectors"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"cddh-sync/internal/lazy"
	"cddh-sync/internal/lazyre"
	"cddh-sync/internal/nfc"
	"cddh-sync/rules/calendar"
	"cddh-sync/rules/deadline"
	"cddh-sync/rules/units"
)

// Options configure Extract.
type Options struct {
	Issued   time.Time          // zero: read from the place-and-date line, else unknown
	Profile  string             // the province profile (informational here)
	Units    *units.Directory   // nil: no unit resolves to a code
	Calendar *calendar.Calendar // nil: calendar.Default()
	// CutoffHour is the profile's cut-off hour (profile.CutoffHour); 0 means
	// profile.DefaultCutoffHour.
	CutoffHour int
	// Directive says the text is a directive whatever its text shows: a portal
	// issued it as one (its metadata carries number, type and issuer), so a body
	// without a header (a numbered plan, "Sở X chủ trì …") is read as a directive's,
	// not as a news item's.
	Directive bool
}

// UnitRef is a unit as output: code "" when the directory does not know it.
type UnitRef struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// Deadline is a task's deadline as output.
type Deadline struct {
	Nominal    time.Time
	Effective  time.Time
	Time       string // "HH:MM" or ""
	Text       string
	Recurrence string
}

// Task is one assignment.
type Task struct {
	Content string
	Lead    UnitRef
	// LeadUnits are the units the lead names: the lead itself, or every member
	// the directory knows of a collective lead ("UBND các xã, phường"); empty
	// when the lead is unrecognised (cli.md: collectives expand).
	LeadUnits   []UnitRef
	Coordinates []UnitRef
	Deadline    *Deadline
	MustReport  bool
	Flags       []string
	Confidence  float64 // 0–1: how surely the lead and the deadline were found (confidence.go)

	signals string // what the confidence was computed from, for the corpus test
}

// Result is what Extract finds.
type Result struct {
	Document Document
	Tasks    []Task
	Skipped  string // "secret" for a secret document
}

// Flag names (cli.md).
const (
	FlagNoDeadline = "no_deadline"
	FlagCoLead     = "co_lead"
	// FlagLeadUnrecognised: the sentence assigns work but its subject does not
	// look like a unit; the lead is left empty for a person to fill in.
	FlagLeadUnrecognised = "lead_unrecognised"
)

// ErrEmpty is returned for a text with nothing in it.
var ErrEmpty = errors.New("extract: empty document")

// maxText bounds the input read (8 MiB); beyond it a directive is not a directive.
const maxText = 8 << 20

// Extract reads a directive's text and returns its header and tasks.
func Extract(text string, opts Options) (Result, error) {
	if len(text) > maxText {
		text = text[:cutAt(text, maxText)]
	}
	text = nfc.String(strings.ReplaceAll(text, "\r\n", "\n"))
	text = joinPages(text) // a sentence runs on over a page break (pages.go)
	// "BộKế hoạch": a space lost in a PDF's text layer between a lower-case
	// letter and the capital that starts the next word.
	text = unglueWords(unglue(text))
	if strings.TrimSpace(text) == "" {
		return Result{}, ErrEmpty
	}
	doc := parseHeader(text)
	if !opts.Issued.IsZero() {
		doc.Issued = opts.Issued
	}
	res := Result{Document: doc, Tasks: []Task{}}
	if doc.Secrecy != "" {
		// Luật Bảo vệ bí mật nhà nước 2018 Đ10: secret content never leaves its channel.
		res.Skipped = "secret"
		return res, nil
	}
	x := &extractor{opts: opts, doc: doc, issuer: issuerKey(text)}
	x.foreign = foreignIssuer(x.issuer, opts.Units)
	x.local = x.foreign || localIssuer(x.issuer, opts.Units) // (another province's department's groups are its province's too)
	x.room = viewRooms.Get().(*viewRoom)
	x.room.reset()
	x.room.lend(x)              // (its maps too: memos)
	defer viewRooms.Put(x.room) // once the result holds nothing of the views (viewRoom)
	if doc.Issued.IsZero() {
		x.notBefore = citedNotBefore(text)
		if y := latestYear(text); y > 0 && (x.notBefore.IsZero() || x.notBefore.Year() < y) {
			// "… đến hết ngày 31-12-2018. Trước ngày 25-10, UBND các huyện …": with
			// no issue date, a year-less deadline falls in the year of the text's
			// latest full date (flagged year_inferred)
			x.notBefore = time.Date(y, 1, 1, 0, 0, 0, 0, x.notBefore.Location())
		}
	}
	x.run(body(text, doc.dateEnd))
	res.Tasks = dropRestated(x.tasks, x.words, x.room.ids)
	return res, nil
}

// dropRestated drops a task that another task of the same lead says again in
// full (a news item's lead paragraph, then its body: "Sở X đề nghị UBND huyện
// Y phối hợp … kiểm tra …" and "Căn cứ …, Sở X đề nghị UBND huyện Y phối hợp …
// kiểm tra …, trước ngày 14/5/2024"): the one that says more, or gives the
// deadline, stays.
// allDigits: w is a number, digits only.
func allDigits(w string) bool {
	for _, r := range w {
		if r < '0' || r > '9' {
			return false
		}
	}
	return w != ""
}

// wordsOf gives a text's normalised words (units.Words; Extract passes x.words,
// which takes a viewed sentence's from its view).
//
// ids is room for the words' numbers, emptied here (nil: a map of its own).
func dropRestated(ts []Task, wordsOf func(string) []string, ids map[string]int32) []Task {
	if len(ts) < 2 {
		return ts
	}
	// Only tasks of a lead that leads another task too are compared: the words
	// of the others are not worth folding (issue 14: speed).
	leads := map[UnitRef]int{}
	for _, t := range ts {
		leads[t.Lead]++
	}
	// each task's distinct words, as sorted numbers (one a word, the same in
	// every task: numbers sort and compare faster than words)
	words := make([][]int32, len(ts))
	if ids == nil {
		ids = map[string]int32{}
	}
	clear(ids) // (the extractor's, used again: growing it was 4% of what Extract allocated)
	// a content said again (the same sentence twice in the text) has the
	// same words: they are numbered once (issue 14: speed)
	var byContent map[string]int
	for i, t := range ts {
		if leads[t.Lead] < 2 {
			continue
		}
		if j, ok := byContent[t.Content]; ok {
			words[i] = words[j]
			continue
		}
		if byContent == nil {
			byContent = map[string]int{}
		}
		byContent[t.Content] = i
		ws := wordsOf(t.Content)
		w := make([]int32, 0, len(ws)) // at its size at once: growing it was 3% of what Extract allocated
		for _, x := range ws {
			// numbers are left out: a page's "14:28 | 24/02/2021" before a lead
			// paragraph does not make it say more
			if allDigits(x) {
				continue
			}
			id, ok := ids[x]
			if !ok {
				id = int32(len(ids))
				ids[x] = id
			}
			w = append(w, id)
		}
		slices.Sort(w)
		words[i] = slices.Compact(w)
	}
	drop := make([]bool, len(ts))
	for i := range ts {
		for j := range ts {
			if i == j || drop[j] || ts[i].Lead != ts[j].Lead || len(words[i]) < 8 || len(words[i]) > len(words[j]) ||
				ts[i].Deadline != nil && (ts[j].Deadline == nil || !ts[i].Deadline.Nominal.Equal(ts[j].Deadline.Nominal)) {
				continue // (two deadlines: two tasks, however alike their words)
			}
			in := common(words[i], words[j])
			if float64(in) >= 0.9*float64(len(words[i])) && (len(words[i]) < len(words[j]) || i > j) {
				drop[i] = true
				break
			}
		}
	}
	kept := 0
	for _, d := range drop {
		if !d {
			kept++
		}
	}
	out := make([]Task, 0, kept) // (at its size: growing it was 2.5% of what Extract allocated)
	for i, t := range ts {
		if !drop[i] {
			out = append(out, t)
		}
	}
	return out
}

// unglue puts a space between a lower-case letter, a comma or a semicolon and
// an upper-case letter followed by a lower-case one ("BộKế" → "Bộ Kế", "năm
// 2008,Bộ" → "năm 2008, Bộ").
func unglue(s string) string {
	var b strings.Builder
	last := 0
	// Only a capital can start the pattern: the loop looks for one (an ASCII
	// capital or the first byte of a longer rune) and reads the runes on either
	// side of it only there (unglueSlow in fast_test.go is the plain loop over
	// every rune, checked equal; it was 7% of Extract's time).
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 'A' || c > 'Z' && c < utf8.RuneSelf || c >= utf8.RuneSelf && c < 0xC0 {
			continue
		}
		if i == 0 {
			continue
		}
		if p := s[i-1]; p < utf8.RuneSelf && (p < 'a' || p > 'z') && p != ',' && p != ';' {
			// the rune before is this ASCII byte, and no small letter: the
			// test of it below fails, and the rune here need not be read (a
			// capital, or a word's first letter, most often follows a space)
			continue
		}
		r, size := rune(c), 1
		switch {
		case c < utf8.RuneSelf:
		case c >= 0xC2 && c <= 0xDF && i+1 < len(s) && s[i+1]&0xC0 == 0x80:
			r, size = rune(c&0x1F)<<6|rune(s[i+1]&0x3F), 2 // two bytes, decoded in place
		case c == 0xE1 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80:
			r, size = 0x1000|rune(s[i+1]&0x3F)<<6|rune(s[i+2]&0x3F), 3 // U+1000–U+1FFF (Vietnamese letters), in place
		default:
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		if c >= utf8.RuneSelf && !units.IsUpper(r) { // (an ASCII byte here is a capital)
			continue
		}
		next, _ := utf8.DecodeRuneInString(s[i+size:])
		if !unicode.IsLower(next) {
			continue
		}
		if prev, _ := utf8.DecodeLastRuneInString(s[:i]); !unicode.IsLower(prev) && prev != ',' && prev != ';' {
			continue // ("năm 2008,Bộ Kế hoạch": a comma whose space was lost)
		}
		if b.Len() == 0 {
			b.Grow(len(s) + 16)
		}
		b.WriteString(s[last:i])
		b.WriteByte(' ')
		last = i
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// recipientsAt is where the "Nơi nhận" block starts (a line beginning, maybe
// after "|" and spaces, or right after the body's closing "./" when the lines
// were flattened), len(text) when none.
func recipientsAt(text string) int {
	for off := 0; off < len(text); {
		i := strings.Index(text[off:], "N")
		if i < 0 {
			break
		}
		i += off
		if strings.HasPrefix(text[i:], "Nơi nhận") || strings.HasPrefix(text[i:], "NƠI NHẬN") {
			j := i
			for j > 0 && (text[j-1] == ' ' || text[j-1] == '\t' || text[j-1] == '|') {
				j--
			}
			if j == 0 || text[j-1] == '\n' {
				return j
			}
			if strings.HasPrefix(text[i:], "Nơi nhận:") && (text[j-1] == '/' || j >= 2 && text[j-2:j] == "/.") {
				return j // "… chịu trách nhiệm thi hành Quyết định này./ Nơi nhận: …": text whose lines were flattened, after the body's closing mark
			}
		}
		off = i + 1
	}
	return len(text)
}

// body is the text between the place-and-date line and "Nơi nhận".
func body(text string, dateEnd int) string {
	text = text[:recipientsAt(text)]
	if dateEnd >= 0 && dateEnd <= len(text) {
		if nl := strings.IndexByte(text[dateEnd:], '\n'); nl >= 0 {
			return text[dateEnd+nl+1:]
		}
		return ""
	}
	return text
}

type extractor struct {
	opts   Options
	doc    Document
	issuer string // issuerKey of the text
	// local: the issuer is a district, a commune or another province
	// (localIssuer), whose groups are not the directory's members
	local bool
	// foreign: the issuer is another province's body (foreignIssuer): a unit
	// it names bare ("Sở Y tế") is its own, not the directory's
	foreign bool
	tasks   []Task

	dlCache  map[string][]deadline.Deadline // deadlines of a sentence, found once
	dlFolds  map[string]*deadline.Text      // a text folded for the deadline grammar, once
	markers  map[string]markerMemo          // NoDeadlineMarker of a task's text, once
	wordsOf  map[string][]string            // units.Words of a text no view holds, found once
	issuerOf map[issuerMemo]bool            // isIssuer by mention, found once
	unitLike map[string]bool                // looksLikeUnit of an unknown name as written, found once
	views    map[string]*sentenceView       // the sentences viewed, by text
	lastView *sentenceView                  // the view view gave last (in views too)
	room     *viewRoom                      // where the views' slices are cut from (viewRoom)

	// relaying: the sentence follows, in the same paragraph, one that assigned
	// work: in a text without a header (a news item relaying a directive), "Sở
	// X xem xét …, báo cáo … trước ngày …" after "UBND tỉnh giao Y …" goes on
	// telling what was assigned.
	relaying bool
	// dated: the sentence read is dated in an opening clause the view of its
	// rest does not hold ("trước ngày 10/11/2020, UBND các huyện sẽ báo cáo …").
	dated bool
	// numbered: the item read is numbered ("1. Các bộ … xây dựng kế hoạch
	// …"): a unit and its verb there assign, even in a text without a header.
	numbered bool
	// dashed: the item read is a dash ("- Tháng 03/2019: Các phòng GDĐT … nộp
	// hồ sơ …, trước ngày 10/3/2019"), which assigns in a text without a
	// header only with its deadline
	dashed bool
	// itemOf: the item each of tasks came from.
	itemOf []int
	// notBefore: with no issue date, the latest date of a document the text
	// cites: the text was issued on or after it (deadline.Context.NotBefore).
	notBefore time.Time
	// directed: a text without a header has said that an authority directs
	// ("UBND tỉnh vừa ban hành Chỉ thị yêu cầu …", "… chỉ đạo các nội dung
	// sau:"): the units' sentences after it relay what was directed.
	directed bool
	// centralVoice: a text without a header relays a central authority ("Phó
	// Thủ tướng … vừa có ý kiến …"): "Theo đó, giao UBND tỉnh X …" after it is
	// the authority tasking the province.
	centralVoice bool
	// addressees: the units of the "Kính gửi:" line or list.
	addressees []units.Mention
}

// formal: the text has a directive's header (a number or an issuer).
func (x *extractor) formal() bool { return x.opts.Directive || x.doc.Notation != "" || x.issuer != "" }

// levelWords end the generic part of an issuer's name ("UBND tỉnh").
var levelWords = map[string]bool{"tinh": true, "huyen": true, "xa": true, "phuong": true, "pho": true, "quan": true, "tran": true}

// isIssuer: the unit is the document's issuer, never its own assignee.
func (x *extractor) isIssuer(m units.Mention) bool {
	// the key holds the mention's strings as they are: joining them into one
	// string was a twentieth of the objects Extract allocated (issue 14)
	key := issuerMemo{written: m.Written, group: m.Group}
	if m.Unit != nil {
		key.known, key.code = true, m.Unit.Code
	}
	if v, ok := x.issuerOf[key]; ok {
		return v
	}
	v := x.isIssuerUncached(m)
	if x.issuerOf == nil {
		x.issuerOf = map[issuerMemo]bool{}
	}
	x.issuerOf[key] = v
	return v
}

// issuerMemo is what isIssuer depends on in a mention: its name as written,
// its group, and its unit's code when it has a unit.
type issuerMemo struct {
	written, group, code string
	known                bool
}

// localIssuer: the text is a district's, a town's or a commune's ("ỦY BAN
// NHÂN DÂN HUYỆN CAO LÃNH", "UBND HUYỆN X / PHÒNG GIÁO DỤC"), or another
// province's or city's ("ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI" read with Đồng
// Tháp's directory): its "UBND các xã", "các sở, ban, ngành" are its own, not
// (all) the directory's, so a group it names is not expanded to the
// directory's members.
func localIssuer(issuer string, dir *units.Directory) bool {
	f := strings.Fields(issuer)
	k := slices.Index(f, "ubnd")
	if k < 0 || k+1 >= len(f) {
		return false
	}
	own := dir.ProvinceKey()
	other := func(name []string) bool { // a place named after the level that is not the directory's province
		return len(name) > 0 && own != "" && !strings.HasPrefix(strings.Join(name, " ")+" ", own+" ")
	}
	switch f[k+1] {
	case "huyen", "quan", "xa", "phuong":
		return true
	case "thi":
		return k+2 < len(f) && (f[k+2] == "xa" || f[k+2] == "tran")
	case "tinh":
		return other(f[k+2:])
	case "thanh":
		// "UBND THÀNH PHỐ CAO LÃNH" is a district's level, "UBND THÀNH PHỐ HÀ
		// NỘI" another city; the directory's own city is neither
		return k+2 < len(f) && f[k+2] == "pho" && (own == "" && k+3 < len(f) || other(f[k+3:]))
	}
	return false
}

// foreignIssuer: the issuer (issuerKey) names a province or centrally-run
// city other than the directory's ("ỦY BAN NHÂN DÂN TỈNH AN GIANG", "SỞ Y TẾ
// THÀNH PHỐ HÀ NỘI"); not a city that is a district's level ("UBND THÀNH PHỐ
// CAO LÃNH", no province's name).
func foreignIssuer(issuer string, dir *units.Directory) bool {
	own := dir.ProvinceKey()
	if own == "" {
		return false
	}
	f := strings.Fields(issuer)
	for k := range f {
		j := k + 1
		switch {
		case f[k] == "tinh":
		case f[k] == "thanh" && k+1 < len(f) && f[k+1] == "pho":
			j = k + 2
		default:
			continue
		}
		if n := units.ProvinceAt(f, j); n > 0 {
			return strings.Join(f[j:j+n], " ") != own
		}
	}
	return false
}

// ownUnits: with another province's issuer (x.foreign), a unit of the
// directory named without the directory's province ("Sở Y tế", "Công an
// tỉnh") is the issuer's own, which the directory does not hold: its name
// as written, matched by no code. Named with it ("Sở Y tế tỉnh Đồng Tháp"),
// it stays the directory's.
func (x *extractor) ownUnits(ms []units.Mention) []units.Mention {
	if !x.foreign {
		return ms
	}
	var out []units.Mention
	for k, m := range ms {
		if m.Unit == nil || strings.Contains(units.Normalize(m.Written), x.opts.Units.ProvinceKey()) {
			continue
		}
		if out == nil {
			out = slices.Clone(ms)
		}
		out[k].Unit = nil
	}
	if out == nil {
		return ms
	}
	return out
}

func (x *extractor) isIssuerUncached(m units.Mention) bool {
	if m.Collective && strings.HasPrefix(m.Group, "UBND các ") {
		return false // the committees of a group of places ("Chủ tịch UBND, Trưởng Ban … các huyện": shareTail), though written "UBND"
	}
	// the name as written, then the directory's: the second is folded only
	// when the first is not the issuer's, and not at all when it is the same
	// text (the same key asks the same questions; issue 14)
	for n := range 2 {
		var k string
		if n == 0 {
			k = units.Normalize(m.Written)
		} else if name := ref(m).Name; name != m.Written {
			k = units.Normalize(name)
		}
		if k == "" {
			continue
		}
		if k == "ubnd tinh" && (x.issuer == "" || strings.HasPrefix(x.issuer, "ubnd tinh") || strings.HasPrefix(x.issuer, "van phong ubnd")) {
			return true // the province's own committee: the issuer, or the one it speaks for
		}
		if x.issuer == "" && !x.formal() && strings.HasPrefix(k, "ubnd tinh ") {
			return true // a news item: "UBND tỉnh Tuyên Quang chỉ đạo …" is the authority it relays
		}
		if k == x.issuer || k == "ubnd" && strings.HasPrefix(x.issuer, "ubnd") {
			return true // a bare "Ủy ban nhân dân" in the issuer's text is the issuer
		}
		if x.issuer != "" && len(k) > len(x.issuer)-4 && len(k) < len(x.issuer)+4 && unspaced(k) == unspaced(x.issuer) {
			return true // a PDF's heading glued two words ("BỘ LAO ĐỘNG - THƯƠNG BINHVÀ XÃ HỘI"), or the text did ("Ủyban")
		}
		f := strings.Fields(k)
		if len(f) >= 2 && levelWords[f[len(f)-1]] && strings.HasPrefix(x.issuer, k+" ") {
			return true
		}
		if strings.HasPrefix(k, "van phong ubnd") && strings.Contains(x.issuer, "van phong") && strings.Contains(x.issuer, "ubnd") {
			return true // "ỦY BAN NHÂN DÂN TỈNH … / VĂN PHÒNG": the Office issues
		}
		if initialsOf(x.issuer, k) {
			return true // "Bộ GDĐT" in the text of "BỘ GIÁO DỤC VÀ ĐÀO TẠO"
		}
		if len(f) >= 3 && strings.HasSuffix(x.issuer, " "+k) && issuerHead(k) {
			return true // "BỘ TÀI CHÍNH / TỔNG CỤC HẢI QUAN": the body under its parent issues
		}
	}
	return false
}

// unspaced is k without its spaces.
func unspaced(k string) string { return strings.ReplaceAll(k, " ", "") }

// initialsOf: key ("bo gddt") is name ("bo giao duc va dao tao") with the
// words after its head written by their initials ("và" left out).
func initialsOf(name, key string) bool {
	n, k := strings.Fields(name), strings.Fields(key)
	if len(k) != 2 || len(n) < 3 || n[0] != k[0] {
		return false
	}
	var b strings.Builder
	for _, w := range n[1:] {
		if w != "va" {
			b.WriteByte(w[0])
		}
	}
	return b.String() == k[1]
}

// danglingWords cannot end a name: "của", "và", "các", "với", "cho".
var danglingWords = map[string]bool{"của": true, "và": true, "các": true, "với": true, "cho": true, "tại": true, "về": true, "có": true, "theo": true, "để": true, "trong": true, "từ": true}

// looksLikeUnit: a lead the grammar built is a unit name, not a clause: at most
// 16 words (names such as "Ban Chỉ huy Phòng, chống thiên tai và Tìm kiếm cứu
// nạn tỉnh" run to 13), starting with a head.
// looksLikeUnit is looksLikeUnit(m), found once per name as written for a
// mention the directory does not know (what it depends on then): the rules
// ask it of the same leads again and again, from every sentence that names
// them and again when a task is finished (issue 14: speed).
func (x *extractor) looksLikeUnit(m units.Mention) bool {
	if m.Unit != nil || m.Collective {
		return true
	}
	if v, ok := x.unitLike[m.Written]; ok {
		return v
	}
	v := looksLikeUnit(m)
	if x.unitLike == nil {
		x.unitLike = map[string]bool{}
	}
	x.unitLike[m.Written] = v
	return v
}

func looksLikeUnit(m units.Mention) bool {
	if m.Unit != nil || m.Collective {
		return true
	}
	// (the words read in one pass, none copied: strings.Fields and four
	// loops were a fifth of this function's time; looksLikeUnitPlain in
	// fast_test.go is them, checked equal; issue 14)
	var last, prev string
	for w := range strings.FieldsSeq(m.Written) {
		if strings.EqualFold(w, "nào") {
			return false // "Đơn vị nào chưa thu …": whichever unit, a condition, not a name
		}
		if prev != "" && strings.EqualFold(prev, "ngày") && w[0] >= '0' && w[0] <= '9' {
			return false // "Báo Nông nghiệp ngày 14 tháng 01 năm 2021 có nêu": a date inside is no name's
		}
		if w[0] >= '0' && w[0] <= '9' && (strings.Contains(w, "h") || strings.Contains(w, ":")) || strings.EqualFold(w, "giờ") {
			return false // "Tổ dân phố chốt số liệu vào 15h00 hàng ngày": a time inside is no name's
		}
		prev, last = w, w
	}
	// a head alone ("Cục", "Sở") is not a name: its body could not be read; a
	// name does not end in a word that needs one after it ("… chuyên môn của")
	if last != "" && danglingWords[strings.ToLower(last)] {
		return false
	}
	if strings.Count(m.Written, "(") != strings.Count(m.Written, ")") {
		return false // "Bộ (Quốc phòng": a list in parentheses cut open, no name
	}
	// (a rune's lower case is at least a third of its bytes: a longer name
	// cannot lower to one of these, and is not lowered for them)
	if len(m.Written) <= 3*len("địa phương") {
		switch strings.ToLower(m.Written) {
		case "địa phương", "đơn vị", "cơ quan":
			return false // a bare word, not a name: "… (địa phương) lập phương án …"
		}
	}
	// ("Ban Quản lý dự án đầu tư xây dựng công trình dân dụng và công nghiệp
	// tỉnh" has 17 words: a capitalised head allows a long name)
	limit := 16
	if startsUpper(m.Written) {
		limit = 20
	}
	// len(Tokenize(m.Written)) <= limit: openingTokens gives all the tokens,
	// or a prefix of more than limit (on the stack: no token is kept)
	var tb [48]units.Token
	return len(openingTokens(tb[:0], m.Written, limit+1)) <= limit && looksLikeHead(m.Written) && !bareHead(m.Written)
}

// headLead is a per-unit heading ("2. Sở Tài chính:") whose items inherit it.
type heading struct {
	level    int
	leads    []units.Mention
	deadline *deadline.Deadline
	text     string
	intro    bool // "Giao X thực hiện các nội dung sau:": its leads do the items
}

// capsTitle: a part's title in capitals after its letter ("A. NHIỆM VỤ
// CHUNG", "B. TỔ CHỨC THỰC HIỆN"), which Segment leaves a paragraph: letters,
// none in lower case, and short. (A Roman number, "II. NHIỆM VỤ", is a part
// of Segment's own.) A part that states aims or grounds ("A. MỤC ĐÍCH, YÊU
// CẦU", "QUAN ĐIỂM", "CĂN CỨ") holds no duties of the intro's units.
func capsTitle(s string) bool {
	s = strings.TrimSpace(s)
	m := reCapsTitle.FindStringSubmatchIndex(s)
	if m == nil || len(s) > 160 || !isTitle(s) {
		return false
	}
	k := units.Normalize(s[m[1]:])
	for _, aim := range []string{"muc dich", "muc tieu", "yeu cau", "quan diem", "can cu", "su can thiet", "tinh hinh", "ket qua", "danh gia", "pham vi", "doi tuong"} {
		if strings.HasPrefix(k, aim) {
			return false
		}
	}
	return true
}

// reCapsTitle is a part's letter ("A. ").
var reCapsTitle = lazyre.New(`^[A-ZĐ]\.\s+`)

func (x *extractor) run(b string) {
	b, tables := cutTables(b)
	items := segmentInto(&x.room.segs, b)
	var heads []heading
	var prev []protoTask          // the tasks of the paragraph before, when none has a deadline
	var last []protoTask          // the tasks of the item before, when none has a deadline
	var lastLeads []units.Mention // the leads of the last task, until a paragraph that is no task
	var undated []protoTask       // the tasks of the last item that had any, when none has a deadline
	var run []protoTask           // the undated tasks of the list items just before, one after another at one level
	addressees := false           // in the "Kính gửi:" list: who receives the text, not who is tasked
	var intros []intro            // "Giao X thực hiện các nội dung sau:" headings
	var section []protoTask       // the undated items of one heading's unit, one after another
	sectionHead, sectionLevel := "", 0
	runLevel := 0 // run's items' level
	purpose := purposeSkip{seenAt: -1}
	var contents *reportTask // a report's task whose items follow
	for n, it := range items {
		if purpose.skip(it) {
			continue // "I. MỤC ĐÍCH, YÊU CẦU": what the plan is for, no task
		}
		if contents != nil {
			if it.Marker != "" && it.Level > contents.level && !x.assigns(it.Text) {
				// "1. Văn bản chỉ đạo, hướng dẫn …;": what the report holds
				contents.pt.content += " " + strings.TrimSpace(it.Text)
				x.tasks[contents.idx] = x.finish(contents.pt)
				continue
			}
			if contents.idx == len(x.tasks)-1 && x.tasks[contents.idx].Deadline == nil {
				// "Báo cáo gửi về Cục … trước ngày 15 tháng 4 năm 2017." below
				// the items dates the report (the follow-up rule)
				prev, last = []protoTask{contents.pt}, []protoTask{contents.pt}
			}
			contents = nil
		}
		if t := strings.TrimSpace(it.Text); it.Level == 0 && (strings.HasPrefix(t, "Kính gửi") || strings.HasPrefix(t, "Kính gởi")) {
			c := strings.IndexByte(t, ':')
			if rest, ok := afterAddressees(t, c); ok {
				// "Kính gửi: Ông (Bà) Hiệu trưởng các đơn vị trực thuộc. Thực
				// hiện …, Phòng GD-ĐT yêu cầu các trường … thực hiện các nội
				// dung sau:": a rendering ran the letter's first paragraph on
				// after the addressee; that paragraph is read as one
				x.addressed(t[c+1 : len(t)-len(rest)])
				it.Text = rest
			} else {
				addressees = strings.HasSuffix(t, ":") || !strings.Contains(t, ".")
				if c >= 0 {
					x.addressed(t[c+1:])
				}
				continue
			}
		} else if addressees && (it.Level == 3 || it.Level == 0 && (strings.HasPrefix(t, "-") || x.namesOnly(t))) {
			x.addressed(t)
			continue // "- Sở Giao thông, Y tế, Bưu điện, Điện lực tỉnh;"
		}
		addressees = false
		for len(heads) > 0 && heads[len(heads)-1].level >= it.Level && it.Level > 0 {
			heads = heads[:len(heads)-1]
		}
		if it.Level == 0 && len(heads) > 0 && heads[0].level == 0 && heads[0].intro && capsTitle(it.Text) {
			// "… đề nghị các Sở GDĐT tổ chức thực hiện các nội dung sau:" then
			// "A. NHIỆM VỤ CHUNG", "B. NHIỆM VỤ CỤ THỂ": a part's title in
			// capitals, no task, under which the intro's items go on
			continue
		}
		if it.Level == 0 && !(len(heads) == 1 && heads[0].level == 0 && heads[0].leads != nil && startsWithAction(it.Text) &&
			!(len(prev) > 0 && x.hasDeadline(it.Text) && x.followUp(it.Text))) {
			// a plain paragraph ends the headings above it, but for the
			// paragraphs that detail a plain "… yêu cầu X, Y:" one by one
			heads = heads[:0]
		}
		text := it.Text
		if k, ok := tableAt(text, len(tables)); ok {
			for _, pt := range x.tableTasks(tables[k]) {
				if x.isIssuer(pt.leads[0]) {
					continue
				}
				x.keep(x.finish(pt), n)
			}
			last, prev, undated, lastLeads, section, heads = nil, nil, nil, nil, nil, heads[:0]
			continue
		}
		if t := strings.TrimSpace(text); strings.HasPrefix(t, "(") && strings.HasSuffix(t, ")") && len(t) < 200 {
			continue // "(Có đề cương chi tiết gửi kèm)": a note between a task and its deadline
		}
		if executionClause(text) {
			continue // "Điều 3. Chánh Văn phòng …, Thủ trưởng …": the execution clause
		}
		isHead := strings.HasSuffix(strings.TrimSpace(text), ":")
		if !isHead && it.Level > 0 && n+1 < len(items) && items[n+1].Level > it.Level {
			// a unit alone on an item is a heading when items below it follow (the
			// last line of a text cut short is not)
			_, _, isHead = x.subjectLeads(text, true)
		}
		if leads, ok := x.dutyHeading(text); ok {
			// "Điều 2. Nhiệm vụ của Tổ công tác", "Trách nhiệm của Sở Y tế:": the
			// items below are that unit's
			heads = append(heads, heading{level: it.Level, leads: leads, text: text})
			continue
		}
		if isHead {
			h := heading{level: it.Level, text: text}
			if leads, _, ok := x.subjectLeads(text, true); ok {
				h.leads = leads
			} else if leads, ok := x.roleHeading(text); ok {
				h.leads = leads
			}
			ls := lastSentence(text)
			if ds := x.deadlines(ls); len(ds) > 0 && !slices.Contains(ds[0].Flags, deadline.FlagRange) && !inPurpose(ls, ds[0].Start) {
				// ("Theo dự báo, từ ngày 28/12 đến ngày 02/01 … Để chủ động ứng
				// phó, Chủ tịch … yêu cầu:": the forecast's days are no deadline
				// of the items below; only the heading's own clause dates them)
				h.deadline = &ds[0]
			}
			if h.leads == nil {
				// "Giao … thực hiện các nội dung sau:" introduces its items.
				if ts := x.tasksIn(text, nil, nil); len(ts) == 1 && reportContents(text) && !x.isIssuer(ts[0].leads[0]) {
					// "… đề nghị Sở Nội vụ … báo cáo một số nội dung sau:": the
					// items below are what the report holds, one task
					x.keep(x.finish(ts[0]), n)
					contents = &reportTask{pt: ts[0], idx: len(x.tasks) - 1, level: it.Level}
					last, prev, undated, section, heads = nil, nil, nil, nil, heads[:0]
					continue
				} else if len(ts) == 1 && (isIntro(text) || n+1 < len(items) && startsWithAction(items[n+1].Text)) {
					h.leads, h.intro = ts[0].leads, true
					intros = append(intros, intro{pt: ts[0], item: n, tasks: len(x.tasks)})
				} else if len(ts) == 0 && isIntro(text) {
					// "… thời gian quy định cho các cơ quan, đơn vị xây dựng kế
					// hoạch và báo cáo … như sau:": the units the rule is for do
					// the items
					h.leads = x.introFor(text)
				}
			}
			if h.leads != nil || h.deadline != nil {
				heads = append(heads, h)
				if h.leads != nil {
					continue
				}
			}
		}
		var inherited []units.Mention
		var inhDL *deadline.Deadline
		for i := len(heads) - 1; i >= 0; i-- {
			if inherited == nil && heads[i].leads != nil {
				inherited = heads[i].leads
			}
			if inhDL == nil && heads[i].deadline != nil {
				inhDL = heads[i].deadline
			}
		}
		if len(last) == 0 && len(undated) > 0 && it.Level == 0 && timeLine(text) && x.hasDeadline(text) {
			// "… đề nghị các sở … đề xuất, đăng ký nhiệm vụ …", what the file
			// holds and where it goes, then "Thời hạn cuối cùng nhận hồ sơ: ngày
			// 20 tháng 4 năm 2020": the time line of the last undated task,
			// paragraphs below it
			last = undated
		}
		if len(last) > 0 && timeLine(text) && x.hasDeadline(text) {
			// "- Thời hạn hoàn thành: trước ngày 30/6/2026" below a task without
			// one: the task's deadline. Below several items of one unit's heading,
			// and not indented deeper than they are ("1. UBND xã X\n- Việc A.\n-
			// Việc B.\nThời gian hoàn thành: …"), it closes them all.
			if len(section) > len(last) && it.Level <= sectionLevel {
				last = section
			}
			x.redate(last, text)
			last, prev, section, undated = nil, nil, nil, nil
			continue
		}
		if contactLine(text) {
			// "Tổng cục Tiêu chuẩn Đo lường Chất lượng, số 8, Hoàng Quốc Việt,
			// …, điện thoại: …, email: …" below "… về địa chỉ:": where to send,
			// no task, and the task above stays open
			continue
		}
		x.numbered = it.Level > 0 && it.Level < 3 // "1.", "a)": not a dash, which also lists who attends
		x.dashed = it.Level >= 3
		pts := x.tasksIn(text, inherited, inhDL)
		x.numbered, x.dashed = false, false
		if len(pts) == 1 && pts[0].how == bySubject && len(last) > 0 && strings.TrimSpace(pts[0].content) == strings.TrimSpace(text) &&
			x.deadlineFollowUp(strings.TrimSpace(text), pts[0].leads) {
			// "Các đơn vị thực hiện trước ngày 24/3/2016.": the deadline of the
			// task(s) of the item before
			x.redate(last, text)
			last, prev, undated = nil, nil, nil
			continue
		}
		if len(pts) == 1 && pts[0].how == byTrigger && anaphoric(pts[0].leads[0].Written) && len(undated) > 0 && it.Level == 0 &&
			strings.TrimSpace(pts[0].content) == strings.TrimSpace(text) && x.deadlineFollowUp(strings.TrimSpace(text), pts[0].leads) {
			// "UBND thành phố giao Viện X chủ trì … đề xuất thành lập Tổ …" … "Lãnh
			// đạo UBND yêu cầu các đơn vị trình dự thảo trước ngày 25/3/2026.":
			// the units just tasked, given their deadline, paragraphs later
			if runLevel > 0 && len(run) > len(undated) && run[len(run)-1].content == undated[len(undated)-1].content {
				// "1. Đối với các sở, ban, ngành báo cáo theo phụ lục 1 …", "2. UBND
				// các huyện … báo cáo theo phụ lục 2 …", then "… đề nghị các cơ
				// quan, đơn vị … gửi báo cáo … trước ngày 18/11/2016": every item
				// of the list
				undated = run
			}
			x.redate(undated, text)
			last, prev, undated, run = nil, nil, nil, nil
			continue
		}
		if len(pts) == 0 && it.Level == 0 && inherited == nil && lastLeads != nil && x.hasDeadline(text) && startsWithAction(text) &&
			!(len(prev) > 0 && x.followUp(text)) {
			// "UBND tỉnh yêu cầu các sở … thực hiện nghiêm Chỉ thị ….\n Phân công
			// trực …, gửi danh sách … chậm nhất ngày …": a paragraph with a duty and
			// its deadline but no subject is the same units' next task
			pts = []protoTask{{content: text, leads: lastLeads, inhLead: true, how: byHeading}}
		}
		if len(pts) == 0 && inherited == nil {
			if leads, ok := x.forUnits(text); ok {
				// "- Đối với 4 Tổng công ty trực thuộc Bộ (gồm: …): báo cáo tình
				// hình …": the units named after "Đối với" do what follows
				pts = []protoTask{{content: text, leads: leads, how: bySubject}}
			}
		}
		if len(pts) == 0 && it.Level > 0 && it.Level < 3 && x.formal() && (inherited != nil || len(x.addressees) == 1) &&
			x.hasDeadline(text) && mustReport(x.words(text)) {
			// "2. Đối với các tờ khai … báo cáo và gửi kèm hồ sơ … về Tổng cục
			// trước ngày 1/3/2019": a numbered duty with no subject sends
			// something by a date: the heading's units', or in a letter to one
			// addressee, the addressee's
			leads := inherited
			if leads == nil {
				leads = x.addressees[:1:1]
			}
			pts = []protoTask{{content: text, leads: leads, inhDL: inhDL, inhLead: true, how: byHeading}}
		}
		if len(pts) == 1 && it.Level == 0 && len(prev) == 1 && len(pts[0].leads) == 1 && x.sendsBack(pts[0], prev[0]) {
			// "… đề nghị Quý Cơ quan cung cấp các thông tin, số liệu …", then
			// "Đề nghị Quý Cơ quan điền và gửi Phiếu thu thập số liệu … trước
			// ngày 21/7/2020": what the unit was asked for, sent back by a date
			// the next paragraph gives. Both stay tasks; the first takes the date.
			x.redate(prev, text)
		}
		if len(pts) > 0 {
			lastLeads = pts[len(pts)-1].leads
		} else if it.Level == 0 && lastLeads != nil && !startsWithAction(text) {
			lastLeads = nil
		}
		if len(pts) == 0 && it.Level == 0 && len(prev) == 0 && len(last) > 0 && n > 0 && items[n-1].Level > 0 &&
			len(x.itemOf) > 0 && x.itemOf[len(x.itemOf)-1] == n-1 {
			// "1. Đối với …, lập hồ sơ, thủ tục …\n\nHồ sơ … gửi về … trước ngày
			// 31/01/2010.": a paragraph right below an undated item, as below a
			// paragraph
			prev = last
		}
		if len(pts) == 0 && it.Level == 0 && len(prev) == 0 && len(undated) > 0 && n > 0 && listItem(items[n-1]) && x.listSince(items, n) {
			// "… đề nghị Quý Cơ quan cho ý kiến về dự thảo … gồm:", "(1) Dự thảo
			// Tờ trình;", "(2) Dự thảo Thông tư;", then "Văn bản góp ý … gửi về …
			// trước ngày 20/11/2022.": below the list of what it covers, the
			// deadline of the undated task above it
			prev = undated
		}
		if len(pts) == 0 && it.Level == 0 && len(prev) > 0 && x.hasDeadline(text) && x.followUp(text) && !sentTo(text, prev[0].leads[0]) {
			// "Các ý kiến góp ý gửi về Sở … trước ngày 28/7/2017": a paragraph that
			// only gives the deadline of the task(s) of the paragraph before.
			if len(section) > len(prev) && section[len(section)-1].content == prev[len(prev)-1].content {
				// "… đề nghị UBND các tỉnh:", "(1) Tổng hợp …;", "(2) Tổng hợp
				// …", then "Danh mục dự án gửi về Bộ … trước ngày 15/3/2018": what
				// every item under the heading makes, sent by that date
				prev = section
			}
			x.redate(prev, text)
			prev, last = nil, nil
			continue
		}
		if len(pts) == 0 {
			// (senderOf first: it reads a few opening words, hasDeadline runs
			// the deadline grammar over the paragraph; issue 14: speed)
			if leads, ok := x.senderOf(text); ok && x.hasDeadline(text) {
				// "Ý kiến đóng góp của Quý Cơ quan/ đơn vị đối với Dự thảo Đề
				// án đề nghị gửi trước ngày 26/8/2019 về địa chỉ:": whose
				// answer is asked for, by when
				pts = []protoTask{{content: text, leads: leads, how: bySubject}}
			}
		}
		if len(pts) == 1 && n+1 < len(items) && items[n+1].Level > it.Level && !pts[0].inhLead &&
			(it.Level > 0 || strings.HasSuffix(strings.TrimSpace(text), ":")) {
			// "1. UBND huyện … khẩn trương thực hiện …" and dashes below that
			// detail it: the dashes are the same unit's.
			heads = append(heads, heading{level: it.Level, leads: pts[0].leads, text: text})
			if x.onlyAssignee(pts[0]) {
				// "1. Giao Công an tỉnh:" says who, the items below say what:
				// the heading is no task of its own
				prev, last = prev[:0], last[:0]
				continue
			}
		}
		if len(pts) == 0 && len(last) > 0 && (infoLine(text) || materialsLine(x.words(text))) && !x.hasDeadline(text) {
			// "Địa chỉ trang web lấy ý kiến: thongkedoanhnghiep.gso.gov.vn"
			// between a task and "Thời gian nộp phiếu: … đến ngày 20/04/2020": a
			// line of particulars, which leaves the task open to its time line
			continue
		}
		// (the slices as they are: when every task below is dropped nothing is
		// appended, and their arrays still hold them)
		heldPrev, heldLast, heldUndated := prev, last, undated
		restated := 0
		prev = prev[:0]
		if len(pts) > 0 {
			last = last[:0]
			undated = nil
		}
		for _, pt := range pts {
			if x.isIssuer(pt.leads[0]) && !pt.central {
				continue
			}
			t := x.finish(pt)
			if t.Lead == (UnitRef{}) && strings.HasSuffix(strings.TrimSpace(pt.content), ":") && n+1 < len(items) {
				continue // "… đề nghị Thủ trưởng đơn vị thực hiện:": an intro whose items say what; no unit to flag
			}
			if x.restates(t) || t.Deadline == nil && it.Level == 0 && len(x.tasks) > 0 && closingOnly(pt) {
				restated++
				continue
			}
			x.keep(t, n)
			if t.Deadline == nil && it.Level == 0 {
				prev = append(prev, pt)
			}
			if t.Deadline == nil {
				last = append(last, pt)
			} else {
				last = last[:0]
			}
		}
		if len(pts) > 0 && restated == len(pts) {
			// "Yêu cầu các đơn vị nêu trên khẩn trương triển khai thực hiện."
			// says the tasks above again: they stay open to the time line below
			// it ("Thời gian hoàn thành: trước ngày 25/4/2026.")
			prev, last, undated = heldPrev, heldLast, heldUndated
			continue
		}
		if len(prev) != len(pts) {
			prev = prev[:0]
		}
		if len(last) != len(pts) {
			last = last[:0]
		}
		if len(pts) > 0 && len(last) == len(pts) {
			undated = append([]protoTask(nil), last...)
			if it.Level > 0 && it.Level == runLevel {
				run = append(run, last...)
			} else {
				run, runLevel = append([]protoTask(nil), last...), it.Level
			}
		} else if len(pts) > 0 {
			run = nil
		}
		switch {
		case len(pts) == 0:
		case len(last) == len(pts) && pts[0].inhLead && len(heads) > 0:
			if h := heads[len(heads)-1].text; h != sectionHead || it.Level != sectionLevel {
				section, sectionHead, sectionLevel = nil, h, it.Level
			}
			section = append(section, last...)
		default:
			section, sectionHead = nil, ""
		}
	}
	x.introsAlone(intros)
	x.dropSummaries(items)
	x.scheduleTasks(b, len(items))
}

// senderOf: a paragraph that opens with what is to be sent and whose it is
// ("Ý kiến đóng góp của Quý Cơ quan … đề nghị gửi trước ngày …", "Báo cáo của
// các đơn vị gửi về Sở … trước ngày …"): the owner named after "của", when
// the paragraph sends it.
func (x *extractor) senderOf(text string) ([]units.Mention, bool) {
	t := strings.TrimLeft(text, " ")
	open := false
	for _, p := range []string{"Ý kiến", "Văn bản", "Báo cáo", "Hồ sơ"} {
		open = open || strings.HasPrefix(t, p)
	}
	c := strings.Index(t, " của ")
	if !open || c < 0 || c > 60 || !strings.Contains(t, "gửi") && !strings.Contains(t, "nộp") {
		return nil, false // ("Ý kiến tham gia, góp ý báo cáo của …": the words before "của" name what is sent)
	}
	from := len(text) - len(t) + c + len(" của ")
	rest := text[from:]
	// The owner's name runs to the first word that ends it; a group's
	// comma may be in it ("của các cơ quan, địa phương gửi về …"), so the
	// name is read first past commas, then, if that is not one unit, to the
	// first comma.
	end := len(rest)
	for _, stop := range []string{" đối với ", " về ", " gửi ", " đề nghị ", " xin ", " (", " trước ", " nộp "} {
		if k := strings.Index(rest, stop); k >= 0 && k < end {
			end = k
		}
	}
	m, ok := x.ownerName(strings.TrimSpace(rest[:end]), from)
	if k := strings.IndexByte(rest, ','); !ok && k >= 0 && k < end {
		m, ok = x.ownerName(strings.TrimSpace(rest[:k]), from)
	}
	if !ok {
		return nil, false
	}
	return []units.Mention{m}, true
}

// ownerName: name, found at from in the text, as one unit or a courtesy
// address.
func (x *extractor) ownerName(name string, from int) (units.Mention, bool) {
	if name == "" || len(name) > 120 {
		return units.Mention{}, false
	}
	if courtesyAddress(name) {
		return units.Mention{Start: from, End: from + len(name), Written: name, Generic: true}, true
	}
	v := x.view(name)
	if len(v.w) == 0 || v.inMen[0] < 0 && v.headAt(0) == 0 {
		return units.Mention{}, false
	}
	ms := v.names(0, len(v.w), x.opts.Units)
	if len(ms) != 1 || ms[0].End-ms[0].Start != len(name) || !x.looksLikeUnit(ms[0]) {
		return units.Mention{}, false // the whole name, one unit
	}
	m := ms[0]
	m.Start, m.End = m.Start+from, m.End+from
	return m, true
}

// contactLine: an address to write or call ("…, số 8, Hoàng Quốc Việt, …,
// điện thoại: 024.37911612, email: …"): a contact marker, no verb before it,
// no deadline.
func contactLine(text string) bool {
	if !strings.Contains(text, ":") {
		return false
	}
	// The words are read from the first, and most lines are told by their
	// first ones (an action phrase, "trước", "hạn", a telephone): the words
	// are made a part of the text at a time (openingTokens), each part read
	// before the next is made, not units.Words of the whole item (that was
	// 1.3% of Extract's time, issue 14). Only the words the whole text's
	// words are sure to agree with are read from a part: not its last four
	// (a "Ủy ban nhân dân" cut in two), nor those whose phrase could run
	// past it; the next part starts at the first word not read (a word's
	// start, where the whole text's words and the rest's agree).
	text = nfc.String(text) // as units.Words reads it
	var tb [64]units.Token
	var wb [64]string
	longest := actionPhrases.maxLen()
	for base, pos := 0, 0; ; {
		ts, whole := openingTokensWhole(tb[:0], text[pos:], 24+longest)
		w := wordsTo(wb[:0], ts)
		upto := len(w)
		if !whole {
			upto -= 4 + longest // (24 words at least are read)
		}
		for i := range upto {
			switch {
			case w[i] == "dien" && i+1 < len(w) && w[i+1] == "thoai", w[i] == "email", w[i] == "fax", w[i] == "dt" && base+i > 0:
				return base+i > 0
			case matchAt(w, i, actionPhrases) > 0, w[i] == "truoc", w[i] == "han":
				return false
			}
		}
		if whole {
			return false
		}
		pos += ts[upto].Start
		base += upto
	}
}

// listSince: the items between the last task's item and item n are all list
// items (or blank): nothing but the list the task's paragraph introduced.
func (x *extractor) listSince(items []Item, n int) bool {
	if len(x.itemOf) == 0 || x.tasks[len(x.tasks)-1].Deadline != nil {
		return false
	}
	for k := x.itemOf[len(x.itemOf)-1] + 1; k < n; k++ {
		if !listItem(items[k]) && strings.TrimSpace(items[k].Text) != "" {
			return false
		}
	}
	return true
}

// listItem: an item of a list, by its marker or by one in parentheses the
// segmenter leaves in the text ("(1) Dự thảo Tờ trình;", "(a) …").
func listItem(it Item) bool {
	if it.Level > 0 {
		return true
	}
	t := strings.TrimSpace(it.Text)
	if len(t) < 4 || t[0] != '(' {
		return false
	}
	c := strings.IndexByte(t, ')')
	if c < 2 || c > 3 {
		return false
	}
	for _, r := range t[1:c] {
		if !unicode.IsDigit(r) && !unicode.IsLower(r) {
			return false
		}
	}
	return true
}

// forUnits: "Đối với <units>: <action> …", the units, when the words between
// "Đối với" and the colon name units only.
func (x *extractor) forUnits(text string) ([]units.Mention, bool) {
	t := strings.TrimSpace(text)
	if !strings.HasPrefix(t, "Đối với ") {
		return nil, false
	}
	// the colon outside parentheses ("(gồm: CC1, IDICO …)" holds one)
	depth, c := 0, -1
	for i := 0; i < len(t) && i < 300; i++ {
		switch t[i] {
		case '(':
			depth++
		case ')':
			depth = max(0, depth-1)
		case ':':
			if depth == 0 && c < 0 {
				c = i
			}
		}
	}
	if c < 0 || !isAction(strings.TrimSpace(t[c+1:])) {
		return nil, false
	}
	leads, _, ok := x.subjectLeads(dropParens(t[len("Đối với "):c]), true)
	if !ok || !x.looksLikeUnit(leads[0]) || x.isIssuer(leads[0]) {
		return nil, false
	}
	return leads, true
}

// lastSentence: the last sentence of a paragraph (the one a heading's colon
// ends).
func lastSentence(text string) string {
	sps := appendSentences(nil, text)
	if len(sps) == 0 {
		return text
	}
	return text[sps[len(sps)-1].start:sps[len(sps)-1].end]
}

// formItem: a line naming a form or an annex ("Biểu số 05: Báo cáo thống kê …",
// "Mẫu số 01 …", "Phụ lục II …"): what is to be filled in, no task.
func formItem(s string) bool {
	for _, p := range []string{"Biểu số", "Biểu mẫu", "Mẫu số", "Phụ lục", "Mẫu biểu"} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// labelOnly: a few words and a colon ("Căn cứ kiểm tra:", "Nội dung:"): a
// label over what follows, no task.
func labelOnly(s string) bool {
	return strings.HasSuffix(s, ":") && strings.Count(s, " ") < 5
}

// keep adds a task and the item it came from.
func (x *extractor) keep(t Task, item int) {
	x.tasks = append(x.tasks, t)
	x.itemOf = append(x.itemOf, item)
}

// reportTask is a report's task whose items list what the report holds.
type reportTask struct {
	pt    protoTask
	idx   int // in x.tasks
	level int // the heading's
}

// reportContents: a heading that asks for a report and lists what it holds
// ("… đề nghị Sở Nội vụ … báo cáo một số nội dung sau:", "Nội dung báo cáo
// gồm:").
func reportContents(text string) bool {
	t := strings.TrimSpace(text)
	if !strings.HasSuffix(t, ":") {
		return false
	}
	k := units.Normalize(t)
	for _, p := range []string{"bao cao mot so noi dung", "bao cao cac noi dung", "bao cao nhung noi dung", "noi dung bao cao",
		"bao cao ve cac noi dung", "bao cao theo cac noi dung", "bao cao voi cac noi dung"} {
		if strings.Contains(k, p) {
			return true
		}
	}
	return false
}

// assigns: the item names its own assignee ("2. Giao Sở X …", "3. Sở Y …").
func (x *extractor) assigns(text string) bool {
	_, _, _, ok := x.assignmentHow(text)
	return ok
}

// intro is a heading that assigns the items below it, and how many tasks there
// were before it.
type intro struct {
	pt    protoTask
	item  int
	tasks int
}

// introsAlone: an intro ("Tổng cục Hải quan yêu cầu Cục Hải quan các tỉnh …
// triển khai thực hiện các công việc sau:") under which no item assigns
// anything (the text is cut short, or the items only explain) is itself the
// task; it takes its place in the order of the text.
func (x *extractor) introsAlone(intros []intro) {
	for i := len(intros) - 1; i >= 0; i-- {
		in := intros[i]
		next := len(x.tasks)
		if i+1 < len(intros) {
			next = intros[i+1].tasks
		}
		if next > in.tasks || in.pt.how != byTrigger || x.isIssuer(in.pt.leads[0]) {
			continue
		}
		t := x.finish(in.pt)
		x.tasks = slices.Insert(x.tasks, in.tasks, t)
		x.itemOf = slices.Insert(x.itemOf, in.tasks, in.item)
	}
}

// dropSummaries drops the tasks of a news item's opening summary when the next
// paragraph details them: "UBND tỉnh vừa có Văn bản chỉ đạo các sở …; UBND các
// huyện … tăng cường …" then "Theo đó, UBND tỉnh yêu cầu các cơ quan …". The
// summary announces what the paragraphs below assign.
func (x *extractor) dropSummaries(items []Item) {
	if x.formal() {
		return
	}
	dropItem, dropTask := map[int]bool{}, map[int]bool{} // a summary's item; a task told again
	// The headline ("Chủ tịch UBND tỉnh yêu cầu Giám đốc Sở Công Thương … phối
	// hợp …" above "Giao Sở Công Thương chủ trì …, trình UBND tỉnh trước ngày
	// 10/8/2018"): the same unit's task told again below, with its deadline.
	for h := range items {
		if strings.TrimSpace(items[h].Text) == "" {
			continue
		}
		if continues(items[h].Text) {
			break // "Theo đó, …", "Cụ thể, …": the text goes on from a headline the copy lost
		}
		for i, t := range x.tasks {
			if x.itemOf[i] == h && t.Deadline == nil && x.toldAgain(t, h) {
				dropTask[i] = true
			}
		}
		break
	}
	for n := 0; n+1 < len(items); n++ {
		m := n + 1
		for m < len(items) && strings.TrimSpace(items[m].Text) == "" {
			m++
		}
		if m == len(items) {
			continue
		}
		if !slices.Contains(x.itemOf, n) || !announces(x.words(items[n].Text)) { // asked last: it folds the whole paragraph
			continue
		}
		if t := strings.TrimSpace(items[m].Text); strings.HasPrefix(t, "Theo đó") || strings.HasPrefix(t, "Cụ thể") {
			if slices.ContainsFunc(x.itemOf, func(k int) bool { return k >= m }) {
				dropItem[n] = true
			}
			continue
		}
		// "Bộ Tài chính vừa có văn bản đề nghị 4 bộ, ngành chưa gửi báo cáo …"
		// then "Bộ Tài chính đề nghị 4 bộ, ngành nêu trên khẩn trương gửi báo
		// cáo … trước ngày 15/9/2018": the same units' task told again below,
		// with its deadline
		for i, t := range x.tasks {
			if x.itemOf[i] == n && t.Deadline == nil && x.toldAgain(t, n) {
				dropTask[i] = true
			}
		}
	}
	// "Ngày 28/7/2022, UBND tỉnh ban hành Công văn số … giao Sở X …" beside
	// "UBND tỉnh đề nghị Sở X … trước ngày 08/12/2022": the earlier letter told
	// as history, the same unit's dated task the one to track
	for i, t := range x.tasks {
		if t.Deadline != nil || !strings.HasPrefix(t.Content, "Ngày ") || !announces(x.words(t.Content)) {
			continue
		}
		for j, u := range x.tasks {
			if j != i && u.Deadline != nil && t.Lead.Name != "" && u.Lead == t.Lead {
				dropTask[i] = true
				break
			}
		}
	}
	if len(dropItem) == 0 && len(dropTask) == 0 {
		return
	}
	var ts []Task
	var of []int
	for i, t := range x.tasks {
		if !dropItem[x.itemOf[i]] && !dropTask[i] {
			ts, of = append(ts, t), append(of, x.itemOf[i])
		}
	}
	x.tasks, x.itemOf = ts, of
}

// toldAgain: a task of a later item than n has t's lead (named again,
// maybe "… nêu trên") and a deadline.
// continues: the text opens with a connective that goes on from what came
// before it ("Theo đó, …", "Cụ thể, …", "Đồng thời, …").
func continues(s string) bool {
	s = strings.TrimSpace(s)
	for _, c := range []string{"Theo đó", "Cụ thể", "Đồng thời", "Ngoài ra", "Bên cạnh đó", "Trong đó", "Vì vậy", "Do đó", "Tiếp đó", "Sau đó"} {
		if strings.HasPrefix(s, c) {
			return true
		}
	}
	return false
}

func (x *extractor) toldAgain(t Task, n int) bool {
	key := func(r UnitRef) string {
		if r.Code != "" {
			return r.Code
		}
		k := units.Normalize(r.Name)
		k = strings.TrimSuffix(strings.TrimSuffix(k, " neu tren"), " noi tren")
		k = strings.TrimSuffix(k, " tinh") // "Cục Thống kê tỉnh" told again as "Cục Thống kê"
		return strings.TrimPrefix(k, "cac ")
	}
	for i, u := range x.tasks {
		if x.itemOf[i] > n && u.Deadline != nil && t.Lead.Name != "" && key(u.Lead) == key(t.Lead) {
			return true
		}
	}
	return false
}

// announces: the paragraph tells that an authority has (just) issued a text
// ("UBND tỉnh vừa có Văn bản chỉ đạo …", "… ban hành Công văn số …"), w being
// its words (x.words: most such paragraphs are a sentence already viewed, or
// a task's content).
func announces(w []string) bool {
	for i := range w {
		if w[i] == "ban" && i+2 < len(w) && w[i+1] == "hanh" && matchAt(w, i+2, documentKinds) > 0 {
			return true // "Ngày 21/4/2020, UBND tỉnh ban hành Công văn số …"
		}
		if w[i] != "vua" {
			continue
		}
		for j := i + 1; j < len(w) && j <= i+5; j++ {
			if matchAt(w, j, documentKinds) > 0 {
				return true
			}
		}
	}
	return false
}

// documentKinds name the kinds of administrative text.
var documentKinds = splitPhrases(`van ban|cong van|cong dien|chi thi|ke hoach|thong bao|quyet dinh|thong tu|nghi quyet`)

// reFullDate is a date with its year: "31-12-2018", "10/11/2020", "ngày 5
// tháng 3 năm 2021".
var reFullDate = lazyre.New(`(?:^|[^\d/.\-])(\d{1,2})(?:\s*[/.\-]\s*|\s+tháng\s+)(\d{1,2})(?:\s*[/.\-]\s*|\s+năm\s+)((?:19|20)\d{2})(?:[^\d/\-]|$)`)

// latestYear is the year of the text's latest full date, 0 when it has none.
func latestYear(text string) int {
	latest := 0
	for _, m := range fullDates(text, 64) {
		d, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		y, _ := strconv.Atoi(m[3])
		if d >= 1 && d <= 31 && mo >= 1 && mo <= 12 && y > latest {
			latest = y
		}
	}
	if latest == 0 {
		// "… tình hình tiền lương, nợ lương năm 2015 … trước ngày 30/12": a year
		// the text is about, when it has no full date; not a horizon ("đến năm
		// 2030", "giai đoạn 2021 - 2025", "tầm nhìn …")
		for _, m := range reYearOf.FindAllStringSubmatchIndex(text[:cutAt(text, 8000)], 32) {
			from := max(0, m[0]-24)
			for from < m[0] && !utf8.RuneStart(text[from]) {
				from++ // (the window starts on a whole rune)
			}
			before := units.Normalize(text[from:m[0]])
			if strings.HasSuffix(before, "den") || strings.HasSuffix(before, "toi") || strings.Contains(before, "tam nhin") ||
				strings.Contains(before, "giai doan") || strings.Contains(before, "thoi ky") {
				continue
			}
			if y, _ := strconv.Atoi(text[m[2]:m[3]]); y >= 1990 && y <= 2100 && y > latest {
				latest = y
			}
		}
	}
	return latest
}

// reYearOf is a year the text names: "năm 2015", "đầu năm 2017".
var reYearOf = lazyre.New(`[Nn]ăm (\d{4})\b`)

// reCitedDate is a cited document's date: "số 19-CT/TW ngày 18/11/2022", "số
// 1066/UBND-VXNV ngày 01 tháng 3 năm 2021".
var reCitedDate = lazyre.New(`[Ss]ố:?\s*\d[\p{L}\d/.\-]*\s+ngày\s+(\d{1,2})(?:\s*[/.\-]\s*|\s+tháng\s+)(\d{1,2})(?:\s*[/.\-]\s*|\s+năm\s+)(\d{4})`)

// citedNotBefore is the latest date of a document the text cites, zero when it
// cites none: a text is issued after what it cites.
func citedNotBefore(text string) time.Time {
	var latest time.Time
	for _, m := range citedDates(text, 64) {
		d, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		y, _ := strconv.Atoi(m[3])
		if mo < 1 || mo > 12 || d < 1 || d > 31 || y < 1990 || y > 2100 {
			continue
		}
		if t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, connectors.Zone); t.After(latest) {
			latest = t
		}
	}
	return latest
}

// unitsOnly: the sentence names units and nothing else ("Tất cả các sở, ban,
// ngành, UBND các huyện;"): the subject of the sentence after it.
func (x *extractor) unitsOnly(s string) bool {
	s = strings.TrimSuffix(strings.TrimSpace(s), ";")
	var tb [48]units.Token // room for the tokens on the stack
	var wb [48]string
	if ts := openingTokens(tb[:0], s, leadIns.maxLen()+1); len(ts) > 0 { // a lead-in and the token after it
		if n := matchAt(wordsTo(wb[:0], ts), 0, leadIns); n > 0 && n < len(ts) {
			s = s[ts[n].Start:] // "Tất cả …"
		}
	}
	if !looksLikeHead(s[:cutAt(s, 48)]) && !looksLikeHead(stripTitle(s)) {
		return false // the cheap test first: a list of units opens with a head (after a title: "Thủ trưởng các sở …;")
	}
	_, _, ok := x.subjectLeads(s, true)
	return ok
}

// redate finishes again the last tasks (the latest ones of x.tasks) with text
// added: the item that gives them their deadline.
func (x *extractor) redate(last []protoTask, text string) {
	from := len(x.tasks) - len(last)
	for i := range last {
		last[i].content += " " + text
		x.tasks[from+i] = x.finish(last[i])
	}
}

// dangling: the sentence ends in a list of units still waiting for its verb
// ("Giao …, phối hợp các Sở: A, B;").
func (x *extractor) dangling(s string) bool {
	v := x.view(s) // the ";" is no word
	from := -1
	for j := 0; j < len(v.w); j++ {
		if v.inMen[j] >= 0 {
			continue
		}
		if n := matchAt(v.raw, j, triggers); n > 0 {
			from = j + n
		} else if j+1 < len(v.w) && v.w[j] == "phoi" && v.w[j+1] == "hop" {
			from = j + 2
		}
	}
	if from < 0 || from >= len(v.w) {
		return false
	}
	if v.w[from] == "voi" {
		from++
	}
	return v.stopFrom(from) == len(v.w)
}

// timeLine: an item that only states the time of the task above ("Thời hạn
// hoàn thành: …", "Thời gian thực hiện: …").
func timeLine(text string) bool {
	text = strings.TrimLeft(text, " */+-•")
	if text == "" || !strings.ContainsRune("TtHh", rune(text[0])) {
		return false // "Thời hạn …", "Hạn hoàn thành …"
	}
	if strings.HasPrefix(text, "Thời gian:") || strings.HasPrefix(text, "Thời gian :") {
		return true // "Thời gian: Quý II/2026" (the deadline grammar reads no event's length there)
	}
	k := units.Normalize(text[:cutAt(text, 48)])
	for _, p := range []string{"thoi han", "thoi gian thuc hien", "thoi gian hoan thanh", "han hoan thanh", "thoi gian bao cao",
		"thoi gian lay y kien", "thoi gian gop y", "thoi gian gui", "thoi gian nop"} {
		if strings.HasPrefix(k, p) {
			return true
		}
	}
	return false
}

// infoLine: a line of particulars, a short label and its value ("Địa chỉ
// trang web: …", "Điện thoại liên hệ: 0223.755.573"), one sentence at most.
func infoLine(text string) bool {
	t := strings.TrimSpace(text)
	c := strings.IndexByte(t, ':')
	if c <= 0 || c > 60 || len(t) > 200 || len(units.Words(t[:c])) > 7 {
		return false
	}
	v := strings.TrimRight(t[c+1:], ". ")
	return !strings.Contains(v, ". ") && !strings.Contains(v, "; ")
}

// materialsLine: a paragraph saying where the materials of the task above are
// posted ("Biểu mẫu phiếu thu thập số liệu được đăng tải trên Hệ thống … tại địa
// chỉ: https://…", "Hồ sơ dự thảo Quyết định gửi xin ý kiến được đăng tải tại
// Mục …, bao gồm: (1) …"): particulars, which leave the task open to the
// paragraph that dates it.
func materialsLine(w []string) bool {
	return matchAt(w, 0, materialNouns) > 0 && (foldedHas(w, "dang tai") >= 0 || foldedHas(w, "duoc dang") >= 0)
}

// materialNouns open a paragraph about the materials a task works on.
var materialNouns = splitPhrases(`bieu mau|mau bieu|ho so|du thao|tai lieu|phieu|tep|file|toan van|noi dung chi tiet`)

// sendsBack: a dated task of one unit that sends something back ("… điền và gửi
// Phiếu … trước ngày …", "Doanh nghiệp hoàn tất báo cáo và gửi về … trước ngày
// …") right after an undated task of the same unit that asked for a report,
// figures or an opinion: the date the answer is due, that is the first task's too. A task
// that only carries a duty out ("chủ trì triển khai …") keeps no date of a
// report that follows it.
func (x *extractor) sendsBack(pt, before protoTask) bool {
	if len(before.leads) != 1 || x.hasDeadline(before.content) || !sameAssignee(before.leads[0], pt.leads[0]) {
		return false
	}
	if bw := x.words(before.content); !mustReport(bw) && foldedHas(bw, "cung cap") < 0 && foldedHas(bw, "cho y kien") < 0 {
		return false // ("cung cấp số liệu" sends figures back, though it is no report)
	}
	w := x.words(pt.content)
	return (foldedHas(w, "gui") >= 0 || foldedHas(w, "nop") >= 0) && x.hasDeadline(pt.content)
}

// sameAssignee: b names a's unit again, by its name or by its kind
// ("các doanh nghiệp đang hoạt động tại các KCX-KCN", then "Doanh nghiệp").
func sameAssignee(a, b units.Mention) bool {
	if a.Unit != nil || b.Unit != nil {
		return a.Unit != nil && b.Unit != nil && a.Unit.Code == b.Unit.Code
	}
	ka := strings.TrimPrefix(units.Normalize(a.Written), "cac ")
	kb := strings.TrimPrefix(units.Normalize(b.Written), "cac ")
	return kb != "" && (ka == kb || strings.HasPrefix(ka, kb+" "))
}

// sentTo: the sentence has something sent to the unit ("gửi về Sở X").
func sentTo(s string, lead units.Mention) bool {
	if !strings.Contains(s, "gửi") {
		return false
	}
	k := units.Normalize(s)
	name := units.Normalize(ref(lead).Name)
	written := units.Normalize(lead.Written)
	for _, p := range []string{"gui ve ", "gui cho ", "gui den "} {
		if i := strings.Index(k, p); i >= 0 {
			rest := k[i+len(p):]
			if name != "" && strings.HasPrefix(rest, name) || written != "" && strings.HasPrefix(rest, written) {
				return true
			}
		}
	}
	return false
}

// followUp: a paragraph about sending the answer back ("… gửi về …", "báo cáo
// … trước ngày …") continues the task before it.
func (x *extractor) followUp(text string) bool {
	w := units.Words(text)
	return foldedHas(w, "gui ve") >= 0 || foldedHas(w, "gui y kien") >= 0 || foldedHas(w, "bao cao") >= 0 || foldedHas(w, "hoan thanh") >= 0
}

// reExecution is the execution clause of a decision.
var reExecution = lazyre.New(`^Điều\s+\d+\.?\s*(Chánh Văn phòng|Chánh văn phòng|Giám đốc|Thủ trưởng)`)

// executionClause: "Điều 3. Chánh Văn phòng …, Thủ trưởng … chịu trách nhiệm
// thi hành Quyết định này", or such an article cut short. An article that makes
// one officer answer for a duty of its own ("Điều 3. Chánh Văn phòng UBND tỉnh
// chịu trách nhiệm đôn đốc, kiểm tra việc thực hiện Quy chế này") assigns it:
// what follows "chịu trách nhiệm" is not carrying the decision out.
func executionClause(text string) bool {
	if !reExecution.MatchString(text) {
		return false
	}
	w := units.Words(text)
	k := foldedHas(w, "chiu trach nhiem")
	if k < 0 {
		return true
	}
	rest := w[k+3:]
	return len(rest) < 3 || matchAt(rest, 0, carryOut) > 0 // (or cut short: "… chịu trách nhiệm thi hàn")
}

// carryOut: what the execution clause makes its officers answer for.
var carryOut = splitPhrases(`thi hanh|thuc hien|to chuc thuc hien|trien khai thuc hien|trien khai|chap hanh|to chuc trien khai`)

var reDuty = lazyre.New(`^(?:Điều\s+\d+\.?\s*)?(?:Nhiệm vụ|Trách nhiệm|Phân công nhiệm vụ)(?:\s+cụ thể)?\s+(?:của|cho)\s+(.{3,120}?)\s*[:.]?$`)

// dutyHeading: a heading that names whose duties follow.
func (x *extractor) dutyHeading(text string) ([]units.Mention, bool) {
	m := dutyMatch(strings.TrimSpace(text))
	if m == nil {
		return nil, false
	}
	v := x.view(m[1])
	i := skipTitles(v, 0)
	if i >= len(v.w) || v.inMen[i] < 0 && v.headAt(i) == 0 {
		return nil, false
	}
	leads := v.names(i, len(v.w), x.opts.Units)
	if len(leads) == 0 || !x.looksLikeUnit(leads[0]) {
		return nil, false
	}
	return leads, true
}

// roleHeading: "Cục Thuế có trách nhiệm:", "Công an tỉnh thực hiện các nhiệm vụ
// sau:": a unit, a few words of role, a colon.
func (x *extractor) roleHeading(text string) ([]units.Mention, bool) {
	t := strings.TrimSuffix(strings.TrimSpace(text), ":")
	v := x.view(t)
	i := skipTitles(v, 0)
	if i >= len(v.w) || v.inMen[i] < 0 && v.headAt(i) == 0 {
		return nil, false
	}
	end := v.stopFrom(i)
	if end == len(v.w) || len(v.w)-end > 8 || matchAt(v.w, end, roleWords) == 0 {
		return nil, false
	}
	leads := v.names(i, end, x.opts.Units)
	if len(leads) == 0 || !v.covered(i, end, leads) || !x.looksLikeUnit(leads[0]) {
		return nil, false
	}
	return leads, true
}

var roleWords = splitPhrases(`co trach nhiem|chiu trach nhiem|thuc hien|trien khai|chu tri|tap trung|co nhiem vu|chi dao`)

// restates: "Căn cứ nội dung này, … yêu cầu Giám đốc Sở X triển khai thực hiện"
// after a task for Sở X restates it; it merges into that task.
func (x *extractor) restates(t Task) bool {
	if t.Deadline != nil {
		return false
	}
	w := units.Words(t.Content[:cutAt(t.Content, 32)])
	if len(w) < 2 || !(w[0] == "can" && w[1] == "cu" || len(w) > 2 && w[0] == "tren" && w[1] == "co" && w[2] == "so") {
		return false
	}
	for _, p := range x.tasks {
		if p.Lead == t.Lead {
			return true
		}
	}
	return false
}

// startsWithAction: the item opens with a task verb, no subject before it
// ("Tổ chức quán triệt …", "1. Khẩn trương triển khai …").
func startsWithAction(s string) bool {
	if len(s) > 96 {
		s = s[:cutAt(s, 96)] // the opening words are enough
	}
	w := units.Words(s)
	if len(w) > 0 && (len(w[0]) <= 2 && strings.ContainsAny(w[0], "0123456789abcdđ")) {
		w = w[1:] // "1.", "a)"
	}
	if len(w) > 1 && w[0] == "tran" && w[1] == "trong" {
		return false // "Trân trọng cảm ơn./.": the courtesy that ends a letter
	}
	return len(w) > 0 && matchAt(w, 0, actionPhrases) > 0
}

// clauseOpeners open a sentence with a clause before its subject: "Trên cơ sở
// …, Sở X …", "Để …, UBND các xã …". (Not "Hiện nay", "Trước đó": what follows
// them tells what is or was.)
var clauseOpeners = []string{"Trên cơ sở ", "Căn cứ ", "Để ", "Thực hiện ", "Nhằm ", "Sau khi ", "Đồng thời", "Trong quá trình ",
	"Đối với ", "Theo ", "Ngoài ", "Riêng ", "Trong thời gian ", "Trường hợp ",
	// a time first: "Trong thời hạn 07 ngày làm việc …, Sở Tài chính tham mưu …"
	"Trong thời hạn ", "Trong vòng ", "Chậm nhất ", "Trước ngày ", "Từ nay đến ", "Định kỳ ", "Hằng ", "Hàng tháng", "Hàng quý",
	"Hàng năm", "Trong tháng ", "Trong quý ", "Trong năm ", "Trong tuần ", "Thời hạn ", "Ngay sau khi ", "Về phía ",
	// a connective: "Cùng với chỉ đạo nêu trên, Bộ Công Thương cũng có nhiệm vụ …"
	"Cùng với ", "Bên cạnh ", "Mặt khác", "Vì vậy", "Do đó", "Tiếp đó", "Sau đó",
	// what comes first or later: "Trước mắt, Ủy ban nhân dân tỉnh Yên Bái thực hiện …"
	"Trước mắt", "Trước hết", "Về lâu dài", "Lâu dài", "Tiếp theo", "Tương tự", "Song song"}

// prevTitle: the text ends with a title ("… của Bộ trưởng").
func prevTitle(s string) bool {
	f := strings.Fields(s[max(0, len(s)-40):])
	if len(f) < 2 {
		return false
	}
	w := units.Words(f[len(f)-2] + " " + f[len(f)-1])
	return len(w) == 2 && (matchAt(w, 0, titles) == 2 || matchAt(w, 1, titles) == 1)
}

// titledLower: a clause that opens with a head's title in lower case, as
// news pages write it ("…, thủ trưởng các cơ sở giáo dục chủ động …").
func titledLower(s string) bool {
	for _, t := range []string{"thủ trưởng ", "chủ tịch ", "giám đốc ", "lãnh đạo "} {
		if strings.HasPrefix(s, t) {
			return true
		}
	}
	return false
}

func opensClause(s string) bool {
	s = strings.TrimLeft(s, "“\"‘'") // a quoted direction: "“Trong tháng 6-2015, các đơn vị phải …”, Bộ trưởng yêu cầu"
	for _, o := range clauseOpeners {
		if strings.HasPrefix(s, o) {
			return true
		}
	}
	if rest, ok := strings.CutPrefix(s, "Trước "); ok && rest != "" && rest[0] >= '0' && rest[0] <= '9' {
		return true // "Trước 10/5, các trường … nộp kế hoạch …": a date with no "ngày"
	}
	return false
}

// relayOpener: a sentence of a news item that opens by pointing to a directive
// ("Theo đó, …", "Theo kế hoạch, …", "Theo chỉ đạo của …, …") tells what it
// assigns: "Trước đó, UBND tỉnh đã ban hành kế hoạch …. Theo đó, Công an tỉnh
// phối hợp với các sở, ngành … tổng kiểm tra …".
func relayOpener(v *sentenceView) bool {
	if len(v.w) < 3 || v.w[0] != "theo" {
		return false
	}
	k := 2 // the first word after the opener
	switch {
	case v.w[1] == "do" && v.raw[1] == "đó":
	case v.w[1] == "chi" && v.w[2] == "dao", matchAt(v.w, 1, documentKinds) > 0:
		// "Theo kế hoạch, …", "Theo chỉ đạo của Thủ tướng, …": the opener runs
		// to its comma
		k = 0
		for j := 3; j < len(v.w) && j < 16; j++ {
			if strings.Contains(v.s[v.ts[j-1].End:v.ts[j].Start], ",") {
				k = j
				break
			}
		}
		if k == 0 {
			return false
		}
	default:
		return false
	}
	// the subject right after the opener ("Theo đó, trên địa bàn tỉnh … đã
	// xuất hiện …" tells what happened)
	return k < len(v.w) && (v.upper[k] || v.raw[k] == "các")
}

// centralSubject: the sentence's subject is a central authority ("Phó Thủ
// tướng giao Ủy ban nhân dân tỉnh Trà Vinh …"): in a news item, the province it
// tasks is an assignee, not the authority relayed.
func centralSubject(s string) bool {
	if k := strings.Index(s, ", "); k > 0 && k < 40 {
		if centralSubject(s[k+2:]) {
			return true // "Về việc này, Thủ tướng Chính phủ … yêu cầu UBND tỉnh X …": after a short opening clause
		}
	}
	for _, p := range []string{"Thủ tướng", "Phó Thủ tướng", "Chính phủ", "Văn phòng Chính phủ", "Bộ "} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// notYet: the subject's predicate opens with "chưa" (not yet).
func notYet(s string, leads []units.Mention) bool {
	m := leads[len(leads)-1]
	if m.End > len(s) || m.End <= 0 || s[m.Start:m.End] != m.Written {
		return false
	}
	return strings.HasPrefix(strings.TrimLeft(s[m.End:], " "), "chưa ")
}

// triggerFirst: the sentence has no subject of its own, a trigger opens it
// (after a connective): "Theo đó, giao UBND tỉnh Thái Nguyên chủ trì …".
func triggerFirst(s string) bool {
	if continues(s) {
		c := strings.Index(s, ", ")
		if c < 0 || c > 24 {
			return false
		}
		s = s[c+2:]
	}
	for _, t := range []string{"giao ", "Giao ", "đề nghị ", "Đề nghị ", "yêu cầu ", "Yêu cầu "} {
		if strings.HasPrefix(s, t) {
			return true
		}
	}
	return false
}

// issuesDirective: the sentence tells that a directive was issued ("UBND tỉnh
// ban hành Kế hoạch số 3676/KH-UBND …"): what units do after it relays it.
func issuesDirective(v *sentenceView) bool {
	for g := 0; g+2 < len(v.w); g++ {
		if v.w[g] == "ban" && v.w[g+1] == "hanh" && (!history(v, g) || g > 0 && v.raw[g-1] == "ký") {
			// ("… đã ký ban hành quyết định về việc áp dụng …": signing it is the news)
			if n := matchAt(v.w, g+2, documentKinds); n > 0 && g+2+n < len(v.w) && (v.w[g+2+n] == "so" || v.w[g+2+n] == "ve") {
				return true
			}
		}
	}
	return false
}

// directs: the sentence tells that an authority directs: a trigger ("yêu cầu",
// "giao", "đề nghị") or "chỉ đạo", not in an account of the past ("đã yêu cầu").
func directs(v *sentenceView) bool {
	for g := range v.raw {
		if (matchAt(v.raw, g, triggers) > 0 || v.raw[g] == "chỉ" && g+1 < len(v.raw) && v.raw[g+1] == "đạo") && !history(v, g) {
			return true
		}
	}
	return false
}

// onlyAssignee: the task's text is a trigger, titles and its units, then a
// colon: "Giao Công an tỉnh:", "Yêu cầu Chủ tịch UBND các xã, phường:".
func (x *extractor) onlyAssignee(pt protoTask) bool {
	c := strings.TrimSpace(pt.content)
	if !strings.HasSuffix(c, ":") || len(pt.coords) > 0 {
		return false
	}
	last := pt.leads[len(pt.leads)-1]
	if last.End > len(c) || c[last.Start:last.End] != last.Written {
		return false
	}
	return strings.Trim(c[last.End:], " :") == ""
}

// deadlineFollowUp: the sentence's subject is a bare group ("Các đơn vị") and it
// says only "carry it out" and by when: the deadline of the task before.
func (x *extractor) deadlineFollowUp(s string, leads []units.Mention) bool {
	if len(leads) != 1 || leads[0].Unit != nil || !groupStart(leads[0].Written) && !bareStart(leads[0].Written) {
		return false
	}
	ds := x.deadlines(s)
	if len(ds) != 1 {
		return false
	}
	m := leads[0]
	if m.End > ds[0].Start || ds[0].End > len(s) || s[m.Start:m.End] != m.Written {
		return false
	}
	after := s[ds[0].End:]
	for _, sp := range sentences(s) {
		if sp.start <= ds[0].Start && ds[0].End <= sp.end {
			after = s[ds[0].End:sp.end] // the deadline's sentence: what follows it is not its own
			break
		}
	}
	before := s[m.End:ds[0].Start]
	if anaphoric(m.Written) {
		if g := strings.Index(before, "gửi báo cáo"); g >= 0 {
			before = before[:g] // "… quan tâm thực hiện, gửi báo cáo về Sở Nội vụ (qua Chi cục …) trước ngày …": the report of it, to whoever
			if strings.TrimSpace(before) == "" {
				return true // "Đề nghị các cơ quan gửi báo cáo về Văn phòng Chính phủ trước ngày 24/9/2016 và cập nhật …": the report asked for above, and by when
			}
			if ws := units.Words(before); !slices.ContainsFunc(ws, func(w string) bool { return !closingWords[w] }) {
				return true // "… đề nghị các cơ quan, đơn vị phối hợp thực hiện và gửi báo cáo số liệu … về Sở Nội vụ trước ngày 18/11/2016 (…)": the reports the items asked for, by when
			}
		}
	}
	rest := units.Words(before + " " + after)
	if anaphoric(m.Written) && len(rest) <= 10 {
		return true // "Các đơn vị phải kịp thời thông báo phương án trước 21h đêm nay.": a short follow-up
	}
	if k := units.Normalize(m.Written); strings.HasSuffix(k, " neu tren") || strings.HasSuffix(k, " noi tren") || anaphoric(strings.TrimSuffix(m.Written, " này")) && strings.HasSuffix(m.Written, " này") {
		return true // "Các đơn vị nêu trên gửi báo cáo … trước ngày …", "Các địa phương này phải báo cáo …": the units just named, pointed back to
	}
	for _, w := range rest {
		if !closingWords[w] {
			return false
		}
	}
	return true
}

// anaphoric: a group named by its kind alone ("Các đơn vị", "các địa
// phương"), which refers back to the units just named.
func anaphoric(name string) bool {
	switch units.Normalize(name) {
	case "cac don vi", "cac dia phuong", "cac co quan", "cac co quan don vi", "cac don vi dia phuong", "cac co quan don vi dia phuong",
		"cac co quan to chuc", "cac co quan to chuc don vi", "cac co quan don vi to chuc":
		return true
	}
	return false
}

// closingWords are all a closing exhortation says after its addressees: "Nhận
// được Công văn này, đề nghị các đơn vị khẩn trương triển khai thực hiện."
var closingWords = map[string]bool{"khan": true, "truong": true, "nghiem": true, "tuc": true, "kip": true, "thoi": true,
	"trien": true, "khai": true, "thuc": true, "hien": true, "to": true, "chuc": true, "cong": true, "van": true, "ban": true,
	"nay": true, "noi": true, "dung": true, "tren": true, "chi": true, "dao": true, "theo": true, "quy": true, "dinh": true,
	"co": true, "hieu": true, "qua": true, "phoi": true, "hop": true, "cac": true, "nhiem": true, "vu": true, "neu": true,
	"thong": true, "bao": true, "ke": true, "hoach": true, "y": true, "kien": true, "cua": true, "ubnd": true, "tinh": true,
	"chu": true, "tich": true, "dong": true, "bo": true, "va": true, "day": true, "du": true, "can": true, "cu": true,
	"duoc": true, "giao": true, "quan": true, "tam": true, "gian": true, "han": true, "yeu": true, "cau": true} // ("… thực hiện đúng thời gian quy định", "… đúng yêu cầu")

// closingOnly: after its addressees the task's one sentence says nothing but
// "carry this out" ("… khẩn trương triển khai thực hiện Công văn này"): a
// closing formula, not a task of its own, once the document has tasks (and
// only in a plain paragraph: "3. UBND các xã triển khai thực hiện." is an item).
func closingOnly(pt protoTask) bool {
	last := pt.leads[len(pt.leads)-1]
	if last.End > len(pt.content) || pt.content[last.Start:last.End] != last.Written {
		return false
	}
	rest := pt.content[last.End:]
	if i := strings.Index(rest, ". "); i >= 0 && anaphoric(last.Written) && afterword(rest[i+2:]) {
		// "… đề nghị các đơn vị triển khai thực hiện. Mọi chi tiết xin liên hệ …":
		// the contact line adds no work (a group not named before, "Yêu cầu UBND
		// các xã phối hợp … Nếu có khó khăn …", is still given the work)
		rest = rest[:i+1]
	}
	if strings.ContainsAny(strings.TrimRight(rest, " ./"), ".;") {
		return false // more than one sentence or clause
	}
	w := units.Words(rest)
	if len(w) == 0 {
		return false
	}
	for _, x := range w {
		if !closingWords[strings.Trim(x, ",./")] {
			return false
		}
	}
	return true
}

// afterword: the sentences after a closing exhortation only say whom to call or
// where to turn with difficulties ("Mọi chi tiết xin liên hệ …", "Trong quá
// trình thực hiện, nếu có khó khăn, vướng mắc, báo cáo …").
func afterword(s string) bool {
	k := units.Normalize(s[:min(len(s), 80)])
	for _, p := range afterwords {
		if strings.HasPrefix(k, p) {
			return true
		}
	}
	return false
}

var afterwords = []string{"moi chi tiet", "moi thong tin", "chi tiet xin lien he", "thong tin chi tiet", "trong qua trinh thuc hien",
	"trong qua trinh trien khai", "qua trinh thuc hien", "neu co kho khan", "neu co vuong mac"}

// introFor: the units an intro's rule is for, "… cho X <verb> …", nil if none.
func (x *extractor) introFor(s string) []units.Mention {
	v := x.view(s)
	for g := 0; g+1 < len(v.raw); g++ {
		if v.raw[g] != "cho" || v.w[g+1] == "phep" || v.w[g+1] == "biet" {
			continue
		}
		i := skipTitles(v, g+1)
		end := v.stopFrom(i)
		if end >= len(v.w) || end == i || matchAt(v.w, end, actionPhrases) == 0 {
			continue
		}
		if leads := v.names(i, end, x.opts.Units); len(leads) > 0 && v.covered(i, leadsEnd(v, leads), leads) && x.looksLikeUnit(leads[0]) && !x.isIssuer(leads[0]) {
			return leads
		}
	}
	return nil
}

func isIntro(s string) bool {
	k := units.Normalize(s[tailAt(s, 40):])
	return strings.HasSuffix(k, "sau") || strings.HasSuffix(k, "sau day") || strings.HasSuffix(k, "cu the") || strings.HasSuffix(k, "nhu sau")
}

type protoTask struct {
	central bool // a central authority tasks the province ("Phó Thủ tướng giao UBND tỉnh X …")
	content string
	leads   []units.Mention
	coords  []units.Mention
	inhDL   *deadline.Deadline
	inhLead bool // the lead comes from a heading above the item
	how     int  // byTrigger, bySubject, byForward, byHeading
}

// invitation: s opens a list of whom a meeting invites ("Mời lãnh đạo các
// Sở: …; UBND các huyện: …", "Thành phần: …"): guests, not assignees, in
// each of its clauses.
func invitation(s string) bool {
	k := openingKey(s)
	return strings.HasPrefix(k, "moi ") || strings.HasPrefix(k, "kinh moi ") || strings.HasPrefix(k, "thanh phan")
}

// recital: s is a resolution's or decision's recital ("Xét Báo cáo số … của
// UBND tỉnh …; Báo cáo của các cơ quan: Toà án nhân dân tỉnh, …, trình tại Kỳ
// họp …;"): the reports it weighs, whose clauses after ";" assign nothing.
func recital(s string) bool {
	return strings.HasPrefix(openingKey(s), "xet ")
}

// openingKey is the key (units.Normalize) of s's first 64 bytes, enough for
// the words invitation and recital look for: the whole sentence was folded to
// read its first word, for every clause ending with ";" (issue 14's speed).
func openingKey(s string) string { return units.Normalize(s[:cutAt(s, 64)]) }

// tasksIn finds the tasks of one item: each sentence that assigns opens a task;
// the sentences after it (in the same item) belong to it.
func (x *extractor) tasksIn(text string, inherited []units.Mention, inhDL *deadline.Deadline) []protoTask {
	var out []protoTask
	// the sentences' spans, and the same split at second assignments, in room
	// on the stack (a paragraph has seldom more than 16 sentences)
	var room, split [16]span
	sps := appendSentences(room[:0], text)
	for k := 0; k+1 < len(sps); k++ {
		// "Giao Sở X chủ trì, phối hợp các Sở: A, B; Ban C; UBND các huyện: D, E
		// nghiên cứu …": a list of units split by ";" is one sentence.
		if s := text[sps[k].start:sps[k].end]; strings.HasSuffix(s, ";") && (x.dangling(s) || x.unitsOnly(s) || invitation(s) || recital(s) ||
			// "Giao Sở X chủ trì …; phối hợp Sở Y; Viễn thông Z; UBND cấp xã …
			// thực hiện …": whom the lead works with, in the next clause
			strings.HasPrefix(strings.TrimSpace(text[sps[k+1].start:sps[k+1].end]), "phối hợp")) {
			sps[k].end = sps[k+1].end
			sps = append(sps[:k+1], sps[k+2:]...)
			k--
		}
	}
	sps = x.splitAssignments(split[:0], text, sps)
	outer := inhDL
	// "Trước 10/5, các trường … nộp kế hoạch …; các trường trực thuộc Sở nộp
	// kế hoạch lên Sở.": the time that opens a sentence dates each of its
	// clauses, up to the sentence's end
	var fronted *deadline.Deadline
	for _, sp := range sps {
		s := strings.TrimSpace(text[sp.start:sp.end])
		if s == "" {
			continue
		}
		inhDL := outer
		if fronted != nil {
			inhDL = fronted
		} else if strings.HasSuffix(s, ";") {
			fronted = x.frontedDeadline(s)
		}
		if !strings.HasSuffix(s, ";") {
			fronted = nil
		}
		if strings.HasPrefix(s, "Về ") && strings.HasSuffix(s, ":") {
			continue // "Về việc tham mưu …:": a topic's heading, the items below say what
		}
		x.relaying = x.directed || len(out) > 0 && out[len(out)-1].how != byHeading || !x.formal() && relayOpener(x.view(s))
		leads, coords, how, ok := x.assignmentHow(s)
		if !x.formal() && !x.directed && (directs(x.view(s)) || issuesDirective(x.view(s))) {
			x.directed = true
		}
		if !x.formal() && centralSubject(s) {
			x.centralVoice = true
		}
		central := how == byTrigger && !x.formal() && (centralSubject(s) || x.centralVoice && triggerFirst(s)) ||
			// "UBND tỉnh Bạc Liêu tiếp nhận …" in a news item relaying the Prime
			// Minister: the province named is one of the assignees
			how == bySubject && ok && !x.formal() && x.centralVoice && strings.HasPrefix(units.Normalize(leads[0].Written), "ubnd tinh ")
		if ok && x.isIssuer(leads[0]) && !central {
			ok = false // "Chủ tịch UBND tỉnh chỉ đạo: Sở Y tế …": the issuer speaking
		}
		if ok && how == bySubject && notYet(s, leads) && !x.hasDeadline(s) {
			ok = false // "Các đơn vị còn lại chưa có báo cáo dẫn đến chậm trễ …": what is not done, no task
		}
		if ok && how == bySubject && !central && slices.ContainsFunc(leads, x.isIssuer) {
			if !x.formal() && x.issuer == "" && !x.isIssuer(leads[0]) && foldedHas(x.view(s).w, "keu goi") < 0 {
				// "Bộ Giáo dục và Đào tạo, UBND tỉnh Vĩnh Long … có trách nhiệm …": a
				// news item's province named after another body shares its duty
				leads = slices.DeleteFunc(slices.Clone(leads), x.isIssuer)
			} else {
				ok = false // "Tỉnh ủy, HĐND, UBND và UBMTTQ tỉnh … kêu gọi": the issuer among the subjects speaks with them
			}
		}
		if !ok && !x.view(s).isNonTask() {
			// "Đối với …: Các sở … căn cứ …", "… có ý kiến chỉ đạo: UBND … xác định …":
			// the clause after a colon stands on its own.
			if c := strings.Index(s, ": "); c > 0 && (nextIsUpper(s[c+2:]) || strings.HasPrefix(s[c+2:], "cấp ")) && !invitation(s[:c]) && !recital(s) {
				// ("Chậm nhất 30/11 hằng năm: Các phòng GDĐT nộp hồ sơ …": the
				// time before the colon dates the clause after it)
				x.dated = x.hasDeadline(s)
				leads, coords, how, ok = x.assignmentHow(s[c+2:])
				x.dated = false
			}
		}
		if !ok && opensClause(s) && !x.view(s).isNonTask() {
			// "Trên cơ sở báo cáo của các đơn vị, Sở X có nhiệm vụ tổng hợp …": an
			// opening clause, then the subject; the first clause after a comma
			// that opens with a capitalised name stands on its own
			for off, k := 0, 0; k < 3; k++ {
				c := strings.Index(s[off:], ", ")
				if c < 0 {
					break
				}
				if k := units.Normalize(s[:off+c]); strings.HasPrefix(k, "sau khi nghe ") || strings.HasPrefix(k, "nghe ") {
					break // "Sau khi nghe Văn phòng, Cục X, Viện Y trình bày …": who reported at the meeting, no task
				}
				if prevTitle(s[:off+c]) {
					off += c + 2
					continue // "… của Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ": one person's titles, not a clause's end
				}
				off += c + 2
				if rest := s[off:]; nextIsUpper(rest) && looksLikeHead(stripTitle(rest)) || titledLower(rest) || strings.HasPrefix(rest, "các ") && looksLikeHead(rest) && (k == 0 || x.hasDeadline(s)) {
					x.dated = x.hasDeadline(s)
					l, co, h, ok2 := x.assignmentHow(rest)
					x.dated = false
					if ok2 && h == bySubject && !slices.ContainsFunc(l, x.isIssuer) {
						leads, coords, how, ok = l, co, h, true
					}
					break
				}
			}
		}
		if !ok && opensClause(s) {
			// "Chậm nhất ngày 28/7 các Sở Giáo dục và Đào tạo phải hoàn thành …":
			// the time first, with no comma before the subject
			if v := x.view(s); len(v.ts) > 0 {
				if k := skipTime(v, 0); k > 0 && k < len(v.ts) {
					if rest := s[v.ts[k].Start:]; looksLikeHead(stripTitle(rest)) {
						x.dated = true
						l, co, h, ok2 := x.assignmentHow(rest)
						x.dated = false
						if ok2 && h == bySubject && !slices.ContainsFunc(l, x.isIssuer) {
							leads, coords, how, ok = l, co, h, true
						}
					}
				}
			}
		}
		if !ok && (x.numbered || x.dashed) {
			if p := leadInParens(s); p != "" {
				// "1. Xây dựng kế hoạch phòng chống dịch (Sở Y tế chủ trì, phối
				// hợp Sở Tài chính; hoàn thành trước ngày 30/6/2026).": a plan's
				// item says who leads in its parenthesis
				if l, co, h, ok2 := x.assignmentHow(p); ok2 && h == bySubject && !slices.ContainsFunc(l, x.isIssuer) {
					leads, coords, how, ok = l, co, h, true
				}
			}
		}
		if !ok && len(sps) > 1 {
			if l, ok2 := x.senderOf(s); ok2 && x.hasDeadline(s) {
				// "6. Tài liệu phiên họp: …. Ý kiến tham gia, góp ý báo cáo của
				// các cơ quan, địa phương gửi về Văn phòng UBND tỉnh trước ngày
				// 30/7/2012": whose answer is asked for, by when, mid-paragraph
				leads, coords, how, ok = l, nil, bySubject, true
			}
		}
		x.relaying = false
		if ok && how == bySubject && len(out) > 0 && !x.hasDeadline(out[len(out)-1].content) && x.deadlineFollowUp(s, leads) {
			// "Đề nghị Hiệu trưởng các trường … rà soát …. Các đơn vị thực hiện
			// trước ngày 24/3/2016.": the group of the task before, given its deadline
			out[len(out)-1].content += " " + s
			continue
		}
		if ok && how == bySubject && len(out) > 0 && strings.HasSuffix(strings.TrimSpace(out[len(out)-1].content), ";") && x.onlyCoordinate(s, leads, x.chairsOnly(out[len(out)-1].content)) {
			// "Giao Công an tỉnh chủ trì; Sở Y tế, Sở Tài chính phối hợp thực
			// hiện": the units after ";" coordinate the task before it.
			p := &out[len(out)-1]
			p.coords = append(p.coords, leads...)
			p.content += " " + s
			continue
		}
		if ok {
			leads = dedupe(leads)
			out = append(out, protoTask{content: s, leads: leads, coords: coords, inhDL: inhDL, how: how, central: central})
			continue
		}
		if len(out) > 0 && strings.HasPrefix(s, "Đồng thời") && isAction(strings.TrimLeft(strings.TrimPrefix(s, "Đồng thời"), ", ")) && !x.hasDeadline(out[len(out)-1].content) && x.hasDeadline(s) {
			// "Giao Sở X chủ trì …. Đồng thời tổng hợp kết quả, báo cáo … trước
			// ngày …": a further duty of the same unit, a task of its own
			p := out[len(out)-1]
			out = append(out, protoTask{content: s, leads: p.leads, inhDL: inhDL, inhLead: true, how: p.how})
			continue
		}
		if len(out) > 0 && !(inherited != nil && isAction(s) && x.hasDeadline(out[len(out)-1].content) && x.hasDeadline(s)) {
			if sentTo(s, out[len(out)-1].leads[0]) {
				continue // "Danh sách gửi về Sở X trước ngày …": others' work for the lead, not the lead's
			}
			out[len(out)-1].content += " " + s
			continue
		}
		if inherited != nil && isAction(s) && !isTitle(s) && !formItem(s) && !labelOnly(s) && !strings.HasPrefix(strings.ToLower(s), "nếu ") && !sentTo(s, inherited[0]) && (len(out) == 0 || x.hasDeadline(out[len(out)-1].content) && x.hasDeadline(s)) {
			_, coords := x.coordinators(s)
			out = append(out, protoTask{content: s, leads: inherited, coords: coords, inhDL: inhDL, inhLead: true, how: byHeading})
		}
	}
	return out
}

// frontedDeadline: the deadline that opens s, followed by a comma ("Trước
// ngày 10/5/2026, Sở …", "Chậm nhất 20/5, …"), nil if none.
func (x *extractor) frontedDeadline(s string) *deadline.Deadline {
	if !slices.ContainsFunc(frontOpeners, func(w string) bool { return len(s) >= len(w) && strings.EqualFold(s[:len(w)], w) }) {
		return nil // (most sentences open otherwise: their deadlines are not sought here; issue 14's speed)
	}
	ds := x.deadlines(s)
	if len(ds) == 0 {
		return nil
	}
	d := ds[0]
	for _, e := range ds[1:] {
		if e.Start < d.Start {
			d = e
		}
	}
	if d.Start < 0 || d.End > len(s) || !strings.HasPrefix(strings.TrimLeft(s[d.End:], " "), ",") {
		return nil
	}
	switch strings.ToLower(strings.TrimSpace(s[:d.Start])) {
	case "", "trước", "chậm nhất", "hạn chót", "đến", "từ nay đến", "từ nay đến trước":
		return &d
	}
	return nil
}

// frontOpeners open a sentence that frontedDeadline reads, in any case.
var frontOpeners = []string{"trước", "chậm nhất", "hạn chót", "đến", "từ nay", "ngày", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}

// leadInParens: the words of s's last parenthesis, up to a ";", when they
// open with a capital and say who leads ("Sở Y tế chủ trì, Sở Tài chính phối
// hợp; …"), "" otherwise.
func leadInParens(s string) string {
	a := strings.LastIndexByte(s, '(')
	if a < 0 {
		return ""
	}
	b := strings.IndexByte(s[a:], ')')
	if b < 0 {
		b = len(s) - a // the sentence ended at the ";" inside the parenthesis
	}
	p := strings.TrimSpace(s[a+1 : a+b])
	if c := strings.IndexByte(p, ';'); c >= 0 {
		p = p[:c] // "Sở Y tế chủ trì; hoàn thành trước …": who, then when
	}
	if !nextIsUpper(p) || !strings.Contains(p, "chủ trì") {
		return ""
	}
	return p
}

// splitAssignments: a second assignment inside one sentence ("Giao Sở A …, đồng
// thời giao Sở B …", "Giao Sở A … … giao cho Sở B …") is a sentence of its own,
// so that each unit gets its own task and deadline. The sentence is cut only
// when both parts assign, to different units, the second by a trigger.
//
// The spans are appended to out.
func (x *extractor) splitAssignments(out []span, text string, sps []span) []span {
	for _, sp := range sps {
		for {
			cut := x.secondAssignment(text[sp.start:sp.end])
			if cut <= 0 {
				break
			}
			end := sp.start + cut
			for end > sp.start && (text[end-1] == ' ' || text[end-1] == ',') {
				end-- // the comma before the second assignment ends neither
			}
			out = append(out, span{sp.start, end})
			sp.start += cut
		}
		out = append(out, sp)
	}
	return out
}

// assignWords are the words secondAssignment looks for first, as written.
var assignWords = newSubstrings("giao", "đề nghị", "yêu cầu")

// secondAssignment: where the second assignment of s starts, 0 if none.
func (x *extractor) secondAssignment(s string) int {
	if !assignWords.in(s) {
		return 0
	}
	for from := 0; ; {
		k := indexCommaEllipsis(s[from:]) // strings.IndexAny(s[from:], ",…")
		if k < 0 {
			return 0
		}
		sep := from + k
		_, size := utf8.DecodeRuneInString(s[sep:])
		from = sep + size
		rest := strings.TrimLeft(s[from:], " .")
		start := len(s) - len(rest)
		joined := false
		for _, c := range []string{"đồng thời ", "Đồng thời ", "và ", "còn "} {
			if strings.HasPrefix(rest, c) {
				rest, joined = rest[len(c):], true
				break
			}
		}
		// ("…, yêu cầu các chủ hồ …" after "giao Sở Công Thương chỉ đạo …" is
		// what the department is to require; "…, đồng thời đề nghị Y …" is the
		// issuer's second request)
		if !(strings.HasPrefix(rest, "giao ") || joined && (strings.HasPrefix(rest, "đề nghị ") || strings.HasPrefix(rest, "yêu cầu "))) {
			continue
		}
		first, second := strings.TrimSpace(s[:sep]), s[start:]
		l1, _, _, ok1 := x.assignmentHow(first)
		if !ok1 {
			return 0 // the part before assigns nothing: an opening clause ("Để …, giao …")
		}
		l2, _, how2, ok2 := x.assignmentHow(second)
		if !ok2 || how2 != byTrigger || ref(l1[0]) == ref(l2[0]) {
			continue
		}
		return start
	}
}

// onlyCoordinate: the sentence's subjects only coordinate ("Sở Y tế, Sở Tài
// chính phối hợp (thực hiện)."): nothing but "phối hợp" and a closing verb
// follows them. After a clause that says only who leads (shared: "Giao Sở X
// chủ trì;"), the work after "phối hợp" is that lead's task too ("Sở Y, Sở Z
// phối hợp rà soát các dự án trước ngày …").
func (x *extractor) onlyCoordinate(s string, leads []units.Mention, shared bool) bool {
	v := x.view(s)
	le := leadsEnd(v, leads)
	if le+1 >= len(v.w) || v.w[le] != "phoi" || v.w[le+1] != "hop" {
		return false
	}
	rest := v.w[le+2:]
	if len(rest) > 0 && (rest[0] == "voi" || rest[0] == "cung") {
		return false // "X phối hợp với Y …" is X's own task
	}
	for k, w := range rest {
		if w == "truoc" || w == "trong" || w == "cham" || w == "han" || w == "xong" || w == "hoan" && k+1 < len(rest) && rest[k+1] == "thanh" {
			rest = rest[:k] // "… phối hợp thực hiện (, hoàn thành) trước ngày …": the deadline is the task's
			break
		}
	}
	return len(rest) <= 3 || shared // "(thực hiện)", "(triển khai thực hiện)"
}

// chairsOnly: the clause names who leads and no work ("Giao Sở X chủ trì;",
// "… chủ trì thực hiện;").
func (x *extractor) chairsOnly(clause string) bool {
	w := x.view(clause).w
	n := len(w)
	return n >= 2 && w[n-2] == "chu" && w[n-1] == "tri" || n >= 4 && w[n-4] == "chu" && w[n-3] == "tri" && w[n-2] == "thuc" && w[n-1] == "hien"
}

// dedupe drops a lead named twice ("UBND các xã, phường và Ủy ban nhân dân
// các xã, phường"): one unit, one canonical name, one task.
func dedupe(ms []units.Mention) []units.Mention {
	out := ms[:0:0]
	if len(ms) < 2 {
		return append(out, ms...) // nothing to compare (no key to normalise)
	}
	seen := map[string]bool{}
	for _, m := range ms {
		r := ref(m)
		k := r.Code
		if k == "" {
			k = units.Normalize(r.Name)
		}
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, m)
	}
	return out
}

// afterAddressees: the text after the "Kính gửi: X." sentence of a line when
// a paragraph of the letter runs on after it (a sentence opening with a capital
// that tells more than names), and whether there is one.
func afterAddressees(t string, colon int) (string, bool) {
	if colon < 0 {
		return "", false
	}
	for off := colon + 1; ; {
		k := strings.Index(t[off:], ". ")
		if k < 0 {
			// "Kính gửi: Sở Y tế các tỉnh … (danh sách kèm theo) Thực hiện chỉ
			// đạo …, Cục X đề nghị …": a scanned letter lost the line break
			// before its first paragraph, which opens as paragraphs do
			for _, o := range []string{" Thực hiện ", " Căn cứ ", " Theo ", " Để ", " Nhằm "} {
				if j := strings.Index(t[colon+1:], o); j > 0 {
					rest := t[colon+1+j+1:]
					if len(rest) > 60 && (strings.Contains(rest, " yêu cầu ") || strings.Contains(rest, " đề nghị ")) {
						return rest, true
					}
				}
			}
			return "", false
		}
		rest := strings.TrimLeft(t[off+k+2:], " ")
		if nextIsUpper(rest) && len(rest) > 60 && (opensClause(rest) || strings.Contains(rest, " yêu cầu ") || strings.Contains(rest, " đề nghị ")) {
			return rest, true
		}
		off += k + 2
	}
}

// namesOnly: a short line that only names units ("Kính gửi:\n\nBan Chỉ đạo
// … các tỉnh, thành phố"), the addressees below the "Kính gửi:" line.
func (x *extractor) namesOnly(t string) bool {
	if len(t) > 250 {
		return false
	}
	_, _, ok := x.subjectLeads(strings.TrimRight(t, ".;,"), true)
	return ok
}

// addressed notes the units a "Kính gửi" line names.
func (x *extractor) addressed(s string) {
	s = strings.Trim(strings.TrimSpace(s), "-–;.,…")
	if s == "" || len(s) > 300 {
		return
	}
	for _, m := range x.cellUnits(s) {
		if _, alone := namedAlone(m.Written); x.looksLikeUnit(m) && !alone {
			x.addressees = append(x.addressees, m)
		}
	}
}

// courtesyIn: the lead is the recipients named by courtesy in the task's text
// ("đề nghị quý cơ quan góp ý …": "quý" is read as a title before "cơ quan"),
// the name returned as the text writes it.
func courtesyIn(content string, m units.Mention) (string, bool) {
	if m.Unit != nil || m.Collective || m.Written == "" {
		return "", false
	}
	if courtesyAddress(m.Written) {
		return m.Written, true
	}
	// "quý " and the name, found in the text itself: an index into a lowered
	// copy need not fall on the same bytes (a rune's lower case can be longer)
	for _, q := range []string{"quý ", "Quý ", "QUÝ "} {
		for off := 0; ; {
			k := strings.Index(content[off:], q)
			if k < 0 {
				break
			}
			k += off
			if end := k + len(q) + len(m.Written); end <= len(content) && strings.EqualFold(content[k+len(q):end], m.Written) {
				w := content[k:end]
				if courtesyAddress(w) {
					return w, true
				}
				// "Quý Cơ quan điền và gửi Phiếu …", "Quý Cơ quan cung cấp các
				// thông tin …": the courtesy names the kind of body only, and a
				// verb the grammar does not know ran on into the name
				for c := strings.LastIndexByte(w, ' '); c > len(q); c = strings.LastIndexByte(w[:c], ' ') {
					if !strings.ContainsAny(w[c-1:c], ",;/") && courtesyAddress(w[:c]) { // ("Quý cơ quan, tổ chức, địa phương" is a list)
						return w[:c], true
					}
				}
				return w, false
			}
			off = k + len(q)
		}
	}
	return "", false
}

// courtesyAddress: the recipients named by courtesy ("Quý cơ quan", "quý đơn
// vị", "Quý Sở"), kept as written when the "Kính gửi" list does not tell which
// one unit it is (the corpus labels it so: 682, 815).
func courtesyAddress(w string) bool {
	switch units.Normalize(w) {
	case "quy co quan", "quy don vi", "quy co quan don vi", "quy so", "quy cuc", "quy ban", "quy uy ban", "quy dia phuong", "quy bo",
		"quy doanh nghiep", "quy truong", "quy hoi":
		return true
	}
	return false
}

// namedAlone: a head alone, the name left to the reader ("đề nghị đồng chí
// Giám đốc Sở …", "Quý Cục"); the head returned folded.
func namedAlone(w string) (string, bool) {
	if len(w) > 5 && strings.EqualFold(w[:5], "quý ") {
		w = w[5:]
	}
	return units.Normalize(w), bareHead(w)
}

// addressee: the one unit of the "Kính gửi" list a bare head ("Sở") stands
// for: the only addressee whose name opens with that head.
func (x *extractor) addressee(m units.Mention) (units.Mention, bool) {
	if m.Unit == nil && len(x.addressees) == 1 && recipientsWord(m.Written) {
		// "Kính gửi: Sở Xây dựng … đề nghị Quý cơ quan báo cáo …": the one
		// addressee is whom the letter asks
		a := x.addressees[0]
		a.Start, a.End = m.Start, m.End
		return a, true
	}
	if m.Unit != nil || m.Collective || len(x.addressees) == 0 {
		return m, false // (told before namedAlone: finish asks this of every task)
	}
	head, alone := namedAlone(m.Written)
	if !alone {
		return m, false
	}
	var found []units.Mention
	for _, a := range x.addressees {
		name := a.Written
		if a.Unit != nil {
			name = a.Unit.Name
		}
		if k := units.Normalize(name); strings.HasPrefix(k, head+" ") || head == "ubnd" && strings.HasPrefix(k, "uy ban nhan dan ") ||
			head == "uy ban" && strings.HasPrefix(k, "ubnd ") {
			found = append(found, a)
		}
	}
	if len(found) != 1 {
		return m, false
	}
	a := found[0]
	a.Start, a.End = m.Start, m.End // where the text names it
	return a, true
}

// recipientsWord: the name is how a letter calls its recipients without
// naming them ("Quý cơ quan", "các đơn vị", "Quý Sở").
func recipientsWord(name string) bool {
	switch units.Normalize(name) {
	case "quy co quan", "quy don vi", "quy co quan don vi", "cac don vi", "cac co quan", "cac co quan don vi", // (the key drops the comma)
		"quy dia phuong", "cac dia phuong", "quy so", "quy ban", "quy cuc", "quy uy ban", "quy ubnd", "don vi", "co quan":
		return true
	}
	return false
}

func (x *extractor) finish(pt protoTask) Task {
	if a, ok := x.addressee(pt.leads[0]); ok {
		pt.leads = append([]units.Mention{a}, pt.leads[1:]...)
	}
	known := pt // (the confidence is how surely the name was read: a standard name is one)
	pt.leads, pt.coords = x.ownUnits(pt.leads), x.ownUnits(pt.coords)
	t := Task{Content: strings.TrimSuffix(strings.TrimSpace(pt.content), "/."), Flags: []string{}}
	t.Content = strings.TrimSpace(strings.TrimSuffix(t.Content, "./."))
	t.Lead = ref(pt.leads[0])
	if w, ok := courtesyIn(pt.content, pt.leads[0]); ok {
		t.Lead = UnitRef{Name: w}
	} else if !x.looksLikeUnit(pt.leads[0]) {
		if g, ok := groupOpening(pt.leads[0].Written); ok {
			t.Lead = UnitRef{Name: g} // "yêu cầu các xã phát lệnh gọi …": the group, its verb unknown
		} else {
			t.Lead = UnitRef{}
			t.Flags = append(t.Flags, FlagLeadUnrecognised)
		}
	}
	t.LeadUnits = []UnitRef{}
	if t.Lead != (UnitRef{}) {
		if m := pt.leads[0]; m.Collective && len(m.Members) > 0 && !x.local {
			t.LeadUnits = make([]UnitRef, 0, len(m.Members)) // made once: a group has a hundred members
			for _, u := range m.Members {
				t.LeadUnits = append(t.LeadUnits, UnitRef{Code: u.Code, Name: u.Name})
			}
		} else {
			t.LeadUnits = append(t.LeadUnits, t.Lead)
		}
	}
	for _, m := range pt.leads[1:] {
		if !x.looksLikeUnit(m) {
			continue // a clause or a fragment is no co-lead either
		}
		t.Coordinates = append(t.Coordinates, ref(m))
		if !contains(t.Flags, FlagCoLead) {
			t.Flags = append(t.Flags, FlagCoLead)
		}
	}
	for _, m := range pt.coords {
		if m.Collective && len(m.Members) > 0 && !x.local {
			// cli.md: a collective name expands to every matching unit.
			for _, u := range m.Members {
				if u.Code != t.Lead.Code { // the lead is not its own coordinator
					t.Coordinates = append(t.Coordinates, UnitRef{Code: u.Code, Name: u.Name})
				}
			}
			continue
		}
		if !x.looksLikeUnit(m) {
			continue // as for a lead: a clause or a fragment is no coordinator ("… Tuyên Quang về các", "… TCCN trước ngày 30/11/2010")
		}
		t.Coordinates = append(t.Coordinates, ref(m))
	}
	if len(t.Coordinates) == 0 {
		t.Coordinates = []UnitRef{}
	}
	var dl *deadline.Deadline
	dlInherited := false
	if marker, none := x.noDeadlineMarker(pt.content); !none {
		if ds := purposeFree(pt.content, x.deadlines(pt.content)); len(ds) > 0 {
			dl = best(ds)
		} else if pt.inhDL != nil {
			dl = pt.inhDL
			dlInherited = true
		}
	} else if ds := x.deadlines(pt.content); len(ds) > 0 {
		// "… gửi danh sách … chậm nhất ngày 14/01/2023; thường xuyên nắm tình
		// hình …": a dated duty keeps its date when the standing one is another
		// clause after it
		if d := best(ds); d.End <= len(pt.content) && !slices.Contains(d.Flags, deadline.FlagRange) {
			if k := strings.Index(pt.content[d.End:], marker); k >= 0 && strings.Contains(pt.content[d.End:d.End+k], ";") {
				dl = d
			} else if k := strings.LastIndex(pt.content[:d.Start], marker); k >= 0 && reportsAfter(pt.content[k+len(marker):d.Start]) {
				// "… thông báo liên tục trên hệ thống loa, báo cáo kết quả trước
				// ngày 30/4": the standing duty, then a report due by a date
				dl = d
			}
		}
	}
	if dl == nil {
		t.Flags = append(t.Flags, FlagNoDeadline)
	} else {
		t.Deadline = &Deadline{Nominal: dl.Nominal, Effective: dl.Effective, Time: dl.Time, Text: dl.Text, Recurrence: dl.Recurrence}
		for _, f := range dl.Flags {
			switch f {
			case deadline.FlagBeforeIssue, deadline.FlagUnderOneWorkday, deadline.FlagYearInferred:
				t.Flags = append(t.Flags, f)
			}
		}
	}
	t.MustReport = mustReport(x.words(pt.content))
	t.Confidence, t.signals = confidence(known, dl, dlInherited, t.Flags, x.formal())
	return t
}

// reportsAfter: the text between a standing duty's marker and a date holds a
// new clause that reports ("…, báo cáo kết quả …", "; gửi về …").
func reportsAfter(s string) bool {
	for _, sep := range []string{", ", "; "} {
		for off := 0; ; {
			k := strings.Index(s[off:], sep)
			if k < 0 {
				break
			}
			off += k + len(sep)
			if mustReport(units.Words(s[off:])) && startsWithAction(s[off:]) {
				return true
			}
		}
	}
	return false
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func (x *extractor) deadlines(s string) []deadline.Deadline {
	if ds, ok := x.dlCache[s]; ok {
		return ds
	}
	ds := x.findDeadlines(s)
	if x.dlCache == nil {
		x.dlCache = map[string][]deadline.Deadline{}
	}
	x.dlCache[s] = ds
	return ds
}

// inPurpose: the text at at lies in a purpose clause ("…; để chủ động …
// hạn chế thiệt hại do thiên tai gây ra trong năm 2008, góp phần …, Ủy ban
// nhân dân tỉnh chỉ thị:") that a later clause of the sentence follows: the
// time of what the purpose is for, no deadline of the items below.
func inPurpose(s string, at int) bool {
	if at <= 0 || at > len(s) {
		return false
	}
	open := -1
	for _, p := range []string{"để ", "Để ", "nhằm ", "Nhằm "} {
		for off := 0; off < at; {
			k := strings.Index(s[off:at], p)
			if k < 0 {
				break
			}
			k += off
			if k == 0 || strings.HasSuffix(s[:k], "; ") || strings.HasSuffix(s[:k], ", ") {
				open = max(open, k)
			}
			off = k + len(p)
		}
	}
	return open >= 0 && strings.Contains(s[at:], ", ")
}

// purposeFree drops the dates of an opening purpose clause: "Để hoàn thiện dự
// thảo Đề án trình Thủ tướng phê duyệt trong tháng 6/2022, Bộ … đề nghị …
// trước ngày 16/6/2022" is due on the 16th; June is the purpose's.
func purposeFree(content string, ds []deadline.Deadline) []deadline.Deadline {
	if !strings.HasPrefix(content, "Để ") || len(ds) < 1 {
		return ds
	}
	end := strings.Index(content, ", ")
	if end < 0 {
		return ds
	}
	// the clause runs to the comma before its subject ("Để có số liệu … Đề
	// án, dự kiến tổ chức vào đầu tháng 6/2010, Bộ … đề nghị …")
	for k := end; k >= 0 && k < len(content) && k < 400; {
		if nextIsUpper(content[k+2:]) {
			end = k
			break
		}
		n := strings.Index(content[k+2:], ", ")
		if n < 0 {
			break
		}
		k += 2 + n
	}
	out := make([]deadline.Deadline, 0, len(ds))
	for _, d := range ds {
		if d.Start >= end {
			out = append(out, d)
		}
	}
	if len(out) == 0 && len(ds) > 1 {
		return ds
	}
	return out
}

// best is the task's deadline among those its text gives: a due date ("trước
// ngày 30/01/2021") over the end of a period the task describes ("trực từ
// ngày 10/02 đến hết ngày 16/02/2021"); else the surest, the first of equals.
func best(ds []deadline.Deadline) *deadline.Deadline {
	b := 0
	for i := 1; i < len(ds); i++ {
		if slices.Contains(ds[b].Flags, deadline.FlagRange) && !slices.Contains(ds[i].Flags, deadline.FlagRange) && ds[i].Recurrence == "" ||
			ds[i].Confidence > ds[b].Confidence+0.1 && slices.Contains(ds[b].Flags, deadline.FlagRange) == slices.Contains(ds[i].Flags, deadline.FlagRange) ||
			ds[b].Recurrence != "" && ds[i].Recurrence != "" && ds[i].Nominal.Before(ds[b].Nominal) && ds[i].Confidence >= ds[b].Confidence-0.1 ||
			periodOnly(ds[b]) && dueBy(ds[i]) && ds[i].Confidence >= ds[b].Confidence-0.1 {
			// ("… các nhiệm vụ được giao trong năm 2026, …; báo cáo … trước
			// ngày 17/01/2027": the date the task is due by, over a period the
			// text names)
			// "báo cáo 6 tháng gửi trước ngày 20/6, báo cáo năm gửi trước
			// ngày 20/12": a recurring deadline is due first at its earliest
			// occurrence (testdata/dev/README.md)
			b = i
		}
	}
	if ds[b].Recurrence == "" {
		return &ds[b]
	}
	// … and recurs at the most frequent period it names: the 6-month report
	// due 20/6 and the yearly one due 20/12 are a half-yearly duty, which
	// misses neither
	d := ds[b]
	for _, o := range ds {
		if o.Recurrence != "" && o.Confidence >= d.Confidence-0.1 && periodRank[o.Recurrence] < periodRank[d.Recurrence] {
			d.Recurrence = o.Recurrence
		}
	}
	return &d
}

// periodOnly: a deadline read from a period alone ("trong năm 2026", "trong
// tháng 12/2026"), no operator of its own.
func periodOnly(d deadline.Deadline) bool {
	if d.Recurrence != "" || slices.Contains(d.Flags, deadline.FlagRange) {
		return false
	}
	t := strings.ToLower(d.Text)
	for _, p := range []string{"trong năm", "trong tháng", "trong quý", "trong tuần", "năm ", "tháng ", "quý "} {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	return false
}

// dueBy: a deadline an operator gives ("trước ngày …", "chậm nhất …", "hạn
// chót …").
func dueBy(d deadline.Deadline) bool {
	if d.Recurrence != "" || slices.Contains(d.Flags, deadline.FlagRange) {
		return false
	}
	t := strings.ToLower(d.Text)
	for _, p := range []string{"trước ", "chậm nhất", "muộn nhất", "hạn chót", "hạn cuối", "thời hạn"} {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	return false
}

// periodRank orders recurrences from the most frequent.
var periodRank = map[string]int{deadline.Monthly: 1, deadline.Quarterly: 2, deadline.HalfYearly: 3, deadline.Yearly: 4}

// noDeadlineMarker is the NoDeadlineMarker of a task's text, found once per
// document: a text said again has its tasks finished again (issue 14: speed).
func (x *extractor) noDeadlineMarker(s string) (string, bool) {
	if m, ok := x.markers[s]; ok {
		return m.marker, m.found
	}
	var m markerMemo
	m.marker, m.found = x.folded(s).NoDeadlineMarker()
	if x.markers == nil {
		x.markers = map[string]markerMemo{}
	}
	x.markers[s] = m
	return m.marker, m.found
}

// markerMemo is what NoDeadlineMarker gave.
type markerMemo struct {
	marker string
	found  bool
}

// folded is s folded for the deadline grammar, once per document: finish asks
// a task's text both NoDeadlineMarker and (through deadlines) Find.
func (x *extractor) folded(s string) *deadline.Text {
	if t, ok := x.dlFolds[s]; ok {
		return t
	}
	t := deadline.Fold(s)
	if x.dlFolds == nil {
		x.dlFolds = map[string]*deadline.Text{}
	}
	x.dlFolds[s] = t
	return t
}

func (x *extractor) findDeadlines(s string) []deadline.Deadline {
	ds := x.folded(s).Find(deadline.Context{Issued: x.doc.Issued, NotBefore: x.notBefore, Cal: x.opts.Calendar, CutoffHour: x.opts.CutoffHour})
	out := ds[:0]
	for _, d := range ds {
		if d.Confidence >= 0.5 && !d.Nominal.IsZero() {
			out = append(out, d)
		}
	}
	return out
}

// closeSpace closes the space a dropped parenthesis leaves before a comma
// ("Ban Quản lý khu công nghiệp (KCN), khu kinh tế …").
func closeSpace(s string) string {
	if !strings.Contains(s, " ,") && !strings.Contains(s, " ;") {
		return s // (most names: no copy)
	}
	return strings.NewReplacer(" ,", ",", " ;", ";").Replace(s)
}

func ref(m units.Mention) UnitRef {
	if m.Unit != nil {
		return UnitRef{Code: m.Unit.Code, Name: m.Unit.Name}
	}
	if m.Group != "" {
		// one name for a collective however it is written ("Ủy ban nhân dân các xã,
		// phường" is "UBND các xã, phường").
		return UnitRef{Name: closeSpace(m.Group)}
	}
	name := closeSpace(strings.TrimSpace(m.Written))
	for _, long := range []string{"Ủy ban nhân dân các ", "Uỷ ban nhân dân các ", "ỦY BAN NHÂN DÂN các "} {
		if rest, ok := strings.CutPrefix(name, long); ok {
			// a group of People's Committees the directory has no group for
			// ("Ủy ban nhân dân các huyện" where districts are gone): still
			// one name however it is written, as the directory's groups
			return UnitRef{Name: "UBND các " + rest}
		}
	}
	return UnitRef{Name: name}
}

var reportPhrases = []string{"bao cao", "de xuat", "tham muu", "trinh", "gui ve", "gui ket qua", "gui van phong", "gui so", "gui ubnd",
	"nop ho so", "nop ve", "nop danh sach", "nop bieu", "nop phieu", "nop ban", "dang ky danh sach", "dang ky ve",
	// an opinion or an answer sent back: "cho ý kiến bằng văn bản về Sở", "góp ý
	// dự thảo", "phản hồi kết quả xử lý" (the corpus labels: 20 tasks, 18 must report)
	"cho y kien", "gop y", "phan hoi"}

// reportFirst groups the phrases of reportPhrases (but "trinh", which
// mustReport reads apart) by their first word, each phrase as its words.
var reportFirst = &lazy.Value[[]reportGroup]{Make: func() []reportGroup {
	var out []reportGroup
	for _, p := range reportPhrases {
		if p == "trinh" {
			continue
		}
		w := strings.Fields(p)
		k := slices.IndexFunc(out, func(g reportGroup) bool { return g.first == w[0] })
		if k < 0 {
			k = len(out)
			out = append(out, reportGroup{first: w[0]})
		}
		out[k].rests = append(out[k].rests, w[1:])
	}
	return out
}}

type reportGroup struct {
	first string
	rests [][]string
}

// mustReport: the task whose text has the normalised words w requires sending
// something back (rules.md §6). One pass over the words: it was one for each
// phrase (mustReportPlain in fast_test.go, checked equal; issue 14).
func mustReport(w []string) bool {
	groups := reportFirst.Get()
	gui := false // a "gui" came before
	for i, x := range w {
		for _, g := range groups {
			if x != g.first {
				continue
			}
			for _, rest := range g.rests {
				if i+1+len(rest) <= len(w) && slices.Equal(w[i+1:i+1+len(rest)], rest) {
					return true
				}
			}
		}
		switch x {
		case "trinh":
			// "trình" the verb, not "công trình", "chương trình", "quá trình", "tờ trình", "lộ trình", "quy trình", "hành trình", "lập trình".
			if i == 0 || !strings.Contains(" cong chuong qua to lo quy hanh lap ", " "+w[i-1]+" ") {
				return true
			}
		case "ve":
			if gui {
				return true // "gửi … về <unit>"
			}
		case "gui":
			gui = true
		}
	}
	return false
}

func (x *extractor) hasDeadline(s string) bool { return len(x.deadlines(s)) > 0 }

// groupOpening: a lead that reads as a clause but opens with a group ("các xã
// phát lệnh gọi công dân …": the verb is none the rules know) is that group,
// "các" and its head: the words after a head of a group are its predicate far
// more often than a part of its name. A head that needs a body ("các cấp", "các
// thành viên") or names a person ("các thủ trưởng") gives none.
func groupOpening(w string) (string, bool) {
	f := strings.Fields(w)
	if len(f) < 3 || f[0] != "các" && f[0] != "Các" {
		return "", false
	}
	low := make([]string, 0, 4)
	for _, x := range f[1:min(len(f), 5)] {
		low = append(low, strings.ToLower(x))
	}
	n := matchAt(low, 0, collectiveHeads)
	if n == 0 || n >= len(low) {
		return "", false
	}
	switch strings.Join(low[:n], " ") {
	case "cấp", "thủ trưởng", "thành viên", "lực lượng":
		return "", false
	}
	if strings.ContainsAny(f[n], ",;:.()") || !unicode.IsLower([]rune(f[n+1])[0]) {
		return "", false // "các xã, phường …", "các huyện Tân Hồng …": a list or a name goes on
	}
	return strings.Join(f[:n+1], " "), true
}
