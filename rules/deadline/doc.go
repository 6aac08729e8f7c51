// Package deadline reads the deadlines Vietnamese directives write, and turns
// each into a nominal date (as written or computed) and an effective date (the
// working day it really falls due).
//
// # Matching
//
// The input is normalised to NFC and lower-cased rune by rune without changing
// any rune's byte length (TCVN 6909:2001, 002 Đ4.3), so composed, decomposed,
// upper- and lower-case text match alike, and every Start/End offset points into
// the input exactly as the caller gave it. The text is cut into words, digit runs
// and punctuation once; the grammar is a hand-written recursive descent over
// those tokens that is tried only at trigger words ("trước", "chậm nhất",
// "hạn chót", "thời hạn", "đến", "không quá", "trong", "từ", "vào", "ngay",
// "hoàn thành"). There is no regular expression and no backtracking beyond a few
// tokens, so Find is linear in the input (see the 1 MB benchmarks).
//
// # What is a deadline
//
// A date is a deadline only behind an operator: "trước (ngày)", "chậm nhất (là)",
// "hạn chót", "thời hạn (hoàn thành):", "đến hết (ngày)", "đến ngày", "không quá",
// "trong ngày", "từ … đến (hết) …" (the end counts), "hoàn thành ngày", "vào ngày" after
// a report or a sending verb ("Báo cáo kết quả … vào ngày 15/8/2018"), or after work
// done then ("… tiến hành dọn dẹp vệ sinh … vào lúc 16h chiều thứ bảy ngày 27/12",
// "vào sáng ngày …"; not a meeting, a ceremony, an exam, someone's attending, a state
// that begins: "tổ chức hội nghị …", "dự lễ khai mạc …", "kỳ thi", "nghỉ học", "trở lại"),
// "sau / quá ngày D" when silence then is consent ("Sau ngày 23/8/2016, nếu các đơn vị
// không có ý kiến thì coi như đã đồng ý"; alone, "sau ngày" is no deadline). So header
// lines ("Đồng Tháp, ngày 10 tháng 3 năm 2026"), meeting dates and the dates of
// cited documents ("Công văn số 8421/VPCP-KSTT ngày 12/11/2026") are never taken.
// On top of that, Find drops expressions in a clause that starts with "Căn cứ" or
// "Xét" (unless the sentence goes on to assign: "…, giao Sở X …", or the date
// follows an operator: "Căn cứ Kế hoạch này, xây dựng …, hoàn thành trước ngày
// …"), after
// "có hiệu lực" (entry into force), behind "thời kỳ", "giai đoạn", "tầm nhìn"
// (planning horizons, 107) and after "tính" or "chốt (số liệu)" ("tính đến ngày",
// "chốt số liệu đến ngày": a data cut-off), and "đến ngày D" after "từ đầu …"
// or "thời điểm" ("tình hình … thời điểm từ đầu năm học đến ngày 15/10": the
// period the data covers).
//
// Forms read:
//   - dates: 20/3/2026, 20-3-2026, 20.3.2026, "ngày 20 tháng 3 năm 2026", "31/12 năm
//     2026", "ngày mùng 10/12/2026", "ngày 30 và 31/12/2023" (the last day), zero
//     padded or not, a day's or a month's spelling in brackets passed over ("ngày 15
//     (mười lăm) tháng 5 năm 2026", "tháng 06 (sáu)"; before, "ngày 15" was read
//     alone, in the month); a date without a year is the first one on or after the issue
//     date (flag year_inferred); a day alone ("trước ngày 25") likewise. With
//     no issue date, Context.NotBefore stands for it, for a month or a
//     quarter alone ("trong tháng 8", "trong quý I") too.
//   - times: "trước 16 giờ (30 phút) ngày …", "16h00", "16:30", "9 giờ sáng",
//     "2 giờ chiều" → Time "HH:MM".
//   - durations: "trong (thời hạn|vòng|thời gian) N ngày làm việc | ngày | tuần |
//     tháng | năm | giờ", also behind "chậm nhất", "không quá"; N may be spelled out or
//     doubled in brackets ("05 (năm)", "mười lăm (15)"). "N ngày làm việc" is the
//     N-th working day after the start day, "N ngày" N calendar days after it, a
//     month the same day N months on (or that month's last day; Civil Code 2015
//     art. 147); "trong N tháng còn lại (của năm)" is the rest of the issue
//     year, to its last day. The start is the issue date ("kể từ ngày ban hành / ký", or no
//     phrase), a written date ("kể từ ngày 01/4/2026"), or receipt ("kể từ ngày
//     nhận được"): the directive is received at Context.Received (else Issued) and
//     a receipt at or after 15:00 starts counting the next working day (rules.md §3,
//     001 Đ11.2b; 108). An event the grammar cannot date ("kể từ ngày kết thúc đợt
//     kiểm tra", "ngay sau khi có văn bản hướng dẫn", "trong 03 ngày làm việc khi
//     phát hiện ca bệnh") gives no deadline.
//   - periods (the deadline is the period's last day): "trong tháng 6/2026",
//     "quý III/2024", "quý III năm 2024", "6 tháng đầu/cuối năm 2026", "trong năm
//     2024"; Civil Code 2015 art. 146 for parts: đầu tháng = day 1, giữa tháng =
//     15, cuối tháng = last day; đầu/giữa/cuối quý = its first day, the 15th of its
//     middle month, its last day; đầu năm = 1/1, giữa năm = 30/6, cuối năm = 31/12.
//     A month's ten-day parts end on the 10th, the 20th and its last day
//     ("thượng / trung / hạ tuần tháng 5"), its halves on the 15th and its last
//     day ("nửa đầu / nửa cuối tháng 5"; of a year 30/6 and 31/12), its first
//     week on the 7th and its last on its last day ("tuần đầu / cuối tháng 5");
//     "tháng đầu / cuối năm 2026" is January or December. These are read behind
//     "trong", "vào" and "đến", not "trước" (before a part of a month is a date
//     the text does not give).
//     "tuần này / tuần sau (tới)" = Friday of the issue week / of the next week,
//     the last day of the 5-day working week. A period is read behind "trong",
//     "vào", "trước (đầu|giữa|cuối)", "đến hết", "chậm nhất", "thời hạn:"; a bare
//     "8 tháng đầu năm 2024" is a reporting period, not a deadline.
//   - urgency: "ngay trong ngày", "trong ngày (hôm nay)" → the issue date;
//     "ngay" closing a clause or "ngay lập tức" → the next working day after the
//     counting start (the shortest deadline 001 Đ4.2 allows); both flagged urgent.
//     A document stamp (Hỏa tốc, Thượng khẩn, Khẩn) sets handling speed, not a
//     task deadline: Urgency reports it and Find ignores it.
//   - anchors: "trước Tết (Nguyên đán)", "trước Tết Dương lịch" and "trước Giỗ Tổ
//     Hùng Vương" → the last working day before the next such holiday after the
//     issue date, or before the one of the year named ("Tết Nguyên đán (Đinh Mùi)
//     (năm) 2027", the lunar year's stem and branch passed over) (the holiday
//     itself is off, so "before" cannot mean "on"); "ngày 15/8 âm lịch" → the
//     next such lunar date on or after the issue date (or the latest cited
//     date, with no issue date), as are the lunar months by their names and
//     the days of Tết: "ngày 12 tháng Giêng", "mùng 10 tháng giêng năm 2027",
//     "23 tháng Chạp", "ngày 12 tết". Flag event_anchor.
//   - recurrences: "định kỳ / hằng / hàng / mỗi + tháng | quý | năm | 6 tháng",
//     a report named by its period ("báo cáo quý", "Báo cáo 6 tháng", "báo cáo
//     năm"), or a suffix ("ngày 5 hằng tháng", "ngày 20 của tháng cuối quý",
//     "15/12 hằng năm"; "15/6 và 15/12 hằng năm" is half-yearly, two other days
//     of each year yearly from the nearer one). A cue binds to the next date in its clause (clauses end at
//     ";", ".", a line break); Text then reads "cue … date" when words lie
//     between. After a recurring deadline, a bare period joined by "và" or ","
//     is a cue for the next date ("định kỳ 6 tháng (trước ngày 15/6) và năm
//     (trước ngày 15/12)": yearly 15/12). Nominal is the first occurrence on or after the issue date
//     (quarterly: in March/June/September/December unless "tháng đầu quý";
//     half-yearly: June/December; a day past a month's end is its last day).
//
// # Effective date and flags
//
// Effective is Nominal rolled forward to a working day (Civil Code 2015 art. 148:
// a period ending on a day off ends on the next working day), except when Nominal
// is before the issue date: that is a typo to flag (deadline_before_issue, 108),
// not a date to move. Event anchors already sit on a working day.
// deadline_under_one_workday marks a deadline with no working day between the
// counting start (issue date, or the next working day when issued at or after
// 15:00) and the effective date (001 Đ4.2: "không sớm hơn 01 ngày làm việc").
// year_inferred marks a year (or month) taken from the issue date.
//
// # Unknown issue date
//
// With Context.Issued zero, only what needs no issue date is returned: fully
// written dates and periods. Durations, dates without a year, recurrences and
// urgency are skipped, and no issue-relative flag is set.
//
// Context.Cal should be the calendar configured for the province (announced Tết
// and National Day days off, swapped Saturdays); nil uses calendar.Default(),
// built once per process.
package deadline
