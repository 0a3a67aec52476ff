package report

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Source tells where a piece of a report came from in the input it was
// parsed from: the 1-based line and column (counted in characters, not
// bytes) of its first character, and its text exactly as published. A zero
// Source means the piece was not read from a source (it was built in code).
//
// Source is provenance, not content: two reports that say the same thing
// are equal whatever their sources (compare them with cmpopts.IgnoreTypes
// (report.Source{})).
//
// A piece read from a paged input (a PDF, by package parse/pdf) also has
// its 1-based Page and its Box on that page; Line and Col then count in
// the text the PDF reader makes of the document, a line per line of
// characters, page after page (see parse/pdf). Other inputs leave Page 0.
type Source struct {
	Line int
	Col  int
	Text string
	Page int `json:",omitzero"` // the 1-based page of a paged input, 0 for others
	Box  Box `json:",omitzero"` // the piece's box on Page; zero when Page is 0
}

// Box is a rectangle on a page, in points (1/72 inch), from the page's
// top-left corner, y growing downward: the left, top, right and bottom
// edges of a cell, a label or a line as drawn.
type Box struct {
	X0, Y0, X1, Y1 float64
}

// IsZero reports whether s carries no position.
func (s Source) IsZero() bool { return s.Line == 0 }

// String formats the position as LINE:COL.
func (s Source) String() string { return fmt.Sprintf("%d:%d", s.Line, s.Col) }

// Report is one 政府信息公开工作年度报告 as published. It holds what the
// agency wrote, not what it should have written: a missing row is missing, a
// wrong total is kept, a 2021 report with the 2019 single （六）其他处理 row has
// that row.
//
// The zero Report is an empty report of unknown template.
type Report struct {
	Template Version // the template version the report follows, told from its tables
	Agency   string  // the agency, from the title; empty when the title does not name it
	Year     int     // the year reported on; 0 when unknown
	Title    string  // the title as published, lines joined; empty when there is none

	// Preamble is text between the title and section 一, paragraphs joined
	// by newlines.
	Preamble string
	// Sections are the sections found, in published order.
	Sections []Section
	// Trailer is text after section 六 that is not part of the report
	// (web-page debris, navigation links), paragraphs joined by newlines.
	// Written in a layout, it follows a TrailerMark line.
	Trailer string

	// Src is where the title (or, without a title, the first section) starts.
	Src Source
	// AgencySrc and YearSrc say where Agency and Year were read: the
	// title line, a crawler's 标题: header line, the page's <title>, a
	// metadata line of MetaMark or, for the year of a report whose title
	// gives none, the sentence that states the statistics period
	// (本报告所列数据的统计期限自2021年1月1日起至2021年12月31日止). Their Text
	// is what was read, as published, which tells which of these it was;
	// a sentence of the preamble, which keeps no positions, has its text
	// only. They are zero when Agency (Year) is unknown, or was not read
	// from text (the canonical JSON states it).
	AgencySrc, YearSrc Source
}

// The marks the writers of package render put where a layout has no other
// way to say a thing, and the readers of package parse read back: without
// them, a trailer would read back as section 六's prose, and a cell that was
// never published as a blank one.
const (
	// TrailerMark is a line that ends a report: the lines after it are its
	// Trailer, not prose of its last section. Writers put it before a
	// trailer, and where the last lines of section 六 would read as one.
	TrailerMark = "（以下为报告正文之外的文字）"
	// AbsentMark stands in a table cell that the report does not hold (a
	// cell or row that was not published, or not read), where the layout
	// must put something in every column: a blank cell is something
	// published, an absent one is not. A group of 表四 whose five cells are
	// all absent is an absent row.
	AbsentMark = "∅"
)

