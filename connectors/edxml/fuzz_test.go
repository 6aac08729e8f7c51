package edxml

import (
	"crypto/rand"
	"errors"
	"fmt"
	"reflect"
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
	f.Fuzz(func(t *testing.T, raw []byte) {
		st, err := ParseStatus(raw, Limits{})
		if err != nil {
			return
		}
		if !st.Code.Valid() {
			t.Fatalf("accepted code %q", st.Code)
		}
		if _, err := BuildStatus(*st); err != nil {
			t.Fatalf("BuildStatus of a parsed status: %v", err)
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
