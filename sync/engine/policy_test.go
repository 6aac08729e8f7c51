package engine

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"

	"cddh-sync/connectors/portalsim"
	"cddh-sync/sync/store"
)

func TestSignatureVerdict(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in   []string
		want string
		ok   bool
	}{
		{nil, "NO_SIGNATURE_FOUND", false},
		{[]string{"NO_SIGNATURE_FOUND"}, "NO_SIGNATURE_FOUND", false},
		{[]string{"TOTAL_PASSED", "NO_SIGNATURE_FOUND"}, "TOTAL_PASSED", true}, // a signed PDF, an unsigned edXML envelope
		{[]string{"TOTAL_PASSED", "INDETERMINATE"}, "INDETERMINATE", false},
		{[]string{"INDETERMINATE", "TOTAL_FAILED", "TOTAL_PASSED"}, "TOTAL_FAILED", false},
	} {
		var vs []store.VerdictRow
		for _, i := range tc.in {
			vs = append(vs, store.VerdictRow{Indication: i})
		}
		if got, ok := signatureVerdict(vs); got != tc.want || ok != tc.ok {
			t.Errorf("%v: %s %v, want %s %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

// TestSignaturePolicy: by default an unsigned directive's tasks are tracked and
// flagged; under "hold" none is tracked, the clerks get one note per version, and
// the tasks appear once a version passes.
func TestSignaturePolicy(t *testing.T) {
	t.Parallel()
	for _, policy := range []string{PolicyTrack, PolicyHold} {
		t.Run(policy, func(t *testing.T) {
			b := setup(t, portalsim.Faults{}, 12)
			ctx := context.Background()
			var passed atomic.Bool
			funcsOf(b.eng).verify = func(context.Context, string, string) ([]store.VerdictRow, error) {
				if passed.Load() {
					return []store.VerdictRow{{Indication: "TOTAL_PASSED", SignedBy: "CN=Test"}}, nil
				}
				return []store.VerdictRow{{Indication: "INDETERMINATE", SubIndication: "NO_CERTIFICATE_CHAIN_FOUND"}}, nil
			}
			b.eng.opts.SignaturePolicy = policy
			if _, err := b.eng.Cycle(ctx); err != nil {
				t.Fatal(err)
			}
			tasks := count(t, b.st, `SELECT count(*) FROM tasks`)
			flagged := count(t, b.st, `SELECT count(*) FROM tasks WHERE 'signature_not_passed' = ANY(flags)`)
			holds := count(t, b.st, `SELECT count(*) FROM outbox WHERE dedupe_key LIKE 'comment:hold-%'`)
			switch policy {
			case PolicyTrack:
				if tasks == 0 || flagged != tasks || holds != 0 {
					t.Fatalf("track: %d tasks, %d flagged, %d hold notes", tasks, flagged, holds)
				}
			case PolicyHold:
				if tasks != 0 || holds == 0 {
					t.Fatalf("hold: %d tasks tracked, %d hold notes", tasks, holds)
				}
				if !strings.Contains(b.logs.String(), "signature.directive_held") {
					t.Error("no signature.directive_held log event")
				}
			}
			// Every directive gets a validly signed new version.
			passed.Store(true)
			for _, id := range b.sim.DocumentIDs() {
				if err := b.sim.Touch(id); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := b.eng.Cycle(ctx); err != nil {
				t.Fatal(err)
			}
			if n := count(t, b.st, `SELECT count(*) FROM tasks WHERE state <> 'cancelled'`); n == 0 {
				t.Fatal("no task tracked once the directives passed")
			}
			if n := count(t, b.st, `SELECT count(*) FROM tasks WHERE 'signature_not_passed' = ANY(flags) AND state <> 'cancelled'`); n != 0 {
				t.Errorf("%d tasks still flagged after their directive passed", n)
			}
		})
	}
}
