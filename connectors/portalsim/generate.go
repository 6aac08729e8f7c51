package portalsim

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"cddh-sync/connectors"
)

// docKind is what a generated document is, which decides its shape and wording.
type docKind int

const (
	kindLetterUBND   docKind = iota // công văn of the UBND (Chair's direction)
	kindLetterOffice                // công văn of the Office conveying a leader's direction
	kindConclusion                  // thông báo kết luận
	kindInstruction                 // chỉ thị
	kindPlan                        // kế hoạch with periodic reports
	kindDecision                    // quyết định cá biệt
	kindDispatch                    // công điện hỏa tốc
	kindReport                      // a unit's report (DEN)
	kindExtRequest                  // a unit asks for more time (DEN)
	kindExtApproval                 // the Office grants it (DI, no task of its own)
)

// typeName is the loaiVanBan of each kind.
func (k docKind) typeName() string {
	switch k {
	case kindLetterUBND, kindLetterOffice, kindExtRequest, kindExtApproval:
		return "Công văn"
	case kindConclusion:
		return "Thông báo"
	case kindInstruction:
		return "Chỉ thị"
	case kindPlan:
		return "Kế hoạch"
	case kindDecision:
		return "Quyết định"
	case kindDispatch:
		return "Công điện"
	default:
		return "Báo cáo"
	}
}

type dueKind int

const (
	dueNone      dueKind = iota
	dueDate              // trước ngày 20/3/2026
	dueDateHour          // trước 16 giờ ngày 20/3/2026
	dueWorkdays          // trong thời hạn 10 ngày làm việc kể từ ngày nhận được văn bản này
	dueCalDays           // trong thời hạn 30 ngày kể từ ngày ký
	dueMonth             // trong tháng 12/2026
	dueQuarter           // trong quý IV/2026
	dueQuarterly         // định kỳ hằng quý … trước ngày 15 của tháng cuối quý
	dueMonthly           // định kỳ hằng tháng … trước ngày 20
	dueRegular           // thường xuyên
)

type dueSpec struct {
	kind dueKind
	date time.Time
	n    int
	hour int
}

// taskSpec is one generated assignment, rendered as a sentence of the body.
type taskSpec struct {
	lead     string // as written in the text
	leadCode string // "" for collective names
	coords   []string
	action   string
	due      dueSpec
	form     int
}

// skeleton is a document before numbering and rendering: the generator first draws
// every document's shape and time, sorts them chronologically, numbers them, then
// renders text, so that numbers grow with dates as in a real register.
type skeleton struct {
	doc      *Document
	kind     docKind
	topic    *topic
	tasks    []taskSpec
	leader   string // the directing leader
	chair    bool   // the leader is the Chair (else a Vice-Chair)
	signer   string
	unit     unitRecord // issuing unit of a DEN document
	target   *skeleton  // the directive a report / extension answers
	linked   bool       // the report links its directive in vanBanLienQuan
	period   string     // "quý III năm 2026" for periodic reports
	replaces *skeleton  // a replacement directive's predecessor
	approval *skeleton  // an extension request's approval
	request  *skeleton  // an approval's request
	newDue   time.Time  // the extension granted
	suffix   string     // notation suffix: UBND-KT, TB-VPUBND, BC-SNV
	number   int
	seq      int
}

// generator holds one generation run's state; it is discarded afterwards.
type generator struct {
	r      *rand.Rand
	dir    *directory
	anchor time.Time
	start  time.Time
	span   time.Duration
	skels  []*skeleton
	direct []*skeleton // directives, in creation order
}

// generatorStream separates the data stream from the fault and hostile streams so
// that switching faults on never changes the generated data.
const (
	streamData    = 0x9e3779b97f4a7c15
	streamFaults  = 0xbf58476d1ce4e5b9
	streamHostile = 0x94d049bb133111eb
	streamClerk   = 0x2545f4914f6cdd1d
)

