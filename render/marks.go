package render

import (
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
