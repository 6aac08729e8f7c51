package edxml

import (
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"sync"
	"unicode/utf16"

	"github.com/beevik/etree"
)

// scan walks the token stream with encoding/xml before any tree is built. It never
// expands anything: encoding/xml has no DTD support, and the scan stops at the first
// Directive (<!DOCTYPE, <!ENTITY, ...), so no declaration can reach a parser that might
// act on it. It also enforces the size, depth and element-count limits.
func scan(raw []byte, l Limits) error {
	if int64(len(raw)) > l.MaxPackageBytes {
		return fmt.Errorf("%w: package is %d bytes, limit %d", ErrTooLarge, len(raw), l.MaxPackageBytes)
	}
	d := xml.NewDecoder(bytes.NewReader(raw))
	d.Strict = true // an undeclared entity (&xxe;) is an error, never expanded
	depth, count := 0, 0
	for {
		// Token, not RawToken: it also checks that end tags match, so depth counting
		// cannot be fooled by stray end tags.
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			if strings.Contains(err.Error(), "entity") {
				return fmt.Errorf("%w: %v", ErrEntity, err)
			}
			return fmt.Errorf("%w: %v", ErrMalformed, err)
		}
		switch t := tok.(type) {
		case xml.Directive:
			if bytes.HasPrefix(bytes.ToUpper(bytes.TrimSpace(t)), []byte("ENTITY")) {
				return fmt.Errorf("%w: at offset %d", ErrEntity, d.InputOffset())
			}
			return fmt.Errorf("%w: at offset %d", ErrDoctype, d.InputOffset())
		case xml.StartElement:
			depth++
			count++
			if depth > l.MaxDepth {
				return fmt.Errorf("%w: depth %d exceeds %d", ErrTooDeep, depth, l.MaxDepth)
			}
			if count > l.MaxElements {
				return fmt.Errorf("%w: more than %d", ErrTooManyElements, l.MaxElements)
			}
		case xml.EndElement:
			depth--
		}
	}
	if count == 0 {
		return fmt.Errorf("%w: no element", ErrMalformed)
	}
	return nil
}

// normalise turns the input into UTF-8 XML for scan. UTF-16 (with a byte-order mark,
// or without one when the first character is '<') is transcoded and its encoding
// declaration rewritten; a UTF-8 byte-order mark is dropped. Any other byte before an
// XML declaration is refused with ErrLeadingBytes: the official parser refuses such a
// package (res_edoc_new.edxml, "1212" before <?xml), and a receiver that accepted it
// would keep a package its sender's peers cannot read. The size limit is checked on
// the input first, so transcoding never works on an oversized package.
func normalise(raw []byte, l Limits) ([]byte, []string, error) {
	if int64(len(raw)) > l.MaxPackageBytes {
		return nil, nil, fmt.Errorf("%w: package is %d bytes, limit %d", ErrTooLarge, len(raw), l.MaxPackageBytes)
	}
	var warn []string
	b := raw
	if order, skip, ok := utf16Order(b); ok {
		u, err := fromUTF16(b[skip:], order)
		if err != nil {
			return nil, nil, err
		}
		b = redeclareUTF8(u)
		warn = append(warn, "the package is UTF-16; read as such")
	}
	b = bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF"))
	if i := bytes.Index(b, []byte("<?xml")); i > 0 && bytes.IndexByte(b, '<') == i &&
		(len(b) == i+5 || isSpace(b[i+5])) {
		shown := b[:min(i, 16)]
		return nil, nil, fmt.Errorf("%w: %d byte(s) %q before <?xml; the XML declaration must come first (the official parser refuses this too)",
			ErrLeadingBytes, i, shown)
	}
	return b, warn, nil
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// utf16Order recognises UTF-16 by its byte-order mark, or by '<' as the first
// character without one.
func utf16Order(b []byte) (binary.ByteOrder, int, bool) {
	switch {
	case len(b) >= 2 && b[0] == 0xFE && b[1] == 0xFF:
		return binary.BigEndian, 2, true
	case len(b) >= 2 && b[0] == 0xFF && b[1] == 0xFE:
		return binary.LittleEndian, 2, true
	case len(b) >= 4 && b[0] == 0 && b[1] == '<' && b[2] == 0:
		return binary.BigEndian, 0, true
	case len(b) >= 4 && b[0] == '<' && b[1] == 0 && b[3] == 0:
		return binary.LittleEndian, 0, true
	}
	return nil, 0, false
}

func fromUTF16(b []byte, order binary.ByteOrder) ([]byte, error) {
	if len(b)%2 != 0 {
		return nil, fmt.Errorf("%w: UTF-16 input of odd length %d", ErrMalformed, len(b))
	}
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = order.Uint16(b[2*i:])
	}
	return []byte(string(utf16.Decode(u))), nil
}

