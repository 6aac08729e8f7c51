package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"cddh-sync/connectors"
)

// lockedBuffer is an io.Writer safe for the logger and the test to share.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func TestSimUsageErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"rate above one", []string{"--fault-5xx", "2"}},
		{"negative rate", []string{"--fault-lost", "-0.1"}},
		{"unknown preset", []string{"--faults", "some"}},
		{"bad anchor", []string{"--anchor", "2026-11-20"}},
		{"no documents", []string{"--docs", "0"}},
		{"negative seed", []string{"--seed", "-1"}},
		{"positional", []string{"extra"}},
		{"unknown flag", []string{"--nope"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var stderr lockedBuffer
			code := realMain(context.Background(), env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: &stderr}, append([]string{"sim"}, tc.args...))
			if code != exitUsage {
				t.Fatalf("exit %d, want %d; stderr %q", code, exitUsage, stderr.String())
			}
			if strings.TrimSpace(stderr.String()) == "" {
				t.Fatal("no message on stderr")
			}
		})
	}
}

func TestSimServesAndStops(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stderr lockedBuffer
	done := make(chan int, 1)
	dir := t.TempDir()
	root := filepath.Join(dir, "root.pem")
	go func() {
		done <- realMain(ctx, env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: &stderr},
			[]string{"sim", "--listen", "127.0.0.1:0", "--trust-out", root, "--fault-hostile", "0", "--seed", "7", "--docs", "30", "--password", "s3cret", "--faults", "all", "--fault-5xx", "0", "--fault-429", "0", "--fault-slow", "0", "--fault-cut", "0", "--fault-malformed", "0", "--fault-expire", "0", "--fault-moving", "0", "--fault-dup-page", "0"})
	}()
	banner := regexp.MustCompile(`at (http://[0-9.:]+/qlvb/api) \(username cddh, password s3cret`)
	var base string
	for deadline := time.Now().Add(10 * time.Second); base == ""; {
		if m := banner.FindStringSubmatch(stderr.String()); m != nil {
			base = m[1]
		} else if time.Now().After(deadline) {
			t.Fatalf("no banner; stderr %q", stderr.String())
		} else {
			time.Sleep(20 * time.Millisecond)
		}
	}
	resp, err := http.Post(base+"/login/v3/", "application/json",
		strings.NewReader(`{"username":"cddh","password":"s3cret","device":"cddh-sync","type":"SERVICE","language":"VI"}`))
	if err != nil {
		t.Fatal(err)
	}
	var login struct {
		Status struct{ Code string } `json:"status"`
		Data   struct {
			Token     string `json:"token"`
			ExpiresIn int    `json:"expiresIn"`
		} `json:"data"`
	}
	err = json.NewDecoder(resp.Body).Decode(&login)
	resp.Body.Close()
	if err != nil || login.Status.Code != "0" || login.Data.Token == "" || login.Data.ExpiresIn != 1800 {
		t.Fatalf("login: %+v %v", login, err)
	}
	req, _ := http.NewRequest("GET", base+"/document/search/?loai=DI&page=1&size=5", nil)
	req.Header.Set("X-Authentication-Token", login.Data.Token)
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var search struct {
		Data struct {
			Items []struct{ ID int64 } `json:"items"`
		} `json:"data"`
	}
	err = json.NewDecoder(resp.Body).Decode(&search)
	resp.Body.Close()
	if err != nil || len(search.Data.Items) != 5 {
		t.Fatalf("search: %+v %v", search, err)
	}
	// The directives' PDFs are signed by the demo PKI whose root --trust-out wrote:
	// `verify` passes them offline, trusting only that root.
	get := func(path string) []byte {
		t.Helper()
		req, _ := http.NewRequest("GET", base+path, nil)
		req.Header.Set("X-Authentication-Token", login.Data.Token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err != nil || resp.StatusCode != 200 {
			t.Fatalf("GET %s: %d %v", path, resp.StatusCode, err)
		}
		return b
	}
	verified := 0
	for _, it := range search.Data.Items {
		var detail struct {
			Data struct {
				Info struct {
					Secrecy string `json:"doMat"`
				} `json:"thongTinVanBan"`
				Files []struct {
					ID   int64  `json:"id"`
					Mime string `json:"mime"`
				} `json:"fileDinhKem"`
			} `json:"data"`
		}
		if err := json.Unmarshal(get(fmt.Sprintf("/document/getdetaildocument/%d/", it.ID)), &detail); err != nil {
			t.Fatal(err)
		}
		for _, f := range detail.Data.Files {
			if f.Mime != "application/pdf" || connectors.IsSecret(detail.Data.Info.Secrecy) {
				continue
			}
			pdf := filepath.Join(dir, fmt.Sprintf("%d.pdf", f.ID))
			if err := os.WriteFile(pdf, get(fmt.Sprintf("/file/download/%d/", f.ID)), 0o600); err != nil {
				t.Fatal(err)
			}
			code, out, errs := runCLI(t, nil, "verify", "--trust", root, "--offline", "--format", "json", pdf)
			if code != exitOK || !strings.Contains(out, `"TOTAL_PASSED"`) || strings.Count(out, `"signed_by"`) != 2 {
				t.Fatalf("verify %s: exit %d\n%s\n%s", pdf, code, out, errs)
			}
			verified++
		}
	}
	if verified == 0 {
		t.Fatal("no PDF among the first directives")
	}
	cancel()
	select {
	case code := <-done:
		if code != exitOK {
			t.Fatalf("exit %d after cancel; stderr %q", code, stderr.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("sim did not stop after cancel")
	}
	// Requests are logged as JSON lines with a stable event name.
	var logged bool
	for _, line := range strings.Split(stderr.String(), "\n") {
		var rec map[string]any
		if json.Unmarshal([]byte(line), &rec) == nil && rec["event"] == "sim.request" && rec["endpoint"] == "search" {
			logged = true
		}
	}
	if !logged {
		t.Fatalf("no sim.request log line for the search; stderr %q", stderr.String())
	}
}
