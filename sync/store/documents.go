package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// DocumentRow is a document as the store keeps it. Secret documents never become a
// DocumentRow (see RecordSkippedSecret).
type DocumentRow struct {
	PortalID        string
	Stream          string // DI or DEN
	Version         int64
	ContentHash     []byte // SHA-256 of the portal's detail payload
	DocType         string
	Number          string
	Notation        string
	Summary         string
	IssuerCode      string
	IssuerName      string
	DocDate         *time.Time
	IssuedAt        *time.Time
	PortalUpdatedAt *time.Time
	Signer          string
	DirectingLeader string
	Drafter         string
	SubmittingUnit  string
	Tracker         string
	Urgency         string
	State           string // issued, withdrawn, replaced
	ReplacedBy      string
	Body            string
	HasEdxml        bool
	Links           []DocLink
	// ReadAt is when the detail was read (the adapter's clock); nil: unknown.
	ReadAt *time.Time
}

// DocLink is a related document (vanBanLienQuan, ResponseFor).
type DocLink struct {
	PortalID string
	Notation string
}

// Upsert outcomes.
type UpsertResult int

const (
	Unchanged UpsertResult = iota // same version and content, or an older version
	New
	Changed
)

func (r UpsertResult) String() string {
	return [...]string{"unchanged", "new", "changed"}[r]
}

