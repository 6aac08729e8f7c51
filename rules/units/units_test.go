package units

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

func loadDT(t testing.TB) *Directory {
	d, err := Load("testdata/units-dong-thap.json")
	if err != nil {
		t.Fatalf("directory not available: %v", err)
	}
	return d
}

func TestNormalize(t *testing.T) {
	tests := []struct{ a, b string }{
		{"Sở Văn hóa, Thể thao và Du lịch", "SỞ VĂN HOÁ THỂ THAO VÀ DU LỊCH"},
		{"Ủy ban nhân dân tỉnh", "UBND tỉnh"},
		{"Uỷ ban nhân dân tỉnh", "UBND TỈNH"},
		{"Đồng Tháp", norm.NFD.String("đồng tháp")},
	}
	for _, tt := range tests {
		if Normalize(tt.a) != Normalize(tt.b) {
			t.Errorf("%q (%q) != %q (%q)", tt.a, Normalize(tt.a), tt.b, Normalize(tt.b))
		}
	}
}

func TestLookup(t *testing.T) {
	d := loadDT(t)
	tests := []struct{ name, want string }{
		{"Sở Tài chính", "Sở Tài chính"},
		{"STC", "Sở Tài chính"},
		{"Sở KH&CN", "Sở Khoa học và Công nghệ"},
		{"sở ke hoach va dau tu", "Sở Tài chính"},
		{"Sở Thông tin và Truyền thông", "Sở Khoa học và Công nghệ"},
		{"Sở Tài nguyên và Môi trường", "Sở Nông nghiệp và Môi trường"},
		{"Sở Nông nghiệp và Phát triển nông thôn", "Sở Nông nghiệp và Môi trường"},
		{"Sở Lao động - Thương binh và Xã hội", "Sở Nội vụ"},
		{"Ủy ban nhân dân phường Cao Lãnh", "Ủy ban nhân dân phường Cao Lãnh"},
		{"Sở Ngoại vụ Atlantis", ""},
	}
	for _, tt := range tests {
		u, ok := d.Lookup(tt.name)
		if ok != (tt.want != "") || u.Name != tt.want {
			t.Errorf("Lookup(%q) = %q, %v; want %q", tt.name, u.Name, ok, tt.want)
		}
	}
}

func TestMentions(t *testing.T) {
	d := loadDT(t)
	text := "Giao Sở Văn hóa, Thể thao và Du lịch chủ trì, phối hợp với UBND các xã, phường và Sở Tài chính."
	ms := d.Mentions(text)
	var got []string
	for _, m := range ms {
		got = append(got, m.Written)
	}
	want := []string{"Sở Văn hóa, Thể thao và Du lịch", "UBND các xã, phường", "Sở Tài chính"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("got %q want %q", got, want)
	}
	if !ms[1].Collective || len(ms[1].Members) != 93 {
		t.Errorf("collective: %v members %d", ms[1].Collective, len(ms[1].Members))
	}
	if ms[2].Code() != "000.00.12.H20" {
		t.Errorf("code %q", ms[2].Code())
	}
}

// TestGluedNameIsLonger: a name the text glues on by "-" or "&" ("Sở
// GD-KH&CN", a merged department of another province) is not the unit its
// first words spell ("Sở GD"); a spelling the directory knows whole, glue
// and all ("Sở GD&ĐT", "Sở VH-TT&DL"), still is.
func TestGluedNameIsLonger(t *testing.T) {
	d := loadDT(t)
	for text, want := range map[string]string{
		"Sở GD-KH&CN có trách nhiệm phối hợp": "",
		"Sở GD&ĐT tổ chức kiểm tra":           "Sở GD&ĐT",
		"Sở VH-TT&DL chủ trì":                 "Sở VH-TT&DL",
	} {
		checkMentions(t, d, text, want)
	}
}

// checkMentions: the text's mentions as written, joined by "|", are want.
func checkMentions(t *testing.T, d *Directory, text, want string) {
	t.Helper()
	var got []string
	for _, m := range d.Mentions(text) {
		got = append(got, m.Written)
	}
	if g := strings.Join(got, "|"); g != want {
		t.Errorf("%q: mentions %q, want %q", text, g, want)
	}
}

