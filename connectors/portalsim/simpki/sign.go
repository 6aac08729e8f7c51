package simpki

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"

	"cddh-sync/connectors"
)

// byteRangeWidth is the room reserved for "[0 a b c]": three ten-digit offsets
// cover files up to 9.9 GB.
const byteRangeWidth = len("[0 0000000000 0000000000 0000000000]")

// contentsSlack is extra zero padding in /Contents beyond the CMS's exact size,
// as signing tools reserve; verifiers ignore trailing zeros.
const contentsSlack = 64

// SignPDF adds two signatures as successive incremental updates: the leader's,
// then the organisation's over the leader's (signing/doc.go: an issued directive
// carries both). It matches portalsim.Options.SignPDF. Every earlier byte is kept,
// so the second signature covers the whole file and the first covers everything
// but the second update, which adds only a signature field and its value.
func (p *PKI) SignPDF(pdf []byte) ([]byte, error) {
	at := p.clock().Truncate(time.Second)
	out, err := p.sign(pdf, &p.leader, at)
	if err != nil {
		return nil, fmt.Errorf("simpki: leader's signature: %w", err)
	}
	if out, err = p.sign(out, &p.org, at); err != nil {
		return nil, fmt.Errorf("simpki: organisation's signature: %w", err)
	}
	return out, nil
}

// update is one object rewritten or added by an incremental update.
type update struct {
	gen  int
	body object
}

