package edxml

import (
	"encoding/base64"
	"fmt"
	"path"
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

// writeResponseFor writes ResponseFor in the official order: OrganId, Code,
// DocumentId, PromulgationDate.
func writeResponseFor(parent *etree.Element, r ResponseFor) {
	e := el(parent, "ResponseFor")
	leaf(e, "OrganId", r.OrganID)
	leaf(e, "Code", r.Code)
	leaf(e, "DocumentId", r.DocumentID)
	leaf(e, "PromulgationDate", date(r.PromulgationDate))
}

// writeStaff writes StaffInfo in the official order: Department, Staff, Email, Mobile.
func writeStaff(parent *etree.Element, s StaffInfo) {
	if s == (StaffInfo{}) {
		return
	}
	e := el(parent, "StaffInfo")
	leaf(e, "Department", s.Department)
	leaf(e, "Staff", s.Staff)
	leaf(e, "Email", s.Email)
	leaf(e, "Mobile", s.Mobile)
}

// newDocument starts a message with the namespace layout of the official library:
// <edXML xmlns=NS> holding <edXML:edXMLEnvelope xmlns:edXML=NS>.
func newDocument() (*etree.Document, *etree.Element) {
	doc := etree.NewDocument()
	doc.CreateProcInst("xml", `version="1.0" encoding="UTF-8"`)
	root := doc.CreateElement("edXML")
	root.CreateAttr("xmlns", Namespace)
	env := el(root, "edXMLEnvelope")
	env.CreateAttr("xmlns:edXML", Namespace)
	return doc, env
}

// mimeTypes are the content types Build writes for an attachment without one.
var mimeTypes = map[string]string{
	".pdf":  "application/pdf",
	".doc":  "application/msword",
	".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	".xls":  "application/vnd.ms-excel",
	".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	".ppt":  "application/vnd.ms-powerpoint",
	".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
	".odt":  "application/vnd.oasis.opendocument.text",
	".ods":  "application/vnd.oasis.opendocument.spreadsheet",
	".odp":  "application/vnd.oasis.opendocument.presentation",
	".zip":  "application/zip",
	".xml":  "application/xml",
	".txt":  "text/plain",
	".jpg":  "image/jpeg",
	".jpeg": "image/jpeg",
	".png":  "image/png",
}

func isZipType(ct string) bool {
	switch strings.ToLower(strings.TrimSpace(ct)) {
	case "application/zip", "application/x-zip-compressed", "application/x-zip":
		return true
	}
	return false
}

// contentType is the ContentType Build writes for a. The official receiver
// (EdXML102 Attachment.parseContentFile) unzips every attachment typed
// application/zip whose name does not end in .zip and keeps only the first entry:
// that is how the official sender wraps a file (1896_QD-TTg_m_294779.doc in
// jdk17_edoc_new.edxml). So application/zip on such a name is written only when
// Data is that wrapper, a zip that is not itself an office document; otherwise an
// xlsx, say, would be cut down to its first XML part. An empty type is taken from the
// name's extension.
func contentType(a Attachment) (string, error) {
	ct := strings.TrimSpace(a.ContentType)
	ext := strings.ToLower(path.Ext(a.Name))
	if ct == "" {
		if t, ok := mimeTypes[ext]; ok {
			return t, nil
		}
		return "application/octet-stream", nil
	}
	if isZipType(ct) && ext != ".zip" {
		zr, office, err := classify(a.Data, "", "")
		if zr == nil || office || err != nil || len(zr.File) == 0 {
			return "", fmt.Errorf("%w: attachment %q is typed %s but is not a zip wrapping it: an official receiver would unzip it and keep only its first entry",
				ErrContentType, a.Name, ct)
		}
	}
	return ct, nil
}

// Build writes p as an edXML package in the layout of the official library
// (EdXmlBuilder of EdXML102) and of its samples: edXML > edXMLEnvelope {edXMLHeader
// {MessageHeader, TraceHeaderList}, edXMLBody > edXMLManifest version="1.0" >
// Reference {ContentId cid:…, ContentType, Description, AttachmentName}} and
// AttachmentEncoded > Attachment {ContentId cid:…, AttachmentName, Description,
// ContentType, ContentTransferEncoded}. MessageHeader children come in the official
// order; PromulgationAmount, PageAmount, SteeringType and Bussiness/Paper are always
// written (the official parser reads an absent count as 1). It emits no Signature (a
// signer adds one) and ignores Raw, HasSignature, Warnings and the derived attachment
// fields (Entries, Office, Err, Misplaced).
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
	types := make([]string, len(p.Attachments))
	for i, a := range p.Attachments {
		ct, err := contentType(a)
		if err != nil {
			return nil, fmt.Errorf("edxml build: %w", err)
		}
		types[i] = ct
	}
	doc, env := newDocument()
	root := env.Parent()
	header := el(env, "edXMLHeader")
	mh := el(header, "MessageHeader")
	writeOrg(mh, "From", p.From)
	for _, t := range p.To {
		writeOrg(mh, "To", t)
	}
	leaf(mh, "DocumentId", p.DocumentID)
	code := el(mh, "Code")
	leaf(code, "CodeNumber", p.Code.Number)
	leaf(code, "CodeNotation", p.Code.Notation)
	pi := el(mh, "PromulgationInfo")
	leaf(pi, "Place", p.Promulgation.Place)
	leaf(pi, "PromulgationDate", date(p.Promulgation.Date))
	dt := el(mh, "DocumentType")
	leaf(dt, "Type", p.DocumentType.Type)
	leaf(dt, "TypeDetail", p.DocumentType.TypeDetail)
	leaf(dt, "TypeName", p.DocumentType.TypeName)
	leaf(mh, "Subject", p.Subject)
	leaf(mh, "Content", p.Content)
	si := el(mh, "SignerInfo")
	leaf(si, "Competence", p.Signer.Competence)
	leaf(si, "Position", p.Signer.Position)
	leaf(si, "FullName", p.Signer.FullName)
	leaf(mh, "DueDate", date(p.DueDate))
	oi := el(mh, "OtherInfo")
	el(oi, "Priority").SetText(strconv.Itoa(int(p.Other.Priority)))
	leaf(oi, "SphereOfPromulgation", p.Other.SphereOfPromulgation)
	leaf(oi, "TyperNotation", p.Other.TyperNotation)
	el(oi, "PromulgationAmount").SetText(strconv.Itoa(p.Other.PromulgationAmount))
	el(oi, "PageAmount").SetText(strconv.Itoa(p.Other.PageAmount))
	leaf(oi, "Direction", p.Other.Direction)
	if len(p.Other.Appendixes) > 0 {
		ap := el(oi, "Appendixes")
		for _, s := range p.Other.Appendixes {
			el(ap, "Appendix").SetText(s)
		}
	}
	for _, r := range p.ResponseFor {
		writeResponseFor(mh, r)
	}
	el(mh, "SteeringType").SetText(strconv.Itoa(int(p.Steering)))
	if len(p.ToPlaces) > 0 {
		tp := el(mh, "ToPlaces")
		for _, s := range p.ToPlaces {
			el(tp, "Place").SetText(s)
		}
	}

	if len(p.Traces) > 0 || p.Business != nil {
		thl := el(header, "TraceHeaderList")
		for _, t := range p.Traces {
			th := el(thl, "TraceHeader")
			leaf(th, "OrganId", t.OrganID)
			leaf(th, "Timestamp", stamp(t.Timestamp))
		}
		if b := p.Business; b != nil {
			be := el(thl, "Bussiness")
			leaf(be, "DocumentId", b.DocumentID)
			el(be, "BussinessDocType").SetText(strconv.Itoa(int(b.DocType)))
			leaf(be, "BussinessDocReason", b.Reason)
			el(be, "Paper").SetText(strconv.Itoa(b.Paper))
			if len(b.Replaces) > 0 {
				rl := el(be, "ReplacementInfoList")
				for _, id := range b.Replaces {
					el(el(rl, "ReplacementInfo"), "DocumentId").SetText(id)
				}
			}
			writeStaff(be, b.Staff)
		}
	}

	manifest := el(el(env, "edXMLBody"), "edXMLManifest")
	manifest.CreateAttr("version", "1.0")
	for i, a := range p.Attachments {
		ref := el(manifest, "Reference")
		el(ref, "ContentId").SetText("cid:" + a.ContentID)
		el(ref, "ContentType").SetText(types[i])
		leaf(ref, "Description", a.Description)
		leaf(ref, "AttachmentName", a.Name)
	}
	if len(p.Attachments) > 0 {
		// Unprefixed, in the default (edXML) namespace, as the official library writes them.
		ae := root.CreateElement("AttachmentEncoded")
		for i, a := range p.Attachments {
			at := ae.CreateElement("Attachment")
			at.CreateElement("ContentId").SetText("cid:" + a.ContentID)
			if a.Name != "" {
				at.CreateElement("AttachmentName").SetText(a.Name)
			}
			if a.Description != "" {
				at.CreateElement("Description").SetText(a.Description)
			}
			at.CreateElement("ContentType").SetText(types[i])
			cte := el(at, "ContentTransferEncoded")
			cte.CreateAttr("xmlns:edXML", Namespace)
			cte.SetText(wrap76(base64.StdEncoding.EncodeToString(a.Data)))
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
