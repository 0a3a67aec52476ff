// Command roundtrip checks that reports survive being written and read
// back: it renders each report in the canonical JSON, in the template's
// text and in HTML, parses what it wrote with the matching parser, and
// prints what changed, by cell key and official label. It is what a portal's test of its own export does, as a
// program.
//
//	go run ./examples/roundtrip testdata/seeds/*.txt
//	go run ./examples/roundtrip -seed 1 -n 100
//	go run ./examples/roundtrip -seed 1 -n 10 -break hybrid
//
// The reports come from files in any layout parse.Parse detects, or, with
// -seed, from reporttest.Generate (seeds seed to seed+n-1). The exit status
// is 1 if a report does not come back the same or cannot be read.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/opengovcn/annualreport/examples/internal/cmdio"
	"github.com/opengovcn/annualreport/parse"
	"github.com/opengovcn/annualreport/render"
	"github.com/opengovcn/annualreport/report"
	"github.com/opengovcn/annualreport/report/reporttest"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// format is a renderer and the parser that reads what it writes.
type format struct {
	name   string
	render render.Renderer
	parse  parse.Parser
}

// formats are the round trips checked.
var formats = []format{
	{"json", render.JSON{}, parse.JSON},
	{"text", render.Text{}, parse.Cells},
	{"html", render.HTML{}, parse.HTML},
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("roundtrip", flag.ContinueOnError)
	fs.SetOutput(stderr)
	seed := fs.Int64("seed", -1, "generate reports with reporttest.Generate from this seed instead of reading files")
	n := fs.Int("n", 1, "with -seed, how many reports (seeds seed, seed+1, …)")
	brk := fs.String("break", "consistent", "with -seed, the breakage of the generated reports: "+breakageNames())
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: roundtrip FILE... | roundtrip -seed N [-n COUNT] [-break NAME]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	breakage, ok := breakageNamed(*brk)
	if !ok {
		fmt.Fprintf(stderr, "roundtrip: unknown breakage %q (%s)\n", *brk, breakageNames())
		return 2
	}
	if (*seed < 0) == (fs.NArg() == 0) {
		fs.Usage()
		return 2
	}
	status := 0
	check := func(name string, r *report.Report) {
		for _, f := range formats {
			diff, err := roundTrip(f, r)
			switch {
			case err != nil:
				fmt.Fprintf(stdout, "%s %s: %v\n", name, f.name, err)
				status = 1
			case diff != "":
				fmt.Fprintf(stdout, "%s %s: differs (want → got):\n\t%s\n", name, f.name,
					strings.ReplaceAll(strings.TrimSuffix(diff, "\n"), "\n", "\n\t"))
				status = 1
			default:
				fmt.Fprintf(stdout, "%s %s: same\n", name, f.name)
			}
		}
	}
	if *seed >= 0 {
		for s := uint64(*seed); s < uint64(*seed)+uint64(*n); s++ {
			g := reporttest.Generate(s, reporttest.Options{Break: breakage})
			check(fmt.Sprintf("seed %d (%s)", s, g.Break), g.Report)
		}
		return status
	}
	for _, name := range fs.Args() {
		src, err := cmdio.Read(name, os.Stdin)
		if errors.Is(err, parse.ErrLimit) {
			fmt.Fprintf(stderr, "%s:%v\n", name, err)
			status = 1
			continue
		}
		if err != nil {
			fmt.Fprintf(stderr, "roundtrip: %v\n", err)
			status = 1
			continue
		}
		r, err := parse.Parse(src)
		if err != nil {
			// What could be read is checked all the same.
			fmt.Fprintf(stderr, "%s: %v\n", name, err)
			status = 1
		}
		check(name, r)
	}
	return status
}

// roundTrip writes r in format f, reads it back and returns the
// differences.
func roundTrip(f format, r *report.Report) (string, error) {
	var buf bytes.Buffer
	if err := f.render.Render(&buf, r); err != nil {
		return "", fmt.Errorf("render: %w", err)
	}
	got, err := f.parse.Parse(buf.Bytes())
	if err != nil {
		return "", fmt.Errorf("reading back: %w", err)
	}
	return reporttest.Diff(r, got), nil
}

func breakageNamed(name string) (reporttest.Breakage, bool) {
	for _, b := range reporttest.Breakages() {
		if b.String() == name {
			return b, true
		}
	}
	return 0, false
}

func breakageNames() string {
	var names []string
	for _, b := range reporttest.Breakages() {
		names = append(names, b.String())
	}
	return strings.Join(names, ", ")
}
