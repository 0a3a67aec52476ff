package xmltok

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// tok is a token as the tests compare them: attribute values and text
// decoded.
type tok struct {
	Kind         Kind
	Space, Local string
	Attr         []attr
	Text         string
}

type attr struct{ Space, Local, Value string }

// std reads src with encoding/xml in the form Decoder gives: comments,
// processing instructions and directives dropped, adjacent text joined.
func std(src []byte) ([]tok, error) {
	dec := xml.NewDecoder(bytes.NewReader(src))
	var out []tok
	for {
		t, err := dec.Token()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		switch t := t.(type) {
		case xml.StartElement:
			st := tok{Kind: StartElement, Space: t.Name.Space, Local: t.Name.Local}
			for _, a := range t.Attr {
				st.Attr = append(st.Attr, attr{a.Name.Space, a.Name.Local, a.Value})
			}
			out = append(out, st)
		case xml.EndElement:
			out = append(out, tok{Kind: EndElement, Space: t.Name.Space, Local: t.Name.Local})
		case xml.CharData:
			out = appendText(out, string(t))
		}
	}
}

// ours reads src with Decoder, adjacent text joined.
func ours(src []byte) ([]tok, error) { return skipped(src) }

// asTok returns an element's token as the tests compare them, its
// attributes read.
func asTok(dec *Decoder, t Token) (tok, error) {
	ot := tok{Kind: t.Kind, Space: t.Space, Local: t.Local}
	if t.Kind != StartElement {
		return ot, nil
	}
	attrs, err := dec.Attrs()
	for _, a := range attrs {
		ot.Attr = append(ot.Attr, attr{a.Space, a.Local, a.Value()})
	}
	return ot, err
}

func appendText(out []tok, s string) []tok {
	if n := len(out); n > 0 && out[n-1].Kind == Text {
		out[n-1].Text += s
		return out
	}
	return append(out, tok{Kind: Text, Text: s})
}

// same checks that Decoder reads src as encoding/xml does, when that reads
// it without error.
func same(t *testing.T, src []byte) {
	t.Helper()
	want, werr := std(src)
	got, gerr := ours(src)
	if werr != nil {
		return // malformed: Decoder may read it or not, but must not panic
	}
	if gerr != nil {
		t.Fatalf("Decoder: %v; encoding/xml reads %q", gerr, src)
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Fatalf("tokens of %q differ (-encoding/xml +Decoder):\n%s", src, d)
	}
}

var cases = []string{
	`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\r\n" +
		`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>` +
		`<w:p w:rsidR="00A1"><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t xml:space="preserve">一、总体 &amp; 情况 </w:t></w:r><w:r><w:br w:type="page"/></w:r></w:p>` +
		`<mc:AlternateContent><mc:Choice Requires="wps"><w:t>a</w:t></mc:Choice><mc:Fallback><w:t>b</w:t></mc:Fallback></mc:AlternateContent>` +
		`<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/><w:vMerge/></w:tcPr><w:p><w:r><w:t>12</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>`,
	`<a xmlns="urn:x"><b xmlns="">t</b><c:d xmlns:c="urn:c" c:e='1' f="2"/><!-- c --><![CDATA[<not a tag> & ]]>x&#65;&#x4e00;&lt;&gt;&quot;&apos;</a>`,
	"<a>\r\nline\rend</a>",
	`<!DOCTYPE a [<!ENTITY x "y">]><a b = "1" >text</a >`,
	`<p:a xmlns:p="urn:p"><p:b/><q:c/></p:a>`,
	`<a xml:lang="zh"/>`,
	`<a><b></b><b/></a>`,
	`<:a/>`, `<a:/>`,
}

var malformed = []string{
	``, `<a>`, `<a></b>`, `<a>&foo;</a>`, `<a b=1/>`, `<a b/>`, `<a b="<"/>`,
	"<a>\xff</a>", `<a><!-- x</a>`, `<a><![CDATA[x</a>`, `</a>`, `< a/>`, `<a>&amp</a>`,
}

