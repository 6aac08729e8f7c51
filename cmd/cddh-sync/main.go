// Command cddh-sync tracks the tasks that Vietnamese directive documents assign: it polls
// an iOffice-style portal, extracts deadline-bearing tasks, validates signatures, derives
// each task's status by the province's rules and pushes status and reminders back.
//
// main is flat wiring: pick the subcommand, let it parse its flags, run it, and turn its
// error into an exit code. It is the only place that calls os.Exit.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"sort"

	"cddh-sync/cmd/internal/cli"
	"cddh-sync/cmd/internal/verifycli"
)

// Exit codes, as shared/spec/cli.md fixes them (cmd/internal/cli, which the light
// front binary shares).
const (
	exitOK       = cli.ExitOK
	exitNegative = cli.ExitNegative
	exitUsage    = cli.ExitUsage
	exitRuntime  = cli.ExitRuntime
	exitHeld     = cli.ExitHeld
)

// env is what a subcommand may touch of the process: its streams and arguments.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

// command is one subcommand. run parses args itself (flag.FlagSet) and returns an
// error; exitError carries a specific exit code.
type command struct {
	summary string
	run     func(ctx context.Context, e env, args []string) error
}

// ownSignals are the commands that ask for SIGINT/SIGTERM themselves, only where they
// have work to finish (verify: a batch of files); main installs no handler for them.
// A one-shot command that holds nothing is simply ended by the signal, and its
// process is spared the signal-handling thread and goroutines: for `verify FILE`, run
// once per file, that was about a tenth of the process's CPU time (issue 17).
var ownSignals = map[string]bool{"verify": true}

var commands = map[string]command{
	"run":      {"the daemon: poll, extract, verify, push back, serve http.listen", cmdRun},
	"sync":     {"one full cycle (--once), then exit", cmdSync},
	"extract":  {"extract tasks from one document (text, PDF, .docx or .odt), no portal or database", cmdExtract},
	"verify":   {verifycli.Summary, cmdVerify},
	"calendar": {"the working-day calendar: add, holidays", cmdCalendar},
	"edxml":    {"inspect an edXML package or status message (edxml inspect FILE)", cmdEdxml},
	"tasks":    {"list tasks in the tracking store", cmdTasks},
	"report":   {"the periodic report (csv, xlsx, json)", cmdReport},
	"sim":      {"the iOffice-style portal simulator", cmdSim},
	"demo":     {"simulator, store, daemon and dashboard in one command", cmdDemo},
	"migrate":  {"apply the tracking store's schema migrations", cmdMigrate},
	"doctor":   {"check config, portal, database and trust anchors", cmdDoctor},
	"export":   {"export the whole store in open formats (yearly handover)", cmdExport},
	"corpus":   {"export the Office's reviewed directives as a labelled corpus (corpus export)", cmdCorpus},
	"import":   {"restore an export into an empty store", cmdImport},
	"backup":   {"pg_dump of the tracking store (works while the daemon runs)", cmdBackup},
	"restore":  {"restore a backup into an empty store, daemon stopped", cmdRestore},
	"version":  {"print the version", cmdVersion},
}

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	ctx, stop := context.Background(), context.CancelFunc(func() {})
	if len(os.Args) < 2 || !ownSignals[os.Args[1]] {
		ctx, stop = notifyContext(ctx)
	}
	code := realMain(ctx, env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr}, os.Args[1:])
	stop()
	os.Exit(code)
}

// notifyContext is ctx, cancelled on SIGINT or SIGTERM.
func notifyContext(ctx context.Context) (context.Context, context.CancelFunc) {
	return cli.NotifyContext(ctx)
}

// cli is e as the shared commands (cmd/internal) take it.
func (e env) cli() cli.Env { return cli.Env{Stdin: e.stdin, Stdout: e.stdout, Stderr: e.stderr} }

// cmdVerify is cmd/internal/verifycli, which the light front binary runs too.
func cmdVerify(ctx context.Context, e env, args []string) error {
	return verifycli.Run(ctx, e.cli(), args)
}

func realMain(ctx context.Context, e env, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(e.stderr)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(e.stderr, "cddh-sync: unknown command %q (see cddh-sync --help)\n", args[0])
		return exitUsage
	}
	err := cmd.run(ctx, e, args[1:])
	return exitCode(e.stderr, args[0], err)
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: cddh-sync <command> [flags]   (cddh-sync <command> --help for its flags)")
	fmt.Fprintln(w, "\ncommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-9s %s\n", n, commands[n].summary)
	}
}

// exitError is an error with the exit code it should produce (cli.ExitError).
type exitError = cli.ExitError

func usageErrorf(format string, a ...any) error {
	return cli.UsageErrorf(format, a...)
}
func runtimeErrorf(format string, a ...any) error {
	return cli.RuntimeErrorf(format, a...)
}

// negative reports a negative answer whose details were already written to stdout.
var negative = cli.Negative

func exitCode(stderr io.Writer, name string, err error) int { return cli.ExitCode(stderr, name, err) }
