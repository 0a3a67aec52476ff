package pdf

import (
	"os/exec"
	"strings"
	"testing"
)

// TestCoreHasNoEngine: importing parse alone pulls in no PDF engine; only
// this package does.
func TestCoreHasNoEngine(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	out, err := exec.Command(goTool, "list", "-deps", "github.com/opengovcn/annualreport/parse", "github.com/opengovcn/annualreport/validate", "github.com/opengovcn/annualreport/render").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, dep := range strings.Fields(string(out)) {
		if strings.Contains(dep, "pdfium") || strings.Contains(dep, "wazero") {
			t.Errorf("the core packages import %s", dep)
		}
	}
}
