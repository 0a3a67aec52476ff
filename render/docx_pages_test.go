package render_test

import (
	"bytes"
	"encoding/xml"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/opengovcn/annualreport/parse"
	"github.com/opengovcn/annualreport/render"
	"github.com/opengovcn/annualreport/report"
)

// soffice returns the path of LibreOffice's soffice, or skips the test.
func soffice(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("LibreOffice conversions take seconds: not in -short")
	}
	p, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("LibreOffice (soffice) is not installed")
	}
	return p
}

// convert converts the files in dir to format with LibreOffice headless,
// each beside itself, under a profile of its own (so that a LibreOffice the
// user has open does not take the job).
func convert(t *testing.T, soffice, dir, format string, files ...string) {
	t.Helper()
	profile := "file://" + filepath.ToSlash(filepath.Join(t.TempDir(), "profile"))
	args := append([]string{"-env:UserInstallation=" + profile, "--headless", "--convert-to", format, "--outdir", dir}, files...)
	cmd := exec.Command(soffice, args...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// TestDOCXThroughPDF: each seed's DOCX, converted to PDF by LibreOffice and
// its text extracted with pdftotext -layout, reads back with parse.PDFText
// to the same tables, cell for cell: no row is split across a page, no
// merged label is cut from its rows, 表三 does not start with a few rows
// at a page's foot. With DOCXPDF_KEEP=dir in the environment, the PDFs and
// their text are kept in dir, to be looked at.
func TestDOCXThroughPDF(t *testing.T) {
	so := soffice(t)
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	dir := t.TempDir()
	rs := map[string]*report.Report{}
	var files []string
	for _, name := range seeds {
		r := parseSeed(t, name)
		rs[name] = r
		f := filepath.Join(dir, name+".docx")
		if err := os.WriteFile(f, renderTo(t, render.DOCX{}, r), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	convert(t, so, dir, "pdf", files...)
	for _, name := range seeds {
		t.Run(name, func(t *testing.T) {
			pdf := filepath.Join(dir, name+".pdf")
			txt, err := exec.Command(pdftotext, "-layout", pdf, "-").Output()
			if err != nil {
				t.Fatalf("pdftotext: %v", err)
			}
			if os.Getenv("DOCXPDF_KEEP") != "" {
				keep := os.Getenv("DOCXPDF_KEEP")
				os.WriteFile(filepath.Join(keep, name+".txt"), txt, 0o644)
				if b, err := os.ReadFile(pdf); err == nil {
					os.WriteFile(filepath.Join(keep, name+".pdf"), b, 0o644)
				}
			}
			back, err := parse.PDFText.Parse(txt)
			if err != nil {
				t.Errorf("reading the PDF's text back: %v", err)
				var es parse.Errors
				if errors.As(err, &es) {
					for _, e := range es {
						t.Logf("  %v", e)
					}
				}
			}
			want := rs[name]
			for _, key := range []report.SectionKey{report.Active, report.Requests, report.Appeals} {
				if d := cmp.Diff(want.Table(key), back.Table(key), same...); d != "" {
					t.Errorf("%s through PDF (-docx +pdf):\n%s", key, d)
				}
			}
			if bytes.Count(txt, []byte("\f")) < 2 {
				t.Errorf("the PDF has %d pages; a report takes several", bytes.Count(txt, []byte("\f")))
			}
		})
	}
}

// TestDOCXPagination: in every table of every report's DOCX, each row
// carries w:cantSplit, the header rows (3 in 表三 and 表四) w:tblHeader,
// and every paragraph of every row but the last w:keepNext, the last row's
// none.
func TestDOCXPagination(t *testing.T) {
	type para struct {
		Keep *struct{} `xml:"pPr>keepNext"`
	}
	type tbl struct {
		Rows []struct {
			CantSplit *struct{} `xml:"trPr>cantSplit"`
			Header    *struct{} `xml:"trPr>tblHeader"`
			Paras     []para    `xml:"tc>p"`
		} `xml:"tr"`
	}
	for name, r := range reports(t) {
		var d struct {
			Tables []tbl `xml:"body>tbl"`
		}
		if err := xml.Unmarshal(docxPart(t, renderTo(t, render.DOCX{}, r), "word/document.xml"), &d); err != nil {
			t.Fatal(err)
		}
		if len(d.Tables) != 3 {
			t.Fatalf("%s: %d tables", name, len(d.Tables))
		}
		for ti, tb := range d.Tables {
			head := 3
			if ti == 0 {
				head = 0 // 表二's headers are its blocks'
			}
			for ri, row := range tb.Rows {
				if row.CantSplit == nil {
					t.Errorf("%s: table %d row %d may split across pages", name, ti, ri)
				}
				if (row.Header != nil) != (ri < head) {
					t.Errorf("%s: table %d row %d: repeated as a header %v, want %v", name, ti, ri, row.Header != nil, ri < head)
				}
				last := ri == len(tb.Rows)-1
				for _, p := range row.Paras {
					if (p.Keep != nil) == last {
						t.Errorf("%s: table %d row %d of %d: keep with next %v", name, ti, ri, len(tb.Rows), p.Keep != nil)
					}
				}
			}
		}
	}
}
