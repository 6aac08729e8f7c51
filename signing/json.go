package signing

import "unicode/utf8"

// AppendJSON appends the report as encoding/json writes it (a json.Encoder, HTML
// escaping on, with SetIndent("", "  ") when indent is true), with its final
// newline: byte for byte the same (FuzzReportJSON). `verify` writes one report per
// process; encoding/json's reflection, run cold, was a tenth of its own work there
// (issue 17).
func (r *Report) AppendJSON(b []byte, indent bool) []byte {
	w := jsonWriter{b: b, indent: indent}
	w.open('{')
	w.key("file")
	w.str(r.File)
	w.key("indication")
	w.str(string(r.Indication))
	w.key("signatures")
	if r.Signatures == nil {
		w.raw("null")
	} else {
		w.open('[')
		for i := range r.Signatures {
			w.elem()
			r.Signatures[i].appendJSON(&w)
		}
		w.close(']')
	}
	if len(r.Errors) > 0 {
		w.key("errors")
		w.strs(r.Errors)
	}
	w.close('}')
	w.b = append(w.b, '\n')
	return w.b
}

func (s *SignatureResult) appendJSON(w *jsonWriter) {
	w.open('{')
	w.key("indication")
	w.str(string(s.Indication))
	w.key("sub_indication")
	w.str(string(s.SubIndication))
	w.key("signed_by")
	w.str(s.SignedBy)
	w.key("signing_time")
	w.str(s.SigningTime)
	w.key("best_signature_time")
	w.str(s.BestSignatureTime)
	w.key("format")
	w.str(s.Format)
	w.key("covers_whole_document")
	if s.CoversWholeDocument {
		w.raw("true")
	} else {
		w.raw("false")
	}
	w.key("errors")
	w.strs(s.Errors)
	w.key("warnings")
	w.strs(s.Warnings)
	if s.Field != "" {
		w.key("field")
		w.str(s.Field)
	}
	w.close('}')
}

// jsonWriter writes JSON values, compact or indented by two spaces as
// json.Indent does: an empty array or object stays "[]" or "{}".
type jsonWriter struct {
	b      []byte
	indent bool
	depth  int
	first  bool // no member or element written yet at this depth
}

func (w *jsonWriter) newline() {
	if w.indent {
		w.b = append(w.b, '\n')
		for range w.depth {
			w.b = append(w.b, ' ', ' ')
		}
	}
}

func (w *jsonWriter) open(c byte) {
	w.b = append(w.b, c)
	w.depth++
	w.first = true
}

func (w *jsonWriter) close(c byte) {
	w.depth--
	if !w.first {
		w.newline()
	}
	w.b = append(w.b, c)
	w.first = false
}

// elem starts an element of an array or a member of an object.
func (w *jsonWriter) elem() {
	if !w.first {
		w.b = append(w.b, ',')
	}
	w.first = false
	w.newline()
}

func (w *jsonWriter) key(k string) {
	w.elem()
	w.b = appendJSONString(w.b, k)
	w.b = append(w.b, ':')
	if w.indent {
		w.b = append(w.b, ' ')
	}
}

func (w *jsonWriter) raw(s string) { w.b = append(w.b, s...) }

func (w *jsonWriter) str(s string) { w.b = appendJSONString(w.b, s) }

func (w *jsonWriter) strs(ss []string) {
	if ss == nil {
		w.raw("null")
		return
	}
	w.open('[')
	for _, s := range ss {
		w.elem()
		w.str(s)
	}
	w.close(']')
}

// appendJSONString is encoding/json's string encoding with HTML escaping:
// <, > and & as \u003c, \u003e, \u0026; control characters as \b, \f, \n, \r, \t
// or \u00XX; invalid UTF-8 as \ufffd; U+2028 and U+2029 escaped.
func appendJSONString(dst []byte, s string) []byte {
	const hex = "0123456789abcdef"
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch c {
			case '\\', '"':
				dst = append(dst, '\\', c)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
