package store

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
)

// ErrNoPostgres means no PostgreSQL server binaries were found on this machine.
var ErrNoPostgres = errors.New("no PostgreSQL server binaries (initdb, pg_ctl) found on PATH or under /usr/lib/postgresql/*/bin; install them with: apt-get install postgresql")

// ClusterOptions configure the embedded default cluster.
type ClusterOptions struct {
	// DataDir holds the cluster (DataDir/pgdata), its superuser password and its lock.
	DataDir string
	// OSUser runs the server when this process is root, since initdb refuses root.
	// Default "postgres".
	OSUser string
	// Database is created if missing. Default "cddh".
	Database string
	// Fast turns durability off (fsync, synchronous_commit). For throwaway test
	// clusters only.
	Fast bool
	// Log receives progress lines ("initialising ...", "started ..."); may be nil.
	Log func(msg string)
	// FallbackRoot is where the cluster goes when this process is root and OSUser
	// cannot reach DataDir (a clone in /root, mode 0700): FallbackRoot/<name>-<hash
	// of DataDir>. Default DefaultFallbackRoot.
	FallbackRoot string
}

// DefaultFallbackRoot holds embedded clusters whose data_dir the server's OS user
// cannot reach. Not under /var/lib/cddh-sync: the Debian package gives that
// directory to the cddh-sync user, mode 0750, which postgres cannot traverse.
const DefaultFallbackRoot = "/var/lib/cddh-sync-embedded"

// EmbeddedDir is where the cluster for dataDir lives: dataDir itself, or, when
// this process is root and osUser cannot traverse to dataDir, a directory under
// fallbackRoot named after it (moved is then true). Nothing is created.
func EmbeddedDir(dataDir, osUser, fallbackRoot string) (dir string, moved bool, err error) {
	dir, err = filepath.Abs(dataDir)
	if err != nil {
		return "", false, fmt.Errorf("store.data_dir %s: %w", dataDir, err)
	}
	if os.Geteuid() != 0 {
		return dir, false, nil
	}
	if osUser == "" {
		osUser = "postgres"
	}
	if fallbackRoot == "" {
		fallbackRoot = DefaultFallbackRoot
	}
	u, err := user.Lookup(osUser)
	if err != nil {
		return dir, false, nil // StartCluster reports the missing user
	}
	if canTraverse(dir, u) {
		return dir, false, nil
	}
	sum := sha256.Sum256([]byte(dir))
	name := strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.' {
			return r
		}
		return '_'
	}, filepath.Base(dir))
	return filepath.Join(fallbackRoot, name+"-"+hex.EncodeToString(sum[:4])), true, nil
}

// canTraverse reports whether u may reach dir: every existing directory on the
// way grants it search permission (missing ones are created 0711).
func canTraverse(dir string, u *user.User) bool {
	uid, _ := strconv.ParseUint(u.Uid, 10, 32)
	groups := map[uint64]bool{}
	if gid, err := strconv.ParseUint(u.Gid, 10, 32); err == nil {
		groups[gid] = true
	}
	if ids, err := u.GroupIds(); err == nil {
		for _, g := range ids {
			if n, err := strconv.ParseUint(g, 10, 32); err == nil {
				groups[n] = true
			}
		}
	}
	for p := dir; ; p = filepath.Dir(p) {
		if fi, err := os.Stat(p); err == nil {
			st, ok := fi.Sys().(*syscall.Stat_t)
			if !ok {
				return true
			}
			mode := fi.Mode().Perm()
			switch {
			case uint64(st.Uid) == uid:
				if mode&0o100 == 0 {
					return false
				}
			case groups[uint64(st.Gid)]:
				if mode&0o010 == 0 {
					return false
				}
			default:
				if mode&0o001 == 0 {
					return false
				}
			}
		}
		if p == filepath.Dir(p) {
			return true
		}
	}
}