// Section is one of the six sections of a report.
type Section struct {
	Key SectionKey
	// Prose is the section's text, paragraphs joined by newlines. For the
	// table sections it holds any text that stands beside the table (a note,
	// a unit), which is usually none.
	Prose string
	// Subheads are the numbered sub-heads found in Prose, such as （一）主动公开
	// in section 一. They are derived from Prose, in order.
	Subheads []Subhead
	// Table is the section's table, for sections 二, 三 and 四; nil if the
	// section has none or it could not be read.
	Table *Table
	// Src is the heading: where it stands and how it was written
	// (e.g. "6、 其他需要报告的事项").
	Src Source
	// ProseSrc is where Prose came from: Line and Col of its first line,
	// and in Text its lines as published, laid out so that character j
	// (0-based) of Text's line i stands at line ProseSrc.Line+i, column j+1
	// of the input (lines are padded on the left to their column, and input
	// lines that hold no prose are empty). Use Where to find a position in
	// Prose. It is zero when the prose was not read from a line-based source.
	ProseSrc Source
}

// Where returns the position in the source of byte offset i of s.Prose:
// the line of the paragraph that holds it and, when the paragraph is found
// as published on that line, its column. Without a ProseSrc it returns the
// heading's position, s.Src.
func (s *Section) Where(i int) Source {
	if s.ProseSrc.IsZero() || i < 0 || i > len(s.Prose) {
		return s.Src
	}
	para := strings.Count(s.Prose[:i], "\n")
	start := strings.LastIndexByte(s.Prose[:i], '\n') + 1
	end := strings.IndexByte(s.Prose[start:], '\n')
	if end < 0 {
		end = len(s.Prose)
	} else {
		end += start
	}
	text := s.Prose[start:end]
	n := 0
	for li, line := range strings.Split(s.ProseSrc.Text, "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		if n < para {
			n++
			continue
		}
		pos := Source{Line: s.ProseSrc.Line + li, Col: 1, Text: line}
		pos.Col += len([]rune(line)) - len([]rune(strings.TrimLeft(line, " ")))
		if k := strings.Index(line, text); k >= 0 {
			pos.Col = 1 + utf8.RuneCountInString(line[:k]) + utf8.RuneCountInString(s.Prose[start:i])
		}
		return pos
	}
	// Paragraphs that stood on one line of the input (a crawler's dump
	// runs them together): the paragraph found in the source as published.
	if k := strings.Index(s.ProseSrc.Text, text); k >= 0 && text != "" {
		before := s.ProseSrc.Text[:k]
		nl := strings.LastIndexByte(before, '\n')
		return Source{
			Line: s.ProseSrc.Line + strings.Count(before, "\n"),
			Col:  1 + utf8.RuneCountInString(before[nl+1:]) + utf8.RuneCountInString(s.Prose[start:i]),
			Text: text,
		}
	}
	return s.Src
}

// Subhead is a numbered sub-head inside a section's prose.
type Subhead struct {
	// Title is the sub-head as written, with its number, e.g. （一）主动公开.
	Title string
	Src   Source
}

// Table is one of the three tables of a report.
type Table struct {
	Key  SectionKey
	Rows []Row // the rows found, in published order
	Src  Source
}

// Row is one row of a table: a row of table 二 or 三, or one group of five
// columns of table 四.
type Row struct {
	Key   string // the spec's row key, e.g. denied.state_secret
	Cells []Cell // the cells found, in published order
	Src   Source // the row label as published
}

// Cell is one cell of a table.
type Cell struct {
	Column string // the spec's column key, e.g. natural_person
	Value
	Src Source // the cell as published
}

// Kind tells what a cell holds.
type Kind uint8

// Cell kinds. Blank, zero (a Number), a number and text are four different
// things: nothing in this library turns one into another.
const (
	Blank  Kind = iota // nothing was written in the cell
	Number             // a number, in Value.Num
	Text               // something that is not a number ("—", "/", "无"), in Value.Text
)

// String returns "blank", "number" or "text".
func (k Kind) String() string {
	switch k {
	case Blank:
		return "blank"
	case Number:
		return "number"
	case Text:
		return "text"
	}
	return fmt.Sprintf("Kind(%d)", k)
}

