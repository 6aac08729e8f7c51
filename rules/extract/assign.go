package extract

import (
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"cddh-sync/internal/lazyre"
	"cddh-sync/internal/nfc"
	"cddh-sync/rules/units"
)

// actionPhrases end an assignee's name: the verb that follows it.
var actionPhrases = splitPhrases(`chu tri|phoi hop|khan truong|tham muu|nghien cuu|ra soat|don doc|chu dong|dinh ky|
thuc hien|to chuc|bao cao|huong dan|theo doi|kiem tra|trien khai|tiep tuc|co trach nhiem|tong hop|xem xet|cap nhat|
hoan thanh|dam bao|bao dam|bo tri|xu ly|van hanh|lap|de xuat|chi dao|phan cong|tuyen truyen|giai quyet|tang cuong|
tham dinh|trinh|gui|khac phuc|dieu tiet|cung cap|tiep nhan|lam ro|nam bat|danh gia|ho tro|chuan bi|quan tam|phat dong|
van dong|thuong xuyen|nghiem tuc|can cu|tren co so|thanh lap|ban hanh|ky|rut kinh nghiem|dieu chinh|bo sung|
kip thoi|khao sat|thong ke|tiep thu|hoan chinh|quyet liet|phoi hop voi|tap trung|day nhanh|kien quyet|nhanh chong|
xay dung|quan ly|tham gia|chiu trach nhiem|duy tri|sap xep|uu tien|quan triet|la co quan|la don vi|la dau moi|lam dau moi|
la thuong truc|lam thuong truc|som|hoan thien|xac dinh|cu dai dien|cu can bo|nop|co van ban|kinh chuyen|
chuyen den|gui den|neu tren|cu thanh vien|theo chuc nang|lam co quan|phan dau|khan cap|chi dao|xin|thong bao|kien nghi|nghiem tuc|de nghi|
yeu cau|lua chon|thuc hien|soat xet|chuyen|bam sat|giam sat|kiem soat|phat hien|ngan chan|truy quet|van dong|
huy dong|phoi hop chat che|day manh|lanh dao|thong nhat|co y kien|tra loi|giai trinh|dang tai|dang tin|cong khai|
co nhiem vu|duoc giao|vua duoc giao|chap thuan|se|dang|can|san sang|nang cao|thu hoi|di doi|can doi|phan bo|giai ngan|
tong ket|so ket|cong bo|kien toan|tap huan|quyet toan|kiem diem|xac minh|chan chinh|thao go|sua doi|dang ky|xu phat|lam viec voi|cho y kien|gop y|sao gui|tich cuc|quyet dinh|hang nam|hang thang|hang quy|hang tuan|hang ngay|
ung pho|rut kinh nghiem|ho tro|bao ve|phai|tam dung|tam ngung|giup|can nhac|gioi thieu|kinh mong|luu y|chiu su|tao dieu kien|ve viec|pho bien|phe duyet|phan anh|hoan nghenh|rat hoan nghenh|kinh gui|cho hay|cho biet|danh gia cao|treo|cap giay|ve sinh|xet hoan thanh|xet cong nhan|xet tot nghiep|xet chon|
chinh sua|neu cao|phat bieu|tran trong|tien hanh|tranh thu|tam hoan|hoan tat|uoc|chon|theo pham vi|theo tham quyen|theo nhiem vu|theo linh vuc|deo bam|soan|bien soan|
dong thoi|nhan manh|khang dinh|dam nhan|dam nhiem|tang`)

// weakActions are verbs that also occur inside unit names ("Ban Quản lý dự án
// đầu tư xây dựng tỉnh", "Trung tâm Kiểm soát bệnh tật"): inside a name the
// grammar does not know, one of them ends the name only after a word that ends
// names (a proper noun, or "tỉnh", "huyện" …).
var weakActions = splitPhrases(`xay dung|quan ly|to chuc|kiem tra|ho tro|van hanh|cung cap|tiep nhan|giam sat|kiem soat|
phat trien|dau tu|bao ve|khai thac|dieu hanh|xuc tien|dao tao|cham soc|thong ke|thanh lap|chi dao|bao ton|
cuu nan|tim kiem|phong chong|dieu tra|thi hanh|quy hoach|thong tin|truyen thong|lanh dao|huy dong|thu hoi|
ung pho|nang cao|tong ket|tap huan|xu phat|kien toan|giai ngan|phan bo`)

// groupActs are the weak actions that, right after a bare group ("các đơn vị",
// "các cơ quan"), are what the group does, not a kind of body ("các đơn vị tổ
// chức trực"; but "các cơ quan quản lý", "các đơn vị xây dựng" name bodies).
var groupActs = splitPhrases(`to chuc|kiem tra|chi dao|thong ke|thanh lap|huy dong|thu hoi|nang cao|tong ket|tap huan|kien toan|giai ngan|phan bo|ung pho`)

// recurring are the words of how often that also end a name.
var recurring = splitPhrases(`hang nam|hang thang|hang quy|hang tuan|hang ngay|dinh ky|thuong xuyen`)

// leadIns precede a subject without being part of it: "Riêng UBND huyện X …".
var leadIns = splitPhrases(`rieng|dong thoi|ngoai ra|trong do|mat khac|theo do|tiep theo|sau do|ve phia|phia|tat ca|cung voi do|ben canh do|song song do|song song voi do`)

// ambiguous: one-word actions whose folded form is also another word: they
// stop a name only with their diacritics ("chuyển", not "chuyên ngành").
var ambiguous = map[string]string{"chuyen": "chuyển", "lap": "lập", "ky": "ký", "gui": "gửi", "trinh": "trình",
	"nop": "nộp", "som": "sớm", "uoc": "ước", "xin": "xin", "can": "cần", "se": "sẽ", "dang": "đang", "phai": "phải", "chon": "chọn", "soan": "soạn", "tang": "tăng"}

// nameEnders end a unit name's body: after one, a weak action verb is the task's.
// numbered: a number ends a name ("Quân khu 9", "Đội 2").
func numbered(w string) bool { return w != "" && w[0] >= '0' && w[0] <= '9' }

// wholeHead: a head that names a body by itself ("Công an", "Thanh tra", "Kho
// bạc"): a verb right after it is the predicate ("Bộ Công an chỉ đạo …"), never
// the body of the name ("Ban chỉ đạo", "Đoàn kiểm tra").
func wholeHead(w []string) bool {
	switch strings.Join(w, " ") {
	case "cong an", "thanh tra", "kho bac", "huyen uy", "tinh uy", "thanh uy", "dang uy":
		return true // ("Huyện ủy chỉ đạo các đơn vị …": a party committee is named whole)
	}
	return false
}

var nameEnders = map[string]bool{"hoi": true, "tinh": true, "huyen": true, "xa": true, "phuong": true, "thi": true, "tran": true,
	"pho": true, "quan": true, "khu": true, "trung": true, "uong": true,
	"phu": true, "an": true, "nam": true, "nuoc": true, // "Chính phủ", "Công an", "Việt Nam", "Nhà nước" end a name
	"ap": true, "khom": true, "thon": true, // "Chi hội Nông dân ấp tổ chức …"
	"truong": true, "hop": true, // "các đơn vị trong toàn trường tổ chức …", "Phòng Hành chính Tổng hợp tổ chức …"
	"nganh": true} // "Tổ công tác liên ngành kiểm tra …", "các sở, ngành tổ chức …"

// triggers introduce the assignee: "Giao Sở X …", "Đề nghị Sở X …", "Yêu cầu …".
// They are matched with their diacritics: "giáo viên" is not "giao".
var triggers = splitPhrases(`giao|đề nghị|yêu cầu|xin ý kiến|kính mong|giao nhiệm vụ cho|thống nhất giao|giao cho|giao nhiệm vụ|giao trách nhiệm cho|giao trách nhiệm|ủy quyền|uỷ quyền|ủy quyền cho|uỷ quyền cho`)

// nameHeads start the name of an assignee the directory may not know. They are
// matched with their diacritics ("Sở", not "số" or "sổ") and, but for "các",
// with a capital letter.
var nameHeads = splitPhrases(`sở|ubnd|ban|đài|công ty|trung ương hội|trung ương đoàn|công an|văn phòng|thanh tra|trung tâm|bộ chỉ huy|bộ|chi cục|
báo|thuế|bảo hiểm|viện|trường|bệnh viện|tỉnh đoàn|thành đoàn|hội|ngân hàng|kho bạc|cục|quỹ|tổng công ty|phòng|ubmttq|
ủy ban|uỷ ban|hội đồng|tổ công tác|đoàn|liên đoàn|tập đoàn|chủ đầu tư|nhà máy|ban quản lý|bch|vks|viện kiểm sát|
tòa án|toà án|hđnd|hdnd|mặt trận|tỉnh ủy|tỉnh uỷ|thành ủy|thành uỷ|huyện ủy|huyện uỷ|đảng ủy|đảng uỷ|bộ đội biên phòng|
cảng vụ|hạt kiểm lâm|tổ|ủy ban mặt trận|liên minh|hiệp hội|đội|ban chỉ đạo|ban chỉ huy|trạm|cảnh sát|tổng cục|
học viện|đại học|ủy ban mttq|uỷ ban mttq|ubmttqvn|bưu điện|điện lực|công đoàn|tổng liên đoàn|doanh nghiệp|vườn quốc gia|khu bảo tồn|
thường trực|liên hiệp|kiểm toán nhà nước|kiểm toán|quân khu|bộ tư lệnh|quân đoàn|nhnn|kbnn|bhxh|bql|bcđ|thông tấn xã|công chức|chi hội|chi đoàn|chi bộ|tcty|tct|đảng đoàn|
nhà trường|chính quyền|bảo tàng|thư viện|viễn thông`)

// collectiveHeads follow "các" in a group name ("các sở, ban, ngành", "các đơn vị").
var collectiveHeads = splitPhrases(`sở|ban|ngành|tỉnh|đơn vị|cơ quan|địa phương|huyện|xã|phường|tổ chức|doanh nghiệp|bộ|
hội|đoàn thể|trường|chủ đầu tư|ubnd|ủy ban|uỷ ban|thành viên|cơ sở|sở ngành|công ty|quận|thị xã|thành phố|chi cục|
trung tâm|bệnh viện|ngân hàng|tổ chức chính trị|cấp|hội đoàn thể|phòng|ban quản lý|thủ trưởng|lực lượng|
phương tiện thông tin đại chúng|cơ quan báo chí|cơ quan thông tin đại chúng|cơ quan truyền thông|chủ đập|chủ rừng|chủ hồ|chủ hồ chứa|
chủ dự án|chủ cơ sở|chủ phương tiện|chủ tàu|chủ công trình|nhnn|kbnn|bhxh|ấp|khóm|thôn|khu phố|tổ dân phố|xóm|buôn|bản|nhà trường|hợp tác xã`)

// phrases are "|"-separated phrases, split into words on first use: the lists are
// not built at start-up by every process of the binary (issue 17).
type phrases struct {
	src     string
	once    sync.Once
	ws      [][]string
	byFirst map[string][][]string // the phrases by their first word
	longest int                   // the number of words of the longest phrase
	// firsts holds firstKey of every first word, one bit each: most words
	// start no phrase, and the bit test spares matchAt the map look-up for
	// them (it was three quarters of matchAt's time). A word whose bit is
	// clear is no key of byFirst.
	firsts [firstKeys / 64]uint64
}

// firstKeys is the number of firstKey's values.
const firstKeys = 1024

// firstKey hashes a non-empty word on its length and its first and last bytes.
func firstKey(w string) uint {
	return (uint(len(w))*131 + uint(w[0])*31 + uint(w[len(w)-1])) % firstKeys
}

// mayStart: w may be the first word of a phrase of ps (built).
func (ps *phrases) mayStart(w string) bool {
	if w == "" {
		return false // strings.Fields gives no empty word
	}
	k := firstKey(w)
	return ps.firsts[k/64]&(1<<(k%64)) != 0
}

// splitPhrases returns the phrases of s ("chu tri|phoi hop"), split when first used.
func splitPhrases(s string) *phrases { return &phrases{src: s} }

// words returns each phrase as its words.
func (ps *phrases) words() [][]string {
	ps.build()
	return ps.ws
}

func (ps *phrases) build() {
	ps.once.Do(func() {
		ps.byFirst = map[string][][]string{}
		for _, p := range strings.Split(ps.src, "|") {
			if f := strings.Fields(p); len(f) > 0 {
				ps.ws = append(ps.ws, f)
				ps.byFirst[f[0]] = append(ps.byFirst[f[0]], f)
				k := firstKey(f[0])
				ps.firsts[k/64] |= 1 << (k % 64)
				ps.longest = max(ps.longest, len(f))
			}
		}
	})
}

func matchAt(w []string, i int, ps *phrases) int {
	if i >= len(w) {
		return 0
	}
	ps.build()
	if !ps.mayStart(w[i]) {
		return 0
	}
	best := 0
	for _, p := range ps.byFirst[w[i]] {
		if i+len(p) > len(w) || len(p) <= best {
			continue
		}
		ok := true
		for j := range p {
			if w[i+j] != p[j] {
				ok = false
				break
			}
		}
		if ok {
			best = len(p)
		}
	}
	return best
}

// sentenceView is a sentence with its tokens and unit mentions located.
type sentenceView struct {
	s     string
	ts    []units.Token
	w     []string // folded words
	raw   []string // the words in lower case, diacritics kept ("ubnd" for the merged "Ủy ban nhân dân")
	upper []bool   // the word starts with a capital letter
	paren []bool   // the word is inside parentheses
	ms    []units.Mention
	inMen []int32 // per token: index of the mention covering it, -1 if none

	nonTask int8        // nonTask(v) once found: 0 not yet, 1 false, 2 true
	namesOf []namesMemo // names by span, once found
	stops   [][2]int    // stopFrom(i) by i, once found: {i, stopFrom(i)}
	nfc     int8        // nfc.IsNormal(s) once found, the same way
}

// isNFC is nfc.IsNormal(v.s), found once per view (extractor.words asks it of
// a task's content each time).
func (v *sentenceView) isNFC() bool {
	if v.nfc == 0 {
		v.nfc = 1
		if nfc.IsNormal(v.s) {
			v.nfc = 2
		}
	}
	return v.nfc == 2
}

// isNonTask is nonTask(v), found once per view: the rules ask it of a sentence
// several times (issue 14: speed).
func (v *sentenceView) isNonTask() bool {
	if v.nonTask == 0 {
		v.nonTask = 1
		if nonTask(v) {
			v.nonTask = 2
		}
	}
	return v.nonTask == 2
}

func (x *extractor) view(s string) *sentenceView {
	// A view depends on the sentence alone and is read-only once built (but
	// for memos of what depends on it alone, like isNonTask); the
	// rules ask for the same sentence's view many times (about twice per
	// sentence over the corpus), so each is built once per document.
	//
	// The last view asked for is kept apart: the rules ask for one
	// sentence's view several times in a row, and comparing the same string
	// costs less than hashing it (issue 14).
	if v := x.lastView; v != nil && v.s == s {
		return v
	}
	if v, ok := x.views[s]; ok {
		x.lastView = v
		return v
	}
	v := &take(&x.room.views, 1, viewsChunk)[0]
	v.s, v.ts = s, x.room.tokenize(s)
	if x.views == nil {
		x.views = map[string]*sentenceView{}
	}
	x.views[s] = v
	x.lastView = v
	n := len(v.ts)
	strs, flags := take(&x.room.strs, 2*n, roomChunk), take(&x.room.flags, 2*n, roomChunk) // two cuts for four slices
	v.w, v.raw = strs[:n:n], strs[n:]
	for i, t := range v.ts {
		v.w[i] = t.Word
	}
	v.ms = x.opts.Units.MentionsIn(s, v.ts)
	v.templates()
	v.governmentWide()
	v.inMen = take(&x.room.ints, n, roomChunk)
	v.upper, v.paren = flags[:n:n], flags[n:]
	depth, last, lowerLen := 0, 0, 0
	for i, t := range v.ts {
		for _, c := range s[last:t.Start] {
			switch c {
			case '(':
				depth++
			case ')':
				if depth > 0 {
					depth--
				}
			}
		}
		last = t.End
		v.paren[i] = depth > 0
		r, _ := utf8.DecodeRuneInString(s[t.Start:])
		v.upper[i] = 'A' <= r && r <= 'Z' || r >= utf8.RuneSelf && units.IsUpper(r) // (ASCII without the call)
		switch sub := s[t.Start:t.End]; {
		case t.Word == "ubnd":
			v.raw[i] = "ubnd"
		case v.upper[i] || units.HasUpper(sub):
			lowerLen += len(sub) // lowered below, into one buffer
		default:
			v.raw[i] = sub // already lower case: no copy
		}
	}
	if lowerLen > 0 {
		// the capitalised words in lower case, all in one allocation (one
		// strings.ToLower each was an eighth of the objects Extract allocated)
		buf := make([]byte, 0, 3*lowerLen) // room for the longest lowering (lowered)
		for i, t := range v.ts {
			if v.raw[i] == "" { // a word is never empty: only the words left above are
				v.raw[i], buf = lowered(buf, s[t.Start:t.End])
			}
		}
	}
	v.extendPlaces(x.opts.Units)
	mi := 0
	for i, t := range v.ts {
		v.inMen[i] = -1
		for mi < len(v.ms) && v.ms[mi].End <= t.Start {
			mi++
		}
		if mi < len(v.ms) && v.ms[mi].Start <= t.Start && t.End <= v.ms[mi].End {
			v.inMen[i] = int32(mi)
		}
	}
	return v
}

// viewRoom is the room the views and their slices (their tokens, words,
// flags, mentions by token) are cut from, one chunk of each after another, instead of a
// slice of their own each: they were over half of what Extract allocated
// (issue 14). A room is used again by the next Extract (viewRooms): the
// views live no longer than their extractor, and what Extract returns holds
// none of their slices, only strings (the words' bytes are not in the
// room) and the directory's units (TestResultsOutliveViews checks it).
type viewRoom struct {
	views []sentenceView
	toks  []units.Token
	strs  []string
	flags []bool
	ints  []int32

	memos // the extractor's maps (fast.go)
}

// viewRooms are the rooms not in use.
var viewRooms = sync.Pool{New: func() any { return new(viewRoom) }}

// roomChunk is the number of elements of a chunk: a text of 4 KB needs
// about 1,000 tokens and twice as many words (a chunk of each), and 30 views
// (viewsChunk). A slice longer than a quarter of a chunk is made on its own.
const (
	roomChunk  = 4096
	viewsChunk = 128
)

// reset empties r for the next text: its chunks are written again.
func (r *viewRoom) reset() {
	r.views, r.toks, r.strs, r.flags, r.ints = r.views[:0], r.toks[:0], r.strs[:0], r.flags[:0], r.ints[:0]
}

// tokenize is units.Tokenize(s), its tokens cut from the room.
func (r *viewRoom) tokenize(s string) []units.Token {
	if cap(r.toks)-len(r.toks) < roomChunk/16 { // (a longer sentence than the rest holds is tokenized apart)
		r.toks = make([]units.Token, 0, roomChunk)
	}
	free := r.toks[len(r.toks):]
	ts := units.TokenizeInto(free, s)
	if cap(ts) == cap(free) { // in the room (else a slice of its own, longer than the room left)
		r.toks = r.toks[:len(r.toks)+len(ts)]
	}
	return ts[:len(ts):len(ts)] // (an append to it never writes into the room)
}

// take cuts n zeroed elements from the chunk *c (a new chunk of size
// elements when it has fewer left; a slice of their own when n is over a
// quarter of a chunk).
func take[T any](c *[]T, n, size int) []T {
	if n > size/4 {
		return make([]T, n)
	}
	if cap(*c)-len(*c) < n {
		*c = make([]T, 0, size)
	}
	k := len(*c)
	*c = (*c)[:k+n]
	s := (*c)[k : k+n : k+n]
	clear(s)
	return s
}

// extendPlaces: a unit name followed by its level and a place ("UBND tỉnh" +
// "Bạc Liêu", "Sở Y tế" + "tỉnh Quảng Nam", "Ban Dân tộc" + "tỉnh") takes them
// in. When the place is the directory's own province, or there is only the
// level, it is still the directory's unit; another place's is a unit the
// directory does not know.
func (v *sentenceView) extendPlaces(dir *units.Directory) {
	own := dir.ProvinceKey() // units.Normalize of the province's name
	ti := 0
	for k := range v.ms {
		m := &v.ms[k]
		if m.Collective {
			v.collectiveSuffix(m, own)
			continue
		}
		if m.Unit == nil && m.Generic {
			continue
		}
		last := -1
		for ; ti < len(v.ts); ti++ {
			if v.ts[ti].End == m.End {
				last = ti
				break
			}
			if v.ts[ti].Start >= m.End {
				break
			}
		}
		if last < 0 {
			continue
		}
		limit := len(v.ts)
		if k+1 < len(v.ms) {
			for limit = last + 1; limit < len(v.ts) && v.ts[limit].Start < v.ms[k+1].Start; limit++ {
			}
		}
		spaced := func(j int) bool { return strings.TrimSpace(v.s[v.ts[j-1].End:v.ts[j].Start]) == "" }
		if loc := nameRunsOn(v.s[m.End:]); loc != nil && (m.Unit != nil || !m.Generic) && !groupWords(v.s[m.End+1:m.End+loc[3]]) {
			// "Ban Quản lý Khu kinh tế, công nghiệp tỉnh": the name goes on past a
			// comma in lower case to its level: another body than the directory's
			m.End += loc[3]
			m.Written = v.s[m.Start:m.End]
			m.Unit, m.Generic = nil, true
			continue
		}
		if e := v.longerBody(dir, m, last, limit); e > 0 {
			// "Ban Quản lý dự án đầu tư xây dựng" + "công trình dân dụng và
			// công nghiệp tỉnh": the directory's "… tỉnh" matched without its
			// level, and the name goes on in lower case to a level of its own:
			// another body, named as written
			m.End = v.ts[e].End
			m.Written = v.s[m.Start:m.End]
			m.Unit, m.Generic = nil, true
			continue
		}
		if j := last + 1; j+2 < limit && spaced(j) && spaced(j+1) && spaced(j+2) && v.ts[j].Word == "khu" && v.ts[j+1].Word == "vuc" &&
			regionNumber(v.s[v.ts[j+2].Start:v.ts[j+2].End]) {
			// "Kho bạc Nhà nước khu vực XX", "Thuế cơ sở" …: a regional office
			// is a unit of its own, named as written
			m.End = v.ts[j+2].End
			m.Written = v.s[m.Start:m.End]
			m.Unit, m.Generic = nil, true
			continue
		}
		if j := last + 1; j < limit && !m.Collective && spaced(j) && v.upper[j] {
			// "Sở Y tế Cà Mau", "Chi cục Chăn nuôi và Thú y TPHCM": a province
			// right after the name; another province's is another unit
			if n := units.ProvinceAt(v.w[:limit], j); n > 0 && dotsOnly(v, j, j+n) {
				m.End = v.ts[j+n-1].End
				if units.Normalize(v.s[v.ts[j].Start:m.End]) != own {
					m.Unit, m.Generic = nil, true
				}
				m.Written = v.s[m.Start:m.End]
				continue
			}
		}
		j, level := last+1, levelWords[v.ts[last].Word] || levelFirst(m.Written)
		if !level && j < limit && spaced(j) && (v.ts[j].Word == "tinh" || v.ts[j].Word == "thanh" && j+1 < limit && v.ts[j+1].Word == "pho" && spaced(j+1)) {
			// "Sở Y tế tỉnh …", "Ban Dân tộc tỉnh": the level after the name
			if v.ts[j].Word == "thanh" {
				j++
			}
			j++
			level = true
			m.End = v.ts[j-1].End
		}
		if !level {
			continue
		}
		p := j
		if p < limit && v.ts[p-1].Word == "tinh" && familyNames[v.ts[p].Word] && units.ProvinceAt(v.w[:limit], p) == 0 {
			// "Phó Chủ tịch UBND tỉnh Nguyễn Văn A chỉ đạo …": a person's name
			// after a leader's title; a province is one of a closed list
			// (Hà Giang, Cao Bằng, Thái Bình … are on it)
			m.Written = v.s[m.Start:m.End]
			continue
		}
		for j < limit && spaced(j) {
			r, _ := utf8.DecodeRuneInString(v.s[v.ts[j].Start:])
			if !units.IsUpper(r) || allCaps(v.s[v.ts[j].Start:v.ts[j].End]) {
				break
			}
			j++
		}
		if j > p {
			m.End = v.ts[j-1].End
			if own == "" || units.Normalize(v.s[v.ts[p].Start:m.End]) != own {
				m.Unit, m.Generic = nil, true // another place's unit
			}
		}
		m.Written = v.s[m.Start:m.End]
	}
	v.pluralNamed(dir)
	v.pluralLower()
	v.pluralBodies()
}

