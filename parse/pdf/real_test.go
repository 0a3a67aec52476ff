package pdf

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/opengovcn/annualreport/report"
)

// truth reads a truth file of testdata/real/truth: template, year and a
// value per published cell, with its digits as published.
func truth(t *testing.T, name string) map[string]json.Number {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("..", "..", "testdata", "real", "truth", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		t.Fatal(err)
	}
	out := map[string]json.Number{}
	for k, v := range m {
		switch v := v.(type) {
		case json.Number:
			out[k] = v
		case string:
			out[k] = json.Number(v)
		}
	}
	return out
}

// TestRealHuaian reads the real WPS-made PDF of testdata/real and holds it
// to its truth, cell by cell: every published cell with its published
// value, no cell more, each at its page and in a box on it.
func TestRealHuaian(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "..", "testdata", "real", "huaian-2024.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	r, err := Parser.Parse(src)
	if err != nil {
		t.Errorf("Parse: %v", err)
	}
	want := truth(t, "huaian-2024")
	if got := string(r.Template); got != want["template"].String() {
		t.Errorf("template %q, want %q", got, want["template"])
	}
	if got, _ := want["year"].Int64(); int64(r.Year) != got {
		t.Errorf("year %d, want %d", r.Year, got)
	}
	seen := map[string]bool{}
	var extra []string
	for k, c := range r.Cells {
		key := k.String()
		w, ok := want[key]
		if !ok {
			extra = append(extra, key+"="+c.Value.String())
			continue
		}
		seen[key] = true
		if c.Kind != report.Number || c.Num.String() != w.String() {
			t.Errorf("%s = %v (%s), want %s", key, c.Value, c.Kind, w)
		}
		if c.Src.Page < 1 || c.Src.Page > 6 || c.Src.Box.X1 <= c.Src.Box.X0 || c.Src.Box.Y1 <= c.Src.Box.Y0 || c.Src.Box.X1 > 595 || c.Src.Box.Y1 > 842 {
			t.Errorf("%s: source %+v: no page or box", key, c.Src)
		}
	}
	sort.Strings(extra)
	for _, e := range extra {
		t.Errorf("cell not in the truth: %s", e)
	}
	for k := range want {
		if k != "template" && k != "year" && !seen[k] {
			t.Errorf("%s = %s not read", k, want[k])
		}
	}
	if t.Failed() {
		return
	}
	// Spot checks of where things are: 表二's first cell on page 3,
	// 表四's first number on page 5, the title on page 1.
	if c := r.Lookup("active.regulations.issued"); c.Src.Page != 3 {
		t.Errorf("active.regulations.issued on page %d, want 3", c.Src.Page)
	}
	if c := r.Lookup("appeals.review.upheld"); c.Src.Page != 5 {
		t.Errorf("appeals.review.upheld on page %d, want 5", c.Src.Page)
	}
	if c := r.Lookup("requests.unable.needs_creation.natural_person"); c.Src.Page != 5 {
		t.Errorf("requests.unable.needs_creation.natural_person on page %d, want 5", c.Src.Page)
	}
	if r.Src.Page != 1 || r.Title != "淮安市人民政府2024年政府信息公开工作年度报告" {
		t.Errorf("title %q on page %d", r.Title, r.Src.Page)
	}
	if len(r.Sections) != 6 {
		t.Errorf("%d sections, want 6", len(r.Sections))
	}
	for _, s := range r.Sections {
		if s.Src.Page == 0 {
			t.Errorf("section %s: heading has no page", s.Key)
		}
	}
}
