//go:build unix

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestFIFOAndLimit runs batch over a directory with a FIFO, a file over
// the input limit and a report: the FIFO is skipped and said so (it
// blocked the walk), the large file is a parse/limit row that names the
// limit, not its own size, and the outputs are whole files and nothing
// else.
func TestFIFOAndLimit(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe.txt")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	seed, err := os.ReadFile("../../testdata/seeds/001_10659aee92df145a.txt")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "001.txt"), seed, 0o644)
	big, err := os.Create(filepath.Join(dir, "big.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if err := big.Truncate(40 << 20); err != nil {
		big.Close()
		t.Skip(err)
	}
	big.Close()

	outDir := t.TempDir()
	out, sum := filepath.Join(outDir, "findings.csv"), filepath.Join(outDir, "summary.txt")
	done := make(chan int, 1)
	var stdout, stderr bytes.Buffer
	go func() { done <- run([]string{"-o", out, "-summary", sum, "-progress", "0", dir}, &stdout, &stderr) }()
	select {
	case code := <-done:
		if code != 0 || stdout.Len() > 0 || stderr.Len() > 0 {
			t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout.String(), stderr.String())
		}
	case <-time.After(60 * time.Second):
		t.Fatal("batch on a directory with a FIFO has not finished in 60 s") // the guard of a hang, not a timing
	}
	byFile := map[string][]row{}
	for _, r := range readCSV(t, out) {
		byFile[filepath.Base(r.file)] = append(byFile[filepath.Base(r.file)], r)
	}
	if rs := byFile["big.txt"]; len(rs) != 1 || rs[0].rule != "parse/limit" ||
		rs[0].message != "the input is larger than the limit of 33554432 bytes (Limits.Input); not read past it" {
		t.Errorf("big.txt: %q", rs)
	}
	if rs := byFile["pipe.txt"]; len(rs) != 1 || rs[0].rule != "skipped" || rs[0].message != "not a regular file: a named pipe (FIFO); not read" {
		t.Errorf("pipe.txt: %q", rs)
	}
	s, _ := os.ReadFile(sum)
	if !strings.HasPrefix(string(s), "2 files,") || !strings.Contains(string(s), "1 skipped (not regular files)") ||
		!strings.Contains(string(s), "\nskipped ") {
		t.Errorf("summary:\n%s", s)
	}
	if des, _ := os.ReadDir(outDir); len(des) != 2 {
		t.Errorf("%d files beside the outputs, want none", len(des)-2)
	}
}
