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
	for _, name := range []string{"000_f75296a9e8ded5b4", "003_cda8e236fd2b0dc4", "odd"} {
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
