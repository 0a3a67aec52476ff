package render_test

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"errors"
	"io"
	"path"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/opengovcn/annualreport/render"
	"github.com/opengovcn/annualreport/report"
)

// expanded is a table with its merged cells spread over the grid: the text
// of the cell covering each row and column.
type expanded [][]string

// docxPart returns a part of a .docx.
func docxPart(t *testing.T, docx []byte, name string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == name {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			b, err := io.ReadAll(rc)
			if err != nil {
				t.Fatal(err)
			}
			return b
		}
	}
	t.Fatalf("no part %s", name)
	return nil
}

// htmlTables reads the tables of an HTML page with x/net/html and expands
// their rowspans and colspans; it fails where cells overlap or rows differ
// in width.
func htmlTables(t *testing.T, page []byte) map[string]expanded {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]expanded{}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.DataAtom == atom.Table {
			out[attr(n, "class")] = expandHTML(t, n)
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

func span(t *testing.T, n *html.Node, key string) int {
	s := attr(n, key)
	if s == "" {
		return 1
	}
	v, err := strconv.Atoi(s)
	if err != nil || v < 1 {
		t.Errorf("%s=%q", key, s)
		return 1
	}
	return v
}

func expandHTML(t *testing.T, table *html.Node) expanded {
	var rows []*html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && c.DataAtom == atom.Tr {
				rows = append(rows, c)
			} else {
				walk(c)
			}
		}
	}
	walk(table)
	grid := make(expanded, len(rows))
	filled := make([][]bool, len(rows))
	for r, tr := range rows {
		c := 0
		for td := tr.FirstChild; td != nil; td = td.NextSibling {
			if td.Type != html.ElementNode {
				continue
			}
			for c < len(filled[r]) && filled[r][c] {
				c++
			}
			rs, cs := span(t, td, "rowspan"), span(t, td, "colspan")
			if r+rs > len(rows) {
				t.Errorf("%s: a cell of row %d spans %d rows, past the end", attr(table, "class"), r, rs)
			}
			for dr := 0; dr < rs && r+dr < len(rows); dr++ {
				for dc := 0; dc < cs; dc++ {
					for len(filled[r+dr]) <= c+dc {
						filled[r+dr] = append(filled[r+dr], false)
						grid[r+dr] = append(grid[r+dr], "")
					}
					if filled[r+dr][c+dc] {
						t.Errorf("%s: cells overlap at row %d, column %d", attr(table, "class"), r+dr, c+dc)
					}
					filled[r+dr][c+dc] = true
					grid[r+dr][c+dc] = textOf(td)
				}
			}
			c += cs
		}
	}
	for r := range grid {
		for c, f := range filled[r] {
			if !f {
				t.Errorf("%s: row %d, column %d is covered by no cell", attr(table, "class"), r, c)
			}
		}
		if len(grid[r]) != len(grid[0]) {
			t.Errorf("%s: row %d is %d columns wide, row 0 is %d", attr(table, "class"), r, len(grid[r]), len(grid[0]))
		}
	}
	return grid
}

