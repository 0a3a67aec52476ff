package parse

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/opengovcn/annualreport/report"
)

// The adversarial shapes: inputs of ordinary size (well inside
// DefaultLimits) in the shapes that once made a parser's work grow faster
// than its input — a -layout table line of a hundred thousand cells, a
// Markdown row of sixty thousand, a pipe table of empty cells, a line of
// 200 KB of prose. Each shape is generated at any size; TestGrowth holds
// every parser to linear work (16 times the input, at most ~25 times the
// work) and BenchmarkAdversarial measures each shape at 12.5, 50 and
// 200 KB.

var advRun = flag.String("adv", "", "run only the adversarial shapes whose names match this regular expression (TestGrowth, BenchmarkAdversarial)")

// An advCase is one shape in one layout: gen makes an input of about size
// bytes, and parser reads it (nil: Parse, detection included).
type advCase struct {
	name   string
	parser Parser
	gen    func(size int) []byte
}

// advUnits are the contents a shape is made of, each a unit repeated up
// to the size: long lines of words, digits, CJK, spaces, tabs, pipes and
// label-like fragments.
var advUnits = []struct{ name, unit string }{
	{"words", "公开 申请 report 2023 年 "},
	{"digits", " 1"},
	{"gaps", "   1"},
	{"cjk", "政府信息公开工作年度报告"},
	{"spaces", "     "},
	{"tabs", "1\t"},
	{"pipes", " 1 |"},
	{"bars", "|"},
	{"labels", "（三） 1.属于国家秘密 "},
	{"headings", "一、总体情况 二、主动公开政府信息情况 "},
	{"plain", ""}, // the words of a plain pdftotext text, filled in by advText
}

// repeatTo repeats unit up to about size bytes, whole units only (at least
// one).
func repeatTo(unit string, size int) string {
	return strings.Repeat(unit, max(1, size/len(unit)))
}

// linesOf cuts s into lines of about width bytes, at unit boundaries.
func linesOf(unit string, size, width int) string {
	per := max(1, width/len(unit))
	line := strings.Repeat(unit, per)
	return strings.Repeat(line+"\n", max(1, size/len(line)))
}

// advSeed is a report in a text layout, and where a shape goes into it:
// after the line of table 三's first row label.
type advSeed struct {
	layout, file string
}

var advSeeds = []advSeed{
	{"cells", "../testdata/seeds/000_f75296a9e8ded5b4.txt"},
	{"tsv", "../testdata/seeds/001_10659aee92df145a.txt"},
	{"pipes", "../testdata/seeds/002_1e4bc6448c6781ed.txt"},
	{"markdown", "../testdata/corpus/000_f75296a9e8ded5b4.markdown.gfm.md"},
	{"pdftext", "../testdata/corpus/000_f75296a9e8ded5b4.pdftext.layout.txt"},
	{"pdfplain", "../testdata/pdftext/000_f75296a9e8ded5b4.plain.txt"},
	{"glued", "../testdata/corpus/000_f75296a9e8ded5b4.glued.txt"},
}

var (
	advOnce  sync.Once
	advAll   []advCase
	advError error
)

// advCases returns every shape in every layout.
func advCases(t testing.TB) []advCase {
	t.Helper()
	advOnce.Do(func() { advAll, advError = makeAdvCases() })
	if advError != nil {
		t.Fatal(advError)
	}
	if *advRun == "" {
		return advAll
	}
	re := regexp.MustCompile(*advRun)
	var out []advCase
	for _, c := range advAll {
		if re.MatchString(c.name) {
			out = append(out, c)
		}
	}
	return out
}

