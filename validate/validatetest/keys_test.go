package validatetest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/opengovcn/annualreport/report"
	"github.com/opengovcn/annualreport/validate"
)

// recorder is a testing.TB that records failures instead of failing.
type recorder struct {
	testing.TB
	errs []string
}

func (r *recorder) Helper()                   {}
func (r *recorder) Error(args ...any)         { r.errs = append(r.errs, fmt.Sprint(args...)) }
func (r *recorder) Errorf(f string, a ...any) { r.errs = append(r.errs, fmt.Sprintf(f, a...)) }

func TestCheckKeys(t *testing.T) {
	county := func(r *report.Report) { r.Agency = "某某县人民政府" }
	rule := func(k report.Key, across bool) *validate.Rule {
		return &validate.Rule{ID: "r", Title: "t", Across: across, Run: func(p *validate.Pass) error {
			if strings.HasSuffix(p.Report.Agency, "县人民政府") {
				if n, ok := p.Number(k); ok && n.Sign() == 0 {
					p.Reportf([]report.Key{k}, "为0")
				}
			}
			return nil
		}}
	}
	typo := report.Key{Table: report.Active, Row: "licencing", Column: "decisions"}
	for _, c := range []struct {
		name   string
		rule   *validate.Rule
		setup  []func(*report.Report)
		failed int // reports with an error
	}{
		{"good key", rule(report.KeyActiveLicensingDecisions, false), []func(*report.Report){county}, 0},
		{"2019-only key", rule(report.KeyActiveLicensingPrevItems, false), []func(*report.Report){county}, 0},
		{"typo", rule(typo, false), []func(*report.Report){county}, 4},
		{"typo across", rule(typo, true), []func(*report.Report){county}, 4},
		{"typo out of reach", rule(typo, false), nil, 0},
		{"declared typo", &validate.Rule{ID: "r", Title: "t", Keys: []report.Key{typo}, Run: func(*validate.Pass) error { return nil }}, nil, 1},
		{"failing rule", &validate.Rule{ID: "r", Title: "t", Run: func(*validate.Pass) error { return fmt.Errorf("broken") }}, nil, 4},
	} {
		rec := &recorder{TB: t}
		CheckKeys(rec, c.rule, c.setup...)
		if len(rec.errs) != c.failed {
			t.Errorf("%s: %d failures, want %d:\n%s", c.name, len(rec.errs), c.failed, strings.Join(rec.errs, "\n"))
		}
		if c.name == "typo" && len(rec.errs) > 0 && !strings.Contains(rec.errs[0], `unknown cell key "active.licencing.decisions" in the standard templates (nearest valid key: active.licensing.decisions)`) {
			t.Errorf("typo: %s", rec.errs[0])
		}
	}
}

// TestFullReport: every cell of the template, no other.
func TestFullReport(t *testing.T) {
	for _, tmpl := range report.Templates() {
		r := fullReport(tmpl, 1)
		var n int
		for k, c := range r.Cells {
			n++
			if !tmpl.Has(k) || c.Num != report.DecInt(1) {
				t.Errorf("%s: %v = %v", tmpl.Version, k, c.Value)
			}
		}
		if n != len(tmpl.Keys()) || len(r.Sections) != 6 {
			t.Errorf("%s: %d cells of %d, %d sections", tmpl.Version, n, len(tmpl.Keys()), len(r.Sections))
		}
	}
}

// TestWantKeys: a .want line about a misspelt cell or section is an error,
// not an expectation that no finding can meet.
func TestWantKeys(t *testing.T) {
	for _, c := range []struct{ line, err string }{
		{"requests-balance requests.total.natural_person", ""},
		{"row-missing requests.other_handling.total", ""}, // 2019's row
		{"fee-statement other", ""},
		{"x -", ""},
		{"requests-balance requests.totl.natural_person", `x.want:1: report: unknown cell key "requests.totl.natural_person" in the standard templates (nearest valid key: requests.total.natural_person)`},
		{"fee-statement others", `x.want:1: "others" is neither a section key, a cell key nor "-"`},
	} {
		_, _, err := ParseWant("x.want", []byte(c.line))
		if got := fmt.Sprint(err); c.err == "" && err != nil || c.err != "" && got != c.err {
			t.Errorf("%q: %v, want %q", c.line, err, c.err)
		}
	}
	made := report.TemplateFor(report.V2021).Clone()
	rows := &made.Table(report.Requests).Rows
	*rows = append(*rows, report.RowSpec{Key: "denied.made_up", Label: "9.编造", Columns: (*rows)[0].Columns})
	if _, _, err := parseWant("x.want", []byte("r requests.denied.made_up.total"), made); err != nil {
		t.Errorf("a cell of the checker's template: %v", err)
	}
	if _, _, err := ParseWant("x.want", []byte("r requests.denied.made_up.total")); err == nil {
		t.Error("a made-up cell accepted without its template")
	}
}
