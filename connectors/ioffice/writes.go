package ioffice

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"cddh-sync/connectors"
)

// PutTask creates or replaces a task record (PUT /cddh/nhiemvu/{maNhiemVu}/).
// It is idempotent by key, so it is retried like a read.
func (c *Client) PutTask(ctx context.Context, t connectors.TaskRecord) (connectors.TaskRecord, error) {
	if strings.TrimSpace(t.Key) == "" {
		return connectors.TaskRecord{}, &connectors.Error{Kind: connectors.ErrPermanent, Op: "put_task", Message: "the task key (maNhiemVu) is empty"}
	}
	cl := call{op: "put_task", method: http.MethodPut, path: "/cddh/nhiemvu/" + url.PathEscape(t.Key) + "/",
		endpoint: "/cddh/nhiemvu/{maNhiemVu}/", body: encodeTask(t), idempotent: true}
	data, err := c.callJSON(ctx, cl)
	if err != nil {
		return connectors.TaskRecord{}, err
	}
	stored, issues, err := decodeTask(data)
	if err != nil {
		return connectors.TaskRecord{}, c.malformed(cl, err)
	}
	c.logIssues(cl, t.DocumentID, issues)
	return stored, nil
}

// GetTask reads a task record back (GET /cddh/nhiemvu/{maNhiemVu}/).
func (c *Client) GetTask(ctx context.Context, key string) (connectors.TaskRecord, error) {
	cl := call{op: "get_task", method: http.MethodGet, path: "/cddh/nhiemvu/" + url.PathEscape(key) + "/",
		endpoint: "/cddh/nhiemvu/{maNhiemVu}/", idempotent: true}
	data, err := c.callJSON(ctx, cl)
	if err != nil {
		return connectors.TaskRecord{}, err
	}
	t, issues, err := decodeTask(data)
	if err != nil {
		return connectors.TaskRecord{}, c.malformed(cl, err)
	}
	c.logIssues(cl, t.DocumentID, issues)
	return t, nil
}

// PostComment adds a processing note (POST /document/comment/{docId}/). It is
// NOT idempotent: it is repeated only when the portal certainly did not take it
// (refused connection, 401 before a relogin, 429, 503). Any other failure after
// sending is ErrUnknownOutcome: look with FindCommentMarker before writing again.
func (c *Client) PostComment(ctx context.Context, docID int64, content string) (connectors.Comment, error) {
	if strings.TrimSpace(content) == "" {
		return connectors.Comment{}, &connectors.Error{Kind: connectors.ErrPermanent, Op: "post_comment", Message: "empty comment"}
	}
	cl := call{op: "post_comment", method: http.MethodPost, path: fmt.Sprintf("/document/comment/%d/", docID),
		endpoint: "/document/comment/{docId}/", body: wireCommentPost{Content: content}}
	data, err := c.callJSON(ctx, cl)
	if err != nil {
		return connectors.Comment{}, err
	}
	cm, err := decodeComment(data)
	if err != nil {
		// Applied (status 0) but the answer is unreadable: report success with
		// what we know rather than invite a duplicate.
		c.log.Warn().Str("event", "portal.malformed").Str("op", cl.op).Str("endpoint", cl.method+" "+cl.endpoint).
			Str("error", err.Error()).Msg("comment accepted, answer unreadable")
		return connectors.Comment{Content: content}, nil
	}
	if cm.Content == "" {
		cm.Content = content
	}
	return cm, nil
}

// ListComments lists a document's processing notes (GET /document/comment/{docId}/).
func (c *Client) ListComments(ctx context.Context, docID int64) ([]connectors.Comment, error) {
	cl := call{op: "list_comments", method: http.MethodGet, path: fmt.Sprintf("/document/comment/%d/", docID),
		endpoint: "/document/comment/{docId}/", idempotent: true}
	data, err := c.callJSON(ctx, cl)
	if err != nil {
		return nil, err
	}
	cms, issues, err := decodeComments(data)
	if err != nil {
		return nil, c.malformed(cl, err)
	}
	c.logIssues(cl, docID, issues)
	return cms, nil
}

// FindCommentMarker reports whether one of the document's notes contains
// marker, e.g. "[cddh:reg-123-v2]" (portal-api.md: every note ends with one).
func (c *Client) FindCommentMarker(ctx context.Context, docID int64, marker string) (bool, error) {
	marker = strings.TrimSpace(marker)
	if marker == "" {
		return false, &connectors.Error{Kind: connectors.ErrPermanent, Op: "find_comment_marker", Message: "empty marker"}
	}
	cms, err := c.ListComments(ctx, docID)
	if err != nil {
		return false, err
	}
	marker = connectors.CleanText(marker)
	for _, cm := range cms {
		if strings.Contains(cm.Content, marker) {
			return true, nil
		}
	}
	return false, nil
}

// ReceiveStatus sets an incoming document's edXML processing status
// (POST /shared/integration/doc/receive_status/). Setting a status twice is
// harmless, so it is retried like a read.
func (c *Client) ReceiveStatus(ctx context.Context, docID int64, status connectors.ProcessingStatus, description string) error {
	switch status {
	case connectors.StatusArrived, connectors.StatusRefused, connectors.StatusAccepted,
		connectors.StatusAssigned, connectors.StatusInProgress, connectors.StatusDone:
	default:
		return &connectors.Error{Kind: connectors.ErrPermanent, Op: "receive_status", Message: fmt.Sprintf("unknown status code %q (want 01..06)", status)}
	}
	cl := call{op: "receive_status", method: http.MethodPost, path: "/shared/integration/doc/receive_status/",
		endpoint: "/shared/integration/doc/receive_status/",
		body:     wireReceiveStatus{ID: docID, StatusCode: string(status), Description: description}, idempotent: true}
	_, err := c.callJSON(ctx, cl)
	return err
}
