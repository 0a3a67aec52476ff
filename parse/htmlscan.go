package parse

import (
	"strings"

	"golang.org/x/net/html"
)

// htmlToken is a token of a page as the tree builder needs it: its type,
// its source (the bytes text[start:end]; the tokens of a page cover it
// without gaps) and, for a start tag, the attributes that matter.
type htmlToken struct {
	tt               html.TokenType
	start, end       int
	rowspan, colspan int
	hidden           bool
}

// htmlTokenizer gives a page's tokens one by one: next fills t and reports
// whether there was one.
type htmlTokenizer interface {
	next(t *htmlToken) bool
}

// netTokens is x/net/html's Tokenizer, the reference: it reads every page.
type netTokens struct {
	z   *html.Tokenizer
	off int
}

func (n *netTokens) next(t *htmlToken) bool {
	tt := n.z.Next()
	if tt == html.ErrorToken {
		return false
	}
	raw := n.z.Raw()
	*t = htmlToken{tt: tt, start: n.off, end: n.off + len(raw), rowspan: 1, colspan: 1}
	n.off = t.end
	if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
		return true
	}
	// Only rowspan, colspan, hidden and a style's display matter: a tag
	// without those words (most of Word's) is not asked for its
	// attributes, which the tokenizer copies one by one.
	hasAttr := mayMatter(raw)
	if hasAttr {
		_, hasAttr = n.z.TagName()
	}
	for hasAttr {
		var k, v []byte
		k, v, hasAttr = n.z.TagAttr()
		switch string(k) {
		case "rowspan":
			t.rowspan = span(v)
		case "colspan":
			t.colspan = span(v)
		case "hidden":
			t.hidden = true
		case "style":
			t.hidden = t.hidden || displayNone(string(v))
		}
	}
	return true
}

// htmlScanner tokenizes a page exactly as x/net/html's Tokenizer does
// (TestHTMLScanner and FuzzHTMLScanner hold it to that), several times
// faster: it finds the ends of texts, quoted values and comments by
// searching for bytes instead of reading them one at a time, and copies
// nothing (a script that hides its end tag in "<!--", as old pages do, is
// read through HTML's script states, scriptEnd). It is sure of what it
// reads except where the page is broken or plays tricks: the end of the
// page inside a tag, a comment or a raw text such as a script; an
// attribute that matters written with a character reference. There it
// stops and sets unsure, and the page is read again with x/net/html.
type htmlScanner struct {
	s      string
	pos    int
	rawTag string // the element whose raw text comes next, in lower case; "" for none
	unsure bool
	keys   []string // the names of the attributes of the tag being read
}

// seenKey reports whether the tag being read has had an attribute named
// key, in any ASCII case.
func (z *htmlScanner) seenKey(key string) bool {
	for _, k := range z.keys {
		if len(k) == len(key) && asciiEqualFold(k, key) {
			return true
		}
	}
	return false
}

