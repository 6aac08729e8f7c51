package signing

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestVerifyXMLForeignSignature: the official edXML SDK writes <Signature> without
// the XMLDSig namespace, so it falls in the edXML one. That is reported as a
// signature that cannot be validated (TOTAL_FAILED, FORMAT_FAILURE, with the reason),
// never as NO_SIGNATURE_FOUND.
func TestVerifyXMLForeignSignature(t *testing.T) {
	t.Parallel()
	official, err := os.ReadFile(filepath.Join("..", "connectors", "edxml", "testdata", "official", "jdk17_edoc_new.edxml"))
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string]struct {
		doc    string
		inNS   string
		count  int
		noneOK bool
	}{
		"official SDK sample (edXML namespace)": {string(official), "http://www.mic.gov.vn/TBT/QCVN_102_2016", 1, false},
		"no namespace":                          {`<doc><Signature><SignedInfo/><SignatureValue>AA==</SignatureValue></Signature></doc>`, "no namespace", 1, false},
		"other prefix":                          {`<doc xmlns:x="urn:x"><x:Signature/></doc>`, "urn:x", 1, false},
		"no signature at all":                   {`<doc><Body/></doc>`, "", 0, true},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			rep, err := VerifyXML(context.Background(), "p.edxml", []byte(c.doc), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if c.noneOK {
				if rep.Indication != NoSignatureFound || len(rep.Signatures) != 0 {
					t.Fatalf("got %s %+v", rep.Indication, rep.Signatures)
				}
				return
			}
			if len(rep.Signatures) != c.count || rep.Indication != TotalFailed {
				t.Fatalf("got %s with %d signatures", rep.Indication, len(rep.Signatures))
			}
			s := rep.Signatures[0]
			if s.Indication != TotalFailed || s.SubIndication != FormatFailure || len(s.Errors) != 1 ||
				!strings.Contains(s.Errors[0], c.inNS) || !strings.Contains(s.Errors[0], "not in the XMLDSig namespace") {
				t.Fatalf("signature: %+v", s)
			}
		})
	}
}
