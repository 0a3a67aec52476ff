package pdf

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sync"
	"unicode"

	pdfium "github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/enums"
	pdfiumerrors "github.com/klippa-app/go-pdfium/errors"
	"github.com/klippa-app/go-pdfium/references"
	"github.com/klippa-app/go-pdfium/requests"
	"github.com/klippa-app/go-pdfium/webassembly"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"
)

// Engine is the PDF engine: PDFium compiled to WebAssembly, run by wazero.
// Starting it compiles the module (seconds); a compilation cache on disk
// makes later processes start faster. An Engine is safe for concurrent
// use: each document is read by an instance of the module of its own,
// taken from a pool, in a sandbox that sees no file system and at most
// MemoryMB of memory.
//
// Most programs use the one shared engine that Parser starts on its first
// use; New with Options.Engine set uses another.
type Engine struct {
	pool pdfium.Pool
}

// EngineOptions configure an Engine.
type EngineOptions struct {
	// CacheDir is where wazero keeps the compiled module between
	// processes. Empty means annualreport-pdfium under os.UserCacheDir
	// (or no cache when there is no such directory); "-" means no cache.
	CacheDir string
	// Workers is how many documents may be read at once (default 4); more
	// wait for an instance.
	Workers int
	// MemoryMB bounds the memory of one instance, in MiB (default 1024).
	MemoryMB int
}

// NewEngine starts an engine. Close it when done.
func NewEngine(opt EngineOptions) (*Engine, error) {
	if opt.Workers <= 0 {
		opt.Workers = 4
	}
	if opt.MemoryMB <= 0 {
		opt.MemoryMB = 1024
	}
	rc := wazero.NewRuntimeConfig().
		WithCoreFeatures(api.CoreFeaturesV2 | experimental.CoreFeaturesExceptionHandling).
		WithMemoryLimitPages(uint32(opt.MemoryMB) * 16). // 64 KiB a page
		WithCloseOnContextDone(true)
	if dir := cacheDir(opt.CacheDir); dir != "" {
		if cache, err := wazero.NewCompilationCacheWithDir(dir); err == nil {
			rc = rc.WithCompilationCache(cache)
		}
	}
	pool, err := webassembly.Init(webassembly.Config{
		MinIdle:       0,
		MaxIdle:       opt.Workers,
		MaxTotal:      opt.Workers,
		ReuseWorkers:  false, // a fresh instance per document: nothing carries over from a hostile one
		FSConfig:      wazero.NewFSConfig(),
		RuntimeConfig: rc,
		Stdout:        discard{},
		Stderr:        discard{},
	})
	if err != nil {
		return nil, fmt.Errorf("pdf: starting PDFium: %w", err)
	}
	return &Engine{pool: pool}, nil
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// cacheDir returns the compilation cache directory of opt.CacheDir.
func cacheDir(dir string) string {
	switch dir {
	case "-":
		return ""
	case "":
		base, err := os.UserCacheDir()
		if err != nil {
			return ""
		}
		return filepath.Join(base, "annualreport-pdfium")
	}
	return dir
}

// Close stops the engine.
func (e *Engine) Close() error { return e.pool.Close() }

var (
	shared     *Engine
	sharedErr  error
	sharedOnce sync.Once
)

// SharedEngine returns the engine of the process, started on the first
// call with default options (see EngineOptions; the environment variable
// ANNUALREPORT_PDFIUM_CACHE, if set, is its CacheDir). It is never closed.
func SharedEngine() (*Engine, error) {
	sharedOnce.Do(func() {
		shared, sharedErr = NewEngine(EngineOptions{CacheDir: os.Getenv("ANNUALREPORT_PDFIUM_CACHE")})
	})
	return shared, sharedErr
}

// rule is a drawn line or rectangle of a page, as the bounds of a path
// object: a table's border when it is thin.
type rule struct {
	x0, y0, x1, y1 float64 // points, top-left origin
}

// Sentinel errors of the engine, wrapped with details.
var (
	ErrEncrypted = errors.New("encrypted PDF")
	ErrDamaged   = errors.New("damaged or truncated PDF")
)

// extract reads the pages of a PDF: characters and rules. maxPages bounds
// the page count (0: none); a document with more is refused before any
// page is read.
func (e *Engine) extract(ctx context.Context, src []byte, maxPages int) (pages []page, err error) {
	inst, err := e.pool.GetInstanceWithContext(ctx)
	if err != nil {
		return nil, fmt.Errorf("pdf: waiting for PDFium: %w", err)
	}
	// The instance ends once: closed when the reading is done, or killed
	// mid-call when ctx ends first (the runtime closes a module whose
	// context is done), which stops a PDF that would hang PDFium.
	done := make(chan struct{})
	var end sync.Once
	stopped := false
	go func() {
		select {
		case <-ctx.Done():
			end.Do(func() { stopped = true; inst.Kill() })
		case <-done:
		}
	}()
	defer func() {
		close(done)
		end.Do(func() { inst.Close() }) // waits for a Kill under way
		if stopped {
			pages, err = nil, fmt.Errorf("pdf: stopped: %w", ctx.Err())
		}
	}()
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("pdf: PDFium failed: %v", p)
		}
	}()

	data := src
	doc, err := inst.FPDF_LoadMemDocument(&requests.FPDF_LoadMemDocument{Data: &data})
	if err != nil {
		switch {
		case errors.Is(err, pdfiumerrors.ErrPassword), errors.Is(err, pdfiumerrors.ErrSecurity):
			return nil, fmt.Errorf("pdf: %w: needs a password", ErrEncrypted)
		}
		return nil, fmt.Errorf("pdf: %w: %v", ErrDamaged, err)
	}
	defer inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: doc.Document})
	n, err := inst.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: doc.Document})
	if err != nil {
		return nil, fmt.Errorf("pdf: %w: %v", ErrDamaged, err)
	}
	if maxPages > 0 && n.PageCount > maxPages {
		return nil, &LimitError{What: "pages", Limit: maxPages, Got: n.PageCount}
	}
	for i := 0; i < n.PageCount; i++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		p, err := readPage(inst, doc.Document, i)
		if err != nil {
			return pages, &PageError{Page: i + 1, Err: err}
		}
		pages = append(pages, p)
	}
	return pages, nil
}

