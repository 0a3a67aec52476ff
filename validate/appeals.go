package validate

import (
	"fmt"

	"github.com/opengovcn/annualreport/report"
)

// AppealsTotal is rule 5 of the template spec: in table 四, each group's
// 总计 is 结果维持 + 结果纠正 + 其他结果 + 尚未审结.
var AppealsTotal = &Rule{
	ID:    "appeals-total",
	Title: "表四每组“总计”等于结果维持、结果纠正、其他结果、尚未审结之和",
	Doc: `For each group of table 四 (行政复议, 行政诉讼 未经复议直接起诉, 复议后起诉):
total = upheld + corrected + other + pending (spec rule 5). The finding is
about the group's 总计 cell and suggests the sum. A group with a blank or
text cell is reported as unchecked.`,
	Severity: Error,
	Run:      runAppealsTotal,
}

func runAppealsTotal(p *Pass) error {
	tab := p.Report.Table(report.Appeals)
	if tab == nil {
		return nil
	}
	t := spec(p.Report)
	for _, row := range tab.Rows {
		k := func(col string) report.Key { return report.Key{Table: report.Appeals, Row: row.Key, Column: col} }
		all := []report.Key{k("total"), k("upheld"), k("corrected"), k("other"), k("pending")}
		ts, bad, missing := p.numbers(all...)
		name := rowName(t, report.Appeals, row.Key)
		switch {
		case missing:
			continue
		case len(bad) > 0:
			p.Unchecked(all, bad, fmt.Sprintf("表四“%s”的总计", name))
			continue
		}
		if sumsTo(ts[1:], ts[0]) {
			continue
		}
		got, want := ts[0].num.Rat(), sum(ts[1:])
		if got.Cmp(want) == 0 {
			continue
		}
		p.Add(Finding{
			Cells: all,
			Message: fmt.Sprintf("表四“%s”总计为%s，但结果维持、结果纠正、其他结果、尚未审结之和为%s（%s）",
				name, ts[0].num, fmtRat(want), plus(ts[1:])),
			Fixes: fixTo(all[0], want),
		})
	}
	return nil
}
