package edxml

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"strings"
	"testing"
	"time"

	"cddh-sync/connectors"
)

// officialBuilderPackage reproduces, element for element, the layout that the official
// EdXmlBuilder (EdXML102-0.0.3) wrote in the hand check of docs/edxml-interop.md, with
// our own data: Bussiness before TraceHeader in TraceHeaderList; every manifest
// Reference typed application/zip whatever the file, while each Attachment carries
// its own type (application/pdf, application/docx, application/doc, application/zip);
// pdf, doc and docx sent as they are; an .xlsx and a .txt wrapped in a zip whose one
// entry is named by a UUID; a .zip sent as it is (not wrapped again).
func officialBuilderPackage(t testing.TB, pdf, xlsxWrap, zipped, txtWrap, docx, doc []byte) []byte {
	t.Helper()
	ref := func(n int, name string) string {
		return fmt.Sprintf(`        <edXML:Reference>
          <edXML:ContentId>cid:c%d</edXML:ContentId>
          <edXML:ContentType>application/zip</edXML:ContentType>
          <edXML:Description>Tệp %s</edXML:Description>
          <edXML:AttachmentName>%s</edXML:AttachmentName>
        </edXML:Reference>
`, n, name, name)
	}
	att := func(n int, name, ct string, data []byte) string {
		return fmt.Sprintf(`    <Attachment>
      <ContentId>cid:c%d</ContentId>
      <AttachmentName>%s</AttachmentName>
      <Description>Tệp %s</Description>
      <ContentType>%s</ContentType>
      <edXML:ContentTransferEncoded xmlns:edXML="%s">%s</edXML:ContentTransferEncoded>
    </Attachment>
`, n, name, name, ct, Namespace, base64.StdEncoding.EncodeToString(data))
	}
	files := []struct {
		name, ct string
		data     []byte
	}{
		{"van-ban.pdf", "application/pdf", pdf},
		{"bang-phan-cong.xlsx", "application/zip", xlsxWrap},
		{"phu-luc.zip", "application/zip", zipped},
		{"ghi-chu.txt", "application/zip", txtWrap},
		{"bao-cao-co-bieu-do.docx", "application/docx", docx},
		{"cu.doc", "application/doc", doc},
	}
	var refs, atts strings.Builder
	for i, f := range files {
		refs.WriteString(ref(i+1, f.name))
		atts.WriteString(att(i+1, f.name, f.ct, f.data))
	}
	org := func(tag, id, name string) string {
		return fmt.Sprintf(`        <edXML:%[1]s>
          <edXML:OrganId>%[2]s</edXML:OrganId>
          <edXML:OrganizationInCharge>%[3]s</edXML:OrganizationInCharge>
          <edXML:OrganName>%[3]s</edXML:OrganName>
          <edXML:OrganAdd>Địa chỉ %[3]s</edXML:OrganAdd>
          <edXML:Email>a@b.vn</edXML:Email>
          <edXML:Telephone>0123</edXML:Telephone>
          <edXML:Fax>0456</edXML:Fax>
          <edXML:Website>web.vn</edXML:Website>
        </edXML:%[1]s>
`, tag, id, name)
	}
	return []byte(`<?xml version="1.0" encoding="UTF-8"?>
<edXML xmlns="` + Namespace + `">
  <edXML:edXMLEnvelope xmlns:edXML="` + Namespace + `">
    <edXML:edXMLHeader>
      <edXML:MessageHeader>
` + org("From", "000.00.00.G22", "Văn phòng Chính phủ") + org("To", "000.00.00.H20", "UBND Tỉnh Đồng Tháp") + `        <edXML:DocumentId>000.00.00.G22,2026/03/10,7816/VPCP-TTĐT</edXML:DocumentId>
        <edXML:Code>
          <edXML:CodeNumber>7816</edXML:CodeNumber>
          <edXML:CodeNotation>VPCP-TTĐT</edXML:CodeNotation>
        </edXML:Code>
        <edXML:PromulgationInfo>
          <edXML:Place>Hà Nội</edXML:Place>
          <edXML:PromulgationDate>2026/03/10</edXML:PromulgationDate>
        </edXML:PromulgationInfo>
        <edXML:DocumentType>
          <edXML:Type>1</edXML:Type>
          <edXML:TypeDetail>0</edXML:TypeDetail>
          <edXML:TypeName>Công văn</edXML:TypeName>
        </edXML:DocumentType>
        <edXML:Subject>V/v kết nối, liên thông</edXML:Subject>
        <edXML:Content>Nội dung chỉ đạo</edXML:Content>
        <edXML:SignerInfo>
          <edXML:Competence>TL. BỘ TRƯỞNG</edXML:Competence>
          <edXML:Position>Cục trưởng</edXML:Position>
          <edXML:FullName>Nguyễn Thành Phúc</edXML:FullName>
        </edXML:SignerInfo>
        <edXML:DueDate>2026/03/25</edXML:DueDate>
        <edXML:OtherInfo>
          <edXML:Priority>2</edXML:Priority>
          <edXML:SphereOfPromulgation>Liên thông văn bản quốc gia</edXML:SphereOfPromulgation>
          <edXML:TyperNotation>TVC</edXML:TyperNotation>
          <edXML:PromulgationAmount>3</edXML:PromulgationAmount>
          <edXML:PageAmount>7</edXML:PageAmount>
          <edXML:Direction>false</edXML:Direction>
          <edXML:Appendixes>
            <edXML:Appendix>Phụ lục I</edXML:Appendix>
          </edXML:Appendixes>
        </edXML:OtherInfo>
        <edXML:ResponseFor>
          <edXML:OrganId>000.00.00.H20</edXML:OrganId>
          <edXML:Code>12/BC-UBND</edXML:Code>
          <edXML:DocumentId>000.00.00.H20,2026/02/28,12/BC-UBND</edXML:DocumentId>
          <edXML:PromulgationDate>2026/02/28</edXML:PromulgationDate>
        </edXML:ResponseFor>
        <edXML:SteeringType>1</edXML:SteeringType>
        <edXML:ToPlaces>
          <edXML:Place>Các bộ</edXML:Place>
          <edXML:Place>UBND các tỉnh</edXML:Place>
        </edXML:ToPlaces>
      </edXML:MessageHeader>
      <edXML:TraceHeaderList>
        <edXML:Bussiness>
          <edXML:DocumentId>000.00.00.G22,2026/03/10,7816/VPCP-TTĐT</edXML:DocumentId>
          <edXML:BussinessDocType>0</edXML:BussinessDocType>
          <edXML:BussinessDocReason>Văn bản điện tử mới</edXML:BussinessDocReason>
          <edXML:Paper>1</edXML:Paper>
          <edXML:StaffInfo>
            <edXML:Department>Văn thư</edXML:Department>
            <edXML:Staff>Nguyễn Thị Ngọc Trâm</edXML:Staff>
            <edXML:Email>vt@gov.vn</edXML:Email>
            <edXML:Mobile>84912000001</edXML:Mobile>
          </edXML:StaffInfo>
        </edXML:Bussiness>
        <edXML:TraceHeader>
          <edXML:OrganId>000.00.00.G22</edXML:OrganId>
          <edXML:Timestamp>2026/03/10 15:04:05</edXML:Timestamp>
        </edXML:TraceHeader>
      </edXML:TraceHeaderList>
    </edXML:edXMLHeader>
    <edXML:edXMLBody>
      <edXML:edXMLManifest version="1.0">
` + refs.String() + `      </edXML:edXMLManifest>
    </edXML:edXMLBody>
  </edXML:edXMLEnvelope>
  <AttachmentEncoded>
` + atts.String() + `  </AttachmentEncoded>
</edXML>
`)
}

