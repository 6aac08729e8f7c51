package ioffice

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"cddh-sync/connectors"
)

// Download stores a file (GET /file/download/{fileId}/) in dstDir. When Detail
// has described the file, its SHA-256 is checked and a secret document's file is
// refused. See DownloadAttachment.
func (c *Client) Download(ctx context.Context, fileID string, dstDir string) (connectors.DownloadedFile, error) {
	facts, _ := c.fileFacts(fileID)
	return c.download(ctx, fileID, facts, dstDir)
}

// DownloadAttachment is Download with the expectations stated by the caller.
func (c *Client) DownloadAttachment(ctx context.Context, a connectors.Attachment, dstDir string) (connectors.DownloadedFile, error) {
	facts, _ := c.fileFacts(a.ID)
	if a.SHA256 != "" {
		facts.sha256 = strings.ToLower(a.SHA256)
	}
	return c.download(ctx, a.ID, facts, dstDir)
}

func (c *Client) download(ctx context.Context, fileID string, facts fileMemo, dstDir string) (connectors.DownloadedFile, error) {
	const endpoint = "/file/download/{fileId}/"
	refuse := func(msg string) error {
		return &connectors.Error{Kind: connectors.ErrRefused, Op: "download", Endpoint: "GET " + endpoint, Message: msg}
	}
	if facts.secret || (facts.docID != 0 && c.knownSecret(facts.docID)) {
		return connectors.DownloadedFile{}, refuse(fmt.Sprintf("file %q belongs to secret document %d: not downloaded", fileID, facts.docID))
	}
	if st, err := os.Stat(dstDir); err != nil || !st.IsDir() {
		return connectors.DownloadedFile{}, &connectors.Error{Kind: connectors.ErrPermanent, Op: "download",
			Message: fmt.Sprintf("destination directory %q is not usable", dstDir), Err: err}
	}
	cl := call{op: "download", method: http.MethodGet, path: "/file/download/" + url.PathEscape(fileID) + "/",
		endpoint: endpoint, idempotent: true, stream: true}
	var out connectors.DownloadedFile
	err := c.do(ctx, cl, func(resp *http.Response, body io.Reader) error {
		f, err := c.receiveFile(resp, body, fileID, facts, dstDir)
		if err != nil {
			return err
		}
		out = f
		return nil
	})
	if err != nil {
		return connectors.DownloadedFile{}, err
	}
	c.log.Debug().Str("event", "portal.download").Str("file_id", fileID).Int64("bytes", out.Size).
		Str("type", out.SniffedType).Msg("file downloaded")
	return out, nil
}

// receiveFile streams one answer to a temporary file, judges it and moves it
// into place. The temporary file never survives a failure.
// safeIDPrefix is a file id fit to start a local file name: letters, digits, '-'
// and '_' kept, anything else (a '/' or '..' of a hostile id) replaced.
func safeIDPrefix(id string) string {
	b := []byte(id)
	if len(b) > 64 {
		b = b[:64]
	}
	for i, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			b[i] = '_'
		}
	}
	return string(b)
}

