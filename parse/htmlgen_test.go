package parse

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/opengovcn/annualreport/report"
)

var genHTML = flag.Bool("gen-html", false, "regenerate the HTML pages of testdata/corpus from the golden reports")

// TestGenerateHTMLCorpus writes each seed's report as the web pages
// agencies publish: saved from Word (另存为网页) inside a government site's
// page, pasted from WPS into a CMS, and (seed 003) a GB2312-declared page.
// The markup is made messy the way those tools make it, differently for
// each seed: runs split mid-label and mid-number, merged cells, <o:p>,
// header cells over several paragraphs. go test ./parse -run
// TestGenerateHTMLCorpus -gen-html
func TestGenerateHTMLCorpus(t *testing.T) {
	if !*genHTML {
		t.Skip("run with -gen-html to regenerate testdata/corpus/*.html")
	}
	for i, s := range seeds {
		stem := strings.TrimSuffix(s.file, ".txt")
		r := goldenReport(t, stem)
		word := (&pageGen{rng: rand.New(rand.NewPCG(uint64(i), 7)), seed: i, nl: "\n"}).word(r)
		if i == 0 {
			word = strings.ReplaceAll(word, "\n", "\r\n") // Word on Windows
		}
		writeCorpus(t, stem+".html.word.html", []byte(word))
		wps := (&pageGen{rng: rand.New(rand.NewPCG(uint64(i), 11)), seed: i, wps: true, nl: "\n"}).wpsPage(r)
		writeCorpus(t, stem+".html.wps.html", []byte(wps))
		if i == 3 {
			g := &pageGen{rng: rand.New(rand.NewPCG(uint64(i), 13)), seed: i, nl: "\n", gbk: true}
			page := g.word(r)
			enc, err := simplifiedchinese.GBK.NewEncoder().String(page)
			if err != nil {
				t.Fatal(err)
			}
			writeCorpus(t, stem+".html.gbk.html", []byte(enc))
		}
	}
}

func writeCorpus(t *testing.T, name string, b []byte) {
	t.Helper()
	if err := os.MkdirAll("../testdata/corpus", 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join("../testdata/corpus", name), b, 0o644); err != nil {
		t.Fatal(err)
	}
}

type pageGen struct {
	rng  *rand.Rand
	seed int
	wps  bool
	gbk  bool
	nl   string
	b    strings.Builder
}

func (g *pageGen) w(parts ...string) {
	for _, p := range parts {
		g.b.WriteString(p)
	}
}

func (g *pageGen) chance(p float64) bool { return g.rng.Float64() < p }

// esc escapes text the way Word does: &, <, > and quotes as entities.
func esc(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "\"", "&quot;").Replace(s)
}

// runs writes text as Word or WPS runs: one run per script (Chinese,
// Latin and digits), runs split again at random places, mid-word and
// mid-number, and now and then a line break inside a tag.
func (g *pageGen) runs(text string, bold bool) string {
	var out strings.Builder
	rs := []rune(text)
	for i := 0; i < len(rs); {
		j := i + 1
		ascii := rs[i] < 0x80
		for j < len(rs) && (rs[j] < 0x80) == ascii {
			j++
		}
		seg := rs[i:j]
		// split the segment further
		for len(seg) > 0 {
			n := len(seg)
			if n > 1 && g.chance(0.35) {
				n = 1 + g.rng.IntN(n-1)
			}
			out.WriteString(g.run(string(seg[:n]), ascii, bold))
			seg = seg[n:]
		}
		i = j
	}
	return out.String()
}

func (g *pageGen) run(s string, ascii, bold bool) string {
	brk := " "
	if g.chance(0.15) {
		brk = g.nl
	}
	var open, close string
	switch {
	case g.wps && g.seed%2 == 0:
		open, close = `<font face="仿宋_GB2312" size="4">`, `</font>`
		if ascii {
			open = `<font face="Times New Roman">`
		}
	case g.wps:
		open, close = `<span style="font-family: 仿宋_GB2312; font-size: 16pt;">`, `</span>`
		if ascii {
			open = `<span style="font-family: 'Times New Roman'; font-size: 16pt;">`
		}
	case ascii:
		open, close = `<span lang=EN-US`+brk+`style='font-size:16.0pt;font-family:"Times New Roman",serif;mso-fareast-font-family:仿宋_GB2312'>`, `</span>`
	default:
		open, close = `<span`+brk+`style='font-size:16.0pt;font-family:仿宋_GB2312;mso-hansi-font-family:"Times New Roman"'>`, `</span>`
	}
	if !g.wps && g.chance(0.1) {
		open, close = `<span class=GramE>`+open, close+`</span>`
	}
	if bold {
		if g.wps {
			open, close = "<strong>"+open, close+"</strong>"
		} else {
			open, close = "<b>"+open, close+"</b>"
		}
	}
	return open + esc(s) + close
}

