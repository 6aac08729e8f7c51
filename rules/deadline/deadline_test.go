package deadline

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"cddh-sync/connectors"
	"cddh-sync/rules/calendar"
)

func at(y, m, d, hh, mm int) time.Time {
	return time.Date(y, time.Month(m), d, hh, mm, 0, 0, connectors.Zone)
}

type want struct {
	text, nominal, effective, hhmm, rec string
	flags                               []string
}

// Issued Tuesday 10/3/2026 09:00 unless a case says otherwise; March–June 2026
// has no public holiday except 30/4–1/5, which no case below touches.
var issued = at(2026, 3, 10, 9, 0)

func TestFindForms(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		in     string
		issued time.Time // zero: issued
		recv   time.Time
		want   []want
	}{
		{"a month's ten-day parts, halves and weeks", "hoàn thành trong thượng tuần tháng 5/2026; báo cáo vào trung tuần tháng 6/2026; nộp hồ sơ trong hạ tuần tháng 4/2026; rà soát trong nửa đầu tháng 7/2026; tổng kết trong nửa cuối năm 2026; gửi danh sách trong tuần đầu tháng 8/2026; kiểm tra trong tuần cuối của tháng 9/2026.", time.Time{}, time.Time{},
			[]want{{"trong thượng tuần tháng 5/2026", "2026-05-10", "2026-05-11", "", "", nil}, {"vào trung tuần tháng 6/2026", "2026-06-20", "2026-06-22", "", "", nil},
				{"trong hạ tuần tháng 4/2026", "2026-04-30", "2026-05-04", "", "", nil}, {"trong nửa đầu tháng 7/2026", "2026-07-15", "2026-07-15", "", "", nil},
				{"trong nửa cuối năm 2026", "2026-12-31", "2026-12-31", "", "", nil}, {"trong tuần đầu tháng 8/2026", "2026-08-07", "2026-08-07", "", "", nil},
				{"trong tuần cuối của tháng 9/2026", "2026-09-30", "2026-09-30", "", "", nil}}},
		{"a year's first or last month", "hoàn thành trong tháng cuối năm 2026; báo cáo trong tháng đầu của năm 2027.", time.Time{}, time.Time{},
			[]want{{"trong tháng cuối năm 2026", "2026-12-31", "2026-12-31", "", "", nil}, {"trong tháng đầu của năm 2027", "2027-01-31", "2027-02-01", "", "", nil}}},
		{"no period: the Central Committee, a bare ten days", "báo cáo trước Trung ương Đảng; trung tuần tháng 5/2026 tổ chức hội nghị.", time.Time{}, time.Time{}, nil},
		{"two dates a year written out, 'trước ngày' again before the second", "định kỳ trước ngày 20 tháng 6 và trước ngày 20 tháng 12 hằng năm báo cáo UBND tỉnh; gửi Sở Tài chính trước ngày 15/6 và trước ngày 15/12 hằng năm.", time.Time{}, time.Time{},
			[]want{{"trước ngày 20 tháng 6 và trước ngày 20 tháng 12 hằng năm", "2026-06-20", "2026-06-22", "", HalfYearly, nil}, {"trước ngày 15/6 và trước ngày 15/12 hằng năm", "2026-06-15", "2026-06-15", "", HalfYearly, nil}}},
		{"a date spaced around its hyphens or dots, with its year", "báo cáo UBND tỉnh trước ngày 20 - 5 - 2026; gửi hồ sơ trước ngày 25 . 5 . 2026.", time.Time{}, time.Time{},
			[]want{{"trước ngày 20 - 5 - 2026", "2026-05-20", "2026-05-20", "", "", nil}, {"trước ngày 25 . 5 . 2026", "2026-05-25", "2026-05-25", "", "", nil}}},
		{"slash date", "báo cáo UBND tỉnh trước ngày 20/3/2026.", time.Time{}, time.Time{},
			[]want{{"trước ngày 20/3/2026", "2026-03-20", "2026-03-20", "", "", nil}}},
		{"a point in time before the date", "báo cáo trước thời điểm 20/5/2026; gửi hồ sơ trước thời điểm ngày 25/5/2026.", time.Time{}, time.Time{},
			[]want{{"trước thời điểm 20/5/2026", "2026-05-20", "2026-05-20", "", "", nil}, {"trước thời điểm ngày 25/5/2026", "2026-05-25", "2026-05-25", "", "", nil}}},
		{"a time label below a task; an event's length is none", "Sở Y tế chủ trì xây dựng kế hoạch. Thời gian: Quý II/2026. Tập huấn cho cán bộ. Thời gian: 02 ngày.", time.Time{}, time.Time{},
			[]want{{"Thời gian: Quý II/2026", "2026-06-30", "2026-06-30", "", "", nil}}},
		{"the first or last month of the quarter, 'của' between", "báo cáo trước ngày 10 tháng đầu của quý sau; tổng hợp trước ngày 20 của tháng cuối của quý.", time.Time{}, time.Time{},
			[]want{{"trước ngày 10 tháng đầu của quý sau", "2026-04-10", "2026-04-10", "", Quarterly, nil}, {"trước ngày 20 của tháng cuối của quý", "2026-03-20", "2026-03-20", "", Quarterly, nil}}},
		{"periods listed recur at the more frequent one", "định kỳ 6 tháng, hằng năm báo cáo UBND tỉnh trước ngày 15/6 và 15/12.", time.Time{}, time.Time{},
			[]want{{"định kỳ 6 tháng, hằng năm … trước ngày 15/6", "2026-06-15", "2026-06-15", "", HalfYearly, nil}}},
		{"dash date on a Saturday", "chậm nhất ngày 21-3-2026", time.Time{}, time.Time{},
			[]want{{"chậm nhất ngày 21-3-2026", "2026-03-21", "2026-03-23", "", "", nil}}},
		{"silence is consent after the date", "Sau ngày 23/3/2026, nếu các đơn vị không có ý kiến thì coi như đã đồng ý.", time.Time{}, time.Time{},
			[]want{{"Sau ngày 23/3/2026", "2026-03-23", "2026-03-23", "", "", nil}}},
		{"silence past the date is agreement", "Quá ngày 23/3/2026 nếu không nhận được văn bản góp ý thì được coi là thống nhất với dự thảo.", time.Time{}, time.Time{},
			[]want{{"Quá ngày 23/3/2026", "2026-03-23", "2026-03-23", "", "", nil}}},
		{"two days sharing a month", "thực hiện trong ngày 30 và 31/3/ 2026.", time.Time{}, time.Time{},
			[]want{{"trong ngày 30 và 31/3/ 2026", "2026-03-31", "2026-03-31", "", "", nil}}},
		{"day and month spelled in brackets", "gửi báo cáo chậm nhất ngày 15 (mười lăm) tháng 5 năm 2026.", time.Time{}, time.Time{},
			[]want{{"chậm nhất ngày 15 (mười lăm) tháng 5 năm 2026", "2026-05-15", "2026-05-15", "", "", nil}}},
		{"month spelled in brackets", "chậm nhất ngày 06 (sáu) tháng 06 (sáu) năm 2026", time.Time{}, time.Time{},
			[]want{{"chậm nhất ngày 06 (sáu) tháng 06 (sáu) năm 2026", "2026-06-06", "2026-06-08", "", "", nil}}},
		{"a range's start spelled in brackets", "thực hiện từ ngày 01 (một) tháng 4 đến ngày 20 (hai mươi) tháng 4 năm 2026", time.Time{}, time.Time{},
			[]want{{"từ ngày 01 (một) tháng 4 đến ngày 20 (hai mươi) tháng 4 năm 2026", "2026-04-20", "2026-04-20", "", "", []string{FlagRange}}}},
		{"dot date", "Hạn chót: 20.3.2026.", time.Time{}, time.Time{},
			[]want{{"Hạn chót: 20.3.2026", "2026-03-20", "2026-03-20", "", "", nil}}},
		{"words date", "hoàn thành trước ngày 20 tháng 3 năm 2026", time.Time{}, time.Time{},
			[]want{{"trước ngày 20 tháng 3 năm 2026", "2026-03-20", "2026-03-20", "", "", nil}}},
		{"chậm nhất là", "gửi về Sở Nội vụ chậm nhất là ngày 25/03/2026", time.Time{}, time.Time{},
			[]want{{"chậm nhất là ngày 25/03/2026", "2026-03-25", "2026-03-25", "", "", nil}}},
		{"đến hết ngày on a Sunday", "thực hiện đến hết ngày 05/4/2026", time.Time{}, time.Time{},
			[]want{{"đến hết ngày 05/4/2026", "2026-04-05", "2026-04-06", "", "", nil}}},
		{"không quá", "không quá ngày 25/3/2026", time.Time{}, time.Time{},
			[]want{{"không quá ngày 25/3/2026", "2026-03-25", "2026-03-25", "", "", nil}}},
		{"trong ngày with a date", "hoàn thành trong ngày 12/3/2026", time.Time{}, time.Time{},
			[]want{{"trong ngày 12/3/2026", "2026-03-12", "2026-03-12", "", "", nil}}},
		{"range", "lấy ý kiến từ ngày 15/3 đến hết ngày 31/3/2026", time.Time{}, time.Time{},
			[]want{{"từ ngày 15/3 đến hết ngày 31/3/2026", "2026-03-31", "2026-03-31", "", "", []string{FlagRange}}}},
		{"range with a dash", "tổ chức kiểm tra từ ngày 15 - 20/4/2026", time.Time{}, time.Time{},
			[]want{{"từ ngày 15 - 20/4/2026", "2026-04-20", "2026-04-20", "", "", []string{FlagRange}}}},
		{"time in words", "trước 16 giờ ngày 20/3/2026", time.Time{}, time.Time{},
			[]want{{"trước 16 giờ ngày 20/3/2026", "2026-03-20", "2026-03-20", "16:00", "", nil}}},
		{"time 16h00", "trước 16h00 ngày 20/3/2026", time.Time{}, time.Time{},
			[]want{{"trước 16h00 ngày 20/3/2026", "2026-03-20", "2026-03-20", "16:00", "", nil}}},
		{"time with minutes", "trước 16 giờ 30 phút, ngày 20/3/2026", time.Time{}, time.Time{},
			[]want{{"trước 16 giờ 30 phút, ngày 20/3/2026", "2026-03-20", "2026-03-20", "16:30", "", nil}}},
		{"time 9 giờ sáng", "trước 9 giờ sáng ngày 20/3/2026", time.Time{}, time.Time{},
			[]want{{"trước 9 giờ sáng ngày 20/3/2026", "2026-03-20", "2026-03-20", "09:00", "", nil}}},
		{"time 14:30", "trước 14:30 ngày 20/3/2026", time.Time{}, time.Time{},
			[]want{{"trước 14:30 ngày 20/3/2026", "2026-03-20", "2026-03-20", "14:30", "", nil}}},
		{"no year, still ahead", "trước ngày 20/3", time.Time{}, time.Time{},
			[]want{{"trước ngày 20/3", "2026-03-20", "2026-03-20", "", "", []string{FlagYearInferred}}}},
		{"no year, already past", "trước ngày 05/3", time.Time{}, time.Time{},
			[]want{{"trước ngày 05/3", "2027-03-05", "2027-03-05", "", "", []string{FlagYearInferred}}}},
		{"workdays spelled in brackets", "trong thời hạn 05 (năm) ngày làm việc", time.Time{}, time.Time{},
			[]want{{"trong thời hạn 05 (năm) ngày làm việc", "2026-03-17", "2026-03-17", "", "", []string{FlagRelative}}}},
		{"spelled count", "trong mười lăm (15) ngày", time.Time{}, time.Time{},
			[]want{{"trong mười lăm (15) ngày", "2026-03-25", "2026-03-25", "", "", []string{FlagRelative}}}},
		{"calendar days", "trong vòng 10 ngày", time.Time{}, time.Time{},
			[]want{{"trong vòng 10 ngày", "2026-03-20", "2026-03-20", "", "", []string{FlagRelative}}}},
		{"weeks", "trong 2 tuần", time.Time{}, time.Time{},
			[]want{{"trong 2 tuần", "2026-03-24", "2026-03-24", "", "", []string{FlagRelative}}}},
		{"months from signing", "trong 01 tháng kể từ ngày ký", time.Time{}, time.Time{},
			[]want{{"trong 01 tháng kể từ ngày ký", "2026-04-10", "2026-04-10", "", "", []string{FlagRelative}}}},
		{"years", "hoàn thành trong 02 năm kể từ ngày ký", time.Time{}, time.Time{},
			[]want{{"trong 02 năm kể từ ngày ký", "2028-03-10", "2028-03-10", "", "", []string{FlagRelative}}}},
		{"days from a written date", "trong thời hạn 10 ngày kể từ ngày 01/4/2026", time.Time{}, time.Time{},
			[]want{{"trong thời hạn 10 ngày kể từ ngày 01/4/2026", "2026-04-11", "2026-04-13", "", "", []string{FlagRelative}}}},
		{"from receipt before 15:00", "trong 3 ngày làm việc kể từ ngày nhận được văn bản này", time.Time{}, at(2026, 3, 10, 14, 59),
			[]want{{"trong 3 ngày làm việc kể từ ngày nhận được văn bản này", "2026-03-13", "2026-03-13", "", "", []string{FlagRelative, FlagFromReceipt}}}},
		{"from receipt at 15:00 sharp", "trong 3 ngày làm việc kể từ ngày nhận được văn bản này", time.Time{}, at(2026, 3, 10, 15, 0),
			[]want{{"trong 3 ngày làm việc kể từ ngày nhận được văn bản này", "2026-03-13", "2026-03-13", "", "", []string{FlagRelative, FlagFromReceipt}}}},
		{"from receipt after 15:00", "trong 3 ngày làm việc kể từ ngày nhận được văn bản này", time.Time{}, at(2026, 3, 10, 15, 1),
			[]want{{"trong 3 ngày làm việc kể từ ngày nhận được văn bản này", "2026-03-16", "2026-03-16", "", "", []string{FlagRelative, FlagFromReceipt}}}},
		{"chậm nhất N workdays", "chậm nhất 05 ngày làm việc kể từ ngày ban hành", time.Time{}, time.Time{},
			[]want{{"chậm nhất 05 ngày làm việc kể từ ngày ban hành", "2026-03-17", "2026-03-17", "", "", []string{FlagRelative}}}},
		{"month", "hoàn thành trong tháng 6/2026", time.Time{}, time.Time{},
			[]want{{"trong tháng 6/2026", "2026-06-30", "2026-06-30", "", "", nil}}},
		{"month without year", "hoàn thành trong tháng 6", time.Time{}, time.Time{},
			[]want{{"trong tháng 6", "2026-06-30", "2026-06-30", "", "", []string{FlagYearInferred}}}},
		{"quarter slash", "trong quý II/2026", time.Time{}, time.Time{},
			[]want{{"trong quý II/2026", "2026-06-30", "2026-06-30", "", "", nil}}},
		{"quarter năm", "hoàn thành trong quý III năm 2026", time.Time{}, time.Time{},
			[]want{{"trong quý III năm 2026", "2026-09-30", "2026-09-30", "", "", nil}}},
		{"first half", "trong 6 tháng đầu năm 2026", time.Time{}, time.Time{},
			[]want{{"trong 6 tháng đầu năm 2026", "2026-06-30", "2026-06-30", "", "", nil}}},
		{"second half", "trong 6 tháng cuối năm 2026", time.Time{}, time.Time{},
			[]want{{"trong 6 tháng cuối năm 2026", "2026-12-31", "2026-12-31", "", "", nil}}},
		{"year", "hoàn thành trong năm 2026", time.Time{}, time.Time{},
			[]want{{"trong năm 2026", "2026-12-31", "2026-12-31", "", "", nil}}},
		{"đầu tháng", "trình vào đầu tháng 6/2026", time.Time{}, time.Time{},
			[]want{{"vào đầu tháng 6/2026", "2026-06-01", "2026-06-01", "", "", nil}}},
		{"giữa tháng", "trình vào giữa tháng 6/2026", time.Time{}, time.Time{},
			[]want{{"vào giữa tháng 6/2026", "2026-06-15", "2026-06-15", "", "", nil}}},
		{"cuối tháng", "trước cuối tháng 6/2026", time.Time{}, time.Time{},
			[]want{{"trước cuối tháng 6/2026", "2026-06-30", "2026-06-30", "", "", nil}}},
		{"giữa năm", "vào giữa năm 2026", time.Time{}, time.Time{},
			[]want{{"vào giữa năm 2026", "2026-06-30", "2026-06-30", "", "", nil}}},
		{"cuối quý", "trong cuối quý II/2026", time.Time{}, time.Time{},
			[]want{{"trong cuối quý II/2026", "2026-06-30", "2026-06-30", "", "", nil}}},
		{"tuần này", "hoàn thành trong tuần này", time.Time{}, time.Time{},
			[]want{{"trong tuần này", "2026-03-13", "2026-03-13", "", "", nil}}},
		{"tuần sau", "hoàn thành trong tuần sau", time.Time{}, time.Time{},
			[]want{{"trong tuần sau", "2026-03-20", "2026-03-20", "", "", nil}}},
		{"ngay trong ngày", "báo cáo ngay trong ngày", time.Time{}, time.Time{},
			[]want{{"ngay trong ngày", "2026-03-10", "2026-03-10", "", "", []string{FlagUrgent, FlagUnderOneWorkday}}}},
		{"ngay", "triển khai thực hiện ngay.", time.Time{}, time.Time{},
			[]want{{"ngay", "2026-03-11", "2026-03-11", "", "", []string{FlagUrgent}}}},
		{"monthly", "định kỳ hằng tháng báo cáo trước ngày 25", time.Time{}, time.Time{},
			[]want{{"định kỳ hằng tháng … trước ngày 25", "2026-03-25", "2026-03-25", "", Monthly, nil}}},
		{"monthly hàng, suffix", "báo cáo trước ngày 5 hàng tháng", time.Time{}, time.Time{},
			[]want{{"trước ngày 5 hàng tháng", "2026-04-05", "2026-04-06", "", Monthly, nil}}},
		{"quarterly", "báo cáo hàng quý trước ngày 20 của tháng cuối quý", time.Time{}, time.Time{},
			[]want{{"hàng quý trước ngày 20 của tháng cuối quý", "2026-03-20", "2026-03-20", "", Quarterly, nil}}},
		{"half-yearly", "định kỳ 6 tháng, báo cáo trước ngày 15", time.Time{}, time.Time{},
			[]want{{"định kỳ 6 tháng … trước ngày 15", "2026-06-15", "2026-06-15", "", HalfYearly, nil}}},
		{"yearly", "hằng năm báo cáo trước ngày 15/12", time.Time{}, time.Time{},
			[]want{{"hằng năm … trước ngày 15/12", "2026-12-15", "2026-12-15", "", Yearly, nil}}},
		{"report kinds in one line", "Báo cáo 6 tháng gửi trước ngày 15/6/2026; báo cáo năm gửi trước ngày 15/11/2026.", time.Time{}, time.Time{},
			[]want{{"trước ngày 15/6/2026", "2026-06-15", "2026-06-15", "", HalfYearly, nil},
				{"trước ngày 15/11/2026", "2026-11-15", "2026-11-16", "", Yearly, nil}}},
		{"before issue", "báo cáo trước ngày 01/3/2026", time.Time{}, time.Time{},
			[]want{{"trước ngày 01/3/2026", "2026-03-01", "2026-03-01", "", "", []string{FlagBeforeIssue}}}},
		{"same day", "báo cáo trước ngày 10/3/2026", time.Time{}, time.Time{},
			[]want{{"trước ngày 10/3/2026", "2026-03-10", "2026-03-10", "", "", []string{FlagUnderOneWorkday}}}},
		{"next day after a 16:00 issue", "báo cáo trước ngày 11/3/2026", at(2026, 3, 10, 16, 0), time.Time{},
			[]want{{"trước ngày 11/3/2026", "2026-03-11", "2026-03-11", "", "", []string{FlagUnderOneWorkday}}}},
		{"next day after a 09:00 issue", "báo cáo trước ngày 11/3/2026", time.Time{}, time.Time{},
			[]want{{"trước ngày 11/3/2026", "2026-03-11", "2026-03-11", "", "", nil}}},
		{"two in order", "gửi dự thảo trước ngày 15/3/2026, hoàn thành trước ngày 30/3/2026", time.Time{}, time.Time{},
			[]want{{"trước ngày 15/3/2026", "2026-03-15", "2026-03-16", "", "", nil},
				{"trước ngày 30/3/2026", "2026-03-30", "2026-03-30", "", "", nil}}},
		{"hours", "báo cáo trong vòng 24 giờ", time.Time{}, time.Time{},
			[]want{{"trong vòng 24 giờ", "2026-03-11", "2026-03-11", "09:00", "", []string{FlagRelative}}}},
		{"chậm nhất là hết ngày", "chậm nhất là hết ngày 20/3/2026", time.Time{}, time.Time{},
			[]want{{"chậm nhất là hết ngày 20/3/2026", "2026-03-20", "2026-03-20", "", "", nil}}},
		{"citation then assignment", "Căn cứ Kế hoạch số 12/KH-UBND, giao Sở Y tế báo cáo trước ngày 20/3/2026.", time.Time{}, time.Time{},
			[]want{{"trước ngày 20/3/2026", "2026-03-20", "2026-03-20", "", "", nil}}},
		{"citation then a subjectless duty with an operator", "Căn cứ Kế hoạch này, xây dựng kế hoạch của đơn vị mình, hoàn thành trước ngày 31/01/2027.", time.Time{}, time.Time{},
			[]want{{"trước ngày 31/01/2027", "2027-01-31", "2027-02-01", "", "", nil}}},
		{"weekday before the date", "trước thứ Sáu, ngày 20/3/2026", time.Time{}, time.Time{},
			[]want{{"trước thứ Sáu, ngày 20/3/2026", "2026-03-20", "2026-03-20", "", "", nil}}},
		{"time, weekday, date", "trước 17h00', thứ Sáu, ngày 20/3/2026", time.Time{}, time.Time{},
			[]want{{"trước 17h00', thứ Sáu, ngày 20/3/2026", "2026-03-20", "2026-03-20", "17:00", "", nil}}},
		{"label with a colon", "Thời hạn gửi báo cáo về Sở Nội vụ: trước ngày 20/3/2026.", time.Time{}, time.Time{},
			[]want{{"Thời hạn gửi báo cáo về Sở Nội vụ: trước ngày 20/3/2026", "2026-03-20", "2026-03-20", "", "", nil}}},
		{"label with a period", "Thời gian thực hiện: Quý II/2026.", time.Time{}, time.Time{},
			[]want{{"Thời gian thực hiện: Quý II/2026", "2026-06-30", "2026-06-30", "", "", nil}}},
		{"từ nay đến cuối năm", "tập trung thực hiện từ nay đến cuối năm 2026", time.Time{}, time.Time{},
			[]want{{"từ nay đến cuối năm 2026", "2026-12-31", "2026-12-31", "", "", nil}}},
		{"the same day twice a year", "báo cáo trước ngày 15/6 và 15/12 hằng năm", time.Time{}, time.Time{},
			[]want{{"trước ngày 15/6 và 15/12 hằng năm", "2026-06-15", "2026-06-15", "", HalfYearly, nil}}},
		{"a second period after a recurring deadline", "định kỳ 6 tháng (trước ngày 15/6) và năm (trước ngày 15/12) báo cáo kết quả về Sở", time.Time{}, time.Time{},
			[]want{{"định kỳ 6 tháng … trước ngày 15/6", "2026-06-15", "2026-06-15", "", HalfYearly, nil}, {"trước ngày 15/12", "2026-12-15", "2026-12-15", "", Yearly, nil}}},
		{"the period the data covers", "báo cáo nhanh tình hình biến động sĩ số học sinh thời điểm từ đầu năm học đến ngày 15/10", time.Time{}, time.Time{}, nil},
		{"a duration from an event", "báo cáo Ủy ban nhân dân tỉnh trong 03 ngày làm việc khi phát hiện ca bệnh", time.Time{}, time.Time{}, nil},
		{"two days of each year", "báo cáo trước ngày 20/1 và ngày 15/7 hàng năm", time.Time{}, time.Time{},
			[]want{{"trước ngày 20/1 và ngày 15/7 hàng năm", "2026-07-15", "2026-07-15", "", Yearly, nil}}},
		{"a report on a day", "Báo cáo kết quả triển khai chương trình vào ngày 15/8/2026.", time.Time{}, time.Time{},
			[]want{{"vào ngày 15/8/2026", "2026-08-15", "2026-08-17", "", "", nil}}},
		{"work done at an hour on a day", "các cơ quan tiến hành dọn dẹp vệ sinh trụ sở vào lúc 16h chiều thứ bảy ngày 15/8/2026.", time.Time{}, time.Time{},
			[]want{{"vào lúc 16h chiều thứ bảy ngày 15/8/2026", "2026-08-15", "2026-08-17", "16:00", "", nil}}},
		{"work done in the morning of a day", "chỉ đạo Đài truyền thanh tiếp âm chương trình vào sáng ngày 15/8/2026.", time.Time{}, time.Time{},
			[]want{{"vào sáng ngày 15/8/2026", "2026-08-15", "2026-08-17", "", "", nil}}},
		{"work done on a day given with its weekday", "Triển khai tổng vệ sinh khu vực trường học vào lúc 16h00 ngày thứ Sáu 14/8/2026.", time.Time{}, time.Time{},
			[]want{{"vào lúc 16h00 ngày thứ Sáu 14/8/2026", "2026-08-14", "2026-08-14", "16:00", "", nil}}},
		{"building work done on a day", "Đơn vị thi công hoàn trả mặt bằng vào ngày 14/8/2026.", time.Time{}, time.Time{},
			[]want{{"vào ngày 14/8/2026", "2026-08-14", "2026-08-14", "", "", nil}}},
		{"a working group's work done on a day", "Tổ công tác hoàn thành kiểm tra vào ngày 14/8/2026.", time.Time{}, time.Time{},
			[]want{{"vào ngày 14/8/2026", "2026-08-14", "2026-08-14", "", "", nil}}},
		{"a day and month, then the year in words", "báo cáo trước ngày 31/12 năm 2026", time.Time{}, time.Time{},
			[]want{{"trước ngày 31/12 năm 2026", "2026-12-31", "2026-12-31", "", "", nil}}},
		{"ngày mùng", "báo cáo trước ngày mùng 10/4/2026", time.Time{}, time.Time{},
			[]want{{"trước ngày mùng 10/4/2026", "2026-04-10", "2026-04-10", "", "", nil}}},
		{"two recurrences", "định kỳ 6 tháng (trước ngày 15/6) và hằng năm (trước ngày 15/12)", time.Time{}, time.Time{},
			[]want{{"định kỳ 6 tháng … trước ngày 15/6", "2026-06-15", "2026-06-15", "", HalfYearly, nil},
				{"hằng năm … trước ngày 15/12", "2026-12-15", "2026-12-15", "", Yearly, nil}}},
		{"trong ngày alone", "Sở Y tế báo cáo trong ngày.", time.Time{}, time.Time{},
			[]want{{"trong ngày", "2026-03-10", "2026-03-10", "", "", []string{FlagUrgent, FlagUnderOneWorkday}}}},
		{"trong ngày hội", "các hoạt động trong ngày hội văn hóa", time.Time{}, time.Time{}, nil},
		{"cuối năm closing a clause", "hoàn thành vào cuối năm.", time.Time{}, time.Time{},
			[]want{{"vào cuối năm", "2026-12-31", "2026-12-31", "", "", []string{FlagYearInferred}}}},
		{"school year", "các nhiệm vụ trong năm học 2025 - 2026", time.Time{}, time.Time{}, nil},
		{"past year", "kết quả đạt được trong năm qua", time.Time{}, time.Time{}, nil},
		{"target year is no deadline", "phấn đấu đến năm 2030 đạt 100%", time.Time{}, time.Time{}, nil},
		{"deadline across a PDF line break", "báo cáo UBND tỉnh trước\nngày 20/3/2026", time.Time{}, time.Time{},
			[]want{{"trước\nngày 20/3/2026", "2026-03-20", "2026-03-20", "", "", nil}}},

		// Exclusions: never deadlines.
		{"a weekly time on a weekday", "Báo cáo về Bộ Y tế trước 16 giờ thứ Sáu hằng tuần.", time.Time{}, time.Time{}, nil},
		{"a data cut-off", "Riêng báo cáo tháng 12, chốt số liệu đến ngày 31/12/2026 và gửi về Bảo hiểm xã hội tỉnh.", time.Time{}, time.Time{}, nil},
		{"a meeting on a day", "Tổ chức hội nghị sơ kết vào ngày 15/8/2026.", time.Time{}, time.Time{}, nil},
		{"an opening attended at an hour", "các đại biểu dự lễ khai mạc vào lúc 8 giờ ngày 15/8/2026.", time.Time{}, time.Time{}, nil},
		{"an exam held on a day", "Sở Giáo dục tổ chức kỳ thi vào ngày 15/8/2026.", time.Time{}, time.Time{}, nil},
		{"pupils back at school on a day", "cho học sinh trở lại trường vào ngày 15/8/2026.", time.Time{}, time.Time{}, nil},
		{"a conference on a day after a report", "Sở Y tế báo cáo tại hội nghị diễn ra vào ngày 15/8/2026.", time.Time{}, time.Time{}, nil},
		{"citation", "Căn cứ Quyết định số 12/QĐ-UBND ngày 01/3/2026 của UBND tỉnh đến ngày 20/3/2026;", time.Time{}, time.Time{}, nil},
		{"implementing a letter", "Thực hiện Công văn số 8421/VPCP-KSTT ngày 12/11/2026 của Văn phòng Chính phủ", time.Time{}, time.Time{}, nil},
		{"header line", "Đồng Tháp, ngày 10 tháng 3 năm 2026", time.Time{}, time.Time{}, nil},
		{"document reference", "theo Thông báo số 45/TB-UBND ngày 10/3/2026", time.Time{}, time.Time{}, nil},
		{"effective date", "Quyết định này có hiệu lực từ ngày 15/3/2026 đến hết ngày 31/12/2026.", time.Time{}, time.Time{}, nil},
		{"effective date 2", "Quyết định có hiệu lực thi hành kể từ ngày ký.", time.Time{}, time.Time{}, nil},
		{"planning horizon", "Quy hoạch tỉnh thời kỳ 2021 - 2030, tầm nhìn đến năm 2050", time.Time{}, time.Time{}, nil},
		{"planning period", "giai đoạn từ năm 2021 đến năm 2025", time.Time{}, time.Time{}, nil},
		{"data period", "rà soát số liệu theo mốc thời gian từ khi đất bãi bồi hình thành đến hết tháng 03/2010", time.Time{}, time.Time{}, nil},
		{"data cut-off", "số liệu tính đến ngày 31/3/2026", time.Time{}, time.Time{}, nil},
		{"after a date, with no consent clause", "Sau ngày 31/3/2026, Sở Tài chính tổng hợp kết quả.", time.Time{}, time.Time{}, nil},
		{"a range of birth dates", "danh sách học sinh có ngày sinh từ 01/01/2010 đến ngày 31/12/2010", time.Time{}, time.Time{}, nil},
		{"a state until a date", "tiếp tục cho học sinh nghỉ học đến ngày 10/10/2026", time.Time{}, time.Time{}, nil},
		{"a pause until a date", "tạm dừng các hoạt động lễ hội đến hết ngày 30/4/2026", time.Time{}, time.Time{}, nil},
		{"reporting period", "tình hình 8 tháng đầu năm 2024", time.Time{}, time.Time{}, nil},
		{"event condition", "(ngay sau khi có văn bản hướng dẫn Luật Quy hoạch)", time.Time{}, time.Time{}, nil},
		{"responsible to", "chịu trách nhiệm trước Chủ tịch UBND tỉnh", time.Time{}, time.Time{}, nil},
		{"meeting date", "Ngày 12 tháng 4 năm 2024, Phó Chủ tịch chủ trì cuộc họp vào ngày 12/4/2024", time.Time{}, time.Time{}, nil},
		{"unknown start event", "trong 10 ngày kể từ ngày kết thúc đợt kiểm tra", time.Time{}, time.Time{}, nil},
		{"from receipt of a case file", "giải quyết trong 10 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ", time.Time{}, time.Time{}, nil},
		{"from receipt of an application", "trả lời trong 05 ngày kể từ ngày tiếp nhận đơn", time.Time{}, time.Time{}, nil},
		{"from receipt of this letter still counts", "trong 3 ngày làm việc kể từ ngày nhận được Công văn này", time.Time{}, at(2026, 3, 10, 10, 0),
			[]want{{"trong 3 ngày làm việc kể từ ngày nhận được Công văn này", "2026-03-13", "2026-03-13", "", "", []string{FlagRelative, FlagFromReceipt}}}},
		{"impossible date", "trước ngày 31/4/2026", time.Time{}, time.Time{}, nil},
		{"numbers that are not dates", "Nghị quyết số 20/2020/QĐ-TTg, diện tích 49,35ha", time.Time{}, time.Time{}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx := Context{Issued: issued, Received: tt.recv}
			if !tt.issued.IsZero() {
				ctx.Issued = tt.issued
			}
			got := Find(tt.in, ctx)
			if len(got) != len(tt.want) {
				t.Fatalf("Find(%q) = %d deadlines %v, want %d", tt.in, len(got), texts(got), len(tt.want))
			}
			for i, w := range tt.want {
				g := got[i]
				if g.Text != w.text || ymd(g.Nominal) != w.nominal || ymd(g.Effective) != w.effective || g.Time != w.hhmm || g.Recurrence != w.rec {
					t.Errorf("#%d = {%q %s %s %q %q}, want {%q %s %s %q %q}", i,
						g.Text, ymd(g.Nominal), ymd(g.Effective), g.Time, g.Recurrence,
						w.text, w.nominal, w.effective, w.hhmm, w.rec)
				}
				if !sameSet(g.Flags, w.flags) {
					t.Errorf("#%d flags = %v, want %v", i, g.Flags, w.flags)
				}
				if !strings.HasPrefix(tt.in[g.Start:], strings.SplitN(g.Text, " … ", 2)[0]) || g.End > len(tt.in) || g.Start >= g.End {
					t.Errorf("#%d span [%d,%d) does not hold %q", i, g.Start, g.End, g.Text)
				}
				if g.Confidence <= 0 || g.Confidence > 1 {
					t.Errorf("#%d confidence %v out of (0,1]", i, g.Confidence)
				}
			}
		})
	}
}

