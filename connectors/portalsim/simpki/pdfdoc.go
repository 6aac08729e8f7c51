package simpki

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
)

// errUnsupported marks a valid PDF this small signer does not update
// (encryption, cross-reference streams).
var errUnsupported = errors.New("simpki: unsupported PDF")

// Limits on hostile input: a chain of updates and a page tree are walked, never
// more than these.
const (
	maxSections  = 256
	maxObjects   = 1 << 20
	maxTreeDepth = 32
)

// xrefEntry locates an object in use.
type xrefEntry struct {
	offset, gen int
}

// document is the final revision of a PDF, as far as an incremental update needs
// it: where each object is, and the trailer.
type document struct {
	data       []byte
	xref       map[int]xrefEntry // newest section wins
	trailer    object
	startxref  int // offset of the newest cross-reference section (/Prev of ours)
	size       int // /Size of the newest trailer
	objectsMax int
	refs       map[int]int // object number -> references to it in live objects and the trailer
}

// readDocument reads the cross-reference chain that ends at the last startxref.
func readDocument(data []byte) (*document, error) {
	head := data[:min(len(data), 1024)]
	if !bytes.Contains(head, []byte("%PDF-")) {
		return nil, fmt.Errorf("%w: no %%PDF- header in the first 1024 bytes", errSyntax)
	}
	tail := data[max(0, len(data)-2048):]
	k := bytes.LastIndex(tail, []byte("startxref"))
	if k < 0 {
		return nil, fmt.Errorf("%w: no startxref in the last 2048 bytes", errSyntax)
	}
	k += len(data) - len(tail)
	l := &lexer{data: data, pos: k + len("startxref")}
	off, err := l.integer()
	if err != nil {
		return nil, fmt.Errorf("startxref: %w", err)
	}
	d := &document{data: data, xref: map[int]xrefEntry{}, startxref: off}
	seen := map[int]bool{}
	for next, first := off, true; ; first = false {
		if next >= len(data) {
			return nil, fmt.Errorf("%w: cross-reference offset %d beyond the end of the file", errSyntax, next)
		}
		if seen[next] || len(seen) >= maxSections {
			return nil, fmt.Errorf("%w: cross-reference /Prev chain loops or exceeds %d sections", errSyntax, maxSections)
		}
		seen[next] = true
		trailer, err := d.readSection(next)
		if err != nil {
			return nil, err
		}
		if first {
			d.trailer = trailer
			size, err := strconv.Atoi(trailer.get("Size").raw)
			if err != nil || size <= 0 || size > maxObjects {
				return nil, fmt.Errorf("%w: trailer /Size %q is not a positive integer up to %d", errSyntax, trailer.get("Size").raw, maxObjects)
			}
			d.size = size
		}
		prev := trailer.get("Prev")
		if prev.kind == kindNull {
			break
		}
		if next, err = strconv.Atoi(prev.raw); err != nil || next < 0 {
			return nil, fmt.Errorf("%w: trailer /Prev %q is not an offset", errSyntax, prev.raw)
		}
	}
	if d.trailer.has("Encrypt") {
		return nil, fmt.Errorf("%w: the document is encrypted", errUnsupported)
	}
	// New objects must take numbers nothing refers to yet: a /Size too small, or
	// a dangling reference in signed content, would make an added object change
	// what the earlier revision meant. The same pass counts references, so that
	// an object shared with other content is never rewritten (see sign).
	d.refs = map[int]int{}
	top := max(d.objectsMax, countRefs(d.trailer, d.refs, 0))
	for num, e := range d.xref {
		if e.offset >= 0 {
			if o, _, err := d.object(num); err == nil {
				top = max(top, countRefs(o, d.refs, 0))
			}
		}
	}
	if top >= d.size {
		d.size = top + 1
	}
	if d.size+3 > maxObjects {
		return nil, fmt.Errorf("%w: object numbers up to %d leave no room below %d", errUnsupported, d.size, maxObjects)
	}
	return d, nil
}

// countRefs adds the references inside o to counts and returns the largest
// object number referred to.
func countRefs(o object, counts map[int]int, depth int) int {
	if depth > maxDepth {
		return 0
	}
	m := 0
	if o.kind == kindRef {
		m = o.num
		counts[o.num]++
	}
	for _, it := range o.items {
		m = max(m, countRefs(it, counts, depth+1))
	}
	for _, v := range o.vals {
		m = max(m, countRefs(v, counts, depth+1))
	}
	return m
}

