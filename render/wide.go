package render

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"

	"github.com/opengovcn/annualreport/report"
)

// wideMeta are the columns of the wide table before its cells.
var wideMeta = []string{"file", "agency", "year", "template"}

// wideKeys are the cell keys of the wide table, made once from the
// template data.
var wideKeys, wideIndex = makeWideKeys()

func makeWideKeys() ([]report.Key, map[report.Key]int) {
	var keys []report.Key
	index := map[report.Key]int{}
	for _, table := range []report.SectionKey{report.Active, report.Requests, report.Appeals} {
		for _, t := range report.Templates() { // 2021 first
			for _, rs := range t.Table(table).Rows {
				for _, cs := range rs.Columns {
					k := report.Key{Table: table, Row: rs.Key, Column: cs.Key}
					if _, ok := index[k]; !ok {
						index[k] = len(keys)
						keys = append(keys, k)
					}
				}
			}
		}
	}
	return keys, index
}

// WideKeys returns the cell keys of the wide table's columns, for both
// template versions: table by table (二, 三, 四), the keys of the 2021
// template in its order, then those only the 2019 template has, in its
// order. The order is stable: it changes only with the template data.
func WideKeys() []report.Key { return append([]report.Key(nil), wideKeys...) }

// WideHeader returns the header of the wide table: file, agency, year,
// template, then the dotted path of each key of WideKeys
// (active.regulations.issued, …, requests.denied.state_secret.natural_person, …).
func WideHeader() []string {
	h := append([]string(nil), wideMeta...)
	for _, k := range wideKeys {
		h = append(h, k.String())
	}
	return h
}

// wideRow returns the values of a report's cells in the order of
// wideKeys, and which of them the report holds. It fails on a cell whose
// key neither template has, and on a cell the report holds twice (a row
// repeated) with two different values, which one column cannot hold.
func wideRow(r *report.Report) ([]report.Value, []bool, error) {
	if r == nil {
		return nil, nil, errNilReport
	}
	vals := make([]report.Value, len(wideKeys))
	held := make([]bool, len(wideKeys))
	var err error
	r.Cells(func(k report.Key, c *report.Cell) bool {
		i, ok := wideIndex[k]
		switch {
		case !ok:
			err = fmt.Errorf("render: the wide table has no column for %s, which neither template has", k)
		case held[i] && !sameValue(vals[i], c.Value):
			err = fmt.Errorf("render: the wide table has one column for %s, which the report holds twice, as %q and %q", k, vals[i].String(), c.Value.String())
		case held[i]:
			return true // a row repeated as it was
		default:
			vals[i], held[i] = c.Value, true
			return true
		}
		return false
	})
	return vals, held, err
}

func sameValue(a, b report.Value) bool {
	return a.Kind == b.Kind && a.Num.Equal(b.Num) && a.Text == b.Text
}

// wideMetaOf returns the values of the wide table's first columns.
func wideMetaOf(file string, r *report.Report) []string {
	year := ""
	if r.Year != 0 {
		year = strconv.Itoa(r.Year)
	}
	return []string{file, r.Agency, year, string(r.Template)}
}

// Wide writes reports as a wide table in CSV, a data set for researchers:
// a header (WideHeader), then one line per report: the file it was read
// from, the agency, the year (empty when unknown), the template version,
// then a column per cell key of both template versions (WideKeys), holding
// the value as published (the digits of a number, the text of a text
// cell), empty when the cell is blank or the report lacks it. A 2021
// report leaves the 2019 template's columns empty, and the other way round.
//
// The long form (CSV) tells a blank cell from a missing one, keeps a row a
// report repeats and each cell's source; the wide table is for analysis. A
// row repeated with the same values fills its columns once. What the wide
// table cannot hold is an error: a cell key neither template has, a row
// repeated with different values.
//
// As with CSV, the zero Wide writes plain UTF-8 with LF line ends; set BOM
// and CRLF for Excel.
type Wide struct {
	BOM      bool // start with a UTF-8 byte order mark
	CRLF     bool // end lines with \r\n (a value holding \r is then an error)
	NoHeader bool // leave the header out
}

// Render writes r as a wide table of one line, its file column empty.
func (w Wide) Render(out io.Writer, r *report.Report) error {
	ww := w.NewWriter(out)
	if err := ww.Write("", r); err != nil {
		return err
	}
	return ww.Flush()
}

// NewWriter returns a WideWriter writing to out, a line per report.
func (w Wide) NewWriter(out io.Writer) *WideWriter {
	cw := csv.NewWriter(out)
	cw.UseCRLF = w.CRLF
	return &WideWriter{opt: w, out: out, cw: cw}
}

// WideWriter writes the lines of a wide table one report at a time, so
// that a data set of many reports is written as they are read. Its header
// (and byte order mark) is written before the first line, or by Flush
// when there is none.
type WideWriter struct {
	opt     Wide
	out     io.Writer
	cw      *csv.Writer
	started bool
}

func (ww *WideWriter) start() error {
	if ww.started {
		return nil
	}
	ww.started = true
	if ww.opt.BOM {
		if _, err := io.WriteString(ww.out, "\ufeff"); err != nil {
			return err
		}
	}
	if !ww.opt.NoHeader {
		return ww.cw.Write(WideHeader())
	}
	return nil
}

// Write writes the line of r, read from file. On an error (see Wide)
// nothing of r is written, and later reports may still be.
func (ww *WideWriter) Write(file string, r *report.Report) error {
	vals, _, err := wideRow(r)
	if err != nil {
		return err
	}
	line := wideMetaOf(file, r)
	for _, v := range vals {
		line = append(line, v.String())
	}
	if ww.opt.CRLF {
		if err := noCR(line); err != nil {
			return err
		}
	}
	if err := ww.start(); err != nil {
		return err
	}
	return ww.cw.Write(line)
}

// Flush writes what is buffered (the header at least) and returns the
// first error met in writing.
func (ww *WideWriter) Flush() error {
	if err := ww.start(); err != nil {
		return err
	}
	ww.cw.Flush()
	return ww.cw.Error()
}
