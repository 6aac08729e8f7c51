package edxml

import (
	"encoding/base64"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/beevik/etree"

	"cddh-sync/connectors"
)

// Date layouts accepted, in order. QCVN 102 writes yyyy/MM/dd; some senders write ISO
// dates or the Vietnamese dd/MM/yyyy. The single-digit layouts accept two digits too.
var dateLayouts = [...]string{"2006/1/2", "2006-1-2", "2/1/2006"}

// Date-time layouts for Timestamp fields.
var timeLayouts = [...]string{
	"2006/1/2 15:04:05", "2006-1-2 15:04:05", "2006-01-02T15:04:05", "2/1/2006 15:04:05",
	"2006/1/2 15:04", "2/1/2006 15:04",
}

func parseDate(s, field string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	for _, l := range dateLayouts {
		if t, err := time.ParseInLocation(l, s, connectors.Zone); err == nil {
			return t, nil
		}
	}
	// A date-time where a date belongs: keep the day.
	if t, err := parseTime(s, field); err == nil {
		y, m, d := t.Date()
		return time.Date(y, m, d, 0, 0, 0, 0, connectors.Zone), nil
	}
	return time.Time{}, fmt.Errorf("%w: %s: bad date %q", ErrMalformed, field, s)
}

func parseTime(s, field string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	for _, l := range timeLayouts {
		if t, err := time.ParseInLocation(l, s, connectors.Zone); err == nil {
			return t, nil
		}
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.In(connectors.Zone), nil
	}
	if t, err := parseDateOnly(s); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("%w: %s: bad timestamp %q", ErrMalformed, field, s)
}

func parseDateOnly(s string) (time.Time, error) {
	var last error
	for _, l := range dateLayouts {
		t, err := time.ParseInLocation(l, s, connectors.Zone)
		if err == nil {
			return t, nil
		}
		last = err
	}
	return time.Time{}, last
}

func parseInt(s, field string) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("%w: %s: bad number %q", ErrMalformed, field, s)
	}
	return n, nil
}

// Read reads an edXML message, a document package or a status message, with the
// hardening and limits of Parse.
func Read(raw []byte, limits Limits) (*Message, error) {
	l := limits.withDefaults()
	doc, warn, err := readTree(raw, l)
	if err != nil {
		return nil, fmt.Errorf("edxml message: %w", err)
	}
	if statusHeader(doc.Root()) != nil {
		s, err := readStatus(doc, warn)
		if err != nil {
			return nil, err
		}
		return &Message{Kind: KindStatus, Status: s}, nil
	}
	p, err := readPackage(doc, raw, warn, l)
	if err != nil {
		return nil, err
	}
	return &Message{Kind: KindPackage, Package: p}, nil
}

// Parse reads an edXML package. It refuses DOCTYPE and entity declarations before
// building any tree, enforces limits (zero fields take DefaultLimits), decodes the
// attachments and inflates zipped ones. A status message is refused with
// ErrStatusMessage, never read as an empty package. An attachment that cannot be read
// is kept with its Err set; the package and its other attachments are returned. The
// returned Package keeps raw in Raw.
func Parse(raw []byte, limits Limits) (*Package, error) {
	l := limits.withDefaults()
	doc, warn, err := readTree(raw, l)
	if err != nil {
		return nil, fmt.Errorf("edxml package: %w", err)
	}
	if statusHeader(doc.Root()) != nil {
		return nil, fmt.Errorf("edxml package: %w (it has a StatusCode)", ErrStatusMessage)
	}
	return readPackage(doc, raw, warn, l)
}

