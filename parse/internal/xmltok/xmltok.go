// Package xmltok reads an XML document as a stream of tokens, as
// encoding/xml's Decoder.Token does in its default (strict) mode, for the
// machine-written XML of Office Open XML parts such as word/document.xml.
//
// It exists for speed: encoding/xml spends about 4.7 ms on the 170 KB
// document.xml of a seed-size report (parse's BenchmarkFloor), several
// times the whole DOCX parse's budget; this tokenizer reads the same
// document in about a ninth of that. It does less: comments, processing
// instructions and directives (<!DOCTYPE …>) are skipped, not returned;
// only the five predefined entities and character references are known, as
// in encoding/xml; names and characters are not checked against the XML
// grammar's classes. For a document encoding/xml reads without error it
// returns the same elements, attributes and text (FuzzDecoder holds it to
// that), and it reports the malformations that would change what is read:
// tags that do not match, unknown entities, a document cut short, invalid
// UTF-8. It reads no more than it is asked to: a tag's attributes are read
// when Attrs asks for them (or when one may declare a namespace), text
// when Text does, and Skip passes over an element's content with its tags
// matched but nothing else read; a malformation in what is not read is not
// reported, since it changes nothing a reader gets.
package xmltok

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Kind is what a token is.
type Kind uint8

// Token kinds.
const (
	StartElement Kind = iota + 1 // an element's start tag (an empty element <a/> gives a start and an end)
	EndElement                   // an element's end tag
	Text                         // character data, CDATA sections included, entities decoded
)

// Attr is an attribute of a start tag. Space is the namespace URI its
// prefix is bound to: "" without a prefix, the prefix itself when it is
// bound to none, "xmlns" for a namespace declaration (xmlns:w="…", whose
// Local is the prefix; a default declaration xmlns="…" has Local "xmlns").
// Its value is read only when asked for: most attributes of a document are
// never looked at.
type Attr struct {
	Space, Local string
	raw          []byte // the value as written, checked to decode
}

// Value returns the attribute's value, entities decoded.
func (a Attr) Value() string {
	s, _ := unescape(a.raw)
	return s
}

// Token is one token of the document.
type Token struct {
	Kind Kind
	// Space and Local name a StartElement or EndElement: Space is the
	// namespace URI of its prefix (or of the default namespace when it has
	// none), or the prefix itself when it is bound to none.
	Space, Local string

	raw   []byte // a Text token's text as written, checked to decode
	cdata bool   // raw is a CDATA section's: no entities
}

// Text returns a Text token's text, entities decoded and line ends made
// \n. It is made only when asked for: most text of a document is white
// space between tags, or not wanted.
func (t Token) Text() string {
	if t.cdata {
		return newlines(string(t.raw))
	}
	s, _ := unescape(t.raw)
	return s
}

// SyntaxError is a malformation of the document, at a 1-based line.
type SyntaxError struct {
	Msg  string
	Line int
	Err  error // what it wraps, if anything: ErrDepth
}

// Unwrap returns e.Err.
func (e *SyntaxError) Unwrap() error { return e.Err }

// Error formats the error as encoding/xml formats its syntax errors.
func (e *SyntaxError) Error() string {
	return "XML syntax error on line " + strconv.Itoa(e.Line) + ": " + e.Msg
}

// ErrDepth is the error, wrapped in a *SyntaxError, when elements nest
// deeper than a Decoder's MaxDepth.
var ErrDepth = errors.New("elements nested too deep")

// Decoder reads tokens from a document held in memory.
type Decoder struct {
	// MaxDepth, if positive, is how deeply elements may nest, in what Skip
	// passes over too; an element deeper is an error wrapping ErrDepth.
	MaxDepth int

	src                []byte
	pos                int
	err                error
	stack              []open    // the elements open
	ns                 []binding // the namespace bindings in scope, innermost last
	gen                int       // changed whenever ns is
	last               lookupCache
	endPending         bool              // the end of an empty element is returned next
	endSpace, endLocal string            // its name
	names              map[string]string // the names read, each allocated once
	cache              [256]string       // names recently read, by a hash of theirs
	attrs              []Attr            // the buffer of Attrs
	attrFrom, attrTo   int               // the attributes of the last start tag: src[attrFrom:attrTo]
	attrsRead          bool              // and they are in attrs
}

