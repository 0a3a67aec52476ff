package parse

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/opengovcn/annualreport/report"
)

// class is what a table cell is, told from its text and the template.
type class uint8

const (
	classValue   class = iota // a value: blank, a number, or short text such as "—"
	classHeader               // a header cell that is not a column label (信息内容, 申请人情况, the 勾稽关系 note)
	classItem                 // an item header of table 二 (第二十条第（一）项)
	classColumn               // a column label
	classGroup                // a merged group label of table 三 (（三）不予公开)
	classRow                  // a row label
	classUnknown              // text that is no label the template knows
)

// labels indexes the labels of both template versions by their folded form
// without number. It is built from report.Templates and is the only place
// where the parsers learn label spellings.
type labels struct {
	activeRows map[string]string // row label → row key
	activeCols map[string]string // column label → column key
	reqRows    map[string]string
	reqGroups  map[string]string // group label → the row key the group stands for when it has no items (2019 （六）其他处理), or ""
	reqCols    map[string]string
	reqHeader  map[string]bool
	activeHead map[string]bool // header cells of table 二 that are not column labels (信息内容)
	appeal     []string        // labels of table 四, folded
}

var index = buildLabels()

func buildLabels() *labels {
	l := &labels{
		activeRows: map[string]string{},
		activeCols: map[string]string{},
		reqRows:    map[string]string{},
		reqGroups:  map[string]string{},
		reqCols:    map[string]string{},
		reqHeader:  map[string]bool{},
		activeHead: map[string]bool{},
	}
	for _, t := range report.Templates() {
		for _, s := range t.Table(report.Active).Header {
			l.activeHead[labelKey(s)] = true
		}
		for _, r := range t.Table(report.Active).Rows {
			for _, s := range append([]string{r.Label}, r.Aliases...) {
				l.activeRows[labelKey(s)] = r.Key
			}
			for _, c := range r.Columns {
				for _, s := range append([]string{c.Label}, c.Aliases...) {
					l.activeCols[labelKey(s)] = c.Key
					l.activeCols[stripParens(labelKey(s))] = c.Key
				}
			}
		}
		req := t.Table(report.Requests)
		for _, s := range req.Header {
			l.reqHeader[labelKey(s)] = true
		}
		for _, r := range req.Rows {
			for _, p := range r.Path {
				if _, ok := l.reqGroups[labelKey(p)]; !ok {
					l.reqGroups[labelKey(p)] = ""
				}
			}
			for _, c := range r.Columns {
				l.reqCols[labelKey(c.Label)] = c.Key
			}
		}
		for _, r := range req.Rows {
			k := labelKey(r.Label)
			if _, isGroup := l.reqGroups[k]; isGroup {
				l.reqGroups[k] = r.Key // 2019 （六）其他处理: a group label that is a row by itself
				continue
			}
			l.reqRows[k] = r.Key
			l.reqRows[stripParens(k)] = r.Key
		}
		for _, r := range t.Table(report.Appeals).Rows {
			l.appeal = append(l.appeal, append(foldAll(r.Path), labelKey(r.Label))...)
			for _, c := range r.Columns {
				l.appeal = append(l.appeal, labelKey(c.Label))
			}
		}
	}
	return l
}

func foldAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = labelKey(s)
	}
	return out
}

// stripDebris removes conversion artefacts that are no part of the text:
// Word bookmarks exported as "[bookmark: _GoBack]", each from its
// "[bookmark:" to the next "]" (what `\[bookmark:[^\]]*\]` matches).
func stripDebris(s string) string {
	const open = "[bookmark:"
	i := strings.Index(s, open)
	if i < 0 {
		return s
	}
	var b strings.Builder
	for i >= 0 {
		j := strings.IndexByte(s[i+len(open):], ']')
		if j < 0 {
			break // no end: no bookmark here, nor after
		}
		b.WriteString(s[:i])
		s = s[i+len(open)+j+1:]
		i = strings.Index(s, open)
	}
	b.WriteString(s)
	return b.String()
}

// labelKey is the form labels are compared in: folded, without the leading
// number.
func labelKey(s string) string {
	if k, ok := templateKeys[trimSpace(s)]; ok {
		return k // a label spelt as the template spells it, as most are
	}
	return foldLabel(s)
}

func foldLabel(s string) string {
	_, rest := report.SplitNumber(report.Fold(stripDebris(s)))
	return rest
}

