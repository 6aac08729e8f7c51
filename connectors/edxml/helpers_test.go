package edxml

import (
	"archive/zip"
	"bytes"
	"encoding/base64"
	"strings"
	"testing"
	"time"

	"cddh-sync/connectors"
)

func day(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, connectors.Zone)
}

// makeZip builds a zip of name→content in order.
func makeZip(t testing.TB, files ...[2]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range files {
		w, err := zw.Create(f[0])
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(f[1])); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// samplePackage is a realistic directive: a Thông báo of the provincial People's
// Committee, with a signed PDF and a zipped appendix.
func samplePackage(t testing.TB) Package {
	zipped := makeZip(t, [2]string{"phu-luc/Phụ lục 1.docx", "nội dung phụ lục"}, [2]string{"bang-phan-cong.xlsx", "STT;Nhiệm vụ;Đơn vị"})
	return Package{
		From: Organization{OrganID: "000.00.00.H20", OrganName: "Ủy ban nhân dân tỉnh Đồng Tháp",
			OrganAdd: "Số 12 đường 30/4, phường 1, TP Cao Lãnh", Email: "ubnd@dongthap.gov.vn", Telephone: "0277 3851 234"},
		To: []Organization{
			{OrganID: "000.00.01.H20", OrganName: "Sở Tài chính"},
			{OrganID: "000.00.02.H20", OrganName: "Sở Kế hoạch và Đầu tư"},
		},
		Code:         Code{Number: "45", Notation: "TB-UBND"},
		Promulgation: Promulgation{Place: "Đồng Tháp", Date: day(2026, 3, 10)},
		DocumentType: DocumentType{Type: "TB", TypeName: "Thông báo"},
		Subject:      "Kết luận của Chủ tịch UBND tỉnh tại cuộc họp về giải ngân vốn đầu tư công",
		Content:      "1. Giao Sở Tài chính chủ trì, phối hợp các đơn vị liên quan báo cáo trước ngày 20/3/2026.\n2. Sở Kế hoạch và Đầu tư tham mưu, hoàn thành trước 16 giờ ngày 25/3/2026.",
		Signer:       Signer{Competence: "KT. CHỦ TỊCH", Position: "PHÓ CHỦ TỊCH", FullName: "Nguyễn Văn Á"},
		DueDate:      day(2026, 3, 25),
		ToPlaces:     []string{"Như trên", "Lưu: VT, KT"},
		Other: OtherInfo{Priority: PriorityUrgent, SphereOfPromulgation: "Liên thông văn bản quốc gia",
			TyperNotation: "NTB", PromulgationAmount: 10, PageAmount: 3, Appendixes: []string{"Phụ lục 1"}},
		Steering:    SteeringDirective,
		ResponseFor: []ResponseFor{{OrganID: "000.00.03.H20", Code: "12/BC-STC", PromulgationDate: day(2026, 2, 28), DocumentID: "000.00.03.H20,2026/02/28,12/BC-STC"}},
		DocumentID:  "000.00.00.H20,2026/03/10,45/TB-UBND",
		Traces: []Trace{
			{OrganID: "000.00.00.H20", Timestamp: time.Date(2026, 3, 10, 15, 4, 5, 0, connectors.Zone)},
		},
		Business: &Business{DocType: BusinessNew, Reason: "Ban hành mới", Paper: 0,
			Staff: StaffInfo{Department: "Văn phòng UBND tỉnh", Staff: "Trần Thị Bé", Mobile: "0912345678", Email: "vt@dongthap.gov.vn"}},
		Attachments: []Attachment{
			{ContentID: "file1", ContentType: "application/pdf", Description: "Văn bản ký số", Name: "45-TB-UBND.pdf",
				Data: []byte("%PDF-1.7\n% giả lập nội dung PDF\n%%EOF")},
			{ContentID: "file2", ContentType: "application/zip", Description: "Phụ lục", Name: "phu-luc.zip", Data: zipped,
				Entries: []ZipEntry{{Name: "phu-luc/Phụ lục 1.docx", Data: []byte("nội dung phụ lục")}, {Name: "bang-phan-cong.xlsx", Data: []byte("STT;Nhiệm vụ;Đơn vị")}}},
		},
	}
}

func mustBuild(t testing.TB, p Package) []byte {
	t.Helper()
	b, err := Build(p)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	return b
}

// b64 encodes s as a sender would put it in ContentTransferEncoded.
func b64(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }

func repeat(s string, n int) string { return strings.Repeat(s, n) }
