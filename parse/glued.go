package parse

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/opengovcn/annualreport/report"
)

// Glued reads the text a crawler takes from a web page's textContent,
// and the text pdftotext -raw takes from a PDF (or a PDF viewer's copy),
// where the cells of each table row are glued together with nothing
// between them: 一、本年新收政府信息公开申请数量120010013 is the label and
// 12, 0, 0, 1, 0, 0, 13.
//
// The labels come from the template: the longest template label is taken
// first, so that the digits of 1.属于国家秘密 or 3.其他 are never read as
// cells. The digits after the labels are cut into the row's cells using the
// template's own constraints: every number without leading zeros (0 itself
// aside), a decimal point only in a decimal column (表二's amounts such as
// 589.08), a sign only in a signed one; in 表三 the row total equal to the
// sum of the six applicant columns (rule 4); in 表四 each group's total
// equal to the sum of its four results (rule 5). All the splits that
// satisfy these are enumerated. A row is read only when exactly one split
// does, or when the column constraints across the rows of 表三 (rule 1,
// 一+二 = 总计+结转; rule 3, 总计 = the sum of the outcome rows), applied
// with the rows already read, leave exactly one. When no split of a 表三
// row gives it its total (a number wrong as published), the splits by the
// columns' kinds alone are weighed by those column sums instead, allowing
// one column that does not add up: the one split so singled out is the
// published row, read as it is, and validate reports its wrong number.
// Otherwise the row's cells are not read and the error says why: an
// *Error wrapping a *SplitError, with the candidate splits (ErrAmbiguous),
// or none when no split is left (ErrCellCount).
// White space left between cells is a cut that every split keeps.
//
// Blank cells leave no trace in glued text. A row with blank cells has
// fewer numbers than columns: when its digits can still be cut into a full
// row that satisfies the constraints, that split is read (the blanks cannot
// be told), and otherwise the row is reported. A row label with no digits
// at all is read as a row without cells, and reported as such. Text in a
// cell ("—", "无") makes the row's digits unsplittable: the row is reported.
var Glued Parser = gluedParser{}

type gluedParser struct{}

func (gluedParser) Name() string { return "glued" }

// Detect is sure of glued text when lines end in a row label of 表二 or 表三
// glued to a run of digits and no line holds a tab or a pipe.
func (g gluedParser) Detect(src []byte) int {
	if binary(src) {
		return 0
	}
	return g.detectLines(newTextIn(src))
}

func (gluedParser) detectLines(in *textIn) int {
	if in.containsAny("\t|") {
		return 0 // a tab or a pipe: the cells are separated
	}
	lines := in.lines
	if needsReline(lines) {
		lines, _ = reline(lines)
	}
	n := 0
	for _, l := range lines {
		if isGluedRow(l) {
			n++
		}
	}
	if n < 3 {
		return 0
	}
	return 90
}

// isGluedRow reports whether a line ends in a template row label glued to
// at least two digits.
func isGluedRow(line string) bool {
	// It ends in a digit (or the . or - of a number), ASCII or
	// full-width: most lines do not, and need not be folded.
	t := strings.TrimRightFunc(line, isBlankRune)
	if r, _ := utf8.DecodeLastRuneInString(t); !(strings.ContainsRune("0123456789.-．－", r) || '０' <= r && r <= '９') {
		return false
	}
	f := report.Fold(line)
	i := len(f)
	for i > 0 && strings.IndexByte("0123456789.-", f[i-1]) >= 0 {
		i--
	}
	if len(f)-i < 2 {
		return false
	}
	head := f[:i]
	for _, t := range []report.SectionKey{report.Requests, report.Active} {
		for _, k := range gluedLabels[t] {
			if strings.HasSuffix(head, k) && len(head) > 0 {
				return true
			}
		}
	}
	return false
}

func (p gluedParser) Parse(src []byte) (*report.Report, error) {
	return p.parseLimits(src, DefaultLimits)
}

func (p gluedParser) parseLimits(src []byte, lim Limits) (*report.Report, error) {
	in, err := textOf(src, lim)
	if err != nil {
		return &report.Report{}, err
	}
	return p.parseText(in, lim)
}

func (gluedParser) parseText(in *textIn, lim Limits) (*report.Report, error) {
	if err := checkText(in.s, lim); err != nil {
		return &report.Report{}, err
	}
	s := in.s
	g := &gluer{}
	lines := in.lines
	var from origins
	if needsReline(lines) {
		// A crawler's dump: the body on one line (see reline).
		lines, from = reline(lines)
	}
	st := newStopper(lim.ctx)
	toks := g.tokenize(lines, st)
	if from != nil {
		for i := range toks {
			toks[i].Line, toks[i].Col = from.pos(toks[i].Line, toks[i].Col)
		}
		for _, e := range g.errs.list {
			e.Line, e.Col = from.pos(e.Line, e.Col)
		}
	}
	if strings.Contains(s, "\f") {
		toks = rewrap(toks, reflowing{gap: 2})
	}
	toks, cerr := limitCells(toks, lim)
	if cerr != nil {
		g.errs.list = append(g.errs.list, cerr)
	}
	r, err := bind(toks, nil, st)
	// A row whose digits were not split is reported once, by the split error.
	reported := map[[2]int]bool{}
	for _, e := range g.errs.list {
		reported[[2]int{e.Line, e.Col}] = true
	}
	var bound Errors
	var one *Error
	switch e := err.(type) {
	case Errors:
		bound = e
	case *Error:
		one = e
		bound = Errors{one}
	}
	for _, e := range bound {
		if !reported[[2]int{e.Line, e.Col}] {
			g.errs.list = append(g.errs.list, e)
		}
	}
	if st.stopped() {
		g.errs.list = append(g.errs.list, st.error().(*Error))
	}
	return r, g.errs.err(in.raw)
}

