package validate

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/opengovcn/annualreport/report"
)

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
	Run:      runRequestsOutcomes,
}

func runRequestsOutcomes(p *Pass) error {
	t := spec(p.Report)
	withTotal := outcomeRows(p.Report, t)
	if withTotal == nil {
		return nil
	}
	rows := withTotal[1:]
	cols := requestColumns(t)
	var buf [8]bool
	var vbuf [8 * 32]int64
	holds, vals := outcomesHold(p, withTotal, cols, buf[:0], vbuf[:0])
	var all []report.Key // the total, then its parts; reused column after column
	var ts []term
	for j, col := range cols {
		if holds != nil && holds[j] {
			continue
		}
		if holds != nil {
			// Every cell is there and an integer: the column's numbers
			// are in vals, row after row.
			n := len(cols)
			total := report.Key{Table: report.Requests, Row: "total", Column: col}
			cells := make([]report.Key, 0, len(rows)+1)
			cells = append(cells, total)
			var sum int64
			var terms strings.Builder
			for i, row := range rows {
				cells = append(cells, report.Key{Table: report.Requests, Row: row, Column: col})
				v := vals[(i+1)*n+j]
				sum += v
				if v != 0 {
					writeTerm(&terms, t, row, strconv.FormatInt(v, 10))
				}
			}
			p.Add(Finding{
				Cells:   cells,
				Message: outcomesMessage(colName(t, report.Requests, "total", col), strconv.FormatInt(vals[j], 10), strconv.FormatInt(sum, 10), endTerms(&terms)),
				Fixes:   fixInt(total, sum),
			})
			continue
		}
		if all == nil {
			all, ts = make([]report.Key, 0, len(rows)+1), make([]term, 0, len(rows)+1)
		}
		total := report.Key{Table: report.Requests, Row: "total", Column: col}
		all = append(all[:0], total)
		for _, row := range rows {
			all = append(all, report.Key{Table: report.Requests, Row: row, Column: col})
		}
		var bad []report.Key
		var missing bool
		ts, bad, missing = p.appendNumbers(ts[:0], all)
		if missing {
			continue
		}
		colLabel := colName(t, report.Requests, "total", col)
		if len(bad) > 0 {
			p.Unchecked(slices.Clone(all), bad, fmt.Sprintf("表三“%s”列的（七）总计", colLabel))
			continue
		}
		if sumsTo(ts[1:], ts[0]) {
			continue
		}
		got, want := ts[0].num.Rat(), sum(ts[1:])
		if got.Cmp(want) == 0 {
			continue
		}
		p.Add(Finding{
			Cells:   slices.Clone(all),
			Message: outcomesMessage(colLabel, ts[0].num.String(), fmtRat(want), nonZero(t, ts[1:])),
			Fixes:   fixTo(total, want),
		})
	}
	return nil
}

// outcomesHold tells, when the total and the outcome rows (withTotal, as
// outcomeRows returns them) are complete and in integers, which columns'
// outcomes add up to their total, appending a flag per column to holds,
// and the cells' values, row after row, to vals; nil otherwise. The rule
// says nothing about a column that adds up, which it tells so without
// building a key per cell.
func outcomesHold(p *Pass, withTotal, cols []string, holds []bool, vals []int64) ([]bool, []int64) {
	vals, ok := p.ints(report.Requests, withTotal, cols, vals)
	if !ok {
		return nil, nil
	}
	n := len(cols)
	for j := range n {
		var sum int64
		for i := n + j; i < len(vals); i += n {
			sum += vals[i]
		}
		holds = append(holds, sum == vals[j])
	}
	return holds, vals
}

// outcomesMessage is the message of a column whose outcomes do not add up
// to its total: its label, its total, the outcomes' sum and those that are
// not 0 (nonZero).
func outcomesMessage(col, total, sum, terms string) string {
	return "表三“（七）总计”" + col + "列为" + total + "，但各项办理结果之和为" + sum + "（" + terms + "）"
}

// isOutcome reports whether a row key of table 三 is one of the outcome
// rows （一） to （六）.
func isOutcome(row string) bool {
	switch row {
	case "new_received", "carried_over", "total", "carried_forward":
		return false
	}
	return true
}

// outcomeRows returns the outcome rows to sum: the template's, with the
// （六）其他处理 rows the report has in place of the template's. It returns
// nil when the report lacks an outcome row (or table 三). The rows are
// returned after "total", in one slice: withTotal[1:] are the rows.
func outcomeRows(r *report.Report, t *report.Template) (withTotal []string) {
	tab := r.Table(report.Requests)
	if tab == nil {
		return nil
	}
	out := make([]string, 1, len(tab.Rows)+1)
	out[0] = "total"
	other := false
	for _, row := range tab.Rows {
		if isOutcome(row.Key) && !slices.Contains(out[1:], row.Key) {
			out = append(out, row.Key)
			other = other || strings.HasPrefix(row.Key, "other_handling")
		}
	}
	for _, row := range t.Table(report.Requests).Rows {
		if !isOutcome(row.Key) || slices.Contains(out[1:], row.Key) {
			continue
		}
		if strings.HasPrefix(row.Key, "other_handling") && other {
			continue // the other version's （六）
		}
		return nil
	}
	return out
}

// nonZero lists the terms that are not 0 by their rows' short labels:
// “（一）予以公开”1、“（二）部分公开”1; or says that all are 0.
func nonZero(t *report.Template, ts []term) string {
	var b strings.Builder
	for _, x := range ts {
		if x.num.Sign() != 0 {
			writeTerm(&b, t, x.key.Row, x.num.String())
		}
	}
	return endTerms(&b)
}

// writeTerm writes a term that is not 0 for nonZero: “（一）予以公开”1,
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

// endTerms ends nonZero's list, or says that all terms are 0.
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
