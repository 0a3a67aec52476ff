package pdf

import (
	"math"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/opengovcn/annualreport/parse"
	"github.com/opengovcn/annualreport/report"
)

// This file turns the geometry of pages (characters with their boxes, the
// rules drawn on them) into the tokens of the shared binder, parse.Bind.
//
// Coordinates are in points, origin at the page's top-left corner, y
// growing downward. The text the reader makes of a document (Text) has a
// line per line of characters, page after page; a token's Line is the
// 1-based number of its line in that text, and its Col the 1-based column,
// in characters, of its first character there.

// glyph is a character of a page with its box.
type glyph struct {
	r              rune
	x0, y0, x1, y1 float64
}

// page is a page as the token builder reads it.
type page struct {
	n      int // 1-based
	w, h   float64
	glyphs []glyph
	rules  []rule
}

// tolerance, in points, within which two rules' coordinates are one.
const tol = 2.0

// textLine is a line of characters of a page.
type textLine struct {
	page           int
	n              int // the line's number in the document's text
	glyphs         []glyph
	x0, y0, x1, y1 float64
	text           string
	cols           []int // the column in text of each glyph, 1-based
	inTable        bool  // all its glyphs stand in a table
	drop           bool  // a page number, a running header or footer
}

// height is the line's height, at least 1.
func (l *textLine) height() float64 { return max(l.y1-l.y0, 1) }

// cell is a cell of a table found from the rules, as a box.
type cell struct {
	x0, y0, x1, y1 float64
	row, col       int // its top-left place in the grid
	glyphs         []glyph
	tok            int // the index of its token
	text           string
}

// table is a table found from the rules of a page.
type table struct {
	x0, y0, x1, y1 float64
	rows           [][]*cell // cells by the grid row they start in, left to right
	xs, ys         []float64 // the grid's edges
	places         []*cell   // the cell of each place of the grid, row by row
}

// place is where a token stands: its page and box.
type place struct {
	page int
	box  report.Box
}

// document is what the token builder makes of the pages.
type document struct {
	lines  []*textLine
	toks   []parse.Token
	places map[[2]int]place // by token Line, Col
	text   []byte           // the document's text: lines joined by "\n"
	empty  []int            // pages without any character
	// paraLines are the line tokens with their lines, in order; an entry
	// with tok -1 stands for a table between them.
	paraLines []paraLine
	// last is the last table read, on page lastPage, and lines the line
	// tokens since (since): a table at the top of the next page with no line
	// between continues it.
	pos      map[glyph]glyphPos // the page's glyphs' positions, made for its first cell
	last     *table
	head     *table // the first table of the chain that last continues
	lastPage int
	since    int
}

// build turns pages into tokens.
func build(pages []page) *document {
	d := &document{places: map[[2]int]place{}}
	var perPage [][]*textLine
	var tables [][]*table
	for _, p := range pages {
		gs := cleanGlyphs(p.glyphs)
		if len(gs) == 0 {
			d.empty = append(d.empty, p.n)
		}
		ts := findTables(p, gs)
		lines := groupLines(p.n, gs, ts)
		perPage = append(perPage, lines)
		tables = append(tables, ts)
	}
	dropRunning(pages, perPage)
	var b strings.Builder
	for _, lines := range perPage {
		for _, l := range lines {
			l.n = len(d.lines) + 1
			d.lines = append(d.lines, l)
			b.WriteString(l.text)
			b.WriteByte('\n')
		}
	}
	d.text = []byte(b.String())
	for i, lines := range perPage {
		d.pageTokens(pages[i], lines, tables[i])
	}
	d.joinParagraphs()
	return d
}

// endsSentence reports whether s ends with a mark that ends a sentence.
func endsSentence(s string) bool {
	return strings.HasSuffix(s, "。") || strings.HasSuffix(s, "！") || strings.HasSuffix(s, "？") || strings.HasSuffix(s, "：")
}

// startsHeading matches the start of a heading or a sub-head: 二、, （三）.
var startsHeading = regexp.MustCompile(`^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[）)])`)

