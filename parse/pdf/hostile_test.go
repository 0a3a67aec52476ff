package pdf

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/opengovcn/annualreport/parse"
)

var genHostile = flag.Bool("gen-hostile", false, "regenerate testdata/pdf/hostile")

// makePDF writes a PDF of the given objects (numbered from 1; object 1
// the catalog) with a correct cross-reference table; trailer adds to the
// trailer dictionary.
func makePDF(objs []string, trailer string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, trailer, xref)
	return b.Bytes()
}

func stream(s string) string {
	return fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(s), s)
}

// hostilePDFs are the hand-made PDFs of testdata/pdf/hostile.
func hostilePDFs() map[string][]byte {
	font := "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
	page := func(content string) []string {
		return []string{
			"<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
			stream(content),
			font,
		}
	}
	m := map[string][]byte{}
	// A scan: the page only paints (a grey box where the image would be).
	m["scanned.pdf"] = makePDF(page("0.5 g 72 72 451 698 re f"), "")
	// Text that is not a report.
	m["notreport.pdf"] = makePDF(page("BT /F1 12 Tf 72 760 Td (Hello, this is a menu, not a report.) Tj ET"), "")
	// Encrypted with the standard handler: the empty user password does
	// not open it.
	enc := page("BT /F1 12 Tf 72 760 Td (secret) Tj ET")
	enc = append(enc, "<< /Filter /Standard /V 1 /R 2 /O <"+strings.Repeat("ab", 32)+"> /U <"+strings.Repeat("cd", 32)+"> /P -4 >>")
	m["encrypted.pdf"] = makePDF(enc, "/Encrypt 6 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>] ")
	// A bomb of pages: 5,000 references to one page (30 KB).
	kids := strings.Repeat("3 0 R ", 5000)
	bomb := page("BT /F1 12 Tf 72 760 Td (page) Tj ET")
	bomb[1] = "<< /Type /Pages /Kids [" + kids + "] /Count 5000 >>"
	m["pagebomb.pdf"] = makePDF(bomb, "")
	// Truncated: the real report's first 3 KB.
	if src, err := os.ReadFile(filepath.Join("..", "..", "testdata", "real", "huaian-2024.pdf")); err == nil {
		m["truncated.pdf"] = src[:3000]
	}
	// Garbage after the header.
	m["garbage.pdf"] = []byte("%PDF-1.7\n" + strings.Repeat("\x00\xff obj << /Kids [1 0 R] >> endobj", 50))
	// Pages that refer to themselves as their own kids.
	loop := page("")
	loop[1] = "<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>"
	m["pageloop.pdf"] = makePDF(loop, "")
	return m
}

func TestGenerateHostile(t *testing.T) {
	if !*genHostile {
		t.Skip("run with -gen-hostile to regenerate testdata/pdf/hostile")
	}
	dir := filepath.Join("..", "..", "testdata", "pdf", "hostile")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, src := range hostilePDFs() {
		if err := os.WriteFile(filepath.Join(dir, name), src, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestHostile reads the hand-made bad PDFs of testdata/pdf/hostile: each
// gets its error, an empty or partial report, no panic and no hang.
func TestHostile(t *testing.T) {
	for _, c := range []struct {
		file string
		want error
		msg  string
	}{
		{"scanned.pdf", ErrScanned, "page 1 of 1: scanned, no text layer: needs OCR"},
		{"notreport.pdf", parse.ErrNoReport, "page 1"},
		{"encrypted.pdf", ErrEncrypted, "password"},
		{"pagebomb.pdf", parse.ErrLimit, "5000 pages"},
		{"truncated.pdf", nil, ""},
		{"garbage.pdf", ErrDamaged, ""},
		{"pageloop.pdf", nil, ""},
	} {
		t.Run(c.file, func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join("..", "..", "testdata", "pdf", "hostile", c.file))
			if err != nil {
				t.Fatal(err)
			}
			r, err := Parser.Parse(src)
			if r == nil {
				t.Fatal("nil report")
			}
			if err == nil {
				t.Fatal("no error")
			}
			if c.want != nil && !errors.Is(err, c.want) {
				t.Errorf("error %v, want %v", err, c.want)
			}
			if !strings.Contains(err.Error(), c.msg) {
				t.Errorf("error %q does not say %q", err, c.msg)
			}
			if len(r.Sections) != 0 {
				t.Errorf("a report of %d sections", len(r.Sections))
			}
		})
	}
}

// TestLimits: the page limit and the input limit are checked before any
// page is read; Config.Parse passes its limits.
func TestLimits(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "..", "testdata", "real", "huaian-2024.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	for _, lim := range []parse.Limits{{Pages: 5}, {Input: 1000}, {Cells: 10}} {
		cfg := parse.Config{Parsers: []parse.Parser{Parser}, Limits: lim}
		_, err := cfg.Parse(src)
		if !errors.Is(err, parse.ErrLimit) {
			t.Errorf("%+v: error %v, want ErrLimit", lim, err)
		}
	}
	if _, err := (&parse.Config{Parsers: []parse.Parser{Parser}, Limits: parse.Limits{Pages: 6}}).Parse(src); err != nil {
		t.Errorf("6 pages within a limit of 6: %v", err)
	}
}

// TestDeadline: a context that ends stops the reading with its error.
func TestDeadline(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "..", "testdata", "real", "huaian-2024.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Parser.ParseContext(ctx, src); !errors.Is(err, context.Canceled) {
		t.Errorf("a canceled context: %v", err)
	}
	p := New(Options{Timeout: time.Microsecond})
	if _, err := p.Parse(src); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("a timeout of 1µs: %v", err)
	}
	// The engine still reads after an instance was stopped mid-call.
	if _, err := Parser.Parse(src); err != nil {
		t.Errorf("after the timeouts: %v", err)
	}
}

// TestNotPDF: the parser reads only PDFs.
func TestNotPDF(t *testing.T) {
	if _, err := Parser.Parse([]byte("一、总体情况\n")); !errors.Is(err, ErrNotPDF) {
		t.Errorf("text: %v", err)
	}
	if Parser.Detect([]byte("%PDF-1.4\n")) != 100 || Parser.Detect([]byte("PK\x03\x04")) != 0 {
		t.Error("Detect")
	}
}
