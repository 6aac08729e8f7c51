package tracking

import (
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestPolicyHold(t *testing.T) {
	low, high := 0.5, 0.95
	p := Policy{Mode: ModeUncertain, Threshold: 0.9, ByDocType: map[string]Mode{"Công điện": ModeAll, "Thông báo": ModeAuto}}
	for _, tc := range []struct {
		name string
		p    Policy
		f    Facts
		hold bool
	}{
		{"certain and signed", p, Facts{DocType: "Công văn", Confidence: &high, SignaturePassed: true}, false},
		{"no confidence reads as certain", p, Facts{SignaturePassed: true}, false},
		{"below threshold", p, Facts{Confidence: &low, SignaturePassed: true}, true},
		{"lead unrecognised", p, Facts{Flags: []string{FlagLeadUnrecognised}, SignaturePassed: true}, true},
		{"deadline before issue", p, Facts{Flags: []string{"co_lead", FlagDeadlineBeforeIssue}, SignaturePassed: true}, true},
		{"no deadline", p, Facts{Flags: []string{FlagNoDeadline}, SignaturePassed: true}, true},
		{"signature not passed", p, Facts{Confidence: &high}, true},
		{"every công điện, decomposed", p, Facts{DocType: norm.NFD.String("CÔNG ĐIỆN"), Confidence: &high, SignaturePassed: true}, true},
		{"thông báo auto even unsigned", p, Facts{DocType: "Thông báo", Flags: []string{FlagNoDeadline}}, false},
		{"auto", Policy{Mode: ModeAuto}, Facts{Confidence: &low}, false},
		{"all", Policy{Mode: ModeAll}, Facts{Confidence: &high, SignaturePassed: true}, true},
		{"default is uncertain with 0.9", Policy{}, Facts{Confidence: &[]float64{0.89}[0], SignaturePassed: true}, true},
	} {
		if got, why := tc.p.Hold(tc.f); got != tc.hold {
			t.Errorf("%s: hold %v (%s), want %v", tc.name, got, why, tc.hold)
		}
	}
}

func TestParseAndValidate(t *testing.T) {
	for _, s := range []string{"", "auto", "Uncertain", "all"} {
		if _, err := ParseMode(s); err != nil {
			t.Errorf("%q: %v", s, err)
		}
	}
	if _, err := ParseMode("sometimes"); err == nil {
		t.Error("sometimes accepted")
	}
	if err := (Policy{Threshold: 1.5}).Validate(); err == nil {
		t.Error("threshold 1.5 accepted")
	}
	if err := (Policy{ByDocType: map[string]Mode{"Công điện": "x"}}).Validate(); err == nil {
		t.Error("document type mode x accepted")
	}
	for _, s := range ReviewStates() {
		if got, err := ParseReviewState(string(s)); err != nil || got != s {
			t.Errorf("%s: %v", s, err)
		}
	}
	if Held.Pushable() || Rejected.Pushable() || !Corrected.Pushable() || !Auto.Pushable() {
		t.Error("pushable states wrong")
	}
}

func TestSentenceHash(t *testing.T) {
	a := "Giao Sở Tài chính  chủ trì tham mưu"
	if SentenceHash(a) != SentenceHash(norm.NFD.String("giao sở tài chính chủ trì tham mưu")) {
		t.Error("composition, case or spacing changed the hash")
	}
	if SentenceHash(a) == SentenceHash("Giao Sở Xây dựng chủ trì tham mưu") {
		t.Error("different sentences, same hash")
	}
	if !Contains("Điều 1. "+norm.NFD.String(a)+" trước 20/3.", "giao sở tài chính chủ trì") || Contains("x", "") {
		t.Error("Contains")
	}
}

// FuzzSentenceIdentity: however a sentence is composed, cased or spaced, it has
// one identity, and a text holding it is found to hold it.
func FuzzSentenceIdentity(f *testing.F) {
	for _, s := range []string{"Giao Sở Tài chính chủ trì rà soát", "  giao SỞ  xây dựng\tbáo cáo ", "", "Ủy ban", "a\u0301"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if SentenceHash(s) != SentenceHash(norm.NFD.String(s)) || SentenceHash(s) != SentenceHash(" "+s+"  ") {
			t.Fatalf("%q: the hash depends on composition or spacing", s)
		}
		if fold(s) != "" && !Contains("Điều 1. "+s+" xong.", s) {
			t.Fatalf("%q not found in a text holding it", s)
		}
	})
}

// FuzzPolicy: the policy never panics, auto never holds and all always holds.
func FuzzPolicy(f *testing.F) {
	f.Add("Công điện", 0.5, "lead_unrecognised", true)
	f.Add("", 1.0, "", false)
	f.Fuzz(func(t *testing.T, docType string, conf float64, flag string, signed bool) {
		facts := Facts{DocType: docType, Confidence: &conf, Flags: []string{flag}, SignaturePassed: signed}
		if hold, _ := (Policy{Mode: ModeAuto}).Hold(facts); hold {
			t.Fatal("auto held a task")
		}
		if hold, _ := (Policy{Mode: ModeAll}).Hold(facts); !hold {
			t.Fatal("all let a task through")
		}
		_, _ = (Policy{ByDocType: map[string]Mode{docType: ModeAll}}).Hold(facts)
	})
}
