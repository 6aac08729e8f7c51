package engine

import (
	"archive/zip"
	"bytes"
	"context"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"cddh-sync/connectors"
	"cddh-sync/connectors/portalsim"
)

// docxOf is a minimal Word file whose paragraphs are lines.
func docxOf(t *testing.T, lines ...string) []byte {
	var x strings.Builder
	x.WriteString(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`)
	for _, l := range lines {
		x.WriteString(`<w:p><w:r><w:t>` + l + `</w:t></w:r></w:p>`)
	}
	x.WriteString(`</w:body></w:document>`)
	return docxXML(t, x.String())
}

// docxXML is a Word file whose document part is xml as given.
func docxXML(t *testing.T, xml string) []byte {
	t.Helper()
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	f, err := w.Create("word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write([]byte(xml)); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestOfficeAttachmentText: a directive with no body text whose only file is a
// Word document is extracted from that file's text (it was extracted from
// nothing, and its tasks were lost). When a PDF with a text layer comes with
// it, the PDF is the document and the Word draft is not read again; a Word file
// that cannot be read is a warning, and nothing else is lost.
func TestOfficeAttachmentText(t *testing.T) {
	t.Parallel()
	b := setup(t, portalsim.Faults{}, 3)
	ctx := context.Background()
	issued := time.Now().Add(-time.Hour)
	add := func(notation string, files ...portalsim.File) int64 {
		t.Helper()
		id, err := b.sim.AddDocument(portalsim.Document{Type: "Công văn", Notation: notation, Subject: "V/v rà soát", Directive: true,
			IssuedAt: issued, BodyOnlyInPDF: true, Files: files})
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	const wordLine = "Giao Sở Tài chính rà soát hồ sơ, báo cáo trước ngày 30/12/2026."
	onlyWord := add("931/UBND-KT", portalsim.File{Name: "cv931.docx", Raw: docxOf(t, "ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP", wordLine)})
	pdfAndWord := add("932/UBND-KT",
		portalsim.File{Name: "cv932.pdf", Raw: []byte("%PDF-1.4\n% text layer\n%%EOF\n")},
		portalsim.File{Name: "cv932.docx", Raw: docxOf(t, "Giao Sở Tài chính bản nháp.")})
	broken := add("933/UBND-KT", portalsim.File{Name: "cv933.docx", Raw: docxXML(t, `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p>Giao Sở Tài chính`)})

	rules := simpleRules()
	f := rules.Decider.(*funcRules)
	var mu sync.Mutex
	texts := map[int64]string{}
	extract := f.extract
	f.extract = func(doc connectors.Document, text string) (Extraction, error) {
		mu.Lock()
		texts[doc.ID] = text
		mu.Unlock()
		return extract(doc, text)
	}
	f.pdfText = func(_ context.Context, path string) (string, error) {
		raw, err := os.ReadFile(path)
		if bytes.Contains(raw, []byte("% text layer")) {
			return "Giao Sở Tài chính theo bản ký số.", err
		}
		return "", err
	}
	logs := &lockedBuffer{}
	eng, err := New(b.client, b.st, rules, Options{Holder: "test-office", Logger: zerolog.New(logs), WorkDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close(ctx)
	if _, err := eng.Cycle(ctx); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if got := texts[onlyWord]; !strings.Contains(got, wordLine) || !strings.Contains(got, "ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP\n") {
		t.Errorf("a directive whose only file is a Word document was extracted from %q", got)
	}
	if got := texts[pdfAndWord]; !strings.Contains(got, "theo bản ký số") || strings.Contains(got, "bản nháp") {
		t.Errorf("with a signed PDF the text should be the PDF's alone, got %q", got)
	}
	if got, ok := texts[broken]; !ok || got != "" {
		t.Errorf("the directive with an unreadable Word file: extracted %v from %q", ok, got)
	}
	if !strings.Contains(logs.String(), `"event":"sync.office_text_failed"`) {
		t.Errorf("no warning for the unreadable Word file:\n%s", logs.String())
	}
	var n int
	if err := b.st.Pool().QueryRow(ctx, `SELECT count(*) FROM tasks t JOIN documents d ON d.id = t.document_id WHERE d.portal_id = $1`, strconv.FormatInt(onlyWord, 10)).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 1 {
		t.Errorf("%d tasks stored from the Word-only directive, want 1", n)
	}
}
