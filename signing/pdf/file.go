package pdf

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"strconv"
)

// Limits bound the work one file may cause.
type Limits struct {
	MaxFileSize     int // bytes of input
	MaxRevisions    int // incremental updates (%%EOF markers considered)
	MaxObjects      int // live objects in one revision
	MaxStreamSize   int // decoded bytes of one stream
	MaxDecodedTotal int // decoded bytes over the whole parse
	Budget          int // work units (tokens, objects, xref entries)
}

// DefaultLimits suit government directives (a few MB, a handful of revisions).
func DefaultLimits() Limits {
	return Limits{
		MaxFileSize:     64 << 20,
		MaxRevisions:    64,
		MaxObjects:      500_000,
		MaxStreamSize:   32 << 20,
		MaxDecodedTotal: 256 << 20,
		Budget:          20_000_000,
	}
}

type entryKind uint8

const (
	entryFree entryKind = iota
	entryOffset
	entryInStream
)

type xrefEntry struct {
	kind   entryKind
	offset int // entryOffset: byte offset; entryInStream: object stream number
	index  int // entryInStream: index within the object stream
	gen    int
}

// Revision is the document as it stood at the end of one incremental update.
type Revision struct {
	End        int          // offset just past this revision's %%EOF (and its EOL)
	XrefOffset int          // the startxref value
	Trailer    Dict         // the newest trailer of this revision
	Own        map[int]bool // object numbers this revision's own xref section defines
	entries    map[int]xrefEntry
	cache      map[int]Object
}

// File is a parsed PDF with every revision it contains.
type File struct {
	Data      []byte
	Revisions []*Revision
	lim       Limits
	budget    int
	decoded   int
}

// Parse reads a PDF and its revisions. It never follows a reference loop, never
// decodes more than the limits allow and gives up with ErrLimit past its work budget.
func Parse(data []byte, lim Limits) (*File, error) {
	if len(data) > lim.MaxFileSize {
		return nil, fmt.Errorf("%w: file of %d bytes exceeds %d", ErrLimit, len(data), lim.MaxFileSize)
	}
	if !bytes.Contains(data[:min(len(data), 1024)], []byte("%PDF-")) {
		return nil, fmt.Errorf("%w: no %%PDF- header", ErrSyntax)
	}
	f := &File{Data: data, lim: lim, budget: lim.Budget}
	var lastErr error
	ends := eofEnds(data)
	if len(ends) > 4*lim.MaxRevisions {
		return nil, fmt.Errorf("%w: %d %%%%EOF markers", ErrLimit, len(ends))
	}
	for _, end := range ends {
		if len(f.Revisions) >= lim.MaxRevisions {
			return nil, fmt.Errorf("%w: more than %d revisions", ErrLimit, lim.MaxRevisions)
		}
		rev, err := f.readRevision(end)
		if err != nil {
			if errors.Is(err, ErrLimit) {
				return nil, err
			}
			lastErr = err
			continue
		}
		if n := len(f.Revisions); n > 0 && f.Revisions[n-1].XrefOffset == rev.XrefOffset {
			f.Revisions[n-1].End = rev.End // a repeated %%EOF without a new section
			continue
		}
		f.Revisions = append(f.Revisions, rev)
	}
	if len(f.Revisions) == 0 {
		if lastErr == nil {
			lastErr = fmt.Errorf("%w: no %%%%EOF marker", ErrSyntax)
		}
		return nil, fmt.Errorf("pdf: no readable revision: %w", lastErr)
	}
	return f, nil
}

// eofEnds returns the end offsets of every %%EOF marker (past one EOL).
func eofEnds(data []byte) []int {
	var out []int
	marker := []byte("%%EOF")
	for i := 0; ; {
		j := bytes.Index(data[i:], marker)
		if j < 0 {
			return out
		}
		end := i + j + len(marker)
		if end < len(data) && data[end] == '\r' {
			end++
		}
		if end < len(data) && data[end] == '\n' {
			end++
		}
		out = append(out, end)
		i = i + j + len(marker)
	}
}

