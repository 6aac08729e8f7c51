package main

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"

	"cddh-sync/rules/status"
	"cddh-sync/sync/store"
)

// reTimestamp is an RFC 3339 timestamp with a time of day, in a JSON string.
var reTimestamp = regexp.MustCompile(`"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2}))"`)

// notHoChiMinh lists the timestamps of a JSON text that are not at +07:00.
func notHoChiMinh(js string) []string {
	var bad []string
	for _, m := range reTimestamp.FindAllStringSubmatch(js, -1) {
		if !strings.HasSuffix(m[1], "+07:00") {
			bad = append(bad, m[1])
		}
	}
	return bad
}

// Every timestamp of `tasks --format json` is in Asia/Ho_Chi_Minh, whatever zone the
// store or the rules gave it (PostgreSQL hands timestamptz back in UTC).
func TestTaskJSONTimestampsInHoChiMinh(t *testing.T) {
	u := func(s string) *time.Time {
		x, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		x = x.UTC()
		return &x
	}
	v := store.TaskView{Key: "T1", ReviewState: "confirmed", ReviewBy: "vp", ReviewAt: u("2026-03-11T02:00:00Z")}
	res := status.Result{State: status.Approved, Deadline: u("2026-03-20T16:59:59Z"), ReportedAt: u("2026-03-18T03:04:05Z"),
		DecidedAt: u("2026-03-19T08:00:00Z"), History: []status.Entry{{At: u("2026-03-18T03:04:05Z").UTC(), Event: "reported"}}}
	b, err := json.Marshal(toTaskJSON(v, res))
	if err != nil {
		t.Fatal(err)
	}
	js := string(b)
	if bad := notHoChiMinh(js); len(bad) > 0 {
		t.Errorf("timestamps not at +07:00: %v\n%s", bad, js)
	}
	for _, want := range []string{`"reported_at":"2026-03-18T10:04:05+07:00"`, `"decided_at":"2026-03-19T15:00:00+07:00"`,
		`"deadline_in_force":"2026-03-20T23:59:59+07:00"`} {
		if !strings.Contains(js, want) {
			t.Errorf("no %s in %s", want, js)
		}
	}
}
