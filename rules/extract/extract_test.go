package extract

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"cddh-sync/connectors"
	"cddh-sync/rules/units"
)

// provinceDir is the Đồng Tháp directory the corpus is scored with.
func provinceDir(t testing.TB) *units.Directory {
	t.Helper()
	dir, err := units.Load(unitsFile)
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func testDir(t testing.TB) *units.Directory {
	d, err := units.New([]units.Unit{
		{Code: "T", Name: "Sở Tài chính", Abbr: "STC", Kind: "so"},
		{Code: "X", Name: "Sở Xây dựng", Abbr: "SXD", Kind: "so"},
		{Code: "V", Name: "Sở Văn hóa, Thể thao và Du lịch", Kind: "so"},
		{Code: "K", Name: "Sở Khoa học và Công nghệ", Abbr: "Sở KH&CN", Kind: "so"},
	})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

const header = "ỦY BAN NHÂN DÂN\nTỈNH ĐỒNG THÁP\nSố: 45/TB-UBND\nĐồng Tháp, ngày 10 tháng 3 năm 2026\n\nTHÔNG BÁO\n"

func TestHeader(t *testing.T) {
	tests := []struct {
		name, text                           string
		typ, num, notation, secrecy, urgency string
	}{
		{"thong bao", header, "Thông báo", "45", "TB-UBND", "", ""},
		{"cong van", "Số: 1234/UBND-KT\nHà Nội, ngày 1 tháng 2 năm 2026\n", "Công văn", "1234", "UBND-KT", "", ""},
		{"quyet dinh", "Số: 128/QĐ-UBND\n", "Quyết định", "128", "QĐ-UBND", "", ""},
		{"secret", "MẬT\nSố: 5/CV-UBND\n", "Công văn", "5", "CV-UBND", "Mật", ""},
		{"urgent", "HỎA TỐC\nSố: 7/CĐ-UBND\n", "Công điện", "7", "CĐ-UBND", "", "Hỏa tốc"},
		{"mật in prose is not a stamp", "Số: 9/UBND-KT\nGiữ bí mật thông tin khách hàng.\n", "Công văn", "9", "UBND-KT", "", ""},
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

func TestExtractTasks(t *testing.T) {
	dir := testDir(t)
	tests := []struct {
		name, body string
		leads      []string
		coords     [][]string
		nominal    []string
		report     []bool
	}{
		{"giao", "Giao Sở Tài chính chủ trì, phối hợp với Sở Xây dựng rà soát, báo cáo UBND tỉnh trước ngày 20/3/2026.",
			[]string{"Sở Tài chính"}, [][]string{{"Sở Xây dựng"}}, []string{"2026-03-20"}, []bool{true}},
		{"old name and object", "1. Sở Kế hoạch và Đầu tư hướng dẫn Sở Xây dựng thực hiện.",
			[]string{"Sở Tài chính"}, [][]string{nil}, []string{""}, []bool{false}},
		{"comma in name, co-leads", "Giao Giám đốc: Sở Văn hóa, Thể thao và Du lịch, Sở KH&CN phối hợp với Sở Xây dựng tuyên truyền.",
			[]string{"Sở Văn hóa, Thể thao và Du lịch"}, [][]string{{"Sở Khoa học và Công nghệ", "Sở Xây dựng"}}, []string{""}, []bool{false}},
		{"heading", "1. Sở Tài chính:\na) Rà soát kinh phí.\nb) Tham mưu bố trí vốn trước ngày 30/4/2026.",
			[]string{"Sở Tài chính", "Sở Tài chính"}, [][]string{nil, nil}, []string{"", "2026-04-30"}, []bool{false, true}},
		{"unknown unit", "Giao UBND huyện Vĩnh Linh chủ trì thực hiện.",
			[]string{"UBND huyện Vĩnh Linh"}, [][]string{nil}, []string{""}, []bool{false}},
		{"de nghi", "Đề nghị Sở Xây dựng khẩn trương rà soát, gửi kết quả về Sở Tài chính trước ngày 5/4/2026.",
			[]string{"Sở Xây dựng"}, [][]string{nil}, []string{"2026-04-05"}, []bool{true}},
		{"a file submitted is sent back; a tax paid is not", "Giao Sở Xây dựng nộp hồ sơ đăng ký trước ngày 5/4/2026.\nGiao Sở Tài chính nộp thuế đúng hạn.",
			[]string{"Sở Xây dựng", "Sở Tài chính"}, [][]string{nil, nil}, []string{"2026-04-05", ""}, []bool{true, false}},
		{"an opinion or an answer is sent back", "Đề nghị Sở Xây dựng cho ý kiến bằng văn bản đối với dự thảo trước ngày 5/4/2026.\nGiao Sở Tài chính góp ý dự thảo Quy chế.\nYêu cầu Sở Y tế phản hồi kết quả xử lý vụ việc.",
			[]string{"Sở Xây dựng", "Sở Tài chính", "Sở Y tế"}, [][]string{nil, nil, nil}, []string{"2026-04-05", "", ""}, []bool{true, true, true}},
		{"a list registered with a unit is sent back; a business registered is not", "Giao Sở Xây dựng đăng ký danh sách vận động viên về Sở Văn hóa, Thể thao và Du lịch trước ngày 5/4/2026.\nGiao Sở Tài chính hướng dẫn doanh nghiệp đăng ký kinh doanh.",
			[]string{"Sở Xây dựng", "Sở Tài chính"}, [][]string{nil, nil}, []string{"2026-04-05", ""}, []bool{true, false}},
		{"cong trinh is not trinh", "Giao Sở Xây dựng kiểm tra các công trình trong chương trình.",
			[]string{"Sở Xây dựng"}, [][]string{nil}, []string{""}, []bool{false}},
		{"proposal of", "Theo đề nghị của Sở Xây dựng tại Tờ trình số 5/TTr-SXD.", nil, nil, nil, nil},
		{"no task", "UBND tỉnh nhận được Công văn số 1/BXD ngày 2/3/2026.", nil, nil, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Extract(header+tt.body+"\nNơi nhận:\n- Như trên;", Options{Units: dir})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Tasks) != len(tt.leads) {
				t.Fatalf("got %d tasks %+v", len(res.Tasks), res.Tasks)
			}
			for i, task := range res.Tasks {
				if task.Lead.Name != tt.leads[i] {
					t.Errorf("task %d lead %q want %q", i, task.Lead.Name, tt.leads[i])
				}
				var co []string
				for _, c := range task.Coordinates {
					co = append(co, c.Name)
				}
				if strings.Join(co, "|") != strings.Join(tt.coords[i], "|") {
					t.Errorf("task %d coordinators %q want %q", i, co, tt.coords[i])
				}
				got := ""
				if task.Deadline != nil {
					got = task.Deadline.Nominal.Format(time.DateOnly)
				}
				if got != tt.nominal[i] {
					t.Errorf("task %d nominal %q want %q", i, got, tt.nominal[i])
				}
				if (got == "") != contains(task.Flags, FlagNoDeadline) {
					t.Errorf("task %d flags %v", i, task.Flags)
				}
				if task.MustReport != tt.report[i] {
					t.Errorf("task %d must_report %v", i, task.MustReport)
				}
			}
		})
	}
}

func TestSecretKeepsNothing(t *testing.T) {
	res, err := Extract("TỐI MẬT\n"+header+"Giao Sở Tài chính báo cáo trước ngày 1/4/2026.", Options{Units: testDir(t)})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := res.MarshalJSON()
	if len(res.Tasks) != 0 || res.Skipped != "secret" || strings.Contains(string(b), "Giao") || !strings.Contains(string(b), `"tasks":[]`) {
		t.Errorf("secret leaked: %s", b)
	}
}

func TestIssuedFromText(t *testing.T) {
	res, err := Extract(header, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := time.Date(2026, 3, 10, 0, 0, 0, 0, connectors.Zone)
	if !res.Document.Issued.Equal(want) {
		t.Errorf("issued %v want %v", res.Document.Issued, want)
	}
}

// TestCitedDateIsNotTheIssueDate: without a place-and-date line, the date of
// a document the text cites is not its issue date, and the text before it is
// still read.
func TestCitedDateIsNotTheIssueDate(t *testing.T) {
	text := "Ngày 9/11, UBND tỉnh ban hành văn bản yêu cầu các sở, ban, ngành chủ động ứng phó với cơn bão:\n" +
		"1. Khẩn trương triển khai các nội dung của Công văn số 248/PCTT ngày 31 tháng 10 năm 2019 của Ban Chỉ huy.\n" +
		"2. Báo cáo UBND tỉnh trước ngày 20/11/2019."
	res, err := Extract(text, Options{Units: testDir(t)})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Document.Issued.IsZero() {
		t.Errorf("issued %v, want unknown: 31/10/2019 dates Công văn 248", res.Document.Issued)
	}
	if len(res.Tasks) != 2 || res.Tasks[0].Lead.Name != "các sở, ban, ngành" {
		t.Fatalf("tasks %+v, want the two items of the heading's units", res.Tasks)
	}
	res, err = Extract("TP. Hồ Chí Minh ngày 05 tháng 3 năm 2026\nGiao Sở Tài chính rà soát.", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2026, 3, 5, 0, 0, 0, 0, connectors.Zone); !res.Document.Issued.Equal(want) {
		t.Errorf("a date line without its comma: issued %v, want %v", res.Document.Issued, want)
	}
}

func FuzzSegment(f *testing.F) {
	f.Add("1. Sở Tài chính:\na) Rà soát.\n- Báo cáo.")
	f.Add("a)\n1.\n-\n")
	f.Fuzz(func(t *testing.T, s string) {
		for _, it := range Segment(s) {
			_ = sentences(it.Text)
		}
	})
}

func FuzzExtract(f *testing.F) {
	dir := testDir(f)
	f.Add(header + "Giao Sở Tài chính chủ trì, phối hợp với Sở Xây dựng, báo cáo trước ngày 20/3/2026.")
	f.Add("MẬT\nSố: /\n")
	f.Add("Giao Giao Giao phối hợp phối hợp với , , ;")
	f.Add(header + "| TT | Nội dung | Cơ quan chủ trì | Thời hạn |\n|---|---|---|---|\n| 1 | Rà soát | Sở Tư pháp | Quý III/2026 |\n| 2 | Báo cáo | | |\n\x00table 0\n\x00table 7")
	f.Fuzz(func(t *testing.T, s string) {
		_, _ = Extract(s, Options{Units: dir})
	})
}

func TestExtractLargeInput(t *testing.T) {
	big := header + strings.Repeat("Giao Sở Tài chính, Sở Xây dựng, Sở X, Sở Y phối hợp với các sở, ban, ngành thực hiện trước ngày 1/4/2026. ", 8000)
	start := time.Now()
	if _, err := Extract(big, Options{Units: testDir(t)}); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d bytes in %v", len(big), time.Since(start))
}

// TestGeneralRules: the general rules of issue 14, one case each, on units the
// test directory does not know (the name grammar alone).
// TestRecurringDueFirst: of a task's recurring deadlines the earliest is due
// first, at the most frequent period they name (testdata/dev/README.md: a
// recurring deadline's nominal date is its first occurrence).
func TestRecurringDueFirst(t *testing.T) {
	dir := testDir(t)
	for _, tt := range []struct{ body, nominal, rec string }{
		{"1. Sở Công Thương tổng hợp, báo cáo Ủy ban nhân dân tỉnh định kỳ 6 tháng, hằng năm; báo cáo 6 tháng gửi trước ngày 20/6, báo cáo năm gửi trước ngày 20/12.", "2026-12-20", "half_yearly"},
		{"1. Sở Công Thương có trách nhiệm thực hiện Chỉ thị này; định kỳ 6 tháng (trước ngày 15/6) và năm (trước ngày 15/12) báo cáo kết quả về Ủy ban nhân dân tỉnh.", "2026-12-15", "half_yearly"},
		{"1. Sở Công Thương báo cáo Ủy ban nhân dân tỉnh định kỳ hằng quý, trước ngày 20 tháng cuối quý.", "2026-12-20", "quarterly"},
	} {
		res, err := Extract("ỦY BAN NHÂN DÂN\nTỈNH ĐỒNG THÁP\nSố: 45/UBND-KT\nĐồng Tháp, ngày 09 tháng 12 năm 2026\n"+tt.body, Options{Units: dir})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Tasks) != 1 || res.Tasks[0].Deadline == nil {
			t.Fatalf("%s: got %+v", tt.body, res.Tasks)
		}
		if d := res.Tasks[0].Deadline; d.Nominal.Format("2006-01-02") != tt.nominal || d.Recurrence != tt.rec {
			t.Errorf("%s: got %s %s, want %s %s", tt.body, d.Nominal, d.Recurrence, tt.nominal, tt.rec)
		}
	}
}

// TestIssuerUnderParent: "BỘ TÀI CHÍNH / TỔNG CỤC HẢI QUAN": the body under
// its parent issues the text, and is never its own assignee.
func TestIssuerUnderParent(t *testing.T) {
	res, err := Extract("BỘ TÀI CHÍNH\nTỔNG CỤC HẢI QUAN\nSố: 126/TCHQ-GSQL\nHà Nội, ngày 08 tháng 01 năm 2026\nKính gửi: Cục Hải quan các tỉnh, thành phố.\nTổng cục Hải quan sẽ có hướng dẫn việc xử lý khi nhận được kết quả xác minh.\nĐề nghị Cục Hải quan các tỉnh, thành phố báo cáo trước ngày 20/01/2026.", Options{Units: testDir(t)})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Tasks) != 1 || res.Tasks[0].Lead.Name != "Cục Hải quan các tỉnh, thành phố" {
		t.Fatalf("got %+v", res.Tasks)
	}
}

func TestGeneralRules(t *testing.T) {
	dir := testDir(t)
	tests := []struct {
		name, body string
		leads      []string
		coords     [][]string
		nominal    []string
	}{
		{"an article's title on its own line heads the paragraph below it; an article's first words wrapped do not", "Điều 2. Nhiệm vụ của Tổ công tác\nTổ công tác có nhiệm vụ kiểm tra công tác phòng cháy, chữa cháy; báo cáo kết quả về UBND tỉnh trước ngày 15/5/2026.\n\nĐiều 3. Sở\nY tế rà soát danh mục thuốc trước ngày 20/5/2026.",
			[]string{"Tổ công tác", "Sở Y tế"}, [][]string{nil, nil}, []string{"2026-05-15", "2026-05-20"}},
		{"social insurance in lower case is what is paid, not the office: a request with no unit after it names none", "Thủ tướng yêu cầu chi trả gộp hai tháng lương hưu và trợ cấp bảo hiểm xã hội vào kỳ chi trả tháng 5/2026.\n\nGiao Bảo hiểm xã hội tỉnh chi trả trợ cấp cho người lao động trước ngày 20/5/2026.",
			[]string{"Bảo hiểm xã hội tỉnh"}, [][]string{nil}, []string{"2026-05-20"}},
		{"a party committee named without its places, then a People's Committee with them, each with its head's title: the places are both", "Chủ tịch UBND tỉnh yêu cầu Bí thư Đảng ủy, Chủ tịch UBND các xã, phường hoàn thành việc xây dựng lại nhà ở cho Nhân dân trước ngày 15/5/2026.",
			[]string{"Đảng ủy các xã, phường"}, [][]string{{"UBND các xã, phường"}}, []string{"2026-05-15"}},
		{"organisations and individuals are a rule for everyone, unless a date is set for them", "Các cơ quan, tổ chức, cá nhân có trách nhiệm thực hiện nghiêm các quy định về phòng cháy, chữa cháy.\n\nCác tổ chức, cá nhân gửi ý kiến góp ý dự thảo về Sở Tư pháp trước ngày 20/5/2026.",
			[]string{"Các tổ chức, cá nhân"}, [][]string{nil}, []string{"2026-05-20"}},
		{"a flattened item's dash then its verb ends a name; a dash inside a name does not", "Chủ tịch UBND thành phố yêu cầu các phòng, ban, cơ quan thành phố và các xã, phường - Tiếp tục triển khai thực hiện nghiêm Kế hoạch số 17/KH-UBND, báo cáo trước ngày 20/5/2026.\n\nGiao Phòng Tài chính - Kế hoạch rà soát các khoản chi trước ngày 25/5/2026.",
			[]string{"các phòng, ban, cơ quan thành phố", "Phòng Tài chính - Kế hoạch"}, [][]string{{"các xã, phường"}, nil}, []string{"2026-05-20", "2026-05-25"}},
		{"a leader presiding over a meeting is an event; a body's conference, or a leader given one to chair, is work", "Giám đốc Sở Tài chính chủ trì hội nghị giao ban trong tháng 5/2026.\n\nSở Y tế chủ trì hội nghị tập huấn cho cán bộ trước ngày 25/5/2026.\n\nGiao Giám đốc Sở Xây dựng chủ trì hội nghị tổng kết trước ngày 28/5/2026.",
			[]string{"Sở Y tế", "Sở Xây dựng"}, [][]string{nil, nil}, []string{"2026-05-25", "2026-05-28"}},
		{"a directive's dated item: a unit the directory knows, then a word in lower case that opens no state of it, is its task, though no list has the verb", "ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP\nSố: 12/UBND-VX\nĐồng Tháp, ngày 10 tháng 4 năm 2026\n\nChủ tịch UBND tỉnh yêu cầu:\n1. Sở Tài chính ứng trước dự toán ngân sách cho Văn phòng UBND tỉnh, hoàn thành trong tháng 8 năm 2026.\n2. Sở Xây dựng hiện còn 15 hồ sơ tồn đọng đến ngày 30/6/2026.\n3. Sở Khoa học và Công nghệ chỉ định thầu gói thầu số 2 trước ngày 30/6/2026.\n4. Sở Xây dựng năm 2026 có 20 đơn vị trực thuộc.",
			[]string{"Sở Tài chính", "Sở Khoa học và Công nghệ"}, [][]string{nil, nil}, []string{"2026-08-31", "2026-06-30"}},
		{"a group's list runs through the armed forces, and its place through a commune's", "Các cơ quan, đơn vị, trường học, lực lượng vũ trang, doanh nghiệp trên địa bàn xã thực hiện treo cờ Tổ quốc trước ngày 30/4/2026.",
			[]string{"các cơ quan, đơn vị, trường học, lực lượng vũ trang, doanh nghiệp trên địa bàn xã"}, [][]string{nil}, []string{"2026-04-30"}},
		{"a time that opens a sentence dates each of its clauses; a time that closes one dates its own", "Trước ngày 10/5/2026, Sở Tài chính nộp kế hoạch cho UBND tỉnh; Sở Xây dựng nộp kế hoạch lên Bộ Xây dựng.\n\nSở Khoa học và Công nghệ kiểm tra thị trường; Sở Văn hóa, Thể thao và Du lịch rà soát văn bản trước ngày 30/5/2026.",
			[]string{"Sở Tài chính", "Sở Xây dựng", "Sở Khoa học và Công nghệ", "Sở Văn hóa, Thể thao và Du lịch"}, [][]string{nil, nil, nil, nil}, []string{"2026-05-10", "2026-05-10", "", "2026-05-30"}},
		{"who takes part with the lead coordinates: 'cùng với' after 'chủ trì', 'có sự tham gia của'", "1. Sở Tài chính chủ trì, cùng với Sở Xây dựng rà soát các dự án đầu tư công trước ngày 20/5/2026.\n\n2. Giao Sở Xây dựng chủ trì, có sự tham gia của Sở Tài chính, Sở Khoa học và Công nghệ, kiểm tra chất lượng công trình trước ngày 25/5/2026.",
			[]string{"Sở Tài chính", "Sở Xây dựng"}, [][]string{{"Sở Xây dựng"}, {"Sở Tài chính", "Sở Khoa học và Công nghệ"}}, []string{"2026-05-20", "2026-05-25"}},
		{"after a clause that names only who leads, the units that 'phối hợp' and the work after it are the lead's task", "Giao Sở Tài chính chủ trì; Sở Xây dựng, Sở Khoa học và Công nghệ phối hợp rà soát các dự án đầu tư công trước ngày 20/5/2026.\n\nSở Xây dựng kiểm tra công trình; Sở Tài chính phối hợp rà soát hồ sơ trước ngày 25/5/2026.",
			[]string{"Sở Tài chính", "Sở Xây dựng", "Sở Tài chính"}, [][]string{{"Sở Xây dựng", "Sở Khoa học và Công nghệ"}, nil, nil}, []string{"2026-05-20", "", "2026-05-25"}},
		{"the statistics and customs offices renamed in 2025 without 'Cục' are heads before a level; 'Thống kê' before anything else is a verb", "Đề nghị Thống kê tỉnh Đồng Tháp cung cấp số liệu dân số trước ngày 20/5/2026.\n\nHải quan khu vực XV rà soát hồ sơ tồn đọng trước ngày 25/5/2026.\n\nGiao Sở Tài chính thực hiện các nội dung sau:\n1. Thống kê số liệu nợ đọng, báo cáo UBND tỉnh trước ngày 30/5/2026.",
			[]string{"Thống kê tỉnh Đồng Tháp", "Hải quan khu vực XV", "Sở Tài chính"}, [][]string{nil, nil, nil}, []string{"2026-05-20", "2026-05-25", "2026-05-30"}},
		{"a leader's name after the place of a People's Committee is no part of it; a place named after a person is whole", "Giao Chủ tịch UBND huyện Cao Lãnh Nguyễn Văn An chỉ đạo rà soát các hộ nghèo trước ngày 20/5/2026.\n\nGiao UBND huyện Trần Văn Thời rà soát các hộ cận nghèo trước ngày 25/5/2026.",
			[]string{"UBND huyện Cao Lãnh", "UBND huyện Trần Văn Thời"}, [][]string{nil, nil}, []string{"2026-05-20", "2026-05-25"}},
		{"a letter to one addressee that asks 'Quý cơ quan' asks that addressee", "Kính gửi: Sở Xây dựng\n\nUBND tỉnh đề nghị Quý cơ quan báo cáo tình hình thực hiện dự toán năm 2026 trước ngày 20/5/2026.",
			[]string{"Sở Xây dựng"}, [][]string{nil}, []string{"2026-05-20"}},
		{"a letter to several addressees keeps 'các đơn vị' as written", "Kính gửi:\n- Sở Xây dựng;\n- Sở Tài chính.\n\nUBND tỉnh đề nghị các đơn vị báo cáo tình hình thực hiện dự toán năm 2026 trước ngày 20/5/2026.",
			[]string{"các đơn vị"}, [][]string{nil}, []string{"2026-05-20"}},
		{"an interdisciplinary body's name ends at 'liên ngành', before the verb", "Giao Tổ công tác liên ngành kiểm tra công tác phòng cháy, chữa cháy; báo cáo kết quả về UBND tỉnh trước ngày 15/5/2026.\n\nGiao Đoàn kiểm tra liên ngành kiểm tra các cơ sở kinh doanh xăng dầu trước ngày 20/5/2026.",
			[]string{"Tổ công tác liên ngành", "Đoàn kiểm tra liên ngành"}, [][]string{nil, nil}, []string{"2026-05-15", "2026-05-20"}},
		{"what a group is called from here on, in parentheses, is no list below", "4. UBND các huyện, thị xã, thành phố (sau đây gọi chung là UBND cấp huyện) xây dựng kế hoạch triển khai tại địa phương, gửi về Sở Xây dựng trước ngày 15/5/2026.",
			[]string{"UBND các huyện, thị xã, thành phố"}, [][]string{nil}, []string{"2026-05-15"}},
		{"'tăng' (increase) is a verb after a unit's name; 'tăng trưởng' (grew) is how a group fared", "4. Sở Y tế tăng số giường bệnh dự phòng trước ngày 15/5/2026.\n\n5. Các doanh nghiệp may mặc tăng trưởng cao trong quý I/2026.",
			[]string{"Sở Y tế"}, [][]string{nil}, []string{"2026-05-15"}},
		{"a directive's item: a unit the directory knows, then a verb of what units are given to do, though no verb of the grammar's", "ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP\nSố: 12/UBND-VX\nĐồng Tháp, ngày 10 tháng 4 năm 2026\n\nChủ tịch UBND tỉnh yêu cầu:\n1. Sở Xây dựng sửa chữa trụ sở các xã trước ngày 15/5/2026.\n2. Sở Tài chính và Sở Văn hóa, Thể thao và Du lịch cử cán bộ tham gia Đoàn kiểm tra trước ngày 20/5/2026.\n3. Sở Tài chính năm 2025 có 20 đơn vị trực thuộc.",
			[]string{"Sở Xây dựng", "Sở Tài chính"}, [][]string{nil, {"Sở Văn hóa, Thể thao và Du lịch"}}, []string{"2026-05-15", "2026-05-20"}},
		{"the units between the lead's 'chủ trì' and 'phối hợp' coordinate, after a comma or a semicolon", "1. Giao Sở Xây dựng chủ trì, Sở Tài chính, Sở Khoa học và Công nghệ phối hợp thực hiện, hoàn thành trước ngày 20/5/2026.\n\n2. Giao Sở Xây dựng chủ trì; Sở Tài chính phối hợp thực hiện, hoàn thành trước ngày 25/5/2026.",
			[]string{"Sở Xây dựng", "Sở Xây dựng"}, [][]string{{"Sở Tài chính", "Sở Khoa học và Công nghệ"}, {"Sở Tài chính"}}, []string{"2026-05-20", "2026-05-25"}},
		{"a heading 'Đối với <unit>:' gives its items to the unit", "Chủ tịch UBND tỉnh yêu cầu:\n\n1. Đối với Sở Xây dựng:\na) Rà soát các công trình trước ngày 30/5/2026.\nb) Báo cáo kết quả về UBND tỉnh trước ngày 15/6/2026.\n\n2. Đối với công tác tuyên truyền:\n- Đẩy mạnh tuyên truyền trên các phương tiện thông tin đại chúng.",
			[]string{"Sở Xây dựng", "Sở Xây dựng"}, [][]string{nil, nil}, []string{"2026-05-30", "2026-06-15"}},
		{"'trường học' (school) is a whole word before a verb that also works inside names", "Chủ tịch UBND tỉnh yêu cầu:\n1. Các trường học tổ chức tuyên truyền cho học sinh trước ngày 20/5/2026.\n2. Giao Sở Xây dựng hướng dẫn các trường học kiểm tra phòng học trước ngày 25/5/2026.",
			[]string{"Các trường học", "Sở Xây dựng"}, [][]string{nil, nil}, []string{"2026-05-20", "2026-05-25"}},
		{"a plural group in lower case ends before a verb that also works inside names, when the name would have no predicate or the verb is its last words", "Chủ tịch UBND tỉnh yêu cầu:\n1. Các cơ sở y tế kiểm tra hồ sơ trước ngày 20/5/2026.\n2. Các trường mầm non tổ chức tuyên truyền cho phụ huynh trước ngày 25/5/2026.\n3. Các doanh nghiệp xây dựng kế hoạch sản xuất trước ngày 28/5/2026.\n4. Các đơn vị chủ đầu tư đôn đốc nhà thầu thi công trước ngày 29/5/2026.\n5. Các cơ sở sản xuất, kinh doanh tập huấn cho người lao động trước ngày 30/5/2026.",
			[]string{"Các cơ sở y tế", "Các trường mầm non", "Các doanh nghiệp", "Các đơn vị chủ đầu tư", "Các cơ sở sản xuất, kinh doanh"}, [][]string{nil, nil, nil, nil, nil}, []string{"2026-05-20", "2026-05-25", "2026-05-28", "2026-05-29", "2026-05-30"}},
		{"a body's head and capitalised name end before a verb that also works inside names, after a word in lower case; a list of titles cut short is no task", "Chủ tịch UBND tỉnh yêu cầu:\n1. Phòng Kinh tế kiểm tra hồ sơ trước ngày 20/5/2026.\n2. Trung tâm Dịch vụ nông nghiệp tổ chức tập huấn cho nông dân trước ngày 25/5/2026.\n\nĐiều 4. Tổng cục trưởng Tổng cục Thống kê, Chánh Văn phòng Ban Chỉ đạo Tổng điều tra Trung ương, Cục",
			[]string{"Phòng Kinh tế", "Trung tâm Dịch vụ nông nghiệp"}, [][]string{nil, nil}, []string{"2026-05-20", "2026-05-25"}},
		{"after 'Giao', 'Đề nghị', 'Yêu cầu' a group or a named body ends before a verb that also works inside names, as a subject does", "1. Giao các trường mầm non kiểm tra hồ sơ trước ngày 20/5/2026.\n2. Đề nghị Phòng Kinh tế tổ chức tuyên truyền trước ngày 25/5/2026.\n3. Yêu cầu các doanh nghiệp, nhà đầu tư thực hiện đúng cam kết trước ngày 28/5/2026.",
			[]string{"các trường mầm non", "Phòng Kinh tế", "các doanh nghiệp, nhà đầu tư"}, [][]string{nil, nil, nil}, []string{"2026-05-20", "2026-05-25", "2026-05-28"}},
		{"a coordinator ends before a verb that also works inside names, as a lead does", "1. Giao Sở Xây dựng chủ trì, phối hợp với các trường mầm non kiểm tra hồ sơ trước ngày 20/5/2026.\n2. Giao Sở Tài chính chủ trì, phối hợp với Phòng Kinh tế tổ chức tuyên truyền trước ngày 25/5/2026.",
			[]string{"Sở Xây dựng", "Sở Tài chính"}, [][]string{{"các trường mầm non"}, {"Phòng Kinh tế"}}, []string{"2026-05-20", "2026-05-25"}},
		{"a sentence that says the task again leaves it open to the time line below", "Giao Sở Xây dựng chủ trì, phối hợp với các đơn vị có liên quan nghiên cứu đề xuất, tham mưu UBND tỉnh ban hành Kế hoạch.\n\nYêu cầu các đơn vị nêu trên khẩn trương triển khai thực hiện.\n\nThời gian hoàn thành: trước ngày 25/4/2026.",
			[]string{"Sở Xây dựng"}, [][]string{{"các đơn vị có liên quan"}}, []string{"2026-04-25"}},
		{"a line 'Thời gian: …' below a task dates it", "Chủ tịch UBND tỉnh yêu cầu:\n1. Sở Xây dựng chủ trì xây dựng kế hoạch phát triển nhà ở.\nThời gian: Quý II/2026.\n2. Sở Tài chính bố trí kinh phí.",
			[]string{"Sở Xây dựng", "Sở Tài chính"}, [][]string{nil, nil}, []string{"2026-06-30", ""}},
		{"a plan's item that says who leads in its parenthesis", "Chủ tịch UBND tỉnh yêu cầu:\n1. Xây dựng kế hoạch phát triển nhà ở (Sở Xây dựng chủ trì; hoàn thành trước ngày 30/6/2026).\n2. Rà soát quy hoạch (Sở Xây dựng chủ trì, Sở Tài chính phối hợp; thời gian: Quý III/2026).\n3. Rà soát kinh phí (theo Kế hoạch số 12/KH-UBND).",
			[]string{"Sở Xây dựng", "Sở Xây dựng"}, [][]string{nil, {"Sở Tài chính"}}, []string{"2026-06-30", "2026-09-30"}},
		{"a directive's item: a body the directory does not know, then a verb of what units are given to do", "ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP\nSố: 12/UBND-VX\nĐồng Tháp, ngày 10 tháng 4 năm 2026\n\nChủ tịch UBND tỉnh yêu cầu:\n1. Bệnh viện Đa khoa tỉnh mua sắm thiết bị trước ngày 15/5/2026.\n2. Các trạm y tế tiêm vắc xin cho trẻ em trước ngày 20/5/2026.\n3. Trung tâm Cung ứng dịch vụ công thông tin cho người dân trước ngày 25/5/2026.\n4. Các cơ quan, tổ chức và người dân có trách nhiệm chấp hành.",
			[]string{"Bệnh viện Đa khoa tỉnh", "Các trạm y tế", "Trung tâm Cung ứng dịch vụ công"}, [][]string{nil, nil, nil}, []string{"2026-05-15", "2026-05-20", "2026-05-25"}},
		{"individuals and people a body serves, after its verb, leave its task; in the subject they make a rule for everyone", "Chủ tịch UBND tỉnh yêu cầu:\n1. Sở Xây dựng hướng dẫn cá nhân, tổ chức thực hiện thủ tục trước ngày 25/5/2026.\n2. Sở Tài chính tuyên truyền cho người dân về thuế trước ngày 28/5/2026.\n3. Các cơ quan, đơn vị, tổ chức, cá nhân có trách nhiệm thực hiện.",
			[]string{"Sở Xây dựng", "Sở Tài chính"}, [][]string{nil, nil}, []string{"2026-05-25", "2026-05-28"}},
		{"a co-lead that runs on to a date is no unit, and no coordinator", "Yêu cầu các trường trung cấp và các cơ sở giáo dục khác có đào tạo trung cấp trước ngày 30/11/2026 phải gửi kế hoạch tuyển sinh về Sở Giáo dục và Đào tạo.",
			[]string{"các trường trung cấp"}, [][]string{nil}, []string{"2026-11-30"}},
		{"a coordinator cut after a word that needs one after it is none", "Giao Sở Y tế chủ trì, phối hợp với các cơ sở khám bệnh có đăng ký trước ngày 30/11/2026 rà soát danh mục thuốc.",
			[]string{"Sở Y tế"}, [][]string{nil}, []string{"2026-11-30"}},
		{"levels written in pairs without a comma stay in the group's name", "Giao các sở ngành, quận huyện giải quyết kiến nghị của cử tri, báo cáo trước ngày 15/11/2026.\n\nGiao các sở, ngành, quận huyện, xã phường rà soát hồ sơ trước ngày 20/11/2026.",
			[]string{"các sở, ngành, quận huyện", "các sở, ngành, quận huyện, xã phường"}, [][]string{nil, nil}, []string{"2026-11-15", "2026-11-20"}},
		{"the same unit sends back what it was asked for, a paragraph later, by a date", "Bộ Thông tin và Truyền thông đề nghị Quý Cơ quan cung cấp các thông tin, số liệu về gửi, nhận văn bản điện tử.\n\nĐề nghị Quý Cơ quan điền và gửi Phiếu thu thập số liệu trên Hệ thống trước ngày 21/4/2026.",
			[]string{"Quý Cơ quan"}, [][]string{nil}, []string{"2026-04-21"}},
		{"the unit named again by its kind sends the report by a date", "Ban quản lý đề nghị các doanh nghiệp đang hoạt động tại các khu công nghiệp báo cáo về tình hình triển khai dự án đầu tư.\n\nDoanh nghiệp hoàn tất báo cáo và gửi về Phòng Quản lý doanh nghiệp trước ngày 14/4/2026.",
			[]string{"các doanh nghiệp", "Doanh nghiệp"}, [][]string{nil, nil}, []string{"2026-04-14", "2026-04-14"}},
		{"a standing duty keeps no date of the report that follows it", "Giao Sở Xây dựng chủ trì triển khai thực hiện Kế hoạch.\n\nSở Xây dựng tổng hợp, gửi báo cáo kết quả về UBND tỉnh trước ngày 15/4/2026.",
			[]string{"Sở Xây dựng", "Sở Xây dựng"}, [][]string{nil, nil}, []string{"", "2026-04-15"}},
		{"where the materials are posted leaves the request open to its date", "Bộ Tư pháp đề nghị Quý cơ quan nghiên cứu cho ý kiến đối với hồ sơ dự thảo Quyết định.\n\nHồ sơ dự thảo Quyết định gửi xin ý kiến được đăng tải tại Mục chỉ đạo điều hành trên Cổng thông tin điện tử của Bộ Tư pháp, bao gồm: (1) Dự thảo Tờ trình; (2) Dự thảo Quyết định.\n\nVăn bản góp ý đề nghị gửi về Bộ Tư pháp (Vụ Phổ biến, giáo dục pháp luật) trước ngày 12/4/2026.",
			[]string{"Quý cơ quan"}, [][]string{nil}, []string{"2026-04-12"}},
		{"a connective of time before the subject", "Trước mắt, Sở Tài chính thực hiện việc phân bổ vốn theo Quyết định số 184/QĐ-TTg ngày 28 tháng 01 năm 2026. Về lâu dài, Sở Xây dựng rà soát quy hoạch các khu dân cư.",
			[]string{"Sở Tài chính", "Sở Xây dựng"}, [][]string{nil, nil}, []string{"", ""}},
		{"what every item of a list makes, sent by a date below it", "Bộ Kế hoạch và Đầu tư đề nghị Ủy ban nhân dân các tỉnh:\n(1) Tổng hợp Danh mục dự án đã đầu tư, đúng đối tượng hỗ trợ nhưng chưa phân bổ chi tiết;\n(2) Tổng hợp Danh mục dự án của doanh nghiệp đã đầu tư nhưng chưa có vốn bố trí trung hạn.\nDanh mục dự án gửi về Bộ Kế hoạch và Đầu tư trước ngày 15/4/2026 (file mềm gửi theo địa chỉ email: ktnn@mpi.gov.vn).",
			[]string{"UBND các tỉnh", "UBND các tỉnh"}, [][]string{nil, nil}, []string{"2026-04-15", "2026-04-15"}},
		{"the competent ones of a group, or those concerned after a list, are not every member", "Giao Sở Y tế chủ trì, phối hợp các sở, ngành chức năng rà soát trước ngày 20/4/2026.\n\nGiao Sở Tài chính chủ trì, phối hợp các sở, ngành, đơn vị, cá nhân liên quan rà soát trước ngày 20/4/2026.",
			[]string{"Sở Y tế", "Sở Tài chính"}, [][]string{{"các sở, ngành chức năng"}, {"các sở, ngành, đơn vị, cá nhân liên quan"}}, []string{"2026-04-20", "2026-04-20"}},
		{"those assigned, before a duty's modal, are the group's name", "Các đơn vị và phòng ban được phân công phải cập nhật kết quả giải quyết trước ngày 20/4/2026.",
			[]string{"Các đơn vị và phòng ban được phân công"}, [][]string{nil}, []string{"2026-04-20"}},
		{"whose answer is asked for, by when, in the middle of a paragraph", "6. Tài liệu phiên họp: Văn phòng UBND tỉnh đã cung cấp đến địa chỉ thư công vụ của các cơ quan, địa phương. Ý kiến tham gia, góp ý báo cáo của các cơ quan, địa phương gửi về Văn phòng UBND tỉnh trước ngày 30/4/2026 (qua địa chỉ thư công vụ).",
			[]string{"các cơ quan, địa phương"}, [][]string{nil}, []string{"2026-04-30"}},
		{"name runs through ordinary words", "Giao Ban Quản lý dự án đầu tư xây dựng tỉnh chủ trì, phối hợp với Sở Xây dựng triển khai thực hiện trước ngày 30/4/2026.",
			[]string{"Ban Quản lý dự án đầu tư xây dựng tỉnh"}, [][]string{{"Sở Xây dựng"}}, []string{"2026-04-30"}},
		{"a list of localities after 'UBND các địa phương:' is each place's committee", "Theo đó, UBND các địa phương: Khánh Sơn, Cam Lâm rà soát, đưa ra khỏi danh sách các thôn không đủ điều kiện trước ngày 30/4/2026.",
			[]string{"UBND Khánh Sơn"}, [][]string{{"UBND Cam Lâm"}}, []string{"2026-04-30"}},
		{"a recital's reports after ';' assign nothing", "Xét Báo cáo số 3107/BC-UBND ngày 29 tháng 6 năm 2026 của Ủy ban nhân dân tỉnh về tình hình kinh tế - xã hội; Báo cáo của các cơ quan: Toà án nhân dân tỉnh, Viện kiểm sát nhân dân tỉnh, trình tại Kỳ họp thứ Hai mươi mốt; ý kiến thảo luận của đại biểu.\n\nGiao Sở Tài chính chủ trì triển khai trước ngày 30/4/2026.",
			[]string{"Sở Tài chính"}, [][]string{nil}, []string{"2026-04-30"}},
		{"a recital opening a sentence that assigns still lets it", "Xét đề nghị của Sở Y tế tại Tờ trình số 12/TTr-SYT, Chủ tịch UBND tỉnh giao Sở Tài chính thẩm định trước ngày 30/4/2026.",
			[]string{"Sở Tài chính"}, [][]string{nil}, []string{"2026-04-30"}},
		{"a group of committees whose last level is one named place", "2. UBND các huyện, thị xã, thành phố Huế; các sở: Xây dựng, Công Thương theo chức năng, nhiệm vụ được giao tổ chức triển khai trước ngày 30/4/2026.",
			[]string{"UBND các huyện, thị xã, thành phố Huế"}, [][]string{{"Sở Xây dựng", "Sở Công Thương"}}, []string{"2026-04-30"}},
		{"a group issues its own rules: a duty", "Điều 2. Các cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh, Ủy ban nhân dân các xã, phường ban hành Quy chế làm việc phù hợp với Quy chế này.",
			[]string{"Các cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh"}, [][]string{{"UBND các xã, phường"}}, []string{""}},
		{"a ministry's department is named by 'Vụ' and its name", "Điều 2. Giao Vụ Dân tộc thiểu số chủ trì, phối hợp với Sở Tài chính triển khai thực hiện trước ngày 30/4/2026.",
			[]string{"Vụ Dân tộc thiểu số"}, [][]string{{"Sở Tài chính"}}, []string{"2026-04-30"}},
		{"'mời' and 'là' end a name", "Các thành viên của Tổ công tác là Trưởng, Phó phòng, chuyên viên từ các sở, ngành.\n\nĐoàn giám sát mời đại diện một số cơ quan, một số chuyên gia tham gia các hoạt động của Đoàn, báo cáo trước ngày 30/4/2026.",
			[]string{"Đoàn giám sát"}, [][]string{nil}, []string{"2026-04-30"}},
		{"'giao trách nhiệm cho' assigns, past the head's title", "Điều 3: Giao trách nhiệm cho Trưởng ban Ban Tổ chức chính quyền thành phố hướng dẫn, kiểm tra, báo cáo trước ngày 30/4/2026.",
			[]string{"Ban Tổ chức chính quyền thành phố"}, [][]string{nil}, []string{"2026-04-30"}},
		{"whom the lead works with, in the clause after ';'", "Giao Sở Xây dựng chủ trì khẩn trương tổ chức triển khai các nội dung chỉ đạo; phối hợp Sở Tài chính; Viễn thông Đồng Nai (VNPT Đồng Nai) và các đơn vị liên quan thực hiện trước ngày 30/4/2026.",
			[]string{"Sở Xây dựng"}, [][]string{{"Sở Tài chính", "Viễn thông Đồng Nai", "các đơn vị liên quan"}}, []string{"2026-04-30"}},
		{"a closing request's date covers every undated item of the list before it", "Sở Nội vụ đề nghị các sở, ban, ngành, UBND các huyện, thành phố báo cáo số liệu cải cách hành chính, như sau:\n\n1. Đối với các sở, ban, ngành báo cáo theo phụ lục 1 kèm theo văn bản này.\n\n2. UBND các huyện, thành phố báo cáo theo phụ lục 2 kèm theo văn bản này.\n\nSở Nội vụ trân trọng đề nghị các cơ quan, đơn vị phối hợp thực hiện và gửi báo cáo số liệu cải cách hành chính về Sở Nội vụ trước ngày 17/4/2026 (phòng Cải cách hành chính, Sở Nội vụ, số 6 đường Tô Hiệu, thành phố Sơn La; điện thoại 0212.3852; thư điện tử cchc@sonla.gov.vn).",
			[]string{"các sở, ban, ngành", "UBND các huyện, thành phố"}, [][]string{nil, nil}, []string{"2026-04-17", "2026-04-17"}},
		{"a longer name than the directory's is another body", "Giao Ban Quản lý dự án đầu tư xây dựng công trình dân dụng và công nghiệp tỉnh khẩn trương hoàn thiện hồ sơ.",
			[]string{"Ban Quản lý dự án đầu tư xây dựng công trình dân dụng và công nghiệp tỉnh"}, [][]string{nil}, []string{""}},
		{"the directory's name with its level", "Giao Ban Quản lý dự án đầu tư xây dựng tỉnh khẩn trương hoàn thiện hồ sơ.",
			[]string{"Ban Quản lý dự án đầu tư xây dựng tỉnh"}, [][]string{nil}, []string{""}},
		{"a time first, then the subject", "Trong thời hạn 07 ngày làm việc kể từ ngày ký, Sở Tài chính tham mưu UBND tỉnh bố trí kinh phí thực hiện.",
			[]string{"Sở Tài chính"}, [][]string{nil}, []string{"2026-03-19"}},
		{"a group of provinces after a city's committee", "Đề nghị UBND TP.HCM và các tỉnh Tây Ninh, Tiền Giang thông báo cho các doanh nghiệp.",
			[]string{"UBND TP.HCM"}, [][]string{{"các tỉnh Tây Ninh, Tiền Giang"}}, []string{""}},
		{"a further duty with its own deadline", "Giao Sở Xây dựng có trách nhiệm chủ động phối hợp với UBND các huyện lựa chọn địa điểm. Đồng thời tổng hợp kết quả thực hiện, báo cáo UBND tỉnh trước ngày 15/4/2026.",
			[]string{"Sở Xây dựng", "Sở Xây dựng"}, [][]string{{"UBND các huyện"}, nil}, []string{"", "2026-04-15"}},
		{"'giúp' and 'tạm dừng' are verbs", "Giao Bộ Công an giúp Thủ tướng Chính phủ theo dõi, đôn đốc. Đề nghị các địa phương tạm dừng sáp nhập sở, ngành.",
			[]string{"Bộ Công an", "các địa phương"}, [][]string{nil, nil}, []string{"", ""}},
		{"a group of places then its verb", "ỦY BAN NHÂN DÂN\nTỈNH BẾN TRE\n\nKính gửi:\n- Sở Giao thông, Y tế, Bưu điện, Điện lực tỉnh;\n- UBND các huyện, thị.\n\nUBND tỉnh chỉ đạo:\n1- Các huyện tổ chức di dời dân đến nơi an toàn, thực hiện xong trước ngày 20/3/2026.\n2- Các huyện thành lập đoàn kiểm tra.",
			[]string{"Các huyện", "Các huyện"}, [][]string{nil, nil}, []string{"2026-03-20", ""}},
		{"alike items with two deadlines are two tasks", "1. Sở Xây dựng chủ trì, phối hợp với Sở Tài chính đề xuất danh mục dự án kêu gọi đầu tư năm 2027; tham mưu, đề xuất UBND tỉnh trước ngày 16/4/2026.\n2. Sở Xây dựng đề xuất danh mục dự án kêu gọi đầu tư năm 2027; báo cáo UBND tỉnh trước ngày 7/5/2026.",
			[]string{"Sở Xây dựng", "Sở Xây dựng"}, [][]string{{"Sở Tài chính"}, nil}, []string{"2026-04-16", "2026-05-07"}},
		{"district name", "Giao UBND huyện Lập Thạch chủ trì thực hiện.",
			[]string{"UBND huyện Lập Thạch"}, [][]string{nil}, []string{""}},
		{"giáo viên is not giao", "Giao Sở Giáo dục và Đào tạo chủ trì, ưu tiên điều động giáo viên giữa các địa phương thừa, thiếu giáo viên.",
			[]string{"Sở Giáo dục và Đào tạo"}, [][]string{nil}, []string{""}},
		{"list after a colon", "Giao các Sở: Y tế, Giáo dục và Đào tạo, Công Thương phối hợp với các Sở: Nội vụ, Tư pháp thực hiện.",
			[]string{"Sở Y tế"}, [][]string{{"Sở Giáo dục và Đào tạo", "Sở Công Thương", "Sở Nội vụ", "Sở Tư pháp"}}, []string{""}},
		{"list after a colon with the committee's long head", "d) Ủy ban nhân dân các xã: Mỹ An, Phú Thành, Tân Hội rà soát các tiêu chí, gửi hồ sơ về Sở Nông nghiệp và Môi trường chậm nhất ngày 15/4/2026.",
			[]string{"Ủy ban nhân dân xã Mỹ An"}, [][]string{{"Ủy ban nhân dân xã Phú Thành", "Ủy ban nhân dân xã Tân Hội"}}, []string{"2026-04-15"}},
		{"a plan's purpose part tasks no one", "KẾ HOẠCH\nI. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\n- Chủ động phòng, chống dịch bệnh.\n2. Yêu cầu\nCác cơ quan, đơn vị phối hợp chặt chẽ, đúng chức năng, nhiệm vụ.\nII. TỔ CHỨC THỰC HIỆN\n1. Sở Y tế chủ trì triển khai Kế hoạch, báo cáo UBND tỉnh trước ngày 15/4/2026.",
			[]string{"Sở Y tế"}, [][]string{nil}, []string{"2026-04-15"}},
		{"a purpose part in a title line ends at the next title", "MỤC ĐÍCH, YÊU CẦU\nCác sở, ngành phối hợp chặt chẽ.\nTỔ CHỨC THỰC HIỆN\nSở Y tế chủ trì triển khai Kế hoạch, báo cáo UBND tỉnh trước ngày 15/4/2026.",
			[]string{"Sở Y tế"}, [][]string{nil}, []string{"2026-04-15"}},
		{"'tự' opens the predicate", "1. Các đơn vị tự kiểm tra, rà soát hồ sơ, báo cáo UBND tỉnh trước ngày 20/4/2026.\n2. Ban quản lý Khu bảo tồn thiên nhiên tự chủ động rà soát ranh giới trước ngày 22/4/2026.\n3. Giao Phòng Cảnh sát quản lý hành chính về trật tự xã hội chủ trì kiểm tra trước ngày 24/4/2026.",
			[]string{"Các đơn vị", "Ban quản lý Khu bảo tồn thiên nhiên", "Phòng Cảnh sát quản lý hành chính về trật tự xã hội"}, [][]string{nil, nil, nil}, []string{"2026-04-20", "2026-04-22", "2026-04-24"}},
		{"a body dissolving is no task", "Điều 2. Nhiệm vụ của Tổ công tác\n1. Rà soát các dự án, hoàn thành trước ngày 30/4/2026.\nĐiều 3. Tổ công tác tự giải thể sau khi hoàn thành nhiệm vụ.",
			[]string{"Tổ công tác"}, [][]string{nil}, []string{"2026-04-30"}},
		{"a closing that asks for the time given", "1. Giao Sở Nội vụ tổng hợp, báo cáo UBND tỉnh trước 16 giờ 00 ngày 20/4/2026.\nĐây là nhiệm vụ cấp bách, yêu cầu các đơn vị nghiêm túc thực hiện đúng thời gian quy định./.",
			[]string{"Sở Nội vụ"}, [][]string{nil}, []string{"2026-04-20"}},
		{"a unit's working part in parentheses is no second lead", "1. Giao Sở Nội vụ (Ban Thi đua - Khen thưởng) chủ trì, phối hợp Sở Tài chính rà soát hồ sơ đề nghị khen thưởng, xong trước ngày 18/4/2026.",
			[]string{"Sở Nội vụ"}, [][]string{{"Sở Tài chính"}}, []string{"2026-04-18"}},
		{"a bare head is the one addressee it names", "Kính gửi: Giám đốc Sở Tư pháp.\nĐể bảo đảm tiến độ, đề nghị đồng chí Giám đốc Sở tiếp tục quan tâm chỉ đạo một số nội dung như sau:\n-\nChỉ đạo các đơn vị chức năng khẩn trương hoàn thiện hồ sơ.\n-\nTổ chức điều tra, gửi về Bộ Lao động\n- Thương binh và Xã hội (qua Vụ Lao động - Tiền lương) trước ngày 31/7/2026.",
			[]string{"Sở Tư pháp", "Sở Tư pháp"}, [][]string{nil, nil}, []string{"", "2026-07-31"}},
		{"a courtesy address with two addressees stays as written", "Kính gửi:\n- Sở Tư pháp;\n- Sở Nội vụ.\nĐề nghị Quý Sở khẩn trương gửi báo cáo trước ngày 30/4/2026.\nSở Công thương đề nghị quý cơ quan góp ý cho dự thảo, gửi về Sở trước ngày 5/5/2026.",
			[]string{"Quý Sở", "quý cơ quan"}, [][]string{nil, nil}, []string{"2026-04-30", "2026-05-05"}},
		{"a courtesy address after runes whose lower case is longer", "ȺȺȺȺȺȺ Sở Công thương đề nghị quý cơ quan góp ý cho dự thảo, gửi về Sở trước ngày 5/5/2026.",
			[]string{"quý cơ quan"}, [][]string{nil}, []string{"2026-05-05"}},
		{"a courtesy to close is no task", "1. Giao Sở Tư pháp rà soát, báo cáo trước ngày 30/4/2026.\nSở Tài nguyên và Môi trường mong nhận được ý kiến góp ý của Quý Cơ quan. Tổng cục Thống kê trân trọng cảm ơn sự phối hợp của Quý Cơ quan.",
			[]string{"Sở Tư pháp"}, [][]string{nil}, []string{"2026-04-30"}},
		{"a long list after 'các Bộ:' with glued words", "Phó Thủ tướng Thường trựcChính phủ giao các Bộ: Kế hoạch và Đầu tư, Tài chính, Giaothông vận tải, Nông nghiệp và Phát triển nông thôn, Xây dựng, Công Thương, Tàinguyên và Môi trường, Lao động-Thương binh và Xã hội, Y tế, Văn hóa, Thể thao và Du lịch, Nội vụ làm việc với các tỉnh Đắk Lắk, Gia Lai, Kon Tum xác định sựcần thiết, quy mô, mức, nguồn kinh phí cần có để thực hiện các nội dung mà đồngchí Tổng Bí thư đã đặt ra.",
			[]string{"Bộ Kế hoạch và Đầu tư"}, [][]string{{"Bộ Tài chính", "Bộ Giaothông vận tải", "Bộ Nông nghiệp và Phát triển nông thôn", "Bộ Xây dựng", "Bộ Công Thương", "Bộ Tàinguyên và Môi trường", "Bộ Lao động-Thương binh và Xã hội", "Bộ Y tế", "Bộ Văn hóa, Thể thao và Du lịch", "Bộ Nội vụ"}}, []string{""}},
		{"a case clause before the duty, its deadline in the paragraph below", "Kính gửi:\n\nSở Tư pháp\n\nBộ hướng dẫn và đề nghị Quý Sở thực hiện một số nội dung sau:\n\n1. Đối với các trường hợp đề nghị khen thưởng cấp Trung ương (từ Bằng khen trở lên), lập hồ sơ, thủ tục theo quy định.\n\nHồ sơ đề nghị khen thưởng gửi về các cơ quan liên quan trước ngày 30/4/2026.",
			[]string{"Sở Tư pháp"}, [][]string{nil}, []string{"2026-04-30"}},
		{"a form letter's blank is no directory unit; a letter sent before is background", "Ngày 27/01/2026, Bộ Xây dựng có công văn số 140/BXD-QLN đề nghị UBND các tỉnh, thành phố rà soát số hộ được hỗ trợ.\nĐề nghị UBND Tỉnh/Thành phố gửi báo cáo về Bộ Xây dựng trước ngày 25/5/2026.",
			[]string{"UBND Tỉnh/Thành phố"}, [][]string{nil}, []string{"2026-05-25"}},
		{"Chủ nhiệm is a title; one person's titles split by a comma", "Căn cứ Thông tư số 02/2017/TT-VPCP ngày 31/10/2017 của Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ hướng dẫn về nghiệp vụ kiểm soát thủ tục hành chính;\nĐề nghị đồng chí Chủ nhiệm Văn phòng Quốc hội báo cáo Ủy ban Thường vụ Quốc hội cho ý kiến.\nBộ trưởng, Chủ nhiệm Ủy ban Dân tộc, Trưởng Ban Tổ chức Đại hội toàn quốc cần tập trung chỉ đạo, báo cáo trước ngày 30/4/2026.",
			[]string{"Văn phòng Quốc hội", "Ủy ban Dân tộc"}, [][]string{nil, {"Ban Tổ chức Đại hội toàn quốc"}}, []string{"", "2026-04-30"}},
		{"'Ngoại giao' is no 'giao'; a list by ';' after 'các Bộ:'", "Các Bộ: Quốc phòng, Công an, Ngoại giao; Thông tấn xã Việt Nam; Ủy ban An toàn giao thông Quốc gia báo cáo nhanh tình hình, gửi về Văn phòng Chính phủ trước ngày 30/4/2026.\nThông tấn xã Việt Nam ngày 09 tháng 11 năm 2025, có bài phản ánh việc xây dựng trái phép.",
			[]string{"Bộ Quốc phòng"}, [][]string{{"Bộ Công an", "Bộ Ngoại giao", "Thông tấn xã Việt Nam", "Ủy ban An toàn giao thông Quốc gia"}}, []string{"2026-04-30"}},
		{"a date in the opening purpose clause is the purpose's", "Để có số liệu báo cáo tại Hội nghị triển khai Đề án, dự kiến tổ chức vào đầu tháng 6/2026, Bộ Giáo dục và Đào tạo đề nghị Sở Tư pháp khẩn trương báo cáo số liệu.",
			[]string{"Sở Tư pháp"}, [][]string{nil}, []string{""}},
		{"a numbered duty without subject that sends by a date is the one addressee's", "Kính gửi: Sở Tư pháp.\nCục Kiểm soát có ý kiến như sau:\n1. Đối với các hồ sơ đăng ký trước năm 2025\nĐề nghị Sở Tư pháp gửi hồ sơ về Cục trước ngày 27/4/2026.\n2. Đối với các hồ sơ đăng ký từ năm 2025 báo cáo và gửi kèm hồ sơ về Cục trước ngày 15/5/2026.",
			[]string{"Sở Tư pháp", "Sở Tư pháp"}, [][]string{nil, nil}, []string{"2026-04-27", "2026-05-15"}},
		{"a commune's letter: hamlets, its officials, associations", "1. Trưởng các ấp phối hợp với Chi hội Phụ nữ, Chi hội Nông dân ấp tổ chức rà soát, gửi về Ủy ban nhân dân xã chậm nhất ngày 22/4/2026.\n2. Công chức Văn hóa - Xã hội tổng hợp, tham mưu Ủy ban nhân dân xã họp xét duyệt trước ngày 26/4/2026.\n3. Bí thư các chi đoàn đẩy mạnh tuyên truyền, báo cáo trước ngày 28/4/2026.",
			[]string{"các ấp", "Công chức Văn hóa - Xã hội", "các chi đoàn"}, [][]string{{"Chi hội Phụ nữ", "Chi hội Nông dân ấp"}, nil, nil}, []string{"2026-04-22", "2026-04-26", "2026-04-28"}},
		{"whom to call if something is unclear is no task", "1. Giao Sở Tư pháp rà soát, báo cáo trước ngày 30/4/2026.\nTrong quá trình thực hiện, nếu có vướng mắc, đề nghị các đơn vị liên hệ Phòng Ngân sách, điện thoại 028.38290000 để được hướng dẫn./.",
			[]string{"Sở Tư pháp"}, [][]string{nil}, []string{"2026-04-30"}},
		{"an allocation the decision makes is no task", "Điều 1. Giao chỉ tiêu kế hoạch phát triển kinh tế - xã hội năm 2027 cho các sở, ban, ngành tỉnh (chi tiết theo phụ lục).\nĐiều 2. Giao dự toán ngân sách năm 2027 cho Sở Tư pháp.\nĐiều 3. Giao Sở Tư pháp theo dõi, báo cáo trước ngày 30/4/2026.",
			[]string{"Sở Tư pháp"}, [][]string{nil}, []string{"2026-04-30"}},
		{"a report's contents listed below its request are one task", "Theo đó, Cục Văn thư đề nghị Sở Tư pháp báo cáo một số nội dung sau:\n\n1. Văn bản chỉ đạo, hướng dẫn về xử lý tài liệu tồn đọng;\n\n2. Kết quả thực hiện chỉnh lý tài liệu;\n\n3. Đề xuất, kiến nghị về công tác chỉnh lý.\n\nBáo cáo gửi về Cục Văn thư trước ngày 15 tháng 4 năm 2026.",
			[]string{"Sở Tư pháp"}, [][]string{nil}, []string{"2026-04-15"}},
		{"forms, labels and titles under a heading are no tasks", "Giao Sở Tư pháp thực hiện các nội dung sau:\n1. Rà soát hồ sơ, báo cáo trước ngày 30/4/2026.\n2. Biểu số 05: Báo cáo thống kê công tác lưu trữ.\n3. Căn cứ kiểm tra:\n4. CĂN CỨ, NỘI DUNG KIỂM TRA:",
			[]string{"Sở Tư pháp"}, [][]string{nil}, []string{"2026-04-30"}},
		{"legal aid, copying, a yearly adverb", "Đề nghị các Trung tâm Trợ giúp pháp lý Nhà nước kiểm tra hộp thư điện tử trước ngày 20/4/2026.\nĐề nghị Uỷ ban nhân dân các tỉnh, thành phố sao gửi văn bản này cho Uỷ ban nhân dân cấp huyện trước ngày 22/4/2026.\nĐề nghị các Trung tâm hàng năm chỉ thực hiện 02 kỳ báo cáo, gửi trước ngày 25/4/2026.",
			[]string{"các Trung tâm Trợ giúp pháp lý Nhà nước", "UBND các tỉnh, thành phố", "các Trung tâm"}, [][]string{nil, nil, nil}, []string{"2026-04-20", "2026-04-22", "2026-04-25"}},
		{"the units after 'Đối với' do what follows its colon", "Bộ Xây dựng yêu cầu như sau:\n- Đối với 4 Tổng công ty trực thuộc Bộ (gồm: CC1, IDICO, FICO và VNCC): báo cáo tình hình sản xuất kinh doanh, gửi về Bộ trước ngày 15/4/2026.\n- Đối với 02 Tập đoàn và TCty công nghiệp xi măng Việt Nam: thực hiện báo cáo theo yêu cầu.",
			[]string{"4 Tổng công ty trực thuộc Bộ", "02 Tập đoàn"}, [][]string{nil, {"TCty công nghiệp xi măng Việt Nam"}}, []string{"2026-04-15", ""}},
		{"a department's own inspectorate is one name", "Sở Xây dựng yêu cầu Thanh tra Sở Xây dựng theo dõi, kiểm tra việc chấp hành, báo cáo trước ngày 30/4/2026.\nĐề nghị Văn phòng Sở Y tế tổng hợp, báo cáo trước ngày 5/5/2026.",
			[]string{"Thanh tra Sở Xây dựng", "Văn phòng Sở Y tế"}, [][]string{nil, nil}, []string{"2026-04-30", "2026-05-05"}},
		{"a party group heads a name; 'tích cực' opens the predicate", "Ban Thường vụ Tỉnh uỷ giao Đảng đoàn Hội Nông dân Việt Nam tỉnh tích cực chỉ đạo việc xây dựng kế hoạch tổ chức đại hội, hoàn thành trong quý III năm 2026.",
			[]string{"Đảng đoàn Hội Nông dân Việt Nam tỉnh"}, [][]string{nil}, []string{"2026-09-30"}},
		{"under a heading, facts, conditions and what is sent to the lead are no tasks", "Nhà trường giao cho Phòng Hành chính Tổng hợp tổ chức xin ý kiến góp ý như sau:\n- Đối tượng cho ý kiến: Trưởng các đơn vị; cán bộ, viên chức toàn trường.\n- Cách thức cho ý kiến: góp ý bằng văn bản riêng; nếu góp ý trên bản mềm thì phải bôi màu đỏ.\n- Ý kiến góp ý gửi về Phòng Hành chính Tổng hợp trước ngày 23/4/2026.\nNhà trường yêu cầu Trưởng các đơn vị trong toàn trường tổ chức lấy ý kiến, tổng hợp và gửi về trường trước ngày 23/4/2026.",
			[]string{"Phòng Hành chính Tổng hợp", "các đơn vị trong toàn trường"}, [][]string{nil, nil}, []string{"", "2026-04-23"}},
		{"a forecast's days before the heading's clause date no item", "Theo dự báo, từ ngày 28/4/2026 đến ngày 02/5/2026 có khả năng xảy ra triều cường. Để chủ động ứng phó, Chủ tịch Ủy ban nhân dân tỉnh yêu cầu:\n1. Sở Tư pháp kiểm tra, gia cố đê bao, hoàn thành trước 17 giờ ngày 28/4/2026.\n2. Giao Văn phòng Ủy ban nhân dân tỉnh theo dõi, đôn đốc thực hiện Công điện này.",
			[]string{"Sở Tư pháp", "Văn phòng Ủy ban nhân dân tỉnh"}, [][]string{nil, nil}, []string{"2026-04-28", ""}},
		{"'cũng' ends a name; 'quyết định' is a verb; 'được yêu cầu' is a role", "Bộ Tư pháp cũng được giao nhiệm vụ kiểm tra, báo cáo trước ngày 20/4/2026.\nThành phố giao Tư lệnh Bộ Tư lệnh Thủ đô quyết định cụ thể số lượng công dân nhập ngũ trước ngày 22/4/2026.",
			[]string{"Bộ Tư pháp", "Bộ Tư lệnh Thủ đô"}, [][]string{nil, nil}, []string{"2026-04-20", "2026-04-22"}},
		{"a lower-case 'ban quản lý' in a list of groups", "Các chủ đầu tư, ban quản lý dự án quyết liệt đẩy nhanh tiến độ giải ngân, báo cáo trước ngày 30/4/2026.",
			[]string{"Các chủ đầu tư, ban quản lý dự án"}, [][]string{nil}, []string{"2026-04-30"}},
		{"parenthesis dropped", "1. Giao Trung tâm Y tế huyện (Cơ quan Thường trực Ban Chỉ đạo Chăm sóc sức khỏe nhân dân huyện) chủ trì, phối hợp với các đơn vị liên quan triển khai Kế hoạch.",
			[]string{"Trung tâm Y tế huyện"}, [][]string{{"các đơn vị liên quan"}}, []string{""}},
		{"là cơ quan thường trực", "Sở Y tế là cơ quan thường trực, chủ trì theo dõi, đôn đốc thực hiện Kế hoạch này.",
			[]string{"Sở Y tế"}, [][]string{nil}, []string{""}},
		{"numbered subject and verb", "3. Ủy ban nhân dân các xã, thị trấn quán triệt, triển khai thực hiện Kế hoạch trước ngày 15/4/2026.",
			[]string{"UBND các xã, thị trấn"}, [][]string{nil}, []string{"2026-04-15"}},
		{"collective has one name", "1. UBND các xã, phường rà soát.\n2. Ủy ban nhân dân các xã, phường báo cáo.",
			[]string{"UBND các xã, phường", "UBND các xã, phường"}, [][]string{nil, nil}, []string{"", ""}},
		{"issuer is not its own assignee", "UBND tỉnh Đồng Tháp kêu gọi các doanh nghiệp tham gia.", nil, nil, nil},
		{"history is not a task", "Sở Xây dựng đã có văn bản số 12/SXD đề nghị Sở Tài chính bố trí vốn.", nil, nil, nil},
		{"execution clause", "Chánh Văn phòng UBND tỉnh, Giám đốc Sở Tài chính, Thủ trưởng các cơ quan, đơn vị có liên quan căn cứ Quyết định thi hành.", nil, nil, nil},
		{"effective date", "Quyết định này có hiệu lực kể từ ngày ký.", nil, nil, nil},
		{"execution clause split by semicolons", "Chánh Văn phòng UBND tỉnh; Giám đốc Sở Tài chính; Chủ tịch UBND các xã, phường và Thủ trưởng các cơ quan, đơn vị có liên quan căn cứ Quyết định thi hành./.", nil, nil, nil},
		{"execution clause of an article", "Điều 3. Chánh Văn phòng UBND tỉnh, Giám đốc các sở, ban, ngành tỉnh chịu trách nhiệm thi hành Quyết định này.", nil, nil, nil},
		{"citation", "Căn cứ Nghị quyết số 5/NQ-HĐND ngày 10/12/2025 của HĐND tỉnh giao Sở Tài chính bố trí vốn năm 2026;", nil, nil, nil},
		{"after a citation", "Căn cứ Nghị quyết số 5/NQ-HĐND ngày 10/12/2025 của HĐND tỉnh, giao Sở Tài chính bố trí vốn trước ngày 30/4/2026.",
			[]string{"Sở Tài chính"}, [][]string{nil}, []string{"2026-04-30"}},
		{"approval", "Thống nhất chủ trương cho Sở Xây dựng điều chỉnh dự án.", nil, nil, nil},
		{"wrapped line after a semicolon", "Giao Sở Xây dựng chủ trì rà soát các dự án;\nhoàn thành trước ngày 20/4/2026.",
			[]string{"Sở Xây dựng"}, [][]string{nil}, []string{"2026-04-20"}},
		{"duties under a heading", "Điều 2. Nhiệm vụ của Tổ công tác\n1. Rà soát hồ sơ các dự án.\n2. Báo cáo kết quả trước ngày 30/4/2026.",
			[]string{"Tổ công tác", "Tổ công tác"}, [][]string{nil, nil}, []string{"", "2026-04-30"}},
		{"a collective's tail after a comma", "Yêu cầu các sở, ban, ngành, đơn vị cấp tỉnh rà soát, báo cáo trước ngày 30/4/2026.",
			[]string{"các sở, ban, ngành, đơn vị cấp tỉnh"}, [][]string{nil}, []string{"2026-04-30"}},
		{"a further level joins a collective of committees", "UBND các quận, huyện, thị xã có trách nhiệm chỉ đạo, kiểm tra việc treo cờ.",
			[]string{"UBND các quận, huyện, thị xã"}, [][]string{nil}, []string{""}},
		{"one collective named twice is one lead", "UBND các xã, phường và Ủy ban nhân dân các xã, phường rà soát trước ngày 30/3/2026.",
			[]string{"UBND các xã, phường"}, [][]string{nil}, []string{"2026-03-30"}},
		{"the concerned units are not every unit", "Giao Sở Y tế chủ trì, phối hợp với các cơ quan, đơn vị, địa phương liên quan triển khai.",
			[]string{"Sở Y tế"}, [][]string{{"các cơ quan, đơn vị, địa phương liên quan"}}, []string{""}},
		{"the issuer among the subjects", "Tỉnh ủy, Hội đồng nhân dân, Ủy ban nhân dân và Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh tổ chức bắn pháo hoa đêm giao thừa.", nil, nil, nil},
		{"a prohibition assigns nothing", "Lãnh đạo các cơ quan, đơn vị, địa phương không tham dự lễ hội nếu không được cấp có thẩm quyền phân công.", nil, nil, nil},
		{"a party body of a unit", "Giao ban cán sự đảng UBND tỉnh lãnh đạo UBND tỉnh chỉ đạo triển khai thực hiện.",
			[]string{"ban cán sự đảng UBND tỉnh"}, [][]string{nil}, []string{""}},
		{"addressing the recipients", "Quý Cơ quan, đơn vị có ý kiến góp ý xin gửi về Sở Tài chính trước ngày 30/11/2026.",
			[]string{"các cơ quan, đơn vị"}, [][]string{nil}, []string{"2026-11-30"}},
		{"coordinators after a semicolon", "Giao Công an tỉnh chủ trì; Sở Y tế, Sở Tài chính phối hợp thực hiện trước ngày 30/4/2026.",
			[]string{"Công an tỉnh"}, [][]string{{"Sở Y tế", "Sở Tài chính"}}, []string{"2026-04-30"}},
		{"a unit's standing body is one name", "Đề nghị Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh phối hợp tuyên truyền.",
			[]string{"Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh"}, [][]string{nil}, []string{""}},
		{"a heading of several units with their titles", "1. Giám đốc các sở, Thủ trưởng các ban, ngành tỉnh, Chủ tịch UBND các xã, phường:\na) Quán triệt nội dung Chỉ thị này.\nb) Báo cáo kết quả về Sở Nội vụ trước ngày 15/6/2026.",
			[]string{"các sở", "các sở"}, [][]string{{"các ban, ngành tỉnh", "UBND các xã, phường"}, {"các ban, ngành tỉnh", "UBND các xã, phường"}}, []string{"", "2026-06-15"}},
		{"a name ends at \"xã hội\"", "Đề nghị các tổ chức chính trị - xã hội giám sát việc thực hiện.",
			[]string{"các tổ chức chính trị - xã hội"}, [][]string{nil}, []string{""}},
		{"a closing exhortation is no task", "1. Giao Sở Xây dựng rà soát, báo cáo trước ngày 20/4/2026.\nNhận được Công văn này, đề nghị các đơn vị khẩn trương triển khai thực hiện./.",
			[]string{"Sở Xây dựng"}, [][]string{nil}, []string{"2026-04-20"}},
		{"an item that says carry it out is a task", "1. Giao Sở Xây dựng rà soát, báo cáo trước ngày 20/4/2026.\n2. UBND các xã, phường triển khai thực hiện.",
			[]string{"Sở Xây dựng", "UBND các xã, phường"}, [][]string{nil, nil}, []string{"2026-04-20", ""}},
		{"a trigger heading assigns its items and is no task", "1. Giao Công an tỉnh:\n- Tăng cường kiểm tra an toàn phòng cháy;\n- Báo cáo UBND tỉnh trước ngày 30/4/2026.",
			[]string{"Công an tỉnh", "Công an tỉnh"}, [][]string{nil, nil}, []string{"", "2026-04-30"}},
		{"a part's heading stands alone; a group name runs on", "I. Nhiệm vụ chung\nBan Chỉ huy Phòng, chống thiên tai và Tìm kiếm cứu nạn các ngành, các cấp, Thủ trưởng các sở, ban, ngành tỉnh tập trung thực hiện một số công việc sau:\n- Khẩn trương hoàn thành tổng kết trước ngày 20/4/2026.",
			[]string{"Ban Chỉ huy Phòng, chống thiên tai và Tìm kiếm cứu nạn các ngành, các cấp"}, [][]string{{"các sở, ban, ngành tỉnh"}}, []string{"2026-04-20"}},
		{"a group's deadline line dates the task before", "Đề nghị Thủ trưởng các đơn vị trực thuộc rà soát việc thu quỹ.\nCác đơn vị thực hiện trước ngày 24/3/2026.",
			[]string{"các đơn vị trực thuộc"}, [][]string{nil}, []string{"2026-03-24"}},
		{"a note between a task and its deadline", "Đề nghị Sở Y tế xây dựng báo cáo sơ kết.\n(Có đề cương chi tiết gửi kèm)\nBáo cáo sơ kết gửi về Sở Nội vụ trước ngày 15 tháng 5 năm 2026.",
			[]string{"Sở Y tế"}, [][]string{nil}, []string{"2026-05-15"}},
		{"the purpose's date is not the deadline", "Để trình UBND tỉnh phê duyệt trong tháng 6/2026, Sở Nội vụ đề nghị Sở Y tế có ý kiến trước ngày 16/4/2026.",
			[]string{"Sở Y tế"}, [][]string{nil}, []string{"2026-04-16"}},
		{"meeting a requirement is no request", "Sở Tài chính bố trí vốn đáp ứng yêu cầu đặt ra của các sở, ngành, địa phương.",
			[]string{"Sở Tài chính"}, [][]string{nil}, []string{""}},
		{"some of a group is not the whole group", "Giao Sở Nông nghiệp và Môi trường chủ trì, phối hợp với Ủy ban nhân dân các xã, phường có nguy cơ sạt lở rà soát trước ngày 15/11/2026.",
			[]string{"Sở Nông nghiệp và Môi trường"}, [][]string{{"UBND các xã, phường"}}, []string{"2026-11-15"}},
		{"standing ready is a task", "5. Công an tỉnh, Bộ Chỉ huy Quân sự tỉnh sẵn sàng lực lượng, phương tiện ứng cứu khi có sự cố.",
			[]string{"Công an tỉnh"}, [][]string{{"Bộ Chỉ huy Quân sự tỉnh"}}, []string{""}},
		{"a list of places after its head", "Giao Ủy ban nhân dân huyện Thanh Bình, Cao Lãnh và Lấp Vò rà soát trước ngày 30/4/2026.",
			[]string{"Ủy ban nhân dân huyện Thanh Bình"}, [][]string{{"Ủy ban nhân dân huyện Cao Lãnh", "Ủy ban nhân dân huyện Lấp Vò"}}, []string{"2026-04-30"}},
		{"a name runs on past a comma to its level", "Giao Ban Quản lý Khu kinh tế, công nghiệp tỉnh rà soát.",
			[]string{"Ban Quản lý Khu kinh tế, công nghiệp tỉnh"}, [][]string{nil}, []string{""}},
		{"a district's merged office", "Giao Văn phòng HĐND và UBND huyện đôn đốc các phòng, ban thực hiện.",
			[]string{"Văn phòng HĐND và UBND huyện"}, [][]string{nil}, []string{""}},
		{"a letter's subject, told, is no task", "UBND tỉnh vừa có công văn yêu cầu Thanh tra tỉnh và UBND huyện Nho Quan về việc kiểm tra phản ánh của báo chí.\nTheo đó, UBND tỉnh giao Thanh tra tỉnh chủ trì kiểm tra, báo cáo trước ngày 20/7/2026.",
			[]string{"Thanh tra tỉnh"}, [][]string{nil}, []string{"2026-07-20"}},
		{"a group goes on with another in lower case", "Yêu cầu các cơ quan, đơn vị, các ngành có liên quan và các đơn vị chủ rừng rà soát.",
			[]string{"các cơ quan, đơn vị, các ngành có liên quan"}, [][]string{{"các đơn vị chủ rừng"}}, []string{""}},
		{"a unit told to inform others acts", "Giao Sở Xây dựng khảo sát hiện trạng.\nĐồng thời, UBND phường Cao Lãnh thông báo cho các hộ dân biết, di dời khẩn cấp trước ngày 30/4/2026.\nVăn phòng UBND tỉnh thông báo đến các đơn vị biết, thực hiện.",
			[]string{"Sở Xây dựng", "UBND phường Cao Lãnh"}, [][]string{nil, nil}, []string{"", "2026-04-30"}},
		{"'phổ thông báo cáo' is a name, then its verb", "1. Các trường trung học phổ thông báo cáo kết quả về Sở trước ngày 20/4/2026.",
			[]string{"Các trường trung học phổ thông"}, [][]string{nil}, []string{"2026-04-20"}},
		{"a closing exhortation with a contact line", "1. Giao Sở Xây dựng rà soát hồ sơ.\n2. Giao Sở Tài chính bố trí kinh phí.\nĐề nghị Thủ trưởng các đơn vị triển khai thực hiện nghiêm túc. Mọi chi tiết xin liên hệ ông Nguyễn Văn E, điện thoại 0277.3851234.",
			[]string{"Sở Xây dựng", "Sở Tài chính"}, [][]string{nil, nil}, []string{"", ""}},
		{"a time line closes all the items of its unit", "1. UBND xã Tháp Mười\n- Tập trung thu ngân sách.\n- Rà soát quỹ đất công.\nThời gian hoàn thành: trước ngày 30/4/2026.\n2. Giao Sở Xây dựng rà soát hồ sơ.",
			[]string{"UBND xã Tháp Mười", "UBND xã Tháp Mười", "Sở Xây dựng"}, [][]string{nil, nil, nil}, []string{"2026-04-30", "2026-04-30", ""}},
		{"owners are a group", "2. Các chủ đập thủy điện duy trì công tác quản lý an toàn đập.\n3. Các chủ rừng tổ chức tuần tra.",
			[]string{"Các chủ đập thủy điện", "Các chủ rừng"}, [][]string{nil, nil}, []string{"", ""}},
		{"an intro with nothing assigned below it is the task", "Trên cơ sở kết quả kiểm tra, Sở Tài chính yêu cầu Cục Hải quan các tỉnh, thành phố triển khai thực hiện các công việc sau:\n1. Về việc khai tại ô mô tả hàng hóa:\nQua kết quả kiểm tra cho thấy, người khai hải quan chưa khai chi tiết.",
			[]string{"Cục Hải quan các tỉnh, thành phố"}, [][]string{nil}, []string{""}},
		{"an intro whose items assign is no task", "Giao Sở Y tế thực hiện các nội dung sau:\n1. Rà soát hồ sơ, báo cáo trước ngày 20/4/2026.",
			[]string{"Sở Y tế"}, [][]string{nil}, []string{"2026-04-20"}},
		{"heads of bodies are titles", "1. Yêu cầu Tổng Thanh tra Chính phủ chỉ đạo thành lập đoàn thanh tra.\n2. Yêu cầu Bộ trưởng Bộ Công an chỉ đạo điều tra.\n3. Giao Thống đốc Ngân hàng Nhà nước Việt Nam chỉ đạo rà soát.\n4. Đề nghị Tổng Kiểm toán Nhà nước bố trí kiểm toán.\n5. Giao Viện trưởng Viện Kiểm sát nhân dân tỉnh chỉ đạo.\n6. Yêu cầu Tư lệnh Quân khu 9 chỉ đạo lực lượng.",
			[]string{"Thanh tra Chính phủ", "Bộ Công an", "Ngân hàng Nhà nước Việt Nam", "Kiểm toán Nhà nước", "Viện Kiểm sát nhân dân tỉnh", "Quân khu 9"},
			[][]string{nil, nil, nil, nil, nil, nil}, []string{"", "", "", "", "", ""}},
		{"an intro's rule for units heads its items", "Theo đó thì thời gian quy định cho các cơ quan, đơn vị, địa phương xây dựng kế hoạch và báo cáo gửi UBND tỉnh (thông qua Sở Nội vụ) cụ thể như sau:\n• Báo cáo tháng gửi trước ngày 15 của tháng\n• Báo cáo năm gửi trước ngày 25/11 hàng năm",
			[]string{"các cơ quan, đơn vị, địa phương", "các cơ quan, đơn vị, địa phương"}, [][]string{nil, nil}, []string{"2026-03-15", "2026-11-25"}},
		{"the units named above, given their deadline", "Yêu cầu các đơn vị thuộc Ngân hàng Nhà nước và các tổ chức tín dụng thực hiện chế độ báo cáo theo quy định.\nCác đơn vị nêu trên gửi báo cáo 6 tháng đầu năm về Ngân hàng Nhà nước trước ngày 15/6/2026 theo quy định.",
			[]string{"các đơn vị thuộc Ngân hàng Nhà nước"}, [][]string{{"các tổ chức tín dụng"}}, []string{"2026-06-15"}},
		{"what a cited letter assigns is no task; a courtesy is none", "Sở Công Thương nhận được Công văn số 3108/VP-XD2 ngày 12/9/2026 của Ủy ban nhân dân tỉnh, trong đó Ủy ban nhân dân tỉnh giao Sở Công Thương phối hợp cùng Sở Tài chính thông tin tới các doanh nghiệp.\nSở Công Thương yêu cầu Trung tâm Khuyến công rà soát danh sách.\nSở Công Thương rất mong sự quan tâm, phối hợp của Quý đơn vị.",
			[]string{"Trung tâm Khuyến công"}, [][]string{nil}, []string{""}},
		{"a part of a unit is one name with it", "Giao Phòng Cảnh sát giao thông Công an tỉnh kiểm tra, xử lý vi phạm.",
			[]string{"Phòng Cảnh sát giao thông Công an tỉnh"}, [][]string{nil}, []string{""}},
		{"a second assignment inside one sentence", "1. Giao Sở Tài chính rà soát kinh phí, báo cáo trước ngày 10/4/2026, đồng thời giao Sở Xây dựng kiểm tra công trình trước ngày 20/4/2026.\n2. Giao Sở Y tế rà soát hồ sơ… giao cho Sở Nội vụ kiểm tra, báo cáo trước ngày 30/4/2026.\n3. Giao Sở Công Thương chỉ đạo kiểm tra các hồ thủy điện, yêu cầu các chủ hồ thực hiện đúng quy trình vận hành.",
			[]string{"Sở Tài chính", "Sở Xây dựng", "Sở Y tế", "Sở Nội vụ", "Sở Công Thương"}, [][]string{nil, nil, nil, nil, nil},
			[]string{"2026-04-10", "2026-04-20", "", "2026-04-30", ""}},
		{"acronyms head names; handing over is no assignment", "1. BQL các dự án trọng điểm phát triển đô thị khẩn trương hoàn chỉnh hồ sơ để bàn giao hồ sơ hoàn công cho Sở Xây dựng.\n2. Giao BCĐ phòng chống thiên tai tỉnh kiểm tra.\n3. Giao KBNN tỉnh kiểm soát chi.",
			[]string{"BQL các dự án trọng điểm phát triển đô thị", "BCĐ phòng chống thiên tai tỉnh", "KBNN tỉnh"}, [][]string{nil, nil, nil}, []string{"", "", ""}},
		{"a group, then its members", "Đề nghị các bộ, ngành, đơn vị gồm Bộ Công an, Bộ Tài chính tăng cường các biện pháp hỗ trợ.",
			[]string{"các bộ, ngành, đơn vị"}, [][]string{nil}, []string{""}},
		{"closing restatement merges", "1. Giao Sở Xây dựng rà soát hồ sơ, báo cáo trước ngày 20/4/2026.\nCăn cứ nội dung này, Ủy ban nhân dân tỉnh yêu cầu Giám đốc Sở Xây dựng triển khai thực hiện.",
			[]string{"Sở Xây dựng"}, [][]string{nil}, []string{"2026-04-20"}},
		{"'độc lập' and 'công lập' are no verb 'lập'", "Yêu cầu các trường mầm non độc lập báo cáo trước ngày 20/4/2026. Đề nghị các trường công lập rà soát hồ sơ.",
			[]string{"các trường mầm non độc lập", "các trường công lập"}, [][]string{nil, nil}, []string{"2026-04-20", ""}},
		{"below the list of what it covers, the deadline of the task above", "Sở Tài chính đề nghị Quý Cơ quan cho ý kiến về dự thảo Thông tư. Dự thảo gồm:\n\n(1) Dự thảo Tờ trình;\n\n(2) Dự thảo Thông tư;\n\nVăn bản góp ý của Quý Cơ quan gửi về Sở Tài chính trước ngày 20/4/2026.",
			[]string{"Quý Cơ quan"}, [][]string{nil}, []string{"2026-04-20"}},
		{"the report asked for above, and by when", "Văn phòng Chính phủ đề nghị các cơ quan báo cáo tình hình triển khai các giải pháp chủ yếu của Nghị quyết.\n\nĐề nghị các cơ quan gửi báo cáo về Văn phòng Chính phủ trước ngày 24/4/2026 và cập nhật qua mạng điện tử trên Trang tin Chính phủ điện tử.",
			[]string{"các cơ quan"}, [][]string{nil}, []string{"2026-04-24"}},
		{"two kinds before a colon: the first names the members", "Văn phòng Chính phủ đề nghị các Bộ, cơ quan: Tài chính, Tư pháp, Ủy ban nhân dân tỉnh Tuyên Quang có ý kiến trước ngày 14/4/2026.",
			[]string{"Bộ Tài chính"}, [][]string{{"Bộ Tư pháp", "Ủy ban nhân dân tỉnh Tuyên Quang"}}, []string{"2026-04-14"}},
		{"the members of a body are one group", "Sở Giao thông vận tải đề nghị các cơ quan thành viên Ban An toàn giao thông tỉnh tham gia ý kiến trước ngày 28/4/2026.",
			[]string{"các cơ quan thành viên Ban An toàn giao thông tỉnh"}, [][]string{nil}, []string{"2026-04-28"}},
		{"a colon then the unit's action; 'tạo điều kiện' and 'về việc' end a name", "Đề nghị Đài Truyền thanh huyện: phổ biến, phát động rộng rãi cuộc Hội thi trước ngày 30/4/2026.\nSở Tài chính trân trọng đề nghị Ban Giám hiệu Nhà trường tạo điều kiện cho sinh viên tham gia.",
			[]string{"Đài Truyền thanh huyện", "Ban Giám hiệu Nhà trường"}, [][]string{nil, nil}, []string{"2026-04-30", ""}},
		{"a courtesy names the kind of body only", "Sở Tài chính đề nghị Quý Cơ quan điền và gửi Phiếu thu thập số liệu trước ngày 20/4/2026.",
			[]string{"Quý Cơ quan"}, [][]string{nil}, []string{"2026-04-20"}},
		{"an opening clause, then a group in lower case that acts by a date", "Sau khi ban hành Kế hoạch, các cơ quan, đơn vị định kỳ đánh giá kết quả thực hiện, báo cáo UBND tỉnh trước ngày 05/6/2026.\nTrong thời gian qua, công tác phòng, chống dịch được các cấp, các ngành trong tỉnh quan tâm chỉ đạo.",
			[]string{"các cơ quan, đơn vị"}, [][]string{nil}, []string{"2026-06-05"}},
		{"'thì', 'bằng' and a lower-case 'giao' end a name; 'các báo cáo' names none", "Yêu cầu các đơn vị bằng mọi biện pháp hoàn thành giải ngân trước ngày 30/6/2026.\nTất cả các báo cáo phải gửi về Sở Y tế chậm nhất vào ngày 22/12/2026.\nĐối với sản phẩm có kích thước quá lớn, Ban tổ chức thì sẽ bố trí khu trưng bày riêng.\nRiêng đối với các tỉnh: Hà Nam, Bắc Ninh, Ủy ban nhân dân cấp tỉnh giao cơ quan chuyên môn hoàn thành trước ngày 30/7/2026.\nĐề nghị Ủy ban An toàn giao thông Quốc gia, Bộ Ngoại giao báo cáo trước ngày 30/8/2026.\nĐề nghị các đơn vị đồng bằng sông Cửu Long báo cáo trước ngày 30/9/2026.",
			[]string{"các đơn vị", "Ban tổ chức", "cơ quan chuyên môn", "Ủy ban An toàn giao thông Quốc gia", "các đơn vị đồng bằng sông Cửu Long"}, [][]string{nil, nil, nil, {"Bộ Ngoại giao"}, nil}, []string{"2026-06-30", "", "2026-07-30", "2026-08-30", "2026-09-30"}},
		{"a time before a colon dates the clause after it; a second named kind after 'và' is a second unit", "- Chậm nhất 30/11/2026: Các phòng GDĐT và trường THPT nộp hồ sơ đăng ký.\n\nĐề nghị các cơ quan và địa phương liên quan báo cáo trước ngày 15/12/2026.",
			[]string{"Các phòng GDĐT", "các cơ quan và địa phương liên quan"}, [][]string{nil, nil}, []string{"2026-11-30", "2026-12-15"}},
		{"'cũng', 'chỉ' before a verb, 'tặng' and 'chú ý' end a name; an award proposed is no task", "Các quận huyện và TP Thủ Đức cũng tham mưu kết thúc hoạt động trước ngày 30/5/2026.\nUBND xã chỉ xem xét đơn thư gửi đến trước ngày 15/6/2026.\nCác đơn vị chú ý hoàn thành trước ngày 20/6/2026.\nCác tập thể, cá nhân đề nghị Bộ Giáo dục và Đào tạo tặng Bằng khen năm học 2025-2026.",
			[]string{"Các quận huyện và TP Thủ Đức", "UBND xã", "Các đơn vị"}, [][]string{nil, nil, nil}, []string{"2026-05-30", "2026-06-15", "2026-06-20"}},
		{"a time right after the trigger, then the addressee; 'bàn giao' is a verb", "UBND thành phố yêu cầu đến ngày 5/6/2026 các địa phương phải hoàn tất việc khảo sát.\nUBND các huyện bàn giao toàn bộ mặt bằng chậm nhất ngày 30/6/2026.",
			[]string{"các địa phương", "UBND các huyện"}, [][]string{nil, nil}, []string{"2026-06-05", "2026-06-30"}},
		{"a scanned letter's first paragraph run on after the addressee with no full stop is read", "Kính gửi: Sở Y tế các tỉnh, thành phố trực thuộc Trung ương (danh sách kèm theo) Thực hiện chỉ đạo của Bộ trưởng Bộ Y tế, Cục Quản lý Khám, chữa bệnh đề nghị Sở Y tế các tỉnh, thành phố trực thuộc Trung ương báo cáo kết quả thực hiện trước ngày 30/7/2026.",
			[]string{"Sở Y tế các tỉnh, thành phố trực thuộc Trung ương"}, [][]string{nil}, []string{"2026-07-30"}},
		{"a letter's first paragraph run on after the addressee is read", "Kính gửi: Ông (Bà) Hiệu trưởng các đơn vị trực thuộc. Thực hiện Kế hoạch số 12/KH-UBND của UBND thành phố, Phòng Giáo dục và Đào tạo yêu cầu các trường học trực thuộc thực hiện các nội dung sau:\n\n1. Vận động học sinh tham gia, báo cáo kết quả trước ngày 20/4/2026.\n\n2. Triển khai tổng vệ sinh trường học, hoàn thành trước ngày 24/4/2026.",
			[]string{"các trường học trực thuộc", "các trường học trực thuộc"}, [][]string{nil, nil}, []string{"2026-04-20", "2026-04-24"}},
		{"plural committees with their places named right after them, as after a colon", "Chủ tịch UBND tỉnh yêu cầu Chủ tịch UBND các huyện Phù Mỹ, Vân Canh khẩn trương khắc phục, báo cáo trước ngày 30/10/2026.\nĐề nghị Ủy ban nhân dân các xã Tân Hòa, Mỹ An báo cáo trước ngày 30/11/2026.",
			[]string{"UBND huyện Phù Mỹ", "Ủy ban nhân dân xã Tân Hòa"}, [][]string{{"UBND huyện Vân Canh"}, {"Ủy ban nhân dân xã Mỹ An"}}, []string{"2026-10-30", "2026-11-30"}},
		{"persons after a unit are no part of its name", "Đề nghị Đài truyền thanh xã, các đồng chí Trưởng thôn thông báo liên tục trên hệ thống truyền thanh xã, thôn để toàn thể nhân dân biết thực hiện.",
			[]string{"Đài truyền thanh xã"}, [][]string{nil}, []string{""}},
		{"a standing duty, then a report due by a date in a clause after it", "Đề nghị Đài truyền thanh xã thông báo liên tục trên hệ thống loa, báo cáo kết quả trước ngày 30/4/2026.\nĐề nghị Đài truyền thanh huyện thông báo liên tục trên hệ thống loa.",
			[]string{"Đài truyền thanh xã", "Đài truyền thanh huyện"}, [][]string{nil, nil}, []string{"2026-04-30", ""}},
		{"a trigger in an aside in parentheses assigns nothing", "Sở Khoa học và Công nghệ tổng hợp kế hoạch (bao gồm cả nhiệm vụ thuộc các chương trình giao Bộ, ngành và cấp cơ sở), gửi về Bộ trước ngày 30/6/2026.",
			[]string{"Sở Khoa học và Công nghệ"}, [][]string{nil}, []string{"2026-06-30"}},
		{"a subject that reports and sends its report to a recipient is the lead, however far the sending", "Công an tỉnh, Bộ Chỉ huy Quân sự tỉnh báo cáo nhanh tình hình từng ngày trong dịp nghỉ lễ (từ ngày 16 đến ngày 18/4/2026), gửi hỏa tốc đến Văn phòng UBND tỉnh trước 16 giờ ngày 18/4/2026.",
			[]string{"Công an tỉnh"}, [][]string{{"Bộ Chỉ huy Quân sự tỉnh"}}, []string{"2026-04-18"}},
		{"'phê duyệt' is a verb", "UBND thành phố yêu cầu người đứng đầu cơ quan, tổ chức, đơn vị phê duyệt danh sách trước ngày 30/10/2026.",
			[]string{"cơ quan, tổ chức, đơn vị"}, [][]string{nil}, []string{"2026-10-30"}},
		{"a paper that reports or welcomes, a department that sends, speak: no task", "Báo Tiền Phong phản ánh ông Nguyễn Văn A, Giám đốc Sở Khoa học và Công nghệ tỉnh, chậm xử lý hồ sơ, đề nghị kiểm tra trước ngày 10/5/2026.\nBáo Cựu chiến binh rất hoan nghênh sự quan tâm và phối hợp của đồng chí Chủ tịch UBND tỉnh.\nSở Công thương kính gửi các sở, ngành dự thảo, có ý kiến đóng góp trước ngày 12/5/2026.",
			nil, nil, nil},
		{"what was sent is told, no matter forwarded", "Bản chính đã được gửi qua đường công văn đến các Trung tâm trợ giúp pháp lý.",
			nil, nil, nil},
		{"a weak verb before ', <verb>' is the predicate; 'phòng' in lower case heads a name; a time first without a comma", "Giao Ban Văn hóa – Thông tin kiểm tra, báo cáo kết quả thực hiện trước ngày 20/5/2026.\nSở Công Thương kính đề nghị phòng Kinh tế các huyện, thị xã phối hợp cung cấp thông tin trước ngày 25/5/2026.\nChậm nhất ngày 28/5/2026 các Sở Giáo dục và Đào tạo phải hoàn thành xét công nhận tốt nghiệp.",
			[]string{"Ban Văn hóa – Thông tin", "phòng Kinh tế các huyện, thị xã", "các Sở Giáo dục và Đào tạo"}, [][]string{nil, nil, nil}, []string{"2026-05-20", "2026-05-25", "2026-05-28"}},
		{"'các trường hợp' names no body; 'cho hay' and '(cũng) đánh giá cao' speak", "Các trường hợp nghỉ họp không có lý do, không báo cáo sẽ bị trừ điểm thi đua trước ngày 30/5/2026.\nKBNN cho hay đây là nhiệm vụ chính trị quan trọng hàng đầu, cần hoàn thành trước ngày 30/6/2026.\nBí thư Huyện ủy cũng đánh giá cao thành tích của Ban chỉ huy Quân sự huyện trong năm 2026.",
			nil, nil, nil},
		{"a body that reports as follows is the writer, no task", "Sở Giáo dục và Đào tạo báo cáo như sau: I. Tình hình thiệt hại do bão số 5 gây ra trước ngày 30/10/2026.",
			nil, nil, nil},
		{"a level of government as the subject; not a proper name after it", "Ủy ban nhân dân tỉnh yêu cầu tổ chức tổng kiểm kê đất đai như sau:\n- Cấp xã hoàn thành và báo cáo kết quả trước ngày 01/6/2026;\n- Cấp huyện hoàn thành và báo cáo kết quả trước ngày 15/7/2026;\n- Cấp Ủy ban cử đại diện dự họp.",
			[]string{"Cấp xã", "Cấp huyện"}, [][]string{nil, nil}, []string{"2026-06-01", "2026-07-15"}},
		{"a level of schooling as the subject; a title before a group after a time first; verbs that end a group's name; not 'treo cờ'", "Bậc tiểu học xét hoàn thành chương trình tiểu học trước ngày 30/6/2026.\nCấp THPT hoàn thành tuyển sinh vào lớp 10 trước ngày 31/7/2026.\nChậm nhất ngày 2/8/2026, Hiệu trưởng các trường trung học phổ thông cấp Giấy chứng nhận tốt nghiệp tạm thời cho thí sinh.\nTrước khi nghỉ lễ, yêu cầu các đơn vị vệ sinh phòng làm việc, hoàn thành trước ngày 28/4/2026.\nLĐLĐ đề nghị các cấp công đoàn treo băng rôn trước ngày 20/4/2026.\nCác cơ quan, đơn vị, trường học treo cờ Tổ quốc từ sáng ngày 30/4/2026.",
			[]string{"Bậc tiểu học", "Cấp THPT", "các trường trung học phổ thông", "các đơn vị", "các cấp công đoàn"}, [][]string{nil, nil, nil, nil, nil},
			[]string{"2026-06-30", "2026-07-31", "2026-08-02", "2026-04-28", "2026-04-20"}},
		{"a group's weak verb right after it; 'trân trọng', 'nêu cao', 'phát biểu' end a name; a date after 'Trước' with no 'ngày'", "Sở GD&ĐT cũng yêu cầu Thủ trưởng các đơn vị tổ chức trực và phân công cán bộ trực trước ngày 28/4/2026.\nỦy ban nhân dân xã Cao Mã Pờ trân trọng thông báo đến các tổ chức, cá nhân biết trước ngày 10/5/2026.\nBí thư Thành ủy Nguyễn Văn A phát biểu bế mạc hội nghị ngày 10/5/2026.\nTrước 10/5/2026, các trường mầm non, tiểu học nộp kế hoạch tuyển sinh cho các phòng GD&ĐT.\nTrân trọng cảm ơn./.",
			[]string{"các đơn vị", "các trường mầm non, tiểu học"}, [][]string{nil, nil}, []string{"2026-04-28", "2026-05-10"}},
		{"a level of government in lower case after a colon or a semicolon, with its list; 'Nhà trường' heads a subject", "Ủy ban nhân dân tỉnh yêu cầu tổ chức tổng kiểm kê như sau.\nCụ thể: cấp phường, xã phải hoàn thành và báo cáo kết quả về cấp huyện trước ngày 1/6/2026; cấp quận, huyện phải hoàn thành và báo cáo kết quả về thành phố trước ngày 15/7/2026.\nNhà trường xét công nhận hoàn thành chương trình tiểu học trước ngày 31/7/2026.",
			[]string{"cấp phường, xã", "cấp quận, huyện", "Nhà trường"}, [][]string{nil, nil, nil}, []string{"2026-06-01", "2026-07-15", "2026-07-31"}},
		{"'Bộ' alone before a weak verb is the ministry; a subject that has something done to it is no task", "Bộ Tư pháp yêu cầu Thủ trưởng các đơn vị thuộc Bộ tổ chức đánh giá, phân loại công chức trước ngày 15/12/2026.\nTrung tâm Phục vụ hành chính công phải được bố trí ở vị trí thuận lợi trước ngày 30/12/2026.",
			[]string{"các đơn vị thuộc Bộ"}, [][]string{nil}, []string{"2026-12-15"}},
		{"'Theo …, ' opens a clause before the subject", "Theo Kế hoạch nêu trên, Sở Nội vụ được giao trình Đề án sắp xếp thôn, tổ dân phố trong tháng 4/2026.",
			[]string{"Sở Nội vụ"}, [][]string{nil}, []string{"2026-04-30"}},
		{"'trực tiếp' before a verb ends a name", "Yêu cầu Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực tiếp chỉ đạo việc khắc phục, báo cáo trước ngày 20/5/2026.",
			[]string{"UBND các tỉnh, thành phố"}, [][]string{nil}, []string{"2026-05-20"}},
		{"a request that opens with 'Trân trọng' still assigns; the closing 'Trân trọng cảm ơn' does not", "Trân trọng đề nghị Quý cơ quan gửi ý kiến góp ý về Sở Tư pháp trước ngày 20/5/2026.\nTrân trọng cảm ơn./.",
			[]string{"Quý cơ quan"}, [][]string{nil}, []string{"2026-05-20"}},
		{"a purpose ('nhằm', 'để', 'trong việc') and 'tiến hành' end a coordinator's name", "Giao Ban Quản lý cửa khẩu chủ trì, phối hợp với các lực lượng tại cửa khẩu nhằm bảo đảm thông quan, báo cáo trước ngày 20/5/2026.\nGiao Sở Tư pháp chủ trì, phối hợp với Bộ Công an trong việc xác minh, báo cáo trước ngày 25/5/2026.\nGiao Sở Nội vụ chủ trì, phối hợp với Ủy ban bầu cử các xã, phường tiến hành rà soát, hoàn thành trước ngày 28/5/2026.",
			[]string{"Ban Quản lý cửa khẩu", "Sở Tư pháp", "Sở Nội vụ"}, [][]string{{"các lực lượng tại cửa khẩu"}, {"Bộ Công an"}, {"Ủy ban bầu cử các xã, phường"}}, []string{"2026-05-20", "2026-05-25", "2026-05-28"}},
		{"a group whose verb the rules do not know is the group; 'ngày hội giao quân' assigns nothing", "Để chuẩn bị cho ngày hội giao quân, Hội đồng nghĩa vụ quân sự huyện yêu cầu các xã phát lệnh gọi công dân nhập ngũ trước ngày 20/5/2026.",
			[]string{"các xã"}, [][]string{nil}, []string{"2026-05-20"}},
		{"a group 'thuộc', 'trực thuộc' or 'của' a body is one name with it, not the body as a second lead", "Chủ tịch Ủy ban nhân dân tỉnh yêu cầu Thủ trưởng các sở, ban, ngành, đơn vị trực thuộc Ủy ban nhân dân tỉnh triển khai thực hiện trước ngày 20/5/2026.\nGiao các đơn vị thuộc Sở Y tế triển khai thực hiện trước ngày 22/5/2026.\nYêu cầu các phòng chuyên môn của UBND huyện hoàn thành trước ngày 25/5/2026.",
			[]string{"các sở, ban, ngành, đơn vị trực thuộc Ủy ban nhân dân tỉnh", "các đơn vị thuộc Sở Y tế", "các phòng chuyên môn của UBND huyện"}, [][]string{nil, nil, nil}, []string{"2026-05-20", "2026-05-22", "2026-05-25"}},
		{"a tail naming a kind of the group's members is its name's", "Yêu cầu các sở, ban, ngành, đơn vị sự nghiệp công lập và UBND các xã rà soát biên chế trước ngày 20/5/2026.\nGiao các cơ quan, đơn vị dự toán thuộc thành phố hoàn thành quyết toán trước ngày 22/5/2026.",
			[]string{"các sở, ban, ngành, đơn vị sự nghiệp công lập", "các cơ quan, đơn vị dự toán thuộc thành phố"}, [][]string{{"UBND các xã"}, nil}, []string{"2026-05-20", "2026-05-22"}},
		{"'được chỉ đạo', 'được đề nghị' give a task and end the subject; 'Về phía …, ' opens a clause", "Các đơn vị được chỉ đạo làm việc cả ngày nghỉ, hoàn thiện hồ sơ trước ngày 20/5/2026.\nVề phía địa phương, Ủy ban nhân dân các huyện được đề nghị chuẩn bị báo cáo tổng kết trước ngày 25/5/2026.",
			[]string{"Các đơn vị", "UBND các huyện"}, [][]string{nil, nil}, []string{"2026-05-20", "2026-05-25"}},
		{"a title, a unit and a person's name is a person at a meeting, not the unit's task; a place after a level is no person", "Giám đốc Sở Tài chính Lê Trọng Thụ báo cáo tình hình hoạt động của ngành trước ngày 20/5/2026.\nChủ tịch UBND các huyện, thành phố Cà Mau thường xuyên kiểm tra, báo cáo trước ngày 25/5/2026.",
			[]string{"UBND các huyện, thành phố Cà Mau"}, [][]string{nil}, []string{"2026-05-25"}},
		{"the members of a body named after them are one group; 'tranh thủ' is a verb", "Yêu cầu các Sở, ngành, cơ quan thành viên Ban Chỉ huy Phòng thủ dân sự tỉnh chủ động ứng phó, báo cáo trước ngày 20/5/2026.\nCác địa phương tranh thủ tháo nước đệm, chuẩn bị phương tiện bơm nước trước ngày 22/5/2026.",
			[]string{"các Sở, ngành, cơ quan thành viên Ban Chỉ huy Phòng thủ dân sự tỉnh", "Các địa phương"}, [][]string{nil, nil}, []string{"2026-05-20", "2026-05-22"}},
		{"a region in lower case ('Bắc Trung bộ', 'Bắc bộ') is no ministry and ends the name; 'tạm hoãn' is a verb", "Yêu cầu UBND các tỉnh Bắc Trung bộ và Bắc bộ trong hai ngày tới tạm hoãn các hoạt động, báo cáo trước ngày 20/5/2026.",
			[]string{"UBND các tỉnh Bắc Trung bộ và Bắc bộ"}, [][]string{nil}, []string{"2026-05-20"}},
		{"a counted group goes on through a bare word ('11 Bộ, cơ quan'); levels in a row are one group ('cấp huyện, cấp xã')", "Yêu cầu 11 Bộ, cơ quan tập trung nguồn lực, hoàn thiện trước ngày 20/5/2026.\nYêu cầu bí thư cấp huyện, cấp xã chịu trách nhiệm về việc lấy ý kiến, hoàn thành trước ngày 22/5/2026.",
			[]string{"11 Bộ, cơ quan", "cấp huyện, cấp xã"}, [][]string{nil, nil}, []string{"2026-05-20", "2026-05-22"}},
		{"'Quỹ' (a fund) is no courtesy 'Quý'", "Giao Quỹ Phòng, chống thiên tai tỉnh thực hiện thu đủ số tiền trước ngày 30/5/2026.",
			[]string{"Quỹ Phòng, chống thiên tai tỉnh"}, [][]string{nil}, []string{"2026-05-30"}},
		{"the departments concerned ('liên quan') are a group a person names, not every department", "Giao Sở Y tế chủ trì, phối hợp với các sở, ban, ngành liên quan tổ chức hướng dẫn, báo cáo trước ngày 20/5/2026.",
			[]string{"Sở Y tế"}, [][]string{{"các sở, ban, ngành liên quan"}}, []string{"2026-05-20"}},
		{"'hoàn tất' is a verb; whom to call 'nếu doanh nghiệp có vướng mắc' is no task", "Doanh nghiệp hoàn tất báo cáo và gửi về Phòng Quản lý doanh nghiệp trước ngày 14/5/2026.\nTrong quá trình thực hiện, nếu doanh nghiệp có vướng mắc, đề nghị liên hệ với Phòng Quản lý doanh nghiệp, điện thoại: 38232576.",
			[]string{"Doanh nghiệp"}, [][]string{nil}, []string{"2026-05-14"}},
		{"a bare group word after a group inside a name goes on naming it, never a unit of its own", "Đề nghị Ban chỉ huy Phòng chống thiên tai và Tìm kiếm cứu nạn các Bộ, ngành, địa phương chủ động kiểm tra, báo cáo trước ngày 20/5/2026.",
			[]string{"Ban chỉ huy Phòng chống thiên tai và Tìm kiếm cứu nạn các Bộ, ngành, địa phương"}, [][]string{nil}, []string{"2026-05-20"}},
		{"the office relaying the direction writes the letter, no task of its own; 'ước' is a verb", "Văn phòng Ủy ban nhân dân tỉnh truyền đạt ý kiến chỉ đạo của Phó Chủ tịch Ủy ban nhân dân tỉnh như sau.\nGiao Sở Tư pháp chủ trì, phối hợp với Cục Thống kê và các đơn vị liên quan ước kết quả thực hiện, báo cáo trước ngày 20/5/2026.",
			[]string{"Sở Tư pháp"}, [][]string{{"Cục Thống kê", "các đơn vị liên quan"}}, []string{"2026-05-20"}},
		{"a name glued on by '-' or '&' is longer than the unit it starts with; 'Trung ương Hội', 'Trung ương Đoàn' head a name; who invites has no task", "Sở GD-KH&CN có trách nhiệm phối hợp với Sở Y tế thực hiện các biện pháp phòng, chống dịch trước ngày 20/5/2026.\nTrung ương Hội Người cao tuổi Việt Nam phối hợp với các cơ quan liên quan chuẩn bị nội dung trước ngày 22/5/2026.\nTrung ương Đoàn chủ trì tổ chức các hoạt động trước ngày 25/5/2026.\nTrung ương Hội Nông dân Việt Nam kính mời các cơ quan, tổ chức nghiên cứu tham gia hội thảo trước ngày 28/5/2026.",
			[]string{"Sở GD-KH&CN", "Trung ương Hội Người cao tuổi Việt Nam", "Trung ương Đoàn"}, [][]string{{"Sở Y tế"}, {"các cơ quan liên quan"}, nil}, []string{"2026-05-20", "2026-05-22", "2026-05-25"}},
		{"a purpose ends a name", "1. Ủy ban nhân dân các huyện căn cứ các hướng dẫn của các Sở, ngành; đơn vị liên quan để chỉ đạo, hướng dẫn các xã thực hiện trước ngày 20/5/2026.",
			[]string{"UBND các huyện"}, [][]string{nil}, []string{"2026-05-20"}},
		{"in flattened text a dash then the same head opens the next item; a parent after a dash is one name with its unit", "Đối với các đơn vị trực thuộc Sở; Phòng Kinh tế huyện, thành phố - Phòng Kinh tế huyện/thành phố chỉ đạo các hợp tác xã tiến hành tổng kết trước ngày 20/5/2026.\nCục Giám sát quản lý về Hải quan - Tổng cục Hải quan hướng dẫn các doanh nghiệp trước ngày 25/5/2026.",
			[]string{"Phòng Kinh tế huyện, thành phố", "Cục Giám sát quản lý về Hải quan - Tổng cục Hải quan"}, [][]string{nil, nil}, []string{"2026-05-20", "2026-05-25"}},
		{"a part of a day before a number ends a name", "Sở Giáo dục và Đào tạo yêu cầu các đơn vị giáo dục trên địa bàn thành phố chiều 12-5 rà soát các khoản thu, báo cáo trước ngày 20/5/2026.",
			[]string{"các đơn vị giáo dục trên địa bàn thành phố"}, [][]string{nil}, []string{"2026-05-20"}},
		{"'chọn' is a verb, not after 'được', 'tuyển', 'bình', 'bầu' or 'lựa'", "Ban Thường trực Ủy ban MTTQ huyện chọn Ủy ban MTTQ xã Vĩnh Điều làm điểm tổ chức đại hội trước ngày 20/5/2026.\nCác trường học được chọn làm điểm thi hoàn thành việc chuẩn bị trước ngày 22/5/2026.\nHội đồng tuyển chọn đề tài hoàn thành việc đánh giá trước ngày 25/5/2026.",
			[]string{"Ban Thường trực Ủy ban MTTQ huyện", "Các trường học được chọn làm điểm thi", "Hội đồng tuyển chọn đề tài"}, [][]string{nil, nil, nil}, []string{"2026-05-20", "2026-05-22", "2026-05-25"}},
		{"a list after a colon opens after ';' too; 'theo phạm vi' ends a name", "2. UBND các xã, phường; các sở: Xây dựng, Công Thương, Nông nghiệp và Môi trường theo phạm vi chức năng, nhiệm vụ được giao nghiên cứu, tổ chức triển khai thực hiện Chỉ thị nêu trên trước ngày 20/5/2026.",
			[]string{"UBND các xã, phường"}, [][]string{{"Sở Xây dựng", "Sở Công Thương", "Sở Nông nghiệp và Môi trường"}}, []string{"2026-05-20"}},
		{"a connective opens a clause before the subject", "Cùng với chỉ đạo nêu trên, Sở Tài chính cũng có nhiệm vụ bố trí kinh phí trước ngày 20/5/2026.\nBên cạnh đó, Sở Y tế rà soát danh mục thuốc trước ngày 22/5/2026.\nDo đó, Công an tỉnh cần chỉ đạo các đơn vị hoàn thành trước ngày 25/5/2026.",
			[]string{"Sở Tài chính", "Sở Y tế", "Công an tỉnh"}, [][]string{nil, nil, nil}, []string{"2026-05-20", "2026-05-22", "2026-05-25"}},
		{"'phòng' in lower case heads an abbreviated name", "Giao phòng TN&MT huyện tham mưu chỉ đạo các xã xây dựng quy chế quản lý nghĩa trang trước ngày 20/5/2026.",
			[]string{"phòng TN&MT huyện"}, [][]string{nil}, []string{"2026-05-20"}},
		{"a range of places names the group", "Đề nghị UBND các tỉnh, thành phố ven biển từ Quảng Ninh đến Bình Thuận theo dõi chặt chẽ diễn biến của bão, báo cáo trước ngày 20/5/2026.",
			[]string{"UBND các tỉnh, thành phố ven biển từ Quảng Ninh đến Bình Thuận"}, [][]string{nil}, []string{"2026-05-20"}},
		{"'đeo bám', 'soạn' and 'biên soạn' are verbs, not after 'Ban' or 'Tổ'; 'tổ chức đoàn thể' is a body", "Yêu cầu các địa phương, nhà thầu đeo bám công trường, hoàn thành trước ngày 20/5/2026.\nĐề nghị Sở Xây dựng soạn dự thảo văn bản trước ngày 22/5/2026.\nSở Tư pháp biên soạn tài liệu trước ngày 25/5/2026.\nBan soạn thảo Quy chế hoàn thành dự thảo trước ngày 27/5/2026.\nCác Sở, ngành, tổ chức đoàn thể cấp tỉnh báo cáo kết quả trước ngày 29/5/2026.",
			[]string{"các địa phương, nhà thầu", "Sở Xây dựng", "Sở Tư pháp", "Ban soạn thảo Quy chế", "các sở, ngành"}, [][]string{nil, nil, nil, nil, nil}, []string{"2026-05-20", "2026-05-22", "2026-05-25", "2026-05-27", "2026-05-29"}},
		{"'chính quyền' heads a name, in lower case too", "Yêu cầu chính quyền huyện Lý Sơn khẩn trương xử lý, báo cáo trước ngày 20/5/2026.\nChính quyền các địa phương trong tỉnh có nhiệm vụ rà soát các điểm sạt lở trước ngày 22/5/2026.",
			[]string{"chính quyền huyện Lý Sơn", "Chính quyền các địa phương trong tỉnh"}, [][]string{nil, nil}, []string{"2026-05-20", "2026-05-22"}},
		{"the unit after 'do' leads a longer item too", "1. Xây dựng đề án phát triển kinh tế đô thị vùng ven do Sở Tài chính chủ trì, hoàn thành trước ngày 20/5/2026.",
			[]string{"Sở Tài chính"}, [][]string{nil}, []string{"2026-05-20"}},
		{"a time in the heading's purpose dates none of the items below", "Căn cứ Chỉ thị số 08/CT-TTg của Thủ tướng Chính phủ; để chủ động phòng, chống thiên tai nhằm hạn chế thiệt hại trong năm 2026, Ủy ban nhân dân tỉnh chỉ thị:\n1. Các sở, ngành tổ chức thực hiện nghiêm các nhiệm vụ được giao.\n2. Sở Xây dựng rà soát các công trình trước ngày 20/5/2026.",
			[]string{"các sở, ngành", "Sở Xây dựng"}, [][]string{nil, nil}, []string{"", "2026-05-20"}},
		{"an article making one officer answer for a duty of its own assigns it; the execution article does not; 'Chánh' heads the office it names", "Điều 1. Ban hành kèm theo Quyết định này Quy chế làm việc của Ủy ban nhân dân huyện.\nĐiều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký.\nĐiều 3. Chánh Văn phòng HĐND - UBND huyện chịu trách nhiệm đôn đốc, kiểm tra việc thực hiện Quy chế này, báo cáo trước ngày 20/5/2026.\nĐiều 4. Chánh Văn phòng HĐND - UBND huyện, Thủ trưởng các cơ quan chuyên môn thuộc UBND huyện chịu trách nhiệm thi hành Quyết định này trước ngày 22/5/2026.\nGiao Chánh Thanh tra huyện theo dõi, tổng hợp, báo cáo trước ngày 25/5/2026.",
			[]string{"Văn phòng HĐND - UBND huyện", "Thanh tra huyện"}, [][]string{nil, nil}, []string{"2026-05-20", "2026-05-25"}},
		{"a body followed by a group is that body in each of them; a group's levels and 'trong tỉnh' are its name", "Ban Biên tập Website các sở, ban, ngành đăng tải tài liệu trước ngày 20/5/2026.\nTất cả các sở, ngành, huyện, thành phố thường xuyên nắm tình hình, báo cáo trước ngày 22/5/2026.\nĐề nghị các sở, ban, ngành trong tỉnh báo cáo trước ngày 25/5/2026.\nĐề nghị các sở, ngành, huyện Tháp Mười báo cáo trước ngày 27/5/2026.",
			[]string{"Ban Biên tập Website các sở, ban, ngành", "các sở, ngành, huyện, thành phố", "các sở, ban, ngành trong tỉnh", "các sở, ngành"}, [][]string{nil, nil, nil, nil}, []string{"2026-05-20", "2026-05-22", "2026-05-25", "2026-05-27"}},
		{"after 'được' and the unit that assigns, 'giao' names no assignee", "Kế hoạch vốn đầu tư công năm 2026 đã được Ủy ban nhân dân tỉnh giao cho các cơ quan, đơn vị, địa phương tại Quyết định số 260/QĐ-UBND ngày 10/12/2025.\nSở Tài chính được UBND tỉnh giao chủ trì xây dựng đề án, hoàn thành trước ngày 20/5/2026.",
			[]string{"Sở Tài chính"}, [][]string{nil}, []string{"2026-05-20"}},
		{"a part's title in capitals keeps the intro's units for the items under it; a part of aims does not", "Bộ Giáo dục và Đào tạo đề nghị các Sở GDĐT tổ chức thực hiện các nội dung sau:\nA. NHIỆM VỤ CHUNG\n1. Tiếp tục tổ chức thực hiện hiệu quả Chương trình giáo dục phổ thông, báo cáo trước ngày 20/5/2026.\nB. NHIỆM VỤ CỤ THỂ\n2. Tăng cường các điều kiện bảo đảm chất lượng giáo dục, báo cáo trước ngày 22/5/2026.",
			[]string{"các Sở GDĐT", "các Sở GDĐT"}, [][]string{nil, nil}, []string{"2026-05-20", "2026-05-22"}},
		{"a part of aims ends the intro", "Bộ Lao động - Thương binh và Xã hội đề nghị Sở Lao động - Thương binh và Xã hội các tỉnh, thành phố tổ chức thực hiện các nội dung sau:\nA. MỤC ĐÍCH, YÊU CẦU\n1. Tăng cường các hoạt động chỉ đạo từ Trung ương đến địa phương, báo cáo trước ngày 20/5/2026.\n2. Huy động sự tham gia của các cấp, ngành.",
			[]string{"Sở Lao động - Thương binh và Xã hội các tỉnh, thành phố"}, [][]string{nil}, []string{""}},
		{"a ministry's name ends where the name does; 'liên hệ' and 'yêu cầu mà' name no assignee", "Bộ Giao thông vận tải tổ chức Lễ khánh thành trước ngày 20/5/2026.\nGiao Bộ Kế hoạch và Đầu tư trao đổi công hàm với Đại sứ quán Phần Lan trước ngày 22/5/2026.\nThông tin chi tiết đề nghị liên hệ Bộ Tư pháp (qua Vụ Phổ biến, giáo dục pháp luật) trước ngày 25/5/2026.\nĐó là yêu cầu mà Bộ Công Thương vừa đưa ra khi chỉ đạo Cục Quản lý thị trường trước ngày 27/5/2026.",
			[]string{"Bộ Giao thông vận tải", "Bộ Kế hoạch và Đầu tư"}, [][]string{nil, nil}, []string{"2026-05-20", "2026-05-22"}},
		{"'đồng thời' (at the same time) is no word of a name", "Bộ Giáo dục và Đào tạo yêu cầu các trường đồng thời gửi về Bộ danh sách thí sinh trước ngày 20/5/2026.",
			[]string{"các trường"}, [][]string{nil}, []string{"2026-05-20"}},
		{"a comma whose space was lost still opens the subject", "Trong tháng 5 năm 2026,Sở Tài chính chủ trì tổng hợp báo cáo.",
			[]string{"Sở Tài chính"}, [][]string{nil}, []string{"2026-05-31"}},
		{"a group's head in lower case before capitalised bodies lists them, not every department", "Giao các sở Xây dựng, Tài chính hoàn thành trước ngày 20/5/2026.",
			[]string{"Sở Xây dựng"}, [][]string{{"Sở Tài chính"}}, []string{"2026-05-20"}},
		{"a greeting is a courtesy, no task", "Xin gửi lời chào trân trọng tới Quý Ủy ban.\nĐề nghị Sở Y tế báo cáo kết quả trước ngày 20/5/2026.",
			[]string{"Sở Y tế"}, [][]string{nil}, []string{"2026-05-20"}},
		{"'Đối với' then a unit and its verb: the unit is the subject; a heading about units is not", "1. Đối với các sở, ban, ngành báo cáo theo phụ lục 1 trước ngày 20/5/2026.\n2. Đối với các xã bị ảnh hưởng của xâm nhập mặn hàng năm trên địa bàn huyện.",
			[]string{"các sở, ban, ngành"}, [][]string{nil}, []string{"2026-05-20"}},
		{"a unit issuing its own plan by a date is a task; the issuer issuing is not", "Các sở, ngành, UBND các huyện ban hành kế hoạch thực hiện trước ngày 20/5/2026.\nỦy ban nhân dân tỉnh ban hành Kế hoạch này để triển khai trước ngày 22/5/2026.",
			[]string{"các sở, ngành"}, [][]string{{"UBND các huyện"}}, []string{"2026-05-20"}},
		{"in a directive, a unit that is to issue a letter by a date has a task", "Sở Tài chính có văn bản hướng dẫn các đơn vị thực hiện trước ngày 20/5/2026.",
			[]string{"Sở Tài chính"}, [][]string{nil}, []string{"2026-05-20"}},
		{"the courtesy word belongs to the name it precedes, a group's too", "Cục Thuế tỉnh đề nghị quý doanh nghiệp khẩn trương nộp hồ sơ trước ngày 20/4/2026.\nSở Xây dựng đề nghị các quý cơ quan có văn bản thẩm định gửi về Sở Xây dựng trước ngày 28/4/2026.",
			[]string{"quý doanh nghiệp", "các quý cơ quan"}, [][]string{nil, nil}, []string{"2026-04-20", "2026-04-28"}},
		{"a line of particulars leaves the task open to its time line", "Cục Thống kê đề nghị các doanh nghiệp thực hiện kê khai trực tuyến Phiếu số 3.\n\nĐịa chỉ trang web lấy ý kiến: thongkedoanhnghiep.gso.gov.vn\n\nThời gian nộp phiếu: từ ngày 10/4/2026 đến ngày 20/4/2026.",
			[]string{"các doanh nghiệp"}, [][]string{nil}, []string{"2026-04-20"}},
		{"a time line paragraphs below the last undated task", "Sở Khoa học và Công nghệ đề nghị các sở, ban, ngành đề xuất, đăng ký nhiệm vụ khoa học và công nghệ năm 2027.\n\nHồ sơ đề xuất\n\n- Công văn đề xuất của ngành;\n\n- Phiếu đề xuất.\n\nHồ sơ gửi về Phòng Quản lý khoa học, Sở Khoa học và Công nghệ.\n\n*/ Thời hạn cuối cùng nhận hồ sơ: ngày 20 tháng 4 năm 2026;",
			[]string{"các sở, ban, ngành"}, [][]string{nil}, []string{"2026-04-20"}},
		{"a closing to the units just tasked dates their task", "Sở Nội vụ đề nghị các sở, ban, ngành tổng hợp báo cáo số công chức làm công tác văn thư.\n\nĐề nghị các cơ quan, tổ chức quan tâm thực hiện, gửi báo cáo về Sở Nội vụ (qua Chi cục Văn thư – Lưu trữ) trước ngày 15/4/2026. Trong quá trình thực hiện, nếu có vướng mắc phản ánh về Sở Nội vụ để được giải đáp.",
			[]string{"các sở, ban, ngành"}, [][]string{nil}, []string{"2026-04-15"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Extract(header+tt.body+"\nNơi nhận:\n- Như trên;", Options{Units: dir})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Tasks) != len(tt.leads) {
				t.Fatalf("got %d tasks %+v", len(res.Tasks), res.Tasks)
			}
			for i, task := range res.Tasks {
				if task.Lead.Name != tt.leads[i] {
					t.Errorf("task %d lead %q want %q", i, task.Lead.Name, tt.leads[i])
				}
				var co []string
				for _, c := range task.Coordinates {
					co = append(co, c.Name)
				}
				if strings.Join(co, "|") != strings.Join(tt.coords[i], "|") {
					t.Errorf("task %d coordinators %q want %q", i, co, tt.coords[i])
				}
				got := ""
				if task.Deadline != nil {
					got = task.Deadline.Nominal.Format(time.DateOnly)
				}
				if got != tt.nominal[i] {
					t.Errorf("task %d nominal %q want %q", i, got, tt.nominal[i])
				}
			}
		})
	}
}

