package signing

import (
	"context"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"fmt"
	"net"
	"net/url"
	"strings"
	"sync"
	"time"

	"golang.org/x/crypto/ocsp"
)

// CachingFetcher wraps a Fetcher with what online revocation checking needs in a
// daemon that validates many directives from the same few CAs:
//
//   - a cache: an OCSP answer is kept per responder and request (the request names
//     the issuer and the serial), a CRL per address, each until its nextUpdate
//     (at most MaxAge, and MinAge when it gives none), so one CA is not asked again
//     for every document;
//   - an allowlist: with AllowHosts set, only those hosts are contacted; without
//     it, any host a certificate of a trusted chain names, except loopback,
//     private and link-local addresses, which a hostile certificate could use to
//     reach inside the province's network.
//
// Answers are still verified like embedded ones by the caller.
type CachingFetcher struct {
	Next       Fetcher
	AllowHosts []string
	Now        func() time.Time
	MinAge     time.Duration // default 1h: answers without nextUpdate
	MaxAge     time.Duration // default 24h
	MaxEntries int           // default 4096

	mu      sync.Mutex
	entries map[string]cacheEntry
}

type cacheEntry struct {
	der     []byte
	expires time.Time
}

// FetchOCSP answers from the cache or asks Next.
func (c *CachingFetcher) FetchOCSP(ctx context.Context, u string, request []byte) ([]byte, error) {
	sum := sha256.Sum256(request)
	return c.fetch(ctx, "ocsp|"+u+"|"+hex.EncodeToString(sum[:]), u, func() ([]byte, error) {
		return c.Next.FetchOCSP(ctx, u, request)
	}, func(der []byte) time.Time {
		if r, err := ocsp.ParseResponse(der, nil); err == nil {
			return r.NextUpdate
		}
		return time.Time{}
	})
}

// FetchCRL answers from the cache or asks Next.
func (c *CachingFetcher) FetchCRL(ctx context.Context, u string) ([]byte, error) {
	return c.fetch(ctx, "crl|"+u, u, func() ([]byte, error) {
		return c.Next.FetchCRL(ctx, u)
	}, func(der []byte) time.Time {
		if l, err := x509.ParseRevocationList(der); err == nil {
			return l.NextUpdate
		}
		return time.Time{}
	})
}

func (c *CachingFetcher) fetch(ctx context.Context, key, u string, get func() ([]byte, error), next func([]byte) time.Time) ([]byte, error) {
	if err := c.allowed(ctx, u); err != nil {
		return nil, err
	}
	now := c.now()
	c.mu.Lock()
	if e, ok := c.entries[key]; ok && now.Before(e.expires) {
		c.mu.Unlock()
		return e.der, nil
	}
	c.mu.Unlock()
	der, err := get()
	if err != nil {
		return nil, err
	}
	minAge, maxAge := c.MinAge, c.MaxAge
	if minAge <= 0 {
		minAge = time.Hour
	}
	if maxAge <= 0 {
		maxAge = 24 * time.Hour
	}
	expires := now.Add(minAge)
	if nu := next(der); !nu.IsZero() {
		expires = nu
	}
	if expires.After(now.Add(maxAge)) {
		expires = now.Add(maxAge)
	}
	if !expires.After(now) {
		return der, nil // already stale: used once, not kept
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil {
		c.entries = map[string]cacheEntry{}
	}
	limit := c.MaxEntries
	if limit <= 0 {
		limit = 4096
	}
	if len(c.entries) >= limit {
		for k, e := range c.entries { // drop what expired; else one entry
			if !now.Before(e.expires) || len(c.entries) >= limit {
				delete(c.entries, k)
			}
			if len(c.entries) < limit/2 {
				break
			}
		}
	}
	c.entries[key] = cacheEntry{der: der, expires: expires}
	return der, nil
}

func (c *CachingFetcher) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

// allowed applies the allowlist, or without one refuses addresses inside the
// network.
func (c *CachingFetcher) allowed(ctx context.Context, raw string) error {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Hostname() == "" {
		return fmt.Errorf("revocation fetch %q: not an http(s) address", raw)
	}
	host := strings.ToLower(u.Hostname())
	if len(c.AllowHosts) > 0 {
		for _, h := range c.AllowHosts {
			if strings.EqualFold(h, host) {
				return nil
			}
		}
		return fmt.Errorf("revocation fetch %s: host %s is not in signing.revocation_hosts", raw, host)
	}
	ips := []net.IP{net.ParseIP(host)}
	if ips[0] == nil {
		addrs, err := net.DefaultResolver.LookupIPAddr(ctx, host)
		if err != nil {
			return fmt.Errorf("revocation fetch %s: %w", raw, err)
		}
		ips = ips[:0]
		for _, a := range addrs {
			ips = append(ips, a.IP)
		}
	}
	for _, ip := range ips {
		if ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsUnspecified() {
			return fmt.Errorf("revocation fetch %s: %s is an internal address; list the host in signing.revocation_hosts to allow it", raw, ip)
		}
	}
	return nil
}
