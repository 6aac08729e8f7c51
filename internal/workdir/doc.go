// Package workdir keeps the document content a process downloads (signed PDFs,
// edXML packages) in a directory of its own, and removes what a dead process left.
//
// A deferred os.RemoveAll cleans up only when the process lives to run it: a
// SIGKILL, an OOM kill, a power cut or a crash between two statements leaves the
// files where they were, for ever. So each process works in a private directory
// under the configured parent (sync.work_dir, default os.TempDir()):
//
//	<parent>/cddh-sync-work-<random>/        mode 0700
//	    lock                                 flock'ed (LOCK_EX) for the process's life
//	    doc-<random>/...                     one per document being read
//
// The kernel drops a flock when its last file descriptor closes, which happens
// however the process ends. A directory whose lock can be taken therefore belongs
// to a dead process, and Sweep removes it; one whose lock is held belongs to a live
// instance (a second daemon, a `sync --once` beside the daemon) and is never
// touched. Open creates the lock file under a temporary name, locks it, and only
// then renames it to "lock": a sweeper that finds "lock" always finds it locked
// while its owner lives. A directory without "lock" is one being created, or one
// whose owner died in the few system calls between mkdir and rename: it is removed
// once it is older than a minute.
//
// Directories of earlier versions (cddh-doc-*, made straight under the parent and
// never locked) cannot say whether their owner lives. Sweep removes one only when
// it belongs to this user and neither it nor anything in it changed for an hour:
// reading one document takes seconds, so no live reader is that quiet.
//
// Sweep reports counts and bytes only: a file's name may carry a document's
// reference, and a secret document leaves no trace, not even in a log line.
package workdir
