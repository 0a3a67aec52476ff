package parse

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkParse measures each seed in its own layout:
// go test ./parse -run XXX -bench . -benchmem
func BenchmarkParse(b *testing.B) {
	for _, s := range seeds {
		src := []byte(readSeed(b, s.file))
		p := ByName(s.layout)
		b.Run(s.file[:3]+"_"+s.layout, func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := p.Parse(src); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkParseHTML measures the HTML pages of the corpus:
// go test ./parse -run XXX -bench ParseHTML -benchmem
func BenchmarkParseHTML(b *testing.B) {
	files, _ := filepath.Glob("../testdata/corpus/*.html")
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		name := strings.TrimSuffix(filepath.Base(f), ".html")
		b.Run(name[:3]+name[strings.Index(name, ".html"):], func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := HTML.Parse(src); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkDetect measures choosing the layout of each seed among the
// standard parsers.
func BenchmarkDetect(b *testing.B) {
	for _, s := range seeds {
		src := []byte(readSeed(b, s.file))
		b.Run(s.file[:3], func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Detect(src); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