// para writes a paragraph of prose.
func (g *pageGen) para(text string, bold bool, center bool) {
	switch {
	case g.wps && center:
		g.w(`<p style="text-align: center;">`, g.runs(text, bold), `</p>`, g.nl)
	case g.wps:
		g.w(`<p style="text-indent: 2em; line-height: 2em;">`, g.runs(text, bold), `</p>`, g.nl)
	case center:
		g.w(`<p class=MsoNormal align=center style='text-align:center;line-height:28.0pt;`, g.nl,
			`mso-line-height-rule:exactly'>`, g.runs(text, bold), `<span lang=EN-US><o:p></o:p></span></p>`, g.nl, g.nl)
	default:
		g.w(`<p class=MsoNormal style='text-indent:32.0pt;mso-char-indent-count:2.0;line-height:28.0pt;`, g.nl,
			`mso-line-height-rule:exactly'>`, g.runs(text, bold), `<span lang=EN-US><o:p></o:p></span></p>`, g.nl, g.nl)
	}
}

var headings = []string{"一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
	"四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"}

// body writes the report: title, sections, tables.
func (g *pageGen) body(r *report.Report, withTitle bool) {
	if withTitle && r.Title != "" {
		if r.Agency != "" && g.seed == 3 {
			// agency and year on lines of their own
			g.para(r.Agency, true, true)
			g.para(strings.TrimPrefix(r.Title, r.Agency), true, true)
		} else {
			g.para(r.Title, true, true)
		}
	}
	if r.Preamble != "" {
		for _, l := range strings.Split(r.Preamble, "\n") {
			g.para(l, false, false)
		}
	}
	for _, s := range r.Sections {
		spec := report.TemplateFor(report.V2021).Sections
		var n int
		for _, sp := range spec {
			if sp.Key == s.Key {
				n = sp.Number
			}
		}
		if g.wps && g.seed%2 == 1 {
			g.w(`<h3 style="font-size: 16pt;">`, g.runs(headings[n-1], false), `</h3>`, g.nl)
		} else {
			g.para(headings[n-1], true, false)
		}
		if s.Prose != "" {
			subs := map[string]bool{}
			for _, h := range s.Subheads {
				subs[h.Title] = true
			}
			for _, l := range strings.Split(s.Prose, "\n") {
				title, _ := subheadTitle(l)
				g.para(l, subs[title] && title == l, false)
			}
		}
		if s.Table != nil {
			switch s.Key {
			case report.Active:
				g.active(r)
			case report.Requests:
				g.requests(r)
			case report.Appeals:
				g.appeals(r)
			}
		}
	}
}

// gcellSpec is a cell to write.
type gcellSpec struct {
	lines  []string // its paragraphs
	rs, cs int
	value  bool
}

func lbl(s string, rs, cs int) gcellSpec { return gcellSpec{lines: []string{s}, rs: rs, cs: cs} }

func (g *pageGen) val(r *report.Report, k report.Key, cs int) gcellSpec {
	c := r.Cell(k)
	v := ""
	if c != nil {
		v = c.Value.String()
	}
	return gcellSpec{lines: []string{v}, rs: 1, cs: cs, value: true}
}

