package tracking

import (
	"time"

	"cddh-sync/signing"
	"cddh-sync/sync/store"
)

// VerdictRows turns a signature report into the store's rows, one per signature, or
// one row with the document's indication when it has none. src is pdf or edxml.
func VerdictRows(rep *signing.Report, src string) []store.VerdictRow {
	if len(rep.Signatures) == 0 {
		return []store.VerdictRow{{Source: src, Indication: string(rep.Indication)}}
	}
	out := make([]store.VerdictRow, 0, len(rep.Signatures))
	for i, s := range rep.Signatures {
		row := store.VerdictRow{Source: src, Position: i, Indication: string(s.Indication), SubIndication: string(s.SubIndication),
			SignedBy: s.SignedBy, Details: map[string]any{"errors": s.Errors, "warnings": s.Warnings, "format": s.Format}}
		if t, err := time.Parse(time.RFC3339, s.SigningTime); err == nil {
			row.SigningTime = &t
		}
		if t, err := time.Parse(time.RFC3339, s.BestSignatureTime); err == nil {
			row.BestSignatureTime = &t
		}
		covers := s.CoversWholeDocument
		row.CoversWholeDocument = &covers
		out = append(out, row)
	}
	return out
}

// Unverified is the row of a file whose signatures could not be checked: an
// INDETERMINATE verdict naming why, never a pass and never a false failure.
func Unverified(src, why string) []store.VerdictRow {
	return []store.VerdictRow{{Source: src, Indication: string(signing.Indeterminate), Details: map[string]any{"errors": []string{why}}}}
}