func makeAdvCases() ([]advCase, error) {
	read := func(name string) (string, error) {
		b, err := os.ReadFile(name)
		return string(b), err
	}
	plain, err := read("../testdata/pdftext/000_f75296a9e8ded5b4.plain.txt")
	if err != nil {
		return nil, err
	}
	units := slices.Clone(advUnits)
	units[len(units)-1].unit = strings.Join(strings.Fields(plain), " ") + " "

	var cases []advCase
	for _, s := range advSeeds {
		src, err := read(s.file)
		if err != nil {
			return nil, err
		}
		lines := strings.SplitAfter(src, "\n")
		at := slices.IndexFunc(lines, func(l string) bool { return strings.Contains(l, "本年新收政府信息公开申请数量") })
		next := slices.IndexFunc(lines, func(l string) bool { return strings.Contains(l, "二、上年结转") })
		if at < 0 || next <= at {
			return nil, fmt.Errorf("%s: no row 一、本年新收… followed by 二、上年结转…", s.file)
		}
		head, row, rest := strings.Join(lines[:at+1], ""), lines[at], strings.Join(lines[at+1:], "")
		block := strings.Join(lines[at:next], "") // the first row, with its cells' lines
		p := ByName(s.layout)
		for _, u := range units {
			cases = append(cases,
				// A row line made long: one row of many cells or one long label.
				advCase{s.layout + "/append-" + u.name, p, func(size int) []byte {
					return []byte(head[:len(head)-len(row)] + strings.TrimRight(row, "\r\n") + repeatTo(u.unit, size) + "\n" + rest)
				}},
				// A long line of its own in the table.
				advCase{s.layout + "/line-" + u.name, p, func(size int) []byte {
					return []byte(head + repeatTo(u.unit, size) + "\n" + rest)
				}},
				// Many short lines: many rows, many fragments.
				advCase{s.layout + "/lines-" + u.name, p, func(size int) []byte {
					return []byte(head + linesOf(u.unit, size, 60) + rest)
				}},
			)
		}
		cases = append(cases,
			// The table's first row over and over: a long table.
			advCase{s.layout + "/rows", p, func(size int) []byte {
				return []byte(head[:len(head)-len(row)] + repeatTo(block, size) + rest)
			}},
			// A long line of words, the layout detected.
			advCase{s.layout + "/detect-line-words", nil, func(size int) []byte {
				return []byte(head + repeatTo(units[0].unit, size) + "\n" + rest)
			}},
		)
	}
	// The contents alone, as one line and as many, read by each text
	// layout and by Parse.
	for _, u := range units {
		for _, p := range append(textParsers(), nil) {
			name := "detect"
			if p != nil {
				name = p.Name()
			}
			cases = append(cases,
				advCase{"bare-" + name + "/line-" + u.name, p, func(size int) []byte { return []byte(repeatTo(u.unit, size)) }},
				advCase{"bare-" + name + "/lines-" + u.name, p, func(size int) []byte { return []byte(linesOf(u.unit, size, 60)) }},
			)
		}
	}
	html, err := advHTML(read)
	if err != nil {
		return nil, err
	}
	js, err := advJSON(read)
	if err != nil {
		return nil, err
	}
	return slices.Concat(cases, html, js, advDOCX()), nil
}

func textParsers() []Parser {
	var ps []Parser
	for _, p := range Standard() {
		if _, ok := p.(textParser); ok {
			ps = append(ps, p)
		}
	}
	return ps
}

