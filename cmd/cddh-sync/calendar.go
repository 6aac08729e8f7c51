package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"strings"
	"time"

	"cddh-sync/connectors"
	"cddh-sync/rules/calendar"
)

// maxCalendarWorkdays bounds --workdays (about 400 years) so a typo cannot spin.
const maxCalendarWorkdays = 100000

const calendarSynopsis = "add --from DATE --workdays N [--format text|json] | holidays --year Y [--format text|json]"

func cmdCalendar(ctx context.Context, e env, args []string) error {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		// No subcommand: let the flag set answer --help or reject the flag.
		fs := newFlagSet(e.stderr, "calendar", calendarSynopsis)
		if _, err := parseFlags(fs, args); err != nil {
			return err
		}
		return usageErrorf("want a subcommand: add or holidays")
	}
	switch args[0] {
	case "add":
		return cmdCalendarAdd(e, args[1:])
	case "holidays":
		return cmdCalendarHolidays(e, args[1:])
	default:
		return usageErrorf("unknown subcommand %q: want add or holidays", args[0])
	}
}

func cmdCalendarAdd(e env, args []string) error {
	fs := newFlagSet(e.stderr, "calendar add", "--from DATE --workdays N [--format text|json]")
	from := fs.String("from", "", "start date, YYYY-MM-DD or dd/MM/yyyy (not counted)")
	n := fs.Int("workdays", 0, "number of working days to add after --from")
	format := fs.String("format", "text", "output format: json or text")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 0 {
		return usageErrorf("calendar add: unexpected argument %q", pos[0])
	}
	if *format != "json" && *format != "text" {
		return usageErrorf("--format: want json or text, got %q", *format)
	}
	if *from == "" {
		return usageErrorf("--from: required")
	}
	start, err := parseCalendarDate(*from)
	if err != nil {
		return usageErrorf("--from: %v", err)
	}
	var given bool
	fs.Visit(func(f *flag.Flag) { given = given || f.Name == "workdays" })
	if !given {
		return usageErrorf("--workdays: required")
	}
	if *n > maxCalendarWorkdays || *n < -maxCalendarWorkdays {
		return usageErrorf("--workdays: %d is beyond ±%d", *n, maxCalendarWorkdays)
	}
	got := calendar.Default().AddWorkdays(start, *n)
	if *format == "json" {
		return calendarJSON(e, []calendarField{
			{"from", start.Format(time.DateOnly)}, {"workdays", *n}, {"date", got.Format(time.DateOnly)},
		})
	}
	_, err = fmt.Fprintln(e.stdout, got.Format(time.DateOnly))
	return err
}

func cmdCalendarHolidays(e env, args []string) error {
	fs := newFlagSet(e.stderr, "calendar holidays", "--year Y [--format text|json]")
	year := fs.Int("year", 0, "the year, e.g. 2026")
	format := fs.String("format", "text", "output format: json or text")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 0 {
		return usageErrorf("calendar holidays: unexpected argument %q", pos[0])
	}
	if *format != "json" && *format != "text" {
		return usageErrorf("--format: want json or text, got %q", *format)
	}
	if *year < 1 || *year > 9999 {
		return usageErrorf("--year: want a year between 1 and 9999, got %d", *year)
	}
	cal := calendar.Default()
	off, sats := cal.DaysOff(*year), cal.WorkingSaturdays(*year)
	if *format == "json" {
		return calendarJSON(e, []calendarField{
			{"year", *year}, {"days_off", isoDates(off)},
			{"working_saturdays", isoDates(sats)}, {"source", cal.Source(*year)},
		})
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d: weekdays off: %d, Saturdays worked: %d\n", *year, len(off), len(sats))
	fmt.Fprintln(&b, "weekdays off:")
	for _, d := range off {
		fmt.Fprintf(&b, "  %s  %s\n", d.Format(time.DateOnly), d.Weekday())
	}
	fmt.Fprintln(&b, "Saturdays worked:")
	if len(sats) == 0 {
		fmt.Fprintln(&b, "  none")
	}
	for _, d := range sats {
		fmt.Fprintf(&b, "  %s  %s\n", d.Format(time.DateOnly), d.Weekday())
	}
	fmt.Fprintf(&b, "source: %s\n", cal.Source(*year))
	_, err = fmt.Fprint(e.stdout, b.String())
	return err
}

// parseCalendarDate reads YYYY-MM-DD or dd/MM/yyyy (one-digit day and month allowed),
// as a date in Asia/Ho_Chi_Minh.
func parseCalendarDate(s string) (time.Time, error) {
	for _, layout := range []string{time.DateOnly, "2/1/2006"} {
		if t, err := time.ParseInLocation(layout, s, connectors.Zone); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q: want YYYY-MM-DD or dd/MM/yyyy", s)
}

func isoDates(ts []time.Time) []string {
	out := make([]string, 0, len(ts))
	for _, t := range ts {
		out = append(out, t.Format(time.DateOnly))
	}
	return out
}

type calendarField struct {
	key   string
	value any
}

// calendarJSON writes one JSON object with its keys in order, spaced as cli.md shows
// it: {"year": 2026, "days_off": ["2026-01-01", ...], ...}.
func calendarJSON(e env, fields []calendarField) error {
	var b strings.Builder
	b.WriteByte('{')
	for i, f := range fields {
		if i > 0 {
			b.WriteString(", ")
		}
		k, _ := json.Marshal(f.key)
		var v []byte
		if list, ok := f.value.([]string); ok {
			parts := make([]string, len(list))
			for j, s := range list {
				q, _ := json.Marshal(s)
				parts[j] = string(q)
			}
			v = []byte("[" + strings.Join(parts, ", ") + "]")
		} else {
			var err error
			if v, err = json.Marshal(f.value); err != nil {
				return fmt.Errorf("calendar: encode %s: %w", f.key, err)
			}
		}
		b.Write(k)
		b.WriteString(": ")
		b.Write(v)
	}
	b.WriteString("}\n")
	_, err := fmt.Fprint(e.stdout, b.String())
	return err
}
