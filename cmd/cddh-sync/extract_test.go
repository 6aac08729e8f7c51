package main

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"
)

func runExtract(stdin string, args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := realMain(context.Background(), env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb},
		append([]string{"extract"}, args...))
	return code, out.String(), errb.String()
}

const extractDoc = "ỦY BAN NHÂN DÂN\nTỈNH ĐỒNG THÁP\nSố: 45/TB-UBND\nĐồng Tháp, ngày 10 tháng 3 năm 2026\n\nTHÔNG BÁO\n" +
	"Giao Sở Tài chính chủ trì, phối hợp với Sở Xây dựng rà soát, báo cáo UBND tỉnh trước ngày 20/3/2026.\n" +
	"Nơi nhận:\n- Như trên;\n"

func TestExtractCommand(t *testing.T) {
	t.Parallel()
	code, out, errs := runExtract(extractDoc, "--units", "../../rules/units/testdata/units-dong-thap.json", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var got struct {
		Document map[string]any `json:"document"`
		Tasks    []struct {
			Lead         struct{ Code, Name string } `json:"lead_unit"`
			Coordinating []map[string]string         `json:"coordinating_units"`
			Deadline     map[string]any              `json:"deadline"`
			MustReport   bool                        `json:"must_report"`
			Flags        []string                    `json:"flags"`
			Confidence   *float64                    `json:"confidence"`
		} `json:"tasks"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if got.Document["issued"] != "2026-03-10T00:00:00+07:00" || got.Document["notation"] != "TB-UBND" || got.Document["type"] != "Thông báo" {
		t.Errorf("document %v", got.Document)
	}
	if len(got.Tasks) != 1 || got.Tasks[0].Lead.Code != "000.00.12.H20" || got.Tasks[0].Deadline["nominal"] != "2026-03-20" ||
		got.Tasks[0].Deadline["time"] != nil || !got.Tasks[0].MustReport || len(got.Tasks[0].Coordinating) != 1 {
		t.Errorf("tasks %s", out)
	}
	// "Giao" + a directory unit in a directive with its header: no review needed.
	if len(got.Tasks) == 1 && (got.Tasks[0].Confidence == nil || *got.Tasks[0].Confidence < 0.9 || *got.Tasks[0].Confidence > 1) {
		t.Errorf("confidence %v", got.Tasks[0].Confidence)
	}
}

func TestExtractCommandErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	file := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	badUnits := file("units.json", "{not json")
	empty := file("empty.txt", "")
	blank := file("blank.txt", " \n\t\n")
	truncated := file("cut.pdf", string(minimalPDF("Giao So Tai chinh")[:40]))
	binary := file("random.bin", "\x8f\x1b\xe3\x00\x91\xfe\x13\x07\xaa\x00\x00\xc3\x28\xff\x02\x9d\x81\x00\x04\x7f")
	xlsx := file("bang.xlsx", string(zipOf(t, "xl/workbook.xml", "<workbook/>")))
	docx := file("qd.docx", string(zipOf(t, "word/document.xml", "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:p>")))
	doc := file("cv.doc", "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00\x00\x00")
	scan := file("scan.jpg", "\xff\xd8\xff\xe0\x00\x10JFIF\x00")
	rtf := file("cv.rtf", `{\rtf1\ansi\deff0 {\fonttbl {\f0 Times;}} Giao S\'f4 T\'e0i ch\'ednh}`)
	latin := file("tcvn3.txt", "Giao S\xeb T\xb5i ch\xdanh ch\xf1 tr\xd7, b\xb8o c\xb8o UBND t\xabnh.")
	tests := []struct {
		name, stdin string
		args        []string
		wantErr     string
		pdf         bool
	}{
		{"no file", "", nil, "one FILE", false},
		{"bad format", extractDoc, []string{"--format", "xml", "-"}, "--format", false},
		{"bad issued", extractDoc, []string{"--issued", "yesterday", "-"}, "--issued", false},
		{"missing units", extractDoc, []string{"--units", "/nonexistent.json", "-"}, "/nonexistent.json", false},
		{"malformed units", extractDoc, []string{"--units", badUnits, "-"}, badUnits, false},
		{"missing file", "", []string{filepath.Join(dir, "nope.txt")}, "nope.txt", false},
		{"directory", "", []string{dir}, "extract: read " + dir + ": is a directory", false},
		{"empty file", "", []string{empty}, empty + ": the file is empty", false},
		{"blank file", "", []string{blank}, blank + ": the file is empty", false},
		{"empty stdin", "", []string{"-"}, "standard input: the file is empty", false},
		{"broken pdf", "%PDF-1.7\ngarbage", []string{"-"}, "pdftotext", true},
		{"truncated pdf", "", []string{truncated}, truncated + ": not a readable PDF (pdftotext: ", true},
		{"binary", "", []string{binary}, binary + ": binary data", false},
		{"legacy encoding", "", []string{latin}, latin + ": not UTF-8 text", false},
		{"spreadsheet", "", []string{xlsx}, xlsx + ": a ZIP archive, not a Word .docx or an OpenDocument .odt file, not a text document (UTF-8, UTF-16) or a PDF: save it as PDF or plain text first", false},
		{"broken word document", "", []string{docx}, docx + ": malformed document XML", false},
		{"word 97 document", "", []string{doc}, doc + ": a Word 97–2003 (.doc)", false},
		{"scanned image", "", []string{scan}, scan + ": an image (a scanned page? it needs OCR)", false},
		{"rtf, which reads as text", "", []string{rtf}, rtf + ": an RTF document", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := exec.LookPath("pdftotext"); tt.pdf && err != nil {
				t.Skip("pdftotext not installed (apt-get install poppler-utils)")
			}
			code, out, errs := runExtract(tt.stdin, tt.args...)
			// cli.md: exit 2, a clear one-line message on stderr naming the flag or file.
			if code != exitUsage || !strings.Contains(errs, tt.wantErr) || strings.Count(errs, "\n") != 1 || out != "" {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit 2 and one line naming %q", code, out, errs, tt.wantErr)
			}
		})
	}
}

// UTF-16 text (as Windows editors save it), with or without a byte-order mark, is
// decoded and extracted like its UTF-8 form.
func TestExtractCommandUTF16(t *testing.T) {
	t.Parallel()
	encode := func(s string, bigEndian, bom bool) string {
		var b []byte
		if bom {
			if bigEndian {
				b = append(b, 0xFE, 0xFF)
			} else {
				b = append(b, 0xFF, 0xFE)
			}
		}
		for _, u := range utf16.Encode([]rune(s)) {
			if bigEndian {
				b = append(b, byte(u>>8), byte(u))
			} else {
				b = append(b, byte(u), byte(u>>8))
			}
		}
		return string(b)
	}
	_, want, _ := runExtract(extractDoc, "-")
	for _, c := range []struct {
		name    string
		be, bom bool
	}{{"LE BOM", false, true}, {"BE BOM", true, true}, {"LE", false, false}, {"BE", true, false}} {
		code, out, errs := runExtract(encode(extractDoc, c.be, c.bom), "-")
		if code != 0 || out != want || !strings.Contains(out, "Sở Tài chính") {
			t.Errorf("%s: exit %d, stderr %q, stdout\n%s\nwant\n%s", c.name, code, errs, out, want)
		}
	}
	// A UTF-8 byte-order mark is dropped.
	if code, out, errs := runExtract("\xEF\xBB\xBF"+extractDoc, "-"); code != 0 || out != want {
		t.Errorf("UTF-8 BOM: exit %d, stderr %q, stdout\n%s", code, errs, out)
	}
}

func TestExtractCommandText(t *testing.T) {
	t.Parallel()
	code, out, errs := runExtract(extractDoc, "--format", "text", "--issued", "2026-03-10T09:00:00+07:00", "-")
	if code != 0 || !strings.Contains(out, "Sở Tài chính") || !strings.Contains(out, "2026-03-20") {
		t.Errorf("exit %d: %s %s", code, out, errs)
	}
}

// minimalPDF builds a one-page PDF whose text layer is s (ASCII only).
func minimalPDF(s string) []byte {
	content := "BT /F1 12 Tf 50 700 Td (" + s + ") Tj ET"
	objs := []string{"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	var offs []int
	for i, o := range objs {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	x := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, x)
	return b.Bytes()
}

func TestExtractCommandPDF(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed (apt-get install poppler-utils)")
	}
	pdf := minimalPDF("Giao So Tai chinh chu tri, bao cao UBND tinh.")
	code, out, errs := runExtract(string(pdf), "--issued", "2026-03-10", "--units", "../../rules/units/testdata/units-dong-thap.json", "-")
	if code != 0 || !strings.Contains(out, `"000.00.12.H20"`) {
		t.Errorf("exit %d: %s %s", code, out, errs)
	}
	code, _, errs = runExtract(string(minimalPDF("")), "-")
	if code == 0 || !strings.Contains(errs, "no text layer") {
		t.Errorf("empty PDF: exit %d, %s", code, errs)
	}
}

// FuzzDecodeText: any bytes give UTF-8 text or an error, never a panic; text that was
// valid UTF-8 without NUL or controls comes back unchanged.
func FuzzDecodeText(f *testing.F) {
	for _, s := range []string{extractDoc, "", "\xEF\xBB\xBF", "\xFF\xFE", "\xFE\xFFa", "a\x00b\x00", "\x00a\x00b", "\xff\x00\xd8\x00", "\x00\xd8\x00\x00"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := decodeText(data)
		if err != nil {
			return
		}
		if !utf8.ValidString(s) || strings.ContainsRune(s, 0) {
			t.Fatalf("decodeText(%q) = %q: not NUL-free UTF-8", data, s)
		}
	})
}

// A relative deadline in a document without an issue date (none in the text, no
// --issued): deadline null with no_deadline, as cli.md promises for null, and
// issue_date_unknown, which says a deadline is written; with --issued it is computed.
func TestExtractCommandIssueDateUnknown(t *testing.T) {
	t.Parallel()
	doc := "Giao Sở Tài chính chủ trì rà soát, báo cáo UBND tỉnh trong 5 ngày làm việc.\n"
	var got struct {
		Tasks []struct {
			Deadline map[string]any `json:"deadline"`
			Flags    []string       `json:"flags"`
		} `json:"tasks"`
	}
	code, out, errs := runExtract(doc, "-")
	if err := json.Unmarshal([]byte(out), &got); code != 0 || err != nil || len(got.Tasks) != 1 {
		t.Fatalf("exit %d, %v: %s %s", code, err, out, errs)
	}
	if tk := got.Tasks[0]; tk.Deadline != nil || strings.Join(tk.Flags, ",") != "no_deadline,issue_date_unknown" {
		t.Errorf("no issue date: deadline %v, flags %v", tk.Deadline, tk.Flags)
	}
	code, out, errs = runExtract(doc, "--issued", "2026-03-10", "-")
	got.Tasks = nil
	if err := json.Unmarshal([]byte(out), &got); code != 0 || err != nil || len(got.Tasks) != 1 {
		t.Fatalf("exit %d, %v: %s %s", code, err, out, errs)
	}
	if tk := got.Tasks[0]; tk.Deadline == nil || tk.Deadline["nominal"] != "2026-03-17" || len(tk.Flags) != 0 {
		t.Errorf("--issued 2026-03-10: deadline %v, flags %v", tk.Deadline, tk.Flags)
	}
}

// zipOf is an archive of name, content pairs.
func zipOf(t *testing.T, nameContent ...string) []byte {
	t.Helper()
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for i := 0; i+1 < len(nameContent); i += 2 {
		f, err := w.Create(nameContent[i])
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Write([]byte(nameContent[i+1])); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestExtractCommandWord: a directive saved as a Word file is read as its text
// (each paragraph a line), from a file or from standard input.
func TestExtractCommandWord(t *testing.T) {
	t.Parallel()
	var x strings.Builder
	x.WriteString(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`)
	for _, line := range strings.Split(strings.TrimSpace(extractDoc), "\n") {
		x.WriteString(`<w:p><w:r><w:t>` + line + `</w:t></w:r></w:p>`)
	}
	x.WriteString(`</w:body></w:document>`)
	docx := zipOf(t, "[Content_Types].xml", "<Types/>", "word/document.xml", x.String())
	path := filepath.Join(t.TempDir(), "tb45.docx")
	if err := os.WriteFile(path, docx, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{path}, {"-"}} {
		code, out, errs := runExtract(string(docx), append([]string{"--units", "../../rules/units/testdata/units-dong-thap.json"}, args...)...)
		if code != 0 || !strings.Contains(out, `"000.00.12.H20"`) || !strings.Contains(out, `"2026-03-20"`) || !strings.Contains(out, `"TB-UBND"`) {
			t.Errorf("%v: exit %d: %s %s", args, code, out, errs)
		}
	}
}
