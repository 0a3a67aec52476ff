package parse

import (
	"os"
	"strings"
	"testing"

	"github.com/opengovcn/annualreport/report"
)

func TestJSONErrors(t *testing.T) {
	tests := []struct {
		name, src string
		errs      []string // sentinel@line:col
		want      map[string]string
	}{
		{
			name: "truncated",
			src:  "{\n  \"schema\": \"annualreport/v1\",\n  \"requests\": {\"total\": {\"natural_person\": 2",
			errs: []string{"syntax error@3:45"},
		},
		{
			name: "wrong schema and template",
			src:  "{\"schema\": \"annualreport/v2\", \"template\": \"2018\"}",
			errs: []string{"syntax error@1:12", "syntax error@1:43"},
		},
		{
			name: "unknown keys are reported with their positions, the rest is read",
			src: "{\"schema\": \"annualreport/v1\", \"template\": \"2021\",\n" +
				"\"requests\": {\"new_recieved\": {\"total\": 1},\n" +
				"  \"total\": {\"natural_person\": 2, \"sum\": 2, \"total\": \"—\", \"research\": null},\n" +
				"  \"denied\": {\"state_secret\": {\"total\": 0}}},\n" +
				"\"summary\": \"x\"}",
			errs: []string{"unknown label@2:14", "unknown label@3:34", "unknown label@5:1"},
			want: map[string]string{
				"requests.total.natural_person":      "number:2@3:31",
				"requests.total.total":               "text:—@3:53",
				"requests.total.research":            "blank@3:70",
				"requests.denied.state_secret.total": "number:0@4:40",
			},
		},
		{
			name: "numbers must be written with plain digits",
			src:  "{\"schema\": \"annualreport/v1\", \"active\": {\"fees\": {\"amount\": 1e3}}}",
			errs: []string{"syntax error@1:61"},
			want: map[string]string{"active.fees.amount": "missing"},
		},
		{
			name: "arrays are not cells",
			src:  "{\"schema\": \"annualreport/v1\", \"active\": {\"fees\": {\"amount\": [1]}}}",
			errs: []string{"syntax error@1:61"},
		},
		{
			name: "no schema, notes not an object",
			src:  "{\"template\": \"2019\",\n \"notes\": \"单位：件\"}",
			errs: []string{"syntax error@1:1", "syntax error@2:11"},
		},
		{
			name: "a year is a whole number",
			src:  "{\"schema\": \"annualreport/v1\",\n\"year\": \"2020\"}",
			errs: []string{"syntax error@2:9"},
		},
		{name: "empty input", src: "", errs: []string{"syntax error@1:1"}},
		{name: "unclosed object", src: "{", errs: []string{"syntax error@1:2"}},
		{name: "not an object", src: "null", errs: []string{"syntax error@1:1"}},
		{name: "array", src: " []", errs: []string{"syntax error@1:2"}},
		{name: "missing colon", src: "{\"a\" 1}", errs: []string{"syntax error@1:6"}},
		{name: "trailing comma", src: "{\"schema\": \"annualreport/v1\",\n  \"title\": \"某某\",}", errs: []string{"syntax error@2:17"}},
		{name: "text after the object", src: "{\"schema\": \"annualreport/v1\"}\n\n  {}", errs: []string{"syntax error@3:3"}},
		{name: "invalid UTF-8", src: "{\"title\": \"\xff\"}", errs: []string{"syntax error@1:12"}},
		// The 513th object is over Limits.Depth: at column 512×5+1.
		{name: "deep nesting", src: strings.Repeat(`{"a":`, 100000), errs: []string{"over a limit@1:2561"}},
		{
			name: "positions count characters, after a BOM",
			src:  "\ufeff{\"schema\": \"annualreport/v1\", \"title\": \"某某镇\", \"requests\": {\"total\": {\"total\": 5}}}",
			want: map[string]string{"requests.total.total": "number:5@1:79"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := JSON.Parse([]byte(tt.src))
			if r == nil {
				t.Fatal("no report")
			}
			got := positions(t, err)
			if strings.Join(got, ", ") != strings.Join(tt.errs, ", ") {
				t.Errorf("errors %q, want %q\n%v", got, tt.errs, err)
			}
			for path, want := range tt.want {
				if got := show(r, path); got != want {
					t.Errorf("%s = %s, want %s", path, got, want)
				}
			}
		})
	}
}

// TestJSONSources: sections and rows are placed at their keys, cells at
// their values, with the number's literal or the string's decoded text.
func TestJSONSources(t *testing.T) {
	src := "{\"schema\": \"annualreport/v1\",\n" +
		"\"requests\": {\"denied\": {\"state_secret\": {\"total\": \"\\u2014\"}},\n" +
		" \"total\": {\"total\": 1.50, \"research\": null}},\n" +
		"\"overview\": \"（一）主动公开\"}"
	r, err := JSON.Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	requests := r.Section(report.Requests)
	overview := r.Section(report.Overview)
	if requests == nil || overview == nil || requests.Table == nil {
		t.Fatalf("sections missing: %+v", r.Sections)
	}
	for _, tt := range []struct {
		what string
		got  report.Source
		want report.Source
	}{
		{"section requests", requests.Src, report.Source{Line: 2, Col: 1, Text: "requests"}},
		{"section overview", overview.Src, report.Source{Line: 4, Col: 1, Text: "overview"}},
		{"row denied.state_secret", requests.Table.Row("denied.state_secret").Src, report.Source{Line: 2, Col: 25, Text: "state_secret"}},
		{"row total", requests.Table.Row("total").Src, report.Source{Line: 3, Col: 2, Text: "total"}},
		{"text cell", r.Lookup("requests.denied.state_secret.total").Src, report.Source{Line: 2, Col: 51, Text: "—"}},
		{"number cell", r.Lookup("requests.total.total").Src, report.Source{Line: 3, Col: 21, Text: "1.50"}},
		{"blank cell", r.Lookup("requests.total.research").Src, report.Source{Line: 3, Col: 39, Text: "null"}},
	} {
		if tt.got != tt.want {
			t.Errorf("%s: source %+v, want %+v", tt.what, tt.got, tt.want)
		}
	}
}

