package reporttest_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/opengovcn/annualreport/parse"
	"github.com/opengovcn/annualreport/render"
	"github.com/opengovcn/annualreport/report"
	"github.com/opengovcn/annualreport/report/reporttest"
)

// same compares reports by content, as the render tests do.
var same = []cmp.Option{cmpopts.IgnoreTypes(report.Source{}), cmpopts.EquateEmpty()}

func TestBuilderUnknownKeys(t *testing.T) {
	cases := []struct {
		version report.Version
		path    string
		want    string
	}{
		{report.V2021, "requests.granted.natual_person",
			`reporttest: no cell "requests.granted.natual_person" in the 2021 template; nearest valid key: requests.granted.natural_person`},
		{report.V2021, "request.total.total",
			`reporttest: no cell "request.total.total" in the 2021 template; nearest valid key: requests.total.total`},
		{report.V2021, "requests.other_handling.total",
			`reporttest: no cell "requests.other_handling.total" in the 2021 template (it is a cell of the 2019 template); nearest valid key: requests.other_handling.other.total`},
		{report.V2019, "active.fees.amount",
			`reporttest: no cell "active.fees.amount" in the 2019 template (it is a cell of the 2021 template); nearest valid key: active.fees.change`},
		{report.V2021, "appeals.review",
			`reporttest: no cell "appeals.review" in the 2021 template; nearest valid key: appeals.review.other`},
	}
	for _, c := range cases {
		r, err := reporttest.NewBuilder(c.version).Set(c.path, 1).Report()
		if r != nil || err == nil || err.Error() != c.want {
			t.Errorf("%s %s: got %v, %v\nwant error %s", c.version, c.path, r, err, c.want)
		}
	}
	// Every problem is reported, not only the first.
	_, err := reporttest.NewBuilder(report.V2021).Set("a.b.c", 1).SetDec("active.fees.amount", "1,5").Prose("summary", "x").Report()
	if n := strings.Count(err.Error(), "\n") + 1; n != 3 {
		t.Errorf("want 3 errors, got %d: %v", n, err)
	}
	if _, err := reporttest.NewBuilder("2018").Report(); err == nil || !strings.Contains(err.Error(), `unknown template version "2018"`) {
		t.Errorf("unknown version: %v", err)
	}
}

