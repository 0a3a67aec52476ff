package parse

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/opengovcn/annualreport/report"
)

// A Parser reads reports published in one layout.
//
// Detect says how sure the parser is that src is in its layout, from 0 (not
// at all) to 100 (certain); Parse reads it. Parse returns whatever it could
// read even when it also returns an error: a *report.Report with the cells
// it found, and an error (an *Error or an Errors) that says, with positions,
// what it could not read. Parsers are safe for concurrent use.
//
// Most layouts need only turn text into tokens: see Bind.
type Parser interface {
	Name() string
	Detect(src []byte) int
	Parse(src []byte) (*report.Report, error)
}

// Standard returns the parsers of the layouts this package knows, in the
// order Detect prefers them on a tie.
func Standard() []Parser {
	return []Parser{DOCX, JSON, HTML, Cells, TSV, Pipes, Markdown, PDFText, PDFPlain, Glued}
}

// Detect returns the parser among parsers (Standard() if none are given)
// that is most sure it can read src. It returns ErrUnknownLayout if none
// recognises it, and ErrLimit for an input over DefaultLimits.Input. It is
// Config.Detect with those parsers and the default limits.
func Detect(src []byte, parsers ...Parser) (Parser, error) {
	return (&Config{Parsers: parsers}).Detect(src)
}

// Parse detects the layout of src among the Standard parsers and parses
// it, within DefaultLimits. Like a parser's Parse, it always returns a
// report, empty when the layout is unknown. Call Detect first to learn
// which parser was picked, or call a parser's Parse to force one; a Config
// sets other parsers or limits.
func Parse(src []byte) (*report.Report, error) {
	return (&Config{}).Parse(src)
}

// ByName returns the parser among parsers (Standard() if none are given)
// with the given name, or nil.
func ByName(name string, parsers ...Parser) Parser {
	if len(parsers) == 0 {
		parsers = Standard()
	}
	for _, p := range parsers {
		if p.Name() == name {
			return p
		}
	}
	return nil
}

// Sentinel errors. Errors returned by parsers wrap one of them, inside an
// *Error that says where.
var (
	ErrUnknownLayout = errors.New("unknown layout")
	ErrNoReport      = errors.New("not an annual report")
	ErrSyntax        = errors.New("syntax error")
	ErrUnknownLabel  = errors.New("unknown label")
	ErrCellCount     = errors.New("wrong number of cells")
	ErrAmbiguous     = errors.New("ambiguous cells")
	ErrMissing       = errors.New("missing")
)

// Error is an error at a position of the input: 1-based line and column,
// the column counted in characters. It wraps a sentinel error.
type Error struct {
	Line int
	Col  int
	// Err is the sentinel (ErrUnknownLabel, ErrCellCount, ...), or an
	// error that wraps it and carries details, such as a *SplitError.
	Err error
	Msg string // what happened, for people
	// Context is the text of the input line, for ErrorWithContext.
	Context string
}

// Error returns "LINE:COL: message".
func (e *Error) Error() string {
	if e.Msg == "" {
		return fmt.Sprintf("%d:%d: %v", e.Line, e.Col, e.Err)
	}
	return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Msg)
}

// Unwrap returns the sentinel error.
func (e *Error) Unwrap() error { return e.Err }

// ErrorWithContext returns the error followed by the input line it is
// about and a caret under the column:
//
//	244:2: 表三: unknown label "2.重复提交的申请" (nearest label of the template: "2.重复申请"); the cells of its row are not read
//	   | 	2.重复提交的申请
//	   | 	^
func (e *Error) ErrorWithContext() string {
	if e.Context == "" {
		return e.Error()
	}
	var b strings.Builder
	b.WriteString(e.Error())
	b.WriteString("\n   | ")
	b.WriteString(e.Context)
	b.WriteString("\n   | ")
	col := 1
	for _, r := range e.Context {
		if col >= e.Col {
			break
		}
		if r == '\t' {
			b.WriteByte('\t')
		} else if isWide(r) {
			b.WriteString("  ")
		} else {
			b.WriteByte(' ')
		}
		col++
	}
	b.WriteString("^")
	return b.String()
}

func isWide(r rune) bool {
	return r >= 0x1100 && (r <= 0x115f || r >= 0x2e80 && r <= 0xa4cf || r >= 0xac00 && r <= 0xd7a3 ||
		r >= 0xf900 && r <= 0xfaff || r >= 0xfe30 && r <= 0xfe4f || r >= 0xff00 && r <= 0xff60 ||
		r >= 0xffe0 && r <= 0xffe6 || r >= 0x20000 && r <= 0x3fffd)
}

// Errors is a list of errors found in one input, in input order. Parsers
// return it when they found more than one problem.
type Errors []*Error

// Error returns the first error and how many more there are.
func (es Errors) Error() string {
	switch len(es) {
	case 0:
		return "no errors"
	case 1:
		return es[0].Error()
	}
	return fmt.Sprintf("%s (and %d more errors)", es[0].Error(), len(es)-1)
}

// Unwrap returns the errors, for errors.Is and errors.As.
func (es Errors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// ErrorList returns the positioned errors err holds, in input order: the
// errors of an Errors, or a single *Error as a list of one. It returns nil
// for nil and for an error that holds no *Error (a read error, say).
func ErrorList(err error) Errors {
	var list Errors
	if errors.As(err, &list) {
		return list
	}
	var one *Error
	if errors.As(err, &one) {
		return Errors{one}
	}
	return nil
}

// errList collects errors while parsing.
type errList struct{ list Errors }

func (l *errList) add(line, col int, sentinel error, format string, args ...any) {
	l.list = append(l.list, &Error{Line: line, Col: col, Err: sentinel, Msg: fmt.Sprintf(format, args...)})
}

// err returns the collected errors in input order, with context lines taken
// from src, or nil.
func (l *errList) err(src []byte) error {
	if len(l.list) == 0 {
		return nil
	}
	slices.SortStableFunc(l.list, func(a, b *Error) int { return comparePos(a.Line, a.Col, b.Line, b.Col) })
	if src != nil {
		lines := splitLines(string(src))
		for _, e := range l.list {
			if e.Line >= 1 && e.Line <= len(lines) {
				e.Context = strings.TrimRight(lines[e.Line-1], "\r")
			}
		}
	}
	if len(l.list) == 1 {
		return l.list[0]
	}
	return l.list
}

// comparePos orders positions: by line, then by column.
func comparePos(aLine, aCol, bLine, bCol int) int {
	if aLine != bLine {
		return aLine - bLine
	}
	return aCol - bCol
}

// splitLines splits text into lines on \n, \r\n and \r.
func splitLines(s string) []string {
	if strings.IndexByte(s, '\r') < 0 {
		return strings.Split(s, "\n")
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.Split(s, "\n")
}