// generate builds n documents (at least 1) ending at anchor, deterministically from
// seed. It returns them in id order.
func generate(seed uint64, n int, anchor time.Time, dir *directory) []*skeleton {
	if n < 1 {
		n = 1
	}
	days := 120 + n/40
	if days > 730 {
		days = 730
	}
	g := &generator{
		r:      rand.New(rand.NewPCG(seed, streamData)),
		dir:    dir,
		anchor: anchor,
		span:   time.Duration(days) * 24 * time.Hour,
	}
	g.start = anchor.Add(-g.span)
	for len(g.skels) < n {
		p := g.r.IntN(100)
		switch {
		case len(g.direct) == 0 || p < 55:
			g.newDirective(g.randomTime(), nil)
		case p < 88:
			if !g.newReport() {
				g.newDirective(g.randomTime(), nil)
			}
		case p < 94 && n-len(g.skels) >= 2:
			if !g.newExtension() {
				g.newDirective(g.randomTime(), nil)
			}
		default:
			if !g.newReplacement() {
				g.newDirective(g.randomTime(), nil)
			}
		}
	}
	slices.SortStableFunc(g.skels, func(a, b *skeleton) int {
		if c := a.doc.IssuedAt.Compare(b.doc.IssuedAt); c != 0 {
			return c
		}
		return a.seq - b.seq
	})
	g.number()
	for i, s := range g.skels {
		s.doc.ID = int64(1001 + i)
	}
	for _, s := range g.skels {
		if s.replaces != nil {
			s.replaces.doc.ReplacedBy = s.doc.ID
		}
	}
	fileID := int64(50001)
	for _, s := range g.skels {
		g.render(s)
		s.doc.Files = append(s.doc.Files, File{ID: fileID, Name: fileName(s.doc), Mime: "application/pdf", Kind: FileBodyPDF})
		fileID++
		if s.kind == kindPlan {
			s.doc.Files = append(s.doc.Files, File{ID: fileID, Name: "Phụ lục kèm theo Kế hoạch " + s.doc.Notation + ".pdf", Mime: "application/pdf", Kind: FileBodyPDF})
			fileID++
		}
	}
	return g.skels
}

func (g *generator) add(s *skeleton) *skeleton {
	s.seq = len(g.skels)
	g.skels = append(g.skels, s)
	return s
}

// randomTime is a working-day moment in the generated period: 07:00–17:30, with some
// documents after the 15:00 cut-off (001 Đ11.2b) on purpose.
func (g *generator) randomTime() time.Time {
	t := g.start.Add(time.Duration(g.r.Int64N(int64(g.span))))
	return g.officeHours(t)
}

func (g *generator) officeHours(t time.Time) time.Time {
	t = t.In(connectors.Zone)
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, connectors.Zone)
	switch day.Weekday() {
	case time.Saturday:
		day = day.AddDate(0, 0, 2)
	case time.Sunday:
		day = day.AddDate(0, 0, 1)
	}
	mins := 7*60 + g.r.IntN(10*60+30)
	return day.Add(time.Duration(mins)*time.Minute + time.Duration(g.r.IntN(60))*time.Second)
}

func (g *generator) pick(xs []string) string { return xs[g.r.IntN(len(xs))] }

// unitName writes a unit as documents do: mostly its official name, sometimes an
// alias ("Sở TC", "Sở Tài Chính").
func (g *generator) unitName(u unitRecord) string {
	if len(u.Aliases) > 0 && g.r.IntN(5) == 0 {
		return u.Aliases[g.r.IntN(len(u.Aliases))]
	}
	return u.Name
}

func (g *generator) personName() string {
	return g.pick(surnames) + " " + g.pick(middleNames) + " " + g.pick(givenNames)
}

