package report

import (
	"context"
	"time"

	"cddh-sync/sync/store"
)

// TaskClassifier classifies a stored task with its history at now.
type TaskClassifier func(t store.TaskView, history []store.EventRow, now time.Time) Classification

// Load builds the report of period p from the store at now: the tasks due in the
// period, each classified with its history, and the incoming reports the matcher
// could not place. The command and the dashboard both call it, so they agree to
// the byte. progress, when not nil, is called every 1,000 tasks classified.
func Load(ctx context.Context, st *store.Store, p Period, classify TaskClassifier, now time.Time, progress func(done, total int)) (Report, error) {
	views, err := st.ListTasks(ctx, store.TaskFilter{DueFrom: &p.From, DueTo: &p.To})
	if err != nil {
		return Report{}, err
	}
	ids := make([]int64, len(views))
	for i, v := range views {
		ids[i] = v.ID
	}
	hist, err := st.EventsOf(ctx, ids)
	if err != nil {
		return Report{}, err
	}
	done := 0
	rep := Build(p, views, func(t store.TaskView, now time.Time) Classification {
		done++
		if progress != nil && done%1000 == 0 {
			progress(done, len(views))
		}
		return classify(t, hist[t.ID], now)
	}, now)
	rep.Unlinked, err = st.UnlinkedReports(ctx, &p.From, &p.To)
	return rep, err
}
