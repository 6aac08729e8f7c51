package pdf

import (
	"math/rand"
	"testing"
	"time"
)

// TestMutatedCorpusTerminates feeds deterministic random mutations of the corpus
// (byte flips, deletions, duplicated spans) through the whole pipeline and fails if
// any input takes more than a few seconds.
func TestMutatedCorpusTerminates(t *testing.T) {
	t.Parallel()
	seeds := corpusPDFs(t)
	seeds = append(seeds, xrefStreamPDF())
	r := rand.New(rand.NewSource(1))
	for i := 0; i < 1500; i++ {
		d := append([]byte{}, seeds[r.Intn(len(seeds))]...)
		for k := 0; k < 1+r.Intn(8); k++ {
			switch r.Intn(3) {
			case 0:
				d[r.Intn(len(d))] = byte(r.Intn(256))
			case 1:
				a := r.Intn(len(d))
				d = append(d[:a], d[min(len(d), a+r.Intn(50)):]...)
			case 2:
				a, b := r.Intn(len(d)), r.Intn(len(d))
				if a > b {
					a, b = b, a
				}
				d = append(d[:b:b], append(append([]byte{}, d[a:min(b, a+200)]...), d[b:]...)...)
			}
		}
		start := time.Now()
		done := make(chan bool)
		go func() {
			lim := DefaultLimits()
			lim.Budget = 200_000
			if f, err := Parse(d, lim); err == nil {
				if sigs, err := f.Signatures(); err == nil {
					for _, s := range sigs {
						if s.Problem == nil && s.Revision >= 0 {
							_ = f.CheckUpdatesAfter(s.Revision, 0)
						}
					}
				}
				f.DSS()
				_, _ = f.DocMDP()
			}
			close(done)
		}()
		select {
		case <-done:
		case <-time.After(3 * time.Second):
			t.Fatalf("mutated input %d did not finish within 3s", i)
		}
		if el := time.Since(start); el > time.Second {
			t.Logf("mutated input %d took %v", i, el)
		}
	}
}
