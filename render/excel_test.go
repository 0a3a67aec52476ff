package render_test

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/opengovcn/annualreport/parse"
	"github.com/opengovcn/annualreport/render"
	"github.com/opengovcn/annualreport/report"
)

// TestCSVExcel: ExcelCSV writes a byte order mark, CRLF line ends and the
// file column, and otherwise the lines of the plain CSV.
func TestCSVExcel(t *testing.T) {
	for name, r := range reports(t) {
		plain := renderTo(t, render.CSV{}, r)
		if bytes.HasPrefix(plain, []byte("\ufeff")) || bytes.Contains(plain, []byte("\r")) {
			t.Errorf("%s: the zero CSV is not plain UTF-8 with LF", name)
		}
		file := `报告/` + name + `,"x".docx`
		excel := renderTo(t, render.ExcelCSV(file), r)
		if !bytes.HasPrefix(excel, []byte("\ufeff")) {
			t.Errorf("%s: no byte order mark", name)
		}
		body := bytes.TrimPrefix(excel, []byte("\ufeff"))
		if n, crlf := bytes.Count(body, []byte("\n")), bytes.Count(body, []byte("\r\n")); n != crlf || n == 0 {
			t.Errorf("%s: %d line ends, %d of them CRLF", name, n, crlf)
		}
		got, err := csv.NewReader(bytes.NewReader(body)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		want, err := csv.NewReader(bytes.NewReader(plain)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		want[0] = append([]string{"file"}, want[0]...)
		for i := 1; i < len(want); i++ {
			want[i] = append([]string{file}, want[i]...)
		}
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("%s: Excel CSV (-want +got):\n%s", name, d)
		}
	}
	r := odd()
	r.Sections[1].Table.Rows[0].Cells[2].Value = report.TextValue("a\rb")
	if err := (render.CSV{CRLF: true}).Render(io.Discard, r); err == nil {
		t.Error("CRLF CSV wrote a carriage return, which encoding/csv drops")
	}
	if err := (render.CSV{}).Render(io.Discard, r); err != nil {
		t.Error(err)
	}
}

// TestWideKeys: the wide table's columns are every cell key of both
// templates, once each, table by table, the 2021 template's first.
func TestWideKeys(t *testing.T) {
	keys := render.WideKeys()
	seen := map[report.Key]int{}
	for i, k := range keys {
		if _, dup := seen[k]; dup {
			t.Errorf("%s twice", k)
		}
		seen[k] = i
	}
	n := 0
	for _, tm := range report.Templates() {
		for _, table := range []report.SectionKey{report.Active, report.Requests, report.Appeals} {
			for _, rs := range tm.Table(table).Rows {
				for _, cs := range rs.Columns {
					if _, ok := seen[report.Key{Table: table, Row: rs.Key, Column: cs.Key}]; !ok {
						t.Errorf("%s: no column for %s.%s.%s", tm.Version, table, rs.Key, cs.Key)
					}
					n++
				}
			}
		}
	}
	// 2021: 表二 10, 表三 25×7, 表四 15; 2019: 表二 22, 表三 23×7, 表四 15.
	if n != 10+175+15+22+161+15 {
		t.Errorf("the templates have %d cells", n)
	}
	// Shared by both: 表二's decisions of 3 rows, 表三's 22 rows, 表四.
	if want := 10 + 175 + 15 + 22 + 161 + 15 - 3 - 22*7 - 15; len(keys) != want {
		t.Errorf("%d columns, want %d", len(keys), want)
	}
	for _, o := range []struct{ before, after string }{
		{"active.regulations.issued", "active.regulations.made"},
		{"active.fees.amount", "active.procurement.amount"},
		{"active.procurement.amount", "requests.new_received.natural_person"},
		{"requests.other_handling.other.total", "requests.other_handling.natural_person"},
		{"requests.carried_forward.total", "appeals.review.upheld"},
	} {
		b, a := mustKey(t, o.before), mustKey(t, o.after)
		if seen[b] >= seen[a] {
			t.Errorf("%s stands at %d, %s at %d", o.before, seen[b], o.after, seen[a])
		}
	}
	if keys[0].String() != "active.regulations.issued" || keys[len(keys)-1].String() != "appeals.litigation_after_review.total" {
		t.Errorf("first %s, last %s", keys[0], keys[len(keys)-1])
	}
	h := render.WideHeader()
	if d := cmp.Diff([]string{"file", "agency", "year", "template", "active.regulations.issued"}, h[:5]); d != "" || len(h) != 4+len(keys) {
		t.Errorf("header: %d columns\n%s", len(h), d)
	}
}

func mustKey(t *testing.T, s string) report.Key {
	t.Helper()
	k, err := report.ParseKey(s)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// wideWant is the line of the wide table for r: file, agency, year,
// template, and the value of each key, "" where blank or missing.
func wideWant(file string, r *report.Report) []string {
	year := ""
	if r.Year != 0 {
		year = strconv.Itoa(r.Year)
	}
	line := []string{file, r.Agency, year, string(r.Template)}
	for _, k := range render.WideKeys() {
		v := ""
		if c := r.Cell(k); c != nil {
			v = c.Value.String()
		}
		line = append(line, v)
	}
	return line
}

// TestWideCSV: the wide table of all reports reads back as the header and
// a line per report, each cell the report's value (odd and odd2021 repeat
// a row as it was); a report repeating a row with other values is refused,
// and the others are still written.
func TestWideCSV(t *testing.T) {
	all := reports(t)
	var b bytes.Buffer
	ww := render.Wide{BOM: true, CRLF: true}.NewWriter(&b)
	want := [][]string{render.WideHeader()}
	twice := odd()
	twice.Sections[2].Table.Rows[3].Cells[0].Value = num("2") // granted, the second time
	all["twice"] = twice
	for _, name := range append([]string{"twice", "odd"}, append(seeds, "odd2021")...) {
		err := ww.Write(name+".txt", all[name])
		if name == "twice" {
			if err == nil || !strings.Contains(err.Error(), "requests.granted.natural_person") {
				t.Errorf("表三's granted twice, with two values: %v", err)
			}
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, wideWant(name+".txt", all[name]))
	}
	if err := ww.Flush(); err != nil {
		t.Fatal(err)
	}
	out := b.Bytes()
	if !bytes.HasPrefix(out, []byte("\ufeff")) || bytes.Count(out, []byte("\n")) != bytes.Count(out, []byte("\r\n")) {
		t.Error("no BOM, or not CRLF")
	}
	got, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(out, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("wide table (-want +got):\n%s", d)
	}
	// Spot checks against the seeds as published.
	col := map[string]int{}
	for i, h := range got[0] {
		col[h] = i
	}
	seed0 := got[2] // after odd
	for k, v := range map[string]string{
		"agency": "重庆市大渡口区跳磴镇", "year": "2023", "template": "2021",
		"requests.new_received.natural_person": "3", "requests.granted.total": "1",
		"active.regulations.made": "", "requests.other_handling.natural_person": "",
	} {
		if seed0[col[k]] != v {
			t.Errorf("000: %s = %q, want %q", k, seed0[col[k]], v)
		}
	}
	// One report, and the plain zero value; an empty data set is its header.
	one := renderTo(t, render.Wide{}, all["odd2021"])
	if want := strings.Join(render.WideHeader(), ",") + "\n"; !strings.HasPrefix(string(one), want) || bytes.Count(one, []byte("\n")) != 2 {
		t.Errorf("Wide{}.Render:\n%.300s", one)
	}
	var empty bytes.Buffer
	if err := (render.Wide{}).NewWriter(&empty).Flush(); err != nil || empty.String() != strings.Join(render.WideHeader(), ",")+"\n" {
		t.Errorf("empty wide table: %v %.100q", err, empty.String())
	}
	bad := odd2021()
	bad.Sections[2].Table.Rows[0].Key = "new_recieved"
	if err := (render.Wide{}).Render(io.Discard, bad); err == nil {
		t.Error("a row neither template has: no error")
	}
}

// xcell is a cell of a sheet as read back from its XML.
type xcell struct {
	Ref   string `xml:"r,attr"`
	Type  string `xml:"t,attr"`
	Style int    `xml:"s,attr"`
	V     string `xml:"v"`
	IS    string `xml:"is>t"`
}

// text is what the cell shows: a string's text, a number's digits.
func (c xcell) text() string {
	if c.Type == "inlineStr" {
		return c.IS
	}
	return c.V
}

// xsheet is a sheet read back: its cells by reference, its merged areas.
type xsheet struct {
	name   string
	cells  map[string]xcell
	merges []string
	rows   int // the last row
	cols   int // the last column, 1-based
}

// readXLSX reads back the sheets of a workbook with encoding/xml, in
// order, checking on the way that every part is well-formed, the content
// types cover the parts and the relationships point at parts.
func readXLSX(t *testing.T, b []byte) []xsheet {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		parts[f.Name] = body
		dec := xml.NewDecoder(bytes.NewReader(body))
		for {
			if _, err := dec.Token(); errors.Is(err, io.EOF) {
				break
			} else if err != nil {
				t.Fatalf("%s is not well-formed: %v", f.Name, err)
			}
		}
	}
	var types struct {
		Override []struct {
			PartName string `xml:",attr"`
		}
	}
	if err := xml.Unmarshal(parts["[Content_Types].xml"], &types); err != nil {
		t.Fatal(err)
	}
	covered := map[string]bool{}
	for _, o := range types.Override {
		covered[strings.TrimPrefix(o.PartName, "/")] = true
	}
	for p := range parts {
		if ext := path.Ext(p); ext != ".rels" && p != "[Content_Types].xml" && !covered[p] {
			t.Errorf("the content types do not cover %s", p)
		}
	}
	var rels struct {
		Relationship []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:",attr"`
		}
	}
	if err := xml.Unmarshal(parts["xl/_rels/workbook.xml.rels"], &rels); err != nil {
		t.Fatal(err)
	}
	target := map[string]string{}
	for _, r := range rels.Relationship {
		target[r.ID] = path.Join("xl", r.Target)
		if parts[target[r.ID]] == nil {
			t.Errorf("the workbook points at %s, which is missing", r.Target)
		}
	}
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := xml.Unmarshal(parts["xl/workbook.xml"], &wb); err != nil {
		t.Fatal(err)
	}
	var out []xsheet
	for _, s := range wb.Sheets {
		var ws struct {
			Rows []struct {
				R     int     `xml:"r,attr"`
				Cells []xcell `xml:"c"`
			} `xml:"sheetData>row"`
			Merges []struct {
				Ref string `xml:"ref,attr"`
			} `xml:"mergeCells>mergeCell"`
		}
		if err := xml.Unmarshal(parts[target[s.RID]], &ws); err != nil {
			t.Fatalf("%s: %v", s.Name, err)
		}
		sh := xsheet{name: s.Name, cells: map[string]xcell{}}
		for _, row := range ws.Rows {
			for _, c := range row.Cells {
				col, r := splitRef(t, c.Ref)
				if r != row.R {
					t.Errorf("%s: cell %s in row %d", s.Name, c.Ref, row.R)
				}
				if _, dup := sh.cells[c.Ref]; dup {
					t.Errorf("%s: cell %s twice", s.Name, c.Ref)
				}
				sh.cells[c.Ref] = c
				sh.rows, sh.cols = max(sh.rows, r), max(sh.cols, col)
			}
		}
		for _, m := range ws.Merges {
			sh.merges = append(sh.merges, m.Ref)
		}
		out = append(out, sh)
	}
	return out
}

// splitRef splits an A1 reference into its 1-based column and row.
func splitRef(t *testing.T, ref string) (col, row int) {
	i := 0
	for i < len(ref) && ref[i] >= 'A' && ref[i] <= 'Z' {
		col = col*26 + int(ref[i]-'A'+1)
		i++
	}
	row, err := strconv.Atoi(ref[i:])
	if i == 0 || err != nil {
		t.Fatalf("bad cell reference %q", ref)
	}
	return col, row
}

func ref(col, row int) string {
	var name []byte
	for ; col > 0; col = (col - 1) / 26 {
		name = append([]byte{byte('A' + (col-1)%26)}, name...)
	}
	return string(name) + strconv.Itoa(row)
}

// expand spreads the merged areas of a sheet over the cells they cover,
// from row first on: the text of the cell covering each row and column. It
// fails where areas overlap, or a covered cell holds a value.
func (s xsheet) expand(t *testing.T, first int) expanded {
	t.Helper()
	text := map[string]string{}
	for r, c := range s.cells {
		text[r] = c.text()
	}
	owner := map[string]string{}
	for _, m := range s.merges {
		from, to, ok := strings.Cut(m, ":")
		if !ok {
			t.Fatalf("%s: merge %q", s.name, m)
		}
		c0, r0 := splitRef(t, from)
		c1, r1 := splitRef(t, to)
		for r := r0; r <= r1; r++ {
			for c := c0; c <= c1; c++ {
				at := ref(c, r)
				if owner[at] != "" {
					t.Errorf("%s: merges overlap at %s", s.name, at)
				}
				owner[at] = from
				if at != from && text[at] != "" {
					t.Errorf("%s: %s, covered by %s, holds %q", s.name, at, m, text[at])
				}
			}
		}
	}
	var g expanded
	for r := first; r <= s.rows; r++ {
		var line []string
		for c := 1; c <= s.cols; c++ {
			at := ref(c, r)
			if o := owner[at]; o != "" {
				at = o
			}
			line = append(line, text[at])
		}
		g = append(g, line)
	}
	return g
}

// TestXLSXForm: every report's workbook reads back, with encoding/xml, as
// a sheet per table, named 表二, 表三, 表四, its heading in the first row
// and below it the table of the official form, merged cells expanded,
// every label and value where the form puts it; number cells are numbers
// holding the published digits, shown with as many decimals.
func TestXLSXForm(t *testing.T) {
	for name, r := range reports(t) {
		out := renderTo(t, render.XLSX{}, r)
		if again := renderTo(t, render.XLSX{}, r); !bytes.Equal(out, again) {
			t.Errorf("%s: two renderings differ", name)
		}
		sheets := readXLSX(t, out)
		if len(sheets) != 3 {
			t.Fatalf("%s: %d sheets", name, len(sheets))
		}
		tables := map[string]expanded{}
		for i, key := range []report.SectionKey{report.Active, report.Requests, report.Appeals} {
			s := sheets[i]
			spec := r.Spec().Section(key)
			if s.name != spec.Table.Name {
				t.Errorf("%s: sheet %d is named %q, want %q", name, i, s.name, spec.Table.Name)
			}
			if h := s.cells["A1"].text(); !strings.HasSuffix(h, spec.Heading) {
				t.Errorf("%s: %s heads %q", name, s.name, h)
			}
			tables[string(key)] = s.expand(t, 2)
			for at, c := range s.cells {
				if c.Type == "" && c.V != "" { // a number
					d, err := report.ParseDec(c.V)
					if err != nil || d.String() != c.V {
						t.Errorf("%s: %s!%s holds %q, not a published number", name, s.name, at, c.V)
					}
					_, frac, _ := strings.Cut(c.V, ".")
					if got, want := xlsxDecimals(c.Style), len(frac); got != want {
						t.Errorf("%s: %s!%s = %s is shown with %d decimals", name, s.name, at, c.V, got)
					}
				}
			}
		}
		wantTables(t, name, r, tables)
	}
	// A number a double cannot hold is a string; a report without tables
	// is a sheet with its title; text XML cannot carry is an error.
	r := odd2021()
	r.Sections[1].Table.Rows[0].Cells[0].Value = report.NumberValue(report.MustDec("12345678901234567.5"))
	s := readXLSX(t, renderTo(t, render.XLSX{}, r))
	if c := s[0].cells["B4"]; c.Type != "inlineStr" || c.IS != "12345678901234567.5" {
		t.Errorf("a long number: %+v", c)
	}
	bare := &report.Report{Title: "某某2023年政府信息公开工作年度报告", Sections: []report.Section{{Key: report.Overview, Prose: "x"}}}
	s = readXLSX(t, renderTo(t, render.XLSX{}, bare))
	if len(s) != 1 || s[0].name != "报告" || s[0].cells["A1"].text() != bare.Title {
		t.Errorf("a report without tables: %+v", s)
	}
	r = odd2021()
	r.Sections[1].Table.Rows[0].Cells[2].Value = report.TextValue("bell\a")
	if err := (render.XLSX{}).Render(io.Discard, r); err == nil {
		t.Error("XLSX wrote a control character")
	}
	if err := (render.XLSX{}).Render(io.Discard, nil); err == nil {
		t.Error("XLSX rendered a nil report")
	}
}

// xlsxDecimals is the number of decimals a style shows: the styles of
// value cells are 4 (general) and 5 to 10 (1 to 6 decimals).
func xlsxDecimals(style int) int {
	if style > 4 && style <= 10 {
		return style - 4
	}
	return 0
}

// TestWideXLSX: the wide workbook reads back as the wide CSV does, number
// cells holding numbers, and a refused report leaves no row.
func TestWideXLSX(t *testing.T) {
	all := reports(t)
	var b bytes.Buffer
	ww, err := render.WideXLSX{}.NewWriter(&b)
	if err != nil {
		t.Fatal(err)
	}
	want := expanded{render.WideHeader()}
	twice := odd()
	twice.Sections[2].Table.Rows[3].Cells[0].Value = num("2")
	all["twice"] = twice
	for _, name := range append(append([]string{}, seeds...), "odd", "twice", "odd2021") {
		if err := ww.Write(name, all[name]); err != nil {
			if name != "twice" {
				t.Fatal(err)
			}
			continue
		}
		want = append(want, wideWant(name, all[name]))
	}
	if err := ww.Close(); err != nil {
		t.Fatal(err)
	}
	sheets := readXLSX(t, b.Bytes())
	if len(sheets) != 1 || sheets[0].name != "数据" {
		t.Fatalf("%d sheets", len(sheets))
	}
	got := sheets[0].expand(t, 1)
	for i := range got {
		for len(got[i]) < len(want[0]) {
			got[i] = append(got[i], "")
		}
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("wide workbook (-want +got):\n%s", d)
	}
	for at, c := range sheets[0].cells {
		col, row := splitRef(t, at)
		if row == 1 || c.Type == "inlineStr" {
			continue
		}
		k, err := report.ParseKey(want[0][col-1])
		if col == 3 {
			continue // the year
		}
		if err != nil {
			t.Fatalf("%s: number under %q", at, want[0][col-1])
		}
		// The report of the row holds a number there.
		var r *report.Report
		for name, rr := range all {
			if name == want[row-1][0] {
				r = rr
			}
		}
		if cell := r.Cell(k); cell == nil || cell.Kind != report.Number {
			t.Errorf("%s (%s): a number cell for %v", at, k, cell)
		}
	}
}

// TestXLSXLibreOffice: LibreOffice Calc opens the workbooks, and every
// sheet, saved as CSV, holds the cells the workbook holds: the form's
// (each merged area's value at its top left) and the wide table's.
func TestXLSXLibreOffice(t *testing.T) {
	so := soffice(t)
	dir := t.TempDir()
	all := reports(t)
	var files []string
	type book struct{ file, sheet string }
	want := map[book]xsheet{}
	for _, name := range []string{"001_10659aee92df145a", "odd", "odd2021"} {
		out := renderTo(t, render.XLSX{}, all[name])
		f := filepath.Join(dir, name+".xlsx")
		if err := os.WriteFile(f, out, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
		for _, s := range readXLSX(t, out) {
			want[book{name, s.name}] = s
		}
	}
	var b bytes.Buffer
	ww, err := render.WideXLSX{}.NewWriter(&b)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range seeds {
		if err := ww.Write(name, all[name]); err != nil {
			t.Fatal(err)
		}
	}
	if err := ww.Close(); err != nil {
		t.Fatal(err)
	}
	f := filepath.Join(dir, "wide.xlsx")
	if err := os.WriteFile(f, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	files = append(files, f)
	want[book{"wide", "数据"}] = readXLSX(t, b.Bytes())[0]
	// Every sheet to a CSV of its own (the 12th token, -1), in UTF-8 (76),
	// cells as stored, not as shown (the 9th, false).
	convert(t, so, dir, `csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1`, files...)
	for bk, s := range want {
		t.Run(bk.file+"-"+bk.sheet, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join(dir, bk.file+"-"+bk.sheet+".csv"))
			if err != nil {
				t.Fatal(err)
			}
			lines, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			seen := 0
			for r, line := range lines {
				for c, got := range line {
					at := ref(c+1, r+1)
					cell, ok := s.cells[at]
					want := cell.text()
					if !ok || want == "" {
						if got != "" {
							t.Errorf("%s: Calc reads %q, the workbook has nothing", at, got)
						}
						continue
					}
					seen++
					if cell.Type == "" { // a number: Calc writes it as a double
						g, err1 := strconv.ParseFloat(got, 64)
						w, err2 := strconv.ParseFloat(want, 64)
						if err1 != nil || err2 != nil || g != w {
							t.Errorf("%s: Calc reads %q, the workbook has the number %s", at, got, want)
						}
						continue
					}
					if got != want {
						t.Errorf("%s: Calc reads %q, the workbook has %q", at, got, want)
					}
				}
			}
			n := 0
			for _, c := range s.cells {
				if c.text() != "" {
					n++
				}
			}
			if seen != n {
				t.Errorf("Calc read %d of the workbook's %d cells", seen, n)
			}
		})
	}
}

// FuzzExcel renders whatever the parsers make of any input with the
// writers for Excel: each writes it or refuses it with an error, never
// panics, and a workbook it writes reads back with encoding/xml.
func FuzzExcel(f *testing.F) {
	for _, pattern := range []string{"../testdata/seeds/*.txt", "../testdata/corpus/*.md"} {
		files, _ := filepath.Glob(pattern)
		for _, file := range files {
			src, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(src)
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		r, _ := parse.Parse(src)
		var b bytes.Buffer
		if err := (render.XLSX{}).Render(&b, r); err == nil {
			readXLSX(t, b.Bytes())
		}
		b.Reset()
		if err := (render.WideXLSX{}).Render(&b, r); err == nil {
			readXLSX(t, b.Bytes())
		}
		render.ExcelCSV("x").Render(io.Discard, r)
		render.Wide{CRLF: true}.Render(io.Discard, r)
	})
}

// BenchmarkExcel measures the writers for Excel on each seed's report and
// the provincial report of testdata/bench.
//
//	go test ./render -run '^$' -bench Excel -benchmem -cpu 1
func BenchmarkExcel(b *testing.B) {
	reports := map[string]*report.Report{}
	for _, name := range seeds {
		reports[name[:3]] = parseSeed(b, name)
	}
	src, err := os.ReadFile("../testdata/bench/province.json")
	if err != nil {
		b.Fatal(err)
	}
	if reports["province"], err = parse.JSON.Parse(src); err != nil {
		b.Fatal(err)
	}
	for _, rd := range []struct {
		name string
		rd   render.Renderer
	}{{"xlsx", render.XLSX{}}, {"widexlsx", render.WideXLSX{}}, {"wide", render.Wide{}}, {"excelcsv", render.ExcelCSV("x")}} {
		for _, name := range append(seedsShort(), "province") {
			b.Run(rd.name+"/"+name, func(b *testing.B) {
				r := reports[name]
				b.ReportAllocs()
				for b.Loop() {
					if err := rd.rd.Render(io.Discard, r); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

func seedsShort() []string {
	var out []string
	for _, s := range seeds {
		out = append(out, s[:3])
	}
	return out
}