func readPackage(doc *etree.Document, raw []byte, warn []string, l Limits) (*Package, error) {
	var err error
	root := doc.Root()
	env := find(root, "edXMLEnvelope")
	if env == nil {
		return nil, fmt.Errorf("edxml package: %w: no edXMLEnvelope", ErrNotEdXML)
	}
	header := child(env, "edXMLHeader")
	mh := child(header, "MessageHeader")
	if mh == nil {
		mh = find(env, "MessageHeader")
	}
	if mh == nil {
		return nil, fmt.Errorf("edxml package: %w: no MessageHeader", ErrNotEdXML)
	}
	p := &Package{Raw: raw, Warnings: warn}
	if err := readMessageHeader(mh, p); err != nil {
		return nil, fmt.Errorf("edxml package: MessageHeader: %w", err)
	}
	if thl := find(env, "TraceHeaderList"); thl != nil {
		for _, th := range children(thl, "TraceHeader") {
			ts, err := parseTime(text(th, "Timestamp"), "TraceHeader/Timestamp")
			if err != nil {
				return nil, fmt.Errorf("edxml package: %w", err)
			}
			p.Traces = append(p.Traces, Trace{OrganID: text(th, "OrganId"), Timestamp: ts})
		}
		if b := child(thl, "Bussiness"); b != nil {
			if p.Business, err = readBusiness(b); err != nil {
				return nil, fmt.Errorf("edxml package: Bussiness: %w", err)
			}
		}
	}
	if p.Business == nil {
		if b := find(env, "Bussiness"); b != nil {
			if p.Business, err = readBusiness(b); err != nil {
				return nil, fmt.Errorf("edxml package: Bussiness: %w", err)
			}
		}
	}
	if sig := find(root, "Signature"); sig != nil {
		p.HasSignature = true
		p.SignatureNamespace = sig.NamespaceURI()
	}

	atts := findAll(root, "Attachment", nil)
	if len(atts) > l.MaxAttachments {
		return nil, fmt.Errorf("edxml package: %w: %d attachments, limit %d", ErrTooLarge, len(atts), l.MaxAttachments)
	}
	u := &unzipper{l: l, budget: l.MaxUnzippedBytes}
	for i, a := range atts {
		att, warn := readAttachment(a, l, u)
		if att.Misplaced = !properlyPlaced(root, a); att.Misplaced {
			warn = append(warn, fmt.Sprintf("found at %s, outside root > AttachmentEncoded where the official parser looks", elementPath(a)))
		}
		for _, w := range warn {
			p.Warnings = append(p.Warnings, fmt.Sprintf("attachment %d (%q): %s", i+1, att.Name, w))
		}
		if att.Err != nil {
			att.Err = fmt.Errorf("attachment %d (%q): %w", i+1, att.Name, att.Err)
		}
		p.Attachments = append(p.Attachments, att)
	}
	p.Warnings = append(p.Warnings, manifestGaps(env, p.Attachments)...)
	return p, nil
}

// properlyPlaced: the official parser reads only root > AttachmentEncoded > Attachment.
func properlyPlaced(root, a *etree.Element) bool {
	enc := a.Parent()
	return enc != nil && enc.Tag == "AttachmentEncoded" && enc.Parent() == root
}

// elementPath names an element by the local names from the root, for a warning.
func elementPath(e *etree.Element) string {
	var names []string
	for ; e != nil && e.Tag != ""; e = e.Parent() {
		names = append(names, e.Tag)
	}
	slices.Reverse(names)
	return strings.Join(names, " > ")
}

// manifestGaps reports manifest references that no attachment answers.
func manifestGaps(env *etree.Element, atts []Attachment) []string {
	have := map[string]bool{}
	for _, a := range atts {
		have[a.ContentID] = true
	}
	var out []string
	for _, m := range []string{"edXMLManifest", "Manifest"} {
		for _, ref := range children(child(child(env, "edXMLBody"), m), "Reference") {
			id := contentID(text(ref, "ContentId"))
			if id == "" {
				id = contentID(ref.SelectAttrValue("href", ""))
			}
			if id != "" && !have[id] {
				out = append(out, fmt.Sprintf("manifest reference cid:%s (%q) has no attachment", id, text(ref, "AttachmentName")))
			}
		}
	}
	return out
}

