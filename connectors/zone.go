package connectors

import (
	"time"
	_ "time/tzdata" // the zone must not depend on the host's tzdata
)

// Zone is Asia/Ho_Chi_Minh. Every wall time the portal sends, every deadline and
// every rule is read in this zone, never in the host's.
var Zone = mustZone()

func mustZone() *time.Location {
	loc, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		// Cannot happen with time/tzdata linked in; fall back to the fixed offset
		// Vietnam has used since 1975 (no DST).
		return time.FixedZone("ICT", 7*3600)
	}
	return loc
}
