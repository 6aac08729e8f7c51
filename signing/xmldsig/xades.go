package xmldsig

import (
	"encoding/base64"
	"fmt"
	"strings"

	"github.com/beevik/etree"
)

// XAdES namespaces: 1.3.2 holds the qualifying properties read here; 1.4.1 only adds
// properties (archive time-stamps, validation data) not read yet.
const (
	XAdESNS    = "http://uri.etsi.org/01903/v1.3.2#"
	XAdES141NS = "http://uri.etsi.org/01903/v1.4.1#"
)

// maxTimeStamps bounds the XAdES time-stamp tokens read from one signature.
const maxTimeStamps = 8

// TimeStamp is an RFC 3161 token from an XAdES time-stamp property with the octets
// its message imprint must be the hash of. The token itself is not checked here:
// package signing verifies it (CMS signature, imprint, TSA chain) as it does a PDF
// signature's time-stamp.
type TimeStamp struct {
	Token     []byte // DER TimeStampToken (EncapsulatedTimeStamp)
	Imprinted []byte // the data time-stamped
}

// readXAdES reads the XAdES SignatureTimeStamps of sigEl (ETSI EN 319 132-1
// 5.3.1: xades:QualifyingProperties/UnsignedProperties/UnsignedSignatureProperties/
// SignatureTimeStamp, inside a ds:Object of the signature). Each stamps the
// ds:SignatureValue element canonicalized with the time-stamp's own
// ds:CanonicalizationMethod, C14N 1.0 when it names none (4.5 of the same standard).
// A token that cannot be read is left out with a warning, never a failure of the
// signature: an unsigned property adds proof, it cannot take any away.
func (s *Signature) readXAdES(sigEl, sv *etree.Element) {
	for _, obj := range children(sigEl, "Object") {
		for _, qp := range obj.ChildElements() {
			if qp.Tag != "QualifyingProperties" || qp.NamespaceURI() != XAdESNS {
				continue
			}
			if target := qp.SelectAttrValue("Target", ""); target != "" {
				if id := sigEl.SelectAttrValue("Id", ""); id == "" || target != "#"+id {
					s.Warnings = append(s.Warnings, "XAdES QualifyingProperties ignored: Target "+target+" is not this signature")
					continue
				}
			}
			for _, up := range xadesChildren(qp, "UnsignedProperties") {
				for _, usp := range xadesChildren(up, "UnsignedSignatureProperties") {
					for _, ts := range xadesChildren(usp, "SignatureTimeStamp") {
						s.readSignatureTimeStamp(ts, sv)
					}
				}
			}
		}
	}
}

func (s *Signature) readSignatureTimeStamp(ts, sv *etree.Element) {
	warn := func(why string) {
		s.Warnings = append(s.Warnings, "signature time-stamp ignored: XAdES SignatureTimeStamp "+why)
	}
	alg := C14N10
	var prefixes []string
	if cm := child(ts, "CanonicalizationMethod"); cm != nil {
		alg, prefixes = cm.SelectAttrValue("Algorithm", ""), inclusivePrefixes(cm)
	}
	c, ok := newCanonicalizer(alg, prefixes, nil)
	if !ok {
		warn("names an unsupported canonicalization " + alg)
		return
	}
	imprinted := []byte(c.subtree(sv))
	found := false
	for _, e := range ts.ChildElements() {
		if e.NamespaceURI() != XAdESNS {
			continue
		}
		switch e.Tag {
		case "EncapsulatedTimeStamp":
			found = true
			if enc := e.SelectAttrValue("Encoding", ""); enc != "" && enc != "http://uri.etsi.org/01903/v1.2.2#DER" {
				warn("has an unsupported Encoding " + enc)
				continue
			}
			if len(s.SignatureTimeStamps) >= maxTimeStamps {
				warn(fmt.Sprintf("beyond the first %d tokens", maxTimeStamps))
				return
			}
			der, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(e.Text()), ""))
			if err != nil || len(der) == 0 {
				warn("token is not base64")
				continue
			}
			s.SignatureTimeStamps = append(s.SignatureTimeStamps, TimeStamp{Token: der, Imprinted: imprinted})
		case "XMLTimeStamp":
			found = true
			warn("is an XMLTimeStamp, which is not supported (only RFC 3161 EncapsulatedTimeStamp)")
		}
	}
	if !found {
		warn("holds no EncapsulatedTimeStamp")
	}
}

func xadesChildren(el *etree.Element, tag string) []*etree.Element {
	var out []*etree.Element
	for _, c := range el.ChildElements() {
		if c.Tag == tag && c.NamespaceURI() == XAdESNS {
			out = append(out, c)
		}
	}
	return out
}
