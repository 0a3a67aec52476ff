package parse

// The DOCX and PDF-text files of testdata/corpus are made from the seeds'
// golden reports by TestGenerateCorpus, run by hand with
//
//	go test ./parse -run TestGenerateCorpus -gen-docx
//
// It needs LibreOffice, poppler and a CJK font, which the tests that read
// the corpus do not:
//
//	apt-get install -y --no-install-recommends libreoffice-writer poppler-utils fonts-wqy-microhei
//
// For every seed it writes the report in the official form as HTML (the
// three tables with their rowspan/colspan merges as in the template, page
// numbers "— N —" in the footer, every paragraph and heading indented by two
// characters as Chinese documents are typed), and lets LibreOffice make the
// DOCX an agency makes (soffice --convert-to docx: STEM.docx.lo.docx); then
// LibreOffice prints that DOCX to PDF and poppler extracts its text with
// pdftotext -layout (STEM.pdftext.layout.txt). Plain pdftotext (without
// -layout) and pdftotext -raw are in testdata/pdftext, made by
// TestGeneratePDFPlain and tested by TestPDFPlain and TestPDFRaw. For
// seeds 000 and 003 it also writes the DOCX the way Word and WPS write it
// (STEM.docx.word.docx): runs split mid-word with w:rsidR noise,
// w:proofErr, bookmarks, w:gridSpan and w:vMerge.

import (
	"archive/zip"
	"bytes"
	"flag"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/opengovcn/annualreport/report"
)

var genDocx = flag.Bool("gen-docx", false, "regenerate the DOCX and PDF-text files of testdata/corpus (needs soffice and pdftotext)")

// genCell is a cell of the official form; a cell merged over several
// columns or rows has a span above 1.
type genCell struct {
	text             string
	colspan, rowspan int
}

// genBlock is a paragraph or a table of the document.
type genBlock struct {
	text  string // a paragraph
	kind  string // "title", "heading", "para"
	table [][]genCell
}

// officialForm lays out a report as the official form: title, headings,
// prose paragraphs and the three tables.
func officialForm(r *report.Report) []genBlock {
	tmpl := r.Spec()
	var doc []genBlock
	if r.Title != "" {
		doc = append(doc, genBlock{kind: "title", text: r.Title})
	}
	paras := func(s string) {
		if s == "" {
			return
		}
		for _, l := range strings.Split(s, "\n") {
			doc = append(doc, genBlock{kind: "para", text: l})
		}
	}
	paras(r.Preamble)
	numerals := []string{"", "一", "二", "三", "四", "五", "六"}
	for _, s := range r.Sections {
		spec := tmpl.Section(s.Key)
		doc = append(doc, genBlock{kind: "heading", text: numerals[spec.Number] + "、" + spec.Heading})
		paras(s.Prose)
		if s.Table == nil {
			continue
		}
		var rows [][]genCell
		switch s.Key {
		case report.Active:
			rows = activeForm(tmpl, s.Table)
		case report.Requests:
			rows = requestsForm(tmpl, s.Table)
		case report.Appeals:
			rows = appealsForm(tmpl, s.Table)
		}
		doc = append(doc, genBlock{table: rows})
	}
	return doc
}

func cell(text string) genCell { return genCell{text: text, colspan: 1, rowspan: 1} }

func valueOf(row *report.Row, col string) string {
	if row == nil {
		return ""
	}
	if c := row.Cell(col); c != nil {
		return c.Value.String()
	}
	return ""
}

// activeForm is table 二: four columns, an item header over each block of
// rows, then 信息内容 and the column labels; a row with fewer columns has
// its last cell merged over the rest.
func activeForm(tmpl *report.Template, t *report.Table) [][]genCell {
	spec := tmpl.Table(report.Active)
	var rows [][]genCell
	prevItem, prevCols := "", ""
	widen := func(cs []genCell) []genCell {
		n := 0
		for _, c := range cs {
			n += c.colspan
		}
		cs[len(cs)-1].colspan += 4 - n
		return cs
	}
	for i := range t.Rows {
		row := &t.Rows[i]
		rs := spec.Row(row.Key)
		var cols []string
		head := []genCell{cell(spec.Header[0])}
		vals := []genCell{cell(rs.Label)}
		for _, c := range rs.Columns {
			cols = append(cols, c.Key)
			head = append(head, cell(c.Label))
			vals = append(vals, cell(valueOf(row, c.Key)))
		}
		if rs.Path[0] != prevItem || strings.Join(cols, ",") != prevCols {
			rows = append(rows, []genCell{{text: rs.Path[0], colspan: 4, rowspan: 1}})
			rows = append(rows, widen(head))
			prevItem, prevCols = rs.Path[0], strings.Join(cols, ",")
		}
		rows = append(rows, widen(vals))
	}
	return rows
}