// joinParagraphs joins the lines of a paragraph into its first line's
// token: a line continues the one before it when that one runs to the
// right margin of its page and this one does not start with an indent or
// a heading's number. A paragraph goes on across a page break, not across
// a table.
func (d *document) joinParagraphs() {
	// The margins: the left one where most lines start, the right one
	// where the longest end, over the whole document (a page of little
	// prose has no margins of its own).
	type margins struct{ left, right float64 }
	var m margins
	starts := map[float64]int{}
	for _, pl := range d.paraLines {
		if pl.tok < 0 || len(pl.line.glyphs) < 8 {
			continue
		}
		starts[math.Round(pl.line.x0)]++
		m.right = max(m.right, pl.line.x1)
	}
	best := 0
	for x, n := range starts {
		if n > best || n == best && x < m.left {
			m.left, best = x, n
		}
	}
	ms := map[int]margins{}
	for _, pl := range d.paraLines {
		if pl.tok >= 0 {
			ms[pl.page.n] = m
		}
	}
	// A text whose paragraphs start with an indent (as Chinese documents
	// are typed) breaks paragraphs there and only there: a line may end
	// short of the margin before a word that did not fit or a mark that
	// may not start a line.
	indented, prose := 0, 0
	for _, pl := range d.paraLines {
		if pl.tok < 0 || len(pl.line.glyphs) < 8 {
			continue
		}
		prose++
		if m := ms[pl.page.n]; pl.line.x0 > m.left+0.8*pl.line.height() && pl.line.x0 < m.left+4*pl.line.height() {
			indented++
		}
	}
	byIndent := indented >= 3 && indented*10 >= prose
	drop := map[int]bool{}
	para := -1 // the token of the paragraph being joined
	for i, pl := range d.paraLines {
		if pl.tok < 0 {
			para = -1
			continue
		}
		if para >= 0 && i > 0 && d.paraLines[i-1].tok >= 0 {
			prev, cur := d.paraLines[i-1], pl
			h := min(prev.line.height(), cur.line.height())
			pm, cm := ms[prev.page.n], ms[cur.page.n]
			// In an indented text a line still ends its paragraph when it
			// ends a sentence two characters or more short of the margin
			// (a paragraph that is not indented, in a preamble).
			short := prev.line.x1 < pm.right-2*h
			full := pm.right > 0 && (byIndent && !(short && endsSentence(prev.line.text)) || prev.line.x1 >= pm.right-2.5*h)
			indented := cm.right == 0 || cur.line.x0 > cm.left+0.8*h
			similar := max(prev.line.height(), cur.line.height()) < 1.5*h
			if full && !indented && similar && !startsHeading.MatchString(cur.line.text) {
				d.toks[para].Text += cur.line.text
				drop[pl.tok] = true
				continue
			}
		}
		para = pl.tok
	}
	if len(drop) == 0 {
		return
	}
	out := d.toks[:0]
	for i, t := range d.toks {
		if !drop[i] {
			out = append(out, t)
		}
	}
	d.toks = out
}

// cleanGlyphs drops blanks, control characters and glyphs without a box,
// and returns the rest.
func cleanGlyphs(in []glyph) []glyph {
	out := make([]glyph, 0, len(in))
	for _, g := range in {
		if unicode.IsSpace(g.r) || unicode.IsControl(g.r) || g.r == utf8.RuneError || g.r == 0xfffe || g.r == 0xfeff {
			continue
		}
		if !(g.x1 > g.x0) || !(g.y1 > g.y0) || math.IsInf(g.x0+g.x1+g.y0+g.y1, 0) || g.x1-g.x0 > 1000 || g.y1-g.y0 > 1000 {
			continue
		}
		out = append(out, g)
	}
	return out
}