func (f *File) readRevision(end int) (*Revision, error) {
	k := bytes.LastIndex(f.Data[:end], []byte("startxref"))
	if k < 0 {
		return nil, syntaxErr(end, "no startxref before %%%%EOF")
	}
	l := &lexer{data: f.Data[:end], pos: k + len("startxref"), budget: &f.budget}
	tok := l.keyword()
	off, err := strconv.Atoi(string(tok))
	if err != nil || off < 0 || off >= k {
		return nil, syntaxErr(k, "bad startxref value %q", truncate(tok))
	}
	rev := &Revision{End: end, XrefOffset: off, entries: map[int]xrefEntry{}, cache: map[int]Object{}}
	seen := map[int]bool{}
	first := true
	for next := off; next >= 0; {
		if seen[next] {
			return nil, syntaxErr(next, "xref /Prev loop")
		}
		seen[next] = true
		if len(seen) > f.lim.MaxRevisions*2 {
			return nil, fmt.Errorf("%w: /Prev chain too long", ErrLimit)
		}
		own := map[int]xrefEntry{}
		trailer, err := f.readXrefSection(next, end, own, rev)
		if err != nil {
			return nil, err
		}
		if first {
			rev.Trailer = trailer
			rev.Own = map[int]bool{}
			for n := range own {
				rev.Own[n] = true
			}
			first = false
		}
		for n, e := range own {
			if _, ok := rev.entries[n]; !ok {
				rev.entries[n] = e
			}
		}
		if len(rev.entries) > f.lim.MaxObjects {
			return nil, fmt.Errorf("%w: more than %d objects", ErrLimit, f.lim.MaxObjects)
		}
		prev, ok := trailer["Prev"].(Int)
		if !ok {
			break
		}
		next = int(prev)
		if next < 0 || next >= end {
			return nil, syntaxErr(next, "/Prev out of range")
		}
	}
	return rev, nil
}

// readXrefSection reads a classic xref table or an xref stream at off into own and
// returns its trailer dictionary.
func (f *File) readXrefSection(off, end int, own map[int]xrefEntry, rev *Revision) (Dict, error) {
	l := &lexer{data: f.Data[:end], pos: off, budget: &f.budget}
	if string(l.peekKeyword()) == "xref" {
		l.keyword()
		for {
			kw := l.peekKeyword()
			if string(kw) == "trailer" {
				l.keyword()
				o, err := l.object(0)
				if err != nil {
					return nil, fmt.Errorf("trailer at %d: %w", off, err)
				}
				d, ok := o.(Dict)
				if !ok {
					return nil, syntaxErr(l.pos, "trailer is not a dictionary")
				}
				if xs, ok := d["XRefStm"].(Int); ok && xs >= 0 && int(xs) < end {
					extra := map[int]xrefEntry{}
					if _, err := f.readXrefStream(int(xs), end, extra, rev); err == nil {
						for n, e := range extra {
							if _, ok := own[n]; !ok {
								own[n] = e
							}
						}
					}
				}
				return d, nil
			}
			start, err1 := strconv.Atoi(string(l.keyword()))
			count, err2 := strconv.Atoi(string(l.keyword()))
			if err1 != nil || err2 != nil || start < 0 || count < 0 || count > f.lim.MaxObjects {
				return nil, syntaxErr(l.pos, "bad xref subsection header")
			}
			if err := l.spend(count); err != nil {
				return nil, err
			}
			for i := 0; i < count; i++ {
				o, err1 := strconv.Atoi(string(l.keyword()))
				g, err2 := strconv.Atoi(string(l.keyword()))
				t := l.keyword()
				if err1 != nil || err2 != nil || len(t) != 1 {
					return nil, syntaxErr(l.pos, "bad xref entry")
				}
				n := start + i
				if _, dup := own[n]; dup {
					continue
				}
				switch t[0] {
				case 'n':
					own[n] = xrefEntry{kind: entryOffset, offset: o, gen: g}
				case 'f':
					own[n] = xrefEntry{kind: entryFree, gen: g}
				default:
					return nil, syntaxErr(l.pos, "bad xref entry type %q", t)
				}
			}
		}
	}
	return f.readXrefStream(off, end, own, rev)
}

