package engine

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"cddh-sync/connectors"
	"cddh-sync/connectors/edxml"
	"cddh-sync/connectors/officetext"
	"cddh-sync/rules/status"
	"cddh-sync/sync/outbox"
	"cddh-sync/sync/store"
	"cddh-sync/sync/tracking"
)

const cursorLayout = time.RFC3339

// prepared is a document read and decided on outside any transaction.
type prepared struct {
	doc         connectors.Document
	secret      bool
	refused     string // why the document (or a file of it) was refused, "" when fine
	attachments []store.AttachmentRow
	verdicts    []store.VerdictRow
	tasks       []store.TaskRow
	report      *ReportMatch
	held        string // the signature verdict that holds the directive's tasks back, "" when tracked
	skip        bool   // already stored at this version
	readAt      time.Time
	failed      error  // the portal failed on this item after its retries: retried next cycle
	text        string // the text the tasks were extracted from
	// status is the edXML status message served at the document's edXML
	// endpoint instead of its package (edxmlStatus), nil when none.
	status *edxml.Status
	// secretRef is a secret document's số/ký hiệu as refKey writes it, held in
	// memory only: the status messages kept for it while it was unknown are
	// reduced to their code (store.SecretPendingStatuses).
	secretRef string
	// heldLogs are warnings about the document's files or text (names, tool
	// errors quoting it), held until its secrecy is known: apply writes them
	// only for a document that turned out not to be secret.
	heldLogs []func()
}

// refusal tells a document's own fault (not found, refused, hostile: recorded and
// never asked again at this version) from the portal's (down, or refusing our
// credentials even after a fresh login: the page is retried next cycle, so an
// expired session can never make a document look permanently unreadable).
func refusal(err error) bool {
	return errors.Is(err, connectors.ErrPermanent) && !errors.Is(err, connectors.ErrUnauthorized)
}

// readMargin is how long after a document's ngayCapNhat the adapter must have
// read it for the copy to be known current: ngayCapNhat has second precision and
// the portal's clock is not ours, so a change in the same second, or a skewed
// clock, is covered by reading again.
const readMargin = 2 * time.Minute

// unchanged reports whether the store already holds item as listed: at its
// version when the list gives one, else read well after its ngayCapNhat.
func unchanged(k store.KnownDocument, item connectors.DocumentSummary) bool {
	if item.Version > 0 {
		return k.Version >= item.Version
	}
	if k.UpdatedAt == nil || k.ReadAt == nil || item.UpdatedAt.IsZero() {
		return false
	}
	return !k.UpdatedAt.Before(item.UpdatedAt) && k.ReadAt.After(item.UpdatedAt.Add(readMargin))
}

// prepareAll prepares the page's items at the given indexes, Options.Prefetch at a
// time (the connector's own concurrency and rate limits still apply), keeping the
// page's order. An item the portal fails on after its retries (refused
// credentials included: a portal that refuses the account fails the search too)
// is marked failed and the others go on; an ended ctx stops the page. A panic on a
// hostile document refuses that document instead of killing the daemon.
func (e *Engine) prepareAll(ctx context.Context, stream connectors.Stream, page []connectors.DocumentSummary, todo []int, preps []prepared) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	errs := make([]error, len(page))
	sem := make(chan struct{}, e.opts.Prefetch)
	var wg sync.WaitGroup
	for _, i := range todo {
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			break
		}
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			defer func() { <-sem }()
			defer func() {
				if r := recover(); r != nil {
					item := page[i]
					e.opts.Logger.Error().Str("event", "sync.document_panic").Int64("id", item.ID).Str("panic", fmt.Sprint(r)).
						Msg("processing a document panicked; it is refused")
					preps[i] = prepared{doc: connectors.Document{ID: item.ID, Version: item.Version, UpdatedAt: item.UpdatedAt},
						refused: "internal error"}
				}
			}()
			p, err := e.prepare(ctx, stream, page[i])
			if err != nil {
				if ctx.Err() != nil {
					errs[i] = err
					return
				}
				item := page[i]
				preps[i] = prepared{doc: connectors.Document{ID: item.ID, Version: item.Version, UpdatedAt: item.UpdatedAt}, failed: err}
				return
			}
			preps[i] = p
		}(i)
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return ctx.Err()
}

// FlagSignature marks a task of a directive whose signatures did not pass.
const FlagSignature = "signature_not_passed"

// signatureVerdict is a directive's verdict: the worst of its signatures, or
// NO_SIGNATURE_FOUND when nothing is signed (cli.md verify), and whether it passed.
func signatureVerdict(vs []store.VerdictRow) (string, bool) {
	rank := map[string]int{"TOTAL_FAILED": 0, "INDETERMINATE": 1, "TOTAL_PASSED": 2}
	worst, best := "NO_SIGNATURE_FOUND", 3
	for _, v := range vs {
		if r, ok := rank[v.Indication]; ok && r < best {
			worst, best = v.Indication, r
		}
	}
	return worst, worst == "TOTAL_PASSED"
}

