package parse

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/opengovcn/annualreport/render"
	"github.com/opengovcn/annualreport/report"
)

// TestGluedOddities runs the glued text of seed 004 with one row changed
// each, checking what is read, where, and what is reported.
func TestGluedOddities(t *testing.T) {
	g004 := readCorpus(t, "004_f9e7c90898d0e983.glued.txt")
	newRow := "一、本年新收政府信息公开申请数量0000000\n"
	tests := []struct {
		name  string
		src   string
		want  map[string]string
		errs  []string
		cands [][]string // the candidates of the one split error, if any
	}{
		{
			name: "a unique split: 10 0 0 0 0 0 10",
			src:  edit(t, g004, newRow, "一、本年新收政府信息公开申请数量100000010\n"),
			want: map[string]string{
				"requests.new_received.natural_person": "number:10@23:17",
				"requests.new_received.commercial":     "number:0@23:19",
				"requests.new_received.other_org":      "number:0@23:23",
				"requests.new_received.total":          "number:10@23:24",
			},
		},
		{
			// 12 0 0 1 0 0 13 and 1 2 0 0 10 0 13 both add up: nothing in
			// the row tells them apart, and rule 1 cannot either, since
			// 总计 and 结转 are zeros here and satisfy neither.
			name: "an ambiguous row: its cells are not read, the candidates are listed",
			src:  edit(t, g004, newRow, "一、本年新收政府信息公开申请数量120010013\n"),
			want: map[string]string{
				"requests.new_received.total":     "missing",
				"requests.carried_over.total":     "number:0@24:23",
				"requests.granted.natural_person": "number:0@25:17",
			},
			errs:  []string{"ambiguous cells@23:17"},
			cands: [][]string{{"1", "2", "0", "0", "10", "0", "13"}, {"12", "0", "0", "1", "0", "0", "13"}},
		},
		{
			// The same row, but 总计 (written with spaces between its
			// cells, which the split keeps) and 结转 are read: rule 1,
			// 一 + 二 = 总计 + 结转, leaves one candidate.
			name: "an ambiguous row decided by rule 1 across the rows",
			src: edit(t, edit(t, g004, newRow, "一、本年新收政府信息公开申请数量120010013\n"),
				"（七）总计0000000\n", "（七）总计12 0 0 1 0 0 13\n"),
			want: map[string]string{
				"requests.new_received.natural_person": "number:12@23:17",
				"requests.new_received.legal_service":  "number:0@23:22",
				"requests.new_received.total":          "number:13@23:24",
				"requests.total.commercial":            "number:0@46:9",
				"requests.total.total":                 "number:13@46:19",
			},
		},
		{
			// No cut gives the row its total (1+0+…+0 is not 2), but the
			// columns' sums with the other rows (rule 1) leave one cut
			// with at most one column not adding up: the published
			// numbers are read, and validate reports the wrong total.
			name: "a total wrong as published: read by the sums down the columns, for validate to report",
			src:  edit(t, g004, newRow, "一、本年新收政府信息公开申请数量1000002\n"),
			want: map[string]string{"requests.new_received.natural_person": "number:1@23:17", "requests.new_received.total": "number:2@23:23"},
		},
		{
			// The same when the digits cut one way only: that cut is the
			// published row, read as it is.
			name: "a row wrong as published that cuts one way only is read",
			src:  edit(t, g004, newRow, "一、本年新收政府信息公开申请数量2100002\n"),
			want: map[string]string{"requests.new_received.natural_person": "number:2@23:17", "requests.new_received.total": "number:2@23:23"},
		},
		{
			// Numbers wrong in two columns and two cuts: neither leaves at
			// most one column off; the row is reported with both.
			name:  "a row wrong in two columns that cuts two ways: reported with both",
			src:   edit(t, g004, newRow, "一、本年新收政府信息公开申请数量21000002\n"),
			want:  map[string]string{"requests.new_received.natural_person": "missing", "requests.new_received.total": "missing"},
			errs:  []string{"ambiguous cells@23:17"},
			cands: [][]string{{"2", "10", "0", "0", "0", "0", "2"}, {"21", "0", "0", "0", "0", "0", "2"}},
		},
		{
			name: "digits after a label that ends in a number, after a group",
			src:  edit(t, g004, "（三）不予公开1.属于国家秘密0000000\n", "（三）不予公开1.属于国家秘密1000001\n"),
			want: map[string]string{
				"requests.denied.state_secret.natural_person": "number:1@27:16",
				"requests.denied.state_secret.total":          "number:1@27:22",
			},
		},
		{
			name: "full-width number and digits, spaces between cells",
			src:  edit(t, g004, "3.其他0000000\n", "３．其他 0 ０ 0 0 0 0 0\n"),
			want: map[string]string{
				"requests.other_handling.other.natural_person": "number:0@45:6",
				"requests.other_handling.other.commercial":     "number:0@45:8",
				"requests.other_handling.other.total":          "number:0@45:18",
			},
		},
		{
			name: "a decimal in 表二",
			src:  edit(t, g004, "行政事业性收费0\n", "行政事业性收费589.08\n"),
			want: map[string]string{"active.fees.amount": "number:589.08@18:8"},
		},
		{
			name: "表四's 15 numbers glued: 10 0 0 2 12, 0 0 0 0 0, 1 0 0 0 1",
			src:  edit(t, g004, "000000000000000\n", "10002120000010001\n"),
			want: map[string]string{
				"appeals.review.upheld":                  "number:10@52:1",
				"appeals.review.pending":                 "number:2@52:5",
				"appeals.review.total":                   "number:12@52:6",
				"appeals.litigation_direct.total":        "number:0@52:12",
				"appeals.litigation_after_review.upheld": "number:1@52:13",
				"appeals.litigation_after_review.total":  "number:1@52:17",
			},
		},
		{
			name:  "表四 with a group total wrong as published",
			src:   edit(t, g004, "000000000000000\n", "100010000000002\n"),
			want:  map[string]string{"appeals.review.upheld": "missing"},
			errs:  []string{"wrong number of cells@52:1"},
			cands: [][]string{},
		},
		{
			name: "an unknown row label glued to its digits",
			src:  edit(t, g004, "2.重复申请0000000\n", "2.重复提交的申请0000000\n"),
			want: map[string]string{"requests.not_processed.duplicate.total": "missing", "requests.not_processed.publication.total": "number:0@40:18"},
			errs: []string{"unknown label@39:1"},
		},
		{
			// Blank cells leave nothing in glued text: a label alone is a
			// row without cells, reported.
			name: "a row of blank cells",
			src:  edit(t, g004, "二、上年结转政府信息公开申请数量0000000\n", "二、上年结转政府信息公开申请数量\n"),
			want: map[string]string{"requests.carried_over.natural_person": "missing"},
			errs: []string{"wrong number of cells@24:1"},
		},
		{
			name:  "too many digits to cut: reported, not enumerated",
			src:   edit(t, g004, newRow, "一、本年新收政府信息公开申请数量"+strings.Repeat("7", 200)+"\n"),
			want:  map[string]string{"requests.new_received.total": "missing"},
			errs:  []string{"ambiguous cells@23:17"},
			cands: [][]string{},
		},
		{
			name: "prose in a table section stays prose",
			src:  edit(t, g004, "第二十条第（一）项\n", "行政许可事项共办理170件，均已公开。\n第二十条第（一）项\n"),
			want: map[string]string{"active.regulations.issued": "number:0@8:3"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if p, _ := Detect([]byte(tt.src)); p == nil || p.Name() != "glued" {
				t.Errorf("Detect picked %v, want glued", p)
			}
			r, err := Glued.Parse([]byte(tt.src))
			for path, want := range tt.want {
				if got := show(r, path); got != want {
					t.Errorf("%s = %s, want %s", path, got, want)
				}
			}
			if got := positions(t, err); strings.Join(got, ", ") != strings.Join(tt.errs, ", ") {
				t.Errorf("errors %q, want %q\n%v", got, tt.errs, err)
			}
			if tt.cands == nil {
				return
			}
			var se *SplitError
			if !errors.As(err, &se) {
				t.Fatalf("no *SplitError in %v", err)
			}
			if d := cmp.Diff(tt.cands, se.Candidates, cmpopts.EquateEmpty()); d != "" {
				t.Errorf("candidates (-want +got):\n%s\n%v", d, err)
			}
		})
	}
}

