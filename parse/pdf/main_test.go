package pdf

import (
	"flag"
	"fmt"
	"os"
	"testing"
	"time"
)

// TestMain starts the engine the tests share before any test runs, so
// that its cost (compiling the WebAssembly module, or loading it from the
// compilation cache) is paid once and an engine that cannot start fails
// at once.
func TestMain(m *testing.M) {
	flag.Parse()
	t0 := time.Now()
	if _, err := SharedEngine(); err != nil {
		fmt.Fprintln(os.Stderr, "pdf: the engine does not start:", err)
		os.Exit(1)
	}
	if testing.Verbose() {
		fmt.Fprintf(os.Stderr, "pdf: engine started in %v\n", time.Since(t0).Round(time.Millisecond))
	}
	os.Exit(m.Run())
}
