// Command cddh-sync-light is the `cddh-sync` that users and the Debian package run
// (`make build` writes it to bin/cddh-sync): a front binary that runs `verify` and
// `version` itself and hands every other command to the full binary,
// cddh-sync-full (built from ./cmd/cddh-sync), by replacing itself with it
// (execve: the same PID, arguments, environment and streams, so systemd, signals
// and exit codes see no difference).
//
// Why: `verify FILE` is run once per file (issue 17), and Go initialises every
// linked package before main. The daemon's dependencies (pgx, yaml, the portal
// client, the dashboard's templates, the logger, cron) cost a verify process about
// 1.4 ms of its 4.3 ms CPU; this binary links only verify's packages
// (BENCHMARKS.md). It must not import the daemon's packages: TestLightImports
// holds it to that.
package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"cddh-sync/cmd/internal/cli"
	"cddh-sync/cmd/internal/verifycli"
)

// version is set at build time with -ldflags "-X main.version=...", as the full
// binary's is.
var version = "dev"

// FullEnv names the full binary explicitly; when set, it is the only place looked.
const FullEnv = "CDDH_SYNC_FULL"

// fullName is the full binary's name next to this one, and installed is where the
// Debian package puts it.
const (
	fullName  = "cddh-sync-full"
	installed = "/usr/lib/cddh-sync/" + fullName
)

func main() {
	e := cli.Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr}
	args := os.Args[1:]
	if len(args) > 0 {
		switch args[0] {
		case "verify":
			// verify asks for SIGINT/SIGTERM itself, for a batch only, as in the
			// full binary.
			os.Exit(cli.ExitCode(e.Stderr, "verify", verifycli.Run(context.Background(), e, args[1:])))
		case "version":
			os.Exit(cli.ExitCode(e.Stderr, "version", cli.Version(e, args[1:], version)))
		}
	}
	os.Exit(cli.ExitCode(e.Stderr, commandName(args), execFull(args)))
}

// commandName is how an error names the command asked for: the first argument.
func commandName(args []string) string {
	if len(args) == 0 {
		return "(no command)"
	}
	return args[0]
}

// execFull replaces this process with the full binary, the same argv[0] and
// arguments and the same environment. It returns only on failure, an error with
// exit code 3: a part of the installation is missing, as for a missing pg_dump.
func execFull(args []string) error {
	path, err := findFull()
	if err != nil {
		return err
	}
	argv := append([]string{os.Args[0]}, args...)
	err = syscall.Exec(path, argv, os.Environ())
	return cli.RuntimeErrorf("cannot run the full binary %s: %v", path, err)
}

// findFull is where the full binary is: $CDDH_SYNC_FULL if set (then only there),
// else cddh-sync-full next to this executable (symbolic links resolved), else
// /usr/lib/cddh-sync/cddh-sync-full.
func findFull() (string, error) {
	if p := os.Getenv(FullEnv); p != "" {
		if err := isFile(p); err != nil {
			return "", cli.RuntimeErrorf("the full binary is not installed: %s=%s: %v", FullEnv, p, err)
		}
		return p, nil
	}
	var tried []string
	if exe, err := os.Executable(); err == nil {
		if real, err := filepath.EvalSymlinks(exe); err == nil {
			exe = real
		}
		tried = append(tried, filepath.Join(filepath.Dir(exe), fullName))
	}
	tried = append(tried, installed)
	for _, p := range tried {
		if isFile(p) == nil {
			return p, nil
		}
	}
	return "", cli.RuntimeErrorf("the full binary is not installed: tried %s (set %s to its path)", strings.Join(tried, ", "), FullEnv)
}

// isFile is nil if p is a regular file (or a link to one).
func isFile(p string) error {
	st, err := os.Stat(p)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return errors.New("no such file")
		}
		return err
	}
	if !st.Mode().IsRegular() {
		return fmt.Errorf("%s is not a file", p)
	}
	return nil
}
