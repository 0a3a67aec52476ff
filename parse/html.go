package parse

import (
	"bytes"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/opengovcn/annualreport/report"
)

// HTML reads reports published as web pages, as crawled: a whole page with
// the site's navigation, scripts and footer around the article, or an
// article fragment; markup saved by Word (另存为网页) or WPS, where every run
// of text has its own <span> or <font>.
//
// Inline elements do not break text ("2</span><span>3" is 23); block
// elements (p, div, br, li, h1…h6, tr, td …) do. A table cell's text is its
// whole content, its paragraphs joined by "\n". A cell merged over several
// rows or columns (rowspan, colspan) is read once, in its first row, as
// text copied from Word gives it. A value merged over several columns is
// read only where the header cell above it spans the same columns (表二's
// 本年处理决定数量); elsewhere it is reported with ErrAmbiguous and its
// columns are left out of the row, never shifted.
//
// The article is the smallest element that holds the report's section
// headings, with the report's title when the page sets it apart (an <h1>
// above the article); the text before it is dropped and the text after it
// becomes the Trailer. script, style, head and hidden elements are skipped.
//
// The page may be in UTF-8 or in GBK/GB18030 (or any encoding a <meta
// charset> or http-equiv declares): input that is valid UTF-8 is read as
// UTF-8 whatever it declares (crawlers often store decoded pages with the
// original declaration); otherwise the declared encoding is used, and
// GB18030 when none is declared. Positions are lines and columns, in
// characters, of the decoded page, which has the lines of the original.
//
// A page is split into tags, texts and comments exactly as x/net/html's
// Tokenizer splits it, by a scanner of this package several times faster
// (tests and a fuzz target hold the two to the same tokens); a page the
// scanner cannot be sure of (one that ends inside a tag or a comment, say)
// is read with x/net/html's Tokenizer itself.
var HTML Parser = htmlParser{}

type htmlParser struct{}

func (htmlParser) Name() string { return "html" }

// Detect is sure of a document that starts with a tag and holds elements
// of HTML, and fairly sure of text with many of them.
func (htmlParser) Detect(src []byte) int {
	s := bytes.TrimLeft(bytes.TrimPrefix(src, []byte("\ufeff")), " \t\r\n")
	if hasPrefixFold(s, "<!doctype html") || hasPrefixFold(s, "<html") {
		return 100
	}
	// The tags below among the first 64 KiB (each '<' starts at most one).
	n := 0
	for rest := s[:min(len(s), 1<<16)]; ; rest = rest[1:] {
		i := bytes.IndexByte(rest, '<')
		if i < 0 {
			break
		}
		rest = rest[i:]
		for _, tag := range htmlTags {
			if hasPrefixFold(rest, tag) {
				n++
				break
			}
		}
	}
	switch {
	case n >= 3 && len(s) > 0 && s[0] == '<':
		return 98
	case n >= 10:
		return 97
	case n >= 3:
		return 50
	}
	return 0
}

// htmlTags are the tags whose count tells a page from text that mentions
// one, in lower case.
var htmlTags = []string{"<p>", "<p ", "</p>", "<td", "<tr", "<table", "<div", "</div>", "<br", "<span", "<font", "<meta", "<body", "<h1", "<h2"}

// hasPrefixFold reports whether b starts with prefix, ASCII letters
// compared without case; prefix is in lower case.
func hasPrefixFold(b []byte, prefix string) bool {
	if len(b) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		c := b[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != prefix[i] {
			return false
		}
	}
	return true
}

func (p htmlParser) Parse(src []byte) (*report.Report, error) {
	return p.parseLimits(src, DefaultLimits)
}

func (htmlParser) parseLimits(src []byte, lim Limits) (*report.Report, error) {
	if err := inputLimit(src, lim); err != nil {
		return &report.Report{}, err
	}
	text, err := decodeHTML(src)
	if err != nil {
		return &report.Report{}, err
	}
	pos := newLineIndex(text)
	if i := strings.IndexByte(text, 0); i >= 0 {
		line, col := pos.at(i)
		return &report.Report{}, &Error{Line: line, Col: col, Err: ErrSyntax, Msg: "a NUL byte: the page is binary or damaged"}
	}
	st := newStopper(lim.ctx)
	doc, deep := buildTree(text, lim.Depth, st)
	if deep >= 0 {
		line, col := pos.at(deep)
		return &report.Report{}, limitError(line, col, "elements nested more than %d deep (Limits.Depth); the page is not read", lim.Depth)
	}
	// A page whose tree was stopped is emitted as Bind binds what a
	// stopped parser read (stopper.forBind).
	est, release := st.forBind()
	defer release()
	e := &emitter{pos: pos, fillers: map[[2]int]bool{}, first: -1, st: est}
	e.walk(doc, doc)
	e.flush()
	toks, trailer := article(e.out, e.title)
	toks, cerr := limitCells(toks, lim)
	if cerr != nil {
		e.errs.list = append(e.errs.list, cerr)
	}
	if st.stopped() {
		// Stopped in the tree or in a table: at the offset (plus one)
		// of the tag or table it stopped at.
		st.line, st.col = pos.at(st.off - 1)
	}
	r, err := bind(toks, []byte(text), st)
	if st.stopped() {
		e.errs.list = append(e.errs.list, st.error().(*Error))
	}
	dropFillers(r, e.fillers)
	if len(trailer) > 0 {
		if t := prose(trailer); t != "" {
			if r.Trailer != "" {
				r.Trailer += "\n"
			}
			r.Trailer += t
		}
	}
	if len(e.errs.list) == 0 {
		return r, err
	}
	all := e.errs
	switch x := err.(type) {
	case *Error:
		all.list = append(all.list, x)
	case Errors:
		all.list = append(all.list, x...)
	}
	return r, all.err([]byte(text))
}