// TestMentionSpelling: a word of a text is a name's word only when it is spelt
// as the name spells it, marks and all, wherever a tone mark is placed; a word
// without any mark cannot tell and still matches. A name never runs over ";",
// nor over a comma after its first word.
func TestMentionSpelling(t *testing.T) {
	d := loadDT(t)
	for text, want := range map[string]string{
		"Các đơn vị đảm bảo tính chính xác của số liệu":         "",
		"Tin bão, tình hình mưa lũ được cập nhật":               "",
		"Đăng tải trên Báo tỉnh và Cổng thông tin":              "Báo tỉnh",
		"Giao Sở Văn hoá, Thể thao và Du lịch chủ trì":          "Sở Văn hoá, Thể thao và Du lịch",
		"Giao Sở Văn hóa, Thể thao và Du lịch chủ trì":          "Sở Văn hóa, Thể thao và Du lịch",
		"Văn phòng Ủy ban nhân dân tỉnh tổng hợp":               "Văn phòng Ủy ban nhân dân tỉnh",
		"Giao Ủy ban nhân dân các xã, phường rà soát":           "Ủy ban nhân dân các xã, phường",
		"UỶ BAN NHÂN DÂN TỈNH ĐỒNG THÁP":                        "UỶ BAN NHÂN DÂN TỈNH ĐỒNG THÁP",
		"Giao So Tai chinh chu tri":                             "So Tai chinh",
		"Giao Sở Tài chinh chủ trì":                             "Sở Tài chinh",
		"tại các cơ sở; xây dựng kế hoạch":                      "",
		"các đơn vị cơ sở, xây dựng quy chế làm việc":           "",
		"Giao các Sở: Xây dựng, Tài chính rà soát":              "các Sở",
		"Sở Văn hóa, Thể thao và Du lịch; Sở Xây dựng phối hợp": "Sở Văn hóa, Thể thao và Du lịch|Sở Xây dựng",
	} {
		checkMentions(t, d, text, want)
	}
}

// TestMinistryCapital: a ministry is a standard name that matches only with
// its "Bộ" capitalised; "toàn bộ" and "cơ quan ngang bộ" followed by words
// that also spell a ministry's body name none.
func TestMinistryCapital(t *testing.T) {
	d := loadDT(t)
	for text, want := range map[string]string{
		"Bộ Xây dựng tổ chức Lễ khánh thành":                "Bộ Xây dựng",
		"Giao Bộ Kế hoạch và Đầu tư trao đổi công hàm":      "Bộ Kế hoạch và Đầu tư",
		"Các bộ, cơ quan ngang bộ xây dựng kế hoạch cụ thể": "",
		"rà soát toàn bộ tài chính của dự án":               "",
	} {
		checkMentions(t, d, text, want)
	}
}

// TestInsuranceCapital: the social insurance office is named with its
// capital; in lower case "bảo hiểm xã hội" is what is paid and received.
func TestInsuranceCapital(t *testing.T) {
	d := loadDT(t)
	for text, want := range map[string]string{
		"Giao Bảo hiểm xã hội tỉnh rà soát hồ sơ":                     "Bảo hiểm xã hội tỉnh",
		"BẢO HIỂM XÃ HỘI TỈNH ĐỒNG THÁP thông báo":                    "BẢO HIỂM XÃ HỘI TỈNH ĐỒNG THÁP",
		"chi trả lương hưu và trợ cấp bảo hiểm xã hội vào kỳ chi trả": "",
		"đóng bảo hiểm xã hội cho người lao động đầy đủ":              "",
	} {
		checkMentions(t, d, text, want)
	}
}

func TestExpand(t *testing.T) {
	d := loadDT(t)
	us, ok := d.Expand("các sở, ban, ngành tỉnh")
	if !ok || len(us) != 11 {
		t.Errorf("got %d, %v", len(us), ok)
	}
}

// TestRootIsNoMember: the province's People's Committee (the root others
// name as their parent) is never a member of the groups it addresses.
func TestRootIsNoMember(t *testing.T) {
	d := loadDT(t)
	for _, g := range []string{"các cơ quan, đơn vị", "các cơ quan, đơn vị, địa phương"} {
		us, ok := d.Expand(g)
		if !ok || len(us) == 0 {
			t.Fatalf("%s: %d members, %v", g, len(us), ok)
		}
		for _, u := range us {
			if u.Parent == nil {
				t.Errorf("%s holds the root %s", g, u.Name)
			}
		}
	}
}

func TestParseErrors(t *testing.T) {
	if _, err := Parse([]byte(`{`)); err == nil {
		t.Error("bad JSON accepted")
	}
	if _, err := Parse([]byte(`[{"maDinhDanh":"x","ten":""}]`)); err == nil {
		t.Error("empty name accepted")
	}
}

func FuzzMentions(f *testing.F) {
	d := loadDT(f)
	f.Add("Giao Sở Tài chính, UBND các xã, phường")
	f.Fuzz(func(t *testing.T, s string) {
		for _, m := range d.Mentions(s) {
			if m.Start < 0 || m.End > len(norm.NFC.String(s)) || m.Start > m.End {
				t.Fatalf("bad span %+v", m)
			}
		}
	})
}

