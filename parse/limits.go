package parse

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	xunicode "golang.org/x/text/encoding/unicode"

	"github.com/opengovcn/annualreport/report"
)

// ErrLimit is wrapped by the error for an input over one of the Limits.
var ErrLimit = errors.New("over a limit")

// Limits caps what a parser reads, so that a hostile or broken input (a
// zip bomb, a page nested a hundred thousand elements deep, a file of one
// endless line) gets an error rather than a hang or a crash. A zero field
// means its value in DefaultLimits; the zero Limits is DefaultLimits.
//
// An input over a limit gets an *Error wrapping ErrLimit at the position
// where the limit was crossed, whose message names the limit and its
// value. Over Input, Line, Depth, Entries or Uncompressed nothing is read
// and the report is empty; over Cells the report holds what the cells
// before the limit make, with the error.
type Limits struct {
	// Input is the size of an input in bytes (default 32 MiB; a report is
	// rarely over 1 MiB, a crawled page with it a few MiB).
	Input int64
	// Line is the length of a line of text in characters, in the text
	// layouts (default 256Ki; a report's longest lines are paragraphs of
	// a few thousand). HTML, JSON and DOCX have no lines to speak of: a
	// minified page is one line.
	Line int
	// Cells is the number of table cells in one input (default 20,000; a
	// report has about 300).
	Cells int
	// Depth is how deeply elements may nest in HTML and DOCX, and objects
	// in JSON (default 512; Word's pages nest some 20 deep).
	Depth int
	// Entries is the number of entries in a DOCX's zip archive (default
	// 10,000; Word writes about 15).
	Entries int
	// Uncompressed is the size, unpacked, of what is read from a DOCX
	// (default 64 MiB). The bytes are counted as they are unpacked: an
	// archive whose headers lie about its sizes is stopped at the limit,
	// never unpacked past it.
	Uncompressed int64
	// Pages is the number of pages of a paged input (a PDF, read by
	// package parse/pdf; default 1,000, a report has 5 to 30). A PDF of
	// more pages is not read.
	Pages int

	// ctx is Config.Context, carried to the standard parsers with the
	// limits they are given.
	ctx context.Context
}

// DefaultLimits are the limits of the zero Config and of the standard
// parsers' Parse methods.
var DefaultLimits = Limits{
	Input:        32 << 20,
	Line:         256 << 10,
	Cells:        20000,
	Depth:        512,
	Entries:      10000,
	Uncompressed: 64 << 20,
	Pages:        1000,
}

// orDefault returns l with its zero fields set from DefaultLimits.
func (l Limits) orDefault() Limits {
	d := DefaultLimits
	if l.Input > 0 {
		d.Input = l.Input
	}
	if l.Line > 0 {
		d.Line = l.Line
	}
	if l.Cells > 0 {
		d.Cells = l.Cells
	}
	if l.Depth > 0 {
		d.Depth = l.Depth
	}
	if l.Entries > 0 {
		d.Entries = l.Entries
	}
	if l.Uncompressed > 0 {
		d.Uncompressed = l.Uncompressed
	}
	if l.Pages > 0 {
		d.Pages = l.Pages
	}
	d.ctx = l.ctx
	return d
}

// limitError returns the error for crossing a limit at line, col.
func limitError(line, col int, format string, args ...any) *Error {
	return &Error{Line: line, Col: col, Err: ErrLimit, Msg: fmt.Sprintf(format, args...)}
}

// A Config parses with the parsers and limits it holds. The zero Config
// uses Standard() and DefaultLimits; package-level Detect and Parse are
// the zero Config's. A Config is safe for concurrent use as long as it is
// not changed.
type Config struct {
	// Parsers are the parsers Detect chooses among, in the order it
	// prefers them on a tie; none means Standard().
	Parsers []Parser
	// Limits cap what is read; zero fields are DefaultLimits'. The
	// standard parsers honour every limit; a Parser of the caller's own
	// gets inputs no larger than Limits.Input.
	Limits Limits
	// Context, if not nil, bounds the time a parse may take: a server
	// gives each input a deadline (context.WithTimeout) or cancels the
	// parse of a request whose client is gone. The standard parsers look
	// at it every few lines, rows or elements (every 64, so that the
	// look costs nothing) and, once it is done, stop where they are: the
	// report holds what the input up to there makes, and the error
	// includes an *Error at that position wrapping the context's error,
	// context.DeadlineExceeded or context.Canceled (errors.Is finds it).
	// A context is the way Go bounds work across calls (a deadline would
	// be a context made here for every parse), and it lets the caller
	// cancel for reasons of its own. Detection, which reads every input
	// once, is not stopped; a Parser of the caller's own is not given the
	// context.
	Context context.Context
}