// requestsForm is table 三: three label columns and seven value columns,
// three header rows, the group labels merged down over their rows.
func requestsForm(tmpl *report.Template, t *report.Table) [][]genCell {
	spec := tmpl.Table(report.Requests)
	cols := spec.Rows[0].Columns
	rows := [][]genCell{
		{{text: spec.Note, colspan: 3, rowspan: 3}, {text: spec.Header[0], colspan: 7, rowspan: 1}},
		{{text: cols[0].Label, colspan: 1, rowspan: 2}, {text: cols[1].Path[0], colspan: 5, rowspan: 1}, {text: cols[6].Label, colspan: 1, rowspan: 2}},
	}
	var sub []genCell
	for _, c := range cols[1:6] {
		sub = append(sub, cell(c.Label))
	}
	rows = append(rows, sub)
	pathOf := func(i int) []string { return spec.Row(t.Rows[i].Key).Path }
	for i := range t.Rows {
		row := &t.Rows[i]
		rs := spec.Row(row.Key)
		var cs []genCell
		for d, p := range rs.Path {
			if i > 0 && len(pathOf(i-1)) > d && strings.Join(pathOf(i - 1)[:d+1], "/") == strings.Join(rs.Path[:d+1], "/") {
				continue // merged with the row above
			}
			n := 1
			for j := i + 1; j < len(t.Rows) && len(pathOf(j)) > d && strings.Join(pathOf(j)[:d+1], "/") == strings.Join(rs.Path[:d+1], "/"); j++ {
				n++
			}
			cs = append(cs, genCell{text: p, colspan: 1, rowspan: n})
		}
		cs = append(cs, genCell{text: rs.Label, colspan: 3 - len(rs.Path), rowspan: 1})
		for _, c := range cols {
			cs = append(cs, cell(valueOf(row, c.Key)))
		}
		rows = append(rows, cs)
	}
	return rows
}

// appealsForm is table 四: 行政复议 and 行政诉讼 over their groups, the
// five result labels of 行政复议 merged down two rows, one row of values.
func appealsForm(tmpl *report.Template, t *report.Table) [][]genCell {
	groups := tmpl.Table(report.Appeals).Rows
	first := []genCell{{text: groups[0].Label, colspan: 5, rowspan: 1}, {text: groups[1].Path[0], colspan: 10, rowspan: 1}}
	var second, third, values []genCell
	for _, c := range groups[0].Columns {
		second = append(second, genCell{text: c.Label, colspan: 1, rowspan: 2})
	}
	for _, g := range groups[1:] {
		second = append(second, genCell{text: g.Label, colspan: 5, rowspan: 1})
		for _, c := range g.Columns {
			third = append(third, cell(c.Label))
		}
	}
	for _, g := range groups {
		for _, c := range g.Columns {
			values = append(values, cell(valueOf(t.Row(g.Key), c.Key)))
		}
	}
	return [][]genCell{first, second, third, values}
}