// open is an element open, with the number of bindings in scope outside it.
type open struct {
	name string // as written, with its prefix
	ns   int
}

type binding struct{ prefix, uri string }

const xmlURL = "http://www.w3.org/XML/1998/namespace"

// NewDecoder returns a decoder reading src, which it does not modify.
func NewDecoder(src []byte) *Decoder {
	return &Decoder{src: src}
}

// Token returns the next token. At the end of a well-formed document it
// returns io.EOF; a malformed one gives a *SyntaxError, and every call
// after an error returns it again.
func (d *Decoder) Token() (Token, error) {
	if d.err != nil {
		return Token{}, d.err
	}
	if d.endPending {
		d.endPending = false
		d.pop()
		return Token{Kind: EndElement, Space: d.endSpace, Local: d.endLocal}, nil
	}
	for {
		if d.pos >= len(d.src) {
			if len(d.stack) > 0 {
				return Token{}, d.fail(d.pos, "unexpected EOF")
			}
			d.err = io.EOF
			return Token{}, io.EOF
		}
		if d.src[d.pos] != '<' {
			return d.text()
		}
		rest := d.src[d.pos:]
		switch {
		case bytes.HasPrefix(rest, []byte("</")):
			return d.endTag()
		case bytes.HasPrefix(rest, []byte("<!")), bytes.HasPrefix(rest, []byte("<?")):
			cdata, isText, err := d.markup()
			if err != nil {
				return Token{}, err
			}
			if isText {
				return Token{Kind: Text, raw: cdata, cdata: true}, nil
			}
		default:
			return d.startTag()
		}
	}
}

// markup reads the markup at d.pos that is no element's tag: a comment, a
// processing instruction or a directive, which are skipped, or a CDATA
// section, whose text it returns (isText true).
func (d *Decoder) markup() (cdata []byte, isText bool, err error) {
	rest := d.src[d.pos:]
	switch {
	case bytes.HasPrefix(rest, []byte("<!--")):
		end := bytes.Index(rest[4:], []byte("-->"))
		if end < 0 {
			return nil, false, d.fail(len(d.src), "unexpected EOF")
		}
		d.pos += 4 + end + 3
	case bytes.HasPrefix(rest, []byte("<![CDATA[")):
		end := bytes.Index(rest[9:], []byte("]]>"))
		if end < 0 {
			return nil, false, d.fail(len(d.src), "unexpected EOF in CDATA section")
		}
		text := rest[9 : 9+end]
		if !utf8.Valid(text) {
			return nil, false, d.fail(d.pos, "invalid UTF-8")
		}
		d.pos += 9 + end + 3
		return text, true, nil
	case bytes.HasPrefix(rest, []byte("<?")):
		end := bytes.Index(rest[2:], []byte("?>"))
		if end < 0 {
			return nil, false, d.fail(len(d.src), "unexpected EOF")
		}
		d.pos += 2 + end + 2
	default: // <!
		return nil, false, d.directive()
	}
	return nil, false, nil
}

// fail records and returns a syntax error at byte offset at.
func (d *Decoder) fail(at int, format string, args ...any) error {
	at = min(at, len(d.src))
	d.err = &SyntaxError{Msg: fmt.Sprintf(format, args...), Line: 1 + bytes.Count(d.src[:at], []byte("\n"))}
	return d.err
}

// text reads character data up to the next tag.
func (d *Decoder) text() (Token, error) {
	start := d.pos
	end := bytes.IndexByte(d.src[start:], '<')
	if end < 0 {
		end = len(d.src)
	} else {
		end += start
	}
	d.pos = end
	if !utf8.Valid(d.src[start:end]) {
		return Token{}, d.fail(start, "invalid UTF-8")
	}
	raw := d.src[start:end]
	if badEntity(raw) >= 0 {
		_, err := d.unescape(raw, start)
		return Token{}, err
	}
	return Token{Kind: Text, raw: raw}, nil
}

