package parse

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/opengovcn/annualreport/report"
)

// Bind binds the tokens of a layout to the template and returns the report
// they make: it finds the sections by their headings, the title before
// them, the table rows by their labels and the columns by the table headers.
// src, if not nil, is the text the tokens' positions point into; errors
// quote its lines.
//
// Bind is the shared part of every text parser: a new layout needs only a
// tokenizer. Like every parser it returns the report it could build along
// with an error that lists, with positions, what it could not read. Bind
// reads tokens and does not modify them.
func Bind(tokens []Token, src []byte) (*report.Report, error) {
	return bind(tokens, src, nil)
}

// bind is Bind heeding st: its tables' rows are bound until st stops
// (see stopper.forBind); the parser that gave st reports where.
func bind(tokens []Token, src []byte, st *stopper) (*report.Report, error) {
	st, release := st.forBind()
	defer release()
	b := &binder{r: &report.Report{}, st: st}
	b.run(tokens)
	return b.r, b.errs.err(src)
}

type binder struct {
	r    *report.Report
	errs errList
	slab []report.Cell // where cells gives the cells of rows from
	st   *stopper
	near map[string]string // what nearest told of each table's unknown labels
}

// cells returns an empty slice with room for n cells of a row: a stretch
// of one allocation per table, sized for the template's cells, rather than
// an allocation per row.
func (b *binder) cells(n int) []report.Cell {
	if n == 0 {
		return nil
	}
	if cap(b.slab)-len(b.slab) < n {
		return make([]report.Cell, 0, n)
	}
	i := len(b.slab)
	b.slab = b.slab[:i+n]
	return b.slab[i : i : i+n]
}

// part is what the tokens between two headings hold.
type part struct {
	spec   *report.SectionSpec // nil before the first heading
	head   Token
	lines  []Token
	cells  []Token // cells and row ends
	nCells int
}

func (b *binder) run(tokens []Token) {
	parts := []*part{{}}
	cur := parts[0]
	last := 0 // number of the last section found
	// The parts' lines are consecutive stretches of one buffer, allocated
	// once. Their cells (and row ends) are a stretch of tokens itself when
	// no line stands among them, as in every table of a text layout, and
	// copied otherwise.
	lines := make([]Token, 0, len(tokens)/4+8)
	type span struct {
		lines       [2]int
		first, last int // the indexes in tokens of the part's first and last cell, first -1 if none
		n           int // its cells
	}
	spans := []span{{first: -1}}
	for i, t := range tokens {
		if t.Kind == LineToken {
			if s, ok := heading(t.Text); ok && s.Number > last {
				cur = &part{spec: s, head: t}
				parts = append(parts, cur)
				spans = append(spans, span{lines: [2]int{len(lines), len(lines)}, first: -1})
				last = s.Number
				continue
			}
			lines = append(lines, t)
			spans[len(spans)-1].lines[1] = len(lines)
			continue
		}
		sp := &spans[len(spans)-1]
		if sp.first < 0 {
			sp.first = i
		}
		sp.last, sp.n = i, sp.n+1
		if t.Kind == CellToken {
			cur.nCells++
		}
	}
	for i, p := range parts {
		sp := spans[i]
		p.lines = lines[sp.lines[0]:sp.lines[1]:sp.lines[1]]
		switch {
		case sp.first < 0:
		case sp.last-sp.first+1 == sp.n:
			p.cells = tokens[sp.first : sp.last+1 : sp.last+1]
		default:
			p.cells = make([]Token, 0, sp.n)
			for _, t := range tokens[sp.first : sp.last+1] {
				if t.Kind != LineToken {
					p.cells = append(p.cells, t)
				}
			}
		}
	}
	if len(parts) == 1 {
		line, col := 1, 1
		if len(tokens) > 0 {
			line, col = tokens[0].Line, tokens[0].Col
		}
		b.errs.add(line, col, ErrNoReport, "no section heading of the template (一、总体情况 … 六、其他需要报告的事项) found")
	}
	b.front(parts[0])
	for _, p := range parts[1:] {
		b.section(p)
	}
	if b.r.Src.IsZero() && len(b.r.Sections) > 0 {
		b.r.Src = b.r.Sections[0].Src
	}
	if b.r.Year == 0 {
		b.r.Year = periodOf(b.r)
	}
	b.r.Template = detectVersion(b.r)
}

