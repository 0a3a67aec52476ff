package main

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runConvert(stdin string, args ...string) (stdout, stderr string, status int) {
	var out, errOut bytes.Buffer
	status = run(args, strings.NewReader(stdin), &out, &errOut)
	return out.String(), errOut.String(), status
}

// Every seed converts to its golden canonical JSON.
func TestSeedsToJSON(t *testing.T) {
	seeds, _ := filepath.Glob("../../testdata/seeds/*.txt")
	if len(seeds) != 5 {
		t.Fatalf("%d seeds", len(seeds))
	}
	for _, seed := range seeds {
		out, errOut, status := runConvert("", "-to", "json", seed)
		if status != 0 || errOut != "" {
			t.Errorf("%s: status %d, stderr %q", seed, status, errOut)
		}
		want, err := os.ReadFile(filepath.Join("../../testdata/golden", strings.TrimSuffix(filepath.Base(seed), ".txt")+".json"))
		if err != nil {
			t.Fatal(err)
		}
		if out != string(want) {
			t.Errorf("%s: output differs from the golden JSON", seed)
		}
	}
}

func TestForcedLayoutStdinAndText(t *testing.T) {
	src, err := os.ReadFile("../../testdata/seeds/001_10659aee92df145a.txt")
	if err != nil {
		t.Fatal(err)
	}
	out, errOut, status := runConvert(string(src), "-from", "tsv", "-to", "text", "-v", "-")
	if status != 0 || errOut != "-: layout tsv\n" {
		t.Fatalf("status %d, stderr %q", status, errOut)
	}
	if !strings.HasPrefix(out, "大峪镇人民政府 2023 年政府信息公开工作年度报告\n\n一、总体情况\n") || !strings.Contains(out, "\t行政处罚\n\t17\n") {
		t.Errorf("text output:\n%.300s", out)
	}
	// The text it wrote converts to the same JSON as the seed.
	js1, _, _ := runConvert(string(src), "-")
	js2, _, status := runConvert(out, "-from", "cells", "-")
	if status != 0 || js1 != js2 {
		t.Errorf("text → JSON differs from seed → JSON (status %d)", status)
	}
}

func TestErrors(t *testing.T) {
	bad := "三、收到和处理政府信息公开申请情况\n\t一、本年新收政府信息公开申请数量\n\t3\n\t0\n"
	out, errOut, status := runConvert(bad, "-")
	if status != 1 {
		t.Errorf("status %d, want 1", status)
	}
	if want := "-:2:2: 表三 row “一、本年新收政府信息公开申请数量” has 2 cells, the template has 7 columns; its cells are not read\n"; errOut != want {
		t.Errorf("stderr %q, want %q", errOut, want)
	}
	if !strings.Contains(out, `"schema": "annualreport/v1"`) {
		t.Errorf("no partial output: %q", out)
	}
	if _, errOut, status := runConvert("", "-from", "xlsx", "x"); status != 2 || !strings.Contains(errOut, `unknown layout "xlsx"`) {
		t.Errorf("unknown layout: status %d, %q", status, errOut)
	}
	if _, errOut, status := runConvert("", "no-such-file.txt"); status != 1 || !strings.Contains(errOut, "no-such-file.txt") {
		t.Errorf("missing file: status %d, %q", status, errOut)
	}
	if _, _, status := runConvert("", "-to", "pdf", "x"); status != 2 {
		t.Errorf("unknown format: status %d", status)
	}
}

// Every format writes a seed as the renderer's golden file; -o writes to a
// file.
func TestFormats(t *testing.T) {
	seed := "../../testdata/seeds/003_cda8e236fd2b0dc4.txt"
	golden := func(ext string) string {
		b, err := os.ReadFile("../../testdata/golden/003_cda8e236fd2b0dc4" + ext)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	for to, ext := range map[string]string{"tsv": ".tsv.txt", "pipes": ".pipes.txt", "html": ".html", "md": ".md", "csv": ".csv"} {
		out, errOut, status := runConvert("", "-to", to, seed)
		if status != 0 || errOut != "" {
			t.Errorf("-to %s: status %d, stderr %q", to, status, errOut)
		}
		if out != golden(ext) {
			t.Errorf("-to %s: output differs from the golden file %s", to, ext)
		}
	}
	file := filepath.Join(t.TempDir(), "003.docx")
	if out, errOut, status := runConvert("", "-to", "docx", "-o", file, seed); status != 0 || errOut != "" || out != "" {
		t.Fatalf("-to docx -o: status %d, stdout %d bytes, stderr %q", status, len(out), errOut)
	}
	zr, err := zip.OpenReader(file)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var doc []byte
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			doc, _ = io.ReadAll(rc)
			rc.Close()
		}
	}
	if string(doc) != golden(".docx.xml") {
		t.Errorf("-to docx: word/document.xml differs from the golden file")
	}
	if _, errOut, status := runConvert("", "-to", "docx", seed, seed); status != 2 || !strings.Contains(errOut, "one report") {
		t.Errorf("-to docx with two inputs: status %d, %q", status, errOut)
	}
}

// Several inputs to CSV make one table under one header.
func TestCSVSeveral(t *testing.T) {
	seeds, _ := filepath.Glob("../../testdata/seeds/*.txt")
	out, errOut, status := runConvert("", append([]string{"-to", "csv"}, seeds...)...)
	if status != 0 || errOut != "" {
		t.Fatalf("status %d, stderr %q", status, errOut)
	}
	if n := strings.Count(out, "agency,year,template,"); n != 1 {
		t.Errorf("%d header lines, want 1", n)
	}
	want := 0
	for _, s := range seeds {
		o, _, _ := runConvert("", "-to", "csv", s)
		want += strings.Count(o, "\n") - 1
	}
	if got := strings.Count(out, "\n") - 1; got != want || want < 5*150 {
		t.Errorf("%d cell lines, want %d (the seeds' cells)", got, want)
	}
}
