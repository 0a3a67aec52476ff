package parse

import (
	"fmt"
	"strings"

	"github.com/opengovcn/annualreport/report"
)

// pending is a table row being read: its label and the cells after it.
type pending struct {
	key   string // "" for a row whose label is unknown: its cells are dropped (the label was reported)
	label Token
	group bool // a group label standing for a row (2019 （六）其他处理) until an item label follows
	data  []Token

	at     int  // the index in the table's cells of data[0]
	window bool // data is the table's cells[at:at+len(data)], not a copy
}

// add adds cells[j] to the row's data. The data of a row are nearly always
// consecutive cells: they stay a window on the table's cells until one is
// not, and are copied then.
func (p *pending) add(cells []Token, j int) {
	switch {
	case len(p.data) == 0:
		p.data, p.at, p.window = cells[j:j+1:j+1], j, true
	case p.window && p.at+len(p.data) == j:
		p.data = cells[p.at : j+1 : j+1]
	default:
		p.data = append(p.data, cells[j]) // full (a window is): a copy
		p.window = false
	}
}

// hasValues reports whether a non-blank cell follows the row's label.
func (p *pending) hasValues() bool {
	for _, c := range p.data {
		if trimSpace(c.Text) != "" {
			return true
		}
	}
	return false
}

// appendCell appends the cell of column col read from the token t to
// cells, setting the new element's fields in place when cells has room
// (the binder sizes them so): appending a Cell value copies its 88 bytes
// with a bulk write barrier while the collector runs.
func appendCell(cells []report.Cell, col string, t *Token) []report.Cell {
	v := parseValue(t.Text)
	if len(cells) == cap(cells) {
		return append(cells, report.Cell{Column: col, Value: v, Src: source(*t)})
	}
	cells = cells[:len(cells)+1]
	c := &cells[len(cells)-1]
	c.Column, c.Kind, c.Num, c.Text = col, v.Kind, v.Num, v.Text
	c.Src.Line, c.Src.Col, c.Src.Text = t.Line, t.Col, t.Text
	return cells
}

func source(t Token) report.Source {
	return report.Source{Line: t.Line, Col: t.Col, Text: t.Text}
}

func (b *binder) stray(t Token) {
	b.errs.add(t.Line, t.Col, ErrCellCount, "value %q stands outside any table row", trimSpace(t.Text))
}

// nearest is nearest, remembered for each text: a table of many unknown
// labels (a page's text run into a table) has few different ones.
func (b *binder) nearest(table report.SectionKey, text string) string {
	k := string(table) + "\x00" + text
	if n, ok := b.near[k]; ok {
		return n
	}
	if b.near == nil {
		b.near = map[string]string{}
	}
	n := nearest(table, text)
	b.near[k] = n
	return n
}

func (b *binder) unknown(t Token, key report.SectionKey) {
	name := report.TemplateFor(report.V2021).Table(key).Name
	hint := ""
	if isColumnLabel(key, t.Text) {
		// A label of the table's header among its rows: a second copy of
		// the table, or a header repeated after a page break.
		hint = " (a label of the table's header, among its rows: a second copy of the table?)"
	} else if n := b.nearest(key, t.Text); n != "" {
		hint = fmt.Sprintf(" (nearest label of the template: %q)", n)
	}
	b.errs.add(t.Line, t.Col, ErrUnknownLabel, "%s: unknown label %q%s; the cells of its row are not read", name, trimSpace(t.Text), hint)
}

// active binds the cells of table 二. Its rows come in blocks: an item
// header (第二十条第（一）项), a header row naming the columns (信息内容 本年制发
// 件数 …), then rows. Columns are taken from the header labels, never from
// positions: a 2019 header gives 2019 keys.
func (b *binder) active(t *report.Table, cells []Token) {
	var cols []Token // header column labels of the current block
	var colKeys []string
	var cur *pending // nil or &next: one row is pending at a time
	var next pending
	header := false
	flush := func() {
		if cur == nil {
			return
		}
		row := cur
		cur = nil
		if row.key == "" {
			return
		}
		b.activeRow(t, row, colKeys, cols)
	}
	for j, c := range cells {
		if b.st.stop(c.Line) {
			break
		}
		if c.Kind == RowEndToken {
			flush()
			continue
		}
		cl, key := classify(report.Active, c.Text, false)
		switch cl {
		case classItem:
			flush()
			cols, colKeys, header = nil, nil, false
		case classHeader:
			flush()
			cols, colKeys, header = nil, nil, true
		case classColumn:
			if cur != nil || !header {
				flush()
				cols, colKeys, header = nil, nil, true
			}
			cols = append(cols, c)
			colKeys = append(colKeys, key)
		case classRow:
			flush()
			header = false
			next = pending{key: key, label: c}
			cur = &next
		case classUnknown:
			if cur != nil && cur.key != "" && textInCell(report.Active, c.Text) {
				cur.add(cells, j) // 不适用, 见说明: text in a cell of the row
				continue
			}
			flush()
			b.unknown(c, report.Active)
			next = pending{label: c}
			cur = &next
		default:
			if cur != nil {
				cur.add(cells, j)
			} else if trimSpace(c.Text) != "" {
				b.stray(c)
			}
		}
	}
	flush()
}

