package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"cddh-sync/connectors/portalsim/simpki"
)

// onePagePDF is a small unsigned PDF with one page, text varying by n.
func onePagePDF(n int) []byte { return minimalPDF(fmt.Sprintf("Chi thi so %d", n)) }

// TestVerifyMany: files and directories, checked on several workers, one JSON
// line per file in input order, a summary on stderr, exit 0 only when every file
// passes (cli.md Additions).
func TestVerifyMany(t *testing.T) {
	t.Parallel()
	pki, err := simpki.New()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	root := filepath.Join(dir, "root.pem")
	if err := os.WriteFile(root, pki.RootPEM(), 0o600); err != nil {
		t.Fatal(err)
	}
	archive := filepath.Join(dir, "archive")
	if err := os.MkdirAll(filepath.Join(archive, "2026", "03"), 0o755); err != nil {
		t.Fatal(err)
	}
	signed := func(n int) []byte {
		out, err := pki.SignPDF(onePagePDF(n))
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	var want []string // the input order: lexical within the directory
	for i, name := range []string{"2026/03/a.pdf", "2026/03/b.PDF", "2026/c.pdf", "d.pdf", "e.pdf", "f.pdf", "g.pdf", "h.pdf"} {
		p := filepath.Join(archive, name)
		if err := os.WriteFile(p, signed(i), 0o600); err != nil {
			t.Fatal(err)
		}
		want = append(want, p)
	}
	writeFile(t, archive, "notes.txt", "not a signed document")
	extra := filepath.Join(dir, "extra.pdf")
	if err := os.WriteFile(extra, signed(99), 0o600); err != nil {
		t.Fatal(err)
	}
	base := []string{"verify", "--offline", "--trust", root, "--format", "json"}

	t.Run("all pass", func(t *testing.T) {
		code, out, errs := runCLI(t, nil, append(base, "--jobs", "3", archive, extra)...)
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		wantFiles := append(append([]string{}, want...), extra)
		if len(lines) != len(wantFiles) {
			t.Fatalf("%d lines for %d files:\n%s\nstderr %s", len(lines), len(wantFiles), out, errs)
		}
		for i, l := range lines {
			var got verifyJSON
			if err := json.Unmarshal([]byte(l), &got); err != nil {
				t.Fatalf("line %d is not one JSON object: %v: %q", i+1, err, l)
			}
			if got.File != wantFiles[i] || got.Indication != "TOTAL_PASSED" || len(got.Signatures) != 2 {
				t.Fatalf("line %d: %s %s with %d signatures, want %s TOTAL_PASSED", i+1, got.File, got.Indication, len(got.Signatures), wantFiles[i])
			}
		}
		if code != exitOK || !strings.Contains(errs, "9 files") || !strings.Contains(errs, "9 TOTAL_PASSED") {
			t.Fatalf("exit %d, stderr %q", code, errs)
		}
	})

	t.Run("one file that does not pass makes exit 1; the others are still checked", func(t *testing.T) {
		tampered := signed(7)
		i := bytes.Index(tampered, []byte("Chi thi so 7"))
		tampered[i+len("Chi thi so ")] = '8'
		bad := writeFile(t, t.TempDir(), "tampered.pdf", string(tampered))
		garbage := writeFile(t, t.TempDir(), "garbage.pdf", "%PDF-1.7\nnot really")
		code, out, errs := runCLI(t, nil, append(base, extra, bad, garbage, extra)...)
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		want := []string{"TOTAL_PASSED", "TOTAL_FAILED", "INDETERMINATE", "TOTAL_PASSED"}
		if len(lines) != len(want) {
			t.Fatalf("%d lines: %s", len(lines), out)
		}
		for i, l := range lines {
			var got verifyJSON
			if err := json.Unmarshal([]byte(l), &got); err != nil || got.Indication != want[i] {
				t.Fatalf("line %d: %v %q, want %s", i+1, err, l, want[i])
			}
		}
		if code != exitNegative || !strings.Contains(errs, "2 TOTAL_PASSED, 1 TOTAL_FAILED, 1 INDETERMINATE") || !strings.Contains(errs, "1 could not be read") {
			t.Fatalf("exit %d, stderr %q", code, errs)
		}
	})

	t.Run("a dangling link in a directory is reported, not fatal", func(t *testing.T) {
		d := t.TempDir()
		if err := os.WriteFile(filepath.Join(d, "a.pdf"), signed(1), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(filepath.Join(d, "gone.pdf"), filepath.Join(d, "b.pdf")); err != nil {
			t.Skip(err)
		}
		code, out, errs := runCLI(t, nil, append(base, d)...)
		if code != exitNegative || strings.Count(out, "\n") != 2 || !strings.Contains(out, "b.pdf: no such file") {
			t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errs)
		}
	})

	t.Run("one file keeps the single-file output", func(t *testing.T) {
		code, out, errs := runCLI(t, nil, append(base, extra)...)
		var got verifyJSON
		if err := json.Unmarshal([]byte(out), &got); err != nil || code != exitOK || got.Indication != "TOTAL_PASSED" {
			t.Fatalf("exit %d, %v, %q", code, err, out)
		}
		if !strings.Contains(out, "\n  \"indication\"") || errs != "" {
			t.Fatalf("single-file output changed (indented JSON, nothing on stderr): %q, stderr %q", out, errs)
		}
	})

	t.Run("text format", func(t *testing.T) {
		code, out, _ := runCLI(t, nil, "verify", "--offline", "--trust", root, extra, extra)
		if code != exitOK || strings.Count(out, extra+": TOTAL_PASSED") != 2 {
			t.Fatalf("exit %d, %q", code, out)
		}
	})

	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"empty directory", []string{"verify", t.TempDir()}, "holds no *.pdf"},
		{"missing path among several", []string{"verify", extra, "/nonexistent/x.pdf"}, "/nonexistent/x.pdf"},
		{"stdin among several", []string{"verify", extra, "-"}, "standard input"},
		{"zero jobs", []string{"verify", "--jobs", "0", extra, extra}, "--jobs"},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, _, errs := runCLI(t, nil, c.args...)
			if code != exitUsage || !strings.Contains(errs, c.want) {
				t.Fatalf("exit %d, stderr %q; want exit 2 naming %q", code, errs, c.want)
			}
		})
	}
}

// TestVerifyDamagedPDFHeader: a .pdf whose header is damaged is reported as a PDF
// that cannot be read (exit 1, INDETERMINATE), not as malformed XML.
func TestVerifyDamagedPDFHeader(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "broken.pdf")
	if err := os.WriteFile(path, []byte("%PDF,1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, _ := runCLI(t, nil, "verify", "--offline", "--format", "json", path)
	if code != exitNegative || !strings.Contains(out, `"INDETERMINATE"`) || strings.Contains(strings.ToLower(out), "xml") {
		t.Fatalf("exit %d: %s", code, out)
	}
}