// table writes rows of cells as Word or WPS write a table.
func (g *pageGen) table(rows [][]gcellSpec, widths int) {
	if g.wps {
		g.w(`<table border="1" cellspacing="0" cellpadding="0" style="border-collapse: collapse; width: 100%;">`, g.nl, `<tbody>`, g.nl)
	} else {
		g.w(`<div align=center>`, g.nl, `<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 width=595`, g.nl,
			` style='width:446.25pt;border-collapse:collapse;mso-table-layout-alt:fixed;border:none;`, g.nl,
			` mso-border-alt:solid windowtext .5pt;mso-yfti-tbllook:1184;mso-padding-alt:0cm 5.4pt 0cm 5.4pt'>`, g.nl)
	}
	for i, row := range rows {
		if g.wps {
			g.w(`<tr>`, g.nl)
		} else {
			g.w(` <tr style='mso-yfti-irow:`, fmt.Sprint(i), `;height:24.0pt'>`, g.nl)
		}
		for _, c := range row {
			g.cell(c)
		}
		g.w(` </tr>`, g.nl)
	}
	if !g.wps {
		// Word's spacer row for tables with merged columns
		g.w(` <![if !supportMisalignedColumns]>`, g.nl, ` <tr height=0>`, g.nl)
		for range widths {
			g.w(`  <td width=59 style='border:none'></td>`, g.nl)
		}
		g.w(` </tr>`, g.nl, ` <![endif]>`, g.nl, `</table>`, g.nl, `</div>`, g.nl, g.nl)
	} else {
		g.w(`</tbody>`, g.nl, `</table>`, g.nl)
	}
}

func (g *pageGen) cell(c gcellSpec) {
	attrs := ""
	if c.rs > 1 {
		attrs += fmt.Sprintf(" rowspan=%d", c.rs)
		if g.wps {
			attrs = fmt.Sprintf(" rowspan=\"%d\"", c.rs)
		}
	}
	if c.cs > 1 {
		if g.wps {
			attrs += fmt.Sprintf(" colspan=\"%d\"", c.cs)
		} else {
			attrs += fmt.Sprintf(" colspan=%d", c.cs)
		}
	}
	blank := len(c.lines) == 1 && c.lines[0] == ""
	if g.wps {
		g.w(`<td`, attrs, ` style="border: 1px solid #000;" align="center">`)
		if blank {
			g.w(`&nbsp;`)
		}
		for i, l := range c.lines {
			if i > 0 {
				g.w(`<br />`)
			}
			g.w(g.runs(l, false))
		}
		g.w(`</td>`, g.nl)
		return
	}
	g.w(`  <td width=59`, attrs, ` valign=center style='width:44.25pt;border:solid windowtext 1.0pt;`, g.nl,
		`  border-top:none;mso-border-alt:solid windowtext .5pt;padding:0cm 5.4pt 0cm 5.4pt;height:24.0pt'>`, g.nl)
	for _, l := range c.lines {
		g.w(`  <p class=MsoNormal align=center style='text-align:center;mso-pagination:widow-orphan'>`)
		if l == "" {
			g.w(`<span lang=EN-US style='font-size:10.5pt'><o:p>&nbsp;</o:p></span></p>`, g.nl)
			continue
		}
		g.w(g.runs(l, false), `<span lang=EN-US style='font-size:10.5pt'><o:p></o:p></span></p>`, g.nl)
	}
	g.w(`  </td>`, g.nl)
}

// split breaks a header label over two paragraphs, as narrow cells do.
func (g *pageGen) split(s string) []string {
	rs := []rune(s)
	if len(rs) == 4 && g.chance(0.7) {
		return []string{string(rs[:2]), string(rs[2:])}
	}
	return []string{s}
}

func (g *pageGen) active(r *report.Report) {
	spec := report.TemplateFor(r.Template).Table(report.Active)
	var rows [][]gcellSpec
	item := ""
	for _, row := range spec.Rows {
		if row.Path[0] != item {
			if g.wps && g.seed == 4 && rows != nil { // a table per item
				g.table(rows, 4)
				rows = nil
			}
			item = row.Path[0]
			rows = append(rows, []gcellSpec{lbl(item, 1, 4)})
			head := []gcellSpec{lbl("信息内容", 1, 1)}
			for i, c := range row.Columns {
				head = append(head, gcellSpec{lines: g.split(c.Label), rs: 1, cs: spanOf(i, len(row.Columns))})
			}
			rows = append(rows, head)
		}
		line := []gcellSpec{lbl(row.Label, 1, 1)}
		for i, c := range row.Columns {
			line = append(line, g.val(r, report.Key{Table: report.Active, Row: row.Key, Column: c.Key}, spanOf(i, len(row.Columns))))
		}
		rows = append(rows, line)
	}
	g.table(rows, 4)
}

// spanOf gives the columns the i-th of n value columns spans in a table
// of three value columns.
func spanOf(i, n int) int {
	if i == n-1 {
		return 3 - (n - 1)
	}
	return 1
}

const checkNote = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

