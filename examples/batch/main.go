// Command batch parses and checks every report under one or more
// directories, in parallel, the way an evaluator (第三方评估) audits all the
// 政府信息公开工作年度报告 of a province: one worker per CPU, progress on
// standard error, a CSV of every finding and a summary at the end.
//
// Usage:
//
//	go run ./examples/batch [-o findings.csv] [-summary FILE] [-workers N]
//		[-rules LIST] [-blank-as-zero] [-ext LIST] [-progress DURATION]
//		[-timeout DURATION] DIR|FILE...
//
// Directories are walked for files with the extensions -ext lists (by
// default those of the layouts package parse and parse/pdf read: .txt .json .md .html
// .htm .docx .pdf; -ext "" takes every regular file, and parse's detection says
// what is not a report). Hidden files and directories (".git") are skipped.
// So are the files that are not regular files (a named pipe, which would
// block the walk until written to; a device): each is a row of the CSV
// with the rule "skipped", and a count in the summary. A file named on the
// command line is read whatever it is. A file is read no further than
// parse's input limit (32 MiB): one larger is a "parse/limit" row.
//
// The CSV (standard output unless -o names a file) has one row per finding,
// with the columns of csvHeader: the file, the layout it was read as, the
// line and column of the finding in the file, the rule, the severity, the
// section or cells concerned, whether the rule could not be checked, and
// the message in Chinese. What the parser could not read is a row too, with
// the rule "parse/" and the kind of error ("parse/unknown-label",
// "parse/unknown-layout", ...); a file that cannot be read at all has the
// rule "read". Rows come in the order the workers finish the files, not in
// the order of the walk: the command streams, and holds nothing of a file
// once its rows are written, so that its memory stays flat however many
// files there are. Sort the CSV afterwards if the order matters.
//
// Progress goes to standard error about once a second (-progress): files
// done, files and megabytes per second, files not read, reports with
// error findings. The summary (standard error unless -summary names a file)
// gives, per rule, how many reports break it, how many findings it made and
// how many reports it could not check (a cell it needs is blank or text),
// the layouts read, and the files that could not be read by kind of error.
//
// The files -o and -summary name are written whole or not at all: the
// output goes to a temporary file beside each, renamed when it is
// complete, removed when the run fails.
//
// -timeout gives each file a deadline for its parse (parse.Config's
// Context): a file that takes longer (a few hundred KB parse in a few
// milliseconds) is stopped there and not checked, a row with the rule
// "parse/timeout" says where it was stopped, and the summary counts it
// among the files not read as reports and on a line of its own. The
// default, 0, sets no deadline.
//
// The exit status is 0 when every file was walked (findings and unreadable
// reports are data, not failures of the command), 1 when a file or
// directory could not be opened, and 2 for a usage error or when the
// output cannot be written.
package main

