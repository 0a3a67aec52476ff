package parse

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/opengovcn/annualreport/parse/internal/xmltok"
	"github.com/opengovcn/annualreport/report"
)

// DOCX reads Word documents (.docx, Office Open XML), as Word, WPS and
// LibreOffice write them: the paragraphs of word/document.xml are the
// lines, the cells of its tables (w:tbl) the table cells, bound by Bind
// like any text layout.
//
// A DOCX has no lines, so positions follow one convention: Line is the
// 1-based number of the paragraph (w:p) in document order, counting the
// paragraphs inside table cells, and Col the 1-based character in that
// paragraph. A line break inside a paragraph (w:br) counts as one
// character. Errors about a table cell also name the cell in the DOCX
// grid (table, row and column, 1-based; a merged cell by its first
// column), and ErrorWithContext quotes the paragraph.
//
// Text is read as Word shows it: runs split mid-word join up again,
// w:tab is a tab, w:br a line break, the text inside w:smartTag,
// w:hyperlink, w:sdt, w:ins and field results is kept; field codes
// (w:instrText), deleted text (w:del, w:delText) and the fallback copy of
// alternate content are skipped. A cell merged across columns (w:gridSpan)
// is one cell; the cells that continue a merge down a column (w:vMerge
// without "restart") are left out, as text copied from Word leaves them.
//
// Archives are checked before they are read, within Limits: a zip with
// more entries than Limits.Entries, or a word/document.xml that unpacks to
// more than Limits.Uncompressed bytes (counted as it is unpacked, whatever
// the zip's headers say), is refused with ErrLimit rather than unpacked.
// Errors about the archive itself are at 1:1. document.xml is read with a
// tokenizer of this module's (parse/internal/xmltok), several times faster
// than encoding/xml and held to the same reading by tests; a document it
// finds malformed is read up to the fault, which is an ErrSyntax after the
// last paragraph read. The elements whose content is not read (run and
// paragraph properties, deleted text, field codes: a third of a Word
// document), and the attributes the reader has no use for, are passed
// over unchecked (their tags are matched), so a fault inside one goes
// unreported: it changes nothing read.
var DOCX Parser = docxParser{}

type docxParser struct{}

func (docxParser) Name() string { return "docx" }

// zipMagic starts every zip archive with a local file header.
var zipMagic = []byte("PK\x03\x04")

// Detect is 100 for a zip holding word/document.xml and 60 for any other
// zip (no other layout reads one; Parse then says what is wrong with it).
func (docxParser) Detect(src []byte) int {
	if !bytes.HasPrefix(src, zipMagic) {
		return 0
	}
	zr, err := zip.NewReader(bytes.NewReader(src), int64(len(src)))
	if err != nil {
		return 60
	}
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			return 100
		}
	}
	return 60
}

func (p docxParser) Parse(src []byte) (*report.Report, error) {
	return p.parseLimits(src, DefaultLimits)
}

func (p docxParser) parseLimits(src []byte, lim Limits) (*report.Report, error) {
	if err := inputLimit(src, lim); err != nil {
		return &report.Report{}, err
	}
	doc, err := p.document(src, lim)
	if err != nil {
		return &report.Report{}, err
	}
	d := &docxReader{maxDepth: lim.Depth, st: newStopper(lim.ctx)}
	xerr := d.read(doc)
	text := []byte(strings.Join(d.lines, "\n"))
	toks, cerr := limitCells(d.toks, lim)
	r, berr := bind(toks, text, d.st)
	var errs Errors
	switch e := berr.(type) {
	case *Error:
		errs = Errors{e}
	case Errors:
		errs = e
	}
	if cerr != nil {
		errs = append(errs, cerr)
	}
	if xerr == nil && d.st.stopped() { // stopped while binding
		errs = append(errs, d.st.error().(*Error))
	}
	for _, e := range errs {
		if c, ok := d.cellOf(e.Line); ok {
			e.Msg += fmt.Sprintf(" [DOCX table %d, row %d, column %d]", c.table, c.row, c.col)
		}
	}
	var le *Error
	if errors.As(xerr, &le) {
		le.Line = len(d.lines) + 1
		errs = append(errs, le)
	} else if xerr != nil {
		line := len(d.lines) + 1
		errs = append(errs, &Error{Line: line, Col: 1, Err: ErrSyntax,
			Msg: fmt.Sprintf("word/document.xml is broken after paragraph %d: %v; the rest of the document is not read", len(d.lines), xerr)})
	}
	switch len(errs) {
	case 0:
		return r, nil
	case 1:
		return r, errs[0]
	}
	return r, errs
}

