// Package status is the task status engine of rules.md §4: one pure,
// deterministic state machine whose words come from a province profile.
//
// States: assigned, in_progress, urged, reported, approved, rejected,
// returned, cancelled. Events: a new or changed directive, a report sent,
// the clerk actions of the portal (TIEP_NHAN, DUYET, TU_CHOI, GIA_HAN,
// TRA_LAI, DON_DOC, HUY) and a directive withdrawn or replaced.
//
// Guarantees of Replay, and why:
//   - Events are applied by their own timestamps (then key), never by arrival
//     order: the portal's feeds arrive in any order and a report's moment is
//     its issue time, so any permutation of the same events gives the same
//     Result.
//   - Every event has a deterministic key; a key seen before is a no-op, so a
//     re-fetched page changes nothing (architecture invariant 2).
//   - An event the state does not allow (an approval before any report, a
//     report on a cancelled task) is kept in the history with a warning and
//     changes nothing. Replay never panics; a fuzz test holds it to that.
//   - Status is derived at `now`, passed in: events dated after now are not
//     yet applied, so the same call answers "what was the status at the end
//     of March" for reports.
//   - Timeliness is derived, never stored. 001 Đ5.1: the moment that counts
//     is when the unit SENT its report (the report's ngayBanHanh), compared
//     with the deadline in force at that moment, not when the Office
//     decided. An open or rejected task is judged by now: a result rejected
//     before the deadline reads "Đang thực hiện trong hạn" until the deadline
//     passes with no new report.
//   - A deadline written as a date means the end of that day (a report at
//     23:59 is on time, at 00:00 the next day late); one on a day off rolls
//     forward to the next working day; a written time ("trước 16 giờ") is
//     inclusive.
//   - The 15:00 rule (001 Đ4.5c, Đ11.2b, Đ14.4) gives people until the next
//     working day to RECORD or REVIEW a document issued after 15:00; it does
//     not move the moment a report was sent. A report issued at 16:30 on the
//     deadline day is therefore on time, and the unit may record it the next
//     working day without breaching Đ14.4 (see Measure).
//   - Extensions (001 Đ5.2d) move the deadline only from the moment the
//     approving document arrives; each is counted once per approving
//     document and kept in the history. An extension granted after a late
//     report does not make that report on time.
//   - Within one round (report … decision) the first report counts; a
//     supplement sent before the Office decides does not make it late.
//   - Being urged changes nothing in Đồng Tháp's words: a profile whose urged
//     words inherit shows the words of the state the task was in.
//
// Measure and its wrappers judge the time limits on people of rules.md §5
// (entry, update, review) from the portal's timestamps against the
// profile's limits, in working or calendar days, with the cut-off and
// urgency. Occurrences turns a recurring task into one tracked occurrence
// per period, never more than one not yet due.
package status
