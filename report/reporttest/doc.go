// Package reporttest helps test code that reads, writes or checks
// 政府信息公开工作年度报告, in the spirit of net/http/httptest and
// testing/iotest:
//
//   - Builder builds a report in code, cell by cell, by the template's keys
//     (requests.granted.natural_person), complete and, with FillTotals,
//     consistent;
//   - Generate makes realistic reports from a seed, consistent or broken in
//     one named way (a Breakage: a wrong 总计, a broken 勾稽关系, a blank
//     cell, a 2019/2021 hybrid…), and says as data which cells it broke;
//   - NewBuilderFor, Options.Template and MadeUpTemplate build and
//     generate reports of a template of one's own (a changed copy of a
//     standard one): totals are filled by the template's identities, so a
//     test can show that code follows the template rather than a copy;
//   - Diff and Equal compare two reports and write their differences by
//     cell key and official label (表三 （七）总计 / 自然人
//     [requests.total.natural_person]: 0 → 2), on go-cmp options that can
//     also be used with cmp.Diff (ByKey, IgnoreSources, IgnoreProse).
//
// A round trip through a renderer and a parser in a test:
//
//	want := reporttest.Generate(seed, reporttest.Options{}).Report
//	var buf bytes.Buffer
//	if err := (render.JSON{}).Render(&buf, want); err != nil {
//		t.Fatal(err)
//	}
//	got, err := parse.JSON.Parse(buf.Bytes())
//	if err != nil {
//		t.Fatal(err)
//	}
//	reporttest.Equal(t, want, got)
//
// The package depends only on package report and go-cmp (not on parse or
// render), so that the tests of every package can use it. It is a
// test-helper package: programs that are not tests have no use for it.
package reporttest
