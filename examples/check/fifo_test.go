//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A FIFO in a directory is skipped, said so, instead of blocking the walk
// until someone writes to it; a FIFO named on the command line is read.
func TestFIFO(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe.txt")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	src, err := os.ReadFile(seeds + "000_f75296a9e8ded5b4.txt")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "000.txt"), src, 0o644); err != nil {
		t.Fatal(err)
	}
	type result struct {
		status      int
		out, errOut string
	}
	done := make(chan result, 1)
	go func() {
		status, out, errOut := runCheck(t, dir)
		done <- result{status, out, errOut}
	}()
	var res result
	select {
	case res = <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("check DIR with a FIFO in it has not finished in 30 s") // the guard of a hang, not a timing
	}
	if res.status != 1 || !strings.Contains(res.out, "000.txt: 4 errors") || strings.Contains(res.out, "pipe.txt") ||
		res.errOut != "check: skipping "+fifo+": a named pipe (FIFO)\n" {
		t.Errorf("status %d, stdout %q, stderr %q", res.status, res.out, res.errOut)
	}

	// Named explicitly, it is read as any file.
	go func() {
		w, err := os.OpenFile(fifo, os.O_WRONLY, 0)
		if err != nil {
			return
		}
		w.Write(src)
		w.Close()
	}()
	go func() {
		status, out, errOut := runCheck(t, fifo)
		done <- result{status, out, errOut}
	}()
	select {
	case res = <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("check FIFO has not finished in 30 s")
	}
	if res.status != 1 || !strings.Contains(res.out, fifo+": 4 errors") || res.errOut != "" {
		t.Errorf("the FIFO named: status %d, stdout %q, stderr %q", res.status, res.out, res.errOut)
	}
}
