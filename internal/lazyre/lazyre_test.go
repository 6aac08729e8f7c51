package lazyre

import (
	"sync"
	"testing"
)

func TestLazy(t *testing.T) {
	t.Parallel()
	r := New(`(\d+)-(\d+)`)
	if r.re != nil {
		t.Fatal("compiled before first use")
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if m := r.FindStringSubmatch("số 12-34"); len(m) != 3 || m[2] != "34" {
				t.Errorf("FindStringSubmatch = %q", m)
			}
		}()
	}
	wg.Wait()
	if !r.MatchString("1-2") || r.ReplaceAllString("1-2", "$2") != "2" || len(r.FindAllStringIndex("1-2 3-4", -1)) != 2 {
		t.Fatal("methods disagree with regexp")
	}
	if r.String() != `(\d+)-(\d+)` {
		t.Fatal(r.String())
	}
}

func TestInvalidPanicsAtFirstUse(t *testing.T) {
	t.Parallel()
	r := New(`(`)
	defer func() {
		if recover() == nil {
			t.Fatal("an invalid expression did not panic")
		}
	}()
	r.MatchString("x")
}