func (g *generator) newDirective(at time.Time, replaces *skeleton) *skeleton {
	var kind docKind
	var tp *topic
	if replaces != nil {
		kind, tp = replaces.kind, replaces.topic
	} else {
		p := g.r.IntN(100)
		switch {
		case p < 25:
			kind = kindLetterUBND
		case p < 45:
			kind = kindLetterOffice
		case p < 65:
			kind = kindConclusion
		case p < 72:
			kind = kindInstruction
		case p < 82:
			kind = kindPlan
		case p < 92:
			kind = kindDecision
		default:
			kind = kindDispatch
		}
		tp = &topics[g.r.IntN(len(topics))]
		if kind == kindDispatch && !tp.emergency {
			for !tp.emergency {
				tp = &topics[g.r.IntN(len(topics))]
			}
		}
	}
	d := &Document{
		Direction: Issued, Type: kind.typeName(), IssuedAt: at, Version: 1,
		State: StatePromulgated, Urgency: UrgencyNormal, Secrecy: SecrecyNone,
		IssuerName: "Ủy ban nhân dân tỉnh Đồng Tháp", IssuerCode: CodeProvince, Directive: true,
		Drafter: g.pick(officials), Tracker: g.pick(officials),
	}
	s := &skeleton{doc: d, kind: kind, topic: tp, replaces: replaces}
	s.chair = kind == kindInstruction || kind == kindDispatch || g.r.IntN(4) == 0
	if s.chair {
		s.leader = chairman
	} else {
		s.leader = g.pick(viceChairs)
	}
	switch kind {
	case kindLetterOffice, kindConclusion:
		d.IssuerName, d.IssuerCode = "Văn phòng Ủy ban nhân dân tỉnh", CodeOffice
		if g.r.IntN(3) == 0 {
			s.signer = officeChief
		} else {
			s.signer = g.pick(officeDeputy)
		}
	default:
		s.signer = s.leader
	}
	switch {
	case kind == kindDispatch:
		d.Urgency = UrgencyFlash
	case g.r.IntN(8) == 0:
		d.Urgency = UrgencyUrgent
	case g.r.IntN(25) == 0:
		d.Urgency = UrgencyHigh
	}
	if replaces == nil && g.r.IntN(20) == 0 {
		d.Secrecy = []string{SecrecyConfident, SecrecyConfident, SecrecySecret, SecrecyTopSecret}[g.r.IntN(4)]
	}
	s.tasks = g.tasksFor(s)
	d.UpdatedAt = at.Add(time.Duration(1+g.r.IntN(90)) * time.Minute)
	d.HasEdxml = !d.Secret() && g.r.IntN(4) == 0
	d.BodyOnlyInPDF = g.r.IntN(7) == 0
	if replaces == nil && !d.Secret() {
		switch p := g.r.IntN(100); {
		case p < 3: // withdrawn some days later
			d.State = StateWithdrawn
			d.Version = 2
			d.UpdatedAt = g.clamp(at.Add(time.Duration(1+g.r.IntN(10)) * 24 * time.Hour))
		case p < 11: // corrected once or twice after issue
			d.Version = 2 + g.r.IntN(2)
			d.UpdatedAt = g.clamp(at.Add(time.Duration(2+g.r.IntN(72)) * time.Hour))
		}
	}
	g.add(s)
	g.direct = append(g.direct, s)
	return s
}

// clamp keeps generated update times at or before the anchor.
func (g *generator) clamp(t time.Time) time.Time {
	if t.After(g.anchor) {
		return g.anchor
	}
	return t
}

