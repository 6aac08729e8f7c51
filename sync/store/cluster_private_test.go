package store_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"cddh-sync/sync/store"
)

// TestClusterFromPrivateDirectoryAsRoot: root asks for an embedded cluster inside
// a 0700 directory (a clone in /root). initdb runs as postgres, which cannot reach
// it, so the cluster lives under the fallback root, and a note in the data
// directory says where (issue 18, "the newcomer's first command").
func TestClusterFromPrivateDirectoryAsRoot(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("!!! runs as root only: an ordinary user's embedded cluster runs as that user, who can reach its own directories !!!")
	}
	t.Parallel()
	private, err := os.MkdirTemp("", "cddh-private-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(private) })
	if err := os.Chmod(private, 0o700); err != nil {
		t.Fatal(err)
	}
	fallback, err := os.MkdirTemp("", "cddh-fallback-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(fallback) })
	if err := os.Chmod(fallback, 0o711); err != nil {
		t.Fatal(err)
	}
	dataDir := filepath.Join(private, "clone", "cddh-demo-data")
	dir, moved, err := store.EmbeddedDir(dataDir, "postgres", fallback)
	if err != nil || !moved || !strings.HasPrefix(dir, fallback+"/cddh-demo-data-") {
		t.Fatalf("EmbeddedDir = %s %v %v", dir, moved, err)
	}
	var logs []string
	ctx := context.Background()
	c, err := store.StartCluster(ctx, store.ClusterOptions{DataDir: dataDir, Fast: true, FallbackRoot: fallback,
		Log: func(m string) { logs = append(logs, m) }})
	if err != nil {
		t.Fatalf("StartCluster in a private directory as root: %v", err)
	}
	defer func() {
		if err := c.Stop(context.Background()); err != nil {
			t.Error(err)
		}
	}()
	if c.Dir() != dir {
		t.Fatalf("the cluster lives in %s, want %s", c.Dir(), dir)
	}
	if !strings.Contains(strings.Join(logs, "\n"), "lives in "+dir) {
		t.Fatalf("the location is not said: %q", logs)
	}
	note, err := os.ReadFile(filepath.Join(dataDir, "EMBEDDED-CLUSTER-LOCATION"))
	if err != nil || !strings.Contains(string(note), dir) {
		t.Fatalf("no note in the data directory: %q %v", note, err)
	}
	conn, err := pgx.Connect(ctx, c.DSN(""))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var one int
	if err := conn.QueryRow(ctx, "SELECT 1").Scan(&one); err != nil || one != 1 {
		t.Fatalf("query: %v", err)
	}
	// A reachable directory stays where it was asked for.
	open, err := os.MkdirTemp("", "cddh-open-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(open)
	_ = os.Chmod(open, 0o711)
	if d, moved, err := store.EmbeddedDir(filepath.Join(open, "data"), "postgres", fallback); err != nil || moved || d != filepath.Join(open, "data") {
		t.Fatalf("a reachable directory was moved: %s %v %v", d, moved, err)
	}
}
