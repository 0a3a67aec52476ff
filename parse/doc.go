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
//   - Markdown: GFM tables and # headings, including what PDF-to-Markdown
//     tools write (tables broken across pages, page footers, <br> in cells).
//   - Glued: the textContent of a web page, each table row's cells glued
//     together; the digits are cut into cells by the template's
//     constraints, and a row that cannot be cut in one way only is
//     reported with its candidates (SplitError), never guessed.
//   - JSON: the canonical JSON of package render.
//   - DOCX: Word documents (.docx); a tokenizer over word/document.xml,
//     where Line is the paragraph number and Col the character in it.
//   - PDFText: the text of a PDF as pdftotext -layout extracts it (page
//     numbers and form feeds dropped, paragraphs rebuilt).
//
// Parse detects the layout and parses; Detect tells which parser it picks;
// calling a parser's Parse forces it.
//
// Nothing is corrected: a wrong total stays wrong, a blank cell stays blank
// (it is not a zero), text in a cell stays text. What cannot be read is
// left out of the report and reported in the error, with its position.
package parse