// formHTML writes the form as HTML that LibreOffice imports as a Writer
// document, with a footer holding the page number.
func formHTML(doc []genBlock) string {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html><head><meta charset="utf-8"><style>
body { font-family: "WenQuanYi Micro Hei"; font-size: 12pt; }
p { margin: 0; }
td { border: 1px solid black; font-size: 10pt; padding: 2px; }
table { border-collapse: collapse; width: 100%; }
</style></head><body>
<div title="footer"><p align="center">— <sdfield type=PAGE subtype=RANDOM format=PAGE>1</sdfield> —</p></div>
`)
	for _, bl := range doc {
		switch {
		case bl.table != nil:
			b.WriteString("<table cellspacing=\"0\" border=\"1\">\n")
			for _, row := range bl.table {
				b.WriteString("<tr>")
				for _, c := range row {
					fmt.Fprintf(&b, `<td colspan="%d" rowspan="%d">%s</td>`, c.colspan, c.rowspan, html.EscapeString(c.text))
				}
				b.WriteString("</tr>\n")
			}
			b.WriteString("</table>\n")
		case bl.kind == "title":
			fmt.Fprintf(&b, "<p align=\"center\"><b><font size=\"5\">%s</font></b></p>\n", html.EscapeString(bl.text))
		case bl.kind == "heading":
			fmt.Fprintf(&b, "<p style=\"text-indent: 24pt\"><b>%s</b></p>\n", html.EscapeString(bl.text))
		default:
			// Two characters of 12pt: LibreOffice's HTML import keeps an
			// indent in points and drops one in em.
			fmt.Fprintf(&b, "<p style=\"text-indent: 24pt\">%s</p>\n", html.EscapeString(bl.text))
		}
	}
	b.WriteString("</body></html>\n")
	return b.String()
}

var corpusStems = []string{
	"000_f75296a9e8ded5b4", "001_10659aee92df145a", "002_1e4bc6448c6781ed",
	"003_cda8e236fd2b0dc4", "004_f9e7c90898d0e983",
}

// wordStems are the seeds also written in the style of Word and WPS.
var wordStems = map[string]bool{"000_f75296a9e8ded5b4": true, "003_cda8e236fd2b0dc4": true}

func TestGenerateCorpus(t *testing.T) {
	if !*genDocx {
		t.Skip("run with -gen-docx to regenerate the DOCX and PDF-text corpus")
	}
	out := "../testdata/corpus"
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	run := tool(t, tmp)
	for _, stem := range corpusStems {
		r := goldenReport(t, stem)
		doc := officialForm(r)
		htmlFile := filepath.Join(tmp, stem+".html")
		if err := os.WriteFile(htmlFile, []byte(formHTML(doc)), 0o644); err != nil {
			t.Fatal(err)
		}
		run("soffice", "--headless", "--infilter=HTML (StarWriter)", "--convert-to", "docx:MS Word 2007 XML", "--outdir", tmp, htmlFile)
		docx := filepath.Join(tmp, stem+".docx")
		copyFile(t, docx, filepath.Join(out, stem+".docx.lo.docx"))
		run("soffice", "--headless", "--convert-to", "pdf", "--outdir", tmp, docx)
		pdf := filepath.Join(tmp, stem+".pdf")
		copyFile(t, pdf, filepath.Join(os.TempDir(), stem+".pdf")) // to look at
		if err := os.WriteFile(filepath.Join(out, stem+".pdftext.layout.txt"), run("pdftotext", "-layout", pdf, "-"), 0o644); err != nil {
			t.Fatal(err)
		}
		if wordStems[stem] {
			if err := os.WriteFile(filepath.Join(out, stem+".docx.word.docx"), wordDocx(doc), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// wordDocx writes the form as Word and WPS write a DOCX: every paragraph's
// text split into runs at arbitrary places (mid-word, inside numbers),
// each run with its w:rsidR, w:proofErr marks, a _GoBack bookmark, table
// cells merged with w:gridSpan and w:vMerge.
func wordDocx(doc []genBlock) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\r\n")
	b.WriteString(`<w:document xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" mc:Ignorable="w14"><w:body>`)
	n := 0
	rsid := func() string { n++; return fmt.Sprintf("00%06X", (n*2654435761)&0xffffff) }
	runs := func(text string, bold bool) string {
		var p strings.Builder
		rs := []rune(text)
		for i := 0; i < len(rs); {
			// Split every few characters, at a place that moves with the
			// paragraph, as revisions and spell checks leave runs.
			k := min(len(rs)-i, 2+(i*7+len(rs))%5)
			if i == 0 && len(rs) > 3 {
				p.WriteString(`<w:proofErr w:type="spellStart"/>`)
			}
			fmt.Fprintf(&p, `<w:r w:rsidR="%s" w:rsidRPr="%s"><w:rPr><w:rFonts w:hint="eastAsia"/>`, rsid(), rsid())
			if bold {
				p.WriteString(`<w:b/>`)
			}
			fmt.Fprintf(&p, `</w:rPr><w:t xml:space="preserve">%s</w:t></w:r>`, html.EscapeString(string(rs[i:i+k])))
			if i == 0 && len(rs) > 3 {
				p.WriteString(`<w:proofErr w:type="spellEnd"/>`)
			}
			i += k
		}
		return p.String()
	}
	para := func(text, kind string) string {
		ppr := `<w:pPr><w:ind w:firstLineChars="200" w:firstLine="640"/></w:pPr>`
		if kind == "title" {
			ppr = `<w:pPr><w:jc w:val="center"/></w:pPr>`
		}
		return fmt.Sprintf(`<w:p w:rsidR="%s" w:rsidRDefault="%s">%s%s</w:p>`, rsid(), rsid(), ppr, runs(text, kind != "para"))
	}
	for i, bl := range doc {
		if bl.table == nil {
			p := para(bl.text, bl.kind)
			if i == 1 {
				p = strings.Replace(p, "</w:pPr>", `</w:pPr><w:bookmarkStart w:id="0" w:name="_GoBack"/><w:bookmarkEnd w:id="0"/>`, 1)
			}
			b.WriteString(p)
			continue
		}
		grid := gridOf(bl.table)
		width := len(grid[0])
		b.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders></w:tblPr><w:tblGrid>`)
		for range width {
			b.WriteString(`<w:gridCol w:w="800"/>`)
		}
		b.WriteString(`</w:tblGrid>`)
		for _, row := range grid {
			fmt.Fprintf(&b, `<w:tr w:rsidR="%s">`, rsid())
			for c := 0; c < width; {
				g := row[c]
				props := fmt.Sprintf(`<w:tcW w:w="%d" w:type="dxa"/>`, 800*g.cell.colspan)
				if g.cell.colspan > 1 {
					props += fmt.Sprintf(`<w:gridSpan w:val="%d"/>`, g.cell.colspan)
				}
				text := g.cell.text
				switch {
				case g.cell.rowspan > 1 && g.first:
					props += `<w:vMerge w:val="restart"/>`
				case g.cell.rowspan > 1:
					props += `<w:vMerge/>`
					text = ""
				}
				fmt.Fprintf(&b, `<w:tc><w:tcPr>%s<w:vAlign w:val="center"/></w:tcPr>%s</w:tc>`, props, para(text, "cell"))
				c += g.cell.colspan
			}
			b.WriteString(`</w:tr>`)
		}
		b.WriteString(`</w:tbl>`)
	}
	b.WriteString(`<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>`)
	return zipDocx(b.String())
}

// gridSlot is what stands at one place of a table's grid: the cell that
// covers it, and whether this is the cell's first row.
type gridSlot struct {
	cell  genCell
	first bool
}

// gridOf places the cells of rows (with rowspans) on the table's grid.
func gridOf(rows [][]genCell) [][]gridSlot {
	width := 0
	for _, c := range rows[0] {
		width += c.colspan
	}
	grid := make([][]gridSlot, len(rows))
	for i := range grid {
		grid[i] = make([]gridSlot, width)
	}
	filled := make([][]bool, len(rows))
	for i := range filled {
		filled[i] = make([]bool, width)
	}
	for i, row := range rows {
		c := 0
		for _, cl := range row {
			for c < width && filled[i][c] {
				c++
			}
			for dr := 0; dr < cl.rowspan && i+dr < len(rows); dr++ {
				for dc := 0; dc < cl.colspan && c+dc < width; dc++ {
					filled[i+dr][c+dc] = true
					grid[i+dr][c+dc] = gridSlot{cell: cl, first: dr == 0}
				}
			}
			c += cl.colspan
		}
	}
	return grid
}

// zipDocx packs a document.xml with the other parts a DOCX needs.
func zipDocx(document string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`},
		{"word/document.xml", document},
	}
	for _, p := range parts {
		w, err := zw.Create(p.name)
		if err != nil {
			panic(err)
		}
		if _, err := w.Write([]byte(p.body)); err != nil {
			panic(err)
		}
	}
	if err := zw.Close(); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

