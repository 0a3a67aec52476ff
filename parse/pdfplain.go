package parse

import (
	"strings"

	"github.com/opengovcn/annualreport/report"
)

// PDFPlain recognises the text plain pdftotext (without -layout) extracts
// from a report's PDF. Its prose is in reading order, but its tables are
// cut up by pdftotext's layout analysis: the row labels of a table in one
// run of lines, and the numbers in others, a few columns of a few rows at
// a time, column by column, with blank cells gone. Which number belongs in
// which row and column cannot be told from such text, and PDFPlain does
// not guess: it reads the title, the sections and their prose, and reports
// each table (an *Error wrapping ErrAmbiguous at the table's first line)
// with the advice to extract the text again with pdftotext -layout, which
// PDFText reads. It reads no cell.
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
	toks, tables := tokenizePDFPlain(in.lines)
	toks = rewrap(toks)
	toks, cerr := limitCells(toks, lim)
	r, err := Bind(toks, in.raw)
	return r, joinErrors(in.raw, tables, cerr, err)
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
func tokenizePDFPlain(lines []string) ([]Token, Errors) {
	var toks []Token
	var errs Errors
	var table *report.SectionSpec // the table section being gathered
	var region []plainLine
	page := 0
	end := func() {
		if table != nil {
			cells, err := plainTable(table, region)
			toks = append(toks, cells...)
			errs = append(errs, err...)
		}
		table, region = nil, nil
	}
	for i, line := range lines {
		n := i + 1
		orig := line // its form feed is a character of the input's line
		if strings.IndexByte(line, '\f') >= 0 {
			page++
			line = strings.ReplaceAll(line, "\f", "")
		}
		if s, ok := heading(line); ok {
			end()
			toks = append(toks, lineToken(n, line))
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
