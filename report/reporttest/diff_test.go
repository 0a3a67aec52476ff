package reporttest_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/opengovcn/annualreport/parse"
	"github.com/opengovcn/annualreport/render"
	"github.com/opengovcn/annualreport/report"
	"github.com/opengovcn/annualreport/report/reporttest"
)

// base is the builder the diff cases start from: a 2021 report with some
// prose and a few numbers.
func base() *reporttest.Builder {
	return reporttest.NewBuilder(report.V2021).Agency("某县人民政府").Year(2023).
		Prose(report.Overview, "本报告所列数据的统计期限自2023年1月1日起至2023年12月31日止。\n（二）依申请公开。共收到申请3件。").
		Prose(report.Other, "本机关2023年度未收取信息处理费。").
		Set("requests.new_received.natural_person", 3).
		Set("requests.granted.natural_person", 3).
		Set("appeals.review.upheld", 1).
		SetDec("active.fees.amount", "2.50")
}

func TestDiff(t *testing.T) {
	cases := []struct {
		name string
		edit func(b *reporttest.Builder, r *report.Report) *report.Report
		want string
	}{
		{"same", func(b *reporttest.Builder, r *report.Report) *report.Report { return b.MustReport() }, ""},
		{"changed cell", func(b *reporttest.Builder, r *report.Report) *report.Report {
			return b.Set("requests.total.natural_person", 2).MustReport()
		}, "表三 （七）总计 / 自然人 [requests.total.natural_person]: 0 → 2\n"},
		{"blank vs 0", func(b *reporttest.Builder, r *report.Report) *report.Report {
			return b.Blank("requests.denied.state_secret.research").MustReport()
		}, "表三 （三）不予公开 1.属于国家秘密 / 科研机构 [requests.denied.state_secret.research]: 0 → blank\n"},
		{"text and digits", func(b *reporttest.Builder, r *report.Report) *report.Report {
			return b.SetValue("active.licensing.decisions", report.TextValue("—")).SetDec("active.fees.amount", "2.5").MustReport()
		}, "表二 行政许可 / 本年处理决定数量 [active.licensing.decisions]: 0 → \"—\"\n" +
			"表二 行政事业性收费 / 本年收费金额（单位：万元） [active.fees.amount]: 2.50 → 2.5\n"},
		{"missing row, extra row", func(b *reporttest.Builder, r *report.Report) *report.Report {
			t := r.Table(report.Requests)
			t.Rows = append(t.Rows[:16], t.Rows[17:]...) // not_processed.duplicate
			t.Rows = append(t.Rows, report.Row{Key: "other_handling"})
			return r
		}, "表三 （五）不予处理 2.重复申请 [requests.not_processed.duplicate]: missing row\n" +
			"表三 （六）其他处理 [requests.other_handling]: extra row\n"},
		{"missing cell", func(b *reporttest.Builder, r *report.Report) *report.Report {
			row := r.Table(report.Appeals).Row("review")
			row.Cells = row.Cells[1:]
			return r
		}, "表四 行政复议 / 结果维持 [appeals.review.upheld]: 1 → missing\n"},
		{"rows in another order", func(b *reporttest.Builder, r *report.Report) *report.Report {
			rows := r.Table(report.Appeals).Rows
			rows[1], rows[2] = rows[2], rows[1]
			return r
		}, "表四: rows in another order: review, litigation_direct, litigation_after_review → review, litigation_after_review, litigation_direct\n"},
		{"prose and metadata", func(b *reporttest.Builder, r *report.Report) *report.Report {
			return b.Agency("某市人民政府").Year(2024).
				Prose(report.Overview, "本报告所列数据的统计期限自2023年1月1日起至2023年12月31日止。\n（二）依申请公开。共收到申请4件。").
				Prose(report.Other, "本机关2023年度共收取信息处理费0元。").
				Prose(report.Requests, "单位：件").
				MustReport()
		}, "agency: \"某县人民政府\" → \"某市人民政府\"\n" +
			"year: 2023 → 2024\n" +
			"title: \"某县人民政府2023年政府信息公开工作年度报告\" → \"某市人民政府2024年政府信息公开工作年度报告\"\n" +
			"一、总体情况, line 2: \"（二）依申请公开。共收到申请3件。\" → \"（二）依申请公开。共收到申请4件。\"\n" +
			"三、收到和处理政府信息公开申请情况: \"\" → \"单位：件\"\n" +
			"六、其他需要报告的事项: \"本机关2023年度未收取信息处理费。\" → \"本机关2023年度共收取信息处理费0元。\"\n"},
		{"template, preamble, trailer", func(b *reporttest.Builder, r *report.Report) *report.Report {
			r.Template = report.V2019
			r.Preamble = "为贯彻落实条例，编制本报告。"
			r.Trailer = "首页\n网站地图"
			return r
		}, "template: 2021 → 2019\n" +
			"preamble: \"\" → \"为贯彻落实条例，编制本报告。\"\n" +
			"trailer, line 1: \"\" → \"首页\"\n"},
		{"missing section and table", func(b *reporttest.Builder, r *report.Report) *report.Report {
			r.Sections = r.Sections[:5]
			r.Sections[1].Table = nil
			return r
		}, "表二: missing table\n" +
			"六、其他需要报告的事项: missing section\n"},
		{"sources are ignored", func(b *reporttest.Builder, r *report.Report) *report.Report {
			r.Src = report.Source{Line: 1, Col: 1, Text: r.Title}
			r.Lookup("requests.total.total").Src = report.Source{Line: 40, Col: 2, Text: "0"}
			return r
		}, ""},
	}
	for _, c := range cases {
		want := base().MustReport()
		got := c.edit(base(), base().MustReport())
		if d := reporttest.Diff(want, got); d != c.want {
			t.Errorf("%s: got\n%s\nwant\n%s", c.name, d, c.want)
		}
	}
}

