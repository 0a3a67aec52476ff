package render

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/opengovcn/annualreport/report"
)

// Text writes a report as the standard template in the layout of text
// copied from Word (the layout parse.Cells reads): the title, the six
// sections under their official headings, and each table with one cell per
// line, indented by a tab, and a blank line after each row. Labels and
// headings are written in their official spelling; cells as published:
// a number with its digits, text as it is, a blank cell as an empty line
// of the table. Sections and rows come in the report's order.
type Text struct{}

// Render writes r as the template's text. It fails on a row or column key
// that neither template version knows, since it could not be labelled.
func (Text) Render(w io.Writer, r *report.Report) error {
	return renderText(w, r, layoutCells)
}

// TSV writes a report as the standard template with each table row on one
// line, its cells separated by tabs (the layout parse.TSV reads): the same
// rows as Text, merged cells left empty, prose lines as they are.
type TSV struct{}

// Render writes r in the tab-separated layout. Besides what Text refuses, it
// fails on a cell or a line of prose holding a tab or a line break, which
// this layout could not tell from its separators.
func (TSV) Render(w io.Writer, r *report.Report) error {
	return renderText(w, r, layoutTSV)
}

// Pipes writes a report as the standard template in the layout of text
// copied from a web page (the layout parse.Pipes reads): each table cell on a
// line of its own ending in " |", the last cell of a row in " | |", prose
// lines as they are.
type Pipes struct{}

// Render writes r in the pipe layout. A "|" of the report's text (web-page
// navigation text such as "使用帮助 | 联系我们" kept as prose) is written
// "\|", which parse.Pipes reads back as text (backslashes right before it
// are doubled). Besides what Text refuses, it fails on a cell holding a line
// break, which this layout could not tell from the cell's end.
func (Pipes) Render(w io.Writer, r *report.Report) error {
	return renderText(w, r, layoutPipes)
}

type textLayout uint8

const (
	layoutCells textLayout = iota
	layoutTSV
	layoutPipes
)

func renderText(w io.Writer, r *report.Report, layout textLayout) error {
	if r == nil {
		return errNilReport
	}
	if err := checkMarks(r); err != nil {
		return err
	}
	// The text is written to w only once it is whole: a report the layout
	// cannot hold writes nothing, not the part before what it cannot hold.
	tw := &textWriter{w: new(bytes.Buffer), tmpl: r.Spec(), layout: layout}
	if tw.tmpl == nil {
		tw.tmpl = report.TemplateFor(report.V2021)
	}
	if m := metaLine(r); m != "" {
		tw.prose(m)
	}
	if r.Title != "" {
		tw.prose(r.Title)
		tw.line("")
	}
	if r.Preamble != "" {
		tw.prose(r.Preamble)
		tw.line("")
	}
	for i := range r.Sections {
		if err := tw.section(&r.Sections[i]); err != nil {
			return err
		}
	}
	if t := trailerLines(r); t != nil {
		tw.line("")
		tw.prose(strings.Join(t, "\n"))
	}
	if tw.err != nil {
		return tw.err
	}
	_, err := w.Write(tw.w.Bytes())
	return err
}

type textWriter struct {
	w      *bytes.Buffer
	tmpl   *report.Template
	layout textLayout
	err    error // the first text the layout cannot hold
}

func (tw *textWriter) line(s string) { tw.w.WriteString(s); tw.w.WriteByte('\n') }

// prose writes lines of prose. A line that the layout would read as table
// cells cannot be written.
//
// In pipes, every "|" of the prose is escaped (see pipeEscape), so that any
// prose can be written.
func (tw *textWriter) prose(s string) {
	for _, l := range strings.Split(s, "\n") {
		switch {
		case tw.layout == layoutCells && strings.HasPrefix(l, "\t"),
			tw.layout == layoutTSV && strings.Contains(l, "\t"):
			tw.fail(fmt.Errorf("render: the %s layout cannot hold the line of prose %q: it would read as table cells", tw.layout, l))
		case tw.layout == layoutPipes:
			l = pipeEscape(l)
		}
		tw.line(l)
	}
}

