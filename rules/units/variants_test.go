package units

import (
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// loadNoAlias is the Đồng Tháp directory as a real portal serves it: ten and
// tenVietTat, no aliases.
func loadNoAlias(t testing.TB) *Directory {
	d, err := Load("testdata/units-dong-thap-noalias.json")
	if err != nil {
		t.Fatalf("directory not available: %v", err)
	}
	return d
}

func TestProvince(t *testing.T) {
	lv, name := loadNoAlias(t).Province()
	if lv != "tỉnh" || name != "Đồng Tháp" {
		t.Errorf("Province() = %q %q", lv, name)
	}
	d, _ := New(nil)
	if lv, name := d.Province(); lv != "" || name != "" {
		t.Errorf("empty directory: Province() = %q %q", lv, name)
	}
}

// TestLookupWithoutAliases: the spellings directives use are derived from the
// directory's names, not from an alias list.
func TestLookupWithoutAliases(t *testing.T) {
	d := loadNoAlias(t)
	tests := []struct{ name, want string }{
		{"Cục Thuế tỉnh Đồng Tháp", "Thuế tỉnh Đồng Tháp"},
		{"Cục Thuế tỉnh", "Thuế tỉnh Đồng Tháp"},
		{"Cục Thuế", "Thuế tỉnh Đồng Tháp"},
		{"Thuế tỉnh", "Thuế tỉnh Đồng Tháp"},
		{"Chi cục QLTT", "Chi cục Quản lý thị trường"},
		{"Cục Quản lý thị trường tỉnh Đồng Tháp", "Chi cục Quản lý thị trường"},
		{"Thanh tra tỉnh Đồng Tháp", "Thanh tra tỉnh"},
		{"THANH TRA TỈNH ĐỒNG THÁP", "Thanh tra tỉnh"},
		{"Sở TC", "Sở Tài chính"},
		{"Sở Tài chính tỉnh", "Sở Tài chính"},
		{"Sở Tài chính tỉnh Đồng Tháp", "Sở Tài chính"},
		{"Sở NNMT", "Sở Nông nghiệp và Môi trường"},
		{"Sở NN&MT", "Sở Nông nghiệp và Môi trường"},
		{"Sở KH&CN", "Sở Khoa học và Công nghệ"},
		{"Sở GD&ĐT", "Sở Giáo dục và Đào tạo"},
		{"Sở GDĐT", "Sở Giáo dục và Đào tạo"},
		{"Sở VH-TT&DL", "Sở Văn hóa, Thể thao và Du lịch"},
		{"Sở VHTT&DL", "Sở Văn hóa, Thể thao và Du lịch"},
		{"Sở VHTTDL", "Sở Văn hóa, Thể thao và Du lịch"},
		{"Sở Văn hoá, Thể thao và Du lịch", "Sở Văn hóa, Thể thao và Du lịch"}, // tone mark placed on the other vowel
		{norm.NFD.String("Sở Văn hoá, thể thao và du lịch"), "Sở Văn hóa, Thể thao và Du lịch"},
		{"UBND tỉnh", "Ủy ban nhân dân tỉnh Đồng Tháp"},
		{"Uỷ ban nhân dân tỉnh", "Ủy ban nhân dân tỉnh Đồng Tháp"},
		{"UBND tỉnh Đồng Tháp", "Ủy ban nhân dân tỉnh Đồng Tháp"},
		{"Văn phòng UBND tỉnh", "Văn phòng Ủy ban nhân dân tỉnh"},
		{"Công an tỉnh Đồng Tháp", "Công an tỉnh"},
		{"Ban Quản lý Khu kinh tế", "Ban Quản lý Khu kinh tế tỉnh Đồng Tháp"},
		{"Ban Quản lý Khu kinh tế tỉnh", "Ban Quản lý Khu kinh tế tỉnh Đồng Tháp"},
		{"Bộ Chỉ huy Quân sự tỉnh Đồng Tháp", "Bộ Chỉ huy Quân sự tỉnh"},
		{"Sở KH&ĐT", "Sở Tài chính"},
		{"Sở Kế hoạch và Đầu tư tỉnh", "Sở Tài chính"},
		{"BQL Khu Kinh tế tỉnh", "Ban Quản lý Khu kinh tế tỉnh Đồng Tháp"},
		{"Ban QL Khu kinh tế", "Ban Quản lý Khu kinh tế tỉnh Đồng Tháp"},
		{"VP UBND tỉnh", "Văn phòng Ủy ban nhân dân tỉnh"},
		{"Bộ CHQS tỉnh", "Bộ Chỉ huy Quân sự tỉnh"},
		{"Sở Nông nghiệp & Môi trường", "Sở Nông nghiệp và Môi trường"},
		{"Sở Giáo dục & Đào tạo", "Sở Giáo dục và Đào tạo"},
		{"Sở Nông nghiệp và PTNT", "Sở Nông nghiệp và Môi trường"},
		{"Sở Nông nghiệp & PTNT", "Sở Nông nghiệp và Môi trường"},
		{"UBND P. Cao Lãnh", "Ủy ban nhân dân phường Cao Lãnh"},
		{"Báo Đồng Tháp", "Báo và Phát thanh, Truyền hình Đồng Tháp"},
		{"Đài Phát thanh và Truyền hình Đồng Tháp", "Báo và Phát thanh, Truyền hình Đồng Tháp"},
		{"Đài PT-TH Đồng Tháp", "Báo và Phát thanh, Truyền hình Đồng Tháp"},
		{"Đài Phát thanh và Truyền hình tỉnh", "Báo và Phát thanh, Truyền hình Đồng Tháp"}, // the level for the place
		{"Báo tỉnh", "Báo và Phát thanh, Truyền hình Đồng Tháp"},
		// not units of this directory
		{"Sở tc", ""},          // initials are written in capitals
		{"Thanh tra", ""},      // a head alone
		{"Công an", ""},        // a head alone
		{"Thuế", ""},           // a body alone
		{"Văn phòng UBND", ""}, // every committee has one
		{"Cục", ""},
		{"Chi cục Thuế khu vực XX", ""}, // not "Cục Thuế": no name starts inside a head
		{"bql Khu kinh tế", ""},
		{"UBND p Cao Lãnh", ""},
	}
	for _, tt := range tests {
		u, ok := d.Lookup(tt.name)
		if ok != (tt.want != "") || u.Name != tt.want {
			t.Errorf("Lookup(%q) = %q, %v; want %q", tt.name, u.Name, ok, tt.want)
		}
	}
}

// TestStandardNames: a name every province has is one mention even when the
// directory does not know it (no code), so that its body ends where the name
// does.
func TestStandardNames(t *testing.T) {
	d, _ := New(nil)
	for _, tt := range []struct{ text, want string }{
		{"Sở Xây dựng kiểm tra chất lượng công trình", "Sở Xây dựng"},
		{"Sở Y tế kiểm tra chất lượng thuốc", "Sở Y tế"},
		{"Giao Văn phòng Đoàn ĐBQH và HĐND tỉnh chủ trì", "Văn phòng Đoàn ĐBQH và HĐND tỉnh"},
		{"Sở Lao động - Thương binh và Xã hội tổng hợp", "Sở Lao động - Thương binh và Xã hội"},
		{"Sở LĐ-TB&XH tổng hợp", "Sở LĐ-TB&XH"},
		{"Sở TN&MT hướng dẫn", "Sở TN&MT"},
		{"Cục Thuế tỉnh chủ trì", "Cục Thuế tỉnh"},
	} {
		ms := d.Mentions(tt.text)
		if len(ms) == 0 || ms[0].Written != tt.want || ms[0].Unit != nil {
			t.Errorf("Mentions(%q) = %+v; want %q without a unit", tt.text, ms, tt.want)
		}
	}
}

// TestDerivedNeverOverrides: a derived spelling does not take a name the
// directory spells out, and one two units share is dropped.
func TestDerivedNeverOverrides(t *testing.T) {
	d, err := New([]Unit{
		{Code: "1", Name: "Sở Tài chính"},
		{Code: "2", Name: "Sở Thương mại Cảng"}, // also "Sở TC" by its initials? No: "TMC"
		{Code: "3", Name: "Sở Tư pháp"},
		{Code: "4", Name: "Sở Thủy Phận"}, // "Sở TP" too: ambiguous with Tư pháp
		{Code: "5", Name: "Sở Công Thương", Abbr: "SCT"},
		{Code: "6", Name: "Sở Công Trình", Aliases: []string{"Sở CT"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"Sở TC": "1", "Sở TP": "", "Sở CT": "6", "Sở TMC": "2"} {
		u, ok := d.Lookup(name)
		if ok != (want != "") || u.Code != want {
			t.Errorf("Lookup(%q) = %q, %v; want %q", name, u.Code, ok, want)
		}
	}
}

func TestInitials(t *testing.T) {
	name := "Văn hóa, Thể thao và Du lịch"
	var got []string
	for _, ws := range initials(name, Tokenize(name)) {
		got = append(got, strings.Join(ws, " "))
	}
	if strings.Join(got, "|") != "vhttdl|vhtt & dl|vhtt dl|vh tt & dl" {
		t.Errorf("initials(%q) = %q", name, got)
	}
}

// FuzzDirectoryNames: any unit name builds a directory (its derived spellings
// included) that finds mentions without a bad span.
func FuzzDirectoryNames(f *testing.F) {
	f.Add("Sở Văn hóa, Thể thao và Du lịch", "Cục Thuế tỉnh Đồng Tháp")
	f.Add("Chi cục Quản lý thị trường tỉnh", "tỉnh")
	f.Add("&, - và", "Ủy ban nhân dân tỉnh X")
	f.Fuzz(func(t *testing.T, name, text string) {
		if strings.TrimSpace(name) == "" {
			return
		}
		d, err := New([]Unit{{Code: "1", Name: name}, {Code: "2", Name: "Ủy ban nhân dân tỉnh Đồng Tháp"}})
		if err != nil {
			return
		}
		n := norm.NFC.String(text)
		for _, m := range d.Mentions(text) {
			if m.Start < 0 || m.End > len(n) || m.Start > m.End {
				t.Fatalf("bad span %+v", m)
			}
		}
	})
}

// BenchmarkNew: building a directory, derived spellings included (once per
// process and per directory refresh).
func BenchmarkNew(b *testing.B) {
	d := loadNoAlias(b)
	us := d.Units()
	for b.Loop() {
		if _, err := New(us); err != nil {
			b.Fatal(err)
		}
	}
}

// TestMunicipalityRoot: in a centrally-run city's directory without loai, the
// city's own committee is not one of its districts.
func TestMunicipalityRoot(t *testing.T) {
	d, err := New([]Unit{
		{Code: "0", Name: "Ủy ban nhân dân thành phố Hà Nội"},
		{Code: "1", Name: "Sở Tài chính thành phố Hà Nội"},
		{Code: "2", Name: "UBND quận Ba Đình"},
		{Code: "3", Name: "Ủy ban nhân dân thành phố Sơn Tây"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if lv, name := d.Province(); lv != "thành phố" || name != "Hà Nội" {
		t.Errorf("Province() = %q %q", lv, name)
	}
	us, _ := d.Expand("UBND các quận, huyện")
	var got []string
	for _, u := range us {
		got = append(got, u.Code)
	}
	if strings.Join(got, ",") != "2,3" {
		t.Errorf("districts %v, want 2,3", got)
	}
	if u, ok := d.Lookup("Sở Tài chính"); !ok || u.Code != "1" {
		t.Errorf("Lookup(Sở Tài chính) = %v %v", u, ok)
	}
}

// TestWordHoldsNoName: "cơ sở" (a facility) holds no "Sở": "các cơ sở y tế"
// names no "Sở Y tế", while the department after another word stays one.
func TestWordHoldsNoName(t *testing.T) {
	d, err := Load("testdata/units-dong-thap.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ text, want string }{
		{"các cơ sở y tế kiểm tra hồ sơ", ""},
		{"Các Cơ sở giáo dục và đào tạo báo cáo", ""},
		{"phối hợp với cơ sở y tế và Sở Y tế", "Sở Y tế"},
		{"giao Sở Y tế kiểm tra các cơ sở", "Sở Y tế"},
	} {
		var got []string
		for _, m := range d.Mentions(tt.text) {
			got = append(got, m.Written)
		}
		if tt.want == "" && len(got) != 0 || tt.want != "" && (len(got) != 1 || got[0] != tt.want) {
			t.Errorf("Mentions(%q) = %q; want %q", tt.text, got, tt.want)
		}
	}
}
