// Package cmdio reads the inputs and writes the output files of the
// example commands: an input is read within parse's Limits.Input, never
// past it, and an output file is written whole or not at all.
package cmdio

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/opengovcn/annualreport/parse"
)

// Read reads the input a command was given: standard input for "-",
// otherwise the named file (a FIFO or a device too: the user named it).
// It reads no more than parse.DefaultLimits.Input bytes and one, with
// parse.ReadInput: an input larger than the limit gets an error wrapping
// parse.ErrLimit that says so, and costs no more than the limit.
func Read(name string, stdin io.Reader) ([]byte, error) {
	if name == "-" {
		return parse.ReadInput(stdin)
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return parse.ReadInput(f)
}

// Skip returns why a walk should not read the file d: nothing for a
// regular file or a symbolic link to one, else what the file is (a named
// pipe would block the walk until someone writes to it, a device may
// never end). path is d's path, to follow a link.
func Skip(path string, d fs.DirEntry) string {
	mode := d.Type()
	if mode&fs.ModeSymlink != 0 {
		fi, err := os.Stat(path)
		if err != nil {
			return "a broken symbolic link"
		}
		mode = fi.Mode().Type()
	}
	switch {
	case mode.IsRegular():
		return ""
	case mode&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case mode&fs.ModeSocket != 0:
		return "a socket"
	case mode&fs.ModeDevice != 0:
		return "a device"
	case mode.IsDir():
		return "a directory"
	}
	return "not a regular file"
}

// A File is an output file being written: a temporary file in the same
// directory, renamed to the file's name by Commit when everything has
// been written, removed by Abort otherwise. Whoever reads the file meets
// the whole output or the file as it was before, never a part. A name
// that is not a regular file (a device such as /dev/stdout, a named pipe)
// is written in place: there is nothing to rename.
type File struct {
	*os.File        // where the output goes
	name     string // the file to make; "" when written in place
	done     bool
}

// Create starts writing the file name. A new file gets the mode 0644, a
// file replaced keeps its mode; a symbolic link is followed, and the file
// it points to is replaced.
func Create(name string) (*File, error) {
	if fi, err := os.Lstat(name); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		if target, err := filepath.EvalSymlinks(name); err == nil {
			name = target
		}
	}
	perm := fs.FileMode(0o644)
	switch fi, err := os.Stat(name); {
	case err == nil && !fi.Mode().IsRegular():
		f, err := os.OpenFile(name, os.O_WRONLY|os.O_TRUNC, 0)
		if err != nil {
			return nil, err
		}
		return &File{File: f}, nil
	case err == nil:
		perm = fi.Mode().Perm()
	case !errors.Is(err, fs.ErrNotExist):
		return nil, err
	}
	dir, base := filepath.Split(name)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		return nil, err
	}
	if err := f.Chmod(perm); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, err
	}
	return &File{File: f, name: name}, nil
}

// Commit closes the file and gives it its name, replacing what had it.
// After an error nothing of the output is left.
func (f *File) Commit() error {
	if f.done {
		return fmt.Errorf("%s: already committed or aborted", f.name)
	}
	f.done = true
	if f.name == "" {
		return f.File.Close()
	}
	err := f.File.Close()
	if err == nil {
		err = os.Rename(f.File.Name(), f.name)
	}
	if err != nil {
		os.Remove(f.File.Name())
	}
	return err
}

// Abort closes the file and removes what was written, leaving the named
// file as it was. It does nothing after Commit, so that it may be
// deferred.
func (f *File) Abort() {
	if f.done {
		return
	}
	f.done = true
	f.File.Close()
	if f.name != "" {
		os.Remove(f.File.Name())
	}
}
