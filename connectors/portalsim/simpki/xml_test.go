package simpki_test

import (
	"bytes"
	"context"
	"crypto/x509"
	"fmt"
	"strings"
	"testing"

	"cddh-sync/connectors/edxml"
	"cddh-sync/connectors/portalsim"
	"cddh-sync/connectors/portalsim/simpki"
	"cddh-sync/signing"
)

func verifyXML(t *testing.T, p *simpki.PKI, doc []byte, fetcher signing.Fetcher) *signing.Report {
	t.Helper()
	rep, err := signing.VerifyXML(context.Background(), "package.edxml", doc, signing.Options{TrustAnchors: anchors(t, p), At: validationTime, Fetcher: fetcher})
	if err != nil {
		t.Fatalf("VerifyXML: %v", err)
	}
	return rep
}

func simulatorEdxml(t *testing.T, p *simpki.PKI) (unsigned, served []byte) {
	t.Helper()
	b := startSim(t, p)
	d := b.directive(t, func(d portalsim.Document) bool { return d.HasEdxml })
	return b.get(t, "edxml", fmt.Sprintf("/shared/integration/doc/edxml/%d/", d.ID))
}

func TestSignEdxml(t *testing.T) {
	t.Parallel()
	p := newPKI(t)
	_, served := simulatorEdxml(t, p)
	// The PKI publishes its CRLs as a fetcher: VerifyXML reads no embedded
	// revocation data yet, and the certificates name a CRL distribution point.
	rep := verifyXML(t, p, served, p)
	if rep.Indication != signing.TotalPassed || len(rep.Signatures) != 1 {
		t.Fatalf("%s with %d signatures, want TOTAL_PASSED with 1\n%s", rep.Indication, len(rep.Signatures), dump(rep))
	}
	s := rep.Signatures[0]
	if !s.CoversWholeDocument || !strings.Contains(s.SignedBy, "CN=Ủy ban nhân dân tỉnh Đồng Tháp,") || len(s.Warnings) > 0 {
		t.Errorf("signature: covers all %v, signed by %q, warnings %q", s.CoversWholeDocument, s.SignedBy, s.Warnings)
	}
	// Offline, the revocation status of the edXML signer is unknown.
	if rep := verifyXML(t, p, served, nil); rep.Indication != signing.Indeterminate || rep.Signatures[0].SubIndication != signing.TryLater {
		t.Errorf("offline: %s/%s, want INDETERMINATE/TRY_LATER", rep.Indication, rep.Signatures[0].SubIndication)
	}
	// The package still parses, with its signature seen.
	pkg, err := edxml.Parse(served, edxml.DefaultLimits())
	if err != nil {
		t.Fatalf("edxml.Parse of the signed package: %v", err)
	}
	if !pkg.HasSignature || pkg.SignatureNamespace != "http://www.w3.org/2000/09/xmldsig#" {
		t.Errorf("edxml.Parse does not see the XMLDSig Signature: %v %q", pkg.HasSignature, pkg.SignatureNamespace)
	}
	// The simulator writes the official layout: nothing misplaced, every
	// attachment read, the signature inside edXMLHeader as the official SDK puts it.
	if len(pkg.Warnings) != 0 || len(pkg.Attachments) == 0 {
		t.Errorf("warnings %q, %d attachments", pkg.Warnings, len(pkg.Attachments))
	}
	for _, a := range pkg.Attachments {
		if a.Err != nil || a.Misplaced || len(a.Data) == 0 {
			t.Errorf("attachment %q: %v, misplaced %v", a.Name, a.Err, a.Misplaced)
		}
	}
	if i, j := bytes.Index(served, []byte("<Signature ")), bytes.Index(served, []byte("</edXML:edXMLHeader>")); i < 0 || j < i {
		t.Errorf("the Signature is not inside edXMLHeader")
	}
}

// TestSignEdxmlCanonicalization signs documents whose serialisation differs from
// their canonical form in the ways C14N normalises; each must verify.
func TestSignEdxmlCanonicalization(t *testing.T) {
	t.Parallel()
	p := newPKI(t)
	cases := []struct{ name, doc string }{
		{"declaration, comments, PIs, empty elements", `<?xml version="1.0" encoding="UTF-8"?>
<?xml-stylesheet href="a.xsl" type="text/xsl"?>
<!-- before -->
<edXML:edXMLEnvelope xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016"><edXML:edXMLHeader><edXML:Empty/><!-- inside --><edXML:Subject>Chỉ thị &#34;khẩn&#34; &amp; &lt;gấp&gt;</edXML:Subject></edXML:edXMLHeader></edXML:edXMLEnvelope>
<!-- after -->`},
		{"attributes out of order, namespaces redeclared and unused", `<root xmlns="urn:a" xmlns:u="urn:unused" z="1" a="2" xmlns:b="urn:b" b:c="3"><edXMLHeader><b:x xmlns:b="urn:b" xml:lang="vi">t&#xD;ext</b:x><y xmlns="" q="&#9;&quot;"/></edXMLHeader></root>`},
		{"CDATA and no header", `<a><![CDATA[<không phải thẻ> & ]]></a>`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			out, err := p.SignEdxml([]byte(c.doc))
			if err != nil {
				t.Fatal(err)
			}
			rep := verifyXML(t, p, out, p)
			if rep.Indication != signing.TotalPassed {
				t.Fatalf("%s\n%s\n%s", rep.Indication, dump(rep), out)
			}
		})
	}
}

