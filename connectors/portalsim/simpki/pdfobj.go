package simpki

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// errSyntax marks input that is not a PDF this signer can update.
var errSyntax = errors.New("simpki: PDF syntax")

// maxDepth bounds nesting of arrays and dictionaries, so hostile input cannot
// exhaust the stack.
const maxDepth = 64

// kind is the type of a PDF object.
type kind int

const (
	kindNull kind = iota
	kindBool
	kindNumber
	kindName
	kindString
	kindRef
	kindArray
	kindDict
)

// object is a parsed PDF object. Scalars keep their source text, so an object
// that is rewritten in an update keeps every value it had byte for byte; only
// the keys the signer changes differ (a verifier compares the revisions).
type object struct {
	kind     kind
	raw      string   // scalars: the source text ("/Type", "(abc)", "<FEFF>", "12")
	num, gen int      // kindRef
	items    []object // kindArray
	keys     []string // kindDict: decoded key names, in source order
	vals     []object // kindDict: values, parallel to keys
}

func ref(num, gen int) object { return object{kind: kindRef, num: num, gen: gen} }

func name(n string) object { return object{kind: kindName, raw: "/" + n} }

func number(n int) object { return object{kind: kindNumber, raw: strconv.Itoa(n)} }

// get returns the value of key in a dictionary, or a null object.
func (o object) get(key string) object {
	for i, k := range o.keys {
		if k == key {
			return o.vals[i]
		}
	}
	return object{}
}

// has reports whether a dictionary holds key.
func (o object) has(key string) bool {
	for _, k := range o.keys {
		if k == key {
			return true
		}
	}
	return false
}

// set replaces or appends key in a dictionary.
func (o *object) set(key string, v object) {
	for i, k := range o.keys {
		if k == key {
			o.vals[i] = v
			return
		}
	}
	o.keys = append(o.keys, key)
	o.vals = append(o.vals, v)
}

// nameValue is the decoded name, or "" when o is not a name.
func (o object) nameValue() string {
	if o.kind != kindName {
		return ""
	}
	return decodeName(o.raw[1:])
}

// clone copies o deeply, so a modified copy never aliases the original.
func (o object) clone() object {
	c := o
	if o.items != nil {
		c.items = make([]object, len(o.items))
		for i, it := range o.items {
			c.items[i] = it.clone()
		}
	}
	if o.keys != nil {
		c.keys = append([]string(nil), o.keys...)
		c.vals = make([]object, len(o.vals))
		for i, v := range o.vals {
			c.vals[i] = v.clone()
		}
	}
	return c
}

// write serialises o.
func (o object) write(b *bytes.Buffer) {
	switch o.kind {
	case kindNull:
		b.WriteString("null")
	case kindRef:
		fmt.Fprintf(b, "%d %d R", o.num, o.gen)
	case kindArray:
		b.WriteByte('[')
		for i, it := range o.items {
			if i > 0 {
				b.WriteByte(' ')
			}
			it.write(b)
		}
		b.WriteByte(']')
	case kindDict:
		b.WriteString("<<")
		for i, k := range o.keys {
			b.WriteString(" /")
			b.WriteString(encodeName(k))
			b.WriteByte(' ')
			o.vals[i].write(b)
		}
		b.WriteString(" >>")
	default:
		b.WriteString(o.raw)
	}
}

func (o object) String() string {
	var b bytes.Buffer
	o.write(&b)
	return b.String()
}

