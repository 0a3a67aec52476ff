package render

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/opengovcn/annualreport/report"
)

// DOCX writes a report as a Word document (Office Open XML, .docx) in the
// official form: A4 with the margins of official documents (GB/T 9704), the
// title in 宋体, headings in 黑体, prose in 仿宋, and the three tables drawn
// as the template draws them, with real merged cells (w:gridSpan across
// columns, w:vMerge down rows) and ruled borders.
//
// The tables are laid out for print: no row is split across pages
// (w:cantSplit); the header rows of 表三 and 表四 repeat on each page
// (w:tblHeader); and the paragraphs of every row but a table's last keep
// with the next (w:keepNext), so that a table that fits on a page is not
// broken: a merged label (三、本年度办理结果, （三）不予公开) stays with its
// rows, and 表三, which fits on a page, starts on a new one rather than
// with a few rows at the foot of the page before (its heading keeps with
// it). A table longer than a page breaks where it must. The label columns
// of 表三 are wide enough for its group labels on one line, so that the
// text extracted from a PDF of the document (pdftotext -layout) reads
// back with parse.PDFText to the same tables.
//
// The package is minimal and valid: [Content_Types].xml, _rels/.rels,
// word/document.xml, word/styles.xml and word/_rels/document.xml.rels. The
// output is deterministic: the same report gives the same bytes (the zip
// entries carry a fixed time).
type DOCX struct{}

// docxTime is the modification time of every entry of the zip DOCX writes
// (2000-01-01 00:00 UTC), so that the same report gives the same bytes.
var docxTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// Render writes r as a .docx file. It fails on a section, row or column key
// that neither template version knows, on what a table of the form has no
// place for (a group of 表四 twice), as Text does, and on text holding a
// character that XML cannot carry (a control character).
func (DOCX) Render(w io.Writer, r *report.Report) error {
	if r == nil {
		return errNilReport
	}
	doc, err := docxDocument(r)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, part := range []struct{ name, body string }{
		{"[Content_Types].xml", docxContentTypes},
		{"_rels/.rels", docxRels},
		{"word/_rels/document.xml.rels", docxDocumentRels},
		{"word/styles.xml", docxStyles},
		{"word/document.xml", doc},
	} {
		f, err := zw.CreateHeader(&zip.FileHeader{Name: part.name, Method: zip.Deflate, Modified: docxTime})
		if err != nil {
			return err
		}
		if _, err := io.WriteString(f, part.body); err != nil {
			return err
		}
	}
	if err := zw.Close(); err != nil {
		return err
	}
	_, err = w.Write(buf.Bytes())
	return err
}

const xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

const docxContentTypes = xmlHeader + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
</Types>
`

const docxRels = xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>
`

