// Package tracking is the domain layer: what a stored event means for a task, and
// what the province's rules make of the store's facts. It holds the typed event kinds
// (Kind), the mapping from stored events to the status machine's events, the
// derivation of a task's status with the profile, the report's categories and
// compliance lags (rules.md §5), the expansion of recurring tasks (rules.md §4), the
// untimed-task policy (001 Đ3.3, 003 Đ4), the turn of an extraction into task rows,
// and the conversion of signature verdicts into rows.
//
// It runs no SQL and speaks no HTTP: it reads the store's row types (sync/store) as
// plain data, and takes `now` as a parameter. The engine, the commands and the
// dashboard call it; none of them holds a business rule of its own.
//
// The review state of each task (rules.md §9, issue 15) lives here too: which
// extracted tasks the Office must review before they reach the portal (Policy),
// the states a review moves through (ReviewState), and the sentence identity that
// lets a review survive re-extraction. The adapter proposes, the Office disposes
// (001 Đ11, 002 Đ8.1, 003 Đ7.1): a held task is stored and its deadline clock runs,
// but nothing of it is pushed until a specialist confirms, corrects or adds it; a
// rejected task never is. A review, once made, is never undone by a later sync
// (architecture invariant 8).
package tracking
