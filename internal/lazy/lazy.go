// Package lazy holds a value computed on its first use rather than at package
// initialisation. A package-level map, or a value a function call computes, is
// built before main in every process of the binary; `verify`, run once per file,
// paid for the tables of packages it never calls (issue 17: start-up). Declared as
// a composite literal whose Make is a function literal,
//
//	var levels = &lazy.Value[map[string]bool]{Make: func() map[string]bool {
//		return map[string]bool{"tinh": true, "huyen": true}
//	}}
//
// the variable is laid out by the compiler and costs nothing at start-up
// (cmd/cddh-sync's TestVerifyStartup bounds what the module allocates before main,
// with GODEBUG=inittrace=1). A Value is safe for concurrent use; Make runs once.
package lazy

import "sync"

// Value is the value Make returns, computed on the first Get.
type Value[T any] struct {
	Make func() T
	once sync.Once
	v    T
}

// Get returns the value, computing it on the first call.
func (l *Value[T]) Get() T {
	l.once.Do(func() { l.v = l.Make() })
	return l.v
}
