package validate_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/opengovcn/annualreport/report"
	"github.com/opengovcn/annualreport/report/reporttest"
	"github.com/opengovcn/annualreport/validate"
)

// madeUpRule checks the identity that reporttest.MadeUpTemplate adds
// (rule number 13: 表四's 合计 group is the sum of the groups above it).
var madeUpRule = validate.SumRule("appeals-all", "表四“合计”等于各组之和", 13)

// TestMadeUpTemplate changes the template, not the code: a copy of the 2021
// template with an outcome row in 表三, two groups in 表四 and an identity
// of its own (reporttest.MadeUpTemplate). The builder fills its totals by
// the new identity and the new rows, and the rules, given the template,
// check the new rows and identity as they check the template's own.
func TestMadeUpTemplate(t *testing.T) {
	tmpl := reporttest.MadeUpTemplate()
	c := &validate.Checker{Template: tmpl, Rules: append(validate.Standard(), madeUpRule)}
	base := func() *reporttest.Builder {
		return reporttest.NewBuilderFor(tmpl).Agency("某县人民政府").Year(2023).
			Set("requests.new_received.natural_person", 6).
			Set("requests.granted.natural_person", 3).
			Set("requests.denied.made_up.natural_person", 2).
			Set("requests.denied.made_up.commercial", 1).
			Set("requests.new_received.commercial", 1).
			Set("appeals.review.upheld", 1).
			Set("appeals.litigation_other.corrected", 2).
			Set("appeals.litigation_other.pending", 1).
			FillTotals()
	}
	r := base().MustReport()
	for path, want := range map[string]int64{
		"requests.denied.made_up.total":           3, // rule 4, in the new row
		"requests.total.natural_person":           5, // rule 3, with the new row
		"requests.total.commercial":               1,
		"requests.total.total":                    6,
		"requests.carried_forward.natural_person": 1, // rule 1
		"appeals.litigation_other.total":          3, // rule 5, in the new group
		"appeals.all.upheld":                      1, // the new identity
		"appeals.all.corrected":                   2,
		"appeals.all.pending":                     1,
		"appeals.all.total":                       4, // rule 5 in the new group, and the new identity
	} {
		if got, ok := r.Lookup(path).Int(); !ok || got != want {
			t.Errorf("%s = %d, %v; want %d", path, got, ok, want)
		}
	}
	arithmetic := func(fs []validate.Finding) []string {
		var out []string
		for _, f := range fs {
			switch f.Rule {
			case "requests-balance", "requests-outcomes", "requests-row-total", "appeals-total", "appeals-all", "row-missing", "row-foreign", "row-cells":
				out = append(out, f.Rule+" "+f.Cells[0].String()+": "+f.Message)
			}
		}
		return out
	}
	check := func(c *validate.Checker, r *report.Report) []string {
		t.Helper()
		fs, err := c.Check(r)
		if err != nil {
			t.Fatal(err)
		}
		return arithmetic(fs)
	}
	if got := check(c, r); len(got) != 0 {
		t.Errorf("the built report against its template: %q", got)
	}
	// Against the standard template, the same report has rows no
	// template has, and sums without them.
	std := check(&validate.Checker{Rules: c.Rules}, r)
	if want := "requests-outcomes requests.total.natural_person: 表三“（七）总计”自然人列为5，但各项办理结果之和为3（“（一）予以公开”3，其余为0）"; len(std) != 3 || std[1] != want {
		t.Errorf("the built report against the standard template: %q, want three, the second %q", std, want)
	}

	// A cell of the new row one too many: the new row's 总计 and its
	// column's （七）总计 no longer add up, in the template's words.
	r = base().Set("requests.denied.made_up.natural_person", 3).Set("requests.denied.made_up.total", 3).Set("requests.total.natural_person", 5).
		Set("requests.total.total", 6).Set("requests.carried_forward.natural_person", 1).MustReport()
	want := []string{
		"requests-outcomes requests.total.natural_person: 表三“（七）总计”自然人列为5，但各项办理结果之和为6（“（一）予以公开”3、“（三）不予公开/9.属于编造的测试事项”3，其余为0）",
		"requests-row-total requests.denied.made_up.total: 表三“（三）不予公开/9.属于编造的测试事项”行总计为3，但六类申请人之和为4（3+1+0+0+0+0）",
	}
	if got := check(c, r); !slices.Equal(got, want) {
		t.Errorf("a cell of the new row changed:\ngot  %q\nwant %q", got, want)
	}

	// The new identity, broken (the group's 总计, which adds up its row,
	// with it); and unchecked on a blank cell.
	r = base().Set("appeals.all.upheld", 2).MustReport()
	want = []string{
		"appeals-all appeals.all.total: 表四“合计”总计列为5，但按勾稽关系应为4（“行政复议”1+“行政诉讼/未经复议直接起诉”0+“行政诉讼/复议后起诉”0+“行政诉讼/其他方式起诉”3）",
		"appeals-all appeals.all.upheld: 表四“合计”结果维持列为2，但按勾稽关系应为1（“行政复议”1+“行政诉讼/未经复议直接起诉”0+“行政诉讼/复议后起诉”0+“行政诉讼/其他方式起诉”0）",
	}
	if got := check(c, r); !slices.Equal(got, want) {
		t.Errorf("the new identity broken:\ngot  %q\nwant %q", got, want)
	}
	r = base().Blank("appeals.litigation_other.pending").Set("appeals.litigation_other.total", 3).Set("appeals.all.pending", 1).Set("appeals.all.total", 4).MustReport()
	want = []string{
		"appeals-all appeals.all.pending: 无法核对表四“尚未审结”列的合计：表四“行政诉讼/其他方式起诉”尚未审结列为空，不是数字",
		"appeals-total appeals.litigation_other.total: 无法核对表四“行政诉讼/其他方式起诉”的总计：表四“行政诉讼/其他方式起诉”尚未审结列为空，不是数字",
	}
	if got := check(c, r); !slices.Equal(got, want) {
		t.Errorf("the new identity unchecked:\ngot  %q\nwant %q", got, want)
	}

	// The new row left out: row-missing names it.
	r = base().MustReport()
	tab := r.Table(report.Requests)
	for i := range tab.Rows {
		if tab.Rows[i].Key == "denied.made_up" {
			tab.Rows = append(tab.Rows[:i], tab.Rows[i+1:]...)
			break
		}
	}
	if got := check(c, r); len(got) != 1 || !strings.HasPrefix(got[0], "row-missing requests.denied.made_up.natural_person: 表三缺少“（三）不予公开/9.属于编造的测试事项”行") {
		t.Errorf("the new row left out: %q", got)
	}
}

// TestMadeUpGenerated runs the generator over the made-up template: its
// reports, consistent or broken in one named way, get exactly the findings
// of the rule they break from a Checker given that template, as the
// standard template's do (TestGenerated).
func TestMadeUpGenerated(t *testing.T) {
	tmpl := reporttest.MadeUpTemplate()
	c := &validate.Checker{Template: tmpl, Rules: append(validate.Standard(), madeUpRule)}
	n := 20
	if testing.Short() {
		n = 4
	}
	for _, b := range reporttest.Breakages() {
		for seed := uint64(1); seed <= uint64(n); seed++ {
			g := reporttest.Generate(seed, reporttest.Options{Template: tmpl, Break: b})
			t.Run(fmt.Sprintf("%s/%d", b, seed), func(t *testing.T) {
				if g.Break != reporttest.MissingRow && g.Break != reporttest.Hybrid && g.Report.Table(report.Requests).Row("denied.made_up") == nil {
					t.Fatal("the made-up row is not in the report")
				}
				if g.Report.Table(report.Appeals).Row("all") == nil {
					t.Fatal("the made-up group is not in the report")
				}
				if g.Detail != "" {
					t.Log(g.Detail)
				}
				checkGenerated(t, c, g)
			})
		}
	}
}