// familyNames are the commonest Vietnamese family names, folded: a person's
// name after "UBND tỉnh" opens with one, a province's never does unless it is
// on the provinces' list.
var familyNames = map[string]bool{"nguyen": true, "tran": true, "le": true, "pham": true, "hoang": true, "huynh": true,
	"phan": true, "vu": true, "vo": true, "dang": true, "bui": true, "do": true, "ho": true, "ngo": true, "duong": true,
	"ly": true, "dao": true, "doan": true, "vuong": true, "trinh": true, "truong": true, "lam": true, "phung": true,
	"mai": true, "to": true, "ha": true, "cao": true, "luu": true, "dinh": true, "lai": true, "chau": true, "thai": true,
	"ta": true, "tang": true, "quach": true, "luong": true, "kieu": true, "trieu": true, "la": true, "giang": true}

// knownName: the directory or the standard names know name, whole.
func knownName(dir *units.Directory, name string) bool {
	if _, ok := dir.Lookup(name); ok {
		return true
	}
	ms := dir.Mentions(name)
	return len(ms) == 1 && ms[0].Start == 0 && ms[0].End == len(name)
}

// pluralLower: "các cục thuế", "các sở giáo dục": a department's name in lower
// case after "các" is every such department, not the directory's own.
func (v *sentenceView) pluralLower() {
	for k := range v.ms {
		m := &v.ms[k]
		if m.Unit == nil || m.Start < 4 || !strings.HasSuffix(v.s[:m.Start], "các ") || startsUpper(m.Written) {
			continue
		}
		m.Start -= len("các ")
		m.Written = v.s[m.Start:m.End]
		m.Unit, m.Collective, m.Group, m.Members, m.Generic = nil, true, m.Written, nil, false
	}
}

// pluralBodies: a body's name followed by a collective of places ("BHXH" +
// "các tỉnh, thành phố", "Trung tâm Y tế" + "các huyện, thị xã") names that
// body in each of them: one group, named as written, not the directory's own
// unit plus a co-lead.
func (v *sentenceView) pluralBodies() {
	for k := range v.ms {
		m := &v.ms[k]
		if m.Collective && !(m.Members == nil && m.Group == m.Written) || !strings.HasPrefix(v.s[m.End:], " các ") {
			continue // (a plural department, "các Sở VHTTDL", may take places too)
		}
		loc := rePlaces.FindStringSubmatchIndex(v.s[m.End:])
		if loc == nil || k+1 < len(v.ms) && v.ms[k+1].Start < m.End+loc[3] && !v.ms[k+1].Collective {
			continue
		}
		end := m.End + loc[3]
		m.End, m.Written = end, v.s[m.Start:end]
		m.Unit, m.Generic, m.Collective, m.Group, m.Members = nil, false, true, m.Written, nil
		for k+1 < len(v.ms) && v.ms[k+1].Start < end {
			v.ms = append(v.ms[:k+1], v.ms[k+2:]...) // a collective inside the name
		}
	}
}

// pluralNamed: "các Sở Giáo dục và Đào tạo": a group head followed by one
// department's name, no list after it, is that department in every province:
// one group, named as written ("các Sở Tài chính, Xây dựng" is a list: headList).
func (v *sentenceView) pluralNamed(dir *units.Directory) {
	for k := range v.ms {
		m := &v.ms[k]
		if !m.Collective || len(strings.Fields(m.Written)) != 2 || !strings.EqualFold(strings.Fields(m.Written)[0], "các") {
			continue
		}
		j := 0
		for j < len(v.ts) && v.ts[j].Start < m.End {
			j++
		}
		if j == len(v.ts) || v.s[m.End:v.ts[j].Start] != " " || k+1 < len(v.ms) && v.ms[k+1].Start <= v.ts[j].Start {
			continue
		}
		if !v.upper[j] {
			// "Các sở giáo dục và đào tạo kiện toàn …": a department's name in
			// lower case, as news pages write it: the longest one the directory
			// or the standard names know
			head := strings.Fields(m.Written)[1]
			best := -1
			for e := j; e < len(v.ts) && e <= j+7 && strings.TrimSpace(v.s[v.ts[e-1].End:v.ts[e].Start]) == ""; e++ {
				if v.actionAt(e) {
					break
				}
				if knownName(dir, head+" "+v.s[v.ts[j].Start:v.ts[e].End]) {
					best = e
				}
			}
			if best >= 0 {
				m.End = v.ts[best].End
				m.Written = v.s[m.Start:m.End]
				m.Group, m.Members = m.Written, nil
			}
			continue
		}
		last := j // the name: a capitalised word, then words up to a verb, "và" only before a capital
		for e := j + 1; e < len(v.ts) && e <= j+8 && strings.Trim(v.s[v.ts[e-1].End:v.ts[e].Start], " -–") == ""; e++ {
			if k+1 < len(v.ms) && v.ms[k+1].Start <= v.ts[e].Start || v.actionAt(e) {
				break
			}
			if v.w[e] == "&" || strings.Trim(v.s[v.ts[e-1].End:v.ts[e].Start], " ") != "" && !v.upper[e] {
				if v.w[e] == "&" && e+1 < len(v.ts) && v.upper[e+1] {
					continue // "LĐ-TB&XH"
				}
				if v.w[e] != "&" {
					break
				}
			}
			if v.w[e] == "va" {
				if e+1 < len(v.ts) && v.upper[e+1] {
					continue
				}
				break
			}
			if v.upper[e] || v.upper[e-1] && !linkWords[v.w[e]] {
				last = e // a capitalised word, or its second syllable ("Giáo dục")
				continue
			}
			break
		}
		end := v.ts[last].End
		if rest := v.s[end:]; strings.HasPrefix(rest, ",") && nextIsUpper(strings.TrimLeft(rest, ", ")) {
			continue // a list of names under one head
		}
		if head, body := strings.Fields(m.Written)[1], v.s[v.ts[j].Start:end]; strings.Contains(body, " và ") {
			a, b, _ := strings.Cut(body, " và ")
			_, okA := dir.Lookup(head + " " + a)
			_, okB := dir.Lookup(head + " " + b)
			if okA && okB {
				continue // "các Sở Tài chính và Xây dựng": two departments (headList)
			}
		}
		for _, tail := range []string{" trên cả nước", " trên toàn quốc"} {
			if strings.HasPrefix(v.s[end:], tail) {
				end += len(tail) // "các Sở LĐ-TB&XH trên cả nước"
				break
			}
		}
		m.End, m.Written = end, v.s[m.Start:end]
		m.Group, m.Members = m.Written, nil
	}
}

// linkWords join a name to what follows; they are no syllable of it.
var linkWords = map[string]bool{"cac": true, "cua": true, "tai": true, "tren": true, "o": true, "thuoc": true, "voi": true}

// rePlaces: " các" and levels of places ("các tỉnh, thành phố", "các quận,
// huyện và thị xã"), ended by a non-letter.
var rePlaces = lazyre.New(`^( các (?:tỉnh|huyện|xã|phường|quận|thị xã|thị trấn|thành phố|địa phương)(?:(?:,\s*|\s+và\s+)(?:tỉnh|huyện|xã|phường|quận|thị xã|thị trấn|thành phố|TP))*(?:\s+trực thuộc [Tt]rung ương)?(?:\s+(?:nêu trên|nói trên))?)(?:[^\p{L}\p{N}]|$)`)

// dotsOnly: the tokens a..b-1 are separated by spaces or dots only ("TP.HCM").
func dotsOnly(v *sentenceView, a, b int) bool {
	for j := a + 1; j < b; j++ {
		if strings.Trim(v.s[v.ts[j-1].End:v.ts[j].Start], " .") != "" {
			return false
		}
	}
	return true
}

// longerBody: the token that ends a longer name than the directory's unit m
// (its last token at last), or 0: m's unit is named with a level ("… tỉnh"),
// m matched without it, and up to seven lower-case words that are neither a
// verb nor a link ("và", "các", "của" …) lead to a level word.
func (v *sentenceView) longerBody(dir *units.Directory, m *units.Mention, last, limit int) int {
	if m.Unit == nil {
		return 0
	}
	// units.Normalize of the unit's name, found once by the directory; the
	// name as written is normalised only when the unit's ends in "tỉnh"
	if !strings.HasSuffix(dir.NameKey(m.Unit.Name), " tinh") || strings.HasSuffix(units.Normalize(m.Written), " tinh") {
		return 0
	}
	for j := last + 1; j < limit && j <= last+8; j++ {
		if strings.TrimSpace(v.s[v.ts[j-1].End:v.ts[j].Start]) != "" || v.upper[j] {
			return 0 // (limit is the next mention's first token)
		}
		if v.w[j] == "tinh" {
			if j == last+1 {
				return 0 // "… xây dựng tỉnh": the directory's own name
			}
			return j
		}
		switch v.w[j] {
		case "va":
			if j+1 < limit && (matchAt(v.raw, j+1, nameHeads) > 0 || matchAt(v.raw, j+1, collectiveHeads) > 0) {
				return 0 // "… và công an tỉnh": another unit
			}
			continue // "dân dụng và công nghiệp"
		case "voi", "cac", "cua", "tren", "tai", "thuoc", "trong", "de", "ve", "cho":
			return 0
		}
		if matchAt(v.w, j, actionPhrases) > 0 && v.actionAt(j) {
			return 0
		}
	}
	return 0
}

// reCollTail is a collective's tail (group 1), ended by a non-letter: Go's \b
// knows only ASCII letters, so "đơn vị" would never end at one.
// groupWords: the words open a group of their own ("các sở, ngành tỉnh", "đơn
// vị cấp tỉnh"), not the rest of a name.
func groupWords(s string) bool {
	f := strings.Fields(strings.ToLower(s))
	if len(f) == 0 {
		return true
	}
	return f[0] == "các" || f[0] == "và" || matchAt(f, 0, bareCollectives) > 0 || matchAt(f, 0, collectiveHeads) > 0
}

// reNameRunsOn: a comma, up to three words in lower case and a level ending the
// name (group 1).
var reNameRunsOn = lazyre.New(`^(,\s*\p{Ll}+(?:\s\p{Ll}+){0,2}\s(?:tỉnh|thành phố))(?:[^\p{L}\p{N}]|$)`)

// nameRunsOn is reNameRunsOn.FindStringSubmatchIndex(s), not run when s does
// not open with its comma (extendPlaces asks it after every unit name, and
// the regular expression was read over the rest of the sentence; issue 14).
func nameRunsOn(s string) []int {
	if s == "" || s[0] != ',' {
		return nil
	}
	return reNameRunsOn.FindStringSubmatchIndex(s)
}

// reSpaces are the bytes \s matches in a regular expression.
const reSpaces = "\t\n\f\r "

// collTailFirsts: each of reCollTail's tails opens with one of these, as
// written: after its comma ([0]), after its spaces ([1]).
var collTailFirsts = [2][]string{
	{"đơn vị", "địa phương", "đoàn thể", "cơ quan", "ngành", "hội", "cá nhân", "bệnh viện", "trường học", "doanh nghiệp", "lực lượng vũ trang", "thôn", "tổ dân phố", "khu phố", "ấp", "khóm", "các ",
		"huyện", "thị xã", "thành phố", "quận", "thị trấn", "xã", "phường"},
	{"chức năng", "chuyên môn", "cấp ", "của tỉnh", "thuộc ", "trong tỉnh", "trong toàn tỉnh", "sự nghiệp", "dự toán", "thành viên", "có ", "liên quan", "nêu trên", "nói trên", "biên giới", "ven biển", "vùng cao", "miền núi", "trực thuộc", "trường học",
		"đơn vị", "đoàn thể", "địa phương", "chủ ", "trên địa bàn"},
}

// collTail is reCollTail.FindStringSubmatchIndex(s), not run when s opens
// with none of its tails (collTailFirsts): collectiveSuffix asks it after
// every collective name, and the regular expression was read over the rest
// of the sentence (issue 14). TestCollTailIsRegexp and FuzzCollTail check
// that it finds what the expression finds.
func collTail(s string) []int {
	var tail string
	var firsts []string
	switch {
	case s == "":
		return nil
	case s[0] == ',':
		tail, firsts = strings.TrimLeft(s[1:], reSpaces), collTailFirsts[0]
	case strings.IndexByte(reSpaces, s[0]) >= 0:
		tail, firsts = strings.TrimLeft(s, reSpaces), collTailFirsts[1]
	default:
		return nil
	}
	for _, f := range firsts {
		if strings.HasPrefix(tail, f) {
			return reCollTail.FindStringSubmatchIndex(s)
		}
	}
	return nil
}

// pairedLevel is the length of " " + a level (levelWord: one word or two) at
// the start of s ("quận huyện": " huyện"), 0 if none.
func pairedLevel(s string) int {
	if !strings.HasPrefix(s, " ") {
		return 0
	}
	end := 1
	for words := 0; words < 2; words++ {
		for end < len(s) && s[end] != ' ' && s[end] != ',' && s[end] != ';' && s[end] != '.' {
			end++
		}
		if levelWord(s[1:end]) {
			return end
		}
		if end >= len(s) || s[end] != ' ' {
			return 0
		}
		end++ // "thị xã", "thành phố", "thị trấn": a level of two words
	}
	return 0
}

// levelWord: s is a level of places ("huyện", "thị xã" …).
func levelWord(s string) bool {
	switch s {
	case "huyện", "thị xã", "thành phố", "quận", "thị trấn", "xã", "phường":
		return true
	}
	return false
}

// placeNamed: s opens with a space and a capitalised word (a place's name
// after its level).
// properEnd: where the capitalised words from s[at:] (" Huế", " Cao Lãnh")
// end, up to three, each after one space.
func properEnd(s string, at int) int {
	end := at
	for n := 0; n < 3 && end+1 < len(s) && s[end] == ' '; n++ {
		r, _ := utf8.DecodeRuneInString(s[end+1:])
		if !units.IsUpper(r) {
			break
		}
		k := end + 1
		for k < len(s) {
			r, size := utf8.DecodeRuneInString(s[k:])
			if !unicode.IsLetter(r) {
				break
			}
			k += size
		}
		end = k
	}
	return end
}

func placeNamed(s string) bool {
	if len(s) < 2 || s[0] != ' ' {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[1:])
	return units.IsUpper(r)
}

// regionNumber: a region's number, in digits or Roman numerals ("XX", "12").
func regionNumber(w string) bool {
	if w == "" {
		return false
	}
	for _, r := range w {
		if !(r >= '0' && r <= '9' || strings.ContainsRune("IVXL", r)) {
			return false
		}
	}
	return true
}

// levelFirst: a name that starts with its level ("Tỉnh đoàn", "Thành ủy",
// "Huyện ủy"): the place's name may follow it ("Tỉnh đoàn Tuyên Quang").
//
// It reads the first two of strings.Fields(name) without making them all
// (extendPlaces asks it of every unit name; issue 14), and lowers the first
// only when it is one of the levels' length.
func levelFirst(name string) bool {
	name = strings.TrimLeftFunc(name, unicode.IsSpace)
	end := strings.IndexFunc(name, unicode.IsSpace)
	if end < 0 || strings.TrimLeftFunc(name[end:], unicode.IsSpace) == "" {
		return false // fewer than two words
	}
	first := name[:end]
	if len(first) > len("huyện") {
		return false // none of the levels, in any case: only their own capitals lower to their letters, at the same length
	}
	switch strings.ToLower(first) {
	case "tỉnh", "thành", "huyện", "quận", "thị":
		return first != strings.ToLower(first) // written as a name, capitalised
	}
	return false
}

var reCollTail = lazyre.New(`^((?:,\s*(?:đơn vị|địa phương|đoàn thể|cơ quan|ngành|hội|cá nhân|bệnh viện|trường học|doanh nghiệp|lực lượng vũ trang|thôn|tổ dân phố|khu phố|ấp|khóm|các ngành|các cấp|các địa phương|huyện|thị xã|thành phố|quận|thị trấn|xã|phường)|\s+(?:chức năng|chuyên môn|cấp tỉnh|của tỉnh|thuộc tỉnh|trong tỉnh|trong toàn tỉnh|thuộc thành phố|sự nghiệp công lập|sự nghiệp|dự toán|thành viên|cấp huyện|có liên quan|liên quan|nêu trên|nói trên|biên giới|ven biển|có rừng|vùng cao|miền núi|trực thuộc|trường học|đơn vị|đoàn thể|địa phương|chủ rừng|chủ đầu tư|chủ dự án|chủ hồ chứa|thuộc (?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân) (?:tỉnh|thành phố|huyện)|trên địa bàn(?: tỉnh| huyện| thành phố| thị xã| xã| phường)?(?: này)?)))(?:[^\p{L}\p{N}]|$)`)

// reLevelTail: a further level of a collective of People's Committees ("UBND
// các quận, huyện" + ", thị xã"; "UBND các xã" + " và thị trấn").
var reLevelTail = lazyre.New(`^((?:,\s*|\s+và\s+)(?:quận|huyện|thị xã|thành phố|thị trấn|xã|phường|đặc khu))(?:[^\p{L}\p{N}]|$)`)

// collectiveSuffix: "các sở, ban, ngành Thành phố": a collective name followed
// by its level ("tỉnh", "thành phố") before a separator keeps it.
func (v *sentenceView) collectiveSuffix(m *units.Mention, own string) {
	// "các sở, ban, ngành, đơn vị cấp tỉnh", "các sở, ngành, địa phương", "các sở,
	// ban, ngành của tỉnh": the group's tail belongs to its name.
	for {
		loc := collTail(v.s[m.End:])
		if loc == nil && strings.HasPrefix(m.Group, "UBND") {
			loc = reLevelTail.FindStringSubmatchIndex(v.s[m.End:])
		}
		if loc == nil {
			break
		}
		tail := v.s[m.End : m.End+loc[3]]
		if tail[0] == ',' && placeNamed(v.s[m.End+loc[3]:]) && levelWord(strings.TrimLeft(tail[1:], reSpaces)) {
			break // "các sở, ngành, huyện Tháp Mười": one district, no level of the group
		}
		if tail[0] == ',' && levelWord(strings.TrimLeft(tail[1:], reSpaces)) {
			// "các sở ngành, quận huyện", "…, xã phường": levels written in
			// pairs without a comma
			for rest := v.s[m.End+loc[3]:]; ; {
				n := pairedLevel(rest)
				if n == 0 {
					break
				}
				loc[3] += n
				rest = rest[n:]
			}
			tail = v.s[m.End : m.End+loc[3]]
		}
		m.Group = strings.TrimSpace(m.Group + tail)
		m.End += loc[3]
		m.Written = v.s[m.Start:m.End]
		if strings.HasSuffix(tail, "liên quan") || strings.HasSuffix(tail, "sự nghiệp") || strings.HasSuffix(tail, "công lập") || strings.HasSuffix(tail, "dự toán") || strings.HasSuffix(tail, "thành viên") ||
			strings.HasSuffix(tail, "chức năng") || strings.HasSuffix(tail, "chuyên môn") {
			// "các cơ quan, đơn vị, địa phương liên quan": the ones concerned,
			// not every member: a person names them, the rules do not guess;
			// "… đơn vị sự nghiệp công lập", "… đơn vị dự toán": a kind of
			// them, which the directory does not tell ("các sở, ngành chức
			// năng", the competent ones, "… chuyên môn")
			m.Members = nil
		}
		if t := strings.TrimSpace(tail); !strings.HasPrefix(m.Group, "UBND") && (strings.HasSuffix(t, "huyện") || strings.HasSuffix(t, "thành phố") && strings.HasPrefix(t, "thuộc")) {
			// "các cơ quan, đơn vị thuộc UBND huyện", "… cấp huyện": a
			// district's bodies, which the province's directory does not hold:
			// never the province's members
			m.Members = nil
		}
	}
	if strings.HasPrefix(m.Group, "UBND") && (strings.HasSuffix(m.Written, "thành phố") || strings.HasSuffix(m.Written, "thị xã")) && placeNamed(v.s[m.End:]) {
		// "UBND các huyện, thị xã, thành phố Huế": the last level is one
		// place, named: it ends the group's name, and the rules do not guess
		// which members that leaves
		if e := properEnd(v.s, m.End); e > m.End {
			if units.Normalize(v.s[m.End:e]) != own {
				m.Members = nil // (the province's own name: its districts and cities, all of them)
			}
			m.Group += v.s[m.End:e]
			m.End = e
			m.Written = v.s[m.Start:m.End]
		}
	}
	rest := v.s[m.End:]
	if restrictive(rest) {
		// "UBND các xã, phường có nguy cơ sạt lở": some of the group, which
		// the rules cannot tell: a person names them, the group is not expanded
		m.Members = nil
		// "… thành phố có rừng triển khai …": a short restriction right before
		// the task's verb belongs to the name
		ts := units.Tokenize(rest[:cutAt(rest, 80)])
		w := words(ts)
		if len(w) > 2 && w[0] == "co" {
			for k := 2; k <= 3 && k < len(w); k++ {
				if matchAt(w, k, actionPhrases) > 0 {
					m.End += ts[k-1].End
					m.Written = v.s[m.Start:m.End]
					break
				}
			}
		}
	}
	for _, lv := range []string{" tỉnh", " Tỉnh", " thành phố", " Thành phố"} {
		if strings.HasPrefix(rest, lv) {
			after := strings.TrimLeft(rest[len(lv):], " ")
			if after == "" || strings.ContainsAny(after[:1], ",;.:") || strings.HasPrefix(after, "và ") {
				m.End += len(lv)
				m.Group = strings.TrimSpace(m.Group + lv)
				m.Written = v.s[m.Start:m.End]
			}
			return
		}
	}
}

// restrictive: the words after a group narrow it to some of its members: "có
// nguy cơ …", "bị ảnh hưởng …", "nằm trong …", "thuộc diện …" (not "có trách
// nhiệm", "có ý kiến", which say what the whole group does).
func restrictive(rest string) bool {
	f, n := firstFields(rest) // strings.Fields(rest)'s first two: only they are read
	if n < 2 {
		return false
	}
	switch strings.ToLower(f[0]) {
	case "bị", "nằm", "nơi":
		return true
	case "thuộc":
		return strings.ToLower(f[1]) == "diện" || strings.ToLower(f[1]) == "vùng"
	case "có":
		switch strings.ToLower(f[1]) {
		case "trách", "nhiệm", "ý", "văn", "báo", "kế", "liên":
			return false
		}
		return true
	}
	return false
}

