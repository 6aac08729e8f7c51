package main

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/go-resty/resty/v2"

	"cddh-sync/cmd/cddh-sync/internal/config"
)

// checkPortal logs in once: the portal is reachable and accepts the credentials. It
// reports the portal's own message, never the password or the token.
func checkPortal(ctx context.Context, cfg config.Config) error {
	if cfg.Portal.Password == "" {
		return fmt.Errorf("no password: set portal.password_file or CDDH_PORTAL_PASSWORD")
	}
	c := resty.New().SetTimeout(cfg.Portal.Timeout)
	if cfg.Portal.InsecureSkipVerify {
		c.SetTLSClientConfig(&tls.Config{InsecureSkipVerify: true}) //nolint:gosec // operator's explicit choice
	}
	if cfg.Portal.CAFile != "" {
		c.SetRootCertificate(cfg.Path(cfg.Portal.CAFile))
	}
	url := strings.TrimRight(cfg.Portal.BaseURL, "/") + "/qlvb/api/login/v3/"
	resp, err := c.R().SetContext(ctx).SetBody(map[string]string{
		"username": cfg.Portal.Username, "password": cfg.Portal.Password.Value(),
		"device": "cddh-sync", "type": "SERVICE", "language": "VI",
	}).Post(url)
	if err != nil {
		return fmt.Errorf("%s unreachable: %v", cfg.Portal.BaseURL, err)
	}
	var env struct {
		Status struct{ Code, Message string } `json:"status"`
		Data   struct{ Token string }         `json:"data"`
	}
	if err := json.Unmarshal(resp.Body(), &env); err != nil {
		return fmt.Errorf("login answered HTTP %d without the portal's JSON envelope", resp.StatusCode())
	}
	if resp.StatusCode() != 200 || env.Status.Code != "0" || env.Data.Token == "" {
		return fmt.Errorf("login as %q refused: HTTP %d, status %s %q", cfg.Portal.Username, resp.StatusCode(), env.Status.Code, env.Status.Message)
	}
	return nil
}
