package render

import (
	"bytes"
	"encoding/json"
	"io"
	"strconv"
	"strings"

	"github.com/opengovcn/annualreport/report"
)

// Schema is the value of the "schema" field of the canonical JSON.
const Schema = "annualreport/v1"

// JSON writes a report as the canonical JSON of the template spec (schema
// annualreport/v1): metadata, the prose of sections 一, 五 and 六, and the
// three tables keyed by the spec's row and column keys. Numbers keep their
// published digits, a blank cell is null and a text cell a string; a
// number written with a unit is a string of both ("251000元"), which
// parse.JSON reads back as that number and unit. The
// sections and rows come in the report's order, so that parse.JSON reads
// back the same report.
//
// Besides the spec's fields it writes, only when they are not empty,
// "preamble" (text between the title and 一), "notes" (text beside a table)
// and "trailer" (text after 六).
type JSON struct {
	// Compact writes the JSON on one line instead of indented by two
	// spaces.
	Compact bool
}

// Render writes r as canonical JSON, followed by a newline.
func (j JSON) Render(w io.Writer, r *report.Report) error {
	if r == nil {
		return errNilReport
	}
	e := &jsonWriter{compact: j.Compact}
	e.report(r)
	e.buf.WriteByte('\n')
	_, err := w.Write(e.buf.Bytes())
	return err
}

type jsonWriter struct {
	buf     bytes.Buffer
	compact bool
	depth   int
	first   []bool
}

func (e *jsonWriter) open() {
	e.buf.WriteByte('{')
	e.depth++
	e.first = append(e.first, true)
}

func (e *jsonWriter) close() {
	e.depth--
	empty := e.first[len(e.first)-1]
	e.first = e.first[:len(e.first)-1]
	if !empty {
		e.newline()
	}
	e.buf.WriteByte('}')
}

func (e *jsonWriter) newline() {
	if e.compact {
		return
	}
	e.buf.WriteByte('\n')
	for i := 0; i < e.depth; i++ {
		e.buf.WriteString("  ")
	}
}

func (e *jsonWriter) key(k string) {
	if e.first[len(e.first)-1] {
		e.first[len(e.first)-1] = false
	} else {
		e.buf.WriteByte(',')
	}
	e.newline()
	e.str(k)
	e.buf.WriteByte(':')
	if !e.compact {
		e.buf.WriteByte(' ')
	}
}

// str writes a JSON string, with Chinese text unescaped.
func (e *jsonWriter) str(s string) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	e.buf.Write(bytes.TrimRight(b.Bytes(), "\n"))
}

func (e *jsonWriter) strOrNull(s string) {
	if s == "" {
		e.buf.WriteString("null")
		return
	}
	e.str(s)
}

func (e *jsonWriter) value(v report.Value) {
	switch v.Kind {
	case report.Number:
		if v.Unit != "" {
			e.str(v.String()) // "251000元": the number with its unit, as published
			return
		}
		e.buf.WriteString(v.Num.String())
	case report.Text:
		e.str(v.Text)
	default:
		e.buf.WriteString("null")
	}
}

func (e *jsonWriter) report(r *report.Report) {
	e.open()
	e.key("schema")
	e.str(Schema)
	e.key("template")
	e.strOrNull(string(r.Template))
	e.key("agency")
	e.strOrNull(r.Agency)
	e.key("year")
	if r.Year == 0 {
		e.buf.WriteString("null")
	} else {
		e.buf.WriteString(strconv.Itoa(r.Year))
	}
	e.key("title")
	e.strOrNull(r.Title)
	if r.Preamble != "" {
		e.key("preamble")
		e.str(r.Preamble)
	}
	var notes []report.Section
	for _, s := range r.Sections {
		e.key(string(s.Key))
		if !isTable(s.Key) {
			e.str(s.Prose)
			continue
		}
		if s.Prose != "" {
			notes = append(notes, s)
		}
		if s.Table == nil {
			e.buf.WriteString("null")
			continue
		}
		e.table(s.Table)
	}
	if len(notes) > 0 {
		e.key("notes")
		e.open()
		for _, s := range notes {
			e.key(string(s.Key))
			e.str(s.Prose)
		}
		e.close()
	}
	if r.Trailer != "" {
		e.key("trailer")
		e.str(r.Trailer)
	}
	e.close()
}

func isTable(k report.SectionKey) bool {
	return k == report.Active || k == report.Requests || k == report.Appeals
}

// table writes the rows; a row key with a dot nests ("denied.state_secret"
// goes in "denied"), consecutive rows with the same prefix share an object.
func (e *jsonWriter) table(t *report.Table) {
	e.open()
	group := ""
	for _, row := range t.Rows {
		prefix, name, nested := strings.Cut(row.Key, ".")
		if !nested {
			name = row.Key
			prefix = ""
		}
		if prefix != group {
			if group != "" {
				e.close()
			}
			if prefix != "" {
				e.key(prefix)
				e.open()
			}
			group = prefix
		}
		e.key(name)
		e.open()
		for _, c := range row.Cells {
			e.key(c.Column)
			e.value(c.Value)
		}
		e.close()
	}
	if group != "" {
		e.close()
	}
	e.close()
}
