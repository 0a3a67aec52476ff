package pdf

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/opengovcn/annualreport/parse"
)

// fuzzRunes are the characters the fuzzer sets on pages: digits, the
// marks of labels, and characters of the template's labels and headings.
var fuzzRunes = []rune("0123456789.-—、（）一二三四五六七八九十总体情况主动公开政府信息申请数量自然人商业企业其他处理结果维持纠正行政复议诉讼第条项页")

// fuzzPages decodes bytes into pages of glyphs and rules: a glyph from
// every 5 bytes (character, x, y, width, height), a rule when the first
// byte is odd and the next ones say so.
func fuzzPages(data []byte) []page {
	var pages []page
	cur := page{n: 1, w: 595, h: 842}
	for len(data) >= 5 {
		b := data[:5]
		data = data[5:]
		switch {
		case b[0] == 0xff: // a new page
			pages = append(pages, cur)
			cur = page{n: len(pages) + 1, w: 595, h: 842}
		case b[0]&1 == 1 && b[0] > 0xc0: // a rule, thin one way
			x, y, l := float64(b[1])*2.3, float64(b[2])*3.3, float64(b[3])*2
			if b[4]&1 == 0 {
				cur.rules = append(cur.rules, rule{x0: x, y0: y, x1: x + l, y1: y + 1})
			} else {
				cur.rules = append(cur.rules, rule{x0: x, y0: y, x1: x + 1, y1: y + l})
			}
		default:
			r := fuzzRunes[int(b[0])%len(fuzzRunes)]
			x, y := float64(b[1])*2.3, float64(b[2])*3.3
			w, h := float64(b[3]%24), float64(b[4]%24)
			cur.glyphs = append(cur.glyphs, glyph{r: r, x0: x, y0: y, x1: x + w, y1: y + h})
		}
	}
	return append(pages, cur)
}

// FuzzBuild fuzzes the reader's own code, the building of tokens from
// glyphs and rules (not PDFium): it never panics, every token points at a
// line of the text it makes, a cell's text is its glyphs', and the binder
// takes the tokens.
func FuzzBuild(f *testing.F) {
	// A ruled table of two rows and two columns with a label and a number,
	// a heading above it, a page number below, and a second page.
	f.Add([]byte{
		4, 40, 20, 14, 14, 5, 46, 20, 14, 14, // 二、
		0xc1, 30, 40, 100, 0, 0xc1, 30, 50, 100, 0, 0xc1, 30, 60, 100, 0,
		0xc3, 30, 40, 60, 1, 0xc3, 80, 40, 60, 1, 0xc3, 130, 40, 60, 1,
		20, 35, 44, 14, 14, 1, 90, 44, 8, 14, 2, 90, 54, 8, 14,
		0xff, 0, 0, 0, 0, 3, 120, 250, 8, 10,
	})
	f.Add([]byte("ordinary text as glyphs and rules, whatever it makes"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 4000 {
			return
		}
		pages := fuzzPages(data)
		tm := time.AfterFunc(20*time.Second, func() { panic("FuzzBuild: one input took over 20 s") })
		defer tm.Stop()
		d := build(pages)
		lines := bytes.Count(d.text, []byte("\n"))
		if lines != len(d.lines) {
			t.Fatalf("text of %d lines, %d lines", lines, len(d.lines))
		}
		for _, tok := range d.toks {
			if tok.Line < 1 || tok.Line > max(len(d.lines), 1) || tok.Col < 1 {
				t.Fatalf("token %+v outside the text's %d lines", tok, len(d.lines))
			}
			if strings.ContainsAny(tok.Text, "\t\r") || strings.Contains(tok.Text, "\n\n") || tok.Kind == parse.LineToken && strings.Contains(tok.Text, "\n") {
				t.Fatalf("token %+v: blanks that no glyph makes", tok)
			}
		}
		r, _ := read(pages, parse.DefaultLimits)
		if r == nil {
			t.Fatal("nil report")
		}
	})
}
