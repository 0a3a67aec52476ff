package parse

import (
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// at returns "line:col" of the first character of needle, which must occur
// exactly once in src: where a cell's text stands in the HTML.
func at(t *testing.T, src, needle string) string {
	t.Helper()
	if n := strings.Count(src, needle); n != 1 {
		t.Fatalf("at: %q occurs %d times", needle, n)
	}
	i := strings.Index(src, needle)
	line := strings.Count(src[:i], "\n") + 1
	col := utf8.RuneCountInString(src[strings.LastIndex(src[:i], "\n")+1:i]) + 1
	return fmt.Sprintf("%d:%d", line, col)
}

// reqRow writes a row of 表三: a label cell and seven value cells.
func reqRow(label string, vals ...string) string {
	var b strings.Builder
	b.WriteString("<tr><td colspan=3>" + label + "</td>")
	for _, v := range vals {
		b.WriteString("<td>" + v + "</td>")
	}
	b.WriteString("</tr>\n")
	return b.String()
}

var zeros = []string{"0", "0", "0", "0", "0", "0", "0"}

// reqPage writes a page with section 三 holding rows of 表三.
func reqPage(rows ...string) string {
	return "<html><head><meta charset=\"utf-8\"><title>年度报告</title></head><body>\n" +
		"<p>某镇2023年政府信息公开工作年度报告</p>\n<p>一、总体情况</p>\n<p>概况。</p>\n" +
		"<p>三、收到和处理政府信息公开申请情况</p>\n<table border=1>\n" +
		"<tr><td colspan=3 rowspan=3>（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td><td colspan=7>申请人情况</td></tr>\n" +
		"<tr><td rowspan=2>自然人</td><td colspan=5>法人或其他组织</td><td rowspan=2>总计</td></tr>\n" +
		"<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>\n" +
		strings.Join(rows, "") + "</table>\n<p>五、存在的主要问题及改进情况</p>\n<p>无。</p>\n</body></html>\n"
}

func TestHTMLOddities(t *testing.T) {
	var tests []struct {
		name string
		src  string
		want map[string]string
		errs []string
	}
	add := func(name, src string, want func(src string) map[string]string, errs func(src string) []string) {
		tc := struct {
			name string
			src  string
			want map[string]string
			errs []string
		}{name: name, src: src, want: want(src)}
		if errs != nil {
			tc.errs = errs(src)
		}
		tests = append(tests, tc)
	}

	add("a page whose body has no title: the <title> gives it, cut after 年度报告",
		"<html><head><title>平潭综合实验区2022年度政府信息公开工作年度报告_平潭综合实验区管委会</title></head><body>\n<p>一、总体情况</p>\n<p>无。</p>\n</body></html>\n",
		func(src string) map[string]string { return map[string]string{} }, nil)
	add("number split across spans",
		reqPage(reqRow("一、本年新收政府信息公开申请数量", `<span>1</span><span lang=EN-US>7</span>`, "0", "0", "0", "0", "0", `<b>1</b><span>7</span>`)),
		func(src string) map[string]string {
			return map[string]string{
				"requests.new_received.natural_person": "number:17@" + at(t, src, "1</span><span lang=EN-US>7"),
				"requests.new_received.total":          "number:17@" + at(t, src, "1</b><span>7"),
			}
		}, nil)

	add("label split by <br> and <p>, blanks as &nbsp; and <o:p>",
		reqPage(
			reqRow("一、本年新<br>收政府信息公开申请数量", "&nbsp;", "<p class=MsoNormal><o:p>&nbsp;</o:p></p>", "<o:p></o:p>", "\u3000", "0", "0", "0"),
			"<tr><td rowspan=2>三、本年度<br>办理结果</td><td colspan=2><p>（二）部分公开</p><p>（区分处理的，只计这一情形，不计其他情形）</p></td><td>4</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>4</td></tr>\n"+
				"<tr><td colspan=2>（七）总计</td><td>5</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>5</td></tr>\n"),
		func(src string) map[string]string {
			return map[string]string{
				"requests.new_received.natural_person": "blank@" + at(t, src, "<td>&nbsp;"),
				"requests.new_received.commercial":     "blank@" + at(t, src, "<td><p class=MsoNormal>"),
				"requests.new_received.research":       "blank@" + at(t, src, "<td><o:p></o:p>"),
				"requests.new_received.social_welfare": "blank@" + at(t, src, "<td>\u3000"),
				"requests.new_received.legal_service":  "number:0@" + at(t, src, "0</td><td>0</td><td>0</td></tr>\n<tr><td rowspan=2>"),
				"requests.partially_granted.total":     "number:4@" + at(t, src, "4</td></tr>"),
				"requests.total.natural_person":        "number:5@" + at(t, src, "5</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>5</td></tr>"),
				"requests.partially_granted.research":  "number:0@" + at(t, src, "0</td><td>0</td><td>0</td><td>0</td><td>4</td></tr>"),
				"requests.partially_granted.natural_person": "number:4@" +
					at(t, src, "4</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>4</td></tr>"),
			}
		}, nil)

	add("rowspan group cells: merged cells are read once, in their first row",
		reqPage(
			"<tr><td rowspan=3>三、本年度办理结果</td><td rowspan=2>（三）不予公开</td><td>1.属于国家秘密</td><td>1</td><td>2</td><td>0</td><td>0</td><td>0</td><td>0</td><td>3</td></tr>\n",
			"<tr><td>2.其他法律行政法规禁止公开</td><td>6</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>6</td></tr>\n",
			"<tr><td colspan=2>（七）总计</td><td>7</td><td>2</td><td>0</td><td>0</td><td>0</td><td>0</td><td>9</td></tr>\n"),
		func(src string) map[string]string {
			return map[string]string{
				"requests.denied.state_secret.commercial":          "number:2@" + at(t, src, "2</td><td>0</td><td>0</td><td>0</td><td>0</td><td>3</td>"),
				"requests.denied.prohibited_by_law.natural_person": "number:6@" + at(t, src, "6</td><td>0</td>"),
				"requests.denied.prohibited_by_law.total":          "number:6@" + at(t, src, "6</td></tr>"),
				"requests.total.total":                             "number:9@" + at(t, src, "9</td>"),
			}
		}, nil)

	add("a value spanning two columns of 表三 is not read, and the other columns keep their places",
		reqPage("<tr><td colspan=3>一、本年新收政府信息公开申请数量</td><td colspan=2>5</td><td>1</td><td>2</td><td>3</td><td>4</td><td>15</td></tr>\n"),
		func(src string) map[string]string {
			return map[string]string{
				"requests.new_received.natural_person": "missing",
				"requests.new_received.commercial":     "missing",
				"requests.new_received.research":       "number:1@" + at(t, src, "1</td>"),
				"requests.new_received.other_org":      "number:4@" + at(t, src, "4</td>"),
				"requests.new_received.total":          "number:15@" + at(t, src, "15</td>"),
			}
		},
		func(src string) []string { return []string{"ambiguous cells@" + at(t, src, "5</td><td>1")} })

	add("stray spaces and full-width forms",
		reqPage(reqRow("二、上年结转政府信息公开 申请数量", "１７", " 3 ", "0", "0", "0", "0", "２０"),
			"<tr><td rowspan=1>三、本年度办理结果</td><td colspan=2>( 一 )予以 公开</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td></tr>\n"),
		func(src string) map[string]string {
			return map[string]string{
				"requests.carried_over.natural_person": "number:17@" + at(t, src, "１７"),
				"requests.carried_over.commercial":     "number:3@" + at(t, src, "3 </td>"),
				"requests.carried_over.total":          "number:20@" + at(t, src, "２０"),
				"requests.granted.natural_person":      "number:1@" + at(t, src, "1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td></tr>"),
			}
		}, nil)

	add("script and style text is ignored, also inside a cell",
		strings.Replace(reqPage(reqRow("一、本年新收政府信息公开申请数量", `3<script>document.write("<td>9</td>")</script>`, "0", "0", "0", "0", "0", "3")),
			"<title>", "<style>p{} /* 二、主动公开政府信息情况 */</style><script>var s = '<p>一、总体情况</p><td>8</td>';</script><title>", 1),
		func(src string) map[string]string {
			return map[string]string{
				"requests.new_received.natural_person": "number:3@" + at(t, src, `3<script>`),
				"requests.new_received.commercial":     "number:0@" + at(t, src, `0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>3</td>`),
			}
		}, nil)

	add("a 2021 page with the 2019 single （六）其他处理 row",
		reqPage(
			"<tr><td rowspan=2>三、本年度办理结果</td><td colspan=2>（六）其他处理</td><td>2</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>2</td></tr>\n",
			"<tr><td colspan=2>（七）总计</td><td>2</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>2</td></tr>\n"),
		func(src string) map[string]string {
			return map[string]string{
				"requests.other_handling.natural_person": "number:2@" + at(t, src, "2</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>2</td></tr>\n<tr><td colspan=2>"),
			}
		}, nil)

	appeals := "<html><body>\n<p>一、总体情况</p>\n<p>四、政府信息公开行政复议、行政诉讼情况</p>\n<table>\n" +
		"<tr><td colspan=5>行政复议</td><td colspan=10>行政诉讼</td></tr>\n" +
		"<tr><td rowspan=2>结果<br>维持</td><td rowspan=2><p>结果</p><p>纠正</p></td><td rowspan=2>其他<br/>结果</td><td rowspan=2>尚未审结</td><td rowspan=2>总计</td><td colspan=5>未经复议直接起诉</td><td colspan=5>复议后起诉</td></tr>\n" +
		"<tr>" + strings.Repeat("<td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td>", 2) + "</tr>\n" +
		"<tr><td>1</td><td>2</td><td>3</td><td>4</td><td>10</td>\n<td>0</td><td>0</td><td>0</td><td>0</td><td>0</td>\n<td>0</td><td>0</td><td>0</td><td>5</td><td>5</td></tr>\n" +
		"</table>\n<p>五、存在的主要问题及改进情况</p>\n<p>无。</p>\n</body></html>\n"
	add("表四 in a table of its own, header cells split over <br> and <p>", appeals,
		func(src string) map[string]string {
			return map[string]string{
				"appeals.review.corrected":                "number:2@" + at(t, src, "2</td>"),
				"appeals.review.total":                    "number:10@" + at(t, src, "10</td>"),
				"appeals.litigation_after_review.pending": "number:5@" + at(t, src, "5</td><td>5"),
				"appeals.litigation_after_review.total":   "number:5@" + at(t, src, "5</td></tr>"),
			}
		}, nil)

	active := "<html><body>\n<p>二、主动公开政府信息情况</p>\n<table>\n" +
		"<tr><td colspan=4>第二十条第（五）项</td></tr>\n<tr><td>信息内容</td><td colspan=3>本年处理决定数量</td></tr>\n" +
		"<tr><td>行政许可</td><td colspan=3>170</td></tr>\n" +
		"<tr><td colspan=4>第二十条第（八）项</td></tr>\n<tr><td>信息内容</td><td colspan=3>本年收费金额（单位：万元）</td></tr>\n" +
		"<tr><td>行政事业性收费</td><td colspan=3>251000元</td></tr>\n</table>\n<p>三、收到和处理政府信息公开申请情况</p>\n</body></html>\n"
	procurement := func(row string) string {
		return "<html><body>\n<p>二、主动公开政府信息情况</p>\n<table>\n" +
			"<tr><td colspan=4>第二十条第（九）项</td></tr>\n<tr><td>信息内容</td><td>采购项目数量</td><td colspan=2>采购总金额</td></tr>\n" +
			row + "</table>\n<p>三、收到和处理政府信息公开申请情况</p>\n</body></html>\n"
	}
	add("表二 (2019): a value spanning a column and half of the next is read by the template's columns and the cells' extents",
		procurement("<tr><td>政府集中采购</td><td colspan=2>135</td><td>75394432.52元</td></tr>\n"),
		func(src string) map[string]string {
			return map[string]string{
				"active.procurement.projects": "number:135@" + at(t, src, "135"),
				"active.procurement.amount":   "number:75394432.52元@" + at(t, src, "75394432.52元"),
			}
		}, nil)
	add("表二 (2019): a value spanning two header cells, the other blank, is still reported: either column may be its",
		procurement("<tr><td>政府集中采购</td><td colspan=2>135</td><td></td></tr>\n"),
		func(src string) map[string]string {
			return map[string]string{
				"active.procurement.projects": "missing",
				"active.procurement.amount":   "missing",
			}
		}, func(src string) []string { return []string{"ambiguous cells@" + at(t, src, "135")} })
	add("表二: a value spanning the columns its header spans is read; a unit inside the cell is kept with its number", active,
		func(src string) map[string]string {
			return map[string]string{
				"active.licensing.decisions": "number:170@" + at(t, src, "170"),
				"active.fees.amount":         "number:251000元@" + at(t, src, "251000元"),
			}
		}, nil)

	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if p, _ := Detect([]byte(tc.src)); p == nil || p.Name() != "html" {
				t.Errorf("Detect picked %v, want html", p)
			}
			r, err := HTML.Parse([]byte(tc.src))
			for path, want := range tc.want {
				if got := show(r, path); got != want {
					t.Errorf("%s = %s, want %s", path, got, want)
				}
			}
			if got := positions(t, err); !slices.Equal(got, tc.errs) {
				t.Errorf("errors %v, want %v (%v)", got, tc.errs, err)
			}
		})
	}
}

