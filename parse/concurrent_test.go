package parse

import (
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/opengovcn/annualreport/report"
	"github.com/opengovcn/annualreport/report/reporttest"
)

// TestConcurrentUse parses every seed and corpus file from several
// goroutines at once, with the shared parser values, and checks that each
// gets what a lone parse gets. Run with -race (as .ci/run does) it also
// catches shared state written while parsing.
func TestConcurrentUse(t *testing.T) {
	files, _ := filepath.Glob("../testdata/corpus/*")
	seedFiles, _ := filepath.Glob("../testdata/seeds/*.txt")
	files = append(files, seedFiles...)
	if len(files) < 40 {
		t.Fatalf("found %d inputs, want the seeds and the corpus", len(files))
	}
	type result struct {
		parser string
		err    string
	}
	srcs := make([][]byte, len(files))
	want := make([]result, len(files))
	wantReports := make([]*report.Report, len(files))
	for i, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		srcs[i] = src
		p, err := Detect(src)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		r, err := p.Parse(src)
		want[i] = result{p.Name(), errString(err)}
		wantReports[i] = r
	}
	const workers = 8
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for j := range files {
				i := (j + w*len(files)/workers) % len(files) // each worker starts elsewhere
				p, err := Detect(srcs[i])
				if err != nil {
					t.Errorf("%s: %v", files[i], err)
					continue
				}
				r, err := p.Parse(srcs[i])
				if got := (result{p.Name(), errString(err)}); got != want[i] {
					t.Errorf("%s: concurrently %+v, alone %+v", files[i], got, want[i])
				}
				if d := reporttest.Diff(wantReports[i], r); d != "" {
					t.Errorf("%s: concurrently parsed report differs:\n%s", files[i], d)
				}
			}
		})
	}
	wg.Wait()
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
