// Package verifycli is the `verify` command: one source for both cddh-sync
// binaries, the full one (cmd/cddh-sync) and the light front (cmd/cddh-sync-light)
// that runs `verify` without the daemon's dependencies (issue 17).
package verifycli

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"time"

	"cddh-sync/cmd/internal/cli"
	"cddh-sync/cmd/internal/revocation"
	"cddh-sync/signing"
)

// maxVerifyInput caps the file verify reads (a directive is a few MB).
const maxVerifyInput = 64 << 20

// verifyTimeout bounds one validation, online revocation fetches included; the
// parsers also carry their own work budgets.
const verifyTimeout = 2 * time.Minute

// Summary is the command's line in the usage.
const Summary = "validate every signature in a PDF or edXML/XML file"

// Run is `cddh-sync verify ARGS...`. It installs a SIGINT/SIGTERM handler only for
// a batch (several files); the caller installs none for it.
func Run(ctx context.Context, e cli.Env, args []string) error {
	fs := cli.NewFlagSet(e.Stderr, "verify", "[--trust FILE]... [--at TIME] [--offline] [--jobs N] [--format json|text] PATH...")
	var trust cli.StringList
	fs.Var(&trust, "trust", "trust anchor certificate (PEM or DER); repeatable")
	atFlag := fs.String("at", "", "validation time (RFC 3339); default: now")
	offline := fs.Bool("offline", false, "never fetch revocation data from the network")
	format := fs.String("format", "text", "output format: json or text")
	jobs := fs.Int("jobs", runtime.GOMAXPROCS(0), "files checked at once (several files or a directory)")
	pos, err := cli.ParseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return cli.UsageErrorf("want a FILE or DIRECTORY argument")
	}
	if *format != "json" && *format != "text" {
		return cli.UsageErrorf("--format: want json or text, got %q", *format)
	}
	if *jobs < 1 {
		return cli.UsageErrorf("--jobs: want at least 1, got %d", *jobs)
	}
	var opt signing.Options
	if *atFlag != "" {
		t, err := parseAt(*atFlag)
		if err != nil {
			return cli.UsageErrorf("--at: %v", err)
		}
		opt.At = t
	}
	for _, p := range trust {
		data, err := readVerifyFile(p)
		if err != nil {
			return cli.UsageErrorf("--trust: trust anchor %s: %v", p, err)
		}
		certs, err := signing.ParseCertificates(p, data)
		if err != nil {
			return cli.UsageErrorf("--trust: %v", err)
		}
		opt.TrustAnchors = append(opt.TrustAnchors, certs...)
	}
	if !*offline {
		opt.Fetcher = revocation.New(nil)
	}
	if len(pos) == 1 {
		if st, err := os.Stat(pos[0]); pos[0] == "-" || err != nil || !st.IsDir() {
			return verifyOne(ctx, e, pos[0], opt, *format)
		}
	}
	files, err := verifyInputs(pos)
	if err != nil {
		return err
	}
	// A batch stops at SIGINT/SIGTERM with the reports written so far and a count;
	// one file is simply ended by the signal (main leaves signals to verify).
	ctx, stop := cli.NotifyContext(ctx)
	defer stop()
	return verifyMany(ctx, e, files, opt, *format, *jobs)
}

// verifyOne is `verify FILE`: the report as cli.md shows it (indented JSON or text).
func verifyOne(ctx context.Context, e cli.Env, name string, opt signing.Options, format string) error {
	data, err := readVerifyInput(e, name)
	if err != nil {
		return err
	}
	rep := verifyData(ctx, name, data, opt)
	if err := printReport(e.Stdout, rep, format); err != nil {
		return cli.RuntimeErrorf("writing output: %v", err)
	}
	if rep.Indication != signing.TotalPassed {
		return cli.Negative
	}
	return nil
}

