package validate

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"

	"github.com/opengovcn/annualreport/report"
)

// The sum rules check the template's identities (report.Identity): one
// engine, sumRule, checks the identities of a rule number of the spec in
// every table of the template the report is checked against; each rule
// only says, in its own words, what it found.

// RequestsBalance is rule 1 of the template spec, the 勾稽关系 that table
// 三's header states: in every column, 一、本年新收 plus 二、上年结转 equals
// （七）总计 plus 四、结转下年度继续办理.
var RequestsBalance = &Rule{
	ID:    "requests-balance",
	Title: "表三勾稽关系：第一项加第二项之和等于第三项加第四项之和",
	Doc: `For every column of table 三: new_received + carried_over = total +
carried_forward (spec rule 1). The finding is about the column's （七）总计
cell and suggests the total that would balance the column. A column with a
blank or text cell among the four is reported as unchecked; a missing row
is left to row-missing.`,
	Severity: Error,
	Run:      func(p *Pass) error { return sumRule(p, 1, &balanceText) },
}

// RequestsOutcomes is rule 3 of the template spec: in every column of
// table 三, （七）总计 is the sum of the outcome rows, （一） to （六）.
var RequestsOutcomes = &Rule{
	ID:    "requests-outcomes",
	Title: "表三“（七）总计”等于各项办理结果之和",
	Doc: `For every column of table 三: total = granted + partially_granted +
every denied.*, unable.* and not_processed.* row + other_handling (2019) or
every other_handling.* row (2021) (spec rule 3). The outcome rows are the
ones the report has: a 2021 report that uses the 2019 single （六）其他处理 row
is summed with it. The finding is about the column's （七）总计 cell and
suggests the sum. A column with a blank or text cell is reported as
unchecked; a report that lacks an outcome row is left to row-missing.`,
	Severity: Error,
	Run:      func(p *Pass) error { return sumRule(p, 3, &outcomesText) },
}

// RequestsRowTotal is rule 4 of the template spec: in every row of table
// 三, the 总计 column is the sum of the six applicant columns.
var RequestsRowTotal = &Rule{
	ID:    "requests-row-total",
	Title: "表三每行“总计”等于六类申请人之和",
	Doc: `For every row of table 三: total = natural_person + commercial + research
+ social_welfare + legal_service + other_org (spec rule 4). The finding is
about the row's 总计 cell and suggests the sum. A row with a blank or text
cell is reported as unchecked; a row that lacks a column is left to
row-cells.`,
	Severity: Error,
	Run:      func(p *Pass) error { return sumRule(p, 4, &rowTotalText) },
}

// AppealsTotal is rule 5 of the template spec: in table 四, each group's
// 总计 is 结果维持 + 结果纠正 + 其他结果 + 尚未审结.
var AppealsTotal = &Rule{
	ID:    "appeals-total",
	Title: "表四每组“总计”等于结果维持、结果纠正、其他结果、尚未审结之和",
	Doc: `For each group of table 四 (行政复议, 行政诉讼 未经复议直接起诉, 复议后起诉):
total = upheld + corrected + other + pending (spec rule 5). The finding is
about the group's 总计 cell and suggests the sum. A group with a blank or
text cell is reported as unchecked.`,
	Severity: Error,
	Run:      func(p *Pass) error { return sumRule(p, 5, &appealsText) },
}

// SumRule returns a rule, with the given ID and title, that checks the
// identities of a rule number (report.Identity.Rule) in every table of the
// template a report is checked against, as the standard sum rules check
// theirs (a finding about the total that suggests its value; a line with a
// blank or text cell reported as unchecked; a missing row left to
// row-missing), in general words: for the identities that a template of
// one's own adds (Checker.Template).
func SumRule(id, title string, rule int) *Rule {
	return &Rule{
		ID:    id,
		Title: title,
		Doc: fmt.Sprintf(`Checks the identities of rule number %d of the template the report is
checked against: in every line they run through, the cells of one side
add up to those of the other.`, rule),
		Severity: Error,
		Run:      func(p *Pass) error { return sumRule(p, rule, &generalText) },
	}
}