// TestLeadUnrecognised: a lead that is a clause is never emitted as a unit.
func TestLeadUnrecognised(t *testing.T) {
	res, err := Extract(header+"1. Giao Ban điều phối giữa các địa phương thừa, thiếu giáo viên trên địa bàn tỉnh trong năm học mới năm nay chủ trì thực hiện.\nNơi nhận:", Options{Units: testDir(t)})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Tasks) != 1 {
		t.Fatalf("got %d tasks, want the one flagged: %+v", len(res.Tasks), res.Tasks)
	}
	for _, task := range res.Tasks {
		if task.Lead.Name != "" || !contains(task.Flags, FlagLeadUnrecognised) || task.Content == "" || task.Confidence >= 0.5 {
			t.Errorf("fragment emitted as a lead: %+v", task)
		}
	}
}

// TestLeadWithATime: a lead with a time inside ("… vào 15h00 hàng ngày") is a
// clause, never a unit.
func TestLeadWithATime(t *testing.T) {
	res, err := Extract(header+"1. Giao Tổ dân phố chốt số liệu vào 15h00 hàng ngày báo cáo UBND phường.\nNơi nhận:", Options{Units: testDir(t)})
	if err != nil {
		t.Fatal(err)
	}
	for _, task := range res.Tasks {
		if strings.Contains(task.Lead.Name, "15h00") {
			t.Errorf("a clause emitted as a lead: %+v", task)
		}
	}
}

