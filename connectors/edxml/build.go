package edxml

import (
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/beevik/etree"

	"cddh-sync/connectors"
)

const prefix = "edXML:"

// el adds a prefixed child.
func el(parent *etree.Element, local string) *etree.Element {
	return parent.CreateElement(prefix + local)
}

// leaf adds a prefixed child with text, skipping empty values so optional parts stay
// absent (Parse reads absent and empty alike).
func leaf(parent *etree.Element, local, value string) {
	if value == "" {
		return
	}
	el(parent, local).SetText(value)
}

func date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(connectors.Zone).Format("2006/01/02")
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(connectors.Zone).Format("2006/01/02 15:04:05")
}

func num(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

func writeOrg(parent *etree.Element, local string, o Organization) {
	e := el(parent, local)
	leaf(e, "OrganId", o.OrganID)
	leaf(e, "OrganizationInCharge", o.OrganizationInCharge)
	leaf(e, "OrganName", o.OrganName)
	leaf(e, "OrganAdd", o.OrganAdd)
	leaf(e, "Email", o.Email)
	leaf(e, "Telephone", o.Telephone)
	leaf(e, "Fax", o.Fax)
	leaf(e, "Website", o.Website)
}

func writeResponseFor(parent *etree.Element, r ResponseFor) {
	e := el(parent, "ResponseFor")
	leaf(e, "OrganId", r.OrganID)
	leaf(e, "Code", r.Code)
	leaf(e, "PromulgationDate", date(r.PromulgationDate))
	leaf(e, "DocumentId", r.DocumentID)
}

func writeStaff(parent *etree.Element, s StaffInfo) {
	if s == (StaffInfo{}) {
		return
	}
	e := el(parent, "StaffInfo")
	leaf(e, "Department", s.Department)
	leaf(e, "Staff", s.Staff)
	leaf(e, "Mobile", s.Mobile)
	leaf(e, "Email", s.Email)
}

// Build writes p as an edXML package in the QCVN 102 layout: edXML > edXMLEnvelope
// (edXMLHeader, edXMLBody/Manifest) and AttachmentEncoded. It emits no Signature (a
// signer adds one) and ignores Raw, HasSignature and Attachment.Entries (Data is the
// attachment; Entries are derived from it on Parse).
func Build(p Package) ([]byte, error) {
	if p.Other.Priority < 0 || p.Other.Priority > PriorityFlashTimed {
		return nil, fmt.Errorf("edxml build: priority %d unknown", p.Other.Priority)
	}
	if p.Steering < 0 {
		return nil, fmt.Errorf("edxml build: steering type %d unknown", p.Steering)
	}
	if b := p.Business; b != nil && (b.DocType < BusinessNew || b.DocType > BusinessReplace || b.Paper < 0) {
		return nil, fmt.Errorf("edxml build: Bussiness type %d / paper %d invalid", b.DocType, b.Paper)
	}
	if p.Other.PromulgationAmount < 0 || p.Other.PageAmount < 0 {
		return nil, fmt.Errorf("edxml build: negative amount in OtherInfo")
	}
	doc := etree.NewDocument()
	doc.CreateProcInst("xml", `version="1.0" encoding="UTF-8"`)
	root := doc.CreateElement("edXML")
	root.CreateAttr("xmlns", Namespace)
	root.CreateAttr("xmlns:edXML", Namespace)
	env := el(root, "edXMLEnvelope")
	header := el(env, "edXMLHeader")
	mh := el(header, "MessageHeader")
	writeOrg(mh, "From", p.From)
	for _, t := range p.To {
		writeOrg(mh, "To", t)
	}
	code := el(mh, "Code")
	leaf(code, "CodeNumber", p.Code.Number)
	leaf(code, "CodeNotation", p.Code.Notation)
	pi := el(mh, "PromulgationInfo")
	leaf(pi, "Place", p.Promulgation.Place)
	leaf(pi, "PromulgationDate", date(p.Promulgation.Date))
	dt := el(mh, "DocumentType")
	leaf(dt, "Type", p.DocumentType.Type)
	leaf(dt, "TypeName", p.DocumentType.TypeName)
	leaf(mh, "Subject", p.Subject)
	leaf(mh, "Content", p.Content)
	si := el(mh, "SignerInfo")
	leaf(si, "Competence", p.Signer.Competence)
	leaf(si, "Position", p.Signer.Position)
	leaf(si, "FullName", p.Signer.FullName)
	leaf(mh, "DueDate", date(p.DueDate))
	if len(p.ToPlaces) > 0 {
		tp := el(mh, "ToPlaces")
		for _, s := range p.ToPlaces {
			el(tp, "Place").SetText(s)
		}
	}
	oi := el(mh, "OtherInfo")
	el(oi, "Priority").SetText(strconv.Itoa(int(p.Other.Priority)))
	leaf(oi, "SphereOfPromulgation", p.Other.SphereOfPromulgation)
	leaf(oi, "TyperNotation", p.Other.TyperNotation)
	leaf(oi, "PromulgationAmount", num(p.Other.PromulgationAmount))
	leaf(oi, "PageAmount", num(p.Other.PageAmount))
	if len(p.Other.Appendixes) > 0 {
		ap := el(oi, "Appendixes")
		for _, s := range p.Other.Appendixes {
			el(ap, "Appendix").SetText(s)
		}
	}
	leaf(mh, "SteeringType", num(int(p.Steering)))
	for _, r := range p.ResponseFor {
		writeResponseFor(mh, r)
	}
	leaf(mh, "DocumentId", p.DocumentID)

	if len(p.Traces) > 0 || p.Business != nil {
		thl := el(header, "TraceHeaderList")
		for _, t := range p.Traces {
			th := el(thl, "TraceHeader")
			leaf(th, "OrganId", t.OrganID)
			leaf(th, "Timestamp", stamp(t.Timestamp))
		}
		if b := p.Business; b != nil {
			be := el(thl, "Bussiness")
			el(be, "BussinessDocType").SetText(strconv.Itoa(int(b.DocType)))
			leaf(be, "BussinessDocReason", b.Reason)
			leaf(be, "Paper", num(b.Paper))
			writeStaff(be, b.Staff)
			if len(b.Replaces) > 0 {
				rl := el(be, "ReplacementInfoList")
				for _, id := range b.Replaces {
					el(el(rl, "ReplacementInfo"), "DocumentId").SetText(id)
				}
			}
		}
	}

	body := el(env, "edXMLBody")
	manifest := el(body, "Manifest")
	for _, a := range p.Attachments {
		ref := el(manifest, "Reference")
		ref.CreateAttr("edXML:href", "cid:"+a.ContentID)
		leaf(ref, "AttachmentName", a.Name)
		leaf(ref, "Description", a.Description)
		leaf(ref, "ContentType", a.ContentType)
	}
	if len(p.Attachments) > 0 {
		ae := el(root, "AttachmentEncoded")
		for _, a := range p.Attachments {
			ae2 := el(ae, "Attachment")
			leaf(ae2, "ContentId", a.ContentID)
			leaf(ae2, "ContentType", a.ContentType)
			leaf(ae2, "Description", a.Description)
			leaf(ae2, "AttachmentName", a.Name)
			el(ae2, "ContentTransferEncoded").SetText(wrap76(base64.StdEncoding.EncodeToString(a.Data)))
		}
	}
	doc.Indent(2)
	out, err := doc.WriteToBytes()
	if err != nil {
		return nil, fmt.Errorf("edxml build: %w", err)
	}
	return out, nil
}

// wrap76 breaks base64 into MIME-style lines, as senders do.
func wrap76(s string) string {
	if len(s) <= 76 {
		return s
	}
	var b strings.Builder
	for len(s) > 76 {
		b.WriteString(s[:76])
		b.WriteByte('\n')
		s = s[76:]
	}
	b.WriteString(s)
	return b.String()
}