import (
	"bufio"
	"cmp"
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/opengovcn/annualreport/examples/internal/cmdio"
	"github.com/opengovcn/annualreport/parse"
	"github.com/opengovcn/annualreport/parse/pdf"
	"github.com/opengovcn/annualreport/validate"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// csvHeader names the columns of the findings CSV.
var csvHeader = []string{"file", "layout", "line", "col", "rule", "severity", "section", "cells", "unchecked", "message"}

// defaultExt are the extensions of the files a directory is searched for.
const defaultExt = ".txt,.json,.md,.html,.htm,.docx,.pdf"

// config is what a run does, from the command line.
type config struct {
	roots    []string
	workers  int
	checker  *validate.Checker
	exts     []string // lower case, with the dot; nil for every file
	interval time.Duration
	timeout  time.Duration // the deadline of each file's parse; 0 for none
}

func run(args []string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("batch", flag.ContinueOnError)
	flags.SetOutput(stderr)
	out := flags.String("o", "-", "write the findings CSV to `file` (- for standard output)")
	summaryFile := flags.String("summary", "", "write the summary to `file` (default standard error)")
	workers := flags.Int("workers", runtime.NumCPU(), "parse and check `n` files at a time")
	rules := flags.String("rules", "", "rules to run (a,b) or not to run (-a,-b), by ID")
	blankAsZero := flags.Bool("blank-as-zero", false, "count blank cells as 0")
	ext := flags.String("ext", defaultExt, "extensions of the files to read in directories (\"\" for every file)")
	interval := flags.Duration("progress", time.Second, "report progress this often (0 for never)")
	timeout := flags.Duration("timeout", 0, "stop the parse of a file after this long and report it (0 for no deadline)")
	flags.Usage = func() {
		fmt.Fprintln(stderr, "usage: batch [-o findings.csv] [-summary FILE] [-workers N] [-rules LIST] [-blank-as-zero] [-ext LIST] [-progress D] [-timeout D] DIR|FILE...")
		flags.PrintDefaults()
	}
	if err := flags.Parse(args); err != nil {
		return 2
	}
	if flags.NArg() == 0 || *workers < 1 || *timeout < 0 {
		flags.Usage()
		return 2
	}
	set, err := validate.Select(validate.Standard(), *rules)
	if err != nil {
		fmt.Fprintln(stderr, "batch:", err)
		return 2
	}
	cfg := config{
		roots:    flags.Args(),
		workers:  *workers,
		checker:  &validate.Checker{Rules: set, BlankAsZero: *blankAsZero},
		interval: *interval,
		timeout:  *timeout,
	}
	if *ext != "" {
		for _, e := range strings.Split(*ext, ",") {
			e = strings.ToLower(strings.TrimSpace(e))
			if e != "" && !strings.HasPrefix(e, ".") {
				e = "." + e
			}
			cfg.exts = append(cfg.exts, e)
		}
	}

	// The output files are written whole or not at all (cmdio.File): a
	// run that fails leaves them as they were.
	findings, summary := stdout, stderr
	var findingsFile, summaryOut *cmdio.File
	if *out != "-" {
		if findingsFile, err = cmdio.Create(*out); err != nil {
			fmt.Fprintln(stderr, "batch:", err)
			return 2
		}
		defer findingsFile.Abort()
		findings = findingsFile
	}
	if *summaryFile != "" {
		if summaryOut, err = cmdio.Create(*summaryFile); err != nil {
			fmt.Fprintln(stderr, "batch:", err)
			return 2
		}
		defer summaryOut.Abort()
		summary = summaryOut
	}

	st, err := cfg.batch(findings, stderr)
	if err == nil && findingsFile != nil {
		err = findingsFile.Commit()
	}
	if err != nil {
		fmt.Fprintln(stderr, "batch:", err)
		return 2
	}
	err = st.write(summary, cfg.checker.Rules)
	if err == nil && summaryOut != nil {
		err = summaryOut.Commit()
	}
	if err != nil {
		fmt.Fprintln(stderr, "batch:", err)
		return 2
	}
	if st.walkErrors > 0 {
		return 1
	}
	return 0
}

// result is what a worker found in one file.
type result struct {
	path   string
	size   int64
	layout string // the parser's name; empty when none recognised the file
	read   error  // the file could not be opened or read
	// skipped says why a file of the walk is not read: it is no
	// regular file (a named pipe would block the walk).
	skipped string
	// fatal is set when there is no report to check: the layout is
	// unknown, the file is not a report, or its parse ran out of time.
	fatal    bool
	timedOut bool         // the parse was stopped at -timeout
	errs     parse.Errors // what the parser could not read
	findings []validate.Finding
}

// batch walks the roots, parses and checks their files with cfg.workers
// workers, writes the findings to w as CSV as they come and progress to
// progress, and returns the counts.
func (cfg *config) batch(w io.Writer, progress io.Writer) (*stats, error) {
	paths := make(chan string, 4*cfg.workers)
	results := make(chan *result, 4*cfg.workers)
	walkErrs := make(chan *result, 1) // files that cannot be walked or are skipped

	go func() {
		defer close(paths)
		for _, root := range cfg.roots {
			err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
				if err != nil {
					walkErrs <- &result{path: path, read: err}
					if d != nil && d.IsDir() {
						return filepath.SkipDir
					}
					return nil
				}
				if path != root && strings.HasPrefix(d.Name(), ".") {
					if d.IsDir() {
						return filepath.SkipDir
					}
					return nil
				}
				if d.IsDir() {
					return nil
				}
				if path != root && cfg.exts != nil && !slices.Contains(cfg.exts, strings.ToLower(filepath.Ext(path))) {
					return nil
				}
				if path != root {
					if why := cmdio.Skip(path, d); why != "" {
						walkErrs <- &result{path: path, skipped: why}
						return nil
					}
				}
				paths <- path
				return nil
			})
			if err != nil {
				walkErrs <- &result{path: root, read: err}
			}
		}
	}()

	var wg sync.WaitGroup
	for range cfg.workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for path := range paths {
				results <- cfg.check(path)
			}
		}()
	}
	go func() {
		wg.Wait()
		close(results)
	}()

	st := newStats()
	bw := bufio.NewWriterSize(w, 64<<10)
	cw := csv.NewWriter(bw)
	if err := cw.Write(csvHeader); err != nil {
		return st, err
	}
	prog := newProgress(progress, cfg.interval)
	var werr error
	add := func(res *result) {
		st.add(res)
		if werr == nil {
			werr = writeRows(cw, res)
		}
	}
	for results != nil || walkErrs != nil {
		select {
		case res, ok := <-results:
			if !ok {
				results = nil
				// The walker is done too: paths is closed only after
				// its last error has been sent.
				for len(walkErrs) > 0 {
					add(<-walkErrs)
				}
				walkErrs = nil
				continue
			}
			add(res)
		case res := <-walkErrs:
			add(res)
		case <-prog.tick():
			prog.show(st, false)
		}
	}
	prog.show(st, true)
	cw.Flush()
	if werr == nil {
		werr = cw.Error()
	}
	if werr == nil {
		werr = bw.Flush()
	}
	return st, werr
}

