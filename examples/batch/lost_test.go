package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestNothingLost runs batch over ten thousand files (three hundred with
// -short): generated reports in every format, the real reports of
// testdata/real, the hostile files, and the real files cut short at many
// places, with a file that cannot be opened among them. Nothing may be
// lost (issue 21): the summary counts every file once; every file whose
// parse or check gives a row (an error, a finding) has exactly those rows
// in the CSV, none twice and none of another; a file that cannot be read
// has its error; and the files without a row are the ones that parse and
// check clean one by one.
func TestNothingLost(t *testing.T) {
	total := 10000
	if testing.Short() {
		total = 300
	}
	dir := t.TempDir()

	// The real, hostile and cut files, about a tenth of the total.
	var sources [][2]string // name, path
	for _, pattern := range []string{"../../testdata/real/*.*", "../../testdata/hostile/*"} {
		paths, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range paths {
			if strings.HasSuffix(p, ".want") || filepath.Base(p) == "README.md" {
				continue
			}
			sources = append(sources, [2]string{filepath.Base(p), p})
		}
	}
	odd := filepath.Join(dir, "odd")
	if err := os.MkdirAll(odd, 0o755); err != nil {
		t.Fatal(err)
	}
	n := 0
	for i := 0; n < total/10; i++ {
		s := sources[i%len(sources)]
		src, err := os.ReadFile(s[1])
		if err != nil {
			t.Fatal(err)
		}
		name, ext := s[0], filepath.Ext(s[0])
		if !strings.Contains(defaultExt+",", ext+",") {
			ext = ".txt" // the PDF and the images, which batch is to read too
		}
		if i >= len(sources) { // after one whole copy of each, cut copies
			cut := len(src) * (i / len(sources)) / (total/10/len(sources) + 2)
			src = src[:cut]
			name = fmt.Sprintf("%s.cut%d", name, cut)
		}
		if err := os.WriteFile(filepath.Join(odd, fmt.Sprintf("%04d-%s%s", i, name, ext)), src, 0o644); err != nil {
			t.Fatal(err)
		}
		n++
	}
	// A file that cannot be opened, where permissions can say so (not
	// for root). (A link to nothing would be one too, but the walk passes
	// over links without a word: it takes regular files only.)
	locked := filepath.Join(odd, "locked.txt")
	if err := os.WriteFile(locked, []byte("一、总体情况\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(locked, 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(locked, 0o644) })
	if f, err := os.Open(locked); err == nil {
		f.Close()
		t.Log("running as root: every file can be opened; the unreadable file is read")
		os.Chmod(locked, 0o644)
		locked = ""
	}
	n++
	generate(t, dir, total-n)

	files := walk(t, dir)
	if len(files) != total {
		t.Fatalf("%d files under the directory, want %d", len(files), total)
	}
	csvPath, sumPath := filepath.Join(t.TempDir(), "findings.csv"), filepath.Join(t.TempDir(), "summary.txt")
	var stdout, stderr bytes.Buffer
	wantCode := 0
	if locked != "" {
		wantCode = 1 // a file could not be opened
	}
	if code := run([]string{"-o", csvPath, "-summary", sumPath, "-progress", "0", dir}, &stdout, &stderr); code != wantCode {
		t.Fatalf("exit %d, want %d\n%s", code, wantCode, stderr.String())
	}
	summary, err := os.ReadFile(sumPath)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(summary), fmt.Sprintf("%d files,", total)) {
		t.Errorf("summary does not count %d files:\n%s", total, summary)
	}
	got := readCSV(t, csvPath)

	// The file that cannot be opened: one row, its error.
	if locked != "" {
		var readRows []row
		for _, r := range got {
			if r.file == locked {
				readRows = append(readRows, r)
			}
		}
		if len(readRows) != 1 || readRows[0].rule != "read" || !strings.Contains(readRows[0].message, "permission denied") {
			t.Errorf("rows of %s = %q, want one \"read\" row with its error", locked, readRows)
		}
	}

	// Every other file: its rows as parsing and checking it alone gives.
	others := slices.DeleteFunc(slices.Clone(files), func(f string) bool { return f == locked })
	want, _ := direct(t, others)
	got = slices.DeleteFunc(got, func(r row) bool { return r.file == locked })
	inputs := map[string]bool{}
	for _, f := range files {
		inputs[f] = true
	}
	for _, r := range got {
		if !inputs[r.file] {
			t.Fatalf("a row of %q, which is no input", r.file)
		}
	}
	perFile := func(rows []row) map[string][]row {
		m := map[string][]row{}
		for _, r := range rows {
			m[r.file] = append(m[r.file], r)
		}
		for _, rs := range m {
			sortRows(rs)
		}
		return m
	}
	wantBy, gotBy := perFile(want), perFile(got)
	clean, bad := 0, 0
	for _, f := range others {
		if len(wantBy[f]) == 0 {
			clean++
		}
		if d := cmp.Diff(wantBy[f], gotBy[f], cmp.AllowUnexported(row{})); d != "" {
			if bad++; bad <= 5 {
				t.Errorf("%s: rows (-one by one +batch):\n%s", f, d)
			}
		}
	}
	if bad > 5 {
		t.Errorf("and %d more files", bad-5)
	}
	t.Logf("%d files: %d rows, %d files without one (clean), %d odd ones (real, hostile, cut)", total, len(got), clean, n)
}