// groupLines groups a page's glyphs into lines, top to bottom, each left
// to right. Glyphs in a table cell are grouped with those of the same
// height on the page, so that a table row is a line of the text.
func groupLines(pageN int, gs []glyph, ts []*table) []*textLine {
	sorted := slices.Clone(gs)
	slices.SortStableFunc(sorted, func(a, b glyph) int {
		return cmpFloat((a.y0+a.y1)/2, (b.y0+b.y1)/2)
	})
	var lines []*textLine
	for _, g := range sorted {
		var at *textLine
		// The lines that may take g are the last few: the glyphs come in
		// order of their centres.
		for i := len(lines) - 1; i >= 0 && i >= len(lines)-4; i-- {
			l := lines[i]
			if overlap(g.y0, g.y1, l.y0, l.y1) >= 0.5*min(g.y1-g.y0, l.y1-l.y0) {
				at = l
				break
			}
		}
		if at == nil {
			at = &textLine{page: pageN, y0: g.y0, y1: g.y1, x0: g.x0, x1: g.x1}
			lines = append(lines, at)
		}
		at.glyphs = append(at.glyphs, g)
		at.x0, at.x1 = min(at.x0, g.x0), max(at.x1, g.x1)
		// The band grows with the glyphs: some fonts give a flat glyph
		// (一) a flat box even as a loose box. Lines are set apart by more
		// than half a glyph's height, so that the next line's glyphs do
		// not overlap it by half.
		at.y0, at.y1 = min(at.y0, g.y0), max(at.y1, g.y1)
	}
	for _, l := range lines {
		slices.SortStableFunc(l.glyphs, func(a, b glyph) int { return cmpFloat(a.x0, b.x0) })
		l.y0, l.y1 = l.glyphs[0].y0, l.glyphs[0].y1
		for _, g := range l.glyphs {
			l.y0, l.y1 = min(l.y0, g.y0), max(l.y1, g.y1)
		}
		l.inTable = true
		for _, g := range l.glyphs {
			if tableAt(ts, g) == nil {
				l.inTable = false
				break
			}
		}
		l.text, l.cols = lineText(l.glyphs, ts)
	}
	slices.SortStableFunc(lines, func(a, b *textLine) int { return cmpFloat(a.y0, b.y0) })
	return lines
}

// lineText returns the text of glyphs that stand on a line, with a space
// where they are set apart by a gap, or stand in different cells of a
// table, and the column of each glyph in it.
func lineText(gs []glyph, ts []*table) (string, []int) {
	var b strings.Builder
	cols := make([]int, len(gs))
	col := 1
	var prevCell *cell
	for i, g := range gs {
		c := cellAt(ts, g)
		if i > 0 && (gap(gs[i-1], g) || c != prevCell) {
			b.WriteByte(' ')
			col++
		}
		prevCell = c
		cols[i] = col
		b.WriteRune(g.r)
		col++
	}
	return b.String(), cols
}

// gap reports whether b stands apart from a, the glyph before it on its
// line, by a space.
func gap(a, b glyph) bool {
	h := max(min(a.y1-a.y0, b.y1-b.y0), 1)
	// A word space of a Latin font is some 0.28 em, less than a third of
	// the loose box's height; beside a Chinese character only a wider
	// gap is a space: word processors set a gap of their own between
	// Chinese and Latin text (2024年), which is no character.
	if a.r >= 0x2e80 || b.r >= 0x2e80 {
		return b.x0-a.x1 > 0.3*h
	}
	return b.x0-a.x1 > 0.2*h
}

func overlap(a0, a1, b0, b1 float64) float64 { return min(a1, b1) - max(a0, b0) }

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// pageNumber matches a line that holds only a page number.
var pageNumber = regexp.MustCompile(`^(?:[-—–－‐_]*\s*\d{1,4}\s*[-—–－‐_]*|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4})$`)