// document unpacks word/document.xml, within the limits.
func (p docxParser) document(src []byte, lim Limits) ([]byte, error) {
	fail := func(format string, args ...any) error {
		return &Error{Line: 1, Col: 1, Err: ErrSyntax, Msg: fmt.Sprintf(format, args...)}
	}
	if !bytes.HasPrefix(src, zipMagic) {
		return nil, fail("not a DOCX: the input is not a zip archive")
	}
	zr, err := zip.NewReader(bytes.NewReader(src), int64(len(src)))
	if err != nil {
		return nil, fail("not a readable zip archive (truncated or damaged?): %v", err)
	}
	if len(zr.File) > lim.Entries {
		return nil, limitError(1, 1, "the zip archive has %d entries, more than the limit of %d (Limits.Entries); not unpacked", len(zr.File), lim.Entries)
	}
	var f *zip.File
	for _, e := range zr.File {
		if e.Name == "word/document.xml" {
			f = e
			break
		}
	}
	if f == nil {
		return nil, fail("not a DOCX: the zip archive has no word/document.xml")
	}
	if f.UncompressedSize64 > uint64(lim.Uncompressed) {
		return nil, limitError(1, 1, "word/document.xml unpacks to %d bytes, more than the limit of %d (Limits.Uncompressed); not unpacked", f.UncompressedSize64, lim.Uncompressed)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fail("cannot open word/document.xml: %v", err)
	}
	defer rc.Close()
	// The header's size may lie: never read past the limit. It is taken
	// as a hint for the buffer, up to 16 MiB (a lie costs no more).
	buf := bytes.NewBuffer(make([]byte, 0, min(f.UncompressedSize64, 16<<20)+bytes.MinRead))
	_, err = buf.ReadFrom(io.LimitReader(rc, lim.Uncompressed+1))
	doc := buf.Bytes()
	if int64(len(doc)) > lim.Uncompressed {
		return nil, limitError(1, 1, "word/document.xml unpacks to more than the limit of %d bytes (Limits.Uncompressed); not unpacked past it", lim.Uncompressed)
	}
	if err != nil {
		return nil, fail("cannot unpack word/document.xml: %v", err)
	}
	return doc, nil
}

// The WordprocessingML namespace.
const wNS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

// gridPos is a cell's place in a DOCX table, 1-based.
type gridPos struct{ table, row, col int }

// docxReader turns document.xml into tokens: a LineToken per paragraph
// outside tables (a paragraph with line breaks gives one per line), a
// CellToken per table cell, a RowEndToken per table row.
type docxReader struct {
	lines  []string  // the text of each paragraph, breaks as spaces: the "source" errors quote
	toks   []Token   // the tokens
	cellAt []gridPos // paragraph number → the table cell it is in (table 0: none)

	tables   int // tables seen
	maxDepth int // how deeply elements may nest (Limits.Depth)
	st       *stopper
	// the table being read (the outermost: nested tables are read as the
	// text of the cell they stand in)
	depth   int // table nesting depth
	row     int
	col     int // grid column where the next cell starts
	cell    *cellText
	skipRow bool
}

// cellText gathers the paragraphs of one table cell.
type cellText struct {
	paras []int // paragraph numbers
	texts []string
	col   int  // first grid column
	span  int  // grid columns it spans
	skip  bool // continues a merge
}

// para is a paragraph being read.
type para struct {
	b []byte
}

// cellOf returns the table cell paragraph n is in, if it is in one.
func (d *docxReader) cellOf(n int) (gridPos, bool) {
	if n < 0 || n >= len(d.cellAt) || d.cellAt[n].table == 0 {
		return gridPos{}, false
	}
	return d.cellAt[n], true
}

func (d *docxReader) read(doc []byte) error {
	dec := xmltok.NewDecoder(doc)
	dec.MaxDepth = d.maxDepth
	// The paragraphs being read (a text box nests one in another); their
	// buffers are used again by the paragraphs that follow.
	var stack []para
	for {
		t, err := dec.Token()
		if err == nil && d.st.stop(0) {
			// Stopped: the paragraphs read so far are the document.
			err = d.st.error()
		}
		if errors.Is(err, xmltok.ErrDepth) {
			err = limitError(0, 1, "XML elements nested more than %d deep (Limits.Depth); the rest of the document is not read", d.maxDepth)
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			for range stack {
				d.endPara(&stack[len(stack)-1])
				stack = stack[:len(stack)-1]
			}
			return err
		}
		switch t.Kind {
		case xmltok.StartElement:
			if t.Space == "http://schemas.openxmlformats.org/markup-compatibility/2006" && t.Local == "Fallback" {
				dec.Skip() // an error is Token's again, next
				continue
			}
			if t.Space != wNS {
				continue
			}
			switch t.Local {
			case "del", "delText", "instrText", "moveFrom", "pPr", "rPr", "tblPr", "tblGrid", "trPr", "footnoteReference", "endnoteReference":
				dec.Skip()
			case "tcPr":
				d.cellProps(dec)
			case "p":
				if len(stack) < cap(stack) {
					stack = stack[:len(stack)+1]
					stack[len(stack)-1].b = stack[len(stack)-1].b[:0]
				} else {
					stack = append(stack, para{})
				}
			case "t":
				if len(stack) > 0 {
					p := &stack[len(stack)-1]
					var err error
					if p.b, err = dec.AppendText(p.b); err != nil {
						return err
					}
				}
			case "tab", "ptab":
				if len(stack) > 0 {
					stack[len(stack)-1].b = append(stack[len(stack)-1].b, '\t')
				}
			case "br", "cr":
				if len(stack) > 0 && attr(dec, "type") != "page" && attr(dec, "type") != "column" {
					stack[len(stack)-1].b = append(stack[len(stack)-1].b, '\n')
				}
			case "noBreakHyphen":
				if len(stack) > 0 {
					stack[len(stack)-1].b = append(stack[len(stack)-1].b, '-')
				}
			case "tbl":
				d.depth++
				if d.depth == 1 {
					d.tables++
					d.row = 0
				}
			case "tr":
				if d.depth == 1 {
					d.row++
					d.col = 1
				}
			case "tc":
				if d.depth == 1 {
					d.cell = &cellText{col: d.col, span: 1}
				}
			}
		case xmltok.EndElement:
			if t.Space != wNS {
				continue
			}
			switch t.Local {
			case "p":
				if len(stack) > 0 {
					d.endPara(&stack[len(stack)-1])
					stack = stack[:len(stack)-1]
				}
			case "tc":
				if d.depth == 1 && d.cell != nil {
					d.endCell()
				}
			case "tr":
				if d.depth == 1 {
					d.endRow()
				}
			case "tbl":
				d.depth--
			}
		}
	}
}

