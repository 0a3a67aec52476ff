package render

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/opengovcn/annualreport/report"
)

// XLSX writes a report as an Excel workbook (Office Open XML, .xlsx) in
// the template's table form: a sheet per table, named as the template
// names it (表二, 表三, 表四), holding the section's heading in its first
// row and, below, the table as the official form draws it, header cells
// merged across columns and down rows as in the DOCX and HTML, ruled. A
// number is a number cell holding the published digits (displayed with
// as many decimals as published), a text cell (— or /) a string, a blank
// cell empty. A number a spreadsheet's binary floating point cannot hold
// exactly (more than 15 significant digits) is written as a string of its
// digits, so that it is never rounded.
//
// A report without tables gives one sheet, 报告, holding its title. The
// package is minimal and valid, read by Excel and LibreOffice Calc; the
// output is deterministic. Prose is not written: the workbook is the
// tables; DOCX and HTML write the whole report.
type XLSX struct{}

// Render writes r as a .xlsx workbook. It fails where DOCX fails: on a
// section, row or column key neither template knows, on what a table has
// no place for, on text XML cannot carry.
func (XLSX) Render(w io.Writer, r *report.Report) error {
	if r == nil {
		return errNilReport
	}
	l := newLookup(r)
	var sheets []xlsxSheet
	names := map[string]int{}
	for i := range r.Sections {
		s := &r.Sections[i]
		spec, err := l.section(s.Key)
		if err != nil {
			return err
		}
		if s.Table == nil {
			continue
		}
		g, err := l.layout(s.Table)
		if err != nil {
			return err
		}
		name := l.tmpl.Table(s.Key).Name
		if n := names[name]; n > 0 { // a table twice: 表三 (2)
			names[name]++
			name = fmt.Sprintf("%s (%d)", name, n+1)
		} else {
			names[name] = 1
		}
		sx := &xlsxWriter{}
		sx.form(heading(spec), g)
		if sx.err != nil {
			return sx.err
		}
		sheets = append(sheets, xlsxSheet{name, sx.b.String()})
	}
	if len(sheets) == 0 {
		sx := &xlsxWriter{}
		sx.titleOnly(r.Title)
		if sx.err != nil {
			return sx.err
		}
		sheets = append(sheets, xlsxSheet{"报告", sx.b.String()})
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	if err := xlsxParts(zw, sheets); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// WideXLSX writes reports as the wide table of Wide in a workbook of one
// sheet, 数据: the header (WideHeader) in the first row, frozen, then a row
// per report. Numbers are number cells (as XLSX writes them), text cells
// strings, blank and missing cells empty; the year is a number.
type WideXLSX struct{}

// Render writes r as a wide table of one row, its file column empty.
func (WideXLSX) Render(w io.Writer, r *report.Report) error {
	ww, err := WideXLSX{}.NewWriter(w)
	if err != nil {
		return err
	}
	if err := ww.Write("", r); err != nil {
		return err
	}
	return ww.Close()
}

// NewWriter starts a workbook on w; its rows are written one report at a
// time by Write, and Close ends it. Nothing is buffered but one entry of
// the zip archive being compressed: a data set of many reports streams.
func (WideXLSX) NewWriter(w io.Writer) (*WideXLSXWriter, error) {
	zw := zip.NewWriter(w)
	if err := xlsxParts(zw, []xlsxSheet{{name: "数据"}}); err != nil {
		return nil, err
	}
	f, err := zw.CreateHeader(&zip.FileHeader{Name: "xl/worksheets/sheet1.xml", Method: zip.Deflate, Modified: docxTime})
	if err != nil {
		return nil, err
	}
	ww := &WideXLSXWriter{zw: zw, f: f, row: 1}
	sx := &xlsxWriter{}
	sx.b.WriteString(xmlHeader + xlsxSheetOpen)
	sx.b.WriteString(`<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>`)
	fmt.Fprintf(&sx.b, `<cols><col min="1" max="1" width="40" customWidth="1"/><col min="2" max="2" width="30" customWidth="1"/><col min="3" max="%d" width="12" customWidth="1"/></cols>`, len(wideMeta)+len(wideKeys))
	sx.b.WriteString("<sheetData>")
	sx.b.WriteString(`<row r="1">`)
	for i, h := range WideHeader() {
		sx.str(i, 1, h, styleWideHead)
	}
	sx.b.WriteString("</row>")
	if _, err := io.WriteString(f, sx.b.String()); err != nil {
		return nil, err
	}
	return ww, nil
}

// WideXLSXWriter writes the rows of a wide table in a workbook. Its
// methods are not safe for concurrent use.
type WideXLSXWriter struct {
	zw     *zip.Writer
	f      io.Writer
	row    int
	closed bool
}

// Write writes the row of r, read from file. On an error of the report's
// (see Wide) nothing of it is written, and later reports may still be.
func (ww *WideXLSXWriter) Write(file string, r *report.Report) error {
	if ww.closed {
		return errors.New("render: write to a closed WideXLSXWriter")
	}
	vals, held, err := wideRow(r)
	if err != nil {
		return err
	}
	sx := &xlsxWriter{}
	row := ww.row + 1
	fmt.Fprintf(&sx.b, `<row r="%d">`, row)
	meta := wideMetaOf(file, r)
	for i, m := range meta {
		if m == "" {
			continue
		}
		if i == 2 { // the year
			sx.number(i, row, m, styleNone)
			continue
		}
		sx.str(i, row, m, styleNone)
	}
	for i, v := range vals {
		if held[i] {
			sx.value(len(meta)+i, row, v, styleNone)
		}
	}
	sx.b.WriteString("</row>")
	if sx.err != nil {
		return sx.err
	}
	if _, err := io.WriteString(ww.f, sx.b.String()); err != nil {
		return err
	}
	ww.row = row
	return nil
}

// Close ends the sheet and the workbook. It does not close the writer
// the workbook was written to.
func (ww *WideXLSXWriter) Close() error {
	if ww.closed {
		return nil
	}
	ww.closed = true
	if _, err := io.WriteString(ww.f, "</sheetData>"+xlsxPageSetup+"</worksheet>\n"); err != nil {
		return err
	}
	return ww.zw.Close()
}

// xlsxSheet is a sheet of a workbook: its name and its XML (empty for a
// sheet written after the other parts, as WideXLSX streams its own).
type xlsxSheet struct{ name, xml string }

// xlsxParts writes the parts of a workbook: the package's, the workbook,
// the styles, and the sheets that have their XML.
func xlsxParts(zw *zip.Writer, sheets []xlsxSheet) error {
	var types, wb, rels strings.Builder
	types.WriteString(xmlHeader + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
`)
	wb.WriteString(xmlHeader + `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>`)
	rels.WriteString(xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` + "\n")
	for i, s := range sheets {
		n := i + 1
		fmt.Fprintf(&types, `<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`+"\n", n)
		var name strings.Builder
		xmlEscape(&name, s.name)
		fmt.Fprintf(&wb, `<sheet name="%s" sheetId="%d" r:id="rId%d"/>`, name.String(), n, n)
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>`+"\n", n, n)
	}
	types.WriteString("</Types>\n")
	wb.WriteString("</sheets></workbook>\n")
	fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>`+"\n", len(sheets)+1)
	rels.WriteString("</Relationships>\n")
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", types.String()},
		{"_rels/.rels", xlsxRels},
		{"xl/workbook.xml", wb.String()},
		{"xl/_rels/workbook.xml.rels", rels.String()},
		{"xl/styles.xml", xlsxStyles},
	}
	for i, s := range sheets {
		if s.xml != "" {
			parts = append(parts, struct{ name, body string }{fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1), s.xml})
		}
	}
	for _, part := range parts {
		f, err := zw.CreateHeader(&zip.FileHeader{Name: part.name, Method: zip.Deflate, Modified: docxTime})
		if err != nil {
			return err
		}
		if _, err := io.WriteString(f, part.body); err != nil {
			return err
		}
	}
	return nil
}