// encodingDecl matches the encoding pseudo-attribute of an XML declaration; compiled
// on first use, so that no command pays for it at start-up.
var encodingDecl = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(<\?xml[^>]*?encoding\s*=\s*)(["'])[^"']*(["'])`)
})

// redeclareUTF8 rewrites the declared encoding of transcoded input to UTF-8.
func redeclareUTF8(b []byte) []byte {
	return encodingDecl().ReplaceAll(b, []byte("${1}${2}UTF-8${3}"))
}

// readTree normalises and scans raw and, if it passes, builds the etree document.
func readTree(raw []byte, l Limits) (*etree.Document, []string, error) {
	raw, warn, err := normalise(raw, l)
	if err != nil {
		return nil, nil, err
	}
	doc, err := buildTree(raw, l)
	return doc, warn, err
}

func buildTree(raw []byte, l Limits) (*etree.Document, error) {
	if err := scan(raw, l); err != nil {
		return nil, err
	}
	doc := etree.NewDocument()
	doc.ReadSettings = etree.ReadSettings{} // strict; no entity map
	if err := doc.ReadFromBytes(raw); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	if doc.Root() == nil {
		return nil, fmt.Errorf("%w: no root element", ErrMalformed)
	}
	return doc, nil
}

// child finds the first child element with the local name, whatever its prefix or
// namespace: senders write edXML:X, a default namespace, or no namespace at all.
func child(e *etree.Element, local string) *etree.Element {
	if e == nil {
		return nil
	}
	for _, c := range e.ChildElements() {
		if c.Tag == local {
			return c
		}
	}
	return nil
}

// children returns all child elements with the local name.
func children(e *etree.Element, local string) []*etree.Element {
	if e == nil {
		return nil
	}
	var out []*etree.Element
	for _, c := range e.ChildElements() {
		if c.Tag == local {
			out = append(out, c)
		}
	}
	return out
}

// find returns the first element with the local name in e's subtree (e included),
// depth first. Depth is already bounded by scan.
func find(e *etree.Element, local string) *etree.Element {
	if e == nil {
		return nil
	}
	if e.Tag == local {
		return e
	}
	for _, c := range e.ChildElements() {
		if f := find(c, local); f != nil {
			return f
		}
	}
	return nil
}

// findAll appends every element with the local name in e's subtree.
func findAll(e *etree.Element, local string, out []*etree.Element) []*etree.Element {
	if e == nil {
		return out
	}
	if e.Tag == local {
		return append(out, e)
	}
	for _, c := range e.ChildElements() {
		out = findAll(c, local, out)
	}
	return out
}

// text is the trimmed text of the named child, "" when absent.
func text(e *etree.Element, local string) string {
	c := child(e, local)
	if c == nil {
		return ""
	}
	return strings.TrimSpace(allText(c))
}

// allText concatenates the element's direct character data (text and CDATA).
func allText(e *etree.Element) string {
	var b strings.Builder
	for _, t := range e.Child {
		if cd, ok := t.(*etree.CharData); ok {
			b.WriteString(cd.Data)
		}
	}
	return b.String()
}
