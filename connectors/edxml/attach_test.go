package edxml

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"errors"
	"strings"
	"testing"
	"unicode/utf16"
)

// officeFile builds a minimal OOXML (with [Content_Types].xml) or OpenDocument (a
// stored "mimetype" first) container.
func officeFile(t testing.TB, odf bool) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	if odf {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: "mimetype", Method: zip.Store})
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte("application/vnd.oasis.opendocument.spreadsheet")) //nolint:errcheck // bytes.Buffer
		w, _ = zw.Create("content.xml")
		w.Write([]byte("<office:document-content/>")) //nolint:errcheck // bytes.Buffer
	} else {
		w, _ := zw.Create("[Content_Types].xml")
		w.Write([]byte(`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`)) //nolint:errcheck // bytes.Buffer
		w, _ = zw.Create("xl/workbook.xml")
		w.Write([]byte("<workbook/>")) //nolint:errcheck // bytes.Buffer
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestAttachmentKinds(t *testing.T) {
	t.Parallel()
	xlsx, ods := officeFile(t, false), officeFile(t, true)
	inner := makeZip(t, [2]string{"a.pdf", "%PDF a"}, [2]string{"b.txt", "b"})
	tests := []struct {
		name        string
		att         Attachment
		office      bool
		entries     []string // names, in order
		officeEntry string   // an entry that must be marked Office
	}{
		{"xlsx sent as is", Attachment{Name: "bang.xlsx", Data: xlsx}, true, nil, ""},
		{"ods sent as is", Attachment{Name: "bang.ods", Data: ods}, true, nil, ""},
		{"docx content under a .zip name", Attachment{Name: "misnamed.zip", Data: xlsx}, true, nil, ""},
		{"xlsx wrapped by the official library", Attachment{Name: "bang.xlsx", ContentType: "application/zip",
			Data: makeZip(t, [2]string{"5f0e.xlsx", string(xlsx)})}, false, []string{"5f0e.xlsx"}, "5f0e.xlsx"},
		{"zip inside a zip (the sender's zip, wrapped)", Attachment{Name: "ho-so.zip",
			Data: makeZip(t, [2]string{"ho-so.zip", string(inner)}, [2]string{"to-trinh.docx", string(xlsx)})}, false,
			[]string{"ho-so.zip/a.pdf", "ho-so.zip/b.txt", "to-trinh.docx"}, "to-trinh.docx"},
		{"office name, typed as such, no marker: believed", Attachment{Name: "cu.xlsx", ContentType: "application/vnd.ms-excel",
			Data: makeZip(t, [2]string{"xl/workbook.xml", "<workbook/>"})}, true, nil, ""},
		{"office-named zip entry without marker: believed", Attachment{Name: "a.zip",
			Data: makeZip(t, [2]string{"cu.pptx", string(makeZip(t, [2]string{"ppt/slide1.xml", "<s/>"}))})}, false, []string{"cu.pptx"}, "cu.pptx"},
		{"a .docx named file that is plain text", Attachment{Name: "x.docx", Data: []byte("not a zip")}, false, nil, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tc.att.ContentID = "c1"
			p, err := Parse(withAttachments(t, tc.att), Limits{})
			if err != nil {
				t.Fatal(err)
			}
			a := p.Attachments[0]
			if a.Err != nil || a.Office != tc.office || !bytes.Equal(a.Data, tc.att.Data) {
				t.Fatalf("office %v err %v", a.Office, a.Err)
			}
			var names []string
			for _, e := range a.Entries {
				names = append(names, e.Name)
				if e.Office != (e.Name == tc.officeEntry) {
					t.Errorf("entry %q Office = %v", e.Name, e.Office)
				}
			}
			if strings.Join(names, ",") != strings.Join(tc.entries, ",") {
				t.Errorf("entries %q, want %q", names, tc.entries)
			}
		})
	}
}

