package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// ExchangeStatusRow is one edXML status message about a document (QCVN 102 codes
// 01–06, 13, 15, 16), as the national exchange relayed it.
type ExchangeStatusRow struct {
	// Key identifies the message: the same message delivered again has the same
	// key and is kept once (the caller builds it from ResponseFor, code, Timestamp
	// and sender).
	Key string
	// AnswersRef is the số/ký hiệu the message's ResponseFor names, normalised by
	// the caller: how a message kept for an unknown document finds it later.
	AnswersRef                                        string
	ResponseOrganID, ResponseCode, ResponseDocumentID string
	Code                                              string
	Description                                       string
	FromOrganID, FromOrganName                        string
	StaffDepartment, StaffName                        string
	MessageAt                                         time.Time // the message's own Timestamp
	ReceivedAt                                        time.Time
}

// ExchangeStatus is a document's current exchange status: its message with the
// latest Timestamp.
type ExchangeStatus struct {
	Code            string
	Description     string
	FromOrganID     string
	FromOrganName   string
	StaffDepartment string
	StaffName       string
	MessageAt       time.Time
	ReceivedAt      time.Time
}

// RecordExchangeStatus stores a status message about the document documentID, or,
// with documentID 0, one about a document the store does not know yet: it is kept
// (AttachExchangeStatuses gives it to the document when it is recorded) without its
// Description and staff, since that document may turn out secret. A message
// already stored (same Key) is not stored again; one kept for an unknown document
// gets documentID and its Description when it comes again for a known one. It
// reports whether the message was new.
func (s *Store) RecordExchangeStatus(ctx context.Context, q Querier, documentID int64, r ExchangeStatusRow) (bool, error) {
	var doc *int64
	if documentID != 0 {
		doc = &documentID
	} else {
		r.Description, r.StaffDepartment, r.StaffName = "", "", ""
	}
	var inserted bool
	err := q.QueryRow(ctx, `
		INSERT INTO exchange_statuses AS x (message_key, document_id, answers_ref, response_organ_id, response_code,
			response_document_id, status_code, description, from_organ_id, from_organ_name, staff_department, staff_name,
			message_at, received_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
		ON CONFLICT (message_key) DO UPDATE SET document_id = EXCLUDED.document_id,
			description = EXCLUDED.description, staff_department = EXCLUDED.staff_department, staff_name = EXCLUDED.staff_name
		WHERE x.secret_portal_id = '' AND EXCLUDED.document_id IS NOT NULL
		  AND (x.document_id IS NULL OR (x.document_id = EXCLUDED.document_id AND x.description = '' AND EXCLUDED.description <> ''))
		RETURNING xmax = 0`,
		r.Key, doc, r.AnswersRef, r.ResponseOrganID, r.ResponseCode, r.ResponseDocumentID, r.Code, r.Description,
		r.FromOrganID, r.FromOrganName, r.StaffDepartment, r.StaffName, r.MessageAt, r.ReceivedAt).Scan(&inserted)
	if errors.Is(err, pgx.ErrNoRows) {
		return false, nil // delivered before
	}
	if err != nil {
		return false, fmt.Errorf("storing status message %s about %q: %w", r.Code, r.AnswersRef, err)
	}
	return inserted, nil
}

// RecordSecretExchangeStatus keeps of a status message about a secret document
// (Mật, Tối mật, Tuyệt mật) only its code, sender organisation and times, keyed
// by the document's portal id: never its Description, staff or ResponseFor.
func (s *Store) RecordSecretExchangeStatus(ctx context.Context, q Querier, portalID, code, fromOrganID string, at, receivedAt time.Time) error {
	_, err := q.Exec(ctx, `INSERT INTO exchange_statuses (message_key, secret_portal_id, status_code, from_organ_id, message_at, received_at)
		VALUES (`+secretKeySQL("$1", "$2", "$3", "$4")+`, $1, $2, $3, $4, $5)
		ON CONFLICT (message_key) DO NOTHING`, portalID, code, fromOrganID, at, receivedAt)
	if err != nil {
		return fmt.Errorf("storing status message %s about secret document %s: %w", code, portalID, err)
	}
	return nil
}

// secretKeySQL is the message key of a secret document's status message: its
// portal id, code, Timestamp and sender, nothing of the document.
func secretKeySQL(portalID, code, from, at string) string {
	return `'secret:' || ` + portalID + ` || '|' || ` + code + ` || '|' || to_char(` + at +
		`::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') || '|' || ` + from
}

