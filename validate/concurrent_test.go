package validate_test

import (
	"fmt"
	"path/filepath"
	"sync"
	"testing"

	"github.com/opengovcn/annualreport/report"
	"github.com/opengovcn/annualreport/validate"
)

// TestConcurrentUse checks the seeds with one shared Checker from several
// goroutines at once, and compares each result with a lone check. Run with
// -race (as .ci/run does) it also catches a rule that keeps state between
// runs or writes to the report.
func TestConcurrentUse(t *testing.T) {
	files, _ := filepath.Glob("../testdata/seeds/*.txt")
	if len(files) != 5 {
		t.Fatalf("found %d seeds, want 5", len(files))
	}
	var c validate.Checker
	var rs []*report.Report
	var want []string
	for _, f := range files {
		r := parseFile(t, f)
		rs = append(rs, r)
		want = append(want, fmt.Sprint(c.Check(r)))
	}
	// The years of one agency, as a series, share reports across goroutines too.
	wantSeries := fmt.Sprint(c.Series(rs...))
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Go(func() {
			for i := range rs {
				i := (i + w) % len(rs)
				if got := fmt.Sprint(c.Check(rs[i])); got != want[i] {
					t.Errorf("%s: concurrently\n%s\nalone\n%s", files[i], got, want[i])
				}
			}
			if got := fmt.Sprint(c.Series(rs...)); got != wantSeries {
				t.Errorf("series: concurrently\n%s\nalone\n%s", got, wantSeries)
			}
		})
	}
	wg.Wait()
}
