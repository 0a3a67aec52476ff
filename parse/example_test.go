package parse_test

import (
	"fmt"
	"os"

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
