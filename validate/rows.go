package validate

import (
	"fmt"
	"slices"

	"github.com/opengovcn/annualreport/report"
)

// The rules of this file check the rows and columns of the three tables
// against the template.

// RowMissing reports a row of the template that a table lacks.
var RowMissing = &Rule{
	ID:    "row-missing",
	Title: "表格应包含格式规定的每一行",
	Doc: `Every row of the template is in its table (表三 has 25 rows in the
2021 template and 23 in the 2019 one; 表四 three groups of five columns). A
2021 report that writes （六）其他处理 as the 2019 single row, or a 2019
report that splits it as in 2021, lacks no row: row-foreign reports it. The
finding is about the row's cells and points at the next row the table has.`,
	Severity: Error,
	Run:      runRowMissing,
}

// RowDuplicate reports a row that stands twice in its table.
var RowDuplicate = &Rule{
	ID:    "row-duplicate",
	Title: "表格中每一行只应出现一次",
	Doc: `A row of the template stands once in its table. A duplicate is kept as
published (its cells are read), and reported here at its second
occurrence; the rules that read the row use the first.`,
	Severity: Error,
	Run:      runRowDuplicate,
}

// RowForeign reports a row of the other template version.
var RowForeign = &Rule{
	ID:    "row-foreign",
	Title: "表格行应属于报告所用版本的格式",
	Doc: `A table uses the rows of its own template version. The usual case is a
2021 report that kept the 2019 single （六）其他处理 row instead of its three
rows 1. to 3.: the numbers are read and checked, and the form is wrong.`,
	Severity: Warning,
	Run:      runRowForeign,
}

// RowCells reports a row that lacks a column of the template, or has one
// twice.
var RowCells = &Rule{
	ID:    "row-cells",
	Title: "每一行应包含格式规定的每一列",
	Doc: `A row has every column of its template row, once. A missing cell is not
a blank cell: it was not found at all (the parser could not place it), so
nothing that depends on it can be checked.`,
	Severity: Error,
	Run:      runRowCells,
}

// otherVersion returns the template of the other version.
func otherVersion(t *report.Template) *report.Template {
	if t.Version == report.V2021 {
		return report.TemplateFor(report.V2019)
	}
	return report.TemplateFor(report.V2021)
}

// replaced reports whether the template row key is stood in for by rows
// of another breakdown that the table has (spec's StandIns): the
// （六）其他处理 rows of the other version.
func replaced(spec *report.TableSpec, tab *report.Table, key string) bool {
	for _, s := range spec.StandIns {
		if !slices.Contains(s.Rows, key) {
			continue
		}
		for _, by := range s.By {
			if tab.Row(by.Key) != nil {
				return true
			}
		}
	}
	return false
}

func rowKeys(table report.SectionKey, row *report.RowSpec) []report.Key {
	var out []report.Key
	for _, c := range row.Columns {
		out = append(out, report.Key{Table: table, Row: row.Key, Column: c.Key})
	}
	return out
}

func runRowMissing(p *Pass) error {
	t := p.Spec()
	for _, s := range t.Sections {
		tab := p.Report.Table(s.Key)
		if s.Table == nil || tab == nil {
			continue
		}
		for i, row := range s.Table.Rows {
			if tab.Row(row.Key) != nil || replaced(s.Table, tab, row.Key) {
				continue
			}
			src := tab.Src
			for _, next := range s.Table.Rows[i+1:] {
				if r := tab.Row(next.Key); r != nil {
					src = r.Src
					break
				}
			}
			p.Add(Finding{Cells: rowKeys(s.Key, &row), Src: src,
				Message: fmt.Sprintf("%s缺少“%s”行", s.Table.Name, rowName(t, s.Key, row.Key))})
		}
	}
	return nil
}