func TestJSONDetect(t *testing.T) {
	for src, want := range map[string]int{
		"{\"schema\": \"annualreport/v1\"}":        100,
		"\ufeff  {\"schema\":\"annualreport/v1\"}": 100,
		"{\"other\": 1}":                           60,
		"一、总体情况":                                   0,
		"":                                         0,
	} {
		if got := JSON.Detect([]byte(src)); got != want {
			t.Errorf("Detect(%q) = %d, want %d", src, got, want)
		}
	}
}

func FuzzJSON(f *testing.F) {
	for _, name := range []string{"000_f75296a9e8ded5b4", "003_cda8e236fd2b0dc4", "odd", "odd2021", "repeats"} {
		b, err := os.ReadFile("../testdata/golden/" + name + ".json")
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"requests": {"denied": {"x": {}}, "total": {}}, "notes": {"active": "单位"}}`))
	f.Fuzz(func(t *testing.T, src []byte) {
		r, err := JSON.Parse(src)
		if r == nil {
			t.Fatalf("nil report (err %v)", err)
		}
		r.Cells(func(k report.Key, c *report.Cell) bool {
			if c.Src.Line < 1 || c.Src.Col < 1 {
				t.Fatalf("%s at %s", k, c.Src)
			}
			return true
		})
	})
}

// TestJSONOccurrence: "KEY#N", N from 2, is KEY; anything else after a
// '#' is part of the key.
func TestJSONOccurrence(t *testing.T) {
	for k, want := range map[string]struct {
		key string
		n   int
	}{
		"granted": {"granted", 1}, "granted#2": {"granted", 2}, "requests#13": {"requests", 13},
		"granted#1": {"granted#1", 1}, "granted#0": {"granted#0", 1}, "granted#02": {"granted#02", 1},
		"granted#": {"granted#", 1}, "granted#x": {"granted#x", 1}, "granted#2x": {"granted#2x", 1},
		"granted#-2": {"granted#-2", 1}, "a#2#3": {"a#2", 3}, "#2": {"", 2},
	} {
		if key, n := occurrence(k); key != want.key || n != want.n {
			t.Errorf("occurrence(%q) = %q, %d; want %q, %d", k, key, n, want.key, want.n)
		}
	}
}

// TestJSONRepeats reads repeated sections, rows, groups and cells, written
// with "#N" or, as earlier versions wrote them, under the same key, in
// the order they come; the notes of "requests#2" go to the second 表三, and
// a key with a "#" that is no occurrence is an unknown label.
func TestJSONRepeats(t *testing.T) {
	row := `{"natural_person": 1}`
	for _, src := range []string{
		`{"schema": "annualreport/v1", "requests": {"granted": ` + row + `, "denied": {"state_secret": ` + row + `}, "total": ` + row + `, "denied#2": {"third_party": ` + row + `}, "granted#2": {"natural_person": 2, "natural_person#2": 3}}, "requests#2": {"total": ` + row + `}, "notes": {"requests#2": "续表"}}`,
		`{"schema": "annualreport/v1", "requests": {"granted": ` + row + `, "denied": {"state_secret": ` + row + `}, "total": ` + row + `, "denied": {"third_party": ` + row + `}, "granted": {"natural_person": 2, "natural_person": 3}}, "requests": {"total": ` + row + `}, "notes": {"requests#2": "续表"}}`,
	} {
		r, err := JSON.Parse([]byte(src))
		if err != nil {
			t.Fatalf("%v\n%s", err, src)
		}
		var got []string
		for _, s := range r.Sections {
			got = append(got, string(s.Key)+"("+s.Prose+")")
			for _, row := range s.Table.Rows {
				for _, c := range row.Cells {
					got = append(got, row.Key+"."+c.Column+"="+c.Value.Num.String())
				}
			}
		}
		want := "requests() granted.natural_person=1 denied.state_secret.natural_person=1 total.natural_person=1 denied.third_party.natural_person=1 granted.natural_person=2 granted.natural_person=3 requests(续表) total.natural_person=1"
		if strings.Join(got, " ") != want {
			t.Errorf("%s\nread as %s\nwant    %s", src, strings.Join(got, " "), want)
		}
	}
	_, err := JSON.Parse([]byte(`{"schema": "annualreport/v1", "requests": {"granted#1": {"natural_person": 1}, "granted": {"natural_person#0": 1}}, "requests#x": null}`))
	var msgs []string
	for _, e := range ErrorList(err) {
		msgs = append(msgs, e.Msg)
	}
	for _, want := range []string{`no row "granted#1"`, `no column "natural_person#0"`, `unknown field "requests#x"`} {
		if !strings.Contains(strings.Join(msgs, "\n"), want) {
			t.Errorf("errors %q, want one to say %s", msgs, want)
		}
	}
}