// LimitsParser is a Parser that reads within Limits: Config.Parse calls
// its ParseLimits with the Config's limits, zero fields set from
// DefaultLimits, instead of Parse. Parsers of other packages, such as
// parse/pdf's, implement it.
type LimitsParser interface {
	Parser
	ParseLimits(src []byte, l Limits) (*report.Report, error)
}

// isPDF reports whether src is a PDF: "%PDF-" within its first 1024
// bytes, where readers look for it.
func isPDF(src []byte) bool {
	return bytes.Contains(src[:min(len(src), 1024)], []byte("%PDF-"))
}

// lineDetector is implemented by the text layouts: Detect on a text input
// that Config.Detect decodes and splits into lines once for them all.
type lineDetector interface {
	detectLines(in *textIn) int
}

// textParser is implemented by the text layouts: parse within limits a
// text input already decoded (in.ok), as Config.Parse has it from Detect.
type textParser interface {
	parseText(in *textIn, l Limits) (*report.Report, error)
}

// textIn is an input as the text layouts read it: decoded and split into
// lines once, for the detection of every text layout and the parse of the
// one chosen.
type textIn struct {
	s     string   // the text, decoded from src when ok
	ok    bool     // src is text: UTF-8, or UTF-16 or GB18030 that decodes cleanly
	raw   []byte   // s as bytes, for messages that quote it: src itself when it is UTF-8
	lines []string // the lines of s, or of src as it is when it is not text; none when it is binary
	sh    *shape   // the shapes of the lines, once counted
	all   string   // the text the lines were split from, for the detectors' checks of the whole text
}

// contains reports whether any of in's lines contains sub, which holds no
// line end: one search of the whole text, where a detector would search
// line after line.
func (in *textIn) contains(sub string) bool { return strings.Contains(in.all, sub) }

// containsAny reports whether any of in's lines contains a byte of chars
// (ASCII, no line ends). A search per byte is much faster than
// strings.ContainsAny's, which tests every byte against the set.
func (in *textIn) containsAny(chars string) bool {
	for i := 0; i < len(chars); i++ {
		if strings.IndexByte(in.all, chars[i]) >= 0 {
			return true
		}
	}
	return false
}

// newTextIn decodes src as textOf does and splits it into lines, \r\n
// and \r read as line ends; invalid UTF-8 that is no such text is split
// as it is.
func newTextIn(src []byte) *textIn {
	in := &textIn{}
	if binary(src) {
		return in
	}
	in.s, in.raw, in.ok = decode(src)
	if !in.ok {
		in.all = strings.TrimPrefix(string(src), "\ufeff")
	} else {
		in.all = in.s
	}
	in.lines = splitLines(in.all)
	return in
}

// textOf returns src as a text input for a text layout's parse, within
// the Input limit: as UTF-8 text without a BOM, decoded from UTF-16 (with
// a BOM, as Windows Notepad saves "Unicode") or from GB18030 (which
// includes GBK, what older Chinese Windows tools save) when src is not
// UTF-8 but decodes cleanly as Chinese text in it. Every decoding keeps
// the characters, so line and column of the text are those of the
// original. Invalid UTF-8 that is not such text is an error at its
// position; checkText finds the NUL bytes and overlong lines.
func textOf(src []byte, l Limits) (*textIn, error) {
	if err := inputLimit(src, l); err != nil {
		return nil, err
	}
	s, raw, ok := decode(src)
	if !ok {
		line, col := invalidUTF8(src)
		return nil, &Error{Line: line, Col: col, Err: ErrSyntax,
			Msg: "invalid UTF-8, and not text in GBK/GB18030 or UTF-16 either"}
	}
	return &textIn{s: s, ok: true, raw: raw, lines: splitLines(s), all: s}, nil
}

// shapes returns the shapes of in's lines.
func (in *textIn) shapes() shape {
	if in.sh == nil {
		s := shapes(in.lines)
		in.sh = &s
	}
	return *in.sh
}