// attr returns the value of the attribute named local of the start tag
// dec returned last, or "".
func attr(dec *xmltok.Decoder, local string) string {
	attrs, _ := dec.Attrs() // an error is Token's again, next
	for _, a := range attrs {
		if a.Local == local {
			return a.Value()
		}
	}
	return ""
}

// cellProps reads w:tcPr, whose start tag Token returned last, through its
// end: w:gridSpan widens the cell, w:vMerge without "restart" (and the
// older w:hMerge "continue") continues a merge. Everything else in it
// (widths, borders, shading) is skipped unread. An error is left for
// Token to return again.
func (d *docxReader) cellProps(dec *xmltok.Decoder) {
	if d.depth != 1 || d.cell == nil {
		dec.Skip() // a nested table's cell: read as text
		return
	}
	for {
		t, err := dec.Token()
		if err != nil || t.Kind == xmltok.EndElement {
			return // w:tcPr's end: its children's are read with them
		}
		if t.Kind != xmltok.StartElement {
			continue
		}
		switch t.Local {
		case "gridSpan":
			if n, err := strconv.Atoi(attr(dec, "val")); err == nil && n > 1 && n < 1000 {
				d.cell.span = n
			}
		case "vMerge", "hMerge":
			if v := attr(dec, "val"); v != "restart" {
				d.cell.skip = true
			}
		}
		dec.Skip()
	}
}

// endPara numbers a finished paragraph and makes its tokens, or hands it
// to the cell it is in.
func (d *docxReader) endPara(p *para) {
	text := string(p.b)
	d.lines = append(d.lines, strings.ReplaceAll(text, "\n", " "))
	n := len(d.lines)
	if d.depth > 0 && d.cell != nil {
		d.cell.paras = append(d.cell.paras, n)
		d.cell.texts = append(d.cell.texts, text)
		for len(d.cellAt) <= n {
			d.cellAt = append(d.cellAt, gridPos{})
		}
		d.cellAt[n] = gridPos{d.tables, d.row, d.cell.col}
		return
	}
	col := 1
	for _, l := range strings.Split(text, "\n") {
		if !isBlank(l) {
			lead := indent(l, " \t\u3000\u00a0")
			d.toks = append(d.toks, Token{Kind: LineToken, Text: l, Line: n, Col: col + utf8.RuneCountInString(l[:lead])})
		}
		col += utf8.RuneCountInString(l) + 1
	}
}

// endCell makes a finished cell's token: its paragraphs joined by "\n",
// positioned at its first non-blank character.
func (d *docxReader) endCell() {
	c := d.cell
	d.cell = nil
	d.col += c.span
	if c.skip {
		return
	}
	tok := Token{Kind: CellToken, Text: strings.Join(c.texts, "\n")}
	if len(c.paras) > 0 {
		tok.Line, tok.Col = c.paras[0], 1
	}
	for i, t := range c.texts {
		if !isBlank(t) {
			pos := strings.IndexFunc(t, func(r rune) bool { return !isBlank(string(r)) })
			tok.Line, tok.Col = c.paras[i], utf8.RuneCountInString(t[:pos])+1
			break
		}
	}
	if tok.Line == 0 { // a cell without a paragraph: place it after the last one
		tok.Line, tok.Col = max(1, len(d.lines)), 1
	}
	d.toks = append(d.toks, tok)
}

func (d *docxReader) endRow() {
	line := max(1, len(d.lines))
	d.toks = append(d.toks, Token{Kind: RowEndToken, Line: line, Col: 1})
}