// decodeHTML returns the page as UTF-8 text without a BOM.
func decodeHTML(src []byte) (string, error) {
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	if utf8.Valid(src) {
		return string(src), nil
	}
	enc, name, certain := charset.DetermineEncoding(src, "")
	if name == "utf-8" && certain {
		line, col := invalidUTF8(src)
		return "", &Error{Line: line, Col: col, Err: ErrSyntax, Msg: "invalid UTF-8 in a page that declares UTF-8"}
	}
	if !certain {
		enc = simplifiedchinese.GB18030
	}
	switch enc {
	case simplifiedchinese.GBK, simplifiedchinese.GB18030:
		out := decodeGB(src, enc == simplifiedchinese.GB18030)
		return string(bytes.TrimPrefix(out, []byte("\ufeff"))), nil
	}
	out, err := enc.NewDecoder().Bytes(src)
	if err != nil {
		return "", &Error{Line: 1, Col: 1, Err: ErrSyntax, Msg: "cannot decode the page as " + name + ": " + err.Error()}
	}
	return string(bytes.TrimPrefix(out, []byte("\ufeff"))), nil
}

// hnode is an element or a text of the page.
type hnode struct {
	tag     string  // lower case; "" for text
	bits    tagBits // the sets of tags its tag is in (see tagBits)
	raw     string  // a text's source, entities not yet decoded
	off     int     // byte offset in the page of the start tag or the text
	hidden  bool
	empty   bool // an element with neither children nor text (Word's spacer cells)
	rowspan int
	colspan int
	parent  *hnode
	// The children, in order: the first, the last, and each one's next.
	first, last, next *hnode
}

// add appends k to n's children.
func (n *hnode) add(k *hnode) {
	if n.last == nil {
		n.first = k
	} else {
		n.last.next = k
	}
	n.last = k
}

