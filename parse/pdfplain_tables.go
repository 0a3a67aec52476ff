package parse

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/opengovcn/annualreport/report"
)

// How plain pdftotext writes a table, and how it is read back.
//
// pdftotext without -layout cuts a page into blocks of text and writes them
// in reading order, a blank line between blocks. A table comes out in two
// parts. The row labels run down the page in one block (the label flow),
// with the group labels' words mixed in, and with them, line by line, the
// numbers of the first k columns when those stand close to the labels:
// these come row by row, the k numbers of a row after its label (or on its
// last line). The numbers of the other c = 7 - k columns (in table 三) come
// after, in bands: the rows of a band are rows of one height, one line
// each, and a taller row (a label on two or three lines) is a band of its
// own; for each band, each of the c columns is a block of its own, top to
// bottom, the columns left to right, the bands top to bottom. A page break
// starts it all again. Header words stand among these blocks (科研 / 机构),
// and are not numbers.
//
// So on each page the rows are the row labels that start there (R), the
// numbers in the label flow are R×k, and the blocks after it make groups of
// c blocks of one size each, the sizes adding up to R. These fix k and c,
// and every number's row and column: nothing is guessed. A page whose
// numbers do not fit (a blank cell, which leaves no number in the text; a
// word in a cell; a layout not seen before) is reported, and its rows are
// not read.

// plainLine is a line of a table section of plain pdftotext text, with the
// number of the page it is on.
type plainLine struct {
	n, page int
	text    string
}

// plainField is a word of a table's line: a number, or other text.
type plainField struct {
	text string
	num  bool
	line int
	col  int
}

func (f plainField) token() Token {
	return Token{Kind: CellToken, Text: f.text, Line: f.line, Col: f.col}
}

// plainBlock is a run of lines between blank lines (and page numbers).
type plainBlock struct {
	page  int
	lines [][]plainField
}

// numbers returns the block's numbers, in order.
func (b plainBlock) numbers() []plainField {
	n := 0
	for _, l := range b.lines {
		for _, f := range l {
			if f.num {
				n++
			}
		}
	}
	out := make([]plainField, 0, n)
	for _, l := range b.lines {
		for _, f := range l {
			if f.num {
				out = append(out, f)
			}
		}
	}
	return out
}

// plainBlocks cuts the lines of a table section into blocks of fields.
func plainBlocks(lines []plainLine, st *stopper) []plainBlock {
	var out []plainBlock
	var cur *plainBlock
	for _, l := range lines {
		if st.stop(l.n) {
			return nil
		}
		fields := plainFields(l)
		if len(fields) == 0 || isPageLine(l.text) {
			cur = nil
			continue
		}
		if cur == nil || cur.page != l.page {
			out = append(out, plainBlock{page: l.page})
			cur = &out[len(out)-1]
		}
		cur.lines = append(cur.lines, fields)
	}
	return out
}

// plainFields splits a line into its words, at white space (a page's
// form feed too, which counts as a character of the line's columns).
func plainFields(l plainLine) []plainField {
	words, in := 0, false
	for i := 0; i < len(l.text); i++ {
		blank := strings.IndexByte(" \t\r\f", l.text[i]) >= 0
		if !blank && !in {
			words++
		}
		in = !blank
	}
	out := make([]plainField, 0, words) // about: a wide blank (U+3000) may cut a word more
	start := -1
	col, startCol := 1, 0
	flush := func(end int) {
		if start >= 0 {
			w := l.text[start:end]
			out = append(out, plainField{text: w, num: isPlainNumber(w), line: l.n, col: startCol})
			start = -1
		}
	}
	for i, r := range l.text {
		if r == ' ' || r == '\t' || r == '\u3000' || r == '\u00a0' || r == '\r' || r == '\f' {
			flush(i)
		} else if start < 0 {
			start, startCol = i, col
		}
		col++
	}
	flush(len(l.text))
	return out
}

// isPlainNumber reports whether a word is a number: digits, with a
// decimal point and a sign perhaps, in any width.
func isPlainNumber(w string) bool {
	w = report.Fold(w)
	w = strings.TrimPrefix(w, "-")
	dot := false
	for i := 0; i < len(w); i++ {
		switch c := w[i]; {
		case c >= '0' && c <= '9':
		case c == '.' && !dot && i > 0 && i < len(w)-1:
			dot = true
		default:
			return false
		}
	}
	return w != ""
}