func (c *Client) receiveFile(resp *http.Response, body io.Reader, fileID string, facts fileMemo, dstDir string) (connectors.DownloadedFile, error) {
	limit := c.opts.MaxDownloadBytes
	refused := func(msg string, err error) error { return &errBody{kind: connectors.ErrRefused, msg: msg, err: err} }
	if resp.ContentLength > limit {
		return connectors.DownloadedFile{}, refused("file too large", fmt.Errorf("%d bytes announced, limit %d", resp.ContentLength, limit))
	}
	if mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type")); mt == "application/json" {
		// An error envelope with HTTP 200 instead of the file.
		b, _ := io.ReadAll(io.LimitReader(body, 1<<16))
		if _, code, msg, err := decodeEnvelope(b); err == nil && code != "0" {
			return connectors.DownloadedFile{}, envelopeError("download", "GET /file/download/{fileId}/", code, msg)
		}
		return connectors.DownloadedFile{}, &errBody{kind: connectors.ErrRetryable, msg: "JSON instead of a file", err: errMalformed}
	}
	name := sanitizeFileName(dispositionName(resp.Header.Get("Content-Disposition")), "file-"+fileID)

	tmp, err := os.CreateTemp(dstDir, ".cddh-download-*")
	if err != nil {
		return connectors.DownloadedFile{}, &errBody{kind: connectors.ErrPermanent, msg: "cannot create a temporary file", err: err}
	}
	keep := false
	defer func() {
		if !keep {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	h := sha256.New()
	head := &headBuffer{max: 4096}
	n, err := io.Copy(io.MultiWriter(tmp, h, head), io.LimitReader(body, limit+1))
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) { // the disk, not the network
			return connectors.DownloadedFile{}, &errBody{kind: connectors.ErrRetryable, msg: "cannot write the file", err: err}
		}
		return connectors.DownloadedFile{}, err // a cut: retried
	}
	if n > limit {
		return connectors.DownloadedFile{}, refused("file too large", fmt.Errorf("more than %d bytes", limit))
	}
	if err := tmp.Sync(); err != nil {
		return connectors.DownloadedFile{}, &errBody{kind: connectors.ErrRetryable, msg: "cannot write the file", err: err}
	}
	if err := tmp.Close(); err != nil {
		return connectors.DownloadedFile{}, &errBody{kind: connectors.ErrRetryable, msg: "cannot write the file", err: err}
	}
	sum := hex.EncodeToString(h.Sum(nil))
	if facts.sha256 != "" && facts.sha256 != sum {
		return connectors.DownloadedFile{}, refused("checksum mismatch", fmt.Errorf("portal says sha256 %s, received %s", facts.sha256, sum))
	}
	kind, err := sniffType(head.b, tmp.Name(), name)
	if err != nil {
		return connectors.DownloadedFile{}, refused("file refused", err)
	}
	final := filepath.Join(dstDir, safeIDPrefix(fileID)+"-"+name)
	if err := os.Rename(tmp.Name(), final); err != nil {
		return connectors.DownloadedFile{}, &errBody{kind: connectors.ErrRetryable, msg: "cannot move the file into place", err: err}
	}
	keep = true
	return connectors.DownloadedFile{Path: final, Name: name, Size: n, SHA256: sum, SniffedType: kind}, nil
}

// headBuffer keeps the first bytes written to it, for sniffing.
type headBuffer struct {
	b   []byte
	max int
}

func (h *headBuffer) Write(p []byte) (int, error) {
	if room := h.max - len(h.b); room > 0 {
		h.b = append(h.b, p[:min(room, len(p))]...)
	}
	return len(p), nil
}

// dispositionName extracts the file name of a Content-Disposition header,
// including RFC 2231 filename*=UTF-8”… and servers that put raw UTF-8 in it.
func dispositionName(h string) string {
	if h == "" {
		return ""
	}
	if _, params, err := mime.ParseMediaType(h); err == nil {
		if n := params["filename"]; n != "" {
			return n
		}
	}
	// Lenient fallback for headers the mime package refuses.
	lower := strings.ToLower(h)
	i := strings.Index(lower, "filename=")
	if i < 0 {
		return ""
	}
	v := strings.TrimSpace(h[i+len("filename="):])
	if strings.HasPrefix(v, `"`) {
		v = v[1:]
		if j := strings.IndexByte(v, '"'); j >= 0 {
			v = v[:j]
		}
	} else if j := strings.IndexByte(v, ';'); j >= 0 {
		v = v[:j]
	}
	return v
}

// windowsReserved are device names that are not files on Windows.
var windowsReserved = map[string]bool{"con": true, "prn": true, "aux": true, "nul": true,
	"com1": true, "com2": true, "com3": true, "com4": true, "com5": true, "com6": true, "com7": true, "com8": true, "com9": true,
	"lpt1": true, "lpt2": true, "lpt3": true, "lpt4": true, "lpt5": true, "lpt6": true, "lpt7": true, "lpt8": true, "lpt9": true}

// maxNameBytes keeps "<id>-<name>" under the usual 255-byte limit.
const maxNameBytes = 200