var (
	voidTags = set("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "basefont", "frame", "keygen")
	skipTags = set("script", "style", "noscript", "head", "title", "template", "iframe", "object", "select", "textarea", "svg", "math", "xml", "button", "input")
	headTags = set("meta", "link", "title", "style", "script", "base", "noscript", "template", "object")
	// blockTags break text; every other element is inline.
	blockTags = set("address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog", "dir", "div", "dl", "dt",
		"fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li",
		"main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "listing", "xmp")
	pCloser    = set("p", "div", "table", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "pre", "blockquote", "section", "article", "header", "footer", "nav", "hr", "center", "form", "address", "aside", "main", "figure")
	tableScope = set("table", "td", "th", "html", "#root")

	headSet, pSet, liSet, tableSet = set("head"), set("p"), set("li"), set("table")
	cellSet, trSet                 = set("td", "th"), set("tr")
	rowScope                       = set("table", "tr")
	sectionScope                   = set("table", "tbody", "thead", "tfoot")
	listScope                      = set("ul", "ol", "table", "td", "th")
)

func set(ss ...string) map[string]bool {
	m := make(map[string]bool, len(ss))
	for _, s := range ss {
		m[s] = true
	}
	return m
}

// tagBits says which of the sets of tags above a tag is in, a bit each:
// the tree builder and the emitter test a node's bits, made once per tag
// name, instead of looking its name up in maps at every node.
type tagBits uint32

const (
	inVoid tagBits = 1 << iota
	inSkip
	inHead // headTags
	inBlock
	inPCloser
	inTableScope
	inHeadSet
	inPSet
	inLiSet
	inTableSet
	inCellSet
	inTrSet
	inRowScope
	inSectionScope
	inListScope
)

// tagSets are the sets of tags with their bits.
var tagSets = []struct {
	m   map[string]bool
	bit tagBits
}{
	{voidTags, inVoid}, {skipTags, inSkip}, {headTags, inHead}, {blockTags, inBlock}, {pCloser, inPCloser},
	{tableScope, inTableScope}, {headSet, inHeadSet}, {pSet, inPSet}, {liSet, inLiSet}, {tableSet, inTableSet},
	{cellSet, inCellSet}, {trSet, inTrSet}, {rowScope, inRowScope}, {sectionScope, inSectionScope}, {listScope, inListScope},
}

// bitsOf returns the bits of the sets tag is in.
func bitsOf(tag string) tagBits {
	var b tagBits
	for _, s := range tagSets {
		if s.m[tag] {
			b |= s.bit
		}
	}
	return b
}

// buildTree reads the page into a tree of elements and texts, closing
// elements the way browsers do for the cases pages rely on (an unclosed
// <p>, <td>, <tr> or <li>, a missing </head>). When elements nest more
// than depth deep it stops and returns the offset of the element too deep;
// otherwise that offset is -1.
func buildTree(text string, depth int, st *stopper) (*hnode, int) {
	sc := &htmlScanner{s: text}
	root, deep := buildTreeFrom(text, depth, sc, st)
	if !sc.unsure || deep >= 0 {
		return root, deep
	}
	// The scanner gave the tokens x/net/html gives up to where it was
	// unsure; the page is read again, whole, with x/net/html.
	return buildTreeFrom(text, depth, &netTokens{z: html.NewTokenizer(strings.NewReader(text))}, st)
}

// buildTreeFrom is buildTree with the tokens of z.
func buildTreeFrom(text string, depth int, z htmlTokenizer, st *stopper) (*hnode, int) {
	root := &hnode{tag: "#root", bits: bitsOf("#root")}
	// Nodes are allocated a few hundred at a time: a Word page has
	// thousands.
	var slab []hnode
	// node returns a new node with the fields that every node sets: set
	// in place, since copying a node in takes a write barrier for each of
	// its pointers while the collector runs.
	node := func(tag string, bits tagBits, off int, p *hnode) *hnode {
		if len(slab) == cap(slab) {
			slab = make([]hnode, 0, 256)
		}
		slab = slab[:len(slab)+1]
		n := &slab[len(slab)-1]
		n.tag, n.bits, n.off, n.parent = tag, bits, off, p
		return n
	}
	stack := []*hnode{root}
	top := func() *hnode { return stack[len(stack)-1] }
	// find returns the index of the innermost open tag among tags, not
	// looking past an element of scope; -1 if there is none.
	find := func(tags, scope tagBits) int {
		for i := len(stack) - 1; i > 0; i-- {
			if stack[i].bits&tags != 0 {
				return i
			}
			if stack[i].bits&scope != 0 {
				return -1
			}
		}
		return -1
	}
	// findTag is find for the one tag.
	findTag := func(tag string, scope tagBits) int {
		for i := len(stack) - 1; i > 0; i-- {
			if stack[i].tag == tag {
				return i
			}
			if stack[i].bits&scope != 0 {
				return -1
			}
		}
		return -1
	}
	popTo := func(i int) {
		if i > 0 {
			stack = stack[:i]
		}
	}
	// The head elements open, for the innermost one as find(inHeadSet, 0)
	// would find it, without walking the stack at every tag.
	type open struct {
		i int
		n *hnode
	}
	var heads []open
	openHead := func() int {
		for len(heads) > 0 {
			h := heads[len(heads)-1]
			if h.i < len(stack) && stack[h.i] == h.n {
				return h.i
			}
			heads = heads[:len(heads)-1]
		}
		return -1
	}
	type name struct {
		s    string
		bits tagBits
	}
	names := map[string]name{} // tag names, each made a string once, with their bits
	tagName := func(raw string) (string, tagBits) {
		// The name as the tokenizer reads it: after < or </, up to white
		// space, / or >, in lower case.
		b := strings.TrimPrefix(strings.TrimPrefix(raw, "<"), "/")
		end := 0
		for end < len(b) {
			if c := b[end]; isHTMLSpace(c) || c == '/' || c == '>' {
				break
			}
			end++
		}
		b = b[:end]
		if n, ok := names[b]; ok {
			return n.s, n.bits
		}
		lower := []byte(b) // ASCII letters lowered, as the tokenizer does
		for i, c := range lower {
			if 'A' <= c && c <= 'Z' {
				lower[i] = c + 'a' - 'A'
			}
		}
		s := string(lower)
		bits := bitsOf(s)
		names[b] = name{s, bits}
		return s, bits
	}
	brBits := bitsOf("br")
	var tok htmlToken
	for z.next(&tok) {
		tt, start, off := tok.tt, tok.start, tok.end
		if st.stop(0) {
			st.off = start + 1 // the page is read up to here
			break
		}
		raw := text[start:off]
		switch tt {
		case html.TextToken:
			if top().tag == "head" && strings.TrimSpace(raw) != "" {
				popTo(openHead())
			}
			p := top()
			n := node("", 0, start, p)
			n.raw = raw
			p.add(n)
		case html.StartTagToken, html.SelfClosingTagToken:
			tag, bits := tagName(raw)
			n := node(tag, bits, start, nil)
			n.rowspan, n.colspan, n.hidden = tok.rowspan, tok.colspan, tok.hidden
			if i := openHead(); i > 0 && (tag == "body" || bits&inHead == 0) {
				popTo(i)
			}
			switch {
			case tag == "td" || tag == "th":
				popTo(find(inCellSet, inRowScope))
			case tag == "tr":
				popTo(find(inTrSet, inSectionScope))
			case tag == "tbody" || tag == "thead" || tag == "tfoot":
				if i := find(inTableSet, 0); i > 0 {
					stack = stack[:i+1]
				}
			case tag == "li":
				popTo(find(inLiSet, inListScope))
			}
			if bits&inPCloser != 0 {
				popTo(find(inPSet, inTableScope))
			}
			p := top()
			n.parent = p
			p.add(n)
			if tt == html.StartTagToken && bits&inVoid == 0 {
				if len(stack) > depth {
					return root, start
				}
				if tag == "head" {
					heads = append(heads, open{len(stack), n})
				}
				stack = append(stack, n)
			}
		case html.EndTagToken:
			tag, bits := tagName(raw)
			switch tag {
			case "br":
				p := top()
				p.add(node("br", brBits, start, p))
				continue
			case "p":
				if i := find(inPSet, inTableScope); i > 0 {
					popTo(i)
				} else { // a </p> without <p> breaks the line
					p := top()
					p.add(node("br", brBits, start, p))
				}
				continue
			}
			scope := inTableScope
			if bits&inTableScope != 0 || tag == "tr" || tag == "tbody" || tag == "thead" || tag == "tfoot" {
				scope = inTableSet
				if tag == "table" {
					scope = 0
				}
			}
			popTo(findTag(tag, scope))
		}
	}
	markEmpty(root)
	return root, -1
}

// mayMatter reports whether a tag's source holds, in any case, one of the
// words of the attributes that matter: rowspan, colspan, hidden, display.
func mayMatter(b []byte) bool {
	for i, c := range b {
		w := attrWordStart[c]
		if w == 0 {
			continue
		}
		word := attrWords[w]
		if i+len(word) <= len(b) && b[i+1]|0x20 == word[1] && bytes.EqualFold(b[i:i+len(word)], []byte(word)) {
			return true
		}
	}
	return false
}

// attrWords are the words mayMatter looks for, and attrWordStart the one a
// byte may start, by its index in attrWords (0 for none), in either case.
var (
	attrWords     = [...]string{"", "rowspan", "colspan", "hidden", "display"}
	attrWordStart = [256]uint8{'r': 1, 'R': 1, 'c': 2, 'C': 2, 'h': 3, 'H': 3, 'd': 4, 'D': 4}
)

// displayNone reports whether a style attribute holds display:none, in
// any case and with any spaces. Word's styles are long: it goes from colon
// to colon, looking back for "display" and on for "none", without copying.
func displayNone(style string) bool {
	for i := 0; ; {
		j := strings.IndexByte(style[i:], ':')
		if j < 0 {
			return false
		}
		c := i + j
		i = c + 1
		k := c
		for k > 0 && isStyleSpace(style[k-1]) {
			k--
		}
		if k < len("display") || !asciiEqualFold(style[k-len("display"):k], "display") {
			continue
		}
		k = i
		for k < len(style) && isStyleSpace(style[k]) {
			k++
		}
		if len(style)-k >= len("none") && asciiEqualFold(style[k:k+len("none")], "none") {
			return true
		}
	}
}

// isStyleSpace reports whether c is a space displayNone allows around the
// colon.
func isStyleSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// span reads a rowspan or colspan, 1 when it is missing or absurd.
func span(v []byte) int { return spanString(string(v)) }

// spanString is span of a string.
func spanString(v string) int {
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n < 1 {
		return 1
	}
	return min(n, 1000)
}

func markEmpty(n *hnode) {
	n.empty = true
	for k := n.first; k != nil; k = k.next {
		if k.tag == "" {
			if strings.Trim(k.raw, " \t\r\n\f") != "" {
				n.empty = false
			}
			continue
		}
		markEmpty(k)
		n.empty = false
	}
}

// countRunes is utf8.RuneCountInString for valid UTF-8 (a page's text is
// valid once decoded), eight bytes at a time: it counts the bytes that do
// not continue a character. Word's pages have lines of thousands of bytes,
// mostly ASCII, and each cell's column is counted from its line's start.
func countRunes(s string) int {
	n := len(s)
	i := 0
	for ; i+8 <= len(s); i += 8 {
		b := s[i : i+8]
		x := uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
			uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
		// A continuation byte is 10xxxxxx: its top bit set, the next clear.
		n -= bits.OnesCount64(x & ^(x << 1) & 0x8080808080808080)
	}
	for ; i < len(s); i++ {
		if s[i]&0xc0 == 0x80 {
			n--
		}
	}
	return n
}

// lineIndex turns byte offsets of the page into lines and columns.
type lineIndex struct {
	text   string
	starts []int // byte offset of each line's start
	// the last offset asked for, to count columns onwards from it
	lastOff, lastLine, lastCol int
}

func newLineIndex(text string) *lineIndex {
	x := &lineIndex{text: text, lastLine: 1, lastCol: 1}
	// Most pages end their lines with \n or \r\n, never \r alone: a
	// search for each line feed finds the lines.
	if cr := strings.Count(text, "\r"); cr == 0 || cr == strings.Count(text, "\r\n") {
		x.starts = make([]int, 1, strings.Count(text, "\n")+1)
		for i := 0; ; {
			j := strings.IndexByte(text[i:], '\n')
			if j < 0 {
				return x
			}
			i += j + 1
			x.starts = append(x.starts, i)
		}
	}
	x.starts = []int{0}
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '\n':
			x.starts = append(x.starts, i+1)
		case '\r':
			if i+1 >= len(text) || text[i+1] != '\n' {
				x.starts = append(x.starts, i+1)
			}
		}
	}
	return x
}