// Value is what a cell holds. The zero Value is blank.
type Value struct {
	Kind Kind
	Num  Dec    // when Kind is Number
	Text string // when Kind is Text: the text as published, trimmed
	// Unit is, when Kind is Number, the unit the cell writes after its
	// number (251000元, 1.2万元: one of Units), or "" when it writes none.
	// The number is as published, not converted: a rule compares the unit
	// with the one the template's column states.
	Unit string
}

// NumberValue returns a Value holding d.
func NumberValue(d Dec) Value { return Value{Kind: Number, Num: d} }

// NumberUnit returns a Value holding d written with the given unit.
func NumberUnit(d Dec, unit string) Value { return Value{Kind: Number, Num: d, Unit: unit} }

// TextValue returns a Value holding the text s.
func TextValue(s string) Value { return Value{Kind: Text, Text: s} }

// IsBlank reports whether v is blank.
func (v Value) IsBlank() bool { return v.Kind == Blank }

// Int returns the value as an integer, and whether it is one.
func (v Value) Int() (int64, bool) {
	if v.Kind != Number {
		return 0, false
	}
	return v.Num.Int64()
}

// String returns the value as it would be written in a cell: the number's
// digits, the text, or "" for blank.
func (v Value) String() string {
	switch v.Kind {
	case Number:
		return v.Num.String() + v.Unit
	case Text:
		return v.Text
	}
	return ""
}

// Section returns the first section with the given key, or nil.
func (r *Report) Section(key SectionKey) *Section {
	if r == nil {
		return nil
	}
	for i := range r.Sections {
		if r.Sections[i].Key == key {
			return &r.Sections[i]
		}
	}
	return nil
}

// Table returns the table of the section with the given key, or nil.
func (r *Report) Table(key SectionKey) *Table {
	if s := r.Section(key); s != nil {
		return s.Table
	}
	return nil
}

// Spec returns the template the report follows, or nil if it is unknown.
func (r *Report) Spec() *Template { return TemplateFor(r.Template) }

// Row returns the first row with the given key, or nil.
func (t *Table) Row(key string) *Row {
	if t == nil {
		return nil
	}
	for i := range t.Rows {
		if t.Rows[i].Key == key {
			return &t.Rows[i]
		}
	}
	return nil
}

// Cell returns the cell of the given column, or nil.
func (row *Row) Cell(column string) *Cell {
	if row == nil {
		return nil
	}
	for i := range row.Cells {
		if row.Cells[i].Column == column {
			return &row.Cells[i]
		}
	}
	return nil
}

// Key addresses one cell of a report by the spec's keys. Its string form is
// the cell's dotted path in the canonical JSON, such as
// requests.denied.state_secret.natural_person.
type Key struct {
	Table  SectionKey
	Row    string
	Column string
}

// String returns the dotted path of k.
func (k Key) String() string { return string(k.Table) + "." + k.Row + "." + k.Column }

// Cell returns the cell at k, or nil if the report has no such cell. It
// does not check k against the template (Key.Check does).
func (r *Report) Cell(k Key) *Cell { return r.Table(k.Table).Row(k.Row).Cell(k.Column) }

// Lookup returns the cell at a dotted path such as
// requests.total.natural_person, or nil if the path is malformed or the
// report has no such cell. Lookup
// cannot tell a misspelt path from a missing cell: use Get, which returns
// an error for the first, or a Key variable such as
// KeyRequestsTotalNaturalPerson with Cell, which cannot be misspelt.
func (r *Report) Lookup(path string) *Cell {
	k, err := splitKey(path)
	if err != nil {
		return nil
	}
	return r.Cell(k)
}

// Cells calls yield for every cell of the report's tables, in published
// order, with its key.
func (r *Report) Cells(yield func(Key, *Cell) bool) {
	if r == nil {
		return
	}
	for si := range r.Sections {
		t := r.Sections[si].Table
		if t == nil {
			continue
		}
		for ri := range t.Rows {
			row := &t.Rows[ri]
			for ci := range row.Cells {
				c := &row.Cells[ci]
				if !yield(Key{Table: t.Key, Row: row.Key, Column: c.Column}, c) {
					return
				}
			}
		}
	}
}
