package render_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/opengovcn/annualreport/parse"
	"github.com/opengovcn/annualreport/render"
	"github.com/opengovcn/annualreport/report"
)

// formats are the renderers with a golden file per report: the extension
// of the file, and the name of the parser that reads the format back ("" if
// none does).
var formats = []struct {
	ext    string
	rd     render.Renderer
	parser string
}{
	{".tsv.txt", render.TSV{}, "tsv"},
	{".pipes.txt", render.Pipes{}, "pipes"},
	{".html", render.HTML{}, "html"},
	{".md", render.Markdown{}, "markdown"},
	{".csv", render.CSV{}, ""},
	{".docx", render.DOCX{}, "docx"},
}

// reports are the five seeds and the hand-built reports.
func reports(t *testing.T) map[string]*report.Report {
	o := odd()
	o.Sections[0].Subheads = []report.Subhead{{Title: "（一）主动公开"}} // as its prose has, and parsers find
	out := map[string]*report.Report{"odd": o, "odd2021": odd2021()}
	for _, name := range seeds {
		out[name] = parseSeed(t, name)
	}
	return out
}

// TestFormatsGolden: every renderer writes every report as its golden file.
func TestFormatsGolden(t *testing.T) {
	for name, r := range reports(t) {
		for _, f := range formats {
			t.Run(name+f.ext, func(t *testing.T) {
				out := renderTo(t, f.rd, r)
				if f.ext == ".docx" { // the zip's bytes hang on the compressor: compare its document
					golden(t, name+".docx.xml", docxPart(t, out, "word/document.xml"))
					return
				}
				golden(t, name+f.ext, out)
			})
		}
	}
}

// TestFormatsRoundTrip: what a renderer writes, the parser of its format
// reads back to the same report, sources aside.
func TestFormatsRoundTrip(t *testing.T) {
	for _, f := range formats {
		if f.parser == "" {
			continue
		}
		t.Run(f.parser, func(t *testing.T) {
			p := parse.ByName(f.parser)
			if p == nil {
				t.Skipf("no parser %q in parse.Standard() yet; this round trip runs once it is merged", f.parser)
			}
			for name, r := range reports(t) {
				out := renderTo(t, f.rd, r)
				if d, err := parse.Detect(out); err != nil || d.Name() != f.parser {
					t.Errorf("%s: %T output detected as %v, %v", name, f.rd, d, err)
				}
				back, err := p.Parse(out)
				if err != nil {
					t.Errorf("%s: reading back %T: %v", name, f.rd, err)
				}
				if d := cmp.Diff(r, back, same...); d != "" {
					t.Errorf("%s: round trip through %T (-first +second):\n%s", name, f.rd, d)
				}
			}
		})
	}
}