// verifyData validates one file's bytes: a PDF by its header, or by its name when
// the header is damaged and the content is not XML (so a broken PDF is reported as a
// PDF that cannot be read, not as malformed XML); XML (edXML) otherwise.
func verifyData(ctx context.Context, name string, data []byte, opt signing.Options) *signing.Report {
	ctx, cancel := context.WithTimeout(ctx, verifyTimeout)
	defer cancel()
	var rep *signing.Report
	var err error
	head := data[:min(len(data), 1024)]
	looksXML := bytes.HasPrefix(bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n"), []byte("<"))
	if bytes.Contains(head, []byte("%PDF-")) || (strings.EqualFold(filepath.Ext(name), ".pdf") && !looksXML) {
		rep, err = signing.VerifyPDF(ctx, name, data, opt)
	} else {
		rep, err = signing.VerifyXML(ctx, name, data, opt)
	}
	if err != nil {
		// Our parser could not read it: INDETERMINATE naming the limit, never a pass
		// and never a false TOTAL_FAILED.
		rep = unreadable(name, err)
	}
	return rep
}

func unreadable(name string, err error) *signing.Report {
	return &signing.Report{File: name, Indication: signing.Indeterminate,
		Signatures: []signing.SignatureResult{}, Errors: []string{err.Error()}}
}

// verifyExts are the files a directory argument contributes.
var verifyExts = map[string]bool{".pdf": true, ".xml": true, ".edxml": true}

// verifyInputs expands the arguments: a file stands for itself whatever its name,
// a directory for every *.pdf, *.xml and *.edxml below it, in lexical order.
func verifyInputs(args []string) ([]string, error) {
	var files []string
	for _, a := range args {
		if a == "-" {
			return nil, cli.UsageErrorf("standard input (-) is read only when it is the one argument")
		}
		st, err := os.Stat(a)
		if err != nil {
			return nil, cli.UsageErrorf("%v", err)
		}
		if !st.IsDir() {
			files = append(files, a)
			continue
		}
		n := len(files)
		err = filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && verifyExts[strings.ToLower(filepath.Ext(p))] {
				files = append(files, p)
			}
			return nil
		})
		if err != nil {
			return nil, cli.UsageErrorf("reading directory %s: %v", a, err)
		}
		if len(files) == n {
			return nil, cli.UsageErrorf("directory %s holds no *.pdf, *.xml or *.edxml file", a)
		}
	}
	return files, nil
}

