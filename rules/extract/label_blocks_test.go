package extract

import (
	"strings"
	"testing"
)

// TestLabelBlocks: an item followed by labelled lines, or with its labels on
// its own line, is one task read like a table's row.
func TestLabelBlocks(t *testing.T) {
	dir := testDir(t)
	type want struct {
		lead    string
		coords  int
		nominal string
		content string
	}
	tests := []struct {
		name, body string
		want       []want
	}{
		{"an item, then its labels a line each", "II. NHIỆM VỤ CỤ THỂ\n1. Hoàn thiện nền tảng tích hợp, chia sẻ dữ liệu cấp tỉnh\n- Đơn vị chủ trì: Sở Tư pháp.\n- Đơn vị phối hợp: Sở Nội vụ, Sở Tài chính.\n- Thời gian hoàn thành: Quý II/2026.\n2. Số hóa hồ sơ thủ tục hành chính\n- Cơ quan chủ trì: Văn phòng Ủy ban nhân dân tỉnh.\n- Thời gian thực hiện: Trước ngày 30/9/2026.",
			[]want{{"Sở Tư pháp", 2, "2026-06-30", "Hoàn thiện nền tảng tích hợp, chia sẻ dữ liệu cấp tỉnh. Thời hạn: Quý II/2026."},
				{"Văn phòng Ủy ban nhân dân tỉnh", 0, "2026-09-30", "Số hóa hồ sơ thủ tục hành chính. Thời hạn: Trước ngày 30/9/2026."}}},
		{"blank lines between the labels, a value wrapped", "a) Đào tạo kỹ năng số cho cán bộ, công chức\n\n+ Đơn vị thực hiện: Sở Nội vụ chủ trì cùng\nSở Tư pháp\n\n+ Thời hạn: năm 2026",
			[]want{{"Sở Nội vụ", 1, "2026-12-31", "Đào tạo kỹ năng số cho cán bộ, công chức. Thời hạn: năm 2026."}}},
		{"the labels on one line", "3. Tổ chức khảo sát mức độ hài lòng của người dân.\n- Cơ quan chủ trì: Sở Nội vụ; cơ quan phối hợp: Sở Tư pháp; thời gian: tháng 10/2026.",
			[]want{{"Sở Nội vụ", 1, "2026-10-31", "Tổ chức khảo sát mức độ hài lòng của người dân. Thời hạn: tháng 10/2026."}}},
		{"the labels in the item's parenthesis", "1. Rà soát, đơn giản hóa thủ tục hành chính nội bộ (Cơ quan chủ trì: Văn phòng Ủy ban nhân dân tỉnh; cơ quan phối hợp: Sở Tư pháp; thời gian hoàn thành: Quý II/2026).",
			[]want{{"Văn phòng Ủy ban nhân dân tỉnh", 1, "2026-06-30", "Rà soát, đơn giản hóa thủ tục hành chính nội bộ. Thời hạn: Quý II/2026."}}},
		{"the labels after the item's sentence", "2. Kiểm tra công tác cải cách hành chính tại các cơ quan, đơn vị. Cơ quan chủ trì: Sở Nội vụ; thời gian thực hiện: Quý III/2026.",
			[]want{{"Sở Nội vụ", 0, "2026-09-30", "Kiểm tra công tác cải cách hành chính tại các cơ quan, đơn vị. Thời hạn: Quý III/2026."}}},
		{"the labels after the item's sentence, each a sentence of its own", "2. Xây dựng kế hoạch phòng chống dịch. Cơ quan chủ trì: Sở Nội vụ. Cơ quan phối hợp: Sở Tư pháp, Sở Tài chính. Thời hạn: Quý III/2026.",
			[]want{{"Sở Nội vụ", 2, "2026-09-30", "Xây dựng kế hoạch phòng chống dịch. Thời hạn: Quý III/2026."}}},
		{"a content label", "- Nội dung: Xây dựng cơ sở dữ liệu đất đai.\n- Đơn vị chủ trì: Sở Tư pháp.\n- Thời gian hoàn thành: Quý IV/2026.",
			[]want{{"Sở Tư pháp", 0, "2026-12-31", "Xây dựng cơ sở dữ liệu đất đai. Thời hạn: Quý IV/2026."}}},
		{"as pdftotext -layout prints it: the item and a value wrapped", "     1. Hoàn thiện nền tảng tích hợp, chia sẻ dữ liệu cấp tỉnh (LGSP), kết\nnối với các hệ thống thông tin của các bộ, ngành Trung ương\n     - Cơ quan chủ trì: Sở Tư pháp.\n     - Cơ quan phối hợp: Sở Nội vụ; Sở Tài\nchính.\n     - Thời gian hoàn thành: Quý II/2026.\n    3. Tổ chức đào tạo, bồi dưỡng kỹ năng số cho cán bộ, công chức,\nviên chức (Cơ quan chủ trì: Sở Nội vụ; thời gian thực hiện: năm 2026).",
			[]want{{"Sở Tư pháp", 2, "2026-06-30", "Hoàn thiện nền tảng tích hợp, chia sẻ dữ liệu cấp tỉnh (LGSP), kết nối với các hệ thống thông tin của các bộ, ngành Trung ương. Thời hạn: Quý II/2026."},
				{"Sở Nội vụ", 0, "2026-12-31", "Tổ chức đào tạo, bồi dưỡng kỹ năng số cho cán bộ, công chức, viên chức. Thời hạn: năm 2026."}}},
		// Not blocks: left as text.
		{"a lead label alone is text", "1. Xây dựng kế hoạch tuyên truyền.\nĐơn vị chủ trì: Sở Tư pháp.",
			nil},
		{"a title above the labels is no task", "II. NHIỆM VỤ\n- Đơn vị chủ trì: Sở Tư pháp.\n- Thời gian hoàn thành: Quý II/2026.",
			nil},
		{"a sentence with a colon is no label", "1. Giao Sở Tư pháp chủ trì thực hiện các nội dung sau: rà soát văn bản, báo cáo UBND tỉnh trước ngày 30/4/2026.",
			[]want{{"Sở Tư pháp", 0, "2026-04-30", ""}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Extract(header+tt.body+"\nNơi nhận:\n- Như trên;", Options{Units: dir})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Tasks) != len(tt.want) {
				t.Fatalf("got %d tasks, want %d: %+v", len(res.Tasks), len(tt.want), res.Tasks)
			}
			for i, w := range tt.want {
				task := res.Tasks[i]
				if task.Lead.Name != w.lead {
					t.Errorf("task %d lead %q, want %q", i, task.Lead.Name, w.lead)
				}
				if len(task.Coordinates) != w.coords {
					t.Errorf("task %d coordinators %+v, want %d", i, task.Coordinates, w.coords)
				}
				got := ""
				if task.Deadline != nil {
					got = task.Deadline.Nominal.Format("2006-01-02")
				}
				if got != w.nominal {
					t.Errorf("task %d deadline %q, want %q", i, got, w.nominal)
				}
				if w.content != "" && task.Content != strings.TrimSuffix(w.content, ".") && task.Content != w.content {
					t.Errorf("task %d content %q, want %q", i, task.Content, w.content)
				}
			}
		})
	}
}

// FuzzLabelBlocks: cutting labelled blocks never panics, and every line it does
// not take is kept.
func FuzzLabelBlocks(f *testing.F) {
	f.Add("1. Việc A\n- Đơn vị chủ trì: Sở X.\n- Thời gian: Quý I/2027.")
	f.Add("1. Việc A (Cơ quan chủ trì: Sở X; thời gian: Quý I/2027).")
	f.Add("Việc A. Cơ quan chủ trì: ; thời gian:")
	f.Add("- Nội dung: A\n\n\n- Chủ trì:\n- Phối hợp: (\n:")
	f.Fuzz(func(t *testing.T, b string) {
		out, tables := cutLabelBlocks(b, nil)
		if len(tables) == 0 && out != b {
			t.Fatalf("no block, but the text changed: %q -> %q", b, out)
		}
		for k, rows := range tables {
			if len(rows) != 1 || len(rows[0].cells) != 4 || rows[0].cells[1] == "" {
				t.Fatalf("table %d: %+v", k, rows)
			}
			if !strings.Contains(out, tableMark) {
				t.Fatalf("a table without its mark: %q", out)
			}
		}
	})
}
