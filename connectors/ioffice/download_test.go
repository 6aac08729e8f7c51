package ioffice

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"cddh-sync/connectors"
	"cddh-sync/connectors/portalsim"
)

func sha(b []byte) string { s := sha256.Sum256(b); return hex.EncodeToString(s[:]) }

func zipOf(t *testing.T, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, content := range files {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(content))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// leftovers lists what is in dir, so a refused download is seen to leave nothing.
func leftovers(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	return names
}

// hideLength drops the Content-Length of every answer, as a proxy that
// re-chunks does: the client learns a file's size only by reading it.
func hideLength(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { next.ServeHTTP(lengthHider{w}, r) })
}

type lengthHider struct{ http.ResponseWriter }

func (h lengthHider) WriteHeader(code int) {
	h.Header().Del("Content-Length")
	h.ResponseWriter.WriteHeader(code)
}

// addFile adds an issued document holding one attachment and returns the
// attachment's id.
func (p *portal) addFile(t *testing.T, f portalsim.File) string {
	t.Helper()
	id := p.addDoc(t, 0, portalsim.Document{Files: []portalsim.File{f}})
	return fileID(p.document(t, id).Files[0].ID)
}

// fileID is a simulator file's id as the portal writes it.
func fileID(n int64) string { return strconv.FormatInt(n, 10) }

func TestDownload(t *testing.T) {
	t.Parallel()
	pdf := []byte("%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n")
	mz := append([]byte("MZ\x90\x00\x03"), bytes.Repeat([]byte{0}, 200)...)
	big := append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte("x"), 8<<10)...)
	const fallback = "file-%s" // the client's name for a file the portal did not name
	tests := []struct {
		name        string
		file        portalsim.File // Raw bytes, sent with Disposition (none when empty)
		wantErr     error
		wantName    string
		wantType    string
		chunked     bool // hide the length, so the limit is met while streaming
		errContains string
	}{
		{name: "pdf with Vietnamese RFC 2231 name",
			file:     portalsim.File{Raw: pdf, Disposition: `attachment; filename*=UTF-8''Th%C3%B4ng%20b%C3%A1o%2045.pdf`},
			wantName: "Thông báo 45.pdf", wantType: "pdf"},
		{name: "the simulator's own RFC 2231 name", file: portalsim.File{Raw: pdf, Name: "Kế hoạch 12.pdf"},
			wantName: "Kế hoạch 12.pdf", wantType: "pdf"},
		{name: "decomposed Vietnamese name is composed",
			file:     portalsim.File{Raw: pdf, Disposition: "attachment; filename=\"Ke\u0302\u0301 hoa\u0323ch.pdf\""},
			wantName: "Kế hoạch.pdf", wantType: "pdf"},
		{name: "path traversal name",
			file:     portalsim.File{Raw: pdf, Disposition: `attachment; filename="../../../etc/cron.d/x.pdf"`},
			wantName: "x.pdf", wantType: "pdf"},
		{name: "windows traversal name",
			file:     portalsim.File{Raw: pdf, Disposition: `attachment; filename="..\\..\\Windows\\evil.pdf"`},
			wantName: "evil.pdf", wantType: "pdf"},
		{name: "only dots", file: portalsim.File{Raw: pdf, Disposition: `attachment; filename=".."`}, wantName: fallback, wantType: "pdf"},
		{name: "no disposition", file: portalsim.File{Raw: []byte("Báo cáo\n")}, wantName: fallback, wantType: "txt"},
		{name: "MZ disguised as pdf",
			file:    portalsim.File{Raw: mz, Disposition: `attachment; filename="bao-cao.pdf"`},
			wantErr: connectors.ErrRefused, errContains: "MZ"},
		{name: "ELF", file: portalsim.File{Raw: []byte("\x7fELF\x02\x01\x01"), Disposition: `attachment; filename="a.doc"`}, wantErr: connectors.ErrRefused},
		{name: "Mach-O", file: portalsim.File{Raw: []byte("\xcf\xfa\xed\xfe\x07\x00"), Disposition: `attachment; filename="a.pdf"`}, wantErr: connectors.ErrRefused},
		{name: "shebang script", file: portalsim.File{Raw: []byte("#!/bin/sh\nrm -rf /\n"), Disposition: `attachment; filename="readme.txt"`}, wantErr: connectors.ErrRefused},
		{name: "pdf bytes named .exe", file: portalsim.File{Raw: pdf, Disposition: `attachment; filename="x.exe"`}, wantErr: connectors.ErrRefused},
		{name: "bat name", file: portalsim.File{Raw: []byte("echo hi\r\n"), Disposition: `attachment; filename="run.bat"`}, wantErr: connectors.ErrRefused},
		{name: "oversized, announced", file: portalsim.File{Raw: big, Disposition: `attachment; filename="big.pdf"`},
			wantErr: connectors.ErrRefused, errContains: "too large"},
		{name: "oversized, streamed", file: portalsim.File{Raw: big, Disposition: `attachment; filename="big.pdf"`}, chunked: true,
			wantErr: connectors.ErrRefused, errContains: "too large"},
		{name: "docx", file: portalsim.File{Raw: zipOf(t, map[string]string{"[Content_Types].xml": "<x/>", "word/document.xml": "<w/>"}),
			Disposition: `attachment; filename="a.docx"`}, wantName: "a.docx", wantType: "docx"},
		{name: "odt", file: portalsim.File{Raw: zipOf(t, map[string]string{"mimetype": "application/vnd.oasis.opendocument.text"}),
			Disposition: `attachment; filename="a.odt"`}, wantName: "a.odt", wantType: "odt"},
		{name: "zip holding an exe", file: portalsim.File{Raw: zipOf(t, map[string]string{"tai-lieu/setup.exe": "MZ"}),
			Disposition: `attachment; filename="a.zip"`}, wantErr: connectors.ErrRefused},
		{name: "docm macros", file: portalsim.File{Raw: zipOf(t, map[string]string{"word/document.xml": "<w/>", "word/vbaProject.bin": "x"}),
			Disposition: `attachment; filename="a.docx"`}, wantErr: connectors.ErrRefused},
		{name: "html error page", file: portalsim.File{Raw: []byte("<!DOCTYPE html><html>Lỗi</html>"), Disposition: `attachment; filename="a.pdf"`},
			wantErr: connectors.ErrRefused},
		{name: "unknown binary", file: portalsim.File{Raw: []byte{0, 1, 2, 3, 4, 5, 0xff}, Disposition: `attachment; filename="a.pdf"`},
			wantErr: connectors.ErrRefused},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var wrap []func(http.Handler) http.Handler
			if tt.chunked {
				wrap = append(wrap, hideLength)
			}
			p := newPortal(t, portalsim.Options{Documents: 1}, wrap...)
			fid := p.addFile(t, tt.file)
			c := p.client(t, func(o *Options) { o.MaxDownloadBytes = 4 << 10 })
			dir := t.TempDir()
			got, err := c.Download(context.Background(), fid, dir)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				if tt.errContains != "" && !strings.Contains(err.Error(), tt.errContains) {
					t.Errorf("err = %v, want it to mention %q", err, tt.errContains)
				}
				if l := leftovers(t, dir); len(l) != 0 {
					t.Errorf("refused download left files: %v", l)
				}
				return
			}
			if err != nil {
				t.Fatalf("Download: %v", err)
			}
			wantName := tt.wantName
			if wantName == fallback {
				wantName = fmt.Sprintf(fallback, fid)
			}
			if got.Name != wantName || got.SniffedType != tt.wantType {
				t.Errorf("name %q type %q, want %q %q", got.Name, got.SniffedType, wantName, tt.wantType)
			}
			if filepath.Dir(got.Path) != dir {
				t.Errorf("path %q escapes %q", got.Path, dir)
			}
			b, err := os.ReadFile(got.Path)
			if err != nil || !bytes.Equal(b, tt.file.Raw) || got.SHA256 != sha(tt.file.Raw) || got.Size != int64(len(b)) {
				t.Errorf("stored file differs (err %v, size %d, sha %s)", err, got.Size, got.SHA256)
			}
			if l := leftovers(t, dir); len(l) != 1 {
				t.Errorf("dir holds %v, want only the file", l)
			}
		})
	}
}

