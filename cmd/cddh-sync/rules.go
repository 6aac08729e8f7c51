package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"time"

	"gopkg.in/yaml.v3"

	"cddh-sync/cmd/cddh-sync/internal/config"
	"cddh-sync/connectors"
	"cddh-sync/rules/calendar"
	"cddh-sync/rules/profile"
	"cddh-sync/rules/remind"
	"cddh-sync/rules/status"
	"cddh-sync/rules/units"
	"cddh-sync/signing"
	"cddh-sync/sync/engine"
	"cddh-sync/sync/report"
	"cddh-sync/sync/store"
)

// ruleSet is the province's rules as configured: its profile and calendar, and the
// adapters between the engine's store-shaped data and the pure rules packages.
type ruleSet struct {
	profile *profile.Profile
	cal     *calendar.Calendar
	signing signing.Options
	units   *units.Directory // nil: no unit resolves to a code
}

func newRuleSet(cfg config.Config) (*ruleSet, error) {
	var extra []string
	for _, f := range cfg.ProfileFiles {
		extra = append(extra, cfg.Path(f))
	}
	p, err := profile.Load(cfg.Profile, extra...)
	if err != nil {
		return nil, usageErrorf("profile: %w", err)
	}
	cal, err := loadCalendar(cfg)
	if err != nil {
		return nil, err
	}
	sopt, err := signingOptions(cfg)
	if err != nil {
		return nil, err
	}
	rs := &ruleSet{profile: p, cal: cal, signing: sopt}
	if cfg.Units != "" {
		if rs.units, err = units.Load(cfg.Path(cfg.Units)); err != nil {
			return nil, usageErrorf("units: %w", err)
		}
	}
	return rs, nil
}

// statusInput describes a task to the status machine.
func statusInput(key string, issued *time.Time, effective *time.Time, deadlineTime string) status.TaskInput {
	in := status.TaskInput{Key: key}
	if issued != nil {
		in.AssignedAt = *issued
	}
	if effective != nil {
		d := effective.In(connectors.Zone)
		in.Deadline = calendar.EndOfDay(d)
		if deadlineTime != "" {
			var h, m int
			if _, err := fmt.Sscanf(deadlineTime, "%d:%d", &h, &m); err == nil {
				in.Deadline = time.Date(d.Year(), d.Month(), d.Day(), h, m, 0, 0, connectors.Zone)
				in.DeadlineHasTime = true
			}
		}
	}
	return in
}

// statusEvents maps the engine's stored events onto the status machine's.
func statusEvents(evs []store.EventRow) []status.Event {
	out := make([]status.Event, 0, len(evs))
	for _, e := range evs {
		se := status.Event{Key: e.Key, At: e.At, Actor: e.Actor, Note: e.Note}
		switch e.Kind {
		case "assigned":
			se.Kind = status.EventAssigned
		case "report_sent":
			se.Kind = status.EventReported
		case "cancelled":
			se.Kind = status.EventCancelled
		case "THU_HOI":
			se.Kind = status.EventWithdrawn
		case "THAY_THE":
			se.Kind = status.EventReplaced
		default:
			k, ok := status.KindOfAction(connectors.ActionKind(e.Kind))
			if !ok {
				continue
			}
			se.Kind = k
			var p struct {
				DocumentID    int64  `json:"document_id"`
				NewDue        string `json:"new_due"`
				NewDueHasTime bool   `json:"new_due_has_time"`
			}
			if raw, ok := e.Payload.(json.RawMessage); ok && len(raw) > 0 {
				_ = json.Unmarshal(raw, &p)
			}
			if p.NewDue != "" {
				if t, err := time.Parse(time.RFC3339, p.NewDue); err == nil {
					se.NewDeadline, se.NewDeadlineHasTime = t, p.NewDueHasTime
				}
			}
			if p.DocumentID != 0 {
				se.DocID = fmt.Sprint(p.DocumentID)
			}
		}
		out = append(out, se)
	}
	return out
}

func (r *ruleSet) replay(in status.TaskInput, evs []store.EventRow, now time.Time) status.Result {
	return status.Replay(in, statusEvents(evs), now, r.cal, r.profile)
}

func derivedOf(res status.Result) store.Derived {
	return store.Derived{State: string(res.State), StatusText: res.StatusText, DueAt: res.Deadline,
		Extensions: res.Extensions, ReportedAt: res.ReportedAt, DecidedAt: res.DecidedAt}
}

