package pdf_test

import (
	"fmt"
	"os"

	"github.com/opengovcn/annualreport/parse"
	"github.com/opengovcn/annualreport/parse/pdf"
)

// A PDF is read by adding pdf.Parser to the parsers of a parse.Config;
// every cell knows its page and its box on it, in points from the page's
// top-left corner.
func Example() {
	src, err := os.ReadFile("../../testdata/real/huaian-2024.pdf")
	if err != nil {
		fmt.Println(err)
		return
	}
	cfg := parse.Config{Parsers: append(parse.Standard(), pdf.Parser)}
	r, err := cfg.Parse(src)
	if err != nil {
		fmt.Println(err)
	}
	fmt.Println(r.Title)
	for _, key := range []string{"active.fees.amount", "requests.new_received.total", "appeals.review.total"} {
		c := r.Lookup(key)
		b := c.Src.Box
		fmt.Printf("%s = %v, page %d, box (%.0f,%.0f)-(%.0f,%.0f)\n", key, c.Value, c.Src.Page, b.X0, b.Y0, b.X1, b.Y1)
	}
	// Output:
	// 淮安市人民政府2024年政府信息公开工作年度报告
	// active.fees.amount = 96171.6, page 4, box (244,257)-(519,294)
	// requests.new_received.total = 3119, page 4, box (486,457)-(521,481)
	// appeals.review.total = 351, page 5, box (188,648)-(222,691)
}

// Parse, without parse/pdf, tells what to import.
func Example_withoutPDF() {
	src, err := os.ReadFile("../../testdata/real/huaian-2024.pdf")
	if err != nil {
		fmt.Println(err)
		return
	}
	_, err = parse.Parse(src)
	fmt.Println(err)
	// Output:
	// 1:1: the input is a PDF: read it with package github.com/opengovcn/annualreport/parse/pdf (add pdf.Parser to Config.Parsers)
}