// sign appends one incremental update holding a new signature field, its widget
// on the first page and the signature dictionary, then fills /ByteRange and
// /Contents in place.
func (p *PKI) sign(doc []byte, s *signer, at time.Time) ([]byte, error) {
	d, err := readDocument(doc)
	if err != nil {
		return nil, err
	}
	rootRef := d.trailer.get("Root")
	if rootRef.kind != kindRef {
		return nil, fmt.Errorf("%w: trailer /Root is not a reference", errSyntax)
	}
	catalog, rootGen, err := d.object(rootRef.num)
	if err != nil {
		return nil, fmt.Errorf("catalog: %w", err)
	}
	if catalog.kind != kindDict {
		return nil, fmt.Errorf("%w: catalog %d is not a dictionary", errSyntax, rootRef.num)
	}
	pageRef, page, err := d.firstPage(catalog)
	if err != nil {
		return nil, err
	}

	next := d.size
	fieldRef, sigRef := ref(next, 0), ref(next+1, 0)
	next += 2
	// Every object rewritten has one role; an object that is, say, both the form
	// and the catalog would be rewritten twice or grow keys a verifier forbids.
	if pageRef.num == rootRef.num {
		return nil, fmt.Errorf("%w: the first page is the catalog", errSyntax)
	}
	updates := map[int]update{}
	roles := map[int]string{rootRef.num: "catalog", pageRef.num: "page"}
	put := func(role string, num, gen int, body object) error {
		if r, ok := roles[num]; ok && r != role {
			return fmt.Errorf("%w: object %d is both the %s and the %s", errSyntax, num, r, role)
		}
		if _, dup := updates[num]; dup {
			return fmt.Errorf("%w: object %d is rewritten twice", errSyntax, num)
		}
		// The form and the arrays are rewritten in place: shared with other
		// content, the rewrite would change that content too.
		if role != "catalog" && role != "page" && role != "field" && d.refs[num] > 1 {
			return fmt.Errorf("%w: the %s (object %d) is shared with other content", errUnsupported, role, num)
		}
		roles[num] = role
		updates[num] = update{gen, body}
		return nil
	}
	putAs := func(role string) func(int, int, object) error {
		return func(num, gen int, body object) error { return put(role, num, gen, body) }
	}

	// The form: /Fields gains the new field, /SigFlags 3 (signatures exist,
	// append only), ISO 32000-1 12.7.2.
	catalogChanged := false
	var fieldNames []string
	switch af := catalog.get("AcroForm"); af.kind {
	case kindNull:
		form := object{kind: kindDict}
		form.set("Fields", object{kind: kindArray, items: []object{fieldRef}})
		form.set("SigFlags", number(3))
		acroNum := next
		next++
		if err := put("form", acroNum, 0, form); err != nil {
			return nil, err
		}
		catalog.set("AcroForm", ref(acroNum, 0))
		catalogChanged = true
	case kindRef:
		form, gen, err := d.object(af.num)
		if err != nil || form.kind != kindDict {
			return nil, fmt.Errorf("%w: /AcroForm %d is not a dictionary", errSyntax, af.num)
		}
		if fieldNames, err = d.addItem(&form, "Fields", fieldRef, putAs("field array")); err != nil {
			return nil, fmt.Errorf("AcroForm /Fields: %w", err)
		}
		form.set("SigFlags", number(3))
		if err := put("form", af.num, gen, form); err != nil {
			return nil, err
		}
	case kindDict:
		form := af.clone()
		if fieldNames, err = d.addItem(&form, "Fields", fieldRef, putAs("field array")); err != nil {
			return nil, fmt.Errorf("AcroForm /Fields: %w", err)
		}
		form.set("SigFlags", number(3))
		catalog.set("AcroForm", form)
		catalogChanged = true
	default:
		return nil, fmt.Errorf("%w: /AcroForm is neither a dictionary nor a reference", errSyntax)
	}
	if catalogChanged {
		if err := put("catalog", rootRef.num, rootGen, catalog); err != nil {
			return nil, err
		}
	}
	// The page lists the widget among its annotations.
	pageCopy := page.clone()
	if _, err := d.addItem(&pageCopy, "Annots", fieldRef, putAs("annotation array")); err != nil {
		return nil, fmt.Errorf("page /Annots: %w", err)
	}
	if pageCopy.String() != page.String() {
		if err := put("page", pageRef.num, d.xref[pageRef.num].gen, pageCopy); err != nil {
			return nil, err
		}
	}
	// One dictionary is both the field and its widget; the widget is invisible
	// (a zero rectangle), printable and locked (/F 132).
	field := object{kind: kindDict}
	field.set("Type", name("Annot"))
	field.set("Subtype", name("Widget"))
	field.set("FT", name("Sig"))
	field.set("T", object{kind: kindString, raw: "(" + uniqueFieldName(fieldNames) + ")"})
	field.set("V", sigRef)
	field.set("Rect", object{kind: kindArray, items: []object{number(0), number(0), number(0), number(0)}})
	field.set("F", number(132))
	field.set("P", pageRef)
	if err := put("field", fieldRef.num, 0, field); err != nil {
		return nil, err
	}

	placeholder, err := p.signedData(s, make([]byte, sha256.Size), at, true)
	if err != nil {
		return nil, err
	}
	out, gap, brAt := writeUpdate(d, updates, sigRef.num, next, s, at, len(placeholder)+contentsSlack)

	// The ByteRange covers everything but /Contents' hex string, delimiters
	// included (ISO 32000-1 12.8.1).
	br := fmt.Sprintf("[0 %d %d %d]", gap[0], gap[1], len(out)-gap[1])
	copy(out[brAt:], br+strings.Repeat(" ", byteRangeWidth-len(br)))
	h := sha256.New()
	h.Write(out[:gap[0]])
	h.Write(out[gap[1]:])
	der, err := p.signedData(s, h.Sum(nil), at, false)
	if err != nil {
		return nil, err
	}
	if 2*len(der) > gap[1]-gap[0]-2 {
		return nil, fmt.Errorf("simpki: CMS of %d bytes exceeds the reserved /Contents", len(der))
	}
	hex.Encode(out[gap[0]+1:], der)
	return out, nil
}

// addItem appends item to the array under key of dict, creating the array or
// rewriting it where it lives (in dict, or as its own object). It returns the
// /T literal strings of the existing items, which are fields when key is /Fields.
func (d *document) addItem(dict *object, key string, item object, put func(int, int, object) error) ([]string, error) {
	v := dict.get(key)
	var arr object
	switch v.kind {
	case kindNull:
		dict.set(key, object{kind: kindArray, items: []object{item}})
		return nil, nil
	case kindArray:
		arr = v
	case kindRef:
		var gen int
		var err error
		if arr, gen, err = d.object(v.num); err != nil {
			return nil, err
		}
		if arr.kind != kindArray {
			return nil, fmt.Errorf("%w: object %d is not an array", errSyntax, v.num)
		}
		names, err := d.fieldTitles(arr)
		if err != nil {
			return nil, err
		}
		arr.items = append(arr.items, item)
		return names, put(v.num, gen, arr)
	default:
		return nil, fmt.Errorf("%w: /%s is neither an array nor a reference", errSyntax, key)
	}
	names, err := d.fieldTitles(arr)
	if err != nil {
		return nil, err
	}
	arr = arr.clone()
	arr.items = append(arr.items, item)
	dict.set(key, arr)
	return names, nil
}

