package pdf

import (
	"fmt"
	"sort"
	"strings"

	"cddh-sync/internal/lazy"
)

// referrer is one place where an object is referenced: the referring object and the
// key path inside it ("AP/N", "Annots[]", "Resources/XObject/Fm1").
type referrer struct {
	from int
	path string
}

// refGraph maps each object number to the places that reference it in one revision.
func (f *File) refGraph(rev *Revision) (map[int][]referrer, error) {
	g := map[int][]referrer{}
	add := func(to int, r referrer) { g[to] = append(g[to], r) }
	var walk func(from int, o Object, path string, depth int)
	walk = func(from int, o Object, path string, depth int) {
		if depth > maxDepth {
			return
		}
		switch x := o.(type) {
		case Ref:
			add(x.Num, referrer{from, path})
		case Array:
			for _, it := range x {
				walk(from, it, path+"[]", depth+1)
			}
		case Dict:
			for k, v := range x {
				walk(from, v, joinPath(path, string(k)), depth+1)
			}
		case *Stream:
			for k, v := range x.Dict {
				walk(from, v, joinPath(path, string(k)), depth+1)
			}
		}
	}
	live := rev.Live()
	sort.Ints(live)
	for _, n := range live {
		o, err := f.Get(rev, n)
		if err != nil {
			continue // unreadable objects are judged when they change
		}
		walk(n, o, "", 0)
	}
	for k, v := range rev.Trailer {
		walk(-1, v, "trailer/"+string(k), 0)
	}
	return g, nil
}

func joinPath(a, b string) string {
	if a == "" {
		return b
	}
	return a + "/" + b
}

// CheckUpdatesAfter analyses every revision after revision signed and returns nil
// when each change is on the whitelist: a later signature and its field and widget,
// DSS/VRI validation data, document time-stamps, and form filling when DocMDP
// permits it. docMDP is the certification level P (0 when not certified): P=1
// forbids everything but DSS data and document time-stamps, P>=2 also permits form
// filling. Anything else is reported as an ErrFormat error naming the object,
// because it can change what the signer saw (incremental saving and shadow attacks).
func (f *File) CheckUpdatesAfter(signed int, docMDP int) error {
	for j := signed + 1; j < len(f.Revisions); j++ {
		if err := f.checkUpdate(f.Revisions[j-1], f.Revisions[j], docMDP); err != nil {
			return fmt.Errorf("revision %d (after the signed revision %d): %w", j+1, signed+1, err)
		}
	}
	return nil
}

type updateCtx struct {
	f              *File
	prev, next     *Revision
	refs           map[int][]referrer
	rootNum        int
	formFill       bool
	onlyDocTS      bool // DocMDP P=1: new signatures must be document time-stamps
	filledSigField map[int]bool
}

func (f *File) checkUpdate(prev, next *Revision, docMDP int) error {
	if !Equal(prev.Trailer["Root"], next.Trailer["Root"]) {
		return fmt.Errorf("%w: the trailer /Root changed", ErrFormat)
	}
	if !Equal(prev.Trailer["Encrypt"], next.Trailer["Encrypt"]) {
		return fmt.Errorf("%w: the trailer /Encrypt changed", ErrFormat)
	}
	refs, err := f.refGraph(prev)
	if err != nil {
		return err
	}
	u := &updateCtx{f: f, prev: prev, next: next, refs: refs, formFill: docMDP >= 2, onlyDocTS: docMDP == 1, filledSigField: map[int]bool{}}
	if r, ok := next.Trailer["Root"].(Ref); ok {
		u.rootNum = r.Num
	}
	// Every object whose value differs between the two views counts, not only those
	// in the new section: a section may also re-point or free old entries.
	nums := map[int]bool{}
	for n := range next.entries {
		nums[n] = true
	}
	for n := range prev.entries {
		nums[n] = true
	}
	type change struct {
		num      int
		old, new Object
	}
	var changes []change
	order := make([]int, 0, len(nums))
	for n := range nums {
		order = append(order, n)
	}
	sort.Ints(order)
	for _, n := range order {
		pe, pok := prev.entries[n]
		ne, nok := next.entries[n]
		if pok && nok && pe == ne && !next.Own[n] {
			continue // same entry, same bytes
		}
		oldV, err1 := f.Get(prev, n)
		newV, err2 := f.Get(next, n)
		if err2 != nil {
			return fmt.Errorf("%w: object %d of the update is unreadable: %v", ErrFormat, n, err2)
		}
		if err1 == nil && Equal(oldV, newV) {
			continue
		}
		if err1 != nil {
			oldV = Null{}
		}
		changes = append(changes, change{n, oldV, newV})
	}
	// Signature fields that gain a value first: their appearance objects may change.
	for _, c := range changes {
		if u.isSigFieldFill(c.old, c.new) {
			u.filledSigField[c.num] = true
		}
	}
	for _, c := range changes {
		if err := u.allowed(c.num, c.old, c.new); err != nil {
			return err
		}
	}
	return nil
}

