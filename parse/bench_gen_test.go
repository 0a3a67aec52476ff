package parse

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/opengovcn/annualreport/render"
	"github.com/opengovcn/annualreport/report"
	"github.com/opengovcn/annualreport/report/reporttest"
)

var genBench = flag.Bool("gen-bench", false, "regenerate the large report of testdata/bench from the seeds")

// benchFormats are the formats the large report is written in, by the
// renderers, for the benchmarks.
var benchFormats = []struct {
	ext    string
	layout string
	render render.Renderer
}{
	{".cells.txt", "cells", render.Text{}},
	{".tsv.txt", "tsv", render.TSV{}},
	{".html", "html", render.HTML{}},
	{".docx", "docx", render.DOCX{}},
	{".json", "json", render.JSON{}},
}

// province builds a provincial government's report: every cell filled,
// numbers in the thousands (a province receives thousands of requests and
// makes tens of thousands of decisions), and long prose: the prose of the
// five seeds, twice over, in each section.
func province(t testing.TB) *report.Report {
	b := reporttest.NewBuilder(report.V2021).Agency("某某省人民政府").Year(2023)
	prose := map[report.SectionKey][]string{}
	for range 2 {
		for _, s := range seeds {
			r, err := Parse([]byte(readSeed(t, s.file)))
			if err != nil && r == nil {
				t.Fatal(err)
			}
			for _, sec := range r.Sections {
				if p := strings.TrimSpace(sec.Prose); p != "" {
					prose[sec.Key] = append(prose[sec.Key], p)
				}
			}
		}
	}
	tmpl := report.TemplateFor(report.V2021)
	for _, sec := range tmpl.Sections {
		b.Prose(sec.Key, strings.Join(prose[sec.Key], "\n"))
	}
	n := 0
	next := func(limit int) int { n++; return (n*7919 + 13) % limit }
	for _, row := range tmpl.Table(report.Active).Rows {
		for _, c := range row.Columns {
			path := fmt.Sprintf("active.%s.%s", row.Key, c.Key)
			if c.Key == "amount" {
				b.SetDec(path, fmt.Sprintf("%d.%02d", next(90000), next(100)))
				continue
			}
			b.Set(path, next(40000))
		}
	}
	for _, row := range tmpl.Table(report.Requests).Rows {
		for _, c := range row.Columns {
			if c.Key == "total" {
				continue
			}
			path := fmt.Sprintf("requests.%s.%s", row.Key, c.Key)
			switch row.Key {
			case "new_received":
				b.Set(path, 5000+next(5000))
			case "carried_over":
				b.Set(path, 100+next(400))
			case "total", "carried_forward":
			default: // the outcome rows: 22 of them, at most 220 each
				b.Set(path, next(220))
			}
		}
	}
	for _, row := range tmpl.Table(report.Appeals).Rows {
		for _, c := range row.Columns {
			if c.Key != "total" {
				b.Set(fmt.Sprintf("appeals.%s.%s", row.Key, c.Key), next(300))
			}
		}
	}
	r, err := b.FillTotals().Report()
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestGenBench writes testdata/bench/province.* with -gen-bench.
func TestGenBench(t *testing.T) {
	if !*genBench {
		t.Skip("run with -gen-bench to regenerate testdata/bench")
	}
	r := province(t)
	if err := os.MkdirAll("../testdata/bench", 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range benchFormats {
		var buf bytes.Buffer
		if err := f.render.Render(&buf, r); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join("../testdata/bench", "province"+f.ext), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestBenchInputs checks that the large report reads back, in every
// format, as the report it was made from: the benchmarks measure real work.
func TestBenchInputs(t *testing.T) {
	want := province(t)
	for _, f := range benchFormats {
		src, err := os.ReadFile(filepath.Join("../testdata/bench", "province"+f.ext))
		if err != nil {
			t.Fatal(err)
		}
		p, err := Detect(src)
		if err != nil || p.Name() != f.layout {
			t.Errorf("%s: detected %v (%v), want %s", f.ext, p, err, f.layout)
			continue
		}
		got, err := p.Parse(src)
		if err != nil {
			t.Errorf("%s: %v", f.ext, err)
		}
		if diff := reporttest.Diff(want, got); diff != "" {
			t.Errorf("%s reads differently from the report it was written from:\n%s", f.ext, diff)
		}
	}
}
