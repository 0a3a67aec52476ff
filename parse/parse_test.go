package parse

import (
	"errors"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
	"unsafe"

	"github.com/google/go-cmp/cmp"

	"github.com/opengovcn/annualreport/report"
)

// Seeds are five reports as published, in testdata/seeds.
var seeds = []struct{ file, layout string }{
	{"000_f75296a9e8ded5b4", "cells"},
	{"001_10659aee92df145a", "tsv"},
	{"002_1e4bc6448c6781ed", "pipes"},
	{"003_cda8e236fd2b0dc4", "cells"},
	{"004_f9e7c90898d0e983", "cells"},
}

func readSeed(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile("../testdata/seeds/" + name + ".txt")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// edit replaces old, which must occur exactly once in s, by new: the
// oddity cases below are real seeds with one thing changed.
func edit(t *testing.T, s, old, new string) string {
	t.Helper()
	if n := strings.Count(s, old); n != 1 {
		t.Fatalf("edit: %q occurs %d times", old, n)
	}
	return strings.Replace(s, old, new, 1)
}

// positions lists the errors in err as sentinel@line:col.
func positions(t *testing.T, err error) []string {
	t.Helper()
	list := ErrorList(err)
	if err != nil && list == nil {
		t.Fatalf("error of type %T: %v", err, err)
	}
	var out []string
	for _, e := range list {
		out = append(out, e.Err.Error()+"@"+report.Source{Line: e.Line, Col: e.Col}.String())
	}
	return out
}

// show describes a cell as kind:value@line:col, or "missing".
func show(r *report.Report, path string) string {
	c := r.Lookup(path)
	if c == nil {
		return "missing"
	}
	s := c.Kind.String()
	if c.Kind != report.Blank {
		s += ":" + c.Value.String()
	}
	return s + "@" + c.Src.String()
}

func TestDetect(t *testing.T) {
	for _, s := range seeds {
		p, err := Detect([]byte(readSeed(t, s.file)))
		if err != nil {
			t.Fatalf("%s: %v", s.file, err)
		}
		if p.Name() != s.layout {
			t.Errorf("%s: detected %s, want %s", s.file, p.Name(), s.layout)
		}
	}
	for _, junk := range []string{"", "\x89PNG\r\n\x1a\n", "hello world\nnothing here\n"} {
		if p, err := Detect([]byte(junk)); !errors.Is(err, ErrUnknownLayout) {
			t.Errorf("Detect(%q) = %v, %v; want ErrUnknownLayout", junk, p, err)
		}
	}
}

// TestSeedCells checks cells of every seed against the published text, with
// their positions (line:column in the seed file).
func TestSeedCells(t *testing.T) {
	tests := []struct {
		file string
		want map[string]string
	}{
		{"000_f75296a9e8ded5b4", map[string]string{
			"requests.new_received.natural_person": "number:3@83:2",
			"requests.granted.total":               "number:1@108:2",
			"requests.partially_granted.total":     "number:1@118:2",
			// "\t\n0": the number on a line of its own after an empty cell line.
			"requests.not_processed.confirmation.total":   "number:0@295:1",
			"requests.other_handling.no_correction.total": "number:0@307:1",
			// The published （七）总计 row is zeros: kept as published.
			"requests.total.natural_person":           "number:0@334:2",
			"requests.total.total":                    "number:0@340:2",
			"requests.carried_forward.natural_person": "number:1@343:2",
			"active.fees.amount":                      "number:0@59:2",
			"appeals.litigation_after_review.total":   "number:0@405:2",
		}},
		{"001_10659aee92df145a", map[string]string{
			"active.normative_documents.issued":     "number:1@34:9",
			"active.punishment.decisions":           "number:17@40:6",
			"requests.new_received.total":           "number:2@51:31",
			"requests.partially_granted.total":      "number:0@54:44",
			"requests.other_handling.other.total":   "number:0@73:19",
			"requests.total.natural_person":         "number:2@74:8",
			"appeals.review.upheld":                 "number:0@82:1",
			"appeals.litigation_after_review.total": "number:0@82:29",
		}},
		{"002_1e4bc6448c6781ed", map[string]string{
			"active.normative_documents.in_force":   "number:2@21:1",
			"active.licensing.decisions":            "number:170@26:1",
			"requests.granted.total":                "number:0@74:1",
			"appeals.review.upheld":                 "number:0@275:1",
			"appeals.litigation_after_review.total": "number:0@289:1",
		}},
		{"003_cda8e236fd2b0dc4", map[string]string{
			"active.regulations.made":                     "number:0@18:2",
			"active.licensing.change":                     "number:0@36:2",
			"active.procurement.projects":                 "number:95@78:2",
			"active.procurement.amount":                   "number:589.08@79:2",
			"requests.carried_over.commercial":            "number:0@112:3", // "\t 0": stray space
			"requests.unable.not_held.natural_person":     "number:1@230:2",
			"requests.other_handling.natural_person":      "number:0@317:3", // the 2019 single （六） row
			"requests.other_handling.no_correction.total": "missing",
			"requests.total.total":                        "number:1@333:3",
			"appeals.litigation_direct.upheld":            "number:1@378:2",
			"appeals.litigation_direct.total":             "number:1@382:2",
			"active.regulations.issued":                   "missing", // 2019: no 2021 columns
		}},
		{"004_f9e7c90898d0e983", map[string]string{
			"active.normative_documents.issued":     "number:0@21:2", // 规范性文件 in a 2021 report
			"requests.other_handling.other.total":   "number:0@317:2",
			"appeals.review.total":                  "number:0@374:2", // header "总\n\n计"
			"appeals.litigation_after_review.total": "number:0@384:2",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			r, err := Parse([]byte(readSeed(t, tt.file)))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			for path, want := range tt.want {
				if got := show(r, path); got != want {
					t.Errorf("%s = %s, want %s", path, got, want)
				}
			}
		})
	}
}

func TestSeedMetadata(t *testing.T) {
	tests := []struct {
		file                string
		template            report.Version
		agency, title       string
		year                int
		subheads            int
		trailerHas, otherIs string
	}{
		{"000_f75296a9e8ded5b4", report.V2021, "重庆市大渡口区跳磴镇", "重庆市大渡口区跳磴镇2023年政府信息公开工作年度报告", 2023, 5, "", "截至2023年12月31日，收取信息处理费0元。"},
		{"001_10659aee92df145a", report.V2021, "大峪镇人民政府", "大峪镇人民政府 2023 年政府信息公开工作年度报告", 2023, 5, "", "2023年度无收取信息处理费情况,无其他需要说明的事项。"},
		// No title: the year comes from the statistics period; the web
		// page's links after 六 go to the trailer.
		{"002_1e4bc6448c6781ed", report.V2021, "", "", 2024, 5, "国务院部门网站\n地方政府网站", "无。"},
		{"003_cda8e236fd2b0dc4", report.V2019, "重庆市大渡口区八桥镇", "重庆市大渡口区八桥镇2020年政府信息公开工作年度报告", 2020, 0, "", "暂无其他需要报告的事项。"},
		{"004_f9e7c90898d0e983", report.V2021, "车排子镇", "车排子镇政府信息公开工作2023年度报告", 2023, 0, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			r, err := Parse([]byte(readSeed(t, tt.file)))
			if err != nil {
				t.Fatal(err)
			}
			if r.Template != tt.template || r.Agency != tt.agency || r.Title != tt.title || r.Year != tt.year {
				t.Errorf("got template %q agency %q title %q year %d", r.Template, r.Agency, r.Title, r.Year)
			}
			var keys []string
			for _, s := range r.Sections {
				keys = append(keys, string(s.Key))
			}
			if got := strings.Join(keys, " "); got != "overview active requests appeals problems other" {
				t.Errorf("sections: %s", got)
			}
			if n := len(r.Section(report.Overview).Subheads); n != tt.subheads {
				t.Errorf("%d sub-heads of 一, want %d", n, tt.subheads)
			}
			if !strings.Contains(r.Trailer, tt.trailerHas) || tt.trailerHas == "" && r.Trailer != "" {
				t.Errorf("trailer %q, want it to hold %q", r.Trailer, tt.trailerHas)
			}
			if tt.otherIs != "" && r.Section(report.Other).Prose != tt.otherIs {
				t.Errorf("六: %q", r.Section(report.Other).Prose)
			}
		})
	}
}