func texts(ds []Deadline) []string {
	var s []string
	for _, d := range ds {
		s = append(s, d.Text+"="+ymd(d.Nominal))
	}
	return s
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// Decomposed and upper-case input matches like composed lower case, and the
// offsets point into the input as given.
func TestFindNormalisation(t *testing.T) {
	t.Parallel()
	for _, in := range []string{
		"Sở Xây dựng BÁO CÁO TRƯỚC NGÀY 20/3/2026.",
		norm.NFD.String("Sở Xây dựng báo cáo trước ngày 20/3/2026."),
		norm.NFD.String("SỞ XÂY DỰNG BÁO CÁO TRƯỚC NGÀY 20/3/2026."),
	} {
		got := Find(in, Context{Issued: issued})
		if len(got) != 1 || ymd(got[0].Nominal) != "2026-03-20" {
			t.Fatalf("Find(%q) = %v", in, texts(got))
		}
		if got[0].Text != in[got[0].Start:got[0].End] {
			t.Errorf("Text %q is not the input span %q", got[0].Text, in[got[0].Start:got[0].End])
		}
		if n := norm.NFC.String(strings.ToLower(got[0].Text)); n != "trước ngày 20/3/2026" {
			t.Errorf("span = %q", n)
		}
	}
}

// With no issue date only fully written dates and periods can be resolved.
func TestFindWithoutIssueDate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want int
	}{
		{"trước ngày 20/3/2026", 1},
		{"trong quý III/2024", 1},
		{"trước ngày 20/3", 0},
		{"từ ngày 15 đến ngày 20/4/2026", 1},
		{"trong 10 ngày làm việc", 0},
		{"ngay trong ngày", 0},
		{"định kỳ hằng tháng trước ngày 25", 0},
	}
	for _, tt := range tests {
		got := Find(tt.in, Context{})
		if len(got) != tt.want {
			t.Errorf("Find(%q) without issue date = %v, want %d", tt.in, texts(got), tt.want)
		}
		for _, d := range got {
			if slices.Contains(d.Flags, FlagBeforeIssue) || slices.Contains(d.Flags, FlagUnderOneWorkday) {
				t.Errorf("Find(%q): issue-relative flag %v without an issue date", tt.in, d.Flags)
			}
		}
	}
}

