package reporttest

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/opengovcn/annualreport/report"
)

// Builder builds a report.Report in code, cell by cell, by the template's
// keys. Its methods return the Builder, so that a report is a few chained
// calls:
//
//	r, err := reporttest.NewBuilder(report.V2021).
//		Agency("某县人民政府").Year(2023).
//		Set("requests.new_received.natural_person", 3).
//		Set("requests.granted.natural_person", 2).
//		Set("requests.partially_granted.natural_person", 1).
//		FillTotals().
//		Report()
//
// What a built report holds:
//
//   - every section of the template, in template order, with its prose as
//     given (empty if not given), and every row and column of the template's
//     three tables, in template order;
//   - every cell not given is 0: a built report is complete, and with
//     FillTotals consistent. A blank cell (空白) is never a default: ask for
//     one with Blank, and for text such as "—" with SetValue;
//   - no source positions: every Src is zero, as for anything not read from
//     an input;
//   - Title, when not given, is "<agency><year>年政府信息公开工作年度报告"
//     if both the agency and the year are given, and empty otherwise.
//
// Errors (an unknown key, a malformed number, totals that cannot be filled)
// are collected and returned by Report, all at once. A Builder may be
// changed and Report called again; each call builds a new Report.
type Builder struct {
	tmpl     *report.Template
	version  report.Version
	agency   string
	year     int
	title    string
	hasTitle bool
	cells    map[report.Key]report.Value // the cells given, by Set, SetValue and Blank
	prose    map[report.SectionKey]string
	fill     bool
	errs     []error
}

// NewBuilder returns a Builder of a report that follows template version
// v (report.V2019 or report.V2021). For any other version Report returns an
// error.
func NewBuilder(v report.Version) *Builder {
	b := &Builder{
		tmpl:    report.TemplateFor(v),
		version: v,
		cells:   map[report.Key]report.Value{},
		prose:   map[report.SectionKey]string{},
	}
	if b.tmpl == nil {
		b.errs = append(b.errs, fmt.Errorf("reporttest: unknown template version %q (want %q or %q)", v, report.V2019, report.V2021))
	}
	return b
}

// NewBuilderFor returns a Builder of a report that follows the template t,
// which may be a changed copy of a standard one (report.Template.Clone): the
// report has its sections, rows and columns, and FillTotals derives its
// totals by its identities. The report's Template is t.Version.
func NewBuilderFor(t *report.Template) *Builder {
	if t == nil {
		return NewBuilder(report.VersionUnknown)
	}
	b := NewBuilder(t.Version)
	b.tmpl, b.errs = t, nil
	return b
}

// Agency sets the report's agency (机关).
func (b *Builder) Agency(name string) *Builder { b.agency = name; return b }

// Year sets the year the report is about. The Builder does not check that
// it matches the template version (spec rule 7): a test may want a report
// that does not.
func (b *Builder) Year(year int) *Builder { b.year = year; return b }

// Title sets the report's title as published; Title("") makes a report
// without a title.
func (b *Builder) Title(title string) *Builder { b.title, b.hasTitle = title, true; return b }

// Set sets the cell at a dotted path, such as
// requests.granted.natural_person, to the number n.
func (b *Builder) Set(path string, n int) *Builder {
	return b.SetValue(path, report.NumberValue(report.DecInt(int64(n))))
}

// SetDec sets the cell at path to a decimal number written with its digits,
// such as "589.08" for active.fees.amount; the digits are kept as written.
func (b *Builder) SetDec(path, digits string) *Builder {
	d, err := report.ParseDec(digits)
	if err != nil {
		b.errs = append(b.errs, fmt.Errorf("reporttest: %s: %w", path, err))
		return b
	}
	return b.SetValue(path, report.NumberValue(d))
}

// Blank makes the cell at path blank (空白): nothing written in it, which is
// not 0.
func (b *Builder) Blank(path string) *Builder { return b.SetValue(path, report.Value{}) }

