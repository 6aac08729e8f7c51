// Package officetext reads the text of a Word (.docx, Office Open XML) or an
// OpenDocument text (.odt) file: the attachments a portal holds when a directive
// has no PDF and no body text. Without it such a directive was extracted from
// nothing and its tasks were lost without a word.
//
// The text comes out the way the extractor reads a PDF's text layer: one line per
// paragraph, a table's row on one line with its cells between " | " (the form of
// a plan's task table), a list item opened by "- " (the file keeps an automatic
// number in its list definitions, not in the text), tabs and line breaks kept.
// Deleted tracked changes, comments and field codes are left out.
//
// The file is hostile until read: the archive's part is read through a limit
// whatever its header claims (a ZIP bomb stops at MaxPartBytes), the XML is read
// as a stream by encoding/xml, which expands no entity, and a DOCTYPE, a depth
// beyond MaxDepth or more than MaxElements elements is an error.
package officetext

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Limits of what is read.
const (
	MaxPartBytes = 32 << 20 // the document part once inflated
	MaxDepth     = 256
	MaxElements  = 2_000_000
)

// Errors, to be told apart with errors.Is.
var (
	ErrNotOffice = errors.New("not a Word .docx or OpenDocument .odt file")
	ErrTooLarge  = errors.New("document part too large")
	ErrMalformed = errors.New("malformed document XML")
)

const (
	nsW    = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsText = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
	nsTab  = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
	nsOff  = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
	nsMC   = "http://schemas.openxmlformats.org/markup-compatibility/2006"
)

// Kind is "docx" or "odt" when data is such a file (a ZIP archive holding
// word/document.xml, or content.xml with an OpenDocument text mimetype), else "".
func Kind(data []byte) string {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return ""
	}
	kind, _ := find(zr)
	return kind
}

// find is the kind of the archive and its document part.
func find(zr *zip.Reader) (string, *zip.File) {
	var content *zip.File
	odt := false
	for _, f := range zr.File {
		switch f.Name {
		case "word/document.xml":
			return "docx", f
		case "content.xml":
			content = f
		case "mimetype":
			if b, err := readPart(f, 100); err == nil && strings.HasPrefix(strings.TrimSpace(string(b)), "application/vnd.oasis.opendocument.text") {
				odt = true
			}
		}
	}
	if odt && content != nil {
		return "odt", content
	}
	return "", nil
}

// Text is the text of a .docx or .odt file.
func Text(data []byte) (string, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrNotOffice, err)
	}
	kind, part := find(zr)
	if part == nil {
		return "", fmt.Errorf("%w: the archive holds no word/document.xml nor an OpenDocument text's content.xml", ErrNotOffice)
	}
	raw, err := readPart(part, MaxPartBytes)
	if err != nil {
		return "", err
	}
	if kind == "docx" {
		return read(raw, docxNames)
	}
	return read(raw, odtNames)
}

// readPart inflates f, at most limit bytes whatever its header says.
func readPart(f *zip.File, limit int64) ([]byte, error) {
	if f.UncompressedSize64 > uint64(limit) {
		return nil, fmt.Errorf("%w: %s inflates to %d bytes, limit %d", ErrTooLarge, f.Name, f.UncompressedSize64, limit)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrMalformed, f.Name, err)
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrMalformed, f.Name, err)
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("%w: %s inflates beyond %d bytes", ErrTooLarge, f.Name, limit)
	}
	return b, nil
}

// role is what an element means to the text.
type role int

const (
	rNone     role = iota
	rPara          // a paragraph: a line
	rText          // its text content is the document's text
	rSpace         // a space; odt's text:s repeats it c times
	rTab           // a tab
	rBreak         // a line break
	rTable         // a table
	rRow           // a table's row: a line
	rCell          // a cell of a row
	rListItem      // a list item: its paragraphs open with "- "
	rListMark      // docx w:numPr: the paragraph is a list item
	rSkip          // deleted text, comments, field codes: nothing of it
)

type names struct {
	ns    string
	roles map[string]role
	other map[xml.Name]role // elements of another namespace
}

var docxNames = names{ns: nsW, roles: map[string]role{
	"p": rPara, "t": rText, "tab": rTab, "br": rBreak, "cr": rBreak, "tbl": rTable, "tr": rRow, "tc": rCell,
	"numPr": rListMark, "del": rSkip, "delText": rSkip, "instrText": rSkip, "commentReference": rSkip,
	"tabs": rSkip, // a paragraph's tab stops, not tabs
}, other: map[xml.Name]role{
	{Space: nsMC, Local: "Fallback"}: rSkip, // the same content again, for older readers
}}

var odtNames = names{ns: nsText, roles: map[string]role{
	"p": rPara, "h": rPara, "s": rSpace, "tab": rTab, "line-break": rBreak, "list-item": rListItem,
	"tracked-changes": rSkip, "note-citation": rSkip,
}, other: map[xml.Name]role{
	{Space: nsTab, Local: "table"}: rTable, {Space: nsTab, Local: "table-row"}: rRow,
	{Space: nsTab, Local: "table-cell"}: rCell, {Space: nsOff, Local: "annotation"}: rSkip,
}}

