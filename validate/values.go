package validate

import (
	"fmt"

	"github.com/opengovcn/annualreport/report"
)

// CellValues is rule 6 of the template spec: every number is a
// non-negative integer, except the amounts of 表二 (non-negative decimals)
// and the 2019 本年增/减 column (a signed integer).
var CellValues = &Rule{
	ID:    "cell-values",
	Title: "数字应为非负整数（金额可为小数，2019年版“本年增/减”可为负数）",
	Doc: `Every number of the three tables is a non-negative integer, except
active.fees.amount and active.procurement.amount (non-negative decimals)
and the 2019 change column (a signed integer) (spec rule 6). A count written
with a fraction or a minus sign is an error: it cannot be a count. Blank and
text cells are not numbers; cell-blank reports them.`,
	Severity: Error,
	Run:      runCellValues,
}

func runCellValues(p *Pass) error {
	for k, c := range p.Report.Cells {
		if c.Kind != report.Number || c.Num.IsInt() && c.Num.Sign() >= 0 {
			continue // a non-negative integer is a value of every kind
		}
		col := p.columnSpec(k)
		if col == nil {
			continue // a column of no template: row-cells reports it
		}
		var want string
		switch {
		case col.Kind == report.Count && (!c.Num.IsInt() || c.Num.Sign() < 0):
			want = "非负整数"
		case col.Kind == report.Decimal && c.Num.Sign() < 0:
			want = "非负数"
		case col.Kind == report.Signed && !c.Num.IsInt():
			want = "整数"
		default:
			continue
		}
		p.Add(Finding{
			Cells:   []report.Key{k},
			Message: fmt.Sprintf("%s为%s，应为%s", p.Name(k), c.Num, want),
		})
	}
	return nil
}

// columnSpec returns the spec of the column of k as columnSpecOf does,
// looking the row's spec up once for all the cells of a row in turn.
func (p *Pass) columnSpec(k report.Key) *report.ColumnSpec {
	if p.specTable != k.Table || p.specRow != k.Row || p.specOf == nil {
		p.specTable, p.specRow = k.Table, k.Row
		p.specOf = p.Spec().Table(k.Table).Row(k.Row)
	}
	if c := p.specOf.Column(k.Column); c != nil {
		return c
	}
	return p.columnSpecOf(k)
}

// columnSpecOf returns the spec of the column at k: in the template the
// report is checked against, or, for a row of the other version, in the
// other.
func (p *Pass) columnSpecOf(k report.Key) *report.ColumnSpec {
	if c := p.Spec().Table(k.Table).Row(k.Row).Column(k.Column); c != nil {
		return c
	}
	for _, t := range report.Templates() {
		if c := t.Table(k.Table).Row(k.Row).Column(k.Column); c != nil {
			return c
		}
	}
	return nil
}
