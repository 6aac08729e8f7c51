package portalsim

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"
)

// TestFaultsFireByRate checks each request fault at rate 1 (every time) and rate 0
// (never), through a real socket.
func TestFaultsFireByRate(t *testing.T) {
	t.Parallel()
	type probe func(t *testing.T, b *bundle) bool
	getStatus := func(path string) probe {
		return func(t *testing.T, b *bundle) bool {
			resp, _, err := b.do(t, "GET", path, nil)
			if err != nil {
				t.Fatalf("GET %s: %v", path, err)
			}
			return resp.StatusCode >= 500
		}
	}
	detail := "/document/getdetaildocument/1001/"
	cases := []struct {
		name   string
		faults func(rate float64) Faults
		probe  probe
	}{
		{"5xx", func(r float64) Faults { return Faults{Error5xx: r} }, getStatus("/shared/unit/get_all/")},
		{"429", func(r float64) Faults { return Faults{TooMany429: r, RetryAfter: 3} }, func(t *testing.T, b *bundle) bool {
			resp, _, err := b.do(t, "GET", "/shared/unit/get_all/", nil)
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode == 429 && resp.Header.Get("Retry-After") != "3" {
				t.Fatalf("429 with Retry-After %q", resp.Header.Get("Retry-After"))
			}
			return resp.StatusCode == 429
		}},
		{"slow", func(r float64) Faults { return Faults{Slow: r, SlowDelay: 150 * time.Millisecond} }, func(t *testing.T, b *bundle) bool {
			start := time.Now()
			if _, _, err := b.do(t, "GET", "/shared/unit/get_all/", nil); err != nil {
				t.Fatal(err)
			}
			return time.Since(start) >= 150*time.Millisecond
		}},
		{"cut mid body", func(r float64) Faults { return Faults{CutMidBody: r} }, func(t *testing.T, b *bundle) bool {
			_, _, err := b.do(t, "GET", detail, nil)
			if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
				t.Fatalf("cut: unexpected error %v", err)
			}
			return err != nil
		}},
		{"malformed JSON", func(r float64) Faults { return Faults{MalformedJSON: r} }, func(t *testing.T, b *bundle) bool {
			resp, data, err := b.do(t, "GET", detail, nil)
			if err != nil || resp.StatusCode != 200 {
				t.Fatalf("malformed: %v %v", resp, err)
			}
			return !json.Valid(data)
		}},
		{"duplicate page", func(r float64) Faults { return Faults{DuplicatePage: r} }, func(t *testing.T, b *bundle) bool {
			_, p1, _ := b.do(t, "GET", searchPath("DI", "", 1, 5), nil)
			_, p2, _ := b.do(t, "GET", searchPath("DI", "", 2, 5), nil)
			var a, c struct {
				Data searchData `json:"data"`
			}
			if json.Unmarshal(p1, &a) != nil || json.Unmarshal(p2, &c) != nil || c.Data.Page != 2 {
				t.Fatalf("duplicate: bad pages %s %s", p1, p2)
			}
			return fmt.Sprint(a.Data.Items) == fmt.Sprint(c.Data.Items)
		}},
		{"moving documents", func(r float64) Faults { return Faults{MovingDocuments: r} }, func(t *testing.T, b *bundle) bool {
			before := versions(b.sim)
			if _, _, err := b.do(t, "GET", searchPath("DEN", "", 1, 5), nil); err != nil {
				t.Fatal(err)
			}
			return versions(b.sim) == before+1
		}},
		{"lost response", func(r float64) Faults { return Faults{LostResponse: r} }, func(t *testing.T, b *bundle) bool {
			n := len(b.sim.Comments(1001))
			_, _, err := b.do(t, "POST", "/document/comment/1001/", map[string]string{"noiDung": "Ghi chú [cddh:x]"})
			if got := len(b.sim.Comments(1001)); got != n+1 {
				t.Fatalf("the write was not applied: %d comments, want %d", got, n+1)
			}
			return err != nil
		}},
		{"expire tokens", func(r float64) Faults { return Faults{ExpireTokens: r} }, func(t *testing.T, b *bundle) bool {
			code, status := b.status(t, "GET", "/shared/unit/get_all/", nil)
			if code == 401 || status == "401" {
				b.token = b.login(t) // login itself is not token-checked
				return true
			}
			return false
		}},
	}
	for _, tc := range cases {
		for _, rate := range []float64{0, 1} {
			t.Run(fmt.Sprintf("%s/rate=%v", tc.name, rate), func(t *testing.T) {
				t.Parallel()
				b := setup(t, Options{Seed: 4, Documents: 60, Faults: tc.faults(rate)})
				for i := 0; i < 4; i++ {
					if fired := tc.probe(t, b); fired != (rate == 1) {
						t.Fatalf("try %d: fired=%v at rate %v", i, fired, rate)
					}
				}
			})
		}
	}
}

