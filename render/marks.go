package render

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/opengovcn/annualreport/report"
)

// trailerMarked reports whether a layout must write report.TrailerMark
// after the last section: when the report has a trailer, and when the last
// lines of section 六's prose look like one. Readers take the short lines
// without punctuation that end section 六 (navigation links, site names)
// for a trailer when no mark says where it starts (parse's splitTrailer):
// the mark, even with nothing after it, keeps such lines in 六.
func trailerMarked(r *report.Report) bool {
	if r.Trailer != "" {
		return true
	}
	s := r.Section(report.Other)
	if s == nil || !strings.Contains(s.Prose, "\n") {
		return false // the first line of 六 is never taken for a trailer
	}
	last := strings.TrimSpace(s.Prose[strings.LastIndexByte(s.Prose, '\n')+1:])
	return utf8.RuneCountInString(last) <= 16 && !strings.ContainsAny(last, "。，；！？,;!?：:")
}

// trailerLines is what a layout writes after the last section: the mark
// and the trailer's lines, or nothing.
func trailerLines(r *report.Report) []string {
	if !trailerMarked(r) {
		return nil
	}
	if r.Trailer == "" {
		return []string{report.TrailerMark}
	}
	return append([]string{report.TrailerMark}, strings.Split(r.Trailer, "\n")...)
}

// metaLine returns the line of report.MetaMark a layout writes first, or
// "" when the title it writes gives the metadata back: a title that says
// 报告 (readers take the first such line for the title) and names the
// report's agency and year as report.TitleParts reads them, and no line of
// the preamble that looks like a title (saying 报告 and 公开, without a
// full stop), which parse.HTML would take for it. A report without a title
// needs none unless it has an agency, a year or a preamble saying 报告.
func metaLine(r *report.Report) string {
	need := false
	for _, l := range strings.Split(report.Fold(r.Preamble), "\n") {
		need = need || strings.Contains(l, "报告") && strings.Contains(l, "公开") && !strings.Contains(l, "。")
	}
	if r.Title == "" {
		need = need || r.Agency != "" || r.Year != 0 || strings.Contains(report.Fold(r.Preamble), "报告")
	} else {
		agency, year := report.TitleParts(r.Title)
		need = need || !strings.Contains(report.Fold(r.Title), "报告") || agency != r.Agency || year != r.Year || year == 0
	}
	if !need {
		return ""
	}
	return report.MetaLine(r.Year, r.Agency, r.Title)
}

// checkMarks fails on text a layout would read back as one of the marks:
// a cell holding report.AbsentMark (it would read back as no cell), a line
// of prose that is report.TrailerMark (what follows would read back as
// the trailer), a title or a first line of preamble that starts with
// report.MetaMark. JSON, which needs no marks, holds them.
func checkMarks(r *report.Report) error {
	if strings.HasPrefix(strings.TrimSpace(r.Title), report.MetaMark) ||
		strings.HasPrefix(strings.TrimSpace(r.Preamble), report.MetaMark) {
		return fmt.Errorf("render: the title or preamble starts with %q, which this layout would read back as the line of metadata", report.MetaMark)
	}
	prose := []string{r.Preamble, r.Trailer}
	for i := range r.Sections {
		s := &r.Sections[i]
		prose = append(prose, s.Prose)
		if s.Table == nil {
			continue
		}
		for _, row := range s.Table.Rows {
			for _, c := range row.Cells {
				if c.Kind == report.Text && strings.TrimSpace(c.Text) == report.AbsentMark {
					return fmt.Errorf("render: %s.%s.%s holds %q, which this layout would read back as a cell the report does not hold", s.Key, row.Key, c.Column, c.Text)
				}
			}
		}
	}
	for _, p := range prose {
		for _, l := range strings.Split(p, "\n") {
			if strings.TrimSpace(l) == report.TrailerMark {
				return fmt.Errorf("render: a line of prose is %q, which this layout would read back as the start of the trailer", l)
			}
		}
	}
	return nil
}