func (f *File) readXrefStream(off, end int, own map[int]xrefEntry, rev *Revision) (Dict, error) {
	_, o, err := f.objectAt(off, end, rev, 0)
	if err != nil {
		return nil, fmt.Errorf("xref stream at %d: %w", off, err)
	}
	s, ok := o.(*Stream)
	if !ok || s.Dict.Name("Type") != "XRef" {
		return nil, syntaxErr(off, "startxref points neither to xref nor to an xref stream")
	}
	data, err := f.Decode(s)
	if err != nil {
		return nil, fmt.Errorf("xref stream at %d: %w", off, err)
	}
	w, _ := s.Dict["W"].(Array)
	if len(w) != 3 {
		return nil, syntaxErr(off, "xref stream /W must have 3 entries")
	}
	var ws [3]int
	width := 0
	for i := range ws {
		v, ok := w[i].(Int)
		if !ok || v < 0 || v > 8 {
			return nil, syntaxErr(off, "bad /W entry")
		}
		ws[i] = int(v)
		width += int(v)
	}
	if width == 0 {
		return nil, syntaxErr(off, "xref stream /W is all zero")
	}
	size, _ := s.Dict["Size"].(Int)
	index := Array{Int(0), size}
	if ix, ok := s.Dict["Index"].(Array); ok {
		index = ix
	}
	pos := 0
	for i := 0; i+1 < len(index); i += 2 {
		start, ok1 := index[i].(Int)
		count, ok2 := index[i+1].(Int)
		if !ok1 || !ok2 || start < 0 || count < 0 || int(count) > f.lim.MaxObjects {
			return nil, syntaxErr(off, "bad xref stream /Index")
		}
		if err := f.spend(int(count)); err != nil {
			return nil, err
		}
		for j := 0; j < int(count); j++ {
			if pos+width > len(data) {
				return nil, syntaxErr(off, "xref stream data too short")
			}
			field := func(k, at int) int {
				v := 0
				for b := 0; b < ws[k]; b++ {
					v = v<<8 | int(data[at+b])
				}
				return v
			}
			t := 1
			if ws[0] > 0 {
				t = field(0, pos)
			}
			a := field(1, pos+ws[0])
			b := field(2, pos+ws[0]+ws[1])
			pos += width
			n := int(start) + j
			if _, dup := own[n]; dup {
				continue
			}
			switch t {
			case 0:
				own[n] = xrefEntry{kind: entryFree, gen: b}
			case 1:
				own[n] = xrefEntry{kind: entryOffset, offset: a, gen: b}
			case 2:
				own[n] = xrefEntry{kind: entryInStream, offset: a, index: b}
			}
		}
	}
	return s.Dict, nil
}

func (f *File) spend(n int) error {
	f.budget -= n
	if f.budget < 0 {
		return ErrLimit
	}
	return nil
}

// objectAt parses "n g obj ... endobj" at off. Stream lengths given by reference are
// resolved in rev (depth guards against /Length loops).
func (f *File) objectAt(off, end int, rev *Revision, depth int) (Ref, Object, error) {
	if off < 0 || off >= end {
		return Ref{}, nil, syntaxErr(off, "object offset out of range")
	}
	l := &lexer{data: f.Data[:end], pos: off, budget: &f.budget}
	num, err1 := strconv.Atoi(string(l.keyword()))
	gen, err2 := strconv.Atoi(string(l.keyword()))
	if err1 != nil || err2 != nil || string(l.keyword()) != "obj" {
		return Ref{}, nil, syntaxErr(off, "no 'n g obj' header")
	}
	o, err := l.object(0)
	if err != nil {
		return Ref{}, nil, err
	}
	ref := Ref{Num: num, Gen: gen}
	d, isDict := o.(Dict)
	if !isDict || string(l.peekKeyword()) != "stream" {
		return ref, o, nil
	}
	l.keyword()
	if l.pos < len(l.data) && l.data[l.pos] == '\r' {
		l.pos++
	}
	if l.pos < len(l.data) && l.data[l.pos] == '\n' {
		l.pos++
	}
	start := l.pos
	length := -1
	switch v := d["Length"].(type) {
	case Int:
		length = int(v)
	case Ref:
		if rev != nil && depth < 4 && v.Num != num {
			if lo, err := f.resolveDepth(rev, v, depth+1); err == nil {
				if n, ok := lo.(Int); ok {
					length = int(n)
				}
			}
		}
	}
	if length < 0 || start+length > len(l.data) || !bytes.HasPrefix(bytes.TrimLeft(l.data[start+length:], "\r\n\t "), []byte("endstream")) {
		k := bytes.Index(l.data[start:], []byte("endstream"))
		if err := f.spend(1 + max(k, len(l.data)-start)/256); err != nil {
			return Ref{}, nil, err
		}
		if k < 0 {
			return Ref{}, nil, syntaxErr(start, "stream without endstream")
		}
		length = k
		for length > 0 && (l.data[start+length-1] == '\n' || l.data[start+length-1] == '\r') {
			length--
		}
	}
	return ref, &Stream{Dict: d, Raw: l.data[start : start+length]}, nil
}

