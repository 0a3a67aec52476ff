package parse

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/opengovcn/annualreport/report"
)

// PDFText reads the text of a PDF as `pdftotext -layout` extracts it:
// pages separated by form feeds, table columns aligned with spaces,
// paragraphs wrapped into lines.
//
// Page numbers on lines of their own (-3-, — 3 —, 第3页) are dropped, also
// in the middle of a table, and so are the form feeds. Prose is rebuilt
// into paragraphs: a line that runs to the right margin continues on the
// next one, an indented line starts a paragraph. In the table sections a
// line is cut into cells at runs of spaces, each number a cell of its own;
// a row label wrapped over two lines is joined, and the pieces of a merged
// label spread down a column one or two characters a line are joined when
// together they make a label of the template. Pieces that make no label are
// kept as cells, so that Bind reports them. A row with a blank cell has
// nothing that marks the blank in this layout: its numbers cannot be placed
// in their columns, and Bind reports the row rather than shift them.
//
// Plain pdftotext (without -layout) is not read: it writes a table column
// by column, and which number belongs to which row is lost.
var PDFText Parser = layout{name: "pdftext", detect: detectPDFText, tokenize: tokenizePDFText}

// pageNumber matches a line that holds only a page number.
var pageNumber = regexp.MustCompile(`^[\s\f]*(?:[-—–－‐]+\s*\d{1,4}\s*[-—–－‐]+|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?)\s*$`)

func detectPDFText(lines []string) int {
	feeds, pages, aligned := 0, 0, 0
	for _, l := range lines {
		if strings.Contains(l, "\f") {
			feeds++
		}
		if pageNumber.MatchString(l) {
			pages++
		}
		if !strings.Contains(l, "\t") && strings.Contains(trimSpace(l), "   ") {
			aligned++
		}
	}
	switch {
	case feeds > 0 && aligned > 0:
		return 90
	case pages > 0 && aligned > 0:
		return 70
	}
	return 0
}

// pdfLine is a line of the text with its number and its fields.
type pdfLine struct {
	n    int
	text string
}

// width is the display width of s: CJK characters take two columns in
// pdftotext -layout output.
func width(s string) int {
	w := 0
	for _, r := range s {
		if isWide(r) {
			w += 2
		} else {
			w++
		}
	}
	return w
}

func tokenizePDFText(lines []string) []Token {
	// Clean the pages: no form feeds, no page numbers.
	var ls []pdfLine
	for i, l := range lines {
		// A form feed stays a character, as a space: columns count it.
		l = strings.ReplaceAll(l, "\f", " ")
		if pageNumber.MatchString(l) {
			continue
		}
		ls = append(ls, pdfLine{n: i + 1, text: strings.TrimRight(l, " ")})
	}
	margin := 0
	for _, l := range ls {
		if !strings.Contains(trimSpace(l.text), "  ") {
			margin = max(margin, width(l.text))
		}
	}
	var toks []Token
	inTable := false
	var para *Token // the prose paragraph being rebuilt
	paraEnds := false
	var block []pdfLine
	flushTable := func() {
		toks = append(toks, tableTokens(block)...)
		block = nil
	}
	for _, l := range ls {
		s := trimSpace(l.text)
		if s == "" {
			para = nil
			continue
		}
		if spec, ok := heading(s); ok {
			flushTable()
			toks = append(toks, lineToken(l.n, l.text))
			inTable = spec.Table != nil
			para = nil
			continue
		}
		if inTable && !isTableProse(l.text) {
			block = append(block, l)
			continue
		}
		if inTable {
			flushTable()
		}
		indented := indent(strings.TrimPrefix(lines[l.n-1], "\f"), " \u3000") > 0
		_, sub := subheadTitle(s)
		if para != nil && !paraEnds && !indented && !sub {
			para.Text += s
		} else {
			toks = append(toks, lineToken(l.n, l.text))
			para = &toks[len(toks)-1]
		}
		paraEnds = width(l.text) < margin-2
	}
	flushTable()
	return toks
}

// isTableProse reports whether a line in a table section is prose (a note
// below the table, a sentence) rather than a row of the table.
func isTableProse(line string) bool {
	s := trimSpace(line)
	return strings.HasSuffix(s, "。") && !strings.Contains(s, "   ")
}

// pdfCell is a piece of a table line: its text, line and column.
type pdfCell struct {
	tok   Token
	x     int // display column where it starts
	value bool
}

