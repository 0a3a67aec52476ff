package validatetest

import (
	"strings"
	"testing"

	"github.com/opengovcn/annualreport/report"
	"github.com/opengovcn/annualreport/validate"
)

func TestParseWant(t *testing.T) {
	want, opts, err := ParseWant("x.want", []byte(`# a comment
input ../seeds/001.txt
option blank-as-zero
requests-balance requests.total.natural_person @334:2 error # why
fee-statement other @298
heading-numbering other notice
`))
	if err != nil {
		t.Fatal(err)
	}
	if opts.Input != "../seeds/001.txt" || !opts.BlankAsZero || opts.ParseError {
		t.Errorf("options %+v", opts)
	}
	var got []string
	for _, w := range want {
		got = append(got, w.String())
	}
	if s := strings.Join(got, "|"); s != "requests-balance requests.total.natural_person @334:2 error|fee-statement other @298|heading-numbering other notice" {
		t.Errorf("wants %s", s)
	}
	for _, bad := range []string{"option shout", "lonely", "rule cell @x:1", "rule cell severe"} {
		if _, _, err := ParseWant("x.want", []byte(bad)); err == nil || !strings.HasPrefix(err.Error(), "x.want:1: ") {
			t.Errorf("%q: error %v, want one at x.want:1", bad, err)
		}
	}
}

// Compare pairs expectations and findings one to one: the precise
// expectation gets the finding it names even when a vaguer one comes
// first, and what is left over on either side is reported.
func TestCompare(t *testing.T) {
	k := func(col string) []report.Key {
		return []report.Key{{Table: report.Requests, Row: "total", Column: col}}
	}
	got := []validate.Finding{
		{Rule: "r", Cells: k("total"), Src: report.Source{Line: 3, Col: 1}, Severity: validate.Error, Message: "a"},
		{Rule: "r", Cells: k("total"), Src: report.Source{Line: 9, Col: 4}, Severity: validate.Error, Message: "b"},
		{Rule: "s", Section: report.Other, Severity: validate.Warning, Message: "c"},
	}
	want, _, err := ParseWant("w", []byte("r requests.total.total\nr requests.total.total @3:1\n"))
	if err != nil {
		t.Fatal(err)
	}
	d := Compare(want, got)
	if strings.Contains(d, "missing") || !strings.Contains(d, "unexpected: s other @0:0 warning   // c\n") || strings.Count(d, "\n") != 1 {
		t.Errorf("Compare:\n%s", d)
	}
	want = append(want, Want{Rule: "r", About: "requests.total.natural_person", Src: "w:3"})
	if d := Compare(want, got[:2]); d != "missing:    r requests.total.natural_person   (w:3)\n" {
		t.Errorf("Compare:\n%s", d)
	}
}
