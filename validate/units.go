package validate

import (
	"fmt"

	"github.com/opengovcn/annualreport/report"
)

// CellUnit checks the units that cells write after their numbers
// (251000元, 1.2万元). The library keeps the number as published with its
// unit (report.Value.Unit); this rule says when the unit is not the one
// the template's column states, so that the number is not taken in the
// wrong unit.
var CellUnit = &Rule{
	ID:    "cell-unit",
	Title: "单元格中的计量单位应与模板一致",
	Doc: `A number written with a unit in its cell is checked against the
template's column: where the column's label states a unit (表二's
本年收费金额（单位：万元）), a cell in another unit is a warning, since its
number is not in the template's unit (251000元 is 25.1 万元); a unit of
money in a column of counts, or a unit of counts (件, 个) in a column of
amounts, is a warning too. A unit in a column that states none (a 2019
采购总金额 in 元 is common) is no finding.`,
	Severity: Warning,
	Run:      runCellUnit,
}

func runCellUnit(p *Pass) error {
	for k, c := range p.Report.Cells {
		if c.Kind != report.Number || c.Unit == "" {
			continue
		}
		col := p.columnSpec(k)
		if col == nil {
			continue
		}
		var why string
		switch want := col.Unit(); {
		case want != "" && c.Unit != want:
			why = fmt.Sprintf("模板该栏的单位为“%s”", want)
		case col.Kind == report.Decimal && !report.MoneyUnit(c.Unit):
			why = "该栏为金额"
		case col.Kind != report.Decimal && report.MoneyUnit(c.Unit):
			why = "该栏为数量，不是金额"
		default:
			continue
		}
		p.Add(Finding{
			Cells:   []report.Key{k},
			Message: fmt.Sprintf("%s填写为“%s”，单位为“%s”，%s", p.Name(k), c.Value.String(), c.Unit, why),
		})
	}
	return nil
}
