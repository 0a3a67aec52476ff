package reporttest_test

import (
	"fmt"

	"github.com/google/go-cmp/cmp"

	"github.com/opengovcn/annualreport/report"
	"github.com/opengovcn/annualreport/report/reporttest"
)

func ExampleBuilder() {
	r, err := reporttest.NewBuilder(report.V2021).
		Agency("某县人民政府").Year(2023).
		Prose(report.Overview, "2023年，本机关共收到政府信息公开申请3件。").
		Set("requests.new_received.natural_person", 3).
		Set("requests.granted.natural_person", 2).
		Set("requests.unable.not_held.natural_person", 1).
		SetDec("active.fees.amount", "1.25").
		Blank("appeals.review.pending").
		Set("appeals.review.total", 0).
		FillTotals().
		Report()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.Title)
	for _, path := range []string{
		"requests.total.natural_person",
		"requests.total.total",
		"requests.carried_forward.total",
		"active.fees.amount",
		"appeals.review.pending",
		"appeals.review.upheld",
	} {
		c := r.Lookup(path)
		fmt.Printf("%s: %s %q\n", path, c.Kind, c.Value)
	}
	// Output:
	// 某县人民政府2023年政府信息公开工作年度报告
	// requests.total.natural_person: number "3"
	// requests.total.total: number "3"
	// requests.carried_forward.total: number "0"
	// active.fees.amount: number "1.25"
	// appeals.review.pending: blank ""
	// appeals.review.upheld: number "0"
}

func ExampleBuilder_Report_unknownKey() {
	_, err := reporttest.NewBuilder(report.V2021).Set("requests.granted.natrual_person", 1).Report()
	fmt.Println(err)
	// Output:
	// reporttest: no cell "requests.granted.natrual_person" in the 2021 template; nearest valid key: requests.granted.natural_person
}

func ExampleGenerate() {
	g := reporttest.Generate(42, reporttest.Options{Version: report.V2021, Break: reporttest.WrongTotal})
	fmt.Println(g.Break, "breaks rule", g.Break.Rule(), "at", g.Keys)
	fmt.Println(g.Detail)
	for _, k := range g.Keys {
		fmt.Println(k, "=", g.Report.Cell(k).Value)
	}
	// Output:
	// wrong_total breaks rule 3 at [requests.total.natural_person requests.total.total]
	// requests.total.natural_person is 723 where its column's outcome rows add up to 720 (rule 3); requests.total.total is 3 more than the outcome rows' totals too
	// requests.total.natural_person = 723
	// requests.total.total = 723
}

func ExampleDiff() {
	b := reporttest.NewBuilder(report.V2021).Agency("某县人民政府").Year(2023)
	want := b.MustReport()
	got := b.Set("requests.total.natural_person", 2).
		Blank("requests.denied.state_secret.research").
		Year(2024).
		MustReport()
	fmt.Print(reporttest.Diff(want, got))
	// Output:
	// year: 2023 → 2024
	// title: "某县人民政府2023年政府信息公开工作年度报告" → "某县人民政府2024年政府信息公开工作年度报告"
	// 表三 （三）不予公开 1.属于国家秘密 / 科研机构 [requests.denied.state_secret.research]: 0 → blank
	// 表三 （七）总计 / 自然人 [requests.total.natural_person]: 0 → 2
}

func ExampleIgnoreProse() {
	b := reporttest.NewBuilder(report.V2019).Prose(report.Problems, "（一）存在的主要问题。")
	want := b.MustReport()
	got := b.Prose(report.Problems, "（一）存在的主要问题及改进情况。").Set("active.licensing.change", -2).MustReport()
	fmt.Print(reporttest.Diff(want, got, reporttest.IgnoreProse()))
	// Output:
	// 表二 行政许可 / 本年增/减 [active.licensing.change]: 0 → -2
}

// ByKey and IgnoreSources work with go-cmp itself, for instance to compare
// sources too, or in cmp.Equal.
func ExampleByKey() {
	b := reporttest.NewBuilder(report.V2021).Set("appeals.review.upheld", 1)
	want, got := b.MustReport(), b.MustReport()
	got.Lookup("appeals.review.upheld").Src = report.Source{Line: 80, Col: 2, Text: "1"}
	fmt.Println(cmp.Equal(want, got, reporttest.ByKey()))
	fmt.Println(cmp.Equal(want, got, reporttest.ByKey(), reporttest.IgnoreSources()))
	// Output:
	// false
	// true
}
