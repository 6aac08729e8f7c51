package xmldsig

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"strings"
	"time"

	"github.com/beevik/etree"
)

// XAdESNS is the XAdES 1.3.2 namespace of the qualifying properties read here;
// XAdES 1.4.1 properties (archive time-stamps, validation data) are not read yet.
const XAdESNS = "http://uri.etsi.org/01903/v1.3.2#"

// signedPropertiesType is the Type of the Reference covering xades:SignedProperties.
const signedPropertiesType = "http://uri.etsi.org/01903#SignedProperties"

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

// readXAdES reads the XAdES time-stamps of sigEl's QualifyingProperties (in a
// ds:Object of the signature), ETSI EN 319 132-1:
//   - SignatureTimeStamp (5.3.1, unsigned): over the ds:SignatureValue element;
//   - AllDataObjectsTimeStamp (5.2.8.1, signed): over the concatenated octets of
//     every Reference of SignedInfo but the one covering SignedProperties, in order;
//   - IndividualDataObjectsTimeStamp (5.2.8.2, signed): over those of the
//     References its xades:Include elements name, in their order.
//
// Each uses the time-stamp's own ds:CanonicalizationMethod, C14N 1.0 when it names
// none (4.5). A content time-stamp counts only when a verified Reference covers its
// SignedProperties (signed holds the elements the verified references point to):
// otherwise anyone could add one to make the signature fail. A time-stamp that
// cannot be read is left out with a warning, never a failure of the signature.
func (s *Signature) readXAdES(doc *etree.Document, sigEl, si, sv *etree.Element, signed map[*etree.Element]bool) {
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
			for _, sp := range xadesChildren(qp, "SignedProperties") {
				if signed[sp] {
					s.readSigningTime(sp)
				}
				for _, sdop := range xadesChildren(sp, "SignedDataObjectProperties") {
					for _, ts := range sdop.ChildElements() {
						if ts.NamespaceURI() != XAdESNS || (ts.Tag != "AllDataObjectsTimeStamp" && ts.Tag != "IndividualDataObjectsTimeStamp") {
							continue
						}
						if !signed[sp] {
							s.Warnings = append(s.Warnings, "content time-stamp ignored: XAdES "+ts.Tag+" is in SignedProperties that no verified Reference covers")
							continue
						}
						s.readContentTimeStamp(doc, sigEl, si, sp, ts)
					}
				}
			}
			for _, up := range xadesChildren(qp, "UnsignedProperties") {
				for _, usp := range xadesChildren(up, "UnsignedSignatureProperties") {
					for _, ts := range xadesChildren(usp, "SignatureTimeStamp") {
						s.readTimeStamp(ts, "signature", &s.SignatureTimeStamps, func(alg string, prefixes []string) ([]byte, string) {
							c, _ := newCanonicalizer(alg, prefixes, nil)
							return []byte(c.subtree(sv)), ""
						})
					}
				}
			}
		}
	}
}

// readSigningTime reads SignedSignatureProperties/SigningTime (ETSI EN 319 132-1
// 5.2.1, an xsd:dateTime) of covered SignedProperties: the signer's claimed time,
// reported with the verdict but never taken as proof of existence.
func (s *Signature) readSigningTime(sp *etree.Element) {
	for _, ssp := range xadesChildren(sp, "SignedSignatureProperties") {
		for _, st := range xadesChildren(ssp, "SigningTime") {
			v := strings.TrimSpace(st.Text())
			t, err := time.Parse(time.RFC3339Nano, v)
			if err != nil {
				// xsd:dateTime without a zone: read as UTC.
				if t, err = time.Parse("2006-01-02T15:04:05.999999999", v); err != nil {
					s.Warnings = append(s.Warnings, fmt.Sprintf("XAdES SigningTime %q ignored: not an xsd:dateTime", v))
					continue
				}
			}
			if s.SigningTime.IsZero() {
				s.SigningTime = t
			}
		}
	}
}

func (s *Signature) readContentTimeStamp(doc *etree.Document, sigEl, si, sp, ts *etree.Element) {
	var refs []*etree.Element
	if ts.Tag == "AllDataObjectsTimeStamp" {
		for _, ref := range children(si, "Reference") {
			uri := ref.SelectAttrValue("URI", "")
			if ref.SelectAttrValue("Type", "") == signedPropertiesType ||
				(strings.HasPrefix(uri, "#") && findID(doc.Root(), uri[1:], 0) == sp) {
				continue
			}
			refs = append(refs, ref)
		}
	} else {
		for _, inc := range xadesChildren(ts, "Include") {
			uri := inc.SelectAttrValue("URI", "")
			var found *etree.Element
			for _, ref := range children(si, "Reference") {
				if id := ref.SelectAttrValue("Id", ""); id != "" && uri == "#"+id {
					found = ref
					break
				}
			}
			if found == nil {
				s.Warnings = append(s.Warnings, "content time-stamp ignored: XAdES IndividualDataObjectsTimeStamp includes "+uri+", which is no Reference of this signature")
				return
			}
			refs = append(refs, found)
		}
	}
	if len(refs) == 0 {
		s.Warnings = append(s.Warnings, "content time-stamp ignored: XAdES "+ts.Tag+" covers no Reference")
		return
	}
	s.readTimeStamp(ts, "content", &s.ContentTimeStamps, func(alg string, prefixes []string) ([]byte, string) {
		var b bytes.Buffer
		for _, ref := range refs {
			octets, _, err := referenceOctets(doc, sigEl, ref, alg, prefixes)
			if err != nil {
				return nil, "cannot process a Reference: " + err.Error()
			}
			b.Write(octets)
		}
		return b.Bytes(), ""
	})
}

// readTimeStamp reads the EncapsulatedTimeStamps of one XAdES time-stamp element
// into out, with the octets imprinted(alg, prefixes) gives for the element's
// canonicalization method.
func (s *Signature) readTimeStamp(ts *etree.Element, kind string, out *[]TimeStamp, imprinted func(alg string, prefixes []string) ([]byte, string)) {
	warn := func(why string) {
		s.Warnings = append(s.Warnings, kind+" time-stamp ignored: XAdES "+ts.Tag+" "+why)
	}
	alg := C14N10
	var prefixes []string
	if cm := child(ts, "CanonicalizationMethod"); cm != nil {
		alg, prefixes = cm.SelectAttrValue("Algorithm", ""), inclusivePrefixes(cm)
	}
	if _, ok := newCanonicalizer(alg, prefixes, nil); !ok {
		warn("names an unsupported canonicalization " + alg)
		return
	}
	var data []byte
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
			if len(s.SignatureTimeStamps)+len(s.ContentTimeStamps) >= maxTimeStamps {
				warn(fmt.Sprintf("beyond the first %d tokens", maxTimeStamps))
				return
			}
			der, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(e.Text()), ""))
			if err != nil || len(der) == 0 {
				warn("token is not base64")
				continue
			}
			if data == nil {
				var why string
				if data, why = imprinted(alg, prefixes); why != "" {
					warn(why)
					return
				}
			}
			*out = append(*out, TimeStamp{Token: der, Imprinted: data})
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
