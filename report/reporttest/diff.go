package reporttest

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/opengovcn/annualreport/report"
)

// IgnoreSources returns a go-cmp option that ignores where the parts of a
// report were read from (report.Source: line, column and text as
// published). Diff applies it always; pass it to cmp.Diff to compare
// reports by content.
func IgnoreSources() cmp.Option { return cmpopts.IgnoreTypes(report.Source{}) }

// IgnoreProse returns a go-cmp option that ignores the text of the
// sections (Prose, with the Subheads found in it, and the notes beside the
// tables), the preamble and the trailer: only the metadata and the tables
// are compared.
func IgnoreProse() cmp.Option {
	return cmp.Options{
		cmpopts.IgnoreFields(report.Section{}, "Prose", "Subheads"),
		cmpopts.IgnoreFields(report.Report{}, "Preamble", "Trailer"),
	}
}

// ByKey returns the go-cmp options with which Diff compares reports: the
// sections, rows and cells are matched by their keys (a missing row is a
// missing row, not a shift of every row after it), and their order is
// compared on its own; values compare as values (a blank cell differs from
// 0, 2.5 from 2.50); a section's Subheads are not compared, since they are
// found in its Prose, which is. Sources are compared unless IgnoreSources is
// given too.
func ByKey() cmp.Option {
	return cmp.Options{
		cmp.Transformer("sections", func(ss []report.Section) sectionSet {
			set := sectionSet{ByKey: map[report.SectionKey]report.Section{}}
			for _, s := range ss {
				k := report.SectionKey(set.Order.add(string(s.Key)))
				set.ByKey[k] = s
			}
			return set
		}),
		cmp.Transformer("rows", func(rows []report.Row) rowSet {
			set := rowSet{ByKey: map[string]report.Row{}}
			for _, r := range rows {
				set.ByKey[set.Order.add(r.Key)] = r
			}
			return set
		}),
		cmp.Transformer("cells", func(cells []report.Cell) cellSet {
			set := cellSet{ByKey: map[string]report.Cell{}}
			for _, c := range cells {
				set.ByKey[set.Order.add(c.Column)] = c
			}
			return set
		}),
		cmp.Comparer(func(a, b report.Value) bool {
			return a.Kind == b.Kind && a.Num.Equal(b.Num) && a.Text == b.Text
		}),
		// An order differs only when the keys are the same; keys missing
		// on one side are reported by the map.
		cmp.Comparer(func(a, b order) bool { return !sameKeys(a, b) || slices.Equal(a, b) }),
		cmpopts.IgnoreFields(report.Section{}, "Subheads"),
	}
}

// order is the keys of sections, rows or cells in published order. A key
// seen before gets "#2", "#3"… so that nothing is lost.
type order []string

func (o *order) add(key string) string {
	n := 1
	for _, k := range *o {
		if base, _, _ := strings.Cut(k, "#"); base == key {
			n++
		}
	}
	if n > 1 {
		key = fmt.Sprintf("%s#%d", key, n)
	}
	*o = append(*o, key)
	return key
}

func sameKeys(a, b order) bool {
	x, y := slices.Clone(a), slices.Clone(b)
	slices.Sort(x)
	slices.Sort(y)
	return slices.Equal(x, y)
}

type sectionSet struct {
	Order order
	ByKey map[report.SectionKey]report.Section
}

type rowSet struct {
	Order order
	ByKey map[string]report.Row
}

type cellSet struct {
	Order order
	ByKey map[string]report.Cell
}

// Diff compares two reports and returns their differences, one a line,
// by cell key and official label, or "" if they are the same:
//
//	template: 2021 → 2019
//	一、总体情况, line 2: "（二）依申请公开。共收到申请3件。" → "（二）依申请公开。共收到申请4件。"
//	表三 （七）总计 / 自然人 [requests.total.natural_person]: 0 → 2
//	表三 （三）不予公开 1.属于国家秘密 / 科研机构 [requests.denied.state_secret.research]: blank → 0
//	表三 （五）不予处理 2.重复申请 [requests.not_processed.duplicate]: missing row
//
// Values are written as published: digits, "blank", or the text quoted;
// "missing" is a cell, row or section that one report lacks. Lines come in
// template order, the metadata first. Sources are ignored; opts (such as
// IgnoreProse, or any go-cmp option but ByKey, which Diff applies already)
// are applied after Diff's own. To compare sources too, use
// cmp.Diff(want, got, reporttest.ByKey()).
func Diff(want, got *report.Report, opts ...cmp.Option) string {
	rep := &reporter{labels: labelsFor(want, got)}
	all := append([]cmp.Option{ByKey(), IgnoreSources(), cmp.Reporter(rep)}, opts...)
	cmp.Equal(want, got, all...)
	return rep.String()
}

