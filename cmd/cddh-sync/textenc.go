package main

import (
	"bytes"
	"fmt"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// decodeText turns the bytes of a text document into UTF-8: UTF-8 (a BOM is dropped)
// as is, UTF-16 with a BOM, or without one when its zero bytes show it (a Vietnamese
// text is mostly ASCII, whose UTF-16 has a zero in every other byte), decoded. Anything
// else (a legacy 8-bit encoding such as TCVN3 or Windows-1258, or binary data) is an
// error naming what was found: a silent empty extraction would lose the document.
func decodeText(data []byte) (string, error) {
	if what := knownBinary(data); what != "" {
		return "", fmt.Errorf("%s, not a text document (UTF-8, UTF-16) or a PDF: save it as PDF or plain text first", what)
	}
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return decodeUTF16(data[2:], false)
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return decodeUTF16(data[2:], true)
	}
	if bytes.IndexByte(data, 0) >= 0 {
		if be, ok := looksUTF16(data); ok {
			return decodeUTF16(data, be)
		}
		return "", fmt.Errorf("binary data, not a text document (UTF-8, UTF-16) or a PDF")
	}
	if !utf8.Valid(data) {
		return "", fmt.Errorf("not UTF-8 text (a legacy encoding such as TCVN3 or Windows-1258? convert it with iconv) nor UTF-16 nor a PDF")
	}
	s := string(data)
	if !mostlyText(s) {
		return "", fmt.Errorf("binary data, not a text document (UTF-8, UTF-16) or a PDF")
	}
	return s, nil
}

// knownBinary names the formats a portal's attachments often come in that extract
// does not read, by their first bytes: a ZIP archive other than a .docx or .odt
// (extract reads those before it gets here), a Word 97–2003 file (an OLE compound
// file), a scanned page (an image), RTF. "" for anything else.
func knownBinary(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return "a ZIP archive, not a Word .docx or an OpenDocument .odt file"
	case bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}):
		return "a Word 97–2003 (.doc) or other OLE compound file"
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")), bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF}),
		bytes.HasPrefix(data, []byte("II*\x00")), bytes.HasPrefix(data, []byte("MM\x00*")):
		return "an image (a scanned page? it needs OCR)"
	case bytes.HasPrefix(data, []byte(`{\rtf`)):
		return "an RTF document"
	}
	return ""
}

// looksUTF16 reports whether data, which holds zero bytes, reads as UTF-16 without a
// BOM, and in which byte order: zeros fall (nearly) only on one parity.
func looksUTF16(data []byte) (bigEndian, ok bool) {
	n := min(len(data), 4096) &^ 1
	if n < 4 {
		return false, false
	}
	var even, odd int
	for i := 0; i < n; i += 2 {
		if data[i] == 0 {
			even++
		}
		if data[i+1] == 0 {
			odd++
		}
	}
	pairs := n / 2
	switch {
	case odd*10 >= pairs*3 && even*20 <= pairs:
		return false, true
	case even*10 >= pairs*3 && odd*20 <= pairs:
		return true, true
	}
	return false, false
}

func decodeUTF16(data []byte, bigEndian bool) (string, error) {
	if len(data)%2 != 0 {
		return "", fmt.Errorf("UTF-16 text with an odd number of bytes (truncated?)")
	}
	u := make([]uint16, len(data)/2)
	for i := range u {
		if bigEndian {
			u[i] = uint16(data[2*i])<<8 | uint16(data[2*i+1])
		} else {
			u[i] = uint16(data[2*i+1])<<8 | uint16(data[2*i])
		}
	}
	var b bytes.Buffer
	b.Grow(len(data))
	for _, r := range utf16.Decode(u) {
		if r == utf8.RuneError {
			return "", fmt.Errorf("invalid UTF-16 text (an unpaired surrogate)")
		}
		b.WriteRune(r)
	}
	s := b.String()
	if !mostlyText(s) {
		return "", fmt.Errorf("binary data, not a text document (UTF-8, UTF-16) or a PDF")
	}
	return s, nil
}

// mostlyText reports whether s has no NUL and at most 1% control characters other than
// the layout ones (tab, line and page breaks) a text document holds.
func mostlyText(s string) bool {
	var n, bad int
	for _, r := range s {
		n++
		switch {
		case r == 0:
			return false
		case r == '\t' || r == '\n' || r == '\r' || r == '\f' || r == '\v':
		case unicode.IsControl(r):
			bad++
		}
	}
	return bad*100 <= n
}