// UpsertDocument stores d keyed by its portal id. A re-fetch of the same version and
// content hash, or of an older version, changes nothing (architecture invariant 2).
func (s *Store) UpsertDocument(ctx context.Context, tx pgx.Tx, d DocumentRow) (int64, UpsertResult, error) {
	if d.State == "" {
		d.State = "issued"
	}
	var id int64
	var inserted bool
	err := tx.QueryRow(ctx, `
		INSERT INTO documents AS d (portal_id, stream, version, content_hash, doc_type, number, notation, summary,
			issuer_code, issuer_name, doc_date, issued_at, portal_updated_at, signer, directing_leader, drafter,
			submitting_unit, tracker, urgency, state, replaced_by, body, has_edxml, recorded_at, read_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $13, $24)
		ON CONFLICT (portal_id) DO UPDATE SET
			version = EXCLUDED.version, content_hash = EXCLUDED.content_hash, doc_type = EXCLUDED.doc_type,
			number = EXCLUDED.number, notation = EXCLUDED.notation, summary = EXCLUDED.summary,
			issuer_code = EXCLUDED.issuer_code, issuer_name = EXCLUDED.issuer_name, doc_date = EXCLUDED.doc_date,
			issued_at = EXCLUDED.issued_at, portal_updated_at = EXCLUDED.portal_updated_at, signer = EXCLUDED.signer,
			directing_leader = EXCLUDED.directing_leader, drafter = EXCLUDED.drafter,
			submitting_unit = EXCLUDED.submitting_unit, tracker = EXCLUDED.tracker, urgency = EXCLUDED.urgency,
			state = EXCLUDED.state, replaced_by = EXCLUDED.replaced_by, body = EXCLUDED.body,
			has_edxml = EXCLUDED.has_edxml, changed_at = now(), read_at = EXCLUDED.read_at
		WHERE d.version < EXCLUDED.version
		   OR (d.version = EXCLUDED.version AND d.content_hash <> EXCLUDED.content_hash)
		RETURNING id, xmax = 0`,
		d.PortalID, d.Stream, d.Version, d.ContentHash, d.DocType, d.Number, d.Notation, d.Summary,
		d.IssuerCode, d.IssuerName, d.DocDate, d.IssuedAt, d.PortalUpdatedAt, d.Signer, d.DirectingLeader, d.Drafter,
		d.SubmittingUnit, d.Tracker, d.Urgency, d.State, d.ReplacedBy, d.Body, d.HasEdxml, d.ReadAt).Scan(&id, &inserted)
	if errors.Is(err, pgx.ErrNoRows) {
		// Unchanged: only remember that it was read again.
		if err := tx.QueryRow(ctx, `UPDATE documents SET read_at = greatest(read_at, $2) WHERE portal_id = $1 RETURNING id`,
			d.PortalID, d.ReadAt).Scan(&id); err != nil {
			return 0, Unchanged, fmt.Errorf("document %s: %w", d.PortalID, err)
		}
		return id, Unchanged, nil
	}
	if err != nil {
		return 0, Unchanged, fmt.Errorf("storing document %s: %w", d.PortalID, err)
	}
	if _, err := tx.Exec(ctx, `DELETE FROM document_links WHERE document_id = $1`, id); err != nil {
		return 0, Unchanged, fmt.Errorf("document %s links: %w", d.PortalID, err)
	}
	for _, l := range d.Links {
		if _, err := tx.Exec(ctx, `INSERT INTO document_links (document_id, related_portal_id, related_notation)
			VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, id, l.PortalID, l.Notation); err != nil {
			return 0, Unchanged, fmt.Errorf("document %s links: %w", d.PortalID, err)
		}
	}
	if inserted {
		return id, New, nil
	}
	return id, Changed, nil
}

// AttachmentRow is an attachment's metadata; the bytes are not stored.
type AttachmentRow struct {
	PortalFileID  string
	Name          string
	DeclaredMIME  string
	SniffedType   string
	Size          int64
	SHA256        []byte
	RefusedReason string
}

// PutAttachment records (or updates) an attachment's metadata and returns its id.
func (s *Store) PutAttachment(ctx context.Context, tx pgx.Tx, documentID int64, a AttachmentRow) (int64, error) {
	var id int64
	err := tx.QueryRow(ctx, `INSERT INTO attachments (document_id, portal_file_id, name, declared_mime, sniffed_type,
			size_bytes, sha256, refused_reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
		ON CONFLICT (document_id, portal_file_id) DO UPDATE SET name = EXCLUDED.name, declared_mime = EXCLUDED.declared_mime,
			sniffed_type = EXCLUDED.sniffed_type, size_bytes = EXCLUDED.size_bytes, sha256 = EXCLUDED.sha256,
			refused_reason = EXCLUDED.refused_reason
		RETURNING id`, documentID, a.PortalFileID, a.Name, a.DeclaredMIME, a.SniffedType, a.Size, a.SHA256, a.RefusedReason).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("attachment %s: %w", a.PortalFileID, err)
	}
	return id, nil
}

// VerdictRow is one signature's verdict.
type VerdictRow struct {
	AttachmentID        *int64
	Source              string // pdf or edxml
	Position            int
	Indication          string
	SubIndication       string
	SignedBy            string
	SigningTime         *time.Time
	BestSignatureTime   *time.Time
	CoversWholeDocument *bool
	Details             any // JSON: errors, warnings
}

// ReplaceVerdicts replaces a document's verdicts from one source with a fresh set.
func (s *Store) ReplaceVerdicts(ctx context.Context, tx pgx.Tx, documentID int64, source string, vs []VerdictRow) error {
	if _, err := tx.Exec(ctx, `DELETE FROM signature_verdicts WHERE document_id = $1 AND source = $2`, documentID, source); err != nil {
		return fmt.Errorf("verdicts: %w", err)
	}
	for _, v := range vs {
		details := v.Details
		if details == nil {
			details = map[string]any{}
		}
		if _, err := tx.Exec(ctx, `INSERT INTO signature_verdicts (document_id, attachment_id, source, position, indication,
				sub_indication, signed_by, signing_time, best_signature_time, covers_whole_document, details)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`, documentID, v.AttachmentID, source, v.Position,
			v.Indication, v.SubIndication, v.SignedBy, v.SigningTime, v.BestSignatureTime, v.CoversWholeDocument, details); err != nil {
			return fmt.Errorf("verdicts: %w", err)
		}
	}
	return nil
}

// DocumentVerdicts returns a stored document's signature verdicts (source,
// indication and signer), in order.
func (s *Store) DocumentVerdicts(ctx context.Context, q Querier, documentID int64) ([]VerdictRow, error) {
	rows, err := q.Query(ctx, `SELECT source, position, indication, sub_indication, signed_by FROM signature_verdicts
		WHERE document_id = $1 ORDER BY source, position, id`, documentID)
	if err != nil {
		return nil, fmt.Errorf("verdicts: %w", err)
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (VerdictRow, error) {
		var v VerdictRow
		err := r.Scan(&v.Source, &v.Position, &v.Indication, &v.SubIndication, &v.SignedBy)
		return v, err
	})
}

// KnownDocument is what the store holds of a document's identity.
type KnownDocument struct {
	Version   int64
	UpdatedAt *time.Time // the portal's ngayCapNhat of the stored version
	ReadAt    *time.Time // when the adapter last read its detail
}

// KnownDocuments returns the stored version of each of these portal ids that the
// store has, so a re-listed, unchanged document is not fetched again.
func (s *Store) KnownDocuments(ctx context.Context, portalIDs []string) (map[string]KnownDocument, error) {
	rows, err := s.pool.Query(ctx, `SELECT portal_id, version, portal_updated_at, read_at FROM documents WHERE portal_id = ANY($1)`, portalIDs)
	if err != nil {
		return nil, fmt.Errorf("known documents: %w", err)
	}
	defer rows.Close()
	out := make(map[string]KnownDocument, len(portalIDs))
	for rows.Next() {
		var id string
		var k KnownDocument
		if err := rows.Scan(&id, &k.Version, &k.UpdatedAt, &k.ReadAt); err != nil {
			return nil, fmt.Errorf("known documents: %w", err)
		}
		out[id] = k
	}
	return out, rows.Err()
}
