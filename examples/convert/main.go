// Command convert reads annual reports in any supported layout and writes
// them in another: the canonical JSON or the standard template as text.
//
//	go run ./examples/convert -to json testdata/seeds/000_f75296a9e8ded5b4.txt
//	go run ./examples/convert -to text -from pipes - < report.txt
//
// It reads standard input when FILE is "-". Problems in the input are
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
	"strings"

	"github.com/opengovcn/annualreport/parse"
	"github.com/opengovcn/annualreport/render"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

var renderers = map[string]render.Renderer{
	"json": render.JSON{},
	"text": render.Text{},
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("convert", flag.ContinueOnError)
	fs.SetOutput(stderr)
	to := fs.String("to", "json", "output format: json or text")
	from := fs.String("from", "", "force the input layout: "+layoutNames()+" (default: detect)")
	verbose := fs.Bool("v", false, "name the layout of each input on standard error")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: convert [-to json|text] [-from LAYOUT] [-v] FILE...")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	out, ok := renderers[*to]
	if !ok {
		fmt.Fprintf(stderr, "convert: unknown output format %q (json or text)\n", *to)
		return 2
	}
	var forced parse.Parser
	if *from != "" {
		if forced = parse.ByName(*from); forced == nil {
			fmt.Fprintf(stderr, "convert: unknown layout %q (%s)\n", *from, layoutNames())
			return 2
		}
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return 2
	}
	status := 0
	for _, name := range fs.Args() {
		src, err := readInput(name, stdin)
		if err != nil {
			fmt.Fprintf(stderr, "convert: %v\n", err)
			status = 1
			continue
		}
		p := forced
		if p == nil {
			if p, err = parse.Detect(src); err != nil {
				report(stderr, name, err)
				status = 1
				continue
			}
		}
		if *verbose {
			fmt.Fprintf(stderr, "%s: layout %s\n", name, p.Name())
		}
		r, err := p.Parse(src)
		if err != nil {
			report(stderr, name, err)
			status = 1
		}
		if err := out.Render(stdout, r); err != nil {
			fmt.Fprintf(stderr, "convert: %s: %v\n", name, err)
			return 1
		}
	}
	return status
}

func readInput(name string, stdin io.Reader) ([]byte, error) {
	if name == "-" {
		return io.ReadAll(stdin)
	}
	return os.ReadFile(name)
}

// report prints each positioned error as FILE:LINE:COL: message.
func report(w io.Writer, name string, err error) {
	var list parse.Errors
	var one *parse.Error
	switch {
	case errors.As(err, &list):
	case errors.As(err, &one):
		list = parse.Errors{one}
	default:
		fmt.Fprintf(w, "%s: %v\n", name, err)
		return
	}
	for _, e := range list {
		fmt.Fprintf(w, "%s:%s\n", name, e.Error())
	}
}

func layoutNames() string {
	var names []string
	for _, p := range parse.Standard() {
		names = append(names, p.Name())
	}
	return strings.Join(names, ", ")
}
