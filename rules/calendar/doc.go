// Package calendar is the working-day calendar of cddh-sync: which days count when a
// directive says "N ngày làm việc", where a deadline that falls on a day off moves to,
// and when counting starts for a document received late in the day.
//
// Guarantees:
//
//   - Everything is read in Asia/Ho_Chi_Minh (connectors.Zone), never the host's zone.
//     Functions accept any time.Time and use its date in that zone; dates returned are
//     00:00 in that zone.
//   - Saturdays and Sundays are days off. Public holidays follow Bộ luật Lao động 2019
//     Đ112.1: 1/1; Tết Nguyên đán (5 days); Giỗ Tổ Hùng Vương 10/3 âm lịch; 30/4; 1/5;
//     2/9 and one adjacent day. A holiday on a weekend is given back on the next working
//     day (Đ111.3), after any holiday block it belongs to. The Code is in force from
//     1/1/2021 (Đ220); before that, Bộ luật Lao động 2012 Đ115 gave 2/9 alone, so a
//     year before 2021 has no day next to 2/9.
//   - Lunar dates are computed with Hồ Ngọc Đức's algorithm at UTC+7, so Tết is the
//     Vietnamese one (2030-02-02, not China's 2030-02-03).
//   - Computed defaults where the law lets the government choose: Tết is the weekdays
//     from Tết eve to the 4th day of Tết, topped up to five weekdays alternately one
//     before and one after (this reproduces every announcement 2017–2026); the day next
//     to 2/9 is 1/9, except when 2/9 is a Thursday, then 3/9 (a Friday).
//   - The announced civil-servant schedule for a year is data (schedules.json, embedded,
//     2012–2013 and 2024–2026, each with its source document): its days off are added, its working
//     Saturdays become working days, and its not_off days (rare: the government placed
//     Tết differently) are removed. A Schedule given to New replaces the embedded one of
//     its year or adds a year, without a rebuild. Other years are computed only.
//   - Extra fixed holidays can be configured with an effective-from date. None is on by
//     default: 24/11 "Ngày Văn hóa Việt Nam" was decided by the Politburo (Nghị quyết
//     80-NQ/TW) and put in the Government's programme (Nghị quyết 30/NQ-CP), but Đ112
//     has not been amended yet, so a province enables it by configuration once it is.
//
// Counting rules:
//
//   - AddWorkdays(t, n): "trong N ngày làm việc kể từ ngày X" counts working days AFTER
//     the start day: the start day itself is never counted (Bộ luật Dân sự 2015 Đ147.1),
//     so 10 working days from Monday 15/4/2024 end on 3/5/2024 (18/4, 29/4–1/5 off).
//   - RollForward: a deadline that falls on a non-working day ends on the next working
//     day (Bộ luật Dân sự 2015 Đ148: a time limit whose last day is a weekly rest day or a
//     holiday ends at the end of the next working day).
//   - CountingStart: the 15:00 cut-off (001 Đ4.5c, Đ11.2b, Đ14.4; rules.md §3): a
//     document received after the profile's cut-off hour (AfterCutoff: strictly after
//     15:00:00) counts from the next working day; one received earlier counts from its
//     own date, rolled forward if that is a day off.
//
// IsWorkingDay, AddWorkdays and WorkdaysBetween read precomputed per-year bitsets
// (1970–2100); a Calendar is immutable after New and safe for concurrent use.
package calendar
