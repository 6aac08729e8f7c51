package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/go-resty/resty/v2"

	"cddh-sync/signing"
)

// maxRevocationResponse caps an OCSP response or CRL fetched online.
const maxRevocationResponse = 16 << 20

// restyFetcher fetches OCSP responses (RFC 6960 POST) and CRLs with resty: a
// timeout per request, two retries on transport errors and 5xx, and a size cap.
type restyFetcher struct{ client *resty.Client }

func newRestyFetcher(timeout time.Duration) *restyFetcher {
	c := resty.New().SetTimeout(timeout).SetRetryCount(2).SetRetryWaitTime(500 * time.Millisecond).
		SetRetryMaxWaitTime(3 * time.Second).SetDoNotParseResponse(true)
	// A custom retry condition replaces resty's default: transport errors and 5xx.
	c.AddRetryCondition(func(r *resty.Response, err error) bool {
		return err != nil || r == nil || r.StatusCode() >= 500
	})
	return &restyFetcher{client: c}
}

func (f *restyFetcher) FetchOCSP(ctx context.Context, url string, request []byte) ([]byte, error) {
	return f.do(f.client.R().SetContext(ctx).SetHeader("Content-Type", "application/ocsp-request").SetBody(request), "POST", url)
}

func (f *restyFetcher) FetchCRL(ctx context.Context, url string) ([]byte, error) {
	return f.do(f.client.R().SetContext(ctx), "GET", url)
}

func (f *restyFetcher) do(req *resty.Request, method, url string) ([]byte, error) {
	resp, err := req.Execute(method, url)
	if err != nil {
		return nil, fmt.Errorf("revocation fetch %s: %w", url, err)
	}
	body := resp.RawBody()
	defer body.Close()
	// resty returns a nil error for a 5xx after its last retry: check the status.
	if resp.StatusCode() != 200 {
		return nil, fmt.Errorf("revocation fetch %s: HTTP %d", url, resp.StatusCode())
	}
	data, err := io.ReadAll(io.LimitReader(body, maxRevocationResponse+1))
	if err != nil {
		return nil, fmt.Errorf("revocation fetch %s: %w", url, err)
	}
	if len(data) > maxRevocationResponse {
		return nil, fmt.Errorf("revocation fetch %s: response exceeds %d bytes", url, maxRevocationResponse)
	}
	return data, nil
}

// newRevocationFetcher is the online revocation source: resty underneath, a cache
// that honours nextUpdate and the host allowlist on top.
func newRevocationFetcher(allow []string) signing.Fetcher {
	return &signing.CachingFetcher{Next: newRestyFetcher(10 * time.Second), AllowHosts: allow}
}