// SetValue sets the cell at path to v: a number, text such as
// report.TextValue("—"), or blank.
func (b *Builder) SetValue(path string, v report.Value) *Builder {
	if k, ok := b.key(path); ok {
		b.cells[k] = v
	}
	return b
}

// Prose sets the text of a section, paragraphs separated by newlines. For
// the prose sections (一, 五, 六) it is the section's text; for the table
// sections (二, 三, 四) it is text beside the table, such as 单位：件. The
// section's Subheads are found in it as the parsers find them: lines that
// start with a number in brackets, such as （一）主动公开.
func (b *Builder) Prose(key report.SectionKey, text string) *Builder {
	if b.tmpl != nil && b.tmpl.Section(key) == nil {
		b.errs = append(b.errs, fmt.Errorf("reporttest: no section %q (want overview, active, requests, appeals, problems or other)", key))
		return b
	}
	b.prose[key] = text
	return b
}

// FillTotals makes Report derive the total cells that were not given (by
// Set, SetDec, SetValue or Blank) from the cells they add up, so that the
// report is consistent; a total that was given is left as given. It derives,
// in this order:
//
//  1. 表三, every row but （七）总计 and 四、结转下年度继续办理: the column 总计
//     (total) = the six applicant columns (spec rule 4);
//  2. 表三 （七）总计, each applicant column = the sum of the outcome rows
//     from （一）予以公开 to the last （六）其他处理 row of the template (rule 3);
//  3. 表三 （七）总计, column 总计 = its six applicant columns (rule 4);
//  4. 表三 四、结转下年度继续办理, each applicant column = 一、本年新收 +
//     二、上年结转 − （七）总计 (rule 1, the 勾稽关系);
//  5. 表三 四、结转下年度继续办理, column 总计 = its six applicant columns;
//  6. 表四, each group's 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结 (rule 5).
//
// The steps are the template's identities (report.TableSpec.Identities),
// solved in that order. 表二 has no totals. Each step uses the cells of the steps before it, given
// or derived, so that a total given follows through: a （七）总计 cell given 2
// too large makes the row's 总计 2 larger (rule 4 holds) and the
// carried-forward cell of its column 2 smaller (rule 1 holds), and only
// rule 3 fails, in that column and in 总计. A cell to add up that is blank
// or text is an error, as is a carried-forward cell that would be negative.
func (b *Builder) FillTotals() *Builder { b.fill = true; return b }

