package portalsim

import (
	"archive/zip"
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"fmt"
	"strings"
	"time"

	"cddh-sync/connectors"
)

// EdxmlNamespace is the namespace of QCVN 102:2016/BTTTT packages.
const EdxmlNamespace = "http://www.mic.gov.vn/TBT/QCVN_102_2016"

// xmlWriter writes prefixed edXML elements; text is escaped by encoding/xml.
type xmlWriter struct {
	b     bytes.Buffer
	depth int
}

func (w *xmlWriter) open(name string) {
	w.indent()
	fmt.Fprintf(&w.b, "<edXML:%s>\n", name)
	w.depth++
}

func (w *xmlWriter) close(name string) {
	w.depth--
	w.indent()
	fmt.Fprintf(&w.b, "</edXML:%s>\n", name)
}

func (w *xmlWriter) leaf(name, text string) {
	w.indent()
	fmt.Fprintf(&w.b, "<edXML:%s>", name)
	xml.EscapeText(&w.b, []byte(text)) //nolint:errcheck // writes to a bytes.Buffer cannot fail
	fmt.Fprintf(&w.b, "</edXML:%s>\n", name)
}

func (w *xmlWriter) indent() { w.b.WriteString(strings.Repeat("  ", w.depth)) }

// priority is the edXML OtherInfo/Priority code of an urgency (0 normal … 3 flash).
func priority(urgency string) string {
	switch urgency {
	case UrgencyUrgent:
		return "1"
	case UrgencyHigh:
		return "2"
	case UrgencyFlash:
		return "3"
	}
	return "0"
}

func edxmlDate(t time.Time) string { return t.In(connectors.Zone).Format(layoutEdxml) }

// envelopeWriter starts a package or a status message as the official library does:
// the prolog, <edXML>, <edXML:edXMLEnvelope>, and open edXMLHeader > MessageHeader.
func envelopeWriter() *xmlWriter {
	w := &xmlWriter{}
	w.b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	fmt.Fprintf(&w.b, "<edXML xmlns=%q>\n", EdxmlNamespace)
	w.depth = 1
	w.indent()
	fmt.Fprintf(&w.b, "<edXML:edXMLEnvelope xmlns:edXML=%q>\n", EdxmlNamespace)
	w.depth++
	w.open("edXMLHeader")
	w.open("MessageHeader")
	return w
}