// Equal reports whether want and got are the same report, as Diff
// compares them; if not, it fails t with the differences:
//
//	reporttest.Equal(t, want, got)
func Equal(t testing.TB, want, got *report.Report, opts ...cmp.Option) bool {
	t.Helper()
	if d := Diff(want, got, opts...); d != "" {
		t.Errorf("reports differ (want → got):\n%s", d)
		return false
	}
	return true
}

// labelsFor returns the template whose labels Diff writes: want's, or
// got's, or the 2021 one.
func labelsFor(want, got *report.Report) *report.Template {
	for _, r := range []*report.Report{want, got} {
		if r != nil && r.Spec() != nil {
			return r.Spec()
		}
	}
	return report.TemplateFor(report.V2021)
}

type reporter struct {
	labels *report.Template
	path   cmp.Path
	diffs  []diffLine
}

type diffLine struct {
	at   [3]int // section, row and column in template order, for sorting
	text string
}

func (r *reporter) PushStep(ps cmp.PathStep) { r.path = append(r.path, ps) }
func (r *reporter) PopStep()                 { r.path = r.path[:len(r.path)-1] }

func (r *reporter) Report(res cmp.Result) {
	if !res.Equal() {
		r.diffs = append(r.diffs, r.line())
	}
}

func (r *reporter) String() string {
	slices.SortStableFunc(r.diffs, func(a, b diffLine) int {
		for i := range a.at {
			if a.at[i] != b.at[i] {
				return a.at[i] - b.at[i]
			}
		}
		return 0
	})
	var b strings.Builder
	for _, d := range r.diffs {
		b.WriteString(d.text)
		b.WriteByte('\n')
	}
	return b.String()
}

// where is what a path leads to.
type where struct {
	section   report.SectionKey
	row, col  string
	inSection bool
	inTable   bool
	field     string // the last struct field
}

func (r *reporter) line() diffLine {
	var w where
	for _, ps := range r.path {
		switch s := ps.(type) {
		case cmp.MapIndex:
			k := s.Key().String()
			switch s.Type() {
			case reflect.TypeFor[report.Section]():
				w.section, w.inSection = report.SectionKey(k), true
			case reflect.TypeFor[report.Row]():
				w.row = k
			case reflect.TypeFor[report.Cell]():
				w.col = k
			}
		case cmp.StructField:
			w.field = s.Name()
			if s.Name() == "Table" {
				w.inTable = true
			}
		}
	}
	last := r.path.Last()
	vx, vy := last.Values()
	at := r.position(w)
	text := func(format string, args ...any) diffLine {
		return diffLine{at: at, text: fmt.Sprintf(format, args...)}
	}
	missing := func(what string) diffLine {
		if !vy.IsValid() || vy.Kind() == reflect.Pointer && vy.IsNil() {
			return text("%s: missing %s", r.label(w), what)
		}
		return text("%s: extra %s", r.label(w), what)
	}
	switch {
	case last.Type() == reflect.TypeFor[*report.Report]():
		return text("report: %s → %s", present(vx), present(vy))
	case !vx.IsValid() || !vy.IsValid():
		switch {
		case w.col != "":
			return text("%s: %s → %s", r.label(w), cellValue(vx), cellValue(vy))
		case w.row != "":
			return missing("row")
		default:
			return missing("section")
		}
	case last.Type() == reflect.TypeFor[order]():
		keys := strings.Join(vx.Interface().(order), ", ") + " → " + strings.Join(vy.Interface().(order), ", ")
		switch {
		case w.row != "":
			return text("%s: cells in another order: %s", r.label(w), keys)
		case w.inTable:
			return text("%s: rows in another order: %s", r.label(w), keys)
		}
		return text("sections in another order: %s", keys)
	case last.Type() == reflect.TypeFor[report.Value]():
		return text("%s: %s → %s", r.label(w), cellValue(vx), cellValue(vy))
	case w.field == "Table" && last.Type() == reflect.TypeFor[*report.Table]():
		return missing("table")
	case w.inSection && w.field == "Prose":
		return text("%s%s", r.label(w), proseDiff(vx.String(), vy.String()))
	case !w.inSection && w.field == "Template":
		return text("template: %s → %s", version(vx), version(vy))
	case !w.inSection && last.Type().Kind() == reflect.String:
		return text("%s%s", strings.ToLower(w.field), proseDiff(vx.String(), vy.String()))
	case !w.inSection && w.field != "":
		return text("%s: %v → %v", strings.ToLower(w.field), vx, vy)
	}
	return text("%s %s: %v → %v", r.label(w), r.path.Last().String(), vx, vy)
}