// Cluster is a private PostgreSQL cluster that cddh-sync starts and owns when no DSN
// is configured. It listens on a loopback TCP port only (no unix socket, so a long
// data path cannot hit the socket path limit), with scram-sha-256 authentication and
// a random superuser password kept in DataDir (mode 0600).
type Cluster struct {
	opts     ClusterOptions
	binDir   string
	dir      string
	pgdata   string
	port     int
	password string
	cred     *syscall.Credential // nil when not root
	lockFile *os.File
}

const clusterSuperuser = "cddh"

// FindPostgresBin returns the directory holding initdb and pg_ctl: PATH first, then
// the newest /usr/lib/postgresql/*/bin (Debian does not put them on PATH).
func FindPostgresBin() (string, error) {
	if p, err := exec.LookPath("initdb"); err == nil {
		if real, err := filepath.EvalSymlinks(p); err == nil {
			p = real
		}
		dir := filepath.Dir(p)
		if _, err := os.Stat(filepath.Join(dir, "pg_ctl")); err == nil {
			return dir, nil
		}
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool { return pgMajor(dirs[i]) > pgMajor(dirs[j]) })
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "initdb")); err == nil {
			return d, nil
		}
	}
	return "", ErrNoPostgres
}

func pgMajor(binDir string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(binDir)))
	return n
}

// StartCluster initialises the cluster on first use, starts it (or adopts one a crashed
// run of ours left running), and creates the database. Stop it with Stop.
func StartCluster(ctx context.Context, opts ClusterOptions) (*Cluster, error) {
	if opts.OSUser == "" {
		opts.OSUser = "postgres"
	}
	if opts.Database == "" {
		opts.Database = "cddh"
	}
	if opts.Log == nil {
		opts.Log = func(string) {}
	}
	bin, err := FindPostgresBin()
	if err != nil {
		return nil, err
	}
	asked, err := filepath.Abs(opts.DataDir)
	if err != nil {
		return nil, fmt.Errorf("store.data_dir %s: %w", opts.DataDir, err)
	}
	dir, moved, err := EmbeddedDir(asked, opts.OSUser, opts.FallbackRoot)
	if err != nil {
		return nil, err
	}
	if moved {
		// initdb runs as OSUser, which cannot reach a private directory such as a
		// clone in /root: the cluster lives where it can, and a note says where.
		opts.Log(fmt.Sprintf("the OS user %q cannot reach %s; the embedded PostgreSQL cluster lives in %s", opts.OSUser, asked, dir))
		if err := os.MkdirAll(asked, 0o700); err == nil {
			_ = os.WriteFile(filepath.Join(asked, "EMBEDDED-CLUSTER-LOCATION"),
				[]byte("The embedded PostgreSQL cluster of this data directory lives in\n"+dir+"\n(the OS user "+opts.OSUser+" cannot reach this directory).\n"), 0o644)
		}
	}
	c := &Cluster{opts: opts, binDir: bin, dir: dir, pgdata: filepath.Join(dir, "pgdata")}
	if os.Geteuid() == 0 {
		cred, err := lookupCredential(opts.OSUser)
		if err != nil {
			return nil, err
		}
		c.cred = cred
	}
	// 0711: the server's OS user may traverse to pgdata but not list this directory.
	if err := os.MkdirAll(dir, 0o711); err != nil {
		return nil, fmt.Errorf("store.data_dir %s: %w", dir, err)
	}
	if err := c.lock(dir); err != nil {
		return nil, err
	}
	ok := false
	defer func() {
		if !ok {
			c.unlock()
		}
	}()
	if err := c.ensurePassword(dir); err != nil {
		return nil, err
	}
	if _, err := os.Stat(filepath.Join(c.pgdata, "PG_VERSION")); errors.Is(err, os.ErrNotExist) {
		opts.Log("initialising the embedded PostgreSQL cluster in " + c.pgdata)
		if err := c.initdb(ctx); err != nil {
			return nil, err
		}
	}
	if port, running := c.runningPort(ctx); running {
		// A previous run was killed and left its server up: adopt it.
		c.port = port
		opts.Log(fmt.Sprintf("adopted the running embedded PostgreSQL on 127.0.0.1:%d", port))
	} else {
		if err := c.start(ctx); err != nil {
			return nil, err
		}
		opts.Log(fmt.Sprintf("started the embedded PostgreSQL on 127.0.0.1:%d", c.port))
	}
	if err := c.createDatabase(ctx, opts.Database); err != nil {
		_ = c.stopServer(context.WithoutCancel(ctx))
		return nil, err
	}
	ok = true
	return c, nil
}

