package extract

import (
	"regexp"
	"strings"

	"cddh-sync/rules/units"
)

// actionPhrases end an assignee's name: the verb that follows it.
var actionPhrases = splitPhrases(`chu tri|phoi hop|khan truong|tham muu|nghien cuu|ra soat|don doc|chu dong|dinh ky|
thuc hien|to chuc|bao cao|huong dan|theo doi|kiem tra|trien khai|tiep tuc|co trach nhiem|tong hop|xem xet|cap nhat|
hoan thanh|dam bao|bao dam|bo tri|xu ly|van hanh|lap|de xuat|chi dao|phan cong|tuyen truyen|giai quyet|tang cuong|
tham dinh|trinh|gui|khac phuc|dieu tiet|cung cap|tiep nhan|lam ro|nam bat|danh gia|ho tro|chuan bi|quan tam|phat dong|
van dong|thuong xuyen|nghiem tuc|can cu|tren co so|thanh lap|ban hanh|ky|rut kinh nghiem|dieu chinh|bo sung|
kip thoi|khao sat|thong ke|tiep thu|hoan chinh|quyet liet|phoi hop voi|tap trung|day nhanh|kien quyet|nhanh chong|
xay dung|quan ly|tham gia|chiu trach nhiem|duy tri|sap xep|uu tien`)

// triggers introduce the assignee: "Giao Sở X …", "Đề nghị Sở X …", "Yêu cầu …".
var triggers = splitPhrases(`giao|de nghi|yeu cau|giao nhiem vu cho|thong nhat giao`)

// nameHeads start the name of an assignee the directory may not know.
var nameHeads = splitPhrases(`so|ubnd|ban|dai|cong ty|cong an|van phong|thanh tra|trung tam|bo chi huy|cac|chi cuc|
bao|thue|bao hiem|vien|truong|benh vien|tinh doan|hoi|ngan hang|kho bac|cuc|quy|tong cong ty|phong|ubmttq|uy ban|
hoi dong|to cong tac|doan|lien doan|tap doan|chu dau tu|nha may|ban quan ly|bch|vks|toa an|hdnd|mat tran`)

func splitPhrases(s string) [][]string {
	var out [][]string
	for _, p := range strings.Split(s, "|") {
		if f := strings.Fields(p); len(f) > 0 {
			out = append(out, f)
		}
	}
	return out
}

