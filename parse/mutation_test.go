package parse_test

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/opengovcn/annualreport/parse"
)

// Mutation test (issue 21): the real reports of testdata/real, and a Word
// document of the corpus, broken in the ways real files are broken and
// hostile ones are made, by a PCG with a fixed seed: every mutant must
// give a report, a partial report with positioned errors, or an error; no
// panic, no hang, no more memory than the limits allow.
const (
	mutants      = 3000
	mutantsShort = 200
	mutationSeed = 20260421
	// mutantTimeout is how long one parse may take before it counts as a
	// hang: a thousand times what a real report takes, so that a loaded
	// machine or the race detector does not make one.
	mutantTimeout = 20 * time.Second
	// mutantAlloc is the most a parse of a mutant may allocate, in bytes:
	// inputs are under 0.5 MiB and the DOCX limits below a few MiB.
	mutantAlloc = 256 << 20
)

// mutantLimits are the limits the mutants are read with: the defaults, but
// for the size a DOCX unpacks to, lowered so that an oversized entry is
// over it at little cost.
var mutantLimits = parse.Limits{Uncompressed: 1 << 20}

// mutationSource is a file the mutants are made from.
type mutationSource struct {
	name string
	src  []byte
	docx map[string][]byte // the entries of a DOCX, by name; nil otherwise
	html bool
	pdf  bool // binary: only cut, flipped, or given stray bytes
	at   *places
}

// places are where the rows, numbers, spans and cells of a text stand,
// found once (the expressions are slow over a page).
type places struct {
	rows, nums, spans, cells [][]int
}

func placesOf(src []byte, html bool) *places {
	p := &places{}
	if html {
		p.rows = htmlRow.FindAllIndex(src, -1)
		p.nums = htmlNumber.FindAllIndex(src, -1)
		p.spans = spanAttr.FindAllIndex(src, -1)
		p.cells = htmlCell.FindAllIndex(src, -1)
		return p
	}
	start := 0
	for i, c := range src {
		if c == '\n' {
			p.rows = append(p.rows, []int{start, i + 1})
			start = i + 1
		}
	}
	p.nums = textNumber.FindAllIndex(src, -1)
	return p
}

func mutationSources(t *testing.T) []mutationSource {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("..", "testdata", "real", "*.*"))
	if err != nil {
		t.Fatal(err)
	}
	// The real files hold no Word document: one of the corpus stands in.
	paths = append(paths, filepath.Join("..", "testdata", "corpus", "003_cda8e236fd2b0dc4.docx.word.docx"))
	var out []mutationSource
	for _, p := range paths {
		if filepath.Base(p) == "README.md" {
			continue
		}
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		s := mutationSource{name: filepath.Base(p), src: src, html: strings.HasSuffix(p, ".html"), pdf: strings.HasSuffix(p, ".pdf")}
		if strings.HasSuffix(p, ".docx") {
			s.docx = unzip(t, src)
			s.at = placesOf(s.docx["word/document.xml"], true)
			s.at.rows = docxRow.FindAllIndex(s.docx["word/document.xml"], -1)
			s.at.spans = docxSpan.FindAllIndex(s.docx["word/document.xml"], -1) // w:gridSpan w:val="0" …
			s.at.cells = nil
		} else if !s.pdf {
			s.at = placesOf(src, s.html)
		}
		out = append(out, s)
	}
	if len(out) < 10 {
		t.Fatalf("only %d files to mutate", len(out))
	}
	return out
}

func unzip(t *testing.T, src []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(src), int64(len(src)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		out[f.Name] = b
	}
	return out
}

// rezip packs entries (in sorted order) into a DOCX; doc, if not nil,
// writes word/document.xml itself.
func rezip(entries map[string][]byte, doc func(zw *zip.Writer) error) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	names := make([]string, 0, len(entries))
	for n := range entries {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		if n == "word/document.xml" && doc != nil {
			if err := doc(zw); err != nil {
				panic(err)
			}
			continue
		}
		w, err := zw.Create(n)
		if err != nil {
			panic(err)
		}
		w.Write(entries[n])
	}
	if err := zw.Close(); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

var (
	htmlRow    = regexp.MustCompile(`(?is)<tr[\s>].*?</tr>`)
	docxRow    = regexp.MustCompile(`(?s)<w:tr[\s>].*?</w:tr>`)
	spanAttr   = regexp.MustCompile(`(?i)(colspan|rowspan)\s*=\s*"?\d*"?`)
	docxSpan   = regexp.MustCompile(`w:gridSpan w:val="\d+"`)
	htmlNumber = regexp.MustCompile(`>\s*\d+\s*<`)
	htmlCell   = regexp.MustCompile(`(?i)<t[dh]`)
	textNumber = regexp.MustCompile(`\d+`)
)