// TestOfficialBuilderLayout: a package in the layout the official EdXmlBuilder writes
// is read as the official EdXmlParser read it in the hand check (docs/edxml-interop.md,
// check C): the same header fields, Paper 1, PromulgationAmount 3, PageAmount 7,
// SteeringType 1, each attachment's type taken from the Attachment (not from the
// manifest, which says application/zip for all), and after unwrapping the bytes the
// sender put in: the xlsx and txt out of their one-entry wrappers, the xlsx and docx
// kept whole as office files, the sender's zip unpacked one level.
func TestOfficialBuilderLayout(t *testing.T) {
	t.Parallel()
	pdf := []byte("%PDF-1.7\n% van ban ky so\n%%EOF\n")
	xlsx := officeFile(t, false)
	docx := officeFile(t, false)
	doc := []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 old word doc")
	txt := "Ghi chú: giao Sở Tài chính báo cáo."
	zipped := makeZip(t, [2]string{"phu-luc/bang-phan-cong.xlsx", string(xlsx)}, [2]string{"phu-luc/ghi-chu.txt", "ghi chú phụ lục"})
	raw := officialBuilderPackage(t, pdf,
		makeZip(t, [2]string{"ecaeb0fe-423f-4458-868b-a0c530c9bd74.xlsx", string(xlsx)}),
		zipped,
		makeZip(t, [2]string{"77f824b5-534b-4b27-b942-451903ca240e.txt", txt}),
		docx, doc)
	p, err := Parse(raw, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	z := connectors.Zone
	if p.From.OrganID != "000.00.00.G22" || p.From.Fax != "0456" || p.From.Website != "web.vn" || len(p.To) != 1 || p.To[0].OrganID != "000.00.00.H20" ||
		p.DocumentID != "000.00.00.G22,2026/03/10,7816/VPCP-TTĐT" || p.Code != (Code{"7816", "VPCP-TTĐT"}) ||
		!p.Promulgation.Date.Equal(day(2026, 3, 10)) || p.DocumentType != (DocumentType{"1", "0", "Công văn"}) ||
		p.Signer != (Signer{"TL. BỘ TRƯỞNG", "Cục trưởng", "Nguyễn Thành Phúc"}) || !p.DueDate.Equal(day(2026, 3, 25)) ||
		p.Steering != SteeringDirective || strings.Join(p.ToPlaces, "|") != "Các bộ|UBND các tỉnh" {
		t.Errorf("header: %+v", p)
	}
	if o := p.Other; o.Priority != PriorityVeryUrgent || o.PromulgationAmount != 3 || o.PageAmount != 7 || o.Direction != "false" ||
		strings.Join(o.Appendixes, "|") != "Phụ lục I" {
		t.Errorf("OtherInfo: %+v", o)
	}
	if len(p.ResponseFor) != 1 || p.ResponseFor[0] != (ResponseFor{"000.00.00.H20", "12/BC-UBND", day(2026, 2, 28), "000.00.00.H20,2026/02/28,12/BC-UBND"}) {
		t.Errorf("ResponseFor: %+v", p.ResponseFor)
	}
	if len(p.Traces) != 1 || p.Traces[0] != (Trace{"000.00.00.G22", time.Date(2026, 3, 10, 15, 4, 5, 0, z)}) {
		t.Errorf("traces (after Bussiness in the list): %+v", p.Traces)
	}
	if b := p.Business; b == nil || b.DocType != BusinessNew || b.Paper != 1 || b.Reason != "Văn bản điện tử mới" ||
		b.Staff != (StaffInfo{Department: "Văn thư", Staff: "Nguyễn Thị Ngọc Trâm", Mobile: "84912000001", Email: "vt@gov.vn"}) {
		t.Errorf("Bussiness: %+v", p.Business)
	}
	if p.HasSignature || len(p.Warnings) != 0 {
		t.Errorf("signature %v, warnings %q", p.HasSignature, p.Warnings)
	}
	// What the official parser handed over, per attachment: its type and the bytes
	// after unwrapping a one-entry wrapper (application/zip on a name not .zip).
	want := []struct {
		id, name, ct string
		data         []byte
		office       bool
		entries      int
	}{
		{"c1", "van-ban.pdf", "application/pdf", pdf, false, 0},
		{"c2", "bang-phan-cong.xlsx", "application/zip", xlsx, false, 1},
		{"c3", "phu-luc.zip", "application/zip", zipped, false, 2},
		{"c4", "ghi-chu.txt", "application/zip", []byte(txt), false, 1},
		{"c5", "bao-cao-co-bieu-do.docx", "application/docx", docx, true, 0},
		{"c6", "cu.doc", "application/doc", doc, false, 0},
	}
	if len(p.Attachments) != len(want) {
		t.Fatalf("%d attachments, want %d", len(p.Attachments), len(want))
	}
	for i, w := range want {
		a := p.Attachments[i]
		got := a.Data
		if w.entries == 1 {
			got = a.Entries[0].Data
		}
		if a.ContentID != w.id || a.Name != w.name || a.ContentType != w.ct || a.Description != "Tệp "+w.name ||
			a.Office != w.office || len(a.Entries) != w.entries || a.Err != nil || a.Misplaced || !bytes.Equal(got, w.data) {
			t.Errorf("attachment %d: %s %s %s office %v, %d entries, err %v", i+1, a.ContentID, a.Name, a.ContentType, a.Office, len(a.Entries), a.Err)
		}
	}
	if e := p.Attachments[1].Entries[0]; !e.Office {
		t.Errorf("the wrapped xlsx is not kept whole as an office file: %+v", e.Name)
	}
	if e := p.Attachments[2].Entries[0]; e.Name != "phu-luc/bang-phan-cong.xlsx" || !e.Office {
		t.Errorf("the xlsx in the sender's zip: %q office %v", e.Name, e.Office)
	}
}

// TestSteeringTypeCodes: SteeringType as docs/edxml-interop.md establishes it. The
// official library defines no codes (MessageHeader.steeringType is a bare int); its
// example sets 1 on every directing document, and the official "Văn bản liên thông
// chỉ đạo" package (res_edoc.edxml) carries 1. The report on a directive (TypeName
// "Báo cáo") carries 2 in the same repository's gateway sample; 0, or no element, is
// an ordinary document.
func TestSteeringTypeCodes(t *testing.T) {
	t.Parallel()
	if SteeringNone != 0 || SteeringDirective != 1 || SteeringReport != 2 {
		t.Fatalf("codes %d %d %d, want 0 1 2", SteeringNone, SteeringDirective, SteeringReport)
	}
	p, err := Parse(official(t, "res_edoc.edxml"), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(p.Subject, "Văn bản liên thông chỉ đạo") || p.Steering != SteeringDirective {
		t.Errorf("res_edoc.edxml: %q steering %d, want the directive (1)", p.Subject, p.Steering)
	}
	base := string(officialBuilderPackage(t, []byte("%PDF"), nil, nil, nil, nil, nil))
	for _, c := range []struct {
		name, from, to string
		want           SteeringType
	}{
		{"directive", "", "", SteeringDirective},
		{"report", "<edXML:SteeringType>1<", "<edXML:SteeringType>2<", SteeringReport},
		{"ordinary", "<edXML:SteeringType>1<", "<edXML:SteeringType>0<", SteeringNone},
		{"absent", "<edXML:SteeringType>1</edXML:SteeringType>", "", SteeringNone},
	} {
		raw := strings.Replace(base, c.from, c.to, 1)
		if c.from != "" && raw == base {
			t.Fatalf("%s: fixture has no %q", c.name, c.from)
		}
		p, err := Parse([]byte(raw), Limits{})
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if p.Steering != c.want {
			t.Errorf("%s: steering %d, want %d", c.name, p.Steering, c.want)
		}
		// Build writes the code back as a number, always present.
		p.Attachments = nil
		if b := mustBuild(t, *p); !bytes.Contains(b, fmt.Appendf(nil, "<edXML:SteeringType>%d</edXML:SteeringType>", c.want)) {
			t.Errorf("%s: built package lacks SteeringType %d", c.name, c.want)
		}
	}
}
