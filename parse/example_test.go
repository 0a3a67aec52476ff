package parse_test

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/opengovcn/annualreport/parse"
	"github.com/opengovcn/annualreport/report"
)

// Parse a report as published, find out which layout it was in, and read
// cells by their keys.
func Example() {
	src, err := os.ReadFile("../testdata/seeds/000_f75296a9e8ded5b4.txt")
	if err != nil {
		panic(err)
	}
	p, err := parse.Detect(src)
	if err != nil {
		panic(err)
	}
	r, err := p.Parse(src)
	if err != nil {
		fmt.Println(err) // r still holds whatever could be read
	}
	fmt.Println(p.Name(), r.Template, r.Agency, r.Year)
	for _, path := range []string{"requests.new_received.natural_person", "requests.total.natural_person"} {
		c := r.Lookup(path)
		fmt.Printf("%s = %s (line %d, column %d)\n", path, c.Value, c.Src.Line, c.Src.Col)
	}
	// Output:
	// cells 2021 重庆市大渡口区跳磴镇 2023
	// requests.new_received.natural_person = 3 (line 83, column 2)
	// requests.total.natural_person = 0 (line 334, column 2)
}

// Errors carry the position of what could not be read, and the report
// read so far comes with them.
func ExampleError() {
	src := []byte("一、总体情况\n正文。\n三、收到和处理政府信息公开申请情况\n\t一、本年新收政府信息公开申请数量\n\t3\n\t0\n\n\t二、上年结转政府信息公开申请数量\n\t0\n\t0\n\t0\n\t0\n\t0\n\t0\n\t0\n")
	r, err := parse.Cells.Parse(src)
	if e, ok := err.(*parse.Error); ok {
		fmt.Println(e.ErrorWithContext())
	}
	fmt.Println(r.Lookup("requests.carried_over.total").Value.Kind)
	// Output:
	// 4:2: 表三 row “一、本年新收政府信息公开申请数量” has 2 cells, the template has 7 columns; its cells are not read
	//    | 	一、本年新收政府信息公开申请数量
	//    | 	^
	// number
}

// A cell is blank, a number or text, and these never turn into each other.
func Example_values() {
	src := []byte("三、收到和处理政府信息公开申请情况\n\t一、本年新收政府信息公开申请数量\n\t\n\t0\n\t—\n\t589.08\n\t0\n\t0\n\t0\n")
	r, _ := parse.Cells.Parse(src)
	for _, c := range r.Table(report.Requests).Row("new_received").Cells[:4] {
		fmt.Printf("%s: %s %q\n", c.Column, c.Kind, c.Value)
	}
	// Output:
	// natural_person: blank ""
	// commercial: number "0"
	// research: text "—"
	// social_welfare: number "589.08"
}

// A Word document reads like text: positions count paragraphs (table cells'
// paragraphs included) and characters in them.
func ExampleDOCX() {
	src, err := os.ReadFile("../testdata/corpus/003_cda8e236fd2b0dc4.docx.word.docx")
	if err != nil {
		panic(err)
	}
	p, _ := parse.Detect(src)
	r, err := p.Parse(src)
	if err != nil {
		fmt.Println(err)
	}
	c := r.Lookup("active.procurement.amount")
	fmt.Println(p.Name(), r.Template, r.Title)
	fmt.Printf("active.procurement.amount = %s (paragraph %d, character %d)\n", c.Value, c.Src.Line, c.Src.Col)
	// Output:
	// docx 2019 重庆市大渡口区八桥镇2020年政府信息公开工作年度报告
	// active.procurement.amount = 589.08 (paragraph 57, character 1)
}

// Text from pdftotext -layout: the page number inside the table is
// dropped, the numbers are read in their columns.
func ExamplePDFText() {
	src := []byte("三、收到和处理政府信息公开申请情况\n" +
		"一、本年新收政府信息公开申请数量              3   0   0    0     0    0   3\n" +
		"                        -3-\n" +
		"\f二、上年结转政府信息公开申请数量            1   0   0    0     0    0   1\n")
	r, err := parse.PDFText.Parse(src)
	if err != nil {
		fmt.Println(err)
	}
	c := r.Lookup("requests.carried_over.total")
	fmt.Printf("%s at line %d, column %d\n", c.Value, c.Src.Line, c.Src.Col)
	// Output:
	// 1 at line 4, column 58
}

// Markdown reads GFM tables, also as PDF-to-Markdown tools write them.
func ExampleMarkdown() {
	src := []byte("## 三、收到和处理政府信息公开申请情况\n\n" +
		"| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | | 申请人情况 | | | | | | |\n" +
		"|---|---|---|---|---|---|---|---|---|\n" +
		"| 一、本年新收政府信息<br>公开申请数量 | | **3** | 0 | 0 | 0 | 0 | | 3 |\n" +
		"\n— 2 —\n\n" +
		"| 二、上年结转政府信息公开申请数量 | | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n" +
		"|---|---|---|---|---|---|---|---|---|\n")
	r, err := parse.Markdown.Parse(src)
	if err != nil {
		fmt.Println(err)
	}
	for _, path := range []string{"requests.new_received.natural_person", "requests.new_received.other_org", "requests.carried_over.total"} {
		c := r.Lookup(path)
		fmt.Printf("%s: %s %q at %s\n", path, c.Kind, c.Value, c.Src)
	}
	// Output:
	// requests.new_received.natural_person: number "3" at 5:30
	// requests.new_received.other_org: blank "" at 5:51
	// requests.carried_over.total: number "1" at 9:48
}

