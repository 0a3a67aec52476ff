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
//   - PDFPlain: the text plain pdftotext extracts, whose tables come
//     in pieces (labels in one block, columns in bands of rows after it):
//     the pieces are put back where the counts of rows, numbers and
//     blocks leave one way only, and a page or table that does not fit
//     is reported, not guessed. (pdftotext -raw, and copying the text
//     from a PDF viewer, give each row on a line: Glued reads that.)
//
// PDF files themselves are read by package parse/pdf (PDFium compiled to
// WebAssembly, in pure Go), which this package does not import: add its
// pdf.Parser to Config.Parsers. Without it, Parse and Detect answer a PDF
// (%PDF- in its first 1024 bytes) with an ErrUnknownLayout that names the
// package. A parser of another package gets a Config's limits by
// implementing LimitsParser.
//
// Parse detects the layout and parses; Detect tells which parser it picks;
// calling a parser's Parse forces it.
//
// Text may be UTF-8 (with or without a BOM), GBK/GB18030 (what older
// Chinese Windows tools save; detected when the bytes are not UTF-8 and
// decode as Chinese text) or UTF-16 with a BOM, with LF, CRLF or CR line
// ends: all read alike, with the same positions, counted in characters.
// A NUL byte, or bytes that are none of these, are an ErrSyntax at their
// position; binary input (an image, an archive that is not a DOCX) is no
// layout at all.
//
// Limits cap what is read (input size, line length, table cells, nesting
// depth of HTML, JSON and DOCX, a DOCX's entries and unpacked size), so
// that hostile input (a zip bomb, a page nested 100,000 deep) gets an
// error wrapping ErrLimit, at a position, instead of a hang or a crash.
// Parse and Detect use DefaultLimits; a Config sets other limits, or other
// parsers, and ParseReader (through ReadInput) reads no more of a stream
// than the limit.
//
// Nothing is corrected: a wrong total stays wrong, a blank cell stays blank
// (it is not a zero), text in a cell stays text. What cannot be read is
// left out of the report and reported in the error, with its position.
package parse
