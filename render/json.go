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
//
// No object holds a key twice, as JSON readers that keep one value per
// key (jq, Python, JavaScript: the last) would drop the others. What a
// report holds more than once — 表三 published twice, a row placed twice,
// a cell repeated in its row — or comes back to a group of rows after
// another row (a "denied.*" row after "total") is written under its key
// with "#2" after it, "#3" for the third time in the same object, and so
// on: "requests#2", "granted#2", "denied#2". The report's order is kept,
// and parse.JSON reads KEY#N as KEY, where it stands. The notes of the
// second 表三 are under "requests#2" in "notes".
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
	// seen are the keys written in each open object, and how many times
	// each, so that a key written again gets "#N"; the maps are reused
	// from object to object of a depth.
	seen []map[string]int
}

func (e *jsonWriter) open() {
	e.buf.WriteByte('{')
	e.depth++
	e.first = append(e.first, true)
	if len(e.seen) < len(e.first) {
		e.seen = append(e.seen, map[string]int{})
	} else {
		clear(e.seen[len(e.first)-1])
	}
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

// key writes k as the next key of the open object, as "k#N" when the
// object has it already (N is the how-many-th time), and returns the key
// written.
func (e *jsonWriter) key(k string) string {
	seen := e.seen[len(e.first)-1]
	n := seen[k] + 1
	seen[k] = n
	if n > 1 {
		k += "#" + strconv.Itoa(n)
	}
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
	return k
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
	type note struct{ key, prose string }
	var notes []note
	for _, s := range r.Sections {
		k := e.key(string(s.Key))
		if !isTable(s.Key) {
			e.str(s.Prose)
			continue
		}
		if s.Prose != "" {
			notes = append(notes, note{k, s.Prose}) // "requests#2" for the second 表三's
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
		for _, n := range notes {
			e.key(n.key)
			e.str(n.prose)
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
// A row or group written again in the table gets its key with "#N" (key).
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
