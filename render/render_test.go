package render_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/opengovcn/annualreport/parse"
	"github.com/opengovcn/annualreport/render"
	"github.com/opengovcn/annualreport/report"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden (then check them by hand against the sources)")

var seeds = []string{
	"000_f75296a9e8ded5b4",
	"001_10659aee92df145a",
	"002_1e4bc6448c6781ed",
	"003_cda8e236fd2b0dc4",
	"004_f9e7c90898d0e983",
}

// same compares reports by content: sources (positions, raw text) aside.
var same = []cmp.Option{cmpopts.IgnoreTypes(report.Source{}), cmpopts.EquateEmpty()}

func parseSeed(t *testing.T, name string) *report.Report {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("..", "testdata", "seeds", name+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	r, err := parse.Parse(src)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return r
}

func renderTo(t *testing.T, rd render.Renderer, r *report.Report) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := rd.Render(&b, r); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// golden compares got with testdata/golden/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("..", "testdata", "golden", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./render -update, then check the file by hand)", err)
	}
	if d := cmp.Diff(string(want), string(got)); d != "" {
		t.Errorf("%s differs from the golden file (-want +got):\n%s", name, d)
	}
}

// TestSeedJSON: the canonical JSON of every seed is its golden file, each
// cell of which was checked against the seed as published.
func TestSeedJSON(t *testing.T) {
	for _, name := range seeds {
		t.Run(name, func(t *testing.T) {
			golden(t, name+".json", renderTo(t, render.JSON{}, parseSeed(t, name)))
		})
	}
}

// TestSeedRoundTrip: parse → render → parse gives the same report, through
// JSON and through text.
func TestSeedRoundTrip(t *testing.T) {
	for _, name := range seeds {
		r := parseSeed(t, name)
		for _, tc := range []struct {
			rd render.Renderer
			p  parse.Parser
		}{{render.JSON{}, parse.JSON}, {render.JSON{Compact: true}, parse.JSON}, {render.Text{}, parse.Cells}} {
			out := renderTo(t, tc.rd, r)
			if p, err := parse.Detect(out); err != nil || p.Name() != tc.p.Name() {
				t.Errorf("%s: %T output detected as %v, %v", name, tc.rd, p, err)
			}
			back, err := tc.p.Parse(out)
			if err != nil {
				t.Errorf("%s: reading back %T: %v", name, tc.rd, err)
			}
			if d := cmp.Diff(r, back, same...); d != "" {
				t.Errorf("%s: round trip through %T (-first +second):\n%s", name, tc.rd, d)
			}
		}
	}
}

func num(s string) report.Value { return report.NumberValue(report.MustDec(s)) }

func row(key string, columns []string, values ...report.Value) report.Row {
	r := report.Row{Key: key}
	for i, v := range values {
		r.Cells = append(r.Cells, report.Cell{Column: columns[i], Value: v})
	}
	return r
}

var reqCols = []string{"natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org", "total"}

// odd is a 2019 report built in code with what real reports hold: blank and
// text cells, exact decimals, a negative 本年增/减, a row of the 2021
// template, a row left out, a duplicated row, text around the sections.
func odd() *report.Report {
	z := num("0")
	blank := report.Value{}
	return &report.Report{
		Template: report.V2019,
		Agency:   "某某县人民政府",
		Year:     2020,
		Title:    "某某县人民政府2020年政府信息公开工作年度报告",
		Preamble: "（2021年1月20日）",
		Sections: []report.Section{
			{Key: report.Overview, Prose: "2020年，本县……\n（一）主动公开\n全年主动公开信息1,234条。"},
			{Key: report.Active, Prose: "单位：件", Table: &report.Table{Key: report.Active, Rows: []report.Row{
				row("regulations", []string{"made", "published", "total_public"}, z, blank, report.TextValue("—")),
				row("licensing", []string{"prev_items", "change", "decisions"}, num("12"), num("-3"), num("4500")),
				row("fees", []string{"prev_items", "change"}, num("2"), z),
				row("procurement", []string{"projects", "amount"}, num("95"), num("589.80")),
			}}},
			{Key: report.Requests, Table: &report.Table{Key: report.Requests, Rows: []report.Row{
				row("new_received", reqCols, num("3"), z, z, z, z, z, num("3")),
				row("carried_over", reqCols, blank, blank, blank, blank, blank, blank, blank),
				row("granted", reqCols, num("1"), z, z, z, z, z, num("1")),
				row("granted", reqCols, num("1"), z, z, z, z, z, num("1")),
				row("denied.state_secret", reqCols, z, z, z, z, z, z, z),
				row("other_handling.other", reqCols, z, z, z, z, z, z, z),
				row("total", reqCols, z, z, z, z, z, z, z),
				row("carried_forward", reqCols, report.TextValue("/"), z, z, z, z, z, z),
			}}},
			{Key: report.Appeals, Table: &report.Table{Key: report.Appeals, Rows: []report.Row{
				row("review", []string{"upheld", "corrected", "other", "pending", "total"}, num("1"), z, z, z, num("1")),
				row("litigation_direct", []string{"upheld", "corrected", "other", "pending", "total"}, z, z, z, z, z),
				row("litigation_after_review", []string{"upheld", "corrected", "other", "pending", "total"}, z, z, z, z, z),
			}}},
			{Key: report.Problems, Prose: "一是……\n二是……"},
			{Key: report.Other, Prose: "本年度未收取信息处理费。"},
		},
		Trailer: "打印本页\n关闭窗口",
	}
}

func TestOddReport(t *testing.T) {
	r := odd()
	r.Sections[0].Subheads = []report.Subhead{{Title: "（一）主动公开"}}
	js := renderTo(t, render.JSON{}, r)
	golden(t, "odd.json", js)
	back, err := parse.JSON.Parse(js)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(r, back, same...); d != "" {
		t.Errorf("JSON round trip (-first +second):\n%s", d)
	}
	txt := renderTo(t, render.Text{}, r)
	golden(t, "odd.txt", txt)
	back, err = parse.Cells.Parse(txt)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(r, back, same...); d != "" {
		t.Errorf("text round trip (-first +second):\n%s", d)
	}
}

func TestRenderUnknownKey(t *testing.T) {
	r := odd()
	r.Sections[2].Table.Rows[0].Key = "new_recieved"
	if err := (render.Text{}).Render(&bytes.Buffer{}, r); err == nil {
		t.Error("Text rendered a row key that no template has")
	}
}
