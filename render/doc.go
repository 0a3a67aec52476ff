// Package render writes a report.Report (a 政府信息公开工作年度报告) back
// out: as the canonical JSON of the template spec (JSON), and as the
// standard template (格式模板) in text (Text).
//
// A Renderer is anything with a Render method; the zero value of each
// renderer of this package is ready to use. What a renderer writes, the
// matching parser of package parse reads back to the same report (sources
// aside): parse.JSON for JSON, parse.Cells for Text.
//
// Renderers write what the report holds: a blank cell stays blank, a wrong
// total stays wrong, a report's deviations from its template (a missing row,
// a row of the other version) are written as they are. Labels and headings
// are written in their official spelling.
package render

import (
	"errors"
	"io"

	"github.com/opengovcn/annualreport/report"
)

// Renderer writes a report in one format.
type Renderer interface {
	Render(w io.Writer, r *report.Report) error
}

var errNilReport = errors.New("render: nil report")
