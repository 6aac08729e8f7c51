package signing

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const corpusDir = "../../shared/testdata/signatures"

type corpusCase struct {
	ID       string   `json:"id"`
	File     string   `json:"file"`
	Kind     string   `json:"kind"`
	Trust    []string `json:"trust"`
	At       string   `json:"at"`
	Optional bool     `json:"optional"`
	Expect   struct {
		Indication string `json:"indication"`
		Match      string `json:"match"`
		Signatures []struct {
			Indication    string `json:"indication"`
			SubIndication string `json:"sub_indication"`
			Strict        bool   `json:"strict"`
		} `json:"signatures"`
	} `json:"expect"`
}

// corpusCases reads expected.json; the test skips loudly without the corpus.
func corpusCases(t *testing.T) []corpusCase {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(corpusDir, "expected.json"))
	if err != nil {
		noCorpus(t, err)
	}
	var doc struct {
		Cases []corpusCase `json:"cases"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	return doc.Cases
}

// options are the validation options a case asks for: its trust anchors and time.
func (c corpusCase) options(t *testing.T) Options {
	t.Helper()
	var opt Options
	for _, p := range c.Trust {
		certs, err := LoadCertificates(filepath.Join(corpusDir, p))
		if err != nil {
			t.Fatal(err)
		}
		opt.TrustAnchors = append(opt.TrustAnchors, certs...)
	}
	if c.At != "" {
		at, err := time.Parse(time.RFC3339, c.At)
		if err != nil {
			t.Fatal(err)
		}
		opt.At = at
	}
	return opt
}

// TestPublicCorpus runs every PDF entry of expected.json: exact cases must give the
// document indication and each strict signature's sub-indication; not_pass cases must
// not pass; not_failed cases must not fail.
func TestPublicCorpus(t *testing.T) {
	t.Parallel()
	for _, c := range corpusCases(t) {
		t.Run(c.ID, func(t *testing.T) {
			opt := c.options(t)
			data, err := os.ReadFile(filepath.Join(corpusDir, c.File))
			if err != nil && c.Optional && os.IsNotExist(err) {
				t.Skipf("optional file absent: %s", c.File)
			}
			if err != nil {
				t.Fatal(err)
			}
			verify := VerifyPDF
			if c.Kind == "xml" {
				verify = VerifyXML
			}
			rep, err := verify(context.Background(), c.File, data, opt)
			if err != nil {
				t.Fatalf("verify: %v", err)
			}
			got := string(rep.Indication)
			var subs []string
			for _, s := range rep.Signatures {
				subs = append(subs, string(s.Indication)+"/"+string(s.SubIndication)+" "+strings.Join(s.Errors, "; "))
			}
			switch c.Expect.Match {
			case "exact":
				if got != c.Expect.Indication {
					t.Fatalf("indication %s, want %s; signatures: %v", got, c.Expect.Indication, subs)
				}
				if len(rep.Signatures) != len(c.Expect.Signatures) {
					t.Fatalf("%d signatures, want %d", len(rep.Signatures), len(c.Expect.Signatures))
				}
				for i, want := range c.Expect.Signatures {
					s := rep.Signatures[i]
					if string(s.Indication) != want.Indication || (want.Strict && string(s.SubIndication) != want.SubIndication) {
						t.Errorf("signature %d: %s/%s, want %s/%s (%v)", i+1, s.Indication, s.SubIndication, want.Indication, want.SubIndication, s.Errors)
					}
				}
			case "not_pass":
				if got == string(TotalPassed) {
					t.Fatalf("passed, must not: %v", subs)
				}
			case "not_failed":
				if got == string(TotalFailed) {
					t.Fatalf("failed, must not: %v", subs)
				}
			default:
				t.Fatalf("unknown match %q", c.Expect.Match)
			}
			t.Logf("%s %v", got, subs)
		})
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
