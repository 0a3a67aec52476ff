package parse

import (
	"strings"
	"testing"

	"github.com/opengovcn/annualreport/report"
)

// Section.Where finds phrases of the prose in the source, line and column,
// through the layouts' indentation and the blank lines between paragraphs.
func TestProseWhere(t *testing.T) {
	for _, tc := range []struct {
		seed   string
		sec    report.SectionKey
		phrase string
		want   string
	}{
		{"000_f75296a9e8ded5b4", report.Overview, "接到依申请公开3件", "9:8"},
		{"000_f75296a9e8ded5b4", report.Other, "截至2023年12月31日", "412:1"},
		{"001_10659aee92df145a", report.Overview, "收到依申请公开 2 条", "15:103"},
		{"002_1e4bc6448c6781ed", report.Overview, "2024年1月1日至2024年12月31日", "2:85"},
		{"002_1e4bc6448c6781ed", report.Overview, "未收到和处理", "4:18"},
		{"003_cda8e236fd2b0dc4", report.Problems, "2021年，我镇将", "394:1"},
	} {
		r, err := Parse([]byte(readSeed(t, tc.seed)))
		if err != nil {
			t.Fatal(err)
		}
		s := r.Section(tc.sec)
		i := strings.Index(s.Prose, tc.phrase)
		if i < 0 {
			t.Fatalf("%s: %q not in %s", tc.seed, tc.phrase, tc.sec)
		}
		if got := s.Where(i).String(); got != tc.want {
			t.Errorf("%s %s %q at %s, want %s", tc.seed, tc.sec, tc.phrase, got, tc.want)
		}
	}
	// Without a source, Where falls back to the heading.
	s := report.Section{Prose: "a\nb", Src: report.Source{Line: 7, Col: 1}}
	if got := s.Where(2); got.Line != 7 {
		t.Errorf("no ProseSrc: %v", got)
	}
}