const xlsxRels = xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>
`

const xlsxSheetOpen = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`

// xlsxPageSetup prints a sheet on A4, as wide as a page.
const xlsxPageSetup = `<pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><pageSetup paperSize="9" fitToWidth="1" fitToHeight="0"/>`

// The cell styles (indexes into cellXfs of xlsxStyles). A number with d
// decimals (1 to xlsxMaxDecimals) takes the style plus d; the number
// formats 164 + d - 1 show d decimals.
const (
	styleNone       = 0                      // no border, general
	styleTitle      = 1                      // bold, left
	styleHead       = 2                      // ruled, centred, wrapped
	styleLabel      = 3                      // ruled, left, wrapped: row labels, the note
	styleValue      = 4                      // ruled, centred, general; + d decimals
	styleWideHead   = styleValue + 1 + 6     // bold
	styleWideValue  = styleWideHead + 1      // not ruled, general; + d decimals
	xlsxMaxDecimals = 6                      // more decimals are shown as general shows them
	xlsxStyleCount  = styleWideValue + 1 + 6 // the cellXfs
)

var xlsxStyles = func() string {
	var b strings.Builder
	b.WriteString(xmlHeader + `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`)
	fmt.Fprintf(&b, `<numFmts count="%d">`, xlsxMaxDecimals)
	for d := 1; d <= xlsxMaxDecimals; d++ {
		fmt.Fprintf(&b, `<numFmt numFmtId="%d" formatCode="0.%s"/>`, 163+d, strings.Repeat("0", d))
	}
	b.WriteString(`</numFmts>`)
	b.WriteString(`<fonts count="2"><font><sz val="11"/><name val="宋体"/><charset val="134"/></font><font><b/><sz val="11"/><name val="宋体"/><charset val="134"/></font></fonts>`)
	b.WriteString(`<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>`)
	b.WriteString(`<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right><top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/></border></borders>`)
	b.WriteString(`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>`)
	fmt.Fprintf(&b, `<cellXfs count="%d">`, xlsxStyleCount)
	center := `<alignment horizontal="center" vertical="center" wrapText="1"/>`
	xf := func(numFmt, font, border int, align string) {
		fmt.Fprintf(&b, `<xf numFmtId="%d" fontId="%d" fillId="0" borderId="%d" xfId="0"`, numFmt, font, border)
		if numFmt != 0 {
			b.WriteString(` applyNumberFormat="1"`)
		}
		if font != 0 {
			b.WriteString(` applyFont="1"`)
		}
		if border != 0 {
			b.WriteString(` applyBorder="1"`)
		}
		if align == "" {
			b.WriteString("/>")
			return
		}
		b.WriteString(` applyAlignment="1">` + align + `</xf>`)
	}
	xf(0, 0, 0, "")                                                              // styleNone
	xf(0, 1, 0, `<alignment horizontal="left" vertical="center"/>`)              // styleTitle
	xf(0, 0, 1, center)                                                          // styleHead
	xf(0, 0, 1, `<alignment horizontal="left" vertical="center" wrapText="1"/>`) // styleLabel
	for d := 0; d <= xlsxMaxDecimals; d++ {                                      // styleValue + d
		xf(decimalsFmt(d), 0, 1, center)
	}
	xf(0, 1, 0, "")                         // styleWideHead
	for d := 0; d <= xlsxMaxDecimals; d++ { // styleWideValue + d
		xf(decimalsFmt(d), 0, 0, "")
	}
	b.WriteString(`</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>` + "\n")
	return b.String()
}()