// TestGluedSeedAmbiguous reads seed 003 as glued text. Its 政府集中采购 row,
// 95 projects for 589.08, is glued to 95589.08, which cuts four ways; the
// template says nothing of their sizes, so the row is not read and the
// four candidates are returned. The rest of the report is the seed's.
func TestGluedSeedAmbiguous(t *testing.T) {
	const stem = "003_cda8e236fd2b0dc4"
	src, err := os.ReadFile("../testdata/glued/" + stem + ".glued.txt")
	if err != nil {
		t.Fatal(err)
	}
	if p, _ := Detect(src); p == nil || p.Name() != "glued" {
		t.Errorf("Detect picked %v, want glued", p)
	}
	r, err := Glued.Parse(src)
	var e *Error
	var se *SplitError
	if !errors.As(err, &e) || !errors.As(err, &se) || !errors.Is(err, ErrAmbiguous) {
		t.Fatalf("err %v, want one *Error wrapping a *SplitError", err)
	}
	if e.Line != 22 || e.Col != 7 {
		t.Errorf("at %d:%d, want 22:7", e.Line, e.Col)
	}
	want := &SplitError{
		Table: report.Active, Row: "procurement", Columns: []string{"projects", "amount"}, Digits: "95589.08",
		Candidates: [][]string{{"9", "5589.08"}, {"95", "589.08"}, {"955", "89.08"}, {"9558", "9.08"}},
	}
	if d := cmp.Diff(want, se); d != "" {
		t.Errorf("split error (-want +got):\n%s", d)
	}
	const msg = `22:7: 表二 row “政府集中采购”: "95589.08" can be cut into 2 cells in 4 ways with the kinds of the columns: 9 5589.08 | 95 589.08 | 955 89.08 | 9558 9.08; its cells are not read`
	if e.Error() != msg {
		t.Errorf("message\n%s\nwant\n%s", e.Error(), msg)
	}
	golden := goldenReport(t, stem)
	active := golden.Table(report.Active)
	active.Rows = active.Rows[:len(active.Rows)-1] // 政府集中采购, not read
	if d := cmp.Diff(golden, r, cmpopts.IgnoreTypes(report.Source{}), cmpopts.EquateEmpty()); d != "" {
		t.Errorf("(-golden without 政府集中采购 +glued):\n%s", d)
	}
}

