package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A file over the input limit is reported as such, alone: no finding of
// a report that was never read.
func TestOverLimit(t *testing.T) {
	big := filepath.Join(t.TempDir(), "big.txt")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(40 << 20); err != nil {
		f.Close()
		t.Skip(err)
	}
	f.Close()
	status, out, errOut := runCheck(t, big)
	want := big + ":1:1: parse: the input is larger than the limit of 33554432 bytes (Limits.Input); not read past it\n"
	if status != 2 || out != want || errOut != "" {
		t.Errorf("status %d, stdout %q, stderr %q; want 2, %q", status, out, errOut, want)
	}
}

// A directory with no report file in it is an error, said so.
func TestEmptyDir(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "notes.pdf.part"), []byte("x"), 0o644)
	status, out, errOut := runCheck(t, dir)
	want := "check: " + dir + ": no report file found (.txt .json .md .html .htm .docx .pdf)\n"
	if status != 2 || out != "" || errOut != want {
		t.Errorf("status %d, stdout %q, stderr %q; want 2 and %q", status, out, errOut, want)
	}
	// A directory that has some, beside an empty one, is checked all the
	// same.
	status, out, errOut = runCheck(t, dir, seeds+"000_f75296a9e8ded5b4.txt")
	if status != 2 || !strings.Contains(out, "000_f75296a9e8ded5b4.txt: 4 errors") || errOut != want {
		t.Errorf("with a seed: status %d, stdout %q, stderr %q", status, out, errOut)
	}
}

// "-" is standard input, read as a file named "-".
func TestStdin(t *testing.T) {
	src, err := os.ReadFile(seeds + "003_cda8e236fd2b0dc4.txt")
	if err != nil {
		t.Fatal(err)
	}
	_, want, _ := runCheck(t, seeds+"003_cda8e236fd2b0dc4.txt")
	want = strings.ReplaceAll(want, seeds+"003_cda8e236fd2b0dc4.txt", "-")
	status, out, errOut := runCheckStdin(t, strings.NewReader(string(src)), "-")
	if status != 1 && status != 0 || out != want || errOut != "" {
		t.Errorf("status %d, stderr %q, stdout\n%s\nwant\n%s", status, errOut, out, want)
	}
}
