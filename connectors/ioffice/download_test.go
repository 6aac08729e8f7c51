package ioffice

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"cddh-sync/connectors"
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

func TestDownload(t *testing.T) {
	t.Parallel()
	pdf := []byte("%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n")
	mz := append([]byte("MZ\x90\x00\x03"), bytes.Repeat([]byte{0}, 200)...)
	big := append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte("x"), 8<<10)...)
	tests := []struct {
		name        string
		file        fakeFile
		wantErr     error
		wantName    string
		wantType    string
		chunked     bool // hide the length, so the limit is met while streaming
		errContains string
	}{
		{name: "pdf with Vietnamese RFC 2231 name",
			file:     fakeFile{body: pdf, disposition: `attachment; filename*=UTF-8''Th%C3%B4ng%20b%C3%A1o%2045.pdf`},
			wantName: "Thông báo 45.pdf", wantType: "pdf"},
		{name: "decomposed Vietnamese name is composed",
			file:     fakeFile{body: pdf, disposition: "attachment; filename=\"Ke\u0302\u0301 hoa\u0323ch.pdf\""},
			wantName: "Kế hoạch.pdf", wantType: "pdf"},
		{name: "path traversal name",
			file:     fakeFile{body: pdf, disposition: `attachment; filename="../../../etc/cron.d/x.pdf"`},
			wantName: "x.pdf", wantType: "pdf"},
		{name: "windows traversal name",
			file:     fakeFile{body: pdf, disposition: `attachment; filename="..\\..\\Windows\\evil.pdf"`},
			wantName: "evil.pdf", wantType: "pdf"},
		{name: "only dots", file: fakeFile{body: pdf, disposition: `attachment; filename=".."`}, wantName: "file-1", wantType: "pdf"},
		{name: "no disposition", file: fakeFile{body: []byte("Báo cáo\n")}, wantName: "file-1", wantType: "txt"},
		{name: "MZ disguised as pdf",
			file:    fakeFile{body: mz, disposition: `attachment; filename="bao-cao.pdf"`},
			wantErr: connectors.ErrRefused, errContains: "MZ"},
		{name: "ELF", file: fakeFile{body: []byte("\x7fELF\x02\x01\x01"), disposition: `attachment; filename="a.doc"`}, wantErr: connectors.ErrRefused},
		{name: "Mach-O", file: fakeFile{body: []byte("\xcf\xfa\xed\xfe\x07\x00"), disposition: `attachment; filename="a.pdf"`}, wantErr: connectors.ErrRefused},
		{name: "shebang script", file: fakeFile{body: []byte("#!/bin/sh\nrm -rf /\n"), disposition: `attachment; filename="readme.txt"`}, wantErr: connectors.ErrRefused},
		{name: "pdf bytes named .exe", file: fakeFile{body: pdf, disposition: `attachment; filename="x.exe"`}, wantErr: connectors.ErrRefused},
		{name: "bat name", file: fakeFile{body: []byte("echo hi\r\n"), disposition: `attachment; filename="run.bat"`}, wantErr: connectors.ErrRefused},
		{name: "oversized, announced", file: fakeFile{body: big, disposition: `attachment; filename="big.pdf"`},
			wantErr: connectors.ErrRefused, errContains: "too large"},
		{name: "oversized, streamed", file: fakeFile{body: big, disposition: `attachment; filename="big.pdf"`}, chunked: true,
			wantErr: connectors.ErrRefused, errContains: "too large"},
		{name: "docx", file: fakeFile{body: zipOf(t, map[string]string{"[Content_Types].xml": "<x/>", "word/document.xml": "<w/>"}),
			disposition: `attachment; filename="a.docx"`}, wantName: "a.docx", wantType: "docx"},
		{name: "odt", file: fakeFile{body: zipOf(t, map[string]string{"mimetype": "application/vnd.oasis.opendocument.text"}),
			disposition: `attachment; filename="a.odt"`}, wantName: "a.odt", wantType: "odt"},
		{name: "zip holding an exe", file: fakeFile{body: zipOf(t, map[string]string{"tai-lieu/setup.exe": "MZ"}),
			disposition: `attachment; filename="a.zip"`}, wantErr: connectors.ErrRefused},
		{name: "docm macros", file: fakeFile{body: zipOf(t, map[string]string{"word/document.xml": "<w/>", "word/vbaProject.bin": "x"}),
			disposition: `attachment; filename="a.docx"`}, wantErr: connectors.ErrRefused},
		{name: "html error page", file: fakeFile{body: []byte("<!DOCTYPE html><html>Lỗi</html>"), disposition: `attachment; filename="a.pdf"`},
			wantErr: connectors.ErrRefused},
		{name: "unknown binary", file: fakeFile{body: []byte{0, 1, 2, 3, 4, 5, 0xff}, disposition: `attachment; filename="a.pdf"`},
			wantErr: connectors.ErrRefused},
		{name: "error envelope instead of the file", file: fakeFile{body: []byte(`{"status":{"code":"404","message":"Không có"},"data":null}`), contentType: "application/json"},
			wantErr: connectors.ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := newFakePortal(t)
			f.files[1] = tt.file
			if tt.chunked {
				f.hook = func(w http.ResponseWriter, r *http.Request, rt string) bool {
					if rt != "GET /file/download/{}/" {
						return false
					}
					w.Header().Set("Content-Disposition", tt.file.disposition)
					for i := 0; i < len(tt.file.body); i += 1024 {
						w.Write(tt.file.body[i:min(i+1024, len(tt.file.body))])
						w.(http.Flusher).Flush()
					}
					return true
				}
			}
			c := f.client(t, func(o *Options) { o.MaxDownloadBytes = 4 << 10 })
			dir := t.TempDir()
			got, err := c.Download(context.Background(), 1, dir)
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
			if got.Name != tt.wantName || got.SniffedType != tt.wantType {
				t.Errorf("name %q type %q, want %q %q", got.Name, got.SniffedType, tt.wantName, tt.wantType)
			}
			if filepath.Dir(got.Path) != dir {
				t.Errorf("path %q escapes %q", got.Path, dir)
			}
			b, err := os.ReadFile(got.Path)
			if err != nil || !bytes.Equal(b, tt.file.body) || got.SHA256 != sha(tt.file.body) || got.Size != int64(len(b)) {
				t.Errorf("stored file differs (err %v, size %d, sha %s)", err, got.Size, got.SHA256)
			}
			if l := leftovers(t, dir); len(l) != 1 {
				t.Errorf("dir holds %v, want only the file", l)
			}
		})
	}
}

