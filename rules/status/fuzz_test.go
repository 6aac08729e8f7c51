package status

import (
	"fmt"
	"reflect"
	"slices"
	"testing"
	"time"
)

var fuzzKinds = []EventKind{EventAssigned, EventReported, EventAcknowledged, EventApproved, EventRejected,
	EventExtended, EventReturned, EventUrged, EventCancelled, EventWithdrawn, EventReplaced, "bogus"}

// decodeEvents turns fuzz bytes into events: 4 bytes each (kind, hour offset,
// key, new deadline), at most 64 events so the fuzzer explores orders rather
// than sizes. Keys collide on purpose so duplicates are exercised.
func decodeEvents(data []byte) []Event {
	base := at(3, 1, 0, 0)
	var out []Event
	for i := 0; i+4 <= len(data) && i < 64*4; i += 4 {
		e := Event{
			Kind:  fuzzKinds[int(data[i])%len(fuzzKinds)],
			At:    base.Add(time.Duration(data[i+1]) * 3 * time.Hour),
			Key:   fmt.Sprintf("k%d", data[i+2]%16),
			Actor: "fuzz",
		}
		if data[i+2] >= 240 {
			e.Key = "" // a derived key
		}
		if d := data[i+3]; d%3 != 0 {
			e.NewDeadline = base.AddDate(0, 0, int(d)%60)
			e.NewDeadlineHasTime = d%5 == 0
			e.DocID = fmt.Sprintf("vb-%d", d%7)
		}
		out = append(out, e)
	}
	return out
}

func FuzzReplay(f *testing.F) {
	f.Add([]byte{0, 0, 0, 0, 2, 10, 1, 0, 1, 40, 2, 0, 3, 50, 3, 0}, uint8(80), true)
	f.Add([]byte{3, 1, 1, 0, 1, 2, 2, 0, 4, 3, 3, 0, 1, 4, 4, 0, 3, 5, 5, 0}, uint8(200), false)
	f.Add([]byte{5, 1, 1, 7, 5, 2, 2, 7, 5, 3, 3, 8, 8, 9, 9, 0, 1, 10, 10, 0}, uint8(255), true)
	f.Add([]byte{11, 0, 250, 0, 6, 1, 251, 1, 0, 2, 252, 2}, uint8(3), false)
	b := setup(f)
	f.Fuzz(func(t *testing.T, data []byte, nowOffset uint8, withDeadline bool) {
		events := decodeEvents(data)
		now := at(3, 1, 0, 0).Add(time.Duration(nowOffset) * 3 * time.Hour)
		tk := TaskInput{AssignedAt: at(3, 1, 0, 0)}
		if withDeadline {
			tk.Deadline = at(3, 20, 0, 0)
		}
		for _, name := range profiles {
			p := b.profiles[name]
			r := Replay(tk, events, now, b.cal, p)
			if !slices.Contains([]State{Assigned, InProgress, Urged, Reported, Approved, Rejected, Returned, Cancelled}, r.State) {
				t.Fatalf("invalid state %q", r.State)
			}
			if r.Timeliness != OnTime && r.Timeliness != Late && r.Timeliness != Pending {
				t.Fatalf("invalid timeliness %q", r.Timeliness)
			}
			if r.StatusText == "" {
				t.Fatalf("%s: no words for %s/%s (base %s)", name, r.State, r.Timeliness, r.BaseState)
			}
			if len(r.History)+r.Future != len(Normalise(events)) {
				t.Fatalf("history %d + future %d != distinct events %d", len(r.History), r.Future, len(Normalise(events)))
			}
			for i := 1; i < len(r.History); i++ {
				if r.History[i].At.Before(r.History[i-1].At) {
					t.Fatalf("history out of time order at %d", i)
				}
			}
			rev := slices.Clone(events)
			slices.Reverse(rev)
			if got := Replay(tk, rev, now, b.cal, p); !reflect.DeepEqual(r, got) {
				t.Fatalf("%s: result depends on arrival order", name)
			}
			if got := Replay(tk, append(slices.Clone(events), events...), now, b.cal, p); !reflect.DeepEqual(r, got) {
				t.Fatalf("%s: applying twice changed the result", name)
			}
		}
	})
}
