package pdf

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/opengovcn/annualreport/parse"
	"github.com/opengovcn/annualreport/report"
)

// Options configure a PDF parser.
type Options struct {
	// Engine reads the PDFs; nil means SharedEngine(), started on the
	// first PDF read.
	Engine *Engine
	// Limits cap what is read (Input, Pages, Cells); zero fields are
	// parse.DefaultLimits'. Config.Parse passes its own.
	Limits parse.Limits
	// Timeout bounds the reading of one PDF (default 2 minutes; negative
	// means none). ParseContext's context may end it sooner.
	Timeout time.Duration
}

// PDF is a parser of PDFs: see New. It implements parse.Parser and
// parse.LimitsParser, and is safe for concurrent use.
type PDF struct {
	opt Options
}

// Parser reads PDFs with the shared engine and the default options. Add
// it to parse.Config.Parsers (beside parse.Standard()) to read PDFs.
var Parser = New(Options{})

// New returns a PDF parser with the given options.
func New(opt Options) *PDF { return &PDF{opt: opt} }

// Name returns "pdf".
func (p *PDF) Name() string { return "pdf" }

// Detect returns 100 for a PDF ("%PDF-" within its first 1024 bytes) and
// 0 for anything else.
func (p *PDF) Detect(src []byte) int {
	if IsPDF(src) {
		return 100
	}
	return 0
}

// IsPDF reports whether src starts as a PDF: "%PDF-" within its first
// 1024 bytes, where PDF readers look for it.
func IsPDF(src []byte) bool {
	return bytes.Contains(src[:min(len(src), 1024)], []byte("%PDF-"))
}

// Parse reads a PDF within the parser's limits. Like every parser it
// returns the report it could read with an error that says what it could
// not: see ParseContext.
func (p *PDF) Parse(src []byte) (*report.Report, error) {
	return p.ParseContext(context.Background(), src)
}

// ParseLimits is Parse within limits l (for parse.Config).
func (p *PDF) ParseLimits(src []byte, l parse.Limits) (*report.Report, error) {
	q := *p
	q.opt.Limits = l
	return q.ParseContext(context.Background(), src)
}

// Sentinel errors, wrapped by the errors of a PDF that cannot be read.
var (
	// ErrScanned is a page with no text layer (a scan): it needs OCR.
	ErrScanned = errors.New("scanned, no text layer: needs OCR")
	ErrNotPDF  = errors.New("not a PDF")
)

// ParseContext reads a PDF: PDFium gives each page's characters with
// their boxes and the rules drawn on it, the reader makes lines, tables
// and cells of them and parse.Bind makes the report. Every cell, label
// and heading of the report knows its page and box (report.Source).
//
// A PDF that cannot be read gets an error wrapping ErrEncrypted,
// ErrDamaged, ErrScanned (with the pages that have no text), parse.ErrLimit
// (more pages than Limits.Pages, more bytes than Limits.Input), or the
// context's error when ctx ends or the timeout passes first; the report
// is then empty, or holds what the pages with text make.
func (p *PDF) ParseContext(ctx context.Context, src []byte) (*report.Report, error) {
	lim := p.opt.Limits
	def := parse.DefaultLimits
	if lim.Input <= 0 {
		lim.Input = def.Input
	}
	if lim.Pages <= 0 {
		lim.Pages = def.Pages
	}
	if lim.Cells <= 0 {
		lim.Cells = def.Cells
	}
	if int64(len(src)) > lim.Input {
		return &report.Report{}, &parse.Error{Line: 1, Col: 1, Err: parse.ErrLimit,
			Msg: fmt.Sprintf("the input is %d bytes, more than the limit of %d (Limits.Input); not read", len(src), lim.Input)}
	}
	if !IsPDF(src) {
		return &report.Report{}, &parse.Error{Line: 1, Col: 1, Err: ErrNotPDF, Msg: "not a PDF: no %PDF- header"}
	}
	timeout := p.opt.Timeout
	if timeout == 0 {
		timeout = 2 * time.Minute
	}
	if timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
	}
	e := p.opt.Engine
	if e == nil {
		var err error
		if e, err = SharedEngine(); err != nil {
			return &report.Report{}, err
		}
	}
	raw, err := e.extract(ctx, src, lim.Pages)
	if err != nil {
		var le *LimitError
		if errors.As(err, &le) {
			return &report.Report{}, &parse.Error{Line: 1, Col: 1, Err: parse.ErrLimit,
				Msg: fmt.Sprintf("the PDF has %d pages, more than the limit of %d (Limits.Pages); not read", le.Got, le.Limit)}
		}
		if len(raw) == 0 {
			return &report.Report{}, err
		}
	}
	r, berr := read(raw, lim)
	return r, errors.Join(err, berr)
}