// buildEdxml writes a document's edXML package in the layout of the official
// EdXML102 library the national exchange ships (see connectors/edxml/testdata/official):
// <edXML> > <edXML:edXMLEnvelope> {edXMLHeader {MessageHeader (From, To, DocumentId,
// Code, PromulgationInfo, DocumentType, Subject, Content, SignerInfo, DueDate,
// OtherInfo, ResponseFor, SteeringType, ToPlaces), TraceHeaderList (TraceHeader,
// Bussiness)}, edXMLBody > edXMLManifest}, then AttachmentEncoded at the root with the
// attachments base64 encoded, every third document's zipped. mu held.
func (s *Sim) buildEdxml(d *Document) ([]byte, error) {
	w := envelopeWriter()
	w.open("From")
	w.leaf("OrganId", d.IssuerCode)
	w.leaf("OrganizationInCharge", "Ủy ban nhân dân tỉnh Đồng Tháp")
	w.leaf("OrganName", d.IssuerName)
	w.leaf("OrganAdd", "Đồng Tháp")
	w.close("From")
	to := d.ToCodes
	if len(to) == 0 {
		to = []string{CodeOffice}
	}
	for _, code := range to {
		w.open("To")
		w.leaf("OrganId", code)
		if u, ok := s.dir.byCode[code]; ok {
			w.leaf("OrganName", u.Name)
		}
		w.close("To")
	}
	w.leaf("DocumentId", fmt.Sprintf("%s.%d.%s", d.IssuerCode, d.ID, d.Date.Format("20060102")))
	number, notation, _ := strings.Cut(d.Notation, "/")
	w.open("Code")
	w.leaf("CodeNumber", number)
	w.leaf("CodeNotation", notation)
	w.close("Code")
	w.open("PromulgationInfo")
	w.leaf("Place", "Đồng Tháp")
	w.leaf("PromulgationDate", edxmlDate(d.Date))
	w.close("PromulgationInfo")
	w.open("DocumentType")
	w.leaf("Type", "1")
	w.leaf("TypeName", d.Type)
	w.close("DocumentType")
	w.leaf("Subject", d.Subject)
	w.leaf("Content", d.Body)
	w.open("SignerInfo")
	w.leaf("Competence", d.SignerAuthority)
	w.leaf("Position", d.SignerTitle)
	w.leaf("FullName", d.Signer)
	w.close("SignerInfo")
	if !d.Due.IsZero() {
		w.leaf("DueDate", edxmlDate(d.Due))
	}
	w.open("OtherInfo")
	w.leaf("Priority", priority(d.Urgency))
	w.leaf("SphereOfPromulgation", "Lưu hành nội bộ")
	w.leaf("TyperNotation", "")
	w.leaf("PromulgationAmount", "1")
	w.leaf("PageAmount", "1")
	w.close("OtherInfo")
	for _, rid := range d.Related {
		o, ok := s.docs[rid]
		if !ok {
			continue
		}
		w.open("ResponseFor")
		w.leaf("OrganId", o.IssuerCode)
		w.leaf("Code", o.Notation)
		w.leaf("DocumentId", fmt.Sprintf("%s.%d.%s", o.IssuerCode, o.ID, o.Date.Format("20060102")))
		w.leaf("PromulgationDate", edxmlDate(o.Date))
		w.close("ResponseFor")
	}
	// SteeringType: 1 for a directing document, 0 otherwise (the official samples).
	if d.Directive {
		w.leaf("SteeringType", "1")
	} else {
		w.leaf("SteeringType", "0")
	}
	w.open("ToPlaces")
	for _, line := range strings.Split(d.Recipients, "\n") {
		if p := strings.TrimSuffix(strings.TrimPrefix(line, "- "), ";"); p != line && p != "" {
			w.leaf("Place", strings.TrimSuffix(p, "."))
		}
	}
	w.close("ToPlaces")
	w.close("MessageHeader")
	w.open("TraceHeaderList")
	w.open("TraceHeader")
	w.leaf("OrganId", d.IssuerCode)
	w.leaf("Timestamp", d.IssuedAt.In(connectors.Zone).Format("2006/01/02 15:04:05"))
	w.close("TraceHeader")
	w.open("Bussiness")
	w.leaf("BussinessDocType", "0")
	w.leaf("BussinessDocReason", "Văn bản điện tử mới")
	w.leaf("Paper", "0")
	w.close("Bussiness")
	w.close("TraceHeaderList")
	w.close("edXMLHeader")

	type att struct {
		id, name, mime string
		data           []byte
	}
	var atts []att
	for i := range d.Files {
		f := &d.Files[i]
		if f.Kind != FileBodyPDF && f.Kind != FileRaw {
			continue
		}
		b, err := s.fileBytes(fileRef{doc: d, file: f})
		if err != nil {
			return nil, err
		}
		a := att{id: fmt.Sprintf("cid:%d", f.ID), name: f.Name, mime: f.Mime, data: b}
		if d.ID%3 == 0 {
			z, err := zipOne(f.Name, b)
			if err != nil {
				return nil, fmt.Errorf("portalsim: zip attachment %d: %w", f.ID, err)
			}
			a.name, a.mime, a.data = f.Name+".zip", "application/zip", z
		}
		atts = append(atts, a)
	}
	w.open("edXMLBody")
	w.indent()
	w.b.WriteString("<edXML:edXMLManifest version=\"1.0\">\n")
	w.depth++
	for _, a := range atts {
		w.open("Reference")
		w.leaf("ContentId", a.id)
		w.leaf("ContentType", a.mime)
		w.leaf("Description", "Văn bản điện tử")
		w.leaf("AttachmentName", a.name)
		w.close("Reference")
	}
	w.close("edXMLManifest")
	w.close("edXMLBody")
	w.depth--
	w.indent()
	w.b.WriteString("</edXML:edXMLEnvelope>\n")
	// AttachmentEncoded and its children unprefixed, in the default (edXML)
	// namespace, as the official library writes them.
	w.b.WriteString("  <AttachmentEncoded>\n")
	for _, a := range atts {
		w.b.WriteString("    <Attachment>\n")
		for _, kv := range [][2]string{{"ContentId", a.id}, {"AttachmentName", a.name}, {"Description", "Văn bản điện tử"}, {"ContentType", a.mime}} {
			fmt.Fprintf(&w.b, "      <%s>", kv[0])
			xml.EscapeText(&w.b, []byte(kv[1])) //nolint:errcheck // writes to a bytes.Buffer cannot fail
			fmt.Fprintf(&w.b, "</%s>\n", kv[0])
		}
		fmt.Fprintf(&w.b, "      <edXML:ContentTransferEncoded xmlns:edXML=%q>%s</edXML:ContentTransferEncoded>\n",
			EdxmlNamespace, base64.StdEncoding.EncodeToString(a.data))
		w.b.WriteString("    </Attachment>\n")
	}
	w.b.WriteString("  </AttachmentEncoded>\n</edXML>\n")
	return w.b.Bytes(), nil
}