// oddValues are what a cell may hold instead of its number.
var oddValues = []string{
	"99999999999999999999", "1e9", "-1", "—", "１２３", "０", "\xff\xfe", "\xb9\xfa\xbc\xd2", // GBK 国家
	"-0", "1,000,000", "3.14159265358979323846264338327950288", "+7", "NaN", "∞", "",
}

// spanValues are what a colspan or rowspan may say.
var spanValues = []string{"0", "-1", "-2147483648", "99999999999", "1000", "65535", "", "1.5", "０"}

// mutate returns a mutant of s, made by rng, and what was done.
func mutate(s mutationSource, rng *rand.Rand) ([]byte, string) {
	if s.docx != nil {
		return mutateDOCX(s, rng)
	}
	if s.pdf {
		return mutateOp(s.src, false, nil, []int{0, 1, 8}[rng.IntN(3)], rng)
	}
	return mutateText(s.src, s.html, s.at, rng)
}

func mutateText(src []byte, html bool, at *places, rng *rand.Rand) ([]byte, string) {
	return mutateOp(src, html, at, rng.IntN(9), rng)
}

// mutateOp makes a mutant of text by the operation op of mutateText.
func mutateOp(src []byte, html bool, at *places, op int, rng *rand.Rand) ([]byte, string) {
	out := bytes.Clone(src)
	switch op {
	case 0: // truncation anywhere
		n := rng.IntN(len(out) + 1)
		return out[:n], fmt.Sprintf("cut at byte %d", n)
	case 1: // byte flips
		k := 1 + rng.IntN(16)
		for range k {
			i := rng.IntN(len(out))
			out[i] ^= byte(1 + rng.IntN(255))
		}
		return out, fmt.Sprintf("%d bytes flipped", k)
	case 2, 3, 4: // table rows deleted, duplicated, swapped
		rows := at.rows
		if len(rows) < 2 {
			return out[:len(out)/2], "cut in half (no rows)"
		}
		a, b := rows[rng.IntN(len(rows))], rows[rng.IntN(len(rows))]
		if a[0] > b[0] {
			a, b = b, a
		}
		switch op {
		case 2:
			return cat(out[:a[0]], out[a[1]:]), fmt.Sprintf("row at %d deleted", a[0])
		case 3:
			return cat(out[:a[1]], out[a[0]:a[1]], out[a[1]:]), fmt.Sprintf("row at %d twice", a[0])
		default:
			if a[1] > b[0] { // the same row
				return cat(out[:a[1]], out[a[0]:]), fmt.Sprintf("row at %d and the rest twice", a[0])
			}
			return cat(out[:a[0]], out[b[0]:b[1]], out[a[1]:b[0]], out[a[0]:a[1]], out[b[1]:]), fmt.Sprintf("rows at %d and %d swapped", a[0], b[0])
		}
	case 5: // colspan and rowspan of 0, negative, huge
		if !html {
			return mutateCell(out, html, at, rng)
		}
		v := spanValues[rng.IntN(len(spanValues))]
		if len(at.spans) == 0 || rng.IntN(4) == 0 {
			if len(at.cells) == 0 {
				return out, "unchanged (no cells)"
			}
			i := at.cells[rng.IntN(len(at.cells))][1]
			attr := []string{"colspan", "rowspan"}[rng.IntN(2)]
			return cat(out[:i], []byte(fmt.Sprintf(` %s="%s"`, attr, v)), out[i:]), fmt.Sprintf("%s=%q added at %d", attr, v, i)
		}
		var b []byte
		n, last := 0, 0
		for _, l := range at.spans {
			if rng.IntN(3) > 0 {
				continue
			}
			n++
			name, _, _ := strings.Cut(string(out[l[0]:l[1]]), "=")
			b = append(append(b, out[last:l[0]]...), name+`="`+v+`"`...)
			last = l[1]
		}
		return append(b, out[last:]...), fmt.Sprintf("%d spans set to %q", n, v)
	case 6, 7: // odd values in cells
		return mutateCell(out, html, at, rng)
	default: // invalid UTF-8 or GBK bytes anywhere
		at := rng.IntN(len(out) + 1)
		b := []string{"\xff", "\xc3", "\xe4\xb8", "\xb9\xfa\xbc\xd2", "\xd5\xfe\xb8\xae", "\x00", "\xef\xbb\xbf"}[rng.IntN(7)]
		return cat(out[:at], []byte(b), out[at:]), fmt.Sprintf("%q inserted at %d", b, at)
	}
}

