// Package annualreport reads, checks and writes China's government
// information disclosure annual reports (政府信息公开工作年度报告), the reports
// every administrative agency publishes each year in the standard template
// of the State Council's disclosure office (国办公开办函〔2021〕30号, and
// 〔2019〕60号 for 2019 and 2020).
//
// It is for portals that check a report before they publish it, for
// evaluators (第三方评估) who audit thousands of reports a year, and for
// researchers who build data sets from them.
//
// # Packages
//
//   - report: the canonical model, Report, and the template (模板) itself as
//     data: sections (一 to 六), tables (表二 主动公开, 表三 依申请公开, 表四
//     行政复议、行政诉讼), rows, columns, official labels and stable keys.
//   - parse: a Parser per published layout (Word documents, web pages,
//     Markdown, pdftotext output, text copied from Word or web pages, tab
//     separated, glued crawler text, the canonical JSON); Detect picks one.
//   - validate: the consistency rules of the template (勾稽关系 and the
//     rest) as values, rules of your own beside them, findings that point
//     at cells and lines; validate/validatetest tests rules on report files.
//   - render: writes a Report back in the official form: canonical JSON,
//     the template's text in three layouts, HTML, Markdown, DOCX and CSV.
//   - report/reporttest: for tests, a Builder of reports by cell key,
//     Generate for realistic reports (consistent, or broken in a named way),
//     and Diff/Equal, which compare reports by key and official label.
//   - examples/: small programs: check, convert, customrule and roundtrip.
//
// # Data flow
//
// Input in any layout goes through parse into a report.Report, which
// validate checks and render writes out:
//
//	parse → report.Report → validate, render
//
// # Principle
//
// A number this library returns is the published one, or it is not returned
// and the caller is told why, with the line and column:
//
//   - a blank cell (空白) is blank, not 0; text such as "—" or "无" stays text;
//   - published totals (总计) are kept even when they are wrong: nothing is
//     recomputed or corrected;
//   - rows are found by their labels, not by position, and so are the
//     columns of 表二, by its header labels; 表三 and 表四, whose columns the
//     template fixes, are read in the template's column order; a 表三 header
//     that orders them otherwise, or a row whose cells do not fit those
//     columns, is reported, not guessed.
package annualreport
