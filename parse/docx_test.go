package parse

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/opengovcn/annualreport/report"
)

// Helpers that write WordprocessingML by hand.

// wp is a paragraph of one run per argument: wp("1", "2") is the number
// 12 split between two runs.
func wp(runs ...string) string {
	var b strings.Builder
	b.WriteString(`<w:p w:rsidR="00A1B2C3"><w:pPr><w:jc w:val="center"/></w:pPr>`)
	for _, r := range runs {
		fmt.Fprintf(&b, `<w:r w:rsidRPr="00D4E5F6"><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr><w:t xml:space="preserve">%s</w:t></w:r>`, r)
	}
	b.WriteString(`</w:p>`)
	return b.String()
}

// wraw is a paragraph with the given inner XML.
func wraw(inner string) string { return `<w:p>` + inner + `</w:p>` }

// wtc is a table cell with the given w:tcPr content and paragraphs.
func wtc(props string, paras ...string) string {
	return `<w:tc><w:tcPr><w:tcW w:w="800" w:type="dxa"/>` + props + `</w:tcPr>` + strings.Join(paras, "") + `</w:tc>`
}

func wtr(cells ...string) string {
	return `<w:tr w:rsidR="00112233">` + strings.Join(cells, "") + `</w:tr>`
}

func wtbl(rows ...string) string {
	return `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="800"/></w:tblGrid>` + strings.Join(rows, "") + `</w:tbl>`
}

// values returns cells holding the given texts, one paragraph each.
func values(texts ...string) []string {
	var out []string
	for _, t := range texts {
		out = append(out, wtc("", wp(t)))
	}
	return out
}

