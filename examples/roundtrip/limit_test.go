package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A file over parse's input limit is refused by its size, not read whole.
func TestRunOverLimit(t *testing.T) {
	big := filepath.Join(t.TempDir(), "big.txt")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(2 << 30); err != nil {
		f.Close()
		t.Skip(err)
	}
	f.Close()
	var out, errOut bytes.Buffer
	if status := run([]string{big}, &out, &errOut); status != 1 ||
		!strings.Contains(errOut.String(), big+":1:1: the input is larger than the limit of 33554432 bytes") {
		t.Errorf("status %d, stderr %q", status, errOut.String())
	}
}