// wantTables checks expanded tables against the report and its template:
// the official shape (表三 has the 3 label columns, 7 value columns, 3
// header rows and a row per row of the report; 表四 4 rows of 15 columns;
// 表二 4 columns, an item row and a header row per block), the labels where
// the form puts them, and every cell's value.
func wantTables(t *testing.T, name string, r *report.Report, tables map[string]expanded) {
	t.Helper()
	tmpl := r.Spec()
	// 表三.
	if tab := r.Table(report.Requests); tab != nil {
		g := tables["requests"]
		spec := tmpl.Table(report.Requests)
		if len(g) != 3+len(tab.Rows) || len(g[0]) != 10 {
			t.Fatalf("%s: 表三 is %d×%d, want %d×10", name, len(g), len(g[0]), 3+len(tab.Rows))
		}
		if g[0][0] != spec.Note || g[2][2] != spec.Note || g[0][3] != "申请人情况" || g[0][9] != "申请人情况" ||
			g[2][3] != "自然人" || g[1][4] != "法人或其他组织" || g[2][4] != "商业企业" || g[2][8] != "其他" || g[2][9] != "总计" {
			t.Errorf("%s: 表三 header:\n%q\n%q\n%q", name, g[0], g[1], g[2])
		}
		for i, row := range tab.Rows {
			rs := rowSpecOf(tmpl, report.Requests, row.Key)
			want := append(append([]string{}, rs.Path...), rs.Label)
			for len(want) < 3 {
				want = append(want, rs.Label) // the label spans the free label columns
			}
			for _, c := range spec.Rows[0].Columns {
				want = append(want, cellOf(&row, c.Key))
			}
			if d := cmp.Diff(want, []string(g[3+i])); d != "" {
				t.Errorf("%s: 表三 row %d (%s):\n%s", name, i, row.Key, d)
			}
		}
		if len(tab.Rows) == len(spec.Rows) && tmpl.Version == report.V2021 && len(g) != 28 {
			t.Errorf("%s: 2021 表三 has %d rows, want 3+25", name, len(g))
		}
		if len(tab.Rows) == len(spec.Rows) && tmpl.Version == report.V2019 && len(g) != 26 {
			t.Errorf("%s: 2019 表三 has %d rows, want 3+23", name, len(g))
		}
	}
	// 表四.
	if tab := r.Table(report.Appeals); tab != nil {
		g := tables["appeals"]
		if len(g) != 4 || len(g[0]) != 15 {
			t.Fatalf("%s: 表四 is %d×%d, want 4×15", name, len(g), len(g[0]))
		}
		want := expanded{
			{"行政复议", "行政复议", "行政复议", "行政复议", "行政复议", "行政诉讼", "行政诉讼", "行政诉讼", "行政诉讼", "行政诉讼", "行政诉讼", "行政诉讼", "行政诉讼", "行政诉讼", "行政诉讼"},
			{"结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "未经复议直接起诉", "未经复议直接起诉", "未经复议直接起诉", "未经复议直接起诉", "复议后起诉", "复议后起诉", "复议后起诉", "复议后起诉", "复议后起诉"},
			{"结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"},
			{},
		}
		for _, group := range []string{"review", "litigation_direct", "litigation_after_review"} {
			for _, col := range []string{"upheld", "corrected", "other", "pending", "total"} {
				want[3] = append(want[3], cellOf(tab.Row(group), col))
			}
		}
		if d := cmp.Diff(want, g); d != "" {
			t.Errorf("%s: 表四:\n%s", name, d)
		}
	}
	// 表二: blocks under an item and a header, as wide as the widest row.
	if tab := r.Table(report.Active); tab != nil {
		g := tables["active"]
		var want expanded
		prev := ""
		for _, row := range tab.Rows {
			rs := rowSpecOf(tmpl, report.Active, row.Key)
			var labels, values, keys []string
			for _, c := range row.Cells {
				cs := rs.Column(c.Column)
				labels = append(labels, cs.Label)
				keys = append(keys, c.Column)
				values = append(values, c.Value.String())
			}
			pad := func(first string, rest []string) []string {
				out := []string{first}
				out = append(out, rest...)
				for len(out) < 4 {
					out = append(out, out[len(out)-1])
				}
				return out
			}
			if block := rs.Path[0] + strings.Join(keys, ","); block != prev {
				want = append(want, pad(rs.Path[0], nil), pad("信息内容", labels))
				prev = block
			}
			want = append(want, pad(rs.Label, values))
		}
		if d := cmp.Diff(want, g); d != "" {
			t.Errorf("%s: 表二:\n%s", name, d)
		}
	}
}

// rowSpecOf finds a row in the report's template, or else in the other.
func rowSpecOf(tmpl *report.Template, table report.SectionKey, key string) *report.RowSpec {
	if rs := tmpl.Table(table).Row(key); rs != nil {
		return rs
	}
	for _, tm := range report.Templates() {
		if rs := tm.Table(table).Row(key); rs != nil {
			return rs
		}
	}
	return nil
}

func cellOf(row *report.Row, column string) string {
	if c := row.Cell(column); c != nil {
		return c.Value.String()
	}
	return ""
}

// TestHTMLShape: the HTML parses, and its tables have the official shape,
// labels and values.
func TestHTMLShape(t *testing.T) {
	for name, r := range reports(t) {
		for _, h := range []render.HTML{{}, {Fragment: true}} {
			out := renderTo(t, h, r)
			tables := htmlTables(t, out)
			if len(tables) != 3 {
				t.Errorf("%s: %d tables", name, len(tables))
			}
			wantTables(t, name, r, tables)
			page := string(out)
			if h.Fragment != !strings.HasPrefix(page, "<!DOCTYPE html>\n<html lang=\"zh-CN\">") ||
				h.Fragment != !strings.Contains(page, `<meta charset="utf-8">`) ||
				h.Fragment != strings.HasPrefix(page, `<article class="annual-report">`) {
				t.Errorf("%s: Fragment %v page starts %.80q", name, h.Fragment, page)
			}
		}
	}
}

// TestHTMLEscapes: text is escaped, and reads back as it was.
func TestHTMLEscapes(t *testing.T) {
	r := odd2021()
	r.Title = `<script>alert("x")</script>年度报告`
	r.Sections[0].Prose = "A & B <b>不是标签</b>"
	r.Sections[1].Table.Rows[0].Cells[2].Value = report.TextValue("<—>&")
	out := renderTo(t, render.HTML{}, r)
	if bytes.Contains(out, []byte("<script>")) || bytes.Contains(out, []byte("<b>")) {
		t.Errorf("unescaped markup in:\n%s", out)
	}
	doc, err := html.Parse(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	all := textOf(doc)
	for _, s := range []string{r.Title, r.Sections[0].Prose, "<—>&"} {
		if !strings.Contains(all, s) {
			t.Errorf("text %q does not read back", s)
		}
	}
}

// docxTables expands the tables of a document.xml: a cell with w:vMerge
// (continue) takes the text of the cell above. It fails where a row's
// gridSpans do not add up to the grid, or a continued cell has no cell of
// the same span above it.
func docxTables(t *testing.T, doc []byte) []expanded {
	t.Helper()
	type tc struct {
		Span *struct {
			Val int `xml:"val,attr"`
		} `xml:"tcPr>gridSpan"`
		Merge *struct {
			Val string `xml:"val,attr"`
		} `xml:"tcPr>vMerge"`
		Text []string `xml:"p>r>t"`
	}
	type tbl struct {
		Grid []struct {
			W int `xml:"w,attr"`
		} `xml:"tblGrid>gridCol"`
		Rows []struct {
			Cells []tc `xml:"tc"`
		} `xml:"tr"`
	}
	var d struct {
		Tables []tbl `xml:"body>tbl"`
	}
	if err := xml.Unmarshal(doc, &d); err != nil {
		t.Fatal(err)
	}
	var out []expanded
	for ti, tb := range d.Tables {
		width := len(tb.Grid)
		sum := 0
		for _, g := range tb.Grid {
			sum += g.W
		}
		if sum > 11906-1588-1474 {
			t.Errorf("table %d is %d twips wide, wider than the text", ti, sum)
		}
		var g expanded
		var spans [][]int // the span of the cell covering each column
		for ri, row := range tb.Rows {
			var line []string
			var sp []int
			for _, c := range row.Cells {
				n := 1
				if c.Span != nil {
					n = c.Span.Val
				}
				text := strings.Join(c.Text, "")
				col := len(line)
				if c.Merge != nil && c.Merge.Val != "restart" {
					if ri == 0 || col >= len(g[ri-1]) || spans[ri-1][col] != n {
						t.Errorf("table %d row %d: continued cell at column %d has no cell of span %d above", ti, ri, col, n)
					} else {
						text = g[ri-1][col]
					}
				}
				for k := 0; k < n; k++ {
					line = append(line, text)
					sp = append(sp, n)
				}
			}
			if len(line) != width {
				t.Errorf("table %d row %d: gridSpans add up to %d, the grid has %d columns", ti, ri, len(line), width)
			}
			g = append(g, line)
			spans = append(spans, sp)
		}
		out = append(out, g)
	}
	return out
}

// TestDOCXPackage: the .docx is a valid minimal package (every part
// well-formed XML, covered by the content types, every relationship's
// target present), A4, deterministic, and its tables, merged cells
// expanded, are those of the official form with the report's values.
func TestDOCXPackage(t *testing.T) {
	for name, r := range reports(t) {
		out := renderTo(t, render.DOCX{}, r)
		if again := renderTo(t, render.DOCX{}, r); !bytes.Equal(out, again) {
			t.Errorf("%s: two renderings differ", name)
		}
		zr, err := zip.NewReader(bytes.NewReader(out), int64(len(out)))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		parts := map[string]bool{}
		for _, f := range zr.File {
			parts[f.Name] = true
			if !f.Modified.Equal(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)) {
				t.Errorf("%s: %s modified %v", name, f.Name, f.Modified)
			}
			b := docxPart(t, out, f.Name)
			dec := xml.NewDecoder(bytes.NewReader(b))
			for {
				_, err := dec.Token()
				if errors.Is(err, io.EOF) {
					break
				}
				if err != nil {
					t.Fatalf("%s: %s is not well-formed: %v", name, f.Name, err)
				}
			}
		}
		for _, p := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml", "word/_rels/document.xml.rels"} {
			if !parts[p] {
				t.Errorf("%s: no part %s", name, p)
			}
		}
		var types struct {
			Default []struct {
				Extension string `xml:",attr"`
			}
			Override []struct {
				PartName string `xml:",attr"`
			}
		}
		if err := xml.Unmarshal(docxPart(t, out, "[Content_Types].xml"), &types); err != nil {
			t.Fatal(err)
		}
		covered := map[string]bool{}
		for _, o := range types.Override {
			covered[o.PartName] = true
		}
		for _, d := range types.Default {
			covered["."+d.Extension] = true
		}
		for p := range parts {
			if p != "[Content_Types].xml" && !covered["/"+p] && !covered[path.Ext(p)] {
				t.Errorf("%s: the content types do not cover %s", name, p)
			}
		}
		for _, rels := range []struct{ part, dir string }{{"_rels/.rels", ""}, {"word/_rels/document.xml.rels", "word"}} {
			var rs struct {
				Relationship []struct {
					Target string `xml:",attr"`
				}
			}
			if err := xml.Unmarshal(docxPart(t, out, rels.part), &rs); err != nil {
				t.Fatal(err)
			}
			for _, rel := range rs.Relationship {
				if !parts[path.Join(rels.dir, rel.Target)] {
					t.Errorf("%s: %s points to %s, which is missing", name, rels.part, rel.Target)
				}
			}
		}
		doc := docxPart(t, out, "word/document.xml")
		if !bytes.Contains(doc, []byte(`<w:pgSz w:w="11906" w:h="16838"/>`)) {
			t.Errorf("%s: the page is not A4", name)
		}
		tables := docxTables(t, doc)
		if len(tables) != 3 {
			t.Fatalf("%s: %d tables", name, len(tables))
		}
		wantTables(t, name, r, map[string]expanded{"active": tables[0], "requests": tables[1], "appeals": tables[2]})
	}
}