func TestDecoder(t *testing.T) {
	for _, c := range cases {
		if _, err := std([]byte(c)); err != nil {
			t.Fatalf("case %q: encoding/xml: %v", c, err)
		}
		same(t, []byte(c))
	}
	for _, c := range malformed {
		_, err := ours([]byte(c))
		var se *SyntaxError
		if c == "" {
			if err != nil {
				t.Errorf("empty document: %v", err)
			}
			continue
		}
		if !errors.As(err, &se) {
			t.Errorf("%q: error %v, want a *SyntaxError", c, err)
		}
	}
}

// TestCorpusDocuments holds Decoder to encoding/xml on the document.xml of
// every DOCX of the corpus (Word's and LibreOffice's).
func TestCorpusDocuments(t *testing.T) {
	files, _ := filepath.Glob("../../../testdata/corpus/*.docx")
	if len(files) == 0 {
		t.Fatal("no DOCX in the corpus")
	}
	for _, f := range files {
		zr, err := zip.OpenReader(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, zf := range zr.File {
			if !strings.HasSuffix(zf.Name, ".xml") {
				continue
			}
			rc, err := zf.Open()
			if err != nil {
				t.Fatal(err)
			}
			doc, err := io.ReadAll(rc)
			rc.Close()
			if err != nil {
				t.Fatal(err)
			}
			t.Run(filepath.Base(f)+"/"+zf.Name, func(t *testing.T) { same(t, doc) })
		}
		zr.Close()
	}
}

func TestReadText(t *testing.T) {
	d := NewDecoder([]byte(`<t>a<b>b</b>&amp;c</t><u/>`))
	if tok, err := d.Token(); err != nil || tok.Local != "t" {
		t.Fatal(tok, err)
	}
	if s, err := d.ReadText(); s != "ab&c" || err != nil {
		t.Errorf("ReadText = %q, %v", s, err)
	}
	if tok, err := d.Token(); err != nil || tok.Kind != StartElement || tok.Local != "u" {
		t.Errorf("after ReadText: %+v, %v", tok, err)
	}
	d = NewDecoder([]byte(`<t>cut`))
	d.Token()
	if _, err := d.ReadText(); err == nil {
		t.Error("ReadText of a cut document: no error")
	}
}

func FuzzDecoder(f *testing.F) {
	for _, c := range append(cases, malformed...) {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > 4096 {
			return
		}
		same(t, src)
	})
}

func BenchmarkDecoder(b *testing.B) {
	zr, err := zip.OpenReader("../../../testdata/corpus/000_f75296a9e8ded5b4.docx.word.docx")
	if err != nil {
		b.Fatal(err)
	}
	defer zr.Close()
	var doc []byte
	for _, zf := range zr.File {
		if zf.Name == "word/document.xml" {
			rc, _ := zf.Open()
			doc, _ = io.ReadAll(rc)
			rc.Close()
		}
	}
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		d := NewDecoder(doc)
		for {
			if _, err := d.Token(); err != nil {
				break
			}
		}
	}
}

func TestAppendText(t *testing.T) {
	for c, want := range map[string]string{
		"<t>plain 文字</t>":                "plain 文字",
		"<t>a&amp;b&#x4e00;</t>":         "a&b一",
		"<t>a\r\nb\rc</t>":               "a\nb\nc",
		"<t><![CDATA[x&amp;\r\ny]]></t>": "x&amp;\ny",
		"<t>a<b>b</b>c<!-- d --></t>":    "abc",
	} {
		d := NewDecoder([]byte(c))
		d.Token()
		got, err := d.AppendText([]byte("pre:"))
		if err != nil || string(got) != "pre:"+want {
			t.Errorf("%q: AppendText %q, %v; want %q", c, got, err, "pre:"+want)
		}
	}
}

// skipped reads src with Decoder, skipping with Skip every element whose
// local name is in names (they do not appear, nor does anything in them).
func skipped(src []byte, names ...string) ([]tok, error) {
	dec := NewDecoder(src)
	var out []tok
	for {
		t, err := dec.Token()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		switch {
		case t.Kind == StartElement && slices.Contains(names, t.Local):
			if err := dec.Skip(); err != nil {
				return out, err
			}
		case t.Kind == Text:
			out = appendText(out, t.Text())
		default:
			ot, err := asTok(dec, t)
			if err != nil {
				return out, err
			}
			out = append(out, ot)
		}
	}
}

