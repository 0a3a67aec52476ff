package parse

import (
	"regexp"
	"slices"
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
// into paragraphs: when the text's paragraphs start with an indent (two
// characters, as Chinese documents are typed), an indented line starts a
// paragraph and every other line continues one; else a line that runs to
// the right margin continues on the next one. The spaces pdftotext sets
// between Chinese and Latin text ("2023 年") are kept: a PDF does not tell
// them from spaces that were typed.
//
// In the table sections a line is cut into cells at runs of spaces, each
// number a cell of its own. Columns are counted in characters, as
// pdftotext lays out its grid (a CJK character takes one column). The
// header, the lines without values at the top of a table (in table 二
// after each 第二十条第（…）项), is re-assembled: a header label wrapped in
// its narrow column and centred (本年制发件 over 数, 结果维 over 持) is
// joined from the pieces whose columns overlap when together they make a
// header label of the template or the start of one, and the labels are
// read in the order of their columns. Below the header, a row label
// wrapped over two lines is joined, and the pieces of a merged label
// spread down a column one or two characters a line are joined when
// together they make a label of the template. Pieces that make no label
// are kept as cells, so that Bind reports them with their positions.
//
// A blank cell leaves nothing in this layout but a gap. A row with fewer
// numbers than columns gets its blanks where no number stands when every
// number stands in a column of its own: in table 三 the columns are where
// the numbers of the nearest full row stand, in table 二 where the
// header's column labels start. A number that stands in no column leaves
// its row short, and Bind reports the row rather than shift its numbers.
//
// Plain pdftotext (without -layout) writes a table in pieces, column by
// column in bands of rows: PDFPlain reads that.
var PDFText Parser = layout{name: "pdftext", detect: detectPDFText, tokenize: tokenizePDFText}

// pageNumber matches a line that holds only a page number.
var pageNumber = regexp.MustCompile(`^[\s\f]*(?:[-—–－‐]+\s*\d{1,4}\s*[-—–－‐]+|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?)\s*$`)

// startsPageNumber reports whether s, trimmed, starts as pageNumber's
// matches do: with a dash or 第. It spares the regexp nearly every line.
func startsPageNumber(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	switch r {
	case '-', '—', '–', '－', '‐', '第':
		return true
	}
	return false
}

// isPageLine reports whether a line holds a page number alone (— 3 —,
// 第3页), form feeds aside.
func isPageLine(line string) bool {
	t := line
	if strings.IndexByte(t, '\f') >= 0 {
		t = strings.ReplaceAll(t, "\f", "")
	}
	t = trimSpace(t)
	return len(t) < 80 && startsPageNumber(t) && pageNumber.MatchString(t)
}

func detectPDFText(in *textIn) int {
	// Lines aligned in columns, and a form feed or else a page number.
	// Only whether there are any of each counts.
	if !in.contains("   ") {
		return 0
	}
	aligned := false
	for _, l := range in.lines {
		if strings.IndexByte(l, '\t') < 0 && strings.Contains(l, "   ") && strings.Contains(trimSpace(l), "   ") {
			aligned = true
			break
		}
	}
	if !aligned {
		return 0
	}
	if in.containsAny("\f") {
		return 90
	}
	for _, l := range in.lines {
		// A page number is a short line that starts with a dash or 第.
		if len(l) < 80 && startsPageNumber(trimSpace(l)) && pageNumber.MatchString(l) {
			return 70
		}
	}
	return 0
}

// pdfLine is a line of the text with its number.
type pdfLine struct {
	n    int
	text string
	ff   int // 1 if the line starts a page: its form feed is no column of the page
	page int // the number of form feeds before the line's end
}

func tokenizePDFText(lines []string, st *stopper) []Token {
	// Clean the pages: no form feeds, no page numbers.
	var ls []pdfLine
	page := 0
	for i, l := range lines {
		page += strings.Count(l, "\f")
		// A form feed stays a character, as a space: positions count it.
		ff := 0
		if strings.HasPrefix(l, "\f") {
			ff = 1
		}
		l = strings.ReplaceAll(l, "\f", " ")
		if pageNumber.MatchString(l) {
			continue
		}
		ls = append(ls, pdfLine{n: i + 1, text: strings.TrimRight(l, " "), ff: ff, page: page})
	}
	margin := 0
	for _, l := range ls {
		if !strings.Contains(trimSpace(l.text), "  ") {
			margin = max(margin, width(l.text))
		}
	}
	indented := 0 // long prose lines that start with an indent
	for _, l := range ls {
		if n := indent(l.text, " \u3000"); n > 0 && n <= 8 && !strings.Contains(trimSpace(l.text), "  ") && width(l.text) > margin/2 {
			indented++
		}
	}
	// A text whose paragraphs start with an indent (two characters, as
	// Chinese documents are typed) breaks paragraphs there and only there:
	// a line that stops short of the margin may still go on, since digits
	// and Latin letters are narrower than the columns of the page and
	// pdftotext wraps by the page, not by the columns.
	byIndent := indented >= 3
	var toks []Token
	var table report.SectionKey // the table section the lines are in, or ""
	para := -1                  // the index in toks of the prose paragraph being rebuilt, or -1
	var parts []string          // its lines, joined when it ends: not one string grown line by line
	endPara := func() {
		if para >= 0 && len(parts) > 1 {
			toks[para].Text = strings.Join(parts, "")
		}
		para, parts = -1, parts[:0]
	}
	paraEnds := false
	var block []pdfLine
	flushTable := func() {
		toks = append(toks, tableTokens(table, block, st)...)
		block = nil
	}
	for _, l := range ls {
		if st.stop(l.n) {
			break
		}
		s := trimSpace(l.text)
		if s == "" {
			endPara()
			continue
		}
		if spec, ok := heading(s); ok {
			endPara()
			flushTable()
			toks = append(toks, lineToken(l.n, l.text))
			table = ""
			if spec.Table != nil {
				table = spec.Key
			}
			continue
		}
		if table != "" && !isTableProse(l.text) {
			block = append(block, l)
			continue
		}
		if table != "" && len(block) > 0 {
			endPara() // a paragraph does not go on across table rows
			flushTable()
		}
		starts := indent(strings.TrimPrefix(lines[l.n-1], "\f"), " \u3000") > 0
		_, sub := subheadTitle(s)
		if para >= 0 && (byIndent || !paraEnds) && !starts && !sub {
			parts = append(parts, s)
		} else {
			endPara()
			toks = append(toks, lineToken(l.n, l.text))
			para, parts = len(toks)-1, append(parts, l.text)
		}
		paraEnds = width(l.text) < margin-2
	}
	endPara()
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
	tok    Token
	x, end int // the columns of the page where it starts and ends (past its last character)
	value  bool
}

// tableTokens turns the lines of a table into cells and row ends.
func tableTokens(table report.SectionKey, block []pdfLine, st *stopper) []Token {
	labels := labelMemo{} // what isLabel told of the table's pieces
	rows := make([][]pdfCell, len(block))
	for i, l := range block {
		if st.stop(l.n) {
			return nil // stopped in the table: it is not read, and the stop says where
		}
		rows[i] = splitPDFLine(l, labels)
	}
	joinHeaders(table, rows)
	joinFragments(rows, labels)
	placeBlanks(table, block, rows)
	n := len(rows) // the most tokens: the cells and a row end each
	for _, row := range rows {
		n += len(row)
	}
	toks := make([]Token, 0, n)
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
func splitPDFLine(l pdfLine, labels labelMemo) []pdfCell {
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
	out = make([]pdfCell, 0, len(words)) // a cell a word at most, but for labels split at spaces
	// A cell's x is the column of the page where it stands. pdftotext
	// -layout sets every character in one column of its grid, CJK
	// characters too (they are not two columns wide as on a terminal), so
	// the column is the number of characters before it, the form feed
	// of a page's first line aside. The characters are counted as the
	// words go, not from the line's start for each: a line of many
	// thousand numbers is read in linear time.
	cc := runeCounter{s: l.text}
	for k := 0; k < len(words); k++ {
		w := words[k]
		if looksLikeValue(w.text) && !bareNumber(w.text) { // 1. alone is a label's number, its words on other lines
			x := cc.at(w.start)
			out = append(out, pdfCell{tok: Token{Kind: CellToken, Text: w.text, Line: l.n, Col: x + 1}, x: x - l.ff, end: cc.at(w.start+len(w.text)) - l.ff, value: true})
			continue
		}
		// A label: the words up to a value or a gap of two spaces.
		end := w.start + len(w.text)
		for k+1 < len(words) && !looksLikeValue(words[k+1].text) && words[k+1].start-end < 2 {
			k++
			end = words[k].start + len(words[k].text)
		}
		for _, part := range splitLabel(l.text[w.start:end], labels) {
			at := w.start + part.off
			x := cc.at(at)
			out = append(out, pdfCell{tok: Token{Kind: CellToken, Text: part.text, Line: l.n, Col: x + 1}, x: x - l.ff, end: cc.at(at+len(part.text)) - l.ff})
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
func splitLabel(s string, labels labelMemo) []labelPart {
	if !strings.Contains(s, " ") || labels.isLabel(s) {
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

// labelMemo remembers what isLabel told of the pieces of one table: a
// table of many repeated words asks about each word once.
type labelMemo map[string]bool

func (m labelMemo) isLabel(s string) bool {
	is, ok := m[s]
	if !ok {
		is = isLabel(s)
		m[s] = is
	}
	return is
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
func joinFragments(rows [][]pdfCell, labels labelMemo) {
	type ref struct{ r, c int }
	root := map[ref]ref{} // a taken piece → the piece it joined
	near := func(a, b int) bool { return a-b <= 2 && b-a <= 2 }
	for i := range rows {
		for j := range rows[i] {
			c := &rows[i][j]
			if c.value || startsNumbered(c.tok.Text) {
				continue
			}
			// A piece that is a label by itself (予以公开, 其他) joins only
			// a bare number above it (（一）, 3.): the label's own number.
			self := labels.isLabel(c.tok.Text)
			for up := i - 1; up >= 0 && up >= i-3; up-- {
				// The pieces of a line stand in the order of their
				// columns: the first near c is found by a binary search,
				// not by reading a line of many thousand cells for each.
				k := -1
				for kk, _ := slices.BinarySearchFunc(rows[up], c.x-2, func(p pdfCell, x int) int { return p.x - x }); kk < len(rows[up]) && near(rows[up][kk].x, c.x); kk++ {
					if !rows[up][kk].value {
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
				if len(a.tok.Text)+len(c.tok.Text) > maxJoined {
					break // longer than any label: a column of fragments joined no further
				}
				joined := a.tok.Text + c.tok.Text
				if self && !bareNumber(a.tok.Text) {
					break
				}
				if labels.isLabel(joined) || labelStart(joined) || !self && !labels.isLabel(a.tok.Text) {
					a.tok.Text = joined
					c.tok.Kind = LineToken
					root[ref{i, j}] = at
				}
				break
			}
		}
	}
}

// bareNumber reports whether s is a label number and nothing else: （一）, 3.
func bareNumber(s string) bool {
	num, rest := report.SplitNumber(report.Fold(trimSpace(s)))
	return num != "" && rest == ""
}

// maxJoined is the most bytes that pieces of a label joined over lines may
// make: twice the longest label, header or note of the templates. Without
// it a column of fragments that make no label would be joined into one
// growing text, each piece read again with all those above it.
var maxJoined = func() int {
	n := 0
	for s := range templateKeys {
		n = max(n, len(s))
	}
	for _, ls := range headerLabels {
		for _, s := range ls {
			n = max(n, len(s))
		}
	}
	for _, t := range report.Templates() {
		for _, key := range []report.SectionKey{report.Active, report.Requests, report.Appeals} {
			n = max(n, len(t.Table(key).Note))
		}
	}
	return 2 * n
}()

// startsNumbered reports whether s starts with a label number: （三）, 2., 四、.
func startsNumbered(s string) bool {
	num, _ := report.SplitNumber(report.Fold(s))
	return num != ""
}

// joinHeaders re-assembles the header labels of a table. In the narrow
// columns of a printed table a header label wraps and is centred:
// 本年制发件 over 数, 结果维 over 持, with the pieces of neighbouring
// columns on the same lines. The header is the run of lines without values
// at the top of the table (in table 二, after each item line 第二十条第（…）项).
// A piece joins the label above it whose columns it overlaps (give or take
// two columns) when together they make a header label of the table or the
// start of one; else it starts a label. The labels are put on the first
// line of the header, in the order of the columns where they start: the
// binder takes table 二's columns from that order. Header cells carry no
// data; the values below are not moved.
func joinHeaders(table report.SectionKey, rows [][]pdfCell) {
	hasValue := func(row []pdfCell) bool {
		for _, c := range row {
			if c.value {
				return true
			}
		}
		return false
	}
	start := 0
	for i, row := range rows {
		switch {
		case hasValue(row):
			if start >= 0 && start < i {
				assembleHeader(table, rows[start:i])
			}
			start = -1
		case table == report.Active && len(row) == 1:
			if cl, _ := classify(report.Active, row[0].tok.Text, true); cl == classItem {
				start = i + 1
			}
		}
	}
}

// hlabel is a header label being assembled from pieces on several lines.
type hlabel struct {
	cell pdfCell // the first piece, its text the label so far
	end  int
	last int // the line (index in the header) of its last piece
}

func assembleHeader(table report.SectionKey, run [][]pdfCell) {
	var labels []*hlabel
	for r, row := range run {
		for _, c := range splitWords(row) {
			var best *hlabel
			bestDist := 0
			for _, h := range labels {
				if h.last >= r || c.x > h.end+2 || h.cell.x > c.end+2 || !isHeaderStart(table, h.cell.tok.Text+c.tok.Text) {
					continue
				}
				// The nearest line first, then the nearest centre.
				d := (r-h.last)*1000 + abs((h.cell.x+h.end)-(c.x+c.end))
				if best == nil || d < bestDist {
					best, bestDist = h, d
				}
			}
			if best == nil {
				labels = append(labels, &hlabel{cell: c, end: c.end, last: r})
				continue
			}
			best.cell.tok.Text += c.tok.Text
			best.cell.x = min(best.cell.x, c.x)
			best.end = max(best.end, c.end)
			best.last = r
		}
	}
	slices.SortStableFunc(labels, func(a, b *hlabel) int { return a.cell.x - b.cell.x })
	first := make([]pdfCell, len(labels))
	for i, h := range labels {
		first[i] = h.cell
	}
	run[0] = first
	for r := 1; r < len(run); r++ {
		run[r] = nil
	}
}

// splitWords cuts the cells of a header line at every space: header
// labels have none, and a single space may be all that stands between two
// of them (等于第三 申请人情况).
func splitWords(row []pdfCell) []pdfCell {
	var out []pdfCell
	for _, c := range row {
		off := 0 // characters into c
		for _, w := range strings.Split(c.tok.Text, " ") {
			if n := utf8.RuneCountInString(w); n > 0 {
				p := c
				p.tok.Text, p.tok.Col, p.x, p.end = w, c.tok.Col+off, c.x+off, c.x+off+n
				out = append(out, p)
			}
			off += utf8.RuneCountInString(w) + 1
		}
	}
	return out
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// headerLabels are the folded header labels of each table in both
// templates: notes, header cells, column labels and the merged labels
// above them (in table 四 the groups too).
var headerLabels = func() map[report.SectionKey][]string {
	m := map[report.SectionKey][]string{}
	for _, t := range report.Templates() {
		for _, key := range []report.SectionKey{report.Active, report.Requests, report.Appeals} {
			spec := t.Table(key)
			add := func(ss ...string) {
				for _, s := range ss {
					if s != "" {
						m[key] = append(m[key], labelKey(s))
					}
				}
			}
			add(spec.Note)
			add(spec.Header...)
			for _, r := range spec.Rows {
				if key == report.Appeals {
					add(r.Label)
					add(r.Path...)
				}
				for _, c := range r.Columns {
					add(c.Label)
					add(c.Aliases...)
					add(c.Path...)
				}
			}
		}
	}
	return m
}()

// isHeaderStart reports whether s is a header label of the table or the
// start of one.
func isHeaderStart(table report.SectionKey, s string) bool {
	k := labelKey(s)
	for _, l := range headerLabels[table] {
		if strings.HasPrefix(l, k) {
			return true
		}
	}
	return false
}

// placeBlanks marks the blank cells of table rows with fewer numbers than
// columns. pdftotext writes nothing for a blank cell; its column shows only
// in where the numbers of the other cells stand. The columns of table 三
// are where the numbers of the nearest full row stand (on the same page
// if there is one: a page may set its columns a little apart); those of
// table 二 are where the header's column labels start, the numbers being
// set at the left of their cells. A row whose every number stands in a
// column of its own, in order, gets an empty cell (a blank) in each column
// it leaves empty, at the place of that column. Any other short row is
// left as it is, and Bind reports it: no number is moved to another
// column.
func placeBlanks(table report.SectionKey, block []pdfLine, rows [][]pdfCell) {
	values := func(row []pdfCell) []int {
		var at []int
		for j, c := range row {
			if c.value {
				at = append(at, j)
			}
		}
		return at
	}
	// The values of each row, found once; and for table 三 the full rows
	// nearest each row before and after it, found in one pass each way:
	// the nearest full row is one of them (pages follow each other, so a
	// full row of the same page, if there is one, is one of them too).
	vals := make([][]int, len(rows))
	for i, row := range rows {
		vals[i] = values(row)
	}
	var before, after []int
	if table == report.Requests {
		before, after = make([]int, len(rows)), make([]int, len(rows))
		last := -1
		for i := range rows {
			if len(vals[i]) == len(requestColumns) {
				last = i
			}
			before[i] = last
		}
		last = -1
		for i := len(rows) - 1; i >= 0; i-- {
			if len(vals[i]) == len(requestColumns) {
				last = i
			}
			after[i] = last
		}
	}
	var bands []int // the columns of table 二's current header
	for i, row := range rows {
		vs := vals[i]
		var ref []int
		switch table {
		case report.Active:
			if len(vs) == 0 {
				var cols []int
				for _, c := range row {
					if cl, _ := classify(report.Active, c.tok.Text, true); cl == classColumn && c.tok.Kind == CellToken {
						cols = append(cols, c.x)
					}
				}
				if len(cols) > 0 {
					bands = cols
				}
				continue
			}
			ref = bands
		case report.Requests:
			if len(vs) == 0 || len(vs) >= len(requestColumns) {
				continue // no blanks to place: ref would be no longer than vs
			}
			dist := func(k int) int {
				d := abs(k - i)
				if block[k].page != block[i].page {
					d += len(rows)
				}
				return d
			}
			// The nearest full row; of two as near, the one above.
			best := before[i]
			if k := after[i]; k >= 0 && (best < 0 || dist(k) < dist(best)) {
				best = k
			}
			if best >= 0 {
				for _, j := range vals[best] {
					ref = append(ref, rows[best][j].x)
				}
			}
		}
		if len(vs) == 0 || len(vs) >= len(ref) {
			continue
		}
		// Each number in a column of its own, in order.
		col := make([]int, len(vs))
		prev := -1
		ok := true
		for n, j := range vs {
			col[n] = -1
			for b := prev + 1; b < len(ref); b++ {
				if abs(row[j].x-ref[b]) <= 1 {
					col[n] = b
					break
				}
			}
			if col[n] < 0 {
				ok = false
				break
			}
			prev = col[n]
		}
		if !ok {
			continue
		}
		l := block[i]
		var out []pdfCell
		n := 0
		for j, c := range row {
			if !c.value {
				out = append(out, c)
				continue
			}
			// The blank columns before this number, then the number.
			from := 0
			if n > 0 {
				from = col[n-1] + 1
			}
			for b := from; b < col[n]; b++ {
				out = append(out, blankAt(l, ref[b]))
			}
			out = append(out, row[j])
			n++
		}
		for b := col[len(col)-1] + 1; b < len(ref); b++ {
			out = append(out, blankAt(l, ref[b]))
		}
		rows[i] = out
	}
}

// blankAt is an empty cell of line l at column x of the page.
func blankAt(l pdfLine, x int) pdfCell {
	return pdfCell{tok: Token{Kind: CellToken, Text: "", Line: l.n, Col: x + l.ff + 1}, x: x, end: x, value: true}
}