// headAt is the length in words of a unit-name head at token i (0: none): a
// capitalised head ("Sở", "Ban Quản lý", "UBND"), or "các" and a group word.
// regionBo: "bộ" after "Bắc", "Trung" or "Nam" in capitals ends a region's
// name ("Bắc Trung bộ", "Nam bộ"), written in lower case by news pages: not
// the head "bộ" (a ministry), and not a word after a proper noun.
func regionBo(v *sentenceView, i int) bool {
	return v.raw[i] == "bộ" && i > 0 && v.upper[i-1] && (v.raw[i-1] == "bắc" || v.raw[i-1] == "trung" || v.raw[i-1] == "nam")
}

func (v *sentenceView) headAt(i int) int {
	if i >= len(v.raw) {
		return 0
	}
	if regionBo(v, i) {
		return 0 // "các tỉnh Bắc Trung bộ và Bắc bộ", "Nam bộ": a region, no ministry
	}
	if countWord(v.raw[i]) && i+1 < len(v.raw) {
		// "4 bộ, ngành", "03 đơn vị" (not "06 trường hợp")
		if n := matchAt(v.raw, i+1, countedHeads); n > 0 && !(i+1+n < len(v.raw) && notNames[v.raw[i+n]+" "+v.raw[i+1+n]]) {
			return 1 + n
		}
		return 0
	}
	if v.raw[i] == "cấp" && (v.upper[i] || i == 0) && i+1 < len(v.raw) && (v.raw[i+1] == "tỉnh" || v.raw[i+1] == "huyện" || v.raw[i+1] == "xã" ||
		v.raw[i+1] == "phường" || v.raw[i+1] == "quận" || i+2 < len(v.raw) && (v.raw[i+1] == "thành" && v.raw[i+2] == "phố" || v.raw[i+1] == "thị" && v.raw[i+2] == "xã")) {
		// "- Cấp huyện hoàn thành và báo cáo …", "…; cấp quận, huyện phải
		// hoàn thành …": a level of government as the subject
		n := 2
		if v.raw[i+1] == "thành" || v.raw[i+1] == "thị" {
			n = 3
		}
		if i+n >= len(v.raw) || !v.upper[i+n] {
			return n
		}
	}
	if (v.raw[i] == "cấp" || v.raw[i] == "bậc") && (v.upper[i] || i > 0 && v.raw[i-1] == "các") && i+1 < len(v.raw) {
		// "Cấp THPT hoàn thành tuyển sinh …", "Bậc tiểu học xét …": a level of
		// schooling, the schools of that level, as the subject
		if n := matchAt(v.raw, i+1, schoolLevels); n > 0 {
			return 1 + n
		}
	}
	if v.raw[i] == "quý" && i+1 < len(v.raw) {
		// "đề nghị quý cơ quan …", "Quý Doanh nghiệp": the courtesy word is part
		// of how the letter names its addressee
		if n := matchAt(v.raw, i+1, collectiveHeads); n > 0 {
			return 1 + n
		}
		if n := matchAt(v.raw, i+1, bareCollectives); n > 0 {
			return 1 + n
		}
		return 0
	}
	if v.raw[i] == "các" || v.raw[i] == "toàn thể" || v.raw[i] == "mỗi" {
		if i+2 < len(v.raw) && v.raw[i+1] == "quý" { // "các quý cơ quan"
			if n := matchAt(v.raw, i+2, collectiveHeads); n > 0 {
				return 2 + n
			}
		}
		if n := matchAt(v.raw, i+1, collectiveHeads); n > 0 && !(i+1+n < len(v.raw) && notNames[v.raw[i+n]+" "+v.raw[i+1+n]]) {
			return 1 + n // (not "các trường hợp")
		}
		if n := matchAt(v.raw, i+1, nameHeads); n > 0 && !(i+1+n < len(v.raw) && notNames[v.raw[i+n]+" "+v.raw[i+1+n]]) {
			return 1 + n // (not "các báo cáo", "các hội nghị")
		}
		return 0
	}
	if !v.upper[i] && v.raw[i] != "ubnd" {
		if n := matchAt(v.raw, i, bareCollectives); n > 0 {
			return n // "Thủ trưởng cơ quan, đơn vị, địa phương …"
		}
		if n := matchAt(v.raw, i, lowerHeads); n > 0 {
			return n // "Giao ban cán sự đảng UBND tỉnh lãnh đạo …"
		}
		if (v.raw[i] == "ngành" || v.raw[i] == "ban" || v.raw[i] == "phòng") && i+1 < len(v.raw) && v.upper[i+1] && (v.raw[i] == "phòng" || !allCaps(v.s[v.ts[i+1].Start:v.ts[i+1].End])) {
			return 1 // "đề nghị ngành Nông nghiệp chỉ đạo …", "yêu cầu ban Dân tộc …", "phòng Kinh tế các huyện", "phòng TN&MT huyện": the head in lower case before its name
		}
		return 0
	}
	if v.s != "" && allCaps(v.s[v.ts[i].Start:v.ts[i].End]) && !acronyms[v.w[i]] {
		return 0 // a title in capitals ("TỔ CHỨC THỰC HIỆN")
	}
	if i+2 < len(v.raw) && (v.raw[i] == "thống" && v.raw[i+1] == "kê" || v.raw[i] == "hải" && v.raw[i+1] == "quan") {
		switch v.raw[i+2] {
		case "tỉnh", "thành", "khu", "cơ":
			// "Thống kê tỉnh Long An", "Hải quan khu vực XV": the offices
			// renamed in 2025 without "Cục" (not "Thống kê số liệu …", a verb)
			return 2
		}
	}
	if v.raw[i] == "vụ" && i+1 < len(v.raw) && v.upper[i+1] && !notVu[v.raw[i+1]] {
		return 1 // "Vụ Dân tộc thiểu số", "Vụ Tổ chức cán bộ": a ministry's department (not "Vụ việc")
	}
	n := matchAt(v.raw, i, nameHeads)
	if n == 0 {
		n = matchAt(v.raw, i, bareCollectives) // "Quý Cơ quan, đơn vị …"
	}
	if n > 0 && n+i < len(v.raw) && notNames[v.raw[i+n-1]+" "+v.raw[i+n]] {
		return 0
	}
	if n == 2 && v.raw[i] == "thường" && (i+n >= len(v.raw) || !v.upper[i+n]) {
		return 0 // "Thường trực Ban Chỉ đạo …" is a unit; "Thường trực" alone is a role
	}
	return n
}

// notIs: words before "là" that make it no verb: "nhất là" (above all), "đặc
// biệt là", "tức là", "hoặc là", "hay là".
var notIs = map[string]bool{"nhất": true, "biệt": true, "tức": true, "hoặc": true, "hay": true}

// notVu: words after a capitalised "Vụ" that name no ministry's department: a
// crop season ("Vụ Xuân", "Vụ Đông Xuân", "Vụ Hè Thu", "Vụ Mùa"), a district
// ("Vụ Bản").
var notVu = map[string]bool{"xuân": true, "đông": true, "hè": true, "thu": true, "mùa": true, "chiêm": true, "bản": true}

// countedHeads are the groups a number counts as assignees.
var countedHeads = splitPhrases(`bộ|ngành|sở|đơn vị|cơ quan|địa phương|huyện|xã|phường|tỉnh|quận|thị xã|thành phố|trường|doanh nghiệp|tổng công ty|tập đoàn|công ty|bệnh viện|trung tâm`)

