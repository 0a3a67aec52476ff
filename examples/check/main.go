// Command check checks 政府信息公开工作年度报告 against the standard rules of
// the template: it parses each file (any layout package parse reads),
// runs the rules, prints the findings one per line as FILE:LINE:COL: rule:
// message, and a summary per file.
//
// Usage:
//
//	go run ./examples/check [-json] [-rules LIST] [-blank-as-zero] FILE|DIR|-...
//
// A directory is walked for report files (.txt .json .md .html .htm
// .docx .pdf); one with none is an error. A file in it that is not a regular
// file (a named pipe, a device) is skipped, and said so; named on the
// command line, it is read. "-" is standard input. A file larger than
// parse's limit (32 MiB) is reported as such, read no further. Reports of one agency for consecutive years are also compared
// with each other (rules carried-over and in-force).
//
// -rules selects rules by ID ("requests-balance,requests-outcomes") or
// disables them ("-heading-wording,-heading-numbering"). -json prints the
// findings as JSON lines instead, and no summary.
//
// The exit status is 0 when no finding is an error, 1 when one is, and 2
// when a file cannot be read or parsed cleanly (its findings are still
// printed) or the command is misused.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/opengovcn/annualreport/examples/internal/cmdio"
	"github.com/opengovcn/annualreport/parse"
	"github.com/opengovcn/annualreport/parse/pdf"
	"github.com/opengovcn/annualreport/report"
	"github.com/opengovcn/annualreport/validate"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// extensions are the files a directory is searched for.
var extensions = []string{".txt", ".json", ".md", ".html", ".htm", ".docx", ".pdf"}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("check", flag.ContinueOnError)
	flags.SetOutput(stderr)
	asJSON := flags.Bool("json", false, "print findings as JSON lines")
	rules := flags.String("rules", "", "rules to run (a,b) or not to run (-a,-b), by ID")
	blankAsZero := flags.Bool("blank-as-zero", false, "count blank cells as 0")
	flags.Usage = func() {
		fmt.Fprintln(stderr, "usage: check [-json] [-rules LIST] [-blank-as-zero] FILE|DIR|-...")
		flags.PrintDefaults()
	}
	if err := flags.Parse(args); err != nil {
		return 2
	}
	if flags.NArg() == 0 {
		flags.Usage()
		return 2
	}
	set, err := validate.Select(validate.Standard(), *rules)
	if err != nil {
		fmt.Fprintln(stderr, "check:", err)
		return 2
	}
	checker := &validate.Checker{Rules: set, BlankAsZero: *blankAsZero}

	files, status, err := expand(flags.Args(), stderr)
	if err != nil {
		fmt.Fprintln(stderr, "check:", err)
		return 2
	}
	out := &printer{w: stdout, json: *asJSON}
	names := map[*report.Report]string{}
	var reports []*report.Report
	for _, file := range files {
		r, bad := out.parse(file, stdin, stderr)
		if bad {
			status = 2
		}
		if r == nil {
			continue
		}
		findings, err := checker.Check(r)
		if err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", file, err)
			status = 2
		}
		for i := range findings {
			findings[i].File = file
		}
		out.findings(findings)
		out.summary(file, findings)
		if status == 0 && hasError(findings) {
			status = 1
		}
		names[r] = file
		if r.Agency != "" && r.Year != 0 {
			reports = append(reports, r)
		}
	}
	if len(reports) > 1 {
		// Two copies of one year's report (say, the same report in two
		// layouts) make an ErrSeries: they are simply not compared.
		findings, err := checker.Series(reports...)
		if err != nil && !errors.Is(err, validate.ErrSeries) {
			fmt.Fprintln(stderr, "check: comparing years:", err)
			status = 2
		}
		for i := range findings {
			findings[i].File = names[findings[i].Report]
			for j := range findings[i].Related {
				findings[i].Related[j].File = names[findings[i].Related[j].Report]
			}
		}
		out.findings(findings)
		if status == 0 && hasError(findings) {
			status = 1
		}
	}
	return status
}

// expand replaces directories by the report files under them. A file of
// theirs that is not a regular file (a named pipe, which would block until
// written to; a device) is skipped, and said so on stderr; a directory
// without a report file is said so too, with the status 2. A file named
// on the command line is read whatever it is, and "-" is standard input.
func expand(args []string, stderr io.Writer) (files []string, status int, err error) {
	for _, arg := range args {
		if arg == "-" {
			files = append(files, arg)
			continue
		}
		fi, err := os.Stat(arg)
		if err != nil {
			return nil, 2, err
		}
		if !fi.IsDir() {
			files = append(files, arg)
			continue
		}
		n := len(files)
		err = filepath.WalkDir(arg, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() || !slices.Contains(extensions, strings.ToLower(filepath.Ext(path))) {
				return nil
			}
			if why := cmdio.Skip(path, d); why != "" {
				fmt.Fprintf(stderr, "check: skipping %s: %s\n", path, why)
				return nil
			}
			files = append(files, path)
			return nil
		})
		if err != nil {
			return nil, 2, err
		}
		if len(files) == n {
			fmt.Fprintf(stderr, "check: %s: no report file found (%s)\n", arg, strings.Join(extensions, " "))
			status = 2
		}
	}
	return files, status, nil
}

func hasError(fs []validate.Finding) bool {
	return slices.ContainsFunc(fs, func(f validate.Finding) bool { return f.Severity == validate.Error })
}

// printer writes findings as text or JSON lines.
type printer struct {
	w    io.Writer
	json bool
}

// parse reads and parses a file ("-" is stdin). It prints what could not
// be read as findings of the rule "parse" and reports whether there was
// any; the report is nil when there is nothing to check: the layout is
// unknown, the input is no report, or it is over one of parse's limits
// (a file over the size limit is not read past it; a report cut at a
// limit would only add findings of what is missing).
func (p *printer) parse(file string, stdin io.Reader, stderr io.Writer) (r *report.Report, bad bool) {
	src, err := cmdio.Read(file, stdin)
	if err == nil {
		r, err = (&parse.Config{Parsers: parsers}).Parse(src)
	} else if !errors.Is(err, parse.ErrLimit) {
		fmt.Fprintln(stderr, "check:", err)
		return nil, true
	}
	if err == nil {
		return r, false
	}
	list := parse.ErrorList(err)
	if list == nil {
		fmt.Fprintf(stderr, "%s: %v\n", file, err)
		return nil, true
	}
	var fs []validate.Finding
	for _, e := range list {
		fs = append(fs, validate.Finding{File: file, Rule: "parse", Severity: validate.Error,
			Src: report.Source{Line: e.Line, Col: e.Col}, Message: e.Msg})
	}
	p.findings(fs)
	if errors.Is(err, parse.ErrUnknownLayout) || errors.Is(err, parse.ErrNoReport) || errors.Is(err, parse.ErrLimit) {
		return nil, true
	}
	return r, true
}

func (p *printer) findings(fs []validate.Finding) {
	for _, f := range fs {
		if p.json {
			b, _ := json.Marshal(f)
			fmt.Fprintf(p.w, "%s\n", b)
			continue
		}
		fmt.Fprintln(p.w, f)
	}
}

func (p *printer) summary(file string, fs []validate.Finding) {
	if p.json {
		return
	}
	n := map[validate.Severity]int{}
	for _, f := range fs {
		n[f.Severity]++
	}
	fmt.Fprintf(p.w, "%s: %d errors, %d warnings, %d notices\n", file, n[validate.Error], n[validate.Warning], n[validate.Notice])
}

// parsers are the standard parsers and the PDF reader of parse/pdf.
var parsers = append(parse.Standard(), pdf.Parser)