// SplitError details an error about a run of digits in glued text that
// could not be cut into the cells of its row. It is the Err of an *Error;
// errors.As finds it, and errors.Is finds the sentinel it wraps:
// ErrAmbiguous when more than one split satisfies the constraints (or too
// many to list), ErrCellCount when none does.
type SplitError struct {
	Table report.SectionKey // active, requests or appeals
	Row   string            // the row key; "" for 表四, whose one row holds the three groups
	// Columns are the columns the digits were to fill, in order; for 表四
	// group.column, such as review.upheld.
	Columns []string
	Digits  string // the digits as published
	// Candidates are the splits that satisfy the constraints, each the
	// text of one cell per column. None when no split does.
	Candidates [][]string
	// Incomplete is true when there were too many ways to cut the digits
	// to try them all: Candidates holds those found before giving up.
	Incomplete bool
}

// Error returns the text of the sentinel the error wraps; the *Error that
// holds it says more.
func (e *SplitError) Error() string { return e.Unwrap().Error() }

// Unwrap returns ErrAmbiguous or ErrCellCount.
func (e *SplitError) Unwrap() error {
	if len(e.Candidates) > 1 || e.Incomplete {
		return ErrAmbiguous
	}
	return ErrCellCount
}

// gluedLabels are the folded label keys of each table, longest first: the
// labels a glued line is cut at.
var gluedLabels = func() map[report.SectionKey][]string {
	out := map[report.SectionKey][]string{}
	add := func(t report.SectionKey, keys ...string) {
		for _, k := range keys {
			if k != "" && !slices.Contains(out[t], k) {
				out[t] = append(out[t], k)
			}
		}
	}
	for _, m := range []map[string]string{index.activeRows, index.activeCols} {
		for k := range m {
			add(report.Active, k)
		}
	}
	for k := range index.activeHead {
		add(report.Active, k)
	}
	for _, m := range []map[string]string{index.reqRows, index.reqGroups, index.reqCols} {
		for k := range m {
			add(report.Requests, k)
		}
	}
	for k := range index.reqHeader {
		add(report.Requests, k)
	}
	add(report.Appeals, index.appeal...)
	for _, t := range report.Templates() {
		for _, r := range t.Table(report.Active).Rows {
			add(report.Active, foldAll(r.Path)...)
		}
		add(report.Requests, labelKey(t.Table(report.Requests).Note))
	}
	for _, keys := range out {
		slices.SortFunc(keys, func(a, b string) int {
			if len(a) != len(b) {
				return len(b) - len(a)
			}
			return strings.Compare(a, b)
		})
	}
	return out
}()

// maxLabelBytes is more than the longest label of a table, its number and
// the 勾稽关系 note included, folded.
const maxLabelBytes = 512

// gluedFirst holds gluedLabels by their first character, longest first:
// matchLabel, tried at every place of a long line, looks at the labels
// that may start there only.
var gluedFirst = func() map[report.SectionKey]map[rune][]string {
	out := map[report.SectionKey]map[rune][]string{}
	for t, keys := range gluedLabels {
		m := map[rune][]string{}
		for _, k := range keys {
			r, _ := utf8.DecodeRuneInString(k)
			m[r] = append(m[r], k)
		}
		out[t] = m
	}
	return out
}()

// folded is a line folded for label matching, with the byte offset in the
// line of every folded byte (and of the line's end).
type folded struct {
	line string // the text: one line, or lines joined by "\n"
	f    string
	orig []int
	// cut[i] is true where white space stood before folded byte i.
	cut []bool
	// first is the number of the text's first line, and starts the offsets
	// in line where its lines start, for the positions of tokens.
	first  int
	starts []int
}

// foldLines folds lines n0, n0+1, … of the input as one text.
func foldLines(n0 int, lines []string) folded {
	fl := foldLine(strings.Join(lines, "\n"))
	fl.first = n0
	at := 0
	for _, l := range lines {
		fl.starts = append(fl.starts, at)
		at += len(l) + 1
	}
	return fl
}

// at returns the line and column of byte offset off of fl.line.
func (fl folded) at(off int) (line, col int) {
	k := 0
	for k+1 < len(fl.starts) && fl.starts[k+1] <= off {
		k++
	}
	start := 0
	if len(fl.starts) > 0 {
		start = fl.starts[k]
	}
	end := strings.IndexByte(fl.line[start:], '\n')
	if end < 0 {
		end = len(fl.line) - start
	}
	return fl.first + k, colOf(fl.line[start:start+end], min(off-start, end))
}

