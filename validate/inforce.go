package validate

import (
	"fmt"
	"math/big"

	"github.com/opengovcn/annualreport/report"
)

// InForce is rule 12 of the template spec: the documents in force at the
// end of a year are those of the year before, plus those issued, less
// those repealed.
var InForce = &Rule{
	ID:    "in-force",
	Title: "本年“现行有效件数”应等于上年现行有效件数加本年制发件数减本年废止件数",
	Doc: `Across two 2021-template reports of the same agency for years N-1 and
N, for 规章 and 行政规范性文件 in table 二: in_force of N = in_force of N-1 +
issued of N − repealed of N (spec rule 12). A Warning: a document amended
during the year, or one that lapses without being repealed, breaks it
honestly. The 2019 template has no 现行有效件数 column (its 对外公开总数量 is
another count), so a 2019 report is not compared. Run by Checker.Series.`,
	Severity: Warning,
	Across:   true,
	Run:      runInForce,
}

func runInForce(p *Pass) error {
	if p.Report.Template != report.V2021 || p.Prev.Template != report.V2021 {
		return nil
	}
	t := report.TemplateFor(report.V2021)
	for _, row := range []string{"regulations", "normative_documents"} {
		k := func(col string) report.Key { return report.Key{Table: report.Active, Row: row, Column: col} }
		prevK := k("in_force")
		pc := p.Prev.Cell(prevK)
		ts, bad, missing := p.numbers(k("in_force"), k("issued"), k("repealed"))
		if pc == nil || missing {
			continue
		}
		label := rowName(t, report.Active, row)
		related := []Related{{Report: p.Prev, Year: p.Prev.Year, Cells: []report.Key{prevK}, Src: pc.Src}}
		all := []report.Key{k("in_force"), k("issued"), k("repealed")}
		if len(bad) > 0 || pc.Kind != report.Number {
			p.Add(Finding{Cells: all, Related: related, Severity: Notice, Unchecked: true,
				Message: fmt.Sprintf("无法核对表二“%s”现行有效件数：本年现行有效、制发、废止件数或%d年现行有效件数（%s）不是数字", label, p.Prev.Year, show(pc))})
			continue
		}
		want := new(big.Rat).Add(pc.Num.Rat(), ts[1].num.Rat())
		want.Sub(want, ts[2].num.Rat())
		if ts[0].num.Rat().Cmp(want) == 0 {
			continue
		}
		p.Add(Finding{
			Cells:   all,
			Related: related,
			Message: fmt.Sprintf("表二“%s”现行有效件数为%s，但%d年现行有效%s件加本年制发%s件减本年废止%s件为%s件（文件修订或失效未废止时可能不等）",
				label, ts[0].num, p.Prev.Year, pc.Num, ts[1].num, ts[2].num, fmtRat(want)),
			Fixes: fixTo(all[0], want),
		})
	}
	return nil
}
