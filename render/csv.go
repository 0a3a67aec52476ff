package render

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/opengovcn/annualreport/report"
)

// CSVHeader is the header line CSV writes: the names of its columns.
var CSVHeader = []string{
	"agency", "year", "template", "table", "row", "column",
	"row_label", "column_label", "value", "kind", "raw",
}

// CSV writes the cells of a report in long form for analysts: a header
// (CSVHeader), then one line per cell of the tables, in published order:
// the agency, the year, the template version, the table, row and column
// keys of the template spec, the official row label with the labels of its
// merged cells (三、本年度办理结果 / （三）不予公开 / 1.属于国家秘密), the
// official column label likewise (法人或其他组织 / 商业企业), the value as
// published (digits of a number, text, or empty when blank), its kind
// (blank, number or text), and the cell's raw text in the source, empty for
// a report built in code.
//
// A year of 0 (unknown) is written empty. Only the cells the report holds
// are written: a cell the report lacks has no line.
//
// The zero CSV writes plain UTF-8 with LF line ends, as encoding/csv does,
// for programs. Excel reads a CSV as UTF-8 only after a byte order mark,
// and writes CRLF: ExcelCSV sets both, and the file column.
type CSV struct {
	// BOM starts the output with a UTF-8 byte order mark, so that Excel
	// reads it as UTF-8 (else, on a Chinese Windows, as GBK). Leave it off
	// when appending to a file that has one (as with NoHeader).
	BOM bool
	// CRLF ends lines with \r\n instead of \n, and line breaks within a
	// field too (encoding/csv's UseCRLF). A value holding a carriage return
	// is then an error: the writer would drop it.
	CRLF bool
	// NoHeader leaves the header line out, to append the cells of several
	// reports to one file.
	NoHeader bool
	// File, when not empty, is written in a first column, "file", on every
	// line (the header is then "file" and CSVHeader): the name of the file
	// the report was read from, so that the lines of many reports in one
	// file can be told apart. Name standard input "-".
	File string
}

// ExcelCSV returns the CSV for Excel of the report read from file: with a
// byte order mark, CRLF line ends and the file column.
func ExcelCSV(file string) CSV { return CSV{BOM: true, CRLF: true, File: file} }

// Render writes the cells of r as CSV. It fails on a row or column key
// that neither template version knows, since it could not be labelled.
func (c CSV) Render(w io.Writer, r *report.Report) error {
	if r == nil {
		return errNilReport
	}
	l := newLookup(r)
	var lines [][]string
	year := ""
	if r.Year != 0 {
		year = strconv.Itoa(r.Year)
	}
	var err error
	r.Cells(func(k report.Key, cell *report.Cell) bool {
		var rs *report.RowSpec
		var cs *report.ColumnSpec
		if rs, err = l.row(k.Table, k.Row); err != nil {
			return false
		}
		if cs, err = l.column(k.Table, k.Row, k.Column); err != nil {
			return false
		}
		line := make([]string, 0, 1+len(CSVHeader))
		if c.File != "" {
			line = append(line, c.File)
		}
		line = append(line,
			r.Agency, year, string(r.Template), string(k.Table), k.Row, k.Column,
			rowLabel(rs), columnLabel(cs), cell.Value.String(), cell.Kind.String(), cell.Src.Text,
		)
		if c.CRLF {
			if err = noCR(line); err != nil {
				return false
			}
		}
		lines = append(lines, line)
		return true
	})
	if err != nil {
		return err
	}
	if c.BOM {
		if _, err := io.WriteString(w, "\ufeff"); err != nil {
			return err
		}
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = c.CRLF
	if !c.NoHeader {
		header := CSVHeader
		if c.File != "" {
			header = append([]string{"file"}, CSVHeader...)
		}
		if err := cw.Write(header); err != nil {
			return err
		}
	}
	if err := cw.WriteAll(lines); err != nil {
		return err
	}
	return cw.Error()
}

// noCR fails on a field holding a carriage return, which encoding/csv's
// writer drops when it writes CRLF line ends.
func noCR(fields []string) error {
	for _, f := range fields {
		if strings.Contains(f, "\r") {
			return fmt.Errorf("render: CSV with CRLF line ends cannot hold the carriage return in %q", f)
		}
	}
	return nil
}