// syncDocuments reads one stream from its cursor, one page per transaction.
func (e *Engine) syncDocuments(ctx context.Context, lease store.Lease, stream connectors.Stream, c *store.RunCounts) error {
	pos, err := e.st.Cursor(ctx, e.st.Pool(), string(stream))
	if err != nil {
		return err
	}
	since := e.opts.BackfillFrom
	if pos != "" {
		t, err := time.Parse(cursorLayout, pos)
		if err != nil {
			return fmt.Errorf("cursor %s: %q is not a time: %w", stream, pos, err)
		}
		// The connector re-reads an overlap window behind since; re-read documents
		// are no-ops (same id and version).
		since = t
	}
	// pin holds the cursor at the earliest item that failed in this run, so the
	// next cycle lists it again; the items after it are committed meanwhile and
	// are then skipped as unchanged.
	var pin time.Time
	err = e.portal.SearchAll(ctx, stream, since, func(page []connectors.DocumentSummary) error {
		return e.processPage(ctx, lease, stream, page, c, &pin)
	})
	if err != nil || stream != connectors.StreamIncoming {
		return err
	}
	return e.rematchReports(ctx, lease, c)
}

func (e *Engine) processPage(ctx context.Context, lease store.Lease, stream connectors.Stream, page []connectors.DocumentSummary, c *store.RunCounts, pin *time.Time) error {
	c.Fetched += len(page)
	var maxUpdated time.Time
	ids := make([]string, 0, len(page))
	for _, item := range page {
		if item.UpdatedAt.After(maxUpdated) {
			maxUpdated = item.UpdatedAt
		}
		ids = append(ids, strconv.FormatInt(item.ID, 10))
	}
	known, err := e.st.KnownDocuments(ctx, ids)
	if err != nil {
		return err
	}
	preps := make([]prepared, len(page))
	var todo []int
	for i, item := range page {
		switch {
		case item.Secret():
			// Decided from the list item: not even the detail is read.
			preps[i] = prepared{doc: connectors.Document{ID: item.ID}, secret: true, secretRef: refKey(item.Reference)}
		case unchanged(known[ids[i]], item):
			// Re-listed (the pager's overlap window, a page served twice) and
			// already stored at this version: nothing to fetch or apply.
			preps[i] = prepared{skip: true}
			if m := e.opts.Metrics; m != nil {
				m.Documents.WithLabelValues(string(stream), store.Unchanged.String()).Inc()
			}
		default:
			todo = append(todo, i)
		}
	}
	if err := e.prepareAll(ctx, stream, page, todo, preps); err != nil {
		return err // credentials refused or stopping: the page is retried next cycle
	}
	for i, p := range preps {
		if p.failed == nil {
			continue
		}
		e.itemFailed(stream, page[i], p.failed, c, pin)
		preps[i] = prepared{skip: true}
	}
	commit := func(isolate bool) error {
		return e.st.InTx(ctx, func(tx pgx.Tx) error {
			if err := e.st.CheckLease(ctx, tx, lease, e.opts.LeaseTTL); err != nil {
				return err
			}
			for i, p := range preps {
				if p.skip {
					continue
				}
				if !isolate {
					if err := e.apply(ctx, tx, stream, p, c); err != nil {
						return err
					}
					continue
				}
				// One savepoint per item: an item the database refuses is
				// rolled back alone, recorded and retried next cycle.
				sp, err := tx.Begin(ctx)
				if err != nil {
					return err
				}
				if err := e.apply(ctx, sp, stream, p, c); err != nil {
					_ = sp.Rollback(ctx)
					if !itemFault(err) {
						return err
					}
					e.itemFailed(stream, page[i], err, c, pin)
					continue
				}
				if err := sp.Commit(ctx); err != nil {
					return err
				}
			}
			pos := maxUpdated
			if !pin.IsZero() && pin.Before(pos.Add(time.Second)) {
				pos = pin.Add(-time.Second)
			}
			if pos.IsZero() {
				return nil
			}
			return e.st.SetCursor(ctx, tx, string(stream), pos.Format(cursorLayout), lease.Term)
		})
	}
	before := *c
	err = commit(false)
	if err != nil && itemFault(err) {
		// One item's data broke the page's transaction: apply the page again, each
		// item on its own savepoint, so the others are not held back by it.
		*c = before
		err = commit(true)
	}
	if err != nil {
		return err
	}
	c.Pages++
	for _, p := range preps {
		if !p.secret {
			for _, log := range p.heldLogs {
				log()
			}
		}
	}
	if m := e.opts.Metrics; m != nil && !maxUpdated.IsZero() {
		m.StreamLag.WithLabelValues(string(stream)).Set(e.opts.Now().Sub(maxUpdated).Seconds())
	}
	e.opts.Logger.Debug().Str("event", "sync.page.committed").Str("stream", string(stream)).Int("items", len(page)).Msg("page committed")
	return nil
}

// itemFailed records an item that failed after its retries: counted, logged with
// its portal id only (its secrecy may not be known), and the cursor held at it so
// the next cycle tries it again.
func (e *Engine) itemFailed(stream connectors.Stream, item connectors.DocumentSummary, err error, c *store.RunCounts, pin *time.Time) {
	c.Errors++
	c.LastError = fmt.Sprintf("document %d: %v", item.ID, err)
	at := item.UpdatedAt
	if at.IsZero() {
		at = time.Unix(0, 0)
	}
	if pin.IsZero() || at.Before(*pin) {
		*pin = at
	}
	e.opts.Logger.Warn().Str("event", "sync.item_failed").Str("stream", string(stream)).Int64("id", item.ID).Err(err).
		Msg("one document failed after its retries; the stream goes on and it is tried again next cycle")
}

