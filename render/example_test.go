package render_test

import (
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
