package main

import (
	"bytes"
	"io"
	"os"
	"time"

	"gopkg.in/yaml.v3"

	"cddh-sync/cmd/cddh-sync/internal/config"
	"cddh-sync/connectors"
	"cddh-sync/rules/calendar"
	"cddh-sync/rules/profile"
	"cddh-sync/rules/remind"
	"cddh-sync/rules/units"
	"cddh-sync/signing"
	"cddh-sync/sync/engine"
	"cddh-sync/sync/store"
	"cddh-sync/sync/tracking"
)

// ruleSet is the province's rules as configured (sync/tracking) and the signing
// options; this file only builds them from the configuration.
type ruleSet struct {
	*tracking.Rules
	signing signing.Options
	loaiMap map[string]string // config units_loai_map, for a directory read from the portal
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
	var dir *units.Directory
	if cfg.Units != "" {
		if dir, err = units.LoadWithKinds(cfg.Path(cfg.Units), cfg.UnitsLoaiMap); err != nil {
			return nil, usageErrorf("units: %w", err)
		}
	}
	tr, err := tracking.New(p, cal, dir)
	if err != nil {
		return nil, err
	}
	return &ruleSet{Rules: tr, signing: sopt, loaiMap: cfg.UnitsLoaiMap}, nil
}

// unitRefs is the unit directory as the review forms offer it.
func (r *ruleSet) unitRefs() []store.UnitRef {
	if r.Units == nil {
		return nil
	}
	var out []store.UnitRef
	for _, u := range r.Units.Units() {
		out = append(out, store.UnitRef{Code: u.Code, Name: u.Name})
	}
	return out
}

// reviewPolicy is the configured review policy (rules.md §9).
func (r *ruleSet) reviewPolicy(cfg config.Config) (tracking.Policy, error) {
	p, err := r.ReviewPolicy(cfg.Review.Policy, cfg.Review.Threshold, cfg.Review.DocumentTypes)
	if err != nil {
		return p, usageErrorf("%w", err)
	}
	return p, nil
}

// engineRules hands the engine its decisions: the domain rules of sync/tracking,
// and the file checks of rules_io.go.
func (r *ruleSet) engineRules(cfg config.Config) (engine.Rules, error) {
	rules := engine.Rules{Decider: r.Rules, Files: fileChecks{r}}
	if !cfg.Reminders.Enabled {
		return rules, nil
	}
	pol := remind.Policy{Calendar: r.Calendar, Profile: r.Profile, DueSoonWorkdays: cfg.Reminders.DueSoonWorkdays,
		From: cfg.Reminders.From, To: cfg.Reminders.To, Paused: cfg.Sync.Windows.Contains}
	if err := pol.Validate(); err != nil {
		return rules, usageErrorf("%w", err)
	}
	rules.Reminders = tracking.Reminders{Policy: pol}
	return rules, nil
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
