package parse

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/opengovcn/annualreport/report"
)

// The corpus files of the Markdown and glued layouts are made from the
// golden reports by TestGenerate:
//
//	go test ./parse -run TestGenerate -gen-md -gen-glued
var (
	genMD    = flag.Bool("gen-md", false, "write the Markdown files of testdata/corpus from the golden reports")
	genGlued = flag.Bool("gen-glued", false, "write the glued files of testdata/corpus from the golden reports")
)

// gluedAmbiguous are the seeds whose glued text has a row that cannot be
// cut in one way only: seed 003's 政府集中采购 row, 95 and 589.08 glued to
// 95589.08, is 9|5589.08, 95|589.08, 955|89.08 or 9558|9.08, and nothing in
// the template tells them apart. Their glued text goes to testdata/glued,
// out of the corpus, and TestGluedSeedAmbiguous checks it.
var gluedAmbiguous = map[string]bool{"003_cda8e236fd2b0dc4": true}

func TestGenerate(t *testing.T) {
	if !*genMD && !*genGlued {
		t.Skip("run with -gen-md or -gen-glued to write the corpus")
	}
	for _, s := range seeds {
		r := goldenReport(t, s.file)
		if *genMD {
			write(t, "../testdata/corpus/"+s.file+".markdown.gfm.md", markdownOf(r, false))
			write(t, "../testdata/corpus/"+s.file+".markdown.pdf.md", markdownOf(r, true))
		}
		if *genGlued {
			dir := "../testdata/corpus/"
			if gluedAmbiguous[s.file] {
				dir = "../testdata/glued/"
			}
			write(t, dir+s.file+".glued.txt", gluedOf(r))
		}
	}
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

var genNumerals = []string{"", "一", "二", "三", "四", "五", "六"}

// grid is a table as rows of cells, the way a page lays it out. merged
// cells are left empty after their first row unless repeat is set, as
// converters do either way. head is the number of header rows.
type grid struct {
	rows [][]string
	head int
	// splits are the rows before which a new fragment (a new page) starts.
	splits []int
}

func mdGridOf(r *report.Report, t *report.Table, repeat bool) grid {
	tmpl := r.Spec()
	switch t.Key {
	case report.Active:
		return activeGrid(tmpl, t)
	case report.Requests:
		return requestsGrid(tmpl, t, repeat)
	}
	return appealsGrid(tmpl, t)
}

func pad(cells []string, n int) []string {
	for len(cells) < n {
		cells = append(cells, "")
	}
	return cells
}

func activeGrid(tmpl *report.Template, t *report.Table) grid {
	var g grid
	spec := tmpl.Table(report.Active)
	prevItem, prevCols := "", ""
	for _, row := range t.Rows {
		rs := spec.Row(row.Key)
		var labels, values, cols []string
		for _, c := range row.Cells {
			labels = append(labels, rs.Column(c.Column).Label)
			values = append(values, c.Value.String())
			cols = append(cols, c.Column)
		}
		if rs.Path[0] != prevItem || strings.Join(cols, ",") != prevCols {
			if len(g.rows) > 0 {
				g.splits = append(g.splits, len(g.rows))
			}
			g.rows = append(g.rows, pad([]string{rs.Path[0]}, 4))
			g.rows = append(g.rows, pad(append([]string{spec.Header[0]}, labels...), 4))
			prevItem, prevCols = rs.Path[0], strings.Join(cols, ",")
		}
		g.rows = append(g.rows, pad(append([]string{rs.Label}, values...), 4))
	}
	g.head = 1
	return g
}

func requestsGrid(tmpl *report.Template, t *report.Table, repeat bool) grid {
	spec := tmpl.Table(report.Requests)
	cols := spec.Rows[0].Columns
	g := grid{head: 3}
	g.rows = append(g.rows, pad([]string{spec.Note, "", "", spec.Header[0]}, 10))
	second := []string{"", "", ""}
	third := []string{"", "", ""}
	for _, c := range cols {
		switch {
		case len(c.Path) == 0:
			second = append(second, c.Label)
			third = append(third, "")
		case len(third) == 4:
			second = append(second, c.Path[0])
			third = append(third, c.Label)
		default:
			second = append(second, "")
			third = append(third, c.Label)
		}
	}
	g.rows = append(g.rows, second, third)
	var prev []string
	for i, row := range t.Rows {
		rs := spec.Row(row.Key)
		var cells []string
		for d, p := range rs.Path {
			if !repeat && d < len(prev) && prev[d] == p {
				cells = append(cells, "")
			} else {
				cells = append(cells, p)
			}
		}
		prev = rs.Path
		cells = pad(append(cells, rs.Label), 3)
		for _, c := range cols {
			v := ""
			if cell := row.Cell(c.Key); cell != nil {
				v = cell.Value.String()
			}
			cells = append(cells, v)
		}
		if i == 9 {
			g.splits = append(g.splits, len(g.rows))
		}
		g.rows = append(g.rows, cells)
	}
	return g
}

func appealsGrid(tmpl *report.Template, t *report.Table) grid {
	groups := tmpl.Table(report.Appeals).Rows
	first := pad([]string{groups[0].Label}, 5)
	first = pad(append(first, groups[1].Path[0]), 15)
	var second, third, values []string
	for _, c := range groups[0].Columns {
		second = append(second, c.Label)
		third = append(third, "")
	}
	for _, gr := range groups[1:] {
		second = pad(append(second, gr.Label), len(second)+5)
		for _, c := range gr.Columns {
			third = append(third, c.Label)
		}
	}
	for _, gr := range groups {
		for _, c := range gr.Columns {
			v := ""
			if row := t.Row(gr.Key); row != nil {
				if cell := row.Cell(c.Key); cell != nil {
					v = cell.Value.String()
				}
			}
			values = append(values, v)
		}
	}
	return grid{rows: [][]string{first, second, third, values}, head: 3, splits: []int{3}}
}

// front returns the title and preamble lines of a report.
func front(r *report.Report) []string {
	var out []string
	if r.Title != "" {
		out = append(out, r.Title)
	}
	if r.Preamble != "" {
		out = append(out, strings.Split(r.Preamble, "\n")...)
	}
	return out
}

// headingOf is the official heading of a section.
func headingOf(r *report.Report, s *report.Section) string {
	spec := r.Spec().Section(s.Key)
	return genNumerals[spec.Number] + "、" + spec.Heading
}

// pdfBreaks are the line breaks a PDF puts inside long cells, which
// PDF-to-Markdown tools write as <br>.
var pdfBreaks = strings.NewReplacer(
	"第一项加第二项之和，", "第一项加第二项之和，<br>",
	"（区分处理的，", "（区分处理的，<br>",
	"社会公益组织", "社会公益<br>组织",
	"法律服务机构", "法律服务<br>机构",
	"未经复议直接起诉", "未经复议<br>直接起诉",
	"5.要求行政机关确认或重新出具已获取信息", "5.要求行政机关确认或重新<br>出具已获取信息",
)

// markdownOf writes a report as Markdown: clean GFM, or as a PDF-to-Markdown
// tool writes it (pdf): plain headings, bold sub-heads, each table broken
// into fragments across pages with a page footer between them, <br> in
// long cells, merged cells left empty.
func markdownOf(r *report.Report, pdf bool) string {
	var b strings.Builder
	page := 1
	footer := func() {
		page++
		switch page % 3 {
		case 0:
			fmt.Fprintf(&b, "— %d —\n\n", page)
		case 1:
			fmt.Fprintf(&b, "- %d -\n\n", page)
		default:
			fmt.Fprintf(&b, "第%d页\n\n", page)
		}
	}
	for i, l := range front(r) {
		if i == 0 && r.Title != "" && !pdf {
			l = "# " + l
		} else if i == 0 && r.Title != "" {
			l = "**" + l + "**"
		}
		b.WriteString(l + "\n\n")
	}
	for i := range r.Sections {
		s := &r.Sections[i]
		if pdf {
			b.WriteString(headingOf(r, s) + "\n\n")
		} else {
			b.WriteString("## " + headingOf(r, s) + "\n\n")
		}
		if s.Prose != "" {
			for _, l := range strings.Split(s.Prose, "\n") {
				l = mdEscape(l)
				if pdf && subheadNumber.MatchString(l) && len([]rune(l)) < 30 {
					l = "**" + l + "**"
				}
				b.WriteString(l + "\n\n")
			}
		}
		if s.Table == nil {
			continue
		}
		g := mdGridOf(r, s.Table, !pdf)
		split := map[int]bool{}
		if pdf {
			for _, k := range g.splits {
				split[k] = true
			}
		}
		for k, row := range g.rows {
			if split[k] {
				b.WriteString("\n")
				footer()
			}
			cells := make([]string, len(row))
			for j, c := range row {
				c = strings.ReplaceAll(c, "|", `\|`)
				if pdf {
					c = pdfBreaks.Replace(c)
				}
				cells[j] = c
			}
			b.WriteString("| " + strings.Join(cells, " | ") + " |\n")
			if k == 0 || split[k] {
				b.WriteString("|" + strings.Repeat(" --- |", len(row)) + "\n")
			}
		}
		b.WriteString("\n")
		if pdf {
			footer()
		}
	}
	if r.Trailer != "" {
		b.WriteString(r.Trailer + "\n")
	}
	return b.String()
}

func mdEscape(s string) string {
	return strings.NewReplacer("|", `\|`, "*", `\*`, "_", `\_`).Replace(s)
}

// gluedOf writes a report as a page's textContent gives it: the title and
// paragraphs a line each, and each table row's cells glued together on a
// line (the cells of merged labels in their first row only).
func gluedOf(r *report.Report) string {
	var b strings.Builder
	for _, l := range front(r) {
		b.WriteString(l + "\n")
	}
	for i := range r.Sections {
		s := &r.Sections[i]
		b.WriteString(headingOf(r, s) + "\n")
		if s.Prose != "" {
			b.WriteString(s.Prose + "\n")
		}
		if s.Table == nil {
			continue
		}
		for _, row := range mdGridOf(r, s.Table, false).rows {
			b.WriteString(strings.Join(row, "") + "\n")
		}
	}
	if r.Trailer != "" {
		b.WriteString(r.Trailer + "\n")
	}
	return b.String()
}