// countWord: a number counting the units that follow ("4 bộ, ngành", "03 đơn vị").
func countWord(w string) bool {
	switch w {
	case "hai", "ba", "bốn", "sáu", "bảy", "tám", "chín", "mười":
		return true // "hai huyện", "ba tỉnh" ("năm" is also the year, "một" a single one)
	}
	if w == "" || len(w) > 3 {
		return false
	}
	for _, r := range w {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// lowerHeads are heads of party bodies, written in lower case as often as not.
var lowerHeads = splitPhrases(`ban cán sự đảng|đảng đoàn|ban thường vụ`)

// bareCollectives are group names without "các".
var bareCollectives = splitPhrases(`cơ quan|đơn vị|địa phương|sở, ban, ngành|sở, ngành|ban quản lý|chính quyền`)

// acronyms are heads written in capitals.
var acronyms = map[string]bool{"ubnd": true, "bch": true, "vks": true, "hdnd": true, "ubmttq": true, "ubmttqvn": true,
	"bql": true, "bcd": true, "nhnn": true, "kbnn": true, "bhxh": true}

// notNames: a head word followed by this word is an ordinary word ("Báo cáo", "Trường hợp").
var notNames = map[string]bool{"báo cáo": true, "ban hành": true, "hội nghị": true, "hội thảo": true, "trường hợp": true,
	"phòng chống": true, "phòng ngừa": true, "quỹ đất": true, "tổ chức": true, "đoàn kết": true, "cục bộ": true,
	"hội đủ": true, "bộ máy": true, "bộ phận": true, "bộ hồ": true, "bộ tiêu": true, "bộ chỉ": false, "đội ngũ": true,
	"phòng tránh": true, "trạm bơm": false, "sở hữu": true, "sở tại": true, "ban đầu": true, "ban ngày": true,
	"đài thọ": true, "cục diện": true, "quỹ thời": true, "trung tâm hành": false}

// capitalised: token j is capitalised inside a name (not at the sentence's start).
func (v *sentenceView) capitalised(j int) bool {
	return j > 0 && v.upper[j] && !allCaps(v.s[v.ts[j].Start:v.ts[j].End])
}

func allCaps(s string) bool {
	n := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		n++
	}
	return n > 1
}

// stopFrom is the first token at or after i that starts an action and is not
// inside a unit name; len(ts) when none. Inside a name the grammar builds
// (after a head), a capitalised word or a word in parentheses never stops it,
// and a verb that also occurs in names ("xây dựng", "quản lý") stops it only
// after a word that ends names.
//
// A view keeps what stopFrom gave for each i, as names does for a span: the
// rules ask it again for the same word (issue 14: speed).
func (v *sentenceView) stopFrom(i int) int {
	for _, m := range v.stops {
		if m[0] == i {
			return m[1]
		}
	}
	end := v.stopFromUncached(i)
	v.stops = append(v.stops, [2]int{i, end})
	return end
}

func (v *sentenceView) stopFromUncached(i int) int {
	inName, body, list, headStart := false, 0, false, 0
	if i+1 < len(v.raw) && v.raw[i] == "các" {
		if hn := matchAt(v.raw, i+1, listHeads); hn > 0 && (v.upper[i+1] || i+1+hn < len(v.raw) && v.upper[i+1+hn]) {
			list = true // "các Sở Tài chính, Xây dựng …", "các sở Xây dựng, Tài chính …": the capitalised items are names
		}
	}
	for j := i; j < len(v.w); j++ {
		if j > i && strings.Contains(v.s[v.ts[j-1].End:v.ts[j].Start], ":") && (j-i <= 4 && (v.raw[i] == "các" || j >= 2 && v.raw[j-2] == "các") ||
			j >= 3 && v.raw[j-2] == "các" && matchAt(v.raw, j-1, listHeads) == 1 && strings.Contains(v.s[v.ts[j-3].End:v.ts[j-2].Start], ";")) {
			list = true // "các Sở: Tài chính, Xây dựng …", "UBND các xã; các sở: Xây dựng, …": the items after the colon are names
		}
		if j > i && !list && (v.inMen[j-1] >= 0 && v.ms[v.inMen[j-1]].Unit != nil && v.inMen[j] != v.inMen[j-1] || inName && v.inMen[j] < 0 && v.actionAt(j)) &&
			strings.Contains(v.s[v.ts[j-1].End:v.ts[j].Start], ":") {
			return j // "giao Giám đốc Sở Y tế: Phê duyệt …", "Chủ tịch UBND 36 phường, xã: Khẩn trương …": the colon ends the name
		}
		if v.inMen[j] >= 0 || v.paren[j] {
			inName = v.inMen[j] >= 0 && v.ms[v.inMen[j]].Unit == nil && !v.ms[v.inMen[j]].Collective && v.ms[v.inMen[j]].Generic
			continue
		}
		if j > i && (v.raw[j] == "được" || v.raw[j] == "đã") && givenBy(v, j) {
			return j // "Sở X được Ủy ban nhân dân tỉnh giao chủ trì …": the authority is no second subject
		}
		if j > i && v.raw[j] == "được" && j+1 < len(v.w) {
			if n := matchAt(v.w, j+1, assignedTo); n > 0 && matchAt(v.w, j+1+n, dutyModals) > 0 {
				j += n
				continue // "các đơn vị và phòng ban được phân công phải cập nhật …": those assigned, a restriction of the name
			}
		}
		if j > i && v.raw[j] == "được" && j+1 < len(v.w) && matchAt(v.w, j+1, directing) > 0 {
			return j // "Các đơn vị được chỉ đạo làm việc …", "UBND các tỉnh được đề nghị chuẩn bị …": directed, the subject ends
		}
		if n := v.headAt(j); n > 0 {
			if j > i && inName && v.upper[j] && (v.raw[j] == v.raw[headStart] || v.raw[j] == "các") && strings.Contains(v.s[v.ts[j-1].End:v.ts[j].Start], " - ") {
				return j // "Phòng GD&ĐT huyện, thành phố - Phòng GD&ĐT huyện chỉ đạo …": a dash then the same head, or a group, opens the next item of flattened text ("Cục X - Tổng cục Hải quan" is one name)
			}
			if v.raw[j] == "quý" && j+n < len(v.w) && !v.upper[j+n] && v.inMen[j+n] < 0 && v.headAt(j+n) == 0 &&
				strings.TrimSpace(v.s[v.ts[j+n-1].End:v.ts[j+n].Start]) == "" {
				return j + n // "đề nghị Quý Cơ quan điền …": the courtesy name is whole, what follows is the predicate
			}
			headStart = j
			j += n - 1
			inName, body = true, j+1
			continue
		}
		if j > i && (inName || list) && v.upper[j] && strings.ContainsAny(v.s[v.ts[j-1].End:v.ts[j].Start], "-–") &&
			matchAt(v.w, j, actionPhrases) > 0 && matchAt(v.w, j, weakActions) == 0 {
			return j // "… các xã, phường - Tiếp tục triển khai …": a flattened item's dash, then its verb ("Sở Lao động - Thương binh và Xã hội" goes on)
		}
		if (inName || list) && v.capitalised(j) {
			continue
		}
		if j > i+1 && regionBo(v, j-1) && !v.upper[j] && v.w[j] != "va" && v.raw[j] != "với" && v.inMen[j] < 0 {
			return j // "UBND các tỉnh Bắc Trung bộ và Bắc bộ trong hai ngày tới …": the region ends the name
		}
		if inName && v.raw[j] == "đến" && j+1 < len(v.raw) && v.upper[j+1] && placeRangeFrom(v, i, j) {
			continue // "UBND các tỉnh, thành phố ven biển từ Quảng Ninh đến Bình Thuận": a range of places names the group
		}
		if inName && j-2 >= body && v.capitalised(j-1) && v.capitalised(j-2) && v.inMen[j-1] < 0 && !nameEnders[v.w[j]] &&
			v.w[j] != "va" && v.raw[j] != "với" && !regionBo(v, j) {
			return j // a proper noun ("Lập Thạch") ended the name; what follows is the predicate
		}
		if inName && j+1 < len(v.w) && (v.w[j] == "neu" || v.w[j] == "noi") && v.w[j+1] == "tren" {
			j++ // "4 bộ, ngành nêu trên": the name points back, and goes on
			continue
		}
		if inName && (v.raw[j] == "thì" || v.raw[j] == "bằng" && v.raw[j-1] != "đồng" || v.raw[j] == "giao" && j > body && !v.upper[j] && v.raw[j-1] != "ngoại" &&
			(j+1 >= len(v.raw) || v.raw[j+1] != "thông" && v.raw[j+1] != "dịch" && v.raw[j+1] != "lưu")) {
			return j // "Ban tổ chức thì …", "… bằng mọi biện pháp" (not "Đồng bằng"), "UBND cấp tỉnh giao …": no word of a name
		}
		if j > i && inName && j+1 < len(v.raw) && dayTimes[v.raw[j]] && v.raw[j+1] != "" && v.raw[j+1][0] >= '0' && v.raw[j+1][0] <= '9' {
			return j // "… gửi đến các đơn vị giáo dục trên địa bàn TP chiều 12-10 về …": a day ends the name
		}
		if j > i && (v.raw[j] == "để" || v.raw[j] == "nhằm") && !actionBetween(v, i, j) {
			return j // "… đơn vị liên quan để chỉ đạo …": a purpose is no word of a name (but "Các bộ … xây dựng kế hoạch để …" has its verb)
		}
		if j > i && !inName && v.raw[j] == "cũng" {
			return j // "Các quận huyện và TP Thủ Đức cũng tham mưu …": "cũng" (also) is no word of a name, after "và" either
		}
		if j > i && v.raw[j] == "chỉ" && j+1 < len(v.w) && v.raw[j+1] != "đạo" && v.raw[j+1] != "huy" && matchAt(v.w, j+1, actionPhrases) > 0 {
			return j // "UBND xã chỉ xem xét …": "only", then the verb
		}
		if inName && j > i && v.raw[j] == "trực" && j+2 < len(v.raw) && v.raw[j+1] == "tiếp" && matchAt(v.w, j+2, actionPhrases) > 0 {
			return j // "… UBND các tỉnh, thành phố trực tiếp chỉ đạo …": "directly", then the verb
		}
		if j > i && (v.raw[j] == "mời" || v.raw[j] == "là" && !notIs[v.raw[j-1]]) {
			return j // "Đoàn giám sát mời đại diện …", "Các thành viên của Tổ công tác là Trưởng, Phó phòng …": a verb, no word of a name
		}
		if j > i && (v.raw[j] == "họp" || v.raw[j] == "dự" && j+1 < len(v.raw) && (v.raw[j+1] == "họp" || v.raw[j+1] == "lễ" || v.raw[j+1] == "hội")) {
			return j // "Giám đốc Sở dự họp …", "Ban Giám đốc Sở họp nghe báo cáo …": a meeting, no word of a name
		}
		if j > i && v.raw[j] == "bàn" && j+1 < len(v.raw) && v.raw[j+1] == "giao" {
			return j // "UBND các tỉnh bàn giao toàn bộ mặt bằng …"
		}
		if j > i && (v.raw[j] == "tặng" || v.raw[j] == "chú" && j+1 < len(v.raw) && v.raw[j+1] == "ý") {
			return j // "Bộ X tặng Bằng khen …", "Các đơn vị chú ý …" (as written: "tang" is also "tăng", "tầng")
		}
		if inName && (v.raw[j] == "chưa" || v.raw[j] == "cũng") {
			return j // "4 bộ, ngành chưa gửi báo cáo": what they have not done follows
		}
		if inName && v.raw[j] == "có" && j > i && j+2 < len(v.w) && (v.w[j+1] == "cong" && v.w[j+2] == "van" || v.w[j+1] == "van" && v.w[j+2] == "ban" || v.w[j+1] == "to" && v.w[j+2] == "trinh") {
			return j // "Bộ Tư pháp có Công văn số …": what it sent ("các xã có tên trên", "… có liên quan" stay names)
		}
		if inName && v.raw[j] == "tự" && j > 0 && v.w[j-1] != "trat" && j+1 < len(v.w) && !v.upper[j+1] && !selfNouns[v.w[j+1]] {
			return j // "Các đơn vị tự kiểm tra …", "Tổ công tác tự giải thể …": "tự" (self) opens the predicate
		}
		if inName && j+1 < len(v.w) && v.w[j] == "to" && v.w[j+1] == "chuc" && strings.Contains(v.s[v.ts[j-1].End:v.ts[j].Start], ",") {
			j++ // "các cơ quan, tổ chức …": in a list of bodies, "tổ chức" is one
			continue
		}
		if inName && j+2 < len(v.w) && v.w[j] == "thong" && v.w[j+1] == "bao" && v.w[j+2] == "cao" {
			continue // "Các trường trung học phổ thông báo cáo …": "thông" ends the name, "báo cáo" is the verb
		}
		if n := matchAt(v.w, j, actionPhrases); n > 0 && v.actionAt(j) {
			if inName && j > 0 && matchAt(v.w, j, weakActions) > 0 && !verbList(v, j, n) && !(j == body && v.raw[headStart] == "các" && headStart+1 < len(v.raw) && placeLevels[v.raw[headStart+1]]) &&
				!(v.raw[headStart] == "các" && headStart+1 < len(v.raw) && v.raw[headStart+1] == "chủ") && // ("Các chủ rừng tổ chức …": owners act)
				!(j == body && v.raw[headStart] == "các" && matchAt(v.w, j, groupActs) > 0) && // ("các đơn vị tổ chức trực …": a group acts)
				(j == body && v.raw[body-1] != "các" && v.upper[headStart] && !wholeHead(v.w[headStart:body]) && v.raw[headStart] != "quý" &&
					!(body-headStart == 1 && (v.raw[headStart] == "bộ" || v.raw[headStart] == "sở")) || // ("các đơn vị thuộc Bộ tổ chức …": a ministry's or department's name goes on in capitals)
					!v.upper[j-1] && !nameEnders[v.w[j-1]] && v.inMen[j-1] < 0 && !numbered(v.w[j-1]) && !(v.w[j] == "chi" && v.raw[j] == "chỉ") &&
						!(j >= 2 && v.w[j-2] == "truong" && v.w[j-1] == "hoc")) { // ("các trường học tổ chức tuyên truyền …": "trường học" is whole)
				// ("chỉ đạo" names a body right after its head, "Ban Chỉ đạo …", and
				// is the verb further on: "ngành Nông nghiệp chỉ đạo Chi cục …")
				// (right after the head, "Đoàn kiểm tra liên ngành", "Ban quản lý …",
				// the verb names the body; not after places: "Các huyện tổ chức di dời …")
				continue
			}
			return j
		}
		if v.w[j] == "va" || v.raw[j] == "với" {
			inName = false
		}
	}
	return len(v.w)
}

// skipTime: the token after a time said right after the trigger ("yêu cầu
// đến ngày 5-3 các địa phương phải …", "đề nghị trước ngày 20/5, Sở X …"),
// or i when none is.
func skipTime(v *sentenceView, i int) int {
	j := i
	switch {
	case j+1 < len(v.raw) && (v.raw[j] == "đến" || v.raw[j] == "trước") && v.raw[j+1] == "ngày":
		j += 2
	case j+2 < len(v.raw) && v.raw[j] == "chậm" && v.raw[j+1] == "nhất" && v.raw[j+2] == "ngày":
		j += 3
	default:
		return i
	}
	k := j
	for k < len(v.w) && (numbered(v.w[k]) || v.raw[k] == "tháng" || v.raw[k] == "năm") {
		k++
	}
	if k == j || k >= len(v.w) {
		return i
	}
	return k
}

// verbList: the action of n words at j is followed by a comma and another
// action ("Giao Ban Văn hóa – Thông tin kiểm tra, báo cáo …"): a list of verbs,
// the predicate, not a word of a name.
func verbList(v *sentenceView, j, n int) bool {
	k := j + n
	return k < len(v.w) && strings.TrimSpace(v.s[v.ts[k-1].End:v.ts[k].Start]) == "," && matchAt(v.w, k, actionPhrases) > 0 && matchAt(v.w, k, weakActions) == 0
}

// selfNouns follow "tự" inside a name, not in a predicate: "Tổ tự quản", "Bảo
// tàng Lịch sử tự nhiên", "Đội tự vệ", "tự do", "tự động" ("trật tự" is
// told by the word before).
var selfNouns = map[string]bool{"quan": true, "nhien": true, "do": true, "dong": true, "ve": true}

// templates: a name followed by "/" and another level is a form letter's blank
// ("UBND Tỉnh/Thành phố", "UBND huyện/thị xã"): whichever unit receives it,
// not the directory's unit of the first level. The name takes the words after
// the slash and stays as written.
func (v *sentenceView) templates() {
	for k := range v.ms {
		m := &v.ms[k]
		if m.End+1 >= len(v.s) || v.s[m.End] != '/' {
			continue
		}
		r, _ := utf8.DecodeRuneInString(v.s[m.End+1:])
		if !unicode.IsLetter(r) {
			continue
		}
		end := m.End + 1
		for n := 0; n < 2 && end < len(v.s); n++ {
			w := end
			for w < len(v.s) && v.s[w] != ' ' && v.s[w] != ',' && v.s[w] != ';' && v.s[w] != '.' && v.s[w] != ')' {
				w++
			}
			word := strings.ToLower(v.s[end:w])
			end = w
			if n == 0 && (word == "thành" || word == "thị") && end+1 < len(v.s) && v.s[end] == ' ' {
				end++ // "Thành phố", "thị xã": two words
				continue
			}
			break
		}
		if k+1 < len(v.ms) && end > v.ms[k+1].Start {
			continue
		}
		m.End, m.Written, m.Unit, m.Generic, m.Collective, m.Members = end, v.s[m.Start:end], nil, true, false, nil
	}
}

// reGovernmentWide: the addressees of a Government directive, by their heads'
// titles: "Bộ trưởng, Thủ trưởng cơ quan ngang bộ, cơ quan thuộc Chính phủ,
// Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương".
var reGovernmentWide = lazyre.New(`(?:(các) )?Bộ trưởng, Thủ trưởng ((?:các )?cơ quan ngang [Bb]ộ), (cơ quan (?:thuộc Chính phủ|Trung ương của các đoàn ?thể))(?:, Chủ tịch ((?:Ủy|Uỷ) ?ban nhân dân|UBND) (các tỉnh, thành phố(?: trực thuộc Trung ương)?))?`)

// governmentWide reads the Government's addressees named by their heads'
// titles as one group, the bodies without the titles ("các bộ, cơ quan ngang
// bộ, cơ quan thuộc Chính phủ, Ủy ban nhân dân các tỉnh, thành phố trực thuộc
// Trung ương"): the titles were skipped and the group cut to "cơ quan ngang
// bộ". Its members are not the province's units.
func (v *sentenceView) governmentWide() {
	if !strings.Contains(v.s, "Bộ trưởng, Thủ trưởng") {
		return
	}
	loc := reGovernmentWide.FindStringSubmatchIndex(v.s)
	if loc == nil {
		return
	}
	bo := "các bộ"
	if loc[2] >= 0 {
		bo = "các Bộ"
	}
	name := bo + ", " + v.s[loc[4]:loc[5]] + ", " + v.s[loc[6]:loc[7]]
	if loc[8] >= 0 {
		name += ", " + v.s[loc[8]:loc[9]] + " " + v.s[loc[10]:loc[11]]
	}
	m := units.Mention{Start: loc[0], End: loc[1], Written: name, Collective: true, Group: name}
	kept := v.ms[:0]
	at := -1
	for _, o := range v.ms {
		if o.End <= m.Start || o.Start >= m.End {
			if at < 0 && o.Start >= m.End {
				at = len(kept)
			}
			kept = append(kept, o)
		}
	}
	if at < 0 {
		at = len(kept)
	}
	v.ms = slices.Insert(kept, at, m)
}

// actionAt: an action phrase starts at token j, a one-word one that is also
// another word only with its diacritics ("cần", not "Cần Thơ"; "sẽ").
func (v *sentenceView) actionAt(j int) bool {
	if j > 0 && v.w[j] == "trinh" && v.w[j-1] == "cong" {
		return false // "công trình" is a noun
	}
	if j > 0 && v.w[j] == "giup" && v.w[j-1] == "tro" {
		return false // "Trung tâm trợ giúp pháp lý": legal aid, a noun
	}
	if j > 0 && v.w[j] == "lap" && (v.w[j-1] == "doc" || v.w[j-1] == "cong") {
		return false // "các nhóm lớp mầm non độc lập", "trường công lập": adjectives
	}
	if j+1 < len(v.w) && v.w[j] == "treo" && v.w[j+1] == "co" {
		return false // "… treo cờ Tổ quốc từ sáng ngày …": a holiday's flags are not tracked as a task (the labels of 239, 1007)
	}
	if j+1 < len(v.w) && v.w[j] == "ve" && v.w[j+1] == "sinh" && v.upper[j] {
		return false // "Viện Vệ sinh dịch tễ": a name's word; "các đơn vị vệ sinh phòng làm việc": the verb
	}
	if j > 0 && v.w[j] == "soan" && (v.w[j-1] == "ban" || v.w[j-1] == "to" || v.w[j-1] == "nhom" || v.w[j-1] == "bien") {
		return false // "Ban soạn thảo", "Tổ soạn thảo": a body's name ("biên soạn" is matched at "biên")
	}
	if j+2 < len(v.w) && v.w[j] == "to" && v.w[j+1] == "chuc" && (v.w[j+2] == "doan" || v.w[j+2] == "tin") {
		return false // "các Sở, ngành, tổ chức đoàn thể cấp tỉnh", "tổ chức tín dụng": bodies, not "organise"
	}
	if j > 0 && v.w[j] == "chon" && (v.w[j-1] == "duoc" || v.w[j-1] == "tuyen" || v.w[j-1] == "binh" || v.w[j-1] == "bau" || v.w[j-1] == "lua") {
		return false // "Hội đồng tuyển chọn", "bình chọn", "các trường được chọn đặt Điểm thi": "chọn" is a verb on its own ("Ban Thường trực … chọn xã X làm điểm")
	}
	if j+1 < len(v.w) && v.w[j] == "tang" && (v.w[j+1] == "truong" || v.w[j+1] == "cao" || v.w[j+1] == "manh") {
		return false // "các doanh nghiệp … tăng trưởng cao", "… tăng mạnh": how they fared ("Đài X tăng thời lượng …": the verb)
	}
	n := matchAt(v.w, j, actionPhrases)
	return n > 0 && (n > 1 || ambiguous[v.w[j]] == "" || ambiguous[v.w[j]] == v.raw[j] && (j == 0 || !v.upper[j]))
}

// titles precede an assignee: "Giao Giám đốc Sở …", "Đồng chí Bí thư Tỉnh ủy …".
var titles = splitPhrases(`giam doc|chu tich|thu truong|chu nhiem|cho|nguoi dung dau|dong chi|bi thu|chanh van phong|truong ban|
chi huy truong|cuc truong|chi cuc truong|truong phong|to truong|pho giam doc|pho chu tich|tong giam doc|ong|ba|chanh thanh tra|
truong|lanh dao|quy|hieu truong|bo truong|thong doc|vien truong|tu lenh|chinh uy|tong cuc truong`)

func skipTitles(v *sentenceView, i int) int {
	for i < len(v.w) {
		if v.inMen[i] >= 0 {
			return i
		}
		if v.raw[i] == "tổng" && i+2 < len(v.w) && (v.w[i+1] == "thanh" && v.w[i+2] == "tra" || v.w[i+1] == "kiem" && v.w[i+2] == "toan") {
			i++ // "Tổng Thanh tra Chính phủ", "Tổng Kiểm toán Nhà nước": the head of the body named after it
			continue
		}
		if v.raw[i] == "quý" && i+1 < len(v.w) && v.inMen[i+1] < 0 && v.headAt(i) > 0 {
			return i // "đề nghị quý doanh nghiệp …": the courtesy word belongs to the name (headAt), unless the directory knows the name after it
		}
		if n := matchAt(v.w, i, titles); n > 0 && !(n == 1 && v.w[i] == "cho" && i+1 < len(v.w) && v.w[i+1] == "phep") &&
			!(n == 1 && v.w[i] == "truong" && v.raw[i] != "trưởng") && !(n == 1 && v.w[i] == "quy" && v.raw[i] != "quý") {
			// ("Quỹ Phòng, chống thiên tai tỉnh": a fund, not the courtesy "Quý")
			if v.w[i] == "chanh" && n > 1 {
				i++ // "Chánh Văn phòng UBND tỉnh", "Chánh Thanh tra tỉnh": the chief of the office named after "Chánh"
				continue
			}
			i += n
			continue
		}
		break
	}
	return i
}

// nonTask: sentences that assign nothing even when they name a unit and a verb:
// the execution clause, the effective date, an approval, informing a unit, a
// citation.
func nonTask(v *sentenceView) bool {
	w := v.w
	if len(w) == 0 {
		return true
	}
	if !mayBeNonTask(v) {
		return false
	}
	switch {
	case foldedHas(w, "chiu trach nhiem truoc") >= 0 && (foldedHas(w, "ve ket qua") >= 0 || foldedHas(w, "neu") >= 0 || foldedHas(w, "phai chiu trach nhiem truoc") >= 0):
		return true // "… chịu trách nhiệm trước Chủ tịch … về kết quả …": accountability, not a task
	case foldedHas(w, "chiu trach nhiem ve so lieu") >= 0 || foldedHas(w, "chiu trach nhiem ve tinh chinh xac") >= 0 ||
		foldedHas(w, "chiu trach nhiem ve noi dung") >= 0:
		return true // "Bộ X chịu trách nhiệm về số liệu báo cáo.": answering for what it reported, no work
	case foldedHas(w, "chiu su") >= 0 && foldedHas(w, "truoc") < 0 && foldedHas(w, "cham nhat") < 0:
		return true // "Các tổ công tác chịu sự chỉ đạo trực tiếp của Chủ tịch …": whom a body answers to
	case foldedHas(w, "co hieu luc") >= 0, foldedHas(w, "chiu trach nhiem thi hanh") >= 0,
		foldedHas(w, "quyet dinh thi hanh") >= 0, foldedHas(w, "thi hanh quyet dinh nay") >= 0,
		foldedHas(w, "thi hanh quyet dinh") >= 0 && foldedHas(w, "can cu") >= 0:
		return true
	case (v.raw[0] == "thống" && len(w) > 1 && w[1] == "nhat" || v.raw[0] == "đồng" && len(w) > 1 && v.raw[1] == "ý" ||
		v.raw[0] == "chấp" && len(w) > 1 && w[1] == "thuan") && !(len(w) > 2 && w[2] == "giao"):
		return true // "Thống nhất chủ trương …", "Đồng ý …", "Chấp thuận …": an approval
	case v.raw[0] == "căn" && len(w) > 1 && w[1] == "cu" && foldedHas(w, "thi hanh") >= 0:
		return true
	case (foldedHas(w, "thong bao de") >= 0 || foldedHas(w, "thong bao den") >= 0 && foldedHas(w, "trach nhiem") < 0) &&
		foldedHas(w[max(0, len(w)-4):], "biet") >= 0:
		return true // "… thông báo để X biết(, thực hiện)": the closing formula
	case foldedHas(w, "mong su") >= 0 || foldedHas(w, "mong nhan duoc su") >= 0 || foldedHas(w, "mong nhan duoc y kien") >= 0 ||
		foldedHas(w, "cam on su") >= 0 || foldedHas(w, "loi chao") >= 0:
		return true // "Sở X rất mong sự quan tâm, phối hợp của Quý đơn vị.", "Xin gửi lời chào trân trọng tới Quý Ủy ban.": a courtesy
	case (foldedHas(w[:min(len(w), 14)], "neu co") >= 0 || foldedHas(w[:min(len(w), 16)], "vuong mac") >= 0) &&
		(foldedHas(w, "lien he") >= 0 || foldedHas(w, "phan anh ve") >= 0 || foldedHas(w, "trao doi") >= 0 || foldedHas(w, "phan hoi") >= 0):
		return true // "Trong quá trình thực hiện, nếu có (nếu doanh nghiệp có) vướng mắc, đề nghị … liên hệ Phòng X …": whom to call, no task
	case foldedHas(w, "tu giai the") >= 0, foldedHas(w, "giai the sau khi") >= 0:
		return true // "Tổ công tác tự giải thể sau khi hoàn thành nhiệm vụ.": the body's end, no task
	}
	return false
}

// How a task's lead was found (confidence.go).
const (
	byTrigger = iota // "Giao X …", "Đề nghị X …", "Yêu cầu X …"
	bySubject        // "X chủ trì …", "3. X quán triệt …"
	byForward        // "chuyển … đến X để …"
	byHeading        // inherited from a heading above the item
	byTable          // a row of a task table (table.go)
)

// mayBeNonTask: the words nonTask looks for are in the sentence at all (a cheap
// test before the phrase matching).
func mayBeNonTask(v *sentenceView) bool {
	switch v.raw[0] {
	case "thống", "đồng", "chấp", "căn":
		return true
	}
	return nonTaskWords.in(v.s)
}

// nonTaskWords are the words mayBeNonTask looks for in a sentence, as written.
var nonTaskWords = newSubstrings("hiệu lực", "thi hành", "trách nhiệm", "thông báo", "Thông báo", "mong", "cảm ơn", "giải thể", "nếu có", "vướng mắc", "chịu sự", "lời chào")

// assignmentHow finds the leads and coordinators of a sentence that assigns
// work, and how the lead was found.
func (x *extractor) assignmentHow(s string) (leads, coords []units.Mention, how int, ok bool) {
	v := x.view(s)
	if v.isNonTask() {
		return nil, nil, 0, false
	}
	for g := 0; g < len(v.w); g++ {
		n := matchAt(v.raw, g, triggers)
		if n == 0 && v.raw[g] == "chỉ" && g+1 < len(v.raw) && v.raw[g+1] == "đạo" && (x.leaderBefore(v, g) || personBefore(v, g) || documentBefore(v, g)) && !(g > 0 && v.w[g-1] == "kien") {
			// "Chủ tịch UBND tỉnh chỉ đạo các sở, ban, ngành …": the authority
			// directs the units named right after it (not "có ý kiến chỉ đạo như
			// sau", not "đã được UBND tỉnh chỉ đạo …")
			if k := skipTitles(v, g+2); k < len(v.w) && (v.inMen[k] >= 0 || v.headAt(k) > 0) && (!slices.Contains(v.raw[:g], "đã") || !x.formal()) {
				// (a news item relays what was directed: "UBND tỉnh đã chỉ đạo
				// thủ trưởng các sở … triển khai …"; in a directive "đã chỉ đạo"
				// is history)
				n = 2
			}
		}
		if n > 0 && v.paren[g] && !v.paren[0] {
			continue // "(… nhiệm vụ thuộc các chương trình giao Bộ, ngành …)": an aside in parentheses assigns nothing
		}
		if n > 0 && v.raw[g] == "giao" && (handOver(v, g) || passiveAgent(v, g)) {
			continue // "bàn giao hồ sơ … cho Sở GTVT", "giao dịch": not an assignment
		}
		newsDirects := n == 2 && v.raw[g] == "chỉ" && !x.formal() // "UBND tỉnh đã chỉ đạo …" relayed by a news item
		if n == 0 || v.inMen[g] >= 0 || (g > 0 && (v.w[g-1] == "duoc" || v.w[g-1] == "da" && !x.relayedDirective(v, g) && !newsDirects || v.w[g-1] == "theo" ||
			v.w[g-1] == "cac" || v.w[g-1] == "nhung" || v.w[g-1] == "co" || g > 1 && v.w[g-2] == "dap" && v.w[g-1] == "ung")) ||
			// ("Sở X có đề nghị …": what it proposed; "giao 833 nhiệm vụ": a count)
			(g+n < len(v.w) && v.w[g+n] != "" && v.w[g+n][0] >= '0' && v.w[g+n][0] <= '9' && v.headAt(g+n) == 0) ||
			// ("đáp ứng yêu cầu", "các đề nghị", "Đó là yêu cầu mà Bộ X đưa ra": the noun)
			(g+n < len(v.w) && (v.w[g+n] == "cua" || v.w[g+n] == "tai" || v.raw[g+n] == "mà")) {
			continue
		}
		if history(v, g) && !x.relayedDirective(v, g) && !newsDirects || citing(v, g) || willDo(v, g) || awardProposed(v, g+n) ||
			x.formal() && letterBefore(v, g) {
			continue
		}
		i := skipTitles(v, skipTime(v, g+n))
		if i < len(v.w) && v.raw[i] == "liên" && i+1 < len(v.w) && v.raw[i+1] == "hệ" {
			continue // "… đề nghị liên hệ Bộ Tư pháp (qua Vụ …)": whom to call, no assignee
		}
		end := v.groupVerb(i, v.stopFrom(i))
		if end-i > 40 && !v.allMentions(i, end) && !v.isColonList(i, end, x.opts.Units) {
			continue // (a long list after "các Bộ:" is names, glued words and all)
		}
		if end < len(v.raw) && v.raw[end] == "tặng" {
			continue // "… đề nghị Bộ Giáo dục và Đào tạo tặng Bằng khen …": an award proposed to the body named, no work
		}
		leads = v.names(i, end, x.opts.Units)
		if len(leads) == 0 && i < len(v.w) && v.inMen[i] < 0 && v.headAt(i) == 0 {
			// "UBND TP.HCM vừa có văn bản gửi các sở, ngành … yêu cầu khẩn
			// trương rà soát …": the request, with no object, is to those the
			// letter was sent to
			leads = v.sentTo(g, x.opts.Units)
		}
		if len(leads) == 0 {
			continue
		}
		if le := leadsEnd(v, leads); le+1 < len(v.w) && v.w[le] == "ve" && v.w[le+1] == "viec" || end+1 < len(v.w) && v.w[end] == "ve" && v.w[end+1] == "viec" || end >= 2 && end < len(v.w) && v.w[end-2] == "ve" && v.w[end-1] == "viec" {
			continue // "… có công văn yêu cầu X, Y về việc …": the subject of a letter, told; its tasks follow
		}
		_, coords = x.coordinatorsView(v, end)
		return leads, coords, byTrigger, true
	}
	if leads, coords, ok = x.forwarded(v); ok {
		return leads, coords, byForward, ok
	}
	if leads, coords, ok = x.ledBy(v); ok {
		return leads, coords, byTrigger, ok
	}
	leads, coords, ok = x.subjectLeadsView(v, false)
	if ok && passiveAfter(v, leadsEnd(v, leads)) {
		return nil, nil, 0, false // "Trung tâm Phục vụ hành chính công phải được bố trí ở …": done to it, no task of its own
	}
	if ok && notItsOwnWork(v, leadsEnd(v, leads)) {
		return nil, nil, 0, false // "Văn phòng UBND tỉnh truyền đạt ý kiến chỉ đạo của Phó Chủ tịch …": the letter's opening, its tasks follow
	}
	if ok && namedPerson(v, leads) {
		return nil, nil, 0, false // "Giám đốc Sở Tài chính Lê Trọng Thụ báo cáo tình hình …": a person, at a meeting
	}
	if ok && presides(v, leadsEnd(v, leads)) {
		return nil, nil, 0, false // "Chủ tịch UBND huyện chủ trì kỳ họp tháng 10": a leader presiding over a meeting, an event
	}
	if ok && !x.formal() && !roleNext(v, leadsEnd(v, leads)) && !x.relaying && v.raw[0] != "quý" && !x.numbered &&
		!(x.dashed && (x.dated || x.hasDeadline(v.s))) && !((x.dated || x.hasDeadline(v.s)) && !slices.Contains(v.raw, "đã") && !slices.Contains(v.raw, "vừa")) {
		// A text without a directive's header (a news item, a fragment) tells
		// what units did: only "Giao …", "Yêu cầu …", a unit named with its
		// role ("Tỉnh đoàn X chủ trì, phối hợp …"), a request to the
		// recipients ("Quý cơ quan … gửi về …") and the sentences that go on
		// relaying an assignment assign in it.
		return nil, nil, 0, false
	}
	return leads, coords, bySubject, ok
}

// relayedDirective: in a text without a header, "UBND huyện đã có Công văn số
// … yêu cầu X …" tells the directive it relays, not a past request: the
// authority is the subject, and what it had is a document.
func (x *extractor) relayedDirective(v *sentenceView, g int) bool {
	if x.opts.Directive || x.doc.Notation != "" {
		return false // a directive's own text: "đã …" is history
	}
	start := 0 // the clause of the trigger
	for j := g - 1; j > 0; j-- {
		if strings.ContainsAny(v.s[v.ts[j-1].End:v.ts[j].Start], ",;:") && !v.paren[j] {
			start = j
			break
		}
	}
	for j := start; j+1 < g; j++ {
		if v.w[j] == "cho" && (v.w[j+1] == "biet" || v.w[j+1] == "hay") {
			start = j + 2 // "Văn phòng UBND tỉnh cho biết Chủ tịch UBND tỉnh đã yêu cầu …": what the source says is the clause
		}
	}
	for j := start; j+1 < g; j++ {
		if v.raw[j] == "ký" && matchAt(v.w, j+1, documentKinds) > 0 {
			return true // "Giám đốc Sở … đã ký văn bản hỏa tốc đề nghị …": signing it is issuing it
		}
	}
	for j := start; j < g; j++ {
		if v.w[j] == "chu" && j+1 < g && v.w[j+1] == "tich" && j+2 < g && v.raw[j+2] == "ubnd" {
			return true // "Chủ tịch UBND tỉnh … đã giao UBND xã …": the directive the item relays
		}
		if v.w[j] == "lanh" && j+2 < g && v.w[j+1] == "dao" && (v.raw[j+2] == "tỉnh" || v.raw[j+2] == "ubnd" || v.raw[j+2] == "huyện" || v.raw[j+2] == "thành") {
			return true // "Lãnh đạo tỉnh Cao Bằng đã yêu cầu các sở …": the leadership's direction, relayed
		}
		if v.raw[j] == "ubnd" || v.inMen[j] >= 0 && strings.HasPrefix(units.Normalize(ref(v.ms[v.inMen[j]]).Name), "ubnd") {
			if j == start && j+1 < g && (v.raw[j+1] == "tỉnh" || v.raw[j+1] == "thành" && j+2 < g && v.raw[j+2] == "phố") && adverbsOnly(v, j, g) {
				return true // "…, UBND tỉnh Phú Thọ đã yêu cầu các huyện …": the province's direction, relayed (not "các nhiệm vụ UBND tỉnh đã giao …")
			}
			return foldedHas(v.w[j:g], "van") >= 0 // "UBND … đã có (Công) văn (bản) …"
		}
		if v.raw[j] == "bộ" && v.upper[j] && j+1 < g && v.upper[j+1] {
			return foldedHas(v.w[j:g], "van") >= 0 // "Bộ VHTTDL đã ban hành Văn bản số … yêu cầu …": a ministry's directive
		}
		if v.inMen[j] >= 0 {
			return false
		}
	}
	return false
}

// documentBefore: a document right before "chỉ đạo" at g directs ("Bộ GD&ĐT
// có văn bản chỉ đạo sở GD&ĐT cấp tỉnh …", "… ban hành công điện chỉ đạo các
// địa phương …").
func documentBefore(v *sentenceView, g int) bool {
	return g >= 2 && (v.w[g-2] == "van" && v.w[g-1] == "ban" || v.w[g-2] == "cong" && (v.w[g-1] == "van" || v.w[g-1] == "dien"))
}

// adverbsOnly: between token j and the verb at g stand only "đã", "vừa",
// "cũng", the rest of the subject's name (a parenthesis, its place) and no
// other punctuation: the body at j is the verb's subject.
func adverbsOnly(v *sentenceView, j, g int) bool {
	for k := j + 1; k <= g; k++ {
		if strings.Trim(v.s[v.ts[k-1].End:v.ts[k].Start], " ()&") != "" && !v.paren[k] && !v.paren[k-1] {
			return false
		}
		if k == g || v.paren[k] || v.upper[k] && k+1 < g {
			continue // "(NN&PTNT)", "tỉnh Bắc Ninh": the subject's name goes on
		}
		switch v.raw[k] {
		case "đã", "vừa", "cũng", "tỉnh", "thành", "phố":
		default:
			return false
		}
	}
	return true
}

// personBefore: a person, as news items name a leader, is the subject of
// the verb at g: "ông chỉ đạo các sở, ngành …", "Đồng chí … chỉ đạo …".
func personBefore(v *sentenceView, g int) bool {
	for j := g - 1; j >= 0 && j >= g-6; j-- {
		switch v.raw[j] {
		case "ông", "bà":
			return true
		case "chí":
			if j > 0 && v.raw[j-1] == "đồng" {
				return true
			}
		}
		if strings.ContainsAny(v.s[v.ts[j].End:v.ts[j+1].Start], ",;:") {
			return false
		}
	}
	return false
}

// awardProposed: "Đề nghị tặng Huân chương … cho bà X - Giám đốc Sở Tư
// pháp": an award proposed, no task.
func awardProposed(v *sentenceView, i int) bool {
	if i >= len(v.raw) {
		return false
	}
	switch v.raw[i] {
	case "tặng", "truy", "khen", "xét":
		return true
	}
	return i+1 < len(v.raw) && v.raw[i] == "công" && v.raw[i+1] == "nhận"
}

// willDo: the trigger at g is what someone will do if a condition holds ("Sau
// thời hạn trên, nếu các đơn vị không chấp hành …, Sở Tài chính sẽ tạm đình
// chỉ hoặc yêu cầu Kho bạc …": a sanction announced, not a request made now).
func willDo(v *sentenceView, g int) bool {
	if !slices.Contains(v.raw[:g], "nếu") {
		return false
	}
	for j := g - 1; j >= 0 && j >= g-8; j-- {
		if v.raw[j] == "sẽ" {
			return true
		}
		if strings.ContainsAny(v.s[v.ts[j].End:v.ts[j+1].Start], ",;:") {
			return false
		}
	}
	return false
}

// leaderBefore: the issuer, or a leader ("Thủ tướng", "Chủ tịch UBND tỉnh"),
// is the subject of the verb at g: it directs rather than acts.
func (x *extractor) leaderBefore(v *sentenceView, g int) bool {
	for j := g - 1; j >= 0 && j >= g-14; j-- {
		if v.inMen[j] >= 0 {
			if m := v.ms[v.inMen[j]]; x.isIssuer(m) || !x.formal() && !m.Collective && !strings.Contains(units.Normalize(m.Written), "cac ") && adverbsOnly(v, j, g) {
				// (a news item: a body right before "chỉ đạo" directs those below
				// it; "UBND các huyện chỉ đạo …" are the ones tasked)
				// ("Tham mưu UBND tỉnh chỉ đạo các cơ quan …": advising the
				// authority to direct them is the subject's own task)
				for j > 0 && v.inMen[j-1] == v.inMen[j] {
					j-- // the mention's first word
				}
				return !(j >= 2 && (v.w[j-2] == "tham" && v.w[j-1] == "muu" || v.w[j-2] == "de" && v.w[j-1] == "xuat") || j >= 1 && v.raw[j-1] == "trình")
			}
			continue
		}
		if v.w[j] == "tuong" && j > 0 && v.w[j-1] == "thu" {
			return true // Thủ tướng (Chính phủ)
		}
		if v.raw[j] == "ubnd" && !x.formal() && !(j+1 < g && v.raw[j+1] == "các") {
			return true // "UBND huyện Ea H’Leo đã chỉ đạo …" in a news item
		}
		if !x.formal() && v.upper[j] && j+1 < g && v.w[j+1] == "uy" && (v.raw[j] == "huyện" || v.raw[j] == "tỉnh" || v.raw[j] == "thành" || v.raw[j] == "đảng") &&
			!(j > 0 && v.raw[j-1] == "các") && adverbsOnly(v, j+1, g) {
			return true // "Huyện ủy chỉ đạo các đơn vị trên chỉnh sửa …" in a news item: the party committee directs
		}
		if !x.formal() && v.raw[j] == "tỉnh" && (j == 0 || v.raw[j-1] != "các" && v.raw[j-1] != "của") && adverbsOnly(v, j, g) && !(j+1 < g && v.capitalised(j+1)) {
			return true // "…, tỉnh cũng chỉ đạo UBND các địa phương …" in a news item: the province directs
		}
		if !x.formal() && (v.raw[j] == "tỉnh" || v.raw[j] == "huyện") && j+1 < g && v.capitalised(j+1) && !(j > 0 && v.raw[j-1] == "các") {
			// "Đồng thời, tỉnh Cao Bằng cũng chỉ đạo các lực lượng …" in a news
			// item: the place's authority directs
			k := j + 1
			for k < g && v.capitalised(k) {
				k++
			}
			for k < g && (v.raw[k] == "cũng" || v.raw[k] == "đã" || v.raw[k] == "vừa" || v.raw[k] == "tiếp" || v.raw[k] == "tục") {
				k++
			}
			if k == g {
				return true
			}
		}
		if v.raw[j] == "ubnd" && j > 1 && (v.w[j-2] == "chu" && v.w[j-1] == "tich" || v.w[j-2] == "lanh" && v.w[j-1] == "dao") {
			// "Lãnh đạo UBND huyện chỉ đạo …", "Chủ tịch UBND tỉnh chỉ đạo …"; in
			// a directive, only the issuer's leader directs: "Chủ tịch UBND
			// huyện Tháp Mười chỉ đạo Phòng …" in the province's text is the
			// district's task
			return !x.formal() || x.isIssuer(units.Mention{Written: committeeAt(v, j, g)})
		}
	}
	return false
}

// committeeAt: the committee's name that starts at "UBND" at j, its level and
// its place, read no further than g ("UBND huyện Tháp Mười" in "Chủ tịch UBND
// huyện Tháp Mười chỉ đạo").
func committeeAt(v *sentenceView, j, g int) string {
	k := j + 1
	for k < g && (levelWords[v.w[k]] || v.w[k] == "thanh" || v.w[k] == "thi" || v.capitalised(k)) {
		k++
	}
	return v.s[v.ts[j].Start:v.ts[k-1].End]
}

// forwarded: "Văn phòng UBND tỉnh chuyển nội dung nêu trên đến Ban Quản lý … để
// nghiên cứu, xử lý", "Sở X gửi đến các cơ quan, đơn vị nêu trên tham gia góp
// ý": the unit a matter is sent to, to act on it, is the lead.
func (x *extractor) forwarded(v *sentenceView) (leads, coords []units.Mention, ok bool) {
	for g := 0; g < len(v.raw); g++ {
		if v.raw[g] != "chuyển" && v.raw[g] != "gửi" || history(v, g) {
			continue
		}
		if g >= 2 && v.raw[g-1] == "được" && v.raw[g-2] == "đã" {
			continue // "Bản chính đã được gửi qua đường công văn đến các Trung tâm …": what was sent, told
		}
		if reportSent(v, g) {
			return nil, nil, false // "… xây dựng báo cáo tình hình, kết quả gửi đến Bộ Công an": a report to a recipient
		}
		if (v.inMen[0] >= 0 || v.headAt(0) > 0) && v.stopFrom(0) < g && v.stopFrom(0) > 0 && matchAt(v.w, v.stopFrom(0), actionPhrases) > 0 {
			// "Công an tỉnh, … báo cáo nhanh tình hình … (từ ngày … đến ngày …),
			// gửi hỏa tốc đến Văn phòng UBND tỉnh …": a subject acts, and sends
			// its work to the recipient
			return nil, nil, false
		}
		for d := g + 1; d < len(v.raw) && d <= g+10; d++ {
			if v.raw[d] != "đến" && v.raw[d] != "tới" {
				continue
			}
			i := skipTitles(v, d+1)
			end := v.stopFrom(i)
			for k := i; k < end; k++ {
				if v.raw[k] == "để" && v.inMen[k] < 0 {
					end = k
					break
				}
			}
			if end == len(v.w) && end-i > 12 || end == i {
				return nil, nil, false
			}
			leads = v.names(i, end, x.opts.Units)
			if len(leads) == 0 || !x.looksLikeUnit(leads[0]) {
				return nil, nil, false
			}
			_, coords = x.coordinatorsView(v, end)
			return leads, coords, true
		}
	}
	return nil, nil, false
}

// sentTo: the units a letter is sent to right before token g ("… văn bản gửi
// các sở, ngành và đơn vị liên quan" + g), nil if none.
func (v *sentenceView) sentTo(g int, dir *units.Directory) []units.Mention {
	if len(v.raw) > 1 && v.raw[0] == "trước" && (v.raw[1] == "đó" || v.raw[1] == "đây") {
		return nil // "Trước đó, ngày 11.12.2017, Sở X có công văn gửi các đơn vị đề nghị …": told as past
	}
	for k := g - 1; k >= 0 && k >= g-30; k-- {
		if strings.ContainsAny(v.s[v.ts[k].End:v.ts[k+1].Start], ".;:") {
			return nil
		}
		if v.raw[k] != "gửi" {
			continue
		}
		if k < 2 || foldedHas(v.w[max(0, k-4):k], "van") < 0 && foldedHas(v.w[max(0, k-4):k], "dien") < 0 {
			return nil // a letter ("văn bản", "công văn", "công điện") is what was sent
		}
		i := k + 1
		if i < g && (v.raw[i] == "đến" || v.raw[i] == "tới" || v.raw[i] == "cho") {
			i++
		}
		if i >= g {
			return nil
		}
		leads := v.names(i, g, dir)
		if len(leads) == 0 || !v.covered(i, leadsEnd(v, leads), leads) || leadsEnd(v, leads) != g {
			return nil
		}
		return leads
	}
	return nil
}

// ledBy: "Kinh tế đô thị do Sở KH-ĐT chủ trì", "… do Công an tỉnh phụ trách":
// the unit after "do" leads what the clause names.
func (x *extractor) ledBy(v *sentenceView) (leads, coords []units.Mention, ok bool) {
	for g := 0; g < len(v.raw) && g <= 16; g++ {
		if g > 0 && strings.ContainsAny(v.s[v.ts[g-1].End:v.ts[g].Start], ",;:") {
			return nil, nil, false // the first clause only: "…, bao gồm: A do X chủ trì, B do Y …" lists
		}
		if v.raw[g] != "do" || history(v, g) {
			continue
		}
		i := skipTitles(v, g+1)
		if i >= len(v.w) || v.inMen[i] < 0 && v.headAt(i) == 0 {
			continue
		}
		end := v.stopFrom(i)
		if end+1 >= len(v.w) || !(v.w[end] == "chu" && v.w[end+1] == "tri" || v.w[end] == "phu" && v.w[end+1] == "trach") {
			continue
		}
		leads = v.names(i, end, x.opts.Units)
		if len(leads) == 0 || !v.covered(i, end, leads) || !x.looksLikeUnit(leads[0]) {
			continue
		}
		_, coords = x.coordinatorsView(v, end)
		return leads, coords, true
	}
	return nil, nil, false
}

// reportSent: what is sent at g is a report, in the clause before it.
func reportSent(v *sentenceView, g int) bool {
	for j := g - 1; j >= 0 && j >= g-8; j-- {
		if v.w[j] == "cao" && j > 0 && v.w[j-1] == "bao" {
			return true
		}
		if strings.ContainsAny(v.s[v.ts[j].End:v.ts[j+1].Start], ";:") {
			return false
		}
	}
	return false
}

// directing: the verbs with which an authority introduces the directions
// listed after a colon.
var directing = splitPhrases(`chi dao|yeu cau|de nghi|giao|ket luan|chi thi|quyet dinh`)

// assignedTo, after "được" and before a modal (dutyModals), restricts a group
// to the members assigned ("các đơn vị được giao nhiệm vụ phải …"); before a
// role ("Sở X được giao chủ trì …") it is the predicate.
var assignedTo = splitPhrases(`phan cong|giao nhiem vu|giao`)

// dutyModals open a predicate of duty: "phải", "cần", "có trách nhiệm".
var dutyModals = splitPhrases(`phai|can|co trach nhiem|chiu trach nhiem`)

// speaking: verbs with which the issuer speaks rather than a unit acts.
var speaking = splitPhrases(`thong bao|xin|co y kien|truyen dat|ket luan|chi dao nhu sau|yeu cau|de nghi|giao|nhan duoc|da|kinh gui|ban hanh|luu y|
chap thuan|dong y|tran trong|phan anh|hoan nghenh|rat hoan nghenh|cho hay|cho biet|danh gia cao|bao cao nhu sau|bao cao cu the nhu sau|xin bao cao|
phat bieu`)

// answering: verbs that, followed by ":", quote what the subject said.
var answering = splitPhrases(`tra loi|cho biet|phat bieu|noi|khang dinh|nhan manh|giai trinh|chia se`)

// handOver: the "giao" at g is part of another word: "bàn giao", "chuyển
// giao" (hand over), "giao dịch", "giao lưu", "giao ban" (a meeting) ….
func handOver(v *sentenceView, g int) bool {
	if g > 0 {
		switch v.raw[g-1] {
		case "bàn", "chuyển", "tiếp", "ngoại":
			return true // ("Bộ Ngoại giao": a name's word)
		}
	}
	if g+2 < len(v.raw) && (v.raw[g+1] == "chỉ" && v.raw[g+2] == "tiêu" || v.raw[g+1] == "dự" && v.raw[g+2] == "toán" ||
		v.raw[g+1] == "biên" && v.raw[g+2] == "chế" || g+3 < len(v.raw) && v.raw[g+1] == "kế" && v.raw[g+2] == "hoạch" && v.raw[g+3] == "vốn") {
		return true // "Giao chỉ tiêu kế hoạch … năm 2027 cho các sở …": an allocation the decision makes, no task
	}
	if g+1 < len(v.raw) && !v.upper[g+1] {
		switch v.raw[g+1] {
		case "dịch", "lưu", "tiếp", "hàng", "thông", "hữu", "kết", "nộp", "diện", "quân", "nhận":
			return v.inMen[g] < 0 // (also "ngày hội giao quân", "lễ giao nhận quân": the call-up's handover)
		case "ban":
			// "họp giao ban" (a meeting), not "giao ban cán sự đảng …"
			return g+2 >= len(v.raw) || v.raw[g+2] != "cán" && v.raw[g+2] != "chỉ" && v.raw[g+2] != "quản" && v.raw[g+2] != "thường"
		}
	}
	return false
}

// passiveAgent: the trigger at g follows "được" and the unit that assigns
// ("Kế hoạch vốn … đã được Ủy ban nhân dân tỉnh giao cho các cơ quan …", "Sở X
// được UBND tỉnh giao chủ trì …"): what was given, or who was given it, comes
// before "được"; the words after "giao" name no assignee.
func passiveAgent(v *sentenceView, g int) bool {
	for j := g - 1; j >= 1 && j >= g-10; j-- {
		if strings.TrimSpace(v.s[v.ts[j-1].End:v.ts[j].Start]) != "" {
			return false // a comma or a stop between: another clause
		}
		if v.w[j-1] == "duoc" {
			return v.inMen[j] >= 0 || v.headAt(j) > 0
		}
	}
	return false
}

// citing: the trigger at g is inside a citation ("Căn cứ Nghị quyết … giao chỉ
// tiêu …", "Xét đề nghị …") rather than after it ("Căn cứ …, giao Sở X …").
func citing(v *sentenceView, g int) bool {
	if g == 2 && v.w[0] == "trong" && v.w[1] == "do" {
		return true // "…; trong đó giao Sở X …" after a citation: what the cited text assigns
	}
	if g > 0 && v.raw[g-1] == "về" || g > 1 && v.raw[g-2] == "về" && v.raw[g-1] == "việc" {
		return true // "chỉ đạo … về (việc) giao Sở X …": what a cited text is about
	}
	for k := g - 2; k >= 1 && k >= g-8; k-- {
		if v.w[k] == "trong" && v.w[k+1] == "do" {
			for j := 0; j+1 < k; j++ {
				if matchAt(v.w, j, documentKinds) > 0 && (v.upper[j] || v.w[j+1] == "so") {
					return true // "… nhận được Công văn số 3108 …, trong đó UBND thành phố giao Sở X …": what the cited letter assigns
				}
			}
			break
		}
	}
	if !(len(v.w) > 1 && (v.raw[0] == "căn" && v.w[1] == "cu" || v.raw[0] == "thực" && v.w[1] == "hien") || v.raw[0] == "xét") {
		return false
	}
	if g > 1 && v.w[g-2] == "trong" && v.w[g-1] == "do" {
		return true // "Căn cứ Chương trình …; trong đó giao Sở X …": what the cited text assigns
	}
	return !strings.ContainsAny(v.s[:v.ts[g].Start], ",;:")
}

// history: the trigger at g is part of an account of what happened: "Sở X đã có
// văn bản … đề nghị …".
func history(v *sentenceView, g int) bool {
	for j := g - 1; j >= 0; j-- {
		if strings.ContainsAny(v.s[v.ts[j].End:v.ts[j+1].Start], ",;:") && !v.paren[j] && !v.paren[j+1] {
			return false // another clause (not a list in parentheses: "đã có văn bản (số 1, số 2) yêu cầu …")
		}
		if v.raw[j] == "đã" && !(j+1 < len(v.w) && v.w[j+1] == "duoc") {
			return true
		}
	}
	return false
}

// letterBefore: in a directive's own text, the trigger at g is what a letter
// sent before asked, in the same clause ("Ngày 27/01/2011, Bộ Xây dựng có công
// văn số 140/BXD-QLN đề nghị …"): background to this letter. (A news item's
// "X vừa có công văn đề nghị …" relays the directive it reports.)
func letterBefore(v *sentenceView, g int) bool {
	for j := g - 1; j >= 0; j-- {
		if strings.ContainsAny(v.s[v.ts[j].End:v.ts[j+1].Start], ",;:") && !v.paren[j] && !v.paren[j+1] {
			return false
		}
		if v.raw[j] == "vừa" || v.raw[j] == "này" {
			return false
		}
		if v.raw[j] == "có" && j+2 < g && (v.w[j+1] == "cong" && v.w[j+2] == "van" || v.w[j+1] == "van" && v.w[j+2] == "ban") {
			return true
		}
	}
	return false
}

// informsOthers: the verb at i is "thông báo cho / đến / tới …", a unit told to
// inform others ("UBND phường X thông báo cho các hộ dân biết, di dời …"). In a
// directive whose issuer is another body, that is work the unit must do.
func informsOthers(v *sentenceView, i int) bool {
	if i+2 >= len(v.w) || v.w[i] != "thong" || v.w[i+1] != "bao" {
		return false
	}
	switch v.w[i+2] {
	case "cho", "den", "toi":
		return true
	}
	return false
}

// subjectLeads: an item that opens with the assignee ("Sở Tài chính tham mưu …",
// or a heading "2. Sở Tài chính:").
func (x *extractor) subjectLeads(s string, heading bool) ([]units.Mention, []units.Mention, bool) {
	v := x.view(s)
	if !heading && v.isNonTask() {
		return nil, nil, false
	}
	return x.subjectLeadsView(v, heading)
}

func (x *extractor) subjectLeadsView(v *sentenceView, heading bool) ([]units.Mention, []units.Mention, bool) {
	if len(v.w) == 0 {
		return nil, nil, false
	}
	i := 0
	if n := matchAt(v.w, 0, leadIns); n > 0 && !heading {
		i = n
	} else if len(v.w) > 2 && v.w[0] == "doi" && v.w[1] == "voi" && (heading || x.aboutSubject(v, 2)) {
		i = 2 // "Đối với các sở, ban, ngành báo cáo …"; a heading "1. Đối với UBND các xã, phường:" over its items
	}
	i = skipTitles(v, i)
	if i >= len(v.w) || v.inMen[i] < 0 && v.headAt(i) == 0 {
		return nil, nil, false
	}
	end := v.stopFrom(i)
	if !heading && x.formal() && (x.numbered || x.dashed) {
		end = min(end, v.knownThenVerb(i, x.hasDeadline(v.s)), v.namedThenVerb(i))
	}
	if !heading {
		end = v.groupVerb(i, end)
	}
	if heading {
		if end != len(v.w) {
			return nil, nil, false
		}
	} else if end == len(v.w) || end == i || end-i > 40 && !v.allMentions(i, end) && !v.isColonList(i, end, x.opts.Units) {
		return nil, nil, false
	} else if v.w[end] == "da" || end+1 < len(v.w) && v.w[end+1] == "da" {
		return nil, nil, false
	}
	if !heading && x.sentLetter(v, end) {
		return nil, nil, false // "UBND thành phố có Công văn số 8262/UBND-TCD về việc …", "Cục X vừa có văn bản gửi …": what it sent, told
	}
	if !heading && end < len(v.w) && strings.HasSuffix(strings.TrimSpace(v.s), ":") {
		if n := matchAt(v.w, end, directing); n > 0 && end+n == len(v.w) {
			return nil, nil, false // "Theo đó, Ủy ban nhân dân thành phố chỉ đạo:": the authority introducing what it directs
		}
	}
	informing := false
	sp := end
	if sp+1 < len(v.w) && v.raw[sp] == "cũng" {
		sp++ // "Bí thư Huyện ủy cũng đánh giá cao …"
	}
	if sp < len(v.w) && matchAt(v.w, sp, speaking) > 0 && v.raw[0] != "quý" {
		// ("Quý cơ quan có ý kiến … gửi về …" addresses the recipients: they act)
		// ("Các Sở, ngành, UBND các huyện ban hành kế hoạch … trước ngày
		// 10/10/2020": issuing its own by a date is a task, unless the issuer
		// is the subject, checked below)
		issuesByDate := sp+1 < len(v.w) && v.w[sp] == "ban" && v.w[sp+1] == "hanh" && (x.hasDeadline(v.s) || v.raw[i] == "các")
		// ("Các cơ quan chuyên môn thuộc UBND tỉnh, UBND các huyện … ban hành
		// Quy chế làm việc phù hợp với Quy chế này": a group issues its own;
		// the issuer is one body, never "các …")
		if !issuesByDate && (!x.formal() || !informsOthers(v, end)) {
			return nil, nil, false // "Văn phòng Chính phủ (xin) thông báo …", "UBND tỉnh có ý kiến": the issuer speaking
		}
		informing = true // checked against the issuer below
	}
	if n := matchAt(v.w, sp, answering); n > 0 && sp+n < len(v.w) && strings.Contains(v.s[v.ts[sp+n-1].End:v.ts[sp+n].Start], ":") {
		return nil, nil, false // "Công an tỉnh trả lời: Trong năm 2017, …": what it said, quoted
	}
	for k := i; k < end+4 && k < len(v.raw); k++ {
		if (v.raw[k] == "đã" || v.raw[k] == "vừa") && k < end && !(k+2 < len(v.raw) && v.raw[k+1] == "được" && v.raw[k+2] == "giao") {
			return nil, nil, false // "Sở X đã có văn bản …": history
		}
		if v.raw[k] == "sẽ" && k == end && !x.formal() && !x.dated && !x.hasDeadline(v.s) {
			return nil, nil, false // "Sở GD-ĐT sẽ sử dụng số liệu …": what a body will do, told by a news item ("trước ngày …, UBND các huyện sẽ báo cáo …" is due)
		}
		if v.raw[k] == "đang" && k == end {
			return nil, nil, false // "Sở Công thương đang tiến hành …": what it is doing
		}
		if (v.raw[k] == "cá" && k+1 < len(v.raw) && v.raw[k+1] == "nhân" || v.raw[k] == "người" && k+1 < len(v.raw) && v.raw[k+1] == "dân") && listGoesOn(v, end, k) && !x.hasDeadline(v.s) {
			// "Các cơ quan, tổ chức, cá nhân … có trách nhiệm …": a rule for
			// everyone, not an assignment (not "Sở Tư pháp hướng dẫn cá nhân,
			// tổ chức …", "… thông tin cho người dân": those it serves; not
			// "Các tổ chức, cá nhân gửi ý kiến … trước ngày …": a date set
			// for them)
			return nil, nil, false
		}
	}
	leads := v.names(i, end, x.opts.Units)
	if len(leads) > 0 && !v.covered(i, end, leads) {
		// "UBND huyện, thị xã, thành phố khẩntrương thực hiện": up to two
		// lower-case words between the name and the verb (an adverb, a word
		// glued in the PDF) are not part of the name.
		for e := end - 1; e > i && e >= end-2 && !v.upper[e] && v.inMen[e] < 0; e-- {
			if l2 := v.names(i, e, x.opts.Units); len(l2) > 0 && v.covered(i, e, l2) {
				leads = l2
				break
			}
		}
	}
	if len(leads) == 0 || !v.covered(i, leadsEnd(v, leads), leads) || !x.looksLikeUnit(leads[0]) {
		return nil, nil, false
	}
	if informing && x.isIssuer(leads[0]) {
		return nil, nil, false // "Văn phòng UBND tỉnh thông báo đến …": the issuer speaking
	}
	le := leadsEnd(v, leads)
	if w := strings.ToLower(leads[len(leads)-1].Written); strings.HasSuffix(w, "sau đây") || strings.HasSuffix(w, "dưới đây") ||
		le+1 < len(v.raw) && !v.paren[le] && (v.raw[le] == "sau" || v.raw[le] == "dưới") && v.raw[le+1] == "đây" {
		// "Các cơ quan, đơn vị sau đây chịu trách nhiệm …": the list below
		// names them (not "UBND các huyện … (sau đây gọi chung là UBND cấp
		// huyện) xây dựng …", which names what it calls them)
		return nil, nil, false
	}
	if le < len(v.w) && numbered(v.w[le]) && len(v.w)-le <= 3 {
		return nil, nil, false // "Báo Xây Dựng 10 ngày": a line of a page's chrome, no predicate
	}
	if le+1 < len(v.raw) && v.raw[le] == "ngày" && numbered(v.w[le+1]) {
		return nil, nil, false // "Thông tấn xã Việt Nam ngày 09 tháng 11 năm 2011, có bài …": what a body published on a day
	}
	if le < len(v.raw) && (v.raw[le] == "trước" || v.raw[le] == "để" || v.raw[le] == "tại") {
		return nil, nil, false // "… Sở X trước ngày 14/5 để tổng hợp": the end of another clause, not a subject
	}
	if le < len(v.raw) && v.raw[le] == "là" && matchAt(v.w, le, assignedRoles) == 0 {
		return nil, nil, false // "Tập đoàn X là một trong 4 bộ ngành …": a description ("X là cơ quan chủ trì" is a role)
	}
	if le < len(v.raw) && (v.raw[le] == "họp" || v.raw[le] == "dự" && le+1 < len(v.raw) && (v.raw[le+1] == "họp" || v.raw[le+1] == "lễ" || v.raw[le+1] == "hội")) && !x.hasDeadline(v.s) {
		return nil, nil, false // "Ban Giám đốc Sở họp nghe báo cáo …", "Giám đốc Sở dự họp …": a leaders' meeting, no work assigned
	}
	if le < len(v.raw) && (v.raw[le] == "không" || v.raw[le] == "tuyệt" || v.raw[le] == "nghiêm" && le+1 < len(v.raw) && v.raw[le+1] == "cấm") {
		return nil, nil, false // "Lãnh đạo các cơ quan … không tham dự lễ hội …": a prohibition binds, it assigns no work
	}
	_, coords := x.coordinatorsView(v, end)
	return leads, coords, true
}

// sentLetter: the words from k (after a subject) say it had a document: "(vừa,
// đã, tiếp tục) có Công văn số …" anywhere, "vừa có văn bản gửi …" in a text
// without a directive's header. A directive's own "Sở X có văn bản hướng dẫn
// … trước ngày …" is a task, and stays one.
func (x *extractor) sentLetter(v *sentenceView, k int) bool {
	for k < len(v.raw) {
		switch v.raw[k] {
		case "vừa", "đã", "cũng", "mới":
			k++
			continue
		case "tiếp":
			if k+1 < len(v.raw) && v.raw[k+1] == "tục" {
				k += 2
				continue
			}
		}
		break
	}
	if k+1 >= len(v.raw) || v.raw[k] != "có" {
		return false
	}
	n := matchAt(v.w, k+1, documentKinds)
	if n == 0 {
		return false
	}
	return !x.formal() || k+1+n < len(v.raw) && v.raw[k+1+n] == "số"
}

// aboutSubject: "Đối với" (as for) then a unit and its verb names the
// subject ("Đối với các sở, ban, ngành báo cáo theo phụ lục 1 …"); not when
// what follows the unit is how often ("Đối với các xã bị ảnh hưởng … hàng năm
// …") or the clause runs on past ";" or ":" (a heading: "Đối với các đơn vị
// trực thuộc Sở; Phòng Kinh tế …").
func (x *extractor) aboutSubject(v *sentenceView, n int) bool {
	i := skipTitles(v, n)
	if i >= len(v.w) || v.inMen[i] < 0 && v.headAt(i) == 0 {
		return false
	}
	end := v.stopFrom(i)
	return end < len(v.w) && matchAt(v.w, end, recurring) == 0 && !strings.ContainsAny(v.s[v.ts[i].Start:v.ts[end].Start], ";:")
}

// givenBy: the words from token i say the unit was given the lead by an
// authority: "(đã) được Ủy ban nhân dân tỉnh giao chủ trì …".
func givenBy(v *sentenceView, i int) bool {
	if i < len(v.raw) && v.raw[i] == "đã" {
		i++
	}
	if i+1 >= len(v.raw) || v.raw[i] != "được" {
		return false
	}
	for k := i + 1; k < len(v.raw) && k <= i+7; k++ {
		if v.raw[k] == "giao" {
			// the role given, not what was once asked ("được … giao tham mưu
			// xây dựng dự thảo" tells the issuer's own history)
			return k > i+1 && k+2 < len(v.raw) && v.raw[k+1] == "chủ" && v.raw[k+2] == "trì"
		}
	}
	return false
}

// assignedRoles state that a unit is given a task, not what it did.
var assignedRoles = splitPhrases(`chu tri|co trach nhiem|chiu trach nhiem|la co quan chu tri|la co quan thuong truc|la dau moi|lam dau moi|
co nhiem vu|duoc giao|vua duoc giao|phai|duoc yeu cau|duoc de nghi`)

// roleNext: the words from token i state the unit's role ("chủ trì", "có trách
// nhiệm"), a lead-in adverb or two allowed ("khẩn trương chủ trì").
func roleNext(v *sentenceView, i int) bool {
	if givenBy(v, i) {
		return true
	}
	for k := i; k < len(v.w) && k <= i+2; k++ {
		if matchAt(v.w, k, assignedRoles) > 0 {
			return true
		}
	}
	return false
}

// listGoesOn: token k is in the subject, before end, or the subject's list
// goes on to it past end: only the words of kinds of bodies ("tổ chức") and
// "và" between.
func listGoesOn(v *sentenceView, end, k int) bool {
	for j := end; j < k; j++ {
		if n := matchAt(v.raw, j, collectiveHeads); n > 0 {
			j += n - 1
			continue
		}
		if v.raw[j] != "và" {
			return false
		}
	}
	return true
}

// knownThenVerb: the units the directory knows, or a collective, from i ("Đài
// Phát thanh và Truyền hình Đồng Tháp", "Sở Y tế và Công an tỉnh"), then a
// verb of itemVerbs: where the predicate starts, though its verb is none of
// actionPhrases ("4. Đài … đưa tin …", "- Sở Y tế tiêm vắc xin …"). Only an
// item of a directive is read so; len(v.w) when the words are not so.
func (v *sentenceView) knownThenVerb(i int, dated bool) int {
	k := i
	for k < len(v.w) {
		if m := v.inMen[k]; m >= 0 {
			if v.ms[m].Unit == nil && !v.ms[m].Collective {
				return len(v.w)
			}
			k++
			continue
		}
		if v.w[k] == "va" && k > i && k+1 < len(v.w) && v.inMen[k+1] >= 0 {
			k++
			continue
		}
		break
	}
	if k == i || k >= len(v.w) || v.upper[k] || v.paren[k] || strings.Contains(v.s[v.ts[k-1].End:v.ts[k].Start], ":") {
		return len(v.w)
	}
	if matchAt(v.raw, k, itemVerbs) == 0 && !(dated && !notVerbs[v.raw[k]] && !numbered(v.w[k])) {
		return len(v.w)
	}
	return k
}

// notVerbs: words that follow a unit's name without opening what it is to do
// (knownThenVerb on a dated item: "Sở Tài chính năm 2025 có …", "… là cơ
// quan …", "… đã …").
var notVerbs = map[string]bool{"năm": true, "là": true, "có": true, "được": true, "đã": true, "đang": true, "sẽ": true, "cũng": true,
	"không": true, "chưa": true, "vừa": true, "thì": true, "với": true, "của": true, "tại": true, "trong": true, "về": true,
	"theo": true, "để": true, "và": true, "hoặc": true, "cùng": true, "thuộc": true, "trực": true, "mới": true, "cũ": true,
	"hiện": true, "còn": true, "vẫn": true, "đều": true, "luôn": true, "rất": true, "gồm": true, "bao": true, "như": true,
	"đạt": true, "tăng": true, "giảm": true}

// groupVerb: a plural group in lower case ("các cơ sở y tế", "các trường mầm
// non"), or a body's head and its capitalised name ("Phòng Kinh tế", "Trung
// tâm Dịch vụ nông nghiệp"), whose name the grammar ran into a verb that also
// works inside names ("quản lý", "tổ chức", "kiểm tra"): the verb is the
// predicate's when the name would otherwise have none ("Các cơ sở y tế kiểm
// tra hồ sơ trước …"), or when it is the name's last words right before the
// verb found ("Các trường mầm non tổ chức tuyên truyền …"). A verb right
// before another such verb is a name's word ("Ban Quản lý dự án đầu tư xây
// dựng kiểm tra …"); "các doanh nghiệp xây dựng", a verb right after the
// group's word, stays a kind of body while a predicate follows. end as given
// when the words are not so.
func (v *sentenceView) groupVerb(i, end int) int {
	if i >= len(v.raw) || end <= i {
		return end
	}
	h := v.headAt(i)
	if h == 0 {
		return end
	}
	named := v.raw[i] != "các"
	if named && (!v.upper[i] || i+h >= len(v.w) || !v.upper[i+h] || v.inMen[i] >= 0) {
		return end // a named body is its head and a capitalised name, the directory's names end where they do
	}
	from := i + h + 1
	if end == len(v.w) && !named {
		from = i + h
	}
	for k := from; k < end; k++ {
		if named && strings.Contains(v.s[v.ts[k-1].End:v.ts[k].Start], ",") {
			return end // "Tổng cục Thống kê, Chánh Văn phòng …": a list, not one body
		}
		if named && (v.upper[k] && v.inMen[k] < 0 || v.upper[k-1]) {
			continue // the body's name ("Ban Chỉ đạo Tổng điều tra": a verb right after a capital is a name's word)
		}
		if v.upper[k] || v.inMen[k] >= 0 || v.paren[k] || v.w[k] == "va" || strings.ContainsAny(v.s[v.ts[k-1].End:v.ts[k].Start], ";:") ||
			strings.Contains(v.s[v.ts[k-1].End:v.ts[k].Start], ",") && (v.headAt(k) > 0 || v.raw[k] == "các" || matchAt(v.raw, k, collectiveHeads) > 0) {
			// a proper name, a unit or a list of bodies inside ("các cơ quan,
			// tổ chức thuộc …"): the grammar's reading stands ("các cơ sở sản
			// xuất, kinh doanh" is one group)
			return end
		}
		if v.w[k-1] == "chu" || v.w[k-1] == "nha" {
			continue // "Các đơn vị chủ đầu tư đôn đốc …", "các doanh nghiệp, nhà đầu tư thực hiện …": the investor, a kind of body
		}
		if n := matchAt(v.w, k, weakActions); n > 0 && (end == len(v.w) || k+n == end) {
			if k+n < end && strings.TrimSpace(v.s[v.ts[k+n-1].End:v.ts[k+n].Start]) == "" && matchAt(v.w, k+n, weakActions) > 0 &&
				matchAt(v.w, k, lightVerbs) == 0 {
				continue // "… dự án đầu tư xây dựng kiểm tra …": the name's words (but "… tổ chức tập huấn …" organises the training)
			}
			return k
		}
	}
	return end
}

// lightVerbs take another action as their object: "tổ chức tập huấn", "chỉ
// đạo kiểm tra".
var lightVerbs = splitPhrases(`to chuc|chi dao`)

// namedThenVerb: a name the directory does not know, a head and its words
// ("Trung tâm Y tế huyện", "Các trạm y tế"), then a verb of itemVerbs in
// lower case, in a directive's item ("1. Bệnh viện Đa khoa tỉnh mua sắm thiết
// bị …"): where the predicate starts; len(v.w) when the words are not so. A
// list or a parenthesis inside leaves it alone.
func (v *sentenceView) namedThenVerb(i int) int {
	if m := v.inMen[i]; m >= 0 {
		// a name every province has ("Hội Nông dân tỉnh"), known by its words
		// though not the directory's: the verb right after it
		k := i
		for k < len(v.w) && v.inMen[k] == m {
			k++
		}
		if k < len(v.w) && !v.upper[k] && strings.TrimSpace(v.s[v.ts[k-1].End:v.ts[k].Start]) == "" && matchAt(v.raw, k, itemVerbs) > 0 {
			return k
		}
		return len(v.w)
	}
	h := v.headAt(i)
	if h == 0 {
		return len(v.w)
	}
	for k := i + h + 1; k < len(v.w); k++ {
		if v.inMen[k] >= 0 || v.paren[k] || strings.ContainsAny(v.s[v.ts[k-1].End:v.ts[k].Start], ",;:(") {
			return len(v.w)
		}
		if v.upper[k] || v.upper[k-1] {
			continue // the name's words ("Trung tâm Cung ứng dịch vụ công": a word right after a capital is the name's)
		}
		if matchAt(v.raw, k, itemVerbs) > 0 {
			return k
		}
	}
	return len(v.w)
}

// itemVerbs are what a directive's items have units do, as written, beyond
// actionPhrases: verbs that also name things or work inside unit names
// ("Trung tâm Lưu trữ", "Ban Thi đua - Khen thưởng", "cấp tỉnh"), read as
// verbs only in a directive's items, right after a known unit's name
// (knownThenVerb) or in lower case after another lower-case word of a body's
// name (namedThenVerb).
var itemVerbs = splitPhrases(`thông tin|điều động|sửa chữa|nâng cấp|mua sắm|thẩm tra|thu thập|chỉnh lý|in|in ấn|phát hành|thanh tra|
điều tra|tôn vinh|khen thưởng|số hóa|số hoá|đào tạo|bồi dưỡng|công nhận|cấp phát|thu|bảo quản|lưu trữ|kiểm kê|tính toán|dự báo|cảnh báo|
sơ tán|cứu trợ|trợ cấp|phân phối|quảng bá|xúc tiến|thu hút|gia hạn|giảm|miễn|đình chỉ|dự thảo|lấy ý kiến|siết chặt|nhắc nhở|cử|mở|
khám|tiêm|phun|tiêu hủy|tiêu huỷ|xét nghiệm|giám định|nghiệm thu|thanh toán|tuyển dụng|tuyển sinh|liên hệ|trao đổi|đo đạc|cắm mốc|
khoanh vùng|truy xuất|kiểm định|thí điểm|nhân rộng|củng cố|mở rộng|hoàn trả|bồi thường|giải phóng|cưỡng chế|tháo dỡ|sử dụng|
áp dụng|kết nối|chia sẻ|tích hợp|đồng bộ|kêu gọi|tiếp đón|đón tiếp|phục vụ|tuần tra|canh gác|đưa tin|phát sóng|tiếp sóng|
biên tập|chi trả|chi|cấp phép|thu phí|niêm yết|vận chuyển|lắp đặt|ứng dụng|
triệu tập|mời|rà|xét|xét duyệt|hiệp y|phân loại|tiêu độc|khử trùng|cách ly|ký kết|soạn thảo|đặt hàng|giao|bàn giao`)

// allMentions: every word of [i, end) is in a unit name the directory or the
// standard names know ("Công an tỉnh, Bộ Chỉ huy quân sự tỉnh, …, Ban An toàn
// giao thông tỉnh": a long list, but a list of names), "và" aside.
func (v *sentenceView) allMentions(i, end int) bool {
	for j := i; j < end; j++ {
		if v.inMen[j] < 0 && v.w[j] != "va" {
			return false
		}
	}
	return true
}

// passiveAfter: the words from k say the subject has something done to it
// ("… phải được bố trí …", "… được đầu tư …"), not that it acts; "được giao",
// "được phân công", "được ủy quyền" and "được <Authority> …" still task it.
func passiveAfter(v *sentenceView, k int) bool {
	for k < len(v.raw) && (v.raw[k] == "phải" || v.raw[k] == "cần" || v.raw[k] == "sẽ" || v.raw[k] == "đã" || v.raw[k] == "cũng") {
		k++
	}
	if k+1 >= len(v.raw) || v.raw[k] != "được" || v.upper[k+1] {
		return false
	}
	switch v.raw[k+1] {
	case "giao", "phân", "ủy", "uỷ", "chỉ", "cử", "trao", "yêu", "đề":
		return false // ("được giao", "được chỉ đạo", "được yêu cầu", "được đề nghị": a task given)
	}
	return true
}

// notItsOwnWork: the subject's predicate, from token k, relays an authority's
// words ("truyền đạt ý kiến chỉ đạo / kết luận …": the office that writes the
// letter) or invites others ("Trung ương Hội Nông dân Việt Nam kính mời các
// cơ quan … tham gia …"): no task of the subject's own.
func notItsOwnWork(v *sentenceView, k int) bool {
	if k+1 < len(v.raw) && v.raw[k] == "kính" && v.raw[k+1] == "mời" {
		return true
	}
	return k+2 < len(v.w) && v.w[k] == "truyen" && v.w[k+1] == "dat" && (v.w[k+2] == "y" || v.w[k+2] == "ket" || v.w[k+2] == "chi")
}

// namedPerson: the subject is a person, a title, the unit and a name in
// capitals ("Giám đốc Sở Tài chính Lê Trọng Thụ báo cáo …", "Phó Chủ tịch UBND
// tỉnh Nguyễn Văn A phát biểu …"): what someone said or did at a meeting,
// not the unit's task.
func namedPerson(v *sentenceView, leads []units.Mention) bool {
	first := sort.Search(len(v.ts), func(j int) bool { return v.ts[j].Start >= leads[0].Start })
	titled := false
	for k := max(0, first-4); k < first; k++ {
		if n := matchAt(v.w, k, titles); n > 0 && k+n == first && v.upper[k] {
			titled = true
			break
		}
	}
	if !titled || len(leads) != 1 {
		return false
	}
	e := leadsEnd(v, leads)
	if e > 0 && placeLevels[v.raw[e-1]] || e > 1 && (v.raw[e-1] == "phố" || v.raw[e-1] == "xã" || v.raw[e-1] == "trấn") {
		return false // "… UBND các huyện, thành phố Cà Mau": capitals after a level are a place
	}
	c := 0
	for e+c < len(v.w) && v.upper[e+c] && v.inMen[e+c] < 0 && v.headAt(e+c) == 0 && !numbered(v.w[e+c]) &&
		strings.TrimSpace(v.s[v.ts[e+c-1].End:v.ts[e+c].Start]) == "" {
		c++
	}
	return c >= 2 && c <= 4 && e+c < len(v.w) && !v.upper[e+c]
}

// dayTimes are the parts of a day that, before a number, give a time:
// "chiều 12-10", "sáng 5/3".
var dayTimes = map[string]bool{"sáng": true, "trưa": true, "chiều": true, "tối": true, "đêm": true}

// placeRangeFrom: a "từ" before a capitalised place opens a range in the
// tokens [i, j) ("… ven biển từ Quảng Ninh đến …").
func placeRangeFrom(v *sentenceView, i, j int) bool {
	for k := j - 1; k >= i && k >= j-6; k-- {
		if v.raw[k] == "từ" && k+1 < j && v.upper[k+1] {
			return true
		}
	}
	return false
}

// actionBetween: a word of the tokens (i, j) opens an action.
func actionBetween(v *sentenceView, i, j int) bool {
	for k := i + 1; k < j; k++ {
		if v.inMen[k] < 0 && v.actionAt(k) {
			return true
		}
	}
	return false
}

// leadsEnd is the token index just after the last name.
func leadsEnd(v *sentenceView, leads []units.Mention) int {
	last := leads[len(leads)-1].End
	for j, t := range v.ts {
		if t.Start >= last {
			return j
		}
	}
	return len(v.ts)
}

func (x *extractor) coordinators(s string) (bool, []units.Mention) {
	return x.coordinatorsView(x.view(s), 0)
}

// coordinatorsView: the units after "phối hợp (với)", up to the next action. The
// object of any other verb is not a coordinator.
func (x *extractor) coordinatorsView(v *sentenceView, from int) (bool, []units.Mention) {
	for j := from; j+1 < len(v.w); j++ {
		if v.inMen[j] >= 0 {
			continue
		}
		var i int
		switch {
		case v.w[j] == "phoi" && v.w[j+1] == "hop":
			if cs, ok := x.coordinatorsBefore(v, from, j); ok {
				return true, cs
			}
			i = j + 2
			if i < len(v.w) && (v.w[i] == "voi" || v.w[i] == "cung" || v.w[i] == "cua") {
				i++ // "phối hợp với", "phối hợp cùng", "với sự phối hợp của"
			}
		case j >= 2 && v.w[j-2] == "chu" && v.w[j-1] == "tri" && matchAt(v.w, j, participation) > 0:
			// "Sở X chủ trì, có sự tham gia của Sở Y, Sở Z, …", "… chủ trì, cùng
			// với Sở Y …"; elsewhere the words tell who is in a team or a
			// meeting ("lập đoàn công tác có sự tham gia của …")
			i = j + matchAt(v.w, j, participation)
		default:
			continue
		}
		i = skipTitles(v, i)
		end := v.groupVerb(i, v.stopFrom(i))
		for k := i + 1; k < end; k++ {
			if v.raw[k] == "nhằm" || v.raw[k] == "để" || v.raw[k] == "trong" && k+1 < end && v.raw[k+1] == "việc" {
				end = k // "phối hợp với các lực lượng tại cửa khẩu nhằm …", "… với Bộ Công an trong việc …": the purpose is no coordinator's word
				break
			}
		}
		return true, v.names(i, end, x.opts.Units)
	}
	return false, nil
}

// participation: "có sự tham gia của", "cùng với" after "chủ trì": the units
// after it take part in the lead's task, as coordinators do.
var participation = splitPhrases(`co su tham gia cua|voi su tham gia cua|co su phoi hop cua|cung voi`)

// coordinatorsBefore: "Giao Công an tỉnh chủ trì, Sở Tư pháp, Sở Nội vụ phối
// hợp thực hiện": the units between the lead's "chủ trì" and "phối hợp" at j,
// with no "với" after it, coordinate.
func (x *extractor) coordinatorsBefore(v *sentenceView, from, j int) ([]units.Mention, bool) {
	if j+2 < len(v.w) && (v.w[j+2] == "voi" || v.w[j+2] == "cung" || v.inMen[j+2] >= 0 || v.headAt(j+2) > 0) {
		return nil, false
	}
	c := -1
	for k := j - 1; k > from && k >= j-40; k-- {
		if v.w[k-1] == "chu" && v.w[k] == "tri" {
			c = k + 1
			break
		}
	}
	if c < 0 || c >= j || !strings.ContainsAny(v.s[v.ts[c-1].End:v.ts[c].Start], ",;") || v.inMen[c] < 0 && v.headAt(c) == 0 {
		return nil, false
	}
	cs := v.names(c, j, x.opts.Units)
	if len(cs) == 0 || !v.covered(c, j, cs) {
		return nil, false
	}
	for _, m := range cs {
		if !x.looksLikeUnit(m) {
			return nil, false
		}
	}
	return cs, true
}

// reSep separates names: a comma, a semicolon, "và", "với" ("\b" would not do:
// it knows only ASCII letters).
var reSep = lazyre.New(`\s*(?:[,;]|(?:^|\s)(?:và|với|cùng|cùng với)(?:\s|$))\s*`)

// names splits the tokens [i, end) into unit names: directory mentions, and the
// text between them cut where a new name head follows a separator. Words in
// parentheses are dropped; "các Sở: A, B, C" is "Sở A", "Sở B", "Sở C".
//
// A view keeps what names gave for each span (namesUncached): the rules ask
// for the same words of a sentence again, from another rule or when the
// sentence comes again in the text (issue 14: names was 8% of Extract's time
// on 4.9 KB documents, three asks in four for a span already read). Each
// caller gets a copy of its own, free to change it.
func (v *sentenceView) names(i, end int, dir *units.Directory) []units.Mention {
	for _, m := range v.namesOf {
		if m.i == i && m.end == end && m.dir == dir {
			return slices.Clone(m.ms)
		}
	}
	ms := v.namesUncached(i, end, dir)
	v.namesOf = append(v.namesOf, namesMemo{i: i, end: end, dir: dir, ms: slices.Clone(ms)})
	return ms
}

// namesMemo is what names gave for tokens [i, end) of a view.
type namesMemo struct {
	i, end int
	dir    *units.Directory
	ms     []units.Mention
}

func (v *sentenceView) namesUncached(i, end int, dir *units.Directory) []units.Mention {
	if i >= end || i >= len(v.ts) {
		return nil
	}
	// "các Sở: A, B; Ban C; UBND các huyện: D, E": each part between ";" is a
	// name or a list of its own.
	for j := i + 1; j < end; j++ {
		if strings.Contains(v.s[v.ts[j-1].End:v.ts[j].Start], ";") {
			return append(v.names(i, j, dir), v.names(j, end, dir)...)
		}
	}
	if v.raw[i] == "các" {
		for k := i + 2; k < end; k++ {
			if v.raw[k] == "gồm" && !v.paren[k] {
				// "các Bộ, ngành, đơn vị gồm Bộ Công an, Bộ Tài chính …": the
				// group is named, then its members listed
				if v.raw[k-1] == "bao" {
					k--
				}
				return v.names(i, k, dir)
			}
		}
	}
	if out, ok := v.headList(i, end, dir); ok {
		return out
	}
	if out, ok := v.colonList(i, end, dir); ok {
		return out
	}
	var out []units.Mention
	pos := v.ts[i].Start
	stop := v.ts[end-1].End
	for k, m := range v.ms {
		if m.End <= pos || m.Start >= stop {
			continue
		}
		if !(len(out) > 0 && levelQualifier(v.s[pos:m.Start])) {
			out = append(out, v.generic(pos, m.Start)...)
		}
		if len(out) > 0 && v.parenAt(m.Start) && v.inParens(k, i, end) {
			// "Sở Nội vụ (Ban Thi đua - Khen thưởng) chủ trì": the part of
			// the unit that does the work, no second lead
			pos = m.End
			continue
		}
		out = append(out, m)
		pos = m.End
	}
	if !(len(out) > 0 && levelQualifier(v.s[pos:stop])) {
		out = append(out, v.generic(pos, stop)...)
	}
	return personAfterPlace(splitPlaces(v.joinParents(v.shareTail(v.joinBareHeads(out), dir))))
}

// personAfterPlace: a name the grammar built whose place, after its level, runs
// on into a person's name ("Chủ tịch UBND huyện Cao Lãnh Nguyễn Văn An chỉ
// đạo …"): two to four capitalised words opening with a family name, after at
// least one word of the place, are the person's, not the unit's.
func personAfterPlace(ms []units.Mention) []units.Mention {
	for k := range ms {
		m := &ms[k]
		if m.Unit != nil || m.Collective {
			continue
		}
		var starts []int // each word's offset in m.Written
		for i := 0; i < len(m.Written); {
			for i < len(m.Written) && m.Written[i] == ' ' {
				i++
			}
			if i < len(m.Written) {
				starts = append(starts, i)
			}
			for i < len(m.Written) && m.Written[i] != ' ' {
				i++
			}
		}
		word := func(q int) string {
			e := len(m.Written)
			if q+1 < len(starts) {
				e = starts[q+1]
			}
			return strings.TrimSpace(m.Written[starts[q]:e])
		}
		level := -1
		for q := range starts {
			switch strings.ToLower(word(q)) {
			case "huyện", "xã", "phường", "quận", "trấn", "phố":
				level = q // ("thị xã", "thị trấn", "thành phố": their last word)
			}
		}
		for q := level + 2; level >= 0 && q < len(starts); q++ {
			if n := len(starts) - q; n < 2 || n > 4 || !familyNames[units.Normalize(word(q))] {
				continue
			}
			person := true
			for r := q; r < len(starts); r++ {
				w := word(r)
				c, _ := utf8.DecodeRuneInString(w)
				person = person && units.IsUpper(c) && !allCaps(w)
			}
			if person {
				m.Written = strings.TrimSpace(m.Written[:starts[q]])
				m.End = m.Start + len(m.Written)
				break
			}
		}
	}
	return ms
}

// levelQualifier: s, right after a name, only says at which level ("sở GD&ĐT
// cấp tỉnh"): a qualifier of that name, no name of its own.
func levelQualifier(s string) bool {
	switch strings.TrimSpace(s) {
	case "cấp tỉnh", "cấp huyện", "cấp xã", "cấp cơ sở", "cấp trung ương":
		return s != "" && s[0] == ' '
	}
	return false
}

// shareTail: a People's Committee (or a party committee, a People's Council)
// named without its level, then "," or "và"
// and a body named with a group of places ("Chủ tịch UBND, Trưởng Ban Chỉ
// huy PCTT và TKCN các huyện, thị xã, thành phố", the storm công điện's
// addressees): the places are the committee's too, "UBND các huyện, thị xã,
// thành phố", not the province's own committee or a bare head.
func (v *sentenceView) shareTail(out []units.Mention, dir *units.Directory) []units.Mention {
	for k := 0; k+1 < len(out); k++ {
		a, b := out[k], out[k+1]
		if a.Unit != nil && !a.Generic || a.Collective || a.End > b.Start {
			continue
		}
		head := "UBND"
		switch w := strings.ToLower(strings.TrimSpace(a.Written)); w {
		case "ubnd", "ủy ban nhân dân", "uỷ ban nhân dân":
		case "đảng ủy", "đảng uỷ", "hđnd", "hội đồng nhân dân":
			// "Bí thư Đảng ủy, Chủ tịch UBND các xã, phường": the party
			// committee of those places too
			head = strings.TrimSpace(a.Written)
		default:
			continue
		}
		// (", Trưởng Ban Chỉ huy …", "và Trưởng Ban …", ", Chủ tịch UBND …":
		// the next one's title, which names() left between them, is no
		// separator's word)
		sep := strings.ToLower(strings.Trim(v.s[a.End:b.Start], " ,"))
		for _, title := range []string{"trưởng", "chủ tịch", "bí thư"} {
			sep = strings.TrimSpace(strings.TrimSuffix(sep, title))
		}
		if sep != "" && sep != "và" && sep != "," {
			continue
		}
		c := strings.Index(b.Written, " các ")
		if c < 0 {
			continue
		}
		name := head + " " + b.Written[c+1:]
		a.Unit, a.Generic, a.Collective, a.Group, a.Members = nil, false, true, name, nil
		if ms := dir.Mentions(name); len(ms) == 1 && ms[0].Start == 0 && ms[0].End == len(name) && ms[0].Collective {
			a.Group, a.Members = ms[0].Group, ms[0].Members
		}
		out[k] = a
	}
	return out
}

// parenAt: the token starting at byte p is in parentheses (found by binary
// search: names asks it of every mention).
func (v *sentenceView) parenAt(p int) bool {
	j := sort.Search(len(v.ts), func(j int) bool { return v.ts[j].Start >= p })
	return j < len(v.ts) && v.paren[j]
}

// inParens: mention k's words, within tokens [i, end), are all in parentheses.
func (v *sentenceView) inParens(k, i, end int) bool {
	in := false
	for j := i; j < end; j++ {
		if int(v.inMen[j]) == k {
			if !v.paren[j] {
				return false
			}
			in = true
		}
	}
	return in
}

// joinParents: a body the directory does not know, followed with nothing
// between by the unit it belongs to, is one name ("Cơ quan CSĐT Công an tỉnh",
// "Phòng Cảnh sát giao thông Công an tỉnh"): a part of the unit, not the unit.
func (v *sentenceView) joinParents(ms []units.Mention) []units.Mention {
	for k := 0; k+1 < len(ms); k++ {
		a, b := ms[k], ms[k+1]
		if a.End <= b.Start && b.End <= len(v.s) && strings.TrimSpace(v.s[a.End:b.Start]) == "" && !b.Collective &&
			(b.Unit == nil && strings.HasSuffix(units.Normalize(a.Written), " thanh vien") || a.Unit == nil && endsBelonging(a.Written)) {
			// "các cơ quan thành viên Ban An toàn giao thông tỉnh": the members
			// of the body named after them, one group
			ms[k] = units.Mention{Start: a.Start, End: b.End, Written: v.s[a.Start:b.End], Generic: true, Collective: a.Collective}
			ms = append(ms[:k+1], ms[k+2:]...)
			k--
			continue
		}
		if a.Unit == nil && a.Generic && !a.Collective && b.Collective && a.End <= b.Start && b.End <= len(v.s) &&
			strings.TrimSpace(v.s[a.End:b.Start]) == "" && strings.HasPrefix(b.Written, "các ") && startsUpper(a.Written) {
			// "Ban Biên tập Website các sở, ban, ngành", "Ban vì sự tiến bộ
			// phụ nữ các sở, ban, ngành, huyện": a body the directory does not
			// know, in each of the group named right after it, is one group
			ms[k] = units.Mention{Start: a.Start, End: b.End, Written: v.s[a.Start:b.End], Collective: true}
			ms[k].Group = ms[k].Written
			ms = append(ms[:k+1], ms[k+2:]...)
			k--
			continue
		}
		if b.Collective || a.Collective || a.End > b.Start || b.End > len(v.s) || strings.TrimSpace(v.s[a.End:b.Start]) != "" {
			continue
		}
		if !(a.Unit == nil && a.Generic && subUnitHead(a.Written) || innerBody(a.Written) && parentBody(b)) {
			continue
		}
		ms[k] = units.Mention{Start: a.Start, End: b.End, Written: v.s[a.Start:b.End], Generic: true}
		ms = append(ms[:k+1], ms[k+2:]...)
		k--
	}
	return ms
}

// endsBelonging: a name that ends in "thuộc", "trực thuộc" or "của" ("các
// đơn vị trực thuộc", "các phòng chuyên môn của") goes on with the body they
// belong to: "các đơn vị thuộc Sở Y tế" is one group, not a group and the
// department as a second lead.
func endsBelonging(name string) bool {
	n := units.Normalize(name)
	return strings.HasSuffix(n, " thuoc") || strings.HasSuffix(n, " cua")
}

// subUnitHead: the name opens with the head of a part of a larger body.
// innerBody: a body every department or committee has ("Thanh tra Sở Xây
// dựng", "Văn phòng Sở Y tế", "Công đoàn Sở Tư pháp"): named alone, the
// directory may take it for the province's own.
func innerBody(name string) bool {
	switch name {
	case "Thanh tra", "Văn phòng", "Công đoàn", "Đảng ủy", "Đảng uỷ":
		return true
	}
	return false
}

// parentBody: a department, a ministry or a committee, which bodies belong to.
func parentBody(m units.Mention) bool {
	w := m.Written
	if m.Unit != nil {
		w = m.Unit.Name
	}
	for _, h := range []string{"Sở ", "Bộ ", "UBND ", "Ủy ban nhân dân ", "Uỷ ban nhân dân ", "Tổng cục ", "Cục "} {
		if strings.HasPrefix(w, h) {
			return true
		}
	}
	return false
}

func subUnitHead(name string) bool {
	for _, h := range []string{"Cơ quan ", "Phòng ", "Đội ", "Chi cục ", "Trạm ", "Hạt ", "Trung tâm ", "Trường "} {
		if strings.HasPrefix(name, h) {
			return true
		}
	}
	return false
}

// rePlaceList is a People's Committee's head before a list of place names:
// "Ủy ban nhân dân huyện Thanh Bình, Cao Lãnh, Lấp Vò và Châu Thành".
var rePlaceList = lazyre.New(`^((?:Ủy ban nhân dân|Uỷ ban nhân dân|UBND) (?:huyện|xã|phường|thị xã|thành phố|quận|tỉnh|thị trấn)) (.+)$`)

// placeListHead: s begins as rePlaceList does, with a People's Committee's
// name and a space.
func placeListHead(s string) bool {
	return strings.HasPrefix(s, "Ủy ban nhân dân ") || strings.HasPrefix(s, "Uỷ ban nhân dân ") || strings.HasPrefix(s, "UBND ")
}

// splitPlaces gives each place of such a list its own name ("UBND huyện Thanh
// Bình", "UBND huyện Cao Lãnh" …): every item is a capitalised place name.
func splitPlaces(ms []units.Mention) []units.Mention {
	var out []units.Mention
	for _, m := range ms {
		if m.Unit != nil || m.Collective || !strings.Contains(m.Written, ",") || !placeListHead(m.Written) {
			// no list to split: the expression needs a comma in what follows its
			// head, which begins the name (a fast path: the expression was run on
			// every name)
			out = append(out, m)
			continue
		}
		sm := rePlaceList.FindStringSubmatch(m.Written)
		if sm == nil || !strings.Contains(sm[2], ",") {
			out = append(out, m)
			continue
		}
		items := strings.Split(strings.ReplaceAll(sm[2], " và ", ", "), ",")
		ok := len(items) > 1
		for i, it := range items {
			it = strings.TrimSpace(it)
			items[i] = it
			for _, w := range strings.Fields(it) {
				if !startsUpper(w) {
					ok = false
				}
			}
			if it == "" {
				ok = false
			}
		}
		if !ok {
			out = append(out, m)
			continue
		}
		for _, it := range items {
			n := m
			n.Written = sm[1] + " " + it
			out = append(out, n)
		}
	}
	return out
}

// joinBareHeads: a head written alone just before a name ("Chi cục" + "Thuế
// tỉnh Đồng Tháp") is that name's head, never a name of its own.
func (v *sentenceView) joinBareHeads(out []units.Mention) []units.Mention {
	for k := 0; k+1 < len(out); k++ {
		a, b := out[k], out[k+1]
		if !a.Generic || !(bareHead(a.Written) || partyHead(a.Written) || roleBody(a.Written)) || a.End > b.Start || b.Collective ||
			strings.TrimSpace(v.s[a.End:b.Start]) != "" || strings.TrimSpace(v.s[a.Start:a.End]) != a.Written || v.s[b.Start:b.End] != b.Written {
			continue
		}
		b.Start = a.Start
		b.Written = v.s[b.Start:b.End]
		if partyHead(a.Written) || roleBody(a.Written) {
			b.Unit, b.Generic = nil, true // the party body of a unit is not the unit
		}
		out[k+1] = b
		out = append(out[:k], out[k+1:]...)
		k--
	}
	return out
}

// bareHeads are heads that never name a unit alone: a body must follow.
var bareHeads = splitPhrases(`sở|cục|chi cục|tổng cục|ban|ban quản lý|trung tâm|văn phòng|phòng|bộ|ủy ban|uỷ ban|hội|viện|
trường|quỹ|đài|báo|công ty|tổng công ty|ngân hàng|kho bạc|bệnh viện|tổ|đội|trạm|đoàn|các sở|các ban|các cục`)

// roleBodies are bodies inside another unit ("Ban Thường trực Ủy ban MTTQ",
// "Thường trực HĐND tỉnh", "Văn phòng Đoàn ĐBQH"): the unit they belong to
// follows without a separator, and the whole is one name.
var roleBodies = splitPhrases(`ban thường trực|thường trực|ban thường vụ|ban giám đốc|ban lãnh đạo|ban chỉ huy|
văn phòng|ban chấp hành|đoàn đại biểu`)

func roleBody(name string) bool { return wholePhrase(name, roleBodies) }

// partyHead: the name is a party body's head alone ("ban cán sự đảng"), whose
// body is the name that follows ("UBND tỉnh").
func partyHead(name string) bool { return wholePhrase(name, lowerHeads) }

// bareHead: the name is a head and nothing else ("Cục", "Chi cục", "Sở", "Ban").
func bareHead(name string) bool {
	return wholePhraseUpTo(name, bareHeads, 3)
}

// wholePhrase: the name, in lower case, is one of the phrases and nothing more.
func wholePhrase(name string, ps *phrases) bool {
	return wholePhraseUpTo(name, ps, ps.maxLen())
}

// wholePhraseUpTo: the name has at most limit tokens and, in lower case, is
// one of the phrases and nothing more. A name of more tokens than the longest
// phrase is none, so only the opening tokens are cut (openingTokens), and they
// and their lower case are kept on the stack: the rules ask this of many
// names (issue 14: two Tokenize and a ToLower a word were 4% of Extract's
// time; wholePhrasePlain in fast_test.go is the plain version, checked equal).
func wholePhraseUpTo(name string, ps *phrases, limit int) bool {
	limit = min(limit, ps.maxLen())
	var tb [16]units.Token
	ts := openingTokens(tb[:0], name, limit+1)
	if len(ts) == 0 || len(ts) > limit {
		return false
	}
	if len(ts) > 8 {
		raw := make([]string, len(ts))
		for i, t := range ts {
			raw[i] = strings.ToLower(name[t.Start:t.End])
		}
		return matchAt(raw, 0, ps) == len(ts)
	}
	var rawa [8]string
	var lowa [96]byte // the words in lower case (lowered), on the stack when they fit
	low := lowa[:0]
	for i, t := range ts { // into the array by index: a store through a slice would send lowa to the heap
		rawa[i], low = lowered(low, name[t.Start:t.End])
	}
	return matchAt(rawa[:len(ts)], 0, ps) == len(ts)
}

// listHeads are the heads a list of names can share ("các Sở Tài chính, Xây
// dựng và Y tế").
var listHeads = splitPhrases(`sở|bộ|ban|cục|chi cục|tổng cục|trung tâm`)

// headList expands "các Sở Tài chính, Xây dựng và Y tế" (no colon) into "Sở
// Tài chính", "Sở Xây dựng", "Sở Y tế" when the head and each item make a name
// the directory or the standard names know; items are joined when together they
// make one ("Kế hoạch và Đầu tư"). The list ends at an item that has a head of
// its own; what follows is read as usual. Anything else: not such a list.
func (v *sentenceView) headList(i, end int, dir *units.Directory) ([]units.Mention, bool) {
	if i+2 >= end || v.raw[i] != "các" {
		return nil, false
	}
	hn := matchAt(v.raw, i+1, listHeads)
	if hn == 0 || !v.upper[i+1] && (i+1+hn >= end || !v.upper[i+1+hn]) {
		return nil, false
	}
	head := v.s[v.ts[i+1].Start:v.ts[i+hn].End]
	if r, n := utf8.DecodeRuneInString(head); !v.upper[i+1] {
		// "các sở Xây dựng, Tài chính, Công thương …": the head in lower case
		// before capitalised bodies still lists them, each named "Sở …" (as
		// colonList names "các sở: Xây dựng, …"), not every department
		head = string(unicode.ToUpper(r)) + head[n:]
	}
	a, b := v.ts[i+hn].End, v.ts[end-1].End
	if strings.Contains(v.s[a:b], ":") {
		return nil, false // "các Sở: …" (colonList)
	}
	type piece struct{ start, end int }
	var ps []piece
	last := a
	var room [16][2]int
	for _, loc := range appendSeparators(room[:0], v.s[a:b]) {
		ps = append(ps, piece{last, a + loc[0]})
		last = a + loc[1]
	}
	ps = append(ps, piece{last, b})
	known := func(name string) (units.Mention, bool) {
		ms := dir.Mentions(name)
		if len(ms) != 1 || ms[0].Start != 0 || ms[0].End != len(name) || ms[0].Collective || ms[0].Generic {
			return units.Mention{}, false
		}
		return ms[0], true
	}
	var out []units.Mention
	for k := 0; k < len(ps); {
		text := strings.TrimSpace(v.s[ps[k].start:ps[k].end])
		if k > 0 && (text == "" || looksLikeHead(text)) {
			// the list ends: "…, Y tế và UBND các xã"
			if len(out) < 2 {
				return nil, false
			}
			j := i
			for j < end && v.ts[j].Start < ps[k].start {
				j++
			}
			return append(out, v.names(j, end, dir)...), true
		}
		took := false
		for e := len(ps); e > k; e-- {
			t := strings.TrimSpace(v.s[ps[k].start:ps[e-1].end])
			if t == "" {
				continue
			}
			m, ok := known(head + " " + t)
			if !ok {
				continue
			}
			m.Written = head + " " + t
			m.Start, m.End = ps[k].start, ps[e-1].end
			if k == 0 {
				m.Start = v.ts[i].Start // the first name covers "các" and the head
			}
			out = append(out, m)
			k, took = e, true
			break
		}
		if !took {
			return nil, false
		}
	}
	if len(out) < 2 {
		return nil, false
	}
	return out, true
}

// bodyKnown: a name's body with a comma in it is known to the directory under
// a province's head ("Văn hóa, Thể thao và Du lịch" as "Sở Văn hóa, Thể thao
// và Du lịch"): "các Bộ: …, Văn hóa, Thể thao và Du lịch, …" lists one ministry.
func bodyKnown(dir *units.Directory, body string) bool {
	if !strings.Contains(body, ", ") {
		return false
	}
	_, ok := dir.Lookup("Sở " + body)
	return ok
}

// isColonList: the tokens [i, end) are a list after a colon ("các Bộ: A, B, …").
// committeesBeforeNames: "UBND các huyện Phù Mỹ, Vân Canh" or "Ủy ban nhân dân
// các xã A, B": the byte after the plural level, where the names begin.
func committeesBeforeNames(seg string) (int, bool) {
	if strings.IndexByte(seg, ',') < 0 {
		return 0, false
	}
	f := strings.Fields(seg)
	k := 0
	switch {
	case len(f) > 3 && f[0] == "UBND":
		k = 1
	case len(f) > 5 && strings.EqualFold(f[0], "Ủy") && strings.EqualFold(f[1], "ban") && strings.EqualFold(f[2], "nhân") && strings.EqualFold(f[3], "dân"):
		k = 4
	default:
		return 0, false
	}
	if len(f) <= k+2 || f[k] != "các" || !startsUpper(f[k+2]) {
		return 0, false
	}
	switch f[k+1] {
	case "huyện", "xã", "phường", "quận", "tỉnh":
	default:
		return 0, false
	}
	// the byte after f[k+1]
	off := 0
	for n := 0; n <= k+1; n++ {
		p := strings.Index(seg[off:], f[n])
		off += p + len(f[n])
	}
	return off, seg[off] == ' '
}

func (v *sentenceView) isColonList(i, end int, dir *units.Directory) bool {
	_, ok := v.colonList(i, end, dir)
	return ok
}

// colonList expands "các Sở: Kế hoạch và Đầu tư, Tài chính, Công Thương" (and
// "Giám đốc các Sở: …") into one name per item, the head put before each. An
// item is joined with the next when the two make a name the directory knows
// ("Văn hóa, Thể thao và Du lịch"); an item with "và" is split when both halves
// are names it knows.
func (v *sentenceView) colonList(i, end int, dir *units.Directory) ([]units.Mention, bool) {
	a, b := v.ts[i].Start, v.ts[end-1].End
	seg := v.s[a:b]
	c := strings.IndexByte(seg, ':')
	if c < 0 {
		// "các Bộ Tài chính, Nông nghiệp và Phát triển nông thôn": a plural head
		// before a list of capitalised names distributes like a colon
		if k, ok := committeesBeforeNames(seg); ok {
			// "UBND các huyện Phù Mỹ, Vân Canh, TX.An Nhơn": the plural
			// committees' places are named right after them, as after a colon
			c = k
		} else {
			if len(seg) < 8 || !strings.EqualFold(seg[:4], "các ") || strings.IndexByte(seg, ',') < 0 {
				return nil, false
			}
			f := strings.Fields(seg)
			if len(f) < 3 || !strings.EqualFold(f[0], "các") || !strings.Contains(seg, ",") || !startsUpper(f[2]) ||
				!(strings.EqualFold(f[1], "Bộ") || strings.EqualFold(f[1], "Sở")) {
				return nil, false
			}
			c = len(f[0]) + 1 + len(f[1])
			if seg[c] != ' ' {
				return nil, false
			}
		}
	}
	head := strings.TrimSpace(seg[:c])
	hw := strings.Fields(head)
	words := len(hw)
	if words > 4 && strings.Contains(strings.ToLower(head), "ban nhân dân") {
		words -= 3 // "Ủy ban nhân dân các xã" is a head of three words, like "UBND các xã"
	}
	if words == 0 || words > 4 {
		return nil, false
	}
	// "các Sở" → "Sở", "UBND các huyện" → "UBND huyện"
	kept := hw[:0:0]
	for _, w := range hw {
		if !strings.EqualFold(w, "các") {
			kept = append(kept, w)
		}
	}
	hw = kept
	if len(hw) == 3 && strings.EqualFold(hw[1], "địa") && strings.EqualFold(hw[2], "phương") && units.Normalize(hw[0]) == "ubnd" {
		hw = hw[:1] // "UBND các địa phương: Khánh Sơn, Cam Lâm": each is "UBND Khánh Sơn" (a locality is no level)
	}
	if len(hw) >= 2 && strings.HasSuffix(hw[0], ",") {
		// "các Bộ, cơ quan: Kế hoạch và Đầu tư, …, Ủy ban nhân dân tỉnh …": the
		// first kind names the members without a head of their own
		hw = []string{strings.TrimSuffix(hw[0], ",")}
	}
	single := strings.Join(hw, " ")
	if single != "" && !looksLikeHead(single) && !looksLikeHead("các "+single) {
		single = ""
	}
	if r, n := utf8.DecodeRuneInString(single); n > 0 && unicode.IsLower(r) && matchAt(hw, 0, listHeads) == len(hw) {
		single = string(unicode.ToUpper(r)) + single[n:] // "các sở: Xây dựng, …": each is "Sở Xây dựng", a unit's own name (not "các ngành: …", sectors)
	}
	var pieces []struct {
		text  string
		start int
	}
	rest := seg[c+1:]
	off := a + c + 1
	for _, loc := range splitKeep(rest, ",;") {
		p := rest[loc[0]:loc[1]]
		t := strings.TrimSpace(p)
		if t == "" {
			continue
		}
		pieces = append(pieces, struct {
			text  string
			start int
		}{t, off + loc[0] + strings.Index(p, t)})
	}
	if len(pieces) == 0 {
		return nil, false
	}
	if w := units.Words(pieces[0].text); len(w) > 0 && !startsUpper(pieces[0].text) && matchAt(w, 0, actionPhrases) > 0 {
		return nil, false // "Đài Truyền thanh huyện: phổ biến, phát động …": what the unit does follows the colon, no list
	}
	name := func(t string) string {
		if single == "" || v.startsWithHead(t) && !wholeHead(strings.Fields(units.Normalize(t))) {
			return t // ("các Bộ: Quốc phòng, Công an": "Công an" alone is the ministry's body)
		}
		return single + " " + t
	}
	known := func(t string) (units.Unit, bool) {
		if u, ok := dir.Lookup(name(t)); ok {
			return u, true
		}
		return units.Unit{}, false
	}
	var out []units.Mention
	add := func(t string, start int) {
		t = strings.Trim(t, " .;,")
		if t == "" {
			return
		}
		m := units.Mention{Start: start, End: start + len(t), Written: name(t), Generic: true}
		if len(out) == 0 {
			m.Start = a // the first name covers the head before the colon
		}
		if u, ok := known(t); ok {
			m.Unit, m.Generic = &u, false
		}
		out = append(out, m)
	}
	for k := 0; k < len(pieces); {
		took := false
		for e := len(pieces); e > k+1; e-- {
			parts := make([]string, 0, e-k)
			for _, p := range pieces[k:e] {
				parts = append(parts, p.text)
			}
			j := strings.Join(parts, ", ")
			if _, ok := known(j); ok || bodyKnown(dir, j) {
				add(j, pieces[k].start)
				k, took = e, true
				break
			}
		}
		if took {
			continue
		}
		t := pieces[k].text
		if l, r, ok := strings.Cut(t, " và "); ok && looksLikeHead(r) {
			// "Hải Lăng và các sở, ban ngành …": the list ends; what follows are
			// names of their own
			add(l, pieces[k].start)
			rs := pieces[k].start + len(l) + len(" và ")
			return append(out, v.generic(rs, b)...), true
		}
		if l, r, ok := strings.Cut(t, " và "); ok {
			_, whole := known(t)
			_, okL := known(l)
			_, okR := known(r)
			if !whole && (okL && okR || k == len(pieces)-1 && (okL || okR)) {
				add(l, pieces[k].start)
				add(r, pieces[k].start+len(l)+len(" và "))
				k++
				continue
			}
		}
		add(t, pieces[k].start)
		k++
	}
	return out, true
}

func (v *sentenceView) startsWithHead(t string) bool {
	ts := units.Tokenize(t)
	if len(ts) == 0 {
		return false
	}
	raw := make([]string, len(ts))
	for i, tk := range ts {
		raw[i] = strings.ToLower(t[tk.Start:tk.End])
		if tk.Word == "ubnd" {
			raw[i] = "ubnd"
		}
	}
	r, _ := utf8.DecodeRuneInString(t)
	return units.IsUpper(r) && matchAt(raw, 0, nameHeads) > 0
}

// splitKeep splits s at any of the separator bytes, returning the pieces' spans.
func splitKeep(s, seps string) [][2]int {
	var out [][2]int
	last := 0
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(seps, s[i]) >= 0 {
			out = append(out, [2]int{last, i})
			last = i + 1
		}
	}
	return append(out, [2]int{last, len(s)})
}