// unescape decodes the entities and the line ends of raw, found at offset
// at of the document.
func (d *Decoder) unescape(raw []byte, at int) (string, error) {
	s, bad := unescape(raw)
	if bad >= 0 {
		semi := bytes.IndexByte(raw[bad:], ';')
		if semi < 0 {
			return "", d.fail(at+bad, "invalid character entity %s (no semicolon)", raw[bad:min(len(raw), bad+16)])
		}
		return "", d.fail(at+bad, "invalid character entity &%s;", raw[bad+1:bad+semi])
	}
	return s, nil
}

// unescape decodes the entities and the line ends of raw. It returns the
// offset of an entity it cannot decode, or -1.
func unescape(raw []byte) (string, int) {
	if bytes.IndexByte(raw, '&') < 0 {
		return newlines(string(raw)), -1
	}
	var b strings.Builder
	b.Grow(len(raw))
	for i := 0; i < len(raw); {
		c := raw[i]
		if c != '&' {
			b.WriteByte(c)
			i++
			continue
		}
		semi := bytes.IndexByte(raw[i:], ';')
		if semi < 0 {
			return "", i
		}
		switch name := string(raw[i+1 : i+semi]); name {
		case "lt":
			b.WriteByte('<')
		case "gt":
			b.WriteByte('>')
		case "amp":
			b.WriteByte('&')
		case "apos":
			b.WriteByte('\'')
		case "quot":
			b.WriteByte('"')
		default:
			r, ok := charRef(name)
			if !ok {
				return "", i
			}
			b.WriteString(string(r)) // U+FFFD for a surrogate, as string(rune) gives
		}
		i += semi + 1
	}
	return newlines(b.String()), -1
}

// badEntity returns the offset in raw of the first entity unescape cannot
// decode, or -1, without decoding.
func badEntity(raw []byte) int {
	for i := 0; ; {
		j := bytes.IndexByte(raw[i:], '&')
		if j < 0 {
			return -1
		}
		i += j
		semi := bytes.IndexByte(raw[i:], ';')
		if semi < 0 {
			return i
		}
		switch name := raw[i+1 : i+semi]; string(name) {
		case "lt", "gt", "amp", "apos", "quot":
		default:
			if _, ok := charRef(string(name)); !ok {
				return i
			}
		}
		i += semi + 1
	}
}

// charRef reads a character reference's name, #123 or #x7B, as
// encoding/xml does: any number up to U+10FFFF (a surrogate gives U+FFFD).
func charRef(name string) (rune, bool) {
	var n uint64
	var err error
	switch {
	case strings.HasPrefix(name, "#x"):
		n, err = strconv.ParseUint(name[2:], 16, 64)
	case strings.HasPrefix(name, "#"):
		n, err = strconv.ParseUint(name[1:], 10, 64)
	default:
		return 0, false
	}
	if err != nil || n > utf8.MaxRune {
		return 0, false
	}
	return rune(n), true
}