func (g *pageGen) requests(r *report.Report) {
	spec := report.TemplateFor(r.Template).Table(report.Requests)
	rows := [][]gcellSpec{
		{lbl(checkNote, 3, 3), lbl("申请人情况", 1, 7)},
		{gcellSpec{lines: []string{"自然人"}, rs: 2, cs: 1}, lbl("法人或其他组织", 1, 5), lbl("总计", 2, 1)},
		nil,
	}
	for _, c := range spec.Rows[0].Columns[1:6] {
		rows[2] = append(rows[2], gcellSpec{lines: g.split(c.Label), rs: 1, cs: 1})
	}
	for i, row := range spec.Rows {
		var line []gcellSpec
		for d, p := range row.Path {
			if i > 0 && d < len(spec.Rows[i-1].Path) && spec.Rows[i-1].Path[d] == p {
				continue // merged with the row above
			}
			n := 0
			for _, o := range spec.Rows[i:] {
				if d < len(o.Path) && o.Path[d] == p {
					n++
				}
			}
			line = append(line, lbl(p, n, 1))
		}
		line = append(line, lbl(row.Label, 1, 3-len(row.Path)))
		for _, c := range row.Columns {
			line = append(line, g.val(r, report.Key{Table: report.Requests, Row: row.Key, Column: c.Key}, 1))
		}
		rows = append(rows, line)
	}
	g.table(rows, 10)
}

func (g *pageGen) appeals(r *report.Report) {
	spec := report.TemplateFor(r.Template).Table(report.Appeals)
	rows := [][]gcellSpec{{lbl(spec.Rows[0].Label, 1, 5), lbl(spec.Rows[1].Path[0], 1, 10)}, nil, nil, nil}
	for _, c := range spec.Rows[0].Columns {
		rows[1] = append(rows[1], gcellSpec{lines: g.split(c.Label), rs: 2, cs: 1})
	}
	rows[1] = append(rows[1], lbl(spec.Rows[1].Label, 1, 5), lbl(spec.Rows[2].Label, 1, 5))
	for _, row := range spec.Rows[1:] {
		for _, c := range row.Columns {
			rows[2] = append(rows[2], gcellSpec{lines: g.split(c.Label), rs: 1, cs: 1})
		}
	}
	for _, row := range spec.Rows {
		for _, c := range row.Columns {
			rows[3] = append(rows[3], g.val(r, report.Key{Table: report.Appeals, Row: row.Key, Column: c.Key}, 1))
		}
	}
	g.table(rows, 15)
}

var sites = []struct{ name, host string }{
	{"重庆市大渡口区人民政府", "www.ddk.gov.cn"},
	{"济源产城融合示范区", "www.jiyuan.gov.cn"},
	{"重庆市荣昌区人民政府", "www.rongchang.gov.cn"},
	{"重庆市大渡口区人民政府", "www.ddk.gov.cn"},
	{"新疆生产建设兵团第七师胡杨河市", "www.btdqs.gov.cn"},
}

