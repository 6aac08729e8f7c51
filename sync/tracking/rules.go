package tracking

import (
	"cddh-sync/rules/calendar"
	"cddh-sync/rules/profile"
	"cddh-sync/rules/units"
)

// Rules are the province's rules as configured: its profile, its working-day
// calendar and its unit directory. They are read-only once built, except the
// directory, which SetUnits replaces before the engine starts.
type Rules struct {
	Profile  *profile.Profile
	Calendar *calendar.Calendar
	Units    *units.Directory // nil: no unit resolves to a code
}

// New checks that the rules are complete: a missing profile or calendar is a wiring
// error, caught at start-up.
func New(p *profile.Profile, cal *calendar.Calendar, dir *units.Directory) (*Rules, error) {
	if p == nil {
		return nil, errMissing("profile")
	}
	if cal == nil {
		return nil, errMissing("calendar")
	}
	return &Rules{Profile: p, Calendar: cal, Units: dir}, nil
}

type errMissing string

func (e errMissing) Error() string { return "tracking: no " + string(e) + " given" }
