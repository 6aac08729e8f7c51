package connectors

import (
	"context"
	"time"
)

// Portal is what the sync engine needs from a document portal. Every method is
// safe for concurrent use; every error matches one of the Err* classes.
//
// Reads are safe to repeat. Of the writes, PutTask and ReceiveStatus are
// idempotent; PostComment is not (see ErrUnknownOutcome and FindCommentMarker).
type Portal interface {
	// Login authenticates. Other methods log in by themselves when needed;
	// calling Login first only surfaces bad credentials early.
	Login(ctx context.Context) error

	// Search reads one raw page of documents updated at or after since (a zero
	// since means "from the beginning"). Offset paging moves under the caller:
	// use SearchAll, which does not skip documents.
	Search(ctx context.Context, stream Stream, since time.Time, page, size int) (SearchPage, error)

	// SearchAll calls fn with every document updated at or after since, page by
	// page, each (id, version) once per call, in the portal's order, and returns
	// when the portal has nothing more. An error from fn stops it and is returned.
	SearchAll(ctx context.Context, stream Stream, since time.Time, fn func(page []DocumentSummary) error) error

	// Detail reads one document.
	Detail(ctx context.Context, id int64) (Document, error)

	// Download stores a file in dstDir after checking its size, type and
	// checksum. Files of secret documents are refused.
	Download(ctx context.Context, fileID string, dstDir string) (DownloadedFile, error)

	// Edxml returns a document's edXML package (only when Document.HasEdxml).
	Edxml(ctx context.Context, id int64) ([]byte, error)

	// Units lists the organisation directory.
	Units(ctx context.Context) ([]Unit, error)

	// Actions reads the clerk action feed from id fromID (inclusive), at most
	// size entries, in increasing id order.
	Actions(ctx context.Context, fromID int64, size int) ([]ClerkAction, error)

	// PutTask creates or replaces a task record (idempotent by key) and returns
	// the record the portal stored, with its version.
	PutTask(ctx context.Context, t TaskRecord) (TaskRecord, error)

	// GetTask reads a task record back; ErrNotFound when the portal has none.
	GetTask(ctx context.Context, key string) (TaskRecord, error)

	// ListComments lists a document's processing notes.
	ListComments(ctx context.Context, docID int64) ([]Comment, error)

	// PostComment adds a processing note. It is never repeated blindly: when its
	// answer is lost the error matches ErrUnknownOutcome and the caller must
	// check FindCommentMarker before writing again.
	PostComment(ctx context.Context, docID int64, content string) (Comment, error)

	// FindCommentMarker reports whether a note containing marker (e.g.
	// "[cddh:reg-123-v2]") is already on the document.
	FindCommentMarker(ctx context.Context, docID int64, marker string) (bool, error)

	// ReceiveStatus sets the edXML processing status of an incoming document.
	ReceiveStatus(ctx context.Context, docID int64, status ProcessingStatus, description string) error
}

// SearchPage is one raw page of a search.
type SearchPage struct {
	Items []DocumentSummary
	Total int // how many documents matched when the page was cut
	Page  int
	Size  int // how many items the portal allows per page (it may cap the request)
}
