package render_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/opengovcn/annualreport/render"
)

const schemaFile = "annualreport.schema.json"

// TestJSONSchemaFile: the committed schema is what JSONSchema makes from
// the template data (go test ./render -run TestJSONSchemaFile -update
// rewrites it).
func TestJSONSchemaFile(t *testing.T) {
	got := render.JSONSchema()
	if *update {
		if err := os.WriteFile(schemaFile, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(string(want), string(got)); d != "" {
		t.Errorf("%s differs from JSONSchema() (go test ./render -run TestJSONSchemaFile -update):\n%s", schemaFile, d)
	}
}

// decodeJSON decodes JSON with numbers kept as json.Number.
func decodeJSON(t *testing.T, b []byte) any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

// schemaChecker checks a value against the subset of JSON Schema that
// JSONSchema uses, and fails on any keyword outside it.
type schemaChecker struct {
	root map[string]any
	t    *testing.T
}

var knownKeywords = []string{"$schema", "$id", "$defs", "$ref", "title", "type", "enum", "properties", "patternProperties", "required", "additionalProperties", "anyOf"}

func (c schemaChecker) check(s any, v any, at string) []string {
	switch s := s.(type) {
	case bool:
		if !s {
			return []string{at + ": not allowed"}
		}
		return nil
	case map[string]any:
		return c.checkObj(s, v, at)
	}
	c.t.Fatalf("schema at %s is a %T", at, s)
	return nil
}

func typeOf(v any) []string {
	switch v := v.(type) {
	case nil:
		return []string{"null"}
	case bool:
		return []string{"boolean"}
	case string:
		return []string{"string"}
	case json.Number:
		if !strings.ContainsAny(string(v), ".eE") {
			return []string{"number", "integer"}
		}
		return []string{"number"}
	case []any:
		return []string{"array"}
	case map[string]any:
		return []string{"object"}
	}
	return []string{fmt.Sprintf("%T", v)}
}

func (c schemaChecker) checkObj(s map[string]any, v any, at string) []string {
	for k := range s {
		if !slices.Contains(knownKeywords, k) {
			c.t.Fatalf("schema at %s uses %q, which the checker does not know", at, k)
		}
	}
	var errs []string
	if ref, ok := s["$ref"].(string); ok {
		name, ok := strings.CutPrefix(ref, "#/$defs/")
		def := c.root["$defs"].(map[string]any)[name]
		if !ok || def == nil {
			c.t.Fatalf("schema at %s: $ref %q", at, ref)
		}
		errs = append(errs, c.check(def, v, at)...)
	}
	if ty, ok := s["type"]; ok {
		var want []string
		switch ty := ty.(type) {
		case string:
			want = []string{ty}
		case []any:
			for _, x := range ty {
				want = append(want, x.(string))
			}
		}
		ok := false
		for _, got := range typeOf(v) {
			ok = ok || slices.Contains(want, got)
		}
		if !ok {
			return append(errs, fmt.Sprintf("%s: %v is a %v, want %v", at, v, typeOf(v)[0], want))
		}
	}
	if enum, ok := s["enum"].([]any); ok {
		found := false
		for _, e := range enum {
			found = found || e == v || fmt.Sprint(e) == fmt.Sprint(v) && typeOf(e)[0] == typeOf(v)[0]
		}
		if !found {
			errs = append(errs, fmt.Sprintf("%s: %v is none of %v", at, v, enum))
		}
	}
	if anyOf, ok := s["anyOf"].([]any); ok {
		var all []string
		matched := false
		for _, sub := range anyOf {
			e := c.check(sub, v, at)
			if len(e) == 0 {
				matched = true
				break
			}
			all = append(all, e...)
		}
		if !matched {
			errs = append(errs, fmt.Sprintf("%s: matches no schema of anyOf: %s", at, strings.Join(all, "; ")))
		}
	}
	o, isObj := v.(map[string]any)
	if !isObj {
		return errs
	}
	props, _ := s["properties"].(map[string]any)
	if req, ok := s["required"].([]any); ok {
		for _, r := range req {
			if _, ok := o[r.(string)]; !ok {
				errs = append(errs, fmt.Sprintf("%s: no %q", at, r))
			}
		}
	}
	keys := make([]string, 0, len(o))
	for k := range o {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	patterns, _ := s["patternProperties"].(map[string]any)
	for _, k := range keys {
		matched := false
		for pat, sub := range patterns {
			if regexp.MustCompile(pat).MatchString(k) {
				matched = true
				errs = append(errs, c.check(sub, o[k], at+"."+k)...)
			}
		}
		if sub, ok := props[k]; ok {
			errs = append(errs, c.check(sub, o[k], at+"."+k)...)
		} else if add, ok := s["additionalProperties"]; ok && !matched {
			errs = append(errs, c.check(add, o[k], at+"."+k)...)
		}
	}
	return errs
}

func checkSchema(t *testing.T, doc any) []string {
	t.Helper()
	root := decodeJSON(t, render.JSONSchema()).(map[string]any)
	return schemaChecker{root, t}.check(root, doc, "$")
}

// canonicalJSON returns the files of testdata that hold canonical JSON.
func canonicalJSON(t *testing.T) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(filepath.Join("..", "testdata"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(p) != ".json" {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if bytes.Contains(b, []byte(`"schema": "`+render.Schema+`"`)) {
			out[p] = b
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) < 10 {
		t.Fatalf("%d canonical JSON files in testdata", len(out))
	}
	return out
}

// TestJSONSchemaGolden: every canonical JSON file of testdata (the golden
// files of the seeds and the hand-built reports, the bench and validate
// cases) and the JSON of every report meets the schema.
func TestJSONSchemaGolden(t *testing.T) {
	for p, b := range canonicalJSON(t) {
		for _, e := range checkSchema(t, decodeJSON(t, b)) {
			t.Errorf("%s: %s", p, e)
		}
	}
	for name, r := range reports(t) {
		for _, e := range checkSchema(t, decodeJSON(t, renderTo(t, render.JSON{Compact: true}, r))) {
			t.Errorf("%s: %s", name, e)
		}
	}
}

// TestJSONSchemaRejects: the schema refuses a misspelt key at every level,
// a value of the wrong type, a missing field; it accepts a list under a
// new name at the top and in a table.
func TestJSONSchemaRejects(t *testing.T) {
	base, err := os.ReadFile(filepath.Join("..", "testdata", "golden", "odd2021.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		spoil func(m map[string]any)
		ok    bool
	}{
		{"as written", func(m map[string]any) {}, true},
		{"misspelt section", func(m map[string]any) { m["overveiw"] = m["overview"]; delete(m, "overview") }, false},
		{"misspelt row", func(m map[string]any) { tab(m, "requests")["new_recieved"] = tab(m, "requests")["new_received"] }, false},
		{"misspelt grouped row", func(m map[string]any) {
			g := tab(m, "requests")["denied"].(map[string]any)
			g["state_secrets"] = g["state_secret"]
		}, false},
		{"misspelt column", func(m map[string]any) {
			tab(m, "appeals")["review"].(map[string]any)["uphold"] = json.Number("0")
		}, false},
		{"a cell holding an object", func(m map[string]any) {
			tab(m, "appeals")["review"].(map[string]any)["upheld"] = map[string]any{}
		}, false},
		{"a cell holding true", func(m map[string]any) {
			tab(m, "appeals")["review"].(map[string]any)["upheld"] = true
		}, false},
		{"year as a string", func(m map[string]any) { m["year"] = "2022" }, false},
		{"year as a decimal", func(m map[string]any) { m["year"] = json.Number("2022.5") }, false},
		{"no title", func(m map[string]any) { delete(m, "title") }, false},
		{"template 2020", func(m map[string]any) { m["template"] = "2020" }, false},
		{"another schema", func(m map[string]any) { m["schema"] = "annualreport/v2" }, false},
		{"a note of a prose section", func(m map[string]any) { m["notes"] = map[string]any{"overview": "x"} }, false},
		{"prose as a number", func(m map[string]any) { m["other"] = json.Number("1") }, false},
		{"a table as a list", func(m map[string]any) { m["active"] = []any{} }, false},
		{"a 2019 row in a 2021 report", func(m map[string]any) {
			tab(m, "requests")["other_handling"] = map[string]any{"natural_person": json.Number("0")}
		}, true},
		{"no table", func(m map[string]any) { m["appeals"] = nil }, true},
		{"a list under a new name", func(m map[string]any) { m["repeated"] = []any{map[string]any{"x": 1}} }, true},
		{"a list under a new name in a table", func(m map[string]any) { tab(m, "requests")["repeated"] = []any{} }, true},
		{"an object under a new name", func(m map[string]any) { m["repeated"] = map[string]any{} }, false},
	} {
		m := decodeJSON(t, base).(map[string]any)
		tc.spoil(m)
		errs := checkSchema(t, m)
		if tc.ok != (len(errs) == 0) {
			t.Errorf("%s: valid %v, want %v: %v", tc.name, len(errs) == 0, tc.ok, errs)
		}
	}
}

func tab(m map[string]any, key string) map[string]any { return m[key].(map[string]any) }

// TestJSONSchemaPython: where Python's jsonschema package is installed, a
// full validator of draft 2020-12 checks the schema itself and agrees on
// every canonical JSON file of testdata.
func TestJSONSchemaPython(t *testing.T) {
	if testing.Short() {
		t.Skip("not in -short")
	}
	py, err := exec.LookPath("python3")
	if err != nil || exec.Command(py, "-c", "import jsonschema").Run() != nil {
		t.Skip("python3 with jsonschema is not installed")
	}
	files := canonicalJSON(t)
	var args []string
	for p := range files {
		args = append(args, p)
	}
	sort.Strings(args)
	const prog = `
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator.check_schema(schema)
v = jsonschema.Draft202012Validator(schema)
bad = 0
for p in sys.argv[2:]:
    for e in v.iter_errors(json.load(open(p))):
        print(p, e.message); bad += 1
print(len(sys.argv) - 2, "files checked")
sys.exit(1 if bad else 0)
`
	out, err := exec.Command(py, append([]string{"-c", prog, schemaFile}, args...)...).CombinedOutput()
	if err != nil {
		t.Errorf("jsonschema: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), fmt.Sprintf("%d files checked", len(args))) {
		t.Errorf("jsonschema: %s", out)
	}
}
