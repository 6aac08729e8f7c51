package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"time"

	"cddh-sync/connectors/edxml"
)

const edxmlSynopsis = "inspect [--format json|text] FILE"

// cmdEdxml: `edxml inspect FILE` shows what the national exchange sent: a document
// package or a status message (cli.md, Additions).
func cmdEdxml(_ context.Context, e env, args []string) error {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		fs := newFlagSet(e.stderr, "edxml", edxmlSynopsis)
		if _, err := parseFlags(fs, args); err != nil {
			return err
		}
		return usageErrorf("want a subcommand: inspect")
	}
	if args[0] != "inspect" {
		return usageErrorf("unknown subcommand %q: want inspect", args[0])
	}
	fs := newFlagSet(e.stderr, "edxml inspect", "[--format json|text] FILE")
	format := fs.String("format", "json", "output format: json or text")
	pos, err := parseFlags(fs, args[1:])
	if err != nil {
		return err
	}
	if *format != "json" && *format != "text" {
		return usageErrorf("--format: want json or text, got %q", *format)
	}
	if len(pos) != 1 {
		return usageErrorf("edxml inspect: want exactly one FILE, got %d arguments", len(pos))
	}
	name := pos[0]
	raw, err := readInspected(e, name)
	if err != nil {
		return err
	}
	m, err := edxml.Read(raw, edxml.Limits{})
	if err != nil {
		return &exitError{Code: exitNegative, Err: fmt.Errorf("%s: not a readable edXML package or status message: %w", name, err)}
	}
	out := inspectOf(name, m)
	if *format == "text" {
		return inspectText(e.stdout, out)
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

// maxInspectBytes: the codec's own package limit, plus one byte to tell it was passed.
const maxInspectBytes = 64 << 20

// readInspected reads FILE or standard input. A FILE that cannot be opened is a usage
// error naming it (exit 2, as for verify); a malformed one is exit 1, later.
func readInspected(e env, name string) ([]byte, error) {
	var r io.Reader
	if name == "-" {
		r = e.stdin
	} else {
		f, err := os.Open(name)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil, usageErrorf("%s: no such file", name)
			}
			return nil, usageErrorf("%w", err)
		}
		defer f.Close()
		if st, err := f.Stat(); err == nil && st.IsDir() {
			return nil, usageErrorf("%s: is a directory, want an edXML file", name)
		}
		r = f
	}
	raw, err := io.ReadAll(io.LimitReader(r, maxInspectBytes+1))
	if err != nil {
		return nil, &exitError{Code: exitNegative, Err: fmt.Errorf("%s: %w", name, err)}
	}
	return raw, nil
}

