package main

import (
	"bytes"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/opengovcn/annualreport/parse"
	"github.com/opengovcn/annualreport/render"
	"github.com/opengovcn/annualreport/report"
	"github.com/opengovcn/annualreport/report/reporttest"
)

// TestUserRoundTrip is the test a portal's developer writes for their
// export: build the report their system holds, write it the way the system
// does, read it back, compare.
func TestUserRoundTrip(t *testing.T) {
	want := reporttest.NewBuilder(report.V2021).
		Agency("某县人民政府").Year(2023).
		Prose(report.Overview, "本报告所列数据的统计期限自2023年1月1日起至2023年12月31日止。\n（二）依申请公开。2023年，本机关共收到政府信息公开申请3件。").
		Set("requests.new_received.natural_person", 3).
		Set("requests.granted.natural_person", 2).
		Set("requests.partially_granted.natural_person", 1).
		SetDec("active.fees.amount", "0.35").
		SetValue("active.coercion.decisions", report.TextValue("—")).
		FillTotals().
		MustReport()
	for _, f := range formats {
		var buf bytes.Buffer
		if err := f.render.Render(&buf, want); err != nil {
			t.Fatal(err)
		}
		got, err := f.parse.Parse(buf.Bytes())
		if err != nil {
			t.Fatalf("%s: %v", f.name, err)
		}
		reporttest.Equal(t, want, got)
	}
}

// zeroBlanks is a buggy export: it writes blank cells as 0.
type zeroBlanks struct{}

func (zeroBlanks) Render(w io.Writer, r *report.Report) error {
	c := *r
	c.Sections = nil
	for _, s := range r.Sections {
		if s.Table != nil {
			t := *s.Table
			t.Rows = nil
			for _, row := range s.Table.Rows {
				row.Cells = append([]report.Cell(nil), row.Cells...)
				for i := range row.Cells {
					if row.Cells[i].IsBlank() {
						row.Cells[i].Value = report.NumberValue(report.Dec{})
					}
				}
				t.Rows = append(t.Rows, row)
			}
			s.Table = &t
		}
		c.Sections = append(c.Sections, s)
	}
	return render.JSON{}.Render(w, &c)
}

// TestBuggyExportIsCaught: the round trip names the cell the export got
// wrong, by label and key.
func TestBuggyExportIsCaught(t *testing.T) {
	g := reporttest.Generate(5, reporttest.Options{Break: reporttest.BlankCell})
	diff, err := roundTrip(format{"buggy", zeroBlanks{}, parse.JSON}, g.Report)
	if err != nil {
		t.Fatal(err)
	}
	k := g.Keys[0]
	if !strings.HasSuffix(diff, "["+k.String()+"]: blank → 0\n") || strings.Count(diff, "\n") != 1 {
		t.Errorf("diff %q, want one line ending in [%s]: blank → 0", diff, k)
	}
}

func runRoundtrip(args ...string) (stdout, stderr string, status int) {
	var out, errOut bytes.Buffer
	status = run(args, &out, &errOut)
	return out.String(), errOut.String(), status
}

func TestRunSeedsAndGoldens(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/seeds/*.txt")
	for _, name := range []string{"odd.json", "odd.txt", "odd2021.json", "odd2021.txt"} {
		files = append(files, "../../testdata/golden/"+name)
	}
	if len(files) != 9 {
		t.Fatalf("%d files", len(files))
	}
	out, errOut, status := runRoundtrip(files...)
	if status != 0 || errOut != "" || strings.Count(out, ": same\n") != 3*len(files) || strings.Count(out, " html: same\n") != len(files) {
		t.Errorf("status %d, stderr %q, stdout:\n%s", status, errOut, out)
	}
}

func TestRunGenerated(t *testing.T) {
	for _, b := range reporttest.Breakages() {
		out, errOut, status := runRoundtrip("-seed", "100", "-n", "5", "-break", b.String())
		if status != 0 || errOut != "" || strings.Count(out, ": same\n") != 15 ||
			!strings.Contains(out, "seed 104 ("+b.String()+") html: same\n") || !strings.HasPrefix(out, "seed 100 ("+b.String()+") json: same\n") {
			t.Errorf("%v: status %d, stderr %q, stdout:\n%s", b, status, errOut, out)
		}
	}
}

func TestRunUsage(t *testing.T) {
	for _, args := range [][]string{{}, {"-seed", "1", "x.txt"}, {"-seed", "1", "-break", "nonsense"}} {
		if _, errOut, status := runRoundtrip(args...); status != 2 || errOut == "" {
			t.Errorf("%q: status %d, stderr %q", args, status, errOut)
		}
	}
	out, errOut, status := runRoundtrip("no-such-file.txt")
	if status != 1 || out != "" || !strings.Contains(errOut, "no-such-file.txt") {
		t.Errorf("missing file: status %d, stdout %q, stderr %q", status, out, errOut)
	}
}