// decodeName resolves #xx escapes (ISO 32000-1 7.3.5).
func decodeName(s string) string {
	if !strings.Contains(s, "#") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '#' && i+2 < len(s) {
			if v, err := strconv.ParseUint(s[i+1:i+3], 16, 8); err == nil {
				b.WriteByte(byte(v))
				i += 2
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// encodeName escapes what a name cannot hold literally.
func encodeName(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '!' || c > '~' || c == '#' || isDelimiter(c) {
			fmt.Fprintf(&b, "#%02X", c)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

func isSpace(c byte) bool {
	return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' '
}

func isDelimiter(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

// lexer reads PDF objects from data starting at pos.
type lexer struct {
	data []byte
	pos  int
}

func (l *lexer) errorf(format string, args ...any) error {
	return fmt.Errorf("%w at byte %d: %s", errSyntax, l.pos, fmt.Sprintf(format, args...))
}

// skip passes white space and comments.
func (l *lexer) skip() {
	for l.pos < len(l.data) {
		c := l.data[l.pos]
		switch {
		case isSpace(c):
			l.pos++
		case c == '%':
			for l.pos < len(l.data) && l.data[l.pos] != '\n' && l.data[l.pos] != '\r' {
				l.pos++
			}
		default:
			return
		}
	}
}

// token returns the next regular token (a number or keyword) without delimiters.
func (l *lexer) token() string {
	l.skip()
	start := l.pos
	for l.pos < len(l.data) && !isSpace(l.data[l.pos]) && !isDelimiter(l.data[l.pos]) {
		l.pos++
	}
	return string(l.data[start:l.pos])
}

// integer reads a non-negative integer token.
func (l *lexer) integer() (int, error) {
	t := l.token()
	n, err := strconv.Atoi(t)
	if err != nil || n < 0 || len(t) > 10 {
		return 0, l.errorf("expected a non-negative integer, found %q", clip(t))
	}
	return n, nil
}

func clip(s string) string {
	if len(s) > 20 {
		return s[:20] + "…"
	}
	return s
}

// value parses one object; an integer followed by "G R" is a reference.
func (l *lexer) value(depth int) (object, error) {
	if depth > maxDepth {
		return object{}, l.errorf("objects nested deeper than %d", maxDepth)
	}
	l.skip()
	if l.pos >= len(l.data) {
		return object{}, l.errorf("unexpected end of data")
	}
	start := l.pos
	switch c := l.data[l.pos]; {
	case c == '/':
		l.pos++
		for l.pos < len(l.data) && !isSpace(l.data[l.pos]) && !isDelimiter(l.data[l.pos]) {
			l.pos++
		}
		return object{kind: kindName, raw: string(l.data[start:l.pos])}, nil
	case c == '(':
		return l.literalString()
	case c == '<' && l.pos+1 < len(l.data) && l.data[l.pos+1] == '<':
		return l.dict(depth)
	case c == '<':
		end := bytes.IndexByte(l.data[l.pos:], '>')
		if end < 0 {
			return object{}, l.errorf("unterminated hex string")
		}
		for _, h := range l.data[l.pos+1 : l.pos+end] {
			if !isSpace(h) && !strings.ContainsRune("0123456789abcdefABCDEF", rune(h)) {
				return object{}, l.errorf("bad hex string")
			}
		}
		l.pos += end + 1
		return object{kind: kindString, raw: string(l.data[start:l.pos])}, nil
	case c == '[':
		l.pos++
		arr := object{kind: kindArray, items: []object{}}
		for {
			l.skip()
			if l.pos >= len(l.data) {
				return object{}, l.errorf("unterminated array")
			}
			if l.data[l.pos] == ']' {
				l.pos++
				return arr, nil
			}
			v, err := l.value(depth + 1)
			if err != nil {
				return object{}, err
			}
			arr.items = append(arr.items, v)
		}
	case c == '+' || c == '-' || c == '.' || (c >= '0' && c <= '9'):
		t := l.token()
		if _, err := strconv.ParseFloat(t, 64); err != nil {
			return object{}, l.errorf("bad number %q", clip(t))
		}
		// A reference is "num gen R": look ahead without consuming otherwise.
		if n, err := strconv.Atoi(t); err == nil && n >= 0 {
			save := l.pos
			if g, err := strconv.Atoi(l.token()); err == nil && g >= 0 && l.token() == "R" {
				return ref(n, g), nil
			}
			l.pos = save
		}
		return object{kind: kindNumber, raw: t}, nil
	default:
		switch t := l.token(); t {
		case "true", "false":
			return object{kind: kindBool, raw: t}, nil
		case "null":
			return object{}, nil
		case "":
			return object{}, l.errorf("unexpected delimiter %q", string(c))
		default:
			return object{}, l.errorf("unexpected keyword %q", clip(t))
		}
	}
}

func (l *lexer) literalString() (object, error) {
	start := l.pos
	depth := 0
	for ; l.pos < len(l.data); l.pos++ {
		switch l.data[l.pos] {
		case '\\':
			l.pos++
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				l.pos++
				return object{kind: kindString, raw: string(l.data[start:l.pos])}, nil
			}
		}
	}
	return object{}, l.errorf("unterminated string")
}

func (l *lexer) dict(depth int) (object, error) {
	l.pos += 2
	d := object{kind: kindDict, keys: []string{}, vals: []object{}}
	for {
		l.skip()
		if l.pos+1 < len(l.data) && l.data[l.pos] == '>' && l.data[l.pos+1] == '>' {
			l.pos += 2
			return d, nil
		}
		if l.pos >= len(l.data) {
			return object{}, l.errorf("unterminated dictionary")
		}
		k, err := l.value(depth + 1)
		if err != nil {
			return object{}, err
		}
		if k.kind != kindName {
			return object{}, l.errorf("dictionary key is not a name")
		}
		v, err := l.value(depth + 1)
		if err != nil {
			return object{}, err
		}
		// A later duplicate key wins, as most readers do; keep one entry.
		d.set(k.nameValue(), v)
	}
}
