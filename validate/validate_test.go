package validate_test

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/opengovcn/annualreport/parse"
	"github.com/opengovcn/annualreport/report"
	"github.com/opengovcn/annualreport/validate"
)

func parseFile(t *testing.T, name string) *report.Report {
	t.Helper()
	src, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	r, err := parse.Parse(src)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return r
}

const seed000 = "../testdata/seeds/000_f75296a9e8ded5b4.txt"

func TestCheckRules(t *testing.T) {
	run := func(*validate.Pass) error { return nil }
	many := func(n int, dup string) []*validate.Rule { // n rules r-0 … r-(n-1), and dup again
		var rs []*validate.Rule
		for i := range n {
			rs = append(rs, &validate.Rule{ID: fmt.Sprintf("r-%d", i), Title: "t", Run: run})
		}
		if dup != "" {
			rs = append(rs, &validate.Rule{ID: dup, Title: "t", Run: run})
		}
		return rs
	}
	for _, tc := range []struct {
		name  string
		rules []*validate.Rule
		want  string // "" when valid
	}{
		{"valid", []*validate.Rule{{ID: "a-b", Title: "t", Run: run}}, ""},
		{"nil rule", []*validate.Rule{nil}, "rule 0 is nil"},
		{"bad id", []*validate.Rule{{ID: "A_b", Title: "t", Run: run}}, `ID "A_b"`},
		{"empty id", []*validate.Rule{{Title: "t", Run: run}}, `ID ""`},
		{"twice", []*validate.Rule{{ID: "a", Title: "t", Run: run}, {ID: "a", Title: "u", Run: run}}, `"a" is used twice`},
		{"no run", []*validate.Rule{{ID: "a", Title: "t"}}, "no Run function"},
		{"no title", []*validate.Rule{{ID: "a", Run: run}}, "title must be one line"},
		{"bad severity", []*validate.Rule{{ID: "a", Title: "t", Run: run, Severity: 9}}, "invalid severity"},
		{"standard", validate.Standard(), ""},
		{"many", many(100, ""), ""},
		{"twice among many", many(100, "r-42"), `"r-42" is used twice`},
		{"twice among a few", many(10, "r-7"), `"r-7" is used twice`},
	} {
		err := validate.CheckRules(tc.rules)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want) || !errors.Is(err, validate.ErrRules)):
			t.Errorf("%s: got %v, want an ErrRules saying %q", tc.name, err, tc.want)
		}
	}
	// A Checker refuses to run an invalid set.
	c := &validate.Checker{Rules: []*validate.Rule{{ID: "a", Title: "t"}}}
	if fs, err := c.Check(&report.Report{}); !errors.Is(err, validate.ErrRules) || fs != nil {
		t.Errorf("Check with an invalid set: %v, %v", fs, err)
	}
	c = &validate.Checker{Severity: map[string]validate.Severity{"no-such-rule": validate.Notice}}
	if _, err := c.Check(&report.Report{}); !errors.Is(err, validate.ErrRules) {
		t.Errorf("Check with a severity for an unknown rule: %v", err)
	}
}

// A rule that fails as code is reported, and the other rules still run.
func TestFailingRules(t *testing.T) {
	r := parseFile(t, seed000)
	c := &validate.Checker{Rules: []*validate.Rule{
		{ID: "panics", Title: "t", Run: func(p *validate.Pass) error {
			var m map[string]int
			m["x"] = 1 // a nil map: panics
			return nil
		}},
		{ID: "fails", Title: "t", Run: func(p *validate.Pass) error { return errors.New("cannot read the rule's data") }},
		validate.RequestsBalance,
	}}
	fs, err := c.Check(r)
	if len(fs) != 2 {
		t.Errorf("got %d findings of requests-balance, want 2", len(fs))
	}
	var re *validate.RuleError
	if !errors.As(err, &re) {
		t.Fatalf("error %v is not a *RuleError", err)
	}
	msg := err.Error()
	for _, want := range []string{"rule panics: panic: assignment to entry in nil map", "rule fails: cannot read the rule's data"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q does not say %q", msg, want)
		}
	}
}

