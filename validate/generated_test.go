package validate_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/opengovcn/annualreport/report"
	"github.com/opengovcn/annualreport/report/reporttest"
	"github.com/opengovcn/annualreport/validate"
	"github.com/opengovcn/annualreport/validate/validatetest"
)

// TestGenerated runs the standard rules on reports made by
// reporttest.Generate: a consistent report has no finding, and a report
// broken in one named way gets exactly the findings of the rule it breaks,
// about the cells the generator says it broke.
func TestGenerated(t *testing.T) {
	n := 40
	if testing.Short() {
		n = 5
	}
	var c validate.Checker
	for _, b := range reporttest.Breakages() {
		for _, v := range []report.Version{report.V2019, report.V2021} {
			if b == reporttest.Hybrid && v == report.V2019 {
				continue // a hybrid is a 2021 report
			}
			for seed := uint64(1); seed <= uint64(n); seed++ {
				g := reporttest.Generate(seed, reporttest.Options{Version: v, Break: b})
				name := fmt.Sprintf("%s/%s/%d", b, v, seed)
				t.Run(name, func(t *testing.T) {
					if g.Detail != "" {
						t.Log(g.Detail)
					}
					checkGenerated(t, &c, g)
				})
			}
		}
	}
}

func checkGenerated(t *testing.T, c *validate.Checker, g *reporttest.Generated) {
	t.Helper()
	k := g.Keys
	total := func(col string) string { return report.Key{Table: report.Requests, Row: "total", Column: col}.String() }
	switch g.Break {
	case reporttest.Consistent:
		validatetest.Check(t, c, g.Report)
	case reporttest.WrongTotal:
		validatetest.Check(t, c, g.Report,
			"requests-outcomes "+k[0].String()+" error",
			"requests-outcomes "+k[1].String()+" error")
	case reporttest.WrongRowTotal:
		validatetest.Check(t, c, g.Report,
			"requests-row-total "+k[0].String()+" error",
			"requests-row-total "+k[1].String()+" error")
	case reporttest.BrokenBalance:
		// The balance is reported at the column's （七）总计.
		validatetest.Check(t, c, g.Report,
			"requests-balance "+total(k[0].Column)+" error",
			"requests-balance "+total("total")+" error")
	case reporttest.Hybrid:
		validatetest.Check(t, c, g.Report, "row-foreign "+k[0].String()+" warning")
	case reporttest.MisnumberedHeading:
		validatetest.Check(t, c, g.Report, "heading-numbering "+string(g.Section)+" notice")
	case reporttest.MissingRow:
		validatetest.Check(t, c, g.Report, "row-missing "+k[0].String()+" error")
	case reporttest.TemplateMismatch:
		validatetest.Check(t, c, g.Report, "template-year active error")
	case reporttest.BlankCell, reporttest.TextCell:
		// cell-blank names the cell; every rule that needs it says it
		// could not be checked, and nothing assumes 0.
		fs, err := c.Check(g.Report)
		if err != nil {
			t.Fatal(err)
		}
		named := false
		for _, f := range fs {
			switch {
			case f.Rule == "cell-blank" && f.Cells[0] == k[0]:
				named = true
			case f.Unchecked && f.Severity == validate.Notice && slices.Contains(f.Cells, k[0]):
			default:
				t.Errorf("unexpected finding: %v", f)
			}
		}
		if !named {
			t.Errorf("cell-blank did not name %s", k[0])
		}
	default:
		t.Fatalf("no expectation for breakage %s", g.Break)
	}
}