// TestHTMLGBK reads a page in GB2312 as declared by its meta tag, with
// positions in characters of the decoded page.
func TestHTMLGBK(t *testing.T) {
	page := strings.Replace(reqPage(reqRow("一、本年新收政府信息公开申请数量", "3", "0", "0", "0", "0", "0", "3")),
		`<meta charset="utf-8">`, `<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`, 1)
	src, err := simplifiedchinese.GBK.NewEncoder().String(page)
	if err != nil {
		t.Fatal(err)
	}
	if utf8.ValidString(src) {
		t.Fatal("the page is valid UTF-8")
	}
	r, err := HTML.Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if r.Title != "某镇2023年政府信息公开工作年度报告" || r.Agency != "某镇" || r.Year != 2023 {
		t.Errorf("title %q, agency %q, year %d", r.Title, r.Agency, r.Year)
	}
	for path, want := range map[string]string{
		"requests.new_received.natural_person": "number:3@" + at(t, page, "3</td><td>0"),
		"requests.new_received.total":          "number:3@" + at(t, page, "3</td></tr>"),
	} {
		if got := show(r, path); got != want {
			t.Errorf("%s = %s, want %s", path, got, want)
		}
	}
}

// TestHTMLChrome checks that the page around the article stays out of the
// report: navigation and breadcrumbs before it are dropped, an <h1> title
// above it is the title, the metadata line between them is no preamble,
// and the footer is the trailer.
func TestHTMLChrome(t *testing.T) {
	src, err := os.ReadFile("../testdata/corpus/001_10659aee92df145a.html.word.html")
	if err != nil {
		t.Fatal(err)
	}
	r, err := HTML.Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	if r.Title != "大峪镇人民政府 2023 年政府信息公开工作年度报告" || r.Preamble != "" {
		t.Errorf("title %q, preamble %q", r.Title, r.Preamble)
	}
	if !strings.HasPrefix(r.Trailer, "分享到：微信") || !strings.Contains(r.Trailer, "渝ICP备05003300号") {
		t.Errorf("trailer %q", r.Trailer)
	}
	if got, want := r.Src.String(), at(t, string(src), "大峪镇人民政府 2023 年政府信息公开工作年度报告</h1>"); got != want {
		t.Errorf("title at %s, want %s", got, want)
	}
	if strings.Contains(r.Section("other").Prose, "主办") {
		t.Errorf("footer in section 六: %q", r.Section("other").Prose)
	}
}

