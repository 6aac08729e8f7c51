package engine

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"cddh-sync/connectors"
	"cddh-sync/connectors/edxml"
	"cddh-sync/sync/store"
)

// edxmlStatus handles a status message the portal served where a directive's edXML
// package was expected (the national exchange relays status messages about a
// document: a recall, a receiver's processing status). It is never verified or
// recorded as a package (it has no signature to check, and an unsigned "package"
// would hold the directive's tasks). It is kept in p for apply, which stores it as
// the exchange status of the document it answers (recordStatus). A recall (13, the
// issuer takes the document back, or 15, the recall agreed) about this document
// withdraws it: the caller returns at once and apply cancels its tasks with history,
// as for THU_HOI on the portal. It reports whether the document was withdrawn. Its
// log line waits, like the others, until the document's secrecy is known.
func (e *Engine) edxmlStatus(p *prepared, st *edxml.Status) bool {
	p.status = st
	doc := p.doc
	if !answers(st.ResponseFor, doc) {
		p.heldLogs = append(p.heldLogs, func() {
			e.opts.Logger.Warn().Str("event", "sync.edxml_status_other").Int64("document", doc.ID).
				Str("code", string(st.Code)).Str("response_for", st.ResponseFor.Code).Str("response_for_id", st.ResponseFor.DocumentID).
				Msg("the edXML of this document is a status message about another document; stored as that document's status")
		})
		return false
	}
	withdrawn := st.Code == edxml.StatusRecallRequest || st.Code == edxml.StatusRecallAgreed
	p.heldLogs = append(p.heldLogs, func() {
		e.opts.Logger.Info().Str("event", "sync.edxml_status").Int64("document", doc.ID).Str("code", string(st.Code)).
			Str("from", st.From.OrganID).Str("description", st.Description).Bool("withdrawn", withdrawn).
			Msg("edXML status message about the document")
	})
	if withdrawn {
		p.doc.State = connectors.StateWithdrawn
	}
	return withdrawn
}

// recordStatus stores, inside the page's transaction, the status message p's
// edXML endpoint served, as the exchange status of the document it answers: p's
// own document (docID) or, when its ResponseFor names another, that one if the
// store has it (one document with that số/ký hiệu, or one of that issuer). A message
// about a document the store does not know is kept without its Description (that
// document may turn out secret) and given to the document when it is recorded
// (AttachExchangeStatuses), with a warning naming the ResponseFor.
func (e *Engine) recordStatus(ctx context.Context, tx pgx.Tx, docID int64, p prepared) error {
	st := p.status
	row := statusRow(st, p.doc, e.opts.Now())
	if answers(st.ResponseFor, p.doc) {
		added, err := e.st.RecordExchangeStatus(ctx, tx, docID, row)
		if err == nil && !added {
			e.opts.Logger.Debug().Str("event", "sync.edxml_status_duplicate").Int64("document", p.doc.ID).Str("code", string(st.Code)).
				Msg("status message already stored")
		}
		return err
	}
	target, why, err := e.answeredDocument(ctx, tx, row)
	if err != nil {
		return err
	}
	if target == 0 {
		e.opts.Logger.Warn().Str("event", "sync.edxml_status_pending").Int64("document", p.doc.ID).Str("code", string(st.Code)).
			Str("response_for", st.ResponseFor.Code).Str("response_for_id", st.ResponseFor.DocumentID).
			Str("response_for_organ", st.ResponseFor.OrganID).Str("why", why).
			Msg("status message about a document not in the store: kept without its description, given to that document when it is recorded")
	}
	_, err = e.st.RecordExchangeStatus(ctx, tx, target, row)
	return err
}

// answeredDocument is the stored document a status message about another document
// answers: the only one whose số/ký hiệu is row.AnswersRef, or among several the
// only one issued by the ResponseFor's organisation. 0 (and why) when there is none.
func (e *Engine) answeredDocument(ctx context.Context, tx pgx.Tx, row store.ExchangeStatusRow) (int64, string, error) {
	if row.AnswersRef == "" {
		return 0, "its ResponseFor names no số/ký hiệu", nil
	}
	number, _, _ := strings.Cut(row.AnswersRef, "/")
	cands, err := e.st.DocumentsNumbered(ctx, tx, number)
	if err != nil {
		return 0, "", err
	}
	var same, ofIssuer []int64
	for _, c := range cands {
		ref := c.Number
		if c.Notation != "" {
			ref += "/" + c.Notation
		}
		if refKey(ref) != row.AnswersRef {
			continue
		}
		same = append(same, c.ID)
		if row.ResponseOrganID != "" && c.IssuerCode == row.ResponseOrganID {
			ofIssuer = append(ofIssuer, c.ID)
		}
	}
	switch {
	case len(same) == 1:
		return same[0], "", nil
	case len(ofIssuer) == 1:
		return ofIssuer[0], "", nil
	case len(same) == 0:
		return 0, "no stored document has this số/ký hiệu", nil
	}
	return 0, strconv.Itoa(len(same)) + " stored documents have this số/ký hiệu", nil
}

// statusRow is the store's row of a status message served at doc's edXML
// endpoint, received at now.
func statusRow(st *edxml.Status, doc connectors.Document, now time.Time) store.ExchangeStatusRow {
	r := st.ResponseFor
	row := store.ExchangeStatusRow{
		AnswersRef: answersRef(r), ResponseOrganID: r.OrganID, ResponseCode: r.Code, ResponseDocumentID: r.DocumentID,
		Code: string(st.Code), Description: st.Description, FromOrganID: st.From.OrganID, FromOrganName: st.From.OrganName,
		StaffDepartment: st.Staff.Department, StaffName: st.Staff.Staff, MessageAt: st.Timestamp, ReceivedAt: now,
	}
	// The message is the same whichever document's endpoint served it: its
	// ResponseFor (or, naming nothing, the document that served it), code,
	// Timestamp and sender.
	about := strings.Join([]string{r.OrganID, refKey(r.Code), refKey(r.DocumentID)}, "|")
	if r.Code == "" && r.DocumentID == "" {
		row.AnswersRef = refKey(doc.Reference)
		about = "portal:" + strconv.FormatInt(doc.ID, 10)
	}
	at := ""
	if !st.Timestamp.IsZero() {
		at = st.Timestamp.UTC().Format(time.RFC3339)
	} else {
		row.MessageAt = now // no Timestamp: ordered by when it arrived
	}
	row.Key = strings.Join([]string{about, string(st.Code), at, st.From.OrganID, refKey(st.Staff.Staff)}, "|")
	return row
}

// answersRef is the số/ký hiệu a ResponseFor names, as refKey writes it: its Code,
// else the last part of its DocumentId (the official "organ,date,number/notation").
func answersRef(r edxml.ResponseFor) string {
	if r.Code != "" {
		return refKey(r.Code)
	}
	if i := strings.LastIndexByte(r.DocumentID, ','); i >= 0 {
		return refKey(r.DocumentID[i+1:])
	}
	return ""
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
