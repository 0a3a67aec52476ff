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
	done := make(chan struct{})
	var killed sync.Once
	kill := func() { killed.Do(func() { inst.Kill() }) }
	go func() {
		select {
		case <-ctx.Done():
			kill()
		case <-done:
		}
	}()
	defer func() {
		close(done)
		if ctx.Err() != nil {
			err = ctx.Err()
			pages = nil
			return
		}
		killed.Do(func() { inst.Close() })
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
		p.rules = append(p.rules, rule{x0: pt(b.Left), x1: pt(b.Right), y0: pt(float32(p.h) - b.Top), y1: pt(float32(p.h) - b.Bottom)})
	}
	return p, nil
}

// pt rounds a coordinate to a hundredth of a point: PDFium computes in
// float32, whose last digits are noise.
func pt(x float32) float64 { return math.Round(float64(x)*100) / 100 }

// maxChars bounds the characters of a page (a page of a report has a
// few thousand).
const maxChars = 200000

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
