package render_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"strings"

	"github.com/opengovcn/annualreport/parse"
	"github.com/opengovcn/annualreport/render"
	"github.com/opengovcn/annualreport/report"
)

// Render a report as canonical JSON: blank cells are null, text cells are
// strings, numbers keep their digits.
func ExampleJSON() {
	r := &report.Report{
		Template: report.V2019,
		Year:     2020,
		Sections: []report.Section{{Key: report.Active, Table: &report.Table{Key: report.Active, Rows: []report.Row{
			{Key: "procurement", Cells: []report.Cell{
				{Column: "projects", Value: report.NumberValue(report.MustDec("95"))},
				{Column: "amount", Value: report.NumberValue(report.MustDec("589.80"))},
			}},
			{Key: "fees", Cells: []report.Cell{
				{Column: "prev_items"},
				{Column: "change", Value: report.TextValue("—")},
			}},
		}}}},
	}
	if err := (render.JSON{}).Render(os.Stdout, r); err != nil {
		panic(err)
	}
	// Output:
	// {
	//   "schema": "annualreport/v1",
	//   "template": "2019",
	//   "agency": null,
	//   "year": 2020,
	//   "title": null,
	//   "active": {
	//     "procurement": {
	//       "projects": 95,
	//       "amount": 589.80
	//     },
	//     "fees": {
	//       "prev_items": null,
	//       "change": "—"
	//     }
	//   }
	// }
}

// Write a parsed report back as the standard template, in text: one cell
// a line, indented by a tab (shown here as →), a blank line after each row.
func ExampleText() {
	src := []byte("四、政府信息公开行政复议、行政诉讼情况\n行政复议\t\t\t\t\t行政诉讼\n" +
		"0\t0\t0\t0\t0\t1\t0\t0\t0\t1\t0\t0\t0\t0\t0\n")
	r, err := parse.TSV.Parse(src)
	if err != nil {
		panic(err)
	}
	var b strings.Builder
	if err := (render.Text{}).Render(&b, r); err != nil {
		panic(err)
	}
	lines := strings.Split(strings.ReplaceAll(b.String(), "\t", "→"), "\n")
	fmt.Println(strings.Join(lines[:14], "|"))
	fmt.Println(strings.Join(lines[29:], "|"))
	// Output:
	// 四、政府信息公开行政复议、行政诉讼情况||→行政复议|→行政诉讼||→结果维持|→结果纠正|→其他结果|→尚未审结|→总计|→未经复议直接起诉|→复议后起诉||→
	// →0|→0|→0|→0|→0|→1|→0|→0|→0|→1|→0|→0|→0|→0|→0|||
}

// appealsOnly is a report holding only 表四, read from tab-separated text.
func appealsOnly() *report.Report {
	r, err := parse.TSV.Parse([]byte("四、政府信息公开行政复议、行政诉讼情况\n行政复议\t\t\t\t\t行政诉讼\n" +
		"0\t0\t0\t0\t0\t1\t0\t0\t0\t1\t0\t0\t0\t0\t0\n"))
	if err != nil {
		panic(err)
	}
	return r
}

// Write a report as an HTML fragment: 表四 with its merged header cells.
func ExampleHTML() {
	var b strings.Builder
	if err := (render.HTML{Fragment: true}).Render(&b, appealsOnly()); err != nil {
		panic(err)
	}
	fmt.Print(b.String())
	// Output:
	// <article class="annual-report">
	// <section class="appeals">
	// <h2>四、政府信息公开行政复议、行政诉讼情况</h2>
	// <table class="appeals">
	// <thead>
	// <tr><th colspan="5">行政复议</th><th colspan="10">行政诉讼</th></tr>
	// <tr><th rowspan="2">结果维持</th><th rowspan="2">结果纠正</th><th rowspan="2">其他结果</th><th rowspan="2">尚未审结</th><th rowspan="2">总计</th><th colspan="5">未经复议直接起诉</th><th colspan="5">复议后起诉</th></tr>
	// <tr><th>结果维持</th><th>结果纠正</th><th>其他结果</th><th>尚未审结</th><th>总计</th><th>结果维持</th><th>结果纠正</th><th>其他结果</th><th>尚未审结</th><th>总计</th></tr>
	// </thead>
	// <tbody>
	// <tr><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td><td>0</td><td>0</td><td>0</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
	// </tbody>
	// </table>
	// </section>
	// </article>
}

