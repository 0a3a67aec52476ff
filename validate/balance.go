package validate

import (
	"fmt"
	"math/big"
	"strconv"

	"github.com/opengovcn/annualreport/report"
)

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
	Run:      runRequestsBalance,
}

func runRequestsBalance(p *Pass) error {
	t := spec(p.Report)
	cols := requestColumns(t)
	// When the four rows are complete and in integers, each column is
	// told from them at once, as nearly every report's is.
	var buf [4 * 8]int64
	vals, fast := p.ints(report.Requests, []string{"new_received", "carried_over", "total", "carried_forward"}, cols, buf[:0])
	n := len(cols)
	for j, col := range cols {
		k := func(row string) report.Key { return report.Key{Table: report.Requests, Row: row, Column: col} }
		if fast {
			// The four numbers are read (ints bounds them: no sum
			// overflows).
			nr, co, tot, cf := vals[j], vals[n+j], vals[2*n+j], vals[3*n+j]
			if nr+co == tot+cf {
				continue
			}
			itoa := func(v int64) string { return strconv.FormatInt(v, 10) }
			p.Add(Finding{
				Cells:   []report.Key{k("total"), k("new_received"), k("carried_over"), k("carried_forward")},
				Message: balanceMessage(colName(t, report.Requests, "total", col), itoa(nr), itoa(co), itoa(nr+co), itoa(tot), itoa(cf), itoa(tot+cf), itoa(nr+co-cf)),
				Fixes:   fixInt(k("total"), nr+co-cf),
			})
			continue
		}
		in, bad, missing := p.numbers(k("new_received"), k("carried_over"))
		out, bad2, missing2 := p.numbers(k("total"), k("carried_forward"))
		all := []report.Key{k("total"), k("new_received"), k("carried_over"), k("carried_forward")}
		switch {
		case missing || missing2:
			continue
		case len(bad)+len(bad2) > 0:
			p.Unchecked(all, append(bad, bad2...), fmt.Sprintf("表三“%s”列的勾稽关系", colName(t, report.Requests, "total", col)))
			continue
		}
		if x, ok := sumInt(in); ok {
			if y, ok := sumInt(out); ok {
				if x == y {
					continue
				}
				// In integers, as nearly every report: what follows
				// without big.Rat (sumInt bounds the terms, so need
				// cannot overflow).
				c, _ := out[1].num.Int64()
				need := x - c
				p.Add(Finding{
					Cells: all,
					Message: balanceMessage(colName(t, report.Requests, "total", col),
						in[0].num.String(), in[1].num.String(), strconv.FormatInt(x, 10), out[0].num.String(), out[1].num.String(), strconv.FormatInt(y, 10), strconv.FormatInt(need, 10)),
					Fixes: fixInt(k("total"), need),
				})
				continue
			}
		}
		a, b := sum(in), sum(out)
		if a.Cmp(b) == 0 {
			continue
		}
		need := new(big.Rat).Sub(a, out[1].num.Rat())
		p.Add(Finding{
			Cells: all,
			Message: balanceMessage(colName(t, report.Requests, "total", col),
				in[0].num.String(), in[1].num.String(), fmtRat(a), out[0].num.String(), out[1].num.String(), fmtRat(b), fmtRat(need)),
			Fixes: fixTo(k("total"), need),
		})
	}
	return nil
}

// balanceMessage is the message of a column that does not balance: its
// label, the four rows' numbers, their two sums and the total that would
// balance it.
func balanceMessage(col, newReceived, carriedOver, in, total, carriedForward, out, need string) string {
	return "表三“" + col + "”列的勾稽关系不成立：一、本年新收" + newReceived + "件加二、上年结转" + carriedOver + "件共" + in +
		"件，但（七）总计" + total + "件加四、结转下年度继续办理" + carriedForward + "件共" + out + "件；若其他数字无误，（七）总计应为" + need + "件"
}

// requestColumns returns the column keys of table 三.
func requestColumns(t *report.Template) []string {
	var out []string
	for _, c := range t.Table(report.Requests).Row("total").Columns {
		out = append(out, c.Key)
	}
	return out
}
