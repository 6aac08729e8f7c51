package portalsim

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode/utf8"
)

// buildPDF writes a small, valid PDF 1.4 whose text layer is the given text.
//
// Vietnamese needs more than the standard 8-bit encodings, so the text is drawn
// with a Type0 font in Identity-H encoding where each character code is the
// character's Unicode code point (BMP only), and a ToUnicode CMap maps the codes
// back to Unicode. Text extractors (pdftotext, pdfminer, Go PDF readers) recover
// the exact text; the font itself is not embedded, so a viewer may draw the glyphs
// with a substitute. Content streams are Flate-compressed, as real portals' are.
func buildPDF(title, text string) []byte {
	lines := wrapLines(text, 92)
	const perPage = 56
	var pages [][]string
	for len(lines) > 0 {
		n := min(perPage, len(lines))
		pages = append(pages, lines[:n])
		lines = lines[n:]
	}
	if len(pages) == 0 {
		pages = [][]string{{""}}
	}

	// Which 256-code blocks the text uses, for the ToUnicode ranges.
	blocks := map[rune]bool{}
	for _, r := range text {
		if r <= 0xFFFF {
			blocks[r>>8] = true
		}
	}
	blocks[0] = true

	var buf bytes.Buffer
	var offsets []int
	obj := func(body string) {
		offsets = append(offsets, buf.Len())
		fmt.Fprintf(&buf, "%d 0 obj\n%s\nendobj\n", len(offsets), body)
	}
	stream := func(dict string, data []byte) {
		offsets = append(offsets, buf.Len())
		fmt.Fprintf(&buf, "%d 0 obj\n<< %s /Length %d >>\nstream\n", len(offsets), dict, len(data))
		buf.Write(data)
		buf.WriteString("\nendstream\nendobj\n")
	}
	buf.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")

	// Objects 1..6 are fixed; pages follow as pairs (page, content).
	firstPage := 7
	var kids []string
	for i := range pages {
		kids = append(kids, fmt.Sprintf("%d 0 R", firstPage+2*i))
	}
	obj("<< /Type /Catalog /Pages 2 0 R >>")
	obj(fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(pages)))
	obj("<< /Type /Font /Subtype /Type0 /BaseFont /TimesNewRomanPSMT /Encoding /Identity-H /DescendantFonts [4 0 R] /ToUnicode 5 0 R >>")
	obj("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /TimesNewRomanPSMT /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 6 0 R /DW 500 /CIDToGIDMap /Identity >>")
	stream("", toUnicodeCMap(blocks))
	obj("<< /Type /FontDescriptor /FontName /TimesNewRomanPSMT /Flags 34 /FontBBox [-568 -307 2000 1007] /ItalicAngle 0 /Ascent 891 /Descent -216 /CapHeight 662 /StemV 82 >>")
	for i, pl := range pages {
		obj(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>", firstPage+2*i+1))
		var cs bytes.Buffer
		cs.WriteString("BT\n/F1 10 Tf\n13 TL\n56 800 Td\n")
		for _, l := range pl {
			cs.WriteString("<")
			for _, r := range l {
				if r > 0xFFFF {
					r = '?'
				}
				fmt.Fprintf(&cs, "%04X", r)
			}
			cs.WriteString("> Tj T*\n")
		}
		cs.WriteString("ET\n")
		var z bytes.Buffer
		zw := zlib.NewWriter(&z)
		zw.Write(cs.Bytes()) //nolint:errcheck // writes to a bytes.Buffer cannot fail
		zw.Close()           //nolint:errcheck
		stream("/Filter /FlateDecode", z.Bytes())
	}
	info := len(offsets) + 1
	obj(fmt.Sprintf("<< /Producer (cddh-sync portalsim) /Title <%s> >>", utf16Hex(title)))

	xref := buf.Len()
	fmt.Fprintf(&buf, "xref\n0 %d\n0000000000 65535 f \n", len(offsets)+1)
	for _, o := range offsets {
		fmt.Fprintf(&buf, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&buf, "trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offsets)+1, info, xref)
	return buf.Bytes()
}

// toUnicodeCMap maps each used block of two-byte codes to the same code points.
func toUnicodeCMap(blocks map[rune]bool) []byte {
	var hs []int
	for h := range blocks {
		hs = append(hs, int(h))
	}
	sort.Ints(hs)
	var b bytes.Buffer
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n")
	b.WriteString("/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n")
	b.WriteString("/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n")
	b.WriteString("1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	for len(hs) > 0 {
		n := min(100, len(hs)) // a bfrange section holds at most 100 entries
		fmt.Fprintf(&b, "%d beginbfrange\n", n)
		for _, h := range hs[:n] {
			fmt.Fprintf(&b, "<%02X00> <%02XFF> <%02X00>\n", h, h, h)
		}
		b.WriteString("endbfrange\n")
		hs = hs[n:]
	}
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
	return b.Bytes()
}

// utf16Hex encodes a text string for the Info dictionary (UTF-16BE with BOM).
func utf16Hex(s string) string {
	var b strings.Builder
	b.WriteString("FEFF")
	for _, r := range s {
		if r > 0xFFFF {
			r = '?'
		}
		fmt.Fprintf(&b, "%04X", r)
	}
	return b.String()
}

// wrapLines splits text into lines of at most width runes, breaking at spaces.
func wrapLines(text string, width int) []string {
	var out []string
	for _, para := range strings.Split(text, "\n") {
		for utf8.RuneCountInString(para) > width {
			cut, n := -1, 0
			for i, r := range para {
				if n > width {
					break
				}
				if r == ' ' {
					cut = i
				}
				n++
			}
			if cut <= 0 {
				// No space: cut at width runes.
				cut = 0
				for i := range para {
					if n = utf8.RuneCountInString(para[:i]); n >= width {
						cut = i
						break
					}
				}
			}
			out = append(out, para[:cut])
			para = strings.TrimLeft(para[cut:], " ")
		}
		out = append(out, para)
	}
	return out
}

// executableBytes is a DOS/PE stub: what a hostile sender names "….pdf".
func executableBytes() []byte {
	b := make([]byte, 512)
	copy(b, "MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff")
	b[0x3c] = 0x80 // e_lfanew: the PE header's offset
	copy(b[0x4e:], "This program cannot be run in DOS mode.\r\r\n$")
	copy(b[0x80:], "PE\x00\x00\x4c\x01")
	return b
}

// hugeReader streams a PDF-looking file of a given size without holding it: a PDF
// header, comment padding, and an EOF marker at the very end.
type hugeReader struct {
	size, pos int64
}

const (
	hugeHead = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
	hugeTail = "\n%%EOF\n"
	hugeFill = "% cddh-sync portalsim padding: a large attachment streamed in chunks\n"
)

func (h *hugeReader) Read(p []byte) (int, error) {
	if h.pos >= h.size {
		return 0, io.EOF
	}
	if rest := h.size - h.pos; int64(len(p)) > rest {
		p = p[:rest]
	}
	head, tail := int64(len(hugeHead)), h.size-int64(len(hugeTail))
	n := 0
	for n < len(p) {
		var c int
		switch i := h.pos; {
		case i < head:
			c = copy(p[n:], hugeHead[i:])
		case i >= tail:
			c = copy(p[n:], hugeTail[i-tail:])
		default:
			off := (i - head) % int64(len(hugeFill))
			c = copy(p[n:min(len(p), n+int(tail-i))], hugeFill[off:])
		}
		n += c
		h.pos += int64(c)
	}
	return n, nil
}

// byteAt is the reference definition of the stream, used by the tests.
func (h *hugeReader) byteAt(i int64) byte {
	switch {
	case i < int64(len(hugeHead)):
		return hugeHead[i]
	case i >= h.size-int64(len(hugeTail)):
		return hugeTail[i-(h.size-int64(len(hugeTail)))]
	default:
		return hugeFill[(i-int64(len(hugeHead)))%int64(len(hugeFill))]
	}
}