// plainTable reads the lines of a table section, whose heading is head.
func plainTable(s *report.SectionSpec, head Token, lines []plainLine, st *stopper) ([]Token, Errors) {
	blocks := plainBlocks(lines, st)
	if st.stopped() {
		return nil, nil // stopped in the table: it is not read, and the stop says where
	}
	if len(blocks) == 0 {
		return nil, Errors{&Error{Line: head.Line, Col: head.Col, Err: ErrMissing,
			Msg: fmt.Sprintf("%s: nothing follows its heading; it is not read", s.Table.Name)}}
	}
	switch s.Key {
	case report.Requests:
		return plainRequests(blocks)
	case report.Appeals:
		return plainAppeals(blocks)
	}
	return plainActive(blocks)
}

// plainError returns an error at the first word of the blocks, of which
// there is one at least, that says what could not be read.
func plainError(blocks []plainBlock, format string, args ...any) *Error {
	f := blocks[0].lines[0][0]
	return &Error{Line: f.line, Col: f.col, Err: ErrAmbiguous, Msg: fmt.Sprintf(format, args...)}
}

// plainRow is a row label of table 三 found in the label flow.
type plainRow struct {
	page  int
	label Token
	body  string // the label's words so far, folded, without its number
	key   string // the row's key once the label is whole
	group bool   // a group label that is a row by itself (2019 （六）其他处理)
	skips int    // words passed over since the label's last one
}

// reqLabel tells whether the words s (joined) start a row label of table
// 三: the label of a row, numbered, whole (key) or its start (a label
// wrapped in its narrow cell), or a group label that is a row by itself.
func reqLabel(s string) (body, key string, group, ok bool) {
	num, body := report.SplitNumber(report.Fold(stripBlanks(s)))
	if num == "" || body == "" {
		return "", "", false, false
	}
	if k, ok := lookup(index.reqRows, body); ok {
		return body, k, false, true
	}
	if k := index.reqGroups[body]; k != "" {
		return body, k, true, true
	}
	if utf8.RuneCountInString(body) >= 2 && reqLabelPrefix(body) {
		return body, "", false, true
	}
	return "", "", false, false
}

// reqLabelPrefix reports whether body starts a row label of table 三.
func reqLabelPrefix(body string) bool {
	for k := range index.reqRows {
		if strings.HasPrefix(k, body) {
			return true
		}
	}
	return false
}

// groupItems maps each group of table 三 (folded, without number) to the
// keys of its item rows, in both templates.
var groupItems = func() map[string]map[string]bool {
	m := map[string]map[string]bool{}
	for _, t := range report.Templates() {
		for _, r := range t.Table(report.Requests).Rows {
			for _, p := range r.Path {
				k := labelKey(p)
				if m[k] == nil {
					m[k] = map[string]bool{}
				}
				m[k][r.Key] = true
			}
		}
	}
	return m
}()

// plainRequests reads table 三 as the comment at the top of this file
// says.
func plainRequests(blocks []plainBlock) ([]Token, Errors) {
	if toks, ok := rowMajorRequests(blocks); ok {
		return toks, nil
	}
	var rows []*plainRow
	var cur *plainRow // a label not yet whole
	start := func(r *plainRow) {
		if n := len(rows); n > 0 && rows[n-1].group && groupItems[rows[n-1].body][r.key] {
			rows = rows[:n-1] // the group has items: it is no row
		}
		rows = append(rows, r)
		cur = nil
		if r.key == "" {
			cur = r
		}
	}
	label := make([]bool, len(blocks)) // the blocks of the label flow
	for i, b := range blocks {
		label[i] = hasReqLabel(b)
	}
	for i, b := range blocks {
		if !label[i] && len(b.numbers()) > 0 {
			continue // a block of numbers, with header words perhaps
		}
		for _, l := range b.lines {
			for j := 0; j < len(l); {
				if l[j].num {
					j++
					continue
				}
				if e, body, key, group := reqLabelAt(l, j); e > j {
					start(&plainRow{page: b.page, label: joinWords(l[j:e]), body: body, key: key, group: group})
					j = e
					continue
				}
				if cur != nil {
					w := report.Fold(l[j].text)
					if nb := cur.body + w; reqLabelPrefix(nb) {
						cur.body = nb
						cur.label.Text += sep(cur.label, l[j]) + l[j].text
						cur.skips = 0
						if k, ok := lookup(index.reqRows, nb); ok {
							cur.key, cur = k, nil
						}
					} else if cur.skips++; cur.skips > 6 {
						cur = nil // the label is not finished: the binder reports it
					}
				}
				j++
			}
		}
	}
	var toks []Token
	var errs Errors
	i := 0 // the next row
	for lo := 0; lo < len(blocks); {
		// The page's blocks are blocks[lo:hi], its rows rows[i0:i].
		p := blocks[lo].page
		hi := lo
		var flow []plainField
		var bands [][]plainField
		for ; hi < len(blocks) && blocks[hi].page == p; hi++ {
			if label[hi] {
				flow = append(flow, blocks[hi].numbers()...)
			} else if nums := blocks[hi].numbers(); len(nums) > 0 {
				bands = append(bands, nums)
			}
		}
		i0 := i
		for i < len(rows) && rows[i].page == p {
			i++
		}
		pageRows, pageBlocks := rows[i0:i], blocks[lo:hi]
		lo = hi
		cells, err := placeRequests(pageRows, flow, bands, len(requestColumns))
		if err != "" {
			e := plainError(pageBlocks, "表三: %s; the cells of this page's rows are not read (extract the text again with pdftotext -layout)", err)
			if len(pageRows) > 0 {
				e.Line, e.Col = pageRows[0].label.Line, pageRows[0].label.Col
			}
			errs = append(errs, e)
			continue
		}
		for r, row := range pageRows {
			toks = append(toks, row.label)
			for _, c := range cells[r] {
				toks = append(toks, c.token())
			}
			toks = append(toks, Token{Kind: RowEndToken, Line: row.label.Line, Col: row.label.Col})
		}
	}
	return toks, errs
}

