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
package tracking
