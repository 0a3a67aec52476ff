package validate

import (
	"math"
	"math/big"
	"strings"

	"github.com/opengovcn/annualreport/report"
)

// A term is one cell of a sum.
type term struct {
	key report.Key
	num report.Dec
}

// numbers reads the cells at keys. It returns their values and, in bad,
// the keys of the cells that are blank or text (when a cell is missing
// from the report, missing is true: the structural rules report that, so
// the arithmetic rules stay silent).
func (p *Pass) numbers(keys ...report.Key) (ts []term, bad []report.Key, missing bool) {
	return p.appendNumbers(make([]term, 0, len(keys)), keys)
}

// appendNumbers is numbers appending the terms to ts, for a rule that
// reads row after row into one buffer.
func (p *Pass) appendNumbers(ts []term, keys []report.Key) (_ []term, bad []report.Key, missing bool) {
	for _, k := range keys {
		c := p.cell(k)
		if c == nil {
			missing = true
			continue
		}
		d, ok := p.number(c)
		if !ok {
			bad = append(bad, k)
			continue
		}
		ts = append(ts, term{k, d})
	}
	return ts, bad, missing
}

// maxFast bounds the values ints returns, so that sums of thousands of
// them stay exact in int64.
const maxFast = 1 << 40

// ints appends to vals the values of the cells of the table at rows ×
// cols, row after row, as p.cell and p.number read them, when every one
// is there and is an integer of at most maxFast (a trillion) either way:
// what nearly every report has. It reports false otherwise, having
// appended some of them; the caller then reads the cells one by one by
// their keys, to say which is missing, blank or too large. A rule checks
// a complete table so without building a key or a term per cell.
func (p *Pass) ints(table report.SectionKey, rows, cols []string, vals []int64) ([]int64, bool) {
	for _, rk := range rows {
		r := p.row(table, rk)
		if r == nil {
			return vals, false
		}
		// A row whose cells are the columns in order, as nearly all are,
		// is read by position; another, by looking each column up.
		inOrder := len(r.Cells) == len(cols)
		for i := 0; inOrder && i < len(cols); i++ {
			inOrder = r.Cells[i].Column == cols[i]
		}
		for i, ck := range cols {
			var c *report.Cell
			if inOrder {
				c = &r.Cells[i]
			} else {
				c = r.Cell(ck)
			}
			d, ok := p.number(c)
			if !ok {
				return vals, false
			}
			v, ok := d.Int64()
			if !ok || v > maxFast || v < -maxFast {
				return vals, false
			}
			vals = append(vals, v)
		}
	}
	return vals, true
}

// sumInt adds the terms as int64, and reports whether that is exact: most
// cells are small integers.
func sumInt(ts []term) (int64, bool) {
	var n int64
	for _, t := range ts {
		v, ok := t.num.Int64()
		if !ok || v > math.MaxInt64/2 || v < math.MinInt64/2 || n > math.MaxInt64/2 || n < math.MinInt64/2 {
			return 0, false
		}
		n += v
	}
	return n, true
}

// sumsTo reports whether the terms add up to total, telling it without
// big.Rat when they are integers; false may also mean they could not be
// added so (the caller then adds them with sum).
func sumsTo(ts []term, total term) bool {
	n, ok := sumInt(ts)
	v, ok2 := total.num.Int64()
	return ok && ok2 && n == v
}

// sum adds the terms exactly.
func sum(ts []term) *big.Rat {
	if n, ok := sumInt(ts); ok {
		return new(big.Rat).SetInt64(n)
	}
	s := new(big.Rat)
	for _, t := range ts {
		s.Add(s, t.num.Rat())
	}
	return s
}

// decOf returns r as a Dec: an integer, or a decimal when r has a finite
// decimal expansion of at most 10 digits.
func decOf(r *big.Rat) report.Dec {
	if r.IsInt() {
		if n := r.Num(); n.IsInt64() {
			return report.DecInt(n.Int64())
		}
		return report.MustDec(r.Num().String())
	}
	s := strings.TrimRight(r.FloatString(10), "0")
	d, err := report.ParseDec(s)
	if err != nil {
		return report.Dec{}
	}
	return d
}

// fmtRat writes r as the published digits would.
func fmtRat(r *big.Rat) string { return decOf(r).String() }

// fixTo suggests the value the cell at k would need.
func fixTo(k report.Key, r *big.Rat) []Fix {
	if r.Sign() < 0 {
		return nil // no count can be negative: nothing sensible to suggest
	}
	return []Fix{{Cell: k, Value: report.NumberValue(decOf(r))}}
}

// fixInt is fixTo for an integer.
func fixInt(k report.Key, n int64) []Fix {
	if n < 0 {
		return nil
	}
	return []Fix{{Cell: k, Value: report.NumberValue(report.DecInt(n))}}
}

// rowName returns the official label of a row of table key, with the
// merged labels before it (三、本年度办理结果 left out).
func rowName(t *report.Template, table report.SectionKey, row string) string {
	if _, r := rowSpec(t, table, row); r != nil {
		return rowLabel(table, r)
	}
	return row
}

// colName returns the official label of a column, without the merged
// labels above it.
func colName(t *report.Template, table report.SectionKey, row, col string) string {
	if _, r := rowSpec(t, table, row); r != nil {
		if c := r.Column(col); c != nil {
			return c.Label
		}
	}
	return col
}

// spec returns the template a report should be checked against: its own,
// or when its tables do not tell, the one of its year, or 2021.
func spec(r *report.Report) *report.Template {
	if t := r.Spec(); t != nil {
		return t
	}
	if t := report.TemplateFor(report.VersionForYear(r.Year)); t != nil {
		return t
	}
	return report.TemplateFor(report.V2021)
}