// tasksFor draws the assignments of a directive. Within one document a unit keeps
// the spelling it was first written with, and an action is not repeated while the
// topic has unused ones.
func (g *generator) tasksFor(s *skeleton) []taskSpec {
	tp := s.topic
	n := 1 + g.r.IntN(3)
	switch s.kind {
	case kindConclusion, kindInstruction, kindPlan:
		n = 3 + g.r.IntN(3)
	case kindDispatch:
		n = 2 + g.r.IntN(3)
	}
	spelled := map[string]string{}
	name := func(code string) string {
		if n, ok := spelled[code]; ok {
			return n
		}
		n := g.unitName(g.dir.byCode[code])
		spelled[code] = n
		return n
	}
	used := map[int]bool{}
	var out []taskSpec
	for i := 0; i < n; i++ {
		var t taskSpec
		switch {
		case tp.localised && (i == n-1 && n > 2 || g.r.IntN(8) == 0):
			if g.r.IntN(3) == 0 {
				var u unitRecord
				if g.r.IntN(2) == 0 {
					u = g.dir.wards[g.r.IntN(len(g.dir.wards))]
				} else {
					u = g.dir.communes[g.r.IntN(len(g.dir.communes))]
				}
				t.lead, t.leadCode = name(u.Code), u.Code
			} else {
				t.lead = g.pick([]string{"Ủy ban nhân dân các xã, phường", "UBND các xã, phường", "Ủy ban nhân dân các xã, phường trên địa bàn tỉnh"})
			}
		case i == 0 || g.r.IntN(2) == 0:
			code := tp.leads[g.r.IntN(len(tp.leads))]
			t.lead, t.leadCode = name(code), code
		default:
			code := tp.coords[g.r.IntN(len(tp.coords))]
			t.lead, t.leadCode = name(code), code
		}
		for _, c := range tp.coords {
			if c != t.leadCode && g.r.IntN(3) == 0 {
				t.coords = append(t.coords, name(c))
			}
		}
		if len(t.coords) > 0 && g.r.IntN(3) == 0 {
			t.coords = append(t.coords, "các cơ quan, đơn vị có liên quan")
		}
		a := g.r.IntN(len(tp.actions))
		for k := 0; used[a] && k < len(tp.actions); k++ {
			a = (a + 1) % len(tp.actions)
		}
		used[a] = true
		t.action = g.expand(tp.actions[a], s.doc.IssuedAt)
		t.due = g.dueFor(s)
		t.form = g.r.IntN(3)
		out = append(out, t)
	}
	if s.kind == kindPlan {
		// A plan always asks for periodic reports (rules.md §4, recurring tasks).
		periodic := false
		for _, t := range out {
			periodic = periodic || t.due.kind == dueQuarterly || t.due.kind == dueMonthly
		}
		if !periodic {
			out[len(out)-1].due = dueSpec{kind: dueQuarterly, n: 15}
		}
	}
	return out
}

// dueFor draws a deadline in the corpus' ways of writing one.
func (g *generator) dueFor(s *skeleton) dueSpec {
	at := s.doc.IssuedAt
	day := time.Date(at.Year(), at.Month(), at.Day(), 0, 0, 0, 0, connectors.Zone)
	date := func(lo, hi int) time.Time { return day.AddDate(0, 0, lo+g.r.IntN(hi-lo+1)) }
	if s.kind == kindDispatch {
		if g.r.IntN(2) == 0 {
			return dueSpec{kind: dueDateHour, date: date(1, 4), hour: []int{9, 10, 14, 16, 17}[g.r.IntN(5)]}
		}
		return dueSpec{kind: dueDate, date: date(1, 7)}
	}
	if s.kind == kindPlan {
		switch g.r.IntN(5) {
		case 0:
			return dueSpec{kind: dueQuarterly, n: 15}
		case 1:
			return dueSpec{kind: dueMonthly, n: []int{20, 25}[g.r.IntN(2)]}
		case 2:
			return dueSpec{kind: dueRegular}
		case 3:
			return dueSpec{kind: dueQuarter, date: date(60, 180)}
		default:
			return dueSpec{kind: dueDate, date: date(10, 60)}
		}
	}
	switch p := g.r.IntN(100); {
	case p < 45:
		if g.r.IntN(40) == 0 { // a deadline before the issue date, as in corpus 108
			return dueSpec{kind: dueDate, date: date(-6, -1)}
		}
		return dueSpec{kind: dueDate, date: date(3, 45)}
	case p < 52:
		return dueSpec{kind: dueDateHour, date: date(2, 20), hour: []int{10, 14, 16}[g.r.IntN(3)]}
	case p < 65:
		return dueSpec{kind: dueWorkdays, n: []int{5, 7, 10, 15, 20}[g.r.IntN(5)]}
	case p < 70:
		return dueSpec{kind: dueCalDays, n: []int{15, 30, 45}[g.r.IntN(3)]}
	case p < 75:
		return dueSpec{kind: dueMonth, date: date(20, 90)}
	case p < 79:
		return dueSpec{kind: dueQuarter, date: date(30, 200)}
	case p < 84:
		return dueSpec{kind: dueQuarterly, n: 15}
	case p < 92:
		return dueSpec{kind: dueRegular}
	default:
		return dueSpec{kind: dueNone}
	}
}

