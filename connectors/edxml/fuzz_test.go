package edxml

import (
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"cddh-sync/connectors"
)

func addPackageSeeds(f *testing.F) {
	f.Add(mustBuild(f, samplePackage(f)))
	f.Add(mustBuild(f, Package{From: Organization{OrganID: "000.00.00.H20"}, Subject: "Về việc báo cáo kết quả thực hiện Thông báo số 45/TB-UBND ngày 10/3/2026"}))
	for _, v := range []struct{ prefix, xmlns, sig string }{
		{"edXML:", `xmlns:edXML="` + Namespace + `"`, `<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"/>`},
		{"", `xmlns="` + Namespace + `"`, `<Signature/>`},
		{"", "", ""},
	} {
		f.Add([]byte(fmt.Sprintf(variantTemplate, v.prefix, v.xmlns, v.sig, b64("%PDF"))))
	}
	f.Add([]byte(`<!DOCTYPE x [<!ENTITY a "b">]><edXMLEnvelope>&a;</edXMLEnvelope>`))
	// Small official samples (large seeds make the fuzzer spend its time minimising),
	// one with bytes before <?xml, and a UTF-16 one.
	for _, name := range []string{"jdk17_status.edxml", "jdk17_status_cancellation_13.edxml"} {
		f.Add(official(f, name))
	}
	f.Add([]byte("1212" + string(official(f, "jdk17_status.edxml"))))
	f.Add(utf16Bytes(strings.Replace(string(official(f, "jdk17_status_finish_06.edxml")), "UTF-8", "UTF-16", 1), binary.LittleEndian, true))
	// Attachments: a zip in a zip, an office file, a wrapper, bad base64, misplaced.
	xlsx := officeFile(f, false)
	f.Add(withAttachments(f, Attachment{ContentID: "z", Name: "ho-so.zip",
		Data: makeZip(f, [2]string{"inner.zip", string(makeZip(f, [2]string{"a.pdf", "%PDF"}))}, [2]string{"b.xlsx", string(xlsx)})},
		Attachment{ContentID: "x", Name: "bang.xlsx", ContentType: "application/zip", Data: makeZip(f, [2]string{"bang.xlsx", string(xlsx)})}))
	f.Add([]byte(`<edXML><edXMLEnvelope><edXMLHeader><MessageHeader/></edXMLHeader><edXMLBody><AttachmentEncoded><Attachment><ContentId>cid:1</ContentId>QUJD</Attachment></AttachmentEncoded></edXMLBody></edXMLEnvelope><AttachmentEncoded><Attachment><ContentTransferEncoded>!!</ContentTransferEncoded></Attachment></AttachmentEncoded></edXML>`))
	f.Add([]byte(`<edXMLEnvelope><edXMLHeader><MessageHeader><DueDate>31/12/2026</DueDate></MessageHeader></edXMLHeader></edXMLEnvelope>`))
}

// FuzzParse: Parse never panics, and whatever it accepts survives Build and Parse
// unchanged.
func FuzzParse(f *testing.F) {
	addPackageSeeds(f)
	f.Fuzz(func(t *testing.T, raw []byte) {
		p, err := Parse(raw, Limits{MaxUnzippedBytes: 1 << 20})
		if err != nil {
			return
		}
		want := *p
		want.Raw, want.HasSignature, want.SignatureNamespace, want.Warnings = nil, false, "", nil
		if want.Other.Priority > PriorityFlashTimed {
			t.Fatalf("accepted priority %d", want.Other.Priority)
		}
		// Refused attachments are not written again; the others come back with the
		// content type Build writes and as properly placed.
		want.Attachments = nil
		for _, a := range p.Attachments {
			if a.Err != nil {
				if a.Entries != nil || a.Office {
					t.Fatalf("refused attachment keeps derived fields: %+v", a)
				}
				continue
			}
			ct, err := contentType(a)
			if err != nil {
				if !errors.Is(err, ErrContentType) {
					t.Fatalf("contentType: %v", err)
				}
				return // Build refuses what an official receiver would misread
			}
			a.ContentType, a.Misplaced = ct, false
			want.Attachments = append(want.Attachments, a)
		}
		again, err := Build(want)
		if err != nil {
			t.Fatalf("Build of a parsed package: %v", err)
		}
		got, err := Parse(again, Limits{MaxUnzippedBytes: 1 << 20})
		if err != nil {
			t.Fatalf("re-Parse: %v\n%s", err, again)
		}
		got.Raw, got.Warnings = nil, nil
		if !reflect.DeepEqual(*got, want) {
			t.Fatalf("round trip differs:\n got %+v\nwant %+v", *got, want)
		}
	})
}

