package edxml

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
)

var zipMagic = []byte("PK\x03\x04")

func isZip(b []byte) bool { return bytes.HasPrefix(b, zipMagic) }

// maxZipDepth: an attachment that is a zip is depth 1, a zip inside it depth 2. The
// official library zips every attachment that is not pdf/doc/docx, so a zip the sender
// attached arrives as a zip inside a zip.
const maxZipDepth = 2

// officeExts are the office formats whose files are zip containers.
var officeExts = map[string]bool{
	".docx": true, ".docm": true, ".dotx": true, ".dotm": true,
	".xlsx": true, ".xlsm": true, ".xltx": true, ".xltm": true,
	".pptx": true, ".pptm": true, ".ppsx": true, ".potx": true,
	".odt": true, ".ods": true, ".odp": true, ".odg": true, ".odf": true,
	".ott": true, ".ots": true, ".otp": true, ".vsdx": true,
}

func officeName(name string) bool { return officeExts[strings.ToLower(path.Ext(name))] }

// officeContent reports whether a zip archive is itself an office document: an
// OOXML package ([Content_Types].xml at its root) or an OpenDocument one (a first
// entry "mimetype" naming an application/vnd.oasis.opendocument type).
func officeContent(zr *zip.Reader) bool {
	for i, f := range zr.File {
		if f.Name == "[Content_Types].xml" {
			return true
		}
		if i == 0 && f.Name == "mimetype" && f.Method == zip.Store && f.UncompressedSize64 < 128 {
			rc, err := f.Open()
			if err != nil {
				return false
			}
			b, _ := io.ReadAll(io.LimitReader(rc, 128))
			rc.Close()
			return bytes.HasPrefix(b, []byte("application/vnd.oasis.opendocument"))
		}
	}
	return false
}

// classify opens data as a zip when it starts like one. It answers the reader (nil
// when data is not a zip or is an office document) and whether data is an office
// document. Content and name decide together:
//   - a zip holding an OOXML or OpenDocument marker is an office document, whatever
//     its name, and is never unpacked into its XML parts;
//   - a zip named like an office file (x.xlsx) without the marker is the official
//     sender's wrapper when typed application/zip (the library zips every attachment
//     that is not pdf/doc/docx, keeping the name), and is unpacked once; typed
//     otherwise (or a zip entry, which has no type), the name is believed and the
//     file kept whole as an office document.
func classify(data []byte, name, contentType string) (*zip.Reader, bool, error) {
	if !isZip(data) {
		return nil, false, nil
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, false, fmt.Errorf("%w: zip: %v", ErrMalformed, err)
	}
	if officeContent(zr) || (officeName(name) && !isZipType(contentType)) {
		return nil, true, nil
	}
	return zr, false, nil
}

// unzipper inflates zip attachments against a budget shared by all the attachments
// of a package.
type unzipper struct {
	l      Limits
	budget int64
}

// unzip inflates one archive at the given depth. Guards against zip bombs: the
// entry count is capped; the declared sizes must fit the remaining budget before
// anything is read; every entry is read through an io.LimitReader of the remaining
// budget plus one byte, so a header that lies about its size is caught after at most
// budget+1 bytes; an entry of more than 1 MiB may not inflate more than MaxZipRatio
// times its compressed size. A zip entry that is not an office document is unpacked
// in turn (its files named under it, "inner.zip/x.pdf") up to maxZipDepth; deeper is
// ErrNestedZip. Entry names that are absolute or contain ".." are refused.
func (u *unzipper) unzip(zr *zip.Reader, prefix string, depth int) ([]ZipEntry, error) {
	if len(zr.File) > u.l.MaxZipEntries {
		return nil, fmt.Errorf("%w: %d zip entries, limit %d", ErrZipBomb, len(zr.File), u.l.MaxZipEntries)
	}
	var declared uint64
	for _, f := range zr.File {
		declared += f.UncompressedSize64
		if declared > uint64(u.budget) || declared < f.UncompressedSize64 {
			return nil, fmt.Errorf("%w: entries declare more than %d bytes", ErrZipBomb, u.budget)
		}
		if f.UncompressedSize64 > 1<<20 && f.UncompressedSize64/max(f.CompressedSize64, 1) > uint64(u.l.MaxZipRatio) {
			return nil, fmt.Errorf("%w: entry %q inflates %d times, limit %d", ErrZipBomb, f.Name,
				f.UncompressedSize64/max(f.CompressedSize64, 1), u.l.MaxZipRatio)
		}
	}
	var out []ZipEntry
	for _, f := range zr.File {
		name, err := safeName(f.Name)
		if err != nil {
			return nil, err
		}
		if f.FileInfo().IsDir() {
			continue
		}
		full := prefix + name
		b, err := u.read(f, full)
		if err != nil {
			return nil, err
		}
		inner, office, err := classify(b, name, "")
		switch {
		case office:
			out = append(out, ZipEntry{Name: full, Data: b, Office: true})
		case err != nil:
			return nil, fmt.Errorf("entry %q: %w", full, err)
		case inner == nil:
			out = append(out, ZipEntry{Name: full, Data: b})
		case depth >= maxZipDepth:
			return nil, fmt.Errorf("%w: entry %q", ErrNestedZip, full)
		default:
			// The inner zip's bytes were counted; its files are counted as they inflate.
			u.budget += int64(len(b))
			entries, err := u.unzip(inner, full+"/", depth+1)
			if err != nil {
				return nil, err
			}
			out = append(out, entries...)
		}
	}
	return out, nil
}

// read inflates one entry against the budget.
func (u *unzipper) read(f *zip.File, name string) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%w: zip entry %q: %v", ErrMalformed, name, err)
	}
	b, err := io.ReadAll(io.LimitReader(rc, u.budget+1))
	rc.Close()
	if errors.Is(err, zip.ErrFormat) {
		// While reading, archive/zip says ErrFormat only for an entry that inflates
		// past its declared size: a lying header.
		return nil, fmt.Errorf("%w: entry %q inflates past its declared %d bytes", ErrZipBomb, name, f.UncompressedSize64)
	}
	if err != nil {
		return nil, fmt.Errorf("%w: zip entry %q: %v", ErrMalformed, name, err)
	}
	if int64(len(b)) > u.budget {
		return nil, fmt.Errorf("%w: entry %q inflates past %d bytes", ErrZipBomb, name, u.budget)
	}
	u.budget -= int64(len(b))
	return b, nil
}

// safeName returns a clean relative slash path or ErrUnsafeName.
func safeName(n string) (string, error) {
	s := strings.ReplaceAll(n, "\\", "/")
	if s == "" || strings.ContainsRune(s, 0) || strings.HasPrefix(s, "/") ||
		(len(s) >= 2 && s[1] == ':') {
		return "", fmt.Errorf("%w: %q", ErrUnsafeName, n)
	}
	for _, seg := range strings.Split(s, "/") {
		if seg == ".." {
			return "", fmt.Errorf("%w: %q", ErrUnsafeName, n)
		}
	}
	return path.Clean(s), nil
}
