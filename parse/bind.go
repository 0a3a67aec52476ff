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
// Bind reads the marks the writers of package render add where a layout
// has no way of its own to say a thing: a line of report.TrailerMark after
// the first heading ends the report (what follows is its Trailer, which is
// otherwise told by its look), a first line of report.MetaMark states the
// metadata, and a cell of report.AbsentMark is no cell (a group of 表四
// whose cells all are is no row).
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
	// marked is set when a report.TrailerMark line ends the report: the
	// trailer is what follows it, not told by its look (splitTrailer).
	marked bool
	// meta is set when a report.MetaMark line stated the metadata.
	meta bool
	st   *stopper
	near map[string]string // what nearest told of each table's unknown labels
}

// isTrailerMark reports whether a line is report.TrailerMark.
func isTrailerMark(s string) bool {
	return len(s) >= len(report.TrailerMark) && trimSpace(s) == report.TrailerMark
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
	nLines := 0
	for i := range tokens {
		if tokens[i].Kind == LineToken {
			nLines++
		}
	}
	lines := make([]Token, 0, nLines)
	type span struct {
		lines       [2]int
		first, last int // the indexes in tokens of the part's first and last cell, first -1 if none
		n           int // its cells
	}
	spans := []span{{first: -1}}
	var trailer []Token // after a report.TrailerMark line
	for i, t := range tokens {
		if t.Kind == LineToken && last > 0 && isTrailerMark(t.Text) {
			for _, t := range tokens[i+1:] {
				if t.Kind != RowEndToken {
					trailer = append(trailer, t)
				}
			}
			b.marked = true
			break
		}
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
	if b.marked {
		b.r.Trailer = prose(trailer)
	}
	if b.r.Src.IsZero() && len(b.r.Sections) > 0 {
		b.r.Src = b.r.Sections[0].Src
	}
	if b.r.Year == 0 && !b.meta {
		b.r.Year, b.r.YearSrc = periodOf(b.r)
	}
	if b.r.Agency == "" {
		b.r.AgencySrc = report.Source{}
	}
	if b.r.Year == 0 {
		b.r.YearSrc = report.Source{}
	}
	b.r.Template = detectVersion(b.r)
}

// periodOf returns the year of the statistics period a report without a
// dated title states (所列数据的统计时限自2024年1月1日至2024年12月31日), in its
// preamble or a section, and where it states it; or 0.
func periodOf(r *report.Report) (int, report.Source) {
	if m := findPeriod(r.Preamble); m != nil && m[1] == m[2] {
		y, _ := strconv.Atoi(m[1])
		return y, report.Source{Text: m[0]} // the preamble keeps no positions
	}
	for i := range r.Sections {
		s := &r.Sections[i]
		if m := findPeriod(s.Prose); m != nil && m[1] == m[2] {
			y, _ := strconv.Atoi(m[1])
			src := s.Where(strings.Index(s.Prose, m[0]))
			src.Text = m[0]
			return y, src
		}
	}
	return 0, report.Source{}
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
//
// A first line of report.MetaMark states the metadata (the title line after
// it, if it is the title, is not preamble).
//
// A crawler's dump starts with the crawler's own header (标题:, 发布时间:,
// 原文链接:, …, then a separator line such as ===== 正文 =====): the title
// is then the first line after it that reads as one, or else the header's
// 标题; the header's other lines are kept as the preamble's first lines.
func (b *binder) front(p *part) {
	b.strayCells(p)
	lines := p.lines
	if len(lines) > 0 {
		if year, agency, title, ok := report.ParseMetaLine(lines[0].Text); ok {
			b.r.Year, b.r.Agency, b.r.Title, b.meta = year, agency, title, true
			b.r.AgencySrc, b.r.YearSrc = source(lines[0]), source(lines[0])
			lines = lines[1:]
			if title != "" && len(lines) > 0 && trimSpace(lines[0].Text) == title {
				b.r.Src = source(lines[0])
				lines = lines[1:]
			}
			b.r.Preamble = prose(lines)
			return
		}
	}
	n, crawled := crawlerHeader(lines)
	header, body := lines[:n], lines[n:]
	title := -1
	for i, t := range body {
		if i > 2 {
			break
		}
		if strings.Contains(report.Fold(t.Text), "报告") {
			if n > 0 && !titleLike(t.Text) {
				break // the dump's first paragraph, not a title
			}
			title = i
			break
		}
	}
	switch {
	case title >= 0:
		var text, raw []string
		for _, t := range body[:title+1] {
			text = append(text, trimSpace(t.Text))
			raw = append(raw, t.Text)
		}
		b.r.Title = strings.Join(text, "")
		b.r.Src = report.Source{Line: body[0].Line, Col: body[0].Col, Text: strings.Join(raw, "\n")}
		b.r.Agency, b.r.Year = titleParts(b.r.Title)
		b.r.AgencySrc, b.r.YearSrc = b.r.Src, b.r.Src
		lines = append(slices.Clone(header), body[title+1:]...)
	case crawled >= 0:
		t := header[crawled]
		v, _ := crawlerField(t.Text, "标题")
		b.r.Title = v
		b.r.Src = report.Source{Line: t.Line, Col: t.Col + utf8.RuneCountInString(t.Text[:strings.LastIndex(t.Text, v)]), Text: v}
		b.r.Agency, b.r.Year = titleParts(b.r.Title)
		b.r.AgencySrc, b.r.YearSrc = source(t), source(t) // the header's line: 标题: …
		lines = append(slices.Clone(header[:crawled]), lines[crawled+1:]...)
	}
	b.r.Preamble = prose(lines)
}

// titleLike reports whether a line reads like a report's title: it names
// a report on disclosure and is no sentence and no breadcrumb trail.
func titleLike(s string) bool {
	f := report.Fold(s)
	return strings.Contains(f, "报告") && strings.Contains(f, "公开") && utf8.RuneCountInString(f) <= 80 &&
		!strings.ContainsAny(f, "。,;:>›»|") && !strings.HasSuffix(f, "如下")
}

// crawlerKeys are the field names of a crawler's header.
var crawlerKeys = []string{"标题", "发布时间", "文号", "发布机构", "栏目", "原文链接", "本地目录", "来源", "索引号", "作者", "时间"}

// crawlerField returns the value of a header line "KEY: value" of the
// given key.
func crawlerField(line, key string) (string, bool) {
	rest, ok := strings.CutPrefix(trimSpace(line), key)
	if !ok {
		return "", false
	}
	for _, sep := range []string{":", "："} {
		if v, ok := strings.CutPrefix(rest, sep); ok {
			return trimSpace(v), true
		}
	}
	return "", false
}

// isCrawlerField reports whether a line is a field of a crawler's header.
func isCrawlerField(line string) bool {
	for _, k := range crawlerKeys {
		if _, ok := crawlerField(line, k); ok {
			return true
		}
	}
	return false
}

// crawlerHeader returns how many of lines make a crawler's header (lines
// "KEY: value" of crawlerKeys and others, ended by a separator line of
// "=" or "-" such as ===== 正文 =====), and the index of its 标题 line;
// 0, -1 if lines do not start so.
func crawlerHeader(lines []Token) (int, int) {
	fields, title := 0, -1
	for i, t := range lines {
		if i > 20 || i == 0 && !isCrawlerField(t.Text) {
			break // the header is the text's first lines
		}
		s := trimSpace(t.Text)
		if strings.HasPrefix(s, "=====") || strings.HasPrefix(s, "-----") {
			if fields >= 2 && title >= 0 {
				return i + 1, title
			}
			return 0, -1
		}
		for _, k := range crawlerKeys {
			if _, ok := crawlerField(s, k); ok {
				fields++
				if k == "标题" {
					title = i
				}
				break
			}
		}
	}
	return 0, -1
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
	if s.Key == report.Other && !b.marked {
		var trailer []Token
		lines, trailer = splitTrailer(lines)
		b.r.Trailer = prose(trailer)
	}
	if p.spec.Table != nil {
		lines = rowLines(p, lines)
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

// rowLines takes out of a table section's lines those that are a row of
// its table written as a line of text (行政许可 97, a row label and its
// numbers, as converters leave rows outside the table they make) and adds
// them to the section's cells, as a row at its place among them. It
// returns the other lines.
func rowLines(p *part, lines []Token) []Token {
	var rows []Token
	keep := lines[:0:0]
	for _, t := range lines {
		cells := rowLine(p.spec.Key, t)
		if cells == nil && p.spec.Key == report.Active {
			cells = headerLine(t)
		}
		if cells != nil {
			rows = append(rows, cells...)
			continue
		}
		keep = append(keep, t)
	}
	if rows == nil {
		return lines
	}
	p.cells = append(slices.Clone(p.cells), rows...)
	sortTokens(p.cells)
	for _, c := range rows {
		if c.Kind == CellToken {
			p.nCells++
		}
	}
	return keep
}

// rowLine returns the cells of a line that is a row label of the table
// followed by its numbers, separated by blanks, and the row's end; nil if
// the line is no such row.
func rowLine(table report.SectionKey, t Token) []Token {
	fields := strings.Fields(t.Text)
	if len(fields) < 2 || !allNumbers(fields[1:]) {
		return nil
	}
	if cl, _ := classify(table, fields[0], false); cl != classRow {
		return nil
	}
	var out []Token
	rest := t.Text
	col := t.Col
	for _, f := range fields {
		i := strings.Index(rest, f)
		col += utf8.RuneCountInString(rest[:i])
		out = append(out, Token{Kind: CellToken, Text: f, Line: t.Line, Col: col})
		col += utf8.RuneCountInString(f)
		rest = rest[i+len(f):]
	}
	return append(out, Token{Kind: RowEndToken, Line: t.Line, Col: col})
}

// headerLine returns the cells of a line of table 二's section that is
// labels of its header and nothing else (第二十条第（五）项, or
// 信息内容本年处理决定数量, the words glued or apart), and the row's end;
// nil if the line is anything else.
func headerLine(t Token) []Token {
	fl := foldLine(t.Text)
	var out []Token
	for p := 0; p < len(fl.f); {
		m := matchLabel(report.Active, fl.f[p:])
		if m == 0 {
			return nil
		}
		c := fl.token(t.Line, p, p+m)
		c.Col += t.Col - 1
		switch cl, _ := classify(report.Active, c.Text, true); cl {
		case classItem, classHeader, classColumn:
		default:
			return nil
		}
		out = append(out, c)
		p += m
	}
	if out == nil {
		return nil
	}
	line, col := fl.end(t.Line)
	return append(out, Token{Kind: RowEndToken, Line: line, Col: col + t.Col - 1})
}

func allNumbers(fields []string) bool {
	for _, f := range fields {
		if _, ok := parseNumber(f); !ok {
			return false
		}
	}
	return true
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
	col  int // the column after text's last character on that line
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
	case t.Col > w.col: // a second token on the same line, at its column
		w.text.WriteString(strings.Repeat(" ", t.Col-w.col))
	default: // a second token on the same line, where none can stand
		w.text.WriteByte(' ')
		t.Col = w.col + 1
	}
	w.line = t.Line
	w.text.WriteString(t.Text)
	w.col = t.Col + utf8.RuneCountInString(t.Text)
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
	periodYear = regexp.MustCompile(`((?:19|20)\d\d)\s*年\s*1\s*月\s*1\s*日\s*(?:起\s*)?至\s*((?:19|20)\d\d)\s*年\s*12\s*月\s*31\s*日`)
)

// titleParts reads the agency and the year from a title (report.TitleParts).
func titleParts(title string) (agency string, year int) { return report.TitleParts(title) }

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