// buildEdxmlStatus writes a status message about d with code d.EdxmlStatus, in the
// layout of the official library's status samples: From (for 13, the issuer; else the
// first recipient), ResponseFor (d, or the số/ký hiệu d.EdxmlStatusFor), StaffInfo,
// StatusCode, Description, Timestamp.
// mu held.
func (s *Sim) buildEdxmlStatus(d *Document) []byte {
	w := envelopeWriter()
	from := d.IssuerCode
	if d.EdxmlStatus != "13" && len(d.ToCodes) > 0 {
		from = d.ToCodes[0]
	} else if d.EdxmlStatus != "13" {
		from = CodeOffice
	}
	w.open("From")
	w.leaf("OrganId", from)
	if u, ok := s.dir.byCode[from]; ok {
		w.leaf("OrganName", u.Name)
	}
	w.close("From")
	w.open("ResponseFor")
	w.leaf("OrganId", d.IssuerCode)
	if d.EdxmlStatusFor != "" {
		w.leaf("Code", d.EdxmlStatusFor)
	} else {
		w.leaf("Code", d.Notation)
		w.leaf("DocumentId", fmt.Sprintf("%s.%d.%s", d.IssuerCode, d.ID, d.Date.Format("20060102")))
	}
	w.leaf("PromulgationDate", edxmlDate(d.Date))
	w.close("ResponseFor")
	w.open("StaffInfo")
	w.leaf("Department", "Văn thư")
	w.leaf("Staff", "Văn thư")
	w.close("StaffInfo")
	w.leaf("StatusCode", d.EdxmlStatus)
	w.leaf("Description", "Trạng thái văn bản "+d.EdxmlStatus)
	at := d.EdxmlStatusAt
	if at.IsZero() {
		at = s.now()
	}
	w.leaf("Timestamp", at.In(connectors.Zone).Format("2006/01/02 15:04:05"))
	w.close("MessageHeader")
	w.close("edXMLHeader")
	w.depth--
	w.indent()
	w.b.WriteString("</edXML:edXMLEnvelope>\n</edXML>\n")
	return w.b.Bytes()
}

func zipOne(name string, data []byte) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	f, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: DefaultAnchor()})
	if err != nil {
		return nil, err
	}
	if _, err := f.Write(data); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// edxmlBomb is an edXML whose Subject expands, through nested entities, to about
// three gigabytes ("billion laughs"): a parser that expands entities must refuse it.
func edxmlBomb(d *Document) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString("<!DOCTYPE edXML:edXMLEnvelope [\n  <!ENTITY lol \"lollollollollollollollollollollol\">\n")
	prev := "lol"
	for i := 1; i <= 9; i++ {
		name := fmt.Sprintf("lol%d", i)
		fmt.Fprintf(&b, "  <!ENTITY %s \"%s\">\n", name, strings.Repeat("&"+prev+";", 10))
		prev = name
	}
	b.WriteString("]>\n")
	fmt.Fprintf(&b, "<edXML:edXMLEnvelope xmlns:edXML=%q>\n<edXML:edXMLHeader>\n<edXML:MessageHeader>\n", EdxmlNamespace)
	fmt.Fprintf(&b, "<edXML:From><edXML:OrganId>%s</edXML:OrganId></edXML:From>\n", d.IssuerCode)
	number, notation, _ := strings.Cut(d.Notation, "/")
	fmt.Fprintf(&b, "<edXML:Code><edXML:CodeNumber>%s</edXML:CodeNumber><edXML:CodeNotation>%s</edXML:CodeNotation></edXML:Code>\n", number, notation)
	fmt.Fprintf(&b, "<edXML:Subject>&%s;</edXML:Subject>\n", prev)
	b.WriteString("</edXML:MessageHeader>\n</edXML:edXMLHeader>\n</edXML:edXMLEnvelope>\n")
	return []byte(b.String())
}