// expand fills {year} and {year1} in vocabulary phrases.
func (g *generator) expand(s string, at time.Time) string {
	if !strings.Contains(s, "{") {
		return s
	}
	y := at.Year()
	return strings.NewReplacer("{year}", fmt.Sprint(y), "{year1}", fmt.Sprint(y+1)).Replace(s)
}

// reportable is a directive a unit may answer: public, in force, with a unit named.
func reportable(s *skeleton) bool {
	if s.doc.Secret() || s.doc.State != StatePromulgated {
		return false
	}
	for _, t := range s.tasks {
		if t.leadCode != "" {
			return true
		}
	}
	return false
}

func (g *generator) pickDirective() *skeleton {
	for range 8 {
		s := g.direct[g.r.IntN(len(g.direct))]
		if reportable(s) {
			return s
		}
	}
	return nil
}

func (g *generator) reportingUnit(s *skeleton) unitRecord {
	var codes []string
	for _, t := range s.tasks {
		if t.leadCode != "" {
			codes = append(codes, t.leadCode)
		}
	}
	return g.dir.byCode[codes[g.r.IntN(len(codes))]]
}

// newReport adds a unit's report on an earlier directive; false when the report
// would fall after the anchor.
func (g *generator) newReport() bool {
	target := g.pickDirective()
	if target == nil {
		return false
	}
	at := g.officeHours(target.doc.IssuedAt.Add(time.Duration(2+g.r.IntN(34)) * 24 * time.Hour))
	if target.kind == kindPlan {
		// A periodic report of a plan comes in the last month of a quarter.
		at = g.officeHours(target.doc.IssuedAt.Add(time.Duration(20+g.r.IntN(300)) * 24 * time.Hour))
	}
	if at.After(g.anchor) {
		return false
	}
	u := g.reportingUnit(target)
	d := &Document{
		Direction: Incoming, IssuedAt: at, Version: 1, State: StatePromulgated,
		Urgency: UrgencyNormal, Secrecy: SecrecyNone, IssuerName: u.Name, IssuerCode: u.Code,
		Drafter: g.personName(), Tracker: g.pick(officials),
	}
	s := &skeleton{doc: d, kind: kindReport, target: target, unit: u, signer: g.personName()}
	s.linked = g.r.IntN(2) == 0
	if target.kind == kindPlan {
		q := (int(at.Month())-1)/3 + 1
		s.period = fmt.Sprintf("quý %s năm %d", roman(q), at.Year())
	}
	if g.r.IntN(3) == 0 {
		d.Type = "Công văn"
	} else {
		d.Type = "Báo cáo"
	}
	d.UpdatedAt = at.Add(time.Duration(1+g.r.IntN(240)) * time.Minute)
	d.HasEdxml = g.r.IntN(5) < 3
	d.BodyOnlyInPDF = g.r.IntN(6) == 0
	g.add(s)
	return true
}

// newExtension adds a unit's request for more time and the Office's approval.
func (g *generator) newExtension() bool {
	target := g.pickDirective()
	if target == nil {
		return false
	}
	var due time.Time
	for _, t := range target.tasks {
		if t.leadCode != "" && (t.due.kind == dueDate || t.due.kind == dueDateHour) && t.due.date.After(target.doc.IssuedAt) {
			due = t.due.date
			break
		}
	}
	if due.IsZero() {
		return false
	}
	reqAt := g.officeHours(due.AddDate(0, 0, -1-g.r.IntN(3)))
	if !reqAt.After(target.doc.IssuedAt) {
		reqAt = g.officeHours(target.doc.IssuedAt.Add(26 * time.Hour))
	}
	apprAt := g.officeHours(reqAt.Add(time.Duration(20+g.r.IntN(50)) * time.Hour))
	if apprAt.After(g.anchor) {
		return false
	}
	u := g.reportingUnit(target)
	req := &Document{
		Direction: Incoming, Type: "Công văn", IssuedAt: reqAt, UpdatedAt: reqAt.Add(17 * time.Minute),
		Version: 1, State: StatePromulgated, Urgency: UrgencyUrgent, Secrecy: SecrecyNone,
		IssuerName: u.Name, IssuerCode: u.Code, Drafter: g.personName(), Tracker: g.pick(officials),
	}
	appr := &Document{
		Direction: Issued, Type: "Công văn", IssuedAt: apprAt, UpdatedAt: apprAt.Add(9 * time.Minute),
		Version: 1, State: StatePromulgated, Urgency: UrgencyNormal, Secrecy: SecrecyNone,
		IssuerName: "Văn phòng Ủy ban nhân dân tỉnh", IssuerCode: CodeOffice,
		Drafter: g.pick(officials), Tracker: g.pick(officials),
	}
	newDue := due.AddDate(0, 0, 7+g.r.IntN(24))
	a := &skeleton{doc: appr, kind: kindExtApproval, target: target, unit: u, leader: target.leader, signer: g.pick(officeDeputy), newDue: newDue, linked: true}
	r := &skeleton{doc: req, kind: kindExtRequest, target: target, unit: u, signer: g.personName(), approval: a, newDue: newDue, linked: true}
	a.request = r
	g.add(r)
	g.add(a)
	return true
}