// generalText is what SumRule says.
var generalText = sumText{
	unchecked: func(s sumLine) string {
		if s.id.Along == report.EachRow {
			return fmt.Sprintf("%s“%s”行的%s", s.table.Name, rowName(s.t, s.table.Key, s.at), columnLabel(s.table, s.id.Total))
		}
		return fmt.Sprintf("%s“%s”列的%s", s.table.Name, colName(s.t, s.table.Key, s.id.Total, s.at), rowName(s.t, s.table.Key, s.id.Total))
	},
	broken: func(s sumLine, c *sumCase) string {
		var b strings.Builder
		for i, k := range c.keys {
			if i == c.total {
				continue
			}
			plus := c.signs[i] != c.signs[c.total]
			switch {
			case !plus:
				b.WriteString("−")
			case b.Len() > 0:
				b.WriteString("+")
			}
			label := rowName(s.t, s.table.Key, k.Row)
			if s.id.Along == report.EachRow {
				label = columnLabel(s.table, k.Column)
			}
			b.WriteString("“" + label + "”" + c.nums[i].String())
		}
		return fmt.Sprintf("%s为%s，但按勾稽关系应为%s（%s）", Name(s.t, c.keys[c.total]), c.nums[c.total], c.need, b.String())
	},
}

// sumText is what a sum rule says: what could not be checked, and what
// does not add up, in a line of an identity.
type sumText struct {
	unchecked func(s sumLine) string
	broken    func(s sumLine, c *sumCase) string
}

// sumLine is one line of a table in which an identity is checked: a row
// (EachRow) or a column (EachColumn).
type sumLine struct {
	t     *report.Template
	table *report.TableSpec
	id    *report.Identity
	at    string // the row's or the column's key
}

// sumCase is a line whose identity does not hold: its cells, Left then
// Right, their numbers and sides (+1 Left, -1 Right), the index of the
// total, the sums of both sides and the total that would make it hold.
type sumCase struct {
	keys              []report.Key
	nums              []report.Dec
	signs             []int8
	total             int
	left, right, need string
}

// isTerm reports whether cell i is a term of the total: a cell of the
// other side than the total's.
func (c *sumCase) isTerm(i int) bool { return i != c.total && c.signs[i] != c.signs[c.total] }

// plus writes the terms' values joined by "+": 1+1+0.
func (c *sumCase) plus() string {
	var b strings.Builder
	for i := range c.nums {
		if c.isTerm(i) {
			if b.Len() > 0 {
				b.WriteByte('+')
			}
			b.WriteString(c.nums[i].String())
		}
	}
	return b.String()
}

// idKey returns key i of an identity, Left then Right, and its side.
func idKey(id *report.Identity, i int) (string, int8) {
	if i < len(id.Left) {
		return id.Left[i], 1
	}
	return id.Right[i-len(id.Left)], -1
}

var balanceText = sumText{
	unchecked: func(s sumLine) string {
		return s.table.Name + "“" + colName(s.t, s.table.Key, s.id.Total, s.at) + "”列的勾稽关系"
	},
	broken: func(s sumLine, c *sumCase) string {
		// The identity as the spec writes it: 一 + 二 = （七）总计 + 四.
		return s.table.Name + "“" + colName(s.t, s.table.Key, s.id.Total, s.at) + "”列的勾稽关系不成立：一、本年新收" + c.nums[0].String() + "件加二、上年结转" + c.nums[1].String() + "件共" + c.left +
			"件，但（七）总计" + c.nums[2].String() + "件加四、结转下年度继续办理" + c.nums[3].String() + "件共" + c.right + "件；若其他数字无误，（七）总计应为" + c.need + "件"
	},
}

var outcomesText = sumText{
	unchecked: func(s sumLine) string {
		return s.table.Name + "“" + colName(s.t, s.table.Key, s.id.Total, s.at) + "”列的" + rowName(s.t, s.table.Key, s.id.Total)
	},
	broken: func(s sumLine, c *sumCase) string {
		// The terms that are not 0, by their rows' short labels:
		// “（一）予以公开”1、“（二）部分公开”1; or that all are 0.
		var b strings.Builder
		for i := range c.nums {
			if c.isTerm(i) && c.nums[i].Sign() != 0 {
				writeTerm(&b, s.t, c.keys[i].Row, c.nums[i].String())
			}
		}
		return s.table.Name + "“" + rowName(s.t, s.table.Key, s.id.Total) + "”" + colName(s.t, s.table.Key, s.id.Total, s.at) + "列为" + c.nums[c.total].String() +
			"，但各项办理结果之和为" + c.need + "（" + endTerms(&b) + "）"
	},
}

