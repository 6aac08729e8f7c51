package tracking

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"

	"cddh-sync/connectors"
	"cddh-sync/rules/calendar"
	"cddh-sync/rules/status"
	"cddh-sync/sync/store"
)

// ReviewState is where a task stands with the Office's review (cli.md `tasks`:
// review.state).
type ReviewState string

// The review states. Auto: the policy let the task through unreviewed.
const (
	Held      ReviewState = "held"
	Confirmed ReviewState = "confirmed"
	Corrected ReviewState = "corrected"
	Rejected  ReviewState = "rejected"
	Added     ReviewState = "added"
	Auto      ReviewState = "auto"
)

// ReviewStates lists every state, in the order the dashboard shows them.
func ReviewStates() []ReviewState {
	return []ReviewState{Held, Confirmed, Corrected, Rejected, Added, Auto}
}

// ParseReviewState reads a stored state.
func ParseReviewState(s string) (ReviewState, error) {
	for _, st := range ReviewStates() {
		if string(st) == s {
			return st, nil
		}
	}
	return "", fmt.Errorf("review state %q is not one of held, confirmed, corrected, rejected, added, auto", s)
}

// Pushable reports whether a task in this state may reach the portal: never while
// held, never once rejected.
func (s ReviewState) Pushable() bool {
	switch s {
	case Auto, Confirmed, Corrected, Added, "":
		return true
	}
	return false
}

// Reviewed reports whether a specialist decided on the task.
func (s ReviewState) Reviewed() bool {
	switch s {
	case Confirmed, Corrected, Rejected, Added:
		return true
	}
	return false
}

// Words are the dashboard's Vietnamese words for a state.
func (s ReviewState) Words() string {
	return map[ReviewState]string{Held: "chờ rà soát", Confirmed: "đã xác nhận", Corrected: "đã hiệu chỉnh",
		Rejected: "đã loại", Added: "bổ sung", Auto: "tự động"}[s]
}

// Outcome is a review action's result, the label of cddh_review_outcomes_total.
type Outcome = ReviewState

// Flags that make the uncertain policy hold a task (cli.md `extract` flags).
const (
	FlagLeadUnrecognised    = "lead_unrecognised"
	FlagDeadlineBeforeIssue = "deadline_before_issue"
	FlagNoDeadline          = "no_deadline"
	FlagSignatureNotPassed  = "signature_not_passed"
)

// Mode is a review policy (rules.md §9).
type Mode string

// The review policies.
const (
	ModeAuto      Mode = "auto"      // push at once, as before the review step
	ModeUncertain Mode = "uncertain" // hold what the extractor is unsure of (default)
	ModeAll       Mode = "all"       // hold every task
)

// ParseMode reads a policy name; "" is the default, uncertain.
func ParseMode(s string) (Mode, error) {
	switch Mode(strings.ToLower(strings.TrimSpace(s))) {
	case "", ModeUncertain:
		return ModeUncertain, nil
	case ModeAuto:
		return ModeAuto, nil
	case ModeAll:
		return ModeAll, nil
	}
	return "", fmt.Errorf("%q is not auto, uncertain or all", s)
}

// DefaultThreshold is review.threshold's default: tasks extracted with a lower
// confidence are held under the uncertain policy.
const DefaultThreshold = 0.9

// Policy decides which extracted tasks wait for the Office.
type Policy struct {
	Mode      Mode    // default uncertain
	Threshold float64 // default 0.9
	// ByDocType overrides Mode for a document type (loại văn bản, e.g. "Công điện":
	// all), matched without regard to case or diacritics' composition.
	ByDocType map[string]Mode
}

// Facts are what the policy looks at in one extracted task.
type Facts struct {
	DocType string
	// Confidence is the extractor's confidence in the task (0–1); nil when the
	// extractor gave none, read as certain.
	Confidence      *float64
	Flags           []string
	SignaturePassed bool
}

// Hold says whether the task waits for review, and why (a short English reason for
// the log and the dashboard; "" when it goes through).
func (p Policy) Hold(f Facts) (bool, string) {
	mode := p.Mode
	if mode == "" {
		mode = ModeUncertain
	}
	if f.DocType != "" {
		want := fold(f.DocType)
		for t, m := range p.ByDocType {
			if fold(t) == want {
				mode = m
			}
		}
	}
	switch mode {
	case ModeAuto:
		return false, ""
	case ModeAll:
		return true, "policy all"
	}
	if !f.SignaturePassed {
		return true, "signature not passed"
	}
	for _, fl := range f.Flags {
		switch fl {
		case FlagLeadUnrecognised, FlagDeadlineBeforeIssue, FlagNoDeadline, FlagSignatureNotPassed:
			return true, "flag " + fl
		}
	}
	th := p.Threshold
	if th <= 0 {
		th = DefaultThreshold
	}
	if f.Confidence != nil && *f.Confidence < th {
		return true, fmt.Sprintf("confidence %.2f below %.2f", *f.Confidence, th)
	}
	return false, ""
}