// TestUnglueWords: spaces a PDF's text layer lost are put back only where a
// phrase of the task grammar is recognised across them.
func TestUnglueWords(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Giao Bộ Kế hoạch và Đầu tưchủ trì, phối hợp", "Giao Bộ Kế hoạch và Đầu tư chủ trì, phối hợp"},
		{"UBND huyện khẩntrương thực hiện", "UBND huyện khẩn trương thực hiện"},
		{"Sở Tài chính chủ trì thực hiện", "Sở Tài chính chủ trì thực hiện"},
		{"trương Định, thuận lợi", "trương Định, thuận lợi"},
		{"Chủ tịch UBND cáctỉnh, thành phố", "Chủ tịch UBND các tỉnh, thành phố"},
		{"Sở Tài nguyên đôn đốccác huyện", "Sở Tài nguyên đôn đốc các huyện"},
		{"hoàn thành trướcngày 20/11/2023", "hoàn thành trước ngày 20/11/2023"},
		{"Giaocho Sở Xây dựng chủ trì", "Giao cho Sở Xây dựng chủ trì"},
		{"Nguyễn Văn Cho chủ trì", "Nguyễn Văn Cho chủ trì"},
		{"đại biểu Hội đồng nhân dânchậm nhất là ngày 4 tháng 3 năm 2021", "đại biểu Hội đồng nhân dân chậm nhất là ngày 4 tháng 3 năm 2021"},
		{"ngày 20 tháng 11, sau ngàyđó", "ngày 20 tháng 11, sau ngày đó"},
		{"những người trướcđây", "những người trước đây"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := unglueWords(tt.in); got != tt.want {
			t.Errorf("unglueWords(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestDirectivePatterns: common ways of assigning, against the Đồng Tháp
// directory (lead, nominal deadline).
func TestDirectivePatterns(t *testing.T) {
	dir := provinceDir(t)
	tests := []struct{ body, lead, nominal string }{
		{"a) Sở Y tế: Chủ trì, phối hợp với Sở Tài chính rà soát trước ngày 20/4/2026.", "Sở Y tế", "2026-04-20"},
		{"3. Chủ tịch UBND các xã, phường chịu trách nhiệm tổ chức thực hiện; báo cáo kết quả về Sở Nội vụ trước ngày 15/5/2026.", "UBND các xã, phường", "2026-05-15"},
		{"Ủy ban nhân dân tỉnh giao Sở Xây dựng chủ trì thẩm định, trình UBND tỉnh trước ngày 10/6/2026.", "Sở Xây dựng", "2026-06-10"},
		{"Giao Sở Tài chính tham mưu UBND tỉnh bố trí kinh phí, hoàn thành trong tháng 6/2026.", "Sở Tài chính", "2026-06-30"},
		{"Giao Ban Quản lý các khu công nghiệp tỉnh chủ trì kiểm tra.", "Ban Quản lý Khu kinh tế tỉnh Đồng Tháp", ""},
		{"Giao Trường Đại học Đồng Tháp phối hợp đào tạo nguồn nhân lực.", "Trường Đại học Đồng Tháp", ""},
		{"Giao Công ty TNHH MTV Cấp nước Đồng Tháp khẩn trương khắc phục sự cố.", "Công ty TNHH MTV Cấp nước Đồng Tháp", ""},
		{"Thống nhất chủ trương đầu tư dự án; giao Sở Xây dựng hướng dẫn chủ đầu tư hoàn thiện hồ sơ trước ngày 15/7/2026.", "Sở Xây dựng", "2026-07-15"},
		{"Ủy quyền Giám đốc Sở Tài chính ký hợp đồng.", "Sở Tài chính", ""},
		{"Chủ tịch UBND tỉnh chỉ đạo: Sở Y tế khẩn trương kiểm tra, báo cáo trong tháng 5/2026.", "Sở Y tế", "2026-05-31"},
		{"Giao UBND các xã, phường, đặc khu tổ chức thực hiện.", "UBND các xã, phường, đặc khu", ""},
		{"Giao Thanh tra tỉnh tiến hành thanh tra việc quản lý đất đai tại xã Mỹ Hiệp, báo cáo kết quả trong 30 ngày.", "Thanh tra tỉnh", "2026-04-09"},
		{"Các Sở: Tài chính, Xây dựng theo chức năng, nhiệm vụ được giao, hướng dẫn các địa phương thực hiện.", "Sở Tài chính", ""},
		{"1. Giao Sở Xây dựng chủ trì kiểm tra các công trình.\n- Thời hạn hoàn thành: trước ngày 30/6/2026.", "Sở Xây dựng", "2026-06-30"},
		{"1. Giao Sở Xây dựng chủ trì kiểm tra các công trình.\nThời gian thực hiện: trong quý III/2026.", "Sở Xây dựng", "2026-09-30"},
		{"1. Giao Sở Xây dựng chủ trì rà soát hồ sơ các dự án đầu tư\nxây dựng trên địa bàn tỉnh; báo cáo UBND tỉnh trước ngày\n20/4/2026.", "Sở Xây dựng", "2026-04-20"},
		{"Giao Sở Xây dựng chủ trì, phối hợp các Sở: Tài chính, Công Thương; Công an tỉnh; UBND các xã: Mỹ Hiệp, Bình Thạnh và các đơn vị liên quan kiểm tra, báo cáo trước ngày 10/7/2026.", "Sở Xây dựng", "2026-07-10"},
	}
	for _, tt := range tests {
		res, err := Extract(header+tt.body+"\nNơi nhận:", Options{Units: dir})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Tasks) != 1 {
			t.Errorf("%s: %d tasks %+v", tt.body, len(res.Tasks), res.Tasks)
			continue
		}
		got := ""
		if d := res.Tasks[0].Deadline; d != nil {
			got = d.Nominal.Format(time.DateOnly)
		}
		if res.Tasks[0].Lead.Name != tt.lead || got != tt.nominal {
			t.Errorf("%s: lead %q deadline %q, want %q %q", tt.body, res.Tasks[0].Lead.Name, got, tt.lead, tt.nominal)
		}
	}
}

// TestNewsItem: a text without a directive's header (a news item relaying one)
// assigns by "Giao …", by a unit named with its role, and in the sentences that
// go on relaying an assignment; what units did is not a task.
// TestLeaderNameNoProvince: the Office's notice of a leader's conclusions names
// the leader with a title and a name ("Phó Chủ tịch UBND tỉnh Nguyễn Văn An chỉ
// đạo Sở Xây dựng …"); the name is no province of "UBND tỉnh", and the
// department directed leads. A province after "UBND tỉnh" stays in the name.
// Only the issuer's leader directs: a district chairman who "chỉ đạo" a
// district office in the province's text is the district's task.
func TestLeaderNameNoProvince(t *testing.T) {
	dir, err := units.Load(unitsFile) // the province's directory: "UBND tỉnh" is its unit
	if err != nil {
		t.Fatal(err)
	}
	body := "VĂN PHÒNG UBND TỈNH ĐỒNG THÁP\nSố: 130/TB-VPUBND\nĐồng Tháp, ngày 10 tháng 4 năm 2026\n\nTHÔNG BÁO\nKết luận của Phó Chủ tịch UBND tỉnh\n\n" +
		"1. Đồng chí Phó Chủ tịch UBND tỉnh Nguyễn Văn An chỉ đạo Sở Xây dựng kiểm tra chất lượng công trình trước ngày 20/5/2026.\n\n" +
		"2. Giao Sở Tài chính phối hợp với UBND tỉnh Hà Giang rà soát trước ngày 25/5/2026.\n\n" +
		"3. Chủ tịch UBND huyện Tháp Mười chỉ đạo Phòng Tài nguyên và Môi trường huyện xử lý dứt điểm vụ việc, báo cáo trước ngày 30/5/2026.\n\nNơi nhận:\n- Như trên;"
	res, err := Extract(body, Options{Units: dir})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, task := range res.Tasks {
		got = append(got, task.Lead.Name)
		for _, c := range task.Coordinates {
			got = append(got, "+"+c.Name)
		}
	}
	if want := []string{"Sở Xây dựng", "Sở Tài chính", "+UBND tỉnh Hà Giang", "UBND huyện Tháp Mười"}; !slices.Equal(got, want) {
		t.Errorf("leads and coordinators %q, want %q", got, want)
	}
}

func TestNewsItem(t *testing.T) {
	dir := testDir(t)
	issued := time.Date(2026, 11, 20, 9, 0, 0, 0, time.FixedZone("ICT", 7*3600))
	tests := []struct {
		name, body string
		leads      []string
	}{
		{"an abbreviation in parentheses leaves no space before the comma", "Bộ Kế hoạch và Đầu tư đề nghị Ban Quản lý khu công nghiệp (KCN), khu kinh tế (KKT) các tỉnh, thành phố trực thuộc Trung ương báo cáo trước ngày 20/01/2027.",
			[]string{"Ban Quản lý khu công nghiệp, khu kinh tế các tỉnh, thành phố trực thuộc Trung ương"}},
		{"a group opening the sentence after its connective, undated; not after a later comma", "Về lâu dài, các huyện, thị xã, thành phố phải rà soát, kiểm soát chặt chẽ việc xây dựng ven sông.\n\nTrong thời gian qua, công tác phòng, chống dịch được các cấp, các ngành trong tỉnh quan tâm chỉ đạo.",
			[]string{"các huyện, thị xã, thành phố"}},
		{"an acronym of three capitals ends a sentence", "UBND tỉnh vừa ban hành Kế hoạch số 12/KH-UBND về kiểm tra an toàn PCCC. Theo đó, Công an tỉnh có trách nhiệm tổng kiểm tra các cơ sở.",
			[]string{"Công an tỉnh"}},
		{"a directive's opener runs to its comma", "Theo kế hoạch năm 2026 của ngành, Sở Y tế tổ chức tiêm vắc xin cho trẻ em tại các trạm y tế.",
			[]string{"Sở Y tế"}},
		{"a sentence opening by pointing to the directive relays what it assigns", "Trước đó, UBND tỉnh đã ban hành kế hoạch kiểm tra an toàn phòng cháy, chữa cháy mùa khô.\n\nTheo đó, Công an tỉnh phối hợp với các sở, ngành tổng kiểm tra các cơ sở sản xuất.\n\nTheo đó, trên địa bàn tỉnh đã xuất hiện đợt mưa lớn, Nhà máy Thủy điện Hòa Bình vận hành xả lũ.",
			[]string{"Công an tỉnh"}},
		{"a decision the news says was signed is the directive it relays", "Chiều 18/7, ông Lữ Quang Ngời, Chủ tịch UBND tỉnh Vĩnh Long, đã ký ban hành quyết định về việc áp dụng biện pháp giãn cách xã hội. Trong thời gian thực hiện giãn cách xã hội, Chủ tịch UBND các huyện, thị xã, thành phố chỉ đạo thực hiện nghiêm Chỉ thị 16.",
			[]string{"UBND các huyện, thị xã, thành phố"}},
		{"a quotation opens a sentence, and its opener is read inside the quotation mark", "Bộ Giao thông vận tải vừa có văn bản chỉ đạo về việc khắc phục hằn lún. “Trong tháng 6/2026, các đơn vị phải xử lý dứt điểm các đoạn đường bị hằn lún”.",
			[]string{"các đơn vị"}},
		{"an earlier letter told as history beside the same unit's dated task", "UBND tỉnh đề nghị Sở Xây dựng khẩn trương rà soát, tổng hợp báo cáo trước ngày 08/12/2026.\n\nNgày 28/7/2026, UBND tỉnh ban hành Công văn số 4948/UBND-KTN giao Sở Xây dựng chủ trì, phối hợp các đơn vị rà soát số liệu.",
			[]string{"Sở Xây dựng"}},
		{"the province's leadership's direction, relayed", "Lãnh đạo tỉnh Cao Bằng đã yêu cầu các sở, ban, ngành, đơn vị liên quan đẩy mạnh tuyên truyền, báo cáo trước ngày 30/12/2026.",
			[]string{"các sở, ban, ngành, đơn vị liên quan"}},
		{"a party committee right before 'chỉ đạo' directs; not one that is a subject further back", "Huyện ủy chỉ đạo các đơn vị trên chỉnh sửa, hoàn thiện dự thảo báo cáo chính trị trước ngày 30/12/2026.\n\nĐảng ủy, UBND các xã xây dựng kế hoạch chỉ đạo các Chi bộ, thôn bản trong việc tổ chức đại hội, báo cáo trước ngày 20/12/2026.",
			[]string{"các đơn vị trên", "Đảng ủy các xã"}}, // (the communes' party committees: shareTail)
		{"a province named in lower case directs, after an opening word and 'cũng'", "Đồng thời, tỉnh Cao Bằng cũng chỉ đạo các lực lượng chức năng theo dõi sát tình hình, báo cáo trước ngày 30/12/2026.",
			[]string{"các lực lượng chức năng"}},
		{"a dash with a subject and a deadline assigns", "Hướng dẫn quy trình đánh giá ngoài\n\n2. Lịch cụ thể\n\n- Tháng 12/2026: Sở Y tế nộp hồ sơ đăng ký về Sở Nội vụ, trước ngày 20/12/2026.\n\n- Sở Tài chính đã tổ chức hội nghị tập huấn.",
			[]string{"Sở Y tế"}},
		{"whose comments are asked for, by when, and an address is no task", "Ngày 08/12/2026, Bộ Khoa học và Công nghệ ban hành công văn số 2391/BKHCN-TĐC về việc góp ý dự thảo Đề án.\n\nÝ kiến đóng góp của Quý Cơ quan/ đơn vị đối với Dự thảo Đề án đề nghị gửi trước ngày 26/12/2026 về địa chỉ:\n\nTổng cục Tiêu chuẩn Đo lường Chất lượng, số 8, Hoàng Quốc Việt, Cầu Giấy, Hà Nội, điện thoại: 024.37911612, email: vutochuccanbo@tcvn.gov.vn.",
			[]string{"Quý Cơ quan/ đơn vị"}},
		{"a subject that acts by a deadline assigns; one that answers to a body does not", "Các tổ công tác chịu sự chỉ đạo trực tiếp của Chủ tịch UBND tỉnh và chịu trách nhiệm về thực hiện nhiệm vụ được giao.\n\nSở Xây dựng hoàn thành việc rà soát trước ngày 15/12/2026.\n\nSở Tài chính đã hoàn thành việc rà soát trước ngày 15/11/2026.",
			[]string{"Sở Xây dựng"}},
		{"a head in lower case before its name", "Chủ tịch UBND tỉnh đề nghị ngành Nông nghiệp chỉ đạo Chi cục Bảo vệ thực vật tăng cường kiểm tra. Đồng chí Phó Chủ tịch yêu cầu ban Dân tộc hoàn thành chương trình đại hội trong tháng 12/2026.",
			[]string{"ngành Nông nghiệp", "ban Dân tộc"}},
		{"a central authority relayed tasks the province after 'Theo đó, giao'", "Phó Thủ tướng Trịnh Đình Dũng vừa có ý kiến về việc điều chỉnh cục bộ Quy hoạch chung TP Thái Nguyên.\n\nTheo đó, giao UBND tỉnh Thái Nguyên chủ trì, phối hợp các bộ: Nông nghiệp và Phát triển nông thôn, Xây dựng, tiến hành rà soát; báo cáo Thủ tướng Chính phủ.",
			[]string{"UBND tỉnh Thái Nguyên"}},
		{"a count in words", "Đối với diện tích lúa cấy lại, đồng chí Phó Chủ tịch UBND tỉnh yêu cầu hai huyện chỉ đạo ngành nông nghiệp hướng dẫn nông dân phòng, trừ sâu bệnh.",
			[]string{"hai huyện"}},
		{"what is not yet done is no task", "Sở Xây dựng kính đề nghị các địa phương cung cấp số liệu trước ngày 27/12/2026. Các đơn vị còn lại chưa có báo cáo dẫn đến chậm trễ công việc chung.",
			[]string{"các địa phương"}},
		{"'Ngoài …,' opens a clause before the subject", "Ngoài công tác tuyên truyền, UBND huyện Tây Trà phải tăng cường lực lượng truy quét, xử lý dứt điểm tình trạng khai thác vàng trái phép.",
			[]string{"UBND huyện Tây Trà"}},
		{"who reported at a meeting is no subject", "Sau khi nghe Văn phòng, Cục Quản lý chất lượng, Viện Khoa học Giáo dục Việt Nam trình bày các dự thảo báo cáo, Bộ trưởng kết luận.",
			nil},
		{"relayed assignment goes on", "Theo đó, UBND tỉnh giao UBND huyện Lấp Vò khẩn trương tổng hợp, báo cáo trước ngày 3/12/2026. Sở Xây dựng xem xét kết quả, báo cáo UBND tỉnh trước ngày 10/12/2026.",
			[]string{"UBND huyện Lấp Vò", "Sở Xây dựng"}},
		{"a unit with its role", "Tỉnh đoàn Đồng Tháp chủ trì, phối hợp với Sở Giáo dục và Đào tạo đẩy mạnh tuyên truyền.",
			[]string{"Tỉnh đoàn Đồng Tháp"}},
		{"a central authority after an opening clause", "Về việc này, Thủ tướng Chính phủ có ý kiến chỉ đạo yêu cầu UBND tỉnh Tuyên Quang báo cáo việc giải quyết trước ngày 25/11/2026.",
			[]string{"UBND tỉnh Tuyên Quang"}},
		{"what a source says was asked is relayed; 'these units' take the deadline after it", "Ngày 10/12, Văn phòng UBND tỉnh cho biết Chủ tịch UBND tỉnh đã yêu cầu Chủ tịch UBND các huyện Tháp Mười, Cao Lãnh chủ trì, phối hợp với các cơ quan liên quan kiểm tra, giải quyết dứt điểm hồ sơ tồn đọng.\n\nCác địa phương này phải báo cáo Chủ tịch UBND tỉnh kết quả thực hiện trước ngày 15/12/2026.",
			[]string{"UBND huyện Tháp Mười"}}, // (both districts, one task)
		{"the leaders meeting assign themselves nothing; the aside's unit prepares", "LỊCH LÀM VIỆC\nTuần 13 (24/3/2025 - 30/3/2025)\n* Thứ Hai: 24/3\n2- 09h00: Giám đốc Sở dự họp về việc khẩn trương hoàn thiện thiết kế, thi công cải tạo trụ sở.\n3- 14h00: Ban Giám đốc Sở họp nghe báo cáo và cho ý kiến về công tác chuẩn bị Tọa đàm (Văn phòng Sở chuẩn bị nội dung).",
			[]string{"Văn phòng Sở"}},
		{"a news item relays what the province's committee has asked, not tasks it gave in a relative clause", "Nhằm chấn chỉnh tình trạng khai thác đất, UBND tỉnh Phú Thọ đã yêu cầu các huyện, thị xã nhanh chóng lập quy hoạch quỹ đất trước ngày 30/12/2026.\n\nTheo đó, yêu cầu Sở Khoa học và Công nghệ:\n\n- Chủ trì, phối hợp với các cơ quan liên quan rà soát lại các nhiệm vụ UBND tỉnh đã giao cho các cơ quan, đơn vị, địa phương, báo cáo trước ngày 31/12/2026.",
			[]string{"các huyện, thị xã", "Sở Khoa học và Công nghệ"}},
		{"a page's chrome and a quoted answer assign nothing", "Chủ tịch UBND tỉnh yêu cầu các Sở, ngành tiếp tục rà soát các thủ tục để tháo gỡ khó khăn.\nBáo Xây Dựng Báo Xây Dựng 10 ngày\n\nTRẢ LỜI KIẾN NGHỊ CỬ TRI\n\n| 2922 | Kỳ họp 5 | Cử tri phường Lái Thiêu | Cử tri phản ánh và đề nghị ngành chức năng xử lý nghiêm các trường hợp vi phạm khi làm nhiệm vụ.\nCông an tỉnh trả lời: Trong năm 2026, Công an tỉnh đã tổ chức được 619 ca tuần tra, phát hiện 5.757 trường hợp vi phạm; trong tháng 12 năm 2026 tiếp tục tăng cường tuần tra, kiểm soát.",
			[]string{"các sở, ngành"}},
		{"whom a meeting invites, clause after clause, are guests", "LỊCH LÀM VIỆC\n\nTHỨ BA 15/12/2026\n\n- 9 giờ, Chủ tịch dự Hội nghị bàn giao cắm cọc GPMB dự án đường cao tốc. Mời lãnh đạo các Sở: Giao thông vận tải, Xây dựng; UBND các huyện: Châu Thành, Phụng Hiệp, Vị Thủy; phóng viên Báo, Đài phụ trách địa bàn (Sở Tài chính chuẩn bị nội dung và hậu cần).",
			[]string{"Sở Tài chính"}},
		{"the Government's addressees named by their heads' titles are one group", "Thủ tướng Chính phủ yêu cầu Bộ trưởng, Thủ trưởng cơ quan ngang bộ, cơ quan thuộc Chính phủ, Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương theo dõi sát biến động giá, báo cáo trước ngày 30/12/2026.",
			[]string{"các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ, Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"}},
		{"a province named as a subject where the Prime Minister is relayed is an assignee; answering for the figures is no work", "Thủ tướng Chính phủ giao Bộ Nông nghiệp và Phát triển nông thôn xuất cấp không thu tiền 100 tấn hóa chất hỗ trợ tỉnh Bạc Liêu.\n\nBộ Nông nghiệp và Phát triển nông thôn chịu trách nhiệm về số liệu báo cáo. UBND tỉnh Bạc Liêu tiếp nhận và sử dụng số hóa chất nêu trên theo quy định hiện hành.",
			[]string{"Bộ Nông nghiệp và Phát triển nông thôn", "UBND tỉnh Bạc Liêu"}},
		{"the authority introducing its directions", "Theo đó, Ủy ban nhân dân thành phố chỉ đạo:\n- Các cơ quan, đơn vị dự toán thực hiện công khai ngân sách trước ngày 15/12/2026.",
			[]string{"các cơ quan, đơn vị dự toán"}}, // (the group narrowed to the budget's units, one name)
		{"what a body will do is no task, unless it is due", "Theo đó, UBND tỉnh giao Sở Y tế rà soát danh sách. Sở Y tế sẽ sử dụng số liệu làm căn cứ quản lý. Trước ngày 10/12/2026, UBND các huyện sẽ báo cáo kết quả về Sở Y tế.",
			[]string{"Sở Y tế", "UBND các huyện"}},
		{"a headline told again below with its deadline", "Chủ tịch UBND tỉnh yêu cầu Giám đốc Sở Công Thương và Thủ trưởng các đơn vị liên quan phối hợp đánh giá 1 năm thực hiện Nghị định số 68/2017/NĐ-CP.\nNgày 20/11/2026, UBND tỉnh nhận được Văn bản số 5658/BCT-CTĐP của Bộ Công Thương. Sau khi xem xét, Chủ tịch UBND tỉnh có ý kiến chỉ đạo:\nGiao Sở Công Thương chủ trì, phối hợp với các đơn vị liên quan đánh giá, tổng hợp báo cáo. Trình UBND tỉnh trước ngày 10/12/2026.",
			[]string{"Sở Công Thương"}},
		{"a text that goes on from a lost headline keeps its first task", "Theo đó, giao Thanh tra tỉnh tiến hành thanh tra trực tiếp tại Sở Xây dựng.\nQuyền Chủ tịch UBND tỉnh yêu cầu Thanh tra tỉnh hoàn thành các cuộc thanh tra trước ngày 15/12/2026.",
			[]string{"Thanh tra tỉnh", "Thanh tra tỉnh"}},
		{"what a unit did", "Sở Xây dựng kiểm tra 5 công trình trong tháng qua. Sở Y tế tổ chức hội nghị tổng kết.", nil},
		{"a unit after a report is not relayed", "Sở Xây dựng tổng hợp kết quả kiểm tra 5 công trình.", nil},
		{"an opening clause, then a lower-case title", "Sở Giáo dục và Đào tạo yêu cầu các trường rà soát. Căn cứ tình hình bão, các cảnh báo thời tiết và tình hình thực tiễn, thủ trưởng các cơ sở giáo dục chủ động cho học sinh nghỉ học.",
			[]string{"các trường", "các cơ sở giáo dục"}},
		{"an opening clause, then a capitalised title", "UBND tỉnh yêu cầu Sở Nông nghiệp và Phát triển nông thôn theo dõi cấp dự báo cháy rừng. Trên cơ sở thông tin cấp dự báo (cấp IV) trở lên, do Sở Nông nghiệp và PTNT cung cấp, Thủ trưởng các sở, ban, ngành tỉnh triển khai ngay các biện pháp phòng cháy.",
			[]string{"Sở Nông nghiệp và Phát triển nông thôn", "các sở, ban, ngành tỉnh"}},
		{"a short follow-up of the units just named gives their deadline", "Sở Giáo dục và Đào tạo yêu cầu thủ trưởng các cơ sở giáo dục chủ động quyết định cho học sinh nghỉ học. Các đơn vị phải kịp thời thông báo phương án trước 21h ngày 22/11/2026.",
			[]string{"các cơ sở giáo dục"}},
		{"an opening summary detailed by the next paragraph", "UBND tỉnh vừa có Văn bản chỉ đạo các sở, ban, ngành; UBND các huyện, thành phố tăng cường quản lý thuốc lá điện tử.\n\nTheo đó, UBND tỉnh yêu cầu các cơ quan, đơn vị tăng cường phổ biến thông tin.\n\nUBND tỉnh giao Sở Y tế tăng cường truyền thông.",
			[]string{"các cơ quan, đơn vị", "Sở Y tế"}},
		{"an opening summary not detailed stays", "UBND tỉnh vừa có Văn bản chỉ đạo các sở, ban, ngành; UBND các huyện, thành phố tăng cường quản lý thuốc lá điện tử.\n\nUBND tỉnh giao Sở Y tế tăng cường truyền thông.",
			[]string{"các sở, ban, ngành", "UBND các huyện, thành phố", "Sở Y tế"}},
		{"the units just tasked, given their deadline paragraphs later", "Theo đó, UBND tỉnh giao Viện Kinh tế - Xã hội chủ trì, phối hợp với Sở Tài chính nghiên cứu, đề xuất thành lập Tổ tư vấn.\n\nTổ tư vấn có chức năng tư vấn chính sách.\n\nLãnh đạo UBND tỉnh yêu cầu các đơn vị trình dự thảo thành lập tổ trước ngày 25/11/2026.",
			[]string{"Viện Kinh tế - Xã hội"}},
		{"a summary told again below with its deadline", "Bộ Tài chính vừa có văn bản đề nghị 4 bộ, ngành chưa gửi báo cáo quyết toán khẩn trương gửi báo cáo.\n\n4 bộ, ngành được nêu tên gồm: Bộ Xây dựng, Ủy ban Dân tộc. Tập đoàn Điện lực Việt Nam là một trong 4 bộ ngành được nêu tên.\n\nBộ Tài chính đề nghị 4 bộ, ngành nêu trên khẩn trương gửi báo cáo quyết toán về Bộ Tài chính trước ngày 15/12/2026.",
			[]string{"4 bộ, ngành nêu trên"}},
		{"a central authority tasks a province", "Phó Thủ tướng vừa ký Quyết định công nhận huyện Châu Thành đạt chuẩn nông thôn mới.\n\nPhó Thủ tướng giao Ủy ban nhân dân tỉnh Trà Vinh có trách nhiệm công bố và khen thưởng theo quy định.",
			[]string{"Ủy ban nhân dân tỉnh Trà Vinh"}},
		{"what a unit is doing", "UBND tỉnh giao Sở Xây dựng rà soát quy hoạch. Sở Công thương đang tiến hành các bước chuẩn bị thành lập Hiệp hội doanh nghiệp.",
			[]string{"Sở Xây dựng"}},
		{"a ministry's letter relayed", "Bộ VHTTDL đã ban hành Văn bản số 21/BVHTTDL yêu cầu các Sở VHTTDL các tỉnh, thành phố trực thuộc Trung ương tạm dừng các giải thể thao.",
			[]string{"các Sở VHTTDL các tỉnh, thành phố trực thuộc Trung ương"}},
		{"units after a plan is issued relay it", "UBND tỉnh ban hành Kế hoạch số 3676/KH-UBND về rà soát hộ nghèo. Theo đó, trước ngày 10/11/2026, UBND các huyện, thành phố sẽ báo cáo kết quả rà soát về UBND tỉnh.",
			[]string{"UBND các huyện, thành phố"}},
		{"a sanction announced is no request", "Sở Tài chính đề nghị UBND các huyện tổng hợp báo cáo gửi về Sở Tài chính trước ngày 15/12/2026. Sau thời hạn trên, nếu các đơn vị không chấp hành, Sở Tài chính sẽ tạm đình chỉ hoặc yêu cầu Kho bạc Nhà nước tạm đình chỉ việc thanh toán.",
			[]string{"UBND các huyện"}},
		{"a lead paragraph stamped with the page's time, said again in full", "14:28 | 24/11/2026 Print\nSở Tài chính đề nghị các cơ quan, đơn vị lập báo cáo quyết toán vốn đầu tư năm 2025 theo quy định, gửi Sở Tài chính trước ngày 15/12/2026.\n\nĐể hoàn thành công tác quyết toán, Sở Tài chính đề nghị các cơ quan, đơn vị lập báo cáo quyết toán vốn đầu tư năm 2025 theo quy định, gửi Sở Tài chính trước ngày 15/12/2026, bảo đảm chất lượng, thời gian.",
			[]string{"các cơ quan, đơn vị"}},
		{"a list announced below", "Các cơ quan, đơn vị sau đây chịu trách nhiệm quản lý và tổ chức thực hiện Kế hoạch:", nil},
		{"a unit given the lead by an authority", "Sở Thông tin và Truyền thông được Ủy ban nhân dân tỉnh giao chủ trì, phối hợp Sở Giáo dục và Đào tạo tổ chức các hoạt động hưởng ứng.",
			[]string{"Sở Khoa học và Công nghệ"}}, // (its 2025 successor)
		{"a leader named as a person directs", "Tại buổi làm việc, ông chỉ đạo các sở, ngành cần chuẩn bị kỹ báo cáo giải trình, gửi UBND tỉnh.",
			[]string{"các sở, ngành"}},
		{"a district committee's direction relayed", "UBND huyện Ea H’Leo đã chỉ đạo các ban, ngành, địa phương tạm dừng tổ chức các hoạt động lễ hội.",
			[]string{"các ban, ngành, địa phương"}},
		{"a committee of many districts directing is the one tasked", "UBND tỉnh yêu cầu Chủ tịch UBND các huyện, thành phố chỉ đạo cơ quan chức năng kiểm tra.",
			[]string{"UBND các huyện, thành phố"}},
		{"a page's section in capitals is no issuer", "TIN TỨC - SỰ KIỆN\n\nUBND tỉnh chỉ đạo tổ chức trực và báo cáo tình hình trong dịp nghỉ Lễ\n\nNgày 21/4/2026, Ủy ban nhân dân tỉnh ban hành Công văn số 1915/UBND-KTTH chỉ đạo các sở, ban, ngành tổ chức trực.\n\nTheo đó, UBND tỉnh yêu cầu các sở, ban, ngành bố trí phân công trực trong những ngày nghỉ Lễ.",
			[]string{"các sở, ban, ngành"}},
		{"a numbered item with a subject assigns in a rendered text", "Thủ tướng Chính phủ ban hành Chương trình phòng, chống tội phạm.\n1. Các bộ, cơ quan ngang bộ xây dựng kế hoạch cụ thể để triển khai Chương trình này; định kỳ hằng quý xây dựng báo cáo tình hình gửi đến Bộ Công an để tổng hợp.\n- Huyện ủy, UBND huyện Cẩm Giàng, đại diện các phòng, ban của huyện;",
			[]string{"Các bộ"}},
		{"the province directs, told bare", "Trước diễn biến của bão, tỉnh cũng chỉ đạo UBND các địa phương cần chủ động bố trí kinh phí và nguồn lực khắc phục hậu quả.",
			[]string{"UBND các địa phương"}},
		{"a province's schedule is no subject", "Để bảo đảm lịch thời vụ của tỉnh chỉ đạo, Sở Nông nghiệp và PTNT đề nghị các địa phương tăng cường công tác chỉ đạo.",
			[]string{"các địa phương"}},
		{"a letter a body sent, told, is no task of its own", "UBND thành phố vừa ban hành Thông báo số 245/TB-UBND ngày 29/6/2027 về việc hoãn tổ chức tiếp công dân định kỳ tháng 6/2027.\n\nTheo đó, ngày 25/12/2026, UBND thành phố có Công văn số 8262/UBND-TCD về việc tổ chức tiếp công dân định kỳ năm 2027, trong đó, lịch tiếp công dân tháng 6/2027 của Chủ tịch UBND thành phố vào ngày 29/6/2027 (thứ Ba).",
			nil},
		{"a request to those a letter was sent to", "UBND TP.HCM vừa có văn bản gửi các sở, ngành và đơn vị liên quan yêu cầu khẩn trương rà soát, giải quyết các kiến nghị của cử tri.",
			[]string{"các sở, ngành"}},
		{"a letter sent told as past", "Trước đó, ngày 11.12.2025, Sở Kế hoạch và Đầu tư có công văn gửi các đơn vị đề nghị báo cáo nội dung này.", nil},
		{"a plural department named with its initials", "Bộ LĐ-TB&XH vừa có văn bản yêu cầu các Sở LĐ-TB&XH trên cả nước chủ động phối hợp với các sở, ngành.",
			[]string{"các Sở LĐ-TB&XH trên cả nước"}},
		{"'cân nhắc' is a verb; 'mỗi' counts units", "UBND tỉnh yêu cầu các địa phương cân nhắc cho học sinh nghỉ học khi cần thiết. Đề nghị mỗi trường giới thiệu 01 học sinh tiêu biểu.",
			[]string{"các địa phương", "mỗi trường"}},
		{"a plural department of the places named before", "Bộ trưởng Bộ Giáo dục và Đào tạo yêu cầu giám đốc Sở Giáo dục và Đào tạo các tỉnh, thành phố nói trên chỉ đạo các trường chủ động cho học sinh nghỉ học.",
			[]string{"Sở Giáo dục và Đào tạo các tỉnh, thành phố nói trên"}},
		{"a group's qualifier", "UBND tỉnh yêu cầu UBND các xã, phường biên giới phối hợp với lực lượng chức năng kiểm tra. Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh chủ trì tổ chức hội thảo.",
			[]string{"UBND các xã, phường biên giới", "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh"}},
		{"led by", "Đề án Kinh tế đô thị do Sở Xây dựng chủ trì, hoàn thành trước ngày 30/12/2026.",
			[]string{"Sở Xây dựng"}},
		{"a lead-in before the subject", "Chính phủ yêu cầu các Bộ, cơ quan, địa phương triển khai các nhiệm vụ. Cùng với đó, Bộ Tài chính chủ trì, phối hợp với các Bộ, cơ quan, địa phương triển khai các giải pháp cân đối thu chi ngân sách.",
			[]string{"các Bộ, cơ quan, địa phương", "Bộ Tài chính"}},
		{"a department's direction relayed", "Để đảm bảo năng suất cây trồng vụ Mùa, Sở Xây dựng (SXD) tỉnh Bắc Ninh đã chỉ đạo các địa phương chủ động tiêu thoát nước.",
			[]string{"các địa phương"}},
		{"a closing courtesy and a note are no tasks", "Sở Giao thông vận tải đề nghị các sở, ngành góp ý dự thảo trước ngày 25/11/2026.\n\nSở Giao thông vận tải lưu ý báo cáo gửi về sở phải thống nhất với bản lưu.\n\nĐề nghị quý Sở, ngành, địa phương và cơ quan liên quan quan tâm phối hợp.",
			[]string{"các sở, ngành"}},
		{"an award proposed", "Đề nghị tặng Huân chương Lao động hạng Ba cho bà Nguyễn Thị A - Giám đốc Sở Tư pháp.", nil},
		{"xin ý kiến asks the bodies named", "UBND tỉnh gửi tài liệu xin ý kiến các bộ, cơ quan ngang bộ, UBND các tỉnh tham gia ý kiến vào dự thảo Quy hoạch tỉnh trước ngày 5/12/2026.",
			[]string{"các bộ"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Extract(tt.body, Options{Units: dir, Issued: issued})
			if err != nil {
				t.Fatal(err)
			}
			got := leadNames(res.Tasks)
			if strings.Join(got, "|") != strings.Join(tt.leads, "|") {
				t.Errorf("leads %q, want %q", got, tt.leads)
			}
		})
	}
}

// TestNewsDeadlines: a news item without its date still dates a deadline
// written without a year (after the latest cited document), and a dated duty
// keeps its date when a standing one ("thường xuyên …") follows in another clause.
func TestNewsDeadlines(t *testing.T) {
	text := "Theo đó, UBND tỉnh yêu cầu các sở, ban, ngành thực hiện nghiêm Chỉ thị số 19-CT/TW ngày 18/11/2022 của Ban Bí thư; " +
		"gửi danh sách phân công trực về Văn phòng UBND tỉnh chậm nhất ngày 14/01; thường xuyên nắm tình hình."
	res, err := Extract(text, Options{Units: testDir(t)})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Tasks) != 1 || res.Tasks[0].Deadline == nil || res.Tasks[0].Deadline.Nominal.Format(time.DateOnly) != "2023-01-14" {
		t.Fatalf("tasks %+v, want one with the deadline 14/01/2023", res.Tasks)
	}
	if !slices.Contains(res.Tasks[0].Flags, "year_inferred") {
		t.Errorf("flags %v: the year was inferred", res.Tasks[0].Flags)
	}
}

// TestAdvisingIsNotDirecting: "Tham mưu UBND tỉnh chỉ đạo X" is the subject's
// task (advise the authority); X is not its lead.
func TestAdvisingIsNotDirecting(t *testing.T) {
	dir := provinceDir(t)
	body := "Theo đó, giao Thanh tra tỉnh tiến hành thanh tra trực tiếp tại Sở Xây dựng.\n\nTham mưu UBND tỉnh chỉ đạo các cơ quan, đơn vị, địa phương đối với những nội dung thuộc thẩm quyền; tổng hợp kết quả thanh tra."
	res, err := Extract(body, Options{Units: dir})
	if err != nil {
		t.Fatal(err)
	}
	for _, task := range res.Tasks {
		if task.Lead.Name != "Thanh tra tỉnh" {
			t.Errorf("lead %q (%q), want only Thanh tra tỉnh's tasks", task.Lead.Name, task.Content)
		}
	}
}

// TestPluralBodies: one body in each of many places is one group named as
// written; a list under one head still expands.
func TestPluralBodies(t *testing.T) {
	dir := provinceDir(t)
	tests := []struct{ body, lead string }{
		{"Bộ Giáo dục và Đào tạo đề nghị các Sở Giáo dục và Đào tạo báo cáo nhanh tình hình.", "các Sở Giáo dục và Đào tạo"},
		{"BHXH Việt Nam yêu cầu BHXH các tỉnh, thành phố gửi báo cáo.", "BHXH các tỉnh, thành phố"},
		{"Giao các Sở Tài chính và Xây dựng rà soát.", "Sở Tài chính"},
		{"Giao các Sở Tài chính, Xây dựng và Y tế rà soát.", "Sở Tài chính"},
		{"Thủ trưởng các sở, ban, ngành tỉnh; Chủ tịch UBND các huyện, thành phố thường xuyên kiểm tra, giám sát.", "các sở, ban, ngành tỉnh"},
		{"1.1. Các sở giáo dục và đào tạo kiện toàn Ban tổ chức cấp tỉnh.", "Các sở giáo dục và đào tạo"},
		{"Tổng cục Thuế yêu cầu cục trưởng các cục thuế phải chỉ đạo các phòng.", "các cục thuế"},
	}
	for _, tt := range tests {
		res, err := Extract("ỦY BAN NHÂN DÂN\nTỈNH ĐỒNG THÁP\nSố: 12/UBND-KT\n\n"+tt.body, Options{Units: dir})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Tasks) != 1 || res.Tasks[0].Lead.Name != tt.lead {
			t.Errorf("%q: leads %q, want %q", tt.body, leadNames(res.Tasks), tt.lead)
		}
	}
}

// TestYearOfUndatedText: with no issue date, a year-less deadline falls in the
// year of the text's latest full date, flagged year_inferred.
func TestYearOfUndatedText(t *testing.T) {
	res, err := Extract("Theo kế hoạch, rà soát tiến hành từ ngày 1-9 đến hết ngày 31-12-2018.\n\nYêu cầu UBND các huyện, thị xã, thành phố báo cáo sơ bộ kết quả rà soát trước ngày 25-10.", Options{Units: testDir(t)})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Tasks) != 1 || res.Tasks[0].Deadline == nil {
		t.Fatalf("tasks %+v, want one with a deadline", res.Tasks)
	}
	if d := res.Tasks[0].Deadline; d.Nominal.Format("2006-01-02") != "2018-10-25" || !slices.Contains(res.Tasks[0].Flags, "year_inferred") {
		t.Errorf("deadline %+v flags %v, want 2018-10-25, year_inferred", d, res.Tasks[0].Flags)
	}
}