func (v *sentenceView) generic(a, b int) []units.Mention {
	if a >= b {
		return nil
	}
	seg := dropParens(v.s[a:b])
	var out []units.Mention
	cur, curStart := "", a
	last := 0
	flush := func() {
		name := joinFields(strings.Trim(strings.TrimSpace(cur), ",;:.-– "))
		if name != "" {
			if looksLikeHead(name) {
				out = append(out, units.Mention{Start: curStart, End: curStart + len(cur), Written: name, Generic: true})
			}
		}
		cur = ""
	}
	// take reads the piece at byte at of the text, after a separator of sep
	// bytes (0 for the first piece)
	take := func(piece string, at, sep int) {
		if strings.TrimSpace(piece) == "" {
			return
		}
		if lp := strings.ToLower(strings.TrimSpace(piece)); strings.HasPrefix(lp, "các đồng chí ") || strings.HasPrefix(lp, "đồng chí ") {
			flush() // "Đài truyền thanh xã, các đồng chí Trưởng thôn thông báo …": persons after the unit, no part of its name
			return
		}
		// a title between names ("…, Thủ trưởng các sở") separates them
		if t := stripTitle(piece); t != piece {
			if strings.TrimSpace(t) == "" {
				flush()
				return
			}
			if looksLikeHead(t) {
				flush()
				cur, curStart = t, at+len(piece)-len(t)
				return
			}
			// "…, Trưởng Ban Tổ chức …": "Trưởng Ban" is a title too, but here
			// "Trưởng" is the title and "Ban Tổ chức …" the body
			if sp := strings.IndexByte(strings.TrimSpace(piece), ' '); sp > 0 {
				p := strings.TrimSpace(piece)
				if r := p[sp+1:]; looksLikeHead(r) && matchAt(units.Words(p[:sp]), 0, titles) == 1 {
					flush()
					cur, curStart = r, at+len(piece)-len(r)
					return
				}
			}
		}
		if cur != "" && groupStart(cur) && strings.HasPrefix(strings.TrimSpace(seg[at-a-sep:at-a]), "và") && namedKind(piece) {
			// "Các phòng GDĐT và trường THPT nộp …": a second kind, named, is a
			// second unit ("các cơ quan và địa phương liên quan" is one group)
			flush()
			cur, curStart = piece, at
			return
		}
		if cur == "" || looksLikeHead(piece) && !(endsBareGroup(cur) && bareGroup(piece)) && !((groupStart(cur) || bareStart(cur)) && bareWordGroup(piece)) &&
			!(levelOf(cur) && levelOf(piece)) && // ("cấp huyện, cấp xã": one group of levels)
			!(bareWordOnly(piece) && strings.Contains(cur, " các ")) && // ("Ban chỉ huy … các Bộ, ngành, địa phương": the group inside the name goes on)
			!(groupStart(cur) && !strings.HasPrefix(cur, "các Sở") && lowerGroup(piece)) {
			flush()
			cur, curStart = piece, at
		} else {
			cur += seg[at-a-sep:at-a] + piece // (sepLenPlain in fast_test.go found sep again: checked equal)
		}
	}
	var room [16][2]int
	sep := 0
	for _, loc := range appendSeparators(room[:0], seg) {
		take(seg[last:loc[0]], a+last, sep)
		last, sep = loc[1], loc[1]-loc[0]
	}
	take(seg[last:], a+last, sep)
	flush()
	return out
}

