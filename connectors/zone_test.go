package connectors

import (
	"testing"
	"time"
)

// TestZoneMatchesTZDatabase: the embedded zone is Asia/Ho_Chi_Minh as time.LoadLocation
// reads it (the host's tzdata, or Go's embedded copy), at every instant sampled from
// 1900 to 2100: its name, offsets and abbreviations.
func TestZoneMatchesTZDatabase(t *testing.T) {
	if Zone.String() != "Asia/Ho_Chi_Minh" {
		t.Fatalf("Zone is %q", Zone)
	}
	ref, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		t.Fatal(err)
	}
	for at := time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC); at.Year() < 2100; at = at.Add(97 * 24 * time.Hour) {
		gotName, got := at.In(Zone).Zone()
		wantName, want := at.In(ref).Zone()
		if got != want || gotName != wantName {
			t.Fatalf("%s: Zone gives %s %+d, the tz database %s %+d", at, gotName, got, wantName, want)
		}
	}
	if _, off := time.Date(2026, 12, 6, 12, 0, 0, 0, Zone).Zone(); off != 7*3600 {
		t.Fatalf("offset in 2026: %d", off)
	}
}