// placeRequests places a page's numbers in its rows: the numbers of the
// label flow row by row in the first k columns, the blocks after it band
// by band in the other c. It returns the cells of each row, or why they
// cannot be placed.
func placeRequests(rows []*plainRow, flow []plainField, bands [][]plainField, cols int) ([][]plainField, string) {
	n := len(rows)
	total := len(flow)
	for _, b := range bands {
		total += len(b)
	}
	if n == 0 {
		if total > 0 {
			return nil, fmt.Sprintf("%d numbers stand on a page where no row label starts", total)
		}
		return nil, ""
	}
	if total != n*cols {
		return nil, fmt.Sprintf("%d numbers for %d rows of %d columns (a blank cell leaves no number in this text)", total, n, cols)
	}
	if len(flow)%n != 0 {
		return nil, fmt.Sprintf("%d numbers among the %d row labels, not the same number for each row", len(flow), n)
	}
	k := len(flow) / n
	out := make([][]plainField, n)
	for r := range out {
		out[r] = make([]plainField, 0, cols)
		out[r] = append(out[r], flow[r*k:(r+1)*k]...)
	}
	if c := cols - k; c > 0 {
		if why := fillBands(bands, c, n, func(r, _ int, f plainField) { out[r] = append(out[r], f) }); why != "" {
			return nil, why
		}
	}
	return out, ""
}

// hasReqLabel reports whether a row label of table 三 starts in the block.
func hasReqLabel(b plainBlock) bool {
	for _, l := range b.lines {
		for j := range l {
			if e, _, _, _ := reqLabelAt(l, j); e > j {
				return true
			}
		}
	}
	return false
}

// reqLabelAt returns the end of the longest run of words l[j:e], none a
// number, that starts a row label of table 三 (j if none), with what
// reqLabel tells of it. The run grows only while its words are the start
// of a label, so a line of many words is read once, not at every length.
func reqLabelAt(l []plainField, j int) (e int, body, key string, group bool) {
	e = j
	var acc strings.Builder
	for end := j; end < len(l) && !l[end].num; end++ {
		acc.WriteString(report.Fold(l[end].text))
		num, b := report.SplitNumber(acc.String())
		if num == "" {
			break // every label of table 三 is numbered
		}
		if b == "" {
			continue // the number alone, its label in the next word
		}
		if !reqLabelPrefix(b) && index.reqGroups[b] == "" {
			break
		}
		if bb, k, g, ok := reqLabel(acc.String()); ok {
			e, body, key, group = end+1, bb, k, g
		}
	}
	return e, body, key, group
}

// joinWords returns a cell token for words of one line, at the first: the
// words joined by a space (the binder reads a label through its blanks).
func joinWords(ws []plainField) Token {
	t := ws[0].token()
	for _, w := range ws[1:] {
		t.Text += " " + w.text
	}
	return t
}

// sep is what joins a word to a label token: a line break when the word
// is on a line after the label's last.
func sep(t Token, w plainField) string {
	if w.line > t.Line+strings.Count(t.Text, "\n") {
		return "\n"
	}
	return " "
}

