package render_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/opengovcn/annualreport/parse"
	"github.com/opengovcn/annualreport/render"
	"github.com/opengovcn/annualreport/report/reporttest"
)

// FuzzJSONRoundTrip renders whatever the parsers make of any input as
// canonical JSON and reads it back: the JSON must hold the whole report
// (sources aside), whatever is blank, text, huge or missing in it, and
// every other renderer must write it or refuse it with an error, never
// panic.
func FuzzJSONRoundTrip(f *testing.F) {
	for _, pattern := range []string{"../testdata/seeds/*.txt", "../testdata/corpus/*.md", "../testdata/corpus/*.glued.txt"} {
		files, _ := filepath.Glob(pattern)
		for _, file := range files {
			src, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(src)
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		r, _ := parse.Parse(src)
		var b bytes.Buffer
		if err := (render.JSON{}).Render(&b, r); err != nil {
			t.Fatalf("JSON: %v", err)
		}
		back, err := parse.JSON.Parse(b.Bytes())
		if err != nil {
			t.Fatalf("reading the JSON back: %v\n%s", err, b.Bytes())
		}
		if d := reporttest.Diff(r, back); d != "" {
			t.Fatalf("JSON round trip:\n%s", d)
		}
		for _, f := range formats {
			b.Reset()
			f.rd.Render(&b, r) // an error is fine; a panic is not
		}
		b.Reset()
		(render.Text{}).Render(&b, r)
	})
}
