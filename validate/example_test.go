package validate_test

import (
	"fmt"
	"os"

	"github.com/opengovcn/annualreport/parse"
	"github.com/opengovcn/annualreport/report"
	"github.com/opengovcn/annualreport/validate"
)

// Check a report against the standard rules. Seed 000 published a
// （七）总计 row of zeros: rules 1 (requests-balance) and 3
// (requests-outcomes) fail in the columns where it matters, and each
// finding suggests the total that would make it hold.
func Example() {
	src, err := os.ReadFile("../testdata/seeds/000_f75296a9e8ded5b4.txt")
	if err != nil {
		panic(err)
	}
	r, err := parse.Parse(src)
	if err != nil {
		panic(err)
	}
	var c validate.Checker // the zero Checker runs validate.Standard()
	findings, err := c.Check(r)
	if err != nil {
		panic(err)
	}
	for _, f := range findings {
		f.File = "000.txt"
		fmt.Println(f.Severity, f)
		for _, fix := range f.Fixes {
			fmt.Println("  suggest", fix.Cell, "=", fix.Value)
		}
	}
	// Output:
	// error 000.txt:334:2: requests-balance: 表三“自然人”列的勾稽关系不成立：一、本年新收3件加二、上年结转0件共3件，但（七）总计0件加四、结转下年度继续办理1件共1件；若其他数字无误，（七）总计应为2件
	//   suggest requests.total.natural_person = 2
	// error 000.txt:334:2: requests-outcomes: 表三“（七）总计”自然人列为0，但各项办理结果之和为2（“（一）予以公开”1、“（二）部分公开”1，其余为0）
	//   suggest requests.total.natural_person = 2
	// error 000.txt:340:2: requests-balance: 表三“总计”列的勾稽关系不成立：一、本年新收3件加二、上年结转0件共3件，但（七）总计0件加四、结转下年度继续办理1件共1件；若其他数字无误，（七）总计应为2件
	//   suggest requests.total.total = 2
	// error 000.txt:340:2: requests-outcomes: 表三“（七）总计”总计列为0，但各项办理结果之和为2（“（一）予以公开”1、“（二）部分公开”1，其余为0）
	//   suggest requests.total.total = 2
	// notice 000.txt:408:1: heading-wording: 第五部分标题写作“当前存在的主要问题及2024年改进工作措施”，格式规定为“存在的主要问题及改进情况”
}

// A rule of your own is a value: an ID, a title, and a Run function that
// reads cells by key and reports findings. This one asks that 表三's
// 自然人 column not be blank.
func ExampleRule() {
	naturalPerson := &validate.Rule{
		ID:       "natural-person-filled",
		Title:    "表三自然人列应填写",
		Severity: validate.Warning,
		Run: func(p *validate.Pass) error {
			for k, c := range p.Report.Cells {
				if k.Table == report.Requests && k.Column == "natural_person" && c.Kind == report.Blank {
					p.Reportf([]report.Key{k}, "%s未填写", p.Name(k))
				}
			}
			return nil
		},
	}
	src := []byte("三、收到和处理政府信息公开申请情况\n" +
		"一、本年新收政府信息公开申请数量\t\t\t0\t0\t0\t0\t0\t0\n")
	r, _ := parse.TSV.Parse(src)
	c := &validate.Checker{Rules: []*validate.Rule{naturalPerson}}
	findings, err := c.Check(r)
	if err != nil {
		panic(err)
	}
	for _, f := range findings {
		fmt.Println(f.Severity, f)
	}
	// Output:
	// warning 2:19: natural-person-filled: 表三“一、本年新收政府信息公开申请数量”自然人列未填写
}

// Select picks rules by ID, or leaves some out, as a command-line flag
// would.
func ExampleSelect() {
	rules, err := validate.Select(validate.Standard(), "requests-balance,requests-outcomes,requests-row-total")
	if err != nil {
		panic(err)
	}
	for _, r := range rules {
		fmt.Println(r.ID, r.Severity, r.Title)
	}
	// Output:
	// requests-balance error 表三勾稽关系：第一项加第二项之和等于第三项加第四项之和
	// requests-outcomes error 表三“（七）总计”等于各项办理结果之和
	// requests-row-total error 表三每行“总计”等于六类申请人之和
}

// Series compares reports of one agency in consecutive years: what 2023
// carried forward is what 2024 carried over.
func ExampleChecker_Series() {
	read := func(name string) *report.Report {
		src, err := os.ReadFile(name)
		if err != nil {
			panic(err)
		}
		r, err := parse.Parse(src)
		if err != nil {
			panic(err)
		}
		return r
	}
	y2023 := read("../testdata/seeds/001_10659aee92df145a.txt")
	y2024 := read("../testdata/validate/series/001_2024.txt")
	var c validate.Checker
	findings, err := c.Series(y2023, y2024)
	if err != nil {
		panic(err)
	}
	for _, f := range findings {
		fmt.Printf("%d %s (%d: %s at %s)\n", f.Report.Year, f, f.Related[0].Year, f.Related[0].Cells[0], f.Related[0].Src)
	}
	// Output:
	// 2024 34:13: in-force: 表二“第二十条第（一）项/行政规范性文件”现行有效件数为2，但2023年现行有效1件加本年制发2件减本年废止0件为3件（文件修订或失效未废止时可能不等） (2023: active.normative_documents.in_force at 34:13)
	// 2024 52:19: carried-over: 2024年表三“二、上年结转”自然人列为1，但2023年报告“四、结转下年度继续办理”为0 (2023: requests.carried_forward.natural_person at 75:14)
	// 2024 52:31: carried-over: 2024年表三“二、上年结转”总计列为1，但2023年报告“四、结转下年度继续办理”为0 (2023: requests.carried_forward.total at 75:26)
}
