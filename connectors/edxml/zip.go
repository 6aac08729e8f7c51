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

// unzip inflates a zip attachment. Two guards against zip bombs: the declared sizes
// must fit the remaining budget before anything is read, and every entry is read
// through an io.LimitReader of the remaining budget plus one byte, so a header that
// lies about its size is caught after at most budget+1 bytes. A zip inside the zip is
// refused (depth 1 only), and so is an entry name that is absolute or contains "..".
func unzip(data []byte, l Limits, budget *int64) ([]ZipEntry, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("%w: zip: %v", ErrMalformed, err)
	}
	if len(zr.File) > l.MaxZipEntries {
		return nil, fmt.Errorf("%w: %d zip entries, limit %d", ErrZipBomb, len(zr.File), l.MaxZipEntries)
	}
	var declared uint64
	for _, f := range zr.File {
		declared += f.UncompressedSize64
		if declared > uint64(*budget) || declared < f.UncompressedSize64 {
			return nil, fmt.Errorf("%w: entries declare more than %d bytes", ErrZipBomb, *budget)
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
		rc, err := f.Open()
		if err != nil {
			return nil, fmt.Errorf("%w: zip entry %q: %v", ErrMalformed, name, err)
		}
		b, err := io.ReadAll(io.LimitReader(rc, *budget+1))
		rc.Close()
		if errors.Is(err, zip.ErrFormat) {
			// While reading, archive/zip says ErrFormat only for an entry that
			// inflates past its declared size: a lying header.
			return nil, fmt.Errorf("%w: entry %q inflates past its declared %d bytes", ErrZipBomb, name, f.UncompressedSize64)
		}
		if err != nil {
			return nil, fmt.Errorf("%w: zip entry %q: %v", ErrMalformed, name, err)
		}
		if int64(len(b)) > *budget {
			return nil, fmt.Errorf("%w: entry %q inflates past %d bytes", ErrZipBomb, name, *budget)
		}
		*budget -= int64(len(b))
		if isZip(b) {
			return nil, fmt.Errorf("%w: entry %q", ErrNestedZip, name)
		}
		out = append(out, ZipEntry{Name: name, Data: b})
	}
	return out, nil
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