// TestOddities runs the seeds with one oddity each, as agencies publish them.
func TestOddities(t *testing.T) {
	s000 := readSeed(t, "000_f75296a9e8ded5b4")
	s001 := readSeed(t, "001_10659aee92df145a")
	s002 := readSeed(t, "002_1e4bc6448c6781ed")
	s003 := readSeed(t, "003_cda8e236fd2b0dc4")
	s004 := readSeed(t, "004_f9e7c90898d0e983")
	newRow004 := "\t一、本年新收政府信息公开申请数量\n\t0\n\t0\n\t0\n\t0\n\t0\n\t0\n\t0\n"
	tests := []struct {
		name string
		src  string
		want map[string]string
		errs []string // sentinel name and line:col of each error, in order
	}{
		{
			name: "blank, zero and text are four different things",
			src:  edit(t, s004, newRow004, "\t一、本年新收政府信息公开申请数量\n\t\n\t0\n\t—\n\t/\n\t无\n\t３\n\t 12 \n"),
			want: map[string]string{
				"requests.new_received.natural_person": "blank@73:2",
				"requests.new_received.commercial":     "number:0@74:2",
				"requests.new_received.research":       "text:—@75:2",
				"requests.new_received.social_welfare": "text:/@76:2",
				"requests.new_received.legal_service":  "text:无@77:2",
				"requests.new_received.other_org":      "number:3@78:2", // full-width digit
				"requests.new_received.total":          "number:12@79:3",
			},
		},
		{
			name: "label broken over lines and with stray spaces",
			src: edit(t, edit(t, s004, "\t（三）不予公开\n", "\t（三）不予\n公开\n"),
				"\t1.本机关不掌握相关政府信息\n", "\t1.本机关不掌握 相关政府\n信息\n"),
			want: map[string]string{
				"requests.denied.state_secret.total": "number:0@120:2",
				"requests.unable.not_held.total":     "number:0@209:2",
			},
		},
		{
			name: "half-width brackets and a numbered sub-head （2）",
			src:  edit(t, s004, "\t（五）不予处理\n", "\t(五) 不予处理\n"),
			want: map[string]string{"requests.not_processed.complaint.total": "number:0@240:2"},
		},
		{
			name: "a 2021 report with the 2019 single （六）其他处理 row",
			src: edit(t, s004, "\t（六）其他处理\n\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请\n\t0\n\t0\n\t0\n\t0\n\t0\n\t0\n\t0\n\n\t\n\t\n\t2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请\n\t0\n\t0\n\t0\n\t0\n\t0\n\t0\n\t0\n\n\t\n\t\n\t3.其他\n",
				"\t（六）其他处理\n"),
			want: map[string]string{
				"requests.other_handling.natural_person":      "number:0@288:2",
				"requests.other_handling.no_correction.total": "missing",
				"requests.total.total":                        "number:0@304:2",
			},
		},
		{
			name: "a row left out is missing, the others are read",
			src:  edit(t, s004, "\t\n\t\n\t2.重复申请\n\t0\n\t0\n\t0\n\t0\n\t0\n\t0\n\t0\n\n", ""),
			want: map[string]string{
				"requests.not_processed.duplicate.total":   "missing",
				"requests.not_processed.publication.total": "number:0@251:2",
			},
		},
		{
			name: "an unknown row label is reported and its cells are not read",
			src:  edit(t, s004, "\t2.重复申请\n", "\t2.重复提交的申请\n"),
			want: map[string]string{
				"requests.not_processed.duplicate.total": "missing",
				"requests.not_processed.complaint.total": "number:0@240:2",
			},
			errs: []string{"unknown label@244:2"},
		},
		{
			name: "a row with a cell too few is not read",
			src:  edit(t, s004, newRow004, "\t一、本年新收政府信息公开申请数量\n\t0\n\t0\n\t0\n\t0\n\t0\n\t0\n"),
			want: map[string]string{"requests.new_received.total": "missing", "requests.carried_over.total": "number:0@87:2"},
			errs: []string{"wrong number of cells@72:2"},
		},
		{
			name: "blank padding on both sides: only the columns every reading agrees on",
			src: edit(t, s001, "一、本年新收政府信息公开申请数量\t\t2\t0\t0\t0\t0\t0\t2\t",
				"一、本年新收政府信息公开申请数量\t\t2\t0\t0\t0\t0\t0\t\t"),
			want: map[string]string{
				"requests.new_received.natural_person": "missing",
				"requests.new_received.commercial":     "missing",
				"requests.new_received.total":          "missing",
			},
			errs: []string{"ambiguous cells@51:1"},
		},
		{
			name: "tsv: an empty cell between the （六） group and its first item",
			src: edit(t, s001, "\t(六) 其他处理\t1.申请人无正当理由逾期不补正",
				"\t(六) 其他处理\t\t1.申请人无正当理由逾期不补正"),
			want: map[string]string{
				"requests.other_handling.no_correction.total": "number:0@71:58",
				"requests.other_handling.natural_person":      "missing",
			},
		},
		{
			name: "表三 header with applicant columns in another order is reported",
			src:  edit(t, s004, "\t科研机构\n\t社会公益组织\n", "\t社会公益组织\n\t科研机构\n"),
			want: map[string]string{"requests.new_received.research": "number:0@75:2"},
			errs: []string{"ambiguous cells@67:2"},
		},
		{
			name: "columns come from the header, not from positions",
			src: edit(t, s004, "\t信息内容\n\t本年制发件数\n\t本年废止件数\n\t现行有效件数\n",
				"\t信息内容\n\t本年新制作数量\n\t本年新公开数量\n\t对外公开总数量\n"),
			want: map[string]string{
				"active.regulations.made":                 "number:0@16:2",
				"active.regulations.issued":               "missing",
				"active.normative_documents.total_public": "number:0@23:2",
			},
		},
		{
			name: "a header column that does not belong to the row",
			src:  edit(t, s004, "\t本年收费金额（单位：万元）\n", "\t本年处理决定数量\n"),
			want: map[string]string{"active.fees.amount": "missing", "active.fees.decisions": "missing"},
			errs: []string{"unknown label@47:2"},
		},
		{
			name: "signed and decimal values keep their digits",
			src: edit(t, edit(t, s003, "\t行政许可\n\t0\n\t0\n", "\t行政许可\n\t12\n\t-3\n"),
				"\t95\n\t589.08\n", "\t95\n\t589.80\n"),
			want: map[string]string{
				"active.licensing.prev_items": "number:12@35:2",
				"active.licensing.change":     "number:-3@36:2",
				"active.procurement.amount":   "number:589.80@79:2",
			},
		},
		{
			name: "heading numbered 6、 and a misworded heading 五 are found",
			src:  s004,
			want: map[string]string{},
		},
		{
			name: "a note after a table is prose, not part of its last cell",
			src:  edit(t, s004, "\t0\n\n\n五、存在的主要问题及改进情况", "\t0\n单位：件\n\n五、存在的主要问题及改进情况"),
			want: map[string]string{"appeals.litigation_after_review.total": "number:0@384:2"},
		},
		{
			name: "CRLF line ends and a BOM read like the plain file",
			src:  "\ufeff" + strings.ReplaceAll(s000, "\n", "\r\n"),
			want: map[string]string{"requests.new_received.natural_person": "number:3@83:2", "requests.carried_forward.total": "number:1@349:2"},
		},
		{
			name: "old Mac CR line ends",
			src:  strings.ReplaceAll(s002, "\n", "\r"),
			want: map[string]string{"active.licensing.decisions": "number:170@26:1"},
		},
		{
			name: "pipes: a value written with thousands separator and a dash",
			src:  edit(t, edit(t, s002, "行政许可 |\n170 | ||", "行政许可 |\n1,170 | ||"), "行政处罚 |\n0 | ||", "行政处罚 |\n— | ||"),
			want: map[string]string{"active.licensing.decisions": "number:1170@26:1", "active.punishment.decisions": "text:—@31:1"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Parse([]byte(tt.src))
			if r == nil {
				t.Fatalf("no report; err %v", err)
			}
			for path, want := range tt.want {
				if got := show(r, path); got != want {
					t.Errorf("%s = %s, want %s", path, got, want)
				}
			}
			got := positions(t, err)
			if strings.Join(got, ", ") != strings.Join(tt.errs, ", ") {
				t.Errorf("errors %q, want %q\n%v", got, tt.errs, err)
			}
		})
	}
}