// plainAppeals reads table 四: its one row of fifteen numbers stands in
// order after the header's words.
func plainAppeals(blocks []plainBlock) ([]Token, Errors) {
	var nums []plainField
	var runs [][]plainField // numbers with nothing else between them
	gap := true
	for _, b := range blocks {
		for _, l := range b.lines {
			for _, f := range l {
				if !f.num {
					gap = true
					continue
				}
				if gap {
					runs = append(runs, nil)
					gap = false
				}
				runs[len(runs)-1] = append(runs[len(runs)-1], f)
				nums = append(nums, f)
			}
		}
	}
	if len(nums) != len(appealCells) {
		return nil, Errors{plainError(blocks, "表四: %d numbers for its %d cells (a blank cell leaves no number in this text); its cells are not read", len(nums), len(appealCells))}
	}
	nums, why := placeAppeals(runs)
	if why != "" {
		return nil, Errors{plainError(blocks, "表四: %s; its cells are not read", why)}
	}
	toks := make([]Token, 0, len(nums)+1)
	for _, f := range nums {
		toks = append(toks, f.token())
	}
	return append(toks, Token{Kind: RowEndToken, Line: nums[0].line, Col: nums[0].col}), nil
}

// plainItem is an item of table 二 (第二十条第（一）项) read from plain text:
// its header, its rows, the words of its column header and the numbers
// among its labels.
type plainItem struct {
	head  Token
	rows  []plainActiveRow
	words []plainField // header words, 信息内容 aside
	nums  []plainField // the numbers of the label flow, row by row
}

type plainActiveRow struct {
	label Token
	key   string
}

// plainBand is a column label of table 二 among the blocks after the label
// flow, or a number there, with the block it stands in.
type plainBand struct {
	label string // the column's label key; "" for a number
	at    plainField
	block int
}

// plainActive reads table 二. Its label flow holds the item headers, the
// rows' labels and, in the 2021 template as LibreOffice lays it out, the
// header words and then the numbers row by row; or, as a 2019 table comes
// out, only the labels, each column's label and numbers following in the
// blocks after it (and, where a column's rows are of different heights,
// bands of rows, as in table 三). The template whose columns explain all
// of it is read; when neither does, or both do differently, the table is
// reported.
func plainActive(blocks []plainBlock) ([]Token, Errors) {
	if toks, ok := rowMajorActive(blocks); ok {
		return toks, nil
	}
	var items []*plainItem
	var bands []plainBand
	var pending *plainActiveRow // a row label not yet whole
	var pendingBody string
	for bi, b := range blocks {
		flow := false
		for _, l := range b.lines {
			if e, _, _ := activeLabelAt(l, 0); e > 0 || isItemLine(l) {
				flow = true
			}
		}
		for _, l := range b.lines {
			if !flow {
				for _, f := range l {
					bands = append(bands, plainBand{at: f, block: bi})
				}
				continue
			}
			if isItemLine(l) {
				t := joinWords(l)
				items = append(items, &plainItem{head: t})
				pending = nil
				continue
			}
			for j := 0; j < len(l); {
				f := l[j]
				if f.num {
					if len(items) > 0 {
						it := items[len(items)-1]
						it.nums = append(it.nums, f)
					}
					j++
					continue
				}
				if e, body, key := activeLabelAt(l, j); e > j && len(items) > 0 {
					it := items[len(items)-1]
					it.rows = append(it.rows, plainActiveRow{label: joinWords(l[j:e]), key: key})
					pending, pendingBody = nil, ""
					if key == "" {
						pending, pendingBody = &it.rows[len(it.rows)-1], body
					}
					j = e
					continue
				}
				if pending != nil {
					if nb := pendingBody + report.Fold(f.text); activeRowPrefix(nb) {
						pendingBody = nb
						pending.label.Text += sep(pending.label, f) + f.text
						if k, ok := lookup(index.activeRows, nb); ok {
							pending.key, pending = k, nil
						}
						j++
						continue
					}
				}
				if len(items) > 0 && !index.activeHead[labelKey(f.text)] {
					it := items[len(items)-1]
					it.words = append(it.words, f)
				}
				j++
			}
		}
	}
	if len(items) == 0 {
		return nil, Errors{plainError(blocks, "表二: no item header (第二十条第（一）项) found; its cells are not read")}
	}
	var found [][]Token
	for _, t := range report.Templates() {
		if toks, ok := placeActive(t.Table(report.Active), items, bands); ok {
			if len(found) == 0 || !slices.Equal(found[0], toks) {
				found = append(found, toks)
			}
		}
	}
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		return nil, Errors{plainError(blocks, "表二: its numbers and column labels fit neither template's columns, row by row or column by column (a blank cell leaves no number in this text); its cells are not read (extract the text again with pdftotext -layout)")}
	}
	return nil, Errors{plainError(blocks, "表二: its numbers fit both templates' columns, in different places; its cells are not read (extract the text again with pdftotext -layout)")}
}