func versions(s *Sim) int {
	n := 0
	for _, id := range s.DocumentIDs() {
		d, _ := s.Document(id)
		n += d.Version
	}
	return n
}

func TestFaultRateIsAboutRight(t *testing.T) {
	t.Parallel()
	b := setup(t, Options{Seed: 8, Faults: Faults{Error5xx: 0.3}})
	fails := 0
	for i := 0; i < 200; i++ {
		resp, _, err := b.do(t, "GET", "/shared/unit/get_all/", nil)
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode >= 500 {
			fails++
		}
	}
	if fails < 35 || fails > 85 {
		t.Fatalf("rate 0.3 gave %d failures in 200", fails)
	}
	if got := b.sim.Stats().Faults["5xx"]; got != fails {
		t.Fatalf("stats count %d 5xx, saw %d", got, fails)
	}
}

func TestHostileAttachments(t *testing.T) {
	t.Parallel()
	for _, rate := range []float64{0, 1} {
		b := setup(t, Options{Seed: 6, Documents: 200, Faults: Faults{HostileAttachments: rate, HugeFileSize: 3 << 20}})
		kinds := map[string]int{}
		for _, id := range b.sim.DocumentIDs() {
			d, _ := b.sim.Document(id)
			if d.HostileEdxml {
				_, x, err := b.do(t, "GET", fmt.Sprintf("/shared/integration/doc/edxml/%d/", id), nil)
				if err != nil || !bytes.Contains(x, []byte("<!ENTITY lol9")) {
					t.Fatalf("bomb edXML %d: %v", id, err)
				}
				kinds["bomb"]++
			}
			for _, f := range d.Files {
				if f.Kind == FileBodyPDF {
					continue
				}
				resp, data, err := b.do(t, "GET", fmt.Sprintf("/file/download/%d/", f.ID), nil)
				if err != nil || resp.StatusCode != 200 {
					t.Fatalf("hostile file %d: %v %v", f.ID, resp, err)
				}
				switch f.Kind {
				case FileTraversal:
					if !strings.Contains(resp.Header.Get("Content-Disposition"), "../../etc/passwd.pdf") || !bytes.HasPrefix(data, []byte("%PDF")) {
						t.Fatalf("traversal file: %q", resp.Header.Get("Content-Disposition"))
					}
					kinds["traversal"]++
				case FileExecutable:
					if !bytes.HasPrefix(data, []byte("MZ")) || !strings.HasSuffix(f.Name, ".pdf") {
						t.Fatal("executable is not an MZ file named .pdf")
					}
					kinds["exe"]++
				case FileHuge:
					if len(data) != 3<<20 || !bytes.HasPrefix(data, []byte("%PDF")) || !bytes.HasSuffix(data, []byte("%%EOF\n")) {
						t.Fatalf("huge file: %d bytes", len(data))
					}
					var det detailData
					b.call(t, "GET", fmt.Sprintf("/document/getdetaildocument/%d/", id), nil, &det)
					for _, fi := range det.Files {
						if fi.ID == f.ID && (fi.Size != 3<<20 || fi.SHA256 != sha(data)) {
							t.Fatalf("huge file detail %+v", fi)
						}
					}
					kinds["huge"]++
				}
			}
		}
		if rate == 0 && len(kinds) != 0 {
			t.Fatalf("rate 0 produced hostile attachments: %v", kinds)
		}
		if rate == 1 && len(kinds) != 4 {
			t.Fatalf("rate 1 produced only %v", kinds)
		}
	}
	// Hostile attachments must not change the rest of the data.
	plain, _ := New(Options{Seed: 6, Documents: 200})
	hostile, _ := New(Options{Seed: 6, Documents: 200, Faults: Faults{HostileAttachments: 1}})
	for _, id := range plain.DocumentIDs() {
		a, _ := plain.Document(id)
		h, _ := hostile.Document(id)
		if a.Body != h.Body || a.Files[0].ID != h.Files[0].ID || a.Files[0].Name != h.Files[0].Name {
			t.Fatalf("document %d differs when hostile attachments are on", id)
		}
	}
}
