package parse

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/opengovcn/annualreport/report"
)

// withLimits is a standard parser held to other limits, for tests.
type withLimits struct {
	Parser
	lim Limits
}

func (p withLimits) Parse(src []byte) (*report.Report, error) {
	return p.Parser.(limited).parseLimits(src, p.lim.orDefault())
}

// TestLimits holds each standard parser to small limits on the corpus and
// checks that it stops with ErrLimit, at a position, and that the zero
// Limits are the defaults.
func TestLimits(t *testing.T) {
	if (Limits{}).orDefault() != DefaultLimits {
		t.Errorf("zero Limits = %+v, want DefaultLimits", (Limits{}).orDefault())
	}
	if got := (Limits{Cells: 7}).orDefault(); got.Cells != 7 || got.Input != DefaultLimits.Input {
		t.Errorf("Limits{Cells: 7} = %+v", got)
	}
	cases := []struct {
		file string
		p    Parser
		lim  Limits
		msg  string
	}{
		{"corpus/000_f75296a9e8ded5b4.html.word.html", HTML, Limits{Cells: 50}, "more than the limit of 50 table cells"},
		{"corpus/000_f75296a9e8ded5b4.html.word.html", HTML, Limits{Depth: 5}, "elements nested more than 5 deep"},
		{"corpus/000_f75296a9e8ded5b4.docx.word.docx", DOCX, Limits{Cells: 50}, "more than the limit of 50 table cells"},
		{"corpus/000_f75296a9e8ded5b4.docx.word.docx", DOCX, Limits{Depth: 5}, "XML elements nested more than 5 deep"},
		{"corpus/000_f75296a9e8ded5b4.docx.word.docx", DOCX, Limits{Uncompressed: 1000}, "more than the limit of 1000 (Limits.Uncompressed)"},
		{"corpus/000_f75296a9e8ded5b4.docx.word.docx", DOCX, Limits{Entries: 2}, "more than the limit of 2 (Limits.Entries)"},
		{"golden/000_f75296a9e8ded5b4.json", JSON, Limits{Depth: 2}, "objects nested more than 2 deep"},
		{"corpus/000_f75296a9e8ded5b4.markdown.gfm.md", Markdown, Limits{Line: 40}, "a line longer than the limit of 40 characters"},
		{"corpus/000_f75296a9e8ded5b4.glued.txt", Glued, Limits{Cells: 50}, "more than the limit of 50 table cells"},
		{"corpus/000_f75296a9e8ded5b4.pdftext.layout.txt", PDFText, Limits{Input: 100}, "larger than the limit of 100 bytes (Limits.Input)"},
		{"pdftext/000_f75296a9e8ded5b4.plain.txt", PDFPlain, Limits{Line: 20}, "a line longer than the limit of 20 characters"},
		{"seeds/001_10659aee92df145a.txt", TSV, Limits{Cells: 50}, "more than the limit of 50 table cells"},
	}
	for _, c := range cases {
		t.Run(c.p.Name()+"/"+c.msg, func(t *testing.T) {
			src, err := os.ReadFile("../testdata/" + c.file)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := c.p.Parse(src); errors.Is(err, ErrLimit) {
				t.Fatalf("over a limit with the defaults: %v", err)
			}
			r, err := (withLimits{c.p, c.lim}).Parse(src)
			var e *Error
			for _, x := range ErrorList(err) {
				if errors.Is(x, ErrLimit) {
					e = x
				}
			}
			if r == nil || e == nil || e.Line < 1 || e.Col < 1 || !strings.Contains(e.Msg, c.msg) {
				t.Fatalf("report %v, error %v; want ErrLimit saying %q", r != nil, err, c.msg)
			}
			// The Config applies the same limits.
			_, err = (&Config{Parsers: []Parser{c.p}, Limits: c.lim}).Parse(src)
			if !errors.Is(err, ErrLimit) {
				t.Errorf("Config: %v", err)
			}
		})
	}
}

// TestCheckTextEdges checks checkText at the Line limit, where its quick
// search by bytes hands over to counting characters: lines of exactly the
// limit pass in ASCII and in Chinese, one character more does not, on the
// first line, the last, and after old-Mac line ends.
func TestCheckTextEdges(t *testing.T) {
	l := Limits{Line: 5}.orDefault()
	for _, c := range []struct {
		text      string
		line, col int // of the error; 0 for none
	}{
		{"abcde\nfghij", 0, 0},
		{"一二三四五\n六七八九十", 0, 0},
		{"abcde\nfghijk", 2, 6},
		{"一二三四五六\nab", 1, 6},
		{"ab\r一二三四五六", 2, 6},
		{"ab\r\n一二三四五\r\n", 0, 0},
		{"abcdef", 1, 6},
		{"ab\x00c", 1, 3},
		{"一\n二\x00", 2, 2},
	} {
		err := checkText(c.text, l)
		switch {
		case c.line == 0 && err != nil:
			t.Errorf("%q: %v, want none", c.text, err)
		case c.line != 0 && (err == nil || err.Line != c.line || err.Col != c.col):
			t.Errorf("%q: %v, want an error at %d:%d", c.text, err, c.line, c.col)
		}
	}
}

// TestParsePDFNamesPackage: a PDF given to parse alone, which reads no
// PDF, gets an error that names the package that does.
func TestParsePDFNamesPackage(t *testing.T) {
	real, err := os.ReadFile("../testdata/real/huaian-2024.pdf")
	if err != nil {
		t.Fatal(err)
	}
	// The real PDF's bytes look like text in some layouts' detection: a
	// PDF is never text.
	for _, src := range []string{"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "\xef\xbb\xbf  %PDF-1.4\n", string(real)} {
		r, err := Parse([]byte(src))
		if r == nil || !errors.Is(err, ErrUnknownLayout) || !strings.Contains(err.Error(), "parse/pdf") {
			t.Errorf("Parse(%.20q) = %v, %v; want ErrUnknownLayout naming parse/pdf", src, r, err)
		}
	}
	if _, err := Parse([]byte("no pdf here\x00\x01")); err != nil && strings.Contains(err.Error(), "parse/pdf") {
		t.Errorf("a binary input that is no PDF: %v", err)
	}
}
