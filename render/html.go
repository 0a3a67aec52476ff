package render

import (
	"bufio"
	"fmt"
	"html"
	"io"
	"strings"

	"github.com/opengovcn/annualreport/report"
)

// HTML writes a report as HTML5 in the official form: the title, the six
// sections under their official headings with their prose as paragraphs,
// and the three tables drawn as the template draws them, merged cells as
// rowspan and colspan: in 表三 the 勾稽关系 note over the label columns, the
// three header rows, and 三、本年度办理结果 and the groups （三） to （六）
// merged down over their rows; in 表四 行政复议 and 行政诉讼 over their
// columns. Cells hold what the report holds (a blank cell is an empty td);
// all text is escaped.
//
// The zero HTML writes a standalone page with a small stylesheet that looks
// like the printed form (宋体 and 仿宋 with their usual fallbacks, ruled
// tables, centred numbers, A4 when printed).
type HTML struct {
	// Fragment writes only an <article> holding the report, to embed in a
	// page, without the document around it or the stylesheet. Its elements
	// carry the classes the stylesheet (HTMLStyle) styles.
	Fragment bool
}

// HTMLStyle is the stylesheet of the standalone page, for pages that embed
// a fragment.
const HTMLStyle = `body { margin: 2em auto; max-width: 60em; padding: 0 1em; color: #000; background: #fff; }
article.annual-report { font-family: "FangSong", "仿宋", "FangSong_GB2312", "仿宋_GB2312", "STFangsong", serif; font-size: 16px; line-height: 1.75; }
article.annual-report h1 { font-family: "SimSun", "宋体", "Songti SC", "STSong", serif; font-size: 22px; font-weight: bold; text-align: center; margin: 1em 0; }
article.annual-report h2 { font-family: "SimHei", "黑体", "Heiti SC", "STHeiti", sans-serif; font-size: 16px; font-weight: normal; margin: 1em 0 0; }
article.annual-report p { text-indent: 2em; margin: 0; }
article.annual-report table { border-collapse: collapse; width: 100%; margin: .5em 0 1em; font-family: "SimSun", "宋体", "Songti SC", "STSong", serif; font-size: 14px; line-height: 1.4; }
article.annual-report th, article.annual-report td { border: 1px solid #000; padding: .25em .4em; }
article.annual-report th { font-weight: normal; text-align: center; vertical-align: middle; }
article.annual-report tbody th { text-align: left; }
article.annual-report td { text-align: center; vertical-align: middle; }
article.annual-report th.note { font-size: 12px; text-align: left; }
article.annual-report .trailer { color: #666; }
@page { size: A4; margin: 2.5cm 2cm; }
@media print { body { margin: 0; max-width: none; padding: 0; } }
`

// Render writes r as HTML. It fails on a section, row or column key that
// neither template version knows, and on what a table of the form has no
// place for (a group of 表四 twice), as Text does.
func (h HTML) Render(w io.Writer, r *report.Report) error {
	if r == nil {
		return errNilReport
	}
	if err := checkMarks(r); err != nil {
		return err
	}
	l := newLookup(r)
	var b strings.Builder
	if !h.Fragment {
		title := r.Title
		if title == "" {
			title = "政府信息公开工作年度报告"
		}
		b.WriteString("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n")
		b.WriteString("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
		fmt.Fprintf(&b, "<title>%s</title>\n<style>\n%s</style>\n</head>\n<body>\n", esc(title), HTMLStyle)
	}
	b.WriteString("<article class=\"annual-report\">\n")
	if m := metaLine(r); m != "" {
		fmt.Fprintf(&b, "<p class=\"meta\">%s</p>\n", esc(m))
	}
	if r.Title != "" {
		fmt.Fprintf(&b, "<h1>%s</h1>\n", esc(r.Title))
	}
	paragraphs(&b, r.Preamble)
	for i := range r.Sections {
		s := &r.Sections[i]
		spec, err := l.section(s.Key)
		if err != nil {
			return err
		}
		fmt.Fprintf(&b, "<section class=\"%s\">\n<h2>%s</h2>\n", s.Key, esc(heading(spec)))
		paragraphs(&b, s.Prose)
		if s.Table != nil {
			g, err := l.layout(s.Table)
			if err != nil {
				return err
			}
			htmlTable(&b, g)
		}
		b.WriteString("</section>\n")
	}
	if t := trailerLines(r); t != nil {
		b.WriteString("<div class=\"trailer\">\n")
		paragraphs(&b, strings.Join(t, "\n"))
		b.WriteString("</div>\n")
	}
	b.WriteString("</article>\n")
	if !h.Fragment {
		b.WriteString("</body>\n</html>\n")
	}
	bw := bufio.NewWriter(w)
	bw.WriteString(b.String())
	return bw.Flush()
}

// heading is the official heading of a section with its number, such as
// 三、收到和处理政府信息公开申请情况.
func heading(spec *report.SectionSpec) string {
	return numerals[spec.Number] + "、" + spec.Heading
}

func esc(s string) string { return html.EscapeString(s) }

// paragraphs writes each line of prose as a paragraph.
func paragraphs(b *strings.Builder, prose string) {
	if prose == "" {
		return
	}
	for _, line := range strings.Split(prose, "\n") {
		fmt.Fprintf(b, "<p>%s</p>\n", esc(line))
	}
}

func htmlTable(b *strings.Builder, g *grid) {
	fmt.Fprintf(b, "<table class=\"%s\">\n", g.key)
	if g.head > 0 {
		b.WriteString("<thead>\n")
	}
	for i, row := range g.rows {
		if i == g.head {
			if i > 0 {
				b.WriteString("</thead>\n")
			}
			b.WriteString("<tbody>\n")
		}
		b.WriteString("<tr>")
		nv := countValues(row)
		for j, c := range row {
			tag, attrs := "td", ""
			switch {
			case c.kind == gNote:
				tag, attrs = "th", ` class="note"`
			case c.kind == gHead && nv > 0 && j == len(row)-1-nv:
				tag, attrs = "th", ` scope="row"`
			case c.kind == gHead:
				tag = "th"
			}
			if c.rowspan > 1 {
				attrs += fmt.Sprintf(` rowspan="%d"`, c.rowspan)
			}
			if c.colspan > 1 {
				attrs += fmt.Sprintf(` colspan="%d"`, c.colspan)
			}
			fmt.Fprintf(b, "<%s%s>%s</%s>", tag, attrs, esc(c.text), tag)
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</tbody>\n</table>\n")
}

// countValues counts the value cells of a row.
func countValues(row []gcell) int {
	n := 0
	for _, c := range row {
		if c.kind == gValue {
			n++
		}
	}
	return n
}
