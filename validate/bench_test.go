package validate_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/opengovcn/annualreport/parse"
	"github.com/opengovcn/annualreport/validate"
)

// seedFiles are the five real reports.
func seedFiles(b *testing.B) []string {
	files, err := filepath.Glob("../testdata/seeds/*.txt")
	if err != nil || len(files) != 5 {
		b.Fatalf("seeds: %v %v", files, err)
	}
	return files
}

// BenchmarkStandard runs the standard rules on each seed's report, parsed
// once outside the loop:
// go test ./validate -run XXX -bench . -benchmem -cpu 1
func BenchmarkStandard(b *testing.B) {
	checker := &validate.Checker{Rules: validate.Standard()}
	for _, file := range seedFiles(b) {
		src, err := os.ReadFile(file)
		if err != nil {
			b.Fatal(err)
		}
		r, err := parse.Parse(src)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(filepath.Base(file)[:3], func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := checker.Check(r); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkParseAndCheck parses and checks each seed, as a portal checks
// an upload: the figure the README's target is about.
func BenchmarkParseAndCheck(b *testing.B) {
	checker := &validate.Checker{Rules: validate.Standard()}
	for _, file := range seedFiles(b) {
		src, err := os.ReadFile(file)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(filepath.Base(file)[:3], func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				r, err := parse.Parse(src)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := checker.Check(r); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
