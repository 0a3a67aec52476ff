package report

import (
	"slices"
	"testing"
)

// TestIdentities holds the identities to the template they are part of:
// every key names a row (EachColumn) or a column of every row (EachRow) of
// its table, the total and the solved key are among the keys, and the
// spec's rules 1, 3, 4 and 5 are there with the terms the spec lists.
func TestIdentities(t *testing.T) {
	for _, tmpl := range Templates() {
		rules := map[int]bool{}
		for _, s := range tmpl.Sections {
			tab := s.Table
			if tab == nil {
				continue
			}
			for _, id := range tab.Identities {
				rules[id.Rule] = true
				keys := id.Keys()
				if !id.Has(id.Total) || !id.Has(id.Solved()) {
					t.Errorf("%s %s rule %d: total %q or solved %q not among %v", tmpl.Version, tab.Name, id.Rule, id.Total, id.Solved(), keys)
				}
				for _, k := range keys {
					switch id.Along {
					case EachColumn:
						if tab.Row(k) == nil {
							t.Errorf("%s %s rule %d: no row %q", tmpl.Version, tab.Name, id.Rule, k)
						}
					case EachRow:
						for _, r := range tab.Rows {
							if r.Column(k) == nil {
								t.Errorf("%s %s rule %d: row %q has no column %q", tmpl.Version, tab.Name, id.Rule, r.Key, k)
							}
						}
					}
				}
			}
		}
		for _, n := range []int{1, 3, 4, 5} {
			if !rules[n] {
				t.Errorf("%s: no identity of rule %d", tmpl.Version, n)
			}
		}
		req := tmpl.Table(Requests)
		outcomes := req.Identity(3).Right
		want := 19
		if tmpl.Version == V2021 {
			want = 21
		}
		if len(outcomes) != want || outcomes[0] != "granted" || !slices.Contains(outcomes, "not_processed.confirmation") {
			t.Errorf("%s: outcome rows %v", tmpl.Version, outcomes)
		}
		if got := req.Identity(4).Right; len(got) != 6 || got[0] != "natural_person" || got[5] != "other_org" {
			t.Errorf("%s: applicant columns %v", tmpl.Version, got)
		}
		if got := req.Identity(1); got.Total != "total" || got.Solved() != "carried_forward" || got.Sign("new_received") != 1 || got.Sign("total") != -1 {
			t.Errorf("%s: rule 1 %+v", tmpl.Version, got)
		}
		g := req.StandInOf("other_handling")
		if g == nil || len(g.Rows)+len(g.By) != 4 || req.StandInOf("other_handling.other") != g || req.StandInOf("granted") != nil ||
			!g.Has("other_handling.unpaid_fee") || g.Has("total") {
			t.Errorf("%s: the （六）其他处理 group is %+v", tmpl.Version, g)
		}
	}
}

// TestClone checks that a clone can be changed without changing the
// template it was made from.
func TestClone(t *testing.T) {
	orig := TemplateFor(V2021)
	c := orig.Clone()
	req := c.Table(Requests)
	req.Rows = append(req.Rows, RowSpec{Key: "made_up", Label: "（八）编造"})
	req.Rows[0].Columns[0].Label = "改"
	req.Rows[0].Path = append(req.Rows[0].Path, "x")
	req.Identities[1].Right[0] = "made_up"
	req.StandIns[0].By[0].Label = "改"
	if o := orig.Table(Requests); o.Row("made_up") != nil || o.Rows[0].Columns[0].Label != "自然人" || len(o.Rows[0].Path) != 0 ||
		o.Identities[1].Right[0] != "granted" || o.StandIns[0].By[0].Label != "（六）其他处理" {
		t.Error("changing a clone changed the template")
	}
	if c.Version != V2021 || c.Table(Appeals).Identity(5) == nil {
		t.Error("the clone lost what it was made from")
	}
}