func (u *updateCtx) fieldType(rev *Revision, d Dict) Name {
	for i := 0; d != nil && i < 32; i++ {
		if ft := d.Name("FT"); ft != "" {
			return ft
		}
		p, err := u.f.Resolve(rev, d["Parent"])
		if err != nil {
			return ""
		}
		d, _ = p.(Dict)
	}
	return ""
}

func hasValue(d Dict) bool {
	v, ok := d["V"]
	if !ok {
		return false
	}
	_, isNull := v.(Null)
	return !isNull
}

var sigFillKeys = &lazy.Value[map[Name]bool]{Make: func() map[Name]bool {
	return map[Name]bool{"V": true, "AP": true, "AS": true, "F": true, "Lock": true, "SV": true, "P": true, "MK": true, "DA": true}
}}

func (u *updateCtx) isSigFieldFill(oldV, newV Object) bool {
	od, _ := oldV.(Dict)
	nd, _ := newV.(Dict)
	if od == nil || nd == nil || u.fieldType(u.prev, od) != "Sig" || hasValue(od) {
		return false
	}
	if u.onlyDocTS && !u.isDocTimeStamp(nd["V"]) {
		return false
	}
	return keysWithin(DiffKeys(od, nd), sigFillKeys.Get())
}

func (u *updateCtx) isDocTimeStamp(v Object) bool {
	o, err := u.f.Resolve(u.next, v)
	if err != nil {
		return false
	}
	d, _ := o.(Dict)
	return d.Name("Type") == "DocTimeStamp" || d.Name("SubFilter") == "ETSI.RFC3161"
}

func keysWithin(keys []Name, ok map[Name]bool) bool {
	for _, k := range keys {
		if !ok[k] {
			return false
		}
	}
	return true
}