// advHTML: a Word page with a long paragraph, a wide row, many rows, deep
// nesting and many label-like paragraphs, each put after table 三's first
// row.
func advHTML(read func(string) (string, error)) ([]advCase, error) {
	src, err := read("../testdata/corpus/000_f75296a9e8ded5b4.html.word.html")
	if err != nil {
		return nil, err
	}
	at := strings.Index(src, "本年新收政府信息公开申请数量")
	end := at + strings.Index(src[at:], "</tr>")
	if at < 0 || end < at {
		return nil, fmt.Errorf("html seed: no row 一、本年新收…")
	}
	inRow := func(unit string) func(int) []byte { // cells added to the row
		return func(size int) []byte { return []byte(src[:end] + repeatTo(unit, size) + src[end:]) }
	}
	afterRow := func(unit string) func(int) []byte { // after the row, in the table
		e := end + len("</tr>")
		return func(size int) []byte { return []byte(src[:e] + repeatTo(unit, size) + src[e:]) }
	}
	body := strings.Index(src, "<body")
	body += strings.IndexByte(src[body:], '>') + 1
	inBody := func(unit string) func(int) []byte {
		return func(size int) []byte { return []byte(src[:body] + repeatTo(unit, size) + src[body:]) }
	}
	nest := func(open, close string, depth int) string {
		return strings.Repeat(open, depth) + "x" + strings.Repeat(close, depth)
	}
	cases := []advCase{
		{"html/wide-row", HTML, inRow("<td>1</td>")},
		{"html/wide-row-empty", HTML, inRow("<td></td>")},
		{"html/rows", HTML, afterRow("<tr><td>一、本年新收政府信息公开申请数量</td><td>3</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>3</td></tr>")},
		{"html/rows-labels", HTML, afterRow("<tr><td>（三）不予公开</td><td>1.属于国家秘密</td></tr>")},
		{"html/spans", HTML, afterRow(`<tr><td rowspan="3" colspan="2">1</td></tr>`)},
		{"html/text-words", HTML, inBody("<p>" + repeatTo(advUnits[0].unit, 4000) + "</p>")},
		{"html/long-text", HTML, func(size int) []byte {
			return []byte(src[:body] + "<p>" + repeatTo(advUnits[3].unit, size) + "</p>" + src[body:])
		}},
		{"html/paragraphs-labels", HTML, inBody("<p>（三）</p><p>1.属于国家秘密</p>")},
		{"html/nest-div", HTML, inBody(nest("<div>", "</div>", 400))},
		{"html/nest-table", HTML, inBody(nest("<table><tr><td>", "</td></tr></table>", 150))},
		{"html/unclosed", HTML, inBody("<p><span><b>1")},
		{"html/detect", nil, inRow("<td>1</td>")},
	}
	return cases, nil
}

// advJSON: render.JSON's form of a report with a long string, a row of
// many unknown columns, many unknown rows, deep nesting and label-like
// keys.
func advJSON(read func(string) (string, error)) ([]advCase, error) {
	src, err := read("../testdata/bench/province.json")
	if err != nil {
		return nil, err
	}
	if !json.Valid([]byte(src)) {
		return nil, fmt.Errorf("province.json is not JSON")
	}
	const mark = `"new_received": {`
	at := strings.Index(src, mark)
	if at < 0 {
		return nil, fmt.Errorf("province.json: no %s", mark)
	}
	at += len(mark)
	reqs := strings.Index(src, `"requests": {`) + len(`"requests": {`)
	top := strings.IndexByte(src, '{') + 1
	counter := func(f func(i int) string) func(int) []byte {
		return func(size int) []byte {
			var b strings.Builder
			for i := 0; b.Len() < size; i++ {
				b.WriteString(f(i))
			}
			return []byte(b.String())
		}
	}
	put := func(off int, gen func(int) []byte) func(int) []byte {
		return func(size int) []byte { return []byte(src[:off] + string(gen(size)) + src[off:]) }
	}
	return []advCase{
		{"json/wide-row", JSON, put(at, counter(func(i int) string { return fmt.Sprintf(`"c%d": 1, `, i) }))},
		{"json/rows", JSON, put(reqs, counter(func(i int) string { return fmt.Sprintf(`"r%d": {"natural_person": 1}, `, i) }))},
		{"json/label-keys", JSON, put(reqs, counter(func(i int) string { return fmt.Sprintf(`"（三）不予公开%d": 1, `, i) }))},
		{"json/long-string", JSON, put(top, func(size int) []byte { return []byte(`"note": "` + repeatTo(`政府\u4e00\n `, size) + `", `) })},
		{"json/array", JSON, put(top, func(size int) []byte { return []byte(`"x": [` + repeatTo("1, ", size) + `1], `) })},
		{"json/nest", JSON, put(top, func(size int) []byte {
			return []byte(`"x": [` + repeatTo(strings.Repeat("[", 400)+strings.Repeat("]", 400)+", ", size) + `1], `)
		})},
		{"json/detect", nil, put(at, counter(func(i int) string { return fmt.Sprintf(`"c%d": 1, `, i) }))},
	}, nil
}

