package parse_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"github.com/opengovcn/annualreport/parse"
)

// textInputs are the seeds and the corpus files of every text layout and
// HTML: the inputs whose bytes are text.
func textInputs(t *testing.T) []string {
	t.Helper()
	var files []string
	for _, pattern := range []string{"../testdata/seeds/*.txt", "../testdata/corpus/*.txt", "../testdata/corpus/*.md", "../testdata/corpus/*.html"} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) < 30 {
		t.Fatalf("only %d text inputs", len(files))
	}
	return files
}

// parsed is what parse.Parse returns, for comparison.
type parsed struct {
	Layout string
	Report any
	Errors []string
}

func parseAll(t *testing.T, src []byte) parsed {
	t.Helper()
	var out parsed
	if p, err := parse.Detect(src); err == nil {
		out.Layout = p.Name()
	}
	r, err := parse.Parse(src)
	out.Report = r
	for _, e := range parse.ErrorList(err) {
		out.Errors = append(out.Errors, e.Error())
	}
	return out
}

// TestLineEndingsAndBOM: a UTF-8 BOM, CRLF and old-Mac CR line endings
// give exactly the report of the plain file, positions and all, in every
// text layout and HTML.
func TestLineEndingsAndBOM(t *testing.T) {
	variants := []struct {
		name string
		conv func([]byte) []byte
	}{
		{"bom", func(b []byte) []byte { return append([]byte("\ufeff"), b...) }},
		{"crlf", func(b []byte) []byte { return bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n")) }},
		{"cr", func(b []byte) []byte { return bytes.ReplaceAll(b, []byte("\n"), []byte("\r")) }},
		{"bom+crlf", func(b []byte) []byte {
			return append([]byte("\ufeff"), bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n"))...)
		}},
	}
	for _, file := range textInputs(t) {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		// Word's pages come with CRLF: the plain file is the LF one.
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
		if bytes.Contains(src, []byte("\r")) {
			t.Fatalf("%s has CR line endings", file)
		}
		want := parseAll(t, src)
		if want.Layout == "" {
			t.Fatalf("%s: no layout", file)
		}
		for _, v := range variants {
			t.Run(filepath.Base(file)+"/"+v.name, func(t *testing.T) {
				got := parseAll(t, v.conv(src))
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("(-plain +%s):\n%s", v.name, diff)
				}
			})
		}
	}
}

// TestChineseEncodings: text saved in GBK (what older Chinese Windows
// tools write), in GB18030, or in UTF-16 with a BOM (Windows Notepad's
// "Unicode") reads exactly as the UTF-8 file, positions included: they
// count characters, which the encodings keep.
func TestChineseEncodings(t *testing.T) {
	gbk := simplifiedchinese.GBK.NewEncoder()
	encodings := []struct {
		name   string
		encode func([]byte) ([]byte, error)
	}{
		{"gbk", func(b []byte) ([]byte, error) { return gbk.Bytes(b) }},
		{"gb18030", func(b []byte) ([]byte, error) { return simplifiedchinese.GB18030.NewEncoder().Bytes(b) }},
		{"utf-16le", func(b []byte) ([]byte, error) {
			return unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes(b)
		}},
		{"utf-16be", func(b []byte) ([]byte, error) {
			return unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder().Bytes(b)
		}},
	}
	gbkFiles := 0
	for _, file := range textInputs(t) {
		if strings.HasSuffix(file, ".html") {
			continue // pages declare their charset: see TestHTML's GBK pages
		}
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		want := parseAll(t, src)
		for _, e := range encodings {
			enc, err := e.encode(src)
			if err != nil {
				// GBK lacks a few characters (some seeds have them):
				// such a file cannot have been saved in GBK.
				if e.name == "gbk" {
					continue
				}
				t.Fatalf("%s: %s: %v", file, e.name, err)
			}
			if e.name == "gbk" {
				gbkFiles++
			}
			t.Run(filepath.Base(file)+"/"+e.name, func(t *testing.T) {
				got := parseAll(t, enc)
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("(-utf-8 +%s):\n%s", e.name, diff)
				}
			})
		}
	}
	if gbkFiles < 10 {
		t.Errorf("only %d inputs could be encoded in GBK", gbkFiles)
	}
}

// TestGBKSeed reads the committed GBK copy of seed 000 (saved as a Chinese
// Windows editor saves it) and checks it reads as the seed.
func TestGBKSeed(t *testing.T) {
	gbkSrc, err := os.ReadFile("../testdata/encodings/000_f75296a9e8ded5b4.gbk.txt")
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile("../testdata/seeds/000_f75296a9e8ded5b4.txt")
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(gbkSrc, src) || !bytes.Contains(gbkSrc, []byte{0xd7, 0xdc, 0xcc, 0xe5}) { // 总体 in GBK
		t.Fatal("the GBK copy is not in GBK")
	}
	if diff := cmp.Diff(parseAll(t, src), parseAll(t, gbkSrc)); diff != "" {
		t.Errorf("(-utf-8 +gbk):\n%s", diff)
	}
}
