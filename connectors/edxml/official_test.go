package edxml

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"cddh-sync/connectors"
)

// The official samples (testdata/official, see its README) are the ground truth.

func official(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "official", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

var officialStatuses = map[string]StatusCode{
	"jdk17_status.edxml":                      StatusArrived,
	"jdk17_status_inbox__01.edxml":            StatusArrived,
	"jdk17_status_rejection_02.edxml":         StatusRefused,
	"jdk17_status_acceptance_03.edxml":        StatusAccepted,
	"jdk17_status_assignment_04.edxml":        StatusAssigned,
	"jdk17_status_processing_05.edxml":        StatusInProgress,
	"jdk17_status_finish_06.edxml":            StatusDone,
	"jdk17_status_cancellation_13.edxml":      StatusRecallRequest,
	"jdk17_status_change-acceptance_15.edxml": StatusRecallAgreed,
	"jdk17_status_change-rejection_16.edxml":  StatusRecallRefused,
}

func TestOfficialStatuses(t *testing.T) {
	t.Parallel()
	files, _ := filepath.Glob(filepath.Join("testdata", "official", "*status*.edxml"))
	if len(files) != len(officialStatuses) {
		t.Fatalf("%d status samples, want %d", len(files), len(officialStatuses))
	}
	for name, code := range officialStatuses {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			raw := official(t, name)
			m, err := Read(raw, Limits{})
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			if m.Kind != KindStatus || m.Status == nil || m.Package != nil {
				t.Fatalf("Read kind %q", m.Kind)
			}
			s := m.Status
			if s.Code != code {
				t.Errorf("code %s, want %s", s.Code, code)
			}
			// 13 (the sender recalls) comes from the sender, the others from the receiver.
			from, to := "000.00.00.H41", "000.00.00.G22"
			if code == StatusRecallRequest {
				from, to = to, from
			}
			if s.From.OrganID != from || s.From.OrganName == "" ||
				s.ResponseFor.OrganID != to || s.ResponseFor.Code != "7816/VPCP-TTĐT" ||
				s.ResponseFor.DocumentID != "000.00.00.G22,2015/09/30,7816/VPCP-TTĐT" ||
				s.Description == "" || s.Timestamp.IsZero() || s.Staff.Staff == "" || len(s.Warnings) != 0 {
				t.Errorf("fields: %+v", s)
			}
			// Never read as an (empty) package.
			if _, err := Parse(raw, Limits{}); !errors.Is(err, ErrStatusMessage) {
				t.Errorf("Parse of a status message: %v, want ErrStatusMessage", err)
			}
			// What BuildStatus writes from it carries every element and value of the
			// sample, at the same paths in the same namespace.
			built, err := BuildStatus(*s)
			if err != nil {
				t.Fatal(err)
			}
			want, got := leaves(t, raw), leaves(t, built)
			slices.Sort(want)
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Errorf("built status differs from the sample:\n got %q\nwant %q", got, want)
			}
		})
	}
	t.Run("fields of jdk17_status.edxml", func(t *testing.T) {
		s, err := ParseStatus(official(t, "jdk17_status.edxml"), Limits{})
		if err != nil {
			t.Fatal(err)
		}
		want := Status{
			From: Organization{OrganID: "000.00.00.H41", OrganizationInCharge: "UBND Tỉnh Nghệ An", OrganName: "UBND Tỉnh Nghệ An",
				OrganAdd: "Số 03, đường Trường Thi, Thành phố Vinh, Tỉnh Nghệ An, Việt Nam", Email: "nghean@gov.vn",
				Telephone: "0383 840418", Fax: "0383 843049", Website: "www.nghean.vn"},
			ResponseFor: ResponseFor{OrganID: "000.00.00.G22", Code: "7816/VPCP-TTĐT", PromulgationDate: day(2018, 9, 28),
				DocumentID: "000.00.00.G22,2015/09/30,7816/VPCP-TTĐT"},
			Staff:       StaffInfo{Department: "Văn thư văn phòng", Staff: "Nguyễn Thị Ngọc Trâm", Email: "vanthuvanphong@gov.vn", Mobile: "84912000001"},
			Code:        StatusArrived,
			Description: "Văn thư - Phòng Văn thư - Lưu trữ: Đã đến - Phần mềm QLVB đã nhận nhưng văn thư chưa xử lý",
			Timestamp:   time.Date(2018, 9, 28, 17, 25, 11, 0, connectors.Zone),
		}
		if !reflect.DeepEqual(*s, want) {
			t.Errorf("got %+v\nwant %+v", *s, want)
		}
	})
}