func (u *updateCtx) allowed(num int, oldV, newV Object) error {
	refs := u.refs[num]
	if _, isNull := oldV.(Null); isNull && len(refs) == 0 {
		return nil // a new object nothing signed points to
	}
	describe := func(why string) error {
		var paths []string
		for i, r := range refs {
			if i == 4 {
				paths = append(paths, "...")
				break
			}
			paths = append(paths, fmt.Sprintf("%d:%s", r.from, r.path))
		}
		return fmt.Errorf("%w: object %d modified after signing (%s; referenced from %s)", ErrFormat, num, why, strings.Join(paths, ", "))
	}
	if _, isNull := newV.(Null); isNull {
		return describe("deleted or freed")
	}
	if num == u.rootNum {
		od, _ := oldV.(Dict)
		nd, _ := newV.(Dict)
		if od == nil || nd == nil {
			return describe("catalog replaced")
		}
		for _, k := range DiffKeys(od, nd) {
			switch k {
			case "DSS", "Extensions", "Perms", "Metadata":
			case "AcroForm":
				if _, ok := od[k].(Dict); ok {
					if err := u.acroFormChange(od[k], nd[k]); err != nil {
						return describe(err.Error())
					}
				} else if od[k] != nil {
					return describe("catalog /AcroForm re-pointed")
				}
			default:
				return describe("catalog key /" + string(k) + " changed")
			}
		}
		return nil
	}
	if u.onlyReferredVia(refs, func(r referrer) bool { return r.from == u.rootNum && r.path == "DSS" }) ||
		u.underDSS(num, 0) {
		return nil // validation data
	}
	if u.filledSigField[num] {
		// The field's old appearance objects must belong to it alone: if another
		// part of the document also references them, replacing the field's /AP is
		// a way to alter signed content under cover of signing (pyHanko's
		// "sneaky" updates).
		od, _ := oldV.(Dict)
		for _, n := range refsIn(od["AP"], 0) {
			if !u.appearanceOnly(n, 0) {
				return describe(fmt.Sprintf("the field's old appearance object %d is shared with other content", n))
			}
		}
		return nil
	}
	if len(refs) > 0 && u.onlyReferredVia(refs, func(r referrer) bool {
		return r.path == "trailer/Info" || r.path == "Info" || (r.from == u.rootNum && r.path == "Metadata")
	}) {
		return nil // document information and XMP metadata are not displayed content
	}
	od, _ := oldV.(Dict)
	nd, _ := newV.(Dict)
	if len(refs) > 0 && u.onlyReferredVia(refs, func(r referrer) bool { return r.from == u.rootNum && r.path == "AcroForm" }) {
		if err := u.acroFormChange(oldV, newV); err != nil {
			return describe(err.Error())
		}
		return nil
	}
	if od != nil && nd != nil && od.Name("Type") == "Page" {
		keys := DiffKeys(od, nd)
		if !keysWithin(keys, map[Name]bool{"Annots": true}) {
			return describe("page changed beyond /Annots")
		}
		if err := u.growingArray(od["Annots"], nd["Annots"], true); err != nil {
			return describe("page /Annots: " + err.Error())
		}
		return nil
	}
	if oa, ok := oldV.(Array); ok {
		na, _ := newV.(Array)
		if len(refs) > 0 && u.onlyReferredVia(refs, func(r referrer) bool { return strings.HasSuffix(r.path, "Annots") }) {
			if err := u.growingArray(oa, na, true); err != nil {
				return describe("annotation array: " + err.Error())
			}
			return nil
		}
		if len(refs) > 0 && u.onlyReferredVia(refs, func(r referrer) bool { return strings.HasSuffix(r.path, "Fields") }) {
			if err := u.growingArray(oa, na, false); err != nil {
				return describe("field array: " + err.Error())
			}
			return nil
		}
	}
	if od != nil && nd != nil && u.formFill {
		ft := u.fieldType(u.prev, od)
		if ft == "Tx" || ft == "Ch" || ft == "Btn" {
			if keysWithin(DiffKeys(od, nd), map[Name]bool{"V": true, "AP": true, "AS": true}) {
				return nil
			}
		}
	}
	// An appearance object may change only when every reference to it is the /AP of
	// a signature field filled in this very update; one shared with page content or
	// with another field would let the update repaint signed content.
	if u.appearanceOnly(num, 0) {
		return nil
	}
	return describe("not a whitelisted change")
}

// appearanceOnly reports whether every reference to num is, directly or through
// indirect appearance dictionaries, the /AP of a signature field filled in this
// update.
func (u *updateCtx) appearanceOnly(num, depth int) bool {
	refs := u.refs[num]
	if len(refs) == 0 || depth > 4 {
		return false
	}
	for _, r := range refs {
		if r.from < 0 {
			return false
		}
		if u.filledSigField[r.from] && strings.HasPrefix(r.path, "AP") {
			continue
		}
		if p := r.path; (p == "N" || p == "R" || p == "D" || strings.HasPrefix(p, "N/") ||
			strings.HasPrefix(p, "R/") || strings.HasPrefix(p, "D/")) && u.appearanceOnly(r.from, depth+1) {
			continue
		}
		return false
	}
	return true
}

