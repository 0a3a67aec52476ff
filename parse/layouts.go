package parse

import (
	"strings"
	"unicode/utf8"

	"github.com/opengovcn/annualreport/report"
)

// The parsers of the text layouts: a tokenizer each, bound by Bind.
var (
	// Cells reads the layout of text copied from Word: one cell per line,
	// each cell's line indented by a tab, table rows separated by blank
	// lines; a cell broken over lines continues on lines without the tab.
	Cells Parser = layout{name: "cells", detect: detectCells, tokenize: tokenizeCells}
	// TSV reads tables written one row per line with cells separated by
	// tabs.
	TSV Parser = layout{name: "tsv", detect: detectTSV, tokenize: tokenizeTSV}
	// Pipes reads text copied from web pages where each cell ends in " |"
	// and extra pipes ("0 | ||") pad the end of a row. A pipe after an odd
	// number of backslashes ("\|", as render.Pipes writes a pipe of the
	// text) belongs to the text, and a line whose pipes all do is prose.
	Pipes Parser = layout{name: "pipes", detect: detectPipes, tokenize: tokenizePipes}
)

type layout struct {
	name     string
	detect   func(in *textIn) int
	tokenize func(lines []string, st *stopper) []Token
}

func (l layout) Name() string { return l.name }

// Detect is 0 for binary input, and otherwise what the layout's detect
// makes of the lines.
func (l layout) Detect(src []byte) int {
	if binary(src) {
		return 0
	}
	return l.detect(newTextIn(src))
}

func (l layout) detectLines(in *textIn) int { return l.detect(in) }

func (l layout) Parse(src []byte) (*report.Report, error) { return l.parseLimits(src, DefaultLimits) }

func (l layout) parseLimits(src []byte, lim Limits) (*report.Report, error) {
	in, err := textOf(src, lim)
	if err != nil {
		return &report.Report{}, err
	}
	return l.parseText(in, lim)
}

func (l layout) parseText(in *textIn, lim Limits) (*report.Report, error) {
	if err := checkText(in.s, lim); err != nil {
		return &report.Report{}, err
	}
	st := newStopper(lim.ctx)
	toks, cerr := limitCells(l.tokenize(in.lines, st), lim)
	r, err := bind(toks, in.raw, st)
	if cerr != nil || st.stopped() {
		err = joinErrors(in.raw, err, cerr, st.error())
	}
	return r, err
}

func invalidUTF8(src []byte) (line, col int) {
	line, col = 1, 1
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size <= 1 {
			return line, col
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		i += size
	}
	return line, col
}

// colOf returns the 1-based column, in characters, of byte offset i of line.
func colOf(line string, i int) int { return utf8.RuneCountInString(line[:i]) + 1 }

// runeCounter counts the characters of s before a byte offset, going on
// from the offset it was last asked about: asked about offsets in
// increasing order, it reads s once, where colOf would read it from the
// start for each.
type runeCounter struct {
	s    string
	i, n int // n characters before byte offset i
}

// at returns the number of characters of s before byte offset i.
func (c *runeCounter) at(i int) int {
	if i < c.i {
		c.i, c.n = 0, 0
	}
	c.n += utf8.RuneCountInString(c.s[c.i:i])
	c.i = i
	return c.n
}

// fieldCol returns the column of a field's first non-blank character,
// the field starting at column col: for a tokenizer that counts the
// columns of a line's fields as it goes rather than from the line's start
// for each.
func fieldCol(field string, col int) int {
	lead := indent(field, " \u3000\u00a0")
	if lead == len(field) {
		lead = 0
	}
	return col + utf8.RuneCountInString(field[:lead])
}

// appendField appends the cell token of field, which starts at column
// col of line n, to toks (see appendToken).
func appendField(toks []Token, n int, field string, col int) []Token {
	return appendToken(toks, CellToken, field, n, fieldCol(field, col))
}

// appendLine appends lineToken(n, line) to toks (see appendToken).
func appendLine(toks []Token, n int, line string) []Token {
	return appendToken(toks, LineToken, line, n, lineCol(line))
}

// lineCol returns the column of a line's first non-blank character.
func lineCol(line string) int { return colOf(line, indent(line, " \t\u3000\u00a0")) }

// indent returns the width in bytes of the blanks s starts with.
func indent(s, blanks string) int {
	i := 0
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if strings.IndexByte(blanks, c) < 0 {
				break
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if !strings.ContainsRune(blanks, r) {
			break
		}
		i += n
	}
	return i
}

func lineToken(n int, line string) Token {
	return Token{Kind: LineToken, Text: line, Line: n, Col: lineCol(line)}
}

func isBlank(s string) bool { return trimSpace(s) == "" }

