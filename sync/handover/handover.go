// Package handover writes and restores the yearly handover export. The tracking
// database belongs to the government and is handed over every year (004 Điều 5, 9.3),
// so everything is exported in open formats: each table as CSV (UTF-8, header row,
// PostgreSQL's own COPY rendering, so every value round-trips exactly) and as JSON
// Lines, plus manifest.json with the row count and SHA-256 of every file. Attachment
// bytes stay on the portal; their metadata and SHA-256 are in attachments.csv.
//
// Import restores an export into an empty store in one transaction, after checking
// every file's hash and the schema version, so a damaged or foreign export is refused
// before anything is written.
package handover

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/jackc/pgx/v5"

	"cddh-sync/sync/store"
)

// Format names the export layout; Import refuses others.
const Format = "cddh-sync-export/1"

// Manifest describes an export.
type Manifest struct {
	Format        string      `json:"format"`
	ExportedAt    time.Time   `json:"exported_at"`
	SchemaVersion int         `json:"schema_version"`
	Tables        []TableInfo `json:"tables"`
	Note          string      `json:"note"`
}

// TableInfo is one table's files.
type TableInfo struct {
	Name  string     `json:"name"`
	Rows  int64      `json:"rows"`
	Files []FileInfo `json:"files"`
}

// FileInfo is one exported file.
type FileInfo struct {
	Path   string `json:"path"`
	Bytes  int64  `json:"bytes"`
	SHA256 string `json:"sha256"`
}

// Progress receives one line per table; may be nil.
type Progress func(msg string)

// Export writes the whole store into dir, which must not exist or be empty.
func Export(ctx context.Context, st *store.Store, dir string, now time.Time, progress Progress) (Manifest, error) {
	if progress == nil {
		progress = func(string) {}
	}
	m := Manifest{Format: Format, ExportedAt: now, SchemaVersion: store.SchemaVersion(),
		Note: "CSV: UTF-8 with a header row, PostgreSQL COPY format. JSONL: one JSON object per row. Attachment bytes remain on the portal; attachments.csv holds their names, sizes and SHA-256."}
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return m, fmt.Errorf("--out %s is not empty; export into a new directory", dir)
	}
	for _, sub := range []string{"csv", "jsonl"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o750); err != nil {
			return m, fmt.Errorf("--out %s: %w", dir, err)
		}
	}
	// One snapshot for all tables, so the export is consistent while the daemon runs.
	tx, err := st.Pool().BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return m, fmt.Errorf("export: %w", err)
	}
	defer tx.Rollback(ctx) //nolint:errcheck // read-only
	for i, t := range store.HandoverTables {
		ti := TableInfo{Name: t.Name}
		csvFile, rows, err := writeFile(dir, filepath.Join("csv", t.Name+".csv"), func(w io.Writer) (int64, error) {
			return store.ExportCSV(ctx, tx, t.Name, t.OrderBy, w)
		})
		if err != nil {
			return m, err
		}
		jsonFile, _, err := writeFile(dir, filepath.Join("jsonl", t.Name+".jsonl"), func(w io.Writer) (int64, error) {
			return store.ExportJSONL(ctx, tx, t.Name, t.OrderBy, w)
		})
		if err != nil {
			return m, err
		}
		ti.Rows = rows
		ti.Files = []FileInfo{csvFile, jsonFile}
		m.Tables = append(m.Tables, ti)
		progress(fmt.Sprintf("[%d/%d] %s: %d rows", i+1, len(store.HandoverTables), t.Name, rows))
	}
	raw, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return m, err
	}
	if err := os.WriteFile(filepath.Join(dir, "manifest.json"), append(raw, '\n'), 0o640); err != nil {
		return m, fmt.Errorf("--out %s: %w", dir, err)
	}
	return m, nil
}

func writeFile(dir, rel string, fill func(io.Writer) (int64, error)) (FileInfo, int64, error) {
	f, err := os.OpenFile(filepath.Join(dir, rel), os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o640)
	if err != nil {
		return FileInfo{}, 0, fmt.Errorf("export: %w", err)
	}
	h := sha256.New()
	cw := &countWriter{w: io.MultiWriter(f, h)}
	rows, err := fill(cw)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return FileInfo{}, 0, err
	}
	return FileInfo{Path: filepath.ToSlash(rel), Bytes: cw.n, SHA256: hex.EncodeToString(h.Sum(nil))}, rows, nil
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// ReadManifest reads and checks dir/manifest.json and the hash of every file it lists.
func ReadManifest(dir string) (Manifest, error) {
	var m Manifest
	raw, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		return m, fmt.Errorf("--in %s: %w", dir, err)
	}
	if err := json.Unmarshal(raw, &m); err != nil {
		return m, fmt.Errorf("--in %s: manifest.json: %w", dir, err)
	}
	if m.Format != Format {
		return m, fmt.Errorf("--in %s: format %q, want %q", dir, m.Format, Format)
	}
	for _, t := range m.Tables {
		for _, f := range t.Files {
			if !filepath.IsLocal(filepath.FromSlash(f.Path)) {
				return m, fmt.Errorf("--in %s: manifest names a path outside the export: %q", dir, f.Path)
			}
			sum, err := fileSHA256(filepath.Join(dir, filepath.FromSlash(f.Path)))
			if err != nil {
				return m, fmt.Errorf("--in %s: %w", dir, err)
			}
			if sum != f.SHA256 {
				return m, fmt.Errorf("--in %s: %s does not match its SHA-256 in manifest.json (damaged or edited)", dir, f.Path)
			}
		}
	}
	return m, nil
}

func fileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// ErrNotEmpty means the target store already holds data.
var ErrNotEmpty = errors.New("the store is not empty: import restores into an empty store only")

// Import restores the export in dir into st, which must be migrated and empty.
func Import(ctx context.Context, st *store.Store, dir string, progress Progress) (Manifest, error) {
	if progress == nil {
		progress = func(string) {}
	}
	m, err := ReadManifest(dir)
	if err != nil {
		return m, err
	}
	if m.SchemaVersion != store.SchemaVersion() {
		return m, fmt.Errorf("--in %s: exported at schema version %d, this binary has %d; import with the matching cddh-sync version", dir, m.SchemaVersion, store.SchemaVersion())
	}
	empty, err := st.IsEmpty(ctx)
	if err != nil {
		return m, err
	}
	if !empty {
		return m, ErrNotEmpty
	}
	known := map[string]bool{}
	for _, t := range store.HandoverTables {
		known[t.Name] = true
	}
	err = st.InTx(ctx, func(tx pgx.Tx) error {
		for i, t := range m.Tables {
			if !known[t.Name] {
				return fmt.Errorf("--in %s: unknown table %q in manifest.json", dir, t.Name)
			}
			if t.Name == "schema_migrations" {
				continue // the target is already migrated to the same version
			}
			f, err := os.Open(filepath.Join(dir, "csv", t.Name+".csv"))
			if err != nil {
				return fmt.Errorf("--in %s: %w", dir, err)
			}
			n, err := store.ImportCSV(ctx, tx, t.Name, f)
			f.Close()
			if err != nil {
				return err
			}
			if n != t.Rows {
				return fmt.Errorf("--in %s: %s has %d rows, manifest.json says %d", dir, t.Name, n, t.Rows)
			}
			progress(fmt.Sprintf("[%d/%d] %s: %d rows", i+1, len(m.Tables), t.Name, n))
		}
		return store.ResetSequences(ctx, tx)
	})
	return m, err
}