// templateKeys maps the labels of both templates, as the templates spell
// them, to their keys.
var templateKeys = func() map[string]string {
	m := map[string]string{}
	add := func(ss ...string) {
		for _, s := range ss {
			m[s] = foldLabel(s)
		}
	}
	for _, t := range report.Templates() {
		for _, sec := range t.Sections {
			if sec.Table == nil {
				continue
			}
			add(sec.Table.Header...)
			for _, r := range sec.Table.Rows {
				add(r.Label)
				add(r.Aliases...)
				add(r.Path...)
				for _, c := range r.Columns {
					add(c.Label)
					add(c.Aliases...)
				}
			}
		}
	}
	return m
}()

// stripParens removes parenthesised parts: "部分公开(区分处理的,…)" becomes
// "部分公开".
func stripParens(s string) string {
	if !strings.Contains(s, "(") {
		return s
	}
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == '(':
			depth++
		case r == ')' && depth > 0:
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func lookup(m map[string]string, key string) (string, bool) {
	if v, ok := m[key]; ok {
		return v, true
	}
	v, ok := m[stripParens(key)]
	return v, ok
}

// classify tells what a cell of the given table is. inHeader is true while
// no row label has been seen in the table (column labels are only looked
// for there: "其他" and "总计" are columns in the header and rows below it).
// key is the row, column or group key the cell names.
func classify(table report.SectionKey, text string, inHeader bool) (c class, key string) {
	trimmed := trimSpace(text)
	if trimmed == "" || allDigits(trimmed) {
		return classValue, "" // most cells, as classifyText tells them first
	}
	if t := tableIndex(table); t >= 0 {
		known, ok := classified[trimmed]
		if !ok && strings.ContainsAny(trimmed, " \n\t\u3000") {
			// A label broken over lines or by spaces (商业\n企业, 结果 维持,
			// (一) 予以公开) reads as the label whole (TestClassifiedBroken).
			known, ok = classified[stripBlanks(trimmed)]
		}
		if ok {
			r := known[t][b2i(inHeader)]
			return r.c, r.key
		}
	}
	return classifyText(table, text, inHeader)
}

// stripBlanks returns s without its spaces, tabs, line breaks and
// ideographic spaces.
func stripBlanks(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == ' ' || c == '\n' || c == '\t':
		case c == 0xe3 && strings.HasPrefix(s[i:], "\u3000"):
			i += len("\u3000") - 1
		default:
			b = append(b, c)
		}
	}
	return string(b)
}

// classification is what classify tells of a cell.
type classification struct {
	c   class
	key string
}

// classified holds, for the labels of both templates as the templates
// spell them (templateKeys) and folded (in half-width brackets and commas,
// as web pages often have them), what classifyText tells of them in each
// table it reads (tableIndex), in the header and below it: most labels are
// told by one lookup.
var classified = func() map[string]*[3][2]classification {
	m := map[string]*[3][2]classification{}
	for spelt := range templateKeys {
		for _, s := range []string{spelt, report.Fold(spelt)} {
			if m[s] != nil {
				continue
			}
			var known [3][2]classification
			for i, table := range []report.SectionKey{report.Active, report.Requests, report.Appeals} {
				for h := range 2 {
					c, key := classifyText(table, s, h == 1)
					known[i][h] = classification{c, key}
				}
			}
			m[s] = &known
		}
	}
	return m
}()

