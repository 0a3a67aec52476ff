package parse

import (
	"strings"

	"github.com/opengovcn/annualreport/report"
)

// PDFPlain reads the text plain pdftotext (without -layout) extracts from
// a report's PDF. Its prose is in reading order (paragraphs rebuilt where
// a line runs to the margin, as Glued does for -raw text), but its tables
// are cut up by pdftotext's layout analysis: the row labels of a table
// run down the page in one block, with the numbers of the columns next
// to them row by row, and the numbers of the other columns come after, a
// block per column for each band of rows of one height. PDFPlain puts
// them back by the only reading that fits: on each page, the row labels
// that start there are its rows, the numbers among them are the rows'
// first columns, and the blocks after them fill the other columns band
// by band; these counts fix every number's row and column, and a page
// whose numbers do not fit them (a blank cell, which leaves no number in
// this text; a word in a cell; a layout not seen before) is reported, an
// *Error wrapping ErrAmbiguous at its first row label, and its rows are
// not read, never guessed. Table 二 is read by the template whose columns
// explain its header words and numbers (row by row, or, as a 2019 table
// comes out, each column's label followed by its numbers), and table 四 as
// its fifteen numbers in order; a table that does not fit is reported,
// and one with nothing after its heading is reported there (ErrMissing).
// Every cell points at its number in the text.
//
// The text pdftotext -raw extracts, in the PDF's content stream order
// (which is also what selecting all the text in a PDF viewer and copying it
// gives), has each table row on a line, its label and then its numbers,
// with the labels wrapped in their narrow cells onto lines of their own:
// Glued reads it, joining the wrapped labels, also across a page break.
var PDFPlain Parser = pdfPlainParser{}

type pdfPlainParser struct{}

func (pdfPlainParser) Name() string { return "pdfplain" }

func (p pdfPlainParser) Detect(src []byte) int {
	if binary(src) {
		return 0
	}
	return detectPDFPlain(newTextIn(src).lines)
}

func (pdfPlainParser) detectLines(in *textIn) int {
	if in.containsAny("\t|") {
		return 0 // detectPDFPlain's first check, made once
	}
	return detectPDFPlain(in.lines)
}

func (p pdfPlainParser) Parse(src []byte) (*report.Report, error) {
	return p.parseLimits(src, DefaultLimits)
}

func (p pdfPlainParser) parseLimits(src []byte, lim Limits) (*report.Report, error) {
	in, err := textOf(src, lim)
	if err != nil {
		return &report.Report{}, err
	}
	return p.parseText(in, lim)
}

func (pdfPlainParser) parseText(in *textIn, lim Limits) (*report.Report, error) {
	if err := checkText(in.s, lim); err != nil {
		return &report.Report{}, err
	}
	st := newStopper(lim.ctx)
	toks, tables := tokenizePDFPlain(in.lines, st)
	toks = rewrap(toks, reflowing{gap: 2})
	toks, cerr := limitCells(toks, lim)
	r, err := bind(toks, in.raw, st)
	return r, joinErrors(in.raw, tables, cerr, err, st.error())
}

// detectPDFPlain is sure of text in which many lines hold a single number
// and many others a row label of table 三 with no number after it, no line
// holds a tab, and pdftotext's page breaks or page numbers stand.
func detectPDFPlain(lines []string) int {
	numbers, labels, pages := 0, 0, 0
	for _, l := range lines {
		if strings.ContainsAny(l, "\t|") {
			return 0
		}
		t := trimSpace(l)
		switch {
		case t == "":
		case strings.Contains(l, "\f"):
			pages++
		case isPageLine(t):
			pages++
		case len(t) <= 20 && isNumber(t):
			numbers++
		case len(t) <= 150: // a row label, not prose
			if _, ok := lookup(index.reqRows, labelKey(t)); ok {
				labels++
			}
		}
	}
	if pages > 0 && numbers >= 20 && labels >= 8 {
		return 85 // above Cells and Glued, which read the prose only
	}
	return 0
}

// isNumber reports whether a cell's text is a number.
func isNumber(t string) bool {
	_, ok := parseNumber(t)
	return ok
}

// tokenizePDFPlain gives the lines outside the tables, and the cells of
// each table read as plainTable says; a table that cannot be read is
// reported, with the reason, at its first line.
func tokenizePDFPlain(lines []string, st *stopper) ([]Token, Errors) {
	var toks []Token
	var errs Errors
	var table *report.SectionSpec // the table section being gathered
	var head Token                // its heading
	var region []plainLine
	page := 0
	end := func() {
		if table != nil {
			cells, err := plainTable(table, head, region, st)
			toks = append(toks, cells...)
			errs = append(errs, err...)
		}
		table, region = nil, nil
	}
	for i, line := range lines {
		if st.stop(i + 1) {
			break
		}
		n := i + 1
		orig := line // its form feed is a character of the input's line
		if strings.IndexByte(line, '\f') >= 0 {
			page++
			line = strings.ReplaceAll(line, "\f", "")
		}
		if s, ok := heading(line); ok {
			end()
			head = lineToken(n, line)
			toks = append(toks, head)
			if s.Table != nil {
				table = s
			}
			continue
		}
		if table != nil {
			region = append(region, plainLine{n: n, page: page, text: orig})
			continue
		}
		if t := trimSpace(line); t == "" || isPageLine(t) {
			continue
		}
		toks = append(toks, lineToken(n, line))
	}
	end()
	return toks, errs
}