func TestHeadings(t *testing.T) {
	r, err := Parse([]byte(readSeed(t, "004_f9e7c90898d0e983")))
	if err != nil {
		t.Fatal(err)
	}
	if s := r.Section(report.Other); s.Src.Text != "6、 其他需要报告的事项" || s.Src.Line != 392 {
		t.Errorf("六 heading %q at %s", s.Src.Text, s.Src)
	}
	r, _ = Parse([]byte(readSeed(t, "000_f75296a9e8ded5b4")))
	if s := r.Section(report.Problems); s.Src.Text != "五、当前存在的主要问题及2024年改进工作措施" {
		t.Errorf("五 heading %q", s.Src.Text)
	}
	// （2） 依申请公开, and a Word bookmark before （三）, are sub-heads.
	var titles []string
	for _, h := range r.Section(report.Overview).Subheads {
		titles = append(titles, h.Title)
	}
	if got := strings.Join(titles, "|"); got != "（一）主动公开|（2） 依申请公开|（三）政府信息管理情况|（四）加强政务公开平台建设|（五）监督保障" {
		t.Errorf("sub-heads %s", got)
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		sentinel error
		pos      string
	}{
		{"empty input", "", ErrUnknownLayout, "1:1"},
		{"not a report", "\t预算收入\n\t100\n", ErrNoReport, "1:2"},
		{"invalid UTF-8", "一、总体情况\n正文\xff\xfe\n", ErrSyntax, "2:3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var r *report.Report
			var err error
			if tt.sentinel == ErrUnknownLayout {
				r, err = Parse([]byte(tt.src))
			} else {
				r, err = Cells.Parse([]byte(tt.src))
				if r == nil {
					t.Error("no partial report")
				}
			}
			var e *Error
			if !errors.Is(err, tt.sentinel) || !errors.As(err, &e) {
				t.Fatalf("err %v, want %v", err, tt.sentinel)
			}
			if got := (report.Source{Line: e.Line, Col: e.Col}).String(); got != tt.pos {
				t.Errorf("at %s, want %s", got, tt.pos)
			}
		})
	}
}