func foldLine(line string) folded {
	fl := folded{line: line, orig: make([]int, 0, len(line)+1), cut: make([]bool, 0, len(line)+1)}
	var b strings.Builder
	b.Grow(len(line))
	space := false
	for i, r := range line {
		var p string
		if r > ' ' && r < 0x7f || r >= 0x4e00 && r <= 0x9fff || r == '、' || r == '。' {
			p = line[i : i+utf8.RuneLen(r)] // what Fold leaves as it is (report.Fold's fast path)
		} else {
			p = report.Fold(string(r))
		}
		if p == "" {
			space = true
			continue
		}
		for j := 0; j < len(p); j++ {
			fl.orig = append(fl.orig, i)
			fl.cut = append(fl.cut, space && j == 0)
		}
		space = false
		b.WriteString(p)
	}
	fl.f = b.String()
	fl.orig = append(fl.orig, len(line))
	fl.cut = append(fl.cut, false)
	return fl
}

// token returns a cell token for folded bytes [a, b).
func (fl folded) token(n, a, b int) Token {
	if fl.starts != nil {
		line, col := fl.at(fl.orig[a])
		return Token{Kind: CellToken, Text: fl.line[fl.orig[a]:fl.orig[b]], Line: line, Col: col}
	}
	return Token{Kind: CellToken, Text: fl.line[fl.orig[a]:fl.orig[b]], Line: n, Col: colOf(fl.line, fl.orig[a])}
}

// end returns the position after the text's last character.
func (fl folded) end(n int) (line, col int) {
	if fl.starts != nil {
		return fl.at(len(fl.line))
	}
	return n, colOf(fl.line, len(fl.line))
}

// matchLabel returns the length of the longest template label of table at
// the start of s (folded), its number included, or 0.
func matchLabel(table report.SectionKey, s string) int {
	if len(s) > maxLabelBytes {
		s = s[:maxLabelBytes] // no label is longer: tried at every place of a long line, a match costs no more
	}
	num, rest := report.SplitNumber(s)
	for _, cand := range []struct {
		pre  int
		text string
	}{{len(num), rest}, {0, s}} {
		if cand.pre == 0 && num != "" && cand.text == rest {
			continue
		}
		first, _ := utf8.DecodeRuneInString(cand.text)
		for _, k := range gluedFirst[table][first] {
			if strings.HasPrefix(cand.text, k) {
				return cand.pre + len(k)
			}
		}
		if table == report.Requests && strings.HasPrefix(cand.text, "(") {
			// The 勾稽关系 note, however it is worded.
			if end := strings.IndexByte(cand.text, ')'); end > 0 && strings.Contains(cand.text[:end], "勾稽关系") {
				return cand.pre + end + 1
			}
		}
	}
	return 0
}

func isRunByte(c byte) bool { return c >= '0' && c <= '9' || c == '.' || c == '-' }

// runStart returns where the run of digits that ends s starts (len(s) if
// there is none).
func runStart(s string) int {
	i := len(s)
	for i > 0 && isRunByte(s[i-1]) {
		i--
	}
	return i
}

// gluer tokenizes glued text.
type gluer struct {
	errs errList
}

// gluedLine is a table line cut into labels and a run of digits.
type gluedLine struct {
	n      int
	fl     folded
	labels []Token
	known  int      // labels[:known] are labels of the template; any after, text before the run
	spans  [][2]int // the folded offsets of labels[:known]
	run    *gluedRun
}

// gluedRun is the run of digits at the end of a table line and the ways to
// cut it.
type gluedRun struct {
	start, end int // folded offsets
	unitEnd    int // the end of the unit after the run (元), end if none
	table      report.SectionKey
	row        string
	cols       []string
	cands      [][]int // the cut points of each candidate split
	incomplete bool
	tooLong    bool
	why        string // the constraints, for messages
	raw        bool   // not split: emitted as one cell for Bind to report
	// relaxed is true when no cut satisfies the row's own sum (a number
	// wrong as published): cands are the cuts by the columns' kinds, for
	// the sums down the columns to choose from, allowing one column that
	// does not add up (the wrong number's).
	relaxed bool
	done    bool // resolved to cands[0]
}

// The cap on the work spent cutting one run of digits.
const (
	maxRunDigits = 120
	maxSplitWork = 200000
	maxListed    = 12
)

