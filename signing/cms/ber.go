package cms

import "fmt"

// maxBERDepth bounds nesting while normalising BER.
const maxBERDepth = 64

// toDER rewrites BER indefinite lengths as definite ones (some PDF signers emit BER
// SignedData). Primitive contents are copied unchanged; signed attributes, which
// must be DER to be verifiable, stay byte-identical when they already are.
func toDER(b []byte) ([]byte, error) {
	out, _, err := berElement(b, 0)
	return out, err
}

// berElement converts the element at the start of b; it returns the converted
// element and the number of input bytes consumed.
func berElement(b []byte, depth int) ([]byte, int, error) {
	if depth > maxBERDepth {
		return nil, 0, fmt.Errorf("%w: BER nesting too deep", ErrFormat)
	}
	if len(b) < 2 {
		return nil, 0, fmt.Errorf("%w: truncated BER", ErrFormat)
	}
	i := 1
	if b[0]&0x1f == 0x1f {
		for i < len(b) && b[i]&0x80 != 0 {
			i++
		}
		i++
	}
	if i >= len(b) {
		return nil, 0, fmt.Errorf("%w: truncated BER tag", ErrFormat)
	}
	tag := b[:i]
	constructed := b[0]&0x20 != 0
	l := int(b[i])
	i++
	if l == 0x80 {
		if !constructed {
			return nil, 0, fmt.Errorf("%w: indefinite length on a primitive", ErrFormat)
		}
		var content []byte
		for {
			if i+1 >= len(b) {
				return nil, 0, fmt.Errorf("%w: unterminated indefinite length", ErrFormat)
			}
			if b[i] == 0 && b[i+1] == 0 {
				i += 2
				break
			}
			el, n, err := berElement(b[i:], depth+1)
			if err != nil {
				return nil, 0, err
			}
			content = append(content, el...)
			i += n
		}
		return append(append(append([]byte{}, tag...), derLength(len(content))...), content...), i, nil
	}
	if l&0x80 != 0 {
		n := l & 0x7f
		if n > 4 || i+n > len(b) {
			return nil, 0, fmt.Errorf("%w: bad BER length", ErrFormat)
		}
		l = 0
		for k := 0; k < n; k++ {
			l = l<<8 | int(b[i+k])
		}
		i += n
	}
	if l < 0 || i+l > len(b) {
		return nil, 0, fmt.Errorf("%w: BER length beyond the data", ErrFormat)
	}
	body := b[i : i+l]
	if !constructed {
		return append(append(append([]byte{}, tag...), derLength(l)...), body...), i + l, nil
	}
	var content []byte
	for k := 0; k < len(body); {
		el, n, err := berElement(body[k:], depth+1)
		if err != nil {
			return nil, 0, err
		}
		content = append(content, el...)
		k += n
	}
	return append(append(append([]byte{}, tag...), derLength(len(content))...), content...), i + l, nil
}

func derLength(n int) []byte {
	if n < 0x80 {
		return []byte{byte(n)}
	}
	var out []byte
	for v := n; v > 0; v >>= 8 {
		out = append([]byte{byte(v)}, out...)
	}
	return append([]byte{0x80 | byte(len(out))}, out...)
}