// itemFault tells an error of one item's data (the database refused a value or a
// constraint) from the database itself failing.
func itemFault(err error) bool {
	var pe *pgconn.PgError
	if !errors.As(err, &pe) {
		return false
	}
	switch pe.Code[:2] {
	case "22", "23", "42", "54", "P0":
		return true
	}
	return false
}

// readFiles downloads a document's attachments through the connector's safety
// checks (size, type, names, executables refused), records each, verifies the
// signatures of its PDFs and, when wantText is set, reads their text: the PDFs'
// text layers, or, when no PDF has one, the text of its Word (.docx) and
// OpenDocument (.odt) files (a directive drafted and sent without a PDF; the
// signed PDF, when there is one, is the document, and its draft would repeat it).
// A refused file is recorded with its reason; only a portal failure is an error.
// Warnings are held in p until the document's secrecy is known.
func (e *Engine) readFiles(ctx context.Context, doc connectors.Document, dir string, p *prepared, wantText bool) ([]string, error) {
	var pdfText []string
	var officePaths []string
	for _, a := range doc.Attachments {
		row := store.AttachmentRow{PortalFileID: a.ID, Name: a.Name, DeclaredMIME: a.MIME, Size: a.Size}
		f, err := e.portal.Download(ctx, a.ID, dir)
		if err != nil {
			if !refusal(err) {
				return nil, err
			}
			row.RefusedReason = err.Error()
			p.refused = "attachment refused"
			cause := err
			p.heldLogs = append(p.heldLogs, func() {
				e.opts.Logger.Warn().Str("event", "sync.attachment_refused").Int64("document", doc.ID).Str("file", a.ID).Err(cause).Msg("attachment refused")
			})
			p.attachments = append(p.attachments, row)
			continue
		}
		row.Name, row.SniffedType, row.Size = f.Name, f.SniffedType, f.Size
		if sum, err := hex.DecodeString(f.SHA256); err == nil {
			row.SHA256 = sum
		}
		p.attachments = append(p.attachments, row)
		if wantText && (f.SniffedType == "docx" || f.SniffedType == "odt") {
			officePaths = append(officePaths, f.Path) // read only if no PDF has text, below
		}
		if f.SniffedType != "pdf" {
			continue
		}
		vs, err := e.rules.Verify(ctx, f.Path, "pdf")
		if err != nil { // a check that did not run is not "no signature"
			cause := err
			p.heldLogs = append(p.heldLogs, func() {
				e.opts.Logger.Warn().Str("event", "signature.error").Int64("document", doc.ID).Err(cause).Msg("signature check failed to run")
			})
			vs = tracking.Unverified("pdf", "signature check failed to run: "+err.Error())
		}
		for i := range vs {
			vs[i].Position = len(p.verdicts) + i // attachment order, then signature order
		}
		p.verdicts = append(p.verdicts, vs...)
		if wantText {
			t, err := e.rules.PDFText(ctx, f.Path)
			if err != nil {
				cause := err
				p.heldLogs = append(p.heldLogs, func() {
					e.opts.Logger.Warn().Str("event", "sync.pdf_text_failed").Int64("document", doc.ID).Err(cause).Msg("no text layer read from the PDF")
				})
			}
			pdfText = append(pdfText, t)
		}
	}
	if len(officePaths) == 0 || strings.TrimSpace(strings.Join(pdfText, "")) != "" {
		return pdfText, nil
	}
	officeText := make([]string, 0, len(officePaths))
	for _, path := range officePaths {
		t, err := officeFileText(path)
		if err != nil {
			cause := err
			p.heldLogs = append(p.heldLogs, func() {
				e.opts.Logger.Warn().Str("event", "sync.office_text_failed").Int64("document", doc.ID).Err(cause).Msg("no text read from the Word or OpenDocument file")
			})
		}
		officeText = append(officeText, t)
	}
	return officeText, nil
}

// officeFileText is the text of a downloaded .docx or .odt attachment.
func officeFileText(path string) (string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	return officetext.Text(data)
}

// readEdxml fetches the edXML package of a document that has one (a directive or
// a unit's report: one path for both) and verifies its signatures into p.verdicts
// under source "edxml". A status message the portal serves instead is never
// verified as a package: edxmlStatus handles it, and readEdxml reports whether it
// recalled the document. A refused package is skipped; only a portal failure is an
// error. Warnings are held in p until the document's secrecy is known.
func (e *Engine) readEdxml(ctx context.Context, dir string, p *prepared) (withdrawn bool, err error) {
	doc := p.doc
	if !doc.HasEdxml {
		return false, nil
	}
	raw, err := e.portal.Edxml(ctx, doc.ID)
	switch {
	case err != nil:
		if !refusal(err) {
			return false, err
		}
	case edxml.IsStatus(raw):
		// A status message, not the document's package: never verified as one.
		st, err := edxml.ParseStatus(raw, edxml.Limits{})
		if err != nil {
			cause := err
			p.heldLogs = append(p.heldLogs, func() {
				e.opts.Logger.Warn().Str("event", "sync.edxml_status_unreadable").Int64("document", doc.ID).Err(cause).Msg("edXML status message not understood")
			})
			return false, nil
		}
		return e.edxmlStatus(p, st), nil
	default:
		path := dir + "/package.edxml"
		var vs []store.VerdictRow
		err := os.WriteFile(path, raw, 0o600)
		if err == nil {
			vs, err = e.rules.Verify(ctx, path, "edxml")
		}
		if err != nil {
			cause := err
			p.heldLogs = append(p.heldLogs, func() {
				e.opts.Logger.Warn().Str("event", "signature.error").Int64("document", doc.ID).Err(cause).Msg("edXML signature check failed to run")
			})
			vs = tracking.Unverified("edxml", "signature check failed to run: "+err.Error())
		}
		for i := range vs {
			vs[i].Source = "edxml"
			vs[i].Position = i // the package's own source: its signatures in order
		}
		p.verdicts = append(p.verdicts, vs...)
	}
	return false, nil
}

