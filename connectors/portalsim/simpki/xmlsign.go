package simpki

import (
	"bytes"
	"context"
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

// XMLDSig identifiers (W3C XML Signature 1.1, RFC 6931).
const (
	nsDSig       = "http://www.w3.org/2000/09/xmldsig#"
	algExcC14N   = "http://www.w3.org/2001/10/xml-exc-c14n#"
	algEnveloped = "http://www.w3.org/2000/09/xmldsig#enveloped-signature"
	algRSASHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
	algSHA256    = "http://www.w3.org/2001/04/xmlenc#sha256"
	nsXML        = "http://www.w3.org/XML/1998/namespace"
)

// maxXMLDepth bounds element nesting while canonicalizing.
const maxXMLDepth = 256

// SignEdxml adds an enveloped XMLDSig signature of the organisation to an XML
// document (an edXML package; portalsim.Options.SignEdxml). The Reference is the
// whole document (URI ""), with the enveloped-signature transform and exclusive
// C14N; SignedInfo is exclusive-C14N too, RSA-SHA256; KeyInfo carries the signer's
// and the sub-CA's certificates. The Signature goes at the end of edXMLHeader (a child
// of the root, or of the root's edXMLEnvelope as in the official layout; the root
// element when there is none), and nothing else changes: the document
// minus the Signature canonicalizes to what was signed.
func (p *PKI) SignEdxml(doc []byte) ([]byte, error) {
	canon, at, err := canonicalize(doc)
	if err != nil {
		return nil, fmt.Errorf("simpki: sign edXML: %w", err)
	}
	digest := sha256.Sum256(canon)
	// SignedInfo is written in its canonical form, so the bytes signed are the
	// bytes in the document: exclusive C14N of this subtree renders exactly the
	// one namespace it uses, the default XMLDSig one.
	signedInfo := `<SignedInfo xmlns="` + nsDSig + `">` +
		`<CanonicalizationMethod Algorithm="` + algExcC14N + `"></CanonicalizationMethod>` +
		`<SignatureMethod Algorithm="` + algRSASHA256 + `"></SignatureMethod>` +
		`<Reference URI=""><Transforms>` +
		`<Transform Algorithm="` + algEnveloped + `"></Transform>` +
		`<Transform Algorithm="` + algExcC14N + `"></Transform>` +
		`</Transforms><DigestMethod Algorithm="` + algSHA256 + `"></DigestMethod>` +
		`<DigestValue>` + base64.StdEncoding.EncodeToString(digest[:]) + `</DigestValue></Reference></SignedInfo>`
	h := sha256.Sum256([]byte(signedInfo))
	sig, err := rsa.SignPKCS1v15(rand.Reader, p.org.key, crypto.SHA256, h[:])
	if err != nil {
		return nil, fmt.Errorf("simpki: sign edXML: RSA signature: %w", err)
	}
	var b bytes.Buffer
	b.Grow(len(doc) + 8192)
	if at.selfClosing {
		// <x/> becomes <x>Signature</x>: the same element for C14N.
		b.Write(doc[:at.offset-2])
		b.WriteByte('>')
	} else {
		b.Write(doc[:at.offset])
	}
	b.WriteString(`<Signature xmlns="` + nsDSig + `">`)
	b.WriteString(signedInfo)
	b.WriteString("<SignatureValue>" + base64.StdEncoding.EncodeToString(sig) + "</SignatureValue>")
	b.WriteString("<KeyInfo><X509Data>")
	for _, der := range [][]byte{p.org.cert.Raw, p.subCA.cert.Raw} {
		b.WriteString("<X509Certificate>" + base64.StdEncoding.EncodeToString(der) + "</X509Certificate>")
	}
	b.WriteString("</X509Data></KeyInfo></Signature>")
	if at.selfClosing {
		b.WriteString("</" + at.qname + ">")
	}
	b.Write(doc[at.offset:])
	return b.Bytes(), nil
}

// nsScope is one element's namespace state: the declarations in scope and those
// rendered by the nearest output ancestor (exclusive C14N, §3).
type nsScope struct {
	declared map[string]string // prefix ("" default) -> URI, in scope
	rendered map[string]string // prefix -> URI rendered on an output ancestor
	prefix   string            // the element's raw prefix, to match its end tag
	local    string
	startEnd int // offset just past the start tag
}

// insertion is where the Signature goes: before the end tag at offset, or, when
// the element is written <x/> (selfClosing), in place of its "/>" ending at offset.
type insertion struct {
	offset      int
	selfClosing bool
	qname       string
}

// canonicalize returns the Exclusive XML Canonicalization (without comments) of
// a whole document, and the offset where a Signature can be inserted without
// changing that form: just before the end tag of the root's edXMLHeader child (or of
// the root's edXMLEnvelope's, the official layout), or of the root. Documents with a DTD are refused (edXML forbids them, and
// entity declarations would change the canonical form).
func canonicalize(doc []byte) ([]byte, insertion, error) {
	d := xml.NewDecoder(bytes.NewReader(doc))
	d.Strict = true
	var out bytes.Buffer
	var stack []nsScope
	at := insertion{offset: -1}
	rootDone, seenRoot := false, false
	for {
		before := int(d.InputOffset())
		tok, err := d.RawToken()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, at, fmt.Errorf("XML: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if rootDone {
				return nil, at, fmt.Errorf("XML: a second root element <%s>", t.Name.Local)
			}
			if len(stack) >= maxXMLDepth {
				return nil, at, fmt.Errorf("XML: elements nested deeper than %d", maxXMLDepth)
			}
			seenRoot = true
			parent := nsScope{declared: map[string]string{}, rendered: map[string]string{}}
			if len(stack) > 0 {
				parent = stack[len(stack)-1]
			}
			s, err := startTag(&out, t, parent)
			if err != nil {
				return nil, at, err
			}
			s.startEnd = int(d.InputOffset())
			stack = append(stack, s)
		case xml.EndElement:
			if len(stack) == 0 {
				return nil, at, fmt.Errorf("XML: unexpected end tag </%s>", t.Name.Local)
			}
			top := stack[len(stack)-1]
			if top.prefix != t.Name.Space || top.local != t.Name.Local {
				return nil, at, fmt.Errorf("XML: end tag </%s> does not close <%s>", t.Name.Local, top.local)
			}
			header := t.Name.Local == "edXMLHeader" &&
				(len(stack) == 2 || len(stack) == 3 && stack[1].local == "edXMLEnvelope")
			if (header || len(stack) == 1) && at.offset < 0 {
				// encoding/xml reports <x/> as a start and an end token; the end
				// then consumed no input.
				self := before == top.startEnd && bytes.HasSuffix(doc[:before], []byte("/>"))
				at = insertion{offset: before, selfClosing: self, qname: qname(top.prefix, top.local)}
			}
			out.WriteString("</" + qname(top.prefix, top.local) + ">")
			stack = stack[:len(stack)-1]
			rootDone = len(stack) == 0
		case xml.CharData:
			if len(stack) == 0 {
				if len(bytes.TrimLeft(t, " \t\r\n")) > 0 {
					return nil, at, errors.New("XML: text outside the root element")
				}
				continue // white space outside the root is not in the data model
			}
			escapeText(&out, t)
		case xml.ProcInst:
			if t.Target == "xml" {
				continue // the XML declaration is not a processing instruction
			}
			if len(stack) == 0 && rootDone {
				out.WriteByte('\n')
			}
			out.WriteString("<?" + t.Target)
			if len(t.Inst) > 0 {
				out.WriteString(" " + string(t.Inst))
			}
			out.WriteString("?>")
			if len(stack) == 0 && !rootDone {
				out.WriteByte('\n')
			}
		case xml.Comment:
			// without comments
		case xml.Directive:
			return nil, at, errors.New("XML: a DOCTYPE or other declaration is not accepted")
		}
	}
	if !seenRoot || !rootDone {
		return nil, at, errors.New("XML: no complete root element")
	}
	return out.Bytes(), at, nil
}