// dropRunning marks the page numbers and the running headers and footers:
// lines outside tables in the top or bottom tenth of a page that are a
// page number, or that stand with the same text on other pages.
func dropRunning(pages []page, perPage [][]*textLine) {
	margin := func(p page, l *textLine) bool { return l.y1 < p.h*0.1 || l.y0 > p.h*0.9 }
	seen := map[string]int{}
	for i, lines := range perPage {
		for _, l := range lines {
			if !l.inTable && margin(pages[i], l) {
				seen[l.text]++
			}
		}
	}
	for i, lines := range perPage {
		for _, l := range lines {
			if l.inTable {
				continue
			}
			t := strings.TrimSpace(l.text)
			if pageNumber.MatchString(t) && (margin(pages[i], l) || len(lines) < 3) {
				l.drop = true
			}
			if margin(pages[i], l) && seen[l.text] > 1 && len(pages) > 1 {
				l.drop = true
			}
		}
	}
}

// findTables finds the tables of a page from its rules: groups of
// horizontal and vertical rules that touch, with at least two of each.
func findTables(p page, gs []glyph) []*table {
	var hs, vs []rule
	for _, r := range p.rules {
		w, h := r.x1-r.x0, r.y1-r.y0
		switch {
		case h <= 2.5 && w >= 3:
			hs = append(hs, r)
		case w <= 2.5 && h >= 3:
			vs = append(vs, r)
		}
	}
	if len(hs) < 2 || len(vs) < 2 || len(hs)+len(vs) > 5000 {
		return nil
	}
	all := append(append([]rule{}, hs...), vs...)
	parent := make([]int, len(all))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for i := range all {
		for j := i + 1; j < len(all); j++ {
			a, b := all[i], all[j]
			if a.x0-tol <= b.x1 && b.x0-tol <= a.x1 && a.y0-tol <= b.y1 && b.y0-tol <= a.y1 {
				parent[find(i)] = find(j)
			}
		}
	}
	groups := map[int][]int{}
	var order []int
	for i := range all {
		r := find(i)
		if _, ok := groups[r]; !ok {
			order = append(order, r)
		}
		groups[r] = append(groups[r], i)
	}
	var ts []*table
	for _, g := range order {
		var h, v []rule
		for _, i := range groups[g] {
			if i < len(hs) {
				h = append(h, all[i])
			} else {
				v = append(v, all[i])
			}
		}
		if len(h) < 2 || len(v) < 2 {
			continue
		}
		if t := grid(h, v, gs); t != nil {
			ts = append(ts, t)
		}
	}
	slices.SortFunc(ts, func(a, b *table) int { return cmpFloat(a.y0, b.y0) })
	return ts
}

// positions returns the distinct values of xs, those within tol of each
// other taken as one.
func positions(xs []float64) []float64 {
	slices.Sort(xs)
	var out []float64
	for _, x := range xs {
		if len(out) == 0 || x-out[len(out)-1] > tol {
			out = append(out, x)
		}
	}
	return out
}

// maxPlaces bounds the places of a table's grid: a report's largest table
// has some 30 rows of 12 columns. More rules than that draw no table of a
// report (a chart, a hatched area), and are not read as one.
const maxPlaces = 5000

