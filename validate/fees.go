package validate

import (
	"strings"

	"github.com/opengovcn/annualreport/report"
)

// FeeStatement is rule 9 of the template spec: section 六 of a 2021
// report states the 信息处理费 charged.
var FeeStatement = &Rule{
	ID:    "fee-statement",
	Title: "第六部分应说明信息处理费收取情况",
	Doc: `Under the 2021 template, section 六 (其他需要报告的事项) states the
信息处理费 charged under 《政府信息公开信息处理费管理办法》, if only to say that
none was (spec rule 9). The rule looks for a mention of the fee (处理费, 收费,
收取) in the section's prose; it does not check the amount. A report
without section 六 is left to section-missing; 2019 reports are not
checked.`,
	Severity: Warning,
	Run:      runFeeStatement,
}

func runFeeStatement(p *Pass) error {
	if p.Spec().Version != report.V2021 {
		return nil
	}
	s := p.Report.Section(report.Other)
	if s == nil {
		return nil
	}
	words := []string{"处理费", "收费", "收取"}
	for _, w := range words {
		// A word written as it is stays whole when folded: most
		// reports are told so without folding the prose.
		if strings.Contains(s.Prose, w) {
			return nil
		}
	}
	prose := report.Fold(s.Prose)
	for _, w := range words {
		if strings.Contains(prose, w) {
			return nil
		}
	}
	p.Add(Finding{
		Section: report.Other,
		Message: "第六部分“其他需要报告的事项”未说明信息处理费的收取情况（2021年版格式要求说明按《政府信息公开信息处理费管理办法》收取信息处理费的情况，未收取的也应说明）",
	})
	return nil
}