// Glued cuts the digits of a row into cells only when the template's
// constraints leave one way; otherwise the candidates come with the error.
func ExampleGlued() {
	src := []byte("三、收到和处理政府信息公开申请情况\n" +
		"一、本年新收政府信息公开申请数量100000010\n" +
		"二、上年结转政府信息公开申请数量120010013\n")
	r, err := parse.Glued.Parse(src)
	fmt.Println(r.Lookup("requests.new_received.natural_person").Value, r.Lookup("requests.new_received.total").Value)
	var se *parse.SplitError
	if errors.As(err, &se) {
		fmt.Println(errors.Is(err, parse.ErrAmbiguous), se.Row, se.Candidates)
	}
	fmt.Println(err)
	// Output:
	// 10 10
	// true carried_over [[1 2 0 0 10 0 13] [12 0 0 1 0 0 13]]
	// 3:17: 表三 row “二、上年结转政府信息公开申请数量”: "120010013" can be cut into 7 cells in 2 ways with the total equal to the sum of the six applicant columns: 1 2 0 0 10 0 13 | 12 0 0 1 0 0 13; its cells are not read
}

// HTML reads a report as its web page is crawled: markup split in runs,
// merged cells, the site's page around the article.
func Example_html() {
	src := []byte(`<!DOCTYPE html><html><head><meta charset="utf-8"><script>var t = "一、总体情况";</script></head><body>
<div class="crumb">首页 &gt; 政务公开 &gt; 年度报告</div>
<div class="content">
<p class=MsoNormal><b><span>某镇</span><span lang=EN-US>20</span><span lang=EN-US>23</span><span>年政府信息公开工作年度报告</span></b></p>
<p class=MsoNormal><span>一、总体</span><span>情况</span></p>
<p class=MsoNormal>三、收到和处理政府信息公开申请情况</p>
<table border=1>
<tr><td rowspan=2>三、本年度办理结果</td><td colspan=2><p>（一）予以公开</p></td>
<td><span lang=EN-US>1</span><span lang=EN-US>2</span></td><td><o:p>&nbsp;</o:p></td><td>0</td><td>0</td><td>0</td><td>0</td><td>12</td></tr>
</table>
</div>
<div class="footer">主办：某镇人民政府</div>
</body></html>`)
	p, _ := parse.Detect(src)
	r, err := p.Parse(src)
	fmt.Println(p.Name(), r.Title, err)
	for _, path := range []string{"requests.granted.natural_person", "requests.granted.commercial"} {
		c := r.Lookup(path)
		fmt.Printf("%s = %s %q (line %d, column %d)\n", path, c.Kind, c.Value, c.Src.Line, c.Src.Col)
	}
	fmt.Printf("%q\n", r.Trailer)
	// Output:
	// html 某镇2023年政府信息公开工作年度报告 <nil>
	// requests.granted.natural_person = number "12" (line 9, column 22)
	// requests.granted.commercial = blank "" (line 9, column 60)
	// "主办：某镇人民政府"
}

// A portal that takes uploads sets its own limits: here 1 MiB and 2,000
// table cells. An input over a limit gets an error wrapping ErrLimit, with
// the position where the limit was crossed, and what was read before it.
func ExampleConfig() {
	cfg := &parse.Config{Limits: parse.Limits{Input: 1 << 20, Cells: 2000}}

	src := "三、收到和处理政府信息公开申请情况\n" + strings.Repeat("一、本年新收政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1\n", 300)
	r, err := cfg.Parse([]byte(src))
	var e *parse.Error
	if errors.As(err, &e) && errors.Is(e, parse.ErrLimit) {
		fmt.Printf("%d:%d: %s\n", e.Line, e.Col, e.Msg)
	}
	fmt.Println(r.Cell(report.Key{Table: report.Requests, Row: "new_received", Column: "total"}).Value)

	_, err = cfg.ParseReader(strings.NewReader(strings.Repeat(" ", 2<<20)))
	fmt.Println(err)
	// Output:
	// 252:1: more than the limit of 2000 table cells (Limits.Cells); the cells from here on are not read
	// 1
	// 1:1: the input is larger than the limit of 1048576 bytes (Limits.Input); not read past it
}

// ErrorList gives the positioned errors of a parse, one or many, to show
// them the way a compiler does.
func ExampleErrorList() {
	src := "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量\t3\t0\t0\n（二）部分公开\t1\t0\t0\t0\t0\t0\t1\n2.重复提交的申请\t0\t0\t0\t0\t0\t0\t0\n"
	_, err := parse.TSV.Parse([]byte(src))
	for _, e := range parse.ErrorList(err) {
		fmt.Printf("upload.txt:%d:%d: %s\n", e.Line, e.Col, e.Msg)
	}
	// Output:
	// upload.txt:2:1: 表三 row “一、本年新收政府信息公开申请数量” has 3 cells, the template has 7 columns; its cells are not read
	// upload.txt:4:1: 表三: unknown label "2.重复提交的申请" (nearest label of the template: "2.重复申请"); the cells of its row are not read
}
