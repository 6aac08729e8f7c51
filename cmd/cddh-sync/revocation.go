package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"syscall"
	"time"

	"github.com/go-resty/resty/v2"

	"cddh-sync/signing"
)

// maxRevocationResponse caps an OCSP response or CRL fetched online.
const maxRevocationResponse = 16 << 20

// restyFetcher fetches OCSP responses (RFC 6960 POST) and CRLs with resty: a
// timeout per request, two retries on transport errors and 5xx, and a size cap.
//
// The host policy of signing.CachingFetcher (signing.revocation_hosts, or no
// internal address) is checked before a request; here it holds for what happens
// after: a redirect must pass it too (at most 3), and the dialer checks the
// address it actually connects to, so a name that resolved to a public address
// for the check and to an internal one for the connection (DNS rebinding) is
// refused.
type restyFetcher struct {
	client *resty.Client
	allow  []string
}

func newRestyFetcher(timeout time.Duration, allow []string) *restyFetcher {
	f := &restyFetcher{allow: allow}
	dialer := &net.Dialer{Timeout: timeout, Control: f.checkDial}
	// No HTTP proxy: through one, the dialer would see the proxy's address, not
	// the one the request reaches.
	transport := &http.Transport{
		DialContext:         dialer.DialContext,
		TLSHandshakeTimeout: timeout,
		MaxIdleConns:        8,
		IdleConnTimeout:     90 * time.Second,
	}
	c := resty.New().SetLogger(quietLogger{}).SetTransport(transport).SetTimeout(timeout).SetRetryCount(2).SetRetryWaitTime(500 * time.Millisecond).
		SetRetryMaxWaitTime(3 * time.Second).SetDoNotParseResponse(true).
		SetRedirectPolicy(resty.RedirectPolicyFunc(func(req *http.Request, via []*http.Request) error {
			if len(via) >= 3 {
				return errors.New("more than 3 redirects")
			}
			return f.checkURL(req.URL)
		}))
	// A custom retry condition replaces resty's default: transport errors and 5xx.
	c.AddRetryCondition(func(r *resty.Response, err error) bool {
		if errors.Is(err, errRefusedHost) {
			return false // the same policy refuses every attempt
		}
		return err != nil || r == nil || r.StatusCode() >= 500
	})
	f.client = c
	return f
}

// errRefusedHost marks a request the host policy refused: never retried.
var errRefusedHost = errors.New("refused by the revocation host policy")

// checkURL applies the host policy to a redirect's target.
func (f *restyFetcher) checkURL(u *url.URL) error {
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
func (f *restyFetcher) checkDial(network, address string, _ syscall.RawConn) error {
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
	return &signing.CachingFetcher{Next: newRestyFetcher(10*time.Second, allow), AllowHosts: allow}
}

// quietLogger keeps resty from writing to stderr outside the daemon's JSON log:
// every failure comes back as an error the caller logs.
type quietLogger struct{}

func (quietLogger) Errorf(string, ...any) {}
func (quietLogger) Warnf(string, ...any)  {}
func (quietLogger) Debugf(string, ...any) {}
