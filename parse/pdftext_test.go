package parse

import (
	"strings"
	"testing"

	"github.com/opengovcn/annualreport/report"
)

// pdfOdd is pdftotext -layout output of a report with the oddities of the
// layout: paragraphs wrapped at the margin, a page break (form feed and the
// page number "-3-") inside table 三, a merged label spread down its
// column (（三）/不予公/开), a label wrapped around the line of its numbers,
// a row with a blank cell (6 numbers for 7 columns, each under a column of
// the rows around it) and a row of 6 numbers one of which stands under no
// column.
var pdfOdd = strings.Join([]string{
	/* 1 */ "        某某镇2023年政府信息公开工作年度报告",
	/* 2 */ "一、总体情况",
	/* 3 */ "    本镇依法公开政府信息，全年共收到政府信息公开申请十二件，均已按期",
	/* 4 */ "答复完毕，没有因此被复议或诉讼。",
	/* 5 */ "    第二段，一行写完。",
	/* 6 */ "三、收到和处理政府信息公开申请情况",
	/* 7 */ "一、本年新收政府信息公开申请数量              12   0   0    0     0    0   12",
	/* 8 */ "二、上年结转政府信息公开申请数量              0   0   0    0     0    0   0",
	/* 9 */ "                        -3-",
	/* 10 */ "\f      （一）予以公开                 5   0   0    0     0    0   5",
	/* 11 */ "      （二）部分公开（区分处理的，只计这一情",
	/* 12 */ "                              1   0   0    0     0    0   1",
	/* 13 */ "      形，不计其他情形）",
	/* 14 */ "      （三） 1.属于国家秘密            0   0   0    0     0    0   0",
	/* 15 */ "      不予公",
	/* 16 */ "      开   2.其他法律行政法规禁止公开      0   0        0     0    0   0",
	/* 17 */ "          3.危及“三安全一稳定”             0     0   0    0     0    0",
	/* 18 */ "四、政府信息公开行政复议、行政诉讼情况",
	"",
}, "\n")

func TestPDFTextOddities(t *testing.T) {
	r, err := PDFText.Parse([]byte(pdfOdd))
	// The row with a number under no column cannot be placed: an error,
	// not a guess.
	if got := strings.Join(positions(t, err), " "); got != "wrong number of cells@17:11" {
		t.Errorf("errors %s, want the row of line 17 reported at its label\n%v", got, err)
	}
	if r.Title != "某某镇2023年政府信息公开工作年度报告" {
		t.Errorf("title %q", r.Title)
	}
	if got, want := r.Section(report.Overview).Prose, "本镇依法公开政府信息，全年共收到政府信息公开申请十二件，均已按期答复完毕，没有因此被复议或诉讼。\n第二段，一行写完。"; got != want {
		t.Errorf("overview\n%q, want\n%q", got, want)
	}
	for _, c := range []struct{ path, want string }{
		{"requests.new_received.natural_person", "number:12@7:31"},
		{"requests.new_received.total", "number:12@7:60"},
		{"requests.carried_over.total", "number:0@8:59"},
		{"requests.granted.natural_person", "number:5@10:32"}, // after the page break: the form feed is no column
		{"requests.partially_granted.natural_person", "number:1@12:31"},
		{"requests.partially_granted.total", "number:1@12:59"},
		{"requests.denied.state_secret.total", "number:0@14:59"},
		// The blank stands where no number stands, at its column.
		{"requests.denied.prohibited_by_law.natural_person", "number:0@16:31"},
		{"requests.denied.prohibited_by_law.commercial", "number:0@16:35"},
		{"requests.denied.prohibited_by_law.research", "blank@16:39"},
		{"requests.denied.prohibited_by_law.social_welfare", "number:0@16:44"},
		{"requests.denied.prohibited_by_law.total", "number:0@16:59"},
		{"requests.denied.three_safeties.natural_person", "missing"},
	} {
		if got := show(r, c.path); got != c.want {
			t.Errorf("%s = %s, want %s", c.path, got, c.want)
		}
	}
	row := r.Table(report.Requests).Row("partially_granted")
	if row == nil || row.Src.Line != 11 || row.Src.Text != "（二）部分公开（区分处理的，只计这一情形，不计其他情形）" {
		t.Errorf("wrapped label: %+v %q", row, row.Src.Text)
	}
}

