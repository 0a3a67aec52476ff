package parse_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/opengovcn/annualreport/parse"
	"github.com/opengovcn/annualreport/validate"
)

var updateHostile = flag.Bool("update-hostile", false, "rewrite testdata/hostile/*.want (then check them by hand)")

// seed001 is a real report in the tsv layout, which the hostile inputs
// below are made from.
const seed001 = "../testdata/seeds/001_10659aee92df145a.txt"

// generated are the hostile inputs too big or too binary to commit: made
// by the test, with their .want files in testdata/hostile like the rest.
var generated = map[string]func(t *testing.T) []byte{
	"image.png": func(t *testing.T) []byte {
		var buf bytes.Buffer
		if err := png.Encode(&buf, gradient()); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	},
	"image.jpg": func(t *testing.T) []byte {
		var buf bytes.Buffer
		if err := jpeg.Encode(&buf, gradient(), nil); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	},
	// A zip bomb: a word/document.xml of 80 MiB of spaces packs into some
	// 80 KiB; the parser must stop at Limits.Uncompressed (64 MiB).
	"zipbomb.docx": func(t *testing.T) []byte {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
			return flate.NewWriter(w, flate.BestSpeed)
		})
		w, err := zw.Create("word/document.xml")
		if err != nil {
			t.Fatal(err)
		}
		chunk := bytes.Repeat([]byte(" "), 1<<20)
		for range 80 {
			w.Write(chunk)
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	},
	// A zip of 20,000 entries, over Limits.Entries.
	"entries.docx": func(t *testing.T) []byte {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for i := range 20000 {
			if _, err := zw.Create(fmt.Sprintf("word/media/image%d.png", i)); err != nil {
				t.Fatal(err)
			}
		}
		w, _ := zw.Create("word/document.xml")
		io.WriteString(w, `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>`)
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	},
	// A page of 100,000 nested <div>s, over Limits.Depth.
	"deep.html": func(t *testing.T) []byte {
		return []byte("<!DOCTYPE html>\n<html><body>\n" + strings.Repeat("<div>", 100000) + "一、总体情况" + strings.Repeat("</div>", 100000) + "\n</body></html>\n")
	},
	// A 2 MB line after a heading, over Limits.Line.
	"longline.txt": func(t *testing.T) []byte {
		return []byte("某县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n" + strings.Repeat("政务公开", 2<<20/12) + "\n")
	},
	// A row of 100,000 cells in 表三, over Limits.Cells.
	"cells.txt": func(t *testing.T) []byte {
		return []byte("某县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n概述。\n三、收到和处理政府信息公开申请情况\n" +
			"一、本年新收政府信息公开申请数量" + strings.Repeat("\t0", 100000) + "\n")
	},
	// Seed 001 with a NUL byte in 表三 and with a byte that is neither
	// UTF-8 nor GB18030.
	"nul.txt":          func(t *testing.T) []byte { return insertAt(t, 53, 3, "\x00") },
	"invalid-utf8.txt": func(t *testing.T) []byte { return insertAt(t, 53, 3, "\xff") },
}

// insertAt returns seed 001 with s inserted before the character at line,
// col.
func insertAt(t *testing.T, line, col int, s string) []byte {
	t.Helper()
	src, err := os.ReadFile(seed001)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(src), "\n")
	r := []rune(lines[line-1])
	lines[line-1] = string(r[:col-1]) + s + string(r[col-1:])
	return []byte(strings.Join(lines, ""))
}

func gradient() image.Image {
	img := image.NewRGBA(image.Rect(0, 0, 32, 32))
	for x := range 32 {
		for y := range 32 {
			img.Set(x, y, color.RGBA{uint8(8 * x), uint8(8 * y), 128, 255})
		}
	}
	return img
}

// outcome describes what parsing and checking an input gives, one fact a
// line: the layout detected, each parse error with its kind, position and
// message, and, when there is a report to check, each finding of the
// standard rules.
func outcome(src []byte) string {
	var b strings.Builder
	p, err := parse.Detect(src)
	if err != nil {
		fmt.Fprintf(&b, "layout: none\n")
	} else {
		fmt.Fprintf(&b, "layout: %s\n", p.Name())
	}
	r, err := parse.Parse(src)
	if r == nil {
		return b.String() + "report: nil\n"
	}
	list := parse.ErrorList(err)
	if err != nil && list == nil {
		fmt.Fprintf(&b, "error of type %T: %v\n", err, err)
	}
	for _, e := range list {
		fmt.Fprintf(&b, "error: %v @%d:%d: %s\n", errors.Unwrap(e), e.Line, e.Col, e.Msg)
	}
	if errors.Is(err, parse.ErrUnknownLayout) || errors.Is(err, parse.ErrNoReport) || errors.Is(err, parse.ErrLimit) {
		fmt.Fprintf(&b, "sections: %d\n", len(r.Sections))
		return b.String()
	}
	findings, err := (&validate.Checker{Rules: validate.Standard()}).Check(r)
	if err != nil {
		fmt.Fprintf(&b, "rule error: %v\n", err)
	}
	for _, f := range findings {
		what := string(f.Section)
		if len(f.Cells) > 0 {
			what = f.Cells[0].String()
		}
		fmt.Fprintf(&b, "finding: %s %s @%d:%d %s: %s\n", f.Rule, f.Severity, f.Src.Line, f.Src.Col, what, f.Message)
	}
	return b.String()
}

// TestHostile parses inputs that are not reports, or are broken ones, and
// compares what comes back (error kinds, positions, messages, and the
// findings of the standard rules when there is a report) with
// testdata/hostile/NAME.want. Nothing may panic or hang, nothing half-read
// may pass for whole: each .want was checked by hand.
func TestHostile(t *testing.T) {
	inputs := map[string]func(t *testing.T) []byte{}
	for name, gen := range generated {
		inputs[name] = gen
	}
	files, err := filepath.Glob("../testdata/hostile/*")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if strings.HasSuffix(f, ".want") {
			continue
		}
		inputs[filepath.Base(f)] = func(t *testing.T) []byte {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			return src
		}
	}
	for name, input := range inputs {
		t.Run(name, func(t *testing.T) {
			got := outcome(input(t))
			wantFile := filepath.Join("../testdata/hostile", name+".want")
			if *updateHostile {
				if err := os.WriteFile(wantFile, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(wantFile)
			if err != nil {
				t.Fatalf("%v (run with -update-hostile, then check the file by hand)", err)
			}
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("%s (-want +got):\n%s", name, diff)
			}
		})
	}
}