func (g *gluer) tokenize(lines []string, st *stopper) []Token {
	toks := make([]Token, 0, len(lines)+len(lines)/2) // a token a line, and a few cells more
	last := 0
	var table report.SectionKey
	var pendingLines []*gluedLine // the lines of the current table
	var colKeys []string          // 表二: the columns of the current header
	inHeader := true              // 表三: no row label seen yet
	flush := func() {
		if table == report.Requests {
			g.acrossRows(pendingLines)
		}
		for _, gl := range pendingLines {
			toks = append(toks, g.emit(gl)...)
		}
		pendingLines = nil
	}
	skip := 0 // lines joined to the one before
	for i, line := range lines {
		if st.stop(i + 1) {
			break
		}
		n := i + 1
		if skip > 0 {
			skip--
			continue
		}
		if isBlank(line) {
			continue
		}
		// A page number of a PDF's text (— 3 —) between rows or paragraphs.
		if isPageLine(line) {
			continue
		}
		if s, ok := heading(line); ok && s.Number > last {
			flush()
			last = s.Number
			table, colKeys, inHeader = "", nil, true
			if s.Table != nil {
				table = s.Key
			}
			toks = append(toks, lineToken(n, line))
			continue
		}
		if table == "" {
			toks = append(toks, lineToken(n, line))
			continue
		}
		gl := g.cut(n, line, table)
		if gl == nil && table == report.Requests && inHeader {
			if hl, k := wrappedHeader(lines, i, table); k > 0 {
				// A header wrapped column by column: labels, no run.
				skip = k
				pendingLines = append(pendingLines, hl)
				continue
			}
		}
		if joined, k := g.join(lines, i, gl, table); k > 0 {
			gl, skip = joined, k
		} else if k := g.finishLabel(lines, i, gl, table); k > 0 {
			skip = k
		}
		if gl == nil {
			flush()
			toks = append(toks, lineToken(n, line))
			continue
		}
		// What the labels say the run is.
		var rowKey string
		var rowCols []Token
		for _, t := range gl.labels {
			cl, key := classify(table, t.Text, inHeader)
			switch cl {
			case classItem, classHeader:
				if table == report.Active {
					colKeys = nil
				}
			case classColumn:
				rowCols = append(rowCols, t)
			case classGroup:
				inHeader = false
				rowKey = key
			case classRow:
				inHeader = false
				rowKey = key
			}
		}
		if table == report.Active && len(rowCols) > 0 {
			colKeys = nil
			for _, c := range rowCols {
				_, key := classify(table, c.Text, true)
				colKeys = append(colKeys, key)
			}
		}
		if gl.run != nil {
			g.split(gl, rowKey, colKeys)
		}
		pendingLines = append(pendingLines, gl)
	}
	flush()
	return toks
}

// join joins to line i the lines after it that continue it, as text
// extracted from a PDF in its content stream order (pdftotext -raw, or
// copied from a PDF viewer) wraps a table's labels: a label wrapped in its
// narrow cell (（二）部分公开（区分处理的，只计这一情 / 形，不计其他情形）, or
// （三） / 不予公 / 开), and a row's numbers on a line of their own after
// its wrapped label. Lines are joined only when together they make a
// template label that runs across the line break, when a line of numbers
// alone follows a row label that has none, or when a header of 表二 so
// joined goes on with more column labels on the next line: never in text
// whose rows each stand on a line. gl is line i cut alone. join returns the
// joined line and how many lines it took after line i, or 0.
func (g *gluer) join(lines []string, i int, gl *gluedLine, table report.SectionKey) (*gluedLine, int) {
	took := 0
	for took < 8 && (gl == nil || gl.run == nil) {
		// The next lines, up to three, that make a label across a break.
		var next *gluedLine
		k := 0
		for step := 1; step <= 3 && i+took+step < len(lines); step++ {
			l := lines[i+took+step]
			if isBlank(l) {
				break
			}
			if _, ok := heading(l); ok {
				break
			}
			// A line that starts with a numbered label (1.属于国家秘密,
			// （一）予以公开) is no piece of one: only a 表二 header goes
			// on with one. (An unnumbered piece such as 其他处 may look
			// like a label: it is tried.)
			fl := foldLine(l).f
			num, words := report.SplitNumber(fl)
			startsLabel := num != "" && matchLabel(table, fl) > 0
			if startsLabel && !(table == report.Active && step == 1 && took > 0) {
				break
			}
			// A piece of a wrapped label is short and has no digits but
			// its number; a line of numbers may follow a row label.
			// Anything else (the rows of glued text) goes on nothing.
			numbers := numbersOnly(l)
			if !numbers && (utf8.RuneCountInString(words) > 24 || strings.ContainsAny(words, "0123456789")) {
				break
			}
			cand := g.cut(i+1, "", table, lines[i:i+took+step+1]...)
			if cand != nil && (crosses(cand, took+1, took+step) ||
				gl != nil && rowOnly(gl, table) && cand.run != nil && numbers ||
				table == report.Active && step == 1 && took > 0 && columnsOnly(gl, table) && columnsOnly(g.cut(i+took+2, l, table), table)) {
				next, k = cand, step
				break
			}
		}
		if next == nil {
			break
		}
		gl, took = next, took+k
	}
	if took == 0 {
		return nil, 0
	}
	return gl, took
}