// Report builds the report. It returns nil and an error that lists every
// problem (an unknown key with the nearest valid one, a malformed number,
// totals that cannot be filled) if there are any.
func (b *Builder) Report() (*report.Report, error) {
	errs := append([]error(nil), b.errs...)
	if b.tmpl == nil {
		return nil, errors.Join(errs...)
	}
	r := &report.Report{Template: b.version, Agency: b.agency, Year: b.year, Title: b.title}
	if !b.hasTitle && b.agency != "" && b.year != 0 {
		r.Title = fmt.Sprintf("%s%d年政府信息公开工作年度报告", b.agency, b.year)
	}
	for _, ss := range b.tmpl.Sections {
		s := report.Section{Key: ss.Key, Prose: b.prose[ss.Key]}
		s.Subheads = subheads(s.Prose)
		if ss.Table != nil {
			t := &report.Table{Key: ss.Key}
			for _, rs := range ss.Table.Rows {
				row := report.Row{Key: rs.Key}
				for _, cs := range rs.Columns {
					v, ok := b.cells[report.Key{Table: ss.Key, Row: rs.Key, Column: cs.Key}]
					if !ok {
						v = report.NumberValue(report.Dec{})
					}
					row.Cells = append(row.Cells, report.Cell{Column: cs.Key, Value: v})
				}
				t.Rows = append(t.Rows, row)
			}
			s.Table = t
		}
		r.Sections = append(r.Sections, s)
	}
	if b.fill {
		errs = append(errs, b.fillTotals(r)...)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return r, nil
}

// MustReport is like Report but panics on error. It is meant for tests and
// examples whose keys are constants.
func (b *Builder) MustReport() *report.Report {
	r, err := b.Report()
	if err != nil {
		panic(err)
	}
	return r
}

// key parses path and checks that the builder's template has that cell.
func (b *Builder) key(path string) (report.Key, bool) {
	if b.tmpl == nil {
		return report.Key{}, false
	}
	k, err := b.tmpl.ParseKey(path)
	if err == nil {
		return k, true
	}
	msg := fmt.Sprintf("reporttest: no cell %q in the %s template", path, b.version)
	k, err = report.ParseKey(path) // a cell of the other version?
	for _, t := range report.Templates() {
		if t != b.tmpl && err == nil && t.Has(k) {
			msg += fmt.Sprintf(" (it is a cell of the %s template)", t.Version)
		}
	}
	b.errs = append(b.errs, fmt.Errorf("%s; nearest valid key: %s", msg, nearestKey(b.tmpl, path)))
	return report.Key{}, false
}

// keys returns the keys of every cell of template t, in template order.
func keys(t *report.Template) []report.Key {
	var keys []report.Key
	if t == nil {
		return nil
	}
	for _, s := range t.Sections {
		if s.Table == nil {
			continue
		}
		for _, r := range s.Table.Rows {
			for _, c := range r.Columns {
				keys = append(keys, report.Key{Table: s.Key, Row: r.Key, Column: c.Key})
			}
		}
	}
	return keys
}

// nearestKey returns the key of t whose dotted path is closest to path
// (fewest edits; the first in template order on a tie).
func nearestKey(t *report.Template, path string) string {
	p := []rune(path)
	best, bestD := "", -1
	for _, k := range keys(t) {
		if d := report.Distance(p, []rune(k.String())); bestD < 0 || d < bestD {
			best, bestD = k.String(), d
		}
	}
	return best
}

// fillTotals derives the totals of r that were not given, in the order
// FillTotals documents: by the template's identities (report.Identity),
// each cell an identity solves by the first identity of its table that
// solves it, a cell as soon as the cells it is derived from are known,
// the earliest in the identities' order first.
func (b *Builder) fillTotals(r *report.Report) []error {
	f := &filler{b: b, r: r}
	type step struct {
		id   *report.Identity
		k    report.Key   // the cell it derives
		from []report.Key // the identity's other cells
		done bool
	}
	var steps []*step
	pending := map[report.Key]bool{} // cells to derive, not derived yet
	for _, s := range b.tmpl.Sections {
		spec := s.Table
		if spec == nil {
			continue
		}
		for i := range spec.Identities {
			id := &spec.Identities[i]
			add := func(k report.Key, from []report.Key) {
				if _, seen := pending[k]; seen || spec.Row(k.Row).Column(k.Column) == nil {
					return
				}
				for _, x := range from {
					if spec.Row(x.Row).Column(x.Column) == nil {
						return // a line the identity does not run through
					}
				}
				_, given := b.cells[k]
				pending[k] = !given
				steps = append(steps, &step{id: id, k: k, from: from, done: given})
			}
			switch id.Along {
			case report.EachRow:
				for _, row := range spec.Rows {
					var from []report.Key
					for _, col := range id.Keys() {
						if col != id.Solved() {
							from = append(from, report.Key{Table: spec.Key, Row: row.Key, Column: col})
						}
					}
					add(report.Key{Table: spec.Key, Row: row.Key, Column: id.Solved()}, from)
				}
			case report.EachColumn:
				for _, col := range spec.Row(id.Total).Columns {
					var from []report.Key
					for _, row := range id.Keys() {
						if row != id.Solved() {
							from = append(from, report.Key{Table: spec.Key, Row: row, Column: col.Key})
						}
					}
					add(report.Key{Table: spec.Key, Row: id.Solved(), Column: col.Key}, from)
				}
			}
		}
	}
	ready := func(st *step) bool {
		for _, x := range st.from {
			if pending[x] {
				return false
			}
		}
		return true
	}
	for {
		i := slices.IndexFunc(steps, func(st *step) bool { return !st.done && ready(st) })
		if i < 0 {
			break
		}
		st := steps[i]
		f.solve(st.k, st.id, st.from)
		st.done, pending[st.k] = true, false
	}
	for _, st := range steps {
		if !st.done {
			f.errs = append(f.errs, fmt.Errorf("reporttest: FillTotals: %s cannot be derived: the cells it is derived from wait for it", st.k))
		}
	}
	return f.errs
}

// solve derives the cell at k by the identity id, from the identity's other
// cells at from (in its order).
func (f *filler) solve(k report.Key, id *report.Identity, from []report.Key) {
	line := func(x report.Key) string { // the key of x the identity names
		if id.Along == report.EachRow {
			return x.Column
		}
		return x.Row
	}
	sk := id.Sign(line(k))
	var plus, minus []report.Key
	for _, x := range from {
		if id.Sign(line(x)) == sk {
			minus = append(minus, x)
		} else {
			plus = append(plus, x)
		}
	}
	what := id.Terms
	if what == "" {
		var b strings.Builder
		for i, x := range plus {
			if i > 0 {
				b.WriteString(" + ")
			}
			b.WriteString(line(x))
		}
		for _, x := range minus {
			b.WriteString(" − " + line(x))
		}
		what = b.String()
	}
	f.derive(k, what, plus, minus)
}

type filler struct {
	b    *Builder
	r    *report.Report
	errs []error
}

// derive sets the cell at k, unless it was given, to the sum of the cells
// at plus minus the cells at minus.
func (f *filler) derive(k report.Key, what string, plus, minus []report.Key) {
	if _, given := f.b.cells[k]; given {
		return
	}
	var sum int64
	var terms []string
	for i, ks := range [][]report.Key{plus, minus} {
		for _, from := range ks {
			c := f.r.Cell(from)
			n, ok := c.Int()
			if !ok {
				f.errs = append(f.errs, fmt.Errorf("reporttest: FillTotals: %s is %s, not a whole number, so %s (%s) cannot be derived; set it explicitly",
					from, describe(c.Value), k, what))
				return
			}
			if i == 0 {
				sum += n
			} else {
				sum -= n
			}
			terms = append(terms, fmt.Sprintf("%s %d", from.Row, n))
		}
	}
	if sum < 0 {
		f.errs = append(f.errs, fmt.Errorf("reporttest: FillTotals: %s would be %d (%s: %s); give more new or carried-over applications, or set it explicitly",
			k, sum, what, strings.Join(terms, ", ")))
		return
	}
	f.r.Cell(k).Value = report.NumberValue(report.DecInt(sum))
}

// describe writes a value for messages: its digits, "blank", or its text
// quoted.
func describe(v report.Value) string {
	switch v.Kind {
	case report.Number:
		return v.Num.String()
	case report.Text:
		return fmt.Sprintf("%q", v.Text)
	}
	return "blank"
}

// subheadNumber and subheads mirror how package parse finds the sub-heads
// of prose (a line that starts with a number in brackets; the sub-head is
// its words up to the first full stop or colon, at most 40 characters), so
// that a built report equals itself read back. The round-trip tests of this
// package fail if the two drift apart.
var subheadNumber = regexp.MustCompile(`^[(（]\s*[一二三四五六七八九十\d０-９]+\s*[)）]`)

func subheads(prose string) []report.Subhead {
	var out []report.Subhead
	for _, line := range strings.Split(prose, "\n") {
		s := strings.TrimFunc(line, func(r rune) bool { return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' })
		if !subheadNumber.MatchString(s) {
			continue
		}
		if i := strings.IndexAny(s, "。：:"); i >= 0 {
			s = s[:i]
		}
		s = strings.TrimRight(s, "。.")
		if utf8.RuneCountInString(s) <= 40 {
			out = append(out, report.Subhead{Title: s})
		}
	}
	return out
}
