package pdf

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func corpusPDFs(t testing.TB) [][]byte {
	var out [][]byte
	root := "../../../shared/testdata/signatures/public"
	_ = filepath.Walk(root, func(p string, info os.FileInfo, err error) error {
		if err == nil && strings.HasSuffix(p, ".pdf") {
			if b, err := os.ReadFile(p); err == nil {
				out = append(out, b)
			}
		}
		return nil
	})
	return out
}

func classic(objs ...string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n")
	var offs []int
	for i, o := range objs {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	x := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, x)
	return b.Bytes()
}

func deflate(b []byte) []byte {
	var out bytes.Buffer
	w := zlib.NewWriter(&out)
	w.Write(b)
	w.Close()
	return out.Bytes()
}

// xrefStreamPDF builds a file whose objects 2 and 3 live in an object stream and
// whose cross-reference is a compressed xref stream with a PNG predictor.
func xrefStreamPDF() []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n")
	off1 := b.Len()
	b.WriteString("1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n")
	first := "<< /Type /Pages /Count 0 /Kids [] >> "
	body := first + "(in stream)"
	header := fmt.Sprintf("2 0 3 %d ", len(first))
	objstm := deflate([]byte(header + body))
	off4 := b.Len()
	fmt.Fprintf(&b, "4 0 obj\n<< /Type /ObjStm /N 2 /First %d /Filter /FlateDecode /Length %d >>\nstream\n", len(header), len(objstm))
	b.Write(objstm)
	b.WriteString("\nendstream\nendobj\n")
	off5 := b.Len()
	rows := [][]byte{{0, 0, 0, 0}, {1, byte(off1 >> 8), byte(off1), 0}, {2, 0, 4, 0}, {2, 0, 4, 1}, {1, byte(off4 >> 8), byte(off4), 0}, {1, byte(off5 >> 8), byte(off5), 0}}
	var raw []byte
	prev := make([]byte, 4)
	for _, r := range rows { // PNG "Up" predictor
		raw = append(raw, 2)
		for i := range r {
			raw = append(raw, r[i]-prev[i])
		}
		prev = r
	}
	data := deflate(raw)
	fmt.Fprintf(&b, "5 0 obj\n<< /Type /XRef /Size 6 /W [1 2 1] /Root 1 0 R /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 4 >> /Length %d >>\nstream\n", len(data))
	b.Write(data)
	fmt.Fprintf(&b, "\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", off5)
	return b.Bytes()
}

func TestParseStructures(t *testing.T) {
	t.Parallel()
	f, err := Parse(xrefStreamPDF(), DefaultLimits())
	if err != nil {
		t.Fatalf("xref stream file: %v", err)
	}
	o, err := f.Get(f.Last(), 3)
	if err != nil {
		t.Fatal(err)
	}
	if s, ok := o.(String); !ok || string(s.Bytes) != "in stream" {
		t.Fatalf("object 3 = %#v, want the string from the object stream", o)
	}
	pages, _ := f.Get(f.Last(), 2)
	if DictOf(pages).Name("Type") != "Pages" {
		t.Fatalf("object 2 = %#v", pages)
	}
}

func TestHostileInputs(t *testing.T) {
	t.Parallel()
	bomb := deflate(make([]byte, 40<<20))
	small := DefaultLimits()
	small.MaxStreamSize = 1 << 20
	cases := []struct {
		name    string
		data    []byte
		lim     Limits
		wantErr error // nil: must parse; the point is that it returns at all
	}{
		{"no header", []byte("hello"), DefaultLimits(), ErrSyntax},
		{"no EOF", []byte("%PDF-1.4\n1 0 obj << >> endobj\n"), DefaultLimits(), ErrSyntax},
		{"prev loop", bytes.Replace(classic("<< /Type /Catalog >>"), []byte("/Root 1 0 R"), []byte("/Root 1 0 R /Prev 9"), 1), DefaultLimits(), ErrSyntax},
		{"length reference loop", classic("<< /Type /Catalog /X 2 0 R >>", "<< /Length 2 0 R >>\nstream\nabc\nendstream"), DefaultLimits(), nil},
		{"deep nesting", classic("<< /A " + strings.Repeat("[", 5000) + strings.Repeat("]", 5000) + " >>"), DefaultLimits(), nil},
		{"self-containing object stream", classic("<< /Type /Catalog >>", "<< /Type /ObjStm /N 1 /First 4 >>\nstream\n2 0 \nendstream"), DefaultLimits(), nil},
		{"deflate bomb", classic("<< /Type /Catalog >>", fmt.Sprintf("<< /Type /XRef /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream", len(bomb), bomb)), small, nil},
		{"huge file", make([]byte, 100), Limits{MaxFileSize: 10}, ErrLimit},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f, err := Parse(c.data, c.lim)
			if c.wantErr != nil {
				if !errors.Is(err, c.wantErr) {
					t.Fatalf("err = %v, want %v", err, c.wantErr)
				}
				return
			}
			if err != nil {
				return // a clear error is acceptable; hanging or crashing is not
			}
			for _, n := range f.Last().Live() {
				f.Get(f.Last(), n)
			}
			if _, err := f.Signatures(); err != nil && !errors.Is(err, ErrSyntax) && !errors.Is(err, ErrLimit) {
				t.Logf("signatures: %v", err)
			}
		})
	}
	// A deflate bomb in a stream is refused with ErrLimit, not inflated.
	f, _ := Parse(classic("<< /Type /Catalog >>"), small)
	if _, err := f.Decode(&Stream{Dict: Dict{"Filter": Name("FlateDecode")}, Raw: bomb}); !errors.Is(err, ErrLimit) {
		t.Fatalf("bomb decode err = %v, want ErrLimit", err)
	}
}

