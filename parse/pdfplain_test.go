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

// TestPDFPlain reads the text plain pdftotext extracts from each seed's
// PDF (testdata/pdftext/STEM.plain.txt, made by TestGeneratePDFPlain),
// whose tables come out in pieces: the row labels in one run of lines,
// some columns' numbers row by row among them, the others column by
// column in bands of rows (see pdfplain_tables.go). Every report reads
// without error as the seed's golden report, every cell in its place,
// pointing at its number in the text. The one difference allowed is in
// the prose's paragraph breaks: as in pdftotext -raw text (TestPDFRaw), a
// paragraph whose last line is full runs into the next (twice in 002 and
// 004), the text having no mark to part them by; the words are compared.
func TestPDFPlain(t *testing.T) {
	files, _ := filepath.Glob("../testdata/pdftext/*.plain.txt")
	if len(files) != 5 {
		t.Fatalf("%d plain files, want 5", len(files))
	}
	same := []cmp.Option{
		cmpopts.IgnoreTypes(report.Source{}),
		cmpopts.IgnoreFields(report.Report{}, "Trailer"),
		cmpopts.EquateEmpty(),
	}
	for _, file := range files {
		stem := strings.SplitN(filepath.Base(file), ".", 2)[0]
		t.Run(stem, func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			p, err := Detect(src)
			if err != nil || p != PDFPlain {
				t.Fatalf("Detect: %v, %v; want pdfplain", p, err)
			}
			got, err := p.Parse(src)
			if err != nil {
				t.Errorf("Parse: %v", err)
			}
			want := goldenReport(t, stem)
			flattenProse(want)
			flattenProse(got)
			if d := cmp.Diff(want, got, same...); d != "" {
				t.Errorf("report differs from testdata/golden/%s.json (-golden +plain):\n%s", stem, d)
			}
			lines := strings.Split(string(src), "\n")
			n := 0
			got.Cells(func(k report.Key, c *report.Cell) bool {
				n++
				l := []rune(strings.ReplaceAll(lines[c.Src.Line-1], "\f", ""))
				if c.Src.Col < 1 || c.Src.Col > len(l) || !strings.HasPrefix(string(l[c.Src.Col-1:]), c.Src.Text) || report.Fold(c.Src.Text) != c.Value.String() {
					t.Errorf("%s = %v from %q at %d:%d, which is not there", k, c.Value, c.Src.Text, c.Src.Line, c.Src.Col)
				}
				return true
			})
			if n < 150 {
				t.Errorf("%d cells", n)
			}
		})
	}
}

// flattenProse folds the title and the prose with report.Fold, which
// drops white space and line breaks: what is left is the words.
func flattenProse(r *report.Report) {
	r.Title = report.Fold(r.Title)
	r.Preamble = report.Fold(r.Preamble)
	for i := range r.Sections {
		s := &r.Sections[i]
		s.Prose = report.Fold(s.Prose)
		for j := range s.Subheads {
			s.Subheads[j].Title = report.Fold(s.Subheads[j].Title)
		}
	}
}

// TestPDFRaw reads the text pdftotext -raw extracts (what copying all the
// text of a PDF viewer gives too): each table row on a line, label then
// numbers, with labels wrapped in their narrow cells onto lines of their
// own. Glued reads it, joining the wrapped labels, and every cell is read,
// the published one in its place; in 004 a page break falls inside a
// wrapped label after the row's numbers (5.要求行政机关确认或重新出具已获 0 0
// 0 0 0 0 0 / — 1 — / 取信息), and the label is finished after the page
// number.
func TestPDFRaw(t *testing.T) {
	files, _ := filepath.Glob("../testdata/pdftext/*.raw.txt")
	if len(files) != 5 {
		t.Fatalf("%d raw files, want 5", len(files))
	}
	wantErrs := map[string][]string{} // none: every row is read
	for _, file := range files {
		stem := strings.SplitN(filepath.Base(file), ".", 2)[0]
		t.Run(stem, func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			p, err := Detect(src)
			if err != nil || p != Glued {
				t.Fatalf("Detect: %v, %v; want glued", p, err)
			}
			got, err := p.Parse(src)
			if pos := positions(t, err); strings.Join(pos, " ") != strings.Join(wantErrs[stem], " ") {
				t.Errorf("errors %q, want %q (%v)", pos, wantErrs[stem], err)
			}
			want := goldenReport(t, stem)
			missing := 0
			want.Cells(func(k report.Key, c *report.Cell) bool {
				if got.Cell(k) == nil {
					missing++
				}
				return true
			})
			got.Cells(func(k report.Key, c *report.Cell) bool {
				if w := want.Cell(k); w == nil || w.Value != c.Value {
					t.Errorf("%s read as %v at %s, published %v", k, c.Value, c.Src, w)
				}
				return true
			})
			wantMissing := 7 * len(wantErrs[stem]) / 2 // a row of 表三 per error pair
			if missing != wantMissing {
				t.Errorf("%d cells not read, want %d", missing, wantMissing)
			}
			if report.Fold(got.Title) != report.Fold(want.Title) || len(got.Sections) != 6 {
				t.Fatalf("title %q, %d sections; want %q, 6", got.Title, len(got.Sections), want.Title)
			}
			// The prose has the published words. (Its paragraphs are
			// rebuilt from where the PDF's lines end: a paragraph whose
			// last line is full is joined to the next, as 002 and 004
			// have it twice. The spaces pdftotext sets between Chinese
			// and digits are kept.)
			// The table sections have no text but their notes: 000's
			// header, wrapped column by column (科研 / 机构), is read as
			// the header it is.
			for i, s := range got.Sections {
				if g, w := report.Fold(s.Prose), report.Fold(want.Sections[i].Prose); g != w {
					t.Errorf("section %s prose:\n%q\nwant\n%q", s.Key, g, w)
				}
			}
		})
	}
}