// finishLabel finishes the label of a row whose numbers stand on the line
// with the first part of its label, the rest of the label coming after a
// page break (5.要求行政机关确认或重新出具已获 0 0 0 0 0 0 0 / — 1 — / 取信息),
// as PDF text in content stream order has it. When the text before the
// run of gl is no label but makes a row label of the template with the next
// line that is not a page number, that line is added to the label, and
// finishLabel returns how many lines after line i it took; else 0.
func (g *gluer) finishLabel(lines []string, i int, gl *gluedLine, table report.SectionKey) int {
	if gl == nil || gl.run == nil || gl.known != len(gl.labels)-1 {
		return 0
	}
	k := i + 1
	for k < len(lines) && k <= i+3 && (isBlank(lines[k]) || isPageLine(lines[k])) {
		k++
	}
	if k >= len(lines) || k > i+3 {
		return 0
	}
	rest := foldLine(lines[k]).f
	if rest == "" || matchLabel(table, rest) > 0 || strings.ContainsAny(rest, "0123456789") || utf8.RuneCountInString(rest) > 30 {
		return 0
	}
	if _, ok := heading(lines[k]); ok {
		return 0
	}
	last := &gl.labels[len(gl.labels)-1]
	whole := report.Fold(last.Text) + rest
	if matchLabel(table, whole) != len(whole) {
		return 0
	}
	if cl, _ := classify(table, whole, false); cl != classRow {
		return 0
	}
	last.Text = strings.TrimRightFunc(last.Text, isBlankRune) + "\n" + lines[k]
	return k - i
}

// wrappedHeader reads the header of 表三 wrapped column by column, as a
// PDF's text in content stream order has it: the first line of each header
// cell on one line, the second lines of the cells that wrap on the next (a
// page number may come between):
//
//	商业企业 科研 社会公 法律服务 其他
//	机构 益组织 机构
//
// Line i's words are read in order; each word of the next line must finish
// one of them (科研 + 机构) into a column label of the table, and every word
// of line i it does not finish must be a column label as it stands. Only
// then are the lines a header: wrappedHeader returns its labels (each with
// the position of its first piece, its pieces joined by "\n") and how many
// lines after line i it took; else nil, 0.
func wrappedHeader(lines []string, i int, table report.SectionKey) (*gluedLine, int) {
	k := i + 1
	for k < len(lines) && k <= i+3 && (isBlank(lines[k]) || isPageLine(lines[k])) {
		k++
	}
	if k >= len(lines) || k > i+3 {
		return nil, 0
	}
	// A header's line holds a few words: a line of many is none, and is
	// not split whole to be told so.
	const most = 24
	first, second := wordsAt(i+1, lines[i], most), wordsAt(k+1, lines[k], most)
	if len(first) < 2 || len(second) == 0 || len(second) > len(first) {
		return nil, 0
	}
	isColumn := func(s string) bool {
		cl, _ := classify(table, s, true)
		return cl == classColumn
	}
	gl := &gluedLine{n: k + 1, fl: foldLine(lines[k])} // its row ends where line k does
	j := 0
	for _, w := range second {
		for j < len(first) && !isColumn(first[j].Text+w.Text) {
			if !isColumn(first[j].Text) {
				return nil, 0
			}
			gl.labels = append(gl.labels, first[j])
			j++
		}
		if j == len(first) {
			return nil, 0
		}
		t := first[j]
		t.Text += "\n" + w.Text
		gl.labels = append(gl.labels, t)
		j++
	}
	for ; j < len(first); j++ {
		if !isColumn(first[j].Text) {
			return nil, 0
		}
		gl.labels = append(gl.labels, first[j])
	}
	gl.known = len(gl.labels)
	return gl, k - i
}

// wordsAt returns the words of line n, split at white space, as cell
// tokens with their positions; nil if it has more than most.
func wordsAt(n int, line string, most int) []Token {
	var out []Token
	col, start, startCol := 0, -1, 0
	for b, r := range line {
		col++
		if isBlankRune(r) {
			if start >= 0 {
				if len(out) == most {
					return nil
				}
				out = append(out, Token{Kind: CellToken, Text: line[start:b], Line: n, Col: startCol})
				start = -1
			}
			continue
		}
		if start < 0 {
			start, startCol = b, col
		}
	}
	if start >= 0 {
		out = append(out, Token{Kind: CellToken, Text: line[start:], Line: n, Col: startCol})
	}
	return out
}

// crosses reports whether a template label of gl runs across the start of one of
// its lines from the first to the last (0-based, within gl's text).
func crosses(gl *gluedLine, first, last int) bool {
	fl := gl.fl
	for k := first; k <= last && k < len(fl.starts); k++ {
		b := fl.starts[k]
		for _, sp := range gl.spans {
			// Its words, from their first character to their last: not
			// its number, which digits on the line before would
			// lengthen (0000000 / 二、上年结转…).
			num, _ := report.SplitNumber(fl.f[sp[0]:sp[1]])
			if fl.orig[sp[0]+len(num)] < b && fl.orig[sp[1]-1] >= b {
				return true
			}
		}
	}
	return false
}

// rowOnly reports whether gl is a row label without its numbers.
func rowOnly(gl *gluedLine, table report.SectionKey) bool {
	if gl.run != nil || len(gl.labels) == 0 {
		return false
	}
	cl, _ := classify(table, gl.labels[len(gl.labels)-1].Text, false)
	return cl == classRow
}

