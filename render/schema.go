package render

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strings"

	"github.com/opengovcn/annualreport/report"
)

// JSONSchema returns a JSON Schema (draft 2020-12) of the canonical JSON
// that JSON writes, made from the template data of both versions, so that
// tools in other languages can check what this library writes and read its
// keys with their official labels (each row and column carries its label
// as its title).
//
// It uses type, enum, properties, patternProperties (a key repeated as
// KEY#N), required, additionalProperties, anyOf
// and $ref (to its one definition, a cell) only. The six sections and the metadata are named; the tables
// hold the rows of either version (a report may hold a row of the other
// version, as the 2019 single （六）其他处理 row in a 2021 report), each a
// row object of its columns or, for a dotted key (denied.state_secret), a
// group object of its rows; a cell is a number (the published digits), a
// string (text such as — or /) or null (blank). A misspelt key is an
// error at every level. An array under any other name is accepted at the
// top level and in a table, where a later version of the JSON may list
// what the report repeats.
//
// The schema is also the file annualreport.schema.json beside this
// package's sources.
func JSONSchema() []byte {
	b, err := json.MarshalIndent(schema(), "", "  ")
	if err != nil {
		panic(err) // the schema is made of strings, bools and objects
	}
	return append(b, '\n')
}

// obj is a JSON object that keeps its keys in order.
type obj []kv

type kv struct {
	k string
	v any
}

func (o obj) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, e := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := json.Marshal(e.k)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(e.v); err != nil {
			return nil, err
		}
		b.Truncate(b.Len() - 1) // Encode's newline
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// anyArray is the schema of what an object may hold besides its named
// properties: an array.
var anyArray = obj{{"type", "array"}}

// repeats is the pattern of the keys JSON writes for what a report holds
// twice in one object (requests#2, granted#2, natural_person#2: see JSON).
const repeats = "#[1-9][0-9]*$"

// object is the schema of an object of the given properties, which may
// also hold each of them again under its key and #N, and holds nothing
// else but what add allows (false, or anyArray).
func object(title string, props obj, add any) obj {
	o := obj{}
	if title != "" {
		o = append(o, kv{"title", title})
	}
	o = append(o, kv{"type", "object"}, kv{"properties", props})
	if len(props) > 0 {
		var pat obj
		for _, p := range props {
			pat = append(pat, kv{"^" + regexp.QuoteMeta(p.k) + repeats, p.v})
		}
		o = append(o, kv{"patternProperties", pat})
	}
	return append(o, kv{"additionalProperties", add})
}

func schema() obj {
	versions := []any{}
	for _, t := range report.Templates() {
		versions = append(versions, string(t.Version))
	}
	versions = append(versions, nil)
	props := obj{
		{"schema", obj{{"enum", []string{Schema}}}},
		{"template", obj{{"title", "template version（模板版本）; null when unknown"}, {"enum", versions}}},
		{"agency", obj{{"title", "agency（机关）"}, {"type", []string{"string", "null"}}}},
		{"year", obj{{"title", "year reported on（年度）"}, {"type", []string{"integer", "null"}}}},
		{"title", obj{{"title", "title as published（标题）"}, {"type", []string{"string", "null"}}}},
		{"preamble", obj{{"title", "text between the title and 一"}, {"type", "string"}}},
	}
	var notes obj
	defs := &schemaDefs{}
	tmpl := report.TemplateFor(report.V2021)
	for _, s := range tmpl.Sections {
		title := heading(&s)
		if s.Table == nil {
			props = append(props, kv{string(s.Key), obj{{"title", title}, {"type", "string"}}})
			continue
		}
		props = append(props, kv{string(s.Key), obj{
			{"title", title + "（" + s.Table.Name + "）; null when the section has no table"},
			{"anyOf", []any{obj{{"type", "null"}}, defs.ref("table."+string(s.Key), tableSchema(defs, s.Key))}},
		}})
		notes = append(notes, kv{string(s.Key), obj{{"type", "string"}}})
	}
	props = append(props,
		kv{"notes", object("text beside a table", notes, false)},
		kv{"trailer", obj{{"title", "text after 六 that is not part of the report"}, {"type", "string"}}},
	)
	top := object("", props, anyArray)
	return obj{
		{"$schema", "https://json-schema.org/draft/2020-12/schema"},
		{"$id", Schema},
		{"title", "政府信息公开工作年度报告 (" + Schema + ")"},
		top[0], // type
		top[1], // properties
		top[2], // patternProperties
		{"required", []string{"schema", "template", "agency", "year", "title"}},
		top[3], // additionalProperties
		{"$defs", append(obj{{"cell", obj{
			{"title", "a cell: the published number, text (such as — or /), or null when blank"},
			{"type", []string{"number", "string", "null"}},
		}}}, defs.defs...)},
	}
}