const docxDocumentRels = xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>
`

// The styles: body text in 仿宋 三号 (16pt) at a fixed 28pt line, indented two
// characters; the title in 宋体 二号 bold, centred; headings in 黑体 三号;
// table text in 宋体 小五 (9pt), centred.
const docxStyles = xmlHeader + `<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:docDefaults>
<w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="仿宋" w:cs="Times New Roman"/><w:kern w:val="2"/><w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>
<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="560" w:lineRule="exact"/><w:jc w:val="both"/></w:pPr></w:pPrDefault>
</w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:pPr><w:ind w:firstLineChars="200" w:firstLine="640"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:before="240" w:after="240" w:line="240" w:lineRule="auto"/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/></w:pPr><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="宋体"/><w:b/><w:bCs/><w:sz w:val="44"/><w:szCs w:val="44"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="黑体"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="TableText"><w:name w:val="Table Text"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:line="240" w:lineRule="auto"/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/></w:pPr><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="宋体"/><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style>
<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>` + docxCellMargins + `</w:tblPr></w:style>
</w:styles>
`

// docxCellMargins are the cells' margins (1mm left and right), in the
// default table style and in each table, for readers that do not apply
// the style's.
const docxCellMargins = `<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="57" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>`

// The page: A4 portrait, margins of GB/T 9704 (top 37mm, bottom 35mm, left
// 28mm, right 26mm), in twentieths of a point.
const (
	pageWidth  = 11906
	pageHeight = 16838
	marginL    = 1588
	marginR    = 1474
	textWidth  = pageWidth - marginL - marginR
)

type docxWriter struct {
	b   strings.Builder
	err error
	// keep marks the paragraphs written keep-with-next (w:keepNext): those
	// of a table's rows but its last, which keeps the table on one page
	// when it fits on one.
	keep bool
}

func docxDocument(r *report.Report) (string, error) {
	if err := checkMarks(r); err != nil {
		return "", err
	}
	l := newLookup(r)
	d := &docxWriter{}
	d.b.WriteString(xmlHeader + `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` + "\n<w:body>\n")
	d.prose(metaLine(r))
	if r.Title != "" {
		d.para("Title", "", r.Title)
	}
	d.prose(r.Preamble)
	for i := range r.Sections {
		s := &r.Sections[i]
		spec, err := l.section(s.Key)
		if err != nil {
			return "", err
		}
		d.para("Heading1", "", heading(spec))
		d.prose(s.Prose)
		if s.Table != nil {
			g, err := l.layout(s.Table)
			if err != nil {
				return "", err
			}
			d.table(g)
		}
	}
	d.prose(strings.Join(trailerLines(r), "\n"))
	fmt.Fprintf(&d.b, `<w:sectPr><w:pgSz w:w="%d" w:h="%d"/><w:pgMar w:top="2098" w:right="%d" w:bottom="1984" w:left="%d" w:header="851" w:footer="992" w:gutter="0"/><w:cols w:space="425"/></w:sectPr>`+"\n", pageWidth, pageHeight, marginR, marginL)
	d.b.WriteString("</w:body>\n</w:document>\n")
	return d.b.String(), d.err
}

func (d *docxWriter) prose(s string) {
	if s == "" {
		return
	}
	for _, line := range strings.Split(s, "\n") {
		d.para("", "", line)
	}
}

// para writes a paragraph of the style (Normal when ""), aligned as jc
// (the style's when ""), holding text: its line breaks and tabs become
// w:br and w:tab.
func (d *docxWriter) para(style, jc, text string) {
	d.b.WriteString("<w:p>")
	if style != "" || jc != "" || d.keep {
		d.b.WriteString("<w:pPr>")
		if style != "" {
			fmt.Fprintf(&d.b, `<w:pStyle w:val="%s"/>`, style)
		}
		if d.keep {
			d.b.WriteString("<w:keepNext/>")
		}
		if jc != "" {
			fmt.Fprintf(&d.b, `<w:jc w:val="%s"/>`, jc)
		}
		d.b.WriteString("</w:pPr>")
	}
	if text != "" {
		d.b.WriteString("<w:r>")
		for i, line := range strings.Split(text, "\n") {
			if i > 0 {
				d.b.WriteString("<w:br/>")
			}
			for j, part := range strings.Split(line, "\t") {
				if j > 0 {
					d.b.WriteString("<w:tab/>")
				}
				if part != "" {
					d.b.WriteString(`<w:t xml:space="preserve">`)
					d.text(part)
					d.b.WriteString("</w:t>")
				}
			}
		}
		d.b.WriteString("</w:r>")
	}
	d.b.WriteString("</w:p>\n")
}

// text writes escaped text, failing on a character XML 1.0 cannot hold
// (xml.EscapeText would silently replace it).
func (d *docxWriter) text(s string) {
	bad := !utf8.ValidString(s)
	for _, r := range s {
		bad = bad || !isXMLChar(r)
	}
	if bad && d.err == nil {
		d.err = fmt.Errorf("render: DOCX cannot hold the text %q: it is not valid UTF-8 or holds a character XML cannot carry", s)
	}
	xml.EscapeText(&d.b, []byte(s)) // writing to a strings.Builder does not fail
}

func isXMLChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// widths divides the text width among the columns of a table: the label
// columns get room for their labels, the value columns share the rest.
func widths(g *grid) []int {
	var label []int
	switch g.key {
	case report.Active:
		label = []int{textWidth - (g.cols-1)*1900}
	case report.Requests:
		// At 9pt, with room to spare for wide fonts: 三、本年度办理结果
		// two characters a line, （三）不予公开 and the other group labels
		// whole (seven characters), the row labels in what the seven value
		// columns leave, each wide enough for a five-digit number.
		label = []int{600, 1640, 2544}[:min(3, g.cols-7)]
	}
	w := make([]int, g.cols)
	rest := textWidth
	for i, lw := range label {
		w[i] = lw
		rest -= lw
	}
	n := g.cols - len(label)
	for i := len(label); i < g.cols; i++ {
		w[i] = rest / n
	}
	w[g.cols-1] += rest % n
	return w
}

// table writes a laid-out table. A cell merged down over rows is a cell
// with w:vMerge="restart" in its first row and a cell with w:vMerge in each
// row below, of the same w:gridSpan.
func (d *docxWriter) table(g *grid) {
	w := widths(g)
	d.b.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="` + fmt.Sprint(textWidth) + `" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>`)
	for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		fmt.Fprintf(&d.b, `<w:%s w:val="single" w:sz="4" w:space="0" w:color="000000"/>`, side)
	}
	d.b.WriteString(`</w:tblBorders><w:tblLayout w:type="fixed"/>` + docxCellMargins + `<w:tblLook w:val="0000"/></w:tblPr>` + "\n<w:tblGrid>")
	for _, cw := range w {
		fmt.Fprintf(&d.b, `<w:gridCol w:w="%d"/>`, cw)
	}
	d.b.WriteString("</w:tblGrid>\n")
	// owner[r][c] is the cell covering row r, column c: where it starts.
	type at struct{ row, cell int }
	owner := make([][]*at, len(g.rows))
	for r := range owner {
		owner[r] = make([]*at, g.cols)
	}
	for r, row := range g.rows {
		c := 0
		for i, cell := range row {
			for c < g.cols && owner[r][c] != nil {
				c++
			}
			for dr := 0; dr < cell.rowspan && r+dr < len(g.rows); dr++ {
				for dc := 0; dc < cell.colspan && c+dc < g.cols; dc++ {
					owner[r+dr][c+dc] = &at{r, i}
				}
			}
			c += cell.colspan
		}
	}
	for r, row := range g.rows {
		d.keep = r < len(g.rows)-1
		d.b.WriteString("<w:tr><w:trPr><w:cantSplit/>")
		if r < g.head {
			d.b.WriteString("<w:tblHeader/>")
		}
		d.b.WriteString("</w:trPr>\n")
		nv := countValues(row)
		for c := 0; c < g.cols; {
			o := owner[r][c]
			if o == nil { // no cell covers it: an empty one keeps the grid whole
				d.cell(w[c], 1, "", "", "")
				c++
				continue
			}
			cell := g.rows[o.row][o.cell]
			span := 0
			for i := 0; i < cell.colspan && c+i < g.cols; i++ {
				span += w[c+i]
			}
			switch {
			case o.row < r:
				d.cell(span, cell.colspan, "continue", "", "")
			default:
				merge := ""
				if cell.rowspan > 1 {
					merge = "restart"
				}
				jc := ""
				if cell.kind == gNote || cell.kind == gHead && nv > 0 && o.cell == len(row)-1-nv {
					jc = "left" // the note and row labels
				}
				d.cell(span, cell.colspan, merge, jc, cell.text)
			}
			c += cell.colspan
		}
		d.b.WriteString("</w:tr>\n")
	}
	d.keep = false
	d.b.WriteString("</w:tbl>\n")
	d.para("", "", "") // Word wants a paragraph between a table and what follows
}

func (d *docxWriter) cell(width, span int, merge, jc, text string) {
	fmt.Fprintf(&d.b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/>`, width)
	if span > 1 {
		fmt.Fprintf(&d.b, `<w:gridSpan w:val="%d"/>`, span)
	}
	switch merge {
	case "restart":
		d.b.WriteString(`<w:vMerge w:val="restart"/>`)
	case "continue":
		d.b.WriteString(`<w:vMerge/>`)
	}
	d.b.WriteString(`<w:vAlign w:val="center"/></w:tcPr>`)
	d.para("TableText", jc, text)
	d.b.WriteString("</w:tc>\n")
}
