package tracking

import (
	"time"

	"cddh-sync/rules/calendar"
	"cddh-sync/rules/status"
	"cddh-sync/sync/store"
)

// Expand turns each recurring task into the occurrences to track at now (rules.md
// §4: one per period, every one already due and the next): the first occurrence as
// extracted gives the day and month of each; later ones roll forward to a working
// day like any deadline. Other rows, and a recurring row whose occurrences cannot be
// computed, pass unchanged.
func (r *Rules) Expand(rows []store.TaskRow, issued, now time.Time) []store.TaskRow {
	out := make([]store.TaskRow, 0, len(rows))
	for _, row := range rows {
		if row.Recurrence == "" || row.Period != "" || row.Nominal == nil || issued.IsZero() {
			out = append(out, row)
			continue
		}
		spec, err := status.SpecFrom(status.Recurrence(row.Recurrence), *row.Nominal)
		if err != nil {
			out = append(out, row)
			continue
		}
		occs, err := status.Occurrences(spec, issued, now, r.Calendar)
		if err != nil || len(occs) == 0 {
			out = append(out, row)
			continue
		}
		for _, o := range occs {
			occ := row
			nom, eff := o.Nominal, calendar.StartOfDay(o.Deadline)
			occ.Nominal, occ.Effective, occ.Period = &nom, &eff, o.Period
			if due, err := DueAt(eff, row.DeadlineTime); err == nil {
				occ.DueAt = &due
			}
			out = append(out, occ)
		}
	}
	return out
}

// Tracks applies the profile's untimed-task policy: Đồng Tháp tracks only tasks with
// a deadline (001 Đ3.3); Kiên Giang tracks all four classes (003 Đ4).
func (r *Rules) Tracks(t store.TaskRow) bool {
	return t.Effective != nil || r.Profile.TracksUntimed(false)
}