// at returns the 1-based line and column, in characters, of byte offset off.
func (x *lineIndex) at(off int) (line, col int) {
	off = max(0, min(off, len(x.text)))
	lo, hi := 0, len(x.starts)
	for hi-lo > 1 {
		m := (lo + hi) / 2
		if x.starts[m] <= off {
			lo = m
		} else {
			hi = m
		}
	}
	line = lo + 1
	from, col := x.starts[lo], 1
	switch {
	case x.lastLine != line || x.lastOff < from:
		col += countRunes(x.text[from:off])
	case x.lastOff <= off:
		col = x.lastCol + countRunes(x.text[x.lastOff:off])
	case x.lastOff-off < off-from:
		// Back a little on a long line (a table's cells are asked for
		// after its rows): counted back, not from the line's start.
		col = x.lastCol - countRunes(x.text[off:x.lastOff])
	default:
		col += countRunes(x.text[from:off])
	}
	x.lastOff, x.lastLine, x.lastCol = off, line, col
	return line, col
}

// htok is a token with the block element its text stands in.
type htok struct {
	Token
	owner *hnode
}

// emitter walks the tree and emits tokens: a line per block of text, a
// cell per table cell of a report table.
type emitter struct {
	pos     *lineIndex
	out     []htok
	errs    errList
	fillers map[[2]int]bool // positions of the blank cells that stand in for values not read
	collect bool            // collecting a cell's text: lines go to lines, not out
	lines   []string

	buf   []byte // the line being built, entities decoded
	tmp   []byte // for collapsing buf's white space
	first int    // offset of the first non-blank character of buf, or -1
	owner *hnode
	sub   *emitter // reused by cellText
	// title is the page's <title>, for a page whose body gives none.
	title htok
	st    *stopper
}