// newlines turns \r\n and \r into \n, as XML reads line ends.
func newlines(s string) string {
	if strings.IndexByte(s, '\r') < 0 {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}

// directive skips <!…>: a DOCTYPE, with its internal subset, read as
// encoding/xml reads it: the character after <! is taken as it is, quoted
// angle brackets do not nest, comments inside are skipped.
func (d *Decoder) directive() error {
	depth := 0
	var quote byte
	for i := d.pos + 3; i < len(d.src); i++ {
		c := d.src[i]
		switch {
		case quote == 0 && c == '>' && depth == 0:
			d.pos = i + 1
			return nil
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			depth--
		case c == '<' && bytes.HasPrefix(d.src[i+1:], []byte("!--")):
			end := bytes.Index(d.src[i+4:], []byte("-->"))
			if end < 0 {
				return d.fail(len(d.src), "unexpected EOF")
			}
			i += 4 + end + 2
		case c == '<':
			depth++
		}
	}
	return d.fail(len(d.src), "unexpected EOF")
}

// nameEnd holds the bytes that end a name: white space, / > = < and quotes.
var nameEnd = func() (t [256]bool) {
	for _, c := range []byte(" \t\n\r/>=<\"'") {
		t[c] = true
	}
	return t
}()

// isSpace reports whether c is XML white space.
func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// name reads a name at d.pos: up to white space, '/', '>', '=' or the end.
func (d *Decoder) name() string {
	start, i := d.pos, d.pos
	for i < len(d.src) && !nameEnd[d.src[i]] {
		i++
	}
	d.pos = i
	b := d.src[start:i]
	if len(b) == 0 {
		return ""
	}
	// A document has a few dozen names, each read thousands of times:
	// each is made a string once, and found again in a small cache.
	h := (uint(len(b))*31 + uint(b[0])*7 + uint(b[len(b)/2])*3 + uint(b[len(b)-1])) % uint(len(d.cache))
	if s := d.cache[h]; s == string(b) {
		return s
	}
	s, ok := d.names[string(b)]
	if !ok {
		if !utf8.Valid(b) {
			d.fail(start, "invalid UTF-8 in a name")
			return ""
		}
		if d.names == nil {
			d.names = map[string]string{}
		}
		s = string(b)
		d.names[s] = s
	}
	d.cache[h] = s
	return s
}

func (d *Decoder) skipSpace() {
	for d.pos < len(d.src) && isSpace(d.src[d.pos]) {
		d.pos++
	}
}

// split splits a name at its colon into prefix and local part, as
// encoding/xml does: a name with the colon first or last has no prefix.
func split(s string) (prefix, local string) {
	i := strings.IndexByte(s, ':')
	if i < 1 || i > len(s)-2 {
		return "", s
	}
	return s[:i], s[i+1:]
}

// lookup returns the URI bound to prefix ("" for the default namespace),
// and whether there is one.
func (d *Decoder) lookup(prefix string) (string, bool) {
	if prefix == "xml" {
		return xmlURL, true
	}
	if c := &d.last; c.gen == d.gen && c.prefix == prefix {
		return c.uri, c.ok
	}
	uri, ok := "", false
	for i := len(d.ns) - 1; i >= 0; i-- {
		if d.ns[i].prefix == prefix {
			uri, ok = d.ns[i].uri, true
			break
		}
	}
	d.last = lookupCache{d.gen, prefix, uri, ok}
	return uri, ok
}

// lookupCache is the last prefix looked up, valid while the bindings in
// scope are those of generation gen: a Word document names nearly every
// element and attribute with w:, among some thirty prefixes declared.
type lookupCache struct {
	gen         int
	prefix, uri string
	ok          bool
}

// startTag reads <name attr="value" …> or <name …/>.
func (d *Decoder) startTag() (Token, error) {
	at := d.pos
	d.pos++ // '<'
	raw := d.name()
	if d.err != nil {
		return Token{}, d.err
	}
	if raw == "" {
		return Token{}, d.fail(at, "expected element name after <")
	}
	nsBefore := len(d.ns)
	from := d.pos
	empty, err := d.tagEnd()
	if err != nil {
		return Token{}, err
	}
	to := d.pos - 1 // the >
	if empty {
		to-- // the / before it
	}
	d.attrFrom, d.attrTo, d.attrsRead = from, to, false
	// Namespace declarations name the element itself: a tag that may
	// hold one has its attributes read now; the others only if asked.
	if bytes.Contains(d.src[from:to], []byte("xmlns")) {
		if _, err := d.Attrs(); err != nil {
			return Token{}, err
		}
	}
	prefix, local := split(raw)
	space := prefix
	if uri, ok := d.lookup(prefix); ok {
		space = uri
	}
	if err := d.push(raw, nsBefore, at); err != nil {
		return Token{}, err
	}
	if empty {
		d.endPending, d.endSpace, d.endLocal = true, space, local
	}
	return Token{Kind: StartElement, Space: space, Local: local}, nil
}

// Attrs returns the attributes of the start tag Token returned last, in
// document order; they are valid until the next call of Token. They are
// read when first asked for: an attribute that is malformed (no =, no
// quotes, an unknown entity) is an error then, and Token returns it
// again; the attributes of a tag never asked for are not checked.
func (d *Decoder) Attrs() ([]Attr, error) {
	if d.err != nil {
		return nil, d.err
	}
	if d.attrsRead {
		return d.attrList(), nil
	}
	d.attrsRead = true
	defer func(pos int) { d.pos = pos }(d.pos) // names are read with d.name, at d.pos
	attrs := d.attrs[:0]
	i, end := d.attrFrom, d.attrTo
	space := func() {
		for i < end && isSpace(d.src[i]) {
			i++
		}
	}
	for {
		space()
		if i >= end {
			break
		}
		d.pos = i
		name := d.name()
		if d.err != nil {
			return nil, d.err
		}
		i = d.pos
		if name == "" {
			return nil, d.fail(i, "expected attribute name in element")
		}
		space()
		if i >= end || d.src[i] != '=' {
			return nil, d.fail(i, "attribute name without = in element")
		}
		i++
		space()
		if i >= end || d.src[i] != '"' && d.src[i] != '\'' {
			return nil, d.fail(i, "unquoted or missing attribute value in element")
		}
		q := d.src[i]
		n := bytes.IndexByte(d.src[i+1:end], q)
		if n < 0 {
			return nil, d.fail(i, "unquoted or missing attribute value in element")
		}
		rawValue := d.src[i+1 : i+1+n]
		// One pass for what most values (hex, numbers, words) lack.
		var lt, amp, high bool
		for _, c := range rawValue {
			lt, amp, high = lt || c == '<', amp || c == '&', high || c >= utf8.RuneSelf
		}
		if lt {
			return nil, d.fail(i, "unescaped < inside quoted string")
		}
		if high && !utf8.Valid(rawValue) {
			return nil, d.fail(i, "invalid UTF-8")
		}
		if amp && badEntity(rawValue) >= 0 {
			_, err := d.unescape(rawValue, i+1)
			return nil, err
		}
		i += n + 2
		prefix, local := split(name)
		switch {
		case prefix == "xmlns":
			v, _ := unescape(rawValue)
			d.ns, d.gen = append(d.ns, binding{local, v}), d.gen+1
		case prefix == "" && local == "xmlns":
			v, _ := unescape(rawValue)
			d.ns, d.gen = append(d.ns, binding{"", v}), d.gen+1
		}
		attrs = append(attrs, Attr{Space: prefix, Local: local, raw: rawValue})
	}
	// Resolve the prefixes now that the tag's own declarations are known.
	for k := range attrs {
		a := &attrs[k]
		switch {
		case a.Space == "" || a.Space == "xmlns":
		default:
			if uri, ok := d.lookup(a.Space); ok {
				a.Space = uri
			}
		}
	}
	d.attrs = attrs
	return d.attrList(), nil
}

// attrList is d.attrs, nil when there are none.
func (d *Decoder) attrList() []Attr {
	if len(d.attrs) == 0 {
		return nil
	}
	return d.attrs
}

// endTag reads </name>.
func (d *Decoder) endTag() (Token, error) {
	at := d.pos
	d.pos += 2
	raw := d.name()
	if d.err != nil {
		return Token{}, d.err
	}
	d.skipSpace()
	if d.pos >= len(d.src) {
		return Token{}, d.fail(d.pos, "unexpected EOF")
	}
	if d.src[d.pos] != '>' {
		return Token{}, d.fail(d.pos, "invalid characters between </%s and >", raw)
	}
	d.pos++
	if len(d.stack) == 0 {
		return Token{}, d.fail(at, "unexpected end element </%s>", raw)
	}
	if top := d.stack[len(d.stack)-1].name; top != raw {
		return Token{}, d.fail(at, "element <%s> closed by </%s>", top, raw)
	}
	prefix, local := split(raw)
	space := prefix
	if uri, ok := d.lookup(prefix); ok {
		space = uri
	}
	d.pop()
	return Token{Kind: EndElement, Space: space, Local: local}, nil
}

// push opens an element whose start tag is at offset at, within MaxDepth.
func (d *Decoder) push(name string, ns, at int) error {
	if d.MaxDepth > 0 && len(d.stack) >= d.MaxDepth {
		d.fail(at, "elements nested more than %d deep", d.MaxDepth)
		d.err.(*SyntaxError).Err = ErrDepth
		return d.err
	}
	d.stack = append(d.stack, open{name: name, ns: ns})
	return nil
}

// pop closes the innermost element, and the namespace bindings it made.
func (d *Decoder) pop() {
	top := d.stack[len(d.stack)-1]
	d.stack = d.stack[:len(d.stack)-1]
	if len(d.ns) != top.ns {
		d.ns, d.gen = d.ns[:top.ns], d.gen+1
	}
}

// Skip skips the element whose start tag Token returned last, up to and
// including its end tag, reading no more of it than it must: its start
// and end tags are matched, but its attributes, text and the namespaces
// declared inside it are not read or checked. A reader that wants nothing
// of an element (Word's run and paragraph properties, a third of a
// document) skips it in a fraction of the time its tokens take.
func (d *Decoder) Skip() error {
	if d.err != nil {
		return d.err
	}
	if d.endPending { // an empty element: its end is all there is
		d.endPending = false
		d.pop()
		return nil
	}
	for depth := 1; depth > 0; {
		i := bytes.IndexByte(d.src[d.pos:], '<')
		if i < 0 {
			return d.fail(len(d.src), "unexpected EOF")
		}
		d.pos += i
		rest := d.src[d.pos:]
		switch {
		case bytes.HasPrefix(rest, []byte("</")):
			if _, err := d.endTag(); err != nil {
				return err
			}
			depth--
		case bytes.HasPrefix(rest, []byte("<!")), bytes.HasPrefix(rest, []byte("<?")):
			if _, _, err := d.markup(); err != nil {
				return err
			}
		default:
			at := d.pos
			d.pos++
			raw := d.name()
			if d.err != nil {
				return d.err
			}
			if raw == "" {
				return d.fail(at, "expected element name after <")
			}
			empty, err := d.tagEnd()
			if err != nil {
				return err
			}
			if !empty {
				if err := d.push(raw, len(d.ns), at); err != nil {
					return err
				}
				depth++
			}
		}
	}
	return nil
}

// tagEnd moves past the end of a start tag whose name has been read,
// over its attributes unread (a > may stand in a quoted value), and
// reports whether the tag ends with />.
func (d *Decoder) tagEnd() (empty bool, err error) {
	src := d.src
	for i := d.pos; i < len(src); i++ {
		switch c := src[i]; c {
		case '"', '\'':
			end := bytes.IndexByte(src[i+1:], c)
			if end < 0 {
				return false, d.fail(len(src), "unexpected EOF")
			}
			i += end + 1
		case '>':
			d.pos = i + 1
			return src[i-1] == '/', nil
		}
	}
	return false, d.fail(len(src), "unexpected EOF")
}

// ReadText reads the text of the element whose start tag Token returned
// last, up to and including its end tag: the text of its descendants too,
// as encoding/xml's DecodeElement into a string reads it.
func (d *Decoder) ReadText() (string, error) {
	b, err := d.AppendText(nil)
	return string(b), err
}

// AppendText is ReadText appending the text to dst.
func (d *Decoder) AppendText(dst []byte) ([]byte, error) {
	depth := 1
	for depth > 0 {
		t, err := d.Token()
		if err != nil {
			if err == io.EOF {
				err = d.fail(len(d.src), "unexpected EOF")
			}
			return dst, err
		}
		switch t.Kind {
		case StartElement:
			depth++
		case EndElement:
			depth--
		case Text:
			dst = t.AppendText(dst)
		}
	}
	return dst, nil
}

// AppendText appends a Text token's text to dst, as Text returns it.
func (t Token) AppendText(dst []byte) []byte {
	if !t.cdata && bytes.IndexByte(t.raw, '&') < 0 && bytes.IndexByte(t.raw, '\r') < 0 {
		return append(dst, t.raw...) // most text: as written
	}
	return append(dst, t.Text()...)
}