// prepare reads a document's detail and, for a directive, its files, text,
// signatures and tasks. Only a portal failure is an error; a bad document is marked
// refused and still recorded.
func (e *Engine) prepare(ctx context.Context, stream connectors.Stream, item connectors.DocumentSummary) (prepared, error) {
	readAt := e.opts.Now()
	doc, err := e.portal.Detail(ctx, item.ID)
	if err != nil {
		if refusal(err) {
			e.opts.Logger.Warn().Str("event", "sync.document_refused").Int64("id", item.ID).Err(err).Msg("document detail refused")
			return prepared{doc: connectors.Document{ID: item.ID, Version: item.Version, UpdatedAt: item.UpdatedAt}, refused: err.Error(), readAt: readAt}, nil
		}
		return prepared{}, err
	}
	if doc.Secret() {
		return prepared{doc: connectors.Document{ID: doc.ID}, secret: true, secretRef: refKey(doc.Reference)}, nil
	}
	p := prepared{doc: doc, readAt: readAt}
	if stream == connectors.StreamIncoming {
		m, err := e.matchReport(ctx, doc)
		if err != nil {
			return prepared{}, err
		}
		p.report = &m
		// The unit's report is signed just as the directive is (001 Điều 8): its
		// own files are read through the same checks and their signatures
		// verified; the verdict goes with the report to its tasks' history.
		dir, err := e.docDir()
		if err != nil {
			return prepared{}, err
		}
		defer os.RemoveAll(dir)
		if _, err := e.readFiles(ctx, doc, dir, &p, false); err != nil {
			return prepared{}, err
		}
		if len(p.verdicts) == 0 {
			p.verdicts = []store.VerdictRow{{Source: "pdf", Indication: "NO_SIGNATURE_FOUND"}}
		}
		// Its edXML package too, exactly as a directive's (a status message served
		// instead is handled, never verified as a package). A recalled report is
		// recorded withdrawn.
		if _, err := e.readEdxml(ctx, dir, &p); err != nil {
			return prepared{}, err
		}
		return p, nil
	}
	if doc.State != connectors.StateIssued {
		return p, nil // withdrawn or replaced: its tasks are cancelled in apply
	}
	dir, err := e.docDir()
	if err != nil {
		return prepared{}, err
	}
	defer os.RemoveAll(dir)
	text := doc.Body
	fileText, err := e.readFiles(ctx, doc, dir, &p, text == "")
	if err != nil {
		return prepared{}, err
	}
	if text == "" {
		text = strings.Join(fileText, "\n")
	}
	if len(p.verdicts) == 0 {
		p.verdicts = []store.VerdictRow{{Source: "pdf", Indication: "NO_SIGNATURE_FOUND"}}
	}
	withdrawn, err := e.readEdxml(ctx, dir, &p)
	if err != nil {
		return prepared{}, err
	}
	if withdrawn {
		return p, nil // withdrawn by a recall: apply cancels its tasks
	}
	ex, err := e.rules.Extract(doc, text)
	if err != nil {
		cause := err
		p.heldLogs = append(p.heldLogs, func() {
			e.opts.Logger.Warn().Str("event", "extract.failed").Int64("document", doc.ID).Err(cause).Msg("task extraction failed")
		})
		p.refused = "extraction failed"
		return p, nil
	}
	if connectors.IsSecret(ex.Secrecy) {
		// Marked secret only inside the text: forget everything read but the
		// code of a status message about it (apply keeps nothing else of it).
		sp := prepared{doc: connectors.Document{ID: doc.ID}, secret: true, secretRef: refKey(doc.Reference)}
		if p.status != nil && answers(p.status.ResponseFor, doc) {
			sp.status = p.status
		}
		return sp, nil
	}
	for i := range ex.Tasks {
		ex.Tasks[i].Ordinal = i + 1
	}
	aliases, err := e.st.Aliases(ctx, e.st.Pool())
	if err != nil {
		return prepared{}, err
	}
	applyAliases(ex.Tasks, aliases)
	ex.Tasks = e.rules.Expand(ex.Tasks, issuedOf(doc), e.opts.Now())
	seen := map[string]int{}
	for i := range ex.Tasks {
		ex.Tasks[i].Key = taskKey(doc.ID, ex.Tasks[i], seen)
	}
	p.tasks, p.text = ex.Tasks, text
	passed := true
	if verdict, ok := signatureVerdict(p.verdicts); !ok {
		passed = false
		if e.opts.SignaturePolicy == PolicyHold {
			p.held = verdict
		} else {
			for i := range p.tasks {
				p.tasks[i].Flags = append(p.tasks[i].Flags, FlagSignature)
			}
		}
	}
	e.holdTasks(doc, p.tasks, passed)
	return p, nil
}