// The JSON shapes of `edxml inspect`.
type (
	inspectOut struct {
		File      string           `json:"file"`
		Kind      edxml.Kind       `json:"kind"`
		Header    *inspectHeader   `json:"header,omitempty"`
		Trace     []inspectTrace   `json:"trace,omitempty"`
		Business  *inspectBusiness `json:"business,omitempty"`
		Status    *inspectStatus   `json:"status,omitempty"`
		Attach    []inspectAttach  `json:"attachments,omitempty"`
		Signature *inspectSig      `json:"signature,omitempty"`
		Warnings  []string         `json:"warnings"`
	}
	inspectOrg struct {
		OrganID   string `json:"organ_id"`
		OrganName string `json:"organ_name,omitempty"`
		InCharge  string `json:"organization_in_charge,omitempty"`
		Address   string `json:"address,omitempty"`
		Email     string `json:"email,omitempty"`
		Telephone string `json:"telephone,omitempty"`
		Fax       string `json:"fax,omitempty"`
		Website   string `json:"website,omitempty"`
	}
	inspectResponse struct {
		OrganID          string `json:"organ_id"`
		Code             string `json:"code"`
		PromulgationDate string `json:"promulgation_date,omitempty"`
		DocumentID       string `json:"document_id"`
	}
	inspectHeader struct {
		From               inspectOrg        `json:"from"`
		To                 []inspectOrg      `json:"to"`
		DocumentID         string            `json:"document_id"`
		CodeNumber         string            `json:"code_number"`
		CodeNotation       string            `json:"code_notation"`
		Place              string            `json:"place,omitempty"`
		PromulgationDate   string            `json:"promulgation_date,omitempty"`
		DocumentType       string            `json:"document_type,omitempty"`
		DocumentTypeName   string            `json:"document_type_name,omitempty"`
		Subject            string            `json:"subject"`
		Content            string            `json:"content,omitempty"`
		Signer             string            `json:"signer,omitempty"`
		SignerPosition     string            `json:"signer_position,omitempty"`
		SignerCompetence   string            `json:"signer_competence,omitempty"`
		DueDate            string            `json:"due_date,omitempty"`
		Priority           int               `json:"priority"`
		PriorityWord       string            `json:"priority_word"`
		PromulgationAmount int               `json:"promulgation_amount"`
		PageAmount         int               `json:"page_amount"`
		SteeringType       int               `json:"steering_type"`
		ToPlaces           []string          `json:"to_places,omitempty"`
		Appendixes         []string          `json:"appendixes,omitempty"`
		ResponseFor        []inspectResponse `json:"response_for,omitempty"`
	}
	inspectTrace struct {
		OrganID   string `json:"organ_id"`
		Timestamp string `json:"timestamp,omitempty"`
	}
	inspectBusiness struct {
		DocType    int      `json:"doc_type"`
		Reason     string   `json:"reason,omitempty"`
		DocumentID string   `json:"document_id,omitempty"`
		Paper      int      `json:"paper"`
		Staff      string   `json:"staff,omitempty"`
		Department string   `json:"department,omitempty"`
		StaffEmail string   `json:"staff_email,omitempty"`
		StaffPhone string   `json:"staff_mobile,omitempty"`
		Replaces   []string `json:"replaces,omitempty"`
	}
	inspectStatus struct {
		Code        edxml.StatusCode `json:"code"`
		Description string           `json:"description"`
		Timestamp   string           `json:"timestamp,omitempty"`
		From        inspectOrg       `json:"from"`
		ResponseFor inspectResponse  `json:"response_for"`
		Staff       string           `json:"staff,omitempty"`
		Department  string           `json:"department,omitempty"`
		StaffEmail  string           `json:"staff_email,omitempty"`
		StaffPhone  string           `json:"staff_mobile,omitempty"`
	}
	inspectEntry struct {
		Name   string `json:"name"`
		Size   int    `json:"size"`
		SHA256 string `json:"sha256"`
		Office bool   `json:"office,omitempty"`
	}
	inspectAttach struct {
		ContentID   string         `json:"content_id"`
		Name        string         `json:"name"`
		Type        string         `json:"type"`
		Description string         `json:"description,omitempty"`
		Size        int            `json:"size"`
		SHA256      string         `json:"sha256,omitempty"`
		Office      bool           `json:"office,omitempty"`
		Misplaced   bool           `json:"misplaced,omitempty"`
		Entries     []inspectEntry `json:"entries,omitempty"`
		Error       string         `json:"error,omitempty"`
	}
	inspectSig struct {
		Present   bool   `json:"present"`
		Namespace string `json:"namespace,omitempty"`
		XMLDSig   bool   `json:"xmldsig"`
	}
)

func isoDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

func isoTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}