func TestCorpusParses(t *testing.T) {
	t.Parallel()
	seeds := corpusPDFs(t)
	if len(seeds) == 0 {
		noCorpus(t, "no PDF found")
	}
	for i, data := range seeds {
		f, err := Parse(data, DefaultLimits())
		if err != nil {
			t.Fatalf("corpus file %d: %v", i, err)
		}
		sigs, err := f.Signatures()
		if err != nil || len(sigs) == 0 {
			t.Fatalf("corpus file %d: %d signatures, err %v", i, len(sigs), err)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, d := range fuzzSeeds(f) {
		f.Add(d)
	}
	f.Add(xrefStreamPDF())
	f.Add(classic("<< /Type /Catalog /AcroForm << /Fields [2 0 R] >> >>", "<< /FT /Sig /V << /Contents <00> /ByteRange [0 1 2 3] >> >>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		tm := time.AfterFunc(5*time.Second, func() { panic("slow input") })
		defer tm.Stop()
		lim := DefaultLimits()
		lim.Budget = 200_000
		file, err := Parse(data, lim)
		if err != nil {
			return
		}
		sigs, err := file.Signatures()
		if err != nil {
			return
		}
		for _, s := range sigs {
			if s.Problem == nil && s.Revision >= 0 {
				_ = file.CheckUpdatesAfter(s.Revision, 0)
			}
		}
		_, _ = file.DSS()
		_, _ = file.DocMDP()
	})
}

// fuzzSeeds are the corpus files unless CDDH_FUZZ_SMALL_SEEDS is set.
func fuzzSeeds(f *testing.F) [][]byte {
	if os.Getenv("CDDH_FUZZ_SMALL_SEEDS") != "" {
		return nil
	}
	return corpusPDFs(f)
}

// noCorpus ends a test that needs the public corpus in ../shared: under CI=true its
// absence fails the run (issue 13); elsewhere the test is skipped with one line.
func noCorpus(t testing.TB, why any) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("public signature corpus ../shared/testdata/signatures missing under CI=true: %v", why)
	}
	t.Skipf("SKIPPED: public signature corpus ../shared/testdata/signatures not available (%v)", why)
}

// TestDocMDPErrors: a certification that cannot be read is an error, never "not
// certified" (the permissive answer); an absent one is 0; a readable one its P.
func TestDocMDPErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		objs    []string
		want    int
		wantErr bool
	}{
		{"not certified", []string{"<< /Type /Catalog >>"}, 0, false},
		{"P=1", []string{"<< /Type /Catalog /Perms << /DocMDP 2 0 R >> >>",
			"<< /Type /Sig /Reference [ << /TransformMethod /DocMDP /TransformParams << /P 1 >> >> ] >>"}, 1, false},
		{"P defaults to 2", []string{"<< /Type /Catalog /Perms << /DocMDP 2 0 R >> >>",
			"<< /Type /Sig /Reference [ << /TransformMethod /DocMDP /TransformParams << >> >> ] >>"}, 2, false},
		{"P out of range", []string{"<< /Type /Catalog /Perms << /DocMDP 2 0 R >> >>",
			"<< /Type /Sig /Reference [ << /TransformMethod /DocMDP /TransformParams << /P 7 >> >> ] >>"}, 0, true},
		{"DocMDP not a dictionary", []string{"<< /Type /Catalog /Perms << /DocMDP 2 0 R >> >>", "42"}, 0, true},
		{"Perms not a dictionary", []string{"<< /Type /Catalog /Perms 2 0 R >>", "(text)"}, 0, true},
		{"no DocMDP transform", []string{"<< /Type /Catalog /Perms << /DocMDP 2 0 R >> >>", "<< /Type /Sig >>"}, 0, true},
	} {
		f, err := Parse(classic(tc.objs...), DefaultLimits())
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		p, err := f.DocMDP()
		if (err != nil) != tc.wantErr || p != tc.want {
			t.Errorf("%s: P=%d err=%v, want P=%d error %v", tc.name, p, err, tc.want, tc.wantErr)
		}
	}
}

// TestHexString pins the hex-string decoding: white space ignored, a final odd
// digit padded with 0, any other byte refused, an unterminated string refused.
func TestHexString(t *testing.T) {
	t.Parallel()
	budget := 1 << 20
	for _, c := range []struct {
		in, want string
		err      bool
	}{
		{"<48 65\n6C6c\t6F>", "Hello", false},
		{"<>", "", false},
		{"<4>", "\x40", false},
		{"<7>", "\x70", false},
		{"<00fF>", "\x00\xff", false},
		{"<4G>", "", true},
		{"<48", "", true},
		{"<48\x80>", "", true},
	} {
		l := &lexer{data: []byte(c.in), budget: &budget}
		o, err := l.hexString()
		if c.err {
			if err == nil {
				t.Errorf("%q: no error", c.in)
			}
			continue
		}
		s, ok := o.(String)
		if err != nil || !ok || string(s.Bytes) != c.want || !s.Hex || s.End != len(c.in) {
			t.Errorf("%q = %#v, %v; want %q", c.in, o, err, c.want)
		}
	}
}