func docRow(stream connectors.Stream, d connectors.Document) store.DocumentRow {
	opt := func(t time.Time) *time.Time {
		if t.IsZero() {
			return nil
		}
		return &t
	}
	r := store.DocumentRow{
		PortalID: strconv.FormatInt(d.ID, 10), Stream: string(stream), Version: d.Version, ContentHash: hashOf(d),
		DocType: d.Type, Number: d.Number, Notation: d.Notation, Summary: d.Summary, IssuerCode: d.Issuer.Code,
		IssuerName: d.Issuer.Name, DocDate: opt(d.DocDate), IssuedAt: opt(d.IssuedAt), PortalUpdatedAt: opt(d.UpdatedAt),
		Signer: d.Signer, DirectingLeader: d.DirectingLeader, Drafter: d.Drafter, SubmittingUnit: d.SubmittingUnit,
		Tracker: d.Tracker, Urgency: d.Urgency, State: string(d.State), Body: d.Body, HasEdxml: d.HasEdxml,
	}
	if r.State == "" {
		r.State = string(connectors.StateIssued)
	}
	if d.ReplacedBy != 0 {
		r.ReplacedBy = strconv.FormatInt(d.ReplacedBy, 10)
	}
	for _, l := range d.Related {
		r.Links = append(r.Links, store.DocLink{PortalID: strconv.FormatInt(l.ID, 10), Notation: l.Reference})
	}
	return r
}

// apply writes one prepared document inside the page's transaction.
func (e *Engine) apply(ctx context.Context, tx pgx.Tx, stream connectors.Stream, p prepared, c *store.RunCounts) error {
	now := e.opts.Now()
	if p.secret {
		portalID := strconv.FormatInt(p.doc.ID, 10)
		first, err := e.st.RecordSkippedSecret(ctx, tx, portalID, now)
		if err != nil {
			return err
		}
		if first {
			c.SkippedSecret++
			if m := e.opts.Metrics; m != nil {
				m.SecretSkipped.Inc()
			}
			e.opts.Logger.Info().Str("event", "sync.secret_skipped").Int64("id", p.doc.ID).Msg("secret document skipped unread")
		}
		// Status messages about it keep their code only: the one its edXML
		// endpoint served, and those kept while it was unknown.
		if st := p.status; st != nil {
			at := st.Timestamp
			if at.IsZero() {
				at = now
			}
			if err := e.st.RecordSecretExchangeStatus(ctx, tx, portalID, string(st.Code), st.From.OrganID, at, now); err != nil {
				return err
			}
		}
		if _, err := e.st.SecretPendingStatuses(ctx, tx, portalID, p.secretRef); err != nil {
			return err
		}
		// Read as ordinary before and marked secret since: everything of it goes,
		// in this transaction, down to its portal id.
		purged, err := e.st.PurgeDocument(ctx, tx, portalID)
		if err != nil {
			return err
		}
		if purged.Found {
			// The task records the portal may hold are overwritten with tombstones.
			tombs, err := e.queueTombstones(ctx, tx, p.doc.ID, purged.Pushed)
			if err != nil {
				return err
			}
			e.opts.Logger.Warn().Str("event", "sync.secret_purged").Int64("id", p.doc.ID).Int("tasks", purged.Tasks).
				Int("tombstones", tombs).
				Msg("a document read before is now marked secret: everything stored of it was deleted")
			// Tasks that lost this report's event are derived again.
			if _, err := e.deriveAndQueue(ctx, tx, purged.Touched, false); err != nil {
				return err
			}
		}
		return nil
	}
	if p.refused != "" {
		c.Refused++
	}
	row := docRow(stream, p.doc)
	if !p.readAt.IsZero() {
		row.ReadAt = &p.readAt
	}
	docID, res, err := e.st.UpsertDocument(ctx, tx, row)
	if err != nil {
		return err
	}
	if m := e.opts.Metrics; m != nil {
		m.Documents.WithLabelValues(string(stream), res.String()).Inc()
	}
	// Its exchange status: the messages kept for it while it was unknown, and the
	// one its edXML endpoint served.
	if n, err := e.st.AttachExchangeStatuses(ctx, tx, docID, refKey(p.doc.Reference), p.doc.Issuer.Code); err != nil {
		return err
	} else if n > 0 {
		e.opts.Logger.Info().Str("event", "sync.edxml_status_attached").Int64("document", p.doc.ID).Int64("messages", n).
			Msg("status messages that arrived before the document are now its exchange status")
	}
	if p.status != nil {
		if err := e.recordStatus(ctx, tx, docID, p); err != nil {
			return err
		}
	}
	switch res {
	case store.Unchanged:
		return nil
	case store.New:
		c.NewDocs++
	case store.Changed:
		c.ChangedDocs++
	}
	for _, a := range p.attachments {
		if _, err := e.st.PutAttachment(ctx, tx, docID, a); err != nil {
			return err
		}
	}
	if len(p.verdicts) > 0 {
		if err := e.st.ReplaceVerdicts(ctx, tx, docID, "pdf", onlySource(p.verdicts, "pdf")); err != nil {
			return err
		}
		if err := e.st.ReplaceVerdicts(ctx, tx, docID, "edxml", onlySource(p.verdicts, "edxml")); err != nil {
			return err
		}
		if m := e.opts.Metrics; m != nil {
			for _, v := range p.verdicts {
				m.Signatures.WithLabelValues(v.Indication).Inc()
			}
		}
	}
	if stream == connectors.StreamIncoming {
		return e.applyReport(ctx, tx, docID, p, c)
	}
	if p.doc.State != connectors.StateIssued {
		return e.closeDirective(ctx, tx, p.doc, c)
	}
	if p.held != "" {
		return e.holdDirective(ctx, tx, p)
	}
	if err := e.st.SetDocumentText(ctx, tx, docID, p.text); err != nil {
		return err
	}
	pid := strconv.FormatInt(p.doc.ID, 10)
	// A replacement inherits the reviews of the directives it replaces.
	olds, err := e.st.ReplacedBy(ctx, tx, pid)
	if err != nil {
		return err
	}
	for _, old := range olds {
		if _, err := e.st.CopyReviews(ctx, tx, old, pid); err != nil {
			return err
		}
	}
	reviews, err := e.st.ReviewsOf(ctx, tx, pid)
	if err != nil {
		return err
	}
	p.tasks = reconcile(p.tasks, reviews, p.text)
	sr, err := e.st.SyncTasks(ctx, tx, docID, p.tasks, now)
	if err != nil {
		return err
	}
	c.TasksCreated += len(sr.Created)
	c.TasksClosed += len(sr.Cancelled)
	if m := e.opts.Metrics; m != nil {
		m.TasksExtracted.Add(float64(len(sr.Created)))
	}
	assignedAt := p.doc.IssuedAt
	if assignedAt.IsZero() {
		assignedAt = now
	}
	var touched []int64
	rowOf := map[string]store.TaskRow{}
	for _, t := range p.tasks {
		rowOf[t.Key] = t
	}
	for _, t := range sr.Created {
		if _, err := e.st.AppendEvent(ctx, tx, t.ID, store.EventRow{Key: t.Key + ":assigned", Kind: string(tracking.Assigned), At: assignedAt,
			Actor: "cddh-sync", ToState: string(status.Assigned)}); err != nil {
			return err
		}
		if r := rowOf[t.Key]; r.Review == string(tracking.Held) {
			note := "chờ Văn phòng rà soát (" + r.ReviewNote + ")"
			if r.PreviousSentence != "" {
				note = "chờ Văn phòng rà soát lại: câu giao nhiệm vụ đã thay đổi. Trước: «" + r.PreviousSentence + "». Nay: «" + r.SentenceOrContent() + "»"
			}
			if _, err := e.st.AppendEvent(ctx, tx, t.ID, store.EventRow{Key: t.Key + ":held", Kind: string(tracking.OfReview(tracking.Held)), At: now,
				Actor: "cddh-sync", Note: note}); err != nil {
				return err
			}
			e.opts.Logger.Info().Str("event", "review.held").Str("task", t.Key).Str("why", r.ReviewNote).Msg("task held for the Office's review")
		}
		touched = append(touched, t.ID)
	}
	for _, t := range sr.Updated {
		touched = append(touched, t.ID)
	}
	for _, t := range sr.Cancelled {
		if _, err := e.st.AppendEvent(ctx, tx, t.ID, store.EventRow{Key: fmt.Sprintf("%s:dropped:v%d", t.Key, p.doc.Version),
			Kind: string(tracking.Cancelled), At: now, Actor: "cddh-sync", Note: "không còn trong phiên bản mới của văn bản", ToState: string(status.Cancelled)}); err != nil {
			return err
		}
		touched = append(touched, t.ID)
	}
	// A new version or new signature verdict changes every task's record.
	for _, t := range sr.Unchanged {
		touched = append(touched, t.ID)
	}
	if _, err := e.deriveAndQueue(ctx, tx, touched, true); err != nil {
		return err
	}
	if err := e.moveReplaced(ctx, tx, p.doc); err != nil {
		return err
	}
	if len(sr.Created)+len(sr.Updated)+len(sr.Cancelled) > 0 {
		return e.registrationNote(ctx, tx, p, sr)
	}
	return nil
}