// columnsOnly reports whether gl holds column labels of 表二 and nothing
// else (but the item and header labels before them): a header, whose wrapped labels join gave it, continued on the next
// line.
func columnsOnly(gl *gluedLine, table report.SectionKey) bool {
	if gl == nil || gl.run != nil || gl.known != len(gl.labels) || len(gl.labels) == 0 {
		return false
	}
	for _, t := range gl.labels {
		if cl, _ := classify(table, t.Text, true); cl != classColumn && cl != classHeader && cl != classItem {
			return false
		}
	}
	return true
}

// numbersOnly reports whether a line holds numbers and nothing else.
func numbersOnly(line string) bool {
	fs := strings.Fields(line)
	for _, f := range fs {
		if !isNumber(f) {
			return false
		}
	}
	return len(fs) > 0
}

// cut cuts a line of a table section into template labels and a run of
// digits. It returns nil if the line is prose. Given joined, it cuts the
// lines n, n+1, … joined instead of line.
func (g *gluer) cut(n int, line string, table report.SectionKey, joined ...string) *gluedLine {
	fl := foldLine(line)
	if joined != nil {
		fl = foldLines(n, joined)
	}
	gl := &gluedLine{n: n, fl: fl}
	f := fl.f
	p := 0
	for p < len(f) {
		m := matchLabel(table, f[p:])
		if m == 0 {
			break
		}
		gl.labels = append(gl.labels, fl.token(n, p, p+m))
		gl.spans = append(gl.spans, [2]int{p, p + m})
		p += m
	}
	gl.known = len(gl.labels)
	// A unit after the last number (75394432.52元) is the last cell's:
	// the digits before it are cut, the unit goes with the last cell.
	unitEnd := len(f)
	for _, u := range report.Units {
		if len(f)-len(u) > p && strings.HasSuffix(f, u) && isRunByte(f[len(f)-len(u)-1]) {
			f = f[:len(f)-len(u)]
			break
		}
	}
	rest := f[p:]
	if rest == "" {
		if len(gl.labels) == 0 {
			return nil
		}
		return gl
	}
	rs := p + runStart(rest)
	if rs > p {
		// Text that is no label: a row label the template does not know,
		// if it is short and followed by digits; else the line is prose.
		unknown := f[p:rs]
		if rs == len(f) || utf8.RuneCountInString(unknown) > 30 || strings.ContainsAny(unknown, "。，,；;：:") {
			return nil
		}
		gl.labels = append(gl.labels, fl.token(n, p, rs))
	}
	if !strings.ContainsAny(f[rs:], "0123456789") {
		return nil
	}
	gl.run = &gluedRun{start: rs, end: len(f), unitEnd: unitEnd, table: table}
	return gl
}

// split finds the ways to cut the run of gl into the cells of its row.
func (g *gluer) split(gl *gluedLine, rowKey string, colKeys []string) {
	run := gl.run
	digits := gl.fl.f[run.start:run.end]
	var kinds []report.ValueKind
	var check func(parts []string) bool
	switch run.table {
	case report.Requests:
		if rowKey == "" {
			run.raw = true
			return
		}
		run.row, run.cols = rowKey, requestColumns
		for range requestColumns {
			kinds = append(kinds, report.Count)
		}
		run.why = "the total equal to the sum of the six applicant columns"
		ids := rowIdentities(report.Requests)
		check = func(parts []string) bool { return rowHolds(ids, requestColumns, parts) }
	case report.Active:
		if rowKey == "" || len(colKeys) == 0 {
			run.raw = true
			return
		}
		run.row, run.cols = rowKey, colKeys
		for _, k := range colKeys {
			c := activeColumn(rowKey, k)
			if c == nil {
				run.raw = true
				return
			}
			kinds = append(kinds, c.Kind)
		}
		run.why = "the kinds of the columns"
		check = func([]string) bool { return true }
	case report.Appeals:
		spec := report.TemplateFor(report.V2021).Table(report.Appeals)
		var groups [][2]int // each group's columns in run.cols
		var groupCols [][]string
		for _, r := range spec.Rows {
			groups = append(groups, [2]int{len(run.cols), len(run.cols) + len(r.Columns)})
			groupCols = append(groupCols, keysOf(r.Columns))
			for _, c := range r.Columns {
				run.cols = append(run.cols, r.Key+"."+c.Key)
				kinds = append(kinds, report.Count)
			}
		}
		run.why = "each group's total equal to the sum of its four results"
		ids := rowIdentities(report.Appeals)
		check = func(parts []string) bool {
			for i, g := range groups {
				if len(parts) > g[0] && !rowHolds(ids, groupCols[i], parts[g[0]:min(len(parts), g[1])]) {
					return false
				}
			}
			return true
		}
	}
	if len(digits) > maxRunDigits {
		run.incomplete, run.tooLong = true, true
		return
	}
	run.cands, run.incomplete = enumerate(digits, gl.fl.cut[run.start:run.end], kinds, check)
	if run.table == report.Requests && len(run.cands) == 0 && !run.incomplete {
		// No cut gives the row its total: a number is wrong as
		// published. The cuts by the columns' kinds alone are kept, for
		// the other rows' sums to tell (acrossRows); the row's own sum
		// is left to validate to report.
		if cands, inc := enumerate(digits, gl.fl.cut[run.start:run.end], kinds, func([]string) bool { return true }); !inc && len(cands) > 0 {
			run.cands, run.relaxed = cands, true
		}
	}
	for _, c := range run.cands {
		for i := range c {
			c[i] += run.start // offsets in the folded line
		}
	}
	if len(run.cands) == 1 && !run.incomplete {
		run.done = true
	}
}