// Resolve follows references (at most a few hops) in revision rev.
func (f *File) Resolve(rev *Revision, o Object) (Object, error) {
	for i := 0; i < 8; i++ {
		r, ok := o.(Ref)
		if !ok {
			return o, nil
		}
		var err error
		if o, err = f.resolveDepth(rev, r, 0); err != nil {
			return nil, err
		}
	}
	return nil, fmt.Errorf("%w: reference chain too long", ErrLimit)
}

// Get returns the object numbered num in rev, or Null when it is free or absent.
func (f *File) Get(rev *Revision, num int) (Object, error) {
	return f.resolveDepth(rev, Ref{Num: num}, 0)
}

// Live lists the object numbers in use in rev.
func (rev *Revision) Live() []int {
	var out []int
	for n, e := range rev.entries {
		if e.kind != entryFree {
			out = append(out, n)
		}
	}
	return out
}

// Defined reports whether num is in use in rev.
func (rev *Revision) Defined(num int) bool {
	e, ok := rev.entries[num]
	return ok && e.kind != entryFree
}

func (f *File) resolveDepth(rev *Revision, r Ref, depth int) (Object, error) {
	if o, ok := rev.cache[r.Num]; ok {
		return o, nil
	}
	if depth > 8 {
		return nil, fmt.Errorf("%w: nested references while resolving object %d", ErrLimit, r.Num)
	}
	if err := f.spend(1); err != nil {
		return nil, err
	}
	rev.cache[r.Num] = Null{} // breaks loops while this object is being read
	e, ok := rev.entries[r.Num]
	var o Object = Null{}
	switch {
	case !ok || e.kind == entryFree:
	case e.kind == entryOffset:
		ref, obj, err := f.objectAt(e.offset, rev.End, rev, depth)
		if err != nil {
			delete(rev.cache, r.Num)
			return nil, fmt.Errorf("object %d: %w", r.Num, err)
		}
		if ref.Num != r.Num {
			delete(rev.cache, r.Num)
			return nil, syntaxErr(e.offset, "xref for object %d points at object %d", r.Num, ref.Num)
		}
		o = obj
	case e.kind == entryInStream:
		obj, err := f.fromObjectStream(rev, e.offset, e.index, r.Num, depth)
		if err != nil {
			delete(rev.cache, r.Num)
			return nil, fmt.Errorf("object %d: %w", r.Num, err)
		}
		o = obj
	}
	rev.cache[r.Num] = o
	return o, nil
}

func (f *File) fromObjectStream(rev *Revision, stmNum, index, num, depth int) (Object, error) {
	if stmNum == num {
		return nil, syntaxErr(0, "object stream %d contains itself", num)
	}
	so, err := f.resolveDepth(rev, Ref{Num: stmNum}, depth+1)
	if err != nil {
		return nil, err
	}
	s, ok := so.(*Stream)
	if !ok || s.Dict.Name("Type") != "ObjStm" {
		return nil, syntaxErr(0, "object %d is not an object stream", stmNum)
	}
	data, err := f.Decode(s)
	if err != nil {
		return nil, err
	}
	n, _ := s.Dict["N"].(Int)
	first, _ := s.Dict["First"].(Int)
	if n < 0 || int(n) > f.lim.MaxObjects || first < 0 || int(first) > len(data) || index < 0 || index >= int(n) {
		return nil, syntaxErr(0, "bad object stream %d header", stmNum)
	}
	l := &lexer{data: data[:first], budget: &f.budget}
	for i := 0; i <= index; i++ {
		on, err1 := strconv.Atoi(string(l.keyword()))
		oo, err2 := strconv.Atoi(string(l.keyword()))
		if err1 != nil || err2 != nil {
			return nil, syntaxErr(0, "bad object stream %d index", stmNum)
		}
		if i == index {
			if on != num || int(first)+oo > len(data) || oo < 0 {
				return nil, syntaxErr(0, "object stream %d does not hold object %d", stmNum, num)
			}
			ol := &lexer{data: data, pos: int(first) + oo, budget: &f.budget}
			return ol.object(0)
		}
	}
	return nil, syntaxErr(0, "object %d not found in object stream %d", num, stmNum)
}

