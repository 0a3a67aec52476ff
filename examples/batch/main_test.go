package main

import (
	"bytes"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/opengovcn/annualreport/parse"
	"github.com/opengovcn/annualreport/render"
	"github.com/opengovcn/annualreport/report/reporttest"
	"github.com/opengovcn/annualreport/validate"
)

var many = flag.Int("many", 10000, "how many generated reports TestGenerated checks besides 1,000 (0 to skip; skipped with -short)")

// row is a CSV row, the columns the test compares.
type row struct{ file, line, col, rule, message string }

// readCSV reads the findings CSV batch wrote.
func readCSV(t *testing.T, path string) []row {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) == 0 || !slices.Equal(recs[0], csvHeader) {
		t.Fatalf("CSV header = %q, want %q", recs[0], csvHeader)
	}
	var rows []row
	for _, r := range recs[1:] {
		rows = append(rows, row{r[0], r[2], r[3], r[4], r[9]})
	}
	return rows
}

func sortRows(rows []row) {
	slices.SortFunc(rows, func(a, b row) int {
		return strings.Compare(fmt.Sprint(a), fmt.Sprint(b))
	})
}

// direct parses and checks the files one at a time, as examples/check
// does, and returns the rows batch should write and the number of reports
// that break each rule (not counting those it could not check).
func direct(t *testing.T, files []string) ([]row, map[string]int) {
	t.Helper()
	checker := &validate.Checker{Rules: validate.Standard()}
	var rows []row
	breaking := map[string]int{}
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		r, err := (&parse.Config{Parsers: parsers}).Parse(src)
		if err != nil {
			for _, e := range errorList(err) { // an error without a position (a damaged PDF) at 1:1
				rows = append(rows, row{file, fmt.Sprint(e.Line), fmt.Sprint(e.Col), "parse/" + kind(e), e.Msg})
			}
			if errors.Is(err, parse.ErrUnknownLayout) || errors.Is(err, parse.ErrNoReport) || r == nil {
				continue
			}
		}
		findings, err := checker.Check(r)
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		seen := map[string]bool{}
		for _, f := range findings {
			line, col := "", ""
			if f.Src.Line > 0 {
				line, col = fmt.Sprint(f.Src.Line), fmt.Sprint(f.Src.Col)
			}
			rows = append(rows, row{file, line, col, f.Rule, f.Message})
			if !f.Unchecked && !seen[f.Rule] {
				seen[f.Rule] = true
				breaking[f.Rule]++
			}
		}
	}
	return rows, breaking
}

