package cmdio

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/opengovcn/annualreport/parse"
)

// entries lists a directory's names.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	des, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, d := range des {
		names = append(names, d.Name())
	}
	return names
}

// TestFileCommitAbort: a committed file has the whole output under its
// name and nothing else is left; an aborted one leaves the directory as
// it was, an earlier file untouched.
func TestFileCommitAbort(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "out.json")
	f, err := Create(name)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("half")
	if _, err := os.Stat(name); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the file exists before Commit: %v", err)
	}
	f.WriteString(" and whole")
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	f.Abort() // after Commit, nothing
	if b, err := os.ReadFile(name); err != nil || string(b) != "half and whole" {
		t.Errorf("after Commit: %q, %v", b, err)
	}
	if fi, err := os.Stat(name); err != nil || fi.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, %v; want 0644", fi.Mode(), err)
	}
	if got := entries(t, dir); len(got) != 1 {
		t.Errorf("directory holds %q, want out.json alone", got)
	}

	os.Chmod(name, 0o600)
	f, err = Create(name)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("partial")
	f.Abort()
	if b, err := os.ReadFile(name); err != nil || string(b) != "half and whole" {
		t.Errorf("after Abort: %q, %v; want the earlier file", b, err)
	}
	if got := entries(t, dir); len(got) != 1 {
		t.Errorf("after Abort the directory holds %q", got)
	}
	f, _ = Create(name)
	f.WriteString("new")
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(name); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("replaced file's mode %v, %v; want its own 0600", fi.Mode(), err)
	}

	// A relative name goes in the current directory's temporary file.
	t.Chdir(dir)
	f, err = Create("rel.txt")
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Dir(f.Name()) != "." {
		t.Errorf("temporary file %s, want in .", f.Name())
	}
	f.Abort()

	// A link is followed: the file it points to is replaced.
	os.Symlink("out.json", "link.json")
	f, _ = Create("link.json")
	f.WriteString("through the link")
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat("link.json"); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v", err)
	}
	if b, _ := os.ReadFile(name); string(b) != "through the link" {
		t.Errorf("through the link: %q", b)
	}

	if _, err := Create(filepath.Join(dir, "no-such-dir", "x")); err == nil {
		t.Error("Create in a missing directory: no error")
	}
}

// TestFileDevice: a device is written in place.
func TestFileDevice(t *testing.T) {
	if _, err := os.Stat(os.DevNull); err != nil {
		t.Skip(err)
	}
	f, err := Create(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("x")
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(os.DevNull); err != nil || fi.Mode().IsRegular() {
		t.Errorf("%s became a regular file", os.DevNull)
	}
}

// TestReadLimit: a file or standard input over the limit is refused
// with ErrLimit; /dev/zero is read to the limit only.
func TestReadLimit(t *testing.T) {
	name := filepath.Join(t.TempDir(), "big.txt")
	f, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(parse.DefaultLimits.Input + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if _, err := Read(name, nil); !errors.Is(err, parse.ErrLimit) || !strings.Contains(err.Error(), "larger than the limit of 33554432 bytes") {
		t.Errorf("a file over the limit: %v", err)
	}
	if b, err := Read("-", strings.NewReader("abc")); err != nil || string(b) != "abc" {
		t.Errorf("standard input: %q, %v", b, err)
	}
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	if _, err := Read("/dev/zero", nil); !errors.Is(err, parse.ErrLimit) {
		t.Errorf("/dev/zero: %v, want ErrLimit", err)
	}
}
