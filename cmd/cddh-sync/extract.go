package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"strings"
	"text/tabwriter"
	"time"

	"golang.org/x/text/unicode/norm"

	"cddh-sync/connectors"
	"cddh-sync/connectors/officetext"
	"cddh-sync/rules/extract"
	"cddh-sync/rules/profile"
	"cddh-sync/rules/units"
)

// maxExtractInput bounds what `extract` reads (64 MiB): a directive is far smaller.
const maxExtractInput = 64 << 20

// pdfTimeout bounds pdftotext on a hostile PDF.
const pdfTimeout = 30 * time.Second

func cmdExtract(ctx context.Context, e env, args []string) error {
	fs := newFlagSet(e.stderr, "extract", "[--issued TIME] [--profile P] [--units FILE] [--format json|text] FILE|-")
	issued := fs.String("issued", "", "issue time of the document (RFC 3339); default: read from its text")
	profileName := fs.String("profile", profile.Default, "province profile")
	unitsFile := fs.String("units", "", "unit directory (JSON, the portal's get_all shape)")
	format := fs.String("format", "json", "output format: json or text")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return usageErrorf("want one FILE or -, got %d arguments", len(rest))
	}
	if *format != "json" && *format != "text" {
		return usageErrorf("--format %q: want json or text", *format)
	}
	prof, err := profile.Load(*profileName)
	if err != nil {
		return usageErrorf("--profile: %w", err)
	}
	opts := extract.Options{Profile: prof.Name, CutoffHour: prof.CutoffHour}
	if *issued != "" {
		t, err := time.Parse(time.RFC3339, *issued)
		if err != nil {
			if t, err = time.ParseInLocation(time.DateOnly, *issued, connectors.Zone); err != nil {
				return usageErrorf("--issued %q: want RFC 3339 or YYYY-MM-DD", *issued)
			}
		}
		opts.Issued = t.In(connectors.Zone)
	}
	if *unitsFile != "" {
		d, err := units.Load(*unitsFile)
		if err != nil {
			return usageErrorf("--units: %w", err)
		}
		opts.Units = d
	} else {
		d, _ := units.New(nil)
		opts.Units = d
	}
	data, err := readInput(e, rest[0])
	if err != nil {
		return err
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return usageErrorf("%s: the file is empty", inputName(rest[0]))
	}
	var text string
	if bytes.HasPrefix(data, []byte("%PDF")) {
		if text, err = pdfText(ctx, data, inputName(rest[0])); err != nil {
			return err
		}
	} else if t, oerr := officetext.Text(data); oerr == nil {
		text = t // a Word .docx or OpenDocument .odt file
	} else if !errors.Is(oerr, officetext.ErrNotOffice) {
		return usageErrorf("%s: %w", inputName(rest[0]), oerr)
	} else if text, err = decodeText(data); err != nil {
		return usageErrorf("%s: %w", inputName(rest[0]), err)
	}
	res, err := extract.Extract(text, opts)
	if errors.Is(err, extract.ErrEmpty) {
		return usageErrorf("%s: the document has no text", inputName(rest[0]))
	}
	if err != nil {
		return fmt.Errorf("%s: %w", inputName(rest[0]), err)
	}
	// No issue date in the text and no --issued: a task whose deadline is written
	// relative to it is flagged issue_date_unknown, not left as if it had none.
	extract.MarkIssueDateUnknown(&res)
	if *format == "text" {
		return printExtractText(e.stdout, res)
	}
	b, err := json.MarshalIndent(res, "", "  ")
	if err != nil {
		return fmt.Errorf("extract: encode: %w", err)
	}
	_, err = fmt.Fprintf(e.stdout, "%s\n", b)
	return err
}

// inputName is how messages name the input: its path, or "standard input" for "-".
func inputName(name string) string {
	if name == "-" {
		return "standard input"
	}
	return name
}