// startTag writes the canonical start tag of t and returns its scope.
func startTag(out *bytes.Buffer, t xml.StartElement, parent nsScope) (nsScope, error) {
	s := nsScope{declared: clone(parent.declared), rendered: clone(parent.rendered), prefix: t.Name.Space, local: t.Name.Local}
	type attr struct{ uri, local, q, value string }
	var attrs []attr
	seen := map[string]bool{}
	for _, a := range t.Attr {
		// XML 1.0 §3.1 (Unique Att Spec): encoding/xml keeps duplicates, other
		// parsers keep one, and the canonical form would depend on which.
		q := qname(a.Name.Space, a.Name.Local)
		if seen[q] {
			return s, fmt.Errorf("XML: attribute %s repeated on <%s>", q, t.Name.Local)
		}
		seen[q] = true
		switch {
		case a.Name.Space == "" && a.Name.Local == "xmlns":
			s.declared[""] = a.Value
		case a.Name.Space == "xmlns":
			if a.Value == "" {
				return s, fmt.Errorf("XML: prefix %q undeclared (XML 1.1 only)", a.Name.Local)
			}
			s.declared[a.Name.Local] = a.Value
		}
	}
	used := []string{t.Name.Space} // the element's prefix ("" is the default namespace)
	for _, a := range t.Attr {
		if (a.Name.Space == "" && a.Name.Local == "xmlns") || a.Name.Space == "xmlns" {
			continue
		}
		uri := ""
		if a.Name.Space != "" {
			if a.Name.Space == "xml" {
				uri = nsXML
			} else {
				var ok bool
				if uri, ok = s.declared[a.Name.Space]; !ok {
					return s, fmt.Errorf("XML: attribute prefix %q undeclared", a.Name.Space)
				}
				used = append(used, a.Name.Space)
			}
		}
		attrs = append(attrs, attr{uri, a.Name.Local, qname(a.Name.Space, a.Name.Local), a.Value})
	}
	// Exclusive C14N renders a namespace where it is visibly utilised and not
	// already rendered with the same value by an output ancestor.
	var decls []string
	for _, prefix := range used {
		if prefix == "xml" || slices.Contains(decls, prefix) {
			continue
		}
		uri, ok := s.declared[prefix]
		if !ok && prefix != "" {
			return s, fmt.Errorf("XML: element prefix %q undeclared", prefix)
		}
		if r, done := s.rendered[prefix]; (done && r == uri) || (!done && prefix == "" && uri == "") {
			continue
		}
		s.rendered[prefix] = uri
		decls = append(decls, prefix)
	}
	slices.Sort(decls) // "" (the default namespace) first
	out.WriteString("<" + qname(t.Name.Space, t.Name.Local))
	for _, prefix := range decls {
		if prefix == "" {
			out.WriteString(` xmlns="`)
		} else {
			out.WriteString(` xmlns:` + prefix + `="`)
		}
		escapeAttr(out, s.rendered[prefix])
		out.WriteByte('"')
	}
	slices.SortFunc(attrs, func(a, b attr) int {
		if c := strings.Compare(a.uri, b.uri); c != 0 {
			return c
		}
		return strings.Compare(a.local, b.local)
	})
	for i := 1; i < len(attrs); i++ {
		if attrs[i].uri == attrs[i-1].uri && attrs[i].local == attrs[i-1].local {
			return s, fmt.Errorf("XML: attributes %s and %s are the same name (Namespaces in XML §6.3)", attrs[i-1].q, attrs[i].q)
		}
	}
	for _, a := range attrs {
		out.WriteString(" " + a.q + `="`)
		escapeAttr(out, a.value)
		out.WriteByte('"')
	}
	out.WriteByte('>')
	return s, nil
}

