package validate

import (
	"fmt"

	"github.com/opengovcn/annualreport/report"
)

// The rules of this file check the report's frame: its six sections, their
// headings and their tables.

// SectionMissing reports a section of the template the report lacks.
var SectionMissing = &Rule{
	ID:    "section-missing",
	Title: "报告应包含格式规定的六个部分",
	Doc: `Every report has the six sections of the template, 一、总体情况 to
六、其他需要报告的事项. The finding points where the missing section should
stand: at the heading of the next section the report has.`,
	Severity: Error,
	Run:      runSectionMissing,
}

// SectionOrder reports sections out of the template's order, or twice.
var SectionOrder = &Rule{
	ID:       "section-order",
	Title:    "六个部分应按格式规定的顺序各出现一次",
	Doc:      `The six sections stand in the template's order, each once.`,
	Severity: Warning,
	Run:      runSectionOrder,
}

// HeadingNumbering reports a heading numbered otherwise than the
// template's 一、 to 六、 (6、, (六), 六.).
var HeadingNumbering = &Rule{
	ID:    "heading-numbering",
	Title: "部分标题应使用“一、”至“六、”编号",
	Doc: `A section heading is numbered 一、 to 六、 in the template; 6、, （六） or 六.
are read as the same section but are not the official form. Headings of
reports that were not parsed (built in code) are not checked.`,
	Severity: Notice,
	Run:      runHeadingNumbering,
}

// HeadingWording reports a heading worded otherwise than the template's.
var HeadingWording = &Rule{
	ID:    "heading-wording",
	Title: "部分标题应使用格式规定的措辞",
	Doc: `A section heading reads as in the template (五、存在的主要问题及改进情况);
variants such as 五、政府信息公开工作存在的主要问题及改进情况 or 五、当前存在的主
要问题及2024年改进工作措施 are read as the same section but are not the
official form. Spacing and full-width or half-width forms do not count.`,
	Severity: Notice,
	Run:      runHeadingWording,
}

// TableMissing reports a section 二, 三 or 四 without its table.
var TableMissing = &Rule{
	ID:    "table-missing",
	Title: "第二、三、四部分应包含格式规定的表格",
	Doc: `Sections 二, 三 and 四 each hold a table (表二, 表三, 表四). A section that
is there without a table that could be read is an error: none of the
table's numbers can be checked. (A section that is missing altogether is
section-missing's.)`,
	Severity: Error,
	Run:      runTableMissing,
}

var chineseNumber = []string{"", "一", "二", "三", "四", "五", "六"}

// officialHeading returns a section's heading as the template writes it.
func officialHeading(s *report.SectionSpec) string {
	return chineseNumber[s.Number] + "、" + s.Heading
}

func runSectionMissing(p *Pass) error {
	r := p.Report
	t := p.Spec()
	for i, s := range t.Sections {
		if r.Section(s.Key) != nil {
			continue
		}
		src := r.Src
		for _, next := range t.Sections[i+1:] {
			if sec := r.Section(next.Key); sec != nil {
				src = sec.Src
				break
			}
		}
		p.Add(Finding{Section: s.Key, Src: src,
			Message: fmt.Sprintf("缺少第%s部分“%s”", chineseNumber[s.Number], officialHeading(&s))})
	}
	return nil
}

func runSectionOrder(p *Pass) error {
	t := p.Spec()
	last := 0
	seen := map[report.SectionKey]bool{}
	for _, sec := range p.Report.Sections {
		s := t.Section(sec.Key)
		if s == nil {
			continue
		}
		switch {
		case seen[sec.Key]:
			p.Add(Finding{Section: sec.Key, Src: sec.Src,
				Message: fmt.Sprintf("第%s部分“%s”重复出现", chineseNumber[s.Number], officialHeading(s))})
		case s.Number < last:
			p.Add(Finding{Section: sec.Key, Src: sec.Src,
				Message: fmt.Sprintf("第%s部分“%s”出现在第%s部分之后", chineseNumber[s.Number], officialHeading(s), chineseNumber[last])})
		}
		seen[sec.Key] = true
		last = max(last, s.Number)
	}
	return nil
}

func runHeadingNumbering(p *Pass) error {
	t := p.Spec()
	for _, sec := range p.Report.Sections {
		s := t.Section(sec.Key)
		if s == nil || sec.Src.Text == "" {
			continue
		}
		number, _ := report.SplitNumber(report.Fold(sec.Src.Text))
		if want := report.Fold(chineseNumber[s.Number] + "、"); number != want {
			p.Add(Finding{Section: sec.Key, Src: sec.Src,
				Message: fmt.Sprintf("第%s部分标题编号写作“%s”，格式规定为“%s、”", chineseNumber[s.Number], number, chineseNumber[s.Number])})
		}
	}
	return nil
}

func runHeadingWording(p *Pass) error {
	t := p.Spec()
	for _, sec := range p.Report.Sections {
		s := t.Section(sec.Key)
		if s == nil || sec.Src.Text == "" {
			continue
		}
		_, words := report.SplitNumber(report.Fold(sec.Src.Text))
		if words != report.Fold(s.Heading) {
			p.Add(Finding{Section: sec.Key, Src: sec.Src,
				Message: fmt.Sprintf("第%s部分标题写作“%s”，格式规定为“%s”", chineseNumber[s.Number], words, s.Heading)})
		}
	}
	return nil
}

func runTableMissing(p *Pass) error {
	t := p.Spec()
	for _, sec := range p.Report.Sections {
		s := t.Section(sec.Key)
		if s == nil || s.Table == nil || sec.Table != nil {
			continue
		}
		p.Add(Finding{Section: sec.Key, Src: sec.Src,
			Message: fmt.Sprintf("第%s部分“%s”缺少%s，或表格无法读取", chineseNumber[s.Number], officialHeading(s), s.Table.Name)})
	}
	return nil
}
