package remind

import (
	"testing"
	"time"
)

// FuzzParseHours: any config string gives hours within one day, or an error naming
// the key; never a panic.
func FuzzParseHours(f *testing.F) {
	for _, s := range []string{"07:30-16:30", "00:00-24:00", "8:00 - 17:00", "17:00-08:00", "", "-", "24:00-24:00", "99:99-00:00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		from, to, err := ParseHours(s)
		if err != nil {
			return
		}
		if from < 0 || to > 24*time.Hour || from >= to {
			t.Fatalf("%q parsed to %s-%s", s, from, to)
		}
	})
}
