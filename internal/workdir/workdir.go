package workdir

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"
)

const (
	// Prefix names a process's private directory under the parent.
	Prefix = "cddh-sync-work-"
	// LegacyPrefix names the per-document directories of versions before this
	// package, made straight under the parent.
	LegacyPrefix = "cddh-doc-"
	// LegacyAge is how long a legacy directory and everything in it must have
	// been left unchanged before Sweep removes it.
	LegacyAge = time.Hour
	// CreateGrace is how old a private directory without its lock file must be
	// before Sweep removes it (younger, it may be one Open is making right now).
	CreateGrace = time.Minute

	lockName    = "lock"
	lockPending = "lock.pending"
)

// Dir is this process's private directory. Its lock is held until Close.
type Dir struct {
	path string

	mu   sync.Mutex
	lock *os.File // nil once closed
}

// Open makes a private directory (mode 0700) under parent (empty: os.TempDir())
// and holds its lock until Close.
func Open(parent string) (*Dir, error) {
	if parent == "" {
		parent = os.TempDir()
	}
	path, err := os.MkdirTemp(parent, Prefix+"*") // mode 0700
	if err != nil {
		return nil, err
	}
	f, err := lockNew(path)
	if err != nil {
		_ = os.RemoveAll(path)
		return nil, err
	}
	return &Dir{path: path, lock: f}, nil
}

// lockNew creates, locks and only then names path/lock, so a sweeper never finds
// "lock" unlocked while its owner lives.
func lockNew(path string) (*os.File, error) {
	pending := filepath.Join(path, lockPending)
	f, err := os.OpenFile(pending, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600) // close-on-exec: no child inherits the lock
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return nil, fmt.Errorf("locking %s: %w", pending, err)
	}
	// For an operator looking at the directory: whose it is.
	_, _ = fmt.Fprintf(f, "%d\n", os.Getpid())
	if err := os.Rename(pending, filepath.Join(path, lockName)); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// Path is the directory.
func (d *Dir) Path() string { return d.path }

// MkdirTemp makes a directory for one document's files inside d.
func (d *Dir) MkdirTemp() (string, error) {
	return os.MkdirTemp(d.path, "doc-*")
}

// Close removes the directory and everything in it, then lets its lock go. It
// may be called more than once.
func (d *Dir) Close() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.lock == nil {
		return nil
	}
	err := os.RemoveAll(d.path) // under the lock: no sweeper looks in meanwhile
	if cerr := d.lock.Close(); err == nil {
		err = cerr
	}
	d.lock = nil
	if err != nil {
		return fmt.Errorf("removing the work directory %s: %w", d.path, errnoOnly(err))
	}
	return nil
}

// Swept is what Sweep did.
type Swept struct {
	Dirs   int   // private directories of dead processes removed
	Legacy int   // legacy cddh-doc-* directories removed
	Files  int   // files they held
	Bytes  int64 // bytes those files held
	Live   int   // private directories of live processes, left alone
	Young  int   // legacy or lock-less directories too recent to judge, left alone
	Failed int   // directories that could not be removed (entirely)
}

// Removed is the number of directories removed.
func (s Swept) Removed() int { return s.Dirs + s.Legacy }

// Sweep removes from parent (empty: os.TempDir()) the private directories of
// dead processes and the legacy directories left unchanged for LegacyAge, both
// only when they belong to this user. It fails only when parent cannot be
// read; a directory it could not remove is counted in Failed, and the returned
// error then says why, naming no file inside it.
func Sweep(parent string, now time.Time) (Swept, error) {
	if parent == "" {
		parent = os.TempDir()
	}
	var s Swept
	entries, err := os.ReadDir(parent)
	if err != nil {
		return s, err
	}
	var errs []error
	for _, e := range entries {
		name := e.Name()
		var err error
		switch {
		case strings.HasPrefix(name, Prefix):
			err = s.private(filepath.Join(parent, name), now)
		case strings.HasPrefix(name, LegacyPrefix):
			err = s.legacy(filepath.Join(parent, name), now)
		default:
			continue
		}
		if err != nil {
			s.Failed++
			errs = append(errs, fmt.Errorf("%s: %w", name, err))
		}
	}
	return s, errors.Join(errs...)
}

// ownDir is fi a directory (not a link to one) of this user's.
func ownDir(fi fs.FileInfo) bool {
	if !fi.IsDir() {
		return false
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	return ok && int(st.Uid) == os.Getuid()
}

// private removes a private directory whose owner is dead.
func (s *Swept) private(path string, now time.Time) error {
	fi, err := os.Lstat(path)
	if err != nil {
		return ignoreGone(err)
	}
	if !ownDir(fi) {
		return nil // another user's, or not a directory: none of ours
	}
	f, err := lockOld(filepath.Join(path, lockName))
	if errors.Is(err, fs.ErrNotExist) {
		// Open may be making it right now. Its pending lock is not tried: a
		// sweeper holding it a moment would make that Open fail.
		if now.Sub(fi.ModTime()) < CreateGrace {
			s.Young++
			return nil
		}
		return s.remove(path, &s.Dirs)
	}
	if errors.Is(err, syscall.EWOULDBLOCK) {
		s.Live++
		return nil
	}
	if err != nil {
		return errnoOnly(err)
	}
	defer f.Close()
	// Ours now: its owner is dead, and another sweeper finds it locked.
	return s.remove(path, &s.Dirs)
}

// lockOld opens and locks an existing lock file; EWOULDBLOCK says its owner lives.
func lockOld(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDWR|syscall.O_NOFOLLOW, 0)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// legacy removes a cddh-doc-* directory of this user's in which nothing changed
// for LegacyAge.
func (s *Swept) legacy(path string, now time.Time) error {
	fi, err := os.Lstat(path)
	if err != nil {
		return ignoreGone(err)
	}
	if !ownDir(fi) {
		return nil
	}
	newest := fi.ModTime()
	err = filepath.WalkDir(path, func(_ string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if info.ModTime().After(newest) {
			newest = info.ModTime()
		}
		return nil
	})
	if err != nil {
		return errnoOnly(ignoreGone(err))
	}
	if now.Sub(newest) < LegacyAge {
		s.Young++
		return nil
	}
	return s.remove(path, &s.Legacy)
}

// remove counts what path holds, removes it, and counts it in n.
func (s *Swept) remove(path string, n *int) error {
	var files int
	var bytes int64
	_ = filepath.WalkDir(path, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() && d.Name() != lockName {
			if info, err := d.Info(); err == nil {
				files++
				bytes += info.Size()
			}
		}
		return nil
	})
	if err := os.RemoveAll(path); err != nil {
		return errnoOnly(err)
	}
	*n++
	s.Files += files
	s.Bytes += bytes
	return nil
}

func ignoreGone(err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return nil // removed meanwhile, by its owner or another sweeper
	}
	return err
}

// errnoOnly drops the path of a file error: a document's file name may carry its
// reference, and errors end up in logs.
func errnoOnly(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", pe.Op, pe.Err)
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return fmt.Errorf("%s: %w", le.Op, le.Err)
	}
	return err
}