func (n names) of(e xml.Name) role {
	if e.Space == n.ns {
		return n.roles[e.Local]
	}
	return n.other[e]
}

// reader builds the text. A table's cells are gathered into their row's line;
// outside a table a paragraph is a line of its own.
type reader struct {
	out       strings.Builder
	para      strings.Builder
	listItem  bool     // the paragraph is a list item
	lists     int      // odt list items open
	cells     []string // the current row's cells
	cell      strings.Builder
	tables    int
	inText    int // docx w:t open (its text is the document's; other character data is not)
	inPara    int // odt paragraphs open (character data between elements is layout)
	skip      int
	odt       bool
	cellParas int // paragraphs ended in the current cell
}

func read(raw []byte, n names) (string, error) {
	d := xml.NewDecoder(bytes.NewReader(raw))
	d.Strict = true
	r := reader{odt: n.ns == nsText}
	depth, count := 0, 0
	var stack []role
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return "", fmt.Errorf("%w: %v", ErrMalformed, err)
		}
		switch t := tok.(type) {
		case xml.Directive:
			return "", fmt.Errorf("%w: a DOCTYPE or other declaration at offset %d", ErrMalformed, d.InputOffset())
		case xml.StartElement:
			depth++
			count++
			if depth > MaxDepth {
				return "", fmt.Errorf("%w: elements nested deeper than %d", ErrMalformed, MaxDepth)
			}
			if count > MaxElements {
				return "", fmt.Errorf("%w: more than %d elements", ErrMalformed, MaxElements)
			}
			ro := n.of(t.Name)
			stack = append(stack, ro)
			r.start(ro, t)
		case xml.EndElement:
			depth--
			if len(stack) == 0 {
				return "", fmt.Errorf("%w: an end tag without its start", ErrMalformed)
			}
			ro := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			r.end(ro)
		case xml.CharData:
			if r.skip == 0 && (r.odt && r.inPara > 0 || r.inText > 0) {
				r.text(string(t))
			}
		}
	}
	r.endPara()
	return strings.TrimRight(r.out.String(), "\n") + "\n", nil
}

func (r *reader) text(s string) {
	if r.odt {
		// ODF collapses white space in text content; text:s and text:tab carry it.
		s = strings.Join(strings.FieldsFunc(s, func(c rune) bool { return c == '\n' || c == '\r' || c == '\t' }), " ")
	}
	r.para.WriteString(s)
}

func (r *reader) start(ro role, t xml.StartElement) {
	if ro == rSkip {
		r.skip++
		return
	}
	if r.skip > 0 {
		return
	}
	switch ro {
	case rPara:
		r.inPara++
	case rText:
		r.inText++
	case rSpace:
		c := 1
		for _, a := range t.Attr {
			if a.Name.Local == "c" {
				if v, err := strconv.Atoi(a.Value); err == nil && v > 0 && v < 1000 {
					c = v
				}
			}
		}
		r.para.WriteString(strings.Repeat(" ", c))
	case rTab:
		if r.odt || r.inText == 0 {
			r.para.WriteByte('\t')
		}
	case rBreak:
		r.para.WriteByte('\n')
	case rListMark:
		r.listItem = true
	case rListItem:
		r.lists++
	case rTable:
		r.endPara()
		r.tables++
	case rRow:
		if r.tables == 1 {
			r.cells = r.cells[:0] // (a row's start empties them: its end need not)
		}
	case rCell:
		if r.tables == 1 {
			r.cell.Reset()
			r.cellParas = 0
		}
	}
}

func (r *reader) end(ro role) {
	if ro == rSkip {
		r.skip--
		return
	}
	if r.skip > 0 {
		return
	}
	switch ro {
	case rText:
		r.inText--
	case rPara:
		r.inPara--
		r.endPara()
	case rListItem:
		r.lists--
	case rCell:
		r.endPara()
		if r.tables == 1 {
			r.cells = append(r.cells, strings.TrimSpace(r.cell.String()))
		}
	case rRow:
		// A nested table's rows and cells stay inside their outer cell.
		if line := strings.Join(r.cells, " | "); r.tables == 1 && strings.Trim(line, " |") != "" {
			r.out.WriteString(line)
			r.out.WriteByte('\n')
		}
	case rTable:
		r.tables--
		if r.tables == 0 {
			r.out.WriteByte('\n') // a table ends its paragraph
		}
	}
}

// endPara ends the paragraph being read: a line of its own, or part of its cell.
func (r *reader) endPara() {
	s := strings.TrimRight(r.para.String(), " \t")
	r.para.Reset()
	item := r.listItem || r.lists > 0
	r.listItem = false
	if strings.TrimSpace(s) == "" {
		return
	}
	if item {
		s = "- " + strings.TrimLeft(s, " \t")
	}
	if r.tables > 0 {
		// a cell keeps its paragraphs on its row's line
		s = strings.Join(strings.Fields(s), " ")
		if r.cellParas > 0 {
			r.cell.WriteByte(' ')
		}
		r.cell.WriteString(s)
		r.cellParas++
		return
	}
	r.out.WriteString(s)
	r.out.WriteString("\n\n")
}