func (e *emitter) walk(n, owner *hnode) {
	for k := n.first; k != nil; k = k.next {
		if e.st.stop(0) {
			if e.st.off == 0 {
				e.st.off = k.off + 1
			}
			return // stopped: what was emitted is the page
		}
		switch {
		case k.tag == "":
			e.text(k, owner)
		case (k.tag == "title" || k.tag == "head") && e.title.Text == "" && !e.collect:
			if t := findTag(k, "title"); t != nil {
				e.title = e.pageTitle(t)
			}
		case k.hidden || k.bits&inSkip != 0:
		case k.tag == "br":
			e.flush()
		case k.tag == "table" && !e.collect:
			e.flush()
			e.table(k)
		case k.bits&inBlock != 0:
			e.flush()
			e.walk(k, k)
			e.flush()
		default:
			e.walk(k, owner)
		}
	}
}

// findTag returns n or the first element under it of the given tag, or nil.
func findTag(n *hnode, tag string) *hnode {
	if n.tag == tag {
		return n
	}
	for k := n.first; k != nil; k = k.next {
		if f := findTag(k, tag); f != nil {
			return f
		}
	}
	return nil
}

// pageTitle returns the text of a <title> element as a line, cut after
// the words 年度报告 (a site's name often follows: …年度报告_平潭综合实验区),
// or an empty line.
func (e *emitter) pageTitle(t *hnode) htok {
	var raw strings.Builder
	off := -1
	for k := t.first; k != nil; k = k.next {
		if k.tag == "" {
			if off < 0 {
				if i := firstNonBlank(k.raw); i >= 0 {
					off = k.off + i
				}
			}
			raw.WriteString(html.UnescapeString(k.raw))
		}
	}
	text := trimSpace(raw.String())
	if i := strings.LastIndex(text, "报告"); i >= 0 {
		text = text[:i+len("报告")]
	}
	if agency, year := report.TitleParts(text); off < 0 || !titleLike(text) || agency == "" && year == 0 {
		return htok{} // no title, or one that says nothing of the report (政府信息公开工作年度报告)
	}
	line, col := e.pos.at(off)
	return htok{Token{Kind: LineToken, Text: text, Line: line, Col: col}, t}
}

func (e *emitter) text(k *hnode, owner *hnode) {
	if e.first < 0 {
		if i := firstNonBlank(k.raw); i >= 0 {
			e.first = k.off + i
			e.owner = owner
		}
	}
	e.buf = append(e.buf, html.UnescapeString(k.raw)...)
}

// flush ends the line being built.
func (e *emitter) flush() {
	if len(e.buf) == 0 {
		return
	}
	var s string
	s, e.tmp = collapseBytes(e.buf, e.tmp)
	e.buf = e.buf[:0]
	first := e.first
	e.first = -1
	if first < 0 {
		return
	}
	if e.collect {
		e.lines = append(e.lines, s)
		return
	}
	line, col := e.pos.at(first)
	e.out = append(e.out, htok{Token{Kind: LineToken, Text: s, Line: line, Col: col}, e.owner})
}

// collapseBytes returns b as a string with every run of HTML white space
// turned into one space and none at either end, for b valid UTF-8; tmp is
// a buffer it may use, returned for the next call. White space is ASCII,
// so it goes byte by byte.
func collapseBytes(b, tmp []byte) (string, []byte) {
	out := tmp[:0]
	space := false
	for _, c := range b {
		if isHTMLSpace(c) {
			space = len(out) > 0 // leading white space is trimmed
			continue
		}
		if space {
			out = append(out, ' ')
			space = false
		}
		out = append(out, c)
	}
	return string(out), out
}

// firstNonBlank returns the byte offset in raw (HTML source text) of the
// first character that is not white space once entities are decoded, or -1.
func firstNonBlank(raw string) int {
	for i := 0; i < len(raw); {
		if raw[i] == '&' {
			end := strings.IndexByte(raw[i:min(len(raw), i+40)], ';')
			if end < 0 {
				end = min(len(raw)-i, 8) - 1
			}
			if strings.TrimFunc(html.UnescapeString(raw[i:i+end+1]), isBlankRune) != "" {
				return i
			}
			i += end + 1
			continue
		}
		r, size := utf8.DecodeRuneInString(raw[i:])
		if !isBlankRune(r) {
			return i
		}
		i += size
	}
	return -1
}

