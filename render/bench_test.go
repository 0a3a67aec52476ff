package render_test

import (
	"io"
	"os"
	"testing"

	"github.com/opengovcn/annualreport/parse"
	"github.com/opengovcn/annualreport/render"
	"github.com/opengovcn/annualreport/report"
)

// BenchmarkRender measures each renderer on each seed's report and on the
// large provincial report of testdata/bench, parsed once outside the loop.
// The bytes are those written.
//
//	go test ./render -run '^$' -bench . -benchmem -cpu 1
func BenchmarkRender(b *testing.B) {
	renderers := []struct {
		name string
		rd   render.Renderer
	}{
		{"json", render.JSON{}}, {"text", render.Text{}}, {"tsv", render.TSV{}}, {"pipes", render.Pipes{}},
		{"html", render.HTML{}}, {"markdown", render.Markdown{}}, {"docx", render.DOCX{}}, {"csv", render.CSV{}},
	}
	reports := map[string]*report.Report{}
	var names []string
	for _, name := range seeds {
		reports[name[:3]] = parseSeed(b, name)
		names = append(names, name[:3])
	}
	src, err := os.ReadFile("../testdata/bench/province.json")
	if err != nil {
		b.Fatal(err)
	}
	if reports["province"], err = parse.JSON.Parse(src); err != nil {
		b.Fatal(err)
	}
	names = append(names, "province")
	for _, rd := range renderers {
		for _, name := range names {
			r := reports[name]
			b.Run(rd.name+"/"+name, func(b *testing.B) {
				var n countingWriter
				if err := rd.rd.Render(&n, r); err != nil {
					b.Fatal(err)
				}
				b.SetBytes(int64(n))
				b.ReportAllocs()
				for b.Loop() {
					if err := rd.rd.Render(io.Discard, r); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

type countingWriter int

func (c *countingWriter) Write(p []byte) (int, error) {
	*c += countingWriter(len(p))
	return len(p), nil
}
