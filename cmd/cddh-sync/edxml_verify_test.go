package main

import (
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"cddh-sync/connectors/edxml"
	"cddh-sync/connectors/portalsim/simpki"
)

// TestVerifyEdxmlOffline: `verify --offline` on edXML packages (issue 17, Signatures):
//   - an XMLDSig signature with no revocation data at all: INDETERMINATE TRY_LATER,
//     as for a PDF;
//   - the same signature once its X509Data carries the CAs' X509CRLs: those decide
//     offline, and it passes;
//   - the official SDK's <Signature> in the edXML namespace (jdk17_edoc_new.edxml):
//     a signature that cannot be validated, TOTAL_FAILED FORMAT_FAILURE with the
//     reason, never NO_SIGNATURE_FOUND;
//   - an official status message, which carries no signature: NO_SIGNATURE_FOUND.
func TestVerifyEdxmlOffline(t *testing.T) {
	t.Parallel()
	pki, err := simpki.New()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	root := filepath.Join(dir, "root.pem")
	if err := os.WriteFile(root, pki.RootPEM(), 0o600); err != nil {
		t.Fatal(err)
	}
	pkg, err := edxml.Build(edxml.Package{
		From:     edxml.Organization{OrganID: "000.00.00.H20", OrganName: "UBND tỉnh Đồng Tháp"},
		To:       []edxml.Organization{{OrganID: "000.00.01.H20", OrganName: "Sở Tài chính"}},
		Code:     edxml.Code{Number: "45", Notation: "TB-UBND"},
		Subject:  "Kết luận của Chủ tịch UBND tỉnh",
		Steering: edxml.SteeringDirective,
		Attachments: []edxml.Attachment{{ContentID: "f1", Name: "45-TB-UBND.pdf", ContentType: "application/pdf",
			Data: []byte("%PDF-1.7\n%%EOF\n")}},
	})
	if err != nil {
		t.Fatal(err)
	}
	signed, err := pki.SignEdxml(pkg)
	if err != nil {
		t.Fatal(err)
	}
	// KeyInfo is outside what the enveloped signature signs: adding X509CRLs to its
	// X509Data leaves the signature valid.
	var crls strings.Builder
	for _, c := range pki.CRLs() {
		crls.WriteString("<X509CRL>" + base64.StdEncoding.EncodeToString(c) + "</X509CRL>")
	}
	withCRLs := strings.Replace(string(signed), "</X509Data>", crls.String()+"</X509Data>", 1)
	if withCRLs == string(signed) {
		t.Fatal("signed package has no X509Data")
	}
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	officialSample := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join(officialDir, name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	cases := []struct {
		name, file      string
		indication, sub string // of the report; sub of its one signature ("" for none)
		errHas          string
	}{
		{"XMLDSig without revocation data", write("signed.edxml", signed), "INDETERMINATE", "TRY_LATER", ""},
		{"XMLDSig carrying X509CRLs", write("with-crls.edxml", []byte(withCRLs)), "TOTAL_PASSED", "", ""},
		{"official SDK Signature in the edXML namespace", write("official.edxml", officialSample("jdk17_edoc_new.edxml")),
			"TOTAL_FAILED", "FORMAT_FAILURE", "not in the XMLDSig namespace"},
		{"official status message", write("status.edxml", officialSample("jdk17_status_finish_06.edxml")), "NO_SIGNATURE_FOUND", "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, out, errs := runCLI(t, nil, "verify", "--offline", "--trust", root, "--format", "json", c.file)
			var got verifyJSON
			if err := json.Unmarshal([]byte(out), &got); err != nil {
				t.Fatalf("exit %d, stdout not JSON (%v): %q, stderr %q", code, err, out, errs)
			}
			wantCode := exitNegative
			if c.indication == "TOTAL_PASSED" {
				wantCode = exitOK
			}
			if code != wantCode || got.Indication != c.indication {
				t.Fatalf("exit %d, %s; want exit %d, %s\n%s", code, got.Indication, wantCode, c.indication, out)
			}
			if c.indication == "NO_SIGNATURE_FOUND" {
				if len(got.Signatures) != 0 {
					t.Fatalf("%d signatures in a status message", len(got.Signatures))
				}
				return
			}
			if len(got.Signatures) != 1 || got.Signatures[0].SubIndication != c.sub {
				t.Fatalf("signatures: %s", out)
			}
			if c.errHas != "" && !strings.Contains(strings.Join(got.Signatures[0].Errors, "; "), c.errHas) {
				t.Fatalf("errors %q do not say %q", got.Signatures[0].Errors, c.errHas)
			}
		})
	}
}
