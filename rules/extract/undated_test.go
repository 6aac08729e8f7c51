package extract

import (
	"slices"
	"testing"
	"time"

	"cddh-sync/connectors"
)

func TestMarkIssueDateUnknown(t *testing.T) {
	text := "Giao Sở Tài chính chủ trì rà soát, báo cáo UBND tỉnh trong 5 ngày làm việc.\n" +
		"Giao Sở Xây dựng chủ trì theo dõi, kiểm tra thường xuyên.\n"
	res, err := Extract(text, Options{Units: testDir(t)})
	if err != nil {
		t.Fatal(err)
	}
	MarkIssueDateUnknown(&res)
	if len(res.Tasks) != 2 {
		t.Fatalf("tasks %+v", res.Tasks)
	}
	if f := res.Tasks[0].Flags; res.Tasks[0].Deadline != nil || !slices.Contains(f, FlagNoDeadline) || !slices.Contains(f, FlagIssueDateUnknown) {
		t.Errorf("relative deadline, no issue date: %+v", res.Tasks[0])
	}
	if f := res.Tasks[1].Flags; slices.Contains(f, FlagIssueDateUnknown) {
		t.Errorf("a task without any deadline is not issue_date_unknown: %v", f)
	}
	// With the issue date the deadline is computed and the flag is not set.
	res, err = Extract(text, Options{Units: testDir(t), Issued: time.Date(2026, 3, 10, 9, 0, 0, 0, connectors.Zone)})
	if err != nil {
		t.Fatal(err)
	}
	MarkIssueDateUnknown(&res)
	if res.Tasks[0].Deadline == nil || slices.Contains(res.Tasks[0].Flags, FlagIssueDateUnknown) {
		t.Errorf("with --issued: %+v", res.Tasks[0])
	}
}