// limited is implemented by the standard parsers: Parse within limits.
type limited interface {
	parseLimits(src []byte, l Limits) (*report.Report, error)
}

func (c *Config) parsers() []Parser {
	if c == nil || len(c.Parsers) == 0 {
		return Standard()
	}
	return c.Parsers
}

func (c *Config) limits() Limits {
	if c == nil {
		return DefaultLimits
	}
	l := c.Limits.orDefault()
	l.ctx = c.Context
	return l
}

// inputLimit returns the error for src over the Input limit, or nil.
func inputLimit(src []byte, l Limits) error {
	if int64(len(src)) > l.Input {
		return limitError(1, 1, "the input is %d bytes, larger than the limit of %d bytes (Limits.Input); not read", len(src), l.Input)
	}
	return nil
}

// Detect returns the parser among c's that is most sure it can read src.
// It returns ErrUnknownLayout if none recognises it, and ErrLimit if src
// is larger than Limits.Input.
func (c *Config) Detect(src []byte) (Parser, error) {
	p, _, err := c.detect(src)
	return p, err
}

// detect is Detect, returning also the text input the text layouts were
// shown (nil if none was asked).
func (c *Config) detect(src []byte) (Parser, *textIn, error) {
	if err := inputLimit(src, c.limits()); err != nil {
		return nil, nil, err
	}
	var best Parser
	bestScore := 0
	var in *textIn    // decoded and split once for all the text layouts
	pdf := isPDF(src) // never text, whatever a text layout makes of its bytes
	for _, p := range c.parsers() {
		var s int
		if ld, ok := p.(lineDetector); ok {
			if pdf {
				continue
			}
			if in == nil {
				in = newTextIn(src)
			}
			if len(in.lines) > 0 {
				s = ld.detectLines(in)
			}
		} else {
			s = p.Detect(src)
		}
		if s > bestScore {
			best, bestScore = p, s
		}
	}
	if best == nil {
		if isPDF(src) {
			return nil, in, &Error{Line: 1, Col: 1, Err: ErrUnknownLayout, Msg: "the input is a PDF: read it with package github.com/opengovcn/annualreport/parse/pdf (add pdf.Parser to Config.Parsers)"}
		}
		return nil, in, &Error{Line: 1, Col: 1, Err: ErrUnknownLayout, Msg: "no parser recognises the input"}
	}
	return best, in, nil
}

// Parse detects the layout of src among c's parsers and parses it within
// c's limits. Like a parser's Parse, it always returns a report (empty when
// the layout is unknown or a limit stops it) along with an error that says
// what could not be read.
func (c *Config) Parse(src []byte) (*report.Report, error) {
	if c != nil && c.Context != nil && c.Context.Err() != nil {
		return &report.Report{}, newStopper(c.Context).doneError()
	}
	p, in, err := c.detect(src)
	if err != nil {
		return &report.Report{}, err
	}
	if tp, ok := p.(textParser); ok && in != nil && in.ok {
		return tp.parseText(in, c.limits())
	}
	if lp, ok := p.(limited); ok {
		return lp.parseLimits(src, c.limits())
	}
	if lp, ok := p.(LimitsParser); ok {
		return lp.ParseLimits(src, c.limits())
	}
	return p.Parse(src)
}

// ParseReader reads an input from r with ReadInput, never more than
// Limits.Input bytes and one, and parses it as Parse does. An input larger
// than the limit is not read past it: the report is empty and the error
// wraps ErrLimit. An error reading r is returned as it is.
func (c *Config) ParseReader(r io.Reader) (*report.Report, error) {
	src, err := c.ReadInput(r)
	if err != nil {
		return &report.Report{}, err
	}
	return c.Parse(src)
}

// checkText returns the error for a NUL byte in decoded text, or for a
// line longer than l.Line characters, or nil.
func checkText(s string, l Limits) *Error {
	if strings.IndexByte(s, 0) < 0 && !longerThan(s, l.Line) {
		return nil // most text, told by searching, not character by character
	}
	line, col := 1, 1
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\n' || c == '\r' && (i+1 == len(s) || s[i+1] != '\n'):
			line, col = line+1, 1
			continue
		case c == '\r': // of a CRLF: no character of the line
			continue
		case c == 0:
			return &Error{Line: line, Col: col, Err: ErrSyntax, Msg: "a NUL byte: the input is binary, or text in an encoding that is not UTF-8, GBK or GB18030"}
		case c&0xC0 == 0x80: // inside a character
			continue
		}
		if col > l.Line {
			return limitError(line, col, "a line longer than the limit of %d characters (Limits.Line); not read", l.Line)
		}
		col++
	}
	return nil
}