// namedKind: a kind of body in lower case and its name in capitals or
// capitalised ("trường THPT", "phòng Tài chính").
func namedKind(p string) bool {
	f := strings.Fields(strings.Trim(p, " ,;"))
	if len(f) < 2 || startsUpper(f[0]) {
		return false
	}
	n := matchAt([]string{strings.ToLower(f[0]), strings.ToLower(f[1])}, 0, collectiveHeads)
	return n > 0 && n < len(f) && startsUpper(f[n])
}

// bareGroup: "các cấp", "các ngành": "các" and one group word. Two in a row
// ("các cấp, các ngành") name one group.
func bareGroup(p string) bool {
	f := strings.Fields(strings.Trim(p, " ,;"))
	return len(f) == 2 && strings.EqualFold(f[0], "các") && !startsUpper(f[1])
}

// endsBareGroup: the name ends in "các" and a group word ("… các ngành"), so a
// following "các cấp" goes on naming the same group.
func endsBareGroup(p string) bool {
	f := strings.Fields(strings.Trim(p, " ,;"))
	return len(f) >= 2 && bareGroup(f[len(f)-2]+" "+f[len(f)-1])
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return units.IsUpper(r)
}

// bareWordOnly: the piece is one bare group word and nothing else ("địa
// phương", "ngành"): never a unit of its own.
func bareWordOnly(p string) bool {
	switch strings.Trim(p, " ,;") {
	case "địa phương", "ngành", "đơn vị", "cơ quan", "đoàn thể":
		return true
	}
	return false
}

