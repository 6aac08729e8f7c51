package pdf

import (
	"bytes"
	"strconv"
)

const (
	maxDepth     = 64       // nesting of arrays and dictionaries
	maxContainer = 1 << 20  // elements in one array or dictionary
	maxString    = 16 << 20 // bytes in one string
)

func isSpace(c byte) bool {
	return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' '
}

func isDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

// lexer reads objects from data starting at pos. budget counts work units shared by
// the whole parse, so that no input can make the parser run unbounded.
type lexer struct {
	data   []byte
	pos    int
	budget *int
}

func (l *lexer) spend(n int) error {
	*l.budget -= n
	if *l.budget < 0 {
		return ErrLimit
	}
	return nil
}

func (l *lexer) skipSpace() {
	for l.pos < len(l.data) {
		c := l.data[l.pos]
		if isSpace(c) {
			l.pos++
			continue
		}
		if c == '%' {
			for l.pos < len(l.data) && l.data[l.pos] != '\n' && l.data[l.pos] != '\r' {
				l.pos++
			}
			continue
		}
		return
	}
}

// keyword reads a bare token (number, keyword) at pos.
func (l *lexer) keyword() []byte {
	l.skipSpace()
	start := l.pos
	for l.pos < len(l.data) && !isSpace(l.data[l.pos]) && !isDelim(l.data[l.pos]) {
		l.pos++
	}
	return l.data[start:l.pos]
}

func (l *lexer) peekKeyword() []byte {
	save := l.pos
	k := l.keyword()
	l.pos = save
	return k
}

// object parses one direct object; references "n g R" are recognised.
func (l *lexer) object(depth int) (Object, error) {
	if depth > maxDepth {
		return nil, ErrLimit
	}
	if err := l.spend(1); err != nil {
		return nil, err
	}
	l.skipSpace()
	if l.pos >= len(l.data) {
		return nil, syntaxErr(l.pos, "unexpected end of file")
	}
	c := l.data[l.pos]
	switch c {
	case '/':
		l.pos++
		start := l.pos
		for l.pos < len(l.data) && !isSpace(l.data[l.pos]) && !isDelim(l.data[l.pos]) {
			l.pos++
		}
		return Name(decodeName(l.data[start:l.pos])), nil
	case '(':
		return l.literalString()
	case '<':
		if l.pos+1 < len(l.data) && l.data[l.pos+1] == '<' {
			return l.dict(depth)
		}
		return l.hexString()
	case '[':
		l.pos++
		var arr Array
		for {
			l.skipSpace()
			if l.pos >= len(l.data) {
				return nil, syntaxErr(l.pos, "unterminated array")
			}
			if l.data[l.pos] == ']' {
				l.pos++
				return arr, nil
			}
			if len(arr) >= maxContainer {
				return nil, ErrLimit
			}
			o, err := l.object(depth + 1)
			if err != nil {
				return nil, err
			}
			arr = append(arr, o)
		}
	}
	start := l.pos
	tok := l.keyword()
	if len(tok) == 0 {
		l.pos++
		return nil, syntaxErr(start, "unexpected %q", c)
	}
	switch string(tok) {
	case "true":
		return Bool(true), nil
	case "false":
		return Bool(false), nil
	case "null":
		return Null{}, nil
	}
	if n, err := strconv.ParseInt(string(tok), 10, 64); err == nil {
		// Maybe "n g R".
		save := l.pos
		g := l.keyword()
		if gn, err := strconv.Atoi(string(g)); err == nil && gn >= 0 && n >= 0 && n < 1<<30 {
			if r := l.keyword(); string(r) == "R" {
				return Ref{Num: int(n), Gen: gn}, nil
			}
		}
		l.pos = save
		return Int(n), nil
	}
	if f, err := strconv.ParseFloat(string(tok), 64); err == nil {
		return Real(f), nil
	}
	return nil, syntaxErr(start, "unknown token %q", truncate(tok))
}

func truncate(b []byte) string {
	if len(b) > 20 {
		return string(b[:20]) + "..."
	}
	return string(b)
}

