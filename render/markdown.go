package render

import (
	"bufio"
	"io"
	"strings"

	"github.com/opengovcn/annualreport/report"
)

// Markdown writes a report as GitHub Flavored Markdown: the title as a
// level-1 heading, the six sections under their official headings as
// level-2 headings, prose as paragraphs, and the tables as GFM tables.
//
// GFM tables have no merged cells, so merged cells become label paths
// joined by " / ", nothing left out:
//
//   - 表二: a table per block of rows with the same columns, headed
//     信息内容 and the column labels; each row labelled with its item, such
//     as 第二十条第（一）项 / 规章.
//   - 表三: headed by the 勾稽关系 note and the seven column labels
//     (法人或其他组织 / 商业企业 …); each row labelled with its groups, such as
//     三、本年度办理结果 / （三）不予公开 / 1.属于国家秘密.
//   - 表四: fifteen columns headed 行政复议 / 结果维持 …
//     行政诉讼 / 复议后起诉 / 总计, and the row of values.
//
// Cells hold what the report holds; a blank cell is empty. Text that
// Markdown would read as markup is escaped with backslashes, "|" in cells
// included.
type Markdown struct{}

// Render writes r as Markdown. It fails on a section, row or column key
// that neither template version knows, and on what a table of the form has
// no place for (a group of 表四 twice), as Text does.
func (Markdown) Render(w io.Writer, r *report.Report) error {
	if r == nil {
		return errNilReport
	}
	if err := checkMarks(r); err != nil {
		return err
	}
	l := newLookup(r)
	var b strings.Builder
	mdParagraphs(&b, metaLine(r))
	if r.Title != "" {
		b.WriteString("# " + mdText(r.Title) + "\n\n")
	}
	mdParagraphs(&b, r.Preamble)
	for i := range r.Sections {
		s := &r.Sections[i]
		spec, err := l.section(s.Key)
		if err != nil {
			return err
		}
		b.WriteString("## " + mdText(heading(spec)) + "\n\n")
		mdParagraphs(&b, s.Prose)
		if s.Table == nil {
			continue
		}
		var tables [][][]string
		switch s.Key {
		case report.Active:
			tables, err = l.mdActive(s.Table)
		case report.Requests:
			tables, err = l.mdRequests(s.Table)
		case report.Appeals:
			tables, err = l.mdAppeals(s.Table)
		}
		if err != nil {
			return err
		}
		for _, t := range tables {
			mdTable(&b, t, s.Key != report.Appeals) // 表四 has no label column
		}
	}
	mdParagraphs(&b, strings.Join(trailerLines(r), "\n"))
	bw := bufio.NewWriter(w)
	bw.WriteString(strings.TrimSuffix(b.String(), "\n"))
	return bw.Flush()
}

// mdActive gives 表二 as one table drawn like the official form: each
// block's item (第二十条第（一）项) on a row of its own, then the header naming
// its columns, then its rows; shorter rows are padded with empty cells.
func (l lookup) mdActive(t *report.Table) ([][][]string, error) {
	blocks, err := l.activeBlocks(t)
	if err != nil {
		return nil, err
	}
	content := l.tmpl.Table(report.Active).Header[0] // 信息内容
	var rows [][]string
	width := 0
	for i, bl := range blocks {
		if i == 0 || bl.item != blocks[i-1].item || !sameColumns(blocks[i-1].columns, bl.columns) {
			rows = append(rows, []string{bl.item})
			header := []string{content}
			for _, c := range bl.columns {
				header = append(header, c.Label)
			}
			rows = append(rows, header)
		}
		for j, row := range bl.rows {
			cells := []string{bl.specs[j].Label}
			for _, c := range row.Cells {
				cells = append(cells, c.Value.String())
			}
			rows = append(rows, cells)
		}
	}
	for _, r := range rows {
		width = max(width, len(r))
	}
	for i := range rows {
		for len(rows[i]) < width {
			rows[i] = append(rows[i], "")
		}
	}
	if len(rows) == 0 {
		return nil, nil
	}
	return [][][]string{rows}, nil
}