// A portal that answers an error envelope with HTTP 200 where the file should be.
func TestDownloadErrorEnvelopeInsteadOfFile(t *testing.T) {
	t.Parallel()
	p := newPortal(t, portalsim.Options{ErrorsOnHTTP200: true})
	c := p.client(t, nil)
	dir := t.TempDir()
	_, err := c.Download(context.Background(), "999999", dir) // HTTP 200, status.code "404"
	if !errors.Is(err, connectors.ErrNotFound) {
		t.Fatalf("err = %v, want ErrNotFound", err)
	}
	if l := leftovers(t, dir); len(l) != 0 {
		t.Errorf("refused download left files: %v", l)
	}
}

func TestDownloadChecksAndSecrecyFromDetail(t *testing.T) {
	t.Parallel()
	p := newPortal(t, portalsim.Options{})
	pdf := []byte("%PDF-1.7\nhello\n")
	public := p.addDoc(t, 0, portalsim.Document{Files: []portalsim.File{
		{Raw: pdf, Name: "a.pdf"},
		{Raw: pdf, Name: "b.pdf", SHA256: sha([]byte("other"))}, // corrupted in the portal's storage
	}})
	secret := p.addDoc(t, 0, portalsim.Document{Secrecy: portalsim.SecrecySecret, HasEdxml: true,
		Files: []portalsim.File{{Raw: pdf, Name: "c.pdf"}}})
	files := p.document(t, public).Files
	secretFile := fileID(p.document(t, secret).Files[0].ID)
	c := p.client(t, nil)
	ctx := context.Background()
	for _, id := range []int64{public, secret} {
		if _, err := c.Detail(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	dir := t.TempDir()
	if _, err := c.Download(ctx, fileID(files[0].ID), dir); err != nil {
		t.Errorf("matching checksum: %v", err)
	}
	if _, err := c.Download(ctx, fileID(files[1].ID), dir); !errors.Is(err, connectors.ErrRefused) || !strings.Contains(err.Error(), "checksum") {
		t.Errorf("checksum mismatch: err = %v", err)
	}
	before := p.tap.Count("download")
	if _, err := c.Download(ctx, secretFile, dir); !errors.Is(err, connectors.ErrRefused) || !strings.Contains(err.Error(), "secret") {
		t.Errorf("secret document's file: err = %v", err)
	}
	if _, err := c.Edxml(ctx, secret); !errors.Is(err, connectors.ErrRefused) {
		t.Errorf("secret document's edXML: err = %v", err)
	}
	if got := p.tap.Count("download"); got != before {
		t.Errorf("a secret document's file was requested from the portal")
	}
	if got := p.tap.Count("edxml"); got != 0 {
		t.Errorf("a secret document's edXML was requested from the portal")
	}
	if l := leftovers(t, dir); len(l) != 1 {
		t.Errorf("dir holds %v, want only a.pdf", l)
	}
}

func TestDownloadCutMidBodyIsRetried(t *testing.T) {
	t.Parallel()
	p := newPortal(t, portalsim.Options{})
	pdf := append([]byte("%PDF-1.7\n"), bytes.Repeat([]byte("y"), 3000)...)
	fid := p.addFile(t, portalsim.File{Raw: pdf, Name: "x.pdf"})
	p.inject(t, "download", portalsim.FaultCut)
	c := p.client(t, nil)
	dir := t.TempDir()
	got, err := c.Download(context.Background(), fid, dir)
	if err != nil {
		t.Fatalf("Download: %v", err)
	}
	if got.Size != int64(len(pdf)) || got.SHA256 != sha(pdf) {
		t.Errorf("got %d bytes", got.Size)
	}
	if n := p.tap.Count("download"); n != 2 {
		t.Errorf("downloads = %d, want 2 (cut, then whole)", n)
	}
	if l := leftovers(t, dir); len(l) != 1 {
		t.Errorf("dir holds %v: the cut attempt's temporary file survived", l)
	}
}

func TestSanitizeFileName(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"Báo cáo quý I.pdf", "Báo cáo quý I.pdf"},
		{"../../x", "x"},
		{"/etc/passwd", "passwd"},
		{`C:\Windows\system32\a.doc`, "a.doc"},
		{"a\x00b\x01c.txt", "abc.txt"},
		{"evil\u202egpj.exe", "evilgpj.exe"}, // bidi override dropped (the .exe stays visible)
		{`what?<>|*:".pdf`, "what_______.pdf"},
		{"  .hidden  ", "hidden"},
		{"CON.txt", "_CON.txt"},
		{"", "fallback"},
		{"...", "fallback"},
		{strings.Repeat("ệ", 300) + ".pdf", strings.Repeat("ệ", 65) + ".pdf"},
	}
	for _, tt := range tests {
		if got := sanitizeFileName(tt.in, "fallback"); got != tt.want {
			t.Errorf("sanitizeFileName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestDownloadStringFileID: a portal whose file ids are not numbers (a GUID) is
// downloaded from like any other, its id path-escaped, and the local name safe.
func TestDownloadStringFileID(t *testing.T) {
	t.Parallel()
	pdf := []byte("%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n")
	var asked atomic.Value
	p := newPortal(t, portalsim.Options{}, func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if strings.Contains(r.URL.Path, "/file/download/") && !strings.HasSuffix(r.URL.Path, "/download/") {
				asked.Store(r.URL.EscapedPath())
				w.Header().Set("Content-Type", "application/pdf")
				w.Header().Set("Content-Disposition", `attachment; filename="vb.pdf"`)
				_, _ = w.Write(pdf)
				return
			}
			next.ServeHTTP(w, r)
		})
	})
	c := p.client(t, nil)
	dir := t.TempDir()
	got, err := c.Download(context.Background(), "f1001/../dd0190", dir)
	if err != nil {
		t.Fatal(err)
	}
	if a, _ := asked.Load().(string); !strings.HasSuffix(a, "/file/download/f1001%2F..%2Fdd0190/") {
		t.Errorf("asked %q: the id must be one escaped path segment", a)
	}
	if filepath.Dir(got.Path) != dir || got.SniffedType != "pdf" {
		t.Errorf("stored %q (%s)", got.Path, got.SniffedType)
	}
}