// check reads, parses and checks one file. It keeps nothing of the
// report but the findings, whose Report it clears.
func (cfg *config) check(path string) *result {
	res := &result{path: path}
	src, err := cmdio.Read(path, nil)
	res.size = int64(len(src))
	if errors.Is(err, parse.ErrLimit) {
		res.fatal = true
		res.errs = errorList(err)
		return res
	}
	if err != nil {
		res.read = err
		return res
	}
	p, err := parse.Detect(src, parsers...)
	if err != nil {
		res.fatal = true
		res.errs = errorList(err)
		return res
	}
	res.layout = p.Name()
	// The Config holds the parser to the default limits (a zip bomb, a
	// page nested 100,000 deep), as parse.Parse would.
	pc := &parse.Config{Parsers: []parse.Parser{p}}
	if cfg.timeout > 0 {
		ctx, cancel := context.WithTimeout(context.Background(), cfg.timeout)
		defer cancel()
		pc.Context = ctx
	}
	r, err := pc.Parse(src)
	if errors.Is(err, context.DeadlineExceeded) {
		// What was read before the deadline is no report to check: only
		// the parse's errors, the deadline's among them, are kept.
		res.errs, res.fatal, res.timedOut = errorList(err), true, true
		return res
	}
	if err != nil {
		res.errs = errorList(err)
		if errors.Is(err, parse.ErrNoReport) || r == nil {
			res.fatal = true
			return res
		}
	}
	fs, err := cfg.checker.Check(r)
	if err != nil {
		// A rule failed as code: say so in the CSV like a finding.
		fs = append(fs, validate.Finding{Rule: "rule-error", Severity: validate.Error, Message: err.Error()})
	}
	for i := range fs {
		fs[i].Report = nil
	}
	res.findings = fs
	return res
}

// errorList returns the positioned errors of a parse error; an error
// without a position is put at 1:1.
func errorList(err error) parse.Errors {
	if list := parse.ErrorList(err); list != nil {
		return list
	}
	return parse.Errors{{Line: 1, Col: 1, Err: err, Msg: err.Error()}}
}

// sentinels name the kinds of parse error, for the CSV and the summary.
var sentinels = []struct {
	err  error
	name string
}{
	{parse.ErrUnknownLayout, "unknown-layout"},
	{parse.ErrNoReport, "no-report"},
	{parse.ErrSyntax, "syntax"},
	{parse.ErrUnknownLabel, "unknown-label"},
	{parse.ErrCellCount, "cell-count"},
	{parse.ErrAmbiguous, "ambiguous"},
	{parse.ErrMissing, "missing"},
	{parse.ErrLimit, "limit"},
	{context.DeadlineExceeded, "timeout"}, // -timeout
}

// kind names the sentinel err wraps.
func kind(err error) string {
	for _, s := range sentinels {
		if errors.Is(err, s.err) {
			return s.name
		}
	}
	return "other"
}