func matchAt(w []string, i int, ps [][]string) int {
	best := 0
	for _, p := range ps {
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
	w     []string
	ms    []units.Mention
	inMen []int // per token: index of the mention covering it, -1 if none
}

func (x *extractor) view(s string) *sentenceView {
	v := &sentenceView{s: s, ts: units.Tokenize(s)}
	v.w = words(v.ts)
	v.ms = x.opts.Units.MentionsIn(s, v.ts)
	v.inMen = make([]int, len(v.ts))
	mi := 0
	for i, t := range v.ts {
		v.inMen[i] = -1
		for mi < len(v.ms) && v.ms[mi].End <= t.Start {
			mi++
		}
		if mi < len(v.ms) && v.ms[mi].Start <= t.Start && t.End <= v.ms[mi].End {
			v.inMen[i] = mi
		}
	}
	return v
}

// stopFrom is the first token at or after i that starts an action and is not
// inside a unit name; len(ts) when none.
func (v *sentenceView) stopFrom(i int) int {
	for j := i; j < len(v.w); j++ {
		if v.inMen[j] >= 0 {
			continue
		}
		if matchAt(v.w, j, actionPhrases) > 0 {
			return j
		}
	}
	return len(v.w)
}

// assignment finds the leads and coordinators of a sentence that assigns work.
func (x *extractor) assignment(s string) (leads, coords []units.Mention, ok bool) {
	v := x.view(s)
	for g := 0; g < len(v.w); g++ {
		n := matchAt(v.w, g, triggers)
		if n == 0 || v.inMen[g] >= 0 || (g > 0 && (v.w[g-1] == "duoc" || v.w[g-1] == "da" || v.w[g-1] == "theo")) ||
			(g+n < len(v.w) && v.w[g+n] == "cua") {
			continue
		}
		i := g + n
		for i < len(v.w) {
			if n := matchAt(v.w, i, splitPhrases("giam doc|chu tich|thu truong|cho|nguoi dung dau")); n > 0 {
				i += n
				continue
			}
			break
		}
		end := v.stopFrom(i)
		if end-i > 40 {
			continue
		}
		leads = v.names(i, end)
		if len(leads) == 0 {
			continue
		}
		_, coords = x.coordinatorsView(v, end)
		return leads, coords, true
	}
	leads, coords, ok = x.subjectLeadsView(v, false)
	return leads, coords, ok
}

// subjectLeads: an item that opens with the assignee ("Sở Tài chính tham mưu …",
// or a heading "2. Sở Tài chính:").
func (x *extractor) subjectLeads(s string, heading bool) ([]units.Mention, []units.Mention, bool) {
	return x.subjectLeadsView(x.view(s), heading)
}

func (x *extractor) subjectLeadsView(v *sentenceView, heading bool) ([]units.Mention, []units.Mention, bool) {
	if len(v.w) == 0 {
		return nil, nil, false
	}
	if v.inMen[0] < 0 && matchAt(v.w, 0, nameHeads) == 0 {
		return nil, nil, false
	}
	end := v.stopFrom(0)
	if heading {
		if end != len(v.w) {
			return nil, nil, false
		}
	} else if end == len(v.w) || end == 0 || end > 40 {
		return nil, nil, false
	}
	leads := v.names(0, end)
	if len(leads) == 0 || !v.covered(0, end, leads) {
		return nil, nil, false
	}
	_, coords := x.coordinatorsView(v, end)
	return leads, coords, true
}

func (x *extractor) coordinators(s string) (bool, []units.Mention) {
	return x.coordinatorsView(x.view(s), 0)
}

// coordinatorsView: the units after "phối hợp (với)", up to the next action. The
// object of any other verb is not a coordinator.
func (x *extractor) coordinatorsView(v *sentenceView, from int) (bool, []units.Mention) {
	for j := from; j+1 < len(v.w); j++ {
		if v.inMen[j] >= 0 || v.w[j] != "phoi" || v.w[j+1] != "hop" {
			continue
		}
		i := j + 2
		if i < len(v.w) && v.w[i] == "voi" {
			i++
		}
		end := v.stopFrom(i)
		return true, v.names(i, end)
	}
	return false, nil
}

var reSep = regexp.MustCompile(`\s*(?:[,;:]|\bvà\b|\bvới\b)\s*`)

// names splits the tokens [i, end) into unit names: directory mentions, and the
// text between them cut where a new name head follows a separator.
func (v *sentenceView) names(i, end int) []units.Mention {
	if i >= end || i >= len(v.ts) {
		return nil
	}
	var out []units.Mention
	pos := v.ts[i].Start
	stop := v.ts[end-1].End
	for _, m := range v.ms {
		if m.End <= pos || m.Start >= stop {
			continue
		}
		out = append(out, v.generic(pos, m.Start)...)
		out = append(out, m)
		pos = m.End
	}
	out = append(out, v.generic(pos, stop)...)
	return out
}

func (v *sentenceView) generic(a, b int) []units.Mention {
	if a >= b {
		return nil
	}
	seg := v.s[a:b]
	var out []units.Mention
	cur, curStart := "", a
	last := 0
	flush := func() {
		name := strings.Trim(strings.TrimSpace(cur), ",;:.-– ")
		if name != "" {
			w := words(units.Tokenize(name))
			if matchAt(w, 0, nameHeads) > 0 && !(len(w) == 1 && w[0] == "cac") && !isFiller(w) {
				out = append(out, units.Mention{Start: curStart, End: curStart + len(cur), Written: name, Generic: true})
			}
		}
		cur = ""
	}
	for _, loc := range reSep.FindAllStringIndex(seg, -1) {
		piece := seg[last:loc[0]]
		w := words(units.Tokenize(piece))
		if cur == "" || matchAt(w, 0, nameHeads) > 0 {
			flush()
			cur, curStart = piece, a+last
		} else {
			cur += seg[last-sepLen(seg, last):last] + piece
		}
		last = loc[1]
	}
	piece := seg[last:]
	w := words(units.Tokenize(piece))
	if cur == "" || matchAt(w, 0, nameHeads) > 0 {
		flush()
		cur, curStart = piece, a+last
	} else {
		cur += seg[last-sepLen(seg, last):last] + piece
	}
	flush()
	return out
}

// sepLen is the length of the separator that ends just before i.
func sepLen(seg string, i int) int {
	for _, loc := range reSep.FindAllStringIndex(seg[:i], -1) {
		if loc[1] == i {
			return loc[1] - loc[0]
		}
	}
	return 0
}

func isFiller(w []string) bool {
	k := strings.Join(w, " ")
	return k == "cac don vi lien quan" || k == "cac co quan lien quan"
}

// isAction: a sub-item under a unit heading that states work to do.
func isAction(s string) bool {
	w := words(units.Tokenize(s))
	for j := 0; j < len(w) && j < 4; j++ {
		if matchAt(w, j, actionPhrases) > 0 {
			return true
		}
	}
	return false
}

// covered reports whether the names account for all of tokens [i, end) but
// separators: "X thông báo để các cơ quan …" does not open with an assignee.
func (v *sentenceView) covered(i, end int, names []units.Mention) bool {
	for j := i; j < end; j++ {
		t := v.ts[j]
		in := false
		for _, m := range names {
			if m.Start <= t.Start && t.End <= m.End {
				in = true
				break
			}
		}
		if !in && t.Word != "va" {
			return false
		}
	}
	return true
}
