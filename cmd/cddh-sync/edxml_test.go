package main

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The official samples live with the codec.
var officialDir = filepath.Join("..", "..", "connectors", "edxml", "testdata", "official")

func TestEdxmlInspectOfficialSamples(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(officialDir, "*.edxml"))
	if err != nil || len(files) != 14 {
		t.Fatalf("%d samples, %v", len(files), err)
	}
	for _, f := range files {
		base := filepath.Base(f)
		t.Run(base, func(t *testing.T) {
			code, out, errOut := runCLI(t, nil, "edxml", "inspect", f)
			if base == "res_edoc_new.edxml" { // bytes before <?xml: refused, as the official parser does
				if code != exitNegative || out != "" || !strings.Contains(errOut, `"1212" before <?xml`) {
					t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
				}
				return
			}
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			var got struct {
				Kind   string
				Header *struct {
					Subject      string
					SteeringType int `json:"steering_type"`
					PageAmount   int `json:"page_amount"`
				}
				Status *struct {
					Code        string
					ResponseFor struct {
						DocumentID string `json:"document_id"`
					} `json:"response_for"`
					From struct {
						Fax, Website string
					}
					Staff       string
					Department  string
					StaffEmail  string `json:"staff_email"`
					StaffMobile string `json:"staff_mobile"`
				}
				Attachments []struct {
					Name, Type, SHA256, Error string
					Size                      int
					Entries                   []struct {
						Name, SHA256 string
						Size         int
					}
				}
				Signature *struct {
					Present   bool
					Namespace string
					XMLDSig   bool
				}
				Warnings []string
			}
			if err := json.Unmarshal([]byte(out), &got); err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			if strings.Contains(base, "status") {
				want := strings.TrimSuffix(base[strings.LastIndex(base, "_")+1:], ".edxml")
				if want == "status" {
					want = "01"
				}
				if got.Kind != "status" || got.Status == nil || got.Status.Code != want || got.Header != nil ||
					got.Status.ResponseFor.DocumentID != "000.00.00.G22,2015/09/30,7816/VPCP-TTĐT" {
					t.Fatalf("%s", out)
				}
				// Every field of the official StaffInfo, and the sender's fax and website.
				if st := got.Status; st.Staff == "" || st.Department == "" || st.StaffEmail == "" || st.StaffMobile == "" ||
					st.From.Fax == "" || st.From.Website == "" {
					t.Fatalf("staff or sender fields missing: %s", out)
				}
				return
			}
			if got.Kind != "package" || got.Header == nil || got.Header.Subject == "" || got.Header.SteeringType != 1 ||
				got.Signature == nil || !got.Signature.Present || len(got.Attachments) != 1 {
				t.Fatalf("%s", out)
			}
			a := got.Attachments[0]
			if base == "res_edoc.edxml" {
				if !got.Signature.XMLDSig || a.Error == "" || !strings.Contains(a.Error, "base64") || a.SHA256 != "" {
					t.Fatalf("%s", out)
				}
				return
			}
			// The unprefixed <Signature> of the official SDK: present, but not XMLDSig.
			if got.Signature.XMLDSig || got.Signature.Namespace != "http://www.mic.gov.vn/TBT/QCVN_102_2016" {
				t.Errorf("signature %+v", got.Signature)
			}
			if a.Error != "" || a.Size != 270823 || len(a.Entries) != 1 || a.Entries[0].Size != 388347 || got.Header.PageAmount != 22 {
				t.Fatalf("%s", out)
			}
			// The SHA-256 printed is that of the decoded attachment, computed here
			// from the file's own base64.
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			s := string(raw)
			s = s[strings.Index(s, "<edXML:ContentTransferEncoded"):]
			s = s[strings.IndexByte(s, '>')+1 : strings.Index(s, "</edXML:ContentTransferEncoded>")]
			data, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(s), ""))
			if err != nil {
				t.Fatal(err)
			}
			if h := sha256.Sum256(data); a.SHA256 != hex.EncodeToString(h[:]) || len(a.Entries[0].SHA256) != 64 {
				t.Errorf("sha256 %q, want %x", a.SHA256, h)
			}
		})
	}
}

func TestEdxmlInspectErrors(t *testing.T) {
	dir := t.TempDir()
	notXML := writeFile(t, dir, "x.edxml", "PK\x03\x04 not xml")
	html := writeFile(t, dir, "y.edxml", "<html/>")
	hostile := writeFile(t, dir, "z.edxml", `<!DOCTYPE x [<!ENTITY a "b">]><edXML/>`)
	cases := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"edxml", "inspect", notXML}, exitNegative, "x.edxml: not a readable edXML"},
		{[]string{"edxml", "inspect", html}, exitNegative, "not an edXML message"},
		{[]string{"edxml", "inspect", hostile}, exitNegative, "DOCTYPE"},
		{[]string{"edxml", "inspect", filepath.Join(dir, "missing.edxml")}, exitUsage, "missing.edxml: no such file"},
		{[]string{"edxml", "inspect", dir}, exitUsage, "is a directory"},
		{[]string{"edxml", "inspect"}, exitUsage, "want exactly one FILE"},
		{[]string{"edxml", "inspect", "--format", "xml", html}, exitUsage, "--format"},
		{[]string{"edxml", "show", html}, exitUsage, `unknown subcommand "show"`},
		{[]string{"edxml"}, exitUsage, "want a subcommand"},
	}
	for _, c := range cases {
		code, out, errOut := runCLI(t, nil, c.args...)
		if code != c.code || out != "" || !strings.Contains(errOut, c.msg) || strings.Count(errOut, "\n") != 1 {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want %d and one line with %q", c.args, code, out, errOut, c.code, c.msg)
		}
	}
}

func TestEdxmlInspectText(t *testing.T) {
	f := filepath.Join(officialDir, "jdk17_edoc_new.edxml")
	code, out, errOut := runCLI(t, nil, "edxml", "inspect", "--format", "text", f)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, s := range []string{"edXML package", "subject  V/v kết nối, liên thông phần mềm quản lý văn bản", "steering 1  pages 22  copies 2",
		"signature present, not in the XMLDSig namespace", "attachment 1  1896_QD-TTg_m_294779.doc  application/zip  270823 bytes"} {
		if !strings.Contains(out, s) {
			t.Errorf("no %q in\n%s", s, out)
		}
	}
}