// contentID drops the "cid:" scheme of a ContentId or href.
func contentID(s string) string {
	s = strings.TrimSpace(s)
	if len(s) >= 4 && strings.EqualFold(s[:4], "cid:") {
		return s[4:]
	}
	return s
}

func readOrg(e *etree.Element) Organization {
	return Organization{
		OrganID:              text(e, "OrganId"),
		OrganizationInCharge: text(e, "OrganizationInCharge"),
		OrganName:            text(e, "OrganName"),
		OrganAdd:             text(e, "OrganAdd"),
		Email:                text(e, "Email"),
		Telephone:            text(e, "Telephone"),
		Fax:                  text(e, "Fax"),
		Website:              text(e, "Website"),
	}
}

func readResponseFor(e *etree.Element) (ResponseFor, error) {
	d, err := parseDate(text(e, "PromulgationDate"), "ResponseFor/PromulgationDate")
	if err != nil {
		return ResponseFor{}, err
	}
	return ResponseFor{
		OrganID:          text(e, "OrganId"),
		Code:             text(e, "Code"),
		PromulgationDate: d,
		DocumentID:       text(e, "DocumentId"),
	}, nil
}

func readMessageHeader(mh *etree.Element, p *Package) error {
	var err error
	p.From = readOrg(child(mh, "From"))
	for _, t := range children(mh, "To") {
		p.To = append(p.To, readOrg(t))
	}
	c := child(mh, "Code")
	p.Code = Code{Number: text(c, "CodeNumber"), Notation: text(c, "CodeNotation")}
	pi := child(mh, "PromulgationInfo")
	p.Promulgation.Place = text(pi, "Place")
	if p.Promulgation.Date, err = parseDate(text(pi, "PromulgationDate"), "PromulgationDate"); err != nil {
		return err
	}
	dt := child(mh, "DocumentType")
	p.DocumentType = DocumentType{Type: text(dt, "Type"), TypeDetail: text(dt, "TypeDetail"), TypeName: text(dt, "TypeName")}
	p.Subject = text(mh, "Subject")
	p.Content = text(mh, "Content")
	si := child(mh, "SignerInfo")
	p.Signer = Signer{Competence: text(si, "Competence"), Position: text(si, "Position"), FullName: text(si, "FullName")}
	if p.DueDate, err = parseDate(text(mh, "DueDate"), "DueDate"); err != nil {
		return err
	}
	for _, tp := range children(child(mh, "ToPlaces"), "Place") {
		if s := strings.TrimSpace(allText(tp)); s != "" {
			p.ToPlaces = append(p.ToPlaces, s)
		}
	}
	oi := child(mh, "OtherInfo")
	pr, err := parseInt(text(oi, "Priority"), "OtherInfo/Priority")
	if err != nil {
		return err
	}
	if pr > int(PriorityFlashTimed) {
		return fmt.Errorf("%w: OtherInfo/Priority %d unknown", ErrMalformed, pr)
	}
	p.Other.Priority = Priority(pr)
	p.Other.SphereOfPromulgation = text(oi, "SphereOfPromulgation")
	p.Other.TyperNotation = text(oi, "TyperNotation")
	if p.Other.PromulgationAmount, err = parseInt(text(oi, "PromulgationAmount"), "OtherInfo/PromulgationAmount"); err != nil {
		return err
	}
	if p.Other.PageAmount, err = parseInt(text(oi, "PageAmount"), "OtherInfo/PageAmount"); err != nil {
		return err
	}
	p.Other.Direction = text(oi, "Direction")
	for _, a := range children(child(oi, "Appendixes"), "Appendix") {
		if s := strings.TrimSpace(allText(a)); s != "" {
			p.Other.Appendixes = append(p.Other.Appendixes, s)
		}
	}
	st, err := parseInt(text(mh, "SteeringType"), "SteeringType")
	if err != nil {
		return err
	}
	p.Steering = SteeringType(st)
	for _, rf := range children(mh, "ResponseFor") {
		r, err := readResponseFor(rf)
		if err != nil {
			return err
		}
		p.ResponseFor = append(p.ResponseFor, r)
	}
	p.DocumentID = text(mh, "DocumentId")
	return nil
}

