package edxml

import (
	"fmt"

	"github.com/beevik/etree"
)

// BuildStatus writes a status message in the layout of the official library
// (StatusXmlBuilder of EdXML102) and of every official status sample:
//
//	<edXML xmlns=NS>
//	  <edXML:edXMLEnvelope xmlns:edXML=NS>
//	    <edXML:edXMLHeader>
//	      <edXML:MessageHeader>
//	        From, ResponseFor {OrganId, Code, DocumentId, PromulgationDate},
//	        StaffInfo {Department, Staff, Email, Mobile}, StatusCode, Description,
//	        Timestamp (yyyy/MM/dd HH:mm:ss)
func BuildStatus(s Status) ([]byte, error) {
	if !s.Code.Valid() {
		return nil, fmt.Errorf("edxml build status: unknown status code %q", s.Code)
	}
	doc, env := newDocument()
	mh := el(el(env, "edXMLHeader"), "MessageHeader")
	writeOrg(mh, "From", s.From)
	writeResponseFor(mh, s.ResponseFor)
	writeStaff(mh, s.Staff)
	el(mh, "StatusCode").SetText(string(s.Code))
	leaf(mh, "Description", s.Description)
	leaf(mh, "Timestamp", stamp(s.Timestamp))
	doc.Indent(2)
	out, err := doc.WriteToBytes()
	if err != nil {
		return nil, fmt.Errorf("edxml build status: %w", err)
	}
	return out, nil
}

// statusHeader finds the element holding a status message's fields: the
// MessageHeader that has a StatusCode (the official layout, edXML > edXMLEnvelope >
// edXMLHeader > MessageHeader), or, in the legacy layout with a Status root, the
// parent of its StatusCode. nil for anything else, a document package included.
func statusHeader(root *etree.Element) *etree.Element {
	if root == nil {
		return nil
	}
	if st := legacyStatus(root); st != nil {
		if c := find(st, "StatusCode"); c != nil {
			return c.Parent()
		}
	}
	env := find(root, "edXMLEnvelope")
	if env == nil {
		return nil
	}
	mh := child(child(env, "edXMLHeader"), "MessageHeader")
	if mh == nil {
		mh = find(env, "MessageHeader")
	}
	if child(mh, "StatusCode") != nil {
		return mh
	}
	return nil
}

// legacyStatus is the Status element of the legacy layout: the root, or a child of it.
func legacyStatus(root *etree.Element) *etree.Element {
	if root.Tag == "Status" {
		return root
	}
	return child(root, "Status")
}

// maxStatusBytes bounds what IsStatus looks into: the official status messages are
// about 2 KB, while packages run to tens of megabytes, which IsStatus then does not
// parse a second time.
const maxStatusBytes = 1 << 20

// IsStatus reports whether raw is a status message (in either layout), whether or
// not its fields are valid; false for a package, for what is not edXML at all, and
// for anything larger than 1 MiB (no status message is).
func IsStatus(raw []byte) bool {
	if len(raw) > maxStatusBytes {
		return false
	}
	doc, _, err := readTree(raw, DefaultLimits())
	return err == nil && statusHeader(doc.Root()) != nil
}

// ParseStatus reads a status message with the same hardening as Parse: the official
// layout, and the legacy Status > Header > MessageHeader one (noted in Warnings). A
// document package is refused with ErrPackageMessage.
func ParseStatus(raw []byte, limits Limits) (*Status, error) {
	l := limits.withDefaults()
	doc, warn, err := readTree(raw, l)
	if err != nil {
		return nil, fmt.Errorf("edxml status: %w", err)
	}
	return readStatus(doc, warn)
}

func readStatus(doc *etree.Document, warn []string) (*Status, error) {
	var err error
	root := doc.Root()
	mh := statusHeader(root)
	if mh == nil {
		if find(root, "edXMLEnvelope") != nil {
			return nil, fmt.Errorf("edxml status: %w (its MessageHeader has no StatusCode)", ErrPackageMessage)
		}
		return nil, fmt.Errorf("edxml status: %w: no StatusCode", ErrNotEdXML)
	}
	s := &Status{Code: StatusCode(text(mh, "StatusCode")), Warnings: warn}
	if legacyStatus(root) != nil {
		s.Warnings = append(s.Warnings, "legacy layout with a Status root; the official one is edXML > edXMLEnvelope > edXMLHeader > MessageHeader")
	}
	if len(s.Code) == 1 { // some senders drop the leading zero
		s.Code = "0" + s.Code
	}
	if !s.Code.Valid() {
		return nil, fmt.Errorf("edxml status: %w: unknown StatusCode %q", ErrMalformed, s.Code)
	}
	if rf := child(mh, "ResponseFor"); rf != nil {
		if s.ResponseFor, err = readResponseFor(rf); err != nil {
			return nil, fmt.Errorf("edxml status: %w", err)
		}
	}
	s.From = readOrg(child(mh, "From"))
	s.Description = text(mh, "Description")
	if s.Timestamp, err = parseTime(text(mh, "Timestamp"), "Status/Timestamp"); err != nil {
		return nil, fmt.Errorf("edxml status: %w", err)
	}
	s.Staff = readStaff(child(mh, "StaffInfo"))
	return s, nil
}