func readPage(inst pdfium.Pdfium, doc references.FPDF_DOCUMENT, index int) (page, error) {
	p := page{n: index + 1}
	lp, err := inst.FPDF_LoadPage(&requests.FPDF_LoadPage{Document: doc, Index: index})
	if err != nil {
		return p, fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	defer inst.FPDF_ClosePage(&requests.FPDF_ClosePage{Page: lp.Page})
	page := requests.Page{ByReference: &lp.Page}
	w, err := inst.FPDF_GetPageWidthF(&requests.FPDF_GetPageWidthF{Page: page})
	if err != nil {
		return p, err
	}
	h, err := inst.FPDF_GetPageHeightF(&requests.FPDF_GetPageHeightF{Page: page})
	if err != nil {
		return p, err
	}
	p.w, p.h = pt(w.PageWidth), pt(h.PageHeight)
	tp, err := inst.FPDFText_LoadPage(&requests.FPDFText_LoadPage{Page: page})
	if err != nil {
		return p, err
	}
	defer inst.FPDFText_ClosePage(&requests.FPDFText_ClosePage{TextPage: tp.TextPage})
	n, err := inst.FPDFText_CountChars(&requests.FPDFText_CountChars{TextPage: tp.TextPage})
	if err != nil {
		return p, err
	}
	if n.Count > maxChars {
		return p, &LimitError{What: "characters on a page", Limit: maxChars, Got: n.Count}
	}
	p.glyphs = make([]glyph, 0, n.Count)
	for i := 0; i < n.Count; i++ {
		u, err := inst.FPDFText_GetUnicode(&requests.FPDFText_GetUnicode{TextPage: tp.TextPage, Index: i})
		if err != nil || u.Unicode <= ' ' || u.Unicode > unicode.MaxRune {
			continue
		}
		// The loose box: the character's advance and its font's
		// ascent and descent, so that the characters of a line share
		// their top and bottom, and gaps are gaps between advances.
		b, err := inst.FPDFText_GetLooseCharBox(&requests.FPDFText_GetLooseCharBox{TextPage: tp.TextPage, Index: i})
		if err != nil {
			continue
		}
		a, err := inst.FPDFText_GetCharAngle(&requests.FPDFText_GetCharAngle{TextPage: tp.TextPage, Index: i})
		if err == nil && math.Abs(math.Sin(float64(a.CharAngle))) > 0.05 {
			continue // rotated text: a watermark, a stamp
		}
		r := b.Rect
		p.glyphs = append(p.glyphs, glyph{r: rune(u.Unicode), x0: pt(r.Left), x1: pt(r.Right), y0: pt(float32(p.h) - r.Top), y1: pt(float32(p.h) - r.Bottom)})
	}
	objs, err := inst.FPDFPage_CountObjects(&requests.FPDFPage_CountObjects{Page: page})
	if err != nil {
		return p, err
	}
	segs := 0 // path segments read on the page
	for j := 0; j < objs.Count && j < maxObjects; j++ {
		o, err := inst.FPDFPage_GetObject(&requests.FPDFPage_GetObject{Page: page, Index: j})
		if err != nil {
			continue
		}
		t, err := inst.FPDFPageObj_GetType(&requests.FPDFPageObj_GetType{PageObject: o.PageObject})
		if err != nil || t.Type != enums.FPDF_PAGEOBJ_PATH {
			continue
		}
		b, err := inst.FPDFPageObj_GetBounds(&requests.FPDFPageObj_GetBounds{PageObject: o.PageObject})
		if err != nil {
			continue
		}
		r := rule{x0: pt(b.Left), x1: pt(b.Right), y0: pt(float32(p.h) - b.Top), y1: pt(float32(p.h) - b.Bottom)}
		if r.x1-r.x0 <= thin || r.y1-r.y0 <= thin {
			p.rules = append(p.rules, r)
			continue
		}
		// A wider path is a rule only as the lines it strokes: some
		// producers draw a table's grid as one path. A filled one is a
		// background.
		if segs < maxSegments {
			p.rules, segs = strokedLines(inst, o.PageObject, p.h, p.rules, segs)
		}
	}
	return p, nil
}

// pt rounds a coordinate to a hundredth of a point: PDFium computes in
// float32, whose last digits are noise.
func pt(x float32) float64 { return math.Round(float64(x)*100) / 100 }

// maxChars bounds the characters of a page (a page of a report has a
// few thousand).
const maxChars = 200000

// thin is how thin, in points, a path object is to be a rule as a whole.
const thin = 2.5

// maxSegments bounds the path segments read on a page for rules.
const maxSegments = 50000

// strokedLines appends to rules the horizontal and vertical lines that
// path object o strokes, as thin rules in page space, and returns them
// with segs counting the segments read.
func strokedLines(inst pdfium.Pdfium, o references.FPDF_PAGEOBJECT, h float64, rules []rule, segs int) ([]rule, int) {
	mode, err := inst.FPDFPath_GetDrawMode(&requests.FPDFPath_GetDrawMode{PageObject: o})
	if err != nil || !mode.Stroke {
		return rules, segs
	}
	n, err := inst.FPDFPath_CountSegments(&requests.FPDFPath_CountSegments{PageObject: o})
	if err != nil || n.Count < 2 {
		return rules, segs
	}
	m, err := inst.FPDFPageObj_GetMatrix(&requests.FPDFPageObj_GetMatrix{PageObject: o})
	if err != nil {
		return rules, segs
	}
	mx := m.Matrix
	at := func(x, y float32) (float64, float64) {
		return float64(mx.A*x + mx.C*y + mx.E), h - float64(mx.B*x+mx.D*y+mx.F)
	}
	var px, py, sx, sy float64 // the current point and the subpath's start
	line := func(x0, y0, x1, y1 float64) {
		const w = 0.25
		switch {
		case math.Abs(y1-y0) < 0.5 && math.Abs(x1-x0) >= 3:
			rules = append(rules, rule{x0: pt(float32(min(x0, x1))), x1: pt(float32(max(x0, x1))), y0: pt(float32(y0 - w)), y1: pt(float32(y0 + w))})
		case math.Abs(x1-x0) < 0.5 && math.Abs(y1-y0) >= 3:
			rules = append(rules, rule{x0: pt(float32(x0 - w)), x1: pt(float32(x0 + w)), y0: pt(float32(min(y0, y1))), y1: pt(float32(max(y0, y1)))})
		}
	}
	for i := 0; i < n.Count && segs < maxSegments; i++ {
		segs++
		seg, err := inst.FPDFPath_GetPathSegment(&requests.FPDFPath_GetPathSegment{PageObject: o, Index: i})
		if err != nil {
			break
		}
		t, err := inst.FPDFPathSegment_GetType(&requests.FPDFPathSegment_GetType{PathSegment: seg.PathSegment})
		if err != nil {
			break
		}
		pnt, err := inst.FPDFPathSegment_GetPoint(&requests.FPDFPathSegment_GetPoint{PathSegment: seg.PathSegment})
		if err != nil {
			break
		}
		x, y := at(pnt.X, pnt.Y)
		switch t.Type {
		case enums.FPDF_SEGMENT_MOVETO:
			sx, sy = x, y
		case enums.FPDF_SEGMENT_LINETO:
			line(px, py, x, y)
		}
		px, py = x, y
		if c, err := inst.FPDFPathSegment_GetClose(&requests.FPDFPathSegment_GetClose{PathSegment: seg.PathSegment}); err == nil && c.IsClose {
			line(px, py, sx, sy)
			px, py = sx, sy
		}
	}
	return rules, segs
}

// maxObjects bounds the page objects looked at on a page, for rules.
const maxObjects = 20000

// LimitError is returned for a PDF over a limit of parse.Limits.
type LimitError struct {
	What       string
	Limit, Got int
}

func (e *LimitError) Error() string {
	return fmt.Sprintf("pdf: %d %s, over the limit of %d", e.Got, e.What, e.Limit)
}

// PageError is an error on one page of a PDF.
type PageError struct {
	Page int // 1-based
	Err  error
}

func (e *PageError) Error() string { return fmt.Sprintf("pdf: page %d: %v", e.Page, e.Err) }
func (e *PageError) Unwrap() error { return e.Err }