// readSection reads one classic cross-reference section and its trailer; entries
// already known from a newer section are kept.
func (d *document) readSection(off int) (object, error) {
	l := &lexer{data: d.data, pos: off}
	if t := l.token(); t != "xref" {
		if _, err := strconv.Atoi(t); err == nil {
			return object{}, fmt.Errorf("%w: cross-reference stream at %d (PDF 1.5 compressed cross-references)", errUnsupported, off)
		}
		return object{}, fmt.Errorf("%w: no xref table at offset %d", errSyntax, off)
	}
	for {
		save := l.pos
		t := l.token()
		if t == "trailer" {
			break
		}
		l.pos = save
		start, err := l.integer()
		if err != nil {
			return object{}, fmt.Errorf("xref subsection at %d: %w", save, err)
		}
		count, err := l.integer()
		if err != nil {
			return object{}, fmt.Errorf("xref subsection at %d: %w", save, err)
		}
		if start+count > maxObjects {
			return object{}, fmt.Errorf("%w: xref subsection %d+%d exceeds %d objects", errSyntax, start, count, maxObjects)
		}
		for i := range count {
			offset, err1 := l.integer()
			gen, err2 := l.integer()
			typ := l.token()
			if err := errors.Join(err1, err2); err != nil || (typ != "n" && typ != "f") {
				return object{}, fmt.Errorf("%w: xref entry %d of the subsection at %d", errSyntax, start+i, save)
			}
			num := start + i
			if _, known := d.xref[num]; known {
				continue
			}
			if typ == "f" {
				d.xref[num] = xrefEntry{offset: -1, gen: gen}
				continue
			}
			d.xref[num] = xrefEntry{offset: offset, gen: gen}
			d.objectsMax = max(d.objectsMax, num)
		}
	}
	trailer, err := l.value(0)
	if err != nil {
		return object{}, fmt.Errorf("trailer at %d: %w", off, err)
	}
	if trailer.kind != kindDict {
		return object{}, fmt.Errorf("%w: trailer at %d is not a dictionary", errSyntax, off)
	}
	return trailer, nil
}

// object reads the object num (an indirect object "num gen obj ...").
func (d *document) object(num int) (object, int, error) {
	e, ok := d.xref[num]
	if !ok || e.offset < 0 {
		return object{}, 0, fmt.Errorf("%w: object %d is not in use", errSyntax, num)
	}
	if e.offset >= len(d.data) {
		return object{}, 0, fmt.Errorf("%w: object %d at offset %d beyond the end of the file", errSyntax, num, e.offset)
	}
	l := &lexer{data: d.data, pos: e.offset}
	n, err1 := l.integer()
	g, err2 := l.integer()
	if err := errors.Join(err1, err2); err != nil || n != num || g != e.gen || l.token() != "obj" {
		return object{}, 0, fmt.Errorf("%w: object %d %d is not at offset %d as the xref says", errSyntax, num, e.gen, e.offset)
	}
	v, err := l.value(0)
	if err != nil {
		return object{}, 0, fmt.Errorf("object %d: %w", num, err)
	}
	return v, e.gen, nil
}

// resolve follows a reference (one level; PDF has no reference to a reference
// worth following for the objects read here).
func (d *document) resolve(o object) (object, error) {
	if o.kind != kindRef {
		return o, nil
	}
	v, _, err := d.object(o.num)
	return v, err
}

// firstPage walks /Root /Pages down its first kids to a /Page and returns its
// reference and dictionary.
func (d *document) firstPage(catalog object) (object, object, error) {
	node := catalog.get("Pages")
	seen := map[int]bool{}
	for range maxTreeDepth {
		if node.kind != kindRef {
			return object{}, object{}, fmt.Errorf("%w: page tree node is not an indirect reference", errSyntax)
		}
		if seen[node.num] {
			return object{}, object{}, fmt.Errorf("%w: page tree loops at object %d", errSyntax, node.num)
		}
		seen[node.num] = true
		v, err := d.resolve(node)
		if err != nil {
			return object{}, object{}, fmt.Errorf("page tree: %w", err)
		}
		if v.kind != kindDict {
			return object{}, object{}, fmt.Errorf("%w: page tree object %d is not a dictionary", errSyntax, node.num)
		}
		// ISO 32000-1 7.7.3: a leaf is /Type /Page, an inner node /Type /Pages.
		// Guessing from /Kids alone could put a widget on the catalog.
		switch v.get("Type").nameValue() {
		case "Page":
			return node, v, nil
		case "Pages":
		default:
			return object{}, object{}, fmt.Errorf("%w: page tree object %d is neither /Pages nor /Page", errSyntax, node.num)
		}
		kids, err := d.resolve(v.get("Kids"))
		if err != nil || kids.kind != kindArray || len(kids.items) == 0 {
			return object{}, object{}, fmt.Errorf("%w: page tree node %d has no kids", errSyntax, node.num)
		}
		node = kids.items[0]
	}
	return object{}, object{}, fmt.Errorf("%w: page tree deeper than %d", errSyntax, maxTreeDepth)
}