func sameColumns(a, b []*report.ColumnSpec) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Key != b[i].Key || a[i].Label != b[i].Label {
			return false
		}
	}
	return true
}

// mdRequests gives 表三: the note and the column labels, then the rows.
func (l lookup) mdRequests(t *report.Table) ([][][]string, error) {
	spec := l.tmpl.Table(report.Requests)
	cols := spec.Rows[0].Columns
	header := []string{spec.Note}
	for i := range cols {
		header = append(header, columnLabel(&cols[i]))
	}
	rows := [][]string{header}
	for i := range t.Rows {
		row := &t.Rows[i]
		rs, err := l.row(report.Requests, row.Key)
		if err != nil {
			return nil, err
		}
		if err := checkColumns(report.Requests, row, rs); err != nil {
			return nil, err
		}
		cells := []string{rowLabel(rs)}
		for _, c := range cols {
			cells = append(cells, cellText(row, c.Key))
		}
		rows = append(rows, cells)
	}
	return [][][]string{rows}, nil
}

// mdAppeals gives 表四: fifteen columns labelled with their groups, then the
// row of values, the groups in template order.
func (l lookup) mdAppeals(t *report.Table) ([][][]string, error) {
	spec := l.tmpl.Table(report.Appeals)
	if err := checkAppeals(spec, t); err != nil {
		return nil, err
	}
	var header, values []string
	for i := range spec.Rows {
		gs := &spec.Rows[i]
		for j := range gs.Columns {
			header = append(header, rowLabel(gs)+" / "+gs.Columns[j].Label)
			values = append(values, cellText(t.Row(gs.Key), gs.Columns[j].Key))
		}
	}
	return [][][]string{{header, values}}, nil
}

// mdTable writes a GFM table: the first row is the header; a label
// column first is aligned left, the other columns centred.
func mdTable(b *strings.Builder, rows [][]string, labelled bool) {
	width := 0
	for _, r := range rows {
		width = max(width, len(r))
	}
	line := func(cells []string) {
		b.WriteString("|")
		for i := 0; i < width; i++ {
			c := ""
			if i < len(cells) {
				c = mdCell(cells[i])
			}
			if c == "" {
				b.WriteString(" |")
			} else {
				b.WriteString(" " + c + " |")
			}
		}
		b.WriteString("\n")
	}
	line(rows[0])
	b.WriteString("|")
	for i := 0; i < width; i++ {
		if i == 0 && labelled {
			b.WriteString(" :-- |")
		} else {
			b.WriteString(" :-: |")
		}
	}
	b.WriteString("\n")
	for _, r := range rows[1:] {
		line(r)
	}
	b.WriteString("\n")
}

// mdParagraphs writes each line of prose as a paragraph.
func mdParagraphs(b *strings.Builder, prose string) {
	if prose == "" {
		return
	}
	for _, line := range strings.Split(prose, "\n") {
		b.WriteString(mdLine(line) + "\n\n")
	}
}

// mdText escapes the characters that Markdown reads as inline markup.
func mdText(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_[]<>|~&", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// mdLine escapes a line of prose: inline markup, and a start that Markdown
// would read as a heading, a quote, a list, a rule or code.
func mdLine(s string) string {
	s = mdText(s)
	if s == "" {
		return s
	}
	switch s[0] {
	case '#', '>', '-', '+', '=':
		return "\\" + s
	}
	// An ordered list item: digits, then . or ), then a space or the end.
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i > 0 && i < len(s) && (s[i] == '.' || s[i] == ')') && (i+1 == len(s) || s[i+1] == ' ') {
		return s[:i] + "\\" + s[i:]
	}
	return s
}

// mdCell escapes the text of a table cell; a line break, which a GFM cell
// cannot hold, is written <br>.
func mdCell(s string) string {
	return strings.ReplaceAll(mdText(s), "\n", "<br>")
}
