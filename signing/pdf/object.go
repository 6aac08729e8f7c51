package pdf

import (
	"bytes"
	"errors"
	"fmt"
)

// Object is one PDF object: Null, Bool, Int, Real, Name, String, Array, Dict, Ref or
// *Stream.
type Object any

// Null is the PDF null object.
type Null struct{}

// Bool is a PDF boolean.
type Bool bool

// Int is a PDF integer.
type Int int64

// Real is a PDF real number.
type Real float64

// Name is a PDF name, without its leading slash.
type Name string

// String is a PDF string (literal or hex). Start and End are its byte span in the
// file (including the delimiters), so that a signature's /Contents can be matched to
// the ByteRange gap.
type String struct {
	Bytes      []byte
	Hex        bool
	Start, End int
}

// Array is a PDF array.
type Array []Object

// Dict is a PDF dictionary.
type Dict map[Name]Object

// Ref is an indirect reference.
type Ref struct {
	Num int
	Gen int
}

// Stream is a stream object: its dictionary and its raw (still encoded) bytes.
type Stream struct {
	Dict Dict
	Raw  []byte
}

// ErrLimit marks a refusal because a configured limit was reached (size, depth,
// decompression, work budget). It is a limit of the parser, not a defect of the file.
var ErrLimit = errors.New("pdf: parser limit reached")

// ErrSyntax marks a malformed file.
var ErrSyntax = errors.New("pdf: syntax error")

func syntaxErr(pos int, format string, a ...any) error {
	return fmt.Errorf("%w at offset %d: %s", ErrSyntax, pos, fmt.Sprintf(format, a...))
}

// Equal reports whether two objects are structurally equal, without resolving
// references (a reference equals a reference to the same object).
func Equal(a, b Object) bool { return equalDepth(a, b, 0) }

func equalDepth(a, b Object, depth int) bool {
	if depth > maxDepth {
		return false
	}
	switch x := a.(type) {
	case nil, Null:
		switch b.(type) {
		case nil, Null:
			return true
		}
		return false
	case Bool:
		y, ok := b.(Bool)
		return ok && x == y
	case Int:
		switch y := b.(type) {
		case Int:
			return x == y
		case Real:
			return float64(x) == float64(y)
		}
		return false
	case Real:
		switch y := b.(type) {
		case Int:
			return float64(x) == float64(y)
		case Real:
			return x == y
		}
		return false
	case Name:
		y, ok := b.(Name)
		return ok && x == y
	case String:
		y, ok := b.(String)
		return ok && bytes.Equal(x.Bytes, y.Bytes)
	case Ref:
		y, ok := b.(Ref)
		return ok && x == y
	case Array:
		y, ok := b.(Array)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !equalDepth(x[i], y[i], depth+1) {
				return false
			}
		}
		return true
	case Dict:
		y, ok := b.(Dict)
		if !ok {
			return false
		}
		return equalDict(x, y, depth)
	case *Stream:
		y, ok := b.(*Stream)
		return ok && equalDict(x.Dict, y.Dict, depth) && bytes.Equal(x.Raw, y.Raw)
	}
	return false
}

func equalDict(x, y Dict, depth int) bool {
	for k, v := range x {
		if _, isNull := v.(Null); isNull {
			if _, ok := y[k]; !ok {
				continue
			}
		}
		if !equalDepth(v, y[k], depth+1) {
			return false
		}
	}
	for k, v := range y {
		if _, ok := x[k]; !ok {
			if _, isNull := v.(Null); !isNull {
				return false
			}
		}
	}
	return true
}

// DiffKeys returns the keys whose values differ between two dictionaries.
func DiffKeys(a, b Dict) []Name {
	var out []Name
	seen := map[Name]bool{}
	for k := range a {
		seen[k] = true
	}
	for k := range b {
		seen[k] = true
	}
	for k := range seen {
		if k == "Length" {
			continue // a stream's length follows its data, which is compared separately
		}
		if !Equal(a[k], b[k]) {
			out = append(out, k)
		}
	}
	return out
}

// Name returns d[k] as a Name, or "".
func (d Dict) Name(k Name) Name {
	n, _ := d[k].(Name)
	return n
}

// DictOf returns the dictionary of o (a Dict or a stream's), or nil.
func DictOf(o Object) Dict {
	switch x := o.(type) {
	case Dict:
		return x
	case *Stream:
		return x.Dict
	}
	return nil
}
