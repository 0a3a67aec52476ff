// Package render writes a report.Report (a 政府信息公开工作年度报告) back
// out: as the canonical JSON of the template spec (JSON); as the standard
// template in the text layouts of published reports (Text, one cell a line;
// TSV; Pipes); in the official form as HTML, as a Word document (DOCX) and
// as Markdown; and as CSV in long form, a line per cell, for analysts.
// For Excel and data sets: ExcelCSV (a byte order mark, CRLF, a file
// column), the wide table (Wide, WideXLSX: a row per report, a column per
// cell key of both templates, WideKeys) and XLSX, a workbook of the three
// tables in the official form.
//
// A Renderer is anything with a Render method; the zero value of each
// renderer of this package is ready to use. What a renderer writes, the
// matching parser of package parse reads back to the same report (sources
// aside): parse.JSON for JSON, parse.Cells for Text, parse.TSV for TSV,
// parse.Pipes for Pipes, parse.DOCX for DOCX. The canonical JSON never
// holds a key twice in an object, so that every JSON reader keeps every
// cell: what a report repeats is written as "KEY#2", "KEY#3"… (see JSON).
//
// Renderers write what the report holds: a blank cell stays blank, a wrong
// total stays wrong, a report's deviations from its template (a missing row,
// a row of the other version) are written as they are. Labels and headings
// are written in their official spelling, from the template data of package
// report. What the form has no place for (a row or column key neither
// template knows, a group of 表四 twice, text a layout's separators cannot
// hold) is an error, never dropped; a writer that fails writes nothing.
//
// Where a layout has no way of its own to say a thing, the writers of the
// text layouts, HTML, Markdown and DOCX add a mark the parsers read back:
// report.AbsentMark in a cell the report does not hold (a blank cell is
// written blank), report.TrailerMark before the trailer, a first line of
// report.MetaMark where the title would not give the metadata back; Pipes
// escapes a "|" of the text as "\|". Text that would read back as a mark
// (a cell of ∅, a line of prose that is the trailer's mark) is an error of
// these writers; JSON holds it.
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
