package parse

import (
	"strings"
	"testing"

	"github.com/opengovcn/annualreport/report"
)

// fuzzParser checks, for any input, that p neither panics nor returns
// nothing, and that every cell it returns points into the input.
func fuzzParser(f *testing.F, p Parser) {
	for _, s := range seeds {
		f.Add([]byte(readSeed(f, s.file)))
	}
	f.Add([]byte("一、总体情况\n\t\n\n计\n"))
	f.Add([]byte("三、收到和处理政府信息公开申请情况\n| | |\n(七)总计 | ||\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		r, err := p.Parse(src)
		if r == nil {
			t.Fatalf("nil report (err %v)", err)
		}
		lines := len(splitLines(strings.TrimPrefix(string(src), "\ufeff")))
		r.Cells(func(k report.Key, c *report.Cell) bool {
			if c.Src.Line < 1 || c.Src.Line > lines || c.Src.Col < 1 {
				t.Fatalf("%s at %s: outside the input's %d lines", k, c.Src, lines)
			}
			return true
		})
	})
}

func FuzzCells(f *testing.F) { fuzzParser(f, Cells) }
func FuzzTSV(f *testing.F)   { fuzzParser(f, TSV) }
func FuzzPipes(f *testing.F) { fuzzParser(f, Pipes) }
