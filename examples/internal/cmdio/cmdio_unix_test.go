//go:build unix

package cmdio

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestSkipFIFO: a walk is told to skip a named pipe, not a file or a
// link to one.
func TestSkipFIFO(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.txt"), 0o644); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	os.WriteFile(filepath.Join(dir, "a.txt"), []byte("a"), 0o644)
	os.Symlink("a.txt", filepath.Join(dir, "link.txt"))
	os.Symlink("nowhere.txt", filepath.Join(dir, "broken.txt"))
	want := map[string]string{"a.txt": "", "link.txt": "", "pipe.txt": "a named pipe (FIFO)", "broken.txt": "a broken symbolic link"}
	des, _ := os.ReadDir(dir)
	for _, d := range des {
		if got := Skip(filepath.Join(dir, d.Name()), d); got != want[d.Name()] {
			t.Errorf("%s: %q, want %q", d.Name(), got, want[d.Name()])
		}
	}
}
