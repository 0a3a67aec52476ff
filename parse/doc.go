// Package parse reads 政府信息公开工作年度报告 in the layouts they are
// published in, into a report.Report.
//
// Each layout has a Parser. The parsers of text layouts are a tokenizer
// each, which turns the text into lines and table cells (Token); one shared
// binder (Bind) matches them against the template of package report: it
// finds the sections by their headings, the rows by their labels, the
// columns by the table headers, and keeps every cell as published, with its
// position. The layouts of this package:
//
//   - Cells: one cell per line, tab-indented, rows separated by blank lines
//     (text copied from Word).
//   - TSV: one row per line, cells separated by tabs.
//   - Pipes: cells ending in " |", as copied from web pages.
//   - HTML: web pages as crawled, Word- or WPS-made markup inside a site's
//     page, in UTF-8 or GBK/GB18030; its tokenizer reads elements, merged
//     cells and encodings, and feeds the same binder.
//   - JSON: the canonical JSON of package render.
//
// Parse detects the layout and parses; Detect tells which parser it picks;
// calling a parser's Parse forces it.
//
// Nothing is corrected: a wrong total stays wrong, a blank cell stays blank
// (it is not a zero), text in a cell stays text. What cannot be read is
// left out of the report and reported in the error, with its position.
package parse
