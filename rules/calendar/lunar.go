package calendar

import (
	"math"
	"time"

	"cddh-sync/connectors"
)

// vietnamOffset is the time zone of the Vietnamese lunar calendar: UTC+7 since 1968.
// The day a new moon falls on depends on it, which is why Tết in Vietnam is a day
// earlier than in China (UTC+8) in some years (1985, 2007, 2030).
const vietnamOffset = 7.0

// synodicMonth is the mean length of a lunation in days.
const synodicMonth = 29.530588853

// jdn1900NewMoon is the Julian day of the new moon of 1900-01-01, the epoch from
// which new moons are numbered.
const jdn1900NewMoon = 2415021.076998695

// julianDay returns the Julian day number of a Gregorian date (Julian calendar before
// 1582-10-15, as astronomers count).
func julianDay(d, m, y int) int {
	a := (14 - m) / 12
	yy := y + 4800 - a
	mm := m + 12*a - 3
	jd := d + (153*mm+2)/5 + 365*yy + yy/4 - yy/100 + yy/400 - 32045
	if jd < 2299161 {
		jd = d + (153*mm+2)/5 + 365*yy + yy/4 - 32083
	}
	return jd
}

// fromJulianDay is the inverse of julianDay.
func fromJulianDay(jd int) (d, m, y int) {
	var b, c int
	if jd > 2299160 {
		a := jd + 32044
		b = (4*a + 3) / 146097
		c = a - b*146097/4
	} else {
		b = 0
		c = jd + 32082
	}
	dd := (4*c + 3) / 1461
	e := c - 1461*dd/4
	mm := (5*e + 2) / 153
	d = e - (153*mm+2)/5 + 1
	m = mm + 3 - 12*(mm/10)
	y = b*100 + dd - 4800 + mm/10
	return d, m, y
}

// newMoonDay returns the Julian day number, local to tz hours, of the k-th new moon
// after the epoch (Meeus' truncated series, as in Hồ Ngọc Đức's calendar).
func newMoonDay(k int, tz float64) int {
	const dr = math.Pi / 180
	kk := float64(k)
	t := kk / 1236.85
	t2 := t * t
	t3 := t2 * t
	jd1 := 2415020.75933 + 29.53058868*kk + 0.0001178*t2 - 0.000000155*t3
	jd1 += 0.00033 * math.Sin((166.56+132.87*t-0.009173*t2)*dr)
	m := 359.2242 + 29.10535608*kk - 0.0000333*t2 - 0.00000347*t3    // sun's mean anomaly
	mpr := 306.0253 + 385.81691806*kk + 0.0107306*t2 + 0.00001236*t3 // moon's mean anomaly
	f := 21.2964 + 390.67050646*kk - 0.0016528*t2 - 0.00000239*t3    // moon's argument of latitude
	c1 := (0.1734-0.000393*t)*math.Sin(m*dr) + 0.0021*math.Sin(2*dr*m)
	// Periodic terms, each with its own sign (Meeus, Astronomical Algorithms ch. 49).
	c1 += -0.4068*math.Sin(mpr*dr) + 0.0161*math.Sin(dr*2*mpr)
	c1 += -0.0004 * math.Sin(dr*3*mpr)
	c1 += 0.0104*math.Sin(dr*2*f) - 0.0051*math.Sin(dr*(m+mpr))
	c1 += -0.0074*math.Sin(dr*(m-mpr)) + 0.0004*math.Sin(dr*(2*f+m))
	c1 += -0.0004*math.Sin(dr*(2*f-m)) - 0.0006*math.Sin(dr*(2*f+mpr))
	c1 += 0.0010*math.Sin(dr*(2*f-mpr)) + 0.0005*math.Sin(dr*(2*mpr+m))
	var deltaT float64 // TT − UT, in days
	if t < -11 {
		deltaT = 0.001 + 0.000839*t + 0.0002261*t2 - 0.00000845*t3 - 0.000000081*t*t3
	} else {
		deltaT = -0.000278 + 0.000265*t + 0.000262*t2
	}
	jdNew := jd1 + c1 - deltaT
	return int(math.Floor(jdNew + 0.5 + tz/24))
}

// sunLongitudeSector returns which 30° sector (0..11) of ecliptic longitude the sun is
// in at the start of local day jdn. Sector 9 begins at the winter solstice (270°).
func sunLongitudeSector(jdn int, tz float64) int {
	const dr = math.Pi / 180
	t := (float64(jdn) - 0.5 - tz/24 - 2451545.0) / 36525
	t2 := t * t
	m := 357.52910 + 35999.05030*t - 0.0001559*t2 - 0.00000048*t*t2
	l0 := 280.46645 + 36000.76983*t + 0.0003032*t2
	dl := (1.914600 - 0.004817*t - 0.000014*t2) * math.Sin(dr*m)
	dl += (0.019993-0.000101*t)*math.Sin(dr*2*m) + 0.000290*math.Sin(dr*3*m)
	l := (l0 + dl) * dr
	l -= 2 * math.Pi * math.Floor(l/(2*math.Pi))
	return int(math.Floor(l / math.Pi * 6))
}

