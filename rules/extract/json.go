package extract

import (
	"encoding/json"
	"time"

	"cddh-sync/connectors"
)

type jsonDoc struct {
	Type     string  `json:"type"`
	Number   string  `json:"number"`
	Notation string  `json:"notation"`
	Issued   *string `json:"issued"`
	Secrecy  string  `json:"secrecy"`
	Urgency  string  `json:"urgency"`
}

type jsonDeadline struct {
	Nominal    string  `json:"nominal"`
	Effective  string  `json:"effective"`
	Time       *string `json:"time"`
	Text       string  `json:"text"`
	Recurrence *string `json:"recurrence"`
}

type jsonTask struct {
	Content     string        `json:"content"`
	Lead        UnitRef       `json:"lead_unit"`
	LeadUnits   []UnitRef     `json:"lead_units"`
	Coordinates []UnitRef     `json:"coordinating_units"`
	Deadline    *jsonDeadline `json:"deadline"`
	MustReport  bool          `json:"must_report"`
	Flags       []string      `json:"flags"`
	Confidence  float64       `json:"confidence"`
}

type jsonResult struct {
	Document jsonDoc    `json:"document"`
	Tasks    []jsonTask `json:"tasks"`
	Skipped  string     `json:"skipped,omitempty"`
}

func strp(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// MarshalJSON writes the result in cli.md's `extract --format json` shape.
func (r Result) MarshalJSON() ([]byte, error) {
	d := r.Document
	out := jsonResult{Document: jsonDoc{Type: d.Type, Number: d.Number, Notation: d.Notation,
		Secrecy: d.Secrecy, Urgency: d.Urgency}, Tasks: []jsonTask{}, Skipped: r.Skipped}
	if !d.Issued.IsZero() {
		s := d.Issued.In(connectors.Zone).Format(time.RFC3339)
		out.Document.Issued = &s
	}
	for _, t := range r.Tasks {
		jt := jsonTask{Content: t.Content, Lead: t.Lead, LeadUnits: t.LeadUnits, Coordinates: t.Coordinates, MustReport: t.MustReport, Flags: t.Flags, Confidence: t.Confidence}
		if jt.LeadUnits == nil {
			jt.LeadUnits = []UnitRef{}
		}
		if jt.Coordinates == nil {
			jt.Coordinates = []UnitRef{}
		}
		if jt.Flags == nil {
			jt.Flags = []string{}
		}
		if dl := t.Deadline; dl != nil {
			jt.Deadline = &jsonDeadline{Nominal: dl.Nominal.Format(time.DateOnly), Effective: dl.Effective.Format(time.DateOnly),
				Time: strp(dl.Time), Text: dl.Text, Recurrence: strp(dl.Recurrence)}
		}
		out.Tasks = append(out.Tasks, jt)
	}
	return json.Marshal(out)
}
