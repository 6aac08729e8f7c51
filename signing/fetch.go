package signing

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"time"
)

// maxRevocationResponse caps an OCSP response or CRL fetched online.
const maxRevocationResponse = 16 << 20

// HTTPFetcher fetches OCSP responses (RFC 6960 POST) and CRLs over HTTP with a
// per-request timeout and a size cap. Answers are still verified like embedded
// ones (signed by the issuer or its authorised responder).
type HTTPFetcher struct {
	Client  *http.Client
	Timeout time.Duration
}

// NewHTTPFetcher returns a fetcher with a 10-second timeout per request.
func NewHTTPFetcher() *HTTPFetcher {
	return &HTTPFetcher{Client: &http.Client{}, Timeout: 10 * time.Second}
}

// FetchOCSP posts an OCSP request to url.
func (h *HTTPFetcher) FetchOCSP(ctx context.Context, url string, request []byte) ([]byte, error) {
	return h.do(ctx, http.MethodPost, url, request, "application/ocsp-request")
}

// FetchCRL gets a CRL from url.
func (h *HTTPFetcher) FetchCRL(ctx context.Context, url string) ([]byte, error) {
	return h.do(ctx, http.MethodGet, url, nil, "")
}

func (h *HTTPFetcher) do(ctx context.Context, method, url string, body []byte, ctype string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, h.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, url, bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("revocation fetch %s: %w", url, err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	resp, err := h.Client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("revocation fetch %s: %w", url, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("revocation fetch %s: HTTP %d", url, resp.StatusCode)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxRevocationResponse+1))
	if err != nil {
		return nil, fmt.Errorf("revocation fetch %s: %w", url, err)
	}
	if len(data) > maxRevocationResponse {
		return nil, fmt.Errorf("revocation fetch %s: response exceeds %d bytes", url, maxRevocationResponse)
	}
	return data, nil
}