// fieldTitles lists the /T of each item as written (e.g. "(Signature1)"): the
// new field's name must differ. An item that cannot be read is an error: a
// signature added to a form nobody can read would not verify either.
func (d *document) fieldTitles(arr object) ([]string, error) {
	var names []string
	for _, it := range arr.items {
		f, err := d.resolve(it)
		if err != nil {
			return nil, err
		}
		names = append(names, f.get("T").raw)
	}
	return names, nil
}

// uniqueFieldName is the first SignatureN not used by an existing field; the
// names stay ASCII, so the literal string needs no escaping.
func uniqueFieldName(existing []string) string {
	for n := 1; ; n++ {
		name := "Signature" + strconv.Itoa(n)
		if !slices.Contains(existing, "("+name+")") {
			return name
		}
	}
}

// writeUpdate appends the update to a copy of the document: the changed and new
// objects, the signature dictionary (object sigNum) with placeholders, a
// cross-reference section and the trailer. It returns the new file, the
// [start, end) of /Contents' hex string and the offset of the /ByteRange array.
func writeUpdate(d *document, updates map[int]update, sigNum, size int, s *signer, at time.Time, contentsLen int) ([]byte, [2]int, int) {
	var b bytes.Buffer
	b.Grow(len(d.data) + 2*contentsLen + 4096)
	b.Write(d.data)
	if n := len(d.data); n > 0 && d.data[n-1] != '\n' && d.data[n-1] != '\r' {
		b.WriteByte('\n')
	}
	offsets := map[int]int{}
	gens := map[int]int{sigNum: 0}
	nums := []int{sigNum}
	for num, u := range updates {
		nums = append(nums, num)
		gens[num] = u.gen
	}
	slices.Sort(nums)
	var gap [2]int
	brAt := 0
	for _, num := range nums {
		offsets[num] = b.Len()
		fmt.Fprintf(&b, "%d %d obj\n", num, gens[num])
		if num != sigNum {
			updates[num].body.write(&b)
			b.WriteString("\nendobj\n")
			continue
		}
		// The signature dictionary (ISO 32000-1 12.8.1, Table 252).
		b.WriteString("<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached")
		fmt.Fprintf(&b, " /Name %s /Reason %s /Location %s /M %s",
			textString(s.cert.Subject.CommonName), textString(s.reason), textString(s.location), pdfDate(at))
		b.WriteString(" /ByteRange ")
		brAt = b.Len()
		b.WriteString("[0 0000000000 0000000000 0000000000]")
		b.WriteString(" /Contents ")
		gap[0] = b.Len()
		b.WriteByte('<')
		b.Write(bytes.Repeat([]byte("0"), 2*contentsLen))
		b.WriteByte('>')
		gap[1] = b.Len()
		b.WriteString(" >>\nendobj\n")
	}
	xref := b.Len()
	b.WriteString("xref\n")
	for i := 0; i < len(nums); {
		j := i
		for j+1 < len(nums) && nums[j+1] == nums[j]+1 {
			j++
		}
		fmt.Fprintf(&b, "%d %d\n", nums[i], j-i+1)
		for _, num := range nums[i : j+1] {
			fmt.Fprintf(&b, "%010d %05d n \n", offsets[num], gens[num])
		}
		i = j + 1
	}
	trailer := d.trailer.clone()
	trailer.set("Size", number(size))
	trailer.set("Prev", number(d.startxref))
	trailer.keys, trailer.vals = without(trailer.keys, trailer.vals, "XRefStm")
	b.WriteString("trailer\n")
	trailer.write(&b)
	fmt.Fprintf(&b, "\nstartxref\n%d\n%%%%EOF\n", xref)
	return b.Bytes(), gap, brAt
}

// without removes key from a dictionary's parallel slices.
func without(keys []string, vals []object, key string) ([]string, []object) {
	for i, k := range keys {
		if k == key {
			return slices.Delete(keys, i, i+1), slices.Delete(vals, i, i+1)
		}
	}
	return keys, vals
}

// textString encodes a PDF text string as UTF-16BE with a byte-order mark, the
// form that carries Vietnamese (ISO 32000-1 7.9.2.2).
func textString(s string) string {
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteString(">")
	return b.String()
}

// pdfDate is a PDF date in Vietnam's time (ISO 32000-1 7.9.4).
func pdfDate(t time.Time) string {
	t = t.In(connectors.Zone)
	_, off := t.Zone()
	sign := '+'
	if off < 0 {
		sign, off = '-', -off
	}
	return fmt.Sprintf("(D:%s%c%02d'%02d')", t.Format("20060102150405"), sign, off/3600, off%3600/60)
}