var rowTotalText = sumText{
	unchecked: func(s sumLine) string {
		return s.table.Name + "“" + rowName(s.t, s.table.Key, s.at) + "”行的总计"
	},
	broken: func(s sumLine, c *sumCase) string {
		return s.table.Name + "“" + rowName(s.t, s.table.Key, s.at) + "”行总计为" + c.nums[c.total].String() + "，但六类申请人之和为" + c.need + "（" + c.plus() + "）"
	},
}

var appealsText = sumText{
	unchecked: func(s sumLine) string {
		return s.table.Name + "“" + rowName(s.t, s.table.Key, s.at) + "”的总计"
	},
	broken: func(s sumLine, c *sumCase) string {
		var names []string
		for i, k := range c.keys {
			if c.isTerm(i) {
				names = append(names, columnLabel(s.table, k.Column))
			}
		}
		return s.table.Name + "“" + rowName(s.t, s.table.Key, s.at) + "”总计为" + c.nums[c.total].String() + "，但" + strings.Join(names, "、") + "之和为" + c.need + "（" + c.plus() + "）"
	},
}

// columnLabel returns the official label of a column of a table: the
// first row's that has it.
func columnLabel(t *report.TableSpec, col string) string {
	for i := range t.Rows {
		if c := t.Rows[i].Column(col); c != nil {
			return c.Label
		}
	}
	return col
}

// sumRule checks the identities of the spec's rule number in every table
// of the template the report is checked against.
func sumRule(p *Pass, rule int, text *sumText) error {
	t := p.Spec()
	for si := range t.Sections {
		spec := t.Sections[si].Table
		if spec == nil {
			continue
		}
		for i := range spec.Identities {
			id := &spec.Identities[i]
			if id.Rule != rule || len(id.Left)+len(id.Right) == 0 || !id.Has(id.Total) {
				continue
			}
			tab := p.Report.Table(spec.Key)
			if tab == nil {
				continue
			}
			s := sumLine{t: t, table: spec, id: id}
			switch id.Along {
			case report.EachColumn:
				p.sumColumns(s, tab, text)
			case report.EachRow:
				p.sumRows(s, tab, text)
			}
		}
	}
	return nil
}

// identityRows appends to rows the rows of the report's table that an
// identity along columns sums, in its order, and to signs their sides: its
// keys, with the rows of a stand-in group (report.StandIn) that the table
// has in place of the group's keys, in the table's order. It reports
// false when the table lacks a row (row-missing reports that).
func (p *Pass) identityRows(spec *report.TableSpec, tab *report.Table, id *report.Identity, rows []string, signs []int8) ([]string, []int8, bool) {
	n := len(id.Left) + len(id.Right)
keys:
	for i := range n {
		k, sign := idKey(id, i)
		g := spec.StandInOf(k)
		if g == nil {
			if p.row(spec.Key, k) == nil {
				return rows, signs, false
			}
			rows, signs = append(rows, k), append(signs, sign)
			continue
		}
		for j := range i {
			if prev, _ := idKey(id, j); g.Has(prev) {
				continue keys // the group is gathered
			}
		}
		from := len(rows)
		for _, r := range tab.Rows {
			if g.Has(r.Key) && !containsKey(rows[from:], r.Key) {
				rows, signs = append(rows, r.Key), append(signs, sign)
			}
		}
		if len(rows) == from {
			return rows, signs, false
		}
	}
	return rows, signs, true
}

func containsKey(keys []string, k string) bool {
	for _, x := range keys {
		if x == k {
			return true
		}
	}
	return false
}

