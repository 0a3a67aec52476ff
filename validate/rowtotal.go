package validate

import (
	"fmt"
	"slices"

	"github.com/opengovcn/annualreport/report"
)

// RequestsRowTotal is rule 4 of the template spec: in every row of table
// 三, the 总计 column is the sum of the six applicant columns.
var RequestsRowTotal = &Rule{
	ID:    "requests-row-total",
	Title: "表三每行“总计”等于六类申请人之和",
	Doc: `For every row of table 三: total = natural_person + commercial + research
+ social_welfare + legal_service + other_org (spec rule 4). The finding is
about the row's 总计 cell and suggests the sum. A row with a blank or text
cell is reported as unchecked; a row that lacks a column is left to
row-cells.`,
	Severity: Error,
	Run:      runRequestsRowTotal,
}

func runRequestsRowTotal(p *Pass) error {
	tab := p.Report.Table(report.Requests)
	if tab == nil {
		return nil
	}
	t := spec(p.Report)
	cols := requestColumns(t)
	var all []report.Key // the row's cells, reused row after row
	var ts []term
	for _, row := range tab.Rows {
		if rowTotalHolds(p, row.Key, cols) {
			continue
		}
		k := func(col string) report.Key { return report.Key{Table: report.Requests, Row: row.Key, Column: col} }
		all = append(all[:0], k("total"))
		for _, c := range cols {
			if c != "total" {
				all = append(all, k(c))
			}
		}
		var bad []report.Key
		var missing bool
		ts, bad, missing = p.appendNumbers(ts[:0], all)
		switch {
		case missing:
			continue
		case len(bad) > 0:
			p.Unchecked(slices.Clone(all), bad, fmt.Sprintf("表三“%s”行的总计", rowName(t, report.Requests, row.Key)))
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
			Cells: slices.Clone(all),
			Message: fmt.Sprintf("表三“%s”行总计为%s，但六类申请人之和为%s（%s）",
				rowName(t, report.Requests, row.Key), ts[0].num, fmtRat(want), plus(ts[1:])),
			Fixes: fixTo(all[0], want),
		})
	}
	return nil
}

// rowTotalHolds reports whether the row with the key is complete, in
// integers, and adds up: the rule then has nothing to say about it, which
// it tells without building a key per cell. cols end with total, as the
// template's do.
func rowTotalHolds(p *Pass, row string, cols []string) bool {
	if len(cols) == 0 || cols[len(cols)-1] != "total" {
		return false
	}
	var buf [8]int64
	vals, ok := p.ints(report.Requests, []string{row}, cols, buf[:0])
	if !ok {
		return false
	}
	var n int64
	for _, v := range vals[:len(vals)-1] {
		n += v
	}
	return n == vals[len(vals)-1]
}
