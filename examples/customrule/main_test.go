package main

import (
	"testing"

	"github.com/opengovcn/annualreport/report"
	"github.com/opengovcn/annualreport/validate"
	"github.com/opengovcn/annualreport/validate/validatetest"
)

// The rule's cases are in testdata/customrule: reports and the findings
// they deserve, checked with the harness the standard rules use.
func TestCountyLicensing(t *testing.T) {
	if err := validate.CheckRules(append(validate.Standard(), CountyLicensing)); err != nil {
		t.Fatal(err)
	}
	validatetest.Run(t, "../../testdata/customrule", CountyLicensing)
}

// TestCountyLicensingKeys runs the rule where every cell of each template
// is present, for a county-level government (the branch that reads the
// cell): a key that no template has would fail here even if no case in
// testdata reached it.
func TestCountyLicensingKeys(t *testing.T) {
	validatetest.CheckKeys(t, CountyLicensing, func(r *report.Report) { r.Agency = "某某县人民政府" })
}
