package pdf

// The PDFs of testdata/pdf are made from the seeds' golden reports by
// TestGeneratePDF, run by hand with
//
//	go test ./parse/pdf -run TestGeneratePDF -gen-pdf
//
// It needs LibreOffice and a CJK font, which the tests that read the PDFs
// do not:
//
//	apt-get install -y libreoffice-writer-nogui fonts-wqy-microhei
//
// For every seed it renders the golden report with this library's DOCX
// writer (render.DOCX: the official form, ruled tables with merged cells,
// the header rows of 表三 and 表四 repeated on each page) and lets
// LibreOffice print it to PDF (STEM.lo.pdf).

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/opengovcn/annualreport/parse"
	"github.com/opengovcn/annualreport/render"
)

var genPDF = flag.Bool("gen-pdf", false, "regenerate testdata/pdf from the golden reports (needs soffice)")

func TestGeneratePDF(t *testing.T) {
	if !*genPDF {
		t.Skip("run with -gen-pdf to regenerate testdata/pdf")
	}
	goldens, err := filepath.Glob("../../testdata/golden/[0-9][0-9][0-9]_*.json") // the five seeds
	if err != nil || len(goldens) == 0 {
		t.Fatalf("no golden reports: %v", err)
	}
	out := filepath.Join("..", "..", "testdata", "pdf")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	for _, g := range goldens {
		stem := strings.TrimSuffix(filepath.Base(g), ".json")
		src, err := os.ReadFile(g)
		if err != nil {
			t.Fatal(err)
		}
		r, err := parse.JSON.Parse(src)
		if err != nil {
			t.Fatalf("%s: %v", stem, err)
		}
		var b bytes.Buffer
		if err := (render.DOCX{}).Render(&b, r); err != nil {
			t.Fatalf("%s: %v", stem, err)
		}
		docx := filepath.Join(tmp, stem+".docx")
		if err := os.WriteFile(docx, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command("soffice", "--headless", "-env:UserInstallation=file://"+tmp+"/lo", "--convert-to", "pdf", "--outdir", tmp, docx)
		if o, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("soffice: %v\n%s", err, o)
		}
		pdf, err := os.ReadFile(filepath.Join(tmp, stem+".pdf"))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(out, stem+".lo.pdf"), pdf, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
