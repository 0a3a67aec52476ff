package main

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const seeds = "../../testdata/seeds/"

func runCheck(t *testing.T, args ...string) (status int, stdout, stderr string) {
	t.Helper()
	return runCheckStdin(t, nil, args...)
}

func runCheckStdin(t *testing.T, stdin io.Reader, args ...string) (status int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	status = run(args, stdin, &out, &errOut)
	return status, out.String(), errOut.String()
}

func TestSeeds(t *testing.T) {
	status, out, _ := runCheck(t, seeds)
	if status != 1 {
		t.Errorf("exit status %d, want 1 (seed 000 breaks rules 1 and 3)", status)
	}
	for _, want := range []string{
		seeds + "000_f75296a9e8ded5b4.txt:334:2: requests-balance: 表三“自然人”列的勾稽关系不成立：一、本年新收3件加二、上年结转0件共3件，但（七）总计0件加四、结转下年度继续办理1件共1件；若其他数字无误，（七）总计应为2件\n",
		seeds + "000_f75296a9e8ded5b4.txt:340:2: requests-outcomes: 表三“（七）总计”总计列为0，但各项办理结果之和为2（“（一）予以公开”1、“（二）部分公开”1，其余为0）\n",
		seeds + "000_f75296a9e8ded5b4.txt: 4 errors, 0 warnings, 1 notices\n",
		seeds + "001_10659aee92df145a.txt: 0 errors, 0 warnings, 0 notices\n",
		seeds + "002_1e4bc6448c6781ed.txt:298:1: fee-statement: ",
		seeds + "004_f9e7c90898d0e983.txt:392:1: heading-numbering: 第六部分标题编号写作“6、”，格式规定为“六、”\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestRulesAndJSON(t *testing.T) {
	status, out, errOut := runCheck(t, "-json", "-rules", "requests-outcomes", seeds+"000_f75296a9e8ded5b4.txt", seeds+"004_f9e7c90898d0e983.txt")
	if status != 1 || errOut != "" {
		t.Fatalf("status %d, stderr %q", status, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("want 2 JSON lines, got:\n%s", out)
	}
	var f struct {
		File, Rule, Severity, Message string
		Line, Col                     int
		Cells                         []string
		Fixes                         []struct{ Cell, Value string }
	}
	if err := json.Unmarshal([]byte(lines[0]), &f); err != nil {
		t.Fatal(err)
	}
	if f.Rule != "requests-outcomes" || f.Severity != "error" || f.Line != 334 || f.Col != 2 ||
		f.Cells[0] != "requests.total.natural_person" || len(f.Fixes) != 1 || f.Fixes[0].Value != "2" {
		t.Errorf("JSON finding: %+v", f)
	}
	// Disabling the two heading rules leaves 004 without findings: exit 0.
	status, out, _ = runCheck(t, "-rules", "-heading-numbering,-heading-wording", seeds+"004_f9e7c90898d0e983.txt")
	if status != 0 || out != seeds+"004_f9e7c90898d0e983.txt: 0 errors, 0 warnings, 0 notices\n" {
		t.Errorf("status %d, output %q", status, out)
	}
}

func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	junk := filepath.Join(dir, "junk.txt")
	if err := os.WriteFile(junk, []byte("这不是一份年度报告。\n只是两行字。\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	status, out, _ := runCheck(t, junk)
	if status != 2 || !strings.Contains(out, junk+":1:1: parse: ") {
		t.Errorf("a file that is not a report: status %d, output %q", status, out)
	}
	if status, _, errOut := runCheck(t, filepath.Join(dir, "missing.txt")); status != 2 || errOut == "" {
		t.Errorf("a missing file: status %d, stderr %q", status, errOut)
	}
	if status, _, _ := runCheck(t); status != 2 {
		t.Errorf("no arguments: status %d", status)
	}
	if status, _, errOut := runCheck(t, "-rules", "no-such-rule", seeds); status != 2 || !strings.Contains(errOut, "no-such-rule") {
		t.Errorf("unknown rule: status %d, stderr %q", status, errOut)
	}
}

// TestPDF: a PDF is read by parse/pdf, and its findings point at
// FILE:PAGE:X,Y (the cell's top-left corner in points on that page).
func TestPDF(t *testing.T) {
	status, stdout, stderr := runCheck(t, "../../testdata/pdf/000_f75296a9e8ded5b4.lo.pdf")
	if status != 1 || stderr != "" {
		t.Fatalf("status %d, stderr %q", status, stderr)
	}
	want := "../../testdata/pdf/000_f75296a9e8ded5b4.lo.pdf:3:488,432: requests-outcomes: 表三“（七）总计”总计列为0"
	if !strings.Contains(stdout, want) {
		t.Errorf("stdout lacks %q:\n%s", want, stdout)
	}
	_, stdout, _ = runCheck(t, "-json", "../../testdata/pdf/000_f75296a9e8ded5b4.lo.pdf")
	if want := `"page":3,"box":[289.4,431.95,322.6,444.75],"rule":"requests-balance"`; !strings.Contains(stdout, want) {
		t.Errorf("-json lacks %s:\n%s", want, stdout)
	}
	status, stdout, _ = runCheck(t, "../../testdata/real/huaian-2024.pdf")
	if status != 0 || !strings.Contains(stdout, "0 errors, 0 warnings, 0 notices") {
		t.Errorf("huaian-2024.pdf: status %d:\n%s", status, stdout)
	}
}
