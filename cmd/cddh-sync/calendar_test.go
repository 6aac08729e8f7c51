package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
)

func runCalendar(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := realMain(context.Background(), env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb},
		append([]string{"calendar"}, args...))
	return code, out.String(), errb.String()
}

func TestCalendarAdd(t *testing.T) {
	t.Parallel()
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"add", "--from", "2024-04-15", "--workdays", "10"}, "2024-05-03\n"}, // 105.json
		{[]string{"add", "--from", "15/4/2024", "--workdays", "10"}, "2024-05-03\n"},
		{[]string{"add", "--from", "30/08/2024", "--workdays", "1"}, "2024-09-04\n"}, // 110.json
		{[]string{"add", "--from", "2024-04-27", "--workdays", "0"}, "2024-05-02\n"},
		{[]string{"add", "--workdays=1", "--from=2026-02-13"}, "2026-02-23\n"},
		{[]string{"add", "--from", "2024-04-15", "--workdays", "10", "--format", "json"},
			`{"from": "2024-04-15", "workdays": 10, "date": "2024-05-03"}` + "\n"},
	}
	for _, tt := range tests {
		code, out, errs := runCalendar(tt.args...)
		if code != exitOK || out != tt.want {
			t.Errorf("calendar %v: exit %d, out %q, err %q; want %q", tt.args, code, out, errs, tt.want)
		}
	}
}

func TestCalendarHolidaysJSON(t *testing.T) {
	t.Parallel()
	code, out, errs := runCalendar("holidays", "--year", "2026", "--format", "json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.HasPrefix(out, `{"year": 2026, "days_off": ["2026-01-01", "2026-01-02", "2026-02-16"`) {
		t.Errorf("layout: %s", out)
	}
	var got struct {
		Year             int      `json:"year"`
		DaysOff          []string `json:"days_off"`
		WorkingSaturdays []string `json:"working_saturdays"`
		Source           string   `json:"source"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	want := "2026-01-01 2026-01-02 2026-02-16 2026-02-17 2026-02-18 2026-02-19 2026-02-20 2026-04-27 2026-04-30 2026-05-01 2026-08-31 2026-09-01 2026-09-02"
	if got.Year != 2026 || strings.Join(got.DaysOff, " ") != want ||
		strings.Join(got.WorkingSaturdays, " ") != "2026-01-10 2026-08-22" || !strings.Contains(got.Source, "12729/VPCP-KGVX") {
		t.Errorf("got %+v", got)
	}

	// A year without an announcement still works, from the computed rules.
	code, out, _ = runCalendar("holidays", "--year", "2031", "--format", "json")
	if code != exitOK || !strings.Contains(out, `"2031-01-01"`) || !strings.Contains(out, "computed only") {
		t.Errorf("2031: exit %d, %s", code, out)
	}
}

func TestCalendarHolidaysText(t *testing.T) {
	t.Parallel()
	code, out, _ := runCalendar("holidays", "--year", "2024")
	for _, want := range []string{"2024-04-29  Monday", "2024-05-04  Saturday", "2024-09-03  Tuesday", "source: "} {
		if code != exitOK || !strings.Contains(out, want) {
			t.Errorf("exit %d, missing %q in\n%s", code, want, out)
		}
	}
}

func TestCalendarUsageErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		args []string
		want string
	}{
		{nil, "subcommand"},
		{[]string{"frob"}, `unknown subcommand "frob"`},
		{[]string{"add", "--from", "2024-13-45", "--workdays", "1"}, "--from"},
		{[]string{"add", "--from", "tomorrow", "--workdays", "1"}, "--from"},
		{[]string{"add", "--workdays", "1"}, "--from"},
		{[]string{"add", "--from", "2024-04-15"}, "--workdays"},
		{[]string{"add", "--from", "2024-04-15", "--workdays", "ten"}, "workdays"},
		{[]string{"add", "--from", "2024-04-15", "--workdays", "1", "--format", "xml"}, "--format"},
		{[]string{"add", "--from", "2024-04-15", "--workdays", "100000000"}, "--workdays"},
		{[]string{"holidays"}, "--year"},
		{[]string{"holidays", "--year", "x"}, "year"},
		{[]string{"holidays", "--year", "2026", "--bogus"}, "bogus"},
		{[]string{"--bogus"}, "bogus"},
	}
	for _, tt := range tests {
		code, _, errs := runCalendar(tt.args...)
		if code != exitUsage || !strings.Contains(errs, tt.want) {
			t.Errorf("calendar %v: exit %d, stderr %q; want exit 2 naming %q", tt.args, code, errs, tt.want)
		}
	}
	if code, _, errs := runCalendar("--help"); code != exitOK || !strings.Contains(errs, "usage: cddh-sync calendar add") {
		t.Errorf("--help: exit %d, %q", code, errs)
	}
	if code, _, errs := runCalendar("add", "--help"); code != exitOK || !strings.Contains(errs, "usage: cddh-sync calendar add") {
		t.Errorf("add --help: exit %d, %q", code, errs)
	}
}