func TestErrorWithContext(t *testing.T) {
	src := edit(t, readSeed(t, "004_f9e7c90898d0e983"), "\t2.重复申请\n", "\t2.重复提交的申请\n")
	_, err := Parse([]byte(src))
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("err %v", err)
	}
	want := "244:2: 表三: unknown label \"2.重复提交的申请\" (nearest label of the template: \"2.重复申请\"); the cells of its row are not read\n   | \t2.重复提交的申请\n   | \t^"
	if got := e.ErrorWithContext(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestTableNoteIsProse(t *testing.T) {
	src := edit(t, readSeed(t, "004_f9e7c90898d0e983"), "\t0\n\n\n五、存在的主要问题及改进情况", "\t0\n单位：件\n\n五、存在的主要问题及改进情况")
	r, err := Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Section(report.Appeals).Prose; got != "单位：件" {
		t.Errorf("表四 prose %q, want the note", got)
	}
	if got := show(r, "appeals.litigation_after_review.total"); got != "number:0@384:2" {
		t.Errorf("last cell %s", got)
	}
}

// A cell where no table belongs (a tab-indented line in section 一) is
// reported and kept as prose, not lost.
func TestStrayCellKeptAsProse(t *testing.T) {
	src := edit(t, readSeed(t, "004_f9e7c90898d0e983"), "\n二、主动公开政府信息情况\n", "\n\t主动公开信息36条\n二、主动公开政府信息情况\n")
	r, err := Parse([]byte(src))
	if got := strings.Join(positions(t, err), ", "); got != "unknown label@6:2" {
		t.Errorf("errors %s, want unknown label@6:2", got)
	}
	if p := r.Section(report.Overview).Prose; !strings.HasSuffix(p, "\n主动公开信息36条") {
		t.Errorf("一 prose ends %q", p[len(p)-30:])
	}
}

// Without a title, the report's source is its first heading.
func TestReportSourceWithoutTitle(t *testing.T) {
	r, err := Parse([]byte(readSeed(t, "002_1e4bc6448c6781ed")))
	if err != nil {
		t.Fatal(err)
	}
	if r.Src != (report.Source{Line: 1, Col: 1, Text: "一、总体情况"}) {
		t.Errorf("Src %+v", r.Src)
	}
	r, _ = Parse([]byte(readSeed(t, "003_cda8e236fd2b0dc4")))
	if r.Src != (report.Source{Line: 1, Col: 1, Text: "重庆市大渡口区八桥镇\n2020年政府信息公开工作年度报告"}) {
		t.Errorf("Src %+v", r.Src)
	}
}

// TestTextInCell: a few Chinese words where a row's cells stand (不适用,
// 见说明) are text in a cell, kept as published, not a label that ends the
// row; text near a label of the template is still an unknown label.
func TestTextInCell(t *testing.T) {
	seed := readSeed(t, "001_10659aee92df145a")
	lines := strings.Split(seed, "\n")
	// Line 51: 一、本年新收政府信息公开申请数量		2	0	0	0	0	0	2
	lines[50] = strings.Replace(lines[50], "\t2\t0\t0", "\t2\t不适用\t0", 1)
	// Line 52: 二、上年结转…, its 总计 见说明
	lines[51] = strings.TrimRight(lines[51], "\t")
	lines[51] = lines[51][:len(lines[51])-1] + "见说明\t"
	// Line 67: 2.重复申请, written 2.重复提交的申请 in its own cell
	lines[66] = strings.Replace(lines[66], "2.重复申请\t0", "2.重复申请\t其他情况\t0", 1)
	r, err := TSV.Parse([]byte(strings.Join(lines, "\n")))
	for path, want := range map[string]string{
		"requests.new_received.natural_person": "number:2@51:19",
		"requests.new_received.commercial":     "text:不适用@51:21",
		"requests.new_received.research":       "number:0@51:25",
		"requests.carried_over.total":          "text:见说明@52:31",
		"requests.carried_over.other_org":      "number:0@52:29",
	} {
		if got := show(r, path); got != want {
			t.Errorf("%s = %s, want %s", path, got, want)
		}
	}
	if got := strings.Join(positions(t, err), " "); got != "wrong number of cells@67:3 unknown label@67:10" {
		t.Errorf("errors %s (%v)", got, err)
	}
}

// TestLabelKeySpellings holds labelKey's table of the template's own
// spellings to the folding it spares them, white space around included.
func TestLabelKeySpellings(t *testing.T) {
	if len(templateKeys) < 50 {
		t.Fatalf("%d template spellings", len(templateKeys))
	}
	for s, k := range templateKeys {
		for _, in := range []string{s, " " + s + "\n", "\u3000" + s} {
			if got, want := labelKey(in), foldLabel(in); got != want || got != k {
				t.Errorf("labelKey(%q) = %q, foldLabel %q, table %q", in, got, want, k)
			}
		}
	}
}

// TestHeadingPrefilters holds heading's quick checks, which tell most
// lines are no heading without folding them, to the full match: on every
// line of the test data and on lines made to sit at the checks' edges.
func TestHeadingPrefilters(t *testing.T) {
	lines := []string{
		"一、总体情况", "一 、总体情况", "1、总体情况", "1.总体情况", "1．总体情况", "1,总体情况",
		"6:其他需要报告的事项", "六、其他需要报告的事项", "6 其他需要报告的事项", "1０、总体情况",
		"2023年政府信息公开工作年度报告", "2023 年，共接到依申请公开3件。", "一是明确责任人",
		"三是做好政府网站的安全保密工作", "十、总体情况", "1一、总体情况", "１、总体情况",
		"\u200b一、总体情况", "[bookmark: _GoBack]二、主动公开政府信息情况", "2a、总体情况",
		"三\u3000、收到和处理政府信息公开申请情况", "　四、政府信息公开行政复议、行政诉讼情况", "0", "12", " 3", "一", "三 ", "",
	}
	lines = append(lines, testdataLines(t, "*/*")...)
	found := 0
	for _, l := range lines {
		want, wantOK := matchHeading(stripDebris(l))
		got, ok := heading(l)
		if got != want || ok != wantOK {
			t.Errorf("heading(%q) = %v, %v; the full match gives %v, %v", l, got, ok, want, wantOK)
		}
		if ok {
			found++
		}
	}
	if found < 100 {
		t.Errorf("%d headings among %d lines", found, len(lines))
	}
}

// TestLabelLike holds looksLikeValue's quick check for labels to the full
// one: on every cell and line of the test data and on texts made to sit
// at its edges, labelLike is never true where the folded text would be
// read as a value.
func TestLabelLike(t *testing.T) {
	texts := []string{
		"（一）予以公开", "1.属于国家秘密", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
		"12件", "１２件", "3 件", "251000元", "5万元", "暂无", "无", "（无）", "⽆", "—", "/", "不适用",
		"见说明", "1.无正当理由大量反复申请", "无法提供", "其他", "总计", "ABC", "12a", "一是", "0件",
	}
	for _, l := range testdataLines(t, "*/*") {
		texts = append(texts, l)
		for _, cell := range strings.FieldsFunc(l, func(r rune) bool { return r == '\t' || r == '|' }) {
			texts = append(texts, cell)
		}
	}
	labels := 0
	for _, x := range texts {
		tt := trimSpace(x)
		if tt == "" || !labelLike(tt) {
			continue
		}
		labels++
		if valueFolded(tt) {
			t.Errorf("labelLike(%q), but it folds into a value", tt)
		}
	}
	if labels < 1000 {
		t.Errorf("%d labels among %d texts", labels, len(texts))
	}
}

// TestTokenColumns checks the columns the TSV and pipes tokenizers count
// as they go along a line against counting each from the line's start, on
// every text file of the test data and on lines of wide, blank and
// multi-byte fields.
func TestTokenColumns(t *testing.T) {
	lines := []string{"一\t二\t\t三 ", "\u3000甲\t乙", "一 | 二 | | 三", "| a | 一二 |", "总计 | ||", "x|"}
	lines = append(lines, testdataLines(t, "*/*.txt")...)
	checked := 0
	for _, tokenize := range []func([]string, *stopper) []Token{tokenizeTSV, tokenizePipes} {
		for _, tok := range tokenize(lines, nil) {
			line := lines[tok.Line-1]
			want := 0
			switch tok.Kind {
			case RowEndToken:
				want = colOf(line, len(line))
			case CellToken:
				off := int(uintptr(unsafe.Pointer(unsafe.StringData(tok.Text))) - uintptr(unsafe.Pointer(unsafe.StringData(line))))
				if tok.Text == "" || off < 0 || off > len(line) {
					continue // an empty field: no data to place it by
				}
				want = fieldCol(tok.Text, colOf(line, off)) // the column counted from the line's start
			default:
				continue
			}
			if tok.Col != want {
				t.Errorf("%q: %v at column %d, want %d", line, tok, tok.Col, want)
			}
			checked++
		}
	}
	if checked < 1000 {
		t.Errorf("%d tokens checked", checked)
	}
}

// TestIndent holds indent to strings.TrimLeft, which it replaces.
func TestIndent(t *testing.T) {
	for _, s := range []string{"", " ", "\t", "  a", "\u3000\u3000一", "\u00a0 x", " \t\u3000", "一 ", "\xff ", " \xe3\x80", "\u3001a"} {
		for _, blanks := range []string{" \u3000\u00a0", " \t\u3000\u00a0", " \u3000"} {
			if got, want := indent(s, blanks), len(s)-len(strings.TrimLeft(s, blanks)); got != want {
				t.Errorf("indent(%q, %q) = %d, want %d", s, blanks, got, want)
			}
		}
	}
}

// TestTrimSpace holds trimSpace, with its shortcuts for Chinese text, to
// strings.TrimFunc with the same notion of blank, on the lines of the
// test data and on strings of bytes drawn from blanks, Chinese text and
// broken UTF-8.
func TestTrimSpace(t *testing.T) {
	pieces := []string{" ", "\t", "\u3000", "\u00a0", "\u200b", "\ufeff", "\u2028", "一", "丁", "\ue000", "\uff01", "a", "\xe4", "\x80", "\xc2", "\xe3\x80", "\xed\xa0\x80", "\U0001f233"}
	var texts []string
	rnd := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b strings.Builder
		for range rnd.IntN(6) {
			b.WriteString(pieces[rnd.IntN(len(pieces))])
		}
		texts = append(texts, b.String())
	}
	texts = append(texts, testdataLines(t, "*/*.txt")...)
	for _, s := range texts {
		if got, want := trimSpace(s), strings.TrimFunc(s, isBlankRune); got != want {
			t.Errorf("trimSpace(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestClassified holds classify's table of the template's spellings to
// classifyText, for every spelling in it, table and header state.
func TestClassified(t *testing.T) {
	n := 0
	values := []string{"", " ", "0", " 12 ", "\t3", "00", "—", "无", "12件", "１２"}
	for _, s := range append(values, slices.Collect(maps.Keys(classified))...) {
		for _, in := range []string{s, " " + s + "\n", "\u3000" + s} {
			for _, table := range []report.SectionKey{report.Active, report.Requests, report.Appeals, report.Overview} {
				for _, h := range []bool{false, true} {
					c, key := classify(table, in, h)
					wc, wkey := classifyText(table, in, h)
					if c != wc || key != wkey {
						t.Errorf("classify(%s, %q, %v) = %v %q, classifyText %v %q", table, in, h, c, key, wc, wkey)
					}
					if c != classUnknown {
						n++
					}
				}
			}
		}
	}
	if n < 400 {
		t.Errorf("%d classifications", n)
	}
}

// proseSource is the Source of the prose of lines alone (see
// report.Section.ProseSrc): the reading proseAll's is held to.
func proseSource(lines []Token) report.Source {
	var src sourceWriter
	for _, t := range lines {
		if trimSpace(stripDebris(t.Text)) != "" {
			src.add(t)
		}
	}
	return src.source()
}

// TestProseAll holds proseAll to prose, proseSource and subheadsOf, on
// the lines of testdata as tokens, in order and in runs that go back
// (two tokens of a line, a line again), with blanks and web-page debris.
func TestProseAll(t *testing.T) {
	var toks []Token
	for i, l := range testdataLines(t, "seeds/*.txt") {
		toks = append(toks, Token{Kind: LineToken, Text: l, Line: i + 1, Col: 1 + i%3})
	}
	extra := []Token{
		{Text: "（一）主动公开情况。", Line: 3, Col: 1}, {Text: "  ", Line: 4, Col: 1}, {Text: "分享到：微信", Line: 5, Col: 2},
		{Text: "(二) 依申请公开：", Line: 5, Col: 9}, {Text: "二是", Line: 2, Col: 1}, {Text: "", Line: 9, Col: 1},
	}
	cases := [][]Token{nil, extra, toks}
	for n := 1; n < len(toks); n += 37 {
		cases = append(cases, toks[n-1:min(len(toks), n+40)])
		cases = append(cases, append(slices.Clone(extra), toks[n-1:min(len(toks), n+5)]...))
	}
	for _, lines := range cases {
		p, src, subs := proseAll(lines)
		if p != prose(lines) {
			t.Fatalf("prose of %d lines from line %v:\n%q\nwant\n%q", len(lines), lines[:min(1, len(lines))], p, prose(lines))
		}
		if diff := cmp.Diff(proseSource(lines), src); diff != "" {
			t.Fatalf("source of %d lines (-proseSource +proseAll):\n%s", len(lines), diff)
		}
		if diff := cmp.Diff(subheadsOf(lines), subs); diff != "" {
			t.Fatalf("sub-heads of %d lines (-subheadsOf +proseAll):\n%s", len(lines), diff)
		}
	}
}

// TestKnownHeadings holds heading's lookup to the full reading, and checks
// that the lookup knows every section of both templates.
func TestKnownHeadings(t *testing.T) {
	if len(knownHeadings) < 24 {
		t.Errorf("%d known headings", len(knownHeadings))
	}
	for line, h := range knownHeadings {
		if want, ok := readHeading(line); !ok || want != h {
			t.Errorf("%q: looked up as %v, read as %v %v", line, h.Key, want, ok)
		}
	}
	for _, tmpl := range report.Templates() {
		for _, s := range tmpl.Sections {
			if _, ok := knownHeadings[[]string{"", "一", "二", "三", "四", "五", "六"}[s.Number]+"、"+s.Heading]; !ok {
				t.Errorf("%d、%s is not known", s.Number, s.Heading)
			}
		}
	}
}

// TestClassifiedBroken holds classify's lookup of a label broken over
// lines or by spaces to classifyText: every label of the lookup broken at
// every place, and at every two, by each kind of break.
func TestClassifiedBroken(t *testing.T) {
	tables := []report.SectionKey{report.Active, report.Requests, report.Appeals, report.Overview}
	check := func(in string) {
		for _, table := range tables {
			for _, h := range []bool{false, true} {
				c, key := classify(table, in, h)
				if wc, wkey := classifyText(table, in, h); c != wc || key != wkey {
					t.Fatalf("classify(%s, %q, %v) = %v %q, classifyText %v %q", table, in, h, c, key, wc, wkey)
				}
			}
		}
	}
	n := 0
	breaks := []string{"\n", " ", "\u3000", "\t", " \n ", "  ", "\n\n"}
	for label := range classified {
		cuts := []int{}
		for i := range label {
			if i > 0 {
				cuts = append(cuts, i)
			}
		}
		for a, i := range cuts {
			for bi, br := range breaks {
				check(label[:i] + br + label[i:])
				n++
				for _, j := range cuts[a+1:] {
					if len(cuts) <= 24 { // two breaks in the shorter labels: enough to see the rule
						check(label[:i] + br + label[i:j] + breaks[(bi+1)%len(breaks)] + label[j:])
					}
				}
			}
		}
	}
	if n < 3000 {
		t.Errorf("%d broken labels", n)
	}
	for _, s := range []string{"a b", "年\u3000度", " \u3000 ", "\u3000", "x\u3001y"} {
		if got, want := stripBlanks(s), strings.Map(func(r rune) rune {
			if r == ' ' || r == '\n' || r == '\t' || r == '\u3000' {
				return -1
			}
			return r
		}, s); got != want {
			t.Errorf("stripBlanks(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestDetectVersionUnknownRow checks that a row of neither template has no
// vote, and that rows of one template only decide.
func TestDetectVersionUnknownRow(t *testing.T) {
	r := &report.Report{Year: 2020, Sections: []report.Section{{Key: report.Requests, Table: &report.Table{Key: report.Requests,
		Rows: []report.Row{{Key: "no_such_row", Cells: []report.Cell{{Column: "natural_person"}}}}}}}}
	if v := detectVersion(r); v != report.VersionForYear(2020) {
		t.Errorf("unknown row: %v, want the year's %v", v, report.VersionForYear(2020))
	}
	for _, tmpl := range report.Templates() {
		other := report.V2019
		if tmpl.Version == report.V2019 {
			other = report.V2021
		}
		// A row of this template that the other lacks votes for it.
		for _, row := range tmpl.Table(report.Requests).Rows {
			if report.TemplateFor(other).Table(report.Requests).Row(row.Key) != nil {
				continue
			}
			r.Sections[0].Table.Rows = []report.Row{{Key: row.Key}}
			if v := detectVersion(r); v != tmpl.Version {
				t.Errorf("row %s of %v only: %v", row.Key, tmpl.Version, v)
			}
		}
	}
}

// TestStripDebris holds stripDebris to the regular expression it spells
// out, on bookmarks whole, broken, nested and repeated.
func TestStripDebris(t *testing.T) {
	re := regexp.MustCompile(`\[bookmark:[^\]]*\]`)
	for _, s := range []string{
		"", "x", "[bookmark: _GoBack]（三）政府信息管理情况", "a[bookmark: x]b[bookmark: y]c", "[bookmark:", "[bookmark:]",
		"[bookmark:[bookmark:x]]", "a[bookmark: x", "[bookmark: x][bookmark: y", "]]][bookmark:a]]", "[bookmark [bookmark:一]二",
	} {
		if got, want := stripDebris(s), re.ReplaceAllString(s, ""); got != want {
			t.Errorf("stripDebris(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestFindPeriod holds findPeriod to the expression it runs, on the prose
// of the seeds and on statements of the period made to sit at its edges.
func TestFindPeriod(t *testing.T) {
	texts := []string{"", "2024", "统计时限自2024年1月1日至2024年12月31日。", "自 2023 年 1 月 1 日起至 2023 年 12 月 31 日",
		"12019年1月1日至2019年12月31日", "2024年1月1日至2025年12月31日，2023年1月1日至2023年12月31日", "1920年1月1日至1920年12月31日1",
		"2024年1月2日至2024年12月31日；2024年1月1日至2024年12月31日", "20２4年1月1日至2024年12月31日", "一九年", "222024年1月1日至2024年12月31日"}
	texts = append(texts, testdataFiles(t, "seeds/*.txt")...)
	found := 0
	for _, s := range texts {
		got, want := findPeriod(s), periodYear.FindStringSubmatch(s)
		if !slices.Equal(got, want) {
			t.Errorf("findPeriod(%.40q) = %q, want %q", s, got, want)
		}
		if got != nil {
			found++
		}
	}
	if found < 5 {
		t.Errorf("%d periods found", found)
	}
}

// testdataFiles returns the contents of the files (not directories) of
// testdata matching pattern, for the tests that hold a shortcut to the full computation on
// realistic input.
func testdataFiles(t testing.TB, pattern string) []string {
	t.Helper()
	files, err := filepath.Glob("../testdata/" + pattern)
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata/%s: %v", pattern, err)
	}
	var out []string
	for _, f := range files {
		if fi, err := os.Stat(f); err == nil && fi.IsDir() {
			continue // testdata/validate/RULE: cases of the rules
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, string(src))
	}
	return out
}

// testdataLines returns the lines of the files of testdata matching
// pattern that are UTF-8 text (not a DOCX's zip, not the GBK samples).
func testdataLines(t *testing.T, pattern string) []string {
	t.Helper()
	var lines []string
	for _, src := range testdataFiles(t, pattern) {
		if utf8.ValidString(src) {
			lines = append(lines, splitLines(src)...)
		}
	}
	return lines
}

// TestAppendSetsEveryField guards appendToken and appendCell, which set a
// new element's fields one by one over memory that may hold an earlier
// element (a truncated token slice): a field added to Token, report.Cell,
// report.Value or report.Source must be set there too.
func TestAppendSetsEveryField(t *testing.T) {
	for _, c := range []struct {
		typ    reflect.Type
		fields int
	}{
		{reflect.TypeFor[Token](), 4},
		{reflect.TypeFor[report.Cell](), 3},
		{reflect.TypeFor[report.Value](), 4},
		{reflect.TypeFor[report.Source](), 5},
	} {
		if n := c.typ.NumField(); n != c.fields {
			t.Errorf("%v has %d fields, appendToken and appendCell set %d", c.typ, n, c.fields)
		}
	}
	// And what they set is what a literal gives, over a dirty element.
	toks := []Token{{Kind: CellToken, Text: "old", Line: 9, Col: 9}}
	toks = appendToken(toks[:0], LineToken, "new", 1, 2)
	if toks[0] != (Token{Kind: LineToken, Text: "new", Line: 1, Col: 2}) {
		t.Errorf("appendToken over a used element: %+v", toks[0])
	}
	cells := []report.Cell{{Column: "old", Value: report.TextValue("x"), Src: report.Source{Line: 9, Col: 9, Text: "x", Page: 9, Box: report.Box{X0: 9, Y0: 9, X1: 9, Y1: 9}}}}
	tok := Token{Kind: CellToken, Text: " 12 ", Line: 3, Col: 4}
	cells = appendCell(cells[:0], "natural_person", &tok)
	if want := (report.Cell{Column: "natural_person", Value: report.NumberValue(report.MustDec("12")), Src: report.Source{Line: 3, Col: 4, Text: " 12 "}}); cells[0] != want {
		t.Errorf("appendCell over a used element: %+v, want %+v", cells[0], want)
	}
}