// sanitizeFileName makes an untrusted name safe as one path element: no
// directories (so "../../x" is just "x"), no control or reserved characters, no
// leading dots, bounded length, Vietnamese letters kept (NFC).
func sanitizeFileName(raw, fallback string) string {
	s := connectors.CleanText(raw)
	s = strings.ReplaceAll(s, `\`, "/")
	s = path.Base("/" + s) // the last element; "/" and "." for nothing left
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsControl(r), r == utf8.RuneError, unicode.Is(unicode.Cf, r):
			// dropped: control and invisible format characters (bidi overrides)
		case strings.ContainsRune(`<>:"|?*/`, r):
			b.WriteRune('_')
		case unicode.IsSpace(r):
			b.WriteRune(' ')
		default:
			b.WriteRune(r)
		}
	}
	s = strings.Join(strings.Fields(b.String()), " ")
	s = strings.Trim(s, ". ")
	if s == "" || s == "_" {
		return fallback
	}
	stem, ext := s, ""
	if i := strings.LastIndexByte(s, '.'); i > 0 && len(s)-i <= 10 {
		stem, ext = s[:i], s[i:]
	}
	if windowsReserved[strings.ToLower(stem)] {
		stem = "_" + stem
	}
	for len(stem)+len(ext) > maxNameBytes && stem != "" {
		_, size := utf8.DecodeLastRuneInString(stem)
		stem = stem[:len(stem)-size]
	}
	return stem + ext
}

// executableExts are refused whatever the bytes (002 Đ4.4: "executables are refused").
var executableExts = map[string]bool{
	".exe": true, ".com": true, ".bat": true, ".cmd": true, ".scr": true, ".msi": true, ".msp": true,
	".pif": true, ".cpl": true, ".dll": true, ".sys": true, ".vbs": true, ".vbe": true, ".js": true,
	".jse": true, ".wsf": true, ".wsh": true, ".ps1": true, ".psm1": true, ".sh": true, ".bash": true,
	".jar": true, ".apk": true, ".app": true, ".lnk": true, ".hta": true, ".reg": true, ".msc": true,
	".scf": true, ".inf": true, ".ocx": true, ".gadget": true, ".elf": true, ".bin": true, ".run": true,
}

var (
	errExecutable = errors.New("executable content")
	errFormat     = errors.New("format not allowed (002 Đ4.4)")
)

