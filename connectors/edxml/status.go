package edxml

import (
	"fmt"

	"github.com/beevik/etree"
)

// BuildStatus writes a status message: edXML:Status > Header > MessageHeader
// {ResponseFor, From, StatusCode, Description, Timestamp, StaffInfo}.
func BuildStatus(s Status) ([]byte, error) {
	if !s.Code.Valid() {
		return nil, fmt.Errorf("edxml build status: unknown status code %q", s.Code)
	}
	doc := etree.NewDocument()
	doc.CreateProcInst("xml", `version="1.0" encoding="UTF-8"`)
	root := doc.CreateElement(prefix + "Status")
	root.CreateAttr("xmlns:edXML", Namespace)
	mh := el(el(root, "Header"), "MessageHeader")
	writeResponseFor(mh, s.ResponseFor)
	writeOrg(mh, "From", s.From)
	el(mh, "StatusCode").SetText(string(s.Code))
	leaf(mh, "Description", s.Description)
	leaf(mh, "Timestamp", stamp(s.Timestamp))
	writeStaff(mh, s.Staff)
	doc.Indent(2)
	out, err := doc.WriteToBytes()
	if err != nil {
		return nil, fmt.Errorf("edxml build status: %w", err)
	}
	return out, nil
}

// ParseStatus reads a status message with the same hardening as Parse. Elements are
// found by local name anywhere under the Status root, so layouts with or without the
// Header/MessageHeader wrappers are accepted.
func ParseStatus(raw []byte, limits Limits) (*Status, error) {
	l := limits.withDefaults()
	doc, err := readTree(raw, l)
	if err != nil {
		return nil, fmt.Errorf("edxml status: %w", err)
	}
	root := find(doc.Root(), "Status")
	if root == nil {
		return nil, fmt.Errorf("edxml status: %w: no Status element", ErrNotEdXML)
	}
	codeEl := find(root, "StatusCode")
	if codeEl == nil {
		return nil, fmt.Errorf("edxml status: %w: no StatusCode", ErrNotEdXML)
	}
	mh := codeEl.Parent()
	s := &Status{Code: StatusCode(text(mh, "StatusCode"))}
	if len(s.Code) == 1 { // some senders drop the leading zero
		s.Code = "0" + s.Code
	}
	if !s.Code.Valid() {
		return nil, fmt.Errorf("edxml status: %w: unknown StatusCode %q", ErrMalformed, s.Code)
	}
	if rf := find(root, "ResponseFor"); rf != nil {
		if s.ResponseFor, err = readResponseFor(rf); err != nil {
			return nil, fmt.Errorf("edxml status: %w", err)
		}
	}
	s.From = readOrg(find(root, "From"))
	s.Description = text(mh, "Description")
	if s.Timestamp, err = parseTime(text(mh, "Timestamp"), "Status/Timestamp"); err != nil {
		return nil, fmt.Errorf("edxml status: %w", err)
	}
	s.Staff = readStaff(find(root, "StaffInfo"))
	return s, nil
}