func writeRows(cw *csv.Writer, res *result) error {
	if res.skipped != "" {
		return cw.Write([]string{res.path, "", "", "", "skipped", "notice", "", "", "", "not a regular file: " + res.skipped + "; not read"})
	}
	if res.read != nil {
		return cw.Write([]string{res.path, "", "", "", "read", "error", "", "", "", res.read.Error()})
	}
	for _, e := range res.errs {
		if err := cw.Write([]string{res.path, res.layout, strconv.Itoa(e.Line), strconv.Itoa(e.Col),
			"parse/" + kind(e), "error", "", "", "", e.Msg}); err != nil {
			return err
		}
	}
	for _, f := range res.findings {
		line, col := "", ""
		if f.Src.Line > 0 {
			line, col = strconv.Itoa(f.Src.Line), strconv.Itoa(f.Src.Col)
		}
		cells := make([]string, len(f.Cells))
		for i, k := range f.Cells {
			cells[i] = k.String()
		}
		unchecked := ""
		if f.Unchecked {
			unchecked = "yes"
		}
		if err := cw.Write([]string{res.path, res.layout, line, col, f.Rule, f.Severity.String(),
			string(f.Section), strings.Join(cells, " "), unchecked, f.Message}); err != nil {
			return err
		}
	}
	return nil
}

// stats are the counts a run keeps: nothing per file, so that they stay
// the same size however many files there are.
type stats struct {
	start      time.Time
	files      int   // files taken from the walk, read or not
	bytes      int64 // bytes read
	walkErrors int   // files or directories that could not be opened
	skipped    int   // files of the walk that are not regular files
	notRead    int   // files with no report to check (unknown layout, not a report, timed out)
	timedOut   int   // files whose parse was stopped at -timeout
	withErrors int   // reports with at least one error finding or parse error
	parseFiles int   // files with at least one parse error
	layouts    map[string]int
	parseErrs  map[string]*count // by kind of error
	rules      map[string]*count // by rule ID
}

// count is how many reports have a kind of finding, and how many findings
// of that kind there are; for a rule, unchecked is how many reports it
// could not check (a cell it needs is blank or text), which do not count
// as breaking it.
type count struct{ reports, findings, unchecked int }

func newStats() *stats {
	return &stats{start: time.Now(), layouts: map[string]int{}, parseErrs: map[string]*count{}, rules: map[string]*count{}}
}

func (st *stats) add(res *result) {
	if res.skipped != "" {
		st.skipped++
		return
	}
	st.files++
	st.bytes += res.size
	if res.read != nil {
		st.walkErrors++
		return
	}
	if res.layout != "" {
		st.layouts[res.layout]++
	}
	if res.fatal {
		st.notRead++
	}
	if res.timedOut {
		st.timedOut++
	}
	bad := len(res.errs) > 0
	if len(res.errs) > 0 {
		st.parseFiles++
		seen := map[string]bool{}
		for _, e := range res.errs {
			k := kind(e)
			c := st.parseErrs[k]
			if c == nil {
				c = &count{}
				st.parseErrs[k] = c
			}
			c.findings++
			if !seen[k] {
				seen[k] = true
				c.reports++
			}
		}
	}
	seen := map[string]bool{}
	for _, f := range res.findings {
		c := st.rules[f.Rule]
		if c == nil {
			c = &count{}
			st.rules[f.Rule] = c
		}
		key := f.Rule
		if f.Unchecked {
			key += "\x00unchecked"
		}
		if !seen[key] {
			seen[key] = true
			if f.Unchecked {
				c.unchecked++
			} else {
				c.reports++
			}
		}
		if !f.Unchecked {
			c.findings++
		}
		if f.Severity == validate.Error {
			bad = true
		}
	}
	if bad {
		st.withErrors++
	}
}

