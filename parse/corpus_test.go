package parse

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/opengovcn/annualreport/report"
)

// TestCorpus is the conformance corpus: testdata/corpus holds each seed
// report in the other layouts it is published in, made the way agencies
// make them. A file is named STEM.PARSER[.VARIANT].EXT, where STEM names
// the seed (testdata/golden/STEM.json is what it must read as) and PARSER
// the parser Detect must pick for it. Every variant must read without
// error as exactly the seed's report, sources aside. The trailer (web-page
// debris after section 六) is not compared: a crawled page has more of it
// than a copied text.
func TestCorpus(t *testing.T) {
	files, err := filepath.Glob("../testdata/corpus/*")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Skip("no corpus yet")
	}
	same := []cmp.Option{
		cmpopts.IgnoreTypes(report.Source{}),
		cmpopts.IgnoreFields(report.Report{}, "Trailer"),
		cmpopts.EquateEmpty(),
	}
	for _, file := range files {
		name := filepath.Base(file)
		t.Run(name, func(t *testing.T) {
			parts := strings.Split(name, ".")
			if len(parts) < 3 {
				t.Fatalf("corpus file %s is not named STEM.PARSER[.VARIANT].EXT", name)
			}
			stem, parser := parts[0], parts[1]
			want := goldenReport(t, stem)
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			p, err := Detect(src)
			if err != nil {
				t.Fatalf("Detect: %v", err)
			}
			if p.Name() != parser {
				t.Errorf("Detect picked %s, want %s", p.Name(), parser)
			}
			got, err := p.Parse(src)
			if err != nil {
				t.Errorf("Parse: %v", err)
			}
			if d := cmp.Diff(want, got, same...); d != "" {
				t.Errorf("report differs from testdata/golden/%s.json (-golden +%s):\n%s", stem, name, d)
			}
		})
	}
}

// goldenReport reads testdata/golden/STEM.json, the seed's hand-checked
// canonical JSON.
func goldenReport(t *testing.T, stem string) *report.Report {
	t.Helper()
	src, err := os.ReadFile("../testdata/golden/" + stem + ".json")
	if err != nil {
		t.Fatal(err)
	}
	r, err := JSON.Parse(src)
	if err != nil {
		t.Fatalf("golden %s: %v", stem, err)
	}
	return r
}
