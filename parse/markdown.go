package parse

import (
	"html"
	"regexp"
	"slices"
	"strings"
)

// Markdown reads reports written as Markdown: GFM tables ("| a | b |"
// rows, "|---|" delimiter rows, "\|" for a pipe inside a cell, "<br>" for
// a line break inside a cell, "**" emphasis), sections under "#"/"##"
// headings or plain heading lines. It also reads what PDF-to-Markdown
// tools make of a report: a table broken into fragments (a delimiter row
// in the middle of it), a header spread over several rows, merged cells
// left empty or their label repeated, and page footers ("— 3 —", "- 3 -",
// "第3页") between the rows, which are dropped wherever they stand.
// Positions are lines and columns, in characters, of the Markdown.
var Markdown Parser = layout{name: "markdown", detect: func(in *textIn) int {
	if !in.containsAny("|#") {
		return 0 // no table line, no Markdown heading
	}
	return detectMarkdown(in.lines, in.containsAny("#"))
}, tokenize: tokenizeMarkdown}

var (
	// mdDelimiter is a GFM delimiter row: |---|:--:| with at least one dash.
	mdDelimiter = regexp.MustCompile(`^\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$`)
	mdHeading   = regexp.MustCompile(`^\s{0,3}#{1,6}(\s+|$)`)
	mdBreak     = regexp.MustCompile(`(?i)<br\s*/?>`)
	// pageFooter is a page number a PDF left between the lines: — 3 —,
	// - 3 -, 第3页, 第3页 共12页, 3 / 12.
	pageFooter = regexp.MustCompile(`^(?:[-—–－]+\s*\d+\s*[-—–－]+|第\s*\d+\s*页(?:\s*[/，,]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)$`)
)

// isPageFooter reports whether a line is a page number left by a PDF.
func isPageFooter(line string) bool {
	return pageFooter.MatchString(trimSpace(line))
}

// isTableLine reports whether a Markdown line is a row of a GFM table.
func isTableLine(line string) bool {
	return strings.HasPrefix(strings.TrimLeft(line, " "), "|")
}

func tokenizeMarkdown(lines []string, st *stopper) []Token {
	// A token a line, a cell a pipe and a row end: sized once, as a table
	// of many cells would otherwise grow it again and again.
	n := 2 * len(lines)
	for _, line := range lines {
		if isTableLine(line) {
			n += strings.Count(line, "|")
		}
	}
	toks := make([]Token, 0, n)
	heads := map[int]bool{} // the lines of # headings
	for i, line := range lines {
		if st.stop(i + 1) {
			break
		}
		n := i + 1
		switch {
		case isBlank(line) || isPageFooter(line):
		case isTableLine(line):
			if mdDelimiter.MatchString(line) {
				continue // the end of a header, or of a fragment's first row
			}
			toks = markdownRow(toks, n, line)
		default:
			if mdHeading.MatchString(line) {
				heads[n] = true
			}
			toks = append(toks, markdownLine(n, line))
		}
	}
	// Prose hard-wrapped into the lines of a PDF's page by a converter
	// goes on from a line that runs to the margin (reflow.go). A blank
	// line, a heading, a table or a page footer ends a paragraph; the
	// converter dropped the first line's indent.
	return rewrap(toks, reflowing{gap: 1, indent: 4, fixed: func(t Token) bool { return heads[t.Line] }})
}

// markdownLine is a line outside tables: a heading without its #s, or
// prose, without emphasis marks and escapes.
func markdownLine(n int, line string) Token {
	start := 0
	if m := mdHeading.FindString(line); m != "" {
		start = len(m)
	}
	text := strings.TrimRight(line[start:], " \t")
	if start > 0 { // closing #s of an ATX heading
		if t := strings.TrimRight(text, "#"); t != text && (t == "" || strings.HasSuffix(t, " ")) {
			text = strings.TrimRight(t, " ")
		}
	}
	lead := indent(text, " \t\u3000\u00a0")
	lead += markLen(text[lead:])
	return Token{Kind: LineToken, Text: cleanMarkdown(text, " "), Line: n, Col: colOf(line, start+lead)}
}