// TestBuilderFillTotals checks every derived cell against sums done by hand.
func TestBuilderFillTotals(t *testing.T) {
	b := reporttest.NewBuilder(report.V2021).
		Set("requests.new_received.natural_person", 5).
		Set("requests.new_received.commercial", 2).
		Set("requests.carried_over.natural_person", 1).
		Set("requests.granted.natural_person", 3).
		Set("requests.partially_granted.commercial", 1).
		Set("requests.denied.third_party.natural_person", 1).
		Set("requests.other_handling.unpaid_fee.commercial", 1).
		Set("appeals.review.upheld", 1).
		Set("appeals.review.pending", 2).
		Set("appeals.litigation_direct.corrected", 1).
		SetDec("active.fees.amount", "2.50").
		FillTotals()
	r, err := b.Report()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int64{
		"requests.new_received.natural_person":           5,
		"requests.new_received.commercial":               2,
		"requests.new_received.total":                    7, // 5 + 2
		"requests.carried_over.natural_person":           1,
		"requests.carried_over.total":                    1,
		"requests.granted.natural_person":                3,
		"requests.granted.total":                         3,
		"requests.partially_granted.commercial":          1,
		"requests.partially_granted.total":               1,
		"requests.denied.third_party.natural_person":     1,
		"requests.denied.third_party.total":              1,
		"requests.other_handling.unpaid_fee.commercial":  1,
		"requests.other_handling.unpaid_fee.total":       1,
		"requests.total.natural_person":                  4, // 3 granted + 1 third party
		"requests.total.commercial":                      2, // 1 partially + 1 unpaid fee
		"requests.total.total":                           6, // 4 + 2
		"requests.carried_forward.natural_person":        2, // 5 + 1 − 4
		"requests.carried_forward.total":                 2, // 7 + 1 − 6 as well
		"appeals.review.upheld":                          1,
		"appeals.review.pending":                         2,
		"appeals.review.total":                           3, // 1 + 2
		"appeals.litigation_direct.corrected":            1,
		"appeals.litigation_direct.total":                1,
		"appeals.litigation_after_review.total":          0,
		"requests.other_handling.no_correction.research": 0,
	}
	n := 0
	for k, c := range r.Cells {
		n++
		if k.String() == "active.fees.amount" {
			if c.Kind != report.Number || c.Num.String() != "2.50" {
				t.Errorf("%s = %v, want 2.50 as written", k, c.Value)
			}
			continue
		}
		got, ok := c.Int()
		if !ok || got != want[k.String()] {
			t.Errorf("%s = %v (%s), want %d", k, c.Value, c.Kind, want[k.String()])
		}
	}
	// 表二 2021: 2×3 + 3 + 1; 表三: 25 rows × 7; 表四: 3 × 5.
	if n != 10+25*7+15 {
		t.Errorf("%d cells", n)
	}

	if got := arithmetic(r); got != "" {
		t.Errorf("a report with its totals filled breaks %s", got)
	}

	// A total given is kept; the totals after it are derived from it.
	r, err = b.Set("requests.total.natural_person", 5).Report()
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]int64{
		"requests.total.natural_person":           5,
		"requests.total.total":                    7, // 5 + 2: its row
		"requests.carried_forward.natural_person": 1, // 5 + 1 − 5
		"requests.carried_forward.total":          1,
	} {
		if got, _ := r.Lookup(path).Int(); got != want {
			t.Errorf("%s = %d, want %d", path, got, want)
		}
	}

	// And only rule 3 fails, in that column and in 总计.
	if got, want := arithmetic(r), "rule 3 requests.total.natural_person,rule 3 requests.total.total"; got != want {
		t.Errorf("findings %s, want %s", got, want)
	}

	// More out than in: the carried-forward cell cannot be derived.
	_, err = b.Set("requests.total.natural_person", 9).Report()
	want9 := "reporttest: FillTotals: requests.carried_forward.natural_person would be -3 (new_received + carried_over − total: new_received 5, carried_over 1, total 9); give more new or carried-over applications, or set it explicitly"
	if err == nil || err.Error() != want9 {
		t.Errorf("got %v\nwant %s", err, want9)
	}
}

// arithmetic returns the findings of check for rules 1, 3, 4 and 5.
func arithmetic(r *report.Report) string {
	var out []string
	for _, f := range check(r) {
		for _, rule := range []string{"rule 1 ", "rule 3 ", "rule 4 ", "rule 5 "} {
			if strings.HasPrefix(f, rule) {
				out = append(out, f)
			}
		}
	}
	return strings.Join(out, ",")
}

// TestBuilderBlankAndText: blank and text cells are kept as given, in the
// report and through FillTotals, which refuses to add them up.
func TestBuilderBlankAndText(t *testing.T) {
	b := reporttest.NewBuilder(report.V2019).
		Blank("requests.denied.state_secret.research").
		SetValue("active.procurement.amount", report.TextValue("—")).
		Blank("requests.total.total").
		Set("active.licensing.change", -3)
	r := b.MustReport()
	checks := []struct {
		path string
		want report.Value
	}{
		{"requests.denied.state_secret.research", report.Value{}},
		{"active.procurement.amount", report.TextValue("—")},
		{"requests.total.total", report.Value{}},
		{"active.licensing.change", report.NumberValue(report.MustDec("-3"))},
		{"requests.denied.state_secret.total", report.NumberValue(report.Dec{})},
	}
	for _, c := range checks {
		if got := r.Lookup(c.path).Value; got != c.want {
			t.Errorf("%s = %#v, want %#v", c.path, got, c.want)
		}
	}
	_, err := b.FillTotals().Report()
	want := "reporttest: FillTotals: requests.denied.state_secret.research is blank, not a whole number, so requests.denied.state_secret.total (the six applicant columns) cannot be derived; set it explicitly\n" +
		"reporttest: FillTotals: requests.denied.state_secret.research is blank, not a whole number, so requests.total.research (the outcome rows) cannot be derived; set it explicitly"
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
	// Given explicitly, the totals no longer need the blank cell; the blank
	// 总计 given stays blank.
	r, err = b.Set("requests.denied.state_secret.total", 0).Set("requests.total.research", 0).Report()
	if err != nil {
		t.Fatal(err)
	}
	if c := r.Lookup("requests.total.total"); !c.IsBlank() {
		t.Errorf("requests.total.total = %v, want blank as given", c.Value)
	}
}