// TestCSVReadBack: encoding/csv reads the CSV back, a line per cell of the
// report, in order, each with its keys, labels and value.
func TestCSVReadBack(t *testing.T) {
	for name, r := range reports(t) {
		for _, c := range []render.CSV{{}, {BOM: true}} {
			out := renderTo(t, c, r)
			if bytes.HasPrefix(out, []byte("\ufeff")) != c.BOM {
				t.Errorf("%s: BOM %v, output starts %q", name, c.BOM, out[:3])
			}
			lines, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(out, []byte("\ufeff")))).ReadAll()
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if d := cmp.Diff(render.CSVHeader, lines[0]); d != "" {
				t.Errorf("%s: header:\n%s", name, d)
			}
			lines = lines[1:]
			i := 0
			for k, cell := range r.Cells {
				if i >= len(lines) {
					t.Fatalf("%s: %d lines, the report has more cells", name, len(lines))
				}
				l := lines[i]
				i++
				year := ""
				if r.Year != 0 {
					year = strconv.Itoa(r.Year)
				}
				want := []string{r.Agency, year, string(r.Template), string(k.Table), k.Row, k.Column}
				if d := cmp.Diff(want, l[:6]); d != "" {
					t.Errorf("%s: line %d:\n%s", name, i, d)
				}
				if l[8] != cell.Value.String() || l[9] != cell.Kind.String() || l[10] != cell.Src.Text {
					t.Errorf("%s: %s: value %q kind %q raw %q, want %v", name, k, l[8], l[9], l[10], cell.Value)
				}
				if cell.Kind == report.Number {
					if d, err := report.ParseDec(l[8]); err != nil || !d.Equal(cell.Num) {
						t.Errorf("%s: %s: %q does not read back as %v", name, k, l[8], cell.Num)
					}
				}
			}
			if i != len(lines) {
				t.Errorf("%s: %d lines for %d cells", name, len(lines), i)
			}
		}
	}
	// Labels: full paths.
	out := string(renderTo(t, render.CSV{}, odd2021()))
	for _, want := range []string{
		"某某街道办事处,2022,2021,requests,denied.state_secret,natural_person,三、本年度办理结果 / （三）不予公开 / 1.属于国家秘密,自然人,0,number,\n",
		"某某街道办事处,2022,2021,requests,new_received,commercial,一、本年新收政府信息公开申请数量,法人或其他组织 / 商业企业,0,number,\n",
		"某某街道办事处,2022,2021,active,regulations,in_force,第二十条第（一）项 / 规章,现行有效件数,—,text,\n",
		"某某街道办事处,2022,2021,active,regulations,repealed,第二十条第（一）项 / 规章,本年废止件数,,blank,\n",
		"某某街道办事处,2022,2021,appeals,litigation_direct,pending,行政诉讼 / 未经复议直接起诉,尚未审结,,blank,\n",
		"某某街道办事处,2022,2021,active,fees,amount,第二十条第（八）项 / 行政事业性收费,本年收费金额（单位：万元）,2.50,number,\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("CSV lacks %q", want)
		}
	}
}

