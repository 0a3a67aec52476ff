package render

import (
	"fmt"
	"strings"

	"github.com/opengovcn/annualreport/report"
)

// This file lays the three tables out as the official form draws them: a
// grid of cells, some merged across rows or columns. HTML and DOCX write
// that grid; the text layouts write the same rows with merged cells left
// blank.

// gcell is one cell of a laid-out table, standing at the top left of the
// area it covers.
type gcell struct {
	text    string
	rowspan int // 1 or more
	colspan int // 1 or more
	kind    gkind
}

type gkind uint8

const (
	gHead  gkind = iota // a header or label cell
	gValue              // a cell of the report's data
	gNote               // the 勾稽关系 note of 表三
)

// grid is a laid-out table: cols columns, and rows holding the cells that
// start in them, left to right. head counts the header rows at the top.
type grid struct {
	key  report.SectionKey
	cols int
	head int
	rows [][]gcell
}

func (g *grid) add(cells ...gcell) { g.rows = append(g.rows, cells) }

func head(text string, rowspan, colspan int) gcell {
	return gcell{text: text, rowspan: rowspan, colspan: colspan, kind: gHead}
}

func value(text string, colspan int) gcell {
	return gcell{text: text, rowspan: 1, colspan: colspan, kind: gValue}
}

// lookup finds the specs of rows and columns in the report's template
// first, then in the other version: a report may hold a row of the other
// version (the 2019 single （六）其他处理 row in a 2021 report).
type lookup struct{ tmpl *report.Template }

func newLookup(r *report.Report) lookup {
	t := r.Spec()
	if t == nil {
		t = report.TemplateFor(report.V2021)
	}
	return lookup{t}
}

func (l lookup) section(key report.SectionKey) (*report.SectionSpec, error) {
	if s := l.tmpl.Section(key); s != nil {
		return s, nil
	}
	return nil, fmt.Errorf("render: unknown section %q", key)
}

func (l lookup) row(table report.SectionKey, key string) (*report.RowSpec, error) {
	if spec := l.tmpl.Table(table).Row(key); spec != nil {
		return spec, nil
	}
	for _, t := range report.Templates() {
		if spec := t.Table(table).Row(key); spec != nil {
			return spec, nil
		}
	}
	return nil, fmt.Errorf("render: %s has no row %q in either template", table, key)
}

func (l lookup) column(table report.SectionKey, row, column string) (*report.ColumnSpec, error) {
	if c := l.tmpl.Table(table).Row(row).Column(column); c != nil {
		return c, nil
	}
	for _, t := range report.Templates() {
		if c := t.Table(table).Row(row).Column(column); c != nil {
			return c, nil
		}
	}
	return nil, fmt.Errorf("render: %s.%s has no column %q in either template", table, row, column)
}

// rowLabel is the full label of a row: its merged cells and its own label,
// joined by " / ", such as 三、本年度办理结果 / （三）不予公开 / 1.属于国家秘密.
func rowLabel(rs *report.RowSpec) string {
	return strings.Join(append(append([]string{}, rs.Path...), rs.Label), " / ")
}

// columnLabel is the full label of a column, such as 法人或其他组织 / 商业企业.
func columnLabel(cs *report.ColumnSpec) string {
	return strings.Join(append(append([]string{}, cs.Path...), cs.Label), " / ")
}

// layout lays out the table of a section.
func (l lookup) layout(t *report.Table) (*grid, error) {
	switch t.Key {
	case report.Active:
		return l.active(t)
	case report.Requests:
		return l.requests(t)
	case report.Appeals:
		return l.appeals(t)
	}
	return nil, fmt.Errorf("render: no table %q in the template", t.Key)
}

// activeBlock is a run of rows of 表二 under one item (第二十条第（一）项) and
// one header of columns.
type activeBlock struct {
	item    string
	columns []*report.ColumnSpec
	rows    []*report.Row
	specs   []*report.RowSpec
}

// activeBlocks splits the rows of 表二 where the item or the columns change:
// each block is drawn under its item and a header naming its columns.
func (l lookup) activeBlocks(t *report.Table) ([]activeBlock, error) {
	var blocks []activeBlock
	prevItem, prevCols := "", "\x00"
	for i := range t.Rows {
		row := &t.Rows[i]
		spec, err := l.row(report.Active, row.Key)
		if err != nil {
			return nil, err
		}
		item := ""
		if len(spec.Path) > 0 {
			item = spec.Path[0]
		}
		var cols []*report.ColumnSpec
		var keys []string
		for _, c := range row.Cells {
			cs, err := l.column(report.Active, row.Key, c.Column)
			if err != nil {
				return nil, err
			}
			cols = append(cols, cs)
			keys = append(keys, c.Column)
		}
		if item != prevItem || strings.Join(keys, ",") != prevCols {
			blocks = append(blocks, activeBlock{item: item, columns: cols})
			prevItem, prevCols = item, strings.Join(keys, ",")
		}
		b := &blocks[len(blocks)-1]
		b.rows = append(b.rows, row)
		b.specs = append(b.specs, spec)
	}
	return blocks, nil
}

