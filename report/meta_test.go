package report_test

import (
	"testing"

	"github.com/opengovcn/annualreport/report"
)

func TestTitleParts(t *testing.T) {
	for _, tc := range []struct {
		title, agency string
		year          int
	}{
		{"重庆市大渡口区跳磴镇2023年政府信息公开工作年度报告", "重庆市大渡口区跳磴镇", 2023},
		{"车排子镇政府信息公开工作2023年度报告", "车排子镇", 2023},
		{"关于某局 2024 年度政务公开工作的报告", "某局", 2024},
		{"2020年政府信息公开工作年度报告", "", 2020},
		{"某局的信息公开工作报告", "某局", 0},
		{"", "", 0},
	} {
		agency, year := report.TitleParts(tc.title)
		if agency != tc.agency || year != tc.year {
			t.Errorf("TitleParts(%q) = %q, %d; want %q, %d", tc.title, agency, year, tc.agency, tc.year)
		}
	}
}

func TestMetaLine(t *testing.T) {
	for _, tc := range []struct {
		year          int
		agency, title string
	}{
		{2023, "某局", "某局2023年政府信息公开工作年度报告"},
		{0, "", ""},
		{2019, "", "标题；含分号；机关：和 | 竖线"},
	} {
		line := report.MetaLine(tc.year, tc.agency, tc.title)
		year, agency, title, ok := report.ParseMetaLine("  " + line + "\u3000")
		if !ok || year != tc.year || agency != tc.agency || title != tc.title {
			t.Errorf("ParseMetaLine(%q) = %d, %q, %q, %v", line, year, agency, title, ok)
		}
	}
	for _, s := range []string{"", "（报告元数据）", "（报告元数据）年度：二〇二三；机关：；标题：", "（报告元数据）年度：2023；标题：x", "年度：2023；机关：；标题："} {
		if _, _, _, ok := report.ParseMetaLine(s); ok {
			t.Errorf("ParseMetaLine(%q) read a line of metadata", s)
		}
	}
}