func sum(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

func orgOf(o edxml.Organization) inspectOrg {
	return inspectOrg{OrganID: o.OrganID, OrganName: o.OrganName, InCharge: o.OrganizationInCharge,
		Address: o.OrganAdd, Email: o.Email, Telephone: o.Telephone, Fax: o.Fax, Website: o.Website}
}

func responseOf(r edxml.ResponseFor) inspectResponse {
	return inspectResponse{OrganID: r.OrganID, Code: r.Code, PromulgationDate: isoDate(r.PromulgationDate), DocumentID: r.DocumentID}
}

func inspectOf(name string, m *edxml.Message) inspectOut {
	out := inspectOut{File: name, Kind: m.Kind, Warnings: []string{}}
	if s := m.Status; s != nil {
		out.Status = &inspectStatus{Code: s.Code, Description: s.Description, Timestamp: isoTime(s.Timestamp),
			From: orgOf(s.From), ResponseFor: responseOf(s.ResponseFor), Staff: s.Staff.Staff, Department: s.Staff.Department,
			StaffEmail: s.Staff.Email, StaffPhone: s.Staff.Mobile}
		out.Warnings = append(out.Warnings, s.Warnings...)
		return out
	}
	p := m.Package
	h := &inspectHeader{From: orgOf(p.From), To: []inspectOrg{}, DocumentID: p.DocumentID,
		CodeNumber: p.Code.Number, CodeNotation: p.Code.Notation, Place: p.Promulgation.Place,
		PromulgationDate: isoDate(p.Promulgation.Date), DocumentType: p.DocumentType.Type, DocumentTypeName: p.DocumentType.TypeName,
		Subject: p.Subject, Content: p.Content, Signer: p.Signer.FullName, SignerPosition: p.Signer.Position,
		SignerCompetence: p.Signer.Competence, DueDate: isoDate(p.DueDate), Priority: int(p.Other.Priority),
		PriorityWord: p.Other.Priority.Word(), PromulgationAmount: p.Other.PromulgationAmount, PageAmount: p.Other.PageAmount,
		SteeringType: int(p.Steering), ToPlaces: p.ToPlaces, Appendixes: p.Other.Appendixes}
	for _, t := range p.To {
		h.To = append(h.To, orgOf(t))
	}
	for _, r := range p.ResponseFor {
		h.ResponseFor = append(h.ResponseFor, responseOf(r))
	}
	out.Header = h
	for _, t := range p.Traces {
		out.Trace = append(out.Trace, inspectTrace{OrganID: t.OrganID, Timestamp: isoTime(t.Timestamp)})
	}
	if b := p.Business; b != nil {
		out.Business = &inspectBusiness{DocType: int(b.DocType), Reason: b.Reason, DocumentID: b.DocumentID, Paper: b.Paper,
			Staff: b.Staff.Staff, Department: b.Staff.Department, StaffEmail: b.Staff.Email, StaffPhone: b.Staff.Mobile, Replaces: b.Replaces}
	}
	out.Attach = []inspectAttach{}
	for _, a := range p.Attachments {
		ia := inspectAttach{ContentID: a.ContentID, Name: a.Name, Type: a.ContentType, Description: a.Description,
			Size: len(a.Data), Office: a.Office, Misplaced: a.Misplaced}
		if a.Data != nil {
			ia.SHA256 = sum(a.Data)
		}
		for _, z := range a.Entries {
			ia.Entries = append(ia.Entries, inspectEntry{Name: z.Name, Size: len(z.Data), SHA256: sum(z.Data), Office: z.Office})
		}
		if a.Err != nil {
			ia.Error = a.Err.Error()
		}
		out.Attach = append(out.Attach, ia)
	}
	out.Signature = &inspectSig{Present: p.HasSignature, Namespace: p.SignatureNamespace,
		XMLDSig: p.SignatureNamespace == "http://www.w3.org/2000/09/xmldsig#"}
	out.Warnings = append(out.Warnings, p.Warnings...)
	return out
}

func inspectText(w io.Writer, o inspectOut) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: edXML %s\n", o.File, o.Kind)
	if s := o.Status; s != nil {
		fmt.Fprintf(&b, "status %s  %s\n", s.Code, s.Description)
		fmt.Fprintf(&b, "from   %s %s\n", s.From.OrganID, s.From.OrganName)
		fmt.Fprintf(&b, "about  %s %s (%s)\n", s.ResponseFor.OrganID, s.ResponseFor.Code, s.ResponseFor.DocumentID)
		fmt.Fprintf(&b, "at     %s  by %s %s\n", s.Timestamp, s.Staff, s.Department)
	}
	if h := o.Header; h != nil {
		fmt.Fprintf(&b, "from     %s %s\n", h.From.OrganID, h.From.OrganName)
		for _, t := range h.To {
			fmt.Fprintf(&b, "to       %s %s\n", t.OrganID, t.OrganName)
		}
		fmt.Fprintf(&b, "number   %s/%s  %s  %s\n", h.CodeNumber, h.CodeNotation, h.PromulgationDate, h.DocumentTypeName)
		fmt.Fprintf(&b, "subject  %s\n", h.Subject)
		fmt.Fprintf(&b, "signer   %s %s %s\n", h.SignerCompetence, h.SignerPosition, h.Signer)
		fmt.Fprintf(&b, "priority %d (%s)  steering %d  pages %d  copies %d  due %s\n", h.Priority, h.PriorityWord,
			h.SteeringType, h.PageAmount, h.PromulgationAmount, h.DueDate)
		fmt.Fprintf(&b, "document %s\n", h.DocumentID)
	}
	for _, t := range o.Trace {
		fmt.Fprintf(&b, "trace    %s %s\n", t.OrganID, t.Timestamp)
	}
	if bu := o.Business; bu != nil {
		fmt.Fprintf(&b, "business %d %s  paper %d\n", bu.DocType, bu.Reason, bu.Paper)
	}
	if s := o.Signature; s != nil {
		switch {
		case !s.Present:
			b.WriteString("signature none\n")
		case s.XMLDSig:
			b.WriteString("signature XMLDSig\n")
		default:
			fmt.Fprintf(&b, "signature present, not in the XMLDSig namespace (%s)\n", s.Namespace)
		}
	}
	for i, a := range o.Attach {
		fmt.Fprintf(&b, "attachment %d  %s  %s  %d bytes", i+1, a.Name, a.Type, a.Size)
		if a.SHA256 != "" {
			b.WriteString("  sha256 " + a.SHA256)
		}
		if a.Office {
			b.WriteString("  office document")
		}
		if a.Error != "" {
			b.WriteString("  REFUSED: " + a.Error)
		}
		b.WriteByte('\n')
		for _, z := range a.Entries {
			fmt.Fprintf(&b, "  %s  %d bytes  sha256 %s", z.Name, z.Size, z.SHA256)
			if z.Office {
				b.WriteString("  office document")
			}
			b.WriteByte('\n')
		}
	}
	for _, x := range o.Warnings {
		fmt.Fprintf(&b, "warning  %s\n", x)
	}
	_, err := io.WriteString(w, b.String())
	return err
}
