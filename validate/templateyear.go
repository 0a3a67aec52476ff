package validate

import (
	"fmt"

	"github.com/opengovcn/annualreport/report"
)

// TemplateYear is rule 7 of the template spec: a report for 2021 or later
// uses the 2021 template, a report for 2019 or 2020 the 2019 one.
var TemplateYear = &Rule{
	ID:    "template-year",
	Title: "表格格式版本应与报告年度相符",
	Doc: `The template version a report's tables follow (told from the rows and
columns that exist in one version only) must be the one of its year: 2021
and later use 国办公开办函〔2021〕30号, 2019 and 2020 use 国办公开办函〔2019〕60号
(spec rule 7). A report whose year or template is unknown, or for a year
before 2019, is not checked. A 2021 report with one row of the 2019 form is
row-foreign's, not this rule's.`,
	Severity: Error,
	Run:      runTemplateYear,
}

func runTemplateYear(p *Pass) error {
	r := p.Report
	want := report.VersionForYear(r.Year)
	if r.Template == report.VersionUnknown || want == report.VersionUnknown || r.Template == want {
		return nil
	}
	src := r.Src
	if t := r.Table(report.Active); t != nil {
		src = t.Src
	}
	p.Add(Finding{
		Section: report.Active,
		Src:     src,
		Message: fmt.Sprintf("报告年度为%d年，应使用%s年版格式（%s），但表格为%s年版格式（%s）",
			r.Year, want, report.TemplateFor(want).Notice, r.Template, r.Spec().Notice),
	})
	return nil
}