// derive is the engine's Derive.
func (r *ruleSet) derive(t store.DeriveInput, evs []store.EventRow, now time.Time) engine.Derived {
	res := r.replay(statusInput(t.Key, t.IssuedAt, t.Effective, t.DeadlineTime), evs, now)
	d := engine.Derived{Derived: derivedOf(res)}
	for _, h := range res.History {
		if h.Warning != "" {
			d.Warnings = append(d.Warnings, engine.Warning{EventKey: h.Key, Why: h.Warning})
		}
	}
	return d
}

// viewResult derives a stored task's status at now from its history.
func (r *ruleSet) viewResult(t store.TaskView, evs []store.EventRow, now time.Time) status.Result {
	return r.replay(statusInput(t.Key, t.DocumentIssuedAt, t.Effective, t.DeadlineTime), evs, now)
}

// statusText is the dashboard's words for a task: the words last derived.
func (r *ruleSet) statusText(t store.TaskView, now time.Time) string {
	if t.StatusText != "" {
		return t.StatusText
	}
	return t.State
}

// classify maps a derived status onto the report's categories.
func (r *ruleSet) classify(res status.Result, now time.Time) report.Classification {
	c := report.Classification{StatusText: res.StatusText}
	late := res.Timeliness == status.Late
	switch res.State {
	case status.Approved:
		c.Category = report.DoneOnTime
		if late {
			c.Category = report.DoneLate
		}
	case status.Reported:
		c.Category = report.AwaitingApproval
	case status.Returned:
		c.Category = report.Returned
	case status.Cancelled:
		c.Category = report.Cancelled
	default: // assigned, in progress, urged, rejected
		switch {
		case res.Acknowledged && late:
			c.Category = report.InProgressOverdue
		case res.Acknowledged:
			c.Category = report.InProgressOnTime
		case late:
			c.Category = report.NotStartedOverdue
		default:
			c.Category = report.NotStartedOnTime
		}
		if late && res.Deadline != nil {
			c.OverdueWorkday = r.cal.WorkdaysBetween(*res.Deadline, now)
			if c.OverdueWorkday < 1 {
				c.OverdueWorkday = 1 // late since the deadline's own evening
			}
		}
	}
	return c
}

// reportClass classifies a stored task for the periodic report at now: its category
// and words from its history, and its compliance lags.
func (r *ruleSet) reportClass(t store.TaskView, evs []store.EventRow, now time.Time) report.Classification {
	c := r.classify(r.viewResult(t, evs, now), now)
	c.Lags = r.lags(t, now)
	return c
}

// lags measures the task's compliance lags (rules.md §5) from the portal's own
// timestamps, against the profile's limits. Entry: the directive's issue to the
// portal's first record of it (the adapter's extraction time when the portal gave
// none). Update: the report's issue to the portal's record of it. Review: that
// record to the Office's decision, or to now while the report waits.
func (r *ruleSet) lags(t store.TaskView, now time.Time) []report.Lag {
	var out []report.Lag
	base := status.LagInput{Urgent: r.profile.IsUrgent(t.DocumentUrgency), DeadlineHasTime: t.DeadlineTime != ""}
	if t.DueAt != nil {
		base.Deadline = *t.DueAt
	}
	add := func(ob status.Obligation, name string, from, done time.Time) {
		in := base
		in.From, in.Done = from, done
		if l := status.Measure(ob, in, now, r.cal, r.profile); l.Measured {
			out = append(out, report.Lag{Obligation: name, Workdays: l.Workdays, Breach: l.Breach})
		}
	}
	if t.DocumentIssuedAt != nil {
		entered := t.CreatedAt
		if t.DocumentRecordedAt != nil {
			entered = *t.DocumentRecordedAt
		}
		add(status.ObligationEntry, report.ObligationEntry, *t.DocumentIssuedAt, entered)
	}
	if t.ReportRecordedAt != nil {
		if t.ReportedAt != nil {
			add(status.ObligationUpdate, report.ObligationUpdate, *t.ReportedAt, *t.ReportRecordedAt)
		}
		switch {
		case t.DecidedAt != nil:
			add(status.ObligationReview, report.ObligationReview, *t.ReportRecordedAt, *t.DecidedAt)
		case t.State == string(status.Reported):
			add(status.ObligationReview, report.ObligationReview, *t.ReportRecordedAt, time.Time{})
		}
	}
	return out
}