// TestYearNamedInUndatedText: with no issue date and no full date, the year
// the text names ("năm 2015") places a year-less deadline; a horizon ("đến năm
// 2030") does not.
func TestYearNamedInUndatedText(t *testing.T) {
	for _, tt := range []struct{ body, want string }{
		{"Bộ Lao động – Thương binh và Xã hội yêu cầu các địa phương báo cáo tình hình tiền lương năm 2015 trước ngày 30/12.", "2015-12-30"},
		{"Yêu cầu các địa phương báo cáo tình hình tiền lương năm 2015, định hướng đến năm 2030, trước ngày 30/12.", "2015-12-30"},
		// the year at a sentence's start; a month with no day, as a day's date is
		{"Năm 2025, thành phố triển khai sắp xếp đơn vị hành chính.\nGiao Sở Xây dựng tham mưu các quy định phân cấp trong tháng 8.", "2025-08-31"},
	} {
		res, err := Extract(tt.body, Options{Units: testDir(t)})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Tasks) != 1 || res.Tasks[0].Deadline == nil || res.Tasks[0].Deadline.Nominal.Format("2006-01-02") != tt.want ||
			!slices.Contains(res.Tasks[0].Flags, "year_inferred") {
			t.Errorf("%q: tasks %+v, want one due %s, year_inferred", tt.body, res.Tasks, tt.want)
		}
	}
}