// Lunar and holiday anchors: "before the holiday" is the last working day before it.
func TestFindEventAnchors(t *testing.T) {
	t.Parallel()
	cal := calendar.Default()
	tests := []struct {
		in      string
		holiday time.Time
	}{
		{"hoàn thành trước Tết Nguyên đán", calendar.TetDay(2027)},
		{"hoàn thành trước Tết Nguyên đán năm 2027", calendar.TetDay(2027)},
		{"tổ chức trước Giỗ Tổ Hùng Vương", calendar.HungKingsDay(2026)},
		{"hoàn thành trước Tết Nguyên đán 2028", calendar.TetDay(2028)},
		{"hoàn thành trước Tết Nguyên đán Mậu Thân 2028", calendar.TetDay(2028)},
		{"hoàn thành trước Tết Nguyên đán Mậu Thân năm 2028", calendar.TetDay(2028)},
		{"hoàn thành trước Tết Dương lịch", time.Date(2027, 1, 1, 0, 0, 0, 0, connectors.Zone)},
		{"hoàn thành trước Tết Dương lịch năm 2028", time.Date(2028, 1, 1, 0, 0, 0, 0, connectors.Zone)},
	}
	for _, tt := range tests {
		got := Find(tt.in, Context{Issued: issued, Cal: cal})
		if len(got) != 1 {
			t.Fatalf("Find(%q) = %v", tt.in, texts(got))
		}
		d := got[0]
		if !d.Nominal.Before(tt.holiday) || !cal.IsWorkingDay(d.Nominal) || !d.Effective.Equal(d.Nominal) {
			t.Errorf("Find(%q) = %s, want a working day before %s", tt.in, ymd(d.Nominal), ymd(tt.holiday))
		}
		for x := d.Nominal.AddDate(0, 0, 1); x.Before(tt.holiday); x = x.AddDate(0, 0, 1) {
			if cal.IsWorkingDay(x) {
				t.Errorf("Find(%q) = %s, but %s is a later working day", tt.in, ymd(d.Nominal), ymd(x))
			}
		}
		if !slices.Contains(d.Flags, FlagEventAnchor) {
			t.Errorf("Find(%q) flags %v lack %s", tt.in, d.Flags, FlagEventAnchor)
		}
	}
	got := Find("tổ chức trước ngày 15/8 âm lịch", Context{Issued: issued, Cal: cal})
	if len(got) != 1 || !got[0].Nominal.Equal(calendar.LunarToSolar(15, 8, 2026, false)) {
		t.Errorf("lunar date = %v, want %s", texts(got), ymd(calendar.LunarToSolar(15, 8, 2026, false)))
	}
}