func docxOf(body ...string) []byte {
	return zipDocx(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>` +
		strings.Join(body, "") + `<w:sectPr/></w:body></w:document>`)
}

// oddDocx is a report whose table 三 shows the odd things DOCX files do.
// Its paragraphs, numbered as the positions count them:
//
//	1 title, 2 一、总体情况, 3 prose, 4 三、…
//	table 三, row 1: 5 一、本年新收… (gridSpan 3), 6–12 the values
//	row 2: 13 （三）不予公开 (vMerge restart), 14 1.属于国家秘密, 15–21 values
//	row 3: 22 (vMerge continue), 23 2.其他法律行政法规禁止公开, 24–30 values
//	31 四、…
var oddDocx = docxOf(
	wp("某某", "镇2023年政府信息公开工作年度", "报告"),
	wp("一、", "总体情况"),
	wraw(`<w:r><w:t>本镇</w:t></w:r><w:del w:author="x"><w:r><w:delText>没有</w:delText></w:r></w:del><w:ins w:author="x"><w:r><w:t>公开</w:t></w:r></w:ins><w:r><w:t>了信息。</w:t></w:r>`),
	wp("三、收到和处理政府信息公开申请情况"),
	wtbl(
		wtr(append([]string{wtc(`<w:gridSpan w:val="3"/>`, wp("一、本年新收", "政府信息公开申请数量"))},
			wtc("", wp("1", "2")), // 12, split inside the number
			wtc("", wraw(`<w:del><w:r><w:delText>9</w:delText></w:r></w:del><w:ins><w:r><w:t>3</w:t></w:r></w:ins>`)), // deleted 9, inserted 3
			wtc("", wraw(`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> =1+1 </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>`)),
			wtc("", wraw(`<w:smartTag w:uri="urn:x" w:element="n"><w:r><w:t>4</w:t></w:r></w:smartTag>`)),
			wtc("", wraw(`<w:hyperlink r:id="rId9" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:r><w:t>5</w:t></w:r></w:hyperlink>`)),
			wtc("", wraw(`<w:sdt><w:sdtPr/><w:sdtContent><w:r><w:t xml:space="preserve">  6</w:t></w:r></w:sdtContent></w:sdt>`)), // at column 3
			wtc("", wp("")), // blank
		)...),
		wtr(append([]string{wtc(`<w:vMerge w:val="restart"/>`, wp("（三）不予", "公开")), wtc(`<w:gridSpan w:val="2"/>`, wp("1.属于国家", "秘密"))},
			values("0", "0", "0", "0", "0", "0", "0")...)...),
		wtr(append([]string{wtc(`<w:vMerge/>`, wp("")), wtc(`<w:gridSpan w:val="2"/>`, wp("2.其他法律行政法规禁止公开"))},
			values("—", "1", "", "0", "0", "0", "1")...)...),
	),
	wp("四、政府信息公开行政复议、行政诉讼情况"),
)

func TestDOCXOddities(t *testing.T) {
	r, err := DOCX.Parse(oddDocx)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if r.Title != "某某镇2023年政府信息公开工作年度报告" || r.Year != 2023 {
		t.Errorf("title %q, year %d", r.Title, r.Year)
	}
	if got := r.Section(report.Overview).Prose; got != "本镇公开了信息。" {
		t.Errorf("overview prose %q, want the deleted text left out and the inserted kept", got)
	}
	cases := []struct {
		path      string
		kind      report.Kind
		value     string
		line, col int
	}{
		{"requests.new_received.natural_person", report.Number, "12", 6, 1}, // runs split inside the number
		{"requests.new_received.commercial", report.Number, "3", 7, 1},      // deleted 9 ignored
		{"requests.new_received.research", report.Number, "2", 8, 1},        // the field's result, not its code
		{"requests.new_received.social_welfare", report.Number, "4", 9, 1},  // smartTag
		{"requests.new_received.legal_service", report.Number, "5", 10, 1},  // hyperlink
		{"requests.new_received.other_org", report.Number, "6", 11, 3},      // sdt, after two spaces
		{"requests.new_received.total", report.Blank, "", 12, 1},            // blank stays blank
		{"requests.denied.state_secret.natural_person", report.Number, "0", 15, 1},
		{"requests.denied.state_secret.total", report.Number, "0", 21, 1},
		{"requests.denied.prohibited_by_law.natural_person", report.Text, "—", 24, 1}, // under a vMerge continue
		{"requests.denied.prohibited_by_law.research", report.Blank, "", 26, 1},
		{"requests.denied.prohibited_by_law.total", report.Number, "1", 30, 1},
	}
	for _, c := range cases {
		cell := r.Lookup(c.path)
		if cell == nil {
			t.Errorf("%s: missing", c.path)
			continue
		}
		if cell.Kind != c.kind || cell.Value.String() != c.value || cell.Src.Line != c.line || cell.Src.Col != c.col {
			t.Errorf("%s = %v %q at %d:%d, want %v %q at %d:%d", c.path, cell.Kind, cell.Value.String(), cell.Src.Line, cell.Src.Col, c.kind, c.value, c.line, c.col)
		}
	}
	row := r.Table(report.Requests).Row("denied.state_secret")
	if row.Src.Line != 14 || row.Src.Text != "1.属于国家秘密" {
		t.Errorf("row denied.state_secret from %d %q, want paragraph 14", row.Src.Line, row.Src.Text)
	}
}

// TestDOCXErrorNamesCell: an error inside a table names the DOCX cell and
// quotes the paragraph.
func TestDOCXErrorNamesCell(t *testing.T) {
	src := docxOf(
		wp("一、总体情况"),
		wp("三、收到和处理政府信息公开申请情况"),
		wtbl(
			wtr(append([]string{wtc(`<w:gridSpan w:val="3"/>`, wp("一、本年新收政府信息公开申请数量"))}, values("1", "0", "0", "0", "0", "0", "1")...)...),
			wtr(append([]string{wtc(`<w:gridSpan w:val="3"/>`, wp("二、上年结转政府信息公开申请数量"))}, values("1", "0", "0")...)...),
			wtr(append([]string{wtc("", wp("")), wtc(`<w:gridSpan w:val="2"/>`, wp("2.重复提交的申请"))}, values("0", "0", "0", "0", "0", "0", "0")...)...),
		),
	)
	r, err := DOCX.Parse(src)
	got := positions(t, err)
	want := []string{
		"wrong number of cells@11:1",
		"unknown label@16:1",
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("errors %v, want %v\n%v", got, want, err)
	}
	var es Errors
	errors.As(err, &es)
	if !strings.Contains(es[0].Msg, "[DOCX table 1, row 2, column 1]") || !strings.Contains(es[1].Msg, "[DOCX table 1, row 3, column 2]") {
		t.Errorf("messages do not name the DOCX cells:\n%s\n%s", es[0].Msg, es[1].Msg)
	}
	if ctx := es[1].ErrorWithContext(); !strings.Contains(ctx, "| 2.重复提交的申请") {
		t.Errorf("context does not quote the paragraph:\n%s", ctx)
	}
	if c := r.Lookup("requests.new_received.total"); c == nil || c.Value.String() != "1" {
		t.Errorf("the readable row is lost: %v", c)
	}
}

func TestDOCXBadArchives(t *testing.T) {
	var notDocx bytes.Buffer
	zw := zip.NewWriter(&notDocx)
	w, _ := zw.Create("xl/workbook.xml")
	w.Write([]byte("<workbook/>"))
	zw.Close()

	var many bytes.Buffer
	zw = zip.NewWriter(&many)
	for i := range 20 {
		zw.Create(fmt.Sprintf("word/media/image%d.png", i))
	}
	w, _ = zw.Create("word/document.xml")
	w.Write([]byte("<w:document/>"))
	zw.Close()

	// A document.xml that unpacks far beyond its size in the zip.
	var bomb bytes.Buffer
	zw = zip.NewWriter(&bomb)
	w, _ = zw.Create("word/document.xml")
	w.Write(bytes.Repeat([]byte(" "), 1<<20))
	zw.Close()

	small := withLimits{DOCX, Limits{Entries: 10, Uncompressed: 1 << 16}}
	cases := []struct {
		name string
		p    Parser
		src  []byte
		msg  string
	}{
		{"not a zip", DOCX, []byte("一、总体情况\n"), "not a zip archive"},
		{"zip without word/document.xml", DOCX, notDocx.Bytes(), "no word/document.xml"},
		{"truncated zip", DOCX, oddDocx[:len(oddDocx)/2], "not a readable zip archive"},
		{"too many entries", small, many.Bytes(), "21 entries, more than the limit of 10 (Limits.Entries)"},
		{"document.xml too large", small, bomb.Bytes(), "unpacks to 1048576 bytes, more than the limit of 65536 (Limits.Uncompressed)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, err := c.p.Parse(c.src)
			if r == nil || len(r.Sections) != 0 {
				t.Errorf("report %v, want an empty one", r)
			}
			want := ErrSyntax
			if c.p == small {
				want = ErrLimit
			}
			var e *Error
			if !errors.As(err, &e) || !errors.Is(err, want) || e.Line != 1 || e.Col != 1 || !strings.Contains(e.Msg, c.msg) {
				t.Fatalf("error %v, want %v at 1:1 saying %q", err, want, c.msg)
			}
		})
	}
	// A header that lies about the size is caught while unpacking.
	lying := bytes.Clone(bomb.Bytes())
	i := bytes.LastIndex(lying, []byte("PK\x01\x02")) // central directory header
	copy(lying[i+24:], []byte{0, 1, 0, 0})            // uncompressed size: 256
	copy(lying[22:], []byte{0, 1, 0, 0})              // local header too
	// (archive/zip itself stops reading at the size the header declares
	// and finds the checksum wrong; the parser counts the bytes too.)
	_, err := small.Parse(lying)
	if !errors.Is(err, ErrSyntax) {
		t.Errorf("lying header: %v", err)
	}
}

// TestDOCXBrokenXML: a document.xml cut short gives the paragraphs before
// the break and an error after them.
func TestDOCXBrokenXML(t *testing.T) {
	doc := `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` +
		wp("一、总体情况") + wp("概述。") + `<w:p><w:r><w:t>五、存在的主要`
	r, err := DOCX.Parse(zipDocx(doc))
	if got := positions(t, err); strings.Join(got, " ") != "syntax error@3:1" {
		t.Fatalf("errors %v (%v)", got, err)
	}
	if s := r.Section(report.Overview); s == nil || s.Prose != "概述。" {
		t.Errorf("overview not kept: %+v", s)
	}
}

// TestDOCX2019: seed 003 follows the 2019 template; its Word-style DOCX
// reads as such, with the single （六）其他处理 row and positions counted
// in paragraphs.
func TestDOCX2019(t *testing.T) {
	src, err := os.ReadFile("../testdata/corpus/003_cda8e236fd2b0dc4.docx.word.docx")
	if err != nil {
		t.Fatal(err)
	}
	r, err := DOCX.Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	if r.Template != report.V2019 {
		t.Errorf("template %q", r.Template)
	}
	for _, c := range []struct {
		path      string
		value     string
		line, col int
	}{
		{"active.procurement.amount", "589.08", 57, 1},
		{"requests.other_handling.total", "0", 275, 1},
		{"requests.new_received.natural_person", "1", 74, 1},
	} {
		cell := r.Lookup(c.path)
		if cell == nil || cell.Value.String() != c.value || cell.Src.Line != c.line || cell.Src.Col != c.col {
			t.Errorf("%s = %+v, want %s at %d:%d", c.path, cell, c.value, c.line, c.col)
		}
	}
}

func TestDOCXDetect(t *testing.T) {
	for _, c := range []struct {
		src  []byte
		want int
	}{
		{oddDocx, 100},
		{oddDocx[:len(oddDocx)/2], 60},
		{[]byte("PK"), 0},
		{[]byte("一、总体情况"), 0},
	} {
		if got := DOCX.Detect(c.src); got != c.want {
			t.Errorf("Detect(%.10q) = %d, want %d", c.src, got, c.want)
		}
	}
}

// TestDOCXDepthInSkipped: elements nested past Limits.Depth are refused
// inside what the reader skips unread (run properties) as well.
func TestDOCXDepthInSkipped(t *testing.T) {
	deep := strings.Repeat("<w:b>", 600) + strings.Repeat("</w:b>", 600)
	doc := `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` +
		wp("一、总体情况") + `<w:p><w:r><w:rPr>` + deep + `</w:rPr><w:t>x</w:t></w:r></w:p></w:body></w:document>`
	r, err := DOCX.Parse(zipDocx(doc))
	if !errors.Is(err, ErrLimit) {
		t.Fatalf("error %v, want ErrLimit", err)
	}
	if s := r.Section(report.Overview); s == nil {
		t.Error("what came before the deep nesting is lost")
	}
}
