package pdf

import (
	"errors"
	"fmt"
)

// Signature is one signature field's value as found in the final revision.
type Signature struct {
	FieldName  string
	Dict       Dict
	Contents   []byte // the CMS (or time-stamp token), trailing zero padding kept
	ByteRange  []int64
	SubFilter  string
	DocTS      bool // a document time-stamp (/Type /DocTimeStamp, ETSI.RFC3161)
	Revision   int  // index of the revision the ByteRange covers, or -1
	Problem    error
	CoversAll  bool
	SignedData []byte // the bytes the ByteRange selects (nil when Problem != nil)
}

// ErrFormat marks a defect that makes a signature's format invalid (EN 319 102-1
// FORMAT_FAILURE): missing /Contents or /ByteRange, a gap that is not exactly the
// signature value, ranges outside the file.
var ErrFormat = errors.New("signature format")

// Last returns the final revision.
func (f *File) Last() *Revision { return f.Revisions[len(f.Revisions)-1] }

// Signatures walks the AcroForm fields of the final revision and returns every
// signature field that has a value, with its ByteRange checked.
func (f *File) Signatures() ([]*Signature, error) {
	rev := f.Last()
	root, err := f.Resolve(rev, rev.Trailer["Root"])
	if err != nil {
		return nil, fmt.Errorf("catalog: %w", err)
	}
	rd, _ := root.(Dict)
	if rd == nil {
		return nil, fmt.Errorf("%w: trailer /Root is not a dictionary", ErrSyntax)
	}
	af, err := f.Resolve(rev, rd["AcroForm"])
	if err != nil {
		return nil, fmt.Errorf("AcroForm: %w", err)
	}
	afd, _ := af.(Dict)
	fields, _ := f.resolveArray(rev, afd["Fields"])
	var out []*Signature
	seen := map[int]bool{}
	var walk func(items Array, parentFT Name, prefix string, depth int) error
	walk = func(items Array, parentFT Name, prefix string, depth int) error {
		if depth > 32 {
			return fmt.Errorf("%w: field tree deeper than 32", ErrLimit)
		}
		for _, it := range items {
			if r, ok := it.(Ref); ok {
				if seen[r.Num] {
					continue
				}
				seen[r.Num] = true
			}
			o, err := f.Resolve(rev, it)
			if err != nil {
				return err
			}
			d, _ := o.(Dict)
			if d == nil {
				continue
			}
			ft := parentFT
			if n := d.Name("FT"); n != "" {
				ft = n
			}
			name := prefix
			if t, ok := d["T"].(String); ok {
				if name != "" {
					name += "."
				}
				name += string(t.Bytes)
			}
			if ft == "Sig" {
				if v, ok := d["V"]; ok {
					if _, isNull := v.(Null); !isNull {
						if s := f.signature(rev, v, name); s != nil {
							out = append(out, s)
						}
					}
				}
			}
			kids, _ := f.resolveArray(rev, d["Kids"])
			if err := walk(kids, ft, name, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	if err := walk(fields, "", "", 0); err != nil {
		return nil, err
	}
	return out, nil
}

func (f *File) resolveArray(rev *Revision, o Object) (Array, error) {
	r, err := f.Resolve(rev, o)
	if err != nil {
		return nil, err
	}
	a, _ := r.(Array)
	return a, nil
}

func (f *File) signature(rev *Revision, v Object, name string) *Signature {
	s := &Signature{FieldName: name, Revision: -1}
	o, err := f.Resolve(rev, v)
	if err != nil {
		s.Problem = fmt.Errorf("signature dictionary of field %q: %w", name, err)
		return s
	}
	d, _ := o.(Dict)
	if d == nil {
		s.Problem = fmt.Errorf("%w: field %q: /V is not a signature dictionary", ErrFormat, name)
		return s
	}
	s.Dict = d
	s.SubFilter = string(d.Name("SubFilter"))
	s.DocTS = d.Name("Type") == "DocTimeStamp" || s.SubFilter == "ETSI.RFC3161"
	// /Contents must be a direct string: its position in the file is what the
	// ByteRange gap is checked against.
	c, ok := d["Contents"].(String)
	if !ok || len(c.Bytes) == 0 {
		s.Problem = fmt.Errorf("%w: field %q: /Contents missing, empty, null or indirect", ErrFormat, name)
		return s
	}
	s.Contents = c.Bytes
	bra, ok := d["ByteRange"].(Array)
	if !ok || len(bra) == 0 {
		s.Problem = fmt.Errorf("%w: field %q: /ByteRange missing, empty, null or indirect", ErrFormat, name)
		return s
	}
	for _, x := range bra {
		n, ok := x.(Int)
		if !ok || n < 0 {
			s.Problem = fmt.Errorf("%w: field %q: /ByteRange holds a non-integer or negative value", ErrFormat, name)
			return s
		}
		s.ByteRange = append(s.ByteRange, int64(n))
	}
	br := s.ByteRange
	size := int64(len(f.Data))
	switch {
	case len(br) != 4:
		s.Problem = fmt.Errorf("%w: field %q: /ByteRange has %d values, want 4", ErrFormat, name, len(br))
	case br[0] != 0:
		s.Problem = fmt.Errorf("%w: field %q: /ByteRange does not start at 0", ErrFormat, name)
	case br[1] > size || br[2] > size || br[3] > size || br[2]+br[3] > size:
		s.Problem = fmt.Errorf("%w: field %q: /ByteRange reaches beyond the end of the file (%d bytes)", ErrFormat, name, size)
	case br[2] < br[1]:
		s.Problem = fmt.Errorf("%w: field %q: /ByteRange ranges overlap", ErrFormat, name)
	case br[1] != int64(c.Start) || br[2] != int64(c.End):
		s.Problem = fmt.Errorf("%w: field %q: the ByteRange gap [%d,%d) is not exactly this signature's /Contents [%d,%d)", ErrFormat, name, br[1], br[2], c.Start, c.End)
	}
	if s.Problem != nil {
		return s
	}
	covered := int(br[2] + br[3])
	for i, r := range f.Revisions {
		if r.End == covered || (covered < r.End && covered >= r.End-2 && isEOLs(f.Data[covered:r.End])) {
			s.Revision = i
			break
		}
	}
	if s.Revision < 0 {
		s.Problem = fmt.Errorf("%w: field %q: the signed bytes end at %d, which is not the end of a revision", ErrFormat, name, covered)
		return s
	}
	s.CoversAll = covered == len(f.Data) || isEOLs(f.Data[covered:])
	s.SignedData = make([]byte, 0, br[1]+br[3])
	s.SignedData = append(s.SignedData, f.Data[:br[1]]...)
	s.SignedData = append(s.SignedData, f.Data[br[2]:covered]...)
	return s
}

func isEOLs(b []byte) bool {
	for _, c := range b {
		if c != '\r' && c != '\n' && c != ' ' && c != 0 {
			return false
		}
	}
	return true
}

// DSS is the document security store's content: certificates, OCSP responses and
// CRLs (DER), from /Root /DSS of the final revision.
type DSS struct {
	Certs, OCSPs, CRLs [][]byte
}

// DSS returns the decoded streams of /DSS (empty when absent).
func (f *File) DSS() (DSS, error) {
	var out DSS
	rev := f.Last()
	root, err := f.Resolve(rev, rev.Trailer["Root"])
	if err != nil {
		return out, err
	}
	rd, _ := root.(Dict)
	do, err := f.Resolve(rev, rd["DSS"])
	if err != nil {
		return out, err
	}
	d, _ := do.(Dict)
	for key, dst := range map[Name]*[][]byte{"Certs": &out.Certs, "OCSPs": &out.OCSPs, "CRLs": &out.CRLs} {
		arr, _ := f.resolveArray(rev, d[key])
		for _, it := range arr {
			so, err := f.Resolve(rev, it)
			if err != nil {
				return out, err
			}
			s, ok := so.(*Stream)
			if !ok {
				continue
			}
			b, err := f.Decode(s)
			if err != nil {
				return out, fmt.Errorf("DSS %s: %w", key, err)
			}
			*dst = append(*dst, b)
		}
	}
	return out, nil
}

// DocMDP returns the certification permission level P (1..3) of the document, or 0
// when it is not certified. A certification that is present but cannot be read (an
// unresolvable object, a /Perms or /DocMDP that is not a dictionary, a P outside 1..3)
// is an error, never "not certified", which is the permissive answer: the caller
// decides what a broken certification allows.
func (f *File) DocMDP() (int, error) {
	rev := f.Last()
	root, err := f.Resolve(rev, rev.Trailer["Root"])
	if err != nil {
		return 0, fmt.Errorf("DocMDP: catalog: %w", err)
	}
	rd, _ := root.(Dict)
	permsObj, present := rd["Perms"]
	if !present {
		return 0, nil
	}
	perms, err := f.Resolve(rev, permsObj)
	if err != nil {
		return 0, fmt.Errorf("DocMDP: /Perms: %w", err)
	}
	pd, ok := perms.(Dict)
	if !ok {
		return 0, fmt.Errorf("DocMDP: /Perms is not a dictionary")
	}
	sigObj, present := pd["DocMDP"]
	if !present {
		return 0, nil
	}
	sig, err := f.Resolve(rev, sigObj)
	if err != nil {
		return 0, fmt.Errorf("DocMDP: signature: %w", err)
	}
	sd, ok := sig.(Dict)
	if !ok {
		return 0, fmt.Errorf("DocMDP: /Perms/DocMDP is not a signature dictionary")
	}
	refs, err := f.resolveArray(rev, sd["Reference"])
	if err != nil {
		return 0, fmt.Errorf("DocMDP: /Reference: %w", err)
	}
	for _, r := range refs {
		ro, err := f.Resolve(rev, r)
		if err != nil {
			return 0, fmt.Errorf("DocMDP: signature reference: %w", err)
		}
		rd, _ := ro.(Dict)
		if rd.Name("TransformMethod") != "DocMDP" {
			continue
		}
		tp, err := f.Resolve(rev, rd["TransformParams"])
		if err != nil {
			return 0, fmt.Errorf("DocMDP: /TransformParams: %w", err)
		}
		tpd, _ := tp.(Dict)
		pv, has := tpd["P"]
		if !has {
			return 2, nil // ISO 32000-1 12.8.2.2: P defaults to 2
		}
		if p, ok := pv.(Int); ok && p >= 1 && p <= 3 {
			return int(p), nil
		}
		return 0, fmt.Errorf("DocMDP: permission /P %v is not 1, 2 or 3", pv)
	}
	// A /Perms/DocMDP signature without a DocMDP transform: certified, level unknown.
	return 0, fmt.Errorf("DocMDP: /Perms/DocMDP has no DocMDP transform")
}
