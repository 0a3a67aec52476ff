package report

import (
	"errors"
	"strings"
	"testing"
)

// TestUnknownKey: a misspelt key is an error wrapping ErrUnknownKey that
// names the key and the nearest valid one, from every entry point.
func TestUnknownKey(t *testing.T) {
	for _, c := range []struct{ path, nearest string }{
		{"requests.totl.natural_person", "requests.total.natural_person"},
		{"active.licencing.decisions", "active.licensing.decisions"},
		{"appeals.review.uphold", "appeals.review.upheld"},
		{"requests.denied.state_secret.natural_persons", "requests.denied.state_secret.natural_person"},
	} {
		_, err := ParseKey(c.path)
		if !errors.Is(err, ErrUnknownKey) || !strings.Contains(err.Error(), `"`+c.path+`"`) || !strings.HasSuffix(err.Error(), "(nearest valid key: "+c.nearest+")") {
			t.Errorf("ParseKey(%q) = %v, want ErrUnknownKey naming %s", c.path, err, c.nearest)
		}
		k := Key{Table: SectionKey(c.path[:strings.IndexByte(c.path, '.')]), Row: c.path[strings.IndexByte(c.path, '.')+1 : strings.LastIndexByte(c.path, '.')], Column: c.path[strings.LastIndexByte(c.path, '.')+1:]}
		if err := k.Check(); !errors.Is(err, ErrUnknownKey) {
			t.Errorf("%v.Check() = %v", k, err)
		}
		r := &Report{}
		if c, err := r.Get(c.path); c != nil || !errors.Is(err, ErrUnknownKey) {
			t.Errorf("Get(%q) = %v, %v", c, c, err)
		}
	}
	want := `report: unknown cell key "requests.totl.natural_person" in the standard templates (nearest valid key: requests.total.natural_person)`
	if _, err := ParseKey("requests.totl.natural_person"); err == nil || err.Error() != want {
		t.Errorf("ParseKey error\n got %v\nwant %s", err, want)
	}
	var ke *KeyError
	if _, err := TemplateFor(V2019).ParseKey("requests.other_handling.no_correction.total"); !errors.As(err, &ke) ||
		*ke != (KeyError{Key: "requests.other_handling.no_correction.total", Template: V2019, Nearest: "requests.other_handling.total"}) {
		t.Errorf("2019 ParseKey of a 2021 cell = %v (%+v)", err, ke)
	}
	// A malformed path is an error, but not an unknown key.
	if _, err := ParseKey("requests.total"); err == nil || errors.Is(err, ErrUnknownKey) {
		t.Errorf("ParseKey(requests.total) = %v", err)
	}
}

// TestTemplateKeys: each template checks its own cells; the cells of the
// other version are cells of the standard templates.
func TestTemplateKeys(t *testing.T) {
	t21, t19 := TemplateFor(V2021), TemplateFor(V2019)
	if n := len(t21.Keys()); n != 25*7+3*5+10 {
		t.Errorf("2021 has %d cells", n)
	}
	only19 := KeyRequestsOtherHandlingNaturalPerson
	if t21.Has(only19) || !t19.Has(only19) || only19.Check() != nil {
		t.Errorf("%v: 2021 %v, 2019 %v, Check %v", only19, t21.Has(only19), t19.Has(only19), only19.Check())
	}
	_, err := t21.ParseKey(only19.String())
	if !errors.Is(err, ErrUnknownKey) || !strings.Contains(err.Error(), "in the 2021 template") {
		t.Errorf("2021 ParseKey(%s) = %v", only19, err)
	}
	for _, tm := range Templates() {
		for _, k := range tm.Keys() {
			if got, err := tm.ParseKey(k.String()); err != nil || got != k {
				t.Errorf("%s ParseKey(%s) = %v, %v", tm.Version, k, got, err)
			}
		}
	}
	// A template of one's own has its own cells.
	own := t21.Clone()
	tab := &own.Sections[2].Table.Rows
	*tab = append(*tab, RowSpec{Key: "denied.made_up", Label: "9.编造", Columns: (*tab)[0].Columns})
	made := Key{Requests, "denied.made_up", "total"}
	if k, err := own.ParseKey(made.String()); err != nil || k != made {
		t.Errorf("own ParseKey = %v, %v", k, err)
	}
	if _, err := ParseKey(made.String()); !errors.Is(err, ErrUnknownKey) {
		t.Errorf("ParseKey(%s) = %v, want unknown in the standard templates", made, err)
	}
}

func TestGet(t *testing.T) {
	r := &Report{Sections: []Section{{Key: Requests, Table: &Table{Key: Requests, Rows: []Row{
		{Key: "total", Cells: []Cell{{Column: "natural_person", Value: NumberValue(DecInt(2))}}},
	}}}}}
	if c, err := r.Get("requests.total.natural_person"); err != nil || c != r.Cell(KeyRequestsTotalNaturalPerson) || c == nil {
		t.Errorf("Get = %v, %v", c, err)
	}
	if c, err := r.Get("requests.total.commercial"); err != nil || c != nil {
		t.Errorf("Get of a missing cell = %v, %v; want nil, nil", c, err)
	}
	if c := r.Lookup("requests.totl.natural_person"); c != nil {
		t.Errorf("Lookup of a misspelt path = %v", c)
	}
}