// dropped is what skipped must give: encoding/xml's tokens without the
// elements named.
func dropped(src []byte, names ...string) ([]tok, error) {
	all, err := std(src)
	var out []tok
	depth := 0
	for _, t := range all {
		switch {
		case depth > 0 && t.Kind == StartElement:
			depth++
		case depth > 0 && t.Kind == EndElement:
			depth--
		case depth > 0:
		case t.Kind == StartElement && slices.Contains(names, t.Local):
			depth = 1
		case t.Kind == Text:
			out = appendText(out, t.Text)
		default:
			out = append(out, t)
		}
	}
	return out, err
}

// sameSkipped checks Skip against encoding/xml on src, when that reads it.
func sameSkipped(t *testing.T, src []byte, names ...string) {
	t.Helper()
	want, werr := dropped(src, names...)
	got, gerr := skipped(src, names...)
	if werr != nil {
		return
	}
	if gerr != nil {
		t.Fatalf("Skip: %v; encoding/xml reads %q", gerr, src)
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Fatalf("skipping %v in %q (-encoding/xml +Decoder):\n%s", names, src, d)
	}
}

func TestSkip(t *testing.T) {
	for _, c := range append(cases,
		`<a><rPr x="a>b" y='/>'><b/><c>t&amp;</c></rPr>after</a>`,
		`<a><rPr/><rPr></rPr>x<rPr><rPr/></rPr></a>`,
		`<a><rPr><!-- </rPr> --><![CDATA[</rPr>]]><?p </rPr>?></rPr>y</a>`,
		`<a xmlns:p="urn:p"><rPr xmlns:p="urn:q"><p:x/></rPr><p:y/></a>`,
	) {
		sameSkipped(t, []byte(c), "rPr", "pPr", "tcPr", "b", "Fallback")
	}
	files, _ := filepath.Glob("../../../testdata/corpus/*.docx")
	for _, f := range files {
		zr, err := zip.OpenReader(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, zf := range zr.File {
			if zf.Name != "word/document.xml" {
				continue
			}
			rc, _ := zf.Open()
			doc, _ := io.ReadAll(rc)
			rc.Close()
			t.Run(filepath.Base(f), func(t *testing.T) {
				sameSkipped(t, doc, "del", "delText", "instrText", "moveFrom", "pPr", "rPr", "tblPr", "tblGrid", "trPr", "Fallback")
			})
		}
		zr.Close()
	}
	for _, c := range []string{`<a><rPr>`, `<a><rPr x="1`, `<a><rPr></b></a>`, `<a><rPr><b></rPr></a>`} {
		if _, err := skipped([]byte(c), "rPr"); err == nil {
			t.Errorf("%q: Skip read it without an error", c)
		}
	}
}

func FuzzSkip(f *testing.F) {
	f.Add([]byte(`<a><rPr x="a>b"><b/>t</rPr>after</a>`))
	for _, c := range cases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > 4096 {
			return
		}
		sameSkipped(t, src, "rPr", "b", "t")
	})
}

// TestMaxDepth holds Token and Skip to MaxDepth.
func TestMaxDepth(t *testing.T) {
	deep := strings.Repeat("<a>", 10) + strings.Repeat("</a>", 10)
	for _, max := range []int{10, 9} {
		d := NewDecoder([]byte(deep))
		d.MaxDepth = max
		var got error
		for {
			if _, got = d.Token(); got != nil {
				break
			}
		}
		if want := max < 10; errors.Is(got, ErrDepth) != want {
			t.Errorf("Token, MaxDepth %d: %v", max, got)
		}
		d = NewDecoder([]byte(deep))
		d.MaxDepth = max
		d.Token()
		if err := d.Skip(); errors.Is(err, ErrDepth) != (max < 10) {
			t.Errorf("Skip, MaxDepth %d: %v", max, err)
		}
	}
}