// sumColumns checks an identity along columns (its keys are rows) in every
// column of its total's row.
func (p *Pass) sumColumns(s sumLine, tab *report.Table, text *sumText) {
	var rbuf [32]string
	var sbuf [32]int8
	rows, signs, ok := p.identityRows(s.table, tab, s.id, rbuf[:0], sbuf[:0])
	if !ok {
		return
	}
	total := slicesIndex(rows, s.id.Total)
	if total < 0 {
		return // a total in a stand-in group: no line to check
	}
	var cbuf [16]string
	cols := cbuf[:0]
	for _, c := range s.table.Row(s.id.Total).Columns {
		cols = append(cols, c.Key)
	}
	// When the rows are complete and in integers, as nearly every
	// report's are, each column is told from them at once.
	var vbuf [8 * 32]int64
	vals, fast := p.ints(s.table.Key, rows, cols, vbuf[:0])
	n := len(cols)
	var keys []report.Key // a column's cells, for a column that does not add up
	var ts []term
	for j, col := range cols {
		if fast {
			var sum int64
			for i := range rows {
				sum += int64(signs[i]) * vals[i*n+j]
			}
			if sum == 0 {
				continue
			}
		}
		if keys == nil {
			keys = make([]report.Key, 0, len(rows))
		}
		keys = keys[:0]
		for _, r := range rows {
			keys = append(keys, report.Key{Table: s.table.Key, Row: r, Column: col})
		}
		s.at = col
		if fast {
			nums := make([]report.Dec, len(rows))
			for i := range rows {
				nums[i] = report.DecInt(vals[i*n+j])
			}
			p.sumCheck(s, keys, signs, total, nums, text)
			continue
		}
		ts = p.sumRead(s, keys, signs, total, ts, text)
	}
}

func slicesIndex(keys []string, k string) int {
	for i, x := range keys {
		if x == k {
			return i
		}
	}
	return -1
}

// sumRows checks an identity along rows (its keys are columns) in every
// row of the report's table.
func (p *Pass) sumRows(s sumLine, tab *report.Table, text *sumText) {
	n := len(s.id.Left) + len(s.id.Right)
	if n > 16 {
		return
	}
	var sbuf [16]int8
	signs := sbuf[:n]
	total := 0
	for i := range n {
		k, sign := idKey(s.id, i)
		signs[i] = sign
		if k == s.id.Total {
			total = i
		}
	}
	// The columns in the order of the table's first row, as a row's cells
	// nearly always are, for ints to read them by position; their sides
	// in that order.
	var cbuf [16]string
	var csbuf [16]int8
	cols, colSigns := cbuf[:0], csbuf[:0]
	if len(s.table.Rows) > 0 {
		for _, c := range s.table.Rows[0].Columns {
			if sign := s.id.Sign(c.Key); sign != 0 && len(cols) < len(cbuf) {
				cols, colSigns = append(cols, c.Key), append(colSigns, int8(sign))
			}
		}
	}
	fast := len(cols) == n // else a key the first row lacks: read cell by cell
	var cells []report.Key
	var ts []term
	for ri := range tab.Rows {
		row := tab.Rows[ri].Key
		if fast {
			var buf [16]int64
			if vals, ok := p.ints(s.table.Key, []string{row}, cols, buf[:0]); ok {
				var sum int64
				for i, v := range vals {
					sum += int64(colSigns[i]) * v
				}
				if sum == 0 {
					continue
				}
			}
		}
		if cells == nil {
			cells = make([]report.Key, 0, n)
		}
		cells = cells[:0]
		for i := range n {
			k, _ := idKey(s.id, i)
			cells = append(cells, report.Key{Table: s.table.Key, Row: row, Column: k})
		}
		s.at = row
		ts = p.sumRead(s, cells, signs, total, ts, text)
	}
}

// sumRead reads the cells of a line and checks them, reusing ts.
func (p *Pass) sumRead(s sumLine, keys []report.Key, signs []int8, total int, ts []term, text *sumText) []term {
	if ts == nil {
		ts = make([]term, 0, len(keys))
	}
	ts, bad, missing := p.appendNumbers(ts[:0], keys)
	if missing {
		return ts
	}
	if len(bad) > 0 {
		p.Unchecked(findingCells(keys, total), bad, text.unchecked(s))
		return ts
	}
	if !sumHolds(ts, signs) {
		nums := make([]report.Dec, len(ts))
		for i, x := range ts {
			nums[i] = x.num
		}
		p.sumCheck(s, keys, signs, total, nums, text)
	}
	return ts
}