func TestSeverityOverride(t *testing.T) {
	r := parseFile(t, "../testdata/validate/requests-balance/blank.txt")
	r0 := parseFile(t, seed000)
	c := &validate.Checker{
		Rules:    []*validate.Rule{validate.RequestsBalance, validate.HeadingWording},
		Severity: map[string]validate.Severity{"requests-balance": validate.Warning, "heading-wording": validate.Error},
	}
	fs, _ := c.Check(r0)
	var got []string
	for _, f := range fs {
		got = append(got, f.Rule+":"+f.Severity.String())
	}
	want := []string{"requests-balance:warning", "requests-balance:warning", "heading-wording:error"}
	if !slices.Equal(got, want) {
		t.Errorf("severities %v, want %v", got, want)
	}
	// A finding that says a rule could not be checked stays a notice.
	fs, _ = c.Check(r)
	if len(fs) != 1 || fs[0].Severity != validate.Notice || !fs[0].Unchecked {
		t.Errorf("unchecked finding: %+v", fs)
	}
}

func TestFindingString(t *testing.T) {
	fs, err := (&validate.Checker{Rules: []*validate.Rule{validate.RequestsOutcomes}}).Check(parseFile(t, seed000))
	if err != nil || len(fs) != 2 {
		t.Fatalf("%v %v", fs, err)
	}
	fs[0].File = "000.txt"
	want := "000.txt:334:2: requests-outcomes: 表三“（七）总计”自然人列为0，但各项办理结果之和为2（“（一）予以公开”1、“（二）部分公开”1，其余为0）"
	if got := fs[0].String(); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if got, want := fs[0].Fixes, []validate.Fix{{Cell: fs[0].Cells[0], Value: report.NumberValue(report.MustDec("2"))}}; !slices.Equal(got, want) {
		t.Errorf("fixes %v, want %v", got, want)
	}
	// The suggestion is not applied: the report keeps its published 0.
	if c := fs[0].Report.Lookup("requests.total.natural_person"); c.Num.String() != "0" {
		t.Errorf("the report was changed: %v", c.Value)
	}
	f := validate.Finding{Rule: "r", Message: "m"}
	if got := f.String(); got != "r: m" {
		t.Errorf("finding without position: %q", got)
	}
}

func TestSelect(t *testing.T) {
	all := validate.Standard()
	ids := func(rs []*validate.Rule) string {
		var out []string
		for _, r := range rs {
			out = append(out, r.ID)
		}
		return strings.Join(out, ",")
	}
	got, err := validate.Select(all, "requests-balance, appeals-total")
	if err != nil || ids(got) != "requests-balance,appeals-total" {
		t.Errorf("select: %s %v", ids(got), err)
	}
	got, err = validate.Select(all, "-heading-wording,-heading-numbering")
	if err != nil || len(got) != len(all)-2 || strings.Contains(ids(got), "heading-") {
		t.Errorf("disable: %s %v", ids(got), err)
	}
	if _, err := validate.Select(all, "requests-balanse"); err == nil {
		t.Error("unknown rule selected without error")
	}
	if _, err := validate.Select(all, "a,-b"); err == nil {
		t.Error("mixed selection without error")
	}
}

// Findings come in source order, whatever the order of the rules.
func TestSourceOrder(t *testing.T) {
	r := parseFile(t, "../testdata/validate/year-consistency/period_and_plan.txt")
	rules := slices.Clone(validate.Standard())
	slices.Reverse(rules)
	fs, err := (&validate.Checker{Rules: rules}).Check(r)
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(fs); i++ {
		a, b := fs[i-1].Src, fs[i].Src
		if a.Line > b.Line || a.Line == b.Line && a.Col > b.Col {
			t.Errorf("%v before %v", fs[i-1], fs[i])
		}
	}
}

