package parse

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/opengovcn/annualreport/report"
)

// fuzzParser checks, for any input, that p neither panics nor returns
// nothing, and that every cell it returns points into the input.
func fuzzParser(f *testing.F, p Parser) {
	for _, s := range seeds {
		f.Add([]byte(readSeed(f, s.file)))
	}
	f.Add([]byte("一、总体情况\n\t\n\n计\n"))
	f.Add([]byte("三、收到和处理政府信息公开申请情况\n| | |\n(七)总计 | ||\n"))
	f.Add([]byte("一、总体情况\n首页 \\| 关于 \\\\| 我们 \\\\\\| |\n（以下为报告正文之外的文字）\n∅ | ∅ | |\n")) // escaped pipes, the marks
	f.Fuzz(func(t *testing.T, src []byte) {
		r, err := p.Parse(src)
		if r == nil {
			t.Fatalf("nil report (err %v)", err)
		}
		lines := len(splitLines(strings.TrimPrefix(string(src), "\ufeff")))
		r.Cells(func(k report.Key, c *report.Cell) bool {
			if c.Src.Line < 1 || c.Src.Line > lines || c.Src.Col < 1 {
				t.Fatalf("%s at %s: outside the input's %d lines", k, c.Src, lines)
			}
			return true
		})
	})
}

func FuzzCells(f *testing.F) { fuzzParser(f, Cells) }
func FuzzTSV(f *testing.F)   { fuzzParser(f, TSV) }
func FuzzPipes(f *testing.F) { fuzzParser(f, Pipes) }

// FuzzDOCX feeds the DOCX parser whole archives and, for input that is
// not a zip, the input as word/document.xml: the XML is where the parser's
// own work lies. It is seeded with the corpus's Word-style DOCX files (the
// LibreOffice ones are ten times larger and slow the fuzzer to a crawl)
// and the oddities of oddDocx. Every cell must point at a paragraph of the
// document, at a column of at least 1.
func FuzzDOCX(f *testing.F) {
	files, _ := filepath.Glob("../testdata/corpus/*.docx.word.docx")
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
		if doc, err := DOCX.(docxParser).document(src, DefaultLimits); err == nil {
			f.Add(doc)
		}
	}
	f.Add(oddDocx)
	if doc, err := DOCX.(docxParser).document(oddDocx, DefaultLimits); err == nil {
		f.Add(doc)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if !bytes.HasPrefix(src, zipMagic) {
			src = zipDocx(string(src))
		}
		r, err := DOCX.Parse(src)
		if r == nil {
			t.Fatalf("nil report (err %v)", err)
		}
		paras := 0
		if doc, err := DOCX.(docxParser).document(src, DefaultLimits); err == nil {
			d := &docxReader{maxDepth: DefaultLimits.Depth}
			d.read(doc)
			paras = len(d.lines)
		}
		r.Cells(func(k report.Key, c *report.Cell) bool {
			if c.Src.Line < 1 || c.Src.Line > paras || c.Src.Col < 1 {
				t.Fatalf("%s at %s: outside the document's %d paragraphs", k, c.Src, paras)
			}
			return true
		})
	})
}

// FuzzPDFText is seeded with the seeds, the pdftotext -layout outputs of
// the corpus and the oddities of pdfOdd.
func FuzzPDFText(f *testing.F) {
	files, _ := filepath.Glob("../testdata/corpus/*.pdftext.*.txt")
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	f.Add([]byte(pdfOdd))
	fuzzParser(f, PDFText)
}

// FuzzPDFPlain is seeded with the plain and -raw pdftotext outputs of
// testdata/pdftext.
func FuzzPDFPlain(f *testing.F) {
	files, _ := filepath.Glob("../testdata/pdftext/*.txt")
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	fuzzParser(f, PDFPlain)
}

// FuzzMarkdown is seeded with the Markdown corpus.
func FuzzMarkdown(f *testing.F) {
	f.Add([]byte("## 三、收到和处理政府信息公开申请情况\n| a \\| b | <br> |\n|---|---|\n| **(七)总计** | 1 |\n— 3 —\n"))
	fuzzCorpus(f, ".markdown.")
	fuzzParser(f, Markdown)
}

// FuzzGlued also checks that cutting long runs of digits stays bounded.
func FuzzGlued(f *testing.F) {
	f.Add([]byte("三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量" + strings.Repeat("1", 60) + "\n四、政府信息公开行政复议、行政诉讼情况\n" + strings.Repeat("10", 30) + "\n"))
	f.Add([]byte("二、主动公开政府信息情况\n第二十条第（九）项\n信息内容采购项目数量采购总金额\n政府集中采购95589.08\n行政许可12-3 0\n"))
	fuzzCorpus(f, ".glued.")
	fuzzParser(f, Glued)
}

// fuzzCorpus adds the corpus files whose name holds part.
func fuzzCorpus(f *testing.F, part string) {
	files, _ := filepath.Glob("../testdata/corpus/*" + part + "*")
	more, _ := filepath.Glob("../testdata/glued/*" + part + "*")
	for _, file := range append(files, more...) {
		b, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
}

// FuzzReline: the lines reline recovers from any text are pieces of its
// lines, each found at the place its origin gives, in order.
func FuzzReline(f *testing.F) {
	for _, name := range []string{"pingtan-2019", "pingtan-2022", "pingtan-2025"} {
		src, err := os.ReadFile("../testdata/real/" + name + ".crawl.txt")
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(src))
	}
	f.Add("三、收到和处理政府信息公开申请情况 一、本年新收政府信息公开申请数量 230 000023二、上年结转" + strings.Repeat(" ", relineMin))
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return // the layouts refuse such text before they split it
		}
		lines := splitLines(s)
		out, from := reline(lines)
		if len(out) != len(from) {
			t.Fatalf("%d lines, %d origins", len(out), len(from))
		}
		last := origin{line: 0, col0: -1}
		for i, l := range out {
			o := from[i]
			if o.line < last.line || o.line == last.line && o.col0 <= last.col0 && l != "" {
				t.Fatalf("line %d's origin %v after %v", i, o, last)
			}
			last = o
			src := []rune(lines[o.line-1])
			if o.col0 > len(src) || !strings.HasPrefix(string(src[o.col0:]), l) {
				t.Fatalf("line %q not at %v", l, o)
			}
		}
	})
}
