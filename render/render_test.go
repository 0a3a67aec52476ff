package render_test

import (
	"bytes"
	"encoding/json"
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

func parseSeed(t testing.TB, name string) *report.Report {
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

// odd2021 is a 2021 report built in code: it keeps the 2019 single
// （六）其他处理 row and the 2019 政府集中采购 row, leaves rows out, repeats one, has text and blank cells,
// a note beside two tables, and a decimal fee with a trailing zero.
func odd2021() *report.Report {
	z := num("0")
	blank := report.Value{}
	dash := report.TextValue("—")
	docs := []string{"issued", "repealed", "in_force"}
	appeal := []string{"upheld", "corrected", "other", "pending", "total"}
	return &report.Report{
		Template: report.V2021,
		Agency:   "某某街道办事处",
		Year:     2022,
		Title:    "某某街道办事处2022年政府信息公开工作年度报告",
		Preamble: "本报告根据《中华人民共和国政府信息公开条例》编制。\n本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。",
		Sections: []report.Section{
			{Key: report.Overview, Prose: "2022年，本街道……\n（一）主动公开\n主动公开信息589条，“政务公开”专栏更新“三公”经费信息。\n（二）依申请公开\n共收到申请2件。",
				Subheads: []report.Subhead{{Title: "（一）主动公开"}, {Title: "（二）依申请公开"}}},
			{Key: report.Active, Prose: "注：本表数据截至2022年12月31日。", Table: &report.Table{Key: report.Active, Rows: []report.Row{
				row("regulations", docs, z, blank, dash),
				row("normative_documents", docs, num("3"), num("1"), num("27")),
				row("licensing", []string{"decisions"}, num("1024")),
				row("punishment", []string{"decisions"}, report.TextValue("/")),
				row("fees", []string{"amount"}, num("2.50")),
				row("procurement", []string{"projects", "amount"}, num("4"), num("589.08")), // a 2019 row
			}}},
			{Key: report.Requests, Prose: "单位：件", Table: &report.Table{Key: report.Requests, Rows: []report.Row{
				row("new_received", reqCols, num("2"), z, z, z, z, z, num("2")),
				row("carried_over", reqCols, z, z, z, z, z, z, z),
				row("granted", reqCols, num("1"), z, z, z, z, z, num("1")),
				row("partially_granted", reqCols, z, z, z, z, z, z, z),
				row("denied.state_secret", reqCols, z, z, z, z, z, z, z),
				row("denied.prohibited_by_law", reqCols, dash, dash, dash, dash, dash, dash, dash),
				row("unable.not_held", reqCols, num("1"), z, z, z, z, z, num("1")),
				row("other_handling", reqCols, z, z, z, z, z, z, z),
				row("total", reqCols, num("2"), z, z, z, z, z, num("2")),
				row("total", reqCols, num("2"), z, z, z, z, z, num("2")),
				row("carried_forward", reqCols, z, blank, blank, blank, blank, blank, z),
			}}},
			{Key: report.Appeals, Table: &report.Table{Key: report.Appeals, Rows: []report.Row{
				row("review", appeal, z, z, z, z, z),
				row("litigation_direct", appeal, z, z, z, blank, z),
				row("litigation_after_review", appeal, z, z, z, z, z),
			}}},
			{Key: report.Problems, Prose: "存在的问题：公开内容不够全面。\n改进措施：2023年将……"},
			{Key: report.Other, Prose: "本年度未收取信息处理费。"},
		},
		Trailer: "【打印本页】【关闭窗口】",
	}
}

// TestHandBuilt: reports built in code render to their golden JSON and
// text, and read back from both to the same report.
func TestHandBuilt(t *testing.T) {
	withSubheads := func() *report.Report {
		r := odd()
		r.Sections[0].Subheads = []report.Subhead{{Title: "（一）主动公开"}}
		return r
	}
	for _, tc := range []struct {
		name string
		r    *report.Report
	}{{"odd", withSubheads()}, {"odd2021", odd2021()}} {
		t.Run(tc.name, func(t *testing.T) {
			for _, f := range []struct {
				ext string
				rd  render.Renderer
				p   parse.Parser
			}{{".json", render.JSON{}, parse.JSON}, {".txt", render.Text{}, parse.Cells}} {
				out := renderTo(t, f.rd, tc.r)
				golden(t, tc.name+f.ext, out)
				back, err := f.p.Parse(out)
				if err != nil {
					t.Errorf("reading back %T: %v", f.rd, err)
				}
				if d := cmp.Diff(tc.r, back, same...); d != "" {
					t.Errorf("round trip through %T (-first +second):\n%s", f.rd, d)
				}
			}
		})
	}
}

// TestCompactJSON: Compact writes the same JSON on one line.
func TestCompactJSON(t *testing.T) {
	r := odd2021()
	indented := renderTo(t, render.JSON{}, r)
	compact := renderTo(t, render.JSON{Compact: true}, r)
	if n := bytes.Count(compact, []byte("\n")); n != 1 || !bytes.HasSuffix(compact, []byte("}\n")) {
		t.Errorf("compact JSON has %d newlines, want one at the end", n)
	}
	var b bytes.Buffer
	if err := json.Compact(&b, indented); err != nil {
		t.Fatal(err)
	}
	if got, want := string(bytes.TrimSuffix(compact, []byte("\n"))), b.String(); got != want {
		t.Errorf("compact JSON\n%s\nwant\n%s", got, want)
	}
	for _, want := range []string{`"amount":2.50`, `"in_force":"—"`, `"repealed":null`, `"other_handling":{"natural_person":0`} {
		if !bytes.Contains(compact, []byte(want)) {
			t.Errorf("compact JSON lacks %s", want)
		}
	}
}

// TestTextRefuses: what the template's text has no place for is an error,
// never dropped. (Sections[2] is 表三, Sections[3] 表四.)
func TestTextRefuses(t *testing.T) {
	for _, tt := range []struct {
		name  string
		spoil func(r *report.Report)
	}{
		{"unknown row of 表三", func(r *report.Report) { r.Sections[2].Table.Rows[0].Key = "new_recieved" }},
		{"unknown column of 表三", func(r *report.Report) { r.Sections[2].Table.Rows[0].Cells[0].Column = "person" }},
		{"unknown row of 表二", func(r *report.Report) { r.Sections[1].Table.Rows[0].Key = "rules" }},
		{"unknown group of 表四", func(r *report.Report) { r.Sections[3].Table.Rows[0].Key = "appeal" }},
		{"a group of 表四 twice", func(r *report.Report) { r.Sections[3].Table.Rows[1].Key = "review" }},
		{"unknown column of 表四", func(r *report.Report) { r.Sections[3].Table.Rows[0].Cells[4].Column = "sum" }},
	} {
		r := odd()
		tt.spoil(r)
		if err := (render.Text{}).Render(&bytes.Buffer{}, r); err == nil {
			t.Errorf("%s: rendered without an error", tt.name)
		}
	}
}

func TestRenderNil(t *testing.T) {
	for _, rd := range []render.Renderer{render.JSON{}, render.Text{}} {
		if err := rd.Render(&bytes.Buffer{}, nil); err == nil {
			t.Errorf("%T rendered a nil report", rd)
		}
	}
}
