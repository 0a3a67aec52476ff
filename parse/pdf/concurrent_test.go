package pdf

import (
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestConcurrent reads the real PDF and the seeds from many goroutines at
// once through the shared engine's pool (more than its workers), and every
// reading gives the report that reading them one at a time gives. Run
// with -race.
func TestConcurrent(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/pdf/*.pdf")
	files = append(files, "../../testdata/real/huaian-2024.pdf")
	var srcs [][]byte
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		srcs = append(srcs, src)
	}
	want := make([]string, len(srcs))
	for i, src := range srcs {
		r, _ := Parser.Parse(src)
		want[i] = cmp.Diff(nil, r)
	}
	n := 12
	if testing.Short() {
		n = 6
	}
	var wg sync.WaitGroup
	for g := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			i := g % len(srcs)
			r, _ := Parser.Parse(srcs[i])
			if got := cmp.Diff(nil, r); got != want[i] {
				t.Errorf("%s read at once differs from its reading alone", files[i])
			}
		}()
	}
	wg.Wait()
}
