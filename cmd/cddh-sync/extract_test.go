package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os/exec"
	"strings"
	"testing"
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
	tests := []struct {
		name, stdin string
		args        []string
		wantErr     string
	}{
		{"no file", "", nil, "one FILE"},
		{"bad format", extractDoc, []string{"--format", "xml", "-"}, "--format"},
		{"bad issued", extractDoc, []string{"--issued", "yesterday", "-"}, "--issued"},
		{"missing units", extractDoc, []string{"--units", "/nonexistent.json", "-"}, "/nonexistent.json"},
		{"broken pdf", "%PDF-1.7\ngarbage", []string{"-"}, "pdftotext"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errs := runExtract(tt.stdin, tt.args...)
			if code == 0 || !strings.Contains(errs, tt.wantErr) {
				t.Errorf("exit %d, stderr %q; want an error naming %q", code, errs, tt.wantErr)
			}
		})
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