// secretStatuses reduces the status messages selected by cond (over
// exchange_statuses, with $1 the secret document's portal id) to what
// RecordSecretExchangeStatus keeps.
func secretStatuses(ctx context.Context, q Querier, cond string, args ...any) (int64, error) {
	if _, err := q.Exec(ctx, `INSERT INTO exchange_statuses (message_key, secret_portal_id, status_code, from_organ_id, message_at, received_at)
		SELECT `+secretKeySQL("$1::text", "status_code", "from_organ_id", "message_at")+`, $1, status_code, from_organ_id, message_at, received_at
		FROM exchange_statuses WHERE `+cond+`
		ON CONFLICT (message_key) DO NOTHING`, args...); err != nil {
		return 0, err
	}
	// $1 typed here too: the statement must use every argument it is given.
	tag, err := q.Exec(ctx, `DELETE FROM exchange_statuses WHERE $1::text IS NOT NULL AND `+cond, args...)
	if err != nil {
		return 0, err
	}
	return tag.RowsAffected(), nil
}

// SecretPendingStatuses reduces the status messages kept for an unknown document
// whose số/ký hiệu is ref (normalised as AnswersRef), now known to be the secret
// document portalID, to their code (RecordSecretExchangeStatus). It returns how
// many were reduced.
func (s *Store) SecretPendingStatuses(ctx context.Context, q Querier, portalID, ref string) (int64, error) {
	if ref == "" {
		return 0, nil
	}
	n, err := secretStatuses(ctx, q, `document_id IS NULL AND secret_portal_id = '' AND answers_ref = $2`, portalID, ref)
	if err != nil {
		return 0, fmt.Errorf("status messages of secret document %s: %w", portalID, err)
	}
	return n, nil
}

// AttachExchangeStatuses gives the document documentID the status messages kept
// for it while it was unknown: those naming its số/ký hiệu ref (normalised as
// AnswersRef) and, when they name one, its issuer. It returns how many.
func (s *Store) AttachExchangeStatuses(ctx context.Context, q Querier, documentID int64, ref, issuerCode string) (int64, error) {
	if ref == "" {
		return 0, nil
	}
	tag, err := q.Exec(ctx, `UPDATE exchange_statuses SET document_id = $1
		WHERE document_id IS NULL AND secret_portal_id = '' AND answers_ref = $2
		  AND (response_organ_id = '' OR $3 = '' OR response_organ_id = $3)`, documentID, ref, issuerCode)
	if err != nil {
		return 0, fmt.Errorf("attaching status messages to document %d: %w", documentID, err)
	}
	return tag.RowsAffected(), nil
}

// DocumentCandidate is a stored document a status message may answer.
type DocumentCandidate struct {
	ID         int64
	PortalID   string
	Number     string
	Notation   string
	IssuerCode string
}

// DocumentsNumbered lists the stored documents whose number (số, before the "/")
// is number: the candidates a status message naming a số/ký hiệu may answer.
func (s *Store) DocumentsNumbered(ctx context.Context, q Querier, number string) ([]DocumentCandidate, error) {
	rows, err := q.Query(ctx, `SELECT id, portal_id, number, notation, issuer_code FROM documents WHERE number = $1 ORDER BY id`, number)
	if err != nil {
		return nil, fmt.Errorf("documents numbered %q: %w", number, err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (DocumentCandidate, error) {
		var c DocumentCandidate
		err := r.Scan(&c.ID, &c.PortalID, &c.Number, &c.Notation, &c.IssuerCode)
		return c, err
	})
	if err != nil {
		return nil, fmt.Errorf("documents numbered %q: %w", number, err)
	}
	return out, nil
}

// CurrentExchangeStatus is the current exchange status of the document stored
// under portalID (its message with the latest Timestamp; received later first on a
// tie), nil when it has none.
func (s *Store) CurrentExchangeStatus(ctx context.Context, q Querier, portalID string) (*ExchangeStatus, error) {
	var x ExchangeStatus
	err := q.QueryRow(ctx, `SELECT `+exchangeColumns+` FROM exchange_statuses x JOIN documents d ON d.id = x.document_id
		WHERE d.portal_id = $1 ORDER BY x.message_at DESC, x.id DESC LIMIT 1`, portalID).
		Scan(&x.Code, &x.Description, &x.FromOrganID, &x.FromOrganName, &x.StaffDepartment, &x.StaffName, &x.MessageAt, &x.ReceivedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("exchange status of document %s: %w", portalID, err)
	}
	return &x, nil
}

const exchangeColumns = `x.status_code, x.description, x.from_organ_id, x.from_organ_name, x.staff_department, x.staff_name, x.message_at, x.received_at`
