// Package validatetest runs rules on test cases, in the spirit of
// golang.org/x/tools/go/analysis/analysistest: a case is a report file and,
// next to it, the findings the rules must report on it. Both missing and
// unexpected findings fail the test.
//
// CheckKeys is a vet for a rule's cell keys: it runs the rule where every
// cell of each template is present and fails on a key no template has.
//
// A case is a report in any layout package parse reads (NAME.txt,
// NAME.json, ...) and NAME.want, a text file with one expected finding a
// line:
//
//	# comments and blank lines are ignored
//	requests-balance requests.total.natural_person @334:2 error
//	fee-statement other
//	heading-numbering other notice
//
// Each line names the rule, then what the finding is about: the key of its
// first cell (requests.total.natural_person), or for a finding about no
// cell its section key (other), or "-" for neither (a misspelt key or
// section is an error, naming the nearest valid key). A position
// (@LINE:COL, or @LINE) and a severity (error, warning, notice) may follow
// and are then checked too. A .want file with no finding lines expects none.
//
// Directives change how the case runs:
//
//	input ../seeds/001.txt # the report is this file (relative to the .want file), not NAME.*
//	option blank-as-zero   # run with Checker.BlankAsZero
//	option parse-error     # the report does not parse cleanly; check the partial report
package validatetest

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/opengovcn/annualreport/parse"
	"github.com/opengovcn/annualreport/report"
	"github.com/opengovcn/annualreport/validate"
)

// Run runs rules on every case in dir, one subtest a case. A case is a
// NAME.want file and its report: the file NAME.* beside it, or the file an
// "input PATH" directive names (relative to dir), so that cases can share
// a report.
func Run(t *testing.T, dir string, rules ...*validate.Rule) {
	t.Helper()
	wants, err := filepath.Glob(filepath.Join(dir, "*.want"))
	if err != nil {
		t.Fatal(err)
	}
	if len(wants) == 0 {
		t.Errorf("validatetest: no .want files in %s", dir)
	}
	for _, want := range wants {
		name := strings.TrimSuffix(filepath.Base(want), ".want")
		t.Run(name, func(t *testing.T) {
			_, opts, err := ReadWant(want)
			if err != nil {
				t.Fatal(err)
			}
			input := opts.Input
			if input != "" {
				input = filepath.Join(dir, input)
			} else {
				matches, _ := filepath.Glob(filepath.Join(dir, name+".*"))
				for _, m := range matches {
					if m != want {
						input = m
					}
				}
			}
			if input == "" {
				t.Fatalf("%s: no report beside it and no input directive", want)
			}
			RunCase(t, input, want, rules...)
		})
	}
}

// RunCase runs rules on the report in file and compares the findings with
// the expectations in want.
func RunCase(t *testing.T, file, want string, rules ...*validate.Rule) {
	t.Helper()
	exp, opts, err := ReadWant(want)
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	r, err := parse.Parse(src)
	switch {
	case err != nil && !opts.ParseError:
		t.Fatalf("%s does not parse cleanly (add \"option parse-error\" to %s if it should not):\n%v", file, want, err)
	case err == nil && opts.ParseError:
		t.Fatalf("%s parses cleanly, but %s says option parse-error", file, want)
	}
	c := &validate.Checker{Rules: rules, BlankAsZero: opts.BlankAsZero}
	got, err := c.Check(r)
	if err != nil {
		t.Fatal(err)
	}
	for i := range got {
		got[i].File = file
	}
	if d := Compare(exp, got); d != "" {
		t.Errorf("%s: findings differ from %s:\n%s", file, want, d)
	}
}

// Options are the directives of a .want file.
type Options struct {
	BlankAsZero bool   // option blank-as-zero
	ParseError  bool   // option parse-error
	Input       string // input PATH: the report, relative to the .want file's directory
}

// Want is one expected finding.
type Want struct {
	Rule     string
	About    string // a cell key, a section key or "-"
	Line     int    // 0: not checked
	Col      int    // 0: not checked
	Severity validate.Severity
	Src      string // where the expectation was written (FILE:LINE), for messages
}

// String formats w as a line of a .want file.
func (w Want) String() string {
	s := w.Rule + " " + w.About
	if w.Line > 0 {
		s += " @" + strconv.Itoa(w.Line)
		if w.Col > 0 {
			s += ":" + strconv.Itoa(w.Col)
		}
	}
	if w.Severity != validate.Default {
		s += " " + w.Severity.String()
	}
	return s
}

var position = regexp.MustCompile(`^@(\d+)(?::(\d+))?$`)

// ReadWant reads a .want file.
func ReadWant(file string) ([]Want, Options, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, Options{}, err
	}
	return ParseWant(file, b)
}

// ParseWant parses the text of a .want file; name is used in errors. What
// a line is about must be "-", a section key or a cell of a standard
// template: a misspelt key is an error (wrapping report.ErrUnknownKey,
// with the nearest valid key), not an expectation no finding can meet.
func ParseWant(name string, text []byte) ([]Want, Options, error) {
	return parseWant(name, text, nil)
}