// TestAnotherProvincesUnit: a province right after a unit's name makes it that
// province's unit: the directory's own only for its own province.
func TestAnotherProvincesUnit(t *testing.T) {
	dir := provinceDir(t)
	tests := []struct{ body, code, lead string }{
		{"Giao Sở Y tế Cà Mau kiểm tra.", "", "Sở Y tế Cà Mau"},
		{"Giao Sở Y tế Đồng Tháp kiểm tra.", "000.00.09.H20", "Sở Y tế"},
		{"Chi cục Chăn nuôi và Thú y TP.HCM được giao triển khai các giải pháp.", "", "Chi cục Chăn nuôi và Thú y TP.HCM"},
		{"Giao Sở Y tế Thực hiện kiểm tra.", "000.00.09.H20", "Sở Y tế"},
	}
	for _, tt := range tests {
		res, err := Extract(tt.body, Options{Units: dir})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Tasks) != 1 || res.Tasks[0].Lead != (UnitRef{Code: tt.code, Name: tt.lead}) {
			t.Errorf("%q: tasks %+v, want lead %q %q", tt.body, res.Tasks, tt.code, tt.lead)
		}
	}
}

// TestIssuerByInitials: the issuer named by its initials in its own text
// ("Bộ GDĐT" in a letter of "BỘ GIÁO DỤC VÀ ĐÀO TẠO") is no assignee.
func TestIssuerByInitials(t *testing.T) {
	for _, tt := range []struct {
		name, key string
		want      bool
	}{
		{"bo giao duc va dao tao", "bo gddt", true},
		{"bo giao duc va dao tao", "bo gdt", false},
		{"so tai chinh", "so tc", true},
		{"bo giao duc va dao tao", "so gddt", false},
	} {
		if got := initialsOf(tt.name, tt.key); got != tt.want {
			t.Errorf("initialsOf(%q, %q) = %v", tt.name, tt.key, got)
		}
	}
	body := "BỘ GIÁO DỤC VÀ ĐÀO TẠO\nSố: 1114/BGDĐT-QLCL\n\nBộ GDĐT hướng dẫn các Sở GDĐT thực hiện một số nội dung sau:\n1. Lập danh sách các cơ sở giáo dục tham gia khảo sát."
	res, err := Extract(body, Options{Units: testDir(t)})
	if err != nil {
		t.Fatal(err)
	}
	for _, task := range res.Tasks {
		if strings.Contains(task.Lead.Name, "Bộ GDĐT") {
			t.Errorf("the issuer is a lead: %+v", task)
		}
	}
}

