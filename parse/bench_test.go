package parse

import (
	"bytes"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/text/unicode/norm"
)

// benchInput is an input of the benchmarks, with the parser of its layout.
type benchInput struct {
	name string // LAYOUT/STEM, such as cells/000 or html/003.wps
	src  []byte
	p    Parser
}

// benchInputs are the seeds in their layouts, every file of the
// conformance corpus (each seed in each layout), the plain and -raw
// pdftotext text of testdata/pdftext and the large provincial report of
// testdata/bench in five formats.
func benchInputs(b *testing.B) []benchInput {
	var in []benchInput
	for _, s := range seeds {
		in = append(in, benchInput{s.layout + "/" + s.file[:3], []byte(readSeed(b, s.file)), ByName(s.layout)})
	}
	corpus, _ := filepath.Glob("../testdata/corpus/*")
	for _, f := range corpus {
		// STEM.LAYOUT.VARIANT.EXT, or STEM.LAYOUT.EXT
		parts := strings.Split(filepath.Base(f), ".")
		p := ByName(parts[1])
		if p == nil {
			continue
		}
		name := parts[1] + "/" + parts[0][:3]
		if len(parts) == 4 {
			name += "." + parts[2]
		}
		in = append(in, benchInput{name, readFile(b, f), p})
	}
	pdf, _ := filepath.Glob("../testdata/pdftext/*.txt")
	for _, f := range pdf {
		// STEM.plain.txt (pdfplain) or STEM.raw.txt (glued)
		parts := strings.Split(filepath.Base(f), ".")
		p := PDFPlain
		if parts[1] == "raw" {
			p = Glued
		}
		in = append(in, benchInput{p.Name() + "/" + parts[0][:3] + "." + parts[1], readFile(b, f), p})
	}
	for _, f := range benchFormats {
		in = append(in, benchInput{f.layout + "/province", readFile(b, "../testdata/bench/province"+f.ext), ByName(f.layout)})
	}
	goldens, _ := filepath.Glob("../testdata/golden/*.json")
	for _, f := range goldens {
		in = append(in, benchInput{"json/" + filepath.Base(f)[:3], readFile(b, f), JSON})
	}
	return in
}

func readFile(b *testing.B, name string) []byte {
	src, err := os.ReadFile(name)
	if err != nil {
		b.Fatal(err)
	}
	return src
}

// BenchmarkParse measures each parser on each input in its layout:
//
//	go test ./parse -run '^$' -bench . -benchmem -cpu 1
func BenchmarkParse(b *testing.B) {
	for _, in := range benchInputs(b) {
		b.Run(in.name, func(b *testing.B) {
			b.SetBytes(int64(len(in.src)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := in.p.Parse(in.src); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkNFKC measures one NFKC normalisation pass over the same
// inputs: the floor for a parser that normalises its input. (For a DOCX
// it is the zip's bytes, which says little.)
func BenchmarkNFKC(b *testing.B) {
	for _, in := range benchInputs(b) {
		b.Run(in.name, func(b *testing.B) {
			b.SetBytes(int64(len(in.src)))
			b.ReportAllocs()
			for b.Loop() {
				norm.NFKC.Bytes(in.src)
			}
		})
	}
}

// BenchmarkDetect measures choosing the layout of each seed among the
// standard parsers.
func BenchmarkDetect(b *testing.B) {
	for _, s := range seeds {
		src := []byte(readSeed(b, s.file))
		b.Run(s.file[:3], func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Detect(src); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkFloor measures the standard tokenizers: x/net/html's over a
// page (html/…), which is why the HTML parser reads pages with a scanner
// of its own, measured beside it (scan/…; over the page as text, decoded
// when it is GBK); and unpacking a DOCX and running encoding/xml's
// Decoder.Token over its document.xml, which is why DOCX reads it with
// parse/internal/xmltok instead (its BenchmarkDecoder measures that).
func BenchmarkFloor(b *testing.B) {
	for _, in := range benchInputs(b) {
		switch in.p {
		case HTML:
			b.Run(in.name, func(b *testing.B) {
				b.SetBytes(int64(len(in.src)))
				b.ReportAllocs()
				for b.Loop() {
					z := html.NewTokenizer(bytes.NewReader(in.src))
					for z.Next() != html.ErrorToken {
					}
				}
			})
			text, err := decodeHTML(in.src)
			if err != nil {
				b.Fatal(err)
			}
			b.Run("scan/"+strings.TrimPrefix(in.name, "html/"), func(b *testing.B) {
				b.SetBytes(int64(len(text)))
				b.ReportAllocs()
				var t htmlToken
				for b.Loop() {
					sc := &htmlScanner{s: text}
					for sc.next(&t) {
					}
					if sc.unsure {
						b.Fatal("the scanner is unsure of the page")
					}
				}
			})
		case DOCX:
			b.Run(in.name, func(b *testing.B) {
				b.SetBytes(int64(len(in.src)))
				b.ReportAllocs()
				for b.Loop() {
					doc, err := DOCX.(docxParser).document(in.src, DefaultLimits)
					if err != nil {
						b.Fatal(err)
					}
					dec := xml.NewDecoder(bytes.NewReader(doc))
					for {
						if _, err := dec.Token(); err != nil {
							break
						}
					}
				}
			})
		}
	}
}