func BenchmarkMentions(b *testing.B) {
	d := loadDT(b)
	text := strings.Repeat("Giao Sở Tài chính chủ trì, phối hợp với Sở Xây dựng và UBND các xã, phường rà soát. ", 20)
	for b.Loop() {
		d.Mentions(text)
	}
}

// TestKindsWithoutLoai: expansion of a collective does not depend on how a
// portal spells loai: unknown values are classified from the name, and a map
// translates a portal's own values.
func TestKindsWithoutLoai(t *testing.T) {
	us := []Unit{
		{Code: "1", Name: "Sở Tài chính", Kind: "SO_NGANH"},
		{Code: "2", Name: "Ủy ban nhân dân xã Tân Hòa", Kind: ""},
		{Code: "3", Name: "UBND phường Mỹ Tho", Kind: "PHUONG"},
		{Code: "4", Name: "Văn phòng UBND tỉnh", Kind: "?"},
		{Code: "5", Name: "Công an tỉnh", Kind: "XA"}, // mapped below: the map wins
	}
	d, err := NewWithKinds(us, map[string]string{"XA": KindCommune})
	if err != nil {
		t.Fatal(err)
	}
	codes := func(name string) string {
		ms, ok := d.Expand(name)
		if !ok {
			t.Fatalf("%s: not a collective", name)
		}
		var c []string
		for _, u := range ms {
			c = append(c, u.Code)
		}
		return strings.Join(c, ",")
	}
	if got := codes("UBND các xã, phường"); got != "2,3,5" {
		t.Errorf("UBND các xã, phường = %s", got)
	}
	if got := codes("các sở, ban, ngành"); got != "1" {
		t.Errorf("các sở, ban, ngành = %s", got)
	}
	if got := Classify(us[3], nil); got != KindOffice {
		t.Errorf("office classified %s", got)
	}
	if _, err := NewWithKinds(us, map[string]string{"XA": "commune"}); err == nil || !strings.Contains(err.Error(), `"commune"`) {
		t.Errorf("a map to an unknown kind: %v", err)
	}
}

// TestCollectiveOneName: the spellings of one collective, with or without
// "các", "UBND" or "Ủy ban nhân dân", give one canonical group and its members.
func TestCollectiveOneName(t *testing.T) {
	d := loadDT(t)
	for want, spellings := range map[string][]string{
		"UBND các xã, phường":               {"UBND các xã, phường", "Ủy ban nhân dân các xã, phường", "UBND xã, phường", "Uỷ ban nhân dân xã, phường"},
		"các cơ quan, đơn vị":               {"cơ quan, đơn vị", "các cơ quan, đơn vị"},
		"các cơ quan, đơn vị, địa phương":   {"cơ quan, đơn vị, địa phương", "các cơ quan, đơn vị, địa phương"},
		"UBND các huyện, thị xã, thành phố": {"UBND huyện, thị xã, thành phố", "Ủy ban nhân dân các huyện, thị xã, thành phố"},
		"UBND cấp xã":                       {"UBND cấp xã"},
	} {
		for _, s := range spellings {
			ms := d.Mentions(s)
			if len(ms) != 1 || !ms[0].Collective || ms[0].Group != want {
				t.Errorf("%q: got %+v, want one collective %q", s, ms, want)
				continue
			}
			if len(ms[0].Members) == 0 && want != "UBND các huyện, thị xã, thành phố" {
				t.Errorf("%q: no members", s)
			}
		}
	}
}

// Words is strings.Fields(Normalize(s)) computed without the join: the same
// words, for NFC and decomposed text alike.
func TestWordsIsFieldsOfNormalize(t *testing.T) {
	for _, s := range []string{"", "  ", "Ủy ban nhân dân tỉnh Đồng Tháp", "Sở Y tế & Sở GD-ĐT; UBND các huyện.",
		"Ủyban nhân dân huyện Lấp Vò (ĐT)", "x\u0301 ﬁ Å 12/3/2026"} {
		for _, in := range []string{s, norm.NFD.String(s)} {
			if got, want := Words(in), strings.Fields(Normalize(in)); !slices.Equal(got, want) {
				t.Errorf("Words(%q) = %q, Fields(Normalize) = %q", in, got, want)
			}
			if got, want := Normalize(in), strings.Join(Words(in), " "); got != want {
				t.Errorf("Normalize(%q) = %q, the words joined = %q", in, got, want)
			}
		}
	}
}