// activeColumn returns the spec of a column of a row of 表二, in either
// template.
func activeColumn(row, col string) *report.ColumnSpec {
	for _, t := range report.Templates() {
		if c := t.Table(report.Active).Row(row).Column(col); c != nil {
			return c
		}
	}
	return nil
}

// enumerate returns every way to cut s into len(kinds) numbers, each valid
// for its kind, that check accepts (check sees the parts so far after each
// part and may prune), as the cut points of each split. cut marks the
// positions where a cut must be. It gives up, with incomplete true, after
// maxSplitWork steps.
func enumerate(s string, cut []bool, kinds []report.ValueKind, check func([]string) bool) (out [][]int, incomplete bool) {
	n := len(kinds)
	work := 0
	parts := make([]string, 0, n)
	ends := make([]int, 0, n)
	var rec func(i int) bool
	rec = func(i int) bool {
		k := len(parts)
		if k == n {
			if i == len(s) {
				out = append(out, slices.Clone(ends))
			}
			return true
		}
		lo, hi := i+1, len(s)-(n-k-1)
		if k == n-1 {
			lo = len(s) // the last part runs to the end
		}
		for end := i + 1; end <= hi; end++ {
			work++
			if work > maxSplitWork {
				return false
			}
			if end-1 > i && cut[end-1] {
				break // white space stands inside: no part crosses it
			}
			if end < lo || !validPart(s[i:end], kinds[k]) {
				continue
			}
			parts = append(parts, s[i:end])
			ends = append(ends, end)
			ok := check(parts)
			if ok && !rec(end) {
				return false
			}
			parts, ends = parts[:k], ends[:k]
		}
		return true
	}
	if n == 0 {
		return nil, false
	}
	return out, !rec(0)
}