// active lays out 表二: per block, the item across the table, the header
// (信息内容 and the column labels), then the rows. The table is as wide as
// its widest row; the last cell of a narrower row spans the rest.
func (l lookup) active(t *report.Table) (*grid, error) {
	blocks, err := l.activeBlocks(t)
	if err != nil {
		return nil, err
	}
	width := 1
	for _, tm := range report.Templates() {
		for _, rs := range tm.Table(report.Active).Rows {
			width = max(width, 1+len(rs.Columns))
		}
	}
	for _, b := range blocks {
		width = max(width, 1+len(b.columns))
	}
	content := l.tmpl.Table(report.Active).Header[0] // 信息内容
	g := &grid{key: report.Active, cols: width}
	// fill spreads cells after a first one over the width, the last
	// spanning what is left.
	fill := func(first gcell, rest []gcell) []gcell {
		if len(rest) == 0 {
			first.colspan = width
			return []gcell{first}
		}
		rest[len(rest)-1].colspan = width - len(rest)
		return append([]gcell{first}, rest...)
	}
	for _, b := range blocks {
		g.add(head(b.item, 1, width))
		var labels []gcell
		for _, c := range b.columns {
			labels = append(labels, head(c.Label, 1, 1))
		}
		g.add(fill(head(content, 1, 1), labels)...)
		for i, row := range b.rows {
			var vals []gcell
			for _, c := range row.Cells {
				vals = append(vals, value(c.Value.String(), 1))
			}
			g.add(fill(head(b.specs[i].Label, 1, 1), vals)...)
		}
	}
	return g, nil
}

// requests lays out 表三: the note over the label columns, three header
// rows (申请人情况; 自然人, 法人或其他组织, 总计; the five kinds of
// organisation), then a row per row of the report, in its order, its group
// labels (三、本年度办理结果, （三）不予公开 …) merged down over the rows
// that share them and its label spanning the label columns it leaves free.
func (l lookup) requests(t *report.Table) (*grid, error) {
	spec := l.tmpl.Table(report.Requests)
	cols := spec.Rows[0].Columns
	depth := 1 // label columns: the deepest path plus the label
	for _, tm := range report.Templates() {
		for _, rs := range tm.Table(report.Requests).Rows {
			depth = max(depth, 1+len(rs.Path))
		}
	}
	g := &grid{key: report.Requests, cols: depth + len(cols), head: 3}
	g.add(gcell{text: spec.Note, rowspan: 3, colspan: depth, kind: gNote}, head(spec.Header[0], 1, len(cols)))
	var second, third []gcell
	for i := 0; i < len(cols); {
		c := cols[i]
		if len(c.Path) == 0 {
			second = append(second, head(c.Label, 2, 1))
			i++
			continue
		}
		n := 0
		for i+n < len(cols) && len(cols[i+n].Path) > 0 && cols[i+n].Path[0] == c.Path[0] {
			third = append(third, head(cols[i+n].Label, 1, 1))
			n++
		}
		second = append(second, head(c.Path[0], 1, n))
		i += n
	}
	g.add(second...)
	g.add(third...)
	type at struct{ row, cell int }
	var open []at // the merged label cell of each level, where it stands
	var prev []string
	for i := range t.Rows {
		row := &t.Rows[i]
		rs, err := l.row(report.Requests, row.Key)
		if err != nil {
			return nil, err
		}
		if err := checkColumns(report.Requests, row, rs); err != nil {
			return nil, err
		}
		var cells []gcell
		same := true
		for d, p := range rs.Path {
			same = same && d < len(prev) && prev[d] == p
			if same {
				o := open[d]
				g.rows[o.row][o.cell].rowspan++
				continue
			}
			open = append(open[:d], at{len(g.rows), len(cells)})
			cells = append(cells, head(p, 1, 1))
		}
		open = open[:len(rs.Path)]
		prev = rs.Path
		cells = append(cells, head(rs.Label, 1, depth-len(rs.Path)))
		for _, c := range cols {
			cells = append(cells, value(cellText(row, c.Key), 1))
		}
		g.add(cells...)
	}
	return g, nil
}

// checkAppeals fails on what the one data row of 表四 has no place for: a
// group the template lacks, a group twice, a column the group lacks.
func checkAppeals(spec *report.TableSpec, t *report.Table) error {
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
	return nil
}

// appeals lays out 表四: 行政复议 and 行政诉讼 across the top; the five
// column labels of 行政复议 merged down over two rows beside 未经复议直接起诉
// and 复议后起诉; their column labels; then the one row of fifteen values, the
// groups in template order.
func (l lookup) appeals(t *report.Table) (*grid, error) {
	spec := l.tmpl.Table(report.Appeals)
	if err := checkAppeals(spec, t); err != nil {
		return nil, err
	}
	groups := spec.Rows
	width := 0
	for _, gs := range groups {
		width += len(gs.Columns)
	}
	g := &grid{key: report.Appeals, cols: width, head: 3}
	var first, second, third, values []gcell
	for i := 0; i < len(groups); {
		gs := groups[i]
		if len(gs.Path) == 0 {
			first = append(first, head(gs.Label, 1, len(gs.Columns)))
			for _, c := range gs.Columns {
				second = append(second, head(c.Label, 2, 1))
			}
			i++
			continue
		}
		n := 0
		for ; i < len(groups) && len(groups[i].Path) > 0 && groups[i].Path[0] == gs.Path[0]; i++ {
			n += len(groups[i].Columns)
			second = append(second, head(groups[i].Label, 1, len(groups[i].Columns)))
			for _, c := range groups[i].Columns {
				third = append(third, head(c.Label, 1, 1))
			}
		}
		first = append(first, head(gs.Path[0], 1, n))
	}
	for _, gs := range groups {
		for _, c := range gs.Columns {
			values = append(values, value(cellText(t.Row(gs.Key), c.Key), 1))
		}
	}
	g.add(first...)
	g.add(second...)
	g.add(third...)
	g.add(values...)
	return g, nil
}
