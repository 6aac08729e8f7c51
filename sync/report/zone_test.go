package report

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"cddh-sync/sync/store"
)

// generated_at is in Asia/Ho_Chi_Minh even when the caller's now is UTC.
func TestJSONGeneratedAtInHoChiMinh(t *testing.T) {
	p, err := ParsePeriod("2026-03")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 3, 31, 17, 30, 0, 0, time.UTC)
	r := Build(p, []store.TaskView{}, func(store.TaskView, time.Time) Classification { return Classification{} }, now)
	var b bytes.Buffer
	if err := WriteJSON(&b, r); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `"generated_at": "2026-04-01T00:30:00+07:00"`) && !strings.Contains(b.String(), `"generated_at":"2026-04-01T00:30:00+07:00"`) {
		t.Errorf("generated_at not at +07:00:\n%s", b.String())
	}
}
