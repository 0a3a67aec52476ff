// Command convert reads annual reports in any supported layout and writes
// them in another: the canonical JSON; the standard template as text (one
// cell a line), tsv or pipes; HTML; Markdown; a Word document (docx); or CSV
// in long form, a line per cell.
//
//	go run ./examples/convert -to json testdata/seeds/000_f75296a9e8ded5b4.txt
//	go run ./examples/convert -to text -from pipes - < report.txt
//	go run ./examples/convert -to docx -o report.docx testdata/seeds/003_cda8e236fd2b0dc4.txt
//	go run ./examples/convert -to csv -o cells.csv testdata/seeds/*.txt
//
// It writes to standard output, or to FILE with -o. A Word document holds
// one report: -to docx takes one input. With -to csv, several inputs give
// one table under one header. FILE is written whole or not at all: the
// output goes to a temporary file beside it, renamed to FILE once every
// report has been written, and removed if a report cannot be written or
// none could be read (FILE is then left as it was).
//
// It reads standard input when FILE is "-". An input larger than parse's
// limit (32 MiB) is read no further than the limit and reported. Problems in the input are
// printed on standard error as FILE:LINE:COLUMN: message, and the exit
// status is then 1; what could be read is still written. The parser that
// read each file is named on standard error with -v.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/opengovcn/annualreport/examples/internal/cmdio"
	"github.com/opengovcn/annualreport/parse"
	"github.com/opengovcn/annualreport/parse/pdf"
	"github.com/opengovcn/annualreport/render"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

var renderers = map[string]render.Renderer{
	"json":  render.JSON{},
	"text":  render.Text{},
	"tsv":   render.TSV{},
	"pipes": render.Pipes{},
	"html":  render.HTML{},
	"md":    render.Markdown{},
	"docx":  render.DOCX{},
	"csv":   render.CSV{},
}

func formatNames() string {
	var names []string
	for n := range renderers {
		names = append(names, n)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("convert", flag.ContinueOnError)
	fs.SetOutput(stderr)
	to := fs.String("to", "json", "output format: "+formatNames())
	outFile := fs.String("o", "", "write to `FILE` instead of standard output")
	from := fs.String("from", "", "force the input layout: "+layoutNames()+" (default: detect)")
	verbose := fs.Bool("v", false, "name the layout of each input on standard error")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: convert [-to FORMAT] [-o FILE] [-from LAYOUT] [-v] FILE...")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	out, ok := renderers[*to]
	if !ok {
		fmt.Fprintf(stderr, "convert: unknown output format %q (%s)\n", *to, formatNames())
		return 2
	}
	var forced parse.Parser
	if *from != "" {
		if forced = parse.ByName(*from, parsers...); forced == nil {
			fmt.Fprintf(stderr, "convert: unknown layout %q (%s)\n", *from, layoutNames())
			return 2
		}
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return 2
	}
	if *to == "docx" && fs.NArg() > 1 {
		fmt.Fprintln(stderr, "convert: a Word document holds one report: give one FILE with -to docx")
		return 2
	}
	var file *cmdio.File
	if *outFile != "" {
		var err error
		if file, err = cmdio.Create(*outFile); err != nil {
			fmt.Fprintf(stderr, "convert: %v\n", err)
			return 1
		}
		defer file.Abort() // on early returns; committed below
		stdout = file
	}
	status, written := convert(fs.Args(), out, forced, *verbose, stdin, stdout, stderr)
	if file != nil {
		if !written {
			file.Abort()
			return max(status, 1)
		}
		if err := file.Commit(); err != nil {
			fmt.Fprintf(stderr, "convert: %v\n", err)
			return 1
		}
	}
	return status
}

// convert reads each input and writes it with out. It reports whether
// it wrote at least one report and every report it began to write whole.
func convert(names []string, out render.Renderer, forced parse.Parser, verbose bool, stdin io.Reader, stdout, stderr io.Writer) (status int, written bool) {
	for _, name := range names {
		src, err := cmdio.Read(name, stdin)
		if errors.Is(err, parse.ErrLimit) {
			report(stderr, name, err)
			status = 1
			continue
		}
		if err != nil {
			fmt.Fprintf(stderr, "convert: %v\n", err)
			status = 1
			continue
		}
		p := forced
		if p == nil {
			if p, err = parse.Detect(src, parsers...); err != nil {
				report(stderr, name, err)
				status = 1
				continue
			}
		}
		if verbose {
			fmt.Fprintf(stderr, "%s: layout %s\n", name, p.Name())
		}
		r, err := p.Parse(src)
		if err != nil {
			report(stderr, name, err)
			status = 1
		}
		if err := out.Render(stdout, r); err != nil {
			fmt.Fprintf(stderr, "convert: %s: %v\n", name, err)
			return 1, false
		}
		written = true
		if c, ok := out.(render.CSV); ok {
			c.NoHeader = true // the inputs that follow go under the same header
			out = c
		}
	}
	return status, written
}

// report prints each positioned error as FILE:LINE:COL: message.
func report(w io.Writer, name string, err error) {
	list := parse.ErrorList(err)
	if list == nil {
		fmt.Fprintf(w, "%s: %v\n", name, err)
		return
	}
	for _, e := range list {
		fmt.Fprintf(w, "%s:%s\n", name, e.Error())
	}
}

func layoutNames() string {
	var names []string
	for _, p := range parsers {
		names = append(names, p.Name())
	}
	return strings.Join(names, ", ")
}

// parsers are the standard parsers and the PDF reader of parse/pdf.
var parsers = append(parse.Standard(), pdf.Parser)
