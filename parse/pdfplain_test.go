package parse

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/opengovcn/annualreport/report"
)

// TestPDFPlain reads the text plain pdftotext extracts from each seed's
// PDF (testdata/pdftext/STEM.plain.txt, made by TestGeneratePDFPlain).
// Its tables come column by column and cannot be read: each is reported at
// its first line, and nothing else is lost: the title and the six
// sections are read, with their prose.
func TestPDFPlain(t *testing.T) {
	files, _ := filepath.Glob("../testdata/pdftext/*.plain.txt")
	if len(files) != 5 {
		t.Fatalf("%d plain files, want 5", len(files))
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
			r, err := p.Parse(src)
			var list Errors
			if !errors.As(err, &list) || len(list) != 3 {
				t.Fatalf("errors %v, want one per table", err)
			}
			lines := strings.Split(string(src), "\n")
			for i, table := range []string{"表二", "表三", "表四"} {
				e := list[i]
				if !errors.Is(e, ErrAmbiguous) || !strings.HasPrefix(e.Msg, table+" is written column by column") {
					t.Errorf("error %d: %v", i, e)
				}
				// It stands at the first line after the table's heading (and
				// the page numbers pdftotext puts there).
				h := e.Line - 2
				for h >= 0 && (strings.TrimSpace(lines[h]) == "" || pageNumber.MatchString(lines[h])) {
					h--
				}
				if s, ok := heading(lines[h]); !ok || s.Table == nil || s.Table.Name != table {
					t.Errorf("%s reported at %d:%d, which does not follow its heading (line %d is %q)", table, e.Line, e.Col, h+1, lines[h])
				}
			}
			want := goldenReport(t, stem)
			if report.Fold(r.Title) != report.Fold(want.Title) {
				t.Errorf("title %q, want %q", r.Title, want.Title)
			}
			if len(r.Sections) != 6 {
				t.Fatalf("%d sections", len(r.Sections))
			}
			for i, s := range r.Sections {
				if s.Table != nil {
					t.Errorf("section %s has a table", s.Key)
				}
				if w := want.Sections[i].Prose; w != "" && !strings.HasPrefix(report.Fold(s.Prose), report.Fold(w)[:min(len(report.Fold(w)), 30)]) {
					t.Errorf("section %s prose %.60q, want %.60q", s.Key, s.Prose, w)
				}
			}
		})
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