func TestDownloadChecksAndSecrecyFromDetail(t *testing.T) {
	t.Parallel()
	f := newFakePortal(t)
	pdf := []byte("%PDF-1.7\nhello\n")
	f.files[10] = fakeFile{body: pdf, name: "a.pdf", sha: sha(pdf), disposition: `attachment; filename="a.pdf"`}
	f.files[11] = fakeFile{body: pdf, name: "b.pdf", sha: sha([]byte("other")), disposition: `attachment; filename="b.pdf"`}
	f.files[12] = fakeFile{body: pdf, name: "c.pdf", sha: sha(pdf)}
	f.addDoc(1, 0).fileIDs = []int64{10, 11}
	secret := f.addDoc(2, 0)
	secret.fileIDs = []int64{12}
	secret.secrecy = "Tối mật"
	c := f.client(t, nil)
	ctx := context.Background()
	for _, id := range []int64{1, 2} {
		if _, err := c.Detail(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	dir := t.TempDir()
	if _, err := c.Download(ctx, 10, dir); err != nil {
		t.Errorf("matching checksum: %v", err)
	}
	if _, err := c.Download(ctx, 11, dir); !errors.Is(err, connectors.ErrRefused) || !strings.Contains(err.Error(), "checksum") {
		t.Errorf("checksum mismatch: err = %v", err)
	}
	before := f.count("GET /file/download/{}/")
	if _, err := c.Download(ctx, 12, dir); !errors.Is(err, connectors.ErrRefused) || !strings.Contains(err.Error(), "secret") {
		t.Errorf("secret document's file: err = %v", err)
	}
	if _, err := c.Edxml(ctx, 2); !errors.Is(err, connectors.ErrRefused) {
		t.Errorf("secret document's edXML: err = %v", err)
	}
	if got := f.count("GET /file/download/{}/"); got != before {
		t.Errorf("a secret document's file was requested from the portal")
	}
	if l := leftovers(t, dir); len(l) != 1 {
		t.Errorf("dir holds %v, want only a.pdf", l)
	}
}

func TestDownloadCutMidBodyIsRetried(t *testing.T) {
	t.Parallel()
	f := newFakePortal(t)
	pdf := append([]byte("%PDF-1.7\n"), bytes.Repeat([]byte("y"), 3000)...)
	f.files[5] = fakeFile{body: pdf, disposition: `attachment; filename="x.pdf"`}
	var cut atomic.Int32
	cut.Store(1)
	f.hook = func(w http.ResponseWriter, r *http.Request, rt string) bool {
		if rt == "GET /file/download/{}/" && cut.Add(-1) >= 0 {
			hijackCut(w, string(pdf[:1000]))
			return true
		}
		return false
	}
	c := f.client(t, nil)
	dir := t.TempDir()
	got, err := c.Download(context.Background(), 5, dir)
	if err != nil {
		t.Fatalf("Download: %v", err)
	}
	if got.Size != int64(len(pdf)) || got.SHA256 != sha(pdf) {
		t.Errorf("got %d bytes", got.Size)
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