// walk lists the files batch reads under dirs with the default extensions.
func walk(t *testing.T, dirs ...string) []string {
	t.Helper()
	var files []string
	for _, dir := range dirs {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && strings.Contains(defaultExt+",", filepath.Ext(path)+",") && !strings.HasPrefix(d.Name(), ".") {
				files = append(files, path)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return files
}

// summaryCounts reads the rule table of a summary: rule ID → reports.
func summaryCounts(t *testing.T, summary string) map[string]int {
	t.Helper()
	counts := map[string]int{}
	for _, r := range validate.Standard() {
		for _, line := range strings.Split(summary, "\n") {
			f := strings.Fields(line)
			if len(f) >= 4 && f[0] == r.ID {
				var n int
				if _, err := fmt.Sscan(f[2], &n); err != nil {
					t.Fatalf("summary line %q: %v", line, err)
				}
				if n > 0 {
					counts[r.ID] = n
				}
			}
		}
	}
	return counts
}

// runBatch runs the command with args and returns its findings CSV path
// and summary.
func runBatch(t *testing.T, args ...string) (string, string) {
	t.Helper()
	dir := t.TempDir()
	out, sum := filepath.Join(dir, "findings.csv"), filepath.Join(dir, "summary.txt")
	var stdout, stderr bytes.Buffer
	args = append([]string{"-o", out, "-summary", sum, "-progress", "0"}, args...)
	if code := run(args, &stdout, &stderr); code != 0 {
		t.Fatalf("batch %s: exit %d\n%s", strings.Join(args, " "), code, stderr.String())
	}
	if stdout.Len() > 0 || stderr.Len() > 0 {
		t.Errorf("batch wrote to stdout %q, stderr %q with -o, -summary and -progress 0", stdout.String(), stderr.String())
	}
	s, err := os.ReadFile(sum)
	if err != nil {
		t.Fatal(err)
	}
	return out, string(s)
}

// TestSeedsAndCorpus runs batch over the seeds and the conformance corpus
// and compares every row of its CSV and every count of its summary with
// what parsing and checking the files one by one gives.
func TestSeedsAndCorpus(t *testing.T) {
	dirs := []string{"../../testdata/seeds", "../../testdata/corpus", "../../testdata/hostile"}
	out, summary := runBatch(t, append([]string{"-workers", "3"}, dirs...)...)
	got := readCSV(t, out)
	files := walk(t, dirs...)
	want, breaking := direct(t, files)
	sortRows(got)
	sortRows(want)
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(row{})); diff != "" {
		t.Errorf("CSV rows (-direct +batch):\n%s", diff)
	}
	if diff := cmp.Diff(breaking, summaryCounts(t, summary)); diff != "" {
		t.Errorf("reports breaking each rule (-direct +summary):\n%s", diff)
	}
	// Seed 000 publishes a （七）总计 row of zeros: rules 1 and 3 fail in
	// the 自然人 column (line 334) and the 总计 column (line 340).
	seed := "../../testdata/seeds/000_f75296a9e8ded5b4.txt"
	var seen []string
	for _, r := range got {
		if r.file == seed && strings.HasPrefix(r.rule, "requests-") {
			seen = append(seen, r.line+":"+r.col+" "+r.rule)
		}
	}
	slices.Sort(seen)
	wantSeen := []string{"334:2 requests-balance", "334:2 requests-outcomes", "340:2 requests-balance", "340:2 requests-outcomes"}
	if !slices.Equal(seen, wantSeen) {
		t.Errorf("seed 000 rows = %q, want %q", seen, wantSeen)
	}
	if !strings.HasPrefix(summary, fmt.Sprintf("%d files,", len(files))) {
		t.Errorf("summary does not start with the count of %d files:\n%s", len(files), summary)
	}
}

// TestNotReports runs batch over files that are not reports, one that
// cannot be opened, and a hidden directory: each is a row and a count,
// and the walk goes on.
func TestNotReports(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) {
		t.Helper()
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("empty.txt", "")
	write("news.html", "<html><head><title>新闻</title></head><body><ul><li>市政府召开常务会议</li></ul></body></html>")
	write(".git/config.txt", "not walked")
	write("sub/notes.xls", "skipped by extension")
	seed, err := os.ReadFile("../../testdata/seeds/001_10659aee92df145a.txt")
	if err != nil {
		t.Fatal(err)
	}
	write("sub/001.txt", string(seed))

	out, summary := runBatch(t, dir)
	rows := readCSV(t, out)
	byFile := map[string][]string{}
	for _, r := range rows {
		rel, _ := filepath.Rel(dir, r.file)
		byFile[rel] = append(byFile[rel], r.rule)
	}
	want := map[string][]string{
		"empty.txt": {"parse/unknown-layout"},
		"news.html": {"parse/no-report"},
	}
	if diff := cmp.Diff(want, byFile); diff != "" {
		t.Errorf("rows by file (-want +got):\n%s", diff)
	}
	if !strings.HasPrefix(summary, "3 files,") || !strings.Contains(summary, "2 not read as reports") {
		t.Errorf("summary:\n%s", summary)
	}

	// Every file, whatever its extension, with -ext "".
	_, summary = runBatch(t, "-ext", "", dir)
	if !strings.HasPrefix(summary, "4 files,") {
		t.Errorf("-ext \"\": summary:\n%s", summary)
	}
}

// renderers are the formats the generated reports are written in, with
// their file extensions.
var renderers = []struct {
	ext string
	r   render.Renderer
}{
	{".txt", render.Text{}},
	{".txt", render.TSV{}},
	{".txt", render.Pipes{}},
	{".html", render.HTML{}},
	{".md", render.Markdown{}},
	{".docx", render.DOCX{}},
	{".json", render.JSON{}},
}

// generate writes n reports made by reporttest.Generate into dir, 100 to
// a subdirectory, every breakage in turn and every format in turn, and
// returns how many reports break each rule the arithmetic breakages break.
func generate(t *testing.T, dir string, n int) map[string]int {
	t.Helper()
	rules := map[reporttest.Breakage]string{
		reporttest.BrokenBalance:    "requests-balance",
		reporttest.WrongTotal:       "requests-outcomes",
		reporttest.WrongRowTotal:    "requests-row-total",
		reporttest.TemplateMismatch: "template-year",
	}
	breakages := reporttest.Breakages()
	want := map[string]int{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	var failed atomic.Bool
	next := atomic.Int64{}
	for range runtime.NumCPU() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			for {
				i := int(next.Add(1) - 1)
				if i >= n || failed.Load() {
					return
				}
				b := breakages[i%len(breakages)]
				g := reporttest.Generate(uint64(i), reporttest.Options{Break: b})
				f := renderers[(i/len(breakages))%len(renderers)]
				buf.Reset()
				if err := f.r.Render(&buf, g.Report); err != nil {
					t.Error(err)
					failed.Store(true)
					return
				}
				sub := filepath.Join(dir, fmt.Sprintf("%03d", i/100))
				if err := os.MkdirAll(sub, 0o755); err != nil {
					t.Error(err)
					failed.Store(true)
					return
				}
				if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("%05d%s", i, f.ext)), buf.Bytes(), 0o644); err != nil {
					t.Error(err)
					failed.Store(true)
					return
				}
				if id, ok := rules[b]; ok {
					mu.Lock()
					want[id]++
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	if failed.Load() {
		t.FailNow()
	}
	return want
}

// peakHeap runs f while sampling the heap in use every few milliseconds
// and returns the largest sample.
func peakHeap(f func()) uint64 {
	runtime.GC()
	var peak atomic.Uint64
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		var m runtime.MemStats
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			runtime.ReadMemStats(&m)
			if m.HeapInuse > peak.Load() {
				peak.Store(m.HeapInuse)
			}
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	f()
	close(done)
	<-stopped
	return peak.Load()
}

// TestGenerated runs batch over 1,000 generated reports in seven formats
// and compares its CSV and summary with checking the files one by one,
// then over -many (10,000 by default) and checks that its memory stays as
// it was for 1,000: the command streams.
func TestGenerated(t *testing.T) {
	const small = 1000
	dir := t.TempDir()
	want := generate(t, dir, small)
	var out, summary string
	smallPeak := peakHeap(func() { out, summary = runBatch(t, dir) })
	files := walk(t, dir)
	if len(files) != small {
		t.Fatalf("%d files generated, want %d", len(files), small)
	}
	rows, breaking := direct(t, files)
	got := readCSV(t, out)
	sortRows(rows)
	sortRows(got)
	if diff := cmp.Diff(rows, got, cmp.AllowUnexported(row{})); diff != "" {
		t.Errorf("CSV rows (-direct +batch):\n%s", diff)
	}
	counts := summaryCounts(t, summary)
	if diff := cmp.Diff(breaking, counts); diff != "" {
		t.Errorf("reports breaking each rule (-direct +summary):\n%s", diff)
	}
	for id, n := range want {
		if counts[id] != n {
			t.Errorf("%s: %d reports break it, %d were generated to", id, counts[id], n)
		}
	}
	t.Logf("%d reports: %s; peak heap %.1f MB", small, strings.SplitN(summary, "\n", 2)[0], float64(smallPeak)/1e6)

	if *many == 0 || testing.Short() {
		return
	}
	dir = t.TempDir()
	want = generate(t, dir, *many)
	bigPeak := peakHeap(func() { out, summary = runBatch(t, dir) })
	if !strings.HasPrefix(summary, fmt.Sprintf("%d files,", *many)) || !strings.Contains(summary, " 0 not read as reports") {
		t.Errorf("summary:\n%s", summary)
	}
	counts = summaryCounts(t, summary)
	for id, n := range want {
		if counts[id] != n {
			t.Errorf("%s: %d reports break it, %d were generated to", id, counts[id], n)
		}
	}
	t.Logf("%d reports: %s; peak heap %.1f MB", *many, strings.SplitN(summary, "\n", 2)[0], float64(bigPeak)/1e6)
	// Ten times the files, the same memory: allow for the collector's
	// timing and the larger directory listings, not for anything that
	// grows with the number of files (their findings alone would be tens
	// of megabytes).
	if bigPeak > 2*smallPeak+8<<20 {
		t.Errorf("peak heap %.1f MB for %d files, %.1f MB for %d: memory grows with the number of files",
			float64(bigPeak)/1e6, *many, float64(smallPeak)/1e6, small)
	}
}

// TestProgress checks that progress lines go to standard error, one a
// line when it is not a terminal, and the CSV and summary to their files.
func TestProgress(t *testing.T) {
	dir := t.TempDir()
	out, sum := filepath.Join(dir, "findings.csv"), filepath.Join(dir, "summary.txt")
	var stdout, stderr bytes.Buffer
	args := []string{"-o", out, "-summary", sum, "-progress", "1ns", "-workers", "1", "../../testdata/corpus"}
	if code := run(args, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	lines := strings.Split(strings.TrimSuffix(stderr.String(), "\n"), "\n")
	for _, l := range lines {
		if !strings.HasPrefix(l, "batch: ") || !strings.Contains(l, " files/s, ") || strings.Contains(l, "\r") {
			t.Errorf("progress line %q", l)
		}
	}
	if len(lines) == 0 || stdout.Len() > 0 {
		t.Errorf("stdout %q, stderr %q", stdout.String(), stderr.String())
	}
}

// TestUsage checks the exit status of a misuse.
func TestUsage(t *testing.T) {
	for _, args := range [][]string{{}, {"-workers", "0", "."}, {"-rules", "no-such-rule", "."}, {"-nope"}} {
		var stdout, stderr bytes.Buffer
		if code := run(args, &stdout, &stderr); code != 2 || stderr.Len() == 0 {
			t.Errorf("batch %q: exit %d, stderr %q; want 2 and a message", args, code, stderr.String())
		}
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-progress", "0", "no/such/dir"}, &stdout, &stderr); code != 1 {
		t.Errorf("missing directory: exit %d, want 1; stderr %q", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "no/such/dir,,,,read,error") {
		t.Errorf("missing directory: CSV %q has no read row", stdout.String())
	}
}

// TestTimeout runs batch with a per-file deadline that every parse
// overruns: each report is a "parse/timeout" row with its position, is not
// checked, and the summary counts it.
func TestTimeout(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"000_f75296a9e8ded5b4", "001_10659aee92df145a"} {
		seed, err := os.ReadFile("../../testdata/seeds/" + name + ".txt")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name+".txt"), seed, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, summary := runBatch(t, "-timeout", "1ns", dir)
	timeouts := 0
	for _, r := range readCSV(t, out) {
		switch {
		case r.rule == "parse/timeout":
			timeouts++
		case !strings.HasPrefix(r.rule, "parse/"):
			t.Errorf("a file that timed out was checked: %+v", r)
		}
	}
	if timeouts != 2 {
		t.Errorf("%d parse/timeout rows, want 2", timeouts)
	}
	if !strings.Contains(summary, "2 not read as reports") || !strings.Contains(summary, "2 timed out (-timeout)") ||
		!regexp.MustCompile(`(?m)^timeout +2 +2$`).MatchString(summary) {
		t.Errorf("summary:\n%s", summary)
	}

	// A deadline the parses meet changes nothing.
	_, summary = runBatch(t, "-timeout", "1m", dir)
	if strings.Contains(summary, "timed out") || !strings.Contains(summary, " 0 not read as reports") {
		t.Errorf("-timeout 1m: summary:\n%s", summary)
	}
}
