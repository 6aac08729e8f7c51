package extract

import (
	"slices"

	"cddh-sync/rules/deadline"
)

// FlagIssueDateUnknown marks a task whose deadline is written relative to the issue
// date ("trong 5 ngày làm việc", "trước ngày 20/3") in a document whose issue date is
// unknown (none in its text, none given): its deadline is null and it carries
// no_deadline as cli.md promises for a null deadline, but this flag says a deadline
// exists and needs the issue date (`extract --issued`) to be computed.
const FlagIssueDateUnknown = "issue_date_unknown"

// MarkIssueDateUnknown adds FlagIssueDateUnknown to each task of r without a deadline
// whose content holds an expression that needs the issue date, when r's document has
// none. The daemon always has the portal's issue date; `extract` calls it.
func MarkIssueDateUnknown(r *Result) {
	if !r.Document.Issued.IsZero() {
		return
	}
	for i := range r.Tasks {
		t := &r.Tasks[i]
		if t.Deadline != nil || slices.Contains(t.Flags, FlagIssueDateUnknown) {
			continue
		}
		if _, ok := deadline.NeedsIssueDate(t.Content); ok {
			if !slices.Contains(t.Flags, FlagNoDeadline) {
				t.Flags = append(t.Flags, FlagNoDeadline)
			}
			t.Flags = append(t.Flags, FlagIssueDateUnknown)
		}
	}
}