// isItemLine reports whether a line is an item header of table 二.
func isItemLine(l []plainField) bool {
	var s strings.Builder
	for _, f := range l {
		s.WriteString(f.text)
	}
	c, _ := classify(report.Active, s.String(), false)
	return c == classItem
}

// activeLabelAt returns the end of the longest run of words l[j:e], none a
// number, that is a row label of table 二 or starts one (j if none), with
// the label's key when it is whole. As in reqLabelAt, the run grows only
// while it is the start of a label.
func activeLabelAt(l []plainField, j int) (e int, body, key string) {
	e = j
	var acc strings.Builder
	for end := j; end < len(l) && !l[end].num; end++ {
		acc.WriteString(report.Fold(l[end].text))
		b := acc.String()
		if k, ok := lookup(index.activeRows, b); ok {
			e, body, key = end+1, b, k
			continue
		}
		if !activeRowPrefix(b) {
			break
		}
		if utf8.RuneCountInString(b) >= 4 {
			e, body, key = end+1, b, ""
		}
	}
	return e, body, key
}

// activeRowPrefix reports whether body starts a row label of table 二
// and no column label.
func activeRowPrefix(body string) bool {
	for k := range index.activeCols {
		if strings.HasPrefix(k, body) {
			return false
		}
	}
	for k := range index.activeRows {
		if strings.HasPrefix(k, body) {
			return true
		}
	}
	return false
}

// placeActive places the numbers of table 二 in the columns of one
// template's table, and returns the cells the binder reads, with the
// template's column labels for the header words they stand for.
func placeActive(spec *report.TableSpec, items []*plainItem, bands []plainBand) ([]Token, bool) {
	cols := make([][]report.ColumnSpec, len(items))
	for i, it := range items {
		if len(it.rows) == 0 {
			return nil, false
		}
		for _, r := range it.rows {
			rs := spec.Row(r.key)
			if r.key == "" || rs == nil {
				return nil, false
			}
			if cols[i] == nil {
				cols[i] = rs.Columns
			} else if !slices.EqualFunc(cols[i], rs.Columns, func(a, b report.ColumnSpec) bool { return a.Key == b.Key }) {
				return nil, false
			}
		}
	}
	// cells[i][r][c] is the number in row r, column c of item i.
	cells := make([][][]plainField, len(items))
	for i, it := range items {
		cells[i] = make([][]plainField, len(it.rows))
	}
	flowNums := 0
	for _, it := range items {
		flowNums += len(it.nums)
	}
	bandNums := 0
	for _, b := range bands {
		if b.at.num {
			bandNums++
		}
	}
	switch {
	case bandNums == 0:
		// Row by row among the labels, after the header's words.
		for i, it := range items {
			n := len(cols[i])
			if len(it.nums) != n*len(it.rows) || !sameRunes(it.words, cols[i]) {
				return nil, false
			}
			for r := range it.rows {
				cells[i][r] = it.nums[r*n : (r+1)*n]
			}
		}
	case flowNums == 0:
		if !placeActiveBands(cols, items, bands, cells) {
			return nil, false
		}
	default:
		return nil, false
	}
	var toks []Token
	for i, it := range items {
		toks = append(toks, it.head)
		at := it.head
		if len(it.words) > 0 {
			at = it.words[0].token()
		}
		for _, c := range cols[i] {
			toks = append(toks, Token{Kind: CellToken, Text: c.Label, Line: at.Line, Col: at.Col})
		}
		for r, row := range it.rows {
			toks = append(toks, row.label)
			for _, f := range cells[i][r] {
				toks = append(toks, f.token())
			}
			toks = append(toks, Token{Kind: RowEndToken, Line: row.label.Line, Col: row.label.Col})
		}
	}
	return toks, true
}

// sameRunes reports whether the header words are the column labels, cut
// and mixed as plain pdftotext writes a header of narrow cells (本年制发件 /
// 数): the same characters, as many times each.
func sameRunes(words []plainField, cols []report.ColumnSpec) bool {
	count := map[rune]int{}
	for _, w := range words {
		for _, r := range report.Fold(stripBlanks(w.text)) {
			count[r]++
		}
	}
	for _, c := range cols {
		for _, r := range report.Fold(stripBlanks(c.Label)) {
			count[r]--
		}
	}
	for _, n := range count {
		if n != 0 {
			return false
		}
	}
	return true
}

