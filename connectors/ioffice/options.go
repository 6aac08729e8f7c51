package ioffice

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/rs/zerolog"
)

// Options configure a Client. Zero fields take the defaults named in each comment.
type Options struct {
	// BaseURL is the portal without /qlvb/api, e.g. "https://vpdt.example.gov.vn".
	// Required.
	BaseURL string
	// Username and Password log in (POST /login/v3/). The password and the token
	// are never logged and never appear in errors.
	Username string
	Password string
	// Timeout bounds one HTTP attempt (default 10s). For downloads it bounds the
	// wait for headers and every pause between body reads, so a large file may
	// take longer as long as it keeps flowing. The caller's context bounds the
	// whole call, retries included.
	Timeout time.Duration
	// RateLimit is the most requests per second sent to the portal (default 5).
	RateLimit float64
	// Concurrency is the most requests in flight at once (default 2).
	Concurrency int
	// MaxRetries is how many times a failed attempt is repeated (default 4, so at
	// most 5 attempts). Negative means none.
	MaxRetries int
	// BaseBackoff is the first backoff ceiling (default 200ms); it doubles per
	// attempt up to MaxBackoff (default 10s). The wait is drawn uniformly below
	// the ceiling ("full jitter") so several daemons do not retry in step.
	BaseBackoff time.Duration
	MaxBackoff  time.Duration
	// MaxRetryAfter is the longest Retry-After the client waits out by itself
	// (default 30s). A longer one returns ErrRateLimited with RetryAfter at once,
	// leaving the wait to the engine's schedule.
	MaxRetryAfter time.Duration
	// MaxDownloadBytes refuses larger files and edXML packages (default 50 MiB).
	MaxDownloadBytes int64
	// MaxJSONBytes refuses larger JSON answers (default 16 MiB).
	MaxJSONBytes int64
	// BreakerThreshold consecutive failed attempts open the circuit (default 10:
	// a dead portal fails two requests' attempts in a row at once, while a sick
	// one failing a request in three still meets 10 in a row only about once in
	// 60,000 attempts); after BreakerCooldown (default 30s) one probe is let through.
	BreakerThreshold int
	BreakerCooldown  time.Duration
	// PageSize is asked per search page (default 50); the portal may cap it.
	PageSize int
	// Overlap is subtracted from SearchAll's since, so documents whose
	// ngayCapNhat was written late are not missed (default 2m).
	Overlap time.Duration
	// TLS: verification is ON. CAFile adds a PEM bundle to the system roots;
	// InsecureSkipVerify turns verification off (never in production).
	CAFile             string
	InsecureSkipVerify bool
	// Logger receives JSON events (portal.request, portal.retry, portal.login,
	// portal.breaker, portal.malformed). Default: disabled.
	Logger zerolog.Logger
	// Device is sent at login (default "cddh-sync").
	Device string
}

// Defaults.
const (
	DefaultTimeout          = 10 * time.Second
	DefaultRateLimit        = 5.0
	DefaultConcurrency      = 2
	DefaultMaxRetries       = 4
	DefaultBaseBackoff      = 200 * time.Millisecond
	DefaultMaxBackoff       = 10 * time.Second
	DefaultMaxRetryAfter    = 30 * time.Second
	DefaultMaxDownloadBytes = 50 << 20
	DefaultMaxJSONBytes     = 16 << 20
	DefaultBreakerThreshold = 10
	DefaultBreakerCooldown  = 30 * time.Second
	DefaultPageSize         = 50
	DefaultOverlap          = 2 * time.Minute
)

// withDefaults fills zero fields and checks the rest.
func (o Options) withDefaults() (Options, error) {
	var errs []error
	if strings.TrimSpace(o.BaseURL) == "" {
		errs = append(errs, errors.New("portal.base_url is required"))
	} else if u, err := url.Parse(o.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		errs = append(errs, fmt.Errorf("portal.base_url %q must be an http(s) URL with a host", o.BaseURL))
	}
	o.BaseURL = strings.TrimRight(strings.TrimSpace(o.BaseURL), "/")
	def := func(d *time.Duration, v time.Duration, name string) {
		switch {
		case *d == 0:
			*d = v
		case *d < 0:
			errs = append(errs, fmt.Errorf("%s must not be negative, got %s", name, *d))
		}
	}
	def(&o.Timeout, DefaultTimeout, "portal.timeout")
	def(&o.BaseBackoff, DefaultBaseBackoff, "portal base backoff")
	def(&o.MaxBackoff, DefaultMaxBackoff, "portal max backoff")
	def(&o.MaxRetryAfter, DefaultMaxRetryAfter, "portal max retry-after")
	def(&o.BreakerCooldown, DefaultBreakerCooldown, "portal breaker cooldown")
	def(&o.Overlap, DefaultOverlap, "portal paging overlap")
	if o.RateLimit == 0 {
		o.RateLimit = DefaultRateLimit
	} else if o.RateLimit < 0 {
		errs = append(errs, fmt.Errorf("portal.rate_limit must be positive, got %v", o.RateLimit))
	}
	if o.Concurrency == 0 {
		o.Concurrency = DefaultConcurrency
	} else if o.Concurrency < 0 {
		errs = append(errs, fmt.Errorf("portal.concurrency must be positive, got %d", o.Concurrency))
	}
	if o.MaxRetries == 0 {
		o.MaxRetries = DefaultMaxRetries
	} else if o.MaxRetries < 0 {
		o.MaxRetries = 0
	}
	if o.MaxDownloadBytes == 0 {
		o.MaxDownloadBytes = DefaultMaxDownloadBytes
	} else if o.MaxDownloadBytes < 0 {
		errs = append(errs, fmt.Errorf("portal.max_download_mb must be positive, got %d bytes", o.MaxDownloadBytes))
	}
	if o.MaxJSONBytes <= 0 {
		o.MaxJSONBytes = DefaultMaxJSONBytes
	}
	if o.BreakerThreshold <= 0 {
		o.BreakerThreshold = DefaultBreakerThreshold
	}
	if o.PageSize <= 0 {
		o.PageSize = DefaultPageSize
	}
	if o.Device == "" {
		o.Device = "cddh-sync"
	}
	if o.BaseBackoff > o.MaxBackoff {
		o.BaseBackoff = o.MaxBackoff
	}
	return o, errors.Join(errs...)
}