var genPDFPlain = flag.Bool("gen-pdfplain", false, "regenerate testdata/pdftext from the corpus DOCX files (needs soffice and pdftotext)")

// TestGeneratePDFPlain writes the text plain pdftotext and pdftotext -raw
// extract from the PDF of each seed (made by LibreOffice from the corpus's
// STEM.docx.lo.docx, as the -layout text of the corpus was): STEM.plain.txt
// and STEM.raw.txt in testdata/pdftext. -raw keeps the PDF's content
// stream order, which is also what selecting all the text in a PDF viewer
// and copying it gives.
func TestGeneratePDFPlain(t *testing.T) {
	if !*genPDFPlain {
		t.Skip("run with -gen-pdfplain to regenerate testdata/pdftext")
	}
	out := "../testdata/pdftext"
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	run := tool(t, tmp)
	docs, err := filepath.Glob("../testdata/corpus/*.docx.lo.docx")
	if err != nil || len(docs) != 5 {
		t.Fatalf("corpus DOCX: %v %v", docs, err)
	}
	for _, doc := range docs {
		stem := strings.SplitN(filepath.Base(doc), ".", 2)[0]
		docx := filepath.Join(tmp, stem+".docx")
		copyFile(t, doc, docx)
		run("soffice", "--headless", "--convert-to", "pdf", "--outdir", tmp, docx)
		pdf := filepath.Join(tmp, stem+".pdf")
		for _, v := range []struct{ name, flag string }{{"plain", ""}, {"raw", "-raw"}} {
			args := []string{pdf, "-"}
			if v.flag != "" {
				args = append([]string{v.flag}, args...)
			}
			if err := os.WriteFile(filepath.Join(out, stem+"."+v.name+".txt"), run("pdftotext", args...), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// tool returns a function that runs a command (soffice, pdftotext) with
// HOME in dir, and returns its output.
func tool(t *testing.T, dir string) func(name string, args ...string) []byte {
	return func(name string, args ...string) []byte {
		t.Helper()
		cmd := exec.Command(name, args...)
		cmd.Env = append(os.Environ(), "HOME="+dir)
		b, err := cmd.Output()
		if err != nil {
			t.Fatalf("%s %v: %v", name, args, err)
		}
		return b
	}
}