func TestTaskTable(t *testing.T) {
	dir := testDir(t)
	body := "III. NHIỆM VỤ CỤ THỂ\n" +
		"| TT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |\n" +
		"|---|---|---|---|---|\n" +
		"| I | Nhóm nhiệm vụ về thể chế | | | |\n" +
		"| 1 | Rà soát, đơn giản hóa thủ tục hành chính | Sở Tư pháp | Sở Tài chính | Trước ngày 30/6/2026 |\n" +
		"| 2 | Tổng hợp, báo cáo kết quả rà soát | | | Quý III/2026 |\n" +
		"| 3 | Kiện toàn tổ chức bộ máy | Sở Nội vụ | UBND các xã, phường | Thường xuyên |\n" +
		"| 4 | Ban hành quy chế phối hợp | UBND tỉnh | | Năm 2026 |\n" +
		"IV. TỔ CHỨC THỰC HIỆN\nSở Nội vụ theo dõi, đôn đốc, tổng hợp báo cáo UBND tỉnh trước ngày 15/12/2026."
	res, err := Extract(header+body, Options{Units: dir})
	if err != nil {
		t.Fatal(err)
	}
	want := []layoutWant{
		{"Sở Tư pháp", "Sở Tài chính", "2026-06-30", "Rà soát, đơn giản hóa thủ tục hành chính. Thời hạn: Trước ngày 30/6/2026."},
		{"Sở Tư pháp", "", "2026-09-30", "Tổng hợp, báo cáo kết quả rà soát. Thời hạn: Quý III/2026."}, // a merged lead cell
		{"Sở Nội vụ", "UBND các xã, phường", "", "Kiện toàn tổ chức bộ máy. Thời hạn: Thường xuyên."},
		// the issuer's own row is no task
		{"Sở Nội vụ", "", "2026-12-15", "Sở Nội vụ theo dõi, đôn đốc, tổng hợp báo cáo UBND tỉnh trước ngày 15/12/2026."},
	}
	compareTableTasks(t, "bar table", res.Tasks, want)
	for i, task := range res.Tasks {
		if i < 3 && task.Confidence >= 0.9 {
			t.Errorf("task %d: a table row has confidence %v; rows are not calibrated, a person confirms them", i, task.Confidence)
		}
	}
	// Bars that are no task table (the header's two columns) are left alone.
	res, err = Extract("ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\nSố: 45/TB-UBND | Đồng Tháp, ngày 10 tháng 3 năm 2026 |\nGiao Sở Y tế báo cáo trước ngày 20/3/2026.", Options{Units: dir})
	if err != nil || len(res.Tasks) != 1 || res.Tasks[0].Lead.Name != "Sở Y tế" || res.Document.Number != "45" {
		t.Errorf("header with bars: %+v %v", res, err)
	}
}