// newReplacement issues a directive that replaces an earlier one (THAY_THE).
func (g *generator) newReplacement() bool {
	old := g.pickDirective()
	if old == nil || old.kind == kindDispatch {
		return false
	}
	for _, s := range g.direct {
		if s.replaces == old {
			return false
		}
	}
	at := g.officeHours(old.doc.IssuedAt.Add(time.Duration(3+g.r.IntN(18)) * 24 * time.Hour))
	if at.After(g.anchor) {
		return false
	}
	s := g.newDirective(at, old)
	old.doc.State = StateReplaced
	old.doc.Version++
	old.doc.UpdatedAt = s.doc.UpdatedAt
	return true
}

// number assigns register numbers per notation and year, growing with dates.
func (g *generator) number() {
	next := map[string]int{}
	for _, s := range g.skels {
		s.suffix = g.suffix(s)
		key := fmt.Sprintf("%s/%d", s.suffix, s.doc.IssuedAt.Year())
		n, ok := next[key]
		if !ok {
			n = 1 + g.r.IntN(40)
			if s.kind == kindLetterUBND || s.kind == kindLetterOffice {
				n += 200 + g.r.IntN(600)
			}
		}
		s.number = n
		next[key] = n + 1 + g.r.IntN(3)
		s.doc.Notation = fmt.Sprintf("%d/%s", s.number, s.suffix)
	}
}

func (g *generator) suffix(s *skeleton) string {
	switch s.kind {
	case kindLetterUBND:
		return "UBND-" + s.topic.field
	case kindLetterOffice, kindExtApproval:
		if s.topic != nil {
			return "VPUBND-" + s.topic.field
		}
		return "VPUBND-TH"
	case kindConclusion:
		return "TB-VPUBND"
	case kindInstruction:
		return "CT-UBND"
	case kindPlan:
		return "KH-UBND"
	case kindDecision:
		return "QĐ-UBND"
	case kindDispatch:
		return "CĐ-UBND"
	case kindReport:
		if s.doc.Type == "Báo cáo" {
			return "BC-" + unitAbbrev(s.unit)
		}
		return unitAbbrev(s.unit) + "-VP"
	default:
		return unitAbbrev(s.unit) + "-VP"
	}
}

// unitAbbrev is the unit part of a notation: SNV for Sở Nội vụ, UBND for a commune.
func unitAbbrev(u unitRecord) string {
	switch u.Kind {
	case UnitWard, UnitCommune:
		return "UBND"
	}
	if strings.HasPrefix(u.ShortName, "Sở") || strings.ContainsAny(u.ShortName, " .") {
		return "UBND"
	}
	return u.ShortName
}

func roman(q int) string { return [...]string{"", "I", "II", "III", "IV"}[q] }

func fileName(d *Document) string {
	n := strings.NewReplacer("/", "_", "Đ", "D").Replace(d.Notation)
	return fmt.Sprintf("%s_%s.signed.pdf", n, d.Date.Format("02012006"))
}