// placeActiveBands places the numbers of the blocks after the label flow:
// each column's label, then its numbers; or the labels of c columns of an
// item, then its rows' numbers in bands (as in table 三: per band, a block
// per column). Each label goes to the first item, in order, that has the
// column and has not had it yet; every item must get all its columns.
func placeActiveBands(cols [][]report.ColumnSpec, items []*plainItem, bands []plainBand, cells [][][]plainField) bool {
	done := make([]map[string]bool, len(items))
	for i := range done {
		done[i] = map[string]bool{}
	}
	// The items' column labels, folded, once each.
	var labels []foldedColumn
	seen := map[string]bool{}
	for _, cs := range cols {
		for _, c := range cs {
			f := foldedColumn{report.Fold(stripBlanks(c.Label)), c.Key}
			if !seen[f.label+"\x00"+f.key] {
				seen[f.label+"\x00"+f.key] = true
				labels = append(labels, f)
			}
		}
	}
	next := map[string]int{} // per column, the first item that may not have had it
	// The labels: words joined while they are a column label's start.
	var seq []plainBand
	word := ""
	var wordAt plainBand
	for _, b := range bands {
		if b.at.num {
			if word != "" {
				return false
			}
			seq = append(seq, b)
			continue
		}
		w := report.Fold(stripBlanks(b.at.text))
		if word == "" {
			wordAt = b
		}
		word += w
		if k, whole := columnLabel(labels, word); k == "" {
			return false
		} else if whole {
			wordAt.label = k
			seq = append(seq, wordAt)
			word = ""
		}
	}
	if word != "" {
		return false
	}
	for i := 0; i < len(seq); {
		// A group of column labels, then the numbers up to the next label.
		j := i
		for j < len(seq) && seq[j].label != "" {
			j++
		}
		k := j
		for k < len(seq) && seq[k].label == "" {
			k++
		}
		group, nums := seq[i:j], seq[j:k]
		if len(group) == 0 {
			return false // numbers before any label
		}
		item := -1
		var ci []int // the columns' indexes in the item
		for _, g := range group {
			it, c := nextItem(cols, done, next, g.label)
			if it < 0 || item >= 0 && it != item {
				return false
			}
			item = it
			ci = append(ci, c)
			done[it][g.label] = true
		}
		if !placeBandsActive(cells[item], ci, len(cols[item]), nums) {
			return false
		}
		i = k
	}
	for i := range items {
		if len(done[i]) != len(cols[i]) {
			return false
		}
	}
	return true
}

// foldedColumn is a column label of table 二, folded, and its key.
type foldedColumn struct{ label, key string }

// columnLabel returns the key of the column label that word is (whole
// true) or starts, or "".
func columnLabel(labels []foldedColumn, word string) (key string, whole bool) {
	for _, c := range labels {
		if c.label == word {
			return c.key, true
		}
		if strings.HasPrefix(c.label, word) {
			key = c.key
		}
	}
	return key, false
}

// nextItem returns the first item that has the column and has not had it,
// and the column's index in it; -1 if none. next[key] keeps where to look
// from: the items are given their columns in order.
func nextItem(cols [][]report.ColumnSpec, done []map[string]bool, next map[string]int, key string) (int, int) {
	for i := next[key]; i < len(cols); i++ {
		for c, col := range cols[i] {
			if col.Key == key && !done[i][key] {
				next[key] = i + 1
				return i, c
			}
		}
	}
	next[key] = len(cols)
	return -1, -1
}

// placeBandsActive places the numbers of the columns ci of an item's rows:
// one column's numbers in order, or several columns' in bands.
func placeBandsActive(rows [][]plainField, ci []int, ncols int, nums []plainBand) bool {
	c := len(ci)
	if len(nums) != c*len(rows) {
		return false
	}
	var blocks [][]plainField
	for i, b := range nums {
		if i == 0 || c > 1 && nums[i-1].block != b.block {
			blocks = append(blocks, nil) // one column's numbers are one run
		}
		blocks[len(blocks)-1] = append(blocks[len(blocks)-1], b.at)
	}
	for r := range rows {
		if rows[r] == nil {
			rows[r] = make([]plainField, ncols)
		}
	}
	return fillBands(blocks, c, len(rows), func(r, m int, f plainField) { rows[r][ci[m]] = f }) == ""
}

// fillBands places blocks of numbers that make n rows of c columns in
// bands: each band is c blocks of one length, a column's numbers top to
// bottom, the columns left to right, the bands top to bottom. put(r, m,
// f) puts the number f in row r and the m-th of the c columns. It returns
// why the blocks make no such rows, or "".
func fillBands(blocks [][]plainField, c, n int, put func(r, m int, f plainField)) string {
	if len(blocks)%c != 0 {
		return fmt.Sprintf("%d blocks of numbers for %d columns", len(blocks), c)
	}
	r0 := 0
	for g := 0; g < len(blocks); g += c {
		size := len(blocks[g])
		for _, b := range blocks[g : g+c] {
			if len(b) != size {
				return fmt.Sprintf("the blocks of numbers of a band of rows differ in length (%d, %d)", size, len(b))
			}
		}
		if r0+size > n {
			return fmt.Sprintf("the blocks of numbers make more than the %d rows", n)
		}
		for t := range size {
			for m, b := range blocks[g : g+c] {
				put(r0+t, m, b[t])
			}
		}
		r0 += size
	}
	if r0 != n {
		return fmt.Sprintf("the blocks of numbers make %d rows, not %d", r0, n)
	}
	return ""
}

