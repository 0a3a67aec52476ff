// Command customrule shows how to write a validation rule of your own and
// run it beside the standard rules.
//
// The rule here is one a provincial disclosure office might add: a
// county-level government (县、区、旗人民政府) decides on administrative
// licences every year, so a report of one whose 表二 行政许可 count is 0 has
// probably left the row unfilled. It is a plain validate.Rule value,
// written from a cell key and the report's accessors.
//
// The cell key is report.KeyActiveLicensingDecisions, one of the
// report.Key variables generated from the template: a misspelt name does
// not compile. The rule declares the keys it reads (Rule.Keys), which the
// Checker checks before it runs, and its test runs
// validatetest.CheckKeys, which fails on any read of a cell that no
// template has.
//
// Usage:
//
//	go run ./examples/customrule FILE...
package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/opengovcn/annualreport/examples/internal/cmdio"
	"github.com/opengovcn/annualreport/parse"
	"github.com/opengovcn/annualreport/report"
	"github.com/opengovcn/annualreport/validate"
)

// CountyLicensing warns when a county-level government reports no
// administrative licensing decisions.
var CountyLicensing = &validate.Rule{
	ID:    "county-licensing",
	Title: "县级人民政府的行政许可处理决定数量不应为0",
	Doc: `A county-level government (县、区、旗人民政府) decides on administrative
licences every year; a 表二 行政许可 本年处理决定数量 of 0 usually means the
row was left unfilled or filled for the government's office alone.`,
	Severity: validate.Warning,
	Keys:     []report.Key{report.KeyActiveLicensingDecisions},
	Run: func(p *validate.Pass) error {
		if !countyLevel(p.Report.Agency) {
			return nil
		}
		k := report.KeyActiveLicensingDecisions
		n, ok := p.Number(k)
		if !ok {
			return nil // blank, text or missing: the standard rules report it
		}
		if n.Sign() == 0 {
			p.Reportf([]report.Key{k}, "%s为0：%s是县级人民政府，每年都作出行政许可决定，请核实是否漏报", p.Name(k), p.Report.Agency)
		}
		return nil
	},
}

// countyLevel reports whether an agency is a county-level people's
// government.
func countyLevel(agency string) bool {
	for _, suffix := range []string{"县人民政府", "区人民政府", "旗人民政府"} {
		if strings.HasSuffix(agency, suffix) {
			return true
		}
	}
	return false
}

func main() {
	checker := &validate.Checker{Rules: append(validate.Standard(), CountyLicensing)}
	status := 0
	for _, file := range os.Args[1:] {
		src, err := cmdio.Read(file, os.Stdin) // within parse's input limit
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			status = 2
			continue
		}
		r, err := parse.Parse(src)
		if err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", file, err)
			status = 2
		}
		findings, err := checker.Check(r)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			status = 2
		}
		for _, f := range findings {
			f.File = file
			fmt.Println(f)
		}
	}
	os.Exit(status)
}
