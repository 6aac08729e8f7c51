package portalsim

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"cddh-sync/connectors"
)

// testClock is a clock tests move by hand.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// bundle is what setup returns: a running simulator over a real socket.
type bundle struct {
	sim   *Sim
	srv   *httptest.Server
	clock *testClock
	token string
}

func setup(t *testing.T, opts Options) *bundle {
	t.Helper()
	clock := &testClock{t: time.Date(2026, time.November, 23, 9, 0, 0, 0, connectors.Zone)}
	if opts.Clock == nil {
		opts.Clock = clock.Now
	}
	if opts.Documents == 0 {
		opts.Documents = 80
	}
	s, err := New(opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(srv.Close)
	b := &bundle{sim: s, srv: srv, clock: clock}
	// Log in with the faults off, so that every test starts authenticated.
	f := s.faults
	if err := s.SetFaults(Faults{}); err != nil {
		t.Fatal(err)
	}
	b.token = b.login(t)
	if err := s.SetFaults(f); err != nil {
		t.Fatal(err)
	}
	return b
}

func (b *bundle) url(path string) string { return b.srv.URL + "/qlvb/api" + path }

func (b *bundle) login(t *testing.T) string {
	t.Helper()
	u, p := b.sim.Credentials()
	body := fmt.Sprintf(`{"username":%q,"password":%q,"device":"cddh-sync","type":"SERVICE","language":"VI"}`, u, p)
	resp, err := http.Post(b.url("/login/v3/"), "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatalf("login: %v", err)
	}
	defer resp.Body.Close()
	var env struct {
		Status wireStatus `json:"status"`
		Data   loginData  `json:"data"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&env); err != nil || env.Status.Code != "0" || env.Data.Token == "" {
		t.Fatalf("login: status %d, %+v, %v", resp.StatusCode, env.Status, err)
	}
	return env.Data.Token
}

// do sends a request with the token and returns the response and its full body.
func (b *bundle) do(t *testing.T, method, path string, body any) (*http.Response, []byte, error) {
	t.Helper()
	var r io.Reader
	if body != nil {
		j, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		r = bytes.NewReader(j)
	}
	req, err := http.NewRequest(method, b.url(path), r)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("X-Authentication-Token", b.token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	return resp, data, err
}

// call expects a JSON envelope with code "0" and decodes data into out.
func (b *bundle) call(t *testing.T, method, path string, body, out any) {
	t.Helper()
	resp, data, err := b.do(t, method, path, body)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	var env struct {
		Status wireStatus      `json:"status"`
		Data   json.RawMessage `json:"data"`
	}
	if err := json.Unmarshal(data, &env); err != nil {
		t.Fatalf("%s %s: HTTP %d, bad JSON %q: %v", method, path, resp.StatusCode, data, err)
	}
	if resp.StatusCode != http.StatusOK || env.Status.Code != "0" {
		t.Fatalf("%s %s: HTTP %d, status %+v", method, path, resp.StatusCode, env.Status)
	}
	if out != nil {
		if err := json.Unmarshal(env.Data, out); err != nil {
			t.Fatalf("%s %s: decode data: %v", method, path, err)
		}
	}
}

// status returns the HTTP status and envelope code of a call.
func (b *bundle) status(t *testing.T, method, path string, body any) (int, string) {
	t.Helper()
	resp, data, err := b.do(t, method, path, body)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	var env struct {
		Status wireStatus `json:"status"`
	}
	if err := json.Unmarshal(data, &env); err != nil {
		return resp.StatusCode, ""
	}
	return resp.StatusCode, env.Status.Code
}

func searchPath(loai, from string, page, size int) string {
	return fmt.Sprintf("/document/search/?loai=%s&tuNgayCapNhat=%s&page=%d&size=%d", loai, url.QueryEscape(from), page, size)
}

// searchAll pages until an empty page and returns every item.
func (b *bundle) searchAll(t *testing.T, loai, from string, size int) []listItem {
	t.Helper()
	var all []listItem
	for page := 1; page < 10000; page++ {
		var d searchData
		b.call(t, "GET", searchPath(loai, from, page, size), nil, &d)
		if len(d.Items) == 0 {
			return all
		}
		all = append(all, d.Items...)
	}
	t.Fatal("paging never ended")
	return nil
}