func TestNoDeadlineMarker(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"Thời gian thực hiện: Thường xuyên.", "Thường xuyên"},
		{"báo cáo khi có yêu cầu", "khi có yêu cầu"},
		{"kiểm tra đột xuất", "đột xuất"},
		{"áp dụng cho đến khi có thông báo mới", "cho đến khi có thông báo mới"},
		{norm.NFD.String("Thời gian: thường xuyên"), norm.NFD.String("thường xuyên")},
		{"báo cáo trước ngày 20/3/2026", ""},
		{"thường xuyênh", ""},
		{"trong tháng 3/2016 và những tháng tiếp theo tập trung triển khai", "những tháng tiếp theo"},
		{"trong tháng 10 và các tháng tiếp theo", "các tháng tiếp theo"},
	}
	for _, tt := range tests {
		got, ok := NoDeadlineMarker(tt.in)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("NoDeadlineMarker(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
}

// noDeadlineMarkerPlain is Text.NoDeadlineMarker as it was: every marker
// searched.
func noDeadlineMarkerPlain(t *Text) (string, bool) {
	f := t.f
	best, bestAt := "", -1
	for _, m := range noDeadlineMarkers {
		if i := indexWord(f.s, m); i >= 0 && (bestAt < 0 || i < bestAt) {
			best, bestAt = m, i
		}
	}
	if bestAt < 0 {
		return "", false
	}
	return t.in[f.orig(int32(bestAt)):f.orig(int32(bestAt+len(best)))], true
}

// markerAgrees: NoDeadlineMarker gives what searching every marker gives.
func markerAgrees(t *testing.T, in string) {
	t.Helper()
	ft := Fold(in)
	m, ok := ft.NoDeadlineMarker()
	if m0, ok0 := noDeadlineMarkerPlain(ft); m != m0 || ok != ok0 {
		t.Fatalf("NoDeadlineMarker(%q) = %q %v, every marker searched gives %q %v", in, m, ok, m0, ok0)
	}
}

func TestNoDeadlineMarkerIsPlain(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(corpusDir, "*.txt"))
	extra, _ := filepath.Glob("../extract/testdata/corpus/*.txt")
	found := 0
	for _, name := range append(files, extra...) {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, para := range strings.Split(string(b), "\n") {
			markerAgrees(t, para)
			if _, ok := NoDeadlineMarker(para); ok {
				found++
			}
		}
	}
	for _, s := range []string{"cho đến khi có thông báo mới", "đến khi có thông báo mớii", "khi có thông báo mới, thường xuyên", "thường xuyên cho đến khi có thông báo mới",
		"đến khi có thông báo mới", "xđến khi có thông báo mới", "KHI CÓ THÔNG BÁO MỚI"} {
		markerAgrees(t, s)
	}
	if found == 0 {
		t.Fatal("no marker in the corpus: the comparison is empty")
	}
}