func onlySource(vs []store.VerdictRow, src string) []store.VerdictRow {
	var out []store.VerdictRow
	for _, v := range vs {
		if v.Source == src || (v.Source == "" && src == "pdf") {
			v.Source = src
			out = append(out, v)
		}
	}
	return out
}

// closeDirective cancels the tasks of a withdrawn or replaced directive, with history.
func (e *Engine) closeDirective(ctx context.Context, tx pgx.Tx, d connectors.Document, c *store.RunCounts) error {
	tasks, err := e.st.TasksOfDocument(ctx, tx, strconv.FormatInt(d.ID, 10))
	if err != nil {
		return err
	}
	kind, note := tracking.Withdrawn, "văn bản chỉ đạo bị thu hồi"
	if d.State == connectors.StateReplaced {
		kind, note = tracking.Replaced, fmt.Sprintf("văn bản chỉ đạo được thay thế bởi văn bản %d", d.ReplacedBy)
	}
	var ids []int64
	for _, t := range tasks {
		added, err := e.st.AppendEvent(ctx, tx, t.ID, store.EventRow{Key: fmt.Sprintf("%s:%s:v%d", t.Key, kind, d.Version),
			Kind: string(kind), At: d.UpdatedAt, Actor: "cddh-sync", Note: note})
		if err != nil {
			return err
		}
		if added {
			c.TasksClosed++
			ids = append(ids, t.ID)
		}
	}
	if _, err := e.deriveAndQueue(ctx, tx, ids, false); err != nil {
		return err
	}
	if d.State == connectors.StateReplaced && d.ReplacedBy != 0 {
		if err := e.carryReviews(ctx, tx, strconv.FormatInt(d.ID, 10), strconv.FormatInt(d.ReplacedBy, 10)); err != nil {
			return err
		}
		return e.moveReplaced(ctx, tx, connectors.Document{ID: d.ReplacedBy})
	}
	return nil
}