func TestSignEdxmlTampering(t *testing.T) {
	t.Parallel()
	p := newPKI(t)
	_, served := simulatorEdxml(t, p)
	cases := []struct {
		name string
		edit func([]byte) []byte
		want signing.SubIndication
	}{
		{"the subject changed", func(b []byte) []byte {
			i := bytes.Index(b, []byte("<edXML:Subject>")) + len("<edXML:Subject>")
			b[i] ^= 0x01
			return b
		}, signing.HashFailure},
		{"an element added after signing", func(b []byte) []byte {
			return bytes.Replace(b, []byte("</edXML:edXMLHeader>"), []byte("<edXML:Extra>x</edXML:Extra></edXML:edXMLHeader>"), 1)
		}, signing.HashFailure},
		{"the digest in SignedInfo replaced (reference and signature fail)", func(b []byte) []byte {
			i := bytes.Index(b, []byte("<DigestValue>")) + len("<DigestValue>")
			b[i] = flipBase64(b[i])
			return b
		}, signing.HashFailure},
		{"the signature value changed", func(b []byte) []byte {
			i := bytes.Index(b, []byte("<SignatureValue>")) + len("<SignatureValue>") + 10
			b[i] = flipBase64(b[i])
			return b
		}, signing.SigCryptoFailure},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			rep := verifyXML(t, p, c.edit(bytes.Clone(served)), p)
			if rep.Indication != signing.TotalFailed || rep.Signatures[0].SubIndication != c.want {
				t.Fatalf("%s/%s, want TOTAL_FAILED/%s", rep.Indication, rep.Signatures[0].SubIndication, c.want)
			}
		})
	}
}

// flipBase64 changes a base64 digit into another valid one.
func flipBase64(c byte) byte {
	if c == 'A' {
		return 'B'
	}
	return 'A'
}

func TestSignEdxmlRefuses(t *testing.T) {
	t.Parallel()
	p := newPKI(t)
	for _, doc := range []string{
		`<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>`,
		`<a><b></a>`,
		`<a/><b/>`,
		`text`,
		`<p:a>undeclared prefix</p:a>`,
		``,
	} {
		if out, err := p.SignEdxml([]byte(doc)); err == nil {
			t.Errorf("SignEdxml(%q) = %q, want an error", doc, out)
		}
	}
}

// FuzzSignEdxml is differential: our canonicalizer (encoding/xml tokens) and
// the verifier's (etree) are independent, so whatever SignEdxml accepts must
// verify.
func FuzzSignEdxml(f *testing.F) {
	p := newPKI(f)
	f.Add([]byte(`<?xml version="1.0"?><a xmlns:e="urn:e"><e:edXMLHeader a="1">t</e:edXMLHeader></a>`))
	f.Add([]byte(`<a><![CDATA[x]]><!-- c --><?pi d?></a>`))
	f.Add([]byte(`<root xmlns="urn:a" xmlns:u="urn:unused" z="1" a="2" xmlns:b="urn:b" b:c="3"><edXMLHeader><b:x xmlns:b="urn:b" xml:lang="vi">t&#xD;ext</b:x><y xmlns="" q="&#9;&quot;"/></edXMLHeader></root>`))
	opt := signing.Options{TrustAnchors: []*x509.Certificate{p.Root()}, At: validationTime, Fetcher: p}
	f.Fuzz(func(t *testing.T, doc []byte) {
		out, err := p.SignEdxml(doc)
		if err != nil {
			return
		}
		rep, err := signing.VerifyXML(context.Background(), "fuzz.xml", out, opt)
		if err != nil {
			t.Fatalf("the verifier cannot parse what SignEdxml produced: %v\n%s", err, out)
		}
		if rep.Indication != signing.TotalPassed {
			t.Fatalf("%s\n%s\n%s", rep.Indication, dump(rep), out)
		}
	})
}

func BenchmarkSignEdxml(b *testing.B) {
	p := newPKI(b)
	doc := []byte(`<?xml version="1.0" encoding="UTF-8"?>
<edXML:edXMLEnvelope xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016">
  <edXML:edXMLHeader>
    <edXML:MessageHeader><edXML:Subject>` + strings.Repeat("Chỉ thị về tăng cường công tác phòng, chống thiên tai. ", 40) + `</edXML:Subject></edXML:MessageHeader>
  </edXML:edXMLHeader>
</edXML:edXMLEnvelope>
`)
	b.SetBytes(int64(len(doc)))
	for b.Loop() {
		if _, err := p.SignEdxml(doc); err != nil {
			b.Fatal(err)
		}
	}
}
