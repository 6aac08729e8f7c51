package cms

import (
	"bytes"
	"encoding/hex"
	"errors"
	"math/rand"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// corpusCMS extracts the /Contents hex strings of the public PDF corpus.
func corpusCMS(t testing.TB) [][]byte {
	var out [][]byte
	re := regexp.MustCompile(`/Contents\s*<([0-9a-fA-F]{200,})>`)
	_ = filepath.Walk("../../../shared/testdata/signatures/public", func(p string, _ os.FileInfo, err error) error {
		if err != nil || !strings.HasSuffix(p, ".pdf") {
			return nil
		}
		data, _ := os.ReadFile(p)
		for _, m := range re.FindAllSubmatch(data, -1) {
			if b, err := hex.DecodeString(string(m[1])); err == nil && !bytes.Equal(b[:4], []byte{0, 0, 0, 0}) {
				out = append(out, b)
			}
		}
		return nil
	})
	return out
}

func TestToDER(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		in, out []byte
		err     bool
	}{
		{"definite unchanged", []byte{0x30, 0x03, 0x02, 0x01, 0x05}, []byte{0x30, 0x03, 0x02, 0x01, 0x05}, false},
		{"indefinite sequence", []byte{0x30, 0x80, 0x02, 0x01, 0x05, 0x00, 0x00}, []byte{0x30, 0x03, 0x02, 0x01, 0x05}, false},
		{"nested indefinite", []byte{0x30, 0x80, 0xa0, 0x80, 0x04, 0x01, 0xff, 0x00, 0x00, 0x00, 0x00}, []byte{0x30, 0x05, 0xa0, 0x03, 0x04, 0x01, 0xff}, false},
		{"unterminated", []byte{0x30, 0x80, 0x02, 0x01, 0x05}, nil, true},
		{"indefinite primitive", []byte{0x04, 0x80, 0x00, 0x00}, nil, true},
		{"length beyond data", []byte{0x30, 0x10, 0x00}, nil, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := toDER(c.in)
			if c.err {
				if !errors.Is(err, ErrFormat) {
					t.Fatalf("err = %v, want ErrFormat", err)
				}
				return
			}
			if err != nil || !bytes.Equal(got, c.out) {
				t.Fatalf("toDER = % x, %v; want % x", got, err, c.out)
			}
		})
	}
}

func TestParseCorpus(t *testing.T) {
	t.Parallel()
	seeds := corpusCMS(t)
	if len(seeds) == 0 {
		noCorpus(t, "no signed PDF found")
	}
	for i, der := range seeds {
		sd, err := Parse(der)
		if err != nil {
			t.Fatalf("corpus CMS %d: %v", i, err)
		}
		if sd.Signer == nil || sd.MessageDigest == nil {
			t.Fatalf("corpus CMS %d: signer %v, messageDigest %x", i, sd.Signer, sd.MessageDigest)
		}
	}
}

func FuzzParseCMS(f *testing.F) {
	if os.Getenv("CDDH_FUZZ_SMALL_SEEDS") == "" {
		for _, s := range corpusCMS(f) {
			f.Add(s)
		}
	}
	f.Add([]byte{0x30, 0x80, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02, 0x00, 0x00})
	f.Fuzz(func(t *testing.T, der []byte) {
		sd, err := Parse(der)
		if err != nil {
			return
		}
		_ = sd.Verify([]byte("content"))
		for _, tok := range sd.TimeStampTokens {
			_, _ = ParseTimeStamp(tok, sd.Signature)
		}
	})
}

// TestMutatedCorpusCMS runs deterministic mutations of the corpus signatures
// through Parse and Verify; each must return promptly.
func TestMutatedCorpusCMS(t *testing.T) {
	t.Parallel()
	seeds := corpusCMS(t)
	if len(seeds) == 0 {
		noCorpus(t, "no signed PDF found")
	}
	r := rand.New(rand.NewSource(7))
	for i := 0; i < 2000; i++ {
		d := append([]byte{}, seeds[r.Intn(len(seeds))]...)
		for k := 0; k < 1+r.Intn(6); k++ {
			d[r.Intn(len(d))] = byte(r.Intn(256))
		}
		start := time.Now()
		if sd, err := Parse(d); err == nil {
			_ = sd.Verify([]byte("x"))
			for _, tok := range sd.TimeStampTokens {
				_, _ = ParseTimeStamp(tok, sd.Signature)
			}
		}
		if el := time.Since(start); el > time.Second {
			t.Fatalf("mutation %d took %v", i, el)
		}
	}
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