func decimalsFmt(d int) int {
	if d == 0 {
		return 0
	}
	return 163 + d
}

// xlsxWriter writes the XML of a sheet, or of rows of one.
type xlsxWriter struct {
	b   strings.Builder
	err error
}

// cellRef returns the A1 reference of the 0-based column col in row.
func cellRef(col, row int) string {
	var name []byte
	for col++; col > 0; col = (col - 1) / 26 {
		name = append([]byte{byte('A' + (col-1)%26)}, name...)
	}
	return string(name) + strconv.Itoa(row)
}

// empty writes a cell without a value: its style draws its border.
func (x *xlsxWriter) empty(col, row, style int) {
	fmt.Fprintf(&x.b, `<c r="%s" s="%d"/>`, cellRef(col, row), style)
}

// str writes a string cell (an inline string, so that rows stream).
func (x *xlsxWriter) str(col, row int, s string, style int) {
	fmt.Fprintf(&x.b, `<c r="%s" s="%d" t="inlineStr"><is><t xml:space="preserve">`, cellRef(col, row), style)
	x.text(s)
	x.b.WriteString("</t></is></c>")
}

// number writes digits as a number cell, or as a string where a double
// would not hold them exactly. style is the style for no decimals; the
// decimals published pick the one that shows them.
func (x *xlsxWriter) number(col, row int, digits string, style int) {
	if !exactDouble(digits) {
		x.str(col, row, digits, style)
		return
	}
	if _, frac, ok := strings.Cut(digits, "."); ok && style != styleNone {
		style += min(len(frac), xlsxMaxDecimals)
	}
	fmt.Fprintf(&x.b, `<c r="%s" s="%d"><v>%s</v></c>`, cellRef(col, row), style, digits)
}

