package parse

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/opengovcn/annualreport/report"
)

// JSON reads the canonical JSON that render.JSON writes (schema
// annualreport/v1) back into the report it was written from. Every cell,
// row and section gets the position of its value in the JSON text.
//
// A key with "#N" after it (N a number from 2) is what render.JSON writes
// for the N-th time a section, a row, a group of rows or a cell comes in
// the same object ("requests#2", "granted#2", "denied#2"), so that no key
// is repeated: it is read as the key, where it stands, and
// "notes"."requests#2" holds the notes of the second 表三. A key repeated
// as it is (as JSON of earlier versions had it) is read the same way.
var JSON Parser = jsonParser{}

type jsonParser struct{}

func (jsonParser) Name() string { return "json" }

func (jsonParser) Detect(src []byte) int {
	s := bytes.TrimLeft(bytes.TrimPrefix(src, []byte("\ufeff")), " \t\r\n")
	switch {
	case len(s) == 0 || s[0] != '{':
		return 0
	case bytes.Contains(s, []byte(`"annualreport/v1"`)):
		return 100
	}
	return 60
}

// node is a JSON value with where it stands in the input.
type node struct {
	key    string
	keyAt  int // offset of the key
	at     int // offset of the value
	end    int
	object bool
	value  any // string, json.Number, bool or nil for scalars
	kids   []node
}

type jsonReader struct {
	src   []byte
	dec   *json.Decoder
	lines []int // offsets of line starts
	// The last position pos found, from which the next on the same line
	// is counted: a minified report is one line, whose cells would each
	// be counted from its start.
	lastOff, lastLine, lastCol int
	errs                       errList
	depth                      int // how many objects deep values may nest (Limits.Depth)
	st                         *stopper
}

func (p jsonParser) Parse(src []byte) (*report.Report, error) {
	return p.parseLimits(src, DefaultLimits)
}

func (jsonParser) parseLimits(src []byte, lim Limits) (*report.Report, error) {
	r := &report.Report{}
	if err := inputLimit(src, lim); err != nil {
		return r, err
	}
	if !utf8.Valid(src) {
		line, col := invalidUTF8(src)
		return r, &Error{Line: line, Col: col, Err: ErrSyntax, Msg: "invalid UTF-8"}
	}
	// Positions count from after a BOM, as in the text layouts.
	body := bytes.TrimPrefix(src, []byte("\ufeff"))
	jr := &jsonReader{src: body, dec: json.NewDecoder(bytes.NewReader(body)), lines: []int{0}, depth: lim.Depth, st: newStopper(lim.ctx)}
	jr.dec.UseNumber()
	for i, c := range body {
		if c == '\n' {
			jr.lines = append(jr.lines, i+1)
		}
	}
	root, err := jr.value(0)
	var le *Error
	if errors.As(err, &le) {
		return r, le
	}
	if err != nil {
		jr.syntax(err)
		return r, jr.errs.err(src)
	}
	if jr.st.stopped() {
		jr.st.line, jr.st.col = jr.pos(jr.st.off)
		jr.errs.list = append(jr.errs.list, jr.st.error().(*Error))
	} else {
		after := jr.next(int(jr.dec.InputOffset()))
		if _, err := jr.dec.Token(); err != io.EOF {
			jr.errorAt(after, ErrSyntax, "text after the report's JSON object")
		}
	}
	if !root.object {
		jr.errorAt(root.at, ErrSyntax, "the canonical JSON of a report is an object")
		return r, jr.errs.err(src)
	}
	jr.report(r, root)
	return r, jr.errs.err(src)
}

// value reads one JSON value. Offsets are those of the input after a BOM.
// An object nested more than jr.depth deep is an *Error wrapping ErrLimit.
func (jr *jsonReader) value(depth int) (node, error) {
	at := jr.next(int(jr.dec.InputOffset()))
	tok, err := jr.dec.Token()
	if err != nil {
		return node{}, err
	}
	n := node{at: at}
	switch t := tok.(type) {
	case json.Delim:
		if t != '{' {
			return node{}, &offsetError{at, "arrays are no part of the canonical JSON"}
		}
		if depth >= jr.depth {
			line, col := jr.pos(at)
			return node{}, limitError(line, col, "objects nested more than %d deep (Limits.Depth); not read", jr.depth)
		}
		n.object = true
		for jr.dec.More() {
			keyAt := jr.next(int(jr.dec.InputOffset()))
			if jr.st.stop(0) {
				// Stopped: the object is what was read of it, and so
				// is every object around it.
				if jr.st.off == 0 {
					jr.st.off = keyAt
				}
				n.end = keyAt
				return n, nil
			}
			k, err := jr.dec.Token()
			if err != nil {
				return node{}, err
			}
			kid, err := jr.value(depth + 1)
			if err != nil {
				return node{}, err
			}
			kid.key, kid.keyAt = k.(string), keyAt
			n.kids = append(n.kids, kid)
		}
		if _, err := jr.dec.Token(); err != nil { // '}'
			return node{}, err
		}
	default:
		n.value = t
	}
	n.end = int(jr.dec.InputOffset())
	return n, nil
}