// write writes the summary: totals and rate, the layouts read, the parse
// errors by kind and the rules, in the order they were run.
func (st *stats) write(w io.Writer, rules []*validate.Rule) error {
	elapsed := time.Since(st.start)
	tw := tabwriter.NewWriter(w, 0, 8, 2, ' ', 0)
	fmt.Fprintf(tw, "%s\n", st.line(elapsed))
	if st.timedOut > 0 {
		fmt.Fprintf(tw, "%d timed out (-timeout): their parse was stopped, they are not checked\n", st.timedOut)
	}
	fmt.Fprintln(tw)

	fmt.Fprintf(tw, "版式 layout\t报告 reports\n")
	for _, l := range sortedKeys(st.layouts, func(k string) int { return st.layouts[k] }) {
		fmt.Fprintf(tw, "%s\t%d\n", l, st.layouts[l])
	}
	fmt.Fprintf(tw, "\n解析错误 parse errors\t文件 files\t错误 errors\n")
	if len(st.parseErrs) == 0 && st.walkErrors == 0 {
		fmt.Fprintf(tw, "无 none\t0\t0\n")
	}
	for _, k := range sortedKeys(st.parseErrs, func(k string) int { return st.parseErrs[k].reports }) {
		c := st.parseErrs[k]
		fmt.Fprintf(tw, "%s\t%d\t%d\n", k, c.reports, c.findings)
	}
	if st.walkErrors > 0 {
		fmt.Fprintf(tw, "read\t%d\t%d\n", st.walkErrors, st.walkErrors)
	}
	if st.skipped > 0 {
		fmt.Fprintf(tw, "skipped\t%d\t%d\n", st.skipped, st.skipped)
	}
	fmt.Fprintf(tw, "\n规则 rule\t级别 severity\t报告 reports\t发现 findings\t未核对 unchecked\t说明 title\n")
	for _, r := range rules {
		if r.Across {
			continue // compares two reports; batch checks one at a time
		}
		c := st.rules[r.ID]
		if c == nil {
			c = &count{}
		}
		sev := r.Severity
		if sev == validate.Default {
			sev = validate.Error
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%s\n", r.ID, sev, c.reports, c.findings, c.unchecked, r.Title)
	}
	if c := st.rules["rule-error"]; c != nil {
		fmt.Fprintf(tw, "rule-error\terror\t%d\t%d\t0\t规则运行出错 a rule failed as code\n", c.reports, c.findings)
	}
	return tw.Flush()
}

// line is the one-line account of a run so far.
func (st *stats) line(elapsed time.Duration) string {
	secs := max(elapsed.Seconds(), 1e-9)
	skipped := ""
	if st.skipped > 0 {
		skipped = fmt.Sprintf("; %d skipped (not regular files)", st.skipped)
	}
	return fmt.Sprintf("%d files, %.1f MB in %s: %.0f files/s, %.1f MB/s; %d not read as reports, %d with errors%s",
		st.files, float64(st.bytes)/1e6, elapsed.Round(time.Millisecond),
		float64(st.files)/secs, float64(st.bytes)/1e6/secs, st.notRead+st.walkErrors, st.withErrors, skipped)
}

// sortedKeys returns m's keys, largest n first, then by name.
func sortedKeys[V any](m map[string]V, n func(string) int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		if c := cmp.Compare(n(b), n(a)); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	return keys
}

// progress shows the counts on a writer every interval: rewriting one line
// on a terminal, a line at a time elsewhere (a log file, CI).
type progress struct {
	w      io.Writer
	ticker *time.Ticker
	tty    bool
	width  int
}

func newProgress(w io.Writer, interval time.Duration) *progress {
	p := &progress{w: w}
	if interval > 0 {
		p.ticker = time.NewTicker(interval)
	}
	if f, ok := w.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
			p.tty = true
		}
	}
	return p
}

// tick returns the ticker's channel, or nil (never ready) with no ticker.
func (p *progress) tick() <-chan time.Time {
	if p.ticker == nil {
		return nil
	}
	return p.ticker.C
}

// show writes the progress line; final stops the ticker and, on a
// terminal, ends the line. Without a ticker (-progress 0) it shows nothing.
func (p *progress) show(st *stats, final bool) {
	if final && p.ticker != nil {
		p.ticker.Stop()
	}
	if p.ticker == nil {
		return
	}
	if final && !p.tty {
		return // the summary has the totals
	}
	line := "batch: " + st.line(time.Since(st.start))
	if !p.tty {
		fmt.Fprintln(p.w, line)
		return
	}
	pad := ""
	if n := len([]rune(line)); n < p.width {
		pad = strings.Repeat(" ", p.width-n)
	} else {
		p.width = n
	}
	fmt.Fprintf(p.w, "\r%s%s", line, pad)
	if final {
		fmt.Fprintln(p.w)
	}
}

// parsers are the standard parsers and the PDF reader of parse/pdf.
var parsers = append(parse.Standard(), pdf.Parser)
