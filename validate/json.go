package validate

import (
	"encoding/json"

	"github.com/opengovcn/annualreport/report"
)

// jsonFinding is the JSON form of a Finding.
type jsonFinding struct {
	File      string            `json:"file,omitempty"`
	Line      int               `json:"line,omitempty"`
	Col       int               `json:"col,omitempty"`
	Page      int               `json:"page,omitempty"`
	Box       *[4]float64       `json:"box,omitempty"`
	Rule      string            `json:"rule"`
	Severity  Severity          `json:"severity"`
	Message   string            `json:"message"`
	Cells     []string          `json:"cells,omitempty"`
	Section   report.SectionKey `json:"section,omitempty"`
	Unchecked bool              `json:"unchecked,omitempty"`
	Fixes     []jsonFix         `json:"fixes,omitempty"`
	Related   []jsonRelated     `json:"related,omitempty"`
}

type jsonFix struct {
	Cell  string `json:"cell"`
	Value string `json:"value"` // as it would be written in the cell
}

type jsonRelated struct {
	File  string   `json:"file,omitempty"`
	Year  int      `json:"year,omitempty"`
	Line  int      `json:"line,omitempty"`
	Col   int      `json:"col,omitempty"`
	Cells []string `json:"cells,omitempty"`
}

func keyStrings(ks []report.Key) []string {
	var out []string
	for _, k := range ks {
		out = append(out, k.String())
	}
	return out
}

// MarshalJSON writes the finding as one JSON object: file, line, col,
// page and box (for a PDF: the page and [x0, y0, x1, y1] in points from
// its top-left corner), rule, severity, message, cells (dotted keys), section, unchecked, fixes
// ({cell, value}) and related ({file, year, line, col, cells}), leaving
// out what is empty.
func (f Finding) MarshalJSON() ([]byte, error) {
	j := jsonFinding{
		File: f.File, Line: f.Src.Line, Col: f.Src.Col,
		Rule: f.Rule, Severity: f.Severity, Message: f.Message,
		Cells: keyStrings(f.Cells), Section: f.Section, Unchecked: f.Unchecked,
	}
	if f.Src.Page > 0 {
		b := f.Src.Box
		j.Page, j.Box = f.Src.Page, &[4]float64{b.X0, b.Y0, b.X1, b.Y1}
	}
	for _, x := range f.Fixes {
		j.Fixes = append(j.Fixes, jsonFix{Cell: x.Cell.String(), Value: x.Value.String()})
	}
	for _, r := range f.Related {
		j.Related = append(j.Related, jsonRelated{File: r.File, Year: r.Year, Line: r.Src.Line, Col: r.Src.Col, Cells: keyStrings(r.Cells)})
	}
	return json.Marshal(j)
}
