package engine

import (
	"strings"

	"cddh-sync/connectors"
	"cddh-sync/connectors/edxml"
)

// edxmlStatus handles a status message the portal served where a directive's edXML
// package was expected (the national exchange relays status messages about a
// document: a recall, a receiver's processing status). It is never verified or
// recorded as a package (it has no signature to check, and an unsigned "package"
// would hold the directive's tasks). A recall (13, the issuer takes the document
// back, or 15, the recall agreed) about this document withdraws it: the caller
// returns at once and apply cancels its tasks with history, as for THU_HOI on the
// portal. Other codes are receivers' processing statuses: logged. It reports whether
// the document was withdrawn.
func (e *Engine) edxmlStatus(p *prepared, st *edxml.Status) bool {
	if !answers(st.ResponseFor, p.doc) {
		e.opts.Logger.Warn().Str("event", "sync.edxml_status_other").Int64("document", p.doc.ID).
			Str("code", string(st.Code)).Str("response_for", st.ResponseFor.Code).Str("response_for_id", st.ResponseFor.DocumentID).
			Msg("the edXML of this document is a status message about another document; ignored")
		return false
	}
	withdrawn := st.Code == edxml.StatusRecallRequest || st.Code == edxml.StatusRecallAgreed
	e.opts.Logger.Info().Str("event", "sync.edxml_status").Int64("document", p.doc.ID).Str("code", string(st.Code)).
		Str("from", st.From.OrganID).Str("description", st.Description).Bool("withdrawn", withdrawn).
		Msg("edXML status message about the document")
	if withdrawn {
		p.doc.State = connectors.StateWithdrawn
	}
	return withdrawn
}

// answers reports whether a status message's ResponseFor names the document: its
// Code is the document's số/ký hiệu, or its DocumentId ends with it (the official
// "organ,date,number/notation" form). An empty ResponseFor names nothing else, and
// the portal served the message for this document.
func answers(r edxml.ResponseFor, d connectors.Document) bool {
	if r.Code == "" && r.DocumentID == "" {
		return true
	}
	ref := refKey(d.Reference)
	if ref == "" {
		return false
	}
	if refKey(r.Code) == ref {
		return true
	}
	id := refKey(r.DocumentID)
	return strings.HasSuffix(id, ","+ref)
}

// refKey compares references whatever their spacing, case and Unicode composition.
func refKey(s string) string {
	s = connectors.ComposeVietnamese(s)
	return strings.ToUpper(strings.Join(strings.Fields(s), ""))
}
