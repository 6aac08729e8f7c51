// Package connectors holds the boundary vocabulary between the portal and the rest of
// cddh-sync: documents, attachments, reports, units, clerk actions and task records, in
// English, plus the error classes a connector returns. Connector implementations live
// in sub-packages (ioffice, edxml, portalsim) and translate the portal's Vietnamese wire
// fields to these types at the boundary.
//
// # Guarantees
//
//   - Times are in Zone (Asia/Ho_Chi_Minh); a zero time means "the portal did not say".
//   - Errors are classed, not parsed: every connector error matches one or more of
//     ErrRetryable, ErrPermanent, ErrRateLimited (also retryable; RetryAfter says
//     how long), ErrUnauthorized, ErrNotFound and ErrRefused (all three also
//     permanent) and ErrUnknownOutcome, with errors.Is. ErrUnknownOutcome is on
//     purpose neither retryable nor permanent: a non-idempotent write may have been
//     applied, and the caller must look before it repeats it (architecture.md
//     invariant 3).
//   - IsSecret fails closed: "", "Thường" (and "Bình thường", "Không") are not
//     secret; "Mật", "Tối mật", "Tuyệt mật" and any word it does not know are, in
//     any case and Unicode form (invariant 4: a secret is recognised before its
//     content goes anywhere).
//
// # Why a home-made NFC
//
// This package may import only the standard library (architecture.md), yet
// Vietnamese must compare alike composed or decomposed (002 Đ4.3). text.go composes
// the Vietnamese letters and marks with a table of about 140 letters; a test checks
// it equals golang.org/x/text/unicode/norm.NFC on random Vietnamese text, and a
// fuzz target keeps it safe on anything else. Packages allowed x/text (rules) should
// keep using norm.NFC for general text.
package connectors
