package lazy

import (
	"sync"
	"sync/atomic"
	"testing"
)

func TestGetMakesOnce(t *testing.T) {
	var calls atomic.Int32
	v := &Value[map[string]int]{Make: func() map[string]int {
		calls.Add(1)
		return map[string]int{"a": 1}
	}}
	if calls.Load() != 0 {
		t.Fatal("Make ran before Get")
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if v.Get()["a"] != 1 {
				t.Error("wrong value")
			}
		}()
	}
	wg.Wait()
	if n := calls.Load(); n != 1 {
		t.Fatalf("Make ran %d times", n)
	}
}