func TestHTMLDetect(t *testing.T) {
	for _, s := range seeds {
		if n := HTML.Detect([]byte(readSeed(t, s.file))); n != 0 {
			t.Errorf("HTML.Detect(%s) = %d, want 0", s.file, n)
		}
	}
	for src, want := range map[string]int{
		"<!DOCTYPE html><html><body><p>一、总体情况</p></body></html>": 100,
		"<div><p>一、总体情况</p><p>正文</p></div>":                      98,
		"一、总体情况\n\t3\n\t0\n":                                     0,
	} {
		if got := HTML.Detect([]byte(src)); got != want {
			t.Errorf("Detect(%q) = %d, want %d", src, got, want)
		}
	}
}

func FuzzHTML(f *testing.F) {
	files, _ := os.ReadDir("../testdata/corpus")
	for _, e := range files {
		if strings.HasSuffix(e.Name(), ".html") {
			b, err := os.ReadFile("../testdata/corpus/" + e.Name())
			if err != nil {
				f.Fatal(err)
			}
			f.Add(b)
		}
	}
	f.Add([]byte(reqPage(reqRow("一、本年新收政府信息公开申请数量", "<td colspan=2>5", "1", "2"))))
	f.Add([]byte("<table><tr><td rowspan=99999 colspan=99999>1</td><td>&#x20;&nbsp;&amp</td></tr></table><p>一、总体情况</p>"))
	fuzzParser(f, HTML)
}