// word writes a page as a government site serves a report saved from
// Word: the site's header, navigation, breadcrumbs and footer, scripts,
// and the Word document's body inside the article.
func (g *pageGen) word(r *report.Report) string {
	site := sites[g.seed]
	title := r.Title
	if title == "" {
		title = "政府信息公开工作年度报告"
	}
	if g.gbk {
		g.w(`<html>`, g.nl, `<head>`, g.nl, `<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`, g.nl)
	} else {
		g.w(`<!DOCTYPE html>`, g.nl, `<html lang="zh-CN">`, g.nl, `<head>`, g.nl, `<meta charset="utf-8">`, g.nl)
	}
	g.w(`<title>`, esc(title), `_`, site.name, `</title>`, g.nl,
		`<meta name="SiteName" content="`, site.name, `">`, g.nl,
		`<meta name="ArticleTitle" content="`, esc(title), `">`, g.nl,
		`<link rel="stylesheet" href="/images/common.css">`, g.nl,
		`<style type="text/css">`, g.nl, `.nav li{float:left} /* 一、总体情况 */ p.MsoNormal{margin:0cm;text-align:justify}`, g.nl, `</style>`, g.nl,
		`<script type="text/javascript">var _hmt = _hmt || []; document.write("<p>二、主动公开政府信息情况</p><td>3</td>");</script>`, g.nl,
		`</head>`, g.nl, `<body>`, g.nl)
	layout := g.seed == 1 // an old site laid out in tables
	if layout {
		g.w(`<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0">`, g.nl, `<tr><td class="top">`, g.nl)
	}
	g.w(`<div class="header"><div class="logo"><img src="/images/logo.png" alt="`, site.name, `"></div>`, g.nl,
		`<div class="search"><input type="text" value="请输入关键字"><button>搜索</button></div></div>`, g.nl,
		`<div class="nav"><ul>`, g.nl, `<li><a href="/">首页</a></li>`, g.nl, `<li><a href="/zwgk/">政务公开</a></li>`, g.nl,
		`<li><a href="/zwfw/">政务服务</a></li>`, g.nl, `<li><a href="/hdjl/">互动交流</a></li>`, g.nl, `</ul></div>`, g.nl)
	if layout {
		g.w(`</td></tr>`, g.nl, `<tr><td class="main">`, g.nl)
	}
	g.w(`<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/ndbg/">年度报告</a></div>`, g.nl,
		`<div class="article">`, g.nl)
	inDoc := g.seed != 1 && g.seed != 4 // the Word document has its own title
	if r.Title != "" {
		g.w(`<h1 class="title">`, esc(r.Title), `</h1>`, g.nl)
	}
	g.w(`<div class="info"><span>发布时间：`, fmt.Sprint(r.Year+1), `-01-20</span> <span>来源：`, site.name, `</span>`,
		` <span>字号：<a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(14)">小</a></span></div>`, g.nl,
		`<div class="content" id="zoom">`, g.nl,
		`<!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal</w:View></w:WordDocument></xml><![endif]-->`, g.nl,
		`<div class=WordSection1 style='layout-grid:15.6pt'>`, g.nl, g.nl)
	g.body(r, inDoc)
	g.w(`<p class=MsoNormal><span lang=EN-US style='display:none;mso-hide:all'>隐藏文字<o:p></o:p></span></p>`, g.nl)
	g.w(`</div>`, g.nl, `</div>`, g.nl,
		`<div class="share">分享到：<a class="wx">微信</a> <a class="wb">微博</a> <a class="qq">QQ空间</a></div>`, g.nl,
		`<div class="print"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>`, g.nl,
		`</div>`, g.nl)
	if layout {
		g.w(`</td></tr>`, g.nl, `<tr><td class="bottom">`, g.nl)
	}
	g.w(`<div class="footer">`, g.nl, `<p>主办：`, site.name, `办公室　　承办：`, site.name, `大数据发展中心</p>`, g.nl,
		`<p>网站标识码：5001040001　<a href="https://beian.miit.gov.cn/">渝ICP备05003300号</a></p>`, g.nl,
		`<p><img src="/images/ga.png">渝公网安备 50010402000516号</p>`, g.nl, `</div>`, g.nl)
	if layout {
		g.w(`</td></tr>`, g.nl, `</table>`, g.nl)
	}
	g.w(`<script src="/js/jquery.min.js"></script>`, g.nl, `<script>$(function(){ $(".share a").click(function(){ return false; }); });</script>`, g.nl,
		`</body>`, g.nl, `</html>`, g.nl)
	return g.b.String()
}

// wpsPage writes the article as a CMS stores text pasted from WPS: a
// fragment, no page around it.
func (g *pageGen) wpsPage(r *report.Report) string {
	g.w(`<div class="TRS_Editor"><div class="Custom_UnionStyle">`, g.nl)
	g.body(r, true)
	g.w(`</div></div>`, g.nl)
	return g.b.String()
}

// TestHTMLCorpusWellFormed checks that the generated pages are what the
// generator is asked for: UTF-8 except the GB2312 page, and holding the
// Word and WPS markup the parser has to cope with.
func TestHTMLCorpusWellFormed(t *testing.T) {
	files, _ := filepath.Glob("../testdata/corpus/*.html")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(f)
		switch {
		case strings.Contains(name, ".gbk."):
			if utf8.Valid(b) {
				t.Errorf("%s: is UTF-8, want GB2312", name)
			}
		case !utf8.Valid(b):
			t.Errorf("%s: not UTF-8", name)
		}
		if strings.Contains(name, ".word.") {
			for _, want := range []string{"<o:p>", "lang=EN-US", "rowspan=", "colspan=", "class=MsoNormal", "<script"} {
				if !strings.Contains(string(b), want) {
					t.Errorf("%s: no %s", name, want)
				}
			}
		}
	}
}
