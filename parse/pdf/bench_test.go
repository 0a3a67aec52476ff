package pdf

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"

	"github.com/opengovcn/annualreport/parse"
)

// BenchmarkEngineStart measures starting an engine: cold compiles the
// WebAssembly module (no compilation cache), cached loads it from a
// compilation cache on disk that an earlier process filled. It reads one
// page after starting, as a first PDF would.
func BenchmarkEngineStart(b *testing.B) {
	src, err := os.ReadFile(filepath.Join("..", "..", "testdata", "pdf", "hostile", "notreport.pdf"))
	if err != nil {
		b.Fatal(err)
	}
	start := func(b *testing.B, dir string) {
		e, err := NewEngine(EngineOptions{CacheDir: dir, Workers: 1})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := e.extract(context.Background(), src, 0); err != nil {
			b.Fatal(err)
		}
		e.Close()
	}
	b.Run("cold", func(b *testing.B) {
		for b.Loop() {
			start(b, "-")
		}
	})
	b.Run("cached", func(b *testing.B) {
		dir := b.TempDir()
		start(b, dir) // fill the cache
		for b.Loop() {
			start(b, dir)
		}
	})
}

// benchPDFs are the PDFs the reading benchmarks read, with their page
// counts.
func benchPDFs(b *testing.B) (names []string, srcs [][]byte) {
	files, _ := filepath.Glob("../../testdata/pdf/*.pdf")
	files = append([]string{"../../testdata/real/huaian-2024.pdf"}, files...)
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		names = append(names, strings.TrimSuffix(filepath.Base(f), ".pdf"))
		srcs = append(srcs, src)
	}
	return names, srcs
}

// pageCount returns the pages of a PDF, as the engine reads them.
func pageCount(b *testing.B, src []byte) int {
	e, err := SharedEngine()
	if err != nil {
		b.Fatal(err)
	}
	pages, err := e.extract(context.Background(), src, 0)
	if err != nil {
		b.Fatal(err)
	}
	return len(pages)
}

// BenchmarkParse reads each PDF with the shared engine, already started:
// ms/page is the time per page, maxrss-MB the process's peak resident
// memory so far (the engine and its instances included).
func BenchmarkParse(b *testing.B) {
	names, srcs := benchPDFs(b)
	for i, name := range names {
		b.Run(name, func(b *testing.B) {
			n := pageCount(b, srcs[i])
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Parser.Parse(srcs[i]); err != nil && !strings.Contains(name, "000") {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N)/float64(n), "ms/page")
			b.ReportMetric(maxRSS(), "maxrss-MB")
		})
	}
}

// BenchmarkPDFTotext is the same PDFs read the other way: pdftotext
// -layout (poppler, an external process) and parse.PDFText on its text.
// It needs pdftotext. (pdftotext's own peak memory cannot be told from
// here: Go starts it with vfork, and the child's peak counts the
// parent's; /usr/bin/time -f %M pdftotext -layout FILE - measures it.)
func BenchmarkPDFTotext(b *testing.B) {
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		b.Skip("no pdftotext")
	}
	names, srcs := benchPDFs(b)
	for i, name := range names {
		b.Run(name, func(b *testing.B) {
			n := pageCount(b, srcs[i])
			b.ReportAllocs()
			for b.Loop() {
				cmd := exec.Command(tool, "-layout", "-", "-")
				cmd.Stdin = strings.NewReader(string(srcs[i]))
				out, err := cmd.Output()
				if err != nil {
					b.Fatal(err)
				}
				parse.PDFText.Parse(out)
			}
			b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N)/float64(n), "ms/page")
		})
	}
}

// maxRSS returns the process's peak resident memory in MiB.
func maxRSS() float64 {
	var u syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &u) != nil {
		return 0
	}
	if runtime.GOOS == "darwin" {
		return float64(u.Maxrss) / (1 << 20)
	}
	return float64(u.Maxrss) / 1024
}