// periodOf returns the year of the statistics period a report without a
// dated title states (所列数据的统计时限自2024年1月1日至2024年12月31日), or 0.
func periodOf(r *report.Report) int {
	for _, s := range r.Sections {
		if m := findPeriod(s.Prose); m != nil && m[1] == m[2] {
			y, _ := strconv.Atoi(m[1])
			return y
		}
	}
	return 0
}

// periodAnchored is periodYear anchored at the start.
var periodAnchored = regexp.MustCompile(`^(?:` + periodYear.String() + `)`)

// findPeriod is periodYear.FindStringSubmatch(s): every match starts with
// 19 or 20 and two more digits, so the anchored expression is tried at
// each such place in turn, the first that matches being the leftmost
// match, instead of the expression being run from every position of long
// prose.
func findPeriod(s string) []string {
	digit := func(c byte) bool { return c >= '0' && c <= '9' }
	// next returns the offset of the next c at or after i, len(s) if none.
	next := func(c byte, i int) int {
		if j := strings.IndexByte(s[i:], c); j >= 0 {
			return i + j
		}
		return len(s)
	}
	one, two := next('1', 0), next('2', 0) // the next '1' and '2' that may start a year
	for {
		at := min(one, two)
		if at+4 > len(s) {
			return nil
		}
		if (s[at] == '1' && s[at+1] == '9' || s[at] == '2' && s[at+1] == '0') && digit(s[at+2]) && digit(s[at+3]) {
			if m := periodAnchored.FindStringSubmatch(s[at:]); m != nil {
				return m
			}
		}
		if at == one {
			one = next('1', at+1)
		} else {
			two = next('2', at+1)
		}
	}
}

// front reads what stands before section 一: the title and a preamble.
func (b *binder) front(p *part) {
	b.strayCells(p)
	lines := p.lines
	title := -1
	for i, t := range lines {
		if i > 2 {
			break
		}
		if strings.Contains(report.Fold(t.Text), "报告") {
			title = i
			break
		}
	}
	if title >= 0 {
		var text, raw []string
		for _, t := range lines[:title+1] {
			text = append(text, trimSpace(t.Text))
			raw = append(raw, t.Text)
		}
		b.r.Title = strings.Join(text, "")
		b.r.Src = report.Source{Line: lines[0].Line, Col: lines[0].Col, Text: strings.Join(raw, "\n")}
		b.r.Agency, b.r.Year = titleParts(b.r.Title)
		lines = lines[title+1:]
	}
	b.r.Preamble = prose(lines)
}

// strayCells reports table cells found where no table belongs and keeps
// their text as prose lines, so that nothing is lost.
func (b *binder) strayCells(p *part) {
	if p.nCells == 0 {
		return
	}
	for _, t := range p.cells {
		if t.Kind == CellToken && trimSpace(t.Text) != "" {
			b.errs.add(t.Line, t.Col, ErrUnknownLabel, "table cell %q outside the tables of sections 二, 三 and 四; kept as prose", trimSpace(t.Text))
			p.lines = append(p.lines, t)
		}
	}
	sortTokens(p.lines)
}

func sortTokens(ts []Token) {
	slices.SortStableFunc(ts, func(a, b Token) int { return comparePos(a.Line, a.Col, b.Line, b.Col) })
}

func (b *binder) section(p *part) {
	s := report.Section{
		Key: p.spec.Key,
		Src: source(p.head),
	}
	if p.spec.Table == nil {
		b.strayCells(p)
	}
	lines := p.lines
	if s.Key == report.Other {
		var trailer []Token
		lines, trailer = splitTrailer(lines)
		b.r.Trailer = prose(trailer)
	}
	s.Prose, s.ProseSrc, s.Subheads = proseAll(lines)
	if p.spec.Table != nil && p.nCells > 0 {
		size := tableSizes[s.Key]
		rows, cells := size[0], size[1]
		t := &report.Table{Key: s.Key, Rows: make([]report.Row, 0, rows)}
		b.slab = make([]report.Cell, 0, min(cells, p.nCells))
		for _, c := range p.cells {
			if c.Kind == CellToken {
				t.Src = source(c)
				break
			}
		}
		switch s.Key {
		case report.Active:
			b.active(t, p.cells)
		case report.Requests:
			b.requests(t, p.cells)
		case report.Appeals:
			b.appeals(t, p.cells)
		}
		s.Table = t
		b.slab = nil
	}
	b.r.Sections = append(b.r.Sections, s)
}