// carryReviews copies a replaced directive's reviews to its replacement, already
// stored, and re-applies them to the replacement's tasks at once.
func (e *Engine) carryReviews(ctx context.Context, tx pgx.Tx, oldPID, newPID string) error {
	n, err := e.st.CopyReviews(ctx, tx, oldPID, newPID)
	if err != nil || n == 0 {
		return err
	}
	var docID int64
	var text string
	err = tx.QueryRow(ctx, `SELECT id, CASE WHEN extracted_text = '' THEN body ELSE extracted_text END FROM documents
		WHERE portal_id = $1 AND stream = 'DI' AND state = 'issued'`, newPID).Scan(&docID, &text)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil // the replacement comes later and picks them up then
	}
	if err != nil {
		return fmt.Errorf("replacement %s: %w", newPID, err)
	}
	rows, err := e.st.TaskRowsOfDocument(ctx, tx, docID)
	if err != nil {
		return err
	}
	reviews, err := e.st.ReviewsOf(ctx, tx, newPID)
	if err != nil {
		return err
	}
	sr, err := e.st.SyncTasks(ctx, tx, docID, reconcile(rows, reviews, text), e.opts.Now())
	if err != nil {
		return err
	}
	var ids []int64
	for _, c := range append(append(append(sr.Created, sr.Updated...), sr.Cancelled...), sr.Unchanged...) {
		ids = append(ids, c.ID)
	}
	_, err = e.deriveAndQueue(ctx, tx, ids, true)
	return err
}

// holdDirective leaves a directive whose signatures did not pass untracked (the
// hold policy) and tells the clerks on the directive, once per version. Tasks it
// had from an earlier, validly signed version keep their history.
func (e *Engine) holdDirective(ctx context.Context, tx pgx.Tx, p prepared) error {
	e.opts.Logger.Warn().Str("event", "signature.directive_held").Int64("document", p.doc.ID).Str("indication", p.held).
		Int("tasks", len(p.tasks)).Msg("directive not validly signed: its tasks are not tracked")
	text := fmt.Sprintf("Hệ thống theo dõi nhiệm vụ chưa ghi nhận %d nhiệm vụ của văn bản %s vì văn bản chưa có chữ ký số hợp lệ (kết quả kiểm tra: %s). "+
		"Nhiệm vụ sẽ được theo dõi khi văn bản được ký số hợp lệ.", len(p.tasks), reference(p.doc), p.held)
	_, err := outbox.EnqueueComment(ctx, e.st, tx, p.doc.ID, fmt.Sprintf("hold-%d-v%d", p.doc.ID, p.doc.Version), text)
	return err
}

// registrationNote queues the note clerks see on the directive: the tasks, units and
// deadlines in Vietnamese (portal-api.md, "What the adapter writes").
func (e *Engine) registrationNote(ctx context.Context, tx pgx.Tx, p prepared, sr store.SyncResult) error {
	var b strings.Builder
	var tasks []store.TaskRow
	held := 0
	for _, t := range p.tasks {
		if tracking.ReviewState(t.Review).Pushable() {
			tasks = append(tasks, t)
		} else if t.Review == string(tracking.Held) {
			held++
		}
	}
	if len(tasks) == 0 && len(sr.Cancelled) == 0 {
		return nil // everything waits for the Office: the note comes with its review
	}
	sort.SliceStable(tasks, func(i, j int) bool { return tasks[i].Ordinal < tasks[j].Ordinal })
	// A recurring task is one line: its series, and the occurrence due next.
	var lines []store.TaskRow
	periods := map[int]int{}
	for _, t := range tasks {
		if t.Period != "" && len(lines) > 0 && lines[len(lines)-1].Period != "" && lines[len(lines)-1].Ordinal == t.Ordinal {
			lines[len(lines)-1] = t // the later occurrence
			periods[t.Ordinal]++
			continue
		}
		lines = append(lines, t)
		periods[t.Ordinal] = 1
	}
	fmt.Fprintf(&b, "Hệ thống theo dõi nhiệm vụ đã ghi nhận %d nhiệm vụ từ văn bản %s:", len(lines), reference(p.doc))
	for i, t := range lines {
		lead := "chưa xác định đơn vị chủ trì"
		if len(t.Lead) > 0 {
			names := make([]string, len(t.Lead))
			for j, u := range t.Lead {
				names[j] = u.Name
			}
			lead = strings.Join(names, ", ")
		}
		due := "không có thời hạn"
		if t.Effective != nil {
			due = "hạn " + t.Effective.Format("02/01/2006")
			if t.DeadlineTime != "" {
				due = "hạn " + t.DeadlineTime + " ngày " + t.Effective.Format("02/01/2006")
			}
		}
		if t.Period != "" {
			due = fmt.Sprintf("định kỳ %s, đang theo dõi %d kỳ; kỳ %s %s", recurrenceWords[t.Recurrence], periods[t.Ordinal], t.Period, due)
		}
		fmt.Fprintf(&b, "\n%d. %s – %s.", i+1, lead, due)
	}
	if n := len(sr.Cancelled); n > 0 {
		fmt.Fprintf(&b, "\nĐã hủy theo dõi %d nhiệm vụ không còn trong văn bản.", n)
	}
	if held > 0 {
		fmt.Fprintf(&b, "\n%d nhiệm vụ khác đang chờ Văn phòng rà soát.", held)
	}
	_, err := outbox.EnqueueComment(ctx, e.st, tx, p.doc.ID, fmt.Sprintf("reg-%d-v%d", p.doc.ID, p.doc.Version), b.String())
	return err
}