// sniffType judges a file by its bytes (rules.md §6): it returns the format of
// an allowed file, or why the file is refused. head is the file's start; path
// is the whole file on disk, for formats that need a look inside.
func sniffType(head []byte, filePath, name string) (string, error) {
	ext := strings.ToLower(filepath.Ext(name))
	if executableExts[ext] {
		return "", fmt.Errorf("%w: the name ends in %s", errExecutable, ext)
	}
	magic := func(prefix string) bool { return bytes.HasPrefix(head, []byte(prefix)) }
	switch {
	case magic("MZ"):
		return "", fmt.Errorf("%w: a DOS/Windows executable (MZ) named %q", errExecutable, name)
	case magic("\x7fELF"):
		return "", fmt.Errorf("%w: an ELF executable named %q", errExecutable, name)
	case magic("\xfe\xed\xfa\xce"), magic("\xfe\xed\xfa\xcf"), magic("\xce\xfa\xed\xfe"), magic("\xcf\xfa\xed\xfe"), magic("\xca\xfe\xba\xbe"):
		return "", fmt.Errorf("%w: a Mach-O or Java class file named %q", errExecutable, name)
	case magic("#!"):
		return "", fmt.Errorf("%w: a script (#!) named %q", errExecutable, name)
	case magic("L\x00\x00\x00\x01\x14\x02\x00"):
		return "", fmt.Errorf("%w: a Windows shortcut named %q", errExecutable, name)
	case magic("%PDF-"):
		return "pdf", nil
	case magic("{\\rtf"):
		return "rtf", nil
	case magic("\x1f\x8b"):
		return "gz", nil
	case magic("Rar!\x1a\x07"):
		return "rar", nil
	case magic("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
		return sniffOLE(filePath, ext)
	case magic("PK\x03\x04"), magic("PK\x05\x06"):
		return sniffZip(filePath)
	}
	return sniffText(head, ext, name)
}

// sniffOLE tells an Office 97 file from a Windows Installer package (also OLE2).
func sniffOLE(filePath, ext string) (string, error) {
	msi := []byte{0x84, 0x10, 0x0c, 0x00, 0x00, 0x00, 0x00, 0x00, 0xc0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46}
	if clsid, err := oleRootCLSID(filePath); err == nil && bytes.Equal(clsid, msi) {
		return "", fmt.Errorf("%w: a Windows Installer package", errExecutable)
	}
	switch ext {
	case ".xls", ".ppt":
		return ext[1:], nil
	}
	return "doc", nil
}

// oleRootCLSID reads the CLSID of an OLE2 file's root directory entry.
func oleRootCLSID(filePath string) ([]byte, error) {
	f, err := os.Open(filePath)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	hdr := make([]byte, 512)
	if _, err := io.ReadFull(f, hdr); err != nil {
		return nil, err
	}
	shift := binary.LittleEndian.Uint16(hdr[30:32])
	if shift < 7 || shift > 16 {
		return nil, errors.New("bad sector size")
	}
	sector := int64(1) << shift
	dir := int64(binary.LittleEndian.Uint32(hdr[48:52]))
	entry := make([]byte, 128)
	if _, err := f.ReadAt(entry, (dir+1)*sector); err != nil {
		return nil, err
	}
	return entry[80:96], nil
}

// sniffZip tells OOXML, OpenDocument and plain ZIP apart and refuses archives
// that carry executables or macros.
func sniffZip(filePath string) (string, error) {
	zr, err := zip.OpenReader(filePath)
	if err != nil {
		return "", fmt.Errorf("%w: a damaged ZIP archive: %v", errFormat, err)
	}
	defer zr.Close()
	kind := "zip"
	for _, f := range zr.File {
		n := strings.ToLower(f.Name)
		if executableExts[strings.ToLower(path.Ext(n))] {
			return "", fmt.Errorf("%w: the archive holds %q", errExecutable, connectors.CleanText(f.Name))
		}
		if strings.HasSuffix(n, "vbaproject.bin") {
			return "", fmt.Errorf("%w: an Office file with macros", errExecutable)
		}
		switch {
		case n == "mimetype" && kind == "zip":
			rc, err := f.Open()
			if err != nil {
				continue
			}
			b, _ := io.ReadAll(io.LimitReader(rc, 100))
			rc.Close()
			switch strings.TrimSpace(string(b)) {
			case "application/vnd.oasis.opendocument.text":
				kind = "odt"
			case "application/vnd.oasis.opendocument.spreadsheet":
				kind = "ods"
			case "application/vnd.oasis.opendocument.presentation":
				kind = "odp"
			}
		case strings.HasPrefix(n, "word/") && kind == "zip":
			kind = "docx"
		case strings.HasPrefix(n, "xl/") && kind == "zip":
			kind = "xlsx"
		case strings.HasPrefix(n, "ppt/") && kind == "zip":
			kind = "pptx"
		}
	}
	if kind == "pptx" {
		return "", fmt.Errorf("%w: a PowerPoint 2007+ file (.pptx is not on the list; .ppt and .odp are)", errFormat)
	}
	return kind, nil
}

// sniffText accepts plain text (UTF-8 or UTF-16 with a BOM) as txt or csv.
func sniffText(head []byte, ext, name string) (string, error) {
	if bytes.HasPrefix(head, []byte{0xff, 0xfe}) || bytes.HasPrefix(head, []byte{0xfe, 0xff}) {
		if ext == ".csv" {
			return "csv", nil
		}
		return "txt", nil
	}
	body := bytes.TrimPrefix(head, []byte{0xef, 0xbb, 0xbf})
	// The head may end inside a multi-byte letter.
	for i := 0; i < 3 && len(body) > 0 && !utf8.Valid(body); i++ {
		body = body[:len(body)-1]
	}
	if len(head) > 0 && (len(body) == 0 || !utf8.Valid(body)) {
		return "", fmt.Errorf("%w: unrecognised binary content named %q", errFormat, name)
	}
	for _, r := range string(body) {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' && r != '\f' {
			return "", fmt.Errorf("%w: unrecognised binary content named %q", errFormat, name)
		}
	}
	start := strings.ToLower(strings.TrimSpace(string(body[:min(len(body), 64)])))
	switch {
	case strings.HasPrefix(start, "<!doctype html"), strings.HasPrefix(start, "<html"):
		return "", fmt.Errorf("%w: an HTML page, not a document (a portal error page?)", errFormat)
	case strings.HasPrefix(start, "<?xml"), strings.HasPrefix(start, "<svg"):
		return "", fmt.Errorf("%w: XML/SVG content", errFormat)
	}
	if ext == ".csv" {
		return "csv", nil
	}
	return "txt", nil
}
