package validate

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// scanners are the expressions the rules run over prose with a scanner.
var scanners = map[string]*scanner{
	"countStmt": countStmt, "noneStmt": noneStmt, "anyYear": anyYear,
	"periodStmt": periodStmt, "asOfStmt": asOfStmt, "planStmt": planStmt,
}

// scanTexts are the seeds' text and statements as reports write them.
func scanTexts(t testing.TB) []string {
	texts := []string{
		"",
		"2023年，本机关共收到政府信息公开申请12件，其中2022年结转1件。本年度共受理政府信息公开申请4件（含上年结转1件）。",
		"本年度未收到政府信息公开申请，无收到申请，没有受理申请。",
		"本报告所列数据的统计期限自2023年1月1日起至2023年12月31日止。截至2023年12月31日，2024年将继续，2024年度计划做好。",
		"收到收到收到共3件 受理 十二件 接到 ２０ 件 新收15人次 201920202021年",
		"20191920年年年截止2023年12月31日截至 2022 年 12 月 31 日",
		"共收到" + strings.Repeat(" ", 700) + "3件政府信息公开申请",
	}
	files, _ := filepath.Glob("../testdata/seeds/*.txt")
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(src))
	}
	return texts
}

// TestScanner checks that a scanner finds what its expression finds.
func TestScanner(t *testing.T) {
	for _, text := range scanTexts(t) {
		for name, sc := range scanners {
			want := sc.re.FindAllStringSubmatchIndex(text, -1)
			got := sc.FindAllStringSubmatchIndex(text, -1)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s over %.40q (-regexp +scanner):\n%s", name, text, diff)
			}
		}
	}
}

// FuzzScanner checks it on any text.
func FuzzScanner(f *testing.F) {
	for _, text := range scanTexts(f) {
		f.Add(text)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 1500 || strings.Count(text, "\n") > 100 {
			return
		}
		for name, sc := range scanners {
			want := sc.re.FindAllStringSubmatchIndex(text, -1)
			got := sc.FindAllStringSubmatchIndex(text, -1)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s over %q (-regexp +scanner):\n%s", name, text, diff)
			}
		}
	})
}

// TestIndexLast holds indexLast to strings.Index on Chinese, ASCII and
// mixed text, at every offset of the text.
func TestIndexLast(t *testing.T) {
	texts := []string{
		"本年度共收到政府信息公开申请12件，上年结转0件。2023年未收到行政复议申请。",
		"收到收到收收到到", "2019年2020年20", "", "a", "收",
	}
	needles := []string{"收到", "到", "20", "19", "年", "收收到", "。", "x", "", "到到", "申请12件"}
	for _, s := range texts {
		for i := 0; i <= len(s); i++ {
			for _, n := range needles {
				if got, want := indexLast(s[i:], n), strings.Index(s[i:], n); got != want {
					t.Errorf("indexLast(%q, %q) = %d, want %d", s[i:], n, got, want)
				}
			}
		}
	}
}

// TestIsRuleID holds isRuleID to the pattern it replaces.
func TestIsRuleID(t *testing.T) {
	re := regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	for _, id := range []string{"", "a", "row-cells", "rule-11", "-a", "a-", "a--b", "A", "a_b", "a b", "规则", "x-y-z9", "-", "9"} {
		if got, want := isRuleID(id), re.MatchString(id); got != want {
			t.Errorf("isRuleID(%q) = %v, want %v", id, got, want)
		}
	}
}
