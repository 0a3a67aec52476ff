package validate_test

import (
	"errors"
	"testing"

	"github.com/opengovcn/annualreport/report"
	"github.com/opengovcn/annualreport/report/reporttest"
	"github.com/opengovcn/annualreport/validate"
)

// reads returns a rule that reads the cell at k with Number (or, with
// cell set, with Cell) and reports whether it found a number.
func reads(k report.Key, cell bool, found *bool) *validate.Rule {
	return &validate.Rule{ID: "reads", Title: "reads a cell", Run: func(p *validate.Pass) error {
		if cell {
			*found = p.Cell(k) != nil
		} else {
			_, *found = p.Number(k)
		}
		return nil
	}}
}

// TestUnknownKeyRead: a rule that reads a misspelt key fails at once,
// with the key and the nearest valid one, instead of finding nothing.
func TestUnknownKeyRead(t *testing.T) {
	r := parseFile(t, seed000)
	typo := report.Key{Table: report.Active, Row: "licencing", Column: "decisions"}
	for _, cell := range []bool{false, true} {
		var found bool
		c := &validate.Checker{Rules: append(validate.Standard(), reads(typo, cell, &found))}
		fs, err := c.Check(r)
		var re *validate.RuleError
		if !errors.As(err, &re) || re.Rule != "reads" || !errors.Is(err, report.ErrUnknownKey) {
			t.Fatalf("Check = %v, want the rule's error wrapping report.ErrUnknownKey", err)
		}
		want := `validate: rule reads: report: unknown cell key "active.licencing.decisions" in the standard templates (nearest valid key: active.licensing.decisions)`
		if err.Error() != want {
			t.Errorf("error\n got %s\nwant %s", err, want)
		}
		if len(fs) == 0 {
			t.Error("the other rules' findings are lost")
		}
	}

	// A key of the other version is a cell the report does not have: no
	// error, not found. So is a cell of the template the report lacks.
	for _, k := range []report.Key{report.KeyRequestsOtherHandlingNaturalPerson, report.KeyActiveLicensingDecisions} {
		var found bool
		if _, err := (&validate.Checker{Rules: []*validate.Rule{reads(k, false, &found)}}).Check(&report.Report{Template: report.V2021}); err != nil || found {
			t.Errorf("%v: found %v, %v", k, found, err)
		}
	}
	var found bool
	if _, err := (&validate.Checker{Rules: []*validate.Rule{reads(report.KeyActiveLicensingDecisions, false, &found)}}).Check(r); err != nil || !found {
		t.Errorf("a cell the report has: found %v, %v", found, err)
	}

	// A cell of a template of one's own is known to a Checker of that
	// template, and unknown to others.
	made := report.Key{Table: report.Requests, Row: "denied.made_up", Column: "total"}
	rule := reads(made, false, &found)
	if _, err := (&validate.Checker{Rules: []*validate.Rule{rule}, Template: reporttest.MadeUpTemplate()}).Check(r); err != nil {
		t.Errorf("made-up template: %v", err)
	}
	if _, err := (&validate.Checker{Rules: []*validate.Rule{rule}}).Check(r); !errors.Is(err, report.ErrUnknownKey) {
		t.Errorf("made-up key on the standard template: %v", err)
	}
}

// TestDeclaredKeys: the keys a rule declares are checked before it runs.
func TestDeclaredKeys(t *testing.T) {
	ran := false
	rule := &validate.Rule{ID: "declares", Title: "declares its keys", Run: func(*validate.Pass) error { ran = true; return nil },
		Keys: []report.Key{report.KeyActiveLicensingDecisions, {Table: report.Requests, Row: "totl", Column: "natural_person"}}}
	err := validate.CheckRules([]*validate.Rule{rule})
	want := `validate: invalid rule set: rule "declares" declares report: unknown cell key "requests.totl.natural_person" in the standard templates (nearest valid key: requests.total.natural_person)`
	if !errors.Is(err, validate.ErrRules) || !errors.Is(err, report.ErrUnknownKey) || err.Error() != want {
		t.Errorf("CheckRules = %v\nwant %s", err, want)
	}
	fs, err := (&validate.Checker{Rules: []*validate.Rule{rule}}).Check(parseFile(t, seed000))
	if !errors.Is(err, report.ErrUnknownKey) || fs != nil || ran {
		t.Errorf("Check = %v, %v (ran %v)", fs, err, ran)
	}

	rule.Keys = []report.Key{report.KeyRequestsOtherHandlingTotal, {Table: report.Requests, Row: "denied.made_up", Column: "total"}}
	if err := validate.CheckRules([]*validate.Rule{rule}); !errors.Is(err, report.ErrUnknownKey) {
		t.Errorf("made-up key on the standard templates: %v", err)
	}
	if _, err := (&validate.Checker{Rules: []*validate.Rule{rule}, Template: reporttest.MadeUpTemplate()}).Check(parseFile(t, seed000)); err != nil || !ran {
		t.Errorf("made-up key on its template: %v (ran %v)", err, ran)
	}
}

// TestUnknownKeyFinding: a finding about a misspelt cell is the rule's
// error, not a finding that points nowhere.
func TestUnknownKeyFinding(t *testing.T) {
	typo := report.Key{Table: report.Requests, Row: "totl", Column: "natural_person"}
	for name, run := range map[string]func(p *validate.Pass){
		"Reportf": func(p *validate.Pass) { p.Reportf([]report.Key{typo}, "x") },
		"Unchecked": func(p *validate.Pass) {
			p.Unchecked([]report.Key{report.KeyRequestsTotalTotal}, []report.Key{typo}, "x")
		},
		"Fix": func(p *validate.Pass) {
			p.Add(validate.Finding{Cells: []report.Key{report.KeyRequestsTotalTotal}, Message: "x", Fixes: []validate.Fix{{Cell: typo}}})
		},
	} {
		rule := &validate.Rule{ID: "r", Title: "t", Run: func(p *validate.Pass) error { run(p); return nil }}
		fs, err := (&validate.Checker{Rules: []*validate.Rule{rule}}).Check(parseFile(t, seed000))
		if !errors.Is(err, report.ErrUnknownKey) || len(fs) != 0 {
			t.Errorf("%s: %v, %v", name, fs, err)
		}
	}
	// A finding about a missing cell of the template is a finding.
	rule := &validate.Rule{ID: "r", Title: "t", Run: func(p *validate.Pass) error {
		p.Reportf([]report.Key{report.KeyRequestsOtherHandlingTotal}, "x")
		return nil
	}}
	if fs, err := (&validate.Checker{Rules: []*validate.Rule{rule}}).Check(parseFile(t, seed000)); err != nil || len(fs) != 1 {
		t.Errorf("missing cell: %v, %v", fs, err)
	}
}

// TestPassWithoutReport: a Pass made by hand, without a report, reads a
// known key as missing.
func TestPassWithoutReport(t *testing.T) {
	p := &validate.Pass{}
	if _, ok := p.Number(report.KeyRequestsTotalTotal); ok || p.Cell(report.KeyActiveFeesAmount) != nil {
		t.Error("found a cell in no report")
	}
}
