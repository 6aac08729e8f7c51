package officetext

import (
	"archive/zip"
	"bytes"
	"errors"
	"strings"
	"testing"
)

// zipOf builds an archive of the named parts, in order.
func zipOf(t testing.TB, parts ...[2]string) []byte {
	t.Helper()
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for _, p := range parts {
		f, err := w.Create(p[0])
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Write([]byte(p[1])); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

const docxHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>`

func docx(t testing.TB, body string) []byte {
	return zipOf(t, [2]string{"[Content_Types].xml", "<Types/>"}, [2]string{"word/document.xml", docxHead + body + `</w:body></w:document>`})
}

func para(runs ...string) string {
	var b strings.Builder
	b.WriteString("<w:p>")
	for _, r := range runs {
		b.WriteString(`<w:r><w:t xml:space="preserve">` + r + `</w:t></w:r>`)
	}
	b.WriteString("</w:p>")
	return b.String()
}

// TestDocx: paragraphs are lines, runs join, a list item opens with "- ", a
// table row is one line of cells, tabs and breaks are kept; deleted text, field
// codes, tab stops and the fallback copy of a text box are not text.
func TestDocx(t *testing.T) {
	body := para("ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP") +
		para("Số: 12/UBND-VX") +
		`<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t>Đồng Tháp,</w:t></w:r><w:r><w:tab/><w:t>ngày 10 tháng 4 năm 2026</w:t></w:r></w:p>` +
		`<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>` +
		`<w:r><w:t xml:space="preserve">Giao Sở Tài chính </w:t></w:r>` +
		`<w:del w:id="1" w:author="x"><w:r><w:delText>không </w:delText></w:r></w:del>` +
		`<w:ins w:id="2" w:author="x"><w:r><w:t xml:space="preserve">rà soát, </w:t></w:r></w:ins>` +
		`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>` +
		`<w:r><w:t>báo cáo trước ngày 20/4/2026.</w:t></w:r></w:p>` +
		`<w:p><w:r><w:t>Dòng một</w:t><w:br/><w:t>dòng hai</w:t></w:r>` +
		`<mc:AlternateContent><mc:Choice Requires="wps"><w:r><w:t xml:space="preserve"> (hộp)</w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t> (hộp)</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p>` +
		`<w:tbl><w:tr><w:tc>` + para("TT") + `</w:tc><w:tc>` + para("Nội dung") + `</w:tc><w:tc>` + para("Cơ quan chủ trì") + `</w:tc></w:tr>` +
		`<w:tr><w:tc>` + para("1") + `</w:tc><w:tc>` + para("Rà soát thủ tục") + para("hành chính") + `</w:tc><w:tc>` +
		`<w:tbl><w:tr><w:tc>` + para("Sở Tư pháp") + `</w:tc></w:tr></w:tbl></w:tc></w:tr>` +
		`<w:tr><w:tc>` + para("") + `</w:tc><w:tc/></w:tr></w:tbl>` +
		para("Nơi nhận:")
	got, err := Text(docx(t, body))
	if err != nil {
		t.Fatal(err)
	}
	want := "ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP\n\nSố: 12/UBND-VX\n\nĐồng Tháp,\tngày 10 tháng 4 năm 2026\n\n" +
		"- Giao Sở Tài chính rà soát, báo cáo trước ngày 20/4/2026.\n\nDòng một\ndòng hai (hộp)\n\n" +
		"TT | Nội dung | Cơ quan chủ trì\n1 | Rà soát thủ tục hành chính | Sở Tư pháp\n\nNơi nhận:\n"
	if got != want {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
	if Kind(docx(t, body)) != "docx" {
		t.Error("Kind: not docx")
	}
}

const odtHead = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <office:automatic-styles><style/></office:automatic-styles>
  <office:body>
    <office:text>
`

func odt(t testing.TB, body string) []byte {
	return zipOf(t, [2]string{"mimetype", "application/vnd.oasis.opendocument.text"}, [2]string{"content.xml", odtHead + body + "</office:text></office:body></office:document-content>"})
}

// TestOdt: headings and paragraphs are lines, spans join, text:s repeats a space,
// list items open with "- ", a table row is one line; comments and tracked
// deletions are not text, nor the layout's white space between elements.
func TestOdt(t *testing.T) {
	body := `<text:tracked-changes><text:changed-region><text:deletion><text:p>đã xóa</text:p></text:deletion></text:changed-region></text:tracked-changes>
      <text:h text:outline-level="1">KẾ HOẠCH</text:h>
      <text:p>Giao <text:span>Sở Y tế</text:span> chủ trì,<text:s text:c="3"/>báo cáo<text:tab/>trước ngày 30/6/2026.<office:annotation><dc:creator>A</dc:creator><text:p>ghi chú</text:p></office:annotation></text:p>
      <text:list><text:list-item><text:p>Công an tỉnh kiểm tra;</text:p></text:list-item><text:list-item><text:p>Sở Xây dựng phối hợp.</text:p></text:list-item></text:list>
      <table:table><table:table-row><table:table-cell><text:p>1</text:p></table:table-cell><table:table-cell><text:p>Sở Nội vụ</text:p></table:table-cell></table:table-row></table:table>
      <text:p>Dòng<text:line-break/>mới</text:p>
`
	got, err := Text(odt(t, body))
	if err != nil {
		t.Fatal(err)
	}
	want := "KẾ HOẠCH\n\nGiao Sở Y tế chủ trì,   báo cáo\ttrước ngày 30/6/2026.\n\n- Công an tỉnh kiểm tra;\n\n- Sở Xây dựng phối hợp.\n\n1 | Sở Nội vụ\n\nDòng\nmới\n"
	if got != want {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
	if Kind(odt(t, body)) != "odt" {
		t.Error("Kind: not odt")
	}
}

// TestHostile: what is not a .docx or .odt, or is one built to hurt, is an error
// naming why, never a panic, a hang or memory without bound.
func TestHostile(t *testing.T) {
	bomb := func() []byte {
		var b bytes.Buffer
		w := zip.NewWriter(&b)
		f, err := w.Create("word/document.xml")
		if err != nil {
			t.Fatal(err)
		}
		chunk := bytes.Repeat([]byte(" "), 1<<20)
		for i := 0; i < MaxPartBytes>>20+2; i++ {
			if _, err := f.Write(chunk); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}()
	deep := strings.Repeat("<w:p>", MaxDepth+1) + strings.Repeat("</w:p>", MaxDepth+1)
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"not a zip", []byte("Giao Sở Tài chính báo cáo."), ErrNotOffice},
		{"a zip of something else", zipOf(t, [2]string{"a.txt", "x"}), ErrNotOffice},
		{"content.xml without an OpenDocument text mimetype", zipOf(t, [2]string{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"}, [2]string{"content.xml", "<x/>"}), ErrNotOffice},
		{"a ZIP bomb", bomb, ErrTooLarge},
		{"an entity declaration", zipOf(t, [2]string{"word/document.xml", `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]><w:document xmlns:w="` + nsW + `">&a;</w:document>`}), ErrMalformed},
		{"an undeclared entity", docx(t, `<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>`), ErrMalformed},
		{"too deep", docx(t, deep), ErrMalformed},
		{"unclosed", zipOf(t, [2]string{"word/document.xml", docxHead + "<w:p>"}), ErrMalformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Text(tt.data)
			if !errors.Is(err, tt.want) {
				t.Errorf("Text = %q, %v; want %v", got, err, tt.want)
			}
		})
	}
	if len(bomb) > 1<<20 {
		t.Fatalf("the bomb is %d bytes: it should be small", len(bomb))
	}
}

// FuzzText: any bytes give text or an error, never a panic.
func FuzzText(f *testing.F) {
	f.Add(docx(f, para("Giao Sở Tài chính báo cáo trước ngày 20/4/2026.")))
	f.Add(odt(f, `<text:p>Giao <text:span>Sở Y tế</text:span> chủ trì</text:p>`))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Text(data)
		if err == nil && !strings.HasSuffix(s, "\n") {
			t.Errorf("text without its final newline: %q", s)
		}
	})
}