// parseWant is ParseWant, where a line may also be about a cell of tmpl.
func parseWant(name string, text []byte, tmpl *report.Template) ([]Want, Options, error) {
	var out []Want
	var opts Options
	sc := bufio.NewScanner(bytes.NewReader(text))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if i := strings.Index(line, "#"); i >= 0 {
			line = line[:i]
		}
		fields := strings.Fields(line)
		if len(fields) == 0 {
			continue
		}
		if fields[0] == "input" && len(fields) == 2 {
			opts.Input = fields[1]
			continue
		}
		if fields[0] == "option" {
			for _, o := range fields[1:] {
				switch o {
				case "blank-as-zero":
					opts.BlankAsZero = true
				case "parse-error":
					opts.ParseError = true
				default:
					return nil, opts, fmt.Errorf("%s:%d: unknown option %q", name, n, o)
				}
			}
			continue
		}
		if len(fields) < 2 {
			return nil, opts, fmt.Errorf("%s:%d: want RULE ABOUT [@LINE:COL] [SEVERITY], got %q", name, n, line)
		}
		w := Want{Rule: fields[0], About: fields[1], Src: fmt.Sprintf("%s:%d", name, n)}
		if err := checkAbout(w.About, tmpl); err != nil {
			return nil, opts, fmt.Errorf("%s:%d: %w", name, n, err)
		}
		for _, f := range fields[2:] {
			if m := position.FindStringSubmatch(f); m != nil {
				w.Line, _ = strconv.Atoi(m[1])
				w.Col, _ = strconv.Atoi(m[2])
				continue
			}
			s, err := validate.ParseSeverity(f)
			if err != nil {
				return nil, opts, fmt.Errorf("%s:%d: %q is neither @LINE:COL nor a severity", name, n, f)
			}
			w.Severity = s
		}
		out = append(out, w)
	}
	return out, opts, sc.Err()
}

// checkAbout checks what a .want line is about: "-", a section key, or a
// cell of tmpl or of a standard template.
func checkAbout(about string, tmpl *report.Template) error {
	if about == "-" {
		return nil
	}
	if !strings.Contains(about, ".") {
		for _, s := range report.Templates()[0].Sections {
			if string(s.Key) == about {
				return nil
			}
		}
		return fmt.Errorf("%q is neither a section key, a cell key nor \"-\"", about)
	}
	if tmpl != nil {
		if _, err := tmpl.ParseKey(about); err == nil {
			return nil
		}
	}
	_, err := report.ParseKey(about)
	return err
}

// About returns what a finding is about, as a .want line names it: the key
// of its first cell, its section, or "-".
func About(f validate.Finding) string {
	switch {
	case len(f.Cells) > 0:
		return f.Cells[0].String()
	case f.Section != "":
		return string(f.Section)
	}
	return "-"
}

func (w Want) matches(f validate.Finding) bool {
	return w.Rule == f.Rule && w.About == About(f) &&
		(w.Line == 0 || w.Line == f.Src.Line) &&
		(w.Col == 0 || w.Col == f.Src.Col) &&
		(w.Severity == validate.Default || w.Severity == f.Severity)
}

// Compare matches findings with expectations one to one and describes
// what does not match: expectations no finding meets, and findings no
// expectation names. It returns "" when they match.
func Compare(want []Want, got []validate.Finding) string {
	used := make([]bool, len(got))
	var b strings.Builder
	// The most specific expectations first, so that a vaguer one does not
	// take the finding a precise one needs.
	want = slices.Clone(want)
	slices.SortStableFunc(want, func(x, y Want) int { return specificity(y) - specificity(x) })
	for _, w := range want {
		i := slices.IndexFunc(got, func(f validate.Finding) bool { return w.matches(f) })
		for i >= 0 && used[i] {
			j := slices.IndexFunc(got[i+1:], func(f validate.Finding) bool { return w.matches(f) })
			if j < 0 {
				i = -1
				break
			}
			i += 1 + j
		}
		if i < 0 {
			fmt.Fprintf(&b, "missing:    %s   (%s)\n", w, w.Src)
			continue
		}
		used[i] = true
	}
	for i, f := range got {
		if !used[i] {
			fmt.Fprintf(&b, "unexpected: %s %s @%d:%d %s   // %s\n", f.Rule, About(f), f.Src.Line, f.Src.Col, f.Severity, f.Message)
		}
	}
	return b.String()
}

func specificity(w Want) int {
	n := 0
	for _, set := range []bool{w.Line > 0, w.Col > 0, w.Severity != validate.Default} {
		if set {
			n++
		}
	}
	return n
}

// Check runs the checker on a report built or parsed in the test and
// compares the findings with want, given as .want lines. It is for rule
// tests that build their reports in code.
func Check(t *testing.T, c *validate.Checker, r *report.Report, want ...string) {
	t.Helper()
	var tmpl *report.Template
	if c != nil {
		tmpl = c.Template
	}
	exp, opts, err := parseWant("want", []byte(strings.Join(want, "\n")), tmpl)
	if err != nil {
		t.Fatal(err)
	}
	if opts.BlankAsZero || opts.ParseError {
		t.Fatal("validatetest.Check: options belong in the Checker")
	}
	got, err := c.Check(r)
	if err != nil {
		t.Fatal(err)
	}
	if d := Compare(exp, got); d != "" {
		t.Errorf("findings differ:\n%s", d)
	}
}