// position is where a difference stands in template order: metadata and
// then the sections, rows and columns as the template orders them; keys
// the template lacks after those it has; the trailer last.
func (r *reporter) position(w where) [3]int {
	if !w.inSection {
		if w.field == "Trailer" {
			return [3]int{100, 0, 0}
		}
		return [3]int{-1, 0, 0}
	}
	base := func(k string) string { b, _, _ := strings.Cut(k, "#"); return b }
	at := [3]int{50, 0, 0}
	for i, s := range r.labels.Sections {
		if s.Key != report.SectionKey(base(string(w.section))) {
			continue
		}
		at[0] = i
		if s.Table == nil {
			break
		}
		at[1], at[2] = -1, -1
		if w.row != "" {
			at[1] = rowPosition(s.Table, base(w.row))
			if rs := r.rowSpec(w.section, base(w.row)); rs != nil && w.col != "" {
				at[2] = len(rs.Columns) + 1
				for j, cs := range rs.Columns {
					if cs.Key == base(w.col) {
						at[2] = j
					}
				}
			}
		}
	}
	return at
}

// rowPosition is twice the index of row in t; a row of the other template
// (the 2019 single （六）其他处理 in a 2021 report) stands just before the
// row that follows it there.
func rowPosition(t *report.TableSpec, row string) int {
	index := func(key string) int {
		for j, rs := range t.Rows {
			if rs.Key == key {
				return j
			}
		}
		return -1
	}
	if j := index(row); j >= 0 {
		return 2 * j
	}
	for _, other := range report.Templates() {
		rows := other.Table(t.Key).Rows
		for j, rs := range rows {
			if rs.Key != row {
				continue
			}
			for _, next := range rows[j+1:] {
				if i := index(next.Key); i >= 0 {
					return 2*i - 1
				}
			}
		}
	}
	return 2 * len(t.Rows)
}

// columnSpec finds a column of a row in the labels' template, or in the
// other one.
func (r *reporter) columnSpec(table report.SectionKey, row, col string) *report.ColumnSpec {
	if cs := r.rowSpec(table, row).Column(col); cs != nil {
		return cs
	}
	for _, t := range report.Templates() {
		if cs := t.Table(table).Row(row).Column(col); cs != nil {
			return cs
		}
	}
	return nil
}

// rowSpec finds a row in the labels' template, or in the other one.
func (r *reporter) rowSpec(table report.SectionKey, row string) *report.RowSpec {
	if rs := r.labels.Table(table).Row(row); rs != nil {
		return rs
	}
	for _, t := range report.Templates() {
		if rs := t.Table(table).Row(row); rs != nil {
			return rs
		}
	}
	return nil
}

var numerals = []string{"", "一", "二", "三", "四", "五", "六"}

// label names the section, row or cell of w by its official labels, and a
// row or cell by its key too: 表三 （七）总计 / 自然人 [requests.total.natural_person].
func (r *reporter) label(w where) string {
	base := func(k string) string { b, _, _ := strings.Cut(k, "#"); return b }
	key := base(string(w.section))
	spec := r.labels.Section(report.SectionKey(key))
	if spec == nil {
		return fmt.Sprintf("section %q", key)
	}
	if !w.inTable || spec.Table == nil {
		return numerals[spec.Number] + "、" + spec.Heading
	}
	if w.row == "" {
		return spec.Table.Name
	}
	row, col := base(w.row), base(w.col)
	path := key + "." + row
	rowLabel := row
	rs := r.rowSpec(spec.Key, row)
	if rs != nil {
		rowLabel = rs.Label
		if len(rs.Path) > 1 {
			rowLabel = rs.Path[len(rs.Path)-1] + " " + rs.Label
		}
	}
	if w.col == "" {
		return fmt.Sprintf("%s %s [%s]", spec.Table.Name, rowLabel, path)
	}
	colLabel := col
	if cs := r.columnSpec(spec.Key, row, col); cs != nil {
		colLabel = cs.Label
	}
	return fmt.Sprintf("%s %s / %s [%s.%s]", spec.Table.Name, rowLabel, colLabel, path, col)
}

// cellValue writes a cell's value for Diff: digits, blank, the text
// quoted, or missing.
func cellValue(v reflect.Value) string {
	if !v.IsValid() {
		return "missing"
	}
	switch x := v.Interface().(type) {
	case report.Cell:
		return describe(x.Value)
	case report.Value:
		return describe(x)
	}
	return fmt.Sprint(v)
}

func version(v reflect.Value) string {
	if v.String() == "" {
		return "unknown"
	}
	return v.String()
}

// present says whether a pointer points to something.
func present(v reflect.Value) string {
	if v.IsNil() {
		return "nil"
	}
	return "a report"
}

// proseDiff writes how two texts differ: both whole when they are one
// short line each, else the first line that differs.
func proseDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	if len(al) == 1 && len(bl) == 1 && len([]rune(a)) <= 60 && len([]rune(b)) <= 60 {
		return fmt.Sprintf(": %q → %q", a, b)
	}
	for i := 0; ; i++ {
		x, y := "missing", "missing"
		if i < len(al) {
			x = fmt.Sprintf("%q", al[i])
		}
		if i < len(bl) {
			y = fmt.Sprintf("%q", bl[i])
		}
		if x != y {
			return fmt.Sprintf(", line %d: %s → %s", i+1, x, y)
		}
	}
}
