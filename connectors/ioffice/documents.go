package ioffice

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"cddh-sync/connectors"
)

// Search reads one raw page (GET /document/search/). Prefer SearchAll.
func (c *Client) Search(ctx context.Context, stream connectors.Stream, since time.Time, page, size int) (connectors.SearchPage, error) {
	if !stream.Valid() {
		return connectors.SearchPage{}, &connectors.Error{Kind: connectors.ErrPermanent, Op: "search", Message: fmt.Sprintf("unknown stream %q (want DI or DEN)", stream)}
	}
	if page < 1 {
		page = 1
	}
	if size < 1 {
		size = c.opts.PageSize
	}
	q := url.Values{}
	q.Set("loai", string(stream))
	q.Set("tuNgayCapNhat", formatDateTime(since))
	q.Set("page", strconv.Itoa(page))
	q.Set("size", strconv.Itoa(size))
	cl := call{op: "search", method: http.MethodGet, path: "/document/search/", endpoint: "/document/search/", query: q, idempotent: true}
	data, err := c.callJSON(ctx, cl)
	if err != nil {
		return connectors.SearchPage{}, err
	}
	p, issues, err := decodeSearch(data)
	if err != nil {
		return connectors.SearchPage{}, c.malformed(cl, err)
	}
	c.logIssues(cl, 0, issues)
	c.rememberSummaries(p.Items)
	return p, nil
}

// Detail reads one document (GET /document/getdetaildocument/{id}/).
func (c *Client) Detail(ctx context.Context, id int64) (connectors.Document, error) {
	cl := call{op: "detail", method: http.MethodGet, path: fmt.Sprintf("/document/getdetaildocument/%d/", id),
		endpoint: "/document/getdetaildocument/{id}/", idempotent: true}
	data, err := c.callJSON(ctx, cl)
	if err != nil {
		return connectors.Document{}, err
	}
	doc, issues, err := decodeDetail(data)
	if err != nil {
		return connectors.Document{}, c.malformed(cl, err)
	}
	if doc.ID != id {
		return connectors.Document{}, c.malformed(cl, fmt.Errorf("%w: asked for document %d, got %d", errMalformed, id, doc.ID))
	}
	c.logIssues(cl, id, issues)
	c.rememberDocument(doc)
	return doc, nil
}

// Units lists the organisation directory (GET /shared/unit/get_all/).
func (c *Client) Units(ctx context.Context) ([]connectors.Unit, error) {
	cl := call{op: "units", method: http.MethodGet, path: "/shared/unit/get_all/", endpoint: "/shared/unit/get_all/", idempotent: true}
	data, err := c.callJSON(ctx, cl)
	if err != nil {
		return nil, err
	}
	units, err := decodeUnits(data)
	if err != nil {
		return nil, c.malformed(cl, err)
	}
	return units, nil
}

// Actions reads the clerk action feed (GET /cddh/hanhdong/?tuId=N&size=S).
func (c *Client) Actions(ctx context.Context, fromID int64, size int) ([]connectors.ClerkAction, error) {
	if size < 1 {
		size = 100
	}
	q := url.Values{}
	q.Set("tuId", strconv.FormatInt(max(fromID, 0), 10))
	q.Set("size", strconv.Itoa(size))
	cl := call{op: "actions", method: http.MethodGet, path: "/cddh/hanhdong/", endpoint: "/cddh/hanhdong/", query: q, idempotent: true}
	data, err := c.callJSON(ctx, cl)
	if err != nil {
		return nil, err
	}
	acts, issues, err := decodeActions(data)
	if err != nil {
		return nil, c.malformed(cl, err)
	}
	c.logIssues(cl, 0, issues)
	return acts, nil
}

// Edxml returns a document's edXML package (GET /shared/integration/doc/edxml/{id}/),
// at most MaxDownloadBytes. A document known to be secret is refused.
func (c *Client) Edxml(ctx context.Context, id int64) ([]byte, error) {
	endpoint := "/shared/integration/doc/edxml/{id}/"
	if c.knownSecret(id) {
		return nil, &connectors.Error{Kind: connectors.ErrRefused, Op: "edxml", Endpoint: "GET " + endpoint,
			Message: fmt.Sprintf("document %d is secret: its edXML is not downloaded", id)}
	}
	cl := call{op: "edxml", method: http.MethodGet, path: fmt.Sprintf("/shared/integration/doc/edxml/%d/", id),
		endpoint: endpoint, idempotent: true, stream: true}
	var out []byte
	err := c.do(ctx, cl, func(resp *http.Response, body io.Reader) error {
		limit := c.opts.MaxDownloadBytes
		if resp.ContentLength > limit {
			return &errBody{kind: connectors.ErrRefused, msg: "edXML too large", err: fmt.Errorf("%d bytes, limit %d", resp.ContentLength, limit)}
		}
		b, err := io.ReadAll(io.LimitReader(body, limit+1))
		if err != nil {
			return err
		}
		if int64(len(b)) > limit {
			return &errBody{kind: connectors.ErrRefused, msg: "edXML too large", err: fmt.Errorf("more than %d bytes", limit)}
		}
		// Some deployments answer an error envelope with HTTP 200.
		if mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type")); mt == "application/json" || bytes.HasPrefix(bytes.TrimSpace(b), []byte("{")) {
			_, code, msg, err := decodeEnvelope(b)
			if err != nil {
				return &errBody{kind: connectors.ErrRetryable, msg: "malformed JSON instead of edXML", err: err}
			}
			if code != "0" {
				return envelopeError(cl.op, cl.method+" "+cl.endpoint, code, msg)
			}
			return &errBody{kind: connectors.ErrRetryable, msg: "JSON instead of edXML", err: fmt.Errorf("%w: status 0 but no XML", errMalformed)}
		}
		if len(bytes.TrimSpace(b)) == 0 {
			return &errBody{kind: connectors.ErrRetryable, msg: "empty edXML", err: fmt.Errorf("%w: empty body", errMalformed)}
		}
		out = b
		return nil
	})
	return out, err
}

// rememberDocument notes secrecy and file checksums from a detail, so Download
// and Edxml can enforce them even when the caller forgets.
func (c *Client) rememberDocument(d connectors.Document) {
	c.memMu.Lock()
	defer c.memMu.Unlock()
	if len(c.memo) > memoLimit || len(c.secretDocs) > memoLimit {
		clear(c.memo)
		clear(c.secretDocs)
	}
	secret := d.Secret()
	if secret {
		c.secretDocs[d.ID] = true
	} else {
		delete(c.secretDocs, d.ID)
	}
	for _, a := range d.Attachments {
		c.memo[a.ID] = fileMemo{docID: d.ID, secret: secret, sha256: a.SHA256, size: a.Size}
	}
}

func (c *Client) rememberSummaries(items []connectors.DocumentSummary) {
	c.memMu.Lock()
	defer c.memMu.Unlock()
	if len(c.secretDocs) > memoLimit {
		clear(c.secretDocs)
	}
	for _, it := range items {
		if it.Secret() {
			c.secretDocs[it.ID] = true
		}
	}
}

func (c *Client) knownSecret(docID int64) bool {
	c.memMu.Lock()
	defer c.memMu.Unlock()
	return c.secretDocs[docID]
}

func (c *Client) fileFacts(fileID string) (fileMemo, bool) {
	c.memMu.Lock()
	defer c.memMu.Unlock()
	m, ok := c.memo[fileID]
	return m, ok
}
