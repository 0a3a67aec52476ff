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
// without error as the seed's golden report (the spaces pdftotext sets
// between Chinese and digits aside, as for PDFText in TestCorpus), every
// cell in its place, pointing at its number in the text.
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
			foldProse(want)
			foldProse(got)
			if d := cmp.Diff(want, got, same...); d != "" {
				t.Errorf("report differs from testdata/golden/%s.json (-golden +plain):\n%s", stem, d)
			}
			lines := strings.Split(string(src), "\n")
			n := 0
			got.Cells(func(k report.Key, c *report.Cell) bool {
				n++
				l := []rune(lines[c.Src.Line-1])
				if c.Src.Col < 1 || c.Src.Col > len(l) || !strings.HasPrefix(string(l[c.Src.Col-1:]), c.Src.Text) || report.Fold(c.Src.Text) != c.Value.String() {
					t.Errorf("%s = %v from %q at %d:%d, which is not there", k, c.Value, c.Src.Text, c.Src.Line, c.Src.Col)
				}
				return true
			})
			if n < 150 {
				t.Errorf("%d cells", n)
			}
			// A row of 表三 starts where its label's first line does (000's
			// first, after a form feed, in column 2).
			for _, row := range got.Section(report.Requests).Table.Rows {
				first, _, _ := strings.Cut(row.Src.Text, "\n")
				if l := []rune(lines[row.Src.Line-1]); row.Src.Col < 1 || row.Src.Col > len(l) || !strings.HasPrefix(string(l[row.Src.Col-1:]), first) {
					t.Errorf("row %s from %q at %d:%d, which is not there", row.Key, row.Src.Text, row.Src.Line, row.Src.Col)
				}
			}
			if stem == "000_f75296a9e8ded5b4" {
				if src := got.Section(report.Requests).Table.Rows[0].Src; src.Line != 64 || src.Col != 2 {
					t.Errorf("first row of 表三 at %d:%d, want 64:2", src.Line, src.Col)
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
			// The prose has the published words and paragraphs, rebuilt
			// from where the PDF's lines end (see rewrap; the spaces
			// pdftotext sets between Chinese and digits aside).
			// The table sections have no text but their notes: 000's
			// header, wrapped column by column (科研 / 机构), is read as
			// the header it is.
			foldProse(got)
			foldProse(want)
			for i, s := range got.Sections {
				if g, w := s.Prose, want.Sections[i].Prose; g != w {
					t.Errorf("section %s prose:\n%q\nwant\n%q", s.Key, g, w)
				}
			}
			// And all in all, the golden report.
			same := []cmp.Option{
				cmpopts.IgnoreTypes(report.Source{}),
				cmpopts.IgnoreFields(report.Report{}, "Trailer"),
				cmpopts.EquateEmpty(),
			}
			if d := cmp.Diff(want, got, same...); d != "" {
				t.Errorf("report differs from testdata/golden/%s.json (-golden +raw):\n%s", stem, d)
			}
		})
	}
}