// rowMajorRequests reads table 三 as WPS and Word lay it out in plain
// text: each row's seven numbers together and the rows in the template's
// order, a row label that has its numbers beside it standing just before
// them, and the labels of the rows whose label cell is taller than the
// row (a group's labels, merged cells) elsewhere, before or after. The
// text must say so, not the numbers: all of the table's numbers are the
// template's rows × 7, and every whole row label followed at once by a
// number has seven numbers before it for each row above it (three such
// labels at least, none otherwise). The template whose rows fit is read;
// ok is false when neither fits, and the table is read as LibreOffice
// lays it out (plainRequests).
func rowMajorRequests(blocks []plainBlock) (toks []Token, ok bool) {
	n := 0
	for _, b := range blocks {
		for _, l := range b.lines {
			n += len(l)
		}
	}
	nums := make([]plainField, 0, n)
	type seen struct {
		key    string
		label  Token
		before int  // the numbers before it
		next   bool // a number follows it at once
	}
	var labels []seen
	for _, b := range blocks {
		for _, l := range b.lines {
			for j := 0; j < len(l); {
				if l[j].num {
					if n := len(labels); n > 0 && labels[n-1].before == len(nums) {
						labels[n-1].next = true
					}
					nums = append(nums, l[j])
					j++
					continue
				}
				if e, _, key, _ := reqLabelAt(l, j); e > j {
					if key != "" {
						labels = append(labels, seen{key: key, label: joinWords(l[j:e]), before: len(nums)})
					}
					j = e
					continue
				}
				j++
			}
		}
	}
	cols := len(requestColumns)
	for _, t := range report.Templates() {
		rows := t.Table(report.Requests).Rows
		if len(nums) != len(rows)*cols {
			continue
		}
		at := map[string]int{}
		for i, r := range rows {
			at[r.Key] = i
		}
		evidence, fits := 0, true
		found := map[string]Token{}
		for _, s := range labels {
			i, known := at[s.key]
			if !known {
				fits = false
				break
			}
			if _, dup := found[s.key]; !dup {
				found[s.key] = s.label
			}
			if s.next {
				if s.before != i*cols {
					fits = false
					break
				}
				evidence++
			}
		}
		if !fits || evidence < 3 {
			continue
		}
		group := ""
		for i, r := range rows {
			first := nums[i*cols]
			at := func(text string) Token {
				return Token{Kind: CellToken, Text: text, Line: first.line, Col: first.col}
			}
			if g := strings.Join(r.Path, "/"); len(r.Path) > 0 && g != group {
				// A group's label opens its first row, as in a table.
				toks = append(toks, at(r.Path[len(r.Path)-1]))
				group = g
			} else if len(r.Path) == 0 {
				group = ""
			}
			label, ok := found[r.Key]
			if !ok {
				label = at(r.Label) // its label stands in a merged cell's block: the template's, at its numbers
			}
			toks = append(toks, label)
			for _, f := range nums[i*cols : (i+1)*cols] {
				toks = append(toks, f.token())
			}
			toks = append(toks, Token{Kind: RowEndToken, Line: label.Line, Col: label.Col})
		}
		return toks, true
	}
	return nil, false
}