// TestBuilderShape: every section in template order, every row and column
// of the template, no sources, and the default title.
func TestBuilderShape(t *testing.T) {
	for _, tmpl := range report.Templates() {
		r := reporttest.NewBuilder(tmpl.Version).Agency("某县人民政府").Year(2022).MustReport()
		if r.Template != tmpl.Version || r.Title != "某县人民政府2022年政府信息公开工作年度报告" || !r.Src.IsZero() {
			t.Errorf("%s: metadata %q %q %d %v", tmpl.Version, r.Template, r.Title, r.Year, r.Src)
		}
		if len(r.Sections) != len(tmpl.Sections) {
			t.Fatalf("%s: %d sections", tmpl.Version, len(r.Sections))
		}
		for i, ss := range tmpl.Sections {
			s := r.Sections[i]
			if s.Key != ss.Key || s.Prose != "" || !s.Src.IsZero() || (s.Table == nil) != (ss.Table == nil) {
				t.Errorf("%s: section %d is %+v", tmpl.Version, i, s)
				continue
			}
			if ss.Table == nil {
				continue
			}
			if len(s.Table.Rows) != len(ss.Table.Rows) {
				t.Errorf("%s %s: %d rows", tmpl.Version, ss.Key, len(s.Table.Rows))
				continue
			}
			for j, rs := range ss.Table.Rows {
				row := s.Table.Rows[j]
				if row.Key != rs.Key || len(row.Cells) != len(rs.Columns) || !row.Src.IsZero() {
					t.Errorf("%s %s: row %d is %s with %d cells", tmpl.Version, ss.Key, j, row.Key, len(row.Cells))
					continue
				}
				for k, cs := range rs.Columns {
					c := row.Cells[k]
					if c.Column != cs.Key || c.Kind != report.Number || c.Num.Sign() != 0 || !c.Src.IsZero() {
						t.Errorf("%s %s.%s: cell %d is %+v", tmpl.Version, ss.Key, rs.Key, k, c)
					}
				}
			}
		}
	}
	if r := reporttest.NewBuilder(report.V2021).Agency("某县人民政府").Year(2022).Title("").MustReport(); r.Title != "" {
		t.Errorf("Title(\"\") gave %q", r.Title)
	}
	if r := reporttest.NewBuilder(report.V2021).Year(2022).MustReport(); r.Title != "" {
		t.Errorf("no agency gave title %q", r.Title)
	}
}

// TestBuilderRoundTrip: a built report renders with render.JSON and
// render.Text and reads back equal with parse.JSON and parse.Cells.
func TestBuilderRoundTrip(t *testing.T) {
	r := reporttest.NewBuilder(report.V2021).
		Agency("某县人民政府").Year(2023).
		Prose(report.Overview, "（一）主动公开。本机关主动公开政府信息12条。\n（二）依申请公开：共收到申请3件。\n本报告所列数据的统计期限自2023年1月1日起至2023年12月31日止。").
		Prose(report.Requests, "单位：件").
		Prose(report.Other, "本机关2023年度未收取信息处理费。").
		Set("requests.new_received.natural_person", 3).
		Set("requests.granted.natural_person", 2).
		Set("requests.unable.not_held.natural_person", 1).
		SetDec("active.fees.amount", "589.08").
		SetValue("active.licensing.decisions", report.TextValue("—")).
		Blank("appeals.review.pending").
		Set("appeals.review.total", 0).
		FillTotals().
		MustReport()
	if len(r.Section(report.Overview).Subheads) != 2 {
		t.Errorf("subheads: %+v", r.Section(report.Overview).Subheads)
	}
	pairs := []struct {
		rd render.Renderer
		p  parse.Parser
	}{{render.JSON{}, parse.JSON}, {render.Text{}, parse.Cells}}
	for _, pair := range pairs {
		var buf bytes.Buffer
		if err := pair.rd.Render(&buf, r); err != nil {
			t.Fatal(err)
		}
		got, err := pair.p.Parse(buf.Bytes())
		if err != nil {
			t.Errorf("%s: %v", pair.p.Name(), err)
		}
		if d := cmp.Diff(r, got, same...); d != "" {
			t.Errorf("%s: round trip differs (-built +read):\n%s", pair.p.Name(), d)
		}
	}
}