// FuzzParseStatus: ParseStatus never panics and only returns known codes.
func FuzzParseStatus(f *testing.F) {
	s, err := BuildStatus(Status{Code: StatusAccepted, Description: "Đã tiếp nhận",
		ResponseFor: ResponseFor{Code: "45/TB-UBND", PromulgationDate: day(2026, 3, 10)},
		Timestamp:   time.Date(2026, 3, 21, 9, 0, 0, 0, connectors.Zone)})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(s)
	f.Add([]byte(`<Status xmlns="` + Namespace + `"><StatusCode>13</StatusCode><Description>Đề nghị lấy lại văn bản</Description></Status>`))
	f.Add([]byte(`<!DOCTYPE s><Status/>`))
	for name := range officialStatuses {
		f.Add(official(f, name))
	}
	f.Add(official(f, "jdk17_edoc_update.edxml")[:3000]) // a package cut short
	f.Fuzz(func(t *testing.T, raw []byte) {
		st, err := ParseStatus(raw, Limits{})
		if err != nil {
			return
		}
		if !st.Code.Valid() {
			t.Fatalf("accepted code %q", st.Code)
		}
		if !IsStatus(raw) && len(raw) <= maxStatusBytes {
			t.Fatal("ParseStatus accepted what IsStatus denies")
		}
		if _, err := Parse(raw, Limits{}); !errors.Is(err, ErrStatusMessage) {
			t.Fatalf("Parse of an accepted status message: %v", err)
		}
		// What BuildStatus writes reads back to the same status.
		again, err := BuildStatus(*st)
		if err != nil {
			t.Fatalf("BuildStatus of a parsed status: %v", err)
		}
		got, err := ParseStatus(again, Limits{})
		if err != nil {
			t.Fatalf("re-ParseStatus: %v\n%s", err, again)
		}
		want := *st
		want.Warnings, got.Warnings = nil, nil
		if !reflect.DeepEqual(*got, want) {
			t.Fatalf("status round trip differs:\n got %+v\nwant %+v", *got, want)
		}
	})
}

// FuzzRead: Read never panics; a package it returns is what Parse returns, a status
// what ParseStatus returns; an attachment it could not read carries a reason and no
// derived content; every zip entry is a safe relative name at most two zips deep.
func FuzzRead(f *testing.F) {
	addPackageSeeds(f)
	f.Fuzz(func(t *testing.T, raw []byte) {
		l := Limits{MaxUnzippedBytes: 1 << 20, MaxZipEntries: 50}
		m, err := Read(raw, l)
		if err != nil {
			return
		}
		switch m.Kind {
		case KindStatus:
			if m.Status == nil || m.Package != nil {
				t.Fatal("status kind without a status")
			}
			if _, err := ParseStatus(raw, l); err != nil {
				t.Fatalf("Read accepted a status ParseStatus refuses: %v", err)
			}
		case KindPackage:
			if m.Package == nil || m.Status != nil {
				t.Fatal("package kind without a package")
			}
			p, err := Parse(raw, l)
			if err != nil {
				t.Fatalf("Read accepted a package Parse refuses: %v", err)
			}
			if len(p.Attachments) != len(m.Package.Attachments) {
				t.Fatal("Read and Parse disagree on the attachments")
			}
			for _, a := range p.Attachments {
				if a.Err != nil && (a.Entries != nil || a.Office) {
					t.Fatalf("refused attachment with content: %+v", a)
				}
				if a.Office && a.Entries != nil {
					t.Fatal("an office file was unpacked")
				}
				for _, e := range a.Entries {
					if strings.HasPrefix(e.Name, "/") || strings.Contains("/"+e.Name+"/", "/../") {
						t.Fatalf("entry name %q", e.Name)
					}
				}
			}
		default:
			t.Fatalf("kind %q", m.Kind)
		}
	})
}

// BenchmarkParse parses a typical package of about 200 KB: the header and a 150 KB
// signed PDF in base64.
func BenchmarkParse(b *testing.B) {
	p := samplePackage(b)
	pdf := make([]byte, 150<<10)
	if _, err := rand.Read(pdf); err != nil {
		b.Fatal(err)
	}
	p.Attachments[0].Data = pdf
	raw := mustBuild(b, p)
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(raw, Limits{}); err != nil {
			b.Fatal(err)
		}
	}
}