// tableSizes are the most rows and cells each table has in either
// template, what a table of a report nearly always holds.
var tableSizes = func() map[report.SectionKey][2]int {
	m := map[report.SectionKey][2]int{}
	for _, t := range report.Templates() {
		for _, sec := range t.Sections {
			if sec.Table == nil {
				continue
			}
			n := 0
			for _, r := range sec.Table.Rows {
				n += len(r.Columns)
			}
			old := m[sec.Key]
			m[sec.Key] = [2]int{max(old[0], len(sec.Table.Rows)), max(old[1], n)}
		}
	}
	return m
}()

// prose joins the non-blank lines of tokens, trimmed, with newlines.
func prose(lines []Token) string {
	var out []string
	for _, t := range lines {
		if s := trimSpace(stripDebris(t.Text)); s != "" {
			out = append(out, s)
		}
	}
	return strings.Join(out, "\n")
}

// proseAll returns prose(lines), the Source of that prose (see
// report.Section.ProseSrc) and subheadsOf(lines) in one pass, cleaning
// each line of debris and blanks once instead of three times (TestProseAll
// holds it to the three read apart).
func proseAll(lines []Token) (string, report.Source, []report.Subhead) {
	var p strings.Builder
	var src sourceWriter
	var subs []report.Subhead
	size := 0
	for _, t := range lines {
		size += len(t.Text) + 1
	}
	p.Grow(size) // at most: the lines are trimmed
	for _, t := range lines {
		s := trimSpace(stripDebris(t.Text))
		if s == "" {
			continue
		}
		if p.Len() > 0 {
			p.WriteByte('\n')
		}
		p.WriteString(s)
		if title, ok := subheadOf(s); ok {
			subs = append(subs, report.Subhead{Title: title, Src: source(t)})
		}
		src.add(t)
	}
	if p.Len() == 0 {
		return "", src.source(), subs // not the grown buffer
	}
	return p.String(), src.source(), subs
}

// sourceWriter builds the Source of prose from its lines' tokens: the
// lines as published, at their places from the first one's (a token on
// a line before the last one's is left out).
type sourceWriter struct {
	src  report.Source
	text strings.Builder
	line int // the input line text ends on
}

func (w *sourceWriter) add(t Token) {
	if t.Line < w.line {
		return
	}
	switch {
	case w.src.IsZero():
		w.src.Line, w.src.Col = t.Line, t.Col
		w.text.WriteString(strings.Repeat(" ", t.Col-1))
	case t.Line > w.line:
		w.text.WriteString(strings.Repeat("\n", t.Line-w.line))
		w.text.WriteString(strings.Repeat(" ", t.Col-1))
	default: // a second token on the same line
		w.text.WriteByte(' ')
	}
	w.line = t.Line
	w.text.WriteString(t.Text)
}

func (w *sourceWriter) source() report.Source {
	src := w.src
	src.Text = w.text.String()
	return src
}

// splitTrailer splits the lines of section 六 from the web-page debris that
// follows it: the trailing run of short lines without punctuation
// (navigation links, site names). The first line is always the section's.
func splitTrailer(lines []Token) (body, trailer []Token) {
	cut := len(lines)
	for cut > 1 && isDebris(lines[cut-1].Text) {
		cut--
	}
	return lines[:cut], lines[cut:]
}

func isDebris(s string) bool {
	s = trimSpace(s)
	return utf8.RuneCountInString(s) <= 16 && !strings.ContainsAny(s, "。，；！？,;!?：:")
}

var (
	yearInTitle = regexp.MustCompile(`\s*((?:19|20)\d\d)\s*年(度)?\s*`)
	periodYear  = regexp.MustCompile(`((?:19|20)\d\d)\s*年\s*1\s*月\s*1\s*日\s*(?:起\s*)?至\s*((?:19|20)\d\d)\s*年\s*12\s*月\s*31\s*日`)
)

