package main

import (
	"testing"

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