func TestPDFTextDetect(t *testing.T) {
	if got := PDFText.Detect([]byte(pdfOdd)); got != 90 {
		t.Errorf("Detect = %d, want 90", got)
	}
	p, err := Detect([]byte(pdfOdd))
	if err != nil || p.Name() != "pdftext" {
		t.Errorf("Detect picks %v (%v)", p, err)
	}
	for _, s := range seeds {
		if got := PDFText.Detect([]byte(readSeed(t, s.file))); got != 0 {
			t.Errorf("%s: Detect = %d, want 0", s.file, got)
		}
	}
}

// pdfHeaders is pdftotext -layout output of tables whose header labels wrap
// in their narrow columns and are centred, as LibreOffice prints the
// official form: table 二 with its columns in another order than the
// template's (现行有效件 over 数), a header whose pieces make no label
// (本年处理决 over 定量), and table 四 with its three header lines.
var pdfHeaders = strings.Join([]string{
	/* 1 */ "        某某局2023年政府信息公开工作年度报告",
	/* 2 */ "二、主动公开政府信息情况",
	/* 3 */ "第二十条第（一）项",
	/* 4 */ "        现行有效件 本年制发件",
	/* 5 */ "信息内容                本年废止件数",
	/* 6 */ "        数     数",
	/* 7 */ "规章      7     1     0",
	/* 8 */ "行政规范性文件 3           4",
	/* 9 */ "第二十条第（五）项",
	/* 10 */ "        本年处理决",
	/* 11 */ "信息内容",
	/* 12 */ "        定量",
	/* 13 */ "行政许可    5",
	/* 14 */ "四、政府信息公开行政复议、行政诉讼情况",
	/* 15 */ "行政复议               行政诉讼",
	/* 16 */ "                   未经复议直接起诉           复议后起诉",
	/* 17 */ "结果维 结果纠 其他结 尚未审",
	/* 18 */ "                总计 结果维 结果纠 其他结 尚未审    结果维 结果纠 其他结 尚未审",
	/* 19 */ "持   正   果   结                      总计                 总计",
	/* 20 */ "                   持   正   果   结      持   正   果   结",
	/* 21 */ "1   0   0   0   1  0   0   0   0   0  0   0   2   0   2",
	"",
}, "\n")

func TestPDFTextHeaders(t *testing.T) {
	r, err := PDFText.Parse([]byte(pdfHeaders))
	// The pieces that make no label are reported where they stand, and the
	// row under them is not read: no header names its column.
	if got := strings.Join(positions(t, err), " "); got != "unknown label@10:9 unknown label@12:9 missing@13:1" {
		t.Errorf("errors %s\n%v", got, err)
	}
	for _, c := range []struct{ path, want string }{
		// The columns come from the re-assembled labels, in their order.
		{"active.regulations.in_force", "number:7@7:9"},
		{"active.regulations.issued", "number:1@7:15"},
		{"active.regulations.repealed", "number:0@7:21"},
		{"active.normative_documents.in_force", "number:3@8:9"},
		{"active.normative_documents.issued", "blank@8:15"},
		{"active.normative_documents.repealed", "number:4@8:21"},
		{"active.licensing.decisions", "missing"},
		{"appeals.review.upheld", "number:1@21:1"},
		{"appeals.review.total", "number:1@21:17"},
		{"appeals.litigation_after_review.other", "number:2@21:47"},
		{"appeals.litigation_after_review.total", "number:2@21:55"},
	} {
		if got := show(r, c.path); got != c.want {
			t.Errorf("%s = %s, want %s", c.path, got, c.want)
		}
	}
}

// Prose around the rows of a table section stays: a sentence before a row
// and one after it are two paragraphs, neither lost.
func TestPDFTextTableProse(t *testing.T) {
	src := strings.Join([]string{
		"一、总体情况",
		"    无。",
		"四、政府信息公开行政复议、行政诉讼情况",
		"本机关本年度未发生行政复议、行政诉讼案件。",
		"0   0   0   0   0  0   0   0   0   0  0   0   0   0   0",
		"以上数据截至年底。",
		"五、存在的主要问题及改进情况",
		"    无。",
		"",
	}, "\n")
	r, _ := PDFText.Parse([]byte(src))
	want := "本机关本年度未发生行政复议、行政诉讼案件。\n以上数据截至年底。"
	if got := r.Section(report.Appeals).Prose; got != want {
		t.Errorf("prose of 四 %q, want %q", got, want)
	}
	if got := show(r, "appeals.review.upheld"); got != "number:0@5:1" {
		t.Errorf("appeals.review.upheld = %s", got)
	}
}
