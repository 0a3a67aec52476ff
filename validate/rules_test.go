package validate_test

import (
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"

	"github.com/opengovcn/annualreport/parse"
	"github.com/opengovcn/annualreport/report"
	"testing"

	"github.com/opengovcn/annualreport/validate"
	"github.com/opengovcn/annualreport/validate/validatetest"
)

// TestStandardRules runs each standard rule on its cases in
// testdata/validate/RULE-ID: small realistic reports (seeds with one thing
// changed) that break the rule, and reports that keep it. The .want files
// say, in comments, why each finding is deserved.
func TestStandardRules(t *testing.T) {
	for _, rule := range validate.Standard() {
		if rule.Across {
			continue // see TestSeries
		}
		t.Run(rule.ID, func(t *testing.T) {
			validatetest.Run(t, "../testdata/validate/"+rule.ID, rule)
		})
	}
}

// TestSeeds runs the standard rules on the five seed reports as published.
// Each .want file in testdata/validate/seeds says, finding by finding, why
// the report deserves it and which rules it keeps.
func TestSeeds(t *testing.T) {
	validatetest.Run(t, "../testdata/validate/seeds", validate.Standard()...)
}

// TestSumRulesEveryCell changes each cell of table 三 of a seed whose
// table adds up (004), one at a time, and checks that the three sum rules,
// which tell a complete table that adds up without reading it cell by
// cell, report exactly the sums the change breaks: a number one larger
// breaks its row's total, its column's outcomes when the row is an outcome
// or the total, and its column's balance when the row is one of the four
// it weighs; a blank cell or a fraction makes each of those unchecked.
func TestSumRulesEveryCell(t *testing.T) {
	src, err := os.ReadFile("../testdata/seeds/004_f9e7c90898d0e983.txt")
	if err != nil {
		t.Fatal(err)
	}
	rules := []*validate.Rule{validate.RequestsRowTotal, validate.RequestsOutcomes, validate.RequestsBalance}
	checker := &validate.Checker{Rules: rules}
	count := func(r *report.Report) map[string]int {
		fs, err := checker.Check(r)
		if err != nil {
			t.Fatal(err)
		}
		n := map[string]int{}
		for _, f := range fs {
			n[f.Rule]++
		}
		return n
	}
	r, err := parse.Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	if n := count(r); len(n) != 0 {
		t.Fatalf("seed 004 as published: %v", n)
	}
	// broken is what a change to a cell of the row breaks.
	broken := func(row string) map[string]int {
		want := map[string]int{"requests-row-total": 1}
		if isOutcomeOrTotal(row) {
			want["requests-outcomes"] = 1
		}
		switch row {
		case "new_received", "carried_over", "total", "carried_forward":
			want["requests-balance"] = 1
		}
		return want
	}
	cells := 0
	for ri, row := range r.Table(report.Requests).Rows {
		for ci := range row.Cells {
			for _, change := range []string{"plus one", "blank", "fraction"} {
				r, _ := parse.Parse(src)
				c := &r.Table(report.Requests).Rows[ri].Cells[ci]
				v, _ := c.Num.Int64()
				switch change {
				case "plus one":
					c.Value = report.NumberValue(report.DecInt(v + 1))
				case "blank":
					c.Value = report.Value{}
				case "fraction":
					d := report.MustDec(fmt.Sprintf("%d.5", v))
					c.Value = report.NumberValue(d)
				}
				if got, want := count(r), broken(row.Key); !maps.Equal(got, want) {
					t.Errorf("%s.%s %s: findings %v, want %v", row.Key, c.Column, change, got, want)
				}
				cells++
			}
		}
	}
	if cells != 3*175 {
		t.Errorf("%d changes, want %d", cells, 3*175)
	}
	// The same with every row's cells in reverse order: the rules look
	// the columns up by key, not by position.
	reversed := func() *report.Report {
		r, _ := parse.Parse(src)
		for i := range r.Table(report.Requests).Rows {
			slices.Reverse(r.Table(report.Requests).Rows[i].Cells)
		}
		return r
	}
	if n := count(reversed()); len(n) != 0 {
		t.Errorf("seed 004 with its cells reversed: %v", n)
	}
	for ri, row := range r.Table(report.Requests).Rows {
		r := reversed()
		c := &r.Table(report.Requests).Rows[ri].Cells[0]
		v, _ := c.Num.Int64()
		c.Value = report.NumberValue(report.DecInt(v + 1))
		if got, want := count(r), broken(row.Key); !maps.Equal(got, want) {
			t.Errorf("%s.%s plus one, cells reversed: findings %v, want %v", row.Key, c.Column, got, want)
		}
	}
}

func isOutcomeOrTotal(row string) bool {
	switch row {
	case "new_received", "carried_over", "carried_forward":
		return false
	}
	return true
}

// TestRowDuplicateLongTable checks that row-duplicate names the first
// copy of each row both in a table of template size, which it searches,
// and in one of hundreds of rows (a table read twice over, or worse),
// where it keeps a map.
func TestRowDuplicateLongTable(t *testing.T) {
	keys := []string{"granted", "partly_granted", "new_received"}
	for _, n := range []int{6, 300} {
		tab := &report.Table{Key: report.Requests}
		for i := range n {
			tab.Rows = append(tab.Rows, report.Row{Key: keys[i%len(keys)], Src: report.Source{Line: i + 1, Col: 1}})
		}
		r := &report.Report{Template: report.V2021, Sections: []report.Section{{Key: report.Requests, Table: tab}}}
		fs, err := (&validate.Checker{Rules: []*validate.Rule{validate.RowDuplicate}}).Check(r)
		if err != nil {
			t.Fatal(err)
		}
		if len(fs) != n-len(keys) {
			t.Fatalf("%d rows: %d findings, want %d", n, len(fs), n-len(keys))
		}
		for _, f := range fs {
			first := (f.Src.Line-1)%len(keys) + 1
			if want := fmt.Sprintf("（第一次在第%d行）", first); !strings.Contains(f.Message, want) {
				t.Errorf("%d rows: finding at line %d: %q, want it to say %s", n, f.Src.Line, f.Message, want)
			}
		}
	}
}
