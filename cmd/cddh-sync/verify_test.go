package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const signatureCorpus = "../../../shared/testdata/signatures"

type verifyJSON struct {
	File       string `json:"file"`
	Indication string `json:"indication"`
	Signatures []struct {
		Indication          string   `json:"indication"`
		SubIndication       string   `json:"sub_indication"`
		SignedBy            string   `json:"signed_by"`
		SigningTime         string   `json:"signing_time"`
		BestSignatureTime   string   `json:"best_signature_time"`
		Format              string   `json:"format"`
		CoversWholeDocument *bool    `json:"covers_whole_document"`
		Errors              []string `json:"errors"`
		Warnings            []string `json:"warnings"`
	} `json:"signatures"`
}

// TestVerifyCorpus drives `verify --format json` over every entry of the public
// corpus's expected.json and checks the indication (exact or not_pass / not_failed),
// the strict sub-indications and the exit code.
func TestVerifyCorpus(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(signatureCorpus, "expected.json"))
	if err != nil {
		noCorpus(t, err)
	}
	var doc struct {
		Cases []struct {
			ID       string   `json:"id"`
			File     string   `json:"file"`
			Kind     string   `json:"kind"`
			Trust    []string `json:"trust"`
			At       string   `json:"at"`
			Optional bool     `json:"optional"`
			Expect   struct {
				Indication string `json:"indication"`
				Match      string `json:"match"`
				Signatures []struct {
					Indication    string `json:"indication"`
					SubIndication string `json:"sub_indication"`
					Strict        bool   `json:"strict"`
				} `json:"signatures"`
			} `json:"expect"`
		} `json:"cases"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	for _, c := range doc.Cases {
		t.Run(c.ID, func(t *testing.T) {
			file := filepath.Join(signatureCorpus, c.File)
			if _, err := os.Stat(file); err != nil && c.Optional {
				t.Skipf("optional file absent: %s", c.File)
			}
			args := []string{"verify", "--format", "json", "--offline"}
			for _, tr := range c.Trust {
				args = append(args, "--trust", filepath.Join(signatureCorpus, tr))
			}
			if c.At != "" {
				args = append(args, "--at", c.At)
			}
			args = append(args, file)
			code, out, errs := runCLI(t, nil, args...)
			var got verifyJSON
			if err := json.Unmarshal([]byte(out), &got); err != nil {
				t.Fatalf("exit %d, stdout not JSON (%v): %q, stderr %q", code, err, out, errs)
			}
			wantCode := exitNegative
			if got.Indication == "TOTAL_PASSED" {
				wantCode = exitOK
			}
			if code != wantCode {
				t.Fatalf("exit %d for %s, want %d", code, got.Indication, wantCode)
			}
			switch c.Expect.Match {
			case "exact":
				if got.Indication != c.Expect.Indication || len(got.Signatures) != len(c.Expect.Signatures) {
					t.Fatalf("got %s with %d signatures, want %s with %d: %s", got.Indication, len(got.Signatures), c.Expect.Indication, len(c.Expect.Signatures), out)
				}
				for i, w := range c.Expect.Signatures {
					s := got.Signatures[i]
					if s.Indication != w.Indication || (w.Strict && s.SubIndication != w.SubIndication) {
						t.Errorf("signature %d: %s/%s, want %s/%s", i+1, s.Indication, s.SubIndication, w.Indication, w.SubIndication)
					}
				}
			case "not_pass":
				if got.Indication == "TOTAL_PASSED" {
					t.Fatalf("passed, must not: %s", out)
				}
			case "not_failed":
				if got.Indication == "TOTAL_FAILED" {
					t.Fatalf("failed, must not: %s", out)
				}
			}
			for _, s := range got.Signatures {
				if s.CoversWholeDocument == nil || s.Errors == nil || s.Warnings == nil || s.Format == "" {
					t.Fatalf("signature JSON misses a cli.md field: %s", out)
				}
			}
		})
	}
}

func TestVerifyUsage(t *testing.T) {
	cases := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no file", []string{"verify"}, exitUsage, "FILE"},
		{"missing file", []string{"verify", "/nonexistent/directive.pdf"}, exitUsage, "/nonexistent/directive.pdf"},
		{"bad format", []string{"verify", "--format", "xml", "x.pdf"}, exitUsage, "--format"},
		{"bad time", []string{"verify", "--at", "yesterday", "x.pdf"}, exitUsage, "--at"},
		{"missing trust file", []string{"verify", "--trust", "/nonexistent/root.pem", "x.pdf"}, exitUsage, "/nonexistent/root.pem"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, _, errs := runCLI(t, nil, c.args...)
			if code != c.code || !strings.Contains(errs, c.want) {
				t.Fatalf("exit %d, stderr %q; want exit %d mentioning %q", code, errs, c.code, c.want)
			}
		})
	}
}

func TestVerifyUnsignedText(t *testing.T) {
	dir := t.TempDir()
	head := "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
	body := head + "xref\n0 2\n0000000000 65535 f \n0000000009 00000 n \ntrailer\n<< /Size 2 /Root 1 0 R >>\nstartxref\n" +
		strconv.Itoa(len(head)) + "\n%%EOF\n"
	p := writeFile(t, dir, "plain.pdf", body)
	code, out, _ := runCLI(t, nil, "verify", p)
	if code != exitNegative || !strings.Contains(out, "NO_SIGNATURE_FOUND") {
		t.Fatalf("exit %d, %q", code, out)
	}
}

// noCorpus ends a test that needs the public corpus in ../shared: under CI=true its
// absence fails the run (issue 13); elsewhere the test is skipped with one line.
func noCorpus(t testing.TB, why any) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("public signature corpus ../shared/testdata/signatures missing under CI=true: %v", why)
	}
	t.Skipf("SKIPPED: public signature corpus ../shared/testdata/signatures not available (%v)", why)
}
