package report_test

import (
	"errors"
	"fmt"

	"github.com/opengovcn/annualreport/report"
)

// The template is data: walk it to list the rows of table 三 of 2019.
func ExampleTemplate() {
	t := report.TemplateFor(report.V2019).Table(report.Requests)
	for _, row := range t.Rows[20:] {
		fmt.Println(row.Key, row.Label)
	}
	// Output:
	// other_handling （六）其他处理
	// total （七）总计
	// carried_forward 四、结转下年度继续办理
}

// Cells are addressed by the spec's dotted keys; blank, a number and text
// stay apart.
func ExampleReport_Lookup() {
	r := &report.Report{Sections: []report.Section{{Key: report.Requests, Table: &report.Table{
		Key: report.Requests,
		Rows: []report.Row{{Key: "total", Cells: []report.Cell{
			{Column: "natural_person", Value: report.NumberValue(report.MustDec("2"))},
			{Column: "commercial"},
			{Column: "research", Value: report.TextValue("—")},
		}}},
	}}}}
	for _, path := range []string{"requests.total.natural_person", "requests.total.commercial", "requests.total.research", "requests.total.total"} {
		if c := r.Lookup(path); c != nil {
			fmt.Printf("%s: %s %q\n", path, c.Kind, c.Value)
		} else {
			fmt.Printf("%s: not in the report\n", path)
		}
	}
	// Output:
	// requests.total.natural_person: number "2"
	// requests.total.commercial: blank ""
	// requests.total.research: text "—"
	// requests.total.total: not in the report
}

// Every cell has a Key variable, so that a misspelt key does not compile;
// a key from text is checked, and a misspelt one names the nearest.
func ExampleParseKey() {
	k := report.KeyRequestsDeniedStateSecretNaturalPerson
	fmt.Println(k)
	if _, err := report.ParseKey("requests.totl.natural_person"); errors.Is(err, report.ErrUnknownKey) {
		fmt.Println(err)
	}
	r := &report.Report{}
	if _, err := r.Get("active.licencing.decisions"); err != nil {
		fmt.Println(err)
	}
	// Output:
	// requests.denied.state_secret.natural_person
	// report: unknown cell key "requests.totl.natural_person" in the standard templates (nearest valid key: requests.total.natural_person)
	// report: unknown cell key "active.licencing.decisions" in the standard templates (nearest valid key: active.licensing.decisions)
}