// Rules 11 and 12 across two reports of one agency.
func TestSeries(t *testing.T) {
	y2023 := parseFile(t, "../testdata/seeds/001_10659aee92df145a.txt")
	y2024 := parseFile(t, "../testdata/validate/series/001_2024.txt")
	other := parseFile(t, seed000) // another agency, 2023: not compared
	var c validate.Checker
	fs, err := c.Series(y2024, other, y2023)
	if err != nil {
		t.Fatal(err)
	}
	type got struct {
		rule, cell, related, fix, msg string
		line                          int
	}
	var out []got
	for _, f := range fs {
		g := got{rule: f.Rule, cell: f.Cells[0].String(), line: f.Src.Line, msg: f.Message}
		if f.Report != y2024 || len(f.Related) != 1 || f.Related[0].Report != y2023 || f.Related[0].Year != 2023 {
			t.Errorf("finding not about 2024 with 2023 related: %+v", f)
			continue
		}
		g.related = f.Related[0].Cells[0].String()
		if len(f.Fixes) > 0 {
			g.fix = f.Fixes[0].Value.String()
		}
		out = append(out, g)
	}
	want := []got{
		// 2024: 行政规范性文件 issued 2, repealed 0, in force 2; 2023 in force 1: 1+2-0 = 3.
		{"in-force", "active.normative_documents.in_force", "active.normative_documents.in_force", "3",
			"表二“第二十条第（一）项/行政规范性文件”现行有效件数为2，但2023年现行有效1件加本年制发2件减本年废止0件为3件（文件修订或失效未废止时可能不等）", 34},
		// 2024 carries over 1 (自然人, 总计); 2023 carried forward 0.
		{"carried-over", "requests.carried_over.natural_person", "requests.carried_forward.natural_person", "0",
			"2024年表三“二、上年结转”自然人列为1，但2023年报告“四、结转下年度继续办理”为0", 52},
		{"carried-over", "requests.carried_over.total", "requests.carried_forward.total", "0",
			"2024年表三“二、上年结转”总计列为1，但2023年报告“四、结转下年度继续办理”为0", 52},
	}
	if !slices.Equal(out, want) {
		t.Errorf("got  %+v\nwant %+v", out, want)
	}
	// Check skips the Across rules; Series needs agencies and distinct years.
	if fs, _ := c.Check(y2024); slices.ContainsFunc(fs, func(f validate.Finding) bool { return f.Rule == "carried-over" }) {
		t.Error("Check ran an Across rule")
	}
	if _, err := c.Series(y2023, y2023); !errors.Is(err, validate.ErrSeries) {
		t.Errorf("two reports for one year: %v", err)
	}
	if _, err := c.Series(&report.Report{Year: 2023}); !errors.Is(err, validate.ErrSeries) {
		t.Errorf("a report without agency: %v", err)
	}
}

// The zero Checker runs the standard rules; a nil or empty report gets
// the findings of an empty report, without panics.
func TestEmptyReport(t *testing.T) {
	var c validate.Checker
	fs, err := c.Check(nil)
	if err != nil {
		t.Fatal(err)
	}
	var missing int
	for _, f := range fs {
		if f.Rule != "section-missing" {
			t.Errorf("unexpected finding on an empty report: %v", f)
		}
		missing++
	}
	if missing != 6 {
		t.Errorf("%d sections missing, want 6", missing)
	}
}

// TestRowCellsForeignAndDuplicate: a cell of a column its row does not
// have, and a second cell of a column, are each reported once, at the
// cell; the rest of seed 001's rows are whole.
func TestRowCellsForeignAndDuplicate(t *testing.T) {
	src, err := os.ReadFile("../testdata/golden/001_10659aee92df145a.json")
	if err != nil {
		t.Fatal(err)
	}
	r, err := parse.JSON.Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	granted := r.Table(report.Requests).Row("granted")
	extra := report.Cell{Column: "nonsense", Value: report.NumberValue(report.DecInt(1)), Src: report.Source{Line: 90, Col: 1}}
	again := granted.Cells[0]
	again.Src = report.Source{Line: 91, Col: 1}
	granted.Cells = append(granted.Cells, extra, again)
	review := r.Table(report.Appeals).Row("review")
	review.Cells = append(review.Cells, review.Cells[4]) // 表四's fifth column again
	review.Cells[len(review.Cells)-1].Src = report.Source{Line: 92, Col: 1}
	fs, err := (&validate.Checker{Rules: []*validate.Rule{validate.RowCells}}).Check(r)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range fs {
		got = append(got, fmt.Sprintf("%d %s", f.Src.Line, f.Message))
	}
	want := []string{
		"90 表三“（一）予以公开”行没有“nonsense”列",
		"91 表三“（一）予以公开”自然人列重复出现",
		"92 表四“行政复议”总计列重复出现",
	}
	if !slices.Equal(got, want) {
		t.Errorf("findings\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