// tableTokens turns the lines of a table into cells and row ends.
func tableTokens(block []pdfLine) []Token {
	rows := make([][]pdfCell, len(block))
	for i, l := range block {
		rows[i] = splitPDFLine(l)
	}
	joinFragments(rows)
	var toks []Token
	for _, row := range rows {
		hasValue := false
		for _, c := range row {
			if c.tok.Kind == CellToken {
				toks = append(toks, c.tok)
				hasValue = hasValue || c.value
			}
		}
		if hasValue {
			last := row[len(row)-1].tok
			toks = append(toks, Token{Kind: RowEndToken, Line: last.Line, Col: last.Col + utf8.RuneCountInString(last.Text)})
		}
	}
	return toks
}

// splitPDFLine cuts a table line into cells: at runs of two or more
// spaces, and around every value (a number, a dash), which pdftotext may
// set off by a single space.
func splitPDFLine(l pdfLine) []pdfCell {
	var out []pdfCell
	type word struct {
		text  string
		start int // byte offset
	}
	var words []word
	for i := 0; i < len(l.text); {
		if l.text[i] == ' ' {
			i++
			continue
		}
		j := strings.IndexByte(l.text[i:], ' ')
		if j < 0 {
			j = len(l.text) - i
		}
		words = append(words, word{l.text[i : i+j], i})
		i += j
	}
	for k := 0; k < len(words); k++ {
		w := words[k]
		if looksLikeValue(w.text) {
			out = append(out, pdfCell{tok: Token{Kind: CellToken, Text: w.text, Line: l.n, Col: colOf(l.text, w.start)}, x: width(l.text[:w.start]), value: true})
			continue
		}
		// A label: the words up to a value or a gap of two spaces.
		end := w.start + len(w.text)
		for k+1 < len(words) && !looksLikeValue(words[k+1].text) && words[k+1].start-end < 2 {
			k++
			end = words[k].start + len(words[k].text)
		}
		for _, part := range splitLabel(l.text[w.start:end]) {
			at := w.start + part.off
			out = append(out, pdfCell{tok: Token{Kind: CellToken, Text: part.text, Line: l.n, Col: colOf(l.text, at)}, x: width(l.text[:at])})
		}
	}
	return out
}

type labelPart struct {
	text string
	off  int
}

// splitLabel splits a label at a single space when the whole is no label
// of the template and a part is: "（三） 4.保护第三方合法权益" is a group
// label beside a row label.
func splitLabel(s string) []labelPart {
	if isLabel(s) || !strings.Contains(s, " ") {
		return []labelPart{{s, 0}}
	}
	var out []labelPart
	off := 0
	for _, p := range strings.Split(s, " ") {
		if p != "" {
			out = append(out, labelPart{p, off})
		}
		off += len(p) + 1
	}
	return out
}

// isLabel reports whether s is a label of one of the three tables.
func isLabel(s string) bool {
	for _, t := range []report.SectionKey{report.Active, report.Requests, report.Appeals} {
		if cl, _ := classify(t, s, true); cl != classUnknown && cl != classValue {
			return true
		}
		if cl, _ := classify(t, s, false); cl != classUnknown && cl != classValue {
			return true
		}
	}
	return false
}

// joinFragments joins the pieces of labels broken over lines. A piece that
// is no label joins the piece above it that starts at about the same
// column (at most two columns apart, up to three lines above) when
// together they make a label, or when neither is a label yet: a merged
// label spread down a column, a few characters a line, is joined piece by
// piece, and so is a row label wrapped around the line of its numbers. A
// piece that starts with a number of its own (（三）, 2.) starts a label and
// joins nothing above it. A
// joined piece leaves its cell (its Kind set to LineToken marks it taken).
func joinFragments(rows [][]pdfCell) {
	type ref struct{ r, c int }
	root := map[ref]ref{} // a taken piece → the piece it joined
	near := func(a, b int) bool { return a-b <= 2 && b-a <= 2 }
	for i := range rows {
		for j := range rows[i] {
			c := &rows[i][j]
			if c.value || isLabel(c.tok.Text) || startsNumbered(c.tok.Text) {
				continue
			}
			for up := i - 1; up >= 0 && up >= i-3; up-- {
				k := -1
				for kk := range rows[up] {
					if !rows[up][kk].value && near(rows[up][kk].x, c.x) {
						k = kk
						break
					}
				}
				if k < 0 {
					continue
				}
				at := ref{up, k}
				for {
					r, ok := root[at]
					if !ok {
						break
					}
					at = r
				}
				a := &rows[at.r][at.c]
				joined := a.tok.Text + c.tok.Text
				if isLabel(joined) || !isLabel(a.tok.Text) {
					a.tok.Text = joined
					c.tok.Kind = LineToken
					root[ref{i, j}] = at
				}
				break
			}
		}
	}
}

// startsNumbered reports whether s starts with a label number: （三）, 2., 四、.
func startsNumbered(s string) bool {
	num, _ := report.SplitNumber(report.Fold(s))
	return num != ""
}