// TestPDFPlainOdd breaks the seeds' plain text where its numbers are, as
// real extractions break: a blank cell leaves no number, so a column's
// block comes up short; a number stands in the wrong block; a page's
// numbers do not add up. The page (or table) that no longer fits is
// reported at its first row label (or first word), and its cells are not
// read; the other pages and tables still are, every cell as published.
func TestPDFPlainOdd(t *testing.T) {
	type edit struct {
		line     int
		old, new string // new "" deletes the line
	}
	for _, tc := range []struct {
		name, seed string
		edits      []edit
		wantErrs   []string // positions after the edits
		wantMsg    string
		wantRows   [3]int // rows read in 表二, 表三 and 表四
	}{
		{"blank cell in a band", "000_f75296a9e8ded5b4", []edit{{150, "0", ""}},
			[]string{"ambiguous cells@64:2"}, "表三: 174 numbers for 25 rows of 7 columns", [3]int{6, 0, 3}},
		{"number in the next band block", "000_f75296a9e8ded5b4", []edit{{150, "0", ""}, {166, "0", "0\n0"}},
			[]string{"ambiguous cells@64:2"}, "the blocks of numbers of a band of rows differ in length (14, 16)", [3]int{6, 0, 3}},
		{"number on a page without rows", "000_f75296a9e8ded5b4", []edit{{57, "商业企业 科研 社会公 法律服务", "商业企业 科研 社会公 法律服务 7"}},
			[]string{"ambiguous cells@54:1"}, "1 numbers stand on a page where no row label starts", [3]int{6, 25, 3}},
		{"blank cell in the label flow", "001_10659aee92df145a", []edit{{75, "0", ""}},
			[]string{"ambiguous cells@69:1"}, "174 numbers for 25 rows", [3]int{6, 0, 3}},
		{"second page short", "002_1e4bc6448c6781ed", []edit{{177, "0", ""}},
			[]string{"ambiguous cells@149:2"}, "111 numbers for 16 rows", [3]int{6, 9, 3}},
		{"表二 row short", "001_10659aee92df145a", []edit{{37, "行政规范性文件 1", "行政规范性文件"}},
			[]string{"ambiguous cells@27:1"}, "fit neither template's columns", [3]int{0, 25, 3}},
		{"表二 2019 column short", "003_cda8e236fd2b0dc4", []edit{{48, "95", ""}},
			[]string{"ambiguous cells@12:1"}, "fit neither template's columns", [3]int{0, 23, 3}},
		{"表四 short", "004_f9e7c90898d0e983", []edit{{322, "0", ""}},
			[]string{"ambiguous cells@300:1"}, "表四: 14 numbers for its 15 cells", [3]int{6, 25, 0}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src, err := os.ReadFile("../testdata/pdftext/" + tc.seed + ".plain.txt")
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(string(src), "\n")
			for i := len(tc.edits) - 1; i >= 0; i-- { // from the end: line numbers stay
				e := tc.edits[i]
				if got := strings.ReplaceAll(lines[e.line-1], "\f", ""); got != e.old {
					t.Fatalf("line %d is %q, not %q", e.line, got, e.old)
				}
				if e.new == "" {
					lines = append(lines[:e.line-1], lines[e.line:]...)
				} else {
					lines[e.line-1] = e.new
				}
			}
			src = []byte(strings.Join(lines, "\n"))
			r, err := PDFPlain.Parse(src)
			if got := positions(t, err); strings.Join(got, " ") != strings.Join(tc.wantErrs, " ") {
				t.Errorf("errors %q, want %q (%v)", got, tc.wantErrs, err)
			}
			if err == nil || !strings.Contains(err.Error(), tc.wantMsg) {
				t.Errorf("error %v, want one saying %q", err, tc.wantMsg)
			}
			want := goldenReport(t, tc.seed)
			for i, key := range []report.SectionKey{report.Active, report.Requests, report.Appeals} {
				n := 0
				if tab := r.Section(key).Table; tab != nil {
					n = len(tab.Rows)
				}
				if n != tc.wantRows[i] {
					t.Errorf("%s: %d rows read, want %d", key, n, tc.wantRows[i])
				}
			}
			r.Cells(func(k report.Key, c *report.Cell) bool {
				if w := want.Cell(k); w == nil || w.Value != c.Value {
					t.Errorf("%s read as %v at %s, published %v", k, c.Value, c.Src, w)
				}
				return true
			})
		})
	}
}

// A table section of nothing but blanks of every kind, or nothing at all,
// is reported at its heading, and the rest of the report is read.
func TestPDFPlainEmptyTable(t *testing.T) {
	src, err := os.ReadFile("../testdata/pdftext/004_f9e7c90898d0e983.plain.txt")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(src), "\n")
	// 表四 is lines 299 (its heading) to 336; section 五 follows.
	if !strings.HasPrefix(lines[298], "四、政府信息公开行政复议") || !strings.HasPrefix(lines[337], "五、") {
		t.Fatalf("lines 299 and 338 are %q and %q", lines[298], lines[337])
	}
	for _, blank := range []string{"", " \u00a0\u3000\t\r", "\f"} {
		broken := append(append(append([]string{}, lines[:299]...), blank, blank), lines[337:]...)
		r, err := PDFPlain.Parse([]byte(strings.Join(broken, "\n")))
		if got := positions(t, err); strings.Join(got, " ") != "missing@299:1" {
			t.Errorf("%q: errors %q (%v)", blank, got, err)
		}
		if r.Section(report.Appeals).Table != nil || len(r.Section(report.Requests).Table.Rows) != 25 || r.Section(report.Problems).Prose == "" {
			t.Errorf("%q: 表四 %v, 表三 or 五 not read", blank, r.Section(report.Appeals).Table)
		}
	}
}