// value writes a cell's value: a number, a string, or an empty cell.
func (x *xlsxWriter) value(col, row int, v report.Value, style int) {
	switch v.Kind {
	case report.Number:
		if style == styleNone {
			style = styleWideValue
		}
		x.number(col, row, v.Num.String(), style)
	case report.Text:
		x.str(col, row, v.Text, style)
	default:
		if style != styleNone {
			x.empty(col, row, style)
		}
	}
}

// exactDouble reports whether the decimal digits read as a double and
// written back in shortest form are the same number: no more than the
// double's precision.
func exactDouble(digits string) bool {
	f, err := strconv.ParseFloat(digits, 64)
	if err != nil {
		return false
	}
	trim := func(s string) string {
		if strings.Contains(s, ".") {
			s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
		}
		return s
	}
	return trim(strconv.FormatFloat(f, 'f', -1, 64)) == trim(digits)
}

// text writes escaped text, failing on what XML cannot hold.
func (x *xlsxWriter) text(s string) {
	bad := !utf8.ValidString(s)
	for _, r := range s {
		bad = bad || !isXMLChar(r)
	}
	if bad && x.err == nil {
		x.err = fmt.Errorf("render: XLSX cannot hold the text %q: it is not valid UTF-8 or holds a character XML cannot carry", s)
	}
	xmlEscape(&x.b, s)
}

// xmlEscape writes s escaped for XML text and attribute values.
func xmlEscape(b *strings.Builder, s string) {
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		case '\r':
			b.WriteString("&#13;")
		default:
			b.WriteRune(r)
		}
	}
}

// titleOnly writes the sheet of a report without tables: its title.
func (x *xlsxWriter) titleOnly(title string) {
	x.b.WriteString(xmlHeader + xlsxSheetOpen + "<sheetData>")
	if title != "" {
		x.b.WriteString(`<row r="1">`)
		x.str(0, 1, title, styleTitle)
		x.b.WriteString("</row>")
	}
	x.b.WriteString("</sheetData>" + xlsxPageSetup + "</worksheet>\n")
}

