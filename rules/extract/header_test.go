package extract

import (
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"
)

// TestHeaderNumbersTypesLabels: a legal document's number with its year, the type from
// the notation or the title line, and secrecy or urgency written as a label.
func TestHeaderNumbersTypesLabels(t *testing.T) {
	tests := []struct {
		name, text                           string
		typ, num, notation, secrecy, urgency string
	}{
		{"bảo mật in a short line is not a stamp", "Số: 9/UBND-KT\nbảo mật thông tin\nMật khẩu\n", "Công văn", "9", "UBND-KT", "", ""},
		// A legal document's number carries its year (44/2007/QĐ-UBND, 14/2014/QĐ-UBND).
		{"legal number with year", "ỦY BAN NHÂN DÂN\nTỈNH ĐỒNG THÁP\nSố: 44/2007/QĐ-UBND\n", "Quyết định", "44/2007", "QĐ-UBND", "", ""},
		{"legal number spaced", "Số: 14 / 2014 /QĐ-UBND\n\nQUYẾT ĐỊNH\n", "Quyết định", "14/2014", "QĐ-UBND", "", ""},
		{"nghị quyết with year", "Số: 12/2026/NQ-HĐND\n", "Nghị quyết", "12/2026", "NQ-HĐND", "", ""},
		{"year-like number", "Số: 2019/UBND-KT\n", "Công văn", "2019", "UBND-KT", "", ""},
		{"title without a known notation", "Số: 12/2026/UBND\n\nQUYẾT ĐỊNH\n", "Quyết định", "12/2026", "UBND", "", ""},
		{"chỉ thị", "Số: 03/CT-UBND\n", "Chỉ thị", "03", "CT-UBND", "", ""},
		{"tờ trình", "Số: 8/TTr-SNN\n", "Tờ trình", "8", "TTr-SNN", "", ""},
		{"giấy mời", "Số: 21/GM-UBND\n", "Giấy mời", "21", "GM-UBND", "", ""},
		{"hướng dẫn", "Số: 2/HD-SYT\n", "Hướng dẫn", "2", "HD-SYT", "", ""},
		{"kế hoạch", "Số: 150/KH-UBND\n", "Kế hoạch", "150", "KH-UBND", "", ""},
		// Secrecy written as a label (any case, NFC or NFD), in a table cell or not.
		{"label mật", "Số: 5/UBND-VP\nĐộ mật: Mật\n", "Công văn", "5", "UBND-VP", "Mật", ""},
		{"label tối mật lower case", "Số: 5/QĐ-UBND\nđộ mật: tối mật\n", "Quyết định", "5", "QĐ-UBND", "Tối mật", ""},
		{"label tuyệt mật NFD", "Số: 5/QĐ-UBND\n" + norm.NFD.String("ĐỘ MẬT: TUYỆT MẬT") + "\n", "Quyết định", "5", "QĐ-UBND", "Tuyệt mật", ""},
		{"labels in one line", "Số: 5/CĐ-UBND | Độ mật: Tuyệt mật    Độ khẩn: Hỏa tốc\n", "Công điện", "5", "CĐ-UBND", "Tuyệt mật", "Hỏa tốc"},
		{"mức độ mật", "Số: 5/KH-UBND\nMức độ mật: Mật\n", "Kế hoạch", "5", "KH-UBND", "Mật", ""},
		{"label thường", "Số: 5/KH-UBND\nĐộ mật: Thường\nĐộ khẩn: Thường\n", "Kế hoạch", "5", "KH-UBND", "", ""},
		{"label không mật", "Số: 5/KH-UBND\nĐộ mật: Không mật\n", "Kế hoạch", "5", "KH-UBND", "", ""},
		{"label in prose", "Số: 5/KH-UBND\nĐộ mật mật khẩu phải đủ cao.\nĐộ mật của hồ sơ do Sở quyết định\n", "Kế hoạch", "5", "KH-UBND", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := parseHeader(tt.text)
			if d.Type != tt.typ || d.Number != tt.num || d.Notation != tt.notation || d.Secrecy != tt.secrecy || d.Urgency != tt.urgency {
				t.Errorf("got %+v", d)
			}
		})
	}
}

