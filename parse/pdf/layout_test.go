package pdf

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/opengovcn/annualreport/parse"
)

// TestGridOfOnePath: a table whose whole grid is one stroked path, drawn
// through a transformation (as some producers draw tables), is read from
// the path's lines; a filled rectangle beside it (a background) draws no
// rule.
func TestGridOfOnePath(t *testing.T) {
	content := "0.9 g 50 300 300 40 re f 0 g " + // a background: no table
		"q 1 0 0 1 50 100 cm 0.5 w 0 0 m 300 0 l 0 20 m 300 20 l 0 40 m 300 40 l " +
		"0 0 m 0 40 l 150 0 m 150 40 l 300 0 m 300 40 l S Q " +
		"BT /F1 10 Tf 60 125 Td (ab) Tj ET BT /F1 10 Tf 210 125 Td (12) Tj ET " +
		"BT /F1 10 Tf 60 105 Td (cd) Tj ET BT /F1 10 Tf 210 105 Td (34) Tj ET " +
		"BT /F1 10 Tf 60 315 Td (a note) Tj ET"
	src := makePDF([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
		stream(content),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}, "")
	e, err := SharedEngine()
	if err != nil {
		t.Fatal(err)
	}
	pages, err := e.extract(context.Background(), src, 0)
	if err != nil {
		t.Fatal(err)
	}
	d := build(pages)
	var got []string
	for _, tok := range d.toks {
		switch tok.Kind {
		case parse.CellToken:
			got = append(got, tok.Text)
		case parse.RowEndToken:
			got = append(got, "|")
		case parse.LineToken:
			got = append(got, "line "+tok.Text)
		}
	}
	want := []string{"line a note", "ab", "12", "|", "cd", "34", "|"}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("tokens (-want +got):\n%s", d)
	}
	// The cell's box is the ruled cell, in points from the top-left.
	if pl := d.places[[2]int{d.toks[1].Line, d.toks[1].Col}]; pl.page != 1 || pl.box.X0 < 49 || pl.box.X0 > 51 || pl.box.Y0 < 701 || pl.box.Y0 > 703 {
		t.Errorf("cell ab at %+v, want page 1, box from (50, 702)", pl)
	}
}