// mutateCell replaces a number of the input, or several, by odd values.
func mutateCell(out []byte, html bool, at *places, rng *rand.Rand) ([]byte, string) {
	if len(at.nums) == 0 {
		return out, "unchanged (no numbers)"
	}
	picked := map[int]string{}
	for range 1 + rng.IntN(4) {
		picked[rng.IntN(len(at.nums))] = oddValues[rng.IntN(len(oddValues))]
	}
	var b []byte
	var what []string
	last := 0
	for i, l := range at.nums {
		v, ok := picked[i]
		if !ok {
			continue
		}
		if html {
			v = ">" + v + "<"
		}
		b = append(append(b, out[last:l[0]]...), v...)
		last = l[1]
		what = append(what, fmt.Sprintf("%q at %d", v, l[0]))
	}
	return append(b, out[last:]...), "cells " + strings.Join(what, ", ")
}

func cat(parts ...[]byte) []byte {
	var b []byte
	for _, p := range parts {
		b = append(b, p...)
	}
	return b
}

func mutateDOCX(s mutationSource, rng *rand.Rand) ([]byte, string) {
	doc := s.docx["word/document.xml"]
	switch op := rng.IntN(7); op {
	case 0: // the file cut or flipped
		m, what := mutateOp(s.src, false, nil, 1, rng)
		if rng.IntN(2) == 0 {
			n := rng.IntN(len(s.src) + 1)
			return s.src[:n], fmt.Sprintf("docx cut at byte %d", n)
		}
		return m, "docx: " + what
	case 1: // a corrupt entry: its deflated bytes flipped, its CRC kept
		var raw bytes.Buffer
		zw := zip.NewWriter(&raw)
		w, _ := zw.Create("word/document.xml")
		w.Write(doc)
		zw.Close()
		zr, _ := zip.NewReader(bytes.NewReader(raw.Bytes()), int64(raw.Len()))
		f := zr.File[0]
		r, _ := f.OpenRaw()
		deflated, _ := io.ReadAll(r)
		deflated = bytes.Clone(deflated)
		k := 1 + rng.IntN(8)
		for range k {
			i := rng.IntN(len(deflated))
			deflated[i] ^= byte(1 + rng.IntN(255))
		}
		return rezip(s.docx, func(zw *zip.Writer) error {
			h := f.FileHeader
			w, err := zw.CreateRaw(&h)
			if err != nil {
				return err
			}
			_, err = w.Write(deflated)
			return err
		}), fmt.Sprintf("document.xml: %d deflated bytes flipped", k)
	case 2: // an oversized entry: document.xml padded past the limit
		pad := int(mutantLimits.Uncompressed) + rng.IntN(1<<20)
		at := bytes.Index(doc, []byte("<w:body>"))
		return rezip(s.docx, func(zw *zip.Writer) error {
			w, err := zw.Create("word/document.xml")
			if err != nil {
				return err
			}
			w.Write(doc[:at+len("<w:body>")])
			w.Write(bytes.Repeat([]byte(" "), pad))
			_, err = w.Write(doc[at+len("<w:body>"):])
			return err
		}), fmt.Sprintf("document.xml padded by %d bytes", pad)
	case 3: // an entry whose header lies about its size
		return rezip(s.docx, func(zw *zip.Writer) error {
			var raw bytes.Buffer
			tmp := zip.NewWriter(&raw)
			w, _ := tmp.Create("word/document.xml")
			w.Write(doc)
			tmp.Close()
			zr, _ := zip.NewReader(bytes.NewReader(raw.Bytes()), int64(raw.Len()))
			f := zr.File[0]
			rd, _ := f.OpenRaw()
			deflated, _ := io.ReadAll(rd)
			h := f.FileHeader
			h.UncompressedSize64 = uint64(rng.IntN(len(doc)))
			cw, err := zw.CreateRaw(&h)
			if err != nil {
				return err
			}
			_, err = cw.Write(deflated)
			return err
		}), "document.xml's size understated"
	default: // document.xml itself broken: rows, cells, bytes
		var m []byte
		var what string
		switch op {
		case 4:
			rows := s.at.rows
			if len(rows) < 2 {
				m, what = doc, "unchanged"
				break
			}
			a := rows[rng.IntN(len(rows))]
			if rng.IntN(2) == 0 {
				m, what = cat(doc[:a[0]], doc[a[1]:]), fmt.Sprintf("w:tr at %d deleted", a[0])
			} else {
				m, what = cat(doc[:a[1]], doc[a[0]:a[1]], doc[a[1]:]), fmt.Sprintf("w:tr at %d twice", a[0])
			}
		case 5:
			m, what = mutateCell(doc, true, s.at, rng)
		default:
			m, what = mutateOp(doc, true, s.at, []int{0, 1, 5, 8}[rng.IntN(4)], rng)
		}
		entries := map[string][]byte{}
		for k, v := range s.docx {
			entries[k] = v
		}
		entries["word/document.xml"] = m
		return rezip(entries, nil), "document.xml: " + what
	}
}