func (b *binder) activeRow(t *report.Table, row *pending, colKeys []string, cols []Token) {
	data := trimTrailingBlanks(row.data, len(colKeys))
	label := trimSpace(row.label.Text)
	if len(colKeys) == 0 {
		b.errs.add(row.label.Line, row.label.Col, ErrMissing, "表二 row %q has no header naming its columns; its cells are not read", label)
		return
	}
	for i, k := range colKeys {
		if !columnOf(report.Active, row.key, k) {
			b.errs.add(cols[i].Line, cols[i].Col, ErrUnknownLabel, "表二 column %q does not belong to row %q in either template; its cells are not read", trimSpace(cols[i].Text), label)
			return
		}
	}
	out := report.Row{Key: row.key, Src: source(row.label), Cells: b.cells(min(len(data), len(colKeys)))}
	for i, c := range data {
		if i >= len(colKeys) {
			b.errs.add(c.Line, c.Col, ErrCellCount, "表二 row %q has %d cells, its header names %d columns; extra cell %q not read", label, len(data), len(colKeys), trimSpace(c.Text))
			continue
		}
		out.Cells = appendCell(out.Cells, colKeys[i], &c)
	}
	if len(data) < len(colKeys) {
		b.errs.add(row.label.Line, row.label.Col, ErrCellCount, "表二 row %q has %d cells, its header names %d columns", label, len(data), len(colKeys))
	}
	t.Rows = append(t.Rows, out)
}

// columnOf reports whether column belongs to the row in either template.
func columnOf(table report.SectionKey, row, column string) bool {
	for _, t := range report.Templates() {
		if t.Table(table).Row(row).Column(column) != nil {
			return true
		}
	}
	return false
}

// trimTrailingBlanks drops blank cells beyond the first n: the padding that
// merged cells leave at the end of a row.
func trimTrailingBlanks(data []Token, n int) []Token {
	for len(data) > n && trimSpace(data[len(data)-1].Text) == "" {
		data = data[:len(data)-1]
	}
	return data
}

// requestColumns are the column keys of table 三, in template order.
var requestColumns = func() []string {
	var keys []string
	for _, c := range report.TemplateFor(report.V2021).Table(report.Requests).Rows[0].Columns {
		keys = append(keys, c.Key)
	}
	return keys
}()

// requests binds the cells of table 三. Rows start at their labels; a
// group label (（三）不予公开) may share a row with the first item label.
// Every row has the seven columns of the template, in template order.
func (b *binder) requests(t *report.Table, cells []Token) {
	var cur *pending // nil or &next: one row is pending at a time
	var next pending
	inHeader := true
	var header []Token // the applicant column labels of the header, in order
	var headerKeys []string
	flush := func() {
		if cur == nil {
			return
		}
		row := cur
		cur = nil
		if row.key == "" {
			return
		}
		b.gridRow(t, row, "表三", requestColumns)
	}
	checkHeader := func() {
		// Cells are read in the template's column order; a header that
		// names the applicant columns in another order says that order is
		// wrong here. (总计 is left out: merged headers put it anywhere.)
		want := requestColumns[:len(requestColumns)-1]
		j := 0
		for i, k := range headerKeys {
			for j < len(want) && want[j] != k {
				j++
			}
			if j == len(want) {
				h := header[i]
				b.errs.add(h.Line, h.Col, ErrAmbiguous, "表三 header names the applicant columns in an order other than the template's (%s); its cells are read in the template's order", strings.Join(want, ", "))
				return
			}
		}
	}
	for j, c := range cells {
		if b.st.stop(c.Line) {
			break
		}
		if c.Kind == RowEndToken {
			flush()
			continue
		}
		cl, key := classify(report.Requests, c.Text, inHeader)
		if inHeader && (cl == classGroup || cl == classRow) {
			checkHeader()
		}
		switch cl {
		case classHeader, classColumn:
			if cur != nil {
				flush()
			}
			if cl == classColumn && key != "total" {
				header = append(header, c)
				headerKeys = append(headerKeys, key)
			}
		case classGroup:
			if cur != nil && (!cur.group || cur.hasValues()) {
				flush()
			}
			if key != "" { // （六）其他处理, a row by itself in 2019
				next = pending{key: key, label: c, group: true}
				cur = &next
			} else if cur != nil && cur.group {
				cur = nil
			}
			inHeader = false
		case classRow:
			if cur != nil && !(cur.group && !cur.hasValues()) {
				flush()
			}
			next = pending{key: key, label: c}
			cur = &next
			inHeader = false
		case classUnknown:
			if cur != nil && cur.key != "" && !cur.group && textInCell(report.Requests, c.Text) {
				cur.add(cells, j) // 不适用, 见说明: text in a cell of the row
				continue
			}
			flush()
			b.unknown(c, report.Requests)
			next = pending{label: c}
			cur = &next
		default:
			if cur != nil {
				cur.add(cells, j)
			} else if trimSpace(c.Text) != "" {
				b.stray(c)
			}
		}
	}
	flush()
}

