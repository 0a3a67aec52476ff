package parse

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/opengovcn/annualreport/report"
)

// This file recovers the lines of a text whose line breaks were lost: a
// crawler's dump of a web page's textContent, where the whole body of a
// report (headings, paragraphs, the tables' header words and rows) runs on
// one line, and white space is all that is left of the page's blocks and
// cells. It is a step below the layouts: it gives back the lines such a
// text would have had, each with where it starts in the input, and a
// layout tokenizes them as it tokenizes any text.
//
// The line breaks are put back by what the template says, nothing else:
// before a section's heading; in prose, at white space (where the page's
// paragraphs met); in a table, before each label that starts a row, a
// group of rows or an item of 表二 (a row label right after its group
// label stays with it, as （三）不予公开 1.属于国家秘密), so that each line
// is a row's labels followed by its digits. A number of a row label glued
// to the digits before it (…00000002.其他法律行政法规禁止公开) is the label's:
// a label number is one digit followed by its separator.

// origin is where a recovered line starts in the input: its 1-based line,
// and the number of characters before it on that line.
type origin struct {
	line, col0 int
}

// origins are the origins of recovered lines, in order.
type origins []origin

// pos returns the input position of line n (1-based), column col of the
// recovered lines.
func (o origins) pos(n, col int) (int, int) {
	if n < 1 || n > len(o) {
		return n, col
	}
	return o[n-1].line, o[n-1].col0 + col
}

// relineMin is the length in bytes from which a line is looked at for
// lost line breaks: a report's lines, even a long paragraph, are shorter.
const relineMin = 2000

// needsReline reports whether the text has a line long enough to hold
// several of a report's lines run together.
func needsReline(lines []string) bool {
	for _, l := range lines {
		if len(l) >= relineMin {
			return true
		}
	}
	return false
}

// reline returns the lines of lines with their lost line breaks put back,
// and where each starts in the input. Lines shorter than relineMin are
// kept as they are; the sections seen so far carry across lines.
func reline(lines []string) ([]string, origins) {
	out := make([]string, 0, 2*len(lines))
	from := make(origins, 0, 2*len(lines))
	r := reliner{}
	for i, l := range lines {
		if len(l) < relineMin {
			// A line of its own may still be a heading: the sections
			// it opens count for the long lines after it.
			if s, ok := heading(l); ok && s.Number > r.last {
				r.enter(s)
			}
			out = append(out, l)
			from = append(from, origin{line: i + 1})
			continue
		}
		at, col := 0, 0 // the characters before byte at, counted as the segments go
		segs := r.segments(l)
		out, from = slices.Grow(out, len(segs)), slices.Grow(from, len(segs))
		for _, seg := range segs {
			col += utf8.RuneCountInString(l[at:seg[0]])
			at = seg[0]
			out = append(out, l[seg[0]:seg[1]])
			from = append(from, origin{line: i + 1, col0: col})
		}
	}
	return out, from
}

// reliner carries the section a long line has reached.
type reliner struct {
	last  int               // the number of the last section entered
	table report.SectionKey // its table, or ""
	// inHeader is true while no row label of the table has been seen.
	inHeader bool
}

func (r *reliner) enter(s *report.SectionSpec) {
	r.last = s.Number
	r.table = ""
	if s.Table != nil {
		r.table = s.Key
	}
	r.inHeader = true
}

// headingEnds are the words the templates' section headings end with
// (情况, 事项): a heading run together with what follows it ends at the
// first of them.
var headingEnds = func() []string {
	var ends []string
	for _, t := range report.Templates() {
		for _, s := range t.Sections {
			for _, h := range append([]string{s.Heading}, s.Aliases...) {
				rs := []rune(h)
				if len(rs) < 2 {
					continue
				}
				end := string(rs[len(rs)-2:])
				if !strings.Contains(strings.Join(ends, "|"), end) {
					ends = append(ends, end)
				}
			}
		}
	}
	return ends
}()

// headingAt reports whether a section heading of a number above r.last
// starts at byte i of the folded line f, and returns where it ends in f.
func (r *reliner) headingAt(fl folded, i int) (*report.SectionSpec, int, bool) {
	f := fl.f
	c, size := utf8.DecodeRuneInString(f[i:])
	if !strings.ContainsRune("一二三四五六", c) {
		return nil, 0, false
	}
	if n := report.Numeral(string(c)); n <= r.last || n > 6 {
		return nil, 0, false
	}
	// The number's separator.
	if j := i + size; j >= len(f) || !strings.ContainsRune("、.,:", rune(f[j])) && !strings.HasPrefix(f[j:], "、") {
		return nil, 0, false
	}
	// The heading runs to the first of its end words, not far away.
	limit := min(len(f), i+3*48)
	end := -1
	for _, w := range headingEnds {
		if k := strings.Index(f[i:limit], w); k >= 0 && (end < 0 || i+k+len(w) < end) {
			end = i + k + len(w)
		}
	}
	if end < 0 {
		return nil, 0, false
	}
	s, ok := heading(fl.line[fl.orig[i]:fl.orig[end]])
	if !ok || s.Number <= r.last {
		return nil, 0, false
	}
	return s, end, true
}

// segments cuts a long line into the lines it ran together, as byte
// ranges of the line, blanks trimmed at either end.
func (r *reliner) segments(line string) [][2]int {
	fl := foldLine(line)
	f := fl.f
	var cuts []int // folded offsets where a new line starts
	cut := func(i int) {
		if i > 0 && (len(cuts) == 0 || cuts[len(cuts)-1] != i) {
			cuts = append(cuts, i)
		}
	}
	prev := classValue // what stood before i in a table: a label's class, or classValue for digits and text
	for i := 0; i < len(f); {
		if s, end, ok := r.headingAt(fl, i); ok && (r.table == "" || matchLabel(r.table, f[i:]) == 0) {
			cut(i)
			cut(end)
			r.enter(s)
			prev, i = classValue, end
			continue
		}
		if r.table == "" {
			if fl.cut[i] {
				cut(i) // white space between paragraphs
			}
			_, size := utf8.DecodeRuneInString(f[i:])
			i += size
			continue
		}
		if isDigit(f[i]) && (i+1 >= len(f) || f[i+1] != '.' && !strings.HasPrefix(f[i+1:], "、")) {
			// Digits of a row: a label's number is one digit followed
			// by its separator.
			prev = classValue
			i++
			continue
		}
		if m := matchLabel(r.table, f[i:]); m > 0 {
			c, _ := classify(r.table, fl.line[fl.orig[i]:fl.orig[i+m]], r.inHeader)
			switch c {
			case classRow, classGroup, classItem:
				if !(prev == classGroup && c != classGroup) {
					cut(i)
				}
				if c != classItem {
					r.inHeader = false
				}
			}
			prev = c
			i += m
			continue
		}
		_, size := utf8.DecodeRuneInString(f[i:])
		prev = classValue
		i += size
	}
	var segs [][2]int
	start := 0
	for _, c := range append(cuts, len(f)) {
		a, b := fl.orig[start], fl.orig[c]
		seg := line[a:b]
		lead := len(seg) - len(strings.TrimLeft(seg, " \t\u3000\u00a0"))
		seg = strings.TrimRight(seg[lead:], " \t\u3000\u00a0")
		if seg != "" {
			segs = append(segs, [2]int{a + lead, a + lead + len(seg)})
		}
		start = c
	}
	return segs
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