// validPart reports whether s is a number of the kind, written without
// leading zeros.
func validPart(s string, kind report.ValueKind) bool {
	if kind == report.Signed && strings.HasPrefix(s, "-") {
		s = s[1:]
	}
	intPart, frac, dot := strings.Cut(s, ".")
	if dot && (kind != report.Decimal || frac == "" || strings.ContainsAny(frac, ".-")) {
		return false
	}
	if intPart == "" || strings.Contains(intPart, "-") || len(intPart) > 1 && intPart[0] == '0' {
		return false
	}
	for _, c := range []byte(intPart + frac) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// values returns the numbers of a candidate split, for arithmetic.
func (run *gluedRun) values(fl folded, c []int) []int64 {
	out := make([]int64, len(c))
	start := run.start
	for i, end := range c {
		out[i], _ = strconv.ParseInt(fl.f[start:end], 10, 64)
		start = end
	}
	return out
}

// acrossRows narrows the candidates of the 表三 rows that are not read yet
// by the column constraints: rule 1 (一 + 二 = 总计 + 结转) and rule 3
// (总计 = the sum of the outcome rows), where every other row they involve
// has been read. A constraint that no candidate satisfies (the published
// table breaks it) narrows nothing.
func (g *gluer) acrossRows(lines []*gluedLine) {
	rows := map[string]*gluedLine{}
	for _, gl := range lines {
		if gl.run == nil || gl.run.raw || gl.run.row == "" || gl.run.incomplete {
			continue
		}
		if _, dup := rows[gl.run.row]; dup {
			continue
		}
		rows[gl.run.row] = gl
	}
	// The template's identities down the columns (rules 1 and 3), of
	// either template: one whose rows are not all in the text tells
	// nothing.
	type rule struct {
		left, right []string
	}
	var rules []rule
	for _, id := range columnIdentities(report.Requests) {
		rules = append(rules, rule{id.Left, id.Right})
	}
	narrow := func(tol int) (changed bool) {
		for _, r := range rules {
			var open *gluedLine
			var openLeft bool
			ok := true
			for side, keys := range [][]string{r.left, r.right} {
				for _, k := range keys {
					gl := rows[k]
					switch {
					case gl == nil:
						ok = false
					case gl.run.done:
					case open == nil:
						open, openLeft = gl, side == 0
					default:
						ok = false // two rows open: no narrowing
					}
				}
			}
			if !ok || open == nil || len(open.run.cands) == 0 || tol > 0 && !open.run.relaxed {
				continue
			}
			// The open row must make both sides equal in every column.
			sum := func(keys []string) []int64 {
				s := make([]int64, len(requestColumns))
				for _, k := range keys {
					gl := rows[k]
					if gl == open {
						continue
					}
					for i, v := range gl.run.values(gl.fl, gl.run.cands[0]) {
						s[i] += v
					}
				}
				return s
			}
			left, right := sum(r.left), sum(r.right)
			var keep [][]int
			for _, c := range open.run.cands {
				v := open.run.values(open.fl, c)
				bad := 0
				for i := range v {
					l, rt := left[i], right[i]
					if openLeft {
						l += v[i]
					} else {
						rt += v[i]
					}
					if l != rt {
						bad++
					}
				}
				if bad <= tol {
					keep = append(keep, c)
				}
			}
			switch {
			case tol > 0 && len(keep) == 1:
				// The one cut that leaves at most one column not adding
				// up: the published numbers, one of them wrong.
				open.run.cands, open.run.done = keep, true
				changed = true
			case tol == 0 && len(keep) > 0 && len(keep) < len(open.run.cands):
				open.run.cands = keep
				if len(keep) == 1 {
					open.run.done = true
				}
				changed = true
			}
		}
		return changed
	}
	for narrow(0) || narrow(1) {
	}
}

// emit returns the tokens of a table line: its labels, the cells of its
// run when they could be told, and a row end; and reports the runs that
// could not be split.
func (g *gluer) emit(gl *gluedLine) []Token {
	var toks []Token
	run := gl.run
	fl := gl.fl
	switch {
	case run == nil:
		toks = append(toks, gl.labels...)
	case run.raw:
		toks = append(toks, gl.labels...)
		toks = append(toks, fl.token(gl.n, run.start, max(run.end, run.unitEnd)))
	case run.done:
		toks = append(toks, gl.labels...)
		start := run.start
		for _, end := range run.cands[0] {
			if end == run.end {
				end = max(end, run.unitEnd)
			}
			toks = append(toks, fl.token(gl.n, start, end))
			start = end
		}
	default:
		// Not read: the row's label goes too, so that the binder does not
		// report the row again; the labels before it (a group) stay.
		if run.table != report.Appeals && len(gl.labels) > 0 {
			toks = append(toks, gl.labels[:len(gl.labels)-1]...)
		}
		at := fl.token(gl.n, run.start, run.end)
		g.report(gl, at)
		return append(toks, Token{Kind: RowEndToken, Line: at.Line, Col: at.Col})
	}
	line, col := fl.end(gl.n)
	return append(toks, Token{Kind: RowEndToken, Line: line, Col: col})
}

// report adds the error about a run that was not split.
func (g *gluer) report(gl *gluedLine, at Token) {
	run := gl.run
	se := &SplitError{Table: run.table, Row: run.row, Columns: run.cols, Digits: at.Text, Incomplete: run.incomplete}
	var shown []string
	for _, c := range run.cands {
		var parts []string
		start := run.start
		for _, end := range c {
			parts = append(parts, gl.fl.line[gl.fl.orig[start]:gl.fl.orig[end]])
			start = end
		}
		se.Candidates = append(se.Candidates, parts)
		if len(shown) < maxListed {
			shown = append(shown, strings.Join(parts, " "))
		}
	}
	name := report.TemplateFor(report.V2021).Table(run.table).Name
	what := name + " data row"
	if run.row != "" {
		what = name + " row " + quote(run.row)
		if len(gl.labels) > 0 {
			what = name + " row " + quote(trimSpace(gl.labels[len(gl.labels)-1].Text))
		}
	}
	var msg string
	switch {
	case run.tooLong:
		msg = fmt.Sprintf("%s: %q has too many digits (more than %d) to cut into %d cells; its cells are not read", what, at.Text, maxRunDigits, len(run.cols))
	case run.incomplete && len(shown) == 0:
		msg = fmt.Sprintf("%s: too many ways to cut %q into %d cells to try them all, none found with %s; its cells are not read", what, at.Text, len(run.cols), run.why)
	case run.incomplete:
		msg = fmt.Sprintf("%s: too many ways to cut %q into %d cells to try them all; with %s %d found, such as %s; its cells are not read", what, at.Text, len(run.cols), run.why, len(run.cands), strings.Join(shown, " | "))
	case len(run.cands) == 0:
		msg = fmt.Sprintf("%s: no way to cut %q into %d cells gives %s (a number may be wrong as published, or a cell blank or text); its cells are not read", what, at.Text, len(run.cols), run.why)
	case run.relaxed:
		more := ""
		if len(run.cands) > len(shown) {
			more = fmt.Sprintf(" and %d more", len(run.cands)-len(shown))
		}
		msg = fmt.Sprintf("%s: no way to cut %q into %d cells gives %s (a number is wrong as published); of the %d cuts by the columns' kinds, the sums down the columns single out none: %s%s; its cells are not read", what, at.Text, len(run.cols), run.why, len(run.cands), strings.Join(shown, " | "), more)
	default:
		more := ""
		if len(run.cands) > len(shown) {
			more = fmt.Sprintf(" and %d more", len(run.cands)-len(shown))
		}
		msg = fmt.Sprintf("%s: %q can be cut into %d cells in %d ways with %s: %s%s; its cells are not read", what, at.Text, len(run.cols), len(run.cands), run.why, strings.Join(shown, " | "), more)
	}
	g.errs.list = append(g.errs.list, &Error{Line: at.Line, Col: at.Col, Err: se, Msg: msg})
}