// refsIn lists the object numbers referenced inside o (not following references).
func refsIn(o Object, depth int) []int {
	if depth > maxDepth {
		return nil
	}
	switch x := o.(type) {
	case Ref:
		return []int{x.Num}
	case Array:
		var out []int
		for _, it := range x {
			out = append(out, refsIn(it, depth+1)...)
		}
		return out
	case Dict:
		var out []int
		for _, v := range x {
			out = append(out, refsIn(v, depth+1)...)
		}
		return out
	}
	return nil
}

// underDSS reports whether every path to num passes through the catalog's /DSS.
func (u *updateCtx) underDSS(num, depth int) bool {
	refs := u.refs[num]
	if len(refs) == 0 || depth > 6 {
		return false
	}
	for _, r := range refs {
		if r.from == u.rootNum && strings.HasPrefix(r.path, "DSS") {
			continue
		}
		if r.from < 0 || !u.underDSS(r.from, depth+1) {
			return false
		}
	}
	return true
}

func (u *updateCtx) onlyReferredVia(refs []referrer, pred func(referrer) bool) bool {
	if len(refs) == 0 {
		return false
	}
	for _, r := range refs {
		if !pred(r) {
			return false
		}
	}
	return true
}

func (u *updateCtx) acroFormChange(oldV, newV Object) error {
	od, _ := oldV.(Dict)
	nd, _ := newV.(Dict)
	if od == nil || nd == nil {
		return fmt.Errorf("AcroForm replaced")
	}
	for _, k := range DiffKeys(od, nd) {
		switch k {
		case "SigFlags", "DR", "DA":
		case "Fields":
			if err := u.growingArray(od[k], nd[k], false); err != nil {
				return fmt.Errorf("AcroForm /Fields: %w", err)
			}
		default:
			return fmt.Errorf("AcroForm key /%s changed", k)
		}
	}
	return nil
}

// growingArray accepts an array (direct or by reference) that keeps every old
// element and only appends; with widgets, each new element must be a signature
// widget (or any widget when form filling is permitted).
func (u *updateCtx) growingArray(oldO, newO Object, widgets bool) error {
	oa, err := u.f.resolveArray(u.prev, oldO)
	if err != nil {
		return err
	}
	na, err := u.f.resolveArray(u.next, newO)
	if err != nil {
		return err
	}
	if r, ok := oldO.(Ref); ok {
		if nr, ok2 := newO.(Ref); !ok2 || nr != r {
			// re-pointed to another array: judge by content below
			_ = nr
		}
	}
	if len(na) < len(oa) {
		return fmt.Errorf("elements removed")
	}
	for i := range oa {
		if !Equal(oa[i], na[i]) {
			return fmt.Errorf("element %d replaced", i)
		}
	}
	for _, it := range na[len(oa):] {
		if r, ok := it.(Ref); ok && u.prev.Defined(r.Num) && !u.filledSigField[r.Num] {
			// an existing object newly listed: allowed only if it is a signature field
			o, _ := u.f.Get(u.prev, r.Num)
			if d, _ := o.(Dict); u.fieldType(u.prev, d) != "Sig" {
				return fmt.Errorf("existing object %d added", r.Num)
			}
		}
		if !widgets {
			continue
		}
		o, err := u.f.Resolve(u.next, it)
		if err != nil {
			return err
		}
		d, _ := o.(Dict)
		if d.Name("Subtype") != "Widget" {
			return fmt.Errorf("added annotation is not a widget")
		}
		if ft := u.fieldType(u.next, d); ft != "Sig" && !u.formFill {
			return fmt.Errorf("added widget of a %q field", ft)
		}
		if u.onlyDocTS && !u.isDocTimeStamp(d["V"]) {
			return fmt.Errorf("a signature added to a document certified with DocMDP P=1")
		}
	}
	return nil
}