// readInput reads FILE or standard input. A file that cannot be opened or read is a
// usage error naming it (exit 2), as is one too large to be a directive.
func readInput(e env, name string) ([]byte, error) {
	var r io.Reader
	if name == "-" {
		r = e.stdin
	} else {
		f, err := os.Open(name)
		if err != nil {
			return nil, usageErrorf("%w", err) // *PathError: "open FILE: no such file or directory"
		}
		defer f.Close()
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, maxExtractInput+1))
	if pe := (*fs.PathError)(nil); errors.As(err, &pe) {
		return nil, usageErrorf("%w", err) // "read DIR: is a directory" names it already
	} else if err != nil {
		return nil, usageErrorf("read %s: %w", inputName(name), err)
	}
	if len(data) > maxExtractInput {
		return nil, usageErrorf("%s is larger than %d MiB", inputName(name), maxExtractInput>>20)
	}
	return data, nil
}

// pdfText runs poppler's pdftotext on the PDF (see rules/extract/doc.go for why). A PDF
// it cannot read (truncated, damaged, encrypted) is a usage error naming the file, with
// pdftotext's first complaint on the same line.
func pdfText(ctx context.Context, data []byte, name string) (string, error) {
	path, err := exec.LookPath("pdftotext")
	if err != nil {
		return "", usageErrorf("%s: a PDF needs pdftotext (apt-get install poppler-utils): %w", name, err)
	}
	ctx, cancel := context.WithTimeout(ctx, pdfTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, path, "-layout", "-enc", "UTF-8", "-", "-")
	cmd.Stdin = bytes.NewReader(data)
	var out, stderr limitedBuffer
	out.max, stderr.max = maxExtractInput, 64<<10
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() == context.DeadlineExceeded {
			return "", usageErrorf("%s: pdftotext took longer than %s (a hostile or broken PDF?)", name, pdfTimeout)
		}
		if ctx.Err() != nil {
			return "", ctx.Err()
		}
		why := firstLine(stderr.String())
		if why == "" {
			why = err.Error()
		}
		return "", usageErrorf("%s: not a readable PDF (pdftotext: %s)", name, why)
	}
	if out.over {
		return "", usageErrorf("%s: the PDF's text is larger than %d MiB", name, maxExtractInput>>20)
	}
	text := norm.NFC.String(strings.ReplaceAll(out.String(), "\f", "\n"))
	if strings.TrimSpace(text) == "" {
		return "", usageErrorf("%s: the PDF has no text layer (a scan?); OCR it first", name)
	}
	return text, nil
}

// firstLine is the first non-blank line of s, trimmed.
func firstLine(s string) string {
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			return l
		}
	}
	return ""
}

type limitedBuffer struct {
	bytes.Buffer
	max  int
	over bool
}

func (b *limitedBuffer) Write(p []byte) (int, error) {
	if b.Len()+len(p) > b.max {
		b.over = true
		return 0, errors.New("output limit reached")
	}
	return b.Buffer.Write(p)
}

func printExtractText(w io.Writer, r extract.Result) error {
	d := r.Document
	issued := "?"
	if !d.Issued.IsZero() {
		issued = d.Issued.Format(time.DateOnly)
	}
	fmt.Fprintf(w, "%s %s/%s  issued %s  secrecy %q  urgency %q\n", d.Type, d.Number, d.Notation, issued, d.Secrecy, d.Urgency)
	if r.Skipped != "" {
		_, err := fmt.Fprintf(w, "skipped: %s\n", r.Skipped)
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "#\tLEAD\tCOORDINATING\tDEADLINE\tREPORT\tFLAGS\tCONTENT")
	for i, t := range r.Tasks {
		dl := "-"
		if t.Deadline != nil {
			dl = t.Deadline.Nominal.Format(time.DateOnly)
			if t.Deadline.Effective != t.Deadline.Nominal {
				dl += "→" + t.Deadline.Effective.Format(time.DateOnly)
			}
			if t.Deadline.Time != "" {
				dl += " " + t.Deadline.Time
			}
			if t.Deadline.Recurrence != "" {
				dl += " (" + t.Deadline.Recurrence + ")"
			}
		}
		var co []string
		for _, c := range t.Coordinates {
			co = append(co, c.Name)
		}
		content := []rune(t.Content)
		if len(content) > 80 {
			content = append(content[:80], '…')
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%v\t%s\t%s\n", i+1, t.Lead.Name, strings.Join(co, "; "), dl, t.MustReport,
			strings.Join(t.Flags, ","), string(content))
	}
	return tw.Flush()
}
