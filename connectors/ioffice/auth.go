package ioffice

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"cddh-sync/connectors"
)

// tokenMargin renews a token this long before the portal says it expires, so a
// call does not start with a token about to die.
const tokenMargin = 30 * time.Second

// Login authenticates now (POST /login/v3/) and caches the token.
func (c *Client) Login(ctx context.Context) error {
	if err := c.lockAuth(ctx); err != nil {
		return err
	}
	defer c.unlockAuth()
	return c.loginLocked(ctx)
}

func (c *Client) lockAuth(ctx context.Context) error {
	select {
	case c.authLock <- struct{}{}:
		return nil
	case <-ctx.Done():
		return &connectors.Error{Kind: connectors.ErrRetryable, Op: "login", Message: "waiting for another login", Err: ctx.Err()}
	}
}

func (c *Client) unlockAuth() { <-c.authLock }

// currentToken returns a valid cached token, logging in when there is none.
func (c *Client) currentToken(ctx context.Context) (string, error) {
	if err := c.lockAuth(ctx); err != nil {
		return "", err
	}
	defer c.unlockAuth()
	if c.token != "" && (c.tokenExpiry.IsZero() || c.now().Before(c.tokenExpiry)) {
		return c.token, nil
	}
	if err := c.loginLocked(ctx); err != nil {
		return "", err
	}
	return c.token, nil
}

// relogin drops the refused token and logs in again. Concurrent callers that all
// saw the same token refused share one new login: the first one in logs in; the
// others find the cached token is no longer the one refused. Tokens are compared,
// not times, so a coarse or stopped clock cannot make each caller log in again.
func (c *Client) relogin(ctx context.Context, refused string) error {
	if err := c.lockAuth(ctx); err != nil {
		return err
	}
	defer c.unlockAuth()
	if c.token != "" && c.token != refused {
		return nil
	}
	c.token = ""
	return c.loginLocked(ctx)
}

func (c *Client) loginLocked(ctx context.Context) error {
	if c.opts.Username == "" {
		return &connectors.Error{Kind: connectors.ErrUnauthorized, Op: "login", Endpoint: "POST /login/v3/",
			Message: "portal.username is empty"}
	}
	cl := call{op: "login", method: http.MethodPost, path: "/login/v3/", endpoint: "/login/v3/",
		body:       wireLogin{Username: c.opts.Username, Password: c.opts.Password, Device: c.opts.Device, Type: "SERVICE", Language: "VI"},
		idempotent: true, noAuth: true}
	data, err := c.callJSON(ctx, cl)
	if err != nil {
		return err
	}
	var tok wireToken
	if err := decodeData(data, &tok); err != nil {
		return c.malformed(cl, err)
	}
	token := strings.TrimSpace(tok.Token)
	if token == "" {
		return c.malformed(cl, fmt.Errorf("%w: no token in the answer", errMalformed))
	}
	c.token = token
	c.tokenExpiry = time.Time{}
	if tok.ExpiresIn > 0 {
		life := time.Duration(tok.ExpiresIn) * time.Second
		margin := min(tokenMargin, life/10)
		c.tokenExpiry = c.now().Add(life - margin)
	}
	c.log.Info().Str("event", "portal.login").Int64("expires_in_s", int64(tok.ExpiresIn)).Msg("logged in to the portal")
	return nil
}