// gridRow binds the data cells of a row to the n columns of a grid table.
// A row may carry more cells than columns: merged cells leave blank padding
// around the data. The padding is found by trying every window of n cells
// outside which all cells are blank; a column is read only if every such
// window gives it the same value.
func (b *binder) gridRow(t *report.Table, row *pending, table string, columns []string) {
	var buf [16]*Token
	vals, ok := b.align(buf[:0], row.data, len(columns), row.label, what{table, row.label.Text})
	if !ok {
		return
	}
	out := report.Row{Key: row.key, Src: source(row.label), Cells: b.cells(len(vals))}
	for i, v := range vals {
		if v != nil {
			out.Cells = appendCell(out.Cells, columns[i], v)
		}
	}
	t.Rows = append(t.Rows, out)
}

func quote(s string) string { return "“" + s + "”" }

// what names a table row in messages: 表三 row “（一）予以公开”, or a table's
// data row when it has no label. It is formatted only when a message is.
type what struct{ table, label string }

func (w what) String() string {
	if w.label == "" {
		return w.table + " data row"
	}
	return w.table + " row " + quote(trimSpace(w.label))
}

// align places data cells in n columns, as gridRow says. It appends to out
// a cell per column (nil where the column could not be told) and returns
// it, and false if nothing could be placed.
func (b *binder) align(out []*Token, data []Token, n int, at Token, what what) ([]*Token, bool) {
	m := len(data)
	if m < n {
		b.errs.add(at.Line, at.Col, ErrCellCount, "%s has %d cells, the template has %d columns; its cells are not read", what, m, n)
		return nil, false
	}
	// A window starting at s works if no non-blank cell lies outside it.
	first, last := m, -1
	for i, c := range data {
		if trimSpace(c.Text) != "" {
			first = min(first, i)
			last = i
		}
	}
	lo, hi := max(0, last-n+1), min(first, m-n) // the windows start at lo…hi
	if lo > hi {
		b.errs.add(at.Line, at.Col, ErrCellCount, "%s has %d non-blank cells, the template has %d columns; its cells are not read", what, m, n)
		return nil, false
	}
	unclear := 0
	for i := 0; i < n; i++ {
		first := data[lo+i]
		same := true
		for s := lo + 1; s <= hi; s++ {
			if parseValue(data[s+i].Text) != parseValue(first.Text) {
				same = false
			}
		}
		if same {
			out = append(out, &data[lo+i])
		} else {
			out = append(out, nil)
			unclear++
		}
	}
	if unclear > 0 {
		b.errs.add(at.Line, at.Col, ErrAmbiguous, "%s has %d cells for %d columns and blank padding that could stand on either side; %d of its cells are not read", what, m, n, unclear)
	}
	return out, true
}

// appeals binds the cells of table 四: header rows, then one row of fifteen
// values, the three groups of five columns side by side.
func (b *binder) appeals(t *report.Table, cells []Token) {
	spec := report.TemplateFor(report.V2021).Table(report.Appeals)
	// The values are the cells after the last row that holds a header cell
	// (after the last header cell, where the layout marks no row ends).
	start := 0
	for i, c := range cells {
		if c.Kind != CellToken {
			continue
		}
		cl, _ := classify(report.Appeals, c.Text, true)
		if cl == classValue {
			continue
		}
		if cl == classUnknown {
			b.errs.add(c.Line, c.Col, ErrUnknownLabel, "表四: unknown label %q", trimSpace(c.Text))
		}
		start = i + 1
	}
	for j := start; j < len(cells); j++ {
		if cells[j].Kind == RowEndToken {
			start = j + 1
			break
		}
		if trimSpace(cells[j].Text) != "" {
			break // values follow the header in the same row: no row ends here
		}
	}
	var data []Token
	for _, c := range cells[start:] {
		if c.Kind == CellToken {
			data = append(data, c)
		}
	}
	var at Token
	if len(data) > 0 {
		at = data[0]
	} else if len(cells) > 0 {
		at = cells[len(cells)-1]
	}
	var buf [16]*Token
	vals, ok := b.align(buf[:0], data, len(appealCells), at, what{table: "表四"})
	if !ok {
		return
	}
	for _, r := range spec.Rows {
		out := report.Row{Key: r.Key}
		for i, v := range vals {
			group, col := appealCells[i][0], appealCells[i][1]
			if group != r.Key || v == nil {
				continue
			}
			if out.Src.IsZero() {
				out.Src = source(*v)
				out.Cells = b.cells(len(r.Columns))
			}
			out.Cells = appendCell(out.Cells, col, v)
		}
		t.Rows = append(t.Rows, out)
	}
}

// appealCells are the group and column keys of the fifteen cells of the
// data row of 表四, in order.
var appealCells = func() (out [][2]string) {
	for _, r := range report.TemplateFor(report.V2021).Table(report.Appeals).Rows {
		for _, c := range r.Columns {
			out = append(out, [2]string{r.Key, c.Key})
		}
	}
	return out
}()