// TestDistrictBodiesAreNotTheProvinces: a group restricted to a district's
// bodies ("các cơ quan, đơn vị thuộc UBND huyện") is not expanded into the
// province's departments, and no group holds the province's own Committee.
func TestDistrictBodiesAreNotTheProvinces(t *testing.T) {
	dir := provinceDir(t)
	r, err := Extract("Thủ trưởng các cơ quan, đơn vị thuộc UBND huyện báo cáo trước ngày 10/2/2026.\nĐề nghị các cơ quan, đơn vị báo cáo trước ngày 12/2/2026.",
		Options{Units: dir, Issued: time.Date(2026, 1, 10, 9, 0, 0, 0, time.FixedZone("ICT", 7*3600))})
	if err != nil || len(r.Tasks) != 2 {
		t.Fatalf("%v %+v", err, r.Tasks)
	}
	if got := r.Tasks[0].LeadUnits; len(got) != 1 || got[0].Code != "" {
		t.Errorf("a district's bodies expanded to %v", got)
	}
	if got := r.Tasks[1].LeadUnits; len(got) < 10 {
		t.Errorf("the province's bodies: %d", len(got))
	}
	for _, u := range r.Tasks[1].LeadUnits {
		if strings.HasPrefix(u.Name, "Ủy ban nhân dân tỉnh") {
			t.Errorf("the group holds %s", u.Name)
		}
	}
}

