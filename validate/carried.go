package validate

import (
	"fmt"

	"github.com/opengovcn/annualreport/report"
)

// CarriedOver is rule 11 of the template spec: what a report carries
// forward is what the agency's next report carries over.
var CarriedOver = &Rule{
	ID:    "carried-over",
	Title: "本年“二、上年结转”应等于上年报告“四、结转下年度继续办理”",
	Doc: `Across two reports of the same agency for years N-1 and N, in every
column: requests.carried_forward of N-1 = requests.carried_over of N (spec
rule 11). The finding is about the cell of year N, names the cell of year
N-1 in Related, and suggests year N-1's number. Run by Checker.Series.`,
	Severity: Warning,
	Across:   true,
	Run:      runCarriedOver,
}

func runCarriedOver(p *Pass) error {
	t := p.Spec()
	for _, c := range t.Table(report.Requests).Row("carried_over").Columns {
		col := c.Key
		cur := report.Key{Table: report.Requests, Row: "carried_over", Column: col}
		prev := report.Key{Table: report.Requests, Row: "carried_forward", Column: col}
		pc, c := p.Prev.Cell(prev), p.Report.Cell(cur)
		if pc == nil || c == nil {
			continue
		}
		related := []Related{{Report: p.Prev, Year: p.Prev.Year, Cells: []report.Key{prev}, Src: pc.Src}}
		if pc.Kind != report.Number || c.Kind != report.Number {
			p.Add(Finding{Cells: []report.Key{cur}, Related: related, Severity: Notice, Unchecked: true,
				Message: fmt.Sprintf("无法核对%d年“二、上年结转”%s列：本年为%s，%d年“四、结转下年度继续办理”为%s",
					p.Report.Year, colName(t, report.Requests, "total", col), show(c), p.Prev.Year, show(pc))})
			continue
		}
		if c.Num.Rat().Cmp(pc.Num.Rat()) == 0 {
			continue
		}
		p.Add(Finding{
			Cells:   []report.Key{cur},
			Related: related,
			Message: fmt.Sprintf("%d年表三“二、上年结转”%s列为%s，但%d年报告“四、结转下年度继续办理”为%s",
				p.Report.Year, colName(t, report.Requests, "total", col), c.Num, p.Prev.Year, pc.Num),
			Fixes: []Fix{{Cell: cur, Value: report.NumberValue(pc.Num)}},
		})
	}
	return nil
}

// show writes a cell's value for a message: the number, “空白” or the text.
func show(c *report.Cell) string {
	switch c.Kind {
	case report.Blank:
		return "空白"
	case report.Text:
		return "“" + c.Text + "”"
	}
	return c.Num.String()
}