// A document whose header says "Độ mật: Mật" is skipped whole, like one stamped MẬT.
func TestExtractSecretLabel(t *testing.T) {
	for _, label := range []string{"Độ mật: Mật", "ĐỘ MẬT: TỐI MẬT", norm.NFD.String("Độ mật: Tuyệt mật")} {
		text := "ỦY BAN NHÂN DÂN\nTỈNH ĐỒNG THÁP\nSố: 12/2026/QĐ-UBND\n" + label + "\nĐồng Tháp, ngày 10 tháng 3 năm 2026\n\nQUYẾT ĐỊNH\n" +
			"Giao Sở Tài chính chủ trì rà soát, báo cáo UBND tỉnh trước ngày 20/3/2026.\n"
		res, err := Extract(text, Options{Units: testDir(t)})
		if err != nil {
			t.Fatal(err)
		}
		b, _ := res.MarshalJSON()
		if res.Skipped != "secret" || len(res.Tasks) != 0 || res.Document.Secrecy == "" || strings.Contains(string(b), "Giao") {
			t.Errorf("%q: %s", label, b)
		}
	}
	text := "Số: 12/2026/QĐ-UBND\nĐộ mật: Thường\nĐồng Tháp, ngày 10 tháng 3 năm 2026\n\nQUYẾT ĐỊNH\n" +
		"Giao Sở Tài chính chủ trì rà soát, bảo mật thông tin, báo cáo UBND tỉnh trước ngày 20/3/2026.\n"
	res, err := Extract(text, Options{Units: testDir(t)})
	if err != nil {
		t.Fatal(err)
	}
	if res.Skipped != "" || res.Document.Secrecy != "" || len(res.Tasks) != 1 || res.Document.Type != "Quyết định" || res.Document.Number != "12/2026" {
		t.Errorf("not secret: %+v", res)
	}
}

// FuzzHeader: any text gives a header without panicking; a number carries only digits
// and "/", and a secrecy or urgency only a stamp's name.
func FuzzHeader(f *testing.F) {
	for _, s := range []string{header, "Số: 44/2007/QĐ-UBND\nĐộ mật: Mật\n", "Độ mật: Tuyệt mật    Độ khẩn: Hỏa tốc",
		"mức độ mật do mat do khan", "Số: 12 / 2026 / NQ-HĐND", "Độ mật:\n|Độ khẩn: |"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d := parseHeader(s)
		if strings.Trim(d.Number, "0123456789/") != "" {
			t.Fatalf("number %q", d.Number)
		}
		switch d.Secrecy {
		case "", "Mật", "Tối mật", "Tuyệt mật":
		default:
			t.Fatalf("secrecy %q", d.Secrecy)
		}
		switch d.Urgency {
		case "", "Khẩn", "Thượng khẩn", "Hỏa tốc":
		default:
			t.Fatalf("urgency %q", d.Urgency)
		}
	})
}

