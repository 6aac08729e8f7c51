package portalsim

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"cddh-sync/connectors"
)

// The portal's date formats (portal-api.md), always in connectors.Zone.
const (
	layoutDate     = "02/01/2006"
	layoutDateTime = "02/01/2006 15:04:05"
	layoutEdxml    = "2006/01/02"
)

func dayOf(t time.Time) time.Time {
	t = t.In(connectors.Zone)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, connectors.Zone)
}

// textDate writes a date as documents do, "20/3/2026" or "20/03/2026".
func textDate(t time.Time, pad bool) string {
	if pad {
		return t.Format("02/01/2006")
	}
	return t.Format("2/1/2006")
}

// longDate is the place-and-date line's form: "ngày 23 tháng 01 năm 2026" (months
// one and two are padded, as Vietnamese offices do to prevent tampering).
func longDate(t time.Time) string {
	m := fmt.Sprint(int(t.Month()))
	if t.Month() < 3 {
		m = "0" + m
	}
	d := fmt.Sprint(t.Day())
	if t.Day() < 10 {
		d = "0" + d
	}
	return fmt.Sprintf("ngày %s tháng %s năm %d", d, m, t.Year())
}

// render writes a skeleton's text fields.
func (g *generator) render(s *skeleton) {
	d := s.doc
	d.Date = dayOf(d.IssuedAt)
	if d.Direction == Incoming {
		// A unit signs its report, the portal receives it the same day or a little later.
		d.Date = d.Date.AddDate(0, 0, -g.r.IntN(2))
	}
	switch s.kind {
	case kindReport:
		g.renderReport(s)
	case kindExtRequest:
		g.renderExtRequest(s)
	case kindExtApproval:
		g.renderExtApproval(s)
	default:
		g.renderDirective(s)
	}
	if s.target != nil && s.linked {
		d.Related = append(d.Related, s.target.doc.ID)
	}
	if s.kind == kindExtApproval && s.request != nil {
		// The approval answers the request too.
		d.Related = append(d.Related, s.request.doc.ID)
	}
}

// reference names a document as others cite it: "Thông báo số 45/TB-VPUBND ngày 10/3/2026".
func reference(s *skeleton, pad bool) string {
	return fmt.Sprintf("%s số %s ngày %s", s.doc.Type, s.doc.Notation, textDate(s.doc.Date, pad))
}

func (g *generator) leaderTitle(s *skeleton) string {
	if s.chair {
		return "Chủ tịch"
	}
	return "Phó Chủ tịch"
}

