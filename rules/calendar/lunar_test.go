package calendar

import (
	"testing"
	"time"

	"cddh-sync/connectors"
)

func d(s string) time.Time {
	t, err := time.ParseInLocation(time.DateOnly, s, connectors.Zone)
	if err != nil {
		panic(err)
	}
	return t
}

func TestTetDay(t *testing.T) {
	t.Parallel()
	// Vietnamese Tết (lịch Việt Nam, UTC+7).
	tests := map[int]string{
		1968: "1968-01-29", 1985: "1985-01-21", 2007: "2007-02-17", 2017: "2017-01-28",
		2018: "2018-02-16", 2019: "2019-02-05", 2020: "2020-01-25", 2021: "2021-02-12",
		2022: "2022-02-01", 2023: "2023-01-22", 2024: "2024-02-10", 2025: "2025-01-29",
		2026: "2026-02-17", 2027: "2027-02-06", 2028: "2028-01-26", 2029: "2029-02-13",
		2030: "2030-02-02", 2031: "2031-01-23", 2032: "2032-02-11", 2033: "2033-01-31",
		2034: "2034-02-19", 2035: "2035-02-08",
	}
	for y, want := range tests {
		if got := TetDay(y); !got.Equal(d(want)) {
			t.Errorf("TetDay(%d) = %s, want %s", y, got.Format(time.DateOnly), want)
		}
	}
}

// The Chinese new year (UTC+8) differs in these years; the time zone must matter.
func TestTetDiffersFromChina(t *testing.T) {
	t.Parallel()
	tests := []struct {
		year           int
		vietnam, china string
	}{
		{1968, "1968-01-29", "1968-01-30"},
		{1985, "1985-01-21", "1985-02-20"},
		{2007, "2007-02-17", "2007-02-18"},
		{2030, "2030-02-02", "2030-02-03"},
	}
	for _, tt := range tests {
		vn, _ := lunarToSolar(1, 1, tt.year, false, 7)
		cn, _ := lunarToSolar(1, 1, tt.year, false, 8)
		if got := dateOfJDN(vn); !got.Equal(d(tt.vietnam)) {
			t.Errorf("%d Vietnam: %s, want %s", tt.year, got.Format(time.DateOnly), tt.vietnam)
		}
		if got := dateOfJDN(cn); !got.Equal(d(tt.china)) {
			t.Errorf("%d China: %s, want %s", tt.year, got.Format(time.DateOnly), tt.china)
		}
	}
}

func TestHungKingsDay(t *testing.T) {
	t.Parallel()
	tests := map[int]string{
		2021: "2021-04-21", 2022: "2022-04-10", 2023: "2023-04-29", 2024: "2024-04-18",
		2025: "2025-04-07", 2026: "2026-04-26", 2027: "2027-04-16",
	}
	for y, want := range tests {
		if got := HungKingsDay(y); !got.Equal(d(want)) {
			t.Errorf("HungKingsDay(%d) = %s, want %s", y, got.Format(time.DateOnly), want)
		}
	}
}

func TestSolarToLunar(t *testing.T) {
	t.Parallel()
	tests := []struct {
		date             string
		day, month, year int
		leap             bool
	}{
		{"2024-02-10", 1, 1, 2024, false},
		{"2024-02-09", 30, 12, 2023, false}, // Tết eve, Quý Mão
		{"2026-02-16", 29, 12, 2025, false}, // Tết eve, Ất Tỵ (a 29-day month)
		{"2023-03-22", 1, 2, 2023, true},    // leap 2nd month of Quý Mão
		{"2025-07-25", 1, 6, 2025, true},    // leap 6th month of Ất Tỵ
		{"2024-09-17", 15, 8, 2024, false},  // Tết Trung thu
	}
	for _, tt := range tests {
		dd, mm, yy, leap := SolarToLunar(d(tt.date))
		if dd != tt.day || mm != tt.month || yy != tt.year || leap != tt.leap {
			t.Errorf("SolarToLunar(%s) = %d/%d/%d leap=%v, want %d/%d/%d leap=%v",
				tt.date, dd, mm, yy, leap, tt.day, tt.month, tt.year, tt.leap)
		}
		if back := LunarToSolar(tt.day, tt.month, tt.year, tt.leap); !back.Equal(d(tt.date)) {
			t.Errorf("LunarToSolar(%d/%d/%d, %v) = %v, want %s", tt.day, tt.month, tt.year, tt.leap, back, tt.date)
		}
	}
	if got := LunarToSolar(1, 3, 2024, true); !got.IsZero() {
		t.Errorf("2024 has no leap 3rd month, got %v", got)
	}
}

// Every day of 1990–2040 survives a round trip and lunar days advance by one.
func TestLunarRoundTrip(t *testing.T) {
	t.Parallel()
	for day := d("1990-01-01"); day.Year() < 2041; day = day.AddDate(0, 0, 1) {
		dd, mm, yy, leap := SolarToLunar(day)
		if dd < 1 || dd > 30 || mm < 1 || mm > 12 {
			t.Fatalf("%s: lunar %d/%d/%d out of range", day.Format(time.DateOnly), dd, mm, yy)
		}
		if back := LunarToSolar(dd, mm, yy, leap); !back.Equal(day) {
			t.Fatalf("%s → %d/%d/%d leap=%v → %s", day.Format(time.DateOnly), dd, mm, yy, leap, back.Format(time.DateOnly))
		}
	}
}