// TestRefuse: what a renderer has no place for is an error, never dropped.
// (Sections[2] is 表三, Sections[3] 表四.)
func TestRefuse(t *testing.T) {
	spoils := []struct {
		name  string
		spoil func(r *report.Report)
	}{
		{"unknown row of 表三", func(r *report.Report) { r.Sections[2].Table.Rows[0].Key = "new_recieved" }},
		{"unknown column of 表三", func(r *report.Report) { r.Sections[2].Table.Rows[0].Cells[0].Column = "person" }},
		{"unknown row of 表二", func(r *report.Report) { r.Sections[1].Table.Rows[0].Key = "rules" }},
		{"unknown column of 表二", func(r *report.Report) { r.Sections[1].Table.Rows[0].Cells[0].Column = "count" }},
		{"unknown group of 表四", func(r *report.Report) { r.Sections[3].Table.Rows[0].Key = "appeal" }},
		{"unknown column of 表四", func(r *report.Report) { r.Sections[3].Table.Rows[0].Cells[4].Column = "sum" }},
		{"unknown section", func(r *report.Report) { r.Sections[0].Key = "summary" }},
	}
	for _, rd := range []render.Renderer{render.HTML{}, render.Markdown{}, render.DOCX{}, render.CSV{}, render.TSV{}, render.Pipes{}} {
		for _, s := range spoils {
			if _, isCSV := rd.(render.CSV); isCSV && s.name == "unknown section" {
				continue // CSV writes cells only
			}
			r := odd()
			s.spoil(r)
			if err := rd.Render(&bytes.Buffer{}, r); err == nil {
				t.Errorf("%T: %s: rendered without an error", rd, s.name)
			}
		}
		r := odd()
		r.Sections[3].Table.Rows[1].Key = "review"
		if _, isCSV := rd.(render.CSV); !isCSV { // CSV has a line per cell: it can hold a group twice
			if err := rd.Render(&bytes.Buffer{}, r); err == nil {
				t.Errorf("%T: a group of 表四 twice: rendered without an error", rd)
			}
		}
		if err := rd.Render(&bytes.Buffer{}, nil); err == nil {
			t.Errorf("%T rendered a nil report", rd)
		}
	}
	// Text a layout's separators cannot hold.
	for _, tc := range []struct {
		rd    render.Renderer
		spoil func(r *report.Report)
	}{
		{render.TSV{}, func(r *report.Report) { r.Sections[0].Prose = "a\tb" }},
		{render.TSV{}, func(r *report.Report) { r.Sections[1].Table.Rows[0].Cells[2].Value = report.TextValue("见\t附表") }},
		{render.Pipes{}, func(r *report.Report) { r.Sections[1].Table.Rows[0].Cells[2].Value = report.TextValue("—\n—") }},
		{render.DOCX{}, func(r *report.Report) { r.Sections[0].Prose = "bell\a" }},
	} {
		r := odd()
		tc.spoil(r)
		var out bytes.Buffer
		if err := tc.rd.Render(&out, r); err == nil {
			t.Errorf("%T rendered text it cannot hold", tc.rd)
		} else if out.Len() > 0 {
			t.Errorf("%T failed (%v) but wrote %d bytes: a failed render writes nothing", tc.rd, err, out.Len())
		}
	}
}

// TestMarkdownEscapes: text that Markdown would read as markup is escaped.
func TestMarkdownEscapes(t *testing.T) {
	r := odd2021()
	r.Sections[0].Prose = "# 不是标题\n- 不是列表\n1. 不是编号\n*不是强调* <b>\n2.50万元"
	r.Sections[1].Table.Rows[0].Cells[2].Value = report.TextValue("见|附表")
	out := string(renderTo(t, render.Markdown{}, r))
	for _, want := range []string{
		"\n\\# 不是标题\n\n\\- 不是列表\n\n1\\. 不是编号\n\n\\*不是强调\\* \\<b\\>\n\n2.50万元\n\n",
		"| 规章 | 0 | | 见\\|附表 |\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("Markdown lacks %q", want)
		}
	}
}
