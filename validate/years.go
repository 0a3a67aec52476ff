package validate

import (
	"fmt"
	"regexp"
	"strconv"

	"github.com/opengovcn/annualreport/report"
)

// YearConsistency is rule 10 of the template spec: the year in the title,
// the statistics period and the year of the improvement plan agree.
var YearConsistency = &Rule{
	ID:    "year-consistency",
	Title: "标题年度、统计时限与改进计划年度应一致",
	Doc: `The year of the title (or, without one, the year the report is for)
must be the year of every statistics period the prose states
(自2023年1月1日至2023年12月31日, 截至2023年12月31日), and the improvement plan
in section 五 is for the next year (2024年，我镇将…, 五、…及2024年改进工作措施)
(spec rule 10). A year in section 五 counts as a plan's when 将, 计划, 拟 or
打算 follows it closely (such a year must be the next, or the report's
own: 将 also means 把, as in 2023年，我镇将政务公开纳入考核), or 改进/工作措施
follows it in the heading (it must be the next year); other years
(comparisons, history) are not checked.`,
	Severity: Warning,
	Run:      runYearConsistency,
}

var (
	titleYear  = regexp.MustCompile(`((?:19|20)[0-9０-９]{2})\s*年`)
	periodStmt = scan(`((?:19|20)[0-9０-９]{2})\s*年\s*0?1\s*月\s*0?1\s*日\s*(?:起\s*)?(?:至|到|—|-|~|～)\s*((?:19|20)[0-9０-９]{2})\s*年\s*12\s*月\s*31\s*日`, "19", "20")
	asOfStmt   = scan(`截[至止]\s*((?:19|20)[0-9０-９]{2})\s*年\s*12\s*月\s*31\s*日`, "截")
	planStmt   = scan(`((?:19|20)[0-9０-９]{2})\s*年度?\s*[，,]?\s*[^。；;，,\n]{0,6}?(?:将|计划|拟|打算)`, "19", "20")
	planHead   = regexp.MustCompile(`((?:19|20)[0-9０-９]{2})\s*年度?[^。；;，,\n]{0,4}?(?:改进|工作)(?:工作)?(?:措施|计划|打算|安排|思路|情况)`)
)

func yearOf(s string) int {
	y, _ := strconv.Atoi(report.Fold(s))
	return y
}

func runYearConsistency(p *Pass) error {
	r := p.Report
	year, from := r.Year, "报告年度"
	if m := titleYear.FindStringSubmatch(r.Title); m != nil {
		year, from = yearOf(m[1]), "标题年度"
	}
	if year == 0 {
		return nil
	}
	for i := range r.Sections {
		sec := &r.Sections[i]
		for _, m := range periodStmt.FindAllStringSubmatchIndex(sec.Prose, -1) {
			a, b := yearOf(sec.Prose[m[2]:m[3]]), yearOf(sec.Prose[m[4]:m[5]])
			if a != year || b != year {
				p.Add(Finding{Section: sec.Key, Src: sec.Where(m[0]),
					Message: fmt.Sprintf("统计时限“%s”与%s%d年不符", sec.Prose[m[0]:m[1]], from, year)})
			}
		}
		for _, m := range asOfStmt.FindAllStringSubmatchIndex(sec.Prose, -1) {
			if yearOf(sec.Prose[m[2]:m[3]]) != year {
				p.Add(Finding{Section: sec.Key, Src: sec.Where(m[0]),
					Message: fmt.Sprintf("“%s”与%s%d年不符", sec.Prose[m[0]:m[1]], from, year)})
			}
		}
		if sec.Key != report.Problems {
			continue
		}
		if m := planHead.FindStringSubmatch(sec.Src.Text); m != nil && yearOf(m[1]) != year+1 {
			p.Add(Finding{Section: sec.Key, Src: sec.Src,
				Message: fmt.Sprintf("第五部分标题“%s”中的改进计划年度为%s年，应为%s%d年的下一年%d年", sec.Src.Text, m[1], from, year, year+1)})
		}
		for _, m := range planStmt.FindAllStringSubmatchIndex(sec.Prose, -1) {
			if y := yearOf(sec.Prose[m[2]:m[3]]); y != year+1 && y != year {
				p.Add(Finding{Section: sec.Key, Src: sec.Where(m[0]),
					Message: fmt.Sprintf("改进计划“%s…”的年度为%d年，应为%s%d年的下一年%d年", sec.Prose[m[0]:m[1]], y, from, year, year+1)})
			}
		}
	}
	return nil
}