// isContinuation reports whether a line without a tab, inside a table,
// continues the cell before it (the second half of a label broken over
// lines, or a number on a line of its own after an empty line of the cell)
// rather than being prose. A note such as 单位：件 after a number is prose.
//
// cell is the cell's text when it is no longer than maxValue bytes; a
// longer one, which is no value, may be given cut at maxValue+1 bytes.
func isContinuation(cell, line string) bool {
	s := trimSpace(line)
	if _, ok := heading(s); ok {
		return false
	}
	if utf8.RuneCountInString(s) > 24 || strings.HasSuffix(s, "。") {
		return false
	}
	if len(cell) <= maxValue && !isBlank(cell) && looksLikeValue(cell) && !looksLikeValue(s) {
		return false
	}
	return true
}

// maxValue is the most bytes a cell that reads as a value may have, as
// tokenizers that join a cell's lines see it: a number, a word for
// nothing, a number with its unit are a few dozen.
const maxValue = 256

// cellLines joins the lines of a cell broken over lines once the cell
// ends, rather than growing its text line by line: a cell of many
// thousand lines is joined in linear time.
type cellLines struct {
	parts []string
	n     int // their length in bytes
}

// add appends a line to the cell, its first line or a continuation.
func (c *cellLines) add(s string) {
	c.parts = append(c.parts, s)
	c.n += len(s)
}

// head returns the cell's text when it is no longer than maxValue bytes,
// and otherwise its first maxValue+1 bytes or more: what isContinuation
// reads of it.
func (c *cellLines) head() string {
	if len(c.parts) == 1 || c.n > maxValue && len(c.parts[0]) > maxValue {
		return c.parts[0]
	}
	if c.n > maxValue {
		var b strings.Builder
		for _, p := range c.parts {
			if b.Len() > maxValue {
				break
			}
			b.WriteString(p)
		}
		return b.String()
	}
	return strings.Join(c.parts, "")
}

// text returns the cell's text, and empties c.
func (c *cellLines) text() string {
	s := strings.Join(c.parts, "")
	c.parts, c.n = c.parts[:0], 0
	return s
}

func tokenizeCells(lines []string, st *stopper) []Token {
	toks := make([]Token, 0, len(lines))
	inTable := false
	lastCell := -1
	var cell cellLines // the lines of toks[lastCell] while it has more than one
	endCell := func() {
		if len(cell.parts) > 1 {
			toks[lastCell].Text = cell.text()
		}
		cell.parts, cell.n = cell.parts[:0], 0
	}
	for i, line := range lines {
		if st.stop(i + 1) {
			break
		}
		n := i + 1
		switch {
		case strings.HasPrefix(line, "\t"):
			endCell()
			toks = appendField(toks, n, line[1:], colOf(line, 1))
			lastCell = len(toks) - 1
			cell.add(toks[lastCell].Text)
			inTable = true
		case isBlank(line):
			if inTable && len(toks) > 0 && toks[len(toks)-1].Kind == CellToken {
				toks = appendToken(toks, RowEndToken, "", n, 1)
			}
		case inTable && lastCell >= 0 && isContinuation(cell.head(), line):
			// A blank line inside a cell ("总\n\n计") is no row end.
			if toks[len(toks)-1].Kind == RowEndToken && len(toks)-2 == lastCell {
				toks = toks[:len(toks)-1]
			}
			c := &toks[lastCell]
			if len(cell.parts) == 1 && isBlank(cell.parts[0]) { // the cell's text starts here ("\t\n0")
				lead := indent(line, " \u3000\u00a0")
				c.Line, c.Col = n, colOf(line, lead)
			}
			cell.add("\n")
			cell.add(line)
		default:
			if _, ok := heading(line); ok {
				endCell()
				inTable = false
				lastCell = -1
			}
			toks = appendLine(toks, n, line)
		}
	}
	endCell()
	return toks
}

func tokenizeTSV(lines []string, st *stopper) []Token {
	n := 0 // the most tokens the lines give
	for _, l := range lines {
		if tabs := strings.Count(l, "\t"); tabs > 0 {
			n += tabs + 2 // the cells, and the row's end
		} else {
			n++ // a line
		}
	}
	toks := make([]Token, 0, n)
	for i, line := range lines {
		if st.stop(i + 1) {
			break
		}
		n := i + 1
		if !strings.Contains(line, "\t") {
			if !isBlank(line) {
				toks = appendLine(toks, n, line)
			}
			continue
		}
		start, col := 0, 1 // the field's first byte and column
		for start <= len(line) {
			j := strings.IndexByte(line[start:], '\t')
			if j < 0 {
				j = len(line)
			} else {
				j += start
			}
			toks = appendField(toks, n, line[start:j], col)
			start, col = j+1, col+utf8.RuneCountInString(line[start:j])+1
		}
		// col is one past the column after the line's end.
		toks = appendToken(toks, RowEndToken, "", n, col-1)
	}
	return toks
}

