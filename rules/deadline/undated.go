package deadline

import "time"

// probeIssue is an issue date used only to learn which expressions need one.
var probeIssue = time.Date(2026, 1, 5, 8, 0, 0, 0, time.UTC)

// NeedsIssueDate reports the first deadline expression in text that resolves only
// with an issue date ("trong 5 ngày làm việc", "trước ngày 20/3", "hằng tháng"), as
// written, when Find without one returns none at that place. `extract` without a
// date in the text nor --issued then flags the task issue_date_unknown instead of
// pretending it has no deadline (cli.md).
func NeedsIssueDate(text string) (string, bool) {
	without := map[int]bool{}
	for _, d := range Find(text, Context{}) {
		without[d.Start] = true
	}
	for _, d := range Find(text, Context{Issued: probeIssue}) {
		if !without[d.Start] {
			return d.Text, true
		}
	}
	return "", false
}