func clone(m map[string]string) map[string]string {
	c := make(map[string]string, len(m))
	for k, v := range m {
		c[k] = v
	}
	return c
}

func qname(prefix, local string) string {
	if prefix == "" {
		return local
	}
	return prefix + ":" + local
}

// escapeText escapes character data as C14N 1.0 §2.3 requires.
func escapeText(out *bytes.Buffer, s []byte) {
	for _, c := range s {
		switch c {
		case '&':
			out.WriteString("&amp;")
		case '<':
			out.WriteString("&lt;")
		case '>':
			out.WriteString("&gt;")
		case '\r':
			out.WriteString("&#xD;")
		default:
			out.WriteByte(c)
		}
	}
}

// escapeAttr escapes an attribute value as C14N 1.0 §2.3 requires.
func escapeAttr(out *bytes.Buffer, s string) {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '&':
			out.WriteString("&amp;")
		case '<':
			out.WriteString("&lt;")
		case '"':
			out.WriteString("&quot;")
		case '\t':
			out.WriteString("&#x9;")
		case '\n':
			out.WriteString("&#xA;")
		case '\r':
			out.WriteString("&#xD;")
		default:
			out.WriteByte(c)
		}
	}
}

// FetchCRL serves the hierarchy's CRLs at their distribution points, so that a
// verifier given the PKI as its revocation fetcher (signing.Fetcher) can check
// revocation where nothing is embedded: XMLDSig signatures, whose embedded
// revocation values our verifier does not read yet.
func (p *PKI) FetchCRL(_ context.Context, url string) ([]byte, error) {
	switch url {
	case rootCRLURL:
		return bytes.Clone(p.rootCRL), nil
	case subCACRLURL:
		return bytes.Clone(p.subCACRL), nil
	}
	return nil, fmt.Errorf("simpki: no CRL published at %s", url)
}

// FetchOCSP always fails: the demo hierarchy runs no OCSP responder.
func (p *PKI) FetchOCSP(_ context.Context, url string, _ []byte) ([]byte, error) {
	return nil, fmt.Errorf("simpki: no OCSP responder at %s", url)
}