// grid makes the table that horizontal rules h and vertical rules v draw:
// the grid of every rule's position, its places joined into one cell
// where no rule stands between them.
func grid(h, v []rule, gs []glyph) *table {
	var ys, xs []float64
	for _, r := range h {
		ys = append(ys, (r.y0+r.y1)/2)
	}
	for _, r := range v {
		xs = append(xs, (r.x0+r.x1)/2)
	}
	ys, xs = positions(ys), positions(xs)
	if len(ys) < 2 || len(xs) < 2 || len(ys)*len(xs) > maxPlaces {
		return nil
	}
	nr, nc := len(ys)-1, len(xs)-1
	// wall reports whether a rule runs along the segment from (a, at) to
	// (b, at) of a horizontal (horiz) or vertical line.
	// The rules along each position, so that a wall is looked for among
	// them only.
	along := func(rs []rule, at []float64, pos func(rule) float64) [][]rule {
		out := make([][]rule, len(at))
		for _, r := range rs {
			p := pos(r)
			i, _ := slices.BinarySearch(at, p-tol)
			for ; i < len(at) && at[i] <= p+tol; i++ {
				out[i] = append(out[i], r)
			}
		}
		return out
	}
	hAt := along(h, ys, func(r rule) float64 { return (r.y0 + r.y1) / 2 })
	vAt := along(v, xs, func(r rule) float64 { return (r.x0 + r.x1) / 2 })
	// hWall reports whether a rule runs along ys[i] from x0 to x1, vWall
	// whether one runs along xs[j] from y0 to y1.
	hWall := func(i int, x0, x1 float64) bool {
		for _, r := range hAt[i] {
			if r.x0-tol <= x0 && r.x1+tol >= x1 {
				return true
			}
		}
		return false
	}
	vWall := func(j int, y0, y1 float64) bool {
		for _, r := range vAt[j] {
			if r.y0-tol <= y0 && r.y1+tol >= y1 {
				return true
			}
		}
		return false
	}
	id := make([]int, nr*nc)
	for i := range id {
		id[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for id[i] != i {
			id[i] = id[id[i]]
			i = id[i]
		}
		return i
	}
	union := func(a, b int) {
		a, b = find(a), find(b)
		if a < b {
			id[b] = a
		} else {
			id[a] = b
		}
	}
	for i := 0; i < nr; i++ {
		for j := 0; j < nc; j++ {
			if j+1 < nc && !vWall(j+1, ys[i], ys[i+1]) {
				union(i*nc+j, i*nc+j+1)
			}
			if i+1 < nr && !hWall(i+1, xs[j], xs[j+1]) {
				union(i*nc+j, (i+1)*nc+j)
			}
		}
	}
	t := &table{x0: xs[0], y0: ys[0], x1: xs[nc], y1: ys[nr], rows: make([][]*cell, nr), xs: xs, ys: ys, places: make([]*cell, nr*nc)}
	cells := map[int]*cell{}
	for i := 0; i < nr; i++ {
		for j := 0; j < nc; j++ {
			k := find(i*nc + j)
			c := cells[k]
			if c == nil {
				c = &cell{x0: xs[j], y0: ys[i], x1: xs[j+1], y1: ys[i+1], row: i, col: j}
				cells[k] = c
				t.rows[i] = append(t.rows[i], c)
			}
			t.places[i*nc+j] = c
			c.x0, c.y0 = min(c.x0, xs[j]), min(c.y0, ys[i])
			c.x1, c.y1 = max(c.x1, xs[j+1]), max(c.y1, ys[i+1])
		}
	}
	for _, g := range gs {
		if c := t.cellOf(g); c != nil {
			c.glyphs = append(c.glyphs, g)
		}
	}
	return t
}

// cellOf returns the cell of t that holds g's centre, or nil.
func (t *table) cellOf(g glyph) *cell {
	x, y := (g.x0+g.x1)/2, (g.y0+g.y1)/2
	if x < t.x0 || x > t.x1 || y < t.y0 || y > t.y1 {
		return nil
	}
	// The place whose edges hold x and y: the last edge at or before it.
	j, _ := slices.BinarySearch(t.xs, x)
	i, _ := slices.BinarySearch(t.ys, y)
	j, i = min(max(j-1, 0), len(t.xs)-2), min(max(i-1, 0), len(t.ys)-2)
	return t.places[i*(len(t.xs)-1)+j]
}

func tableAt(ts []*table, g glyph) *table {
	x, y := (g.x0+g.x1)/2, (g.y0+g.y1)/2
	for _, t := range ts {
		if x >= t.x0 && x <= t.x1 && y >= t.y0 && y <= t.y1 {
			return t
		}
	}
	return nil
}

func cellAt(ts []*table, g glyph) *cell {
	if t := tableAt(ts, g); t != nil {
		return t.cellOf(g)
	}
	return nil
}

// glyphPos is where a glyph stands in the text.
type glyphPos struct {
	line *textLine
	col  int
}

// positions of the glyphs of lines.
func glyphPositions(lines []*textLine) map[glyph]glyphPos {
	m := make(map[glyph]glyphPos)
	for _, l := range lines {
		for i, g := range l.glyphs {
			if _, ok := m[g]; !ok {
				m[g] = glyphPos{l, l.cols[i]}
			}
		}
	}
	return m
}

// add appends a token and records its place.
func (d *document) add(kind parse.TokenKind, text string, line, col, pg int, box report.Box) {
	d.toks = append(d.toks, parse.Token{Kind: kind, Text: text, Line: line, Col: col})
	if kind == parse.LineToken {
		d.since++
	}
	k := [2]int{line, col}
	if _, ok := d.places[k]; !ok {
		d.places[k] = place{page: pg, box: box}
	}
}

// pageTokens appends the tokens of a page: its prose lines, joined into
// paragraphs, and its tables' cells, row by row, in the order they stand.
func (d *document) pageTokens(p page, lines []*textLine, ts []*table) {
	d.pos = nil
	ti := 0
	emitTables := func(y float64) {
		for ; ti < len(ts) && ts[ti].y0 < y; ti++ {
			d.tableTokens(p, lines, ts[ti])
		}
	}
	for _, l := range lines {
		if l.drop || l.inTable {
			continue
		}
		emitTables(l.y0)
		d.lineTokens(p, l)
	}
	emitTables(math.Inf(1))
}

// lineTokens appends a line outside tables: a token of its own, or the
// continuation of the paragraph before it.
func (d *document) lineTokens(p page, l *textLine) {
	if len(l.glyphs) == 0 {
		return
	}
	box := report.Box{X0: l.x0, Y0: l.y0, X1: l.x1, Y1: l.y1}
	d.add(parse.LineToken, l.text, l.n, l.cols[0], p.n, box)
	d.paraLines = append(d.paraLines, paraLine{tok: len(d.toks) - 1, line: l, page: p})
}

// paraLine is a line token and its line, for the paragraphs.
type paraLine struct {
	tok  int
	line *textLine
	page page
}

// tableTokens appends the cells of a table, row by row, a merged cell in
// the first row it spans, each row ended by a RowEndToken.
func (d *document) tableTokens(p page, lines []*textLine, t *table) {
	d.paraLines = append(d.paraLines, paraLine{tok: -1})
	var cont []*cell // the cells of the last row of the table t continues
	skip := 0        // the header rows t repeats
	if d.last != nil && d.lastPage == p.n-1 && d.since == 0 {
		for _, row := range d.last.rows {
			for _, c := range row {
				if math.Abs(c.y1-d.last.y1) <= tol {
					cont = append(cont, c)
				}
			}
		}
		skip = repeatedRows(d.head, t, lines)
	} else {
		d.head = t
	}
	first := true
	for ri, row := range t.rows {
		if len(row) == 0 || ri < skip {
			continue
		}
		lastLine, lastCol := 0, 0
		n := 0
		for _, c := range row {
			text, line, col := d.cellText(lines, c)
			c.text = text
			if first && d.continues(cont, c) {
				continue
			}
			box := report.Box{X0: c.x0, Y0: c.y0, X1: c.x1, Y1: c.y1}
			c.tok = len(d.toks)
			d.add(parse.CellToken, text, line, col, p.n, box)
			lastLine, lastCol = line, col+utf8.RuneCountInString(text)
			n++
		}
		first = false
		if n > 0 {
			d.toks = append(d.toks, parse.Token{Kind: parse.RowEndToken, Line: lastLine, Col: lastCol})
		}
	}
	d.last, d.lastPage, d.since = t, p.n, 0
}

// repeatedRows returns how many of t's first rows repeat the first rows
// of head, the table t continues: a header repeated on each page. A row
// repeats when its cells hold the same texts in the same columns; rows
// with numbers never count.
func repeatedRows(head, t *table, lines []*textLine) int {
	if head == nil {
		return 0
	}
	k := 0
	for k < len(t.rows) && k < len(head.rows) && k < len(t.rows)-1 {
		a, b := head.rows[k], t.rows[k]
		if len(a) == 0 || len(a) != len(b) {
			break
		}
		same := true
		for i := range a {
			ta, tb := squash(glyphText(a[i].glyphs)), squash(glyphText(b[i].glyphs))
			if ta != tb || math.Abs(a[i].x0-b[i].x0) > tol || math.Abs(a[i].x1-b[i].x1) > tol || isNumber(ta) {
				same = false
				break
			}
		}
		if !same {
			break
		}
		k++
	}
	return k
}

// glyphText returns the characters of gs as lines, top to bottom.
func glyphText(gs []glyph) string {
	var parts []string
	for _, l := range groupLines(0, gs, nil) {
		s, _ := lineText(l.glyphs, nil)
		parts = append(parts, s)
	}
	return strings.Join(parts, "\n")
}

// continues reports whether cell c, in the first row of a table that
// continues one on the page before, is the rest of a merged cell that the
// page break cut: a label whose first part stands in the same columns in
// the last row of the page before, and that together they make (and the
// first part alone does not). The first part's token takes its text.
func (d *document) continues(cont []*cell, c *cell) bool {
	if c.text == "" || isNumber(c.text) {
		return false
	}
	for _, pc := range cont {
		if math.Abs(pc.x0-c.x0) > tol || math.Abs(pc.x1-c.x1) > tol || pc.text == "" || isNumber(pc.text) {
			continue
		}
		if !isLabel(pc.text+c.text) || isLabel(pc.text) {
			return false
		}
		d.toks[pc.tok].Text += "\n" + c.text
		return true
	}
	return false
}

// isNumber reports whether s is a number as cells hold them.
func isNumber(s string) bool {
	_, err := report.ParseDec(strings.TrimSpace(s))
	return err == nil
}

// labels are the templates' labels of rows, columns and merged cells,
// folded, without blanks.
var labels = func() map[string]bool {
	m := map[string]bool{}
	add := func(ss ...string) {
		for _, s := range ss {
			m[squash(s)] = true
		}
	}
	for _, t := range report.Templates() {
		for _, s := range t.Sections {
			if s.Table == nil {
				continue
			}
			add(s.Table.Header...)
			for _, r := range s.Table.Rows {
				add(r.Label)
				add(r.Aliases...)
				add(r.Path...)
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

// squash folds s and drops its blanks.
func squash(s string) string {
	return strings.Join(strings.Fields(report.Fold(s)), "")
}

func isLabel(s string) bool { return labels[squash(s)] }

// cellText returns the text of a cell, its lines joined by "\n", and the
// position of its first character; for an empty cell, a position on the
// line beside its top, in the column where it stands.
func (d *document) cellText(lines []*textLine, c *cell) (string, int, int) {
	if len(c.glyphs) > 0 {
		cl := groupLines(0, c.glyphs, nil)
		parts := make([]string, len(cl))
		for i, l := range cl {
			parts[i], _ = lineText(l.glyphs, nil)
		}
		if d.pos == nil {
			d.pos = glyphPositions(lines)
		}
		// Every glyph of the page stands on one of its lines.
		p := d.pos[cl[0].glyphs[0]]
		if p.line == nil {
			return strings.Join(parts, "\n"), 1, 1
		}
		return strings.Join(parts, "\n"), p.line.n, p.col
	}
	// An empty cell: the line that runs through its middle, else the
	// last line in it above its middle, else the last line above it.
	var best *textLine
	mid := (c.y0 + c.y1) / 2
	for _, l := range lines {
		if l.y0 <= mid && l.y1 >= mid || l.y1 <= mid && l.y0 >= c.y0-tol {
			best = l
			if l.y0 <= mid && l.y1 >= mid {
				break
			}
		}
	}
	if best == nil {
		for _, l := range lines {
			if l.y1 <= mid {
				best = l
			}
		}
	}
	if best == nil && len(lines) > 0 {
		best = lines[0]
	}
	if best == nil { // a page with no text at all
		if n := len(d.toks); n > 0 {
			return "", d.toks[n-1].Line, d.toks[n-1].Col
		}
		return "", 1, 1
	}
	col := 1
	for i, g := range best.glyphs {
		if (g.x0+g.x1)/2 < c.x0 {
			col = best.cols[i] + 2
		}
	}
	return "", best.n, col
}