func isBlankRune(r rune) bool { return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' }

// cellText returns the text of a table cell, its lines joined by "\n",
// and the offset of its first non-blank character (-1 for a blank cell).
func (e *emitter) cellText(c *hnode) (string, int) {
	sub := e.sub
	if sub == nil {
		sub = &emitter{pos: e.pos, collect: true}
		e.sub = sub
	}
	sub.lines, sub.buf, sub.first, sub.owner = sub.lines[:0], sub.buf[:0], -1, nil
	sub.walk(c, c)
	sub.flush()
	switch len(sub.lines) {
	case 0:
		return "", -1
	case 1:
		return sub.lines[0], firstOffset(c)
	}
	return strings.Join(sub.lines, "\n"), firstOffset(c)
}

// firstOffset finds the offset of the first non-blank text under n.
func firstOffset(n *hnode) int {
	for k := n.first; k != nil; k = k.next {
		if k.tag == "" {
			if i := firstNonBlank(k.raw); i >= 0 {
				return k.off + i
			}
			continue
		}
		if k.hidden || k.bits&inSkip != 0 {
			continue
		}
		if o := firstOffset(k); o >= 0 {
			return o
		}
	}
	return -1
}

// gcell is a cell of a table's grid.
type gcell struct {
	n              *hnode
	row, col       int
	rowspan, cs    int
	text           string
	first          int // offset of the first non-blank character, -1 if blank
	value, isBlank bool
}

// table emits a table: a report table as cells and row ends; a table that
// lays out a page (it holds other tables, or nothing of a report table) as
// lines of text.
func (e *emitter) table(t *hnode) {
	rows := tableRows(t)
	if hasTable(t) {
		e.walk(t, t)
		return
	}
	grid := make(cellGrid, len(rows))
	var cells [][]*gcell
	labels, numbers := 0, 0
	for r, row := range rows {
		if e.st.stop(0) {
			if e.st.off == 0 {
				e.st.off = row[0].off + 1
			}
			return // stopped in the table: it is not read, and the stop says where
		}
		var line []*gcell
		c := 0
		for _, td := range row {
			for grid.at(r, c) != nil {
				c++
			}
			g := &gcell{n: td, row: r, col: c, rowspan: min(td.rowspan, len(rows)-r), cs: min(td.colspan, 64)}
			g.text, g.first = e.cellText(td)
			g.isBlank = trimSpace(g.text) == ""
			g.value = looksLikeValue(g.text)
			for i := 0; i < g.rowspan; i++ {
				for j := 0; j < g.cs; j++ {
					grid.set(r+i, c+j, g)
				}
			}
			c += g.cs
			line = append(line, g)
			switch {
			case g.isBlank:
			case g.value:
				if _, ok := parseNumber(trimSpace(g.text)); ok {
					numbers++
				}
			case isReportLabel(g.text):
				labels++
			}
		}
		cells = append(cells, line)
	}
	if labels < 2 && numbers < 3 {
		e.walk(t, t)
		return
	}
	for _, cap := range captions(t) {
		e.walk(cap, cap)
		e.flush()
	}
	for _, line := range cells {
		ghost := true
		for _, g := range line {
			if !g.n.empty {
				ghost = false
			}
		}
		if ghost { // Word's spacer rows (<tr height=0> of empty cells)
			continue
		}
		if !e.regrid(line, grid) {
			for _, g := range line {
				e.cell(g, grid)
			}
		}
		if len(line) > 0 {
			l, c := e.pos.at(line[len(line)-1].n.off)
			e.out = append(e.out, htok{Token{Kind: RowEndToken, Line: l, Col: c}, t})
		}
	}
}

// cell emits one cell of a report table: once however many rows or
// columns it spans, unless it is a value spanning columns its header does
// not span.
func (e *emitter) cell(g *gcell, grid cellGrid) {
	off := g.first
	if off < 0 {
		off = g.n.off
	}
	line, col := e.pos.at(off)
	tok := htok{Token{Kind: CellToken, Text: g.text, Line: line, Col: col}, g.n}
	if g.cs == 1 || !g.value || headerSpans(g, grid) {
		e.out = append(e.out, tok)
		return
	}
	// A value over columns its header does not span: emit a blank for
	// every column so that the others keep their places; a non-blank
	// value is reported and its columns dropped after binding.
	tok.Text = ""
	if !g.isBlank {
		e.errs.add(line, col, ErrAmbiguous, "value %q spans %d columns (colspan) that the header above does not span as one; which column it belongs to is unclear, so it is not read", trimSpace(g.text), g.cs)
		e.fillers[[2]int{line, col}] = true
	}
	for range g.cs {
		e.out = append(e.out, tok)
	}
}

// regrid emits a row of a table whose values do not stand under its
// header's cells, column for column (<td colspan=2>135</td> under 采购项目数量
// and half of 采购总金额), by the cells' extents: each value goes to a
// header cell it stands under, and to one of the row's columns in either
// template when the row and header labels are the template's; when that
// leaves exactly one way to give each value its own header cell, in order,
// the row is emitted as its label and one cell per header cell (the value
// given it, or a blank). It reports false, and emits nothing, for a row
// whose values stand under their headers (the usual case) or that can be
// read more than one way or none: cell then emits it, or reports it.
func (e *emitter) regrid(line []*gcell, grid cellGrid) bool {
	misplaced := false
	for _, g := range line {
		if g.value && !g.isBlank && g.cs > 1 && !headerSpans(g, grid) {
			misplaced = true
		}
	}
	if !misplaced || len(line) == 0 || line[0].value {
		return false
	}
	label := line[0]
	rowKey := ""
	if cl, k := classify(report.Active, label.text, false); cl == classRow {
		rowKey = k
	}
	// The header cells above the row's columns after its label, in order.
	var heads []*gcell
	above := func(c int) *gcell {
		for r := label.row - 1; r >= 0; r-- {
			if h := grid.at(r, c); h != nil && !h.value {
				return h
			}
		}
		return nil
	}
	end := label.col + label.cs
	for _, g := range line[1:] {
		end = max(end, g.col+g.cs)
	}
	for c := label.col + label.cs; c < end; c++ {
		h := above(c)
		if h == nil {
			return false
		}
		if len(heads) == 0 || heads[len(heads)-1] != h {
			heads = append(heads, h)
		}
	}
	fits := func(h *gcell) bool {
		if rowKey == "" {
			return true
		}
		cl, ck := classify(report.Active, h.text, true)
		return cl == classColumn && columnOf(report.Active, rowKey, ck)
	}
	// The header cells each value may go to.
	var values []*gcell
	var cands [][]int
	for _, g := range line[1:] {
		if g.isBlank {
			continue
		}
		if !g.value {
			return false
		}
		var cs []int
		for i, h := range heads {
			if h.col < g.col+g.cs && g.col < h.col+h.cs && fits(h) {
				cs = append(cs, i)
			}
		}
		values = append(values, g)
		cands = append(cands, cs)
	}
	// Every way to give the values distinct header cells, in order.
	var ways [][]int
	pick := make([]int, len(values))
	var try func(v, after int)
	try = func(v, after int) {
		if len(ways) > 1 {
			return
		}
		if v == len(values) {
			ways = append(ways, slices.Clone(pick))
			return
		}
		for _, h := range cands[v] {
			if h > after {
				pick[v] = h
				try(v+1, h)
			}
		}
	}
	try(0, -1)
	if len(ways) != 1 {
		return false
	}
	e.cell(label, grid)
	given := make([]*gcell, len(heads))
	for v, h := range ways[0] {
		given[h] = values[v]
	}
	for i, g := range given {
		if g == nil {
			// A blank for the header cell no value goes to, at the header.
			l, c := e.pos.at(heads[i].n.off)
			e.out = append(e.out, htok{Token{Kind: CellToken, Line: l, Col: c}, heads[i].n})
			continue
		}
		off := g.first
		if off < 0 {
			off = g.n.off
		}
		l, c := e.pos.at(off)
		e.out = append(e.out, htok{Token{Kind: CellToken, Text: g.text, Line: l, Col: c}, g.n})
	}
	return true
}

// headerSpans reports whether the nearest label above a cell in its
// column spans the same columns as the cell.
func headerSpans(g *gcell, grid cellGrid) bool {
	for r := g.row - 1; r >= 0; r-- {
		h := grid.at(r, g.col)
		if h == nil || h.value {
			continue
		}
		return h.col == g.col && h.cs == g.cs
	}
	return false
}

// cellGrid holds the cell covering each row and column of a table, merged
// cells at every place they cover: a row's slice is as long as the place
// of its last cell.
type cellGrid [][]*gcell

// at returns the cell at row r and column c, or nil if none covers it.
func (g cellGrid) at(r, c int) *gcell {
	if r < 0 || r >= len(g) || c >= len(g[r]) {
		return nil
	}
	return g[r][c]
}

// set puts x at row r (one of g's) and column c.
func (g cellGrid) set(r, c int, x *gcell) {
	if c >= len(g[r]) {
		g[r] = append(g[r], make([]*gcell, c+1-len(g[r]))...)
	}
	g[r][c] = x
}

// tableRows returns the cells of each row of a table, not looking into
// nested tables.
func tableRows(t *hnode) [][]*hnode {
	var rows [][]*hnode
	var walk func(n *hnode)
	walk = func(n *hnode) {
		for k := n.first; k != nil; k = k.next {
			switch k.tag {
			case "tbody", "thead", "tfoot":
				walk(k)
			case "tr":
				var cells []*hnode
				for c := k.first; c != nil; c = c.next {
					if c.tag == "td" || c.tag == "th" {
						cells = append(cells, c)
					}
				}
				rows = append(rows, cells)
			}
		}
	}
	walk(t)
	return rows
}

func captions(t *hnode) []*hnode {
	var out []*hnode
	for k := t.first; k != nil; k = k.next {
		if k.tag == "caption" {
			out = append(out, k)
		}
	}
	return out
}

func hasTable(n *hnode) bool {
	for k := n.first; k != nil; k = k.next {
		if k.tag == "table" || hasTable(k) {
			return true
		}
	}
	return false
}

// isReportLabel reports whether text is a label of one of the report's
// tables.
func isReportLabel(text string) bool {
	for _, key := range []report.SectionKey{report.Active, report.Requests, report.Appeals} {
		if cl, _ := classify(key, text, true); cl != classUnknown && cl != classValue {
			return true
		}
	}
	return false
}

// article keeps the tokens of the report: those in the smallest element
// that holds the section headings, and the title before it. It returns
// them and the lines after the article (the page's footer and the like).
func article(toks []htok, pageTitle htok) (keep []Token, after []Token) {
	var heads []int
	last := 0
	for i, t := range toks {
		if t.Kind != LineToken {
			continue
		}
		if s, ok := heading(t.Text); ok && s.Number > last {
			heads = append(heads, i)
			last = s.Number
		}
	}
	if len(heads) == 0 {
		return plain(toks), nil
	}
	// The element holding the headings: the common ancestor of the
	// elements the heading blocks stand in.
	var a *hnode
	for _, i := range heads {
		c := toks[i].owner.parent
		if c == nil {
			c = toks[i].owner
		}
		if a == nil {
			a = c
		} else {
			a = commonAncestor(a, c)
		}
	}
	inA := func(t htok) bool { return within(t.owner, a) }
	firstA, lastA := -1, -1
	for i, t := range toks {
		if inA(t) {
			if firstA < 0 {
				firstA = i
			}
			lastA = i
		}
	}
	first := heads[0]
	// The title: the last title-like line before the first heading.
	title := -1
	for i := first - 1; i >= 0; i-- {
		if toks[i].Kind == LineToken && titleLike(toks[i].Text) {
			title = i
			break
		}
	}
	if title < 0 {
		// A breadcrumb trail ending in the report's name (首页 > 政务公开 >
		// 政府信息公开年报 > 平潭综合实验区2022年度…年度报告): its last step.
		for i := first - 1; i >= 0; i-- {
			if toks[i].Kind != LineToken {
				continue
			}
			if t, ok := crumbTitle(toks[i].Token); ok {
				toks[i].Token, title = t, i
				break
			}
		}
	}
	// A line of report.MetaMark (render.HTML writes one first where the
	// page's text would not give the metadata back) starts the report.
	meta := false
	for i := range first {
		if toks[i].Kind == LineToken && strings.HasPrefix(trimSpace(toks[i].Text), report.MetaMark) {
			title, meta = -1, true
			firstA = min(firstA, i)
			break
		}
	}
	if title < 0 && !meta && pageTitle.Text != "" && !hasTitle(toks[firstA:first]) {
		// No title before the first heading, not even outside the
		// article: the page's <title> gives it (and the metadata).
		keep = append(keep, pageTitle.Token)
	}
	start := firstA
	if title >= 0 {
		start = title
		if title > 0 && agencyLine(toks[title-1], toks[title]) {
			start = title - 1
		}
	}
	for i := start; i <= lastA; i++ {
		t := toks[i]
		if i > start && i < first && !inA(t) && !(title >= 0 && i <= title) {
			continue // chrome between an outside title and the article
		}
		keep = append(keep, t.Token)
	}
	for _, t := range toks[lastA+1:] {
		if t.Kind != RowEndToken {
			after = append(after, t.Token)
		}
	}
	return keep, after
}

// crumbTitle returns the last step of a breadcrumb trail (steps separated
// by >, ›, » or /) when it reads like a report's title, as a line at its
// place (its column counted in the decoded text: an entity such as &gt;
// before it puts it a few columns early).
func crumbTitle(t Token) (Token, bool) {
	i := strings.LastIndexAny(t.Text, ">›»/")
	if i < 0 {
		return t, false
	}
	_, size := utf8.DecodeRuneInString(t.Text[i:])
	last := t.Text[i+size:]
	lead := len(last) - len(strings.TrimLeft(last, " \t\u3000\u00a0"))
	if !titleLike(last[lead:]) {
		return t, false
	}
	t.Col += utf8.RuneCountInString(t.Text[:i+size+lead])
	t.Text = trimSpace(last)
	return t, true
}

// hasTitle reports whether a line among toks names a report (报告): one the
// binder may take for the title.
func hasTitle(toks []htok) bool {
	for _, t := range toks {
		if t.Kind == LineToken && strings.Contains(report.Fold(t.Text), "报告") {
			return true
		}
	}
	return false
}

func plain(toks []htok) []Token {
	out := make([]Token, len(toks))
	for i, t := range toks {
		out[i] = t.Token
	}
	return out
}

func within(n, a *hnode) bool {
	for ; n != nil; n = n.parent {
		if n == a {
			return true
		}
	}
	return false
}

func commonAncestor(a, b *hnode) *hnode {
	for n := a; n != nil; n = n.parent {
		if within(b, n) {
			return n
		}
	}
	return a
}

// agencyLine reports whether line, just before a title that names no
// agency (2020年政府信息公开工作年度报告), is the agency's name on a line of
// its own, in the same element as the title.
func agencyLine(line, title htok) bool {
	if line.Kind != LineToken || line.owner == nil || title.owner == nil || line.owner.parent != title.owner.parent {
		return false
	}
	if agency, _ := titleParts(trimSpace(title.Text)); agency != "" {
		return false
	}
	f := report.Fold(line.Text)
	return f != "" && utf8.RuneCountInString(f) <= 30 && !strings.ContainsAny(f, "。,;:>›»|/") && !strings.Contains(f, "报告")
}

// dropFillers removes the cells that stand in for values not read.
func dropFillers(r *report.Report, fillers map[[2]int]bool) {
	if len(fillers) == 0 {
		return
	}
	for i := range r.Sections {
		t := r.Sections[i].Table
		if t == nil {
			continue
		}
		for j := range t.Rows {
			row := &t.Rows[j]
			kept := row.Cells[:0]
			for _, c := range row.Cells {
				if c.Kind == report.Blank && fillers[[2]int{c.Src.Line, c.Src.Col}] {
					continue
				}
				kept = append(kept, c)
			}
			row.Cells = kept
		}
	}
}