// form writes the sheet of a table: its heading in the first row, across
// the table, then the laid-out table from the second row, its merged cells
// merged, every cell of a merged area ruled.
func (x *xlsxWriter) form(heading string, g *grid) {
	x.b.WriteString(xmlHeader + xlsxSheetOpen)
	x.b.WriteString(`<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>`)
	x.b.WriteString("<cols>")
	cols := make([]int, g.cols)
	for i, w := range widths(g) {
		// Twentieths of a point to characters of the default font, about
		// 6pt wide.
		cols[i] = max(6, w/110)
		fmt.Fprintf(&x.b, `<col min="%d" max="%d" width="%d" customWidth="1"/>`, i+1, i+1, cols[i])
	}
	x.b.WriteString("</cols><sheetData>")
	x.b.WriteString(`<row r="1">`)
	x.str(0, 1, heading, styleTitle)
	x.b.WriteString("</row>")
	owner := placeGrid(g)
	lines := rowLines(g, owner, cols)
	var merges []string
	for r := range g.rows {
		xr := r + 2
		if lines[r] > 1 { // a height for the wrapped text, which not every reader sets itself
			fmt.Fprintf(&x.b, `<row r="%d" ht="%.2f" customHeight="1">`, xr, 14.25*float64(lines[r]))
		} else {
			fmt.Fprintf(&x.b, `<row r="%d">`, xr)
		}
		for c := 0; c < g.cols; c++ {
			o := owner[r][c]
			if o == nil { // no cell covers it: a ruled empty one keeps the form whole
				x.empty(c, xr, styleHead)
				continue
			}
			cell := g.rows[o.row][o.cell]
			style := styleHead
			if cell.kind == gNote || isRowLabel(g.rows[o.row], o.cell) {
				style = styleLabel // the note and row labels
			}
			if cell.kind == gValue {
				style = styleValue
			}
			if o.row != r || o.col != c { // covered by a merged cell
				x.empty(c, xr, style)
				continue
			}
			if cell.rowspan > 1 || cell.colspan > 1 {
				merges = append(merges, cellRef(c, xr)+":"+cellRef(min(c+cell.colspan, g.cols)-1, min(r+cell.rowspan, len(g.rows))+1))
			}
			switch {
			case cell.kind == gValue && cell.text == "":
				x.empty(c, xr, style)
			case cell.kind == gValue && isCanonicalNumber(cell.text):
				x.number(c, xr, cell.text, style)
			default:
				x.str(c, xr, cell.text, style)
			}
		}
		x.b.WriteString("</row>")
	}
	x.b.WriteString("</sheetData>")
	if len(merges) > 0 {
		fmt.Fprintf(&x.b, `<mergeCells count="%d">`, len(merges))
		for _, m := range merges {
			fmt.Fprintf(&x.b, `<mergeCell ref="%s"/>`, m)
		}
		x.b.WriteString("</mergeCells>")
	}
	x.b.WriteString(xlsxPageSetup + "</worksheet>\n")
}

// rowLines estimates the lines of text each row of a laid-out table
// needs, its cells' text wrapped in their columns (cols, in characters of
// the default font; a Chinese character takes two), a merged cell's lines
// shared among its rows.
func rowLines(g *grid, owner [][]*gridPlace, cols []int) []int {
	lines := make([]int, len(g.rows))
	for r, row := range g.rows {
		lines[r] = 1
		for c := range cols {
			p := owner[r][c]
			if p == nil || p.row != r || p.col != c {
				continue
			}
			cell := row[p.cell]
			width := 0
			for i := c; i < min(c+cell.colspan, len(cols)); i++ {
				width += cols[i]
			}
			units := 0
			for _, ch := range cell.text {
				units++
				if ch >= 0x2E80 {
					units++
				}
			}
			n := (units + width - 2) / max(1, width-1) // less a character of padding
			lines[r] = max(lines[r], (n+cell.rowspan-1)/cell.rowspan)
		}
	}
	return lines
}

// isRowLabel reports whether the i-th cell of a row of a laid-out table
// is its row label: the header cell just before the row's values.
func isRowLabel(row []gcell, i int) bool {
	nv := 0
	for _, c := range row {
		if c.kind == gValue {
			nv++
		}
	}
	return row[i].kind == gHead && nv > 0 && i == len(row)-1-nv
}

// isCanonicalNumber reports whether s is a number as report.Dec writes it:
// the text of a value cell of a number, not of text such as — or /.
func isCanonicalNumber(s string) bool {
	d, err := report.ParseDec(s)
	return err == nil && d.String() == s
}

// gridPlace is where a cell of a laid-out table stands: the row and index
// of the cell in g.rows, and its first column.
type gridPlace struct{ row, cell, col int }

// placeGrid returns, for each row and column of a laid-out table, the
// place of the cell covering it, or nil where none does.
func placeGrid(g *grid) [][]*gridPlace {
	owner := make([][]*gridPlace, len(g.rows))
	for r := range owner {
		owner[r] = make([]*gridPlace, g.cols)
	}
	for r, row := range g.rows {
		c := 0
		for i, cell := range row {
			for c < g.cols && owner[r][c] != nil {
				c++
			}
			p := &gridPlace{r, i, c}
			for dr := 0; dr < cell.rowspan && r+dr < len(g.rows); dr++ {
				for dc := 0; dc < cell.colspan && c+dc < g.cols; dc++ {
					owner[r+dr][c+dc] = p
				}
			}
			c += cell.colspan
		}
	}
	return owner
}