// pipeEscape escapes the pipes of text for the pipes layout, as
// parse.Pipes reads them: a "|" that belongs to the text is written "\|",
// and the backslashes right before it twice over ("\|" is "\\\|"), so that
// a pipe after an odd number of backslashes is text and one after an even
// number a separator. Backslashes before no pipe are written as they are.
func pipeEscape(s string) string {
	if !strings.Contains(s, "|") {
		return s
	}
	var b strings.Builder
	run := 0 // the backslashes just written
	for _, r := range s {
		switch r {
		case '\\':
			run++
		case '|':
			b.WriteString(strings.Repeat(`\`, run+1))
			run = 0
		default:
			run = 0
		}
		b.WriteRune(r)
	}
	return b.String()
}

func (tw *textWriter) fail(err error) {
	if tw.err == nil {
		tw.err = err
	}
}

func (l textLayout) String() string {
	return [...]string{"cells", "tsv", "pipes"}[l]
}

// row writes one table row in the layout: in cells, a cell a line, then a
// blank line; in tsv, the cells on one line, separated by tabs (a row of
// one cell gets a trailing tab, so that it reads as a cell, not prose); in
// pipes, a cell a line ending in " |", the last one in " | |".
func (tw *textWriter) row(cells ...string) {
	for _, c := range cells {
		switch {
		case tw.layout == layoutTSV && strings.ContainsAny(c, "\t\n"):
			tw.fail(fmt.Errorf("render: the tsv layout cannot hold the cell %q: it holds a tab or a line break", c))
		case tw.layout == layoutPipes && strings.Contains(c, "\n"):
			tw.fail(fmt.Errorf("render: the pipes layout cannot hold the cell %q: it holds a line break", c))
		}
	}
	switch tw.layout {
	case layoutTSV:
		s := strings.Join(cells, "\t")
		if len(cells) < 2 {
			s += "\t"
		}
		tw.line(s)
	case layoutPipes:
		for i, c := range cells {
			c = pipeEscape(c)
			if i == len(cells)-1 {
				tw.line(c + " | |")
			} else {
				tw.line(c + " |")
			}
		}
	default:
		for _, c := range cells {
			tw.line("\t" + c)
		}
		tw.line("")
	}
}

var numerals = []string{"", "一", "二", "三", "四", "五", "六"}

func (tw *textWriter) section(s *report.Section) error {
	spec := tw.tmpl.Section(s.Key)
	if spec == nil {
		return fmt.Errorf("render: unknown section %q", s.Key)
	}
	tw.line(numerals[spec.Number] + "、" + spec.Heading)
	if s.Prose != "" {
		tw.prose(s.Prose)
	}
	if s.Table == nil {
		return nil
	}
	tw.line("")
	var err error
	switch s.Key {
	case report.Active:
		err = tw.active(s.Table)
	case report.Requests:
		err = tw.requests(s.Table)
	case report.Appeals:
		err = tw.appeals(s.Table)
	}
	tw.line("")
	return err
}

// rowSpec finds the spec of a row, in the report's template first: a
// report may hold a row of the other version.
func (tw *textWriter) rowSpec(table report.SectionKey, key string) (*report.RowSpec, error) {
	if spec := tw.tmpl.Table(table).Row(key); spec != nil {
		return spec, nil
	}
	for _, t := range report.Templates() {
		if spec := t.Table(table).Row(key); spec != nil {
			return spec, nil
		}
	}
	return nil, fmt.Errorf("render: %s has no row %q in either template", table, key)
}

func (tw *textWriter) active(t *report.Table) error {
	content := tw.tmpl.Table(report.Active).Header[0] // 信息内容
	prevItem, prevCols := "", ""
	for _, row := range t.Rows {
		spec, err := tw.rowSpec(report.Active, row.Key)
		if err != nil {
			return err
		}
		item := ""
		if len(spec.Path) > 0 {
			item = spec.Path[0]
		}
		var labels, values, cols []string
		for _, c := range row.Cells {
			col := tw.columnSpec(report.Active, row.Key, c.Column)
			if col == nil {
				return fmt.Errorf("render: active.%s has no column %q in either template", row.Key, c.Column)
			}
			labels = append(labels, col.Label)
			values = append(values, c.Value.String())
			cols = append(cols, c.Column)
		}
		if item != prevItem || strings.Join(cols, ",") != prevCols {
			tw.row(item)
			tw.row(append([]string{content}, labels...)...)
			prevItem, prevCols = item, strings.Join(cols, ",")
		}
		tw.row(append([]string{spec.Label}, values...)...)
	}
	return nil
}

// columnSpec finds a column of a row, in the report's template first.
func (tw *textWriter) columnSpec(table report.SectionKey, row, column string) *report.ColumnSpec {
	if c := tw.tmpl.Table(table).Row(row).Column(column); c != nil {
		return c
	}
	for _, t := range report.Templates() {
		if c := t.Table(table).Row(row).Column(column); c != nil {
			return c
		}
	}
	return nil
}

func (tw *textWriter) requests(t *report.Table) error {
	spec := tw.tmpl.Table(report.Requests)
	cols := spec.Rows[0].Columns
	// The three header rows of the template.
	tw.row(spec.Note, spec.Header[0])
	top := []string{""}
	sub := []string{"", ""}
	for _, c := range cols {
		switch {
		case len(c.Path) == 0:
			top = append(top, c.Label)
		case len(sub) == 2:
			top = append(top, c.Path[0])
			fallthrough
		default:
			sub = append(sub, c.Label)
		}
	}
	tw.row(top...)
	tw.row(append(sub, "")...)
	var prev []string
	for _, row := range t.Rows {
		rs, err := tw.rowSpec(report.Requests, row.Key)
		if err != nil {
			return err
		}
		var cells []string
		for d, p := range rs.Path {
			if d < len(prev) && prev[d] == p {
				cells = append(cells, "") // merged with the row above
			} else {
				cells = append(cells, p)
			}
		}
		prev = rs.Path
		if err := checkColumns(report.Requests, &row, rs); err != nil {
			return err
		}
		cells = append(cells, rs.Label)
		for _, c := range cols {
			cells = append(cells, cellText(&row, c.Key))
		}
		tw.row(cells...)
	}
	return nil
}

// appeals writes table 四. Its one data row holds each group once, in
// template order: a report whose groups are in another order is written in
// template order, and one that has a group twice or one the template lacks
// cannot be written.
func (tw *textWriter) appeals(t *report.Table) error {
	spec := tw.tmpl.Table(report.Appeals)
	groups := spec.Rows
	seen := map[string]bool{}
	for i := range t.Rows {
		row := &t.Rows[i]
		rs := spec.Row(row.Key)
		switch {
		case rs == nil:
			return fmt.Errorf("render: appeals has no row %q in either template", row.Key)
		case seen[row.Key]:
			return fmt.Errorf("render: appeals.%s appears twice; the template's single row of table 四 cannot hold it twice", row.Key)
		}
		seen[row.Key] = true
		if err := checkColumns(report.Appeals, row, rs); err != nil {
			return err
		}
	}
	// 行政复议 | 行政诉讼; 5 column labels | 未经复议直接起诉 | 复议后起诉; 5 blanks, 10 labels.
	tw.row(groups[0].Label, groups[1].Path[0])
	var second, third, values []string
	for _, c := range groups[0].Columns {
		second = append(second, c.Label)
		third = append(third, "")
	}
	for _, g := range groups[1:] {
		second = append(second, g.Label)
		for _, c := range g.Columns {
			third = append(third, c.Label)
		}
	}
	tw.row(second...)
	tw.row(third...)
	for _, g := range groups {
		for _, c := range g.Columns {
			values = append(values, cellText(t.Row(g.Key), c.Key))
		}
	}
	tw.row(values...)
	return nil
}

// checkColumns fails on a cell whose column the row's spec lacks: the grid
// of tables 三 and 四 has no place for it.
func checkColumns(table report.SectionKey, row *report.Row, rs *report.RowSpec) error {
	for _, c := range row.Cells {
		if rs.Column(c.Column) == nil {
			return fmt.Errorf("render: %s.%s has no column %q in the template", table, row.Key, c.Column)
		}
	}
	return nil
}

// cellText is the text of a cell; a cell the report lacks (or a cell of a
// row it lacks) is written report.AbsentMark, which reads back as no cell.
func cellText(row *report.Row, column string) string {
	if c := row.Cell(column); c != nil {
		return c.Value.String()
	}
	return report.AbsentMark
}
