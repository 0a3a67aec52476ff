// Package pdf reads annual reports published as PDF, in pure Go: no cgo,
// no system library, no external process.
//
// The PDF engine is PDFium (the PDF engine of Chrome) compiled to
// WebAssembly and run by wazero, through github.com/klippa-app/go-pdfium's
// webassembly implementation. It lives in this package of its own so that a
// program that imports package parse alone pulls in no PDF engine; parse.Parse
// given a PDF without it says to import this package.
//
// # Use
//
// Add Parser to the parsers of a parse.Config; detection picks PDFs by their
// magic bytes (%PDF-):
//
//	cfg := parse.Config{Parsers: append(parse.Standard(), pdf.Parser)}
//	r, err := cfg.Parse(src)
//
// or call Parser.Parse, or ParseContext with a context whose deadline bounds
// the reading.
//
// # Reading the page's geometry
//
// PDFium gives every character of a page with its box (the loose box: its
// advance and its font's ascent and descent) and every path object the
// page draws. The reader turns them into the tokens of parse.Bind, the
// binder every layout shares:
//
//   - characters are grouped into lines by their vertical overlap, left to
//     right, a space where a gap stands between two of them: wider than a
//     fifth of their height between Latin characters (a word space),
//     than 0.3 of it beside a Chinese one (word processors set a gap of
//     their own between Chinese and Latin text, 2024年, which is no
//     character);
//   - thin path objects (at most 2.5 pt across) are the table's rules, and
//     so are the horizontal and vertical lines a wider path strokes (some
//     producers draw a grid as one path); a filled wide path is a
//     background;
//     rules that touch make a table, whose grid is every position of its
//     rules, and grid places with no rule between them are one merged cell
//     (spanning rows or columns), read in the first row it spans as the
//     DOCX and HTML layouts read merged cells; every cell, empty or not, is
//     a cell token, and each grid row ends with a row end;
//   - a table at the top of a page, with no text between it and a table at
//     the bottom of the page before, continues it: a merged label that the
//     page break cut in two (（四）无 | 法提供) is joined when together the
//     pieces make a label of the template, and header rows repeated at the
//     top of the page are dropped;
//   - page numbers (-3-, 第3页, 3/6) and running headers and footers (the same
//     line in the top or bottom tenth of several pages) are dropped;
//   - lines outside tables are prose and headings, joined into paragraphs:
//     a line continues the one before it when that one runs to the right
//     margin and this one starts neither indented nor with a heading's
//     number (二、, （三）), across page breaks too.
//
// Without rules (a table drawn without borders) the lines of a table are
// given to the binder as lines, which it reads as prose, and the table's
// section is reported as holding no table: read such a PDF's text with
// `pdftotext -layout` and parse.PDFText.
//
// # Positions
//
// Every cell, label, heading and title of the report knows its page and
// its box in points, from the page's top-left corner, y growing downward
// (report.Source's Page and Box); a table cell's box is the cell as ruled,
// a line's the box of its characters. Source's Line and Col (and those of
// errors) count in the text that Text returns: a line per line of
// characters, page after page, dropped lines included, cells of a table
// row on one line separated by a space.
//
// # Runtime
//
// The engine starts once per process (SharedEngine, on the first PDF read),
// which compiles the WebAssembly module: about 3.5 s the first time, well
// under one second when wazero's compilation cache on disk (under
// os.UserCacheDir, or ANNUALREPORT_PDFIUM_CACHE, or EngineOptions.CacheDir)
// already holds it. Each document is read by a fresh instance of the
// module from a pool (EngineOptions.Workers at once), which sees no file
// system and at most EngineOptions.MemoryMB of memory: a hostile PDF runs
// inside the sandbox, not in the process.
//
// # Bad PDFs
//
// An encrypted PDF gets ErrEncrypted, a damaged or truncated one
// ErrDamaged, one of more pages than parse.Limits.Pages or bytes than
// Limits.Input parse.ErrLimit, before any page is read. Pages without any
// character (a scan) are reported as ErrScanned, "scanned, no text layer:
// needs OCR", with their page numbers; a PDF whose every page is so gives
// an empty report. A PDF with text that is not a report gets the binder's
// parse.ErrNoReport. The reading stops with the context's error when the
// context ends or Options.Timeout passes: the WebAssembly instance is
// closed mid-call, so that no PDF hangs the caller.
package pdf
