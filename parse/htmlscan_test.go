package parse

import (
	"fmt"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// scanBoth returns the tokens of page as htmlScanner gives them, whether
// it was unsure, and the tokens x/net/html's Tokenizer gives.
func scanBoth(page string) (fast []htmlToken, unsure bool, ref []htmlToken) {
	sc := &htmlScanner{s: page}
	var t htmlToken
	for sc.next(&t) {
		fast = append(fast, t)
	}
	nt := &netTokens{z: html.NewTokenizer(strings.NewReader(page))}
	for nt.next(&t) {
		ref = append(ref, t)
	}
	return fast, sc.unsure, ref
}

// sameTokens reports where the scanner departs from x/net/html: the
// scanner's tokens must be the reference's, all of them unless it said it
// was unsure, and then a beginning of them. It returns "" when they agree.
func sameTokens(page string) string {
	fast, unsure, ref := scanBoth(page)
	for i, t := range fast {
		if i >= len(ref) {
			return "the scanner gives more tokens than x/net/html"
		}
		if t != ref[i] {
			return fmt.Sprintf("token %d: scanner %s, x/net/html %s", i, tokenString(page, t), tokenString(page, ref[i]))
		}
	}
	if !unsure && len(fast) != len(ref) {
		return fmt.Sprintf("the scanner stops at token %d of %d without saying it is unsure: next %s", len(fast), len(ref), tokenString(page, ref[len(fast)]))
	}
	return ""
}

func tokenString(page string, t htmlToken) string {
	raw := page[t.start:t.end]
	if len(raw) > 60 {
		raw = raw[:60] + "…"
	}
	return fmt.Sprintf("%v [%d:%d] rowspan=%d colspan=%d hidden=%v %q", t.tt, t.start, t.end, t.rowspan, t.colspan, t.hidden, raw)
}

// TestHTMLScanner holds the scanner to x/net/html's Tokenizer on every page
// of testdata and on cases made for the tokenizer's corners; and checks
// that on the pages of testdata, which are what agencies publish, the
// scanner is sure of the whole page (so it is what reads them).
func TestHTMLScanner(t *testing.T) {
	pages := testdataFiles(t, "corpus/*.html")
	pages = append(pages, testdataFiles(t, "hostile/*.html")...)
	pages = append(pages, testdataFiles(t, "bench/*.html")...)
	for i, page := range pages {
		if msg := sameTokens(page); msg != "" {
			t.Errorf("page %d: %s", i, msg)
		}
		if _, unsure, _ := scanBoth(page); unsure {
			t.Errorf("page %d: the scanner is unsure of a page of testdata", i)
		}
	}
	cases := []struct {
		page   string
		unsure bool // the scanner should leave the page to x/net/html
	}{
		{page: ""},
		{page: "plain text"},
		{page: "a < b <3 <<p>x"},
		{page: "<"},
		{page: "text<", unsure: false},
		{page: "</", unsure: true},
		{page: "x</>y"},
		{page: "</ p>x</1>"},
		{page: "<?xml version='1.0'?><p>"},
		{page: "<!DOCTYPE html><!doctype x><!DocType>"},
		{page: "<!-- a -- b --><!-->x<!--->y<!---->z<!-- --!>w<!-- --!x -->v"},
		{page: "<!-- --!-->u<!-- ->- -->t"},
		{page: "<!--[if gte mso 9]><xml><w:WordDocument></w:WordDocument></xml><![endif]--><p>"},
		{page: "<![if !supportLists]>1.<![endif]><![CDATA[x]]>"},
		{page: "<!-- never ends", unsure: true},
		{page: "<!", unsure: true},
		{page: "<!x", unsure: true},
		{page: "<p", unsure: true},
		{page: "<p class='x", unsure: true},
		{page: "<td rowspan=3 colspan='2' ROWSPAN=5 style=\"DISPLAY : None\">a</td>"},
		{page: "<td rowspan = \"4\" colspan=x hidden>a<td Colspan=07>b<td rowspan=0 colspan=99999>"},
		{page: "<td style='display:block' style='display:none'>"},
		{page: "<td rowspan=&#50;>", unsure: true},
		{page: "<td title=&amp;>x"},
		{page: "<br/><br /><p a=/><p a='/'/><p a/><p / ><p/ a>"},
		{page: "<p =x ==y a==b c= >d"},
		{page: "<p\na\r\nb\tc\fd>x</p\n>"},
		{page: "<span lang=EN-US style='font-size:16.0pt;\r\nfont-family:\"Times New Roman\"'>20</span><span>23</span>"},
		{page: "<script>var a = '<p>'; document.write(\"</scrip\" + \"t>\");</script><p>"},
		{page: "<SCRIPT>x</SCRIPT ><p>"},
		{page: "<script><!-- var x = 1; //--></script><p>"},
		{page: "<script><!-- document.write('<script>x</script>'); --></script><p>"},
		{page: "<script language=\"javascript\">\n<!--\ndocument.write(\"<script src='/a.js'></script>\");\n//-->\n</script>\n<p>x</p>"},
		{page: "<script><!--<SCRIPT>x</sCrIpT >--></script>y"},
		{page: "<script><!--<scriptx></script>z"},
		{page: "<script><!--<script/</script x>--></script/>w"},
		{page: "<script><!-->x</script>v"},
		{page: "<script><!--->x</script>v"},
		{page: "<script><!--<script>--></script>x</script>u"},
		{page: "<script><!-- <b></script>t"},
		{page: "<script><!-- </scrip</script>s"},
		{page: "<script><!--<script> <!-- --> </script> --></script>r"},
		{page: "<script><!--<script>-</script>-</script>q"},
		{page: "<script><!--<script>", unsure: true},
		{page: "<script><!--<scr", unsure: true},
		{page: "<script><!--<script></scr", unsure: true},
		{page: "<script><!-- x", unsure: true},
		{page: "<script>never ends", unsure: true},
		{page: "<style>p{}</style><title>a<b>&amp;</title><textarea></textarea ><xmp><p></xmp>"},
		{page: "<style></style>x<script></script>"},
		{page: "<iframe><p></iframe><noscript><p></noscript><noembed></noembed><noframes>x</noframes>"},
		{page: "<script/>x</script><br/>"},
		{page: "<plaintext><p></plaintext>"},
		{page: "<p>\u00a0&nbsp;<o:p> </o:p></p>"},
		{page: "<a b='1'c=\"2\"d>"},
	}
	for _, c := range cases {
		if msg := sameTokens(c.page); msg != "" {
			t.Errorf("%q: %s", c.page, msg)
		}
		if _, unsure, _ := scanBoth(c.page); unsure != c.unsure {
			t.Errorf("%q: unsure %v, want %v", c.page, unsure, c.unsure)
		}
	}
}

// FuzzHTMLScanner holds the scanner to x/net/html's Tokenizer on any
// input.
func FuzzHTMLScanner(f *testing.F) {
	f.Add("<td rowspan=3 colspan='2' style=\"display:none\">a</td><br/>")
	f.Add("<!-- a --!><!---->x<script><!-- <script></script> --></script>")
	f.Add("<script><!--\ndocument.write(\"<SCRIPT src=a></script >\");<!-- -- -->//--></script><p>")
	f.Add("<p a=/><title>x</title></p\n>")
	f.Fuzz(func(t *testing.T, page string) {
		if msg := sameTokens(page); msg != "" {
			t.Fatal(msg)
		}
	})
}