// DSN returns a connection string for database db (the configured one when empty).
func (c *Cluster) DSN(db string) string {
	if db == "" {
		db = c.opts.Database
	}
	u := url.URL{
		Scheme:   "postgres",
		User:     url.UserPassword(clusterSuperuser, c.password),
		Host:     net.JoinHostPort("127.0.0.1", strconv.Itoa(c.port)),
		Path:     "/" + db,
		RawQuery: "sslmode=disable",
	}
	return u.String()
}

// Dir is the directory the cluster actually lives in (see EmbeddedDir).
func (c *Cluster) Dir() string { return c.dir }

// Port is the loopback port the server listens on.
func (c *Cluster) Port() int { return c.port }

// Stop shuts the server down (fast mode: open sessions are rolled back) and releases
// the data directory.
func (c *Cluster) Stop(ctx context.Context) error {
	defer c.unlock()
	return c.stopServer(ctx)
}

func (c *Cluster) stopServer(ctx context.Context) error {
	out, err := c.pgctl(ctx, "stop", "-D", c.pgdata, "-m", "fast", "-w", "-t", "60")
	if err != nil {
		return fmt.Errorf("stopping the embedded PostgreSQL: %v: %s", err, lastLine(out))
	}
	return nil
}

func lookupCredential(name string) (*syscall.Credential, error) {
	u, err := user.Lookup(name)
	if err != nil {
		return nil, fmt.Errorf("store.embedded_user %q: running as root, the embedded PostgreSQL must run as another OS user and this one does not exist (create it, or apt-get install postgresql, which creates 'postgres'): %v", name, err)
	}
	uid, _ := strconv.ParseUint(u.Uid, 10, 32)
	gid, _ := strconv.ParseUint(u.Gid, 10, 32)
	if uid == 0 {
		return nil, fmt.Errorf("store.embedded_user %q is root; initdb refuses root, choose another user", name)
	}
	return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}, nil
}

// ErrDataDirInUse says another process owns the embedded cluster of a data
// directory (it runs the server); RunningEmbeddedDSN connects to it.
var ErrDataDirInUse = errors.New("is in use by another cddh-sync process")

// lock takes an exclusive flock on DataDir/lock: one daemon per embedded cluster.
func (c *Cluster) lock(dir string) error {
	f, err := os.OpenFile(filepath.Join(dir, "lock"), os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return fmt.Errorf("store.data_dir %s: %w", dir, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return fmt.Errorf("store.data_dir %s %w; several daemons need a shared PostgreSQL (store.dsn)", dir, ErrDataDirInUse)
	}
	c.lockFile = f
	return nil
}

func (c *Cluster) unlock() {
	if c.lockFile != nil {
		_ = syscall.Flock(int(c.lockFile.Fd()), syscall.LOCK_UN)
		c.lockFile.Close()
		c.lockFile = nil
	}
}

func (c *Cluster) ensurePassword(dir string) error {
	path := filepath.Join(dir, "superuser.password")
	raw, err := os.ReadFile(path)
	if err == nil && len(bytes.TrimSpace(raw)) > 0 {
		c.password = string(bytes.TrimSpace(raw))
		return nil
	}
	if _, err := os.Stat(filepath.Join(c.pgdata, "PG_VERSION")); err == nil {
		return fmt.Errorf("store.data_dir %s: the cluster exists but %s is missing; restore it or remove %s to start afresh", dir, path, c.pgdata)
	}
	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		return err
	}
	c.password = hex.EncodeToString(b)
	if err := os.WriteFile(path, []byte(c.password+"\n"), 0o600); err != nil {
		return fmt.Errorf("store.data_dir %s: %w", dir, err)
	}
	return nil
}