// sentinels are the errors a positioned error may wrap.
var sentinels = []error{parse.ErrUnknownLayout, parse.ErrNoReport, parse.ErrSyntax, parse.ErrUnknownLabel,
	parse.ErrCellCount, parse.ErrAmbiguous, parse.ErrMissing, parse.ErrLimit}

// mutantOutcome is what parsing a mutant gave.
type mutantOutcome struct {
	err    error
	panic  any
	report bool
	alloc  uint64
}

// parseGuarded parses src with parse under a timeout, recovering a panic,
// and measures what it allocated. The parses run one at a time, so the
// bytes allocated meanwhile are theirs.
func parseGuarded(src []byte, timeout time.Duration, parse func([]byte) (any, error)) (mutantOutcome, bool) {
	done := make(chan mutantOutcome, 1)
	go func() {
		var o mutantOutcome
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		defer func() {
			runtime.ReadMemStats(&after)
			o.alloc = after.TotalAlloc - before.TotalAlloc
			o.panic = recover()
			done <- o
		}()
		r, err := parse(src)
		o.err, o.report = err, r != nil
	}()
	select {
	case o := <-done:
		return o, true
	case <-time.After(timeout):
		return mutantOutcome{}, false
	}
}

// TestMutants: see the constants above. A failure names the file, the
// mutant's number and what was done to it; the mutant is made again by
// the same seed.
func TestMutants(t *testing.T) {
	n := mutants
	switch {
	case testing.Short() && raceEnabled:
		n = mutantsShort / 4
	case testing.Short():
		n = mutantsShort
	}
	sources := mutationSources(t)
	cfg := &parse.Config{Limits: mutantLimits}
	rng := rand.New(rand.NewPCG(mutationSeed, 0x6d757461))
	var maxAlloc uint64
	failures := 0
	for i := range n {
		s := sources[i%len(sources)]
		m, what := mutate(s, rng)
		name := fmt.Sprintf("%s mutant %d (%s)", s.name, i, what)
		// Through detection, and with the parser the file itself is read
		// by, which a broken file may no longer be detected as.
		p, err := cfg.Detect(s.src)
		if err != nil {
			p = parse.Glued // the PDF: no parser of this package reads it
		}
		for _, via := range []struct {
			name  string
			parse func([]byte) (any, error)
		}{
			{"Config.Parse", func(b []byte) (any, error) { r, err := cfg.Parse(b); return r, err }},
			{p.Name() + ".Parse", func(b []byte) (any, error) { r, err := p.Parse(b); return r, err }},
		} {
			o, ok := parseGuarded(m, mutantTimeout, via.parse)
			bad := ""
			switch {
			case !ok:
				bad = fmt.Sprintf("no result after %v", mutantTimeout)
			case o.panic != nil:
				bad = fmt.Sprintf("panic: %v", o.panic)
			case !o.report:
				bad = "nil report"
			case o.alloc > mutantAlloc:
				bad = fmt.Sprintf("allocated %d MiB", o.alloc>>20)
			default:
				for _, e := range parse.ErrorList(o.err) {
					if e.Line < 1 || e.Col < 1 {
						bad = fmt.Sprintf("error without a position: %v", e)
					}
					known := false
					for _, s := range sentinels {
						known = known || errors.Is(e, s)
					}
					if !known {
						bad = fmt.Sprintf("error wrapping no sentinel: %v", e)
					}
				}
				maxAlloc = max(maxAlloc, o.alloc)
			}
			if bad != "" {
				t.Errorf("%s via %s: %s", name, via.name, bad)
				if failures++; failures == 10 {
					t.Fatal("stopping after 10 failures")
				}
			}
		}
	}
	t.Logf("%d mutants of %d files, each parsed twice; at most %.1f MiB allocated by a parse", n, len(sources), float64(maxAlloc)/(1<<20))
}

// TestMutantGuard: the guard of TestMutants sees a panic, a hang and
// memory.
func TestMutantGuard(t *testing.T) {
	if o, ok := parseGuarded(nil, time.Second, func([]byte) (any, error) { panic("boom") }); !ok || o.panic != "boom" {
		t.Errorf("a panic: %+v, %v", o, ok)
	}
	stop := make(chan bool)
	defer close(stop)
	if _, ok := parseGuarded(nil, 10*time.Millisecond, func([]byte) (any, error) { <-stop; return nil, nil }); ok {
		t.Error("a hang was not seen")
	}
	var keep []byte
	if o, ok := parseGuarded(nil, time.Second, func([]byte) (any, error) { keep = make([]byte, 8<<20); return &keep, nil }); !ok || o.alloc < 8<<20 || !o.report {
		t.Errorf("8 MiB allocated: %+v, %v", o, ok)
	}
}