// tableIndex returns the index in classified's arrays of the table, or -1.
func tableIndex(table report.SectionKey) int {
	switch table {
	case report.Active:
		return 0
	case report.Requests:
		return 1
	case report.Appeals:
		return 2
	}
	return -1
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// classifyText is classify without the lookup of the template's spellings.
func classifyText(table report.SectionKey, text string, inHeader bool) (c class, key string) {
	if looksLikeValue(text) {
		return classValue, ""
	}
	k := labelKey(text)
	switch table {
	case report.Active:
		if strings.HasPrefix(k, "第") && strings.Contains(k, "条") && strings.HasSuffix(k, "项") {
			return classItem, ""
		}
		if index.activeHead[k] {
			return classHeader, ""
		}
		if key, ok := lookup(index.activeRows, k); ok {
			return classRow, key
		}
		if key, ok := lookup(index.activeCols, k); ok {
			return classColumn, key
		}
	case report.Requests:
		if strings.Contains(k, "勾稽关系") || index.reqHeader[k] {
			return classHeader, ""
		}
		if inHeader {
			if key, ok := index.reqCols[k]; ok {
				return classColumn, key
			}
		}
		if key, ok := index.reqGroups[k]; ok {
			return classGroup, key
		}
		if key, ok := lookup(index.reqRows, k); ok {
			return classRow, key
		}
	case report.Appeals:
		for _, a := range index.appeal {
			if k == a || len(k) >= len("结果") && strings.HasPrefix(a, k) {
				return classHeader, ""
			}
		}
	}
	return classUnknown, ""
}

// trimSpace trims white space, including the ideographic space and NBSP.
func trimSpace(s string) string {
	i, j := 0, len(s)
	for i < j {
		c := s[i]
		if c < utf8.RuneSelf {
			if c != ' ' && (c < '\t' || c > '\r') {
				break
			}
			i++
			continue
		}
		if c >= 0xe4 && c <= 0xee {
			break // U+4000 to U+EFFF, Chinese characters among them: no blank
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isBlankRune(r) {
			break
		}
		i += size
	}
	for j > i {
		c := s[j-1]
		if c < utf8.RuneSelf {
			if c != ' ' && (c < '\t' || c > '\r') {
				break
			}
			j--
			continue
		}
		if j-3 >= i && s[j-3] >= 0xe4 && s[j-3] <= 0xee && s[j-2]&0xc0 == 0x80 {
			break // the last character is from U+4000 to U+EFFF (or is invalid): no blank
		}
		r, size := utf8.DecodeLastRuneInString(s[i:j])
		if !isBlankRune(r) {
			break
		}
		j -= size
	}
	return s[i:j]
}

// withUnit matches a number followed by a unit (251000元, 3件).
var withUnit = regexp.MustCompile(`^[+-]?\d[\d,]*(\.\d+)?(元|万元|亿元|件|条|个|项|次|人|宗)$`)

var thousands = regexp.MustCompile(`^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$`)

// parseValue reads a cell's text as published into a Value: blank, a
// number (full-width digits and thousands separators accepted, stray spaces
// around it trimmed), or text.
func parseValue(text string) report.Value {
	t := trimSpace(text)
	if t == "" {
		return report.Value{}
	}
	if allDigits(t) && (t[0] != '0' || len(t) == 1) { // most cells: canonical digits, read at once
		d, _ := report.ParseDec(t)
		return report.NumberValue(d)
	}
	if d, ok := parseNumber(t); ok {
		return report.NumberValue(d)
	}
	if num, unit := cutUnit(t); unit != "" {
		if d, ok := parseNumber(num); ok {
			return report.NumberUnit(d, unit)
		}
	}
	return report.TextValue(t)
}

// cutUnit cuts one of report.Units off the end of a cell's text: the number
// before it (blanks trimmed) and the unit, or t and "".
func cutUnit(t string) (num, unit string) {
	for _, u := range report.Units {
		if n, ok := strings.CutSuffix(t, u); ok && n != "" {
			return trimSpace(n), u
		}
	}
	return t, ""
}

func parseNumber(t string) (report.Dec, bool) {
	// A number starts with a digit, a sign or a point, in ASCII or full
	// width: labels ((一)予以公开, 第二十条…) end here, without NFKC.
	if r, _ := utf8.DecodeRuneInString(t); !(r >= '0' && r <= '9' || r == '-' || r == '+' || r == '.' ||
		r >= '０' && r <= '９' || r == '－' || r == '＋' || r == '．') {
		return report.Dec{}, false
	}
	n := t
	if !isASCII(t) { // NFKC leaves ASCII as it is
		if hasIdeograph(t) {
			return report.Dec{}, false // 3件, 251000元: NFKC leaves 件 and 元 as they are
		}
		n = norm.NFKC.String(t)
	}
	if strings.IndexByte(n, ',') >= 0 && thousands.MatchString(n) {
		n = strings.ReplaceAll(n, ",", "")
	}
	for i := 0; i < len(n); i++ { // what ParseDec could read, without its error
		if c := n[i]; !(c >= '0' && c <= '9' || c == '.' || c == '-' || c == '+') {
			return report.Dec{}, false
		}
	}
	d, err := report.ParseDec(n)
	return d, err == nil
}

// hasIdeograph reports whether s holds a CJK unified ideograph (U+4E00 to
// U+9FFF), which NFKC leaves as it is.
func hasIdeograph(s string) bool {
	for _, r := range s {
		if r >= 0x4e00 && r <= 0x9fff {
			return true
		}
	}
	return false
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// looksLikeValue reports whether a cell's text is a value rather than a
// label: blank, a number, or short text without Chinese words ("—", "/",
// "无").
func looksLikeValue(text string) bool {
	t := trimSpace(text)
	if t == "" {
		return true
	}
	// Text that starts with a Chinese character is a value only as one of
	// the words for nothing (无, 空, 暂无): no number, no unit first. Most
	// labels end here, without being folded.
	if allDigits(t) {
		return true // 12: most values
	}
	if r, _ := utf8.DecodeRuneInString(t); r >= 0x80 && (r >= 0x4e00 && r <= 0x9fff || unicode.Is(unicode.Han, r)) {
		if len(t) > 32 || !hasNothingRune(t) {
			return false
		}
		switch report.Fold(t) {
		case "无", "空", "暂无":
			return true
		}
		return false
	}
	if _, ok := parseNumber(t); ok {
		return true
	}
	if labelLike(t) {
		return false // most labels: （一）予以公开, 1.属于国家秘密
	}
	return valueFolded(t)
}

// valueFolded is looksLikeValue for trimmed text that is neither a number
// nor a label told by its first or last character: it folds t.
func valueFolded(t string) bool {
	f := report.Fold(t)
	switch f {
	case "无", "空", "暂无", "/", "-":
		return true
	}
	if withUnit.MatchString(f) { // 251000元: a value with its unit, kept as text
		return true
	}
	han, n := 0, 0
	for _, r := range f {
		n++
		if unicode.Is(unicode.Han, r) {
			han++
		}
	}
	return n <= 4 && han == 0
}

// labelLike reports whether looksLikeValue is false for t without folding
// it: t holds a CJK ideograph (which Fold keeps, so t is no short text
// without Chinese) and no character of the words for nothing, and it ends
// in a character that Fold leaves last and that is no unit (so no number
// with its unit either).
func labelLike(t string) bool {
	r, _ := utf8.DecodeLastRuneInString(t)
	switch {
	case r > ' ' && r < 0x7f, r == '）':
	case r >= 0x4e00 && r <= 0x9fff:
		if strings.ContainsRune("元件条个项次人宗", r) {
			return false
		}
	default:
		return false
	}
	return hasIdeograph(t) && !hasNothingRune(t)
}

// hasNothingRune reports whether s holds a character that folds into 无 or
// 空, as the words for nothing (无, 空, 暂无) need one: 无, 空, ⽆ (U+2F46)
// or 🈳 (U+1F233), the only characters NFKC maps to either.
func hasNothingRune(s string) bool {
	for _, r := range s {
		switch r {
		case '无', '空', '\u2f46', '\U0001f233':
			return true
		}
	}
	return false
}

// heading matches a line against the section headings of the template. It
// returns the section's spec if the line is a numbered heading ("三、…",
// "6、 …", "六．…") whose words are those of a section.
func heading(line string) (*report.SectionSpec, bool) {
	// A heading is short and starts with its number: most lines are
	// prose, not worth folding, and most start with a character that
	// tells (debris such as [bookmark: _GoBack] does not start so).
	for _, r := range line {
		if unicode.IsSpace(r) {
			continue
		}
		if r >= 0x4e00 && r <= 0x9fff && !strings.ContainsRune("一二三四五六七八九十〇零", r) {
			return nil, false
		}
		// ASCII but a digit, and parentheses, stay what they are when
		// folded: no heading number starts so ((一) numbers sub-heads).
		if r < 0x80 && (r < '0' || r > '9') && r != '[' || r == '（' {
			return nil, false
		}
		break
	}
	if h, ok := knownHeadings[line]; ok {
		return h, true
	}
	return readHeading(line)
}

// readHeading is heading without its shortcuts.
func readHeading(line string) (*report.SectionSpec, bool) {
	line = stripDebris(line)
	if numberThenWord(line) {
		return nil, false
	}
	return matchHeading(line)
}

// knownHeadings holds the headings as the templates word them, with the
// separators reports write after the number (一、总体情况, 一．总体情况,
// 一 总体情况, …), and what readHeading tells of them: a report's headings
// are told by one lookup, where each would be folded and matched, and
// each is asked about two or three times (tokenizer, binder).
var knownHeadings = func() map[string]*report.SectionSpec {
	m := map[string]*report.SectionSpec{}
	numerals := []string{"", "一", "二", "三", "四", "五", "六"}
	for _, t := range report.Templates() {
		for i := range t.Sections {
			s := &t.Sections[i]
			if s.Number < 1 || s.Number >= len(numerals) {
				continue
			}
			for _, words := range append([]string{s.Heading}, s.Aliases...) {
				for _, sep := range []string{"、", "．", ".", " ", "，", ",", "：", ":"} {
					line := numerals[s.Number] + sep + words
					if h, ok := readHeading(line); ok {
						m[line] = h
					}
				}
			}
		}
	}
	return m
}()

// matchHeading is heading without the checks that tell most lines are none:
// the line folded and matched.
func matchHeading(line string) (*report.SectionSpec, bool) {
	chars := 0
	for _, r := range line {
		if unicode.IsSpace(r) {
			continue
		}
		if chars == 0 && unicode.Is(unicode.Han, r) && !strings.ContainsRune("一二三四五六七八九十〇零", r) {
			return nil, false
		}
		if chars++; chars > 64 {
			return nil, false
		}
	}
	f := report.Fold(line)
	num, rest := report.SplitNumber(f)
	if num == "" || strings.HasPrefix(num, "(") || rest == "" || len([]rune(rest)) > 40 {
		return nil, false
	}
	n := report.Numeral(num)
	if n < 1 || n > 6 || strings.HasSuffix(rest, "。") {
		return nil, false
	}
	t := report.TemplateFor(report.V2021)
	for i := range t.Sections {
		s := &t.Sections[i]
		ok := true
		for _, kw := range s.Keywords {
			if !strings.Contains(rest, kw) {
				ok = false
				break
			}
		}
		if ok {
			return s, true
		}
	}
	return nil, false
}

// numberThenWord reports whether line starts (after white space) with a
// number of ASCII digits or Chinese numerals followed at once by a
// character that folds to itself and is no separator of a heading number
// (、 . , :), or by nothing: a date or year (2023年…) or an enumeration
// (一是…) opening prose, or a number alone. Fold leaves such a start as it
// is, so report.SplitNumber finds no number in it: the line is no heading,
// which is told without folding it.
func numberThenWord(line string) bool {
	i := 0
	for i < len(line) {
		r, n := utf8.DecodeRuneInString(line[i:])
		if !unicode.IsSpace(r) {
			break
		}
		i += n
	}
	run := 0
	for i < len(line) {
		r, n := utf8.DecodeRuneInString(line[i:])
		if !(r >= '0' && r <= '9' || strings.ContainsRune("一二三四五六七八九十", r)) {
			break
		}
		i, run = i+n, run+1
	}
	if run == 0 {
		return false
	}
	if i == len(line) {
		return true // a number alone
	}
	r, _ := utf8.DecodeRuneInString(line[i:])
	switch {
	case r > ' ' && r < 0x7f:
		return r != '.' && r != ',' && r != ':'
	case r >= 0x4e00 && r <= 0x9fff:
		return true
	}
	return false
}

// labelStart reports whether s, with its number, is the start of a row
// label of a table of either template that is longer than s (2.其他法律行政法
// of 2.其他法律行政法规禁止公开): the first pieces of a label wrapped over
// lines.
func labelStart(s string) bool {
	f := stripBlanks(report.Fold(trimSpace(s)))
	if f == "" {
		return false
	}
	for _, l := range rowLabels {
		if len(l) > len(f) && strings.HasPrefix(l, f) {
			return true
		}
	}
	return false
}

// rowLabels are the row labels of every table of both templates, with
// their numbers, folded.
var rowLabels = func() []string {
	var out []string
	for _, t := range report.Templates() {
		for _, sec := range t.Sections {
			if sec.Table == nil {
				continue
			}
			for _, r := range sec.Table.Rows {
				for _, l := range append([]string{r.Label}, r.Aliases...) {
					if f := stripBlanks(report.Fold(l)); !slices.Contains(out, f) {
						out = append(out, f)
					}
				}
			}
		}
	}
	return out
}()

// nearest returns the official label of the given table closest to text,
// for error messages, or "" if none is close (fewer than half the
// characters differ). Only labels that share a character with text and are
// near its length are compared (the distance is at least the difference in
// length, and the longer length when no character is shared): a long text,
// or a word of no label's characters, is compared with none.
func nearest(table report.SectionKey, text string) string {
	k := []rune(labelKey(text))
	best, bestDist := "", len(k)/2+1
	ix := nearLabels[table]
	if ix == nil || len(k) > ix.longest+bestDist {
		return ""
	}
	cand := make([]uint64, (len(ix.labels)+63)/64)
	for _, r := range k {
		for i, w := range ix.byRune[r] {
			cand[i] |= w
		}
	}
	for i, l := range ix.labels {
		if cand[i/64]&(1<<(i%64)) == 0 || abs(len(k)-len(l.key)) >= bestDist {
			continue
		}
		if d := distanceBelow(k, l.key, bestDist); d < bestDist {
			best, bestDist = l.label, d
		}
	}
	return best
}

// distanceBelow is report.Distance(a, b) when that is below limit, and
// otherwise some number at least limit: the rows of the table stop as
// soon as none of their cells is below limit, and are kept on the stack
// for keys as short as labels.
func distanceBelow(a, b []rune, limit int) int {
	const short = 128
	if len(b) >= short {
		return report.Distance(a, b)
	}
	var prevBuf, curBuf [short]int
	prev, cur := prevBuf[:len(b)+1], curBuf[:len(b)+1]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		low := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			low = min(low, cur[j])
		}
		if low >= limit {
			return limit // every path through this row costs limit or more
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// nearIndex holds the labels nearest compares a text with, in one table:
// row labels, their paths and column labels of both templates, in that
// order, each with its key; and for each character, the set of labels
// whose key has it (a bit per label).
type nearIndex struct {
	labels []struct {
		label string
		key   []rune
	}
	byRune  map[rune][]uint64
	longest int // the most characters of a key
}

var nearLabels = func() map[report.SectionKey]*nearIndex {
	m := map[report.SectionKey]*nearIndex{}
	for _, t := range report.Templates() {
		for _, sec := range t.Sections {
			if sec.Table == nil {
				continue
			}
			ix := m[sec.Key]
			if ix == nil {
				ix = &nearIndex{byRune: map[rune][]uint64{}}
				m[sec.Key] = ix
			}
			for _, r := range sec.Table.Rows {
				for _, label := range append(append([]string{r.Label}, r.Path...), columnLabels(r)...) {
					ix.labels = append(ix.labels, struct {
						label string
						key   []rune
					}{label, []rune(labelKey(label))})
				}
			}
		}
	}
	for _, ix := range m {
		words := (len(ix.labels) + 63) / 64
		for i, l := range ix.labels {
			ix.longest = max(ix.longest, len(l.key))
			for _, r := range l.key {
				if ix.byRune[r] == nil {
					ix.byRune[r] = make([]uint64, words)
				}
				ix.byRune[r][i/64] |= 1 << (i % 64)
			}
		}
	}
	return m
}()

// textInCell reports whether text, found after a row's label where its
// cells stand, is text written in a cell (不适用, 见说明, 未统计) rather than
// a label: a few Chinese words that are near no label of the table.
func textInCell(table report.SectionKey, text string) bool {
	t := trimSpace(text)
	n := utf8.RuneCountInString(t)
	if n == 0 || n > 6 || strings.ContainsAny(t, "0123456789０１２３４５６７８９") {
		return false
	}
	if _, ok := heading(t); ok {
		return false
	}
	return nearest(table, t) == "" && !isColumnLabel(table, t)
}

// isColumnLabel reports whether text is the label of a column of table in
// either template.
func isColumnLabel(table report.SectionKey, text string) bool {
	return columnKeys[table][labelKey(text)]
}

// columnKeys are the keys of the column labels of each table in both
// templates.
var columnKeys = func() map[report.SectionKey]map[string]bool {
	m := map[report.SectionKey]map[string]bool{}
	for _, t := range report.Templates() {
		for _, sec := range t.Sections {
			if sec.Table == nil {
				continue
			}
			if m[sec.Key] == nil {
				m[sec.Key] = map[string]bool{}
			}
			for _, r := range sec.Table.Rows {
				for _, c := range r.Columns {
					m[sec.Key][labelKey(c.Label)] = true
				}
			}
		}
	}
	return m
}()

func columnLabels(r report.RowSpec) []string {
	var out []string
	for _, c := range r.Columns {
		out = append(out, c.Label)
	}
	return out
}

// allDigits reports whether s is ASCII digits, one or more.
func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
