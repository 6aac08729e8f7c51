package extract

import (
	"strings"
	"testing"
	"time"

	"cddh-sync/rules/units"
)

// noAliasDir is the Đồng Tháp directory as a real portal's get_all serves it:
// ten, tenVietTat, maCha, loai, and no aliases.
func noAliasDir(t testing.TB) *units.Directory {
	d, err := units.Load("../units/testdata/units-dong-thap-noalias.json")
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestUnitNamesWithoutAliases: leads and coordinators read against a directory
// without aliases, and without any directory. want* are "code|name" ("|name"
// for a unit the directory does not know); withDir false: no directory.
func TestUnitNamesWithoutAliases(t *testing.T) {
	dir := noAliasDir(t)
	tests := []struct {
		name, body string
		withDir    bool
		leads      []string   // one per task
		coords     [][]string // per task
		leadUnits  []int      // per task: how many units the lead names
		nominal    []string
		flags      []string // per task: a flag it must carry, "" none
	}{
		{"renamed body under its old Cục name", "Giao Cục Thuế tỉnh Đồng Tháp chủ trì, phối hợp với Sở Tài chính rà soát, báo cáo trước ngày 15/10/2026.", true,
			[]string{"000.00.17.H20|Thuế tỉnh Đồng Tháp"}, [][]string{{"000.00.12.H20|Sở Tài chính"}}, []int{1}, []string{"2026-10-15"}, []string{""}},
		{"old Cục name without the province", "Giao Cục Thuế chủ trì thực hiện, báo cáo trước ngày 15/10/2026.", true,
			[]string{"000.00.17.H20|Thuế tỉnh Đồng Tháp"}, [][]string{nil}, []int{1}, []string{"2026-10-15"}, []string{""}},
		{"initials of a Chi cục", "Giao Chi cục QLTT chủ trì, phối hợp với Sở Công Thương kiểm tra, báo cáo trước ngày 15/10/2026.", true,
			[]string{"000.01.05.H20|Chi cục Quản lý thị trường"}, [][]string{{"000.00.05.H20|Sở Công Thương"}}, []int{1}, []string{"2026-10-15"}, []string{""}},
		{"province appended", "Giao Thanh tra tỉnh Đồng Tháp chủ trì, phối hợp với Sở Nội vụ kiểm tra, báo cáo trước ngày 15/10/2026.", true,
			[]string{"000.00.02.H20|Thanh tra tỉnh"}, [][]string{{"000.00.03.H20|Sở Nội vụ"}}, []int{1}, []string{"2026-10-15"}, []string{""}},
		{"initials of a Sở", "Giao Sở TC chủ trì, phối hợp với Sở NNMT, Sở NN&MT tỉnh và Sở VH-TT&DL rà soát, báo cáo trước ngày 15/10/2026.", true,
			[]string{"000.00.12.H20|Sở Tài chính"}, [][]string{{"000.00.06.H20|Sở Nông nghiệp và Môi trường", "000.00.06.H20|Sở Nông nghiệp và Môi trường",
				"000.00.10.H20|Sở Văn hóa, Thể thao và Du lịch"}}, []int{1}, []string{"2026-10-15"}, []string{""}},
		{"another province's unit is not ours", "Giao Sở Y tế tỉnh Bạc Liêu chủ trì thực hiện.", true,
			[]string{"|Sở Y tế tỉnh Bạc Liêu"}, [][]string{nil}, []int{1}, []string{""}, []string{""}},
		{"a head alone is never a lead", "Giao Cục chủ trì, phối hợp với Sở Tài chính rà soát, báo cáo trước ngày 15/10/2026.", true,
			[]string{"|"}, [][]string{{"000.00.12.H20|Sở Tài chính"}}, []int{0}, []string{"2026-10-15"}, []string{FlagLeadUnrecognised}},
		{"a head before a directory name is its head", "Giao Chi cục Thuế tỉnh Đồng Tháp chủ trì thực hiện.", true,
			[]string{"000.00.17.H20|Thuế tỉnh Đồng Tháp"}, [][]string{nil}, []int{1}, []string{""}, []string{""}},
		{"the body ends at a task verb (no directory)", "Sở Xây dựng kiểm tra chất lượng công trình, báo cáo trước ngày 15/10/2026.", false,
			[]string{"|Sở Xây dựng"}, [][]string{nil}, []int{1}, []string{"2026-10-15"}, []string{""}},
		{"the body ends at a task verb (directory)", "Sở Y tế kiểm tra chất lượng thuốc, báo cáo trước ngày 15/10/2026.", true,
			[]string{"000.00.09.H20|Sở Y tế"}, [][]string{nil}, []int{1}, []string{"2026-10-15"}, []string{""}},
		{"pre-2025 name, no directory", "Sở Kế hoạch và Đầu tư tổng hợp, báo cáo trước ngày 15/10/2026.", false,
			[]string{"|Sở Kế hoạch và Đầu tư"}, [][]string{nil}, []int{1}, []string{"2026-10-15"}, []string{""}},
		{"list after a colon, no directory", "Giao các Sở: Tài chính, Xây dựng, Y tế theo chức năng, nhiệm vụ kiểm tra, báo cáo UBND tỉnh trước ngày 15/9/2026.", false,
			[]string{"|Sở Tài chính"}, [][]string{{"|Sở Xây dựng", "|Sở Y tế"}}, []int{1}, []string{"2026-09-15"}, []string{FlagCoLead}},
		{"list after a colon, directory", "Giao các Sở: Tài chính, Xây dựng, Y tế theo chức năng, nhiệm vụ kiểm tra, báo cáo UBND tỉnh trước ngày 15/9/2026.", true,
			[]string{"000.00.12.H20|Sở Tài chính"}, [][]string{{"000.00.15.H20|Sở Xây dựng", "000.00.09.H20|Sở Y tế"}}, []int{1}, []string{"2026-09-15"}, []string{FlagCoLead}},
		{"a head shared by a list without a colon, no directory", "Giao các Sở Tài chính, Xây dựng, Y tế kiểm tra, báo cáo trước ngày 15/10/2026.", false,
			[]string{"|Sở Tài chính"}, [][]string{{"|Sở Xây dựng", "|Sở Y tế"}}, []int{1}, []string{"2026-10-15"}, []string{FlagCoLead}},
		// "Sở Kế hoạch và Đầu tư" is the lead's own pre-2025 name: a unit of its own when written
		{"a head shared by coordinators, the list ending at a name with its own head", "Giao Sở Tài chính chủ trì, phối hợp với các Sở Kế hoạch và Đầu tư, Y tế và UBND các xã, phường kiểm tra, báo cáo trước ngày 15/10/2026.", true,
			[]string{"000.00.12.H20|Sở Tài chính"}, [][]string{append([]string{"000.00.12.H20|Sở Tài chính", "000.00.09.H20|Sở Y tế"}, communes(dir)...)}, []int{1}, []string{"2026-10-15"}, []string{""}},
		{"a compound name with và is one unit", "Giao Văn phòng Đoàn ĐBQH và HĐND tỉnh chủ trì, phối hợp với Ban Dân tộc tỉnh rà soát, báo cáo trước ngày 15/9/2026.", false,
			[]string{"|Văn phòng Đoàn ĐBQH và HĐND tỉnh"}, [][]string{{"|Ban Dân tộc tỉnh"}}, []int{1}, []string{"2026-09-15"}, []string{""}},
		{"units split by semicolons", "Giao Sở Y tế; Sở Giáo dục và Đào tạo phối hợp kiểm tra, báo cáo trước ngày 23/9/2026.", true,
			[]string{"000.00.09.H20|Sở Y tế"}, [][]string{{"000.00.08.H20|Sở Giáo dục và Đào tạo"}}, []int{1}, []string{"2026-09-23"}, []string{FlagCoLead}},
		{"recipients split by semicolons, a deadline in the next sentence", "1. Giao các sở, ngành tỉnh; Uỷ ban nhân dân các huyện, thành phố; Các Ban QLDA chuyên ngành tỉnh báo cáo tình hình giải ngân kế hoạch đầu tư công năm 2026. Yêu cầu gửi báo cáo về Sở Tài chính trước ngày 23/5/2026.", true,
			[]string{"|các sở, ngành tỉnh"}, [][]string{{"|UBND các huyện, thành phố", "|Các Ban QLDA chuyên ngành tỉnh"}}, []int{11}, []string{"2026-05-23"}, []string{FlagCoLead}},
		{"a national park is a unit", "Giao Sở Nông nghiệp và Phát triển nông thôn chủ trì, phối hợp với Sở Tài nguyên và Môi trường, Vườn quốc gia Yok Don và các đơn vị liên quan kiểm tra, báo cáo trước ngày 15/10/2026.", false,
			[]string{"|Sở Nông nghiệp và Phát triển nông thôn"}, [][]string{{"|Sở Tài nguyên và Môi trường", "|Vườn quốc gia Yok Don", "|các đơn vị liên quan"}}, []int{1}, []string{"2026-10-15"}, []string{""}},
		{"a collective lead names every member", "Giao UBND các xã, phường chủ trì, phối hợp với Sở Y tế kiểm tra, báo cáo trước ngày 15/9/2026.", true,
			[]string{"|UBND các xã, phường"}, [][]string{{"000.00.09.H20|Sở Y tế"}}, []int{93}, []string{"2026-09-15"}, []string{""}},
		{"a collective lead without a directory", "Giao Ủy ban nhân dân các xã, phường chủ trì kiểm tra, báo cáo trước ngày 15/9/2026.", false,
			[]string{"|UBND các xã, phường"}, [][]string{nil}, []int{1}, []string{"2026-09-15"}, []string{""}},
	}
	ref := func(u UnitRef) string { return u.Code + "|" + u.Name }
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := Options{}
			if tt.withDir {
				opts.Units = dir
			} else {
				opts.Units, _ = units.New(nil) // the CLI without --units
			}
			res, err := Extract(header+tt.body+"\nNơi nhận:\n- Như trên;", opts)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Tasks) != len(tt.leads) {
				t.Fatalf("got %d tasks %+v", len(res.Tasks), res.Tasks)
			}
			for i, task := range res.Tasks {
				if ref(task.Lead) != tt.leads[i] {
					t.Errorf("task %d lead %q want %q", i, ref(task.Lead), tt.leads[i])
				}
				var co []string
				for _, c := range task.Coordinates {
					co = append(co, ref(c))
				}
				if strings.Join(co, "; ") != strings.Join(tt.coords[i], "; ") {
					t.Errorf("task %d coordinators %q want %q", i, co, tt.coords[i])
				}
				if len(task.LeadUnits) != tt.leadUnits[i] {
					t.Errorf("task %d names %d lead units, want %d: %v", i, len(task.LeadUnits), tt.leadUnits[i], task.LeadUnits)
				}
				got := ""
				if task.Deadline != nil {
					got = task.Deadline.Nominal.Format(time.DateOnly)
				}
				if got != tt.nominal[i] {
					t.Errorf("task %d nominal %q want %q", i, got, tt.nominal[i])
				}
				if f := tt.flags[i]; f != "" && !contains(task.Flags, f) {
					t.Errorf("task %d flags %v lack %s", i, task.Flags, f)
				}
			}
		})
	}
}