func runRowDuplicate(p *Pass) error {
	t := p.Spec()
	for _, sec := range p.Report.Sections {
		if sec.Table == nil {
			continue
		}
		rows := sec.Table.Rows
		var first map[string]int // for a table of many rows; a search for the template's 25 at most
		if len(rows) > 64 {
			first = make(map[string]int, len(rows))
		}
		for i, row := range rows {
			j := -1
			if first != nil {
				if k, ok := first[row.Key]; ok {
					j = k
				} else {
					first[row.Key] = i
				}
			} else {
				j = slices.IndexFunc(rows[:i], func(r report.Row) bool { return r.Key == row.Key })
			}
			if j < 0 {
				continue // the first row with its key
			}
			src := rows[j].Src
			where := ""
			if !src.IsZero() {
				where = fmt.Sprintf("（第一次在第%d行）", src.Line)
			}
			var cells []report.Key
			for _, c := range row.Cells {
				cells = append(cells, report.Key{Table: sec.Key, Row: row.Key, Column: c.Column})
			}
			p.Add(Finding{Cells: cells, Section: sec.Key, Src: row.Src,
				Message: fmt.Sprintf("%s“%s”行重复出现%s；核对时使用第一次出现的数字", tableName(sec.Key), rowName(t, sec.Key, row.Key), where)})
		}
	}
	return nil
}

func runRowForeign(p *Pass) error {
	t := p.Spec()
	o := otherVersion(t)
	for _, sec := range p.Report.Sections {
		if sec.Table == nil {
			continue
		}
		for _, row := range sec.Table.Rows {
			if t.Table(sec.Key).Row(row.Key) != nil || o.Table(sec.Key).Row(row.Key) == nil {
				continue
			}
			var cells []report.Key
			for _, c := range row.Cells {
				cells = append(cells, report.Key{Table: sec.Key, Row: row.Key, Column: c.Column})
			}
			p.Add(Finding{Cells: cells, Section: sec.Key, Src: row.Src,
				Message: fmt.Sprintf("%s“%s”行属于%s年版格式，本报告表格为%s年版格式", tableName(sec.Key), rowName(o, sec.Key, row.Key), o.Version, t.Version)})
		}
	}
	return nil
}

func runRowCells(p *Pass) error {
	t := p.Spec()
	for _, sec := range p.Report.Sections {
		if sec.Table == nil {
			continue
		}
		for _, row := range sec.Table.Rows {
			rs := t.Table(sec.Key).Row(row.Key)
			if rs == nil {
				rs = otherVersion(t).Table(sec.Key).Row(row.Key)
			}
			if rs == nil {
				continue
			}
			// seen[i]: the row has a cell of column i of the spec (on
			// the stack: a template row has at most 7 columns).
			var buf [8]bool
			seen := buf[:0]
			if len(rs.Columns) <= len(buf) {
				seen = buf[:len(rs.Columns)]
			} else {
				seen = make([]bool, len(rs.Columns))
			}
			for ci, c := range row.Cells {
				k := report.Key{Table: sec.Key, Row: row.Key, Column: c.Column}
				i := ci // the cells are nearly always in the template's order
				if i >= len(rs.Columns) || rs.Columns[i].Key != c.Column {
					i = slices.IndexFunc(rs.Columns, func(s report.ColumnSpec) bool { return s.Key == c.Column })
				}
				switch {
				case i < 0:
					p.Add(Finding{Cells: []report.Key{k}, Src: c.Src,
						Message: fmt.Sprintf("%s“%s”行没有“%s”列", tableName(sec.Key), rowName(t, sec.Key, row.Key), c.Column)})
					continue
				case seen[i]:
					p.Add(Finding{Cells: []report.Key{k}, Src: c.Src,
						Message: fmt.Sprintf("%s重复出现", Name(t, k))})
				}
				seen[i] = true
			}
			for i, c := range rs.Columns {
				if seen[i] {
					continue
				}
				k := report.Key{Table: sec.Key, Row: row.Key, Column: c.Key}
				p.Add(Finding{Cells: []report.Key{k}, Src: row.Src,
					Message: fmt.Sprintf("%s缺失（未读到该单元格）", Name(t, k))})
			}
		}
	}
	return nil
}

// tableName returns the usual name of a table: 表二, 表三 or 表四.
func tableName(key report.SectionKey) string {
	return report.TemplateFor(report.V2021).Table(key).Name
}