func TestMisplacedAttachments(t *testing.T) {
	t.Parallel()
	pdf := b64("%PDF-1.7 x")
	raw := `<?xml version="1.0" encoding="UTF-8"?>
<edXML xmlns="` + Namespace + `">
 <edXMLEnvelope>
  <edXMLHeader><MessageHeader><Subject>S</Subject></MessageHeader></edXMLHeader>
  <edXMLBody>
   <edXMLManifest><Reference><ContentId>cid:1</ContentId></Reference><Reference><ContentId>cid:9</ContentId><AttachmentName>lost.pdf</AttachmentName></Reference></edXMLManifest>
   <AttachmentEncoded><Attachment><ContentId>cid:1</ContentId><AttachmentName>in-body.pdf</AttachmentName><ContentTransferEncoded>` + pdf + `</ContentTransferEncoded></Attachment></AttachmentEncoded>
  </edXMLBody>
 </edXMLEnvelope>
 <AttachmentEncoded>
  <Attachment><ContentId>cid:2</ContentId><AttachmentName>bare.pdf</AttachmentName>` + pdf + `</Attachment>
  <Attachment><ContentId>cid:3</ContentId><AttachmentName>deep.pdf</AttachmentName><Content><ContentTransferEncoded>` + pdf + `</ContentTransferEncoded></Content></Attachment>
  <Attachment><ContentId>cid:4</ContentId><AttachmentName>nothing.pdf</AttachmentName></Attachment>
 </AttachmentEncoded>
</edXML>`
	p, err := Parse([]byte(raw), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Attachments) != 4 {
		t.Fatalf("%d attachments", len(p.Attachments))
	}
	for i, a := range p.Attachments[:3] {
		if a.Err != nil || string(a.Data) != "%PDF-1.7 x" {
			t.Errorf("attachment %d (%s): %q %v", i+1, a.Name, a.Data, a.Err)
		}
	}
	if !p.Attachments[0].Misplaced || p.Attachments[1].Misplaced {
		t.Errorf("misplaced flags: %v %v", p.Attachments[0].Misplaced, p.Attachments[1].Misplaced)
	}
	if a := p.Attachments[3]; !errors.Is(a.Err, ErrMalformed) || !strings.Contains(a.Err.Error(), "no ContentTransferEncoded") {
		t.Errorf("empty attachment: %v", a.Err)
	}
	joined := strings.Join(p.Warnings, "\n")
	for _, w := range []string{"edXML > edXMLEnvelope > edXMLBody > AttachmentEncoded > Attachment, outside root > AttachmentEncoded",
		"directly in Attachment", "found at edXML > AttachmentEncoded > Attachment > Content > ContentTransferEncoded",
		`cid:9 ("lost.pdf") has no attachment`} {
		if !strings.Contains(joined, w) {
			t.Errorf("no warning %q in\n%s", w, joined)
		}
	}
}

func utf16Bytes(s string, order binary.AppendByteOrder, bom bool) []byte {
	var out []byte
	u := utf16.Encode([]rune(s))
	if bom {
		u = append([]uint16{0xFEFF}, u...)
	}
	for _, c := range u {
		out = order.AppendUint16(out, c)
	}
	return out
}

