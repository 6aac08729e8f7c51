package tracking

import (
	"cddh-sync/connectors"
	"cddh-sync/rules/extract"
	"cddh-sync/sync/store"
)

// Extraction is what the rules made of a directive's text.
type Extraction struct {
	Tasks []store.TaskRow // Key is left empty: the engine assigns stable keys
	// Secrecy is the secrecy marking found in the text itself ("" when none); a
	// document marked secret only inside its text is skipped like any secret one.
	Secrecy string
}

// Extract turns a directive's text into the task rows to track, through
// rules/extract, with the portal's metadata winning over what the text says (its
// issue time above all), and the profile's untimed-task policy applied.
func (r *Rules) Extract(doc connectors.Document, text string) (Extraction, error) {
	issued := doc.IssuedAt
	if issued.IsZero() {
		issued = doc.DocDate
	}
	res, err := extract.Extract(text, extract.Options{Issued: issued, Profile: r.Profile.Name, Units: r.Units,
		Calendar: r.Calendar, CutoffHour: r.Profile.CutoffHour, Directive: true})
	if err != nil {
		return Extraction{}, err
	}
	out := Extraction{Secrecy: res.Document.Secrecy}
	if res.Skipped != "" {
		if out.Secrecy == "" {
			out.Secrecy = connectors.SecrecyConfident
		}
		return out, nil
	}
	for _, t := range res.Tasks {
		row, err := taskRow(t)
		if err != nil {
			return Extraction{}, err
		}
		if r.Tracks(row) {
			out.Tasks = append(out.Tasks, row)
		}
	}
	return out, nil
}

func taskRow(t extract.Task) (store.TaskRow, error) {
	// The extracted content is the directive's own sentence(s): kept as Sentence,
	// it locates the task in the text even after a reviewer rewrites the content.
	row := store.TaskRow{Content: t.Content, Sentence: t.Content, MustReport: t.MustReport, Flags: t.Flags, Confidence: t.Confidence}
	if t.Lead.Name != "" || t.Lead.Code != "" {
		row.Lead = []store.UnitRef{{Code: t.Lead.Code, Name: t.Lead.Name}}
	}
	for _, u := range t.Coordinates {
		row.Coordinating = append(row.Coordinating, store.UnitRef{Code: u.Code, Name: u.Name})
	}
	if d := t.Deadline; d != nil {
		nom, eff := d.Nominal, d.Effective
		row.Nominal, row.Effective = &nom, &eff
		row.DeadlineTime, row.DeadlineText, row.Recurrence = d.Time, d.Text, d.Recurrence
		due, err := DueAt(eff, d.Time)
		if err != nil {
			return row, err
		}
		row.DueAt = &due
	}
	return row, nil
}
