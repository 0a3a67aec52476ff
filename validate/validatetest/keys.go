package validatetest

import (
	"testing"

	"github.com/opengovcn/annualreport/report"
	"github.com/opengovcn/annualreport/validate"
)

// CheckKeys is a vet for a rule's cell keys: it fails t when rule reads a
// cell that no template has (a misspelt key), declares one in Rule.Keys,
// or fails as code in any other way.
//
// It checks the rule's declared keys (validate.CheckRules), then runs the
// rule on full reports: one for each standard template, in which every
// cell of the template is present, all holding 0 and then all holding 1.
// With every cell present, a read that finds no cell is a read of a key
// the report's template does not have; when no template has it,
// Pass.Number and Pass.Cell panic (see validate.Pass.Number) and the
// Checker's error fails the test, naming the key and the nearest valid one. An Across rule is run
// by Checker.Series, with a full report of the year before.
//
// A rule reads only the cells its branches reach. Each setup function
// makes a variant: the rule also runs on each full report as changed by
// it (set the agency, the year or a cell to reach a branch). Reads made
// through p.Report.Cell or Lookup, rather than the Pass, are not checked.
func CheckKeys(t testing.TB, rule *validate.Rule, setup ...func(*report.Report)) {
	t.Helper()
	if err := validate.CheckRules([]*validate.Rule{rule}); err != nil {
		t.Error(err)
		return
	}
	variants := append([]func(*report.Report){func(*report.Report) {}}, setup...)
	for _, tmpl := range report.Templates() {
		for _, fill := range []int64{0, 1} {
			for vi, change := range variants {
				r := fullReport(tmpl, fill)
				change(r)
				c := &validate.Checker{Rules: []*validate.Rule{rule}}
				var err error
				if rule.Across {
					prev := fullReport(tmpl, fill)
					change(prev)
					if r.Agency == "" {
						r.Agency = "测试机关"
					}
					prev.Agency, prev.Year = r.Agency, r.Year-1
					_, err = c.Series(prev, r)
				} else {
					_, err = c.Check(r)
				}
				if err != nil {
					t.Errorf("rule %s on a full %s report of %ds (variant %d): %v", rule.ID, tmpl.Version, fill, vi, err)
				}
			}
		}
	}
}

// fullReport returns a report of template t in which every cell of every
// table is present and holds the number n, with every section, and the
// year of the template (2021 for 2021, 2020 for 2019).
func fullReport(t *report.Template, n int64) *report.Report {
	r := &report.Report{Template: t.Version, Year: 2021, Title: "测试年度报告"}
	if t.Version == report.V2019 {
		r.Year = 2020
	}
	for _, s := range t.Sections {
		sec := report.Section{Key: s.Key}
		if s.Table != nil {
			tab := &report.Table{Key: s.Table.Key}
			for _, row := range s.Table.Rows {
				out := report.Row{Key: row.Key}
				for _, col := range row.Columns {
					out.Cells = append(out.Cells, report.Cell{Column: col.Key, Value: report.NumberValue(report.DecInt(n))})
				}
				tab.Rows = append(tab.Rows, out)
			}
			sec.Table = tab
		}
		r.Sections = append(r.Sections, sec)
	}
	return r
}