// advDOCX: a Word document with table 三's first row made wide, many rows,
// a long paragraph, nested tables and many label paragraphs; size is that
// of the document's XML.
func advDOCX() []advCase {
	row := func(cells ...string) string { return wtr(values(cells...)...) }
	doc := func(parts func(size int) []string) func(int) []byte {
		return func(size int) []byte {
			body := []string{wp("某某镇2023年政府信息公开工作年度报告"), wp("三、收到和处理政府信息公开申请情况")}
			return docxOf(append(body, parts(size)...)...)
		}
	}
	repeat := func(unit string, size int) []string {
		return []string{repeatTo(unit, size)}
	}
	label := row("一、本年新收政府信息公开申请数量", "3", "0", "0", "0", "0", "0", "3")
	return []advCase{
		{"docx/wide-row", DOCX, doc(func(size int) []string {
			return []string{wtbl(`<w:tr>` + wtc("", wp("一、本年新收政府信息公开申请数量")) + repeatTo(wtc("", wp("1")), size) + `</w:tr>`)}
		})},
		{"docx/rows", DOCX, doc(func(size int) []string { return []string{wtbl(repeatTo(label, size))} })},
		{"docx/long-paragraph", DOCX, doc(func(size int) []string { return []string{wp(repeatTo(advUnits[0].unit, size))} })},
		{"docx/runs", DOCX, doc(func(size int) []string { return []string{wp(slices.Repeat([]string{"政府"}, max(1, size/200))...)} })},
		{"docx/paragraphs-labels", DOCX, doc(func(size int) []string { return repeat(wp("（三）")+wp("1.属于国家秘密"), size) })},
		{"docx/nest-table", DOCX, doc(func(size int) []string {
			nested := strings.Repeat(`<w:tbl><w:tr><w:tc>`, 100) + wp("1") + strings.Repeat(`</w:tc></w:tr></w:tbl>`, 100)
			return repeat(nested+wp(""), size)
		})},
	}
}

// measure returns the least time and the bytes allocated of runs parses of
// src by c. Each timed parse starts with a collection, so that it pays
// for its own garbage and not for that of the parses before it.
func measure(c advCase, src []byte, runs int) (best time.Duration, bytes uint64) {
	parse := func() {
		if c.parser == nil {
			Parse(src)
		} else {
			c.parser.Parse(src)
		}
	}
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	parse()
	runtime.ReadMemStats(&m1)
	bytes = m1.TotalAlloc - m0.TotalAlloc
	for range runs {
		runtime.GC()
		start := time.Now()
		parse()
		if d := time.Since(start); best == 0 || d < best {
			best = d
		}
	}
	return best, bytes
}