// Write a report as Markdown: merged cells become label paths; a blank
// cell is empty, and a cell the report does not hold is ∅ (report.AbsentMark).
func ExampleMarkdown() {
	r := &report.Report{Template: report.V2021, Sections: []report.Section{{Key: report.Requests,
		Table: &report.Table{Key: report.Requests, Rows: []report.Row{
			{Key: "denied.state_secret", Cells: []report.Cell{
				{Column: "natural_person", Value: report.NumberValue(report.MustDec("0"))},
				{Column: "commercial", Value: report.TextValue("—")},
				{Column: "research"}, // blank; the other columns were not published: absent
			}},
		}}}}}
	if err := (render.Markdown{}).Render(os.Stdout, r); err != nil {
		panic(err)
	}
	// Output:
	// ## 三、收到和处理政府信息公开申请情况
	//
	// | （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 自然人 | 法人或其他组织 / 商业企业 | 法人或其他组织 / 科研机构 | 法人或其他组织 / 社会公益组织 | 法人或其他组织 / 法律服务机构 | 法人或其他组织 / 其他 | 总计 |
	// | :-- | :-: | :-: | :-: | :-: | :-: | :-: | :-: |
	// | 三、本年度办理结果 / （三）不予公开 / 1.属于国家秘密 | 0 | — | | ∅ | ∅ | ∅ | ∅ |
}

// Write a report as CSV for analysts: a line per cell, with its keys, its
// official labels, its value and the text it was read from.
func ExampleCSV() {
	if err := (render.CSV{}).Render(os.Stdout, appealsOnly()); err != nil {
		panic(err)
	}
	// Output:
	// agency,year,template,table,row,column,row_label,column_label,value,kind,raw
	// ,,,appeals,review,upheld,行政复议,结果维持,0,number,0
	// ,,,appeals,review,corrected,行政复议,结果纠正,0,number,0
	// ,,,appeals,review,other,行政复议,其他结果,0,number,0
	// ,,,appeals,review,pending,行政复议,尚未审结,0,number,0
	// ,,,appeals,review,total,行政复议,总计,0,number,0
	// ,,,appeals,litigation_direct,upheld,行政诉讼 / 未经复议直接起诉,结果维持,1,number,1
	// ,,,appeals,litigation_direct,corrected,行政诉讼 / 未经复议直接起诉,结果纠正,0,number,0
	// ,,,appeals,litigation_direct,other,行政诉讼 / 未经复议直接起诉,其他结果,0,number,0
	// ,,,appeals,litigation_direct,pending,行政诉讼 / 未经复议直接起诉,尚未审结,0,number,0
	// ,,,appeals,litigation_direct,total,行政诉讼 / 未经复议直接起诉,总计,1,number,1
	// ,,,appeals,litigation_after_review,upheld,行政诉讼 / 复议后起诉,结果维持,0,number,0
	// ,,,appeals,litigation_after_review,corrected,行政诉讼 / 复议后起诉,结果纠正,0,number,0
	// ,,,appeals,litigation_after_review,other,行政诉讼 / 复议后起诉,其他结果,0,number,0
	// ,,,appeals,litigation_after_review,pending,行政诉讼 / 复议后起诉,尚未审结,0,number,0
	// ,,,appeals,litigation_after_review,total,行政诉讼 / 复议后起诉,总计,0,number,0
}

// Write a report in the tab-separated layout: a table row a line (tabs
// shown here as →).
func ExampleTSV() {
	var b strings.Builder
	if err := (render.TSV{}).Render(&b, appealsOnly()); err != nil {
		panic(err)
	}
	fmt.Print(strings.ReplaceAll(b.String(), "\t", "→"))
	// Output:
	// 四、政府信息公开行政复议、行政诉讼情况
	//
	// 行政复议→行政诉讼
	// 结果维持→结果纠正→其他结果→尚未审结→总计→未经复议直接起诉→复议后起诉
	// →→→→→结果维持→结果纠正→其他结果→尚未审结→总计→结果维持→结果纠正→其他结果→尚未审结→总计
	// 0→0→0→0→0→1→0→0→0→1→0→0→0→0→0
}

// Write a report in the layout of text copied from a web page: a cell a
// line, the last cell of a row ending in " | |".
func ExamplePipes() {
	var b strings.Builder
	if err := (render.Pipes{}).Render(&b, appealsOnly()); err != nil {
		panic(err)
	}
	lines := strings.Split(b.String(), "\n")
	fmt.Println(strings.Join(lines[:5], "\n"))
	// Output:
	// 四、政府信息公开行政复议、行政诉讼情况
	//
	// 行政复议 |
	// 行政诉讼 | |
	// 结果维持 |
}

// Write a report as a Word document; its parts are XML in a zip.
func ExampleDOCX() {
	var b bytes.Buffer
	if err := (render.DOCX{}).Render(&b, appealsOnly()); err != nil {
		panic(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(b.Bytes()), int64(b.Len()))
	if err != nil {
		panic(err)
	}
	for _, f := range zr.File {
		fmt.Println(f.Name)
	}
	// Output:
	// [Content_Types].xml
	// _rels/.rels
	// word/_rels/document.xml.rels
	// word/styles.xml
	// word/document.xml
}