// next returns the offset of the next token after i: past white space,
// colons and commas.
func (jr *jsonReader) next(i int) int {
	s := jr.src
	for i < len(s) {
		switch s[i] {
		case ' ', '\t', '\r', '\n', ':', ',':
			i++
			continue
		}
		break
	}
	return i
}

// pos turns a byte offset into a 1-based line and column in characters.
func (jr *jsonReader) pos(off int) (line, col int) {
	off = min(max(off, 0), len(jr.src))
	lo, hi := 0, len(jr.lines)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if jr.lines[mid] <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	from, col := jr.lines[lo], 1
	if jr.lastLine == lo+1 && jr.lastOff <= off {
		from, col = jr.lastOff, jr.lastCol
	}
	col += utf8.RuneCount(jr.src[from:off])
	jr.lastOff, jr.lastLine, jr.lastCol = off, lo+1, col
	return lo + 1, col
}

func (jr *jsonReader) source(off int, text string) report.Source {
	line, col := jr.pos(off)
	return report.Source{Line: line, Col: col, Text: text}
}

func (jr *jsonReader) errorAt(off int, sentinel error, format string, args ...any) {
	line, col := jr.pos(off)
	jr.errs.add(line, col, sentinel, format, args...)
}

// offsetError is an error at an offset of src.
type offsetError struct {
	at  int
	msg string
}

func (e *offsetError) Error() string { return e.msg }

func (jr *jsonReader) syntax(err error) {
	var se *json.SyntaxError
	var oe *offsetError
	off := int(jr.dec.InputOffset())
	switch {
	case errors.As(err, &se):
		off = int(se.Offset)
	case errors.As(err, &oe):
		off = oe.at
	}
	msg := err.Error()
	if err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF) {
		msg = "the JSON ends too early"
	}
	jr.errorAt(off, ErrSyntax, "JSON: %s", msg)
}

func (jr *jsonReader) raw(n node) string { return string(jr.src[n.at:n.end]) }

// str reads a string or null member.
func (jr *jsonReader) str(n node) (string, bool) {
	switch v := n.value.(type) {
	case string:
		return v, true
	case nil:
		if !n.object {
			return "", true
		}
	}
	jr.errorAt(n.at, ErrSyntax, "%q: want a string or null, got %s", n.key, jr.raw(n))
	return "", false
}

// occurrence splits a key as render.JSON writes the N-th occurrence of
// one in an object, "granted#2", into the key and N; a key without a
// valid "#N" (N from 2, no leading zero) is itself and 1.
func occurrence(k string) (string, int) {
	i := strings.LastIndexByte(k, '#')
	if i < 0 || i+1 == len(k) || k[i+1] == '0' {
		return k, 1
	}
	n, err := strconv.Atoi(k[i+1:])
	if err != nil || n < 2 || strings.TrimLeft(k[i+1:], "0123456789") != "" {
		return k, 1
	}
	return k[:i], n
}

// sectionKey reports whether k is the JSON key of a section.
func sectionKey(k string) bool {
	switch report.SectionKey(k) {
	case report.Overview, report.Active, report.Requests, report.Appeals, report.Problems, report.Other:
		return true
	}
	return false
}