func (g *generator) renderDirective(s *skeleton) {
	d, tp := s.doc, s.topic
	subject := g.expand(tp.subject, d.IssuedAt)
	// "V/v" already says "về việc": drop a leading "việc" after it.
	bare := strings.TrimPrefix(subject, "việc ")
	lt := g.leaderTitle(s)
	d.DirectingLeader = s.leader
	d.Signer = s.signer
	var b strings.Builder
	office := s.kind == kindLetterOffice || s.kind == kindConclusion
	// Header block, as in the corpus.
	if office {
		b.WriteString("ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP\nVĂN PHÒNG\n-------\n")
	} else {
		b.WriteString("ỦY BAN NHÂN DÂN\nTỈNH ĐỒNG THÁP\n-------\n")
	}
	fmt.Fprintf(&b, "Số: %s\n", d.Notation)
	switch s.kind {
	case kindLetterUBND:
		d.Subject = "V/v " + bare
	case kindLetterOffice:
		d.Subject = fmt.Sprintf("V/v truyền đạt ý kiến chỉ đạo của %s UBND tỉnh %s về %s", lt, s.leader, subject)
	case kindConclusion:
		d.Subject = fmt.Sprintf("Kết luận của %s UBND tỉnh %s tại cuộc họp về %s", lt, s.leader, subject)
	case kindInstruction:
		d.Subject = "Về việc tăng cường " + bare
	case kindPlan:
		d.Subject = "Triển khai thực hiện " + bare
	case kindDecision:
		if g.r.IntN(2) == 0 {
			d.Subject = "Về việc thành lập Tổ công tác liên ngành về " + subject
		} else {
			d.Subject = "Về việc phê duyệt Kế hoạch thực hiện " + subject
		}
	case kindDispatch:
		d.Subject = "Về việc tập trung ứng phó, khắc phục hậu quả trong " + subject
	}
	if s.replaces != nil {
		d.Subject += fmt.Sprintf(" (thay thế %s số %s)", s.replaces.doc.Type, s.replaces.doc.Notation)
	}
	if s.kind == kindLetterUBND || s.kind == kindLetterOffice {
		fmt.Fprintf(&b, "%s\n", d.Subject)
	}
	b.WriteString("\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n---------------\n")
	fmt.Fprintf(&b, "Đồng Tháp, %s\n", longDate(d.Date))
	if d.Secret() {
		fmt.Fprintf(&b, "\n%s\n", strings.ToUpper(d.Secrecy))
	}
	if d.Urgency != UrgencyNormal {
		fmt.Fprintf(&b, "%s\n", strings.ToUpper(d.Urgency))
	}
	b.WriteString("\n")

	recipients := g.recipients(s)
	switch s.kind {
	case kindLetterUBND, kindLetterOffice:
		b.WriteString("Kính gửi:\n")
		for i, r := range recipients {
			end := ";"
			if i == len(recipients)-1 {
				end = "."
			}
			fmt.Fprintf(&b, "- %s%s\n", r, end)
		}
		b.WriteString("\n")
		b.WriteString(g.intro(s, subject, lt))
		b.WriteString("\n\n")
		g.writeItems(&b, s, "1. ")
		if s.kind == kindLetterOffice {
			fmt.Fprintf(&b, "Văn phòng Ủy ban nhân dân tỉnh truyền đạt ý kiến chỉ đạo của %s Ủy ban nhân dân tỉnh để các cơ quan, đơn vị biết, thực hiện./.\n", lt)
		} else {
			b.WriteString("Ủy ban nhân dân tỉnh yêu cầu các cơ quan, đơn vị liên quan khẩn trương triển khai thực hiện./.\n")
		}
	case kindConclusion:
		meet := d.Date.AddDate(0, 0, -1-g.r.IntN(4))
		fmt.Fprintf(&b, "THÔNG BÁO\nKết luận của %s Ủy ban nhân dân tỉnh %s tại cuộc họp\nvề %s\n\n", lt, s.leader, subject)
		fmt.Fprintf(&b, "Ngày %d tháng %d năm %d, %s Ủy ban nhân dân tỉnh %s %s %s. Tham dự cuộc họp có đại diện lãnh đạo %s. Sau khi nghe %s báo cáo và ý kiến của các đại biểu, %s Ủy ban nhân dân tỉnh kết luận như sau:\n\n",
			meet.Day(), int(meet.Month()), meet.Year(), lt, s.leader, g.pick(meetingVerbs), subject,
			strings.Join(recipients, ", "), s.tasks[0].lead, lt)
		g.writeItems(&b, s, "1. ")
		b.WriteString("Văn phòng Ủy ban nhân dân tỉnh thông báo để các cơ quan, đơn vị liên quan biết, thực hiện./.\n")
	case kindInstruction:
		fmt.Fprintf(&b, "CHỈ THỊ\n%s\n\n", d.Subject)
		fmt.Fprintf(&b, "Thời gian qua, %s trên địa bàn tỉnh đã đạt được những kết quả nhất định; tuy nhiên, vẫn còn một số tồn tại, hạn chế cần khắc phục. Để nâng cao hiệu quả %s, Chủ tịch Ủy ban nhân dân tỉnh chỉ thị:\n\n", subject, subject)
		g.writeItems(&b, s, "1. ")
		fmt.Fprintf(&b, "%d. Giao Văn phòng Ủy ban nhân dân tỉnh theo dõi, đôn đốc việc thực hiện Chỉ thị này; định kỳ hằng quý tổng hợp, báo cáo Chủ tịch Ủy ban nhân dân tỉnh.\n\nChỉ thị này có hiệu lực kể từ ngày ký./.\n", len(s.tasks)+1)
	case kindPlan:
		fmt.Fprintf(&b, "KẾ HOẠCH\n%s\n\n", d.Subject)
		fmt.Fprintf(&b, "I. MỤC ĐÍCH, YÊU CẦU\n1. Triển khai đồng bộ, hiệu quả %s; xác định rõ nhiệm vụ, thời hạn và trách nhiệm của từng cơ quan, đơn vị.\n2. Người đứng đầu cơ quan, đơn vị chịu trách nhiệm trước Chủ tịch Ủy ban nhân dân tỉnh về kết quả thực hiện tại cơ quan, đơn vị mình.\n\n", subject)
		b.WriteString("II. NHIỆM VỤ TRỌNG TÂM\n(Chi tiết tại Phụ lục kèm theo)\n\nIII. TỔ CHỨC THỰC HIỆN\n")
		g.writeItems(&b, s, "1. ")
		b.WriteString("Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị, địa phương phản ánh về Văn phòng Ủy ban nhân dân tỉnh để tổng hợp, báo cáo Ủy ban nhân dân tỉnh xem xét, quyết định./.\n")
	case kindDecision:
		lead := s.tasks[0].lead
		d.SubmittingUnit = lead
		fmt.Fprintf(&b, "QUYẾT ĐỊNH\n%s\n\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP\n\n", d.Subject)
		b.WriteString("Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;\n")
		fmt.Fprintf(&b, "Xét đề nghị của %s tại Tờ trình số %d/TTr ngày %s.\n\nQUYẾT ĐỊNH:\n\n", lead, 10+g.r.IntN(300), textDate(d.Date.AddDate(0, 0, -3-g.r.IntN(10)), g.r.IntN(2) == 0))
		fmt.Fprintf(&b, "Điều 1. %s.\n\nĐiều 2. Tổ chức thực hiện\n", upperFirst(strings.TrimPrefix(d.Subject, "Về việc ")))
		g.writeItems(&b, s, "1. ")
		fmt.Fprintf(&b, "Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh, Thủ trưởng các cơ quan: %s và các cơ quan, đơn vị có liên quan chịu trách nhiệm thi hành Quyết định này.\n\nQuyết định này có hiệu lực kể từ ngày ký./.\n", strings.Join(recipients, ", "))
	case kindDispatch:
		fmt.Fprintf(&b, "CÔNG ĐIỆN\n%s\n\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ĐIỆN:\n", d.Subject)
		for _, r := range recipients {
			fmt.Fprintf(&b, "- %s;\n", r)
		}
		b.WriteString("- Chủ tịch Ủy ban nhân dân các xã, phường.\n")
		fmt.Fprintf(&b, "\nTrong những ngày qua, tình hình liên quan đến %s diễn biến phức tạp, ảnh hưởng đến đời sống, sản xuất của Nhân dân. Để chủ động ứng phó, giảm thiểu thiệt hại, Chủ tịch Ủy ban nhân dân tỉnh yêu cầu:\n\n", subject)
		g.writeItems(&b, s, "1. ")
		b.WriteString("Giao Văn phòng Ủy ban nhân dân tỉnh theo dõi, đôn đốc thực hiện Công điện này./.\n")
	}
	if s.replaces != nil {
		fmt.Fprintf(&b, "\nVăn bản này thay thế %s.\n", reference(s.replaces, false))
	}
	// Recipients and signature block.
	var nr strings.Builder
	nr.WriteString("Nơi nhận:\n")
	if s.kind == kindLetterUBND || s.kind == kindLetterOffice {
		nr.WriteString("- Như trên;\n")
	}
	nr.WriteString("- CT, các PCT UBND tỉnh;\n")
	for _, r := range recipients {
		if s.kind != kindLetterUBND && s.kind != kindLetterOffice {
			fmt.Fprintf(&nr, "- %s;\n", r)
		}
	}
	fmt.Fprintf(&nr, "- Lưu: VT, %s.", s.topic.field)
	d.Recipients = nr.String()
	b.WriteString("\n" + d.Recipients + "\n\n")
	switch {
	case office && s.signer == officeChief:
		d.SignerTitle, d.SignerAuthority = "Chánh Văn phòng", "CHÁNH VĂN PHÒNG"
		b.WriteString("CHÁNH VĂN PHÒNG\n")
	case office:
		d.SignerTitle, d.SignerAuthority = "Phó Chánh Văn phòng", "KT. CHÁNH VĂN PHÒNG"
		b.WriteString("KT. CHÁNH VĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG\n")
	case s.chair:
		d.SignerTitle, d.SignerAuthority = "Chủ tịch", "TM. ỦY BAN NHÂN DÂN"
		if s.kind == kindInstruction || s.kind == kindDecision || s.kind == kindDispatch {
			d.SignerAuthority = ""
			b.WriteString("CHỦ TỊCH\n")
		} else {
			b.WriteString("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n")
		}
	default:
		d.SignerTitle, d.SignerAuthority = "Phó Chủ tịch", "KT. CHỦ TỊCH"
		b.WriteString("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n")
	}
	fmt.Fprintf(&b, "\n%s\n", s.signer)
	d.Body = b.String()
	// hanXuLy: the earliest written date, as a clerk would enter it.
	for _, t := range s.tasks {
		if (t.due.kind == dueDate || t.due.kind == dueDateHour) && (d.Due.IsZero() || t.due.date.Before(d.Due)) {
			d.Due = t.due.date
		}
		if t.leadCode != "" && !containsString(d.ToCodes, t.leadCode) {
			d.ToCodes = append(d.ToCodes, t.leadCode)
		}
	}
}