func TestValidPart(t *testing.T) {
	tests := []struct {
		s    string
		kind report.ValueKind
		want bool
	}{
		{"0", report.Count, true}, {"10", report.Count, true}, {"01", report.Count, false},
		{"1.5", report.Count, false}, {"-1", report.Count, false}, {"", report.Count, false},
		{"589.08", report.Decimal, true}, {"0.5", report.Decimal, true}, {"00.5", report.Decimal, false},
		{"5.", report.Decimal, false}, {"1.2.3", report.Decimal, false},
		{"-3", report.Signed, true}, {"-03", report.Signed, false}, {"3-", report.Signed, false},
	}
	for _, tt := range tests {
		if got := validPart(tt.s, tt.kind); got != tt.want {
			t.Errorf("validPart(%q, %d) = %v", tt.s, tt.kind, got)
		}
	}
}

// TestGluedRoundTrip reads each seed's glued text, writes the report as
// canonical JSON and reads that back as the same report.
func TestGluedRoundTrip(t *testing.T) {
	for _, s := range seeds {
		if gluedAmbiguous[s.file] {
			continue
		}
		r, err := Glued.Parse([]byte(readCorpus(t, s.file+".glued.txt")))
		if err != nil {
			t.Fatalf("%s: %v", s.file, err)
		}
		var b strings.Builder
		if err := (render.JSON{}).Render(&b, r); err != nil {
			t.Fatal(err)
		}
		back, err := JSON.Parse([]byte(b.String()))
		if err != nil {
			t.Fatalf("%s: JSON back: %v", s.file, err)
		}
		if d := cmp.Diff(r, back, cmpopts.IgnoreTypes(report.Source{}), cmpopts.EquateEmpty()); d != "" {
			t.Errorf("%s: (-glued +json):\n%s", s.file, d)
		}
	}
}

// TestGluedWrappedHeader reads the header of 表三 that a PDF's text in
// content stream order wraps column by column (科研 / 机构 a cell, the
// cells' second lines on the line after the first ones), with and without
// a page number between; pieces that do not finish the header's labels
// stay as the section's text.
func TestGluedWrappedHeader(t *testing.T) {
	raw, err := os.ReadFile("../testdata/pdftext/000_f75296a9e8ded5b4.raw.txt")
	if err != nil {
		t.Fatal(err)
	}
	src := string(raw)
	const head = "商业企业 科研 社会公 法律服务 其他\n— 1 —\n\f机构 益组织 机构\n"
	if !strings.Contains(src, head) {
		t.Fatalf("000's raw text no longer has its wrapped header %q", head)
	}
	tests := []struct {
		name, head, prose string
	}{
		{"as extracted, a page number between", head, ""},
		{"no page number", "商业企业 科研 社会公 法律服务 其他\n机构 益组织 机构\n", ""},
		{"a label alone on the first line", "商业企业 科研 社会公 法律服务 其他\n机构 益组织\n", "商业企业 科研 社会公 法律服务 其他\n机构 益组织"},
		{"a piece that finishes no label", "商业企业 科研 社会公 法律服务 其他\n机构 益组织 部门\n", "商业企业 科研 社会公 法律服务 其他\n机构 益组织 部门"},
		{"more pieces than cells", "科研 社会公\n机构 益组织 机构\n", "科研 社会公\n机构 益组织 机构"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Glued.Parse([]byte(strings.Replace(src, head, tt.head, 1)))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			s := r.Section(report.Requests)
			if s == nil || s.Table == nil {
				t.Fatal("no 表三")
			}
			if s.Prose != tt.prose {
				t.Errorf("表三's text %q, want %q", s.Prose, tt.prose)
			}
			if c := r.Cell(report.Key{Table: report.Requests, Row: "new_received", Column: "total"}); c == nil || c.Value.String() != "3" {
				t.Errorf("requests.new_received.total = %v, want 3", c)
			}
		})
	}
}
