package render

import (
	"bufio"
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
	if r == nil {
		return errNilReport
	}
	tw := &textWriter{w: bufio.NewWriter(w), tmpl: r.Spec()}
	if tw.tmpl == nil {
		tw.tmpl = report.TemplateFor(report.V2021)
	}
	if r.Title != "" {
		tw.line(r.Title)
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
	if r.Trailer != "" {
		tw.line("")
		tw.prose(r.Trailer)
	}
	return tw.w.Flush()
}

type textWriter struct {
	w    *bufio.Writer
	tmpl *report.Template
}

func (tw *textWriter) line(s string) { tw.w.WriteString(s); tw.w.WriteByte('\n') }

func (tw *textWriter) prose(s string) {
	for _, l := range strings.Split(s, "\n") {
		tw.line(l)
	}
}

// row writes one table row: a cell a line, then a blank line.
func (tw *textWriter) row(cells ...string) {
	for _, c := range cells {
		tw.line("\t" + c)
	}
	tw.line("")
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

// cellText is the text of a cell; a cell the report lacks is written blank.
func cellText(row *report.Row, column string) string {
	if c := row.Cell(column); c != nil {
		return c.Value.String()
	}
	return ""
}