func (jr *jsonReader) report(r *report.Report, root node) {
	var notes *node
	schema := false
	for _, n := range root.kids {
		key := n.key
		if base, nth := occurrence(key); nth > 1 && sectionKey(base) {
			key = base // a section published again
		}
		switch key {
		case "schema":
			schema = true
			if s, _ := n.value.(string); s != "annualreport/v1" {
				jr.errorAt(n.at, ErrSyntax, "schema %s, want \"annualreport/v1\"", jr.raw(n))
			}
		case "template":
			if s, ok := jr.str(n); ok {
				switch report.Version(s) {
				case report.V2019, report.V2021, report.VersionUnknown:
					r.Template = report.Version(s)
				default:
					jr.errorAt(n.at, ErrSyntax, "template %q, want \"2019\" or \"2021\"", s)
				}
			}
		case "agency":
			r.Agency, _ = jr.str(n)
		case "title":
			r.Title, _ = jr.str(n)
			if r.Title != "" {
				r.Src = jr.source(n.at, r.Title)
			}
		case "preamble":
			r.Preamble, _ = jr.str(n)
		case "trailer":
			r.Trailer, _ = jr.str(n)
		case "year":
			if num, ok := n.value.(json.Number); ok {
				if y, err := strconv.Atoi(string(num)); err == nil {
					r.Year = y
					break
				}
			}
			if n.value != nil || n.object {
				jr.errorAt(n.at, ErrSyntax, "year %s is not a whole number", jr.raw(n))
			}
		case "notes":
			if !n.object {
				jr.errorAt(n.at, ErrSyntax, "\"notes\": want an object of section keys and texts")
				break
			}
			notes = &n
		case string(report.Overview), string(report.Problems), string(report.Other):
			s := report.Section{Key: report.SectionKey(key), Src: jr.source(n.keyAt, n.key)}
			s.Prose, _ = jr.str(n)
			s.Subheads = findSubheads(s.Prose)
			r.Sections = append(r.Sections, s)
		case string(report.Active), string(report.Requests), string(report.Appeals):
			s := report.Section{Key: report.SectionKey(key), Src: jr.source(n.keyAt, n.key)}
			switch {
			case n.object:
				s.Table = jr.table(s.Key, n)
			case n.value != nil:
				jr.errorAt(n.at, ErrSyntax, "%q: want a table object or null", n.key)
			}
			r.Sections = append(r.Sections, s)
		default:
			jr.errorAt(n.keyAt, ErrUnknownLabel, "unknown field %q", n.key)
		}
	}
	if !schema {
		jr.errorAt(root.at, ErrSyntax, "no \"schema\" field: want \"schema\": \"annualreport/v1\"")
	}
	if notes != nil {
		for _, n := range notes.kids {
			key, nth := occurrence(n.key)
			var s *report.Section
			for i := range r.Sections {
				if string(r.Sections[i].Key) == key {
					if nth--; nth == 0 {
						s = &r.Sections[i]
						break
					}
				}
			}
			if s == nil || s.Table == nil && key != string(report.Active) && key != string(report.Requests) && key != string(report.Appeals) {
				jr.errorAt(n.keyAt, ErrUnknownLabel, "notes for %q, which is no table section of the report", n.key)
				continue
			}
			s.Prose, _ = jr.str(n)
		}
	}
}

func (jr *jsonReader) table(key report.SectionKey, n node) *report.Table {
	t := &report.Table{Key: key, Src: jr.source(n.at, "")}
	for _, m := range n.kids {
		if !m.object {
			jr.errorAt(m.at, ErrSyntax, "%s.%s: want an object of cells or rows", key, m.key)
			continue
		}
		group := len(m.kids) > 0
		for _, k := range m.kids {
			group = group && k.object
		}
		key, _ := occurrence(m.key)
		if !group {
			jr.row(t, key, m)
			continue
		}
		for _, k := range m.kids {
			name, _ := occurrence(k.key)
			jr.row(t, key+"."+name, k)
		}
	}
	return t
}

func (jr *jsonReader) row(t *report.Table, key string, n node) {
	known := false
	for _, tm := range report.Templates() {
		known = known || tm.Table(t.Key).Row(key) != nil
	}
	if !known {
		jr.errorAt(n.keyAt, ErrUnknownLabel, "%s has no row %q in either template", t.Key, key)
		return
	}
	row := report.Row{Key: key, Src: jr.source(n.keyAt, n.key)}
	for _, c := range n.kids {
		col, _ := occurrence(c.key)
		if !columnOf(t.Key, key, col) {
			jr.errorAt(c.keyAt, ErrUnknownLabel, "%s.%s has no column %q in either template", t.Key, key, c.key)
			continue
		}
		cell := report.Cell{Column: col, Src: jr.source(c.at, jr.raw(c))}
		switch v := c.value.(type) {
		case nil:
			if c.object {
				jr.errorAt(c.at, ErrSyntax, "%s.%s.%s: a cell is a number, a string or null", t.Key, key, c.key)
				continue
			}
		case string:
			cell.Value = report.TextValue(v)
			if num, unit := cutUnit(v); unit != "" {
				if d, ok := parseNumber(num); ok {
					cell.Value = report.NumberUnit(d, unit) // "251000元", as render.JSON writes it
				}
			}
			cell.Src.Text = v // the text as decoded, not the quoted literal
		case json.Number:
			d, err := report.ParseDec(string(v))
			if err != nil {
				jr.errorAt(c.at, ErrSyntax, "%s.%s.%s: %s is not written with plain decimal digits", t.Key, key, c.key, v)
				continue
			}
			cell.Value = report.NumberValue(d)
		default:
			jr.errorAt(c.at, ErrSyntax, "%s.%s.%s: a cell is a number, a string or null", t.Key, key, c.key)
			continue
		}
		row.Cells = append(row.Cells, cell)
	}
	t.Rows = append(t.Rows, row)
}