// engineRules hands the engine its decisions. Extraction, PDF text and signature
// checks are wired in rules_io.go.
func (r *ruleSet) engineRules(cfg config.Config) (engine.Rules, error) {
	rules := engine.Rules{
		Extract: r.extract,
		Expand:  r.expand,
		PDFText: pdfTextFile,
		Verify:  r.verifyFile,
		Derive:  r.derive,
	}
	if !cfg.Reminders.Enabled {
		return rules, nil
	}
	from, to, err := remind.ParseHours(cfg.Reminders.Hours)
	if err != nil {
		return rules, usageErrorf("%w", err)
	}
	wins, err := cfg.Sync.ParseWindows()
	if err != nil {
		return rules, usageErrorf("%w", err)
	}
	pol := remind.Policy{Calendar: r.cal, Profile: r.profile, DueSoonWorkdays: cfg.Reminders.DueSoonWorkdays, From: from, To: to,
		Paused: func(t time.Time) bool {
			for _, w := range wins {
				if !t.Before(w[0]) && t.Before(w[1]) {
					return true
				}
			}
			return false
		}}
	if err := pol.Validate(); err != nil {
		return rules, usageErrorf("%w", err)
	}
	rules.Reminders = reminders{pol: pol}
	return rules, nil
}

// reminders adapts rules/remind to the engine.
type reminders struct{ pol remind.Policy }

func (r reminders) Open(now time.Time) bool         { return r.pol.Open(now) }
func (r reminders) Horizon(now time.Time) time.Time { return r.pol.Horizon(now) }

func (r reminders) Due(c store.RemindCandidate, now time.Time) (string, string) {
	t := remind.Task{State: c.State, Due: c.DueAt, ReportedAt: c.ReportedAt, Urgent: r.pol.Profile.IsUrgent(c.Urgency),
		Content: c.Content, Reference: c.Reference}
	if len(c.Lead) > 0 {
		t.Lead = c.Lead[0].Name
	}
	k := r.pol.Due(t, now)
	if k == "" {
		return "", ""
	}
	return string(k), r.pol.Text(k, t, now)
}

// labels are the report's headings in the profile's words; a state the profile gives
// no words for keeps Đồng Tháp's.
func (r *ruleSet) labels() report.Labels {
	l := report.DefaultLabels
	set := func(dst *string, state, timeliness string) {
		if w := r.profile.Text(state, timeliness, ""); w != "" {
			*dst = w
		}
	}
	set(&l.DoneOnTime, profile.StateApproved, profile.OnTime)
	set(&l.DoneLate, profile.StateApproved, profile.Late)
	set(&l.InProgressOnTime, profile.StateInProgress, profile.OnTime)
	set(&l.InProgressOverdue, profile.StateInProgress, profile.Late)
	set(&l.NotStartedOnTime, profile.StateAssigned, profile.OnTime)
	set(&l.NotStartedOverdue, profile.StateAssigned, profile.Late)
	set(&l.AwaitingApproval, profile.StateReported, profile.Pending)
	set(&l.Returned, profile.StateReturned, profile.Pending)
	set(&l.Cancelled, profile.StateCancelled, profile.Pending)
	if l.DoneOnTime == l.DoneLate { // a profile with one word for both keeps them apart
		l.DoneOnTime, l.DoneLate = report.DefaultLabels.DoneOnTime, report.DefaultLabels.DoneLate
	}
	return l
}

// calendarFile is the shape of calendar_file.
type calendarFile struct {
	Schedules     []calendar.Schedule `yaml:"schedules"`
	ExtraHolidays []struct {
		Month         int    `yaml:"month"`
		Day           int    `yaml:"day"`
		Name          string `yaml:"name"`
		EffectiveFrom string `yaml:"effective_from"`
	} `yaml:"extra_holidays"`
}

// loadCalendar builds the working-day calendar: the embedded schedules overlaid with
// calendar_file, so a new year's announcement needs no rebuild.
func loadCalendar(cfg config.Config) (*calendar.Calendar, error) {
	if cfg.CalendarFile == "" {
		return calendar.Default(), nil
	}
	path := cfg.Path(cfg.CalendarFile)
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, usageErrorf("calendar_file: %v", err)
	}
	var f calendarFile
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil && err != io.EOF {
		return nil, usageErrorf("calendar_file %s: %v", path, err)
	}
	opts := calendar.Options{Schedules: f.Schedules}
	for i, h := range f.ExtraHolidays {
		hol := calendar.Holiday{Month: h.Month, Day: h.Day, Name: h.Name}
		if h.EffectiveFrom != "" {
			t, err := time.ParseInLocation("2006-01-02", h.EffectiveFrom, connectors.Zone)
			if err != nil {
				return nil, usageErrorf("calendar_file %s: extra_holidays[%d].effective_from: %q is not YYYY-MM-DD", path, i, h.EffectiveFrom)
			}
			hol.EffectiveFrom = t
		}
		opts.ExtraHolidays = append(opts.ExtraHolidays, hol)
	}
	cal, err := calendar.New(opts)
	if err != nil {
		return nil, usageErrorf("calendar_file %s: %v", path, err)
	}
	return cal, nil
}
