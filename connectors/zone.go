package connectors

import (
	_ "embed"
	"time"
	_ "time/tzdata" // time.LoadLocation elsewhere must not depend on the host's tzdata either
)

// Zone is Asia/Ho_Chi_Minh. Every wall time the portal sends, every deadline and
// every rule is read in this zone, never in the host's.
var Zone = mustZone()

// zoneData is Asia/Ho_Chi_Minh from the tz database as Go ships it
// ($GOROOT/lib/time/zoneinfo.zip, the data time/tzdata embeds). Built from these
// bytes, the zone depends neither on the host's tzdata nor on any file: every
// process used to open and parse /usr/share/zoneinfo at start, which `verify`,
// run once per file, paid for nothing (issue 17).
//
//go:embed tzdata/Asia_Ho_Chi_Minh
var zoneData []byte

func mustZone() *time.Location {
	loc, err := time.LoadLocationFromTZData("Asia/Ho_Chi_Minh", zoneData)
	if err != nil {
		// Cannot happen with the data embedded; fall back to the fixed offset
		// Vietnam has used since 1975 (no DST).
		return time.FixedZone("ICT", 7*3600)
	}
	return loc
}