func tokenizePipes(lines []string, st *stopper) []Token {
	n := 0 // the most tokens the lines give: sized so, not twice over
	for _, l := range lines {
		bars := strings.Count(l, "|")
		if bars == 0 {
			n++ // a line
			continue
		}
		n += bars // a cell before each pipe
		if !isBlank(l[strings.LastIndexByte(l, '|')+1:]) {
			n++ // and one after the last
		}
		if bars > 1 {
			n++ // the row's end
		}
	}
	toks := make([]Token, 0, n)
	for i, line := range lines {
		if st.stop(i + 1) {
			break
		}
		n := i + 1
		bar := strings.IndexByte(line, '|')
		if bar < 0 {
			if !isBlank(line) {
				toks = appendLine(toks, n, line)
			}
			continue
		}
		if strings.Contains(line, `\|`) {
			toks = appendEscaped(toks, n, line)
			continue
		}
		// Fields between pipes; the part after the last pipe is empty.
		first := len(toks)
		start, col := 0, 1 // the field's first byte and column
		fields := 0        // the pipes and one
		for start <= len(line) {
			fields++
			j := start + bar
			if bar < 0 {
				j = len(line)
			}
			if j < len(line) || !isBlank(line[start:]) {
				toks = appendField(toks, n, line[start:j], col)
			}
			start, col = j+1, col+utf8.RuneCountInString(line[start:j])+1
			if start <= len(line) {
				bar = strings.IndexByte(line[start:], '|')
			}
		}
		// "X | |||": one cell, the rest is padding that ends the row.
		last := len(toks) - 1
		for last > first && isBlank(toks[last].Text) {
			last--
		}
		toks = toks[:last+1]
		if fields > 2 { // more than one pipe
			// col is one past the column after the line's end.
			toks = appendToken(toks, RowEndToken, "", n, col-1)
		}
	}
	return toks
}

// appendEscaped appends the tokens of a pipes line in which a pipe is
// escaped: a pipe after an odd number of backslashes belongs to the text
// (render.Pipes writes prose and cells holding " | ", such as a web page's
// navigation links, so), and a run of backslashes before a pipe stands for
// half as many. A line whose pipes are all escaped is a line of prose;
// otherwise its fields are cells, as tokenizePipes reads them. Tokens hold
// the text unescaped, at the column of its first character.
func appendEscaped(toks []Token, n int, line string) []Token {
	type field struct {
		text string
		col  int
	}
	var fields []field
	var b strings.Builder
	start, col := 0, 1 // the field's first byte and column
	for i := 0; i < len(line); {
		if line[i] != '\\' && line[i] != '|' {
			_, size := utf8.DecodeRuneInString(line[i:])
			b.WriteString(line[i : i+size])
			i += size
			continue
		}
		k := 0
		for i+k < len(line) && line[i+k] == '\\' {
			k++
		}
		if i+k == len(line) || line[i+k] != '|' {
			b.WriteString(line[i : i+k]) // backslashes before no pipe
			i += k
			continue
		}
		b.WriteString(strings.Repeat(`\`, k/2))
		i += k + 1
		if k%2 == 1 {
			b.WriteByte('|')
			continue
		}
		fields = append(fields, field{b.String(), col})
		b.Reset()
		col += utf8.RuneCountInString(line[start:i])
		start = i
	}
	rest := b.String()
	if len(fields) == 0 {
		if isBlank(rest) {
			return toks
		}
		return appendToken(toks, LineToken, rest, n, lineCol(line))
	}
	first := len(toks)
	for _, f := range fields {
		toks = appendField(toks, n, f.text, f.col)
	}
	if !isBlank(rest) {
		toks = appendField(toks, n, rest, col)
	}
	last := len(toks) - 1
	for last > first && isBlank(toks[last].Text) {
		last--
	}
	toks = toks[:last+1]
	if len(fields) > 1 {
		toks = appendToken(toks, RowEndToken, "", n, utf8.RuneCountInString(line)+1)
	}
	return toks
}

// Detection: count the lines of each layout's shape.
type shape struct{ cell, tsv, pipe, text int }

func shapes(lines []string) shape {
	var s shape
	for _, l := range lines {
		tab := strings.IndexByte(l, '\t')
		switch {
		case tab == 0 && strings.IndexByte(l[1:], '\t') < 0:
			s.cell++
		case tab == 0 || tab > 0 && !isBlank(l):
			s.tsv++
		case isBlank(l):
		case strings.HasSuffix(strings.TrimRight(l, " "), "|"):
			s.pipe++
		default:
			s.text++
		}
	}
	return s
}

func score(n, others int) int {
	if n == 0 {
		return 0
	}
	return 10 + 85*n/(n+others)
}

func detectCells(in *textIn) int {
	s := in.shapes()
	if s.cell == 0 && s.tsv == 0 && s.pipe == 0 {
		if hasHeading(in.lines) {
			return 5 // prose only: this layout reads it as well as any
		}
		return 0
	}
	return score(s.cell, s.tsv+s.pipe)
}

func detectTSV(in *textIn) int {
	s := in.shapes()
	return score(s.tsv, s.cell+s.pipe)
}

func detectPipes(in *textIn) int {
	s := in.shapes()
	return score(s.pipe, s.cell+s.tsv)
}

func hasHeading(lines []string) bool {
	for _, l := range lines {
		if _, ok := heading(l); ok {
			return true
		}
	}
	return false
}
