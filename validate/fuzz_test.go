package validate_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/opengovcn/annualreport/parse"
	"github.com/opengovcn/annualreport/validate"
)

// FuzzCheck runs the standard rules over whatever the parsers make of any
// input: no rule may panic or fail (a *validate.RuleError), whatever is
// blank, missing, text or huge in the report, and every finding must name
// a rule of the set and carry a message.
func FuzzCheck(f *testing.F) {
	for _, pattern := range []string{"../testdata/seeds/*.txt", "../testdata/corpus/*.md", "../testdata/corpus/*.glued.txt", "../testdata/validate/*/*.txt"} {
		files, _ := filepath.Glob(pattern)
		for _, file := range files {
			src, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(src)
		}
	}
	rules := map[string]bool{}
	for _, r := range validate.Standard() {
		rules[r.ID] = true
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		r, _ := parse.Parse(src)
		var c validate.Checker
		findings, err := c.Check(r)
		if re := (*validate.RuleError)(nil); errors.As(err, &re) {
			t.Fatalf("%v\n%s", re, re.Stack)
		}
		if err != nil {
			t.Fatal(err)
		}
		for _, fd := range findings {
			if !rules[fd.Rule] || fd.Message == "" {
				t.Fatalf("finding %+v: unknown rule or no message", fd)
			}
		}
		if _, err := c.Series(r, r); err != nil && !errors.Is(err, validate.ErrSeries) {
			t.Fatalf("series: %v", err)
		}
	})
}