// TestBuildStatusLayout: the status message the codec builds has the element order
// and namespaces of the one the official library built (jdk17_status.edxml), element
// for element.
func TestBuildStatusLayout(t *testing.T) {
	t.Parallel()
	raw := official(t, "jdk17_status.edxml")
	s, err := ParseStatus(raw, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	built, err := BuildStatus(*s)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := skeleton(t, built), skeleton(t, raw); !slices.Equal(got, want) {
		t.Errorf("layout differs:\n got %q\nwant %q\n%s", got, want, built)
	}
}

// TestOfficialPackages: the three official packages, field by field.
func TestOfficialPackages(t *testing.T) {
	t.Parallel()
	t.Run("jdk17_edoc_new", func(t *testing.T) {
		t.Parallel()
		p, err := Parse(official(t, "jdk17_edoc_new.edxml"), Limits{})
		if err != nil {
			t.Fatal(err)
		}
		if p.From.OrganID != "000.00.00.A80" || len(p.To) != 1 || p.To[0].OrganID != "28.22.H17" ||
			p.Code != (Code{"74fass22", "VPCP-TTĐT"}) || p.DocumentType != (DocumentType{"1", "0", "Công văn"}) ||
			!p.Promulgation.Date.Equal(day(2019, 1, 16)) || p.Other.PromulgationAmount != 2 || p.Other.PageAmount != 22 ||
			p.Other.Direction != "false" || p.Steering != SteeringDirective || len(p.ToPlaces) != 2 ||
			p.DocumentID != "000.00.00.G22,2015/09/30,7816/VPCP-TTĐT" {
			t.Errorf("header: %+v", p)
		}
		if b := p.Business; b == nil || b.DocType != BusinessNew || b.Paper != 0 ||
			b.DocumentID != "000.00.00.G22,2014/02/30,7806/VPCP-TTĐT" || b.Staff.Staff != "Nguyễn Thị Ngọc Trâm" {
			t.Errorf("business: %+v", p.Business)
		}
		// The unprefixed <Signature> of the official SDK, in the edXML namespace.
		if !p.HasSignature || p.SignatureNamespace != Namespace {
			t.Errorf("signature %v in %q", p.HasSignature, p.SignatureNamespace)
		}
		// The .doc the official library wrapped in a zip: unpacked once.
		if len(p.Attachments) != 1 {
			t.Fatalf("attachments: %+v", p.Attachments)
		}
		a := p.Attachments[0]
		if a.Err != nil || a.ContentID != "209" || a.ContentType != "application/zip" || a.Name != "1896_QD-TTg_m_294779.doc" ||
			a.Office || len(a.Entries) != 1 || !strings.HasSuffix(a.Entries[0].Name, ".edxml") ||
			!bytes.HasPrefix(a.Entries[0].Data, []byte("<?xml")) || len(a.Entries[0].Data) != 388347 {
			t.Errorf("attachment: %+v %v", a.Entries, a.Err)
		}
		if len(p.Warnings) != 0 {
			t.Errorf("warnings: %q", p.Warnings)
		}
	})
	t.Run("jdk17_edoc_update", func(t *testing.T) {
		t.Parallel()
		p, err := Parse(official(t, "jdk17_edoc_update.edxml"), Limits{})
		if err != nil {
			t.Fatal(err)
		}
		if len(p.To) != 3 || p.Business == nil || p.Business.DocType != BusinessUpdate ||
			p.Business.Reason != "Cập nhật văn bản điện tử" || len(p.Attachments) != 1 || p.Attachments[0].Err != nil {
			t.Errorf("%+v", p)
		}
	})
	t.Run("res_edoc: one bad attachment, package kept", func(t *testing.T) {
		t.Parallel()
		p, err := Parse(official(t, "res_edoc.edxml"), Limits{})
		if err != nil {
			t.Fatal(err)
		}
		if p.Subject != "Văn bản liên thông chỉ đạo - 190701" || p.Steering != SteeringDirective ||
			p.Code != (Code{"12234555512", "PRO-TEST-CASE1"}) || p.Other.PromulgationAmount != 10 ||
			p.DocumentID != "9fbfbad2-f1f8-4256-a2eb-50fb1061cddb" || len(p.Traces) != 1 {
			t.Errorf("header: %+v", p)
		}
		if !p.HasSignature || p.SignatureNamespace != "http://www.w3.org/2000/09/xmldsig#" {
			t.Errorf("signature %v in %q", p.HasSignature, p.SignatureNamespace)
		}
		if len(p.Attachments) != 1 {
			t.Fatalf("attachments: %d", len(p.Attachments))
		}
		a := p.Attachments[0]
		if !errors.Is(a.Err, ErrMalformed) || !strings.Contains(a.Err.Error(), "base64") ||
			a.Name != "GUIDE_INSTALL OPENVPN.SIGNED.PDF" || a.ContentID != "36b8a92e-f054-11e7-842b-005056b672fc" || a.Data != nil {
			t.Errorf("attachment: %+v", a)
		}
	})
	t.Run("res_edoc_new: bytes before <?xml refused", func(t *testing.T) {
		t.Parallel()
		for _, read := range []func([]byte, Limits) error{
			func(b []byte, l Limits) error { _, err := Parse(b, l); return err },
			func(b []byte, l Limits) error { _, err := Read(b, l); return err },
			func(b []byte, l Limits) error { _, err := ParseStatus(b, l); return err },
		} {
			err := read(official(t, "res_edoc_new.edxml"), Limits{})
			if !errors.Is(err, ErrLeadingBytes) || !strings.Contains(err.Error(), `"1212"`) {
				t.Errorf("err = %v, want ErrLeadingBytes naming the bytes", err)
			}
		}
	})
}

// TestBuildPackageLayout: the package the codec builds from the official
// jdk17_edoc_new.edxml has its element order, namespaces and values (the signature
// aside: Build writes none), and reads back to the same package.
func TestBuildPackageLayout(t *testing.T) {
	t.Parallel()
	raw := official(t, "jdk17_edoc_new.edxml")
	p, err := Parse(raw, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	built := mustBuild(t, *p)
	want := slices.DeleteFunc(skeleton(t, raw), func(s string) bool { return strings.Contains(s, "/Signature") })
	if got := skeleton(t, built); !slices.Equal(got, want) {
		t.Errorf("layout differs:\n got %q\nwant %q", got, want)
	}
	again, err := Parse(built, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	p.Raw, again.Raw = nil, nil
	p.HasSignature, p.SignatureNamespace = false, ""
	if !reflect.DeepEqual(again, p) {
		t.Errorf("re-read differs:\n got %+v\nwant %+v", again, p)
	}
}

// skeleton lists a document's elements in order as "path {namespace} = text", with
// base64 runs compared without their line breaks.
func skeleton(t testing.TB, raw []byte) []string {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(raw))
	var out, path []string
	var text strings.Builder
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			path = append(path, e.Name.Local)
			out = append(out, fmt.Sprintf("%s {%s}", strings.Join(path, "/"), e.Name.Space))
			text.Reset()
		case xml.CharData:
			text.Write(e)
		case xml.EndElement:
			if s := strings.Join(strings.Fields(text.String()), ""); s != "" {
				out[len(out)-1] += " = " + s
			}
			text.Reset()
			path = path[:len(path)-1]
		}
	}
}

// leaves lists the text elements of a document as "path {namespace} = text".
func leaves(t testing.TB, raw []byte) []string {
	var out []string
	for _, s := range skeleton(t, raw) {
		if strings.Contains(s, " = ") {
			out = append(out, s)
		}
	}
	return out
}