func FuzzNoDeadlineMarker(f *testing.F) {
	fuzzSeeds(f)
	f.Add("cho đến khi có thông báo mới")
	f.Add("liên tục đến khi có thông báo mới")
	f.Fuzz(func(t *testing.T, in string) { markerAgrees(t, in) })
}

func TestUrgency(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"HỎA TỐC\nSố: 12/UBND-KT", "HỎA TỐC"},
		{"THƯỢNG KHẨN\n", "THƯỢNG KHẨN"},
		{"Số: 12/UBND-KT\nKHẨN\nKính gửi", "KHẨN"},
		{"khẩn trương triển khai thực hiện", ""},
		{"tình trạng khẩn cấp", ""},
	}
	for _, tt := range tests {
		got, ok := Urgency(tt.in)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("Urgency(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
}

// TestNotBefore: with no issue date, a date without its year is the first on or
// after the latest cited date; durations still need the issue date.
func TestNotBefore(t *testing.T) {
	nb := time.Date(2022, 11, 18, 0, 0, 0, 0, connectors.Zone)
	ds := Find("gửi danh sách chậm nhất ngày 14/01 và hoàn thành trong 10 ngày", Context{NotBefore: nb})
	if len(ds) != 1 || ds[0].Nominal.Format(time.DateOnly) != "2023-01-14" || !slices.Contains(ds[0].Flags, FlagYearInferred) {
		t.Fatalf("got %+v, want only 14/01/2023, year inferred", ds)
	}
	if ds := Find("chậm nhất ngày 14/01", Context{}); len(ds) != 0 {
		t.Errorf("no issue date, no lower bound: got %+v", ds)
	}
	// a month or a quarter with no year falls likewise: "trong tháng 8" after
	// 18/11/2022 is August 2023, "trong tháng 12" December 2022
	for in, want := range map[string]string{"hoàn thành trong tháng 8": "2023-08-31", "hoàn thành trong tháng 12": "2022-12-31",
		"hoàn thành trong quý I": "2023-03-31", "hoàn thành trong quý IV": "2022-12-31"} {
		ds := Find(in, Context{NotBefore: nb})
		if len(ds) != 1 || ds[0].Nominal.Format(time.DateOnly) != want || !slices.Contains(ds[0].Flags, FlagYearInferred) {
			t.Errorf("%q: got %+v, want %s, year inferred", in, ds, want)
		}
	}
}

// A whole year as the period is less sure than a month or a date: "trong năm
// 2026" is as often what the work is about as when it is due, so a task on it
// stays below the review threshold (extract's confidence).
func TestYearPeriodLessSure(t *testing.T) {
	t.Parallel()
	year := Find("Các đơn vị tổ chức đánh giá, phân loại công chức trong năm 2026.", Context{Issued: issued})
	month := Find("Các đơn vị tổ chức đánh giá, phân loại công chức trong tháng 12/2026.", Context{Issued: issued})
	if len(year) != 1 || len(month) != 1 || ymd(year[0].Nominal) != "2026-12-31" || ymd(month[0].Nominal) != "2026-12-31" {
		t.Fatalf("year %v, month %v", texts(year), texts(month))
	}
	if year[0].Confidence >= month[0].Confidence || year[0].Confidence > 0.8 {
		t.Errorf("confidence: a year %v, a month %v", year[0].Confidence, month[0].Confidence)
	}
}

// The first and last lunar months by their names and the days of Tết are lunar
// dates: "ngày 12 tết" is the 12th of the first lunar month, not the next 12th;
// the lunar year is the one whose date falls first on or after the issue date,
// or the one named.
func TestLunarMonthNames(t *testing.T) {
	t.Parallel()
	iss := time.Date(2019, 1, 20, 9, 0, 0, 0, connectors.Zone)
	for _, tt := range []struct {
		in   string
		want time.Time
	}{
		{"tổ chức Tết trồng cây từ ngày mùng 4 đến ngày 12 tết", calendar.LunarToSolar(12, 1, 2019, false)},
		{"hoàn thành trước ngày 12 tháng Giêng", calendar.LunarToSolar(12, 1, 2019, false)},
		{"chậm nhất ngày mùng 10 tháng giêng", calendar.LunarToSolar(10, 1, 2019, false)},
		{"trước ngày 23 tháng Chạp năm 2026", calendar.LunarToSolar(23, 12, 2026, false)},
	} {
		got := Find(tt.in, Context{Issued: iss})
		if len(got) != 1 || !got[0].Nominal.Equal(tt.want) || !slices.Contains(got[0].Flags, FlagEventAnchor) {
			t.Errorf("Find(%q) = %v, want %s (lunar)", tt.in, texts(got), ymd(tt.want))
		}
	}
	if d := calendar.LunarToSolar(12, 1, 2019, false); ymd(d) != "2019-02-16" {
		t.Fatalf("12 tháng Giêng Kỷ Hợi is %s, want 2019-02-16", ymd(d))
	}
	// With no issue date, after the latest date the text cites.
	got := Find("trước ngày 12 tháng Giêng", Context{NotBefore: time.Date(2019, 1, 1, 0, 0, 0, 0, connectors.Zone)})
	if len(got) != 1 || ymd(got[0].Nominal) != "2019-02-16" {
		t.Errorf("without an issue date: %v, want 2019-02-16", texts(got))
	}
}

// "trong hai tháng còn lại" is the rest of the issue year: its last day, not
// two months after the issue date.
func TestMonthsLeftOfTheYear(t *testing.T) {
	t.Parallel()
	iss := time.Date(2017, 10, 24, 9, 0, 0, 0, connectors.Zone)
	for _, in := range []string{"rà soát các chỉ tiêu để hoàn thành trong hai tháng còn lại", "hoàn thành trong 2 tháng còn lại của năm"} {
		got := Find(in, Context{Issued: iss})
		if len(got) != 1 || ymd(got[0].Nominal) != "2017-12-31" {
			t.Errorf("Find(%q) = %v, want 2017-12-31", in, texts(got))
		}
	}
	if got := Find("hoàn thành trong 2 tháng", Context{Issued: iss}); len(got) != 1 || ymd(got[0].Nominal) != "2017-12-24" {
		t.Errorf("two months from the issue: %v, want 2017-12-24", texts(got))
	}
}
