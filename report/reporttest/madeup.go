package reporttest

import (
	"slices"

	"github.com/opengovcn/annualreport/report"
)

// MadeUpTemplate returns a template that no agency uses: a copy of the 2021
// template (report.Template.Clone) with rows and an identity of its own, to
// show that code follows what the template says rather than a copy of its
// own. Its version is 2021; it adds
//
//   - to 表三, the outcome row denied.made_up, 9.属于编造的测试事项 under
//     （三）不予公开, one more term of （七）总计 (rule 3's identity);
//   - to 表四, the group litigation_other, 其他方式起诉 under 行政诉讼, and
//     the group all, 合计, with an identity of rule number 13: in every
//     column, all = review + litigation_direct + litigation_after_review +
//     litigation_other.
//
// Each call returns a new copy.
func MadeUpTemplate() *report.Template {
	t := report.TemplateFor(report.V2021).Clone()

	req := t.Table(report.Requests)
	i := slices.IndexFunc(req.Rows, func(r report.RowSpec) bool { return r.Key == "denied.admin_query" })
	row := req.Rows[i]
	row.Key, row.Label, row.Aliases = "denied.made_up", "9.属于编造的测试事项", nil
	row.Columns = slices.Clone(row.Columns)
	req.Rows = slices.Insert(req.Rows, i+1, row)
	out := req.Identity(3)
	j := slices.Index(out.Right, "denied.admin_query")
	out.Right = slices.Insert(out.Right, j+1, "denied.made_up")

	app := t.Table(report.Appeals)
	cols := app.Rows[0].Columns
	app.Rows = append(app.Rows,
		report.RowSpec{Key: "litigation_other", Label: "其他方式起诉", Path: []string{"行政诉讼"}, Columns: slices.Clone(cols)},
		report.RowSpec{Key: "all", Label: "合计", Columns: slices.Clone(cols)},
	)
	app.Identities = append(app.Identities, report.Identity{
		Rule: 13, Along: report.EachColumn, Left: []string{"all"},
		Right: []string{"review", "litigation_direct", "litigation_after_review", "litigation_other"},
		Total: "all", Terms: "the groups above it",
	})
	return t
}
