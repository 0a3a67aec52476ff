package validate

import (
	"fmt"
	"math/big"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/opengovcn/annualreport/report"
)

// RequestCount is rule 8 of the template spec: a count of applications the
// prose states equals the table's.
var RequestCount = &Rule{
	ID:    "request-count",
	Title: "正文所述收到申请件数应与表三“一、本年新收”总计相符",
	Doc: `Every statement in the prose of the number of disclosure applications
received (共收到政府信息公开申请N件, 受理依申请公开N条, 未收到…政府信息公开申请)
must equal requests.new_received.total or new_received + carried_over
(spec rule 8): a count such as 收到政府信息公开申请75件 is often of every
application handled, 74 new and 1 carried over, whether it mentions 上年结转
or not. A count that matches neither is a warning; one that matches the sum
without mentioning 上年结转 gets a notice that says which reading held. Every statement is
checked, not only the first: a report may state the count twice. Statements
about another year (2022年共收到…) or about other applications (行政复议申请)
are not counts of this table. A number written in words is read up to 九十九;
statements it cannot read are skipped.`,
	Severity: Warning,
	Run:      runRequestCount,
}

var (
	countStmt = scan(`(?:收到|受理|接收|新收|接到)[^。；;，,！!？?\n]{0,24}?(?:共|计|合计)?\s*([0-9０-９]+|[一二三四五六七八九十]+)\s*(?:件|条|个|宗|份|人次)`, "收到", "受理", "接收", "新收", "接到")
	noneStmt  = scan(`(?:未|没有|无)(?:收到|受理|接到)[^。；;，,！!？?\n]{0,16}?申请`, "未", "没有", "无")
	anyYear   = scan(`((?:19|20)[0-9０-９]{2})\s*年`, "19", "20")
	otherApps = regexp.MustCompile(`复议|诉讼|举报|投诉|信访|咨询|来电|来信`)
)

// statement is a count of applications stated in the prose.
type statement struct {
	sec      *report.Section
	at       int    // byte offset in sec.Prose
	text     string // the statement
	n        int64
	withPrev bool // it mentions 上年结转
}

func runRequestCount(p *Pass) error {
	stmts := countStatements(p.Report)
	if len(stmts) == 0 {
		return nil
	}
	newK := report.Key{Table: report.Requests, Row: "new_received", Column: "total"}
	prevK := report.Key{Table: report.Requests, Row: "carried_over", Column: "total"}
	ts, bad, missing := p.numbers(newK, prevK)
	if missing {
		return nil
	}
	// A statement needs 一、本年新收; one that mentions 上年结转 needs
	// 二、上年结转 too. Either may be text or blank while the other is a
	// number.
	value := map[report.Key]report.Dec{}
	for _, t := range ts {
		value[t.key] = t.num
	}
	for _, s := range stmts {
		needs := []report.Key{newK}
		if s.withPrev {
			needs = append(needs, prevK)
		}
		if i := slices.IndexFunc(bad, func(k report.Key) bool { return slices.Contains(needs, k) }); i >= 0 {
			f := Finding{Cells: needs, Section: s.sec.Key, Src: s.sec.Where(s.at), Severity: Notice, Unchecked: true,
				Message: fmt.Sprintf("无法核对正文“%s”：%s不是数字", s.text, p.Name(bad[i])+describe(p.Report.Cell(bad[i])))}
			p.Add(f)
			continue
		}
		newD := value[newK]
		if v, ok := newD.Int64(); ok && v == s.n { // as integers, without big.Rat: most statements hold
			continue
		}
		newN := newD.Rat()
		n := new(big.Rat).SetInt64(s.n)
		if n.Cmp(newN) == 0 {
			continue
		}
		// The count may be of all the applications handled: 新收 + 上年结转
		// (收到政府信息公开申请75件 for 74 new and 1 carried over), whether
		// the statement says so or not.
		var both *big.Rat
		if prevD, ok := value[prevK]; ok {
			both = new(big.Rat).Add(newN, prevD.Rat())
			if n.Cmp(both) == 0 {
				if !s.withPrev {
					p.Add(Finding{Cells: []report.Key{newK, prevK}, Section: s.sec.Key, Src: s.sec.Where(s.at), Severity: Notice,
						Message: fmt.Sprintf("正文“%s”所述申请件数%d不是表三“一、本年新收政府信息公开申请数量”总计（%s），而是它与“二、上年结转”之和，已按此核对", s.text, s.n, newD)})
				}
				continue
			}
		}
		msg := fmt.Sprintf("正文“%s”所述申请件数为%d，但表三“一、本年新收政府信息公开申请数量”总计为%s", s.text, s.n, newD)
		if both != nil {
			msg += fmt.Sprintf("，与“二、上年结转”之和为%s", fmtRat(both))
		}
		p.Add(Finding{Cells: []report.Key{newK}, Section: s.sec.Key, Src: s.sec.Where(s.at), Message: msg})
	}
	return nil
}

// countStatements finds the statements of a count of received
// applications in the report's prose.
func countStatements(r *report.Report) []statement {
	var out []statement
	for i := range r.Sections {
		sec := &r.Sections[i]
		prose := sec.Prose
		add := func(start, end int, n int64) {
			clause := clauseAround(prose, start, end)
			if !strings.Contains(clause, "申请") || !strings.Contains(clause, "公开") || otherApps.MatchString(prose[start:end]) {
				return
			}
			from, to := sentenceAround(prose, start, end)
			sentence := prose[from:to]
			for _, m := range anyYear.FindAllStringSubmatch(prose[from:end], -1) {
				if y, err := strconv.Atoi(report.Fold(m[1])); err == nil && r.Year != 0 && y != r.Year {
					return // a statement about another year
				}
			}
			out = append(out, statement{sec: sec, at: start, text: strings.TrimSpace(prose[start:end]), n: n,
				withPrev: strings.Contains(sentence, "结转")})
		}
		for _, m := range countStmt.FindAllStringSubmatchIndex(prose, -1) {
			num := report.Fold(prose[m[2]:m[3]])
			n, err := strconv.ParseInt(num, 10, 64)
			if err != nil {
				if n = int64(report.Numeral(num)); n == 0 {
					continue
				}
			}
			add(m[0], m[1], n)
		}
		for _, m := range noneStmt.FindAllStringIndex(prose, -1) {
			add(m[0], m[1], 0)
		}
	}
	return out
}

// clauseAround returns the clause of prose that holds [start, end): from
// the last clause end before start to end.
func clauseAround(prose string, start, end int) string {
	from := afterClauseEnd(prose[:start])
	if i := strings.LastIndexAny(prose[from:start], "，,"); i >= 0 {
		from += i + 1
	}
	return prose[from:end]
}

// sentenceAround returns the bounds of the sentence of prose that holds
// [start, end).
func sentenceAround(prose string, start, end int) (from, to int) {
	from = afterClauseEnd(prose[:start])
	to = len(prose)
	if i := strings.IndexFunc(prose[end:], isClauseEnd); i >= 0 {
		to = end + i
	}
	return from, to
}

// isClauseEnd reports whether r ends a clause: 。；;！!？? or a line break.
func isClauseEnd(r rune) bool {
	switch r {
	case '。', '；', ';', '！', '!', '？', '?', '\n':
		return true
	}
	return false
}

// afterClauseEnd returns the offset in s after its last clause end, or 0.
func afterClauseEnd(s string) int {
	i := strings.LastIndexFunc(s, isClauseEnd)
	if i < 0 {
		return 0
	}
	_, size := utf8.DecodeRuneInString(s[i:])
	return i + size
}