// The document's issue time is written in Asia/Ho_Chi_Minh whatever zone it was given in.
func TestJSONIssuedInHoChiMinh(t *testing.T) {
	res, err := Extract("Số: 45/TB-UBND\n\nTHÔNG BÁO\nGiao Sở Tài chính chủ trì rà soát.\n",
		Options{Units: testDir(t), Issued: time.Date(2026, 3, 10, 2, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	b, err := res.MarshalJSON()
	if err != nil || !strings.Contains(string(b), `"issued":"2026-03-10T09:00:00+07:00"`) {
		t.Errorf("%v: %s", err, b)
	}
}

// TestHeaderDateInLayoutColumn: pdftotext -layout prints the two-column header
// side by side, the place-and-date line after the left column's text and its
// year wrapped to the next line under the right column, or beside the left
// column's number line; a deadline's full date further down is no issue date.
func TestHeaderDateInLayoutColumn(t *testing.T) {
	for _, tt := range []struct {
		name, text string
		want       time.Time
		body       string // how the body starts
	}{
		{"year wrapped under the right column", "            ỦY BAN NHÂN DÂN                      CỘNG HÒA XÃ HỘI CHỦ\n" +
			"            TỈNH ĐỒNG THÁP                          NGHĨA VIỆT NAM\n" +
			"             Số: 5601/UBND-KT                     Độc lập - Tự do - Hạnh\n" +
			"V/v đẩy nhanh tiến độ thực hiện các công trình,            phúc\n" +
			"         dự án trọng điểm năm 2026              Đồng Tháp, ngày 19 tháng 12\n" +
			"                                                        năm 2026\n" +
			"    Kính gửi: Các sở, ban, ngành tỉnh.\n" +
			"    1. Giao Sở Xây dựng rà soát, báo cáo Ủy ban nhân dân tỉnh trước ngày 28/12/2026.\n",
			time.Date(2026, 12, 19, 0, 0, 0, 0, time.UTC), "Kính gửi"},
		{"year wrapped beside the number line", "UBND THÀNH PHỐ HỒ CHÍ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n" +
			"           MINH                    Độc lập - Tự do - Hạnh phúc\n" +
			"      SỞ TÀI CHÍNH          Thành phố Hồ Chí Minh, ngày 22 tháng 12 năm\n" +
			"      Số: 9876/STC-NS                          2026\n" +
			" V/v lập dự toán ngân sách\n" +
			"                                  Kính gửi: Các sở, ban, ngành Thành phố.\n" +
			"    1. Các sở, ban, ngành Thành phố gửi dự toán về Sở Tài chính trước ngày 10 tháng 01 năm 2027.\n",
			time.Date(2026, 12, 22, 0, 0, 0, 0, time.UTC), "V/v"},
		{"a header flattened into one line, with its body", "ỦY BAN NHÂN DÂN TỈNH CAO BẰNG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc Số: 46/2019/QĐ-UBND Cao Bằng, ngày 28 tháng 10 năm 2019 QUYẾT ĐỊNH Ban hành Quy định chế độ báo cáo định kỳ. Điều 1. Giao Sở Tài chính chủ trì.",
			time.Date(2019, 10, 28, 0, 0, 0, 0, time.UTC), "ỦY BAN"},
		{"the number, then the place, flattened", "SỞ Y TẾ Số: 12/SYT-NVY Hà Nội, ngày 5 tháng 3 năm 2024 V/v phòng chống dịch. Kính gửi: Các bệnh viện.",
			time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC), "SỞ Y TẾ"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := parseHeader(tt.text)
			if y, m, day := d.Issued.Date(); y != tt.want.Year() || m != tt.want.Month() || day != tt.want.Day() {
				t.Fatalf("issued %v, want %v", d.Issued, tt.want.Format("2006-01-02"))
			}
			if got := body(tt.text, d.dateEnd); !strings.HasPrefix(strings.TrimSpace(got), tt.body) {
				t.Errorf("body starts %q", got[:min(len(got), 40)])
			}
		})
	}
}

// TestLooseDateIsNoDeadline: with no place-and-date line, a full date after an
// operator ("trước ngày 10 tháng 01 năm 2027") is a deadline, not the
// letter's date.
func TestLooseDateIsNoDeadline(t *testing.T) {
	d := parseHeader("ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP\nSố: 12/UBND-KT\nKính gửi: Sở Tư pháp.\nĐề nghị Sở Tư pháp báo cáo trước ngày 10 tháng 01 năm 2027.\n")
	if !d.Issued.IsZero() {
		t.Fatalf("issued %v, want none", d.Issued)
	}
	d = parseHeader("ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP\nSố: 12/UBND-KT\nngày 05 tháng 01 năm 2027\nĐề nghị Sở Tư pháp báo cáo trước ngày 10 tháng 01 năm 2027.\n")
	if d.Issued.Day() != 5 {
		t.Fatalf("issued %v, want the 5th", d.Issued)
	}
}