// Decode returns a stream's decoded bytes. Only FlateDecode (with PNG/TIFF-free
// predictors) is supported; the output is capped against deflate bombs.
func (f *File) Decode(s *Stream) ([]byte, error) {
	filters := []Object{}
	switch v := s.Dict["Filter"].(type) {
	case Name:
		filters = append(filters, v)
	case Array:
		filters = v
	}
	parms := []Object{}
	switch v := s.Dict["DecodeParms"].(type) {
	case Dict:
		parms = append(parms, v)
	case Array:
		parms = v
	}
	data := s.Raw
	for i, fo := range filters {
		name, _ := fo.(Name)
		switch name {
		case "FlateDecode", "Fl":
			out, err := f.inflate(data)
			if err != nil {
				return nil, err
			}
			var p Dict
			if i < len(parms) {
				p, _ = parms[i].(Dict)
			}
			if data, err = unpredict(out, p); err != nil {
				return nil, err
			}
		default:
			return nil, fmt.Errorf("pdf: unsupported stream filter %q", name)
		}
	}
	return data, nil
}

func (f *File) inflate(in []byte) ([]byte, error) {
	zr, err := zlib.NewReader(bytes.NewReader(in))
	if err != nil {
		return nil, fmt.Errorf("%w: flate: %v", ErrSyntax, err)
	}
	defer zr.Close()
	limit := min(f.lim.MaxStreamSize, f.lim.MaxDecodedTotal-f.decoded)
	out, err := io.ReadAll(io.LimitReader(zr, int64(limit)+1))
	if len(out) > limit {
		return nil, fmt.Errorf("%w: decompressed stream exceeds %d bytes", ErrLimit, limit)
	}
	f.decoded += len(out)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return nil, fmt.Errorf("%w: flate: %v", ErrSyntax, err)
	}
	return out, nil
}

func unpredict(data []byte, p Dict) ([]byte, error) {
	pred, _ := p["Predictor"].(Int)
	if pred < 10 {
		if pred > 1 {
			return nil, fmt.Errorf("pdf: unsupported TIFF predictor %d", pred)
		}
		return data, nil
	}
	cols := 1
	if c, ok := p["Columns"].(Int); ok && c > 0 && c < 1<<20 {
		cols = int(c)
	}
	colors, bpc := 1, 8
	if c, ok := p["Colors"].(Int); ok && c > 0 && c < 64 {
		colors = int(c)
	}
	if b, ok := p["BitsPerComponent"].(Int); ok && b > 0 && b <= 16 {
		bpc = int(b)
	}
	bpp := max(1, colors*bpc/8)
	row := (cols*colors*bpc + 7) / 8
	out := make([]byte, 0, len(data))
	prev := make([]byte, row)
	for i := 0; i+1+row <= len(data); i += row + 1 {
		typ := data[i]
		cur := append([]byte(nil), data[i+1:i+1+row]...)
		for j := range cur {
			var left, up, ul byte
			if j >= bpp {
				left = cur[j-bpp]
				ul = prev[j-bpp]
			}
			up = prev[j]
			switch typ {
			case 1:
				cur[j] += left
			case 2:
				cur[j] += up
			case 3:
				cur[j] += byte((int(left) + int(up)) / 2)
			case 4:
				cur[j] += paeth(left, up, ul)
			}
		}
		out = append(out, cur...)
		prev = cur
	}
	return out, nil
}

func paeth(a, b, c byte) byte {
	p := int(a) + int(b) - int(c)
	pa, pb, pc := abs(p-int(a)), abs(p-int(b)), abs(p-int(c))
	if pa <= pb && pa <= pc {
		return a
	}
	if pb <= pc {
		return b
	}
	return c
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