func TestDisplayNone(t *testing.T) {
	for style, want := range map[string]bool{
		"display:none": true, "DISPLAY: None;color:red": true, "color:red; display :\tnone": true,
		"display:block": false, "mso-display:nonee": true, "": false, "display": false, "display:": false,
		"font-family:宋体;display:inline": false, ":none": false, "display::none": false, "display\r\n:\nnone": true,
	} {
		if got := displayNone(style); got != want {
			t.Errorf("displayNone(%q) = %v, want %v", style, got, want)
		}
	}
	// Against the plain reading: "display" anywhere, spaces, a colon,
	// spaces, "none", on random styles made of the words that matter.
	words := []string{"display", "DisPlay", "none", "NONE", ":", " ", "\t", "\n", ";", "d", "x", "宋体", "display:", ": none"}
	rng := rand.New(rand.NewPCG(6, 1))
	for range 50000 {
		var b strings.Builder
		for range rng.IntN(8) {
			b.WriteString(words[rng.IntN(len(words))])
		}
		style := b.String()
		if got, want := displayNone(style), displayNoneRef(style); got != want {
			t.Fatalf("displayNone(%q) = %v, the plain reading %v", style, got, want)
		}
	}
}

// displayNoneRef is displayNone as first written, byte by byte.
func displayNoneRef(style string) bool {
	for i := 0; i+7 <= len(style); i++ {
		if !strings.EqualFold(style[i:i+7], "display") {
			continue
		}
		rest := strings.TrimLeft(style[i+7:], " \t\r\n")
		if len(rest) == 0 || rest[0] != ':' {
			continue
		}
		rest = strings.TrimLeft(rest[1:], " \t\r\n")
		if len(rest) >= 4 && strings.EqualFold(rest[:4], "none") {
			return true
		}
	}
	return false
}