// titleParts reads the agency and the year from a title such as
// 重庆市大渡口区跳磴镇2023年政府信息公开工作年度报告 or
// 车排子镇政府信息公开工作2023年度报告.
func titleParts(title string) (agency string, year int) {
	if m := yearInTitle.FindStringSubmatch(title); m != nil {
		year, _ = strconv.Atoi(m[1])
	}
	t := yearInTitle.ReplaceAllString(title, "")
	for _, marker := range []string{"政府信息公开", "政务公开", "信息公开"} {
		if i := strings.Index(t, marker); i >= 0 {
			t = t[:i]
			break
		}
	}
	t = strings.TrimPrefix(trimSpace(t), "关于")
	t = strings.TrimSuffix(t, "的")
	return trimSpace(t), year
}

var subheadNumber = regexp.MustCompile(`^[(（]\s*[一二三四五六七八九十\d０-９]+\s*[)）]`)

// subheadsOf finds the numbered sub-heads ((一)主动公开 …) among lines.
func subheadsOf(lines []Token) []report.Subhead {
	var out []report.Subhead
	for _, t := range lines {
		if title, ok := subheadTitle(t.Text); ok {
			out = append(out, report.Subhead{Title: title, Src: source(t)})
		}
	}
	return out
}

// findSubheads finds the numbered sub-heads of prose.
func findSubheads(prose string) []report.Subhead {
	var lines []Token
	for _, l := range strings.Split(prose, "\n") {
		lines = append(lines, Token{Text: l})
	}
	subs := subheadsOf(lines)
	for i := range subs {
		subs[i].Src = report.Source{}
	}
	return subs
}

// subheadTitle returns the sub-head of a prose line that starts with a
// number in brackets: the words up to the first full stop or colon.
func subheadTitle(line string) (string, bool) {
	return subheadOf(trimSpace(stripDebris(line)))
}

// subheadOf is subheadTitle of a line already cleaned of debris and
// trimmed.
func subheadOf(s string) (string, bool) {
	if !strings.HasPrefix(s, "(") && !strings.HasPrefix(s, "（") || !subheadNumber.MatchString(s) {
		return "", false
	}
	if i := strings.IndexAny(s, "。：:"); i >= 0 {
		s = s[:i]
	}
	s = strings.TrimRight(s, "。.")
	if utf8.RuneCountInString(s) > 40 {
		return "", false
	}
	return s, true
}

// rowSpecs holds the spec of each row of each table in each template, in
// the order of report.Templates (nil where a template lacks the row).
var rowSpecs = func() map[report.SectionKey]map[string][]*report.RowSpec {
	m := map[report.SectionKey]map[string][]*report.RowSpec{}
	ts := report.Templates()
	for i, t := range ts {
		for _, sec := range t.Sections {
			if sec.Table == nil {
				continue
			}
			if m[sec.Key] == nil {
				m[sec.Key] = map[string][]*report.RowSpec{}
			}
			for j := range sec.Table.Rows {
				r := &sec.Table.Rows[j]
				if m[sec.Key][r.Key] == nil {
					m[sec.Key][r.Key] = make([]*report.RowSpec, len(ts))
				}
				if m[sec.Key][r.Key][i] == nil { // the first row with the key, as TableSpec.Row finds it
					m[sec.Key][r.Key][i] = r
				}
			}
		}
	}
	return m
}()

// detectVersion tells the template version from what was published: the
// cells and rows that exist in only one version vote; without votes, the
// year decides.
func detectVersion(r *report.Report) report.Version {
	var v2021, v2019 int // the rows that belong to one version only
	for _, s := range r.Sections {
		if s.Table == nil {
			continue
		}
		specs := rowSpecs[s.Table.Key]
		for _, row := range s.Table.Rows {
			var in report.Version // the one version the row belongs to
			n := 0
			rs := specs[row.Key] // nil for a row of neither template
			for i, t := range report.Templates() {
				if rs == nil || rs[i] == nil {
					continue
				}
				spec := rs[i]
				ok := true
				for ci, c := range row.Cells {
					// The cells are nearly always in the spec's order.
					if (ci >= len(spec.Columns) || spec.Columns[ci].Key != c.Column) && spec.Column(c.Column) == nil {
						ok = false
						break
					}
				}
				if ok {
					in, n = t.Version, n+1
				}
			}
			switch {
			case n != 1:
			case in == report.V2021:
				v2021++
			case in == report.V2019:
				v2019++
			}
		}
	}
	switch {
	case v2021 > v2019:
		return report.V2021
	case v2019 > v2021:
		return report.V2019
	}
	return report.VersionForYear(r.Year)
}
