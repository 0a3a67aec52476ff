package render_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/opengovcn/annualreport/parse"
	"github.com/opengovcn/annualreport/render"
	"github.com/opengovcn/annualreport/report"
	"github.com/opengovcn/annualreport/report/reporttest"
)

// strictJSON decodes src as JSON readers that keep one value per key
// would, and returns an error for a key that an object holds twice
// (which jq, Python and JavaScript would silently keep the last of), or
// for text that is not one JSON value.
func strictJSON(src []byte) error {
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.UseNumber()
	if err := strictValue(dec, ""); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return fmt.Errorf("text after the value at offset %d", dec.InputOffset())
	}
	return nil
}

// strictValue reads one value whose path is path.
func strictValue(dec *json.Decoder, path string) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	switch tok {
	case json.Delim('{'):
		seen := map[string]bool{}
		for dec.More() {
			k, err := dec.Token()
			if err != nil {
				return err
			}
			key := k.(string)
			if seen[key] {
				return fmt.Errorf("%s: key %q repeated (offset %d)", path, key, dec.InputOffset())
			}
			seen[key] = true
			if err := strictValue(dec, path+"."+key); err != nil {
				return err
			}
		}
		_, err = dec.Token()
		return err
	case json.Delim('['):
		for i := 0; dec.More(); i++ {
			if err := strictValue(dec, fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
		_, err = dec.Token()
		return err
	}
	return nil
}

// TestStrictJSON: the strict decoder rejects repeated keys at any depth,
// and only them.
func TestStrictJSON(t *testing.T) {
	for src, ok := range map[string]bool{
		`{"a": 1, "b": {"a": 2}}`:           true,
		`{"a": [{"x": 1}, {"x": 2}]}`:       true,
		`{"a": 1, "a": 2}`:                  false,
		`{"a": {"b": {"c": 1, "c": null}}}`: false,
		`{"a": [{"x": 1, "x": 2}]}`:         false,
		`{"a": 1} {}`:                       false,
		`{"a": 1`:                           false,
	} {
		if err := strictJSON([]byte(src)); (err == nil) != ok {
			t.Errorf("%s: %v, want ok %v", src, err, ok)
		}
	}
}

// TestJSONFilesStrict: every JSON file of testdata, golden or input,
// holds each key once per object.
func TestJSONFilesStrict(t *testing.T) {
	n := 0
	err := filepath.WalkDir("../testdata", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) != ".json" {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		n++
		if err := strictJSON(src); err != nil {
			t.Errorf("%s: %v", path, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 10 {
		t.Errorf("%d JSON files in testdata, want the goldens and the inputs", n)
	}
}

// repeated returns a copy of r with what real reports come with and a
// JSON object cannot hold twice: 表三 published twice, a row placed twice
// and a row of a group (denied.*) coming after another row, a cell
// repeated in its row, and notes beside the second 表三 only.
func repeated(r *report.Report) *report.Report {
	out := *r
	out.Sections = nil
	for _, s := range r.Sections {
		if s.Table != nil {
			t := *s.Table
			t.Rows = append([]report.Row(nil), s.Table.Rows...)
			s.Table = &t
		}
		out.Sections = append(out.Sections, s)
	}
	for i := range out.Sections {
		s := &out.Sections[i]
		if s.Key != report.Requests || s.Table == nil {
			continue
		}
		rows := s.Table.Rows
		var again []report.Row
		for _, row := range rows {
			if row.Key == "granted" || strings.HasPrefix(row.Key, "denied.") {
				again = append(again, row)
			}
		}
		// A copy of the table, its denied rows after the total, its
		// first row's first cell twice, and notes of its own.
		second := report.Section{Key: report.Requests, Prose: "（续表）单位：件", Table: &report.Table{Key: report.Requests}}
		for j, row := range rows {
			if j == 0 && len(row.Cells) > 0 {
				row.Cells = append(append([]report.Cell(nil), row.Cells...), row.Cells[0])
			}
			second.Table.Rows = append(second.Table.Rows, row)
		}
		second.Table.Rows = append(second.Table.Rows, again...)
		s.Table.Rows = append(s.Table.Rows, again...)
		s.Prose = ""
		out.Sections = append(out.Sections[:i+1], append([]report.Section{second}, out.Sections[i+1:]...)...)
		break
	}
	return &out
}

// tables returns r's sections, their keys and tables only.
func tables(r *report.Report) *report.Report {
	out := &report.Report{}
	for _, s := range r.Sections {
		out.Sections = append(out.Sections, report.Section{Key: s.Key, Table: s.Table})
	}
	return out
}

// cellCount counts the cells of r.
func cellCount(r *report.Report) int {
	n := 0
	for _, s := range r.Sections {
		if s.Table != nil {
			for _, row := range s.Table.Rows {
				n += len(row.Cells)
			}
		}
	}
	return n
}

// lastWins counts the cell values (numbers, strings, nulls under a
// table) a reader that keeps the last of repeated keys finds in src.
func lastWins(t *testing.T, src []byte) int {
	var m map[string]any
	if err := json.Unmarshal(src, &m); err != nil {
		t.Fatal(err)
	}
	var count func(v any) int
	count = func(v any) int {
		o, ok := v.(map[string]any)
		if !ok {
			return 1
		}
		n := 0
		for _, v := range o {
			n += count(v)
		}
		return n
	}
	n := 0
	for k, v := range m {
		if base, _, _ := strings.Cut(k, "#"); base == "active" || base == "requests" || base == "appeals" {
			if v != nil {
				n += count(v)
			}
		}
	}
	return n
}

// TestJSONRepeatsStrict renders generated reports of every breakage, the
// same with tables, rows and cells repeated and out of order, and the
// hostile two-tables.txt: the JSON never repeats a key, a reader that
// keeps the last of repeated keys still finds every cell, and parse.JSON
// reads back the same report, in the same order.
func TestJSONRepeatsStrict(t *testing.T) {
	type jsonCase struct {
		name string
		r    *report.Report
		// tablesOnly compares the sections' keys and tables alone on the
		// way back: the real reports' sub-heads beside their tables are
		// no part of the JSON yet (issue 21).
		tablesOnly bool
	}
	var cases []jsonCase
	add := func(name string, r *report.Report) { cases = append(cases, jsonCase{name: name, r: r}) }
	seeds := uint64(5)
	if testing.Short() {
		seeds = 2
	}
	for _, b := range reporttest.Breakages() {
		for seed := range seeds {
			g := reporttest.Generate(seed, reporttest.Options{Break: b})
			add(fmt.Sprintf("%s/%d", b, seed), g.Report)
			add(fmt.Sprintf("%s/%d/repeated", b, seed), repeated(g.Report))
		}
	}
	// Real reports, whose rows PDFs and pages place twice, and the
	// hostile report with two 表三.
	files, _ := filepath.Glob("../testdata/real/*.*")
	files = append(files, "../testdata/hostile/two-tables.txt")
	for _, file := range files {
		if strings.HasSuffix(file, ".md") && strings.HasPrefix(filepath.Base(file), "README") {
			continue
		}
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		r, _ := parse.Parse(src)
		cases = append(cases, jsonCase{filepath.Base(file), r, true})
	}
	o := odd()
	o.Sections[0].Subheads = []report.Subhead{{Title: "（一）主动公开"}} // as its prose has, and parse.JSON finds
	add("odd", o)
	add("odd2021", odd2021())
	add("odd2021/repeated", repeated(odd2021()))

	for _, c := range cases {
		if err := strictJSON(renderTo(t, render.JSON{Compact: true}, c.r)); err != nil {
			t.Errorf("%s, compact: %v", c.name, err)
		}
		out := renderTo(t, render.JSON{}, c.r)
		if err := strictJSON(out); err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		{
			if got, want := lastWins(t, out), cellCount(c.r); got != want {
				t.Errorf("%s: a reader keeping the last of each key finds %d cells of %d", c.name, got, want)
			}
			back, err := parse.JSON.Parse(out)
			if err != nil {
				t.Errorf("%s: reading back: %v", c.name, err)
			}
			want := c.r
			if c.tablesOnly {
				want, back = tables(want), tables(back)
			}
			if d := cmp.Diff(want, back, same...); d != "" {
				t.Errorf("%s: round trip (-first +second):\n%s", c.name, d)
			}
		}
	}
}

// TestJSONRepeatsGolden: the JSON of a report with repeats is its golden
// file, where the representation can be read.
func TestJSONRepeatsGolden(t *testing.T) {
	golden(t, "repeats.json", renderTo(t, render.JSON{}, repeated(odd2021())))
}