// sumHolds reports whether the terms add up in integers (false may also
// mean that they are not integers small enough to add so).
func sumHolds(ts []term, signs []int8) bool {
	var sum int64
	for i, x := range ts {
		v, ok := x.num.Int64()
		if !ok || v > maxFast || v < -maxFast {
			return false
		}
		sum += int64(signs[i]) * v
	}
	return sum == 0 && len(ts) < 1<<20
}

// findingCells returns keys with the total first: the cells of a finding.
func findingCells(keys []report.Key, total int) []report.Key {
	out := make([]report.Key, 0, len(keys))
	out = append(out, keys[total])
	out = append(out, keys[:total]...)
	return append(out, keys[total+1:]...)
}

// sumCheck adds a finding when the numbers of a line do not make its
// identity hold.
func (p *Pass) sumCheck(s sumLine, keys []report.Key, signs []int8, total int, nums []report.Dec, text *sumText) {
	c := &sumCase{keys: keys, nums: nums, signs: signs, total: total}
	var fixes []Fix
	if l, r, need, ok := sumInts(nums, signs, total); ok {
		if l == r {
			return
		}
		c.left, c.right, c.need = strconv.FormatInt(l, 10), strconv.FormatInt(r, 10), strconv.FormatInt(need, 10)
		fixes = fixInt(keys[total], need)
	} else {
		l, r, rest := new(big.Rat), new(big.Rat), new(big.Rat)
		for i, d := range nums {
			side := l
			if signs[i] < 0 {
				side = r
			}
			side.Add(side, d.Rat())
			if i != total {
				rest.Add(rest, new(big.Rat).Mul(big.NewRat(int64(signs[i]), 1), d.Rat()))
			}
		}
		if l.Cmp(r) == 0 {
			return
		}
		need := rest.Mul(rest, big.NewRat(-int64(signs[total]), 1))
		c.left, c.right, c.need = fmtRat(l), fmtRat(r), fmtRat(need)
		fixes = fixTo(keys[total], need)
	}
	p.Add(Finding{Cells: findingCells(keys, total), Message: text.broken(s, c), Fixes: fixes})
}

// sumInts adds the sides of a line in int64 when every number is an
// integer of at most maxFast: the sums of Left and Right, and the total
// that would make them equal.
func sumInts(nums []report.Dec, signs []int8, total int) (left, right, need int64, ok bool) {
	if len(nums) >= 1<<20 {
		return 0, 0, 0, false
	}
	var rest int64
	for i, d := range nums {
		v, ok := d.Int64()
		if !ok || v > maxFast || v < -maxFast {
			return 0, 0, 0, false
		}
		if signs[i] > 0 {
			left += v
		} else {
			right += v
		}
		if i != total {
			rest += int64(signs[i]) * v
		}
	}
	return left, right, -int64(signs[total]) * rest, true
}

// writeTerm writes a term that is not 0 for requests-outcomes: “（一）予以公开”1,
// after a 、 when there are terms before it.
func writeTerm(b *strings.Builder, t *report.Template, row, value string) {
	if b.Len() > 0 {
		b.WriteString("、")
	}
	b.WriteString("“")
	b.WriteString(shortRow(rowName(t, report.Requests, row)))
	b.WriteString("”")
	b.WriteString(value)
}

// endTerms ends writeTerm's list, or says that all terms are 0.
func endTerms(b *strings.Builder) string {
	if b.Len() == 0 {
		return "各项均为0"
	}
	b.WriteString("，其余为0")
	return b.String()
}

// shortRow drops the explanation in brackets that ends some labels:
// （二）部分公开（区分处理的，只计这一情形，不计其他情形） gives （二）部分公开.
func shortRow(label string) string {
	if i := strings.LastIndex(label, "（"); i > 0 && strings.HasSuffix(label, "）") && !strings.HasSuffix(label[:i], "/") {
		return label[:i]
	}
	return label
}