// recurrenceWords are the Vietnamese words for a recurrence.
var recurrenceWords = map[string]string{"monthly": "hằng tháng", "quarterly": "hằng quý", "half_yearly": "6 tháng", "yearly": "hằng năm"}

func reference(d connectors.Document) string {
	if d.Reference != "" {
		return d.Reference
	}
	if d.Notation != "" {
		return d.Number + "/" + d.Notation
	}
	return "số " + strconv.FormatInt(d.ID, 10)
}

// applyReport links an incoming report to its tasks: a "report sent" event at the
// report's issue time (001 Đ5.1: the moment the unit SENT it counts), and the edXML
// status 03 (accepted) once matched.
func (e *Engine) applyReport(ctx context.Context, tx pgx.Tx, docID int64, p prepared, c *store.RunCounts) error {
	if p.report == nil {
		return nil
	}
	m := *p.report
	if err := e.st.LinkReport(ctx, tx, docID, m.TaskIDs, m.Method, m.Note); err != nil {
		return err
	}
	if len(m.TaskIDs) == 0 || m.Method == "ambiguous" || m.Method == "unmatched" {
		e.opts.Logger.Info().Str("event", "report.unmatched").Int64("report", p.doc.ID).Str("method", m.Method).Msg("report not linked to a task")
		return nil
	}
	sent := p.doc.IssuedAt
	if sent.IsZero() {
		sent = p.doc.DocDate
	}
	tasks, err := e.st.DeriveInputs(ctx, tx, m.TaskIDs)
	if err != nil {
		return err
	}
	var ids []int64
	for _, t := range tasks {
		ev := store.EventRow{Key: fmt.Sprintf("%s:report:%d", t.Key, p.doc.ID),
			Kind: string(tracking.ReportSent), At: sent, Actor: p.doc.Issuer.Name, Note: reference(p.doc)}
		if sig := reportSignature(p.verdicts); sig != nil {
			ev.Note += "; " + sig.note()
			ev.Payload = map[string]any{"signature": sig}
		}
		added, err := e.st.AppendEvent(ctx, tx, t.ID, ev)
		if err != nil {
			return err
		}
		if added {
			ids = append(ids, t.ID)
		}
	}
	if _, err := e.deriveAndQueue(ctx, tx, ids, false); err != nil {
		return err
	}
	_, err = outbox.EnqueueStatus(ctx, e.st, tx, p.doc.ID, connectors.StatusAccepted, "Đã tiếp nhận báo cáo và cập nhật nhiệm vụ")
	return err
}

// reportSig is a report's signature verdict as its tasks' history shows it: the
// worst of all its signatures, and, when the report came with an edXML package,
// the verdict of each source (its PDF files, its package) beside it.
type reportSig struct {
	Indication string      `json:"indication"`
	SignedBy   string      `json:"signed_by,omitempty"`
	Sources    []sourceSig `json:"sources,omitempty"`
}

// sourceSig is the verdict on one source of a report's signatures.
type sourceSig struct {
	Source     string `json:"source"` // pdf, edxml
	Indication string `json:"indication"`
	SignedBy   string `json:"signed_by,omitempty"`
}

// sourceNames are the words the history uses for each source.
var sourceNames = map[string]string{"pdf": "tệp PDF", "edxml": "gói edXML"}

func (r *reportSig) note() string {
	n := "chữ ký số của báo cáo: " + withSigner(r.Indication, r.SignedBy)
	if len(r.Sources) > 0 {
		parts := make([]string, 0, len(r.Sources))
		for _, s := range r.Sources {
			parts = append(parts, sourceNames[s.Source]+" "+withSigner(s.Indication, s.SignedBy))
		}
		n += " [" + strings.Join(parts, "; ") + "]"
	}
	return n
}

func withSigner(indication, signedBy string) string {
	if signedBy != "" {
		return indication + " (" + signedBy + ")"
	}
	return indication
}

// reportSignature is the verdict on an incoming report's own files and edXML
// package (nil when signatures are not checked): the worst of its signatures, and
// who signed; with an edXML verdict, each source's verdict too.
func reportSignature(vs []store.VerdictRow) *reportSig {
	if len(vs) == 0 {
		return nil
	}
	ind, by := worstSigner(vs)
	r := &reportSig{Indication: ind, SignedBy: by}
	if edx := onlySource(vs, "edxml"); len(edx) > 0 {
		for _, src := range []string{"pdf", "edxml"} {
			if of := onlySource(vs, src); len(of) > 0 {
				ind, by := worstSigner(of)
				r.Sources = append(r.Sources, sourceSig{Source: src, Indication: ind, SignedBy: by})
			}
		}
	}
	return r
}

// worstSigner is the worst verdict of vs and who signed under it.
func worstSigner(vs []store.VerdictRow) (string, string) {
	verdict, _ := signatureVerdict(vs)
	for _, v := range vs {
		if v.Indication == verdict && v.SignedBy != "" {
			return verdict, v.SignedBy
		}
	}
	return verdict, ""
}
