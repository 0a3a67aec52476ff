package parse

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/opengovcn/annualreport/report"
)

// pending is a table row being read: its label and the cells after it.
type pending struct {
	key   string // "" for a row whose label is unknown: its cells are dropped (the label was reported)
	label Token
	group bool // a group label standing for a row (2019 （六）其他处理) until an item label follows
	// orphan is true for a row of numbers whose label cell is empty: it
	// is placed by the rows around it (placeOrphans).
	orphan bool
	data   []Token

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
//
// A cell holding report.AbsentMark is no cell: it is not appended.
func appendCell(cells []report.Cell, col string, t *Token) []report.Cell {
	if isAbsent(t.Text) {
		return cells
	}
	v := parseValue(t.Text)
	if len(cells) == cap(cells) {
		return append(cells, report.Cell{Column: col, Value: v, Src: source(*t)})
	}
	cells = cells[:len(cells)+1]
	c := &cells[len(cells)-1]
	c.Column, c.Kind, c.Num, c.Text, c.Unit = col, v.Kind, v.Num, v.Text, v.Unit
	c.Src.Line, c.Src.Col, c.Src.Text, c.Src.Page, c.Src.Box = t.Line, t.Col, t.Text, 0, report.Box{}
	return cells
}

// isAbsent reports whether a cell's text is report.AbsentMark, which
// writers put where a layout needs a cell that the report does not hold.
func isAbsent(s string) bool {
	return len(s) >= len(report.AbsentMark) && trimSpace(s) == report.AbsentMark
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
	var orphans []orphanRow // rows of numbers with no label, placed at the end
	flush := func() {
		if cur == nil {
			return
		}
		row := cur
		cur = nil
		if row.orphan {
			orphans = append(orphans, orphanRow{row: *row, at: len(t.Rows)})
			return
		}
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
			if inHeader && (headerPiece(report.Requests, c.Text) || placeholder(c.Text)) || groupPiece(c.Text) {
				continue // a piece of a header word (商业企|业) or a group label (三、), as converters cut them
			}
			flush()
			b.unknown(c, report.Requests)
			next = pending{label: c}
			cur = &next
		default:
			switch {
			case cur != nil:
				cur.add(cells, j)
			case !inHeader && trimSpace(c.Text) != "" && rowStart(cells, j):
				// A row of the table whose label cell is empty: its label
				// stands elsewhere (a converter's, a merged cell's).
				next = pending{label: Token{Kind: CellToken, Line: c.Line, Col: c.Col}, orphan: true}
				cur = &next
				cur.add(cells, j)
			case trimSpace(c.Text) != "":
				b.stray(c)
			}
		}
	}
	flush()
	b.placeOrphans(t, orphans, report.Requests, func(row *pending) { b.gridRow(t, row, "表三", requestColumns) })
}

// rowStart reports whether cells[j] is the first non-blank cell of a row
// the layout marks: only blank cells stand between it and a row end.
func rowStart(cells []Token, j int) bool {
	for i := j - 1; i >= 0; i-- {
		switch {
		case cells[i].Kind == RowEndToken:
			return true
		case trimSpace(cells[i].Text) != "":
			return false
		}
	}
	return false
}

// orphanRow is a table row of numbers whose label cell is empty, and the
// number of rows read before it.
type orphanRow struct {
	row pending
	at  int
}

