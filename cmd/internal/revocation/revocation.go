// Package revocation is the online source of revocation data for signature
// validation: OCSP responses (RFC 6960 POST) and CRLs over HTTP, behind
// signing.CachingFetcher. Both cddh-sync binaries use it (verify without
// --offline, the daemon), so it is built on net/http alone: the light front binary
// links none of the daemon's HTTP client libraries.
package revocation

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strings"
	"syscall"
	"time"

	"cddh-sync/signing"
)

// MaxResponse caps an OCSP response or CRL fetched online.
const MaxResponse = 16 << 20

// Retries are the attempts after the first on a transport error or a 5xx, waiting
// between them from retryWait, doubling, up to retryMaxWait (half of it jitter).
const (
	Retries      = 2
	retryWait    = 500 * time.Millisecond
	retryMaxWait = 3 * time.Second
)

// HTTPFetcher fetches OCSP responses and CRLs: a timeout per request, Retries
// retries on transport errors and 5xx, and a size cap.
//
// The host policy of signing.CachingFetcher (signing.revocation_hosts, or no
// internal address) is checked before a request; here it holds for what happens
// after: a redirect must pass it too (at most 3), and the dialer checks the
// address it actually connects to, so a name that resolved to a public address
// for the check and to an internal one for the connection (DNS rebinding) is
// refused.
type HTTPFetcher struct {
	client *http.Client
	allow  []string
}

// NewHTTPFetcher is a fetcher whose every request (each attempt) takes at most
// timeout; allow is signing.revocation_hosts (empty: any host, no internal address).
func NewHTTPFetcher(timeout time.Duration, allow []string) *HTTPFetcher {
	f := &HTTPFetcher{allow: allow}
	dialer := &net.Dialer{Timeout: timeout, Control: f.checkDial}
	// No HTTP proxy: through one, the dialer would see the proxy's address, not
	// the one the request reaches.
	transport := &http.Transport{
		DialContext:         dialer.DialContext,
		TLSHandshakeTimeout: timeout,
		MaxIdleConns:        8,
		IdleConnTimeout:     90 * time.Second,
	}
	f.client = &http.Client{Transport: transport, Timeout: timeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= 3 {
				return errors.New("more than 3 redirects")
			}
			return f.checkURL(req.URL)
		}}
	return f
}

// New is the online revocation source: HTTPFetcher underneath (10 s a request), a
// cache that honours nextUpdate and the host allowlist on top.
func New(allow []string) signing.Fetcher {
	return &signing.CachingFetcher{Next: NewHTTPFetcher(10*time.Second, allow), AllowHosts: allow}
}

// errRefusedHost marks a request the host policy refused: never retried.
var errRefusedHost = errors.New("refused by the revocation host policy")

// checkURL applies the host policy to a redirect's target.
func (f *HTTPFetcher) checkURL(u *url.URL) error {
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("redirect to %s: not http(s): %w", u.Redacted(), errRefusedHost)
	}
	if len(f.allow) == 0 {
		return nil // the dialer refuses internal addresses
	}
	host := strings.ToLower(u.Hostname())
	for _, h := range f.allow {
		if strings.EqualFold(h, host) {
			return nil
		}
	}
	return fmt.Errorf("redirect to %s: host %s is not in signing.revocation_hosts: %w", u.Redacted(), host, errRefusedHost)
}

// checkDial refuses, without an allowlist, a connection to a loopback, private,
// link-local or unspecified address, whatever name led there. With an allowlist
// the operator named the hosts, internal ones included.
func (f *HTTPFetcher) checkDial(network, address string, _ syscall.RawConn) error {
	if len(f.allow) > 0 {
		return nil
	}
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		return err
	}
	ip := net.ParseIP(host)
	if ip == nil || ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() || ip.IsUnspecified() || ip.IsMulticast() {
		return fmt.Errorf("revocation fetch: refusing to connect to %s, an internal address; list the host in signing.revocation_hosts to allow it: %w", address, errRefusedHost)
	}
	return nil
}

// FetchOCSP posts an OCSP request to url and returns the response's bytes.
func (f *HTTPFetcher) FetchOCSP(ctx context.Context, url string, request []byte) ([]byte, error) {
	return f.do(ctx, "POST", url, request)
}

// FetchCRL downloads the CRL at url.
func (f *HTTPFetcher) FetchCRL(ctx context.Context, url string) ([]byte, error) {
	return f.do(ctx, "GET", url, nil)
}

func (f *HTTPFetcher) do(ctx context.Context, method, url string, body []byte) ([]byte, error) {
	var resp *http.Response
	var err error
	for attempt := 0; ; attempt++ {
		resp, err = f.attempt(ctx, method, url, body)
		retry := err != nil && !errors.Is(err, errRefusedHost) || err == nil && resp.StatusCode >= 500
		if !retry || attempt == Retries || ctx.Err() != nil {
			break
		}
		if resp != nil {
			resp.Body.Close()
		}
		wait := min(retryMaxWait, retryWait<<attempt)
		t := time.NewTimer(wait/2 + rand.N(wait/2))
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return nil, fmt.Errorf("revocation fetch %s: %w", url, ctx.Err())
		}
	}
	if err != nil {
		return nil, fmt.Errorf("revocation fetch %s: %w", url, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		return nil, fmt.Errorf("revocation fetch %s: HTTP %d", url, resp.StatusCode)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, MaxResponse+1))
	if err != nil {
		return nil, fmt.Errorf("revocation fetch %s: %w", url, err)
	}
	if len(data) > MaxResponse {
		return nil, fmt.Errorf("revocation fetch %s: response exceeds %d bytes", url, MaxResponse)
	}
	return data, nil
}

// attempt sends one request: the body anew each time.
func (f *HTTPFetcher) attempt(ctx context.Context, method, url string, body []byte) (*http.Response, error) {
	var r io.Reader
	if body != nil {
		r = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, url, r)
	if err != nil {
		return nil, err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/ocsp-request")
	}
	return f.client.Do(req)
}