// TestLineIndexStarts holds the line starts newLineIndex finds by
// searching for line feeds to those found byte by byte, on the corpus's
// pages and on text with no line end, a last line end, and old-Mac ones.
func TestLineIndexStarts(t *testing.T) {
	texts := []string{"", "a", "\n", "a\n", "\na\n\n", "a\r\nb", "a\rb\r", "一\n二\n", "a\r\nb\rc", "\r\n\r\n", "\r"}
	pages := testdataFiles(t, "corpus/*.html")
	texts = append(texts, pages...)
	for _, text := range texts {
		want := []int{0}
		for i := 0; i < len(text); i++ {
			if text[i] == '\n' || text[i] == '\r' && (i+1 >= len(text) || text[i+1] != '\n') {
				want = append(want, i+1)
			}
		}
		if got := newLineIndex(text).starts; !slices.Equal(got, want) {
			t.Errorf("%.40q: line starts %v, want %v", text, got, want)
		}
	}
	if len(pages) < 5 {
		t.Errorf("%d pages in the corpus", len(pages))
	}
}

// TestTagBits spells out the sets some tags are in, as the tree builder
// and the emitter test them.
func TestTagBits(t *testing.T) {
	for tag, want := range map[string]tagBits{
		"td":     inCellSet | inTableScope | inListScope | inBlock,
		"th":     inCellSet | inTableScope | inListScope | inBlock,
		"tr":     inTrSet | inRowScope | inBlock,
		"table":  inTableSet | inTableScope | inRowScope | inSectionScope | inListScope | inPCloser | inBlock,
		"tbody":  inSectionScope | inBlock,
		"p":      inPSet | inPCloser | inBlock,
		"li":     inLiSet | inBlock,
		"ul":     inListScope | inPCloser | inBlock,
		"head":   inHeadSet | inSkip,
		"br":     inVoid,
		"input":  inVoid | inSkip,
		"script": inSkip | inHead,
		"#root":  inTableScope,
		"span":   0,
		"":       0,
	} {
		if got := bitsOf(tag); got != want {
			t.Errorf("bitsOf(%q) = %b, want %b", tag, got, want)
		}
	}
}