// TestGrowth holds every parser to work that grows linearly with its
// input, whatever its shape: parsing 16 times the input (16n) may
// allocate at most 25 times the bytes of n, or else at most 10 times
// those of 4n (a slice that grows by doubling may just have doubled at
// one size and not at another). The bytes are counted exactly. Without
// -short and the race detector the time is held too, with a generous
// margin, since six engineers share this machine's two cores: 16n fails
// when it takes more than 64 times n and more than 12 times 4n. A time is
// the least of a few runs, each after a collection (a run pays for its own
// garbage), tried three times; the time of n counts as at least 100 µs (an
// input rejected at once is not held to the noise of the clock). A step
// that is quadratic in a line's or a table's length costs 256 times as
// much at 16n as at n, and 16 times as much as at 4n (the bugs this test
// was written for cost 300 to 1,000 times): it fails both.
func TestGrowth(t *testing.T) {
	n, runs := 8<<10, 2
	if v, ok := os.LookupEnv("ADV_N"); ok { // a quick look: ADV_N=512 go test -run TestGrowth -v
		fmt.Sscan(v, &n)
	}
	// Under -short and the race detector only the bytes are counted (the
	// race detector's time says nothing of the parsers').
	timed := !testing.Short() && !raceEnabled
	if !timed {
		n, runs = 4<<10, 0
	}
	const ratio = 25
	const floor = 100 * time.Microsecond
	slow := func(t1, t4, t16 time.Duration) bool {
		return t16 > 64*max(t1, floor) && t16 > 12*max(t4, floor)
	}
	for _, c := range advCases(t) {
		small, mid, large := c.gen(n), c.gen(4*n), c.gen(16*n)
		if len(large)-len(small) < 8*n && !strings.HasPrefix(c.name, "docx/") { // a DOCX is compressed
			t.Errorf("%s: the inputs of n and 16n are %d and %d bytes: the generator does not grow", c.name, len(small), len(large))
			continue
		}
		// The parse of the small input first, so that it is not the one
		// that pays for what runs once (a lookup table built, a pool
		// filled).
		if timed {
			measure(c, small, 1)
		}
		// More runs of the smaller inputs, whose times vary more.
		ts, bs := measure(c, small, 4*runs)
		tm, bm := measure(c, mid, 2*runs)
		tl, bl := measure(c, large, runs)
		for try := 0; try < 2 && timed && slow(ts, tm, tl); try++ {
			// Twice more with more runs, in case the machine was busy:
			// six engineers share two cores here.
			ts, _ = measure(c, small, 12*runs)
			tm, _ = measure(c, mid, 6*runs)
			tl, _ = measure(c, large, 3*runs)
		}
		if testing.Verbose() {
			t.Logf("%s: %d bytes %v %d B, %d bytes %v %d B", c.name, len(small), ts, bs, len(large), tl, bl)
		}
		if timed && slow(ts, tm, tl) {
			t.Errorf("%s: %d bytes took %v, %d bytes %v, %d bytes %v: %.0f times for 16 times the input", c.name, len(small), ts, len(mid), tm, len(large), tl, float64(tl)/float64(max(ts, floor)))
		}
		if bl > ratio*max(bs, 64<<10) && bl > 10*max(bm, 64<<10) {
			t.Errorf("%s: %d bytes allocated %d bytes, %d bytes %d: %.0f times for 16 times the input", c.name, len(small), bs, len(large), bl, float64(bl)/float64(max(bs, 64<<10)))
		}
	}
}

// BenchmarkAdversarial parses each shape at 12.5, 50 and 200 KB.
func BenchmarkAdversarial(b *testing.B) {
	for _, c := range advCases(b) {
		for _, size := range []int{12800, 51200, 204800} {
			src := c.gen(size)
			b.Run(fmt.Sprintf("%s/%dKB", c.name, size>>10), func(b *testing.B) {
				b.SetBytes(int64(len(src)))
				b.ReportAllocs()
				for b.Loop() {
					if c.parser == nil {
						Parse(src)
					} else {
						c.parser.Parse(src)
					}
				}
			})
		}
	}
}

// TestDistanceBelow holds distanceBelow to report.Distance below its
// limit, and at or above the limit where Distance is.
func TestDistanceBelow(t *testing.T) {
	words := []string{"", "一", "予以公开", "部分公开", "不予公开", "本年新收政府信息公开申请数量", "上年结转政府信息公开申请数量", "abc", "公开政府", strings.Repeat("政", 130)}
	for _, a := range words {
		for _, b := range words {
			ra, rb := []rune(a), []rune(b)
			want := report.Distance(ra, rb)
			for limit := 0; limit <= 16; limit++ {
				got := distanceBelow(ra, rb, limit)
				if want < limit && got != want || want >= limit && got < limit {
					t.Errorf("distanceBelow(%q, %q, %d) = %d, Distance %d", a, b, limit, got, want)
				}
			}
		}
	}
}
