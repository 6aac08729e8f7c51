package xmldsig

import (
	"sort"
	"strings"

	"github.com/beevik/etree"
)

// Canonicalization algorithms.
const (
	C14N10         = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315"
	C14N10Comments = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments"
	C14N11         = "http://www.w3.org/2006/12/xml-c14n11"
	C14N11Comments = "http://www.w3.org/2006/12/xml-c14n11#WithComments"
	ExcC14N        = "http://www.w3.org/2001/10/xml-exc-c14n#"
	ExcC14NComment = "http://www.w3.org/2001/10/xml-exc-c14n#WithComments"
)

// canonicalizer renders an element subtree (or the whole document) in canonical
// form. skip is an element left out (the enveloped signature).
type canonicalizer struct {
	comments  bool
	exclusive bool
	inclusive map[string]bool // exclusive c14n: InclusiveNamespaces PrefixList
	skip      *etree.Element
	b         strings.Builder
}

func newCanonicalizer(alg string, prefixes []string, skip *etree.Element) (*canonicalizer, bool) {
	c := &canonicalizer{skip: skip, inclusive: map[string]bool{}}
	switch alg {
	case C14N10, C14N11:
	case C14N10Comments, C14N11Comments:
		c.comments = true
	case ExcC14N:
		c.exclusive = true
	case ExcC14NComment:
		c.exclusive, c.comments = true, true
	default:
		return nil, false
	}
	for _, p := range prefixes {
		if p == "#default" {
			p = ""
		}
		c.inclusive[p] = true
	}
	return c, true
}

// inScope returns the namespace declarations in scope at el (nearest wins).
func inScope(el *etree.Element) map[string]string {
	var chain []*etree.Element
	for e := el; e != nil; e = e.Parent() {
		chain = append(chain, e)
	}
	ns := map[string]string{}
	for i := len(chain) - 1; i >= 0; i-- {
		for _, a := range chain[i].Attr {
			if p, ok := nsDecl(a); ok {
				ns[p] = a.Value
			}
		}
	}
	return ns
}

func nsDecl(a etree.Attr) (string, bool) {
	if a.Space == "xmlns" {
		return a.Key, true
	}
	if a.Space == "" && a.Key == "xmlns" {
		return "", true
	}
	return "", false
}

// document renders the whole document (URI="" references).
func (c *canonicalizer) document(doc *etree.Document) string {
	root := doc.Root()
	seenRoot := false
	for _, t := range doc.Child {
		switch x := t.(type) {
		case *etree.Element:
			c.element(x, map[string]string{}, true)
			seenRoot = true
		case *etree.Comment:
			if c.comments {
				c.topLevel("<!--"+x.Data+"-->", seenRoot)
			}
		case *etree.ProcInst:
			if x.Target != "xml" {
				c.topLevel("<?"+x.Target+piData(x.Inst)+"?>", seenRoot)
			}
		}
	}
	_ = root
	return c.b.String()
}

func piData(s string) string {
	if s == "" {
		return ""
	}
	return " " + s
}

func (c *canonicalizer) topLevel(s string, afterRoot bool) {
	if afterRoot {
		c.b.WriteString("\n" + s)
	} else {
		c.b.WriteString(s + "\n")
	}
}

// subtree renders el as the apex of a node-set.
func (c *canonicalizer) subtree(el *etree.Element) string {
	c.element(el, map[string]string{}, true)
	return c.b.String()
}

type attr struct {
	uri, local, qname, value string
}

func (c *canonicalizer) element(el *etree.Element, rendered map[string]string, apex bool) {
	if el == c.skip {
		return
	}
	scope := inScope(el)
	// Namespace declarations to render.
	decls := map[string]string{}
	if c.exclusive {
		used := map[string]bool{el.Space: true}
		for _, a := range el.Attr {
			if _, isNS := nsDecl(a); !isNS && a.Space != "" && a.Space != "xml" {
				used[a.Space] = true
			}
		}
		for p := range c.inclusive {
			if _, ok := scope[p]; ok {
				used[p] = true
			}
		}
		for p := range used {
			uri := scope[p]
			if prev, ok := rendered[p]; (ok && prev == uri) || (!ok && uri == "") {
				continue
			}
			decls[p] = uri
		}
	} else {
		for p, uri := range scope {
			if prev, ok := rendered[p]; (ok && prev == uri) || (!ok && uri == "") {
				continue
			}
			decls[p] = uri
		}
		// xmlns="" when the parent output a non-empty default namespace.
		if _, ok := scope[""]; !ok {
			if prev, ok := rendered[""]; ok && prev != "" {
				decls[""] = ""
			}
		}
	}
	next := make(map[string]string, len(rendered)+len(decls))
	for k, v := range rendered {
		next[k] = v
	}
	for k, v := range decls {
		next[k] = v
	}
	qname := el.Tag
	if el.Space != "" {
		qname = el.Space + ":" + el.Tag
	}
	c.b.WriteString("<" + qname)
	prefixes := make([]string, 0, len(decls))
	for p := range decls {
		prefixes = append(prefixes, p)
	}
	sort.Strings(prefixes)
	for _, p := range prefixes {
		if p == "" {
			c.b.WriteString(` xmlns="` + escapeAttr(decls[p]) + `"`)
		} else {
			c.b.WriteString(" xmlns:" + p + `="` + escapeAttr(decls[p]) + `"`)
		}
	}
	var attrs []attr
	seenXML := map[string]bool{}
	for _, a := range el.Attr {
		if _, isNS := nsDecl(a); isNS {
			continue
		}
		uri := ""
		q := a.Key
		if a.Space != "" {
			q = a.Space + ":" + a.Key
			if a.Space == "xml" {
				uri = "http://www.w3.org/XML/1998/namespace"
				seenXML[a.Key] = true
			} else {
				uri = scope[a.Space]
			}
		}
		attrs = append(attrs, attr{uri, a.Key, q, a.Value})
	}
	// Inclusive C14N 1.0 carries xml:* attributes of omitted ancestors to the apex.
	if apex && !c.exclusive {
		for p := el.Parent(); p != nil; p = p.Parent() {
			for _, a := range p.Attr {
				if a.Space == "xml" && !seenXML[a.Key] {
					seenXML[a.Key] = true
					attrs = append(attrs, attr{"http://www.w3.org/XML/1998/namespace", a.Key, "xml:" + a.Key, a.Value})
				}
			}
		}
	}
	sort.Slice(attrs, func(i, j int) bool {
		if attrs[i].uri != attrs[j].uri {
			return attrs[i].uri < attrs[j].uri
		}
		return attrs[i].local < attrs[j].local
	})
	for _, a := range attrs {
		c.b.WriteString(" " + a.qname + `="` + escapeAttr(a.value) + `"`)
	}
	c.b.WriteString(">")
	for _, t := range el.Child {
		switch x := t.(type) {
		case *etree.Element:
			c.element(x, next, false)
		case *etree.CharData:
			c.b.WriteString(escapeText(x.Data))
		case *etree.Comment:
			if c.comments {
				c.b.WriteString("<!--" + x.Data + "-->")
			}
		case *etree.ProcInst:
			c.b.WriteString("<?" + x.Target + piData(x.Inst) + "?>")
		}
	}
	c.b.WriteString("</" + qname + ">")
}

func escapeText(s string) string {
	r := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "\r", "&#xD;")
	return r.Replace(s)
}

func escapeAttr(s string) string {
	r := strings.NewReplacer("&", "&amp;", "<", "&lt;", `"`, "&quot;", "\t", "&#x9;", "\n", "&#xA;", "\r", "&#xD;")
	return r.Replace(s)
}