// markLen returns the length of the emphasis marks s starts with.
func markLen(s string) int {
	return len(s) - len(strings.TrimLeft(s, "*_"))
}

// markdownRow splits a table row into cells at the pipes that are not
// escaped, and ends the row: it appends their tokens to toks, where a
// row's own slice would be copied in and grown again for every row.
func markdownRow(toks []Token, n int, line string) []Token {
	start := strings.IndexByte(line, '|') + 1
	end := len(strings.TrimRight(line, " \t"))
	if end > start && line[end-1] == '|' && (end < 2 || line[end-2] != '\\') {
		end--
	}
	cc := runeCounter{s: line} // the cells' columns, counted as they go
	var cell func(from, to int)
	cell = func(from, to int) {
		field := line[from:to]
		// A label path, as render.Markdown flattens merged cells:
		// 三、本年度办理结果 / （三）不予公开 / 1.属于国家秘密.
		if !strings.Contains(field, " / ") {
			// no path: the common case, without splitting
		} else if parts := strings.Split(field, " / "); !slices.ContainsFunc(parts, func(p string) bool { return trimSpace(p) == "" }) {
			at := from
			for _, part := range parts {
				cell(at, at+len(part))
				at += len(part) + len(" / ")
			}
			return
		}
		lead := indent(field, " \t\u3000\u00a0")
		if lead == len(field) {
			lead = 0
		}
		lead += markLen(field[lead:])
		toks = append(toks, Token{Kind: CellToken, Text: cleanMarkdown(field, "\n"), Line: n, Col: cc.at(from+lead) + 1})
	}
	from := start
	for j := start; j < end; j++ {
		switch line[j] {
		case '\\':
			j++ // an escaped character, such as \|
		case '|':
			cell(from, j)
			from = j + 1
		}
	}
	if from <= end {
		cell(from, end)
	}
	return append(toks, Token{Kind: RowEndToken, Line: n, Col: cc.at(len(line)) + 1})
}

// cleanMarkdown returns the text of a cell or line without Markdown: <br>
// becomes br, ** and __ go, backslash escapes and HTML entities are read.
func cleanMarkdown(s, br string) string {
	if strings.IndexByte(s, '<') >= 0 {
		s = mdBreak.ReplaceAllString(s, br)
	}
	s = strings.ReplaceAll(s, "**", "")
	s = strings.ReplaceAll(s, "__", "")
	if strings.IndexByte(s, '\\') >= 0 {
		var b strings.Builder
		for i := 0; i < len(s); i++ {
			if s[i] == '\\' && i+1 < len(s) && strings.IndexByte(asciiPunct, s[i+1]) >= 0 {
				i++
			}
			b.WriteByte(s[i])
		}
		s = b.String()
	}
	if strings.IndexByte(s, '&') >= 0 {
		s = html.UnescapeString(s)
	}
	return s
}

// detectMarkdown is sure of Markdown when GFM tables (pipe rows with a
// delimiter row) are found, and prefers it to prose-only layouts when
// "#" headings of the template are; hashes says whether the text has a '#'
// at all (most have none, and their lines are not each searched for one).
func detectMarkdown(lines []string, hashes bool) int {
	rows, delims, headings := 0, 0, 0
	for _, l := range lines {
		table := isTableLine(l)
		switch {
		case table && mdDelimiter.MatchString(l):
			delims++
		case table && strings.HasSuffix(strings.TrimRight(l, " "), "|"):
			rows++
		case hashes && strings.IndexByte(l, '#') >= 0 && mdHeading.MatchString(l):
			if _, ok := heading(l[len(mdHeading.FindString(l)):]); ok {
				headings++
			}
		}
	}
	switch {
	case delims > 0 && rows >= 2:
		return 97 // above Pipes, which would read the rows too
	case headings > 0:
		return 6 // above Cells reading prose only
	}
	return 0
}

// asciiPunct are the characters a backslash escapes in Markdown: every
// ASCII punctuation character (CommonMark), = among them (a line that
// starts with = is escaped so as not to underline the line above).
const asciiPunct = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
