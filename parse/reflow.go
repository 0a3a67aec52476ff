package parse

import (
	"strings"
	"unicode/utf8"
)

// Paragraph reflow, a step below the layouts: text extracted from a PDF,
// and Markdown that converters write from one, breaks a paragraph into the
// lines of the page, every 30 characters or so, mid-sentence. A line that
// runs to the right margin (the width of the widest line of prose) goes on
// in the next, unless it ends a sentence short of the margin (the next
// paragraph's first line is indented, and would have left no room at the
// end of a full line).

// width is the display width of s: CJK characters take two columns in
// pdftotext -layout output.
func width(s string) int {
	w := 0
	for _, r := range s {
		if isWide(r) {
			w += 2
		} else {
			w++
		}
	}
	return w
}

// wrapped reports whether a line of prose s, width w, in text whose widest
// prose line is margin wide, goes on in the next line.
func wrapped(s string, w, margin int) bool {
	return w >= margin*9/10 && !(w < margin-4 && endsSentence(s))
}

// reflowing says how rewrap rebuilds a text's paragraphs.
type reflowing struct {
	// gap is how many lines after a paragraph's last line its next one
	// may stand: 2 lets a blank line stand between them (PDF text), 1
	// does not (in Markdown a blank line ends a paragraph).
	gap int
	// indent is the width a paragraph's first line lost with its indent
	// (a converter's Markdown drops it; PDF text keeps it).
	indent int
	// fixed tells the lines that are never part of a paragraph (a
	// Markdown heading); nil for none.
	fixed func(Token) bool
}

// rewrap rebuilds the paragraphs of text extracted from a PDF (pdftotext
// -raw, which marks its pages with form feeds, or a converter's Markdown),
// whose prose is wrapped into lines where the page's lines end: a line
// that runs to the right margin (the width of the widest prose line) goes
// on in the next line of prose, unless that one is a heading or starts a
// numbered sub-head. A line that ends a sentence two characters (a
// paragraph's indent) or more short of the margin ends its paragraph: the
// first line of the next is indented, and would have left no room at the
// end of a full line. The paragraph keeps the position of its first line,
// as in PDFText.
func rewrap(toks []Token, how reflowing) []Token {
	fixed := func(t Token) bool { return how.fixed != nil && how.fixed(t) }
	margin := 0
	for _, t := range toks {
		if t.Kind == LineToken && !fixed(t) {
			margin = max(margin, width(strings.ReplaceAll(t.Text, "\f", "")))
		}
	}
	out := toks[:0:0]
	para := -1         // the index in out of the paragraph being rebuilt
	var parts []string // its lines, joined when it ends: not one string grown line by line
	endPara := func() {
		if para >= 0 && len(parts) > 1 {
			out[para].Text = strings.Join(parts, "")
		}
		para, parts = -1, parts[:0]
	}
	goesOn := false
	last := 0 // the line of the last line added to it
	for _, t := range toks {
		if t.Kind != LineToken || fixed(t) {
			endPara()
			out = append(out, t)
			goesOn = false
			continue
		}
		text := strings.ReplaceAll(t.Text, "\f", "")
		s := trimSpace(text)
		_, head := heading(s)
		_, sub := subheadTitle(s)
		w := width(text)
		if para >= 0 && goesOn && !head && !sub && t.Line <= last+how.gap {
			parts = append(parts, s)
		} else {
			endPara()
			out = append(out, t)
			if !head {
				para, parts = len(out)-1, append(parts, t.Text)
				w += how.indent // the paragraph's first line
			}
		}
		last = t.Line
		goesOn = wrapped(s, w, margin)
	}
	endPara()
	return out
}

// endsSentence reports whether a line of prose ends a sentence: with a
// full stop, an exclamation or question mark, a semicolon or a colon.
func endsSentence(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune("。！？；：!?;:", r)
}
