package validate

import (
	"fmt"

	"github.com/opengovcn/annualreport/report"
)

// CellBlank reports the cells of the tables that hold no number: left
// blank, or written as text such as “—”, “/” or “无”.
var CellBlank = &Rule{
	ID:    "cell-blank",
	Title: "表格单元格应填写数字",
	Doc: `Every cell of the three tables holds a number in the template. A blank
cell or a text cell (“—”, “/”, “无”) is not a zero: this library never reads
it as one, and the arithmetic rules report that they could not check what
depends on it. A Notice, because agencies often mean 0 by it; ask them.`,
	Severity: Notice,
	Run:      runCellBlank,
}

func runCellBlank(p *Pass) error {
	for k, c := range p.Report.Cells {
		if c.Kind == report.Number || p.columnSpecOf(k) == nil {
			continue
		}
		p.Add(Finding{
			Cells:   []report.Key{k},
			Message: fmt.Sprintf("%s%s，应填写数字", p.Name(k), describe(c)),
		})
	}
	return nil
}
