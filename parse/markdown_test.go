package parse

import (
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/opengovcn/annualreport/render"
	"github.com/opengovcn/annualreport/report"
)

func readCorpus(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile("../testdata/corpus/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestMarkdownOddities runs the Markdown of the seeds with one oddity
// each, checking values and their positions in the Markdown.
func TestMarkdownOddities(t *testing.T) {
	gfm004 := readCorpus(t, "004_f9e7c90898d0e983.markdown.gfm.md")
	gfm003 := readCorpus(t, "003_cda8e236fd2b0dc4.markdown.gfm.md")
	pdf000 := readCorpus(t, "000_f75296a9e8ded5b4.markdown.pdf.md")
	other2021 := "| 三、本年度办理结果 | （六）其他处理 | 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n" +
		"| 三、本年度办理结果 | （六）其他处理 | 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n" +
		"| 三、本年度办理结果 | （六）其他处理 | 3.其他 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n"
	tests := []struct {
		name string
		src  string
		want map[string]string
		errs []string
	}{
		{
			name: "the clean file: cells at their columns in characters",
			src:  gfm004,
			want: map[string]string{
				"requests.new_received.natural_person":  "number:0@31:28",
				"requests.new_received.total":           "number:0@31:52",
				"active.fees.amount":                    "number:0@23:13",
				"appeals.litigation_after_review.total": "number:0@63:59",
			},
		},
		{
			name: "a label split by <br> and stray spaces inside it",
			src:  edit(t, gfm004, "| （三）不予公开 | 1.属于国家秘密 |", "| （三）不予<br>公开 | 1.属于 国家<br/>秘密 |"),
			want: map[string]string{"requests.denied.state_secret.natural_person": "number:0@35:46"},
		},
		{
			name: "full-width brackets and digits, half-width label, spaces around values",
			src: edit(t, edit(t, gfm004, "| 三、本年度办理结果 | （一）予以公开 |  | 0 | 0 |", "| 三、本年度办理结果 | (一) 予以 公开 |  |  ３ | 0 |"),
				"| 行政许可 | 0 |", "| 行政许可 |   170   |"),
			want: map[string]string{
				"requests.granted.natural_person": "number:3@33:31",
				"active.licensing.decisions":      "number:170@16:12",
			},
		},
		{
			name: "the 2019 template (seed 003)",
			src:  gfm003,
			want: map[string]string{
				"active.procurement.projects":            "number:95@27:12",
				"active.procurement.amount":              "number:589.08@27:17",
				"active.licensing.change":                "number:0@16:14",
				"requests.other_handling.natural_person": "number:0@55:28",
				"requests.other_handling.other.total":    "missing",
				"appeals.litigation_direct.upheld":       "number:1@65:23",
			},
		},
		{
			name: "a 2021 report with the 2019 single （六） row",
			src:  edit(t, gfm004, other2021, "| 三、本年度办理结果 | （六）其他处理 |  | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n"),
			want: map[string]string{
				"requests.other_handling.natural_person":      "number:0@51:28",
				"requests.other_handling.no_correction.total": "missing",
				"requests.total.total":                        "number:0@52:50",
			},
		},
		{
			name: "blank cells stay blank, text stays text, an escaped pipe stays in its cell",
			src:  edit(t, gfm004, "| 一、本年新收政府信息公开申请数量 |  |  | 0 | 0 | 0 |", "| 一、本年新收政府信息公开申请数量 |  |  |  | — | /\\|/ |"),
			want: map[string]string{
				"requests.new_received.natural_person": "blank@31:27",
				"requests.new_received.commercial":     "text:—@31:31",
				"requests.new_received.research":       "text:/|/@31:35",
				"requests.new_received.social_welfare": "number:0@31:42",
				"requests.new_received.total":          "number:0@31:54",
			},
		},
		{
			name: "emphasis in a cell",
			src:  edit(t, gfm004, "| 规章 | 0 | 0 | 0 |", "| **规章** | **12** | 0 | 0 |"),
			want: map[string]string{"active.regulations.issued": "number:12@12:14", "active.regulations.in_force": "number:0@12:25"},
		},
		{
			name: "a PDF's table in fragments with page footers between them",
			src:  pdf000,
			want: map[string]string{
				"requests.denied.internal_affairs.total":  "number:0@73:48",
				"requests.denied.process_info.total":      "number:0@77:47",
				"requests.carried_forward.natural_person": "number:1@93:23",
				"appeals.review.upheld":                   "number:0@106:3",
			},
		},
		{
			name: "an unknown label is reported at its cell",
			src:  edit(t, gfm004, "| 2.重复申请 |", "| 2.重复提交的申请 |"),
			want: map[string]string{"requests.not_processed.duplicate.total": "missing"},
			errs: []string{"unknown label@47:25"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if p, _ := Detect([]byte(tt.src)); p == nil || p.Name() != "markdown" {
				t.Errorf("Detect picked %v, want markdown", p)
			}
			r, err := Markdown.Parse([]byte(tt.src))
			for path, want := range tt.want {
				if got := show(r, path); got != want {
					t.Errorf("%s = %s, want %s", path, got, want)
				}
			}
			if got := positions(t, err); strings.Join(got, ", ") != strings.Join(tt.errs, ", ") {
				t.Errorf("errors %q, want %q\n%v", got, tt.errs, err)
			}
		})
	}
}

func TestMarkdownHeadings(t *testing.T) {
	src := edit(t, readCorpus(t, "004_f9e7c90898d0e983.markdown.gfm.md"), "## 六、其他需要报告的事项", "### 6、 其他需要报告的事项 ##")
	src = edit(t, src, "## 五、存在的主要问题及改进情况", "**五、存在的主要问题及改进情况**")
	r, err := Markdown.Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if s := r.Section(report.Problems); s == nil || s.Src != (report.Source{Line: 65, Col: 3, Text: "五、存在的主要问题及改进情况"}) {
		t.Errorf("五 at %+v", s)
	}
	if s := r.Section(report.Other); s == nil || s.Src != (report.Source{Line: 71, Col: 5, Text: "6、 其他需要报告的事项"}) {
		t.Errorf("六 at %+v", s)
	}
	if r.Title != "车排子镇政府信息公开工作2023年度报告" || r.Src.Col != 3 {
		t.Errorf("title %q at %s", r.Title, r.Src)
	}
}

// Page footers are dropped; a number in prose is not a footer.
func TestPageFooter(t *testing.T) {
	for _, s := range []string{"— 3 —", "- 12 -", "第3页", "第 3 页 共 10 页", "　－ 4 －", "3 / 10"} {
		if !isPageFooter(s) {
			t.Errorf("%q is a page footer", s)
		}
	}
	for _, s := range []string{"3", "第3项", "- 3", "共收到申请3件。", "| 3 |"} {
		if isPageFooter(s) {
			t.Errorf("%q is no page footer", s)
		}
	}
}

// TestMarkdownRoundTrip reads each seed's Markdown and reads the template
// text the report renders to back as the same report.
func TestMarkdownRoundTrip(t *testing.T) {
	for _, s := range seeds {
		src := readCorpus(t, s.file+".markdown.gfm.md")
		r, err := Markdown.Parse([]byte(src))
		if err != nil {
			t.Fatalf("%s: %v", s.file, err)
		}
		var b strings.Builder
		if err := (render.Text{}).Render(&b, r); err != nil {
			t.Fatal(err)
		}
		back, err := Cells.Parse([]byte(b.String()))
		if err != nil {
			t.Fatalf("%s: text back: %v", s.file, err)
		}
		if d := cmp.Diff(r, back, cmpopts.IgnoreTypes(report.Source{}), cmpopts.EquateEmpty()); d != "" {
			t.Errorf("%s: (-markdown +text):\n%s", s.file, d)
		}
	}
}
