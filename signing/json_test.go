package signing

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// jsonReference is how encoding/json writes the report: a json.Encoder (HTML
// escaping on), indented by two spaces or compact.
func jsonReference(t testing.TB, r *Report, indent bool) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	if indent {
		enc.SetIndent("", "  ")
	}
	if err := enc.Encode(r); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func checkReportJSON(t testing.TB, r *Report) {
	t.Helper()
	for _, indent := range []bool{false, true} {
		want := jsonReference(t, r, indent)
		got := r.AppendJSON(nil, indent)
		if !bytes.Equal(got, want) {
			t.Fatalf("indent %v:\ngot  %s\nwant %s", indent, got, want)
		}
	}
}

func TestReportJSONAsEncodingJSON(t *testing.T) {
	odd := "a<b>&\"\\\b\f\n\r\t\x00\x1f\x7f é \u2028\u2029 \xff\xfe 🙂 Ban Cơ yếu Chính phủ"
	for _, r := range []*Report{
		{},
		{File: "x.pdf", Indication: NoSignatureFound, Signatures: []SignatureResult{}},
		{File: odd, Indication: Indeterminate, Signatures: []SignatureResult{}, Errors: []string{odd, ""}},
		{File: "a.pdf", Indication: TotalPassed, Signatures: []SignatureResult{
			{Indication: TotalPassed, SignedBy: "CN=" + odd, Format: "PAdES-B", CoversWholeDocument: true,
				Errors: []string{}, Warnings: []string{"w1", odd}, Field: "Sig1"},
			{Indication: TotalFailed, SubIndication: HashFailure, Errors: []string{"e"}, Warnings: nil},
			{},
		}},
	} {
		checkReportJSON(t, r)
	}
}

// FuzzReportJSON: AppendJSON writes what encoding/json writes, for any strings,
// nil or empty lists and any number of signatures.
func FuzzReportJSON(f *testing.F) {
	f.Add("x.pdf", "CN=a", "warning <&>", "Sig1", uint8(3), true)
	f.Add("\xff\u2028\x01", "", "", "", uint8(0), false)
	f.Add("", "é\"\\", "\t\n", "F", uint8(255), true)
	f.Fuzz(func(t *testing.T, file, signer, msg, field string, shape uint8, covers bool) {
		r := &Report{File: file, Indication: Indication(msg)}
		if shape&1 != 0 {
			r.Signatures = []SignatureResult{}
		}
		if shape&2 != 0 {
			r.Errors = strings.Split(msg, "\n")
		}
		for i := range int(shape >> 5) {
			s := SignatureResult{Indication: TotalFailed, SubIndication: SubIndication(field), SignedBy: signer,
				SigningTime: msg, BestSignatureTime: file, Format: signer, CoversWholeDocument: covers != (i%2 == 0)}
			if shape&4 != 0 {
				s.Errors = []string{}
			}
			if shape&8 != 0 {
				s.Warnings = []string{msg, signer}
			}
			if shape&16 != 0 {
				s.Field = field
			}
			r.Signatures = append(r.Signatures, s)
		}
		checkReportJSON(t, r)
	})
}