func decodeName(b []byte) string {
	if bytes.IndexByte(b, '#') < 0 {
		return string(b)
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		if b[i] == '#' && i+2 < len(b) {
			if v, err := strconv.ParseUint(string(b[i+1:i+3]), 16, 8); err == nil {
				out = append(out, byte(v))
				i += 2
				continue
			}
		}
		out = append(out, b[i])
	}
	return string(out)
}

func (l *lexer) dict(depth int) (Object, error) {
	l.pos += 2
	d := Dict{}
	for {
		l.skipSpace()
		if l.pos >= len(l.data) {
			return nil, syntaxErr(l.pos, "unterminated dictionary")
		}
		if l.data[l.pos] == '>' {
			if l.pos+1 < len(l.data) && l.data[l.pos+1] == '>' {
				l.pos += 2
				return d, nil
			}
			return nil, syntaxErr(l.pos, "stray '>' in dictionary")
		}
		k, err := l.object(depth + 1)
		if err != nil {
			return nil, err
		}
		name, ok := k.(Name)
		if !ok {
			return nil, syntaxErr(l.pos, "dictionary key is not a name")
		}
		v, err := l.object(depth + 1)
		if err != nil {
			return nil, err
		}
		if len(d) >= maxContainer {
			return nil, ErrLimit
		}
		d[name] = v
	}
}

// hexDigit maps a byte to its hex value plus one; 0 marks a byte that is not a
// hex digit, hexSpace white space (static data: no work at start-up).
const hexSpace = 0xff

var hexDigit = [256]byte{
	'0': 1, '1': 2, '2': 3, '3': 4, '4': 5, '5': 6, '6': 7, '7': 8, '8': 9, '9': 10,
	'a': 11, 'b': 12, 'c': 13, 'd': 14, 'e': 15, 'f': 16, 'A': 11, 'B': 12, 'C': 13, 'D': 14, 'E': 15, 'F': 16,
	0: hexSpace, '\t': hexSpace, '\n': hexSpace, '\f': hexSpace, '\r': hexSpace, ' ': hexSpace,
}

func (l *lexer) hexString() (Object, error) {
	start := l.pos
	l.pos++
	var out []byte
	// Size the output once: signature /Contents are tens of kilobytes of hex.
	if end := bytes.IndexByte(l.data[l.pos:], '>'); end >= 0 {
		out = make([]byte, 0, min(end/2+1, maxString+1))
	}
	var hi byte
	half := false
	for l.pos < len(l.data) {
		c := l.data[l.pos]
		l.pos++
		if c == '>' {
			if half {
				out = append(out, hi<<4)
			}
			return String{Bytes: out, Hex: true, Start: start, End: l.pos}, nil
		}
		v := hexDigit[c]
		switch v {
		case hexSpace:
			continue
		case 0:
			return nil, syntaxErr(l.pos-1, "bad hex digit %q", c)
		}
		v--
		if half {
			out = append(out, hi<<4|v)
			if len(out) > maxString {
				return nil, ErrLimit
			}
		} else {
			hi = v
		}
		half = !half
	}
	return nil, syntaxErr(start, "unterminated hex string")
}

func (l *lexer) literalString() (Object, error) {
	start := l.pos
	l.pos++
	var out []byte
	nest := 1
	for l.pos < len(l.data) {
		c := l.data[l.pos]
		l.pos++
		switch c {
		case '(':
			nest++
		case ')':
			nest--
			if nest == 0 {
				return String{Bytes: out, Start: start, End: l.pos}, nil
			}
		case '\\':
			if l.pos >= len(l.data) {
				continue
			}
			e := l.data[l.pos]
			l.pos++
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r':
				if l.pos < len(l.data) && l.data[l.pos] == '\n' {
					l.pos++
				}
				continue
			case '\n':
				continue
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for i := 0; i < 2 && l.pos < len(l.data) && l.data[l.pos] >= '0' && l.data[l.pos] <= '7'; i++ {
						v = v*8 + int(l.data[l.pos]-'0')
						l.pos++
					}
					c = byte(v)
				} else {
					c = e
				}
			}
		}
		out = append(out, c)
		if len(out) > maxString {
			return nil, ErrLimit
		}
	}
	return nil, syntaxErr(start, "unterminated literal string")
}
