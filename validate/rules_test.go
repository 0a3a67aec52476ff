package validate_test

import (
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