// verifyMany checks files on jobs workers and writes each report in input order
// as soon as it and those before it are done (JSON: one object per line), then a
// summary on stderr. A file that cannot be read is INDETERMINATE with the reason;
// the others are still checked.
func verifyMany(ctx context.Context, e cli.Env, files []string, opt signing.Options, format string, jobs int) error {
	start := time.Now()
	reports := make([]*signing.Report, len(files))
	done := make([]chan struct{}, len(files))
	for i := range done {
		done[i] = make(chan struct{})
	}
	next := make(chan int)
	go func() {
		defer close(next)
		for i := range files {
			select {
			case next <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	for range min(jobs, len(files)) {
		go func() {
			for i := range next {
				data, err := readVerifyFile(files[i])
				if err != nil {
					reports[i] = unreadable(files[i], err)
				} else {
					reports[i] = verifyData(ctx, files[i], data, opt)
				}
				close(done[i])
			}
		}()
	}
	out := bufio.NewWriterSize(e.Stdout, 64<<10)
	var line []byte
	counts := map[signing.Indication]int{}
	unread := 0
	var werr error
	for i := range files {
		select {
		case <-done[i]:
		case <-ctx.Done():
			return cli.RuntimeErrorf("interrupted after %d of %d files", i, len(files))
		}
		rep := reports[i]
		reports[i] = nil
		counts[rep.Indication]++
		if len(rep.Signatures) == 0 && len(rep.Errors) > 0 {
			unread++
		}
		if werr == nil {
			if format == "json" {
				line = rep.AppendJSON(line[:0], false)
				_, werr = out.Write(line)
			} else {
				werr = printReport(out, rep, format)
			}
		}
	}
	if werr == nil {
		werr = out.Flush()
	}
	if werr != nil {
		return cli.RuntimeErrorf("writing output: %v", werr)
	}
	fmt.Fprintf(e.Stderr, "verify: %d files in %.2f s: %d %s, %d %s, %d %s, %d %s (%d could not be read)\n",
		len(files), time.Since(start).Seconds(),
		counts[signing.TotalPassed], signing.TotalPassed, counts[signing.TotalFailed], signing.TotalFailed,
		counts[signing.Indeterminate], signing.Indeterminate, counts[signing.NoSignatureFound], signing.NoSignatureFound, unread)
	if counts[signing.TotalPassed] != len(files) {
		return cli.Negative
	}
	return nil
}

func parseAt(s string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not an RFC 3339 time", s)
}

// readVerifyFile reads one file of a batch, capped like a single one.
func readVerifyFile(name string) ([]byte, error) {
	f, err := openPlain(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// One buffer of the file's size (plus room to see EOF): io.ReadAll's doubling
	// and copying was a tenth of a batch's time.
	hint := int64(0)
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
		hint = min(st.Size(), maxVerifyInput)
	}
	buf := bytes.NewBuffer(make([]byte, 0, hint+bytes.MinRead))
	if _, err := buf.ReadFrom(io.LimitReader(f, maxVerifyInput+1)); err != nil {
		return nil, fmt.Errorf("reading %s: %w", name, err)
	}
	if buf.Len() > maxVerifyInput {
		return nil, fmt.Errorf("%s exceeds %d bytes", name, maxVerifyInput)
	}
	return buf.Bytes(), nil
}

// readVerifyInput reads the one file of `verify FILE` (- for standard input); a
// file that cannot be read is a usage error.
func readVerifyInput(e cli.Env, name string) ([]byte, error) {
	if name != "-" {
		// One buffer of the file's size: io.ReadAll's doubling touched twice the
		// memory, page by page, in a process that lives a few milliseconds.
		data, err := readVerifyFile(name)
		if err != nil {
			return nil, cli.UsageErrorf("%v", err)
		}
		return data, nil
	}
	data, err := io.ReadAll(io.LimitReader(e.Stdin, maxVerifyInput+1))
	if err != nil {
		return nil, cli.UsageErrorf("reading %s: %v", name, err)
	}
	if len(data) > maxVerifyInput {
		return nil, cli.UsageErrorf("%s exceeds %d bytes", name, maxVerifyInput)
	}
	return data, nil
}

func printReport(w io.Writer, rep *signing.Report, format string) error {
	if format == "json" {
		// What json.Encoder with SetIndent("", "  ") writes, without its reflection.
		_, err := w.Write(rep.AppendJSON(nil, true))
		return err
	}
	if _, err := fmt.Fprintf(w, "%s: %s\n", rep.File, rep.Indication); err != nil {
		return err
	}
	for _, e := range rep.Errors {
		fmt.Fprintf(w, "  error: %s\n", e)
	}
	for i, s := range rep.Signatures {
		fmt.Fprintf(w, "  signature %d (%s): %s %s\n    signed by: %s\n    signing time: %s  best signature time: %s  covers whole document: %v\n",
			i+1, s.Format, s.Indication, s.SubIndication, s.SignedBy, s.SigningTime, s.BestSignatureTime, s.CoversWholeDocument)
		for _, e := range s.Errors {
			fmt.Fprintf(w, "    error: %s\n", e)
		}
		for _, e := range s.Warnings {
			fmt.Fprintf(w, "    warning: %s\n", e)
		}
	}
	return nil
}

// openPlain opens name for reading as os.Open does, without registering the file
// with the runtime's network poller: os.Open tries that for every file (epoll
// refuses regular files, after the poller itself has been set up and the file
// switched to non-blocking and back), seven system calls more for the first file
// of a process. verify reads a few small files and exits (issue 17); a FIFO or
// device given as input blocks its thread while read, as a one-shot command may.
func openPlain(name string) (*os.File, error) {
	for {
		fd, err := syscall.Open(name, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		if err == nil {
			return os.NewFile(uintptr(fd), name), nil
		}
		if err != syscall.EINTR {
			return nil, &os.PathError{Op: "open", Path: name, Err: err}
		}
	}
}
