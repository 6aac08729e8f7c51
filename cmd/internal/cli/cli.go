// Package cli is what every cddh-sync binary shares of the command line: the exit
// codes of shared/spec/cli.md, errors that carry one, and flag parsing. The full
// binary (cmd/cddh-sync) and the light front (cmd/cddh-sync-light) both use it, so
// a command behaves the same whichever binary runs it.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
)

// Exit codes, as shared/spec/cli.md fixes them.
const (
	ExitOK       = 0
	ExitNegative = 1 // the command ran but the answer is negative
	ExitUsage    = 2 // usage or configuration error
	ExitRuntime  = 3 // the portal or database unreachable after retries, a tool missing
	ExitHeld     = 4 // sync --once: another live instance holds a stream
)

// Env is what a subcommand may touch of the process: its streams.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
}

// ExitError is an error with the exit code it should produce. A nil Err means the
// message has already been printed (e.g. a negative answer written to stdout).
type ExitError struct {
	Code int
	Err  error
}

func (e *ExitError) Error() string {
	if e.Err == nil {
		return fmt.Sprintf("exit %d", e.Code)
	}
	return e.Err.Error()
}
func (e *ExitError) Unwrap() error { return e.Err }

// UsageErrorf is a usage or configuration error (exit 2).
func UsageErrorf(format string, a ...any) error {
	return &ExitError{Code: ExitUsage, Err: fmt.Errorf(format, a...)}
}

// RuntimeErrorf is a runtime failure (exit 3).
func RuntimeErrorf(format string, a ...any) error {
	return &ExitError{Code: ExitRuntime, Err: fmt.Errorf(format, a...)}
}

// Negative reports a negative answer whose details were already written to stdout.
var Negative = &ExitError{Code: ExitNegative}

// ErrHelp is returned by ParseFlags when --help was asked for; it exits 0.
var ErrHelp = errors.New("help requested")

// ExitCode turns a command's error into its exit code, writing the error's one
// line to stderr as "cddh-sync NAME: message".
func ExitCode(stderr io.Writer, name string, err error) int {
	if err == nil || errors.Is(err, ErrHelp) {
		return ExitOK
	}
	var xe *ExitError
	if errors.As(err, &xe) {
		if xe.Err != nil {
			fmt.Fprintf(stderr, "cddh-sync %s: %s\n", name, OneLine(xe.Err.Error()))
		}
		return xe.Code
	}
	// An error that nobody classified is a runtime failure.
	fmt.Fprintf(stderr, "cddh-sync %s: %s\n", name, OneLine(err.Error()))
	return ExitRuntime
}

// OneLine joins the lines of a message (errors.Join, a tool's output) with "; ":
// cli.md promises one line on stderr.
func OneLine(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	var parts []string
	for _, l := range strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' }) {
		if l = strings.TrimSpace(l); l != "" {
			parts = append(parts, l)
		}
	}
	return strings.Join(parts, "; ")
}

// Version is the `version` command: "cddh-sync VERSION" on stdout.
func Version(e Env, args []string, version string) error {
	fs := NewFlagSet(e.Stderr, "version", "")
	if _, err := ParseFlags(fs, args); err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "cddh-sync %s\n", version)
	return nil
}

// NotifyContext is ctx, cancelled on SIGINT or SIGTERM.
func NotifyContext(ctx context.Context) (context.Context, context.CancelFunc) {
	return signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
}