// read builds the report of pages.
func read(pages []page, lim parse.Limits) (*report.Report, error) {
	d := build(pages)
	var scanErr error
	if len(d.empty) > 0 {
		scanErr = scannedError(d.empty, len(pages))
		if len(d.empty) == len(pages) {
			return &report.Report{}, scanErr
		}
	}
	toks := d.toks
	var limErr error
	cells := 0
	for i, t := range toks {
		if t.Kind == parse.CellToken {
			cells++
			if cells > lim.Cells {
				toks = toks[:i]
				limErr = &parse.Error{Line: t.Line, Col: t.Col, Err: parse.ErrLimit,
					Msg: fmt.Sprintf("more than %d table cells (Limits.Cells); the rest are not read", lim.Cells)}
				break
			}
		}
	}
	r, err := parse.Bind(toks, d.text)
	d.locate(r)
	// The binder's errors say their line of Text; a reader of the PDF
	// needs its page.
	for _, e := range parse.ErrorList(err) {
		if e.Line >= 1 && e.Line <= len(d.lines) {
			msg := e.Msg
			if msg == "" {
				msg = e.Err.Error()
			}
			e.Msg = fmt.Sprintf("page %d: %s", d.lines[e.Line-1].page, msg)
		}
	}
	return r, errors.Join(scanErr, limErr, err)
}

// scannedError is the error for the pages without text.
func scannedError(empty []int, n int) error {
	var b strings.Builder
	for i, p := range empty {
		if i > 0 {
			b.WriteString(", ")
		}
		if i == 10 {
			fmt.Fprintf(&b, "… (%d pages)", len(empty))
			break
		}
		fmt.Fprint(&b, p)
	}
	what := "page"
	if len(empty) > 1 {
		what = "pages"
	}
	return fmt.Errorf("pdf: %s %s of %d: %w", what, b.String(), n, ErrScanned)
}

// locate sets the page and box of every source in r from the tokens'
// places.
func (d *document) locate(r *report.Report) {
	set := func(s *report.Source) {
		if s.IsZero() {
			return
		}
		if pl, ok := d.places[[2]int{s.Line, s.Col}]; ok {
			s.Page, s.Box = pl.page, pl.box
			return
		}
		if s.Line >= 1 && s.Line <= len(d.lines) {
			l := d.lines[s.Line-1]
			s.Page, s.Box = l.page, report.Box{X0: l.x0, Y0: l.y0, X1: l.x1, Y1: l.y1}
		}
	}
	set(&r.Src)
	for i := range r.Sections {
		s := &r.Sections[i]
		set(&s.Src)
		set(&s.ProseSrc)
		for j := range s.Subheads {
			set(&s.Subheads[j].Src)
		}
		if t := s.Table; t != nil {
			set(&t.Src)
			for j := range t.Rows {
				row := &t.Rows[j]
				set(&row.Src)
				for k := range row.Cells {
					set(&row.Cells[k].Src)
				}
			}
		}
	}
}

// Text returns the text the reader makes of a PDF, a line per line of
// characters, page after page: the text that the Line and Col of the
// report's sources and errors count in.
func Text(ctx context.Context, e *Engine, src []byte) ([]byte, error) {
	if e == nil {
		var err error
		if e, err = SharedEngine(); err != nil {
			return nil, err
		}
	}
	pages, err := e.extract(ctx, src, parse.DefaultLimits.Pages)
	return build(pages).text, err
}