func TestUTF16AndLeadingBytes(t *testing.T) {
	t.Parallel()
	utf8 := string(official(t, "jdk17_status_acceptance_03.edxml"))
	as16 := strings.Replace(utf8, `encoding="UTF-8"`, `encoding="UTF-16"`, 1)
	want, err := ParseStatus([]byte(utf8), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	for name, raw := range map[string][]byte{
		"LE with BOM":    utf16Bytes(as16, binary.LittleEndian, true),
		"BE with BOM":    utf16Bytes(as16, binary.BigEndian, true),
		"BE without BOM": utf16Bytes(as16, binary.BigEndian, false),
		"LE without BOM": utf16Bytes(as16, binary.LittleEndian, false),
	} {
		got, err := ParseStatus(raw, Limits{})
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if got.Description != want.Description || got.From != want.From || len(got.Warnings) != 1 {
			t.Errorf("%s: %+v", name, got)
		}
	}
	if _, err := ParseStatus(append([]byte{0xFF, 0xFE}, "<\x00a"...), Limits{}); !errors.Is(err, ErrMalformed) {
		t.Errorf("odd UTF-16: %v", err)
	}
	if _, err := ParseStatus([]byte("\xEF\xBB\xBF"+utf8), Limits{}); err != nil {
		t.Errorf("UTF-8 BOM: %v", err)
	}
	for _, lead := range []string{"1212", "\n", " "} {
		if _, err := Read([]byte(lead+utf8), Limits{}); !errors.Is(err, ErrLeadingBytes) {
			t.Errorf("%q before <?xml: %v", lead, err)
		}
	}
}

func TestBuildContentTypes(t *testing.T) {
	t.Parallel()
	xlsx := officeFile(t, false)
	tests := []struct {
		att  Attachment
		want string // "" for ErrContentType
	}{
		{Attachment{Name: "a.pdf"}, "application/pdf"},
		{Attachment{Name: "bang.xlsx", Data: xlsx}, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
		{Attachment{Name: "x.bin"}, "application/octet-stream"},
		{Attachment{Name: "a.zip", ContentType: "application/zip", Data: makeZip(t, [2]string{"a", "b"})}, "application/zip"},
		{Attachment{Name: "a.doc", ContentType: "application/zip", Data: makeZip(t, [2]string{"a.doc", "b"})}, "application/zip"},
		{Attachment{Name: "bang.xlsx", ContentType: "application/zip", Data: xlsx}, ""},
		{Attachment{Name: "a.pdf", ContentType: "application/zip", Data: []byte("%PDF")}, ""},
	}
	for _, tc := range tests {
		tc.att.ContentID = "x"
		raw, err := Build(Package{Attachments: []Attachment{tc.att}})
		if tc.want == "" {
			if !errors.Is(err, ErrContentType) {
				t.Errorf("%s as %s: err = %v, want ErrContentType", tc.att.Name, tc.att.ContentType, err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", tc.att.Name, err)
		}
		p, err := Parse(raw, Limits{})
		if err != nil || p.Attachments[0].ContentType != tc.want {
			t.Errorf("%s: %v %q, want %q", tc.att.Name, err, p.Attachments[0].ContentType, tc.want)
		}
		for _, s := range []string{"<edXML:ContentId>cid:x</edXML:ContentId>", "<ContentId>cid:x</ContentId>",
			`<edXML:edXMLManifest version="1.0">`, "<edXML:PageAmount>0</edXML:PageAmount>",
			"<edXML:PromulgationAmount>0</edXML:PromulgationAmount>", "<edXML:SteeringType>0</edXML:SteeringType>"} {
			if !bytes.Contains(raw, []byte(s)) {
				t.Errorf("no %s in\n%s", s, raw)
			}
		}
	}
}

func TestIsStatus(t *testing.T) {
	t.Parallel()
	for name := range officialStatuses {
		if !IsStatus(official(t, name)) {
			t.Errorf("%s: not a status", name)
		}
	}
	legacy := []byte(`<Status><StatusCode>42</StatusCode></Status>`) // a status, if a bad one
	if !IsStatus(legacy) {
		t.Error("legacy layout with an unknown code")
	}
	for _, raw := range [][]byte{official(t, "jdk17_edoc_new.edxml"), official(t, "res_edoc.edxml"), official(t, "res_edoc_new.edxml"),
		[]byte("<html/>"), []byte("not xml"), []byte(`<!DOCTYPE x><Status><StatusCode>01</StatusCode></Status>`),
		append(official(t, "jdk17_status.edxml"), bytes.Repeat([]byte("\n"), maxStatusBytes)...)} {
		if IsStatus(raw) {
			t.Errorf("IsStatus(%.40q) = true", raw)
		}
	}
}

func TestZipRatio(t *testing.T) {
	t.Parallel()
	raw := withAttachments(t, Attachment{ContentID: "z", Name: "zeros.zip", Data: bombZip(t, 2<<20, 2<<20)}) // honest size, ~1000:1
	p, err := Parse(raw, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if a := p.Attachments[0]; !errors.Is(a.Err, ErrZipBomb) || !strings.Contains(a.Err.Error(), "times, limit 200") {
		t.Fatalf("err = %v", a.Err)
	}
	if p, err = Parse(raw, Limits{MaxZipRatio: 5000}); err != nil || p.Attachments[0].Err != nil || len(p.Attachments[0].Entries[0].Data) != 2<<20 {
		t.Fatalf("with a higher ratio cap: %v", err)
	}
}