// lunarMonth11 returns the first day of the lunar month 11 of solar year y: the month
// that contains the winter solstice.
func lunarMonth11(y int, tz float64) int {
	off := float64(julianDay(31, 12, y)) - 2415021
	k := int(math.Floor(off / synodicMonth))
	nm := newMoonDay(k, tz)
	if sunLongitudeSector(nm, tz) >= 9 {
		nm = newMoonDay(k-1, tz)
	}
	return nm
}

// leapMonthOffset returns the index, counted from month 11 starting at a11, of the
// first month without a major solar term: the leap month of a 13-month year.
func leapMonthOffset(a11 int, tz float64) int {
	k := int(math.Floor((float64(a11)-jdn1900NewMoon)/synodicMonth + 0.5))
	i := 1
	arc := sunLongitudeSector(newMoonDay(k+i, tz), tz)
	for {
		last := arc
		i++
		arc = sunLongitudeSector(newMoonDay(k+i, tz), tz)
		if arc == last || i >= 14 {
			break
		}
	}
	return i - 1
}

// solarToLunar converts a Julian day number to a lunar date at time zone tz.
func solarToLunar(dayNumber int, tz float64) (day, month, year int, leap bool) {
	_, _, yy := fromJulianDay(dayNumber)
	k := int(math.Floor((float64(dayNumber) - jdn1900NewMoon) / synodicMonth))
	monthStart := newMoonDay(k+1, tz)
	if monthStart > dayNumber {
		monthStart = newMoonDay(k, tz)
	}
	a11 := lunarMonth11(yy, tz)
	b11 := a11
	if a11 >= monthStart {
		year = yy
		a11 = lunarMonth11(yy-1, tz)
	} else {
		year = yy + 1
		b11 = lunarMonth11(yy+1, tz)
	}
	day = dayNumber - monthStart + 1
	diff := (monthStart - a11) / 29
	month = diff + 11
	if b11-a11 > 365 { // 13 lunations between the two months 11: a leap year
		leapDiff := leapMonthOffset(a11, tz)
		if diff >= leapDiff {
			month = diff + 10
			leap = diff == leapDiff
		}
	}
	if month > 12 {
		month -= 12
	}
	if month >= 11 && diff < 4 {
		year--
	}
	return day, month, year, leap
}

// lunarToSolar converts a lunar date at time zone tz to a Julian day number; ok is
// false when leap is asked for a month that is not leap in that year.
func lunarToSolar(day, month, year int, leap bool, tz float64) (jdn int, ok bool) {
	var a11, b11 int
	if month < 11 {
		a11 = lunarMonth11(year-1, tz)
		b11 = lunarMonth11(year, tz)
	} else {
		a11 = lunarMonth11(year, tz)
		b11 = lunarMonth11(year+1, tz)
	}
	k := int(math.Floor(0.5 + (float64(a11)-jdn1900NewMoon)/synodicMonth))
	off := month - 11
	if off < 0 {
		off += 12
	}
	if b11-a11 > 365 {
		leapOff := leapMonthOffset(a11, tz)
		leapMonth := leapOff - 2
		if leapMonth < 0 {
			leapMonth += 12
		}
		if leap && month != leapMonth {
			return 0, false
		}
		if leap || off >= leapOff {
			off++
		}
	} else if leap {
		return 0, false
	}
	return newMoonDay(k+off, tz) + day - 1, true
}

func dateOfJDN(jdn int) time.Time {
	d, m, y := fromJulianDay(jdn)
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, connectors.Zone)
}

func jdnOf(t time.Time) int {
	y, m, d := t.In(connectors.Zone).Date()
	return julianDay(d, int(m), y)
}

// LunarToSolar returns the solar date of a Vietnamese lunar date (computed at UTC+7),
// as a date in connectors.Zone. It returns the zero time when leap is true and month
// is not the leap month of that lunar year.
func LunarToSolar(day, month, year int, leap bool) time.Time {
	jdn, ok := lunarToSolar(day, month, year, leap, vietnamOffset)
	if !ok {
		return time.Time{}
	}
	return dateOfJDN(jdn)
}

// SolarToLunar returns the Vietnamese lunar date (UTC+7) of t's date in connectors.Zone.
func SolarToLunar(t time.Time) (day, month, year int, leap bool) {
	return solarToLunar(jdnOf(t), vietnamOffset)
}

// TetDay returns Tết Nguyên đán, lunar 1/1, of the lunar year that starts in the solar
// year.
func TetDay(year int) time.Time { return LunarToSolar(1, 1, year, false) }

// HungKingsDay returns Giỗ Tổ Hùng Vương, lunar 10/3 (never the leap third month), of
// the lunar year that starts in the solar year.
func HungKingsDay(year int) time.Time { return LunarToSolar(10, 3, year, false) }
