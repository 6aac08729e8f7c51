package deadline_test

import (
	"fmt"
	"time"

	"cddh-sync/connectors"
	"cddh-sync/rules/calendar"
	"cddh-sync/rules/deadline"
)

func ExampleFind() {
	ctx := deadline.Context{
		Issued: time.Date(2026, 3, 10, 9, 0, 0, 0, connectors.Zone),
		Cal:    calendar.Default(),
	}
	text := "Giao Sở Xây dựng rà soát, báo cáo UBND tỉnh trước 16 giờ ngày 21/3/2026; " +
		"định kỳ hằng tháng báo cáo trước ngày 25."
	for _, d := range deadline.Find(text, ctx) {
		fmt.Printf("%s | nominal %s effective %s time %q recurrence %q\n",
			d.Text, d.Nominal.Format("2006-01-02"), d.Effective.Format("2006-01-02"), d.Time, d.Recurrence)
	}
	// Output:
	// trước 16 giờ ngày 21/3/2026 | nominal 2026-03-21 effective 2026-03-23 time "16:00" recurrence ""
	// định kỳ hằng tháng … trước ngày 25 | nominal 2026-03-25 effective 2026-03-25 time "" recurrence "monthly"
}