// TestMayMatter checks the pre-check that spares reading a tag's
// attributes: it must say yes whenever an attribute that matters may be
// there, in any case, and may say no only when none can be.
func TestMayMatter(t *testing.T) {
	for tag, want := range map[string]bool{
		`<td rowspan=3>`: true, `<TD ROWSPAN="3">`: true, `<td colSpan=2>`: true, `<div hidden>`: true,
		`<p style="DISPLAY:none">`: true, `<span style='font-family:宋体;mso-bidi-font-size:10.5pt'>`: false,
		`<td class=xl65 width=72>`: false, `<td rowspa>`: false, `<td>`: false, `<p class="d">`: false,
		`<td data-x="colspa">`: false, `<td x=rowspan>`: true, `<span class=hid>`: false, `<b r c h d>`: false,
	} {
		if got := mayMatter([]byte(tag)); got != want {
			t.Errorf("mayMatter(%s) = %v, want %v", tag, got, want)
		}
	}
}

// TestCountRunes holds countRunes to utf8.RuneCountInString on the pages
// of testdata, from every offset to a few lengths, and on random UTF-8.
func TestCountRunes(t *testing.T) {
	for _, page := range testdataFiles(t, "corpus/*.html") {
		if !utf8.ValidString(page) {
			continue
		}
		for i := 0; i < len(page); i += 97 {
			for _, n := range []int{0, 1, 7, 8, 9, 15, 16, 17, 100, 1000} {
				s := page[i:min(len(page), i+n)]
				if !utf8.ValidString(s) {
					continue // a character cut: the pages' texts never are
				}
				if got, want := countRunes(s), utf8.RuneCountInString(s); got != want {
					t.Fatalf("countRunes(%q) = %d, want %d", s, got, want)
				}
			}
		}
	}
	rng := rand.New(rand.NewPCG(8, 8))
	runes := []rune{'a', ' ', '<', 'é', '年', '\u00a0', '𠀀', '\ufeff'}
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(40) {
			b.WriteRune(runes[rng.IntN(len(runes))])
		}
		s := b.String()
		if got, want := countRunes(s), utf8.RuneCountInString(s); got != want {
			t.Fatalf("countRunes(%q) = %d, want %d", s, got, want)
		}
	}
}