func (c *Cluster) initdb(ctx context.Context) error {
	// The password reaches initdb through a file only its OS user can read.
	tmp, err := os.MkdirTemp("", "cddh-initdb-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	pwfile := filepath.Join(tmp, "pw")
	if err := os.WriteFile(pwfile, []byte(c.password+"\n"), 0o600); err != nil {
		return err
	}
	if err := c.chown(tmp, pwfile); err != nil {
		return err
	}
	if err := os.MkdirAll(c.pgdata, 0o700); err != nil {
		return fmt.Errorf("store.data_dir: %w", err)
	}
	if err := c.chown(c.pgdata); err != nil {
		return err
	}
	args := []string{"-D", c.pgdata, "-U", clusterSuperuser, "--pwfile", pwfile,
		"-E", "UTF8", "--locale", "C", "--auth-host", "scram-sha-256", "--auth-local", "scram-sha-256"}
	if c.opts.Fast {
		args = append(args, "--no-sync")
	}
	out, err := c.command(ctx, "initdb", args...).CombinedOutput()
	if err != nil {
		msg := lastLine(out)
		if strings.Contains(string(out), "Permission denied") && c.cred != nil {
			msg += fmt.Sprintf(" (the OS user %q must be able to reach %s: choose a store.data_dir outside a private home directory)", c.opts.OSUser, c.pgdata)
		}
		return fmt.Errorf("initdb in %s: %v: %s", c.pgdata, err, msg)
	}
	conf := "\n# cddh-sync: loopback TCP only, no unix socket.\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = ''\n"
	if c.opts.Fast {
		conf += "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
	}
	f, err := os.OpenFile(filepath.Join(c.pgdata, "postgresql.conf"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = f.WriteString(conf)
	return err
}

func (c *Cluster) chown(paths ...string) error {
	if c.cred == nil {
		return nil
	}
	for _, p := range paths {
		if err := os.Chown(p, int(c.cred.Uid), int(c.cred.Gid)); err != nil {
			return fmt.Errorf("giving %s to %s: %w", p, c.opts.OSUser, err)
		}
	}
	return nil
}

// runningPort reads postmaster.pid of a server that is still up (line 4 is the port).
func (c *Cluster) runningPort(ctx context.Context) (int, bool) {
	if _, err := c.pgctl(ctx, "status", "-D", c.pgdata); err != nil {
		return 0, false
	}
	raw, err := os.ReadFile(filepath.Join(c.pgdata, "postmaster.pid"))
	if err != nil {
		return 0, false
	}
	lines := strings.Split(string(raw), "\n")
	if len(lines) < 4 {
		return 0, false
	}
	port, err := strconv.Atoi(strings.TrimSpace(lines[3]))
	return port, err == nil && port > 0
}

func (c *Cluster) start(ctx context.Context) error {
	var lastErr error
	for attempt := 0; attempt < 3; attempt++ {
		port, err := freePort()
		if err != nil {
			return err
		}
		c.port = port
		out, err := c.pgctl(ctx, "start", "-D", c.pgdata, "-l", filepath.Join(c.pgdata, "server.log"),
			"-w", "-t", "60", "-o", "-p "+strconv.Itoa(port))
		if err == nil {
			return nil
		}
		lastErr = fmt.Errorf("starting the embedded PostgreSQL: %v: %s (see %s)", err, lastLine(out), filepath.Join(c.pgdata, "server.log"))
		if ctx.Err() != nil {
			break
		}
	}
	return lastErr
}

// Bounce stops the server (fast shutdown: connections are cut, as in a crash or a
// failover), waits for pause, and starts it again on the same port. The
// reliability tests use it to show the daemon rides out a database restart.
func (c *Cluster) Bounce(ctx context.Context, pause time.Duration) error {
	if err := c.stopServer(ctx); err != nil {
		return err
	}
	select {
	case <-time.After(pause):
	case <-ctx.Done():
		return ctx.Err()
	}
	out, err := c.pgctl(ctx, "start", "-D", c.pgdata, "-l", filepath.Join(c.pgdata, "server.log"),
		"-w", "-t", "60", "-o", "-p "+strconv.Itoa(c.port))
	if err != nil {
		return fmt.Errorf("restarting the embedded PostgreSQL: %v: %s", err, lastLine(out))
	}
	return nil
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("finding a free loopback port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func (c *Cluster) createDatabase(ctx context.Context, db string) error {
	var conn *pgx.Conn
	var err error
	for i := 0; i < 50; i++ { // the server may still be finishing recovery
		conn, err = pgx.Connect(ctx, c.DSN("postgres"))
		if err == nil || ctx.Err() != nil {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err != nil {
		return fmt.Errorf("connecting to the embedded PostgreSQL: %w", err)
	}
	defer conn.Close(context.WithoutCancel(ctx))
	var exists bool
	if err := conn.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", db).Scan(&exists); err != nil {
		return fmt.Errorf("embedded PostgreSQL: %w", err)
	}
	if exists {
		return nil
	}
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{db}.Sanitize()); err != nil {
		return fmt.Errorf("creating database %s: %w", db, err)
	}
	return nil
}

func (c *Cluster) pgctl(ctx context.Context, args ...string) ([]byte, error) {
	cmd := c.command(ctx, "pg_ctl", args...)
	return cmd.CombinedOutput()
}

// command runs a PostgreSQL binary, as the cluster's OS user when we are root. pg_ctl
// start leaves the server running in its own session, so it outlives ctx by design;
// Stop ends it.
func (c *Cluster) command(ctx context.Context, name string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, filepath.Join(c.binDir, name), args...)
	cmd.Dir = "/" // the OS user may not be able to enter our working directory
	cmd.Env = []string{"PATH=/usr/bin:/bin", "LC_ALL=C", "LANG=C"}
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	if c.cred != nil {
		cmd.SysProcAttr.Credential = c.cred
	}
	return cmd
}

func lastLine(out []byte) string {
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	return strings.TrimSpace(lines[len(lines)-1])
}

// RunningEmbeddedDSN returns the DSN of the embedded cluster of dataDir when its
// server is running (a daemon owns it): the port from postmaster.pid, the
// password from the data directory. ok is false when it is not running; then
// StartCluster may be used.
func RunningEmbeddedDSN(ctx context.Context, dataDir, osUser, fallbackRoot, database string) (dsn string, ok bool, err error) {
	dir, _, err := EmbeddedDir(dataDir, osUser, fallbackRoot)
	if err != nil {
		return "", false, err
	}
	pw, err := os.ReadFile(filepath.Join(dir, "superuser.password"))
	if err != nil {
		return "", false, nil
	}
	raw, err := os.ReadFile(filepath.Join(dir, "pgdata", "postmaster.pid"))
	if err != nil {
		return "", false, nil
	}
	lines := strings.Split(string(raw), "\n")
	if len(lines) < 4 {
		return "", false, nil
	}
	port, err := strconv.Atoi(strings.TrimSpace(lines[3]))
	if err != nil || port <= 0 {
		return "", false, nil
	}
	if database == "" {
		database = "cddh"
	}
	c := &Cluster{opts: ClusterOptions{Database: database}, port: port, password: string(bytes.TrimSpace(pw))}
	dsn = c.DSN("")
	pctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	conn, err := pgx.Connect(pctx, dsn)
	if err != nil {
		return "", false, nil // a stale postmaster.pid: not running
	}
	_ = conn.Close(ctx)
	return dsn, true, nil
}