// TestCorpusWithoutAliases: the corpus scores no worse against the directory
// as a real portal serves it (no aliases) than against the one with the
// generator's aliases: the spellings directives use are derived from the
// names (rules/units/variants.go), not listed.
func TestCorpusWithoutAliases(t *testing.T) {
	docs, withAliases := loadCorpus(t)
	a := scoreAll(t, docs, withAliases, nil)
	b := scoreAll(t, docs, noAliasDir(t), nil)
	_, _, fa := a.all.prf()
	_, _, fb := b.all.prf()
	t.Logf("strict F1 with aliases %.3f, without %.3f", fa, fb)
	if fb < fa-0.005 {
		t.Errorf("strict F1 without aliases %.3f is below %.3f with them", fb, fa)
	}
}

// communes: the directory's communes and wards, as a collective of them expands.
func communes(dir *units.Directory) []string {
	us, _ := dir.Expand("UBND các xã, phường")
	var out []string
	for _, u := range us {
		out = append(out, u.Code+"|"+u.Name)
	}
	return out
}

// FuzzExtractNoAlias: extraction against the directory without aliases never
// fails on any text, the derived names and shared-head lists included.
func FuzzExtractNoAlias(f *testing.F) {
	dir := noAliasDir(f)
	f.Add(header + "Giao các Sở Tài chính, Xây dựng và UBND các xã, phường kiểm tra trước ngày 20/3/2026.")
	f.Add(header + "Giao Chi cục Thuế tỉnh Đồng Tháp, Sở NN&MT tỉnh, Sở Y tế tỉnh Bạc Liêu chủ trì.")
	f.Add(header + "Giao Cục chủ trì, phối hợp với các Sở: Tài chính; Ban Dân tộc tỉnh thực hiện.")
	f.Add("các Sở , , và ; Sở")
	f.Fuzz(func(t *testing.T, s string) {
		res, err := Extract(s, Options{Units: dir})
		if err != nil {
			return
		}
		// (another province's, a district's or a commune's text names its own
		// departments: "các sở" is then one name, with no members here)
		issuer := issuerKey(unglueWords(unglue(s)))
		local := foreignIssuer(issuer, dir) || localIssuer(issuer, dir)
		for _, task := range res.Tasks {
			// a head alone is never a lead; a group written as one ("các sở":
			// every department) is, with its members behind it
			if bareHead(task.Lead.Name) && len(task.LeadUnits) <= 1 && !(local && strings.HasPrefix(strings.ToLower(task.Lead.Name), "các ")) {
				t.Fatalf("a head alone as a lead: %+v", task)
			}
		}
	})
}