// placeAppeals places the numbers of table 四 in its fifteen cells. In
// order they are the published row when each group's 总计 is the sum of
// its four results. Otherwise the runs of numbers that stand together (in
// one line or block, nothing else between them) are taken as the cells of
// stretches of the row, in some order, as WPS writes the table's blocks
// top to bottom: every order of the runs is tried, and the one reading
// whose groups all add up is read. ok is false, with the readings, when
// none or several do.
func placeAppeals(runs [][]plainField) (cells []plainField, why string) {
	var all []plainField
	for _, r := range runs {
		all = append(all, r...)
	}
	// Each group's identity (rule 5: its 总计 is the sum of its four
	// results), from the template's data.
	spec := report.TemplateFor(report.V2021).Table(report.Appeals)
	ids := rowIdentities(report.Appeals)
	adds := func(c []plainField) bool {
		at := 0
		for _, r := range spec.Rows {
			cols := keysOf(r.Columns)
			if at+len(cols) > len(c) {
				return false
			}
			group := c[at : at+len(cols)]
			at += len(cols)
			for i := range ids {
				ok, told := holds(&ids[i], func(key string) (int64, bool) {
					j := slices.Index(cols, key)
					if j < 0 {
						return 0, false
					}
					v, ok := plainInt(group[j].text)
					if !ok {
						return -1 << 62, true // no integer: breaks the sum
					}
					return v, true
				})
				if !told || !ok {
					return false
				}
			}
		}
		return true
	}
	if adds(all) || len(runs) == 1 || len(runs) > 7 {
		return all, "" // in order: what the text says, the rules report the rest
	}
	var found [][]plainField
	key := func(c []plainField) string {
		var b strings.Builder
		for _, f := range c {
			b.WriteString(f.text)
			b.WriteByte(' ')
		}
		return b.String()
	}
	readings := map[string]bool{}
	order := make([]int, len(runs))
	for i := range order {
		order[i] = i
	}
	var permute func(k int)
	permute = func(k int) {
		if k == len(order) {
			c := make([]plainField, 0, len(all))
			for _, i := range order {
				c = append(c, runs[i]...)
			}
			if adds(c) && !readings[key(c)] {
				readings[key(c)] = true
				found = append(found, c)
			}
			return
		}
		for i := k; i < len(order); i++ {
			order[k], order[i] = order[i], order[k]
			permute(k + 1)
			order[k], order[i] = order[i], order[k]
		}
	}
	permute(0)
	switch len(found) {
	case 1:
		return found[0], ""
	case 0:
		return nil, fmt.Sprintf("its numbers in order (%s) do not add up in each group, and no order of the runs of numbers does", strings.TrimSpace(key(all)))
	}
	var list []string
	for _, c := range found {
		list = append(list, strings.TrimSpace(key(c)))
	}
	return nil, fmt.Sprintf("its numbers in order do not add up in each group, and %d orders of the runs of numbers do: %s", len(found), strings.Join(list, " | "))
}

// plainInt reads a whole number of plain text.
func plainInt(s string) (int64, bool) {
	d, ok := parseNumber(s)
	if !ok {
		return 0, false
	}
	return d.Int64()
}

// rowMajorActive reads table 二 as WPS and Word lay it out in plain text:
// every cell a block of its own, in reading order, so that each item
// header is followed by its column labels' words, and each row label at
// once by its row's numbers. It reads the table only when every row label
// is whole and followed by as many numbers as its row has columns in one
// template, whose column labels the header words are (sameRunes); ok is
// false otherwise, and the table is read as LibreOffice lays it out.
func rowMajorActive(blocks []plainBlock) (toks []Token, ok bool) {
	var items []*plainItem
	var perRow [][]int // the numbers after each row label, per item
	for _, b := range blocks {
		for _, l := range b.lines {
			if isItemLine(l) {
				items = append(items, &plainItem{head: joinWords(l)})
				perRow = append(perRow, nil)
				continue
			}
			if len(items) == 0 {
				return nil, false
			}
			it, i := items[len(items)-1], len(items)-1
			for j := 0; j < len(l); {
				f := l[j]
				switch e, _, key := activeLabelAt(l, j); {
				case f.num:
					if len(it.rows) == 0 {
						return nil, false // a number before the item's first row
					}
					it.nums = append(it.nums, f)
					perRow[i][len(perRow[i])-1]++
					j++
				case e > j:
					if key == "" {
						return nil, false // a label wrapped: not this layout
					}
					it.rows = append(it.rows, plainActiveRow{label: joinWords(l[j:e]), key: key})
					perRow[i] = append(perRow[i], 0)
					j = e
				default:
					if len(it.rows) > 0 {
						return nil, false // a word among the rows
					}
					if !index.activeHead[labelKey(f.text)] {
						it.words = append(it.words, f)
					}
					j++
				}
			}
		}
	}
	if len(items) == 0 {
		return nil, false
	}
	var found [][]Token
	for _, t := range report.Templates() {
		spec := t.Table(report.Active)
		fits := true
		for i, it := range items {
			for r, row := range it.rows {
				if rs := spec.Row(row.key); rs == nil || len(rs.Columns) != perRow[i][r] {
					fits = false
				}
			}
		}
		if !fits {
			continue
		}
		if toks, ok := placeActive(spec, items, nil); ok && (len(found) == 0 || !slices.Equal(found[0], toks)) {
			found = append(found, toks)
		}
	}
	if len(found) != 1 {
		return nil, false
	}
	return found[0], true
}