// placeOrphans reads the rows of numbers that have no label by the rows
// around them: a run of such rows between two rows that have their labels
// (or the table's start or end) is read as the template's rows between
// those two when there are as many of them, in order; any other run is
// reported, its cells not read. read binds one row and appends it to t.
func (b *binder) placeOrphans(t *report.Table, orphans []orphanRow, table report.SectionKey, read func(*pending)) {
	// Runs of orphans with no labelled row between them, last first, so
	// that rows inserted leave the places of earlier runs as they are.
	for end := len(orphans); end > 0; {
		start := end - 1
		for start > 0 && orphans[start-1].at == orphans[end-1].at {
			start--
		}
		run, at := orphans[start:end], orphans[end-1].at
		end = start
		prev, next := "", ""
		if at > 0 {
			prev = t.Rows[at-1].Key
		}
		if at < len(t.Rows) {
			next = t.Rows[at].Key
		}
		var keys []string
		for _, tm := range report.Templates() {
			rows := tm.Table(table).Rows
			a, z := -1, len(rows)
			for i, r := range rows {
				if r.Key == prev {
					a = i
				}
				if r.Key == next {
					z = i
				}
			}
			if prev != "" && a < 0 || next != "" && z == len(rows) || z-a-1 != len(run) {
				continue
			}
			var ks []string
			for _, r := range rows[a+1 : z] {
				ks = append(ks, r.Key)
			}
			if keys != nil && !slices.Equal(keys, ks) {
				keys = nil // the templates differ here: not told
				break
			}
			keys = ks
		}
		if keys == nil {
			for _, o := range run {
				first := o.row.data[0]
				b.errs.add(first.Line, first.Col, ErrMissing, "%s: a row of numbers without its label, where the rows around it (%s … %s) leave no place for %d such rows; its cells are not read",
					report.TemplateFor(report.V2021).Table(table).Name, orNone(prev), orNone(next), len(run))
			}
			continue
		}
		tail := slices.Clone(t.Rows[at:])
		t.Rows = t.Rows[:at]
		for i := range run {
			row := run[i].row
			row.key = keys[i]
			read(&row)
		}
		t.Rows = append(t.Rows, tail...)
	}
}

func orNone(key string) string {
	if key == "" {
		return "—"
	}
	return key
}

// headerPiece reports whether text is a piece of a header word of the
// table (业 of 商业企业, 益组织 of 社会公益组织), as a converter cuts a
// header spread over lines into cells: two characters at most, or a piece
// that ends a word.
func headerPiece(table report.SectionKey, text string) bool {
	f := stripBlanks(report.Fold(trimSpace(text)))
	if f == "" || hasDigit(f) {
		return false
	}
	for _, tm := range report.Templates() {
		ts := tm.Table(table)
		words := slices.Clone(ts.Header)
		for _, r := range ts.Rows[:1] {
			for _, c := range r.Columns {
				words = append(words, c.Label)
				words = append(words, c.Path...)
			}
		}
		for _, w := range words {
			w = report.Fold(w)
			if strings.Contains(w, f) && (utf8.RuneCountInString(f) <= 2 || strings.HasSuffix(w, f)) {
				return true
			}
		}
	}
	return false
}

// placeholder reports whether text is a column name a converter invents
// for a table's first row (列1, 列 2, Column3, Col4), no label of the report.
func placeholder(text string) bool {
	f := stripBlanks(report.Fold(trimSpace(text)))
	for _, p := range []string{"列", "Column", "column", "Col", "col"} {
		if rest, ok := strings.CutPrefix(f, p); ok && rest != "" && allDigits(rest) {
			return true
		}
	}
	return false
}

// groupPiece reports whether text is the start of a group label of table
// 三 (三、 of 三、本年度办理结果, （三）不 of （三）不予公开), its number at
// least, cut from the rest by a converter.
func groupPiece(text string) bool {
	f := stripBlanks(report.Fold(trimSpace(text)))
	if num, _ := report.SplitNumber(f); num == "" {
		return false
	}
	for _, g := range groupLabels {
		if strings.HasPrefix(g, f) {
			return true
		}
	}
	return false
}

// groupLabels are the group labels of table 三 in both templates, folded.
var groupLabels = func() []string {
	var out []string
	for _, tm := range report.Templates() {
		for _, r := range tm.Table(report.Requests).Rows {
			for _, p := range r.Path {
				if f := stripBlanks(report.Fold(p)); !slices.Contains(out, f) {
					out = append(out, f)
				}
			}
		}
	}
	return out
}()

func hasDigit(s string) bool { return strings.ContainsAny(s, "0123456789") }

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
		if cl == classUnknown && !headerPiece(report.Appeals, c.Text) && !placeholder(c.Text) {
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
		absent := 0
		for i, v := range vals {
			group, col := appealCells[i][0], appealCells[i][1]
			if group != r.Key || v == nil {
				continue
			}
			if isAbsent(v.Text) {
				absent++
				continue
			}
			if out.Src.IsZero() {
				out.Src = source(*v)
				out.Cells = b.cells(len(r.Columns))
			}
			out.Cells = appendCell(out.Cells, col, v)
		}
		if absent == len(r.Columns) {
			continue // a group the report does not hold
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