// TestCollapseBytes holds collapseBytes to collapsing rune by rune and
// trimming, on the lines of testdata and on random text.
func TestCollapseBytes(t *testing.T) {
	texts := testdataLines(t, "corpus/*.html")
	rng := rand.New(rand.NewPCG(3, 4))
	parts := []string{" ", "\t", "\n", "\r", "\f", "\u00a0", "\u3000", "a", "年", "  "}
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		texts = append(texts, b.String())
	}
	var tmp []byte
	for _, s := range texts {
		var got string
		got, tmp = collapseBytes([]byte(s), tmp)
		if want := strings.Trim(collapseRunes(s), " "); got != want {
			t.Fatalf("collapseBytes(%q) = %q, want %q", s, got, want)
		}
	}
}

// collapseRunes turns every run of HTML white space into one space, rune
// by rune: what collapseBytes does before trimming.
func collapseRunes(s string) string {
	if !strings.ContainsAny(s, "\t\n\r\f") && !strings.Contains(s, "  ") {
		return s
	}
	var b strings.Builder
	space := false
	for _, r := range s {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	if space {
		b.WriteByte(' ')
	}
	return b.String()
}

// TestHTMLPageTitle: a page whose body names no report before its first
// heading takes its title, agency and year from the <title>, cut after
// 年度报告; a body title wins over the <title>.
func TestHTMLPageTitle(t *testing.T) {
	page := func(body string) string {
		return "<html><head><title>平潭综合实验区2022年度政府信息公开工作年度报告_平潭综合实验区管委会</title></head><body>\n" + body + "<p>一、总体情况</p>\n<p>无。</p>\n</body></html>\n"
	}
	r, _ := HTML.Parse([]byte(page("")))
	if r.Title != "平潭综合实验区2022年度政府信息公开工作年度报告" || r.Agency != "平潭综合实验区" || r.Year != 2022 || r.Src.Line != 1 {
		t.Errorf("title %q agency %q year %d at %v", r.Title, r.Agency, r.Year, r.Src)
	}
	r, _ = HTML.Parse([]byte(page("<p>大峪镇人民政府2023年政府信息公开工作年度报告</p>\n")))
	if r.Title != "大峪镇人民政府2023年政府信息公开工作年度报告" || r.Year != 2023 {
		t.Errorf("with a body title: title %q year %d", r.Title, r.Year)
	}
}

// TestHTMLBreadcrumb: a page whose only title is the last step of its
// breadcrumb trail takes it, at its place.
func TestHTMLBreadcrumb(t *testing.T) {
	src := "<html><body>\n<div>首页 > 政务公开 > 政府信息公开年报 > 平潭综合实验区2022年度政府信息公开工作年度报告</div>\n<p>一、总体情况</p>\n<p>无。</p>\n</body></html>\n"
	r, _ := HTML.Parse([]byte(src))
	if r.Title != "平潭综合实验区2022年度政府信息公开工作年度报告" || r.Agency != "平潭综合实验区" || r.Year != 2022 {
		t.Errorf("title %q agency %q year %d", r.Title, r.Agency, r.Year)
	}
	if r.AgencySrc.Line != 2 || r.AgencySrc.Col != 29 {
		t.Errorf("agency read at %v, want 2:29 (the breadcrumb's last step)", r.AgencySrc)
	}
}
