package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// NewFlagSet returns a FlagSet that reports errors instead of exiting, and prints its
// usage to w when asked (--help). A parse error is left to ParseFlags, which makes it
// one line (cli.md: exit 2, one line naming the flag).
func NewFlagSet(w io.Writer, name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet("cddh-sync "+name, flag.ContinueOnError)
	fs.SetOutput(w)
	fs.Usage = func() {
		fmt.Fprintf(w, "usage: cddh-sync %s %s\n", name, synopsis)
		var any bool
		fs.VisitAll(func(*flag.Flag) { any = true })
		if any {
			fmt.Fprintln(w, "\nflags:")
			fs.PrintDefaults()
		}
	}
	return fs
}

// ParseFlags parses args, allowing flags after positional arguments
// (`extract FILE --format json`), and returns the positional arguments. "-" alone is
// a positional argument (standard input).
func ParseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	usage, out := fs.Usage, fs.Output()
	// The flag package prints the error and the whole usage on a parse error; silence
	// it and print the usage only for --help.
	fs.Usage = func() {}
	fs.SetOutput(io.Discard)
	defer func() { fs.Usage = usage; fs.SetOutput(out) }()
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fs.SetOutput(out)
				usage()
				return nil, ErrHelp
			}
			// "flag provided but not defined: -x", "invalid value … for flag -n: …",
			// "flag needs an argument: -format": each names the flag.
			return nil, UsageErrorf("%v (see %s --help)", err, fs.Name())
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
		for len(args) > 0 && (!strings.HasPrefix(args[0], "-") || args[0] == "-") {
			pos = append(pos, args[0])
			args = args[1:]
		}
		if len(args) == 0 {
			return pos, nil
		}
	}
}

// StringList is a repeatable string flag (--trust A --trust B).
type StringList []string

func (s *StringList) String() string     { return strings.Join(*s, ",") }
func (s *StringList) Set(v string) error { *s = append(*s, v); return nil }