// schemaDefs collects the schemas of tables and groups of rows, each
// written once under $defs and referred to where it is used (and again
// under its KEY#N pattern).
type schemaDefs struct{ defs obj }

func (d *schemaDefs) ref(name string, schema obj) obj {
	d.defs = append(d.defs, kv{name, schema})
	return obj{{"$ref", "#/$defs/" + name}}
}

// schemaRow is a row key of either template with its specs, 2021's first.
type schemaRow struct {
	key   string
	specs []*report.RowSpec
}

// tableSchema is the schema of a table: its rows of both versions, those
// with a dotted key under their group.
func tableSchema(defs *schemaDefs, table report.SectionKey) obj {
	var rows []schemaRow
	index := map[string]int{}
	for _, t := range report.Templates() {
		for i := range t.Table(table).Rows {
			rs := &t.Table(table).Rows[i]
			if j, ok := index[rs.Key]; ok {
				rows[j].specs = append(rows[j].specs, rs)
				continue
			}
			index[rs.Key] = len(rows)
			rows = append(rows, schemaRow{rs.Key, []*report.RowSpec{rs}})
		}
	}
	// A key is a row, a group of rows, or both (other_handling: 2019's
	// row, 2021's group): its schema is the one or anyOf the two.
	type entry struct {
		row   obj // the row's schema, or nil
		group obj // the group's properties, or nil
		title string
	}
	var order []string
	entries := map[string]*entry{}
	get := func(k string) *entry {
		e := entries[k]
		if e == nil {
			e = &entry{}
			entries[k] = e
			order = append(order, k)
		}
		return e
	}
	for _, r := range rows {
		group, name, nested := strings.Cut(r.key, ".")
		if !nested {
			e := get(r.key)
			e.row = defs.ref("row."+string(table)+"."+r.key, rowSchema(r))
			continue
		}
		e := get(group)
		e.group = append(e.group, kv{name, defs.ref("row."+string(table)+"."+r.key, rowSchema(r))})
		if p := r.specs[0].Path; e.title == "" && len(p) > 0 {
			e.title = p[len(p)-1]
		}
	}
	var props obj
	for _, k := range order {
		e := entries[k]
		var group obj
		if e.group != nil {
			group = defs.ref("group."+string(table)+"."+k, object(e.title, e.group, false))
		}
		switch {
		case e.row != nil && group != nil:
			props = append(props, kv{k, obj{{"anyOf", []any{e.row, group}}}})
		case e.row != nil:
			props = append(props, kv{k, e.row})
		default:
			props = append(props, kv{k, group})
		}
	}
	return object("", props, anyArray)
}

// rowSchema is the schema of a row: an object of its columns of both
// versions, each a cell.
func rowSchema(r schemaRow) obj {
	var titles []string
	var cols obj
	seen := map[string]int{}
	for _, rs := range r.specs {
		if t := rowLabel(rs); len(titles) == 0 || titles[len(titles)-1] != t {
			titles = append(titles, t)
		}
		for i := range rs.Columns {
			cs := &rs.Columns[i]
			title := columnLabel(cs)
			if j, ok := seen[cs.Key]; ok {
				c := cols[j].v.(obj)
				if !strings.Contains(c[0].v.(string), title) {
					c[0].v = c[0].v.(string) + " | " + title
				}
				continue
			}
			seen[cs.Key] = len(cols)
			cols = append(cols, kv{cs.Key, obj{{"title", title}, {"$ref", "#/$defs/cell"}}})
		}
	}
	return object(strings.Join(titles, " | "), cols, false)
}