// levelOf: "cấp huyện", "cấp xã" in lower case: a level of government.
func levelOf(p string) bool {
	f := strings.Fields(strings.Trim(p, " ,;"))
	return len(f) >= 2 && len(f) <= 3 && f[0] == "cấp" && placeLevels[f[1]]
}

// groupStart: "các đơn vị …": a group name.
func groupStart(p string) bool {
	f := strings.Fields(strings.Trim(p, " ,;"))
	return len(f) > 0 && (strings.EqualFold(f[0], "các") || len(f) > 1 && numbered(f[0]) && !strings.ContainsAny(f[0], "/.-")) // ("11 Bộ, cơ quan": a counted group)
}

// lowerGroup: "các ngành có liên quan" in lower case after another group ("các cơ
// quan, đơn vị, các ngành có liên quan"): the same group goes on.
func lowerGroup(p string) bool {
	p = strings.TrimLeft(p, " ,;")
	f := strings.Fields(p)
	if len(f) < 2 || f[0] != "các" || startsUpper(f[1]) {
		return false
	}
	return matchAt([]string{f[1]}, 0, bareCollectives) > 0 || f[1] == "ngành" || f[1] == "cấp" || f[1] == "đoàn"
}

// bareStart: "cơ quan, tổ chức …": a group named without "các", in lower case
// (or after the courtesy word: "Quý cơ quan, tổ chức …").
func bareStart(p string) bool {
	p = strings.TrimLeft(p, " ,;")
	if len(p) > len("quý ") && strings.EqualFold(p[:len("quý ")], "quý ") {
		p = p[len("quý "):] // ("Quý Cơ quan, đơn vị": capitalised out of courtesy)
	} else if startsUpper(p) {
		return false
	}
	ts := units.Tokenize(p)
	raw := make([]string, 0, 2)
	for _, t := range ts[:min(2, len(ts))] {
		raw = append(raw, strings.ToLower(p[t.Start:t.End]))
	}
	return matchAt(raw, 0, bareCollectives) > 0
}