// Validate checks a policy's values, naming the configuration key at fault.
func (p Policy) Validate() error {
	if p.Threshold < 0 || p.Threshold > 1 {
		return fmt.Errorf("review.threshold: %v is not between 0 and 1", p.Threshold)
	}
	keys := make([]string, 0, len(p.ByDocType))
	for k := range p.ByDocType {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if _, err := ParseMode(string(p.ByDocType[k])); err != nil {
			return fmt.Errorf("review.document_types[%q]: %w", k, err)
		}
	}
	return nil
}

// fold is the matching form: NFC (rules.md §6; any script, not only Vietnamese
// marks), lower case, single spaces.
// (Invalid UTF-8 is made valid first: after a stray byte, x/text's NFC leaves a
// mark such as U+0343 unmapped that NFD maps, so the two forms would differ.)
func fold(s string) string {
	return connectors.FoldVietnamese(norm.NFC.String(strings.ToValidUTF8(s, "\uFFFD")))
}

// SentenceHash identifies a task's sentence across versions of a directive:
// composed or decomposed, upper or lower case and spacing do not change it.
func SentenceHash(sentence string) string {
	sum := sha256.Sum256([]byte(fold(sentence)))
	return hex.EncodeToString(sum[:8])
}

// Contains reports whether text holds sentence, compared as SentenceHash compares.
func Contains(text, sentence string) bool {
	s := fold(sentence)
	return s != "" && strings.Contains(fold(text), s)
}

// ReviewDue is when a held task's review falls due: the profile's entry limit
// (rules.md §9 and §5 first row: Đồng Tháp's working day with the 15:00 rule,
// BR-VT's 3 working days or same day when urgent, Kiên Giang's 5), from the
// directive's issue. ok is false when the profile sets no entry limit.
func (r *Rules) ReviewDue(t store.TaskView, now time.Time) (time.Time, bool) {
	from := t.CreatedAt
	if t.DocumentIssuedAt != nil {
		from = *t.DocumentIssuedAt
	}
	in := status.LagInput{From: from, Urgent: r.Profile.IsUrgent(t.DocumentUrgency), DeadlineHasTime: t.DeadlineTime != ""}
	if t.DueAt != nil {
		in.Deadline = *t.DueAt
	}
	l := status.Measure(status.ObligationEntry, in, now, r.Calendar, r.Profile)
	return l.Due, l.Measured
}

// CorrectedDeadline resolves a reviewer's deadline date (and "HH:MM" or "") as an
// extracted one is: rolled forward to a working day, due at its end or at the time.
func (r *Rules) CorrectedDeadline(nominal time.Time, hhmm string) (effective, due time.Time) {
	effective = r.Calendar.RollForward(nominal)
	due, err := DueAt(effective, hhmm)
	if err != nil {
		due = calendar.EndOfDay(effective)
	}
	return effective, due
}

// ReviewPolicy builds the review policy from the configured mode and threshold and
// the per-document-type modes: the profile's review_by_document_type, overridden by
// the configuration's review.document_types.
func (r *Rules) ReviewPolicy(mode string, threshold float64, byType map[string]string) (Policy, error) {
	m, err := ParseMode(mode)
	if err != nil {
		return Policy{}, fmt.Errorf("review.policy: %w", err)
	}
	p := Policy{Mode: m, Threshold: threshold, ByDocType: map[string]Mode{}}
	for t, v := range r.Profile.ReviewByType {
		if p.ByDocType[t], err = ParseMode(v); err != nil {
			return p, fmt.Errorf("profile %s: review_by_document_type[%q]: %w", r.Profile.Name, t, err)
		}
	}
	for t, v := range byType {
		if p.ByDocType[t], err = ParseMode(v); err != nil {
			return p, fmt.Errorf("review.document_types[%q]: %w", t, err)
		}
	}
	return p, p.Validate()
}

// ErrNotHeld is returned when a review action finds the task no longer awaiting
// review: another reviewer decided first, or a new version dropped it.
var ErrNotHeld = errors.New("the task is not awaiting review (already reviewed, or no longer in the directive)")

// ErrBadCorrection is returned for a correction that cannot be applied.
var ErrBadCorrection = errors.New("invalid correction")

// Correction is what a reviewer changes in a task. An empty field keeps the
// extracted value; ClearDeadline removes the deadline.
type Correction struct {
	Content      string
	Lead         []store.UnitRef
	Coordinating []store.UnitRef
	// SetCoordinating replaces the coordinating units even with none.
	SetCoordinating bool
	Deadline        *time.Time // the date (Asia/Ho_Chi_Minh)
	DeadlineTime    string     // "HH:MM" or ""
	Recurrence      string     // monthly, quarterly, half_yearly, yearly or ""
	ClearDeadline   bool
	// Sentence is the directive's sentence of an added task.
	Sentence string
}