// longerThan reports whether s may have a line of more than n
// characters: one of more than n bytes between line feeds. A line of
// characters is never longer than its bytes, and lone carriage returns
// only end lines sooner.
func longerThan(s string, n int) bool {
	for len(s) > n {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			return true
		}
		if i > n {
			return true
		}
		s = s[i+1:]
	}
	return false
}

// decode returns src as UTF-8 text without a BOM, and the same text as
// bytes: src itself (its BOM aside) when it is UTF-8. It reports false
// when src is neither valid UTF-8 nor Chinese text in GB18030 nor UTF-16
// with a BOM.
func decode(src []byte) (s string, raw []byte, ok bool) {
	bom := []byte("\ufeff")
	if utf8.Valid(src) {
		raw = bytes.TrimPrefix(src, bom)
		return string(raw), raw, true
	}
	if bytes.HasPrefix(src, []byte{0xff, 0xfe}) || bytes.HasPrefix(src, []byte{0xfe, 0xff}) {
		dec := xunicode.UTF16(xunicode.BigEndian, xunicode.ExpectBOM).NewDecoder()
		if out, err := dec.Bytes(src); err == nil && !bytes.ContainsRune(out, utf8.RuneError) {
			raw = bytes.TrimPrefix(out, bom)
			return string(raw), raw, true
		}
	}
	out := decodeGB(src, true)
	if !chinese(out) {
		return "", nil, false
	}
	raw = bytes.TrimPrefix(out, bom)
	return string(raw), raw, true
}

// binary reports whether src is not text at all: a NUL byte in its first
// KiB (an image, an archive, a PDF's streams), as git decides. Text in
// UTF-16, whose NULs a BOM announces, is text.
func binary(src []byte) bool {
	if bytes.HasPrefix(src, []byte{0xff, 0xfe}) || bytes.HasPrefix(src, []byte{0xfe, 0xff}) {
		return false
	}
	return bytes.IndexByte(src[:min(len(src), 1024)], 0) >= 0
}

// chinese reports whether decoded text reads as Chinese: no replacement
// characters, no control characters but layout ones, and most of its
// non-ASCII characters Han characters or CJK punctuation. Binary data
// decodes as GB18030 too, into a jumble of rare characters and controls.
func chinese(s []byte) bool {
	han, other := 0, 0
	for len(s) > 0 {
		r, n := utf8.DecodeRune(s)
		s = s[n:]
		switch {
		case r == utf8.RuneError:
			return false
		case r < 0x20 && r != '\t' && r != '\n' && r != '\r' && r != '\f', r == 0x7f:
			return false
		case r < 0x80:
		case unicode.Is(unicode.Han, r) || r >= 0x3000 && r <= 0x303f || r >= 0xff00 && r <= 0xffef:
			han++
		default:
			other++
		}
	}
	return han > 0 && han >= 4*other
}

// limitCells cuts toks at the cell over l.Cells, and returns the error for
// it, or nil when there are not so many.
func limitCells(toks []Token, l Limits) ([]Token, *Error) {
	n := 0
	for i, t := range toks {
		if t.Kind != CellToken {
			continue
		}
		if n++; n > l.Cells {
			return toks[:i], limitError(t.Line, t.Col, "more than the limit of %d table cells (Limits.Cells); the cells from here on are not read", l.Cells)
		}
	}
	return toks, nil
}

// joinErrors returns the errors of first and then of rest, in input order,
// as one error; nil when there are none.
func joinErrors(src []byte, errs ...error) error {
	var l errList
	for _, err := range errs {
		switch e := err.(type) {
		case nil:
		case *Error:
			if e != nil {
				l.list = append(l.list, e)
			}
		case Errors:
			l.list = append(l.list, e...)
		default:
			l.list = append(l.list, &Error{Line: 1, Col: 1, Err: err, Msg: err.Error()})
		}
	}
	return l.err(src)
}