// bareWordGroup: "địa phương liên quan" after "các đơn vị, …": the "các" of the
// group before covers it ("các đơn vị, địa phương liên quan" is one group).
func bareWordGroup(p string) bool {
	p = strings.TrimLeft(p, " ,;")
	if k := units.Normalize(p); strings.HasPrefix(k, "co quan ngang bo") || strings.HasPrefix(k, "co quan thuoc chinh phu") {
		return false // "các bộ, cơ quan ngang bộ": a kind of body of its own, named in full
	}
	return !startsUpper(p) && !strings.HasPrefix(strings.ToLower(p), "các")
}

// stripTitle removes the titles a name piece starts with ("Thủ trưởng", "Chủ tịch").
func stripTitle(piece string) string {
	p := strings.TrimLeft(piece, " ")
	var tb [48]units.Token // room for the tokens on the stack
	var wb [48]string
	for {
		ts := openingTokens(tb[:0], p, titles.maxLen()+1) // a title and the token after it
		n := matchAt(wordsTo(wb[:0], ts), 0, titles)
		if n == 0 || ts[0].Word == "cho" || ts[0].Word == "ong" || ts[0].Word == "ba" ||
			n == 1 && ts[0].Word == "truong" && strings.ToLower(p[ts[0].Start:ts[0].End]) != "trưởng" ||
			n == 1 && ts[0].Word == "quy" && strings.ToLower(p[ts[0].Start:ts[0].End]) != "quý" {
			return p // "Trường Đại học …" is a school, "Trưởng …" a title; "Quỹ …" a fund, "Quý …" courtesy
		}
		if ts[0].Word == "quy" && strings.ToLower(p[ts[0].Start:ts[0].End]) == "quý" && looksLikeHead(p) {
			return p // "Quý cơ quan, đơn vị": the courtesy word belongs to the name (headAt)
		}
		if n >= len(ts) {
			return ""
		}
		p = p[ts[n].Start:]
	}
}

// dropParens blanks what is in parentheses (keeping the byte offsets) and
// collapses the space left.
func dropParens(s string) string {
	if !strings.Contains(s, "(") {
		return s
	}
	b := []byte(s)
	depth := 0
	for i := 0; i < len(b); i++ {
		switch {
		case b[i] == '(':
			depth++
			b[i] = ' '
		case b[i] == ')' && depth > 0:
			depth--
			b[i] = ' '
		case depth > 0:
			b[i] = ' '
		}
	}
	return string(b)
}

// headSpan is how many tokens headAt(0) may read, with one more: a number or
// "các", the longest head after it, and the word after that (notNames).
var headSpan = sync.OnceValue(func() int {
	n := 0
	for _, ps := range []*phrases{countedHeads, collectiveHeads, nameHeads, bareCollectives, lowerHeads} {
		n = max(n, ps.maxLen())
	}
	return n + 3
})

// looksLikeHead: the text starts with a unit-name head.
func looksLikeHead(t string) bool {
	t = strings.TrimLeft(t, " ,;:.-–")
	need := headSpan()
	var tb [48]units.Token // room for the tokens on the stack
	ts := openingTokens(tb[:0], t, need)
	if len(ts) == 0 {
		return false
	}
	if len(ts) > need {
		ts = ts[:need] // headAt(0) reads no further; the view's length still passes every index it reads
	}
	// the view's slices on the stack when they fit (headSpan is far below
	// 32): looksLikeHead is asked of every piece of every list of names
	if len(ts) > 32 {
		return headOnHeap(t, ts)
	}
	var wa, rawa [32]string
	var uppera [32]bool
	var lowa [256]byte // the words in lower case (lowered), on the stack too when they fit
	low := lowa[:0]
	for i, tk := range ts { // into the arrays by index: a store through a slice would send lowa to the heap
		wa[i] = tk.Word
		if tk.Word == "ubnd" {
			rawa[i] = "ubnd"
		} else {
			rawa[i], low = lowered(low, t[tk.Start:tk.End])
		}
		r, _ := utf8.DecodeRuneInString(t[tk.Start:])
		uppera[i] = units.IsUpper(r)
	}
	v := &sentenceView{s: t, ts: ts, w: wa[:len(ts)], raw: rawa[:len(ts)], upper: uppera[:len(ts)]}
	return v.headAt(0) > 0
}

// headOnHeap is looksLikeHead's test for more tokens than its arrays hold.
func headOnHeap(t string, ts []units.Token) bool {
	w, raw, upper := make([]string, len(ts)), make([]string, len(ts)), make([]bool, len(ts))
	for i, tk := range ts {
		w[i] = tk.Word
		if tk.Word == "ubnd" {
			raw[i] = "ubnd"
		} else {
			raw[i] = strings.ToLower(t[tk.Start:tk.End])
		}
		r, _ := utf8.DecodeRuneInString(t[tk.Start:])
		upper[i] = units.IsUpper(r)
	}
	v := &sentenceView{s: t, ts: ts, w: w, raw: raw, upper: upper}
	return v.headAt(0) > 0
}

// isAction: a sub-item under a unit heading that states work to do.
func isAction(s string) bool {
	for _, info := range []string{"Địa điểm", "Địa chỉ", "Điện thoại", "Email", "Thời gian", "Thành phần", "Số điện thoại", "Đối tượng", "Cách thức", "Hình thức", "Phương thức"} {
		if strings.HasPrefix(s, info) {
			return false // "Địa điểm tiếp nhận ý kiến đóng góp:": where, not what to do
		}
	}
	if strings.HasPrefix(units.Normalize(s), "doi voi") {
		// "Đối với các huyện chưa báo cáo: rà soát …", "Đối với X … thì khẩn trương …"
		if k := strings.Index(s, ": "); k > 0 {
			s = s[k+2:]
		} else if k := strings.Index(s, " thì "); k > 0 {
			s = s[k+len(" thì "):]
		} else if r, ok := afterCaseClause(s); ok {
			s = r
		}
	}
	w := units.Words(s)
	for j := 0; j < len(w) && j < 4; j++ {
		if matchAt(w, j, actionPhrases) > 0 {
			return true
		}
	}
	return false
}

// afterCaseClause: "Đối với các trường hợp … (…, …), lập hồ sơ …": the words
// after the first comma outside parentheses that opens an action.
func afterCaseClause(s string) (string, bool) {
	depth := 0
	for i := 0; i+1 < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			depth = max(0, depth-1)
		case ',':
			if depth == 0 && s[i+1] == ' ' {
				rest := s[i+2:]
				if w := units.Words(rest[:cutAt(rest, 40)]); len(w) > 0 && matchAt(w, 0, actionPhrases) > 0 {
					return rest, true
				}
			}
		}
	}
	return "", false
}

// covered reports whether the names account for all of tokens [i, end) but
// separators: "X thông báo để các cơ quan …" does not open with an assignee.
func (v *sentenceView) covered(i, end int, names []units.Mention) bool {
	for j := i; j < end; j++ {
		t := v.ts[j]
		if v.paren[j] {
			continue
		}
		if n := matchAt(v.w, j, titles); n > 0 && j > i && j+n < end && v.w[j] != "cho" {
			j += n - 1 // "Giám đốc các sở, Thủ trưởng các ban, ngành": a title between names
			continue
		}
		in := false
		for _, m := range names {
			if m.Start <= t.Start && t.End <= m.End {
				in = true
				break
			}
		}
		if !in && t.Word != "va" && !(j > i && (v.raw[j] == "cùng" || v.raw[j] == "với" && v.raw[j-1] == "cùng")) {
			return false // ("Bộ X, UBND tỉnh Y cùng (với) các cơ quan liên quan có trách nhiệm …": together with)
		}
	}
	return true
}

// schoolLevels name the levels of schooling, as written after "cấp" or "bậc".
var schoolLevels = splitPhrases(`mầm non|tiểu học|thcs|thpt|trung học cơ sở|trung học phổ thông|trung học|mn|th`)

// placeLevels: the first words of the levels of places a group names ("các
// huyện", "các tỉnh", "các thị xã", "các thành phố", "các địa phương").
var placeLevels = map[string]bool{"tỉnh": true, "huyện": true, "xã": true, "phường": true, "quận": true, "thị": true, "thành": true, "địa": true}

// presides: the subject is a leader, by title ("Chủ tịch UBND huyện", "Giám
// đốc Sở Y tế"), and its predicate from token k is presiding over a meeting
// ("chủ trì cuộc họp / kỳ họp / hội nghị / buổi làm việc"): what happened or
// will, not work given ("Sở Y tế chủ trì hội nghị tập huấn …", without the
// title, still is; so is "Giao Chủ tịch UBND huyện chủ trì …", a trigger's).
func presides(v *sentenceView, k int) bool {
	if k+2 >= len(v.w) || v.w[k] != "chu" || v.w[k+1] != "tri" || skipTitles(v, 0) == 0 {
		return false
	}
	return matchAt(v.w, k+2, meetings) > 0
}

// meetings are what a leader presides over.
var meetings = splitPhrases(`cuoc hop|ky hop|phien hop|buoi hop|hoi nghi|buoi lam viec|buoi tiep|hop|le|buoi le`)