// asciiEqualFold reports whether s and t, of the same length, are equal
// with only ASCII letters folded, as the tokenizer compares names.
func asciiEqualFold(s, t string) bool {
	for i := 0; i < len(t); i++ {
		c, d := s[i], t[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if 'A' <= d && d <= 'Z' {
			d += 'a' - 'A'
		}
		if c != d {
			return false
		}
	}
	return true
}

// rawTags are the elements whose content the tokenizer reads as raw text,
// up to their end tag.
var rawTags = [...]string{"iframe", "noembed", "noframes", "noscript", "plaintext", "script", "style", "textarea", "title", "xmp"}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

func isHTMLSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' }

func (z *htmlScanner) next(t *htmlToken) bool {
	s := z.s
	*t = htmlToken{start: z.pos, rowspan: 1, colspan: 1}
	if z.unsure || z.pos >= len(s) {
		return false
	}
	if z.rawTag != "" {
		tag := z.rawTag
		z.rawTag = ""
		end := len(s)
		if tag != "plaintext" {
			end = rawTextEnd(s, z.pos, tag)
			if end < 0 {
				z.unsure = true
				return false
			}
		}
		if end > z.pos {
			t.tt, t.end, z.pos = html.TextToken, end, end
			return true
		}
	}
	// Text runs up to a '<' that starts a tag, a comment or a doctype.
	i := z.pos
	for {
		j := strings.IndexByte(s[i:], '<')
		if j < 0 {
			i = len(s)
			break
		}
		i += j
		if i+1 < len(s) {
			if c := s[i+1]; isASCIILetter(c) || c == '/' || c == '!' || c == '?' {
				break
			}
		} else {
			i = len(s)
			break
		}
		i++
	}
	if i > z.pos {
		t.tt, t.end, z.pos = html.TextToken, i, i
		return true
	}
	var end int
	switch c := s[i+1]; {
	case isASCIILetter(c):
		t.tt, end = z.tag(t, i+1, true)
	case c == '/':
		switch {
		case i+2 >= len(s):
			end = -1
		case s[i+2] == '>': // "</>": an empty comment
			t.tt, end = html.CommentToken, i+3
		case isASCIILetter(s[i+2]):
			t.tt, end = z.tag(t, i+2, false)
		default: // a bogus comment, up to '>'
			t.tt, end = html.CommentToken, closeAngle(s, i+2)
		}
	case c == '?':
		t.tt, end = html.CommentToken, closeAngle(s, i+1)
	default: // "<!"
		t.tt, end = z.markup(i + 2)
	}
	if end < 0 {
		z.unsure = true
		return false
	}
	t.end, z.pos = end, end
	return true
}

// closeAngle returns the offset after the first '>' at or after i, -1 if
// there is none.
func closeAngle(s string, i int) int {
	j := strings.IndexByte(s[i:], '>')
	if j < 0 {
		return -1
	}
	return i + j + 1
}

// markup reads what follows "<!" at i: a comment, a doctype or a bogus
// comment, and returns its type and end (-1 when unsure).
func (z *htmlScanner) markup(i int) (html.TokenType, int) {
	s := z.s
	if i+2 > len(s) {
		return html.CommentToken, -1
	}
	if s[i] == '-' && s[i+1] == '-' {
		return html.CommentToken, commentEnd(s, i+2)
	}
	if len(s)-i < len("DOCTYPE") {
		return html.CommentToken, -1 // the tokenizer may be in the middle of reading "DOCTYPE"
	}
	tt := html.CommentToken
	if asciiEqualFold(s[i:i+len("DOCTYPE")], "doctype") {
		tt = html.DoctypeToken
	}
	return tt, closeAngle(s, i)
}

// commentEnd returns the end of a comment whose data starts at i (after
// "<!--"), as the tokenizer's readComment finds it: "-->" after two or
// more dashes, "--!>", or a '>' right at the start ("<!-->", "<!--->").
func commentEnd(s string, i int) int {
	dashes, beginning := 0, true
	for ; i < len(s); i++ {
		switch s[i] {
		case '-':
			dashes++
			continue
		case '>':
			if dashes >= 2 || beginning {
				return i + 1
			}
		case '!':
			if dashes >= 2 {
				if i+1 >= len(s) {
					return -1
				}
				if s[i+1] == '>' {
					return i + 2
				}
				if s[i+1] == '-' {
					i++
					dashes, beginning = 1, false
					continue
				}
				i++ // the tokenizer reads the next byte and goes on after it
			}
		default:
			if dashes == 0 && !beginning {
				// Nothing to match here: go on at the next '-' or '>'.
				j := strings.IndexAny(s[i:], "->")
				if j < 0 {
					return -1
				}
				i += j - 1
				continue
			}
		}
		dashes, beginning = 0, false
	}
	return -1
}

// rawTextEnd returns where the raw text of tag starting at i ends: at the
// first "</tag" followed by white space, '/' or '>', in any case; -1 when
// unsure (no such end tag, or a script the tokenizer reads otherwise).
func rawTextEnd(s string, i int, tag string) int {
	start := i
	for {
		j := strings.Index(s[i:], "</")
		if j < 0 {
			return -1
		}
		i += j
		k := i + 2 + len(tag)
		if k < len(s) && asciiEqualFold(s[i+2:k], tag) && (isHTMLSpace(s[k]) || s[k] == '/' || s[k] == '>') {
			break
		}
		i += 2
	}
	if tag == "script" && strings.Contains(s[start:i], "<!--") {
		// "<!--" puts the tokenizer in the script's escaped states, where
		// a "<script" starts a double-escaped part that a "</script" only
		// ends: old pages hide document.write("<script …></script>") so.
		return scriptEnd(s, start)
	}
	return i
}

// scriptEnd returns where the raw text of a script starting at i ends, as
// the tokenizer's readScript finds it, through the script data states of
// HTML (escaped, double-escaped): the offset of the "</" of the end tag,
// or -1 when the text ends first.
func scriptEnd(s string, i int) int {
	// The escaped and double-escaped states each come as base, dash,
	// dash-dash and less-than, in that order.
	const (
		data = iota
		lessThan
		escapeStart
		escapeStartDash
		escaped
		escapedDash
		escapedDashDash
		escapedLessThan
		double
		doubleDash
		doubleDashDash
		doubleLessThan
	)
	state := data
	for i < len(s) {
		c := s[i]
		switch state {
		case data:
			i++
			if c == '<' {
				state = lessThan
			}
		case lessThan: // the byte is read again in data unless it is / or !
			switch c {
			case '/':
				end, next := endTagAt(s, i+1)
				if end {
					return i - 1
				}
				if next < 0 {
					return -1
				}
				i, state = next, data
			case '!':
				i, state = i+1, escapeStart
			default:
				state = data
			}
		case escapeStart, escapeStartDash:
			if c != '-' {
				state = data
				break
			}
			i++
			if state == escapeStart {
				state = escapeStartDash
			} else {
				state = escapedDashDash
			}
		case escaped, escapedDash, escapedDashDash, double, doubleDash, doubleDashDash:
			// The escaped and the double-escaped states go alike from
			// their base through its dash, dash-dash and less-than.
			base := escaped
			if state >= double {
				base = double
			}
			i++
			switch {
			case c == '-' && state == base:
				state = base + 1 // dash
			case c == '-':
				state = base + 2 // dash-dash
			case c == '<':
				state = base + 3 // less-than
			case c == '>' && state == base+2:
				state = data
			default:
				state = base
			}
		case escapedLessThan:
			switch {
			case c == '/':
				end, next := endTagAt(s, i+1)
				if end {
					return i - 1
				}
				if next < 0 {
					return -1
				}
				i, state = next, escaped
			case isASCIILetter(c):
				// The start of a double-escaped part: "script" and a
				// delimiter; otherwise the byte that differs is read
				// again in the escaped state.
				const word = "script"
				k := 0
				for k < len(word) && i+k < len(s) && s[i+k]|0x20 == word[k] {
					k++
				}
				switch {
				case i+k >= len(s):
					return -1
				case k < len(word):
					i, state = i+k, escaped
				case isHTMLSpace(s[i+k]) || s[i+k] == '/' || s[i+k] == '>':
					i, state = i+k+1, double
				default:
					i, state = i+k, escaped
				}
			default:
				state = data // as the tokenizer has it: not back to escaped
			}
		case doubleLessThan:
			if c != '/' {
				state = double
				break
			}
			end, next := endTagAt(s, i+1)
			switch {
			case end: // "</script" and its delimiter end the double-escaped part
				i, state = i+1+len("script")+1, escaped
			case next < 0:
				return -1
			default:
				i, state = next, double
			}
		}
	}
	return -1
}

// endTagAt reads "script" and a delimiter at i, after a "</", as the
// tokenizer's readRawEndTag does: end is true when they are there;
// otherwise next is where reading goes on (at the byte that differs), or
// -1 when the text ends first.
func endTagAt(s string, i int) (end bool, next int) {
	const word = "script"
	for k := 0; k < len(word); k++ {
		if i+k >= len(s) {
			return false, -1
		}
		if s[i+k]|0x20 != word[k] || !isASCIILetter(s[i+k]) {
			return false, i + k
		}
	}
	j := i + len(word)
	if j >= len(s) {
		return false, -1
	}
	if c := s[j]; isHTMLSpace(c) || c == '/' || c == '>' {
		return true, 0
	}
	return false, j
}

// tag reads a start or end tag whose name starts at i, with its
// attributes, as the tokenizer's readTag does, and returns its type and
// end (-1 when unsure). For a start tag it fills t's attributes and notes
// an element of raw text.
func (z *htmlScanner) tag(t *htmlToken, i int, start bool) (html.TokenType, int) {
	s := z.s
	nameStart := i
	for i < len(s) && !isHTMLSpace(s[i]) && s[i] != '/' && s[i] != '>' {
		i++
	}
	name := s[nameStart:i]
	if i < len(s) && isHTMLSpace(s[i]) {
		i++
	}
	// The tokenizer keeps the first of attributes with the same name
	// (in ASCII lower case); the end of the last one kept's value tells a
	// self-closing tag.
	z.keys = z.keys[:0]
	lastVal := -1
	for {
		for i < len(s) && isHTMLSpace(s[i]) {
			i++
		}
		if i >= len(s) {
			return 0, -1
		}
		if s[i] == '>' {
			break
		}
		// The name: up to white space, '/', '>', or an '=' that is not
		// its first character. A '/' is an empty name.
		k := i
		if s[i] != '/' {
			i++
			for i < len(s) && !isHTMLSpace(s[i]) && s[i] != '/' && s[i] != '>' && s[i] != '=' {
				i++
			}
		}
		if i >= len(s) {
			return 0, -1
		}
		key := s[k:i]
		// The value; without one, its place is the end of the name.
		valStart, valEnd := i, i
		j := i
		for j < len(s) && isHTMLSpace(s[j]) {
			j++
		}
		if j >= len(s) {
			return 0, -1
		}
		switch s[j] {
		case '/':
			i = j + 1
		case '=':
			j++
			for j < len(s) && isHTMLSpace(s[j]) {
				j++
			}
			if j >= len(s) {
				return 0, -1
			}
			switch q := s[j]; q {
			case '>':
				i = j
			case '\'', '"':
				e := strings.IndexByte(s[j+1:], q)
				if e < 0 {
					return 0, -1
				}
				valStart, valEnd = j+1, j+1+e
				i = valEnd + 1
			default:
				e := j
				for e < len(s) && !isHTMLSpace(s[e]) && s[e] != '>' {
					e++
				}
				if e >= len(s) {
					return 0, -1
				}
				valStart, valEnd = j, e
				i = e
			}
		}
		if key == "" || !start || z.seenKey(key) {
			continue
		}
		z.keys = append(z.keys, key)
		lastVal = valEnd
		v := s[valStart:valEnd]
		switch {
		case len(key) == 5 && asciiEqualFold(key, "style"):
			if strings.IndexByte(v, '&') >= 0 {
				return 0, -1 // the tokenizer unescapes character references in values
			}
			t.hidden = t.hidden || displayNone(v)
		case len(key) == 6 && asciiEqualFold(key, "hidden"):
			t.hidden = true
		case len(key) == 7 && asciiEqualFold(key, "rowspan"):
			if strings.IndexByte(v, '&') >= 0 {
				return 0, -1
			}
			t.rowspan = spanString(v)
		case len(key) == 7 && asciiEqualFold(key, "colspan"):
			if strings.IndexByte(v, '&') >= 0 {
				return 0, -1
			}
			t.colspan = spanString(v)
		}
	}
	end := i + 1
	if !start {
		return html.EndTagToken, end
	}
	for _, r := range rawTags {
		if len(r) == len(name) && asciiEqualFold(name, r) {
			z.rawTag = r
			break
		}
	}
	if s[end-2] == '/' && end-2 != lastVal-1 {
		return html.SelfClosingTagToken, end
	}
	return html.StartTagToken, end
}