func TestDiffOptions(t *testing.T) {
	want := base().MustReport()
	got := base().Prose(report.Overview, "另一段文字。").Set("requests.carried_over.research", 1).MustReport()
	got.Trailer = "首页"
	if d, w := reporttest.Diff(want, got, reporttest.IgnoreProse()), "表三 二、上年结转政府信息公开申请数量 / 科研机构 [requests.carried_over.research]: 0 → 1\n"; d != w {
		t.Errorf("IgnoreProse: got\n%s\nwant\n%s", d, w)
	}
	// ByKey alone compares sources; with IgnoreSources it does not.
	got = base().MustReport()
	got.Lookup("requests.total.total").Src = report.Source{Line: 40, Col: 2, Text: "0"}
	if cmp.Equal(want, got, reporttest.ByKey()) || !cmp.Equal(want, got, reporttest.ByKey(), reporttest.IgnoreSources()) {
		t.Error("ByKey must compare sources, and IgnoreSources ignore them")
	}
	if d := reporttest.Diff(nil, want); d != "report: nil → a report\n" {
		t.Errorf("nil: %q", d)
	}
}

// fakeT records what Equal reports.
type fakeT struct {
	testing.TB
	errs []string
}

func (f *fakeT) Helper() {}
func (f *fakeT) Errorf(format string, args ...any) {
	f.errs = append(f.errs, fmt.Sprintf(format, args...))
}

func TestEqual(t *testing.T) {
	want := base().MustReport()
	var ft fakeT
	if !reporttest.Equal(&ft, want, base().MustReport()) || len(ft.errs) != 0 {
		t.Errorf("equal reports: %v", ft.errs)
	}
	if reporttest.Equal(&ft, want, base().Set("appeals.review.upheld", 2).MustReport()) ||
		len(ft.errs) != 1 || ft.errs[0] != "reports differ (want → got):\n表四 行政复议 / 结果维持 [appeals.review.upheld]: 1 → 2\n" {
		t.Errorf("different reports: %q", ft.errs)
	}
}

// TestDiffRoundTrip: a report read back from its JSON, which has a source
// for everything, equals the built one.
func TestDiffRoundTrip(t *testing.T) {
	want := base().FillTotals().MustReport()
	var buf bytes.Buffer
	if err := (render.JSON{}).Render(&buf, want); err != nil {
		t.Fatal(err)
	}
	got, err := parse.JSON.Parse(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if got.Lookup("requests.total.total").Src.IsZero() {
		t.Fatal("parse.JSON gave no source")
	}
	reporttest.Equal(t, want, got)
}

// TestDiffGenerated: Diff of a report with itself is empty, and of two
// different reports (of either template) says something, without panics.
func TestDiffGenerated(t *testing.T) {
	for seed := range uint64(60) {
		b := reporttest.Breakages()[seed%uint64(len(reporttest.Breakages()))]
		a := reporttest.Generate(seed, reporttest.Options{Break: b}).Report
		if d := reporttest.Diff(a, reporttest.Generate(seed, reporttest.Options{Break: b}).Report); d != "" {
			t.Errorf("seed %d: same report differs:\n%s", seed, d)
		}
		other := reporttest.Generate(seed+1000, reporttest.Options{}).Report
		if d := reporttest.Diff(a, other); d == "" || !strings.HasSuffix(d, "\n") {
			t.Errorf("seed %d: different reports give %q", seed, d)
		}
	}
}