// TestTimeGivenElsewhereIsReviewed: a task that points to a time given
// elsewhere ("đúng thời gian, địa điểm") and whose deadline was not found is
// held for review; the same task without the pointer is not.
func TestTimeGivenElsewhereIsReviewed(t *testing.T) {
	dir := provinceDir(t)
	issued := time.Date(2026, 3, 2, 9, 0, 0, 0, time.FixedZone("ICT", 7*3600))
	for _, tt := range []struct {
		text   string
		review bool
	}{
		{"Kính gửi: Sở Tư pháp.\nĐề nghị Sở Tư pháp cử cán bộ tham dự hội nghị đúng thời gian, địa điểm.", true},
		{"Kính gửi: Sở Tư pháp.\nĐề nghị Sở Tư pháp cử cán bộ tham dự hội nghị.", false},
		{"Kính gửi: Sở Tư pháp.\nĐề nghị Sở Tư pháp đôn đốc các cơ quan liên quan phối hợp thực hiện để bảo đảm tiến độ Đề án.", true},
	} {
		r, err := Extract(tt.text, Options{Units: dir, Issued: issued, Directive: true})
		if err != nil || len(r.Tasks) != 1 {
			t.Fatalf("%q: %v %+v", tt.text, err, r.Tasks)
		}
		if got := r.Tasks[0].Confidence < 0.9; got != tt.review {
			t.Errorf("%q: confidence %.2f, held for review %v, want %v", tt.text, r.Tasks[0].Confidence, got, tt.review)
		}
	}
}

// TestRecipientsFlattened: a text whose lines were all flattened into one
// (a legal site's copy) has its "Nơi nhận:" right after the body's closing
// "./": the recipients listed there ("Các sở, ban, ngành; VP UBND tỉnh: …")
// are no task.
func TestRecipientsFlattened(t *testing.T) {
	text := "ỦY BAN NHÂN DÂN TỈNH CAO BẰNG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập Tự do Hạnh phúc Số: 46/2019/QĐ-UBND Cao Bằng, ngày 28 tháng 10 năm 2019 QUYẾT ĐỊNH Ban hành Quy định chế độ báo cáo định kỳ QUYẾT ĐỊNH: Điều 1. Ban hành kèm theo Quyết định này Quy định chế độ báo cáo định kỳ. Điều 2. Quyết định này có hiệu lực kể từ ngày 08 tháng 11 năm 2019. Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh; Thủ trưởng các sở, ban, ngành chịu trách nhiệm thi hành Quyết định này./ Nơi nhận: Như Điều 3; Thường trực Tỉnh ủy; Các sở, ban, ngành; VP UBND tỉnh: LĐVP, TTTT, các CV; UBND các huyện, thành phố; Lưu: VT, KSTT. TM. ỦY BAN NHÂN DÂN"
	res, err := Extract(text, Options{Units: provinceDir(t)})
	if err != nil {
		t.Fatal(err)
	}
	for _, tk := range res.Tasks {
		t.Errorf("task %q: %s", tk.Lead.Name, tk.Content)
	}
}

// TestOpenParenNoName: a list in parentheses cut open ("các Bộ (Quốc phòng,
// Công an, …), các ngành …" read up to its first comma) names no unit; a
// name with its parenthesis closed still does.
func TestOpenParenNoName(t *testing.T) {
	if looksLikeUnit(units.Mention{Written: "Bộ (Quốc phòng", Generic: true}) {
		t.Error(`"Bộ (Quốc phòng" looks like a unit`)
	}
	if !looksLikeUnit(units.Mention{Written: "Sở Nội vụ (Ban Thi đua - Khen thưởng)", Generic: true}) {
		t.Error(`"Sở Nội vụ (Ban Thi đua - Khen thưởng)" does not look like a unit`)
	}
}

// TestSharedPlaces: a People's Committee named without its places, then a
// body named with a group of them (a storm công điện's addressees), is the
// committees of those places: "UBND các huyện, thị xã, thành phố", never a
// bare "UBND".
func TestSharedPlaces(t *testing.T) {
	issued := time.Date(2026, 5, 10, 9, 0, 0, 0, time.FixedZone("ICT", 7*3600))
	for text, want := range map[string]string{
		"Yêu cầu Chủ tịch UBND, Trưởng Ban Chỉ huy PCTT và TKCN các huyện, thị xã, thành phố theo dõi chặt chẽ diễn biến, báo cáo trước ngày 20/5/2026.": "UBND các huyện, thị xã, thành phố",
		"UBND và Ban Chỉ huy PCTT & TKCN các địa phương ven biển theo dõi chặt chẽ các bản tin dự báo, báo cáo trước ngày 20/5/2026.":                    "UBND các địa phương ven biển",
		// in the province's own công điện, where a bare "UBND" is the issuer
		"ỦY BAN NHÂN DÂN\nTỈNH ĐỒNG THÁP\n\nSố: 12/CĐ-UBND\n\nĐồng Tháp, ngày 10 tháng 5 năm 2026\n\nCÔNG ĐIỆN\n\nChủ tịch UBND tỉnh yêu cầu:\n\n1. Chủ tịch UBND, Trưởng Ban Chỉ huy PCTT và TKCN các xã, phường theo dõi chặt chẽ diễn biến, báo cáo trước ngày 20/5/2026.": "UBND các xã, phường",
	} {
		r, err := Extract(text, Options{Units: provinceDir(t), Issued: issued})
		if err != nil || len(r.Tasks) == 0 {
			t.Fatalf("%q: %v %+v", text, err, r.Tasks)
		}
		if got := r.Tasks[0].Lead.Name; got != want {
			t.Errorf("%q: lead %q, want %q", text, got, want)
		}
	}
}

// TestScheduleAsides: a leaders' weekly schedule names in parentheses the unit
// that prepares an entry; that is the unit's task, due on the entry's day at
// its time (on its line before the aside, above it, or else the first time
// below it). An aside that names no preparer, or a day whose year nothing
// gives, makes no task.
func TestScheduleAsides(t *testing.T) {
	type want struct{ lead, date, at string }
	for _, tt := range []struct {
		name, text string
		want       []want
	}{
		{"time on the line, aside in the same line", "LỊCH LÀM VIỆC CỦA LÃNH ĐẠO UBND XÃ\n(Tuần thứ 07 từ ngày 09/02/2026 đến ngày 13/02/2026)\nTHỨ HAI (09/02/2026):\n08 giờ 00’: Thăm, chúc tết Trường THPT Lê Quý Đôn. (Giao Phòng Văn hóa – Xã hội chuẩn bị nội dung)\n09 giờ 00’: Dự hội nghị tổng kết (Giấy mời riêng)",
			[]want{{"Phòng Văn hóa – Xã hội", "2026-02-09", "08:00"}}},
		{"the time below the aside, its first", "LỊCH LÀM VIỆC\nTHỨ BA (10/02/2026):\n1. Chủ tịch UBND xã: Thực hiện mô hình “Buổi sáng với Nhân dân”. (Giao Văn phòng HĐND&UBND xã đảm bảo các điều kiện cần thiết)\nThời gian, địa điểm: 07 giờ 00’ đến 08 giờ 00’ tại phòng Tiếp công dân xã.",
			[]want{{"Văn phòng HĐND&UBND xã", "2026-02-10", "07:00"}}},
		{"a day wrapped after 'Thứ', the year from the week, an aside wrapped, a museum", "LỊCH LÀM VIỆC\nTuần 13 (24/3/2025 - 30/3/2025)\n* Thứ\nBa: 25/3\n1- 08h30: PGĐ nghe báo cáo về việc chuẩn bị Lễ Giỗ Tổ (Bảo tàng\ntỉnh chuẩn bị nội dung)\n- Địa điểm: Bảo tàng tỉnh",
			[]want{{"Bảo tàng tỉnh", "2025-03-25", "08:30"}}},
		{"no year anywhere", "LỊCH LÀM VIỆC\nTHỨ HAI, NGÀY 27/5:\n- PCT: 7 giờ 30’, nghe báo cáo dự thảo biên bản (Phòng Kinh tế và Hạ tầng chuẩn bị báo cáo)", nil},
	} {
		r, err := Extract(tt.text, Options{Units: provinceDir(t)})
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		var got []want
		for _, tk := range r.Tasks {
			if tk.Deadline == nil {
				continue
			}
			got = append(got, want{tk.Lead.Name, tk.Deadline.Nominal.Format(time.DateOnly), tk.Deadline.Time})
		}
		if fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestGroupEndsWithPlace: a group of committees whose last level is followed by
// a place's name keeps the place in its name; the province's own name leaves
// the group whole (every district and city), another place leaves which members
// unknown, for a person to name.
func TestGroupEndsWithPlace(t *testing.T) {
	root := "R"
	dir, err := units.New([]units.Unit{
		{Code: root, Name: "UBND tỉnh Quảng Nam", Kind: "khac"},
		{Code: "H1", Name: "UBND huyện Duy Xuyên", Kind: "ubnd_huyen", Parent: &root},
		{Code: "H2", Name: "UBND thị xã Điện Bàn", Kind: "ubnd_huyen", Parent: &root},
		{Code: "H3", Name: "UBND thành phố Hội An", Kind: "ubnd_huyen", Parent: &root},
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		body, lead string
		expanded   bool
	}{
		{"Giao UBND các huyện, thị xã, thành phố rà soát, báo cáo trước ngày 30/4/2026.", "UBND các huyện, thị xã, thành phố", true},
		{"Giao UBND các huyện, thị xã, thành phố Quảng Nam rà soát, báo cáo trước ngày 30/4/2026.", "UBND các huyện, thị xã, thành phố Quảng Nam", true},
		{"Giao UBND các huyện, thị xã, thành phố Huế rà soát, báo cáo trước ngày 30/4/2026.", "UBND các huyện, thị xã, thành phố Huế", false},
	} {
		// (the directory's own province issues: another's text names its own groups)
		qn := strings.ReplaceAll(header, "ĐỒNG THÁP", "QUẢNG NAM")
		res, err := Extract(qn+tt.body, Options{Units: dir})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Tasks) != 1 {
			t.Fatalf("%q: %d tasks", tt.body, len(res.Tasks))
		}
		task := res.Tasks[0]
		if task.Lead.Name != tt.lead || (len(task.LeadUnits) > 1) != tt.expanded {
			t.Errorf("%q: lead %q with %d units, want %q expanded=%v", tt.body, task.Lead.Name, len(task.LeadUnits), tt.lead, tt.expanded)
		}
	}
}

// TestTogetherWith: in a news item, bodies named "X, UBND tỉnh Y cùng (với)
// các cơ quan liên quan" share a duty: the province's committee, which a news
// item otherwise reads as the authority it relays, is one of them when named
// after another body, and "cùng (với)" joins the list as "và" does.
func TestTogetherWith(t *testing.T) {
	body := "Ngày 12-12-2026, Phó Thủ tướng ký Quyết định chuyển Trường Đại học Trà Vinh thành Đại học Trà Vinh.\n\n" +
		"Bộ Giáo dục và Đào tạo, UBND tỉnh Vĩnh Long cùng các cơ quan liên quan có trách nhiệm hướng dẫn, giám sát quá trình chuyển đổi."
	res, err := Extract(body, Options{Units: provinceDir(t)})
	if err != nil {
		t.Fatal(err)
	}
	if got := leadNames(res.Tasks); strings.Join(got, "|") != "Bộ Giáo dục và Đào tạo" {
		t.Errorf("leads %q, want the ministry's one task", got)
	}
}

// TestVuHead: "Vụ" and a capitalised name head a ministry's department; a
// crop season ("Vụ Xuân", "Vụ Hè Thu"), a district ("Vụ Bản") and "Vụ việc"
// head nothing.
func TestVuHead(t *testing.T) {
	for s, want := range map[string]bool{
		"Vụ Dân tộc thiểu số": true, "Vụ Tổ chức cán bộ": true,
		"Vụ Xuân năm 2026": false, "Vụ Hè Thu năm nay": false, "Vụ Bản": false, "Vụ việc này": false,
	} {
		if got := looksLikeHead(s); got != want {
			t.Errorf("looksLikeHead(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestDocumentDirects: a document right before "chỉ đạo" directs the units
// after it ("Bộ GD&ĐT có văn bản chỉ đạo sở GD&ĐT cấp tỉnh đảm nhận …"); the
// level after a name qualifies it, no second lead.
func TestDocumentDirects(t *testing.T) {
	res, err := Extract("Bộ Tài chính có văn bản chỉ đạo Sở Tài chính cấp tỉnh đảm nhận việc rà soát, báo cáo trước ngày 30/12/2026.", Options{Units: testDir(t)})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Tasks) != 1 || res.Tasks[0].Lead.Name != "Sở Tài chính" || len(res.Tasks[0].Coordinates) != 0 {
		t.Fatalf("tasks %+v, want Sở Tài chính's alone", res.Tasks)
	}
}

// TestClosingDateCoversList: a closing request that asks the recipients to
// "phối hợp thực hiện và gửi báo cáo … trước ngày D" dates the reports its
// list's items asked for, every one, and is no task of its own.
func TestClosingDateCoversList(t *testing.T) {
	body := "Kính gửi:\n\n– Thủ trưởng các sở, ban, ngành;\n\n– Chủ tịch UBND các huyện, thành phố.\n\n" +
		"Sở Nội vụ đề nghị các sở, ban, ngành, UBND các huyện, thành phố báo cáo số liệu cải cách hành chính, như sau:\n\n" +
		"1. Đối với các sở, ban, ngành báo cáo theo phụ lục 1 kèm theo văn bản này.\n\n" +
		"2. UBND các huyện, thành phố báo cáo theo phụ lục 2 kèm theo văn bản này.\n\n" +
		"Sở Nội vụ trân trọng đề nghị các cơ quan, đơn vị phối hợp thực hiện và gửi báo cáo số liệu cải cách hành chính về Sở Nội vụ trước ngày 17/4/2026 " +
		"(phòng Cải cách hành chính, Sở Nội vụ, số 6 đường Tô Hiệu, thành phố Sơn La; điện thoại 0212.3852; thư điện tử cchc@sonla.gov.vn)."
	issued := time.Date(2026, 4, 8, 8, 0, 0, 0, time.FixedZone("ICT", 7*3600))
	res, err := Extract(body, Options{Units: testDir(t), Issued: issued})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, task := range res.Tasks {
		d := ""
		if task.Deadline != nil {
			d = task.Deadline.Nominal.Format(time.DateOnly)
		}
		got = append(got, task.Lead.Name+" "+d)
	}
	if want := "các sở, ban, ngành 2026-04-17|UBND các huyện, thành phố 2026-04-17"; strings.Join(got, "|") != want {
		t.Errorf("tasks %q, want %q", got, want)
	}
}

// leadNames: the lead of each task, in order.
func leadNames(tasks []Task) []string {
	var out []string
	for _, task := range tasks {
		out = append(out, task.Lead.Name)
	}
	return out
}

// TestUnitsOfAnotherProvince: another province's text names its own
// departments bare ("Sở Y tế", "Công an tỉnh"): not the directory's, so no
// code (a task for them must not reach this province's office); one named
// with the directory's province keeps its code, as do the units a district of
// the province or the province itself names.
func TestUnitsOfAnotherProvince(t *testing.T) {
	dir, err := units.Load(unitsFile)
	if err != nil {
		t.Fatal(err)
	}
	item := "\n\n1. Giao Sở Y tế chủ trì, phối hợp với Sở Tài chính tỉnh Đồng Tháp, Công an tỉnh rà soát, báo cáo trước ngày 30/4/2026.\n"
	for _, tt := range []struct {
		name, header string
		coded        [3]bool // lead, first and second coordinator
	}{
		{"the province", "ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP\nSố: 45/UBND-VX\nĐồng Tháp, ngày 10 tháng 4 năm 2026", [3]bool{true, true, true}},
		{"a city of the province", "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ CAO LÃNH\nSố: 45/UBND-VP\nCao Lãnh, ngày 10 tháng 4 năm 2026", [3]bool{true, true, true}},
		{"another province", "ỦY BAN NHÂN DÂN TỈNH AN GIANG\nSố: 45/UBND-VX\nAn Giang, ngày 10 tháng 4 năm 2026", [3]bool{false, true, false}},
		{"another province's department", "SỞ XÂY DỰNG\nTHÀNH PHỐ HÀ NỘI\nSố: 45/SXD-QLCL\nHà Nội, ngày 10 tháng 4 năm 2026", [3]bool{false, true, false}},
	} {
		res, err := Extract(tt.header+item, Options{Units: dir})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Tasks) != 1 || len(res.Tasks[0].Coordinates) != 2 {
			t.Fatalf("%s: %+v", tt.name, res.Tasks)
		}
		tk := res.Tasks[0]
		got := [3]bool{tk.Lead.Code != "", tk.Coordinates[0].Code != "", tk.Coordinates[1].Code != ""}
		if got != tt.coded {
			t.Errorf("%s: coded %v (%v %v), want %v", tt.name, got, tk.Lead, tk.Coordinates, tt.coded)
		}
		if !tt.coded[0] && (tk.Lead.Name != "Sở Y tế" || tk.Confidence < 0.9) {
			t.Errorf("%s: lead %+v confidence %.2f, want the name as written, read as surely", tt.name, tk.Lead, tk.Confidence)
		}
	}
}

// TestGroupsOfAnotherIssuer: a group the province's text names ("UBND các xã,
// phường") expands to the directory's members; a district's, or another
// province's, names its own communes or departments, which the directory does
// not hold: the group stays one name.
func TestGroupsOfAnotherIssuer(t *testing.T) {
	dir, err := units.Load(unitsFile)
	if err != nil {
		t.Fatal(err)
	}
	item := "\n\n1. Giao Sở Y tế chủ trì, phối hợp với UBND các xã, phường kiểm tra, báo cáo trước ngày 30/4/2026.\n"
	for _, tt := range []struct {
		name, header string
		expanded     bool
	}{
		{"the province", "ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP\nSố: 45/UBND-VX\nĐồng Tháp, ngày 10 tháng 4 năm 2026", true},
		{"a district", "ỦY BAN NHÂN DÂN\nHUYỆN CAO LÃNH\nSố: 45/UBND-VP\nCao Lãnh, ngày 10 tháng 4 năm 2026", false},
		{"another province", "ỦY BAN NHÂN DÂN TỈNH AN GIANG\nSố: 45/UBND-VX\nAn Giang, ngày 10 tháng 4 năm 2026", false},
		{"another city", "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI\nSố: 45/UBND-VX\nHà Nội, ngày 10 tháng 4 năm 2026", false},
		{"another province, the PDF's first word alone on its line", "ỦY\nBAN NHÂN DÂN\nTỈNH ĐẮK LẮK\n-------\nSố: 45/UBND-VX\nĐắk Lắk, ngày 10 tháng 4 năm 2026", false},
	} {
		res, err := Extract(tt.header+item, Options{Units: dir})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Tasks) != 1 {
			t.Fatalf("%s: %d tasks", tt.name, len(res.Tasks))
		}
		cs := res.Tasks[0].Coordinates
		if got := len(cs) > 1; got != tt.expanded || !tt.expanded && (len(cs) != 1 || cs[0].Name != "UBND các xã, phường") {
			t.Errorf("%s: coordinators %d (%v), want expanded %v", tt.name, len(cs), cs[:min(len(cs), 2)], tt.expanded)
		}
	}
}

// A PDF's heading that glued two words ("THƯƠNG BINHVÀ") still names the
// issuer, whose own work ("Bộ … chủ trì tổ chức …") is no task of its text.
func TestGluedIssuer(t *testing.T) {
	res, err := Extract("BỘ LAO ĐỘNG - THƯƠNG BINHVÀ XÃ HỘI\nSố: 1499/LĐTBXH-TE\nHà Nội, ngày 20 tháng 4 năm 2026\n\n"+
		"Bộ Lao động - Thương binh và Xã hội chủ trì, phối hợp với các bộ, ngành tổ chức Tháng hành động vì trẻ em trước ngày 30/5/2026.\n\n"+
		"Đề nghị Sở Tài chính báo cáo kết quả về Bộ trước ngày 15/6/2026.", Options{Units: testDir(t)})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Tasks) != 1 || res.Tasks[0].Lead.Name != "Sở Tài chính" {
		t.Fatalf("got %+v, want Sở Tài chính's task alone", res.Tasks)
	}
}