func readBusiness(b *etree.Element) (*Business, error) {
	t, err := parseInt(text(b, "BussinessDocType"), "BussinessDocType")
	if err != nil {
		return nil, err
	}
	if t > int(BusinessReplace) {
		return nil, fmt.Errorf("%w: BussinessDocType %d unknown", ErrMalformed, t)
	}
	paper, err := parseInt(text(b, "Paper"), "Paper")
	if err != nil {
		return nil, err
	}
	out := &Business{DocumentID: text(b, "DocumentId"), DocType: BusinessType(t), Reason: text(b, "BussinessDocReason"), Paper: paper,
		Staff: readStaff(child(b, "StaffInfo"))}
	for _, ri := range findAll(child(b, "ReplacementInfoList"), "DocumentId", nil) {
		if s := strings.TrimSpace(allText(ri)); s != "" {
			out.Replaces = append(out.Replaces, s)
		}
	}
	return out, nil
}

func readStaff(e *etree.Element) StaffInfo {
	return StaffInfo{Department: text(e, "Department"), Staff: text(e, "Staff"),
		Mobile: text(e, "Mobile"), Email: text(e, "Email")}
}

// readAttachment decodes one attachment. It never fails the package: what cannot be
// read is reported in Attachment.Err, what was tolerated in the returned warnings.
func readAttachment(a *etree.Element, l Limits, u *unzipper) (Attachment, []string) {
	var warn []string
	att := Attachment{
		ContentID:   contentID(text(a, "ContentId")),
		ContentType: text(a, "ContentType"),
		Description: text(a, "Description"),
		Name:        text(a, "AttachmentName"),
	}
	var payload string
	enc := child(a, "ContentTransferEncoded")
	switch {
	case enc != nil:
		payload = allText(enc)
	case find(a, "ContentTransferEncoded") != nil:
		enc = find(a, "ContentTransferEncoded")
		payload = allText(enc)
		warn = append(warn, "ContentTransferEncoded found at "+elementPath(enc))
	case strings.TrimSpace(allText(a)) != "":
		payload = allText(a)
		warn = append(warn, "content written directly in Attachment, without ContentTransferEncoded")
	default:
		att.Err = fmt.Errorf("%w: no ContentTransferEncoded", ErrMalformed)
		return att, warn
	}
	data, err := decodeBase64(payload, l.MaxAttachmentBytes)
	if err != nil {
		att.Err = err
		return att, warn
	}
	if len(data) == 0 { // absent and empty content read alike
		return att, append(warn, "empty content")
	}
	att.Data = data
	zr, office, err := classify(data, att.Name, att.ContentType)
	switch {
	case office:
		att.Office = true
	case err != nil:
		att.Err = err
	case zr != nil:
		before := u.budget
		if att.Entries, err = u.unzip(zr, "", 1); err != nil {
			att.Err, att.Entries, u.budget = err, nil, before
		}
	}
	return att, warn
}

// decodeBase64 strips line breaks and spaces (senders wrap at 76 columns), checks the
// decoded size against the limit before allocating, and accepts missing padding.
func decodeBase64(s string, max int64) ([]byte, error) {
	clean := strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '\r', '\n':
			return -1
		}
		return r
	}, s)
	if n := int64(base64.RawStdEncoding.DecodedLen(len(clean))); n > max+2 {
		return nil, fmt.Errorf("%w: attachment decodes to about %d bytes, limit %d", ErrTooLarge, n, max)
	}
	data, err := base64.StdEncoding.DecodeString(clean)
	if err != nil {
		data, err = base64.RawStdEncoding.DecodeString(strings.TrimRight(clean, "="))
		if err != nil {
			return nil, fmt.Errorf("%w: base64: %v", ErrMalformed, err)
		}
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("%w: attachment is %d bytes, limit %d", ErrTooLarge, len(data), max)
	}
	return data, nil
}