// upperFirst capitalises the first letter (Vietnamese-safe).
func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

func containsString(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// recipients lists the units a directive addresses (Kính gửi).
func (g *generator) recipients(s *skeleton) []string {
	var out []string
	seen := map[string]bool{}
	for _, t := range s.tasks {
		if !seen[t.lead] {
			seen[t.lead] = true
			out = append(out, t.lead)
		}
	}
	return out
}

func (g *generator) intro(s *skeleton, subject, lt string) string {
	d := s.doc
	src := d.Date.AddDate(0, 0, -2-g.r.IntN(12))
	switch g.r.IntN(3) {
	case 0:
		return fmt.Sprintf("Thực hiện Công văn số %d/VPCP-%s ngày %s của Văn phòng Chính phủ về %s, %s Ủy ban nhân dân tỉnh %s có ý kiến chỉ đạo như sau:",
			1000+g.r.IntN(8000), s.topic.field, textDate(src, false), subject, lt, s.leader)
	case 1:
		return fmt.Sprintf("Xét đề nghị của %s tại Tờ trình số %d/TTr ngày %s về %s, %s Ủy ban nhân dân tỉnh có ý kiến như sau:",
			s.tasks[0].lead, 10+g.r.IntN(400), textDate(src, true), subject, lt)
	default:
		return fmt.Sprintf("Để triển khai kịp thời, hiệu quả %s, %s Ủy ban nhân dân tỉnh %s có ý kiến chỉ đạo như sau:", subject, lt, s.leader)
	}
}

// writeItems writes the numbered task sentences.
func (g *generator) writeItems(b *strings.Builder, s *skeleton, _ string) {
	for i, t := range s.tasks {
		fmt.Fprintf(b, "%d. %s\n\n", i+1, g.taskSentence(s, t))
	}
}

// taskSentence renders one assignment in one of the corpus' shapes.
func (g *generator) taskSentence(s *skeleton, t taskSpec) string {
	coord := ""
	if len(t.coords) > 0 {
		coord = " phối hợp với " + strings.Join(t.coords, ", ")
	}
	giao := ""
	if s.kind == kindLetterUBND || s.kind == kindLetterOffice || s.kind == kindDecision || g.r.IntN(3) == 0 {
		giao = "Giao "
	}
	head := giao + t.lead
	if coord != "" {
		head += " chủ trì," + coord
	}
	pad := g.r.IntN(2) == 0
	switch t.due.kind {
	case dueRegular:
		return fmt.Sprintf("%s %s. Thời gian thực hiện: thường xuyên.", head, t.action)
	case dueNone:
		return fmt.Sprintf("%s %s theo đúng quy định.", head, t.action)
	case dueQuarterly:
		return fmt.Sprintf("%s %s; định kỳ hằng quý báo cáo kết quả thực hiện về Văn phòng Ủy ban nhân dân tỉnh trước ngày %d của tháng cuối quý để tổng hợp.", head, t.action, t.due.n)
	case dueMonthly:
		return fmt.Sprintf("%s %s; định kỳ hằng tháng báo cáo tình hình thực hiện về Văn phòng Ủy ban nhân dân tỉnh trước ngày %d.", head, t.action, t.due.n)
	}
	var when string
	switch t.due.kind {
	case dueDate:
		when = "trước ngày " + textDate(t.due.date, pad)
	case dueDateHour:
		when = fmt.Sprintf("trước %d giờ ngày %s", t.due.hour, textDate(t.due.date, pad))
	case dueWorkdays:
		when = fmt.Sprintf("trong thời hạn %d ngày làm việc kể từ ngày nhận được văn bản này", t.due.n)
	case dueCalDays:
		when = fmt.Sprintf("trong thời hạn %d ngày kể từ ngày ký %s này", t.due.n, s.doc.Type)
	case dueMonth:
		when = fmt.Sprintf("trong tháng %d/%d", int(t.due.date.Month()), t.due.date.Year())
	case dueQuarter:
		when = fmt.Sprintf("trong quý %s/%d", roman((int(t.due.date.Month())-1)/3+1), t.due.date.Year())
	}
	switch t.form {
	case 0:
		return fmt.Sprintf("%s %s; báo cáo Ủy ban nhân dân tỉnh %s.", head, t.action, when)
	case 1:
		return fmt.Sprintf("%s %s, hoàn thành %s.", head, t.action, when)
	default:
		return fmt.Sprintf("%s %s; tham mưu, đề xuất Ủy ban nhân dân tỉnh %s.", head, t.action, when)
	}
}

func unitHeader(u unitRecord) string {
	switch u.Kind {
	case UnitWard, UnitCommune:
		return strings.ToUpper(strings.TrimPrefix(u.Name, "Ủy ban nhân dân ")) // "XÃ TÂN HỒNG"
	}
	return strings.ToUpper(u.Name)
}

func (g *generator) unitSignature(s *skeleton) (authority, title string) {
	deputy := g.r.IntN(2) == 0
	if s.unit.Kind == UnitWard || s.unit.Kind == UnitCommune {
		if deputy {
			return "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH", "Phó Chủ tịch"
		}
		return "TM. ỦY BAN NHÂN DÂN", "Chủ tịch"
	}
	// The head's title depends on the kind of body.
	head := "Giám đốc"
	switch n := s.unit.Name; {
	case strings.HasPrefix(n, "Ban "):
		head = "Trưởng ban"
	case strings.HasPrefix(n, "Thanh tra"):
		head = "Chánh Thanh tra"
	case strings.HasPrefix(n, "Bộ Chỉ huy"):
		head = "Chỉ huy trưởng"
	case strings.HasPrefix(n, "Ủy ban"):
		head = "Chủ tịch"
	case strings.HasPrefix(n, "Chi cục"):
		head = "Chi cục trưởng"
	case strings.HasPrefix(n, "Thuế"):
		head = "Trưởng Thuế tỉnh"
	case strings.HasPrefix(n, "Báo và"):
		head = "Tổng Biên tập"
	}
	if deputy {
		return "KT. " + strings.ToUpper(head), "Phó " + head
	}
	return "", head
}

func (g *generator) unitLetterHead(b *strings.Builder, s *skeleton) {
	d := s.doc
	if s.unit.Kind == UnitWard || s.unit.Kind == UnitCommune {
		fmt.Fprintf(b, "ỦY BAN NHÂN DÂN\n%s\n-------\n", unitHeader(s.unit))
	} else {
		fmt.Fprintf(b, "ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP\n%s\n-------\n", unitHeader(s.unit))
	}
	fmt.Fprintf(b, "Số: %s\n", d.Notation)
	if d.Type == "Công văn" {
		fmt.Fprintf(b, "%s\n", d.Subject)
	}
	place := "Đồng Tháp"
	if i := strings.Index(s.unit.Name, "xã "); i >= 0 {
		place = s.unit.Name[i+len("xã "):]
	} else if i := strings.Index(s.unit.Name, "phường "); i >= 0 {
		place = s.unit.Name[i+len("phường "):]
	}
	fmt.Fprintf(b, "\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n---------------\n%s, %s\n\n", place, longDate(d.Date))
}

func (g *generator) signUnit(b *strings.Builder, s *skeleton) {
	d := s.doc
	auth, title := g.unitSignature(s)
	d.Signer, d.SignerTitle, d.SignerAuthority = s.signer, title, strings.ReplaceAll(auth, "\n", " ")
	d.Recipients = "Nơi nhận:\n- Văn phòng UBND tỉnh;\n- Lưu: VT."
	if s.target != nil && s.target.kind == kindPlan {
		d.Recipients = "Nơi nhận:\n- UBND tỉnh;\n- Văn phòng UBND tỉnh;\n- Lưu: VT."
	}
	fmt.Fprintf(b, "\n%s\n\n", d.Recipients)
	if auth != "" {
		fmt.Fprintf(b, "%s\n", auth)
	}
	fmt.Fprintf(b, "%s\n\n%s\n", strings.ToUpper(title), s.signer)
	d.Body = b.String()
	d.ToCodes = []string{CodeOffice}
}

func (g *generator) renderReport(s *skeleton) {
	d, t := s.doc, s.target
	ref := reference(t, g.r.IntN(2) == 0)
	switch {
	case s.period != "":
		d.Subject = fmt.Sprintf("Báo cáo kết quả thực hiện %s %s", ref, s.period)
	case s.linked && g.r.IntN(2) == 0:
		d.Subject = fmt.Sprintf("Báo cáo kết quả thực hiện nhiệm vụ được giao về %s", g.expand(t.topic.subject, t.doc.IssuedAt))
	default:
		d.Subject = "Báo cáo kết quả thực hiện " + ref
	}
	if d.Type == "Công văn" {
		d.Subject = "V/v " + strings.ToLower(d.Subject[:1]) + d.Subject[1:]
	}
	var b strings.Builder
	g.unitLetterHead(&b, s)
	if d.Type == "Báo cáo" {
		fmt.Fprintf(&b, "BÁO CÁO\n%s\n\n", strings.TrimPrefix(d.Subject, "Báo cáo "))
	} else {
		b.WriteString("Kính gửi: Ủy ban nhân dân tỉnh Đồng Tháp.\n\n")
	}
	var task *taskSpec
	for i := range t.tasks {
		if t.tasks[i].leadCode == s.unit.Code {
			task = &t.tasks[i]
			break
		}
	}
	fmt.Fprintf(&b, "Thực hiện %s của %s, %s báo cáo kết quả thực hiện như sau:\n\n", ref, t.doc.IssuerName, s.unit.Name)
	if task != nil {
		fmt.Fprintf(&b, "1. Kết quả thực hiện\nĐã %s. Các nội dung được giao cơ bản hoàn thành đúng tiến độ.\n\n", task.action)
	}
	b.WriteString("2. Khó khăn, vướng mắc\nNguồn lực thực hiện còn hạn chế; một số nội dung cần sự phối hợp của các sở, ngành.\n\n")
	fmt.Fprintf(&b, "3. Kiến nghị, đề xuất\nĐề nghị Ủy ban nhân dân tỉnh xem xét, chỉ đạo các cơ quan liên quan tiếp tục phối hợp với %s trong thời gian tới.\n\n", s.unit.Name)
	fmt.Fprintf(&b, "Trên đây là báo cáo của %s./.\n", s.unit.Name)
	g.signUnit(&b, s)
}

func (g *generator) renderExtRequest(s *skeleton) {
	d, t := s.doc, s.target
	ref := reference(t, false)
	d.Subject = "V/v xin gia hạn thời gian thực hiện nhiệm vụ tại " + ref
	var b strings.Builder
	g.unitLetterHead(&b, s)
	b.WriteString("Kính gửi: Ủy ban nhân dân tỉnh Đồng Tháp.\n\n")
	fmt.Fprintf(&b, "Thực hiện %s, %s đã khẩn trương triển khai các nhiệm vụ được giao. Tuy nhiên, do khối lượng công việc lớn, cần lấy ý kiến của các cơ quan liên quan nên chưa thể hoàn thành đúng thời hạn.\n\n", ref, s.unit.Name)
	fmt.Fprintf(&b, "%s kính đề nghị Ủy ban nhân dân tỉnh xem xét, cho phép gia hạn thời gian thực hiện nhiệm vụ đến ngày %s./.\n", s.unit.Name, textDate(s.newDue, false))
	g.signUnit(&b, s)
}

func (g *generator) renderExtApproval(s *skeleton) {
	d, t := s.doc, s.target
	req := s.request
	d.Directive = false
	d.Subject = "V/v gia hạn thời gian thực hiện nhiệm vụ tại " + reference(t, false)
	d.DirectingLeader = s.leader
	d.Signer, d.SignerTitle, d.SignerAuthority = s.signer, "Phó Chánh Văn phòng", "KT. CHÁNH VĂN PHÒNG"
	var b strings.Builder
	fmt.Fprintf(&b, "ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP\nVĂN PHÒNG\n-------\nSố: %s\n%s\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n---------------\nĐồng Tháp, %s\n\n", d.Notation, d.Subject, longDate(d.Date))
	fmt.Fprintf(&b, "Kính gửi: %s.\n\n", s.unit.Name)
	if req != nil {
		fmt.Fprintf(&b, "Xét đề nghị của %s tại %s về việc xin gia hạn thời gian thực hiện nhiệm vụ, ", s.unit.Name, reference(req, false))
	}
	fmt.Fprintf(&b, "%s Ủy ban nhân dân tỉnh %s đồng ý gia hạn thời gian thực hiện nhiệm vụ được giao tại %s đến ngày %s.\n\n", g.leaderTitle(t), s.leader, reference(t, false), textDate(s.newDue, false))
	b.WriteString("Văn phòng Ủy ban nhân dân tỉnh thông báo để cơ quan, đơn vị biết, thực hiện./.\n")
	d.Recipients = "Nơi nhận:\n- Như trên;\n- PCT UBND tỉnh;\n- Lưu: VT."
	fmt.Fprintf(&b, "\n%s\n\nKT. CHÁNH VĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG\n\n%s\n", d.Recipients, s.signer)
	d.Body = b.String()
	d.ToCodes = []string{s.unit.Code}
}
