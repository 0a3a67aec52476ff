package main

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	arreport "github.com/opengovcn/annualreport/report"
)

// endless is a standard input that never ends.
type endless struct{ n int64 }

func (e *endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = ' '
	}
	e.n += int64(len(p))
	return len(p), nil
}

// allocated runs f and returns the bytes it allocated.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

const limitMsg = ":1:1: the input is larger than the limit of 33554432 bytes (Limits.Input); not read past it\n"

// An input that never ends is read to the limit, not to the end of memory.
func TestEndlessStdin(t *testing.T) {
	in := &endless{}
	var out, errOut bytes.Buffer
	var status int
	alloc := allocated(func() { status = run([]string{"-"}, in, &out, &errOut) })
	if status != 1 || errOut.String() != "-"+limitMsg || out.Len() != 0 {
		t.Errorf("status %d, stdout %q, stderr %q", status, out.String(), errOut.String())
	}
	if in.n > 34<<20 {
		t.Errorf("read %d bytes of an endless input", in.n)
	}
	t.Logf("endless standard input: %.1f MB allocated", float64(alloc)/1e6)
	if alloc > 50<<20 {
		t.Errorf("%d bytes allocated, want under 50 MiB", alloc)
	}
}

// A 2 GB file (sparse, where the file system allows) costs no memory: its
// size is over the limit.
func TestHugeFile(t *testing.T) {
	name := filepath.Join(t.TempDir(), "huge.txt")
	f, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(2 << 30); err != nil {
		f.Close()
		t.Skip("cannot make a 2 GB file here:", err)
	}
	f.Close()
	var out, errOut bytes.Buffer
	var status int
	alloc := allocated(func() { status = run([]string{name}, nil, &out, &errOut) })
	if status != 1 || errOut.String() != name+limitMsg || out.Len() != 0 {
		t.Errorf("status %d, stdout %q, stderr %q", status, out.String(), errOut.String())
	}
	t.Logf("2 GB file: %.1f MB allocated", float64(alloc)/1e6)
	if alloc > 50<<20 {
		t.Errorf("%d bytes allocated, want under 50 MiB", alloc)
	}
}

// /dev/zero, which never ends, is read to the limit.
func TestDevZero(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	_, errOut, status := runConvert("", "/dev/zero")
	if status != 1 || errOut != "/dev/zero"+limitMsg {
		t.Errorf("status %d, stderr %q", status, errOut)
	}
}

// failing writes part of its output, then fails, as a renderer that meets
// what it cannot write does.
type failing struct{}

func (failing) Render(w io.Writer, r *arreport.Report) error {
	w.Write(bytes.Repeat([]byte("部分"), 2000))
	return errors.New("cannot write this report")
}

// A render that fails leaves no file behind, and a file of that name
// from before as it was; one that succeeds replaces it whole.
func TestOutputWholeOrNothing(t *testing.T) {
	renderers["failing"] = failing{}
	defer delete(renderers, "failing")
	seed := "../../testdata/seeds/000_f75296a9e8ded5b4.txt"
	dir := t.TempDir()
	file := filepath.Join(dir, "out.txt")

	_, errOut, status := runConvert("", "-to", "failing", "-o", file, seed)
	if status != 1 || !strings.Contains(errOut, "cannot write this report") {
		t.Errorf("status %d, stderr %q", status, errOut)
	}
	if des, _ := os.ReadDir(dir); len(des) != 0 {
		t.Errorf("a failed render left %s", des[0].Name())
	}

	os.WriteFile(file, []byte("before\n"), 0o644)
	runConvert("", "-to", "failing", "-o", file, seed)
	if b, _ := os.ReadFile(file); string(b) != "before\n" {
		t.Errorf("a failed render changed the file: %.40q", b)
	}
	// Nothing read, nothing written: the file stays as it was.
	if _, _, status := runConvert("", "-o", file, "no-such-file.txt"); status != 1 {
		t.Errorf("missing input: status %d", status)
	}
	if b, _ := os.ReadFile(file); string(b) != "before\n" {
		t.Errorf("an input that could not be read changed the file: %.40q", b)
	}
	if _, _, status := runConvert("", "-to", "json", "-o", file, seed); status != 0 {
		t.Errorf("json: status %d", status)
	}
	want, _ := os.ReadFile("../../testdata/golden/000_f75296a9e8ded5b4.json")
	if b, _ := os.ReadFile(file); string(b) != string(want) {
		t.Errorf("-o after a success holds %.40q, want the golden JSON", b)
	}
	if des, _ := os.ReadDir(dir); len(des) != 1 {
		t.Errorf("%d files in the directory, want out.txt alone", len(des))
	}
}
